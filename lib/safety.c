/*
 * safety.c - what the seed articles say about when to stop, when to
 * see a doctor and how urgently, and which regions each condition
 * needs worked.  Facts from the articles, words of our own.
 */
#include <string.h>

#include "lr.h"

struct rule {
	const char *conditions;		/* "" for every condition */
	const char *text;
};

static const struct rule rules[] = {
	{ "", "Stop at once if the pain turns sharp, shooting or stabbing, "
	    "or keeps getting worse. Go only as far as is comfortable and "
	    "never force a stretch." },
	{ "", "Muscles are stiffer in the morning: take more care then." },
	{ "", "See a doctor if a leg goes numb or weak, or if you have "
	    "trouble controlling your bladder or bowel." },
	{ "", "Get medical help at once if a painful leg is swollen, red, "
	    "or pale and cold, if you cannot put weight on it, if you have "
	    "a fever, or after a deep wound. These can mean a blood clot, "
	    "an infection or a trapped nerve." },
	{ "sciatica,low-back-pain", "Do the exercises four to five times "
	    "a week; most people feel better within two to four weeks. If "
	    "there is no improvement after six weeks of regular exercise, "
	    "see a doctor." },
	{ "knee-pain", "Some extra pain after exercise is normal, but it "
	    "should settle by the next day. If it has not, stop the "
	    "exercises and check in with your doctor." },
	{ "knee-pain", "In the first two to three days after a knee "
	    "injury, rest and comfort come first, not exercise." },
	{ "knee-pain", "Leave out deep lunges, deep squats, running and "
	    "other high-impact exercise, running up stairs, and too many "
	    "repetitions." },
};

/*
 * Print the rules that apply to a comma list of conditions (every
 * rule when the list is empty or NULL), one bullet each.
 */
void
lr_print_safety(FILE *fp, const char *conditions, int width)
{
	size_t i;

	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (rules[i].conditions[0] != '\0' && conditions != NULL &&
		    conditions[0] != '\0' &&
		    !lr_list_meets(rules[i].conditions, conditions))
			continue;
		fputs("  - ", fp);
		lr_wrap(fp, rules[i].text, 4, 4, width);
	}
}

/*
 * The regions a plan for each condition should work, from what each
 * article stretches and strengthens.
 */
const char *
lr_condition_regions(const char *condition)
{
	static const char *const need[][2] = {
		/* 000 and 001: backs and fronts of thighs, calves, hips. */
		{ "leg-pain", "hamstrings,quadriceps,calves,ankles,glutes,"
		    "hip-flexors,abductors" },
		/* 002: the buttock, the back of the thigh, the spine. */
		{ "sciatica", "piriformis,glutes,hamstrings,lower-back,spine,"
		    "core" },
		/* 004: five stretches, then five strengthening moves. */
		{ "knee-pain", "knees,quadriceps,hip-flexors,calves,"
		    "hamstrings,glutes,abductors,adductors" },
		/* 002 and 003: the back and the backs of the legs. */
		{ "low-back-pain", "lower-back,spine,hamstrings,glutes,core" },
	};
	size_t i;

	for (i = 0; i < sizeof need / sizeof need[0]; i++)
		if (strcmp(need[i][0], condition) == 0)
			return need[i][1];
	return "";
}

/*
 * The warning signs asked about before the first session of a day.
 * The articles say which call for help at once (000: swelling,
 * redness, a pale cold leg, no weight on it, fever, a deep wound),
 * which for a doctor (002: numbness, weakness, bladder or bowel), and
 * when to wait (004: the first 48-72 hours after an injury; pain from
 * the last session that has not settled).
 */
const struct screen_question lr_screen[] = {
	{ "numbness", "Is a leg numb, or weaker than usual?",
	    "Numbness or weakness needs a doctor's opinion before you "
	    "exercise again. Please see your doctor.", 0 },
	{ "bladder", "Have you had trouble controlling your bladder or "
	    "bowel?",
	    "Trouble with bladder or bowel control needs a doctor. Please "
	    "contact your doctor now rather than exercising.", 1 },
	{ "leg-colour", "Is a leg swollen, red or hot, or pale and cold?",
	    "A swollen, red, hot, or pale and cold leg can mean a blood clot "
	    "or an infection. Get medical help right away.", 1 },
	{ "fever", "Do you have a fever?",
	    "Leg pain with a fever can mean an infection. Get medical help "
	    "right away.", 1 },
	{ "weight", "Are you unable to put your weight on a leg?",
	    "Not being able to stand on a leg needs to be checked. Get "
	    "medical help right away.", 1 },
	{ "wound", "Do you have a deep cut or wound on the leg?",
	    "A deep wound needs care before any exercise. Get medical help "
	    "right away.", 1 },
	{ "sharp-pain", "Is your pain sharp or shooting, or getting worse?",
	    "Do not exercise while the pain is sharp, shooting or getting "
	    "worse. Start again only when it is bearable, and ask your "
	    "physiotherapist first.", 0 },
	{ "injury", "Did you injure your leg or knee in the last two to "
	    "three days?",
	    "The first two to three days after an injury are for rest and "
	    "comfort measures, not exercise. Wait, and check with your "
	    "doctor before you start.", 0 },
	{ "unsettled", "Has pain that rose after your last session still "
	    "not settled?",
	    "Pain after exercise should settle by the next day. Stop the "
	    "exercises and check in with your doctor.", 0 },
	{ NULL, NULL, NULL, 0 }
};

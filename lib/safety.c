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

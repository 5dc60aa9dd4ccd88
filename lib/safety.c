/* safety.c - owns the articles' safety rules, each with its article. */

/*
 * What the seed articles say about when to stop, when to
 * see a doctor and how urgently, each rule with the article that makes
 * it and the conditions it is for; and which regions each condition
 * needs worked.  Facts from the articles, words of our own.
 */
#include <string.h>

#include "lr.h"

/* The five articles, by the file name the catalog cites them by. */
static const char *const articles[][2] = {
	{ "000_bd524d16304c268a.txt", "the leg pain article" },
	{ "001_e49d686f2dc4862f.txt", "the stretch-and-strengthen article" },
	{ "002_ae89acf58824fd98.txt", "the sciatica article" },
	{ "003_acef5f8e58d66f5d.txt", "the leg-stretching article" },
	{ "004_af18e76644b40d20.txt", "the knee pain article" },
};

#define A_LEG "000_bd524d16304c268a.txt"
#define A_SCIATICA "002_ae89acf58824fd98.txt"
#define A_STRETCH "003_acef5f8e58d66f5d.txt"
#define A_KNEE "004_af18e76644b40d20.txt"

/* "the sciatica article", or the file name itself when unknown. */
const char *
lr_article_name(const char *file)
{
	size_t i;

	for (i = 0; i < sizeof articles / sizeof articles[0]; i++)
		if (strcmp(articles[i][0], file) == 0)
			return articles[i][1];
	return file;
}

/* Said before the first session, on every card and in every plan. */
const char lr_check_first[] = "Check with your doctor or physiotherapist "
    "before you start, above all if you have not "
    "exercised for a while.";

/*
 * A rule applies to the conditions it names ("" for every condition)
 * and to a routine taken from its article.
 */
struct rule {
	const char *conditions;
	const char *source;
	const char *text;
	const char *also;	/* another article that makes it, or NULL */
	const char *also_for;	/* the conditions it is cited for */
};

static const struct rule rules[] = {
	/* 002 asks for a physiotherapist first and 004 a doctor; 003
	 * names those who have not exercised for a while. */
	{ "", A_STRETCH, lr_check_first, NULL, NULL },
	{ "", A_SCIATICA, "Stop at once if the pain turns sharp, shooting "
	    "or stabbing, or keeps getting worse. Go only as far as is "
	    "comfortable and never force a stretch.", A_KNEE,
	    "knee-pain" },
	{ "", A_SCIATICA, "See a doctor if a leg goes numb or weak, or if "
	    "you have trouble controlling your bladder or bowel.", NULL, NULL },
	{ "", A_LEG, "Get medical help at once if a painful leg is "
	    "swollen, red, or pale and cold, if you cannot put weight on "
	    "it, if you have a fever, or after a deep wound. These can mean "
	    "a blood clot, an infection or a trapped nerve.", NULL, NULL },
	{ "sciatica,low-back-pain", A_SCIATICA, "Do the exercises four to "
	    "five times a week; most people feel better within two to four "
	    "weeks. If the pain has not gone after more than six weeks of "
	    "regular exercise, see a doctor.", NULL, NULL },
	{ "low-back-pain", A_STRETCH, "Stop a stretch if you feel any pain, "
	    "and never force it. Muscles are tighter in the morning, so take "
	    "extra care then.", NULL, NULL },
	{ "knee-pain", A_KNEE, "Some extra pain after exercise is normal, "
	    "but it should settle by the next day. If it has not, stop the "
	    "exercises and check in with your doctor.", NULL, NULL },
	{ "knee-pain", A_KNEE, "Rest first, not exercise, in the first two "
	    "to three days (48 to 72 hours) after a knee injury, and right "
	    "after a broken bone has been set or repaired.", NULL, NULL },
	{ "knee-pain", A_KNEE, "Leave out deep lunges, deep squats, running "
	    "and other high-impact exercise, running up stairs, and too many "
	    "repetitions.", NULL, NULL },
};

static int
rule_applies(const struct rule *r, const char *conditions,
    const char *article)
{
	if (r->conditions[0] == '\0' || conditions == NULL)
		return 1;
	if (article != NULL && (strcmp(article, r->source) == 0 ||
	    (r->also != NULL && strcmp(article, r->also) == 0)))
		return 1;
	return conditions[0] != '\0' && lr_list_meets(r->conditions,
	    conditions);
}

/* Whether a rule's second article speaks to this plan too. */
static int
also_cited(const struct rule *r, const char *conditions,
    const char *article)
{
	if (r->also == NULL)
		return 0;
	if (conditions == NULL || (article != NULL &&
	    strcmp(article, r->also) == 0))
		return 1;
	return conditions[0] != '\0' && lr_list_meets(r->also_for,
	    conditions);
}

/*
 * Print, one bullet each and naming its article, the rules for a comma
 * list of conditions and for a routine from `article` (either may be
 * "" for none, or conditions NULL for every rule).
 */
void
lr_print_safety(FILE *fp, const char *conditions, const char *article,
    int width)
{
	char text[600];
	size_t i;

	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (!rule_applies(&rules[i], conditions, article))
			continue;
		if (also_cited(&rules[i], conditions, article))
			snprintf(text, sizeof text, "%s (%s, %s; %s, %s)",
			    rules[i].text, lr_article_name(rules[i].source),
			    rules[i].source, lr_article_name(rules[i].also),
			    rules[i].also);
		else
			snprintf(text, sizeof text, "%s (%s, %s)",
			    rules[i].text, lr_article_name(rules[i].source),
			    rules[i].source);
		fputs("  - ", fp);
		lr_wrap(fp, text, 4, 4, width);
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
 * The warning signs asked about before the first session of a day,
 * those that call for help at once first (000: swelling, redness, a
 * pale cold leg, no weight on it, fever, a deep wound; 002: bladder or
 * bowel), then those for a doctor (002: numbness, weakness), then when
 * to wait (002: sharp or worsening pain; 004: the first 48-72 hours
 * after an injury or a bone set or repaired; pain from the last
 * session that has not settled).
 */
const struct screen_question lr_screen[] = {
	{ "leg-colour", "Is a leg swollen, red or hot, or pale and cold?",
	    "A swollen, red, hot, or pale and cold leg can mean a blood clot "
	    "or an infection. Get medical help right away.", 1, A_LEG },
	{ "weight", "Are you unable to put your weight on a leg?",
	    "Not being able to stand on a leg needs to be checked. Get "
	    "medical help right away.", 1, A_LEG },
	{ "fever", "Do you have a fever?",
	    "Leg pain with a fever can mean an infection. Get medical help "
	    "right away.", 1, A_LEG },
	{ "wound", "Do you have a deep cut or wound on the leg?",
	    "A deep wound needs care before any exercise. Get medical help "
	    "right away.", 1, A_LEG },
	{ "bladder", "Have you had trouble controlling your bladder or "
	    "bowel?",
	    "Trouble with bladder or bowel control needs a doctor. Please "
	    "contact your doctor now rather than exercising.", 1, A_SCIATICA },
	{ "numbness", "Is a leg numb, or weaker than usual?",
	    "Numbness or weakness needs a doctor's opinion before you "
	    "exercise again. Please see your doctor.", 0, A_SCIATICA },
	{ "sharp-pain", "Is your pain sharp or shooting, or getting worse?",
	    "Do not exercise while the pain is sharp, shooting or getting "
	    "worse. Start again only when it is bearable, and ask your "
	    "physiotherapist first.", 0, A_SCIATICA },
	{ "injury", "Did you hurt your leg or knee in the last two to three "
	    "days, or has a broken bone in it just been set or repaired?",
	    "The first two to three days after an injury, and the time right "
	    "after a broken bone is set or repaired, are for rest and comfort "
	    "measures, not exercise. Wait, and check with your doctor before "
	    "you start.", 0, A_KNEE },
	{ "unsettled", "Has pain that rose after your last session still "
	    "not settled?",
	    "Pain after exercise should settle by the next day. Stop the "
	    "exercises and check in with your doctor.", 0, A_KNEE },
	{ NULL, NULL, NULL, 0, NULL }
};

/* The question recorded under key, or NULL. */
const struct screen_question *
lr_screen_find(const char *key, size_t len)
{
	size_t i;

	for (i = 0; lr_screen[i].key != NULL; i++)
		if (strlen(lr_screen[i].key) == len &&
		    strncmp(lr_screen[i].key, key, len) == 0)
			return &lr_screen[i];
	return NULL;
}

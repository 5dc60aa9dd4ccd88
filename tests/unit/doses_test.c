/*
 * doses_test.c - the doses table: read and checked, and the dose a
 * plan for some conditions takes from it.
 */
#include "unit.h"
#include "doses.h"

#define HEADER "id\tarticle\tsets\tsets_max\treps\treps_max\thold_s" \
	"\thold_s_max\tbreaths\tbreaths_max\talternative\tfigures\tnote\n"
#define A0 "000_bd524d16304c268a.txt"
#define A1 "001_e49d686f2dc4862f.txt"
#define A2 "002_ae89acf58824fd98.txt"
#define A4 "004_af18e76644b40d20.txt"

static const char table[] = HEADER
    "fig\t" A1 "\t1\t1\t0\t0\t10\t30\t0\t0\t\tarticle\tn\n"
    "fig\t" A2 "\t1\t1\t0\t0\t20\t30\t0\t0\t\tarticle\tn\n"
    "fig\t" A4 "\t1\t1\t0\t0\t90\t300\t0\t0\t\tarticle\tn\n"
    "raise\t" A0 "\t1\t1\t12\t15\t2\t2\t0\t0\t\tarticle\tn\n"
    "raise\t" A4 "\t1\t3\t10\t10\t0\t0\t0\t0\tcalf\tarticle\tn\n"
    "step\t" A4 "\t1\t3\t10\t10\t0\t0\t0\t0\tcalf\tarticle\tn\n"
    "step\t" A0 "\t1\t1\t12\t15\t2\t2\t0\t0\t\tlr\tn\n"
    "mix\t" A0 "\t1\t1\t10\t15\t0\t0\t0\t0\t\tarticle\tn\n"
    "mix\t" A1 "\t2\t2\t0\t0\t40\t40\t0\t0\t\tarticle\tn\n"
    "sets\t" A0 "\t3\t3\t5\t5\t0\t0\t0\t0\t\tarticle\tn\n"
    "sets\t" A1 "\t1\t1\t0\t0\t60\t60\t0\t0\t\tarticle\tn\n"
    "breathe\t" A0 "\t1\t1\t0\t0\t0\t0\t5\t10\t\tarticle\tn\n"
    "breathe\t" A1 "\t2\t2\t0\t0\t0\t0\t3\t6\t\tarticle\tn\n";

static struct exercise
exercise(const char *id, long sides)
{
	struct exercise e;

	memset(&e, 0, sizeof e);
	e.id = id;
	e.sides = sides;
	e.rep_s = 4;		/* reps take time, as in the catalog */
	return e;
}

static void
read_table(struct doses *d)
{
	FILE *fp = unit_input(table);

	assert_int_equal(doses_read(d, fp, "t"), 0);
	fclose(fp);
	assert_int_equal(d->n, 13);
}

/* The dose for conditions, checked and freed: start and top figures. */
static void
expect_dose(const struct doses *d, const struct exercise *e,
    const char *conditions, const char *articles, long sets, long sets_max,
    long reps, long reps_max, long hold, long hold_max)
{
	struct article_dose *a = doses_for(d, e, conditions);

	assert_non_null(a);
	assert_string_equal(a->id, e->id);
	assert_string_equal(a->article, articles);
	assert_int_equal(a->start.sets, sets);
	assert_int_equal(a->top.sets, sets_max);
	assert_int_equal(a->start.reps, reps);
	assert_int_equal(a->top.reps, reps_max);
	assert_int_equal(a->start.hold_s, hold);
	assert_int_equal(a->top.hold_s, hold_max);
	doses_dose_free(a);
}

static void
the_condition_chooses_the_article(void **state)
{
	struct doses d;
	struct exercise fig = exercise("fig", 2), raise = exercise("raise", 1);
	struct article_dose *a;

	(void)state;
	read_table(&d);
	expect_dose(&d, &fig, "sciatica", A2, 1, 1, 0, 0, 20, 30);
	expect_dose(&d, &fig, "knee-pain", A4, 1, 1, 0, 0, 90, 300);
	a = doses_for(&d, &raise, "knee-pain");
	assert_string_equal(a->alternative, "calf");
	doses_dose_free(a);
	/* No article for the condition doses it: no dose. */
	assert_null(doses_for(&d, &raise, "sciatica"));
	assert_null(doses_for(&d, &(struct exercise){ .id = "x" }, NULL));
	assert_true(doses_known(&d, "raise"));
	assert_false(doses_known(&d, "x"));
	assert_non_null(doses_of(&d, "raise", A4));
	assert_null(doses_of(&d, "raise", A2));
	doses_free(&d);
}

/*
 * Several articles: the lowest start and the lowest top of each
 * figure, so that no figure is above any of them; the articles named.
 */
static void
several_articles_give_the_lowest_figures(void **state)
{
	struct doses d;
	struct exercise fig = exercise("fig", 2), raise = exercise("raise", 1);
	struct exercise mix = exercise("mix", 1), sets = exercise("sets", 1);
	struct exercise breathe = exercise("breathe", 1);
	struct article_dose *a;
	char *cite;

	(void)state;
	read_table(&d);
	/* Knee: 1 set of 10, up to 3 sets; leg pain: 1 set of 12-15. */
	expect_dose(&d, &raise, "leg-pain,knee-pain", A0 "," A4, 1, 1, 10, 10,
	    0, 0);
	expect_dose(&d, &raise, NULL, A0 "," A4, 1, 1, 10, 10, 0, 0);
	/* 10-30 s, 20-30 s and 90 s-5 min: 10-30 s. */
	expect_dose(&d, &fig, "knee-pain,leg-pain", A1 "," A2 "," A4, 1, 1,
	    0, 0, 10, 30);
	expect_dose(&d, &fig, "sciatica,low-back-pain", A2, 1, 1, 0, 0, 20,
	    30);
	/* Reps alone and a hold alone leave nothing: the shorter one. */
	expect_dose(&d, &mix, "leg-pain", A0, 1, 1, 10, 15, 0, 0);
	/* ...and even then no more sets than the lowest: 3x5 reps (60 s)
	 * is shorter than 1x60 s, but 1 set is the lowest. */
	expect_dose(&d, &sets, "leg-pain", A0, 1, 1, 5, 5, 0, 0);
	/* Breaths alone are something to do: the lowest of each. */
	a = doses_for(&d, &breathe, "leg-pain");
	assert_string_equal(a->article, A0 "," A1);
	assert_int_equal(a->start.sets, 1);
	assert_int_equal(a->top.sets, 1);
	assert_int_equal(a->start.breaths, 3);
	assert_int_equal(a->top.breaths, 6);
	doses_dose_free(a);
	a = doses_for(&d, &raise, "leg-pain,knee-pain");
	cite = doses_cite(&d, a);
	assert_non_null(strstr(cite, "the lowest of each figure of "));
	assert_non_null(strstr(cite, "(" A0 ")"));
	assert_non_null(strstr(cite, "(" A4 ")"));
	free(cite);
	doses_dose_free(a);
	doses_free(&d);
}

/* Alternatives in one article are alternatives whatever the dose. */
static void
alternatives_come_from_every_article(void **state)
{
	struct doses d;
	struct exercise step = exercise("step", 1);
	struct article_dose *a;

	(void)state;
	read_table(&d);
	assert_true(doses_alternatives(&d, "raise", "step"));
	assert_true(doses_alternatives(&d, "step", "raise"));
	assert_false(doses_alternatives(&d, "raise", "fig"));
	assert_false(doses_alternatives(&d, "fig", "mix"));
	/* The leg pain article's row has no group; the knee one's has. */
	a = doses_for(&d, &step, "leg-pain");
	assert_string_equal(a->article, A0);
	assert_string_equal(a->alternative, "calf");
	doses_dose_free(a);
	doses_free(&d);
}

static void
expect_error(const char *text, const char *message)
{
	struct unit_messages m;
	struct doses d;
	FILE *fp = unit_input(text);

	unit_messages_start(&m);
	assert_int_equal(doses_read(&d, fp, "t"), -1);
	if (strstr(unit_messages_text(&m), message) == NULL)
		fail_msg("expected \"%s\" in \"%s\"", message,
		    unit_messages_text(&m));
	doses_free(&d);
	fclose(fp);
	unit_messages_end(&m);
}

static void
bad_rows_are_named(void **state)
{
	(void)state;
	expect_error(HEADER "fig\t" A1 "\t1\t1\t0\t0\t40\t30\t0\t0\t\tarticle"
	    "\tn\n", "t:2: column \"hold_s_max\": expected at least hold_s "
	    "(40), got 30");
	expect_error(HEADER "fig\t" A1 "\t0\t0\t0\t0\t10\t30\t0\t0\t\tarticle"
	    "\tn\n", "t:2: column \"sets\": expected at least one set");
	expect_error(HEADER "fig\t" A1 "\t1\t1\t0\t0\t10\t30\t0\t0\t\tmine"
	    "\tn\n", "t:2: column \"figures\"");
	expect_error(HEADER "Fig!\t" A1 "\t1\t1\t0\t0\t10\t30\t0\t0\t\tlr"
	    "\tn\n", "t:2: column \"id\": expected an exercise id");
	expect_error(HEADER "fig\t" A1 "\t1\t1\t0\t0\t10\t30\t0\t0\t\tlr\tn\n"
	    "fig\t" A1 "\t1\t1\t0\t0\t10\t20\t0\t0\t\tlr\tn\n",
	    "t:3: column \"article\": a second dose of \"fig\"");
	expect_error("id\tarticle\n", "t:1: missing required column");
}

/* The shipped table doses every exercise of the shipped catalog. */
static void
every_shipped_exercise_has_a_dose(void **state)
{
	struct doses d;
	struct catalog c;
	struct exercise e;
	struct article_dose *a;
	FILE *dfp = fopen("share/doses.tsv", "r");
	FILE *cfp = fopen("share/catalog.tsv", "r");
	int rv;

	(void)state;
	assert_non_null(dfp);
	assert_non_null(cfp);
	assert_int_equal(doses_read(&d, dfp, "share/doses.tsv"), 0);
	assert_int_equal(catalog_open(&c, cfp, "share/catalog.tsv"), 0);
	while ((rv = catalog_next(&c, &e)) != TSV_EOF) {
		assert_int_equal(rv, TSV_ROW);
		if (!doses_known(&d, e.id))
			fail_msg("%s: no dose in share/doses.tsv", e.id);
		a = doses_for(&d, &e, e.conditions);
		if (a == NULL)
			fail_msg("%s: no dose for %s", e.id, e.conditions);
		doses_dose_free(a);
	}
	catalog_close(&c);
	doses_free(&d);
	fclose(dfp);
	fclose(cfp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_condition_chooses_the_article),
		cmocka_unit_test(several_articles_give_the_lowest_figures),
		cmocka_unit_test(alternatives_come_from_every_article),
		cmocka_unit_test(bad_rows_are_named),
		cmocka_unit_test(every_shipped_exercise_has_a_dose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

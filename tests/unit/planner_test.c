/*
 * planner_test.c - the planner's rules, over many seeds and budgets on
 * the shipped catalog, and its doses on small catalogs made by hand.
 */
#include "unit.h"
#include "planner.h"

static struct doses shipped, none;

#define HEADER "id\tname\tkind\tregions\tconditions\tposition\tequipment" \
	"\tlevel\tsides\tsets\tsets_max\treps\treps_max\trep_s\thold_s" \
	"\thold_s_max\tbreaths\tbreaths_max\trest_s\tavoid\tcaution\tcue" \
	"\thelps\tsteps\tdose\tsource\n"
#define TAIL "\t\tcaution\tcue\thelps\tsteps\tdose\t001_x.txt\n"

/* A warm-up and one stretch held for 3 breaths of 5 s, up to 10. */
static const char breathing[] = HEADER
    "walk\tWalk\twarmup\tcalves\tsciatica\tstanding\tnone\t1\t1\t1\t1"
    "\t0\t0\t0\t60\t60\t0\t0\t0" TAIL
    "twist\tTwist\tstretch\tlower-back\tsciatica\tsupine\tnone\t1\t1\t1"
    "\t3\t0\t0\t0\t15\t15\t3\t10\t0" TAIL;

struct counts {
	long plans, sets_added;
};

static int
load_doses(void **state)
{
	FILE *fp = fopen("share/doses.tsv", "r");

	(void)state;
	assert_non_null(fp);
	assert_int_equal(doses_read(&shipped, fp, "share/doses.tsv"), 0);
	fclose(fp);
	return 0;
}

static int
free_doses(void **state)
{
	(void)state;
	doses_free(&shipped);
	return 0;
}

static void
open_shipped(struct pool *p, FILE **fp)
{
	*fp = fopen("share/catalog.tsv", "r");
	assert_non_null(*fp);
	assert_int_equal(pool_open(p, *fp, "share/catalog.tsv"), 0);
}

/*
 * The dose is the article's, from an article written for the
 * condition: where it starts, with sets added up to its top.
 */
static void
check_dose(const struct item *it, const char *condition, struct counts *n)
{
	const struct dose *d = &it->d;
	const struct article_dose *a = it->from;

	assert_non_null(a);
	assert_true(lr_list_has(doses_articles(condition), a->article));
	assert_int_equal(d->reps, a->start.reps);
	assert_int_equal(d->hold_s, a->start.hold_s);
	assert_int_equal(d->breaths, a->start.breaths);
	assert_true(d->sets >= a->start.sets && d->sets <= a->top.sets);
	n->sets_added += d->sets > a->start.sets;
}

static void
check_plan(const struct pool *p, const char *condition, long budget,
    struct counts *n)
{
	size_t i, j;
	int phase = PH_WARMUP;

	assert_true(pool_total(p) <= budget);
	assert_true(p->n > 1 && p->v[0].chosen && p->v[1].chosen);
	assert_int_equal(p->v[0].phase, PH_WARMUP);
	assert_int_equal(p->v[1].phase, PH_STRETCH);	/* a stretch fits */
	for (i = 0; i < p->n && p->v[i].chosen; i++) {
		const struct item *it = &p->v[i];

		assert_true(it->phase >= phase);	/* warm, stretch, strong */
		phase = it->phase;
		assert_true(i == 0 || it->phase != PH_WARMUP);
		assert_false(lr_list_has(it->e.avoid, condition));
		assert_true(lr_list_has(it->e.conditions, condition));
		assert_non_null(it->why);
		check_dose(it, condition, n);
		for (j = 0; j < i; j++)		/* never both alternatives */
			assert_true(it->from->alternative[0] == '\0' ||
			    strcmp(it->from->alternative,
			    p->v[j].from->alternative) != 0);
	}
	n->plans++;
}

static void
many_seeds_keep_every_rule(void **state)
{
	struct counts n = { 0, 0 };
	size_t c;
	unsigned long long seed;

	(void)state;
	for (c = 0; lr_conditions[c] != NULL; c++)
		for (seed = 1; seed <= 60; seed++) {
			struct filter f = { 0 };
			struct pool p;
			FILE *fp;
			long budget = 60 * (long)(8 + seed % 40);

			filter_option(&f, 'c', lr_conditions[c]);
			open_shipped(&p, &fp);
			assert_int_equal(pool_read(&p, &f, &shipped), 0);
			assert_int_equal(pool_choose(&p, f.conditions, budget,
			    seed), LR_OK);
			check_plan(&p, lr_conditions[c], budget, &n);
			pool_free(&p);
			fclose(fp);
			filter_free(&f);
		}
	/* The rules above were tried on plans the planner did fill. */
	assert_int_equal(n.plans, 240);
	assert_true(n.sets_added > 0);
}

static void
same_seed_same_plan(void **state)
{
	char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0, i, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		FILE *out = open_memstream(k ? &b : &a, k ? &lb : &la), *fp;
		struct pool p;

		open_shipped(&p, &fp);
		assert_int_equal(pool_read(&p, &(struct filter){ 0 }, &shipped), 0);
		assert_int_equal(pool_choose(&p, NULL, 1800, 42), LR_OK);
		for (i = 0; i < p.n && p.v[i].chosen; i++)
			plan_put_row(out, &p.c, (long)i + 1, &p.v[i].e,
			    &p.v[i].d, NULL, p.v[i].row);
		pool_free(&p);
		fclose(fp);
		fclose(out);
	}
	assert_true(la > 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* Time to spare goes to sets, up to the top; reps and holds stay. */
static void
time_to_spare_goes_to_sets(void **state)
{
	struct pool p;
	FILE *fp = unit_input(breathing);

	(void)state;
	assert_int_equal(pool_open(&p, fp, "breathing"), 0);
	assert_int_equal(pool_read(&p, &(struct filter){ 0 }, &none), 0);
	assert_int_equal(pool_choose(&p, "sciatica", 600, 1), LR_OK);
	assert_string_equal(p.v[0].e.id, "walk");
	assert_string_equal(p.v[1].e.id, "twist");
	assert_int_equal(p.v[1].d.sets, 3);
	assert_int_equal(p.v[1].d.breaths, 3);
	assert_int_equal(p.v[1].d.hold_s, 15);
	assert_int_equal(p.v[1].d.rest_s, 10);
	assert_true(p.v[1].raised);
	pool_free(&p);
	fclose(fp);
}

/* Each breath of a hold lasts as long as where the dose started. */
static void
breath_holds_scale_with_breaths(void **state)
{
	const struct dose base = { 2, 1, 0, 0, 15, 3, 0 };
	const struct dose top = { 2, 1, 0, 0, 50, 10, 0 };
	struct dose d = base;
	long b;

	(void)state;
	for (b = 4; b <= 10; b++) {
		assert_int_equal(dose_raise(&d, &base, &top, DOSE_BREATHS), 1);
		assert_int_equal(d.breaths, b);
		assert_int_equal(d.hold_s, 5 * b);
	}
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_BREATHS), 0);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_HOLD), 0);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_SETS), 0);
	assert_int_equal(d.hold_s, 50);
}

/* Every kind of step stops at the top, holds in steps of 5 s. */
static void
raises_stop_at_the_top(void **state)
{
	const struct dose base = { 1, 1, 10, 3, 0, 0, 30 };
	const struct dose top = { 1, 3, 12, 3, 0, 0, 30 };
	const struct dose hbase = { 2, 1, 0, 0, 20, 0, 0 };
	const struct dose htop = { 2, 1, 0, 0, 32, 0, 0 };
	struct dose d = base, h = hbase;

	(void)state;
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_REPS), 1);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_REPS), 1);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_REPS), 0);
	assert_int_equal(d.reps, 12);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_HOLD), 0);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_BREATHS), 0);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_SETS), 1);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_SETS), 1);
	assert_int_equal(dose_raise(&d, &base, &top, DOSE_SETS), 0);
	assert_int_equal(d.sets, 3);
	assert_int_equal(dose_raise(&h, &hbase, &htop, DOSE_HOLD), 1);
	assert_int_equal(h.hold_s, 25);
	assert_int_equal(dose_raise(&h, &hbase, &htop, DOSE_HOLD), 1);
	assert_int_equal(dose_raise(&h, &hbase, &htop, DOSE_HOLD), 1);
	assert_int_equal(h.hold_s, 32);
	assert_int_equal(dose_raise(&h, &hbase, &htop, DOSE_HOLD), 0);
	assert_int_equal(dose_raise(&h, &hbase, &htop, DOSE_REPS), 0);
}

static void
too_short_for_the_warm_up(void **state)
{
	struct unit_messages m;
	struct pool p;
	FILE *fp = unit_input(breathing);

	(void)state;
	unit_messages_start(&m);
	assert_int_equal(pool_open(&p, fp, "breathing"), 0);
	assert_int_equal(pool_read(&p, &(struct filter){ 0 }, &none), 0);
	assert_int_equal(pool_choose(&p, NULL, 60, 1), LR_EDATA);
	assert_non_null(strstr(unit_messages_text(&m), "too short: the "
	    "shortest warm-up these filters allow takes 1 min 10 s"));
	pool_free(&p);
	fclose(fp);
	unit_messages_end(&m);
}

static void
nothing_left_names_the_filter(void **state)
{
	struct unit_messages m;
	struct filter f = { 0 };
	struct pool p;
	FILE *fp = unit_input(breathing);

	(void)state;
	unit_messages_start(&m);
	filter_option(&f, 'c', "knee-pain");
	assert_int_equal(pool_open(&p, fp, "breathing"), 0);
	assert_int_equal(pool_read(&p, &f, &shipped), 0);
	assert_int_equal(pool_choose(&p, f.conditions, 600, 1), LR_EDATA);
	assert_non_null(strstr(unit_messages_text(&m), "nothing to plan: "
	    "--condition leaves no stretch or strengthening exercise (of the "
	    "1 in the catalog that are not warm-ups, --condition leaves 0)"));
	pool_free(&p);
	fclose(fp);
	filter_free(&f);
	unit_messages_end(&m);
}

static void
a_routine_keeps_its_steps_and_doses(void **state)
{
	struct routine_step steps[] = {
		{ "r", "R", "twist", "001_x.txt", 1, 2, 0, 20, 4, 15 },
		{ "r", "R", "walk", "001_x.txt", 2, 1, 0, 120, 0, 0 },
	};
	struct routine r = { steps, 2, 2, NULL, NULL };
	struct pool p;
	FILE *fp = unit_input(breathing);

	(void)state;
	assert_int_equal(pool_open(&p, fp, "breathing"), 0);
	assert_int_equal(pool_routine(&p, &r, &none), 0);
	assert_string_equal(p.v[0].e.id, "twist");
	assert_int_equal(p.v[0].d.sets, 2);
	assert_int_equal(p.v[0].d.hold_s, 20);
	assert_int_equal(p.v[0].d.breaths, 4);
	assert_int_equal(p.v[0].d.rest_s, 15);
	assert_string_equal(p.v[1].e.id, "walk");
	assert_int_equal(p.v[1].d.hold_s, 120);
	pool_free(&p);
	fclose(fp);
}

static void
a_routine_step_not_in_the_catalog(void **state)
{
	struct routine_step steps[] = {
		{ "r", "R", "plank", "001_x.txt", 7, 1, 0, 20, 0, 0 },
	};
	struct routine r = { steps, 1, 1, NULL, NULL };
	struct unit_messages m;
	struct pool p;
	FILE *fp = unit_input(breathing);

	(void)state;
	unit_messages_start(&m);
	assert_int_equal(pool_open(&p, fp, "breathing"), 0);
	assert_int_equal(pool_routine(&p, &r, &none), -1);
	assert_non_null(strstr(unit_messages_text(&m), "breathing: routine "
	    "step 7: no exercise \"plank\" in the catalog"));
	pool_free(&p);
	fclose(fp);
	unit_messages_end(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_seeds_keep_every_rule),
		cmocka_unit_test(same_seed_same_plan),
		cmocka_unit_test(time_to_spare_goes_to_sets),
		cmocka_unit_test(breath_holds_scale_with_breaths),
		cmocka_unit_test(raises_stop_at_the_top),
		cmocka_unit_test(too_short_for_the_warm_up),
		cmocka_unit_test(nothing_left_names_the_filter),
		cmocka_unit_test(a_routine_keeps_its_steps_and_doses),
		cmocka_unit_test(a_routine_step_not_in_the_catalog),
	};

	return cmocka_run_group_tests(tests, load_doses, free_doses);
}

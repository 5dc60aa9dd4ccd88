/*
 * planner_test.c - the planner's rules, over many seeds and budgets on
 * the shipped catalog, and its doses on small catalogs made by hand.
 */
#include "unit.h"
#include "planner.h"

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
    "\t1\t0\t0\t0\t15\t15\t3\t10\t0" TAIL;

struct counts {
	long plans, breaths_raised, holds_raised;
};

static void
open_shipped(struct pool *p, FILE **fp)
{
	*fp = fopen("share/catalog.tsv", "r");
	assert_non_null(*fp);
	assert_int_equal(pool_open(p, *fp, "share/catalog.tsv"), 0);
}

static void
check_dose(const struct item *it, struct counts *n)
{
	const struct dose *d = &it->d, *b = &it->base;
	const struct exercise *e = &it->e;

	assert_true(d->sets >= b->sets && d->sets <= e->sets_max);
	assert_true(d->reps >= b->reps && d->reps <= e->reps_max);
	assert_true(d->breaths >= b->breaths &&
	    d->breaths <= e->breaths_max);
	if (b->breaths > 0) {
		/* Each breath lasts as long as the catalog says. */
		assert_int_equal(d->hold_s * b->breaths, b->hold_s * d->breaths);
		n->breaths_raised += d->breaths > b->breaths;
	} else if (b->reps == 0) {
		assert_true(d->hold_s >= b->hold_s && d->hold_s <= e->hold_s_max);
		n->holds_raised += d->hold_s > b->hold_s;
	} else
		assert_int_equal(d->hold_s, b->hold_s);
}

static void
check_plan(const struct pool *p, const char *condition, long budget,
    struct counts *n)
{
	size_t i;
	int phase = PH_WARMUP;

	assert_true(pool_total(p) <= budget);
	assert_true(p->n > 0 && p->v[0].chosen);
	assert_int_equal(p->v[0].phase, PH_WARMUP);
	for (i = 0; i < p->n && p->v[i].chosen; i++) {
		const struct item *it = &p->v[i];

		assert_true(it->phase >= phase);	/* warm, stretch, strong */
		phase = it->phase;
		assert_true(i == 0 || it->phase != PH_WARMUP);
		assert_false(lr_list_has(it->e.avoid, condition));
		assert_true(lr_list_has(it->e.conditions, condition));
		assert_non_null(it->why);
		check_dose(it, n);
	}
	n->plans++;
}

static void
many_seeds_keep_every_rule(void **state)
{
	struct counts n = { 0, 0, 0 };
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
			assert_int_equal(pool_read(&p, &f), 0);
			assert_int_equal(pool_choose(&p, f.conditions, budget,
			    seed), LR_OK);
			check_plan(&p, lr_conditions[c], budget, &n);
			pool_free(&p);
			fclose(fp);
			filter_free(&f);
		}
	/* The rules above were tried on doses the planner did raise. */
	assert_int_equal(n.plans, 240);
	assert_true(n.breaths_raised > 0);
	assert_true(n.holds_raised > 0);
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
		assert_int_equal(pool_read(&p, &(struct filter){ 0 }), 0);
		assert_int_equal(pool_choose(&p, NULL, 1800, 42), LR_OK);
		for (i = 0; i < p.n && p.v[i].chosen; i++)
			plan_put_row(out, &p.c, (long)i + 1, &p.v[i].e,
			    &p.v[i].d, p.v[i].row);
		pool_free(&p);
		fclose(fp);
		fclose(out);
	}
	assert_true(la > 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* Time to spare goes to breaths, each still as long as the catalog's. */
static void
breath_holds_scale_with_breaths(void **state)
{
	struct pool p;
	FILE *fp = unit_input(breathing);

	(void)state;
	assert_int_equal(pool_open(&p, fp, "breathing"), 0);
	assert_int_equal(pool_read(&p, &(struct filter){ 0 }), 0);
	assert_int_equal(pool_choose(&p, "sciatica", 600, 1), LR_OK);
	assert_string_equal(p.v[0].e.id, "walk");
	assert_string_equal(p.v[1].e.id, "twist");
	assert_int_equal(p.v[1].d.breaths, 10);
	assert_int_equal(p.v[1].d.hold_s, 50);
	assert_true(p.v[1].raised);
	pool_free(&p);
	fclose(fp);
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
	assert_int_equal(pool_read(&p, &(struct filter){ 0 }), 0);
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
	assert_int_equal(pool_read(&p, &f), 0);
	assert_int_equal(pool_choose(&p, f.conditions, 600, 1), LR_EDATA);
	assert_non_null(strstr(unit_messages_text(&m), "nothing to plan: "
	    "--condition leaves no stretch or strengthening exercise (of 1 "
	    "in the catalog, --condition leaves 0)"));
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
	assert_int_equal(pool_routine(&p, &r), 0);
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
	assert_int_equal(pool_routine(&p, &r), -1);
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
		cmocka_unit_test(breath_holds_scale_with_breaths),
		cmocka_unit_test(too_short_for_the_warm_up),
		cmocka_unit_test(nothing_left_names_the_filter),
		cmocka_unit_test(a_routine_keeps_its_steps_and_doses),
		cmocka_unit_test(a_routine_step_not_in_the_catalog),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

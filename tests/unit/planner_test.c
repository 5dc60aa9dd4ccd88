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

/* Is each article of the comma list written for one of the conditions? */
static int
articles_of(const char *articles, const char *conditions)
{
	char *list = strdup(articles), *a, *save;
	size_t c;
	int ok = 1;

	assert_non_null(list);
	for (a = strtok_r(list, ",", &save); a != NULL && ok;
	    a = strtok_r(NULL, ",", &save)) {
		ok = 0;
		for (c = 0; lr_conditions[c] != NULL; c++)
			ok |= lr_list_has(conditions, lr_conditions[c]) &&
			    lr_list_has(doses_articles(lr_conditions[c]), a);
	}
	free(list);
	return ok;
}

/*
 * The dose is from the articles written for the conditions: where they
 * start, with sets added up to their top; below every one of them.
 */
static void
check_dose(const struct item *it, const char *conditions, struct counts *n)
{
	const struct dose *d = &it->d;
	const struct article_dose *a = it->from;
	size_t i;

	assert_non_null(a);
	assert_true(articles_of(a->article, conditions));
	assert_int_equal(d->reps, a->start.reps);
	assert_int_equal(d->hold_s, a->start.hold_s);
	assert_int_equal(d->breaths, a->start.breaths);
	assert_true(d->sets >= a->start.sets && d->sets <= a->top.sets);
	for (i = 0; i < shipped.n; i++) {
		const struct article_dose *r = &shipped.v[i];

		if (strcmp(r->id, it->e.id) != 0 ||
		    !articles_of(r->article, conditions))
			continue;
		assert_true(d->sets <= r->top.sets);
		assert_true(d->reps <= r->top.reps);
		assert_true(d->hold_s <= r->top.hold_s);
		assert_true(d->breaths <= r->top.breaths);
	}
	n->sets_added += d->sets > a->start.sets;
}

static int
avoids(const char *avoid, const char *conditions)
{
	size_t c;

	for (c = 0; lr_conditions[c] != NULL; c++)
		if (lr_list_has(conditions, lr_conditions[c]) &&
		    lr_list_has(avoid, lr_conditions[c]))
			return 1;
	return 0;
}

static void
check_plan(const struct pool *p, const char *conditions, long budget,
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
		assert_false(avoids(it->e.avoid, conditions));
		assert_true(articles_of(it->from->article, conditions));
		assert_non_null(it->why);
		assert_non_null(it->dose_why);	/* every row says why */
		check_dose(it, conditions, n);
		for (j = 0; j < i; j++)		/* never both alternatives */
			if (doses_alternatives(&shipped, it->e.id,
			    p->v[j].e.id))
				fail_msg("%s and %s for %s", it->e.id,
				    p->v[j].e.id, conditions);
	}
	n->plans++;
}

static void
many_seeds_keep_every_rule(void **state)
{
	static const char *const plans[] = { "leg-pain", "sciatica",
	    "knee-pain", "low-back-pain", "leg-pain,knee-pain",
	    "sciatica,low-back-pain", NULL };
	struct counts n = { 0, 0 };
	size_t c;
	unsigned long long seed;

	(void)state;
	for (c = 0; plans[c] != NULL; c++)
		for (seed = 1; seed <= 60; seed++) {
			struct filter f = { 0 };
			struct pool p;
			FILE *fp;
			long budget = 60 * (long)(8 + seed % 40);

			filter_option(&f, 'c', plans[c]);
			open_shipped(&p, &fp);
			assert_int_equal(pool_read(&p, &f, &shipped), 0);
			pool_progress(&p, NULL);
			assert_int_equal(pool_choose(&p, f.conditions, budget,
			    seed), LR_OK);
			pool_reasons(&p);
			check_plan(&p, plans[c], budget, &n);
			pool_free(&p);
			fclose(fp);
			filter_free(&f);
		}
	/* The rules above were tried on plans the planner did fill. */
	assert_int_equal(n.plans, 360);
	assert_true(n.sets_added > 0);
}

/*
 * The floor and step calf raises are alternatives in the knee article
 * only; the leg pain article's calf raise has no group.  Whichever
 * article's dose is chosen, a plan never holds both.
 */
static void
alternatives_of_any_article(void **state)
{
	unsigned long long seed;
	long both = 0, either = 0;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		struct filter f = { 0 };
		struct pool p;
		FILE *fp;
		size_t i;
		int floor = 0, step = 0;

		filter_option(&f, 'c', "leg-pain,knee-pain");
		open_shipped(&p, &fp);
		assert_int_equal(pool_read(&p, &f, &shipped), 0);
		assert_int_equal(pool_choose(&p, f.conditions,
		    60 * (long)(20 + seed % 30), seed), LR_OK);
		for (i = 0; i < p.n && p.v[i].chosen; i++) {
			floor |= strcmp(p.v[i].e.id, "calf-raise") == 0;
			step |= strcmp(p.v[i].e.id, "step-calf-raise") == 0;
		}
		both += floor && step;
		either += floor || step;
		pool_free(&p);
		fclose(fp);
		filter_free(&f);
	}
	assert_int_equal(both, 0);
	assert_true(either > 0);
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

/* A warm-up and two strengthening moves of 1-3 sets of 10. */
static const char two_strong[] = HEADER
    "walk\tWalk\twarmup\tcalves\tsciatica\tstanding\tnone\t1\t1\t1\t1"
    "\t0\t0\t0\t60\t60\t0\t0\t0" TAIL
    "lift\tLift\tstrength\tglutes\tsciatica\tstanding\tnone\t1\t1\t1\t3"
    "\t10\t10\t3\t0\t0\t0\t0\t0" TAIL
    "raise\tRaise\tstrength\tcore\tsciatica\tstanding\tnone\t1\t1\t1"
    "\t3\t10\t10\t3\t0\t0\t0\t0\t30" TAIL;

#define LOG_HEADER "started\tsession\trecord\tstep\tid\tside\tsets" \
	"\treps\thold_s\tactive_s\tstatus\tpain\tnote\n"
/* A session of lift on day d: sets of 10, pain before and after. */
#define LIFT(d, s, sets, reps, before, after, status) \
	d "T09:00:00+00:00\t" s "\tpain\t0\t\t\t0\t0\t0\t0\tbefore\t" \
	#before "\t\n" \
	d "T09:05:00+00:00\t" s "\texercise\t1\tlift\tboth\t" #sets "\t" \
	#reps "\t0\t60\t" status "\t\t\n" \
	d "T09:30:00+00:00\t" s "\tpain\t0\t\t\t0\t0\t0\t0\tafter\t" \
	#after "\t\n"

static const struct item *
item_of(const struct pool *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->n && p->v[i].chosen; i++)
		if (strcmp(p->v[i].e.id, id) == 0)
			return &p->v[i];
	fail_msg("%s not planned", id);
	return NULL;
}

/* Ten minutes, room for 3 sets of both, from a log of lift. */
static void
plan_with_log(struct pool *p, const char *log)
{
	struct filter f = { 0 };
	struct history h;
	FILE *fp = unit_input(log);

	assert_int_equal(history_read(&h, fp, "log"), 0);
	fclose(fp);
	filter_option(&f, 'c', "sciatica");
	assert_int_equal(pool_open(p, unit_input(two_strong), "two"), 0);
	assert_int_equal(pool_read(p, &f, &none), 0);
	pool_progress(p, &h);
	assert_int_equal(pool_choose(p, f.conditions, 600, 1), LR_OK);
	pool_reasons(p);
	history_free(&h);
	filter_free(&f);
}

static void
pool_done(struct pool *p)
{
	FILE *fp = p->c.t.fp;

	pool_free(p);
	fclose(fp);
}

/* The row's why begins with the dose it has. */
static void
why_says(const struct item *it, const char *expected)
{
	char dose[96];

	lr_dose_text(dose, sizeof dose, &it->d);
	if (strncmp(it->dose_why, dose, strlen(dose)) != 0 &&
	    expected == NULL)
		fail_msg("\"%s\" does not say \"%s\"", it->dose_why, dose);
	if (expected != NULL && strstr(it->dose_why, expected) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", it->dose_why, expected);
}

/*
 * A dose the log decided stays as the log decided it, whatever the time
 * left: that goes to sets of an exercise never done, within its range.
 */
static void
the_log_decides_its_doses(void **state)
{
	struct pool p;
	const struct item *lift, *raise;

	(void)state;
	/* Done in full twice, pain settled: one set more, no more. */
	plan_with_log(&p, LOG_HEADER LIFT("2026-11-18", "s1", 1, 10, 3, 4,
	    "done") LIFT("2026-11-19", "s2", 1, 10, 3, 4, "done"));
	lift = item_of(&p, "lift");
	raise = item_of(&p, "raise");
	assert_int_equal(lift->progress, PROGRESS_UP);
	assert_int_equal(lift->d.sets, 2);
	why_says(lift, "2 sets, was 1: done in full twice");
	/* The catalog gives lift no rest: two sets get one between them. */
	assert_int_equal(lift->d.rest_s, 30);
	assert_int_equal(raise->progress, PROGRESS_NEW);
	assert_int_equal(raise->d.sets, 3);
	why_says(raise, NULL);
	why_says(raise, "sets added within its range to fill the time; not "
	    "done before");
	why_says(item_of(&p, "walk"), NULL);
	pool_done(&p);
	/* Done in part last time: held at the dose done in full. */
	plan_with_log(&p, LOG_HEADER LIFT("2026-11-18", "s1", 1, 10, 3, 4,
	    "done") LIFT("2026-11-19", "s2", 1, 6, 3, 4, "partial"));
	lift = item_of(&p, "lift");
	assert_int_equal(lift->progress, PROGRESS_HOLD);
	assert_int_equal(lift->d.sets, 1);
	assert_int_equal(lift->d.rest_s, 0);
	why_says(lift, NULL);
	why_says(lift, "held: done in part last time");
	pool_done(&p);
	/* A flare after 3 sets: back to the start, and kept there. */
	plan_with_log(&p, LOG_HEADER LIFT("2026-11-18", "s1", 3, 30, 3, 4,
	    "done") LIFT("2026-11-19", "s2", 3, 30, 2, 6, "done"));
	lift = item_of(&p, "lift");
	assert_int_equal(lift->progress, PROGRESS_BACK);
	assert_int_equal(lift->d.sets, 1);
	why_says(lift, NULL);
	why_says(lift, "back to");
	pool_done(&p);
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
		cmocka_unit_test(alternatives_of_any_article),
		cmocka_unit_test(the_log_decides_its_doses),
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

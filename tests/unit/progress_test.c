/*
 * progress_test.c - the loop closed: hand-made logs read from memory,
 * and the dose each leads to: on a step, held, back, at the top.
 */
#include "unit.h"
#include "progress.h"

#define HEADER "started\tsession\trecord\tstep\tid\tside\tsets\treps" \
	"\thold_s\tactive_s\tstatus\tpain\tnote\n"
#define PAIN(day, hm, s, status, n) \
	day "T" hm ":00+00:00\t" s "\tpain\t0\t\t\t0\t0\t0\t0\t" status \
	"\t" #n "\t\n"
/* A glute bridge: sets, reps and seconds held at the top, over all. */
#define BRIDGE(day, s, sets, reps, hold, status) \
	day "T09:05:00+00:00\t" s "\texercise\t1\tbridge\tboth\t" #sets \
	"\t" #reps "\t" #hold "\t60\t" status "\t\t\n"
/* A stretch held on each side. */
#define STRETCH(day, s, hold, status) \
	day "T09:06:00+00:00\t" s "\texercise\t2\tstretch\tleft\t1\t0\t" \
	#hold "\t" #hold "\t" status "\t\t\n" \
	day "T09:07:00+00:00\t" s "\texercise\t2\tstretch\tright\t1\t0\t" \
	#hold "\t" #hold "\t" status "\t\t\n"
#define SESSION(day, s, before, after, bridge_reps, hold, status) \
	PAIN(day, "09:00", s, "before", before) \
	BRIDGE(day, s, 1, bridge_reps, 30, status) \
	STRETCH(day, s, hold, status) \
	PAIN(day, "09:30", s, "after", after)

/* The sciatica article's figures: bridge 10-15 reps, stretch 20-30 s. */
static const struct dose bridge_start = { 1, 1, 10, 3, 3, 0, 30 };
static const struct dose bridge_top = { 1, 1, 15, 3, 3, 0, 30 };
static const struct dose stretch_start = { 2, 1, 0, 0, 20, 0, 0 };
static const struct dose stretch_top = { 2, 1, 0, 0, 30, 0, 0 };

struct outcome {
	int bridge, stretch;
	struct dose b, s;
	char *bwhy, *swhy;
};

static struct outcome
plan_from(const char *log)
{
	struct history h;
	struct outcome o = { 0, 0, { 0 }, { 0 }, NULL, NULL };
	FILE *fp = unit_input(log);

	assert_int_equal(history_read(&h, fp, "log"), 0);
	fclose(fp);
	o.bridge = progress_dose(history_of(&h, "bridge"), 1, &bridge_start,
	    &bridge_top, &o.b, &o.bwhy);
	o.stretch = progress_dose(history_of(&h, "stretch"), 0,
	    &stretch_start, &stretch_top, &o.s, &o.swhy);
	history_free(&h);
	return o;
}

static void
outcome_free(struct outcome *o)
{
	free(o->bwhy);
	free(o->swhy);
}

static void
never_done_starts_at_the_start(void **state)
{
	struct outcome o = plan_from(HEADER PAIN("2026-11-18", "08:00", "c",
	    "check", 2));

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_NEW);
	assert_int_equal(o.b.reps, 10);
	assert_null(o.bwhy);
	assert_int_equal(o.s.hold_s, 20);
	outcome_free(&o);
}

/* Twice in full, pain settled: one variable a step up, and why. */
static void
done_twice_settled_moves_on(void **state)
{
	struct outcome o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 3, 4, 10, 20, "done")
	    SESSION("2026-11-19", "s2", 3, 5, 10, 20, "done"));

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_UP);
	assert_int_equal(o.b.reps, 12);		/* reps first, by 2 */
	assert_int_equal(o.b.sets, 1);		/* and nothing else */
	assert_int_equal(o.b.hold_s, 3);
	assert_string_equal(o.bwhy, "12 reps, was 10: done in full twice, "
	    "pain settled");
	assert_int_equal(o.stretch, PROGRESS_UP);
	assert_int_equal(o.s.hold_s, 25);	/* stretches: hold first */
	assert_int_equal(o.s.sets, 1);
	outcome_free(&o);
}

static void
once_is_not_enough(void **state)
{
	struct outcome o = plan_from(HEADER
	    SESSION("2026-11-19", "s2", 3, 4, 10, 20, "done"));

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_HOLD);
	assert_int_equal(o.b.reps, 10);
	assert_non_null(strstr(o.bwhy, "done in full once"));
	outcome_free(&o);
}

static void
partial_or_unrated_holds(void **state)
{
	struct outcome o = plan_from(HEADER
	    SESSION("2026-11-17", "s0", 3, 4, 12, 25, "done")
	    SESSION("2026-11-18", "s1", 3, 4, 12, 25, "done")
	    SESSION("2026-11-19", "s2", 3, 4, 4, 10, "partial"));

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_HOLD);
	assert_int_equal(o.b.reps, 12);		/* the last dose done in full */
	assert_non_null(strstr(o.bwhy, "done in part last time"));
	assert_int_equal(o.s.hold_s, 25);
	outcome_free(&o);
	o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 3, 4, 10, 20, "done")
	    BRIDGE("2026-11-19", "s2", 1, 10, 30, "done"));
	assert_int_equal(o.bridge, PROGRESS_HOLD);
	assert_non_null(strstr(o.bwhy, "no pain rating"));
	outcome_free(&o);
}

static void
a_flare_steps_back(void **state)
{
	/* Up 3 in the last session: back to the dose before it. */
	struct outcome o = plan_from(HEADER
	    SESSION("2026-11-17", "s0", 2, 2, 10, 20, "done")
	    SESSION("2026-11-18", "s1", 2, 3, 12, 25, "done")
	    SESSION("2026-11-19", "s2", 2, 5, 14, 30, "done"));

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_BACK);
	assert_int_equal(o.b.reps, 12);
	assert_non_null(strstr(o.bwhy, "pain rose by 3 or more"));
	assert_int_equal(o.s.hold_s, 25);
	outcome_free(&o);
	/* Above 5. */
	o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 2, 3, 10, 20, "done")
	    SESSION("2026-11-19", "s2", 5, 6, 12, 25, "done"));
	assert_int_equal(o.bridge, PROGRESS_BACK);
	assert_int_equal(o.b.reps, 10);
	assert_non_null(strstr(o.bwhy, "above 5"));
	outcome_free(&o);
	/* Not settled the next morning: a rating above the one before. */
	o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 2, 3, 10, 20, "done")
	    SESSION("2026-11-19", "s2", 2, 3, 12, 25, "done")
	    PAIN("2026-11-20", "07:30", "c", "check", 4));
	assert_int_equal(o.bridge, PROGRESS_BACK);
	assert_non_null(strstr(o.bwhy, "not settled by the next day"));
	outcome_free(&o);
	/* The same day's later rating is not the next day's. */
	o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 2, 3, 10, 20, "done")
	    SESSION("2026-11-19", "s2", 2, 3, 10, 20, "done")
	    PAIN("2026-11-19", "21:00", "c", "check", 4)
	    PAIN("2026-11-20", "07:30", "c", "check", 2));
	assert_int_equal(o.bridge, PROGRESS_UP);
	outcome_free(&o);
}

/* The screen's unsettled answer, a later day, counts as not settled. */
static void
unsettled_answer_steps_back(void **state)
{
	struct outcome o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 2, 3, 10, 20, "done")
	    SESSION("2026-11-19", "s2", 2, 3, 12, 25, "done")
	    "2026-11-20T08:00:00+00:00\ts3\tscreen\t0\t\t\t0\t0\t0\t0\tclear"
	    "\t\tleg-colour=no,unsettled=yes\n");

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_BACK);
	assert_int_equal(o.b.reps, 10);
	outcome_free(&o);
}

static void
the_top_stays_and_says_so(void **state)
{
	struct outcome o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 2, 3, 15, 30, "done")
	    SESSION("2026-11-19", "s2", 2, 3, 15, 30, "done"));

	(void)state;
	assert_int_equal(o.bridge, PROGRESS_TOP);
	assert_int_equal(o.b.reps, 15);
	assert_non_null(strstr(o.bwhy, "the top of the article's range; ask "
	    "your physiotherapist about the next step"));
	assert_int_equal(o.stretch, PROGRESS_TOP);
	outcome_free(&o);
	/* A dose done beyond the article comes back inside it. */
	o = plan_from(HEADER
	    SESSION("2026-11-18", "s1", 2, 3, 20, 90, "done")
	    SESSION("2026-11-19", "s2", 2, 3, 20, 90, "done"));
	assert_int_equal(o.b.reps, 15);
	assert_int_equal(o.s.hold_s, 30);
	outcome_free(&o);
}

static void
a_bad_log_row_is_named(void **state)
{
	struct unit_messages m;
	struct history h;
	FILE *fp = unit_input(HEADER
	    "2026-11-18T09:00:00+00:00\ts1\tpain\t0\t\t\t0\t0\t0\t0\tbefore"
	    "\t11\t\n");

	(void)state;
	unit_messages_start(&m);
	assert_int_equal(history_read(&h, fp, "log"), -1);
	assert_non_null(strstr(unit_messages_text(&m), "log:2: column "
	    "\"pain\""));
	history_free(&h);
	fclose(fp);
	unit_messages_end(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(never_done_starts_at_the_start),
		cmocka_unit_test(done_twice_settled_moves_on),
		cmocka_unit_test(once_is_not_enough),
		cmocka_unit_test(partial_or_unrated_holds),
		cmocka_unit_test(a_flare_steps_back),
		cmocka_unit_test(unsettled_answer_steps_back),
		cmocka_unit_test(the_top_stays_and_says_so),
		cmocka_unit_test(a_bad_log_row_is_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

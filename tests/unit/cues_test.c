/*
 * cues_test.c - what the timer says aloud and when, on a clock the test
 * moves by hand: the countdown before each go, rep counts, halfway and
 * the last seconds of holds, side, set and rest, a late cue dropped,
 * the last word, and the rep shown on the screen.
 */
#include "unit.h"
#include "cuesched.h"

#define READY_S 10
#define SWITCH_S 5
#define LATE_MS 500

/* Calf raises: 3 sets of 10 reps of 4 s, 30 s of rest. */
static const struct plan_row calf = UNIT_ROW(1, "calf-raise", "Calf raise",
    "strength", "standing", "Rise", 1, 3, 10, 4, 0, 0, 30);

/* A stretch held 60 s on each side, 2 sets, 30 s of rest. */
static const struct plan_row stretch = UNIT_ROW(2, "stretch",
    "Hamstring stretch", "stretch", "supine", "Reach", 2, 2, 0, 0, 60, 0, 30);

/* Bridges: 10 reps, 3 s of moving and 3 s held at the top. */
static const struct plan_row bridge = UNIT_ROW(3, "glute-bridge",
    "Glute bridge", "strength", "supine", "Lift", 1, 1, 10, 3, 3, 0, 0);

/* Cat-cow: 5 reps of 6 s, each a breath in and out. */
static const struct plan_row catcow = UNIT_ROW(4, "cat-cow", "Cat-cow",
    "mobility", "all-fours", "Breathe", 1, 1, 5, 6, 0, 0, 0);

/* A hold of 5 slow breaths, 25 s. */
static const struct plan_row chair = UNIT_ROW(5, "chair-pose", "Chair pose",
    "strength", "standing", "Sit", 1, 1, 0, 0, 25, 5, 0);

/* What was said, and when. */
struct heard {
	size_t n;
	struct cue c[512];
};

static void
start(struct session *s, const struct plan_row *a, const struct plan_row *b)
{
	session_init(s, NULL);
	session_add(s, a);
	if (b != NULL)
		session_add(s, b);
	session_layout(s, READY_S, READY_S, SWITCH_S);
	session_start(s, 0);
}

/* Move the clock from `from` to `to` by `step` ms, hearing what is due. */
static void
run(struct session *s, struct cuesched *cs, struct heard *h, long long from,
    long long to, long step)
{
	long long now;
	size_t i, n;
	struct cue due[16];

	for (now = from; now <= to && !s->done; now += step) {
		session_tick(s, now);
		n = cuesched_due(cs, s, now, LATE_MS, due, 16);
		for (i = 0; i < n && h->n < 512; i++)
			h->c[h->n++] = due[i];
	}
}

/* When `text` was said (the first time at or after `after`), or -1. */
static long long
said_at(const struct heard *h, const char *text, long long after)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->c[i].at >= after && strcmp(h->c[i].text, text) == 0)
			return h->c[i].at;
	return -1;
}

/* Whether the cue `text` (first at or after `after`) is a rep's tick. */
static int
ticks(const struct heard *h, const char *text, long long after)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->c[i].at >= after && strcmp(h->c[i].text, text) == 0)
			return h->c[i].tick;
	return -1;
}

static int
said_between(const struct heard *h, const char *text, long long a,
    long long b)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->c[i].at >= a && h->c[i].at < b &&
		    strcmp(h->c[i].text, text) == 0)
			return 1;
	return 0;
}

static void
countdown_3_2_1_before_go(void **state)
{
	struct session s;
	struct cuesched cs;
	struct heard h = { 0 };

	(void)state;
	start(&s, &calf, NULL);
	cuesched_init(&cs);
	run(&s, &cs, &h, 0, 11000, 100);
	assert_int_equal(said_at(&h, "First, Calf raise. Set 1 of 3. 10 reps",
	    0), 0);
	assert_int_equal(said_at(&h, "3", 0), 7000);
	assert_int_equal(said_at(&h, "2", 0), 8000);
	assert_int_equal(said_at(&h, "1", 0), 9000);
	assert_int_equal(said_at(&h, "Go. 1", 0), 10000);
	/* Every cue once, in time order. */
	assert_int_equal(h.n, 5);
	session_free(&s);
}

static void
rep_counts_1_to_10(void **state)
{
	struct session s;
	struct cuesched cs;
	struct heard h = { 0 };
	char n[16];
	int k;

	(void)state;
	start(&s, &calf, NULL);
	cuesched_init(&cs);
	/* Ready 10 s, then 10 reps of 4 s: the first set ends at 50 s. */
	run(&s, &cs, &h, 0, 50000, 250);
	assert_int_equal(said_at(&h, "Go. 1", 0), 10000);
	for (k = 2; k <= 10; k++) {
		snprintf(n, sizeof n, "%d", k);
		assert_int_equal(said_at(&h, n, 10000), 10000 + (k - 1) * 4000);
		/* Each rep but the first (it has "Go") ticks for --tick. */
		assert_true(ticks(&h, n, 10000));
	}
	assert_false(ticks(&h, "Go. 1", 0));
	assert_false(said_between(&h, "11", 0, 60000));
	session_free(&s);
}

static void
halfway_and_last_three_seconds_of_a_hold(void **state)
{
	struct session s;
	struct cuesched cs;
	struct heard h = { 0 };

	(void)state;
	start(&s, &stretch, NULL);
	cuesched_init(&cs);
	/* Ready 10 s; the left side's hold runs 10-70 s. */
	run(&s, &cs, &h, 0, 75000, 100);
	assert_int_equal(said_at(&h, "Go", 0), 10000);
	assert_int_equal(said_at(&h, "Halfway", 0), 40000);
	assert_int_equal(said_at(&h, "3", 10000), 67000);
	assert_int_equal(said_at(&h, "2", 10000), 68000);
	assert_int_equal(said_at(&h, "1", 10000), 69000);
	assert_int_equal(said_at(&h, "Switch to the right side", 0), 70000);
	/* The switch is 5 s: "3" at its 2nd second, then go. */
	assert_int_equal(said_at(&h, "3", 70000), 72000);
	assert_int_equal(said_at(&h, "Go", 70000), 75000);
	session_free(&s);
}

static void
side_and_set_said_before_each_set(void **state)
{
	struct session s;
	struct cuesched cs;
	struct heard h = { 0 };

	(void)state;
	start(&s, &stretch, NULL);
	cuesched_init(&cs);
	/* Ready 10, left 60, switch 5, right 60, rest 30, left 60 ... */
	run(&s, &cs, &h, 0, 170000, 500);
	assert_int_equal(said_at(&h, "First, Hamstring stretch. Left side, "
	    "set 1 of 2. Hold 1 minute", 0), 0);
	assert_int_equal(said_at(&h, "Rest 30 seconds, then set 2 of 2, left "
	    "side", 0), 135000);
	assert_int_equal(said_at(&h, "Go", 135000), 165000);
	session_free(&s);
}

static void
rest_says_its_length_and_the_next_set(void **state)
{
	struct session s;
	struct cuesched cs;
	struct heard h = { 0 };

	(void)state;
	start(&s, &calf, NULL);
	cuesched_init(&cs);
	run(&s, &cs, &h, 0, 81000, 500);
	assert_int_equal(said_at(&h, "Rest 30 seconds, then set 2 of 3", 0),
	    50000);
	assert_int_equal(said_at(&h, "3", 50000), 77000);
	assert_int_equal(said_at(&h, "Go. 1", 50000), 80000);
	session_free(&s);
}

static void
up_hold_down_and_breaths(void **state)
{
	struct session s;
	struct cuesched cs;
	struct heard h = { 0 };

	(void)state;
	/* Bridges from 10 s, reps of 6 s: up, hold at 1.5 s, down at 4.5 s. */
	start(&s, &bridge, &catcow);
	cuesched_init(&cs);
	run(&s, &cs, &h, 0, 22000, 100);
	assert_int_equal(said_at(&h, "Go. 1, up", 0), 10000);
	assert_int_equal(said_at(&h, "Hold", 0), 11500);
	assert_int_equal(said_at(&h, "Down", 0), 14500);
	assert_int_equal(said_at(&h, "2, up", 0), 16000);
	session_free(&s);
	/* Cat-cow: a breath in, then out, each rep. */
	start(&s, &catcow, &chair);
	cuesched_init(&cs);
	h.n = 0;
	run(&s, &cs, &h, 0, 50000, 100);
	assert_int_equal(said_at(&h, "First, Cat-cow. 5 slow breaths", 0), 0);
	assert_int_equal(said_at(&h, "Go. 1, breathe in", 0), 10000);
	assert_int_equal(said_at(&h, "Breathe out", 10000), 13000);
	assert_int_equal(said_at(&h, "2, breathe in", 0), 16000);
	/* Then the chair pose, timed in breaths of 5 s: no countdown. */
	assert_int_equal(said_at(&h, "Go. Breathe in", 0), 50000);
	session_free(&s);
	start(&s, &chair, NULL);
	cuesched_init(&cs);
	h.n = 0;
	run(&s, &cs, &h, 0, 36000, 100);
	assert_int_equal(said_at(&h, "Breathe out", 10000), 12500);
	assert_int_equal(said_at(&h, "Breathe in", 10000), 15000);
	assert_false(said_between(&h, "Halfway", 0, 36000));
	assert_false(said_between(&h, "3", 10000, 36000));
	session_free(&s);
}

static void
a_late_cue_is_dropped(void **state)
{
	struct session s;
	struct cuesched cs;
	struct cue due[16];
	size_t n;

	(void)state;
	start(&s, &calf, NULL);
	cuesched_init(&cs);
	session_tick(&s, 0);
	assert_int_equal(cuesched_due(&cs, &s, 0, LATE_MS, due, 16), 1);
	/* The clock jumps: "3" (7 s) and "2" (8 s) are too late to say;
	 * "1" (9 s) is 400 ms late, within the 500 allowed. */
	session_tick(&s, 9400);
	n = cuesched_due(&cs, &s, 9400, LATE_MS, due, 16);
	assert_int_equal(n, 1);
	assert_string_equal(due[0].text, "1");
	assert_int_equal(due[0].at, 9000);
	/* Nothing twice. */
	assert_int_equal(cuesched_due(&cs, &s, 9500, LATE_MS, due, 16), 0);
	/* A new phase reached late: its go is dropped too. */
	session_tick(&s, 10600);
	assert_int_equal(cuesched_due(&cs, &s, 10600, LATE_MS, due, 16), 0);
	assert_int_equal(cuesched_next(&s, 10600), 14000);
	session_free(&s);
}

static void
a_pause_moves_the_cues_on(void **state)
{
	struct session s;
	struct cuesched cs;
	struct cue due[16];

	(void)state;
	start(&s, &calf, NULL);
	cuesched_init(&cs);
	assert_int_equal(cuesched_due(&cs, &s, 0, LATE_MS, due, 16), 1);
	session_pause(&s, 6000);
	assert_int_equal(cuesched_due(&cs, &s, 8000, LATE_MS, due, 16), 0);
	session_resume(&s, 60000);
	/* "3" was due at 7 s; after 54 s of pause, at 61 s. */
	assert_int_equal(cuesched_next(&s, 60000), 61000);
	assert_int_equal(cuesched_due(&cs, &s, 60900, LATE_MS, due, 16), 0);
	assert_int_equal(cuesched_due(&cs, &s, 61000, LATE_MS, due, 16), 1);
	assert_string_equal(due[0].text, "3");
	session_free(&s);
}

static void
the_summary_after_an_end_and_after_a_quit(void **state)
{
	struct session s;
	char t[CUE_LEN];

	(void)state;
	start(&s, &bridge, &catcow);
	session_tick(&s, 10000000);
	assert_true(s.done);
	assert_string_equal(cuesched_summary(t, sizeof t, &s, 720000),
	    "Session done. 2 exercises, 12 minutes. Well done.");
	assert_string_equal(cuesched_summary(t, sizeof t, &s, 45000),
	    "Session done. 2 exercises, 45 seconds. Well done.");
	session_free(&s);
	start(&s, &bridge, &catcow);
	session_tick(&s, 75000);	/* the bridges end at 70 s */
	session_quit(&s, 75000);
	cuesched_summary(t, sizeof t, &s, 75000);
	assert_string_equal(t, "Session stopped. 1 of 2 exercises finished.");
	assert_null(strstr(t, "done"));
	session_free(&s);
	start(&s, &bridge, &catcow);
	session_quit(&s, 1000);
	cuesched_summary(t, sizeof t, &s, 1000);
	assert_string_equal(t, "Session stopped. No exercise finished.");
	session_free(&s);
	/* Resumed with the bridges done before the stop: they count. */
	start(&s, &bridge, &catcow);
	s.ex[0].before[SIDE_BOTH] = 1;
	session_quit(&s, 1000);
	cuesched_summary(t, sizeof t, &s, 1000);
	assert_string_equal(t, "Session stopped. 1 of 2 exercises finished.");
	session_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(countdown_3_2_1_before_go),
		cmocka_unit_test(rep_counts_1_to_10),
		cmocka_unit_test(halfway_and_last_three_seconds_of_a_hold),
		cmocka_unit_test(side_and_set_said_before_each_set),
		cmocka_unit_test(rest_says_its_length_and_the_next_set),
		cmocka_unit_test(up_hold_down_and_breaths),
		cmocka_unit_test(a_late_cue_is_dropped),
		cmocka_unit_test(a_pause_moves_the_cues_on),
		cmocka_unit_test(the_summary_after_an_end_and_after_a_quit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

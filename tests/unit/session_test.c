/*
 * session_test.c - the timer's session on a clock the test moves by
 * hand: its phases, their times, pause, next, back and quit, and the
 * results rows they lead to.
 */
#include "unit.h"
#include "session.h"

#define READY_S 10
#define SWITCH_S 5

/* What the hooks saw. */
struct seen {
	int events[SE_END + 1];
	int nrows, fail_at;		/* fail_at: the row to fail, 1 up */
	struct session_row rows[8];
};

static void
on_event(struct session *s, int ev, void *arg)
{
	struct seen *w = arg;

	(void)s;
	w->events[ev]++;
}

static int
on_row(struct session *s, const struct session_row *r, void *arg)
{
	struct seen *w = arg;

	(void)s;
	assert_true(w->nrows < 8);
	w->rows[w->nrows++] = *r;
	return w->nrows == w->fail_at ? -1 : 0;
}

/*
 * Two exercises: a stretch held 20 s on each side, two sets with 10 s
 * of rest between; then 3 reps, each 2 s of moving and 3 s held.
 */
static void
two_exercises(struct session *s, struct seen *w)
{
	struct session_hooks h;
	struct plan_row a = UNIT_ROW(1, "hamstring", "Hamstring stretch",
	    "stretch", "supine", "Reach", 2, 2, 0, 0, 20, 0, 10);
	struct plan_row b = UNIT_ROW(2, "bridge", "Bridge", "strength",
	    "supine", "Lift", 1, 1, 3, 2, 3, 0, 0);

	memset(w, 0, sizeof *w);
	h.event = on_event;
	h.row = on_row;
	h.arg = w;
	session_init(s, &h);
	session_add(s, &a);
	session_add(s, &b);
	session_layout(s, READY_S, READY_S, SWITCH_S);
}

static void
check_phase(const struct phase *p, int kind, int ex, int set, int side,
    int rep, long ms)
{
	assert_int_equal(p->kind, kind);
	assert_int_equal(p->ex, ex);
	assert_int_equal(p->set, set);
	assert_int_equal(p->side, side);
	assert_int_equal(p->rep, rep);
	assert_int_equal(p->ms, ms);
}

static void
check_row(const struct session_row *r, const char *id, int side,
    int status, long sets, long reps, long hold_s, long active_s)
{
	assert_string_equal(r->ex->r.id, id);
	assert_int_equal(r->side, side);
	assert_int_equal(r->status, status);
	assert_int_equal(r->sets, sets);
	assert_int_equal(r->reps, reps);
	assert_int_equal(r->hold_s, hold_s);
	assert_int_equal(r->active_s, active_s);
}

/* Where the session is at `now`, after moving the clock there. */
static const struct phase *
at(struct session *s, long long now)
{
	session_tick(s, now);
	return session_phase(s);
}

static void
the_plan_is_laid_out_as_phases(void **state)
{
	struct session s;
	struct seen w;
	const struct phase *p;

	(void)state;
	two_exercises(&s, &w);
	assert_int_equal(s.nph, 12);
	p = s.ph;
	check_phase(&p[0], PH_READY, 0, 1, SIDE_LEFT, 0, 10000);
	check_phase(&p[1], PH_WORK, 0, 1, SIDE_LEFT, 0, 20000);
	check_phase(&p[2], PH_SWITCH, 0, 1, SIDE_RIGHT, 0, 5000);
	check_phase(&p[3], PH_WORK, 0, 1, SIDE_RIGHT, 0, 20000);
	check_phase(&p[4], PH_REST, 0, 1, SIDE_BOTH, 0, 10000);
	check_phase(&p[5], PH_WORK, 0, 2, SIDE_LEFT, 0, 20000);
	check_phase(&p[6], PH_SWITCH, 0, 2, SIDE_RIGHT, 0, 5000);
	check_phase(&p[7], PH_WORK, 0, 2, SIDE_RIGHT, 0, 20000);
	check_phase(&p[8], PH_READY, 1, 1, SIDE_BOTH, 0, 10000);
	check_phase(&p[9], PH_WORK, 1, 1, SIDE_BOTH, 1, 5000);
	check_phase(&p[10], PH_WORK, 1, 1, SIDE_BOTH, 2, 5000);
	check_phase(&p[11], PH_WORK, 1, 1, SIDE_BOTH, 3, 5000);
	assert_int_equal(s.ex[0].first, 0);
	assert_int_equal(s.ex[0].end, 8);
	assert_int_equal(s.ex[1].first, 8);
	assert_int_equal(s.ex[1].end, 12);
	/* The session takes what lr-plan estimates. */
	assert_int_equal(session_total(&s), 1000 * (plan_seconds(
	    &s.ex[0].r.dose, READY_S, SWITCH_S) + plan_seconds(
	    &s.ex[1].r.dose, READY_S, SWITCH_S)));
	session_free(&s);
}

static void
the_clock_moves_it_through_the_phases(void **state)
{
	static const long long starts[] = {
		0, 10000, 30000, 35000, 55000, 65000, 85000, 90000,
		110000, 120000, 125000, 130000
	};
	struct session s;
	struct seen w;
	size_t i;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	for (i = 0; i < 12; i++) {
		if (i > 0)
			assert_ptr_equal(at(&s, starts[i] - 1), &s.ph[i - 1]);
		assert_ptr_equal(at(&s, starts[i]), &s.ph[i]);
		assert_int_equal(session_elapsed(&s, starts[i] + 700), 700);
		assert_int_equal(session_left(&s, starts[i]),
		    135000 - starts[i]);
	}
	assert_int_equal(w.events[SE_PHASE], 12);
	assert_int_equal(w.events[SE_EX_DONE], 1);
	assert_false(s.done);
	session_tick(&s, 135000);
	assert_true(s.done);
	assert_false(s.quit);
	assert_int_equal(w.events[SE_EX_DONE], 2);
	assert_int_equal(w.events[SE_END], 1);
	assert_int_equal(w.nrows, 3);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_DONE, 2, 0, 40, 40);
	check_row(&w.rows[1], "hamstring", SIDE_RIGHT, ROW_DONE, 2, 0, 40,
	    40);
	check_row(&w.rows[2], "bridge", SIDE_BOTH, ROW_DONE, 1, 3, 9, 15);
	assert_int_equal(w.rows[0].started, 10000);
	assert_int_equal(w.rows[1].started, 35000);
	assert_int_equal(w.rows[2].started, 120000);
	assert_false(w.rows[0].last);
	assert_true(w.rows[1].last && w.rows[2].last);
	assert_int_equal(s.finished[ROW_DONE], 3);
	assert_int_equal(session_active(&s), 95000);
	session_free(&s);
}

/* --ready 0 and --switch 0: no time to get ready or to switch sides. */
static void
no_pauses_when_told(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	free(s.ph);
	s.ph = NULL;
	s.nph = 0;
	session_layout(&s, 0, 0, 0);
	assert_int_equal(s.nph, 8);
	check_phase(&s.ph[0], PH_WORK, 0, 1, SIDE_LEFT, 0, 20000);
	check_phase(&s.ph[1], PH_WORK, 0, 1, SIDE_RIGHT, 0, 20000);
	check_phase(&s.ph[2], PH_REST, 0, 1, SIDE_BOTH, 0, 10000);
	check_phase(&s.ph[5], PH_WORK, 1, 1, SIDE_BOTH, 1, 5000);
	session_start(&s, 0);
	session_tick(&s, 110000);
	assert_true(s.done);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_DONE, 2, 0, 40, 40);
	check_row(&w.rows[1], "hamstring", SIDE_RIGHT, ROW_DONE, 2, 0, 40,
	    40);
	check_row(&w.rows[2], "bridge", SIDE_BOTH, ROW_DONE, 1, 3, 9, 15);
	session_free(&s);
}

/* A clock that jumps ends every phase due, each on time. */
static void
a_late_tick_does_not_drift(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	assert_ptr_equal(at(&s, 57000), &s.ph[4]);
	assert_int_equal(s.start, 55000);
	assert_int_equal(session_elapsed(&s, 57000), 2000);
	session_tick(&s, 1000000);
	assert_true(s.done);
	assert_int_equal(s.finished[ROW_DONE], 3);
	session_free(&s);
}

static void
pause_stops_time_and_resume_goes_on(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	assert_ptr_equal(at(&s, 15000), &s.ph[1]);
	session_pause(&s, 15000);
	assert_true(s.paused);
	assert_ptr_equal(at(&s, 100000), &s.ph[1]);
	assert_int_equal(session_elapsed(&s, 100000), 5000);
	assert_int_equal(session_left(&s, 100000), 120000);
	session_pause(&s, 90000);		/* already paused: no change */
	session_resume(&s, 100000);
	assert_false(s.paused);
	assert_int_equal(s.paused_total, 85000);
	assert_int_equal(session_elapsed(&s, 101000), 6000);
	assert_ptr_equal(at(&s, 114999), &s.ph[1]);
	assert_ptr_equal(at(&s, 115000), &s.ph[2]);
	assert_int_equal(w.events[SE_PAUSE], 1);
	assert_int_equal(w.events[SE_RESUME], 1);
	session_toggle(&s, 116000);
	assert_true(s.paused);
	session_tick(&s, 220000);
	assert_false(s.done);
	session_toggle(&s, 220000);
	/* 31 s of the session were done before the pauses. */
	session_tick(&s, 220000 + 135000 - 31000 - 1);
	assert_false(s.done);
	session_tick(&s, 220000 + 135000 - 31000);
	assert_true(s.done);
	assert_int_equal(s.paused_total, 85000 + 104000);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_DONE, 2, 0, 40, 40);
	session_free(&s);
}

/* Next in the middle of a hold: that side partial, the other skipped. */
static void
next_leaves_the_rest_of_the_exercise(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	assert_ptr_equal(at(&s, 15000), &s.ph[1]);
	session_next(&s, 15000);
	assert_int_equal(w.events[SE_NEXT], 1);
	assert_int_equal(w.nrows, 2);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_PARTIAL, 0, 0, 5,
	    5);
	check_row(&w.rows[1], "hamstring", SIDE_RIGHT, ROW_SKIPPED, 0, 0, 0,
	    0);
	assert_int_equal(w.rows[1].started, -1);
	/* The next exercise starts now, with its time to get ready. */
	assert_ptr_equal(session_phase(&s), &s.ph[8]);
	assert_int_equal(s.start, 15000);
	assert_ptr_equal(at(&s, 24999), &s.ph[8]);
	/* A whole rep, then a second one cut short at 1 s. */
	assert_ptr_equal(at(&s, 30000), &s.ph[10]);
	session_next(&s, 31000);
	assert_true(s.done);
	assert_false(s.quit);
	assert_int_equal(w.nrows, 3);
	check_row(&w.rows[2], "bridge", SIDE_BOTH, ROW_PARTIAL, 0, 1, 3, 6);
	assert_int_equal(s.finished[ROW_DONE], 0);
	assert_int_equal(s.finished[ROW_PARTIAL], 2);
	assert_int_equal(s.finished[ROW_SKIPPED], 1);
	assert_int_equal(w.events[SE_END], 1);
	session_free(&s);
}

/* Next before any work: skipped; while paused: still paused. */
static void
next_while_getting_ready_skips(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	session_pause(&s, 4000);
	session_next(&s, 9000);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_SKIPPED, 0, 0, 0,
	    0);
	check_row(&w.rows[1], "hamstring", SIDE_RIGHT, ROW_SKIPPED, 0, 0, 0,
	    0);
	assert_true(s.paused);
	assert_ptr_equal(session_phase(&s), &s.ph[8]);
	assert_int_equal(session_elapsed(&s, 50000), 0);
	session_resume(&s, 50000);
	assert_ptr_equal(at(&s, 59999), &s.ph[8]);
	assert_ptr_equal(at(&s, 60000), &s.ph[9]);
	session_free(&s);
}

/* Quit: what was done is kept, the rest written as skipped. */
static void
quit_writes_the_rest_as_skipped(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	assert_ptr_equal(at(&s, 50000), &s.ph[3]);
	session_quit(&s, 50000);
	assert_true(s.done);
	assert_true(s.quit);
	assert_int_equal(w.events[SE_QUIT], 1);
	assert_int_equal(w.events[SE_END], 1);
	assert_int_equal(w.nrows, 3);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_PARTIAL, 1, 0, 20,
	    20);
	check_row(&w.rows[1], "hamstring", SIDE_RIGHT, ROW_PARTIAL, 0, 0, 15,
	    15);
	check_row(&w.rows[2], "bridge", SIDE_BOTH, ROW_SKIPPED, 0, 0, 0, 0);
	/* Nothing moves once it is over. */
	session_quit(&s, 60000);
	session_next(&s, 60000);
	session_tick(&s, 999999);
	assert_int_equal(w.nrows, 3);
	assert_int_equal(w.events[SE_END], 1);
	session_free(&s);
}

/* Back: the exercise starts again from getting ready, counted anew. */
static void
back_restarts_the_exercise(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	assert_ptr_equal(at(&s, 50000), &s.ph[3]);
	session_back(&s, 50000);
	assert_int_equal(w.events[SE_BACK], 1);
	assert_ptr_equal(session_phase(&s), &s.ph[0]);
	assert_int_equal(s.start, 50000);
	assert_int_equal(session_left(&s, 50000), 135000);
	assert_ptr_equal(at(&s, 59999), &s.ph[0]);
	assert_ptr_equal(at(&s, 60000), &s.ph[1]);
	session_tick(&s, 50000 + 135000);
	assert_true(s.done);
	check_row(&w.rows[0], "hamstring", SIDE_LEFT, ROW_DONE, 2, 0, 40, 40);
	check_row(&w.rows[1], "hamstring", SIDE_RIGHT, ROW_DONE, 2, 0, 40,
	    40);
	assert_int_equal(w.rows[0].started, 60000);
	session_free(&s);
}

/* A row that cannot be written ends the session at the next change. */
static void
a_failed_row_ends_the_session(void **state)
{
	struct session s;
	struct seen w;

	(void)state;
	two_exercises(&s, &w);
	w.fail_at = 2;
	session_start(&s, 0);
	session_tick(&s, 110000);
	assert_true(s.done);
	assert_true(s.quit);
	assert_int_equal(w.nrows, 3);
	check_row(&w.rows[2], "bridge", SIDE_BOTH, ROW_SKIPPED, 0, 0, 0, 0);
	assert_int_equal(w.events[SE_PHASE], 8);
	session_free(&s);
}

/*
 * Three exercises: lying down, lying down again, then standing.  The
 * get-ready is the long one only before the one whose position is not
 * the one before it; a list of positions shares one with another.
 */
static void
a_change_of_position_gets_longer_to_get_ready(void **state)
{
	struct session s;
	struct plan_row a = UNIT_ROW(1, "a", "A", "stretch", "supine", "",
	    1, 1, 0, 0, 20, 0, 0);
	struct plan_row b = a, c = a, d = a;

	(void)state;
	b.id = "b";
	b.position = "prone,supine";
	c.id = "c";
	c.position = "standing";
	d.id = "d";
	d.position = "sitting,standing";
	session_init(&s, NULL);
	session_add(&s, &a);
	session_add(&s, &b);
	session_add(&s, &c);
	session_add(&s, &d);
	session_layout(&s, 10, 25, 5);
	assert_int_equal(s.nph, 8);
	check_phase(&s.ph[0], PH_READY, 0, 1, SIDE_BOTH, 0, 10000);
	check_phase(&s.ph[2], PH_READY, 1, 1, SIDE_BOTH, 0, 10000);
	check_phase(&s.ph[4], PH_READY, 2, 1, SIDE_BOTH, 0, 25000);
	check_phase(&s.ph[6], PH_READY, 3, 1, SIDE_BOTH, 0, 10000);
	assert_int_equal(session_total(&s), 4 * 20000 + 3 * 10000 + 25000);
	session_free(&s);
}

/*
 * Resumed: the hamstring's left side was done before, so only its
 * right side is laid out (no switch of sides) and has a row; the
 * exercise counts as done when that side is.
 */
static void
sides_done_before_are_left_out(void **state)
{
	struct session s;
	struct seen w;
	int count[3];

	(void)state;
	memset(&w, 0, sizeof w);
	two_exercises(&s, &w);
	free(s.ph);
	s.ph = NULL;
	s.nph = 0;
	s.ex[0].before[SIDE_LEFT] = 1;
	session_layout(&s, READY_S, READY_S, SWITCH_S);
	assert_int_equal(s.nph, 8);
	check_phase(&s.ph[0], PH_READY, 0, 1, SIDE_RIGHT, 0, 10000);
	check_phase(&s.ph[1], PH_WORK, 0, 1, SIDE_RIGHT, 0, 20000);
	check_phase(&s.ph[2], PH_REST, 0, 1, SIDE_BOTH, 0, 10000);
	check_phase(&s.ph[3], PH_WORK, 0, 2, SIDE_RIGHT, 0, 20000);
	check_phase(&s.ph[4], PH_READY, 1, 1, SIDE_BOTH, 0, 10000);
	session_start(&s, 0);
	session_tick(&s, 60000);
	assert_ptr_equal(session_phase(&s), &s.ph[4]);
	assert_int_equal(w.nrows, 1);
	check_row(&w.rows[0], "hamstring", SIDE_RIGHT, ROW_DONE, 2, 0, 40,
	    40);
	assert_int_equal(w.rows[0].last, 1);
	session_quit(&s, 60000);
	assert_int_equal(w.nrows, 2);
	check_row(&w.rows[1], "bridge", SIDE_BOTH, ROW_SKIPPED, 0, 0, 0, 0);
	session_count(&s, count);
	assert_int_equal(count[ROW_DONE], 1);
	assert_int_equal(count[ROW_PARTIAL], 0);
	assert_int_equal(count[ROW_SKIPPED], 1);
	session_free(&s);
}

/* An exercise all done before: no phase, no row, counted as done. */
static void
an_exercise_done_before_has_no_phase(void **state)
{
	struct session s;
	struct seen w;
	int count[3];

	(void)state;
	two_exercises(&s, &w);
	free(s.ph);
	s.ph = NULL;
	s.nph = 0;
	s.ex[0].before[SIDE_LEFT] = s.ex[0].before[SIDE_RIGHT] = 1;
	session_layout(&s, READY_S, READY_S, SWITCH_S);
	assert_int_equal(s.nph, 4);
	check_phase(&s.ph[0], PH_READY, 1, 1, SIDE_BOTH, 0, 10000);
	session_start(&s, 0);
	session_tick(&s, 25000);
	assert_true(s.done);
	assert_int_equal(w.nrows, 1);
	check_row(&w.rows[0], "bridge", SIDE_BOTH, ROW_DONE, 1, 3, 9, 15);
	session_count(&s, count);
	assert_int_equal(count[ROW_DONE], 2);
	session_free(&s);
}

/* Exercises, not sides: one side partial makes the exercise partial. */
static void
exercises_are_counted_not_sides(void **state)
{
	struct session s;
	struct seen w;
	int count[3];

	(void)state;
	two_exercises(&s, &w);
	session_start(&s, 0);
	assert_ptr_equal(at(&s, 50000), &s.ph[3]);
	session_quit(&s, 50000);
	session_count(&s, count);
	assert_int_equal(s.finished[ROW_PARTIAL], 2);
	assert_int_equal(count[ROW_DONE], 0);
	assert_int_equal(count[ROW_PARTIAL], 1);
	assert_int_equal(count[ROW_SKIPPED], 1);
	session_free(&s);
	two_exercises(&s, &w);
	session_start(&s, 0);
	session_tick(&s, 200000);
	session_count(&s, count);
	assert_int_equal(s.finished[ROW_DONE], 3);
	assert_int_equal(count[ROW_DONE], 2);
	assert_int_equal(count[ROW_PARTIAL] + count[ROW_SKIPPED], 0);
	session_free(&s);
}

/*
 * The end screen counts as lr-report does (tally.c): an exercise at two
 * steps is one, done when done at either; a side done before a resume
 * is done; sides not written yet are skipped.
 */
static void
counted_as_the_report_counts(void **state)
{
	struct session s;
	struct plan_row a = UNIT_ROW(1, "bridge", "Bridge", "strength",
	    "supine", "", 1, 1, 3, 2, 3, 0, 0);
	struct plan_row b = a, c = a, d = a;
	int count[3];

	(void)state;
	b.step = 2;
	c.step = 3;
	c.id = "hamstring";
	c.dose.sides = 2;
	d.step = 4;
	d.id = "cobra";
	session_init(&s, NULL);
	session_add(&s, &a);
	session_add(&s, &b);
	session_add(&s, &c);
	session_add(&s, &d);
	s.ex[0].status[SIDE_BOTH] = ROW_DONE;
	s.ex[2].before[SIDE_LEFT] = 1;
	s.ex[2].status[SIDE_RIGHT] = ROW_PARTIAL;
	assert_int_equal(session_count(&s, count), 3);
	assert_int_equal(count[ROW_DONE], 1);
	assert_int_equal(count[ROW_PARTIAL], 1);
	assert_int_equal(count[ROW_SKIPPED], 1);
	s.ex[2].status[SIDE_RIGHT] = ROW_DONE;
	assert_int_equal(session_count(&s, count), 3);
	assert_int_equal(count[ROW_DONE], 2);
	assert_int_equal(count[ROW_PARTIAL], 0);
	session_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_plan_is_laid_out_as_phases),
		cmocka_unit_test(the_clock_moves_it_through_the_phases),
		cmocka_unit_test(no_pauses_when_told),
		cmocka_unit_test(a_late_tick_does_not_drift),
		cmocka_unit_test(pause_stops_time_and_resume_goes_on),
		cmocka_unit_test(next_leaves_the_rest_of_the_exercise),
		cmocka_unit_test(next_while_getting_ready_skips),
		cmocka_unit_test(quit_writes_the_rest_as_skipped),
		cmocka_unit_test(back_restarts_the_exercise),
		cmocka_unit_test(a_failed_row_ends_the_session),
		cmocka_unit_test(a_change_of_position_gets_longer_to_get_ready),
		cmocka_unit_test(sides_done_before_are_left_out),
		cmocka_unit_test(an_exercise_done_before_has_no_phase),
		cmocka_unit_test(exercises_are_counted_not_sides),
		cmocka_unit_test(counted_as_the_report_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

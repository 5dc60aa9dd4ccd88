/*
 * manual_test.c - a session logged by hand: the rows it makes (a side
 * each, numbered steps, the timer's totals), doses too big for a row,
 * session ids, the session found in a log, and exercises taken from
 * the catalog and from a routine.
 */
#include <unistd.h>

#include "unit.h"
#include "batch.h"
#include "manual.h"

#define CATALOG LR_SRCDIR "/share/catalog.tsv"
#define ROUTINES LR_SRCDIR "/share/routines.tsv"

static const char *
field(const struct batch *b, size_t row, int col)
{
	assert_true(row < b->n);
	return b->v[row].f[col];
}

static void
assert_row(const struct batch *b, size_t row, const char *step,
    const char *id, const char *side, const char *sets, const char *reps,
    const char *hold, const char *active)
{
	assert_string_equal(field(b, row, R_RECORD), "exercise");
	assert_string_equal(field(b, row, R_STEP), step);
	assert_string_equal(field(b, row, R_ID), id);
	assert_string_equal(field(b, row, R_SIDE), side);
	assert_string_equal(field(b, row, R_SETS), sets);
	assert_string_equal(field(b, row, R_REPS), reps);
	assert_string_equal(field(b, row, R_HOLD_S), hold);
	assert_string_equal(field(b, row, R_ACTIVE_S), active);
	assert_string_equal(field(b, row, R_STATUS), "done");
	assert_string_equal(field(b, row, R_PAIN), "");
}

/* Two sides of 2 x 10 reps (2 s up, 3 s held); 3 holds of 15 s. */
static void
two_exercises(struct manual *m, struct manual_ex *v)
{
	memset(m, 0, sizeof *m);
	v[0] = (struct manual_ex){ (char *)"bird-dog", 2, 2, 10, 3, 2 };
	v[1] = (struct manual_ex){ (char *)"cobra", 1, 3, 0, 15, 0 };
	m->v = v;
	m->n = 2;
	m->session = "manual-x";
	snprintf(m->started, sizeof m->started, "2026-11-02T08:00:00+01:00");
	m->step = 1;
}

static void
rows_of_a_session(void **state)
{
	struct manual m;
	struct manual_ex v[2];
	struct batch b;
	size_t i;

	(void)state;
	two_exercises(&m, v);
	m.note = "at the gym";
	memset(&b, 0, sizeof b);
	manual_rows(&m, &b);
	assert_int_equal(b.n, 3);
	assert_row(&b, 0, "1", "bird-dog", "left", "2", "20", "60", "100");
	assert_row(&b, 1, "1", "bird-dog", "right", "2", "20", "60", "100");
	assert_row(&b, 2, "2", "cobra", "both", "3", "0", "45", "45");
	for (i = 0; i < b.n; i++) {
		assert_string_equal(field(&b, i, R_SESSION), "manual-x");
		assert_string_equal(field(&b, i, R_STARTED),
		    "2026-11-02T08:00:00+01:00");
		assert_string_equal(field(&b, i, R_NOTE), "at the gym");
	}
	batch_free(&b);
}

static void
one_side_given_steps_go_on(void **state)
{
	struct manual m;
	struct manual_ex v[2];
	struct batch b;

	(void)state;
	two_exercises(&m, v);
	m.side = "right";
	m.step = 7;
	memset(&b, 0, sizeof b);
	manual_rows(&m, &b);
	assert_int_equal(b.n, 2);
	assert_row(&b, 0, "7", "bird-dog", "right", "2", "20", "60", "100");
	assert_row(&b, 1, "8", "cobra", "right", "3", "0", "45", "45");
	assert_string_equal(field(&b, 0, R_NOTE), "");
	batch_free(&b);
}

/* The same exercise twice is two steps, so two rows, not one. */
static void
same_exercise_twice(void **state)
{
	struct manual m;
	struct manual_ex v[2];
	struct batch b;

	(void)state;
	two_exercises(&m, v);
	v[0] = v[1];
	memset(&b, 0, sizeof b);
	manual_rows(&m, &b);
	batch_index(&b);
	assert_int_equal(b.n, 2);
	assert_int_equal(batch_new_rows(&b), 2);
	batch_free(&b);
}

/* A rep exercise with no pace of its own takes 3 s a rep. */
static void
reps_without_a_pace(void **state)
{
	struct manual m;
	struct manual_ex v[2];
	struct batch b;

	(void)state;
	two_exercises(&m, v);
	v[1].reps = 12;
	v[1].hold_s = 2;
	v[1].sets = 1;
	m.n = 2;
	memset(&b, 0, sizeof b);
	manual_rows(&m, &b);
	assert_row(&b, 2, "2", "cobra", "both", "1", "12", "24", "60");
	batch_free(&b);
}

static void
too_big_for_a_row(void **state)
{
	struct manual m;
	struct manual_ex v[2];

	(void)state;
	two_exercises(&m, v);
	assert_int_equal(manual_too_big(&m), -1);
	v[1].sets = 20;
	v[1].hold_s = 3600;
	assert_int_equal(manual_too_big(&m), -1);	/* 72000 s */
	v[1].hold_s = 4321;
	assert_int_equal(manual_too_big(&m), 1);	/* 86420 s */
	v[1].hold_s = 15;
	v[0].sets = 20;
	v[0].reps = 100;
	v[0].hold_s = 0;
	v[0].rep_s = 1;
	assert_int_equal(manual_too_big(&m), -1);	/* 2000 reps */
	v[0].reps = 101;
	assert_int_equal(manual_too_big(&m), 0);
}

static void
session_ids(void **state)
{
	char id[80];

	(void)state;
	assert_true(manual_session_valid("manual-20261102T080000-ab12"));
	assert_true(manual_session_valid("20261121T190512-a3f9"));
	assert_true(manual_session_valid("a.b:c_D-9"));
	assert_false(manual_session_valid(""));
	assert_false(manual_session_valid("a b"));
	assert_false(manual_session_valid("a/b"));
	assert_false(manual_session_valid("caf\xc3\xa9"));
	memset(id, 'x', 64);
	id[64] = '\0';
	assert_true(manual_session_valid(id));
	id[64] = 'x';
	id[65] = '\0';
	assert_false(manual_session_valid(id));
}

static const char log_text[] =
    "started\tsession\trecord\tstep\tid\tside\tsets\treps\thold_s\t"
    "active_s\tstatus\tpain\tnote\tlogged\n"
    "2026-11-02T08:00:00+01:00\ts1\tpain\t0\t\t\t0\t0\t0\t0\tbefore\t3\t\t"
    "2026-11-02T09:00:00+01:00\n"
    "2026-11-02T08:01:00+01:00\ts1\texercise\t5\tcobra\tboth\t3\t0\t45\t45"
    "\tdone\t\t\t2026-11-02T09:00:00+01:00\n"
    "2026-11-03T08:00:00+01:00\ts2\texercise\t9\tcobra\tboth\t3\t0\t45\t45"
    "\tdone\t\t\t2026-11-03T09:00:00+01:00\n"
    "2026-11-02T08:02:00+01:00\ts1\texercise\t2\tbird-dog\tleft\t1\t10\t30"
    "\t60\tdone\t\t\t2026-11-02T09:00:00+01:00\n";

static void
session_in_a_log(void **state)
{
	char path[64], started[32];
	long step = -1;
	int fd;

	(void)state;
	snprintf(path, sizeof path, "/tmp/manual_test.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, log_text, sizeof log_text - 1),
	    (ssize_t)(sizeof log_text - 1));
	close(fd);
	assert_int_equal(manual_find_session(path, "s1", started,
	    sizeof started, &step), 1);
	assert_string_equal(started, "2026-11-02T08:00:00+01:00");
	assert_int_equal(step, 5);
	assert_int_equal(manual_find_session(path, "s2", started,
	    sizeof started, &step), 1);
	assert_string_equal(started, "2026-11-03T08:00:00+01:00");
	assert_int_equal(step, 9);
	assert_int_equal(manual_find_session(path, "s3", started,
	    sizeof started, &step), 0);
	assert_int_equal(manual_find_session(path, "s", started,
	    sizeof started, &step), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(manual_find_session(path, "s1", started,
	    sizeof started, &step), 0);
}

static void
exercises_from_the_catalog(void **state)
{
	const char *ids[] = { "cobra", "bird-dog", "cobra" };
	const char *bad[] = { "cobra", "brid-dog", "zzzzzzzz" };
	struct unit_messages msg;
	struct manual m;

	(void)state;
	assert_int_equal(manual_from_ids(&m, CATALOG, ids, 3), 0);
	assert_int_equal(m.n, 3);
	assert_string_equal(m.v[0].id, "cobra");
	assert_string_equal(m.v[1].id, "bird-dog");
	assert_string_equal(m.v[2].id, "cobra");
	assert_int_equal(m.v[0].sides, 1);
	assert_int_equal(m.v[1].sides, 2);
	assert_int_equal(m.step, 1);
	manual_free(&m);
	unit_messages_start(&msg);
	assert_int_equal(manual_from_ids(&m, CATALOG, bad, 3), -1);
	assert_int_equal(m.n, 0);
	assert_non_null(strstr(unit_messages_text(&msg),
	    "no exercise \"brid-dog\"; did you mean bird-dog"));
	assert_non_null(strstr(unit_messages_text(&msg),
	    "no exercise \"zzzzzzzz\"; lr-list shows the ids"));
	assert_null(strstr(unit_messages_text(&msg), "\"cobra\""));
	unit_messages_end(&msg);
	manual_free(&m);
}

static void
exercises_of_a_routine(void **state)
{
	struct unit_messages msg;
	struct manual m;

	(void)state;
	assert_int_equal(setenv("LR_ROUTINES", ROUTINES, 1), 0);
	assert_int_equal(manual_from_routine(&m, CATALOG, "sciatica"), 0);
	assert_int_equal(m.n, 8);
	assert_string_equal(m.v[0].id, "knee-to-chest");
	assert_string_equal(m.v[6].id, "cobra");
	assert_int_equal(m.v[6].sets, 3);
	assert_int_equal(m.v[6].hold_s, 15);
	assert_string_equal(m.v[7].id, "supine-twist");
	manual_free(&m);
	unit_messages_start(&msg);
	assert_int_equal(manual_from_routine(&m, CATALOG, "sciatca"), -1);
	assert_non_null(strstr(unit_messages_text(&msg),
	    "no routine \"sciatca\""));
	unit_messages_end(&msg);
	manual_free(&m);
	unsetenv("LR_ROUTINES");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_of_a_session),
		cmocka_unit_test(one_side_given_steps_go_on),
		cmocka_unit_test(same_exercise_twice),
		cmocka_unit_test(reps_without_a_pace),
		cmocka_unit_test(too_big_for_a_row),
		cmocka_unit_test(session_ids),
		cmocka_unit_test(session_in_a_log),
		cmocka_unit_test(exercises_from_the_catalog),
		cmocka_unit_test(exercises_of_a_routine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * resume_test.c - a session stopped early kept in the state directory
 * and read back: its plan, id and sides done; a file others can write
 * refused.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "resume.h"

static char dir[] = "/tmp/lr-resume-test-XXXXXX";

static void
two_exercises(struct session *s)
{
	struct plan_row a = UNIT_ROW(3, "hamstring", "Hamstring stretch",
	    "stretch", "supine", "Reach, slowly", 2, 2, 0, 0, 20, 4, 10);
	struct plan_row b = UNIT_ROW(4, "bridge", "Bridge", "strength",
	    "supine,sitting", "Lift", 1, 1, 3, 2, 3, 0, 0);

	a.equipment = "strap";
	a.why = "25 s hold, was 20 s";
	session_init(s, NULL);
	session_add(s, &a);
	session_add(s, &b);
	session_layout(s, 10, 20, 5);
}

/* Stopped in the hamstring's right side, set 2: the left is done. */
static void
kept_and_read_back(void **state)
{
	struct session s, r;
	struct resume before = { "", 100, 5000 }, back;

	(void)state;
	two_exercises(&s);
	session_start(&s, 0);
	session_tick(&s, 95000);
	session_quit(&s, 95000);
	assert_int_equal(s.ex[0].status[SIDE_LEFT], ROW_DONE);
	assert_true(resume_left(&s));
	assert_int_equal(resume_keep(&s, "20261118T180000-abcd", &before, 0),
	    1);
	session_init(&r, NULL);
	assert_int_equal(resume_load(&r, &back), 0);
	assert_string_equal(back.session, "20261118T180000-abcd");
	assert_true(back.stopped > 100);
	assert_int_equal(back.active_ms, 5000 + session_active(&s));
	assert_int_equal(r.nex, 2);
	assert_int_equal(r.ex[0].r.step, 3);
	assert_string_equal(r.ex[0].r.cue, "Reach, slowly");
	assert_string_equal(r.ex[0].r.why, "25 s hold, was 20 s");
	assert_string_equal(r.ex[1].r.position, "supine,sitting");
	assert_int_equal(r.ex[0].r.dose.breaths, 4);
	assert_int_equal(r.ex[0].r.dose.rest_s, 10);
	assert_true(r.ex[0].before[SIDE_LEFT]);
	assert_false(r.ex[0].before[SIDE_RIGHT]);
	assert_false(r.ex[1].before[SIDE_BOTH]);
	session_free(&r);
	session_free(&s);
}

/* A later part's stop is after the part before, even in its second. */
static void
a_later_stop_is_later(void **state)
{
	struct session s, r;
	struct resume before = { "", 0, 0 }, back;

	(void)state;
	before.stopped = time(NULL) + 60;
	two_exercises(&s);
	session_start(&s, 0);
	session_quit(&s, 0);
	assert_int_equal(resume_keep(&s, "x", &before, 1), 1);
	session_init(&r, NULL);
	assert_int_equal(resume_load(&r, &back), 0);
	assert_int_equal(back.stopped, before.stopped + 1);
	session_free(&r);
	session_free(&s);
}

/* A resumed session run to its end leaves nothing; another, the kept. */
static void
run_to_the_end(void **state)
{
	struct session s, r;
	struct resume before = { "", 0, 0 }, back;
	char path[PATH_MAX];

	(void)state;
	two_exercises(&s);
	session_start(&s, 0);
	session_quit(&s, 0);
	assert_int_equal(resume_keep(&s, "x", &before, 0), 1);
	session_free(&s);
	two_exercises(&s);
	session_start(&s, 0);
	session_tick(&s, 1000000);
	assert_true(s.done);
	assert_int_equal(resume_keep(&s, "y", &before, 0), 0);
	snprintf(path, sizeof path, "%s/lr/resume", dir);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(resume_keep(&s, "y", &before, 1), 0);
	assert_int_not_equal(access(path, F_OK), 0);
	session_init(&r, NULL);
	assert_int_equal(resume_load(&r, &back), -1);
	session_free(&r);
	session_free(&s);
}

/* Others could have written it: not read. */
static void
others_can_write(void **state)
{
	struct session s, r;
	struct resume before = { "", 0, 0 }, back;
	char path[PATH_MAX];

	(void)state;
	two_exercises(&s);
	session_start(&s, 0);
	session_quit(&s, 0);
	assert_int_equal(resume_keep(&s, "x", &before, 0), 1);
	snprintf(path, sizeof path, "%s/lr/resume", dir);
	assert_int_equal(chmod(path, 0602), 0);
	session_init(&r, NULL);
	assert_int_equal(resume_load(&r, &back), -1);
	assert_int_equal(r.nex, 0);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(resume_load(&r, &back), 0);
	session_free(&r);
	session_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kept_and_read_back),
		cmocka_unit_test(a_later_stop_is_later),
		cmocka_unit_test(run_to_the_end),
		cmocka_unit_test(others_can_write),
	};
	char path[PATH_MAX];
	int rv;

	if (mkdtemp(dir) == NULL || setenv("XDG_STATE_HOME", dir, 1) != 0)
		return 1;
	lr_set_messages(fopen("/dev/null", "w"));
	rv = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(path, sizeof path, "%s/lr/resume", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/lr", dir);
	rv |= rmdir(path) != 0 || rmdir(dir) != 0;
	return rv;
}

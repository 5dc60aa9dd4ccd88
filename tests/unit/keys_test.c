/*
 * keys_test.c - the timer's keys: q and n asked again, a different key
 * or a wait letting them go, Caps Lock, Ctrl-C at once, the keys page.
 */
#include "unit.h"
#include "keys.h"

#define S 1000000000LL

static void
q_twice_stops_and_n_twice_skips(void **state)
{
	struct keys k = { 0 };

	(void)state;
	assert_int_equal(keys_press(&k, 'q', 0, 0), TK_ASK_QUIT);
	assert_string_equal(keys_prompt(&k), "press q again to stop");
	assert_int_equal(keys_press(&k, 'q', 0, 2 * S), TK_QUIT);
	assert_null(keys_prompt(&k));
	assert_int_equal(keys_press(&k, 'n', 0, 5 * S), TK_ASK_NEXT);
	assert_string_equal(keys_prompt(&k), "press n again to skip");
	assert_int_equal(keys_press(&k, 'n', 0, 6 * S), TK_NEXT);
	assert_int_equal(k.cancelled, 0);
}

/* Another key lets the first press go, and counts as itself. */
static void
another_key_lets_it_go(void **state)
{
	struct keys k = { 0 };

	(void)state;
	keys_press(&k, 'q', 0, 0);
	assert_int_equal(keys_press(&k, ' ', 0, S), TK_TOGGLE);
	assert_int_equal(k.cancelled, 'q');
	assert_string_equal(keys_let_go(k.cancelled), "not stopped");
	assert_int_equal(keys_press(&k, 'q', 0, 2 * S), TK_ASK_QUIT);
	assert_int_equal(k.cancelled, 0);
	/* n after q: q let go, n asked. */
	assert_int_equal(keys_press(&k, 'n', 0, 2 * S), TK_ASK_NEXT);
	assert_int_equal(k.cancelled, 'q');
	assert_int_equal(keys_press(&k, 'x', 0, 3 * S), TK_NONE);
	assert_int_equal(k.cancelled, 'n');
	assert_int_equal(keys_press(&k, 'n', 0, 3 * S), TK_ASK_NEXT);
}

/* A first press waits three seconds, no more. */
static void
a_wait_lets_it_go(void **state)
{
	struct keys k = { 0 };

	(void)state;
	keys_press(&k, 'q', 0, 10 * S);
	assert_int_equal(keys_expire(&k, 13 * S - 1), 0);
	assert_int_equal(k.cancelled, 0);
	assert_int_equal(keys_expire(&k, 13 * S), 1);
	assert_int_equal(k.cancelled, 'q');
	assert_int_equal(keys_expire(&k, 14 * S), 0);
	assert_int_equal(keys_press(&k, 'q', 0, 14 * S), TK_ASK_QUIT);
}

static void
caps_lock_changes_nothing(void **state)
{
	struct keys k = { 0 };

	(void)state;
	assert_int_equal(keys_press(&k, 'Q', 0, 0), TK_ASK_QUIT);
	assert_int_equal(keys_press(&k, 'Q', 0, 0), TK_QUIT);
	assert_int_equal(keys_press(&k, 'N', 0, 0), TK_ASK_NEXT);
	assert_int_equal(keys_press(&k, 'n', 0, 0), TK_NEXT);
	assert_int_equal(keys_press(&k, 'P', 0, 0), TK_TOGGLE);
	assert_int_equal(keys_press(&k, 'B', 0, 0), TK_BACK);
	assert_int_equal(keys_press(&k, 'b', 0, 0), TK_BACK);
	assert_int_equal(keys_press(&k, '?', 0, 0), TK_HELP);
}

static void
ctrl_c_stops_at_once(void **state)
{
	struct keys k = { 0 };

	(void)state;
	assert_int_equal(keys_press(&k, 0x03, 0, 0), TK_QUIT);
	assert_int_equal(keys_press(&k, 0x1c, 0, 0), TK_QUIT);
	keys_press(&k, 'n', 0, 0);
	assert_int_equal(keys_press(&k, 0x03, 0, 0), TK_QUIT);
	assert_int_equal(keys_press(&k, 0x1a, 0, 0), TK_SUSPEND);
}

/* On the keys page any key goes back; q there does not stop. */
static void
the_keys_page_takes_any_key(void **state)
{
	struct keys k = { 0 };

	(void)state;
	assert_int_equal(keys_press(&k, 'q', 1, 0), TK_CLOSE_HELP);
	assert_int_equal(k.armed, 0);
	assert_int_equal(keys_press(&k, 'q', 0, 0), TK_ASK_QUIT);
	assert_int_equal(keys_press(&k, 'x', 1, 0), TK_CLOSE_HELP);
	assert_int_equal(keys_press(&k, 0x03, 1, 0), TK_QUIT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(q_twice_stops_and_n_twice_skips),
		cmocka_unit_test(another_key_lets_it_go),
		cmocka_unit_test(a_wait_lets_it_go),
		cmocka_unit_test(caps_lock_changes_nothing),
		cmocka_unit_test(ctrl_c_stops_at_once),
		cmocka_unit_test(the_keys_page_takes_any_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

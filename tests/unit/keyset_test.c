/* keyset_test.c - rows found by hash, and told apart exactly. */
#include "unit.h"

#include "keyset.h"

/* Values stand for the words of this table; same() compares them. */
static const char *const words[] = { "", "cobra", "bridge", "clam",
	"plank", "squat" };

static int
same_word(const void *arg, uint64_t value)
{
	return strcmp(words[value], arg) == 0;
}

static void
equal_hashes_are_told_apart(void **state)
{
	struct keyset s = { NULL, NULL, 0, 0 };

	(void)state;
	/* Every word under one hash, as a collision would put them. */
	keyset_add(&s, 42, 1);
	keyset_add(&s, 42, 2);
	keyset_add(&s, 42, 3);
	assert_int_equal(keyset_find(&s, 42, same_word, "cobra"), 1);
	assert_int_equal(keyset_find(&s, 42, same_word, "bridge"), 2);
	assert_int_equal(keyset_find(&s, 42, same_word, "clam"), 3);
	assert_int_equal(keyset_find(&s, 42, same_word, "plank"), 0);
	assert_int_equal(keyset_find(&s, 7, same_word, "cobra"), 0);
	keyset_free(&s);
}

static int
same_number(const void *arg, uint64_t value)
{
	return value == *(const uint64_t *)arg;
}

static void
growth_keeps_every_entry(void **state)
{
	struct keyset s = { NULL, NULL, 0, 0 };
	uint64_t v;

	(void)state;
	for (v = 1; v <= 100000; v++)
		keyset_add(&s, v % 977, v);	/* long runs of one hash */
	for (v = 1; v <= 100000; v += 997)
		assert_int_equal(keyset_find(&s, v % 977, same_number, &v), v);
	v = 100001;
	assert_int_equal(keyset_find(&s, v % 977, same_number, &v), 0);
	assert_true(s.cap >= 2 * s.n);
	keyset_free(&s);
	assert_int_equal(keyset_find(&s, 1, same_number, &v), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_hashes_are_told_apart),
		cmocka_unit_test(growth_keeps_every_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

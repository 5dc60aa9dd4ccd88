/*
 * str_test.c - the small string helpers: UTF-8 as lr-formats(5)
 * defines it, comma lists, ids.
 */
#include "unit.h"

static int
valid(const char *s)
{
	return lr_utf8_valid(s, strlen(s));
}

/* The controls a terminal may act on: C0, DEL and C1, and no others. */
static void
controls_by_their_bytes(void **state)
{
	(void)state;
	assert_int_equal(lr_control_len("\033[2J"), 1);
	assert_int_equal(lr_control_len("\tx"), 1);
	assert_int_equal(lr_control_len("\x7f"), 1);
	assert_int_equal(lr_control_len("\xc2\x9b" "2J"), 2);
	assert_int_equal(lr_control_len("\xc2\x80"), 2);
	assert_int_equal(lr_control_len("\xc2\xa0"), 0);	/* no-break space */
	assert_int_equal(lr_control_len("\xc3\xa9"), 0);	/* é */
	assert_int_equal(lr_control_len("a"), 0);
	assert_int_equal(lr_control_len(""), 0);
}

static void
utf8_as_the_format_says(void **state)
{
	(void)state;
	assert_true(valid("plain ASCII"));
	assert_true(valid("apr\xc3\xa8s"));			/* è */
	assert_true(valid("\xe2\x96\x88"));			/* █ */
	assert_true(valid("\xf0\x9f\x98\x80"));			/* U+1F600 */
	assert_true(valid("\xed\x9f\xbf"));			/* U+D7FF */
	assert_true(valid("\xee\x80\x80"));			/* U+E000 */
	assert_true(valid("\xf4\x8f\xbf\xbf"));			/* U+10FFFF */
	assert_false(valid("apr\xe8s"));			/* Latin-1 */
	assert_false(valid("\xed\xa0\x80"));			/* U+D800 */
	assert_false(valid("\xed\xbf\xbf"));			/* U+DFFF */
	assert_false(valid("\xc0\xaf"));			/* overlong / */
	assert_false(valid("\xe0\x80\xaf"));			/* overlong */
	assert_false(valid("\xf0\x80\x80\xaf"));		/* overlong */
	assert_false(valid("\xf4\x90\x80\x80"));		/* > U+10FFFF */
	assert_false(valid("\xe2\x96"));			/* cut short */
	assert_false(valid("\x80"));				/* lone tail */
	assert_false(valid("\xff"));
}

static void
every_surrogate_is_refused(void **state)
{
	unsigned cp;

	(void)state;
	for (cp = 0xd800; cp <= 0xdfff; cp++) {
		char s[4] = {
			(char)(0xe0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3f)),
			(char)(0x80 | (cp & 0x3f)), '\0'
		};

		assert_false(valid(s));
	}
}

static void
comma_lists(void **state)
{
	(void)state;
	assert_true(lr_list_has("leg-pain,sciatica", "sciatica"));
	assert_false(lr_list_has("leg-pain,sciatica", "sciatic"));
	assert_false(lr_list_has("leg-pain,sciatica", "leg"));
	assert_false(lr_list_has("", "leg-pain"));
	assert_true(lr_list_meets("knee-pain", "sciatica,knee-pain"));
	assert_false(lr_list_meets("knee-pain", "sciatica,low-back-pain"));
}

/* Words longer than any buffer the list code once had still count. */
static void
long_words_are_whole(void **state)
{
	char word[700], list[1500], bad[16];

	(void)state;
	memset(word, 'a', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	snprintf(list, sizeof list, "x,%s", word);
	assert_true(lr_list_has(list, word));
	assert_true(lr_list_meets(word, list));
	list[strlen(list) - 1] = '\0';		/* one letter shorter */
	assert_false(lr_list_has(list, word));
	assert_false(lr_list_meets(word, list));
	assert_true(lr_list_has_n("ab,cd", "cdef", 2));
	assert_false(lr_list_valid(word, (const char *const[]){ "a", NULL },
	    bad, sizeof bad));
	assert_int_equal(strlen(bad), sizeof bad - 1);
	assert_false(lr_list_valid("a,,a", (const char *const[]){ "a", NULL },
	    bad, sizeof bad));
	assert_string_equal(bad, "");
	assert_true(lr_list_valid("a,b", (const char *const[]){ "a", "b",
	    NULL }, bad, sizeof bad));
}

static void
lists_said_for_people(void **state)
{
	char *said = lr_list_say("chair|wall,mat", ", ", 0);

	(void)state;
	assert_string_equal(said, "chair or wall, mat");
	free(said);
	said = lr_list_say("supine|all-fours,foam-roller,", " or ", 1);
	assert_string_equal(said, "lying on your back or on hands and knees "
	    "or foam roller or ");
	free(said);
	said = lr_list_say("", ", ", 1);
	assert_string_equal(said, "");
	free(said);
}

static void
ids_are_slugs(void **state)
{
	(void)state;
	assert_true(lr_is_slug("figure-four-stretch"));
	assert_true(lr_is_slug("a1"));
	assert_false(lr_is_slug(""));
	assert_false(lr_is_slug("Cobra"));
	assert_false(lr_is_slug("cat cow"));
	assert_false(lr_is_slug("-cobra"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_by_their_bytes),
		cmocka_unit_test(utf8_as_the_format_says),
		cmocka_unit_test(every_surrogate_is_refused),
		cmocka_unit_test(comma_lists),
		cmocka_unit_test(ids_are_slugs),
		cmocka_unit_test(long_words_are_whole),
		cmocka_unit_test(lists_said_for_people),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * time_test.c - the date code against the C library: every day from
 * 1900 to 2400, ISO weeks as strftime's %G-W%V has them.
 */
#include <time.h>

#include "unit.h"

#define FIRST_DAY (-25567L)		/* 1900-01-01 */
#define LAST_DAY (157140L)		/* 2400-12-31 */

static void
civil_matches_gmtime(void **state)
{
	long d;

	(void)state;
	for (d = FIRST_DAY; d <= LAST_DAY; d++) {
		time_t t = (time_t)d * 86400;
		struct tm tm;

		assert_non_null(gmtime_r(&t, &tm));
		assert_int_equal(lr_days_from_civil(tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday), d);
		assert_int_equal(lr_weekday(d), (tm.tm_wday + 6) % 7);
	}
}

static void
iso_week_matches_strftime(void **state)
{
	long d;

	(void)state;
	for (d = FIRST_DAY; d <= LAST_DAY; d++) {
		time_t t = (time_t)d * 86400;
		struct tm tm;
		char want[16], got[16];
		int y, w;
		long monday = d - lr_weekday(d), back;

		assert_non_null(gmtime_r(&t, &tm));
		assert_int_not_equal(strftime(want, sizeof want, "%G-W%V",
		    &tm), 0);
		lr_iso_week(monday, &y, &w);
		snprintf(got, sizeof got, "%d-W%02d", y, w);
		assert_string_equal(got, want);
		/* And back: the week's name gives its Monday. */
		assert_int_equal(lr_parse_week(want, &back), 0);
		assert_int_equal(back, monday);
	}
}

static void
day_text_round_trip(void **state)
{
	long d;

	(void)state;
	for (d = FIRST_DAY; d <= LAST_DAY; d += 37) {
		struct lr_stamp st;
		const char *why;
		char text[16];

		lr_day_text(text, sizeof text, d);
		assert_int_equal(lr_parse_date(text, &st, &why), 0);
		assert_int_equal(lr_days_from_civil(st.y, st.mo, st.d), d);
	}
}

static void
dates_that_do_not_exist(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "1899-12-31", "2026-1-01",
		"26-01-01", "2026/01/01", "", NULL
	};
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "2026-12-31", "1900-01-01", NULL
	};
	struct lr_stamp st;
	const char *why;
	int i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		assert_int_equal(lr_parse_date(bad[i], &st, &why), -1);
	for (i = 0; good[i] != NULL; i++)
		assert_int_equal(lr_parse_date(good[i], &st, &why), 0);
}

static void
weeks_that_do_not_exist(void **state)
{
	long m;

	(void)state;
	assert_int_equal(lr_parse_week("2026-W53", &m), 0);
	assert_int_equal(lr_parse_week("2027-W53", &m), -1);
	assert_int_equal(lr_parse_week("2026-W00", &m), -1);
	assert_int_equal(lr_parse_week("2026W47", &m), -1);
	assert_int_equal(lr_parse_week("2026-w47", &m), -1);
}

static void
stamps_keep_their_local_date(void **state)
{
	struct lr_stamp st;
	const char *why;

	(void)state;
	/* Sunday late evening in New York is Monday in UTC. */
	assert_int_equal(lr_parse_stamp("2026-12-27T23:30:00-05:00", &st,
	    &why), 0);
	assert_int_equal(st.day, lr_days_from_civil(2026, 12, 27));
	assert_int_equal(st.off_min, -300);
	assert_int_equal(lr_parse_stamp("2026-12-27T23:30:00Z", &st, &why),
	    0);
	assert_int_equal(lr_parse_stamp("2026-12-27T24:00:00Z", &st, &why),
	    -1);
	assert_int_equal(lr_parse_stamp("2026-12-27 23:30:00Z", &st, &why),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(civil_matches_gmtime),
		cmocka_unit_test(iso_week_matches_strftime),
		cmocka_unit_test(day_text_round_trip),
		cmocka_unit_test(dates_that_do_not_exist),
		cmocka_unit_test(weeks_that_do_not_exist),
		cmocka_unit_test(stamps_keep_their_local_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

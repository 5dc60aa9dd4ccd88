/*
 * time_test.c - the date code against the C library: every day from
 * 1900 to 2400, ISO weeks as strftime's %G-W%V has them; and the
 * moments people type for lr-log --date, each form and its mistakes.
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

/* 2027-01-15T08:00:00Z: a fixed "now" for the moments people type. */
#define NOW ((time_t)1800000000)

static void
set_tz(const char *tz)
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

/* lr_parse_when of s must give want. */
static void
when_gives(const char *s, const char *want)
{
	char out[64];
	const char *why = NULL;

	if (lr_parse_when(s, NOW, out, sizeof out, &why) != 0)
		fail_msg("\"%s\" refused: %s", s, why);
	if (strcmp(out, want) != 0)
		fail_msg("\"%s\" gave %s, not %s", s, out, want);
}

/* lr_parse_when must refuse s, saying want_why. */
static void
when_refuses(const char *s, const char *want_why)
{
	char out[64];
	const char *why = NULL;

	if (lr_parse_when(s, NOW, out, sizeof out, &why) == 0)
		fail_msg("\"%s\" taken, as %s", s, out);
	assert_non_null(why);
	if (strcmp(why, want_why) != 0)
		fail_msg("\"%s\": \"%s\", not \"%s\"", s, why, want_why);
}

static void
when_takes_every_form(void **state)
{
	(void)state;
	set_tz("UTC0");
	when_gives("today", "2027-01-15T08:00:00+00:00");
	when_gives("now", "2027-01-15T08:00:00+00:00");
	when_gives("yesterday", "2027-01-14T08:00:00+00:00");
	when_gives("2027-01-15", "2027-01-15T08:00:00+00:00");
	when_gives("2021-01-03", "2021-01-03T12:00:00+00:00");
	when_gives("2021-01-03T23:30", "2021-01-03T23:30:00+00:00");
	when_gives("2021-01-03 23:30", "2021-01-03T23:30:00+00:00");
	when_gives("2021-01-03T23:30:15", "2021-01-03T23:30:15+00:00");
	when_gives("2021-01-03 23:30:15", "2021-01-03T23:30:15+00:00");
	/* With an offset: the moment as written, with seconds. */
	when_gives("2021-01-03T23:30+01:00", "2021-01-03T23:30:00+01:00");
	when_gives("2021-01-03 23:30-05:00", "2021-01-03T23:30:00-05:00");
	when_gives("2021-01-03T23:30Z", "2021-01-03T23:30:00Z");
	when_gives("2021-01-03 23:30Z", "2021-01-03T23:30:00Z");
	when_gives("2021-01-03T23:30:15+05:45", "2021-01-03T23:30:15+05:45");
	when_gives("2021-01-03 23:30:15-09:30", "2021-01-03T23:30:15-09:30");
	when_gives("2021-01-03T23:30:15Z", "2021-01-03T23:30:15Z");
	when_gives("2021-01-03 23:30:15Z", "2021-01-03T23:30:15Z");
	when_gives("2021-01-03 00:00+14:00", "2021-01-03T00:00:00+14:00");
	when_gives("2021-01-03 23:59:59-14:00", "2021-01-03T23:59:59-14:00");
	when_gives("2024-02-29 12:00", "2024-02-29T12:00:00+00:00");
	/* Up to a minute ahead is a clock a little fast, not the future. */
	when_gives("2027-01-15 08:01Z", "2027-01-15T08:01:00Z");
	when_gives("2027-01-15 09:01+01:00", "2027-01-15T09:01:00+01:00");
}

static void
when_is_local_time_without_an_offset(void **state)
{
	char out[64];
	const char *why;

	(void)state;
	/* Central European time, without the zone files. */
	set_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	when_gives("2021-01-03 23:30", "2021-01-03T23:30:00+01:00");
	when_gives("2021-07-03T23:30:15", "2021-07-03T23:30:15+02:00");
	when_gives("2021-07-03", "2021-07-03T12:00:00+02:00");
	/* An offset given is kept, not turned into local time. */
	when_gives("2021-07-03 23:30Z", "2021-07-03T23:30:00Z");
	/* The hour the clocks skip in spring never happened here. */
	when_refuses("2021-03-28 02:30",
	    "no such local time: the clocks skipped it");
	when_gives("2021-03-28 03:30", "2021-03-28T03:30:00+02:00");
	/* The hour they repeat in autumn did: either offset will do. */
	assert_int_equal(lr_parse_when("2021-10-31 02:30", NOW, out,
	    sizeof out, &why), 0);
	assert_true(strcmp(out, "2021-10-31T02:30:00+01:00") == 0 ||
	    strcmp(out, "2021-10-31T02:30:00+02:00") == 0);
	set_tz("UTC0");
}

static void
when_refuses_what_is_not_a_moment(void **state)
{
	static const char *const form[] = {
		"", "soon", "Today", "2021", "2021-1-03", "2021/01/03",
		" 2021-01-03", NULL
	};
	static const char *const after_date[] = {
		"2021-01-03x", "2021-01-03 ", "2021-01-03T", "2021-01-03T23",
		"2021-01-03 T23:30", "2021-01-03T 23:30", "2021-01-03  23:30",
		"2021-01-03 \t23:30", "2021-01-03t23:30", "2021-01-03_23:30",
		"2021-01-03 2:30", "2021-01-03 23:3", "2021-01-03 23.30",
		"2021-01-03 2330", "2021-01-03+01:00", "2021-01-03Z", NULL
	};
	static const char *const after_time[] = {
		"2021-01-03 23:30x", "2021-01-03 23:30 ", "2021-01-03 23:30z",
		"2021-01-03 23:30 +01:00", "2021-01-03 23:30 Z",
		"2021-01-03 23:30+0100", "2021-01-03 23:30+01",
		"2021-01-03 23:30+1:00", "2021-01-03 23:30+01:00x",
		"2021-01-03 23:30Zx", "2021-01-03 23:30ZZ",
		"2021-01-03T23:30:00+01:00:00", "2021-01-03 23:30:15.5",
		"2021-01-03T23:30:00T", NULL
	};
	static const char *const offset[] = {
		"2021-01-03 23:30+15:00", "2021-01-03 23:30-15:00",
		"2021-01-03 23:30+14:01", "2021-01-03 23:30-14:30",
		"2021-01-03 23:30+01:60", "2021-01-03T23:30:00+99:00", NULL
	};
	int i;

	(void)state;
	set_tz("UTC0");
	for (i = 0; form[i] != NULL; i++)
		when_refuses(form[i], "expected a date");
	for (i = 0; after_date[i] != NULL; i++)
		when_refuses(after_date[i], "expected T or a space, then "
		    "HH:MM or HH:MM:SS, after the date");
	for (i = 0; after_time[i] != NULL; i++)
		when_refuses(after_time[i],
		    "expected nothing, or a UTC offset, after the time");
	for (i = 0; offset[i] != NULL; i++)
		when_refuses(offset[i], "no such UTC offset");
	when_refuses("2021-01-03 23:30:", "expected HH:MM or HH:MM:SS "
	    "after the date");
	when_refuses("2021-01-03 23:30:5", "expected HH:MM or HH:MM:SS "
	    "after the date");
	when_refuses("2021-01-03 24:00", "no such time of day");
	when_refuses("2021-01-03T24:00:00Z", "no such time of day");
	when_refuses("2021-01-03 23:60", "no such time of day");
	when_refuses("2021-01-03 23:59:60", "no such time of day");
	when_refuses("2026-02-30", "no such date");
	when_refuses("2026-02-30 10:00", "no such date");
	when_refuses("2023-02-29T10:00Z", "no such date");
	when_refuses("2021-13-01 10:00", "no such date");
	when_refuses("2027-01-15 08:01:01Z", "that is in the future");
	when_refuses("2027-01-16", "that is in the future");
	when_refuses("2999-01-01 10:00", "that is in the future");
}

static void
stamps_keep_offsets_within_fourteen_hours(void **state)
{
	struct lr_stamp st;
	const char *why;

	(void)state;
	assert_int_equal(lr_parse_stamp("2026-12-27T23:30:00+14:00", &st,
	    &why), 0);
	assert_int_equal(st.off_min, 14 * 60);
	assert_int_equal(lr_parse_stamp("2026-12-27T23:30:00-14:00", &st,
	    &why), 0);
	assert_int_equal(st.off_min, -14 * 60);
	assert_int_equal(lr_parse_stamp("2026-12-27T23:30:00+14:01", &st,
	    &why), -1);
	assert_string_equal(why, "no such UTC offset");
	assert_int_equal(lr_parse_stamp("2026-12-27T23:30:00+01:00x", &st,
	    &why), -1);
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
		cmocka_unit_test(when_takes_every_form),
		cmocka_unit_test(when_is_local_time_without_an_offset),
		cmocka_unit_test(when_refuses_what_is_not_a_moment),
		cmocka_unit_test(stamps_keep_offsets_within_fourteen_hours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

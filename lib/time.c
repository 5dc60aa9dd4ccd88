/* time.c - owns clocks and ISO 8601 timestamps. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "lr.h"

/* Nanoseconds on the monotonic clock: deadlines that never jump. */
long long
lr_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A moment as local time with its UTC offset: 2026-11-21T19:05:12+01:00 */
char *
lr_iso_time(char *dst, size_t n, time_t t)
{
	struct tm tm;
	char zone[8];
	size_t len;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(dst, n, "%Y-%m-%dT%H:%M:%S", &tm) == 0 ||
	    strftime(zone, sizeof zone, "%z", &tm) != 5) {
		snprintf(dst, n, "1970-01-01T00:00:00+00:00");
		return dst;
	}
	len = strlen(dst);
	snprintf(dst + len, n - len, "%.3s:%.2s", zone, zone + 3);
	return dst;
}

/* The local date of a moment: 2026-11-21 */
char *
lr_iso_date(char *dst, size_t n, time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(dst, n, "%Y-%m-%d", &tm) == 0)
		snprintf(dst, n, "1970-01-01");
	return dst;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
lr_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant). */
long
lr_days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/*
 * A date: YYYY-MM-DD, a real one (no 2026-02-30).  Returns 0, or -1
 * with why set to what is wrong.
 */
int
lr_parse_date(const char *s, struct lr_stamp *t, const char **why)
{
	memset(t, 0, sizeof *t);
	if (strlen(s) < 10 || digits(s, 4, &t->y) || s[4] != '-' ||
	    digits(s + 5, 2, &t->mo) || s[7] != '-' || digits(s + 8, 2, &t->d)) {
		*why = "expected a date as YYYY-MM-DD";
		return -1;
	}
	if (t->y < 1900 || t->y > 9999 || t->mo < 1 || t->mo > 12 ||
	    t->d < 1 || t->d > lr_days_in_month(t->y, t->mo)) {
		*why = "no such date";
		return -1;
	}
	return 0;
}

/*
 * A UTC offset: Z, or +HH:MM or -HH:MM within 14:00 (no zone is
 * further from UTC), and nothing after it.  Returns 0, -1 for no
 * offset at all, -2 for one out of range.
 */
static int
parse_offset(const char *z, int *off_min)
{
	int oh, om;

	if (strcmp(z, "Z") == 0) {
		*off_min = 0;
		return 0;
	}
	if ((z[0] != '+' && z[0] != '-') || digits(z + 1, 2, &oh) ||
	    z[3] != ':' || digits(z + 4, 2, &om) || z[6] != '\0')
		return -1;
	if (om > 59 || oh * 60 + om > 14 * 60)
		return -2;
	*off_min = (oh * 60 + om) * (z[0] == '-' ? -1 : 1);
	return 0;
}

static void
set_epoch(struct lr_stamp *t)
{
	t->day = lr_days_from_civil(t->y, t->mo, t->d);
	t->epoch = (time_t)((t->day * 86400L +
	    t->h * 3600L + t->mi * 60L + t->s) - t->off_min * 60L);
}

/*
 * An ISO 8601 moment with its UTC offset, as lr writes them:
 * 2026-11-21T19:05:12+01:00, or Z for UTC.  The fields keep the
 * local date and time as written; epoch is the moment in UTC.
 */
int
lr_parse_stamp(const char *s, struct lr_stamp *t, const char **why)
{
	if (lr_parse_date(s, t, why) != 0)
		return -1;
	if (s[10] != 'T' || digits(s + 11, 2, &t->h) || s[13] != ':' ||
	    digits(s + 14, 2, &t->mi) || s[16] != ':' ||
	    digits(s + 17, 2, &t->s)) {
		*why = "expected a date and time as YYYY-MM-DDTHH:MM:SS+HH:MM";
		return -1;
	}
	if (t->h > 23 || t->mi > 59 || t->s > 59) {
		*why = "no such time of day";
		return -1;
	}
	switch (parse_offset(s + 19, &t->off_min)) {
	case 0:
		break;
	case -2:
		*why = "no such UTC offset";
		return -1;
	default:
		*why = "expected a UTC offset such as +01:00 or Z after the "
		    "time";
		return -1;
	}
	set_epoch(t);
	return 0;
}

static int
local_stamp(char *dst, size_t n, struct tm *tm, const char **why)
{
	time_t t;

	tm->tm_isdst = -1;
	if ((t = mktime(tm)) == (time_t)-1) {
		*why = "cannot place that moment in local time";
		return -1;
	}
	lr_iso_time(dst, n, t);
	return 0;
}

/*
 * The time people type after a date: T or one space, HH:MM or
 * HH:MM:SS, then nothing or a UTC offset.  *zone is the offset as
 * written, or NULL for none.
 */
static int
typed_time(const char *p, struct lr_stamp *t, const char **zone,
    const char **why)
{
	const char *q = p + 6;

	if ((p[0] != 'T' && p[0] != ' ') || digits(p + 1, 2, &t->h) ||
	    p[3] != ':' || digits(p + 4, 2, &t->mi)) {
		*why = "expected T or a space, then HH:MM or HH:MM:SS, after "
		    "the date";
		return -1;
	}
	t->s = 0;
	if (*q == ':') {
		if (digits(q + 1, 2, &t->s)) {
			*why = "expected HH:MM or HH:MM:SS after the date";
			return -1;
		}
		q += 3;
	}
	if (t->h > 23 || t->mi > 59 || t->s > 59) {
		*why = "no such time of day";
		return -1;
	}
	*zone = *q != '\0' ? q : NULL;
	switch (*zone != NULL ? parse_offset(q, &t->off_min) : 0) {
	case 0:
		return 0;
	case -2:
		*why = "no such UTC offset";
		return -1;
	default:
		*why = "expected nothing, or a UTC offset, after the time";
		return -1;
	}
}

/*
 * When a manual record happened, as people type it (LR_WHEN_FORMS):
 * now or today (this moment), yesterday (this time yesterday), a date
 * (its local noon, safely inside that day whatever the clocks do), a
 * local date and time, or a moment with its UTC offset, kept as
 * written.  Written as lr writes every moment.  The future is refused,
 * and so is a local time the clocks skipped.
 */
int
lr_parse_when(const char *s, time_t now, char *dst, size_t n,
    const char **why)
{
	struct lr_stamp st;
	struct tm tm;
	const char *zone = NULL;

	memset(&tm, 0, sizeof tm);
	if (strcmp(s, "now") == 0 || strcmp(s, "today") == 0) {
		lr_iso_time(dst, n, now);
		return 0;
	}
	if (strcmp(s, "yesterday") == 0) {
		localtime_r(&now, &tm);
		tm.tm_mday--;
		return local_stamp(dst, n, &tm, why);
	}
	if (lr_parse_date(s, &st, why) != 0) {
		if (strcmp(*why, "no such date") != 0)
			*why = "expected a date";
		return -1;
	}
	if (s[10] == '\0') {
		char today[16];

		/* Today's noon may be still to come: today means now. */
		if (strcmp(s, lr_iso_date(today, sizeof today, now)) == 0) {
			lr_iso_time(dst, n, now);
			return 0;
		}
		st.h = 12;
	} else if (typed_time(s + 10, &st, &zone, why) != 0)
		return -1;
	if (zone != NULL) {
		set_epoch(&st);
		if (st.epoch > now + 60) {
			*why = "that is in the future";
			return -1;
		}
		snprintf(dst, n, "%04d-%02d-%02dT%02d:%02d:%02d%s", st.y,
		    st.mo, st.d, st.h, st.mi, st.s, zone);
		return 0;
	}
	tm.tm_year = st.y - 1900;
	tm.tm_mon = st.mo - 1;
	tm.tm_mday = st.d;
	tm.tm_hour = st.h;
	tm.tm_min = st.mi;
	tm.tm_sec = st.s;
	if (local_stamp(dst, n, &tm, why) != 0)
		return -1;
	/* mktime moves a time the clocks skipped (spring forward) on. */
	if (tm.tm_mday != st.d || tm.tm_hour != st.h || tm.tm_min != st.mi) {
		*why = "no such local time: the clocks skipped it";
		return -1;
	}
	if (lr_parse_stamp(dst, &st, why) == 0 && st.epoch > now + 60) {
		*why = "that is in the future";
		return -1;
	}
	return 0;
}

/* Monday = 0 ... Sunday = 6, of a day counted from 1970-01-01. */
int
lr_weekday(long days)
{
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

char *
lr_day_text(char *dst, size_t n, long days)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(dst, n, "%04d-%02d-%02d", y, m, d);
	return dst;
}

/*
 * The ISO 8601 week of the week starting on Monday `monday`: the year
 * its Thursday falls in, and its number in that year.
 */
void
lr_iso_week(long monday, int *year, int *week)
{
	int y, m, d;

	civil_from_days(monday + 3, &y, &m, &d);
	*year = y;
	*week = (int)((monday + 3 - lr_days_from_civil(y, 1, 1)) / 7 + 1);
}

/* The Monday of ISO week YYYY-Www, or -1 for no such week. */
int
lr_parse_week(const char *s, long *monday)
{
	int y, w, yy, ww;
	long jan4;

	if (strlen(s) != 8 || digits(s, 4, &y) || s[4] != '-' ||
	    s[5] != 'W' || digits(s + 6, 2, &w) || y < 1900 || w < 1)
		return -1;
	jan4 = lr_days_from_civil(y, 1, 4);
	*monday = jan4 - lr_weekday(jan4) + (w - 1) * 7L;
	lr_iso_week(*monday, &yy, &ww);
	return yy == y && ww == w ? 0 : -1;
}

/* This moment as 20261121T190512, for names of sessions and files. */
char *
lr_stamp_now(char *dst, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(dst, n, "%Y%m%dT%H%M%S", &tm) == 0)
		snprintf(dst, n, "19700101T000000");
	return dst;
}

/*
 * A new session id: [prefix-]20261121T190512-a3f9, the time it began
 * and sixteen random bits, so two sessions begun in the same second
 * still differ.
 */
char *
lr_session_id(char *dst, size_t n, const char *prefix)
{
	unsigned int r = (unsigned int)getpid() ^ (unsigned int)lr_mono_ns();
	char when[24];

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		r ^= (unsigned int)time(NULL);
	lr_stamp_now(when, sizeof when);
	snprintf(dst, n, "%s%s%s-%04x", prefix ? prefix : "",
	    prefix ? "-" : "", when, r & 0xffff);
	return dst;
}

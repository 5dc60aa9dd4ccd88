/*
 * time.c - clocks and ISO 8601 timestamps.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

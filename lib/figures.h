/*
 * figures.h - the range of weeks a report covers, and each week's
 * figures as people read them (figures.c).
 */
#ifndef LR_FIGURES_H
#define LR_FIGURES_H

#include "weeks.h"

struct range_spec {
	long weeks;			/* the last n weeks */
	const char *since, *until, *week, *today;
	int last_week;
};

struct range {
	long first, last;		/* Mondays */
	long today;
};

struct row {
	long monday;
	int iso_y, iso_w;
	long sessions, days, done, partial, skipped, stopped;
	double minutes, completion, adherence;
	double pain[3], level;		/* -1: no rating */
	double d_minutes, d_level;	/* change against the week before */
	int has_prev_level, full;
};

/* The weeks of a range, each worked out when asked for. */
struct rows {
	const struct weeks *s;
	long first, today, target;
	size_t n;
};

struct totals {
	long sessions, days, done, partial, skipped, stopped;
	double minutes;
	unsigned pain_n[3], pain_sum[3];
};

void range_make(const struct range_spec *o, struct range *r);
double figures_avg(unsigned sum, unsigned n);
void rows_init(struct rows *R, const struct weeks *s, const struct range *r,
    long target);
void row_get(const struct rows *R, size_t i, struct row *x);
void rows_totals(struct totals *t, const struct rows *R);

#endif

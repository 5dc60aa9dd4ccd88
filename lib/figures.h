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
	int has_prev_minutes, has_prev_level, full;
	int in_log;			/* not before the log's first record */
};

/* The weeks of a range, each worked out when asked for. */
struct rows {
	const struct weeks *s;
	long first, today, target;
	long log_first;			/* its first record's Monday */
	size_t n;
};

/* The range's sums, and its figures over the weeks of the log. */
struct totals {
	long sessions, days, done, partial, skipped, stopped;
	long weeks;			/* from the log's first record */
	double minutes, completion, adherence;
	double pain[3], level;		/* -1: no rating */
	unsigned pain_n[3], pain_sum[3];
};

/* Whether a session is due today: none yet, and the week short of target. */
struct due {
	long sessions;			/* this week's so far */
	int today;			/* exercise done today */
	int stopped;			/* a warning sign stopped one today */
	int due;
};

void range_make(const struct range_spec *o, struct range *r);
int range_clip(struct range *r, const struct weeks *s);
double figures_avg(unsigned sum, unsigned n);
void rows_init(struct rows *R, const struct weeks *s, const struct range *r,
    long target);
void row_get(const struct rows *R, size_t i, struct row *x);
void rows_totals(struct totals *t, const struct rows *R);
void due_get(struct due *d, const struct weeks *s, long today, long target);

#endif

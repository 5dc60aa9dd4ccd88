/*
 * warnings.h - the articles' rules over the weeks of a report, each
 * warning with the article it comes from (warnings.c).
 */
#ifndef LR_WARNINGS_H
#define LR_WARNINGS_H

#include <stdio.h>

#include "figures.h"

/* A warning names at most this many dates, then says how many more. */
#define LIST_MAX 8

/*
 * A stop leads; the other warnings follow in the order they are made,
 * the one on weeks under the target (which names many weeks) last.
 */
enum { RANK_STOP, RANK_OTHER, RANK_TARGET };

struct warning {
	long monday;			/* the week it belongs to */
	int rank;
	size_t order;
	char *text;
};

struct warnings {
	struct warning *v;
	size_t n;
	unsigned conditions;		/* the person's: a bit each */
	FILE *fp;			/* the warning being written */
	char *buf;
	size_t len;
};

void warn_init(struct warnings *w, unsigned conditions);
void warn_all(struct warnings *w, const struct weeks *s,
    const struct rows *R, const struct range *r);
void warn_free(struct warnings *w);

/* The rules one by one, in the order warn_all applies them. */
void warn_stops(struct warnings *w, const struct weeks *s,
    const struct range *r);
void warn_unsettled(struct warnings *w, const struct weeks *s,
    const struct range *r);
void warn_rising(struct warnings *w, const struct rows *R);
void warn_no_better(struct warnings *w, const struct weeks *s, long target,
    const struct range *r);
void warn_adherence(struct warnings *w, const struct rows *R);
void warn_sort(struct warnings *w);

int warn_under_target(const struct rows *R, size_t i, long firstweek,
    struct row *x);

#endif

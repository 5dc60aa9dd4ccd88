/*
 * planner.h - choosing the exercises of a plan and their doses
 * (planner.c), and writing the plan (plan.c).
 */
#ifndef LR_PLANNER_H
#define LR_PLANNER_H

#include <stdio.h>

#include "doses.h"
#include "list.h"
#include "progress.h"
#include "lr.h"

enum { PH_WARMUP, PH_STRETCH, PH_STRENGTH };

/* What a step up a dose adds. */
enum { DOSE_SETS, DOSE_REPS, DOSE_BREATHS, DOSE_HOLD };

/* One exercise the plan may use: its catalog row, owned, and its dose. */
struct item {
	char **row;
	struct exercise e;
	struct dose d, base;	/* planned, and where the article starts */
	struct dose top;	/* the most the article gives */
	struct article_dose *from;	/* owned; NULL: the catalog's own */
	int phase, rank, chosen, raised;
	long order;
	char *why;		/* why it was chosen; NULL when not */
	char *dose_why;		/* why its dose (pool_reasons) */
	int progress;		/* PROGRESS_* */
};

/* The exercises a plan chooses from, and what the filters left out. */
struct pool {
	struct item *v;
	size_t n, cap;
	struct catalog c;
	long tally[F_LEVEL + 1];	/* main exercises each filter left out */
	long rows;			/* main exercises: not warm-ups */
	struct wordset need, covered;	/* regions to work, regions worked */
	const struct doses *doses;
	int logged;			/* a log was read, even empty */
	int routine;			/* a routine as written */
};

int pool_open(struct pool *p, FILE *fp, const char *name);
int pool_read(struct pool *p, const struct filter *f,
    const struct doses *doses);
int pool_routine(struct pool *p, const struct routine *r,
    const struct doses *doses);
int dose_raise(struct dose *d, const struct dose *base,
    const struct dose *top, int kind);
int pool_choose(struct pool *p, const char *conditions, long budget,
    unsigned long long seed);
void pool_progress(struct pool *p, const struct history *h);
void pool_reasons(struct pool *p);
long pool_total(const struct pool *p);
long item_seconds(const struct item *it);
void pool_free(struct pool *p);

void plan_put_header(FILE *fp, const struct catalog *c);
void plan_put_row(FILE *fp, const struct catalog *c, long step,
    const struct exercise *e, const struct dose *d, const char *why,
    char *const *row);

#endif

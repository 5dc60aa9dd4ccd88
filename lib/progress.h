/*
 * progress.h - what the log says about each exercise, and the dose it
 * leads to next (progress.c).
 */
#ifndef LR_PROGRESS_H
#define LR_PROGRESS_H

#include <stdio.h>

#include "lr.h"

/* One session that held an exercise, as the log tells it. */
struct held {
	char *session;
	time_t epoch;			/* when the exercise began */
	long day;			/* its local date */
	int status;			/* HELD_DONE, HELD_PARTIAL, HELD_SKIPPED */
	long sets, reps, hold_s;	/* per side, over all sets */
	int before, after, peak;	/* pain of the session; -1: none */
	int next;			/* first rating on a later day; -1 */
	time_t next_epoch;
	int unsettled;			/* a later day's screen said so */
};

enum { HELD_DONE, HELD_PARTIAL, HELD_SKIPPED };

/* An exercise's last two sessions: last[0] the latest. */
struct exercise_history {
	char *id;
	struct held last[2];
	int n;
};

struct history {
	struct exercise_history *v;
	size_t n, cap;
};

int history_read(struct history *h, FILE *fp, const char *name);
const struct exercise_history *history_of(const struct history *h,
    const char *id);
void history_free(struct history *h);

/* What the log led to. */
enum { PROGRESS_NEW, PROGRESS_UP, PROGRESS_HOLD, PROGRESS_BACK,
	PROGRESS_TOP };

int progress_dose(const struct exercise_history *x, int strength,
    const struct dose *start, const struct dose *top, struct dose *d,
    char **why);

#endif

/*
 * manual.h - a session done away from the timer (manual.c): its
 * exercises, from ids or a routine, at their doses; the rows they make,
 * as lr-timer would write them; and the session a later add joins.
 */
#ifndef LR_MANUAL_H
#define LR_MANUAL_H

#include <stddef.h>

#include "lr.h"

struct batch;

/* One exercise of the session, at the dose it was done. */
struct manual_ex {
	char *id;			/* owned */
	long sides;			/* 2: a row for each side */
	long sets, reps, hold_s;	/* reps a set; seconds of each hold */
	long rep_s;			/* seconds of moving in each rep */
};

/* A manual session: its exercises, and what all its rows share. */
struct manual {
	struct manual_ex *v;
	size_t n;
	const char *session;
	char started[32];		/* every row's */
	long step;			/* the first exercise's; then one up */
	const char *side;		/* NULL: as the exercise is done */
	const char *note;
};

/* What lr-log add was given; -1 and NULL: not given. */
struct manual_args {
	const char *const *ids;
	size_t nids;
	const char *routine, *session, *catalog, *side, *note;
	const char *when;		/* NULL: now, or the session's start */
	long sets, reps, hold;
};

/* The usage errors of a manual session's arguments, said; exit 2. */
void manual_check_args(const struct manual_args *a);
/*
 * The rows of the session the arguments say, into b: a new session
 * (its id made into session) or the one given, found in the log.  -1,
 * each reason said, when an id, the routine or the session is not
 * there.
 */
int manual_add(const struct manual_args *a, const char *log,
    struct batch *b, char *session, size_t n);

/* The exercises, in the order given, at the catalog's doses. */
int manual_from_ids(struct manual *m, const char *catalog,
    const char *const *ids, size_t n);
/* The steps of a routine of routines.tsv, at the routine's doses. */
int manual_from_routine(struct manual *m, const char *catalog,
    const char *name);
/* The exercise whose rows would not fit the results format, or -1. */
long manual_too_big(const struct manual *m);
/* A row per exercise and side, in order, into the batch. */
void manual_rows(const struct manual *m, struct batch *b);
void manual_free(struct manual *m);

/* Is s a session id as lr-formats(5) has them? */
int manual_session_valid(const char *s);
/*
 * Look for the session id in the log: 1 when a row has it, with the
 * start of its first row in started and its highest step in *step; 0
 * when none has (or there is no log); -1, said, when the log cannot
 * be read.
 */
int manual_find_session(const char *log, const char *id, char *started,
    size_t n, long *step);

#endif

/*
 * rows.h - the timer's results rows on standard output (rows.c):
 * whole rows, flushed at once, held back while standard output is
 * the terminal the session is drawn on; the first write error kept.
 */
#ifndef LR_ROWS_H
#define LR_ROWS_H

#include <stdio.h>
#include <time.h>

#include "session.h"

struct rows {
	const char *session;		/* the session id of every row */
	FILE *out;
	char *held;			/* rows held back till the end */
	size_t len;
	int error;			/* errno of the first failed write */
};

int rows_open(struct rows *r, const char *session, int hold);
int rows_exercise(struct rows *r, const struct session_row *sr,
    time_t started);
int rows_check(struct rows *r, const char *record, const char *status,
    int pain, const char *note);
int rows_close(struct rows *r);

#endif

/*
 * unit.h - what every unit test of the library includes: cmocka and
 * lr.h, readers fed from memory, and plan rows from the few fields the
 * tests vary.
 */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lr.h"

/* A stream reading the bytes of s, for the readers under test. */
static inline FILE *
unit_input(const char *s)
{
	FILE *fp = fmemopen((void *)s, strlen(s), "r");

	assert_non_null(fp);
	return fp;
}

/*
 * A plan row from what the tests vary: its step, id, name, kind,
 * position and cue, then its dose in the order of struct dose (sides,
 * sets, reps, rep_s, hold_s, breaths, rest_s).  Its equipment is "none";
 * it has no reason for its dose and no steps: a test that wants them
 * sets them after.  A macro, so that a constant at file scope can use it.
 */
#define UNIT_ROW(step, id, name, kind, position, cue, ...) \
	{ (step), (id), (name), (kind), (position), "none", (cue), "", \
	    { __VA_ARGS__ }, NULL }

/*
 * Messages the library prints go to a stream the test can read, not to
 * the terminal running the tests.
 */
struct unit_messages {
	char *text;
	size_t len;
	FILE *fp;
};

static inline void
unit_messages_start(struct unit_messages *m)
{
	m->text = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->text, &m->len);
	assert_non_null(m->fp);
	lr_set_messages(m->fp);
}

/* The messages so far; stop with unit_messages_end. */
static inline const char *
unit_messages_text(struct unit_messages *m)
{
	fflush(m->fp);
	return m->text ? m->text : "";
}

static inline void
unit_messages_end(struct unit_messages *m)
{
	lr_set_messages(NULL);
	fclose(m->fp);
	free(m->text);
}

#endif

/*
 * plain.h - the session as plain lines (plain.c), for TERM=dumb and
 * screen readers: a line for each change, never a redraw, never a
 * cursor moved.
 */
#ifndef LR_PLAIN_H
#define LR_PLAIN_H

#include "session.h"

struct plain {
	int tty;		/* where the lines go */
	size_t cur;		/* the phase the marks below are of */
	long mark;		/* the last tens of seconds or breath said */
};

void plain_say(const struct plain *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void plain_event(struct plain *p, const struct session *s, int ev);
void plain_tick(struct plain *p, const struct session *s, long long now);
void plain_keys(const struct plain *p);

#endif

/*
 * resume.h - a session stopped early, kept to be picked up later the
 * same day (resume.c): its plan, its id, the sides done, in a private
 * file of the state directory.
 */
#ifndef LR_RESUME_H
#define LR_RESUME_H

#include <time.h>

#include "session.h"

struct resume {
	char session[48];	/* the id its rows share */
	time_t stopped;		/* its rows all started by then */
	long active_ms;		/* exercise done before */
};

int resume_save(const struct session *s, const struct resume *r);
int resume_load(struct session *s, struct resume *r);
void resume_clear(void);
int resume_keep(const struct session *s, const char *id,
    const struct resume *before, int resumed);
int resume_left(const struct session *s);

#endif

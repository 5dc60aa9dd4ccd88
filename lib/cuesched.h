/*
 * cuesched.h - what the timer says aloud, and when (cuesched.c): the
 * spoken cues of each phase at their times, those due on the session
 * clock, and the last word.  It reads the session and never a clock:
 * every time is `now`, the session clock in milliseconds.
 */
#ifndef LR_CUESCHED_H
#define LR_CUESCHED_H

#include "session.h"

#define CUE_LEN 160		/* a cue's text, with its NUL */
#define CUE_MAX 64		/* the cues of one phase, at most */

struct cue {
	long long at;		/* ms: from its phase's start, or when due */
	int tick;		/* a rep begins without a "Go": --tick */
	char text[CUE_LEN];
};

/* Where the schedule has got to. */
struct cuesched {
	size_t ph;		/* the phase last looked at */
	long long start;	/* its start then, and the pauses then */
	long long paused;
	long long since;	/* every cue up to here is said or dropped */
	int seen;
};

void cuesched_init(struct cuesched *cs);
size_t cuesched_phase(const struct session *s, size_t i, struct cue *out,
    size_t max);
size_t cuesched_due(struct cuesched *cs, const struct session *s,
    long long now, long late_ms, struct cue *out, size_t max);
long long cuesched_next(const struct session *s, long long now);
const char *cuesched_summary(char *dst, size_t n, const struct session *s,
    long elapsed_ms);

#endif

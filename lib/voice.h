/*
 * voice.h - the timer's voice while a session runs (voice.c): the
 * spoken cues due on the session clock, said through cues.c at most
 * half a second late; --tick's bell at each rep; and the last word,
 * however the session ends.  What is said when is cuesched.c's.
 */
#ifndef LR_VOICE_H
#define LR_VOICE_H

#include "cues.h"
#include "cuesched.h"
#include "session.h"
#include "tclock.h"

struct voice {
	struct cues *cues;		/* what says them */
	const struct session *s;
	const struct tclock *clk;
	struct cuesched sched;		/* where the schedule has got to */
	int bell_fd;			/* --tick rings here; -1: no tick */
};

void voice_due(struct voice *v, long long mono);
void voice_summary(struct voice *v);
long long voice_next(const struct voice *v, long long mono);

#endif

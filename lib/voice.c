/* voice.c - what the timer says aloud while a session runs, and when. */
#include <unistd.h>

#include "voice.h"

/* A cue said at `ms` on the session clock may start half a second late. */
static void
speak(struct voice *v, const char *text, long long ms, long long mono)
{
	cues_speak(v->cues, text, mono, tclock_real_ns(v->clk, ms) +
	    500000000LL);
}

/* The spoken cues due by now (mono, ns); --tick rings at each rep. */
void
voice_due(struct voice *v, long long mono)
{
	struct cue due[16];
	size_t n, i;

	n = cuesched_due(&v->sched, v->s, tclock_ms(v->clk, mono),
	    (long)(500 * v->clk->speed), due, 16);
	for (i = 0; i < n; i++) {
		if (due[i].tick && v->bell_fd >= 0)
			(void)!write(v->bell_fd, "\a", 1);
		speak(v, due[i].text, due[i].at, mono);
	}
	cues_pump(v->cues, mono);
}

/*
 * The last word, said when the session ends, however it ends; a whole
 * session took until its last phase's end, however late the clock
 * was read.
 */
void
voice_summary(struct voice *v)
{
	const struct session *s = v->s;
	long long mono = lr_mono_ns(), now = tclock_ms(v->clk, mono);
	long long at = s->paused ? s->paused_at : now;
	char text[CUE_LEN];

	if (!s->quit && s->end < at)
		at = s->end;
	cuesched_summary(text, sizeof text, s, (long)(at - s->paused_total));
	speak(v, text, now, mono);
}

/* When (mono, ns) there is next something to say or to change. */
long long
voice_next(const struct voice *v, long long mono)
{
	return tclock_real_ns(v->clk, cuesched_next(v->s, tclock_ms(v->clk,
	    mono)));
}

/* plain.c - the timer's session told in plain lines, one per change. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "plain.h"

/* A line, ended as a terminal in cbreak mode needs. */
void
plain_say(const struct plain *p, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	dprintf(p->tty, "%s\r\n", line);
}

static const char *
side_text(const struct phase *ph)
{
	return ph->side == SIDE_LEFT ? "left side, " : ph->side ==
	    SIDE_RIGHT ? "right side, " : "";
}

static void
say_ready(const struct plain *p, const struct session *s,
    const struct phase *ph)
{
	const struct session_ex *e = &s->ex[ph->ex];

	plain_say(p, "Step %d of %zu: %s, %s. Get ready, %ld s. %s",
	    ph->ex + 1, s->nex, e->r.name, e->r.position, ph->ms / 1000,
	    e->r.cue);
	if (e->r.why[0] != '\0')
		plain_say(p, "Dose: %s", e->r.why);
}

/* A set's work, said as it begins; then each rep on a line. */
static void
say_work(const struct plain *p, const struct session *s,
    const struct phase *ph)
{
	const struct dose *d = &s->ex[ph->ex].r.dose;

	if (ph->rep > 1) {
		plain_say(p, "Rep %d of %ld", ph->rep, d->reps);
		return;
	}
	if (ph->rep == 1)
		plain_say(p, "Go: %sset %d of %ld, %ld reps, %ld s each. "
		    "Rep 1 of %ld", side_text(ph), ph->set, d->sets, d->reps,
		    d->rep_s + d->hold_s, d->reps);
	else if (d->breaths > 0)
		plain_say(p, "Go: %sset %d of %ld, hold for %ld slow breaths, "
		    "%ld s. Breath 1", side_text(ph), ph->set, d->sets,
		    d->breaths, ph->ms / 1000);
	else
		plain_say(p, "Go: %sset %d of %ld, hold %ld s", side_text(ph),
		    ph->set, d->sets, ph->ms / 1000);
}

/*
 * Where a countdown is: the breath of a hold counted in breaths, else
 * the tens of seconds left (30 s: 3, then 2 from 20 s left, ...).
 */
static long
mark_of(const struct session *s, const struct phase *ph, long done)
{
	const struct dose *d = &s->ex[ph->ex].r.dose;
	long per;

	if (ph->kind == PH_WORK && ph->rep == 0 && d->breaths > 0) {
		per = ph->ms / d->breaths;
		return per > 0 ? done / per + 1 : 1;
	}
	return (ph->ms - done + 9999) / 10000;
}

static void
say_phase(struct plain *p, const struct session *s)
{
	const struct phase *ph = session_phase(s);

	p->cur = s->cur;
	p->mark = mark_of(s, ph, 0);
	switch (ph->kind) {
	case PH_READY:
		say_ready(p, s, ph);
		break;
	case PH_SWITCH:
		plain_say(p, "Switch sides, %ld s", ph->ms / 1000);
		break;
	case PH_REST:
		plain_say(p, "Rest, %ld s", ph->ms / 1000);
		break;
	default:
		say_work(p, s, ph);
	}
}

/* The line for what just happened in the session, if it has one. */
void
plain_event(struct plain *p, const struct session *s, int ev)
{
	switch (ev) {
	case SE_PHASE:
		say_phase(p, s);
		break;
	case SE_EX_DONE:
		plain_say(p, "Finished: %s", session_current(s)->r.name);
		break;
	case SE_NEXT:
		plain_say(p, "Skipped the rest of %s",
		    session_current(s)->r.name);
		break;
	case SE_BACK:
		plain_say(p, "Back to the start of %s",
		    session_current(s)->r.name);
		break;
	case SE_QUIT:
		plain_say(p, "Stopped");
		break;
	case SE_PAUSE:
		plain_say(p, "Paused: press space to go on");
		break;
	case SE_RESUME:
		plain_say(p, "Going on");
		break;
	case SE_END:
		if (!s->quit)
			plain_say(p, "The end of the session");
		break;
	}
}

/*
 * A hold, rest or get-ready is told as it goes on: each breath, or
 * every ten seconds left; never more than once a second or so.
 */
void
plain_tick(struct plain *p, const struct session *s, long long now)
{
	const struct phase *ph;
	long m;

	if (s->done || s->nph == 0 || s->paused || p->cur != s->cur)
		return;
	ph = session_phase(s);
	if (ph->kind == PH_WORK && ph->rep > 0)
		return;
	m = mark_of(s, ph, session_elapsed(s, now));
	if (m == p->mark)
		return;
	p->mark = m;
	if (ph->kind == PH_WORK && s->ex[ph->ex].r.dose.breaths > 0)
		plain_say(p, "Breath %ld of %ld", m,
		    s->ex[ph->ex].r.dose.breaths);
	else if (m > 0)
		plain_say(p, "%ld s left", m * 10);
}

/* The keys, on a line. */
void
plain_keys(const struct plain *p)
{
	plain_say(p, "Keys: space pause and go on; n twice skip to the next "
	    "exercise; b back to the start of this exercise; q twice stop "
	    "(what you did is kept); Ctrl-C stop at once; ? these keys.");
}

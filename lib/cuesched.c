/* cuesched.c - the spoken cues of a session, their times and the last word. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cuesched.h"

/*
 * Exercises whose reps are breaths: each rep is a breath in, then out.
 * The plan has no column for it; the catalog's cue says so in words.
 */
static const char *const breath_reps[] = { "cat-cow", NULL };

static int
breath_reps_of(const struct session_ex *e)
{
	size_t i;

	for (i = 0; breath_reps[i] != NULL; i++)
		if (strcmp(e->r.id, breath_reps[i]) == 0)
			return 1;
	return 0;
}

/* ---- the cues of a phase, as a list in time order ---- */

struct list {
	struct cue *c;
	size_t n, max;
};

/*
 * A cue at `at` ms into the phase.  Cues due at the same time are said
 * as one, sentence after sentence: two commands at once would talk over
 * each other, or the second be dropped.
 */
static void __attribute__((format(printf, 4, 5)))
add(struct list *l, long at, int tick, const char *fmt, ...)
{
	char text[CUE_LEN];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (text[0] == '\0')
		return;
	for (i = 0; i < l->n; i++)
		if (l->c[i].at == at) {
			size_t len = strlen(l->c[i].text);

			snprintf(l->c[i].text + len, CUE_LEN - len, ". %s",
			    text);
			l->c[i].tick |= tick;
			return;
		}
	if (l->n == l->max)
		return;
	for (i = l->n; i > 0 && l->c[i - 1].at > at; i--)
		l->c[i] = l->c[i - 1];
	l->c[i].at = at;
	l->c[i].tick = tick;
	snprintf(l->c[i].text, CUE_LEN, "%s", text);
	l->n++;
}

/* A length said plainly: "30 seconds", "1 minute", "5 minutes". */
static const char *
say_len(char *dst, size_t n, long ms)
{
	long s = (ms + 500) / 1000;

	if (s >= 60 && s % 60 == 0)
		snprintf(dst, n, "%ld minute%s", s / 60, s == 60 ? "" : "s");
	else
		snprintf(dst, n, "%ld second%s", s, s == 1 ? "" : "s");
	return dst;
}

static const char *
side_word(int side)
{
	return side == SIDE_LEFT ? "left" : side == SIDE_RIGHT ? "right" : "";
}

/* The side and set of a work phase: "Left side, set 2 of 3", or "". */
static const char *
where(char *dst, size_t n, const struct session *s, const struct phase *p)
{
	long sets = s->ex[p->ex].r.dose.sets;
	const char *side = side_word(p->side);

	if (*side && sets > 1)
		snprintf(dst, n, "%s side, set %d of %ld", side, p->set, sets);
	else if (*side)
		snprintf(dst, n, "%s side", side);
	else if (sets > 1)
		snprintf(dst, n, "set %d of %ld", p->set, sets);
	else
		dst[0] = '\0';
	dst[0] = (char)toupper((unsigned char)dst[0]);
	return dst;
}

/* What a set asks: "10 reps", "Hold 30 seconds", "Hold for 5 slow breaths". */
static const char *
what(char *dst, size_t n, const struct session_ex *e)
{
	const struct dose *d = &e->r.dose;
	char len[32];

	if (d->reps > 0 && breath_reps_of(e))
		snprintf(dst, n, "%ld slow breath%s", d->reps,
		    d->reps == 1 ? "" : "s");
	else if (d->reps > 0)
		snprintf(dst, n, "%ld rep%s", d->reps, d->reps == 1 ? "" : "s");
	else if (d->breaths > 0)
		snprintf(dst, n, "Hold for %ld slow breath%s", d->breaths,
		    d->breaths == 1 ? "" : "s");
	else
		snprintf(dst, n, "Hold %s", say_len(len, sizeof len,
		    d->hold_s * 1000));
	return dst;
}

/*
 * What is said before a set begins: the exercise when it is new, the
 * side and set, and what the set asks.
 */
static void
intro(struct list *l, const struct session *s, const struct phase *w)
{
	const struct session_ex *e = &s->ex[w->ex];
	char a[64], b[64];

	if (w == s->ph || w[-1].ex != w->ex || w[-1].kind == PH_READY)
		add(l, 0, 0, "%s, %s", w->ex == 0 ? "First" : "Next",
		    e->r.name);
	add(l, 0, 0, "%s", where(a, sizeof a, s, w));
	add(l, 0, 0, "%s", what(b, sizeof b, e));
}

/* "3", "2", "1" in the last three seconds, where there is room. */
static void
countdown(struct list *l, long ms)
{
	int k;

	for (k = 3; k >= 1; k--)
		if (ms - k * 1000L >= 1000)
			add(l, ms - k * 1000L, 0, "%d", k);
}

/* A rep: its count, then up, hold and down, or a breath in and out. */
static void
rep_cues(struct list *l, const struct session_ex *e, const struct phase *p,
    int tick)
{
	const struct dose *d = &e->r.dose;
	long up = d->rep_s * 500;

	if (breath_reps_of(e)) {
		add(l, 0, tick, "%d, breathe in", p->rep);
		add(l, p->ms / 2, 0, "Breathe out");
	} else if (d->hold_s > 0 && d->rep_s > 0) {
		add(l, 0, tick, "%d, up", p->rep);
		add(l, up, 0, "Hold");
		add(l, up + d->hold_s * 1000, 0, "Down");
	} else
		add(l, 0, tick, "%d", p->rep);
}

/*
 * A hold: a breath in and out for each breath it is timed in; else
 * halfway in one of 20 s or more, and its last three seconds.
 */
static void
hold_cues(struct list *l, const struct session_ex *e, const struct phase *p)
{
	long breaths = e->r.dose.breaths, k, each;

	if (breaths > 0) {
		each = p->ms / breaths;
		for (k = 0; k < breaths; k++) {
			add(l, k * each, 0, "Breathe in");
			add(l, k * each + each / 2, 0, "Breathe out");
		}
		return;
	}
	if (p->ms >= 20000)
		add(l, p->ms / 2, 0, "Halfway");
	countdown(l, p->ms);
}

/*
 * Work: "Go" after a pause; when no pause came before a set, what the
 * pause would have said; then the rep or the hold.
 */
static void
work_cues(struct list *l, const struct session *s, const struct phase *p)
{
	const struct phase *prev = p > s->ph ? p - 1 : NULL;
	int same = prev != NULL && prev->ex == p->ex;
	int after_work = same && prev->kind == PH_WORK;
	char a[64];

	if (!same)
		intro(l, s, p);
	else if (after_work && (prev->set != p->set || prev->side != p->side))
		add(l, 0, 0, "%s", where(a, sizeof a, s, p));
	if (!after_work)
		add(l, 0, 0, "Go");
	if (p->rep > 0)
		rep_cues(l, &s->ex[p->ex], p, after_work);
	else
		hold_cues(l, &s->ex[p->ex], p);
}

/*
 * Every cue of phase i, at its time from the phase's start, in time
 * order; how many, up to max.
 */
size_t
cuesched_phase(const struct session *s, size_t i, struct cue *out, size_t max)
{
	struct list l = { out, 0, max };
	const struct phase *p, *next;
	int to_work;
	char t[32];

	if (s->ph == NULL || i >= s->nph)
		return 0;
	p = &s->ph[i];
	next = i + 1 < s->nph ? &s->ph[i + 1] : NULL;
	to_work = next != NULL && next->kind == PH_WORK && next->ex == p->ex;
	switch (p->kind) {
	case PH_READY:
		if (to_work)
			intro(&l, s, next);
		break;
	case PH_SWITCH:
		add(&l, 0, 0, "Switch to the %s side", side_word(to_work ?
		    next->side : SIDE_BOTH));
		break;
	case PH_REST:
		say_len(t, sizeof t, p->ms);
		if (!to_work || s->ex[p->ex].r.dose.sets < 2)
			add(&l, 0, 0, "Rest %s", t);
		else if (next->side != SIDE_BOTH)
			add(&l, 0, 0, "Rest %s, then set %d of %ld, %s side", t,
			    next->set, s->ex[p->ex].r.dose.sets,
			    side_word(next->side));
		else
			add(&l, 0, 0, "Rest %s, then set %d of %ld", t,
			    next->set, s->ex[p->ex].r.dose.sets);
		break;
	default:
		work_cues(&l, s, p);
		return l.n;
	}
	if (to_work)
		countdown(&l, p->ms);
	return l.n;
}

/* ---- what is due ---- */

void
cuesched_init(struct cuesched *cs)
{
	memset(cs, 0, sizeof *cs);
}

/*
 * The cues due since the last look, up to now, in time order: each is
 * said once.  One more than late_ms late is dropped: said late, a cue
 * is wrong.  A pause moves the times on; a new phase, by its end or by
 * a key, starts from its beginning.  Nothing is due while paused.
 */
size_t
cuesched_due(struct cuesched *cs, const struct session *s, long long now,
    long late_ms, struct cue *out, size_t max)
{
	struct cue all[CUE_MAX];
	size_t n, i, k = 0;

	if (s->nph == 0 || s->done || s->paused)
		return 0;
	if (cs->seen && cs->ph == s->cur &&
	    s->start - cs->start == s->paused_total - cs->paused)
		cs->since += s->start - cs->start;
	else
		cs->since = s->start - 1;
	cs->seen = 1;
	cs->ph = s->cur;
	cs->start = s->start;
	cs->paused = s->paused_total;
	n = cuesched_phase(s, s->cur, all, CUE_MAX);
	for (i = 0; i < n; i++) {
		long long at = s->start + all[i].at;

		if (at <= cs->since || at > now || now - at > late_ms)
			continue;
		if (k < max) {
			out[k] = all[i];
			out[k++].at = at;
		}
	}
	if (now > cs->since)
		cs->since = now;
	return k;
}

/* When the next cue of the current phase is due, or its end. */
long long
cuesched_next(const struct session *s, long long now)
{
	struct cue all[CUE_MAX];
	size_t n, i;

	if (s->nph == 0 || s->done)
		return now;
	n = cuesched_phase(s, s->cur, all, CUE_MAX);
	for (i = 0; i < n; i++)
		if (s->start + all[i].at > now && s->start + all[i].at < s->end)
			return s->start + all[i].at;
	return s->end;
}

/* ---- the last word ---- */

/*
 * What is said at the end: "Session done. 8 exercises, 12 minutes.
 * Well done." after a whole session; after one ended early, how much
 * of it was finished, and never "done".  Exercises are counted as the
 * end screen and the report count them (session_count): once, whatever
 * their sides, with the sides done before a resumed session's stop.
 */
const char *
cuesched_summary(char *dst, size_t n, const struct session *s,
    long elapsed_ms)
{
	int count[3];
	size_t nex = session_count(s, count), fin = (size_t)count[ROW_DONE];
	char t[32];
	long min = (elapsed_ms + 30000) / 60000;

	if (elapsed_ms < 60000)
		say_len(t, sizeof t, elapsed_ms);
	else
		snprintf(t, sizeof t, "%ld minute%s", min, min == 1 ? "" : "s");
	if (s->quit && fin == 0)
		snprintf(dst, n, "Session stopped. No exercise finished.");
	else if (s->quit)
		snprintf(dst, n, "Session stopped. %zu of %zu exercises "
		    "finished.", fin, nex);
	else
		snprintf(dst, n, "Session done. %zu exercise%s, %s. Well done.",
		    nex, nex == 1 ? "" : "s", t);
	return dst;
}

/* session.c - a timer session as a state machine on a given clock. */
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "tally.h"

void
session_init(struct session *s, const struct session_hooks *h)
{
	memset(s, 0, sizeof *s);
	if (h != NULL)
		s->hooks = *h;
}

static void
tell(struct session *s, int ev)
{
	if (s->hooks.event != NULL)
		s->hooks.event(s, ev, s->hooks.arg);
}

/* Take a copy of a plan row: the reader's strings do not last. */
void
session_add(struct session *s, const struct plan_row *r)
{
	struct session_ex *e;

	s->ex = lr_xrealloc(s->ex, (s->nex + 1) * sizeof *s->ex);
	e = &s->ex[s->nex++];
	memset(e, 0, sizeof *e);
	e->r = *r;
	e->r.id = e->text[0] = lr_xstrdup(r->id);
	e->r.name = e->text[1] = lr_xstrdup(r->name);
	e->r.kind = e->text[2] = lr_xstrdup(r->kind);
	e->r.position = e->text[3] = lr_xstrdup(r->position);
	e->r.equipment = e->text[4] = lr_xstrdup(r->equipment);
	e->r.cue = e->text[5] = lr_xstrdup(r->cue);
	e->r.why = e->text[6] = lr_xstrdup(r->why);
	e->r.steps = e->text[7] = lr_xstrdup(r->steps ? r->steps : "");
	e->status[0] = e->status[1] = e->status[2] = ROW_SKIPPED;
}

/* Read the whole plan first: a broken plan must not start a session. */
int
session_read(struct session *s, const char *path)
{
	struct plan p;
	struct plan_row r;
	const char *name;
	FILE *fp = lr_open_input(path ? path : "-", &name);
	int rv, bad = 0;

	if (fp == NULL)
		return -1;
	if (plan_open(&p, fp, name) != 0) {
		if (fp != stdin)
			fclose(fp);
		return -1;
	}
	while ((rv = plan_next(&p, &r)) != TSV_EOF) {
		if (rv == TSV_ROW)
			session_add(s, &r);
		else
			bad = 1;
		if (rv == TSV_FAIL)
			break;
	}
	if (!bad && s->nex == 0) {
		lr_warn("%s: the plan has no exercises", name);
		bad = 1;
	}
	plan_close(&p);
	if (fp != stdin)
		fclose(fp);
	return bad ? -1 : 0;
}

static void
add_phase(struct session *s, const struct phase *p)
{
	if (p->ms <= 0)
		return;
	s->ph = lr_xrealloc(s->ph, (s->nph + 1) * sizeof *s->ph);
	s->ph[s->nph++] = *p;
}

/* The side (SIDE_*) of an exercise's k-th side of `sides`. */
static int
side_of(int sides, int k)
{
	return sides > 1 ? SIDE_LEFT + k : SIDE_BOTH;
}

/*
 * One set of an exercise: each side not done before (with a pause to
 * switch between them), each rep or the hold.
 */
static void
lay_set(struct session *s, int ex, int set, long switch_s)
{
	const struct session_ex *e = &s->ex[ex];
	const struct dose *d = &e->r.dose;
	int sides = (int)d->sides, k, rep, laid = 0;

	for (k = 0; k < sides; k++) {
		struct phase p = { PH_WORK, ex, set, side_of(sides, k), 0,
		    d->hold_s * 1000 };
		struct phase sw = p;

		if (e->before[p.side])
			continue;
		sw.kind = PH_SWITCH;
		sw.ms = switch_s * 1000;
		if (laid++ > 0)
			add_phase(s, &sw);
		if (d->reps == 0)
			add_phase(s, &p);
		p.ms = (d->rep_s + d->hold_s) * 1000;
		for (rep = 1; rep <= d->reps; rep++) {
			p.rep = rep;
			add_phase(s, &p);
		}
	}
}

/* The first side of an exercise still to do, or -1: all done before. */
static int
first_side(const struct session_ex *e)
{
	int sides = (int)e->r.dose.sides, k;

	for (k = 0; k < sides; k++)
		if (!e->before[side_of(sides, k)])
			return side_of(sides, k);
	return -1;
}

/*
 * The get-ready of exercise i: longer when its position is not the
 * one of the exercise laid out before it (lying down, then standing).
 */
static long
ready_ms(const struct session *s, size_t i, long ready_s, long move_s)
{
	size_t k = i;

	while (k-- > 0)
		if (s->ex[k].end > s->ex[k].first)
			return lr_list_meets(s->ex[k].r.position,
			    s->ex[i].r.position) ? ready_s * 1000 :
			    move_s * 1000;
	return ready_s * 1000;
}

/*
 * Lay the plan out as phases: get ready; then each set does each side,
 * rests between sets.  With no change of position their sum is
 * plan_seconds(): the timer takes what lr-plan promised.  Sides done
 * before (a resumed session) are left out, and an exercise with none
 * left has no phase and no row.
 */
void
session_layout(struct session *s, long ready_s, long ready_move_s,
    long switch_s)
{
	size_t i;
	int set, side;

	for (i = 0; i < s->nex; i++) {
		struct session_ex *e = &s->ex[i];
		const struct dose *d = &e->r.dose;
		struct phase p = { PH_READY, (int)i, 1, SIDE_BOTH, 0, 0 };

		e->first = e->end = s->nph;
		if ((side = first_side(e)) < 0) {
			e->finished = 1;
			continue;
		}
		p.side = side;
		p.ms = ready_ms(s, i, ready_s, ready_move_s);
		add_phase(s, &p);
		for (set = 1; set <= d->sets; set++) {
			struct phase rest = { PH_REST, (int)i, set, SIDE_BOTH,
			    0, d->rest_s * 1000 };

			lay_set(s, (int)i, set, switch_s);
			if (set < d->sets)
				add_phase(s, &rest);
		}
		e->end = s->nph;
	}
}

/* ---- rows ---- */

static void
put_row(struct session *s, struct session_ex *e, int side, int last)
{
	const struct side_tally *t = &e->t[side];
	struct session_row r;

	memset(&r, 0, sizeof r);
	r.ex = e;
	r.side = side;
	r.sets = t->sets;
	r.reps = t->reps;
	r.hold_s = (t->hold_ms + 500) / 1000;
	r.active_s = (t->active_ms + 500) / 1000;
	r.started = t->touched ? t->started : -1;
	r.last = last;
	if (t->sets >= e->r.dose.sets)
		r.status = ROW_DONE;
	else if (r.active_s == 0 && t->reps == 0)
		r.status = ROW_SKIPPED;
	else
		r.status = ROW_PARTIAL;
	e->status[side] = r.status;
	s->finished[r.status]++;
	if (s->hooks.row != NULL && s->hooks.row(s, &r, s->hooks.arg) != 0)
		s->quit = 1;
}

/*
 * An exercise's rows, once: a side each, or both sides in one; none
 * for a side done before.
 */
static void
finish_ex(struct session *s, size_t i)
{
	struct session_ex *e = &s->ex[i];

	if (e->finished)
		return;
	e->finished = 1;
	if (e->r.dose.sides <= 1)
		put_row(s, e, SIDE_BOTH, 1);
	else if (e->before[SIDE_RIGHT])
		put_row(s, e, SIDE_LEFT, 1);
	else {
		if (!e->before[SIDE_LEFT])
			put_row(s, e, SIDE_LEFT, 0);
		put_row(s, e, SIDE_RIGHT, 1);
	}
}

/* ---- moving on ---- */

static void
enter_phase(struct session *s, size_t i, long long start)
{
	const struct phase *p = &s->ph[i];
	struct side_tally *t = &s->ex[p->ex].t[p->side];

	s->cur = i;
	s->start = start;
	s->end = start + p->ms;
	if (p->kind == PH_WORK && !t->touched) {
		t->touched = 1;
		t->started = start;
	}
	tell(s, SE_PHASE);
}

/* Count what a finished (or cut short) work phase did. */
static void
count_work(struct session *s, const struct phase *p, long ms, int whole)
{
	const struct dose *d = &s->ex[p->ex].r.dose;
	struct side_tally *t = &s->ex[p->ex].t[p->side];
	const struct phase *next = &s->ph[s->cur + 1];

	t->active_ms += ms;
	if (p->rep == 0)
		t->hold_ms += ms;
	else if (whole) {
		t->reps++;
		t->hold_ms += d->hold_s * 1000;
	}
	if (whole && (s->cur + 1 == s->nph || next->kind != PH_WORK ||
	    next->side != p->side || next->set != p->set ||
	    next->ex != p->ex))
		t->sets++;
}

static void
end_session(struct session *s)
{
	size_t i;

	for (i = 0; i < s->nex; i++)
		finish_ex(s, i);
	s->done = 1;
	tell(s, SE_END);
}

/* The current phase ran its course: count it, go on without drift. */
static void
complete_phase(struct session *s)
{
	const struct phase *p = &s->ph[s->cur];

	if (p->kind == PH_WORK)
		count_work(s, p, p->ms, 1);
	if (s->cur + 1 == s->nph || s->ph[s->cur + 1].ex != p->ex) {
		finish_ex(s, (size_t)p->ex);
		tell(s, SE_EX_DONE);
	}
	if (s->cur + 1 == s->nph || s->quit) {
		end_session(s);
		return;
	}
	enter_phase(s, s->cur + 1, s->end);
}

void
session_start(struct session *s, long long now)
{
	if (s->nph == 0) {
		end_session(s);
		return;
	}
	enter_phase(s, 0, now);
}

/* Every phase whose time is up by now ends, and the next begins. */
void
session_tick(struct session *s, long long now)
{
	while (!s->done && !s->paused && now >= s->end)
		complete_phase(s);
}

/* Stop the current exercise where it is, counting what was done. */
static void
cut_short(struct session *s, long long now)
{
	const struct phase *p = &s->ph[s->cur];

	if (p->kind == PH_WORK)
		count_work(s, p, session_elapsed(s, now), 0);
}

void
session_next(struct session *s, long long now)
{
	int ex;

	if (s->done)
		return;
	ex = s->ph[s->cur].ex;
	cut_short(s, now);
	finish_ex(s, (size_t)ex);
	tell(s, SE_NEXT);
	if (s->ex[ex].end >= s->nph || s->quit) {
		end_session(s);
		return;
	}
	if (s->paused)
		s->paused_at = now;
	enter_phase(s, s->ex[ex].end, now);
}

void
session_back(struct session *s, long long now)
{
	struct session_ex *e;

	if (s->done)
		return;
	e = &s->ex[s->ph[s->cur].ex];
	memset(e->t, 0, sizeof e->t);
	tell(s, SE_BACK);
	if (s->paused)
		s->paused_at = now;
	enter_phase(s, e->first, now);
}

void
session_quit(struct session *s, long long now)
{
	if (s->done)
		return;
	cut_short(s, now);
	tell(s, SE_QUIT);
	s->quit = 1;
	end_session(s);
}

void
session_pause(struct session *s, long long now)
{
	if (s->paused || s->done)
		return;
	s->paused = 1;
	s->paused_at = now;
	tell(s, SE_PAUSE);
}

/* Go on: the phase ends as much later as the pause lasted. */
void
session_resume(struct session *s, long long now)
{
	if (!s->paused || s->done)
		return;
	s->paused = 0;
	s->start += now - s->paused_at;
	s->end += now - s->paused_at;
	s->paused_total += now - s->paused_at;
	tell(s, SE_RESUME);
}

void
session_toggle(struct session *s, long long now)
{
	if (s->paused)
		session_resume(s, now);
	else
		session_pause(s, now);
}

/* ---- where it is ---- */

const struct phase *
session_phase(const struct session *s)
{
	return &s->ph[s->cur];
}

const struct session_ex *
session_current(const struct session *s)
{
	return &s->ex[s->ph[s->cur].ex];
}

/* Milliseconds of the current phase done by now. */
long
session_elapsed(const struct session *s, long long now)
{
	long long e = (s->paused ? s->paused_at : now) - s->start;
	long cap = s->nph > 0 ? s->ph[s->cur].ms : 0;

	if (e < 0)
		return 0;
	return e > cap ? cap : (long)e;
}

/* Milliseconds of the session left from now, pauses aside. */
long
session_left(const struct session *s, long long now)
{
	long ms;
	size_t i;

	if (s->nph == 0)
		return 0;
	ms = s->ph[s->cur].ms - session_elapsed(s, now);
	for (i = s->cur + 1; i < s->nph; i++)
		ms += s->ph[i].ms;
	return ms;
}

long
session_total(const struct session *s)
{
	long ms = 0;
	size_t i;

	for (i = 0; i < s->nph; i++)
		ms += s->ph[i].ms;
	return ms;
}

/* Milliseconds of exercise done, on every side of every exercise. */
long
session_active(const struct session *s)
{
	long ms = 0;
	size_t i;
	int k;

	for (i = 0; i < s->nex; i++)
		for (k = 0; k < 3; k++)
			ms += s->ex[i].t[k].active_ms;
	return ms;
}

/* Exercises laid out: those with something to do (resumed: left). */
size_t
session_to_do(const struct session *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nex; i++)
		n += s->ex[i].end > s->ex[i].first;
	return n;
}

/* The first exercise of the plan with the id of exercise i. */
static size_t
first_of(const struct session *s, size_t i)
{
	size_t k;

	for (k = 0; strcmp(s->ex[k].r.id, s->ex[i].r.id) != 0; k++)
		;
	return k;
}

/*
 * Exercises, not sides, done, partial and skipped, folded from the
 * rows as lr-report folds them (tally.c): a side done before a resume
 * is done, an exercise at two steps is one.  Returns how many there
 * are.
 */
size_t
session_count(const struct session *s, int count[3])
{
	static const char *const status[] = { "done", "partial", "skipped" };
	static const int row[] = { ROW_SKIPPED, ROW_SKIPPED, ROW_PARTIAL,
	    ROW_DONE };
	struct tally t;
	struct tally_row r = { "", NULL, NULL, NULL, 0 };
	struct tally_step st;
	size_t i, n = 0;
	int k, sides;

	tally_init(&t);
	for (i = 0; i < s->nex; i++) {
		const struct session_ex *e = &s->ex[i];

		sides = (int)e->r.dose.sides > 1 ? 2 : 1;
		r.id = e->r.id;
		for (k = 0; k < sides; k++) {
			int side = side_of(sides, k);

			r.side = result_sides[side];
			r.status = status[e->before[side] ? ROW_DONE :
			    e->status[side]];
			tally_take(&t, &r, &st);
		}
	}
	count[ROW_DONE] = count[ROW_PARTIAL] = count[ROW_SKIPPED] = 0;
	for (i = 0; i < s->nex; i++)
		if (first_of(s, i) == i) {
			count[row[tally_state(&t, "", s->ex[i].r.id)]]++;
			n++;
		}
	tally_free(&t);
	return n;
}

void
session_free(struct session *s)
{
	size_t i, k;

	for (i = 0; i < s->nex; i++)
		for (k = 0; k < sizeof s->ex[i].text / sizeof *s->ex[i].text;
		    k++)
			free(s->ex[i].text[k]);
	free(s->ex);
	free(s->ph);
	s->ex = NULL;
	s->ph = NULL;
	s->nex = s->nph = 0;
}

/* progress.c - owns the loop closed: each dose on, held or back by the log. */

/*
 * The loop closed: what the log says about each exercise
 * (its last two sessions, what was done, how the pain went before,
 * after and the next day), and the dose that follows: on a step, held,
 * or back, by the articles' rules and the person's pain.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "planner.h"
#include "progress.h"

/* A pain rating or a screen answer, for the day after a session. */
struct mark {
	time_t epoch;
	long day;
	int value;			/* a rating, or 1: unsettled */
};

struct marks {
	struct mark *v;
	size_t n, cap;
};

/* The ratings of one session. */
struct session_pain {
	char *session;
	int before, after, peak;
};

struct reading {
	struct history *h;
	struct marks ratings, screens;
	struct session_pain *pain;
	size_t npain, cappain;
};

static void
mark_add(struct marks *m, const struct lr_stamp *when, int value)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->v = lr_xrealloc(m->v, m->cap * sizeof *m->v);
	}
	m->v[m->n++] = (struct mark){ when->epoch, when->day, value };
}

static struct session_pain *
session_pain(struct reading *r, const char *session, int add)
{
	size_t i;

	for (i = r->npain; i-- > 0;)
		if (strcmp(r->pain[i].session, session) == 0)
			return &r->pain[i];
	if (!add)
		return NULL;
	if (r->npain == r->cappain) {
		r->cappain = r->cappain ? 2 * r->cappain : 64;
		r->pain = lr_xrealloc(r->pain, r->cappain * sizeof *r->pain);
	}
	r->pain[r->npain] = (struct session_pain){ lr_xstrdup(session), -1,
	    -1, -1 };
	return &r->pain[r->npain++];
}

static void
read_pain(struct reading *r, const struct result *res,
    const struct lr_stamp *when)
{
	struct session_pain *p = session_pain(r, res->session, 1);

	if (strcmp(res->status, "before") == 0)
		p->before = res->pain;
	else if (strcmp(res->status, "after") == 0)
		p->after = res->pain > p->after ? res->pain : p->after;
	if (res->pain > p->peak)
		p->peak = res->pain;
	mark_add(&r->ratings, when, res->pain);
}

static struct exercise_history *
history_add(struct history *h, const char *id)
{
	struct exercise_history *x;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].id, id) == 0)
			return &h->v[i];
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 32;
		h->v = lr_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	x = &h->v[h->n++];
	memset(x, 0, sizeof *x);
	x->id = lr_xstrdup(id);
	return x;
}

static int
side_status(const char *status)
{
	return strcmp(status, "done") == 0 ? HELD_DONE :
	    strcmp(status, "partial") == 0 ? HELD_PARTIAL : HELD_SKIPPED;
}

/* A second side joins the first: the session is done if both are. */
static void
join_side(struct held *s, const struct result *res)
{
	int st = side_status(res->status);

	if (st != s->status)
		s->status = HELD_PARTIAL;
	if (res->sets < s->sets)
		s->sets = res->sets;
	if (res->reps < s->reps)
		s->reps = res->reps;
	if (res->hold_s < s->hold_s)
		s->hold_s = res->hold_s;
}

static void
held_free(struct held *s)
{
	free(s->session);
	memset(s, 0, sizeof *s);
}

/* Keep the two latest sessions of each exercise. */
static void
read_exercise(struct reading *r, const struct result *res,
    const struct lr_stamp *when)
{
	struct exercise_history *x = history_add(r->h, res->id);
	struct held s;
	int i;

	for (i = 0; i < x->n; i++)
		if (strcmp(x->last[i].session, res->session) == 0) {
			join_side(&x->last[i], res);
			return;
		}
	if (x->n == 2 && when->epoch < x->last[1].epoch)
		return;
	memset(&s, 0, sizeof s);
	s.session = lr_xstrdup(res->session);
	s.epoch = when->epoch;
	s.day = when->day;
	s.status = side_status(res->status);
	s.sets = res->sets;
	s.reps = res->reps;
	s.hold_s = res->hold_s;
	if (x->n == 2)
		held_free(&x->last[1]);
	else
		x->n++;
	if (x->n == 2 && s.epoch >= x->last[0].epoch) {
		x->last[1] = x->last[0];
		x->last[0] = s;
	} else
		x->last[x->n - 1] = s;
}

static void
read_row(struct reading *r, const struct result *res,
    const struct lr_stamp *when)
{
	if (strcmp(res->record, "exercise") == 0)
		read_exercise(r, res, when);
	else if (strcmp(res->record, "pain") == 0 && res->pain >= 0)
		read_pain(r, res, when);
	else if (strcmp(res->record, "screen") == 0)
		mark_add(&r->screens, when, strstr(res->note,
		    "unsettled=yes") != NULL);
}

/* The first mark on a later day than the session's, or NULL. */
static const struct mark *
next_day(const struct marks *m, const struct held *s)
{
	const struct mark *first = NULL;
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].day > s->day &&
		    (first == NULL || m->v[i].epoch < first->epoch))
			first = &m->v[i];
	return first;
}

static void
settle(struct reading *r, struct held *s)
{
	const struct session_pain *p = session_pain(r, s->session, 0);
	const struct mark *next = next_day(&r->ratings, s);
	const struct mark *screen = next_day(&r->screens, s);

	s->before = p ? p->before : -1;
	s->after = p ? p->after : -1;
	s->peak = p ? p->peak : -1;
	s->next = next ? next->value : -1;
	s->unsettled = screen ? screen->value : 0;
}

static void
reading_free(struct reading *r)
{
	size_t i;

	for (i = 0; i < r->npain; i++)
		free(r->pain[i].session);
	free(r->pain);
	free(r->ratings.v);
	free(r->screens.v);
}

/*
 * Read the log in one pass; every bad row is reported, and then the
 * log is not used, since a plan should not rest on a record misread.
 */
int
history_read(struct history *h, FILE *fp, const char *name)
{
	struct reading r;
	struct tsv t;
	long col[R_NCOLS];
	size_t i;
	int rv, j, status = 0;

	memset(h, 0, sizeof *h);
	memset(&r, 0, sizeof r);
	r.h = h;
	if (tsv_open(&t, fp, name) != 0)
		return -1;
	if (result_find_columns(&t, col) != 0) {
		tsv_close(&t);
		return -1;
	}
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		struct result res;
		struct lr_stamp when;

		if (rv == TSV_ROW && result_check(&t, col, &res, &when) == 0) {
			read_row(&r, &res, &when);
			continue;
		}
		status = -1;
		if (rv == TSV_FAIL)
			break;
	}
	tsv_close(&t);
	for (i = 0; i < h->n; i++)
		for (j = 0; j < h->v[i].n; j++)
			settle(&r, &h->v[i].last[j]);
	reading_free(&r);
	return status;
}

const struct exercise_history *
history_of(const struct history *h, const char *id)
{
	size_t i;

	for (i = 0; h != NULL && i < h->n; i++)
		if (strcmp(h->v[i].id, id) == 0)
			return &h->v[i];
	return NULL;
}

void
history_free(struct history *h)
{
	size_t i;
	int j;

	for (i = 0; i < h->n; i++) {
		for (j = 0; j < h->v[i].n; j++)
			held_free(&h->v[i].last[j]);
		free(h->v[i].id);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

static long
clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The dose a session did, per set, from what the log counts over all
 * sets; within the article's range, so a dose done beyond it (an older
 * plan, a hand-made one) comes back inside.
 */
static struct dose
done_dose(const struct held *s, const struct dose *start,
    const struct dose *top)
{
	struct dose d = *start;
	long sets = s->sets > 0 ? s->sets : 1;

	d.sets = clamp(s->sets, start->sets, top->sets);
	if (start->reps > 0) {
		d.reps = clamp(s->reps / sets, start->reps, top->reps);
		if (s->reps > 0)
			d.hold_s = clamp(s->hold_s / s->reps, start->hold_s,
			    top->hold_s);
	} else if (start->breaths > 0) {
		long per = start->hold_s / start->breaths;

		d.breaths = clamp(per > 0 ? (s->hold_s / sets + per / 2) / per :
		    start->breaths, start->breaths, top->breaths);
		d.hold_s = start->hold_s * d.breaths / start->breaths;
	} else
		d.hold_s = clamp(s->hold_s / sets, start->hold_s, top->hold_s);
	return d;
}

/* Pain that flared: up 3 or more, above 5, or not settled next day. */
static const char *
flare(const struct held *s)
{
	if (s->before >= 0 && s->after >= 0 && s->after - s->before >= 3)
		return "pain rose by 3 or more in the last session";
	if (s->peak > 5)
		return "pain went above 5 in the last session";
	if (s->unsettled)
		return "pain had not settled by the next day";
	if (s->before >= 0 && s->next > s->before)
		return "pain had not settled by the next day";
	return NULL;
}

static void
say(char **why, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	free(*why);
	*why = lr_xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(*why, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

static long
seconds(const struct dose *d)
{
	return plan_seconds(d, 0, 0);
}

static int
step_back(const struct exercise_history *x, const struct dose *start,
    const struct dose *top, struct dose *d, char **why, const char *cause)
{
	struct dose last = done_dose(&x->last[0], start, top);
	const char *to = "the article's start";
	char was[96], now[96];

	*d = *start;
	if (x->n > 1 && x->last[1].status != HELD_SKIPPED) {
		struct dose before = done_dose(&x->last[1], start, top);

		if (seconds(&before) < seconds(&last)) {
			*d = before;
			to = "the dose before";
		}
	}
	if (seconds(d) == seconds(&last))
		say(why, "%s, kept at %s: %s", lr_dose_text(now, sizeof now, d),
		    to, cause);
	else
		say(why, "%s, was %s: %s; back to %s", lr_dose_text(now,
		    sizeof now, d), lr_dose_text(was, sizeof was, &last), cause,
		    to);
	return PROGRESS_BACK;
}

/* Why a session does not count towards a step up, or NULL. */
static const char *
not_yet(const struct held *s)
{
	if (s->status == HELD_SKIPPED)
		return "skipped last time";
	if (s->status == HELD_PARTIAL)
		return "done in part last time";
	if (s->before < 0 || s->after < 0)
		return "no pain rating before and after to judge by";
	if (s->after - s->before > 2 || s->peak > 5)
		return "pain rose last time";
	return NULL;
}

/* One variable a step up: the article's order for strength or stretch. */
static int
step_up(struct dose *d, const struct dose *base, const struct dose *top,
    int strength, char *what, size_t n)
{
	static const int strong[] = { DOSE_REPS, DOSE_SETS, DOSE_HOLD,
	    DOSE_BREATHS }, stretch[] = { DOSE_HOLD, DOSE_BREATHS, DOSE_REPS,
	    DOSE_SETS };
	const int *order = strength ? strong : stretch;
	struct dose was = *d;
	char a[32], b[32];
	int i;

	for (i = 0; i < 4; i++) {
		if (!dose_raise(d, base, top, order[i]))
			continue;
		switch (order[i]) {
		case DOSE_REPS:
			dose_raise(d, base, top, DOSE_REPS);	/* by 1 or 2 */
			snprintf(what, n, "%ld reps, was %ld", d->reps, was.reps);
			break;
		case DOSE_SETS:
			snprintf(what, n, "%ld sets, was %ld", d->sets, was.sets);
			break;
		case DOSE_BREATHS:
			snprintf(what, n, "%ld breaths, was %ld", d->breaths,
			    was.breaths);
			break;
		default:
			snprintf(what, n, "%s hold, was %s", lr_fmt_secs(a,
			    sizeof a, d->hold_s), lr_fmt_secs(b, sizeof b,
			    was.hold_s));
		}
		return 1;
	}
	return 0;
}

/*
 * The next dose of an exercise from its last two sessions (lr-plan(1)
 * gives the rules and their articles): from start, the article's start,
 * within top, its top.  *why says why, or is NULL for an exercise never
 * done.  Returns what was done: PROGRESS_NEW, _UP, _HOLD, _BACK, _TOP.
 */
int
progress_dose(const struct exercise_history *x, int strength,
    const struct dose *start, const struct dose *top, struct dose *d,
    char **why)
{
	const struct held *last, *held;
	const char *cause;
	char what[96], dose[96];

	*d = *start;
	if (x == NULL || x->n == 0)
		return PROGRESS_NEW;
	last = &x->last[0];
	if ((cause = flare(last)) != NULL)
		return step_back(x, start, top, d, why, cause);
	/* Held: the dose of the latest session done in full. */
	held = last->status == HELD_DONE ? last : x->n > 1 &&
	    x->last[1].status == HELD_DONE ? &x->last[1] : NULL;
	if (held != NULL)
		*d = done_dose(held, start, top);
	if ((cause = not_yet(last)) != NULL ||
	    (x->n < 2 && (cause = "done in full once; twice in a row with "
	    "pain settled moves it on")) ||
	    (cause = not_yet(&x->last[1])) != NULL ||
	    (cause = flare(&x->last[1])) != NULL) {
		say(why, "%s, held: %s", lr_dose_text(dose, sizeof dose, d),
		    cause);
		return PROGRESS_HOLD;
	}
	if (!step_up(d, start, top, strength, what, sizeof what)) {
		say(why, "%s: the top of the article's range; ask your "
		    "physiotherapist about the next step", lr_dose_text(dose,
		    sizeof dose, d));
		return PROGRESS_TOP;
	}
	say(why, "%s: done in full twice, pain settled", what);
	return PROGRESS_UP;
}

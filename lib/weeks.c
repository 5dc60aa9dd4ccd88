/* weeks.c - owns reading the log, one row at a time, into ISO weeks. */
#include <stdlib.h>
#include <string.h>

#include "weeks.h"

/* ---- the weeks, sorted by their Monday ---- */

static void
week_init(struct week *w, long monday)
{
	int i;

	memset(w, 0, sizeof *w);
	w->monday = (int32_t)monday;
	w->pain_max = -1;
	for (i = 0; i < 7; i++)
		w->day[i].first = w->day[i].rise_b = w->day[i].rise_a = -1;
}

/*
 * A log comes in time order, so the week wanted is nearly always the
 * one used last or the next one.
 */
static size_t
week_index(const struct weeks *s, long monday)
{
	size_t lo = 0, hi = s->nw;

	if (s->last < s->nw && s->w[s->last].monday == monday)
		return s->last;
	if (s->last + 1 < s->nw && s->w[s->last + 1].monday == monday)
		return s->last + 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->w[mid].monday < monday)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The week starting on `monday`, made when first needed. */
struct week *
weeks_at(struct weeks *s, long monday)
{
	size_t i = week_index(s, monday);

	if (i == s->nw || s->w[i].monday != monday) {
		if (s->nw == s->capw) {
			s->capw = s->capw ? s->capw + s->capw / 2 : 256;
			s->w = lr_xrealloc(s->w, s->capw * sizeof *s->w);
		}
		memmove(&s->w[i + 1], &s->w[i], (s->nw - i) * sizeof *s->w);
		week_init(&s->w[i], monday);
		s->nw++;
	}
	s->last = i;
	return &s->w[i];
}

const struct week *
weeks_find(const struct weeks *s, long monday)
{
	size_t i = week_index(s, monday);

	return i < s->nw && s->w[i].monday == monday ? &s->w[i] : NULL;
}

/* Whether the session `id` is counted in week w. */
int
weeks_counted(const struct week *w, const struct weeks *s, const char *id)
{
	const struct tally_sess *x = tally_find(&s->tally, id);

	return x != NULL && x->counted && x->week == w->monday;
}

/* ---- which conditions the log is for ---- */

struct idslot {
	uint64_t hash;
	char *id;
	unsigned char mask;
};

struct idmask {
	struct idslot *v;
	size_t n, cap;			/* cap: a power of 2 */
};

static struct idslot *
idmask_slot(const struct idmask *t, uint64_t h, const char *id)
{
	size_t mask = t->cap - 1, i;

	for (i = h & mask; t->v[i].id != NULL; i = (i + 1) & mask)
		if (t->v[i].hash == h && strcmp(t->v[i].id, id) == 0)
			break;
	return &t->v[i];
}

static void
idmask_grow(struct idmask *t)
{
	struct idslot *old = t->v;
	size_t i, n = t->cap;

	t->cap = n ? 2 * n : 256;
	t->v = calloc(t->cap, sizeof *t->v);
	if (t->v == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < n; i++)
		if (old[i].id != NULL)
			*idmask_slot(t, old[i].hash, old[i].id) = old[i];
	free(old);
}

unsigned
conditions_mask(const char *list)
{
	unsigned m = 0;
	int i;

	for (i = 0; lr_conditions[i] != NULL; i++)
		if (lr_list_has(list, lr_conditions[i]))
			m |= 1u << i;
	return m;
}

/* The first row of an id counts. */
static void
idmask_add(const struct exercise *e, void *arg)
{
	struct idmask *t = arg;
	uint64_t h = lr_hash(e->id);
	struct idslot *x;

	if (2 * (t->n + 1) > t->cap)
		idmask_grow(t);
	x = idmask_slot(t, h, e->id);
	if (x->id != NULL)
		return;
	x->hash = h;
	x->id = lr_xstrdup(e->id);
	x->mask = (unsigned char)conditions_mask(e->conditions);
	t->n++;
}

/*
 * The catalog's exercises and their conditions, so that the sessions
 * of the log tell which articles' rules apply; NULL when the catalog
 * cannot be read.
 */
struct idmask *
idmask_read(void)
{
	struct idmask *t = lr_xmalloc(sizeof *t);
	struct catalog c;
	const char *name;
	FILE *fp = catalog_installed(&name);

	memset(t, 0, sizeof *t);
	idmask_grow(t);
	if (fp == NULL || catalog_open(&c, fp, name) != 0) {
		if (fp != NULL && fp != stdin)
			fclose(fp);
		idmask_free(t);
		return NULL;
	}
	catalog_each(&c, idmask_add, t);
	catalog_close(&c);
	if (fp != stdin)
		fclose(fp);
	return t;
}

void
idmask_free(struct idmask *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++)
		free(t->v[i].id);
	free(t->v);
	free(t);
}

/*
 * A session is for the conditions all its exercises share: a routine's
 * are its article's.  A plan for several conditions may share none;
 * then it is for each of them.
 */
static void
fold_conditions(struct weeks *s, const struct recent *rc)
{
	if (rc->week == LONG_MIN || rc->cond_any == 0)
		return;
	s->conditions |= rc->cond_all ? rc->cond_all : rc->cond_any;
}

static void
note_conditions(const struct weeks *s, struct recent *rc, const char *id)
{
	const struct idslot *m;

	if (s->idm == NULL)
		return;
	m = idmask_slot(s->idm, lr_hash(id), id);
	if (m->id == NULL || m->mask == 0)
		return;
	rc->cond_all &= m->mask;
	rc->cond_any |= m->mask;
}

/* ---- the sessions seen last ---- */

static struct recent *
recent(struct weeks *s, uint64_t h, const char *id, long week)
{
	struct recent *rc;
	size_t n;
	int i;

	for (i = 0; i < RECENT; i++) {
		rc = &s->ring[i];
		if (rc->week != LONG_MIN && rc->hash == h &&
		    strcmp(rc->id, id) == 0)
			return rc;
	}
	rc = &s->ring[s->ringpos++ % RECENT];
	fold_conditions(s, rc);
	n = strlen(id) + 1;
	if (n > rc->idcap) {
		rc->id = lr_xrealloc(rc->id, n);
		rc->idcap = n;
	}
	memcpy(rc->id, id, n);
	rc->hash = h;
	rc->week = week;
	rc->before = -1;
	rc->cond_all = 0xff;
	rc->cond_any = 0;
	return rc;
}

/* ---- taking in one record ---- */

/* An exercise's state moved from `was` to `now` in week w. */
static void
count_state(struct week *w, int was, int now)
{
	uint32_t *n[] = { NULL, &w->skipped, &w->partial, &w->done };

	if (was == now)
		return;
	if (was != EX_NONE)
		(*n[was])--;
	(*n[now])++;
}

/*
 * A session counts once, in the week of its first exercise, and so do
 * its exercises, each by the state of its sides so far; the minutes
 * and the day of each row are its own date's.
 */
static void
take_exercise(struct weeks *s, const struct result *r,
    const struct lr_stamp *t)
{
	long day = t->day;
	int wd = lr_weekday(day);
	struct week *w;
	struct recent *rc = recent(s, lr_hash(r->session), r->session,
	    day - wd);
	struct tally_row row = { r->session, r->id, r->side, r->status,
	    day - wd };
	struct tally_step st;

	note_conditions(s, rc, r->id);
	tally_take(&s->tally, &row, &st);
	w = weeks_at(s, st.week);
	count_state(w, st.before, st.after);
	w->nsess += (size_t)st.counts;
	if (strcmp(r->status, "skipped") == 0)
		return;
	w = weeks_at(s, day - wd);
	w->active |= (unsigned char)(1u << wd);
	w->active_s += (uint32_t)r->active_s;
}

/* A check-in's note, when its week is one a report shows. */
static void
keep_note(struct weeks *s, const struct result *r, long day, int tod)
{
	long monday = day - lr_weekday(day);
	struct note *n;

	if (r->note[0] == '\0' || monday < s->notes_from ||
	    monday > s->notes_to)
		return;
	s->notes = lr_xrealloc(s->notes, (s->nnotes + 1) * sizeof *s->notes);
	n = &s->notes[s->nnotes++];
	n->day = day;
	n->tod = tod;
	n->pain = (int8_t)r->pain;
	n->text = lr_xstrdup(r->note);
}

static void
take_pain(struct weeks *s, const struct result *r, const struct lr_stamp *t,
    long day)
{
	int wd = lr_weekday(day), k, tod = t->h * 3600 + t->mi * 60 + t->s;
	struct week *w = weeks_at(s, day - wd);
	struct day *d = &w->day[wd];
	struct recent *rc;

	k = r->status[0] == 'b' ? 0 : r->status[0] == 'a' ? 1 : 2;
	w->pain_n[k]++;
	w->pain_sum[k] += (unsigned)r->pain;
	if (r->pain > w->pain_max)
		w->pain_max = (int8_t)r->pain;
	if (d->first < 0 || tod < d->first_t) {
		d->first = (int8_t)r->pain;
		d->first_t = tod;
	}
	if (k == 2) {
		keep_note(s, r, day, tod);
		return;
	}
	rc = recent(s, lr_hash(r->session), r->session, day - wd);
	if (k == 0)
		rc->before = (int8_t)r->pain;
	else if (rc->before >= 0 && r->pain > rc->before &&
	    r->pain - rc->before > d->rise_a - d->rise_b) {
		d->rise_b = rc->before;
		d->rise_a = (int8_t)r->pain;
	}
}

/* A stop is rare and leads the report: keep its day and answers. */
static void
take_stop(struct weeks *s, const struct result *r, long day)
{
	struct stop *st;

	weeks_at(s, day - lr_weekday(day))->stopped++;
	s->stops = lr_xrealloc(s->stops, (s->nstops + 1) * sizeof *s->stops);
	st = &s->stops[s->nstops++];
	st->day = day;
	st->answers = lr_xstrdup(r->note);
}

void
weeks_take(struct weeks *s, const struct result *r, const struct lr_stamp *t)
{
	if (r->record[0] == 'e')
		take_exercise(s, r, t);
	else if (r->record[0] == 'p')
		take_pain(s, r, t, t->day);
	else if (strcmp(r->status, "stop") == 0)
		take_stop(s, r, t->day);
}

/* ---- reading a log ---- */

void
weeks_init(struct weeks *s, const struct idmask *idm)
{
	int i;

	memset(s, 0, sizeof *s);
	for (i = 0; i < RECENT; i++)
		s->ring[i].week = LONG_MIN;
	s->idm = idm;
	s->notes_from = LONG_MIN;
	s->notes_to = LONG_MAX;
	tally_init(&s->tally);
}

/* Keep the notes of check-ins of the weeks from..to (Mondays) only. */
void
weeks_keep_notes(struct weeks *s, long from, long to)
{
	s->notes_from = from;
	s->notes_to = to;
}

static void
read_rows(struct weeks *s, struct tsv *t, const long *col)
{
	struct result r;
	struct lr_stamp when;
	int rv;

	while ((rv = tsv_next(t)) != TSV_EOF) {
		if (rv == TSV_FAIL) {
			s->failed = 1;
			return;
		}
		if (rv != TSV_ROW || result_check(t, col, &r, &when) != 0) {
			s->skipped_rows++;
			continue;
		}
		s->rows++;
		weeks_take(s, &r, &when);
	}
}

/* Read one log from fp; -1 when it, or one before it, failed. */
int
weeks_read_file(struct weeks *s, FILE *fp, const char *name)
{
	struct tsv t;
	long col[R_NCOLS];
	int k;

	if (tsv_open(&t, fp, name) != 0)
		return -1;
	if (result_find_columns(&t, col) != 0) {
		tsv_close(&t);
		return -1;
	}
	/* Columns after the last one read need not be split. */
	for (k = 0; k < R_NCOLS; k++)
		if ((size_t)col[k] + 1 > t.need)
			t.need = (size_t)col[k] + 1;
	read_rows(s, &t, col);
	tsv_close(&t);
	return s->failed ? -1 : 0;
}

/* Read the log at path, - for standard input. */
int
weeks_read(struct weeks *s, const char *path)
{
	const char *name;
	FILE *fp = lr_open_input(path, &name);
	int rv;

	if (fp == NULL)
		return -1;
	rv = weeks_read_file(s, fp, name);
	if (fp != stdin)
		fclose(fp);
	return rv;
}

static int
by_day(const void *a, const void *b)
{
	const struct stop *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

static int
by_time(const void *a, const void *b)
{
	const struct note *x = a, *y = b;

	if (x->day != y->day)
		return (x->day > y->day) - (x->day < y->day);
	if (x->tod != y->tod)
		return (x->tod > y->tod) - (x->tod < y->tod);
	return strcmp(x->text, y->text);
}

/* What the sessions still in the ring tell; the stops by day. */
void
weeks_finish(struct weeks *s)
{
	int i;

	for (i = 0; i < RECENT; i++) {
		fold_conditions(s, &s->ring[i]);
		s->ring[i].week = LONG_MIN;
	}
	if (s->nstops > 0)
		qsort(s->stops, s->nstops, sizeof *s->stops, by_day);
	if (s->nnotes > 0)
		qsort(s->notes, s->nnotes, sizeof *s->notes, by_time);
}

void
weeks_free(struct weeks *s)
{
	size_t i;

	free(s->w);
	for (i = 0; i < s->nstops; i++)
		free(s->stops[i].answers);
	free(s->stops);
	for (i = 0; i < s->nnotes; i++)
		free(s->notes[i].text);
	free(s->notes);
	tally_free(&s->tally);
	for (i = 0; i < RECENT; i++)
		free(s->ring[i].id);
}

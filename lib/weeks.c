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

/* ---- the sessions of a week, each counted once, told apart by id ---- */

/* Keep a session's id with the others; 0 is no id. */
static size_t
id_keep(struct weeks *s, const char *id)
{
	size_t n = strlen(id) + 1, at;

	if (s->idlen == 0)
		s->idlen = 1;
	if (s->idcap < s->idlen + n) {
		while (s->idcap < s->idlen + n)
			s->idcap = s->idcap ? 2 * s->idcap : 4096;
		s->ids = lr_xrealloc(s->ids, s->idcap);
	}
	at = s->idlen;
	memcpy(s->ids + at, id, n);
	s->idlen += n;
	return at;
}

/* The slot holding the session `id`, or the empty one where it goes. */
static struct seen *
seen_slot(const struct week *w, const char *ids, uint64_t h, const char *id)
{
	size_t mask = w->capsess - 1, i;

	for (i = h & mask; w->sess[i].at != 0; i = (i + 1) & mask)
		if (w->sess[i].hash == h && strcmp(ids + w->sess[i].at, id) == 0)
			break;
	return &w->sess[i];
}

static void
seen_grow(struct week *w, const char *ids)
{
	struct seen *old = w->sess;
	size_t i, n = w->capsess;

	w->capsess = n ? 2 * n : 8;
	w->sess = calloc(w->capsess, sizeof *w->sess);
	if (w->sess == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < n; i++)
		if (old[i].at != 0)
			*seen_slot(w, ids, old[i].hash, ids + old[i].at) = old[i];
	free(old);
}

static void
count_session(struct weeks *s, struct week *w, uint64_t h, const char *id)
{
	struct seen *slot;

	if (w->capsess == 0)
		seen_grow(w, s->ids);
	slot = seen_slot(w, s->ids, h, id);
	if (slot->at != 0)
		return;
	if (4 * (w->nsess + 1) > 3 * w->capsess) {
		seen_grow(w, s->ids);
		slot = seen_slot(w, s->ids, h, id);
	}
	slot->hash = h;
	slot->at = id_keep(s, id);
	w->nsess++;
}

/* Whether the session `id` is counted in week w. */
int
weeks_counted(const struct week *w, const struct weeks *s, const char *id)
{
	return w->capsess > 0 && seen_slot(w, s->ids, lr_hash(id), id)->at;
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
	rc->ntaken = 0;
	rc->hash = h;
	rc->week = week;
	rc->before = -1;
	rc->cond_all = 0xff;
	rc->cond_any = 0;
	return rc;
}

/* ---- taking in one record ---- */

static uint32_t *
status_count(struct week *w, int st)
{
	return st == 0 ? &w->done : st == 1 ? &w->partial : &w->skipped;
}

/*
 * A session resumed has a second row for each exercise side it did
 * again, with a later start (lr-formats(5)): the later row's status
 * counts, not both.  1 when a later row of this side counts already;
 * else 0, with an earlier row's count taken back.
 */
static int
counted_later(struct weeks *s, struct recent *rc, const struct result *r,
    const struct lr_stamp *t, int st)
{
	char key[256];
	struct taken *k;
	uint64_t h;
	size_t i;

	snprintf(key, sizeof key, "%ld\037%s\037%s", r->step, r->id, r->side);
	h = lr_hash(key);
	for (i = 0; i < rc->ntaken && rc->taken[i].hash != h; i++)
		;
	if (i == rc->ntaken) {
		if (rc->ntaken == rc->captaken) {
			rc->captaken = rc->captaken ? 2 * rc->captaken : 16;
			rc->taken = lr_xrealloc(rc->taken, rc->captaken *
			    sizeof *rc->taken);
		}
		rc->ntaken++;
	} else if (t->epoch < rc->taken[i].epoch)
		return 1;
	else
		(*status_count(weeks_at(s, rc->taken[i].monday),
		    rc->taken[i].status))--;
	k = &rc->taken[i];
	k->hash = h;
	k->epoch = t->epoch;
	k->monday = t->day - lr_weekday(t->day);
	k->status = st;
	return 0;
}

static void
take_exercise(struct weeks *s, const struct result *r,
    const struct lr_stamp *t)
{
	long day = t->day;
	int wd = lr_weekday(day), st;
	struct recent *rc = recent(s, lr_hash(r->session), r->session,
	    day - wd);
	struct week *w;

	note_conditions(s, rc, r->id);
	st = strcmp(r->status, "done") == 0 ? 0 : strcmp(r->status,
	    "partial") == 0 ? 1 : 2;
	if (counted_later(s, rc, r, t, st) == 0)
		(*status_count(weeks_at(s, day - wd), st))++;
	if (st == 2)
		return;
	/* Minutes count all exercise done, a part done again too. */
	w = weeks_at(s, day - wd);
	w->active |= (unsigned char)(1u << wd);
	w->active_s += (uint32_t)r->active_s;
	/* A session counts once, in the week of its first exercise. */
	count_session(s, weeks_at(s, rc->week), rc->hash, rc->id);
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
	if (k == 2)
		return;
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
}

void
weeks_free(struct weeks *s)
{
	size_t i;

	for (i = 0; i < s->nw; i++)
		free(s->w[i].sess);
	free(s->w);
	for (i = 0; i < s->nstops; i++)
		free(s->stops[i].answers);
	free(s->stops);
	for (i = 0; i < RECENT; i++) {
		free(s->ring[i].id);
		free(s->ring[i].taken);
	}
	free(s->ids);
}

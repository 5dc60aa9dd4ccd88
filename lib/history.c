/* history.c - owns each exercise's history: sessions, doses, pain. */
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "tables.h"

/* ---- the exercises, found by id ---- */

static size_t *
ex_slot(const struct hist *h, uint64_t hash, const char *id)
{
	size_t mask = h->capslot - 1, i;

	for (i = hash & mask; h->slot[i] != 0; i = (i + 1) & mask) {
		const struct hist_ex *x = &h->v[h->slot[i] - 1];

		if (x->hash == hash && strcmp(x->id, id) == 0)
			break;
	}
	return &h->slot[i];
}

static void
ex_grow(struct hist *h)
{
	size_t i, n = h->capslot;

	free(h->slot);
	h->capslot = n ? 2 * n : 64;
	h->slot = calloc(h->capslot, sizeof *h->slot);
	if (h->slot == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < h->n; i++)
		*ex_slot(h, h->v[i].hash, h->v[i].id) = i + 1;
}

/* The exercise `id`, made when first seen. */
static size_t
ex_index(struct hist *h, const char *id)
{
	uint64_t hash = lr_hash(id);
	size_t *slot;
	struct hist_ex *x;

	if (h->capslot == 0)
		ex_grow(h);
	slot = ex_slot(h, hash, id);
	if (*slot != 0)
		return *slot - 1;
	if (2 * (h->n + 1) > h->capslot) {
		ex_grow(h);
		slot = ex_slot(h, hash, id);
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 32;
		h->v = lr_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	x = &h->v[h->n];
	memset(x, 0, sizeof *x);
	x->id = lr_xstrdup(id);
	x->hash = hash;
	x->order = h->n;
	x->first = LONG_MAX;
	x->last = LONG_MIN;
	*slot = ++h->n;
	return h->n - 1;
}

/* ---- a session closed: what it tells of each of its exercises ---- */

/* What of an exercise of a session is counted once (tally_mark). */
enum { MARK_DOSE, MARK_BEFORE, MARK_AFTER };

static int
dose_same(const struct hist_dose *a, const struct hist_dose *b)
{
	return a->sets == b->sets && a->reps == b->reps &&
	    a->hold_s == b->hold_s;
}

/*
 * A run of sessions at one dose, or a new one when the dose changed.
 * A session logged after later ones (lr-log add --date) changes no
 * dose: it joins the run of its day when it has that run's dose.
 */
static void
ex_dose(struct hist_ex *x, const struct hist_dose *d, long day)
{
	struct hist_run *run = x->nruns ? &x->runs[x->nruns - 1] : NULL;
	size_t i;

	if (run != NULL && day < run->last) {
		for (i = x->nruns; i-- > 1 && x->runs[i].first > day;)
			;
		if (dose_same(&x->runs[i].d, d))
			x->runs[i].sessions++;
		return;
	}
	if (run != NULL && dose_same(&run->d, d)) {
		run->sessions++;
		if (day > run->last)
			run->last = day;
		return;
	}
	if (x->nruns == x->capruns) {
		x->capruns = x->capruns ? 2 * x->capruns : 4;
		x->runs = lr_xrealloc(x->runs, x->capruns * sizeof *x->runs);
	}
	x->runs[x->nruns++] = (struct hist_run){ *d, day, day, 1 };
}

/*
 * The first and last day, the dose and the pain of an exercise of a
 * session closed; its sessions and states are counted as rows come.
 * The dose and the pain count once for the exercise of the session,
 * though the session be closed twice (its rows far apart in the log):
 * each the first time some of the exercise was done and it is known.
 */
static void
close_item(struct hist *h, const struct hist_open *o,
    const struct hist_item *it)
{
	struct hist_ex *x = &h->v[it->ex];
	int st = tally_state(&h->tally, o->id, x->id);

	if (it->day < x->first)
		x->first = it->day;
	if (it->day > x->last)
		x->last = it->day;
	x->active_s += it->active_s;
	if (st < EX_PARTIAL)
		return;
	if (it->has_dose && tally_mark(&h->tally, o->id, x->id, MARK_DOSE))
		ex_dose(x, &it->d, it->day);
	if (o->before >= 0 && tally_mark(&h->tally, o->id, x->id,
	    MARK_BEFORE))
		x->pain_n[0]++, x->pain_sum[0] += (unsigned)o->before;
	if (o->after >= 0 && tally_mark(&h->tally, o->id, x->id, MARK_AFTER))
		x->pain_n[1]++, x->pain_sum[1] += (unsigned)o->after;
}

static void
close_open(struct hist *h, struct hist_open *o)
{
	size_t i;

	if (!o->used)
		return;
	for (i = 0; i < o->nitems; i++)
		close_item(h, o, &o->items[i]);
	o->used = 0;
	o->nitems = 0;
}

/* ---- the sessions open, the last HIST_RING of them ---- */

static struct hist_open *
open_session(struct hist *h, const char *id)
{
	uint64_t hash = lr_hash(id);
	struct hist_open *o;
	size_t n;
	int i;

	for (i = 0; i < HIST_RING; i++) {
		o = &h->ring[i];
		if (o->used && o->hash == hash && strcmp(o->id, id) == 0)
			return o;
	}
	o = &h->ring[h->ringpos++ % HIST_RING];
	close_open(h, o);
	n = strlen(id) + 1;
	if (n > o->idcap) {
		o->id = lr_xrealloc(o->id, n);
		o->idcap = n;
	}
	memcpy(o->id, id, n);
	o->hash = hash;
	o->used = 1;
	o->before = o->after = -1;
	return o;
}

/* The dose of one side, per set, from what the log counts over all. */
static struct hist_dose
side_dose(const struct result *r)
{
	struct hist_dose d;
	long sets = r->sets > 0 ? r->sets : 1;

	d.sets = sets;
	d.reps = (r->reps + sets / 2) / sets;
	if (r->reps > 0)
		d.hold_s = (r->hold_s + r->reps / 2) / r->reps;
	else
		d.hold_s = (r->hold_s + sets / 2) / sets;
	return d;
}

/* An exercise's count of sessions in a state, moved by a row. */
static void
count_state(struct hist_ex *x, const struct tally_step *t)
{
	long *n[] = { NULL, &x->skipped, &x->partial, &x->done };

	if (t->before == EX_NONE)
		x->sessions++;
	if (t->before == t->after)
		return;
	if (t->before != EX_NONE)
		(*n[t->before])--;
	(*n[t->after])++;
}

/*
 * A side joins its exercise in the session, folded as the weeks fold
 * it (tally.c): done when every side is, partial when some work was
 * done, skipped when none was; a side skipped and then done in a
 * resumed session is done.  The dose is that of the first side done.
 */
static void
take_exercise(struct hist *h, const struct result *r, long day)
{
	struct hist_open *o = open_session(h, r->session);
	size_t ex = ex_index(h, r->id), i;
	struct hist_item *it = NULL;
	struct tally_step t;
	struct tally_row row = { r->session, r->id, r->side, r->status,
	    day - lr_weekday(day) };

	tally_take(&h->tally, &row, &t);
	count_state(&h->v[ex], &t);

	for (i = 0; i < o->nitems; i++)
		if (o->items[i].ex == ex)
			it = &o->items[i];
	if (it == NULL) {
		if (o->nitems == o->capitems) {
			o->capitems = o->capitems ? 2 * o->capitems : 16;
			o->items = lr_xrealloc(o->items, o->capitems *
			    sizeof *o->items);
		}
		it = &o->items[o->nitems++];
		memset(it, 0, sizeof *it);
		it->ex = ex;
		it->day = day;
	}
	it->active_s += r->active_s;
	if (strcmp(r->status, "done") == 0 && !it->has_dose) {
		it->d = side_dose(r);
		it->has_dose = 1;
	}
}

static void
take_pain(struct hist *h, const struct result *r, long day)
{
	int k = r->status[0] == 'b' ? 0 : r->status[0] == 'a' ? 1 : 2;
	size_t b = (size_t)((day - h->from) / h->bucket);
	struct hist_open *o;

	if (h->pain == NULL && (h->pain = calloc(h->npain,
	    sizeof *h->pain)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	if (b < h->npain) {
		h->pain[b].n[k]++;
		h->pain[b].sum[k] += (unsigned)r->pain;
	}
	if (k == 2)
		return;
	o = open_session(h, r->session);
	if (k == 0 && r->pain > o->before)
		o->before = r->pain;
	else if (k == 1 && r->pain > o->after)
		o->after = r->pain;
}

/* Keep the last notes; a note written on each side is kept once. */
static void
take_note(struct hist *h, const struct result *r, long day)
{
	struct hist_note *n;
	uint64_t key;

	if (r->note[0] == '\0' || r->record[0] == 's')
		return;
	key = lr_fnv1a(lr_hash(r->session), r->note, strlen(r->note));
	if (h->nnote > 0 && key == h->last_note)
		return;
	h->last_note = key;
	n = &h->notes[h->nnote++ % HIST_NOTES];
	free(n->id);
	free(n->text);
	n->day = day;
	snprintf(n->when, sizeof n->when, "%s", r->started);
	snprintf(n->kind, sizeof n->kind, "%s", r->record);
	n->id = lr_xstrdup(r->id);
	n->text = lr_xstrdup(r->note);
}

void
hist_take(struct hist *h, const struct result *r, const struct lr_stamp *t)
{
	if (t->day < h->from || t->day > h->to)
		return;
	take_note(h, r, t->day);
	if (r->record[0] == 'e')
		take_exercise(h, r, t->day);
	else if (r->record[0] == 'p' && r->pain >= 0)
		take_pain(h, r, t->day);
}

/* ---- reading ---- */

/*
 * The days from..to, both included; the pain is kept a day at a time
 * over half a year or less, else a week at a time.
 */
void
hist_init(struct hist *h, long from, long to)
{
	memset(h, 0, sizeof *h);
	tally_init(&h->tally);
	h->from = from;
	h->to = to;
	h->bucket = 1;			/* hist_clip may make it weeks */
	h->npain = (size_t)(to - from + 1);
}

/*
 * Read one log from fp, each row to the weeks (when s is not NULL) and
 * to the history: one pass, for standard input too.  -1 when it, or
 * one before it, failed.
 */
int
hist_read_file(struct hist *h, struct weeks *s, FILE *fp, const char *name)
{
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS];
	int rv, k;

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
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		if (rv == TSV_FAIL) {
			if (s != NULL)
				s->failed = 1;
			tsv_close(&t);
			return -1;
		}
		if (rv != TSV_ROW || result_check(&t, col, &r, &when) != 0) {
			if (s != NULL)
				s->skipped_rows++;
			continue;
		}
		if (s != NULL) {
			s->rows++;
			weeks_take(s, &r, &when);
		}
		hist_take(h, &r, &when);
	}
	tsv_close(&t);
	return s != NULL && s->failed ? -1 : 0;
}

/*
 * Read the log at path, - for standard input; to the weeks only when h
 * is NULL.
 */
int
hist_read(struct hist *h, struct weeks *s, const char *path)
{
	const char *name;
	FILE *fp;
	int rv;

	if (h == NULL)
		return weeks_read(s, path);
	if ((fp = lr_open_input(path, &name)) == NULL)
		return -1;
	rv = hist_read_file(h, s, fp, name);
	if (fp != stdin)
		fclose(fp);
	return rv;
}

static int
by_first(const void *a, const void *b)
{
	const struct hist_ex *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/*
 * Close the sessions still open, in the order they were opened; order
 * the exercises by their first session, then as the log first named
 * them (the order of a routine).
 */
void
hist_finish(struct hist *h)
{
	int i;

	for (i = 0; i < HIST_RING; i++)
		close_open(h, &h->ring[(h->ringpos + (unsigned)i) % HIST_RING]);
	if (h->n > 0)
		qsort(h->v, h->n, sizeof *h->v, by_first);
	free(h->slot);
	h->slot = NULL;
	h->capslot = 0;
}

void
hist_free(struct hist *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].id);
		free(h->v[i].runs);
	}
	free(h->v);
	free(h->slot);
	for (i = 0; i < HIST_RING; i++) {
		free(h->ring[i].id);
		free(h->ring[i].items);
	}
	for (i = 0; i < HIST_NOTES; i++) {
		free(h->notes[i].id);
		free(h->notes[i].text);
	}
	free(h->pain);
	tally_free(&h->tally);
	memset(h, 0, sizeof *h);
}

/* The pain of the days, 7 to a bucket from `from`, a Monday. */
static void
pain_by_week(struct hist *h)
{
	size_t i, k, n = (h->npain + 6) / 7;

	for (i = 0; h->pain != NULL && i < n; i++) {
		struct hist_pain w = { { 0, 0, 0 }, { 0, 0, 0 } };
		size_t d;

		for (d = 7 * i; d < 7 * i + 7 && d < h->npain; d++)
			for (k = 0; k < 3; k++) {
				w.n[k] += h->pain[d].n[k];
				w.sum[k] += h->pain[d].sum[k];
			}
		h->pain[i] = w;
	}
	h->npain = n;
	h->bucket = 7;
}

/*
 * The range starts on `from` (the week of the log's first record,
 * lr-report's range_clip) when that is later: the pain of the days
 * before it goes.  Then the pain is a day at a time over half a year
 * or less of the range left, else a week at a time.
 */
void
hist_clip(struct hist *h, long from)
{
	size_t k;

	if (from > h->from && from <= h->to) {
		k = (size_t)(from - h->from);
		if (k > h->npain)
			k = h->npain;
		if (h->pain != NULL)
			memmove(h->pain, h->pain + k, (h->npain - k) *
			    sizeof *h->pain);
		h->npain -= k;
		h->from = from;
	}
	if (h->bucket == 1 && h->to - h->from >= 184)
		pain_by_week(h);
}

/* ---- for people ---- */

size_t
hist_notes(const struct hist *h)
{
	return h->nnote < HIST_NOTES ? h->nnote : HIST_NOTES;
}

/* The i-th note kept, the oldest first. */
const struct hist_note *
hist_note(const struct hist *h, size_t i)
{
	return &h->notes[(h->nnote - hist_notes(h) + i) % HIST_NOTES];
}

/* 2x10, 1x10/3s (a pause of 3 s at each), 3x15s (holds of 15 s). */
char *
hist_dose_text(char *dst, size_t n, const struct hist_dose *d)
{
	if (d->reps > 0 && d->hold_s > 0)
		snprintf(dst, n, "%ldx%ld/%lds", d->sets, d->reps, d->hold_s);
	else if (d->reps > 0)
		snprintf(dst, n, "%ldx%ld", d->sets, d->reps);
	else
		snprintf(dst, n, "%ldx%lds", d->sets, d->hold_s);
	return dst;
}

/* The average pain before (k 0) or after (k 1) its sessions; -1. */
double
hist_pain_avg(const struct hist_ex *x, int k)
{
	return x->pain_n[k] ? (double)x->pain_sum[k] / x->pain_n[k] : -1;
}

/* ---- the tables of lr-report --exercises ---- */

static void
pain_cell(char *dst, size_t n, const struct hist_ex *x)
{
	pain_pair(dst, n, hist_pain_avg(x, 0), hist_pain_avg(x, 1),
	    lr_utf8_locale());
}

static char *
dose_of(char *dst, size_t n, const struct hist_ex *x, size_t run)
{
	if (x->nruns == 0)
		snprintf(dst, n, "-");
	else
		hist_dose_text(dst, n, &x->runs[run].d);
	return dst;
}

/* Each dose and the day it began: "3x15s from 2026-11-02, ...". */
static void
put_runs(FILE *fp, const struct hist_ex *x, const char *sep,
    const char *from)
{
	char d[48], day[16];
	size_t i;

	for (i = 0; i < x->nruns; i++)
		fprintf(fp, "%s%s%s%s", i ? sep : "", hist_dose_text(d,
		    sizeof d, &x->runs[i].d), from,
		    lr_day_text(day, sizeof day, x->runs[i].first));
}

static long
changes(const struct hist_ex *x)
{
	return x->nruns ? (long)x->nruns - 1 : 0;
}

/*
 * One exercise, its numbers in columns; an id too long for its column
 * has a line of its own, so that the table stays in 80 columns.
 */
static void
put_text_row(FILE *fp, const struct hist_ex *x)
{
	char a[48], b[48], p[24];

	pain_cell(p, sizeof p, x);
	if (strlen(x->id) > 19)
		fprintf(fp, "%s\n%-19s", x->id, "");
	else
		fprintf(fp, "%-19s", x->id);
	/* The arrow of UTF-8 is 3 bytes and 1 column. */
	fprintf(fp, " %8ld %4ld %6ld %7ld  %-8s %-8s %*s\n", x->sessions,
	    x->done, x->partial, x->skipped, dose_of(a, sizeof a, x, 0),
	    dose_of(b, sizeof b, x, x->nruns ? x->nruns - 1 : 0),
	    strstr(p, pain_arrow(1)) != NULL ? 13 : 11, p);
}

static void
put_text(FILE *fp, const struct hist *h)
{
	size_t i;
	long any = 0;

	fprintf(fp, "Each session that held an exercise counts it once, its "
	    "sides joined: done,\npartly done or skipped. A dose is per "
	    "set: 2x10 is 2 sets of 10 reps, 1x10/3s\n10 reps with a 3 s "
	    "pause at each, 3x15s 3 holds of 15 s. Pain is the average\n"
	    "before and after the sessions that held the exercise.\n\n");
	fprintf(fp, "%-19s %8s %4s %6s %7s  %-8s %-8s %11s\n", "", "", "",
	    "partly", "", "first", "latest", "pain around");
	fprintf(fp, "%-19s %8s %4s %6s %7s  %-8s %-8s %11s\n", "exercise",
	    "sessions", "done", "done", "skipped", "dose", "dose",
	    "sessions");
	for (i = 0; i < h->n; i++) {
		put_text_row(fp, &h->v[i]);
		any += changes(&h->v[i]);
	}
	fprintf(fp, "\n%s\n", any ? "Dose over time" : "No dose changed.");
	for (i = 0; any && i < h->n; i++) {
		const struct hist_ex *x = &h->v[i];
		char *buf = NULL;
		size_t len = 0;
		FILE *m;

		if (changes(x) == 0)
			continue;
		if ((m = open_memstream(&buf, &len)) == NULL)
			lr_die(LR_EDATA, "out of memory");
		fprintf(m, "%s: ", x->id);
		put_runs(m, x, ", ", " from ");
		fclose(m);
		fputs("  ", fp);
		lr_wrap(fp, buf, 4, 2, 78);
		free(buf);
	}
}

static void
put_num(FILE *fp, double v)
{
	if (v >= 0)
		fprintf(fp, "%.1f", v);
}

static void
put_tsv(FILE *fp, const struct hist *h)
{
	char a[48], b[48], d1[16], d2[16];
	size_t i;

	fprintf(fp, "exercise\tsessions\tfirst\tlast\tdone\tpartial\tskipped\t"
	    "active_min\tdose_first\tdose_latest\tdose_changes\tdoses\t"
	    "pain_before\tpain_after\n");
	for (i = 0; i < h->n; i++) {
		const struct hist_ex *x = &h->v[i];

		a[0] = b[0] = '\0';
		if (x->nruns > 0) {
			hist_dose_text(a, sizeof a, &x->runs[0].d);
			hist_dose_text(b, sizeof b, &x->runs[x->nruns - 1].d);
		}
		fprintf(fp, "%s\t%ld\t%s\t%s\t%ld\t%ld\t%ld\t%.1f\t%s\t%s\t%ld\t",
		    x->id, x->sessions, lr_day_text(d1, sizeof d1, x->first),
		    lr_day_text(d2, sizeof d2, x->last), x->done, x->partial,
		    x->skipped, (double)x->active_s / 60, a, b, changes(x));
		put_runs(fp, x, ", ", " from ");
		putc('\t', fp);
		put_num(fp, hist_pain_avg(x, 0));
		putc('\t', fp);
		put_num(fp, hist_pain_avg(x, 1));
		putc('\n', fp);
	}
}

static void
put_md(FILE *fp, const struct hist *h)
{
	char d1[16], d2[16], p[24];
	size_t i;

	fprintf(fp, "Dose per set: 2x10 is 2 sets of 10 reps, 1x10/3s with a "
	    "3 s pause at each, 3x15s 3 holds of 15 s.  A session with an "
	    "exercise on each side counts it once: done when both sides "
	    "were.\n\n");
	fprintf(fp, "| Exercise | Sessions | First | Last | Done | Partly done | "
	    "Skipped | Dose over time | Pain before %s after |\n"
	    "|---|--:|---|---|--:|--:|--:|---|--:|\n",
	    pain_arrow(lr_utf8_locale()));
	for (i = 0; i < h->n; i++) {
		const struct hist_ex *x = &h->v[i];

		pain_cell(p, sizeof p, x);
		fputs("| ", fp);
		put_line_text(fp, x->id, 1);
		fprintf(fp, " | %ld | %s | %s | %ld | %ld | %ld | ",
		    x->sessions, lr_day_text(d1, sizeof d1, x->first),
		    lr_day_text(d2, sizeof d2, x->last), x->done, x->partial,
		    x->skipped);
		if (x->nruns == 0)
			fputs("-", fp);
		put_runs(fp, x, ", then ", " from ");
		fprintf(fp, " | %s |\n", p);
	}
}

/* The exercises of the weeks first..last (Mondays). */
void
hist_put(FILE *fp, const struct hist *h, int format, long first, long last)
{
	char a[16], b[16];

	if (format == HIST_TSV) {
		put_tsv(fp, h);
		return;
	}
	fprintf(fp, "%slr exercises, %s to %s\n\n", format == HIST_MD ?
	    "# " : "", lr_day_text(a, sizeof a, first), lr_day_text(b,
	    sizeof b, last + 6));
	if (h->n == 0)
		fprintf(fp, "No exercises were logged in these weeks.\n");
	else if (format == HIST_MD)
		put_md(fp, h);
	else
		put_text(fp, h);
}

/*
 * lr-report - weekly summaries of the log, for the person and their
 * physiotherapist: sessions, minutes, adherence, pain, and the
 * articles' warnings.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lr.h"

static const char usage_text[] =
"usage: lr-report [options] [LOG...]\n"
"\n"
"Summarise the log (default: yours, as lr-log finds it; - for stdin)\n"
"by ISO week: sessions, active days and minutes, exercises done,\n"
"partial and skipped, adherence, pain, and warnings.\n"
"\n"
"  -w, --weeks N        the last N weeks, this one included (default 4)\n"
"      --since DATE     from the week of DATE\n"
"      --until DATE     to the week of DATE (default: this week)\n"
"      --last-week      the last full week (for cron)\n"
"      --week YYYY-Www  one ISO week, e.g. 2026-W47\n"
"  -t, --target N       sessions a week to aim for (default 4, the\n"
"                       articles' four to five times a week)\n"
"  -c, --condition LIST the person's conditions, for the articles' rules\n"
"                       (default: those of the exercises in the log)\n"
"  -F, --format FORMAT  text (default), tsv or md\n"
"      --today DATE     report as if today were DATE\n"
"  -j, --jobs N         read a big log with N threads (default: one per\n"
"                       processor, at most 8)\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n";

enum { FMT_TEXT, FMT_TSV, FMT_MD };

struct options {
	long weeks, target, jobs;
	char *conditions;		/* --condition, or NULL: from the log */
	const char *since, *until, *week, *today;
	int last_week, format;
	char **logs;
	int nlogs;
};

/* ---- what is kept of each week and day ---- */

struct day {
	int32_t first_t;		/* time of day of the first rating */
	int8_t first;			/* first pain rating of the day, -1 */
	int8_t rise_b, rise_a;		/* the session that raised pain most */
};

#define INLINE_SESSIONS 7

struct week {
	int32_t monday;			/* days since 1970-01-01 */
	uint8_t active;			/* days with exercise, a bit each */
	uint8_t nsess;			/* sessions counted in this week */
	uint16_t capmore;
	uint32_t sess[INLINE_SESSIONS];
	uint32_t *more;			/* beyond a session a day */
	uint32_t active_s, done, partial, skipped, stopped;
	uint32_t pain_n[3], pain_sum[3];	/* before, after, check */
	int8_t pain_max;		/* the highest rating, or -1 */
	struct day day[7];
};

/*
 * Recent sessions: the week each is counted in, a pain before it, and
 * the conditions all its exercises are for (and any is for).
 */
struct recent {
	uint32_t id;
	long week;
	signed char before;
	unsigned char cond_all, cond_any;
};

/* A safety screen that stopped a session. */
struct stop {
	long day;
	char *answers;
};

/* The conditions of each exercise of the catalog, a bit each. */
struct idmask {
	uint64_t hash;
	char *id;
	unsigned char mask;
};

#define IDSLOTS 256

#define RECENT 16

struct stats {
	struct week *w;			/* sorted by monday */
	size_t nw, capw, last;		/* last: the week used last */
	struct recent ring[RECENT];
	int ringpos;
	long skipped_rows, rows;
	int failed;
	struct stop *stops;
	size_t nstops;
	const struct idmask *ids;	/* IDSLOTS, or NULL: no catalog */
	unsigned conditions;		/* of the sessions read */
};

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
 * The weeks are kept sorted; a log comes in time order, so the week
 * wanted is nearly always the one used last or the next one.
 */
static size_t
week_index(const struct stats *s, long monday)
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
static struct week *
week_at(struct stats *s, long monday)
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

static const struct week *
week_find(const struct stats *s, long monday)
{
	size_t i = week_index(s, monday);

	return i < s->nw && s->w[i].monday == monday ? &s->w[i] : NULL;
}

static void
count_session(struct week *w, uint32_t id)
{
	unsigned i, n = w->nsess;

	for (i = 0; i < n && i < INLINE_SESSIONS; i++)
		if (w->sess[i] == id)
			return;
	for (i = INLINE_SESSIONS; i < n; i++)
		if (w->more[i - INLINE_SESSIONS] == id)
			return;
	if (n == 255)
		return;
	if (n < INLINE_SESSIONS) {
		w->sess[w->nsess++] = id;
		return;
	}
	if (n - INLINE_SESSIONS == w->capmore) {
		w->capmore = (uint16_t)(w->capmore ? 2 * w->capmore : 8);
		w->more = lr_xrealloc(w->more, w->capmore * sizeof *w->more);
	}
	w->more[n - INLINE_SESSIONS] = id;
	w->nsess++;
}

static uint32_t
session_of(const struct week *w, unsigned i)
{
	return i < INLINE_SESSIONS ? w->sess[i] : w->more[i -
	    INLINE_SESSIONS];
}

static void fold_conditions(struct stats *s, const struct recent *rc);

static struct recent *
recent(struct stats *s, uint32_t id, long week)
{
	int i;

	for (i = 0; i < RECENT; i++)
		if (s->ring[i].id == id && s->ring[i].week != LONG_MIN)
			return &s->ring[i];
	i = s->ringpos++ % RECENT;
	fold_conditions(s, &s->ring[i]);
	s->ring[i].id = id;
	s->ring[i].week = week;
	s->ring[i].before = -1;
	s->ring[i].cond_all = 0xff;
	s->ring[i].cond_any = 0;
	return &s->ring[i];
}

/* ---- which conditions the log is for ---- */

static const struct idmask *
idmask_find(const struct idmask *t, const char *id)
{
	uint64_t h = lr_hash(id);
	size_t i;

	for (i = h % IDSLOTS; t[i].id != NULL; i = (i + 1) % IDSLOTS)
		if (t[i].hash == h && strcmp(t[i].id, id) == 0)
			return &t[i];
	return NULL;
}

static unsigned
conditions_mask(const char *list)
{
	unsigned m = 0;
	int i;

	for (i = 0; lr_conditions[i] != NULL; i++)
		if (lr_list_has(list, lr_conditions[i]))
			m |= 1u << i;
	return m;
}

static void
idmask_add(const struct exercise *e, void *arg)
{
	struct idmask *t = arg;
	uint64_t h = lr_hash(e->id);
	size_t i, n = 0;

	for (i = h % IDSLOTS; t[i].id != NULL; i = (i + 1) % IDSLOTS)
		if (++n == IDSLOTS - 1 || strcmp(t[i].id, e->id) == 0)
			return;
	t[i].hash = h;
	t[i].id = lr_xstrdup(e->id);
	t[i].mask = (unsigned char)conditions_mask(e->conditions);
}

/*
 * The catalog's exercises and their conditions, so that the sessions
 * of the log tell which articles' rules apply; NULL when the catalog
 * cannot be read.
 */
static struct idmask *
idmask_read(void)
{
	struct idmask *t = calloc(IDSLOTS, sizeof *t);
	struct catalog c;
	const char *name;
	FILE *fp = catalog_installed(&name);

	if (t == NULL)
		lr_die(LR_EDATA, "out of memory");
	if (fp == NULL || catalog_open(&c, fp, name) != 0) {
		if (fp != NULL && fp != stdin)
			fclose(fp);
		free(t);
		return NULL;
	}
	catalog_each(&c, idmask_add, t);
	catalog_close(&c);
	if (fp != stdin)
		fclose(fp);
	return t;
}

static void
idmask_free(struct idmask *t)
{
	size_t i;

	for (i = 0; t != NULL && i < IDSLOTS; i++)
		free(t[i].id);
	free(t);
}

/*
 * A session is for the conditions all its exercises share: a routine's
 * are its article's.  A plan for several conditions may share none;
 * then it is for each of them.
 */
static void
fold_conditions(struct stats *s, const struct recent *rc)
{
	if (rc->week == LONG_MIN || rc->cond_any == 0)
		return;
	s->conditions |= rc->cond_all ? rc->cond_all : rc->cond_any;
}

static void
note_conditions(struct stats *s, struct recent *rc, const char *id)
{
	const struct idmask *m;

	if (s->ids == NULL || (m = idmask_find(s->ids, id)) == NULL ||
	    m->mask == 0)
		return;
	rc->cond_all &= m->mask;
	rc->cond_any |= m->mask;
}

/* ---- taking in one record ---- */

static void
take_exercise(struct stats *s, const struct result *r, long day)
{
	int wd = lr_weekday(day);
	struct week *w = week_at(s, day - wd);
	struct recent *rc = recent(s, (uint32_t)lr_hash(r->session),
	    day - wd);

	note_conditions(s, rc, r->id);
	if (strcmp(r->status, "done") == 0)
		w->done++;
	else if (strcmp(r->status, "partial") == 0)
		w->partial++;
	else {
		w->skipped++;
		return;
	}
	w->active |= (unsigned char)(1u << wd);
	w->active_s += (uint32_t)r->active_s;
	/* A session counts once, in the week of its first exercise. */
	count_session(week_at(s, rc->week), rc->id);
}

static void
take_pain(struct stats *s, const struct result *r, const struct lr_stamp *t,
    long day)
{
	int wd = lr_weekday(day), k, tod = t->h * 3600 + t->mi * 60 + t->s;
	struct week *w = week_at(s, day - wd);
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
	rc = recent(s, (uint32_t)lr_hash(r->session), day - wd);
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
take_stop(struct stats *s, const struct result *r, long day)
{
	struct stop *st;

	week_at(s, day - lr_weekday(day))->stopped++;
	s->stops = lr_xrealloc(s->stops, (s->nstops + 1) * sizeof *s->stops);
	st = &s->stops[s->nstops++];
	st->day = day;
	st->answers = lr_xstrdup(r->note);
}

static void
take_row(struct stats *s, const struct result *r, const struct lr_stamp *t)
{
	long day = t->day;

	if (r->record[0] == 'e')
		take_exercise(s, r, day);
	else if (r->record[0] == 'p')
		take_pain(s, r, t, day);
	else if (strcmp(r->status, "stop") == 0)
		take_stop(s, r, day);
}

/* ---- reading a log, in pieces at once when it is big ---- */

struct piece {
	struct stats s;
	struct tsv t;
	long col[R_NCOLS];
	FILE *fp, *err;
	char *errbuf;
	size_t errlen;
};

static void
read_rows(struct stats *s, struct tsv *t, const long *col)
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
		take_row(s, &r, &when);
	}
}

static void *
read_piece(void *arg)
{
	struct piece *p = arg;

	read_rows(&p->s, &p->t, p->col);
	return NULL;
}

static void
merge_week(struct week *into, const struct week *w)
{
	unsigned i;
	int k;

	into->active |= w->active;
	for (i = 0; i < w->nsess; i++)
		count_session(into, session_of(w, i));
	into->active_s += w->active_s;
	into->done += w->done;
	into->partial += w->partial;
	into->skipped += w->skipped;
	into->stopped += w->stopped;
	if (w->pain_max > into->pain_max)
		into->pain_max = w->pain_max;
	for (k = 0; k < 3; k++) {
		into->pain_n[k] += w->pain_n[k];
		into->pain_sum[k] += w->pain_sum[k];
	}
	for (k = 0; k < 7; k++) {
		const struct day *d = &w->day[k];
		struct day *e = &into->day[k];

		if (d->first >= 0 && (e->first < 0 || d->first_t < e->first_t)) {
			e->first = d->first;
			e->first_t = d->first_t;
		}
		if (d->rise_b >= 0 && (e->rise_b < 0 ||
		    d->rise_a - d->rise_b > e->rise_a - e->rise_b)) {
			e->rise_b = d->rise_b;
			e->rise_a = d->rise_a;
		}
	}
}

static void
stats_init(struct stats *s, const struct idmask *ids)
{
	int i;

	memset(s, 0, sizeof *s);
	for (i = 0; i < RECENT; i++)
		s->ring[i].week = LONG_MIN;
	s->ids = ids;
}

static void
stats_free(struct stats *s)
{
	size_t i;

	for (i = 0; i < s->nw; i++)
		free(s->w[i].more);
	free(s->w);
	for (i = 0; i < s->nstops; i++)
		free(s->stops[i].answers);
	free(s->stops);
}

/* What a reader's sessions still in the ring tell of the conditions. */
static void
stats_finish(struct stats *s)
{
	int i;

	for (i = 0; i < RECENT; i++) {
		fold_conditions(s, &s->ring[i]);
		s->ring[i].week = LONG_MIN;
	}
}

/* A piece's stops and conditions join the whole. */
static void
merge_extras(struct stats *into, struct stats *from)
{
	stats_finish(from);
	into->conditions |= from->conditions;
	if (from->nstops == 0)
		return;
	into->stops = lr_xrealloc(into->stops, (into->nstops + from->nstops) *
	    sizeof *into->stops);
	memcpy(into->stops + into->nstops, from->stops, from->nstops *
	    sizeof *from->stops);
	into->nstops += from->nstops;
	free(from->stops);
	from->stops = NULL;
	from->nstops = 0;
}

static void
merge_stats(struct stats *into, struct stats *from)
{
	size_t i;

	merge_extras(into, from);
	/* The first piece becomes the whole, rather than a copy of it. */
	if (into->nw == 0 && into->rows == 0 && into->skipped_rows == 0) {
		free(into->w);
		into->w = from->w;
		into->nw = from->nw;
		into->capw = from->capw;
		into->last = 0;
		into->rows = from->rows;
		into->skipped_rows = from->skipped_rows;
		into->failed |= from->failed;
		return;
	}

	for (i = 0; i < from->nw; i++)
		merge_week(week_at(into, from->w[i].monday), &from->w[i]);
	into->rows += from->rows;
	into->skipped_rows += from->skipped_rows;
	into->failed |= from->failed;
	stats_free(from);
}

/* Count the lines before each cut, moving each cut to a line start. */
static int
find_cuts(FILE *fp, off_t start, off_t size, int n, off_t *cut,
    unsigned long *lines)
{
	char buf[1 << 16];
	off_t pos = start;
	unsigned long nl = 0;
	int k = 1;
	size_t got;

	cut[0] = start;
	lines[0] = 1;
	if (fseeko(fp, start, SEEK_SET) != 0)
		return -1;
	while (k < n && (got = fread(buf, 1, sizeof buf, fp)) > 0) {
		const char *p = buf, *e = buf + got;

		while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			p++;
			nl++;
			if (k < n && pos + (p - buf) >= size * k / n) {
				cut[k] = pos + (p - buf);
				lines[k++] = 1 + nl;
			}
		}
		pos += (off_t)got;
	}
	for (; k < n; k++) {
		cut[k] = size;
		lines[k] = 1 + nl;
	}
	cut[n] = size;
	return 0;
}

static int
nthreads(long jobs)
{
	long n = jobs > 0 ? jobs : sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/*
 * A big log is read by as many threads as there are processors, each
 * a stretch of whole lines; their messages are held and printed in
 * order, as one reader would have.
 */
static void
read_parallel(struct stats *s, struct tsv *head, const long *col,
    const char *path, off_t size, int n)
{
	struct piece p[8];
	pthread_t th[8];
	off_t cut[9];
	unsigned long lines[9];
	off_t start = (off_t)head->taken - (off_t)(head->inlen - head->inpos);
	int k;

	if (find_cuts(head->fp, start, size, n, cut, lines) != 0) {
		read_rows(s, head, col);
		return;
	}
	for (k = 0; k < n; k++) {
		memset(&p[k], 0, sizeof p[k]);
		stats_init(&p[k].s, s->ids);
		memcpy(p[k].col, col, sizeof p[k].col);
		p[k].fp = fopen(path, "r");
		p[k].err = open_memstream(&p[k].errbuf, &p[k].errlen);
		if (p[k].fp == NULL || p[k].err == NULL ||
		    fseeko(p[k].fp, cut[k], SEEK_SET) != 0)
			lr_die(LR_EDATA, "%s: %s", path, strerror(errno));
		tsv_open_part(&p[k].t, p[k].fp, head, lines[k],
		    (long long)(cut[k + 1] - cut[k]));
		p[k].t.need = head->need;
		p[k].t.err = p[k].err;
		if (pthread_create(&th[k], NULL, read_piece, &p[k]) != 0)
			read_piece(&p[k]), th[k] = 0;
	}
	for (k = 0; k < n; k++) {
		if (th[k])
			pthread_join(th[k], NULL);
		fclose(p[k].err);
		fwrite(p[k].errbuf, 1, p[k].errlen, stderr);
		free(p[k].errbuf);
		tsv_close(&p[k].t);
		fclose(p[k].fp);
		merge_stats(s, &p[k].s);
	}
}

#define PARALLEL_FROM (8L << 20)

static int
read_log(struct stats *s, const char *path, long jobs)
{
	struct tsv t;
	struct stat st;
	long col[R_NCOLS];
	const char *name;
	FILE *fp = lr_open_input(path, &name);
	int n = nthreads(jobs), k;

	if (fp == NULL)
		return -1;
	if (tsv_open(&t, fp, name) != 0 || result_find_columns(&t, col) != 0) {
		if (t.col != NULL)
			tsv_close(&t);
		if (fp != stdin)
			fclose(fp);
		return -1;
	}
	/* Columns after the last one read need not be split. */
	for (k = 0; k < R_NCOLS; k++)
		if ((size_t)col[k] + 1 > t.need)
			t.need = (size_t)col[k] + 1;
	if (fp != stdin && n > 1 && fstat(fileno(fp), &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size >= PARALLEL_FROM)
		read_parallel(s, &t, col, path, st.st_size, n);
	else
		read_rows(s, &t, col);
	tsv_close(&t);
	if (fp != stdin)
		fclose(fp);
	return s->failed ? -1 : 0;
}

/* ---- the range of weeks ---- */

static long
today_days(const struct options *o)
{
	struct lr_stamp st;
	const char *why;
	char buf[16];

	if (o->today == NULL)
		lr_iso_date(buf, sizeof buf, time(NULL));
	else
		snprintf(buf, sizeof buf, "%s", o->today);
	if (lr_parse_date(buf, &st, &why) != 0 || strlen(buf) != 10)
		lr_usage_error("--today: %s, got \"%s\"", why, buf);
	return lr_days_from_civil(st.y, st.mo, st.d);
}

static long
monday_of_date(const char *opt, const char *s)
{
	struct lr_stamp st;
	const char *why;
	long d;

	if (lr_parse_date(s, &st, &why) != 0 || strlen(s) != 10)
		lr_usage_error("%s: %s, got \"%s\"", opt, strlen(s) == 10 ?
		    why : "expected a date as YYYY-MM-DD", s);
	d = lr_days_from_civil(st.y, st.mo, st.d);
	return d - lr_weekday(d);
}

struct range {
	long first, last;		/* Mondays */
	long today;
};

static void
make_range(const struct options *o, struct range *r)
{
	long this_week;

	r->today = today_days(o);
	this_week = r->today - lr_weekday(r->today);
	if (o->week) {
		if (lr_parse_week(o->week, &r->first) != 0)
			lr_usage_error("--week: expected an ISO week such as "
			    "2026-W47, got \"%s\"", o->week);
		r->last = r->first;
		return;
	}
	if (o->last_week) {
		r->first = r->last = this_week - 7;
		return;
	}
	r->last = o->until ? monday_of_date("--until", o->until) : this_week;
	if (o->since)
		r->first = monday_of_date("--since", o->since);
	else
		r->first = r->last - 7 * (o->weeks - 1);
	if (r->first > r->last)
		lr_usage_error("--since is after --until");
	if ((r->last - r->first) / 7 >= 20000)
		lr_usage_error("a range of at most 20000 weeks");
}

/* ---- figures for people ---- */

struct row {
	long monday;
	int iso_y, iso_w;
	long sessions, days, done, partial, skipped, stopped;
	double minutes, completion, adherence;
	double pain[3], level;		/* -1: no rating */
	double d_minutes, d_level;	/* change against the week before */
	int has_prev_level, full;
};

static double
avg(unsigned sum, unsigned n)
{
	return n ? (double)sum / n : -1;
}

static int
popcount7(unsigned char b)
{
	int n = 0;

	for (; b; b &= (unsigned char)(b - 1))
		n++;
	return n;
}

static void
fill_row(struct row *x, const struct stats *s, long monday, long target,
    long today)
{
	const struct week *w = week_find(s, monday);
	static const struct week none = { .monday = 0 };
	unsigned n, sum;
	int k;

	if (w == NULL)
		w = &none;
	memset(x, 0, sizeof *x);
	x->monday = monday;
	lr_iso_week(monday, &x->iso_y, &x->iso_w);
	x->sessions = w->nsess;
	x->days = popcount7(w->active);
	x->minutes = (double)w->active_s / 60;
	x->done = w->done;
	x->partial = w->partial;
	x->skipped = w->skipped;
	x->stopped = w->stopped;
	n = w->done + w->partial + w->skipped;
	x->completion = n ? (double)w->done / (double)n : -1;
	x->adherence = target ? (double)x->sessions / (double)target : -1;
	for (k = 0; k < 3; k++)
		x->pain[k] = avg(w->pain_sum[k], w->pain_n[k]);
	n = w->pain_n[0] + w->pain_n[1] + w->pain_n[2];
	sum = w->pain_sum[0] + w->pain_sum[1] + w->pain_sum[2];
	x->level = avg(sum, n);
	x->full = monday + 6 < today;
}

/*
 * The weeks of the range, worked out one at a time when asked for, so
 * that a long range costs no memory.
 */
struct rows {
	const struct stats *s;
	long first, today, target;
	size_t n;
};

static void
rows_init(struct rows *R, const struct stats *s, const struct range *r,
    long target)
{
	R->s = s;
	R->first = r->first;
	R->today = r->today;
	R->target = target;
	R->n = (size_t)((r->last - r->first) / 7 + 1);
}

/* Week i of the range, with its change against the week before. */
static void
row_get(const struct rows *R, size_t i, struct row *x)
{
	struct row prev;
	long m = R->first + 7 * (long)i;

	fill_row(x, R->s, m, R->target, R->today);
	fill_row(&prev, R->s, m - 7, R->target, R->today);
	x->d_minutes = x->minutes - prev.minutes;
	x->has_prev_level = x->level >= 0 && prev.level >= 0;
	x->d_level = x->has_prev_level ? x->level - prev.level : 0;
}

/* ---- warnings ---- */

/* A warning names at most this many dates, then says how many more. */
#define LIST_MAX 8

/* A stop leads; the other warnings follow in the order they are made. */
enum { RANK_STOP, RANK_OTHER };

struct warning {
	long monday;			/* the week it belongs to */
	int rank;
	size_t order;
	char *text;
};

struct warnings {
	struct warning *v;
	size_t n;
	unsigned conditions;		/* the person's: a bit each */
	FILE *fp;			/* the warning being written */
	char *buf;
	size_t len;
};

#define COND(name) (1u << lr_word_index(lr_conditions, name))

static void
warn_init(struct warnings *w, unsigned conditions)
{
	memset(w, 0, sizeof *w);
	w->conditions = conditions;
}

static FILE *
warn_begin(struct warnings *w)
{
	w->fp = open_memstream(&w->buf, &w->len);
	if (w->fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	return w->fp;
}

static void
warn_end(struct warnings *w, long monday, int rank)
{
	struct warning *x;

	fclose(w->fp);
	w->v = lr_xrealloc(w->v, (w->n + 1) * sizeof *w->v);
	x = &w->v[w->n];
	x->monday = monday;
	x->rank = rank;
	x->order = w->n++;
	x->text = w->buf;
	w->buf = NULL;
	w->fp = NULL;
}

static void
warn_add(struct warnings *w, long monday, int rank, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
warn_add(struct warnings *w, long monday, int rank, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(warn_begin(w), fmt, ap);
	va_end(ap);
	warn_end(w, monday, rank);
}

static int
by_rank(const void *a, const void *b)
{
	const struct warning *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	return (x->order > y->order) - (x->order < y->order);
}

static void
warn_sort(struct warnings *w)
{
	if (w->n > 0)
		qsort(w->v, w->n, sizeof *w->v, by_rank);
}

static void
warn_free(struct warnings *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
}

static char *
day_text(char *dst, size_t n, long day)
{
	return lr_day_text(dst, n, day);
}

static int
by_day(const void *a, const void *b)
{
	const struct stop *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/* The signs answered yes in a screen record's answers. */
struct yes_list {
	const struct screen_question *q[16];
	int n;
	char unknown[256];		/* keys lr does not know, as written */
};

static void
yes_list(const char *answers, struct yes_list *y)
{
	const char *p = answers;

	memset(y, 0, sizeof *y);
	while (*p != '\0') {
		size_t n = strcspn(p, ","), k = strcspn(p, "=");
		const struct screen_question *q;
		size_t used = strlen(y->unknown);

		if (k < n && n - k == 4 && strncmp(p + k, "=yes", 4) == 0) {
			if ((q = lr_screen_find(p, k)) == NULL)
				snprintf(y->unknown + used, sizeof y->unknown -
				    used, "%s%.*s", used ? ", " : "", (int)k, p);
			else if (y->n < 16)
				y->q[y->n++] = q;
		}
		p += n + (p[n] == ',');
	}
}

/*
 * Each safety screen that stopped a session: its date, the signs
 * answered yes, and the advice on whom to see and how soon, the most
 * urgent first.
 */
static void
warn_stops(struct warnings *w, struct stats *s, const struct range *r)
{
	struct yes_list y;
	size_t i;
	int k, pass;
	char d[16];

	if (s->nstops > 0)
		qsort(s->stops, s->nstops, sizeof *s->stops, by_day);
	for (i = 0; i < s->nstops; i++) {
		const struct stop *st = &s->stops[i];
		FILE *fp;

		if (st->day < r->first || st->day > r->last + 6)
			continue;
		yes_list(st->answers, &y);
		fp = warn_begin(w);
		fprintf(fp, "No session on %s: a warning sign stopped it. "
		    "Answered yes:", day_text(d, sizeof d, st->day));
		for (pass = 1; pass >= 0; pass--)
			for (k = 0; k < y.n; k++)
				if (y.q[k]->urgent == pass)
					fprintf(fp, " %s", y.q[k]->question);
		if (y.unknown[0] != '\0')
			fprintf(fp, " %s.", y.unknown);
		for (pass = 1; pass >= 0; pass--)
			for (k = 0; k < y.n; k++)
				if (y.q[k]->urgent == pass)
					fprintf(fp, " %s", y.q[k]->advice);
		warn_end(w, st->day - lr_weekday(st->day), RANK_STOP);
	}
}

/*
 * What the articles say of pain a session raised that has not settled
 * the next day, for the person's conditions: the knee article gives
 * the rule; the sciatica article says to stop when pain keeps getting
 * worse.
 */
static void
put_unsettled_rule(FILE *fp, unsigned cond)
{
	int knee = (cond & COND("knee-pain")) != 0;
	int back = (cond & (COND("sciatica") | COND("low-back-pain"))) != 0;

	if (knee || !back)
		fprintf(fp, " The knee pain article (004_af18e76644b40d20.txt): "
		    "pain after exercise should settle by the next day; if it "
		    "does not, stop the exercises and check in with your "
		    "doctor.");
	if (back)
		fprintf(fp, " The sciatica article (002_ae89acf58824fd98.txt): "
		    "stop at once when pain is sharp, shooting or getting "
		    "worse, and start again only when it is bearable, with your "
		    "physiotherapist's advice.");
}

/*
 * Visit the days of the range whose session raised pain that had not
 * settled by the next day's first rating: count them (say == 0), or
 * name those after the first `skip`.
 */
static int
unsettled_days(struct warnings *w, const struct stats *s,
    const struct range *r, int skip, int say)
{
	long m, d;
	int seen = 0;
	char a[16], b[16];

	for (m = r->first; m <= r->last; m += 7) {
		const struct week *wk = week_find(s, m);

		for (d = 0; wk != NULL && d < 7; d++) {
			const struct day *x = &wk->day[d];
			const struct week *nw;
			const struct day *next;
			FILE *fp;

			if (x->rise_b < 0)
				continue;
			nw = week_find(s, d == 6 ? m + 7 : m);
			if (nw == NULL)
				continue;
			next = &nw->day[(d + 1) % 7];
			if (next->first < 0 || next->first <= x->rise_b)
				continue;
			if (seen++ < skip || !say)
				continue;
			fp = warn_begin(w);
			fprintf(fp, "Pain rose from %d to %d in the session of %s "
			    "and was still %d at the first rating on %s.",
			    x->rise_b, x->rise_a, day_text(a, sizeof a, m + d),
			    next->first, day_text(b, sizeof b, m + d + 1));
			put_unsettled_rule(fp, w->conditions);
			warn_end(w, m, RANK_OTHER);
		}
	}
	return seen;
}

/* The most recent times pain a session raised had not settled. */
static void
warn_unsettled(struct warnings *w, const struct stats *s,
    const struct range *r)
{
	int n = unsettled_days(w, s, r, 0, 0);

	if (n > LIST_MAX)
		warn_add(w, r->last, RANK_OTHER, "Pain raised by a session had "
		    "not settled by the next day %d times in these weeks; the "
		    "last %d:", n, LIST_MAX);
	unsettled_days(w, s, r, n > LIST_MAX ? n - LIST_MAX : 0, 1);
}

static void
week_name(char *dst, size_t n, long monday)
{
	int y, wk;
	char d[16];

	lr_iso_week(monday, &y, &wk);
	snprintf(dst, n, "%d-W%02d (from %s)", y, wk,
	    lr_day_text(d, sizeof d, monday));
}

/* Average pain higher three weeks running. */
static void
warn_rising(struct warnings *w, const struct rows *R)
{
	struct row with[3], x;
	size_t i;
	int k = 0;
	char a[40], b[40], c[40];

	for (i = R->n; i-- > 0 && k < 3;) {
		row_get(R, i, &x);
		if (x.level >= 0)
			with[k++] = x;
	}
	if (k < 3 || !(with[2].level < with[1].level &&
	    with[1].level < with[0].level))
		return;
	week_name(a, sizeof a, with[2].monday);
	week_name(b, sizeof b, with[1].monday);
	week_name(c, sizeof c, with[0].monday);
	warn_add(w, with[0].monday, RANK_OTHER, "Pain is rising: its weekly "
	    "average went from %.1f in %s to %.1f in %s and %.1f in %s. Stop "
	    "any exercise that makes it sharp, shooting or worse, and talk to "
	    "your physiotherapist or doctor.", with[2].level, a,
	    with[1].level, b, with[0].level, c);
}

/* Regular exercise: at least half the weekly target, and once. */
static long
regular(long target)
{
	return target > 1 ? (target + 1) / 2 : 1;
}

/*
 * The sciatica article: pain that has not gone after more than six
 * weeks of regular exercise needs a doctor.  For sciatica and low-back
 * pain, when every week of the last seven or more full weeks had
 * regular sessions and the last ratings still show pain.
 */
static void
warn_no_better(struct warnings *w, const struct stats *s, long target,
    const struct range *r)
{
	const struct week *wk, *rated = NULL;
	long m, end = r->last, first;
	int run = 0;
	char a[40], b[40], c[16];

	if (!(w->conditions & (COND("sciatica") | COND("low-back-pain"))))
		return;
	if (end + 6 >= r->today)
		end -= 7;		/* this week is not over */
	for (m = end; (wk = week_find(s, m)) != NULL &&
	    wk->nsess >= regular(target); m -= 7) {
		if (rated == NULL && wk->pain_max >= 0)
			rated = wk;
		run++;
	}
	if (run < 7 || rated == NULL || rated->pain_max == 0)
		return;
	first = end - 7L * (run - 1);
	week_name(a, sizeof a, first);
	week_name(b, sizeof b, end);
	warn_add(w, end, RANK_OTHER, "%d weeks of regular exercise, %s to %s, "
	    "and the pain has not gone (up to %d in the week of %s). The "
	    "sciatica article "
	    "(002_ae89acf58824fd98.txt): when pain has not gone after more "
	    "than six weeks of regular exercise, see a doctor.", run, a, b,
	    rated->pain_max, lr_day_text(c, sizeof c, rated->monday));
}

/* Weeks under the target count, but not a week a warning sign stopped. */
static int
under_target(const struct rows *R, size_t i, long firstweek, struct row *x)
{
	row_get(R, i, x);
	return x->full && x->monday >= firstweek && x->stopped == 0 &&
	    x->sessions < R->target;
}

/*
 * Full weeks under the target, from the first week the log knows; the
 * most recent are named.
 */
static void
warn_adherence(struct warnings *w, const struct rows *R)
{
	long firstweek = R->s->nw > 0 ? R->s->w[0].monday : LONG_MAX;
	long last = 0;
	struct row x;
	size_t i;
	int n = 0, k = 0;
	char wk[40];
	FILE *fp;

	for (i = 0; i < R->n; i++)
		n += under_target(R, i, firstweek, &x);
	if (n == 0)
		return;
	fp = warn_begin(w);
	fprintf(fp, "Fewer sessions than the target of %ld a week", R->target);
	if (n > LIST_MAX)
		fprintf(fp, " in %d weeks; the last %d", n, LIST_MAX);
	fputc(':', fp);
	for (i = 0; i < R->n; i++) {
		if (!under_target(R, i, firstweek, &x) || k++ < n - LIST_MAX)
			continue;
		week_name(wk, sizeof wk, x.monday);
		fprintf(fp, "%s %ld in %s", k > 1 && k > n - LIST_MAX + 1 ?
		    ";" : "", x.sessions, wk);
		last = x.monday;
	}
	fprintf(fp, ". Exercise helps when it is regular: the sciatica "
	    "article (002_ae89acf58824fd98.txt) asks for four to five "
	    "sessions a week.");
	warn_end(w, last, RANK_OTHER);
}

/* ---- output ---- */

static void
put_num(FILE *fp, double v, const char *fmt)
{
	if (v >= 0)
		fprintf(fp, fmt, v);
}

/* The week's warnings, a stop first, one a line in one field. */
static void
put_week_warnings(const struct warnings *w, long monday)
{
	char *buf = NULL;
	size_t i, len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < w->n; i++)
		if (w->v[i].monday == monday)
			fprintf(fp, "%s%s", len ? "\n" : "", w->v[i].text),
			    fflush(fp);
	fclose(fp);
	putchar('\t');
	tsv_put_field(stdout, buf);
	free(buf);
}

static void
out_tsv(const struct rows *R, const struct warnings *w)
{
	struct row row;
	const struct row *x = &row;
	long target = R->target;
	size_t i;
	char d[16];

	printf("week\tmonday\tsessions\tactive_days\tactive_min\tdone\t"
	    "partial\tskipped\tcompletion\ttarget\tadherence\tpain_before\t"
	    "pain_after\tpain_check\tpain_avg\tpain_change\tminutes_change\t"
	    "stopped\twarnings\n");
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &row);
		printf("%d-W%02d\t%s\t%ld\t%ld\t%.1f\t%ld\t%ld\t%ld\t", x->iso_y,
		    x->iso_w, lr_day_text(d, sizeof d, x->monday), x->sessions,
		    x->days, x->minutes, x->done, x->partial, x->skipped);
		put_num(stdout, x->completion, "%.2f");
		printf("\t%ld\t", target);
		put_num(stdout, x->adherence, "%.2f");
		printf("\t");
		put_num(stdout, x->pain[0], "%.1f");
		printf("\t");
		put_num(stdout, x->pain[1], "%.1f");
		printf("\t");
		put_num(stdout, x->pain[2], "%.1f");
		printf("\t");
		put_num(stdout, x->level, "%.1f");
		printf("\t");
		if (x->has_prev_level)
			printf("%+.1f", x->d_level);
		printf("\t%+.1f\t%ld", x->d_minutes, x->stopped);
		put_week_warnings(w, x->monday);
		putchar('\n');
	}
}

struct totals {
	long sessions, days, done, partial, skipped, stopped;
	double minutes;
	unsigned pain_n[3], pain_sum[3];
};

static void
sum_totals(struct totals *t, const struct rows *R)
{
	struct row x;
	size_t i;
	int k;

	memset(t, 0, sizeof *t);
	for (i = 0; i < R->n; i++) {
		const struct week *w;

		row_get(R, i, &x);
		w = week_find(R->s, x.monday);
		t->sessions += x.sessions;
		t->days += x.days;
		t->done += x.done;
		t->partial += x.partial;
		t->skipped += x.skipped;
		t->stopped += x.stopped;
		t->minutes += x.minutes;
		for (k = 0; w && k < 3; k++) {
			t->pain_n[k] += w->pain_n[k];
			t->pain_sum[k] += w->pain_sum[k];
		}
	}
}

static void
cell_pct(char *dst, size_t n, double v)
{
	if (v < 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, "%.0f%%", v * 100);
}

static void
cell_pain(char *dst, size_t n, double b, double a)
{
	char x[8] = "-", y[8] = "-";

	if (b >= 0)
		snprintf(x, sizeof x, "%.1f", b);
	if (a >= 0)
		snprintf(y, sizeof y, "%.1f", a);
	if (a < 0 && b < 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, "%s>%s", x, y);
}

static void
cell_num(char *dst, size_t n, double v, const char *fmt)
{
	if (v < 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, fmt, v);
}

struct style {
	int color, utf8, md;
};

static const char *
sgr(const struct style *st, const char *code)
{
	return st->color ? code : "";
}

static void
text_table(const struct rows *R, const struct totals *t,
    const struct style *st)
{
	struct row row;
	const struct row *x = &row;
	long target = R->target;
	size_t i, n = R->n;
	char c[16], a[16], p[24], k[16], dm[16], dl[16], mon[16];

	printf("%sweek     from  ses day  min done prt skp cmpl adhr "
	    "pain b>a  chk dmin dpain%s\n", sgr(st, "\033[1m"),
	    sgr(st, "\033[0m"));
	for (i = 0; i < n; i++) {
		row_get(R, i, &row);
		cell_pct(c, sizeof c, x->completion);
		cell_pct(a, sizeof a, x->adherence);
		cell_pain(p, sizeof p, x->pain[0], x->pain[1]);
		cell_num(k, sizeof k, x->pain[2], "%.1f");
		snprintf(dm, sizeof dm, "%+.0f", x->d_minutes);
		if (x->has_prev_level)
			snprintf(dl, sizeof dl, "%+.1f", x->d_level);
		else
			snprintf(dl, sizeof dl, "-");
		snprintf(mon, sizeof mon, "%s", lr_day_text(mon, sizeof mon,
		    x->monday) + 5);
		printf("%d-W%02d %s %3ld %3ld %4.0f %4ld %3ld %3ld %4s %4s "
		    "%8s %4s %4s %5s\n", x->iso_y, x->iso_w, mon, x->sessions,
		    x->days, x->minutes, x->done, x->partial, x->skipped, c, a,
		    p, k, dm, dl);
	}
	{
		long all = t->done + t->partial + t->skipped;

		cell_pct(c, sizeof c, all ? (double)t->done / (double)all : -1);
		cell_pct(a, sizeof a, target ? (double)t->sessions /
		    ((double)target * (double)n) : -1);
		cell_pain(p, sizeof p, avg(t->pain_sum[0], t->pain_n[0]),
		    avg(t->pain_sum[1], t->pain_n[1]));
		cell_num(k, sizeof k, avg(t->pain_sum[2], t->pain_n[2]),
		    "%.1f");
		printf("%stotal          %3ld %3ld %4.0f %4ld %3ld %3ld %4s "
		    "%4s %8s %4s%s\n", sgr(st, "\033[1m"), t->sessions,
		    t->days, t->minutes, t->done, t->partial, t->skipped, c, a,
		    p, k, sgr(st, "\033[0m"));
	}
}

static void
text_bars(const struct rows *R, const struct style *st)
{
	struct row x;
	double max = 0;
	size_t i;
	int j;
	const char *block = st->utf8 ? "\xe2\x96\x88" : "#";

	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		if (x.minutes > max)
			max = x.minutes;
	}
	printf("\nMinutes of exercise per week\n");
	for (i = 0; i < R->n; i++) {
		int len;

		row_get(R, i, &x);
		len = max > 0 ? (int)(x.minutes * 50 / max + 0.5) : 0;
		printf("%d-W%02d  ", x.iso_y, x.iso_w);
		for (j = 0; j < len; j++)
			fputs(block, stdout);
		printf(" %.0f\n", x.minutes);
	}
}

static void
text_pain(const struct rows *R)
{
	struct row row;
	const struct row *x = &row;
	size_t i, n = R->n;
	int j, any = 0;

	for (i = 0; i < n; i++) {
		row_get(R, i, &row);
		any |= row.level >= 0;
	}
	printf("\nPain, the week's average of all ratings (0 none, 10 worst)\n");
	if (!any) {
		printf("  no pain ratings in these weeks\n");
		return;
	}
	printf("          0    1    2    3    4    5    6    7    8    9   10\n");
	for (i = 0; i < n; i++) {
		row_get(R, i, &row);
		printf("%d-W%02d  ", x->iso_y, x->iso_w);
		if (x->level < 0) {
			printf("  (no rating)\n");
			continue;
		}
		putchar('|');
		for (j = 0; j <= 50; j++)
			putchar(j == (int)(x->level * 5 + 0.5) ? '*' :
			    j < (int)(x->level * 5 + 0.5) ? '-' : ' ');
		printf("%.1f\n", x->level);
	}
}

static const char disclaimer[] =
    "This report is information for you and your physiotherapist, not a "
    "diagnosis.";

static void
out_warnings(const struct warnings *w, const struct style *st)
{
	size_t i;

	printf("\n%s%s\n", st->md ? "## " : "", w->n ? "Warnings" :
	    "No warnings");
	for (i = 0; i < w->n; i++) {
		const struct warning *x = &w->v[i];

		if (st->md) {
			printf("- %s%s%s\n", x->rank == RANK_STOP ? "**" : "",
			    x->text, x->rank == RANK_STOP ? "**" : "");
			continue;
		}
		printf("%s  - ", sgr(st, x->rank == RANK_STOP ? "\033[1;31m" :
		    "\033[33m"));
		lr_wrap(stdout, x->text, 4, 4, 78);
		fputs(sgr(st, "\033[0m"), stdout);
	}
}

static void
out_text(const struct rows *R, const struct stats *s,
    const struct options *o, const struct range *r,
    const struct warnings *w, const struct style *st)
{
	struct totals t;
	char a[16], b[16];
	size_t n = R->n;

	sum_totals(&t, R);
	printf("%slr report, %s to %s (%zu week%s)%s\n", sgr(st, "\033[1m"),
	    lr_day_text(a, sizeof a, r->first), lr_day_text(b, sizeof b,
	    r->last + 6), n, n == 1 ? "" : "s", sgr(st, "\033[0m"));
	printf("Target: %ld sessions a week.  ses: sessions, day: days with "
	    "exercise, min:\nminutes of exercise; exercises done, prt: "
	    "partly done, skp: skipped; cmpl:\nshare done; adhr: sessions "
	    "against the target; pain before>after sessions,\nchk: at "
	    "check-ins; dmin, dpain: change on the week before.\n\n",
	    o->target);
	text_table(R, &t, st);
	if (t.sessions == 0 && t.done + t.partial + t.skipped == 0 &&
	    t.stopped == 0 && t.pain_n[0] + t.pain_n[1] + t.pain_n[2] == 0)
		printf("\nNothing was logged in these weeks.\n");
	text_bars(R, st);
	text_pain(R);
	out_warnings(w, st);
	if (s->skipped_rows > 0)
		printf("\n%ld row%s of the log could not be read and %s left "
		    "out (see the messages).\n", s->skipped_rows,
		    s->skipped_rows == 1 ? "" : "s", s->skipped_rows == 1 ?
		    "was" : "were");
	printf("\n%s\n", disclaimer);
}

static void
out_md(const struct rows *R, const struct stats *s,
    const struct options *o, const struct range *r,
    const struct warnings *w, const struct style *st)
{
	struct totals t;
	struct row row;
	const struct row *x = &row;
	size_t i;
	char a[16], b[16], c[16], d[16], p[24], k[16];

	sum_totals(&t, R);
	printf("# lr report, %s to %s\n\n", lr_day_text(a, sizeof a,
	    r->first), lr_day_text(b, sizeof b, r->last + 6));
	printf("Target: %ld sessions a week.\n\n", o->target);
	printf("| Week | From | Sessions | Active days | Minutes | Done | "
	    "Partial | Skipped | Completion | Adherence | Pain before > after "
	    "| Pain check-ins | Change in minutes | Change in pain |\n");
	printf("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &row);
		cell_pct(c, sizeof c, x->completion);
		cell_pct(d, sizeof d, x->adherence);
		cell_pain(p, sizeof p, x->pain[0], x->pain[1]);
		cell_num(k, sizeof k, x->pain[2], "%.1f");
		printf("| %d-W%02d | %s | %ld | %ld | %.0f | %ld | %ld | %ld | "
		    "%s | %s | %s | %s | %+.0f | ", x->iso_y, x->iso_w,
		    lr_day_text(a, sizeof a, x->monday), x->sessions, x->days,
		    x->minutes, x->done, x->partial, x->skipped, c, d, p, k,
		    x->d_minutes);
		if (x->has_prev_level)
			printf("%+.1f |\n", x->d_level);
		else
			printf("- |\n");
	}
	printf("| **Total** | | **%ld** | **%ld** | **%.0f** | **%ld** | "
	    "**%ld** | **%ld** | | | | | | |\n", t.sessions, t.days,
	    t.minutes, t.done, t.partial, t.skipped);
	out_warnings(w, st);
	if (s->skipped_rows > 0)
		printf("\n%ld row%s of the log could not be read and %s left "
		    "out.\n", s->skipped_rows, s->skipped_rows == 1 ? "" : "s",
		    s->skipped_rows == 1 ? "was" : "were");
	printf("\n*%s*\n", disclaimer);
}

/* ---- options and main ---- */

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "weeks", required_argument, NULL, 'w' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "last-week", no_argument, NULL, 'L' },
		{ "week", required_argument, NULL, 'W' },
		{ "target", required_argument, NULL, 't' },
		{ "condition", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'F' },
		{ "today", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const formats[] = { "text", "tsv", "md", NULL };
	int ch, ranged = 0;

	o->weeks = 4;
	o->target = 4;
	while ((ch = getopt_long(argc, argv, "w:t:c:F:j:hV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'w':
			o->weeks = lr_opt_long("--weeks", optarg, 1, 20000);
			ranged |= 1;
			break;
		case 's': o->since = optarg; ranged |= 1; break;
		case 'u': o->until = optarg; ranged |= 1; break;
		case 'L': o->last_week = 1; ranged |= 2; break;
		case 'W': o->week = optarg; ranged |= 4; break;
		case 't': o->target = lr_opt_long("--target", optarg, 0, 21);
			break;
		case 'F':
			if ((o->format = lr_word_index(formats, optarg)) < 0)
				lr_usage_error("--format: expected text, tsv or "
				    "md, got \"%s\"", optarg);
			break;
		case 'T': o->today = optarg; break;
		case 'c':
			filter_add(&o->conditions, optarg, lr_conditions,
			    "condition");
			break;
		case 'j': o->jobs = lr_opt_long("--jobs", optarg, 1, 8); break;
		case 'h': lr_print_usage(usage_text);
		case 'V': lr_print_version(); break;
		default: lr_usage_error("unknown option");
		}
	}
	if (ranged != 0 && ranged != 1 && ranged != 2 && ranged != 4)
		lr_usage_error("--week, --last-week and the other range "
		    "options go alone");
	if (o->since && o->weeks != 4 && o->until)
		lr_usage_error("--weeks with both --since and --until");
	o->logs = argv + optind;
	o->nlogs = argc - optind;
}

static int
color_wanted(int format)
{
	return format == FMT_TEXT && isatty(STDOUT_FILENO) &&
	    lr_color_term(getenv("TERM"));
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct stats s;
	struct range r;
	struct warnings w;
	struct style st;
	struct rows R;
	struct idmask *ids;
	char path[PATH_MAX];
	int i, status = LR_OK;

	parse_options(argc, argv, &o);
	make_range(&o, &r);
	if (o.nlogs == 0) {
		if (lr_log_path(path, sizeof path) != 0)
			return LR_EDATA;
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			lr_warn("%s: no log yet: lr-log makes it when the "
			    "first session is logged", path);
			return LR_EDATA;
		}
	}
	ids = o.conditions ? NULL : idmask_read();
	stats_init(&s, ids);
	if (o.nlogs == 0 && read_log(&s, path, o.jobs) != 0)
		status = LR_EDATA;
	for (i = 0; i < o.nlogs; i++)
		if (read_log(&s, o.logs[i], o.jobs) != 0)
			status = LR_EDATA;
	if (status != LR_OK && s.rows == 0 && s.skipped_rows == 0) {
		stats_free(&s);
		idmask_free(ids);
		free(o.conditions);
		return status;
	}
	if (s.skipped_rows > 0) {
		lr_warn("%ld row%s could not be read and %s left out",
		    s.skipped_rows, s.skipped_rows == 1 ? "" : "s",
		    s.skipped_rows == 1 ? "was" : "were");
		status = LR_EDATA;
	}
	rows_init(&R, &s, &r, o.target);
	stats_finish(&s);
	warn_init(&w, o.conditions ? conditions_mask(o.conditions) :
	    s.conditions);
	warn_stops(&w, &s, &r);
	warn_unsettled(&w, &s, &r);
	warn_rising(&w, &R);
	warn_no_better(&w, &s, o.target, &r);
	warn_adherence(&w, &R);
	warn_sort(&w);
	st.color = color_wanted(o.format);
	st.utf8 = lr_utf8_locale();
	st.md = o.format == FMT_MD;
	if (o.format == FMT_TSV)
		out_tsv(&R, &w);
	else if (o.format == FMT_MD)
		out_md(&R, &s, &o, &r, &w, &st);
	else
		out_text(&R, &s, &o, &r, &w, &st);
	warn_free(&w);
	stats_free(&s);
	idmask_free(ids);
	free(o.conditions);
	lr_close_stdout();
	return status;
}

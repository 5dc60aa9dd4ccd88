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
"  -F, --format FORMAT  text (default), tsv or md\n"
"      --today DATE     report as if today were DATE\n"
"  -j, --jobs N         read a big log with N threads (default: one per\n"
"                       processor, at most 8)\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n";

enum { FMT_TEXT, FMT_TSV, FMT_MD };

struct options {
	long weeks, target, jobs;
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
	struct day day[7];
};

/* Recent sessions: the week each is counted in, a pain before it. */
struct recent {
	uint32_t id;
	long week;
	signed char before;
};

#define RECENT 16

struct stats {
	struct week *w;			/* sorted by monday */
	size_t nw, capw, last;		/* last: the week used last */
	struct recent ring[RECENT];
	int ringpos;
	long skipped_rows, rows;
	int failed;
};

static void
week_init(struct week *w, long monday)
{
	int i;

	memset(w, 0, sizeof *w);
	w->monday = (int32_t)monday;
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

static struct recent *
recent(struct stats *s, uint32_t id, long week)
{
	int i;

	for (i = 0; i < RECENT; i++)
		if (s->ring[i].id == id && s->ring[i].week != LONG_MIN)
			return &s->ring[i];
	i = s->ringpos++ % RECENT;
	s->ring[i].id = id;
	s->ring[i].week = week;
	s->ring[i].before = -1;
	return &s->ring[i];
}

/* ---- taking in one record ---- */

static void
take_exercise(struct stats *s, const struct result *r, long day)
{
	int wd = lr_weekday(day);
	struct week *w = week_at(s, day - wd);
	struct recent *rc;

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
	rc = recent(s, (uint32_t)lr_hash(r->session), day - wd);
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

static void
take_row(struct stats *s, const struct result *r, const struct lr_stamp *t)
{
	long day = t->day;

	if (r->record[0] == 'e')
		take_exercise(s, r, day);
	else if (r->record[0] == 'p')
		take_pain(s, r, t, day);
	else if (strcmp(r->status, "stop") == 0)
		week_at(s, day - lr_weekday(day))->stopped++;
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
stats_free(struct stats *s)
{
	size_t i;

	for (i = 0; i < s->nw; i++)
		free(s->w[i].more);
	free(s->w);
}

static void
merge_stats(struct stats *into, struct stats *from)
{
	size_t i;

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

struct warnings {
	char *text;
	size_t len;
	FILE *fp;
	int n;
};

static void
warn_open(struct warnings *w)
{
	memset(w, 0, sizeof *w);
	w->fp = open_memstream(&w->text, &w->len);
	if (w->fp == NULL)
		lr_die(LR_EDATA, "out of memory");
}

static void
warn_add(struct warnings *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn_add(struct warnings *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(w->fp, fmt, ap);
	va_end(ap);
	fputc('\n', w->fp);
	w->n++;
}

static char *
day_text(char *dst, size_t n, long day)
{
	return lr_day_text(dst, n, day);
}

/* Pain that a session raised and that had not settled the next day. */
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
			warn_add(w, "Pain rose from %d to %d in the session of "
			    "%s and was still %d at the first rating on %s. "
			    "The knee article: pain after exercise should "
			    "settle by the next day; if it does not, stop the "
			    "exercises and check in with your doctor.",
			    x->rise_b, x->rise_a, day_text(a, sizeof a, m + d),
			    next->first, day_text(b, sizeof b, m + d + 1));
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
		warn_add(w, "Pain raised by a session had not settled by the "
		    "next day %d times in these weeks; the last %d:",
		    n, LIST_MAX);
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
	warn_add(w, "Pain is rising: its weekly average went from %.1f in "
	    "%s to %.1f in %s and %.1f in %s. Stop any exercise that makes "
	    "it sharp, shooting or worse, and talk to your physiotherapist "
	    "or doctor.", with[2].level, a, with[1].level, b,
	    with[0].level, c);
}

/*
 * Six weeks or more of regular exercise (the target met every week)
 * without pain going down: the sciatica article says to see a doctor.
 */
static void
warn_no_better(struct warnings *w, const struct stats *s, long target,
    const struct range *r)
{
	struct row x, first[2], last[2];
	long m, end = r->last;
	int run = 0;
	char a[40], b[40];
	double p0, p1;

	if (target == 0)
		return;
	fill_row(&x, s, end, target, r->today);
	if (!x.full)
		end -= 7;
	for (m = end; ; m -= 7) {
		fill_row(&x, s, m, target, r->today);
		if (x.sessions < target)
			break;
		run++;
	}
	if (run < 6)
		return;
	fill_row(&first[0], s, m + 7, target, r->today);
	fill_row(&first[1], s, m + 14, target, r->today);
	fill_row(&last[0], s, end - 7, target, r->today);
	fill_row(&last[1], s, end, target, r->today);
	p0 = first[0].level >= 0 && first[1].level >= 0 ?
	    (first[0].level + first[1].level) / 2 : first[0].level >= 0 ?
	    first[0].level : first[1].level;
	p1 = last[0].level >= 0 && last[1].level >= 0 ?
	    (last[0].level + last[1].level) / 2 : last[1].level >= 0 ?
	    last[1].level : last[0].level;
	if (p0 < 0 || p1 < 0 || p1 < p0)
		return;
	week_name(a, sizeof a, m + 7);
	week_name(b, sizeof b, end);
	warn_add(w, "%d weeks of regular exercise, %s to %s, and pain is "
	    "not lower (%.1f at the start, %.1f at the end). The sciatica "
	    "article: when pain has not improved after six weeks of regular "
	    "exercise, see a doctor.", run, a, b, p0, p1);
}

static int
under_target(const struct rows *R, size_t i, long firstweek, struct row *x)
{
	row_get(R, i, x);
	return x->full && x->monday >= firstweek && x->sessions < R->target;
}

/*
 * Full weeks under the target, from the first week the log knows; the
 * most recent are named.
 */
static void
warn_adherence(struct warnings *w, const struct rows *R)
{
	long firstweek = R->s->nw > 0 ? R->s->w[0].monday : LONG_MAX;
	struct row x;
	size_t i;
	int n = 0, k = 0;
	char wk[40];

	for (i = 0; i < R->n; i++)
		n += under_target(R, i, firstweek, &x);
	if (n == 0)
		return;
	fprintf(w->fp, "Fewer sessions than the target of %ld a week", R->target);
	if (n > LIST_MAX)
		fprintf(w->fp, " in %d weeks; the last %d", n, LIST_MAX);
	fputc(':', w->fp);
	for (i = 0; i < R->n; i++) {
		if (!under_target(R, i, firstweek, &x) || k++ < n - LIST_MAX)
			continue;
		week_name(wk, sizeof wk, x.monday);
		fprintf(w->fp, "%s %ld in %s", k > 1 && k > n - LIST_MAX + 1 ?
		    ";" : "", x.sessions, wk);
	}
	warn_add(w, ". The articles ask for four to five sessions a week: "
	    "exercise helps when it is regular.");
}

/* ---- output ---- */

static void
put_num(FILE *fp, double v, const char *fmt)
{
	if (v >= 0)
		fprintf(fp, fmt, v);
}

static void
out_tsv(const struct rows *R)
{
	struct row row;
	const struct row *x = &row;
	long target = R->target;
	size_t i;
	char d[16];

	printf("week\tmonday\tsessions\tactive_days\tactive_min\tdone\t"
	    "partial\tskipped\tcompletion\ttarget\tadherence\tpain_before\t"
	    "pain_after\tpain_check\tpain_avg\tpain_change\tminutes_change\t"
	    "stopped\n");
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
		printf("\t%+.1f\t%ld\n", x->d_minutes, x->stopped);
	}
}

struct totals {
	long sessions, days, done, partial, skipped;
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
	const char *p = w->text;

	printf("\n%s%s%s\n", st->md ? "## " : "", w->n ? "Warnings" :
	    "No warnings", "");
	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, "\n");
		char line[2048];

		snprintf(line, sizeof line, "%.*s", (int)len, p);
		if (st->md)
			printf("- %s\n", line);
		else {
			printf("%s  - ", sgr(st, "\033[33m"));
			lr_wrap(stdout, line, 4, 4, 78);
			fputs(sgr(st, "\033[0m"), stdout);
		}
		p += len + (p[len] == '\n');
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
	if (t.sessions == 0 && t.done + t.partial + t.skipped == 0)
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
	while ((ch = getopt_long(argc, argv, "w:t:F:j:hV", longopts, NULL)) !=
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
	char path[PATH_MAX];
	int i, status = LR_OK;

	parse_options(argc, argv, &o);
	make_range(&o, &r);
	memset(&s, 0, sizeof s);
	for (i = 0; i < RECENT; i++)
		s.ring[i].week = LONG_MIN;
	if (o.nlogs == 0) {
		if (lr_log_path(path, sizeof path) != 0)
			return LR_EDATA;
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			lr_warn("%s: no log yet: lr-log makes it when the "
			    "first session is logged", path);
			return LR_EDATA;
		}
		if (read_log(&s, path, o.jobs) != 0)
			status = LR_EDATA;
	}
	for (i = 0; i < o.nlogs; i++)
		if (read_log(&s, o.logs[i], o.jobs) != 0)
			status = LR_EDATA;
	if (status != LR_OK && s.rows == 0 && s.skipped_rows == 0) {
		stats_free(&s);
		return status;
	}
	if (s.skipped_rows > 0) {
		lr_warn("%ld row%s could not be read and %s left out",
		    s.skipped_rows, s.skipped_rows == 1 ? "" : "s",
		    s.skipped_rows == 1 ? "was" : "were");
		status = LR_EDATA;
	}
	rows_init(&R, &s, &r, o.target);
	warn_open(&w);
	warn_unsettled(&w, &s, &r);
	warn_rising(&w, &R);
	warn_no_better(&w, &s, o.target, &r);
	warn_adherence(&w, &R);
	fclose(w.fp);
	st.color = color_wanted(o.format);
	st.utf8 = lr_utf8_locale();
	st.md = o.format == FMT_MD;
	if (o.format == FMT_TSV)
		out_tsv(&R);
	else if (o.format == FMT_MD)
		out_md(&R, &s, &o, &r, &w, &st);
	else
		out_text(&R, &s, &o, &r, &w, &st);
	free(w.text);
	stats_free(&s);
	lr_close_stdout();
	return status;
}

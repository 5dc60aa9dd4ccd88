/* warnings.c - owns the articles' rules over the weeks, and their text. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "warnings.h"

#define COND(name) (1u << lr_word_index(lr_conditions, name))

void
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

void
warn_sort(struct warnings *w)
{
	if (w->n > 0)
		qsort(w->v, w->n, sizeof *w->v, by_rank);
}

void
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

/*
 * The signs answered yes in a screen record's answers, sized from
 * them: a list of n items has at most n signs, and each key lr does
 * not know is named in fewer bytes than its "key=yes," took.
 */
struct yes_list {
	const struct screen_question **q;
	int n;
	char *unknown;			/* keys lr does not know, as written */
	size_t used;
};

/*
 * A key lr does not know, kept to be named: letters, digits, "-" and
 * "_" as written, anything else as "?", so that a log edited by hand
 * or by someone else puts no markup or control character in a warning
 * that text, Markdown and HTML print.
 */
static void
unknown_key(struct yes_list *y, const char *key, size_t k)
{
	size_t i;

	if (y->used > 0) {
		memcpy(y->unknown + y->used, ", ", 2);
		y->used += 2;
	}
	for (i = 0; i < k; i++) {
		unsigned char c = (unsigned char)key[i];

		y->unknown[y->used++] = isalnum(c) || c == '-' || c == '_' ?
		    (char)c : '?';
	}
	y->unknown[y->used] = '\0';
}

/* Those that call for help at once first, each part in the order given. */
static void
urgent_first(struct yes_list *y)
{
	int i, j, u = 0;

	for (i = 0; i < y->n; i++) {
		const struct screen_question *q = y->q[i];

		if (!q->urgent)
			continue;
		for (j = i; j > u; j--)
			y->q[j] = y->q[j - 1];
		y->q[u++] = q;
	}
}

static void
yes_list(const char *answers, struct yes_list *y)
{
	const char *p = answers, *w, *eq;
	size_t len, items = 1;

	for (w = answers; *w != '\0'; w++)
		items += *w == ',';
	y->q = lr_xmalloc(items * sizeof(const struct screen_question *));
	y->unknown = lr_xmalloc(strlen(answers) + 1);
	y->unknown[0] = '\0';
	y->n = 0;
	y->used = 0;
	while ((w = lr_list_next(&p, ",", &len)) != NULL) {
		const struct screen_question *q;
		size_t k;

		if ((eq = memchr(w, '=', len)) == NULL)
			continue;
		k = (size_t)(eq - w);
		if (len - k != 4 || strncmp(eq, "=yes", 4) != 0)
			continue;
		if ((q = lr_screen_find(w, k)) == NULL)
			unknown_key(y, w, k);
		else
			y->q[y->n++] = q;
	}
	urgent_first(y);
}

static void
yes_list_free(struct yes_list *y)
{
	free(y->q);
	free(y->unknown);
}

/* Is the k-th sign's article not that of an earlier one? */
static int
first_of_its_article(const struct yes_list *y, int k)
{
	int j;

	for (j = 0; j < k; j++)
		if (strcmp(y->q[j]->article, y->q[k]->article) == 0)
			return 0;
	return 1;
}

/*
 * The articles the advice comes from, in its order: "This advice comes
 * from the leg pain article (000_bd524d16304c268a.txt) and ...".
 */
static void
put_advice_sources(FILE *fp, const struct yes_list *y)
{
	int k, n = 0, total = 0;

	for (k = 0; k < y->n; k++)
		total += first_of_its_article(y, k);
	for (k = 0; k < y->n; k++) {
		if (!first_of_its_article(y, k))
			continue;
		fprintf(fp, "%s%s (%s)", n == 0 ? " This advice comes from " :
		    n + 1 < total ? ", " : " and ",
		    lr_article_name(y->q[k]->article), y->q[k]->article);
		n++;
	}
	if (n > 0)
		fputc('.', fp);
}

/*
 * Each safety screen that stopped a session, in the order of their
 * days (weeks_finish sorts them): its date, the signs answered yes,
 * and the advice on whom to see and how soon, the most urgent first,
 * with the articles it comes from.
 */
void
warn_stops(struct warnings *w, const struct weeks *s,
    const struct range *r)
{
	struct yes_list y;
	size_t i;
	int k;
	char d[16];

	for (i = 0; i < s->nstops; i++) {
		const struct stop *st = &s->stops[i];
		FILE *fp;

		if (st->day < r->first || st->day > r->last + 6)
			continue;
		yes_list(st->answers, &y);
		fp = warn_begin(w);
		fprintf(fp, "No session on %s: a warning sign stopped it. "
		    "Answered yes:", day_text(d, sizeof d, st->day));
		for (k = 0; k < y.n; k++)
			fprintf(fp, " %s", y.q[k]->question);
		if (y.unknown[0] != '\0')
			fprintf(fp, " %s.", y.unknown);
		for (k = 0; k < y.n; k++)
			fprintf(fp, " %s", y.q[k]->advice);
		put_advice_sources(fp, &y);
		yes_list_free(&y);
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
unsettled_days(struct warnings *w, const struct weeks *s,
    const struct range *r, int skip, int say)
{
	long m, d;
	int seen = 0;
	char a[16], b[16];

	for (m = r->first; m <= r->last; m += 7) {
		const struct week *wk = weeks_find(s, m);

		for (d = 0; wk != NULL && d < 7; d++) {
			const struct day *x = &wk->day[d];
			const struct week *nw;
			const struct day *next;
			FILE *fp;

			if (x->rise_b < 0)
				continue;
			nw = weeks_find(s, d == 6 ? m + 7 : m);
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
void
warn_unsettled(struct warnings *w, const struct weeks *s,
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
void
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
void
warn_no_better(struct warnings *w, const struct weeks *s, long target,
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
	for (m = end; (wk = weeks_find(s, m)) != NULL &&
	    wk->nsess >= (size_t)regular(target); m -= 7) {
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
int
warn_under_target(const struct rows *R, size_t i, long firstweek, struct row *x)
{
	row_get(R, i, x);
	return x->full && x->monday >= firstweek && x->stopped == 0 &&
	    x->sessions < R->target;
}

/*
 * Full weeks under the target, from the first week the log knows; the
 * most recent are named.
 */
void
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
		n += warn_under_target(R, i, firstweek, &x);
	if (n == 0)
		return;
	fp = warn_begin(w);
	fprintf(fp, "Fewer sessions than the target of %ld a week", R->target);
	if (n > LIST_MAX)
		fprintf(fp, " in %d weeks; the last %d", n, LIST_MAX);
	fputc(':', fp);
	for (i = 0; i < R->n; i++) {
		if (!warn_under_target(R, i, firstweek, &x) || k++ < n - LIST_MAX)
			continue;
		week_name(wk, sizeof wk, x.monday);
		fprintf(fp, "%s %ld in %s", k > 1 && k > n - LIST_MAX + 1 ?
		    ";" : "", x.sessions, wk);
		last = x.monday;
	}
	fprintf(fp, ". Exercise helps when it is regular: the sciatica "
	    "article (002_ae89acf58824fd98.txt) asks for four to five "
	    "sessions a week.");
	warn_end(w, last, RANK_TARGET);
}


/* Every rule, a stop first. */
void
warn_all(struct warnings *w, const struct weeks *s, const struct rows *R,
    const struct range *r)
{
	warn_stops(w, s, r);
	warn_unsettled(w, s, r);
	warn_rising(w, R);
	warn_no_better(w, s, R->target, r);
	warn_adherence(w, R);
	warn_sort(w);
}

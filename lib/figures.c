/* figures.c - owns the report's range of weeks and each week's figures. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "figures.h"

/* ---- the range of weeks ---- */

static long
today_days(const char *today)
{
	struct lr_stamp st;
	const char *why;
	char buf[16];

	if (today == NULL)
		lr_iso_date(buf, sizeof buf, time(NULL));
	else
		snprintf(buf, sizeof buf, "%s", today);
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

/* The weeks the options ask for; a usage error when they cannot be. */
void
range_make(const struct range_spec *o, struct range *r)
{
	long this_week;

	r->today = today_days(o->today);
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

/* The log's first record's Monday; LONG_MAX when it has none. */
static long
log_first(const struct weeks *s)
{
	return s->nw > 0 ? s->w[0].monday : LONG_MAX;
}

/*
 * Weeks before the log's first record hold no data: a range that
 * starts before it starts with its week (then 1).  A range wholly
 * before the log is kept, its weeks without data.
 */
int
range_clip(struct range *r, const struct weeks *s)
{
	long first = log_first(s);

	if (first <= r->first || first > r->last)
		return 0;
	r->first = first;
	return 1;
}

/* ---- one week ---- */

double
figures_avg(unsigned sum, unsigned n)
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
fill_row(struct row *x, const struct rows *R, long monday)
{
	const struct weeks *s = R->s;
	long target = R->target;
	const struct week *w = weeks_find(s, monday);
	static const struct week none = { .monday = 0 };
	unsigned n, sum;
	int k;

	if (w == NULL)
		w = &none;
	memset(x, 0, sizeof *x);
	x->monday = monday;
	lr_iso_week(monday, &x->iso_y, &x->iso_w);
	x->sessions = (long)w->nsess;
	x->days = popcount7(w->active);
	x->minutes = (double)w->active_s / 60;
	x->done = w->done;
	x->partial = w->partial;
	x->skipped = w->skipped;
	x->stopped = w->stopped;
	n = w->done + w->partial + w->skipped;
	x->completion = n ? (double)w->done / (double)n : -1;
	x->in_log = monday >= R->log_first;
	x->adherence = target && x->in_log ? (double)x->sessions /
	    (double)target : -1;
	for (k = 0; k < 3; k++)
		x->pain[k] = figures_avg(w->pain_sum[k], w->pain_n[k]);
	n = w->pain_n[0] + w->pain_n[1] + w->pain_n[2];
	sum = w->pain_sum[0] + w->pain_sum[1] + w->pain_sum[2];
	x->level = figures_avg(sum, n);
	x->full = monday + 6 < R->today;
}

/* ---- the weeks of the range ---- */

/* Worked out one at a time when asked for: a long range costs nothing. */
void
rows_init(struct rows *R, const struct weeks *s, const struct range *r,
    long target)
{
	R->s = s;
	R->first = r->first;
	R->today = r->today;
	R->target = target;
	R->log_first = log_first(s);
	R->n = (size_t)((r->last - r->first) / 7 + 1);
}

/* Week i of the range, with its change against the week before. */
void
row_get(const struct rows *R, size_t i, struct row *x)
{
	struct row prev;
	long m = R->first + 7 * (long)i;

	fill_row(x, R, m);
	fill_row(&prev, R, m - 7);
	x->has_prev_minutes = prev.in_log;
	x->d_minutes = prev.in_log ? x->minutes - prev.minutes : 0;
	x->has_prev_level = x->level >= 0 && prev.level >= 0;
	x->d_level = x->has_prev_level ? x->level - prev.level : 0;
}

/* Shares and averages of the sums; adherence over the log's weeks. */
static void
totals_figures(struct totals *t, long target)
{
	long all = t->done + t->partial + t->skipped;
	unsigned n = 0, sum = 0;
	int k;

	t->completion = all ? (double)t->done / (double)all : -1;
	t->adherence = target && t->weeks ? (double)t->sessions /
	    ((double)target * (double)t->weeks) : -1;
	for (k = 0; k < 3; k++) {
		t->pain[k] = figures_avg(t->pain_sum[k], t->pain_n[k]);
		n += t->pain_n[k];
		sum += t->pain_sum[k];
	}
	t->level = figures_avg(sum, n);
}

void
rows_totals(struct totals *t, const struct rows *R)
{
	struct row x;
	size_t i;
	int k;

	memset(t, 0, sizeof *t);
	for (i = 0; i < R->n; i++) {
		const struct week *w;

		row_get(R, i, &x);
		w = weeks_find(R->s, x.monday);
		t->sessions += x.sessions;
		t->days += x.days;
		t->done += x.done;
		t->partial += x.partial;
		t->skipped += x.skipped;
		t->stopped += x.stopped;
		t->minutes += x.minutes;
		t->weeks += x.in_log;
		for (k = 0; w && k < 3; k++) {
			t->pain_n[k] += w->pain_n[k];
			t->pain_sum[k] += w->pain_sum[k];
		}
	}
	totals_figures(t, R->target);
}

/* ---- today ---- */

/*
 * A session is due when nothing was done today, no warning sign
 * stopped one today, and the week has fewer sessions than the target.
 */
void
due_get(struct due *d, const struct weeks *s, long today, long target)
{
	int wd = lr_weekday(today);
	const struct week *w = weeks_find(s, today - wd);
	size_t i;

	memset(d, 0, sizeof *d);
	if (w != NULL) {
		d->sessions = (long)w->nsess;
		d->today = (w->active >> wd) & 1;
	}
	for (i = 0; i < s->nstops; i++)
		d->stopped |= s->stops[i].day == today;
	d->due = !d->today && !d->stopped && d->sessions < target;
}

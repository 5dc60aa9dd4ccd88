/*
 * warnings_test.c - the articles' rules on weeks made by hand: each
 * fires on a week made for it and stays silent on one just below.
 */
#include "unit.h"
#include "warnings.h"

#define COND(name) (1u << lr_word_index(lr_conditions, name))
#define SCIATICA COND("sciatica")
#define KNEE COND("knee-pain")

/* Monday 16 November 2026, week 47; M(k) is k weeks on. */
#define M0 lr_days_from_civil(2026, 11, 16)
#define M(k) (M0 + 7L * (k))

/* Week k: n sessions and, when pain >= 0, one check-in rated pain. */
static void
week(struct weeks *s, int k, size_t n, int pain)
{
	struct week *w = weeks_at(s, M(k));

	w->nsess = n;
	if (pain < 0)
		return;
	w->pain_n[2]++;
	w->pain_sum[2] += (uint32_t)pain;
	if (pain > w->pain_max)
		w->pain_max = (int8_t)pain;
}

/* Day d of week k: a session raised pain from b to a. */
static void
rise(struct weeks *s, int k, int d, int b, int a)
{
	struct day *x = &weeks_at(s, M(k))->day[d];

	x->rise_b = (int8_t)b;
	x->rise_a = (int8_t)a;
}

/* Day d of week k: the first rating of the day. */
static void
first(struct weeks *s, int k, int d, int pain)
{
	weeks_at(s, M(k))->day[d].first = (int8_t)pain;
}

/* Weeks from, to (each k weeks from M0), and today as a day. */
static struct range
range(int from, int to, long today)
{
	struct range r = { M(from), M(to), today };

	return r;
}

static void
has(const struct warnings *w, size_t i, const char *text)
{
	assert_true(i < w->n);
	if (strstr(w->v[i].text, text) == NULL)
		fail_msg("warning %zu: \"%s\" lacks \"%s\"", i, w->v[i].text,
		    text);
}

static void
stop_at(struct weeks *s, long day, const char *answers)
{
	s->stops = lr_xrealloc(s->stops, (s->nstops + 1) * sizeof *s->stops);
	s->stops[s->nstops].day = day;
	s->stops[s->nstops++].answers = lr_xstrdup(answers);
}

/*
 * A stop: its date, the signs, those that need help at once first, and
 * advice in the same order; a stop the day before the range is left
 * out, one on its last Sunday is in.
 */
static void
stops_in_the_range(void **state)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, 1, M(3));
	const char *p, *q;

	(void)state;
	weeks_init(&s, NULL);
	stop_at(&s, M(0) - 1, "fever=yes");
	stop_at(&s, M(1) + 6, "numbness=yes,weight=no,fever=yes,odd=yes,"
	    "<b>**x\x1b[2J=yes");
	weeks_finish(&s);
	warn_init(&w, SCIATICA);
	warn_stops(&w, &s, &r);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.v[0].rank, RANK_STOP);
	assert_int_equal(w.v[0].monday, M(1));
	has(&w, 0, "No session on 2026-11-29: a warning sign stopped it. "
	    "Answered yes: Do you have a fever? Is a leg numb");
	/* A key lr does not know is named, its markup and controls "?". */
	has(&w, 0, " odd, ?b???x??2J.");
	assert_null(strchr(w.v[0].text, '<'));
	assert_null(strchr(w.v[0].text, '\x1b'));
	p = strstr(w.v[0].text, "Get medical help right away.");
	q = strstr(w.v[0].text, "Please see your doctor.");
	assert_non_null(p);
	assert_non_null(q);
	assert_true(p < q);
	/* The advice names its articles, in its order, at the end. */
	has(&w, 0, "Please see your doctor. This advice comes from the leg "
	    "pain article (000_bd524d16304c268a.txt) and the sciatica article "
	    "(002_ae89acf58824fd98.txt).");
	warn_free(&w);
	weeks_free(&s);
}

/*
 * Every sign answered yes is named, however many: 20 signs and a
 * thousand bytes of keys lr does not know are not cut; advice from one
 * article names it once.
 */
static void
a_long_stop_is_not_cut(void **state)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, 0, M(1));
	char answers[4096];
	const char *p;
	int i, n = 0, o = 0;

	(void)state;
	for (i = 0; i < 20; i++)
		o += snprintf(answers + o, sizeof answers - (size_t)o,
		    "fever=yes,");
	for (i = 0; i < 60; i++)
		o += snprintf(answers + o, sizeof answers - (size_t)o,
		    "unknown-sign-%02d=yes,", i);
	snprintf(answers + o, sizeof answers - (size_t)o, "weight=yes");
	weeks_init(&s, NULL);
	stop_at(&s, M(0) + 1, answers);
	weeks_finish(&s);
	warn_init(&w, SCIATICA);
	warn_stops(&w, &s, &r);
	assert_int_equal(w.n, 1);
	for (p = w.v[0].text; (p = strstr(p, "Do you have a fever?")); p++)
		n++;
	assert_int_equal(n, 20);
	has(&w, 0, "unknown-sign-00, unknown-sign-01, ");
	has(&w, 0, ", unknown-sign-59. Leg pain with a fever");
	has(&w, 0, "Get medical help right away. This advice comes from the "
	    "leg pain article (000_bd524d16304c268a.txt).");
	assert_null(strstr(w.v[0].text, "sciatica article"));
	warn_free(&w);
	weeks_free(&s);
}

/* Sorted, a stop leads whatever was made before it. */
static void
a_stop_leads(void **state)
{
	struct weeks s;
	struct warnings w;
	struct rows R;
	struct range r = range(0, 1, M(2));

	(void)state;
	weeks_init(&s, NULL);
	week(&s, 0, 1, -1);
	week(&s, 1, 0, -1);
	weeks_at(&s, M(1))->stopped = 1;
	stop_at(&s, M(1) + 2, "fever=yes");
	weeks_finish(&s);
	rows_init(&R, &s, &r, 4);
	warn_init(&w, SCIATICA);
	warn_adherence(&w, &R);
	warn_stops(&w, &s, &r);
	warn_sort(&w);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.v[0].rank, RANK_STOP);
	assert_int_equal(w.v[1].rank, RANK_TARGET);
	has(&w, 1, "Fewer sessions than the target of 4 a week: 1 in 2026-W47 "
	    "(from 2026-11-16). Exercise");
	warn_free(&w);
	weeks_free(&s);
}

/*
 * Pain a session raised from 4 to 6, still 5 the next morning: a
 * warning, the knee article's rule for knee pain, the sciatica
 * article's for sciatica; still 4 (where it started) is settled.
 */
static void
pain_not_settled(void **state)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, 0, M(2));
	unsigned cond[2] = { KNEE, SCIATICA };
	const char *rule[2] = { "knee pain article (004_", "sciatica article "
	    "(002_" };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		weeks_init(&s, NULL);
		rise(&s, 0, 2, 4, 6);
		first(&s, 0, 3, 5);
		warn_init(&w, cond[i]);
		warn_unsettled(&w, &s, &r);
		assert_int_equal(w.n, 1);
		has(&w, 0, "Pain rose from 4 to 6 in the session of 2026-11-18 "
		    "and was still 5 at the first rating on 2026-11-19.");
		has(&w, 0, rule[i]);
		assert_null(strstr(w.v[0].text, rule[1 - i]));
		warn_free(&w);
		first(&s, 0, 3, 4);
		warn_init(&w, cond[i]);
		warn_unsettled(&w, &s, &r);
		assert_int_equal(w.n, 0);
		warn_free(&w);
		weeks_free(&s);
	}
}

/* A Sunday's session, and Monday's first rating in the next week. */
static void
pain_not_settled_over_sunday(void **state)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, 1, M(3));

	(void)state;
	weeks_init(&s, NULL);
	rise(&s, 0, 6, 2, 5);
	first(&s, 1, 0, 3);
	warn_init(&w, KNEE);
	warn_unsettled(&w, &s, &r);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.v[0].monday, M(0));
	has(&w, 0, "from 2 to 5 in the session of 2026-11-22 and was still 3 "
	    "at the first rating on 2026-11-23.");
	warn_free(&w);
	weeks_free(&s);
}

/* Days a session raised pain that had not settled, up to day `days`. */
static void
unsettled_run(struct weeks *s, int days)
{
	int d;

	for (d = 0; d < days; d++) {
		rise(s, d / 7, d % 7, 4, 6);
		first(s, (d + 1) / 7, (d + 1) % 7, 5);
	}
}

/* Nine such days: a count and the last eight; eight: each alone. */
static void
pain_not_settled_many_times(void **state)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, 2, M(4));

	(void)state;
	weeks_init(&s, NULL);
	unsettled_run(&s, 9);
	warn_init(&w, KNEE);
	warn_unsettled(&w, &s, &r);
	assert_int_equal(w.n, 1 + LIST_MAX);
	has(&w, 0, "had not settled by the next day 9 times in these weeks; "
	    "the last 8:");
	has(&w, 1, "session of 2026-11-17 ");
	has(&w, 8, "session of 2026-11-24 ");
	warn_free(&w);
	weeks_free(&s);
	weeks_init(&s, NULL);
	unsettled_run(&s, 8);
	warn_init(&w, KNEE);
	warn_unsettled(&w, &s, &r);
	assert_int_equal(w.n, LIST_MAX);
	has(&w, 0, "session of 2026-11-16 ");
	warn_free(&w);
	weeks_free(&s);
}

/*
 * The weekly average higher three weeks running, weeks without a
 * rating left out; not when it only holds.
 */
static void
pain_rising(void **state)
{
	struct weeks s;
	struct warnings w;
	struct rows R;
	struct range r = range(0, 3, M(5));

	(void)state;
	weeks_init(&s, NULL);
	week(&s, 0, 4, 2);
	week(&s, 2, 4, 3);
	week(&s, 3, 4, 5);
	rows_init(&R, &s, &r, 4);
	warn_init(&w, SCIATICA);
	warn_rising(&w, &R);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.v[0].monday, M(3));
	has(&w, 0, "Pain is rising: its weekly average went from 2.0 in "
	    "2026-W47 (from 2026-11-16) to 3.0 in 2026-W49 (from 2026-11-30) "
	    "and 5.0 in 2026-W50 (from 2026-12-07).");
	warn_free(&w);
	weeks_free(&s);
	weeks_init(&s, NULL);
	week(&s, 0, 4, 2);
	week(&s, 2, 4, 3);
	week(&s, 3, 4, 3);
	rows_init(&R, &s, &r, 4);
	warn_init(&w, SCIATICA);
	warn_rising(&w, &R);
	assert_int_equal(w.n, 0);
	warn_free(&w);
	weeks_free(&s);
}

/* Weeks 0 to n-1, each with `sessions` sessions; the last rated pain. */
static void
regular_weeks(struct weeks *s, int n, size_t sessions, int pain)
{
	int k;

	weeks_init(s, NULL);
	for (k = 0; k < n; k++)
		week(s, k, sessions, k == n - 1 ? pain : -1);
}

static size_t
no_better(int n, size_t sessions, int pain, unsigned cond, long today)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, n - 1, today);
	size_t found;

	regular_weeks(&s, n, sessions, pain);
	warn_init(&w, cond);
	warn_no_better(&w, &s, 4, &r);
	found = w.n;
	if (found > 0)
		has(&w, 0, "The sciatica article (002_ae89acf58824fd98.txt): "
		    "when pain has not gone after more than six weeks");
	warn_free(&w);
	weeks_free(&s);
	return found;
}

/*
 * Seven full weeks of at least two sessions (half the target of 4) and
 * pain still there: see a doctor.  Not after six weeks, nor with one
 * session a week, nor with no pain, nor for knee pain alone, nor when
 * the seventh week is not over.
 */
static void
six_week_rule(void **state)
{
	struct weeks s;
	struct warnings w;
	struct range r = range(0, 6, M(7));

	(void)state;
	regular_weeks(&s, 7, 2, 3);
	warn_init(&w, SCIATICA);
	warn_no_better(&w, &s, 4, &r);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.v[0].monday, M(6));
	has(&w, 0, "7 weeks of regular exercise, 2026-W47 (from 2026-11-16) "
	    "to 2026-W53 (from 2026-12-28), and the pain has not gone (up to "
	    "3 in the week of 2026-12-28).");
	warn_free(&w);
	weeks_free(&s);
	assert_int_equal(no_better(7, 2, 1, COND("low-back-pain"), M(7)), 1);
	assert_int_equal(no_better(6, 2, 3, SCIATICA, M(6)), 0);
	assert_int_equal(no_better(7, 1, 3, SCIATICA, M(7)), 0);
	assert_int_equal(no_better(7, 2, 0, SCIATICA, M(7)), 0);
	assert_int_equal(no_better(7, 2, 3, KNEE, M(7)), 0);
	assert_int_equal(no_better(7, 2, 3, SCIATICA, M(6) + 6), 0);
}

/*
 * Full weeks under the target, from the first week of the log: not a
 * week with a stop, not this week, not a week at the target.
 */
static void
under_the_target(void **state)
{
	struct weeks s;
	struct warnings w;
	struct rows R;
	struct range r = range(-2, 4, M(4) + 3);

	(void)state;
	weeks_init(&s, NULL);
	week(&s, 0, 3, -1);
	week(&s, 1, 4, -1);
	week(&s, 2, 0, -1);
	weeks_at(&s, M(2))->stopped = 1;
	week(&s, 3, 3, -1);
	week(&s, 4, 0, -1);
	rows_init(&R, &s, &r, 4);
	warn_init(&w, SCIATICA);
	warn_adherence(&w, &R);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.v[0].monday, M(3));
	has(&w, 0, "Fewer sessions than the target of 4 a week: 3 in 2026-W47 "
	    "(from 2026-11-16); 3 in 2026-W50 (from 2026-12-07). Exercise "
	    "helps when it is regular");
	warn_free(&w);
	week(&s, 0, 4, -1);
	week(&s, 3, 4, -1);
	warn_init(&w, SCIATICA);
	warn_adherence(&w, &R);
	assert_int_equal(w.n, 0);
	warn_free(&w);
	weeks_free(&s);
}

/* Nine weeks under the target: how many, and the last eight. */
static void
under_the_target_many_weeks(void **state)
{
	struct weeks s;
	struct warnings w;
	struct rows R;
	struct range r = range(0, 8, M(9));
	int k;

	(void)state;
	weeks_init(&s, NULL);
	for (k = 0; k < 9; k++)
		week(&s, k, 1, -1);
	rows_init(&R, &s, &r, 2);
	warn_init(&w, SCIATICA);
	warn_adherence(&w, &R);
	assert_int_equal(w.n, 1);
	has(&w, 0, "target of 2 a week in 9 weeks; the last 8: 1 in 2026-W48");
	assert_null(strstr(w.v[0].text, "2026-W47"));
	warn_free(&w);
	weeks_free(&s);
}

/* All the rules on an empty log: nothing to say. */
static void
nothing_logged(void **state)
{
	struct weeks s;
	struct warnings w;
	struct rows R;
	struct range r = range(0, 8, M(9));

	(void)state;
	weeks_init(&s, NULL);
	weeks_finish(&s);
	rows_init(&R, &s, &r, 4);
	warn_init(&w, SCIATICA | KNEE);
	warn_all(&w, &s, &R, &r);
	assert_int_equal(w.n, 0);
	warn_free(&w);
	weeks_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stops_in_the_range),
		cmocka_unit_test(a_long_stop_is_not_cut),
		cmocka_unit_test(a_stop_leads),
		cmocka_unit_test(pain_not_settled),
		cmocka_unit_test(pain_not_settled_over_sunday),
		cmocka_unit_test(pain_not_settled_many_times),
		cmocka_unit_test(pain_rising),
		cmocka_unit_test(six_week_rule),
		cmocka_unit_test(under_the_target),
		cmocka_unit_test(under_the_target_many_weeks),
		cmocka_unit_test(nothing_logged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * lr-plan - a session plan: one of the articles' routines as written,
 * or a plan made to measure for conditions, a time budget, the
 * positions a person can take and the equipment they have.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lr.h"

static const char usage_text[] =
"usage: lr-plan -R NAME [--explain] [--total]\n"
"       lr-plan [-c LIST] [-m MINUTES] [-p LIST] [-e LIST] [-l N]\n"
"               [--seed N] [--explain] [--total] [CATALOG]\n"
"\n"
"Write a session plan as TSV: the exercises in the order to do them,\n"
"with sets, reps, holds, sides and rests, for lr-timer.\n"
"\n"
"  -R, --routine NAME     a routine of the articles, as written\n"
"                         (lr-list --routines lists them)\n"
"  -c, --condition LIST   plan for these conditions (repeatable):\n"
"                         leg-pain, sciatica, knee-pain, low-back-pain\n"
"  -m, --minutes N        time budget in minutes, 1-240 (default 20)\n"
"  -p, --position LIST    positions you can take, e.g. standing,sitting\n"
"  -e, --equipment LIST   what you have; none for body weight only\n"
"  -l, --level N          at most this level (1-3)\n"
"      --seed N           choose with this seed; without it the plan\n"
"                         is the same all day and changes each day\n"
"      --explain          tell on stderr why each exercise was chosen,\n"
"                         how long it takes, and when to stop\n"
"      --total            print only the estimated seconds\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Made-to-measure plans read catalog rows from CATALOG, else from\n"
"standard input when it is a pipe or a file, else the installed\n"
"catalog.  The plan starts with a warm-up, then stretches, then\n"
"strengthening, and never holds an exercise to avoid for a chosen\n"
"condition.\n";

struct options {
	struct filter f;
	const char *routine, *catalog;
	long minutes;
	unsigned long long seed;
	int seeded, explain, total, measured;
};

enum { PH_WARMUP, PH_STRETCH, PH_STRENGTH };

/* One exercise the plan may use: its catalog row, owned, and its dose. */
struct item {
	char **row;
	struct exercise e;
	struct dose d, base;
	int phase, rank, chosen, raised;
	long order;
	char why[400];
};

struct pool {
	struct item *v;
	size_t n, cap;
	struct catalog c;
	long tally[F_LEVEL + 1];	/* main exercises each filter left out */
	long rows;			/* main exercises: not warm-ups */
};

static unsigned long long
parse_seed(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		lr_usage_error("--seed: expected a whole number, got \"%s\"",
		    s);
	return v;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "routine", required_argument, NULL, 'R' },
		{ "condition", required_argument, NULL, 'c' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "position", required_argument, NULL, 'p' },
		{ "equipment", required_argument, NULL, 'e' },
		{ "level", required_argument, NULL, 'l' },
		{ "seed", required_argument, NULL, 'S' },
		{ "explain", no_argument, NULL, 'x' },
		{ "total", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "R:c:m:p:e:l:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'R':
			o->routine = optarg;
			break;
		case 'c':
			filter_add(&o->f.conditions, optarg, lr_conditions,
			    "condition");
			o->measured = 1;
			break;
		case 'm':
			o->minutes = lr_opt_long("--minutes", optarg, 1, 240);
			o->measured = 1;
			break;
		case 'p':
			filter_add(&o->f.positions, optarg, lr_positions,
			    "position");
			o->measured = 1;
			break;
		case 'e':
			filter_add_equipment(&o->f.equipment, optarg);
			o->measured = 1;
			break;
		case 'l':
			o->f.level = lr_opt_long("--level", optarg, 1, 3);
			o->measured = 1;
			break;
		case 'S':
			o->seed = parse_seed(optarg);
			o->seeded = 1;
			o->measured = 1;
			break;
		case 'x':
			o->explain = 1;
			break;
		case 't':
			o->total = 1;
			break;
		case 'h': lr_print_usage(usage_text);
		case 'V':
			lr_print_version();
			break;
		default:
			lr_usage_error("unknown option");
		}
	}
	if (argc - optind > 1)
		lr_usage_error("give at most one catalog file");
	if (optind < argc)
		o->catalog = argv[optind];
	if (o->routine && (o->measured || o->catalog))
		lr_usage_error("--routine plans a routine as written: it "
		    "takes no -c, -m, -p, -e, -l, --seed or catalog");
	if (o->minutes == 0)
		o->minutes = 20;
}

/*
 * Without --seed the day is the seed: the plan stays the same all day
 * and changes the next.
 */
static unsigned long long
today_seed(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return (unsigned long long)(tm.tm_year + 1900) * 10000 +
	    (unsigned long long)(tm.tm_mon + 1) * 100 +
	    (unsigned long long)tm.tm_mday;
}

static long
seconds(const struct dose *d)
{
	return plan_seconds(d, LR_READY_S, LR_SWITCH_S);
}

static int
phase_of(const char *kind)
{
	if (strcmp(kind, "warmup") == 0)
		return PH_WARMUP;
	if (strcmp(kind, "strength") == 0)
		return PH_STRENGTH;
	return PH_STRETCH;
}

/*
 * Order positions from standing to lying, so a plan gets down to the
 * floor once instead of up and down; the best position the person can
 * take decides.
 */
static int
position_rank(const char *positions, const char *allowed)
{
	static const char *const order[] = {
		"standing", "sitting", "floor-sitting", "kneeling",
		"all-fours", "side-lying", "supine", "prone", NULL
	};
	int i;

	for (i = 0; order[i] != NULL; i++)
		if (lr_list_has(positions, order[i]) &&
		    (allowed == NULL || lr_list_has(allowed, order[i])))
			return i;
	return i;
}

static void
dose_from_exercise(struct dose *d, const struct exercise *e)
{
	d->sides = e->sides;
	d->sets = e->sets;
	d->reps = e->reps;
	d->rep_s = e->rep_s;
	d->hold_s = e->hold_s;
	d->breaths = e->breaths;
	d->rest_s = e->rest_s;
}

static struct item *
pool_add(struct pool *p, const struct exercise *e)
{
	struct item *it;
	size_t i, n = p->c.t.nfield;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->v = lr_xrealloc(p->v, p->cap * sizeof *p->v);
	}
	it = &p->v[p->n++];
	memset(it, 0, sizeof *it);
	it->row = lr_xmalloc(n * sizeof *it->row);
	for (i = 0; i < n; i++)
		it->row[i] = lr_xstrdup(p->c.t.field[i]);
	it->e = *e;
	catalog_bind(&p->c, it->row, &it->e);
	dose_from_exercise(&it->d, e);
	it->base = it->d;
	it->phase = phase_of(e->kind);
	return it;
}

static void
pool_free(struct pool *p)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		for (j = 0; j < p->c.t.ncol; j++)
			free(p->v[i].row[j]);
		free(p->v[i].row);
	}
	free(p->v);
	catalog_close(&p->c);
}

/* Open the catalog the options name, or report why not. */
static int
open_catalog(struct pool *p, const char *path, int installed, FILE **fpp)
{
	const char *name;
	FILE *fp = installed ? catalog_installed(&name) :
	    catalog_input(path, &name);

	*fpp = fp;
	if (fp == NULL)
		return -1;
	if (catalog_open(&p->c, fp, name) != 0) {
		if (fp != stdin)
			fclose(fp);
		*fpp = NULL;
		return -1;
	}
	return 0;
}

/*
 * Read the catalog, keeping the exercises that pass the filters and
 * counting what each filter left out.  A bad row is reported; the
 * plan is then not made, since it might have been the row to choose.
 */
struct pooling {
	struct pool *p;
	const struct filter *f;
};

static void
pool_exercise(const struct exercise *e, void *arg)
{
	struct pooling *x = arg;
	int why = filter_check(x->f, e);

	if (phase_of(e->kind) != PH_WARMUP) {
		x->p->rows++;
		x->p->tally[why]++;
	}
	if (why == F_PASS)
		pool_add(x->p, e)->rank = position_rank(e->position,
		    x->f->positions);
}

static int
read_pool(struct pool *p, const struct filter *f)
{
	struct pooling x = { p, f };

	return catalog_each(&p->c, pool_exercise, &x);
}

/* Say which filter left nothing to plan, and what each one kept. */
static void
explain_empty(const struct pool *p)
{
	static const int order[] = {
		F_CONDITION, F_AVOID, F_POSITION, F_EQUIPMENT, F_LEVEL
	};
	long left = p->rows;
	size_t i;
	int culprit = -1;

	if (p->rows == 0) {
		lr_warn("%s: nothing to plan: the catalog has no exercises "
		    "but warm-ups", p->c.t.name);
		return;
	}
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		left -= p->tally[order[i]];
		if (left == 0 && p->tally[order[i]] > 0) {
			culprit = order[i];
			break;
		}
	}
	fprintf(stderr, "%s: nothing to plan: %s leaves no stretch or "
	    "strengthening exercise", lr_progname(),
	    culprit >= 0 ? filter_name(culprit) : "the filters");
	left = p->rows;
	fprintf(stderr, " (of %ld in the catalog", left);
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (p->tally[order[i]] == 0)
			continue;
		left -= p->tally[order[i]];
		fprintf(stderr, ", %s leaves %ld", filter_name(order[i]),
		    left);
	}
	fprintf(stderr, ")\n");
}

/*
 * No warm-up was chosen.  When one exists but the time is too short
 * for it, that is the error; when the person can do none, the plan
 * goes on without, and says so, since the articles ask for one.
 */
static int
no_warmup(const struct pool *p, long budget)
{
	char a[32], b[32];
	long shortest = 0;
	size_t i;

	for (i = 0; i < p->n; i++) {
		long s = seconds(&p->v[i].d);

		if (p->v[i].phase == PH_WARMUP &&
		    (shortest == 0 || s < shortest))
			shortest = s;
	}
	if (shortest > 0) {
		lr_warn("--minutes %ld is too short: the shortest warm-up "
		    "these filters allow takes %s", budget / 60,
		    lr_fmt_secs(a, sizeof a, shortest));
		return LR_EDATA;
	}
	lr_warn("no warm-up suits these positions and equipment: move "
	    "about gently for %s before you start", lr_fmt_secs(b,
	    sizeof b, 120));
	return LR_OK;
}

static long
plan_total(const struct pool *p)
{
	long total = 0;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].chosen)
			total += seconds(&p->v[i].d);
	return total;
}

static void cover(char *covered, size_t n, const char *regions);

/*
 * The regions a plan should work: those the chosen conditions need;
 * without a condition, every region the candidates work.
 */
static void
needed_regions(char *dst, size_t n, const char *conditions,
    const struct pool *p)
{
	size_t i;

	dst[0] = '\0';
	if (conditions == NULL) {
		for (i = 0; i < p->n; i++)
			if (p->v[i].phase != PH_WARMUP)
				cover(dst, n, p->v[i].e.regions);
		return;
	}
	for (i = 0; lr_conditions[i] != NULL; i++)
		if (lr_list_has(conditions, lr_conditions[i]))
			cover(dst, n, lr_condition_regions(lr_conditions[i]));
}

/* Regions of list that are needed and not yet covered, as a list. */
static int
new_regions(const char *list, const char *need, const char *covered,
    char *out, size_t n)
{
	char buf[512], *w, *save = NULL;
	int count = 0;

	if (out)
		out[0] = '\0';
	snprintf(buf, sizeof buf, "%s", list);
	for (w = strtok_r(buf, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		if (!lr_list_has(need, w) || lr_list_has(covered, w))
			continue;
		if (out) {
			if (out[0] != '\0')
				strncat(out, ", ", n - strlen(out) - 1);
			strncat(out, w, n - strlen(out) - 1);
		}
		count++;
	}
	return count;
}

static void
cover(char *covered, size_t n, const char *regions)
{
	char buf[512], *w, *save = NULL;

	snprintf(buf, sizeof buf, "%s", regions);
	for (w = strtok_r(buf, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		if (lr_list_has(covered, w))
			continue;
		if (covered[0] != '\0')
			strncat(covered, ",", n - strlen(covered) - 1);
		strncat(covered, w, n - strlen(covered) - 1);
	}
}

/*
 * The warm-up comes first (the stretch-and-strengthen article).  One
 * that leaves room for the rest is preferred; with no warm-up the
 * person can do, a gentle mobility exercise takes its place.
 */
static struct item *
choose_warmup(struct pool *p, long budget, unsigned long long *rng)
{
	struct item *best = NULL, *pick = NULL;
	long roomy = 0;
	size_t i;
	int fallback = 1;

	for (i = 0; i < p->n; i++)
		if (p->v[i].phase == PH_WARMUP)
			fallback = 0;
	for (i = 0; i < p->n; i++) {
		struct item *it = &p->v[i];
		int ok = fallback ? strcmp(it->e.kind, "mobility") == 0 &&
		    it->e.level == 1 : it->phase == PH_WARMUP;
		long s = seconds(&it->d);

		if (!ok || s > budget)
			continue;
		if (best == NULL || s < seconds(&best->d))
			best = it;
		if (s * 3 <= budget && lr_rand_below(rng, ++roomy) == 0)
			pick = it;
	}
	if (pick == NULL)
		pick = best;
	if (pick == NULL)
		return NULL;
	pick->chosen = 1;
	pick->phase = PH_WARMUP;
	pick->rank = -1;
	snprintf(pick->why, sizeof pick->why, fallback ?
	    "warm-up first; no walk or jog suits your positions, so a "
	    "gentle mobility exercise" : "warm-up first, to get the blood "
	    "flowing before stretching");
	return pick;
}

/*
 * Choose exercises until nothing more fits: first those that work a
 * needed region not yet covered, the most new regions first; only
 * when no such exercise fits, ones that repeat a region.  Between
 * equals, the phase with less time so far wins, then chance.
 */
static void
choose_exercises(struct pool *p, long budget, const char *need,
    char *covered, size_t ncov, unsigned long long *rng)
{
	long phase_time[3] = { 0, 0, 0 };

	for (;;) {
		long total = plan_total(p), best_score = -1;
		struct item *best = NULL;
		size_t i;

		for (i = 0; i < p->n; i++) {
			struct item *it = &p->v[i];
			long score;

			if (it->chosen || it->phase == PH_WARMUP ||
			    total + seconds(&it->d) > budget)
				continue;
			score = 1000L * new_regions(it->e.regions, need,
			    covered, NULL, 0);
			if (phase_time[it->phase] <=
			    phase_time[it->phase == PH_STRETCH ? PH_STRENGTH :
			    PH_STRETCH])
				score += 100;
			score += lr_rand_below(rng, 100);
			if (score > best_score) {
				best_score = score;
				best = it;
			}
		}
		if (best == NULL)
			return;
		if (best_score >= 1000) {
			char fresh[256];

			new_regions(best->e.regions, need, covered, fresh,
			    sizeof fresh);
			snprintf(best->why, sizeof best->why, "works %s, "
			    "not yet covered", fresh);
		} else {
			char r[256];

			snprintf(best->why, sizeof best->why, "more time on "
			    "%s; the needed regions it works are already "
			    "covered", lr_list_say(r, sizeof r, best->e.regions));
		}
		best->chosen = 1;
		phase_time[best->phase] += seconds(&best->d);
		cover(covered, ncov, best->e.regions);
	}
}

/*
 * One step up a dose, within the range the articles give: a set, a
 * rep, a breath, or five seconds of hold.  Returns 0 when the dose is
 * already at the top of that kind of step.
 */
static int
raise_dose(struct item *it, int kind)
{
	struct dose *d = &it->d;
	const struct exercise *e = &it->e;

	switch (kind) {
	case 0:
		if (d->sets >= e->sets_max)
			return 0;
		d->sets++;
		if (d->rest_s == 0)
			d->rest_s = it->phase == PH_STRENGTH ? 30 : 10;
		return 1;
	case 1:
		if (d->reps == 0 || d->reps >= e->reps_max)
			return 0;
		d->reps++;
		return 1;
	case 2:
		if (d->breaths == 0 || d->breaths >= e->breaths_max)
			return 0;
		d->breaths++;
		d->hold_s = it->base.hold_s * d->breaths / it->base.breaths;
		return 1;
	default:
		if (d->reps > 0 || d->breaths > 0 || d->hold_s >= e->hold_s_max)
			return 0;
		d->hold_s += e->hold_s_max - d->hold_s < 5 ?
		    e->hold_s_max - d->hold_s : 5;
		return 1;
	}
}

/*
 * Fill the time left by raising doses a step at a time, at random
 * among the steps that still fit, so the plan ends close to the budget
 * when the catalog allows.
 */
static void
fill_time(struct pool *p, long budget, unsigned long long *rng)
{
	for (;;) {
		long total = plan_total(p), fits = 0;
		struct item *pick = NULL;
		struct dose keep;
		int pick_kind = 0, k;
		size_t i;

		for (i = 0; i < p->n; i++) {
			struct item *it = &p->v[i];

			if (!it->chosen || it->phase == PH_WARMUP)
				continue;
			for (k = 0; k < 4; k++) {
				long before = seconds(&it->d);

				keep = it->d;
				if (!raise_dose(it, k))
					continue;
				if (total - before + seconds(&it->d) <= budget &&
				    lr_rand_below(rng, ++fits) == 0) {
					pick = it;
					pick_kind = k;
				}
				it->d = keep;
			}
		}
		if (pick == NULL)
			return;
		raise_dose(pick, pick_kind);
		pick->raised = 1;
	}
}

static int
has_main(const struct pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].chosen && p->v[i].phase != PH_WARMUP)
			return 1;
	return 0;
}

static int
has_unchosen(const struct pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!p->v[i].chosen && p->v[i].phase != PH_WARMUP)
			return 1;
	return 0;
}

static int
by_plan_order(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->chosen != y->chosen)
		return y->chosen - x->chosen;
	if (x->phase != y->phase)
		return x->phase - y->phase;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return (x->order > y->order) - (x->order < y->order);
}

static void
put_header(const struct catalog *c)
{
	size_t i;

	for (i = 0; plan_cols[i] != NULL; i++) {
		if (i > 0)
			putchar('\t');
		tsv_put_field(stdout, plan_cols[i]);
	}
	for (i = 0; i < c->t.ncol; i++)
		if (!catalog_known(c, i)) {
			putchar('\t');
			tsv_put_field(stdout, c->t.col[i]);
		}
	putchar('\n');
}

static void
put_number(long v)
{
	printf("\t%ld", v);
}

/* A plan row; catalog columns lr does not know are carried along. */
static void
put_row(const struct catalog *c, long step, const struct item *it)
{
	const struct dose *d = &it->d;
	size_t i;

	printf("%ld\t", step);
	tsv_put_field(stdout, it->e.id);
	putchar('\t');
	tsv_put_field(stdout, it->e.name);
	putchar('\t');
	tsv_put_field(stdout, it->e.kind);
	putchar('\t');
	tsv_put_field(stdout, it->e.position);
	putchar('\t');
	tsv_put_field(stdout, it->e.equipment);
	put_number(d->sides);
	put_number(d->sets);
	put_number(d->reps);
	put_number(d->rep_s);
	put_number(d->hold_s);
	put_number(d->breaths);
	put_number(d->rest_s);
	putchar('\t');
	tsv_put_field(stdout, it->e.cue);
	for (i = 0; i < c->t.ncol; i++)
		if (!catalog_known(c, i)) {
			putchar('\t');
			tsv_put_field(stdout, it->row[i]);
		}
	putchar('\n');
}

static void
explain_rows(const struct pool *p)
{
	char t[32], dose[96];
	size_t i;
	long step = 0;

	for (i = 0; i < p->n && p->v[i].chosen; i++) {
		const struct item *it = &p->v[i];

		lr_dose_text(dose, sizeof dose, &it->d);
		fprintf(stderr, "%3ld. %s (%s): %s, about %s.\n", ++step,
		    it->e.name, it->e.kind, dose,
		    lr_fmt_secs(t, sizeof t, seconds(&it->d)));
		if (it->why[0] != '\0') {
			char why[500];

			snprintf(why, sizeof why, "%s%s", it->why, it->raised ?
			    "; dose raised within the articles' range to fill "
			    "the time" : "");
			fprintf(stderr, "     ");
			lr_wrap(stderr, why, 5, 5, 76);
		}
	}
}

static void
explain_total(long total, long budget)
{
	char a[32], b[32];

	fprintf(stderr, "\nEstimated time: %s", lr_fmt_secs(a, sizeof a,
	    total));
	if (budget > 0)
		fprintf(stderr, " of the %s asked for",
		    lr_fmt_secs(b, sizeof b, budget));
	fprintf(stderr, ".\n");
	lr_wrap(stderr, "(Holds, reps at the pace given, both sides, sets, "
	    "rests, 10 s to get ready before each exercise and 5 s to "
	    "switch sides.)", 0, 0, 76);
}

static void
explain_safety(const char *conditions, const char *article)
{
	fprintf(stderr, "\nSafety:\n");
	lr_print_safety(stderr, conditions, article, 76);
}

static void
explain_measured(const struct pool *p, const struct options *o,
    const char *need, const char *covered, long budget)
{
	char missing[512];
	long total = plan_total(p);

	fprintf(stderr, "A plan for %s, in at most %ld min (seed %llu):\n\n",
	    o->f.conditions ? o->f.conditions : "any condition", o->minutes,
	    o->seed);
	explain_rows(p);
	explain_total(total, budget);
	if (new_regions(need, need, covered, missing, sizeof missing) > 0) {
		fprintf(stderr, "Not covered: ");
		lr_wrap(stderr, missing, 13, 13, 76);
		fprintf(stderr, "(no exercise that works it passes your "
		    "filters and fits the time)\n");
	}
	if (total * 10 < budget * 8)
		lr_wrap(stderr, "The exercises that pass your filters do not "
		    "fill the time, even at the top of their doses.", 0, 0,
		    76);
	explain_safety(o->f.conditions, NULL);
}

static int
write_plan(const struct pool *p, const struct options *o)
{
	size_t i;
	long step = 0;

	if (o->total) {
		printf("%ld\n", plan_total(p));
		return 0;
	}
	put_header(&p->c);
	for (i = 0; i < p->n && p->v[i].chosen; i++)
		put_row(&p->c, ++step, &p->v[i]);
	return 0;
}

static int
plan_to_measure(struct options *o)
{
	struct pool p;
	FILE *fp;
	char need[512], covered[512] = "";
	long budget = o->minutes * 60;
	unsigned long long rng;
	int status = LR_OK;
	size_t i;

	memset(&p, 0, sizeof p);
	if (!o->seeded)
		o->seed = today_seed();
	rng = o->seed;
	if (open_catalog(&p, o->catalog, 0, &fp) != 0)
		return LR_EDATA;
	if (read_pool(&p, &o->f) != 0)
		status = LR_EDATA;
	else if (p.tally[F_PASS] == 0) {
		explain_empty(&p);
		status = LR_EDATA;
	} else if (choose_warmup(&p, budget, &rng) == NULL)
		status = no_warmup(&p, budget);
	if (status == LR_OK) {
		needed_regions(need, sizeof need, o->f.conditions, &p);
		for (i = 0; i < p.n; i++)
			p.v[i].order = (long)lr_rand_below(&rng, LONG_MAX);
		choose_exercises(&p, budget, need, covered, sizeof covered,
		    &rng);
		if (!has_main(&p)) {
			if (has_unchosen(&p))
				lr_warn("--minutes %ld leaves no time for an "
				    "exercise after the warm-up", o->minutes);
			else
				lr_warn("nothing to plan after the warm-up: "
				    "the filters leave no other exercise");
			status = LR_EDATA;
		}
	}
	if (status == LR_OK) {
		fill_time(&p, budget, &rng);
		qsort(p.v, p.n, sizeof *p.v, by_plan_order);
		write_plan(&p, o);
		if (o->explain)
			explain_measured(&p, o, need, covered, budget);
	}
	pool_free(&p);
	if (fp != NULL && fp != stdin)
		fclose(fp);
	return status;
}

/* The steps of one routine, read from routines.tsv. */
struct steps {
	struct routine_step *v;
	size_t n, cap;
	char *title, *source;
};

static void
steps_free(struct steps *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free((char *)s->v[i].id);
	free(s->v);
	free(s->title);
	free(s->source);
}

static void
unknown_routine(const char *name, const char *file, const char *names)
{
	char say[1100];

	lr_warn("%s: no routine \"%s\"; the routines are: %s", file, name,
	    names[0] ? lr_list_say(say, sizeof say, names) : "(none)");
}

static int
read_routine(const char *name, struct steps *s)
{
	struct routines r;
	struct routine_step st;
	const char *file;
	FILE *fp = routines_input(&file);
	char names[1024] = "";
	int rv, status = 0;

	if (fp == NULL || routines_open(&r, fp, file) != 0) {
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	while ((rv = routines_next(&r, &st)) != TSV_EOF) {
		if (rv != TSV_ROW) {
			status = -1;
			if (rv == TSV_FAIL)
				break;
			continue;
		}
		if (!lr_list_has(names, st.routine)) {
			if (names[0] != '\0')
				strncat(names, ",", sizeof names -
				    strlen(names) - 1);
			strncat(names, st.routine, sizeof names -
			    strlen(names) - 1);
		}
		if (strcmp(st.routine, name) != 0)
			continue;
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 16;
			s->v = lr_xrealloc(s->v, s->cap * sizeof *s->v);
		}
		st.id = lr_xstrdup(st.id);
		s->v[s->n++] = st;
		if (s->title == NULL) {
			s->title = lr_xstrdup(st.title);
			s->source = lr_xstrdup(st.source);
		}
	}
	if (status == 0 && s->n == 0) {
		unknown_routine(name, file, names);
		status = -1;
	}
	routines_close(&r);
	fclose(fp);
	return status;
}

static int
by_step(const void *a, const void *b)
{
	const struct routine_step *x = a, *y = b;

	return (x->step > y->step) - (x->step < y->step);
}

/* Attach the catalog row of every step; an id not in it is an error. */
struct attaching {
	struct pool *p;
	const struct steps *s;
};

static void
attach_exercise(const struct exercise *e, void *arg)
{
	struct attaching *x = arg;
	size_t i;

	for (i = 0; i < x->s->n; i++)
		if (strcmp(x->s->v[i].id, e->id) == 0)
			pool_add(x->p, e)->order = (long)i;
}

static int
attach_rows(struct pool *p, struct steps *s)
{
	struct attaching x = { p, s };

	return catalog_each(&p->c, attach_exercise, &x);
}

static int
build_routine(struct pool *p, const struct steps *s)
{
	size_t i, j;
	int status = 0;

	for (i = 0; i < s->n; i++) {
		const struct routine_step *st = &s->v[i];
		struct item *it = NULL;

		for (j = 0; j < p->n; j++)
			if (p->v[j].order == (long)i)
				it = &p->v[j];
		if (it == NULL) {
			lr_warn("%s: routine step %ld: no exercise \"%s\" in "
			    "the catalog", p->c.t.name, st->step, st->id);
			status = -1;
			continue;
		}
		it->chosen = 1;
		it->order = (long)i;
		it->d.sets = st->sets;
		it->d.reps = st->reps;
		it->d.hold_s = st->hold_s;
		it->d.breaths = st->breaths;
		it->d.rest_s = st->rest_s;
	}
	return status;
}

static int
by_routine_order(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->chosen != y->chosen)
		return y->chosen - x->chosen;
	return (x->order > y->order) - (x->order < y->order);
}

static int
plan_routine(struct options *o)
{
	struct steps s = { 0 };
	struct pool p;
	FILE *fp = NULL;
	int status = LR_EDATA;

	memset(&p, 0, sizeof p);
	if (read_routine(o->routine, &s) != 0) {
		steps_free(&s);
		return LR_EDATA;
	}
	qsort(s.v, s.n, sizeof *s.v, by_step);
	if (open_catalog(&p, NULL, 1, &fp) == 0) {
		if (attach_rows(&p, &s) == 0 && build_routine(&p, &s) == 0) {
			qsort(p.v, p.n, sizeof *p.v, by_routine_order);
			write_plan(&p, o);
			status = LR_OK;
			if (o->explain) {
				fprintf(stderr, "Routine %s: %s (from %s):\n\n",
				    o->routine, s.title, s.source);
				explain_rows(&p);
				explain_total(plan_total(&p), 0);
				explain_safety("", s.source);
			}
		}
		pool_free(&p);
	}
	if (fp != NULL && fp != stdin)
		fclose(fp);
	steps_free(&s);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	int status;

	parse_options(argc, argv, &o);
	if (o.routine)
		status = plan_routine(&o);
	else
		status = plan_to_measure(&o);
	filter_free(&o.f);
	lr_close_stdout();
	return status;
}

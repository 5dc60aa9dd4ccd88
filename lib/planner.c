/* planner.c - owns which exercises a plan holds, in what order and dose. */

/*
 * The planner: which exercises a plan made to measure
 * holds, in what order and at what dose, within a time budget and the
 * articles' ranges; and a routine of the articles as written.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner.h"

long
item_seconds(const struct item *it)
{
	return plan_seconds(&it->d, LR_READY_S, LR_SWITCH_S);
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
set_text(char **text, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	free(*text);
	*text = lr_xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(*text, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* The catalog's own figures: for an exercise the doses table lacks. */
static void
catalog_dose(struct item *it, const struct exercise *e)
{
	it->d = (struct dose){ e->sides, e->sets, e->reps, e->rep_s,
	    e->hold_s, e->breaths, e->rest_s };
	it->top = (struct dose){ e->sides, e->sets_max, e->reps_max, e->rep_s,
	    e->hold_s_max, e->breaths_max, e->rest_s };
}

/* An article's dose, on the catalog's sides, pace and rest. */
static void
article_dose(struct item *it, struct article_dose *a)
{
	const struct exercise *e = &it->e;

	it->from = a;
	it->d = a->start;
	it->top = a->top;
	it->d.sides = it->top.sides = e->sides;
	it->d.rep_s = it->top.rep_s = e->rep_s;
	it->d.rest_s = it->top.rest_s = e->rest_s;
}

/* The item takes a, the dose the doses table gives it, or NULL. */
static struct item *
pool_add(struct pool *p, const struct exercise *e, struct article_dose *a)
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
	if (a != NULL)
		article_dose(it, a);
	else
		catalog_dose(it, &it->e);
	it->base = it->d;
	it->phase = phase_of(e->kind);
	return it;
}

int
pool_open(struct pool *p, FILE *fp, const char *name)
{
	memset(p, 0, sizeof *p);
	return catalog_open(&p->c, fp, name);
}

void
pool_free(struct pool *p)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		for (j = 0; j < p->c.t.nfield; j++)
			free(p->v[i].row[j]);
		free(p->v[i].row);
		free(p->v[i].why);
		free(p->v[i].dose_why);
		doses_dose_free(p->v[i].from);
	}
	free(p->v);
	wordset_free(&p->need);
	wordset_free(&p->covered);
	catalog_close(&p->c);
	memset(p, 0, sizeof *p);
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

/*
 * An exercise the doses table knows is planned at the dose of an
 * article written for the plan's conditions, or not at all; one it
 * does not know (a catalog of the person's own) at the catalog's.
 */
static void
pool_exercise(const struct exercise *e, void *arg)
{
	struct pooling *x = arg;
	const struct doses *doses = x->p->doses;
	struct article_dose *a = NULL;
	int why = filter_check(x->f, e);

	if (why == F_PASS && doses_known(doses, e->id) &&
	    (a = doses_for(doses, e, x->f->conditions)) == NULL)
		why = F_CONDITION;
	if (phase_of(e->kind) != PH_WARMUP) {
		x->p->rows++;
		x->p->tally[why]++;
	}
	if (why == F_PASS)
		pool_add(x->p, e, a)->rank = position_rank(e->position,
		    x->f->positions);
	else
		doses_dose_free(a);
}

int
pool_read(struct pool *p, const struct filter *f, const struct doses *doses)
{
	struct pooling x = { p, f };

	p->doses = doses;
	return catalog_each(&p->c, pool_exercise, &x);
}

/*
 * A rest between sets where the catalog gives none (it gives rests only
 * where the articles do): half a minute for strength, ten seconds else.
 */
static void
rest_between_sets(struct dose *d, int phase)
{
	if (d->sets > 1 && d->rest_s == 0)
		d->rest_s = phase == PH_STRENGTH ? 30 : 10;
}

/*
 * Each exercise's dose from its history in the log: on a step, held or
 * back, within its article's range (progress.c).  Warm-ups stay.
 */
void
pool_progress(struct pool *p, const struct history *h)
{
	size_t i;

	p->logged = h != NULL;
	for (i = 0; i < p->n; i++) {
		struct item *it = &p->v[i];
		struct dose start = it->base;

		if (it->phase == PH_WARMUP || h == NULL)
			continue;
		it->progress = progress_dose(history_of(h, it->e.id),
		    it->phase == PH_STRENGTH, &start, &it->top, &it->d,
		    &it->dose_why);
		rest_between_sets(&it->d, it->phase);
	}
}

/*
 * Every chosen row says why its dose is what it is: the log's reason
 * (pool_progress), or else where the dose starts, the sets added to
 * fill the time, and, when a log was read, that it was not done before.
 */
void
pool_reasons(struct pool *p)
{
	char dose[96];
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct item *it = &p->v[i];
		const char *from = "the article's start", *then = p->logged ?
		    "; not done before" : "";

		if (!it->chosen || it->dose_why != NULL)
			continue;
		if (p->routine)
			from = "as the routine gives it";
		else if (it->from == NULL)
			from = "the catalog's start";
		else if (strchr(it->from->article, ',') != NULL)
			from = "the lowest start of its articles";
		if (it->phase == PH_WARMUP)
			then = "; a warm-up stays as it is";
		set_text(&it->dose_why, "%s: %s%s%s", lr_dose_text(dose,
		    sizeof dose, &it->d), from, it->raised ? ", with sets "
		    "added within its range to fill the time" : "", then);
	}
}

long
pool_total(const struct pool *p)
{
	long total = 0;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].chosen)
			total += item_seconds(&p->v[i]);
	return total;
}

/* Say which filter left nothing to plan, and what each one kept. */
static void
explain_empty(const struct pool *p)
{
	static const int order[] = {
		F_CONDITION, F_AVOID, F_POSITION, F_EQUIPMENT, F_LEVEL
	};
	char *text = NULL;
	size_t i, len = 0;
	long left = p->rows;
	int culprit = -1;
	FILE *fp;

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
	if ((fp = open_memstream(&text, &len)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	left = p->rows;
	fprintf(fp, "of the %ld in the catalog that are not warm-ups", left);
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (p->tally[order[i]] == 0)
			continue;
		left -= p->tally[order[i]];
		fprintf(fp, ", %s leaves %ld", filter_name(order[i]), left);
	}
	fclose(fp);
	lr_warn("nothing to plan: %s leaves no stretch or strengthening "
	    "exercise (%s)", culprit >= 0 ? filter_name(culprit) :
	    "the filters", text);
	free(text);
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
		long s = item_seconds(&p->v[i]);

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

/*
 * The regions a plan should work: those the chosen conditions need;
 * without a condition, every region the candidates work.
 */
static void
needed_regions(struct pool *p, const char *conditions)
{
	size_t i;

	if (conditions == NULL) {
		for (i = 0; i < p->n; i++)
			if (p->v[i].phase != PH_WARMUP)
				wordset_add_list(&p->need, p->v[i].e.regions);
		return;
	}
	for (i = 0; lr_conditions[i] != NULL; i++)
		if (lr_list_has(conditions, lr_conditions[i]))
			wordset_add_list(&p->need,
			    lr_condition_regions(lr_conditions[i]));
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
		long s = item_seconds(it);

		if (!ok || s > budget)
			continue;
		if (best == NULL || s < item_seconds(best))
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
	set_text(&pick->why, fallback ? "warm-up first; no walk or jog "
	    "suits your positions, so a gentle mobility exercise" :
	    "warm-up first, to get the blood flowing before stretching");
	return pick;
}

static void
say_why_chosen(struct pool *p, struct item *best, int fresh)
{
	struct wordset words = { NULL, 0, 0 };
	char *list;

	if (fresh) {
		wordset_fresh(best->e.regions, &p->need, &p->covered, &words);
		list = wordset_join(&words, ", ");
		set_text(&best->why, "works %s, not yet covered", list);
	} else {
		wordset_add_list(&words, best->e.regions);
		list = wordset_join(&words, ", ");
		set_text(&best->why, "more time on %s; the needed regions it "
		    "works are already covered", list);
	}
	free(list);
	wordset_free(&words);
}

/*
 * Is an exercise of the same alternative group in the plan?  The groups
 * are every article's, whichever article's dose each one has.
 */
static int
alternative_chosen(const struct pool *p, const struct item *it)
{
	size_t i;

	if (p->doses == NULL)
		return 0;
	for (i = 0; i < p->n; i++)
		if (p->v[i].chosen && doses_alternatives(p->doses, it->e.id,
		    p->v[i].e.id))
			return 1;
	return 0;
}

static int
fits(const struct pool *p, const struct item *it, long total, long budget)
{
	return !it->chosen && it->phase != PH_WARMUP &&
	    total + item_seconds(it) <= budget && !alternative_chosen(p, it);
}

/*
 * Stretches come before strengthening (the stretch-and-strengthen and
 * knee articles), so the first exercise after the warm-up is a stretch
 * whenever one fits.
 */
static int
stretch_first(const struct pool *p, long total, long budget)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].chosen && p->v[i].phase != PH_WARMUP)
			return 0;
	for (i = 0; i < p->n; i++)
		if (p->v[i].phase == PH_STRETCH &&
		    fits(p, &p->v[i], total, budget))
			return 1;
	return 0;
}

/*
 * Choose exercises until nothing more fits: first those that work a
 * needed region not yet covered, the most new regions first; only
 * when no such exercise fits, ones that repeat a region.  Between
 * equals, the phase with less time so far wins, then chance.
 */
static void
choose_exercises(struct pool *p, long budget, unsigned long long *rng)
{
	long phase_time[3] = { 0, 0, 0 };

	for (;;) {
		long total = pool_total(p), best_score = -1;
		struct item *best = NULL;
		size_t i;

		int stretch = stretch_first(p, total, budget);

		for (i = 0; i < p->n; i++) {
			struct item *it = &p->v[i];
			long score;

			if (!fits(p, it, total, budget) ||
			    (stretch && it->phase != PH_STRETCH))
				continue;
			score = 1000L * (long)wordset_fresh(it->e.regions,
			    &p->need, &p->covered, NULL);
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
		say_why_chosen(p, best, best_score >= 1000);
		best->chosen = 1;
		phase_time[best->phase] += item_seconds(best);
		wordset_add_list(&p->covered, best->e.regions);
	}
}

/*
 * One step up a dose, within the article's top: a set, a rep, a
 * breath, or five seconds of hold.  A hold counted in breaths keeps
 * the seconds of each breath where it started.  Returns 0 when the
 * dose is already at the top of that kind of step.
 */
int
dose_raise(struct dose *d, const struct dose *base, const struct dose *top,
    int kind)
{
	switch (kind) {
	case DOSE_SETS:
		if (d->sets >= top->sets)
			return 0;
		d->sets++;
		return 1;
	case DOSE_REPS:
		if (d->reps == 0 || d->reps >= top->reps)
			return 0;
		d->reps++;
		return 1;
	case DOSE_BREATHS:
		if (d->breaths == 0 || base->breaths == 0 ||
		    d->breaths >= top->breaths)
			return 0;
		d->breaths++;
		d->hold_s = base->hold_s * d->breaths / base->breaths;
		return 1;
	default:
		if (d->breaths > 0 || d->hold_s == 0 || d->hold_s >= top->hold_s)
			return 0;
		d->hold_s += top->hold_s - d->hold_s < 5 ?
		    top->hold_s - d->hold_s : 5;
		return 1;
	}
}

/*
 * Fill the time left with sets, within the article's range, at random
 * among the exercises that still have room: more exercises came first,
 * and reps and holds grow only with the person (progress.c).  A dose
 * the log decided (on a step, held, back, at the top) stays as it is.
 */
static void
fill_time(struct pool *p, long budget, unsigned long long *rng)
{
	for (;;) {
		long total = pool_total(p), fits_n = 0;
		struct item *pick = NULL;
		size_t i;

		for (i = 0; i < p->n; i++) {
			struct item *it = &p->v[i];
			struct dose more = it->d;

			if (!it->chosen || it->phase == PH_WARMUP ||
			    it->progress != PROGRESS_NEW ||
			    !dose_raise(&more, &it->base, &it->top, DOSE_SETS))
				continue;
			rest_between_sets(&more, it->phase);
			if (total - item_seconds(it) + plan_seconds(&more,
			    LR_READY_S, LR_SWITCH_S) <= budget &&
			    lr_rand_below(rng, ++fits_n) == 0)
				pick = it;
		}
		if (pick == NULL)
			return;
		dose_raise(&pick->d, &pick->base, &pick->top, DOSE_SETS);
		rest_between_sets(&pick->d, pick->phase);
		pick->raised = 1;
	}
}

static int
count_main(const struct pool *p, int chosen)
{
	size_t i;
	int n = 0;

	for (i = 0; i < p->n; i++)
		if (p->v[i].chosen == chosen && p->v[i].phase != PH_WARMUP)
			n++;
	return n;
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

/*
 * Make a plan to measure from the pool read: a warm-up, then stretches,
 * then strengthening, within budget seconds, the chosen rows first in
 * the pool in the order to do them.  Why not is reported.
 */
int
pool_choose(struct pool *p, const char *conditions, long budget,
    unsigned long long seed)
{
	unsigned long long rng = seed;
	size_t i;
	int status = LR_OK;

	if (p->tally[F_PASS] == 0) {
		explain_empty(p);
		return LR_EDATA;
	}
	if (choose_warmup(p, budget, &rng) == NULL &&
	    (status = no_warmup(p, budget)) != LR_OK)
		return status;
	needed_regions(p, conditions);
	for (i = 0; i < p->n; i++)
		p->v[i].order = (long)lr_rand_below(&rng, LONG_MAX);
	choose_exercises(p, budget, &rng);
	if (count_main(p, 1) == 0) {
		if (count_main(p, 0) > 0)
			lr_warn("--minutes %ld leaves no time for an "
			    "exercise after the warm-up", budget / 60);
		else
			lr_warn("nothing to plan after the warm-up: the "
			    "filters leave no other exercise");
		return LR_EDATA;
	}
	fill_time(p, budget, &rng);
	qsort(p->v, p->n, sizeof *p->v, by_plan_order);
	return LR_OK;
}

/* Attach the catalog row of every step; an id not in it is an error. */
struct attaching {
	struct pool *p;
	const struct routine *r;
};

static void
attach_exercise(const struct exercise *e, void *arg)
{
	struct attaching *x = arg;
	size_t i;

	for (i = 0; i < x->r->n; i++)
		if (strcmp(x->r->v[i].id, e->id) == 0)
			pool_add(x->p, e, NULL)->order = (long)i;
}

static int
by_routine_order(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->chosen != y->chosen)
		return y->chosen - x->chosen;
	return (x->order > y->order) - (x->order < y->order);
}

/*
 * A step's dose as the routine writes it; its top, the article's.  A
 * routine that starts above its article's top keeps its own dose as
 * the top, so it is never cut down.
 */
static void
routine_dose(struct item *it, const struct routine_step *st,
    struct article_dose *a)
{
	struct dose *d = &it->d, *top = &it->top;

	d->sets = st->sets;
	d->reps = st->reps;
	d->hold_s = st->hold_s;
	d->breaths = st->breaths;
	d->rest_s = st->rest_s;
	it->base = *d;
	*top = *d;
	if (a == NULL)
		return;
	it->from = a;
	top->sets = a->top.sets > d->sets ? a->top.sets : d->sets;
	top->reps = a->top.reps > d->reps ? a->top.reps : d->reps;
	top->hold_s = a->top.hold_s > d->hold_s ? a->top.hold_s : d->hold_s;
	top->breaths = a->top.breaths > d->breaths ? a->top.breaths :
	    d->breaths;
}

/*
 * A routine as written: each step's exercise from the catalog, at the
 * step's dose, in step order.
 */
int
pool_routine(struct pool *p, const struct routine *r,
    const struct doses *doses)
{
	struct attaching x = { p, r };
	size_t i, j;
	int status = 0;

	p->doses = doses;
	p->routine = 1;
	if (catalog_each(&p->c, attach_exercise, &x) != 0)
		return -1;
	for (i = 0; i < r->n; i++) {
		const struct routine_step *st = &r->v[i];
		const struct article_dose *a;
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
		a = doses_of(p->doses, st->id, r->source);
		routine_dose(it, st, a != NULL ? doses_copy(a) : NULL);
	}
	if (status == 0)
		qsort(p->v, p->n, sizeof *p->v, by_routine_order);
	return status;
}

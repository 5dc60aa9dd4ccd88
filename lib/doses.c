/* doses.c - owns the doses table: each article's dose of each exercise. */

/*
 * The doses table (doses.tsv): for each exercise, the dose
 * each article gives it, where it starts and how far it goes, and
 * which articles speak for which condition.
 */
#include <stdlib.h>
#include <string.h>

#include "doses.h"

enum {
	D_ID, D_ARTICLE, D_SETS, D_SETS_MAX, D_REPS, D_REPS_MAX, D_HOLD_S,
	D_HOLD_S_MAX, D_BREATHS, D_BREATHS_MAX, D_ALTERNATIVE, D_FIGURES,
	D_NOTE, D_NCOLS
};

static const char *const dose_cols[D_NCOLS + 1] = {
	"id", "article", "sets", "sets_max", "reps", "reps_max", "hold_s",
	"hold_s_max", "breaths", "breaths_max", "alternative", "figures",
	"note", NULL
};

/*
 * The articles a plan for each condition takes its doses from: the
 * ones written for it.  The sciatica article is written for sciatica
 * and leg pain alike, as its title says.
 */
const char *
doses_articles(const char *condition)
{
	static const char *const by[][2] = {
		{ "leg-pain", "000_bd524d16304c268a.txt,"
		    "001_e49d686f2dc4862f.txt,002_ae89acf58824fd98.txt,"
		    "003_acef5f8e58d66f5d.txt" },
		{ "sciatica", "002_ae89acf58824fd98.txt" },
		{ "low-back-pain", "002_ae89acf58824fd98.txt,"
		    "003_acef5f8e58d66f5d.txt" },
		{ "knee-pain", "004_af18e76644b40d20.txt" },
	};
	size_t i;

	for (i = 0; i < sizeof by / sizeof by[0]; i++)
		if (strcmp(by[i][0], condition) == 0)
			return by[i][1];
	return "";
}

FILE *
doses_input(const char **name)
{
	static char found[4096];

	if (lr_share_file(found, sizeof found, "LR_DOSES", "doses.tsv") != 0) {
		lr_warn("doses path too long");
		return NULL;
	}
	return lr_open_input(found, name);
}

/* A start and a top, start no higher than the top. */
static int
range(const struct tsv *t, const long *col, int lo, int hi, long max,
    long *start, long *top)
{
	if (tsv_int(t, col[lo], 0, max, start) != 0 ||
	    tsv_int(t, col[hi], 0, max, top) != 0)
		return -1;
	if (*start > *top) {
		tsv_error(t, col[hi], "expected at least %s (%ld), got %ld",
		    dose_cols[lo], *start, *top);
		return -1;
	}
	return 0;
}

static int
check_row(const struct tsv *t, const long *col, struct article_dose *a)
{
	static const char *const figures[] = { "article", "lr", NULL };
	const char *alt = t->field[col[D_ALTERNATIVE]];
	int bad = 0;

	if (!lr_is_slug(t->field[col[D_ID]])) {
		tsv_error(t, col[D_ID], "expected an exercise id");
		bad = 1;
	}
	if (t->field[col[D_ARTICLE]][0] == '\0') {
		tsv_error(t, col[D_ARTICLE], "expected an article file name");
		bad = 1;
	}
	if (alt[0] != '\0' && !lr_is_slug(alt)) {
		tsv_error(t, col[D_ALTERNATIVE], "expected a group name of "
		    "lowercase letters, digits and hyphens, or nothing");
		bad = 1;
	}
	bad |= tsv_enum(t, col[D_FIGURES], figures) < 0;
	bad |= range(t, col, D_SETS, D_SETS_MAX, 20, &a->start.sets,
	    &a->top.sets) != 0;
	bad |= range(t, col, D_REPS, D_REPS_MAX, 100, &a->start.reps,
	    &a->top.reps) != 0;
	bad |= range(t, col, D_HOLD_S, D_HOLD_S_MAX, 3600, &a->start.hold_s,
	    &a->top.hold_s) != 0;
	bad |= range(t, col, D_BREATHS, D_BREATHS_MAX, 60, &a->start.breaths,
	    &a->top.breaths) != 0;
	if (!bad && a->start.sets == 0) {
		tsv_error(t, col[D_SETS], "expected at least one set");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static void
add_row(struct doses *d, const struct tsv *t, const long *col,
    const struct article_dose *a)
{
	struct article_dose *n;

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->v = lr_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	n = &d->v[d->n++];
	*n = *a;
	n->id = lr_xstrdup(t->field[col[D_ID]]);
	n->article = lr_xstrdup(t->field[col[D_ARTICLE]]);
	n->alternative = lr_xstrdup(t->field[col[D_ALTERNATIVE]]);
	n->figures = lr_xstrdup(t->field[col[D_FIGURES]]);
	n->note = lr_xstrdup(t->field[col[D_NOTE]]);
}

/* Read the whole table, a few dozen rows; every bad row is reported. */
int
doses_read(struct doses *d, FILE *fp, const char *name)
{
	struct tsv t;
	long col[D_NCOLS];
	int rv, status = 0;

	memset(d, 0, sizeof *d);
	if (tsv_open(&t, fp, name) != 0)
		return -1;
	if (tsv_find_columns(&t, dose_cols, D_NCOLS, col) != 0) {
		tsv_close(&t);
		return -1;
	}
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		struct article_dose a;

		memset(&a, 0, sizeof a);
		if (rv == TSV_ROW && check_row(&t, col, &a) == 0) {
			if (doses_of(d, t.field[col[D_ID]],
			    t.field[col[D_ARTICLE]]) != NULL) {
				tsv_error(&t, col[D_ARTICLE], "a second dose "
				    "of \"%s\" from this article",
				    t.field[col[D_ID]]);
				status = -1;
			} else
				add_row(d, &t, col, &a);
			continue;
		}
		status = -1;
		if (rv == TSV_FAIL)
			break;
	}
	tsv_close(&t);
	return status;
}

/* The installed table, or LR_DOSES. */
int
doses_load(struct doses *d)
{
	const char *name;
	FILE *fp = doses_input(&name);
	int rv;

	memset(d, 0, sizeof *d);
	if (fp == NULL)
		return -1;
	rv = doses_read(d, fp, name);
	if (fp != stdin)
		fclose(fp);
	return rv;
}

const struct article_dose *
doses_of(const struct doses *d, const char *id, const char *article)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].id, id) == 0 &&
		    strcmp(d->v[i].article, article) == 0)
			return &d->v[i];
	return NULL;
}

int
doses_known(const struct doses *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].id, id) == 0)
			return 1;
	return 0;
}

static long
top_seconds(const struct article_dose *a, const struct exercise *e)
{
	struct dose top = a->top;

	top.sides = e->sides;
	top.rep_s = e->rep_s;
	top.rest_s = e->rest_s;
	return plan_seconds(&top, LR_READY_S, LR_SWITCH_S);
}

/* Does an article written for one of these conditions (NULL: any) dose it? */
static int
for_conditions(const struct article_dose *a, const char *conditions)
{
	size_t c;

	if (conditions == NULL)
		return 1;
	for (c = 0; lr_conditions[c] != NULL; c++)
		if (lr_list_has(conditions, lr_conditions[c]) &&
		    lr_list_has(doses_articles(lr_conditions[c]), a->article))
			return 1;
	return 0;
}

/* Append word to the comma list *list, once. */
static void
list_add(char **list, const char *word)
{
	size_t n;

	if (word[0] == '\0' || lr_list_has(*list, word))
		return;
	n = strlen(*list);
	*list = lr_xrealloc(*list, n + strlen(word) + 2);
	snprintf(*list + n, strlen(word) + 2, "%s%s", n > 0 ? "," : "", word);
}

static void
lower(long *v, long by, int first)
{
	if (first || by < *v)
		*v = by;
}

/* The lowest of each figure, start and top, as a with b's. */
static void
merge(struct article_dose *m, const struct article_dose *b, int first)
{
	lower(&m->start.sets, b->start.sets, first);
	lower(&m->top.sets, b->top.sets, first);
	lower(&m->start.reps, b->start.reps, first);
	lower(&m->top.reps, b->top.reps, first);
	lower(&m->start.hold_s, b->start.hold_s, first);
	lower(&m->top.hold_s, b->top.hold_s, first);
	lower(&m->start.breaths, b->start.breaths, first);
	lower(&m->top.breaths, b->top.breaths, first);
}

struct article_dose *
doses_copy(const struct article_dose *a)
{
	struct article_dose *n = lr_xmalloc(sizeof *n);

	*n = *a;
	n->id = lr_xstrdup(a->id);
	n->article = lr_xstrdup(a->article);
	n->alternative = lr_xstrdup(a->alternative);
	n->figures = lr_xstrdup(a->figures);
	n->note = lr_xstrdup(a->note);
	return n;
}

void
doses_dose_free(struct article_dose *a)
{
	if (a == NULL)
		return;
	free(a->id);
	free(a->article);
	free(a->alternative);
	free(a->figures);
	free(a->note);
	free(a);
}

/*
 * The alternative groups of every article's dose of an exercise, as a
 * comma list: an alternative in one article is one in every plan.
 */
static char *
groups_of(const struct doses *d, const char *id)
{
	char *list = lr_xstrdup("");
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].id, id) == 0)
			list_add(&list, d->v[i].alternative);
	return list;
}

/* Do two exercises share an alternative group in any article's row? */
int
doses_alternatives(const struct doses *d, const char *a, const char *b)
{
	char *groups = groups_of(d, a);
	size_t i;
	int shared = 0;

	for (i = 0; !shared && i < d->n; i++)
		shared = strcmp(d->v[i].id, b) == 0 &&
		    d->v[i].alternative[0] != '\0' &&
		    lr_list_has(groups, d->v[i].alternative);
	free(groups);
	return shared;
}

/* A dose with neither reps, a hold nor breaths has nothing to do. */
static int
nothing_to_do(const struct dose *d)
{
	return d->reps == 0 && d->hold_s == 0 && d->breaths == 0;
}

/*
 * The dose of exercise e for a plan for these conditions (NULL: any),
 * allocated: of the articles written for them that dose it, the lowest
 * start and the lowest top of each figure (sets, reps, hold, breaths),
 * so that no figure is above what any of them gives; its article is
 * the list of those articles.  Should the lowest figures leave nothing
 * to do (one article doses it by reps alone, another by a hold alone),
 * the one article whose top takes the least time, with no more sets
 * than the lowest of them.  NULL when none of
 * them doses it.
 */
struct article_dose *
doses_for(const struct doses *d, const struct exercise *e,
    const char *conditions)
{
	const struct article_dose *least = NULL;
	struct article_dose *m;
	char *articles = lr_xstrdup("");
	size_t i;
	int n = 0, lr = 0;

	m = lr_xmalloc(sizeof *m);
	memset(m, 0, sizeof *m);
	for (i = 0; i < d->n; i++) {
		const struct article_dose *a = &d->v[i];

		if (strcmp(a->id, e->id) != 0 || !for_conditions(a, conditions))
			continue;
		merge(m, a, n++ == 0);
		list_add(&articles, a->article);
		lr |= strcmp(a->figures, "lr") == 0;
		if (least == NULL || top_seconds(a, e) < top_seconds(least, e))
			least = a;
	}
	if (least == NULL) {
		free(articles);
		free(m);
		return NULL;
	}
	if (n == 1 || nothing_to_do(&m->start) || nothing_to_do(&m->top)) {
		long sets = m->start.sets, top_sets = m->top.sets;

		free(articles);
		free(m);
		m = doses_copy(least);
		free(m->alternative);
		/* Even then no more sets than any of them gives. */
		if (m->start.sets > sets)
			m->start.sets = sets;
		if (m->top.sets > top_sets)
			m->top.sets = top_sets;
	} else {
		m->id = lr_xstrdup(e->id);
		m->article = articles;
		m->figures = lr_xstrdup(lr ? "lr" : "article");
		m->note = lr_xstrdup("the lowest figures of its articles");
	}
	m->alternative = groups_of(d, e->id);
	return m;
}

/*
 * Where a dose comes from, for people: "dose of NAME (FILE)", or for a
 * dose of several articles the lowest figures of each, with lr's
 * reading said where an article gives no figure.
 */
char *
doses_cite(const struct doses *d, const struct article_dose *a)
{
	char *text = NULL, *list = lr_xstrdup(a->article), *art, *save;
	size_t len = 0;
	int n = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	fputs(strchr(a->article, ',') == NULL ? "dose of " :
	    "the lowest of each figure of ", fp);
	for (art = strtok_r(list, ",", &save); art != NULL;
	    art = strtok_r(NULL, ",", &save)) {
		const struct article_dose *r = doses_of(d, a->id, art);

		fprintf(fp, "%s%s (%s)%s", n++ > 0 ? "; " : "",
		    lr_article_name(art), art, r != NULL &&
		    strcmp(r->figures, "lr") == 0 ? ", which gives no figure: "
		    "lr's reading" : "");
	}
	fclose(fp);
	free(list);
	return text;
}

void
doses_free(struct doses *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].id);
		free(d->v[i].article);
		free(d->v[i].alternative);
		free(d->v[i].figures);
		free(d->v[i].note);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

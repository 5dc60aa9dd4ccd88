/*
 * doses.c - the doses table (doses.tsv): for each exercise, the dose
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

/*
 * The dose of exercise e for a plan for these conditions (NULL: any):
 * of the articles written for them that dose it, the most conservative,
 * the one whose top takes the least time, the first in the table on a
 * tie.  NULL when none of them doses it.
 */
const struct article_dose *
doses_for(const struct doses *d, const struct exercise *e,
    const char *conditions)
{
	const struct article_dose *best = NULL;
	size_t i, c;

	for (i = 0; i < d->n; i++) {
		const struct article_dose *a = &d->v[i];
		int meets = conditions == NULL;

		if (strcmp(a->id, e->id) != 0)
			continue;
		for (c = 0; !meets && lr_conditions[c] != NULL; c++)
			meets = lr_list_has(conditions, lr_conditions[c]) &&
			    lr_list_has(doses_articles(lr_conditions[c]),
			    a->article);
		if (meets && (best == NULL ||
		    top_seconds(a, e) < top_seconds(best, e)))
			best = a;
	}
	return best;
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

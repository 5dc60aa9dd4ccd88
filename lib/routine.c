/* routine.c - owns the routines of the articles (routines.tsv). */

/*
 * The routines of the articles (routines.tsv): its rows
 * checked, one routine read whole in step order, and the list of them.
 */
#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "lr.h"

static const char *const routine_cols[RT_NCOLS + 1] = {
	"routine", "title", "step", "id", "sets", "reps", "hold_s",
	"breaths", "rest_s", "source", NULL
};

FILE *
routines_input(const char **name)
{
	static char found[4096];

	if (lr_share_file(found, sizeof found, "LR_ROUTINES",
	    "routines.tsv") != 0) {
		lr_warn("routines path too long");
		return NULL;
	}
	return lr_open_input(found, name);
}

int
routines_open(struct routines *r, FILE *fp, const char *name)
{
	if (tsv_open(&r->t, fp, name) != 0)
		return -1;
	if (tsv_find_columns(&r->t, routine_cols, RT_NCOLS, r->col) != 0) {
		tsv_close(&r->t);
		return -1;
	}
	return 0;
}

int
routines_next(struct routines *r, struct routine_step *s)
{
	const struct tsv *t = &r->t;
	int rv = tsv_next(&r->t), bad = 0;

	if (rv != TSV_ROW)
		return rv;
	s->routine = t->field[r->col[RT_ROUTINE]];
	s->title = t->field[r->col[RT_TITLE]];
	s->id = t->field[r->col[RT_ID]];
	s->source = t->field[r->col[RT_SOURCE]];
	if (!lr_is_slug(s->routine)) {
		tsv_error(t, r->col[RT_ROUTINE], "expected a routine name of lowercase "
		    "letters, digits and hyphens");
		bad = 1;
	}
	if (!lr_is_slug(s->id)) {
		tsv_error(t, r->col[RT_ID], "expected an exercise id");
		bad = 1;
	}
	bad |= tsv_int(t, r->col[RT_STEP], 1, 999, &s->step) != 0;
	bad |= tsv_int(t, r->col[RT_SETS], 1, 20, &s->sets) != 0;
	bad |= tsv_int(t, r->col[RT_REPS], 0, 100, &s->reps) != 0;
	bad |= tsv_int(t, r->col[RT_HOLD_S], 0, 3600, &s->hold_s) != 0;
	bad |= tsv_int(t, r->col[RT_BREATHS], 0, 60, &s->breaths) != 0;
	bad |= tsv_int(t, r->col[RT_REST_S], 0, 600, &s->rest_s) != 0;
	return bad ? TSV_BAD : TSV_ROW;
}

void
routines_close(struct routines *r)
{
	tsv_close(&r->t);
}

static int
by_step(const void *a, const void *b)
{
	const struct routine_step *x = a, *y = b;

	return (x->step > y->step) - (x->step < y->step);
}

static void
routine_add(struct routine *r, const struct routine_step *st)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->v = lr_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n] = *st;
	r->v[r->n].routine = r->v[r->n].title = r->v[r->n].source = "";
	r->v[r->n++].id = lr_xstrdup(st->id);
	if (r->title == NULL) {
		r->title = lr_xstrdup(st->title);
		r->source = lr_xstrdup(st->source);
	}
}

/*
 * Read the steps of the routine called name, in step order.  A routine
 * not there is an error that names the routines there are.
 */
int
routine_read(const char *name, struct routine *r)
{
	struct routines rs;
	struct routine_step st;
	struct wordset names = { NULL, 0, 0 };
	const char *file;
	FILE *fp = routines_input(&file);
	int rv, status = 0;

	memset(r, 0, sizeof *r);
	if (fp == NULL || routines_open(&rs, fp, file) != 0) {
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	while ((rv = routines_next(&rs, &st)) != TSV_EOF) {
		if (rv != TSV_ROW) {
			status = -1;
			if (rv == TSV_FAIL)
				break;
			continue;
		}
		wordset_add_list(&names, st.routine);
		if (strcmp(st.routine, name) == 0)
			routine_add(r, &st);
	}
	if (status == 0 && r->n == 0) {
		char *all = wordset_join(&names, ", ");

		lr_warn("%s: no routine \"%s\"; the routines are: %s", file,
		    name, all[0] ? all : "(none)");
		free(all);
		status = -1;
	}
	wordset_free(&names);
	routines_close(&rs);
	fclose(fp);
	if (r->n > 0)
		qsort(r->v, r->n, sizeof *r->v, by_step);
	return status;
}

void
routine_free(struct routine *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free((char *)r->v[i].id);
	free(r->v);
	free(r->title);
	free(r->source);
	memset(r, 0, sizeof *r);
}

/* A step whose strings are its own, to keep past the next row. */
static struct routine_step
routine_step_copy(const struct routine_step *s)
{
	struct routine_step c = *s;

	c.routine = lr_xstrdup(s->routine);
	c.title = lr_xstrdup(s->title);
	c.id = lr_xstrdup(s->id);
	c.source = lr_xstrdup(s->source);
	return c;
}

static void
routine_step_free(struct routine_step *s)
{
	free((char *)s->routine);
	free((char *)s->title);
	free((char *)s->id);
	free((char *)s->source);
	memset(s, 0, sizeof *s);
}

static void
put_routine(FILE *out, const struct routine_step *s, long steps)
{
	tsv_put_field(out, s->routine);
	putc('\t', out);
	tsv_put_field(out, s->title);
	fprintf(out, "\t%ld\t", steps);
	tsv_put_field(out, s->source);
	putc('\n', out);
}

/*
 * The routines, a row each: name, title, number of steps, source.  A
 * routine's rows are together in routines.tsv, as lr-formats(5) says.
 */
int
routines_list(FILE *out)
{
	struct routines r;
	struct routine_step s, first = { 0 };
	const char *name;
	FILE *fp = routines_input(&name);
	long steps = 0;
	int rv, status = 0;

	if (fp == NULL || routines_open(&r, fp, name) != 0) {
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	fprintf(out, "routine\ttitle\tsteps\tsource\n");
	while ((rv = routines_next(&r, &s)) != TSV_EOF) {
		if (rv != TSV_ROW) {
			status = -1;
			if (rv == TSV_FAIL)
				break;
			continue;
		}
		if (steps > 0 && strcmp(s.routine, first.routine) != 0) {
			put_routine(out, &first, steps);
			steps = 0;
		}
		if (steps++ == 0) {
			routine_step_free(&first);
			first = routine_step_copy(&s);
		}
	}
	if (steps > 0)
		put_routine(out, &first, steps);
	routine_step_free(&first);
	routines_close(&r);
	fclose(fp);
	return status;
}

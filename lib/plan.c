/* plan.c - owns the plan format, and the one estimate of a plan's length. */

/*
 * The plan format that lr-plan writes and lr-timer reads, and
 * the one estimate of how long a plan takes, which both must share.
 */
#include <string.h>

#include "planner.h"

const char *const plan_cols[P_NCOLS + 1] = {
	"step", "id", "name", "kind", "position", "equipment", "sides",
	"sets", "reps", "rep_s", "hold_s", "breaths", "rest_s", "cue", "why",
	"steps", NULL
};

/*
 * Seconds one row takes: each set does every side in turn, with a
 * pause to switch sides; sets are separated by the row's rest; a "get
 * ready" pause comes before the row.
 */
long
plan_seconds(const struct dose *d, long ready_s, long switch_s)
{
	long work = d->reps > 0 ? d->reps * (d->rep_s + d->hold_s) : d->hold_s;
	long set = work * d->sides + (d->sides > 1 ? switch_s : 0);

	return ready_s + d->sets * set + (d->sets - 1) * d->rest_s;
}

int
plan_open(struct plan *p, FILE *fp, const char *name)
{
	if (tsv_open(&p->t, fp, name) != 0)
		return -1;
	if (tsv_find_columns(&p->t, plan_cols, P_REQUIRED, p->col) != 0) {
		tsv_close(&p->t);
		return -1;
	}
	return 0;
}

/* Read and check the next plan row; every problem is reported. */
int
plan_next(struct plan *p, struct plan_row *r)
{
	const struct tsv *t = &p->t;
	int rv = tsv_next(&p->t), bad = 0;
	struct dose *d = &r->dose;

	if (rv != TSV_ROW)
		return rv;
	r->id = t->field[p->col[P_ID]];
	r->name = t->field[p->col[P_NAME]];
	r->kind = t->field[p->col[P_KIND]];
	r->position = t->field[p->col[P_POSITION]];
	r->equipment = t->field[p->col[P_EQUIPMENT]];
	r->cue = t->field[p->col[P_CUE]];
	r->why = p->col[P_WHY] >= 0 ? t->field[p->col[P_WHY]] : "";
	r->steps = p->col[P_STEPS] >= 0 ? t->field[p->col[P_STEPS]] : "";
	if (!lr_is_slug(r->id)) {
		tsv_error(t, p->col[P_ID], "expected an exercise id of "
		    "lowercase letters, digits and hyphens");
		bad = 1;
	}
	if (r->name[0] == '\0') {
		tsv_error(t, p->col[P_NAME], "empty name");
		bad = 1;
	}
	if (tsv_enum(t, p->col[P_KIND], lr_kinds) < 0)
		bad = 1;
	bad |= tsv_int(t, p->col[P_STEP], 1, 999, &r->step) != 0;
	bad |= tsv_int(t, p->col[P_SIDES], 1, 2, &d->sides) != 0;
	bad |= tsv_int(t, p->col[P_SETS], 1, 20, &d->sets) != 0;
	bad |= tsv_int(t, p->col[P_REPS], 0, 100, &d->reps) != 0;
	bad |= tsv_int(t, p->col[P_REP_S], 0, 60, &d->rep_s) != 0;
	bad |= tsv_int(t, p->col[P_HOLD_S], 0, 3600, &d->hold_s) != 0;
	bad |= tsv_int(t, p->col[P_BREATHS], 0, 60, &d->breaths) != 0;
	bad |= tsv_int(t, p->col[P_REST_S], 0, 600, &d->rest_s) != 0;
	if (!bad && d->reps == 0 && d->hold_s == 0) {
		tsv_error(t, p->col[P_REPS], "neither reps nor a hold: give "
		    "reps, or hold_s for a hold");
		bad = 1;
	}
	if (!bad && d->reps > 0 && d->rep_s == 0) {
		tsv_error(t, p->col[P_REP_S], "reps need a pace: expected "
		    "1-60 seconds a rep, got \"0\"");
		bad = 1;
	}
	return bad ? TSV_BAD : TSV_ROW;
}

void
plan_close(struct plan *p)
{
	tsv_close(&p->t);
}

/*
 * splitmix64: a small generator whose sequence is the same on every
 * machine, so that a --seed gives the same plan everywhere.
 */
unsigned long long
lr_rand(unsigned long long *state)
{
	unsigned long long z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long
lr_rand_below(unsigned long long *state, long n)
{
	return n > 0 ? (long)(lr_rand(state) % (unsigned long long)n) : 0;
}

/* "3 sets of 10, each side; rest 30 s" and the like, for people. */
char *
lr_dose_text(char *dst, size_t n, const struct dose *d)
{
	char t[32], r[32];
	int w;

	w = snprintf(dst, n, "%ld set%s", d->sets, d->sets == 1 ? "" : "s");
	if (d->reps > 0)
		w += snprintf(dst + w, n - (size_t)w, " of %ld", d->reps);
	else if (d->breaths > 0)
		w += snprintf(dst + w, n - (size_t)w, ", %ld breaths",
		    d->breaths);
	else
		w += snprintf(dst + w, n - (size_t)w, ", %s",
		    lr_fmt_secs(t, sizeof t, d->hold_s));
	if (d->sides > 1)
		w += snprintf(dst + w, n - (size_t)w, ", each side");
	if (d->sets > 1 && d->rest_s > 0)
		snprintf(dst + w, n - (size_t)w, "; rest %s",
		    lr_fmt_secs(r, sizeof r, d->rest_s));
	return dst;
}

/* The plan's header: its columns, then catalog columns lr does not know. */
void
plan_put_header(FILE *fp, const struct catalog *c)
{
	size_t i;

	for (i = 0; plan_cols[i] != NULL; i++) {
		if (i > 0)
			putc('\t', fp);
		tsv_put_field(fp, plan_cols[i]);
	}
	for (i = 0; i < c->t.ncol; i++)
		if (!catalog_known(c, i)) {
			putc('\t', fp);
			tsv_put_field(fp, c->t.col[i]);
		}
	putc('\n', fp);
}

/* A plan row; the catalog columns lr does not know are carried along. */
void
plan_put_row(FILE *fp, const struct catalog *c, long step,
    const struct exercise *e, const struct dose *d, const char *why,
    char *const *row)
{
	const long n[] = { d->sides, d->sets, d->reps, d->rep_s, d->hold_s,
	    d->breaths, d->rest_s };
	const char *s[] = { e->id, e->name, e->kind, e->position,
	    e->equipment };
	size_t i;

	fprintf(fp, "%ld", step);
	for (i = 0; i < sizeof s / sizeof s[0]; i++) {
		putc('\t', fp);
		tsv_put_field(fp, s[i]);
	}
	for (i = 0; i < sizeof n / sizeof n[0]; i++)
		fprintf(fp, "\t%ld", n[i]);
	putc('\t', fp);
	tsv_put_field(fp, e->cue);
	putc('\t', fp);
	tsv_put_field(fp, why ? why : "");
	putc('\t', fp);
	tsv_put_field(fp, e->steps ? e->steps : "");
	for (i = 0; i < c->t.ncol; i++)
		if (!catalog_known(c, i)) {
			putc('\t', fp);
			tsv_put_field(fp, row[i]);
		}
	putc('\n', fp);
}

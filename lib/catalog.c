/* catalog.c - owns the exercise catalog: its words and its checked rows. */

/*
 * The exercise catalog: its words, and its rows checked
 * field by field.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "list.h"
#include "lr.h"

const char *const lr_kinds[] = {
	"warmup", "stretch", "strength", "mobility", "release", NULL
};
const char *const lr_conditions[] = {
	"leg-pain", "sciatica", "knee-pain", "low-back-pain", NULL
};
const char *const lr_positions[] = {
	"standing", "sitting", "floor-sitting", "supine", "prone",
	"side-lying", "all-fours", "kneeling", NULL
};

/* A position as people say it: "lying on your back"; NULL if not one. */
const char *
lr_position_said(const char *w, size_t len)
{
	static const char *const said[] = {
		"standing", "sitting on a chair", "sitting on the floor",
		"lying on your back", "lying on your front",
		"lying on your side", "on hands and knees", "kneeling"
	};
	size_t i;

	for (i = 0; lr_positions[i] != NULL; i++)
		if (strlen(lr_positions[i]) == len &&
		    memcmp(lr_positions[i], w, len) == 0)
			return said[i];
	return NULL;
}

const char *const lr_regions[] = {
	"hamstrings", "quadriceps", "calves", "ankles", "hip-flexors",
	"glutes", "piriformis", "abductors", "adductors", "hips", "knees",
	"lower-back", "spine", "core", "shoulders", NULL
};
const char *const lr_equipment[] = {
	"none", "wall", "chair", "table", "step", "foam-roller", "mat",
	"strap", "ankle-weights", NULL
};

static const char *const colnames[C_NCOLS + 1] = {
	"id", "name", "kind", "regions", "conditions", "position",
	"equipment", "level", "sides", "sets", "reps", "hold_s", "rest_s",
	"reps_max", "hold_s_max", "avoid", "caution", "steps", "source",
	"sets_max", "rep_s", "breaths", "breaths_max", "cue", "helps",
	"dose", NULL
};

/*
 * Whether standard input has nothing to read: 1 when empty, 0 when
 * not, -1 (reported) on a read error.  Its first byte is read and put
 * back, so a pipe that has something loses nothing; one whose writer
 * neither writes nor closes waits, as any read of it would.
 */
static int
stdin_empty(void)
{
	int c;

	errno = 0;
	if ((c = getc(stdin)) != EOF) {
		/* One byte is always put back: C11 7.21.7.10. */
		if (ungetc(c, stdin) == EOF) {
			lr_warn("<stdin>: cannot put its first byte back");
			return -1;
		}
		return 0;
	}
	if (ferror(stdin)) {
		lr_warn("<stdin>: read error: %s", strerror(errno));
		return -1;
	}
	return 1;
}

/*
 * The catalog to read: the named file, else standard input when it is
 * a pipe or a file with something in it, else LR_CATALOG or the
 * installed catalog.  An empty standard input (a CI runner's, that of
 * ssh or cron) is no catalog; "-" still reads it, empty or not.
 */
FILE *
catalog_input(const char *path, const char **name)
{
	struct stat st;

	if (path != NULL)
		return lr_open_input(path, name);
	if (fstat(STDIN_FILENO, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) ||
	    S_ISSOCK(st.st_mode))) {
		switch (stdin_empty()) {
		case 0:
			return lr_open_input("-", name);
		case -1:
			return NULL;
		default:
			break;
		}
	}
	return catalog_installed(name);
}

/* LR_CATALOG, else the installed catalog. */
FILE *
catalog_installed(const char **name)
{
	static char found[4096];

	if (lr_share_file(found, sizeof found, "LR_CATALOG",
	    "catalog.tsv") != 0) {
		lr_warn("catalog path too long");
		return NULL;
	}
	return lr_open_input(found, name);
}

int
catalog_open(struct catalog *c, FILE *fp, const char *name)
{
	if (tsv_open(&c->t, fp, name) != 0)
		return -1;
	if (tsv_find_columns(&c->t, colnames, C_REQUIRED, c->col) != 0) {
		tsv_close(&c->t);
		return -1;
	}
	return 0;
}

void
catalog_close(struct catalog *c)
{
	tsv_close(&c->t);
}

/* A number column; an absent optional one takes dflt. */
static int
number(const struct catalog *c, int i, long min, long max, long dflt,
    long *out)
{
	if (c->col[i] < 0) {
		*out = dflt;
		return 0;
	}
	return tsv_int(&c->t, c->col[i], min, max, out);
}

static int
check_equipment(const struct tsv *t, long col)
{
	char q[96], all[512], word[64];
	const char *s = t->field[col], *p = s, *w;
	size_t len;

	if (strcmp(s, "none") == 0)
		return 0;
	while ((w = lr_list_next(&p, ",|", &len)) != NULL) {
		if (len == 0 || len >= sizeof word)
			goto bad;
		memcpy(word, w, len);
		word[len] = '\0';
		if (lr_word_index(lr_equipment, word) <= 0)
			goto bad;
	}
	return 0;
bad:
	lr_quote(q, sizeof q, s);
	lr_words_join(all, sizeof all, lr_equipment + 1);
	tsv_error(t, col, "expected none, or a comma list of %s "
	    "(a|b for either), got %s", all, q);
	return -1;
}

static int
check_words(const struct catalog *c, struct exercise *e)
{
	const struct tsv *t = &c->t;
	int bad = 0;
	char q[96];

	if (!lr_is_slug(e->id)) {
		lr_quote(q, sizeof q, e->id);
		tsv_error(t, c->col[C_ID], "expected an id of lowercase "
		    "letters, digits and hyphens, got %s", q);
		bad = 1;
	}
	if (e->name[0] == '\0') {
		tsv_error(t, c->col[C_NAME], "empty name");
		bad = 1;
	}
	if (tsv_enum(t, c->col[C_KIND], lr_kinds) < 0)
		bad = 1;
	if (tsv_enum_list(t, c->col[C_REGIONS], lr_regions) < 0)
		bad = 1;
	if (tsv_enum_list(t, c->col[C_CONDITIONS], lr_conditions) < 0)
		bad = 1;
	if (tsv_enum_list(t, c->col[C_POSITION], lr_positions) < 0)
		bad = 1;
	if (check_equipment(t, c->col[C_EQUIPMENT]) < 0)
		bad = 1;
	if (e->avoid[0] != '\0' &&
	    tsv_enum_list(t, c->col[C_AVOID], lr_conditions) < 0)
		bad = 1;
	if (e->source[0] == '\0') {
		tsv_error(t, c->col[C_SOURCE], "empty source: name the "
		    "article the exercise comes from");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int
check_numbers(const struct catalog *c, struct exercise *e)
{
	int bad = 0;

	bad |= number(c, C_LEVEL, 1, 3, 1, &e->level);
	bad |= number(c, C_SIDES, 1, 2, 1, &e->sides);
	bad |= number(c, C_SETS, 1, 20, 1, &e->sets);
	bad |= number(c, C_REPS, 0, 100, 0, &e->reps);
	bad |= number(c, C_HOLD_S, 0, 3600, 0, &e->hold_s);
	bad |= number(c, C_REST_S, 0, 600, 0, &e->rest_s);
	bad |= number(c, C_BREATHS, 0, 60, 0, &e->breaths);
	if (bad)
		return -1;
	/* The top of a range is never below its bottom. */
	bad |= number(c, C_SETS_MAX, e->sets, 20, e->sets, &e->sets_max);
	bad |= number(c, C_REPS_MAX, e->reps, 100, e->reps, &e->reps_max);
	bad |= number(c, C_HOLD_S_MAX, e->hold_s, 3600, e->hold_s,
	    &e->hold_s_max);
	bad |= number(c, C_BREATHS_MAX, e->breaths, 60, e->breaths,
	    &e->breaths_max);
	bad |= number(c, C_REP_S, e->reps > 0 ? 1 : 0, 60,
	    e->reps > 0 ? 3 : 0, &e->rep_s);
	if (bad)
		return -1;
	if (e->reps == 0 && e->hold_s == 0) {
		tsv_error(&c->t, c->col[C_REPS], "neither reps nor a hold: "
		    "give reps, or hold_s for a hold");
		return -1;
	}
	return 0;
}

/*
 * Read and check the next exercise.  Every problem in the row is
 * reported; the row is then TSV_BAD and the caller decides whether
 * to go on.
 */
int
catalog_next(struct catalog *c, struct exercise *e)
{
	int r = tsv_next(&c->t), bad;

	if (r != TSV_ROW)
		return r;
	catalog_bind(c, c->t.field, e);
	bad = check_words(c, e);
	bad |= check_numbers(c, e);
	return bad ? TSV_BAD : TSV_ROW;
}

/*
 * Call fn with every good exercise of the catalog, in order.  A bad
 * row is reported and passed over; returns -1 when there was one, or
 * the catalog could not be read to its end.
 */
int
catalog_each(struct catalog *c, void (*fn)(const struct exercise *,
    void *), void *arg)
{
	struct exercise e;
	int rv, status = 0;

	while ((rv = catalog_next(c, &e)) != TSV_EOF) {
		if (rv == TSV_ROW)
			fn(&e, arg);
		else
			status = -1;
		if (rv == TSV_FAIL)
			break;
	}
	return status;
}

/*
 * Point the text fields of e at a row of this catalog: the reader's
 * current row, or a copy the caller keeps.
 */
void
catalog_bind(const struct catalog *c, char *const *row, struct exercise *e)
{
	e->id = row[c->col[C_ID]];
	e->name = row[c->col[C_NAME]];
	e->kind = row[c->col[C_KIND]];
	e->regions = row[c->col[C_REGIONS]];
	e->conditions = row[c->col[C_CONDITIONS]];
	e->position = row[c->col[C_POSITION]];
	e->equipment = row[c->col[C_EQUIPMENT]];
	e->avoid = row[c->col[C_AVOID]];
	e->caution = row[c->col[C_CAUTION]];
	e->steps = row[c->col[C_STEPS]];
	e->source = row[c->col[C_SOURCE]];
	e->cue = c->col[C_CUE] >= 0 ? row[c->col[C_CUE]] : "";
	e->helps = c->col[C_HELPS] >= 0 ? row[c->col[C_HELPS]] : "";
	e->dose = c->col[C_DOSE] >= 0 ? row[c->col[C_DOSE]] : "";
}

/* Is header column i one the catalog format defines? */
int
catalog_known(const struct catalog *c, size_t i)
{
	return lr_word_index(colnames, tsv_colname(&c->t, i)) >= 0;
}

static void
suggest(const char *id, char **ids, size_t n, const char *file)
{
	char *text = NULL;
	size_t i, len;
	int shown = 0, limit = (int)strlen(id) / 3 + 1;
	FILE *mem = open_memstream(&text, &len);

	if (mem == NULL)
		lr_die(LR_EDATA, "out of memory");
	fprintf(mem, "%s: no exercise \"%s\"", file, id);
	for (i = 0; i < n; i++)
		if (lr_edit_distance(id, ids[i]) <= (limit > 3 ? 3 : limit) ||
		    (strlen(id) >= 4 && strstr(ids[i], id) != NULL))
			fprintf(mem, "%s %s", shown++ ? "," : "; did you mean",
			    ids[i]);
	if (!shown)
		fprintf(mem, "; lr-list shows the ids");
	fclose(mem);
	lr_warn("%s", text);
	free(text);
}

/*
 * Find the n exercises ids[] in the catalog, read once: out[i], with
 * copy[i] a copy of its id to keep.  Every id not there is said, with
 * close matches; then, or when the catalog has errors, no copy is
 * kept and -1 is returned.
 */
int
catalog_find_all(const char *path, const char *const *ids, size_t n,
    struct exercise *out, char **copy)
{
	struct catalog c;
	struct exercise e;
	const char *name;
	FILE *fp = path ? lr_open_input(path, &name) :
	    catalog_installed(&name);
	char **known = NULL;
	size_t nknown = 0, i, k;
	int rv, found = 0, missing = 0, bad = 0;

	for (k = 0; k < n; k++)
		copy[k] = NULL;
	if (fp == NULL || catalog_open(&c, fp, name) != 0) {
		if (fp && fp != stdin)
			fclose(fp);
		return -1;
	}
	while ((rv = catalog_next(&c, &e)) != TSV_EOF) {
		if (rv != TSV_ROW) {
			bad++;	/* said; a doubtful catalog gives no dose */
			if (rv == TSV_FAIL)
				break;
			continue;
		}
		known = lr_xrealloc(known, (nknown + 1) * sizeof *known);
		known[nknown++] = lr_xstrdup(e.id);
		for (k = 0; k < n; k++)
			if (copy[k] == NULL && strcmp(e.id, ids[k]) == 0) {
				out[k] = e;
				out[k].id = copy[k] = lr_xstrdup(e.id);
				out[k].name = out[k].kind = out[k].regions = "";
				found++;
			}
	}
	for (k = 0; k < n; k++) {
		for (i = 0; i < k && strcmp(ids[i], ids[k]) != 0; i++)
			;
		if (copy[k] == NULL && i == k && bad == 0)
			suggest(ids[k], known, nknown, name);
		missing += copy[k] == NULL;
	}
	if (found > 0 && bad > 0)
		lr_warn("%s: the catalog has errors: nothing recorded", name);
	if (missing > 0 || bad > 0)
		for (k = 0; k < n; k++) {
			free(copy[k]);
			copy[k] = NULL;
		}
	for (i = 0; i < nknown; i++)
		free(known[i]);
	free(known);
	catalog_close(&c);
	if (fp != stdin)
		fclose(fp);
	return missing > 0 || bad > 0 ? -1 : 0;
}


/* results.c - owns the results format: lr-timer writes it, lr-log keeps it. */

/*
 * The results format: what lr-timer writes, lr-log keeps
 * and lr-report reads.  One row per exercise and side, per pain
 * check-in, per safety screen.
 */
#include <string.h>

#include "lr.h"

const char *const result_cols[R_NCOLS + 1] = {
	"started", "session", "record", "step", "id", "side", "sets",
	"reps", "hold_s", "active_s", "status", "pain", "note", NULL
};

const char *const result_records[] = { "exercise", "pain", "screen", NULL };
const char *const result_sides[] = { "both", "left", "right", NULL };
const char *const result_exercise_status[] = {
	"done", "partial", "skipped", NULL
};
const char *const result_pain_status[] = { "before", "after", "check", NULL };
const char *const result_screen_status[] = { "clear", "stop", NULL };

void
result_put_header(FILE *fp)
{
	tsv_put_row(fp, (char *const *)result_cols, R_NCOLS);
}

/* The row's fields, in the column order; numbers are written into t. */
void
result_fields(const struct result *r, struct result_text *t, char **f)
{
	snprintf(t->step, sizeof t->step, "%ld", r->step);
	snprintf(t->sets, sizeof t->sets, "%ld", r->sets);
	snprintf(t->reps, sizeof t->reps, "%ld", r->reps);
	snprintf(t->hold, sizeof t->hold, "%ld", r->hold_s);
	snprintf(t->active, sizeof t->active, "%ld", r->active_s);
	if (r->pain >= 0)
		snprintf(t->pain, sizeof t->pain, "%d", r->pain);
	else
		t->pain[0] = '\0';
	f[R_STARTED] = (char *)r->started;
	f[R_SESSION] = (char *)r->session;
	f[R_RECORD] = (char *)r->record;
	f[R_STEP] = t->step;
	f[R_ID] = (char *)r->id;
	f[R_SIDE] = (char *)r->side;
	f[R_SETS] = t->sets;
	f[R_REPS] = t->reps;
	f[R_HOLD_S] = t->hold;
	f[R_ACTIVE_S] = t->active;
	f[R_STATUS] = (char *)r->status;
	f[R_PAIN] = t->pain;
	f[R_NOTE] = (char *)r->note;
}

void
result_put(FILE *fp, const struct result *r)
{
	struct result_text t = { "", "", "", "", "", "" };
	char *f[R_NCOLS];

	result_fields(r, &t, f);
	tsv_put_row(fp, f, R_NCOLS);
}

void
result_init(struct result *r, const char *session, const char *record)
{
	memset(r, 0, sizeof *r);
	r->session = session;
	r->record = record;
	r->id = "";
	r->side = "";
	r->status = "";
	r->note = "";
	r->pain = -1;
}

int
result_find_columns(const struct tsv *t, long *col)
{
	return tsv_find_columns(t, result_cols, R_NCOLS, col);
}

static int
check_empty(const struct tsv *t, long col, const char *record)
{
	char q[96];

	if (t->field[col][0] == '\0')
		return 0;
	lr_quote(q, sizeof q, t->field[col]);
	tsv_error(t, col, "expected nothing for a %s record, got %s", record,
	    q);
	return -1;
}

static int
check_session(const struct tsv *t, long col)
{
	const char *s = t->field[col];
	char q[96];
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    strchr("-_.:", s[i])))
			break;
	if (i > 0 && s[i] == '\0' && i <= 64)
		return 0;
	lr_quote(q, sizeof q, s);
	tsv_error(t, col, "expected a session id of letters, digits and "
	    "- _ . :, got %s", q);
	return -1;
}

static int
check_exercise(const struct tsv *t, const long *col, struct result *r)
{
	int bad = 0;
	char q[96];

	if (!lr_is_slug(r->id)) {
		lr_quote(q, sizeof q, r->id);
		tsv_error(t, col[R_ID], "expected an exercise id, got %s", q);
		bad = 1;
	}
	if (tsv_enum(t, col[R_SIDE], result_sides) < 0)
		bad = 1;
	if (tsv_enum(t, col[R_STATUS], result_exercise_status) < 0)
		bad = 1;
	if (check_empty(t, col[R_PAIN], "exercise") < 0)
		bad = 1;
	return bad ? -1 : 0;
}

static int
check_other(const struct tsv *t, const long *col, struct result *r)
{
	int bad = 0, pain = strcmp(r->record, "pain") == 0;
	long v;

	bad |= check_empty(t, col[R_ID], r->record) < 0;
	bad |= check_empty(t, col[R_SIDE], r->record) < 0;
	if (tsv_enum(t, col[R_STATUS], pain ? result_pain_status :
	    result_screen_status) < 0)
		bad = 1;
	if (pain) {
		if (tsv_int(t, col[R_PAIN], 0, 10, &v) < 0)
			bad = 1;
		else
			r->pain = (int)v;
	} else
		bad |= check_empty(t, col[R_PAIN], r->record) < 0;
	return bad ? -1 : 0;
}

/*
 * Check a results row field by field, reporting every problem; fill r
 * (its strings point into the row) and when.
 */
int
result_check(const struct tsv *t, const long *col, struct result *r,
    struct lr_stamp *when)
{
	const char *why;
	char q[96];
	int bad = 0, rec;

	memset(r, 0, sizeof *r);
	r->pain = -1;
	if (lr_parse_stamp(t->field[col[R_STARTED]], when, &why) != 0) {
		lr_quote(q, sizeof q, t->field[col[R_STARTED]]);
		tsv_error(t, col[R_STARTED], "%s, got %s", why, q);
		bad = 1;
	} else
		memcpy(r->started, t->field[col[R_STARTED]],
		    strlen(t->field[col[R_STARTED]]) + 1);
	r->session = t->field[col[R_SESSION]];
	r->record = t->field[col[R_RECORD]];
	r->id = t->field[col[R_ID]];
	r->side = t->field[col[R_SIDE]];
	r->status = t->field[col[R_STATUS]];
	r->note = t->field[col[R_NOTE]];
	bad |= check_session(t, col[R_SESSION]) < 0;
	bad |= tsv_int(t, col[R_STEP], 0, 999, &r->step) < 0;
	bad |= tsv_int(t, col[R_SETS], 0, 20, &r->sets) < 0;
	bad |= tsv_int(t, col[R_REPS], 0, 2000, &r->reps) < 0;
	bad |= tsv_int(t, col[R_HOLD_S], 0, 86400, &r->hold_s) < 0;
	bad |= tsv_int(t, col[R_ACTIVE_S], 0, 86400, &r->active_s) < 0;
	if ((rec = tsv_enum(t, col[R_RECORD], result_records)) < 0)
		return -1;
	if (rec == 0)
		bad |= check_exercise(t, col, r) < 0;
	else
		bad |= check_other(t, col, r) < 0;
	return bad ? -1 : 0;
}

/*
 * What makes a row the same row: the session, the record, the step,
 * the exercise and side, the status of a pain or screen record, and
 * when it started.
 */
size_t
result_key(char *dst, size_t n, const struct result *r)
{
	int w = snprintf(dst, n, "%s\037%s\037%s\037%ld\037%s\037%s\037%s",
	    r->started, r->session, r->record, r->step, r->id, r->side,
	    strcmp(r->record, "exercise") == 0 ? "" : r->status);

	return w < 0 ? 0 : (size_t)w < n ? (size_t)w : n - 1;
}

/*
 * results.c - the results format: what lr-timer writes, lr-log keeps
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

void
result_put(FILE *fp, const struct result *r)
{
	char step[24], sets[24], reps[24], hold[24], active[24], pain[16];
	char *f[R_NCOLS];

	snprintf(step, sizeof step, "%ld", r->step);
	snprintf(sets, sizeof sets, "%ld", r->sets);
	snprintf(reps, sizeof reps, "%ld", r->reps);
	snprintf(hold, sizeof hold, "%ld", r->hold_s);
	snprintf(active, sizeof active, "%ld", r->active_s);
	if (r->pain >= 0)
		snprintf(pain, sizeof pain, "%d", r->pain);
	else
		pain[0] = '\0';
	f[R_STARTED] = (char *)r->started;
	f[R_SESSION] = (char *)r->session;
	f[R_RECORD] = (char *)r->record;
	f[R_STEP] = step;
	f[R_ID] = (char *)r->id;
	f[R_SIDE] = (char *)r->side;
	f[R_SETS] = sets;
	f[R_REPS] = reps;
	f[R_HOLD_S] = hold;
	f[R_ACTIVE_S] = active;
	f[R_STATUS] = (char *)r->status;
	f[R_PAIN] = pain;
	f[R_NOTE] = (char *)r->note;
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

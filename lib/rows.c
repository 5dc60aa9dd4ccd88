/* rows.c - the timer's results rows: whole, flushed, or held back. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"

/* Rows reach stdout whole and at once, so a kill leaves no torn row. */
static int
flush(struct rows *r)
{
	if (fflush(r->out) == 0 && !ferror(r->out))
		return 0;
	r->error = errno ? errno : EIO;
	return -1;
}

static int
put(struct rows *r, const struct result *res, int last)
{
	if (r->error)
		return -1;
	errno = 0;
	result_put(r->out, res);
	return last ? flush(r) : 0;
}

/* The header; rows are held back in memory when `hold`. */
int
rows_open(struct rows *r, const char *session, int hold)
{
	memset(r, 0, sizeof *r);
	r->session = session;
	r->out = hold ? open_memstream(&r->held, &r->len) : stdout;
	if (r->out == NULL)
		lr_die(LR_EDATA, "out of memory");
	errno = 0;
	result_put_header(r->out);
	return flush(r);
}

/* A row of an exercise, flushed with the last of its rows. */
int
rows_exercise(struct rows *r, const struct session_row *sr,
    time_t started)
{
	struct result res;

	result_init(&res, r->session, "exercise");
	lr_iso_time(res.started, sizeof res.started, started);
	res.step = sr->ex->r.step;
	res.id = sr->ex->r.id;
	res.side = result_sides[sr->side];
	res.sets = sr->sets;
	res.reps = sr->reps;
	res.hold_s = sr->hold_s;
	res.active_s = sr->active_s;
	res.status = result_exercise_status[sr->status];
	return put(r, &res, sr->last);
}

/* A pain rating or the answers to the safety screen, as of now. */
int
rows_check(struct rows *r, const char *record, const char *status,
    int pain, const char *note)
{
	struct result res;

	result_init(&res, r->session, record);
	lr_iso_time(res.started, sizeof res.started, time(NULL));
	res.status = status;
	res.pain = pain;
	res.note = note != NULL ? note : "";
	return put(r, &res, 1);
}

/* The rows held back, if any, then stdout closed: 0, or an exit status. */
int
rows_close(struct rows *r)
{
	if (r->out != stdout) {
		fclose(r->out);
		fwrite(r->held, 1, r->len, stdout);
		free(r->held);
		r->out = NULL;
	}
	if (r->error) {
		lr_warn("results could not be written: %s", strerror(r->error));
		return LR_EDATA;
	}
	lr_close_stdout();
	return LR_OK;
}

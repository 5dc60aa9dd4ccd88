/* manual.c - owns a session done away from the timer, as lr-log add logs it. */

/*
 * A session done away from the timer: its exercises and
 * doses, the rows lr-timer would have written for them, and the
 * session in the log that a later add joins.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "manual.h"

/* The limits of a results row (results.c checks them on reading). */
#define ROW_REPS_MAX 2000
#define ROW_SECONDS_MAX 86400

/* Room for n exercises, numbered from step 1. */
static void
manual_alloc(struct manual *m, size_t n)
{
	memset(m, 0, sizeof *m);
	m->v = lr_xmalloc((n ? n : 1) * sizeof *m->v);
	m->n = n;
	m->step = 1;
}

static void
take_exercise(struct manual_ex *x, const struct exercise *e, char *id)
{
	x->id = id;
	x->sides = e->sides;
	x->sets = e->sets;
	x->reps = e->reps;
	x->hold_s = e->hold_s;
	x->rep_s = e->rep_s;
}

int
manual_from_ids(struct manual *m, const char *catalog,
    const char *const *ids, size_t n)
{
	struct exercise *e = lr_xmalloc((n ? n : 1) * sizeof *e);
	char **copy = lr_xmalloc((n ? n : 1) * sizeof *copy);
	size_t i;
	int rv;

	manual_alloc(m, n);
	if ((rv = catalog_find_all(catalog, ids, n, e, copy)) == 0)
		for (i = 0; i < n; i++)
			take_exercise(&m->v[i], &e[i], copy[i]);
	else
		m->n = 0;
	free(e);
	free(copy);
	return rv;
}

int
manual_from_routine(struct manual *m, const char *catalog,
    const char *name)
{
	struct routine r;
	const char **ids;
	size_t i;
	int rv;

	memset(m, 0, sizeof *m);
	if (routine_read(name, &r) != 0) {
		routine_free(&r);
		return -1;
	}
	ids = lr_xmalloc(r.n * sizeof *ids);
	for (i = 0; i < r.n; i++)
		ids[i] = r.v[i].id;
	if ((rv = manual_from_ids(m, catalog, ids, r.n)) == 0)
		for (i = 0; i < r.n; i++) {
			m->v[i].sets = r.v[i].sets;
			m->v[i].reps = r.v[i].reps;
			m->v[i].hold_s = r.v[i].hold_s;
		}
	free(ids);
	routine_free(&r);
	return rv;
}

void
manual_free(struct manual *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].id);
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/*
 * What a side of the exercise adds up to, counted as the timer counts
 * it: every rep, every second held, every second of work.
 */
static void
side_totals(const struct manual_ex *x, struct result *r)
{
	long rep_s = x->reps > 0 ? (x->rep_s > 0 ? x->rep_s : 3) : 0;

	r->sets = x->sets;
	r->reps = x->sets * x->reps;
	r->hold_s = x->reps > 0 ? r->reps * x->hold_s : x->sets * x->hold_s;
	r->active_s = x->reps > 0 ? r->reps * (rep_s + x->hold_s) :
	    x->sets * x->hold_s;
}

long
manual_too_big(const struct manual *m)
{
	struct result r;
	size_t i;

	for (i = 0; i < m->n; i++) {
		side_totals(&m->v[i], &r);
		if (r.reps > ROW_REPS_MAX || r.hold_s > ROW_SECONDS_MAX ||
		    r.active_s > ROW_SECONDS_MAX)
			return (long)i;
	}
	return -1;
}

void
manual_rows(const struct manual *m, struct batch *b)
{
	struct result r;
	size_t i;
	int k, sides;

	for (i = 0; i < m->n; i++) {
		const struct manual_ex *x = &m->v[i];

		result_init(&r, m->session, "exercise");
		snprintf(r.started, sizeof r.started, "%s", m->started);
		r.step = m->step + (long)i;
		r.id = x->id;
		r.status = "done";
		r.note = m->note ? m->note : "";
		side_totals(x, &r);
		sides = m->side ? 1 : x->sides > 1 ? 2 : 1;
		for (k = 0; k < sides; k++) {
			r.side = m->side ? m->side : sides == 2 ?
			    result_sides[1 + k] : "both";
			batch_add_result(b, &r);
		}
	}
}

/* As results.c checks the session column: 1 to 64 of [A-Za-z0-9-_.:]. */
int
manual_session_valid(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    strchr("-_.:", s[i])))
			return 0;
	return i > 0 && i <= 64;
}

/* Read the log's rows for the session id; see manual_find_session. */
static int
scan_log(struct tsv *t, const char *id, char *started, size_t n,
    long *step)
{
	long col[R_NCOLS];
	int rv, found = 0;

	if (result_find_columns(t, col) != 0)
		return -1;
	t->quiet = 1;		/* bad rows: the append names them */
	while ((rv = tsv_next(t)) != TSV_EOF) {
		const char *const *f = (const char *const *)t->field;
		long s;

		if (rv == TSV_FAIL)
			return -1;
		if (rv != TSV_ROW || strcmp(f[col[R_SESSION]], id) != 0)
			continue;
		if (!found && strlen(f[col[R_STARTED]]) < n)
			snprintf(started, n, "%s", f[col[R_STARTED]]);
		s = strtol(f[col[R_STEP]], NULL, 10);
		if (!found || s > *step)
			*step = s;
		found = 1;
	}
	return found;
}

int
manual_find_session(const char *log, const char *id, char *started,
    size_t n, long *step)
{
	struct stat st;
	struct tsv t;
	FILE *fp;
	int fd, rv;

	started[0] = '\0';
	*step = 0;
	if (stat(log, &st) != 0 && errno == ENOENT)
		return 0;
	if ((fd = lr_open_nowait(log, &st)) < 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file: lr-log appends only to one",
		    log);
		close(fd);
		return -1;
	}
	if (st.st_size == 0) {
		close(fd);
		return 0;
	}
	if ((fp = lr_fdopen_read(fd, log)) == NULL)
		return -1;
	if (tsv_open(&t, fp, log) != 0) {
		fclose(fp);
		return -1;
	}
	rv = scan_log(&t, id, started, n, step);
	tsv_close(&t);
	fclose(fp);
	if (rv == 1 && started[0] == '\0')
		rv = 0;		/* a start too long to be a time: a bad row */
	return rv;
}

void
manual_check_args(const struct manual_args *a)
{
	char q[160];

	if (a->routine != NULL && a->nids > 0)
		lr_usage_error("add: --routine logs the routine's exercises, "
		    "so no ids go with it (add them to its session with "
		    "--session)");
	if (a->routine == NULL && a->nids == 0)
		lr_usage_error("add takes one or more exercise ids, or "
		    "--routine NAME");
	if ((a->sets >= 0 || a->reps >= 0 || a->hold >= 0 ||
	    a->side != NULL) && (a->routine != NULL || a->nids > 1))
		lr_usage_error("--sets, --reps, --hold and --side give one "
		    "exercise's dose: add that one alone, and --session "
		    "puts it in the same session");
	if (a->session != NULL && !manual_session_valid(a->session)) {
		lr_quote(q, sizeof q, a->session);
		lr_usage_error("--session: expected a session id of 1 to 64 "
		    "letters, digits and - _ . :, got %s", q);
	}
}

/* The dose given on the command line, for the one exercise. */
static void
take_dose(struct manual_ex *x, const struct manual_args *a)
{
	if (a->sets >= 0)
		x->sets = a->sets;
	if (a->reps >= 0)
		x->reps = a->reps;
	if (a->hold >= 0)
		x->hold_s = a->hold;
	if (x->reps == 0 && x->hold_s == 0)
		lr_usage_error("add: give --reps or --hold: an exercise of no "
		    "reps and no hold was not done");
}

/* The session to join: its start (unless --date) and next step. */
static int
join_session(struct manual *m, const char *id, const char *log)
{
	int rv = manual_find_session(log, id, m->started, sizeof m->started,
	    &m->step);

	if (rv == 0)
		lr_warn("%s: no row of the log has session \"%s\": nothing "
		    "was logged", log, id);
	m->step++;
	return rv == 1 ? 0 : -1;
}

int
manual_add(const struct manual_args *a, const char *log, struct batch *b,
    char *session, size_t n)
{
	struct manual m;
	long big;
	int rv;

	if (a->routine != NULL)
		rv = manual_from_routine(&m, a->catalog, a->routine);
	else
		rv = manual_from_ids(&m, a->catalog, a->ids, a->nids);
	if (rv == 0 && a->nids == 1)
		take_dose(&m.v[0], a);
	if (rv == 0 && (big = manual_too_big(&m)) >= 0)
		lr_usage_error("add: %s at that dose is more than a results "
		    "row holds: at most %d reps and %d s a side", m.v[big].id,
		    ROW_REPS_MAX, ROW_SECONDS_MAX);
	if (rv == 0 && a->session != NULL) {
		rv = join_session(&m, a->session, log);
		snprintf(session, n, "%s", a->session);
	} else if (rv == 0) {
		lr_session_id(session, n, "manual");
		lr_iso_time(m.started, sizeof m.started, time(NULL));
	}
	if (rv == 0) {
		if (a->when != NULL)
			snprintf(m.started, sizeof m.started, "%s", a->when);
		m.session = session;
		m.side = a->side;
		m.note = a->note;
		manual_rows(&m, b);
	}
	manual_free(&m);
	return rv;
}

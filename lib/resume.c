/* resume.c - owns a session stopped early, saved for lr-timer --resume. */

/*
 * A session stopped early, saved in the state directory and
 * read back by lr-timer --resume the same day.  The file is the
 * owner's alone (0600), replaced whole, and refused when anyone else
 * could have written it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "resume.h"

#define RESUME_FILE "resume"
#define MAGIC "lr-timer resume 1"

/* Is a side not done: neither before a resume nor now? */
static int
side_left(const struct session_ex *e, int side)
{
	return !e->before[side] && e->status[side] != ROW_DONE;
}

static int
sides_of(const struct session_ex *e, int *v)
{
	if (e->r.dose.sides > 1) {
		v[0] = SIDE_LEFT;
		v[1] = SIDE_RIGHT;
		return 2;
	}
	v[0] = SIDE_BOTH;
	return 1;
}

/* Is anything of the session still to do? */
int
resume_left(const struct session *s)
{
	size_t i;
	int v[2], n, k;

	for (i = 0; i < s->nex; i++)
		for (n = sides_of(&s->ex[i], v), k = 0; k < n; k++)
			if (side_left(&s->ex[i], v[k]))
				return 1;
	return 0;
}

static void
put_plan_row(FILE *fp, const struct plan_row *r)
{
	char num[8][24];
	char *f[P_NCOLS];
	const long v[8] = { r->dose.sides, r->dose.sets, r->dose.reps,
	    r->dose.rep_s, r->dose.hold_s, r->dose.breaths, r->dose.rest_s,
	    r->step };
	int k;

	for (k = 0; k < 8; k++)
		snprintf(num[k], sizeof num[k], "%ld", v[k]);
	f[P_STEP] = num[7];
	f[P_ID] = (char *)r->id;
	f[P_NAME] = (char *)r->name;
	f[P_KIND] = (char *)r->kind;
	f[P_POSITION] = (char *)r->position;
	f[P_EQUIPMENT] = (char *)r->equipment;
	for (k = 0; k < 7; k++)
		f[P_SIDES + k] = num[k];
	f[P_CUE] = (char *)r->cue;
	f[P_WHY] = (char *)r->why;
	f[P_STEPS] = (char *)(r->steps != NULL ? r->steps : "");
	tsv_put_row(fp, f, P_NCOLS);
}

static void
put_state(FILE *fp, const struct session *s, const struct resume *r)
{
	char today[16];
	size_t i;
	int v[2], n, k;

	fprintf(fp, "%s\ndate\t%s\nsession\t%s\nstopped\t%lld\n"
	    "active_ms\t%ld\n", MAGIC, lr_iso_date(today, sizeof today,
	    r->stopped), r->session, (long long)r->stopped, r->active_ms);
	for (i = 0; i < s->nex; i++)
		for (n = sides_of(&s->ex[i], v), k = 0; k < n; k++)
			if (!side_left(&s->ex[i], v[k]))
				fprintf(fp, "done\t%zu\t%s\n", i,
				    result_sides[v[k]]);
	fputs("plan\n", fp);
	tsv_put_row(fp, (char *const *)plan_cols, P_NCOLS);
	for (i = 0; i < s->nex; i++)
		put_plan_row(fp, &s->ex[i].r);
}

/*
 * Keep what is left of the session, to resume it: written to a new
 * file of mode 0600 beside the old, then put in its place.  A failure
 * is said; the session's results are not touched by it.
 */
int
resume_save(const struct session *s, const struct resume *r)
{
	char path[PATH_MAX], tmp[PATH_MAX + 16];
	FILE *fp;
	int fd, e = 0;

	if (lr_state_file(path, sizeof path, RESUME_FILE) != 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		lr_warn("%s: %s", tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	errno = 0;
	put_state(fp, s, r);
	if (fflush(fp) != 0 || ferror(fp) || fsync(fd) != 0)
		e = errno ? errno : EIO;
	if (fclose(fp) != 0 && e == 0)
		e = errno ? errno : EIO;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0) {
		lr_warn("%s: %s", path, strerror(e));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/*
 * After a session: keep it to resume when it stopped with something
 * left to do (its sides done now and before, its exercise before and
 * now), in place of any kept before.  A resumed session run to its
 * end leaves nothing to resume; another session run to its end leaves
 * the one kept as it was.  1 when it was kept.
 */
int
resume_keep(const struct session *s, const char *id,
    const struct resume *before, int resumed)
{
	struct resume r;

	if (!s->quit || !resume_left(s)) {
		if (resumed)
			resume_clear();
		return 0;
	}
	memset(&r, 0, sizeof r);
	snprintf(r.session, sizeof r.session, "%s", id);
	/* Its rows may be a second ahead, after those of a part before. */
	r.stopped = time(NULL);
	if (r.stopped <= before->stopped)
		r.stopped = before->stopped + 1;
	r.active_ms = before->active_ms + session_active(s);
	return resume_save(s, &r) == 0;
}

void
resume_clear(void)
{
	char path[PATH_MAX];

	if (lr_state_path(path, sizeof path, RESUME_FILE) == 0 &&
	    unlink(path) != 0 && errno != ENOENT)
		lr_warn("%s: %s", path, strerror(errno));
}

/* The state file, if it is ours alone to write; NULL, said, if not. */
static FILE *
open_state(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			lr_warn("nothing to resume: no session was stopped "
			    "early today");
		else
			lr_warn("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0) {
		lr_warn("%s: not resumed: it is not a file only you can "
		    "write (chmod 600 it, or remove it)", path);
		close(fd);
		return NULL;
	}
	return lr_fdopen_read(fd, path);
}

/* The next "key<TAB>value" line, NULL at "plan" or the end. */
static char *
next_line(FILE *fp, char *line, size_t n, char **value)
{
	char *tab;

	if (fgets(line, (int)n, fp) == NULL)
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	if (strcmp(line, "plan") == 0)
		return NULL;
	tab = strchr(line, '\t');
	*value = tab != NULL ? (*tab = '\0', tab + 1) : line + strlen(line);
	return line;
}

/* The sides done before, as read: exercise index and side. */
struct done {
	size_t *ex;
	int *side;
	size_t n;
};

/* A "done" line: exercise index and side; anything else is passed by. */
static void
take_done(struct done *d, const char *v)
{
	unsigned long i;
	char *end;
	int w;

	if (*v < '0' || *v > '9')
		return;
	errno = 0;
	i = strtoul(v, &end, 10);
	if (errno != 0 || *end != '\t' ||
	    (w = lr_word_index(result_sides, end + 1)) < 0)
		return;
	d->ex = lr_xrealloc(d->ex, (d->n + 1) * sizeof *d->ex);
	d->side = lr_xrealloc(d->side, (d->n + 1) * sizeof *d->side);
	d->ex[d->n] = i;
	d->side[d->n++] = w;
}

/* The lines before the plan. */
static int
read_head(FILE *fp, struct resume *r, char *date, size_t n, struct done *d)
{
	char line[256], *v, *k;
	int magic = 0;

	while ((k = next_line(fp, line, sizeof line, &v)) != NULL) {
		if (strcmp(k, MAGIC) == 0)
			magic = 1;
		else if (strcmp(k, "date") == 0)
			snprintf(date, n, "%s", v);
		else if (strcmp(k, "session") == 0)
			snprintf(r->session, sizeof r->session, "%s", v);
		else if (strcmp(k, "stopped") == 0)
			r->stopped = (time_t)strtoll(v, NULL, 10);
		else if (strcmp(k, "active_ms") == 0)
			r->active_ms = strtol(v, NULL, 10);
		else if (strcmp(k, "done") == 0)
			take_done(d, v);
	}
	return magic && r->session[0] != '\0' && date[0] != '\0' ? 0 : -1;
}

static int
read_plan(FILE *fp, const char *path, struct session *s)
{
	struct plan p;
	struct plan_row row;
	int rv, bad = 0;

	if (plan_open(&p, fp, path) != 0)
		return -1;
	while ((rv = plan_next(&p, &row)) != TSV_EOF && rv != TSV_FAIL) {
		if (rv == TSV_ROW)
			session_add(s, &row);
		else
			bad = 1;
	}
	plan_close(&p);
	return bad || rv == TSV_FAIL || s->nex == 0 ? -1 : 0;
}

/*
 * The session stopped early today: its plan into s, the sides done
 * marked, its id and time in r.  -1, said, when there is none to
 * resume or it cannot be read.
 */
int
resume_load(struct session *s, struct resume *r)
{
	char path[PATH_MAX], date[16] = "", today[16];
	struct done d = { NULL, NULL, 0 };
	size_t i;
	int rv = -1;
	FILE *fp;

	memset(r, 0, sizeof *r);
	if (lr_state_path(path, sizeof path, RESUME_FILE) != 0 ||
	    (fp = open_state(path)) == NULL)
		return -1;
	if (read_head(fp, r, date, sizeof date, &d) != 0 ||
	    read_plan(fp, path, s) != 0)
		lr_warn("%s: not resumed: it is not a session as lr-timer "
		    "keeps one", path);
	else if (strcmp(date, lr_iso_date(today, sizeof today,
	    time(NULL))) != 0)
		lr_warn("nothing to resume: the session stopped early was on "
		    "%s, and only today's is picked up", date);
	else
		rv = 0;
	fclose(fp);
	for (i = 0; rv == 0 && i < d.n; i++)
		if (d.ex[i] < s->nex)
			s->ex[d.ex[i]].before[d.side[i]] = 1;
	free(d.ex);
	free(d.side);
	return rv;
}

/*
 * lr-log - append results to the person's log, safely: checked before
 * anything is written, all or nothing on disk, never twice.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "logindex.h"
#include "lr.h"

static const char usage_text[] =
"usage: lr-log [-q] [-f LOG] [FILE...]\n"
"       lr-log [-q] [-f LOG] add ID [--sets N] [--reps N] [--hold S]\n"
"              [--side SIDE] [--date WHEN] [--note TEXT]\n"
"       lr-log [-q] [-f LOG] pain N [--date WHEN] [--note TEXT]\n"
"       lr-log [-f LOG] --check | --repair | --export csv\n"
"\n"
"Append results rows (from lr-timer, the FILEs, or standard input) to\n"
"the log, checked first: one bad row and nothing is written.  Rows\n"
"already in the log are not added again.\n"
"\n"
"  -f, --log FILE     the log (default $LR_LOG, else\n"
"                     $XDG_DATA_HOME/lr/log.tsv or ~/.local/share/lr/log.tsv)\n"
"  -q, --quiet        say nothing when all went well\n"
"      --check        check the log and report each problem\n"
"      --repair       finish or undo an interrupted append, mend what\n"
"                     can be mended, then check\n"
"      --export csv   write the log as CSV (RFC 4180), escapes decoded,\n"
"                     for tools such as sqlite3 and Python's csv\n"
"\n"
"  add ID             record an exercise done away from the timer\n"
"      --sets N       sets done (default: the catalog's)\n"
"      --reps N       reps per set (default: the catalog's)\n"
"      --hold S       seconds of each hold (default: the catalog's)\n"
"      --side SIDE    left, right or both (default: each side of an\n"
"                     exercise done on each side)\n"
"      --catalog FILE the catalog to take the exercise from\n"
"  pain N             record a pain rating, 0 (none) to 10 (worst)\n"
"      --date WHEN    today (default), yesterday, YYYY-MM-DD or\n"
"                     YYYY-MM-DDTHH:MM\n"
"      --note TEXT    a note to keep with the record (UTF-8, at most\n"
"                     4096 bytes)\n"
"\n"
"  -h, --help         show this help\n"
"  -V, --version      show the version\n";

enum { M_APPEND, M_ADD, M_PAIN, M_CHECK, M_REPAIR, M_EXPORT };

/* A note is a few words for the physiotherapist, not a document. */
#define NOTE_MAX 4096
/* Years of sessions fit in a few MiB: more on stdin is not results. */
#define INPUT_MAX (16 << 20)

struct options {
	const char *log, *catalog, *date, *note, *side;
	long sets, reps, hold;
	int quiet, mode;
	char **args;
	int nargs;
};

/* ---- options ---- */

static void
set_mode(struct options *o, int mode)
{
	if (o->mode != M_APPEND && o->mode != mode)
		lr_usage_error("--check and --repair go alone");
	o->mode = mode;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "log", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "check", no_argument, NULL, 'C' },
		{ "repair", no_argument, NULL, 'R' },
		{ "export", required_argument, NULL, 'E' },
		{ "sets", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "hold", required_argument, NULL, 'H' },
		{ "side", required_argument, NULL, 'S' },
		{ "date", required_argument, NULL, 'd' },
		{ "note", required_argument, NULL, 'n' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, manual_opt = 0;

	o->sets = o->reps = o->hold = -1;
	while ((ch = getopt_long(argc, argv, "f:qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': o->log = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'C': set_mode(o, M_CHECK); break;
		case 'R': set_mode(o, M_REPAIR); break;
		case 'E':
			if (strcmp(optarg, "csv") != 0)
				lr_usage_error("--export: expected csv, got "
				    "\"%s\"", optarg);
			set_mode(o, M_EXPORT);
			break;
		case 's': o->sets = lr_opt_long("--sets", optarg, 0, 20); break;
		case 'r': o->reps = lr_opt_long("--reps", optarg, 0, 100); break;
		case 'H': o->hold = lr_opt_long("--hold", optarg, 0, 3600); break;
		case 'S':
			if (lr_word_index(result_sides, optarg) < 0)
				lr_usage_error("--side: expected left, right "
				    "or both, got \"%s\"", optarg);
			o->side = optarg;
			break;
		case 'd': o->date = optarg; break;
		case 'n': o->note = optarg; break;
		case 'c': o->catalog = optarg; break;
		case 'h': lr_print_usage(usage_text);
		case 'V': lr_print_version(); break;
		default: lr_usage_error("unknown option");
		}
		if (strchr("srHSdnc", ch))
			manual_opt = ch;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->mode == M_APPEND && o->nargs > 0 &&
	    strcmp(o->args[0], "add") == 0)
		o->mode = M_ADD;
	else if (o->mode == M_APPEND && o->nargs > 0 &&
	    strcmp(o->args[0], "pain") == 0)
		o->mode = M_PAIN;
	if (o->mode == M_ADD && o->nargs != 2)
		lr_usage_error("add takes one exercise id");
	if (o->mode == M_PAIN && o->nargs != 2)
		lr_usage_error("pain takes one rating, 0 to 10");
	if ((o->mode == M_CHECK || o->mode == M_REPAIR ||
	    o->mode == M_EXPORT) && o->nargs > 0)
		lr_usage_error("--check, --repair and --export take no file: "
		    "use -f");
	if (o->log != NULL && o->log[0] == '\0')
		lr_usage_error("-f: an empty name is no log");
	/* The log holds only what its reader takes back. */
	if (o->note != NULL && !lr_utf8_valid(o->note, strlen(o->note)))
		lr_usage_error("--note: not valid UTF-8 text (is the "
		    "terminal's character set UTF-8?)");
	if (o->note != NULL && strlen(o->note) > NOTE_MAX)
		lr_usage_error("--note: %zu bytes, over the %d a note may hold",
		    strlen(o->note), NOTE_MAX);
	if (manual_opt && o->mode != M_ADD && (o->mode != M_PAIN ||
	    !strchr("dn", manual_opt)))
		lr_usage_error("--sets, --reps, --hold, --side, --catalog, "
		    "--date and --note go with add (and --date, --note with "
		    "pain)");
}

/* ---- signals while reading a pipe ---- */

/*
 * The signal that came while a piped batch was being logged.  The one
 * global beyond the options: a signal handler can reach nothing else.
 */
static volatile sig_atomic_t deferred_signal;

static void
defer(int sig)
{
	deferred_signal = sig;
}

/*
 * Reading a pipe, lr-log finishes the batch it has begun when Ctrl-C,
 * SIGTERM or SIGHUP comes, as tee -i does: the rows still coming down
 * the pipe are the end of a session, and are logged, not lost.  (Until
 * they are, they wait in pending/, so even SIGKILL loses nothing.)
 */
static void
defer_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = defer;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* ---- the batch: rows to append, with what makes each one unique ---- */

struct source {
	char *name;
	char **cols;
	size_t ncol;
};

struct row {
	char **f;
	size_t src;
	unsigned long line;		/* in its source; 0 when built here */
	char *key;
	int dup;
};

struct batch {
	struct row *v;
	size_t n, cap;
	struct source *src;
	size_t nsrc;
	size_t *slot;			/* hash of keys: row index + 1 */
	size_t nslot;
};

/* The row with this key, or -1. */
static long
batch_find(const struct batch *b, const char *key)
{
	size_t i;

	if (b->nslot == 0 || b->n == 0)
		return -1;
	for (i = lr_hash(key) & (b->nslot - 1); b->slot[i] != 0;
	    i = (i + 1) & (b->nslot - 1))
		if (strcmp(b->v[b->slot[i] - 1].key, key) == 0)
			return (long)b->slot[i] - 1;
	return -1;
}

static void
batch_index(struct batch *b)
{
	size_t i, j;

	free(b->slot);
	for (b->nslot = 16; b->nslot < 2 * b->n; b->nslot *= 2)
		;
	b->slot = lr_xmalloc(b->nslot * sizeof *b->slot);
	memset(b->slot, 0, b->nslot * sizeof *b->slot);
	for (i = 0; i < b->n; i++) {
		if (batch_find(b, b->v[i].key) >= 0) {
			b->v[i].dup = 2;	/* twice in the input */
			continue;
		}
		for (j = lr_hash(b->v[i].key) & (b->nslot - 1);
		    b->slot[j] != 0; j = (j + 1) & (b->nslot - 1))
			;
		b->slot[j] = i + 1;
	}
}

static size_t
add_source(struct batch *b, const char *name, char *const *cols, size_t n)
{
	struct source *s;
	size_t i;

	b->src = lr_xrealloc(b->src, (b->nsrc + 1) * sizeof *b->src);
	s = &b->src[b->nsrc];
	s->name = lr_xstrdup(name);
	s->ncol = n;
	s->cols = lr_xmalloc(n * sizeof *s->cols);
	for (i = 0; i < n; i++)
		s->cols[i] = lr_xstrdup(cols[i]);
	return b->nsrc++;
}

static void
add_row(struct batch *b, size_t src, unsigned long line, char *const *f,
    const struct result *r)
{
	struct row *w;
	char key[512];
	size_t i;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->v = lr_xrealloc(b->v, b->cap * sizeof *b->v);
	}
	w = &b->v[b->n++];
	w->src = src;
	w->line = line;
	w->dup = 0;
	w->f = lr_xmalloc(b->src[src].ncol * sizeof *w->f);
	for (i = 0; i < b->src[src].ncol; i++)
		w->f[i] = lr_xstrdup(f[i]);
	result_key(key, sizeof key, r);
	w->key = lr_xstrdup(key);
}

/* Drop the rows from the n-th on: an input refused as a whole. */
static void
batch_truncate(struct batch *b, size_t n)
{
	size_t j;

	while (b->n > n) {
		struct row *w = &b->v[--b->n];

		for (j = 0; j < b->src[w->src].ncol; j++)
			free(w->f[j]);
		free(w->f);
		free(w->key);
	}
}

static void
batch_free(struct batch *b)
{
	size_t i, j;

	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->src[b->v[i].src].ncol; j++)
			free(b->v[i].f[j]);
		free(b->v[i].f);
		free(b->v[i].key);
	}
	for (i = 0; i < b->nsrc; i++) {
		for (j = 0; j < b->src[i].ncol; j++)
			free(b->src[i].cols[j]);
		free(b->src[i].cols);
		free(b->src[i].name);
	}
	free(b->v);
	free(b->src);
	free(b->slot);
}

/*
 * Read and check one input.  Every bad row is reported; the good ones
 * join the batch.  Returns the number of bad rows, or -1 when the
 * input cannot be read at all.
 */
static long
read_input(struct batch *b, FILE *fp, const char *name, int quiet)
{
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS], bad = 0;
	size_t src;
	int rv;

	if (tsv_open(&t, fp, name) != 0)
		return -1;
	t.quiet = quiet;
	if (result_find_columns(&t, col) != 0) {
		tsv_close(&t);
		return -1;
	}
	src = add_source(b, name, t.col, t.ncol);
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		if (rv == TSV_FAIL) {
			bad++;
			break;
		}
		if (rv == TSV_BAD || result_check(&t, col, &r, &when) != 0) {
			bad++;
			continue;
		}
		/* A day of slack for clocks and time zones, no more. */
		if (when.epoch > time(NULL) + 86400) {
			tsv_error(&t, col[R_STARTED], "a time in the future, "
			    "got \"%s\"", t.field[col[R_STARTED]]);
			bad++;
			continue;
		}
		add_row(b, src, t.line, t.field, &r);
	}
	tsv_close(&t);
	return bad;
}

/* ---- spooling standard input, so that nothing from a pipe is lost ---- */

struct spool {
	char path[PATH_MAX];
	int fd, in_pending;
};

/* Bytes read from standard input and not yet written anywhere. */
struct carry {
	char buf[65536];
	size_t off, len;
};

static int
copy_file(int from, int to)
{
	char buf[65536];
	off_t at = 0;
	ssize_t n;

	while ((n = pread(from, buf, sizeof buf, at)) > 0) {
		if (write(to, buf, (size_t)n) != n)
			return -1;
		at += n;
	}
	return n < 0 ? -1 : 0;
}

/*
 * Copy standard input to fd.  When a write fails, what was read and
 * not written stays in the carry, to go on with somewhere else.
 */
static int
copy_stdin(int fd, struct carry *c)
{
	size_t total = 0;

	for (;;) {
		ssize_t n;

		while (c->off < c->len) {
			n = write(fd, c->buf + c->off, c->len - c->off);
			if (n < 0 && errno != EINTR)
				return -1;
			if (n > 0)
				c->off += (size_t)n;
		}
		n = read(STDIN_FILENO, c->buf, sizeof c->buf);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c->off = 0;
		c->len = (size_t)n;
		if ((total += (size_t)n) > INPUT_MAX)
			return errno = EFBIG, -1;
	}
	return fsync(fd);
}

/*
 * No room anywhere to keep standard input: rather than lose it, give
 * it back on standard output, what was kept first, then the rest.
 */
static void
spill(struct spool *s, struct carry *c)
{
	ssize_t n;

	if (s->fd >= 0) {
		copy_file(s->fd, STDOUT_FILENO);
		unlink(s->path);
		close(s->fd);
		s->fd = -1;
	}
	do {
		if (c->off < c->len &&
		    write(STDOUT_FILENO, c->buf + c->off, c->len - c->off) < 0)
			return;
		c->off = 0;
		n = read(STDIN_FILENO, c->buf, sizeof c->buf);
		c->len = n > 0 ? (size_t)n : 0;
	} while (n > 0 || (n < 0 && errno == EINTR));
}

/*
 * Saved input gets a name no other run can have: the time, the pid
 * and, should two runs still meet, a count.  Names are taken with
 * link(2), which never replaces a file that is there.
 */
static int
link_unique(const char *from, const char *dir, const char *when,
    const char *ext, char *to, size_t n)
{
	int k;

	for (k = 0; k < 1000; k++) {
		char count[16] = "";

		if (k > 0)
			snprintf(count, sizeof count, "-%d", k);
		if (snprintf(to, n, "%s/%s-%ld%s%s", dir, when, (long)getpid(),
		    count, ext) >= (int)n)
			return errno = ENAMETOOLONG, -1;
		if (link(from, to) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return errno = EEXIST, -1;
}

/* A new file of our own in dir, named as link_unique names them. */
static int
create_unique(const char *dir, const char *when, const char *ext, char *to,
    size_t n)
{
	char part[PATH_MAX + 64];
	int fd;

	snprintf(part, sizeof part, "%s/.%s-%ld.part", dir, when,
	    (long)getpid());
	fd = open(part, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0)
		return -1;
	if (link_unique(part, dir, when, ext, to, n) != 0) {
		close(fd);
		unlink(part);
		return -1;
	}
	unlink(part);
	return fd;
}

/*
 * Make a spool file in dir, locked while we work on it so that another
 * lr-log never takes it for one left by a killed run.  It gets its
 * .tsv name only once locked.
 */
static int
open_spool(struct spool *s, const char *dir)
{
	char part[PATH_MAX + 64], when[24];
	int tries;

	lr_stamp_now(when, sizeof when);
	snprintf(part, sizeof part, "%s/.%s-%ld.part", dir, when,
	    (long)getpid());
	/* Another lr-log may remove the empty directory as we make it. */
	s->fd = -1;
	for (tries = 0; tries < 5; tries++) {
		if (lr_mkdirs(dir) != 0)
			return -1;
		s->fd = open(part, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, 0600);
		if (s->fd >= 0 || errno != ENOENT)
			break;
	}
	if (s->fd < 0)
		return -1;
	if (flock(s->fd, LOCK_EX) != 0 ||
	    link_unique(part, dir, when, ".tsv", s->path, sizeof s->path) != 0) {
		close(s->fd);
		unlink(part);
		return -1;
	}
	unlink(part);
	lr_sync_dir(dir);
	return 0;
}

/*
 * Copy standard input to pending/ beside the log, or, when there is
 * no room there (a full disk), to $TMPDIR, losing nothing on the way.
 */
static int
spool_stdin(struct spool *s, const char *logdir)
{
	char dir[PATH_MAX + 16];
	const char *tmp = getenv("TMPDIR");
	struct carry *c = lr_xmalloc(sizeof *c);
	struct spool t = { "", -1, 0 };
	int rv;

	c->off = c->len = 0;
	s->fd = -1;
	s->in_pending = logdir != NULL;
	if (logdir != NULL)
		snprintf(dir, sizeof dir, "%s/pending", logdir);
	if (logdir != NULL && open_spool(s, dir) == 0) {
		if (copy_stdin(s->fd, c) == 0) {
			free(c);
			return 0;
		}
		if (errno != ENOSPC && errno != EDQUOT) {
			free(c);
			return -1;
		}
	}
	/* No room beside the log, or no log to be beside: $TMPDIR. */
	if (errno == EFBIG) {
		free(c);
		return -1;
	}
	snprintf(dir, sizeof dir, "%s", tmp && tmp[0] == '/' ? tmp : "/tmp");
	if (open_spool(&t, dir) != 0 ||
	    (s->fd >= 0 && copy_file(s->fd, t.fd) != 0)) {
		if (t.fd >= 0) {
			unlink(t.path);
			close(t.fd);
		}
		spill(s, c);
		free(c);
		return errno = ENOSPC, -2;
	}
	if (s->fd >= 0) {
		unlink(s->path);
		close(s->fd);
	}
	*s = t;
	s->in_pending = 0;
	if ((rv = copy_stdin(s->fd, c)) != 0 && errno != EFBIG) {
		spill(s, c);
		rv = -2;
	}
	free(c);
	return rv;
}

/*
 * The spool's rows are logged: remove it, and pending/ with it when
 * nothing else waits there, so that no empty directory is left behind.
 */
static void
spool_done(struct spool *s)
{
	char dir[PATH_MAX], *slash;

	if (s->fd < 0)
		return;
	unlink(s->path);
	close(s->fd);
	s->fd = -1;
	snprintf(dir, sizeof dir, "%s", s->path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		/* rmdir fails, rightly, when something else waits there. */
		if (s->in_pending && rmdir(dir) == 0 &&
		    (slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		lr_sync_dir(dir);
	}
}

/* Rejected input is kept whole in rejected/, for the person to fix. */
static int
reject(const char *from, const char *logdir, char *to, size_t n)
{
	char dir[PATH_MAX + 16], when[24];

	snprintf(dir, sizeof dir, "%s/rejected", logdir);
	if (lr_mkdirs(dir) != 0)
		return -1;
	lr_stamp_now(when, sizeof when);
	if (link_unique(from, dir, when, ".tsv", to, n) != 0 ||
	    unlink(from) != 0)
		return -1;
	lr_sync_dir(dir);
	return 0;
}

/* ---- the log ---- */

static const char *const log_extra[] = { "logged", NULL };

/* The log's header: read it, or, for a new log, make it. */
static int
log_header(const struct logfile *l, const struct batch *b, struct tsv *t,
    FILE **fpp)
{
	long col[R_NCOLS];
	size_t i, j;

	*fpp = NULL;
	if (log_size(l) == 0) {
		memset(t, 0, sizeof *t);
		t->ncol = R_NCOLS + 1;
		for (i = 0; i < b->nsrc; i++)
			for (j = 0; j < b->src[i].ncol; j++)
				if (lr_word_index(result_cols,
				    b->src[i].cols[j]) < 0 &&
				    strcmp(b->src[i].cols[j], "logged") != 0)
					t->ncol++;
		t->col = lr_xmalloc(t->ncol * sizeof *t->col);
		for (i = 0; i < R_NCOLS; i++)
			t->col[i] = lr_xstrdup(result_cols[i]);
		t->col[R_NCOLS] = lr_xstrdup(log_extra[0]);
		t->ncol = R_NCOLS + 1;
		for (i = 0; i < b->nsrc; i++)
			for (j = 0; j < b->src[i].ncol; j++) {
				const char *c = b->src[i].cols[j];

				if (lr_word_index(result_cols, c) < 0 &&
				    tsv_col(t, c) < 0)
					t->col[t->ncol++] = lr_xstrdup(c);
			}
		return 0;
	}
	if ((*fpp = fopen(l->path, "r")) == NULL) {
		lr_warn("%s: %s", l->path, strerror(errno));
		return -1;
	}
	if (tsv_open(t, *fpp, l->path) != 0)
		return -1;
	return result_find_columns(t, col);
}

/*
 * Mark the batch rows the log already holds.  A row the log's reader
 * refuses (a blank line, a bad value, a date a spreadsheet rewrote)
 * makes the log one lr-log does not append to: the first is named,
 * and -1 returned.
 */
static long
mark_present(struct batch *b, struct tsv *t, struct logindex *ix)
{
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS], n = 0, i, bad = 0;
	char key[512];
	int rv;

	if (t->fp == NULL)
		return 0;
	if (result_find_columns(t, col) != 0)
		return -1;
	while ((rv = tsv_next(t)) != TSV_EOF) {
		if (rv == TSV_FAIL)
			return -1;
		if (rv != TSV_ROW || result_check(t, col, &r, &when) != 0) {
			t->quiet = 1;	/* the first says it; --check lists */
			bad++;
			continue;
		}
		result_key(key, sizeof key, &r);
		if (ix != NULL && ix->fd >= 0 &&
		    logindex_add(ix, lr_hash(key), t->start) != 0)
			logindex_close(ix);	/* rebuilt next time */
		if ((i = batch_find(b, key)) >= 0 && b->v != NULL &&
		    b->v[i].dup == 0) {
			b->v[i].dup = 1;
			n++;
		}
	}
	if (bad == 0)
		return n;
	lr_warn("%s: %ld bad row%s: nothing added; lr-log --check lists "
	    "them, and lr-log --repair sets them aside in a file it names",
	    t->name, bad, bad == 1 ? "" : "s");
	return -1;
}

/* Does the log end in a newline (or is it empty)? */
static int
ends_in_newline(const struct logfile *l)
{
	off_t size = log_size(l);
	char c = '\n';

	return size <= 0 || (pread(l->fd, &c, 1, size - 1) == 1 && c == '\n');
}

/*
 * Is this row, as the log would hold it, one its reader takes?  Every
 * value valid UTF-8 (a note from the command line may not be), and
 * the line within the reader's limit, "logged" and all.
 */
static int
row_fits(const struct batch *b, const struct row *w, const char *const *v,
    size_t n, long linelen)
{
	char where[PATH_MAX + 32];
	size_t c;

	if (w->line > 0)
		snprintf(where, sizeof where, "%s:%lu", b->src[w->src].name,
		    w->line);
	else
		snprintf(where, sizeof where, "%s", b->src[w->src].name);
	for (c = 0; c < n; c++)
		if (!lr_utf8_valid(v[c], strlen(v[c]))) {
			lr_warn("%s: a value is not valid UTF-8", where);
			return 0;
		}
	if (linelen > TSV_LINE_MAX) {
		lr_warn("%s: the row would be %ld bytes in the log, over the "
		    "%d a line may hold", where, linelen, TSV_LINE_MAX);
		return 0;
	}
	return 1;
}

/*
 * The new rows, in the log's column order; a column the log does not
 * have is an error, a column the input lacks is empty, and "logged"
 * is now.  NULL, with each reason said, when a row is one the log's
 * reader would refuse: lr-log writes only what it can read back.
 */
static char *
serialize(const struct batch *b, const struct tsv *t, int header,
    size_t *len)
{
	char *buf = NULL, now[32];
	const char **v = lr_xmalloc(t->ncol * sizeof *v);
	FILE *mem = open_memstream(&buf, len);
	size_t i, c, k;
	int bad = 0;

	if (mem == NULL)
		lr_die(LR_EDATA, "out of memory");
	lr_iso_time(now, sizeof now, time(NULL));
	if (header)
		tsv_put_row(mem, t->col, t->ncol);
	for (i = 0; i < b->n; i++) {
		const struct row *w = &b->v[i];
		const struct source *s = &b->src[w->src];
		long start = ftell(mem);

		if (w->dup)
			continue;
		for (c = 0; c < t->ncol; c++) {
			v[c] = strcmp(t->col[c], "logged") == 0 ? now : "";
			for (k = 0; k < s->ncol; k++)
				if (strcmp(s->cols[k], t->col[c]) == 0 &&
				    strcmp(t->col[c], "logged") != 0)
					v[c] = w->f[k];
			if (c > 0)
				putc('\t', mem);
			tsv_put_field(mem, v[c]);
		}
		putc('\n', mem);
		if (!row_fits(b, w, v, t->ncol, ftell(mem) - start - 1))
			bad++;
	}
	fclose(mem);
	free(v);
	if (bad == 0)
		return buf;
	lr_warn("nothing was logged: %d row%s the log could not read back",
	    bad, bad == 1 ? "" : "s");
	free(buf);
	return NULL;
}

static int
columns_fit(const struct batch *b, const struct tsv *t)
{
	size_t i, j;
	int ok = 1;

	for (i = 0; i < b->nsrc; i++)
		for (j = 0; j < b->src[i].ncol; j++)
			if (tsv_col(t, b->src[i].cols[j]) < 0) {
				lr_warn("%s: column \"%s\" is not in the log %s",
				    b->src[i].name, b->src[i].cols[j],
				    t->name ? t->name : "");
				ok = 0;
			}
	return ok;
}

/* ---- taking in what killed runs left in pending/ ---- */

/* Where the last line of fd starts, when it has no newline; else -1. */
static off_t
torn_tail(int fd)
{
	struct stat st;
	char c;
	off_t end;

	if (fstat(fd, &st) != 0 || st.st_size == 0 ||
	    pread(fd, &c, 1, st.st_size - 1) != 1 || c == '\n')
		return -1;
	for (end = st.st_size - 1; end > 0; end--)
		if (pread(fd, &c, 1, end - 1) == 1 && c == '\n')
			break;
	return end;
}

/*
 * A spool cut short by a kill ends in a torn line: move it, whole, to
 * rejected/, and cut it from the spool.
 */
static int
set_torn_tail_aside(int fd, const char *path, const char *logdir, off_t at)
{
	char dir[PATH_MAX + 16], to[PATH_MAX + 64], when[24], buf[65536];
	char quoted[PATH_MAX * 2];
	struct stat st;
	off_t from = at;
	ssize_t n;
	int out;

	snprintf(dir, sizeof dir, "%s/rejected", logdir);
	if (fstat(fd, &st) != 0 || lr_mkdirs(dir) != 0)
		return -1;
	lr_stamp_now(when, sizeof when);

	if ((out = create_unique(dir, when, ".torn", to, sizeof to)) < 0)
		return -1;
	while (from < st.st_size &&
	    (n = pread(fd, buf, sizeof buf, from)) > 0) {
		if (write(out, buf, (size_t)n) != n) {
			close(out);
			return -1;
		}
		from += n;
	}
	if (fsync(out) != 0 || close(out) != 0 || lr_sync_dir(dir) != 0)
		return -1;
	lr_warn("%s: a torn last line left by an interrupted run is kept in "
	    "%s", path, lr_shell_quote(quoted, sizeof quoted, to));
	return ftruncate(fd, at) == 0 ? fsync(fd) : -1;
}

/* Read a pending spool into the batch: all its rows or none. */
static long
read_pending(struct batch *b, int fd, const char *path, int quiet)
{
	size_t n0 = b->n;
	FILE *fp;
	long bad;

	if (lseek(fd, 0, SEEK_SET) != 0 || (fp = fdopen(dup(fd), "r")) == NULL)
		return -1;
	bad = read_input(b, fp, path, quiet);
	fclose(fp);
	if (bad != 0)
		batch_truncate(b, n0);
	return bad;
}

struct taken {
	char path[PATH_MAX + 300];
	int fd;
};

/*
 * Take one spool a killed run left: its rows join the batch, or, when
 * it has bad rows, none of them do and it moves to rejected/.  A last
 * line without a newline is kept when it is a whole row.
 */
static int
take_one(struct batch *b, const char *logdir, struct taken *t)
{
	struct stat st;
	char to[PATH_MAX + 64], quoted[PATH_MAX * 2];
	off_t torn;
	long bad;

	if (fstat(t->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0) {
		lr_warn("%s: not written by you (owner %ld, mode %04o): left "
		    "alone", t->path, (long)st.st_uid,
		    (unsigned int)(st.st_mode & 07777));
		return -1;
	}
	torn = torn_tail(t->fd);
	bad = read_pending(b, t->fd, t->path, torn >= 0);
	if (bad != 0 && torn >= 0 &&
	    set_torn_tail_aside(t->fd, t->path, logdir, torn) == 0)
		bad = read_pending(b, t->fd, t->path, 0);
	if (bad != 0) {
		if (reject(t->path, logdir, to, sizeof to) == 0)
			lr_warn("%s: left by an interrupted run and has bad "
			    "rows: none of them logged; moved to %s", t->path,
			    lr_shell_quote(quoted, sizeof quoted, to));
		return -1;
	}
	lr_warn("%s: taking in rows left by an interrupted run", t->path);
	return 0;
}

/*
 * Spools in pending/ that no live lr-log holds are from runs that were
 * killed: their rows join this batch (the log may already have some of
 * them; those are not added twice).  Only the person's own files, in
 * a directory only they can write to, are taken.
 */
static size_t
take_pending(struct batch *b, const char *logdir, const char *mine,
    struct taken *took, size_t max)
{
	char dir[PATH_MAX + 16];
	DIR *d;
	struct dirent *de;
	size_t n = 0;

	snprintf(dir, sizeof dir, "%s/pending", logdir);
	if ((d = opendir(dir)) == NULL)
		return 0;
	if (lr_dir_open_to_others(dir)) {
		lr_warn("%s: others can write to it: nothing in it is taken "
		    "in; check what is there, and chmod 700 it", dir);
		closedir(d);
		return 0;
	}
	while ((de = readdir(d)) != NULL && n < max) {
		struct taken *t = &took[n];
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".tsv") != 0 ||
		    de->d_name[0] == '.')
			continue;
		snprintf(t->path, sizeof t->path, "%s/%s", dir, de->d_name);
		if (mine != NULL && strcmp(t->path, mine) == 0)
			continue;
		t->fd = open(t->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW |
		    O_NONBLOCK);
		if (t->fd < 0)
			continue;
		if (flock(t->fd, LOCK_EX | LOCK_NB) != 0 ||
		    take_one(b, logdir, t) != 0) {
			close(t->fd);
			continue;
		}
		n++;
	}
	closedir(d);
	return n;
}

static void
release_pending(struct taken *took, size_t n, int appended)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (appended)
			unlink(took[i].path);
		close(took[i].fd);
	}
}

/* Does pending/ hold rows left by a run that was killed (not mine)? */
static int
pending_waits(const char *logdir, const char *mine)
{
	char dir[PATH_MAX + 16];
	DIR *d;
	struct dirent *de;
	const char *base = mine ? strrchr(mine, '/') : NULL;
	int found = 0;

	base = base ? base + 1 : mine;
	snprintf(dir, sizeof dir, "%s/pending", logdir);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		found = de->d_name[0] != '.' && len > 4 &&
		    strcmp(de->d_name + len - 4, ".tsv") == 0 &&
		    (base == NULL || strcmp(base, de->d_name) != 0);
	}
	closedir(d);
	return found;
}

/* ---- the index of the log's rows, so an append need not read it all ---- */

/*
 * The key of the row whose line starts at off in the log (head: the
 * log's header), read and checked as the reader does; -1 when there
 * is no good row there (a stale entry).
 */
static int
key_at(int fd, const struct tsv *head, uint64_t off, char *key, size_t n)
{
	char *line = lr_xmalloc(TSV_LINE_MAX + 2), *text = NULL, *nl;
	ssize_t got = pread(fd, line, TSV_LINE_MAX + 2, (off_t)off);
	size_t textlen;
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS];
	FILE *mem;
	int rv = -1;

	if (got <= 0 || (nl = memchr(line, '\n', (size_t)got)) == NULL) {
		free(line);
		return -1;
	}
	if ((mem = open_memstream(&text, &textlen)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	tsv_put_row(mem, head->col, head->ncol);
	fwrite(line, 1, (size_t)(nl - line) + 1, mem);
	fclose(mem);
	free(line);
	if ((mem = fmemopen(text, textlen, "r")) != NULL &&
	    tsv_open(&t, mem, head->name) == 0) {
		t.quiet = 1;
		if (result_find_columns(&t, col) == 0 &&
		    tsv_next(&t) == TSV_ROW &&
		    result_check(&t, col, &r, &when) == 0) {
			result_key(key, n, &r);
			rv = 0;
		}
		tsv_close(&t);
	}
	if (mem)
		fclose(mem);
	free(text);
	return rv;
}

/*
 * Mark the batch rows the log already holds, asking the index for
 * candidates and reading only those rows.  -1 when the index fails:
 * then the log is read whole.
 */
static long
mark_present_indexed(struct batch *b, const struct logindex *ix, int fd,
    const struct tsv *head)
{
	uint64_t offs[16];
	char key[512];
	long n = 0;
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct row *w = &b->v[i];
		ssize_t k, found;

		if (w->dup)
			continue;
		found = logindex_find(ix, lr_hash(w->key), offs,
		    sizeof offs / sizeof offs[0]);
		if (found < 0 || (size_t)found > sizeof offs / sizeof offs[0])
			return -1;	/* many collisions: read it all */
		for (k = 0; k < found; k++)
			if (key_at(fd, head, offs[k], key, sizeof key) == 0 &&
			    strcmp(key, w->key) == 0) {
				w->dup = 1;
				n++;
				break;
			}
	}
	return n;
}

/*
 * Open the log's index and say whether it can be trusted: 1 when it
 * matches the log, 0 when it was reset for the log to be read into
 * it, -1 when there is none to use (said, when it is not ours).
 */
static int
index_open(struct logindex *ix, const struct logfile *l)
{
	char real[PATH_MAX], path[PATH_MAX + 16];
	struct stat st;
	size_t len = strlen(l->journal) - strlen(".journal");

	snprintf(real, sizeof real, "%.*s", (int)len, l->journal);
	if (logindex_path(path, sizeof path, real) != 0 ||
	    fstat(l->fd, &st) != 0)
		return -1;
	if (logindex_open(ix, path) != 0) {
		if (errno == EPERM || errno == ELOOP || errno == EMLINK)
			lr_warn("%s: not an index lr-log made for you (%s): "
			    "not used; remove it", path, strerror(errno));
		logindex_close(ix);
		return -1;
	}
	if (logindex_matches(ix, &st))
		return 1;
	if (logindex_reset(ix) != 0) {
		logindex_close(ix);
		return -1;
	}
	return 0;
}

/* The rows just appended, at their offsets, join the index. */
static void
index_appended(struct logindex *ix, const struct logfile *l,
    const struct batch *b, const char *buf, size_t len, off_t at,
    int header)
{
	struct stat st;
	size_t i, pos = 0;

	if (ix->fd < 0)
		return;
	if (buf[0] == '\n')
		pos = 1;	/* the newline that ended the last row */
	if (header)
		pos = (size_t)((char *)memchr(buf, '\n', len) - buf) + 1;
	for (i = 0; i < b->n && pos < len; i++) {
		if (b->v[i].dup)
			continue;
		if (logindex_add(ix, lr_hash(b->v[i].key),
		    (uint64_t)at + pos) != 0)
			return;		/* not committed: rebuilt next time */
		pos = (size_t)((const char *)memchr(buf + pos, '\n',
		    len - pos) - buf) + 1;
	}
	if (fstat(l->fd, &st) == 0)
		logindex_commit(ix, &st);
}

/* ---- appending ---- */

static long
count_new(const struct batch *b)
{
	long n = 0;
	size_t i;

	for (i = 0; i < b->n; i++)
		n += b->v[i].dup == 0;
	return n;
}

static void
report(const struct options *o, const struct batch *b, long present,
    const char *log)
{
	long added = count_new(b), twice = (long)b->n - added - present;

	if (o->quiet && present == 0 && twice == 0)
		return;
	if (b->n == 0)
		lr_warn("nothing to add: the input holds no rows");
	else if (added == 0)
		lr_warn("nothing added: %s already in %s", b->n == 1 ?
		    "the row is" : "all the rows are", log);
	else
		lr_warn("added %ld row%s to %s", added, added == 1 ? "" : "s",
		    log);
	if (added > 0 && present > 0)
		lr_warn("%ld row%s already in the log %s not added again",
		    present, present == 1 ? " was" : "s were",
		    present == 1 ? "and was" : "and were");
	if (twice > 0)
		lr_warn("%ld row%s given twice in the input, added once",
		    twice, twice == 1 ? " was" : "s were");
}

/* Rows from a pipe that could not be logged: say where they wait. */
static void
say_kept(const struct spool *sp)
{
	char q[PATH_MAX * 2], q2[PATH_MAX * 2];

	if (sp->fd >= 0 && sp->in_pending)
		lr_warn("the rows wait in %s: the next lr-log, or lr-log "
		    "--repair, logs them once that is fixed",
		    lr_shell_quote(q, sizeof q, sp->path));
	else if (sp->fd >= 0)
		lr_warn("the rows are kept in %s: run lr-log %s when that is "
		    "fixed", lr_shell_quote(q, sizeof q, sp->path),
		    lr_shell_quote(q2, sizeof q2, sp->path));
}

/*
 * Lock the log, repair it, take in what killed runs left, drop what
 * the log already has, and append the rest in one all-or-nothing
 * step.
 */
static int
append_batch(const struct options *o, struct batch *b, const char *path,
    struct spool *sp)
{
	struct logfile l;
	struct logindex ix = { .fd = -1 };
	struct stat st;
	struct tsv t;
	struct taken took[64];
	FILE *fp = NULL;
	char *buf;
	size_t len, ntook;
	off_t at;
	long present;
	int rv = LR_EDATA, header, trusted = -1;

	if (log_open(&l, path) != 0) {
		say_kept(sp);
		return LR_EDATA;
	}
	ntook = take_pending(b, l.dir, sp->fd >= 0 ? sp->path : NULL, took,
	    sizeof took / sizeof took[0]);
	batch_index(b);
	header = log_size(&l) == 0;
	if (log_header(&l, b, &t, &fp) != 0) {
		log_close(&l);
		release_pending(took, ntook, 0);
		return LR_EDATA;
	}
	trusted = index_open(&ix, &l);
	present = -1;
	if (trusted == 1)
		present = mark_present_indexed(b, &ix, l.fd, &t);
	if (present < 0) {
		if (trusted == 1 && logindex_reset(&ix) != 0)
			logindex_close(&ix);
		present = mark_present(b, &t, &ix);
	}
	if (present < 0 || !columns_fit(b, &t))
		goto out;
	if (count_new(b) == 0 && !header) {
		if (trusted == 0 && ix.fd >= 0 && fstat(l.fd, &st) == 0)
			logindex_commit(&ix, &st);	/* read whole: keep it */
		rv = LR_OK;
		goto out;
	}
	if ((buf = serialize(b, &t, header, &len)) == NULL)
		goto out;
	/*
	 * A last row without a newline (the format allows it, editors do
	 * it) is whole, for the reader took it: end it before ours.
	 */
	if (!header && !ends_in_newline(&l)) {
		buf = lr_xrealloc(buf, len + 1);
		memmove(buf + 1, buf, len++);
		buf[0] = '\n';
	}
	at = log_size(&l);
	if (log_append(&l, buf, len) != 0) {
		lr_warn("%s: %s: the log is unchanged", path, strerror(errno));
		say_kept(sp);
		free(buf);
		goto out;
	}
	index_appended(&ix, &l, b, buf, len, at, header);
	free(buf);
	rv = LR_OK;
out:
	logindex_close(&ix);
	if (rv == LR_OK) {
		spool_done(sp);
		report(o, b, present, path);
	}
	release_pending(took, ntook, rv == LR_OK);
	if (ntook > 0 && rv == LR_OK) {
		char dir[PATH_MAX + 16];

		snprintf(dir, sizeof dir, "%s/pending", l.dir);
		rmdir(dir);	/* fails, rightly, when more waits there */
	}
	tsv_close(&t);
	if (fp)
		fclose(fp);
	log_close(&l);
	return rv;
}

static void
logdir_of(char *dst, size_t n, const char *path)
{
	char *slash;

	snprintf(dst, n, "%s", path);
	if ((slash = strrchr(dst, '/')) == NULL)
		snprintf(dst, n, ".");
	else if (slash == dst)
		dst[1] = '\0';
	else
		*slash = '\0';
}

/*
 * Can the log be appended to at all?  Asked before standard input is
 * kept anywhere, so that a log that is a device, a directory or read
 * only fails at once, and loudly.
 */
static int
log_usable(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return errno == ENOENT ? 0 : (lr_warn("%s: %s", path,
		    strerror(errno)), -1);
	if (!S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file: lr-log appends only to one",
		    path);
		return -1;
	}
	if (access(path, W_OK) != 0) {
		lr_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
append_inputs(const struct options *o, const char *log)
{
	struct batch b;
	struct spool sp = { "", -1, 0 };
	char dir[PATH_MAX];
	long bad = 0, r;
	int i, n = o->nargs > 0 ? o->nargs : 1, status, usable;

	memset(&b, 0, sizeof b);
	logdir_of(dir, sizeof dir, log);
	usable = log_usable(log) == 0;
	for (i = 0; i < n; i++) {
		const char *arg = o->nargs > 0 ? o->args[i] : "-";
		const char *name;
		FILE *fp;

		if (strcmp(arg, "-") == 0) {
			if (sp.fd >= 0)
				lr_usage_error("standard input given twice");
			if (isatty(STDIN_FILENO))
				lr_warn("reading results from the terminal; "
				    "Ctrl-D ends them");
			else
				defer_signals();
			if ((r = spool_stdin(&sp, usable ? dir : NULL)) != 0) {
				if (r == -2)
					lr_warn("no room anywhere to keep "
					    "standard input: it is on standard "
					    "output instead; save it, make "
					    "room, and run lr-log on it");
				else if (errno == EFBIG)
					lr_warn("standard input is over %d "
					    "MiB: no session's results are "
					    "that long; nothing was logged",
					    INPUT_MAX >> 20);
				else
					lr_warn("cannot keep standard input "
					    "safe: %s", strerror(errno));
				if (sp.fd >= 0) {
					unlink(sp.path);
					close(sp.fd);
				}
				batch_free(&b);
				return LR_EDATA;
			}
			fp = fopen(sp.path, "r");
			name = "<stdin>";
		} else
			fp = lr_open_input(arg, &name);
		if (fp == NULL) {
			bad++;
			continue;
		}
		r = read_input(&b, fp, name, 0);
		bad += r < 0 ? 1 : r;
		fclose(fp);
	}
	if (!usable) {
		char q[PATH_MAX * 2];

		lr_warn("nothing was logged");
		if (sp.fd >= 0) {
			lr_warn("the rows are kept in %s: log them with "
			    "lr-log -f LOG %s", sp.path, lr_shell_quote(q,
			    sizeof q, sp.path));
			close(sp.fd);
		}
		batch_free(&b);
		return LR_EDATA;
	}
	if (bad > 0) {
		char to[PATH_MAX + 64];

		lr_warn("nothing was logged: %ld problem%s", bad,
		    bad == 1 ? "" : "s");
		if (sp.fd >= 0 && reject(sp.path, dir, to, sizeof to) == 0)
			lr_warn("the input is saved in %s: fix it and run "
			    "lr-log %s", to, to);
		else if (sp.fd >= 0)
			lr_warn("the input is kept in %s", sp.path);
		if (sp.fd >= 0)
			close(sp.fd);
		batch_free(&b);
		return LR_EDATA;
	}
	/* Rows nowhere: no log is made for them, nothing left behind. */
	if (b.n == 0 && access(log, F_OK) != 0 && errno == ENOENT &&
	    !pending_waits(dir, sp.fd >= 0 ? sp.path : NULL)) {
		spool_done(&sp);
		if (!o->quiet)
			lr_warn("nothing to add: the input holds no rows");
		batch_free(&b);
		return LR_OK;
	}
	status = append_batch(o, &b, log, &sp);
	if (sp.fd >= 0)
		close(sp.fd);
	batch_free(&b);
	return status;
}

/* ---- manual records ---- */

static void
when_or_die(const struct options *o, char *dst, size_t n)
{
	const char *why;

	if (lr_parse_when(o->date ? o->date : "today", time(NULL), dst, n,
	    &why) != 0)
		lr_usage_error("--date: %s, got \"%s\"", why, o->date);
}

/* Add one results row, built here, to the batch. */
static void
add_built(struct batch *b, const struct result *r)
{
	struct result_text t = { "", "", "", "", "", "" };
	char *f[R_NCOLS];

	if (b->nsrc == 0)
		add_source(b, "<command line>", (char *const *)result_cols,
		    R_NCOLS);
	result_fields(r, &t, f);
	add_row(b, 0, 0, f, r);
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

/* Find the exercise in the catalog, or list close matches. */
static int
find_exercise(const struct options *o, const char *id, struct exercise *out,
    char **copy)
{
	struct catalog c;
	struct exercise e;
	const char *name;
	FILE *fp = o->catalog ? lr_open_input(o->catalog, &name) :
	    catalog_installed(&name);
	char **ids = NULL;
	size_t nids = 0, i;
	int rv, found = 0, bad = 0;

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
		ids = lr_xrealloc(ids, (nids + 1) * sizeof *ids);
		ids[nids++] = lr_xstrdup(e.id);
		if (!found && strcmp(e.id, id) == 0) {
			*out = e;
			out->id = copy[0] = lr_xstrdup(e.id);
			out->name = out->kind = out->regions = "";
			found = 1;
		}
	}
	if (!found && bad == 0)
		suggest(id, ids, nids, name);
	if (found && bad > 0) {
		lr_warn("%s: the catalog has errors: nothing recorded", name);
		free(copy[0]);
		copy[0] = NULL;
		found = 0;
	}
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	catalog_close(&c);
	if (fp != stdin)
		fclose(fp);
	return found ? 0 : -1;
}

static int
build_add(const struct options *o, struct batch *b)
{
	struct exercise e = { 0 };
	struct result r;
	char session[64], *copy[1] = { NULL };
	long sets, reps, hold, rep_s;
	int k, sides;

	if (find_exercise(o, o->args[1], &e, copy) != 0)
		return -1;
	sets = o->sets >= 0 ? o->sets : e.sets;
	reps = o->reps >= 0 ? o->reps : e.reps;
	hold = o->hold >= 0 ? o->hold : e.hold_s;
	rep_s = reps > 0 ? (e.rep_s > 0 ? e.rep_s : 3) : 0;
	if (reps == 0 && hold == 0)
		lr_usage_error("add: give --reps or --hold: an exercise of no "
		    "reps and no hold was not done");
	lr_session_id(session, sizeof session, "manual");
	result_init(&r, session, "exercise");
	when_or_die(o, r.started, sizeof r.started);
	r.id = copy[0];
	r.sets = sets;
	r.reps = sets * reps;
	r.hold_s = reps > 0 ? sets * reps * hold : sets * hold;
	r.active_s = reps > 0 ? sets * reps * (rep_s + hold) : sets * hold;
	r.status = "done";
	r.note = o->note ? o->note : "";
	sides = o->side ? 1 : (int)e.sides;
	for (k = 0; k < sides; k++) {
		r.side = o->side ? o->side : sides == 2 ? (k ? "right" :
		    "left") : "both";
		add_built(b, &r);
	}
	free(copy[0]);
	return 0;
}

static int
build_pain(const struct options *o, struct batch *b)
{
	struct result r;
	char session[64];
	const char *s = o->args[1];

	if (!(s[0] >= '0' && s[0] <= '9' && (s[1] == '\0' ||
	    (s[0] == '1' && s[1] == '0' && s[2] == '\0'))))
		lr_usage_error("pain: expected 0-10, got \"%s\"", s);
	lr_session_id(session, sizeof session, "manual");
	result_init(&r, session, "pain");
	when_or_die(o, r.started, sizeof r.started);
	r.status = "check";
	r.pain = (int)strtol(s, NULL, 10);
	r.note = o->note ? o->note : "";
	add_built(b, &r);
	return 0;
}

static int
append_manual(const struct options *o, const char *log)
{
	struct batch b;
	struct spool sp = { "", -1, 0 };
	int status;

	memset(&b, 0, sizeof b);
	if ((o->mode == M_ADD ? build_add(o, &b) : build_pain(o, &b)) != 0) {
		batch_free(&b);
		return LR_EDATA;
	}
	status = append_batch(o, &b, log, &sp);
	batch_free(&b);
	return status;
}

/* ---- checking ---- */

struct seen {
	uint64_t *h;
	unsigned long *line;
	size_t n, cap;
};

static unsigned long
seen_add(struct seen *s, uint64_t h, unsigned long line)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct seen bigger = { NULL, NULL, 0, s->cap ? 2 * s->cap :
		    1024 };

		bigger.h = lr_xmalloc(bigger.cap * sizeof *bigger.h);
		bigger.line = lr_xmalloc(bigger.cap * sizeof *bigger.line);
		memset(bigger.line, 0, bigger.cap * sizeof *bigger.line);
		for (i = 0; i < s->cap; i++)
			if (s->line[i] != 0)
				seen_add(&bigger, s->h[i], s->line[i]);
		free(s->h);
		free(s->line);
		*s = bigger;
	}
	for (i = h & (s->cap - 1); s->line[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->h[i] == h)
			return s->line[i];
	s->h[i] = h;
	s->line[i] = line;
	s->n++;
	return 0;
}

static long
check_rows(struct tsv *t)
{
	struct result r;
	struct lr_stamp when;
	struct seen seen = { NULL, NULL, 0, 0 };
	long col[R_NCOLS], problems = 0, rows = 0;
	char key[512];
	int rv;

	if (result_find_columns(t, col) != 0)
		return 1;
	while ((rv = tsv_next(t)) != TSV_EOF) {
		unsigned long first;

		rows++;
		if (rv == TSV_FAIL)
			return problems + 1;
		if (rv != TSV_ROW || result_check(t, col, &r, &when) != 0) {
			problems++;
			continue;
		}
		result_key(key, sizeof key, &r);
		if ((first = seen_add(&seen, lr_hash(key), t->line)) != 0) {
			tsv_error(t, -1, "the same record as line %lu", first);
			problems++;
		}
	}
	free(seen.h);
	free(seen.line);
	if (problems == 0)
		lr_warn("%s: %ld record%s, no problems", t->name, rows,
		    rows == 1 ? "" : "s");
	return problems;
}

/*
 * Open the log to read it, never hanging: a FIFO or a device (which
 * could be read for ever) is refused, not read.
 */
static FILE *
open_log_for_reading(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *fp;

	if (fd < 0) {
		lr_warn("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file: a log is one", path);
		close(fd);
		return NULL;
	}
	if (fcntl(fd, F_SETFL, 0) != 0 || (fp = fdopen(fd, "r")) == NULL) {
		lr_warn("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	return fp;
}

static long
check_log(const char *path)
{
	struct tsv t;
	struct stat st;
	char journal[PATH_MAX + 16], c;
	long problems = 0;
	FILE *fp = open_log_for_reading(path);

	if (fp == NULL)
		return 1;
	flock(fileno(fp), LOCK_SH);
	/* lr-log(1) calls a log others can read a problem: count it. */
	problems += lr_check_private(path, fileno(fp));
	snprintf(journal, sizeof journal, "%s.journal", path);
	if (access(journal, F_OK) == 0) {
		lr_warn("%s: an append was interrupted: lr-log --repair "
		    "finishes or undoes it", path);
		problems++;
	}
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0 &&
	    pread(fileno(fp), &c, 1, st.st_size - 1) == 1 && c != '\n') {
		lr_warn("%s: the last line is cut short (no newline at the "
		    "end)", path);
		problems++;
	}
	if (tsv_open(&t, fp, path) != 0)
		problems++;
	else {
		problems += check_rows(&t);
		tsv_close(&t);
	}
	fclose(fp);
	return problems;
}

/* Is line n one of the sorted bad lines?  (Walks them in step.) */
static int
is_bad_line(const unsigned long *bad, size_t nbad, size_t *at,
    unsigned long n)
{
	while (*at < nbad && bad[*at] < n)
		(*at)++;
	return *at < nbad && bad[*at] == n;
}

/*
 * Copy the log's lines: the good to the mended log, the bad (after the
 * header, so they can be read) to the file that keeps them.  Every
 * line ends in a newline.
 */
static int
split_lines(int fd, const unsigned long *bad, size_t nbad, int good_fd,
    int bad_fd)
{
	FILE *in, *good, *aside;
	char *line = NULL;
	size_t cap = 0, at = 0;
	ssize_t len;
	unsigned long n = 0;
	int rv = 0;

	if (lseek(fd, 0, SEEK_SET) != 0 || (in = fdopen(dup(fd), "r")) == NULL)
		return -1;
	good = fdopen(dup(good_fd), "w");
	aside = fdopen(dup(bad_fd), "w");
	if (good == NULL || aside == NULL)
		rv = -1;
	while (rv == 0 && (len = getline(&line, &cap, in)) > 0) {
		int nl = line[len - 1] == '\n';

		n++;
		if (n == 1 || !is_bad_line(bad, nbad, &at, n))
			fprintf(good, "%s%s", line, nl ? "" : "\n");
		if (n == 1 || is_bad_line(bad, nbad, &at, n))
			fprintf(aside, "%s%s", line, nl ? "" : "\n");
	}
	free(line);
	if (ferror(in) || (good && fflush(good) != 0) ||
	    (aside && fflush(aside) != 0))
		rv = -1;
	fclose(in);
	if (good)
		fclose(good);
	if (aside)
		fclose(aside);
	return rv;
}

/* The numbers of the log's lines its reader refuses, in order. */
static long
bad_lines(int fd, const char *path, unsigned long **out, size_t *n)
{
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS];
	size_t cap = 0;
	FILE *fp;
	int rv;

	*out = NULL;
	*n = 0;
	if (lseek(fd, 0, SEEK_SET) != 0 || (fp = fdopen(dup(fd), "r")) == NULL)
		return -1;
	if (tsv_open(&t, fp, path) != 0 || result_find_columns(&t, col) != 0) {
		fclose(fp);
		return -1;
	}
	t.quiet = 1;
	while ((rv = tsv_next(&t)) != TSV_EOF && rv != TSV_FAIL) {
		if (rv == TSV_ROW && result_check(&t, col, &r, &when) == 0)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = lr_xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = t.line;
	}
	tsv_close(&t);
	fclose(fp);
	return rv == TSV_FAIL ? -1 : (long)*n;
}

/*
 * Set the rows the log's reader refuses aside, whole, in a file named
 * here, and put the mended log in the old one's place (other writers
 * wait on the lock, then see the new file: see log_open).
 */
static int
set_bad_rows_aside(struct logfile *l, const unsigned long *bad, size_t nbad)
{
	char dir[PATH_MAX + 16], to[PATH_MAX + 64], when[24];
	char tmp[PATH_MAX + 32], real[PATH_MAX], quoted[PATH_MAX * 2];
	int aside, fd;

	/* The file itself is replaced, not a symlink to it. */
	if (realpath(l->path, real) == NULL)
		return -1;
	snprintf(dir, sizeof dir, "%s/rejected", l->dir);
	snprintf(tmp, sizeof tmp, "%s/.lr-log-mend-XXXXXX", l->dir);
	lr_stamp_now(when, sizeof when);
	if (lr_mkdirs(dir) != 0 ||
	    (aside = create_unique(dir, when, ".set-aside.tsv", to,
	    sizeof to)) < 0)
		return -1;
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		close(aside);
		return -1;
	}
	if (split_lines(l->fd, bad, nbad, fd, aside) != 0 ||
	    fsync(fd) != 0 || fsync(aside) != 0 || fchmod(fd, 0600) != 0 ||
	    rename(tmp, real) != 0) {
		unlink(tmp);
		close(fd);
		close(aside);
		return -1;
	}
	close(fd);
	close(aside);
	lr_sync_dir(dir);
	lr_sync_dir(l->dir);
	lr_warn("%s: %zu row%s the reader refuses set aside in %s: mend "
	    "and log %s again (lr-log FILE), or keep it for the record",
	    l->path, nbad, nbad == 1 ? "" : "s",
	    lr_shell_quote(quoted, sizeof quoted, to), nbad == 1 ? "it" :
	    "them");
	return 0;
}

/*
 * Mend what can be mended without losing a row: a last line with no
 * newline is ended; rows the reader refuses (blank lines, bad values,
 * a torn last line) are set aside in a file that is named.
 */
static int
mend_log(struct logfile *l)
{
	unsigned long *bad;
	size_t nbad;
	int rv = 0;

	if (log_size(l) == 0)
		return 0;	/* new: nothing to mend */
	if (bad_lines(l->fd, l->path, &bad, &nbad) < 0) {
		lr_warn("%s: its header cannot be read: mend it by hand",
		    l->path);
		return -1;
	}
	if (nbad > 0)
		rv = set_bad_rows_aside(l, bad, nbad);
	else if (!ends_in_newline(l)) {
		rv = log_append(l, "\n", 1);
		if (rv == 0)
			lr_warn("%s: the last line had no newline: ended it",
			    l->path);
	}
	if (rv != 0)
		lr_warn("%s: cannot mend: %s", l->path, strerror(errno));
	free(bad);
	return rv;
}

/* One CSV field: quoted when it must be, quotes doubled (RFC 4180). */
static void
put_csv_field(FILE *fp, const char *v)
{
	if (v[strcspn(v, "\",\r\n")] == '\0') {
		fputs(v, fp);
		return;
	}
	putc('"', fp);
	for (; *v != '\0'; v++) {
		if (*v == '"')
			putc('"', fp);
		putc(*v, fp);
	}
	putc('"', fp);
}

static void
put_csv_row(FILE *fp, char *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(',', fp);
		put_csv_field(fp, f[i]);
	}
	fputs("\r\n", fp);
}

/*
 * The log as CSV, for tools that do not read lr's escapes: every
 * value decoded and quoted as RFC 4180 says, so that a note starting
 * with a quote cannot split a record.  A bad row stops it.
 */
static int
export_csv(const char *path)
{
	struct tsv t;
	FILE *fp = open_log_for_reading(path);
	int rv, status = LR_OK;

	if (fp == NULL)
		return LR_EDATA;
	flock(fileno(fp), LOCK_SH);
	if (tsv_open(&t, fp, path) != 0) {
		fclose(fp);
		return LR_EDATA;
	}
	put_csv_row(stdout, t.col, t.ncol);
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		if (rv != TSV_ROW) {
			lr_warn("%s: stopped at a bad row: lr-log --check "
			    "lists them, lr-log --repair mends them", path);
			status = LR_EDATA;
			break;
		}
		put_csv_row(stdout, t.field, t.nfield);
	}
	tsv_close(&t);
	fclose(fp);
	return status;
}

static int
repair_log(const char *path)
{
	struct logfile l;
	struct batch b;
	struct spool sp = { "", -1, 0 };
	struct options quiet = { 0 };

	memset(&b, 0, sizeof b);
	quiet.quiet = 1;
	if (access(path, F_OK) != 0) {
		char dir[PATH_MAX];

		logdir_of(dir, sizeof dir, path);
		if (errno != ENOENT) {
			lr_warn("%s: %s", path, strerror(errno));
			return LR_EDATA;
		}
		if (!pending_waits(dir, NULL)) {
			lr_warn("%s: no log yet, and nothing waiting to be "
			    "logged: nothing to repair", path);
			return LR_OK;
		}
	}
	if (log_open(&l, path) != 0)
		return LR_EDATA;
	if (mend_log(&l) != 0) {
		log_close(&l);
		return LR_EDATA;
	}
	log_close(&l);
	if (append_batch(&quiet, &b, path, &sp) != LR_OK) {
		batch_free(&b);
		return LR_EDATA;
	}
	batch_free(&b);
	return check_log(path) ? LR_EDATA : LR_OK;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	char path[PATH_MAX];
	int status;

	parse_options(argc, argv, &o);
	if (o.log != NULL)
		snprintf(path, sizeof path, "%s", o.log);
	else if (lr_log_path(path, sizeof path) != 0)
		return LR_EDATA;
	switch (o.mode) {
	case M_EXPORT:
		status = export_csv(path);
		break;
	case M_CHECK:
		status = check_log(path) ? LR_EDATA : LR_OK;
		break;
	case M_REPAIR:
		status = repair_log(path);
		break;
	case M_ADD:
	case M_PAIN:
		status = append_manual(&o, path);
		break;
	default:
		status = append_inputs(&o, path);
	}
	if (deferred_signal != 0)
		lr_warn("%s came while logging: the batch was finished first",
		    deferred_signal == SIGINT ? "Ctrl-C (SIGINT)" :
		    deferred_signal == SIGTERM ? "SIGTERM" : "SIGHUP");
	lr_close_stdout();
	return status;
}

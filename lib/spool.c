/* spool.c - input kept safe, named for its log: pending/, TMPDIR, rejected/. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "lr.h"
#include "spool.h"

/* The directory name beside log, in dst: pending or rejected. */
static void
dir_beside(char *dst, size_t n, const char *log, const char *name)
{
	size_t len;

	lr_dir_of(dst, n, log);
	len = strlen(dst);
	snprintf(dst + len, n - len, "/%s", name);
}

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
		spool_done(s);
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
 * Saved input gets a name no other run can have: the log's file name,
 * the time, the pid and, should two runs still meet, a count, as in
 * pending/log.tsv.20261121T190512-4242.tsv.  Names are taken with
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

/* "log.tsv.20261121T190512": how the names of the log's input begin. */
void
spool_prefix(char *dst, size_t n, const char *log)
{
	const char *slash = strrchr(log, '/');
	char when[24];

	lr_stamp_now(when, sizeof when);
	snprintf(dst, n, "%s.%s", slash ? slash + 1 : log, when);
}

/* A new file of our own in dir, named as link_unique names them. */
int
spool_create_unique(const char *dir, const char *when, const char *ext,
    char *to, size_t n)
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
open_spool(struct spool *s, const char *dir, const char *when)
{
	char part[PATH_MAX + NAME_MAX + 64];
	int tries;

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
	    link_unique(part, dir, when, ".tsv", s->path,
	    sizeof s->path) != 0) {
		close(s->fd);
		s->fd = -1;
		unlink(part);
		return -1;
	}
	unlink(part);
	lr_sync_dir(dir);
	return 0;
}

/* Give up a spool: its file goes, and no empty pending/ is left. */
static int
give_up(struct spool *s, struct carry *c, int rv)
{
	int e = errno;

	spool_done(s);
	free(c);
	errno = e;
	return rv;
}

/*
 * Copy standard input to pending/ beside the log (when beside), or,
 * when there is no room there (a full disk), to $TMPDIR, losing
 * nothing on the way.  On failure nothing is left behind.
 */
int
spool_stdin(struct spool *s, const char *log, int beside)
{
	char dir[PATH_MAX + 16], when[NAME_MAX + 32];
	const char *tmp = getenv("TMPDIR");
	struct carry *c = lr_xmalloc(sizeof *c);
	struct spool t = { "", -1, 0 };
	int rv;

	c->off = c->len = 0;
	s->fd = -1;
	s->in_pending = beside;
	errno = 0;
	spool_prefix(when, sizeof when, log);
	dir_beside(dir, sizeof dir, log, "pending");
	if (beside && open_spool(s, dir, when) == 0) {
		if (copy_stdin(s->fd, c) == 0) {
			free(c);
			return 0;
		}
		if (errno != ENOSPC && errno != EDQUOT)
			return give_up(s, c, -1);
	} else if (beside) {
		rv = errno;
		rmdir(dir);	/* made for nothing: not left behind */
		errno = rv;
	}
	/* No room beside the log, or no log to be beside: $TMPDIR. */
	if (errno == EFBIG)
		return give_up(s, c, -1);
	snprintf(dir, sizeof dir, "%s", tmp && tmp[0] == '/' ? tmp : "/tmp");
	if (open_spool(&t, dir, when) != 0 ||
	    (s->fd >= 0 && copy_file(s->fd, t.fd) != 0)) {
		if (t.fd >= 0) {
			unlink(t.path);
			close(t.fd);
		}
		spill(s, c);
		free(c);
		return errno = ENOSPC, -2;
	}
	spool_done(s);
	*s = t;
	s->in_pending = 0;
	if ((rv = copy_stdin(s->fd, c)) != 0 && errno != EFBIG) {
		spill(s, c);
		rv = -2;
	}
	if (rv != 0)
		return give_up(s, c, rv);
	free(c);
	return rv;
}

/*
 * The spool's rows are logged: remove it, and pending/ with it when
 * nothing else waits there, so that no empty directory is left behind.
 */
void
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
int
spool_reject(const char *from, const char *log, char *to, size_t n)
{
	char dir[PATH_MAX + 16], when[NAME_MAX + 32];

	dir_beside(dir, sizeof dir, log, "rejected");
	if (lr_mkdirs(dir) != 0)
		return -1;
	spool_prefix(when, sizeof when, log);
	if (link_unique(from, dir, when, ".tsv", to, n) != 0 ||
	    unlink(from) != 0)
		return -1;
	lr_sync_dir(dir);
	return 0;
}

/* Rows from a pipe that could not be logged: say where they wait. */
void
spool_say_kept(const struct spool *sp)
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
set_torn_tail_aside(int fd, const char *path, const char *log, off_t at)
{
	char dir[PATH_MAX + 16], to[PATH_MAX + 64], buf[65536];
	char when[NAME_MAX + 32], quoted[PATH_MAX * 2];
	struct stat st;
	off_t from = at;
	ssize_t n;
	int out;

	dir_beside(dir, sizeof dir, log, "rejected");
	if (fstat(fd, &st) != 0 || lr_mkdirs(dir) != 0)
		return -1;
	spool_prefix(when, sizeof when, log);

	if ((out = spool_create_unique(dir, when, ".torn", to, sizeof to)) < 0)
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
	bad = batch_read(b, fp, path, quiet);
	fclose(fp);
	if (bad != 0)
		batch_truncate(b, n0);
	return bad;
}


/*
 * Take one spool a killed run left: its rows join the batch, or, when
 * it has bad rows, none of them do and it moves to rejected/.  A last
 * line without a newline is kept when it is a whole row.
 */
static int
take_one(struct batch *b, const char *log, struct taken *t)
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
	    set_torn_tail_aside(t->fd, t->path, log, torn) == 0)
		bad = read_pending(b, t->fd, t->path, 0);
	if (bad != 0) {
		if (spool_reject(t->path, log, to, sizeof to) == 0)
			lr_warn("%s: left by an interrupted run and has bad "
			    "rows: none of them logged; moved to %s", t->path,
			    lr_shell_quote(quoted, sizeof quoted, to));
		return -1;
	}
	lr_warn("%s: taking in rows left by an interrupted run", t->path);
	return 0;
}

/* Does s[0..n) read 20261121T190512-4242 or 20261121T190512-4242-1? */
static int
is_stamp_pid(const char *s, size_t n)
{
	size_t i, dashes = 0;

	if (n < 17 || s[8] != 'T' || s[15] != '-')
		return 0;
	for (i = 0; i < n; i++) {
		int sep = i == 8 || i == 15 || (s[i] == '-' && i > 16 &&
		    s[i - 1] != '-' && i + 1 < n && ++dashes == 1);

		if (!sep && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	return 1;
}

enum { NOT_OURS, OWN_SPOOL, OLD_SPOOL };

/*
 * Is the file called name in pending/ a spool of the log called base
 * (base.STAMP-PID.tsv), one an older lr-log left, named for no log
 * (STAMP-PID.tsv), or neither?
 */
static int
spool_kind(const char *name, const char *base)
{
	size_t len = strlen(name), blen = strlen(base);
	const char *dot;

	if (name[0] == '.' || len < 5 || strcmp(name + len - 4, ".tsv") != 0)
		return NOT_OURS;
	len -= 4;
	for (dot = name + len; dot > name && dot[-1] != '.'; dot--)
		;
	if (!is_stamp_pid(dot, len - (size_t)(dot - name)))
		return NOT_OURS;
	if (dot == name)
		return OLD_SPOOL;
	return (size_t)(dot - name) == blen + 1 &&
	    strncmp(name, base, blen) == 0 ? OWN_SPOOL : NOT_OURS;
}

/* Is the file at path a log: a header with the column "logged"? */
static int
is_log(const char *path)
{
	char *line = lr_xmalloc(TSV_LINE_MAX + 2), *f, *save = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), found = 0;
	ssize_t n;

	n = fd >= 0 ? read(fd, line, TSV_LINE_MAX + 1) : -1;
	if (fd >= 0)
		close(fd);
	line[n > 0 ? n : 0] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	for (f = strtok_r(line, "\t", &save); f != NULL && !found;
	    f = strtok_r(NULL, "\t", &save))
		found = strcmp(f, "logged") == 0;
	free(line);
	return found;
}

/*
 * Files an older lr-log left in pending/ name no log: they are this
 * log's only when no other log shares its directory.
 */
static int
old_spools_mine(const char *dir, const char *log)
{
	struct stat mine, st;
	struct dirent *de;
	char path[PATH_MAX + NAME_MAX + 2];
	int known = stat(log, &mine) == 0, other = 0;
	DIR *d = opendir(dir);

	while (d != NULL && !other && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".tsv") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
		    (known && st.st_dev == mine.st_dev &&
		    st.st_ino == mine.st_ino))
			continue;
		other = is_log(path);
	}
	if (d != NULL)
		closedir(d);
	return !other;
}

/* The spools in pending/ this log is to take in, one at a time. */
struct waiting {
	char dir[PATH_MAX + 16];
	const char *log, *base, *mine;
	DIR *d;
	int old;		/* -1: not asked yet; else old_spools_mine */
};

static int
waiting_open(struct waiting *w, const char *log, const char *mine)
{
	const char *slash = strrchr(log, '/');

	dir_beside(w->dir, sizeof w->dir, log, "pending");
	w->log = log;
	w->base = slash ? slash + 1 : log;
	w->mine = mine ? (strrchr(mine, '/') ? strrchr(mine, '/') + 1 : mine) :
	    NULL;
	w->old = -1;
	return (w->d = opendir(w->dir)) == NULL ? -1 : 0;
}

/* The next file name the log takes in, or NULL; said when one is not. */
static const char *
waiting_next(struct waiting *w, int say)
{
	struct dirent *de;
	char logdir[PATH_MAX], q[PATH_MAX * 3], path[PATH_MAX + NAME_MAX + 32];

	while ((de = readdir(w->d)) != NULL) {
		int kind = spool_kind(de->d_name, w->base);

		if (kind == NOT_OURS ||
		    (w->mine && strcmp(w->mine, de->d_name) == 0))
			continue;
		if (kind == OWN_SPOOL)
			return de->d_name;
		if (w->old < 0) {
			lr_dir_of(logdir, sizeof logdir, w->log);
			w->old = old_spools_mine(logdir, w->log);
		}
		if (w->old)
			return de->d_name;
		if (say) {
			snprintf(path, sizeof path, "%s/%s", w->dir,
			    de->d_name);
			lr_warn("%s: left by an older lr-log, which did not "
			    "say for which log of the directory: not taken "
			    "in; log it with lr-log -f LOG %s, then remove it",
			    path, lr_shell_quote(q, sizeof q, path));
		}
	}
	return NULL;
}

/*
 * Spools of this log in pending/ that no live lr-log holds are from
 * runs that were killed: their rows join this batch (the log may
 * already have some of them; those are not added twice).  Only the
 * person's own files, in a directory only they can write to, are
 * taken.
 */
size_t
pending_take(struct batch *b, const char *log, const char *mine,
    struct taken *took, size_t max)
{
	struct waiting w;
	const char *name;
	size_t n = 0;

	if (waiting_open(&w, log, mine) != 0)
		return 0;
	if (lr_dir_open_to_others(w.dir)) {
		lr_warn("%s: others can write to it: nothing in it is taken "
		    "in; check what is there, and chmod 700 it", w.dir);
		closedir(w.d);
		return 0;
	}
	while (n < max && (name = waiting_next(&w, 1)) != NULL) {
		struct taken *t = &took[n];

		snprintf(t->path, sizeof t->path, "%s/%s", w.dir, name);
		t->fd = open(t->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW |
		    O_NONBLOCK);
		if (t->fd < 0)
			continue;
		if (flock(t->fd, LOCK_EX | LOCK_NB) != 0 ||
		    take_one(b, log, t) != 0) {
			close(t->fd);
			continue;
		}
		n++;
	}
	closedir(w.d);
	return n;
}

void
pending_release(struct taken *took, size_t n, int appended)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (appended)
			unlink(took[i].path);
		close(took[i].fd);
	}
}

/* Does pending/ hold rows for the log left by a killed run (not mine)? */
int
pending_waits(const char *log, const char *mine)
{
	struct waiting w;
	int found;

	if (waiting_open(&w, log, mine) != 0)
		return 0;
	found = waiting_next(&w, 0) != NULL;
	closedir(w.d);
	return found;
}

/* logfile.c - owns all-or-nothing appends to the log, and their recovery. */

/*
 * Appending to the log so that a batch is wholly in it or
 * not at all, whatever happens: a crash, SIGKILL, a full disk, a power
 * cut after we returned.
 *
 * Under an exclusive flock(2) on the log, an append first writes and
 * fsyncs a journal beside the log naming the log's size before the
 * append and the length and checksum of what is appended; then appends
 * and fsyncs the log; then removes the journal and fsyncs the
 * directory.  A journal found by the next writer is an append that
 * was interrupted: when the log holds all of it (checksum and all) it
 * is kept, otherwise the log is cut back to its size before.
 */
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

#include "lr.h"


/* fsync a directory, so that names created or removed in it last. */
int
lr_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/*
 * Make a directory and its missing parents, private to the owner, as
 * the XDG base directory specification asks.  New directories are
 * synced into their parents.
 */
int
lr_mkdirs(const char *path)
{
	char buf[PATH_MAX], *slash;
	struct stat st;

	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return errno = ENAMETOOLONG, -1;
	for (slash = strchr(buf + 1, '/'); ; slash = strchr(slash + 1, '/')) {
		if (slash != NULL)
			*slash = '\0';
		if (mkdir(buf, 0700) == 0) {
			char parent[PATH_MAX], *p;

			snprintf(parent, sizeof parent, "%s", buf);
			p = strrchr(parent, '/');
			if (p != NULL) {
				*p = '\0';
				lr_sync_dir(p == parent ? "/" : parent);
			}
		} else if (errno != EEXIST)
			return -1;
		if (slash == NULL)
			return 0;
		*slash = '/';
	}
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The process holding a lock on the file of inode ino, or 0 (Linux). */
static long
lock_holder(unsigned long long ino, char *name, size_t n)
{
	FILE *fp = fopen("/proc/locks", "re");
	char line[256], path[64];
	long pid = 0, p;
	unsigned long long i;

	snprintf(name, n, "?");
	if (fp == NULL)
		return 0;
	/* "1: FLOCK  ADVISORY  WRITE pid maj:min:inode start end" */
	while (pid == 0 && fgets(line, sizeof line, fp) != NULL) {
		char *tok[6], *save = NULL, *colon;
		int k;

		for (k = 0; k < 6; k++)
			if ((tok[k] = strtok_r(k ? NULL : line, " \t\n",
			    &save)) == NULL)
				break;
		if (k < 6 || strcmp(tok[1], "FLOCK") != 0 ||
		    (colon = strrchr(tok[5], ':')) == NULL)
			continue;
		p = strtol(tok[4], NULL, 10);
		i = strtoull(colon + 1, NULL, 10);
		if (i == ino && p > 0)
			pid = p;
	}
	fclose(fp);
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	if (pid > 0 && (fp = fopen(path, "re")) != NULL) {
		if (fgets(name, (int)n, fp) != NULL)
			name[strcspn(name, "\n")] = '\0';
		fclose(fp);
	}
	return pid;
}

/* Say who holds the log's lock, and how long we wait for it. */
static void
say_holder(int fd, const char *path, long limit)
{
	struct stat st;
	char name[32];
	long pid = -1;

	if (fstat(fd, &st) == 0)
		pid = lock_holder((unsigned long long)st.st_ino, name,
		    sizeof name);
	if (pid > 0)
		lr_warn("%s is in use by process %ld (%s): waiting up to %ld s",
		    path, pid, name, limit);
	else
		lr_warn("%s is in use by another process: waiting up to %ld s",
		    path, limit);
}

/*
 * Take the log's lock.  When another process holds it, wait, at most
 * $LR_LOCK_TIMEOUT seconds (default 60), and when the wait lasts, say
 * which process holds it: a stuck holder must not block every writer
 * without a word.  Another append holds it for milliseconds, so the
 * wait starts at a millisecond and doubles up to a tenth of a second:
 * four people's sessions logged at once each wait about as long as
 * the appends before them take, not a tenth of a second each.
 */
static int
lock_or_wait(int fd, const char *path)
{
	const char *env = getenv("LR_LOCK_TIMEOUT");
	long limit = env && *env ? strtol(env, NULL, 10) : 60;
	long long start = lr_mono_ns(), waited, tell_at;
	struct timespec nap = { 0, 1000000 };
	int told = 0;

	if (limit < 0)
		limit = 0;
	if (limit > 86400)
		limit = 86400;	/* a day: the wait's nanoseconds fit */
	/* Half the limit, and never more than a second. */
	tell_at = limit < 2 ? limit * 500000000LL : 1000000000LL;
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK) {
			lr_warn("%s: cannot lock: %s", path, strerror(errno));
			return -1;
		}
		waited = lr_mono_ns() - start;
		if (waited >= limit * 1000000000LL)
			break;
		if (!told && waited >= tell_at) {
			say_holder(fd, path, limit);
			told = 1;
		}
		nanosleep(&nap, NULL);
		if (nap.tv_nsec < 100000000)
			nap.tv_nsec = nap.tv_nsec * 2 < 100000000 ?
			    nap.tv_nsec * 2 : 100000000;
	}
	lr_warn("%s: still in use after %ld s: nothing was done; try again "
	    "when that process has ended", path, limit);
	return errno = EWOULDBLOCK, -1;
}

/*
 * The log's real path, symlinks resolved, even before the file is
 * there (a link to a log yet to be made, a directory yet to be made):
 * the journal, pending/ and rejected/ go by it, so that one file
 * reached by several paths has one recovery state.
 */
void
lr_real_log(char *dst, size_t n, const char *path)
{
	char cur[PATH_MAX], link[PATH_MAX], dir[PATH_MAX], real[PATH_MAX];
	const char *base;
	ssize_t len;
	int hops;

	if (realpath(path, real) != NULL) {
		snprintf(dst, n, "%s", real);
		return;
	}
	snprintf(cur, sizeof cur, "%s", path);
	for (hops = 0; hops < 40 &&
	    (len = readlink(cur, link, sizeof link - 1)) > 0; hops++) {
		link[len] = '\0';
		lr_dir_of(dir, sizeof dir, cur);
		if ((link[0] == '/' ? snprintf(cur, sizeof cur, "%s", link) :
		    snprintf(cur, sizeof cur, "%s/%s", dir, link)) >=
		    (int)sizeof cur)
			break;
	}
	lr_dir_of(dir, sizeof dir, cur);
	base = strrchr(cur, '/') ? strrchr(cur, '/') + 1 : cur;
	if (realpath(dir, real) != NULL)
		snprintf(dst, n, "%s/%s", strcmp(real, "/") ? real : "", base);
	else
		snprintf(dst, n, "%s", cur);
}

/* The journal and the log's directory go by the log's real path. */
static void
name_by_file(struct logfile *l)
{
	char real[PATH_MAX];

	lr_real_log(real, sizeof real, l->path);
	lr_dir_of(l->dir, sizeof l->dir, real);
	snprintf(l->journal, sizeof l->journal, "%s.journal", real);
}

/* Can someone other than the owner put files in this directory? */
int
lr_dir_open_to_others(const char *dir)
{
	struct stat st;

	return stat(dir, &st) == 0 && (st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0);
}

/*
 * Open the log for appending, creating it (0600, in a 0700 directory)
 * if need be, and hold its lock until log_close.
 */
int
log_open(struct logfile *l, const char *path)
{
	struct stat st, now;
	int tries = 0;

	memset(l, 0, sizeof *l);
	l->fd = -1;
	snprintf(l->path, sizeof l->path, "%s", path);
	lr_dir_of(l->dir, sizeof l->dir, path);
	snprintf(l->journal, sizeof l->journal, "%s.journal", path);
	if (lr_mkdirs(l->dir) != 0) {
		lr_warn("%s: %s", l->dir, strerror(errno));
		return -1;
	}
again:
	l->created = 0;
	l->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (l->fd >= 0)
		l->created = 1;
	else if (errno == EEXIST)
		l->fd = open(path, O_RDWR | O_CLOEXEC);
	if (l->fd < 0 && errno == ENOENT && lstat(path, &st) == 0 &&
	    S_ISLNK(st.st_mode)) {
		lr_warn("%s: a symbolic link to a file that is not there: make "
		    "that file (touch it) or remove the link", path);
		return -1;
	}
	if (l->fd < 0) {
		lr_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(l->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file", path);
		close(l->fd);
		l->fd = -1;
		return -1;
	}
	if (lock_or_wait(l->fd, path) != 0) {
		close(l->fd);
		l->fd = -1;
		return -1;
	}
	/*
	 * lr-log --repair may have put a mended log in its place while we
	 * waited for the lock, or a run that made the log and appended
	 * nothing removed it: append to the file the name now holds.
	 */
	if (fstat(l->fd, &st) != 0 || (stat(path, &now) != 0 ?
	    errno == ENOENT : now.st_dev != st.st_dev ||
	    now.st_ino != st.st_ino)) {
		close(l->fd);
		l->fd = -1;
		/* Never append to a file whose name has gone. */
		if (++tries < 10)
			goto again;
		lr_warn("%s: the log was replaced or removed again and again "
		    "while waiting for it: nothing was done; try again",
		    path);
		return -1;
	}
	if (l->created && lr_sync_dir(l->dir) != 0) {
		lr_warn("%s: %s", l->dir, strerror(errno));
		close(l->fd);
		l->fd = -1;
		return -1;
	}
	lr_check_private(path, l->fd);
	name_by_file(l);
	if (lr_dir_open_to_others(l->dir))
		lr_warn("warning: others can write to %s: they could put "
		    "files beside your log; chmod 700 it", l->dir);
	/* Refused: let go of the log and its lock, as on every failure. */
	if (log_recover(l) != 0) {
		log_close(l);
		return -1;
	}
	return 0;
}

/* Health data is for its owner: say so when others can read the log. */
int
lr_check_private(const char *path, int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0 || (st.st_mode & 077) == 0)
		return 0;
	lr_warn("warning: %s can be read by others (mode %04o): chmod 600 it",
	    path, (unsigned int)(st.st_mode & 07777));
	return 1;
}

void
log_close(struct logfile *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}

off_t
log_size(const struct logfile *l)
{
	struct stat st;

	return fstat(l->fd, &st) == 0 ? st.st_size : -1;
}

struct journal {
	long long size, length, dev, ino;
	unsigned long long sum;
};

/* The number after `word ` on a journal line, or -1. */
static long long
journal_number(const char *line, const char *word, int base)
{
	size_t n = strlen(word);
	char *end;
	long long v;

	if (strncmp(line, word, n) != 0 || line[n] != ' ')
		return -1;
	errno = 0;
	v = strtoll(line + n + 1, &end, base);
	if (errno != 0 || end == line + n + 1 || *end != '\n' || v < 0)
		return -1;
	return v;
}

/*
 * 1: a whole journal; 0: none, or one cut short before the append.
 * Version 1 journals (before the log's device and inode were kept)
 * are read too.
 */
static int
read_journal(FILE *fp, struct journal *j)
{
	char line[7][64];
	int i, n = 0, v2;

	for (i = 0; i < 7 && fgets(line[i], sizeof line[i], fp) != NULL; i++)
		n++;
	v2 = n == 7 && strcmp(line[0], "lr-log journal 2\n") == 0;
	if (!v2 && (n != 5 || strcmp(line[0], "lr-log journal 1\n") != 0))
		return 0;
	if (strcmp(line[n - 1], "end\n") != 0)
		return 0;
	j->dev = v2 ? journal_number(line[4], "dev", 10) : -1;
	j->ino = v2 ? journal_number(line[5], "ino", 10) : -1;
	if (v2 && (j->dev < 0 || j->ino < 0))
		return 0;
	j->size = journal_number(line[1], "size", 10);
	j->length = journal_number(line[2], "length", 10);
	/* The sum is 64 bits of hex: read it unsigned. */
	if (strncmp(line[3], "sum ", 4) != 0)
		return 0;
	errno = 0;
	{
		char *end;

		j->sum = strtoull(line[3] + 4, &end, 16);
		if (errno != 0 || end == line[3] + 4 || *end != '\n')
			return 0;
	}
	return j->size >= 0 && j->length >= 0;
}

static int
tail_matches(int fd, const struct journal *j)
{
	char buf[65536];
	uint64_t h = LR_FNV_START;
	long long off = j->size, left = j->length;

	while (left > 0) {
		ssize_t n = pread(fd, buf, left < (long long)sizeof buf ?
		    (size_t)left : sizeof buf, off);

		if (n <= 0)
			return 0;
		h = lr_fnv1a(h, buf, (size_t)n);
		off += n;
		left -= n;
	}
	return h == j->sum;
}

/*
 * Finish what an interrupted writer left: keep an append that is
 * wholly there, cut back one that is not.
 */
int
log_recover(struct logfile *l)
{
	struct journal j;
	struct stat st, js;
	FILE *fp = fopen(l->journal, "re");
	int whole;

	if (fp == NULL)
		return errno == ENOENT ? 0 : (lr_warn("%s: %s", l->journal,
		    strerror(errno)), -1);
	/*
	 * A journal cuts the log back: only one the owner wrote, for this
	 * very file, may do that.
	 */
	if (fstat(fileno(fp), &js) != 0 || !S_ISREG(js.st_mode) ||
	    js.st_uid != geteuid() || (js.st_mode & 022) != 0) {
		fclose(fp);
		lr_warn("%s: not a journal lr-log wrote for you (owner %ld, "
		    "mode %04o): lr-log will not act on it; look at it, "
		    "remove it, and make %s yours alone (chmod 700)",
		    l->journal, (long)js.st_uid,
		    (unsigned int)(js.st_mode & 07777), l->dir);
		return -1;
	}
	whole = read_journal(fp, &j);
	fclose(fp);
	if (whole && fstat(l->fd, &st) == 0 && j.dev >= 0 &&
	    ((long long)st.st_dev != j.dev || (long long)st.st_ino != j.ino)) {
		lr_warn("%s: a journal for another file than %s: lr-log will "
		    "not act on it; look at it and remove it", l->journal,
		    l->path);
		return -1;
	}
	/*
	 * An interrupted append leaves the log between its size before
	 * and that size plus the append: a longer log has rows added
	 * since, confirmed, and this journal is not its (a stale copy, a
	 * backup): it must not cut them.
	 */
	if (whole && fstat(l->fd, &st) == 0 &&
	    (long long)st.st_size > j.size + j.length) {
		lr_warn("%s: a journal older than the log (it names %lld "
		    "bytes, the log has %lld): lr-log will not act on it; "
		    "look at it and remove it", l->journal, j.size + j.length,
		    (long long)st.st_size);
		return -1;
	}
	if (whole && fstat(l->fd, &st) == 0) {
		if (st.st_size == j.size + j.length && tail_matches(l->fd, &j))
			lr_warn("%s: an interrupted append was complete; kept "
			    "it", l->path);
		else if (st.st_size > j.size) {
			if (ftruncate(l->fd, (off_t)j.size) != 0) {
				lr_warn("%s: cannot repair: %s", l->path,
				    strerror(errno));
				return -1;
			}
			lr_warn("%s: an interrupted append was cut back "
			    "(%lld bytes)", l->path,
			    (long long)st.st_size - j.size);
		}
		if (fsync(l->fd) != 0) {
			lr_warn("%s: %s", l->path, strerror(errno));
			return -1;
		}
	}
	if (unlink(l->journal) != 0 || lr_sync_dir(l->dir) != 0) {
		lr_warn("%s: %s", l->journal, strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_journal(struct logfile *l, off_t size, const char *buf, size_t len)
{
	char text[200];
	int fd, n;
	struct stat st;

	if (fstat(l->fd, &st) != 0)
		return -1;
	n = snprintf(text, sizeof text, "lr-log journal 2\nsize %lld\n"
	    "length %lld\nsum %llx\ndev %lld\nino %lld\nend\n",
	    (long long)size, (long long)len,
	    (unsigned long long)lr_fnv1a(LR_FNV_START, buf, len),
	    (long long)st.st_dev, (long long)st.st_ino);
	fd = open(l->journal, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (fd < 0)
		return -1;
	if (write_all(fd, text, (size_t)n) != 0 || fsync(fd) != 0) {
		int e = errno;

		close(fd);
		unlink(l->journal);
		errno = e;
		return -1;
	}
	close(fd);
	return lr_sync_dir(l->dir);
}

/*
 * Append buf to the locked log, all of it or none of it.  Returns 0,
 * or -1 with errno set and the log as it was.
 */
int
log_append(struct logfile *l, const char *buf, size_t len)
{
	off_t size = log_size(l);
	int e;

	if (size < 0 || write_journal(l, size, buf, len) != 0)
		return -1;
	if (lseek(l->fd, size, SEEK_SET) == size &&
	    write_all(l->fd, buf, len) == 0 && fsync(l->fd) == 0) {
		/* The rows are in, for good; a journal left behind is
		 * found whole by the next writer and kept. */
		if (unlink(l->journal) != 0 || lr_sync_dir(l->dir) != 0)
			lr_warn("%s: %s", l->journal, strerror(errno));
		return 0;
	}
	e = errno;
	/* Cutting back needs no space, so a full disk cannot stop it. */
	if (ftruncate(l->fd, size) == 0 && fsync(l->fd) == 0) {
		unlink(l->journal);
		lr_sync_dir(l->dir);
	}
	errno = e;
	return -1;
}

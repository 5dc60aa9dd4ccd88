/*
 * logfile.c - appending to the log so that a batch is wholly in it or
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

static void
dir_of(char *dst, size_t n, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dst, n, ".");
	else if (slash == path)
		snprintf(dst, n, "/");
	else
		snprintf(dst, n, "%.*s", (int)(slash - path), path);
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

/*
 * Open the log for appending, creating it (0600, in a 0700 directory)
 * if need be, and hold its lock until log_close.
 */
int
log_open(struct logfile *l, const char *path)
{
	struct stat st;

	memset(l, 0, sizeof *l);
	l->fd = -1;
	snprintf(l->path, sizeof l->path, "%s", path);
	dir_of(l->dir, sizeof l->dir, path);
	snprintf(l->journal, sizeof l->journal, "%s.journal", path);
	if (lr_mkdirs(l->dir) != 0) {
		lr_warn("%s: %s", l->dir, strerror(errno));
		return -1;
	}
	l->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (l->fd >= 0)
		l->created = 1;
	else if (errno == EEXIST)
		l->fd = open(path, O_RDWR | O_CLOEXEC);
	if (l->fd < 0) {
		lr_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(l->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file", path);
		close(l->fd);
		return -1;
	}
	if (flock(l->fd, LOCK_EX) != 0) {
		lr_warn("%s: cannot lock: %s", path, strerror(errno));
		close(l->fd);
		return -1;
	}
	if (l->created && lr_sync_dir(l->dir) != 0) {
		lr_warn("%s: %s", l->dir, strerror(errno));
		close(l->fd);
		return -1;
	}
	lr_check_private(path, l->fd);
	return log_recover(l);
}

/* Health data is for its owner: say so when others can read the log. */
void
lr_check_private(const char *path, int fd)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
		lr_warn("warning: %s can be read by others (mode %04o): "
		    "chmod 600 it", path, (unsigned int)(st.st_mode & 07777));
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
	long long size, length;
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

/* 1: a whole journal; 0: none, or one cut short before the append. */
static int
read_journal(const char *path, struct journal *j)
{
	FILE *fp = fopen(path, "r");
	char line[5][64];
	int i, n = 0;

	if (fp == NULL)
		return 0;
	for (i = 0; i < 5 && fgets(line[i], sizeof line[i], fp) != NULL; i++)
		n++;
	fclose(fp);
	if (n != 5 || strcmp(line[0], "lr-log journal 1\n") != 0 ||
	    strcmp(line[4], "end\n") != 0)
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
	struct stat st;
	int whole = read_journal(l->journal, &j);

	if (access(l->journal, F_OK) != 0)
		return 0;
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
	char text[160];
	int fd, n;

	n = snprintf(text, sizeof text, "lr-log journal 1\nsize %lld\n"
	    "length %lld\nsum %llx\nend\n", (long long)size, (long long)len,
	    (unsigned long long)lr_fnv1a(LR_FNV_START, buf, len));
	fd = open(l->journal, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
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

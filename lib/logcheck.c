/* logcheck.c - the log read whole: checked, mended, exported. */
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
#include "keyset.h"
#include "logcheck.h"
#include "lr.h"
#include "spool.h"

/* The first row of each key: its line, and where it starts. */
struct seen {
	struct keyset keys;		/* index + 1 into first */
	struct first {
		unsigned long line;
		uint64_t off;
	} *first;
	size_t n, cap;
	int fd;
	const struct tsv *t;
	const char *key;		/* the key looked for */
};

/* Is the row kept as value the one with the key looked for? */
static int
same_row(const void *arg, uint64_t value)
{
	const struct seen *s = arg;
	char key[512];

	return log_key_at(s->fd, s->t, s->first[value - 1].off, key,
	    sizeof key) == 0 && strcmp(key, s->key) == 0;
}

/*
 * The line of the first row with this key, or 0 (and it is kept).
 * Equal hashes are not enough: the rows themselves are compared.
 */
static unsigned long
seen_add(struct seen *s, const char *key, unsigned long line, uint64_t off)
{
	uint64_t h = lr_hash(key), v;

	s->key = key;
	if ((v = keyset_find(&s->keys, h, same_row, s)) != 0)
		return s->first[v - 1].line;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->first = lr_xrealloc(s->first, s->cap * sizeof *s->first);
	}
	s->first[s->n].line = line;
	s->first[s->n++].off = off;
	keyset_add(&s->keys, h, s->n);
	return 0;
}

static long
check_rows(struct tsv *t, int fd)
{
	struct result r;
	struct lr_stamp when;
	struct seen seen;
	long col[R_NCOLS], problems = 0, rows = 0;
	char key[512];
	int rv;

	if (result_find_columns(t, col) != 0)
		return 1;
	memset(&seen, 0, sizeof seen);
	seen.fd = fd;
	seen.t = t;
	while ((rv = tsv_next(t)) != TSV_EOF) {
		unsigned long first;

		rows++;
		if (rv == TSV_FAIL) {
			problems++;
			break;
		}
		if (rv != TSV_ROW || result_check(t, col, &r, &when) != 0) {
			problems++;
			continue;
		}
		result_key(key, sizeof key, &r);
		if ((first = seen_add(&seen, key, t->line, t->start)) != 0) {
			tsv_error(t, -1, "the same record as line %lu", first);
			problems++;
		}
	}
	keyset_free(&seen.keys);
	free(seen.first);
	if (problems == 0 && rv != TSV_FAIL)
		lr_warn("%s: %ld record%s, no problems", t->name, rows,
		    rows == 1 ? "" : "s");
	return problems;
}

/*
 * Open the log to read it, never hanging: a FIFO or a device (which
 * could be read for ever) is refused, not read.
 */
FILE *
log_open_reading(const char *path)
{
	struct stat st;
	int fd = lr_open_nowait(path, &st);

	if (fd < 0)
		return NULL;
	if (!S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file: a log is one", path);
		close(fd);
		return NULL;
	}
	return lr_fdopen_read(fd, path);
}

long
log_check(const char *path)
{
	struct tsv t;
	struct stat st;
	char journal[PATH_MAX + 16], c;
	long problems = 0;
	FILE *fp = log_open_reading(path);

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
		problems += check_rows(&t, fileno(fp));
		tsv_close(&t);
	}
	fclose(fp);
	return problems;
}

/* Does the log end in a newline (or is it empty)? */
int
log_ends_in_newline(const struct logfile *l)
{
	off_t size = log_size(l);
	char c = '\n';

	return size <= 0 || (pread(l->fd, &c, 1, size - 1) == 1 && c == '\n');
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
	char dir[PATH_MAX + 16], to[PATH_MAX + 64], when[NAME_MAX + 32];
	char tmp[PATH_MAX + 32], real[PATH_MAX], quoted[PATH_MAX * 2];
	int aside, fd;

	/* The file itself is replaced, not a symlink to it. */
	if (realpath(l->path, real) == NULL)
		return -1;
	snprintf(dir, sizeof dir, "%s/rejected", l->dir);
	snprintf(tmp, sizeof tmp, "%s/.lr-log-mend-XXXXXX", l->dir);
	spool_prefix(when, sizeof when, real);
	if (lr_mkdirs(dir) != 0 ||
	    (aside = spool_create_unique(dir, when, ".set-aside.tsv", to,
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
int
log_mend(struct logfile *l)
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
	else if (!log_ends_in_newline(l)) {
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
int
log_export_csv(const char *path)
{
	struct tsv t;
	FILE *fp = log_open_reading(path);
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

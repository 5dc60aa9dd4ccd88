/* append.c - one append to the log: all or nothing, never twice. */
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

#include "append.h"
#include "batch.h"
#include "logcheck.h"
#include "logindex.h"
#include "lr.h"
#include "spool.h"

/* The log's real path, as log_open found it: its journal's, less ".journal". */
static void
real_of(char *dst, size_t n, const struct logfile *l)
{
	size_t len = strlen(l->journal) - strlen(".journal");

	snprintf(dst, n, "%.*s", (int)len, l->journal);
}

/*
 * Open the log's index and say whether it can be trusted: 1 when it
 * matches the log, 0 when it was reset for the log to be read into
 * it, -1 when there is none to use (said, when it is not ours).
 */
int
append_index_open(struct logindex *ix, const struct logfile *l)
{
	char real[PATH_MAX], path[PATH_MAX + 16];
	struct stat st;

	real_of(real, sizeof real, l);
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

/*
 * Remove a log of no bytes, with its index, under its lock: a writer
 * waiting on it finds its name gone and makes the log anew (see
 * log_open).  Only while the name is still the plain file we hold: a
 * symlink stays, lest the person's link be lost, and so does a file an
 * editor or mv put in its place.
 */
static void
unmake_log(const struct logfile *l, const char *real)
{
	char path[PATH_MAX + 16];
	struct stat st, open_st;

	if (logindex_path(path, sizeof path, real) == 0)
		unlink(path);
	/* The name must still be the file we hold (an editor's save or
	 * a mv may have put another there), and not a symlink. */
	if (lstat(l->path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fstat(l->fd, &open_st) != 0 || st.st_dev != open_st.st_dev ||
	    st.st_ino != open_st.st_ino || open_st.st_size != 0)
		return;
	unlink(l->path);
	lr_sync_dir(l->dir);
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

static void
append_report(int quiet, const struct batch *b, long present,
    const char *log)
{
	long added = batch_new_rows(b), twice = (long)b->n - added - present;

	if (quiet && present == 0 && twice == 0)
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

/*
 * Lock the log, repair it, take in what killed runs left, drop what
 * the log already has, and append the rest in one all-or-nothing
 * step.
 */
int
append_batch(int quiet, struct batch *b, const char *path,
    struct spool *sp)
{
	struct logfile l;
	struct logindex ix = { .fd = -1 };
	struct stat st;
	struct tsv t;
	struct taken took[64];
	FILE *fp = NULL;
	char *buf, *made = NULL, real[PATH_MAX];
	size_t len, ntook;
	off_t at;
	long present;
	int rv = LR_EDATA, header, trusted = -1;

	if (log_open(&l, path) != 0) {
		spool_say_kept(sp);
		return LR_EDATA;
	}
	real_of(real, sizeof real, &l);
	ntook = pending_take(b, real, sp->fd >= 0 ? sp->path : NULL, took,
	    sizeof took / sizeof took[0]);
	batch_index(b);
	header = log_size(&l) == 0;
	if (batch_log_header(&l, b, &t, &fp, &made) != 0) {
		if (fp)
			fclose(fp);
		free(made);
		if (log_size(&l) == 0)
			unmake_log(&l, real);
		log_close(&l);
		pending_release(took, ntook, 0);
		return LR_EDATA;
	}
	trusted = append_index_open(&ix, &l);
	present = -1;
	if (trusted == 1)
		present = batch_mark_indexed(b, &ix, l.fd, &t);
	if (present < 0) {
		if (trusted == 1 && logindex_reset(&ix) != 0)
			logindex_close(&ix);
		present = batch_mark_present(b, &t, &ix);
	}
	if (present < 0 || !batch_columns_fit(b, &t))
		goto out;
	if (batch_new_rows(b) == 0) {
		if (trusted == 0 && ix.fd >= 0 && fstat(l.fd, &st) == 0)
			logindex_commit(&ix, &st);	/* read whole: keep it */
		rv = LR_OK;
		goto out;
	}
	if ((buf = batch_serialize(b, &t, header, &len)) == NULL)
		goto out;
	/*
	 * A last row without a newline (the format allows it, editors do
	 * it) is whole, for the reader took it: end it before ours.
	 */
	if (!header && !log_ends_in_newline(&l)) {
		buf = lr_xrealloc(buf, len + 1);
		memmove(buf + 1, buf, len++);
		buf[0] = '\n';
	}
	at = log_size(&l);
	if (log_append(&l, buf, len) != 0) {
		lr_warn("%s: %s: the log is unchanged", path, strerror(errno));
		spool_say_kept(sp);
		free(buf);
		goto out;
	}
	index_appended(&ix, &l, b, buf, len, at, header);
	free(buf);
	rv = LR_OK;
out:
	logindex_close(&ix);
	/*
	 * A log of no bytes is not left behind: made for rows that were
	 * not appended, by this run or by one killed before its first
	 * append (no reader takes it, and --check would call it bad).
	 */
	if (log_size(&l) == 0)
		unmake_log(&l, real);
	if (rv == LR_OK) {
		spool_done(sp);
		append_report(quiet, b, present, path);
	}
	pending_release(took, ntook, rv == LR_OK);
	if (ntook > 0 && rv == LR_OK) {
		char dir[PATH_MAX + 16];

		snprintf(dir, sizeof dir, "%s/pending", l.dir);
		rmdir(dir);	/* fails, rightly, when more waits there */
	}
	tsv_close(&t);
	if (fp)
		fclose(fp);
	free(made);
	log_close(&l);
	return rv;
}

/* logindex.h - owns LOG.index: the log's rows by key hash (logindex.c). */

/*
 * What it is.  A hash table in a file beside the log: each entry is a
 * 64-bit hash of a row's key (the caller's: lr_hash of result_key) and
 * the byte offset of that row's line in the log.  A lookup or an add
 * reads and writes a few slots with pread/pwrite, never the whole file;
 * the table doubles, in memory, when more than half full, and is
 * written whole at the next commit.
 *
 * Trust.  The index is a cache.  Its header names the log it was made
 * for: device, inode, size and mtime in nanoseconds, from fstat of the
 * log.  It is trusted only when that matches the log exactly
 * (logindex_matches); otherwise the caller rebuilds it from the log:
 * logindex_reset, logindex_add for every row, logindex_commit.
 * A lookup returns CANDIDATES: the caller reads the row at each offset
 * and compares its key, so neither a hash collision nor a stale entry
 * (an offset past the end, or at another row) can make a row look
 * present or absent wrongly.  The one promise the index makes, and
 * keeps across crashes, is the other way: a header matching the log
 * means every row of the log up to that size has its entry.  So commit
 * syncs the entries first and writes the header after, and a table
 * rewritten whole is preceded by a header made invalid and synced.
 * The header itself is not synced at commit (the next commit's sync
 * carries it): lost in a crash, it only costs a rebuild.
 *
 * Limits.  The identity cannot tell apart two versions of a log of the
 * same size and the same mtime, which needs a change in place within
 * one tick of the file system's clock: lr only appends or cuts back,
 * and every append changes the size.  Entries damaged on disk under an
 * intact header are not detected.  Whoever changes result_key or
 * lr_hash must change LOGINDEX_KEYS, so that older indexes no longer
 * match.
 *
 * Locking.  None of its own: the caller holds the log's exclusive lock
 * from logindex_open to logindex_close.
 *
 * Errors.  Functions returning int give 0, or -1 with errno set;
 * logindex_find gives -1 with errno.  After an error the index is of
 * no help for this run: read the log instead, and rebuild next time.
 */
#ifndef LR_LOGINDEX_H
#define LR_LOGINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* The version of the keys hashed into the index; see Limits above. */
#define LOGINDEX_KEYS 1

/* The log a header names. */
struct logindex_id {
	uint64_t dev, ino, size;
	int64_t sec, nsec;
};

/* An open index.  Its fields are the module's. */
struct logindex {
	int fd;			/* -1 when closed */
	int sound;		/* the header and table were read well */
	int ready;		/* matched the log, or reset: adds allowed */
	int named;		/* the header on disk may name a log */
	uint64_t cap;		/* slots, a power of 2 */
	uint64_t count;		/* entries */
	uint64_t unsynced;	/* entries written since the last sync */
	uint64_t *mem;		/* the table, 2 words a slot, when in memory */
	struct logindex_id id;	/* the log the header names, when named */
};

/*
 * LOG.index for the log at path log into dst of n bytes; -1 with
 * ENAMETOOLONG when it does not fit.
 */
int logindex_path(char *dst, size_t n, const char *log);

/*
 * Open the index at path, or create it (mode 0600, empty: not
 * matching).  Refused, -1 with errno: a symbolic link (ELOOP), not a
 * regular file (EISDIR, EINVAL), owned by another user (EPERM), more
 * than one name (EMLINK: writing it would change another file too).
 * ix is ready for logindex_close even when this fails.
 */
int logindex_open(struct logindex *ix, const char *path);

/*
 * 1 when the index was made for exactly this log (log: fstat of the
 * log's fd, under its lock), and may then be used and added to; else 0.
 */
int logindex_matches(struct logindex *ix, const struct stat *log);

/*
 * Empty the index before a rebuild: its header is made invalid on
 * disk (and synced) first, so that an interrupted rebuild never
 * matches.  The new table is kept in memory until logindex_commit.
 */
int logindex_reset(struct logindex *ix);

/*
 * Add the row at byte offset off of the log, whose key hashes to hash.
 * Only after logindex_matches said 1 or after logindex_reset (EINVAL
 * otherwise).  Adding an entry already there does nothing.
 */
int logindex_add(struct logindex *ix, uint64_t hash, uint64_t off);

/*
 * The offsets of the rows whose key may hash to hash: their number,
 * of which the first max are stored in offs (ask again with more room
 * when it is larger), or -1 with errno.  Under the same conditions as
 * logindex_add.  The caller must read each candidate row and compare
 * its key.
 */
ssize_t logindex_find(const struct logindex *ix, uint64_t hash,
    uint64_t *offs, size_t max);

/*
 * The index now holds every row of the log as it is now (log: fstat
 * of the log's fd after the append): sync the entries, then write the
 * header naming the log.
 */
int logindex_commit(struct logindex *ix, const struct stat *log);

/* Close, dropping what was not committed. */
void logindex_close(struct logindex *ix);

#endif

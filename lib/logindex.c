/* logindex.c - owns LOG.index: the log's row keys, hashed, in a file. */

/*
 * LOG.index: an open-addressing hash table in a file,
 * from a row key's hash to the row's offset in the log; see logindex.h.
 *
 * The file: a header block of HDR_SIZE bytes (struct header at its
 * start, the rest zeros), then cap slots of 16 bytes: the hash, and the
 * offset plus one (0: an empty slot).  A hash's first slot is its mixed
 * bits modulo cap; probing is linear and wraps.  Numbers are in the
 * machine's byte order: an index from another machine does not match
 * (its magic number reads backwards) and is rebuilt.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logindex.h"
#include "lr.h"

#define HDR_SIZE	4096		/* the header has a block of its own */
#define SLOT		16		/* bytes */
#define MIN_CAP		1024		/* slots */
#define MAX_CAP		((uint64_t)1 << 40)
#define WINDOW		16		/* slots read at a time */
#define MAGIC		0x7864692d726c0a31ULL	/* "1\nlr-idx" read on x86 */

struct header {
	uint64_t magic;
	uint64_t keys;		/* LOGINDEX_KEYS */
	uint64_t named;		/* 1: the fields below name the log */
	uint64_t dev, ino, size;
	int64_t sec, nsec;
	uint64_t cap, count;
	uint64_t sum;		/* FNV-1a of the fields before it */
};

_Static_assert(sizeof(struct header) == (size_t)11 * 8,
    "no padding in a header");

/* The first slot to look at for a hash: its bits well mixed. */
static uint64_t
home(uint64_t hash, uint64_t cap)
{
	hash ^= hash >> 33;
	hash *= 0xff51afd7ed558ccdULL;
	hash ^= hash >> 33;
	hash *= 0xc4ceb9fe1a85ec53ULL;
	hash ^= hash >> 33;
	return hash & (cap - 1);
}

static int
pread_all(int fd, void *buf, size_t n, off_t at)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = pread(fd, p, n, at);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return errno = EIO, -1;	/* cut short under us */
		p += r;
		n -= (size_t)r;
		at += r;
	}
	return 0;
}

static int
pwrite_all(int fd, const void *buf, size_t n, off_t at)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = pwrite(fd, p, n, at);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
		at += w;
	}
	return 0;
}

static off_t
slot_at(uint64_t i)
{
	return (off_t)(HDR_SIZE + i * SLOT);
}

int
logindex_path(char *dst, size_t n, const char *log)
{
	int w = snprintf(dst, n, "%s.index", log);

	if (w < 0 || (size_t)w >= n)
		return errno = ENAMETOOLONG, -1;
	return 0;
}

static void
header_make(struct header *h, const struct logindex *ix, int named)
{
	memset(h, 0, sizeof *h);
	h->magic = MAGIC;
	h->keys = LOGINDEX_KEYS;
	h->named = named ? 1 : 0;
	if (named) {
		h->dev = ix->id.dev;
		h->ino = ix->id.ino;
		h->size = ix->id.size;
		h->sec = ix->id.sec;
		h->nsec = ix->id.nsec;
	}
	h->cap = ix->cap;
	h->count = ix->count;
	h->sum = lr_fnv1a(LR_FNV_START, h, offsetof(struct header, sum));
}

static int
header_write(struct logindex *ix, int named)
{
	struct header h;

	header_make(&h, ix, named);
	return pwrite_all(ix->fd, &h, sizeof h, 0);
}

/* Read the header; the index is sound when it and the table's size are. */
static void
header_read(struct logindex *ix, off_t filesize)
{
	struct header h;

	if (filesize < HDR_SIZE || pread_all(ix->fd, &h, sizeof h, 0) != 0)
		return;
	if (h.magic != MAGIC || h.keys != LOGINDEX_KEYS || h.named > 1 ||
	    h.sum != lr_fnv1a(LR_FNV_START, &h, offsetof(struct header, sum)))
		return;
	if (h.cap < MIN_CAP || h.cap > MAX_CAP || (h.cap & (h.cap - 1)) != 0 ||
	    h.count > h.cap / 2 ||
	    (uint64_t)filesize < HDR_SIZE + h.cap * SLOT)
		return;
	ix->sound = 1;
	ix->named = (int)h.named;
	ix->cap = h.cap;
	ix->count = h.count;
	ix->id.dev = h.dev;
	ix->id.ino = h.ino;
	ix->id.size = h.size;
	ix->id.sec = h.sec;
	ix->id.nsec = h.nsec;
}

int
logindex_open(struct logindex *ix, const char *path)
{
	struct stat st;
	int e;

	memset(ix, 0, sizeof *ix);
	ix->fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK, 0600);
	if (ix->fd < 0)
		return -1;
	if (fstat(ix->fd, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	if (st.st_uid != geteuid()) {
		errno = EPERM;
		goto fail;
	}
	if (st.st_nlink != 1) {
		errno = EMLINK;
		goto fail;
	}
	if ((st.st_mode & 077) != 0 && fchmod(ix->fd, 0600) != 0)
		goto fail;
	header_read(ix, st.st_size);
	return 0;
fail:
	e = errno;
	close(ix->fd);
	ix->fd = -1;
	errno = e;
	return -1;
}

static void
id_of(struct logindex_id *id, const struct stat *log)
{
	id->dev = (uint64_t)log->st_dev;
	id->ino = (uint64_t)log->st_ino;
	id->size = (uint64_t)log->st_size;
	id->sec = (int64_t)log->st_mtim.tv_sec;
	id->nsec = (int64_t)log->st_mtim.tv_nsec;
}

static int
id_equal(const struct logindex_id *a, const struct logindex_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->sec == b->sec && a->nsec == b->nsec;
}

int
logindex_matches(struct logindex *ix, const struct stat *log)
{
	struct logindex_id id;

	if (ix->fd < 0 || !ix->sound || !ix->named)
		return 0;
	id_of(&id, log);
	if (!id_equal(&id, &ix->id))
		return 0;
	ix->ready = 1;
	return 1;
}

/* The header on disk names no log, for sure, before the table changes. */
static int
unname(struct logindex *ix)
{
	if (!ix->named)
		return 0;
	if (header_write(ix, 0) != 0 || fdatasync(ix->fd) != 0)
		return -1;
	ix->named = 0;
	return 0;
}

/* Put an entry into the table in memory, of cap slots, with room. */
static int
mem_put(uint64_t *t, uint64_t cap, uint64_t hash, uint64_t plus1)
{
	uint64_t i = home(hash, cap), n;

	for (n = 0; n < cap; n++, i = (i + 1) & (cap - 1)) {
		if (t[2 * i + 1] == 0) {
			t[2 * i] = hash;
			t[2 * i + 1] = plus1;
			return 1;
		}
		if (t[2 * i] == hash && t[2 * i + 1] == plus1)
			return 0;
	}
	return -1;	/* full: never, as it is kept half empty */
}

/* A table of cap slots in memory, holding the entries of old (ocap). */
static uint64_t *
mem_table(uint64_t cap, const uint64_t *old, uint64_t ocap, uint64_t *count)
{
	uint64_t *t, i;

	if (cap > SIZE_MAX / SLOT || (t = calloc((size_t)cap, SLOT)) == NULL)
		return errno = ENOMEM, NULL;
	*count = 0;
	for (i = 0; i < ocap; i++)
		if (old[2 * i + 1] != 0 &&
		    mem_put(t, cap, old[2 * i], old[2 * i + 1]) > 0)
			(*count)++;
	return t;
}

/*
 * Double the table (at least): read it whole when it is in the file,
 * and keep it in memory until the commit writes it.
 */
static int
grow(struct logindex *ix)
{
	uint64_t *old = ix->mem, *t, count, cap = ix->cap * 2;

	if (cap > MAX_CAP)
		return errno = EFBIG, -1;
	if (old == NULL) {
		if (ix->cap > SIZE_MAX / SLOT ||
		    (old = malloc((size_t)ix->cap * SLOT)) == NULL)
			return errno = ENOMEM, -1;
		if (pread_all(ix->fd, old, (size_t)ix->cap * SLOT,
		    slot_at(0)) != 0) {
			free(old);
			return -1;
		}
	}
	t = mem_table(cap, old, ix->cap, &count);
	free(old);
	ix->mem = NULL;
	if (t == NULL)
		return -1;
	ix->mem = t;
	ix->cap = cap;
	ix->count = count;
	return 0;
}

int
logindex_reset(struct logindex *ix)
{
	uint64_t count;

	if (ix->fd < 0)
		return errno = EBADF, -1;
	if (unname(ix) != 0)
		return -1;
	free(ix->mem);
	ix->mem = mem_table(MIN_CAP, NULL, 0, &count);
	if (ix->mem == NULL)
		return -1;
	ix->cap = MIN_CAP;
	ix->count = 0;
	ix->sound = 1;
	ix->ready = 1;
	return 0;
}

/*
 * Walk the slots of a hash in the file, from its first to the first
 * empty one: collect the offsets of the hash into offs (up to max),
 * and say where the empty slot is and whether plus1 is there already.
 */
struct walk {
	uint64_t hash, plus1;
	uint64_t *offs;
	size_t max;
	uint64_t found;		/* entries of the hash */
	int have;		/* plus1 is among them */
	int end;		/* an empty slot was met, at slot */
	uint64_t slot;
};

static int
file_walk(const struct logindex *ix, struct walk *w)
{
	uint64_t buf[2 * WINDOW] = { 0 }, i = home(w->hash, ix->cap);
	uint64_t seen, j = 0, nbuf = 0, mask = ix->cap - 1;

	for (seen = 0; seen < ix->cap; seen++, j++, i = (i + 1) & mask) {
		const uint64_t *s;

		if (j == nbuf) {	/* the next slots, up to the end */
			nbuf = ix->cap - i;
			if (nbuf > WINDOW)
				nbuf = WINDOW;
			if (pread_all(ix->fd, buf, (size_t)nbuf * SLOT,
			    slot_at(i)) != 0)
				return -1;
			j = 0;
		}
		s = buf + 2 * j;
		if (s[1] == 0) {
			w->end = 1;
			w->slot = i;
			return 0;
		}
		if (s[0] != w->hash)
			continue;
		if (s[1] == w->plus1)
			w->have = 1;
		if (w->found < w->max)
			w->offs[w->found] = s[1] - 1;
		w->found++;
	}
	return 0;	/* full: only when the count was wrong */
}

static void
mem_walk(const struct logindex *ix, struct walk *w)
{
	uint64_t i = home(w->hash, ix->cap), n;
	const uint64_t *t = ix->mem;

	for (n = 0; n < ix->cap; n++, i = (i + 1) & (ix->cap - 1)) {
		if (t[2 * i + 1] == 0)
			return;
		if (t[2 * i] != w->hash)
			continue;
		if (w->found < w->max)
			w->offs[w->found] = t[2 * i + 1] - 1;
		w->found++;
	}
}

int
logindex_add(struct logindex *ix, uint64_t hash, uint64_t off)
{
	struct walk w;
	uint64_t s[2];

	if (ix->fd < 0 || !ix->ready || off == UINT64_MAX)
		return errno = EINVAL, -1;
	if (ix->count + 1 > ix->cap / 2 && grow(ix) != 0)
		return -1;
	if (ix->mem != NULL) {
		int r = mem_put(ix->mem, ix->cap, hash, off + 1);

		if (r < 0)
			return errno = EIO, -1;
		ix->count += (uint64_t)r;
		return 0;
	}
	memset(&w, 0, sizeof w);
	w.hash = hash;
	w.plus1 = off + 1;
	if (file_walk(ix, &w) != 0)
		return -1;
	if (w.have)
		return 0;
	if (!w.end) {		/* full, against the count: start afresh */
		if (grow(ix) != 0)
			return -1;
		return logindex_add(ix, hash, off);
	}
	s[0] = hash;
	s[1] = off + 1;
	if (pwrite_all(ix->fd, s, sizeof s, slot_at(w.slot)) != 0)
		return -1;
	ix->count++;
	ix->unsynced++;
	return 0;
}

ssize_t
logindex_find(const struct logindex *ix, uint64_t hash, uint64_t *offs,
    size_t max)
{
	struct walk w;

	if (ix->fd < 0 || !ix->ready)
		return errno = EINVAL, -1;
	memset(&w, 0, sizeof w);
	w.hash = hash;
	w.offs = offs;
	w.max = offs == NULL ? 0 : max;
	if (ix->mem != NULL)
		mem_walk(ix, &w);
	else if (file_walk(ix, &w) != 0)
		return -1;
	if (w.found > SSIZE_MAX)
		return errno = EOVERFLOW, -1;
	return (ssize_t)w.found;
}

/* Write the table held in memory into the file, whole, and sync it. */
static int
write_table(struct logindex *ix)
{
	size_t left = (size_t)ix->cap * SLOT, chunk = (size_t)1 << 20;
	const char *p = (const char *)ix->mem;
	off_t at = slot_at(0);

	if (unname(ix) != 0)
		return -1;
	if (ftruncate(ix->fd, slot_at(ix->cap)) != 0)
		return -1;
	while (left > 0) {
		size_t n = left < chunk ? left : chunk;

		if (pwrite_all(ix->fd, p, n, at) != 0)
			return -1;
		p += n;
		at += (off_t)n;
		left -= n;
	}
	if (fdatasync(ix->fd) != 0)
		return -1;
	free(ix->mem);
	ix->mem = NULL;
	ix->unsynced = 0;
	return 0;
}

int
logindex_commit(struct logindex *ix, const struct stat *log)
{
	struct logindex_id id;

	if (ix->fd < 0 || !ix->ready)
		return errno = EINVAL, -1;
	id_of(&id, log);
	if (ix->mem != NULL) {
		if (write_table(ix) != 0)
			return -1;
	} else if (ix->unsynced > 0) {
		if (fdatasync(ix->fd) != 0)
			return -1;
		ix->unsynced = 0;
	} else if (ix->named && id_equal(&id, &ix->id))
		return 0;	/* nothing new, and the header says so */
	ix->id = id;
	if (header_write(ix, 1) != 0) {
		ix->named = 1;	/* it may be, half written */
		return -1;
	}
	ix->named = 1;
	return 0;
}

void
logindex_close(struct logindex *ix)
{
	if (ix->fd >= 0)
		close(ix->fd);
	ix->fd = -1;
	free(ix->mem);
	ix->mem = NULL;
	ix->ready = 0;
}

/*
 * Fuzz the layer that keeps rows from being lost or doubled: lib/append.c
 * append_batch (lock, recovery, pending/ taken in, the row index
 * LOG.index consulted and kept, rows already there dropped), with
 * writers killed part way, the index damaged, and lr-log --repair's
 * mending in between.  fuzz/append.c does the same for the bytes of
 * lib/logfile.c; this target works with rows and keys.
 *
 * A model keeps the keys (result_key) of the confirmed rows.  After
 * every operation that leaves the log settled, the log must hold each
 * confirmed key exactly once and no other, every row whole and good;
 * log_check (lr-log --check) must find nothing (one problem: the
 * missing final newline after TRIM, or an empty log a killed writer
 * left, which no append may leave); no journal may be left; pending/
 * must hold nothing once an append succeeded; and an index whose
 * header matches the log must have an entry for every row of it, at
 * its offset (the one promise logindex.h makes).
 *
 * The input, one operation after another until it runs out (at most
 * OPS_MAX); a byte past the end reads as 0:
 *
 *	op	one byte: op % 6 is the operation
 *	rows	one byte k, then k % 9 bytes: rows of the pool (b % POOL),
 *		repeats allowed; rows 28-31 have the keys of rows 0-3 and
 *		other values, so they count as already there
 *
 *	0 APPEND rows	append_batch, as lr-log FILE does: every row and
 *			what pending/ held is then confirmed
 *	1 CRASH form cut cut rows
 *			a writer killed in append_batch: the steps of
 *			append_batch up to its log_append are made (recovery
 *			of an earlier crash, pending/ taken in and left
 *			there, the index opened, reset or read), then what
 *			the kill leaves, as fuzz/append.c does it; form % 5:
 *			0: the journal cut short, nothing appended
 *			1: the whole journal, cut % len of the batch
 *			2: the whole journal and the whole batch: the
 *			   next recovery keeps it, so it is confirmed
 *			3: a power cut: the log grown by the batch's
 *			   length, cut % len of its bytes there, zeros after
 *			4: killed after log_append, while adding to the
 *			   index: cut % (rows + 1) entries added, no commit;
 *			   the rows are confirmed
 *			form & 0x10: the killed run read its rows from
 *			standard input, whose copy stays in pending/ for
 *			the next append to take in
 *	2 CORRUPT form at at
 *			the index damaged, form % 4:
 *			0: cut to at % (its size + 1) bytes
 *			1: byte at % 96 of it (its header) xored with
 *			   (form >> 2) | 1
 *			2: removed
 *			3: replaced by a copy of an older index, kept after
 *			   an earlier operation (at % SAVED)
 *	3 REPAIR	what lr-log --repair does (cmd/lr-log.c repair_log,
 *			which is not in lib/, so its steps are made here from
 *			lib/ calls): log_open, log_mend, log_close,
 *			append_batch of no rows, log_check unless that
 *			removed an empty log
 *	4 SPOOL cut cut rows
 *			a run killed while copying standard input to
 *			pending/: the rows as TSV, cut to cut % (len + 1)
 *			bytes; the next append takes in what the reader
 *			takes of it (a torn last line is set aside)
 *	5 TRIM		the log's final newline removed, as an editor may
 *			(the format allows it; recovery first when a crash
 *			is pending)
 *
 * Bytes damaged in the index's table under a header that matches the
 * log are not fuzzed: logindex.h says they are not detected (its
 * Limits), and they can make a row look absent, so doubled.
 *
 * Everything happens in one private directory made once a process,
 * on tmpfs when there is one; each run starts from an empty directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "append.h"
#include "batch.h"
#include "fuzz.h"
#include "logcheck.h"
#include "logindex.h"
#include "spool.h"

#define POOL		32	/* distinct rows; 28 distinct keys */
#define OPS_MAX		48	/* operations a run */
#define ROWS_MAX	8	/* rows an operation */
#define KEY_LEN		128
#define KEYS_MAX	64
#define SAVED		4	/* older indexes kept */
#define INDEX_MAX	65536	/* bytes of an index worth keeping */
#define TEXT_MAX	4096

/* A set of row keys. */
struct keys {
	char v[KEYS_MAX][KEY_LEN];
	size_t n;
};

static char dir[PATH_MAX], logpath[PATH_MAX + 16], journal[PATH_MAX + 32];
static char indexpath[PATH_MAX + 32], pendingdir[PATH_MAX + 16];
static char rejecteddir[PATH_MAX + 16];
/* confirmed: in the log for good; pending: waits in pending/; crash:
 * the killed writer's batch, kept by the next recovery when whole. */
static struct keys confirmed, pending, crash;
static int crashed, keep_crash, trimmed, opno, spools;
static const char *opname;
static char saved[SAVED][INDEX_MAX];
static size_t saved_len[SAVED], nsaved;

static void cleanup(void);

static void
fail(const char *fmt, const char *detail)
{
	fprintf(stderr, "fuzz rows: operation %d (%s): ", opno, opname);
	fprintf(stderr, fmt, detail);
	fprintf(stderr, "\n");
	/* The input that failed says it all: leave no files behind. */
	cleanup();
	abort();
}

/* ---- the scratch directory ---- */

static void
empty_dir(const char *path, int top)
{
	char sub[PATH_MAX + NAME_MAX + 2];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(path);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			empty_dir(sub, 0);
		else
			unlink(sub);
	}
	closedir(d);
	if (!top)
		rmdir(path);
}

static void
cleanup(void)
{
	empty_dir(dir, 1);
	rmdir(dir);
}

static void
setup(void)
{
	fuzz_scratch_dir(dir, "rows");
	/* Recovery state goes by the log's real path: so do we. */
	snprintf(logpath, sizeof logpath, "%s/log.tsv", dir);
	snprintf(journal, sizeof journal, "%s.journal", logpath);
	if (logindex_path(indexpath, sizeof indexpath, logpath) != 0)
		exit(2);
	snprintf(pendingdir, sizeof pendingdir, "%s/pending", dir);
	snprintf(rejecteddir, sizeof rejecteddir, "%s/rejected", dir);
	atexit(cleanup);
}

/* ---- input ---- */

static unsigned int
next_u16(struct input *in)
{
	unsigned int v = next_byte(in) << 8;

	return v | next_byte(in);
}

/* ---- the rows ---- */

/* Row i of the pool, a TSV line of the results columns, newline and all. */
static int
pool_row(char *dst, size_t n, unsigned int i)
{
	unsigned int k = i < 28 ? i : i - 28;
	const char *note = i % 5 == 0 ? "knee\\ttight" : i >= 28 ? "again" : "";
	char started[40];

	snprintf(started, sizeof started, "2025-03-%02uT%02u:%02u:00+01:00",
	    1 + k / 4, 7 + k % 4, (k % 4) * 10);
	if (k % 4 == 3)
		return snprintf(dst, n, "%s\ts%u\tpain\t%u\t\t\t0\t0\t0\t0\t"
		    "before\t%u\t%s\n", started, k / 4, k % 4 + 1,
		    i < 28 ? 3u : 4u, note);
	return snprintf(dst, n, "%s\ts%u\texercise\t%u\t%s\t%s\t3\t%u\t0\t30\t"
	    "done\t\t%s\n", started, k / 4, k % 4 + 1,
	    k % 2 ? "bridge" : "cobra", k % 3 == 0 ? "both" :
	    k % 3 == 1 ? "left" : "right", i < 28 ? 10u : 12u, note);
}

/* The header and k rows of the pool, as the input names them. */
static size_t
next_text(struct input *in, char *text)
{
	size_t len, k = next_byte(in) % (ROWS_MAX + 1), i;

	len = (size_t)snprintf(text, TEXT_MAX, "started\tsession\trecord\t"
	    "step\tid\tside\tsets\treps\thold_s\tactive_s\tstatus\tpain\t"
	    "note\n");
	for (i = 0; i < k; i++)
		len += (size_t)pool_row(text + len, TEXT_MAX - len,
		    next_byte(in) % POOL);
	return len;
}

static int
keys_has(const struct keys *k, const char *key)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i], key) == 0)
			return 1;
	return 0;
}

static void
keys_add(struct keys *k, const char *key)
{
	if (strlen(key) >= KEY_LEN)
		fail("a key too long for the model: %s", key);
	if (keys_has(k, key))
		return;
	if (k->n == KEYS_MAX)
		fail("%s", "the model is full (a bug in the fuzzer)");
	snprintf(k->v[k->n++], KEY_LEN, "%s", key);
}

static void
keys_join(struct keys *to, const struct keys *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		keys_add(to, from->v[i]);
}

/* Read TSV text into the batch, as lr-log reads a file; its bad rows. */
static long
read_text(struct batch *b, const char *text, size_t len)
{
	FILE *fp;
	long bad;

	if (len == 0)
		return -1;	/* no header: not an input */
	if ((fp = fmemopen((void *)text, len, "r")) == NULL)
		fail("%s", "fmemopen failed");
	bad = batch_read(b, fp, "<fuzz>", 1);
	fclose(fp);
	return bad;
}

/* The keys of the batch's rows; with only, those not marked dup. */
static void
batch_keys(struct keys *k, const struct batch *b, int only_new)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!only_new || b->v[i].dup == 0)
			keys_add(k, b->v[i].key);
}

/*
 * The keys a leftover spool gives the next append (spool.c take_one):
 * all its rows when all are good; else, when its last line is torn,
 * the rows before it when those are all good; else none.
 */
static void
spool_keys(struct keys *k, const char *text, size_t len)
{
	struct batch b;
	long bad;

	memset(&b, 0, sizeof b);
	bad = read_text(&b, text, len);
	if (bad != 0 && len > 0 && text[len - 1] != '\n') {
		batch_free(&b);
		memset(&b, 0, sizeof b);
		while (len > 0 && text[len - 1] != '\n')
			len--;
		bad = read_text(&b, text, len);
	}
	if (bad == 0)
		batch_keys(k, &b, 0);
	batch_free(&b);
}

/* A spool in pending/ as a killed run leaves it; its path in to. */
static void
write_spool(const char *text, size_t len, char *to, size_t n)
{
	int fd;

	if (mkdir(pendingdir, 0700) != 0 && errno != EEXIST)
		fail("cannot make %s", pendingdir);
	snprintf(to, n, "%s/log.tsv.20250301T120000-%d.tsv", pendingdir,
	    ++spools);
	fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || (len > 0 && write(fd, text, len) != (ssize_t)len))
		fail("cannot write %s", to);
	close(fd);
}

/* ---- the model's checks ---- */

/* Does the index hold an entry for the row at off, key hashed? */
static int
index_has(const struct logindex *ix, const char *key, uint64_t off)
{
	uint64_t offs[64];
	ssize_t n = logindex_find(ix, lr_hash(key), offs, 64), i;

	if (n < 0 || n > 64)
		fail("%s", "logindex_find failed on a matching index");
	for (i = 0; i < n; i++)
		if (offs[i] == off)
			return 1;
	return 0;
}

/* The rows of the log against the model, and the index against the log. */
static void
check_rows(void)
{
	struct keys seen;
	struct logindex ix = { .fd = -1 };
	struct stat st;
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS];
	char key[512];
	FILE *fp = fopen(logpath, "r");
	int rv, matched = 0;
	size_t i;

	seen.n = 0;
	if (fp == NULL) {
		if (confirmed.n > 0)
			fail("%s", "the log is gone, with confirmed rows");
		return;
	}
	if (fstat(fileno(fp), &st) != 0)
		fail("cannot stat %s", logpath);
	if (st.st_size == 0) {
		/* Made by a writer killed before it wrote a byte. */
		fclose(fp);
		if (confirmed.n > 0)
			fail("%s", "the log is empty, with confirmed rows");
		return;
	}
	if (exists(indexpath)) {
		if (logindex_open(&ix, indexpath) != 0)
			fail("cannot open %s", indexpath);
		matched = logindex_matches(&ix, &st);
	}
	if (tsv_open(&t, fp, logpath) != 0 ||
	    result_find_columns(&t, col) != 0)
		fail("%s", "the log's header cannot be read");
	t.quiet = 1;
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		if (rv != TSV_ROW || result_check(&t, col, &r, &when) != 0)
			fail("%s", "a bad or torn row in the log");
		result_key(key, sizeof key, &r);
		if (!keys_has(&confirmed, key))
			fail("a row no append confirmed: %s", key);
		if (keys_has(&seen, key))
			fail("a row twice: %s", key);
		keys_add(&seen, key);
		if (matched && !index_has(&ix, key, t.start))
			fail("the index matches the log but lacks the row %s",
			    key);
	}
	for (i = 0; i < confirmed.n; i++)
		if (!keys_has(&seen, confirmed.v[i]))
			fail("a confirmed row is lost: %s", confirmed.v[i]);
	tsv_close(&t);
	fclose(fp);
	logindex_close(&ix);
}

/* Keep a copy of the index, for CORRUPT to put back later. */
static void
save_index(void)
{
	int fd = open(indexpath, O_RDONLY | O_CLOEXEC);
	size_t slot = nsaved % SAVED;
	ssize_t n;

	if (fd < 0)
		return;
	n = read(fd, saved[slot], INDEX_MAX);
	close(fd);
	if (n <= 0 || n == INDEX_MAX)
		return;
	saved_len[slot] = (size_t)n;
	nsaved++;
}

/*
 * The whole invariant, when no crash waits for recovery.  appended:
 * an append just succeeded, so pending/ holds no spool of ours.
 */
static void
check(int appended)
{
	struct stat st;
	long problems, expected;

	if (crashed)
		return;
	if (exists(journal))
		fail("%s", "a journal is left");
	check_rows();
	if (appended && pending_waits(logpath, NULL))
		fail("%s", "a spool is left in pending/ after an append");
	if (stat(logpath, &st) == 0) {
		/* An empty log is what a writer killed before its first
		 * append leaves: no reader takes it, append_batch removes
		 * it, so no append leaves one. */
		if (appended && st.st_size == 0)
			fail("%s", "an empty log is left after an append");
		expected = st.st_size == 0 ? 1 : trimmed;
		problems = log_check(logpath);
		if (problems != expected)
			fail("log_check: %s", problems > expected ?
			    "problems found" : "a problem not seen");
	}
	save_index();
}

/* A crash waited for recovery, and log_open made it: the model follows. */
static void
recovered(void)
{
	if (crashed && keep_crash)
		keys_join(&confirmed, &crash);
	if (crashed && keep_crash)
		trimmed = 0;	/* the batch began with the newline */
	crashed = 0;
}

/* ---- operations ---- */

/* The log_open every writer makes, recovering what a crash left. */
static void
open_log(struct logfile *l)
{
	if (log_open(l, logpath) != 0) {
		log_close(l);
		fail("%s", crashed ? "log_open refused our own journal" :
		    "log_open failed");
	}
	recovered();
}

static void
after_append(void)
{
	recovered();		/* append_batch recovered first */
	keys_join(&confirmed, &pending);
	pending.n = 0;
}


static void
op_append(const char *text, size_t len)
{
	struct batch b;
	struct spool sp = { "", -1, 0 };
	struct keys mine;
	size_t known;

	memset(&b, 0, sizeof b);
	if (read_text(&b, text, len) != 0)
		fail("%s", "a row of the pool is refused (a bug in the fuzzer)");
	mine.n = 0;
	batch_keys(&mine, &b, 0);
	if (append_batch(1, &b, logpath, &sp) != LR_OK)
		fail("%s", "append_batch failed");
	batch_free(&b);
	recovered();		/* append_batch recovered first */
	known = confirmed.n;
	after_append();
	keys_join(&confirmed, &mine);
	/* Rows appended (keys new to the log) end its last line first;
	 * nothing appended leaves it as it was (--repair ends it). */
	if (confirmed.n > known)
		trimmed = 0;
	check(1);
}

static void
op_repair(void)
{
	struct logfile l;
	struct batch b;
	struct spool sp = { "", -1, 0 };

	memset(&b, 0, sizeof b);
	if (!exists(logpath) && !pending_waits(logpath, NULL)) {
		check(0);
		return;		/* "nothing to repair" */
	}
	open_log(&l);
	if (log_mend(&l) != 0)
		fail("%s", "log_mend failed");
	if (!log_ends_in_newline(&l))
		fail("%s", "log_mend left the last line without a newline");
	log_close(&l);
	trimmed = 0;
	if (append_batch(1, &b, logpath, &sp) != LR_OK)
		fail("%s", "append_batch of no rows failed");
	batch_free(&b);
	after_append();
	/* repair_log's last step: no log_check when the log held nothing
	 * and append_batch removed it. */
	if (!exists(logpath) && confirmed.n > 0)
		fail("%s", "the log is gone, with confirmed rows");
	check(1);
}

/* What a writer killed in log_append leaves (fuzz.h). */
static void
leave_torn(struct logfile *l, const char *buf, size_t len, unsigned int stage,
    size_t cut)
{
	const char *why = fuzz_leave_torn(l->fd, journal, buf, len, stage, cut);

	if (why != NULL)
		fail("%s", why);
	crashed = 1;
	keep_crash = stage == 2;
}

/* append.c index_appended, killed after the first m entries. */
static void
index_some(struct logindex *ix, const struct batch *b, const char *buf,
    size_t len, off_t at, int header, size_t m)
{
	size_t i, pos = 0;

	if (ix->fd < 0)
		return;
	if (buf[0] == '\n')
		pos = 1;
	if (header)
		pos = (size_t)((char *)memchr(buf, '\n', len) - buf) + 1;
	for (i = 0; i < b->n && pos < len && m > 0; i++) {
		if (b->v[i].dup)
			continue;
		if (logindex_add(ix, lr_hash(b->v[i].key),
		    (uint64_t)at + pos) != 0)
			return;
		m--;
		pos = (size_t)((const char *)memchr(buf + pos, '\n',
		    len - pos) - buf) + 1;
	}
}

/*
 * append_batch's steps up to its log_append, then the kill: nothing
 * after it is done (no release of pending/, no index commit, no
 * unmaking of a log it made).
 */
static void
op_crash(unsigned int form, size_t cut, const char *text, size_t len)
{
	struct logfile l;
	struct logindex ix = { .fd = -1 };
	struct batch b;
	struct tsv t;
	struct taken took[64];
	struct spool sp = { "", -1, 0 };
	FILE *fp = NULL;
	char *buf = NULL, *made = NULL;
	size_t ntook, blen;
	long present = -1;
	int header, trusted;
	off_t at;

	memset(&b, 0, sizeof b);
	if (form & 0x10) {
		write_spool(text, len, sp.path, sizeof sp.path);
		spool_keys(&pending, text, len);
	}
	if (read_text(&b, text, len) != 0)
		fail("%s", "a row of the pool is refused (a bug in the fuzzer)");
	open_log(&l);
	ntook = pending_take(&b, logpath, form & 0x10 ? sp.path : NULL, took,
	    sizeof took / sizeof took[0]);
	batch_index(&b);
	header = log_size(&l) == 0;
	if (batch_log_header(&l, &b, &t, &fp, &made) != 0)
		fail("%s", "batch_log_header failed");
	trusted = append_index_open(&ix, &l);
	if (trusted == 1)
		present = batch_mark_indexed(&b, &ix, l.fd, &t);
	if (present < 0) {
		if (trusted == 1 && logindex_reset(&ix) != 0)
			logindex_close(&ix);
		present = batch_mark_present(&b, &t, &ix);
	}
	if (present < 0 || !batch_columns_fit(&b, &t))
		fail("%s", "the log refuses rows of the pool");
	crash.n = 0;
	batch_keys(&crash, &b, 1);
	if (batch_new_rows(&b) > 0 &&
	    (buf = batch_serialize(&b, &t, header, &blen)) == NULL)
		fail("%s", "batch_serialize failed");
	if (buf != NULL && !header && !log_ends_in_newline(&l)) {
		buf = lr_xrealloc(buf, blen + 1);
		memmove(buf + 1, buf, blen++);
		buf[0] = '\n';
	}
	at = log_size(&l);
	if (buf != NULL && (form & 0x0f) % 5 == 4) {
		if (log_append(&l, buf, blen) != 0)
			fail("log_append failed: %s", strerror(errno));
		index_some(&ix, &b, buf, blen, at, header,
		    cut % (b.n + 1));
		keys_join(&confirmed, &crash);
		trimmed = 0;
	} else if (buf != NULL)
		leave_torn(&l, buf, blen, (form & 0x0f) % 5, cut);
	free(buf);
	/* The kill: every descriptor closed, every lock let go. */
	logindex_close(&ix);
	pending_release(took, ntook, 0);
	tsv_close(&t);
	if (fp)
		fclose(fp);
	free(made);
	log_close(&l);
	batch_free(&b);
	check(0);
}

static void
op_spool(size_t cut, const char *text, size_t len)
{
	char path[PATH_MAX + 64];

	len = cut % (len + 1);
	write_spool(text, len, path, sizeof path);
	spool_keys(&pending, text, len);
	check(0);
}

static void
op_corrupt(unsigned int form, unsigned int at)
{
	struct stat st;
	unsigned char c;
	int fd;

	if (!exists(indexpath))
		return;
	fd = open(indexpath, O_RDWR | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0)
		fail("cannot open %s", indexpath);
	switch (form % 4) {
	case 0:
		if (ftruncate(fd, (off_t)(at % ((size_t)st.st_size + 1))) != 0)
			fail("cannot cut %s", indexpath);
		break;
	case 1:
		if (pread(fd, &c, 1, at % 96) == 1) {
			c ^= (unsigned char)((form >> 2) | 1);
			if (pwrite(fd, &c, 1, at % 96) != 1)
				fail("cannot write %s", indexpath);
		}
		break;
	case 2:
		if (unlink(indexpath) != 0)
			fail("cannot remove %s", indexpath);
		break;
	default:
		if (nsaved > 0) {
			size_t i = at % (nsaved < SAVED ? nsaved : SAVED);

			if (ftruncate(fd, 0) != 0 || pwrite(fd, saved[i],
			    saved_len[i], 0) != (ssize_t)saved_len[i])
				fail("cannot write %s", indexpath);
		}
		break;
	}
	close(fd);
	check(0);
}

static void
op_trim(void)
{
	struct logfile l;
	struct stat st;
	char c;
	int fd;

	if (crashed) {
		open_log(&l);
		log_close(&l);
	}
	fd = open(logpath, O_RDWR | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0 &&
	    pread(fd, &c, 1, st.st_size - 1) == 1 && c == '\n') {
		if (ftruncate(fd, st.st_size - 1) != 0)
			fail("cannot cut %s", logpath);
		trimmed = 1;
	}
	if (fd >= 0)
		close(fd);
	check(0);
}

/* $LR_FUZZ_TRACE set: each operation's bytes and the log after, on stderr. */
static int trace = -1;

static void
trace_op(const uint8_t *p, size_t n)
{
	size_t i;

	fprintf(stderr, "-- %d:", opno);
	for (i = 0; i < n && i < 12; i++)
		fprintf(stderr, " %02x", p[i]);
	fprintf(stderr, "\n");
}

static void
trace_log(void)
{
	char line[512];
	FILE *fp = fopen(logpath, "r");

	fprintf(stderr, "   after %s: crashed %d, %zu confirmed\n", opname,
	    crashed, confirmed.n);
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL)
		fprintf(stderr, "   | %.60s\n", line);
	if (fp)
		fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static char text[TEXT_MAX];
	size_t len;
	unsigned int form, cut;

	if (dir[0] == '\0')
		setup();
	if (trace < 0)
		trace = getenv("LR_FUZZ_TRACE") != NULL;
	empty_dir(dir, 1);
	confirmed.n = pending.n = crash.n = 0;
	crashed = keep_crash = trimmed = spools = 0;
	nsaved = 0;
	for (opno = 1; in.n > 0 && opno <= OPS_MAX; opno++) {
		if (trace)
			trace_op(in.p, in.n);
		switch (next_byte(&in) % 6) {
		case 0:
			opname = "APPEND";
			len = next_text(&in, text);
			op_append(text, len);
			break;
		case 1:
			opname = "CRASH";
			form = next_byte(&in);
			cut = next_u16(&in);
			len = next_text(&in, text);
			op_crash(form, cut, text, len);
			break;
		case 2:
			opname = "CORRUPT";
			form = next_byte(&in);
			op_corrupt(form, next_u16(&in));
			break;
		case 3:
			opname = "REPAIR";
			op_repair();
			break;
		case 4:
			opname = "SPOOL";
			cut = next_u16(&in);
			len = next_text(&in, text);
			op_spool(cut, text, len);
			break;
		default:
			opname = "TRIM";
			op_trim();
			break;
		}
		if (trace)
			trace_log();
	}
	opname = "REPAIR at the end";
	op_repair();
	return 0;
}

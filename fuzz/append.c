/*
 * Fuzz the all-or-nothing appends of lib/logfile.c: replay a sequence
 * of operations, read from the input, on a scratch log, and keep a
 * model of what the log must hold: every confirmed batch exactly once,
 * in order, nothing torn, nothing twice.  After each operation the
 * log's bytes must be the model's, and no journal may be left once
 * log_open has succeeded.
 *
 * The input, one operation after another until it runs out:
 *
 *	op	one byte: (op & 7) % 5 is the operation; (op & 0xf0) == 0xf0
 *		makes its batch big (over 64 KiB, the size recovery reads
 *		a tail in), at most BIG_MAX times a run
 *	bytes	one byte n, then n bytes (fewer at the end of the input)
 *
 *	0 APPEND bytes		log_open, log_append, log_close: the batch
 *				(the bytes, ending in a newline) is
 *				confirmed
 *	1 CRASH bytes stage cut cut
 *				a writer killed in log_append, as the files
 *				it leaves; stage & 3 is
 *				0: the journal cut short, cut % its length
 *				   bytes of it, nothing appended
 *				1: the whole journal, cut % len bytes of the
 *				   batch appended
 *				2: the whole journal and the whole batch,
 *				   the journal not yet removed: the batch
 *				   must be kept, so it is confirmed
 *				3: a power cut: the whole journal, the log
 *				   grown by the batch's length but only
 *				   cut % len of its bytes there, zeros after
 *				The next log_open recovers: APPEND and
 *				REPAIR do it, and one is made before any
 *				other operation and at the end.
 *	2 GARBAGE bytes		the bytes as the journal, then log_open:
 *				it may refuse (-1), and the log must stay
 *				as it was; the garbage is then removed, as
 *				a person would after reading the message
 *	3 REPAIR		log_open and log_close: recovery alone
 *	4 FORGE form size size length length
 *				a whole, well-formed journal the writer did
 *				not leave (restored from a backup, say),
 *				then as GARBAGE: form & 1 makes it version
 *				2, with the log's device and inode (another
 *				file's when form & 2); form & 4 gives it
 *				the sum of the log's bytes from its size on
 *				(else a wrong one); form & 8 lets the group
 *				write it, and then log_open must refuse it;
 *				its size is the 16 bits % (the log's size
 *				+ 2), its length the 16 bits as they are
 *
 * A garbage or forged journal that happens to be a whole journal for
 * this log, naming a size below the log's and a length that reaches at
 * least to its end, cannot be told from a torn append: recovery may cut
 * the log back to that size, and the model follows.  Cutting back for
 * any other journal that is not ours loses confirmed rows.
 *
 * Everything happens in one private directory made once a process,
 * on tmpfs when there is one (fsync is free there); each run starts
 * from no log and no journal.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define BIG_LEN		70000	/* a big batch, over recovery's 64 KiB reads */
#define BIG_MAX		4	/* big batches a run */
#define OPS_MAX		64	/* operations a run */
#define MODEL_MAX	(OPS_MAX * 257 + BIG_MAX * BIG_LEN)

static char dir[PATH_MAX], logpath[PATH_MAX + 16], journal[PATH_MAX + 32];
static char model[MODEL_MAX], seen[MODEL_MAX + 1];
static size_t mlen;
static char batch[BIG_LEN], pending[BIG_LEN];
static size_t pending_len;
static int crashed, keep_pending, opno;
static const char *opname;

static void
cleanup(void)
{
	unlink(journal);
	unlink(logpath);
	rmdir(dir);
}

static void
setup(void)
{
	fuzz_scratch_dir(dir, "append");
	/* The journal goes by the log's real path: so do we. */
	snprintf(logpath, sizeof logpath, "%s/log.tsv", dir);
	snprintf(journal, sizeof journal, "%s.journal", logpath);
	atexit(cleanup);
}

static void
fail(const char *fmt, const char *detail)
{
	fprintf(stderr, "fuzz append: operation %d (%s): ", opno, opname);
	fprintf(stderr, fmt, detail);
	fprintf(stderr, "\n");
	/* The input that failed says it all: leave no files behind. */
	cleanup();
	abort();
}

/* n then n bytes, as they are; their length. */
static size_t
next_bytes(struct input *in, char *buf)
{
	size_t n = next_byte(in);

	if (n > in->n)
		n = in->n;
	memcpy(buf, in->p, n);
	in->p += n;
	in->n -= n;
	return n;
}

/* A batch of rows: the bytes, ending in a newline; repeated if big. */
static size_t
next_rows(struct input *in, int big)
{
	size_t len = next_bytes(in, batch), unit;

	if (len == 0 || batch[len - 1] != '\n')
		batch[len++] = '\n';
	unit = len;
	while (big && len + unit <= sizeof batch) {
		memcpy(batch + len, batch, unit);
		len += unit;
	}
	return len;
}

static void
model_add(const char *buf, size_t len)
{
	if (mlen + len > sizeof model)
		fail("%s", "the model is full (a bug in the fuzzer)");
	memcpy(model + mlen, buf, len);
	mlen += len;
}

static void
write_file(const char *path, const char *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || fchmod(fd, mode) != 0 ||
	    (len > 0 && write(fd, buf, len) != (ssize_t)len))
		fail("cannot write %s", path);
	close(fd);
}

/* The log's bytes into seen; their count. */
static size_t
read_log(void)
{
	int fd = open(logpath, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		fail("cannot open %s", logpath);
	}
	while ((n = read(fd, seen + len, sizeof seen - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n < 0)
		fail("cannot read %s", logpath);
	if (len == sizeof seen)
		fail("%s", "the log holds more than the model");
	return len;
}

/* The invariant: the log is the model, and no journal once opened. */
static void
check(int opened)
{
	size_t len = read_log(), i;
	char what[160];

	if (len != mlen || memcmp(seen, model, len) != 0) {
		i = 0;
		while (i < len && i < mlen && seen[i] == model[i])
			i++;
		snprintf(what, sizeof what, "%zu bytes, the model %zu; they "
		    "differ from byte %zu", len, mlen, i);
		fail("the log is not the model: the log %s", what);
	}
	if (opened && exists(journal))
		fail("%s", "log_open succeeded and left the journal");
}

/*
 * log_open, that must succeed: it recovers what a crash left, and the
 * model takes a batch recovery had to keep.
 */
static void
open_log(struct logfile *l)
{
	if (log_open(l, logpath) != 0) {
		log_close(l);
		fail("%s", crashed ? "log_open refused our own journal" :
		    "log_open failed");
	}
	if (crashed && keep_pending)
		model_add(pending, pending_len);
	crashed = 0;
}

static void
op_repair(void)
{
	struct logfile l;

	open_log(&l);
	log_close(&l);
	check(1);
}

static void
op_append(size_t len)
{
	struct logfile l;

	open_log(&l);
	if (log_append(&l, batch, len) != 0) {
		log_close(&l);
		fail("log_append failed: %s", strerror(errno));
	}
	model_add(batch, len);
	log_close(&l);
	check(1);
}

static void
op_crash(size_t len, unsigned int stage, size_t cut)
{
	int fd = open(logpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	const char *why;

	/* The writer had opened the log, so it exists. */
	if (fd < 0)
		fail("cannot open %s", logpath);
	if ((why = fuzz_leave_torn(fd, journal, batch, len, stage, cut)) != NULL)
		fail("%s", why);
	close(fd);
	memcpy(pending, batch, len);
	pending_len = len;
	keep_pending = stage == 2;
	crashed = 1;
}

/*
 * Whether recovery may cut the log back to *size for this journal
 * text: when it is a whole journal for this log that could be an
 * append cut short, so that no one can tell.  Read as leniently as
 * recovery reads, so as to allow all it could do.
 */
static int
may_cut(const char *text, long long *size)
{
	const char *line[7];
	char *end;
	long long length, dev, ino;
	unsigned long long sum;
	struct stat st;
	int i, v2;

	line[0] = text;
	for (i = 1; i < 7; i++) {
		const char *nl = strchr(line[i - 1], '\n');

		line[i] = nl == NULL ? "" : nl + 1;
	}
	v2 = strncmp(text, "lr-log journal 2\n", 17) == 0;
	if (!v2 && strncmp(text, "lr-log journal 1\n", 17) != 0)
		return 0;
	if (strncmp(line[1], "size ", 5) != 0 ||
	    strncmp(line[2], "length ", 7) != 0 ||
	    strncmp(line[3], "sum ", 4) != 0)
		return 0;
	*size = strtoll(line[1] + 5, NULL, 10);
	length = strtoll(line[2] + 7, NULL, 10);
	sum = strtoull(line[3] + 4, &end, 16);
	if (stat(logpath, &st) != 0)
		return 0;
	if (v2) {
		if (strncmp(line[4], "dev ", 4) != 0 ||
		    strncmp(line[5], "ino ", 4) != 0)
			return 0;
		dev = strtoll(line[4] + 4, NULL, 10);
		ino = strtoll(line[5] + 4, NULL, 10);
		if (dev != (long long)st.st_dev || ino != (long long)st.st_ino)
			return 0;
	}
	if (*size < 0 || length < 0 || *size >= (long long)mlen ||
	    (long long)mlen - *size > length)
		return 0;
	/* A whole append, checksum and all, is kept. */
	return !((long long)mlen - *size == length &&
	    lr_fnv1a(LR_FNV_START, model + *size, (size_t)length) == sum);
}

static void op_garbage(const char *, size_t, mode_t);

static void
op_forge(unsigned int form, size_t size, size_t length)
{
	char text[200];
	struct stat st;
	unsigned long long sum;
	int n;

	if (crashed)
		op_repair();
	if (stat(logpath, &st) != 0) {
		/* No log yet: a journal names no file. */
		st.st_dev = 0;
		st.st_ino = 0;
	}
	size %= mlen + 2;
	sum = lr_fnv1a(LR_FNV_START, model + (size < mlen ? size : mlen),
	    size < mlen ? mlen - size : 0);
	if (!(form & 4))
		sum ^= 1;
	if (form & 1)
		n = snprintf(text, sizeof text, "lr-log journal 2\nsize %zu\n"
		    "length %zu\nsum %llx\ndev %lld\nino %lld\nend\n", size,
		    length, sum, (long long)st.st_dev,
		    (long long)st.st_ino + ((form & 2) != 0));
	else
		n = snprintf(text, sizeof text, "lr-log journal 1\nsize %zu\n"
		    "length %zu\nsum %llx\nend\n", size, length, sum);
	op_garbage(text, (size_t)n, form & 8 ? 0620 : 0600);
}

static void
op_garbage(const char *text, size_t len, mode_t mode)
{
	static char copy[257];
	struct logfile l;
	long long size = 0;
	int cut;

	if (crashed)
		op_repair();
	write_file(journal, text, len, mode);
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (log_open(&l, logpath) != 0) {
		log_close(&l);
		check(0);
		if (unlink(journal) != 0)
			fail("cannot remove %s", journal);
		return;
	}
	log_close(&l);
	if (mode & 022)
		fail("%s", "log_open acted on a journal others could write");
	cut = may_cut(copy, &size) && read_log() == (size_t)size;
	if (cut)
		mlen = (size_t)size;
	check(1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	char garbage[256];
	int big = 0;

	if (dir[0] == '\0')
		setup();
	unlink(journal);
	unlink(logpath);
	mlen = 0;
	crashed = 0;
	for (opno = 1; in.n > 0 && opno <= OPS_MAX; opno++) {
		unsigned int op = next_byte(&in), stage;
		int bigop = (op & 0xf0) == 0xf0 && big < BIG_MAX;
		size_t len, cut;

		switch ((op & 7) % 5) {
		case 0:
			opname = "APPEND";
			big += bigop;
			op_append(next_rows(&in, bigop));
			break;
		case 1:
			opname = "CRASH";
			if (crashed)
				op_repair();
			big += bigop;
			len = next_rows(&in, bigop);
			stage = next_byte(&in) & 3;
			cut = next_byte(&in) << 8;
			cut |= next_byte(&in);
			op_crash(len, stage, cut);
			break;
		case 2:
			opname = "GARBAGE";
			len = next_bytes(&in, garbage);
			op_garbage(garbage, len, 0600);
			break;
		case 4:
			opname = "FORGE";
			stage = next_byte(&in);
			cut = next_byte(&in) << 8;
			cut |= next_byte(&in);
			len = next_byte(&in) << 8;
			len |= next_byte(&in);
			op_forge(stage, cut, len);
			break;
		default:
			opname = "REPAIR";
			op_repair();
			break;
		}
	}
	if (crashed) {
		opname = "REPAIR at the end";
		op_repair();
	}
	return 0;
}

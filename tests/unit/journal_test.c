/*
 * journal_test.c - the log's journalled append and what the next
 * log_open makes of every state an interrupted append can leave: no
 * journal, a journal cut short, a whole journal with part of the
 * append, or all of it, in the log; and journals it must not act on:
 * one for another file, one others could have written.  Version 1
 * journals (no device and inode) are still read.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* What is in the log before the append, and what the append adds. */
static const char before[] = "row\tone\n" "row\ttwo\n";
static const char batch[] = "row\tthree\n" "row\tfour\n" "row\tfive\n";
#define BEFORE (sizeof before - 1)
#define BATCH (sizeof batch - 1)

struct paths {
	char dir[PATH_MAX / 2], log[PATH_MAX], journal[PATH_MAX],
	    other[PATH_MAX];
};

static struct paths P;
static struct unit_messages M;

static void
write_file(const char *path, const void *p, size_t n, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, p, n), (ssize_t)n);
	/* Whatever the umask: the mode the test asks for. */
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
}

/* The log is exactly n bytes, those of p. */
static void
log_is(const void *p, size_t n)
{
	char buf[256];
	int fd = open(P.log, O_RDONLY);
	ssize_t got;

	assert_true(fd >= 0);
	got = read(fd, buf, sizeof buf);
	assert_int_equal(close(fd), 0);
	assert_int_equal(got, (ssize_t)n);
	assert_memory_equal(buf, p, n);
}

/* The log holds what it held before, and k bytes of batch after it. */
static void
log_is_part(size_t k)
{
	char all[BEFORE + BATCH];

	memcpy(all, before, BEFORE);
	memcpy(all + BEFORE, batch, k);
	log_is(all, BEFORE + k);
}

/* The log holds what it held before the append, and only that. */
static void
log_is_before(void)
{
	log_is_part(0);
}

/* The log holds before and all of batch. */
static void
log_is_after(void)
{
	log_is_part(BATCH);
}

/* The log as an interrupted append leaves it: k bytes of batch in. */
static void
make_log(size_t k)
{
	char all[BEFORE + BATCH];

	memcpy(all, before, BEFORE);
	memcpy(all + BEFORE, batch, k);
	write_file(P.log, all, BEFORE + k, 0600);
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/*
 * The text of a journal for appending batch to a log of BEFORE bytes:
 * version 2 names the file of device dev and inode ino, version 1
 * names none.
 */
static size_t
journal_text(char *dst, size_t n, int version, long long dev,
    long long ino)
{
	unsigned long long sum = lr_fnv1a(LR_FNV_START, batch, BATCH);
	int len;

	if (version == 1)
		len = snprintf(dst, n, "lr-log journal 1\nsize %zu\n"
		    "length %zu\nsum %llx\nend\n", BEFORE, BATCH, sum);
	else
		len = snprintf(dst, n, "lr-log journal 2\nsize %zu\n"
		    "length %zu\nsum %llx\ndev %lld\nino %lld\nend\n",
		    BEFORE, BATCH, sum, dev, ino);
	assert_true(len > 0 && (size_t)len < n);
	return (size_t)len;
}

/* The journal lr-log writes for this log: version 2, naming it. */
static size_t
log_journal_text(char *dst, size_t n)
{
	struct stat st;

	assert_int_equal(stat(P.log, &st), 0);
	return journal_text(dst, n, 2, (long long)st.st_dev,
	    (long long)st.st_ino);
}

/* The next writer opens the log, as every lr-log run does. */
static int
reopen(void)
{
	struct logfile l;
	int r = log_open(&l, P.log);

	if (r == 0)
		log_close(&l);
	return r;
}

/*
 * A log_open that failed holds neither the log nor its lock: another
 * writer gets the lock at once.
 */
static void
log_released(void)
{
	int fd = open(P.log, O_RDWR);

	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	assert_int_equal(close(fd), 0);
}

static int
said(const char *text)
{
	return strstr(unit_messages_text(&M), text) != NULL;
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char made[PATH_MAX / 2];

	(void)state;
	snprintf(made, sizeof made, "%s/journal-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	assert_non_null(mkdtemp(made));
	/* The journal goes by the log's real path: so do the tests. */
	assert_non_null(realpath(made, P.dir));
	snprintf(P.log, sizeof P.log, "%s/log.tsv", P.dir);
	snprintf(P.journal, sizeof P.journal, "%s/log.tsv.journal", P.dir);
	snprintf(P.other, sizeof P.other, "%s/other.tsv", P.dir);
	/* A lock still held fails the next log_open at once. */
	assert_int_equal(setenv("LR_LOCK_TIMEOUT", "0", 1), 0);
	unit_messages_start(&M);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_messages_end(&M);
	unlink(P.log);
	unlink(P.journal);
	unlink(P.other);
	assert_int_equal(rmdir(P.dir), 0);
	return 0;
}

/* (a) No journal: the log is left as it is, whatever its length. */
static void
no_journal(void **state)
{
	(void)state;
	make_log(BATCH / 2);
	assert_int_equal(reopen(), 0);
	log_is_part(BATCH / 2);
	/* Not "before" of some append but a log of its own: kept. */
	write_file(P.log, batch, BATCH, 0600);
	assert_int_equal(reopen(), 0);
	log_is(batch, BATCH);
	assert_false(exists(P.journal));
	assert_string_equal(unit_messages_text(&M), "");
}

/*
 * (b) A journal cut short, at every length: it was being written when
 * the append was stopped, so nothing was appended: the journal goes and
 * the log stays.  Even a log longer than the size the journal would
 * have named is left alone: a journal not whole says nothing.
 */
static void
journal_cut_short(void **state)
{
	char text[256];
	size_t n, len;
	int version;

	(void)state;
	for (version = 1; version <= 2; version++) {
		make_log(0);
		len = version == 1 ? journal_text(text, sizeof text, 1, -1,
		    -1) : log_journal_text(text, sizeof text);
		for (n = 0; n < len; n++) {
			make_log(0);
			write_file(P.journal, text, n, 0600);
			assert_int_equal(reopen(), 0);
			log_is_before();
			assert_false(exists(P.journal));

			make_log(BATCH / 2);
			write_file(P.journal, text, n, 0600);
			assert_int_equal(reopen(), 0);
			log_is_part(BATCH / 2);
			assert_false(exists(P.journal));
		}
	}
	assert_false(said("cut back"));
	assert_false(said("kept"));
}

/*
 * (c) A whole journal, and k bytes of the append in the log for every
 * k short of all: the log is cut back to its size before.
 */
static void
part_appended_cut_back(void **state)
{
	char text[256];
	size_t k, len;

	(void)state;
	for (k = 0; k < BATCH; k++) {
		make_log(k);
		len = log_journal_text(text, sizeof text);
		write_file(P.journal, text, len, 0600);
		assert_int_equal(reopen(), 0);
		log_is_before();
		assert_false(exists(P.journal));
	}
	assert_true(said("cut back"));
	assert_false(said("kept"));
}

/*
 * (d) A whole journal and all of the append in the log: the append
 * was complete, only the journal's removal was lost: it is kept.
 */
static void
all_appended_kept(void **state)
{
	char text[256];
	size_t len;

	(void)state;
	make_log(BATCH);
	len = log_journal_text(text, sizeof text);
	write_file(P.journal, text, len, 0600);
	assert_int_equal(reopen(), 0);
	log_is_after();
	assert_false(exists(P.journal));
	assert_true(said("was complete; kept it"));
	assert_false(said("cut back"));
	/* The next append starts from there. */
	assert_int_equal(reopen(), 0);
	log_is_after();
}

/*
 * As many bytes as the append, but not its bytes (its checksum does
 * not match): not the append: cut back.
 */
static void
wrong_bytes_cut_back(void **state)
{
	char text[256], all[BEFORE + BATCH];
	size_t len;

	(void)state;
	memcpy(all, before, BEFORE);
	memcpy(all + BEFORE, batch, BATCH);
	all[BEFORE + BATCH / 2] ^= 1;
	write_file(P.log, all, sizeof all, 0600);
	len = log_journal_text(text, sizeof text);
	write_file(P.journal, text, len, 0600);
	assert_int_equal(reopen(), 0);
	log_is_before();
	assert_false(exists(P.journal));
	assert_false(said("kept"));
}

/*
 * Whole journals lr-log never writes (a line missing, out of order or
 * with a bad number, another version): none is taken for an append,
 * nor read as a version 1 journal: the journal goes, the log stays.
 */
static void
malformed_journal_ignored(void **state)
{
	char text[256], sum[32];
	struct stat st;
	const char *bad[] = {
		"lr-log journal 2\nsize %zu\nlength %zu\nsum %s\n"
		    "ino %lld\ndev %lld\nend\n",
		"lr-log journal 2\nsize %zu\nlength %zu\nsum %s\n"
		    "dev x%lld\nino %lld\nend\n",
		"lr-log journal 2\nsize %zu\nlength %zu\nsum %s\n"
		    "dev %lld\nino -%lld\nend\n",
		"lr-log journal 2\nsize %zu\nlength %zu\nsum %s\n"
		    "dev %lld\nino %lld\nfin\n",
		"lr-log journal 3\nsize %zu\nlength %zu\nsum %s\n"
		    "dev %lld\nino %lld\nend\n",
		"lr-log journal 2\nlength %zu\nsize %zu\nsum %s\n"
		    "dev %lld\nino %lld\nend\n",
		"lr-log journal 2\nsize -%zu\nlength %zu\nsum %s\n"
		    "dev %lld\nino %lld\nend\n",
		"lr-log journal 2\nsize %zu\nlength %zu\nsum z%s\n"
		    "dev %lld\nino %lld\nend\n",
	};
	size_t i;

	(void)state;
	snprintf(sum, sizeof sum, "%llx",
	    (unsigned long long)lr_fnv1a(LR_FNV_START, batch, BATCH));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int len;

		make_log(BATCH / 2);
		assert_int_equal(stat(P.log, &st), 0);
		/* The order of dev and ino differs in one: the same numbers
		 * either way, so that only the lines' order is wrong. */
		len = snprintf(text, sizeof text, bad[i], BEFORE, BATCH, sum,
		    (long long)(i == 0 ? st.st_ino : st.st_dev),
		    (long long)(i == 0 ? st.st_dev : st.st_ino));
		assert_true(len > 0 && (size_t)len < sizeof text);
		write_file(P.journal, text, (size_t)len, 0600);
		assert_int_equal(reopen(), 0);
		log_is_part(BATCH / 2);
		assert_false(exists(P.journal));
	}
	assert_false(said("cut back"));
}

/*
 * (e) A journal naming another file (its device, its inode, or both
 * differ from the log's): refused, the log and the journal left alone.
 */
static void
other_file_refused(void **state)
{
	char text[256];
	struct stat st, ot;
	size_t len;
	int which;

	(void)state;
	write_file(P.other, before, BEFORE, 0600);
	assert_int_equal(stat(P.other, &ot), 0);
	for (which = 0; which < 3; which++) {
		make_log(BATCH / 2);
		assert_int_equal(stat(P.log, &st), 0);
		if (which == 0)
			len = journal_text(text, sizeof text, 2,
			    (long long)ot.st_dev, (long long)ot.st_ino);
		else if (which == 1)
			len = journal_text(text, sizeof text, 2,
			    (long long)st.st_dev + 1, (long long)st.st_ino);
		else
			len = journal_text(text, sizeof text, 2,
			    (long long)st.st_dev, (long long)st.st_ino + 1);
		write_file(P.journal, text, len, 0600);
		assert_int_equal(reopen(), -1);
		log_released();
		log_is_part(BATCH / 2);
		assert_true(exists(P.journal));
		unlink(P.journal);
	}
	assert_true(said("a journal for another file"));
	assert_false(said("cut back"));
}

/*
 * (f) A journal others can write to (mode 666, or 620), or that another
 * user owns: refused, the log and the journal left alone.
 */
static void
refuse(mode_t mode, uid_t uid)
{
	char text[256];
	size_t len;

	make_log(BATCH / 2);
	len = log_journal_text(text, sizeof text);
	write_file(P.journal, text, len, mode);
	if (uid != geteuid())
		assert_int_equal(chown(P.journal, uid, (gid_t)-1), 0);
	assert_int_equal(reopen(), -1);
	log_released();
	log_is_part(BATCH / 2);
	assert_true(exists(P.journal));
	unlink(P.journal);
}

static void
others_writable_refused(void **state)
{
	(void)state;
	refuse(0666, geteuid());
	refuse(0620, geteuid());
	refuse(0602, geteuid());
	assert_true(said("not a journal lr-log wrote for you"));
	assert_false(said("cut back"));
	/* Readable by others is no way to change it: acted on. */
	make_log(BATCH / 2);
	{
		char text[256];
		size_t len = log_journal_text(text, sizeof text);

		write_file(P.journal, text, len, 0644);
	}
	assert_int_equal(reopen(), 0);
	log_is_before();
	assert_false(exists(P.journal));
}

static void
others_journal_refused(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	refuse(0600, 65534);
	assert_true(said("not a journal lr-log wrote for you"));
	assert_false(said("cut back"));
}

/* (g) Version 1 journals: cut back when partial, kept when whole. */
static void
version_1_read(void **state)
{
	char text[256];
	size_t k, len = journal_text(text, sizeof text, 1, -1, -1);

	(void)state;
	for (k = 0; k < BATCH; k++) {
		make_log(k);
		write_file(P.journal, text, len, 0600);
		assert_int_equal(reopen(), 0);
		log_is_before();
		assert_false(exists(P.journal));
	}
	make_log(BATCH);
	write_file(P.journal, text, len, 0600);
	assert_int_equal(reopen(), 0);
	log_is_after();
	assert_false(exists(P.journal));
	assert_true(said("was complete; kept it"));
}

/* An append: the bytes are in, after what was there; no journal. */
static void
append_adds(void **state)
{
	struct logfile l;
	struct stat st;

	(void)state;
	assert_int_equal(log_open(&l, P.log), 0);
	assert_int_equal(l.created, 1);
	assert_int_equal(log_size(&l), 0);
	assert_int_equal(log_append(&l, before, BEFORE), 0);
	assert_int_equal(log_size(&l), (off_t)BEFORE);
	assert_false(exists(P.journal));
	log_close(&l);
	log_is_before();
	assert_int_equal(stat(P.log, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	assert_int_equal(log_open(&l, P.log), 0);
	assert_int_equal(l.created, 0);
	assert_int_equal(log_append(&l, batch, BATCH), 0);
	assert_false(exists(P.journal));
	log_close(&l);
	log_is_after();
	assert_string_equal(unit_messages_text(&M), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(journal_cut_short, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(part_appended_cut_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(all_appended_kept, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(wrong_bytes_cut_back, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(malformed_journal_ignored,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(other_file_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(others_writable_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(others_journal_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(version_1_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(append_adds, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * logindex_test.c - the index of the log's rows: every entry found
 * again, through doublings, in memory and in the file, after reopening;
 * trusted only for the very log it was made for; an interrupted commit
 * or rebuild never trusted; links, other owners' files and garbage
 * refused or ignored, never a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "logindex.h"

#define NKEYS	((uint64_t)100000)
#define NGROUPS	((uint64_t)100)	/* hashes shared by several rows */
#define GROUP	8

struct paths {
	char dir[PATH_MAX / 2], log[PATH_MAX], index[PATH_MAX], other[PATH_MAX];
};

static struct paths P;

/* A bijection of 64-bit numbers: distinct keys get distinct hashes. */
static uint64_t
key_hash(uint64_t i)
{
	uint64_t z = i + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The shared hash of group g: none of the keys' hashes, for the test. */
static uint64_t
group_hash(uint64_t g)
{
	return key_hash(g + 10 * NKEYS) | 1;
}

static void
write_file(const char *path, const void *p, size_t n, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, p, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static void
log_stat(struct stat *st)
{
	assert_int_equal(stat(P.log, st), 0);
}

/* The "log" grows by a line, as an append makes it. */
static void
log_grow(void)
{
	write_file(P.log, "row\n", 4, O_APPEND);
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(P.dir, sizeof P.dir, "%s/logindex-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	assert_non_null(mkdtemp(P.dir));
	snprintf(P.log, sizeof P.log, "%s/log.tsv", P.dir);
	assert_int_equal(logindex_path(P.index, sizeof P.index, P.log), 0);
	snprintf(P.other, sizeof P.other, "%s/other", P.dir);
	write_file(P.log, "started\tsession\n", 16, O_TRUNC);
	return 0;
}

static int
teardown(void **state)
{
	struct stat st;

	(void)state;
	unlink(P.log);
	unlink(P.index);
	if (lstat(P.other, &st) == 0 && S_ISDIR(st.st_mode))
		rmdir(P.other);
	else
		unlink(P.other);
	assert_int_equal(rmdir(P.dir), 0);
	return 0;
}

/* Exactly the offset of key i, and nothing for a key never added. */
static void
check_keys(const struct logindex *ix, uint64_t from, uint64_t to)
{
	uint64_t i, offs[4];

	for (i = from; i < to; i++) {
		assert_int_equal(logindex_find(ix, key_hash(i), offs, 4), 1);
		assert_int_equal(offs[0], i * 100);
		assert_int_equal(logindex_find(ix, key_hash(i + 5 * NKEYS),
		    offs, 4), 0);
	}
}

/* Every offset of every group, each once, in any order. */
static void
check_groups(const struct logindex *ix)
{
	uint64_t g, offs[GROUP + 1], k;
	int seen[GROUP];

	for (g = 0; g < NGROUPS; g++) {
		memset(seen, 0, sizeof seen);
		assert_int_equal(logindex_find(ix, group_hash(g), offs,
		    GROUP + 1), GROUP);
		for (k = 0; k < GROUP; k++) {
			uint64_t o = offs[k] - 7777777 - g * GROUP;

			assert_true(o < GROUP);
			assert_int_equal(seen[o], 0);
			seen[o] = 1;
		}
	}
}

static void
add_keys(struct logindex *ix, uint64_t from, uint64_t to)
{
	uint64_t i;

	for (i = from; i < to; i++)
		assert_int_equal(logindex_add(ix, key_hash(i), i * 100), 0);
}

static void
add_groups(struct logindex *ix)
{
	uint64_t g, k;

	for (g = 0; g < NGROUPS; g++)
		for (k = 0; k < GROUP; k++)
			assert_int_equal(logindex_add(ix, group_hash(g),
			    7777777 + g * GROUP + k), 0);
}

static off_t
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

/* A new index for the log: all its keys, committed. */
static void
build(uint64_t nkeys)
{
	struct logindex ix;
	struct stat st;

	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_reset(&ix), 0);
	add_keys(&ix, 0, nkeys);
	log_stat(&st);
	assert_int_equal(logindex_commit(&ix, &st), 0);
	logindex_close(&ix);
}

/*
 * 100k keys and groups of rows sharing a hash: found in memory while
 * the table doubles from its smallest, in the file after the commit,
 * and again after reopening; the file is the table's size.
 */
static void
many_keys_found_again(void **state)
{
	struct logindex ix;
	struct stat st, made;

	(void)state;
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(stat(P.index, &made), 0);
	assert_int_equal(made.st_mode & 07777, 0600);
	log_stat(&st);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	assert_int_equal(logindex_reset(&ix), 0);
	assert_int_equal(ix.cap, 1024);
	add_keys(&ix, 0, NKEYS / 2);
	add_groups(&ix);
	add_keys(&ix, NKEYS / 2, NKEYS);
	assert_int_equal(ix.count, NKEYS + NGROUPS * GROUP);
	/* more than half full at 131072 slots: 262144 */
	assert_int_equal(ix.cap, 262144);
	check_keys(&ix, 0, NKEYS);
	check_groups(&ix);
	assert_int_equal(logindex_commit(&ix, &st), 0);
	assert_int_equal(file_size(P.index), 4096 + 262144 * 16);
	check_keys(&ix, 0, NKEYS);
	check_groups(&ix);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	logindex_close(&ix);

	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	assert_int_equal(ix.count, NKEYS + NGROUPS * GROUP);
	check_keys(&ix, 0, NKEYS);
	check_groups(&ix);
	logindex_close(&ix);
}

/*
 * Appends to a matching index, in the file, across a doubling that
 * reads the table back from the file, then across another reopened.
 */
static void
grows_in_the_file(void **state)
{
	struct logindex ix;
	struct stat st;
	uint64_t n = 70000, step = 5000, i;

	(void)state;
	build(n);
	for (i = 0; i < 16; i++, n += step) {
		assert_int_equal(logindex_open(&ix, P.index), 0);
		log_stat(&st);
		assert_int_equal(logindex_matches(&ix, &st), 1);
		log_grow();
		add_keys(&ix, n, n + step);
		check_keys(&ix, 0, n + step);
		log_stat(&st);
		assert_int_equal(logindex_commit(&ix, &st), 0);
		logindex_close(&ix);
	}
	/* 150000 keys: past 131072, doubled from the file */
	assert_int_equal(file_size(P.index), 4096 + 524288 * 16);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	assert_int_equal(ix.count, n);
	check_keys(&ix, 0, n);
	logindex_close(&ix);
}

/* Adding what is there already, and finding more than there is room for. */
static void
adds_once_and_counts_all(void **state)
{
	struct logindex ix;
	struct stat st;
	uint64_t offs[3] = { 0, 0, 0 }, k;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {	/* in memory, in the file */
		assert_int_equal(logindex_open(&ix, P.index), 0);
		log_stat(&st);
		if (pass == 0)
			assert_int_equal(logindex_reset(&ix), 0);
		else
			assert_int_equal(logindex_matches(&ix, &st), 1);
		for (k = 0; k < 5; k++) {
			assert_int_equal(logindex_add(&ix, 0, 10 * k), 0);
			assert_int_equal(logindex_add(&ix, 0, 10 * k), 0);
			assert_int_equal(logindex_add(&ix, UINT64_MAX, k), 0);
		}
		assert_int_equal(ix.count, 10);
		assert_int_equal(logindex_find(&ix, 0, offs, 3), 5);
		assert_int_equal(offs[0] % 10, 0);
		assert_true(offs[0] < 50);
		assert_int_equal(offs[2] % 10, 0);
		assert_true(offs[2] < 50);
		assert_int_equal(logindex_find(&ix, 0, NULL, 0), 5);
		assert_int_equal(logindex_find(&ix, UINT64_MAX, NULL, 0), 5);
		assert_int_equal(logindex_find(&ix, 1, offs, 3), 0);
		assert_int_equal(logindex_add(&ix, 3, UINT64_MAX), -1);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(logindex_commit(&ix, &st), 0);
		logindex_close(&ix);
	}
}

/* Does the file hold hash h at slot i (logindex.c: 16 bytes a slot)? */
static int
slot_holds(int fd, uint64_t i, uint64_t h)
{
	uint64_t s[2];

	assert_int_equal(pread(fd, s, sizeof s, (off_t)(4096 + 16 * i)),
	    (ssize_t)sizeof s);
	return s[0] == h && s[1] != 0;
}

/*
 * 511 rows of one hash, in a table of 1024 slots: a run of slots that,
 * for some hashes, goes past the last slot to the first.  Such a run is
 * found whole in memory, in the file, and after adding to it.
 */
static void
runs_wrap_around(void **state)
{
	struct logindex ix;
	struct stat st;
	uint64_t g, k;
	int fd, wraps = 0;

	(void)state;
	log_stat(&st);
	for (g = 0; g < 40 && !wraps; g++) {
		assert_int_equal(logindex_open(&ix, P.index), 0);
		assert_int_equal(logindex_reset(&ix), 0);
		for (k = 0; k < 511; k++)
			assert_int_equal(logindex_add(&ix, group_hash(g), k), 0);
		assert_int_equal(ix.cap, 1024);
		assert_int_equal(logindex_find(&ix, group_hash(g), NULL, 0),
		    511);
		assert_int_equal(logindex_commit(&ix, &st), 0);
		logindex_close(&ix);
		fd = open(P.index, O_RDONLY);
		assert_true(fd >= 0);
		wraps = slot_holds(fd, 1023, group_hash(g)) &&
		    slot_holds(fd, 0, group_hash(g));
		close(fd);
	}
	assert_true(wraps);
	g--;
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	assert_int_equal(logindex_find(&ix, group_hash(g), NULL, 0), 511);
	assert_int_equal(logindex_add(&ix, group_hash(g), 510), 0);
	assert_int_equal(ix.count, 511);
	assert_int_equal(logindex_find(&ix, group_hash(g), NULL, 0), 511);
	logindex_close(&ix);
}

/*
 * Trusted only for the log it was made for: not once the log grows,
 * not when its mtime moves by a second or a nanosecond, nor for
 * another file of the same size and mtime.
 */
static void
matches_only_its_log(void **state)
{
	struct logindex ix;
	struct stat st, st2;
	struct timespec ts[2];

	(void)state;
	build(1000);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	log_stat(&st);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	log_grow();
	log_stat(&st2);
	assert_int_equal(logindex_matches(&ix, &st2), 0);
	assert_int_equal(logindex_commit(&ix, &st2), 0);
	assert_int_equal(logindex_matches(&ix, &st2), 1);
	logindex_close(&ix);

	/* grown, its mtime put back: the size alone tells */
	ts[0] = st2.st_atim;
	ts[1] = st2.st_mtim;
	log_grow();
	assert_int_equal(utimensat(AT_FDCWD, P.log, ts, 0), 0);
	log_stat(&st);
	assert_int_equal(st.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);
	assert_int_equal(truncate(P.log, st2.st_size), 0);

	ts[1].tv_nsec = ts[1].tv_nsec == 5 ? 6 : 5;
	assert_int_equal(utimensat(AT_FDCWD, P.log, ts, 0), 0);
	log_stat(&st);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);

	ts[1] = st2.st_mtim;
	ts[1].tv_sec++;
	assert_int_equal(utimensat(AT_FDCWD, P.log, ts, 0), 0);
	log_stat(&st);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);

	/* back as it was: trusted again */
	ts[1] = st2.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, P.log, ts, 0), 0);
	log_stat(&st);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	logindex_close(&ix);

	/* another file, the same size and mtime */
	write_file(P.other, "started\tsession\nrow\n", 20, O_TRUNC);
	assert_int_equal(utimensat(AT_FDCWD, P.other, ts, 0), 0);
	assert_int_equal(stat(P.other, &st), 0);
	assert_int_equal(st.st_size, st2.st_size);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);
}

/*
 * An append whose commit never came, and a rebuild interrupted, leave
 * an index that is not trusted; a doubling interrupted leaves the old
 * table, trusted, whole.
 */
static void
uncommitted_never_trusted(void **state)
{
	struct logindex ix;
	struct stat st;

	(void)state;
	build(1000);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	log_stat(&st);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	log_grow();
	add_keys(&ix, 1000, 1015);
	logindex_close(&ix);		/* killed before the commit */
	log_stat(&st);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);

	/* a rebuild for the log as it is, killed before its commit */
	build(1015);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	assert_int_equal(logindex_reset(&ix), 0);
	add_keys(&ix, 0, 10);
	logindex_close(&ix);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);

	/* a doubling from the file, killed before its commit */
	build(511);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	assert_int_equal(ix.cap, 1024);
	add_keys(&ix, 511, 600);
	assert_int_equal(ix.cap, 2048);
	logindex_close(&ix);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	check_keys(&ix, 0, 511);
	logindex_close(&ix);
}

/* Nothing is done with an index not known to fit the log. */
static void
unready_refuses(void **state)
{
	struct logindex ix;
	struct stat st;
	uint64_t off;

	(void)state;
	build(10);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	log_grow();
	log_stat(&st);
	assert_int_equal(logindex_add(&ix, key_hash(11), 1100), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(logindex_find(&ix, key_hash(1), &off, 1), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(logindex_commit(&ix, &st), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	logindex_close(&ix);
	logindex_close(&ix);		/* twice is harmless */
}

/* A symbolic link, dangling or not, is refused and followed nowhere. */
static void
refuses_symlinks(void **state)
{
	struct logindex ix;
	struct stat st;

	(void)state;
	assert_int_equal(symlink(P.other, P.index), 0);
	assert_int_equal(logindex_open(&ix, P.index), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(ix.fd, -1);
	logindex_close(&ix);
	assert_int_equal(lstat(P.other, &st), -1);	/* not created */

	write_file(P.other, "precious\n", 9, O_TRUNC);
	assert_int_equal(logindex_open(&ix, P.index), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(file_size(P.other), 9);
}

/* A second name of another file: writing the index would change it. */
static void
refuses_hard_links(void **state)
{
	struct logindex ix;

	(void)state;
	assert_int_equal(link(P.log, P.index), 0);
	assert_int_equal(logindex_open(&ix, P.index), -1);
	assert_int_equal(errno, EMLINK);
	assert_int_equal(file_size(P.log), 16);
}

static void
refuses_what_is_not_a_file(void **state)
{
	struct logindex ix;

	(void)state;
	assert_int_equal(mkdir(P.index, 0700), 0);
	assert_int_equal(logindex_open(&ix, P.index), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(rmdir(P.index), 0);
	assert_int_equal(mkfifo(P.index, 0600), 0);	/* must not hang */
	assert_int_equal(logindex_open(&ix, P.index), -1);
	assert_int_equal(errno, EINVAL);
}

/* Another user's file, made so by root; others' modes are taken back. */
static void
refuses_others_files(void **state)
{
	struct logindex ix;
	struct stat st;

	(void)state;
	write_file(P.index, "", 0, O_TRUNC);
	assert_int_equal(chmod(P.index, 0644), 0);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	logindex_close(&ix);
	assert_int_equal(stat(P.index, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	if (geteuid() != 0)
		skip();
	assert_int_equal(chown(P.index, 65534, 65534), 0);
	assert_int_equal(logindex_open(&ix, P.index), -1);
	assert_int_equal(errno, EPERM);
}

/* A new index, or one of nothing, fits no log, until rebuilt. */
static void
empty_index_does_not_match(void **state)
{
	struct logindex ix;
	struct stat st;

	(void)state;
	write_file(P.index, "", 0, O_TRUNC);
	assert_int_equal(logindex_open(&ix, P.index), 0);
	log_stat(&st);
	assert_int_equal(logindex_matches(&ix, &st), 0);
	assert_int_equal(logindex_reset(&ix), 0);
	add_keys(&ix, 0, 3);
	assert_int_equal(logindex_commit(&ix, &st), 0);
	assert_int_equal(logindex_matches(&ix, &st), 1);
	logindex_close(&ix);
}

static uint64_t seed = 42;

static uint64_t
rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return seed >> 33;
}

/* Use an index however it came out: it must not crash. */
static int
poke(const struct stat *st)
{
	struct logindex ix;
	uint64_t offs[4], i;
	int m;

	if (logindex_open(&ix, P.index) != 0)
		return -1;
	m = logindex_matches(&ix, st);
	if (m)
		for (i = 0; i < 200; i++) {
			assert_true(logindex_find(&ix, key_hash(rnd() % 300),
			    offs, 4) >= 0);
			assert_int_equal(logindex_add(&ix, rnd(), rnd()), 0);
		}
	logindex_close(&ix);
	return m;
}

/*
 * Random bytes, a real index with random bytes changed, or cut short:
 * never a crash; a changed header or a table cut short never matches.
 */
static void
garbage_never_matches(void **state)
{
	static unsigned char good[4096 + 1024 * 16], buf[sizeof good + 100];
	struct stat st;
	size_t n, i, at;
	int fd, round;

	(void)state;
	log_stat(&st);
	for (round = 0; round < 300; round++) {
		n = rnd() % sizeof buf;
		for (i = 0; i < n; i++)
			buf[i] = (unsigned char)rnd();
		write_file(P.index, buf, n, O_TRUNC);
		assert_int_equal(poke(&st), 0);
	}

	build(300);
	log_stat(&st);
	fd = open(P.index, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, good, sizeof good), (ssize_t)sizeof good);
	close(fd);
	for (round = 0; round < 300; round++) {
		memcpy(buf, good, sizeof good);
		at = round % 3 == 0 ? rnd() % 88 : rnd() % sizeof good;
		buf[at] ^= (unsigned char)(1 + rnd() % 255);
		write_file(P.index, buf, sizeof good, O_TRUNC);
		if (at < 88)
			assert_int_equal(poke(&st), 0);
		else
			assert_true(poke(&st) >= 0);
		n = rnd() % sizeof good;
		write_file(P.index, good, n, O_TRUNC);
		assert_int_equal(poke(&st), 0);
	}
	write_file(P.index, good, sizeof good, O_TRUNC);
	assert_int_equal(poke(&st), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(many_keys_found_again,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(grows_in_the_file,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(adds_once_and_counts_all,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(runs_wrap_around,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(matches_only_its_log,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(uncommitted_never_trusted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(unready_refuses,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_symlinks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_hard_links,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_what_is_not_a_file,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_others_files,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(empty_index_does_not_match,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(garbage_never_matches,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

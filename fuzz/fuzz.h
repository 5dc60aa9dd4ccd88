/*
 * fuzz.h - what the fuzz targets share: the input as a FILE, and for
 * the log's targets a scratch directory and what a killed writer
 * leaves.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Millions of bad inputs, each reported: keep the reports out of the
 * fuzzer's own output, which must stay readable for crashes. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lr_set_messages(fopen("/dev/null", "w"));
	return 0;
}

/* The fuzzer's bytes as a read-only stream. */
static inline FILE *
fuzz_input(const uint8_t *data, size_t size)
{
	/* fmemopen refuses a size of 0: an empty input is a file too. */
	static const char nothing[1] = { 0 };

	return fmemopen(size ? (void *)data : (void *)nothing, size ? size : 1,
	    "r");
}

/* The fuzzer's bytes, taken a few at a time. */
struct input {
	const uint8_t *p;
	size_t n;
};

/* The next byte, or 0 when they have run out. */
static inline unsigned int
next_byte(struct input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/* Is there anything at path, a dangling symlink included? */
static inline int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/*
 * A private directory for target's scratch log, its real path in dir
 * (PATH_MAX bytes), on tmpfs when there is one (fsync is free there);
 * exit 2 when none can be made.
 */
static inline void
fuzz_scratch_dir(char *dir, const char *target)
{
	const char *bases[3];
	char tmpl[PATH_MAX];
	size_t i;

	bases[0] = "/dev/shm";
	bases[1] = getenv("TMPDIR");
	bases[2] = "/tmp";
	dir[0] = '\0';
	for (i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		const char *base = bases[i];

		if (base == NULL || *base == '\0')
			continue;
		snprintf(tmpl, sizeof tmpl, "%s/lr-fuzz-%s.XXXXXX", base,
		    target);
		if (mkdtemp(tmpl) != NULL && realpath(tmpl, dir) != NULL)
			return;
		dir[0] = '\0';
	}
	fprintf(stderr, "fuzz %s: cannot make a directory: %s\n", target,
	    strerror(errno));
	exit(2);
}

/*
 * What a writer killed in log_append leaves, for the log open on fd
 * and buf, len the batch it was appending; stage:
 *	0: the journal cut short, cut % its length bytes of it
 *	1: the whole journal, cut % len bytes of the batch appended
 *	2: the whole journal and the whole batch, the journal not yet
 *	   removed (recovery must keep the batch)
 *	3: a power cut: the whole journal, the log grown by len but only
 *	   cut % len of the batch's bytes there, zeros after
 * NULL, or what could not be done.
 */
static inline const char *
fuzz_leave_torn(int fd, const char *journal, const char *buf, size_t len,
    unsigned int stage, size_t cut)
{
	char text[200];
	struct stat st;
	size_t k = stage == 2 ? len : cut % len, jlen;
	int jfd, n;

	if (fstat(fd, &st) != 0)
		return "cannot stat the log";
	n = snprintf(text, sizeof text, "lr-log journal 2\nsize %lld\n"
	    "length %lld\nsum %llx\ndev %lld\nino %lld\nend\n",
	    (long long)st.st_size, (long long)len,
	    (unsigned long long)lr_fnv1a(LR_FNV_START, buf, len),
	    (long long)st.st_dev, (long long)st.st_ino);
	jlen = stage == 0 ? cut % (size_t)n : (size_t)n;
	jfd = open(journal, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (jfd < 0 || (jlen > 0 && write(jfd, text, jlen) != (ssize_t)jlen)) {
		if (jfd >= 0)
			close(jfd);
		return "cannot write the journal";
	}
	close(jfd);
	if (stage > 0 && k > 0 && pwrite(fd, buf, k, st.st_size) != (ssize_t)k)
		return "cannot append to the log";
	if (stage == 3 && ftruncate(fd, st.st_size + (off_t)len) != 0)
		return "cannot grow the log";
	return NULL;
}

#endif

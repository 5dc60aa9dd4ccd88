/* spool.h - input kept safe until it is logged (spool.c). */
#ifndef LR_SPOOL_H
#define LR_SPOOL_H

#include <limits.h>
#include <stddef.h>

struct batch;

/* Years of sessions fit in a few MiB: more on stdin is not results. */
#define INPUT_MAX (16 << 20)

/* Standard input, kept in pending/ beside the log or in TMPDIR. */
struct spool {
	char path[PATH_MAX];
	int fd, in_pending;
};

/* A spool a killed run left, taken in and locked. */
struct taken {
	char path[PATH_MAX + 300];
	int fd;
};

/*
 * Saved input is named after the log (its real path, lr_real_log):
 * pending/log.tsv.20261121T190512-4242.tsv.  0; -1 with errno (EFBIG:
 * over INPUT_MAX); -2: given back on stdout.  On failure nothing is
 * left behind.
 */
int spool_stdin(struct spool *s, const char *log, int beside);
void spool_prefix(char *dst, size_t n, const char *log);
void spool_done(struct spool *s);
void spool_say_kept(const struct spool *sp);
int spool_reject(const char *from, const char *log, char *to, size_t n);
int spool_create_unique(const char *dir, const char *when, const char *ext,
    char *to, size_t n);

size_t pending_take(struct batch *b, const char *log, const char *mine,
    struct taken *took, size_t max);
void pending_release(struct taken *took, size_t n, int appended);
int pending_waits(const char *log, const char *mine);

#endif

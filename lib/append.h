/* append.h - one append to the log, all or nothing (append.c). */
#ifndef LR_APPEND_H
#define LR_APPEND_H

struct batch;
struct logfile;
struct logindex;
struct spool;

/*
 * Lock the log, repair it, take in what killed runs left, drop what
 * the log already has, append the rest in one step.  LR_OK or
 * LR_EDATA, with each reason said; quiet: nothing said when all went
 * well.
 */
int append_batch(int quiet, struct batch *b, const char *path,
    struct spool *sp);

/*
 * Open the index of the log l holds locked: 1 when it matches the log,
 * 0 when it was reset for the log to be read into it, -1 when there is
 * none to use.  (append_batch's own step; fuzz/rows.c takes it too.)
 */
int append_index_open(struct logindex *ix, const struct logfile *l);

#endif

/* append.h - one append to the log, all or nothing (append.c). */
#ifndef LR_APPEND_H
#define LR_APPEND_H

struct batch;
struct spool;

/*
 * Lock the log, repair it, take in what killed runs left, drop what
 * the log already has, append the rest in one step.  LR_OK or
 * LR_EDATA, with each reason said; quiet: nothing said when all went
 * well.
 */
int append_batch(int quiet, struct batch *b, const char *path,
    struct spool *sp);

#endif

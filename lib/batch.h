/* batch.h - the rows of one append (batch.c). */
#ifndef LR_BATCH_H
#define LR_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "keyset.h"
#include "lr.h"

struct logindex;

/* An input the rows came from: its name and its columns. */
struct source {
	char *name;
	char **cols;
	size_t ncol;
};

/* One row, as its source gave it, with what makes it unique. */
struct row {
	char **f;
	size_t src;
	unsigned long line;		/* in its source; 0 when built here */
	char *key;
	int dup;			/* 1: in the log; 2: twice in the input */
};

struct batch {
	struct row *v;
	size_t n, cap;
	struct source *src;
	size_t nsrc;
	struct keyset keys;		/* row index + 1 by key */
};

size_t batch_add_source(struct batch *b, const char *name,
    char *const *cols, size_t n);
void batch_add_row(struct batch *b, size_t src, unsigned long line,
    char *const *f, const struct result *r);
void batch_add_result(struct batch *b, const struct result *r);
long batch_read(struct batch *b, FILE *fp, const char *name, int quiet);
void batch_index(struct batch *b);
void batch_truncate(struct batch *b, size_t n);
void batch_free(struct batch *b);
long batch_new_rows(const struct batch *b);

/*
 * The log's header in t, read from *fpp: the log, or for a new log a
 * header made here in *made (free it after closing *fpp).
 */
int batch_log_header(const struct logfile *l, const struct batch *b,
    struct tsv *t, FILE **fpp, char **made);
long batch_mark_present(struct batch *b, struct tsv *t, struct logindex *ix);
long batch_mark_indexed(struct batch *b, const struct logindex *ix, int fd,
    const struct tsv *head);
/* The key of the good row whose line starts at off in the log, or -1. */
int log_key_at(int fd, const struct tsv *head, uint64_t off, char *key,
    size_t n);
int batch_columns_fit(const struct batch *b, const struct tsv *t);
char *batch_serialize(const struct batch *b, const struct tsv *t, int header,
    size_t *len);

#endif

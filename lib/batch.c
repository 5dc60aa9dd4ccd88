/* batch.c - one append's rows: checked, keyed, matched, written. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "keyset.h"
#include "logindex.h"
#include "lr.h"

/* Is row value - 1 of the batch the one with this key? */
struct wanted {
	const struct batch *b;
	const char *key;
};

static int
same_key(const void *arg, uint64_t value)
{
	const struct wanted *w = arg;

	return strcmp(w->b->v[value - 1].key, w->key) == 0;
}

/* The row with this key, or -1. */
static long
batch_find(const struct batch *b, const char *key)
{
	struct wanted w = { b, key };

	return (long)keyset_find(&b->keys, lr_hash(key), same_key, &w) - 1;
}

/* Index the rows by key; a row given twice is marked, and kept once. */
void
batch_index(struct batch *b)
{
	size_t i;

	keyset_free(&b->keys);
	for (i = 0; i < b->n; i++) {
		if (batch_find(b, b->v[i].key) >= 0) {
			b->v[i].dup = 2;	/* twice in the input */
			continue;
		}
		keyset_add(&b->keys, lr_hash(b->v[i].key), i + 1);
	}
}

size_t
batch_add_source(struct batch *b, const char *name, char *const *cols,
    size_t n)
{
	struct source *s;
	size_t i;

	b->src = lr_xrealloc(b->src, (b->nsrc + 1) * sizeof *b->src);
	s = &b->src[b->nsrc];
	s->name = lr_xstrdup(name);
	s->ncol = n;
	s->cols = lr_xmalloc(n * sizeof *s->cols);
	for (i = 0; i < n; i++)
		s->cols[i] = lr_xstrdup(cols[i]);
	return b->nsrc++;
}

void
batch_add_row(struct batch *b, size_t src, unsigned long line, char *const *f,
    const struct result *r)
{
	struct row *w;
	char key[512];
	size_t i;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->v = lr_xrealloc(b->v, b->cap * sizeof *b->v);
	}
	w = &b->v[b->n++];
	w->src = src;
	w->line = line;
	w->dup = 0;
	w->f = lr_xmalloc(b->src[src].ncol * sizeof *w->f);
	for (i = 0; i < b->src[src].ncol; i++)
		w->f[i] = lr_xstrdup(f[i]);
	result_key(key, sizeof key, r);
	w->key = lr_xstrdup(key);
}

/* Drop the rows from the n-th on: an input refused as a whole. */
void
batch_truncate(struct batch *b, size_t n)
{
	size_t j;

	while (b->n > n) {
		struct row *w = &b->v[--b->n];

		for (j = 0; j < b->src[w->src].ncol; j++)
			free(w->f[j]);
		free(w->f);
		free(w->key);
	}
}

void
batch_free(struct batch *b)
{
	size_t i, j;

	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->src[b->v[i].src].ncol; j++)
			free(b->v[i].f[j]);
		free(b->v[i].f);
		free(b->v[i].key);
	}
	for (i = 0; i < b->nsrc; i++) {
		for (j = 0; j < b->src[i].ncol; j++)
			free(b->src[i].cols[j]);
		free(b->src[i].cols);
		free(b->src[i].name);
	}
	free(b->v);
	free(b->src);
	keyset_free(&b->keys);
}

/*
 * Read and check one input.  Every bad row is reported; the good ones
 * join the batch.  Returns the number of bad rows, or -1 when the
 * input cannot be read at all.
 */
long
batch_read(struct batch *b, FILE *fp, const char *name, int quiet)
{
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS], bad = 0;
	size_t src;
	int rv;

	if (tsv_open(&t, fp, name) != 0)
		return -1;
	t.quiet = quiet;
	if (result_find_columns(&t, col) != 0) {
		tsv_close(&t);
		return -1;
	}
	src = batch_add_source(b, name, t.col, t.ncol);
	while ((rv = tsv_next(&t)) != TSV_EOF) {
		if (rv == TSV_FAIL) {
			bad++;
			break;
		}
		if (rv == TSV_BAD || result_check(&t, col, &r, &when) != 0) {
			bad++;
			continue;
		}
		/* A day of slack for clocks and time zones, no more. */
		if (when.epoch > time(NULL) + 86400) {
			tsv_error(&t, col[R_STARTED], "a time in the future, "
			    "got \"%s\"", t.field[col[R_STARTED]]);
			bad++;
			continue;
		}
		batch_add_row(b, src, t.line, t.field, &r);
	}
	tsv_close(&t);
	return bad;
}

/* Add one results row, built here, to the batch. */
void
batch_add_result(struct batch *b, const struct result *r)
{
	struct result_text t = { "", "", "", "", "", "" };
	char *f[R_NCOLS];

	if (b->nsrc == 0)
		batch_add_source(b, "<command line>",
		    (char *const *)result_cols, R_NCOLS);
	result_fields(r, &t, f);
	batch_add_row(b, 0, 0, f, r);
}

static const char *const log_extra[] = { "logged", NULL };

/* The names of a new log's columns so far, by hash: each once. */
struct names {
	struct keyset set;		/* index + 1 in name */
	const char **name;
	const char *looked_for;
};

static int
same_name(const void *arg, uint64_t value)
{
	const struct names *n = arg;

	return strcmp(n->name[value - 1], n->looked_for) == 0;
}

/*
 * Is c new to the header?  Then it joins the names.  One lookup a
 * name, so that a header of many thousand columns costs as many.
 */
static int
name_is_new(struct names *n, size_t *count, const char *c)
{
	uint64_t h = lr_hash(c);

	n->looked_for = c;
	if (keyset_find(&n->set, h, same_name, n) != 0)
		return 0;
	n->name[(*count)++] = c;
	keyset_add(&n->set, h, *count);
	return 1;
}

/* The log's header: read it, or, for a new log, make it. */
int
batch_log_header(const struct logfile *l, const struct batch *b, struct tsv *t,
    FILE **fpp, char **made)
{
	long col[R_NCOLS];
	size_t i, j, len, all;
	struct names names = { { NULL, NULL, 0, 0 }, NULL, NULL };
	FILE *mem;

	*fpp = NULL;
	if (log_size(l) == 0) {
		/*
		 * A new log: its header is the results columns, "logged",
		 * then the inputs' own columns, read as any header is.
		 */
		if ((mem = open_memstream(made, &len)) == NULL)
			lr_die(LR_EDATA, "out of memory");
		for (i = 0; i < R_NCOLS; i++)
			fprintf(mem, "%s\t", result_cols[i]);
		fputs(log_extra[0], mem);
		for (i = 0, all = 0; i < b->nsrc; i++)
			all += b->src[i].ncol;
		names.name = lr_xmalloc((all + 1) * sizeof *names.name);
		for (i = 0, all = 0; i < b->nsrc; i++)
			for (j = 0; j < b->src[i].ncol; j++) {
				const char *c = b->src[i].cols[j];

				if (lr_word_index(result_cols, c) < 0 &&
				    strcmp(c, log_extra[0]) != 0 &&
				    name_is_new(&names, &all, c))
					fprintf(mem, "\t%s", c);
			}
		keyset_free(&names.set);
		free(names.name);
		putc('\n', mem);
		fclose(mem);
		if ((*fpp = fmemopen(*made, len, "r")) == NULL)
			lr_die(LR_EDATA, "out of memory");
		if (tsv_open(t, *fpp, l->path) != 0)
			return -1;
		return result_find_columns(t, col);
	}
	if ((*fpp = fopen(l->path, "r")) == NULL) {
		lr_warn("%s: %s", l->path, strerror(errno));
		return -1;
	}
	if (tsv_open(t, *fpp, l->path) != 0)
		return -1;
	return result_find_columns(t, col);
}

/*
 * Mark the batch rows the log already holds.  A row the log's reader
 * refuses (a blank line, a bad value, a date a spreadsheet rewrote)
 * makes the log one lr-log does not append to: the first is named,
 * and -1 returned.
 */
long
batch_mark_present(struct batch *b, struct tsv *t, struct logindex *ix)
{
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS], n = 0, i, bad = 0;
	char key[512];
	int rv;

	if (t->fp == NULL)
		return 0;
	if (result_find_columns(t, col) != 0)
		return -1;
	while ((rv = tsv_next(t)) != TSV_EOF) {
		if (rv == TSV_FAIL)
			return -1;
		if (rv != TSV_ROW || result_check(t, col, &r, &when) != 0) {
			t->quiet = 1;	/* the first says it; --check lists */
			bad++;
			continue;
		}
		result_key(key, sizeof key, &r);
		if (ix != NULL && ix->fd >= 0 &&
		    logindex_add(ix, lr_hash(key), t->start) != 0)
			logindex_close(ix);	/* rebuilt next time */
		if ((i = batch_find(b, key)) >= 0 && b->v != NULL &&
		    b->v[i].dup == 0) {
			b->v[i].dup = 1;
			n++;
		}
	}
	if (bad == 0)
		return n;
	lr_warn("%s: %ld bad row%s: nothing added; lr-log --check lists "
	    "them, and lr-log --repair sets them aside in a file it names",
	    t->name, bad, bad == 1 ? "" : "s");
	return -1;
}

/*
 * Is this row, as the log would hold it, one its reader takes?  Every
 * value valid UTF-8 (a note from the command line may not be), and
 * the line within the reader's limit, "logged" and all.
 */
static int
row_fits(const struct batch *b, const struct row *w, const char *const *v,
    size_t n, long linelen)
{
	char where[PATH_MAX + 32];
	size_t c;

	if (w->line > 0)
		snprintf(where, sizeof where, "%s:%lu", b->src[w->src].name,
		    w->line);
	else
		snprintf(where, sizeof where, "%s", b->src[w->src].name);
	for (c = 0; c < n; c++)
		if (!lr_utf8_valid(v[c], strlen(v[c]))) {
			lr_warn("%s: a value is not valid UTF-8", where);
			return 0;
		}
	if (linelen > TSV_LINE_MAX) {
		lr_warn("%s: the row would be %ld bytes in the log, over the "
		    "%d a line may hold", where, linelen, TSV_LINE_MAX);
		return 0;
	}
	return 1;
}

/* Is column value - 1 of the source the name looked for? */
struct colname {
	const struct source *s;
	const char *name;
};

static int
same_col(const void *arg, uint64_t value)
{
	const struct colname *n = arg;

	return strcmp(n->s->cols[value - 1], n->name) == 0;
}

/*
 * Where each log column is in each source, found once (a hash of the
 * source's names: a header may be 15,000 columns wide), or -1: no
 * value there, or "logged", which is now.  nsrc rows of t->ncol.
 */
static long *
places(const struct batch *b, const struct tsv *t)
{
	long *at = lr_xmalloc((b->nsrc ? b->nsrc : 1) * t->ncol * sizeof *at);
	size_t i, c;

	for (i = 0; i < b->nsrc; i++) {
		const struct source *s = &b->src[i];
		struct keyset names = { NULL, NULL, 0, 0 };
		size_t k;

		for (k = 0; k < s->ncol; k++)
			keyset_add(&names, lr_hash(s->cols[k]), k + 1);
		for (c = 0; c < t->ncol; c++) {
			struct colname n = { s, t->col[c] };

			at[i * t->ncol + c] = strcmp(t->col[c], "logged") == 0 ?
			    -1 : (long)keyset_find(&names, lr_hash(t->col[c]),
			    same_col, &n) - 1;
		}
		keyset_free(&names);
	}
	return at;
}

/*
 * The new rows, in the log's column order; a column the log does not
 * have is an error, a column the input lacks is empty, and "logged"
 * is now.  NULL, with each reason said, when a row is one the log's
 * reader would refuse: lr-log writes only what it can read back.
 */
char *
batch_serialize(const struct batch *b, const struct tsv *t, int header,
    size_t *len)
{
	char *buf = NULL, now[32];
	const char **v = lr_xmalloc(t->ncol * sizeof *v);
	long *at = places(b, t);
	FILE *mem = open_memstream(&buf, len);
	size_t i, c;
	int bad = 0;

	if (mem == NULL)
		lr_die(LR_EDATA, "out of memory");
	lr_iso_time(now, sizeof now, time(NULL));
	if (header)
		tsv_put_row(mem, t->col, t->ncol);
	for (i = 0; i < b->n; i++) {
		const struct row *w = &b->v[i];
		const long *a = at + w->src * t->ncol;
		long start = ftell(mem);

		if (w->dup)
			continue;
		for (c = 0; c < t->ncol; c++) {
			v[c] = a[c] >= 0 ? w->f[a[c]] :
			    strcmp(t->col[c], "logged") == 0 ? now : "";
			if (c > 0)
				putc('\t', mem);
			tsv_put_field(mem, v[c]);
		}
		putc('\n', mem);
		if (!row_fits(b, w, v, t->ncol, ftell(mem) - start - 1))
			bad++;
	}
	fclose(mem);
	free(v);
	free(at);
	if (bad == 0)
		return buf;
	lr_warn("nothing was logged: %d row%s the log could not read back",
	    bad, bad == 1 ? "" : "s");
	free(buf);
	return NULL;
}

int
batch_columns_fit(const struct batch *b, const struct tsv *t)
{
	size_t i, j;
	int ok = 1;

	for (i = 0; i < b->nsrc; i++)
		for (j = 0; j < b->src[i].ncol; j++)
			if (tsv_col(t, b->src[i].cols[j]) < 0) {
				lr_warn("%s: column \"%s\" is not in the log %s",
				    b->src[i].name, b->src[i].cols[j],
				    t->name ? t->name : "");
				ok = 0;
			}
	return ok;
}

long
batch_new_rows(const struct batch *b)
{
	long n = 0;
	size_t i;

	for (i = 0; i < b->n; i++)
		n += b->v[i].dup == 0;
	return n;
}

/*
 * The key of the row whose line starts at off in the log (head: the
 * log's header), read and checked as the reader does; -1 when there
 * is no good row there (a stale entry).
 */
int
log_key_at(int fd, const struct tsv *head, uint64_t off, char *key,
    size_t n)
{
	char *line = lr_xmalloc(TSV_LINE_MAX + 2), *text = NULL, *nl;
	ssize_t got = pread(fd, line, TSV_LINE_MAX + 2, (off_t)off);
	size_t textlen, linelen;
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	struct stat st;
	long col[R_NCOLS];
	FILE *mem;
	int rv = -1;

	/*
	 * A line runs to its newline; the last line may have none (the
	 * format allows it, editors do it) and is whole all the same, as
	 * the reader takes it: else its row would look absent, and be
	 * logged twice.
	 */
	if (got > 0 && (nl = memchr(line, '\n', (size_t)got)) != NULL)
		linelen = (size_t)(nl - line);
	else if (got > 0 && fstat(fd, &st) == 0 &&
	    (off_t)off + got == st.st_size && got <= TSV_LINE_MAX)
		linelen = (size_t)got;
	else {
		free(line);
		return -1;
	}
	if ((mem = open_memstream(&text, &textlen)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	tsv_put_row(mem, head->col, head->ncol);
	fwrite(line, 1, linelen, mem);
	putc('\n', mem);
	fclose(mem);
	free(line);
	if ((mem = fmemopen(text, textlen, "r")) != NULL &&
	    tsv_open(&t, mem, head->name) == 0) {
		t.quiet = 1;
		if (result_find_columns(&t, col) == 0 &&
		    tsv_next(&t) == TSV_ROW &&
		    result_check(&t, col, &r, &when) == 0) {
			result_key(key, n, &r);
			rv = 0;
		}
		tsv_close(&t);
	}
	if (mem)
		fclose(mem);
	free(text);
	return rv;
}

/*
 * Mark the batch rows the log already holds, asking the index for
 * candidates and reading only those rows.  -1 when the index fails:
 * then the log is read whole.
 */
long
batch_mark_indexed(struct batch *b, const struct logindex *ix, int fd,
    const struct tsv *head)
{
	uint64_t offs[16];
	char key[512];
	long n = 0;
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct row *w = &b->v[i];
		ssize_t k, found;

		if (w->dup)
			continue;
		found = logindex_find(ix, lr_hash(w->key), offs,
		    sizeof offs / sizeof offs[0]);
		if (found < 0 || (size_t)found > sizeof offs / sizeof offs[0])
			return -1;	/* many collisions: read it all */
		for (k = 0; k < found; k++)
			if (log_key_at(fd, head, offs[k], key, sizeof key) == 0 &&
			    strcmp(key, w->key) == 0) {
				w->dup = 1;
				n++;
				break;
			}
	}
	return n;
}

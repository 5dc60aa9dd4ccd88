/* tsv.c - owns header-aware TSV reading on top of libcsv, and TSV writing. */

/*
 * Header-aware TSV reading on top of libcsv, and TSV writing.
 *
 * Lines are cut here, one at a time, and each is handed to libcsv to
 * split into fields.  Cutting lines ourselves is what lets every
 * message name its line, lets a bad line be reported and passed over
 * without losing the rest, and bounds memory by TSV_LINE_MAX however
 * hostile the input.  libcsv is set up for TSV as its notes require:
 * tab delimiter, no quote character (a '"' is data), no trimming of
 * spaces, and only '\n' ends a row.
 *
 * Fields carry tab, newline, carriage return and backslash escaped as
 * \t \n \r \\ (PostgreSQL's COPY text format, Miller's TSV).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lr.h"

/*
 * The input buffer starts small, for the many short inputs (a log's
 * index checks read one row at a time), and doubles up to INBUF_SIZE
 * while reads fill it, or a line does not fit.
 */
#define INBUF_SIZE (2 * TSV_LINE_MAX + 8192)
#define INBUF_START 8192

/* Headers this wide or narrower are searched name by name. */
#define COLIDX_MIN 16

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int
only_newline(unsigned char c)
{
	return c == '\n';
}

static void
mark_bad(struct tsv *t, size_t field, const char *what)
{
	if (t->bad)
		return;
	t->bad = 1;
	t->bad_field = field;
	snprintf(t->bad_what, sizeof t->bad_what, "%s", what);
}

static void
store_reserve(struct tsv *t, size_t n)
{
	if (t->storelen + n <= t->storecap)
		return;
	while (t->storelen + n > t->storecap)
		t->storecap = t->storecap ? 2 * t->storecap : 1024;
	t->store = lr_xrealloc(t->store, t->storecap);
}

/* libcsv hands over one raw field: undo the escapes into the store. */
static void
on_field(void *s, size_t len, void *data)
{
	struct tsv *t = data;
	const char *p = s;
	size_t i, idx = t->nfield;

	if (t->nfield == t->fieldcap) {
		t->fieldcap = t->fieldcap ? 2 * t->fieldcap : 32;
		t->off = lr_xrealloc(t->off, t->fieldcap * sizeof *t->off);
		t->field = lr_xrealloc(t->field,
		    t->fieldcap * sizeof *t->field);
	}
	t->rawlen += len;
	t->off[t->nfield++] = t->storelen;
	store_reserve(t, len + 1);
	if (!t->line_ascii && !lr_utf8_valid(p, len))
		mark_bad(t, idx, "invalid UTF-8");
	/* Most lines hold no escape: copy their fields whole. */
	if (t->line_plain) {
		memcpy(t->store + t->storelen, p, len);
		t->storelen += len;
		t->store[t->storelen++] = '\0';
		return;
	}
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '\r') {
			mark_bad(t, idx, "a raw carriage return inside the "
			    "field (write it as \\r)");
		} else if (c == '\\') {
			char e = '\0';

			if (i + 1 < len)
				e = p[++i];

			if (e == 't')
				c = '\t';
			else if (e == 'n')
				c = '\n';
			else if (e == 'r')
				c = '\r';
			else if (e == '\\')
				c = '\\';
			else if (e == '\0')
				mark_bad(t, idx, "a lone backslash at the end "
				    "(write \\\\ for a backslash)");
			else
				mark_bad(t, idx, "an unknown escape after a "
				    "backslash (write \\\\ for a backslash)");
		}
		t->store[t->storelen++] = c;
	}
	t->store[t->storelen++] = '\0';
}

static void
on_row(int c, void *data)
{
	(void)c;
	(void)data;
}

static int
fill(struct tsv *t)
{
	size_t n;

	if (t->inpos > 0) {
		t->base += t->inpos;
		memmove(t->in, t->in + t->inpos, t->inlen - t->inpos);
		t->inlen -= t->inpos;
		t->inpos = 0;
	}
	/* A line cut short here is at most TSV_LINE_MAX + 1 bytes (a
	 * longer one is dropped), so there is room once grown. */
	if ((t->in_full || t->inlen == t->incap) && t->incap < INBUF_SIZE) {
		t->incap = t->incap * 2 < INBUF_SIZE ? t->incap * 2 :
		    INBUF_SIZE;
		t->in = lr_xrealloc(t->in, t->incap + 1);
	}
	n = t->incap - t->inlen;
	t->in_full = 0;
	if (n > 0) {
		size_t want = n;

		n = fread(t->in + t->inlen, 1, want, t->fp);
		t->in_full = n == want;
	}
	t->inlen += n;
	if (n == 0) {
		if (ferror(t->fp)) {
			lr_warn("%s: read error: %s", t->name,
			    strerror(errno));
			t->read_error = 1;
		}
		t->in_eof = 1;
	}
	return (int)n;
}

/*
 * Cut the next line.  Returns 1 with the line, 2 for a line too long
 * (already skipped up to its newline), 3 for a line too long with a
 * NUL byte in it from a device or pipe, 0 at the end of the input.
 */
static int
cut_line(struct tsv *t, char **line, size_t *len)
{
	int toolong = 0;

	for (;;) {
		char *s = t->in + t->inpos;
		size_t avail = t->inlen - t->inpos;
		char *nl = memchr(s, '\n', avail);

		t->start = t->base + (unsigned long long)(s - t->in);
		if (nl != NULL) {
			*line = s;
			*len = (size_t)(nl - s);
			t->inpos += *len + 1;
			return toolong ? 2 : 1;
		}
		/* Room for the longest line, its CR, and then some.  A line
		 * too long with a NUL in it, read from a device or a pipe,
		 * is no text (/dev/zero): nothing after it is read, lest it
		 * never end.  A file ends, and its line is passed over. */
		if (avail > TSV_LINE_MAX + 1) {
			if (t->endless && memchr(s, '\0', avail) != NULL)
				return 3;
			toolong = 1;
			t->inpos = t->inlen;
		}
		if (t->in_eof) {
			if (avail == 0 && !toolong)
				return 0;
			*line = s;
			*len = avail;
			t->inpos = t->inlen;
			return toolong ? 2 : 1;
		}
		fill(t);
	}
}

/*
 * What a look at a line tells before libcsv splits it.  The tabs are
 * left to libcsv, whose walk over the line finds them anyway: how many
 * fields there are, and whether spaces at the ends of fields were
 * trimmed, are told by what it hands over.
 */
struct scan {
	int ascii;		/* all ASCII: no UTF-8 to check */
	int plain;		/* no backslash and no CR: nothing to undo */
};

/* Plain ASCII needs no UTF-8 check; look at eight bytes at a time. */
static int
all_ascii(const char *p, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)p[i];
	return (acc & 0x8080808080808080ULL) == 0;
}

static void
scan_line(const char *line, size_t len, struct scan *sc)
{
	sc->ascii = all_ascii(line, len);
	sc->plain = memchr(line, '\\', len) == NULL &&
	    memchr(line, '\r', len) == NULL;
}

static void
parse_line(struct tsv *t, struct csv_parser *p, char *line, size_t len)
{
	size_t done;
	char after = line[len];

	t->nfield = 0;
	t->storelen = 0;
	t->rawlen = 0;
	t->bad = 0;
	/* The line sits in our buffer, with a byte to spare after it:
	 * end it there, for libcsv to see the row end in the same call. */
	line[len] = '\n';
	done = csv_parse(p, line, len + 1, on_field, on_row, t);
	line[len] = after;
	if (done != len + 1)
		lr_die(LR_EDATA, "%s:%lu: %s", t->name, t->line,
		    csv_strerror(csv_error(p)));
}

/*
 * libcsv's own tests for spaces and line ends trim spaces at the ends
 * of fields and take a CR for a line end; on a line with neither a CR
 * nor a space at the end of a field they cannot change anything, and
 * leaving them in place of our callbacks makes reading a log twice as
 * fast.  So a line without a CR goes to that parser first; when its
 * fields and their tabs come to fewer bytes than the line, spaces were
 * trimmed, and the line is split again by the parser that keeps them.
 */
static void
split_fields(struct tsv *t, char *line, size_t len, const struct scan *sc)
{
	size_t i;

	t->line_ascii = sc->ascii;
	t->line_plain = sc->plain;
	if (sc->plain) {
		parse_line(t, &t->fast, line, len);
		if (t->rawlen + (t->nfield > 0 ? t->nfield - 1 : 0) != len)
			parse_line(t, &t->csv, line, len);
	} else {
		parse_line(t, &t->csv, line, len);
	}
	for (i = 0; i < t->nfield; i++)
		t->field[i] = t->store + t->off[i];
}

/*
 * A reader told that only the first columns are used splits only
 * those, when the line is plain ASCII without escapes, so that there
 * is nothing in the rest to check but the count of its tabs.  Those
 * are counted from the end, up to the tab before the last column not
 * used; libcsv counts the ones before it.  The columns after read as
 * empty.  Returns 0 to have the whole line split (and any problem in
 * it reported) as usual.
 */
static int
project(struct tsv *t, char *line, size_t len, const struct scan *sc)
{
	size_t left, cut = len;
	const char *tab;

	if (!t->done_header || t->need == 0 || t->need >= t->ncol ||
	    !sc->ascii || !sc->plain)
		return 0;
	for (left = t->ncol - t->need; left > 0; left--) {
		if ((tab = memrchr(line, '\t', cut)) == NULL)
			return 0;
		cut = (size_t)(tab - line);
	}
	split_fields(t, line, cut, sc);
	if (t->nfield != t->need)
		return 0;
	while (t->nfield < t->ncol) {
		if (t->nfield == t->fieldcap) {
			t->fieldcap *= 2;
			t->field = lr_xrealloc(t->field,
			    t->fieldcap * sizeof *t->field);
			t->off = lr_xrealloc(t->off,
			    t->fieldcap * sizeof *t->off);
		}
		t->field[t->nfield++] = (char *)"";
	}
	return 1;
}

static size_t
field_of_offset(const char *line, size_t pos)
{
	size_t i, n = 0;

	for (i = 0; i < pos; i++)
		if (line[i] == '\t')
			n++;
	return n;
}

static void
report_count(struct tsv *t)
{
	if (t->nfield == 0)
		tsv_error(t, -1, "empty line; the header has %zu fields",
		    t->ncol);
	else if (t->nfield < t->ncol)
		tsv_error(t, -1, "%zu fields, the header has %zu "
		    "(no value for column \"%s\")", t->nfield, t->ncol,
		    t->col[t->nfield]);
	else
		tsv_error(t, -1, "%zu fields, the header has %zu (a tab too "
		    "many, or a tab inside a value that should be written "
		    "as \\t)", t->nfield, t->ncol);
}

int
tsv_next(struct tsv *t)
{
	struct scan sc;
	char *line;
	size_t len;
	const char *nul;
	int r;

	r = cut_line(t, &line, &len);
	if (r == 0)
		return t->read_error ? TSV_FAIL : TSV_EOF;
	t->line++;
	if (r == 3) {
		tsv_error(t, -1, "a NUL byte in a line longer than %d bytes "
		    "(this is not a text file): read no further",
		    TSV_LINE_MAX);
		return TSV_FAIL;
	}
	if (r == 2) {
		tsv_error(t, -1, "line longer than %d bytes", TSV_LINE_MAX);
		return TSV_BAD;
	}
	if (t->line == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, len -= 3;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > TSV_LINE_MAX) {
		tsv_error(t, -1, "line longer than %d bytes", TSV_LINE_MAX);
		return TSV_BAD;
	}
	if ((nul = memchr(line, '\0', len)) != NULL) {
		tsv_error(t, (long)field_of_offset(line, (size_t)(nul - line)),
		    "a NUL byte (this is not a text file)");
		return TSV_BAD;
	}
	scan_line(line, len, &sc);
	if (!project(t, line, len, &sc))
		split_fields(t, line, len, &sc);
	if (t->bad) {
		tsv_error(t, (long)t->bad_field, "%s", t->bad_what);
		return TSV_BAD;
	}
	if (!t->done_header)
		return TSV_ROW;
	if (t->nfield == 0 && t->ncol == 1) {
		store_reserve(t, 1);
		t->store[t->storelen++] = '\0';
		t->off[0] = 0;
		t->field[0] = t->store;
		t->nfield = 1;
	}
	if (t->nfield != t->ncol) {
		report_count(t);
		return TSV_BAD;
	}
	return TSV_ROW;
}

/*
 * The names are kept as they are checked, so that tsv_col finds a name
 * given twice in the index it builds of the ones before: a header of
 * thousands of columns takes no longer than its line to read.
 */
static int
take_header(struct tsv *t)
{
	size_t i;

	if (t->nfield == 0 || (t->nfield == 1 && t->field[0][0] == '\0')) {
		tsv_error(t, -1, "empty header line");
		return -1;
	}
	t->col = lr_xmalloc(t->nfield * sizeof *t->col);
	t->ncol = 0;
	for (i = 0; i < t->nfield; i++) {
		/* One mark is taken off the file; another is not a name. */
		if (strncmp(t->field[i], "\xef\xbb\xbf", 3) == 0) {
			tsv_error(t, (long)i, "a byte-order mark in a column "
			    "name");
			return -1;
		}
		if (t->field[i][0] == '\0') {
			tsv_error(t, (long)i, "empty column name in the "
			    "header");
			return -1;
		}
		if (tsv_col(t, t->field[i]) >= 0) {
			tsv_error(t, (long)i, "column name given twice in "
			    "the header");
			return -1;
		}
		t->col[t->ncol++] = lr_xstrdup(t->field[i]);
	}
	t->done_header = 1;
	return 0;
}

static void
tsv_init(struct tsv *t, FILE *fp, const char *name)
{
	struct stat st;

	memset(t, 0, sizeof *t);
	t->fp = fp;
	t->name = name;
	t->endless = fileno(fp) >= 0 && fstat(fileno(fp), &st) == 0 &&
	    !S_ISREG(st.st_mode);
	t->incap = INBUF_START;
	t->in = lr_xmalloc(t->incap + 1);
	if (csv_init(&t->csv, CSV_REPALL_NL) != 0)
		lr_die(LR_EDATA, "out of memory");
	csv_set_delim(&t->csv, '\t');
	csv_set_quote(&t->csv, '\0');
	csv_set_space_func(&t->csv, no_space);
	csv_set_term_func(&t->csv, only_newline);
	csv_set_blk_size(&t->csv, 4096);
	if (csv_init(&t->fast, CSV_REPALL_NL) != 0)
		lr_die(LR_EDATA, "out of memory");
	csv_set_delim(&t->fast, '\t');
	csv_set_quote(&t->fast, '\0');
	csv_set_blk_size(&t->fast, 4096);
}

/*
 * Start reading fp and take its header line.  Returns 0, or -1 after
 * reporting why there is no usable header and releasing the reader.
 */
int
tsv_open(struct tsv *t, FILE *fp, const char *name)
{
	int r;

	tsv_init(t, fp, name);
	r = tsv_next(t);
	if (r == TSV_EOF)
		lr_warn("%s: empty input: expected a header line", name);
	if (r != TSV_ROW || take_header(t) != 0) {
		tsv_close(t);
		return -1;
	}
	return 0;
}

void
tsv_close(struct tsv *t)
{
	size_t i;

	for (i = 0; i < t->ncol; i++)
		free(t->col[i]);
	free(t->col);
	free(t->colidx);
	free(t->in);
	free(t->store);
	free(t->off);
	free(t->field);
	csv_free(&t->csv);
	csv_free(&t->fast);
	memset(t, 0, sizeof *t);
}

/* Where name is in the index, or the free slot where it would go. */
static size_t
colidx_slot(const struct tsv *t, const char *name)
{
	size_t mask = t->colidx_cap - 1, i = (size_t)lr_hash(name) & mask;

	while (t->colidx[i] != 0 &&
	    strcmp(t->col[t->colidx[i] - 1], name) != 0)
		i = (i + 1) & mask;
	return i;
}

/*
 * Index the columns added since the last look-up, or all of them when
 * col is another array or has fewer names than were indexed.  A name
 * given twice keeps its first column, as a search from the left would.
 */
static void
colidx_update(struct tsv *t)
{
	size_t i, k;

	if (t->colidx_of != t->col || t->colidx_n > t->ncol) {
		t->colidx_of = t->col;
		t->colidx_n = 0;
		if (t->colidx != NULL)
			memset(t->colidx, 0,
			    t->colidx_cap * sizeof *t->colidx);
	}
	/* At most half full, so that probes stay short. */
	if (t->colidx == NULL || 2 * t->ncol > t->colidx_cap) {
		size_t cap = t->colidx_cap ? t->colidx_cap : 64;

		while (2 * t->ncol > cap)
			cap *= 2;
		free(t->colidx);
		t->colidx = lr_xmalloc(cap * sizeof *t->colidx);
		memset(t->colidx, 0, cap * sizeof *t->colidx);
		t->colidx_cap = cap;
		t->colidx_n = 0;
	}
	for (i = t->colidx_n; i < t->ncol; i++) {
		k = colidx_slot(t, t->col[i]);
		if (t->colidx[k] == 0)
			t->colidx[k] = i + 1;
	}
	t->colidx_n = t->ncol;
}

long
tsv_col(const struct tsv *t, const char *name)
{
	size_t i;

	if (t->ncol <= COLIDX_MIN) {
		for (i = 0; i < t->ncol; i++)
			if (strcmp(t->col[i], name) == 0)
				return (long)i;
		return -1;
	}
	/* The index is a cache of what the loop above would find. */
	colidx_update((struct tsv *)t);
	i = colidx_slot(t, name);
	return t->colidx[i] != 0 ? (long)(t->colidx[i] - 1) : -1;
}

/*
 * Find the named columns (a NULL-terminated list) in the header; the
 * first nreq must be there.  Every missing one is named, in one line.
 */
int
tsv_find_columns(const struct tsv *t, const char *const *names,
    int nreq, long *idx)
{
	char *list = NULL;
	size_t len = 0;
	FILE *fp;
	int i, missing = 0, n = 0;

	for (i = 0; names[i] != NULL; i++) {
		idx[i] = tsv_col(t, names[i]);
		if (i < nreq && idx[i] < 0)
			missing++;
	}
	if (missing == 0)
		return 0;
	fp = open_memstream(&list, &len);
	if (fp != NULL) {
		for (i = 0; i < nreq; i++)
			if (idx[i] < 0)
				fprintf(fp, "%s \"%s\"", n++ ? "," : "",
				    names[i]);
		fclose(fp);
	}
	lr_warn("%s:1: missing required column%s%s", t->name,
	    missing > 1 ? "s" : "", list != NULL ? list : "");
	free(list);
	return -1;
}

const char *
tsv_colname(const struct tsv *t, size_t i)
{
	return i < t->ncol ? t->col[i] : "";
}

void
tsv_error(const struct tsv *t, long col, const char *fmt, ...)
{
	va_list ap;
	char *what = NULL;
	int r;

	if (t->quiet)
		return;
	va_start(ap, fmt);
	r = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (r < 0)
		what = NULL;
	if (col >= 0 && (size_t)col < t->ncol && t->done_header)
		lr_warn("%s:%lu: column \"%s\": %s", t->name, t->line,
		    t->col[col], what ? what : "(out of memory)");
	else if (col >= 0)
		lr_warn("%s:%lu: field %ld: %s", t->name, t->line, col + 1,
		    what ? what : "(out of memory)");
	else
		lr_warn("%s:%lu: %s", t->name, t->line,
		    what ? what : "(out of memory)");
	free(what);
}

/*
 * A whole number in [min, max]: digits only, so "1e3", " 5", "+5" and
 * "5s" are refused rather than half-read.
 */
int
tsv_int(const struct tsv *t, long col, long min, long max, long *out)
{
	const char *s = t->field[col], *p = s;
	char q[96];
	long v = 0;
	int neg = 0;

	if (*p == '-' && min < 0)
		neg = 1, p++;
	if (*p == '\0')
		goto notnum;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto notnum;
		if (v > (LONG_MAX - (*p - '0')) / 10)
			goto range;
		v = v * 10 + (*p - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		goto range;
	*out = v;
	return 0;
notnum:
	lr_quote(q, sizeof q, s);
	tsv_error(t, col, "expected a whole number, got %s", q);
	return -1;
range:
	lr_quote(q, sizeof q, s);
	tsv_error(t, col, "expected %ld-%ld, got %s", min, max, q);
	return -1;
}

int
tsv_enum(const struct tsv *t, long col, const char *const *words)
{
	char q[96], all[512];
	int i = lr_word_index(words, t->field[col]);

	if (i >= 0)
		return i;
	lr_quote(q, sizeof q, t->field[col]);
	lr_words_join(all, sizeof all, words);
	tsv_error(t, col, "expected one of %s; got %s", all, q);
	return -1;
}

int
tsv_enum_list(const struct tsv *t, long col, const char *const *words)
{
	char bad[256], q[96], all[512];

	if (lr_list_valid(t->field[col], words, bad, sizeof bad))
		return 0;
	lr_quote(q, sizeof q, bad);
	lr_words_join(all, sizeof all, words);
	tsv_error(t, col, "%s is not one of %s (write a comma list "
	    "without spaces)", q, all);
	return -1;
}

void
tsv_put_field(FILE *fp, const char *s)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		const char *e;

		switch (*s) {
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\\': e = "\\\\"; break;
		default: continue;
		}
		fwrite(run, 1, (size_t)(s - run), fp);
		fputs(e, fp);
		run = s + 1;
	}
	fwrite(run, 1, (size_t)(s - run), fp);
}

void
tsv_put_row(FILE *fp, char *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc('\t', fp);
		tsv_put_field(fp, f[i]);
	}
	putc('\n', fp);
}

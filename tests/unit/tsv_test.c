/*
 * tsv_test.c - the TSV reader on wide headers (every name found again
 * by tsv_col, with a few comparisons each, in a header read from a
 * file and in one built by hand, as lr-log builds a new log's), on
 * lines split by libcsv alone (spaces at the ends of fields kept, the
 * columns a reader does not use counted from the end), and on input
 * read in a buffer that grows: small for a small input, lines at the
 * limit and one over it, and the offsets of many short lines.
 */
#include <malloc.h>

#include "unit.h"

#define WIDE 20000

/*
 * The work of a wide header is counted, not timed: every strcmp the
 * library makes is counted (compares.h).  Reading a header of 20,000
 * names and finding each once took some 400 million comparisons when a
 * name was searched for from the left, and the check for one given
 * twice compared it with each before it.
 */
#include "compares.h"

/*
 * Name i of a wide header.  A line holds at most TSV_LINE_MAX bytes,
 * so 20,000 names must be short: one, two, then three bytes long, of
 * every ASCII byte that is neither NUL, tab, LF, CR nor a backslash
 * (123 of them).  They come to 64,624 bytes with their tabs.
 */
static const char *
wide_name(size_t i, char *buf)
{
	static char alpha[128];
	static size_t na;
	size_t len = 1, k;
	int c;

	if (na == 0)
		for (c = 1; c < 128; c++)
			if (c != '\t' && c != '\n' && c != '\r' && c != '\\')
				alpha[na++] = (char)c;
	if (i >= na) {
		i -= na, len = 2;
		if (i >= na * na)
			i -= na * na, len = 3;
	}
	for (k = 0; k < len; k++) {
		buf[len - 1 - k] = alpha[i % na];
		i /= na;
	}
	buf[len] = '\0';
	return buf;
}

/* A growing text, for inputs made here. */
struct text {
	char *s;
	size_t len;
	FILE *fp;
};

static void
text_start(struct text *x)
{
	x->s = NULL;
	x->len = 0;
	x->fp = open_memstream(&x->s, &x->len);
	assert_non_null(x->fp);
}

static FILE *
text_input(struct text *x)
{
	FILE *fp;

	assert_int_equal(fclose(x->fp), 0);
	fp = fmemopen(x->s, x->len, "r");
	assert_non_null(fp);
	return fp;
}

/* Row r of the wide file: a value in one column in 1000, empty else. */
static void
wide_value(char *buf, size_t n, int r, size_t i)
{
	if (i % 1000 == (size_t)r * 7)
		snprintf(buf, n, "r%dc%zu", r, i);
	else
		buf[0] = '\0';
}

#define WIDE_ROWS 5

static void
put_wide(struct text *x, size_t ncol, int extra_field)
{
	char name[4], v[48];
	size_t i;
	int r;

	text_start(x);
	for (i = 0; i < ncol; i++)
		fprintf(x->fp, "%s%s", i ? "\t" : "", wide_name(i, name));
	fputc('\n', x->fp);
	for (r = 0; r < WIDE_ROWS; r++) {
		for (i = 0; i < ncol; i++) {
			wide_value(v, sizeof v, r, i);
			fprintf(x->fp, "%s%s", i ? "\t" : "", v);
		}
		fputs(extra_field && r == WIDE_ROWS - 1 ? "\tmore\n" : "\n",
		    x->fp);
	}
}

static void
check_wide_rows(struct tsv *t, size_t need)
{
	char v[48];
	size_t i;
	int r;

	for (r = 0; r < WIDE_ROWS; r++) {
		assert_int_equal(tsv_next(t), TSV_ROW);
		assert_int_equal(t->nfield, WIDE);
		for (i = 0; i < WIDE; i++) {
			if (need > 0 && i >= need)
				v[0] = '\0';
			else
				wide_value(v, sizeof v, r, i);
			assert_string_equal(t->field[i], v);
		}
	}
	assert_int_equal(tsv_next(t), TSV_EOF);
}

/* 20,000 columns: each name found where it is, rows read whole. */
static void
a_wide_header_is_read_and_every_name_found(void **state)
{
	struct text x;
	struct tsv t;
	char name[4];
	size_t i;
	FILE *fp;

	(void)state;
	put_wide(&x, WIDE, 0);
	fp = text_input(&x);
	assert_true(strchr(x.s, '\n') - x.s <= TSV_LINE_MAX);
	assert_int_equal(tsv_open(&t, fp, "wide.tsv"), 0);
	assert_int_equal(t.ncol, WIDE);
	for (i = 0; i < WIDE; i++) {
		assert_string_equal(t.col[i], wide_name(i, name));
		assert_int_equal(tsv_col(&t, name), (long)i);
	}
	assert_int_equal(tsv_col(&t, "not a column"), -1);
	assert_int_equal(tsv_col(&t, ""), -1);
	check_wide_rows(&t, 0);
	tsv_close(&t);
	fclose(fp);
	free(x.s);
}

/* A few comparisons a name, to read them all and find each. */
static void
a_wide_header_takes_a_few_comparisons_a_name(void **state)
{
	struct text x;
	struct tsv t, h;
	char name[4];
	unsigned long n;
	size_t i;
	FILE *fp;

	(void)state;
	put_wide(&x, WIDE, 0);
	fp = text_input(&x);
	compares = 0;
	assert_int_equal(tsv_open(&t, fp, "wide.tsv"), 0);
	for (i = 0; i < WIDE; i++)
		if (tsv_col(&t, wide_name(i, name)) != (long)i)
			fail_msg("column %zu not found", i);
	n = compares;
	if (n > 10UL * WIDE)
		fail_msg("%lu comparisons to read and find %d names", n, WIDE);

	/* And so for a header built name by name, as lr-log does. */
	memset(&h, 0, sizeof h);
	h.col = lr_xmalloc(WIDE * sizeof *h.col);
	compares = 0;
	for (i = 0; i < WIDE; i++)
		if (tsv_col(&h, t.col[i]) < 0)
			h.col[h.ncol++] = lr_xstrdup(t.col[i]);
	for (i = 0; i < WIDE; i++)
		if (tsv_col(&h, t.col[i]) != (long)i)
			fail_msg("column %zu not found", i);
	n = compares;
	if (n > 10UL * WIDE)
		fail_msg("%lu comparisons to build and search %d names", n,
		    WIDE);
	tsv_close(&h);
	tsv_close(&t);
	fclose(fp);
	free(x.s);
}

/* The same, with only the first columns used: the rest read empty. */
static void
a_wide_file_read_for_its_first_columns(void **state)
{
	struct text x;
	struct tsv t;
	FILE *fp;

	(void)state;
	put_wide(&x, WIDE, 0);
	fp = text_input(&x);
	assert_int_equal(tsv_open(&t, fp, "wide.tsv"), 0);
	t.need = 30;
	check_wide_rows(&t, 30);
	tsv_close(&t);
	fclose(fp);
	free(x.s);
}

/* A field too many in a wide row, with or without a reader's need. */
static void
a_wide_row_with_a_field_too_many(void **state)
{
	struct unit_messages m;
	struct text x;
	struct tsv t;
	size_t need;
	int r;
	FILE *fp;

	(void)state;
	for (need = 0; need <= 30; need += 30) {
		put_wide(&x, WIDE, 1);
		fp = text_input(&x);
		unit_messages_start(&m);
		assert_int_equal(tsv_open(&t, fp, "wide.tsv"), 0);
		t.need = need;
		for (r = 0; r < WIDE_ROWS - 1; r++)
			assert_int_equal(tsv_next(&t), TSV_ROW);
		assert_int_equal(tsv_next(&t), TSV_BAD);
		assert_non_null(strstr(unit_messages_text(&m), "wide.tsv:6: "
		    "20001 fields, the header has 20000"));
		assert_int_equal(tsv_next(&t), TSV_EOF);
		unit_messages_end(&m);
		tsv_close(&t);
		fclose(fp);
		free(x.s);
	}
}

/* The last of 20,000 names is the first again: named by its place. */
static void
a_name_given_twice_in_a_wide_header(void **state)
{
	struct unit_messages m;
	struct text x;
	struct tsv t;
	char name[4];
	size_t i;
	FILE *fp;

	(void)state;
	text_start(&x);
	for (i = 0; i < WIDE - 1; i++)
		fprintf(x.fp, "%s\t", wide_name(i, name));
	fprintf(x.fp, "%s\n", wide_name(0, name));
	fp = text_input(&x);
	unit_messages_start(&m);
	assert_int_equal(tsv_open(&t, fp, "twice.tsv"), -1);
	assert_non_null(strstr(unit_messages_text(&m), "twice.tsv:1: field "
	    "20000: column name given twice in the header"));
	unit_messages_end(&m);
	fclose(fp);
	free(x.s);
}

/*
 * lr-log makes a new log's header by hand, asking tsv_col before each
 * name it adds: each is found as soon as it is there, and a name
 * given twice is found at its first place, as a search would.
 */
static void
tsv_col_on_a_header_built_column_by_column(void **state)
{
	struct tsv t;
	char name[4], **other;
	size_t i;

	(void)state;
	memset(&t, 0, sizeof t);
	t.col = lr_xmalloc((WIDE + 1) * sizeof *t.col);
	for (i = 0; i < WIDE; i++) {
		assert_int_equal(tsv_col(&t, wide_name(i, name)), -1);
		t.col[t.ncol++] = lr_xstrdup(name);
		assert_int_equal(tsv_col(&t, name), (long)i);
	}
	for (i = 0; i < WIDE; i++)
		assert_int_equal(tsv_col(&t, wide_name(i, name)), (long)i);
	t.col[t.ncol++] = lr_xstrdup(wide_name(7, name));
	assert_int_equal(tsv_col(&t, name), 7);

	/* Another array of names, fewer and in another order. */
	other = lr_xmalloc(100 * sizeof *other);
	for (i = 0; i < 100; i++)
		other[i] = lr_xstrdup(wide_name(99 - i, name));
	for (i = 0; i < t.ncol; i++)
		free(t.col[i]);
	free(t.col);
	t.col = other;
	t.ncol = 100;
	assert_int_equal(tsv_col(&t, wide_name(0, name)), 99);
	assert_int_equal(tsv_col(&t, wide_name(99, name)), 0);
	assert_int_equal(tsv_col(&t, wide_name(100, name)), -1);
	tsv_close(&t);
}

/* Read one row of a two-line input; the row's result. */
static int
one_row(const char *in, size_t need, struct tsv *t, FILE **fp)
{
	*fp = unit_input(in);
	assert_int_equal(tsv_open(t, *fp, "in.tsv"), 0);
	t->need = need;
	return tsv_next(t);
}

/*
 * Spaces at the ends of fields are data.  A line without a CR or a
 * backslash is split first by libcsv's own tests, which trim them: the
 * bytes that come back show it, and the line is split again.
 */
static void
spaces_at_the_ends_of_fields_are_kept(void **state)
{
	static const struct {
		const char *in;
		size_t need;
		const char *f[3];
	} c[] = {
		{ "a\tb\tc\n a \t b\t\n", 0, { " a ", " b", "" } },
		{ "a\tb\tc\n\t\t \n", 0, { "", "", " " } },
		{ "a\tb\tc\n   \t\t\n", 0, { "   ", "", "" } },
		{ "a\tb\tc\nx\ty \tz\n", 0, { "x", "y ", "z" } },
		{ "a\tb\tc\n x \ty \tz\n", 1, { " x ", "", "" } },
		{ "a\tb\tc\nx\t y\t z \n", 2, { "x", " y", "" } },
		{ "a\tb\tc\nx\ty\t z \n", 2, { "x", "y", "" } },
		{ "a\tb\tc\n\xc3\xa9 \ty\tz\n", 1, { "\xc3\xa9 ", "y", "z" } },
	};
	struct tsv t;
	size_t i, k;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		assert_int_equal(one_row(c[i].in, c[i].need, &t, &fp),
		    TSV_ROW);
		assert_int_equal(t.nfield, 3);
		for (k = 0; k < 3; k++)
			assert_string_equal(t.field[k], c[i].f[k]);
		assert_int_equal(tsv_next(&t), TSV_EOF);
		tsv_close(&t);
		fclose(fp);
	}
}

/* Counted from the end or not, a wrong count is the same error. */
static void
a_wrong_count_is_reported_with_or_without_need(void **state)
{
	static const struct {
		const char *in, *says;
	} c[] = {
		{ "a\tb\tc\nx\ty\n", "in.tsv:2: 2 fields, the header has 3 "
		    "(no value for column \"c\")" },
		{ "a\tb\tc\nx\n", "in.tsv:2: 1 fields, the header has 3 "
		    "(no value for column \"b\")" },
		{ "a\tb\tc\nx\ty\tz\tw\n", "in.tsv:2: 4 fields, the header "
		    "has 3 (a tab too many" },
		{ "a\tb\tc\n\t\t\t\n", "in.tsv:2: 4 fields, the header "
		    "has 3 (a tab too many" },
		{ "a\tb\tc\n\n", "in.tsv:2: empty line; the header has 3 "
		    "fields" },
	};
	struct unit_messages m;
	struct tsv t;
	size_t i, need;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++)
		for (need = 0; need < 3; need++) {
			unit_messages_start(&m);
			assert_int_equal(one_row(c[i].in, need, &t, &fp),
			    TSV_BAD);
			if (strstr(unit_messages_text(&m), c[i].says) == NULL)
				fail_msg("need %zu, %s: said %s", need,
				    c[i].in, unit_messages_text(&m));
			unit_messages_end(&m);
			tsv_close(&t);
			fclose(fp);
		}
}

/*
 * The buffer starts small: a line of exactly TSV_LINE_MAX bytes is
 * read, one a byte longer refused, and the next still read, at the
 * offset it is at.
 */
static void
lines_at_and_over_the_limit(void **state)
{
	struct unit_messages m;
	struct text x;
	struct tsv t;
	size_t i;
	FILE *fp;

	(void)state;
	text_start(&x);
	fputs("a\n", x.fp);
	for (i = 0; i < TSV_LINE_MAX; i++)
		fputc('x', x.fp);
	fputc('\n', x.fp);
	for (i = 0; i < TSV_LINE_MAX + 1; i++)
		fputc('y', x.fp);
	fputs("\nz\n", x.fp);
	fp = text_input(&x);
	unit_messages_start(&m);
	assert_int_equal(tsv_open(&t, fp, "long.tsv"), 0);
	assert_int_equal(tsv_next(&t), TSV_ROW);
	assert_int_equal(strlen(t.field[0]), TSV_LINE_MAX);
	assert_int_equal(t.start, 2);
	assert_int_equal(tsv_next(&t), TSV_BAD);
	assert_non_null(strstr(unit_messages_text(&m), "long.tsv:3: line "
	    "longer than 65536 bytes"));
	assert_int_equal(tsv_next(&t), TSV_ROW);
	assert_string_equal(t.field[0], "z");
	assert_int_equal(t.line, 4);
	assert_int_equal(t.start, 2 + (TSV_LINE_MAX + 1) + (TSV_LINE_MAX + 2));
	assert_int_equal(tsv_next(&t), TSV_EOF);
	unit_messages_end(&m);
	tsv_close(&t);
	fclose(fp);
	free(x.s);
}

/* Many short lines, read through the buffer's growth: each in place. */
static void
many_lines_keep_their_offsets(void **state)
{
	struct text x;
	struct tsv t;
	unsigned long long at;
	char want[48];
	long i;
	FILE *fp;

	(void)state;
	text_start(&x);
	fputs("n\tsquare\n", x.fp);
	for (i = 0; i < 50000; i++)
		fprintf(x.fp, "%ld\t%ld\n", i, i * i);
	fp = text_input(&x);
	assert_int_equal(tsv_open(&t, fp, "many.tsv"), 0);
	at = strlen("n\tsquare\n");
	for (i = 0; i < 50000; i++) {
		assert_int_equal(tsv_next(&t), TSV_ROW);
		assert_int_equal(t.start, at);
		snprintf(want, sizeof want, "%ld", i * i);
		assert_string_equal(t.field[1], want);
		assert_int_equal(memcmp(x.s + at, t.field[0],
		    strlen(t.field[0])), 0);
		at += strlen(t.field[0]) + strlen(want) + 2;
	}
	assert_int_equal(tsv_next(&t), TSV_EOF);
	tsv_close(&t);
	fclose(fp);
	free(x.s);
}

/*
 * A reader of a few bytes holds a few kilobytes: its buffer grows to
 * the size of the longest line, and more, only for lines that long.
 * Each reader made and freed a buffer of 140 KB, which was most of
 * the work of a run of the TSV fuzz target (a reader for the input,
 * another for the rows read back), and of lr-log's check of each row
 * it finds through the log's index.
 * (Counted by glibc's malloc; under a sanitizer or valgrind, which
 * bring their own, there is nothing to count and nothing checked.)
 */
static void
a_small_input_takes_a_small_buffer(void **state)
{
	struct mallinfo2 before, during;
	struct tsv t;
	long long held;
	FILE *fp = unit_input("a\tb\n1\t2\n");

	(void)state;
	before = mallinfo2();
	assert_int_equal(tsv_open(&t, fp, "small.tsv"), 0);
	assert_int_equal(tsv_next(&t), TSV_ROW);
	during = mallinfo2();
	held = (long long)(during.uordblks + during.hblkhd) -
	    (long long)(before.uordblks + before.hblkhd);
	if (held > 32LL * 1024)
		fail_msg("a reader of 12 bytes holds %lld bytes", held);
	assert_string_equal(t.field[1], "2");
	tsv_close(&t);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_wide_header_is_read_and_every_name_found),
		cmocka_unit_test(a_wide_header_takes_a_few_comparisons_a_name),
		cmocka_unit_test(a_wide_file_read_for_its_first_columns),
		cmocka_unit_test(a_wide_row_with_a_field_too_many),
		cmocka_unit_test(a_name_given_twice_in_a_wide_header),
		cmocka_unit_test(tsv_col_on_a_header_built_column_by_column),
		cmocka_unit_test(spaces_at_the_ends_of_fields_are_kept),
		cmocka_unit_test(a_wrong_count_is_reported_with_or_without_need),
		cmocka_unit_test(lines_at_and_over_the_limit),
		cmocka_unit_test(many_lines_keep_their_offsets),
		cmocka_unit_test(a_small_input_takes_a_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

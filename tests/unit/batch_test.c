/*
 * batch_test.c - a new log's header made from wide inputs: every
 * column once, in the order the inputs first name them, after the
 * results columns and "logged"; and made with a few comparisons a
 * name, counted, not timed.
 */
#include <unistd.h>

#include "unit.h"
#include "batch.h"

#define NSRC	4
#define WIDE	4000	/* columns of each input */
#define STEP	1000	/* each input's first column is the last's + STEP */
#define NAMES	(WIDE + (NSRC - 1) * STEP)	/* the names, each once */

/*
 * Every strcmp the library makes comes here.  Making the header once
 * compared each name with every one before it: 86 million comparisons
 * for these four inputs, 3 s under the log's lock for eight inputs of
 * 16,000 columns.
 */
static unsigned long compares;

int
strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	compares++;
	while (*p != '\0' && *p == *q)
		p++, q++;
	return *p - *q;
}

/* Input s has the columns x<s * STEP> to x<s * STEP + WIDE - 1>. */
static void
add_wide_sources(struct batch *b)
{
	static char names[WIDE][16];
	char *cols[WIDE];
	size_t s, j;

	for (s = 0; s < NSRC; s++) {
		for (j = 0; j < WIDE; j++) {
			snprintf(names[j], sizeof names[j], "x%zu",
			    s * STEP + j);
			cols[j] = names[j];
		}
		batch_add_source(b, "wide.tsv", cols, WIDE);
	}
}

static void
a_wide_new_header_takes_a_few_comparisons_a_name(void **state)
{
	char path[] = "/tmp/lr-batch-test-XXXXXX", want[16];
	struct logfile l;
	struct batch b;
	struct tsv t;
	FILE *fp = NULL;
	char *made = NULL;
	unsigned long n;
	size_t i;

	(void)state;
	memset(&b, 0, sizeof b);
	memset(&l, 0, sizeof l);
	add_wide_sources(&b);
	l.fd = mkstemp(path);
	assert_true(l.fd >= 0);
	snprintf(l.path, sizeof l.path, "%s", path);

	compares = 0;
	assert_int_equal(batch_log_header(&l, &b, &t, &fp, &made), 0);
	n = compares;
	if (n > 40UL * NSRC * WIDE)
		fail_msg("%lu comparisons to make a header of %d names from "
		    "%d", n, NAMES, NSRC * WIDE);

	/* The results columns, "logged", then each name once, in order. */
	assert_int_equal(t.ncol, R_NCOLS + 1 + NAMES);
	for (i = 0; i < R_NCOLS; i++)
		assert_string_equal(t.col[i], result_cols[i]);
	assert_string_equal(t.col[R_NCOLS], "logged");
	for (i = 0; i < NAMES; i++) {
		snprintf(want, sizeof want, "x%zu", i);
		assert_string_equal(t.col[R_NCOLS + 1 + i], want);
	}
	tsv_close(&t);
	fclose(fp);
	free(made);
	batch_free(&b);
	close(l.fd);
	unlink(path);
}

/* Inputs naming a results column, "logged" or one name twice. */
static void
names_given_again_are_not_columns_again(void **state)
{
	char *one[] = { "extra", "session", "logged", "extra", "more" };
	char *two[] = { "more", "started", "other", "extra" };
	char path[] = "/tmp/lr-batch-test-XXXXXX";
	struct logfile l;
	struct batch b;
	struct tsv t;
	FILE *fp = NULL;
	char *made = NULL;

	(void)state;
	memset(&b, 0, sizeof b);
	memset(&l, 0, sizeof l);
	batch_add_source(&b, "one.tsv", one, 5);
	batch_add_source(&b, "two.tsv", two, 4);
	l.fd = mkstemp(path);
	assert_true(l.fd >= 0);
	snprintf(l.path, sizeof l.path, "%s", path);
	assert_int_equal(batch_log_header(&l, &b, &t, &fp, &made), 0);
	assert_int_equal(t.ncol, R_NCOLS + 4);
	assert_string_equal(t.col[R_NCOLS + 1], "extra");
	assert_string_equal(t.col[R_NCOLS + 2], "more");
	assert_string_equal(t.col[R_NCOLS + 3], "other");
	tsv_close(&t);
	fclose(fp);
	free(made);
	batch_free(&b);
	close(l.fd);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_wide_new_header_takes_a_few_comparisons_a_name),
		cmocka_unit_test(names_given_again_are_not_columns_again),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

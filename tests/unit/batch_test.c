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
 * Every strcmp the library makes is counted (compares.h).  Making the
 * header once compared each name with every one before it: 86 million
 * comparisons for these four inputs, 3 s under the log's lock for eight
 * inputs of 16,000 columns.
 */
#include "compares.h"

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

/* A new, empty log's header, made for batch b, read back in t. */
struct new_log {
	struct logfile l;
	struct tsv t;
	FILE *fp;
	char *made;
};

static void
new_log_header(struct new_log *x, const struct batch *b)
{
	char path[] = "/tmp/lr-batch-test-XXXXXX";

	memset(x, 0, sizeof *x);
	x->l.fd = mkstemp(path);
	assert_true(x->l.fd >= 0);
	snprintf(x->l.path, sizeof x->l.path, "%s", path);
	assert_int_equal(batch_log_header(&x->l, b, &x->t, &x->fp, &x->made),
	    0);
}

static void
new_log_done(struct new_log *x)
{
	tsv_close(&x->t);
	fclose(x->fp);
	free(x->made);
	close(x->l.fd);
	unlink(x->l.path);
}

static void
a_wide_new_header_takes_a_few_comparisons_a_name(void **state)
{
	char want[16];
	struct new_log x;
	struct tsv *t = &x.t;
	struct batch b;
	unsigned long n;
	size_t i;

	(void)state;
	memset(&b, 0, sizeof b);
	add_wide_sources(&b);
	compares = 0;
	new_log_header(&x, &b);
	n = compares;
	if (n > 40UL * NSRC * WIDE)
		fail_msg("%lu comparisons to make a header of %d names from "
		    "%d", n, NAMES, NSRC * WIDE);

	/* The results columns, "logged", then each name once, in order. */
	assert_int_equal(t->ncol, R_NCOLS + 1 + NAMES);
	for (i = 0; i < R_NCOLS; i++)
		assert_string_equal(t->col[i], result_cols[i]);
	assert_string_equal(t->col[R_NCOLS], "logged");
	for (i = 0; i < NAMES; i++) {
		snprintf(want, sizeof want, "x%zu", i);
		assert_string_equal(t->col[R_NCOLS + 1 + i], want);
	}
	new_log_done(&x);
	batch_free(&b);
}

/* Inputs naming a results column, "logged" or one name twice. */
static void
names_given_again_are_not_columns_again(void **state)
{
	char *one[] = { "extra", "session", "logged", "extra", "more" };
	char *two[] = { "more", "started", "other", "extra" };
	struct new_log x;
	struct batch b;

	(void)state;
	memset(&b, 0, sizeof b);
	batch_add_source(&b, "one.tsv", one, 5);
	batch_add_source(&b, "two.tsv", two, 4);
	new_log_header(&x, &b);
	assert_int_equal(x.t.ncol, R_NCOLS + 4);
	assert_string_equal(x.t.col[R_NCOLS + 1], "extra");
	assert_string_equal(x.t.col[R_NCOLS + 2], "more");
	assert_string_equal(x.t.col[R_NCOLS + 3], "other");
	new_log_done(&x);
	batch_free(&b);
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

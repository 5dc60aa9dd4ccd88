/*
 * Fuzz the TSV reader: any bytes must give rows or errors, never a
 * crash; and every row read (the first ROUND_TRIP of them), written
 * back and read again, must come back the same.
 *
 * The rows go back through one reader, after one header, rather than
 * a reader each: opening a reader per row made a run of a catalog a
 * hundred times the work of reading it.  Reading them back in a row
 * checks what one at a time did, and also that nothing a row leaves
 * in the reader changes the next.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define ROUND_TRIP 50

/* The rows as written, and their fields as read, NUL after each. */
struct trip {
	char *out, *want;
	size_t outlen, wantlen;
	FILE *outfp, *wantfp;
	size_t nrow, nfield[ROUND_TRIP];
};

static void
trip_start(struct trip *r, const struct tsv *t)
{
	memset(r, 0, sizeof *r);
	r->outfp = open_memstream(&r->out, &r->outlen);
	r->wantfp = open_memstream(&r->want, &r->wantlen);
	if (r->outfp == NULL || r->wantfp == NULL)
		abort();
	tsv_put_row(r->outfp, t->col, t->ncol);
}

static void
trip_add(struct trip *r, const struct tsv *t)
{
	size_t i;

	tsv_put_row(r->outfp, t->field, t->nfield);
	for (i = 0; i < t->nfield; i++)
		fwrite(t->field[i], 1, strlen(t->field[i]) + 1, r->wantfp);
	r->nfield[r->nrow++] = t->nfield;
}

/* Read the rows back: each must be a row, field for field the same. */
static void
trip_check(struct trip *r)
{
	struct tsv back;
	const char *want;
	size_t i, k;
	FILE *mem;

	fclose(r->outfp);
	fclose(r->wantfp);
	mem = fmemopen(r->out, r->outlen, "r");
	if (mem == NULL || tsv_open(&back, mem, "round-trip") != 0)
		abort();
	back.quiet = 1;
	want = r->want;
	for (i = 0; i < r->nrow; i++) {
		if (tsv_next(&back) != TSV_ROW || back.nfield != r->nfield[i])
			abort();
		for (k = 0; k < back.nfield; k++) {
			if (strcmp(back.field[k], want) != 0)
				abort();
			want += strlen(want) + 1;
		}
	}
	if (tsv_next(&back) != TSV_EOF || want != r->want + r->wantlen)
		abort();
	tsv_close(&back);
	fclose(mem);
	free(r->out);
	free(r->want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_input(data, size);
	struct tsv t;
	struct trip r;
	int rv;

	if (fp == NULL)
		return 0;
	if (tsv_open(&t, fp, "fuzz") == 0) {
		t.quiet = 1;
		trip_start(&r, &t);
		while ((rv = tsv_next(&t)) != TSV_EOF && rv != TSV_FAIL)
			if (rv == TSV_ROW && r.nrow < ROUND_TRIP)
				trip_add(&r, &t);
		trip_check(&r);
		tsv_close(&t);
	}
	fclose(fp);
	return 0;
}

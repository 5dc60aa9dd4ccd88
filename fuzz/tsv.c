/*
 * Fuzz the TSV reader: any bytes must give rows or errors, never a
 * crash; and every row read, written back and read again, must come
 * back the same.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static void
check_round_trip(const struct tsv *t)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *mem = open_memstream(&buf, &len);
	struct tsv back;

	tsv_put_row(mem, t->col, t->ncol);
	tsv_put_row(mem, t->field, t->nfield);
	fclose(mem);
	mem = fmemopen(buf, len, "r");
	back.quiet = 1;
	if (tsv_open(&back, mem, "round-trip") != 0)
		abort();
	back.quiet = 1;
	if (tsv_next(&back) != TSV_ROW || back.nfield != t->nfield)
		abort();
	for (i = 0; i < t->nfield; i++)
		if (strcmp(back.field[i], t->field[i]) != 0)
			abort();
	tsv_close(&back);
	fclose(mem);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_input(data, size);
	struct tsv t;
	int rv, rows = 0;

	if (fp == NULL)
		return 0;
	if (tsv_open(&t, fp, "fuzz") == 0) {
		t.quiet = 1;
		while ((rv = tsv_next(&t)) != TSV_EOF && rv != TSV_FAIL)
			if (rv == TSV_ROW && rows++ < 50)
				check_round_trip(&t);
		tsv_close(&t);
	}
	fclose(fp);
	return 0;
}

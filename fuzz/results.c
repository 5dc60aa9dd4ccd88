/*
 * Fuzz the results checks lr-log applies before anything is written,
 * the identity of a row, and the dates and weeks lr-report takes from
 * it.
 */
#include <stdlib.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_input(data, size);
	struct tsv t;
	struct result r;
	struct lr_stamp when;
	long col[R_NCOLS];
	char key[512], day[16];
	int rv, y, w;

	if (fp == NULL)
		return 0;
	if (tsv_open(&t, fp, "fuzz") == 0) {
		t.quiet = 1;
		if (result_find_columns(&t, col) == 0)
			while ((rv = tsv_next(&t)) != TSV_EOF &&
			    rv != TSV_FAIL) {
				if (rv != TSV_ROW ||
				    result_check(&t, col, &r, &when) != 0)
					continue;
				result_key(key, sizeof key, &r);
				lr_iso_week(when.day - lr_weekday(when.day),
				    &y, &w);
				if (w < 1 || w > 53)
					abort();
				lr_day_text(day, sizeof day, when.day);
				if (r.pain > 10)
					abort();
			}
		tsv_close(&t);
	}
	fclose(fp);
	return 0;
}

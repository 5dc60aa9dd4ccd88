/*
 * Fuzz the plan's row checks and the time estimate lr-plan and
 * lr-timer share.
 */
#include <stdlib.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_input(data, size);
	struct plan p;
	struct plan_row r;
	char text[128];
	int rv;

	if (fp == NULL)
		return 0;
	if (plan_open(&p, fp, "fuzz") == 0) {
		p.t.quiet = 1;
		while ((rv = plan_next(&p, &r)) != TSV_EOF && rv != TSV_FAIL) {
			if (rv != TSV_ROW)
				continue;
			/* Checked rows are in range: the estimate is sane. */
			if (plan_seconds(&r.dose, 10, 5) < 0)
				abort();
			lr_dose_text(text, sizeof text, &r.dose);
		}
		plan_close(&p);
	}
	fclose(fp);
	return 0;
}

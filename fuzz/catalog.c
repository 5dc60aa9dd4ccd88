/*
 * Fuzz the catalog's row checks and the filters lr-list and lr-plan
 * apply to what passes.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char cond[] = "knee-pain", pos[] = "standing,sitting",
	    eq[] = "chair", kinds[] = "stretch,strength";
	struct filter f = { cond, kinds, NULL, pos, eq, 2 };
	FILE *fp = fuzz_input(data, size);
	struct catalog c;
	struct exercise e;
	int rv;

	if (fp == NULL)
		return 0;
	if (catalog_open(&c, fp, "fuzz") == 0) {
		c.t.quiet = 1;
		while ((rv = catalog_next(&c, &e)) != TSV_EOF && rv != TSV_FAIL)
			if (rv == TSV_ROW)
				(void)filter_check(&f, &e);
		catalog_close(&c);
	}
	fclose(fp);
	return 0;
}

/*
 * Fuzz the parsing of the dates, moments and weeks people type
 * (lr-log --date, lr-report --since and --week) and the log holds.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], out[64];
	struct lr_stamp st;
	const char *why;
	long monday;
	int y, w;

	if (size >= sizeof s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (lr_parse_stamp(s, &st, &why) == 0 &&
	    (st.mo < 1 || st.mo > 12 || st.d < 1 ||
	    st.d > lr_days_in_month(st.y, st.mo)))
		abort();
	(void)lr_parse_when(s, 1800000000, out, sizeof out, &why);
	if (lr_parse_week(s, &monday) == 0) {
		lr_iso_week(monday, &y, &w);
		if (lr_weekday(monday) != 0 || w < 1 || w > 53)
			abort();
	}
	return 0;
}

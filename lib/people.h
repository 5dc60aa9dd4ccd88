/*
 * people.h - the report of several people, a log each, each read and
 * summed on its own (people.c).
 */
#ifndef LR_PEOPLE_H
#define LR_PEOPLE_H

#include "figures.h"

/* What lr-report's options say; format: text, tsv, md or html (0-3). */
struct people {
	const struct range *r;
	long target;
	const char *conditions;		/* NULL: each log's own */
	int format;
};

void people_name(char *dst, size_t n, const char *path);
int people_report(char **logs, int nlogs, const struct people *p);

#endif

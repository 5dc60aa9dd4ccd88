/*
 * compares.h - work counted, not timed: every strcmp the library makes
 * comes to the definition here and is counted in `compares`.  For the
 * one test program of a file that includes it.
 */
#ifndef LR_UNIT_COMPARES_H
#define LR_UNIT_COMPARES_H

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

#endif

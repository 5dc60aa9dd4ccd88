/* text.c - owns word wrapping for the parts of lr that people read. */
#include <string.h>

#include "lr.h"

/* Columns taken by n bytes of UTF-8: one per code point is enough here. */
static int
width_of(const char *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/*
 * Print text wrapped at width columns.  The first line continues a
 * line on which `first` columns are already used; later lines are
 * indented by `indent` spaces.  A newline in the text starts a new
 * line.
 */
void
lr_wrap(FILE *fp, const char *text, int indent, int first, int width)
{
	int col = first;
	int fresh = 1;
	const char *p = text;

	while (*p != '\0') {
		size_t n;
		int w;

		if (*p == '\n') {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
			fresh = 1;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		n = strcspn(p, " \n");
		w = width_of(p, n);
		if (!fresh && col + 1 + w > width) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
			fresh = 1;
		}
		if (!fresh) {
			putc(' ', fp);
			col++;
		}
		fwrite(p, 1, n, fp);
		col += w;
		fresh = 0;
		p += n;
	}
	putc('\n', fp);
}

/* Bytes of the n at s that fit in cols columns (one a code point). */
int
lr_fit(const char *s, size_t n, int cols)
{
	size_t i;
	int w = 0;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && w++ == cols)
			break;
	return (int)i;
}

/* "45 s", "5 min", "1 min 30 s": durations as people say them. */
char *
lr_fmt_secs(char *dst, size_t n, long s)
{
	if (s < 60)
		snprintf(dst, n, "%ld s", s);
	else if (s % 60 == 0)
		snprintf(dst, n, "%ld min", s / 60);
	else
		snprintf(dst, n, "%ld min %ld s", s / 60, s % 60);
	return dst;
}

/* bigtext.c - a block font for the timer's screen, drawn at any scale. */
#include <string.h>

#include "bigtext.h"

struct glyph {
	char c;
	const char *dot[BIG_DOTS];	/* '#' on, '.' off; all one width */
};

static const struct glyph font[] = {
	{ '0', { "###", "#.#", "#.#", "#.#", "###" } },
	{ '1', { ".#.", "##.", ".#.", ".#.", "###" } },
	{ '2', { "###", "..#", "###", "#..", "###" } },
	{ '3', { "###", "..#", ".##", "..#", "###" } },
	{ '4', { "#.#", "#.#", "###", "..#", "..#" } },
	{ '5', { "###", "#..", "###", "..#", "###" } },
	{ '6', { "###", "#..", "###", "#.#", "###" } },
	{ '7', { "###", "..#", ".#.", ".#.", ".#." } },
	{ '8', { "###", "#.#", "###", "#.#", "###" } },
	{ '9', { "###", "#.#", "###", "..#", "###" } },
	{ ':', { ".", "#", ".", "#", "." } },
	{ ' ', { ".", ".", ".", ".", "." } },
	{ 'A', { ".#.", "#.#", "###", "#.#", "#.#" } },
	{ 'B', { "##.", "#.#", "##.", "#.#", "##." } },
	{ 'C', { ".##", "#..", "#..", "#..", ".##" } },
	{ 'D', { "##.", "#.#", "#.#", "#.#", "##." } },
	{ 'E', { "###", "#..", "##.", "#..", "###" } },
	{ 'F', { "###", "#..", "##.", "#..", "#.." } },
	{ 'G', { ".###", "#...", "#.##", "#..#", ".###" } },
	{ 'H', { "#.#", "#.#", "###", "#.#", "#.#" } },
	{ 'I', { "###", ".#.", ".#.", ".#.", "###" } },
	{ 'J', { "..#", "..#", "..#", "#.#", ".#." } },
	{ 'K', { "#.#", "#.#", "##.", "#.#", "#.#" } },
	{ 'L', { "#..", "#..", "#..", "#..", "###" } },
	{ 'M', { "#...#", "##.##", "#.#.#", "#...#", "#...#" } },
	{ 'N', { "#..#", "##.#", "#.##", "#..#", "#..#" } },
	{ 'O', { ".#.", "#.#", "#.#", "#.#", ".#." } },
	{ 'P', { "##.", "#.#", "##.", "#..", "#.." } },
	{ 'Q', { ".#.", "#.#", "#.#", "##.", ".##" } },
	{ 'R', { "##.", "#.#", "##.", "#.#", "#.#" } },
	{ 'S', { ".##", "#..", ".#.", "..#", "##." } },
	{ 'T', { "###", ".#.", ".#.", ".#.", ".#." } },
	{ 'U', { "#.#", "#.#", "#.#", "#.#", "###" } },
	{ 'V', { "#.#", "#.#", "#.#", "#.#", ".#." } },
	{ 'W', { "#...#", "#...#", "#.#.#", "##.##", "#...#" } },
	{ 'X', { "#.#", "#.#", ".#.", "#.#", "#.#" } },
	{ 'Y', { "#.#", "#.#", ".#.", ".#.", ".#." } },
	{ 'Z', { "###", "..#", ".#.", "#..", "###" } },
};

static const struct glyph *
glyph_of(char c)
{
	size_t i;

	for (i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].c == c)
			return &font[i];
	return NULL;
}

/* Can every character of text be drawn large? */
int
big_has(const char *text)
{
	for (; *text != '\0'; text++)
		if (glyph_of(*text) == NULL)
			return 0;
	return 1;
}

/* Rows of the terminal the font takes at sy half-rows a dot. */
int
big_rows(int sy)
{
	return (BIG_DOTS * sy + 1) / 2;
}

/* Dots across: the glyphs, and one dot between each two. */
static int
dots_wide(const char *text)
{
	int w = 0;

	for (; *text != '\0'; text++) {
		const struct glyph *g = glyph_of(*text);

		if (g != NULL)
			w += (int)strlen(g->dot[0]) + (w > 0);
	}
	return w;
}

int
big_cols(const char *text, int sx)
{
	return dots_wide(text) * sx;
}

/*
 * Columns a dot for text sy half-rows a dot tall in cols columns: sy,
 * for square dots, or fewer down to half that; 0 when it cannot fit.
 */
int
big_scale_x(const char *text, int sy, int cols)
{
	int w = dots_wide(text), sx;

	if (w == 0 || sy < 1)
		return 0;
	sx = cols / w;
	if (sx > sy)
		sx = sy;
	return sx >= 1 && 2 * sx >= sy ? sx : 0;
}

/* Is dot x across, y down of the text on? */
static int
dot_on(const char *text, int x, int y)
{
	for (; *text != '\0'; text++) {
		const struct glyph *g = glyph_of(*text);
		int gw;

		if (g == NULL)
			continue;
		gw = (int)strlen(g->dot[0]);
		if (x < gw)
			return g->dot[y][x] == '#';
		if (x == gw)
			return 0;
		x -= gw + 1;
	}
	return 0;
}

/*
 * Row `row` of text drawn sx columns and sy half-rows a dot, into dst;
 * returns its length in bytes.  Each character holds two half-rows:
 * full, upper or lower half, or blank.  Trailing blanks are left off.
 */
size_t
big_line(char *dst, size_t n, const char *text, int sx, int sy, int row,
    int utf8)
{
	static const char *const cell[2][4] = {
		{ " ", "_", "\"", "#" },
		{ " ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88" },
	};
	int w = dots_wide(text), lim = BIG_DOTS * sy, top = 2 * row, x, k;
	size_t o = 0, end = 0;

	if (n == 0)
		return 0;
	for (x = 0; x < w; x++) {
		int t = top < lim && dot_on(text, x, top / sy);
		int b = top + 1 < lim && dot_on(text, x, (top + 1) / sy);
		const char *c = cell[utf8 != 0][t * 2 + b];
		size_t len = strlen(c);

		for (k = 0; k < sx && o + len < n; k++) {
			memcpy(dst + o, c, len);
			o += len;
			if (t || b)
				end = o;
		}
	}
	dst[end] = '\0';
	return end;
}

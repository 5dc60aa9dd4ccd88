/* canvas.c - owns the lines of a window before they are drawn. */

/*
 * The lines of a window before they are drawn: text broken
 * between words and cut with an ellipsis, centred lines and big text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bigtext.h"
#include "canvas.h"

/* Columns of the n bytes at s: one a code point. */
int
canvas_cols(const char *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* A line at row at, cut to the width; nothing outside the rows. */
void
canvas_text(struct canvas *c, int at, const char *text, int attr)
{
	if (at < 0 || at >= c->rows)
		return;
	snprintf(c->l[at].s, sizeof c->l[at].s, "%.*s",
	    lr_fit(text, strlen(text) + 1, c->width), text);
	c->l[at].attr = attr;
}

void
canvas_printf(struct canvas *c, int at, int attr, const char *fmt, ...)
{
	char buf[LINE_BYTES];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	canvas_text(c, at, buf, attr);
}

/* A line of text in the middle of the window. */
void
canvas_centred(struct canvas *c, int at, int attr, const char *text)
{
	int pad = (c->width - canvas_cols(text, strlen(text))) / 2;

	canvas_printf(c, at, attr, "%*s%s", pad > 0 ? pad : 0, "", text);
}

/* A line being filled word by word, and where each word ends. */
struct wline {
	char s[LINE_BYTES];
	size_t o, base, end[256];
	int col, base_col, end_col[256], words;
};

static void
wline_start(struct wline *w, const char *lead, int hang)
{
	w->o = (size_t)snprintf(w->s, sizeof w->s, "%*s%s", hang, "", lead);
	w->col = hang + canvas_cols(lead, strlen(lead));
	w->base = w->o;
	w->base_col = w->col;
	w->words = 0;
}

static void
wline_add(struct wline *w, int sep, const char *word, size_t len, int cols)
{
	if (w->o + (size_t)sep + len + 8 >= sizeof w->s)
		return;
	memset(w->s + w->o, ' ', (size_t)sep);
	memcpy(w->s + w->o + sep, word, len);
	w->o += (size_t)sep + len;
	w->s[w->o] = '\0';
	w->col += sep + cols;
	if (w->words < 256) {
		w->end[w->words] = w->o;
		w->end_col[w->words++] = w->col;
	}
}

/*
 * End the line with an ellipsis after the last whole word that leaves
 * room for it; a lead with no room for one is left out too.
 */
static void
wline_cut(struct wline *w, int width, int utf8)
{
	const char *dots = utf8 ? "\xe2\x80\xa6" : "...";
	int dw = utf8 ? 1 : 3;

	while (w->words > 0 && w->end_col[w->words - 1] + dw > width)
		w->words--;
	w->o = w->words > 0 ? w->end[w->words - 1] : w->base;
	w->col = w->words > 0 ? w->end_col[w->words - 1] : w->base_col;
	if (w->col + dw > width && w->words == 0)
		w->o = 0;
	if (w->col + dw <= width) {
		memcpy(w->s + w->o, dots, strlen(dots));
		w->o += strlen(dots);
	}
	w->s[w->o] = '\0';
}

/* Is there more than spaces and newlines from p on? */
static int
more_text(const char *p)
{
	return p[strspn(p, " \n")] != '\0';
}

/*
 * Text broken at spaces into lines of the canvas's width, from row at
 * on: the first line begins with lead, the next with hang spaces; the
 * spaces between the words of a line are kept, and a newline starts a
 * line.  At most max lines: when the text does not fit, the last line
 * ends in an ellipsis after a whole word, and *cut is set.  No word is
 * ever cut.  With at < 0 the lines are only counted.  Returns them.
 */
int
canvas_wrap(struct canvas *c, int at, const char *lead, int hang,
    const char *text, int max, int attr, int *cut)
{
	struct wline w;
	const char *p = text;
	int n = 0, gap = 0;

	*cut = 0;
	if (max <= 0) {
		*cut = more_text(text);
		return 0;
	}
	wline_start(&w, lead, 0);
	for (;;) {
		size_t len;
		int wc, sep;

		if (*p == ' ') {
			gap++;
			p++;
			continue;
		}
		if (*p == '\0')
			break;
		len = strcspn(p, " \n");
		wc = canvas_cols(p, len);
		sep = w.words > 0 ? (gap > 0 ? gap : 1) : 0;
		if (*p == '\n' || w.col + sep + wc > c->width) {
			if (w.words == 0 && *p != '\n') {
				wline_cut(&w, c->width, c->utf8);
				break;
			}
			if (n + 1 >= max) {
				if (more_text(p))
					wline_cut(&w, c->width, c->utf8);
				*cut = more_text(p);
				break;
			}
			if (at >= 0)
				canvas_text(c, at + n, w.s, attr);
			n++;
			wline_start(&w, "", hang);
			gap = 0;
			p += *p == '\n';
			continue;
		}
		wline_add(&w, sep, p, len, wc);
		p += len;
		gap = 0;
	}
	if (!*cut)
		*cut = more_text(p);
	if (at >= 0)
		canvas_text(c, at + n, w.s, attr);
	return n + 1;
}

/* Big text, centred; returns its rows. */
int
canvas_big(struct canvas *c, int at, const char *text, int sy, int attr)
{
	int sx = big_scale_x(text, sy, c->width), rows = big_rows(sy), r;
	int pad = (c->width - big_cols(text, sx)) / 2;

	for (r = 0; at >= 0 && r < rows; r++) {
		char buf[LINE_BYTES];

		big_line(buf, sizeof buf, text, sx, sy, r, c->utf8);
		canvas_printf(c, at + r, attr, "%*s%s", pad, "", buf);
	}
	return rows;
}

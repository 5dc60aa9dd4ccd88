/*
 * canvas.h - the lines of a window before they are drawn (canvas.c):
 * text broken between words, never inside one, and cut with an
 * ellipsis; centred lines; big text.  Nothing is put in a window's last
 * column, so that its last row never scrolls it.
 */
#ifndef LR_CANVAS_H
#define LR_CANVAS_H

#include "lr.h"

#define MAX_COLS 400			/* a wider window: its left part */
#define LINE_BYTES (MAX_COLS * 3 + 1)

struct line {
	char s[LINE_BYTES];
	int attr;			/* the caller's: how it is drawn */
};

/*
 * The lines of the window.  A line takes at most `width` columns, one
 * less than the window has: nothing is ever written in the last
 * column, so the last row never scrolls the window.
 */
struct canvas {
	struct line *l;
	int rows, width, utf8;
};

int canvas_cols(const char *s, size_t n);
void canvas_text(struct canvas *c, int at, const char *text, int attr);
void canvas_printf(struct canvas *c, int at, int attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void canvas_centred(struct canvas *c, int at, int attr, const char *text);
int canvas_wrap(struct canvas *c, int at, const char *lead, int hang,
    const char *text, int max, int attr, int *cut);
int canvas_big(struct canvas *c, int at, const char *text, int sy,
    int attr);

#endif

/*
 * screen.h - the timer's screen (screen.c): the session laid out to fit
 * the window at each update, with a countdown as large as there is room
 * for, the phase in large letters in its colour, a progress bar and what
 * comes next; or the page of keys.  A frame the same as the last one
 * drawn is not written again.  Its lines are made in canvas.c, its big
 * letters in bigtext.c.
 */
#ifndef LR_SCREEN_H
#define LR_SCREEN_H

#include "session.h"

struct screen {
	int tty;			/* where it is drawn */
	int rows, cols;
	int dumb;			/* TERM=dumb: lines, not drawn */
	int color, utf8;
	int help;			/* the keys, not the session */
	int flash;			/* the top line stands out */
	const char *ask;		/* in place of the keys: a first q or
					 * n asks again; NULL: none */
	char *last;			/* the frame last written; owned */
	size_t last_len, last_cap;
	int last_rows, last_cols;
};

void screen_open(struct screen *sc, int tty, int batch);
void screen_draw(struct screen *sc, const struct session *s, long long now);
void screen_redraw(struct screen *sc);
void screen_close(struct screen *sc);

#endif

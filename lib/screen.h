/*
 * screen.h - the timer's screen (screen.c): the session drawn whole on
 * the terminal at each update, with big digits, a progress bar and a
 * breathing pace, or the page of keys.
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
};

void screen_open(struct screen *sc, int tty, int batch);
void screen_draw(const struct screen *sc, const struct session *s,
    long long now);

#endif

/*
 * control.h - the person's hold on a running session (control.c): the
 * keys and the signals, and what each does to the session, the screen
 * and the lines.
 */
#ifndef LR_CONTROL_H
#define LR_CONTROL_H

#include "keys.h"
#include "plain.h"
#include "screen.h"
#include "session.h"
#include "tclock.h"

struct control {
	struct session *s;
	struct screen *sc;		/* its keys page and size */
	struct plain *pl;		/* lines; NULL: the screen is drawn */
	const struct tclock *clk;
	struct keys keys;
	int batch;			/* no terminal of its own */
	int killed;			/* a signal to end came */
};

void control_key(struct control *c, int key);
void control_read(struct control *c, int tty);
void control_signal(struct control *c, int sig);
void control_tick(struct control *c, long long mono);

#endif

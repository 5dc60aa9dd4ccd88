/* control.c - keys and signals acting on a running session. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "control.h"

static long long
now_ms(const struct control *c)
{
	return tclock_ms(c->clk, lr_mono_ns());
}

/* The keys: a page on the screen, or a line; paused either way. */
static void
show_keys(struct control *c, long long now)
{
	if (c->pl != NULL)
		plain_keys(c->pl);
	else
		c->sc->help = 1;
	session_pause(c->s, now);
}

/* A first q or n let go, by another key or by waiting: say so. */
static void
let_go(const struct control *c)
{
	if (c->pl != NULL && c->keys.cancelled)
		plain_say(c->pl, "%s", keys_let_go(c->keys.cancelled));
}

/*
 * A key.  The terminal sends no signals while the timer has it:
 * Ctrl-C ends the session here and never reaches the rest of the
 * pipeline, which would lose what was done.
 */
void
control_key(struct control *c, int key)
{
	int what = keys_press(&c->keys, key, c->sc->help, lr_mono_ns());
	long long now = now_ms(c);

	let_go(c);
	switch (what) {
	case TK_QUIT: session_quit(c->s, now); break;
	case TK_SUSPEND: control_signal(c, SIGTSTP); break;
	case TK_CLOSE_HELP: c->sc->help = 0; break;
	case TK_TOGGLE: session_toggle(c->s, now); break;
	case TK_NEXT: session_next(c->s, now); break;
	case TK_BACK: session_back(c->s, now); break;
	case TK_HELP: show_keys(c, now); break;
	case TK_ASK_QUIT:
	case TK_ASK_NEXT:
		if (c->pl != NULL)
			plain_say(c->pl, "%s", keys_prompt(&c->keys));
		break;
	}
}

/* The keys waiting on the terminal, in order, until the session ends. */
void
control_read(struct control *c, int tty)
{
	unsigned char buf[64];
	ssize_t n = read(tty, buf, sizeof buf), i;

	for (i = 0; i < n && !c->s->done; i++)
		control_key(c, buf[i]);
}

/* Ctrl-Z: paused while stopped; on the screen it comes back paused. */
void
control_signal(struct control *c, int sig)
{
	switch (sig) {
	case SIGTERM:
	case SIGHUP:
	case SIGQUIT:
		c->killed = 1;
		/* FALLTHROUGH */
	case SIGINT:
		session_quit(c->s, now_ms(c));
		break;
	case SIGTSTP:
		session_pause(c->s, now_ms(c));
		term_suspend();
		/* FALLTHROUGH */
	case SIGCONT:
		if (c->batch) {
			session_resume(c->s, now_ms(c));
			break;
		}
		term_cbreak();
		if (c->pl == NULL) {
			term_alt_screen();
			screen_redraw(c->sc);
		}
		session_pause(c->s, now_ms(c));
		break;
	case SIGWINCH:
		term_size(&c->sc->rows, &c->sc->cols);
		break;
	case SIGCHLD:
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		break;
	}
}

/* A first q or n that waited too long is let go. */
void
control_tick(struct control *c, long long mono)
{
	if (keys_expire(&c->keys, mono))
		let_go(c);
}

/* keys.c - the timer's keys: forgiving ones, asked again where it matters. */
#include <stddef.h>

#include "keys.h"

#define CTRL(c) ((c) & 0x1f)

/* What a key means alone; q and n are asked again first. */
static int
meaning(struct keys *k, int c, long long now)
{
	switch (c) {
	case 'q':
	case 'n':
		k->armed = c;
		k->armed_at = now;
		return c == 'q' ? TK_ASK_QUIT : TK_ASK_NEXT;
	case ' ':
	case 'p':
		return TK_TOGGLE;
	case 'b':
		return TK_BACK;
	case '?':
	case 'h':
		return TK_HELP;
	}
	return TK_NONE;
}

/*
 * The key c pressed at `now` (ns), with the keys page shown when
 * `help`.  Letters count in either case, so Caps Lock changes nothing.
 * A first q or n only asks for a second; any other key lets it go
 * (k->cancelled says which) and then counts as itself.  Ctrl-C and
 * Ctrl-\ end the session at once, as the terminal's signals would.
 */
int
keys_press(struct keys *k, int c, int help, long long now)
{
	int armed = k->armed;

	k->cancelled = 0;
	k->armed = 0;
	if (c == CTRL('C') || c == CTRL('\\'))
		return TK_QUIT;
	if (c == CTRL('Z'))
		return TK_SUSPEND;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (help)
		return TK_CLOSE_HELP;
	if (armed != 0 && c == armed)
		return c == 'q' ? TK_QUIT : TK_NEXT;
	k->cancelled = armed;
	return meaning(k, c, now);
}

/* 1 when a first press waited too long and was let go. */
int
keys_expire(struct keys *k, long long now)
{
	k->cancelled = 0;
	if (k->armed == 0 || now - k->armed_at < KEYS_AGAIN_NS)
		return 0;
	k->cancelled = k->armed;
	k->armed = 0;
	return 1;
}

/* What a first press asks, or NULL. */
const char *
keys_prompt(const struct keys *k)
{
	if (k->armed == 'q')
		return "press q again to stop";
	if (k->armed == 'n')
		return "press n again to skip";
	return NULL;
}

/* What letting a first press go means: the session carries on. */
const char *
keys_let_go(int key)
{
	return key == 'q' ? "not stopped" : key == 'n' ?
	    "not skipped" : NULL;
}

/*
 * keys.h - what a key pressed during a session means (keys.c): q and
 * n asked again before they act, Caps Lock forgiven, Ctrl-C at once.
 */
#ifndef LR_KEYS_H
#define LR_KEYS_H

/* What to do for a key. */
enum {
	TK_NONE,
	TK_TOGGLE,		/* pause or go on */
	TK_NEXT,		/* skip to the next exercise */
	TK_BACK,		/* back to the start of this exercise */
	TK_QUIT,		/* end the session */
	TK_HELP,		/* the keys, paused */
	TK_CLOSE_HELP,		/* back from the keys, still paused */
	TK_SUSPEND,		/* Ctrl-Z */
	TK_ASK_QUIT,		/* q once: press q again to stop */
	TK_ASK_NEXT		/* n once: press n again to skip */
};

/* A second press waits this long, in ns. */
#define KEYS_AGAIN_NS 3000000000LL

struct keys {
	int armed;		/* 'q' or 'n' waiting for its second press */
	long long armed_at;	/* since when, on the monotonic clock (ns) */
	int cancelled;		/* the key the last call let go, or 0 */
};

int keys_press(struct keys *k, int c, int help, long long now);
int keys_expire(struct keys *k, long long now);
const char *keys_prompt(const struct keys *k);
const char *keys_let_go(int key);

#endif

/*
 * summary.h - what a session came to (summary.c): exercises, not
 * sides, done in full, in part and skipped; minutes; pain before and
 * after; where the results went; as one line and as the end screen.
 */
#ifndef LR_SUMMARY_H
#define LR_SUMMARY_H

#include <stddef.h>

#include "session.h"

enum { OUT_TERMINAL, OUT_PIPE, OUT_FILE, OUT_OTHER };

struct summary {
	int count[3];		/* exercises done, partial, skipped */
	size_t nex;
	long active_s;		/* of exercise, a part resumed included */
	int stopped;		/* ended before its end */
	int pain[2];		/* before and after; -1: none */
	int out;		/* where the results went: OUT_* */
	int resumable;		/* lr-timer --resume picks it up */
};

void summary_take(struct summary *m, const struct session *s,
    long before_ms);
int summary_out(int fd);
char *summary_line(char *dst, size_t n, const struct summary *m,
    const char *id, double took_s);
const char *summary_title(const struct summary *m);
char *summary_page(const struct summary *m);
int summary_show(struct ask *a, const struct summary *m);

#endif

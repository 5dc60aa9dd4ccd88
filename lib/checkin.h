/*
 * checkin.h - the questions the timer asks around a session
 * (checkin.c): a first session's notice, the day's warning signs,
 * once a day, pain before and after, and ready to start; the answers
 * go to the results.
 */
#ifndef LR_CHECKIN_H
#define LR_CHECKIN_H

#include "rows.h"
#include "screen.h"
#include "session.h"

struct checkin {
	struct ask ask;
	struct rows *rows;		/* where the answers are recorded */
	int killed;			/* a signal to end came at a question */
	int pain[2];			/* before and after; -1: none */
	char *advice;			/* a stop's advice, shown again at exit */
	const char *advice_title;
};

void checkin_open(struct checkin *c, const struct screen *sc, int sigfd,
    int lines);
int checkin_due(void);
int checkin_before(struct checkin *c, int screen, int pain,
    const struct session *s);
int checkin_after(struct checkin *c);
void checkin_advice(const struct checkin *c);
void checkin_free(struct checkin *c);

#endif

/*
 * tclock.h - the timer's session clock (tclock.c): real time, --speed
 * times faster, in milliseconds from the start; and waiting on it for
 * a deadline, a key or a signal.
 */
#ifndef LR_TCLOCK_H
#define LR_TCLOCK_H

#include <time.h>

struct tclock {
	long long mono0, wall0;	/* ns when the session clock was 0 */
	double speed;
};

enum { TW_SIGNAL = 1, TW_KEY = 2 };

void tclock_start(struct tclock *c, double speed);
long long tclock_ms(const struct tclock *c, long long mono);
long long tclock_real_ns(const struct tclock *c, long long ms);
time_t tclock_wall(const struct tclock *c, long long ms);
int tclock_wait(int sigfd, int tty, long long wait_ns);

#endif

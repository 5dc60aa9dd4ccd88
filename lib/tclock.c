/* tclock.c - the timer's session clock, and waiting on it. */
#include <math.h>
#include <poll.h>

#include "lr.h"
#include "tclock.h"

/* The session clock is 0 now. */
void
tclock_start(struct tclock *c, double speed)
{
	struct timespec wall;

	clock_gettime(CLOCK_REALTIME, &wall);
	c->mono0 = lr_mono_ns();
	c->wall0 = (long long)wall.tv_sec * 1000000000LL + wall.tv_nsec;
	c->speed = speed;
}

/* The session clock at `mono` ns of the monotonic clock. */
long long
tclock_ms(const struct tclock *c, long long mono)
{
	return (long long)((double)(mono - c->mono0) * c->speed / 1e6);
}

/* When, on the monotonic clock, the session clock shows ms. */
long long
tclock_real_ns(const struct tclock *c, long long ms)
{
	return c->mono0 + (long long)ceil((double)ms * 1e6 / c->speed);
}

/* The time of day, in whole seconds, when the session clock showed ms. */
time_t
tclock_wall(const struct tclock *c, long long ms)
{
	return (time_t)((c->wall0 + (long long)((double)ms * 1e6 /
	    c->speed)) / 1000000000LL);
}

/*
 * Sleep up to wait_ns, or until a signal's byte is on sigfd or a key
 * on tty (-1: none); says which is ready, TW_SIGNAL | TW_KEY, or 0.
 */
int
tclock_wait(int sigfd, int tty, long long wait_ns)
{
	struct pollfd fds[2] = {
		{ sigfd, POLLIN, 0 }, { tty, POLLIN, 0 }
	};
	struct timespec ts;

	if (wait_ns < 0)
		wait_ns = 0;
	ts.tv_sec = wait_ns / 1000000000LL;
	ts.tv_nsec = wait_ns % 1000000000LL;
	if (ppoll(fds, tty >= 0 ? 2 : 1, &ts, NULL) <= 0)
		return 0;
	return ((fds[0].revents & POLLIN) ? TW_SIGNAL : 0) |
	    (tty >= 0 && (fds[1].revents & POLLIN) ? TW_KEY : 0);
}

/*
 * session.h - a session of the timer as a state machine (session.c):
 * the plan laid out as phases, the current one, pause, next, back and
 * quit, and what was done of each exercise.  It runs on a clock it is
 * given: every call that moves it takes `now`, the session clock in
 * milliseconds, which must never go back.  It neither sleeps nor
 * reads a clock.
 */
#ifndef LR_SESSION_H
#define LR_SESSION_H

#include "lr.h"

enum { PH_READY, PH_WORK, PH_SWITCH, PH_REST };
enum { SIDE_BOTH, SIDE_LEFT, SIDE_RIGHT };
enum { ROW_DONE, ROW_PARTIAL, ROW_SKIPPED };

/* What the session tells its hooks, as it happens. */
enum {
	SE_PHASE,		/* a phase began: the current one */
	SE_EX_DONE,		/* the current exercise ran to its end */
	SE_NEXT,		/* skipped to the next exercise */
	SE_BACK,		/* back to the start of the current exercise */
	SE_QUIT,		/* ended early */
	SE_PAUSE,
	SE_RESUME,
	SE_END			/* every row is out: the session is over */
};

/* One step of the session: a countdown. */
struct phase {
	int kind, ex, set, side, rep;	/* rep 0: a hold */
	long ms;
};

/* What was done of an exercise on one side. */
struct side_tally {
	long sets, reps, hold_ms, active_ms;
	long long started;		/* when its first work began */
	int touched;
};

struct session_ex {
	struct plan_row r;
	char *text[8];			/* owned: id, name, kind, ... */
	size_t first, end;		/* its phases */
	struct side_tally t[3];
	int before[3];			/* a side done before a resume: not again */
	int status[3];			/* each side's row, once written: ROW_* */
	int finished;
};

/* The results row of an exercise on one side. */
struct session_row {
	const struct session_ex *ex;
	int side;			/* SIDE_* */
	int status;			/* ROW_* */
	long sets, reps, hold_s, active_s;
	long long started;		/* on the session clock; -1: never */
	int last;			/* the exercise's last row */
};

struct session;

struct session_hooks {
	void (*event)(struct session *s, int ev, void *arg);
	/* 0 when the row was written; else the session ends early. */
	int (*row)(struct session *s, const struct session_row *r,
	    void *arg);
	void *arg;
};

struct session {
	struct session_ex *ex;
	size_t nex;
	struct phase *ph;
	size_t nph, cur;
	long long start, end;		/* of the current phase */
	long long paused_at, paused_total;
	int paused, done, quit;
	int finished[3];		/* rows done, partial, skipped */
	struct session_hooks hooks;
};

void session_init(struct session *s, const struct session_hooks *h);
void session_add(struct session *s, const struct plan_row *r);
int session_read(struct session *s, const char *path);
void session_layout(struct session *s, long ready_s, long ready_move_s,
    long switch_s);
void session_start(struct session *s, long long now);
void session_tick(struct session *s, long long now);
void session_pause(struct session *s, long long now);
void session_resume(struct session *s, long long now);
void session_toggle(struct session *s, long long now);
void session_next(struct session *s, long long now);
void session_back(struct session *s, long long now);
void session_quit(struct session *s, long long now);
const struct phase *session_phase(const struct session *s);
const struct session_ex *session_current(const struct session *s);
long session_elapsed(const struct session *s, long long now);
long session_left(const struct session *s, long long now);
long session_total(const struct session *s);
long session_active(const struct session *s);
size_t session_count(const struct session *s, int count[3]);
size_t session_to_do(const struct session *s);
void session_free(struct session *s);

#endif

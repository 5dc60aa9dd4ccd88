/*
 * tally.h - the sessions of the log by id, each counted once, and each
 * exercise of a session counted once whatever its sides, folded from
 * its rows as they come (tally.c).
 */
#ifndef LR_TALLY_H
#define LR_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "keyset.h"

/* An exercise's state in a session, worst to best. */
enum { EX_NONE, EX_SKIPPED, EX_PARTIAL, EX_DONE };

/*
 * A session: its id, the week it counts in, and its exercises, each a
 * word of ex: the number of its id (names) times 512, 2 bits for each
 * side (left, right, both) holding its best state, and tally_mark's.
 */
struct tally_sess {
	uint32_t at;			/* its id in pool */
	uint32_t start, n, cap;		/* its exercises, ex[start..+n) */
	int32_t week;			/* the Monday of its first exercise row */
	uint8_t counted;		/* an exercise done or partly done */
};

/* Memory grows with sessions and their exercises, not with rows. */
struct tally {
	uint32_t *slot;			/* sessions by hash of id: index + 1 */
	size_t capslot;			/* a power of 2 */
	struct tally_sess *sess;
	size_t nsess, capsess, last;	/* last: the one used last, + 1 */
	uint32_t *ex;
	size_t nex, capex;
	struct keyset byname;		/* exercise ids: their number */
	uint32_t *names;		/* their offsets in pool */
	size_t nnames, capnames;
	char *pool;			/* the ids, each ending in a NUL */
	size_t poollen, poolcap;
};

/* One exercise row, as the tally takes it. */
struct tally_row {
	const char *session, *id, *side, *status;
	long monday;			/* the week of its date */
};

/* What one exercise row changed. */
struct tally_step {
	long week;			/* the week the session counts in */
	int before, after;		/* the exercise's state, EX_NONE: new */
	int counts;			/* 1: the row made the session count */
};

void tally_init(struct tally *t);
void tally_take(struct tally *t, const struct tally_row *r,
    struct tally_step *st);
const struct tally_sess *tally_find(const struct tally *t,
    const char *session);
int tally_state(const struct tally *t, const char *session, const char *id);
#define TALLY_MARKS 3
int tally_mark(struct tally *t, const char *session, const char *id,
    unsigned what);
void tally_free(struct tally *t);

#endif

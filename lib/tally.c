/* tally.c - owns the sessions of the log by id, sides folded into exercises. */
#include <stdlib.h>
#include <string.h>

#include "lr.h"
#include "tally.h"

#define SIDE_BITS 9			/* 2 bits for each of 3 sides, and
					   TALLY_MARKS marks */
#define NAMES_MAX (UINT32_MAX >> SIDE_BITS)

void
tally_init(struct tally *t)
{
	memset(t, 0, sizeof *t);
}

void
tally_free(struct tally *t)
{
	free(t->slot);
	free(t->sess);
	free(t->ex);
	keyset_free(&t->byname);
	free(t->names);
	free(t->pool);
	memset(t, 0, sizeof *t);
}

/* Room for k more elements of size each in v, holding n of cap. */
static void *
room(void *v, size_t n, size_t k, size_t *cap, size_t size)
{
	if (n + k <= *cap)
		return v;
	while (*cap < n + k)
		*cap = *cap ? *cap + *cap / 2 : 64;
	return lr_xrealloc(v, *cap * size);
}

/* Keep an id in the pool; its offset. */
static uint32_t
keep(struct tally *t, const char *id)
{
	size_t n = strlen(id) + 1, at = t->poollen;

	if (at + n > UINT32_MAX)
		lr_die(LR_EDATA, "more sessions than lr-report can count");
	t->pool = room(t->pool, t->poollen, n, &t->poolcap, 1);
	memcpy(t->pool + at, id, n);
	t->poollen += n;
	return (uint32_t)at;
}

/* ---- the sessions, by id ---- */

static const char *
sess_id(const struct tally *t, uint32_t v)
{
	return t->pool + t->sess[v - 1].at;
}

/* The slot holding the session `id`, or the empty one where it goes. */
static uint32_t *
slot_of(const struct tally *t, const char *id)
{
	size_t mask = t->capslot - 1, i;

	for (i = lr_hash(id) & mask; t->slot[i] != 0; i = (i + 1) & mask)
		if (strcmp(sess_id(t, t->slot[i]), id) == 0)
			break;
	return &t->slot[i];
}

/* Twice the slots, the sessions put back in them. */
static void
slots_grow(struct tally *t)
{
	size_t i;

	free(t->slot);
	t->capslot = t->capslot ? 2 * t->capslot : 256;
	t->slot = calloc(t->capslot, sizeof *t->slot);
	if (t->slot == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < t->nsess; i++)
		*slot_of(t, t->pool + t->sess[i].at) = (uint32_t)(i + 1);
}

/*
 * The number of the session `id`, 1 on; 0 when not seen.  The rows of
 * a session mostly come together: the last one is tried first.
 */
static size_t
find(const struct tally *t, const char *id)
{
	if (t->last != 0 && strcmp(sess_id(t, (uint32_t)t->last), id) == 0)
		return t->last;
	return t->capslot == 0 ? 0 : *slot_of(t, id);
}

const struct tally_sess *
tally_find(const struct tally *t, const char *id)
{
	size_t v = find(t, id);

	return v ? &t->sess[v - 1] : NULL;
}

/* The session `id`, made when first seen, in the week `monday`. */
static struct tally_sess *
session(struct tally *t, const char *id, long monday)
{
	size_t v = find(t, id);
	struct tally_sess *s;
	uint32_t *sl;

	if (v == 0) {
		if (t->nsess + 1 >= UINT32_MAX)
			lr_die(LR_EDATA, "more sessions than lr-report can "
			    "count");
		if (2 * (t->nsess + 1) > t->capslot)
			slots_grow(t);
		sl = slot_of(t, id);
		t->sess = room(t->sess, t->nsess, 1, &t->capsess,
		    sizeof *t->sess);
		s = &t->sess[t->nsess];
		memset(s, 0, sizeof *s);
		s->at = keep(t, id);
		s->week = (int32_t)monday;
		s->start = (uint32_t)t->nex;
		v = ++t->nsess;
		*sl = (uint32_t)v;
	}
	t->last = v;
	return &t->sess[v - 1];
}

/* ---- the exercises of a session ---- */

static int
same_name(const void *arg, uint64_t value)
{
	const struct tally *t = ((const void *const *)arg)[0];
	const char *id = ((const void *const *)arg)[1];

	return strcmp(t->pool + t->names[value - 1], id) == 0;
}

/* The number of an exercise id, 1 on; 0 when not seen. */
static uint32_t
name_find(const struct tally *t, const char *id)
{
	const void *arg[2] = { t, id };

	return (uint32_t)keyset_find(&t->byname, lr_hash(id), same_name, arg);
}

static uint32_t
name(struct tally *t, const char *id)
{
	uint32_t v = name_find(t, id);

	if (v != 0)
		return v;
	if (t->nnames + 1 >= NAMES_MAX)
		lr_die(LR_EDATA, "more exercise ids than lr-report can count");
	t->names = room(t->names, t->nnames, 1, &t->capnames,
	    sizeof *t->names);
	t->names[t->nnames++] = keep(t, id);
	keyset_add(&t->byname, lr_hash(id), t->nnames);
	return (uint32_t)t->nnames;
}

static uint32_t *
find_ex(const struct tally *t, const struct tally_sess *s, uint32_t nm)
{
	uint32_t i;

	for (i = 0; i < s->n; i++)
		if (t->ex[s->start + i] >> SIDE_BITS == nm)
			return &t->ex[s->start + i];
	return NULL;
}

/*
 * A new exercise of session s.  The exercises of the session being
 * read end ex and grow in place; a session resumed later is moved to
 * the end, with room to grow.
 */
static uint32_t *
ex_add(struct tally *t, struct tally_sess *s)
{
	size_t k = 1;

	if (s->start + s->n != t->nex && s->n == s->cap)
		k = s->n ? 2 * (size_t)s->n : 4;
	else if (s->start + s->n != t->nex)
		return &t->ex[s->start + s->n++];
	if (t->nex + k >= UINT32_MAX)
		lr_die(LR_EDATA, "more exercises than lr-report can count");
	t->ex = room(t->ex, t->nex, k, &t->capex, sizeof *t->ex);
	if (k > 1) {
		memcpy(t->ex + t->nex, t->ex + s->start, s->n * sizeof *t->ex);
		s->start = (uint32_t)t->nex;
		s->cap = (uint32_t)k;
	} else if (s->cap < s->n + 1)
		s->cap = s->n + 1;
	t->nex += k;
	return &t->ex[s->start + s->n++];
}

/*
 * An exercise is done when every side seen is done, partial when some
 * work was done on a side, and skipped when none was.
 */
static int
fold(uint32_t sides)
{
	int k, any = 0, all_done = 1, work = 0;

	for (k = 0; k < 3; k++) {
		int st = (int)(sides >> (2 * k)) & 3;

		if (st == EX_NONE)
			continue;
		any = 1;
		all_done &= st == EX_DONE;
		work |= st >= EX_PARTIAL;
	}
	return !any ? EX_NONE : all_done ? EX_DONE : work ? EX_PARTIAL :
	    EX_SKIPPED;
}

static int
side_index(const char *side)
{
	return strcmp(side, "left") == 0 ? 0 : strcmp(side, "right") == 0 ?
	    1 : 2;
}

static int
status_state(const char *status)
{
	return strcmp(status, "done") == 0 ? EX_DONE :
	    strcmp(status, "partial") == 0 ? EX_PARTIAL : EX_SKIPPED;
}

/*
 * Take one exercise row.  A side seen twice in a session (a session
 * resumed does it again, lr-formats(5)) keeps its best state, so what
 * was done before a stop is never lost.
 */
void
tally_take(struct tally *t, const struct tally_row *r, struct tally_step *st)
{
	struct tally_sess *s = session(t, r->session, r->monday);
	uint32_t nm = name(t, r->id), *e = find_ex(t, s, nm);
	int k = 2 * side_index(r->side), now = status_state(r->status);

	if (e == NULL) {
		e = ex_add(t, s);
		*e = nm << SIDE_BITS;
	}
	st->week = s->week;
	st->before = fold(*e);
	if (now > (int)(*e >> k & 3))
		*e = (*e & ~(3u << k)) | (uint32_t)now << k;
	st->after = fold(*e);
	st->counts = now >= EX_PARTIAL && !s->counted;
	s->counted |= st->counts;
}

/*
 * Put mark `what` (0 to TALLY_MARKS - 1) on an exercise of a session:
 * 1 the first time, 0 after that or when it was not seen.  So a reader
 * takes something of each exercise of a session once, though the
 * session's rows come apart in the log.
 */
int
tally_mark(struct tally *t, const char *session_id, const char *id,
    unsigned what)
{
	size_t v = find(t, session_id);
	uint32_t nm = name_find(t, id), *e, bit = 1u << (6 + what);

	if (what >= TALLY_MARKS || v == 0 || nm == 0 ||
	    (e = find_ex(t, &t->sess[v - 1], nm)) == NULL || (*e & bit) != 0)
		return 0;
	*e |= bit;
	return 1;
}

/* The state of an exercise of a session; EX_NONE when not seen. */
int
tally_state(const struct tally *t, const char *session_id, const char *id)
{
	const struct tally_sess *s = tally_find(t, session_id);
	uint32_t nm = name_find(t, id);
	const uint32_t *e;

	if (s == NULL || nm == 0 || (e = find_ex(t, s, nm)) == NULL)
		return EX_NONE;
	return fold(*e);
}

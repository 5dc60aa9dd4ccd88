/*
 * weeks.h - the log read and grouped by ISO week (weeks.c).
 */
#ifndef LR_WEEKS_H
#define LR_WEEKS_H

#include <stdint.h>
#include <stdio.h>

#include "lr.h"

/* What is kept of one day: its first rating and its worst rise. */
struct day {
	int32_t first_t;		/* time of day of the first rating */
	int8_t first;			/* first pain rating of the day, -1 */
	int8_t rise_b, rise_a;		/* the session that raised pain most */
};

/* A session counted in a week: its id is at `at` in weeks.ids. */
struct seen {
	uint64_t hash;
	size_t at;			/* 0: an empty slot */
};

struct week {
	int32_t monday;			/* days since 1970-01-01 */
	uint8_t active;			/* days with exercise, a bit each */
	size_t nsess;			/* sessions counted in this week */
	size_t capsess;			/* slots of sess, a power of 2 */
	struct seen *sess;		/* open addressing, by hash */
	uint32_t active_s, done, partial, skipped, stopped;
	uint32_t pain_n[3], pain_sum[3];	/* before, after, check */
	int8_t pain_max;		/* the highest rating, or -1 */
	struct day day[7];
};

/*
 * A recent session: the week it is counted in, a pain before it, and
 * the conditions all its exercises are for (and any is for).
 */
/* An exercise side a recent session has a row of, as counted. */
struct taken {
	uint64_t hash;			/* of its step, id and side */
	time_t epoch;			/* when the row counted started */
	long monday;			/* the week it is counted in */
	int status;			/* 0 done, 1 partial, 2 skipped */
};

struct recent {
	struct taken *taken;		/* its exercise sides so far */
	size_t ntaken, captaken;
	uint64_t hash;
	char *id;			/* owned; idcap bytes */
	size_t idcap;
	long week;			/* LONG_MIN: an empty entry */
	signed char before;
	unsigned char cond_all, cond_any;
};

/* A safety screen that stopped a session. */
struct stop {
	long day;
	char *answers;
};

/* The conditions of each exercise of the catalog (weeks.c). */
struct idmask;

#define RECENT 16

struct weeks {
	struct week *w;			/* sorted by monday */
	size_t nw, capw, last;		/* last: the week used last */
	struct recent ring[RECENT];
	unsigned ringpos;
	char *ids;			/* the ids of counted sessions */
	size_t idlen, idcap;
	long skipped_rows, rows;
	int failed;
	struct stop *stops;		/* by day, after weeks_finish */
	size_t nstops;
	const struct idmask *idm;	/* or NULL: no catalog */
	unsigned conditions;		/* of the sessions read */
};

struct idmask *idmask_read(void);
void idmask_free(struct idmask *t);
unsigned conditions_mask(const char *list);

void weeks_init(struct weeks *s, const struct idmask *idm);
int weeks_read(struct weeks *s, const char *path);
int weeks_read_file(struct weeks *s, FILE *fp, const char *name);
void weeks_take(struct weeks *s, const struct result *r,
    const struct lr_stamp *t);
void weeks_finish(struct weeks *s);
void weeks_free(struct weeks *s);
struct week *weeks_at(struct weeks *s, long monday);
const struct week *weeks_find(const struct weeks *s, long monday);
int weeks_counted(const struct week *w, const struct weeks *s,
    const char *session);

#endif

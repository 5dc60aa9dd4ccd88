/*
 * weeks.h - the log read and grouped by ISO week (weeks.c).
 */
#ifndef LR_WEEKS_H
#define LR_WEEKS_H

#include <stdint.h>
#include <stdio.h>

#include "lr.h"
#include "tally.h"

/* What is kept of one day: its first rating and its worst rise. */
struct day {
	int32_t first_t;		/* time of day of the first rating */
	int8_t first;			/* first pain rating of the day, -1 */
	int8_t rise_b, rise_a;		/* the session that raised pain most */
};

struct week {
	int32_t monday;			/* days since 1970-01-01 */
	uint8_t active;			/* days with exercise, a bit each */
	size_t nsess;			/* sessions counted in this week */
	uint32_t active_s, stopped;
	uint32_t done, partial, skipped;	/* exercises, not sides */
	uint32_t pain_n[3], pain_sum[3];	/* before, after, check */
	int8_t pain_max;		/* the highest rating, or -1 */
	struct day day[7];
};

/*
 * A recent session: the week it is counted in, a pain before it, and
 * the conditions all its exercises are for (and any is for).
 */
struct recent {
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

/* A check-in's note, kept for the weeks a report shows. */
struct note {
	long day;
	int32_t tod;			/* seconds since midnight */
	int8_t pain;
	char *text;
};

/* The conditions of each exercise of the catalog (weeks.c). */
struct idmask;

#define RECENT 16

struct weeks {
	struct week *w;			/* sorted by monday */
	size_t nw, capw, last;		/* last: the week used last */
	struct recent ring[RECENT];
	unsigned ringpos;
	long skipped_rows, rows;
	int failed;
	struct stop *stops;		/* by day, after weeks_finish */
	size_t nstops;
	struct note *notes;		/* by time, after weeks_finish */
	size_t nnotes;
	long notes_from, notes_to;	/* the Mondays notes are kept for */
	struct tally tally;		/* the sessions and their exercises */
	const struct idmask *idm;	/* or NULL: no catalog */
	unsigned conditions;		/* of the sessions read */
};

struct idmask *idmask_read(void);
void idmask_free(struct idmask *t);
unsigned conditions_mask(const char *list);

void weeks_init(struct weeks *s, const struct idmask *idm);
void weeks_keep_notes(struct weeks *s, long from, long to);
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

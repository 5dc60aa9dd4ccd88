/*
 * history.h - each exercise's history over a range of days: the
 * sessions that held it, its dose over time, how it went, and the pain
 * around it; with the pain of the range for charts, and the last notes
 * (history.c).
 */
#ifndef LR_HISTORY_H
#define LR_HISTORY_H

#include <stdint.h>
#include <stdio.h>

#include "lr.h"
#include "tally.h"
#include "weeks.h"

/* A dose per set, as a session did it: sets x reps, or sets x hold. */
struct hist_dose {
	long sets, reps, hold_s;	/* hold_s: each hold, or each pause */
};

/* A run of sessions at the same dose: a dose change starts the next. */
struct hist_run {
	struct hist_dose d;
	long first, last;		/* days from 1970 */
	long sessions;
};

struct hist_ex {
	char *id;
	uint64_t hash;
	size_t order;			/* first seen: 0, 1, ... */
	long sessions, done, partial, skipped;
	long first, last;		/* days of its first and last session */
	long active_s;
	unsigned pain_n[2], pain_sum[2];	/* before, after */
	struct hist_run *runs;
	size_t nruns, capruns;
};

/*
 * One exercise in an open session: its day, minutes and dose; its state,
 * its sides joined, is the tally's.
 */
struct hist_item {
	size_t ex;
	int has_dose;
	long day, active_s;
	struct hist_dose d;
};

/* A session still open: rows of it may come yet. */
struct hist_open {
	uint64_t hash;
	char *id;			/* owned; idcap bytes */
	size_t idcap;
	int used;
	int before, after;		/* -1: no rating */
	struct hist_item *items;
	size_t nitems, capitems;
};

/* The pain of a bucket of days: before, after, check. */
struct hist_pain {
	unsigned n[3], sum[3];
};

struct hist_note {
	long day;
	char when[32];			/* the record's started, as written */
	char *id, *text;		/* id: "" for a pain record */
	char kind[16];			/* the record: exercise or pain */
};

#define HIST_RING 16
#define HIST_NOTES 50

struct hist {
	struct hist_ex *v;		/* in the order first seen */
	size_t n, cap;
	size_t *slot;			/* index + 1 by hash; 0: empty */
	size_t capslot;
	struct hist_open ring[HIST_RING];
	unsigned ringpos;
	long from, to;			/* the days read, both included */
	/* The pain of the range in buckets of `bucket` days from `from`. */
	struct hist_pain *pain;
	size_t npain;
	int bucket;
	/* The last HIST_NOTES notes, a ring: notes[(nnote - k) % ...]. */
	struct hist_note notes[HIST_NOTES];
	size_t nnote;
	uint64_t last_note;		/* hash of the last note kept and its
					   session: a second side's copy */
	struct tally tally;		/* each exercise of a session once */
};

void hist_init(struct hist *h, long from, long to);
void hist_take(struct hist *h, const struct result *r,
    const struct lr_stamp *t);
int hist_read(struct hist *h, struct weeks *s, const char *path);
int hist_read_file(struct hist *h, struct weeks *s, FILE *fp,
    const char *name);
void hist_finish(struct hist *h);
void hist_clip(struct hist *h, long from);
void hist_free(struct hist *h);

/* After hist_finish, v[] is ordered by first session, then as seen. */
size_t hist_notes(const struct hist *h);
const struct hist_note *hist_note(const struct hist *h, size_t i);

char *hist_dose_text(char *dst, size_t n, const struct hist_dose *d);
double hist_pain_avg(const struct hist_ex *x, int k);

/* The text, tsv and md tables of --exercises. */
enum { HIST_TEXT, HIST_TSV, HIST_MD };
void hist_put(FILE *fp, const struct hist *h, int format, long first,
    long last);

#endif

/*
 * doses.h - each article's dose of each exercise (doses.c).
 */
#ifndef LR_DOSES_H
#define LR_DOSES_H

#include <stdio.h>

#include "lr.h"

/* One article's dose of one exercise: where it starts and its top. */
struct article_dose {
	char *id, *article, *alternative, *figures, *note;
	struct dose start, top;		/* sides, rep_s, rest_s unused */
};

struct doses {
	struct article_dose *v;
	size_t n, cap;
};

FILE *doses_input(const char **name);
int doses_read(struct doses *d, FILE *fp, const char *name);
int doses_load(struct doses *d);
const char *doses_articles(const char *condition);
const struct article_dose *doses_of(const struct doses *d, const char *id,
    const char *article);
int doses_known(const struct doses *d, const char *id);
struct article_dose *doses_for(const struct doses *d,
    const struct exercise *e, const char *conditions);
struct article_dose *doses_copy(const struct article_dose *a);
void doses_dose_free(struct article_dose *a);
int doses_alternatives(const struct doses *d, const char *a, const char *b);
char *doses_cite(const struct doses *d, const struct article_dose *a);
void doses_free(struct doses *d);

#endif

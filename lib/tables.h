/*
 * tables.h - the report's tables of weeks, in words, with the
 * check-in notes under their week: text, Markdown and TSV (tables.c).
 */
#ifndef LR_TABLES_H
#define LR_TABLES_H

#include <stdio.h>

#include "figures.h"
#include "warnings.h"

struct style {
	int color, utf8, md;
};

const char *sgr(const struct style *st, const char *code);
void cell_num(char *dst, size_t n, double v, const char *fmt);
const char *pain_arrow(int utf8);
void pain_pair(char *dst, size_t n, double before, double after, int utf8);
void tables_text(const struct rows *R, const struct totals *t,
    const struct style *st);
void tables_md(const struct rows *R, const struct totals *t,
    const struct style *st);
void tables_tsv(const struct rows *R, const struct warnings *w);
void tables_tsv_head(int person);
void tables_tsv_rows(const struct rows *R, const struct warnings *w,
    const char *person);

/* The notes of a week: n of them from the one returned (weeks.c order). */
const struct note *notes_of_week(const struct weeks *s, long monday,
    size_t *n);
char *note_line(const struct note *x, int md);
void put_line_text(FILE *fp, const char *s, int md);

#endif

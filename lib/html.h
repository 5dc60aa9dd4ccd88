/*
 * html.h - the report as one self-contained HTML page, to hand to a
 * physiotherapist: warnings, charts, weeks, exercises, notes (html.c).
 */
#ifndef LR_HTML_H
#define LR_HTML_H

#include <stdio.h>

#include "figures.h"
#include "history.h"
#include "warnings.h"

/* One person's report: a section of the page. */
struct html_part {
	const char *person;		/* NULL: one log, no name */
	const struct rows *R;
	const struct weeks *s;
	const struct warnings *w;
	const struct hist *h;
	const struct range *r;
	int cut;			/* the range starts with the log */
};

void html_escape(FILE *fp, const char *s);
void html_begin(FILE *fp, const char *title);
void html_part(FILE *fp, const struct html_part *p, int n);
void html_end(FILE *fp);
void html_report(FILE *fp, const struct html_part *p);

#endif

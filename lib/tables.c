/* tables.c - owns the report's tables of weeks and the notes under them. */
#include <stdlib.h>
#include <string.h>

#include "tables.h"

const char *
sgr(const struct style *st, const char *code)
{
	return st->color ? code : "";
}

/* ---- cells ---- */

/* A figure, or - when there is none. */
void
cell_num(char *dst, size_t n, double v, const char *fmt)
{
	if (v < 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, fmt, v);
}

/* From before to after: an arrow in UTF-8, else "->". */
const char *
pain_arrow(int utf8)
{
	return utf8 ? "\xe2\x86\x92" : "->";
}

/*
 * Pain before and after sessions: "4.0 -> 6.0", an arrow in UTF-8, a
 * "-" for a side without ratings; "-" alone when neither has any.
 */
void
pain_pair(char *dst, size_t n, double before, double after, int utf8)
{
	char x[8], y[8];

	if (after < 0 && before < 0) {
		snprintf(dst, n, "-");
		return;
	}
	cell_num(x, sizeof x, before, "%.1f");
	cell_num(y, sizeof y, after, "%.1f");
	snprintf(dst, n, "%s %s %s", x, pain_arrow(utf8), y);
}

/* A cell right-aligned in w columns, a column a code point. */
static void
put_right(const char *s, int w)
{
	const char *p;
	int cols = 0;

	for (p = s; *p != '\0'; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	printf("%*s%s", w > cols ? w - cols : 0, "", s);
}

static void
week_text(char *dst, size_t n, const struct row *x)
{
	snprintf(dst, n, "%d-W%02d", x->iso_y, x->iso_w);
}

/* ---- the check-in notes of a week ---- */

const struct note *
notes_of_week(const struct weeks *s, long monday, size_t *n)
{
	size_t lo = 0, hi = s->nnotes, end;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->notes[mid].day < monday)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < s->nnotes && s->notes[end].day <= monday + 6;
	    end++)
		;
	*n = end - lo;
	return s->notes + lo;
}

/*
 * A text from the log on one line: control characters become spaces;
 * for Markdown, its marks are escaped, so that a "|" cannot cut a
 * table's row.
 */
void
put_line_text(FILE *fp, const char *s, int md)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		size_t control = lr_control_len((const char *)p);

		if (control > 0) {
			putc(' ', fp);
			p += control - 1;
			continue;
		}
		if (md && strchr("\\`*_[]<>|#~&", *p) != NULL)
			putc('\\', fp);
		putc(*p, fp);
	}
}

/* "2026-12-22 09:00, pain 5: the note", on one line (put_line_text). */
char *
note_line(const struct note *x, int md)
{
	char *buf = NULL, d[16];
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	fprintf(fp, "%s %02d:%02d, pain %d: ", lr_day_text(d, sizeof d,
	    x->day), (int)(x->tod / 3600), (int)(x->tod / 60 % 60), x->pain);
	put_line_text(fp, x->text, md);
	fclose(fp);
	return buf;
}

/* ---- text ---- */

#define S_FMT "%-8s  %-5s %8s %4s %7s  %4s %6s %7s  %5s  %9s\n"
#define S_ROW "%-8s  %-5s %8ld %4ld %7.0f  %4ld %6ld %7ld  %5s  %9s\n"

static void
text_sessions(const struct rows *R, const struct totals *t,
    const struct style *st)
{
	struct row x;
	size_t i;
	char wk[16], mon[16], c[16], a[16];

	printf("%s%44s%s%7s%s%3s%s\n", sgr(st, "\033[1m"), "", "exercises",
	    "", "share", "", "sessions");
	printf(S_FMT, "week", "from", "sessions", "days", "minutes", "done",
	    "partly", "skipped", "done", "of target");
	fputs(sgr(st, "\033[0m"), stdout);
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		week_text(wk, sizeof wk, &x);
		cell_num(c, sizeof c, x.completion * 100, "%.0f%%");
		cell_num(a, sizeof a, x.adherence * 100, "%.0f%%");
		printf(S_ROW, wk, lr_day_text(mon, sizeof mon, x.monday) + 5,
		    x.sessions, x.days, x.minutes, x.done, x.partial, x.skipped,
		    c, a);
	}
	cell_num(c, sizeof c, t->completion * 100, "%.0f%%");
	cell_num(a, sizeof a, t->adherence * 100, "%.0f%%");
	printf("%s" S_ROW "%s", sgr(st, "\033[1m"), "total", "", t->sessions,
	    t->days, t->minutes, t->done, t->partial, t->skipped, c, a,
	    sgr(st, "\033[0m"));
}

/* A line of the pain table: the cells right-aligned under the words. */
static void
pain_line(const char *wk, const char *from, const char *p, const char *k,
    const char *l, const char *d)
{
	printf("%-8s  %-5s", wk, from);
	put_right(p, 17);
	put_right(k, 14);
	put_right(l, 13);
	if (*d != '\0')
		put_right(d, 13);
	putchar('\n');
}

static void
text_notes(const struct weeks *s, long monday)
{
	const struct note *v;
	size_t i, n;

	v = notes_of_week(s, monday, &n);
	for (i = 0; i < n; i++) {
		char *line = note_line(&v[i], 0);

		printf("%10s", "");
		lr_wrap(stdout, line, 12, 10, 78);
		free(line);
	}
}

static void
text_pain_table(const struct rows *R, const struct totals *t,
    const struct style *st)
{
	struct row x;
	size_t i;
	char wk[16], mon[16], p[32], k[16], l[16], d[16], head[32];

	printf("\nPain, from 0 (none) to 10 (the worst): the averages of each "
	    "week, and what\nwas noted at check-ins\n");
	fputs(sgr(st, "\033[1m"), stdout);
	pain_line("", "", "around sessions", "at check-ins", "all ratings",
	    "change on");
	snprintf(head, sizeof head, "before %s after", pain_arrow(st->utf8));
	pain_line("week", "from", head, "average", "average", "week before");
	fputs(sgr(st, "\033[0m"), stdout);
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		week_text(wk, sizeof wk, &x);
		pain_pair(p, sizeof p, x.pain[0], x.pain[1], st->utf8);
		cell_num(k, sizeof k, x.pain[2], "%.1f");
		cell_num(l, sizeof l, x.level, "%.1f");
		if (x.has_prev_level)
			snprintf(d, sizeof d, "%+.1f", x.d_level);
		else
			snprintf(d, sizeof d, "-");
		pain_line(wk, lr_day_text(mon, sizeof mon, x.monday) + 5, p, k,
		    l, d);
		text_notes(R->s, x.monday);
	}
	pain_pair(p, sizeof p, t->pain[0], t->pain[1], st->utf8);
	cell_num(k, sizeof k, t->pain[2], "%.1f");
	cell_num(l, sizeof l, t->level, "%.1f");
	fputs(sgr(st, "\033[1m"), stdout);
	pain_line("total", "", p, k, l, "");
	fputs(sgr(st, "\033[0m"), stdout);
}

/* The two tables of the text report, sessions then pain. */
void
tables_text(const struct rows *R, const struct totals *t,
    const struct style *st)
{
	text_sessions(R, t, st);
	text_pain_table(R, t, st);
}

/* ---- Markdown ---- */

/* A total in bold, but not a - for none. */
static const char *
bold(char *dst, size_t n, const char *s)
{
	if (strcmp(s, "-") == 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, "**%s**", s);
	return dst;
}

static void
md_notes(const struct rows *R)
{
	struct row x;
	const struct note *v;
	size_t i, j, n;
	int any = 0;
	char wk[16], mon[16];

	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		v = notes_of_week(R->s, x.monday, &n);
		if (n == 0)
			continue;
		if (!any++)
			printf("\n## Check-in notes\n");
		week_text(wk, sizeof wk, &x);
		printf("\n**%s** (from %s)\n\n", wk, lr_day_text(mon, sizeof mon,
		    x.monday));
		for (j = 0; j < n; j++) {
			char *line = note_line(&v[j], 1);

			printf("- %s\n", line);
			free(line);
		}
	}
}

static void
md_total(const struct totals *t, const struct style *st)
{
	char c[16], a[16], p[32], k[16], l[16];
	char bc[24], ba[24], bp[40], bk[24], bl[24];

	cell_num(c, sizeof c, t->completion * 100, "%.0f%%");
	cell_num(a, sizeof a, t->adherence * 100, "%.0f%%");
	pain_pair(p, sizeof p, t->pain[0], t->pain[1], st->utf8);
	cell_num(k, sizeof k, t->pain[2], "%.1f");
	cell_num(l, sizeof l, t->level, "%.1f");
	printf("| **Total** | | **%ld** | **%ld** | **%.0f** | **%ld** | "
	    "**%ld** | **%ld** | %s | %s | %s | %s | %s | | |\n", t->sessions,
	    t->days, t->minutes, t->done, t->partial, t->skipped,
	    bold(bc, sizeof bc, c), bold(ba, sizeof ba, a),
	    bold(bp, sizeof bp, p), bold(bk, sizeof bk, k),
	    bold(bl, sizeof bl, l));
}

void
tables_md(const struct rows *R, const struct totals *t,
    const struct style *st)
{
	struct row x;
	size_t i;
	char wk[16], mon[16], c[16], a[16], p[32], k[16], l[16], dm[16];
	char dl[16];

	printf("| Week | From | Sessions | Days with exercise | Minutes | "
	    "Exercises done | Partly done | Skipped | Share done | Sessions "
	    "of target | Pain before %s after sessions | Pain at check-ins | "
	    "All pain ratings | Change in minutes | Change in pain |\n",
	    pain_arrow(st->utf8));
	printf("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
	    "--:|\n");
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		week_text(wk, sizeof wk, &x);
		cell_num(c, sizeof c, x.completion * 100, "%.0f%%");
		cell_num(a, sizeof a, x.adherence * 100, "%.0f%%");
		pain_pair(p, sizeof p, x.pain[0], x.pain[1], st->utf8);
		cell_num(k, sizeof k, x.pain[2], "%.1f");
		cell_num(l, sizeof l, x.level, "%.1f");
		snprintf(dm, sizeof dm, x.has_prev_minutes ? "%+.0f" : "-",
		    x.d_minutes);
		snprintf(dl, sizeof dl, x.has_prev_level ? "%+.1f" : "-",
		    x.d_level);
		printf("| %s | %s | %ld | %ld | %.0f | %ld | %ld | %ld | %s | "
		    "%s | %s | %s | %s | %s | %s |\n", wk, lr_day_text(mon,
		    sizeof mon, x.monday), x.sessions, x.days, x.minutes, x.done,
		    x.partial, x.skipped, c, a, p, k, l, dm, dl);
	}
	md_total(t, st);
	md_notes(R);
}

/* ---- TSV ---- */

/* Lines in one field: the week's warnings, a stop first. */
static void
put_week_warnings(const struct warnings *w, long monday)
{
	char *buf = NULL;
	size_t i, len = 0;
	FILE *fp;

	for (i = 0; i < w->n && w->v[i].monday != monday; i++)
		;
	putchar('\t');
	if (i == w->n)
		return;		/* most weeks have none */
	if ((fp = open_memstream(&buf, &len)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < w->n; i++)
		if (w->v[i].monday == monday)
			fprintf(fp, "%s%s", len ? "\n" : "", w->v[i].text),
			    fflush(fp);
	fclose(fp);
	tsv_put_field(stdout, buf);
	free(buf);
}

/* Lines in one field: the week's check-in notes, each on one line. */
static void
put_week_notes(const struct weeks *s, long monday)
{
	const struct note *v;
	char *buf = NULL;
	size_t i, n, len = 0;
	FILE *fp;

	v = notes_of_week(s, monday, &n);
	putchar('\t');
	if (n == 0)
		return;
	if ((fp = open_memstream(&buf, &len)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < n; i++) {
		char *line = note_line(&v[i], 0);

		fprintf(fp, "%s%s", i ? "\n" : "", line);
		free(line);
	}
	fclose(fp);
	tsv_put_field(stdout, buf);
	free(buf);
}

static void
put_num(double v, const char *fmt)
{
	if (v >= 0)
		printf(fmt, v);
}

/* The header; person: a person column first (lr-report --by-person). */
void
tables_tsv_head(int person)
{
	printf("%sweek\tmonday\tsessions\tactive_days\tactive_min\tdone\t"
	    "partial\tskipped\tcompletion\ttarget\tadherence\tpain_before\t"
	    "pain_after\tpain_check\tpain_avg\tpain_change\tminutes_change\t"
	    "stopped\twarnings\tnotes\n", person ? "person\t" : "");
}

/* A row a week; person: NULL, or the person column's. */
void
tables_tsv_rows(const struct rows *R, const struct warnings *w,
    const char *person)
{
	struct row x;
	size_t i;
	int k;
	char d[16];

	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		if (person != NULL) {
			tsv_put_field(stdout, person);
			putchar('\t');
		}
		printf("%d-W%02d\t%s\t%ld\t%ld\t%.1f\t%ld\t%ld\t%ld\t", x.iso_y,
		    x.iso_w, lr_day_text(d, sizeof d, x.monday), x.sessions,
		    x.days, x.minutes, x.done, x.partial, x.skipped);
		put_num(x.completion, "%.2f");
		printf("\t%ld\t", R->target);
		put_num(x.adherence, "%.2f");
		for (k = 0; k < 4; k++) {
			putchar('\t');
			put_num(k < 3 ? x.pain[k] : x.level, "%.1f");
		}
		putchar('\t');
		if (x.has_prev_level)
			printf("%+.1f", x.d_level);
		putchar('\t');
		if (x.has_prev_minutes)
			printf("%+.1f", x.d_minutes);
		printf("\t%ld", x.stopped);
		put_week_warnings(w, x.monday);
		put_week_notes(R->s, x.monday);
		putchar('\n');
	}
}

void
tables_tsv(const struct rows *R, const struct warnings *w)
{
	tables_tsv_head(0);
	tables_tsv_rows(R, w, NULL);
}

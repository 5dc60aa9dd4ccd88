/* html.c - owns the HTML report: one self-contained, printable file. */

/*
 * The HTML report: one file, its style and charts inline
 * (no script, font, image or link outside it), readable in grey and
 * printed on A4; every text from the log escaped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "tables.h"

/* ---- text ---- */

/* s with & < > " ' written as entities: safe in text and attributes. */
void
html_escape(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: putc(*s, fp);
		}
}

static const char style[] =
"@page { size: A4; margin: 14mm 13mm; }\n"
"body { font: 10pt/1.35 system-ui, 'DejaVu Sans', sans-serif; color: #000;"
" background: #fff; max-width: 184mm; margin: 0 auto; padding: 4mm; }\n"
"h1 { font-size: 15pt; margin: 0 0 1mm; }\n"
"h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #000;"
" break-after: avoid; }\n"
"p { margin: 1mm 0; }\n"
".sub { color: #333; }\n"
"ul.warn { margin: 1mm 0; padding-left: 5mm; }\n"
"ul.warn li { margin: 0 0 1.5mm; }\n"
"li.stop { border: 2px solid #000; padding: 1mm 2mm; list-style: none;"
" margin-left: -5mm; font-weight: bold; }\n"
".tag { font-weight: bold; text-transform: uppercase; }\n"
"table { border-collapse: collapse; width: 100%; font-size: 8.5pt;"
" margin: 1mm 0; }\n"
"th, td { border: 1px solid #777; padding: 0.4mm 1.2mm; text-align: right;"
" vertical-align: top; }\n"
"th { background: #eee; }\n"
"th.l, td.l { text-align: left; }\n"
"td { white-space: nowrap; }\n"
"td.wrap { white-space: normal; }\n"
"tr { break-inside: avoid; }\n"
"tr.total td { font-weight: bold; }\n"
"figure { margin: 1mm 0 2mm; break-inside: avoid; }\n"
"figcaption { font-weight: bold; font-size: 9.5pt; }\n"
"svg { width: 100%; height: auto; display: block; }\n"
"svg text { font-family: system-ui, 'DejaVu Sans', sans-serif;"
" font-size: 10px; }\n"
".note { white-space: pre-wrap; }\n"
"section.person + section.person { break-before: page; }\n"
"footer { margin-top: 3mm; font-style: italic; }\n"
"@media print { body { max-width: none; padding: 0; } }\n";

void
html_begin(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	    fp);
	html_escape(fp, title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

void
html_end(FILE *fp)
{
	fputs("<footer>This report is information for the person and their "
	    "physiotherapist, not a diagnosis.</footer>\n</body>\n</html>\n",
	    fp);
}

/* ---- charts ---- */

/* A chart's frame: the plot runs from X0 to X1 and from Y0 (top) down. */
enum { CW = 680, CH = 170, X0 = 40, X1 = 626, Y0 = 22, Y1 = 136 };

/* A round step for about four lines from 0 to at least max. */
static double
nice_step(double max)
{
	double p, f;

	if (max <= 0)
		return 1;
	p = pow(10, floor(log10(max / 4)));
	f = max / 4 / p;
	return p * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
}

static double
y_of(double v, double top)
{
	return Y1 - (Y1 - Y0) * v / top;
}

static void
svg_begin(FILE *fp, const char *title, int id)
{
	fprintf(fp, "<svg viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"t%d\">"
	    "<title id=\"t%d\">%s</title>\n", CW, CH, id, id, title);
	/* Under the target: hatched, not only lighter. */
	fprintf(fp, "<defs><pattern id=\"hatch%d\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" "
	    "stroke-width=\"2.2\"/></pattern></defs>\n", id);
}

/* Lines across at each step, labelled; top: the value at Y0. */
static void
svg_grid(FILE *fp, double top, double step, const char *unit)
{
	long i, n = lround(top / step);

	for (i = 0; i <= n; i++) {
		double v = step * (double)i;

		fprintf(fp, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#bbb\" stroke-width=\"0.8\"/><text x=\"%d\" "
		    "y=\"%.1f\" text-anchor=\"end\">%g</text>\n", X0, X1,
		    y_of(v, top), y_of(v, top), X0 - 4, y_of(v, top) + 3.5, v);
	}
	fprintf(fp, "<text x=\"4\" y=\"12\">%s</text>\n", unit);
}

/* The weeks under the plot, as many as fit. */
static void
svg_weeks(FILE *fp, const struct rows *R)
{
	struct row x;
	size_t i, every = R->n / 14 + 1;
	double slot = (double)(X1 - X0) / (double)R->n;
	char d[16];

	for (i = 0; i < R->n; i += every) {
		double cx = X0 + slot * ((double)i + 0.5);

		row_get(R, i, &x);
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
		    "W%02d</text><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
		    "%s</text>\n", cx, Y1 + 14, x.iso_w, cx, Y1 + 26,
		    lr_day_text(d, sizeof d, x.monday) + 5);
	}
}

static void
bar(FILE *fp, double cx, double w, double y, const char *fill,
    const char *label)
{
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
	    "fill=\"%s\" stroke=\"#000\" stroke-width=\"1\"/>", cx - w / 2, y, w,
	    Y1 - y, fill);
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s"
	    "</text>\n", cx, y - 3, label);
}

static void
chart_minutes(FILE *fp, const struct rows *R, int id)
{
	struct row x;
	double max = 0, step, top, slot = (double)(X1 - X0) / (double)R->n;
	size_t i;
	char label[32];

	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		if (x.minutes > max)
			max = x.minutes;
	}
	step = nice_step(max);
	top = step * ceil(max / step + 1e-9);
	if (top <= 0)
		top = step;
	fputs("<figure><figcaption>Minutes of exercise per week</figcaption>\n",
	    fp);
	svg_begin(fp, "Minutes of exercise per week, a bar each week with its "
	    "minutes written above it", id);
	svg_grid(fp, top, step, "minutes");
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		snprintf(label, sizeof label, "%.0f", x.minutes);
		bar(fp, X0 + slot * ((double)i + 0.5), slot * 0.6,
		    y_of(x.minutes, top), "#555", label);
	}
	svg_weeks(fp, R);
	fputs("</svg></figure>\n", fp);
}

static void
chart_adherence(FILE *fp, const struct rows *R, int id)
{
	struct row x;
	double max = (double)R->target, step, top, ty;
	double slot = (double)(X1 - X0) / (double)R->n;
	size_t i;
	char label[32], fill[32];

	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		if ((double)x.sessions > max)
			max = (double)x.sessions;
	}
	step = nice_step(max);
	top = step * ceil(max / step + 1e-9);
	if (top <= 0)
		top = step;
	fprintf(fp, "<figure><figcaption>Sessions per week against the target "
	    "of %ld</figcaption>\n", R->target);
	svg_begin(fp, "Sessions per week: solid bars met the target, hatched "
	    "bars did not; the dashed line is the target", id);
	svg_grid(fp, top, step, "sessions");
	snprintf(fill, sizeof fill, "url(#hatch%d)", id);
	for (i = 0; i < R->n; i++) {
		int met;

		row_get(R, i, &x);
		met = x.sessions >= R->target;
		snprintf(label, sizeof label, "%ld/%ld%s", x.sessions, R->target,
		    x.full ? "" : "*");
		bar(fp, X0 + slot * ((double)i + 0.5), slot * 0.6,
		    y_of((double)x.sessions, top), met ? "#222" : fill, label);
	}
	ty = y_of((double)R->target, top);
	fprintf(fp, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#000\" stroke-width=\"1.6\" stroke-dasharray=\"7 4\"/>"
	    "<text x=\"%d\" y=\"%.1f\">target %ld</text>\n",
	    X0, X1, ty, ty, X1 + 4, ty + 3.5, R->target);
	svg_weeks(fp, R);
	fprintf(fp, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" "
	    "fill=\"#222\" stroke=\"#000\"/><text x=\"%d\" y=\"13\">met</text>"
	    "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\" "
	    "stroke=\"#000\"/><text x=\"%d\" y=\"13\">under the target"
	    "  (* the week is not over)</text>\n", X0 + 80, X0 + 94, X0 + 130,
	    fill, X0 + 144);
	fputs("</svg></figure>\n", fp);
}

/* ---- the pain chart: before and after sessions, and check-ins ---- */

static const char *const pain_name[3] = {
	"before sessions", "after sessions", "check-ins"
};

/* A marker of its own for each series: circle, square, diamond. */
static void
marker(FILE *fp, int k, double x, double y)
{
	if (k == 0)
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.6\" "
		    "fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>", x, y);
	else if (k == 1)
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" "
		    "height=\"7\" fill=\"#000\"/>", x - 3.5, y - 3.5);
	else
		fprintf(fp, "<path d=\"M%.1f %.1fl4.5 4.5-4.5 4.5-4.5-4.5z\" "
		    "fill=\"#888\" stroke=\"#000\"/>", x, y - 4.5);
}

static const char *const pain_dash[3] = { "", "6 3", "1.5 3" };

static void
pain_series(FILE *fp, const struct hist *h, int k)
{
	double w = (double)(X1 - X0) / (double)h->npain;
	size_t i;
	int any = 0;

	fprintf(fp, "<polyline fill=\"none\" stroke=\"#000\" "
	    "stroke-width=\"1.3\"%s%s%s points=\"", *pain_dash[k] ?
	    " stroke-dasharray=\"" : "", pain_dash[k], *pain_dash[k] ? "\"" :
	    "");
	for (i = 0; i < h->npain; i++)
		if (h->pain[i].n[k] > 0)
			fprintf(fp, "%s%.1f,%.1f", any++ ? " " : "", X0 + w *
			    ((double)i + 0.5), y_of((double)h->pain[i].sum[k] /
			    h->pain[i].n[k], 10));
	fputs("\"/>\n", fp);
	for (i = 0; i < h->npain; i++)
		if (h->pain[i].n[k] > 0)
			marker(fp, k, X0 + w * ((double)i + 0.5),
			    y_of((double)h->pain[i].sum[k] / h->pain[i].n[k],
			    10));
	fputc('\n', fp);
}

static int
chart_pain(FILE *fp, const struct hist *h, const struct rows *R, int id)
{
	size_t i;
	int k, any = 0;

	for (i = 0; h->pain != NULL && i < h->npain; i++)
		any |= h->pain[i].n[0] + h->pain[i].n[1] + h->pain[i].n[2] > 0;
	if (!any) {
		fputs("<p>No pain ratings in these weeks.</p>\n", fp);
		return 0;
	}
	fprintf(fp, "<figure><figcaption>Pain, 0 none to 10 worst: the "
	    "average of each %s</figcaption>\n", h->bucket == 1 ? "day" :
	    "week");
	svg_begin(fp, "Pain over time: circles and a solid line before "
	    "sessions, squares and a dashed line after, diamonds and a dotted "
	    "line at check-ins", id);
	svg_grid(fp, 10, 2, "pain");
	for (k = 0; k < 3; k++)
		pain_series(fp, h, k);
	for (k = 0; k < 3; k++) {
		int x = X0 + 60 + 150 * k;

		fprintf(fp, "<line x1=\"%d\" x2=\"%d\" y1=\"9\" y2=\"9\" "
		    "stroke=\"#000\" stroke-width=\"1.3\"%s%s%s/>", x - 14,
		    x + 14, *pain_dash[k] ? " stroke-dasharray=\"" : "",
		    pain_dash[k], *pain_dash[k] ? "\"" : "");
		marker(fp, k, x, 9);
		fprintf(fp, "<text x=\"%d\" y=\"13\">%s</text>\n", x + 20,
		    pain_name[k]);
	}
	svg_weeks(fp, R);
	fputs("</svg></figure>\n", fp);
	return 1;
}

/* ---- tables ---- */

static void
td_num(FILE *fp, double v, const char *fmt)
{
	fputs("<td>", fp);
	if (v >= 0)
		fprintf(fp, fmt, v);
	else
		fputs("-", fp);
	fputs("</td>", fp);
}

static void
td_value(FILE *fp, double v)
{
	if (v >= 0)
		fprintf(fp, "%.1f", v);
	else
		fputs("-", fp);
}

static void
td_pain(FILE *fp, double b, double a)
{
	fputs("<td>", fp);
	if (b < 0 && a < 0)
		fputs("-", fp);
	else {
		td_value(fp, b);
		fputs(" &rarr; ", fp);
		td_value(fp, a);
	}
	fputs("</td>", fp);
}

/* A week's first cells: 2026-W45 (* when not over) and its Monday. */
static void
td_week(FILE *fp, const struct row *x)
{
	char d[16];

	fprintf(fp, "<tr><td class=\"l\">%d-W%02d%s</td><td class=\"l\">%s"
	    "</td>", x->iso_y, x->iso_w, x->full ? "" : "*",
	    lr_day_text(d, sizeof d, x->monday) + 5);
}

/* The sessions and exercises of each week: the text report's table. */
static void
table_sessions(FILE *fp, const struct rows *R, const struct totals *t)
{
	struct row x;
	size_t i;

	fputs("<h2>Sessions and exercises, week by week</h2>\n<table>\n<tr>"
	    "<th class=\"l\">Week</th><th class=\"l\">From</th>"
	    "<th>Sessions</th><th>Days with exercise</th><th>Minutes</th>"
	    "<th>Exercises done</th><th>Partly done</th><th>Skipped</th>"
	    "<th>Share done</th><th>Sessions of target</th></tr>\n", fp);
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		td_week(fp, &x);
		fprintf(fp, "<td>%ld</td><td>%ld</td><td>%.0f</td><td>%ld</td>"
		    "<td>%ld</td><td>%ld</td>", x.sessions, x.days, x.minutes,
		    x.done, x.partial, x.skipped);
		td_num(fp, x.completion * 100, "%.0f%%");
		td_num(fp, x.adherence * 100, "%.0f%%");
		fputs("</tr>\n", fp);
	}
	fprintf(fp, "<tr class=\"total\"><td class=\"l\">Total</td><td></td>"
	    "<td>%ld</td><td>%ld</td><td>%.0f</td><td>%ld</td><td>%ld</td>"
	    "<td>%ld</td>", t->sessions, t->days, t->minutes, t->done,
	    t->partial, t->skipped);
	td_num(fp, t->completion * 100, "%.0f%%");
	td_num(fp, t->adherence * 100, "%.0f%%");
	fputs("</tr>\n</table>\n", fp);
}

/* The check-in notes of a week, a line each. */
static void
td_notes(FILE *fp, const struct weeks *s, long monday)
{
	const struct note *v;
	size_t i, n;

	v = notes_of_week(s, monday, &n);
	fputs("<td class=\"l wrap note\">", fp);
	for (i = 0; i < n; i++) {
		char *line = note_line(&v[i], 0);

		fputs(i ? "<br>" : "", fp);
		html_escape(fp, line);
		free(line);
	}
	fputs("</td>", fp);
}

/* The pain of each week and its check-in notes: the text's table. */
static void
table_pain(FILE *fp, const struct rows *R, const struct totals *t)
{
	struct row x;
	size_t i;

	fputs("<h2>Pain, week by week</h2>\n<p class=\"sub\">From 0 (none) "
	    "to 10 (the worst): the averages of each week, and what was noted "
	    "at check-ins.</p>\n<table>\n<tr><th class=\"l\">Week</th>"
	    "<th class=\"l\">From</th><th>Pain before &rarr; after "
	    "sessions</th><th>Pain at check-ins</th><th>All pain ratings</th>"
	    "<th>Change on the week before</th><th class=\"l\">Check-in "
	    "notes</th></tr>\n", fp);
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		td_week(fp, &x);
		td_pain(fp, x.pain[0], x.pain[1]);
		td_num(fp, x.pain[2], "%.1f");
		td_num(fp, x.level, "%.1f");
		if (x.has_prev_level)
			fprintf(fp, "<td>%+.1f</td>", x.d_level);
		else
			fputs("<td>-</td>", fp);
		td_notes(fp, R->s, x.monday);
		fputs("</tr>\n", fp);
	}
	fputs("<tr class=\"total\"><td class=\"l\">Total</td><td></td>",
	    fp);
	td_pain(fp, t->pain[0], t->pain[1]);
	td_num(fp, t->pain[2], "%.1f");
	td_num(fp, t->level, "%.1f");
	fputs("<td></td><td></td></tr>\n</table>\n<p class=\"sub\">* the "
	    "week is not over.</p>\n", fp);
}

static void
dose_cell(FILE *fp, const struct hist_ex *x)
{
	char d[48], day[16];
	size_t i;

	fputs("<td class=\"l wrap\">", fp);
	if (x->nruns == 0)
		fputs("-", fp);
	for (i = 0; i < x->nruns; i++) {
		fputs(i ? " &rarr; " : "", fp);
		hist_dose_text(d, sizeof d, &x->runs[i].d);
		html_escape(fp, d);
		fprintf(fp, " <span class=\"sub\">from %s</span>",
		    lr_day_text(day, sizeof day, x->runs[i].first) + 5);
	}
	fputs("</td>", fp);
}

static void
table_exercises(FILE *fp, const struct hist *h)
{
	size_t i;

	fputs("<h2>Exercises</h2>\n", fp);
	if (h->n == 0) {
		fputs("<p>No exercises were logged in these weeks.</p>\n", fp);
		return;
	}
	fputs("<p class=\"sub\">Each exercise once per session, its sides "
	    "joined as in the weeks: done when every side was, partly done "
	    "when some work was.  Dose per set: 2x10 is 2 sets "
	    "of 10, 1x10/3s with a 3 s pause at each, 3x15s 3 holds of 15 s; "
	    "&rarr; a change, from the date given.</p>\n<table>\n<tr>"
	    "<th class=\"l\">Exercise</th><th>Sessions</th><th>Done</th>"
	    "<th>Partly done</th><th>Skipped</th><th class=\"l\">Dose over time"
	    "</th><th>Pain before &rarr; after</th></tr>\n", fp);
	for (i = 0; i < h->n; i++) {
		const struct hist_ex *x = &h->v[i];

		fputs("<tr><td class=\"l\">", fp);
		html_escape(fp, x->id);
		fprintf(fp, "</td><td>%ld</td><td>%ld</td><td>%ld</td>"
		    "<td>%ld</td>", x->sessions, x->done, x->partial,
		    x->skipped);
		dose_cell(fp, x);
		td_pain(fp, hist_pain_avg(x, 0), hist_pain_avg(x, 1));
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

/* 2026-11-10T08:00:00+01:00 as 2026-11-10 08:00. */
static void
note_when(FILE *fp, const char *when)
{
	char d[32];

	snprintf(d, sizeof d, "%.16s", when);
	if (strlen(d) == 16 && d[10] == 'T')
		d[10] = ' ';
	html_escape(fp, d);
}

/* The notes on exercises; those of check-ins are under their week. */
static void
list_notes(FILE *fp, const struct hist *h)
{
	size_t i, n = hist_notes(h);
	int any = 0;

	for (i = 0; i < n; i++) {
		const struct hist_note *x = hist_note(h, i);

		if (strcmp(x->kind, "pain") == 0)
			continue;
		if (!any++)
			fprintf(fp, "<h2>Notes on exercises%s</h2>\n<table>\n",
			    h->nnote > n ? " (of the last 50 notes)" : "");
		fputs("<tr><td class=\"l\">", fp);
		note_when(fp, x->when);
		fputs("</td><td class=\"l\">", fp);
		html_escape(fp, x->id[0] ? x->id : x->kind);
		fputs("</td><td class=\"l wrap note\">", fp);
		html_escape(fp, x->text);
		fputs("</td></tr>\n", fp);
	}
	if (any)
		fputs("</table>\n", fp);
}

static void
list_warnings(FILE *fp, const struct warnings *w)
{
	size_t i;

	fprintf(fp, "<h2>%s</h2>\n", w->n ? "Warnings" : "No warnings");
	if (w->n == 0)
		return;
	fputs("<ul class=\"warn\">\n", fp);
	for (i = 0; i < w->n; i++) {
		int stop = w->v[i].rank == RANK_STOP;

		fprintf(fp, "<li%s><span class=\"tag\">%s</span> ", stop ?
		    " class=\"stop\"" : "", stop ? "Stop:" : "Warning:");
		html_escape(fp, w->v[i].text);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n", fp);
}

/* The range in a sentence: sessions against the target, minutes, pain. */
static void
summary(FILE *fp, const struct html_part *p, const struct totals *tp)
{
	const struct totals t = *tp;
	double b = t.pain[0], a = t.pain[1], c = t.pain[2];

	fprintf(fp, "<h2>In short</h2>\n<p>%ld session%s against a target of "
	    "%ld; %.0f minutes of exercise on %ld day%s; %ld exercise%s done, "
	    "%ld partly, %ld skipped, each once a session whatever its "
	    "sides.", t.sessions, t.sessions == 1 ? "" : "s", p->R->target *
	    t.weeks, t.minutes, t.days, t.days == 1 ? "" : "s", t.done,
	    t.done == 1 ? "" : "s", t.partial, t.skipped);
	if (b >= 0 || a >= 0) {
		fputs(" Pain before &rarr; after sessions: ", fp);
		td_value(fp, b);
		fputs(" &rarr; ", fp);
		td_value(fp, a);
		fputs(".", fp);
	}
	if (c >= 0)
		fprintf(fp, " Pain at check-ins: %.1f.", c);
	fputs(" (Pain from 0, none, to 10, the worst.)</p>\n", fp);
}

/* Part n (0, 1, ...) of the page: one person's report. */
void
html_part(FILE *fp, const struct html_part *p, int n)
{
	char a[16], b[16], t[16];
	size_t weeks = p->R->n;
	struct totals tot;
	int y, wk;

	fputs("<section class=\"person\">\n<h1>", fp);
	if (p->person != NULL) {
		html_escape(fp, p->person);
		fputs(": ", fp);
	}
	fprintf(fp, "lr report, %s to %s</h1>\n<p class=\"sub\">%zu week%s; "
	    "target %ld sessions a week; made %s.</p>\n",
	    lr_day_text(a, sizeof a, p->r->first), lr_day_text(b, sizeof b,
	    p->r->last + 6), weeks, weeks == 1 ? "" : "s", p->R->target,
	    lr_day_text(t, sizeof t, p->r->today));
	if (p->cut) {
		lr_iso_week(p->r->first, &y, &wk);
		fprintf(fp, "<p class=\"sub\">The log starts in %d-W%02d: the "
		    "weeks before it are left out.</p>\n", y, wk);
	}
	rows_totals(&tot, p->R);
	list_warnings(fp, p->w);
	summary(fp, p, &tot);
	fputs("<h2>Charts</h2>\n", fp);
	chart_minutes(fp, p->R, 3 * n);
	chart_pain(fp, p->h, p->R, 3 * n + 1);
	chart_adherence(fp, p->R, 3 * n + 2);
	table_sessions(fp, p->R, &tot);
	table_pain(fp, p->R, &tot);
	table_exercises(fp, p->h);
	list_notes(fp, p->h);
	if (p->s->skipped_rows > 0)
		fprintf(fp, "<p>%ld row%s of the log could not be read and %s "
		    "left out.</p>\n", p->s->skipped_rows, p->s->skipped_rows ==
		    1 ? "" : "s", p->s->skipped_rows == 1 ? "was" : "were");
	fputs("</section>\n", fp);
}

/* The page of one report. */
void
html_report(FILE *fp, const struct html_part *p)
{
	html_begin(fp, "lr report");
	html_part(fp, p, 0);
	html_end(fp);
}

/*
 * lr-report - weekly summaries of the log, for the person and their
 * physiotherapist: sessions, minutes, adherence, pain, and the
 * articles' warnings.  Here are the options and the three formats;
 * lib/weeks.c reads the log, lib/figures.c works out each week and
 * lib/warnings.c applies the articles' rules.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lr.h"
#include "figures.h"
#include "history.h"
#include "html.h"
#include "people.h"
#include "warnings.h"
#include "weeks.h"

static const char usage_text[] =
"usage: lr-report [options] [LOG...]\n"
"\n"
"Summarise the log (default: yours, as lr-log finds it; - for stdin)\n"
"by ISO week: sessions, active days and minutes, exercises done,\n"
"partial and skipped, adherence, pain, and warnings.\n"
"\n"
"  -w, --weeks N        the last N weeks, this one included (default 4)\n"
"      --since DATE     from the week of DATE\n"
"      --until DATE     to the week of DATE (default: this week)\n"
"      --last-week      the last full week (for cron)\n"
"      --week YYYY-Www  one ISO week, e.g. 2026-W47\n"
"  -t, --target N       sessions a week to aim for (default 4, the\n"
"                       articles' four to five times a week)\n"
"  -c, --condition LIST the person's conditions, for the articles' rules\n"
"                       (default: those of the exercises in the log)\n"
"  -e, --exercises      each exercise: sessions, doses, status, pain\n"
"      --by-person      each LOG one person's, named by its file\n"
"  -F, --format FORMAT  text (default), tsv, md or html\n"
"      --today DATE     report as if today were DATE\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n";

enum { FMT_TEXT, FMT_TSV, FMT_MD, FMT_HTML };

struct options {
	struct range_spec r;
	long target;
	char *conditions;		/* --condition, or NULL: from the log */
	int format, exercises, by_person;
	char **logs;
	int nlogs;
};

/* ---- output ---- */

static void
put_num(FILE *fp, double v, const char *fmt)
{
	if (v >= 0)
		fprintf(fp, fmt, v);
}

/* The week's warnings, a stop first, one a line in one field. */
static void
put_week_warnings(const struct warnings *w, long monday)
{
	char *buf = NULL;
	size_t i, len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (i = 0; i < w->n; i++)
		if (w->v[i].monday == monday)
			fprintf(fp, "%s%s", len ? "\n" : "", w->v[i].text),
			    fflush(fp);
	fclose(fp);
	putchar('\t');
	tsv_put_field(stdout, buf);
	free(buf);
}

static void
out_tsv(const struct rows *R, const struct warnings *w)
{
	struct row row;
	const struct row *x = &row;
	long target = R->target;
	size_t i;
	int k;
	char d[16];

	printf("week\tmonday\tsessions\tactive_days\tactive_min\tdone\t"
	    "partial\tskipped\tcompletion\ttarget\tadherence\tpain_before\t"
	    "pain_after\tpain_check\tpain_avg\tpain_change\tminutes_change\t"
	    "stopped\twarnings\n");
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &row);
		printf("%d-W%02d\t%s\t%ld\t%ld\t%.1f\t%ld\t%ld\t%ld\t", x->iso_y,
		    x->iso_w, lr_day_text(d, sizeof d, x->monday), x->sessions,
		    x->days, x->minutes, x->done, x->partial, x->skipped);
		put_num(stdout, x->completion, "%.2f");
		printf("\t%ld\t", target);
		put_num(stdout, x->adherence, "%.2f");
		for (k = 0; k < 4; k++) {
			printf("\t");
			put_num(stdout, k < 3 ? x->pain[k] : x->level, "%.1f");
		}
		printf("\t");
		if (x->has_prev_level)
			printf("%+.1f", x->d_level);
		printf("\t%+.1f\t%ld", x->d_minutes, x->stopped);
		put_week_warnings(w, x->monday);
		putchar('\n');
	}
}

static void
cell_pain(char *dst, size_t n, double b, double a)
{
	char x[8] = "-", y[8] = "-";

	if (b >= 0)
		snprintf(x, sizeof x, "%.1f", b);
	if (a >= 0)
		snprintf(y, sizeof y, "%.1f", a);
	if (a < 0 && b < 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, "%s>%s", x, y);
}

/* A figure for a table, or - when there is none. */
static void
cell_num(char *dst, size_t n, double v, const char *fmt)
{
	if (v < 0)
		snprintf(dst, n, "-");
	else
		snprintf(dst, n, fmt, v);
}

struct style {
	int color, utf8, md;
};

static const char *
sgr(const struct style *st, const char *code)
{
	return st->color ? code : "";
}

static void
text_table(const struct rows *R, const struct totals *t,
    const struct style *st)
{
	struct row row;
	const struct row *x = &row;
	long target = R->target;
	size_t i, n = R->n;
	char c[16], a[16], p[24], k[16], dm[16], dl[16], mon[16];

	printf("%sweek     from  ses day  min done prt skp cmpl adhr "
	    "pain b>a  chk dmin dpain%s\n", sgr(st, "\033[1m"),
	    sgr(st, "\033[0m"));
	for (i = 0; i < n; i++) {
		row_get(R, i, &row);
		cell_num(c, sizeof c, x->completion * 100, "%.0f%%");
		cell_num(a, sizeof a, x->adherence * 100, "%.0f%%");
		cell_pain(p, sizeof p, x->pain[0], x->pain[1]);
		cell_num(k, sizeof k, x->pain[2], "%.1f");
		snprintf(dm, sizeof dm, "%+.0f", x->d_minutes);
		if (x->has_prev_level)
			snprintf(dl, sizeof dl, "%+.1f", x->d_level);
		else
			snprintf(dl, sizeof dl, "-");
		snprintf(mon, sizeof mon, "%s", lr_day_text(mon, sizeof mon,
		    x->monday) + 5);
		printf("%d-W%02d %s %3ld %3ld %4.0f %4ld %3ld %3ld %4s %4s "
		    "%8s %4s %4s %5s\n", x->iso_y, x->iso_w, mon, x->sessions,
		    x->days, x->minutes, x->done, x->partial, x->skipped, c, a,
		    p, k, dm, dl);
	}
	{
		long all = t->done + t->partial + t->skipped;

		cell_num(c, sizeof c, all ? (double)t->done / (double)all *
		    100 : -1, "%.0f%%");
		cell_num(a, sizeof a, target ? (double)t->sessions /
		    ((double)target * (double)n) * 100 : -1, "%.0f%%");
		cell_pain(p, sizeof p, figures_avg(t->pain_sum[0], t->pain_n[0]),
		    figures_avg(t->pain_sum[1], t->pain_n[1]));
		cell_num(k, sizeof k, figures_avg(t->pain_sum[2], t->pain_n[2]),
		    "%.1f");
		printf("%stotal          %3ld %3ld %4.0f %4ld %3ld %3ld %4s "
		    "%4s %8s %4s%s\n", sgr(st, "\033[1m"), t->sessions,
		    t->days, t->minutes, t->done, t->partial, t->skipped, c, a,
		    p, k, sgr(st, "\033[0m"));
	}
}

static void
text_bars(const struct rows *R, const struct style *st)
{
	struct row x;
	double max = 0;
	size_t i;
	int j;
	const char *block = st->utf8 ? "\xe2\x96\x88" : "#";

	for (i = 0; i < R->n; i++) {
		row_get(R, i, &x);
		if (x.minutes > max)
			max = x.minutes;
	}
	printf("\nMinutes of exercise per week\n");
	for (i = 0; i < R->n; i++) {
		int len;

		row_get(R, i, &x);
		len = max > 0 ? (int)(x.minutes * 50 / max + 0.5) : 0;
		printf("%d-W%02d  ", x.iso_y, x.iso_w);
		for (j = 0; j < len; j++)
			fputs(block, stdout);
		printf(" %.0f\n", x.minutes);
	}
}

static void
text_pain(const struct rows *R)
{
	struct row row;
	const struct row *x = &row;
	size_t i, n = R->n;
	int j, any = 0;

	for (i = 0; i < n; i++) {
		row_get(R, i, &row);
		any |= row.level >= 0;
	}
	printf("\nPain, the week's average of all ratings (0 none, 10 worst)\n");
	if (!any) {
		printf("  no pain ratings in these weeks\n");
		return;
	}
	printf("          0    1    2    3    4    5    6    7    8    9   10\n");
	for (i = 0; i < n; i++) {
		row_get(R, i, &row);
		printf("%d-W%02d  ", x->iso_y, x->iso_w);
		if (x->level < 0) {
			printf("  (no rating)\n");
			continue;
		}
		putchar('|');
		for (j = 0; j <= 50; j++)
			putchar(j == (int)(x->level * 5 + 0.5) ? '*' :
			    j < (int)(x->level * 5 + 0.5) ? '-' : ' ');
		printf("%.1f\n", x->level);
	}
}

static const char disclaimer[] =
    "This report is information for you and your physiotherapist, not a "
    "diagnosis.";

static void
out_warnings(const struct warnings *w, const struct style *st)
{
	size_t i;

	printf("\n%s%s\n", st->md ? "## " : "", w->n ? "Warnings" :
	    "No warnings");
	for (i = 0; i < w->n; i++) {
		const struct warning *x = &w->v[i];

		if (st->md) {
			printf("- %s%s%s\n", x->rank == RANK_STOP ? "**" : "",
			    x->text, x->rank == RANK_STOP ? "**" : "");
			continue;
		}
		printf("%s  - ", sgr(st, x->rank == RANK_STOP ? "\033[1;31m" :
		    "\033[33m"));
		lr_wrap(stdout, x->text, 4, 4, 78);
		fputs(sgr(st, "\033[0m"), stdout);
	}
}

/* The rows left out, said at the end of the report. */
static void
put_skipped(long n, const char *more)
{
	if (n > 0)
		printf("\n%ld row%s of the log could not be read and %s left "
		    "out%s.\n", n, n == 1 ? "" : "s", n == 1 ? "was" : "were",
		    more);
}

static void
out_text(const struct rows *R, const struct weeks *s,
    const struct options *o, const struct range *r,
    const struct warnings *w, const struct style *st)
{
	struct totals t;
	char a[16], b[16];
	size_t n = R->n;

	rows_totals(&t, R);
	printf("%slr report, %s to %s (%zu week%s)%s\n", sgr(st, "\033[1m"),
	    lr_day_text(a, sizeof a, r->first), lr_day_text(b, sizeof b,
	    r->last + 6), n, n == 1 ? "" : "s", sgr(st, "\033[0m"));
	printf("Target: %ld sessions a week.  ses: sessions, day: days with "
	    "exercise, min:\nminutes of exercise; exercises done, prt: "
	    "partly done, skp: skipped; cmpl:\nshare done; adhr: sessions "
	    "against the target; pain before>after sessions,\nchk: at "
	    "check-ins; dmin, dpain: change on the week before.\n\n",
	    o->target);
	text_table(R, &t, st);
	if (t.sessions == 0 && t.done + t.partial + t.skipped == 0 &&
	    t.stopped == 0 && t.pain_n[0] + t.pain_n[1] + t.pain_n[2] == 0)
		printf("\nNothing was logged in these weeks.\n");
	text_bars(R, st);
	text_pain(R);
	out_warnings(w, st);
	put_skipped(s->skipped_rows, " (see the messages)");
	printf("\n%s\n", disclaimer);
}

static void
out_md(const struct rows *R, const struct weeks *s,
    const struct options *o, const struct range *r,
    const struct warnings *w, const struct style *st)
{
	struct totals t;
	struct row row;
	const struct row *x = &row;
	size_t i;
	char a[16], b[16], c[16], d[16], p[24], k[16];

	rows_totals(&t, R);
	printf("# lr report, %s to %s\n\n", lr_day_text(a, sizeof a,
	    r->first), lr_day_text(b, sizeof b, r->last + 6));
	printf("Target: %ld sessions a week.\n\n", o->target);
	printf("| Week | From | Sessions | Active days | Minutes | Done | "
	    "Partial | Skipped | Completion | Adherence | Pain before > after "
	    "| Pain check-ins | Change in minutes | Change in pain |\n");
	printf("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < R->n; i++) {
		row_get(R, i, &row);
		cell_num(c, sizeof c, x->completion * 100, "%.0f%%");
		cell_num(d, sizeof d, x->adherence * 100, "%.0f%%");
		cell_pain(p, sizeof p, x->pain[0], x->pain[1]);
		cell_num(k, sizeof k, x->pain[2], "%.1f");
		printf("| %d-W%02d | %s | %ld | %ld | %.0f | %ld | %ld | %ld | "
		    "%s | %s | %s | %s | %+.0f | ", x->iso_y, x->iso_w,
		    lr_day_text(a, sizeof a, x->monday), x->sessions, x->days,
		    x->minutes, x->done, x->partial, x->skipped, c, d, p, k,
		    x->d_minutes);
		if (x->has_prev_level)
			printf("%+.1f |\n", x->d_level);
		else
			printf("- |\n");
	}
	printf("| **Total** | | **%ld** | **%ld** | **%.0f** | **%ld** | "
	    "**%ld** | **%ld** | | | | | | |\n", t.sessions, t.days,
	    t.minutes, t.done, t.partial, t.skipped);
	out_warnings(w, st);
	put_skipped(s->skipped_rows, "");
	printf("\n*%s*\n", disclaimer);
}

/* ---- options and main ---- */

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "weeks", required_argument, NULL, 'w' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "last-week", no_argument, NULL, 'L' },
		{ "week", required_argument, NULL, 'W' },
		{ "target", required_argument, NULL, 't' },
		{ "condition", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'F' },
		{ "exercises", no_argument, NULL, 'e' },
		{ "by-person", no_argument, NULL, 'P' },
		{ "today", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const formats[] = { "text", "tsv", "md", "html",
	    NULL };
	int ch, ranged = 0;

	o->r.weeks = 4;
	o->target = 4;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":w:t:c:F:ehV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'w':
			o->r.weeks = lr_opt_long("--weeks", optarg, 1, 20000);
			ranged |= 1;
			break;
		case 's': o->r.since = optarg; ranged |= 1; break;
		case 'u': o->r.until = optarg; ranged |= 1; break;
		case 'L': o->r.last_week = 1; ranged |= 2; break;
		case 'W': o->r.week = optarg; ranged |= 4; break;
		case 't': o->target = lr_opt_long("--target", optarg, 0, 21);
			break;
		case 'F':
			if ((o->format = lr_word_index(formats, optarg)) < 0)
				lr_usage_error("--format: expected text, tsv, "
				    "md or html, got \"%s\"", optarg);
			break;
		case 'e': o->exercises = 1; break;
		case 'P': o->by_person = 1; break;
		case 'T': o->r.today = optarg; break;
		case 'c':
			filter_add(&o->conditions, optarg, lr_conditions,
			    "condition");
			break;
		case 'h': lr_print_usage(usage_text);
		case 'V': lr_print_version(); break;
		default: lr_bad_option(ch, argv);
		}
	}
	if (ranged != 0 && ranged != 1 && ranged != 2 && ranged != 4)
		lr_usage_error("--week, --last-week and the other range "
		    "options go alone");
	if (o->by_person && o->exercises)
		lr_usage_error("--exercises and --by-person go alone");
	if (o->r.since && o->r.weeks != 4 && o->r.until)
		lr_usage_error("--weeks with both --since and --until");
	o->logs = argv + optind;
	o->nlogs = argc - optind;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct weeks s;
	struct range r;
	struct warnings w;
	struct style st;
	struct rows R;
	struct idmask *ids;
	struct hist h, *hp = NULL;
	char path[PATH_MAX];
	int i, status = LR_OK;

	parse_options(argc, argv, &o);
	range_make(&o.r, &r);
	if (o.by_person) {
		status = people_report(o.logs, o.nlogs, &(struct people){ &r,
		    o.target, o.conditions, o.format });
		free(o.conditions);
		return status;
	}
	if (o.nlogs == 0) {
		if (lr_log_path(path, sizeof path) != 0)
			return LR_EDATA;
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			lr_warn("%s: no log yet: lr-log makes it when the "
			    "first session is logged", path);
			return LR_EDATA;
		}
	}
	ids = o.conditions ? NULL : idmask_read();
	weeks_init(&s, ids);
	hist_init(&h, r.first, r.last + 6);
	hp = o.exercises || o.format == FMT_HTML ? &h : NULL;
	if (o.nlogs == 0 && hist_read(hp, &s, path) != 0)
		status = LR_EDATA;
	for (i = 0; i < o.nlogs; i++)
		if (hist_read(hp, &s, o.logs[i]) != 0)
			status = LR_EDATA;
	if (status != LR_OK && s.rows == 0 && s.skipped_rows == 0) {
		weeks_free(&s);
		idmask_free(ids);
		free(o.conditions);
		return status;
	}
	if (s.skipped_rows > 0) {
		lr_warn("%ld row%s could not be read and %s left out",
		    s.skipped_rows, s.skipped_rows == 1 ? "" : "s",
		    s.skipped_rows == 1 ? "was" : "were");
		status = LR_EDATA;
	}
	rows_init(&R, &s, &r, o.target);
	weeks_finish(&s);
	hist_finish(&h);
	warn_init(&w, o.conditions ? conditions_mask(o.conditions) :
	    s.conditions);
	warn_all(&w, &s, &R, &r);
	st.color = o.format == FMT_TEXT && isatty(STDOUT_FILENO) &&
	    lr_color_term(getenv("TERM"));
	st.utf8 = lr_utf8_locale();
	st.md = o.format == FMT_MD;
	if (o.format == FMT_HTML)
		html_report(stdout, &(struct html_part){ NULL, &R, &s, &w, &h,
		    &r });
	else if (o.exercises)
		hist_put(stdout, &h, o.format, r.first, r.last);
	else if (o.format == FMT_TSV)
		out_tsv(&R, &w);
	else if (o.format == FMT_MD)
		out_md(&R, &s, &o, &r, &w, &st);
	else
		out_text(&R, &s, &o, &r, &w, &st);
	warn_free(&w);
	hist_free(&h);
	weeks_free(&s);
	idmask_free(ids);
	free(o.conditions);
	lr_close_stdout();
	return status;
}

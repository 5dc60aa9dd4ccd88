/*
 * lr-report - weekly summaries of the log, for the person and their
 * physiotherapist: sessions, minutes, adherence, pain, notes and the
 * articles' warnings; or, with --due, whether a session is due today.
 * Here are the options and the frame of the three formats;
 * lib/weeks.c reads the log (lib/tally.c counting each exercise of a
 * session once), lib/figures.c works out each week, lib/tables.c lays
 * out the tables and lib/warnings.c applies the articles' rules.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lr.h"
#include "figures.h"
#include "tables.h"
#include "warnings.h"
#include "weeks.h"

static const char usage_text[] =
"usage: lr-report [options] [LOG...]\n"
"\n"
"Summarise the log (default: yours, as lr-log finds it; - for stdin)\n"
"by ISO week: sessions, active days and minutes, exercises (each once\n"
"a session, whatever its sides) done, partly done and skipped,\n"
"adherence, pain, check-in notes, and warnings.\n"
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
"  -F, --format FORMAT  text (default), tsv or md\n"
"      --today DATE     report as if today were DATE\n"
"      --due            say whether a session is due today; exit 0 when\n"
"                       one is, 1 when not, 2 on an error\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n";

enum { FMT_TEXT, FMT_TSV, FMT_MD };

struct options {
	struct range_spec r;
	long target;
	char *conditions;		/* --condition, or NULL: from the log */
	int format;
	int due;			/* --due */
	int cut;			/* weeks before the log left out */
	char **logs;
	int nlogs;
};

/* ---- output ---- */

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

/* The target, what the figures count, and weeks left out. */
static void
put_intro(const struct options *o, const struct range *r, int md)
{
	int y, wk;

	printf("Target: %ld sessions a week. Days are days with exercise, "
	    "minutes active\nminutes without rests. Each exercise of a "
	    "session counts once, whatever its\nsides: done, partly done or "
	    "skipped.\n", o->target);
	if (o->cut) {
		lr_iso_week(r->first, &y, &wk);
		printf("%sThe log starts in %d-W%02d: the weeks before it are "
		    "left out.\n", md ? "\n" : "", y, wk);
	}
	putchar('\n');
}

static int
nothing_logged(const struct totals *t)
{
	return t->sessions == 0 && t->done + t->partial + t->skipped == 0 &&
	    t->stopped == 0 && t->pain_n[0] + t->pain_n[1] + t->pain_n[2] == 0;
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
	put_intro(o, r, 0);
	tables_text(R, &t, st);
	if (nothing_logged(&t))
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
	char a[16], b[16];

	rows_totals(&t, R);
	printf("# lr report, %s to %s\n\n", lr_day_text(a, sizeof a,
	    r->first), lr_day_text(b, sizeof b, r->last + 6));
	put_intro(o, r, 1);
	tables_md(R, &t, st);
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
		{ "today", required_argument, NULL, 'T' },
		{ "due", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const formats[] = { "text", "tsv", "md", NULL };
	int ch, ranged = 0, formatted = 0;

	o->r.weeks = 4;
	o->target = 4;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":w:t:c:F:hV", longopts, NULL)) !=
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
				lr_usage_error("--format: expected text, tsv or "
				    "md, got \"%s\"", optarg);
			formatted = 1;
			break;
		case 'T': o->r.today = optarg; break;
		case 'D': o->due = 1; break;
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
	if (o->due && (ranged || formatted))
		lr_usage_error("--due goes without the range options and "
		    "--format");
	if (o->r.since && o->r.weeks != 4 && o->r.until)
		lr_usage_error("--weeks with both --since and --until");
	o->logs = argv + optind;
	o->nlogs = argc - optind;
}

/*
 * --due: one line, and the exit status says it: 0 due, 1 not due, 2
 * on an error (1 is taken, as in test(1)).
 */
static int
out_due(const struct weeks *s, const struct options *o, long today,
    int nolog, int status)
{
	struct due d;

	due_get(&d, s, today, o->target);
	if (d.today)
		printf("Done today: %ld of %ld this week.\n", d.sessions,
		    o->target);
	else if (d.stopped)
		printf("No session today: a warning sign stopped it (see "
		    "lr-report).\n");
	else if (o->target == 0)
		printf("No session today, and no target: %ld this week.\n",
		    d.sessions);
	else if (!d.due)
		printf("No session today; the week's target is met: %ld of "
		    "%ld.\n", d.sessions, o->target);
	else
		printf("No session yet today: %ld of %ld this week%s.\n",
		    d.sessions, o->target, nolog ? " (no log yet)" : "");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		lr_warn("write error: %s", strerror(errno ? errno : EIO));
		return LR_EUSAGE;
	}
	lr_close_stdout();
	return status != LR_OK ? LR_EUSAGE : d.due ? 0 : 1;
}

static void
print_report(struct weeks *s, struct options *o, struct range *r)
{
	struct warnings w;
	struct style st;
	struct rows R;

	o->cut = range_clip(r, s);
	rows_init(&R, s, r, o->target);
	warn_init(&w, o->conditions ? conditions_mask(o->conditions) :
	    s->conditions);
	warn_all(&w, s, &R, r);
	st.color = o->format == FMT_TEXT && isatty(STDOUT_FILENO) &&
	    lr_color_term(getenv("TERM"));
	st.utf8 = lr_utf8_locale();
	st.md = o->format == FMT_MD;
	if (o->format == FMT_TSV)
		tables_tsv(&R, &w);
	else if (o->format == FMT_MD)
		out_md(&R, s, o, r, &w, &st);
	else
		out_text(&R, s, o, r, &w, &st);
	warn_free(&w);
	lr_close_stdout();
}

/* Read the logs named, or the person's; LR_EDATA when one failed. */
static int
read_logs(struct weeks *s, const struct options *o, const char *path)
{
	int i, status = LR_OK;

	if (o->nlogs == 0 && weeks_read(s, path) != 0)
		status = LR_EDATA;
	for (i = 0; i < o->nlogs; i++)
		if (weeks_read(s, o->logs[i]) != 0)
			status = LR_EDATA;
	if (s->skipped_rows > 0) {
		lr_warn("%ld row%s could not be read and %s left out",
		    s->skipped_rows, s->skipped_rows == 1 ? "" : "s",
		    s->skipped_rows == 1 ? "was" : "were");
		status = LR_EDATA;
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct weeks s;
	struct range r;
	struct idmask *ids;
	char path[PATH_MAX];
	int status, nolog = 0;

	parse_options(argc, argv, &o);
	range_make(&o.r, &r);
	if (o.nlogs == 0) {
		if (lr_log_path(path, sizeof path) != 0)
			return o.due ? LR_EUSAGE : LR_EDATA;
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			if (!o.due) {
				lr_warn("%s: no log yet: lr-log makes it when "
				    "the first session is logged", path);
				return LR_EDATA;
			}
			nolog = 1;
		}
	}
	ids = o.conditions || o.due ? NULL : idmask_read();
	weeks_init(&s, ids);
	/* Notes are kept for the weeks shown only; --due shows none. */
	weeks_keep_notes(&s, o.due ? LONG_MAX : r.first, r.last);
	status = nolog ? LR_OK : read_logs(&s, &o, path);
	weeks_finish(&s);
	if (status != LR_OK && s.rows == 0 && s.skipped_rows == 0)
		status = o.due ? LR_EUSAGE : status;
	else if (o.due)
		status = out_due(&s, &o, r.today, nolog, status);
	else
		print_report(&s, &o, &r);
	weeks_free(&s);
	idmask_free(ids);
	free(o.conditions);
	return status;
}

/*
 * lr-plan - a session plan: one of the articles' routines as written,
 * or a plan made to measure for conditions, a time budget, the
 * positions a person can take and the equipment they have.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "planner.h"

static const char usage_text[] =
"usage: lr-plan -R NAME [--log FILE | --no-log] [--explain] [--total]\n"
"       lr-plan [-c LIST] [-m MINUTES] [-p LIST] [-e LIST] [-l N]\n"
"               [--seed N] [--log FILE | --no-log] [--explain] [--total]\n"
"               [CATALOG]\n"
"\n"
"Write a session plan as TSV: the exercises in the order to do them,\n"
"with sets, reps, holds, sides and rests, for lr-timer.\n"
"\n"
"  -R, --routine NAME     a routine of the articles, as written\n"
"                         (lr-list --routines lists them)\n"
"  -c, --condition LIST   plan for these conditions (repeatable):\n"
"                         leg-pain, sciatica, knee-pain, low-back-pain\n"
"  -m, --minutes N        time budget in minutes, 1-240 (default 20)\n"
"  -p, --position LIST    positions you can take, e.g. standing,sitting\n"
"  -e, --equipment LIST   what you have; none for body weight only\n"
"  -l, --level N          at most this level (1-3)\n"
"      --seed N           choose with this seed; without it the plan\n"
"                         is the same all day and changes each day\n"
"      --log FILE         move doses on from this log (default: the log\n"
"                         lr-log keeps, when there is one)\n"
"      --no-log           plan as for someone new: the articles' starts\n"
"      --explain          tell on stderr why each exercise was chosen,\n"
"                         how long it takes, and when to stop\n"
"      --total            print only the estimated seconds\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Made-to-measure plans read catalog rows from CATALOG, else from\n"
"standard input when it is a pipe or a file that is not empty, else\n"
"$LR_CATALOG or the installed catalog.  The plan starts with a\n"
"warm-up, then stretches, then strengthening, and never holds an\n"
"exercise to avoid for a chosen condition.\n";

struct options {
	struct filter f;
	const char *routine, *catalog, *log;
	long minutes;
	unsigned long long seed;
	int seeded, explain, total, measured, no_log;
};

static unsigned long long
parse_seed(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		lr_usage_error("--seed: expected a whole number, got \"%s\"",
		    s);
	return v;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "routine", required_argument, NULL, 'R' },
		{ "condition", required_argument, NULL, 'c' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "position", required_argument, NULL, 'p' },
		{ "equipment", required_argument, NULL, 'e' },
		{ "level", required_argument, NULL, 'l' },
		{ "seed", required_argument, NULL, 'S' },
		{ "log", required_argument, NULL, 'L' },
		{ "no-log", no_argument, NULL, 'N' },
		{ "explain", no_argument, NULL, 'x' },
		{ "total", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":R:c:m:p:e:l:hV", longopts,
	    NULL)) != -1) {
		if (strchr("RxthVLN", ch) == NULL)
			o->measured = 1;
		if (filter_option(&o->f, ch, optarg))
			continue;
		switch (ch) {
		case 'R':
			o->routine = optarg;
			break;
		case 'm':
			o->minutes = lr_opt_long("--minutes", optarg, 1, 240);
			break;
		case 'L':
			o->log = optarg;
			break;
		case 'N':
			o->no_log = 1;
			break;
		case 'S':
			o->seed = parse_seed(optarg);
			o->seeded = 1;
			break;
		case 'x':
			o->explain = 1;
			break;
		case 't':
			o->total = 1;
			break;
		case 'h': lr_print_usage(usage_text);
		case 'V':
			lr_print_version();
			break;
		default:
			lr_bad_option(ch, argv);
		}
	}
	if (argc - optind > 1)
		lr_usage_error("give at most one catalog file");
	if (optind < argc)
		o->catalog = argv[optind];
	if (o->routine && (o->measured || o->catalog))
		lr_usage_error("--routine plans a routine as written: it "
		    "takes no -c, -m, -p, -e, -l, --seed or catalog");
	if (o->log && o->no_log)
		lr_usage_error("--log and --no-log: give one or the other");
	if (o->minutes == 0)
		o->minutes = 20;
}

/*
 * Without --seed the day is the seed: the plan stays the same all day
 * and changes the next.
 */
static unsigned long long
today_seed(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return (unsigned long long)(tm.tm_year + 1900) * 10000 +
	    (unsigned long long)(tm.tm_mon + 1) * 100 +
	    (unsigned long long)tm.tm_mday;
}

static void
explain_text(const char *text)
{
	fprintf(stderr, "     ");
	lr_wrap(stderr, text, 5, 5, 76);
}

static void
explain_rows(const struct pool *p)
{
	char t[32], dose[96];
	size_t i;
	long step = 0;

	for (i = 0; i < p->n && p->v[i].chosen; i++) {
		const struct item *it = &p->v[i];

		lr_dose_text(dose, sizeof dose, &it->d);
		fprintf(stderr, "%3ld. %s (%s): %s, about %s.\n", ++step,
		    it->e.name, it->e.kind, dose,
		    lr_fmt_secs(t, sizeof t, item_seconds(it)));
		if (it->why != NULL)
			explain_text(it->why);
		if (it->from != NULL) {
			char *cite = doses_cite(p->doses, it->from);

			explain_text(cite);
			free(cite);
		}
		if (it->dose_why != NULL)
			explain_text(it->dose_why);
	}
}

static void
explain_total(long total, long budget)
{
	char a[32], b[32];

	fprintf(stderr, "\nEstimated time: %s", lr_fmt_secs(a, sizeof a,
	    total));
	if (budget > 0)
		fprintf(stderr, " of the %s asked for",
		    lr_fmt_secs(b, sizeof b, budget));
	fprintf(stderr, ".\n");
	lr_wrap(stderr, "(Holds, reps at the pace given, both sides, sets, "
	    "rests, 10 s to get ready before each exercise and 5 s to "
	    "switch sides.)", 0, 0, 76);
}

static void
explain_safety(const char *conditions, const char *article)
{
	fprintf(stderr, "\nSafety:\n");
	lr_print_safety(stderr, conditions, article, 76);
}

static void
explain_measured(const struct pool *p, const struct options *o,
    long budget)
{
	struct wordset missing = { NULL, 0, 0 };
	long total = pool_total(p);
	size_t i;

	fprintf(stderr, "A plan for %s, in at most %ld min (seed %llu):\n\n",
	    o->f.conditions ? o->f.conditions : "any condition", o->minutes,
	    o->seed);
	explain_rows(p);
	explain_total(total, budget);
	for (i = 0; i < p->need.n; i++)
		wordset_fresh(p->need.v[i], &p->need, &p->covered, &missing);
	if (missing.n > 0) {
		char *list = wordset_join(&missing, ", ");

		fprintf(stderr, "Not covered: ");
		lr_wrap(stderr, list, 13, 13, 76);
		fprintf(stderr, "(no exercise that works it passes your "
		    "filters and fits the time)\n");
		free(list);
	}
	wordset_free(&missing);
	if (total * 10 < budget * 8)
		lr_wrap(stderr, "The exercises that pass your filters do not "
		    "fill the time, even at the most sets their articles "
		    "give (a dose your log set stays as it set it).", 0, 0,
		    76);
	explain_safety(o->f.conditions, NULL);
}

static void
write_plan(const struct pool *p, const struct options *o)
{
	size_t i;

	if (o->total) {
		printf("%ld\n", pool_total(p));
		return;
	}
	plan_put_header(stdout, &p->c);
	for (i = 0; i < p->n && p->v[i].chosen; i++)
		plan_put_row(stdout, &p->c, (long)i + 1, &p->v[i].e,
		    &p->v[i].d, p->v[i].dose_why, p->v[i].row);
}

/*
 * The person's history: from --log, else from the log lr-log keeps
 * when there is one; none with --no-log or for someone new.
 */
static int
read_history(const struct options *o, struct history *h)
{
	char path[4096] = "";
	const char *log = o->log, *name;
	FILE *fp;
	int rv;

	memset(h, 0, sizeof *h);
	if (o->no_log)
		return 0;
	if (log == NULL) {
		if (lr_log_path(path, sizeof path) != 0)
			return 0;	/* said why; plan as for someone new */
		if (access(path, F_OK) != 0 && errno == ENOENT)
			return 0;
		log = path;
	}
	if ((fp = lr_open_input(log, &name)) == NULL)
		return -1;
	rv = history_read(h, fp, name);
	if (rv != 0)
		lr_warn("%s: the log has errors: mend it (lr-log --check), or "
		    "plan without it (--no-log)", name);
	if (fp != stdin)
		fclose(fp);
	return rv;
}

/* Open the catalog: the one named, standard input, or the installed. */
static int
open_pool(struct pool *p, const char *path, int installed, FILE **fpp)
{
	const char *name;
	FILE *fp = installed ? catalog_installed(&name) :
	    catalog_input(path, &name);

	*fpp = fp;
	if (fp == NULL)
		return -1;
	if (pool_open(p, fp, name) != 0) {
		if (fp != stdin)
			fclose(fp);
		*fpp = NULL;
		return -1;
	}
	return 0;
}

static void
close_pool(struct pool *p, FILE *fp)
{
	pool_free(p);
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

static int
plan_to_measure(struct options *o)
{
	struct doses doses = { NULL, 0, 0 };
	struct history h;
	struct pool p;
	FILE *fp;
	long budget = o->minutes * 60;
	int status;

	if (!o->seeded)
		o->seed = today_seed();
	if (read_history(o, &h) != 0 || doses_load(&doses) != 0) {
		history_free(&h);
		doses_free(&doses);
		return LR_EDATA;
	}
	if (open_pool(&p, o->catalog, 0, &fp) != 0) {
		history_free(&h);
		doses_free(&doses);
		return LR_EDATA;
	}
	if (pool_read(&p, &o->f, &doses) != 0)
		status = LR_EDATA;
	else {
		pool_progress(&p, o->no_log ? NULL : &h);
		status = pool_choose(&p, o->f.conditions, budget, o->seed);
		pool_reasons(&p);
	}
	if (status == LR_OK) {
		write_plan(&p, o);
		if (o->explain)
			explain_measured(&p, o, budget);
	}
	close_pool(&p, fp);
	doses_free(&doses);
	history_free(&h);
	return status;
}

static int
plan_routine(const struct options *o)
{
	struct routine r;
	struct doses doses = { NULL, 0, 0 };
	struct history h = { NULL, 0, 0 };
	struct pool p;
	FILE *fp = NULL;
	int status = LR_EDATA;

	if (routine_read(o->routine, &r) != 0 || read_history(o, &h) != 0 ||
	    doses_load(&doses) != 0) {
		routine_free(&r);
		history_free(&h);
		doses_free(&doses);
		return LR_EDATA;
	}
	if (open_pool(&p, NULL, 1, &fp) == 0) {
		if (pool_routine(&p, &r, &doses) == 0) {
			pool_progress(&p, o->no_log ? NULL : &h);
			pool_reasons(&p);
			write_plan(&p, o);
			status = LR_OK;
			if (o->explain) {
				fprintf(stderr, "Routine %s: %s (from %s):\n\n",
				    o->routine, r.title, r.source);
				explain_rows(&p);
				explain_total(pool_total(&p), 0);
				explain_safety("", r.source);
			}
		}
		close_pool(&p, fp);
	}
	doses_free(&doses);
	history_free(&h);
	routine_free(&r);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	int status;

	parse_options(argc, argv, &o);
	if (o.routine)
		status = plan_routine(&o);
	else
		status = plan_to_measure(&o);
	filter_free(&o.f);
	lr_close_stdout();
	return status;
}

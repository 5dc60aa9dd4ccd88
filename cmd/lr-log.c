/*
 * lr-log - append results to the person's log, safely: checked before
 * anything is written, all or nothing on disk, never twice.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "append.h"
#include "batch.h"
#include "logcheck.h"
#include "lr.h"
#include "manual.h"
#include "spool.h"

static const char usage_text[] =
"usage: lr-log [-q] [-f LOG] [FILE...]\n"
"       lr-log [-q] [-f LOG] add ID... [--sets N] [--reps N] [--hold S]\n"
"              [--side SIDE] [--session ID] [--date WHEN] [--note TEXT]\n"
"       lr-log [-q] [-f LOG] add --routine NAME [--session ID]\n"
"              [--date WHEN] [--note TEXT]\n"
"       lr-log [-q] [-f LOG] pain N [--date WHEN] [--note TEXT]\n"
"       lr-log [-f LOG] --check | --repair | --export csv\n"
"\n"
"Append results rows (from lr-timer, the FILEs, or standard input) to\n"
"the log, checked first: one bad row and nothing is written.  Rows\n"
"already in the log are not added again.\n"
"\n"
"  -f, --log FILE     the log (default $LR_LOG, else\n"
"                     $XDG_DATA_HOME/lr/log.tsv or ~/.local/share/lr/log.tsv)\n"
"  -q, --quiet        say nothing when all went well\n"
"      --check        check the log and report each problem\n"
"      --repair       finish or undo an interrupted append, mend what\n"
"                     can be mended, then check\n"
"      --export csv   write the log as CSV (RFC 4180), escapes decoded,\n"
"                     for tools such as sqlite3 and Python's csv\n"
"\n"
"  add ID...          record exercises done away from the timer, in\n"
"                     the order given, as one session\n"
"      --routine NAME the exercises of a routine, at its doses\n"
"                     (lr-list --routines lists them), as one session\n"
"      --session ID   add to this session of the log (default date:\n"
"                     the session's) instead of starting one\n"
"      --sets N       sets done (default: the catalog's)\n"
"      --reps N       reps per set (default: the catalog's)\n"
"      --hold S       seconds of each hold (default: the catalog's)\n"
"      --side SIDE    left, right or both (default: each side of an\n"
"                     exercise done on each side)\n"
"                     (these four with one ID only)\n"
"      --catalog FILE the catalog to take the exercises from\n"
"  pain N             record a pain rating, 0 (none) to 10 (worst)\n"
"      --date WHEN    today (default), yesterday, YYYY-MM-DD,\n"
"                     YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS],\n"
"                     each time with or without a UTC offset\n"
"                     (+HH:MM, -HH:MM or Z)\n"
"      --note TEXT    a note to keep with the record (UTF-8, at most\n"
"                     4096 bytes)\n"
"\n"
"  -h, --help         show this help\n"
"  -V, --version      show the version\n";

enum { M_APPEND, M_ADD, M_PAIN, M_CHECK, M_REPAIR, M_EXPORT };

/* A note is a few words for the physiotherapist, not a document. */
#define NOTE_MAX 4096

struct options {
	const char *log, *catalog, *date, *note, *side, *routine, *session;
	long sets, reps, hold;
	int quiet, mode;
	char **args;
	int nargs;
};

/* ---- options ---- */

static void
set_mode(struct options *o, int mode)
{
	if (o->mode != M_APPEND && o->mode != mode)
		lr_usage_error("--check and --repair go alone");
	o->mode = mode;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "log", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "check", no_argument, NULL, 'C' },
		{ "repair", no_argument, NULL, 'R' },
		{ "export", required_argument, NULL, 'E' },
		{ "sets", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "hold", required_argument, NULL, 'H' },
		{ "side", required_argument, NULL, 'S' },
		{ "date", required_argument, NULL, 'd' },
		{ "note", required_argument, NULL, 'n' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "routine", required_argument, NULL, 'o' },
		{ "session", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, manual_opt = 0;

	o->sets = o->reps = o->hold = -1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":f:qhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': o->log = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'C': set_mode(o, M_CHECK); break;
		case 'R': set_mode(o, M_REPAIR); break;
		case 'E':
			if (strcmp(optarg, "csv") != 0)
				lr_usage_error("--export: expected csv, got "
				    "\"%s\"", optarg);
			set_mode(o, M_EXPORT);
			break;
		case 's': o->sets = lr_opt_long("--sets", optarg, 0, 20); break;
		case 'r': o->reps = lr_opt_long("--reps", optarg, 0, 100); break;
		case 'H': o->hold = lr_opt_long("--hold", optarg, 0, 3600); break;
		case 'S':
			if (lr_word_index(result_sides, optarg) < 0)
				lr_usage_error("--side: expected left, right "
				    "or both, got \"%s\"", optarg);
			o->side = optarg;
			break;
		case 'd': o->date = optarg; break;
		case 'n': o->note = optarg; break;
		case 'c': o->catalog = optarg; break;
		case 'o': o->routine = optarg; break;
		case 'i': o->session = optarg; break;
		case 'h': lr_print_usage(usage_text);
		case 'V': lr_print_version(); break;
		default: lr_bad_option(ch, argv);
		}
		if (strchr("srHSdncoi", ch))
			manual_opt = ch;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->mode == M_APPEND && o->nargs > 0 &&
	    strcmp(o->args[0], "add") == 0)
		o->mode = M_ADD;
	else if (o->mode == M_APPEND && o->nargs > 0 &&
	    strcmp(o->args[0], "pain") == 0)
		o->mode = M_PAIN;
	if (o->mode == M_PAIN && o->nargs != 2)
		lr_usage_error("pain takes one rating, 0 to 10");
	if ((o->mode == M_CHECK || o->mode == M_REPAIR ||
	    o->mode == M_EXPORT) && o->nargs > 0)
		lr_usage_error("--check, --repair and --export take no file: "
		    "use -f");
	if (o->log != NULL && o->log[0] == '\0')
		lr_usage_error("-f: an empty name is no log");
	/* The log holds only what its reader takes back. */
	if (o->note != NULL && !lr_utf8_valid(o->note, strlen(o->note)))
		lr_usage_error("--note: not valid UTF-8 text (is the "
		    "terminal's character set UTF-8?)");
	if (o->note != NULL && strlen(o->note) > NOTE_MAX)
		lr_usage_error("--note: %zu bytes, over the %d a note may hold",
		    strlen(o->note), NOTE_MAX);
	if (manual_opt && o->mode != M_ADD && (o->mode != M_PAIN ||
	    !strchr("dn", manual_opt)))
		lr_usage_error("--sets, --reps, --hold, --side, --catalog, "
		    "--routine, --session, --date and --note go with add (and "
		    "--date, --note with pain)");
}

/* ---- signals while reading a pipe ---- */

/*
 * The signal that came while a piped batch was being logged.  The one
 * global beyond the options: a signal handler can reach nothing else.
 */
static volatile sig_atomic_t deferred_signal;

static void
defer(int sig)
{
	deferred_signal = sig;
}

/*
 * Reading a pipe, lr-log finishes the batch it has begun when Ctrl-C,
 * SIGTERM or SIGHUP comes, as tee -i does: the rows still coming down
 * the pipe are the end of a session, and are logged, not lost.  (Until
 * they are, they wait in pending/, so even SIGKILL loses nothing.)
 */
static void
defer_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = defer;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * Can the log be appended to at all?  Asked before standard input is
 * kept anywhere, so that a log that is a device, a directory or read
 * only fails at once, and loudly.
 */
static int
log_usable(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return errno == ENOENT ? 0 : (lr_warn("%s: %s", path,
		    strerror(errno)), -1);
	if (!S_ISREG(st.st_mode)) {
		lr_warn("%s: not a regular file: lr-log appends only to one",
		    path);
		return -1;
	}
	if (access(path, W_OK) != 0) {
		lr_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
append_inputs(const struct options *o, const char *log)
{
	struct batch b;
	struct spool sp = { "", -1, 0 };
	char real[PATH_MAX], q[PATH_MAX * 2], to[PATH_MAX + 64];
	long bad = 0, r;
	int i, n = o->nargs > 0 ? o->nargs : 1, status, usable;

	memset(&b, 0, sizeof b);
	/* Saved input goes by the real log, whatever path reached it. */
	lr_real_log(real, sizeof real, log);
	usable = log_usable(log) == 0;
	for (i = 0; i < n; i++) {
		const char *arg = o->nargs > 0 ? o->args[i] : "-";
		const char *name;
		FILE *fp;

		if (strcmp(arg, "-") == 0) {
			if (sp.fd >= 0)
				lr_usage_error("standard input given twice");
			if (isatty(STDIN_FILENO))
				lr_warn("reading results from the terminal; "
				    "Ctrl-D ends them");
			else
				defer_signals();
			if ((r = spool_stdin(&sp, real, usable)) != 0) {
				if (r == -2)
					lr_warn("no room anywhere to keep "
					    "standard input: it is on standard "
					    "output instead; save it, make "
					    "room, and run lr-log on it");
				else if (errno == EFBIG)
					lr_warn("standard input is over %d "
					    "MiB: no session's results are "
					    "that long; nothing was logged",
					    INPUT_MAX >> 20);
				else
					lr_warn("cannot keep standard input "
					    "safe: %s", strerror(errno));
				batch_free(&b);
				return LR_EDATA;
			}
			fp = fopen(sp.path, "r");
			name = "<stdin>";
		} else
			fp = lr_open_input(arg, &name);
		if (fp == NULL) {
			bad++;
			continue;
		}
		r = batch_read(&b, fp, name, 0);
		bad += r < 0 ? 1 : r;
		fclose(fp);
	}
	if (!usable) {
		lr_warn("nothing was logged");
		if (sp.fd >= 0) {
			lr_warn("the rows are kept in %s: log them with "
			    "lr-log -f LOG %s", sp.path, lr_shell_quote(q,
			    sizeof q, sp.path));
			close(sp.fd);
		}
		batch_free(&b);
		return LR_EDATA;
	}
	if (bad > 0) {
		lr_warn("nothing was logged: %ld problem%s", bad,
		    bad == 1 ? "" : "s");
		if (sp.fd >= 0 &&
		    spool_reject(sp.path, real, to, sizeof to) == 0)
			lr_warn("the input is saved in %s: fix it and run "
			    "lr-log %s", to, lr_shell_quote(q, sizeof q, to));
		else if (sp.fd >= 0)
			lr_warn("the input is kept in %s", sp.path);
		if (sp.fd >= 0)
			close(sp.fd);
		batch_free(&b);
		return LR_EDATA;
	}
	/* Rows nowhere: no log is made for them, nothing left behind. */
	if (b.n == 0 && access(log, F_OK) != 0 && errno == ENOENT &&
	    !pending_waits(real, sp.fd >= 0 ? sp.path : NULL)) {
		spool_done(&sp);
		if (!o->quiet)
			lr_warn("nothing to add: the input holds no rows");
		batch_free(&b);
		return LR_OK;
	}
	status = append_batch(o->quiet, &b, log, &sp);
	if (sp.fd >= 0)
		close(sp.fd);
	batch_free(&b);
	return status;
}

/* ---- manual records ---- */

static void
when_or_die(const struct options *o, char *dst, size_t n)
{
	const char *why;

	if (lr_parse_when(o->date ? o->date : "today", time(NULL), dst, n,
	    &why) != 0)
		lr_usage_error("--date: %s, got \"%s\"; it takes "
		    LR_WHEN_FORMS, why, o->date);
}

static int
build_add(const struct options *o, const char *log, struct batch *b,
    char *session, size_t n)
{
	struct manual_args a = { (const char *const *)o->args + 1,
	    (size_t)o->nargs - 1, o->routine, o->session, o->catalog,
	    o->side, o->note, NULL, o->sets, o->reps, o->hold };
	char when[64];

	manual_check_args(&a);
	if (o->date != NULL) {
		when_or_die(o, when, sizeof when);
		a.when = when;
	}
	return manual_add(&a, log, b, session, n);
}

static int
build_pain(const struct options *o, struct batch *b)
{
	struct result r;
	char session[64];
	const char *s = o->args[1];

	if (!(s[0] >= '0' && s[0] <= '9' && (s[1] == '\0' ||
	    (s[0] == '1' && s[1] == '0' && s[2] == '\0'))))
		lr_usage_error("pain: expected 0-10, got \"%s\"", s);
	lr_session_id(session, sizeof session, "manual");
	result_init(&r, session, "pain");
	when_or_die(o, r.started, sizeof r.started);
	r.status = "check";
	r.pain = (int)strtol(s, NULL, 10);
	r.note = o->note ? o->note : "";
	batch_add_result(b, &r);
	return 0;
}

static int
append_manual(const struct options *o, const char *log)
{
	struct batch b;
	struct spool sp = { "", -1, 0 };
	char session[80] = "";
	int status;

	memset(&b, 0, sizeof b);
	if ((o->mode == M_ADD ? build_add(o, log, &b, session,
	    sizeof session) : build_pain(o, &b)) != 0) {
		batch_free(&b);
		return LR_EDATA;
	}
	status = append_batch(o->quiet, &b, log, &sp);
	if (status == LR_OK && !o->quiet && o->mode == M_ADD && !o->session)
		lr_warn("session %s: add more to it with add --session %s",
		    session, session);
	batch_free(&b);
	return status;
}

static int
repair_log(const char *path)
{
	struct logfile l;
	struct batch b;
	struct spool sp = { "", -1, 0 };

	memset(&b, 0, sizeof b);
	if (access(path, F_OK) != 0) {
		char real[PATH_MAX];

		if (errno != ENOENT) {
			lr_warn("%s: %s", path, strerror(errno));
			return LR_EDATA;
		}
		lr_real_log(real, sizeof real, path);
		if (!pending_waits(real, NULL)) {
			lr_warn("%s: no log yet, and nothing waiting to be "
			    "logged: nothing to repair", path);
			return LR_OK;
		}
	}
	if (log_open(&l, path) != 0)
		return LR_EDATA;
	if (log_mend(&l) != 0) {
		log_close(&l);
		return LR_EDATA;
	}
	log_close(&l);
	if (append_batch(1, &b, path, &sp) != LR_OK) {
		batch_free(&b);
		return LR_EDATA;
	}
	batch_free(&b);
	/* An empty log, which a run killed before its first append leaves,
	 * is removed by append_batch: nothing is left to check. */
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		lr_warn("%s: held no rows: removed; the next lr-log makes it "
		    "anew", path);
		return LR_OK;
	}
	return log_check(path) ? LR_EDATA : LR_OK;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	char path[PATH_MAX];
	int status;

	parse_options(argc, argv, &o);
	if (o.log != NULL)
		snprintf(path, sizeof path, "%s", o.log);
	else if (lr_log_path(path, sizeof path) != 0)
		return LR_EDATA;
	switch (o.mode) {
	case M_EXPORT:
		status = log_export_csv(path);
		break;
	case M_CHECK:
		status = log_check(path) ? LR_EDATA : LR_OK;
		break;
	case M_REPAIR:
		status = repair_log(path);
		break;
	case M_ADD:
	case M_PAIN:
		status = append_manual(&o, path);
		break;
	default:
		status = append_inputs(&o, path);
	}
	if (deferred_signal != 0)
		lr_warn("%s came while logging: the batch was finished first",
		    deferred_signal == SIGINT ? "Ctrl-C (SIGINT)" :
		    deferred_signal == SIGTERM ? "SIGTERM" : "SIGHUP");
	lr_close_stdout();
	return status;
}

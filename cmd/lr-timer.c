/*
 * lr-timer - guide a person through a plan, on the terminal, and write
 * what was done as results rows.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lr.h"

extern char **environ;

static const char usage_text[] =
"usage: lr-timer [options] [PLAN]\n"
"\n"
"Guide a person through a plan (from PLAN or standard input) on the\n"
"terminal, and write a results row per exercise and side to standard\n"
"output as each exercise ends.\n"
"\n"
"  -b, --batch          no screen and no keys: one progress line per\n"
"                       change on stderr (for scripts and screen readers)\n"
"  -s, --speed X        run X times faster, 0.01-10000 (default 1)\n"
"      --ready N        seconds to get into position before each\n"
"                       exercise (default 10; 0 for none)\n"
"      --switch N       seconds to switch sides (default 5; 0 for none)\n"
"      --screen         ask the safety questions even when already\n"
"                       asked today (batch mode: even with no terminal\n"
"                       is an error)\n"
"      --no-screen      do not ask the safety questions\n"
"  -p, --pain           ask for pain, 0-10, before and after (the\n"
"                       default on the screen; in batch mode, on the\n"
"                       terminal)\n"
"      --no-pain        do not ask for pain\n"
"      --cue-cmd CMD    run CMD with each cue's text as one argument,\n"
"                       e.g. espeak-ng (words split at spaces, no shell)\n"
"      --no-bell        no terminal bell at each change\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"Before the day's first session the timer asks about warning signs\n"
"(batch mode too, as lines, when there is a terminal).\n"
"\n"
"Keys: space pause and resume, n next exercise, b back to the start of\n"
"this exercise, q or Ctrl-C end the session, ? the keys.\n";

struct options {
	const char *plan;
	double speed;
	long ready_s, switch_s;
	int batch, screen, pain, bell;
	char **cue_argv;
};

enum { PH_READY, PH_WORK, PH_SWITCH, PH_REST };
enum { SIDE_BOTH, SIDE_LEFT, SIDE_RIGHT };

/* One step of the session: a countdown the timer runs. */
struct phase {
	int kind, ex, set, side, rep;	/* rep 0: a hold */
	long ms;			/* session time, before --speed */
};

/* What was done of an exercise on one side. */
struct tally {
	long sets, reps, hold_ms, active_ms;
	time_t started;
	int touched;
};

struct ex {
	struct plan_row r;
	char *text[7];			/* owned: id, name, kind, ... */
	size_t first, end;		/* its phases */
	struct tally t[3];
	int finished;
};

struct session {
	const struct options *o;
	struct ex *ex;
	size_t nex;
	struct phase *ph;
	size_t nph, cur;
	long long start_ns, end_ns;	/* of the current phase */
	long long paused_at;
	int paused, help, done, quit, killed, out_error;
	char id[48];
	FILE *out;
	char *outbuf;			/* results held while stdout is the tty */
	size_t outlen;
	int tty, sigfd, rows, cols, color, utf8, dumb;
	struct ask ask;			/* questions before and after */
	char *advice;			/* a stop's advice, shown again at exit */
	const char *advice_title;
	long long flash_until, last_dumb_line;
	char banner[160];
	int finished[3];		/* done, partial, skipped */
	long long began_ns;
	long long paused_total;
};

/* ---- options ---- */

static double
parse_speed(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !(v >= 0.01 && v <= 10000))
		lr_usage_error("--speed: expected 0.01-10000, got \"%s\"", s);
	return v;
}

/* Is the first word of the cue command a program we can run? */
static int
findable(const char *prog)
{
	char *path, *dir, *save = NULL, full[4096];
	int ok = 0;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	if ((path = getenv("PATH")) == NULL)
		return 0;
	path = lr_xstrdup(path);
	for (dir = strtok_r(path, ":", &save); dir && !ok;
	    dir = strtok_r(NULL, ":", &save)) {
		snprintf(full, sizeof full, "%s/%s", *dir ? dir : ".", prog);
		ok = access(full, X_OK) == 0;
	}
	free(path);
	return ok;
}

static char **
split_words(const char *cmd)
{
	char *copy = lr_xstrdup(cmd), *w, *save = NULL;
	char **argv = lr_xmalloc((strlen(cmd) / 2 + 3) * sizeof *argv);
	size_t n = 0;

	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = lr_xstrdup(w);
	argv[n] = NULL;
	free(copy);
	if (n == 0)
		lr_usage_error("--cue-cmd: empty command");
	if (!findable(argv[0]))
		lr_usage_error("--cue-cmd: cannot run \"%s\": not found",
		    argv[0]);
	return argv;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "speed", required_argument, NULL, 's' },
		{ "ready", required_argument, NULL, 'r' },
		{ "switch", required_argument, NULL, 'w' },
		{ "screen", no_argument, NULL, 'S' },
		{ "no-screen", no_argument, NULL, 'N' },
		{ "pain", no_argument, NULL, 'p' },
		{ "no-pain", no_argument, NULL, 'P' },
		{ "cue-cmd", required_argument, NULL, 'c' },
		{ "no-bell", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	o->speed = 1;
	o->ready_s = LR_READY_S;
	o->switch_s = LR_SWITCH_S;
	o->screen = -1;
	o->pain = -1;
	o->bell = 1;
	while ((ch = getopt_long(argc, argv, "bs:phV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'b': o->batch = 1; break;
		case 's': o->speed = parse_speed(optarg); break;
		case 'r': o->ready_s = lr_opt_long("--ready", optarg, 0, 600); break;
		case 'w':
			o->switch_s = lr_opt_long("--switch", optarg, 0, 600);
			break;
		case 'S': o->screen = 1; break;
		case 'N': o->screen = 0; break;
		case 'p': o->pain = 1; break;
		case 'P': o->pain = 0; break;
		case 'c': o->cue_argv = split_words(optarg); break;
		case 'B': o->bell = 0; break;
		case 'h': lr_print_usage(usage_text);
		case 'V': lr_print_version(); break;
		default: lr_usage_error("unknown option");
		}
	}
	if (argc - optind > 1)
		lr_usage_error("give at most one plan");
	if (optind < argc)
		o->plan = argv[optind];
}

/* ---- the plan ---- */

static void
add_ex(struct session *s, const struct plan_row *r)
{
	struct ex *e;

	s->ex = lr_xrealloc(s->ex, (s->nex + 1) * sizeof *s->ex);
	e = &s->ex[s->nex++];
	memset(e, 0, sizeof *e);
	e->r = *r;
	e->r.id = e->text[0] = lr_xstrdup(r->id);
	e->r.name = e->text[1] = lr_xstrdup(r->name);
	e->r.kind = e->text[2] = lr_xstrdup(r->kind);
	e->r.position = e->text[3] = lr_xstrdup(r->position);
	e->r.equipment = e->text[4] = lr_xstrdup(r->equipment);
	e->r.cue = e->text[5] = lr_xstrdup(r->cue);
	e->r.why = e->text[6] = lr_xstrdup(r->why);
}

/* Read the whole plan first: a broken plan must not start a session. */
static int
read_plan(struct session *s, const char *path)
{
	struct plan p;
	struct plan_row r;
	const char *name;
	FILE *fp = lr_open_input(path ? path : "-", &name);
	int rv, bad = 0;

	if (fp == NULL)
		return -1;
	if (plan_open(&p, fp, name) != 0) {
		if (fp != stdin)
			fclose(fp);
		return -1;
	}
	while ((rv = plan_next(&p, &r)) != TSV_EOF) {
		if (rv == TSV_ROW)
			add_ex(s, &r);
		else
			bad = 1;
		if (rv == TSV_FAIL)
			break;
	}
	if (!bad && s->nex == 0) {
		lr_warn("%s: the plan has no exercises", name);
		bad = 1;
	}
	plan_close(&p);
	if (fp != stdin)
		fclose(fp);
	return bad ? -1 : 0;
}

static void
add_phase(struct session *s, int kind, int ex, int set, int side, int rep,
    long ms)
{
	struct phase *p;

	if (ms <= 0)
		return;
	s->ph = lr_xrealloc(s->ph, (s->nph + 1) * sizeof *s->ph);
	p = &s->ph[s->nph++];
	p->kind = kind;
	p->ex = ex;
	p->set = set;
	p->side = side;
	p->rep = rep;
	p->ms = ms;
}

/*
 * Lay the plan out as phases: get ready; then each set does each side
 * (with a pause to switch), each rep or the hold; rests between sets.
 * Their sum is plan_seconds(): the timer takes what lr-plan promised.
 */
static void
build_phases(struct session *s)
{
	size_t i;
	int set, side, rep;

	for (i = 0; i < s->nex; i++) {
		struct ex *e = &s->ex[i];
		const struct dose *d = &e->r.dose;
		int sides = (int)d->sides;

		e->first = s->nph;
		add_phase(s, PH_READY, (int)i, 1, sides > 1 ? SIDE_LEFT :
		    SIDE_BOTH, 0, s->o->ready_s * 1000);
		for (set = 1; set <= d->sets; set++) {
			for (side = 0; side < sides; side++) {
				int sd = sides > 1 ? SIDE_LEFT + side :
				    SIDE_BOTH;

				if (side > 0)
					add_phase(s, PH_SWITCH, (int)i, set, sd,
					    0, s->o->switch_s * 1000);
				if (d->reps == 0)
					add_phase(s, PH_WORK, (int)i, set, sd,
					    0, d->hold_s * 1000);
				for (rep = 1; rep <= d->reps; rep++)
					add_phase(s, PH_WORK, (int)i, set, sd,
					    rep, (d->rep_s + d->hold_s) * 1000);
			}
			if (set < d->sets)
				add_phase(s, PH_REST, (int)i, set, SIDE_BOTH,
				    0, d->rest_s * 1000);
		}
		e->end = s->nph;
	}
}

/* ---- results ---- */

/* Rows reach stdout whole and at once, so a kill leaves no torn row. */
static void
flush_out(struct session *s)
{
	if (fflush(s->out) != 0 || ferror(s->out)) {
		if (!s->out_error)
			s->banner[0] = '\0';
		s->out_error = 1;
		s->quit = 1;
	}
}

static const char *
side_word(int side)
{
	return result_sides[side];
}

static void
write_side(struct session *s, const struct ex *e, int side)
{
	const struct tally *t = &e->t[side];
	struct result r;
	const char *status;

	result_init(&r, s->id, "exercise");
	lr_iso_time(r.started, sizeof r.started, t->touched ? t->started :
	    time(NULL));
	r.step = e->r.step;
	r.id = e->r.id;
	r.side = side_word(side);
	r.sets = t->sets;
	r.reps = t->reps;
	r.hold_s = (t->hold_ms + 500) / 1000;
	r.active_s = (t->active_ms + 500) / 1000;
	if (t->sets >= e->r.dose.sets)
		status = "done";
	else if (r.active_s == 0 && t->reps == 0)
		status = "skipped";
	else
		status = "partial";
	r.status = status;
	s->finished[status[0] == 'd' ? 0 : status[0] == 'p' ? 1 : 2]++;
	result_put(s->out, &r);
}

static void
finish_ex(struct session *s, size_t i)
{
	struct ex *e = &s->ex[i];

	if (e->finished)
		return;
	e->finished = 1;
	if (e->r.dose.sides > 1) {
		write_side(s, e, SIDE_LEFT);
		write_side(s, e, SIDE_RIGHT);
	} else
		write_side(s, e, SIDE_BOTH);
	flush_out(s);
}

static void
write_pain(struct session *s, const char *when, int pain)
{
	struct result r;

	result_init(&r, s->id, "pain");
	lr_iso_time(r.started, sizeof r.started, time(NULL));
	r.status = when;
	r.pain = pain;
	result_put(s->out, &r);
	flush_out(s);
}

static void
write_screen(struct session *s, int stop, const char *answers)
{
	struct result r;

	result_init(&r, s->id, "screen");
	lr_iso_time(r.started, sizeof r.started, time(NULL));
	r.status = stop ? "stop" : "clear";
	r.note = answers;
	result_put(s->out, &r);
	flush_out(s);
}

/* ---- cues ---- */

static void
reap_children(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/*
 * Run the cue command without a shell and without waiting; its output
 * goes nowhere, so it can neither block the timer nor mix into the
 * results or the screen.
 */
static void
run_cue_cmd(const struct session *s, const char *text)
{
	posix_spawn_file_actions_t fa;
	char **argv;
	size_t n = 0, i;
	pid_t pid;

	if (s->o->cue_argv == NULL)
		return;
	while (s->o->cue_argv[n] != NULL)
		n++;
	argv = lr_xmalloc((n + 2) * sizeof *argv);
	for (i = 0; i < n; i++)
		argv[i] = s->o->cue_argv[i];
	argv[n] = (char *)text;
	argv[n + 1] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (!s->o->batch)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0)
		lr_warn("--cue-cmd: cannot run %s", argv[0]);
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
}

static void
cue(struct session *s, const char *text)
{
	snprintf(s->banner, sizeof s->banner, "%s", text);
	if (!s->o->batch) {
		s->flash_until = lr_mono_ns() + 400000000LL;
		if (s->o->bell)
			(void)!write(s->tty, "\a", 1);
	}
	run_cue_cmd(s, text);
}

/* ---- time ---- */

static long long
real_ns(const struct session *s, long ms)
{
	return (long long)llround((double)ms * 1e6 / s->o->speed);
}

static long long
elapsed_ns(const struct session *s, long long now)
{
	long long e = (s->paused ? s->paused_at : now) - s->start_ns;

	return e < 0 ? 0 : e;
}

/* Session milliseconds of the current phase done so far. */
static long
elapsed_ms(const struct session *s, long long now)
{
	double ms = (double)elapsed_ns(s, now) * s->o->speed / 1e6;
	long cap = s->ph[s->cur].ms;

	return ms > (double)cap ? cap : (long)ms;
}

static long
left_ms(const struct session *s, long long now)
{
	long ms = s->ph[s->cur].ms - elapsed_ms(s, now);
	size_t i;

	for (i = s->cur + 1; i < s->nph; i++)
		ms += s->ph[i].ms;
	return ms;
}

/* ---- progress lines, for --batch and dumb terminals ---- */

static void
say(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct session *s, const char *fmt, ...)
{
	va_list ap;
	FILE *fp = s->o->batch ? stderr : NULL;
	char line[512];

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (fp != NULL) {
		fprintf(fp, "%s: %s\n", lr_progname(), line);
		fflush(fp);
	} else if (s->dumb) {
		dprintf(s->tty, "%s\r\n", line);
	}
}

static void
describe_phase(struct session *s, const struct phase *p)
{
	const struct ex *e = &s->ex[p->ex];
	const struct dose *d = &e->r.dose;
	char t[32], side[16] = "";

	if (p->side != SIDE_BOTH)
		snprintf(side, sizeof side, ", %s", side_word(p->side));
	switch (p->kind) {
	case PH_READY:
		say(s, "get ready: %s (%s)", e->r.name,
		    lr_fmt_secs(t, sizeof t, p->ms / 1000));
		if (e->r.why[0] != '\0')
			say(s, "dose: %s", e->r.why);
		break;
	case PH_SWITCH:
		say(s, "switch sides (%s)", lr_fmt_secs(t, sizeof t,
		    p->ms / 1000));
		break;
	case PH_REST:
		say(s, "rest (%s)", lr_fmt_secs(t, sizeof t, p->ms / 1000));
		break;
	default:
		if (p->rep > 1)
			break;
		if (p->rep == 1)
			say(s, "%s: set %d/%ld%s: %ld reps, %ld s each", e->r.name,
			    p->set, d->sets, side, d->reps, d->rep_s + d->hold_s);
		else if (d->breaths > 0)
			say(s, "%s: set %d/%ld%s: hold for %ld slow breaths "
			    "(%s)", e->r.name, p->set, d->sets, side,
			    d->breaths, lr_fmt_secs(t, sizeof t, p->ms / 1000));
		else
			say(s, "%s: set %d/%ld%s: hold %s", e->r.name, p->set,
			    d->sets, side, lr_fmt_secs(t, sizeof t,
			    p->ms / 1000));
	}
}

/* ---- the session's steps ---- */

static void
phase_cue(struct session *s, const struct phase *p, const struct phase *prev)
{
	char text[160];

	switch (p->kind) {
	case PH_READY:
		snprintf(text, sizeof text, "%s: %s", p->ex == 0 ? "Start" :
		    "Next", s->ex[p->ex].r.name);
		cue(s, text);
		break;
	case PH_SWITCH:
		cue(s, "Switch sides");
		break;
	case PH_REST:
		cue(s, "Rest");
		break;
	default:
		if (prev == NULL || prev->kind != PH_WORK ||
		    prev->ex != p->ex)
			cue(s, "Go");
	}
}

static void
enter_phase(struct session *s, size_t i, long long start)
{
	const struct phase *p = &s->ph[i];
	const struct phase *prev = i > 0 && s->ph[i - 1].ex == p->ex ?
	    &s->ph[i - 1] : NULL;
	struct tally *t = &s->ex[p->ex].t[p->side];

	s->cur = i;
	s->start_ns = start;
	s->end_ns = start + real_ns(s, p->ms);
	if (p->kind == PH_WORK && !t->touched) {
		t->touched = 1;
		t->started = time(NULL);
	}
	phase_cue(s, p, prev);
	describe_phase(s, p);
}

/* Count what a finished (or cut short) work phase did. */
static void
count_work(struct session *s, const struct phase *p, long ms, int whole)
{
	const struct dose *d = &s->ex[p->ex].r.dose;
	struct tally *t = &s->ex[p->ex].t[p->side];
	const struct phase *next = &s->ph[s->cur + 1];

	t->active_ms += ms;
	if (p->rep == 0)
		t->hold_ms += ms;
	else if (whole) {
		t->reps++;
		t->hold_ms += d->hold_s * 1000;
	}
	if (whole && (s->cur + 1 == s->nph || next->kind != PH_WORK ||
	    next->side != p->side || next->set != p->set ||
	    next->ex != p->ex))
		t->sets++;
}

static void
end_session(struct session *s)
{
	size_t i;

	for (i = 0; i < s->nex; i++)
		finish_ex(s, i);
	s->done = 1;
	if (s->out_error)
		return;
	cue(s, "Done");
}

/* The current phase ran its course: count it, go on without drift. */
static void
complete_phase(struct session *s)
{
	const struct phase *p = &s->ph[s->cur];
	long long end = s->end_ns;

	if (p->kind == PH_WORK)
		count_work(s, p, p->ms, 1);
	if (s->cur + 1 == s->nph || s->ph[s->cur + 1].ex != p->ex) {
		finish_ex(s, (size_t)p->ex);
		say(s, "done: %s", s->ex[p->ex].r.name);
	}
	if (s->cur + 1 == s->nph || s->quit) {
		end_session(s);
		return;
	}
	enter_phase(s, s->cur + 1, end);
}

/* Stop the current exercise where it is, counting what was done. */
static void
cut_short(struct session *s, long long now)
{
	const struct phase *p = &s->ph[s->cur];

	if (p->kind == PH_WORK)
		count_work(s, p, elapsed_ms(s, now), 0);
}

static void
skip_exercise(struct session *s, long long now)
{
	int ex = s->ph[s->cur].ex;

	cut_short(s, now);
	finish_ex(s, (size_t)ex);
	say(s, "skipped to the next exercise");
	if (s->ex[ex].end >= s->nph) {
		end_session(s);
		return;
	}
	if (s->paused)
		s->paused_at = now;
	enter_phase(s, s->ex[ex].end, now);
}

static void
back_exercise(struct session *s, long long now)
{
	struct ex *e = &s->ex[s->ph[s->cur].ex];

	memset(e->t, 0, sizeof e->t);
	say(s, "back to the start of %s", e->r.name);
	if (s->paused)
		s->paused_at = now;
	enter_phase(s, e->first, now);
}

static void
quit_session(struct session *s, long long now)
{
	if (s->done)
		return;
	cut_short(s, now);
	say(s, "session ended early");
	s->quit = 1;
	end_session(s);
}

static void
toggle_pause(struct session *s, long long now)
{
	if (!s->paused) {
		s->paused = 1;
		s->paused_at = now;
		say(s, "paused");
		return;
	}
	s->paused = 0;
	s->start_ns += now - s->paused_at;
	s->end_ns += now - s->paused_at;
	s->paused_total += now - s->paused_at;
	say(s, "going on");
}

/* ---- the screen ---- */

static const char *const big_font[11][5] = {
	{ "###", "# #", "# #", "# #", "###" },
	{ " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", " ##", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", " # ", " # ", " # " },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },
	{ "   ", " # ", "   ", " # ", "   " },
};

struct canvas {
	char line[24][1024];
	int n, cols;
};

static void
put_line(struct canvas *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put_line(struct canvas *c, const char *fmt, ...)
{
	va_list ap;

	if (c->n >= 24)
		return;
	va_start(ap, fmt);
	vsnprintf(c->line[c->n++], sizeof c->line[0], fmt, ap);
	va_end(ap);
}

/* Digits five lines tall, each cell two columns wide, centred. */
static void
put_big(struct canvas *c, const char *text, int utf8)
{
	const char *block = utf8 ? "\xe2\x96\x88\xe2\x96\x88" : "##";
	int row, width = (int)strlen(text) * 8, pad;
	size_t k;

	pad = (c->cols - width) / 2;
	if (pad < 0)
		pad = 0;
	for (row = 0; row < 5; row++) {
		char buf[1024];
		size_t o = 0;

		o += (size_t)snprintf(buf, sizeof buf, "%*s", pad, "");
		for (k = 0; text[k] != '\0' && o + 64 < sizeof buf; k++) {
			int g = text[k] == ':' ? 10 : text[k] - '0';
			int x;

			for (x = 0; x < 3; x++) {
				const char *cell = big_font[g][row][x] == '#' ?
				    block : "  ";

				o += (size_t)snprintf(buf + o, sizeof buf - o,
				    "%s", cell);
			}
			o += (size_t)snprintf(buf + o, sizeof buf - o, "  ");
		}
		put_line(c, "%s", buf);
	}
}

static void
clock_text(char *dst, size_t n, long secs)
{
	if (secs >= 60)
		snprintf(dst, n, "%ld:%02ld", secs / 60, secs % 60);
	else
		snprintf(dst, n, "%ld", secs);
}

static const char *
phase_word(const struct phase *p)
{
	static const char *const words[] = {
		"GET READY", "", "SWITCH SIDES", "REST"
	};

	if (p->kind == PH_WORK)
		return p->rep > 0 ? "REPS" : "HOLD";
	return words[p->kind];
}

static void
put_bar(struct canvas *c, const struct session *s, long long now)
{
	long total = 0, left = left_ms(s, now);
	char bar[512], t[32];
	int width = c->cols - 24, fill, i;
	size_t o = 0;

	for (size_t k = 0; k < s->nph; k++)
		total += s->ph[k].ms;
	if (width < 10)
		width = 10;
	if (width > 200)
		width = 200;
	fill = total > 0 ? (int)((double)(total - left) * width /
	    (double)total) : 0;
	for (i = 0; i < width; i++)
		o += (size_t)snprintf(bar + o, sizeof bar - o, "%s", i < fill ?
		    (s->utf8 ? "\xe2\x96\x88" : "#") :
		    (s->utf8 ? "\xe2\x96\x91" : "."));
	put_line(c, " %s %3d%%  %s left", bar,
	    total > 0 ? (int)((total - left) * 100 / total) : 100,
	    lr_fmt_secs(t, sizeof t, (left + 999) / 1000));
}

static void
put_breath(struct canvas *c, const struct session *s, const struct dose *d,
    long done_ms, long ms)
{
	long per = ms / d->breaths, in_breath = done_ms % (per ? per : 1);
	long k = done_ms / (per ? per : 1) + 1;
	int width = 30, len;

	if (k > d->breaths)
		k = d->breaths;
	len = (int)(in_breath * 2 * width / (per ? per : 1));
	if (len > width)
		len = 2 * width - len;
	put_line(c, "%*sbreath %ld of %ld: %s", (c->cols - 30) / 2, "", k,
	    d->breaths, in_breath * 2 < per ? "breathe in slowly" :
	    "breathe out slowly");
	put_line(c, "%*s[%-*.*s]", (c->cols - width - 2) / 2, "", width,
	    len < 0 ? 0 : len,
	    "==============================");
	(void)s;
}

static void
draw_session(struct canvas *c, const struct session *s, long long now)
{
	const struct phase *p = &s->ph[s->cur];
	const struct ex *e = &s->ex[p->ex];
	const struct dose *d = &e->r.dose;
	long done_ms = elapsed_ms(s, now);
	long left_s = (p->ms - done_ms + 999) / 1000;
	char big[32], side[24] = "", next[200] = "", dose[96];

	put_line(c, " lr-timer   step %zu of %zu   %s", (size_t)p->ex + 1,
	    s->nex, s->paused ? "PAUSED - space to go on" : "");
	put_line(c, "%s", "");
	put_line(c, " %s", e->r.name);
	put_line(c, " %s", e->r.cue);
	if (p->kind == PH_READY && e->r.why[0] != '\0')
		put_line(c, " Dose: %s", e->r.why);
	if (p->side != SIDE_BOTH)
		snprintf(side, sizeof side, "   %s side",
		    p->side == SIDE_LEFT ? "LEFT" : "RIGHT");
	put_line(c, " set %d of %ld%s", p->set, d->sets, side);
	put_line(c, "%s", "");
	if (p->kind == PH_WORK && p->rep > 0) {
		snprintf(big, sizeof big, "%d", p->rep);
		put_big(c, big, s->utf8);
		put_line(c, "%*srep %d of %ld%s", (c->cols - 20) / 2, "",
		    p->rep, d->reps, d->hold_s > 0 && done_ms >= d->rep_s *
		    500 && done_ms < d->rep_s * 500 + d->hold_s * 1000 ?
		    "  - hold" : "  - slowly");
	} else {
		clock_text(big, sizeof big, left_s);
		put_big(c, big, s->utf8);
		put_line(c, "%*s%s", (c->cols - 12) / 2, "", phase_word(p));
	}
	if (p->kind == PH_WORK && p->rep == 0 && d->breaths > 0)
		put_breath(c, s, d, done_ms, p->ms);
	else {
		put_line(c, "%s", "");
		put_line(c, "%s", "");
	}
	if ((size_t)p->ex + 1 < s->nex) {
		const struct ex *n = &s->ex[p->ex + 1];

		snprintf(next, sizeof next, " Next: %s (%s)", n->r.name,
		    lr_dose_text(dose, sizeof dose, &n->r.dose));
	} else
		snprintf(next, sizeof next, " Next: the end of the session");
	put_line(c, "%s", next);
	put_bar(c, s, now);
	put_line(c, " space pause  n next  b back  q quit  ? keys");
}

static void
draw_help(struct canvas *c)
{
	put_line(c, " lr-timer keys");
	put_line(c, "%s", "");
	put_line(c, "   space     pause, and go on again");
	put_line(c, "   n         skip to the next exercise");
	put_line(c, "   b         back to the start of this exercise");
	put_line(c, "   q         end the session (what you did is kept)");
	put_line(c, "   Ctrl-C    the same as q");
	put_line(c, "   Ctrl-Z    suspend; the session comes back paused");
	put_line(c, "   ?         this help");
	put_line(c, "%s", "");
	put_line(c, " Stop at once if the pain turns sharp or shooting.");
	put_line(c, "%s", "");
	put_line(c, " Press any key to go back.");
}

static void
paint(struct session *s, const struct canvas *c, long long now)
{
	char buf[32768];
	size_t o = 0;
	int i;

	o += (size_t)snprintf(buf + o, sizeof buf - o, "\033[H");
	for (i = 0; i < c->n && i < s->rows; i++) {
		int hi = i == 0 && s->color;
		int flash = i == 0 && now < s->flash_until;

		if (flash || hi)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s",
			    flash ? "\033[7m" : "\033[1;44;37m");
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%.*s",
		    lr_fit(c->line[i], sizeof c->line[i], s->cols), c->line[i]);
		o += (size_t)snprintf(buf + o, sizeof buf - o, "\033[K%s%s",
		    flash || hi ? "\033[0m" : "", i + 1 < c->n ? "\r\n" : "");
		if (o + 4096 > sizeof buf)
			break;
	}
	o += (size_t)snprintf(buf + o, sizeof buf - o, "\033[J");
	(void)!write(s->tty, buf, o);
}

static void
draw(struct session *s, long long now)
{
	struct canvas c;

	if (s->o->batch || s->dumb)
		return;
	memset(&c, 0, sizeof c);
	c.cols = s->cols;
	if (s->help)
		draw_help(&c);
	else
		draw_session(&c, s, now);
	paint(s, &c, now);
}

/* ---- keys and signals ---- */

static void on_sig(struct session *s, int sig);

static void
on_key(struct session *s, int k, long long now)
{
	/* The terminal sends no signals while the timer has it: Ctrl-C
	 * ends the session here and never reaches the rest of the
	 * pipeline, which would lose what was done. */
	if (k == 0x03 || k == 0x1c) {
		quit_session(s, now);
		return;
	}
	if (k == 0x1a) {
		on_sig(s, SIGTSTP);
		return;
	}
	if (s->help) {
		s->help = 0;
		return;
	}
	switch (k) {
	case ' ':
	case 'p':
		toggle_pause(s, now);
		break;
	case 'n':
		skip_exercise(s, now);
		break;
	case 'b':
		back_exercise(s, now);
		break;
	case 'q':
		quit_session(s, now);
		break;
	case '?':
	case 'h':
		s->help = 1;
		break;
	}
}

static void
on_sig(struct session *s, int sig)
{
	long long now = lr_mono_ns();

	switch (sig) {
	case SIGINT:
		quit_session(s, now);
		break;
	case SIGTERM:
	case SIGHUP:
	case SIGQUIT:
		s->killed = 1;
		quit_session(s, now);
		break;
	case SIGTSTP:
		if (!s->paused)
			toggle_pause(s, now);
		term_suspend();
		/* FALLTHROUGH */
	case SIGCONT:
		if (!s->o->batch) {
			term_cbreak();
			if (!s->dumb)
				term_alt_screen();
			if (!s->paused)
				toggle_pause(s, lr_mono_ns());
		} else if (s->paused)
			toggle_pause(s, lr_mono_ns());
		break;
	case SIGWINCH:
		term_size(&s->rows, &s->cols);
		break;
	case SIGCHLD:
		reap_children();
		break;
	}
}

static void
read_keys(struct session *s, long long now)
{
	char buf[64];
	ssize_t n = read(s->tty, buf, sizeof buf), i;

	for (i = 0; i < n && !s->done; i++)
		on_key(s, (unsigned char)buf[i], now);
}

/*
 * Wait for the next deadline, a key or a signal; wake for a redraw
 * four times a second at most, and sleep otherwise.
 */
static void
wait_events(struct session *s)
{
	struct pollfd fds[2];
	struct timespec ts;
	long long now = lr_mono_ns(), wait;
	nfds_t n = 0;
	int sig;

	wait = s->paused ? 1000000000LL : s->end_ns - now;
	if (!s->o->batch && wait > 250000000LL)
		wait = 250000000LL;
	if (s->o->batch && s->dumb == 0 && wait > 1000000000LL)
		wait = 1000000000LL;
	if (wait < 0)
		wait = 0;
	ts.tv_sec = wait / 1000000000LL;
	ts.tv_nsec = wait % 1000000000LL;
	fds[n].fd = s->sigfd;
	fds[n++].events = POLLIN;
	if (!s->o->batch) {
		fds[n].fd = s->tty;
		fds[n++].events = POLLIN;
	}
	if (ppoll(fds, n, &ts, NULL) <= 0)
		return;
	while ((sig = sig_pipe_next(s->sigfd)) != 0 && !s->done)
		on_sig(s, sig);
	if (n > 1 && (fds[1].revents & POLLIN) && !s->done)
		read_keys(s, lr_mono_ns());
}

static void
dumb_countdown(struct session *s, long long now)
{
	const struct phase *p = &s->ph[s->cur];

	if (!s->dumb || s->paused || now - s->last_dumb_line < 10000000000LL)
		return;
	s->last_dumb_line = now;
	dprintf(s->tty, "  %ld s left\r\n", (p->ms - elapsed_ms(s, now) +
	    999) / 1000);
}

static void
run_session(struct session *s)
{
	long long now = lr_mono_ns();

	s->began_ns = now;
	s->last_dumb_line = now;
	if (s->tty >= 0)
		term_size(&s->rows, &s->cols);
	enter_phase(s, 0, now);
	while (!s->done) {
		now = lr_mono_ns();
		while (!s->done && !s->paused && now >= s->end_ns)
			complete_phase(s);
		if (s->done)
			break;
		draw(s, now);
		dumb_countdown(s, now);
		wait_events(s);
	}
}

/* ---- questions: the safety screen and the pain check-ins ---- */

/* The session's outcome when a question is not answered. */
static int
unanswered(struct session *s, int k)
{
	if (k == ASK_KILLED)
		s->killed = 1;
	s->quit = 1;
	return k;
}

/*
 * The day's warning signs.  Any yes ends the session before it starts,
 * recorded with the answers given; its advice stays until read, and is
 * printed again when the program ends.
 */
static int
safety_screen(struct session *s)
{
	struct screen_answers sa;
	int r = ask_screen(&s->ask, &sa);

	if (sa.nyes > 0 || r == 0)
		write_screen(s, sa.stop, sa.answers);
	if (sa.nyes == 0)
		return r < 0 ? unanswered(s, r) : 0;
	s->advice = ask_advice_text(&sa);
	s->advice_title = ask_advice_title(&sa);
	if (r != ASK_KILLED)
		ask_read(&s->ask, s->advice_title, s->advice);
	else
		s->killed = 1;
	return 1;
}

static int
pain_check(struct session *s, const char *when)
{
	char title[64];
	int r;

	snprintf(title, sizeof title, "Pain %s the session", when);
	r = ask_pain(&s->ask, title);
	if (r >= 0)
		write_pain(s, when, r);
	return r == ASK_SKIP ? 0 : r < 0 ? unanswered(s, r) : 0;
}

/* No log yet: this is the first session, so say whom to ask first. */
static int
first_session(void)
{
	char path[PATH_MAX];

	return lr_log_path(path, sizeof path) == 0 && access(path, F_OK) != 0 &&
	    errno == ENOENT;
}

/* ---- the day's safety screen, once a day ---- */

static int
state_path(char *dst, size_t n)
{
	const char *v = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int w;

	if (v != NULL && v[0] == '/')
		w = snprintf(dst, n, "%s/lr/screened", v);
	else if (home != NULL && home[0] == '/')
		w = snprintf(dst, n, "%s/.local/state/lr/screened", home);
	else
		return -1;
	return w > 0 && (size_t)w < n ? 0 : -1;
}

static int
screened_today(void)
{
	char path[4096], date[16] = "", today[16];
	FILE *fp;

	if (state_path(path, sizeof path) != 0 ||
	    (fp = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(date, sizeof date, fp) == NULL)
		date[0] = '\0';
	fclose(fp);
	date[strcspn(date, "\n")] = '\0';
	return strcmp(date, lr_iso_date(today, sizeof today, time(NULL))) == 0;
}

static void
mark_screened(void)
{
	char path[4096], today[16], *slash;
	FILE *fp;

	if (state_path(path, sizeof path) != 0)
		return;
	for (slash = strchr(path + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	if ((fp = fopen(path, "w")) == NULL)
		return;
	fprintf(fp, "%s\n", lr_iso_date(today, sizeof today, time(NULL)));
	fclose(fp);
}

/* ---- main ---- */

/* The questions need a terminal; in batch mode, only if there is one. */
static int
wants_screen(const struct session *s)
{
	if (s->o->screen >= 0)
		return s->o->screen;
	return s->tty >= 0 && !screened_today();
}

/* Pain is asked by default when the session is on the screen. */
static int
wants_pain(const struct session *s)
{
	return s->o->pain >= 0 ? s->o->pain : !s->o->batch;
}

/*
 * Open the terminal: the screen and keys need it; batch mode asks the
 * questions on it when there is one, as plain lines.
 */
static int
setup_terminal(struct session *s)
{
	const struct options *o = s->o;
	const char *term = getenv("TERM");
	int need = !o->batch || o->pain == 1 || o->screen == 1;

	s->tty = -1;
	if (!need && (o->screen == 0 || !o->batch))
		return 0;
	if ((s->tty = term_open()) < 0)
		return need ? -1 : 0;
	if (term == NULL)
		term = "dumb";
	s->dumb = !o->batch && (strcmp(term, "dumb") == 0 ||
	    term[0] == '\0');
	s->color = !s->dumb && lr_color_term(term);
	s->utf8 = lr_utf8_locale();
	term_size(&s->rows, &s->cols);
	ask_init(&s->ask, s->tty, s->tty, -1);
	s->ask.rows = s->rows;
	s->ask.cols = s->cols;
	s->ask.plain = s->dumb;
	s->ask.lines = o->batch;
	s->ask.bold = s->color;
	if (!o->batch) {
		term_cbreak();
		if (!s->dumb)
			term_alt_screen();
	}
	return 0;
}

static void
summary(struct session *s)
{
	long long ns = lr_mono_ns() - s->began_ns - s->paused_total;
	long active = 0;
	size_t i;
	int k;
	char line[256], t[32];

	for (i = 0; i < s->nex; i++)
		for (k = 0; k < 3; k++)
			active += s->ex[i].t[k].active_ms;
	snprintf(line, sizeof line, "session %s %s: %d done, %d partial, "
	    "%d skipped; %s of exercise; took %.3f s", s->id,
	    s->quit ? "ended early" : "done", s->finished[0], s->finished[1],
	    s->finished[2], lr_fmt_secs(t, sizeof t, (active + 500) / 1000),
	    (double)ns / 1e9);
	if (s->o->batch)
		fprintf(stderr, "%s: %s\n", lr_progname(), line);
	else if (s->tty >= 0)
		dprintf(s->tty, "%s\n", line);
}

/* The advice once more, on the normal screen: it stays in view. */
static void
screened_out(struct session *s)
{
	const char *line = "session not started: a warning sign was "
	    "answered yes; see the advice above";

	if (!s->o->batch && s->tty >= 0 && s->advice != NULL)
		ask_print(&s->ask, s->advice_title, s->advice);
	if (s->o->batch)
		fprintf(stderr, "%s: %s\n", lr_progname(), line);
	else if (s->tty >= 0)
		dprintf(s->tty, "\r\n%s\n", line);
}

static void
free_session(struct session *s)
{
	size_t i, k;

	for (i = 0; i < s->nex; i++)
		for (k = 0; k < sizeof s->ex[i].text / sizeof *s->ex[i].text;
		    k++)
			free(s->ex[i].text[k]);
	free(s->ex);
	free(s->ph);
	free(s->advice);
}

static void
free_options(struct options *o)
{
	size_t i;

	for (i = 0; o->cue_argv && o->cue_argv[i]; i++)
		free(o->cue_argv[i]);
	free(o->cue_argv);
}

/* Results go to stdout; when stdout is the screen they wait till the end. */
static void
open_results(struct session *s)
{
	s->out = stdout;
	if (!s->o->batch && isatty(STDOUT_FILENO))
		s->out = open_memstream(&s->outbuf, &s->outlen);
	if (s->out == NULL)
		lr_die(LR_EDATA, "out of memory");
	result_put_header(s->out);
	flush_out(s);
}

static int
close_results(struct session *s)
{
	if (s->out != stdout) {
		fclose(s->out);
		fwrite(s->outbuf, 1, s->outlen, stdout);
		free(s->outbuf);
	}
	if (s->out_error) {
		lr_warn("results could not be written: %s", strerror(EPIPE));
		return LR_EDATA;
	}
	lr_close_stdout();
	return s->killed ? LR_EDATA : LR_OK;
}

/* Say what will happen, and wait for a key no answer uses. */
static int
ready(struct session *s)
{
	char body[400], t[32];
	const struct ex *e = &s->ex[0];
	int r;

	snprintf(body, sizeof body, "%zu exercise%s, about %s. First: %s "
	    "(%s), with %ld s to get into position.", s->nex, s->nex == 1 ?
	    "" : "s", lr_fmt_secs(t, sizeof t, (left_ms(s, 0) + 999) / 1000),
	    e->r.name, e->r.position, s->o->ready_s);
	r = ask_go_on(&s->ask, "Ready", body, "start");
	return r < 0 ? unanswered(s, r) : 0;
}

/*
 * The questions, the session, the last question.  Returns 0 when the
 * session ran, 1 when a warning sign stopped it, or below 0 when the
 * person ended it before it began.
 */
static int
run(struct session *s)
{
	int r, asked = 0;

	if (wants_screen(s)) {
		if (first_session() && (r = ask_go_on(&s->ask, "Before your "
		    "first session", lr_check_first, "go on")) < 0)
			return unanswered(s, r);
		if ((r = safety_screen(s)) != 0)
			return r;
		mark_screened();
		asked = 1;
	}
	if (wants_pain(s)) {
		if ((r = pain_check(s, "before")) < 0)
			return r;
		asked = 1;
	}
	if (asked && (r = ready(s)) < 0)
		return r;
	if (!s->o->batch && !s->dumb)
		dprintf(s->tty, "\033[H\033[2J");
	run_session(s);
	if (wants_pain(s) && !s->killed && !s->out_error)
		pain_check(s, "after");
	return 0;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct session s;
	int status;

	parse_options(argc, argv, &o);
	memset(&s, 0, sizeof s);
	s.o = &o;
	if (read_plan(&s, o.plan) != 0) {
		free_session(&s);
		free_options(&o);
		return LR_EDATA;
	}
	if ((s.sigfd = sig_pipe_init()) < 0)
		lr_die(LR_EDATA, "cannot set up signals: %s",
		    strerror(errno));
	if (setup_terminal(&s) != 0)
		lr_usage_error("no terminal to %s: use --batch to run without "
		    "one", o.batch ? "ask the questions on" : "draw on");
	s.ask.sigfd = s.sigfd;
	build_phases(&s);
	lr_session_id(s.id, sizeof s.id, NULL);
	open_results(&s);
	if (o.batch)
		say(&s, "session %s: %zu exercises, about %ld s at speed %g",
		    s.id, s.nex, left_ms(&s, 0) / 1000, o.speed);
	status = run(&s);
	term_restore();
	if (status == 0)
		summary(&s);
	else if (status == 1)
		screened_out(&s);
	status = close_results(&s);
	free_session(&s);
	free_options(&o);
	return status;
}

/*
 * lr-timer - guide a person through a plan on the terminal and write
 * what was done as results rows: the options, the main loop and what
 * is shown.  The rest is in lib/: session, screen, plain, keys,
 * control, cues, voice, checkin, rows, summary and resume (.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkin.h"
#include "cues.h"
#include "control.h"
#include "lr.h"
#include "plain.h"
#include "resume.h"
#include "rows.h"
#include "screen.h"
#include "session.h"
#include "summary.h"
#include "tclock.h"
#include "voice.h"

static const char usage_text[] =
"usage: lr-timer [options] [PLAN]\n"
"       lr-timer [options] --resume\n"
"\n"
"Guide a person through a plan (from PLAN or standard input) on the\n"
"terminal, and write a results row per exercise and side to standard\n"
"output as each exercise ends.\n"
"\n"
"  -b, --batch          no screen and no keys: one progress line per\n"
"                       change on stderr (for scripts)\n"
"      --plain          no drawn screen: a line per change on the\n"
"                       terminal, and the same keys (for screen readers;\n"
"                       the default when TERM is dumb)\n"
"      --resume         go on with today's session stopped early, where\n"
"                       it stopped, under the same session id\n"
"  -s, --speed X        run X times faster, 0.01-10000 (default 1)\n"
"      --ready N        seconds to get into position before each\n"
"                       exercise (default 10; 0 for none)\n"
"      --ready-move N   seconds to get ready when the position changes\n"
"                       from the exercise before (default twice --ready)\n"
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
"      --tick           ring the terminal bell at each rep, to pace it\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"Before the day's first session the timer asks about warning signs\n"
"(batch mode too, as lines, when there is a terminal).\n"
"\n"
"Keys: space pause and go on, n twice next exercise, b back to the start\n"
"of this exercise, q twice stop (Ctrl-C at once), ? the keys (paused).\n";

struct options {
	const char *plan;
	double speed;
	long ready_s, ready_move_s, switch_s;
	int batch, plain, resume, screen, pain, bell, tick;
	char **cue_argv;
};

struct timer {
	const struct options *o;
	struct session s;
	struct cues cues;
	struct voice voice;		/* what is said when */
	struct screen sc;
	struct plain pl;		/* lines, when the screen is not drawn */
	struct control ctl;		/* keys and signals */
	struct resume res;		/* what a resumed session did before */
	struct checkin ck;		/* questions before and after */
	struct tclock clk;
	long long flash_until, took_ns;
	int tty, sigfd, plain, started, resumable;
	char id[48];
	struct rows rows;
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

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "plain", no_argument, NULL, 'L' },
		{ "resume", no_argument, NULL, 'R' },
		{ "ready-move", required_argument, NULL, 'm' },
		{ "speed", required_argument, NULL, 's' },
		{ "ready", required_argument, NULL, 'r' },
		{ "switch", required_argument, NULL, 'w' },
		{ "screen", no_argument, NULL, 'S' },
		{ "no-screen", no_argument, NULL, 'N' },
		{ "pain", no_argument, NULL, 'p' },
		{ "no-pain", no_argument, NULL, 'P' },
		{ "cue-cmd", required_argument, NULL, 'c' },
		{ "no-bell", no_argument, NULL, 'B' },
		{ "tick", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	o->speed = 1;
	o->ready_s = LR_READY_S;
	o->ready_move_s = -1;
	o->switch_s = LR_SWITCH_S;
	o->screen = o->pain = -1;
	o->bell = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":bs:phV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'b': o->batch = 1; break;
		case 'L': o->plain = 1; break;
		case 'R': o->resume = 1; break;
		case 'm':
			o->ready_move_s = lr_opt_long("--ready-move", optarg, 0,
			    600);
			break;
		case 's': o->speed = parse_speed(optarg); break;
		case 'r': o->ready_s = lr_opt_long("--ready", optarg, 0, 600); break;
		case 'w':
			o->switch_s = lr_opt_long("--switch", optarg, 0, 600);
			break;
		case 'S': o->screen = 1; break;
		case 'N': o->screen = 0; break;
		case 'p': o->pain = 1; break;
		case 'P': o->pain = 0; break;
		case 'c': o->cue_argv = cues_split(optarg); break;
		case 'B': o->bell = 0; break;
		case 'T': o->tick = 1; break;
		case 'h': lr_print_usage(usage_text);
		case 'V': lr_print_version(); break;
		default: lr_bad_option(ch, argv);
		}
	}
	if (argc - optind > 1)
		lr_usage_error("give at most one plan");
	if (optind < argc && o->resume)
		lr_usage_error("--resume takes no plan: it goes on with the "
		    "one stopped");
	if (optind < argc)
		o->plan = argv[optind];
	if (o->ready_move_s < 0)
		o->ready_move_s = 2 * o->ready_s;
}

/* ---- results ---- */

/* A row of an exercise, stamped with the time the exercise began. */
static int
put_row(struct session *s, const struct session_row *sr, void *arg)
{
	struct timer *t = arg;
	time_t when = sr->started < 0 ? time(NULL) :
	    tclock_wall(&t->clk, sr->started);

	(void)s;
	/* Resumed: later than the rows of the part before, which it
	 * replaces (lr-formats(5)). */
	if (t->res.stopped > 0 && when <= t->res.stopped)
		when = t->res.stopped + 1;
	return rows_exercise(&t->rows, sr, when);
}

/* ---- what the session does, shown and said ---- */

/* A change: the bell rings and the top line flashes. */
static void
flash(struct timer *t)
{
	if (!t->o->batch) {
		t->flash_until = t->plain ? 0 : lr_mono_ns() + 400000000LL;
		if (t->o->bell)
			(void)!write(t->tty, "\a", 1);
	}
}

static void
on_event(struct session *s, int ev, void *arg)
{
	struct timer *t = arg;
	char text[160];

	if (cues_text(text, sizeof text, s, ev) != NULL &&
	    !(ev == SE_END && t->rows.error))
		flash(t);
	if (ev == SE_END)
		voice_summary(&t->voice);
	if (t->plain)
		plain_event(&t->pl, s, ev);
	else
		cues_tell(&t->cues, s, ev);
}

/* The screen, with what a first q or n asks in place of the keys. */
static void
draw(struct timer *t, long long mono)
{
	if (t->o->batch || t->plain)
		return;
	t->sc.flash = mono < t->flash_until;
	t->sc.ask = keys_prompt(&t->ctl.keys);
	screen_draw(&t->sc, &t->s, tclock_ms(&t->clk, mono));
}

/* ---- keys and signals ---- */

/*
 * Wait for the next deadline, a key or a signal; wake for a redraw
 * four times a second at most, and sleep otherwise.
 */
static void
wait_events(struct timer *t)
{
	long long now = lr_mono_ns(), wait = t->s.paused ? 1000000000LL :
	    voice_next(&t->voice, now) - now;
	int sig, ready;

	if (wait > (t->o->batch ? 1000000000LL : 250000000LL))
		wait = t->o->batch ? 1000000000LL : 250000000LL;
	ready = tclock_wait(t->sigfd, t->o->batch ? -1 : t->tty, wait);
	while ((ready & TW_SIGNAL) && (sig = sig_pipe_next(t->sigfd)) != 0 &&
	    !t->s.done)
		control_signal(&t->ctl, sig);
	if ((ready & TW_KEY) && !t->s.done)
		control_read(&t->ctl, t->tty);
}

static void
run_session(struct timer *t)
{
	long long mono;

	tclock_start(&t->clk, t->o->speed);
	if (t->tty >= 0)
		term_size(&t->sc.rows, &t->sc.cols);
	t->started = 1;
	session_start(&t->s, 0);
	while (!t->s.done) {
		mono = lr_mono_ns();
		session_tick(&t->s, tclock_ms(&t->clk, mono));
		if (t->s.done)
			break;
		control_tick(&t->ctl, mono);
		voice_due(&t->voice, mono);
		draw(t, mono);
		if (t->plain)
			plain_tick(&t->pl, &t->s, tclock_ms(&t->clk, mono));
		wait_events(t);
	}
	cues_flush(&t->cues);
	t->took_ns = lr_mono_ns() - t->clk.mono0 - (long long)((double)
	    t->s.paused_total * 1e6 / t->o->speed);
}

/* ---- main ---- */

/*
 * Open the terminal: the screen and keys need it; batch mode asks the
 * questions on it when there is one, as plain lines.
 */
static int
setup_terminal(struct timer *t)
{
	const struct options *o = t->o;
	int need = !o->batch || o->pain == 1 || o->screen == 1;

	t->tty = t->sc.tty = t->cues.tty = -1;
	if (!need && (o->screen == 0 || !o->batch))
		return 0;
	if ((t->tty = t->sc.tty = term_open()) < 0)
		return need ? -1 : 0;
	screen_open(&t->sc, t->tty, o->batch);
	t->sc.dumb |= o->plain && !o->batch;
	t->plain = t->sc.dumb;
	t->pl.tty = t->tty;
	t->ctl.pl = t->plain ? &t->pl : NULL;
	checkin_open(&t->ck, &t->sc, t->sigfd, o->batch);
	if (!o->batch) {
		term_cbreak();
		if (!t->plain)
			term_alt_screen();
	}
	return 0;
}

/* One line to end with: on stderr in batch mode, else on the terminal. */
static void
last_word(const struct timer *t, const char *line)
{
	if (t->o->batch)
		lr_warn("%s", line);
	else if (t->tty >= 0)
		dprintf(t->tty, "%s\n", line);
}

/*
 * The end: on the terminal, a page that stays until a key; then one
 * line, on the normal screen or on stderr in batch mode.
 */
static void
the_end(struct timer *t)
{
	struct summary m;
	char line[320];

	summary_take(&m, &t->s, t->res.active_ms);
	m.pain[0] = t->ck.pain[0];
	m.pain[1] = t->ck.pain[1];
	m.resumable = t->resumable;
	t->ck.ask.rows = t->sc.rows;
	t->ck.ask.cols = t->sc.cols;
	/* A signal now ends no session: it ended already. */
	if (!t->o->batch && t->tty >= 0 && !t->ctl.killed && !t->rows.error)
		(void)summary_show(&t->ck.ask, &m);
	term_restore();
	last_word(t, summary_line(line, sizeof line, &m, t->id,
	    (double)t->took_ns / 1e9));
}

/*
 * The questions, the session, the last question.  Returns 0 when the
 * session ran, 1 when a warning sign stopped it, or below 0 when the
 * person ended it before it began.
 */
static int
run(struct timer *t)
{
	const struct options *o = t->o;
	int screen = o->screen >= 0 ? o->screen : t->tty >= 0 && checkin_due();
	int pain = o->pain >= 0 ? o->pain : !o->batch;
	int r = checkin_before(&t->ck, screen, pain, &t->s);

	t->ctl.killed |= t->ck.killed;
	if (r != 0 || t->rows.error)
		t->s.quit = 1;
	if (r != 0)
		return r;
	if (!o->batch && !t->plain)
		dprintf(t->tty, "\033[H\033[2J");
	run_session(t);
	if (pain && !t->ctl.killed && !t->rows.error)
		checkin_after(&t->ck);
	t->ctl.killed |= t->ck.killed;
	if (t->started && !t->rows.error)
		t->resumable = resume_keep(&t->s, t->id, &t->res, o->resume);
	return 0;
}

int
main(int argc, char **argv)
{
	const struct session_hooks hooks = { on_event, put_row, NULL };
	struct options o = { 0 };
	struct timer t;
	int status;

	parse_options(argc, argv, &o);
	memset(&t, 0, sizeof t);
	t.o = &o;
	session_init(&t.s, &hooks);
	t.s.hooks.arg = &t;
	t.cues.argv = o.cue_argv;
	t.cues.batch = o.batch;
	t.voice.cues = &t.cues;
	t.voice.s = &t.s;
	t.voice.clk = &t.clk;
	cuesched_init(&t.voice.sched);
	t.ctl.s = &t.s;
	t.ctl.sc = &t.sc;
	t.ctl.clk = &t.clk;
	t.ctl.batch = o.batch;
	if (o.resume ? resume_load(&t.s, &t.res) != 0 :
	    session_read(&t.s, o.plan) != 0) {
		session_free(&t.s);
		cues_free(o.cue_argv);
		return LR_EDATA;
	}
	if (cues_keep_stderr(&t.cues) != 0)
		lr_die(LR_EDATA, "--cue-cmd: cannot keep its messages: %s",
		    strerror(errno));
	if ((t.sigfd = sig_pipe_init()) < 0)
		lr_die(LR_EDATA, "cannot set up signals: %s", strerror(errno));
	if (setup_terminal(&t) != 0)
		lr_usage_error("no terminal to %s: use --batch to run without "
		    "one", o.batch ? "ask the questions on" : "draw on");
	session_layout(&t.s, o.ready_s, o.ready_move_s, o.switch_s);
	t.voice.bell_fd = o.tick && !o.batch ? t.tty : -1;
	if (o.resume)
		snprintf(t.id, sizeof t.id, "%s", t.res.session);
	else
		lr_session_id(t.id, sizeof t.id, NULL);
	t.ck.rows = &t.rows;
	if (rows_open(&t.rows, t.id, !o.batch && isatty(STDOUT_FILENO)) != 0)
		t.s.quit = 1;
	if (o.batch)
		cues_say(&t.cues, "session %s%s: %zu exercises%s, about %ld s "
		    "at speed %g", t.id, o.resume ? " resumed" : "",
		    session_to_do(&t.s), o.resume ? " left" : "",
		    session_total(&t.s) / 1000, o.speed);
	status = run(&t);
	if (status == 0)
		the_end(&t);
	term_restore();
	if (status == 1 && !o.batch && t.tty >= 0)
		checkin_advice(&t.ck);
	if (status == 1)
		last_word(&t, "session not started: a warning sign was "
		    "answered yes; see the advice above");
	status = rows_close(&t.rows);
	if (status == LR_OK && t.ctl.killed)
		status = LR_EDATA;
	cues_said_on_stderr(&t.cues);
	session_free(&t.s);
	screen_close(&t.sc);
	checkin_free(&t.ck);
	cues_free(o.cue_argv);
	return status;
}

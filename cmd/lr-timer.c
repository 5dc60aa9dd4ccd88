/*
 * lr-timer - guide a person through a plan, on the terminal, and write
 * what was done as results rows.  Here are the options, the main loop
 * and what is shown; the session itself is lib/session.c, the screen
 * lib/screen.c, the cues lib/cues.c, the questions lib/checkin.c and
 * the rows lib/rows.c.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "checkin.h"
#include "cues.h"
#include "lr.h"
#include "rows.h"
#include "screen.h"
#include "session.h"

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
"      --tick           ring the terminal bell at each rep, to pace it\n"
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
	int batch, screen, pain, bell, tick;
	char **cue_argv;
};

struct timer {
	const struct options *o;
	struct session s;
	struct cues cues;
	struct cuesched sched;		/* what is said when */
	struct screen sc;
	struct checkin ck;		/* questions before and after */
	long long mono0, wall0;		/* ns when the session clock was 0 */
	long long flash_until, last_line;
	int tty, sigfd, killed;
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
	o->switch_s = LR_SWITCH_S;
	o->screen = o->pain = -1;
	o->bell = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":bs:phV", longopts, NULL)) !=
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
	if (optind < argc)
		o->plan = argv[optind];
}

/* ---- the session clock: real time, --speed times faster, in ms ---- */

static long long
clock_ms(const struct timer *t, long long mono)
{
	return (long long)((double)(mono - t->mono0) * t->o->speed / 1e6);
}

static long long
real_ns(const struct timer *t, long long ms)
{
	return t->mono0 + (long long)ceil((double)ms * 1e6 / t->o->speed);
}

/* ---- results ---- */

/* A row of an exercise, stamped with the time the exercise began. */
static int
put_row(struct session *s, const struct session_row *sr, void *arg)
{
	struct timer *t = arg;
	time_t when = sr->started < 0 ? time(NULL) : (time_t)((t->wall0 +
	    (long long)((double)sr->started * 1e6 / t->o->speed)) /
	    1000000000LL);

	(void)s;
	return rows_exercise(&t->rows, sr, when);
}

/* ---- what the session does, shown and said ---- */

/* A change: the bell rings and the top line flashes. */
static void
flash(struct timer *t)
{
	if (!t->o->batch) {
		t->flash_until = lr_mono_ns() + 400000000LL;
		if (t->o->bell)
			(void)!write(t->tty, "\a", 1);
	}
}

/* A cue said at `ms` on the session clock may start half a second late. */
static void
speak(struct timer *t, const char *text, long long ms, long long mono)
{
	cues_speak(&t->cues, text, mono, real_ns(t, ms) + 500000000LL);
}

/* The spoken cues due by now; --tick rings at each rep. */
static void
say_due(struct timer *t, long long mono)
{
	struct cue due[16];
	size_t n, i;

	n = cuesched_due(&t->sched, &t->s, clock_ms(t, mono),
	    (long)(500 * t->o->speed), due, 16);
	for (i = 0; i < n; i++) {
		if (due[i].tick && t->o->tick && !t->o->batch)
			(void)!write(t->tty, "\a", 1);
		speak(t, due[i].text, due[i].at, mono);
	}
	cues_pump(&t->cues, mono);
}

/*
 * The last word, said when the session ends, however it ends; a whole
 * session took until its last phase's end, however late the clock
 * was read.
 */
static void
say_summary(struct timer *t)
{
	const struct session *s = &t->s;
	long long mono = lr_mono_ns(), now = clock_ms(t, mono);
	long long at = s->paused ? s->paused_at : now;
	char text[CUE_LEN];

	if (!s->quit && s->end < at)
		at = s->end;
	cuesched_summary(text, sizeof text, s, (long)(at - s->paused_total));
	speak(t, text, now, mono);
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
		say_summary(t);
	cues_tell(&t->cues, s, ev);
}

static void
draw(struct timer *t, long long mono)
{
	if (t->o->batch || t->sc.dumb)
		return;
	t->sc.flash = mono < t->flash_until;
	screen_draw(&t->sc, &t->s, clock_ms(t, mono));
}

/* A dumb terminal is told the time left every ten seconds. */
static void
dumb_countdown(struct timer *t, long long mono)
{
	if (!t->sc.dumb || t->s.paused || mono - t->last_line < 10000000000LL)
		return;
	t->last_line = mono;
	cues_left(&t->cues, &t->s, clock_ms(t, mono));
}

/* ---- keys and signals ---- */

static void on_sig(struct timer *t, int sig);

static void
on_key(struct timer *t, int k, long long now)
{
	/* The terminal sends no signals while the timer has it: Ctrl-C
	 * ends the session here and never reaches the rest of the
	 * pipeline, which would lose what was done. */
	if (k == 0x03 || k == 0x1c || (k == 'q' && !t->sc.help))
		session_quit(&t->s, now);
	else if (k == 0x1a)
		on_sig(t, SIGTSTP);
	else if (t->sc.help)
		t->sc.help = 0;
	else if (k == ' ' || k == 'p')
		session_toggle(&t->s, now);
	else if (k == 'n')
		session_next(&t->s, now);
	else if (k == 'b')
		session_back(&t->s, now);
	else if (k == '?' || k == 'h')
		t->sc.help = 1;
}

/* Ctrl-Z: paused while stopped; on the screen it comes back paused. */
static void
on_sig(struct timer *t, int sig)
{
	long long now = clock_ms(t, lr_mono_ns());

	switch (sig) {
	case SIGTERM:
	case SIGHUP:
	case SIGQUIT:
		t->killed = 1;
		/* FALLTHROUGH */
	case SIGINT:
		session_quit(&t->s, now);
		break;
	case SIGTSTP:
		session_pause(&t->s, now);
		term_suspend();
		/* FALLTHROUGH */
	case SIGCONT:
		now = clock_ms(t, lr_mono_ns());
		if (t->o->batch) {
			session_resume(&t->s, now);
			break;
		}
		term_cbreak();
		if (!t->sc.dumb)
			term_alt_screen();
		screen_redraw(&t->sc);
		session_pause(&t->s, now);
		break;
	case SIGWINCH:
		term_size(&t->sc.rows, &t->sc.cols);
		break;
	case SIGCHLD:
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		break;
	}
}

static void
read_keys(struct timer *t)
{
	char buf[64];
	ssize_t n = read(t->tty, buf, sizeof buf), i;
	long long now = clock_ms(t, lr_mono_ns());

	for (i = 0; i < n && !t->s.done; i++)
		on_key(t, (unsigned char)buf[i], now);
}

/*
 * Wait for the next deadline, a key or a signal; wake for a redraw
 * four times a second at most, and sleep otherwise.
 */
static void
wait_events(struct timer *t)
{
	struct pollfd fds[2];
	struct timespec ts;
	long long now = lr_mono_ns(), wait;
	nfds_t n = 0;
	int sig;

	wait = t->s.paused ? 1000000000LL : real_ns(t, cuesched_next(&t->s,
	    clock_ms(t, now))) - now;
	if (!t->o->batch && wait > 250000000LL)
		wait = 250000000LL;
	if (t->o->batch && t->sc.dumb == 0 && wait > 1000000000LL)
		wait = 1000000000LL;
	if (wait < 0)
		wait = 0;
	ts.tv_sec = wait / 1000000000LL;
	ts.tv_nsec = wait % 1000000000LL;
	fds[n].fd = t->sigfd;
	fds[n++].events = POLLIN;
	if (!t->o->batch) {
		fds[n].fd = t->tty;
		fds[n++].events = POLLIN;
	}
	if (ppoll(fds, n, &ts, NULL) <= 0)
		return;
	while ((sig = sig_pipe_next(t->sigfd)) != 0 && !t->s.done)
		on_sig(t, sig);
	if (n > 1 && (fds[1].revents & POLLIN) && !t->s.done)
		read_keys(t);
}

static void
run_session(struct timer *t)
{
	struct timespec wall;
	long long mono;

	clock_gettime(CLOCK_REALTIME, &wall);
	t->mono0 = t->last_line = lr_mono_ns();
	t->wall0 = (long long)wall.tv_sec * 1000000000LL + wall.tv_nsec;
	if (t->tty >= 0)
		term_size(&t->sc.rows, &t->sc.cols);
	session_start(&t->s, 0);
	while (!t->s.done) {
		mono = lr_mono_ns();
		session_tick(&t->s, clock_ms(t, mono));
		if (t->s.done)
			break;
		say_due(t, mono);
		draw(t, mono);
		dumb_countdown(t, mono);
		wait_events(t);
	}
	cues_flush(&t->cues);
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
	t->cues.tty = t->sc.dumb ? t->tty : -1;
	checkin_open(&t->ck, &t->sc, t->sigfd, o->batch);
	if (!o->batch) {
		term_cbreak();
		if (!t->sc.dumb)
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

static void
summary(const struct timer *t)
{
	const struct session *s = &t->s;
	double ns = (double)(lr_mono_ns() - t->mono0) -
	    (double)s->paused_total * 1e6 / t->o->speed;
	char line[256], d[32];

	snprintf(line, sizeof line, "session %s %s: %d done, %d partial, "
	    "%d skipped; %s of exercise; took %.3f s", t->id, s->quit ?
	    "ended early" : "done", s->finished[ROW_DONE],
	    s->finished[ROW_PARTIAL], s->finished[ROW_SKIPPED],
	    lr_fmt_secs(d, sizeof d, (session_active(s) + 500) / 1000),
	    ns / 1e9);
	last_word(t, line);
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
	int r = checkin_before(&t->ck, screen, pain, &t->s, o->ready_s);

	t->killed |= t->ck.killed;
	if (r != 0 || t->rows.error)
		t->s.quit = 1;
	if (r != 0)
		return r;
	if (!o->batch && !t->sc.dumb)
		dprintf(t->tty, "\033[H\033[2J");
	run_session(t);
	if (pain && !t->killed && !t->rows.error &&
	    (checkin_after(&t->ck) < 0 || t->rows.error))
		t->s.quit = 1;
	t->killed |= t->ck.killed;
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
	if (session_read(&t.s, o.plan) != 0) {
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
	session_layout(&t.s, o.ready_s, o.switch_s);
	lr_session_id(t.id, sizeof t.id, NULL);
	t.ck.rows = &t.rows;
	if (rows_open(&t.rows, t.id, !o.batch && isatty(STDOUT_FILENO)) != 0)
		t.s.quit = 1;
	if (o.batch)
		cues_say(&t.cues, "session %s: %zu exercises, about %ld s at "
		    "speed %g", t.id, t.s.nex, session_total(&t.s) / 1000,
		    o.speed);
	status = run(&t);
	term_restore();
	if (status == 0)
		summary(&t);
	else if (status == 1 && !o.batch && t.tty >= 0)
		checkin_advice(&t.ck);
	if (status == 1)
		last_word(&t, "session not started: a warning sign was "
		    "answered yes; see the advice above");
	status = rows_close(&t.rows);
	if (status == LR_OK && t.killed)
		status = LR_EDATA;
	cues_said_on_stderr(&t.cues);
	session_free(&t.s);
	screen_close(&t.sc);
	checkin_free(&t.ck);
	cues_free(o.cue_argv);
	return status;
}

/* term.c - owns the controlling terminal: its mode, signals, what it shows. */

/*
 * The controlling terminal in cbreak mode, restored on every
 * way out, and signals turned into bytes on a pipe, so that one poll()
 * waits for keys, deadlines and signals together; and what a terminal
 * can show: colour, as terminfo says, and UTF-8, as the locale says.
 *
 * The saved terminal state and the pipe are file-level variables: a
 * signal handler can reach nothing else, and restoring the terminal
 * from a fatal signal is the point.
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "lr.h"

#include <curses.h>	/* after lr.h: term.h's macros take common words */
#include <term.h>

static int tty_fd = -1;
static struct termios tty_saved;
static volatile sig_atomic_t tty_raw, tty_alt;
static int sig_w = -1;

#define ALT_ON "\033[?1049h\033[?25l"
#define ALT_OFF "\033[0m\033[?25h\033[?1049l"

int
term_open(void)
{
	tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	return tty_fd;
}

/*
 * Keys one at a time, without echo, and without signals: Ctrl-C, Ctrl-\
 * and Ctrl-Z come as keys.  The terminal would send their signals to
 * every program of the pipeline, and lr-log reading the results would
 * die with the session in its hands; the timer acts on them instead.
 */
int
term_cbreak(void)
{
	struct termios t;

	if (tty_fd < 0)
		return -1;
	if (!tty_raw && tcgetattr(tty_fd, &tty_saved) != 0)
		return -1;
	t = tty_saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(tty_fd, TCSANOW, &t) != 0)
		return -1;
	tty_raw = 1;
	return 0;
}

void
term_alt_screen(void)
{
	if (tty_fd >= 0 && !tty_alt) {
		(void)!write(tty_fd, ALT_ON, sizeof ALT_ON - 1);
		tty_alt = 1;
	}
}

/* Put the terminal back as it was.  Async-signal-safe. */
void
term_restore(void)
{
	if (tty_fd < 0)
		return;
	if (tty_alt) {
		(void)!write(tty_fd, ALT_OFF, sizeof ALT_OFF - 1);
		tty_alt = 0;
	}
	if (tty_raw) {
		tcsetattr(tty_fd, TCSANOW, &tty_saved);
		tty_raw = 0;
	}
}

void
term_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = 24;
	*cols = 80;
	if (tty_fd >= 0 && ioctl(tty_fd, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

static void
on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;

	if (sig_w >= 0)
		(void)!write(sig_w, &b, 1);
	errno = saved;
}

/* A crash still gives the terminal back before the default action. */
static void
on_fatal(int sig)
{
	term_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Route the signals a session cares about to a pipe; returns its read
 * end.  Write errors are ignored so that a closed pipe downstream is
 * seen as EPIPE instead of killing the program with the terminal raw.
 */
int
sig_pipe_init(void)
{
	static const int caught[] = {
		SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT,
		SIGWINCH, SIGCHLD
	};
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	int fds[2];
	size_t i;

	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	sig_w = fds[1];
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	for (i = 0; i < sizeof caught / sizeof caught[0]; i++)
		sigaction(caught[i], &sa, NULL);
	sa.sa_handler = on_fatal;
	for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return fds[0];
}

/* The next signal waiting on the pipe, or 0. */
int
sig_pipe_next(int fd)
{
	unsigned char b;

	return read(fd, &b, 1) == 1 ? b : 0;
}

/*
 * Stop as Ctrl-Z asks, with the terminal given back while stopped;
 * returns once the shell continues us.  The whole foreground job
 * stops, as it would had the terminal sent the signal, so that the
 * shell sees the pipeline stopped and `fg` continues all of it.
 */
void
term_suspend(void)
{
	struct sigaction sa, old;
	pid_t fg = tty_fd >= 0 ? tcgetpgrp(tty_fd) : -1;

	term_restore();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	if (fg <= 0 || fg != getpgrp() || killpg(fg, SIGTSTP) != 0)
		raise(SIGTSTP);
	/* cppcheck-suppress unreachableCode ; raise returns when continued */
	sigaction(SIGTSTP, &old, NULL);
}

/*
 * Is the character set of the locale the environment asks for UTF-8,
 * so block characters can show?  The program's own locale is left as
 * it was.
 */
int
lr_utf8_locale(void)
{
	const char *cur = setlocale(LC_CTYPE, NULL);
	char *saved = cur != NULL ? strdup(cur) : NULL;
	int utf8 = 0;

	if (setlocale(LC_CTYPE, "") != NULL)
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (saved != NULL)
		setlocale(LC_CTYPE, saved);
	free(saved);
	return utf8;
}

/*
 * Colour for a terminal of this TERM: only when NO_COLOR is unset or
 * empty (no-color.org) and the terminal's terminfo entry gives it
 * eight colours or more (vt100 and vt220 have none; dumb is plain).
 */
int
lr_color_term(const char *term)
{
	const char *nc = getenv("NO_COLOR");
	int err, colors;

	if ((nc != NULL && nc[0] != '\0') || term == NULL ||
	    term[0] == '\0' || strcmp(term, "dumb") == 0)
		return 0;
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return 0;
	colors = tigetnum("colors");
	del_curterm(cur_term);
	return colors >= 8;
}

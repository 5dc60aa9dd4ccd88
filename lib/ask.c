/* ask.c - owns the questions put to the person before and after a session. */

/*
 * Questions put to the person on the terminal before and after
 * a session: the safety screen, pain ratings, notices that must be
 * read.  Keys one at a time on a drawn page that never scrolls text
 * off unseen, or plain lines answered with Enter for TERM=dumb and
 * screen readers.  Ctrl-C, q and the end of the terminal quit; a
 * signal to end (TERM, HUP, QUIT) is told apart, so the caller can
 * exit as it would mid-session.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lr.h"

enum { KEY_UP = 0x101, KEY_DOWN, KEY_PGUP, KEY_PGDN };
enum { ASK_REDRAW = -4 };

#define CTRL(c) ((c) & 0x1f)

void
ask_init(struct ask *a, int in, int out, int sigfd)
{
	memset(a, 0, sizeof *a);
	a->in = in;
	a->out = out;
	a->sigfd = sigfd;
	a->rows = 24;
	a->cols = 80;
}

/* Put the terminal back into the mode the questions use. */
static void
reenter(const struct ask *a)
{
	if (a->lines)
		return;
	term_cbreak();
	if (!a->plain)
		term_alt_screen();
}

/*
 * Act on the signals waiting: 0 when none calls for anything, else
 * what the caller must do.
 */
static int
on_signals(struct ask *a)
{
	int sig, r = 0;

	while ((sig = sig_pipe_next(a->sigfd)) != 0) {
		switch (sig) {
		case SIGINT:
			return ASK_QUIT;
		case SIGTERM:
		case SIGHUP:
		case SIGQUIT:
			return ASK_KILLED;
		case SIGTSTP:
			term_suspend();
			/* FALLTHROUGH */
		case SIGCONT:
			reenter(a);
			r = ASK_REDRAW;
			break;
		case SIGWINCH:
			term_size(&a->rows, &a->cols);
			r = ASK_REDRAW;
			break;
		case SIGCHLD:
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
			break;
		}
	}
	return r;
}

/* Wait for the terminal or a signal; read what the terminal has. */
static int
fill_keys(struct ask *a)
{
	struct pollfd fds[2] = {
		{ a->sigfd, POLLIN, 0 }, { a->in, POLLIN, 0 }
	};
	ssize_t n;
	int r;

	if (poll(fds, 2, -1) < 0 && errno != EINTR)
		return ASK_QUIT;
	if ((r = on_signals(a)) != 0)
		return r;
	if (!(fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	n = read(a->in, a->key, sizeof a->key);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return ASK_QUIT;	/* the terminal is gone */
	a->nkey = (int)n;
	a->ikey = 0;
	return 0;
}

/* An arrow or page key, from the bytes after ESC [ that are here. */
static int
escape_key(struct ask *a)
{
	const unsigned char *k = a->key + a->ikey;
	int left = a->nkey - a->ikey;

	if (left >= 2 && k[0] == '[' && (k[1] == 'A' || k[1] == 'B')) {
		a->ikey += 2;
		return k[1] == 'A' ? KEY_UP : KEY_DOWN;
	}
	if (left >= 3 && k[0] == '[' && (k[1] == '5' || k[1] == '6') &&
	    k[2] == '~') {
		a->ikey += 3;
		return k[1] == '5' ? KEY_PGUP : KEY_PGDN;
	}
	return 0x1b;
}

/*
 * The next key, or ASK_QUIT (q is the caller's; Ctrl-C and Ctrl-\ are
 * ours), ASK_KILLED, or ASK_REDRAW after a resize or a suspension.
 * The terminal sends no signals for these keys in cbreak mode, so that
 * Ctrl-C ends this program the way q does and never reaches the rest
 * of a pipeline.
 */
static int
next_key(struct ask *a)
{
	for (;;) {
		int r, c;

		while (a->ikey < a->nkey) {
			c = a->key[a->ikey++];
			if (c == CTRL('C') || c == CTRL('\\'))
				return ASK_QUIT;
			if (c == CTRL('Z')) {
				term_suspend();
				reenter(a);
				return ASK_REDRAW;
			}
			return c == 0x1b ? escape_key(a) : c;
		}
		if ((r = fill_keys(a)) != 0)
			return r;
	}
}

/*
 * A line typed and ended with Enter, without its newline; what is
 * typed beyond the buffer is dropped.
 */
static int
next_line(struct ask *a, char *dst, size_t n)
{
	size_t len = 0;

	memset(dst, 0, n);
	for (;;) {
		int r;

		while (a->ikey < a->nkey) {
			char c = (char)a->key[a->ikey++];

			if (c == '\n' || c == '\r') {
				dst[len] = '\0';
				return 0;
			}
			if (len + 1 < n)
				dst[len++] = c;
		}
		if ((r = fill_keys(a)) != 0 && r != ASK_REDRAW)
			return r;
	}
}

/* ---- pages ---- */

static const char more_below[] = "More below: press space or the down "
    "arrow.";

/* Text wrapped to a width, as lines each ending in \n. */
struct wrapped {
	char *text;
	size_t len;
	int n;
};

struct page {
	struct wrapped body;		/* the title's lines, then the body's */
	struct wrapped foot[2];		/* the prompt; more_below */
	int nhead;			/* lines of the title */
	int top;			/* the first body line shown */
};

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static FILE *
wrap_open(struct wrapped *w)
{
	FILE *fp = open_memstream(&w->text, &w->len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	return fp;
}

static void
wrap_close(struct wrapped *w, FILE *fp)
{
	fclose(fp);
	w->n = count_lines(w->text);
}

/*
 * The paragraphs of text, one a line, wrapped to the width; one that
 * starts "- " is a bullet, wrapped under itself.
 */
static void
wrap_paragraphs(FILE *fp, const char *text, int width)
{
	while (*text != '\0') {
		size_t n = strcspn(text, "\n");
		char *one = strndup(text, n);

		if (one == NULL)
			lr_die(LR_EDATA, "out of memory");
		if (n == 0)
			fputc('\n', fp);
		else if (strncmp(one, "- ", 2) == 0) {
			fputs("- ", fp);
			lr_wrap(fp, one + 2, 2, 2, width);
		} else
			lr_wrap(fp, one, 0, 0, width);
		free(one);
		text += n + (text[n] == '\n');
	}
}

static void
page_build(struct page *p, int width, const char *title, const char *body,
    const char *prompt)
{
	FILE *fp;

	memset(p, 0, sizeof *p);
	if (width < 10)
		width = 10;
	fp = wrap_open(&p->body);
	wrap_paragraphs(fp, title, width);
	fflush(fp);
	p->nhead = count_lines(p->body.text);
	wrap_paragraphs(fp, body, width);
	wrap_close(&p->body, fp);
	fp = wrap_open(&p->foot[0]);
	if (prompt != NULL)
		wrap_paragraphs(fp, prompt, width);
	wrap_close(&p->foot[0], fp);
	fp = wrap_open(&p->foot[1]);
	wrap_paragraphs(fp, more_below, width);
	wrap_close(&p->foot[1], fp);
}

static void
page_free(struct page *p)
{
	free(p->body.text);
	free(p->foot[0].text);
	free(p->foot[1].text);
	memset(p, 0, sizeof *p);
}

static const char *
line_at(const struct wrapped *w, int i)
{
	const char *s = w->text;

	while (i-- > 0 && (s = strchr(s, '\n')) != NULL)
		s++;
	return s ? s : "";
}

static int
foot_rows(const struct page *p)
{
	return p->foot[0].n > p->foot[1].n ? p->foot[0].n : p->foot[1].n;
}

/*
 * Rows the body may take under the title and above the prompt, and
 * whether blank lines fit around it.
 */
static int
body_rows(const struct ask *a, const struct page *p, int *spaced)
{
	int fixed = p->nhead + foot_rows(p) + 2;

	*spaced = a->rows >= fixed + 2;
	if (!*spaced)
		fixed -= 2;
	return a->rows - fixed > 1 ? a->rows - fixed : 1;
}

static int
at_bottom(const struct ask *a, const struct page *p)
{
	int spaced;

	return p->top + body_rows(a, p, &spaced) >= p->body.n - p->nhead;
}

static void
put_row(const struct ask *a, const char *s, int bold, int last)
{
	size_t n = strcspn(s, "\n");
	int w = lr_fit(s, n, a->cols - 2);

	dprintf(a->out, " %s%.*s%s\033[K%s", bold && a->bold ? "\033[1m" :
	    "", w, s, bold && a->bold ? "\033[0m" : "", last ? "" : "\r\n");
}

/*
 * Draw the page so that nothing scrolls: the title, as much of the
 * body as fits from its top line, and the prompt on the last rows.
 */
static void
page_draw(const struct ask *a, const struct page *p)
{
	const struct wrapped *foot = &p->foot[at_bottom(a, p) ? 0 : 1];
	int i, row = 0, spaced, avail = body_rows(a, p, &spaced);
	int body = p->body.n - p->nhead, bottom = a->rows - foot->n;

	dprintf(a->out, "\033[H\033[2J");
	for (i = 0; i < p->nhead && row < bottom - 1; i++, row++)
		put_row(a, line_at(&p->body, i), 1, 0);
	if (spaced && row < bottom) {
		dprintf(a->out, "\r\n");
		row++;
	}
	for (i = p->top; i < body && i < p->top + avail && row < bottom;
	    i++, row++)
		put_row(a, line_at(&p->body, p->nhead + i), 0, 0);
	for (; row < bottom; row++)
		dprintf(a->out, "\r\n");
	for (i = 0; i < foot->n; i++)
		put_row(a, line_at(foot, i), 1, i + 1 == foot->n);
}

/* Plain lines: the whole page, then the prompt. */
static void
page_print(const struct ask *a, const struct page *p)
{
	int i;

	dprintf(a->out, "\r\n");
	for (i = 0; i < p->body.n; i++) {
		const char *s = line_at(&p->body, i);

		dprintf(a->out, "%.*s\r\n", (int)strcspn(s, "\n"), s);
		if (i + 1 == p->nhead)
			dprintf(a->out, "\r\n");
	}
	for (i = 0; i < p->foot[0].n; i++) {
		const char *s = line_at(&p->foot[0], i);

		dprintf(a->out, "%.*s%s", (int)strcspn(s, "\n"), s,
		    i + 1 == p->foot[0].n ? " " : "\r\n");
	}
}

/* Keep the top line where the page can still fill the window. */
static void
page_clamp(const struct ask *a, struct page *p)
{
	int spaced, max = p->body.n - p->nhead - body_rows(a, p, &spaced);

	if (p->top > max)
		p->top = max;
	if (p->top < 0)
		p->top = 0;
}

static void
page_show(const struct ask *a, struct page *p, const char *title,
    const char *body, const char *prompt)
{
	int top = p->top;

	page_free(p);
	page_build(p, a->plain || a->lines ? 72 : a->cols - 2, title, body,
	    prompt);
	if (a->plain || a->lines) {
		page_print(a, p);
		return;
	}
	p->top = top;
	page_clamp(a, p);
	page_draw(a, p);
}

/* Scroll by a key; 1 when the key was for scrolling. */
static int
page_scroll(const struct ask *a, struct page *p, int k)
{
	int spaced, avail = body_rows(a, p, &spaced);

	if (k == KEY_UP || k == 'k')
		p->top--;
	else if (k == KEY_DOWN || k == 'j')
		p->top++;
	else if (k == KEY_PGUP)
		p->top -= avail;
	else if (k == KEY_PGDN || k == ' ')
		p->top += avail;
	else
		return 0;
	page_clamp(a, p);
	return 1;
}

/*
 * On plain lines, the answer on the prompt's line, and the line ended:
 * what comes next starts on a line of its own.
 */
static void
echo_answer(const struct ask *a, int k, const char *keys)
{
	const char *w = k == 'y' ? "yes" : k == 'n' ? "no" : k == 'q' ?
	    "quit" : k == '\n' ? "Enter" : k == 't' ? "10" : NULL;

	if (keys == NULL || k == ' ')
		dprintf(a->out, "\r\n");
	else if (w != NULL)
		dprintf(a->out, "%s\r\n", w);
	else
		dprintf(a->out, "%c\r\n", k);
}

/*
 * Show a page and wait for one of the keys in `keys` (letters in either
 * case; NULL: any key), taken only once the whole page has been seen:
 * until then Enter, space and the arrows scroll.  Returns the key
 * (lowercase), or ASK_QUIT or ASK_KILLED.
 */
static int
page_ask(struct ask *a, const char *title, const char *body,
    const char *prompt, const char *keys)
{
	struct page p;
	int k;

	memset(&p, 0, sizeof p);
	page_show(a, &p, title, body, prompt);
	for (;;) {
		k = next_key(a);
		if (k == ASK_REDRAW) {
			page_show(a, &p, title, body, prompt);
			continue;
		}
		if (k < 0) {
			if (a->plain)
				dprintf(a->out, "\r\n");
			break;
		}
		if (k >= 'A' && k <= 'Z')
			k += 'a' - 'A';
		if (k == '\r')
			k = '\n';
		if (k > 0 && k < 0x100 && (keys == NULL ||
		    strchr(keys, k) != NULL) && (a->plain || at_bottom(a, &p))) {
			if (a->plain)
				echo_answer(a, k, keys);
			break;
		}
		if (a->plain)
			continue;
		if (k == '\n')
			k = KEY_PGDN;
		if (page_scroll(a, &p, k))
			page_draw(a, &p);
	}
	page_free(&p);
	return k;
}

/* Print a page of plain lines: answers are typed, with Enter. */
static void
lines_show(const struct ask *a, const char *title, const char *body,
    const char *prompt)
{
	struct page p;

	memset(&p, 0, sizeof p);
	page_show(a, &p, title, body, prompt);
	page_free(&p);
}

/* No line typed (Ctrl-C, the end): what follows starts a new line. */
static int
unanswered_line(const struct ask *a, int r)
{
	dprintf(a->out, "\r\n");
	return r;
}

/* Ask on plain lines until the answer is one `ok` accepts. */
static int
line_ask(struct ask *a, const char *title, const char *body,
    const char *prompt, int (*ok)(const char *, int *), int *out)
{
	char line[64];
	int r;

	lines_show(a, title, body, prompt);
	for (;;) {
		if ((r = next_line(a, line, sizeof line)) < 0)
			return unanswered_line(a, r);
		if (ok(line, out))
			return 0;
		dprintf(a->out, "%s ", prompt);
	}
}

/* ---- the questions ---- */

static int
yes_no(const char *s, int *v)
{
	static const char *const words[] = {
		"y", "yes", "n", "no", "q", "quit", NULL
	};
	char low[8];
	size_t i;
	int w;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof low; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[i] = '\0';
	if ((w = lr_word_index(words, low)) < 0)
		return 0;
	*v = w < 2 ? 'y' : w < 4 ? 'n' : 'q';
	return 1;
}

/* y or n for one question, or ASK_QUIT or ASK_KILLED. */
static int
ask_one(struct ask *a, const char *title, const char *question)
{
	int v = 0, r;

	if (!a->lines)
		v = page_ask(a, title, question, "Press y for yes, n for no "
		    "(q quits).", "ynq");
	else if ((r = line_ask(a, title, question, "Type y or n and press "
	    "Enter (q to quit):", yes_no, &v)) < 0)
		return r;
	return v == 'q' ? ASK_QUIT : v;
}

/*
 * The warning signs, those for help at once first.  An urgent yes
 * ends the questions at once; another yes lets the rest be asked, for
 * the record.  Returns 1 for a stop, 0 for all clear, or ASK_QUIT or
 * ASK_KILLED (after a yes, the stop is still returned in *stop).
 */
int
ask_screen(struct ask *a, struct screen_answers *sa)
{
	int i, n, k;

	memset(sa, 0, sizeof *sa);
	for (n = 0; lr_screen[n].key != NULL; n++)
		;
	for (i = 0; i < n; i++) {
		char title[64];
		size_t len = strlen(sa->answers);

		snprintf(title, sizeof title, "Before you start (%d of %d)",
		    i + 1, n);
		if ((k = ask_one(a, title, lr_screen[i].question)) < 0)
			return k;
		snprintf(sa->answers + len, sizeof sa->answers - len,
		    "%s%s=%s", i ? "," : "", lr_screen[i].key,
		    k == 'y' ? "yes" : "no");
		if (k != 'y')
			continue;
		if (sa->nyes < (int)(sizeof sa->yes / sizeof sa->yes[0]))
			sa->yes[sa->nyes++] = i;
		sa->stop = 1;
		sa->urgent |= lr_screen[i].urgent;
		if (lr_screen[i].urgent)
			break;
	}
	return sa->stop;
}

/* The advice for the signs answered yes, most urgent first. */
char *
ask_advice_text(const struct screen_answers *sa)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int pass, i;

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < sa->nyes; i++)
			if (lr_screen[sa->yes[i]].urgent == pass)
				fprintf(fp, "- %s\n", lr_screen[sa->yes[i]].advice);
	fclose(fp);
	return buf;
}

const char *
ask_advice_title(const struct screen_answers *sa)
{
	return sa->urgent ? "Do not exercise today: get help now" :
	    "Do not exercise today";
}

/* A page that must be read: it stays until Enter, after scrolling. */
int
ask_read(struct ask *a, const char *title, const char *body)
{
	static const char prompt[] = "Press Enter when you have read this.";
	char line[64];
	int k;

	if (!a->lines)
		return (k = page_ask(a, title, body, prompt, "\n")) < 0 ? k :
		    0;
	lines_show(a, title, body, prompt);
	return (k = next_line(a, line, sizeof line)) < 0 ?
	    unanswered_line(a, k) : 0;
}

/* The page again on the normal screen, to stay in the scrollback. */
void
ask_print(const struct ask *a, const char *title, const char *body)
{
	struct page p;

	page_build(&p, a->cols > 12 ? a->cols - 2 : 72, title, body, NULL);
	page_print(a, &p);
	page_free(&p);
	dprintf(a->out, "\r\n");
}

/* Space to go on (never a key that answers a question), or q. */
int
ask_go_on(struct ask *a, const char *title, const char *body,
    const char *what)
{
	char prompt[96], line[64];
	int k;

	if (!a->lines) {
		snprintf(prompt, sizeof prompt, "Press space to %s, q to "
		    "quit.", what);
		k = page_ask(a, title, body, prompt, " q");
		return k == 'q' ? ASK_QUIT : k < 0 ? k : 0;
	}
	snprintf(prompt, sizeof prompt, "Press Enter to %s (q and Enter to "
	    "quit):", what);
	for (;;) {
		lines_show(a, title, body, prompt);
		if ((k = next_line(a, line, sizeof line)) < 0)
			return unanswered_line(a, k);
		if (line[0] == '\0')
			return 0;
		if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0)
			return ASK_QUIT;
	}
}

static int
rating(const char *s, int *v)
{
	if (s[0] == '\0') {
		*v = ASK_SKIP;
		return 1;
	}
	if (strcmp(s, "q") == 0 || strcmp(s, "Q") == 0) {
		*v = ASK_QUIT;
		return 1;
	}
	if (s[0] >= '0' && s[0] <= '9' && (s[1] == '\0' || (s[0] == '1' &&
	    s[1] == '0' && s[2] == '\0'))) {
		*v = (int)strtol(s, NULL, 10);
		return 1;
	}
	return 0;
}

/*
 * Pain from 0 to 10: one key (t for ten) or, on lines, a number and
 * Enter.  Returns the rating, ASK_SKIP for Enter alone, or ASK_QUIT or
 * ASK_KILLED.
 */
int
ask_pain(struct ask *a, const char *title)
{
	static const char body[] = "How is your pain right now?\n"
	    "0 means no pain at all, 10 the worst pain you can imagine.";
	int k, v = ASK_SKIP;

	if (a->lines)
		return (k = line_ask(a, title, body, "Type 0 to 10 and press "
		    "Enter (Enter alone skips, q quits):", rating, &v)) < 0 ?
		    k : v;
	k = page_ask(a, title, body, "Press 0-9, or t for 10; Enter skips, "
	    "q quits.", "0123456789t\nq");
	if (k < 0)
		return k;
	if (k == 'q')
		return ASK_QUIT;
	if (k == '\n')
		return ASK_SKIP;
	return k == 't' ? 10 : k - '0';
}

/* A page that stays until any key; 0, or ASK_QUIT or ASK_KILLED. */
int
ask_any_key(struct ask *a, const char *title, const char *body,
    const char *prompt)
{
	int k = page_ask(a, title, body, prompt, NULL);

	return k < 0 ? k : 0;
}

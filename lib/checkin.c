/* checkin.c - the timer's questions around a session, and their day. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkin.h"

#define STATE_FILE "screened"

/*
 * The questions go on the screen's terminal, drawn as it is drawn, or
 * as plain lines answered with Enter when `lines`.
 */
void
checkin_open(struct checkin *c, const struct screen *sc, int sigfd,
    int lines)
{
	ask_init(&c->ask, sc->tty, sc->tty, sigfd);
	c->ask.rows = sc->rows;
	c->ask.cols = sc->cols;
	c->ask.plain = sc->dumb;
	c->ask.lines = lines;
	c->ask.bold = sc->color;
	c->pain[0] = c->pain[1] = -1;
}

/* Are the day's questions due: not asked today yet? */
int
checkin_due(void)
{
	char path[PATH_MAX], date[16] = "", today[16];
	FILE *fp;

	if (lr_state_path(path, sizeof path, STATE_FILE) != 0 ||
	    (fp = fopen(path, "r")) == NULL)
		return 1;
	if (fgets(date, sizeof date, fp) == NULL)
		date[0] = '\0';
	fclose(fp);
	date[strcspn(date, "\n")] = '\0';
	return strcmp(date, lr_iso_date(today, sizeof today, time(NULL))) != 0;
}

/*
 * Remember that they were asked today.  A failure is reported, and
 * only means they are asked again next time.
 */
static void
mark_asked(void)
{
	char path[PATH_MAX], today[16];
	FILE *fp;
	int e = 0;

	if (lr_state_file(path, sizeof path, STATE_FILE) != 0)
		return;
	if ((fp = fopen(path, "w")) == NULL) {
		lr_warn("%s: %s", path, strerror(errno));
		return;
	}
	errno = 0;
	fprintf(fp, "%s\n", lr_iso_date(today, sizeof today, time(NULL)));
	if (fflush(fp) != 0 || ferror(fp))
		e = errno ? errno : EIO;
	if (fclose(fp) != 0 && e == 0)
		e = errno ? errno : EIO;
	if (e != 0)
		lr_warn("%s: %s", path, strerror(e));
}

/* No log yet: this is the first session, so say whom to ask first. */
static int
first_session(void)
{
	char path[PATH_MAX];

	return lr_log_path(path, sizeof path) == 0 && access(path, F_OK) != 0 &&
	    errno == ENOENT;
}

static int
unanswered(struct checkin *c, int k)
{
	if (k == ASK_KILLED)
		c->killed = 1;
	return k;
}

/*
 * The day's warning signs.  Any yes ends the session before it starts,
 * recorded with the answers given; its advice stays until read, and is
 * kept to print again when the program ends.
 */
static int
safety_screen(struct checkin *c)
{
	struct screen_answers sa;
	int r = ask_screen(&c->ask, &sa);

	if (sa.nyes > 0 || r == 0)
		rows_check(c->rows, "screen", sa.stop ? "stop" : "clear", -1,
		    sa.answers);
	if (sa.nyes == 0)
		return r < 0 ? unanswered(c, r) : 0;
	c->advice = ask_advice_text(&sa);
	c->advice_title = ask_advice_title(&sa);
	if (r != ASK_KILLED)
		ask_read(&c->ask, c->advice_title, c->advice);
	else
		c->killed = 1;
	return 1;
}

static int
pain_check(struct checkin *c, const char *when)
{
	char title[64];
	int r;

	snprintf(title, sizeof title, "Pain %s the session", when);
	r = ask_pain(&c->ask, title);
	if (r >= 0) {
		rows_check(c->rows, "pain", when, r, NULL);
		c->pain[strcmp(when, "after") == 0] = r;
	}
	return r == ASK_SKIP ? 0 : r < 0 ? unanswered(c, r) : 0;
}

/*
 * Say what will happen, and wait for a key no answer uses.  A session
 * resumed says how much is left of it.
 */
static int
ready(struct checkin *c, const struct session *s)
{
	char body[400], t[32], left[64] = "";
	const struct session_ex *e = &s->ex[s->nph > 0 ? s->ph[0].ex : 0];
	size_t n = session_to_do(s);
	int r;

	if (n < s->nex)
		snprintf(left, sizeof left, " left of %zu", s->nex);
	snprintf(body, sizeof body, "%zu exercise%s%s, about %s. First: %s "
	    "(%s), with %ld s to get into position.", n, n == 1 ? "" : "s",
	    left, lr_fmt_secs(t, sizeof t, (session_total(s) + 999) / 1000),
	    e->r.name, e->r.position, s->nph > 0 && s->ph[0].kind == PH_READY ?
	    s->ph[0].ms / 1000 : 0);
	r = ask_go_on(&c->ask, n < s->nex ? "Ready to go on" : "Ready", body,
	    "start");
	return r < 0 ? unanswered(c, r) : 0;
}

/*
 * The questions before a session: the warning signs when `screen`
 * (with a notice first before the first session ever), pain when
 * `pain`, then ready.  Returns 0 to start, 1 when a warning sign
 * stopped the session, or below 0 when the person ended it.
 */
int
checkin_before(struct checkin *c, int screen, int pain,
    const struct session *s)
{
	int r, asked = 0;

	if (screen) {
		if (first_session() && (r = ask_go_on(&c->ask, "Before your "
		    "first session", lr_check_first, "go on")) < 0)
			return unanswered(c, r);
		if ((r = safety_screen(c)) != 0)
			return r;
		mark_asked();
		asked = 1;
	}
	if (pain) {
		if ((r = pain_check(c, "before")) < 0)
			return r;
		asked = 1;
	}
	return asked ? ready(c, s) : 0;
}

/* Pain after the session: 0, or below 0 when it was not answered. */
int
checkin_after(struct checkin *c)
{
	return pain_check(c, "after");
}

/* A stop's advice again, on the normal screen: it stays in view. */
void
checkin_advice(const struct checkin *c)
{
	if (c->advice == NULL)
		return;
	ask_print(&c->ask, c->advice_title, c->advice);
	dprintf(c->ask.out, "\r\n");
}

void
checkin_free(struct checkin *c)
{
	free(c->advice);
	c->advice = NULL;
}

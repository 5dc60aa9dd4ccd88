/* screen.c - the timer's screen: a canvas of lines, painted whole. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screen.h"

#define CANVAS_ROWS 24

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
	char line[CANVAS_ROWS][1024];
	int n, cols;
};

static void
put_line(struct canvas *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put_line(struct canvas *c, const char *fmt, ...)
{
	va_list ap;

	if (c->n >= CANVAS_ROWS)
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

			for (x = 0; x < 3; x++)
				o += (size_t)snprintf(buf + o, sizeof buf - o,
				    "%s", big_font[g][row][x] == '#' ? block :
				    "  ");
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
put_bar(struct canvas *c, const struct session *s, long long now, int utf8)
{
	long total = session_total(s), left = session_left(s, now);
	char bar[512], t[32];
	int width = c->cols - 24, fill, i;
	size_t o = 0;

	if (width < 10)
		width = 10;
	if (width > 200)
		width = 200;
	fill = total > 0 ? (int)((double)(total - left) * width /
	    (double)total) : 0;
	for (i = 0; i < width; i++)
		o += (size_t)snprintf(bar + o, sizeof bar - o, "%s", i < fill ?
		    (utf8 ? "\xe2\x96\x88" : "#") :
		    (utf8 ? "\xe2\x96\x91" : "."));
	put_line(c, " %s %3d%%  %s left", bar,
	    total > 0 ? (int)((total - left) * 100 / total) : 100,
	    lr_fmt_secs(t, sizeof t, (left + 999) / 1000));
}

/* The pace of a hold counted in breaths: in, then out, each slowly. */
static void
put_breath(struct canvas *c, const struct dose *d, long done_ms, long ms)
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
}

/* The big number: the rep, or the seconds left. */
static void
put_count(struct canvas *c, const struct phase *p, const struct dose *d,
    long done_ms, int utf8)
{
	char big[32];

	if (p->kind == PH_WORK && p->rep > 0) {
		snprintf(big, sizeof big, "%d", p->rep);
		put_big(c, big, utf8);
		put_line(c, "%*srep %d of %ld%s", (c->cols - 20) / 2, "",
		    p->rep, d->reps, d->hold_s > 0 && done_ms >= d->rep_s *
		    500 && done_ms < d->rep_s * 500 + d->hold_s * 1000 ?
		    "  - hold" : "  - slowly");
		return;
	}
	clock_text(big, sizeof big, (p->ms - done_ms + 999) / 1000);
	put_big(c, big, utf8);
	put_line(c, "%*s%s", (c->cols - 12) / 2, "", phase_word(p));
}

static void
draw_session(struct canvas *c, const struct screen *sc,
    const struct session *s, long long now)
{
	const struct phase *p = session_phase(s);
	const struct session_ex *e = session_current(s);
	const struct dose *d = &e->r.dose;
	long done_ms = session_elapsed(s, now);
	char side[24] = "", dose[96];

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
	put_count(c, p, d, done_ms, sc->utf8);
	if (p->kind == PH_WORK && p->rep == 0 && d->breaths > 0)
		put_breath(c, d, done_ms, p->ms);
	else {
		put_line(c, "%s", "");
		put_line(c, "%s", "");
	}
	if ((size_t)p->ex + 1 < s->nex) {
		const struct session_ex *n = e + 1;

		put_line(c, " Next: %s (%s)", n->r.name,
		    lr_dose_text(dose, sizeof dose, &n->r.dose));
	} else
		put_line(c, " Next: the end of the session");
	put_bar(c, s, now, sc->utf8);
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

/* The whole canvas in one write, each line cut to fit and cleared. */
static void
paint(const struct screen *sc, const struct canvas *c)
{
	char buf[32768];
	size_t o = 0;
	int i;

	o += (size_t)snprintf(buf + o, sizeof buf - o, "\033[H");
	for (i = 0; i < c->n && i < sc->rows; i++) {
		int hi = i == 0 && sc->color;
		int flash = i == 0 && sc->flash;

		if (flash || hi)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s",
			    flash ? "\033[7m" : "\033[1;44;37m");
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%.*s",
		    lr_fit(c->line[i], sizeof c->line[i], sc->cols),
		    c->line[i]);
		o += (size_t)snprintf(buf + o, sizeof buf - o, "\033[K%s%s",
		    flash || hi ? "\033[0m" : "", i + 1 < c->n ? "\r\n" : "");
		if (o + 4096 > sizeof buf)
			break;
	}
	o += (size_t)snprintf(buf + o, sizeof buf - o, "\033[J");
	(void)!write(sc->tty, buf, o);
}

/*
 * The screen on the terminal tty as TERM names it: plain lines on a
 * dumb one (in batch mode there are only lines anyway), colour where
 * it has colour, block characters when the locale is UTF-8.
 */
void
screen_open(struct screen *sc, int tty, int batch)
{
	const char *term = getenv("TERM");

	if (term == NULL)
		term = "dumb";
	memset(sc, 0, sizeof *sc);
	sc->tty = tty;
	sc->dumb = !batch && (strcmp(term, "dumb") == 0 || term[0] == '\0');
	sc->color = !sc->dumb && lr_color_term(term);
	sc->utf8 = lr_utf8_locale();
	term_size(&sc->rows, &sc->cols);
}

void
screen_draw(const struct screen *sc, const struct session *s,
    long long now)
{
	struct canvas c;

	memset(&c, 0, sizeof c);
	c.cols = sc->cols;
	if (sc->help)
		draw_help(&c);
	else
		draw_session(&c, sc, s, now);
	paint(sc, &c);
}

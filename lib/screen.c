/* screen.c - owns the timer's screen, laid out to fit the window. */

/*
 * The timer's screen: the session laid out to fit the window,
 * what matters most kept when rows are short, painted whole, and only
 * when it changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bigtext.h"
#include "canvas.h"
#include "screen.h"

#define MAX_ROWS 100		/* a taller window is drawn in its top part */
#define MAX_SCALE 16

enum { A_PLAIN, A_TITLE, A_PHASE, A_ASK };

/* The parts of the screen, in the order they are shown. */
enum {
	S_TITLE, S_NAME, S_CUE, S_HOW, S_STATUS, S_GAP1, S_DIGITS, S_GAP2,
	S_PHASE, S_PACE, S_WHY, S_STEPS, S_NEXT, S_BAR, S_KEYS, S_N
};

/* What the screen shows now, in words, before it is laid out. */
struct view {
	const struct session *s;
	const struct phase *p;
	const struct session_ex *e;
	long long now;
	long done_ms;
	const char *phase;		/* the phase in a word or two */
	const char *side;		/* LEFT, RIGHT or NULL */
	char digits[32];		/* the count now */
	char widest[32];		/* the widest count of the phase */
	char next[256], how[256];
	const char *ask;		/* a first q or n's question, or NULL */
	int color;			/* the phase's colour, 30-37 */
};

/* How many lines each part is given, and the sizes of the big ones. */
struct layout {
	int n[S_N];
	int left;			/* rows not given yet */
	int dsy;			/* the digits' scale; 0: one line */
	int psy, pside;			/* the phase's scale, 0: small; side too */
};

/* ---- what is shown ---- */

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

/* Get ready yellow, work green, switch magenta, rest blue, paused red. */
static int
phase_color(const struct session *s, const struct phase *p)
{
	static const int colors[] = { 33, 32, 35, 34 };

	return s->paused ? 31 : colors[p->kind];
}

/* "Position: lying on your back. Equipment: none." */
static void
how_text(char *dst, size_t n, const struct plan_row *r)
{
	char *pos = lr_list_say(r->position, " or ", 1);
	char *eq = lr_list_say(r->equipment, ", ", 1);

	snprintf(dst, n, "Position: %s. Equipment: %s.", pos, eq);
	free(pos);
	free(eq);
}

/* What comes next: the next set after a rest, else the next exercise. */
static void
next_text(char *dst, size_t n, const struct view *v)
{
	const struct session *s = v->s;
	char dose[96];

	if (v->p->kind == PH_REST)
		snprintf(dst, n, "set %d of %ld", v->p->set + 1,
		    v->e->r.dose.sets);
	else if ((size_t)v->p->ex + 1 < s->nex)
		snprintf(dst, n, "%s (%s)", v->e[1].r.name,
		    lr_dose_text(dose, sizeof dose, &v->e[1].r.dose));
	else
		snprintf(dst, n, "the end of the session");
}

static void
make_view(struct view *v, const struct screen *sc, const struct session *s,
    long long now)
{
	const struct phase *p = session_phase(s);

	memset(v, 0, sizeof *v);
	v->s = s;
	v->p = p;
	v->e = session_current(s);
	v->now = now;
	v->ask = sc->ask;
	v->done_ms = session_elapsed(s, now);
	v->phase = phase_word(p);
	v->side = p->side == SIDE_LEFT ? "LEFT" : p->side == SIDE_RIGHT ?
	    "RIGHT" : NULL;
	v->color = sc->color ? phase_color(s, p) : 0;
	if (p->kind == PH_WORK && p->rep > 0) {
		snprintf(v->digits, sizeof v->digits, "%d", p->rep);
		snprintf(v->widest, sizeof v->widest, "%ld",
		    v->e->r.dose.reps);
	} else {
		clock_text(v->digits, sizeof v->digits,
		    (p->ms - v->done_ms + 999) / 1000);
		clock_text(v->widest, sizeof v->widest, (p->ms + 999) / 1000);
	}
	next_text(v->next, sizeof v->next, v);
	how_text(v->how, sizeof v->how, &v->e->r);
}

/* ---- the parts, drawn at row at, or counted when at < 0 ---- */

static int
draw_title(struct canvas *c, int at, const struct view *v, int max)
{
	char t[160];
	int cut;

	snprintf(t, sizeof t, "lr-timer   step %d of %zu   %s",
	    v->p->ex + 1, v->s->nex, v->s->paused ?
	    "PAUSED - space to go on" : "");
	return canvas_wrap(c, at, " ", 1, t, max, A_TITLE, &cut);
}

/*
 * The phase, the side and the set in small letters, also when they are
 * shown large too (the words are there to read, copy or search): on one
 * line when it fits, else as many lines as it takes, the phase and side
 * first.
 */
static int
draw_status(struct canvas *c, int at, const struct view *v, int max)
{
	char part[4][32], line[LINE_BYTES];
	int np = 0, i, n = 0, col = 0, attr = v->color ? A_PHASE : A_PLAIN;
	int set, side = -1;
	size_t o = 0;

	if (v->s->paused)
		snprintf(part[np++], sizeof part[0], "PAUSED");
	snprintf(part[np++], sizeof part[0], "%s", v->phase);
	if (v->side != NULL)
		snprintf(part[side = np++], sizeof part[0], "%s side",
		    v->side);
	snprintf(part[set = np++], sizeof part[0], "set %d of %ld",
	    v->p->set, v->e->r.dose.sets);
	for (i = 0; i < np; i++)	/* on one line, the set before the side */
		o += (size_t)snprintf(line + o, sizeof line - o, "%s%s",
		    i ? "   " : " ", part[i == side ? set : i == set &&
		    side >= 0 ? side : i]);
	if ((int)o <= c->width) {
		canvas_text(c, at, line, attr);
		return 1;
	}
	for (i = 0, o = 0; i < np && n < max; i++) {
		int len = (int)strlen(part[i]);

		if (col > 0 && col + 2 + len > c->width) {
			if (at >= 0)
				canvas_text(c, at + n, line, attr);
			n++;
			col = 0;
			o = 0;
		}
		if (n < max && col + 1 + len <= c->width) {
			o += (size_t)snprintf(line + o, sizeof line - o,
			    "%s%s", col ? "  " : " ", part[i]);
			col += (col ? 2 : 1) + len;
		}
	}
	if (col > 0 && n < max && at >= 0)
		canvas_text(c, at + n, line, attr);
	return n + (col > 0 && n < max);
}

/* The rep counted, or the pace of a hold counted in breaths. */
static int
draw_pace(struct canvas *c, int at, const struct view *v)
{
	const struct dose *d = &v->e->r.dose;
	const struct phase *p = v->p;
	long per, in_breath, k, done = v->done_ms;
	char t[128], bar[64];
	int width = c->width > 34 ? 30 : c->width - 4, len;

	if (p->kind == PH_WORK && p->rep > 0) {
		snprintf(t, sizeof t, "rep %d of %ld%s", p->rep, d->reps,
		    d->hold_s > 0 && done >= d->rep_s * 500 &&
		    done < d->rep_s * 500 + d->hold_s * 1000 ?
		    "  - hold" : "  - slowly");
		if (at >= 0)
			canvas_centred(c, at, A_PLAIN, t);
		return 1;
	}
	if (p->kind != PH_WORK || d->breaths <= 0 || width < 4)
		return 0;
	per = p->ms / d->breaths > 0 ? p->ms / d->breaths : 1;
	in_breath = done % per;
	k = done / per + 1 > d->breaths ? d->breaths : done / per + 1;
	len = (int)(in_breath * 2 * width / per);
	if (len > width)
		len = 2 * width - len;
	snprintf(t, sizeof t, "breath %ld of %ld: %s", k, d->breaths,
	    in_breath * 2 < per ? "breathe in slowly" : "breathe out slowly");
	snprintf(bar, sizeof bar, "[%-*.*s]", width, len < 0 ? 0 : len,
	    "==============================");
	if (at >= 0) {
		canvas_centred(c, at, A_PLAIN, t);
		canvas_centred(c, at + 1, A_PLAIN, bar);
	}
	return 2;
}

/* The steps of the exercise, numbered, as many as fit. */
static int
draw_steps(struct canvas *c, int at, const struct view *v, int max)
{
	const char *p = v->e->r.steps;
	int n = 0, k = 1, cut = 0;

	while (p != NULL && *p != '\0' && n < max && !cut) {
		size_t len = strcspn(p, "\n");
		char step[LINE_BYTES * 2], lead[16];

		snprintf(step, sizeof step, "%.*s", (int)len, p);
		p += len + (p[len] == '\n');
		if (step[strspn(step, " ")] == '\0')
			continue;
		snprintf(lead, sizeof lead, " %d. ", k);
		n += canvas_wrap(c, at < 0 ? -1 : at + n, lead,
		    (int)strlen(lead), step, max - n, A_PLAIN, &cut);
		k++;
	}
	return n;
}

/* The progress of the whole session, and the time it has left. */
static int
draw_bar(struct canvas *c, int at, const struct view *v)
{
	long total = session_total(v->s), left = session_left(v->s, v->now);
	int pct = total > 0 ? (int)((total - left) * 100 / total) : 100;
	char bar[1024], suffix[64], t[32];
	int width, fill, i;
	size_t o = 0;

	bar[0] = '\0';		/* a window too narrow has no bar */
	snprintf(suffix, sizeof suffix, " %3d%%  %s left", pct,
	    lr_fmt_secs(t, sizeof t, (left + 999) / 1000));
	if ((width = c->width - 2 - (int)strlen(suffix)) < 5) {
		snprintf(suffix, sizeof suffix, " %3d%%", pct);
		width = c->width - 2 - (int)strlen(suffix);
	}
	if (width > 200)
		width = 200;
	fill = total > 0 && width > 0 ? (int)((double)(total - left) *
	    width / (double)total) : 0;
	for (i = 0; i < width; i++)
		o += (size_t)snprintf(bar + o, sizeof bar - o, "%s", i < fill ?
		    (c->utf8 ? "\xe2\x96\x88" : "#") :
		    (c->utf8 ? "\xe2\x96\x91" : "."));
	if (at >= 0)
		canvas_printf(c, at, A_PLAIN, " %s%s", bar, suffix);
	return 1;
}

/*
 * The keys, as many as the width has room for; or, standing out, what
 * a first q or n asks: the same key again.
 */
static int
draw_keys(struct canvas *c, int at, const char *ask)
{
	static const char *const keys[] = {
		" space pause  n n next  b back  q q quit  ? keys",
		" space pause  n n next  q q quit  ? keys",
		" space pause  q q quit  ? keys",
		" space pause  ? keys",
		" ? keys",
	};
	size_t i;
	int cut;

	if (ask != NULL)
		return canvas_wrap(c, at, " ", 1, ask, 1, A_ASK, &cut);
	for (i = 0; i + 1 < sizeof keys / sizeof keys[0]; i++)
		if ((int)strlen(keys[i]) <= c->width)
			break;
	if (at >= 0)
		canvas_text(c, at, keys[i], A_PLAIN);
	return 1;
}

/* The phase large, with the side when both fit on one line. */
static void
phase_big(char *dst, size_t n, const struct view *v, const struct layout *L)
{
	if (v->s->paused)
		snprintf(dst, n, "PAUSED");
	else if (L->pside)
		snprintf(dst, n, "%s  %s", v->phase, v->side);
	else
		snprintf(dst, n, "%s", v->phase);
}

/* Part `slot` at row at (or counted when at < 0), in at most max lines. */
static int
draw_slot(struct canvas *c, int at, const struct view *v,
    const struct layout *L, int slot, int max)
{
	int ready = v->p->kind == PH_READY, cut, attr = v->color ? A_PHASE :
	    A_PLAIN;
	char big[64];
	const struct plan_row *r = &v->e->r;

	switch (slot) {
	case S_TITLE: return draw_title(c, at, v, max);
	case S_NAME: return canvas_wrap(c, at, " ", 1, r->name, max, A_PLAIN,
	    &cut);
	case S_CUE: return r->cue[0] == '\0' ? 0 : canvas_wrap(c, at, " ", 1,
	    r->cue, max, A_PLAIN, &cut);
	case S_HOW: return !ready ? 0 : canvas_wrap(c, at, " ", 1, v->how,
	    max, A_PLAIN, &cut);
	case S_STATUS: return draw_status(c, at, v, max);
	case S_DIGITS:
		if (L->dsy > 0)
			return canvas_big(c, at, v->digits, L->dsy, attr);
		if (at >= 0)
			canvas_centred(c, at, attr, v->digits);
		return 1;
	case S_PHASE:			/* a blank line, then the word */
		phase_big(big, sizeof big, v, L);
		return L->psy > 0 ? 1 + canvas_big(c, at < 0 ? -1 : at + 1, big,
		    L->psy, attr) : 0;
	case S_PACE: return draw_pace(c, at, v);
	case S_WHY: return !ready || r->why[0] == '\0' ? 0 :
	    canvas_wrap(c, at, " Dose: ", 7, r->why, max, A_PLAIN, &cut);
	case S_STEPS: return !ready ? 0 : draw_steps(c, at, v, max);
	case S_NEXT: return canvas_wrap(c, at, " Next: ", 7, v->next, 1,
	    A_PLAIN, &cut);
	case S_BAR: return draw_bar(c, at, v);
	case S_KEYS: return draw_keys(c, at, v->ask);
	}
	return 1;			/* the gaps */
}

/* ---- the layout ---- */

static int
give(struct layout *L, int slot, int n)
{
	if (n <= 0 || n > L->left)
		return 0;
	L->n[slot] += n;
	L->left -= n;
	return 1;
}

/* A part as many more lines as it wants, or as many as are left. */
static void
give_some(struct canvas *c, struct layout *L, const struct view *v,
    int slot)
{
	int want = draw_slot(c, -1, v, L, slot, MAX_ROWS) - L->n[slot];

	give(L, slot, want < L->left ? want : L->left);
}

/* The next bigger scale: ASCII, with no half blocks to spare, doubles
 * rows from 1 and 2 on. */
static int
next_scale(int sy, int utf8)
{
	return utf8 || sy < 2 ? sy + 1 : sy + 2;
}

/* The digits one size bigger, when it fits. */
static int
grow_digits(struct canvas *c, struct layout *L, const struct view *v,
    int most)
{
	int sy = next_scale(L->dsy, c->utf8);

	if (L->dsy == 0 || sy > MAX_SCALE || big_rows(sy) > most ||
	    big_scale_x(v->widest, sy, c->width) == 0 ||
	    !give(L, S_DIGITS, big_rows(sy) - big_rows(L->dsy)))
		return 0;
	L->dsy = sy;
	return 1;
}

/*
 * The phase large, below a blank line: with the side on the same line
 * at the largest scale both fit, else alone; at most half the digits'
 * scale.
 */
static void
lay_phase(struct canvas *c, struct layout *L, const struct view *v)
{
	int most = L->dsy / 2 > 1 ? L->dsy / 2 : 1, pass, sy;
	char big[64];

	if (!c->utf8 && most > 2 && most % 2)
		most--;
	for (pass = (v->side != NULL && !v->s->paused) ? 0 : 1; pass < 2;
	    pass++) {
		L->pside = pass == 0;
		phase_big(big, sizeof big, v, L);
		for (sy = most; sy >= 1; sy -= !c->utf8 && sy > 2 ? 2 : 1)
			if (big_has(big) && big_scale_x(big, sy, c->width) &&
			    give(L, S_PHASE, 1 + big_rows(sy))) {
				L->psy = sy;
				return;
			}
	}
	L->psy = L->pside = 0;
}

/*
 * Lay the parts out in the rows there are.  The countdown first, then
 * the phase and side, the name, what comes next, the progress bar and
 * the keys, each a line at least, as long as there are rows for them;
 * the digits grow to their share of the window; then the phase in large
 * letters, the title, the pace, the cue, the position and equipment, the
 * steps and the dose's reason while rows are left; the digits take what
 * is left over at the end.
 */
static void
lay_out(struct canvas *c, struct layout *L, const struct view *v)
{
	static const int must[] = { S_STATUS, S_NAME, S_NEXT, S_BAR, S_KEYS };
	static const int more[] = { S_TITLE, S_PACE, S_CUE, S_HOW, S_NAME,
	    S_STATUS, S_STEPS, S_WHY, S_GAP2, S_GAP1 };
	int share = c->rows / (v->p->kind == PH_READY ? 4 : 3);
	size_t i;

	memset(L, 0, sizeof *L);
	L->left = c->rows;
	if (c->rows > big_rows(1) && big_scale_x(v->widest, 1, c->width))
		L->dsy = 1;
	give(L, S_DIGITS, L->dsy ? big_rows(1) : 1);
	for (i = 0; i < sizeof must / sizeof must[0]; i++)
		give(L, must[i], 1);
	while (grow_digits(c, L, v, share))
		;
	lay_phase(c, L, v);
	for (i = 0; i < sizeof more / sizeof more[0]; i++) {
		if (more[i] == S_GAP1 || more[i] == S_GAP2)
			give(L, more[i], more[i] == S_GAP1 || L->psy == 0);
		else if (more[i] == S_PACE || more[i] == S_TITLE)
			give(L, more[i], draw_slot(c, -1, v, L, more[i], 1));
		else
			give_some(c, L, v, more[i]);
	}
	while (grow_digits(c, L, v, c->rows))
		;
}

static void
draw_session(struct canvas *c, const struct screen *sc,
    const struct session *s, long long now)
{
	static const int bottom[] = { S_NEXT, S_BAR, S_KEYS };
	struct view v;
	struct layout L;
	int slot, at = 0;
	size_t i;

	make_view(&v, sc, s, now);
	lay_out(c, &L, &v);
	for (slot = 0; slot < S_NEXT; slot++) {
		if (L.n[slot] > 0 && slot != S_GAP1 && slot != S_GAP2)
			draw_slot(c, at, &v, &L, slot, L.n[slot]);
		at += L.n[slot];
	}
	at = c->rows;
	for (i = 0; i < sizeof bottom / sizeof bottom[0]; i++)
		at -= L.n[bottom[i]];
	for (i = 0; i < sizeof bottom / sizeof bottom[0]; i++) {
		if (L.n[bottom[i]] > 0)
			draw_slot(c, at, &v, &L, bottom[i], 1);
		at += L.n[bottom[i]];
	}
}

static void
draw_help(struct canvas *c)
{
	static const char *const help[] = {
		" lr-timer keys",
		"",
		"   space     pause, and go on again",
		"   n n       skip to the next exercise (n twice)",
		"   b         back to the start of this exercise",
		"   q q       end the session; what you did is kept",
		"   Ctrl-C    end the session at once",
		"   Ctrl-Z    suspend; the session comes back paused",
		"   ?         these keys; the session waits, paused",
		"",
		" Caps Lock changes nothing: N N and Q Q work too.",
		"",
		" Stop at once if the pain turns sharp or shooting.",
		"",
		" Press any key to go back.",
	};
	int i, n = (int)(sizeof help / sizeof help[0]), at = 0, cut;

	for (i = 0; i < n - 1 && at < c->rows - 1; i++) {
		char lead[8];
		size_t k = strspn(help[i], " ");

		if (help[i][0] == '\0' && c->rows < n)
			continue;	/* short of rows: no blank lines */
		snprintf(lead, sizeof lead, "%.*s", (int)k, help[i]);
		at += canvas_wrap(c, at, lead, 0, help[i] + k, 1, A_PLAIN,
		    &cut);
	}
	canvas_wrap(c, c->rows >= n ? at : c->rows - 1, " ", 0, help[n - 1] + 1,
	    1, A_PLAIN, &cut);
}

/* ---- painting ---- */

static size_t
put_attr(char *buf, size_t n, const struct screen *sc, const struct line *l,
    int row, int color)
{
	if ((row == 0 && sc->flash) || l->attr == A_ASK)
		return (size_t)snprintf(buf, n, "\033[7m");
	if (!sc->color || l->attr == A_PLAIN)
		return 0;
	if (l->attr == A_TITLE)
		return (size_t)snprintf(buf, n, "\033[1;44;37m");
	return (size_t)snprintf(buf, n, "\033[1;%dm", color);
}

/*
 * The canvas as bytes: each row placed, written and cleared to its end
 * (never written in the last column), attributes reset after each.
 */
static size_t
frame(char *buf, size_t n, const struct screen *sc, const struct canvas *c,
    int color)
{
	size_t o = 0;
	int i;

	for (i = 0; i < c->rows && o + LINE_BYTES + 64 < n; i++) {
		size_t a;

		o += (size_t)snprintf(buf + o, n - o, "\033[%d;1H", i + 1);
		a = put_attr(buf + o, n - o, sc, &c->l[i], i, color);
		o += a;
		o += (size_t)snprintf(buf + o, n - o, "%s\033[K%s",
		    c->l[i].s, a > 0 ? "\033[0m" : "");
	}
	if (c->rows < sc->rows)
		o += (size_t)snprintf(buf + o, n - o, "\033[J");
	return o;
}

/* Write the frame, unless it is what the window shows already. */
static void
paint(struct screen *sc, const char *buf, size_t len)
{
	if (sc->last != NULL && len == sc->last_len &&
	    sc->last_rows == sc->rows && sc->last_cols == sc->cols &&
	    memcmp(buf, sc->last, len) == 0)
		return;
	if (sc->last == NULL || len > sc->last_cap) {
		sc->last = lr_xrealloc(sc->last, len + 1);
		sc->last_cap = len;
	}
	memcpy(sc->last, buf, len);
	sc->last_len = len;
	sc->last_rows = sc->rows;
	sc->last_cols = sc->cols;
	(void)!write(sc->tty, buf, len);
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
screen_draw(struct screen *sc, const struct session *s, long long now)
{
	struct canvas c;
	size_t n, len;
	char *buf;

	c.rows = sc->rows < MAX_ROWS ? sc->rows : MAX_ROWS;
	c.width = (sc->cols < MAX_COLS ? sc->cols : MAX_COLS) - 1;
	c.utf8 = sc->utf8;
	if (c.rows < 1 || c.width < 1)
		return;
	c.l = lr_xmalloc((size_t)c.rows * sizeof *c.l);
	memset(c.l, 0, (size_t)c.rows * sizeof *c.l);
	if (sc->help)
		draw_help(&c);
	else
		draw_session(&c, sc, s, now);
	n = (size_t)(c.rows + 1) * (LINE_BYTES + 64);
	buf = lr_xmalloc(n);
	len = frame(buf, n, sc, &c, sc->help ? 0 :
	    phase_color(s, session_phase(s)));
	paint(sc, buf, len);
	free(buf);
	free(c.l);
}

/* The window no longer shows the last frame: draw the next whole. */
void
screen_redraw(struct screen *sc)
{
	sc->last_len = 0;
	sc->last_rows = sc->last_cols = 0;
}

void
screen_close(struct screen *sc)
{
	free(sc->last);
	sc->last = NULL;
	sc->last_len = sc->last_cap = 0;
}

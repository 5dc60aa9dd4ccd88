/*
 * screen_test.c - the timer's screen drawn into a pipe at many window
 * sizes and read back as a terminal would show it: the countdown grows
 * with the window, nothing is written past the window's edge or in its
 * last column, no word is cut, and colour only where it may be.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "unit.h"
#include "bigtext.h"
#include "screen.h"

#define MAXR 100

static const char STEPS[] =
    "Lie on your back with your knees bent and both feet flat on the "
    "floor.\nBring one knee slowly up toward your chest.\nHold it there "
    "with both hands while the other leg rests.\nFeel a gentle stretch "
    "in the lower back and the hip.\nLower the foot slowly and swap "
    "sides.";
static const char CUE[] = "Hug one knee in; let the lower back soften";
static const char WHY[] = "25 s hold, was 20 s: done in full twice";

/* Every word the screen may show, for the check that none is cut. */
static const char VOCABULARY[] =
    "lr-timer step of set side LEFT RIGHT GET READY HOLD REPS REST "
    "SWITCH SIDES PAUSED PAUSED - space to go on Next: Knee to chest "
    "Bridge (1 set of 5; 3 sets, each side; rest 10 s) the end of the "
    "session Position: lying on your back. Equipment: none. Dose: "
    "left min s % space pause n next b back q quit ? keys rep slowly "
    "hold Lift";

struct fixture {
	struct session s;
	struct screen sc;
	int rfd;
};

/* The terminal, as far as the screen drives it: rows of text. */
struct term {
	char row[MAXR][2048];
	int width[MAXR];		/* columns written in each row */
	int rows, cols, bad_row, newlines, color;
};

static void
add_exercises(struct session *s)
{
	struct plan_row a = UNIT_ROW(1, "knee-to-chest", "Knee to chest",
	    "stretch", "supine", CUE, 2, 3, 0, 0, 20, 0, 10);
	struct plan_row b = UNIT_ROW(2, "bridge", "Bridge", "strength",
	    "supine", "Lift", 1, 1, 5, 2, 3, 0, 0);

	a.why = WHY;
	a.steps = STEPS;
	session_init(s, NULL);
	session_add(s, &a);
	session_add(s, &b);
	session_layout(s, 10, 10, 5);
	session_start(s, 0);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	int fds[2];

	assert_non_null(f);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	f->rfd = fds[0];
	add_exercises(&f->s);
	setenv("TERM", "xterm-256color", 1);
	setenv("NO_COLOR", "1", 1);
	screen_open(&f->sc, fds[1], 0);
	f->sc.utf8 = 1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	close(f->sc.tty);
	close(f->rfd);
	screen_close(&f->sc);
	session_free(&f->s);
	free(f);
	return 0;
}

/* What the last draw wrote; "" when it wrote nothing. */
static char *
drawn(struct fixture *f, size_t *len)
{
	static char buf[1 << 17];
	ssize_t n;

	*len = 0;
	while ((n = read(f->rfd, buf + *len, sizeof buf - 1 - *len)) > 0)
		*len += (size_t)n;
	assert_true(n == 0 || errno == EAGAIN);
	buf[*len] = '\0';
	return buf;
}

/*
 * Play the bytes on a terminal of rows x cols: CSI r;c H places the
 * cursor, other sequences change no text; anything written at or past
 * the last column, below the last row, or a line feed, is counted as
 * breaking the window.
 */
static void
play(struct term *t, const char *b, size_t len, int rows, int cols)
{
	size_t i = 0;
	int r = 0;

	memset(t, 0, sizeof *t);
	t->rows = rows;
	t->cols = cols;
	t->bad_row = -1;
	while (i < len) {
		if (b[i] == '\033' && i + 1 < len && b[i + 1] == '[') {
			size_t j = i + 2;
			int a = 0;

			while (j < len && (b[j] < 0x40 || b[j] > 0x7e))
				j++;
			if (b[j] == 'H') {
				a = (int)strtol(b + i + 2, NULL, 10);
				r = a > 0 ? a - 1 : 0;
			}
			if (b[j] == 'm' && j > i + 2 && strncmp(b + i + 2,
			    "0m", 2) != 0 && strncmp(b + i + 2, "7m", 2) != 0)
				t->color++;
			i = j + 1;
			continue;
		}
		if (b[i] == '\n' || b[i] == '\r')
			t->newlines++;
		else if (r < MAXR) {
			size_t o = strlen(t->row[r]);

			if (o + 1 < sizeof t->row[r])
				t->row[r][o] = b[i];
			if (((unsigned char)b[i] & 0xc0) != 0x80)
				t->width[r]++;
		}
		if (r >= rows || (r < MAXR && t->width[r] >= cols))
			t->bad_row = r;
		i++;
	}
}

static int
blocky(const char *s)
{
	return strstr(s, "\xe2\x96\x88") != NULL ||
	    strstr(s, "\xe2\x96\x80") != NULL ||
	    strstr(s, "\xe2\x96\x84") != NULL;
}

/* Rows of the first run of big text: the countdown. */
static int
digit_rows(const struct term *t)
{
	int r = 0, n = 0;

	while (r < t->rows && !blocky(t->row[r]))
		r++;
	while (r < t->rows && blocky(t->row[r]) && strstr(t->row[r],
	    "\xe2\x96\x91") == NULL) {
		n++;
		r++;
	}
	return n;
}

static void
draw_at(struct fixture *f, struct term *t, int rows, int cols, long long now)
{
	size_t len;
	const char *b;

	f->sc.rows = rows;
	f->sc.cols = cols;
	session_tick(&f->s, now);
	screen_redraw(&f->sc);
	screen_draw(&f->sc, &f->s, now);
	b = drawn(f, &len);
	assert_true(len > 0);
	play(t, b, len, rows, cols);
}

static int
has_text(const struct term *t, const char *text)
{
	int r;

	for (r = 0; r < t->rows; r++)
		if (strstr(t->row[r], text) != NULL)
			return 1;
	return 0;
}

/* Is w (up to n bytes) a whole word of the text? */
static int
whole_word(const char *text, const char *w, size_t n)
{
	const char *p = text;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == text || p[-1] == ' ' || p[-1] == '\n') &&
		    strchr(" \n", p[n]) != NULL)
			return 1;
		p++;
	}
	return 0;
}

/* Every word on the screen is one the screen may show, whole. */
static void
no_word_cut(const struct term *t)
{
	static char known[4096];
	int r;

	snprintf(known, sizeof known, "%s %s %s %s %s", VOCABULARY, STEPS,
	    CUE, WHY, "");
	for (r = 0; r < t->rows; r++) {
		const char *p = t->row[r];

		while (*p != '\0') {
			size_t n;
			char w[256];

			p += strspn(p, " ");
			n = strcspn(p, " ");
			snprintf(w, sizeof w, "%.*s", (int)n, p);
			p += n;
			n = strlen(w);
			if (n >= 3 && strcmp(w + n - 3, "\xe2\x80\xa6") == 0)
				w[n -= 3] = '\0';
			if (n == 0 || blocky(w) || strstr(w, "\xe2\x96\x91") ||
			    strspn(w, "0123456789%:.()[]=") == n ||
			    (strspn(w, "0123456789") > 0 && w[n - 1] == '.'))
				continue;
			if (!whole_word(known, w, n))
				fail_msg("row %d: \"%s\" is not a whole word: "
				    "%s", r + 1, w, t->row[r]);
		}
	}
}

static void
fits(const struct term *t)
{
	assert_int_equal(t->newlines, 0);
	assert_int_equal(t->bad_row, -1);
}

/* The countdown grows with the window, at each phase. */
static void
digits_grow(void **state)
{
	struct fixture *f = *state;
	static const long long at[] = { 1000, 15000, 58000 };
	struct term t;
	size_t i;

	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		int d8, d12, d24, d40;

		draw_at(f, &t, 8, 30, at[i]);
		d8 = digit_rows(&t);
		draw_at(f, &t, 12, 40, at[i]);
		d12 = digit_rows(&t);
		draw_at(f, &t, 24, 80, at[i]);
		d24 = digit_rows(&t);
		draw_at(f, &t, 40, 120, at[i]);
		d40 = digit_rows(&t);
		assert_int_equal(d8, 3);
		assert_int_equal(d12, 3);
		assert_true(d24 > d12);
		assert_true(d40 > d24);
	}
}

/* Each size from 30x8 on, each phase: nothing past the edges or cut. */
static void
everything_fits(void **state)
{
	struct fixture *f = *state;
	static const int size[][2] = {
		{ 8, 30 }, { 9, 31 }, { 10, 34 }, { 12, 40 }, { 16, 50 },
		{ 24, 80 }, { 30, 100 }, { 40, 120 }, { 50, 200 }
	};
	static const long long at[] = { 0, 9500, 15000, 31000, 58000,
	    120000, 170000, 180000, 199000 };
	struct term t;
	size_t i, k;

	for (k = 0; k < sizeof at / sizeof at[0]; k++)
		for (i = 0; i < sizeof size / sizeof size[0]; i++) {
			draw_at(f, &t, size[i][0], size[i][1], at[k]);
			fits(&t);
			no_word_cut(&t);
			assert_true(digit_rows(&t) >= 3);
			if (size[i][0] >= 12)
				assert_true(has_text(&t, "Next: "));
		}
}

/* Tiny and odd windows do not break it either. */
static void
tiny_windows(void **state)
{
	struct fixture *f = *state;
	struct term t;
	int rows, cols;

	for (rows = 1; rows <= 14; rows++)
		for (cols = 2; cols <= 44; cols += 3) {
			draw_at(f, &t, rows, cols, 1000);
			fits(&t);
		}
}

/* The page of keys fits too, and always says how to leave it. */
static void
keys_page(void **state)
{
	struct fixture *f = *state;
	struct term t;
	int rows;

	f->sc.help = 1;
	for (rows = 1; rows <= 24; rows++) {
		draw_at(f, &t, rows, 30, 1000);
		fits(&t);
		assert_true(has_text(&t, "Press any key to go back."));
	}
	draw_at(f, &t, 24, 80, 1000);
	assert_true(has_text(&t, "   space     pause, and go on again"));
	draw_at(f, &t, 8, 30, 1000);
	assert_string_equal(t.row[0], " lr-timer keys");
	assert_true(has_text(&t, "   space     pause, and go\xe2\x80\xa6"));
	f->sc.help = 0;
}

/* The order of what is kept when rows are short. */
static void
priorities(void **state)
{
	struct fixture *f = *state;
	struct term t;

	draw_at(f, &t, 8, 30, 1000);
	assert_string_equal(t.row[0], " Knee to chest");
	assert_true(has_text(&t, "GET READY"));
	assert_true(has_text(&t, "LEFT side"));
	assert_true(has_text(&t, " Next: Bridge"));
	assert_true(has_text(&t, "left"));
	assert_true(has_text(&t, "space pause"));
	draw_at(f, &t, 6, 30, 1000);
	assert_false(has_text(&t, "space pause"));
	assert_false(has_text(&t, "% "));
	assert_true(has_text(&t, " Next: Bridge"));
	assert_true(has_text(&t, "GET READY"));
	draw_at(f, &t, 4, 30, 1000);
	assert_true(has_text(&t, "GET READY"));
	assert_false(has_text(&t, "Knee"));
	assert_int_equal(digit_rows(&t), 3);
	draw_at(f, &t, 2, 30, 1000);
	assert_true(has_text(&t, "9"));
	assert_true(has_text(&t, "GET READY"));
}

/* Get ready: where, with what, and the steps, as many as fit. */
static void
get_ready(void **state)
{
	struct fixture *f = *state;
	struct term t;

	draw_at(f, &t, 24, 80, 1000);
	assert_true(has_text(&t, "Position: lying on your back. Equipment: "
	    "none."));
	assert_true(has_text(&t, "Dose: 25 s hold"));
	assert_true(has_text(&t, " 1. Lie on your back"));
	draw_at(f, &t, 40, 120, 1000);
	assert_true(has_text(&t, " 5. Lower the foot slowly and swap sides."));
	draw_at(f, &t, 20, 40, 1000);
	assert_true(has_text(&t, " 1. Lie on your back"));
	assert_false(has_text(&t, " 5. "));
	/* Not once it began. */
	draw_at(f, &t, 40, 120, 15000);
	assert_false(has_text(&t, " 1. Lie on your back"));
	assert_true(has_text(&t, CUE));
}

/* The rest between sets says which set is next. */
static void
rest_says_next_set(void **state)
{
	struct fixture *f = *state;
	struct term t;

	draw_at(f, &t, 24, 80, 15000);
	assert_true(has_text(&t, "HOLD"));
	assert_true(has_text(&t, " Next: Bridge (1 set of 5)"));
	draw_at(f, &t, 24, 80, 58000);
	assert_true(has_text(&t, "REST"));
	assert_true(has_text(&t, " Next: set 2 of 3"));
}

/* Paused: said large, and the frame stays as it is: nothing written. */
static void
pause_holds_the_frame(void **state)
{
	struct fixture *f = *state;
	struct term t, u;
	size_t len;

	draw_at(f, &t, 24, 80, 15000);
	session_pause(&f->s, 15000);
	draw_at(f, &t, 24, 80, 15000);
	assert_true(has_text(&t, "PAUSED"));
	screen_draw(&f->sc, &f->s, 19000);
	(void)drawn(f, &len);
	assert_int_equal(len, 0);
	draw_at(f, &u, 24, 80, 19000);
	assert_memory_equal(&t, &u, sizeof t);
	session_resume(&f->s, 19000);
	screen_draw(&f->sc, &f->s, 19000);
	(void)drawn(f, &len);
	assert_true(len > 0);
}

/* The same frame again is not written; a new second is. */
static void
unchanged_not_written(void **state)
{
	struct fixture *f = *state;
	struct term t;
	size_t len;

	draw_at(f, &t, 24, 80, 15000);
	screen_draw(&f->sc, &f->s, 15100);
	(void)drawn(f, &len);
	assert_int_equal(len, 0);
	screen_draw(&f->sc, &f->s, 16100);
	(void)drawn(f, &len);
	assert_true(len > 0);
	f->sc.cols = 81;
	screen_draw(&f->sc, &f->s, 16100);
	(void)drawn(f, &len);
	assert_true(len > 0);
}

/* NO_COLOR, and terminals terminfo gives no colour, get none. */
static void
colour(void **state)
{
	struct fixture *f = *state;
	struct term t;

	assert_int_equal(f->sc.color, 0);
	draw_at(f, &t, 24, 80, 1000);
	assert_int_equal(t.color, 0);
	unsetenv("NO_COLOR");
	setenv("TERM", "vt100", 1);
	assert_int_equal(lr_color_term("vt100"), 0);
	setenv("TERM", "xterm-256color", 1);
	if (!lr_color_term("xterm-256color"))
		skip();
	f->sc.color = 1;
	draw_at(f, &t, 24, 80, 1000);
	assert_true(t.color > 0);
	setenv("NO_COLOR", "", 1);
	assert_int_equal(lr_color_term("xterm-256color"), 1);
	setenv("NO_COLOR", "1", 1);
}

/* Without UTF-8: '#', '"' and '_', and "..." for an ellipsis. */
static void
ascii(void **state)
{
	struct fixture *f = *state;
	struct term t;
	int r, high = 0;

	f->sc.utf8 = 0;
	draw_at(f, &t, 24, 80, 1000);
	for (r = 0; r < t.rows; r++) {
		const char *p;

		for (p = t.row[r]; *p != '\0'; p++)
			assert_true((unsigned char)*p < 0x80);
		high += strstr(t.row[r], "######") != NULL;
	}
	assert_true(high >= 2);
	draw_at(f, &t, 12, 30, 1000);
	fits(&t);
	f->sc.utf8 = 1;
}

/* The font: every letter the screen needs, and scales that fit. */
static void
font(void **state)
{
	char buf[512];
	int sy;

	(void)state;
	assert_true(big_has("0123456789: GET READY HOLD REPS REST PAUSED"));
	assert_true(big_has("SWITCH SIDES LEFT RIGHT GO"));
	assert_false(big_has("hold"));
	for (sy = 1; sy < 8; sy++)
		assert_true(big_rows(sy + 1) > big_rows(sy));
	assert_int_equal(big_rows(1), 3);
	assert_int_equal(big_cols("10", 1), 7);
	assert_int_equal(big_scale_x("10", 4, 27), 3);
	assert_int_equal(big_scale_x("10", 4, 13), 0);
	big_line(buf, sizeof buf, "8", 1, 2, 0, 0);
	assert_string_equal(buf, "###");
	big_line(buf, sizeof buf, "8", 1, 1, 2, 0);
	assert_string_equal(buf, "\"\"\"");
	big_line(buf, sizeof buf, "1", 2, 2, 1, 1);
	assert_string_equal(buf, "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88"
	    "\xe2\x96\x88");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(font),
		cmocka_unit_test_setup_teardown(digits_grow, setup, teardown),
		cmocka_unit_test_setup_teardown(everything_fits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(tiny_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(keys_page, setup, teardown),
		cmocka_unit_test_setup_teardown(priorities, setup, teardown),
		cmocka_unit_test_setup_teardown(get_ready, setup, teardown),
		cmocka_unit_test_setup_teardown(rest_says_next_set, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(pause_holds_the_frame, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(unchanged_not_written, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(colour, setup, teardown),
		cmocka_unit_test_setup_teardown(ascii, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * weeks_test.c - hand-made logs read from memory and grouped by ISO
 * week: the Sunday/Monday boundary, sessions counted once and without
 * a cap, told apart by their ids, each exercise of a session counted
 * once whatever its sides, the pain of each day and check-in notes.
 */
#include <unistd.h>

#include "unit.h"
#include "weeks.h"

#define HEADER "started\tsession\trecord\tstep\tid\tside\tsets\treps" \
	"\thold_s\tactive_s\tstatus\tpain\tnote\n"
/* An exercise record: one side, or both, of a session's step. */
#define EX(when, s, id, side, status, active) \
	EXS(when, s, 1, id, side, status, active)
/* The same at another step. */
#define EXS(when, s, step, id, side, status, active) \
	when "+01:00\t" s "\texercise\t" #step "\t" id "\t" side \
	"\t1\t0\t" #active "\t" #active "\t" status "\t\t\n"
#define PAIN(when, s, status, n) \
	when "+01:00\t" s "\tpain\t0\t\t\t0\t0\t0\t0\t" status "\t" #n "\t\n"
#define SCREEN(when, s, status, note) \
	when "+01:00\t" s "\tscreen\t0\t\t\t0\t0\t0\t0\t" status "\t\t" \
	note "\n"

/* Week 47 of 2026 runs from Monday 16 to Sunday 22 November. */
static long
day(int d)
{
	return lr_days_from_civil(2026, 11, d);
}

static void
read_log(struct weeks *s, const char *log)
{
	FILE *fp = unit_input(log);

	weeks_init(s, NULL);
	assert_int_equal(weeks_read_file(s, fp, "log"), 0);
	fclose(fp);
	weeks_finish(s);
}

static const struct week *
week_of(const struct weeks *s, int d)
{
	const struct week *w = weeks_find(s, day(d) - lr_weekday(day(d)));

	assert_non_null(w);
	return w;
}

/*
 * Sunday 23:50 is week 47's, Monday 00:10 week 48's; a session that
 * runs over midnight counts in the week of its first exercise, with
 * its exercises; each of its records' minutes on its own day.
 */
static void
sunday_and_monday(void **state)
{
	struct weeks s;
	const struct week *w47, *w48;

	(void)state;
	read_log(&s, HEADER
	    EX("2026-11-22T23:50:00", "sun", "cobra", "both", "done", 60)
	    EX("2026-11-23T00:10:00", "mon", "cobra", "both", "done", 30)
	    EX("2026-11-22T23:55:00", "late", "cobra", "both", "done", 40)
	    EX("2026-11-23T00:05:00", "late", "cat-cow", "both", "done", 20));
	w47 = week_of(&s, 22);
	w48 = week_of(&s, 23);
	assert_int_equal(w47->monday, day(16));
	assert_int_equal(w48->monday, day(23));
	assert_int_equal(w47->nsess, 2);
	assert_int_equal(w48->nsess, 1);
	assert_true(weeks_counted(w47, &s, "late"));
	assert_false(weeks_counted(w48, &s, "late"));
	assert_int_equal(w47->active, 1u << 6);
	assert_int_equal(w48->active, 1u << 0);
	/* Late's cat-cow, after midnight, is an exercise of week 47's. */
	assert_int_equal(w47->done, 3);
	assert_int_equal(w48->done, 1);
	assert_int_equal(w47->active_s, 100);
	assert_int_equal(w48->active_s, 50);
	weeks_free(&s);
}

/*
 * A session counts once, however many records it has; an exercise
 * counts once, however many sides; a session of skipped exercises is
 * no session.
 */
static void
sessions_once_records_each(void **state)
{
	struct weeks s;
	const struct week *w;

	(void)state;
	read_log(&s, HEADER
	    EX("2026-11-18T18:00:00", "a", "figure-four-stretch", "left",
		"done", 30)
	    EX("2026-11-18T18:01:00", "a", "figure-four-stretch", "right",
		"done", 30)
	    EX("2026-11-18T18:02:00", "a", "cobra", "both", "partial", 10)
	    EX("2026-11-18T18:03:00", "a", "bird-dog", "both", "skipped", 0)
	    EX("2026-11-19T18:00:00", "b", "cobra", "both", "skipped", 0)
	    EX("2026-11-20T18:00:00", "c", "cobra", "both", "partial", 5));
	w = week_of(&s, 18);
	assert_int_equal(w->nsess, 2);
	assert_int_equal(w->done, 1);
	assert_int_equal(w->partial, 2);
	assert_int_equal(w->skipped, 2);
	assert_int_equal(w->active_s, 75);
	/* Wednesday and Friday: Thursday's was skipped. */
	assert_int_equal(w->active, (1u << 2) | (1u << 4));
	assert_false(weeks_counted(w, &s, "b"));
	weeks_free(&s);
}

/* n sessions of one exercise each on Wednesday 18 November, twice. */
static char *
many_sessions(int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int i, round;

	assert_non_null(fp);
	fputs(HEADER, fp);
	for (round = 0; round < 2; round++)
		for (i = 0; i < n; i++)
			fprintf(fp, "2026-11-18T%02d:%02d:%02d+01:00\ts%d\t"
			    "exercise\t%d\tcobra\tboth\t1\t0\t60\t60\tdone"
			    "\t\t\n", 2 * round + i / 60 / 60, i / 60 % 60,
			    i % 60, i, round + 1);
	fclose(fp);
	return buf;
}

/*
 * 300 sessions in one week are 300, not 255; each seen again long
 * after (when the sessions seen last have moved on) is not counted
 * again, nor is its cobra, done again at a later step.
 */
static void
three_hundred_sessions(void **state)
{
	struct weeks s;
	char *log = many_sessions(300);

	(void)state;
	read_log(&s, log);
	assert_int_equal(week_of(&s, 18)->nsess, 300);
	assert_int_equal(week_of(&s, 18)->done, 300);
	assert_true(weeks_counted(week_of(&s, 18), &s, "s299"));
	assert_false(weeks_counted(week_of(&s, 18), &s, "s300"));
	weeks_free(&s);
	free(log);
}

/* Two ids whose 64-bit FNV-1a agree in their low 32 bits. */
#define ALIKE_A "20261118T180512-872a8"
#define ALIKE_B "20261118T180512-2dc0a"

static void
ids_alike_in_32_bits(void **state)
{
	struct weeks s;

	(void)state;
	assert_int_equal((uint32_t)lr_hash(ALIKE_A), (uint32_t)lr_hash(ALIKE_B));
	read_log(&s, HEADER
	    EX("2026-11-18T18:05:12", ALIKE_A, "cobra", "both", "done", 60)
	    EX("2026-11-18T18:05:12", ALIKE_B, "cobra", "both", "done", 60));
	assert_int_equal(week_of(&s, 18)->nsess, 2);
	weeks_free(&s);
}

static struct result
exercise(const char *session)
{
	struct result r;

	result_init(&r, session, "exercise");
	r.id = "cobra";
	r.side = "both";
	r.status = "done";
	r.active_s = 60;
	return r;
}

static struct lr_stamp
wednesday(void)
{
	struct lr_stamp t;
	const char *why;

	assert_int_equal(lr_parse_stamp("2026-11-18T18:00:00+01:00", &t,
	    &why), 0);
	return t;
}

/*
 * Two sessions whose ids take the same slot of the table of sessions
 * are still two, each with its own exercises, however their rows
 * interleave.
 */
static void
same_slot_other_id(void **state)
{
	struct weeks s;
	struct result r = exercise("a");
	struct lr_stamp t = wednesday();
	char b[16];
	int i;

	(void)state;
	for (i = 0; ; i++) {
		snprintf(b, sizeof b, "s%d", i);
		if ((lr_hash(b) & 255) == (lr_hash("a") & 255))
			break;
	}
	weeks_init(&s, NULL);
	r.side = "left";
	weeks_take(&s, &r, &t);
	r.session = b;
	r.status = "skipped";
	weeks_take(&s, &r, &t);
	r.session = "a";
	r.side = "right";
	r.status = "done";
	weeks_take(&s, &r, &t);
	assert_int_equal(s.tally.capslot, 256);
	assert_int_equal(weeks_find(&s, day(16))->nsess, 1);
	assert_int_equal(weeks_find(&s, day(16))->done, 1);
	assert_int_equal(weeks_find(&s, day(16))->skipped, 1);
	assert_int_equal(tally_state(&s.tally, "a", "cobra"), EX_DONE);
	assert_int_equal(tally_state(&s.tally, b, "cobra"), EX_SKIPPED);
	assert_false(weeks_counted(weeks_find(&s, day(16)), &s, b));
	weeks_free(&s);
}

/*
 * The sessions seen last are told apart by id too: "a", held under the
 * hash of "b" and counted in week 46, does not take in b's records.
 */
static void
same_hash_other_id_in_the_ring(void **state)
{
	struct weeks s;
	struct result r = exercise("b");
	struct lr_stamp t = wednesday();

	(void)state;
	weeks_init(&s, NULL);
	s.ring[0].hash = lr_hash("b");
	s.ring[0].id = lr_xstrdup("a");
	s.ring[0].idcap = 2;
	s.ring[0].week = day(9);
	s.ring[0].before = -1;
	s.ringpos = 1;
	weeks_take(&s, &r, &t);
	assert_null(weeks_find(&s, day(9)));
	assert_int_equal(weeks_find(&s, day(16))->nsess, 1);
	assert_true(weeks_counted(weeks_find(&s, day(16)), &s, "b"));
	weeks_free(&s);
}

/*
 * Pain: each day's first rating is the earliest of the day, whatever
 * the order of the rows and the session; the day's rise is the session
 * that raised pain most; the week's sums are by kind.
 */
static void
pain_of_a_day(void **state)
{
	struct weeks s;
	const struct week *w;
	const struct day *d;

	(void)state;
	read_log(&s, HEADER
	    PAIN("2026-11-18T18:00:00", "a", "before", 2)
	    PAIN("2026-11-18T18:30:00", "a", "after", 4)
	    PAIN("2026-11-18T07:30:00", "m", "check", 3)
	    PAIN("2026-11-18T19:00:00", "b", "before", 3)
	    PAIN("2026-11-18T19:30:00", "b", "after", 7)
	    PAIN("2026-11-18T20:00:00", "c", "before", 1)
	    PAIN("2026-11-18T20:30:00", "c", "after", 3)
	    PAIN("2026-11-19T08:00:00", "m2", "check", 5)
	    PAIN("2026-11-19T06:00:00", "d", "before", 6)
	    PAIN("2026-11-19T06:30:00", "d", "after", 5));
	w = week_of(&s, 18);
	d = &w->day[2];
	assert_int_equal(d->first, 3);
	assert_int_equal(d->first_t, 7 * 3600 + 30 * 60);
	assert_int_equal(d->rise_b, 3);
	assert_int_equal(d->rise_a, 7);
	/* Thursday: pain fell, so no rise; its first rating is 06:00's. */
	assert_int_equal(w->day[3].first, 6);
	assert_int_equal(w->day[3].rise_b, -1);
	assert_int_equal(w->day[4].first, -1);
	assert_int_equal(w->pain_n[0], 4);
	assert_int_equal(w->pain_sum[0], 12);
	assert_int_equal(w->pain_n[1], 4);
	assert_int_equal(w->pain_sum[1], 19);
	assert_int_equal(w->pain_n[2], 2);
	assert_int_equal(w->pain_sum[2], 8);
	assert_int_equal(w->pain_max, 7);
	/* Ratings alone make no session. */
	assert_int_equal(w->nsess, 0);
	weeks_free(&s);
}

/* A stop on the safety screen: its week, its day and its answers. */
static void
screens(void **state)
{
	struct weeks s;

	(void)state;
	read_log(&s, HEADER
	    SCREEN("2026-11-20T18:00:00", "x", "stop", "fever=yes")
	    SCREEN("2026-11-19T18:00:00", "y", "clear", "fever=no")
	    SCREEN("2026-11-18T18:00:00", "z", "stop", "numbness=yes"));
	assert_int_equal(week_of(&s, 18)->stopped, 2);
	assert_int_equal(week_of(&s, 18)->nsess, 0);
	assert_int_equal(s.nstops, 2);
	assert_int_equal(s.stops[0].day, day(18));
	assert_string_equal(s.stops[0].answers, "numbness=yes");
	assert_int_equal(s.stops[1].day, day(20));
	weeks_free(&s);
}

/* Rows that cannot be read are counted and named; the rest are read. */
static void
bad_rows_counted(void **state)
{
	struct weeks s;
	struct unit_messages m;
	FILE *fp = unit_input(HEADER
	    EX("2026-11-18T18:00:00", "a", "cobra", "both", "done", 60)
	    PAIN("2026-11-18T18:30:00", "a", "after", 11)
	    "garbage\n");

	(void)state;
	unit_messages_start(&m);
	weeks_init(&s, NULL);
	assert_int_equal(weeks_read_file(&s, fp, "log"), 0);
	assert_int_equal(s.rows, 1);
	assert_int_equal(s.skipped_rows, 2);
	assert_non_null(strstr(unit_messages_text(&m), "log:3: column "
	    "\"pain\""));
	assert_int_equal(week_of(&s, 18)->nsess, 1);
	weeks_free(&s);
	fclose(fp);
	unit_messages_end(&m);
}

#define COND(name) (1u << lr_word_index(lr_conditions, name))

/*
 * A session is for the conditions its exercises share, or for each of
 * theirs when they share none: cobra is for leg pain, sciatica and
 * low-back pain, the hip flexor stretch for leg and knee pain.
 */
static void
conditions_of_sessions(void **state)
{
	struct weeks s;
	struct idmask *idm;
	FILE *fp = unit_input(HEADER
	    EX("2026-11-18T18:00:00", "a", "cobra", "both", "done", 60)
	    EX("2026-11-18T18:01:00", "a", "cat-cow", "both", "done", 60));
	FILE *fp2 = unit_input(HEADER
	    EX("2026-11-18T18:00:00", "b", "chair-pose", "both", "done", 60)
	    EX("2026-11-18T18:01:00", "b", "calf-stretch", "both", "done", 60));
	FILE *fp3 = unit_input(HEADER
	    EX("2026-11-18T18:00:00", "c", "cobra", "both", "done", 60)
	    EX("2026-11-18T18:01:00", "c", "hip-flexor-stretch", "left",
		"done", 60));

	(void)state;
	assert_int_equal(setenv("LR_CATALOG", "share/catalog.tsv", 1), 0);
	idm = idmask_read();
	assert_non_null(idm);
	weeks_init(&s, idm);
	assert_int_equal(weeks_read_file(&s, fp, "log"), 0);
	weeks_finish(&s);
	assert_int_equal(s.conditions, COND("leg-pain") | COND("sciatica") |
	    COND("low-back-pain"));
	weeks_free(&s);
	weeks_init(&s, idm);
	assert_int_equal(weeks_read_file(&s, fp2, "log"), 0);
	weeks_finish(&s);
	assert_int_equal(s.conditions, COND("knee-pain") | COND("leg-pain"));
	weeks_free(&s);
	weeks_init(&s, idm);
	assert_int_equal(weeks_read_file(&s, fp3, "log"), 0);
	weeks_finish(&s);
	assert_int_equal(s.conditions, COND("leg-pain"));
	weeks_free(&s);
	idmask_free(idm);
	fclose(fp);
	fclose(fp2);
	fclose(fp3);
}

/*
 * A catalog of 300 exercises, ex0 to ex299, each a copy of the shipped
 * row of `like` under its new id; its path is left in path.
 */
static void
big_catalog(char *path, size_t n, const char *like)
{
	char line[TSV_LINE_MAX], row[TSV_LINE_MAX] = "";
	FILE *in = fopen("share/catalog.tsv", "r"), *out;
	size_t k = strlen(like);
	int fd, i;

	snprintf(path, n, "%s", "/tmp/lr-weeks-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	out = fdopen(fd, "w");
	assert_non_null(in);
	assert_non_null(out);
	assert_non_null(fgets(line, sizeof line, in));
	fputs(line, out);
	while (fgets(line, sizeof line, in) != NULL)
		if (strncmp(line, like, k) == 0 && line[k] == '\t')
			snprintf(row, sizeof row, "%s", line + k);
	assert_true(row[0] != '\0');
	for (i = 0; i < 300; i++)
		fprintf(out, "ex%d%s", i, row);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* The conditions of the 300th exercise of a catalog are known too. */
static void
conditions_from_a_big_catalog(void **state)
{
	struct weeks s;
	struct idmask *idm;
	char path[64];
	FILE *fp = unit_input(HEADER
	    EX("2026-11-18T18:00:00", "a", "ex299", "both", "done", 60));

	(void)state;
	big_catalog(path, sizeof path, "chair-pose");
	assert_int_equal(setenv("LR_CATALOG", path, 1), 0);
	idm = idmask_read();
	assert_int_equal(unlink(path), 0);
	assert_non_null(idm);
	weeks_init(&s, idm);
	assert_int_equal(weeks_read_file(&s, fp, "log"), 0);
	weeks_finish(&s);
	assert_int_equal(s.conditions, COND("knee-pain"));
	weeks_free(&s);
	idmask_free(idm);
	fclose(fp);
}

/*
 * The sides of an exercise fold into one: done when every side is
 * done, partial when a side had some work, skipped when none had.
 */
static void
sides_fold_into_one_exercise(void **state)
{
	struct weeks s;
	const struct week *w;

	(void)state;
	read_log(&s, HEADER
	    EX("2026-11-18T18:00:00", "a", "figure-four-stretch", "left",
		"done", 30)
	    EX("2026-11-18T18:01:00", "a", "figure-four-stretch", "right",
		"partial", 10)
	    EX("2026-11-18T18:02:00", "a", "bird-dog", "left", "skipped", 0)
	    EX("2026-11-18T18:02:00", "a", "bird-dog", "right", "skipped", 0)
	    EX("2026-11-18T18:03:00", "a", "knee-to-chest", "left",
		"skipped", 0)
	    EX("2026-11-18T18:04:00", "a", "knee-to-chest", "right", "done",
		30)
	    EX("2026-11-18T18:05:00", "a", "cobra", "both", "done", 30)
	    EX("2026-11-18T18:06:00", "a", "supine-twist", "left", "done", 30)
	    EX("2026-11-18T18:07:00", "a", "supine-twist", "right", "done",
		30));
	w = week_of(&s, 18);
	assert_int_equal(w->nsess, 1);
	assert_int_equal(w->done, 2);
	assert_int_equal(w->partial, 2);
	assert_int_equal(w->skipped, 1);
	assert_int_equal(w->active_s, 160);
	assert_int_equal(tally_state(&s.tally, "a", "figure-four-stretch"),
	    EX_PARTIAL);
	assert_int_equal(tally_state(&s.tally, "a", "bird-dog"), EX_SKIPPED);
	assert_int_equal(tally_state(&s.tally, "a", "knee-to-chest"),
	    EX_PARTIAL);
	assert_int_equal(tally_state(&s.tally, "a", "cobra"), EX_DONE);
	assert_int_equal(tally_state(&s.tally, "a", "supine-twist"), EX_DONE);
	assert_int_equal(tally_state(&s.tally, "a", "glute-bridge"), EX_NONE);
	assert_int_equal(tally_state(&s.tally, "b", "cobra"), EX_NONE);
	weeks_free(&s);
}

/*
 * A session resumed later, its rows in a batch of their own after
 * another session's: a side skipped and then done is done, and the
 * counts move with it; a side skipped once more at another step (as
 * lr-log add --session writes, at the session's time) stays done.
 */
static void
a_side_done_when_resumed(void **state)
{
	struct weeks s;
	const struct week *w;
	FILE *first = unit_input(HEADER
	    EX("2026-11-18T18:00:00", "a", "bird-dog", "left", "done", 30)
	    EX("2026-11-18T18:01:00", "a", "bird-dog", "right", "skipped", 0)
	    EX("2026-11-18T18:02:00", "a", "cobra", "both", "skipped", 0)
	    EX("2026-11-18T19:00:00", "b", "cobra", "both", "done", 30));
	FILE *later = unit_input(HEADER
	    EX("2026-11-18T20:00:00", "a", "bird-dog", "right", "done", 30)
	    EX("2026-11-18T20:01:00", "a", "cobra", "both", "partial", 10)
	    EX("2026-11-18T20:02:00", "a", "cobra", "both", "done", 20)
	    EXS("2026-11-18T18:00:00", "a", 2, "bird-dog", "right", "skipped",
		0));

	(void)state;
	weeks_init(&s, NULL);
	assert_int_equal(weeks_read_file(&s, first, "first"), 0);
	w = week_of(&s, 18);
	assert_int_equal(w->nsess, 2);
	assert_int_equal(w->done, 1);
	assert_int_equal(w->partial, 1);
	assert_int_equal(w->skipped, 1);
	assert_int_equal(weeks_read_file(&s, later, "later"), 0);
	weeks_finish(&s);
	w = week_of(&s, 18);
	assert_int_equal(w->nsess, 2);
	assert_int_equal(w->done, 3);
	assert_int_equal(w->partial, 0);
	assert_int_equal(w->skipped, 0);
	assert_int_equal(w->active_s, 120);
	assert_int_equal(tally_state(&s.tally, "a", "bird-dog"), EX_DONE);
	assert_int_equal(tally_state(&s.tally, "a", "cobra"), EX_DONE);
	weeks_free(&s);
	fclose(first);
	fclose(later);
}

/*
 * lr-timer --resume writes a side again at the same step, later: each
 * side keeps its best state, in whatever order the rows come, so a
 * part done and then skipped stays partly done (what was done is not
 * lost) and skipped then done is done; a session is one session, and
 * its minutes are all the exercise done.
 */
static void
a_resumed_side_keeps_its_best(void **state)
{
	struct weeks s;
	const struct week *w;

	(void)state;
	read_log(&s, HEADER
	    EX("2026-11-18T18:00:00", "a", "cobra", "both", "done", 30)
	    EX("2026-11-18T18:01:00", "a", "cat-cow", "both", "partial", 10)
	    EX("2026-11-18T18:02:00", "a", "bird-dog", "left", "skipped", 0)
	    EX("2026-11-18T18:02:00", "a", "bird-dog", "right", "skipped", 0)
	    EX("2026-11-18T18:03:00", "a", "glute-bridge", "both", "partial",
		10)
	    EX("2026-11-18T18:30:00", "a", "cat-cow", "both", "done", 30)
	    EX("2026-11-18T18:31:00", "a", "bird-dog", "left", "done", 20)
	    EX("2026-11-18T18:32:00", "a", "bird-dog", "right", "partial", 5)
	    EX("2026-11-18T18:33:00", "a", "glute-bridge", "both", "skipped",
		0)
	    /* The earlier row after the later one changes nothing. */
	    EX("2026-11-18T18:01:30", "a", "bird-dog", "right", "skipped", 0)
	    EXS("2026-11-18T18:40:00", "a", 5, "cobra", "both", "skipped", 0));
	w = week_of(&s, 18);
	assert_int_equal(w->nsess, 1);
	assert_int_equal(w->done, 2);
	assert_int_equal(w->partial, 2);
	assert_int_equal(w->skipped, 0);
	assert_int_equal(w->active_s, 105);
	assert_int_equal(tally_state(&s.tally, "a", "cobra"), EX_DONE);
	assert_int_equal(tally_state(&s.tally, "a", "cat-cow"), EX_DONE);
	assert_int_equal(tally_state(&s.tally, "a", "bird-dog"), EX_PARTIAL);
	assert_int_equal(tally_state(&s.tally, "a", "glute-bridge"),
	    EX_PARTIAL);
	weeks_free(&s);
}

/*
 * A session begun on Sunday night and resumed after midnight, past
 * more sessions than the ring of the sessions seen last holds: it
 * counts once, in week 47, and so does its exercise; the minutes and
 * the day of its work are Monday's, week 48's.
 */
static void
resumed_after_many_sessions(void **state)
{
	struct weeks s;
	const struct week *w47, *w48;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int i;

	(void)state;
	assert_non_null(fp);
	fputs(HEADER EX("2026-11-22T23:50:00", "r", "cobra", "both",
	    "skipped", 0), fp);
	for (i = 0; i < 2 * RECENT; i++)
		fprintf(fp, "2026-11-23T00:%02d:00+01:00\ts%d\texercise\t1\t"
		    "cobra\tboth\t1\t0\t60\t60\tdone\t\t\n", i, i);
	fputs(EX("2026-11-23T00:40:00", "r", "cobra", "both", "done", 60),
	    fp);
	fclose(fp);
	read_log(&s, buf);
	w47 = week_of(&s, 22);
	w48 = week_of(&s, 23);
	assert_int_equal(w47->nsess, 1);
	assert_true(weeks_counted(w47, &s, "r"));
	assert_false(weeks_counted(w48, &s, "r"));
	assert_int_equal(w47->done, 1);
	assert_int_equal(w47->skipped, 0);
	assert_int_equal(w47->active, 0);
	assert_int_equal(w48->nsess, 2 * RECENT);
	assert_int_equal(w48->done, 2 * RECENT);
	assert_int_equal(w48->active_s, 60 * (2 * RECENT + 1));
	weeks_free(&s);
	free(buf);
}

/*
 * Sessions whose exercises come in turns, each turn after another
 * session's: every exercise is kept, with its own state, once.
 */
static void
exercises_in_turns(void **state)
{
	static const char *const ids[] = { "cobra", "cat-cow", "bird-dog",
	    "glute-bridge", "supine-twist", "knee-to-chest", "chair-pose" };
	struct weeks s;
	struct result r = exercise("a");
	struct lr_stamp t = wednesday();
	int turn, i, n = 0;

	(void)state;
	weeks_init(&s, NULL);
	/* a, b, a, b...: a's exercise k is ids[k], b's ids[6 - k]. */
	for (turn = 0; turn < 4; turn++)
		for (i = 0; i < (turn < 2 ? 2 : 1); i++, n++) {
			r.session = "a";
			r.id = ids[n];
			r.status = n % 3 == 0 ? "partial" : "done";
			weeks_take(&s, &r, &t);
			r.session = "b";
			r.id = ids[6 - n];
			r.status = "skipped";
			weeks_take(&s, &r, &t);
			r.session = "a";	/* again: no new exercise */
			r.id = ids[0];
			r.status = "skipped";
			weeks_take(&s, &r, &t);
		}
	for (i = 0; i < n; i++) {
		assert_int_equal(tally_state(&s.tally, "a", ids[i]),
		    i % 3 == 0 ? EX_PARTIAL : EX_DONE);
		assert_int_equal(tally_state(&s.tally, "b", ids[6 - i]),
		    EX_SKIPPED);
	}
	assert_int_equal(n, 6);
	assert_int_equal(weeks_find(&s, day(16))->done, 4);
	assert_int_equal(weeks_find(&s, day(16))->partial, 2);
	assert_int_equal(weeks_find(&s, day(16))->skipped, 6);
	assert_int_equal(weeks_find(&s, day(16))->nsess, 1);
	weeks_free(&s);
}

#define NOTE(when, s, status, n, note) \
	when "+01:00\t" s "\tpain\t0\t\t\t0\t0\t0\t0\t" status "\t" #n \
	"\t" note "\n"

/*
 * The notes of check-ins, in time order, for the weeks asked for; not
 * those of ratings before or after a session, nor empty ones.
 */
static void
notes_of_check_ins(void **state)
{
	struct weeks s;
	FILE *fp = unit_input(HEADER
	    NOTE("2026-11-19T21:00:00", "m2", "check", 4, "calf cramp")
	    NOTE("2026-11-18T09:00:00", "m1", "check", 5, "stiff\\tback")
	    NOTE("2026-11-18T18:00:00", "a", "before", 3, "before it")
	    NOTE("2026-11-18T10:00:00", "m3", "check", 2, "")
	    NOTE("2026-11-10T09:00:00", "m0", "check", 6, "week 46")
	    NOTE("2026-11-23T09:00:00", "m4", "check", 1, "week 48"));

	(void)state;
	weeks_init(&s, NULL);
	weeks_keep_notes(&s, day(16), day(16));
	assert_int_equal(weeks_read_file(&s, fp, "log"), 0);
	weeks_finish(&s);
	assert_int_equal(s.nnotes, 2);
	assert_int_equal(s.notes[0].day, day(18));
	assert_int_equal(s.notes[0].tod, 9 * 3600);
	assert_int_equal(s.notes[0].pain, 5);
	assert_string_equal(s.notes[0].text, "stiff\tback");
	assert_int_equal(s.notes[1].day, day(19));
	assert_string_equal(s.notes[1].text, "calf cramp");
	/* The ratings count all the same. */
	assert_int_equal(week_of(&s, 18)->pain_n[2], 3);
	weeks_free(&s);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sunday_and_monday),
		cmocka_unit_test(sessions_once_records_each),
		cmocka_unit_test(three_hundred_sessions),
		cmocka_unit_test(sides_fold_into_one_exercise),
		cmocka_unit_test(a_side_done_when_resumed),
		cmocka_unit_test(a_resumed_side_keeps_its_best),
		cmocka_unit_test(resumed_after_many_sessions),
		cmocka_unit_test(exercises_in_turns),
		cmocka_unit_test(notes_of_check_ins),
		cmocka_unit_test(ids_alike_in_32_bits),
		cmocka_unit_test(same_slot_other_id),
		cmocka_unit_test(same_hash_other_id_in_the_ring),
		cmocka_unit_test(pain_of_a_day),
		cmocka_unit_test(screens),
		cmocka_unit_test(bad_rows_counted),
		cmocka_unit_test(conditions_of_sessions),
		cmocka_unit_test(conditions_from_a_big_catalog),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

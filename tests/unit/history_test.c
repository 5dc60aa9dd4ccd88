/*
 * history_test.c - each exercise's history from hand-made logs: sides
 * joined into one exercise a session, dose changes, the pain around
 * it, the range, rows out of order, notes, and memory that grows with
 * the dose changes, not the rows.
 */
#include "unit.h"
#include "history.h"

#define HEADER "started\tsession\trecord\tstep\tid\tside\tsets\treps" \
	"\thold_s\tactive_s\tstatus\tpain\tnote\n"
/* One side of an exercise: sets, reps and hold_s over all sets. */
#define EX(when, s, id, side, sets, reps, hold, status) \
	when "+01:00\t" s "\texercise\t1\t" id "\t" side "\t" #sets "\t" \
	#reps "\t" #hold "\t" #hold "\t" status "\t\t\n"
#define NOTE(when, s, id, side, note) \
	when "+01:00\t" s "\texercise\t1\t" id "\t" side "\t1\t0\t30\t30" \
	"\tdone\t\t" note "\n"
#define PAIN(when, s, status, n) \
	when "+01:00\t" s "\tpain\t0\t\t\t0\t0\t0\t0\t" status "\t" #n "\t\n"

static long
day(int d)
{
	return lr_days_from_civil(2026, 11, d);
}

/* Read a log of November 2026, days from..to, into h (and s). */
static void
read_range(struct hist *h, struct weeks *s, const char *log, int from,
    int to)
{
	FILE *fp = unit_input(log);

	weeks_init(s, NULL);
	hist_init(h, day(from), day(to));
	assert_int_equal(hist_read_file(h, s, fp, "log"), 0);
	fclose(fp);
	weeks_finish(s);
	hist_finish(h);
}

static const struct hist_ex *
find(const struct hist *h, const char *id)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].id, id) == 0)
			return &h->v[i];
	fail_msg("no exercise %s", id);
	return NULL;
}

static void
done_with(struct hist *h, struct weeks *s)
{
	hist_free(h);
	weeks_free(s);
}

/*
 * Both sides done is one done; one side partial, or one skipped, is a
 * partial; both skipped is a skip.  Each is one session.
 */
static void
sides_joined(void **state)
{
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;

	(void)state;
	read_range(&h, &s, HEADER
	    EX("2026-11-02T18:00:00", "a", "bird-dog", "left", 1, 10, 30, "done")
	    EX("2026-11-02T18:01:00", "a", "bird-dog", "right", 1, 10, 30, "done")
	    EX("2026-11-03T18:00:00", "b", "bird-dog", "left", 1, 10, 30, "done")
	    EX("2026-11-03T18:01:00", "b", "bird-dog", "right", 0, 5, 15,
		"partial")
	    EX("2026-11-04T18:00:00", "c", "bird-dog", "left", 0, 0, 0, "skipped")
	    EX("2026-11-04T18:01:00", "c", "bird-dog", "right", 1, 10, 30, "done")
	    EX("2026-11-05T18:00:00", "d", "bird-dog", "left", 0, 0, 0, "skipped")
	    EX("2026-11-05T18:01:00", "d", "bird-dog", "right", 0, 0, 0,
		"skipped")
	    EX("2026-11-05T18:02:00", "d", "cobra", "both", 3, 0, 45, "done"),
	    1, 30);
	assert_int_equal(h.n, 2);
	x = find(&h, "bird-dog");
	assert_int_equal(x->sessions, 4);
	assert_int_equal(x->done, 1);
	assert_int_equal(x->partial, 2);
	assert_int_equal(x->skipped, 1);
	assert_int_equal(x->first, day(2));
	assert_int_equal(x->last, day(5));
	assert_int_equal(x->active_s, 30 + 30 + 30 + 15 + 30);
	/* The weeks were fed the same rows. */
	assert_int_equal(s.rows, 9);
	assert_non_null(weeks_find(&s, day(2)));
	x = find(&h, "cobra");
	assert_int_equal(x->sessions, 1);
	assert_int_equal(x->done, 1);
	done_with(&h, &s);
}

/* The dose per set, a run of sessions for each dose in turn. */
static void
dose_changes(void **state)
{
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;
	char d[32];

	(void)state;
	read_range(&h, &s, HEADER
	    EX("2026-11-02T18:00:00", "a", "cobra", "both", 3, 0, 45, "done")
	    EX("2026-11-04T18:00:00", "b", "cobra", "both", 3, 0, 45, "done")
	    /* Partly done says nothing of the dose. */
	    EX("2026-11-05T18:00:00", "c", "cobra", "both", 1, 0, 15, "partial")
	    EX("2026-11-09T18:00:00", "d", "cobra", "both", 3, 0, 60, "done")
	    EX("2026-11-11T18:00:00", "e", "cobra", "both", 3, 0, 60, "done")
	    EX("2026-11-02T18:05:00", "a", "glute-bridge", "both", 2, 20, 60,
		"done")
	    EX("2026-11-02T18:06:00", "a", "cat-cow", "both", 1, 5, 0, "done"),
	    1, 30);
	x = find(&h, "cobra");
	assert_int_equal(x->nruns, 2);
	assert_string_equal(hist_dose_text(d, sizeof d, &x->runs[0].d),
	    "3x15s");
	assert_int_equal(x->runs[0].first, day(2));
	assert_int_equal(x->runs[0].last, day(4));
	assert_int_equal(x->runs[0].sessions, 2);
	assert_string_equal(hist_dose_text(d, sizeof d, &x->runs[1].d),
	    "3x20s");
	assert_int_equal(x->runs[1].first, day(9));
	assert_int_equal(x->runs[1].sessions, 2);
	assert_int_equal(x->sessions, 5);
	assert_int_equal(x->partial, 1);
	x = find(&h, "glute-bridge");
	assert_string_equal(hist_dose_text(d, sizeof d, &x->runs[0].d),
	    "2x10/3s");
	x = find(&h, "cat-cow");
	assert_string_equal(hist_dose_text(d, sizeof d, &x->runs[0].d),
	    "1x5");
	/* By first session, then in the order the log names them. */
	assert_string_equal(h.v[0].id, "cobra");
	assert_string_equal(h.v[1].id, "glute-bridge");
	assert_string_equal(h.v[2].id, "cat-cow");
	done_with(&h, &s);
}

/*
 * The pain before and after the sessions that held an exercise, done
 * or partly; not those that skipped it.  Check-ins go to the chart.
 */
static void
pain_around(void **state)
{
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;

	(void)state;
	read_range(&h, &s, HEADER
	    PAIN("2026-11-02T17:59:00", "a", "before", 4)
	    EX("2026-11-02T18:00:00", "a", "cobra", "both", 3, 0, 45, "done")
	    PAIN("2026-11-02T18:10:00", "a", "after", 6)
	    PAIN("2026-11-03T17:59:00", "b", "before", 2)
	    EX("2026-11-03T18:00:00", "b", "cobra", "both", 1, 0, 15, "partial")
	    PAIN("2026-11-03T18:10:00", "b", "after", 2)
	    PAIN("2026-11-04T17:59:00", "c", "before", 8)
	    EX("2026-11-04T18:00:00", "c", "cobra", "both", 0, 0, 0, "skipped")
	    EX("2026-11-04T18:01:00", "c", "cat-cow", "both", 1, 5, 0, "done")
	    PAIN("2026-11-04T18:10:00", "c", "after", 9)
	    PAIN("2026-11-05T08:00:00", "m1", "check", 3)
	    PAIN("2026-11-05T20:00:00", "m2", "check", 5),
	    2, 8);
	x = find(&h, "cobra");
	assert_true(hist_pain_avg(x, 0) == 3.0);
	assert_true(hist_pain_avg(x, 1) == 4.0);
	x = find(&h, "cat-cow");
	assert_true(hist_pain_avg(x, 0) == 8.0);
	assert_true(hist_pain_avg(x, 1) == 9.0);
	/* A day a bucket over a week: the 5th is bucket 3. */
	assert_int_equal(h.bucket, 1);
	assert_int_equal(h.npain, 7);
	assert_int_equal(h.pain[3].n[2], 2);
	assert_int_equal(h.pain[3].sum[2], 8);
	assert_int_equal(h.pain[0].n[0], 1);
	assert_int_equal(h.pain[0].sum[1], 6);
	assert_int_equal(h.pain[2].n[0] + h.pain[2].n[1], 2);
	done_with(&h, &s);
}

/* Only the days of the range count; the weeks see every row. */
static void
range_only(void **state)
{
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;

	(void)state;
	read_range(&h, &s, HEADER
	    EX("2026-11-01T23:59:00", "a", "cobra", "both", 3, 0, 30, "done")
	    EX("2026-11-02T00:00:00", "b", "cobra", "both", 3, 0, 45, "done")
	    EX("2026-11-08T23:59:00", "c", "cobra", "both", 3, 0, 45, "done")
	    EX("2026-11-09T00:00:00", "d", "cat-cow", "both", 1, 5, 0, "done"),
	    2, 8);
	assert_int_equal(h.n, 1);
	x = find(&h, "cobra");
	assert_int_equal(x->sessions, 2);
	assert_int_equal(x->nruns, 1);
	assert_int_equal(s.rows, 4);
	done_with(&h, &s);
	/*
	 * Over half a year, the pain is a week at a time; the weeks are
	 * chosen after the range is cut to the log's first week.
	 */
	hist_init(&h, day(2), day(2) + 200);
	assert_int_equal(h.bucket, 1);
	hist_clip(&h, day(2));
	assert_int_equal(h.bucket, 7);
	assert_int_equal(h.npain, 29);
	hist_free(&h);
	hist_init(&h, day(2), day(2) + 200);
	hist_clip(&h, day(2) + 28);
	assert_int_equal(h.bucket, 1);
	assert_int_equal(h.npain, 173);
	hist_free(&h);
	/* The days of a week add up to its bucket (day(202): 200 on). */
	read_range(&h, &s, HEADER
	    PAIN("2026-11-03T08:00:00", "m1", "check", 3)
	    PAIN("2026-11-08T08:00:00", "m2", "check", 5)
	    PAIN("2026-11-09T08:00:00", "m3", "check", 7), 2, 202);
	hist_clip(&h, day(2));
	assert_int_equal(h.bucket, 7);
	assert_int_equal(h.pain[0].n[2], 2);
	assert_int_equal(h.pain[0].sum[2], 8);
	assert_int_equal(h.pain[1].n[2], 1);
	assert_int_equal(h.pain[1].sum[2], 7);
	done_with(&h, &s);
}

/* Two sessions' sides interleaved are still two sessions. */
static void
interleaved(void **state)
{
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;

	(void)state;
	read_range(&h, &s, HEADER
	    EX("2026-11-02T18:00:00", "a", "bird-dog", "left", 1, 10, 30, "done")
	    EX("2026-11-02T18:00:00", "b", "bird-dog", "left", 1, 10, 30, "done")
	    EX("2026-11-02T18:01:00", "a", "bird-dog", "right", 1, 10, 30, "done")
	    EX("2026-11-02T18:01:00", "b", "bird-dog", "right", 0, 0, 0,
		"skipped"), 1, 30);
	x = find(&h, "bird-dog");
	assert_int_equal(x->sessions, 2);
	assert_int_equal(x->done, 1);
	assert_int_equal(x->partial, 1);
	done_with(&h, &s);
}

/*
 * A session whose rows are far apart in the log (resumed after more
 * sessions than are kept open): its exercise's dose and pain count
 * once, each from the part that knows it.
 */
static void
apart(void **state)
{
	char *log = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&log, &len);
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;

	(void)state;
	assert_non_null(m);
	fputs(HEADER PAIN("2026-11-02T07:59:00", "a", "before", 4)
	    EX("2026-11-02T08:00:00", "a", "bird-dog", "left", 1, 10, 30, "done"),
	    m);
	for (i = 0; i < HIST_RING + 4; i++)
		fprintf(m, "2026-11-02T09:%02zu:00+01:00\ts%zu\texercise\t1\t"
		    "cat-cow\tboth\t1\t5\t0\t0\tdone\t\t\n", i, i);
	fputs(EX("2026-11-02T10:00:00", "a", "bird-dog", "right", 1, 10, 30,
	    "done") PAIN("2026-11-02T10:10:00", "a", "after", 6), m);
	fclose(m);
	read_range(&h, &s, log, 1, 30);
	x = find(&h, "bird-dog");
	assert_int_equal(x->sessions, 1);
	assert_int_equal(x->done, 1);
	assert_int_equal(x->nruns, 1);
	assert_int_equal(x->runs[0].sessions, 1);
	assert_int_equal(x->pain_n[0], 1);
	assert_int_equal(x->pain_n[1], 1);
	assert_true(hist_pain_avg(x, 0) == 4.0);
	assert_true(hist_pain_avg(x, 1) == 6.0);
	assert_int_equal(find(&h, "cat-cow")->sessions, HIST_RING + 4);
	done_with(&h, &s);
	free(log);
}

/*
 * A session logged after later ones (lr-log add --date) counts, but
 * changes no dose: the latest dose is that of the latest sessions.
 */
static void
out_of_order(void **state)
{
	struct hist h;
	struct weeks s;
	const struct hist_ex *x;

	(void)state;
	read_range(&h, &s, HEADER
	    EX("2026-11-02T18:00:00", "a", "cobra", "both", 3, 0, 45, "done")
	    EX("2026-11-09T18:00:00", "b", "cobra", "both", 3, 0, 60, "done")
	    EX("2026-11-12T18:00:00", "c", "cobra", "both", 3, 0, 60, "done")
	    EX("2026-11-10T07:00:00", "d", "cobra", "both", 1, 0, 20, "done")
	    EX("2026-11-03T07:00:00", "e", "cobra", "both", 3, 0, 45, "done"),
	    1, 30);
	x = find(&h, "cobra");
	assert_int_equal(x->sessions, 5);
	assert_int_equal(x->nruns, 2);
	assert_int_equal(x->runs[0].sessions, 2);
	assert_int_equal(x->runs[1].sessions, 2);
	assert_int_equal(x->runs[1].d.hold_s, 20);
	assert_int_equal(x->last, day(12));
	done_with(&h, &s);
}

/*
 * A thousand sessions at two doses: two runs.  Memory grows with the
 * exercises and dose changes, and the sessions open are at most
 * HIST_RING.
 */
static void
memory_bounded(void **state)
{
	struct hist h;
	struct weeks s;
	char *log = NULL;
	size_t len = 0, open = 0;
	FILE *fp = open_memstream(&log, &len);
	int i;

	(void)state;
	assert_non_null(fp);
	fputs(HEADER, fp);
	for (i = 0; i < 1000; i++)
		fprintf(fp, "2026-11-%02dT%02d:%02d:00+01:00\ts%d\texercise\t1\t"
		    "cobra\tboth\t3\t0\t%d\t45\tdone\t\t\n", 2 + i / 50,
		    i % 50 / 4, i % 4 * 10, i, i < 500 ? 45 : 60);
	fclose(fp);
	fp = unit_input(log);
	weeks_init(&s, NULL);
	hist_init(&h, day(1), day(30));
	assert_int_equal(hist_read_file(&h, &s, fp, "log"), 0);
	fclose(fp);
	for (i = 0; i < HIST_RING; i++)
		open += h.ring[i].used;
	assert_true(open <= HIST_RING);
	hist_finish(&h);
	weeks_finish(&s);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.v[0].sessions, 1000);
	assert_int_equal(h.v[0].nruns, 2);
	assert_true(h.v[0].capruns <= 4);
	assert_int_equal(h.v[0].runs[0].sessions, 500);
	done_with(&h, &s);
	free(log);
}

/* Notes: a side's copy kept once, the last HIST_NOTES, oldest first. */
static void
notes(void **state)
{
	struct hist h;
	struct weeks s;
	char *log = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&log, &len);
	int i;

	(void)state;
	assert_non_null(fp);
	fputs(HEADER
	    NOTE("2026-11-02T18:00:00", "a", "bird-dog", "left", "a <b>&\"'")
	    NOTE("2026-11-02T18:01:00", "a", "bird-dog", "right", "a <b>&\"'"),
	    fp);
	for (i = 0; i < 60; i++)
		fprintf(fp, "2026-11-03T08:%02d:00+01:00\tm%d\tpain\t0\t\t\t0\t0"
		    "\t0\t0\tcheck\t2\tnote %d\n", i, i, i);
	fclose(fp);
	read_range(&h, &s, log, 1, 30);
	assert_int_equal(h.nnote, 61);
	assert_int_equal(hist_notes(&h), HIST_NOTES);
	assert_string_equal(hist_note(&h, 0)->text, "note 10");
	assert_string_equal(hist_note(&h, HIST_NOTES - 1)->text, "note 59");
	assert_string_equal(hist_note(&h, 0)->kind, "pain");
	done_with(&h, &s);
	free(log);
	read_range(&h, &s, HEADER
	    NOTE("2026-11-02T18:00:00", "a", "bird-dog", "left", "a <b>&\"'")
	    NOTE("2026-11-02T18:01:00", "a", "bird-dog", "right", "a <b>&\"'"),
	    1, 30);
	assert_int_equal(hist_notes(&h), 1);
	assert_string_equal(hist_note(&h, 0)->text, "a <b>&\"'");
	assert_string_equal(hist_note(&h, 0)->id, "bird-dog");
	assert_string_equal(hist_note(&h, 0)->when,
	    "2026-11-02T18:00:00+01:00");
	done_with(&h, &s);
}

/* Bad rows are named and counted in the weeks, and left out. */
static void
bad_rows(void **state)
{
	struct hist h;
	struct weeks s;
	struct unit_messages m;

	(void)state;
	unit_messages_start(&m);
	read_range(&h, &s, HEADER
	    EX("2026-11-02T18:00:00", "a", "cobra", "both", 3, 0, 45, "done")
	    EX("2026-11-02T18:01:00", "a", "cobra", "both", 3, 0, 45, "fine"),
	    1, 30);
	assert_non_null(strstr(unit_messages_text(&m), "log:3: column "
	    "\"status\""));
	unit_messages_end(&m);
	assert_int_equal(s.skipped_rows, 1);
	assert_int_equal(s.rows, 1);
	assert_int_equal(find(&h, "cobra")->sessions, 1);
	done_with(&h, &s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sides_joined),
		cmocka_unit_test(dose_changes),
		cmocka_unit_test(pain_around),
		cmocka_unit_test(range_only),
		cmocka_unit_test(interleaved),
		cmocka_unit_test(apart),
		cmocka_unit_test(out_of_order),
		cmocka_unit_test(memory_bounded),
		cmocka_unit_test(notes),
		cmocka_unit_test(bad_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

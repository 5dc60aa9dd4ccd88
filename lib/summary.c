/* summary.c - the end of a session told: one line, and the end screen. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "summary.h"

/*
 * What the session came to; before_ms is the exercise of a part done
 * before it was resumed.  Pain and whether it can be resumed are the
 * caller's to fill in.
 */
void
summary_take(struct summary *m, const struct session *s, long before_ms)
{
	m->nex = session_count(s, m->count);
	m->active_s = (before_ms + session_active(s) + 500) / 1000;
	m->stopped = s->quit;
	m->pain[0] = m->pain[1] = -1;
	m->out = summary_out(STDOUT_FILENO);
	m->resumable = 0;
}

/* Where what is written on fd goes. */
int
summary_out(int fd)
{
	struct stat st;

	if (isatty(fd))
		return OUT_TERMINAL;
	if (fstat(fd, &st) != 0)
		return OUT_OTHER;
	return S_ISFIFO(st.st_mode) ? OUT_PIPE : S_ISREG(st.st_mode) ?
	    OUT_FILE : OUT_OTHER;
}

/* The counts: "2 of 8 exercises in full, 1 in part, 5 skipped". */
static char *
counts(char *dst, size_t n, const struct summary *m)
{
	snprintf(dst, n, "%d of %zu exercise%s in full, %d in part, %d "
	    "skipped", m->count[ROW_DONE], m->nex, m->nex == 1 ? "" : "s",
	    m->count[ROW_PARTIAL], m->count[ROW_SKIPPED]);
	return dst;
}

/* The line the timer ends with; a session stopped early says so. */
char *
summary_line(char *dst, size_t n, const struct summary *m, const char *id,
    double took_s)
{
	char c[128], t[32];

	snprintf(dst, n, "session %s %s: %s; %s of exercise; took %.3f s",
	    id, m->stopped ? "stopped" : "done", counts(c, sizeof c, m),
	    lr_fmt_secs(t, sizeof t, m->active_s), took_s);
	return dst;
}

const char *
summary_title(const struct summary *m)
{
	return m->stopped ? "Session stopped" : "Session finished";
}

static void
put_pain(FILE *fp, const struct summary *m)
{
	if (m->pain[0] >= 0 && m->pain[1] >= 0)
		fprintf(fp, "Pain: %d before, %d after.\n", m->pain[0],
		    m->pain[1]);
	else if (m->pain[0] >= 0)
		fprintf(fp, "Pain: %d before.\n", m->pain[0]);
	else if (m->pain[1] >= 0)
		fprintf(fp, "Pain: %d after.\n", m->pain[1]);
}

static void
put_out(FILE *fp, const struct summary *m)
{
	static const char *const where[] = {
		"Not logged: the results are only on this terminal. Pipe "
		    "lr-timer into lr-log to keep them.",
		"The results went on down the pipe (to lr-log, when it is "
		    "there).",
		"The results are in a file: lr-log FILE adds them to the log.",
		"The results went to standard output."
	};

	fprintf(fp, "%s\n", where[m->out]);
}

/* A plain word to go on with. */
static const char *
word(const struct summary *m)
{
	if (m->stopped && m->resumable)
		return "Stopping early is fine: what you did counts. To go on "
		    "from here later today: lr-timer --resume";
	if (m->stopped)
		return "Stopping early is fine: what you did counts.";
	if (m->count[ROW_DONE] == (int)m->nex)
		return "Well done: that was the whole session.";
	return "Well done for turning up: every exercise you did counts.";
}

/* The end screen's text, paragraphs a line each; free() it. */
char *
summary_page(const struct summary *m)
{
	char *buf = NULL, t[32];
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	fprintf(fp, "Exercises: %d of %zu in full, %d in part, %d skipped.\n",
	    m->count[ROW_DONE], m->nex, m->count[ROW_PARTIAL],
	    m->count[ROW_SKIPPED]);
	fprintf(fp, "Exercise: %s.\n", lr_fmt_secs(t, sizeof t, m->active_s));
	put_pain(fp, m);
	put_out(fp, m);
	fprintf(fp, "\n%s\n", word(m));
	fclose(fp);
	return buf;
}

/* The end screen, until a key: 0, or ASK_QUIT or ASK_KILLED. */
int
summary_show(struct ask *a, const struct summary *m)
{
	char *page = summary_page(m);
	int r = ask_any_key(a, summary_title(m), page,
	    "Press any key to finish.");

	free(page);
	return r;
}

/* cues.c - the timer's cue words, its cue command and progress lines. */
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cues.h"

extern char **environ;

/* Is the first word of the cue command a program we can run? */
static int
findable(const char *prog)
{
	char *path, *dir, *save = NULL, full[4096];
	int ok = 0;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	if ((path = getenv("PATH")) == NULL)
		return 0;
	path = lr_xstrdup(path);
	for (dir = strtok_r(path, ":", &save); dir && !ok;
	    dir = strtok_r(NULL, ":", &save)) {
		snprintf(full, sizeof full, "%s/%s", *dir ? dir : ".", prog);
		ok = access(full, X_OK) == 0;
	}
	free(path);
	return ok;
}

/* --cue-cmd as words split at spaces: no shell ever reads it. */
char **
cues_split(const char *cmd)
{
	char *copy = lr_xstrdup(cmd), *w, *save = NULL;
	char **argv = lr_xmalloc((strlen(cmd) / 2 + 3) * sizeof *argv);
	size_t n = 0;

	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = lr_xstrdup(w);
	argv[n] = NULL;
	free(copy);
	if (n == 0)
		lr_usage_error("--cue-cmd: empty command");
	if (!findable(argv[0]))
		lr_usage_error("--cue-cmd: cannot run \"%s\": not found",
		    argv[0]);
	return argv;
}

void
cues_free(char **argv)
{
	size_t i;

	for (i = 0; argv != NULL && argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/*
 * Run the cue command without a shell and without waiting; its output
 * goes nowhere, so it can neither block the timer nor mix into the
 * results or the screen.  Its children are reaped on SIGCHLD.
 */
void
cues_run(struct cues *c, const char *text)
{
	posix_spawn_file_actions_t fa;
	char **argv;
	size_t n = 0, i;
	pid_t pid;
	int e;

	if (c->argv == NULL)
		return;
	while (c->argv[n] != NULL)
		n++;
	argv = lr_xmalloc((n + 2) * sizeof *argv);
	for (i = 0; i < n; i++)
		argv[i] = c->argv[i];
	argv[n] = (char *)text;
	argv[n + 1] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (c->batch && c->errfd >= 0)
		posix_spawn_file_actions_adddup2(&fa, c->errfd, 2);
	else
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0);
	if ((e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) != 0)
		lr_warn("--cue-cmd: cannot run %s: %s", argv[0], strerror(e));
	else
		c->pid = pid;
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
}

/*
 * Is the last cue still being said?  The timer's SIGCHLD handler may
 * have reaped it already: then there is no such child any more.
 */
static int
speaking(struct cues *c)
{
	if (c->pid > 0 && waitpid(c->pid, NULL, WNOHANG) == 0)
		return 1;
	c->pid = 0;
	return 0;
}

/*
 * Say a cue: now when nothing is being said, else as soon as the last
 * cue ends, if that is before until_ns.  Only the newest cue waits: a
 * slow speaker never builds a queue of stale words, and the timer
 * never waits for it.
 */
void
cues_speak(struct cues *c, const char *text, long long now_ns,
    long long until_ns)
{
	if (c->argv == NULL || now_ns > until_ns)
		return;
	snprintf(c->next, sizeof c->next, "%s", text);
	c->next_until = until_ns;
	cues_pump(c, now_ns);
}

/* Say the waiting cue if the last one has ended; drop it when late. */
void
cues_pump(struct cues *c, long long now_ns)
{
	if (c->next[0] == '\0')
		return;
	if (now_ns > c->next_until)
		c->next[0] = '\0';
	else if (!speaking(c)) {
		cues_run(c, c->next);
		c->next[0] = '\0';
	}
}

/* At the end: give the last cue until it is late to start, no longer. */
void
cues_flush(struct cues *c)
{
	const struct timespec nap = { 0, 20000000L };
	long long now;

	while (c->next[0] != '\0') {
		now = lr_mono_ns();
		cues_pump(c, now);
		if (c->next[0] != '\0')
			nanosleep(&nap, NULL);
	}
}

/*
 * In batch mode the cue command's stderr is kept in a file of its own
 * (unlinked: nobody else sees it), not let onto the person's screen: a
 * speech program with no sound card says hundreds of lines.
 */
int
cues_keep_stderr(struct cues *c)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];

	c->errfd = -1;
	if (!c->batch || c->argv == NULL)
		return 0;
	snprintf(path, sizeof path, "%s/lr-cue-XXXXXX",
	    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	if ((c->errfd = mkostemp(path, O_CLOEXEC)) < 0)
		return -1;
	unlink(path);
	return 0;
}

/* What the cue command said on stderr: a count and its first line. */
void
cues_said_on_stderr(struct cues *c)
{
	char buf[4096], first[160] = "";
	long lines = 0;
	off_t at = 0;
	ssize_t n, i;

	if (c->errfd < 0)
		return;
	while ((n = pread(c->errfd, buf, sizeof buf, at)) > 0) {
		if (at == 0) {
			const char *nl = memchr(buf, '\n', (size_t)n);

			snprintf(first, sizeof first, "%.*s",
			    (int)(nl ? nl - buf : n), buf);
		}
		for (i = 0; i < n; i++)
			lines += buf[i] == '\n';
		at += n;
	}
	if (at > 0)
		lr_warn("--cue-cmd wrote %ld line%s on stderr, the first: %s",
		    lines, lines == 1 ? "" : "s", first);
	close(c->errfd);
	c->errfd = -1;
}

/*
 * The word for a change, or NULL: the start of each exercise, go at
 * its first work after a pause, switch, rest and the end.  The bell
 * rings and the screen flashes at each; what is said aloud is
 * cuesched.c's.
 */
const char *
cues_text(char *dst, size_t n, const struct session *s, int ev)
{
	const struct phase *p, *prev;
	const char *word = NULL;

	if (ev != SE_PHASE) {
		if (ev == SE_END)
			snprintf(dst, n, "%s", s->quit ? "Stopped" : "Done");
		return ev == SE_END ? dst : NULL;
	}
	p = session_phase(s);
	prev = s->cur > 0 ? p - 1 : NULL;
	if (p->kind == PH_READY) {
		snprintf(dst, n, "%s: %s", p->ex == 0 ? "Start" : "Next",
		    s->ex[p->ex].r.name);
		return dst;
	}
	if (p->kind == PH_SWITCH)
		word = "Switch sides";
	else if (p->kind == PH_REST)
		word = "Rest";
	else if (prev == NULL || prev->kind != PH_WORK || prev->ex != p->ex)
		word = "Go";
	if (word == NULL)
		return NULL;
	snprintf(dst, n, "%s", word);
	return dst;
}

/* A progress line: on stderr in batch mode, or on a dumb terminal. */
void
cues_say(const struct cues *c, const char *fmt, ...)
{
	va_list ap;
	char line[512];

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (c->batch)
		lr_warn("%s", line);
	else if (c->tty >= 0)
		dprintf(c->tty, "%s\r\n", line);
}

/* The work of a set, said once as it begins. */
static void
say_work(const struct cues *c, const struct session_ex *e,
    const struct phase *p)
{
	const struct dose *d = &e->r.dose;
	char t[32], side[16] = "";

	if (p->side != SIDE_BOTH)
		snprintf(side, sizeof side, ", %s", result_sides[p->side]);
	lr_fmt_secs(t, sizeof t, p->ms / 1000);
	if (p->rep == 1)
		cues_say(c, "%s: set %d/%ld%s: %ld reps, %ld s each", e->r.name,
		    p->set, d->sets, side, d->reps, d->rep_s + d->hold_s);
	else if (p->rep == 0 && d->breaths > 0)
		cues_say(c, "%s: set %d/%ld%s: hold for %ld slow breaths (%s)",
		    e->r.name, p->set, d->sets, side, d->breaths, t);
	else if (p->rep == 0)
		cues_say(c, "%s: set %d/%ld%s: hold %s", e->r.name, p->set,
		    d->sets, side, t);
}

static void
say_phase(const struct cues *c, const struct session *s)
{
	const struct phase *p = session_phase(s);
	const struct session_ex *e = session_current(s);
	char t[32];

	lr_fmt_secs(t, sizeof t, p->ms / 1000);
	switch (p->kind) {
	case PH_READY:
		cues_say(c, "get ready: %s (%s)", e->r.name, t);
		if (e->r.why[0] != '\0')
			cues_say(c, "dose: %s", e->r.why);
		break;
	case PH_SWITCH:
		cues_say(c, "switch sides (%s)", t);
		break;
	case PH_REST:
		cues_say(c, "rest (%s)", t);
		break;
	default:
		say_work(c, e, p);
	}
}

/* The progress line for what just happened, if it has one. */
void
cues_tell(const struct cues *c, const struct session *s, int ev)
{
	switch (ev) {
	case SE_PHASE:
		say_phase(c, s);
		break;
	case SE_EX_DONE:
		cues_say(c, "done: %s", session_current(s)->r.name);
		break;
	case SE_NEXT:
		cues_say(c, "skipped to the next exercise");
		break;
	case SE_BACK:
		cues_say(c, "back to the start of %s",
		    session_current(s)->r.name);
		break;
	case SE_QUIT:
		cues_say(c, "session ended early");
		break;
	case SE_PAUSE:
		cues_say(c, "paused");
		break;
	case SE_RESUME:
		cues_say(c, "going on");
		break;
	}
}

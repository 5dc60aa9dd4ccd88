/*
 * cues.h - what the timer says at each change (cues.c): the change
 * words, the command that speaks the cues (one at a time, a late one
 * dropped), and the progress lines of batch mode and dumb terminals.
 * What is said when is cuesched.h.
 */
#ifndef LR_CUES_H
#define LR_CUES_H

#include <sys/types.h>

#include "cuesched.h"
#include "session.h"

struct cues {
	char **argv;		/* --cue-cmd as words; NULL: none */
	int batch;		/* lines on stderr; the command's kept too */
	int tty;		/* a dumb terminal to write lines on, or -1 */
	int errfd;		/* batch: where the command's stderr is kept */
	pid_t pid;		/* the cue being said, or 0 */
	char next[CUE_LEN];	/* a cue waiting for it to end, or "" */
	long long next_until;	/* ns: when that one is too late */
};

char **cues_split(const char *cmd);
void cues_free(char **argv);
void cues_run(struct cues *c, const char *text);
void cues_speak(struct cues *c, const char *text, long long now_ns,
    long long until_ns);
void cues_pump(struct cues *c, long long now_ns);
void cues_flush(struct cues *c);
int cues_keep_stderr(struct cues *c);
void cues_said_on_stderr(struct cues *c);
const char *cues_text(char *dst, size_t n, const struct session *s,
    int ev);
void cues_say(const struct cues *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cues_tell(const struct cues *c, const struct session *s, int ev);

#endif

/*
 * cues.h - what the timer says at each change (cues.c): the cue words,
 * the command that speaks them, and the progress lines of batch mode
 * and dumb terminals.
 */
#ifndef LR_CUES_H
#define LR_CUES_H

#include "session.h"

struct cues {
	char **argv;		/* --cue-cmd as words; NULL: none */
	int batch;		/* lines on stderr; the command's kept too */
	int tty;		/* a dumb terminal to write lines on, or -1 */
	int errfd;		/* batch: where the command's stderr is kept */
};

char **cues_split(const char *cmd);
void cues_free(char **argv);
void cues_run(const struct cues *c, const char *text);
int cues_keep_stderr(struct cues *c);
void cues_said_on_stderr(struct cues *c);
const char *cues_text(char *dst, size_t n, const struct session *s,
    int ev);
void cues_say(const struct cues *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cues_left(const struct cues *c, const struct session *s,
    long long now);
void cues_tell(const struct cues *c, const struct session *s, int ev);

#endif

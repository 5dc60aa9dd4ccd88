/*
 * list.h - comma lists and sets of words (list.c).
 */
#ifndef LR_LIST_H
#define LR_LIST_H

#include <stddef.h>

const char *lr_list_next(const char **p, const char *seps, size_t *len);

/* A set of words, in the order first added. */
struct wordset {
	char **v;
	size_t n, cap;
};

void wordset_add_list(struct wordset *s, const char *list);
size_t wordset_fresh(const char *list, const struct wordset *want,
    const struct wordset *have, struct wordset *out);
char *wordset_join(const struct wordset *s, const char *sep);
void wordset_free(struct wordset *s);

#endif

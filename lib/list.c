/* list.c - owns comma lists as the catalog writes them, and sets of words. */

/*
 * Comma lists as the catalog writes them ("a,b|c"): walking
 * their words one at a time, and sets of words that grow without a
 * limit, for the regions a plan covers and the like.
 */
#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "lr.h"

/*
 * The next word of a list at *p, up to any of the separators in seps:
 * its start and length; *p moves past it.  NULL at the end of the list.
 */
const char *
lr_list_next(const char **p, const char *seps, size_t *len)
{
	const char *w = *p;
	size_t n;

	if (w == NULL)
		return NULL;
	n = strcspn(w, seps);
	*len = n;
	*p = w[n] != '\0' ? w + n + 1 : NULL;
	return w;
}

static int
find(const struct wordset *s, const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && memcmp(s->v[i], w, len) == 0)
			return (int)i;
	return -1;
}

static void
add_word(struct wordset *s, const char *w, size_t len)
{
	char *copy;

	if (len == 0 || find(s, w, len) >= 0)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = lr_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	copy = lr_xmalloc(len + 1);
	memcpy(copy, w, len);
	copy[len] = '\0';
	s->v[s->n++] = copy;
}

/* Add the words of a comma list that are not in the set yet. */
void
wordset_add_list(struct wordset *s, const char *list)
{
	const char *p = list, *w;
	size_t len;

	while ((w = lr_list_next(&p, ",", &len)) != NULL)
		add_word(s, w, len);
}

/*
 * The words of list that are in `want` and not in `have`: how many,
 * and, when out is not NULL, added to out.
 */
size_t
wordset_fresh(const char *list, const struct wordset *want,
    const struct wordset *have, struct wordset *out)
{
	const char *p = list, *w;
	size_t len, n = 0;

	while ((w = lr_list_next(&p, ",", &len)) != NULL) {
		if (len == 0 || find(want, w, len) < 0 || find(have, w, len) >= 0)
			continue;
		n++;
		if (out != NULL)
			add_word(out, w, len);
	}
	return n;
}

/* The words joined by sep, in a string the caller frees. */
char *
wordset_join(const struct wordset *s, const char *sep)
{
	size_t i, len = 1, at = 0, nsep = strlen(sep);
	char *out;

	for (i = 0; i < s->n; i++)
		len += strlen(s->v[i]) + nsep;
	out = lr_xmalloc(len);
	for (i = 0; i < s->n; i++) {
		size_t n = strlen(s->v[i]);

		if (i > 0) {
			memcpy(out + at, sep, nsep);
			at += nsep;
		}
		memcpy(out + at, s->v[i], n);
		at += n;
	}
	out[at] = '\0';
	return out;
}

void
wordset_free(struct wordset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* keyset.c - rows by the 64-bit hash of their key, compared exactly. */
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "lr.h"

uint64_t
keyset_find(const struct keyset *s, uint64_t hash, keyset_same *same,
    const void *arg)
{
	size_t i;

	if (s->cap == 0)
		return 0;
	for (i = hash & (s->cap - 1); s->value[i] != 0;
	    i = (i + 1) & (s->cap - 1))
		if (s->hash[i] == hash && same(arg, s->value[i]))
			return s->value[i];
	return 0;
}

/* Put an entry in the first empty slot of its run. */
static void
put(struct keyset *s, uint64_t hash, uint64_t value)
{
	size_t i;

	for (i = hash & (s->cap - 1); s->value[i] != 0;
	    i = (i + 1) & (s->cap - 1))
		;
	s->hash[i] = hash;
	s->value[i] = value;
	s->n++;
}

void
keyset_add(struct keyset *s, uint64_t hash, uint64_t value)
{
	if (2 * (s->n + 1) > s->cap) {
		struct keyset bigger = { NULL, NULL, 0, s->cap ? 2 * s->cap :
		    64 };
		size_t i;

		bigger.hash = lr_xmalloc(bigger.cap * sizeof *bigger.hash);
		bigger.value = lr_xmalloc(bigger.cap * sizeof *bigger.value);
		memset(bigger.value, 0, bigger.cap * sizeof *bigger.value);
		for (i = 0; i < s->cap; i++)
			if (s->value[i] != 0)
				put(&bigger, s->hash[i], s->value[i]);
		free(s->hash);
		free(s->value);
		s->hash = bigger.hash;
		s->value = bigger.value;
		s->cap = bigger.cap;
		s->n = bigger.n;
	}
	put(s, hash, value);
}

void
keyset_free(struct keyset *s)
{
	free(s->hash);
	free(s->value);
	s->hash = s->value = NULL;
	s->n = s->cap = 0;
}

/* keyset.h - rows by the 64-bit hash of their key (keyset.c). */
#ifndef LR_KEYSET_H
#define LR_KEYSET_H

#include <stddef.h>
#include <stdint.h>

/*
 * An open-addressing table of (hash, value) pairs.  Equal hashes do
 * not make equal keys: a lookup asks the caller, for each entry of
 * the same hash, whether its value stands for the key looked for.
 * Values are the caller's, never 0.
 */
struct keyset {
	uint64_t *hash, *value;		/* value 0: an empty slot */
	size_t n, cap;
};

/* Does the entry holding value stand for the key looked for? */
typedef int keyset_same(const void *arg, uint64_t value);

/* The value of an entry for the key, or 0 when there is none. */
uint64_t keyset_find(const struct keyset *s, uint64_t hash,
    keyset_same *same, const void *arg);
void keyset_add(struct keyset *s, uint64_t hash, uint64_t value);
void keyset_free(struct keyset *s);

#endif

/* str.c - owns comma lists, word lists, UTF-8 and quoting for messages. */
#include <stdint.h>
#include <string.h>

#include "list.h"
#include "lr.h"

/*
 * Quote a value for a message: escapes as the TSV writer would, shows
 * other control bytes as \xNN and cuts long values, so one bad field
 * can never flood the terminal or hide the rest of the message.
 */
size_t
lr_quote(char *dst, size_t n, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	if (n < 8)
		return 0;
	dst[o++] = '"';
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];
		char one[5] = { (char)c, 0, 0, 0, 0 };
		const char *e = one;
		size_t len;

		if (c == '\t')
			e = "\\t";
		else if (c == '\n')
			e = "\\n";
		else if (c == '\r')
			e = "\\r";
		else if (c == '\\')
			e = "\\\\";
		else if (c < 0x20 || c == 0x7f)
			snprintf(one, sizeof one, "\\x%c%c", hex[c >> 4],
			    hex[c & 15]);
		len = strlen(e);
		if (o + len + 5 > n || i >= 60) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(dst + o, e, len);
		o += len;
	}
	dst[o++] = '"';
	dst[o] = '\0';
	return o;
}

/*
 * A path as a shell takes it, for a command a message suggests: as it
 * is when every byte is safe, else in single quotes; control bytes show
 * as \xNN, so that no message carries a raw newline.
 */
const char *
lr_shell_quote(char *dst, size_t n, const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+:@%,=~";
	size_t o = 0, i;

	if (n < 8)
		return "";
	if (s[0] != '\0' && s[strspn(s, safe)] == '\0' && s[0] != '~') {
		snprintf(dst, n, "%s", s);
		return dst;
	}
	dst[o++] = '\'';
	for (i = 0; s[i] != '\0' && o + 8 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\'')
			o += (size_t)snprintf(dst + o, n - o, "'\\''");
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(dst + o, n - o, "\\x%02x", c);
		else
			dst[o++] = (char)c;
	}
	dst[o++] = '\'';
	dst[o] = '\0';
	return dst;
}

/* Is the word of n bytes at item one of the words of a comma list? */
int
lr_list_has_n(const char *list, const char *item, size_t n)
{
	size_t len;
	const char *p = list, *w;

	if (n == 0 || *list == '\0')
		return 0;
	while ((w = lr_list_next(&p, ",", &len)) != NULL)
		if (len == n && memcmp(w, item, n) == 0)
			return 1;
	return 0;
}

int
lr_list_has(const char *list, const char *item)
{
	return lr_list_has_n(list, item, strlen(item));
}

/* Do two comma lists share a word? */
int
lr_list_meets(const char *a, const char *b)
{
	const char *p = a, *w;
	size_t len;

	if (*a == '\0')
		return 0;
	while ((w = lr_list_next(&p, ",", &len)) != NULL)
		if (lr_list_has_n(b, w, len))
			return 1;
	return 0;
}

int
lr_word_index(const char *const *words, const char *w)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], w) == 0)
			return i;
	return -1;
}

/*
 * Check that every word of a comma list is in words; on failure copy
 * the first stranger to bad. An empty list, or an empty word, fails.
 */
int
lr_list_valid(const char *list, const char *const *words, char *bad,
    size_t badn)
{
	const char *p = list, *w;
	size_t len;

	while ((w = lr_list_next(&p, ",", &len)) != NULL) {
		int i;

		for (i = 0; words[i] != NULL; i++)
			if (strlen(words[i]) == len &&
			    memcmp(words[i], w, len) == 0)
				break;
		if (len == 0 || words[i] == NULL) {
			if (badn > 0)
				snprintf(bad, badn, "%.*s", (int)(len < badn ?
				    len : badn - 1), w);
			return 0;
		}
	}
	return 1;
}

void
lr_words_join(char *dst, size_t n, const char *const *words)
{
	size_t o = 0;
	int i;

	if (n == 0)
		return;
	dst[0] = '\0';
	for (i = 0; words[i] != NULL; i++) {
		size_t len = strlen(words[i]);

		if (o + len + 3 >= n)
			break;
		if (i > 0) {
			memcpy(dst + o, ", ", 2);
			o += 2;
		}
		memcpy(dst + o, words[i], len);
		o += len;
		dst[o] = '\0';
	}
}

/*
 * Bytes of the control character that UTF-8 text s starts with: C0 or
 * DEL (1), C1, U+0080-U+009F (2); 0 when it starts with none.  What a
 * terminal may act on, so that a text shown must not carry it.
 */
size_t
lr_control_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if ((*p < 0x20 && *p != '\0') || *p == 0x7f)
		return 1;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	return 0;
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
int
lr_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned char c = *p;
		uint32_t cp;
		int len, i;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return 0;
		if (end - p < len)
			return 0;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		p += len;
	}
	return 1;
}

/* An id: lowercase letters, digits and inner hyphens, 64 at most. */
int
lr_is_slug(const char *s)
{
	size_t i;

	if (s[0] == '\0' || s[0] == '-')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((unsigned char)(c - 'a') > 25 && (unsigned char)(c - '0') > 9 &&
		    c != '-')
			return 0;
	}
	return s[i - 1] != '-' && i <= 64;
}

/* Levenshtein distance, for "did you mean" lists; short words only. */
int
lr_edit_distance(const char *a, const char *b)
{
	int row[65], i, j, la = (int)strlen(a), lb = (int)strlen(b);

	if (la > 64 || lb > 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			int up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* FNV-1a: a fast hash, the same on every machine. */
uint64_t
lr_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
lr_hash(const char *s)
{
	return lr_fnv1a(LR_FNV_START, s, strlen(s));
}

/*
 * A word of a list as said: when `spoken`, a position in words ("lying
 * on your back") and any other word with spaces for its hyphens ("foam
 * roller"); else as written.  Its length; copied to dst when not NULL.
 */
static size_t
say_word(char *dst, const char *w, size_t len, int spoken)
{
	const char *pos = spoken ? lr_position_said(w, len) : NULL;
	size_t i;

	if (pos != NULL)
		w = pos, len = strlen(pos);
	if (dst != NULL)
		for (i = 0; i < len; i++) {
			dst[i] = w[i];
			if (spoken && w[i] == '-')
				dst[i] = ' ';
		}
	return len;
}

/*
 * A list as people write it: "a, b or c" for "a,b|c", with `comma`
 * for each "," and " or " for each "|"; each word as say_word says it.
 * In a string the caller frees.
 */
char *
lr_list_say(const char *list, const char *comma, int spoken)
{
	const char *p = list, *w;
	size_t len, n = 1, o = 0, nc = strlen(comma);
	char *dst;

	while ((w = lr_list_next(&p, ",|", &len)) != NULL)
		n += say_word(NULL, w, len, spoken) + (nc > 4 ? nc : 4);
	dst = lr_xmalloc(n);
	for (p = list; (w = lr_list_next(&p, ",|", &len)) != NULL; ) {
		o += say_word(dst + o, w, len, spoken);
		if (w[len] == ',') {
			memcpy(dst + o, comma, nc);
			o += nc;
		} else if (w[len] == '|') {
			memcpy(dst + o, " or ", 4);
			o += 4;
		}
	}
	dst[o] = '\0';
	return dst;
}

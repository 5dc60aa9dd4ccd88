/* filter.c - owns the filters that choose exercises (lr-list, lr-plan). */

/*
 * The filters people choose exercises with (conditions,
 * kinds, regions, positions, equipment, level), as lr-list and lr-plan
 * share them, options and all.
 */
#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "lr.h"

/*
 * Add a comma list given on the command line to a filter, checking
 * each word; an unknown word is a usage error that lists the valid
 * ones.
 */
void
filter_add(char **list, const char *arg, const char *const *words,
    const char *what)
{
	char bad[256], all[512];
	size_t n;

	if (!lr_list_valid(arg, words, bad, sizeof bad)) {
		lr_words_join(all, sizeof all, words);
		lr_usage_error("unknown %s \"%s\"; choose from: %s", what,
		    bad, all);
	}
	if (*list == NULL) {
		*list = lr_xstrdup(arg);
		return;
	}
	n = strlen(*list) + strlen(arg) + 2;
	*list = lr_xrealloc(*list, n);
	snprintf(*list + strlen(*list), n - strlen(*list), ",%s", arg);
}

void
filter_add_equipment(char **list, const char *arg)
{
	filter_add(list, arg, lr_equipment, "equipment");
}

/*
 * The filter options lr-list and lr-plan share: -c, -k, -r, -p, -e and
 * -l.  Returns 1 when ch is one of them.
 */
int
filter_option(struct filter *f, int ch, const char *arg)
{
	switch (ch) {
	case 'c':
		filter_add(&f->conditions, arg, lr_conditions, "condition");
		return 1;
	case 'k':
		filter_add(&f->kinds, arg, lr_kinds, "kind");
		return 1;
	case 'r':
		filter_add(&f->regions, arg, lr_regions, "region");
		return 1;
	case 'p':
		filter_add(&f->positions, arg, lr_positions, "position");
		return 1;
	case 'e':
		filter_add_equipment(&f->equipment, arg);
		return 1;
	case 'l':
		f->level = lr_opt_long("--level", arg, 1, 3);
		return 1;
	}
	return 0;
}

/* Is one of the alternatives "a|b|c" (n bytes at item) in have? */
static int
has_one_of(const char *have, const char *item, size_t n)
{
	const char *end = item + n;

	for (;;) {
		const char *bar = memchr(item, '|', (size_t)(end - item));
		size_t len = (size_t)((bar ? bar : end) - item);

		if (lr_list_has_n(have, item, len))
			return 1;
		if (bar == NULL)
			return 0;
		item = bar + 1;
	}
}

/* Does the person's equipment list cover what the exercise needs? */
static int
has_equipment(const char *have, const char *need)
{
	const char *p = need, *w;
	size_t len;

	if (strcmp(need, "none") == 0)
		return 1;
	while ((w = lr_list_next(&p, ",", &len)) != NULL)
		if (!has_one_of(have, w, len))
			return 0;
	return 1;
}

/* F_PASS, or the first filter that turns the exercise away. */
int
filter_check(const struct filter *f, const struct exercise *e)
{
	if (f->conditions && !lr_list_meets(f->conditions, e->conditions))
		return F_CONDITION;
	if (f->conditions && lr_list_meets(f->conditions, e->avoid))
		return F_AVOID;
	if (f->kinds && !lr_list_has(f->kinds, e->kind))
		return F_KIND;
	if (f->regions && !lr_list_meets(f->regions, e->regions))
		return F_REGION;
	if (f->positions && !lr_list_meets(f->positions, e->position))
		return F_POSITION;
	if (f->equipment && !has_equipment(f->equipment, e->equipment))
		return F_EQUIPMENT;
	if (f->level > 0 && e->level > f->level)
		return F_LEVEL;
	return F_PASS;
}

const char *
filter_name(int why)
{
	static const char *const names[] = {
		"", "--condition", "the avoid column", "--kind", "--region",
		"--position", "--equipment", "--level"
	};

	return names[why];
}

void
filter_free(struct filter *f)
{
	free(f->conditions);
	free(f->kinds);
	free(f->regions);
	free(f->positions);
	free(f->equipment);
}

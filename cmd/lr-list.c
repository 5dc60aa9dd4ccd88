/*
 * lr-list - print exercises of the catalog, or a card for one.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doses.h"
#include "list.h"
#include "lr.h"

static const char usage_text[] =
"usage: lr-list [options] [ID...]\n"
"       lr-list [--catalog FILE] -s ID\n"
"       lr-list --routines\n"
"\n"
"Print the exercises of the catalog as TSV with its header, or a card\n"
"for one exercise.  With IDs, print just those, in that order.\n"
"\n"
"  -c, --condition LIST   exercises for any of these conditions, and\n"
"                         none that they must avoid (repeatable):\n"
"                         leg-pain, sciatica, knee-pain, low-back-pain\n"
"  -k, --kind LIST        warmup, stretch, strength, mobility, release\n"
"  -r, --region LIST      exercises that work any of these regions\n"
"  -p, --position LIST    positions you can take, e.g. standing,sitting\n"
"  -e, --equipment LIST   what you have; none for body weight only\n"
"  -l, --level N          at most this level (1-3)\n"
"      --catalog FILE     read FILE (- for stdin) instead of the catalog\n"
"  -s, --show ID          print a readable card for exercise ID\n"
"      --routines         list the routines lr-plan -R knows\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"The catalog is read from --catalog, else from standard input when it\n"
"is a pipe or a file that is not empty, else from $LR_CATALOG or the\n"
"installed catalog.\n";

struct options {
	struct filter f;
	const char *catalog, *show;
	int routines;
	char **ids;
	int nids;
};

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "condition", required_argument, NULL, 'c' },
		{ "kind", required_argument, NULL, 'k' },
		{ "region", required_argument, NULL, 'r' },
		{ "position", required_argument, NULL, 'p' },
		{ "equipment", required_argument, NULL, 'e' },
		{ "level", required_argument, NULL, 'l' },
		{ "catalog", required_argument, NULL, 'C' },
		{ "show", required_argument, NULL, 's' },
		{ "routines", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:k:r:p:e:l:s:hV", longopts,
	    NULL)) != -1) {
		if (filter_option(&o->f, ch, optarg))
			continue;
		switch (ch) {
		case 'C':
			o->catalog = optarg;
			break;
		case 's':
			o->show = optarg;
			break;
		case 'R':
			o->routines = 1;
			break;
		case 'h': lr_print_usage(usage_text);
		case 'V':
			lr_print_version();
			break;
		default:
			lr_bad_option(ch, argv);
		}
	}
	o->ids = argv + optind;
	o->nids = argc - optind;
	if (o->show && o->nids > 0)
		lr_usage_error("--show takes one ID; give no other IDs");
	if (o->routines && (o->show || o->nids > 0))
		lr_usage_error("--routines takes no ID");
}

/* "lying on your back or sitting on a chair" */
static void
print_positions(const char *list)
{
	char *words = lr_list_say(list, " or ", 1);

	fputs(words, stdout);
	free(words);
}

static void
print_list(const char *label, const char *list)
{
	char *words = lr_list_say(list, ", ", 0);

	printf("%-11s", label);
	lr_wrap(stdout, words, 11, 11, 72);
	free(words);
}

static void
print_range(FILE *fp, const char *fmt, long lo, long hi)
{
	fprintf(fp, fmt, lo);
	if (hi > lo)
		fprintf(fp, "-%ld", hi);
}

/* One dose: where it starts and how far it goes, in words. */
static void
print_dose(FILE *fp, const struct dose *start, const struct dose *top,
    long sides, long rest_s)
{
	char a[32], b[32];

	print_range(fp, "%ld", start->sets, top->sets);
	fprintf(fp, " set%s", top->sets == 1 ? "" : "s");
	if (start->reps > 0) {
		print_range(fp, " of %ld", start->reps, top->reps);
		fprintf(fp, " reps");
		if (start->hold_s > 0)
			fprintf(fp, ", holding %s at the top",
			    lr_fmt_secs(a, sizeof a, start->hold_s));
	} else if (start->breaths > 0) {
		print_range(fp, ", holding for %ld", start->breaths, top->breaths);
		fprintf(fp, " slow breaths");
	} else {
		fprintf(fp, ", %s", lr_fmt_secs(a, sizeof a, start->hold_s));
		if (top->hold_s > start->hold_s)
			fprintf(fp, " (up to %s)",
			    lr_fmt_secs(b, sizeof b, top->hold_s));
	}
	if (sides == 2)
		fprintf(fp, ", each side");
	if (top->sets > 1 && rest_s > 0)
		fprintf(fp, "; rest %s between sets",
		    lr_fmt_secs(a, sizeof a, rest_s));
	fputc('.', fp);
}

/*
 * The dose of each article that gives one, as plans use them; the
 * catalog's own figures for an exercise the doses table does not know.
 */
/* A labelled dose, wrapped to the card's width. */
static void
print_labelled(const char *label, const char *article, const char *lr,
    const struct dose *start, const struct dose *top,
    const struct exercise *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		lr_die(LR_EDATA, "out of memory");
	if (article != NULL)
		fprintf(fp, "%s (%.3s)%s: ", lr_article_name(article), article,
		    lr);
	print_dose(fp, start, top, e->sides, e->rest_s);
	fclose(fp);
	printf("%-11s", label);
	lr_wrap(stdout, text, 11, 11, 72);
	free(text);
}

/*
 * The dose of each article that gives one, as plans use them; the
 * catalog's own figures for an exercise the doses table does not know.
 */
static void
print_doses(const struct exercise *e, const struct doses *d)
{
	const char *label = "Dose:";
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct article_dose *a = &d->v[i];

		if (strcmp(a->id, e->id) != 0)
			continue;
		print_labelled(label, a->article, strcmp(a->figures, "lr") ==
		    0 ? ", lr's reading" : "", &a->start, &a->top, e);
		label = "";
	}
	if (label[0] != '\0') {
		struct dose start = { e->sides, e->sets, e->reps, e->rep_s,
		    e->hold_s, e->breaths, e->rest_s };
		struct dose top = { e->sides, e->sets_max, e->reps_max,
		    e->rep_s, e->hold_s_max, e->breaths_max, e->rest_s };

		print_labelled(label, NULL, "", &start, &top, e);
	}
}

static void
print_steps(const char *steps)
{
	const char *p = steps;
	int n = 1;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		if (len > 0) {
			char *line = strndup(p, len);

			if (line == NULL)
				lr_die(LR_EDATA, "out of memory");
			printf("  %2d. ", n++);
			lr_wrap(stdout, line, 6, 6, 72);
			free(line);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void
print_card(const struct exercise *e, const struct doses *d)
{
	printf("%s (%s)\n", e->name, e->id);
	printf("A %s exercise, level %ld of 3, done ", e->kind, e->level);
	print_positions(e->position);
	printf(".\n\n");
	if (e->helps[0] != '\0')
		lr_wrap(stdout, e->helps, 0, 0, 72);
	putchar('\n');
	print_list("Works:", e->regions);
	print_list("Good for:", e->conditions);
	printf("\nHow to do it:\n");
	print_steps(e->steps);
	putchar('\n');
	print_doses(e, d);
	print_list("Equipment:", e->equipment);
	if (e->caution[0] != '\0') {
		printf("%-11s", "Caution:");
		lr_wrap(stdout, e->caution, 11, 11, 72);
	}
	if (e->avoid[0] != '\0')
		print_list("Not with:", e->avoid);
	if (e->dose[0] != '\0') {
		printf("%-11s", "Articles:");
		lr_wrap(stdout, e->dose, 11, 11, 72);
	}
	print_list("Source:", e->source);
	printf("\n");
	lr_wrap(stdout, lr_check_first, 0, 0, 72);
}

/* Remember every id seen, to name the valid ones when one is unknown. */
struct idlist {
	char **v;
	size_t n, cap;
};

static void
idlist_add(struct idlist *l, const char *id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = lr_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = lr_xstrdup(id);
}

static int
idlist_has(const struct idlist *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return 1;
	return 0;
}

static void
idlist_free(struct idlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void
unknown_id(const char *id, const char *file, const struct idlist *l)
{
	struct wordset ids = { NULL, 0, 0 };
	char *all;
	size_t i;

	for (i = 0; i < l->n; i++)
		wordset_add_list(&ids, l->v[i]);
	all = wordset_join(&ids, ", ");
	lr_warn("%s: no exercise \"%s\"; the ids are: %s", file, id, all);
	free(all);
	wordset_free(&ids);
}

/* Rows picked by ID, kept until the end so they print in ID order. */
struct picked {
	char **row;
	size_t nfield;
};

static void
keep_row(struct picked *p, const struct tsv *t)
{
	size_t i;

	if (p->row != NULL)
		return;
	p->nfield = t->nfield;
	p->row = lr_xmalloc(t->nfield * sizeof *p->row);
	for (i = 0; i < t->nfield; i++)
		p->row[i] = lr_xstrdup(t->field[i]);
}

static void
free_picked(struct picked *p, int n)
{
	int i;
	size_t j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < p[i].nfield; j++)
			free(p[i].row[j]);
		free(p[i].row);
	}
	free(p);
}
int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct catalog c;
	struct exercise e;
	struct idlist seen = { 0 };
	struct doses doses = { NULL, 0, 0 };
	struct picked *picked;
	const char *name;
	FILE *fp;
	int rv, i, status = LR_OK, shown = 0;

	parse_options(argc, argv, &o);
	if (o.routines) {
		status = routines_list(stdout) == 0 ? LR_OK : LR_EDATA;
		lr_close_stdout();
		return status;
	}
	if (o.show && doses_load(&doses) != 0) {
		doses_free(&doses);
		filter_free(&o.f);
		return LR_EDATA;
	}
	if ((fp = catalog_input(o.catalog, &name)) == NULL ||
	    catalog_open(&c, fp, name) != 0) {
		if (fp != NULL && fp != stdin)
			fclose(fp);
		doses_free(&doses);
		filter_free(&o.f);
		return LR_EDATA;
	}
	picked = lr_xmalloc((size_t)(o.nids + 1) * sizeof *picked);
	memset(picked, 0, (size_t)(o.nids + 1) * sizeof *picked);
	if (!o.show && o.nids == 0)
		tsv_put_row(stdout, c.t.col, c.t.ncol);

	while ((rv = catalog_next(&c, &e)) != TSV_EOF) {
		if (rv == TSV_FAIL) {
			status = LR_EDATA;
			break;
		}
		if (rv == TSV_BAD) {
			status = LR_EDATA;
			continue;
		}
		if (idlist_has(&seen, e.id)) {
			tsv_error(&c.t, c.col[C_ID], "id \"%s\" is already "
			    "used by an earlier row", e.id);
			status = LR_EDATA;
			continue;
		}
		idlist_add(&seen, e.id);
		if (o.show) {
			if (strcmp(e.id, o.show) == 0 && !shown++)
				print_card(&e, &doses);
			continue;
		}
		if (filter_check(&o.f, &e) != F_PASS)
			continue;
		if (o.nids == 0) {
			tsv_put_row(stdout, c.t.field, c.t.nfield);
			continue;
		}
		for (i = 0; i < o.nids; i++)
			if (strcmp(o.ids[i], e.id) == 0)
				keep_row(&picked[i], &c.t);
	}

	if (o.show && !shown) {
		unknown_id(o.show, name, &seen);
		status = LR_EDATA;
	}
	for (i = 0; i < o.nids; i++) {
		if (!idlist_has(&seen, o.ids[i])) {
			unknown_id(o.ids[i], name, &seen);
			status = LR_EDATA;
		}
	}
	if (o.nids > 0 && status == LR_OK) {
		tsv_put_row(stdout, c.t.col, c.t.ncol);
		for (i = 0; i < o.nids; i++)
			if (picked[i].row != NULL)
				tsv_put_row(stdout, picked[i].row,
				    picked[i].nfield);
	}

	free_picked(picked, o.nids);
	idlist_free(&seen);
	doses_free(&doses);
	catalog_close(&c);
	filter_free(&o.f);
	if (fp != stdin)
		fclose(fp);
	lr_close_stdout();
	return status;
}

/* people.c - owns lr-report --by-person: a log a person, each alone. */
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "html.h"
#include "people.h"
#include "tables.h"
#include "warnings.h"

enum { P_TEXT, P_TSV, P_MD, P_HTML };

/* One person's log, read and worked out. */
struct person {
	char name[128];
	struct weeks s;
	struct hist h;
	struct range r;			/* from the log's first record */
	int cut;
	struct rows R;
	struct warnings w;
};

/* A name not in UTF-8 shown byte by byte, "?" for all but printable ASCII. */
static void
safe_ascii(char *dst, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && i + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		dst[i] = '?';
		if (c >= 0x20 && c < 0x7f)
			dst[i] = s[i];
	}
	dst[i] = '\0';
}

/*
 * Controls become "?" in UTF-8 text s, in place: C0 and DEL, C1
 * (U+0080-U+009F) and the bidirectional overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069), which can reorder what follows.
 */
static void
no_controls(char *s)
{
	const unsigned char *in = (const unsigned char *)s;
	char *out = s;

	while (*in != '\0') {
		size_t n = lr_control_len((const char *)in);

		if (n == 0 && in[0] == 0xe2 && ((in[1] == 0x80 &&
		    in[2] >= 0xaa && in[2] <= 0xae) || (in[1] == 0x81 &&
		    in[2] >= 0xa6 && in[2] <= 0xa9)))
			n = 3;
		if (n > 0) {
			*out++ = '?';
			in += n;
		} else
			*out++ = (char)*in++;
	}
	*out = '\0';
}

/*
 * The person of a log: its file's name without directory or suffix,
 * whole characters only, with controls shown as "?" so that a file name
 * cannot move the terminal's cursor or reorder the line.
 */
void
people_name(char *dst, size_t n, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t len;

	base = base ? base + 1 : path;
	if (strcmp(path, "-") == 0)
		base = "stdin";
	dot = strrchr(base, '.');
	len = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	if (len >= n)
		for (len = n - 1; len > 0 &&
		    ((unsigned char)base[len] & 0xc0) == 0x80; len--)
			;
	if (!lr_utf8_valid(base, len)) {
		safe_ascii(dst, n, base, len);
		return;
	}
	memcpy(dst, base, len);
	dst[len] = '\0';
	no_controls(dst);
}

/* Read one person's log; -1 when nothing of it could be read. */
static int
person_load(struct person *x, const char *path, const struct people *p,
    const struct idmask *ids, int *status)
{
	people_name(x->name, sizeof x->name, path);
	weeks_init(&x->s, ids);
	weeks_keep_notes(&x->s, p->r->first, p->r->last);
	hist_init(&x->h, p->r->first, p->r->last + 6);
	if (hist_read(p->format == P_HTML ? &x->h : NULL, &x->s, path) != 0) {
		*status = LR_EDATA;
		if (x->s.rows == 0 && x->s.skipped_rows == 0) {
			hist_free(&x->h);
			weeks_free(&x->s);
			return -1;
		}
	}
	if (x->s.skipped_rows > 0) {
		lr_warn("%s: %ld row%s could not be read and %s left out", path,
		    x->s.skipped_rows, x->s.skipped_rows == 1 ? "" : "s",
		    x->s.skipped_rows == 1 ? "was" : "were");
		*status = LR_EDATA;
	}
	weeks_finish(&x->s);
	hist_finish(&x->h);
	x->r = *p->r;
	x->cut = range_clip(&x->r, &x->s);
	hist_clip(&x->h, x->r.first);
	rows_init(&x->R, &x->s, &x->r, p->target);
	warn_init(&x->w, p->conditions ? conditions_mask(p->conditions) :
	    x->s.conditions);
	warn_all(&x->w, &x->s, &x->R, &x->r);
	return 0;
}

static void
person_free(struct person *x)
{
	warn_free(&x->w);
	hist_free(&x->h);
	weeks_free(&x->s);
}

/* ---- text and md: a table of people and weeks, then warnings ---- */

/*
 * The warnings of row i's week: those made of that week, and the week
 * itself when it is under the target (the one warning on such weeks
 * names many).
 */
static size_t
week_warnings(const struct person *p, size_t i)
{
	long firstweek = p->s.nw > 0 ? p->s.w[0].monday : LONG_MAX;
	struct row x;
	size_t k, n = 0;

	row_get(&p->R, i, &x);
	for (k = 0; k < p->w.n; k++)
		n += p->w.v[k].rank != RANK_TARGET &&
		    p->w.v[k].monday == x.monday;
	return n + (size_t)warn_under_target(&p->R, i, firstweek, &x);
}

/* A printf field width that pads name to cols columns, not bytes. */
static int
name_pad(const char *name, int cols)
{
	int bytes = lr_fit(name, strlen(name), cols), w = 0, i;

	for (i = 0; i < bytes; i++)
		w += ((unsigned char)name[i] & 0xc0) != 0x80;
	return bytes + cols - w;
}

/* A row a week; text has the sessions' and the pain's averages only. */
static void
table_person(const struct person *p, int md)
{
	struct row x;
	size_t i;
	char a[16], pb[32], c[16], l[16];

	for (i = 0; i < p->R.n; i++) {
		row_get(&p->R, i, &x);
		cell_num(a, sizeof a, x.adherence * 100, "%.0f%%");
		cell_num(l, sizeof l, x.level, "%.1f");
		if (!md) {
			printf("%-*.*s %d-W%02d %8ld  %4ld %6ld %7ld  %9s  %7s  "
			    "%8zu\n", name_pad(p->name, 11), lr_fit(p->name,
			    strlen(p->name), 11), p->name, x.iso_y, x.iso_w, x.sessions,
			    x.done, x.partial, x.skipped, a, l,
			    week_warnings(p, i));
			continue;
		}
		pain_pair(pb, sizeof pb, x.pain[0], x.pain[1], lr_utf8_locale());
		cell_num(c, sizeof c, x.pain[2], "%.1f");
		fputs("| ", stdout);
		put_line_text(stdout, p->name, 1);
		printf(" | %d-W%02d | %ld | %.0f | %ld | %ld | %ld | %s | %s | "
		    "%s | %s | %zu |\n", x.iso_y, x.iso_w, x.sessions,
		    x.minutes, x.done, x.partial, x.skipped, a, pb, c, l,
		    week_warnings(p, i));
	}
}

/* A person's warnings, kept in fp to follow the table. */
static void
warnings_person(FILE *fp, const struct person *p, int md)
{
	size_t i;

	if (p->w.n == 0)
		return;
	fprintf(fp, "\n%s", md ? "### " : "");
	put_line_text(fp, p->name, md);
	putc('\n', fp);
	for (i = 0; i < p->w.n; i++) {
		if (md) {
			fprintf(fp, "- %s\n", p->w.v[i].text);
			continue;
		}
		fputs("  - ", fp);
		lr_wrap(fp, p->w.v[i].text, 4, 4, 78);
	}
}

/* ---- the people one after the other ---- */

static void
put_head(const struct people *p)
{
	char a[16], b[16];

	if (p->format == P_HTML) {
		html_begin(stdout, "lr report by person");
		return;
	}
	if (p->format == P_TSV) {
		tables_tsv_head(1);
		return;
	}
	lr_day_text(a, sizeof a, p->r->first);
	lr_day_text(b, sizeof b, p->r->last + 6);
	if (p->format == P_MD)
		printf("# lr report by person, %s to %s\n\nTarget: %ld sessions "
		    "a week. Each exercise of a session counts once, whatever "
		    "its sides.\n\n| Person | Week | Sessions | Minutes | "
		    "Exercises done | Partly done | Skipped | Sessions of target "
		    "| Pain before %s after sessions | Pain at check-ins | All "
		    "pain ratings | Warnings |\n"
		    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n", a, b,
		    p->target, pain_arrow(lr_utf8_locale()));
	else
		printf("lr report by person, %s to %s; target %ld sessions a "
		    "week\n\n%-11s %-8s %8s  %-19s  %9s  %7s\n%-11s %-8s %8s  "
		    "%4s %6s %7s  %9s  %7s  %8s\n", a, b, p->target, "", "", "",
		    "     exercises", "sessions", "pain", "person", "week",
		    "sessions", "done", "partly", "skipped", "of target",
		    "average", "warnings");
}

static void
put_person(const struct person *x, const struct people *p, int n,
    FILE *later)
{
	if (p->format == P_HTML)
		html_part(stdout, &(struct html_part){ x->name, &x->R, &x->s,
		    &x->w, &x->h, &x->r, x->cut }, n);
	else if (p->format == P_TSV)
		tables_tsv_rows(&x->R, &x->w, x->name);
	else {
		table_person(x, p->format == P_MD);
		warnings_person(later, x, p->format == P_MD);
	}
}

/* Text and md: the warnings of all, after the table. */
static void
put_tail(const struct people *p, const char *later, size_t len)
{
	if (p->format == P_HTML)
		html_end(stdout);
	if (p->format != P_TEXT && p->format != P_MD)
		return;
	printf("\n%s%s\n", p->format == P_MD ? "## " : "", len ? "Warnings" :
	    "No warnings");
	fwrite(later, 1, len, stdout);
	printf("\n%sThis report is information for each person and their "
	    "physiotherapist, not a\ndiagnosis.%s\n", p->format == P_MD ? "*" :
	    "", p->format == P_MD ? "*" : "");
}

/*
 * Each log read on its own and reported, one person after another, in
 * one pass; for text and md the table of all, then the warnings.
 */
int
people_report(char **logs, int nlogs, const struct people *p)
{
	struct idmask *ids;
	struct person x;
	char *later = NULL;
	size_t len = 0;
	FILE *fp;
	int i, status = LR_OK;

	if (nlogs == 0)
		lr_usage_error("--by-person: name the logs, one a person");
	if ((fp = open_memstream(&later, &len)) == NULL)
		lr_die(LR_EDATA, "out of memory");
	ids = p->conditions ? NULL : idmask_read();
	put_head(p);
	for (i = 0; i < nlogs; i++)
		if (person_load(&x, logs[i], p, ids, &status) == 0) {
			put_person(&x, p, i, fp);
			person_free(&x);
		}
	fclose(fp);
	put_tail(p, later, len);
	free(later);
	idmask_free(ids);
	lr_close_stdout();
	return status;
}

/* msg.c - owns messages in the err(3) style, exit codes, checked allocation. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lr.h"

/*
 * Where messages go: standard error, unless a fuzzer, which reads
 * millions of bad inputs, asks for them to go elsewhere.
 */
static FILE *sink;

void
lr_set_messages(FILE *fp)
{
	sink = fp;
}

FILE *
lr_messages(void)
{
	return sink ? sink : stderr;
}

const char *
lr_progname(void)
{
	return program_invocation_short_name;
}

/*
 * One message, one line: a value that carries a newline, a tab or
 * another control byte (a file name, an argument, a field) shows it
 * escaped, so that it can neither split the message nor reach the
 * terminal raw.  The line is made whole first and written at once: on
 * an unbuffered stderr shared with the other programs of a pipeline,
 * a write per byte could be cut into by theirs.
 */
static void
vmsg(const char *fmt, va_list ap)
{
	FILE *fp = lr_messages();
	const char *prog = lr_progname();
	char *text = NULL, *line, *o;
	const unsigned char *c;

	if (vasprintf(&text, fmt, ap) < 0) {
		fprintf(fp, "%s: (out of memory)\n", prog);
		return;
	}
	/* At most 4 bytes (\xHH) for each byte of the text. */
	line = malloc(strlen(prog) + 2 + 4 * strlen(text) + 2);
	if (line == NULL) {
		fprintf(fp, "%s: (out of memory)\n", prog);
		free(text);
		return;
	}
	o = line + sprintf(line, "%s: ", prog);
	for (c = (const unsigned char *)text; *c != '\0'; c++)
		if (*c == '\n')
			o += sprintf(o, "\\n");
		else if (*c == '\t')
			o += sprintf(o, "\\t");
		else if (*c < 0x20 || *c == 0x7f)
			o += sprintf(o, "\\x%02x", *c);
		else
			*o++ = (char)*c;
	*o++ = '\n';
	fwrite(line, 1, (size_t)(o - line), fp);
	fflush(fp);
	free(line);
	free(text);
}

void
lr_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
lr_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

void
lr_usage_error(const char *fmt, ...)
{
	va_list ap;

	char *text = NULL;

	/* One line: the error, and where the options are told. */
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	lr_warn("%s (%s --help lists the options)", text ? text :
	    "usage error", lr_progname());
	free(text);
	exit(LR_EUSAGE);
}

/* Print a program's help, which --help asks for, and exit. */
void
lr_print_usage(const char *text)
{
	fputs(text, stdout);
	lr_close_stdout();
	exit(LR_OK);
}

void
lr_print_version(void)
{
	printf("%s (lr) %s\n", lr_progname(), LR_VERSION);
	lr_close_stdout();
	exit(LR_OK);
}

/*
 * A full disk or a closed pipe must not pass for success: the caller
 * would believe the rows arrived.
 */
void
lr_close_stdout(void)
{
	int e = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		e = errno ? errno : EIO;
	if (fclose(stdout) != 0 && e == 0)
		e = errno ? errno : EIO;
	if (e != 0)
		lr_die(LR_EDATA, "write error: %s", strerror(e));
}

void *
lr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		lr_die(LR_EDATA, "out of memory");
	return p;
}

void *
lr_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		lr_die(LR_EDATA, "out of memory");
	return p;
}

char *
lr_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(lr_xmalloc(n), s, n);
}

/*
 * A whole number given to an option, in [min, max]; anything else is a
 * usage error that says what was expected.
 */
long
lr_opt_long(const char *opt, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		lr_usage_error("%s: expected %ld-%ld, got \"%s\"", opt, min,
		    max, s);
	return v;
}

/*
 * getopt_long, told to be quiet (opterr = 0, and ':' first in its
 * option string), met a bad option: say which, in one line, and exit
 * 2.  ch is what it returned: ':' for a missing value, '?' otherwise.
 */
void
lr_bad_option(int ch, char *const *argv)
{
	const char *word = argv[optind - 1];
	size_t len = strcspn(word, "=");

	if (ch == ':' && optopt != 0 && word[1] != '-')
		lr_usage_error("option -%c needs a value", optopt);
	if (ch == ':')
		lr_usage_error("option %.*s needs a value", (int)len, word);
	if (optopt != 0 && word[1] != '-')
		lr_usage_error("unknown option -%c", optopt);
	lr_usage_error("unknown option %.*s", (int)len, word);
}

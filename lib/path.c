/* path.c - owns where lr finds its catalog, routines, log and state files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lr.h"

#ifndef LR_SHAREDIR
#define LR_SHAREDIR "/usr/local/share/lr"
#endif
#ifndef LR_SRCDIR
#define LR_SRCDIR ""
#endif

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
fits(char *dst, size_t n, const char *fmt, const char *a, const char *b)
{
	int w = snprintf(dst, n, fmt, a, b);

	return w >= 0 && (size_t)w < n;
}

/*
 * The directory of the running program, so that an installed tree can
 * be moved and a build tree works without installing.
 */
static int
exe_dir(char *dst, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", dst, n - 1);
	char *slash;

	if (len <= 0 || (size_t)len >= n - 1)
		return -1;
	dst[len] = '\0';
	if ((slash = strrchr(dst, '/')) == NULL)
		return -1;
	*slash = '\0';
	return 0;
}

/*
 * Find a shared data file: the environment variable env when set;
 * else, for a program run from its source tree, the tree's share/;
 * else beside the program as installed (PREFIX/bin/../share/lr), so
 * an installed tree can be moved; else the compiled-in directory.
 */
int
lr_share_file(char *dst, size_t n, const char *env, const char *file)
{
	const char *v = env ? getenv(env) : NULL;
	char dir[PATH_MAX];
	size_t srclen = strlen(LR_SRCDIR);

	if (v != NULL && *v != '\0')
		return fits(dst, n, "%s%s", v, "") ? 0 : -1;
	if (exe_dir(dir, sizeof dir) == 0) {
		if (srclen > 0 && strncmp(dir, LR_SRCDIR, srclen) == 0 &&
		    dir[srclen] == '/' &&
		    fits(dst, n, "%s/share/%s", LR_SRCDIR, file) &&
		    exists(dst))
			return 0;
		if (fits(dst, n, "%s/../share/lr/%s", dir, file) &&
		    exists(dst))
			return 0;
	}
	return fits(dst, n, "%s/%s", LR_SHAREDIR, file) ? 0 : -1;
}

/*
 * lr's file under an XDG base directory: $env/lr/file when env is an
 * absolute path (a relative one is ignored, as the XDG base directory
 * specification asks), else ~/home_dir/lr/file.  -1 when HOME is not
 * set either, or the path is too long.
 */
static int
xdg_file(char *dst, size_t n, const char *env, const char *home_dir,
    const char *file)
{
	const char *v = getenv(env), *home = getenv("HOME");
	int w;

	if (v != NULL && v[0] == '/')
		w = snprintf(dst, n, "%s/lr/%s", v, file);
	else if (home != NULL && home[0] == '/')
		w = snprintf(dst, n, "%s/%s/lr/%s", home, home_dir, file);
	else
		return -1;
	return w >= 0 && (size_t)w < n ? 0 : -1;
}

/*
 * The log: LR_LOG, else $XDG_DATA_HOME/lr/log.tsv, else
 * ~/.local/share/lr/log.tsv.
 */
int
lr_log_path(char *dst, size_t n)
{
	const char *v = getenv("LR_LOG"), *x = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (v != NULL && *v != '\0')
		return fits(dst, n, "%s%s", v, "") ? 0 : -1;
	if ((x == NULL || x[0] != '/') && (home == NULL || home[0] != '/')) {
		if (home == NULL || home[0] == '\0')
			lr_warn("cannot find the log: HOME is not set "
			    "(set LR_LOG to the log file)");
		else
			lr_warn("cannot find the log: HOME is \"%s\", not an "
			    "absolute path (set LR_LOG to the log file)", home);
		return -1;
	}
	return xdg_file(dst, n, "XDG_DATA_HOME", ".local/share", "log.tsv");
}

/* A file of lr's state: $XDG_STATE_HOME/lr/file, ~/.local/state/lr/file. */
int
lr_state_path(char *dst, size_t n, const char *file)
{
	return xdg_file(dst, n, "XDG_STATE_HOME", ".local/state", file);
}

/* The directory a path is in: "." for a bare name. */
void
lr_dir_of(char *dst, size_t n, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dst, n, ".");
	else if (slash == path)
		snprintf(dst, n, "/");
	else
		snprintf(dst, n, "%.*s", (int)(slash - path), path);
}

/*
 * A state file to write: its path, as lr_state_path, with its
 * directory made.  -1 when there is no path, or (said) when the
 * directory cannot be made.
 */
int
lr_state_file(char *dst, size_t n, const char *file)
{
	char dir[PATH_MAX];

	if (lr_state_path(dst, n, file) != 0)
		return -1;
	lr_dir_of(dir, sizeof dir, dst);
	if (lr_mkdirs(dir) != 0) {
		lr_warn("%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Open path to read without waiting: open(2) of a FIFO with no writer
 * would wait for ever.  st says what it is, for the caller to refuse
 * what it cannot read.  -1, said, when it cannot be opened.
 */
int
lr_open_nowait(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 || fstat(fd, st) != 0) {
		lr_warn("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/*
 * The stream of an fd from lr_open_nowait, its reads blocking again (a
 * pipe with a writer is read to its end).  NULL, said, fd closed.
 */
FILE *
lr_fdopen_read(int fd, const char *path)
{
	FILE *fp;

	if (fcntl(fd, F_SETFL, 0) != 0 || (fp = fdopen(fd, "r")) == NULL) {
		lr_warn("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	return fp;
}

/*
 * Open an input by name; "-" is standard input.  Reports failure and
 * returns NULL.
 */
FILE *
lr_open_input(const char *path, const char **name)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	if ((fd = lr_open_nowait(path, &st)) < 0)
		return NULL;
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		/* A device such as /dev/zero could be read for ever. */
		lr_warn("%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory" : "not a file: give a file, or - for "
		    "standard input");
		close(fd);
		return NULL;
	}
	return lr_fdopen_read(fd, path);
}

/*
 * lr.h - the shared library of the lr programs: messages, TSV reading
 * and writing, field checks, comma lists, paths and text layout.
 */
#ifndef LR_H
#define LR_H

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <csv.h>

#define LR_VERSION "0.1.0"

/* Exit codes shared by every program. */
enum { LR_OK = 0, LR_EDATA = 1, LR_EUSAGE = 2 };

/* The longest line a TSV reader accepts, not counting the newline. */
#define TSV_LINE_MAX 65536

/* msg.c: the "prog: ..." messages, as err(3) prints them. */
const char *lr_progname(void);
void lr_set_messages(FILE *fp);
FILE *lr_messages(void);
void lr_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lr_die(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));
_Noreturn void lr_bad_option(int ch, char *const *argv);
void lr_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void lr_print_usage(const char *text) __attribute__((noreturn));
void lr_print_version(void) __attribute__((noreturn));
long lr_opt_long(const char *opt, const char *s, long min, long max);
void lr_close_stdout(void);
void *lr_xmalloc(size_t n);
void *lr_xrealloc(void *p, size_t n);
char *lr_xstrdup(const char *s);

/* str.c: small string helpers. */
size_t lr_quote(char *dst, size_t n, const char *s);
const char *lr_shell_quote(char *dst, size_t n, const char *s);
int lr_list_has(const char *list, const char *item);
int lr_list_has_n(const char *list, const char *item, size_t n);
int lr_list_meets(const char *a, const char *b);
int lr_list_valid(const char *list, const char *const *words, char *bad,
    size_t badn);
int lr_word_index(const char *const *words, const char *w);
void lr_words_join(char *dst, size_t n, const char *const *words);
int lr_utf8_valid(const char *s, size_t n);
size_t lr_control_len(const char *s);
int lr_is_slug(const char *s);
int lr_edit_distance(const char *a, const char *b);
#define LR_FNV_START 0xcbf29ce484222325ULL
uint64_t lr_fnv1a(uint64_t h, const void *p, size_t n);
uint64_t lr_hash(const char *s);
char *lr_list_say(const char *list, const char *comma, int spoken);

/* tsv.c: header-aware TSV on top of libcsv. */
struct tsv {
	FILE *fp;
	const char *name;		/* file name used in messages */
	unsigned long line;		/* line number of the current row */
	struct csv_parser csv;		/* spaces kept, only LF ends a row */
	struct csv_parser fast;		/* libcsv's defaults, for plain lines */

	char *in;			/* input buffer, grown as lines need */
	size_t inlen, inpos, incap;
	int in_full;			/* the last read filled the buffer */
	unsigned long long base;	/* bytes read before in[0] */
	unsigned long long start;	/* byte offset of the current line */
	int in_eof, read_error;
	int endless;			/* not a regular file: may never end */
	int line_ascii, line_plain;	/* the current line: all ASCII; no
					   backslash or CR */
	size_t rawlen;			/* bytes in the fields libcsv gave */

	char *store;			/* unescaped fields, NUL-separated */
	size_t storelen, storecap;
	size_t *off;			/* field offsets into store */
	char **field;			/* current row */
	size_t nfield, fieldcap;

	char **col;			/* header names */
	size_t ncol;
	/*
	 * tsv_col's index of col[0..colidx_n), for col == colidx_of: an
	 * open-addressed table of column numbers plus one (0 is a free
	 * slot), made on the first look-up in a wide header and extended
	 * as columns are added at the end (a header built by hand may
	 * grow so; any other change is a new col array).  A cache, so
	 * tsv_col fills it through a const pointer: no struct tsv is
	 * itself const.
	 */
	size_t *colidx;
	size_t colidx_cap, colidx_n;
	char **colidx_of;

	int quiet;			/* report nothing: the caller counts */
	size_t need;			/* 0, or split only this many columns */
	int bad;			/* first problem in the current row */
	size_t bad_field;
	char bad_what[128];
	int done_header;
};

enum { TSV_ROW = 1, TSV_EOF = 0, TSV_BAD = -1, TSV_FAIL = -2 };

int tsv_open(struct tsv *t, FILE *fp, const char *name);
int tsv_next(struct tsv *t);
void tsv_close(struct tsv *t);
long tsv_col(const struct tsv *t, const char *name);
int tsv_find_columns(const struct tsv *t, const char *const *names,
    int nreq, long *idx);
const char *tsv_colname(const struct tsv *t, size_t i);
void tsv_error(const struct tsv *t, long col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tsv_int(const struct tsv *t, long col, long min, long max, long *out);
int tsv_enum(const struct tsv *t, long col, const char *const *words);
int tsv_enum_list(const struct tsv *t, long col, const char *const *words);

void tsv_put_field(FILE *fp, const char *s);
void tsv_put_row(FILE *fp, char *const *f, size_t n);

/* path.c: where the catalog, routines and log live. */
int lr_share_file(char *dst, size_t n, const char *env, const char *file);
int lr_log_path(char *dst, size_t n);
int lr_state_path(char *dst, size_t n, const char *file);
void lr_dir_of(char *dst, size_t n, const char *path);
int lr_state_file(char *dst, size_t n, const char *file);
int lr_open_nowait(const char *path, struct stat *st);
FILE *lr_fdopen_read(int fd, const char *path);
FILE *lr_open_input(const char *path, const char **name);

/* catalog.c: the exercise catalog and its words; filter.c: filters. */
extern const char *const lr_kinds[];
extern const char *const lr_conditions[];
extern const char *const lr_positions[];
const char *lr_position_said(const char *w, size_t len);
extern const char *const lr_regions[];
extern const char *const lr_equipment[];

enum {
	C_ID, C_NAME, C_KIND, C_REGIONS, C_CONDITIONS, C_POSITION,
	C_EQUIPMENT, C_LEVEL, C_SIDES, C_SETS, C_REPS, C_HOLD_S, C_REST_S,
	C_REPS_MAX, C_HOLD_S_MAX, C_AVOID, C_CAUTION, C_STEPS, C_SOURCE,
	C_REQUIRED,			/* the columns above must be present */
	C_SETS_MAX = C_REQUIRED, C_REP_S, C_BREATHS, C_BREATHS_MAX, C_CUE,
	C_HELPS, C_DOSE,
	C_NCOLS
};

struct exercise {
	const char *id, *name, *kind, *regions, *conditions, *position;
	const char *equipment, *avoid, *caution, *steps, *source;
	const char *cue, *helps, *dose;		/* "" when absent */
	long level, sides, sets, reps, hold_s, rest_s, reps_max, hold_s_max;
	long sets_max, rep_s, breaths, breaths_max;
};

struct catalog {
	struct tsv t;
	long col[C_NCOLS];
};

int catalog_open(struct catalog *c, FILE *fp, const char *name);
int catalog_next(struct catalog *c, struct exercise *e);
int catalog_each(struct catalog *c, void (*fn)(const struct exercise *,
    void *), void *arg);
void catalog_bind(const struct catalog *c, char *const *row,
    struct exercise *e);
int catalog_known(const struct catalog *c, size_t i);
void catalog_close(struct catalog *c);
FILE *catalog_input(const char *path, const char **name);
FILE *catalog_installed(const char **name);
/* Find each of n ids in the catalog at path (NULL: the installed one),
 * the catalog read once: out[n], and in copy[n] a copy of each id to
 * keep.  -1, said, with close matches, when one is not there or the
 * catalog has errors. */
int catalog_find_all(const char *path, const char *const *ids, size_t n,
    struct exercise *out, char **copy);

struct filter {
	char *conditions, *kinds, *regions, *positions, *equipment;
	long level;
};

enum {
	F_PASS, F_CONDITION, F_AVOID, F_KIND, F_REGION, F_POSITION,
	F_EQUIPMENT, F_LEVEL
};

void filter_add(char **list, const char *arg, const char *const *words,
    const char *what);
void filter_add_equipment(char **list, const char *arg);
int filter_option(struct filter *f, int ch, const char *arg);
int filter_check(const struct filter *f, const struct exercise *e);
const char *filter_name(int why);
void filter_free(struct filter *f);

struct routine_step {
	const char *routine, *title, *id, *source;
	long step, sets, reps, hold_s, breaths, rest_s;
};

/* routine.c: the routines of the articles. */
enum {
	RT_ROUTINE, RT_TITLE, RT_STEP, RT_ID, RT_SETS, RT_REPS, RT_HOLD_S,
	RT_BREATHS, RT_REST_S, RT_SOURCE, RT_NCOLS
};

struct routines {
	struct tsv t;
	long col[RT_NCOLS];
};

/* One routine, its steps in order; the steps own their ids. */
struct routine {
	struct routine_step *v;
	size_t n, cap;
	char *title, *source;
};

int routines_open(struct routines *r, FILE *fp, const char *name);
int routines_next(struct routines *r, struct routine_step *s);
void routines_close(struct routines *r);
FILE *routines_input(const char **name);
int routine_read(const char *name, struct routine *r);
void routine_free(struct routine *r);
int routines_list(FILE *out);

/* plan.c: the plan format, its time estimate, a portable generator. */
#define LR_READY_S 10		/* "get ready" before each exercise */
#define LR_SWITCH_S 5		/* pause to switch sides */

enum {
	P_STEP, P_ID, P_NAME, P_KIND, P_POSITION, P_EQUIPMENT, P_SIDES,
	P_SETS, P_REPS, P_REP_S, P_HOLD_S, P_BREATHS, P_REST_S, P_CUE,
	P_REQUIRED,			/* the columns above must be present */
	P_WHY = P_REQUIRED, P_STEPS,
	P_NCOLS
};
extern const char *const plan_cols[];

struct dose {
	long sides, sets, reps, rep_s, hold_s, breaths, rest_s;
};

struct plan_row {
	long step;
	const char *id, *name, *kind, *position, *equipment, *cue;
	const char *why;		/* "" when absent */
	struct dose dose;
	const char *steps;		/* one a line; "" or NULL: none */
};

struct plan {
	struct tsv t;
	long col[P_NCOLS];
};

long plan_seconds(const struct dose *d, long ready_s, long switch_s);
char *lr_dose_text(char *dst, size_t n, const struct dose *d);
int plan_open(struct plan *p, FILE *fp, const char *name);
int plan_next(struct plan *p, struct plan_row *r);
void plan_close(struct plan *p);
unsigned long long lr_rand(unsigned long long *state);
long lr_rand_below(unsigned long long *state, long n);

/* safety.c: the seeds' rules for when to stop and whom to see. */
struct screen_question {
	const char *key;		/* recorded as key=yes or key=no */
	const char *question;		/* asked plainly */
	const char *advice;		/* what to do on a yes */
	int urgent;			/* 1: get help at once */
	const char *article;		/* the advice's, by file name */
};
extern const struct screen_question lr_screen[];
extern const char lr_check_first[];
const struct screen_question *lr_screen_find(const char *key, size_t len);
void lr_print_safety(FILE *fp, const char *conditions, const char *article,
    int width);
const char *lr_article_name(const char *file);
const char *lr_condition_regions(const char *condition);

/* time.c: clocks and ISO 8601. */
#include <time.h>
long long lr_mono_ns(void);
char *lr_iso_time(char *dst, size_t n, time_t t);
char *lr_iso_date(char *dst, size_t n, time_t t);

struct lr_stamp {
	int y, mo, d, h, mi, s;		/* local date and time as written */
	int off_min;			/* its UTC offset in minutes */
	long day;			/* the local date, in days from 1970 */
	time_t epoch;
};
int lr_days_in_month(int y, int m);
long lr_days_from_civil(int y, int m, int d);
int lr_parse_date(const char *s, struct lr_stamp *t, const char **why);
int lr_parse_stamp(const char *s, struct lr_stamp *t, const char **why);
/* The forms of lr_parse_when, for messages: as lr-log --help has them. */
#define LR_WHEN_FORMS "today, yesterday, YYYY-MM-DD, " \
	"YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS], each time with " \
	"or without a UTC offset (+HH:MM, -HH:MM or Z)"
int lr_parse_when(const char *s, time_t now, char *dst, size_t n,
    const char **why);
int lr_weekday(long days);
char *lr_day_text(char *dst, size_t n, long days);
void lr_iso_week(long monday, int *year, int *week);
int lr_parse_week(const char *s, long *monday);
char *lr_stamp_now(char *dst, size_t n);
char *lr_session_id(char *dst, size_t n, const char *prefix);

/* results.c: the results format. */
enum {
	R_STARTED, R_SESSION, R_RECORD, R_STEP, R_ID, R_SIDE, R_SETS,
	R_REPS, R_HOLD_S, R_ACTIVE_S, R_STATUS, R_PAIN, R_NOTE, R_NCOLS
};
extern const char *const result_cols[];
extern const char *const result_records[];
extern const char *const result_sides[];
extern const char *const result_exercise_status[];
extern const char *const result_pain_status[];
extern const char *const result_screen_status[];

struct result {
	char started[32];
	const char *session, *record, *id, *side, *status, *note;
	long step, sets, reps, hold_s, active_s;
	int pain;			/* -1: none */
};

void result_init(struct result *r, const char *session, const char *record);
void result_put_header(FILE *fp);
struct result_text {
	char step[24], sets[24], reps[24], hold[24], active[24], pain[16];
};

void result_fields(const struct result *r, struct result_text *t, char **f);
void result_put(FILE *fp, const struct result *r);
int result_find_columns(const struct tsv *t, long *col);
int result_check(const struct tsv *t, const long *col, struct result *r,
    struct lr_stamp *when);
size_t result_key(char *dst, size_t n, const struct result *r);

/* logfile.c: appends that are all or nothing. */
struct logfile {
	char path[PATH_MAX], dir[PATH_MAX], journal[PATH_MAX + 16];
	int fd, created;
};

int lr_sync_dir(const char *dir);
int lr_mkdirs(const char *path);
int lr_dir_open_to_others(const char *dir);
void lr_real_log(char *dst, size_t n, const char *path);
int lr_check_private(const char *path, int fd);
int log_open(struct logfile *l, const char *path);
int log_recover(struct logfile *l);
int log_append(struct logfile *l, const char *buf, size_t len);
off_t log_size(const struct logfile *l);
void log_close(struct logfile *l);

/* term.c: the terminal, and signals on a pipe. */
int term_open(void);
int term_cbreak(void);
void term_alt_screen(void);
void term_restore(void);
void term_size(int *rows, int *cols);
void term_suspend(void);
int sig_pipe_init(void);
int sig_pipe_next(int fd);
int lr_utf8_locale(void);
int lr_color_term(const char *term);

/* text.c: text for people. */
void lr_wrap(FILE *fp, const char *text, int indent, int first, int width);
int lr_fit(const char *s, size_t n, int cols);
char *lr_fmt_secs(char *dst, size_t n, long s);

/* ask.c: questions on the terminal, before and after a session. */
enum { ASK_SKIP = -1, ASK_QUIT = -2, ASK_KILLED = -3 };

struct ask {
	int in, out;			/* the terminal, read and written */
	int sigfd;			/* signals, as bytes: sig_pipe_init */
	int rows, cols;
	int plain;			/* no drawing: lines (TERM=dumb) */
	int lines;			/* answers are lines ended by Enter */
	int bold;
	unsigned char key[64];		/* keys read and not yet taken */
	int nkey, ikey;
};

struct screen_answers {
	char answers[512];		/* key=yes,key=no,... as recorded */
	int yes[16], nyes;		/* lr_screen indices answered yes */
	int stop, urgent;
};

void ask_init(struct ask *a, int in, int out, int sigfd);
int ask_screen(struct ask *a, struct screen_answers *sa);
char *ask_advice_text(const struct screen_answers *sa);
const char *ask_advice_title(const struct screen_answers *sa);
int ask_read(struct ask *a, const char *title, const char *body);
void ask_print(const struct ask *a, const char *title, const char *body);
int ask_go_on(struct ask *a, const char *title, const char *body,
    const char *what);
int ask_pain(struct ask *a, const char *title);
int ask_any_key(struct ask *a, const char *title, const char *body,
    const char *prompt);

#endif

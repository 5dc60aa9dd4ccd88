/* logcheck.h - the log read whole: checked, mended, exported (logcheck.c). */
#ifndef LR_LOGCHECK_H
#define LR_LOGCHECK_H

#include <stdio.h>

#include "lr.h"

FILE *log_open_reading(const char *path);
long log_check(const char *path);
int log_ends_in_newline(const struct logfile *l);
int log_mend(struct logfile *l);
int log_export_csv(const char *path);

#endif

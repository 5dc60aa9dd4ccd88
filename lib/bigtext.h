/*
 * bigtext.h - large digits and capital letters for the timer's screen
 * (bigtext.c): a block font five dots tall, drawn at any scale, two
 * dots to a row with half-block characters (ASCII: '#', '"' and '_').
 */
#ifndef LR_BIGTEXT_H
#define LR_BIGTEXT_H

#include <stddef.h>

#define BIG_DOTS 5			/* the font's height in dots */

int big_has(const char *text);
int big_rows(int sy);
int big_cols(const char *text, int sx);
int big_scale_x(const char *text, int sy, int cols);
size_t big_line(char *dst, size_t n, const char *text, int sx, int sy,
    int row, int utf8);

#endif

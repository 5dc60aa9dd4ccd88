/*
 * fuzz.h - what the fuzz targets share: the input as a FILE.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>

#include "lr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Millions of bad inputs, each reported: keep the reports out of the
 * fuzzer's own output, which must stay readable for crashes. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lr_set_messages(fopen("/dev/null", "w"));
	return 0;
}

/* The fuzzer's bytes as a read-only stream. */
static inline FILE *
fuzz_input(const uint8_t *data, size_t size)
{
	/* fmemopen refuses a size of 0: an empty input is a file too. */
	static const char nothing[1] = { 0 };

	return fmemopen(size ? (void *)data : (void *)nothing, size ? size : 1,
	    "r");
}

#endif

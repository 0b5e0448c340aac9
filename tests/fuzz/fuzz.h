/* fuzz.h - what the fuzz harnesses share.
 *
 * Every harness defines LLVMFuzzerTestOneInput.  Built with -DGK_FUZZ=ON
 * and clang, each is a libFuzzer program (scripts/fuzz runs them); in every
 * build, each is also linked with replay.c into a program that runs it over
 * the saved inputs in tests/fuzz/corpus/NAME/, so every crash once found is
 * a regression test for ever. */
#ifndef GK_FUZZ_H
#define GK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The data directory (corpus/data of the source tree). */
#define GK_FUZZ_DATA_DIR GK_FUZZ_SOURCE_DIR "/corpus/data"

/* Abort, so the fuzzer reports it, when a load that cannot fail did. */
void gk_fuzz_require(int ok, const char *what);

#endif

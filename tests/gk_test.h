/* gk_test.h - helpers shared by the cmocka tests: temporary directories,
 * files, and running the real programs. */
#ifndef GK_TEST_H
#define GK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Create a fresh empty directory under the test build dir; returns a
 * malloc'd path (never NULL: fails the test instead). */
char *gk_test_mkdtemp(const char *tag);

/* Remove a directory tree (like rm -rf); ignores errors. */
void gk_test_rmtree(const char *path);

/* Write len bytes to path (creating or truncating); fails the test on error. */
void gk_test_write_file(const char *path, const char *bytes, size_t len);

/* Read a whole file; returns malloc'd NUL-terminated bytes (length in *len
 * if len is not NULL), or NULL if it cannot be read. */
char *gk_test_read_file(const char *path, size_t *len);

/* path joined with name; malloc'd. */
char *gk_test_join(const char *dir, const char *name);

typedef struct gk_test_run_result {
    int status;   /* exit code, or 128+signal if killed */
    char *out;    /* everything written to stdout, NUL-terminated */
    size_t out_len;
    char *err;    /* everything written to stderr, NUL-terminated */
    size_t err_len;
} gk_test_run_result;

/* Run argv[0] (a path) with the given argv (NULL-terminated), extra
 * environment assignments ("NAME=value", NULL-terminated list or NULL) and
 * stdin from /dev/null; capture stdout and stderr. */
void gk_test_run(gk_test_run_result *res, char *const argv[],
                 char *const env_extra[]);

/* Release what gk_test_run captured. */
void gk_test_run_clear(gk_test_run_result *res);

/* Number of lines in s (a final line without newline counts). */
size_t gk_test_count_lines(const char *s);

#endif

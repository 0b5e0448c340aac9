/* gk_cli.h - the fixture of the end-to-end tests (tests/test_cli_*.c,
 * tests/gen/gen_accuracy.c): a fresh temporary directory with a folder for
 * input files and a path for the database; the real gongkai-index and
 * gongkai-query run on it (under valgrind with GK_TEST_VALGRIND, see
 * gk_test.h); their --json output read back.  Every helper fails the
 * running test on error. */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <jansson.h>

#include "gk_test.h"

/* A test's own directory. */
typedef struct gk_cli {
    char *top; /* a fresh temporary directory, named after the test program */
    char *in;  /* top/in, made empty: the input files */
    char *db;  /* top/db, not made: the database */
    int keep;  /* set: gk_cli_clear leaves top in place, to look at after a
                  failure */
} gk_cli;

/* Make cli's directories; fails the test on error. */
void gk_cli_init(gk_cli *cli);

/* Remove cli's directory (unless keep is set) and release its paths; a
 * harmless no-op on a zeroed cli. */
void gk_cli_clear(gk_cli *cli);

/* cmocka setup: a new gk_cli in *state. */
int gk_cli_setup(void **state);

/* cmocka (group) setup: a new gk_cli in *state whose database holds the
 * five reports of corpus/, made by gongkai-index; fails unless it exits 0,
 * finds 5 reports and says nothing on stderr. */
int gk_cli_corpus_setup(void **state);

/* cmocka teardown of either setup: clear and free the gk_cli in *state. */
int gk_cli_teardown(void **state);

/* A cmocka test that finds a new gk_cli in *state. */
#define GK_CLI_TEST(test) cmocka_unit_test_setup_teardown(test, gk_cli_setup, gk_cli_teardown)

/* ---- running the programs ------------------------------------------------ */

/* A NULL-terminated argument list written in place:
 * GK_CLI_ARGS("--json", "-n", "0"). */
#define GK_CLI_ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The argv of `program -d db ARGS...` (no -d when db is NULL; args, a
 * NULL-terminated list, may be NULL), for gk_test_spawn.  malloc'd, its
 * strings borrowed: free() it. */
char **gk_cli_argv(const char *program, const char *db, const char *const args[]);

/* Run `program -d db ARGS...` (as gk_cli_argv) with the extra environment
 * env (or NULL) and wait for it, like gk_test_run: clear *r with
 * gk_test_run_clear. */
void gk_cli_run(gk_test_run_result *r, const char *program, const char *db,
                const char *const args[], char *const env[]);

/* gongkai-index -d db ARGS... (the arguments end with NULL), like
 * gk_cli_run. */
void gk_cli_index(gk_test_run_result *r, const char *db, ...) __attribute__((sentinel));

/* gongkai-query -d db ARGS... (the arguments end with NULL), like
 * gk_cli_run. */
void gk_cli_query(gk_test_run_result *r, const char *db, ...) __attribute__((sentinel));

/* ---- reading --json output ----------------------------------------------- */

/* The exit code gk_cli_query_json accepts when anything found or nothing
 * found will do. */
#define GK_CLI_0_OR_1 (-1)

/* The lines of out, JSON Lines (each ended by a newline), as an array;
 * fails the test on a line that is not JSON.  The caller decrefs it. */
json_t *gk_cli_json_lines(const char *out);

/* Run gongkai-query -d db ARGS...; fails the test, showing the command and
 * its stderr, unless it exits `want` (0 or 1 for GK_CLI_0_OR_1).  Returns
 * its output as gk_cli_json_lines does (the caller decrefs). */
json_t *gk_cli_query_json(const char *db, int want, const char *const args[]);

/* The lines of `lines` whose "type" is type, in their order: a new array
 * (the caller decrefs it; the lines are shared). */
json_t *gk_cli_of_type(const json_t *lines, const char *type);

/* The summary that ends `lines`; fails the test unless the last line is
 * one.  Borrowed from lines. */
json_t *gk_cli_summary(const json_t *lines);

/* The total of `gongkai-query -d db --json -n 0 ARGS...` (the arguments
 * end with NULL); fails the test unless it exits 0 or 1 with nothing on
 * stderr and its output is the summary alone. */
long gk_cli_count(const char *db, ...) __attribute__((sentinel));

/* The string o[key]; fails the test when it is not a string.  Borrowed
 * from o. */
const char *gk_cli_str(const json_t *o, const char *key);

/* err (gongkai-index's stderr) holds exactly one line starting
 * "gongkai-index: PATH: ", and it says reason; fails the test otherwise. */
void gk_cli_expect_complaint(const char *err, const char *path, const char *reason);

#endif

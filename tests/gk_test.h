/* gk_test.h - helpers shared by the cmocka tests: temporary directories,
 * files, and running programs (the end-to-end tests' fixture, built on
 * these, is gk_cli.h). */
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

/* Bytes in the regular files under path (like du --apparent-size). */
long long gk_test_dir_size(const char *path);

/* Write len bytes to path (creating or truncating); fails the test on error. */
void gk_test_write_file(const char *path, const char *bytes, size_t len);

/* Read a whole file; returns malloc'd NUL-terminated bytes (length in *len
 * if len is not NULL), or NULL if it cannot be read. */
char *gk_test_read_file(const char *path, size_t *len);

/* path joined with name; malloc'd. */
char *gk_test_join(const char *dir, const char *name);

/* dir/name holding len bytes (created or truncated); returns the path,
 * malloc'd. */
char *gk_test_put(const char *dir, const char *name, const void *bytes, size_t len);

/* dir/name, a copy of the file src (e.g. a report of corpus/); returns the
 * path, malloc'd. */
char *gk_test_put_copy(const char *dir, const char *name, const char *src);

typedef struct gk_test_run_result {
    int status;   /* exit code, or 128+signal if killed */
    char *out;    /* everything written to stdout, NUL-terminated */
    size_t out_len;
    char *err;    /* everything written to stderr, NUL-terminated */
    size_t err_len;
    long maxrss_kb; /* the program's peak resident memory */
} gk_test_run_result;

/* Valgrind.  With GK_TEST_VALGRIND set in the environment (to "1", or to
 * the path of a valgrind binary), every program run through these helpers
 * runs under valgrind --leak-check=full with its report in a log file (so
 * that stderr stays the program's own); a run with memory errors or
 * definite leaks fails the test and shows the report.  The tests of
 * tests/test_cli_*.c carry the ctest label "cli":
 *   GK_TEST_VALGRIND=1 ctest -L cli --output-on-failure */

/* 1 if the programs run under valgrind. */
int gk_test_valgrind(void);

/* A time limit in seconds for a program: `seconds` natively, much longer
 * under valgrind. */
double gk_test_timeout(double seconds);

/* Run argv[0] (a path) with the given argv (NULL-terminated), extra
 * environment assignments ("NAME=value", NULL-terminated list or NULL) and
 * stdin from /dev/null; capture stdout and stderr.  A program still
 * running after gk_test_timeout(300) seconds is killed and fails the
 * test. */
void gk_test_run(gk_test_run_result *res, char *const argv[],
                 char *const env_extra[]);

/* Release what gk_test_run captured. */
void gk_test_run_clear(gk_test_run_result *res);

/* ---- programs running in the background --------------------------------- */

typedef struct gk_test_spawn_opts {
    const char *stdout_path; /* NULL: stdout into a pipe the test reads;
                                else a file it is written to */
    int small_pipe;          /* shrink the stdout pipe to one page, so that a
                                program whose output is not read blocks
                                after a few kilobytes */
    int as_nobody;           /* when the tests run as root: run the program
                                as uid/gid 65534, which file permissions
                                apply to */
} gk_test_spawn_opts;

typedef struct gk_test_proc {
    int pid;        /* 0 when no program is running */
    int out_fd, err_fd;
    char *vg_log;   /* valgrind's log file, or NULL */
    gk_test_run_result res; /* output so far */
    size_t out_cap, err_cap;
} gk_test_proc;

/* Start a program like gk_test_run does, without waiting for it (opts may
 * be NULL). */
void gk_test_spawn(gk_test_proc *p, char *const argv[], char *const env_extra[],
                   const gk_test_spawn_opts *opts);

/* 1 if the program has not exited yet. */
int gk_test_proc_running(gk_test_proc *p);

/* Send it a signal. */
void gk_test_proc_signal(gk_test_proc *p, int sig);

/* Read its output until it exits, at most `seconds` (then kill it and fail
 * the test); *res receives what gk_test_run would give (clear it with
 * gk_test_run_clear).  p is then empty. */
void gk_test_proc_wait(gk_test_proc *p, gk_test_run_result *res, double seconds);

/* Kill the program if it still runs and release p (for teardowns, after a
 * failed assertion).  A harmless no-op on an empty p. */
void gk_test_proc_kill(gk_test_proc *p);

/* Wait until ready(ctx) returns 1, checking every 20 ms for at most
 * `seconds`; fails the test with `what` ("the indexer to commit") when
 * time runs out, or as soon as p (may be NULL) has exited.  Only p's
 * stderr is read meanwhile: its stdout may be left to fill up. */
void gk_test_wait_for(int (*ready)(void *ctx), void *ctx, gk_test_proc *p,
                      double seconds, const char *what);

/* ---- corpus/ ---------------------------------------------------------------- */

/* The five sample reports of corpus/, by number. */
#define GK_TEST_REPORT_000 GK_TEST_CORPUS_DIR "/000_925b706919d91c02.txt"
#define GK_TEST_REPORT_001 GK_TEST_CORPUS_DIR "/001_74cc16f0ef581249.txt"
#define GK_TEST_REPORT_002 GK_TEST_CORPUS_DIR "/002_c7f4534a7f0d64bb.txt"
#define GK_TEST_REPORT_003 GK_TEST_CORPUS_DIR "/003_09235f57ffce7de4.txt"
#define GK_TEST_REPORT_004 GK_TEST_CORPUS_DIR "/004_999193c3277cf575.txt"
#define GK_TEST_NREPORTS 5
extern const char *const gk_test_reports[GK_TEST_NREPORTS];


/* 1 if s ends with tail. */
int gk_test_ends_with(const char *s, const char *tail);

/* Number of lines in s (a final line without newline counts). */
size_t gk_test_count_lines(const char *s);

#endif

/* test_cli_interrupt.c - end to end: gongkai-index stopped half way.
 *
 * Interrupted by SIGINT or SIGTERM it stores the files it has read,
 * leaves the one it is reading (within seconds, even in a 13 MB file),
 * saves what it indexed, says so on one line and exits 128+signal; killed with
 * SIGKILL the database opens at its last commit; a rerun finishes the job
 * with every report once.  Searching while it indexes always works, and a
 * second gongkai-index on the same database is refused.
 *
 * An indexer whose stdout is a small pipe nobody reads blocks after a few
 * kilobytes of output: that keeps it half way through its folder for as
 * long as a test needs, without timing assumptions. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "gk_db.h"
#include "gk_util.h"

/* Reports are linked under many names: each name is a report of its own
 * (the report id comes from the path). */
#define corpus_reports gk_test_reports
#define NCORPUS GK_TEST_NREPORTS

#define COMMIT_EVERY "5"
#define WAIT_SECONDS 60

typedef struct fixture {
    gk_cli cli;
    gk_test_proc indexer; /* the one in the background */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_cli_init(&f->cli);
    f->indexer.out_fd = f->indexer.err_fd = -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_test_proc_kill(&f->indexer); /* after a failed assertion */
    gk_cli_clear(&f->cli);
    free(f);
    return 0;
}

/* n report files in f->cli.in: copies of the corpus reports, hard-linked. */
static void make_reports(fixture *f, int n)
{
    char *src = gk_test_join(f->cli.top, "src");
    assert_int_equal(mkdir(src, 0777), 0);
    char *copies[NCORPUS];
    for (size_t i = 0; i < NCORPUS; i++) {
        char name[32];
        snprintf(name, sizeof name, "%zu.txt", i);
        copies[i] = gk_test_put_copy(src, name, corpus_reports[i]);
    }
    for (int k = 0; k < n; k++) {
        char name[32];
        snprintf(name, sizeof name, "r%04d.txt", k);
        char *path = gk_test_join(f->cli.in, name);
        assert_int_equal(link(copies[k % NCORPUS], path), 0);
        free(path);
    }
    for (size_t i = 0; i < NCORPUS; i++)
        free(copies[i]);
    free(src);
}

/* Start gongkai-index on f->cli.in in the background, committing every
 * commit_every files, with an extra option; its output goes to a small
 * pipe left unread (or to stdout_path). */
static void start_indexer(fixture *f, const char *opt, const char *commit_every,
                          const char *stdout_path)
{
    char **argv = gk_cli_argv(GK_TEST_INDEX_BIN, f->cli.db,
                              GK_CLI_ARGS("--commit-every", commit_every, opt, f->cli.in));
    gk_test_spawn_opts so = {stdout_path, stdout_path == NULL, 0};
    gk_test_spawn(&f->indexer, argv, NULL, &so);
    free(argv);
}

/* Documents in the database, as a reader sees it; 0 if there is none yet. */
static unsigned long committed_documents(const char *db_path)
{
    gk_db *db = NULL;
    unsigned long n = 0;
    if (gk_db_open(&db, db_path, GK_DB_READ, NULL) == GK_OK)
        assert_int_equal(gk_db_doc_count(db, &n, NULL), GK_OK);
    gk_db_close(db);
    return n;
}

static int has_committed(void *ctx)
{
    return committed_documents(((fixture *)ctx)->cli.db) > 0;
}

/* Wait until the background indexer has committed something. */
static void wait_for_first_commit(fixture *f)
{
    gk_test_wait_for(has_committed, f, &f->indexer, gk_test_timeout(WAIT_SECONDS),
                     "the indexer's first commit");
}

/* The number of reports gongkai-query finds. */
static long reports_found(fixture *f)
{
    return gk_cli_count(f->cli.db, "--by", "report", "kind:report", NULL);
}

/* Count the --json lines of an indexer: files indexed (or found unchanged
 * in the database), their sections; returns the summary (caller frees). */
static json_t *read_json_run(const char *out, long *indexed, long *sections)
{
    json_t *lines = gk_cli_json_lines(out);
    json_t *summary = json_incref(gk_cli_summary(lines));
    *indexed = *sections = 0;
    for (size_t i = 0; i + 1 < json_array_size(lines); i++) {
        json_t *j = json_array_get(lines, i);
        assert_string_equal(gk_cli_str(j, "type"), "file");
        /* a rerun skips what the interrupted run saved: in the database,
         * with its sections, as if indexed again */
        const char *status = gk_cli_str(j, "status");
        if (strcmp(status, "indexed") != 0)
            assert_string_equal(status, "unchanged");
        (*indexed)++;
        *sections += (long)json_integer_value(json_object_get(j, "sections"));
    }
    json_decref(lines);
    return summary;
}

/* The "after indexing N files" of the one line an interrupted indexer
 * writes; fails unless err is exactly that line, naming signame. */
static long interruption_line(const char *err, const char *signame)
{
    if (gk_test_count_lines(err) != 1)
        fail_msg("expected one line on stderr, got: %s", err);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "gongkai-index: interrupted by %s after indexing ",
             signame);
    if (strncmp(err, prefix, strlen(prefix)) != 0)
        fail_msg("not the interruption line: %s", err);
    char *end;
    long n = strtol(err + strlen(prefix), &end, 10);
    assert_true(end > err + strlen(prefix));
    assert_non_null(strstr(err, "(0 failed)"));
    assert_non_null(strstr(err, "run the same command again"));
    return n;
}

/* Index f->cli.in again to the end: every one of n reports is there once. */
static void rerun_completes(fixture *f, int n)
{
    gk_test_run_result r;
    gk_cli_index(&r, f->cli.db, "--json", f->cli.in, NULL);
    if (r.status != 0)
        fail_msg("rerun exited %d: %s", r.status, r.err);
    long indexed, sections;
    json_decref(read_json_run(r.out, &indexed, &sections));
    assert_int_equal(indexed, n);
    gk_test_run_clear(&r);
    assert_int_equal(reports_found(f), n);
    /* a report indexed before the interruption was replaced, not added
     * again: the database holds exactly one document per report of this
     * run */
    (void)sections;
    assert_int_equal(committed_documents(f->cli.db), (unsigned long)indexed);
}

static void test_sigint_saves_what_was_indexed(void **state)
{
    fixture *f = *state;
    const int n = 300;
    make_reports(f, n);
    start_indexer(f, "--json", COMMIT_EVERY, NULL);
    wait_for_first_commit(f);
    gk_test_proc_signal(&f->indexer, SIGINT);
    gk_test_run_result r;
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(WAIT_SECONDS));
    assert_int_equal(r.status, 130);
    long said = interruption_line(r.err, "SIGINT");
    long indexed, sections;
    json_t *summary = read_json_run(r.out, &indexed, &sections);
    assert_int_equal(said, indexed);
    assert_true(indexed > 0 && indexed < n);
    assert_int_equal(json_integer_value(json_object_get(summary, "indexed")), indexed);
    assert_string_equal(json_string_value(json_object_get(summary, "interrupted")),
                        "SIGINT");
    json_decref(summary);
    gk_test_run_clear(&r);
    /* every file it said it indexed is in the database, and nothing else */
    assert_int_equal(reports_found(f), indexed);
    assert_int_equal(committed_documents(f->cli.db), (unsigned long)indexed);
    rerun_completes(f, n);
}

static void test_sigterm_in_text_mode(void **state)
{
    fixture *f = *state;
    const int n = 300;
    make_reports(f, n);
    start_indexer(f, "--verbose", COMMIT_EVERY, NULL);
    wait_for_first_commit(f);
    gk_test_proc_signal(&f->indexer, SIGTERM);
    gk_test_run_result r;
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(WAIT_SECONDS));
    assert_int_equal(r.status, 143);
    long said = interruption_line(r.err, "SIGTERM");
    /* one "indexed PATH: ..." line per file, then the usual summary */
    long lines = (long)gk_test_count_lines(r.out);
    assert_int_equal(lines, said + 1);
    char summary[64];
    snprintf(summary, sizeof summary, "\nindexed %ld file", said);
    assert_non_null(strstr(r.out, summary));
    gk_test_run_clear(&r);
    assert_int_equal(reports_found(f), said);
}

static void test_second_interrupt_stops_at_once(void **state)
{
    fixture *f = *state;
    const int n = 200;
    make_reports(f, n);
    start_indexer(f, "--json", COMMIT_EVERY, NULL);
    wait_for_first_commit(f);
    gk_test_proc_signal(&f->indexer, SIGINT);
    gk_test_proc_signal(&f->indexer, SIGINT);
    gk_test_run_result r;
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(WAIT_SECONDS));
    /* killed by the second SIGINT, or the two arrived as one and it
     * stopped cleanly: 130 either way */
    assert_int_equal(r.status, 130);
    assert_true(gk_test_count_lines(r.err) <= 1);
    gk_test_run_clear(&r);
    long found = reports_found(f);
    assert_true(found > 0 && found <= n);
    rerun_completes(f, n);
}

static void test_kill_9_keeps_the_last_commit(void **state)
{
    fixture *f = *state;
    const int n = 200;
    make_reports(f, n);
    start_indexer(f, "--json", COMMIT_EVERY, NULL);
    wait_for_first_commit(f);
    gk_test_proc_signal(&f->indexer, SIGKILL);
    gk_test_run_result r;
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(WAIT_SECONDS));
    assert_int_equal(r.status, 128 + SIGKILL);
    gk_test_run_clear(&r);
    /* the database opens, searches work, and it holds whole commits: a
     * multiple of 5 reports (what the indexer printed last may not have
     * left its buffer, so it says nothing here) */
    gk_db *db = NULL;
    char *msg = NULL;
    if (gk_db_open(&db, f->cli.db, GK_DB_READ, &msg) != GK_OK)
        fail_msg("database does not open after kill -9: %s", msg);
    gk_db_close(db);
    long found = reports_found(f);
    assert_true(found > 0);
    assert_true(found % 5 == 0);
    assert_true(found < n);
    rerun_completes(f, n);
}

static void test_second_writer_is_refused(void **state)
{
    fixture *f = *state;
    make_reports(f, 300);
    start_indexer(f, "--json", COMMIT_EVERY, NULL);
    wait_for_first_commit(f);
    /* the first indexer holds the database, blocked on its output */
    gk_test_run_result r;
    gk_cli_index(&r, f->cli.db, corpus_reports[0], NULL);
    assert_int_equal(r.status, 3);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    char expected[4096];
    snprintf(expected, sizeof expected, "gongkai-index: %s: ", f->cli.db);
    assert_true(strncmp(r.err, expected, strlen(expected)) == 0);
    assert_non_null(strstr(r.err, "locked by another gongkai-index"));
    gk_test_run_clear(&r);
    /* searching meanwhile is fine */
    assert_true(reports_found(f) > 0);
    gk_test_proc_signal(&f->indexer, SIGTERM);
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(WAIT_SECONDS));
    assert_int_equal(r.status, 143);
    gk_test_run_clear(&r);
}

/* The report id of the first hit of a --json query. */
static char *first_report_id(fixture *f)
{
    json_t *lines =
        gk_cli_query_json(f->cli.db, 0, GK_CLI_ARGS("--json", "-n", "1", "存在的主要问题"));
    char *id = strdup(gk_cli_str(json_array_get(lines, 0), "report_id"));
    json_decref(lines);
    return id;
}

static void test_queries_while_indexing(void **state)
{
    fixture *f = *state;
    make_reports(f, 1000);
    char *out = gk_test_join(f->cli.top, "index.out");
    /* committing every 5 files, readers see the database change under them
     * all the time (without the shim's retries most runs of this test
     * fail); a writer that commits faster than a search takes can starve
     * it: every 2 files with two analysis threads did, under ASan, for the
     * 100-hit listing; the default of 200 files keeps that far away */
    start_indexer(f, "--json", "5", out);
    wait_for_first_commit(f);
    char *id = first_report_id(f);
    const char *const *queries[] = {
        GK_CLI_ARGS("--json", "--by", "report", "存在的主要问题"),
        GK_CLI_ARGS("-n", "50", "依申请公开", "year:2019..2022"),
        GK_CLI_ARGS("-n", "0", "--facet", "province,year,category", "kind:report"),
        GK_CLI_ARGS("--figures", "kind:report"),
        GK_CLI_ARGS("--show", id),
        GK_CLI_ARGS("--json", "-n", "100", "kind:report"),
    };
    const size_t nq = sizeof queries / sizeof queries[0];
    for (int i = 0; i < 20; i++) {
        gk_test_run_result r;
        gk_cli_run(&r, GK_TEST_QUERY_BIN, f->cli.db, queries[i % nq], NULL);
        if ((r.status != 0 && r.status != 1) || r.err[0] != '\0')
            fail_msg("query %d (%s ...) while indexing: exit %d, stderr: %s", i,
                     queries[i % nq][0], r.status, r.err);
        gk_test_run_clear(&r);
    }
    /* the queries ran while the indexer was still at work */
    assert_true(gk_test_proc_running(&f->indexer));
    gk_test_proc_signal(&f->indexer, SIGINT);
    gk_test_run_result r;
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(WAIT_SECONDS));
    assert_int_equal(r.status, 130);
    gk_test_run_clear(&r);
    free(id);
    free(out);
}

static void test_commit_every_usage(void **state)
{
    fixture *f = *state;
    static const char *const bad[] = {"0", "-3", "many", "5x", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_test_run_result r;
        gk_cli_index(&r, f->cli.db, "--commit-every", bad[i], corpus_reports[0], NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, "--commit-every"));
        gk_test_run_clear(&r);
    }
    gk_test_run_result r;
    gk_cli_index(&r, NULL, "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--commit-every"));
    assert_non_null(strstr(r.out, "130"));
    assert_non_null(strstr(r.out, "143"));
    gk_test_run_clear(&r);
}

/* A report followed by a million short lines (13 MB, seconds to analyse):
 * SIGTERM while it is read stops the indexer within seconds, the file
 * neither failed nor stored, and the next run indexes it. */
static void test_sigterm_inside_a_huge_file(void **state)
{
    fixture *f = *state;
    /* a.txt, a small report, comes first: once it is committed the huge
     * b.txt is being read */
    free(gk_test_put_copy(f->cli.in, "a.txt", corpus_reports[1]));
    size_t report_len = 0;
    char *report = gk_test_read_file(corpus_reports[0], &report_len);
    gk_buf b = {0};
    assert_int_equal(gk_buf_add(&b, report, report_len), GK_OK);
    free(report);
    for (int k = 1; k <= 1000000; k++)
        assert_int_equal(gk_buf_printf(&b, "第%d行\n", k), GK_OK);
    free(gk_test_put(f->cli.in, "b.txt", b.data, b.len));
    gk_buf_free(&b);
    start_indexer(f, "--json", "1", NULL);
    wait_for_first_commit(f);
    gk_test_proc_signal(&f->indexer, SIGTERM);
    gk_test_run_result r;
    gk_test_proc_wait(&f->indexer, &r, gk_test_timeout(5));
    assert_int_equal(r.status, 143);
    long said = interruption_line(r.err, "SIGTERM");
    assert_int_equal(said, 1); /* a.txt; b.txt is neither indexed nor failed */
    long indexed, sections;
    json_decref(read_json_run(r.out, &indexed, &sections));
    assert_int_equal(indexed, 1);
    gk_test_run_clear(&r);
    /* the database opens, with a.txt only (one document a report) */
    assert_int_equal(reports_found(f), 1);
    assert_int_equal(committed_documents(f->cli.db), (unsigned long)indexed);
    /* the next run reads b.txt to the end */
    gk_cli_index(&r, f->cli.db, f->cli.in, NULL);
    if (r.status != 0)
        fail_msg("rerun exited %d: %s", r.status, r.err);
    gk_test_run_clear(&r);
    assert_int_equal(reports_found(f), 2);
    assert_int_equal(gk_cli_count(f->cli.db, "--by", "report", "township:曲峨镇",
                                  "year:2020", NULL),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sigint_saves_what_was_indexed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigterm_in_text_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_interrupt_stops_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_9_keeps_the_last_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queries_while_indexing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_every_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigterm_inside_a_huge_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_cli_incremental.c - end to end: gongkai-index run again over the
 * same files, and with several threads.
 *
 * A rerun skips files with the size and modification time it stored
 * without reading them; a file touched but not changed is read, found the
 * same and not re-indexed; a changed file replaces its old documents; a
 * file gone is removed only with --prune, and only under the roots given;
 * --force re-indexes everything; -j1 and -j4 build the same database; the
 * progress line never shows when stderr is not a terminal. */
#define _XOPEN_SOURCE 700
#include "gk_cli.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "gk_db.h"

#define corpus_reports gk_test_reports
#define NCORPUS GK_TEST_NREPORTS

/* A modification time long past: a file stamped with it and indexed is
 * not "racy" (changed within the timestamp's tick of being looked at). */
#define OLD_TIME 1577836800 /* 2020-01-01 */

/* Set path's modification time to OLD_TIME + offset seconds. */
static void set_mtime(const char *path, long offset)
{
    struct timespec ts[2] = {{OLD_TIME + offset, 0}, {OLD_TIME + offset, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Copy corpus report i into dir under name, stamped OLD_TIME; returns the
 * path (caller frees). */
static char *put_report(const char *dir, const char *name, size_t i)
{
    char *path = gk_test_put_copy(dir, name, corpus_reports[i]);
    set_mtime(path, 0);
    return path;
}

/* The five corpus reports in f->in as r0.txt ... r4.txt. */
static void put_corpus(gk_cli *f)
{
    for (size_t i = 0; i < NCORPUS; i++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", i);
        free(put_report(f->in, name, i));
    }
}

/* Run gongkai-index -d f->db --json [opt] path; fails the test unless it
 * exits with `expect`. */
static void index_json(gk_cli *f, gk_test_run_result *r, const char *opt, const char *path,
                       int expect)
{
    if (opt != NULL)
        gk_cli_index(r, f->db, "--json", opt, path, NULL);
    else
        gk_cli_index(r, f->db, "--json", path, NULL);
    if (r->status != expect)
        fail_msg("gongkai-index exited %d, not %d: %s", r->status, expect, r->err);
}

/* The --json line of the indexer about the file named `name` (a path
 * ending in /name), or the summary when name is NULL; caller decrefs. */
static json_t *line_about(const char *out, const char *name)
{
    json_t *lines = gk_cli_json_lines(out);
    json_t *found = NULL;
    if (name == NULL)
        found = gk_cli_summary(lines);
    size_t i;
    json_t *j;
    json_array_foreach(lines, i, j) {
        const char *path = json_string_value(json_object_get(j, "path"));
        size_t pl = path ? strlen(path) : 0, nl = name ? strlen(name) : 0;
        if (found == NULL && path != NULL && pl > nl && path[pl - nl - 1] == '/' &&
            strcmp(path + pl - nl, name) == 0)
            found = j;
    }
    if (found == NULL)
        fail_msg("no line about %s in: %s", name, out);
    json_incref(found);
    json_decref(lines);
    return found;
}

static long num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        fail_msg("no integer \"%s\"", key);
    return (long)json_integer_value(v);
}

/* Assert the file's line has this status (and "by" or "change"). */
static void expect_status(const char *out, const char *name, const char *status,
                          const char *how)
{
    json_t *j = line_about(out, name);
    assert_string_equal(gk_cli_str(j, "status"), status);
    if (how != NULL)
        assert_string_equal(gk_cli_str(j, strcmp(status, "unchanged") == 0 ? "by" : "change"),
                            how);
    json_decref(j);
}

/* Assert the summary's counts. */
static void expect_summary(const char *out, long indexed, long added, long updated,
                           long unchanged, long pruned)
{
    json_t *s = line_about(out, NULL);
    assert_int_equal(num(s, "indexed"), indexed);
    assert_int_equal(num(s, "new"), added);
    assert_int_equal(num(s, "updated"), updated);
    assert_int_equal(num(s, "unchanged"), unchanged);
    assert_int_equal(num(s, "pruned"), pruned);
    json_decref(s);
}

static unsigned long doc_count(const char *db_path)
{
    gk_db *db = NULL;
    unsigned long n = 0;
    assert_int_equal(gk_db_open(&db, db_path, GK_DB_READ, NULL), GK_OK);
    assert_int_equal(gk_db_doc_count(db, &n, NULL), GK_OK);
    gk_db_close(db);
    return n;
}

/* Reports matching query q (gongkai-query --by report -n 0). */
static long reports_matching(const char *db, const char *q)
{
    return gk_cli_count(db, "--by", "report", q, NULL);
}

static void test_rerun_skips_unchanged_files(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    gk_test_run_result r;
    index_json(f, &r, NULL, f->in, 0);
    for (size_t i = 0; i < NCORPUS; i++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", i);
        expect_status(r.out, name, "indexed", "new");
    }
    expect_summary(r.out, 5, 5, 0, 0, 0);
    gk_test_run_clear(&r);
    unsigned long docs = doc_count(f->db);
    assert_true(docs >= 5);
    /* unreadable now: a file skipped by its size and time is never opened */
    char *r2 = gk_test_join(f->in, "r2.txt");
    assert_int_equal(chmod(r2, 0), 0);
    index_json(f, &r, NULL, f->in, 0);
    for (size_t i = 0; i < NCORPUS; i++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", i);
        expect_status(r.out, name, "unchanged", "stat");
    }
    expect_summary(r.out, 0, 0, 0, 5, 0);
    json_t *line = line_about(r.out, "r3.txt");
    assert_int_equal(strlen(gk_cli_str(line, "report_id")), 16);
    assert_string_equal(gk_cli_str(line, "kind"), "report");
    assert_true(num(line, "sections") > 0);
    json_decref(line);
    gk_test_run_clear(&r);
    assert_int_equal(doc_count(f->db), docs);
    assert_int_equal(reports_matching(f->db, "kind:report"), 5);
    assert_int_equal(chmod(r2, 0644), 0);
    free(r2);
}

static void test_touched_file_is_not_reindexed(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    gk_test_run_result r;
    index_json(f, &r, NULL, f->in, 0);
    gk_test_run_clear(&r);
    unsigned long docs = doc_count(f->db);
    char *r1 = gk_test_join(f->in, "r1.txt");
    set_mtime(r1, 3600);
    index_json(f, &r, NULL, f->in, 0);
    expect_status(r.out, "r1.txt", "unchanged", "content");
    expect_status(r.out, "r0.txt", "unchanged", "stat");
    expect_summary(r.out, 0, 0, 0, 5, 0);
    gk_test_run_clear(&r);
    assert_int_equal(doc_count(f->db), docs);
    /* the new time was recorded: the next run need not read it */
    index_json(f, &r, NULL, f->in, 0);
    expect_status(r.out, "r1.txt", "unchanged", "stat");
    gk_test_run_clear(&r);
    free(r1);
}

/* Change 柳泉镇 to 杏林镇 in the title of the copy of report 001 at path
 * (the size stays the same). */
static void rename_township(const char *path)
{
    size_t len = 0;
    char *text = gk_test_read_file(path, &len);
    char *p = strstr(text, "柳泉镇人民政府2021年");
    assert_non_null(p);
    memcpy(p, "杏林镇", strlen("杏林镇"));
    gk_test_write_file(path, text, len);
    free(text);
}

static void test_changed_file_is_replaced(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    gk_test_run_result r;
    index_json(f, &r, NULL, f->in, 0);
    gk_test_run_clear(&r);
    unsigned long docs = doc_count(f->db);
    assert_int_equal(reports_matching(f->db, "township:柳泉镇"), 1);
    char *r1 = gk_test_join(f->in, "r1.txt");
    rename_township(r1);
    index_json(f, &r, NULL, f->in, 0);
    expect_status(r.out, "r1.txt", "indexed", "changed");
    expect_status(r.out, "r2.txt", "unchanged", "stat");
    expect_summary(r.out, 1, 0, 1, 4, 0);
    gk_test_run_clear(&r);
    assert_int_equal(reports_matching(f->db, "township:柳泉镇"), 0);
    assert_int_equal(reports_matching(f->db, "township:杏林镇"), 1);
    assert_int_equal(reports_matching(f->db, "kind:report"), 5);
    assert_int_equal(doc_count(f->db), docs);
    free(r1);
}

/* A file changed within the timestamp tick it was indexed in keeps its
 * size and modification time: the indexer, having looked at it within
 * GK_FILE_STATE_RACY_SECONDS of its last change, reads it again on the
 * next run.  (The file's time is set a minute ahead - a clock ahead of
 * ours, or "the same tick" however slowly the indexer starts, e.g. under
 * valgrind.) */
static void test_change_in_the_same_tick_is_found(void **state)
{
    gk_cli *f = *state;
    char *r1 = gk_test_join(f->in, "r1.txt");
    size_t len = 0;
    char *text = gk_test_read_file(corpus_reports[1], &len);
    gk_test_write_file(r1, text, len);
    free(text);
    struct timespec ahead[2] = {{time(NULL) + 60, 0}, {time(NULL) + 60, 0}};
    assert_int_equal(utimensat(AT_FDCWD, r1, ahead, 0), 0);
    gk_test_run_result r;
    index_json(f, &r, NULL, f->in, 0);
    gk_test_run_clear(&r);
    struct stat before;
    assert_int_equal(stat(r1, &before), 0);
    rename_township(r1);
    struct timespec ts[2] = {before.st_atim, before.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, r1, ts, 0), 0);
    index_json(f, &r, NULL, f->in, 0);
    expect_status(r.out, "r1.txt", "indexed", "changed");
    gk_test_run_clear(&r);
    assert_int_equal(reports_matching(f->db, "township:杏林镇"), 1);
    assert_int_equal(reports_matching(f->db, "township:柳泉镇"), 0);
    free(r1);
}

static void test_vanished_file_pruned_only_with_prune(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    /* a second root, indexed too, whose file also vanishes */
    char *other = gk_test_join(f->top, "other");
    assert_int_equal(mkdir(other, 0777), 0);
    char *elsewhere = put_report(other, "x.txt", 0);
    gk_test_run_result r;
    index_json(f, &r, NULL, f->in, 0);
    gk_test_run_clear(&r);
    index_json(f, &r, NULL, other, 0);
    gk_test_run_clear(&r);
    unsigned long docs = doc_count(f->db);
    assert_int_equal(reports_matching(f->db, "township:柳泉镇"), 1);
    char *r1 = gk_test_join(f->in, "r1.txt");
    long sections_r1 = 0;
    index_json(f, &r, NULL, f->in, 0);
    json_t *line = line_about(r.out, "r1.txt");
    sections_r1 = num(line, "sections");
    json_decref(line);
    gk_test_run_clear(&r);
    assert_int_equal(unlink(r1), 0);
    assert_int_equal(unlink(elsewhere), 0);
    /* without --prune nothing is removed */
    index_json(f, &r, NULL, f->in, 0);
    expect_summary(r.out, 0, 0, 0, 4, 0);
    gk_test_run_clear(&r);
    assert_int_equal(doc_count(f->db), docs);
    assert_int_equal(reports_matching(f->db, "township:柳泉镇"), 1);
    /* with it, what is gone under the root given, and nothing else */
    index_json(f, &r, "--prune", f->in, 0);
    expect_status(r.out, "r1.txt", "pruned", NULL);
    expect_summary(r.out, 0, 0, 0, 4, 1);
    gk_test_run_clear(&r);
    /* one document per report: r1's goes (its sections are inside it) */
    assert_true(sections_r1 > 1);
    assert_int_equal(doc_count(f->db), docs - 1);
    assert_int_equal(reports_matching(f->db, "township:柳泉镇"), 0);
    assert_int_equal(reports_matching(f->db, "kind:report"), 5);
    /* the other root's file goes when that root is pruned */
    index_json(f, &r, "--prune", other, 0);
    expect_status(r.out, "x.txt", "pruned", NULL);
    gk_test_run_clear(&r);
    assert_int_equal(reports_matching(f->db, "kind:report"), 4);
    free(r1);
    free(elsewhere);
    free(other);
}

static void test_force_reindexes_everything(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    gk_test_run_result r;
    index_json(f, &r, NULL, f->in, 0);
    gk_test_run_clear(&r);
    unsigned long docs = doc_count(f->db);
    index_json(f, &r, "--force", f->in, 0);
    for (size_t i = 0; i < NCORPUS; i++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", i);
        expect_status(r.out, name, "indexed", "forced");
    }
    expect_summary(r.out, 5, 0, 5, 0, 0);
    gk_test_run_clear(&r);
    assert_int_equal(doc_count(f->db), docs);
    assert_int_equal(reports_matching(f->db, "kind:report"), 5);
}

/* The indexer's --json output without the summary's database path. */
static char *file_lines(const char *out)
{
    const char *summary = strstr(out, "{\"type\":\"summary\"");
    assert_non_null(summary);
    return strndup(out, (size_t)(summary - out));
}

/* stdout of gongkai-query -d db args..., which must exit 0. */
static char *query_out(const char *db, const char *const *args)
{
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_QUERY_BIN, db, args, NULL);
    assert_int_equal(r.status, 0);
    char *out = strdup(r.out);
    gk_test_run_clear(&r);
    return out;
}

static void test_jobs_give_identical_results(void **state)
{
    gk_cli *f = *state;
    /* three copies of each report (each a report of its own), a bad file
     * and a file that is not a report, interleaved by name */
    for (int k = 0; k < 15; k++) {
        char name[32];
        snprintf(name, sizeof name, "c%02d.txt", k);
        free(put_report(f->in, name, (size_t)k % NCORPUS));
    }
    char *bad = gk_test_put(f->in, "c07b.txt", "\x7f" "ELF\x02\x01\x01\0\0\0\0\0", 12);
    static const char memo[] = "会议纪要\n今天讨论了信息公开工作。\n";
    char *doc = gk_test_put(f->in, "c03b.txt", memo, sizeof memo - 1);
    char *db1 = gk_test_join(f->top, "db1"), *db4 = gk_test_join(f->top, "db4");
    gk_test_run_result r1, r4;
    gk_cli_index(&r1, db1, "--json", "-j1", f->in, NULL);
    gk_cli_index(&r4, db4, "--json", "--jobs", "4", f->in, NULL);
    assert_int_equal(r1.status, 1);
    assert_int_equal(r4.status, 1);
    assert_string_equal(r1.err, r4.err);
    char *lines1 = file_lines(r1.out), *lines4 = file_lines(r4.out);
    assert_string_equal(lines1, lines4);
    assert_int_equal(gk_test_count_lines(lines1), 17);
    free(lines1);
    free(lines4);
    gk_test_run_clear(&r1);
    gk_test_run_clear(&r4);
    assert_int_equal(doc_count(db1), doc_count(db4));
    const char *const *queries[] = {
        GK_CLI_ARGS("--json", "-n", "1000", "信息公开"),
        GK_CLI_ARGS("--json", "--by", "report", "-n", "100", "存在的主要问题"),
        GK_CLI_ARGS("--figures", "kind:report"),
        GK_CLI_ARGS("-n", "0", "--facet", "county,year,category", "kind:report"),
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char *a = query_out(db1, queries[i]), *b = query_out(db4, queries[i]);
        assert_true(strlen(a) > 0);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    free(bad);
    free(doc);
    free(db1);
    free(db4);
}

static void test_no_progress_line_without_a_terminal(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    char *env[] = {"TERM=xterm", NULL};
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_INDEX_BIN, f->db, GK_CLI_ARGS("-j2", f->in), env);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_null(strchr(r.out, '\r'));
    assert_int_equal(gk_test_count_lines(r.out), 1);
    assert_non_null(strstr(r.out, "indexed 5 files"));
    gk_test_run_clear(&r);
}

/* On a terminal (a pseudo-terminal here) the line is drawn from the first
 * file on, and erased at the end. */
static void test_progress_line_on_a_terminal(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    char *slave_name = strdup(ptsname(master));
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int slave = open(slave_name, O_RDWR | O_NOCTTY);
        int devnull = open("/dev/null", O_RDWR);
        if (slave < 0 || devnull < 0)
            _exit(126);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(slave, 2);
        close(master);
        char *argv[] = {GK_TEST_INDEX_BIN, "-d", f->db, "-j2", f->in, NULL};
        char *env[] = {"TERM=xterm", "NO_COLOR=", NULL};
        execve(argv[0], argv, env);
        _exit(127);
    }
    char buf[65536];
    size_t len = 0;
    for (;;) {
        ssize_t got = read(master, buf + len, sizeof buf - 1 - len);
        if (got <= 0) /* EIO once the program has exited */
            break;
        len += (size_t)got;
    }
    buf[len] = '\0';
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close(master);
    free(slave_name);
    if (strstr(buf, "\rgongkai-index: 1 of ") == NULL)
        fail_msg("no progress line on the terminal: %s", buf);
    assert_non_null(strstr(buf, " files"));
    static const char erase[] = "\r\033[K";
    assert_true(len >= sizeof erase - 1);
    assert_memory_equal(buf + len - (sizeof erase - 1), erase, sizeof erase - 1);
}

static void test_jobs_usage(void **state)
{
    gk_cli *f = *state;
    static const char *const bad[] = {"0", "-2", "many", "3x", "", "100000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_test_run_result r;
        gk_cli_index(&r, f->db, "-j", bad[i], corpus_reports[0], NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, "--jobs"));
        gk_test_run_clear(&r);
    }
    gk_test_run_result r;
    gk_cli_index(&r, NULL, "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--jobs"));
    assert_non_null(strstr(r.out, "--force"));
    assert_non_null(strstr(r.out, "--prune"));
    gk_test_run_clear(&r);
}

/* A database of the older layout (one document per section, no layout
 * stamp): both programs refuse it in one line saying to rebuild it with
 * --force (exit 3) and write nothing into it; --force rebuilds it. */
static void test_older_database_is_rebuilt_only_with_force(void **state)
{
    gk_cli *f = *state;
    put_corpus(f);
    /* two section documents of one report, as an older gongkai wrote them */
    gk_db *db = NULL;
    assert_int_equal(gk_db_open(&db, f->db, GK_DB_WRITE, NULL), GK_OK);
    for (int k = 0; k < 2; k++) {
        gk_doc *doc = NULL;
        assert_int_equal(gk_doc_new(&doc), GK_OK);
        assert_int_equal(gk_doc_add_posting(doc, "公开", strlen("公开"), 1), GK_OK);
        assert_int_equal(gk_doc_add_boolean(doc, "XKreport"), GK_OK);
        assert_int_equal(gk_doc_add_boolean(doc, k ? "XSproblems" : "XSpreamble"), GK_OK);
        assert_int_equal(gk_db_add(db, doc, NULL), GK_OK);
        gk_doc_free(doc);
    }
    assert_int_equal(gk_db_set_metadata(db, "file/0123456789abcdef", "1 0 0 0 0 0 2 0 /x",
                                        strlen("1 0 0 0 0 0 2 0 /x"), NULL),
                     GK_OK);
    assert_int_equal(gk_db_commit(db, NULL), GK_OK);
    gk_db_close(db);

    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 3);
    assert_string_equal(r.out, "");
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "older gongkai"));
    assert_non_null(strstr(r.err, "rebuild it with gongkai-index --force"));
    gk_test_run_clear(&r);
    assert_int_equal(doc_count(f->db), 2); /* nothing written */

    gk_cli_query(&r, f->db, "公开", NULL);
    assert_int_equal(r.status, 3);
    assert_string_equal(r.out, "");
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "rebuild it with gongkai-index --force"));
    gk_test_run_clear(&r);

    /* --force: the old documents and file states go, the files come in */
    index_json(f, &r, "--force", f->in, 0);
    gk_test_run_clear(&r);
    assert_int_equal(doc_count(f->db), NCORPUS);
    assert_int_equal(reports_matching(f->db, "kind:report"), NCORPUS);
    gk_cli_query(&r, f->db, "公开", NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    /* and a rerun finds it of this layout */
    index_json(f, &r, NULL, f->in, 0);
    expect_summary(r.out, 0, 0, 0, NCORPUS, 0);
    gk_test_run_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_rerun_skips_unchanged_files),
        GK_CLI_TEST(test_touched_file_is_not_reindexed),
        GK_CLI_TEST(test_changed_file_is_replaced),
        GK_CLI_TEST(test_change_in_the_same_tick_is_found),
        GK_CLI_TEST(test_vanished_file_pruned_only_with_prune),
        GK_CLI_TEST(test_force_reindexes_everything),
        GK_CLI_TEST(test_older_database_is_rebuilt_only_with_force),
        GK_CLI_TEST(test_jobs_give_identical_results),
        GK_CLI_TEST(test_no_progress_line_without_a_terminal),
        GK_CLI_TEST(test_progress_line_on_a_terminal),
        GK_CLI_TEST(test_jobs_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

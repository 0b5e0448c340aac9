/* test_run.c - an indexing run, as gongkai-index drives it: each file's
 * account in walk order (indexed, unchanged by its size and time or by its
 * content, failed, skipped, pruned), the counts of the summary, stopping
 * when asked, committing as it goes, and when the database is compacted;
 * the same accounts with one thread or several. */
#define _XOPEN_SOURCE 700
#include "gk_test.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gk_db.h"
#include "gk_run.h"

/* A modification time long past: a file stamped with it and indexed is
 * not "racy" (changed within the timestamp's tick of being looked at). */
#define OLD_TIME 1577836800 /* 2020-01-01 */

#define MAX_ACCOUNTS 32

typedef struct account {
    gk_run_outcome outcome;
    char name[64]; /* the path's last part */
    gk_file_change change;
    char by[16];
    int year;
} account;

typedef struct fixture {
    char *top, *dir, *db;
    account accounts[MAX_ACCOUNTS];
    size_t naccounts;
    size_t nproblems;
    volatile sig_atomic_t stop;
    size_t stop_after; /* set stop once this many files are accounted for */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->top = gk_test_mkdtemp("run");
    f->dir = gk_test_join(f->top, "in");
    f->db = gk_test_join(f->top, "db");
    assert_int_equal(mkdir(f->dir, 0777), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_test_rmtree(f->top);
    free(f->top);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* Copy corpus report i into the input folder as name, stamped OLD_TIME. */
static char *add_report(fixture *f, size_t i, const char *name)
{
    size_t len = 0;
    char *bytes = gk_test_read_file(gk_test_reports[i], &len);
    assert_non_null(bytes);
    char *path = gk_test_join(f->dir, name);
    gk_test_write_file(path, bytes, len);
    free(bytes);
    struct timespec ts[2] = {{OLD_TIME, 0}, {OLD_TIME, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    return path;
}

static void on_file(void *ctx, const gk_run_file *file)
{
    fixture *f = ctx;
    assert_true(f->naccounts < MAX_ACCOUNTS);
    account *a = &f->accounts[f->naccounts++];
    memset(a, 0, sizeof *a);
    a->outcome = file->outcome;
    const char *slash = strrchr(file->path, '/');
    snprintf(a->name, sizeof a->name, "%s", slash ? slash + 1 : file->path);
    if (file->outcome == GK_RUN_INDEXED) {
        a->change = file->change;
        a->year = file->info->year;
    }
    if (file->outcome == GK_RUN_UNCHANGED)
        snprintf(a->by, sizeof a->by, "%s", file->by);
    if (file->outcome == GK_RUN_FAILED)
        assert_true(file->reason != NULL && file->reason[0] != '\0');
    if (f->stop_after > 0 && f->naccounts >= f->stop_after)
        f->stop = SIGINT;
}

static void on_problem(void *ctx, const char *path, const char *reason)
{
    fixture *f = ctx;
    f->nproblems++;
    print_message("problem: %s: %s\n", path, reason);
}

static gk_run_opts opts_of(fixture *f, unsigned long jobs)
{
    gk_run_opts o;
    memset(&o, 0, sizeof o);
    o.index.max_file_size = GK_DEFAULT_MAX_FILE_SIZE;
    o.index.max_section = GK_DEFAULT_MAX_SECTION;
    o.jobs = jobs;
    o.commit_every = 200;
    o.compact = -1;
    o.stop = &f->stop;
    o.on_file = on_file;
    o.on_problem = on_problem;
    o.ctx = f;
    return o;
}

typedef struct outcome {
    gk_run_counts counts;
    int interrupted;
    int compacting;
} outcome;

/* A whole run over roots, as gongkai-index makes it; fails the test
 * unless the run succeeds. */
static outcome run(fixture *f, const gk_run_opts *o, char *const *roots, size_t n)
{
    f->naccounts = 0;
    f->nproblems = 0;
    gk_run *r = NULL;
    char *msg = NULL;
    if (gk_run_open(&r, f->db, GK_TEST_CORPUS_DIR "/data", o, &msg) != GK_OK)
        fail_msg("gk_run_open: %s", msg ? msg : "?");
    assert_int_equal(gk_run_index(r, roots, n, NULL), GK_OK);
    if (gk_run_finish(r, roots, n, &msg) != GK_OK)
        fail_msg("gk_run_finish: %s", msg ? msg : "?");
    outcome out;
    out.counts = *gk_run_get_counts(r);
    out.interrupted = gk_run_interrupted(r);
    out.compacting = gk_run_compacting(r);
    if (out.compacting)
        assert_int_equal(gk_run_compact(r, NULL), GK_OK);
    gk_run_close(r);
    assert_int_equal(f->nproblems, 0);
    return out;
}

static void assert_account(const fixture *f, size_t i, gk_run_outcome expected,
                           const char *name)
{
    assert_true(i < f->naccounts);
    assert_int_equal(f->accounts[i].outcome, expected);
    assert_string_equal(f->accounts[i].name, name);
}

/* A first run: every report new, in the order of the walk (names sorted,
 * folders entered where they come); a picture in a folder skipped, a root
 * named that gongkai cannot read and one that does not exist failed.  The
 * run created the database, so it is compacted. */
static void test_first_run(void **state)
{
    fixture *f = *state;
    free(add_report(f, 0, "a.txt"));
    free(add_report(f, 2, "c.txt"));
    char *sub = gk_test_join(f->dir, "b");
    assert_int_equal(mkdir(sub, 0777), 0);
    char *picture = gk_test_join(sub, "picture.png");
    gk_test_write_file(picture, "\x89PNG\r\n\x1a\n", 8);
    char *in_sub = gk_test_join(sub, "d.txt");
    free(sub);
    size_t len = 0;
    char *bytes = gk_test_read_file(gk_test_reports[4], &len);
    gk_test_write_file(in_sub, bytes, len);
    free(bytes);
    char *doc = gk_test_join(f->top, "letter.doc");
    gk_test_write_file(doc, "not really Word", 15);
    char *gone = gk_test_join(f->top, "gone.txt");
    char *roots[] = {f->dir, doc, gone};

    gk_run_opts o = opts_of(f, 3);
    outcome out = run(f, &o, roots, 3);
    assert_int_equal(f->naccounts, 6);
    assert_account(f, 0, GK_RUN_INDEXED, "a.txt");
    assert_int_equal(f->accounts[0].change, GK_FILE_NEW);
    assert_int_equal(f->accounts[0].year, 2020); /* 曲峨镇's report on 2020 */
    assert_account(f, 1, GK_RUN_INDEXED, "d.txt");
    assert_int_equal(f->accounts[1].year, 2023); /* 峰灵镇's on 2023 */
    assert_account(f, 2, GK_RUN_SKIPPED, "picture.png");
    assert_account(f, 3, GK_RUN_INDEXED, "c.txt");
    assert_account(f, 4, GK_RUN_FAILED, "letter.doc");
    assert_account(f, 5, GK_RUN_FAILED, "gone.txt");
    assert_int_equal(out.counts.indexed, 3);
    assert_int_equal(out.counts.added, 3);
    assert_int_equal(out.counts.updated, 0);
    assert_int_equal(out.counts.reports, 3);
    assert_int_equal(out.counts.documents, 0);
    assert_true(out.counts.sections >= 3 * 5); /* each report has its parts */
    assert_int_equal(out.counts.skipped, 1);
    assert_int_equal(out.counts.failed, 2);
    assert_int_equal(out.counts.unchanged, 0);
    assert_false(out.interrupted);
    assert_true(out.compacting);

    /* the database has them, compacted or not */
    gk_db *db = NULL;
    assert_int_equal(gk_db_open(&db, f->db, GK_DB_READ, NULL), GK_OK);
    unsigned long docs = 0;
    assert_int_equal(gk_db_doc_count(db, &docs, NULL), GK_OK);
    assert_int_equal(docs, out.counts.reports + out.counts.documents); /* one each */
    gk_db_close(db);
    free(picture);
    free(in_sub);
    free(doc);
    free(gone);
}

/* Run again: files with the size and time stored are skipped unread
 * ("stat"); a file touched but the same is read and found unchanged
 * ("content"); a changed one is indexed again; --force re-indexes all.  A
 * database that existed is not compacted unless asked. */
static void test_runs_again(void **state)
{
    fixture *f = *state;
    char *a = add_report(f, 0, "a.txt");
    char *b = add_report(f, 1, "b.txt");
    char *c = add_report(f, 3, "c.txt");
    char *roots[] = {f->dir};
    gk_run_opts o = opts_of(f, 2);
    run(f, &o, roots, 1);

    outcome out = run(f, &o, roots, 1);
    assert_int_equal(f->naccounts, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(f->accounts[i].outcome, GK_RUN_UNCHANGED);
        assert_string_equal(f->accounts[i].by, "stat");
    }
    assert_int_equal(out.counts.unchanged, 3);
    assert_int_equal(out.counts.indexed, 0);
    assert_false(out.compacting);

    assert_int_equal(utimensat(AT_FDCWD, b, NULL, 0), 0); /* now */
    FILE *fp = fopen(c, "a");
    assert_non_null(fp);
    fputs("\n附：联系电话 0000-0000000\n", fp);
    fclose(fp);
    out = run(f, &o, roots, 1);
    assert_account(f, 0, GK_RUN_UNCHANGED, "a.txt");
    assert_string_equal(f->accounts[0].by, "stat");
    assert_account(f, 1, GK_RUN_UNCHANGED, "b.txt");
    assert_string_equal(f->accounts[1].by, "content");
    assert_account(f, 2, GK_RUN_INDEXED, "c.txt");
    assert_int_equal(f->accounts[2].change, GK_FILE_MODIFIED);
    assert_int_equal(out.counts.updated, 1);
    assert_int_equal(out.counts.added, 0);
    assert_int_equal(out.counts.unchanged, 2);

    o.force = 1;
    o.compact = 1;
    out = run(f, &o, roots, 1);
    assert_int_equal(out.counts.indexed, 3);
    assert_int_equal(out.counts.updated, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(f->accounts[i].change, GK_FILE_FORCED);
    assert_true(out.compacting);
    free(a);
    free(b);
    free(c);
}

/* A file gone from disk is removed only with prune, and accounted for
 * after the walk's files. */
static void test_prune(void **state)
{
    fixture *f = *state;
    char *a = add_report(f, 0, "a.txt");
    char *b = add_report(f, 1, "b.txt");
    char *roots[] = {f->dir};
    gk_run_opts o = opts_of(f, 1);
    run(f, &o, roots, 1);
    assert_int_equal(unlink(b), 0);

    outcome out = run(f, &o, roots, 1);
    assert_int_equal(f->naccounts, 1);
    assert_int_equal(out.counts.pruned, 0);

    o.prune = 1;
    out = run(f, &o, roots, 1);
    assert_int_equal(f->naccounts, 2);
    assert_account(f, 0, GK_RUN_UNCHANGED, "a.txt");
    assert_account(f, 1, GK_RUN_PRUNED, "b.txt");
    assert_int_equal(out.counts.pruned, 1);

    out = run(f, &o, roots, 1); /* pruned once */
    assert_int_equal(out.counts.pruned, 0);
    free(a);
    free(b);
}

/* Asked to stop before it starts, the run looks at no file, prunes
 * nothing and does not compact: it says it was interrupted. */
static void test_stop_before_start(void **state)
{
    fixture *f = *state;
    char *a = add_report(f, 0, "a.txt");
    char *roots[] = {f->dir};
    f->stop = SIGTERM;
    gk_run_opts o = opts_of(f, 2);
    o.prune = 1;
    outcome out = run(f, &o, roots, 1);
    assert_true(out.interrupted);
    assert_false(out.compacting);
    assert_int_equal(f->naccounts, 0);
    assert_int_equal(out.counts.indexed, 0);
    free(a);
}

static int count_key(void *ctx, const char *key, const char *value, size_t len)
{
    (void)key;
    (void)value;
    (void)len;
    ++*(size_t *)ctx;
    return 0;
}

/* The reports waiting for the link pass (continuity, copied): the
 * database's "link/" notes. */
static size_t notes_left(const fixture *f)
{
    gk_db *db = NULL;
    char *msg = NULL;
    if (gk_db_open(&db, f->db, GK_DB_READ, &msg) != GK_OK)
        fail_msg("gk_db_open: %s", msg ? msg : "?");
    size_t n = 0;
    assert_int_equal(gk_db_metadata_each(db, "link/", count_key, &n, NULL), GK_OK);
    gk_db_close(db);
    return n;
}

/* Asked to stop between files, the run finishes the files at hand and
 * stops; what it indexed is in the database, and the next run indexes the
 * rest.  It does not link the reports to each other (continuity, copied:
 * a pass that takes minutes on a large collection): it leaves them noted,
 * and the next run links them and forgets the notes. */
static void test_stop_between_files(void **state)
{
    fixture *f = *state;
    const char *names[] = {"a.txt", "b.txt", "c.txt", "d.txt"};
    for (size_t i = 0; i < 4; i++)
        free(add_report(f, i, names[i]));
    char *roots[] = {f->dir};
    gk_run_opts o = opts_of(f, 1);
    f->stop_after = 1;
    outcome out = run(f, &o, roots, 1);
    assert_true(out.interrupted);
    assert_false(out.compacting);
    assert_true(out.counts.indexed >= 1);
    assert_true(out.counts.indexed < 4);
    assert_int_equal(notes_left(f), out.counts.indexed);
    unsigned long first = out.counts.indexed;

    f->stop = 0;
    f->stop_after = 0;
    out = run(f, &o, roots, 1);
    assert_false(out.interrupted);
    assert_int_equal(out.counts.unchanged, first);
    assert_int_equal(out.counts.indexed, 4 - first);
    assert_int_equal(notes_left(f), 0);
}

/* With commit_every 1 every file stored is durable at once: a reader sees
 * it before the run ends.  Otherwise it waits for the final commit. */
static void test_commits_as_it_goes(void **state)
{
    fixture *f = *state;
    free(add_report(f, 0, "a.txt"));
    free(add_report(f, 1, "b.txt"));
    char *roots[] = {f->dir};
    for (int every = 1; every >= 0; every--) {
        gk_test_rmtree(f->db);
        gk_run_opts o = opts_of(f, 2);
        o.commit_every = every ? 1 : 1000;
        gk_run *r = NULL;
        assert_int_equal(gk_run_open(&r, f->db, GK_TEST_CORPUS_DIR "/data", &o, NULL),
                         GK_OK);
        assert_int_equal(gk_run_index(r, roots, 1, NULL), GK_OK);
        gk_db *db = NULL;
        assert_int_equal(gk_db_open(&db, f->db, GK_DB_READ, NULL), GK_OK);
        unsigned long docs = 0;
        assert_int_equal(gk_db_doc_count(db, &docs, NULL), GK_OK);
        assert_int_equal(docs, every ? gk_run_get_counts(r)->reports +
                                           gk_run_get_counts(r)->documents
                                     : 0);
        gk_db_close(db);
        assert_int_equal(gk_run_finish(r, roots, 1, NULL), GK_OK);
        gk_run_close(r);
    }
}

/* Only one run writes a database at a time; a database that cannot be
 * made fails with a message. */
static void test_open_failures(void **state)
{
    fixture *f = *state;
    gk_run_opts o = opts_of(f, 1);
    gk_run *first = NULL, *second = (gk_run *)f;
    char *msg = NULL;
    assert_int_equal(gk_run_open(&first, f->db, GK_TEST_CORPUS_DIR "/data", &o, NULL),
                     GK_OK);
    assert_int_equal(gk_run_open(&second, f->db, GK_TEST_CORPUS_DIR "/data", &o, &msg),
                     GK_ELOCKED);
    assert_null(second);
    assert_non_null(msg);
    free(msg);
    msg = NULL;
    gk_run_close(first);

    char *file = gk_test_join(f->top, "plain");
    gk_test_write_file(file, "x", 1);
    char *under = gk_test_join(file, "sub/db");
    assert_true(gk_run_open(&second, under, GK_TEST_CORPUS_DIR "/data", &o, &msg) != GK_OK);
    assert_null(second);
    assert_non_null(msg);
    free(msg);
    free(under);
    free(file);
    gk_run_close(NULL); /* a harmless no-op */
}

/* One thread or several: the same accounts in the same order. */
static void test_threads_do_not_change_the_accounts(void **state)
{
    fixture *f = *state;
    const char *names[] = {"e.txt", "d.txt", "c.txt", "b.txt", "a.txt"};
    for (size_t i = 0; i < 5; i++)
        free(add_report(f, i, names[i]));
    char *roots[] = {f->dir};
    account one[MAX_ACCOUNTS];
    gk_run_opts o = opts_of(f, 1);
    o.force = 1;
    run(f, &o, roots, 1);
    memcpy(one, f->accounts, sizeof one);
    size_t n = f->naccounts;
    assert_int_equal(n, 5);
    for (unsigned long jobs = 2; jobs <= 5; jobs += 3) {
        o.jobs = jobs;
        run(f, &o, roots, 1);
        assert_int_equal(f->naccounts, n);
        for (size_t i = 0; i < n; i++) {
            assert_string_equal(f->accounts[i].name, one[i].name);
            assert_int_equal(f->accounts[i].outcome, one[i].outcome);
            assert_int_equal(f->accounts[i].year, one[i].year);
        }
    }
    assert_string_equal(one[0].name, "a.txt");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_first_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_runs_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_between_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commits_as_it_goes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads_do_not_change_the_accounts, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

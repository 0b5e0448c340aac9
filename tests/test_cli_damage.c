/* test_cli_damage.c - end to end: databases that are damaged, incomplete,
 * unwritable or not databases at all.
 *
 * gongkai-index never writes into a damaged database (bytes overwritten in
 * a table, a table deleted): it refuses with one line and exit 3, and
 * leaves every file as it was, where Xapian would crash or silently make a
 * new empty table.  A database it may not write to is said to be that,
 * not "locked".  A path that is not a database (a CSV file) is said to be
 * that by both programs. */
#define _GNU_SOURCE /* unshare, setgroups */
#include "gk_cli.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUN_SECONDS 120

static const char *const table_names[] = {"docdata.glass", "iamglass", "position.glass",
                                          "postlist.glass", "termlist.glass"};
#define NTABLES (sizeof table_names / sizeof table_names[0])

/* Index the five corpus reports into f->db; the run must succeed. */
static void build_database(gk_cli *f)
{
    for (size_t i = 0; i < GK_TEST_NREPORTS; i++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", i);
        free(gk_test_put_copy(f->in, name, gk_test_reports[i]));
    }
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "-q", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
}

/* The bytes of every table of f->db (NULL for one that is not there). */
typedef struct tables {
    char *bytes[NTABLES];
    size_t len[NTABLES];
} tables;

static void tables_read(const gk_cli *f, tables *t)
{
    for (size_t i = 0; i < NTABLES; i++) {
        char *path = gk_test_join(f->db, table_names[i]);
        struct stat sb;
        t->bytes[i] = stat(path, &sb) == 0 ? gk_test_read_file(path, &t->len[i]) : NULL;
        free(path);
    }
}

/* Every table of f->db is as in t, or as absent. */
static void tables_expect(const gk_cli *f, const tables *t)
{
    tables now;
    tables_read(f, &now);
    for (size_t i = 0; i < NTABLES; i++) {
        if (t->bytes[i] == NULL || now.bytes[i] == NULL) {
            if ((t->bytes[i] == NULL) != (now.bytes[i] == NULL))
                fail_msg("%s: %s", table_names[i],
                         t->bytes[i] == NULL ? "made anew" : "gone");
        } else {
            assert_int_equal(now.len[i], t->len[i]);
            assert_memory_equal(now.bytes[i], t->bytes[i], t->len[i]);
        }
        free(now.bytes[i]);
    }
}

static void tables_free(tables *t)
{
    for (size_t i = 0; i < NTABLES; i++)
        free(t->bytes[i]);
}

/* Overwrite table `name` of f->db in place with random bytes: a run of
 * 64 bytes in every block (8 KB) but the first. */
static void damage_table(const gk_cli *f, const char *name, unsigned seed)
{
    char *path = gk_test_join(f->db, name);
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    struct stat sb;
    assert_int_equal(fstat(fd, &sb), 0);
    srand(seed);
    for (off_t block = 8192; block + 8192 <= sb.st_size; block += 8192) {
        unsigned char junk[64];
        for (size_t i = 0; i < sizeof junk; i++)
            junk[i] = (unsigned char)rand();
        off_t at = block + (off_t)(rand() % (8192 - (int)sizeof junk));
        assert_int_equal(pwrite(fd, junk, sizeof junk, at), (ssize_t)sizeof junk);
    }
    close(fd);
    free(path);
}

/* err is exactly one line, "gongkai-index: DB: ..." naming the database as
 * damaged and what (`what`). */
static void expect_damaged(const gk_cli *f, const char *err, const char *what)
{
    gk_cli_expect_complaint(err, f->db, "database is damaged");
    assert_non_null(strstr(err, what));
    assert_non_null(strstr(err, "nothing was written"));
}

/* Random bytes written into postlist.glass: the run refuses (exit 3, one
 * line) instead of crashing inside the engine, with --force and without,
 * and writes nothing; whatever the damage (several patterns). */
static void test_damaged_postlist_is_refused(void **state)
{
    gk_cli *f = *state;
    build_database(f);
    for (unsigned seed = 1; seed <= 4; seed++) {
        damage_table(f, "postlist.glass", seed);
        tables before;
        tables_read(f, &before);
        gk_test_run_result r;
        gk_cli_index(&r, f->db, seed % 2 ? "--force" : "-v", f->in, NULL);
        assert_int_equal(r.status, 3);
        expect_damaged(f, r.err, "postlist.glass");
        gk_test_run_clear(&r);
        tables_expect(f, &before);
        tables_free(&before);
    }
}

/* A deleted table (postlist.glass, where Xapian would make a new empty
 * one and the reports would be gone; docdata.glass, which Xapian's own
 * check does not miss) is refused, and not made anew. */
static void test_missing_table_is_refused(void **state)
{
    gk_cli *f = *state;
    build_database(f);
    static const char *const gone[] = {"postlist.glass", "docdata.glass"};
    for (size_t i = 0; i < 2; i++) {
        char *path = gk_test_join(f->db, gone[i]);
        char *saved = gk_test_join(f->top, "saved");
        assert_int_equal(rename(path, saved), 0);
        tables before;
        tables_read(f, &before);
        gk_test_run_result r;
        gk_cli_index(&r, f->db, f->in, NULL);
        assert_int_equal(r.status, 3);
        expect_damaged(f, r.err, gone[i]);
        assert_non_null(strstr(r.err, "missing"));
        gk_test_run_clear(&r);
        tables_expect(f, &before);
        tables_free(&before);
        assert_int_equal(rename(saved, path), 0);
        free(path);
        free(saved);
    }
    /* put back, the database is whole and indexes again */
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", f->in, NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *s = gk_cli_summary(lines);
    assert_int_equal(json_integer_value(json_object_get(s, "unchanged")), GK_TEST_NREPORTS);
    json_decref(lines);
    gk_test_run_clear(&r);
}

/* The database as made, not damaged: a second run does not read it
 * through again and finds it sound (no false alarm after a commit, nor
 * after a compaction). */
static void test_sound_database_is_accepted(void **state)
{
    gk_cli *f = *state;
    build_database(f);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--force", "--compact", f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, "--force", f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
}

/* As root, file permissions do not apply: run as nobody instead, or skip
 * when nobody cannot run the indexer. */
static int nobody_can_run(const gk_cli *f)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 &&
            (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        _exit(access(GK_TEST_INDEX_BIN, X_OK) == 0 &&
                      access(GK_TEST_CORPUS_DIR "/data/sections.tsv", R_OK) == 0 &&
                      access(f->in, R_OK | X_OK) == 0
                  ? 0
                  : 1);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

/* Make path and everything under it read-only (or writable again). */
static void set_writable(const char *path, int writable)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    mode_t mode = S_ISDIR(sb.st_mode) ? 0555 : 0444;
    if (S_ISDIR(sb.st_mode)) {
        for (size_t i = 0; i < NTABLES; i++) {
            char *p = gk_test_join(path, table_names[i]);
            if (access(p, F_OK) == 0)
                set_writable(p, writable);
            free(p);
        }
    }
    assert_int_equal(chmod(path, writable ? mode | 0200 : mode), 0);
}

/* A database this user may not write to is "permission denied" (exit 3),
 * not "locked by another gongkai-index"; it can still be searched. */
static void test_unwritable_database_is_not_locked(void **state)
{
    gk_cli *f = *state;
    assert_int_equal(chmod(f->top, 0755), 0);
    assert_int_equal(chmod(f->in, 0755), 0);
    build_database(f);
    if (!nobody_can_run(f)) {
        print_message("user nobody cannot run %s here\n", GK_TEST_INDEX_BIN);
        skip();
    }
    set_writable(f->db, 0);
    char **argv = gk_cli_argv(GK_TEST_INDEX_BIN, f->db, GK_CLI_ARGS(f->in));
    gk_test_spawn_opts so = {NULL, 0, 1};
    gk_test_proc p;
    gk_test_spawn(&p, argv, NULL, &so);
    free(argv);
    gk_test_run_result r;
    gk_test_proc_wait(&p, &r, gk_test_timeout(RUN_SECONDS));
    assert_int_equal(r.status, 3);
    gk_cli_expect_complaint(r.err, f->db, "permission denied");
    assert_null(strstr(r.err, "locked"));
    gk_test_run_clear(&r);
    set_writable(f->db, 1);
}

/* A database on a read-only file system (a read-only bind mount, where
 * the test may make one) is said to be that. */
static void test_read_only_file_system(void **state)
{
    gk_cli *f = *state;
    build_database(f);
    char *mnt = gk_test_join(f->top, "ro");
    assert_int_equal(mkdir(mnt, 0755), 0);
    char *out = gk_test_join(f->top, "err");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (unshare(CLONE_NEWNS) != 0 ||
            mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount(f->db, mnt, NULL, MS_BIND, NULL) != 0 ||
            mount(NULL, mnt, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
            _exit(99);
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDERR_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0)
            _exit(98);
        execl(GK_TEST_INDEX_BIN, GK_TEST_INDEX_BIN, "-d", mnt, f->in, (char *)NULL);
        _exit(97);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    assert_true(WIFEXITED(wstatus));
    if (WEXITSTATUS(wstatus) == 99) {
        print_message("cannot make a read-only mount here (%s)\n", strerror(EPERM));
        free(mnt);
        free(out);
        skip();
    }
    assert_int_equal(WEXITSTATUS(wstatus), 3);
    size_t len;
    char *err = gk_test_read_file(out, &len);
    gk_cli_expect_complaint(err, mnt, "read-only file system");
    free(err);
    free(mnt);
    free(out);
}

/* -d naming a CSV file: both programs say it is not a gongkai database
 * (exit 3), where the engine said "Bad line"; the file is left alone. */
static void test_file_is_not_a_database(void **state)
{
    gk_cli *f = *state;
    static const char csv[] = "report,figure,value\nr1,requests_new,5\n";
    char *path = gk_test_put(f->top, "figures.csv", csv, sizeof csv - 1);
    gk_test_run_result r;
    gk_cli_query(&r, path, "x", NULL);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "not a gongkai database"));
    assert_null(strstr(r.err, "Bad line"));
    assert_ptr_equal(strchr(r.err, '\n'), r.err + r.err_len - 1); /* one line */
    gk_test_run_clear(&r);
    free(gk_test_put_copy(f->in, "r.txt", gk_test_reports[0]));
    gk_cli_index(&r, path, f->in, NULL);
    assert_int_equal(r.status, 3);
    gk_cli_expect_complaint(r.err, path, "not a gongkai database");
    gk_test_run_clear(&r);
    size_t len;
    char *now = gk_test_read_file(path, &len);
    assert_int_equal(len, sizeof csv - 1);
    assert_memory_equal(now, csv, len);
    free(now);
    /* a folder of other files is no database either, and is not written into */
    gk_cli_index(&r, f->in, f->in, NULL);
    assert_int_equal(r.status, 3);
    gk_cli_expect_complaint(r.err, f->in, "not a gongkai database");
    gk_test_run_clear(&r);
    char *lock = gk_test_join(f->in, "iamglass");
    assert_int_equal(access(lock, F_OK), -1);
    free(lock);
    free(path);
}

/* A run killed while compacting leaves its copy beside the database
 * (DB.compacting-PID); the next run removes it and compacts, where it
 * used to leave the database as written. */
static void test_killed_compaction_is_finished(void **state)
{
    gk_cli *f = *state;
    for (size_t i = 0; i < GK_TEST_NREPORTS; i++) {
        char name[16];
        snprintf(name, sizeof name, "r%zu.txt", i);
        free(gk_test_put_copy(f->in, name, gk_test_reports[i]));
    }
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "-q", "--no-compact", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    long long loose = gk_test_dir_size(f->db);
    /* what the kill left: the half-made copy */
    size_t n = strlen(f->db) + 32;
    char *copy = malloc(n);
    assert_non_null(copy);
    snprintf(copy, n, "%s.compacting-4242", f->db);
    assert_int_equal(mkdir(copy, 0755), 0);
    free(gk_test_put(copy, "postlist.glass", "half", 4));
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    assert_int_equal(access(copy, F_OK), -1);
    long long now = gk_test_dir_size(f->db);
    if (!(now < loose))
        fail_msg("not compacted: %lld bytes, %lld before", now, loose);
    assert_int_equal(gk_cli_count(f->db, "--by", "report", "year:2020", NULL), 3);
    free(copy);
}

/* Copy the files of directory from into directory to (made). */
static int copy_dir(const char *from, const char *to)
{
    if (mkdir(to, 0755) != 0)
        return 0;
    for (size_t i = 0; i < NTABLES + 1; i++) {
        const char *name = i < NTABLES ? table_names[i] : "gongkai-tables";
        char *src = gk_test_join(from, name), *dst = gk_test_join(to, name);
        int ok = 1;
        if (access(src, F_OK) == 0) {
            size_t len;
            char *bytes = gk_test_read_file(src, &len);
            int fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ok = bytes != NULL && fd >= 0 && write(fd, bytes, len) == (ssize_t)len;
            if (fd >= 0)
                close(fd);
            free(bytes);
        }
        free(src);
        free(dst);
        if (!ok)
            return 0;
    }
    return 1;
}

/* Fill the file system of dir until `leave` bytes are free. */
static int fill(const char *dir, long long leave)
{
    char *path = gk_test_join(dir, "filler");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    free(path);
    if (fd < 0)
        return 0;
    static char block[4096];
    off_t size = 0;
    while (write(fd, block, sizeof block) == (ssize_t)sizeof block)
        size += (off_t)sizeof block;
    int ok = size > leave && ftruncate(fd, size - (off_t)leave) == 0;
    close(fd);
    return ok;
}

/* Compacting with no room for the copy: the run says every file was
 * saved and the database is usable as it is (exit 3); it is, and is
 * found whole by the next run.  Done on a small tmpfs in a mount
 * namespace of its own (skipped where the test may not make one). */
static void test_compaction_without_room(void **state)
{
    gk_cli *f = *state;
    build_database(f);
    char *mnt = gk_test_join(f->top, "small");
    assert_int_equal(mkdir(mnt, 0755), 0);
    char *err_path = gk_test_join(f->top, "err"), *count_path = gk_test_join(f->top, "count");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (unshare(CLONE_NEWNS) != 0 ||
            mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount("tmpfs", mnt, "tmpfs", 0, "size=2m") != 0)
            _exit(99);
        char *db = gk_test_join(mnt, "db");
        if (!copy_dir(f->db, db) || !fill(mnt, 98304))
            _exit(98);
        /* gongkai-index --compact, all files unchanged: only the copy
         * needs room */
        pid_t ix = fork();
        if (ix == 0) {
            int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0 || dup2(fd, STDERR_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0)
                _exit(97);
            execl(GK_TEST_INDEX_BIN, GK_TEST_INDEX_BIN, "-q", "--compact", "-d", db,
                  f->in, (char *)NULL);
            _exit(96);
        }
        int ws = 0;
        if (ix < 0 || waitpid(ix, &ws, 0) != ix || !WIFEXITED(ws))
            _exit(95);
        int index_status = WEXITSTATUS(ws);
        /* then the database is searched, and indexed again */
        pid_t q = fork();
        if (q == 0) {
            int fd = open(count_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
                _exit(97);
            execl(GK_TEST_QUERY_BIN, GK_TEST_QUERY_BIN, "-d", db, "--json", "-n", "0",
                  "--by", "report", "year:2020", (char *)NULL);
            _exit(96);
        }
        if (q < 0 || waitpid(q, &ws, 0) != q || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            _exit(94);
        pid_t again = fork();
        if (again == 0) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
                _exit(97);
            execl(GK_TEST_INDEX_BIN, GK_TEST_INDEX_BIN, "-q", "--no-compact", "-d", db,
                  f->in, (char *)NULL);
            _exit(96);
        }
        if (again < 0 || waitpid(again, &ws, 0) != again || !WIFEXITED(ws) ||
            WEXITSTATUS(ws) != 0)
            _exit(93);
        _exit(index_status);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    assert_true(WIFEXITED(wstatus));
    if (WEXITSTATUS(wstatus) == 99) {
        print_message("cannot mount a small tmpfs here\n");
        free(mnt);
        free(err_path);
        free(count_path);
        skip();
    }
    size_t len;
    char *err = gk_test_read_file(err_path, &len);
    if (WEXITSTATUS(wstatus) != 3)
        fail_msg("exit %d, stderr: %s", WEXITSTATUS(wstatus), err);
    char *db = gk_test_join(mnt, "db");
    gk_cli_expect_complaint(err, db, "every file indexed was saved");
    assert_non_null(strstr(err, "usable"));
    free(db);
    char *count = gk_test_read_file(count_path, &len);
    json_t *lines = gk_cli_json_lines(count);
    assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "total")), 3);
    json_decref(lines);
    free(count);
    free(err);
    free(mnt);
    free(err_path);
    free(count_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_damaged_postlist_is_refused),
        GK_CLI_TEST(test_missing_table_is_refused),
        GK_CLI_TEST(test_sound_database_is_accepted),
        GK_CLI_TEST(test_unwritable_database_is_not_locked),
        GK_CLI_TEST(test_read_only_file_system),
        GK_CLI_TEST(test_file_is_not_a_database),
        GK_CLI_TEST(test_killed_compaction_is_finished),
        GK_CLI_TEST(test_compaction_without_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

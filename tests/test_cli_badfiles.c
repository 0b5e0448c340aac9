/* test_cli_badfiles.c - end to end: gongkai-index on a folder of everything
 * that goes wrong in real collections.
 *
 * Each file that cannot be indexed is one line "gongkai-index: PATH:
 * reason" on stderr (valid UTF-8 whatever the file name) and one "failed"
 * object with --json; nothing blocks (a FIFO) or runs away (a 200 MB file,
 * a 5 MB line, loops, a deep tree); every good file is indexed and found;
 * the exit code is 1. */
#define _GNU_SOURCE /* mkfifo, setgroups */
#include "gk_cli.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <unicode/ustring.h>


#define DEEP_LEVELS 300
#define RUN_SECONDS 120

/* A gk_cli whose directories the programs reach when they run as nobody
 * (see run_index). */
static int setup(void **state)
{
    gk_cli_setup(state);
    gk_cli *f = *state;
    assert_int_equal(chmod(f->top, 0777), 0); /* nobody creates the database here */
    assert_int_equal(chmod(f->in, 0755), 0);
    return 0;
}

/* As root, file permissions do not apply: the indexer then runs as nobody,
 * who must be able to run it and read its data files.  Skips the test (the
 * one case it cannot run) when nobody cannot. */
static int as_nobody_or_skip(const gk_cli *f)
{
    if (geteuid() != 0)
        return 0;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
            _exit(2);
        _exit(access(GK_TEST_INDEX_BIN, X_OK) == 0 &&
                      access(GK_TEST_CORPUS_DIR "/data/sections.tsv", R_OK) == 0 &&
                      access(f->top, W_OK | X_OK) == 0
                  ? 0
                  : 1);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        print_message("running as root, and user nobody (65534) cannot run %s on "
                      "%s: an unreadable file cannot be made for root\n",
                      GK_TEST_INDEX_BIN, f->top);
        skip();
    }
    return 1;
}

/* Run gongkai-index with argv (after the program and -d DB), as nobody when
 * root. */
static void run_index(gk_cli *f, gk_test_run_result *r, const char *const args[],
                      int as_nobody)
{
    char **argv = gk_cli_argv(GK_TEST_INDEX_BIN, f->db, args);
    gk_test_spawn_opts so = {NULL, 0, as_nobody};
    gk_test_proc p;
    gk_test_spawn(&p, argv, NULL, &so);
    free(argv);
    gk_test_proc_wait(&p, r, gk_test_timeout(RUN_SECONDS));
}

/* Bytes of s are valid UTF-8 (by ICU). */
static int valid_utf8(const char *s, size_t len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t need = 0;
    u_strFromUTF8(NULL, 0, &need, s, (int32_t)len, &err);
    return err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING ||
           U_SUCCESS(err);
}

/* The --json lines of a run: file objects by status; the summary. */
typedef struct json_run {
    json_t *indexed; /* array of file objects */
    json_t *failed;
    json_t *skipped; /* named, with a reason (issue 14) */
    json_t *summary;
} json_run;

static void read_json_run(json_run *jr, const char *out)
{
    json_t *lines = gk_cli_json_lines(out);
    jr->summary = json_incref(gk_cli_summary(lines));
    jr->indexed = json_array();
    jr->failed = json_array();
    jr->skipped = json_array();
    for (size_t i = 0; i + 1 < json_array_size(lines); i++) {
        json_t *j = json_array_get(lines, i);
        assert_string_equal(gk_cli_str(j, "type"), "file");
        const char *status = gk_cli_str(j, "status");
        json_array_append(strcmp(status, "failed") == 0    ? jr->failed
                          : strcmp(status, "skipped") == 0 ? jr->skipped
                                                           : jr->indexed,
                          j);
    }
    json_decref(lines);
}

static void json_run_clear(json_run *jr)
{
    json_decref(jr->indexed);
    json_decref(jr->failed);
    json_decref(jr->skipped);
    json_decref(jr->summary);
}

/* The file object of jr's array `in` whose path is path, or NULL. */
static json_t *file_entry(json_t *in, const char *path)
{
    size_t i;
    json_t *o;
    json_array_foreach(in, i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "path")), path) == 0)
            return o;
    }
    return NULL;
}

/* path failed, with one complaint saying reason, and a --json entry whose
 * error is that complaint's text. */
static void expect_failed(const json_run *jr, const char *err, const char *path,
                          const char *reason)
{
    gk_cli_expect_complaint(err, path, reason);
    json_t *o = file_entry(jr->failed, path);
    if (o == NULL)
        fail_msg("no failed --json entry for %s", path);
    char line[8192];
    snprintf(line, sizeof line, "gongkai-index: %s: %s\n", path,
             json_string_value(json_object_get(o, "error")));
    if (strstr(err, line) == NULL)
        fail_msg("--json error of %s is not what stderr says: %s", path, line);
}

static void expect_indexed(const json_run *jr, const char *path)
{
    if (file_entry(jr->indexed, path) == NULL)
        fail_msg("%s was not indexed", path);
}

/* The file names (last path component) of every report gongkai-query
 * lists, sorted, comma-separated; malloc'd. */
static char *reports_found(gk_cli *f)
{
    json_t *lines = gk_cli_query_json(
        f->db, 0, GK_CLI_ARGS("--json", "--by", "report", "-n", "1000", "kind:report"));
    char *names[64];
    size_t n = 0, line;
    json_t *j;
    json_array_foreach(lines, line, j) {
        const char *path = json_string_value(json_object_get(j, "path"));
        if (path != NULL && n < 64) {
            const char *slash = strrchr(path, '/');
            names[n++] = strdup(slash ? slash + 1 : path);
        }
    }
    json_decref(lines);
    for (size_t i = 1; i < n; i++) /* insertion sort */
        for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
            char *t = names[k];
            names[k] = names[k - 1];
            names[k - 1] = t;
        }
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += strlen(names[i]) + 1;
    char *out = calloc(1, cap);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strcat(out, ",");
        strcat(out, names[i]);
        free(names[i]);
    }
    return out;
}

/* Pseudo-random bytes (a fixed LCG: the same every run). */
static void fill_random(char *buf, size_t len)
{
    unsigned long x = 12345;
    for (size_t i = 0; i < len; i++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        buf[i] = (char)(x >> 56);
    }
}

/* Five megabytes of report text on one line (no newline at all). */
static char *one_long_line(size_t *len)
{
    size_t src_len = 0;
    char *src = gk_test_read_file(GK_TEST_REPORT_000, &src_len);
    assert_non_null(src);
    size_t n = 0;
    for (size_t i = 0; i < src_len; i++) /* newlines out */
        if (src[i] != '\n' && src[i] != '\r')
            src[n++] = src[i];
    size_t want = 5u << 20;
    char *out = malloc(want + n);
    assert_non_null(out);
    size_t got = 0;
    while (got < want) {
        memcpy(out + got, src, n);
        got += n;
    }
    free(src);
    *len = got;
    return out;
}

static void test_every_kind_of_bad_file(void **state)
{
    gk_cli *f = *state;
    int as_nobody = as_nobody_or_skip(f);
    const char *in = f->in;

    /* good files */
    char *good1 = gk_test_put_copy(in, "good1.txt", GK_TEST_REPORT_001);
    char *good2 = gk_test_put_copy(in, "good2.md", GK_TEST_REPORT_002);

    /* binary: an ELF header and random bytes */
    char elf[4096];
    fill_random(elf, sizeof elf);
    memcpy(elf, "\x7f" "ELF\x02\x01\x01\0", 8);
    char *binary = gk_test_put(in, "binary.txt", elf, sizeof elf);
    char *empty = gk_test_put(in, "empty.txt", "", 0);

    /* a report cut in the middle of a character, and one with invalid
     * bytes sprinkled through it: indexed, with a warning */
    size_t len = 0;
    char *text = gk_test_read_file(GK_TEST_REPORT_003, &len);
    size_t cut = len / 2;
    while (((unsigned char)text[cut] & 0xC0) != 0x80) /* a continuation byte */
        cut++;
    char *truncated = gk_test_put(in, "truncated.txt", text, cut);
    free(text);
    text = gk_test_read_file(GK_TEST_REPORT_004, &len);
    for (size_t i = 500; i < len; i += 997)
        text[i] = (char)0xFF;
    char *invalid = gk_test_put(in, "invalid.txt", text, len);
    free(text);

    /* five megabytes without a newline */
    char *line = one_long_line(&len);
    char *longline = gk_test_put(in, "longline.txt", line, len);
    free(line);

    /* unreadable */
    char *unreadable = gk_test_put_copy(in, "unreadable.txt", GK_TEST_REPORT_001);
    assert_int_equal(chmod(unreadable, 0), 0);

    /* symbolic link loop, and a directory link back up */
    char *loop_a = gk_test_join(in, "loop-a.txt");
    char *loop_b = gk_test_join(in, "loop-b.txt");
    assert_int_equal(symlink("loop-b.txt", loop_a), 0);
    assert_int_equal(symlink("loop-a.txt", loop_b), 0);
    char *cycle = gk_test_join(in, "cycle");
    assert_int_equal(mkdir(cycle, 0755), 0);
    char *up = gk_test_join(cycle, "up");
    assert_int_equal(symlink("..", up), 0);

    /* 300 nested directories: a report 5 levels down is found, one at the
     * bottom is beyond the walk's depth limit (64) */
    char deep[4096];
    snprintf(deep, sizeof deep, "%s/deep", in);
    assert_int_equal(mkdir(deep, 0755), 0);
    char *shallow = NULL;
    for (int level = 1; level <= DEEP_LEVELS; level++) {
        strcat(deep, "/d");
        assert_int_equal(mkdir(deep, 0755), 0);
        if (level == 5)
            shallow = gk_test_put_copy(deep, "shallow.txt", GK_TEST_REPORT_002);
    }
    free(gk_test_put_copy(deep, "bottom.txt", GK_TEST_REPORT_001));
    char too_deep[8192]; /* the first directory not entered */
    snprintf(too_deep, sizeof too_deep, "%s/deep", in);
    for (int level = 1; level < 64; level++)
        strcat(too_deep, "/d");

    /* FIFOs must not be opened (that blocks): one named like a report is
     * reported, another is skipped like any file of another type (its
     * content is not peeked at either) */
    char *fifo = gk_test_join(in, "fifo.txt");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    char *fifo_other = gk_test_join(in, "fifo.dat");
    assert_int_equal(mkfifo(fifo_other, 0644), 0);
    /* a spreadsheet is skipped; a PDF that is only its header is reported
     * as damaged, and does not stop the run */
    char sheet[512];
    fill_random(sheet, sizeof sheet);
    sheet[0] = 'x';
    free(gk_test_put(in, "budget.xlsx", sheet, sizeof sheet));
    char *stub_pdf = gk_test_put(in, "notes.pdf", "%PDF-1.4", 8);

    /* a directory named like a file holds a report */
    char *xdir = gk_test_join(in, "x.txt");
    assert_int_equal(mkdir(xdir, 0755), 0);
    char *inner = gk_test_put_copy(xdir, "inner.txt", GK_TEST_REPORT_000);

    /* a file name that is not UTF-8 */
    char *badname = gk_test_put(in, "bad\xff\xfe.txt", "", 0);
    /* a newline in a name must not split the complaint into two lines */
    char *nlname = gk_test_put(in, "line\nbreak.txt", "", 0);
    char *nlname_shown = gk_test_join(in, "line\\nbreak.txt");
    /* escaped as ls does: the bytes shown, not replaced */
    char *badname_shown = gk_test_join(in, "bad\\xff\\xfe.txt");
    char *badname_json = gk_test_join(in, "bad\xef\xbf\xbd\xef\xbf\xbd.txt");

    const char *args[] = {"--json", in, NULL};
    gk_test_run_result r;
    run_index(f, &r, args, as_nobody);
    if (r.status != 1)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    if (!valid_utf8(r.err, r.err_len))
        fail_msg("stderr is not valid UTF-8:\n%s", r.err);
    json_run jr;
    read_json_run(&jr, r.out);

    expect_failed(&jr, r.err, binary, "binary");
    expect_failed(&jr, r.err, empty, "empty file");
    expect_failed(&jr, r.err, unreadable, "Permission denied");
    expect_failed(&jr, r.err, loop_a, "symbolic link loop");
    expect_failed(&jr, r.err, loop_b, "symbolic link loop");
    expect_failed(&jr, r.err, up, "directory loop");
    expect_failed(&jr, r.err, too_deep, "nested too deeply");
    expect_failed(&jr, r.err, fifo, "FIFO");
    expect_failed(&jr, r.err, stub_pdf, "cannot read PDF");
    /* --json: the name as valid UTF-8 (U+FFFD); stderr: its bytes escaped */
    if (file_entry(jr.failed, badname_json) == NULL)
        fail_msg("no failed --json entry for %s", badname_json);
    gk_cli_expect_complaint(r.err, badname_shown, "empty file");
    gk_cli_expect_complaint(r.err, nlname_shown, "empty file");
    gk_cli_expect_complaint(r.err, truncated, "warning: 1 invalid byte sequence replaced");
    gk_cli_expect_complaint(r.err, invalid, "warning:");
    /* and nothing else */
    assert_int_equal(gk_test_count_lines(r.err), 13);
    assert_int_equal(json_array_size(jr.failed), 11);

    expect_indexed(&jr, good1);
    expect_indexed(&jr, good2);
    expect_indexed(&jr, truncated);
    expect_indexed(&jr, invalid);
    expect_indexed(&jr, longline);
    expect_indexed(&jr, shallow);
    expect_indexed(&jr, inner);
    assert_int_equal(json_array_size(jr.indexed), 7);
    assert_int_equal(json_integer_value(json_object_get(jr.summary, "indexed")), 7);
    assert_int_equal(json_integer_value(json_object_get(jr.summary, "failed")), 11);
    assert_int_equal(json_integer_value(json_object_get(jr.summary, "skipped")), 2);
    /* and the skipped ones are named, with why */
    assert_int_equal(json_array_size(jr.skipped), 2);
    char *sheet_path = gk_test_join(in, "budget.xlsx");
    json_t *skipped_sheet = file_entry(jr.skipped, sheet_path);
    assert_non_null(skipped_sheet);
    assert_non_null(strstr(gk_cli_str(skipped_sheet, "reason"), "not a format"));
    assert_non_null(file_entry(jr.skipped, fifo_other));
    free(sheet_path);
    assert_true(json_is_null(json_object_get(jr.summary, "interrupted")));
    json_run_clear(&jr);
    gk_test_run_clear(&r);

    char *found = reports_found(f);
    assert_string_equal(found, "good1.txt,good2.md,inner.txt,invalid.txt,"
                               "longline.txt,shallow.txt,truncated.txt");
    free(found);

    char *paths[] = {good1, good2, binary, empty, truncated, invalid, longline,
                     unreadable, loop_a, loop_b, cycle, up, shallow, fifo,
                     fifo_other, stub_pdf, nlname, nlname_shown, xdir, inner, badname, badname_shown, badname_json};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        free(paths[i]);
}

static void test_larger_than_max_size(void **state)
{
    gk_cli *f = *state;
    char two_k[2048];
    memset(two_k, 'x', sizeof two_k);
    char *big = gk_test_put(f->in, "big.txt", two_k, sizeof two_k);
    const char *args[] = {"--json", "--max-size", "1K", big, NULL};
    gk_test_run_result r;
    run_index(f, &r, args, 0);
    assert_int_equal(r.status, 1);
    json_run jr;
    read_json_run(&jr, r.out);
    expect_failed(&jr, r.err, big, "too large");
    gk_cli_expect_complaint(r.err, big, "--max-size");
    gk_cli_expect_complaint(r.err, big, "1024");
    assert_int_equal(gk_test_count_lines(r.err), 1);
    json_run_clear(&jr);
    gk_test_run_clear(&r);
    free(big);
}

/* A 200 MB file (sparse: no disk used) under the default 64M limit is
 * refused by its size, without being read. */
static void test_huge_file_is_not_read(void **state)
{
    gk_cli *f = *state;
    char *huge = gk_test_join(f->in, "huge.txt");
    int fd = open(huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 200l << 20), 0);
    assert_int_equal(close(fd), 0);
    char *good = gk_test_put_copy(f->in, "good.txt", GK_TEST_REPORT_001);
    const char *args[] = {f->in, NULL};
    gk_test_run_result r;
    run_index(f, &r, args, 0);
    assert_int_equal(r.status, 1);
    gk_cli_expect_complaint(r.err, huge, "too large");
    gk_cli_expect_complaint(r.err, huge, "--max-size");
    if (strstr(r.err, "64M") == NULL && strstr(r.err, "67108864") == NULL)
        fail_msg("the complaint does not name the 64M limit: %s", r.err);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.out, "indexed 1 file"));
    /* reading it would take over 200 MB (valgrind's own memory would hide
     * that) */
    if (!gk_test_valgrind() && r.maxrss_kb > 150 * 1024)
        fail_msg("gongkai-index used %ld MB for a 200 MB file it refused",
                 r.maxrss_kb / 1024);
    gk_test_run_clear(&r);
    char *found = reports_found(f);
    assert_string_equal(found, "good.txt");
    free(found);
    free(huge);
    free(good);
}

/* A file rewritten in place while it is read: its size and time change
 * under the reader on every attempt, so it is refused ("changed while it
 * was being read") rather than indexed torn, and the run goes on. */
static void test_file_rewritten_while_read(void **state)
{
    gk_cli *f = *state;
    char *good = gk_test_put_copy(f->in, "good.txt", GK_TEST_REPORT_001);
    /* 32 MB: reading it takes a while; a writer keeps rewriting it,
     * changing its size by a byte and its time by a second each time */
    char *busy = gk_test_join(f->in, "busy.txt");
    size_t len;
    char *report = gk_test_read_file(GK_TEST_REPORT_000, &len);
    int fd = open(busy, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    for (size_t done = 0; done < (32u << 20); done += len)
        assert_int_equal(write(fd, report, len), (ssize_t)len);
    off_t size = lseek(fd, 0, SEEK_CUR);
    free(report);
    pid_t writer = fork();
    assert_true(writer >= 0);
    if (writer == 0) {
        for (long i = 0;; i++) {
            if (pwrite(fd, "\n", 1, (off_t)(i * 4096 % size)) != 1 ||
                ftruncate(fd, size + (i & 1)) != 0)
                _exit(1);
            struct timespec t[2] = {{1600000000 + i, 0}, {1600000000 + i, 0}};
            if (futimens(fd, t) != 0)
                _exit(1);
        }
    }
    close(fd);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "--json", f->in, NULL);
    kill(writer, SIGKILL);
    waitpid(writer, NULL, 0);
    assert_int_equal(r.status, 1);
    gk_cli_expect_complaint(r.err, busy, "changed while it was being read");
    json_run jr;
    read_json_run(&jr, r.out);
    assert_non_null(file_entry(jr.failed, busy));
    expect_indexed(&jr, good);
    json_run_clear(&jr);
    gk_test_run_clear(&r);
    free(good);
    free(busy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_kind_of_bad_file, setup, gk_cli_teardown),
        cmocka_unit_test_setup_teardown(test_larger_than_max_size, setup, gk_cli_teardown),
        cmocka_unit_test_setup_teardown(test_huge_file_is_not_read, setup, gk_cli_teardown),
        cmocka_unit_test_setup_teardown(test_file_rewritten_while_read, setup,
                                        gk_cli_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_filestate.c - the per-file state a rerun relies on: written and
 * read back exactly, damaged lines refused, a file skipped only when its
 * size and time match and were not too fresh to trust, and the content
 * hash telling one changed byte. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gk_filestate.h"

static gk_file_state sample(void)
{
    gk_file_state s;
    memset(&s, 0, sizeof s);
    s.size = 123456789012ull;
    s.mtime_sec = 1600000000;
    s.mtime_nsec = 999999999;
    s.seen_sec = 1700000000;
    s.hash = 0xfedcba9876543210ull;
    s.nsections = 7;
    s.kind = 1;
    s.path = "/data/报告 with spaces/a.txt";
    return s;
}

static void test_round_trip(void **state)
{
    (void)state;
    gk_file_state s = sample();
    char *line = gk_file_state_encode(&s);
    assert_non_null(line);
    gk_file_state back;
    assert_int_equal(gk_file_state_decode(&back, line, strlen(line)), GK_OK);
    assert_true(back.size == s.size);
    assert_true(back.mtime_sec == s.mtime_sec);
    assert_int_equal(back.mtime_nsec, s.mtime_nsec);
    assert_true(back.seen_sec == s.seen_sec);
    assert_true(back.hash == s.hash);
    assert_int_equal(back.nsections, 7);
    assert_int_equal(back.kind, 1);
    assert_string_equal(back.path, s.path);
    free(line);
}

static void test_damaged_lines_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "garbage",
        "2 1 2 3 4 00000000000000ff 1 0 /a",  /* unknown version */
        "1 1 2 3 4 00000000000000ff 1 0 a",   /* relative path */
        "1 1 2 3 4 00000000000000ff 1 0 ",    /* no path */
        "1 1 2 1000000000 4 ff 1 0 /a",       /* nanoseconds out of range */
        "1 1 2 3 4 zz 1 0 /a",                /* no hash */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_file_state s;
        assert_int_equal(gk_file_state_decode(&s, bad[i], strlen(bad[i])), GK_ECORRUPT);
    }
    gk_file_state s;
    static const char nul[] = "1 1 2 3 4 ff 1 0 /a\0b";
    assert_int_equal(gk_file_state_decode(&s, nul, sizeof nul - 1), GK_ECORRUPT);
    assert_int_equal(gk_file_state_decode(&s, NULL, 0), GK_ECORRUPT);
}

static void test_unchanged_by_size_and_time(void **state)
{
    (void)state;
    gk_file_state s = sample();
    struct stat sb;
    memset(&sb, 0, sizeof sb);
    sb.st_size = (off_t)s.size;
    sb.st_mtim.tv_sec = (time_t)s.mtime_sec;
    sb.st_mtim.tv_nsec = s.mtime_nsec;
    assert_true(gk_file_state_unchanged(&s, &sb));
    sb.st_size++;
    assert_false(gk_file_state_unchanged(&s, &sb));
    sb.st_size--;
    sb.st_mtim.tv_nsec--;
    assert_false(gk_file_state_unchanged(&s, &sb));
    sb.st_mtim.tv_nsec++;
    /* looked at within the racy window of its last change: not trusted */
    s.seen_sec = s.mtime_sec + GK_FILE_STATE_RACY_SECONDS - 1;
    assert_false(gk_file_state_unchanged(&s, &sb));
    s.seen_sec = s.mtime_sec + GK_FILE_STATE_RACY_SECONDS;
    assert_true(gk_file_state_unchanged(&s, &sb));
}

static void test_set_stat(void **state)
{
    (void)state;
    gk_file_state s;
    memset(&s, 0, sizeof s);
    struct stat sb;
    memset(&sb, 0, sizeof sb);
    sb.st_size = 42;
    sb.st_mtim.tv_sec = 1000;
    sb.st_mtim.tv_nsec = 5;
    gk_file_state_set_stat(&s, &sb, 5000);
    assert_true(s.size == 42);
    assert_true(s.mtime_sec == 1000);
    assert_int_equal(s.mtime_nsec, 5);
    assert_true(s.seen_sec == 5000);
    assert_true(gk_file_state_unchanged(&s, &sb));
}

static void test_hash_tells_one_byte(void **state)
{
    (void)state;
    char a[1000];
    for (size_t i = 0; i < sizeof a; i++)
        a[i] = (char)('a' + i % 26);
    unsigned long long h = gk_file_hash(a, sizeof a);
    assert_true(h == gk_file_hash(a, sizeof a));
    for (size_t i = 0; i < sizeof a; i += 37) {
        a[i] ^= 1;
        assert_true(gk_file_hash(a, sizeof a) != h);
        a[i] ^= 1;
    }
    assert_true(gk_file_hash(a, sizeof a - 1) != h);
    assert_true(gk_file_hash("", 0) != gk_file_hash("\0", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_damaged_lines_refused),
        cmocka_unit_test(test_unchanged_by_size_and_time),
        cmocka_unit_test(test_set_stat),
        cmocka_unit_test(test_hash_tells_one_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

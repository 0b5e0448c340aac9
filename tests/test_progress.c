/* test_progress.c - the progress line: files done of those counted ("+"
 * while counting), MB/s once there is a rate, time left only when the
 * total is known, never more files done than counted, and cut to fit. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <string.h>

#include "gk_progress.h"

static void test_while_counting(void **state)
{
    (void)state;
    gk_progress_counts c = {10, 250, 0, 5000000, 2.0};
    char line[160];
    gk_progress_format(line, sizeof line, &c);
    assert_string_equal(line, "gongkai-index: 10 of 250+ files, 2.5 MB/s");
}

static void test_time_left_when_counted(void **state)
{
    (void)state;
    gk_progress_counts c = {100, 400, 1, 10000000, 50.0};
    char line[160];
    gk_progress_format(line, sizeof line, &c);
    assert_string_equal(line,
                        "gongkai-index: 100 of 400 files, 0.2 MB/s, 2m30s left");
    c.seconds = 5000;
    gk_progress_format(line, sizeof line, &c);
    assert_non_null(strstr(line, "4h10m left"));
}

static void test_start_and_overrun(void **state)
{
    (void)state;
    gk_progress_counts c = {0, 0, 0, 0, 0.0};
    char line[160];
    gk_progress_format(line, sizeof line, &c);
    assert_string_equal(line, "gongkai-index: 0 of 0+ files");
    /* the count is behind what was done (a file created meanwhile) */
    gk_progress_counts d = {12, 10, 1, 0, 1.0};
    gk_progress_format(line, sizeof line, &d);
    assert_string_equal(line, "gongkai-index: 12 of 12 files, 0.0 MB/s");
}

static void test_cut_to_size(void **state)
{
    (void)state;
    gk_progress_counts c = {100, 400, 1, 10000000, 50.0};
    char line[16];
    memset(line, 'x', sizeof line);
    gk_progress_format(line, sizeof line, &c);
    assert_int_equal(strlen(line), sizeof line - 1);
}

static void test_free_null(void **state)
{
    (void)state;
    gk_progress_clear(NULL);
    gk_progress_file(NULL, 10);
    gk_progress_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_while_counting),
        cmocka_unit_test(test_time_left_when_counted),
        cmocka_unit_test(test_start_and_overrun),
        cmocka_unit_test(test_cut_to_size),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

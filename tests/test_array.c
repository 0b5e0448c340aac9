/* test_array.c - the one growable array: what is pushed stays, in order;
 * growing one item at a time reallocates only a logarithmic number of
 * times (so reading a file of N lines stays linear); impossible sizes are
 * refused and leave the array as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "gk_array.h"

static void test_items_pushed_one_by_one_stay_in_order(void **state)
{
    (void)state;
    long *v = NULL;
    size_t n = 0, cap = 0, grown = 0;
    for (long i = 0; i < 100000; i++) {
        size_t before = cap;
        assert_int_equal(GK_ARRAY_RESERVE(v, cap, n + 1), GK_OK);
        assert_true(cap >= n + 1);
        grown += cap != before;
        v[n++] = i * 3;
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(v[i], (long)i * 3);
    /* 16, 32, ... 131072: 14 allocations, not one per item. */
    assert_true(grown <= 14);
    free(v);
}

static void test_room_already_there_changes_nothing(void **state)
{
    (void)state;
    char *v = NULL;
    size_t cap = 0;
    assert_int_equal(GK_ARRAY_RESERVE(v, cap, 40), GK_OK);
    assert_int_equal(cap, 64);
    char *was = v;
    assert_int_equal(GK_ARRAY_RESERVE(v, cap, 64), GK_OK);
    assert_ptr_equal(v, was);
    assert_int_equal(cap, 64);
    assert_int_equal(GK_ARRAY_RESERVE(v, cap, 0), GK_OK);
    free(v);
}

static void test_impossible_sizes_are_refused_unchanged(void **state)
{
    (void)state;
    double *v = NULL;
    size_t cap = 0;
    assert_int_equal(GK_ARRAY_RESERVE(v, cap, 3), GK_OK);
    v[0] = 1.5;
    double *was = v;
    assert_int_equal(GK_ARRAY_RESERVE(v, cap, SIZE_MAX / 4), GK_ENOMEM);
    assert_int_equal(GK_ARRAY_RESERVE(v, cap, SIZE_MAX), GK_ENOMEM);
    assert_ptr_equal(v, was);
    assert_int_equal(cap, 16);
    assert_true(v[0] == 1.5);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_pushed_one_by_one_stay_in_order),
        cmocka_unit_test(test_room_already_there_changes_nothing),
        cmocka_unit_test(test_impossible_sizes_are_refused_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

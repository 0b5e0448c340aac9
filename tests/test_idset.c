/* test_idset.c - the set of ids one indexer run has reached: an id is
 * added once, whatever else the set holds (0 included, ids that collide in
 * the table, and a hundred thousand of them through its growth). */
#include "gk_test.h"

#include <stdint.h>

#include "gk_idset.h"

static void test_an_id_is_added_once(void **state)
{
    (void)state;
    gk_idset *s = gk_idset_new();
    assert_non_null(s);
    int added = -1;
    assert_int_equal(gk_idset_add(s, 0x0123456789abcdefull, &added), GK_OK);
    assert_int_equal(added, 1);
    assert_int_equal(gk_idset_add(s, 0x0123456789abcdefull, &added), GK_OK);
    assert_int_equal(added, 0);
    /* 0 is an id like any other */
    assert_int_equal(gk_idset_add(s, 0, &added), GK_OK);
    assert_int_equal(added, 1);
    assert_int_equal(gk_idset_add(s, 0, &added), GK_OK);
    assert_int_equal(added, 0);
    assert_int_equal(gk_idset_count(s), 2);
    gk_idset_free(s);
    gk_idset_free(NULL);
}

static void test_many_ids_each_once(void **state)
{
    (void)state;
    gk_idset *s = gk_idset_new();
    assert_non_null(s);
    int added = -1;
    /* sequential ids, and ids that differ only in their high bits */
    for (uint64_t i = 1; i <= 100000; i++) {
        assert_int_equal(gk_idset_add(s, i, &added), GK_OK);
        assert_int_equal(added, 1);
        assert_int_equal(gk_idset_add(s, i << 40, &added), GK_OK);
        assert_int_equal(added, 1);
    }
    assert_int_equal(gk_idset_count(s), 200000);
    for (uint64_t i = 1; i <= 100000; i++) {
        assert_int_equal(gk_idset_add(s, i, &added), GK_OK);
        assert_int_equal(added, 0);
        assert_int_equal(gk_idset_add(s, i << 40, &added), GK_OK);
        assert_int_equal(added, 0);
    }
    assert_int_equal(gk_idset_add(s, 100001, &added), GK_OK);
    assert_int_equal(added, 1);
    assert_int_equal(gk_idset_count(s), 200001);
    gk_idset_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_id_is_added_once),
        cmocka_unit_test(test_many_ids_each_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

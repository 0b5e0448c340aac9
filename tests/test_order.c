/* test_order.c - the order and the page of results gongkai-query asks
 * for: --sort NAME and -NAME, --reverse, a listing newest first, the sorted
 * figure shown with each hit, and how far the matches are counted. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdlib.h>

#include "gk_figures.h"
#include "gk_order.h"
#include "gk_page.h"
#include "gk_schema.h"

static int setup(void **state)
{
    gk_figure_rules *rules = NULL;
    char *msg = NULL;
    if (gk_figure_rules_load(&rules, GK_TEST_CORPUS_DIR "/data", &msg) != GK_OK) {
        print_error("figures.tsv: %s\n", msg ? msg : "?");
        free(msg);
        return -1;
    }
    *state = rules;
    return 0;
}

static int teardown(void **state)
{
    gk_figure_rules_free(*state);
    return 0;
}

/* A query with text comes best first; a listing (filters only) newest
 * first, and --reverse makes it oldest first. */
static void test_default_orders(void **state)
{
    gk_order o;
    assert_int_equal(gk_order_choose(&o, NULL, 0, 1, *state), GK_OK);
    assert_int_equal(o.slot, -1);
    assert_int_equal(o.figure, -1);

    assert_int_equal(gk_order_choose(&o, NULL, 0, 0, *state), GK_OK);
    assert_int_equal(o.slot, GK_SLOT_YEAR);
    assert_true(o.descending);

    assert_int_equal(gk_order_choose(&o, NULL, 1, 0, *state), GK_OK);
    assert_int_equal(o.slot, GK_SLOT_YEAR);
    assert_false(o.descending);
}

/* Relevance has no other way round: --reverse alone on a query with text
 * is refused (the user meant --sort NAME --reverse). */
static void test_reverse_needs_a_sort_key(void **state)
{
    gk_order o;
    assert_int_equal(gk_order_choose(&o, NULL, 1, 1, *state), GK_EINVAL);
    assert_int_equal(gk_order_choose(&o, "-relevance", 1, 1, *state), GK_OK);
    assert_int_equal(o.slot, -1);
}

/* year and 年份 ascending, -year descending, and --reverse turns either
 * round. */
static void test_year(void **state)
{
    gk_order o;
    assert_int_equal(gk_order_choose(&o, "year", 0, 1, *state), GK_OK);
    assert_int_equal(o.slot, GK_SLOT_YEAR);
    assert_false(o.descending);
    assert_int_equal(o.figure, -1); /* the year is shown anyway */

    assert_int_equal(gk_order_choose(&o, "年份", 0, 1, *state), GK_OK);
    assert_int_equal(o.slot, GK_SLOT_YEAR);

    assert_int_equal(gk_order_choose(&o, "-year", 0, 1, *state), GK_OK);
    assert_true(o.descending);
    assert_int_equal(gk_order_choose(&o, "-year", 1, 1, *state), GK_OK);
    assert_false(o.descending);
    assert_int_equal(gk_order_choose(&o, "year", 1, 0, *state), GK_OK);
    assert_true(o.descending);
}

/* A figure by id, by its Chinese label or by an alias of figures.tsv: the
 * results are sorted on its value slot, and the figure is the one shown. */
static void test_figures(void **state)
{
    const gk_figure_rules *rules = *state;
    int f = gk_figure_lookup(rules, "procurement_amount_yuan");
    assert_true(f >= 0);
    const char *names[] = {"procurement_amount_yuan", "政府集中采购总金额(元)", "采购金额"};
    for (size_t i = 0; i < 3; i++) {
        gk_order o;
        assert_int_equal(gk_order_choose(&o, names[i], 0, 1, rules), GK_OK);
        assert_int_equal(o.slot, (int)gk_figure_slot(rules, (size_t)f));
        assert_int_equal(o.figure, f);
        assert_false(o.descending);
    }
    gk_order o;
    assert_int_equal(gk_order_choose(&o, "-采购金额", 0, 1, rules), GK_OK);
    assert_int_equal(o.figure, f);
    assert_true(o.descending);
}

static void test_unknown_name(void **state)
{
    gk_order o;
    assert_int_equal(gk_order_choose(&o, "bogus", 0, 1, *state), GK_ENOTFOUND);
    assert_int_equal(gk_order_choose(&o, "-bogus", 0, 0, *state), GK_ENOTFOUND);
    assert_int_equal(gk_order_choose(&o, "", 0, 1, *state), GK_ENOTFOUND);
}

/* The sorted figure joins the figures shown with each hit once, after
 * those the query filters on, and only while there is room. */
static void test_sorted_figure_is_shown(void **state)
{
    gk_order o;
    assert_int_equal(gk_order_choose(&o, "采购金额", 0, 1, *state), GK_OK);
    int shown[3] = {1, 2, -1};
    size_t n = gk_order_show(&o, shown, 2, 3);
    assert_int_equal(n, 3);
    assert_int_equal(shown[2], o.figure);
    assert_int_equal(gk_order_show(&o, shown, n, 3), 3); /* not twice */

    int full[2] = {1, 2};
    assert_int_equal(gk_order_show(&o, full, 2, 2), 2);
    assert_int_equal(full[0], 1);
    assert_int_equal(full[1], 2);

    assert_int_equal(gk_order_choose(&o, "year", 0, 1, *state), GK_OK);
    assert_int_equal(gk_order_show(&o, shown, 1, 3), 1); /* no figure */
}

/* A page counts its matches exactly as far as it reaches, and at least
 * 1000 deep; -n 0 and --exact count them all. */
static void test_page_counts(void **state)
{
    (void)state;
    gk_search_opts so = gk_page_opts(0, 10, 0, 0, NULL);
    assert_int_equal(so.offset, 0);
    assert_int_equal(so.limit, 10);
    assert_int_equal(so.check_at_least, GK_PAGE_EXACT_UP_TO);
    assert_int_equal(so.collapse_slot, -1);
    assert_int_equal(so.sort_slot, -1);

    so = gk_page_opts(995, 10, 0, 0, NULL);
    assert_int_equal(so.offset, 995);
    assert_int_equal(so.check_at_least, 1005);

    assert_int_equal(gk_page_opts(0, 10, 0, 1, NULL).check_at_least, 0);
    assert_int_equal(gk_page_opts(0, 0, 0, 0, NULL).check_at_least, 0);
}

/* --by report: one document per report, nothing to collapse; in the
 * order chosen, counted exactly. */
static void test_page_by_report_in_order(void **state)
{
    gk_order o;
    assert_int_equal(gk_order_choose(&o, "-year", 0, 1, *state), GK_OK);
    gk_search_opts so = gk_page_opts(20, 5, 1, 0, &o);
    assert_int_equal(so.collapse_slot, -1);
    assert_int_equal(so.check_at_least, 0);
    assert_int_equal(so.sort_slot, GK_SLOT_YEAR);
    assert_true(so.sort_descending);
    assert_int_equal(so.limit, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_orders),
        cmocka_unit_test(test_reverse_needs_a_sort_key),
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_unknown_name),
        cmocka_unit_test(test_sorted_figure_is_shown),
        cmocka_unit_test(test_page_counts),
        cmocka_unit_test(test_page_by_report_in_order),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

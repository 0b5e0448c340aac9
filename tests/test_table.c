/* test_table.c - the id/label/alias table every naming data file is read
 * into: ids in file order, lookups by any name, a file's own records, the
 * lists messages give, and a clear error (file and line) for a bad file. */
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#include "gk_table.h"

static const char *const rule_kinds[] = {"cue", NULL};
static const char *const shared_kinds[] = {"split", NULL};
/* Like categories.tsv: ids in any case, names exactly, "-" split records. */
static const gk_table_spec rules_spec = {"colour", rule_kinds, shared_kinds,
                                         GK_TABLE_ID_ANYCASE};

#define RULES                                  \
    "# colours\n"                              \
    "red\tlabel\t红色\n"                       \
    "red\talias\t红\n"                         \
    "red\tcue\t赤|朱\n"                        \
    "\n"                                       \
    "blue\tlabel\t蓝色\n"                      \
    "blue\tcue\t蓝\n"                          \
    "-\tsplit\t改进\n"                         \
    "red\tcue\t绛\n"                           \
    "green\talias\t绿\n"

/* A directory holding NAME with content; free with done(). */
static char *dir_with(const char *name, const char *content)
{
    char *dir = gk_test_mkdtemp("table");
    char *path = gk_test_join(dir, name);
    gk_test_write_file(path, content, strlen(content));
    free(path);
    return dir;
}

static void done(char *dir)
{
    gk_test_rmtree(dir);
    free(dir);
}

static gk_table *load(const char *content, const gk_table_spec *spec)
{
    char *dir = dir_with("colours.tsv", content);
    gk_table *t = NULL;
    char *msg = NULL;
    if (gk_table_load(&t, dir, "colours.tsv", spec ? spec : &rules_spec, &msg) != GK_OK)
        fail_msg("load: %s", msg ? msg : "?");
    done(dir);
    return t;
}

static int find(const gk_table *t, const char *name)
{
    return gk_table_find(t, name, strlen(name));
}

static void test_ids_labels_and_names(void **state)
{
    (void)state;
    gk_table *t = load(RULES, NULL);
    assert_int_equal(gk_table_count(t), 3);
    assert_string_equal(gk_table_id(t, 0), "red");
    assert_string_equal(gk_table_id(t, 1), "blue");
    assert_string_equal(gk_table_id(t, 2), "green");
    assert_null(gk_table_id(t, 3));
    assert_string_equal(gk_table_label(t, 0), "红色");
    assert_null(gk_table_label(t, 2)); /* a label is not required */
    assert_int_equal(find(t, "red"), 0);
    assert_int_equal(find(t, "RED"), 0);   /* ids in any case */
    assert_int_equal(find(t, "红色"), 0);  /* the label */
    assert_int_equal(find(t, "红"), 0);    /* an alias */
    assert_int_equal(find(t, "绿"), 2);
    assert_int_equal(find(t, "蓝"), -1);   /* a cue is no name */
    assert_int_equal(find(t, "re"), -1);
    assert_int_equal(find(t, ""), -1);
    /* a name given by length: the rest of the query does not count */
    assert_int_equal(gk_table_find(t, "blue:x", 4), 1);
    gk_table_free(t);
    gk_table_free(NULL);
}

static void test_case_rules(void **state)
{
    (void)state;
    static const gk_table_spec exact = {"value", NULL, NULL, GK_TABLE_ID_DIGITS};
    static const gk_table_spec anycase = {"field", NULL, NULL, GK_TABLE_ANYCASE};
    gk_table *t = load("ok\talias\tOkay\nv2019\talias\t一致\n", &exact);
    assert_int_equal(find(t, "ok"), 0);
    assert_int_equal(find(t, "OK"), -1);
    assert_int_equal(find(t, "okay"), -1);
    assert_int_equal(find(t, "Okay"), 0);
    gk_table_free(t);
    t = load("township\talias\tTown\n", &anycase);
    assert_int_equal(find(t, "TOWNSHIP"), 0);
    assert_int_equal(find(t, "town"), 0);
    gk_table_free(t);
}

static void test_own_records_in_file_order(void **state)
{
    (void)state;
    gk_table *t = load(RULES, NULL);
    const gk_table_record *r;
    size_t k = 0;
    r = gk_table_next(t, "cue", &k);
    assert_non_null(r);
    assert_int_equal(r->entry, 0);
    assert_string_equal(r->text, "赤|朱");
    assert_int_equal(r->line, 4);
    r = gk_table_next(t, "cue", &k);
    assert_int_equal(r->entry, 1);
    assert_string_equal(r->text, "蓝");
    r = gk_table_next(t, "cue", &k);
    assert_int_equal(r->entry, 0);
    assert_string_equal(r->text, "绛");
    assert_int_equal(r->line, 9);
    assert_null(gk_table_next(t, "cue", &k));
    k = 0;
    r = gk_table_next(t, "split", &k);
    assert_int_equal(r->entry, GK_TABLE_SHARED);
    assert_string_equal(r->text, "改进");
    assert_null(gk_table_next(t, "split", &k));
    size_t all = 0;
    for (k = 0; gk_table_next(t, NULL, &k) != NULL;)
        all++;
    assert_int_equal(all, 4); /* labels and aliases are not records */
    gk_table_free(t);
}

static void test_lists_for_messages(void **state)
{
    (void)state;
    gk_table *t = load(RULES, NULL);
    gk_buf b = {0};
    assert_int_equal(gk_table_list_ids(t, &b, " or "), GK_OK);
    assert_string_equal(b.data, "red, blue or green");
    gk_buf_free(&b);
    assert_int_equal(gk_table_list_ids(t, &b, ", "), GK_OK);
    assert_string_equal(b.data, "red, blue, green");
    gk_buf_free(&b);
    gk_table_free(t);
    t = load("ok\talias\tok\n", NULL);
    assert_int_equal(gk_table_list_ids(t, &b, " or "), GK_OK);
    assert_string_equal(b.data, "ok");
    gk_buf_free(&b);
    gk_table_free(t);
}

static void test_caller_errors_name_file_and_line(void **state)
{
    (void)state;
    char *dir = dir_with("colours.tsv", RULES);
    gk_table *t = NULL;
    assert_int_equal(gk_table_load(&t, dir, "colours.tsv", &rules_spec, NULL), GK_OK);
    size_t k = 0;
    const gk_table_record *r = gk_table_next(t, "split", &k);
    char *msg = NULL;
    assert_int_equal(gk_table_fail_at(t, r, GK_ECORRUPT, &msg, "bad pattern '%s'", r->text),
                     GK_ECORRUPT);
    char *want = gk_test_join(dir, "colours.tsv:8: bad pattern '改进'");
    assert_string_equal(msg, want);
    free(want);
    free(msg);
    gk_table_free(t);
    done(dir);
}

static void test_built_by_hand(void **state)
{
    (void)state;
    static const gk_table_spec spec = {"value", NULL, NULL, GK_TABLE_ID_DIGITS};
    gk_table *t = NULL;
    char *msg = NULL;
    assert_int_equal(gk_table_new(&t, &spec, NULL), GK_OK);
    assert_int_equal(gk_table_count(t), 0);
    assert_int_equal(gk_table_add(t, "pre2019", "alias", "pre2019", NULL), GK_OK);
    assert_int_equal(gk_table_add(t, "ok", "alias", "一致", NULL), GK_OK);
    assert_int_equal(find(t, "一致"), 1);
    assert_int_equal(gk_table_add(t, "mismatch", "alias", "一致", &msg), GK_ECORRUPT);
    assert_string_equal(msg, "alias '一致' of mismatch is already a name of ok");
    free(msg);
    msg = NULL;
    assert_int_equal(gk_table_add(t, "ok", "cue", "x", &msg), GK_ECORRUPT);
    assert_string_equal(msg, "unknown record kind 'cue' (label, alias)");
    free(msg);
    gk_table_free(t);
}

/* Loading content fails with GK_ECORRUPT and a one-line message that
 * mentions `mention`. */
static void expect_bad(const char *content, const char *mention)
{
    char *dir = dir_with("colours.tsv", content);
    gk_table *t = NULL;
    char *msg = NULL;
    assert_int_equal(gk_table_load(&t, dir, "colours.tsv", &rules_spec, &msg), GK_ECORRUPT);
    assert_null(t);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    if (strstr(msg, mention) == NULL)
        fail_msg("'%s' does not mention '%s'", msg, mention);
    free(msg);
    done(dir);
}

static void test_bad_files(void **state)
{
    (void)state;
    /* an unknown kind: every kind the file may use is named */
    expect_bad("red\tlabel\t红色\nred\tcolour\tx\n",
               "colours.tsv:2: unknown record kind 'colour' (label, alias, cue, split)");
    /* a second label for one id */
    expect_bad("red\tlabel\t红色\nred\tlabel\t赤色\n", "colours.tsv:2: second label for red");
    /* one name for two ids: a lookup could not say which */
    expect_bad("red\tlabel\t红色\nblue\talias\t红色\n",
               "colours.tsv:2: alias '红色' of blue is already a name of red");
    expect_bad("red\talias\tblue\nblue\tlabel\t蓝色\n",
               "colours.tsv:2: colour id 'blue' is already a name of red");
    expect_bad("red\tlabel\t红色\nblue\talias\tRED\n", "already a name of red");
    /* malformed records */
    expect_bad("Red\tlabel\t红色\n", "colours.tsv:1: colour id 'Red' must be a-z and _");
    expect_bad("red2\tlabel\t红色\n", "must be a-z and _");
    expect_bad("red\tlabel\n", "colours.tsv:1: expected 3 fields: id, kind, text");
    expect_bad("red\tlabel\t\n", "expected 3 fields");
    expect_bad("red\tlabel\t红\tx\n", "expected 3 fields");
    expect_bad("-\tcue\t改进\n", "colours.tsv:1: a '-' record must be a split");
    expect_bad("red\tlabel\t\xe7\xba\n", "colours.tsv:1: not valid UTF-8");
}

static void test_missing_file(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("table");
    gk_table *t = NULL;
    char *msg = NULL;
    assert_int_equal(gk_table_load(&t, dir, "colours.tsv", &rules_spec, &msg), GK_ENOTFOUND);
    assert_null(t);
    assert_non_null(strstr(msg, "colours.tsv"));
    free(msg);
    done(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_labels_and_names),
        cmocka_unit_test(test_case_rules),
        cmocka_unit_test(test_own_records_in_file_order),
        cmocka_unit_test(test_lists_for_messages),
        cmocka_unit_test(test_caller_errors_name_file_and_line),
        cmocka_unit_test(test_built_by_hand),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

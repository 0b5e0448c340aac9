/* test_sectiondata.c - the sections of a search document's data as the
 * query tool and the link pass read them back: each section's id, title,
 * text and line, and no section at all from a table that is damaged
 * (numbers that are not numbers or do not fit, lengths past the end, a
 * line cut short), never a read outside the data. */
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_sectiondata.h"

/* Two sections as the indexer writes them: a header line, one line a
 * section, then each one's title and text back to back. */
#define HEAD GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 15 17\n"
#define BODY "一、总体情况" "概述。" "五、存在的主要问题" "人手不足。"

static gk_data_section get(const char *data, size_t k, int *found)
{
    gk_data_section s;
    memset(&s, 0, sizeof s);
    /* a copy of exactly its bytes, so that ASan sees a read past them */
    size_t len = strlen(data);
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, data, len);
    *found = gk_data_section_get(copy, len, k, &s);
    if (*found) {
        /* point into the caller's string, not the copy about to go */
        s.title = data + (s.title - copy);
        s.text = data + (s.text - copy);
    }
    free(copy);
    return s;
}

static void test_each_section_as_written(void **state)
{
    (void)state;
    const char *data = HEAD BODY;
    int found = 0;
    gk_data_section s = get(data, 0, &found);
    assert_int_equal(found, 1);
    assert_string_equal(s.id, "overview");
    assert_int_equal(s.title_len, strlen("一、总体情况"));
    assert_memory_equal(s.title, "一、总体情况", s.title_len);
    assert_memory_equal(s.text, "概述。", s.text_len);
    assert_int_equal(s.line, 3);

    s = get(data, 1, &found);
    assert_int_equal(found, 1);
    assert_string_equal(s.id, "problems");
    assert_memory_equal(s.title, "五、存在的主要问题", s.title_len);
    assert_int_equal(s.text_len, strlen("人手不足。"));
    assert_memory_equal(s.text, "人手不足。", s.text_len);
    assert_int_equal(s.line, 17);

    get(data, 2, &found);
    assert_int_equal(found, 0);
}

static void test_a_damaged_table_has_no_sections(void **state)
{
    (void)state;
    static const char *const damaged[] = {
        "",
        "gk2 2\n",                                              /* another layout */
        GK_DATA_MAGIC "\n",                                     /* no count */
        GK_DATA_MAGIC "x2\n" "overview 18 9 3\n" BODY,         /* count not a number */
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n",               /* a line missing */
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 15\n" BODY, /* a number missing */
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 -15 17\n" BODY,
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 15 17 9\n" BODY, /* one too many */
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 99999999999999999999999 17\n" BODY,
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 16 17\n" BODY, /* past the end */
        GK_DATA_MAGIC "99999999999999999999\n" "overview 18 9 3\n" BODY,
        GK_DATA_MAGIC "2\n" "overview 18 9 3\n" "problems 27 15 17",  /* cut in the table */
    };
    for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
        int found = -1;
        get(damaged[i], 1, &found);
        if (found != 0)
            fail_msg("damaged table %zu read as whole", i);
    }
    /* an id too long for gk_data_section.id */
    char longid[256];
    memset(longid, 'a', 100);
    snprintf(longid + 100, sizeof longid - 100, " 0 0 0\n");
    char data[300];
    snprintf(data, sizeof data, "%s1\n%s", GK_DATA_MAGIC, longid);
    int found = -1;
    get(data, 0, &found);
    assert_int_equal(found, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_section_as_written),
        cmocka_unit_test(test_a_damaged_table_has_no_sections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* gk_rules.c - the report-reading data files loaded for a test (gk_rules.h). */
#include "gk_rules.h"

#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#define DATA_DIR GK_TEST_CORPUS_DIR "/data"

void gk_test_rules_load(gk_test_rules *r)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(gk_section_table_load(&r->sections, DATA_DIR, NULL), GK_OK);
    assert_int_equal(gk_place_rules_load(&r->places, DATA_DIR, NULL), GK_OK);
    assert_int_equal(gk_title_words_load(&r->title_words, DATA_DIR, NULL), GK_OK);
    assert_int_equal(gk_figure_rules_load(&r->figures, DATA_DIR, NULL), GK_OK);
    assert_int_equal(gk_folder_new(&r->folder, DATA_DIR, NULL), GK_OK);
}

void gk_test_rules_free(gk_test_rules *r)
{
    gk_figure_rules_free(r->figures);
    gk_folder_free(r->folder);
    gk_section_table_free(r->sections);
    gk_place_rules_free(r->places);
    gk_title_words_free(r->title_words);
    memset(r, 0, sizeof *r);
}

int gk_test_rules_setup(void **state)
{
    gk_test_rules *r = calloc(1, sizeof *r);
    assert_non_null(r);
    gk_test_rules_load(r);
    *state = r;
    return 0;
}

int gk_test_rules_teardown(void **state)
{
    gk_test_rules_free(*state);
    free(*state);
    return 0;
}

gk_report *gk_test_rules_parse(const gk_test_rules *r, const char *text)
{
    char *norm = NULL;
    size_t len = 0;
    assert_int_equal(gk_text_normalize(r->folder, &norm, &len, text, strlen(text), NULL), GK_OK);
    gk_report *report = NULL;
    gk_report_rules rules = {r->sections, r->places, r->title_words};
    /* the report takes norm */
    assert_int_equal(gk_report_parse(&report, &rules, norm, len, 0, NULL), GK_OK);
    return report;
}

/* test_data.c - the data files: locating them, reading them, and a clear
 * error (file and line) when one is broken. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_divisions.h"
#include "gk_figures.h"
#include "gk_paths.h"
#include "gk_places.h"
#include "gk_regex.h"
#include "gk_query.h"
#include "gk_report.h"
#include "gk_sections.h"
#include "gk_table.h"
#include "gk_text.h"
#include "gk_words.h"

#define DATA GK_TEST_CORPUS_DIR "/data"

static void test_sections_loaded_in_order(void **state)
{
    (void)state;
    gk_section_table *t = NULL;
    assert_int_equal(gk_section_table_load(&t, DATA, NULL), GK_OK);
    static const char *const want[] = {"preamble", "overview", "proactive",
                                       "requests", "fees", "review_litigation",
                                       "problems", "other"};
    assert_int_equal(gk_section_table_count(t), 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(gk_section_table_id(t, i), want[i]);
    assert_string_equal(gk_section_table_lookup(t, "存在的主要问题"), "problems");
    assert_string_equal(gk_section_table_lookup(t, "PROBLEMS"), "problems");
    assert_string_equal(gk_section_table_lookup(t, "行政诉讼"), "review_litigation");
    assert_null(gk_section_table_lookup(t, "no_such_section"));
    gk_section_table_free(t);
    gk_section_table_free(NULL);
}

/* Write DIR/name with content; returns DIR. */
static char *data_dir_with(const char *name, const char *content)
{
    char *dir = gk_test_mkdtemp("data");
    char *path = gk_test_join(dir, name);
    gk_test_write_file(path, content, strlen(content));
    free(path);
    return dir;
}

static void expect_broken(const char *name, const char *content,
                          gk_status want, const char *must_mention)
{
    char *dir = data_dir_with(name, content);
    char *msg = NULL;
    gk_status st;
    if (strcmp(name, "sections.tsv") == 0) {
        gk_section_table *t = NULL;
        st = gk_section_table_load(&t, dir, &msg);
        assert_null(t);
    } else if (strcmp(name, "place_suffixes.tsv") == 0) {
        gk_place_rules *r = NULL;
        st = gk_place_rules_load(&r, dir, &msg);
        assert_null(r);
    } else {
        gk_field_table *f = NULL;
        st = gk_field_table_load(&f, dir, &msg);
        assert_null(f);
    }
    assert_int_equal(st, want);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    if (strstr(msg, must_mention) == NULL)
        fail_msg("message '%s' does not mention '%s'", msg, must_mention);
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_broken_data_files_say_where(void **state)
{
    (void)state;
    expect_broken("sections.tsv", "problems\tlabel\t问题\nproblems\theading\t存在(的\n",
                  GK_ECORRUPT, "sections.tsv:2");
    expect_broken("sections.tsv", "problems\tlabel\t问题\nproblems\tcolour\tred\n",
                  GK_ECORRUPT, "unknown record kind");
    expect_broken("sections.tsv", "problems\talias\t问题\n", GK_ECORRUPT, "no label");
    expect_broken("sections.tsv", "# only a comment\n", GK_ECORRUPT, "no sections");
    expect_broken("sections.tsv", "problems\tlabel\t\xff\xfe\n", GK_ECORRUPT, "UTF-8");
    expect_broken("place_suffixes.tsv", "village\t村\n", GK_ECORRUPT,
                  "place_suffixes.tsv:1: unknown kind");
    expect_broken("fields.tsv", "town\t镇\n", GK_ECORRUPT, "unknown field");
    expect_broken("fields.tsv", "township\t镇 乡\n", GK_ECORRUPT, "spaces");
}

/* The values of a listed field, from the shipped values.tsv. */
static const gk_table *values_of(const gk_field_table *f, gk_field field)
{
    const gk_table *v = gk_field_values(f, field);
    if (v == NULL)
        fail_msg("values.tsv has no values for %s", gk_field_name(field));
    return v;
}

/* names[0..n) and the canonical values of field are the same set: every
 * value the indexer writes can be asked for, and nothing else is offered. */
static void expect_values(const gk_field_table *f, gk_field field,
                          const char *const *names, size_t n)
{
    const gk_table *v = values_of(f, field);
    for (size_t i = 0; i < n; i++) {
        int k = gk_table_find(v, names[i], strlen(names[i]));
        if (k < 0 || strcmp(gk_table_id(v, (size_t)k), names[i]) != 0)
            fail_msg("the indexer writes %s '%s', which values.tsv does not list",
                     gk_field_name(field), names[i]);
    }
    if (gk_table_count(v) != n)
        fail_msg("values.tsv lists %zu values for %s; the indexer writes %zu",
                 gk_table_count(v), gk_field_name(field), n);
}

/* The template version gongkai-index finds in a report's text. */
static char *template_of(const char *text)
{
    const char *dir = DATA;
    gk_section_table *sections = NULL;
    gk_place_rules *places = NULL;
    gk_figure_rules *rules = NULL;
    gk_folder *folder = NULL;
    gk_title_words *title_words = NULL;
    assert_int_equal(gk_section_table_load(&sections, dir, NULL), GK_OK);
    assert_int_equal(gk_place_rules_load(&places, dir, NULL), GK_OK);
    assert_int_equal(gk_title_words_load(&title_words, dir, NULL), GK_OK);
    assert_int_equal(gk_figure_rules_load(&rules, dir, NULL), GK_OK);
    assert_int_equal(gk_folder_new(&folder, dir, NULL), GK_OK);
    char *norm = NULL;
    size_t len = 0;
    assert_int_equal(gk_text_normalize(folder, &norm, &len, text, strlen(text), NULL), GK_OK);
    gk_report_rules report_rules = {sections, places, title_words};
    gk_report *r = NULL;
    assert_int_equal(gk_report_parse(&r, &report_rules, norm, len, 0, NULL), GK_OK);
    gk_figures figs = {0};
    assert_int_equal(gk_figures_extract(&figs, rules, r, NULL), GK_OK);
    char *version = figs.template_version ? strdup(figs.template_version) : NULL;
    gk_figures_clear(&figs);
    gk_report_free(r); /* and norm, which it took */
    gk_folder_free(folder);
    gk_figure_rules_free(rules);
    gk_title_words_free(title_words);
    gk_place_rules_free(places);
    gk_section_table_free(sections);
    return version;
}

static void test_values_are_what_the_indexer_writes(void **state)
{
    (void)state;
    gk_field_table *f = NULL;
    assert_int_equal(gk_field_table_load(&f, DATA, NULL), GK_OK);
    const char *consistency[] = {gk_consistency_name(GK_CONSISTENCY_INCOMPLETE),
                                 gk_consistency_name(GK_CONSISTENCY_OK),
                                 gk_consistency_name(GK_CONSISTENCY_MISMATCH)};
    expect_values(f, GK_FIELD_CONSISTENCY, consistency, 3);
    const char *status[] = {gk_place_status_name(GK_PLACE_UNKNOWN),
                            gk_place_status_name(GK_PLACE_RESOLVED),
                            gk_place_status_name(GK_PLACE_AMBIGUOUS)};
    expect_values(f, GK_FIELD_PLACE_STATUS, status, 3);
    const char *kind[] = {gk_report_kind_name(GK_KIND_REPORT),
                          gk_report_kind_name(GK_KIND_DOCUMENT)};
    expect_values(f, GK_FIELD_KIND, kind, 2);
    /* the continuity values of the link pass (indexer/index/continuity.c) */
    const char *continuity[] = {"ok", "mismatch", "unknown"};
    expect_values(f, GK_FIELD_CONTINUITY, continuity, 3);
    /* the copied values of the link pass (indexer/index/copied.c) */
    const char *copied[] = {"previous_year", "other_place", "none", "unknown"};
    expect_values(f, GK_FIELD_COPIED, copied, 4);
    /* the template versions the figures of a report can show: one report
     * of each (the tables of 2021 and of 2019, the 2019+ parts without
     * tables, and no table before 2019) */
    static const char *const reports[] = {
        "某镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
        "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n"
        "行政许可\t120\n",
        "某镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
        "二、主动公开政府信息情况\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "行政许可\t3\t-1\t25\n",
        "某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
        "二、主动公开政府信息情况\n（表略）\n三、收到和处理政府信息公开申请情况\n无。\n",
        "某镇人民政府2017年政府信息公开工作年度报告\n一、概述\n正文。\n"
        "二、依申请公开政府信息情况\n全年共收到政府信息公开申请16件。\n"};
    char *versions[4];
    for (size_t i = 0; i < 4; i++) {
        versions[i] = template_of(reports[i]);
        assert_non_null(versions[i]);
    }
    assert_string_equal(versions[0], "2021"); /* four different versions */
    assert_string_equal(versions[1], "2019");
    assert_string_equal(versions[2], "new");
    assert_string_equal(versions[3], "pre2019");
    expect_values(f, GK_FIELD_TEMPLATE, (const char *const *)versions, 4);
    for (size_t i = 0; i < 4; i++)
        free(versions[i]);
    /* what the law requires (completeness.c writes these; docs/COMPLETENESS.md) */
    const char *completeness[] = {"complete", "incomplete"};
    expect_values(f, GK_FIELD_COMPLETENESS, completeness, 2);
    const char *deadline[] = {"on_time", "late", "unknown"};
    expect_values(f, GK_FIELD_DEADLINE, deadline, 3);
    /* missing: every part completeness.tsv requires, each once */
    size_t len = 0;
    char *rules = gk_test_read_file(DATA "/completeness.tsv", &len);
    assert_non_null(rules);
    const char *parts[64];
    size_t nparts = 0;
    for (char *line = strtok(rules, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (strncmp(line, "part\t", 5) != 0)
            continue;
        char *part = strchr(line + 5, '\t') + 1; /* after the era */
        part[strcspn(part, "\t")] = '\0';
        int seen = 0;
        for (size_t k = 0; k < nparts; k++)
            seen = seen || strcmp(parts[k], part) == 0;
        if (!seen && nparts < 64)
            parts[nparts++] = part;
    }
    assert_true(nparts >= 11);
    expect_values(f, GK_FIELD_MISSING, parts, nparts);
    free(rules);
    /* the fields that take any value have no list */
    assert_null(gk_field_values(f, GK_FIELD_TOWNSHIP));
    assert_null(gk_field_values(f, GK_FIELD_SECTION));
    gk_field_table_free(f);
}

/* Loading fields.tsv (one line) and values.tsv (content) fails with
 * GK_ECORRUPT and a message mentioning `mention`. */
static void expect_bad_values(const char *content, const char *mention)
{
    char *dir = data_dir_with("values.tsv", content);
    char *fields = gk_test_join(dir, "fields.tsv");
    gk_test_write_file(fields, "township\t镇\n", strlen("township\t镇\n"));
    free(fields);
    gk_field_table *f = NULL;
    char *msg = NULL;
    assert_int_equal(gk_field_table_load(&f, dir, &msg), GK_ECORRUPT);
    assert_null(f);
    assert_non_null(msg);
    assert_null(strchr(msg, '\n'));
    if (strstr(msg, mention) == NULL)
        fail_msg("message '%s' does not mention '%s'", msg, mention);
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_broken_values_file(void **state)
{
    (void)state;
    expect_bad_values("colour\tred\tred\n", "values.tsv:1: unknown field 'colour'");
    expect_bad_values("township\t柳泉镇\t柳泉\n", "township takes any value");
    expect_bad_values("kind\treport\t报告\nkind\tdocument\t报告\n",
                      "values.tsv:2: alias '报告' of document is already a name of report");
    expect_bad_values("kind\treport\n", "expected 3 fields");
    expect_bad_values("kind\treport\treport\nkind\tdocument\tdocument\n",
                      "no values for consistency");
}

static void test_missing_data_file(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("empty");
    char *msg = NULL;
    gk_section_table *t = NULL;
    assert_int_equal(gk_section_table_load(&t, dir, &msg), GK_ENOTFOUND);
    assert_non_null(strstr(msg, "sections.tsv"));
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_missing_values_file(void **state)
{
    (void)state;
    char *dir = data_dir_with("fields.tsv", "township\t镇\n");
    gk_field_table *f = NULL;
    char *msg = NULL;
    assert_int_equal(gk_field_table_load(&f, dir, &msg), GK_ENOTFOUND);
    assert_null(f);
    assert_non_null(strstr(msg, "values.tsv"));
    free(msg);
    gk_test_rmtree(dir);
    free(dir);
}

static void test_data_dir_override(void **state)
{
    (void)state;
    char *found = NULL, *msg = NULL;
    setenv("GONGKAI_DATA_DIR", DATA, 1);
    assert_int_equal(gk_data_dir(&found, &msg), GK_OK);
    assert_string_equal(found, DATA);
    free(found);
    setenv("GONGKAI_DATA_DIR", "/nonexistent/gongkai", 1);
    assert_int_equal(gk_data_dir(&found, &msg), GK_ENOTFOUND);
    assert_non_null(strstr(msg, "/nonexistent/gongkai"));
    free(msg);
    unsetenv("GONGKAI_DATA_DIR");
}

static void test_default_database_path(void **state)
{
    (void)state;
    char *path = NULL;
    setenv("GONGKAI_DB", "/srv/reports/db", 1);
    assert_int_equal(gk_default_db_path(&path, NULL), GK_OK);
    assert_string_equal(path, "/srv/reports/db");
    free(path);
    unsetenv("GONGKAI_DB");
    setenv("XDG_DATA_HOME", "/home/u/.data", 1);
    assert_int_equal(gk_default_db_path(&path, NULL), GK_OK);
    assert_string_equal(path, "/home/u/.data/gongkai/db");
    free(path);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/u", 1);
    assert_int_equal(gk_default_db_path(&path, NULL), GK_OK);
    assert_string_equal(path, "/home/u/.local/share/gongkai/db");
    free(path);
}

static void test_place_rules(void **state)
{
    (void)state;
    gk_place_rules *r = NULL;
    assert_int_equal(gk_place_rules_load(&r, DATA, NULL), GK_OK);
    char stem[64];
    gk_place_stem(r, "白阳镇", stem, sizeof stem);
    assert_string_equal(stem, "白阳");
    gk_place_stem(r, "新华街道", stem, sizeof stem);
    assert_string_equal(stem, "新华");
    gk_place_stem(r, "镇", stem, sizeof stem);
    assert_string_equal(stem, "");
    /* autonomous units: the short name without the peoples */
    static const char *const autonomous[][2] = {
        {"宁夏回族自治区", "宁夏"},   {"广西壮族自治区", "广西"}, {"新疆维吾尔自治区", "新疆"},
        {"内蒙古自治区", "内蒙古"},   {"西藏自治区", "西藏"},     {"巴马瑶族自治县", "巴马"},
        {"湘西土家族苗族自治州", "湘西"}, {"回族自治县", "回族"}};
    for (size_t i = 0; i < sizeof autonomous / sizeof autonomous[0]; i++) {
        gk_place_stem(r, autonomous[i][0], stem, sizeof stem);
        assert_string_equal(stem, autonomous[i][1]);
    }
    assert_true(gk_place_is_body(r, "彭阳县水务局", strlen("彭阳县水务局")));
    assert_false(gk_place_is_body(r, "关于报告", strlen("关于报告")));
    gk_place_rules_free(r);
}

/* A words file (gk_words.h): words by kind, matched longest first. */
static void test_words_by_kind(void **state)
{
    (void)state;
    static const char *const kinds[] = {"report", "verb", "unused", NULL};
    char *dir = data_dir_with("words.tsv", "# a comment\nreport\t报告\nverb\t根据\n"
                                           "report\t年度报告\nverb\t依据\n");
    gk_words *w = NULL;
    char *msg = NULL;
    if (gk_words_load(&w, dir, "words.tsv", kinds, &msg) != GK_OK)
        fail_msg("%s", msg);
    size_t n = 0;
    const char *const *v = gk_words_of(w, 1, &n);
    assert_int_equal(n, 2); /* file order */
    assert_string_equal(v[0], "根据");
    assert_string_equal(v[1], "依据");
    gk_words_of(w, 2, &n);
    assert_int_equal(n, 0);
    gk_words_of(w, 7, &n); /* no such kind */
    assert_int_equal(n, 0);
    const char *title = "某镇年度报告";
    size_t len = strlen(title);
    /* the longest word that fits wins, wherever it is in the file */
    assert_int_equal(gk_words_suffix(w, 0, title, len), strlen("年度报告"));
    assert_int_equal(gk_words_prefix(w, 0, "报告书", strlen("报告书")), strlen("报告"));
    assert_int_equal(gk_words_prefix(w, 0, title, len), 0);
    assert_true(gk_words_is(w, 0, "报告", strlen("报告")));
    assert_false(gk_words_is(w, 0, "报告书", strlen("报告书")));
    assert_false(gk_words_is(w, 1, "报告", strlen("报告")));
    size_t m = 0;
    assert_int_equal(gk_words_find(w, 0, title, len, 0, &m), strlen("某镇"));
    assert_int_equal(m, strlen("年度报告"));
    assert_int_equal(gk_words_find(w, 0, title, len, strlen("某镇年"), &m),
                     strlen("某镇年度"));
    assert_int_equal(m, strlen("报告"));
    assert_int_equal(gk_words_find(w, 1, title, len, 0, &m), (size_t)-1);
    assert_int_equal(m, 0);
    gk_words_free(w);
    gk_words_free(NULL);
    gk_test_rmtree(dir);
    free(dir);

    /* refused: an unknown kind, a missing word, a third field */
    static const char *const bad[][2] = {
        {"reprot\t报告\n", "words.tsv:1: unknown kind 'reprot' (expected report, verb, unused)"},
        {"report\t报告\nverb\t\n", "words.tsv:2: empty word"},
        {"report\t报告\tx\n", "words.tsv:1: expected 2 fields"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dir = data_dir_with("words.tsv", bad[i][0]);
        w = NULL;
        msg = NULL;
        assert_int_equal(gk_words_load(&w, dir, "words.tsv", kinds, &msg), GK_ECORRUPT);
        assert_null(w);
        if (msg == NULL || strstr(msg, bad[i][1]) == NULL)
            fail_msg("message '%s' does not say '%s'", msg ? msg : "(none)", bad[i][1]);
        free(msg);
        gk_test_rmtree(dir);
        free(dir);
    }
}

/* One gk_rx searched over many buffers, each freed after its search (the
 * UText it keeps is reopened per search): the matches and groups are those
 * of a fresh search, anchored or not, and nothing of a freed buffer is read
 * (ASan, valgrind). */
static void test_regex_reused_over_buffers(void **state)
{
    (void)state;
    gk_rx *rx = NULL;
    assert_int_equal(gk_rx_new(&rx, "第([0-9]+)(章)?行", NULL), GK_OK);
    for (int i = 0; i < 200; i++) {
        char *s = malloc(32);
        assert_non_null(s);
        snprintf(s, 32, "xx第%d行", i);
        size_t len = strlen(s);
        gk_rx_match m;
        assert_int_equal(gk_rx_search(rx, s, len, 0, 1, &m), 0);
        assert_int_equal(gk_rx_search(rx, s, len, 2, 1, &m), 1);
        assert_int_equal(m.start, 2);
        assert_int_equal(m.end, len);
        assert_int_equal(gk_rx_search(rx, s, len, 0, 0, &m), 1);
        assert_int_equal(m.start, 2);
        assert_int_equal(m.gstart[1], 5);
        assert_int_equal(strtol(s + m.gstart[1], NULL, 10), i);
        assert_int_equal(m.gend[1], len - 3);
        assert_true(m.gstart[2] == (size_t)-1 && m.gend[2] == (size_t)-1);
        assert_int_equal(gk_rx_search(rx, s, len, 5, 0, &m), 0);
        free(s);
    }
    assert_int_equal(gk_rx_group(rx, "x"), -1);
    gk_rx_free(rx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_loaded_in_order),
        cmocka_unit_test(test_broken_data_files_say_where),
        cmocka_unit_test(test_values_are_what_the_indexer_writes),
        cmocka_unit_test(test_broken_values_file),
        cmocka_unit_test(test_missing_data_file),
        cmocka_unit_test(test_missing_values_file),
        cmocka_unit_test(test_data_dir_override),
        cmocka_unit_test(test_default_database_path),
        cmocka_unit_test(test_place_rules),
        cmocka_unit_test(test_words_by_kind),
        cmocka_unit_test(test_regex_reused_over_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

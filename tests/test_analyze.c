/* test_analyze.c - the shared text analyser: index terms, query phrases,
 * and the promise that every CJK substring is found (and nothing else). */
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_analyze.h"
#include "gk_utf8.h"
#include "gk_util.h"

static int setup(void **state)
{
    gk_analyzer *az = NULL;
    char *msg = NULL;
    assert_int_equal(gk_analyzer_new(&az, &msg), GK_OK);
    *state = az;
    return 0;
}

static int teardown(void **state)
{
    gk_analyzer_free(*state);
    return 0;
}

static gk_status collect(void *ctx, const char *term, size_t len, unsigned pos)
{
    gk_buf *b = ctx;
    gk_buf_printf(b, "%.*s@%u ", (int)len, term, pos);
    return GK_OK;
}

/* All index terms of text as "term@pos " in order. */
static char *index_terms(gk_analyzer *az, const char *text)
{
    gk_analysis a = {0};
    assert_int_equal(gk_analyze(az, text, strlen(text), &a, NULL), GK_OK);
    gk_buf b = {0};
    assert_int_equal(gk_analysis_index_terms(&a, text, collect, &b), GK_OK);
    gk_analysis_clear(&a);
    return gk_buf_take(&b, NULL);
}

static void test_cjk_bigrams_and_run_edges(void **state)
{
    /* 行政诉讼: bigrams at every character but the last; unigrams at the
     * first and last character of the run; "XW" words rank only */
    char *t = index_terms(*state, "行政诉讼");
    assert_non_null(strstr(t, "行政@1 行@1 政诉@2 诉讼@3 讼@4 "));
    free(t);
    /* punctuation ends a run without taking a position */
    t = index_terms(*state, "复议、诉讼");
    assert_non_null(strstr(t, "复议@1 复@1 议@2 诉讼@3 诉@3 讼@4 "));
    free(t);
}

static void test_numbers_and_latin_are_whole_terms(void **state)
{
    char *t = index_terms(*state, "共收到申请16件,采购0.65万元,网址WWW.PengYang.gov.cn");
    assert_non_null(strstr(t, "16@"));
    assert_non_null(strstr(t, "0.65@"));
    assert_non_null(strstr(t, "www@"));
    assert_non_null(strstr(t, "pengyang@"));
    assert_non_null(strstr(t, "gov@"));
    assert_null(strstr(t, " 6@"));
    assert_null(strstr(t, "PengYang"));
    free(t);
    t = index_terms(*state, "1,000条");
    assert_non_null(strstr(t, "1000@1 "));
    free(t);
}

static void test_rank_words_without_position(void **state)
{
    char *t = index_terms(*state, "行政诉讼");
    assert_non_null(strstr(t, "XW行政诉讼@0"));
    free(t);
}

/* The rank words of the phrase of query, joined by spaces; malloc'd. */
static char *rank_words(gk_analyzer *az, const char *query)
{
    gk_phrase p = {0};
    assert_int_equal(gk_phrase_build(az, query, strlen(query), &p, NULL), GK_OK);
    char *out = calloc(1, 256);
    assert_non_null(out);
    for (size_t i = 0; i < p.nrank_words; i++) {
        strcat(out, i ? " " : "");
        strcat(out, p.rank_words[i]);
    }
    gk_phrase_clear(&p);
    return out;
}

/* A query that is one ICU word boosts that word; a longer one boosts
 * nothing (its words say nothing about where it matches). */
static void test_rank_word_only_for_a_one_word_query(void **state)
{
    char *t = rank_words(*state, "诉讼");
    assert_string_equal(t, "XW诉讼");
    free(t);
    t = rank_words(*state, "行政诉讼");
    assert_string_equal(t, "XW行政诉讼");
    free(t);
    t = rank_words(*state, "存在的主要问题");
    assert_string_equal(t, "");
    free(t);
    t = rank_words(*state, "行政复议"); /* ICU: 行政 复 议 */
    assert_string_equal(t, "");
    free(t);
    t = rank_words(*state, "诉讼2021");
    assert_string_equal(t, "");
    free(t);
}

/* Occurrences of needle in hay found through the analyser. */
typedef struct found {
    size_t n;
    size_t first_start, first_end;
} found;

static void on_match(void *ctx, size_t start, size_t end)
{
    found *f = ctx;
    if (f->n++ == 0) {
        f->first_start = start;
        f->first_end = end;
    }
}

static found find(gk_analyzer *az, const char *hay, const char *needle)
{
    gk_analysis a = {0};
    gk_phrase p = {0};
    found f = {0, 0, 0};
    assert_int_equal(gk_analyze(az, hay, strlen(hay), &a, NULL), GK_OK);
    assert_int_equal(gk_phrase_build(az, needle, strlen(needle), &p, NULL), GK_OK);
    gk_phrase_find(&p, &a, hay, on_match, &f);
    gk_phrase_clear(&p);
    gk_analysis_clear(&a);
    return f;
}

static size_t count_occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static int is_cjk_char(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t c = gk_utf8_next(s, len, &i);
    return c >= 0x3400 && c <= 0x9FFF;
}

/* Every substring of 1..8 CJK characters of a real paragraph is found as
 * often as strstr finds it: recall and precision equal to grep. */
static void test_every_cjk_substring_found_like_grep(void **state)
{
    static const char para[] =
        "2020年，我镇政府信息公开工作在上级有关部门的领导下取得了一些成效，"
        "但也清醒地认识到仍然存在一些问题：信息公开的广度和深度有待进一步加强。"
        "政府信息公开行政复议、行政诉讼情况。公开公开公开，行政复议复议。";
    size_t len = strlen(para);
    size_t starts[256], n = 0;
    for (size_t i = 0; i < len && n < 255;) {
        starts[n++] = i;
        gk_utf8_next(para, len, &i);
    }
    starts[n] = len;
    size_t checked = 0;
    for (size_t a = 0; a < n; a++) {
        for (size_t k = 1; k <= 8 && a + k <= n; k++) {
            int all_cjk = 1;
            for (size_t c = a; c < a + k; c++)
                all_cjk &= is_cjk_char(para + starts[c], starts[c + 1] - starts[c]);
            if (!all_cjk)
                break;
            char needle[64];
            size_t nl = starts[a + k] - starts[a];
            memcpy(needle, para + starts[a], nl);
            needle[nl] = '\0';
            found f = find(*state, para, needle);
            size_t want = count_occurrences(para, needle);
            if (f.n != want)
                fail_msg("'%s': analyser finds %zu, grep finds %zu", needle,
                         f.n, want);
            checked++;
        }
    }
    assert_true(checked > 300);
}

static void test_substrings_missed_by_word_boundaries(void **state)
{
    /* ICU keeps 行政诉讼 as one word; the character layer still finds
     * its parts */
    assert_int_equal(find(*state, "因政府信息公开申请行政复议、提起行政诉讼的情况", "诉讼").n, 1);
    assert_int_equal(find(*state, "申请行政复议", "复议").n, 1);
    assert_int_equal(find(*state, "申请行政复议", "政复").n, 1);
    /* and what is not there is not found */
    assert_int_equal(find(*state, "申请行政复议", "诉讼").n, 0);
    assert_int_equal(find(*state, "行政复议", "复议行").n, 0);
}

static void test_mixed_numbers_and_characters(void **state)
{
    const char *hay = "本年度开展政府集中采购 1 次，采购总金额为 54369 元。2020年政府信息";
    assert_int_equal(find(*state, hay, "采购总金额为54369元").n, 1);
    assert_int_equal(find(*state, hay, "54369元").n, 1);
    assert_int_equal(find(*state, hay, "2020年").n, 1);
    assert_int_equal(find(*state, hay, "2020年政府").n, 1);
    assert_int_equal(find(*state, hay, "集中采购1次").n, 1);
    /* the number must be whole: 5436 is not 54369 */
    assert_int_equal(find(*state, hay, "5436").n, 0);
    /* a character that ends a run in the query must end one in the text */
    assert_int_equal(find(*state, "今年2020", "年2020").n, 1);
    assert_int_equal(find(*state, "年度2020", "年2020").n, 0);
}

static void test_single_character_anywhere(void **state)
{
    gk_phrase p = {0};
    assert_int_equal(gk_phrase_build(*state, "诉", strlen("诉"), &p, NULL), GK_OK);
    assert_int_equal(p.any_position, 1);
    assert_int_equal(p.nterms, 1);
    gk_phrase_clear(&p);
    assert_int_equal(find(*state, "行政诉讼", "诉").n, 1);
    assert_int_equal(find(*state, "行政诉讼", "讼").n, 1);
    assert_int_equal(find(*state, "行政复议", "诉").n, 0);
}

static void test_match_span_covers_the_text(void **state)
{
    const char *hay = "五、存在的主要问题及改进情况";
    found f = find(*state, hay, "存在的主要问题");
    assert_int_equal(f.n, 1);
    assert_int_equal(f.first_end - f.first_start, strlen("存在的主要问题"));
    assert_memory_equal(hay + f.first_start, "存在的主要问题", f.first_end - f.first_start);
}

static void test_nothing_searchable(void **state)
{
    gk_phrase p = {0};
    assert_int_equal(gk_phrase_build(*state, "，。、", strlen("，。、"), &p, NULL), GK_OK);
    assert_int_equal(p.nterms, 0);
    gk_phrase_clear(&p);
    gk_analysis a = {0};
    assert_int_equal(gk_analyze(*state, "", 0, &a, NULL), GK_OK);
    assert_int_equal(a.nunits, 0);
    gk_analysis_clear(&a);
}

static void test_invalid_utf8_does_not_crash(void **state)
{
    const char bad[] = "行政\xff\xfe诉讼\xe8";
    gk_analysis a = {0};
    assert_int_equal(gk_analyze(*state, bad, sizeof bad - 1, &a, NULL), GK_OK);
    gk_analysis_clear(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_bigrams_and_run_edges),
        cmocka_unit_test(test_numbers_and_latin_are_whole_terms),
        cmocka_unit_test(test_rank_words_without_position),
        cmocka_unit_test(test_rank_word_only_for_a_one_word_query),
        cmocka_unit_test(test_every_cjk_substring_found_like_grep),
        cmocka_unit_test(test_substrings_missed_by_word_boundaries),
        cmocka_unit_test(test_mixed_numbers_and_characters),
        cmocka_unit_test(test_single_character_anywhere),
        cmocka_unit_test(test_match_span_covers_the_text),
        cmocka_unit_test(test_nothing_searchable),
        cmocka_unit_test(test_invalid_utf8_does_not_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

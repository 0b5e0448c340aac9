/* test_shingle.c - near-duplicate detection's pieces (gk_shingle.h):
 * shingles of folded text within sentences, the template's sentences
 * left out (boilerplate.tsv), the share in common, MinHash and its band
 * terms, and the sketch the link pass filters candidates with.  Counts
 * are worked out by hand from the texts. */
#include "gk_test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_shingle.h"

static gk_boilerplate *bp;

static int setup(void **state)
{
    (void)state;
    return gk_boilerplate_load(&bp, GK_TEST_CORPUS_DIR "/data", NULL) == GK_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    gk_boilerplate_free(bp);
    return 0;
}

/* The shingles of text, by the rules of b. */
static gk_shingles of(gk_boilerplate *b, const char *text)
{
    gk_shingles s = {0};
    assert_int_equal(gk_shingles_add(&s, b, text, strlen(text)), GK_OK);
    return s;
}

static size_t count(gk_boilerplate *b, const char *text)
{
    gk_shingles s = of(b, text);
    size_t n = s.n;
    gk_shingles_clear(&s);
    return n;
}

static void test_shingles_are_runs_of_five_within_a_sentence(void **state)
{
    (void)state;
    /* 11 characters: 7 runs of 5 */
    assert_int_equal(count(NULL, "信息公开栏目更新不及时。"), 7);
    /* punctuation and spaces are not characters: the same 11 */
    assert_int_equal(count(NULL, "信息 公开，栏目“更新”不及时"), 7);
    /* a sentence end cuts: 6 + 6 characters, 2 runs each */
    assert_int_equal(count(NULL, "信息公开栏目。更新不及时啊"), 4);
    assert_int_equal(count(NULL, "信息公开栏目\n更新不及时啊"), 4);
    assert_int_equal(count(NULL, "信息公开栏目；更新不及时啊"), 4);
    /* shorter than a shingle: nothing */
    assert_int_equal(count(NULL, "无。"), 0);
    assert_int_equal(count(NULL, ""), 0);
    /* repeated text counts once */
    assert_int_equal(count(NULL, "信息公开栏目更新不及时。信息公开栏目更新不及时。"), 7);
}

/* A section of many sentences keeps each shingle once, in increasing
 * order, whatever order its sentences come in (gk_shingles_share and the
 * link pass walk two sets side by side). */
static void test_shingles_are_sorted_and_each_once(void **state)
{
    (void)state;
    static const char *const chars[] = {"信", "息", "公", "开", "栏", "目", "更", "新",
                                        "不", "及", "时", "政", "府", "网", "站", "办",
                                        "理", "答", "复", "申", "请", "人", "员", "培",
                                        "训", "制", "度", "落", "实", "监", "督", "考"};
    enum { SENTENCES = 60, LEN = 12 };
    char forward[SENTENCES * (LEN * 3 + 3) + 1] = "", backward[sizeof forward] = "";
    char sentence[SENTENCES][LEN * 3 + 4];
    uint64_t seed = 7;
    for (size_t i = 0; i < SENTENCES; i++) {
        sentence[i][0] = '\0';
        for (size_t k = 0; k < LEN; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            strcat(sentence[i], chars[(seed >> 33) % 32]);
        }
        strcat(sentence[i], "。");
    }
    for (size_t i = 0; i < SENTENCES; i++) {
        strcat(forward, sentence[i]);
        strcat(backward, sentence[SENTENCES - 1 - i]);
    }
    gk_shingles a = of(NULL, forward), b = of(NULL, backward);
    /* 8 runs of 5 in each sentence of 12; a run repeated counts once */
    assert_true(a.n > 400 && a.n <= SENTENCES * 8);
    for (size_t i = 1; i < a.n; i++)
        assert_true(a.hash[i - 1] < a.hash[i]);
    assert_int_equal(a.n, b.n);
    assert_memory_equal(a.hash, b.hash, a.n * sizeof *a.hash);
    /* each sentence alone is within the whole */
    gk_shingles one = of(NULL, sentence[17]);
    assert_int_equal(gk_shingles_common(&one, &a), one.n);
    gk_shingles_clear(&one);
    gk_shingles_clear(&a);
    gk_shingles_clear(&b);
}

static void test_runs_of_figures_alone_are_no_shingles(void **state)
{
    (void)state;
    assert_int_equal(count(NULL, "2021 12345 678"), 0);
    /* 收到申请12345件: 10 characters, 6 runs, one of them 12345 alone */
    assert_int_equal(count(NULL, "收到申请12345件"), 5);
    /* full-width digits and Latin letters are folded: the same runs */
    gk_shingles a = of(NULL, "收到申请１２３４５件"), b = of(NULL, "收到申请12345件");
    assert_int_equal(gk_shingles_common(&a, &b), 5);
    gk_shingles_clear(&a);
    gk_shingles_clear(&b);
    a = of(NULL, "OA系统运行不稳定");
    b = of(NULL, "ｏａ系统运行不稳定");
    assert_int_equal(a.n, 5);
    assert_true(gk_shingles_share(&a, &b) == 1.0);
    gk_shingles_clear(&a);
    gk_shingles_clear(&b);
}

static void test_traditional_characters_meet_simplified(void **state)
{
    (void)state;
    gk_shingles a = of(bp, "信息公開欄目更新不及時。"), b = of(bp, "信息公开栏目更新不及时。");
    assert_int_equal(a.n, 7);
    assert_true(gk_shingles_share(&a, &b) == 1.0);
    gk_shingles_clear(&a);
    gk_shingles_clear(&b);
    /* without folding only the runs that hold none of 開 欄 時 meet: of
     * the 7, the one of 目更新不及 */
    a = of(NULL, "信息公開欄目更新不及時。");
    b = of(NULL, "信息公开栏目更新不及时。");
    assert_int_equal(gk_shingles_common(&a, &b), 1);
    gk_shingles_clear(&a);
    gk_shingles_clear(&b);
}

static int is_template(const char *s)
{
    return gk_boilerplate_is(bp, s, strlen(s));
}

static void test_the_templates_sentences_are_left_out(void **state)
{
    (void)state;
    /* the national format's opening, its part titles, table labels */
    assert_true(is_template("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
                            "和国务院办公厅政府信息与政务公开办公室有关要求编制"));
    assert_true(is_template("五、存在的主要问题及改进情况"));
    assert_true(is_template("（一）存在的主要问题"));
    assert_true(is_template("1.改进措施"));
    assert_true(is_template("（一）予以公开 3 0 0 0 0 0 3"));
    assert_true(is_template("自然人 12"));
    assert_true(is_template("本机关无其他需要报告的事项"));
    /* a sentence that merely names a heading, or a label inside prose,
     * is the writer's */
    assert_false(is_template("我镇存在的主要问题是栏目更新慢"));
    assert_false(is_template("自然人申请较多，答复压力大"));
    assert_false(is_template("部分村居公开栏内容陈旧"));
    assert_false(gk_boilerplate_is(NULL, "本机关无其他需要报告的事项",
                                   strlen("本机关无其他需要报告的事项")));

    /* in a section: the template's sentences give no shingles, the
     * writer's do (部分村居公开栏内容陈旧: 11 characters, 7 runs) */
    assert_int_equal(count(bp, "五、存在的主要问题及改进情况\n（一）存在的主要问题\n"
                               "部分村居公开栏内容陈旧。\n本机关无其他需要报告的事项。"),
                     7);
    /* the traditional form of a template sentence is folded first */
    assert_int_equal(count(bp, "本報告中所列數據的統計期限自2021年1月1日起至2021年12月31日止。"),
                     0);
}

static void test_share_is_of_the_smaller_section(void **state)
{
    (void)state;
    gk_shingles a = of(NULL, "部分村居公开栏内容陈旧。"); /* 7 */
    gk_shingles b = of(NULL, "部分村居公开栏内容陈旧。网站栏目设置不够合理。"); /* 7 + 6 */
    gk_shingles c = of(NULL, "网站栏目设置不够合理。");
    gk_shingles none = {0};
    assert_int_equal(b.n, 13);
    assert_int_equal(gk_shingles_common(&a, &b), 7);
    assert_true(gk_shingles_share(&a, &b) == 1.0);
    assert_true(gk_shingles_share(&b, &a) == 1.0);
    assert_true(gk_shingles_share(&a, &c) == 0.0);
    assert_true(gk_shingles_share(&a, &none) == 0.0);
    /* one character changed: 部分村居公开栏内容老旧 keeps 部分村居公 ...
     * 开栏内容 : the runs not touching 陈 (positions 9..10): 5 of 7 */
    gk_shingles d = of(NULL, "部分村居公开栏内容老旧。");
    assert_int_equal(gk_shingles_common(&a, &d), 5);
    gk_shingles_clear(&a);
    gk_shingles_clear(&b);
    gk_shingles_clear(&c);
    gk_shingles_clear(&d);
}

/* A section longer than GK_SHINGLE_MAX_TEXT is too long to compare: no
 * shingles, whether it comes in one piece or several; one just under it
 * has them. */
static void test_a_huge_section_is_not_compared(void **state)
{
    gk_boilerplate *b = *state;
    const char *line = "第一行的内容在这里。";
    size_t n = GK_SHINGLE_MAX_TEXT / strlen(line);
    char *text = malloc(n * strlen(line) + 1);
    assert_non_null(text);
    text[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(text + (i ? (i - 1) * strlen(line) : 0), line);
    size_t len = strlen(text);
    assert_true(len <= GK_SHINGLE_MAX_TEXT);
    gk_shingles s = {0};
    assert_int_equal(gk_shingles_add(&s, b, text, len), GK_OK);
    assert_true(s.n > 0); /* just under: compared */
    assert_int_equal(gk_shingles_add(&s, b, line, strlen(line) * 2), GK_OK);
    assert_int_equal(s.n, 0); /* over in all: dropped */
    const char *more = "另一个句子里的五个字以上。";
    assert_int_equal(gk_shingles_add(&s, b, more, strlen(more)), GK_OK);
    assert_int_equal(s.n, 0); /* and stays so */
    gk_shingles_clear(&s);
    assert_int_equal(gk_shingles_add(&s, b, line, strlen(line)), GK_OK);
    assert_true(s.n > 0); /* cleared: a new section */
    gk_shingles_clear(&s);
    free(text);
}

/* A set of n made-up shingle hashes from `from` on, sorted. */
static gk_shingles made_up(uint64_t from, size_t n)
{
    gk_shingles s = {malloc(n * sizeof(uint64_t)), n, n, 0};
    assert_non_null(s.hash);
    for (size_t i = 0; i < n; i++)
        s.hash[i] = (from + i) * 0x9E3779B97F4A7C15ULL;
    /* sorted, as gk_shingles_add keeps them */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && s.hash[j - 1] > s.hash[j]; j--) {
            uint64_t t = s.hash[j];
            s.hash[j] = s.hash[j - 1];
            s.hash[j - 1] = t;
        }
    return s;
}

static size_t bands_alike(const gk_shingles *a, const gk_shingles *b)
{
    uint32_t sa[GK_MINHASH_N], sb[GK_MINHASH_N];
    gk_minhash(a, sa);
    gk_minhash(b, sb);
    size_t same = 0;
    for (size_t k = 0; k < GK_LSH_BANDS; k++) {
        char ta[GK_LSH_TERM_SIZE], tb[GK_LSH_TERM_SIZE];
        gk_lsh_band_term(ta, 'G', sa, k);
        gk_lsh_band_term(tb, 'G', sb, k);
        same += strcmp(ta, tb) == 0;
    }
    return same;
}

static void test_minhash_bands_find_sets_alike(void **state)
{
    (void)state;
    gk_shingles a = made_up(1, 300), same = made_up(1, 300);
    gk_shingles near = made_up(16, 300);   /* 285 of 315: Jaccard 0.90 */
    gk_shingles other = made_up(5000, 300); /* nothing in common */
    uint32_t sig[GK_MINHASH_N];
    gk_minhash(&a, sig);
    char term[GK_LSH_TERM_SIZE];
    size_t n = gk_lsh_band_term(term, 'G', sig, 3);
    /* XH, the section's code, the band in 2 hex digits, 8 hex digits */
    assert_int_equal(n, 2 + 1 + 2 + 8);
    assert_int_equal(strlen(term), n);
    assert_memory_equal(term, GK_PREFIX_SIMILAR_BAND "G03", 5);
    assert_int_equal(bands_alike(&a, &same), GK_LSH_BANDS);
    /* a band of 3 rows agrees with probability 0.9^3 = 0.73: about 15 of 21
     * bands; far fewer never happens for these fixed hashes */
    size_t near_bands = bands_alike(&a, &near);
    assert_true(near_bands >= 8);
    assert_true(bands_alike(&a, &other) <= 1);
    gk_shingles_clear(&a);
    gk_shingles_clear(&same);
    gk_shingles_clear(&near);
    gk_shingles_clear(&other);
}

/* May section a share `share` with the section whose sketch is b's? */
static int may_share(const gk_shingles *a, const gk_shingles *b, double share)
{
    uint32_t sa[GK_MINHASH_N], sb[GK_MINHASH_N];
    unsigned char mine[GK_SKETCH_SIZE], sketch[GK_SKETCH_SIZE];
    gk_minhash(a, sa);
    gk_minhash(b, sb);
    gk_sketch_make(mine, a, sa);
    gk_sketch_make(sketch, b, sb);
    return gk_sketch_may_share(mine, sketch, sizeof sketch, share);
}

/* The link pass leaves out, from the sketch alone, a candidate that
 * cannot share 90%: never one that does (a copy, an edited copy at the
 * very threshold, a short section inside a long one), while most of the
 * others are left out. */
static void test_sketch_leaves_out_only_what_cannot_share(void **state)
{
    (void)state;
    gk_shingles a = made_up(1, 300), same = made_up(1, 300);
    gk_shingles edited = made_up(31, 300); /* 270 of 300 in common: 0.90 */
    gk_shingles half = made_up(151, 300);  /* 150 of 300: 0.50 */
    gk_shingles other = made_up(5000, 300);
    gk_shingles inside = made_up(101, 60); /* all 60 within a */
    uint32_t sig[GK_MINHASH_N];
    unsigned char sketch[GK_SKETCH_SIZE];
    gk_minhash(&a, sig);
    gk_sketch_make(sketch, &a, sig);
    /* the count of shingles, big-endian, then a byte of each minimum */
    assert_memory_equal(sketch, "\0\0\x01\x2c", 4);
    assert_int_equal(sketch[4 + 7], sig[7] & 0xFF);

    assert_true(may_share(&a, &same, 0.9));
    assert_true(may_share(&a, &edited, 0.9));
    assert_true(may_share(&edited, &a, 0.9));
    assert_true(may_share(&a, &inside, 0.9));
    assert_true(may_share(&inside, &a, 0.9));
    assert_false(may_share(&a, &half, 0.9));
    assert_false(may_share(&half, &a, 0.9));
    assert_false(may_share(&a, &other, 0.9));
    /* no sketch (a value of another length, or a count of none): only a
     * real comparison says no, even of sections that share nothing */
    uint32_t osig[GK_MINHASH_N];
    unsigned char osketch[GK_SKETCH_SIZE];
    gk_minhash(&other, osig);
    gk_sketch_make(osketch, &other, osig);
    assert_false(gk_sketch_may_share(sketch, osketch, sizeof osketch, 0.9));
    assert_true(gk_sketch_may_share(sketch, osketch, 10, 0.9));
    memset(osketch, 0, 4);
    assert_true(gk_sketch_may_share(sketch, osketch, sizeof osketch, 0.9));
    assert_true(gk_sketch_may_share(osketch, sketch, sizeof sketch, 0.9));
    gk_shingles_clear(&a);
    gk_shingles_clear(&same);
    gk_shingles_clear(&edited);
    gk_shingles_clear(&half);
    gk_shingles_clear(&other);
    gk_shingles_clear(&inside);
}

/* A set of n shingles drawn from 0..range-1 (sorted, each once). */
static gk_shingles drawn(uint64_t *seed, size_t n, uint64_t range)
{
    gk_shingles s = {0};
    s.hash = calloc(n ? n : 1, sizeof *s.hash);
    assert_non_null(s.hash);
    s.cap = n;
    /* a pass over 0..range-1 keeping each with the odds left */
    for (uint64_t v = 0; v < range && s.n < n; v++) {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        if (*seed % (range - v) < n - s.n)
            s.hash[s.n++] = v;
    }
    return s;
}

static void test_share_at_least_answers_as_the_share_does(void **state)
{
    (void)state;
    uint64_t seed = 88172645463325252ull;
    static const double shares[] = {0.0, 0.5, 0.8, 0.9, 0.95, 1.0, 1.1};
    size_t yes = 0, no = 0;
    for (int round = 0; round < 400; round++) {
        size_t na = (size_t)(seed % 60), nb = (size_t)((seed >> 8) % 60);
        /* a small range makes sets that share much */
        uint64_t range = 60 + (seed >> 16) % 40;
        gk_shingles a = drawn(&seed, na, range), b = drawn(&seed, nb, range);
        double share = gk_shingles_share(&a, &b);
        for (size_t k = 0; k < sizeof shares / sizeof shares[0]; k++) {
            int want = share >= shares[k];
            assert_int_equal(gk_shingles_share_at_least(&a, &b, shares[k]), want);
            assert_int_equal(gk_shingles_share_at_least(&b, &a, shares[k]), want);
            /* and at the share itself, where a rounding would show */
            assert_int_equal(gk_shingles_share_at_least(&a, &b, share), 1);
            yes += want;
            no += !want;
        }
        gk_shingles_clear(&a);
        gk_shingles_clear(&b);
    }
    /* the rounds reached both answers, the early one included */
    assert_true(yes > 100 && no > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shingles_are_runs_of_five_within_a_sentence),
        cmocka_unit_test(test_shingles_are_sorted_and_each_once),
        cmocka_unit_test(test_runs_of_figures_alone_are_no_shingles),
        cmocka_unit_test(test_traditional_characters_meet_simplified),
        cmocka_unit_test(test_the_templates_sentences_are_left_out),
        cmocka_unit_test(test_share_is_of_the_smaller_section),
        cmocka_unit_test(test_share_at_least_answers_as_the_share_does),
        cmocka_unit_test(test_minhash_bands_find_sets_alike),
        cmocka_unit_test(test_sketch_leaves_out_only_what_cannot_share),
        cmocka_unit_test(test_a_huge_section_is_not_compared),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_fold.c - the text shown (gk_text_clean) and the text searched
 * (gk_text_fold), and the map between them. */
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#include "gk_noise.h"
#include "gk_text.h"
#include "gk_utf8.h"
#include "gk_util.h"

static gk_folder *folder;

static int setup(void **state)
{
    (void)state;
    return gk_folder_new(&folder, GK_TEST_CORPUS_DIR "/data", NULL) == GK_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    gk_folder_free(folder);
    return 0;
}

static char *clean(const char *in)
{
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(gk_text_clean(&out, &n, in, strlen(in), NULL), GK_OK);
    assert_int_equal(strlen(out), n);
    return out;
}

static void expect_clean(const char *in, const char *want)
{
    char *got = clean(in);
    assert_string_equal(got, want);
    free(got);
}

static char *fold(const char *in, gk_foldmap **map)
{
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(gk_text_fold(folder, in, strlen(in), &out, &n, map, NULL), GK_OK);
    assert_int_equal(strlen(out), n);
    assert_true(gk_utf8_valid(out, n));
    return out;
}

static void expect_fold(const char *in, const char *want)
{
    char *got = fold(in, NULL);
    assert_string_equal(got, want);
    free(got);
}

/* ---- clean -------------------------------------------------------------- */

static void test_clean_unifies_line_ends_and_drops_controls(void **state)
{
    (void)state;
    expect_clean("一、总体情况\r\n正文\r第二行\x0c第三页", "一、总体情况\n正文\n第二行\n第三页");
    expect_clean("A\xe2\x80\xa8" "B\xe2\x80\xa9" "C", "A\nB\nC");
    expect_clean("收到\x01申请\xe2\x80\x8b 5\xc2\xad件\xef\xbb\xbf", "收到申请 5件");
}

static void test_clean_keeps_what_the_source_wrote(void **state)
{
    (void)state;
    /* full-width forms and traditional characters are shown as written */
    expect_clean("（一）２０２１年 存在的主要問題：", "（一）２０２１年 存在的主要問題：");
}

static void test_clean_replaces_invalid_bytes(void **state)
{
    (void)state;
    /* one U+FFFD per byte that is not part of a character */
    expect_clean("报\xff告\xe6\x8a", "报\xef\xbf\xbd告\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_clean_drops_pinyin_glosses(void **state)
{
    (void)state;
    expect_clean("臚崗鎮(zhèn)人民政府", "臚崗鎮人民政府");
    expect_clean("信息公開(gōng kāi)工作", "信息公開工作");
    expect_clean("鎮（zhèn）政府", "鎮政府");
    /* not glosses: no tone mark, not after a Chinese character, numbers */
    expect_clean("某镇(zhen)政府", "某镇(zhen)政府");
    expect_clean("see (dà) here", "see (dà) here");
    expect_clean("镇(2020)", "镇(2020)");
    expect_clean("说明(ǎbcdefghijklmnopqrst)", "说明(ǎbcdefghijklmnopqrst)");
}

/* ---- fold --------------------------------------------------------------- */

static void test_fold_nfkc_and_simplified(void **state)
{
    (void)state;
    expect_fold("２０１９年（一）", "2019年(一)");
    expect_fold("存在的主要問題", "存在的主要问题");
    expect_fold("臚崗鎮人民政府", "胪岗镇人民政府");
    expect_fold("\xe3\x80\x80全角空格", " 全角空格"); /* U+3000 */
    expect_fold("cafe\xcc\x81", "caf\xc3\xa9");       /* e + combining acute */
    expect_fold("", "");
}

static void test_fold_is_idempotent(void **state)
{
    (void)state;
    const char *in = "２０２１年，臚崗鎮收到申請５件（其中：當面２件）。ﬁ ㈱ café";
    char *once = fold(in, NULL);
    char *twice = fold(once, NULL);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
}

static void test_map_points_back_to_the_source(void **state)
{
    (void)state;
    const char *in = "ab２問題c";
    gk_foldmap *map = NULL;
    char *out = fold(in, &map);
    assert_string_equal(out, "ab2问题c");
    /* folded "a" "b" at 0, 1; "2" at 2 from "２" (3 bytes) at 2; "问" at 3
     * from "問" at 5; "题" at 6 from "題" at 8; "c" at 9 from 11 */
    assert_int_equal(gk_foldmap_source(map, 0), 0);
    assert_int_equal(gk_foldmap_source(map, 1), 1);
    assert_int_equal(gk_foldmap_source(map, 2), 2);
    assert_int_equal(gk_foldmap_source(map, 3), 5);
    assert_int_equal(gk_foldmap_source(map, 6), 8);
    assert_int_equal(gk_foldmap_source(map, 9), 11);
    assert_int_equal(gk_foldmap_source(map, 10), strlen(in)); /* the end */
    free(out);
    gk_foldmap_free(map);
}

static void test_map_inside_unchanged_text_is_exact(void **state)
{
    (void)state;
    const char *in = "一、总体情况\n存在的主要问题";
    gk_foldmap *map = NULL;
    char *out = fold(in, &map);
    assert_string_equal(out, in);
    for (size_t i = 0; i <= strlen(in); i++)
        assert_int_equal(gk_foldmap_source(map, i), i);
    free(out);
    gk_foldmap_free(map);
}

static void test_map_is_monotone_on_mixed_text(void **state)
{
    (void)state;
    const char *in = "２０２１年 臚崗鎮 e\xcc\x81\xcc\x81 ﬁ ㈱ 「引号」 abc";
    gk_foldmap *map = NULL;
    char *out = fold(in, &map);
    size_t prev = 0, n = strlen(out);
    for (size_t i = 0; i <= n; i++) {
        size_t s = gk_foldmap_source(map, i);
        assert_true(s >= prev);
        assert_true(s <= strlen(in));
        prev = s;
    }
    assert_int_equal(gk_foldmap_source(map, n), strlen(in));
    free(out);
    gk_foldmap_free(map);
}

static void test_fold_survives_hostile_input(void **state)
{
    (void)state;
    /* a base character with 500 combining marks, and invalid bytes */
    gk_buf b = {0};
    gk_buf_adds(&b, "a");
    for (int i = 0; i < 500; i++)
        gk_buf_adds(&b, "\xcc\x81");
    gk_buf_adds(&b, "\xff\xfe问題");
    char *out = NULL;
    size_t n = 0;
    gk_foldmap *map = NULL;
    assert_int_equal(gk_text_fold(folder, b.data, b.len, &out, &n, &map, NULL), GK_OK);
    assert_true(gk_utf8_valid(out, n));
    assert_non_null(strstr(out, "问题"));
    assert_int_equal(gk_foldmap_source(map, n), b.len);
    free(out);
    gk_foldmap_free(map);
    gk_buf_free(&b);
}

static void test_normalize_is_clean_then_fold(void **state)
{
    (void)state;
    const char *in = "存在的主要問題(wèn tí)\r\n２件";
    char *out = NULL;
    assert_int_equal(gk_text_normalize(folder, &out, NULL, in, strlen(in), NULL), GK_OK);
    assert_string_equal(out, "存在的主要问题\n2件");
    free(out);
}

static void test_missing_table_is_an_error(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("fold");
    gk_folder *f = NULL;
    char *msg = NULL;
    assert_int_equal(gk_folder_new(&f, dir, &msg), GK_ENOTFOUND);
    assert_null(f);
    assert_non_null(strstr(msg, "t2s.tsv"));
    free(msg);
    msg = NULL;
    char *path = gk_test_join(dir, "t2s.tsv");
    gk_test_write_file(path, "問\t问\t多余\n", strlen("問\t问\t多余\n"));
    assert_int_equal(gk_folder_new(&f, dir, &msg), GK_ECORRUPT);
    assert_non_null(strstr(msg, "t2s.tsv:1"));
    free(msg);
    free(path);
    gk_test_rmtree(dir);
    free(dir);
}

/* ---- cutting folded text ------------------------------------------------ */

/* Cut cuts[0..n) out of in, both ways: gk_text_fold_cut of the folded
 * text and gk_text_fold of the cut text.  Returns gk_text_fold_cut's
 * status; when GK_OK, the text and the map must be the same. */
static gk_status cut_both_ways(const char *in, const gk_range *cuts, size_t n)
{
    size_t len = strlen(in), flen = 0;
    gk_foldmap *map = NULL;
    char *folded = NULL;
    assert_int_equal(gk_text_fold(folder, in, len, &folded, &flen, &map, NULL), GK_OK);
    char *fast = NULL;
    size_t fast_len = 0;
    gk_foldmap *fast_map = NULL;
    gk_status st = gk_text_fold_cut(folder, in, len, folded, map, cuts, n, &fast, &fast_len,
                                    &fast_map, NULL);
    if (st == GK_OK) {
        gk_buf cut = {0};
        size_t at = 0;
        for (size_t k = 0; k < n; k++) {
            gk_buf_add(&cut, in + at, cuts[k].start - at);
            at = cuts[k].end;
        }
        gk_buf_add(&cut, in + at, len - at);
        gk_foldmap *slow_map = NULL;
        char *slow = NULL;
        size_t slow_len = 0;
        assert_int_equal(gk_text_fold(folder, cut.data ? cut.data : "", cut.len, &slow,
                                      &slow_len, &slow_map, NULL),
                         GK_OK);
        assert_int_equal(fast_len, slow_len);
        assert_memory_equal(fast, slow, slow_len);
        for (size_t i = 0; i <= slow_len; i++)
            if (gk_foldmap_source(fast_map, i) != gk_foldmap_source(slow_map, i))
                fail_msg("cut [%zu, %zu) of %zu: byte %zu maps to %zu, folding again to %zu",
                         cuts[0].start, cuts[0].end, n, i, gk_foldmap_source(fast_map, i),
                         gk_foldmap_source(slow_map, i));
        free(slow);
        gk_foldmap_free(slow_map);
        gk_buf_free(&cut);
    }
    free(fast);
    gk_foldmap_free(fast_map);
    free(folded);
    gk_foldmap_free(map);
    return st;
}

static void test_cut_folded_text_is_the_cut_text_folded(void **state)
{
    (void)state;
    /* full-width digits, traditional characters, a ligature, a base with
     * two combining accents, a circled ideograph, line breaks */
    const char *in = "首页 > 政務公開\n２０２１年 臚崗鎮 e\xcc\x81\xcc\x81 ﬁ ㈱\n「问题」abc\n";
    size_t len = strlen(in), ok = 0, refused = 0;
    /* every cut, and every pair of a cut and the rest of the text's last
     * line, from every byte to every byte */
    for (size_t a = 0; a <= len; a++)
        for (size_t b = a; b <= len; b++) {
            gk_range one[1] = {{a, b}};
            gk_status st = cut_both_ways(in, one, 1);
            assert_true(st == GK_OK || st == GK_EUNSUPPORTED);
            ok += st == GK_OK;
            refused += st == GK_EUNSUPPORTED;
            if (st == GK_OK && b < len) {
                gk_range two[2] = {{a, b}, {len - 4, len}};
                if (b <= len - 4)
                    assert_true(cut_both_ways(in, two, 2) != GK_EINVAL);
            }
        }
    assert_true(ok > 500);
    assert_true(refused > 500);
    /* a cut that would join a base to the accents after it is refused */
    const char *accent = strstr(in, "\xcc\x81");
    gk_range before_accent[1] = {{0, (size_t)(accent - in)}};
    assert_int_equal(cut_both_ways(in, before_accent, 1), GK_EUNSUPPORTED);
    /* the page's first line, as the noise is cut */
    gk_range crumb[1] = {{0, (size_t)(strchr(in, '\n') - in) + 1}};
    assert_int_equal(cut_both_ways(in, crumb, 1), GK_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_unifies_line_ends_and_drops_controls),
        cmocka_unit_test(test_clean_keeps_what_the_source_wrote),
        cmocka_unit_test(test_clean_replaces_invalid_bytes),
        cmocka_unit_test(test_clean_drops_pinyin_glosses),
        cmocka_unit_test(test_fold_nfkc_and_simplified),
        cmocka_unit_test(test_fold_is_idempotent),
        cmocka_unit_test(test_map_points_back_to_the_source),
        cmocka_unit_test(test_map_inside_unchanged_text_is_exact),
        cmocka_unit_test(test_map_is_monotone_on_mixed_text),
        cmocka_unit_test(test_fold_survives_hostile_input),
        cmocka_unit_test(test_normalize_is_clean_then_fold),
        cmocka_unit_test(test_missing_table_is_an_error),
        cmocka_unit_test(test_cut_folded_text_is_the_cut_text_folded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

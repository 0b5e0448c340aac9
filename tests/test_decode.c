/* test_decode.c - gk_text_decode and gk_text_normalize. */
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#include "gk_decode.h"
#include "gk_text.h"
#include "gk_utf8.h"

/* Decode and expect success; checks the invariants every result has. */
static void decode_ok(gk_decoded *d, const char *bytes, size_t len,
                      const char *declared)
{
    char *err = NULL;
    gk_status st = gk_text_decode(d, bytes, len, declared, &err);
    if (st != GK_OK)
        fail_msg("gk_text_decode: %d %s", (int)st, err ? err : "(no message)");
    assert_null(err);
    assert_non_null(d->text);
    assert_int_equal(strlen(d->text), d->len);
    assert_true(gk_utf8_valid(d->text, d->len));
    assert_null(memchr(d->text, 0x1A, d->len)); /* ICU's SBCS substitute */
}

static gk_folder *folder;

static int load_folder(void **state)
{
    (void)state;
    return gk_folder_new(&folder, GK_TEST_CORPUS_DIR "/data", NULL) == GK_OK ? 0 : -1;
}

static int free_folder(void **state)
{
    (void)state;
    gk_folder_free(folder);
    return 0;
}

static char *normalize_ok(const char *text, size_t len, size_t *out_len)
{
    char *out = NULL, *err = NULL;
    size_t n = 0;
    gk_status st = gk_text_normalize(folder, &out, &n, text, len, &err);
    if (st != GK_OK)
        fail_msg("gk_text_normalize: %d %s", (int)st, err ? err : "(no message)");
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    assert_true(gk_utf8_valid(out, n));
    if (out_len != NULL)
        *out_len = n;
    return out;
}

static void assert_normalizes_to(const char *in, const char *want)
{
    char *got = normalize_ok(in, strlen(in), NULL);
    assert_string_equal(got, want);
    free(got);
}

/* ---- decoding ------------------------------------------------------------ */

static void test_utf8_plain(void **state)
{
    (void)state;
    const char *s = "政府信息公开工作年度报告\n2021年共收到申请16件。\n";
    gk_decoded d;
    decode_ok(&d, s, strlen(s), NULL);
    assert_string_equal(d.text, s);
    assert_string_equal(d.encoding, "UTF-8");
    assert_int_equal(d.had_bom, 0);
    assert_int_equal(d.replaced, 0);
    gk_decoded_clear(&d);
    assert_null(d.text);
    assert_int_equal(d.len, 0);
}

static void test_utf8_bom_stripped(void **state)
{
    (void)state;
    const char s[] = "\xEF\xBB\xBF一、总体情况";
    gk_decoded d;
    decode_ok(&d, s, sizeof s - 1, NULL);
    assert_string_equal(d.text, "一、总体情况");
    assert_string_equal(d.encoding, "UTF-8");
    assert_int_equal(d.had_bom, 1);
    gk_decoded_clear(&d);
}

static void test_gbk_two_characters(void **state)
{
    (void)state;
    const char s[] = {(char)0xD6, (char)0xD0, (char)0xCE, (char)0xC4}; /* 中文 */
    gk_decoded d;
    decode_ok(&d, s, sizeof s, NULL);
    assert_string_equal(d.text, "中文");
    assert_string_equal(d.encoding, "GB18030");
    assert_int_equal(d.replaced, 0);
    gk_decoded_clear(&d);
}

static void test_gb18030_sentence(void **state)
{
    (void)state;
    /* iconv -f UTF-8 -t GB18030 of the title phrase. */
    static const unsigned char s[] = {
        0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa,
        0xb9, 0xa4, 0xd7, 0xf7, 0xc4, 0xea, 0xb6, 0xc8, 0xb1, 0xa8, 0xb8, 0xe6};
    gk_decoded d;
    decode_ok(&d, (const char *)s, sizeof s, NULL);
    assert_string_equal(d.text, "政府信息公开工作年度报告");
    assert_string_equal(d.encoding, "GB18030");
    assert_int_equal(d.had_bom, 0);
    assert_int_equal(d.replaced, 0);
    gk_decoded_clear(&d);
}

static void test_gb18030_with_ascii_lines(void **state)
{
    (void)state;
    /* "一、总体情况\n2021年，主动公开政府信息62条。" in GB18030. */
    static const unsigned char s[] = {
        0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6,
        0x0a, 0x32, 0x30, 0x32, 0x31, 0xc4, 0xea, 0xa3, 0xac, 0xd6, 0xf7, 0xb6,
        0xaf, 0xb9, 0xab, 0xbf, 0xaa, 0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf,
        0xa2, 0x36, 0x32, 0xcc, 0xf5, 0xa1, 0xa3};
    gk_decoded d;
    decode_ok(&d, (const char *)s, sizeof s, NULL);
    assert_string_equal(d.text, "一、总体情况\n2021年，主动公开政府信息62条。");
    assert_string_equal(d.encoding, "GB18030");
    gk_decoded_clear(&d);
}

static void test_gb18030_truncated_last_character(void **state)
{
    (void)state;
    const char s[] = {(char)0xD6, (char)0xD0, (char)0xCE, (char)0xC4, (char)0xD6};
    gk_decoded d;
    decode_ok(&d, s, sizeof s, NULL);
    assert_string_equal(d.text, "中文\xEF\xBF\xBD");
    assert_int_equal(d.replaced, 1);
    gk_decoded_clear(&d);
}

static void test_big5_detected(void **state)
{
    (void)state;
    /* "政府信息公開工作年度報告，共收到申請16件。" in Big5. */
    static const unsigned char s[] = {
        0xac, 0x46, 0xa9, 0xb2, 0xab, 0x48, 0xae, 0xa7, 0xa4, 0xbd, 0xb6, 0x7d,
        0xa4, 0x75, 0xa7, 0x40, 0xa6, 0x7e, 0xab, 0xd7, 0xb3, 0xf8, 0xa7, 0x69,
        0xa1, 0x41, 0xa6, 0x40, 0xa6, 0xac, 0xa8, 0xec, 0xa5, 0xd3, 0xbd, 0xd0,
        0x31, 0x36, 0xa5, 0xf3, 0xa1, 0x43};
    gk_decoded d;
    decode_ok(&d, (const char *)s, sizeof s, NULL);
    assert_string_equal(d.text, "政府信息公開工作年度報告，共收到申請16件。");
    assert_string_equal(d.encoding, "Big5");
    gk_decoded_clear(&d);
}

static void test_declared_charset_honoured(void **state)
{
    (void)state;
    /* A4 A4 A4 E5 is 中文 in Big5 but also valid GBK (いゅ); too short
     * for detection, so only the declaration can tell. */
    const char s[] = {(char)0xA4, (char)0xA4, (char)0xA4, (char)0xE5};
    gk_decoded d;
    decode_ok(&d, s, sizeof s, "big5");
    assert_string_equal(d.text, "中文");
    assert_string_equal(d.encoding, "Big5");
    gk_decoded_clear(&d);

    /* GBK bytes under their usual old names. */
    const char gbk[] = {(char)0xD6, (char)0xD0, (char)0xCE, (char)0xC4};
    const char *names[] = {"gb2312", "GBK", "x-gbk", "GB_2312-80", "gb18030"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        decode_ok(&d, gbk, sizeof gbk, names[k]);
        assert_string_equal(d.text, "中文");
        assert_string_equal(d.encoding, "GB18030");
        gk_decoded_clear(&d);
    }
}

static void test_declared_charset_ignored_for_valid_utf8(void **state)
{
    (void)state;
    const char *s = "政府信息公开";
    gk_decoded d;
    decode_ok(&d, s, strlen(s), "gb2312");
    assert_string_equal(d.text, s);
    assert_string_equal(d.encoding, "UTF-8");
    gk_decoded_clear(&d);
}

static void test_declared_latin1_for_french(void **state)
{
    (void)state;
    const char *s = "caf\xE9 cr\xE8me.";
    gk_decoded d;
    decode_ok(&d, s, strlen(s), "ISO-8859-1");
    assert_string_equal(d.text, "café crème.");
    assert_string_equal(d.encoding, "windows-1252");
    assert_int_equal(d.replaced, 0);
    gk_decoded_clear(&d);
}

static void test_unassigned_single_byte_counted(void **state)
{
    (void)state;
    /* 0xA1 is unassigned in ISO-8859-8; ICU would substitute U+001A. */
    const char *s = "abc\xA1 def";
    gk_decoded d;
    decode_ok(&d, s, strlen(s), "iso-8859-8");
    assert_string_equal(d.text, "abc\xEF\xBF\xBD def");
    assert_int_equal(d.replaced, 1);
    gk_decoded_clear(&d);
}

static void test_utf16_with_bom(void **state)
{
    (void)state;
    /* 中文\r\n12 */
    const char le[] = "\xFF\xFE\x2D\x4E\x87\x65\x0D\x00\x0A\x00\x31\x00\x32\x00";
    const char be[] = "\xFE\xFF\x4E\x2D\x65\x87\x00\x0D\x00\x0A\x00\x31\x00\x32";
    gk_decoded d;
    decode_ok(&d, le, sizeof le - 1, NULL);
    assert_string_equal(d.text, "中文\r\n12");
    assert_string_equal(d.encoding, "UTF-16LE");
    assert_int_equal(d.had_bom, 1);
    gk_decoded_clear(&d);
    decode_ok(&d, be, sizeof be - 1, NULL);
    assert_string_equal(d.text, "中文\r\n12");
    assert_string_equal(d.encoding, "UTF-16BE");
    assert_int_equal(d.had_bom, 1);
    gk_decoded_clear(&d);
}

static void test_utf16le_without_bom(void **state)
{
    (void)state;
    /* "第1章\n2021年\n" */
    static const unsigned char s[] = {
        0x2c, 0x7b, 0x31, 0x00, 0xe0, 0x7a, 0x0a, 0x00, 0x32, 0x00, 0x30, 0x00,
        0x32, 0x00, 0x31, 0x00, 0x74, 0x5e, 0x0a, 0x00};
    gk_decoded d;
    decode_ok(&d, (const char *)s, sizeof s, NULL);
    assert_string_equal(d.text, "第1章\n2021年\n");
    assert_string_equal(d.encoding, "UTF-16LE");
    assert_int_equal(d.had_bom, 0);
    assert_int_equal(d.replaced, 0);
    gk_decoded_clear(&d);

    /* The same text byte-swapped is UTF-16BE. */
    unsigned char be[sizeof s];
    for (size_t k = 0; k < sizeof s; k += 2) {
        be[k] = s[k + 1];
        be[k + 1] = s[k];
    }
    decode_ok(&d, (const char *)be, sizeof be, NULL);
    assert_string_equal(d.text, "第1章\n2021年\n");
    assert_string_equal(d.encoding, "UTF-16BE");
    gk_decoded_clear(&d);
}

static void test_utf32_with_bom(void **state)
{
    (void)state;
    const char s[] = "\xFF\xFE\x00\x00\x2D\x4E\x00\x00\x0A\x00\x00\x00";
    gk_decoded d;
    decode_ok(&d, s, sizeof s - 1, NULL);
    assert_string_equal(d.text, "中\n");
    assert_string_equal(d.encoding, "UTF-32LE");
    assert_int_equal(d.had_bom, 1);
    gk_decoded_clear(&d);
}

static void test_mostly_utf8_keeps_text(void **state)
{
    (void)state;
    const char *s = "二、主动公开政府信息情况\xFF本年新制作数量62条\xC0，现行有效件数。";
    gk_decoded d;
    decode_ok(&d, s, strlen(s), NULL);
    assert_string_equal(d.encoding, "UTF-8");
    assert_int_equal(d.replaced, 2);
    assert_string_equal(d.text, "二、主动公开政府信息情况\xEF\xBF\xBD本年新制作数量62条"
                                "\xEF\xBF\xBD，现行有效件数。");
    gk_decoded_clear(&d);

    /* A page re-saved as UTF-8 that kept its old gb2312 <meta>. */
    decode_ok(&d, s, strlen(s), "gb2312");
    assert_string_equal(d.encoding, "UTF-8");
    assert_int_equal(d.replaced, 2);
    gk_decoded_clear(&d);
}

static void test_binary_rejected(void **state)
{
    (void)state;
    static const unsigned char png[] = {
        0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D,
        'I', 'H', 'D', 'R', 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
        0x08, 0x06, 0x00, 0x00, 0x00, 0x5C, 0x72, 0xA8, 0x66};
    static const unsigned char controls[] = {
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0E, 0x0F, 0x10, 0x11,
        'a', 'b', 'c', 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1B};
    const unsigned char *inputs[] = {png, controls};
    size_t lens[] = {sizeof png, sizeof controls};
    for (size_t k = 0; k < 2; k++) {
        gk_decoded d;
        char *err = NULL;
        memset(&d, 0x5A, sizeof d);
        assert_int_equal(gk_text_decode(&d, (const char *)inputs[k], lens[k], NULL, &err),
                         GK_EUNSUPPORTED);
        assert_non_null(err);
        assert_non_null(strstr(err, "binary"));
        free(err);
        assert_null(d.text);
        assert_int_equal(d.len, 0);
        gk_decoded_clear(&d);
    }
    /* UTF-8 text with a stray NUL is not mistaken for UTF-16. */
    const char nul[] = "中文\0中文";
    gk_decoded d;
    assert_int_equal(gk_text_decode(&d, nul, sizeof nul - 1, NULL, NULL), GK_EUNSUPPORTED);
    assert_null(d.text);
}

static void test_empty_input(void **state)
{
    (void)state;
    gk_decoded d;
    decode_ok(&d, "", 0, NULL);
    assert_string_equal(d.text, "");
    assert_int_equal(d.len, 0);
    assert_string_equal(d.encoding, "UTF-8");
    gk_decoded_clear(&d);
    gk_decoded_clear(NULL);
}

/* ---- normalisation -------------------------------------------------------- */

static void test_line_ends(void **state)
{
    (void)state;
    assert_normalizes_to("a\r\nb\rc\nd", "a\nb\nc\nd");
    assert_normalizes_to("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xC2\x85" "d\v" "e\f" "f",
                         "a\nb\nc\nd\ne\nf");
    assert_normalizes_to("\r\n\r\n", "\n\n");
}

static void test_nfkc_folds_full_width(void **state)
{
    (void)state;
    assert_normalizes_to("２０１９年", "2019年");
    assert_normalizes_to("（一）主动公开：ＡＢＣ", "(一)主动公开:ABC");
    assert_normalizes_to("\xE3\x80\x80\xE3\x80\x80一、总体情况。", "  一、总体情况。");
}

static void test_controls_removed(void **state)
{
    (void)state;
    assert_normalizes_to("a\x01" "b\x1B" "c\x7F" "d\xC2\x80" "e\xC2\x9F" "f\tg\n",
                         "abcdef\tg\n");
}

static void test_zero_width_removed(void **state)
{
    (void)state;
    assert_normalizes_to("政\xE2\x80\x8B府\xE2\x80\x8C信\xE2\x80\x8D息"
                         "\xE2\x81\xA0公\xEF\xBB\xBF开\xC2\xAD",
                         "政府信息公开");
    /* Removed before NFKC, so e + ZWSP + combining acute composes. */
    assert_normalizes_to("e\xE2\x80\x8B\xCC\x81", "\xC3\xA9");
}

static void test_invalid_bytes_replaced(void **state)
{
    (void)state;
    assert_normalizes_to("a\xFF" "b\xE4\xB8", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void test_normalize_idempotent(void **state)
{
    (void)state;
    const char *inputs[] = {
        "２０１９年（一）：\r\n\xE3\x80\x80本年新\xE2\x80\x8B制作\r数量\xC2\xAD",
        "e\xCC\x81 \xEF\xAC\x81 \xE3\x88\xB1 \xE2\x91\xA0 \xEF\xBD\xB6\xEF\xBE\x9E \xFF",
        "\xC2\x85\xE2\x80\xA8\x0B\x0C\x01\xEF\xBB\xBF",
    };
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        size_t n1, n2;
        char *once = normalize_ok(inputs[k], strlen(inputs[k]), &n1);
        char *twice = normalize_ok(once, n1, &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(once, twice, n1);
        free(once);
        free(twice);
    }
}

static void test_normalize_empty(void **state)
{
    (void)state;
    size_t n = 99;
    char *out = normalize_ok("", 0, &n);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");
    free(out);
}

static void test_decode_then_normalize_gbk_word_file(void **state)
{
    (void)state;
    /* "２０２１年\r\n（一）" in GB18030, as a Word export saves it. */
    static const unsigned char s[] = {
        0xa3, 0xb2, 0xa3, 0xb0, 0xa3, 0xb2, 0xa3, 0xb1, 0xc4, 0xea, 0x0d, 0x0a,
        0xa3, 0xa8, 0xd2, 0xbb, 0xa3, 0xa9};
    gk_decoded d;
    decode_ok(&d, (const char *)s, sizeof s, NULL);
    assert_string_equal(d.encoding, "GB18030");
    char *text = normalize_ok(d.text, d.len, NULL);
    assert_string_equal(text, "2021年\n(一)");
    free(text);
    gk_decoded_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_plain),
        cmocka_unit_test(test_utf8_bom_stripped),
        cmocka_unit_test(test_gbk_two_characters),
        cmocka_unit_test(test_gb18030_sentence),
        cmocka_unit_test(test_gb18030_with_ascii_lines),
        cmocka_unit_test(test_gb18030_truncated_last_character),
        cmocka_unit_test(test_big5_detected),
        cmocka_unit_test(test_declared_charset_honoured),
        cmocka_unit_test(test_declared_charset_ignored_for_valid_utf8),
        cmocka_unit_test(test_declared_latin1_for_french),
        cmocka_unit_test(test_unassigned_single_byte_counted),
        cmocka_unit_test(test_utf16_with_bom),
        cmocka_unit_test(test_utf16le_without_bom),
        cmocka_unit_test(test_utf32_with_bom),
        cmocka_unit_test(test_mostly_utf8_keeps_text),
        cmocka_unit_test(test_binary_rejected),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_nfkc_folds_full_width),
        cmocka_unit_test(test_controls_removed),
        cmocka_unit_test(test_zero_width_removed),
        cmocka_unit_test(test_invalid_bytes_replaced),
        cmocka_unit_test(test_normalize_idempotent),
        cmocka_unit_test(test_normalize_empty),
        cmocka_unit_test(test_decode_then_normalize_gbk_word_file),
    };
    return cmocka_run_group_tests(tests, load_folder, free_folder);
}

/* test_pdf.c - gk_pdf_to_text, gk_pdf_sniff, and the page layout behind
 * them (indexer/read/pdf/pdf_layout.h).
 *
 * The PDFs are written here, byte by byte: a catalog, a page tree, pages
 * whose content streams draw text with one font, and an xref table with the
 * objects' offsets.  The font is a Type0 font (Identity-H) over a
 * CIDFontType2 font that is not embedded, whose CIDs are the characters'
 * Unicode code points and whose /ToUnicode CMap says so: poppler reads the
 * text through the CMap without needing the glyphs.  Its glyphs are 1000
 * units wide (one font size), those of ASCII characters 500 and the space
 * 250; boxes are one font size tall (/Ascent 860, /Descent -140). */
#define _POSIX_C_SOURCE 200809L /* setenv, dup */
#include "gk_test.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gk_fixtures.h"
#include "gk_pdf.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "../indexer/read/pdf/pdf_layout.h" /* private to read/pdf */

/* ---- writing (gk_fixtures.h) ------------------------------------------------- */

#define PAGE_W GK_TEST_PDF_PAGE_W
#define PAGE_H GK_TEST_PDF_PAGE_H

typedef gk_test_pdf pdf_doc;
#define pdf_page gk_test_pdf_page
#define pdf_text gk_test_pdf_text
#define pdf_text_up gk_test_pdf_text_up
#define pdf_ops gk_test_pdf_ops
#define pdf_bytes gk_test_pdf_bytes

/* ---- reading ---------------------------------------------------------------- */

/* The text of bytes[0..len), checked for the invariants of every result:
 * NUL-terminated at out_len, valid UTF-8, every line ending in "\n", no
 * blank line at either end, never two in a row, no trailing white space. */
static char *text_of_n(const char *bytes, size_t len)
{
    char *out = NULL, *err = NULL;
    size_t n = 12345;
    gk_status st = gk_pdf_to_text(&out, &n, bytes, len, &err);
    if (st != GK_OK)
        fail_msg("gk_pdf_to_text: %d %s", (int)st, err ? err : "(no message)");
    assert_null(err);
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    assert_true(n > 0);
    assert_true(gk_utf8_valid(out, n));
    assert_true(out[0] != '\n');
    assert_true(out[n - 1] == '\n');
    assert_true(n < 2 || out[n - 2] != '\n');
    assert_null(strstr(out, "\n\n\n"));
    assert_null(strstr(out, " \n"));
    assert_null(strstr(out, "\t\n"));
    assert_null(strstr(out, "\n "));
    assert_null(strstr(out, "\n\t"));
    return out;
}

/* The text of the document d describes (which is consumed). */
static char *text_of(pdf_doc *d)
{
    size_t len = 0;
    char *bytes = pdf_bytes(d, &len);
    char *text = text_of_n(bytes, len);
    free(bytes);
    return text;
}

static void assert_doc_text(pdf_doc *d, const char *want)
{
    char *got = text_of(d);
    assert_string_equal(got, want);
    free(got);
}

/* gk_pdf_to_text on bytes[0..len) must fail with want and a message
 * containing msg; nothing is returned. */
static void assert_fails_n(const char *bytes, size_t len, gk_status want,
                           const char *msg)
{
    char *out = (char *)"untouched", *err = NULL;
    size_t n = 12345;
    gk_status st = gk_pdf_to_text(&out, &n, bytes, len, &err);
    if (st != want)
        fail_msg("status %d, wanted %d (%s)", (int)st, (int)want, err ? err : "");
    assert_null(out);
    assert_int_equal(n, 0);
    assert_non_null(err);
    if (strstr(err, msg) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err, msg);
    assert_null(strchr(err, '\n'));
    free(err);
}

static void assert_doc_fails(pdf_doc *d, gk_status want, const char *msg)
{
    size_t len = 0;
    char *bytes = pdf_bytes(d, &len);
    assert_fails_n(bytes, len, want, msg);
    free(bytes);
}

/* ---- text in reading order ------------------------------------------------ */

static void test_report_fragment(void **state)
{
    (void)state;
    pdf_doc d = {0};
    pdf_page(&d, 0);
    pdf_text(&d, 72, 770, 16, "一、总体情况");
    pdf_text(&d, 72, 746, 16, "本机关认真贯彻落实《条例》，主动公开政府信息。");
    assert_doc_text(&d, "一、总体情况\n本机关认真贯彻落实《条例》，主动公开政府信息。\n");
}

static void test_table_row_cells_are_tabs(void **state)
{
    (void)state;
    pdf_doc d = {0};
    pdf_page(&d, 0);
    pdf_text(&d, 50, 700, 12, "主动公开政府信息情况");
    pdf_text(&d, 400, 700, 12, "5");
    /* A table of three columns, the numbers in cells 80 points wide. */
    pdf_text(&d, 50, 660, 12, "信息内容");
    pdf_text(&d, 300, 660, 12, "本年制发件数");
    pdf_text(&d, 400, 660, 12, "本年废止件数");
    pdf_text(&d, 50, 640, 12, "规章");
    pdf_text(&d, 330, 640, 12, "0");
    pdf_text(&d, 430, 640, 12, "12");
    pdf_text(&d, 50, 620, 12, "规范性文件");
    pdf_text(&d, 330, 620, 12, "3");
    pdf_text(&d, 430, 620, 12, "1");
    assert_doc_text(&d, "主动公开政府信息情况\t5\n"
                        "\n"
                        "信息内容\t本年制发件数\t本年废止件数\n"
                        "规章\t0\t12\n"
                        "规范性文件\t3\t1\n");
}

static void test_drawing_order_does_not_matter(void **state)
{
    (void)state;
    pdf_doc d = {0};
    pdf_page(&d, 0);
    /* Second line first, and the first line's halves right to left. */
    pdf_text(&d, 72, 746, 12, "第二行");
    pdf_text(&d, 84, 770, 12, "一行");
    pdf_text(&d, 72, 770, 12, "第");
    pdf_text(&d, 72, 722, 12, "第三行");
    assert_doc_text(&d, "第一行\n第二行\n第三行\n");
}

static void test_word_gaps(void **state)
{
    (void)state;
    pdf_doc d = {0};
    pdf_page(&d, 0);
    /* A space glyph (a quarter of the font size), a gap of the same size,
     * no gap between Chinese and digits, and text set letter by letter. */
    pdf_text(&d, 72, 770, 12, "Open Government");
    pdf_text(&d, 72, 750, 12, "Data");
    pdf_text(&d, 72 + 4 * 6 + 3, 750, 12, "Portal");
    pdf_text(&d, 72, 730, 12, "2021年共受理5件");
    pdf_text(&d, 72, 710, 12, "A");
    pdf_text(&d, 78, 710, 12, "B");
    pdf_text(&d, 84, 710, 12, "C");
    assert_doc_text(&d, "Open Government\nData Portal\n2021年共受理5件\nABC\n");
}

static void test_page_numbers_dropped(void **state)
{
    (void)state;
    pdf_doc d = {0};
    pdf_page(&d, 0);
    pdf_text(&d, 72, 770, 16, "一、总体情况");
    pdf_text(&d, 280, 40, 10, "- 1 -");
    pdf_page(&d, 0);
    pdf_text(&d, 280, 40, 10, "第 2 页"); /* the footer drawn first */
    pdf_text(&d, 72, 770, 16, "二、主动公开政府信息情况");
    pdf_page(&d, 0);
    pdf_text(&d, 290, 810, 10, "3");
    pdf_text(&d, 72, 770, 16, "三、收到和处理政府信息公开申请情况");
    pdf_text(&d, 300, 400, 12, "12"); /* a figure mid-page stays */
    pdf_text(&d, 260, 40, 10, "第3页 共3页");
    assert_doc_text(&d, "一、总体情况\n"
                        "二、主动公开政府信息情况\n"
                        "三、收到和处理政府信息公开申请情况\n"
                        "\n"
                        "12\n");
}

static void test_rotated_page(void **state)
{
    (void)state;
    pdf_doc d = {0};
    /* /Rotate 90: a viewer shows the lines running down the screen. */
    pdf_page(&d, 90);
    pdf_text(&d, 72, 770, 12, "四、政府信息公开行政复议、行政诉讼情况");
    pdf_text(&d, 72, 750, 12, "行政复议");
    pdf_text(&d, 300, 750, 12, "2");
    assert_doc_text(&d, "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t2\n");
}

static void test_sideways_table(void **state)
{
    (void)state;
    pdf_doc d = {0};
    /* A landscape table drawn on a portrait page, running up the page;
     * its next row is to the right. */
    pdf_page(&d, 0);
    pdf_text_up(&d, 100, 100, 12, "主动公开政府信息情况");
    pdf_text_up(&d, 100, 450, 12, "5");
    pdf_text_up(&d, 120, 100, 12, "依申请公开");
    pdf_text_up(&d, 120, 450, 12, "3");
    assert_doc_text(&d, "主动公开政府信息情况\t5\n依申请公开\t3\n");
}

static void test_pages_in_order(void **state)
{
    (void)state;
    pdf_doc d = {0};
    const char *lines[] = {"第一页正文", "第二页正文", "", "第四页正文"};
    for (size_t i = 0; i < 4; i++) {
        pdf_page(&d, 0);
        if (lines[i][0] != '\0')  /* an empty page in between */
            pdf_text(&d, 72, 770, 12, lines[i]);
    }
    assert_doc_text(&d, "第一页正文\n第二页正文\n第四页正文\n");
}

/* ---- failures ---------------------------------------------------------------- */

static void test_not_a_pdf(void **state)
{
    (void)state;
    assert_fails_n("", 0, GK_EUNSUPPORTED, "not a PDF");
    assert_fails_n(NULL, 0, GK_EUNSUPPORTED, "not a PDF");
    const char *html = "<html><body>%PDF-1.4 is mentioned here</body></html>";
    /* "%PDF-" within the first 1024 bytes is taken for a header, as readers
     * do; poppler then finds no document. */
    assert_fails_n(html, strlen(html), GK_ECORRUPT, "cannot read PDF");
    assert_fails_n("hello", 5, GK_EUNSUPPORTED, "not a PDF");
}

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(gk_pdf_sniff("%PDF-1.7\n", 9), 1);
    assert_int_equal(gk_pdf_sniff("%PDF-", 5), 1);
    assert_int_equal(gk_pdf_sniff("%PDF", 4), 0);
    assert_int_equal(gk_pdf_sniff("", 0), 0);
    assert_int_equal(gk_pdf_sniff(NULL, 10), 0);
    assert_int_equal(gk_pdf_sniff("PK\3\4", 4), 0);
    char junk[2048];
    memset(junk, 'x', sizeof junk);
    memcpy(junk + 1019, "%PDF-", 5); /* ends at byte 1024 */
    assert_int_equal(gk_pdf_sniff(junk, sizeof junk), 1);
    memset(junk, 'x', sizeof junk);
    memcpy(junk + 1020, "%PDF-", 5);
    assert_int_equal(gk_pdf_sniff(junk, sizeof junk), 0);
}

static char *fragment_pdf(size_t *len)
{
    pdf_doc d = {0};
    pdf_page(&d, 0);
    pdf_text(&d, 72, 770, 16, "一、总体情况");
    pdf_text(&d, 72, 746, 16, "本机关认真贯彻落实《条例》。");
    return pdf_bytes(&d, len);
}

static void test_truncated(void **state)
{
    (void)state;
    size_t len = 0;
    char *bytes = fragment_pdf(&len);
    /* An exact-size copy of the first half, so that the sanitizers see any
     * read past its end. */
    char *half = malloc(len / 2);
    assert_non_null(half);
    memcpy(half, bytes, len / 2);
    assert_fails_n(half, len / 2, GK_ECORRUPT, "cannot read PDF");
    free(half);
    free(bytes);
}

static void test_encrypted(void **state)
{
    (void)state;
    pdf_doc d = {0};
    d.encrypted = 1;
    pdf_page(&d, 0);
    pdf_text(&d, 72, 770, 12, "保密");
    assert_doc_fails(&d, GK_EUNSUPPORTED, "encrypted PDF (password required)");
}

static void test_no_text_layer(void **state)
{
    (void)state;
    pdf_doc d = {0};
    /* What a scan leaves without its image: drawing, no text. */
    pdf_page(&d, 0);
    pdf_ops(&d, "0.5 g 72 72 451 698 re f\n");
    pdf_page(&d, 0);
    assert_doc_fails(&d, GK_EUNSUPPORTED, "PDF has no text layer (scanned images?)");
}

static void test_too_many_pages(void **state)
{
    (void)state;
    pdf_doc d = {0};
    for (size_t i = 0; i < GK_PDF_MAX_PAGES + 1; i++)
        pdf_page(&d, 0);
    pdf_text(&d, 72, 770, 12, "末页");
    assert_doc_fails(&d, GK_ETOOBIG, "2001 pages");
}

static int one_line_msg(const char *msg)
{
    return msg != NULL && msg[0] != '\0' && strchr(msg, '\n') == NULL;
}

/* A page drawing hundreds of thousands of short texts makes poppler build
 * as many words: a 300 KB PDF took 4 GB.  Read by gongkai-index as its PDF
 * reader, which may grow by 64 MiB here, it is refused with one line; an
 * ordinary document read there gives the text read in process, and a
 * failure there comes back as it is. */
static void test_bounded_memory(void **state)
{
    (void)state;
    pdf_doc d = {0};
    pdf_page(&d, 0);
    for (size_t i = 0; i < 400000; i++)
        pdf_text(&d, 72 + (double)(i % 40) * 12, 770 - (double)(i / 40 % 60) * 12, 10,
                 i % 2 ? "甲" : "乙");
    size_t len = 0;
    char *bytes = pdf_bytes(&d, &len);
    assert_int_equal(gk_pdf_use_reader(GK_TEST_INDEX_BIN), GK_OK);
    assert_int_equal(setenv("GONGKAI_PDF_MEMORY_MB", "64", 1), 0);
    assert_int_equal(gk_pdf_memory_limit(), (size_t)64 << 20);
    char *out = (char *)"untouched", *err = NULL;
    size_t n = 12345;
    gk_status st = gk_pdf_to_text_bounded(&out, &n, bytes, len, &err);
    free(bytes);
    if (st != GK_ETOOBIG)
        fail_msg("status %d (%s), wanted GK_ETOOBIG", (int)st, err ? err : "");
    assert_null(out);
    assert_int_equal(n, 0);
    assert_non_null(err);
    assert_string_equal(err, "PDF needs more than 64 MiB of memory to read");
    free(err);

    pdf_page(&d, 0);
    pdf_text(&d, 72, 770, 16, "一、总体情况");
    pdf_text(&d, 72, 746, 16, "本机关主动公开政府信息12条。");
    bytes = pdf_bytes(&d, &len);
    char *inside = text_of_n(bytes, len);
    err = NULL;
    st = gk_pdf_to_text_bounded(&out, &n, bytes, len, &err);
    assert_int_equal(st, GK_OK);
    assert_null(err);
    assert_string_equal(out, inside);
    assert_int_equal(n, strlen(inside));
    free(out);
    free(inside);
    /* a failure inside the child comes back as it is */
    st = gk_pdf_to_text_bounded(&out, &n, bytes, len / 3, &err);
    assert_int_equal(st, GK_ECORRUPT);
    assert_null(out);
    assert_true(one_line_msg(err));
    free(err);
    free(bytes);
    assert_int_equal(gk_pdf_use_reader(NULL), GK_OK);
    assert_int_equal(unsetenv("GONGKAI_PDF_MEMORY_MB"), 0);
    assert_int_equal(gk_pdf_memory_limit(), (size_t)GK_PDF_MAX_MEMORY_MB << 20);
}

/* 1 if msg is a message: one line of valid UTF-8. */
static int one_line(const char *msg)
{
    return msg != NULL && msg[0] != '\0' && strchr(msg, '\n') == NULL &&
           gk_utf8_valid(msg, strlen(msg));
}

/* Every cut of a document, and every byte of it damaged, is read or
 * refused with a message - and nothing is printed, not even with GLib told
 * to print poppler's messages (G_MESSAGES_DEBUG=all, set in main). */
static void test_damage_is_quiet(void **state)
{
    (void)state;
    size_t len = 0;
    char *bytes = fragment_pdf(&len);
    char *dir = gk_test_mkdtemp("pdf-quiet");
    char *path = gk_test_join(dir, "output");
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved_out >= 0 && saved_err >= 0 && fd >= 0);
    dup2(fd, 1);
    dup2(fd, 2);
    size_t ok = 0, failed = 0, unexplained = 0;
    for (size_t cut = 1; cut < len; cut += 7) {
        char *part = malloc(cut);
        memcpy(part, bytes, cut);
        char *out = NULL, *err = NULL;
        gk_status st = gk_pdf_to_text(&out, NULL, part, cut, &err);
        ok += st == GK_OK;
        failed += st != GK_OK;
        unexplained += st != GK_OK && !one_line(err);
        free(out);
        free(err);
        free(part);
    }
    for (size_t at = 0; at < len; at += 3) {
        char *copy = malloc(len);
        memcpy(copy, bytes, len);
        copy[at] = (char)(copy[at] ^ 0x5A);
        char *out = NULL, *err = NULL;
        gk_status st = gk_pdf_to_text(&out, NULL, copy, len, &err);
        unexplained += st != GK_OK && !one_line(err);
        unexplained += st == GK_OK && (out == NULL || !gk_utf8_valid(out, strlen(out)));
        free(out);
        free(err);
        free(copy);
    }
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    close(fd);
    size_t printed_len = 0;
    char *printed = gk_test_read_file(path, &printed_len);
    assert_non_null(printed);
    if (printed_len > 0)
        fail_msg("printed: %.300s", printed);
    assert_int_equal(unexplained, 0);
    assert_true(failed > 0); /* cut before the xref */
    assert_true(ok > 0);     /* cut inside the last line */
    free(printed);
    gk_test_rmtree(dir);
    free(path);
    free(dir);
    free(bytes);
}

/* ---- page numbers ------------------------------------------------------------ */

static int page_number(const char *s)
{
    return gk_pdf_is_page_number(s, strlen(s));
}

static void test_page_number_lines(void **state)
{
    (void)state;
    const char *yes[] = {"3", "12", "- 3 -", "— 3 —", "－3－", "-12-", "第 3 页",
                         "第3页", "第三页", "第3页 共10页", "第3页，共10页",
                         "共10页 第3页", "3/10", "3 / 10", "Page 3",
                         "page 3 of 10", "·3·", "\t3\t", "３"};
    const char *no[] = {"", "-", "一、总体情况", "2021年", "3.5", "第一章",
                        "共10页", "第3页共", "12345", "3件", "Page", "a3",
                        "第3条", "3/", "(3)"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!page_number(yes[i]))
            fail_msg("\"%s\" is a page number", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (page_number(no[i]))
            fail_msg("\"%s\" is no page number", no[i]);
}

/* ---- layout, from glyph boxes ------------------------------------------------ */

typedef struct glyphs {
    gk_pdf_glyph g[256];
    size_t n;
} glyphs;

/* Characters of utf8 set in a row from (x, top), each advancing by
 * (dx, dy), boxes size tall across the run (CJK characters size wide,
 * others half), read by the PDF reader as run `run`. */
static void set_run(glyphs *gs, const char *utf8, double x, double top,
                    double size, int dir, size_t run)
{
    size_t len = strlen(utf8);
    for (size_t i = 0; i < len;) {
        uint32_t cp = gk_utf8_next(utf8, len, &i);
        double w = gk_pdf_is_cjk(cp) ? size : size / 2;
        assert_true(gs->n < 256);
        gk_pdf_glyph *g = &gs->g[gs->n++];
        switch (dir) {
        case 0: /* right */
            *g = (gk_pdf_glyph){cp, x, top, x + w, top + size, size, run};
            x += w;
            break;
        case 1: /* down, tops to the right */
            *g = (gk_pdf_glyph){cp, x - size, top, x, top + w, size, run};
            top += w;
            break;
        default: /* left, upside down: x is the right edge, top the bottom */
            *g = (gk_pdf_glyph){cp, x - w, top - size, x, top, size, run};
            x -= w;
            break;
        }
    }
}

static void assert_layout(glyphs *gs, const char *want)
{
    gk_buf out = {0};
    assert_int_equal(gk_pdf_layout_page(&out, gs->g, gs->n, PAGE_W, PAGE_H), GK_OK);
    assert_non_null(out.data);
    assert_string_equal(out.data, want);
    gk_buf_free(&out);
}

static void test_layout_gaps(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* Gaps in font sizes: CJK pairs join up to two widths, then a tab. */
    set_run(&gs, "合", 100, 100, 10, 0, 0);
    set_run(&gs, "计", 125, 100, 10, 0, 0);  /* 1.5 */
    set_run(&gs, "总", 100, 120, 10, 0, 1);
    set_run(&gs, "数", 135, 120, 10, 0, 1);  /* 2.5 */
    set_run(&gs, "共", 100, 140, 10, 0, 2);
    set_run(&gs, "5", 113, 140, 10, 0, 2);   /* 0.3 next to CJK: nothing */
    set_run(&gs, "件", 124, 140, 10, 0, 2);   /* 0.6: a space */
    set_run(&gs, "ab", 100, 160, 10, 0, 3);
    set_run(&gs, "cd", 111, 160, 10, 0, 3);  /* 0.1 */
    set_run(&gs, "ef", 123, 160, 10, 0, 3);  /* 0.2 */
    set_run(&gs, "12", 100, 180, 10, 0, 4);
    set_run(&gs, "34", 119, 180, 10, 0, 4);  /* 0.9: a space */
    set_run(&gs, "56", 139, 180, 10, 0, 4);  /* 1.0: two digit widths */
    assert_layout(&gs, "合计\n总\t数\n共5 件\nabcd ef\n12 34\t56\n");
}

static void test_layout_fake_bold_and_superscript(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* Bold faked by drawing the heading three times, slightly shifted. */
    set_run(&gs, "二、主动公开", 100, 100, 16, 0, 0);
    set_run(&gs, "二、主动公开", 100.4, 100, 16, 0, 1);
    set_run(&gs, "二、主动公开", 100.4, 100.4, 16, 0, 2);
    /* A footnote mark, smaller and raised, stays on its line. */
    set_run(&gs, "注", 100, 124, 12, 0, 3);
    set_run(&gs, "1", 112, 124.5, 7, 0, 3);
    set_run(&gs, "见附表", 116, 124, 12, 0, 3);
    assert_layout(&gs, "二、主动公开\n注1见附表\n");
}

static void test_layout_blank_line(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* 12-point lines 18 points apart, then a gap of 30 points. */
    set_run(&gs, "第一行", 100, 100, 12, 0, 0);
    set_run(&gs, "第二行", 100, 118, 12, 0, 1);
    set_run(&gs, "新段落", 100, 160, 12, 0, 2);
    assert_layout(&gs, "第一行\n第二行\n\n新段落\n");
}

static void test_layout_directions(void **state)
{
    (void)state;
    glyphs up = {.n = 0};
    /* Upside down: lines run right to left, the first one lowest. */
    set_run(&up, "第一行", 500, 700, 12, 2, 0);
    set_run(&up, "第二行", 500, 680, 12, 2, 1);
    assert_layout(&up, "第一行\n第二行\n");

    glyphs mixed = {.n = 0};
    /* Upright lines 60 points apart, and a label running down the margin
     * beside the first two: the label stays whole, on a line of its own
     * placed by its middle. */
    set_run(&mixed, "第一行", 100, 100, 12, 0, 0);
    set_run(&mixed, "第二行", 100, 160, 12, 0, 1);
    set_run(&mixed, "第三行", 100, 220, 12, 0, 2);
    set_run(&mixed, "侧栏标签", 40, 100, 12, 1, 3);  /* 100 to 148 */
    assert_layout(&mixed, "第一行\n侧栏标签\n第二行\n\n第三行\n");
}

static void test_layout_page_numbers_in_margins_only(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    set_run(&gs, "1", 290, 20, 10, 0, 0);          /* header zone */
    set_run(&gs, "报告标题", 100, 60, 16, 0, 1);
    set_run(&gs, "7", 290, 400, 10, 0, 2);         /* mid-page */
    set_run(&gs, "-1-", 280, 800, 10, 0, 3);       /* footer zone */
    assert_layout(&gs, "报告标题\n\n7\n");
}

/* A PDF whose page tree's /Count lies (0, or fewer pages than it holds):
 * every page there is is read, where the text used to be lost under "no
 * text layer (scanned images?)". */
static void test_page_count_that_lies(void **state)
{
    (void)state;
    static const char *const lies[] = {"/Count 0 ", "/Count 1 "};
    for (size_t k = 0; k < 2; k++) {
        pdf_doc d = {0};
        pdf_page(&d, 0);
        pdf_text(&d, 72, 700, 12, "第一页的正文");
        pdf_page(&d, 0);
        pdf_text(&d, 72, 700, 12, "第二页的正文");
        size_t len;
        char *bytes = pdf_bytes(&d, &len);
        char *count = NULL;
        for (char *p = bytes; p + 9 <= bytes + len; p++)
            if (memcmp(p, "/Count 2 ", 9) == 0)
                count = p;
        assert_non_null(count);
        memcpy(count, lies[k], 9); /* the same length: offsets stay right */
        char *text = text_of_n(bytes, len);
        assert_non_null(strstr(text, "第一页的正文"));
        assert_non_null(strstr(text, "第二页的正文"));
        free(text);
        free(bytes);
    }
}

int main(void)
{
    /* Would make GLib print poppler's messages; gk_pdf_to_text must not. */
    setenv("G_MESSAGES_DEBUG", "all", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_fragment),
        cmocka_unit_test(test_page_count_that_lies),
        cmocka_unit_test(test_table_row_cells_are_tabs),
        cmocka_unit_test(test_drawing_order_does_not_matter),
        cmocka_unit_test(test_word_gaps),
        cmocka_unit_test(test_page_numbers_dropped),
        cmocka_unit_test(test_rotated_page),
        cmocka_unit_test(test_sideways_table),
        cmocka_unit_test(test_pages_in_order),
        cmocka_unit_test(test_not_a_pdf),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_encrypted),
        cmocka_unit_test(test_no_text_layer),
        cmocka_unit_test(test_too_many_pages),
        cmocka_unit_test(test_bounded_memory),
        cmocka_unit_test(test_damage_is_quiet),
        cmocka_unit_test(test_page_number_lines),
        cmocka_unit_test(test_layout_gaps),
        cmocka_unit_test(test_layout_fake_bold_and_superscript),
        cmocka_unit_test(test_layout_blank_line),
        cmocka_unit_test(test_layout_directions),
        cmocka_unit_test(test_layout_page_numbers_in_margins_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_html.c - gk_html_to_text, gk_html_declared_charset, gk_html_sniff. */
#include "gk_test.h"

#include <stdlib.h>
#include <string.h>

#include "gk_html.h"
#include "gk_utf8.h"
#include "../indexer/read/html_entities.h" /* private to read */

/* The text of html[0..len), checked for the invariants of every result:
 * success, NUL-terminated at out_len, valid UTF-8, no blank line at either
 * end, never two blank lines in a row, no trailing spaces. */
static char *text_of_n(const char *html, size_t len)
{
    char *out = NULL, *err = NULL;
    size_t n = 12345;
    /* An exact-size heap copy, so that the sanitizers see any overread. */
    char *copy = malloc(len > 0 ? len : 1);
    assert_non_null(copy);
    if (len > 0)
        memcpy(copy, html, len);
    gk_status st = gk_html_to_text(&out, &n, copy, len, &err);
    free(copy);
    if (st != GK_OK)
        fail_msg("gk_html_to_text: %d %s", (int)st, err ? err : "(no message)");
    assert_null(err);
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    assert_true(gk_utf8_valid(out, n));
    assert_null(strstr(out, "\n\n\n"));
    if (n > 0) {
        assert_true(out[0] != '\n');
        assert_true(out[n - 1] == '\n');
        assert_true(n < 2 || out[n - 2] != '\n');
    }
    assert_null(strstr(out, " \n"));
    return out;
}

static char *text_of(const char *html)
{
    return text_of_n(html, strlen(html));
}

static void assert_text(const char *html, const char *want)
{
    char *got = text_of(html);
    assert_string_equal(got, want);
    free(got);
}

/* ---- gk_html_to_text ----------------------------------------------------- */

static void test_body_only(void **state)
{
    (void)state;
    const char *page =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
        "<meta charset=\"utf-8\">\n<title>页面标题TITLE</title>\n"
        "<style>.x { color: red }</style>\n"
        "<script>var s = '<p>脚本SCRIPT</p>';</script>\n</head>\n"
        "<body>\n<nav><a href=\"/\">首页</a> &gt; <a>政务公开NAV</a></nav>\n"
        "<noscript>请启用NOSCRIPT</noscript>\n"
        "<h1>龙田镇人民政府2021年政府信息公开工作年度报告</h1>\n"
        "<p>一、总体情况</p>\n"
        "<button>打印BUTTON</button><select><option>字体OPTION</option></select>\n"
        "</body>\n</html>\n";
    char *t = text_of(page);
    assert_string_equal(t, "龙田镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n");
    free(t);
}

static void test_no_body_tag_drops_head(void **state)
{
    (void)state;
    assert_text("<html><head><title>TITLE</title></head><p>正文</p></html>", "正文\n");
    assert_text("just text, no tags", "just text, no tags\n");
}

static void test_paragraphs_and_breaks(void **state)
{
    (void)state;
    assert_text("<body><p>第一段   第一行\n  继续</p><p>第二段</p>"
                "<div>甲<br>乙<br/><br><br><br>丙</div></body>",
                "第一段 第一行 继续\n第二段\n甲\n乙\n\n丙\n");
    /* Inline markup does not break lines; white space around it collapses. */
    assert_text("<p>  共收到 <b>申请</b>  <span>16</span>件 </p>", "共收到 申请 16件\n");
    /* Tag names are case-insensitive. */
    assert_text("<P>a<BR>b</P><DIV>c</DIV><SCRIPT>x</SCRIPT>", "a\nb\nc\n");
    /* As in a browser, a <br> after a block is an empty line. */
    assert_text("<p>a</p><br><p>b</p>", "a\n\nb\n");
}

static void test_table_rows_and_colspan(void **state)
{
    (void)state;
    const char *table =
        "<table border=1>\n"
        "<tr><th colspan=\"3\">申请人情况</th><th>总计</th></tr>\n"
        "<tr><td>自然人</td><td>商业企业</td><td>其他</td><td></td></tr>\n"
        "<tr>\n <td>16</td>\n <td>0</td>\n <td>2</td>\n <td>18</td>\n</tr>\n"
        "</table>";
    assert_text(table, "申请人情况\t\t\t总计\n自然人\t商业企业\t其他\t\n16\t0\t2\t18\n");
}

static void test_word_table_cells_stay_on_one_line(void **state)
{
    (void)state;
    /* Word wraps every cell in <p>; a header broken over two lines. */
    const char *table =
        "<table class=MsoNormalTable><tbody>"
        "<tr><td><p class=MsoNormal><span>信息内容</span></p></td>"
        "<td><p>本年新<br>制作数量</p></td><td><p>本年新</p><p>公开数量</p></td></tr>"
        "<tr><td><p>规章</p></td><td><p>0</p></td><td><p>1</p></td></tr>"
        "</tbody></table><p>（二）</p>";
    assert_text(table, "信息内容\t本年新 制作数量\t本年新 公开数量\n规章\t0\t1\n（二）\n");
}

static void test_nested_tables(void **state)
{
    (void)state;
    /* A layout table holding the report and its data table. */
    const char *page =
        "<table><tr><td>首页</td><td>"
        "<p>一、总体情况</p><p>本年共公开信息。</p>"
        "<table><tr><td>收到申请</td><td>16</td></tr>"
        "<tr><td>办结</td><td>15</td></tr></table>"
        "<p>五、存在的主要问题</p>"
        "</td></tr></table>";
    assert_text(page, "首页\n一、总体情况\n本年共公开信息。\n收到申请\t16\n办结\t15\n"
                      "五、存在的主要问题\n");
    /* Unclosed cells and rows, nested deeply. */
    char *t = text_of("<table><tr><td>a<table><tr><td>b<table><td>c<td>d"
                      "<tr><td>e</table>f</table>g");
    assert_non_null(strstr(t, "c\td\n"));
    assert_non_null(strstr(t, "\ne\n"));
    assert_non_null(strchr(t, 'g'));
    free(t);
}

static void test_character_references(void **state)
{
    (void)state;
    assert_text("<p>a&nbsp;b&ldquo;公开&rdquo;&#20013;&#x6587;&amp;lt;&mdash;&yen;5</p>",
                "a b\xE2\x80\x9C公开\xE2\x80\x9D中文&lt;\xE2\x80\x94\xC2\xA5" "5\n");
    /* Invalid numeric references become U+FFFD. */
    assert_text("&#0;|&#xD800;|&#x110000;|&#99999999999;",
                "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD\n");
    /* Unknown or incomplete ones stay as written; legacy ones need no ';'. */
    assert_text("&foo; &#x; &#; a&b &copy2021 &nbsp", "&foo; &#x; &#; a&b \xC2\xA9" "2021\n");
    /* Windows-1252 meanings of C1 references, as in browsers. */
    assert_text("&#150;&#8211;", "\xE2\x80\x93\xE2\x80\x93\n");
    assert_true(gk_html_entities_sorted());
}

static void test_comments_dropped(void **state)
{
    (void)state;
    assert_text("a<!-- 注释 <p>不是正文</p> -->b", "ab\n");
    assert_text("<p>a</p><!--[if gte mso 9]><xml>x</xml><![endif]--><p>b</p>", "a\nb\n");
    assert_text("a<!---->b<!-->c", "abc\n");
    assert_text("<?xml version=\"1.0\"?><p>a<![CDATA[x>y]]>b</p>", "ab\n");
}

static void test_pre_keeps_white_space(void **state)
{
    (void)state;
    assert_text("<p>before</p><pre>\n  2021年   收到  16件\n\n\n\tend  </pre><p>after</p>",
                "before\n  2021年   收到  16件\n\n\tend\nafter\n");
}

static void test_malformed_input(void **state)
{
    (void)state;
    assert_text("<", "<\n");
    assert_text("a < b and c<5", "a < b and c<5\n");
    assert_text("text<tab", "text\n");
    assert_text("<!--", "");
    assert_text("x<!-- never closed <p>y</p>", "x\n");
    assert_text("&#x", "&#x\n");
    assert_text("<script>alert('<p>x</p>')", "");
    assert_text("<p>a</p><style", "a\n");
    assert_text("<a title='1>2' href=\"x>y\">链接</a>后", "链接后\n");
    assert_text("<p>unclosed<div>still here", "unclosed\nstill here\n");
    assert_text("</p></div></table>text</td></tr>", "text\n");
    assert_text("<td>stray cell</td>", "stray cell\n");
    assert_text("</", "</\n");
    assert_text("<p class=\"unterminated>a</p>", "");
}

static void test_truncated_everywhere(void **state)
{
    (void)state;
    const char *page =
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title>"
        "<script>if (a < b) {}</script></head><body><!-- c -->"
        "<table><tr><td colspan=\"2\">申请&nbsp;人</td></tr><tr><td>1</td><td>2</td></tr>"
        "</table><pre>\n x </pre><p>&#x4e2d;&ldquo;文&amp;</p><xmp><b></xmp>"
        "<![CDATA[z]]><svg><text>s</text></svg>end</body></html>";
    size_t len = strlen(page);
    for (size_t cut = 0; cut <= len; cut++) {
        char *t = text_of_n(page, cut);
        free(t);
    }
    char *full = text_of_n(page, len);
    assert_string_equal(full, "申请 人\n1\t2\n x\n中“文&\n<b>\nend\n");
    free(full);
}

static void test_invalid_utf8_input_gives_valid_output(void **state)
{
    (void)state;
    assert_text("<p>a\xFF" "b\xE4\xB8</p>", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\n");
}

static void test_large_unclosed_input(void **state)
{
    (void)state;
    /* Deeply nested and never closed: must stay fast and readable. */
    size_t reps = 20000;
    const char *unit = "<div><td><tr><table><li>x";
    size_t ulen = strlen(unit);
    char *page = malloc(reps * ulen + 1);
    assert_non_null(page);
    for (size_t k = 0; k < reps; k++)
        memcpy(page + k * ulen, unit, ulen);
    page[reps * ulen] = '\0';
    char *t = text_of(page);
    assert_int_equal(gk_test_count_lines(t), reps);
    free(t);
    free(page);
}

/* ---- gk_html_declared_charset -------------------------------------------- */

static void assert_charset(const char *html, const char *want)
{
    char cs[32];
    memset(cs, 'X', sizeof cs);
    if (want == NULL) {
        assert_int_equal(gk_html_declared_charset(html, strlen(html), cs, sizeof cs), 0);
        return;
    }
    assert_int_equal(gk_html_declared_charset(html, strlen(html), cs, sizeof cs), 1);
    assert_string_equal(cs, want);
}

static void test_declared_charset(void **state)
{
    (void)state;
    assert_charset("<html><head><meta charset=\"GB2312\"></head>", "gb2312");
    assert_charset("<META CHARSET=utf-8>", "utf-8");
    assert_charset("<meta charset='gbk' />", "gbk");
    assert_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">",
                   "gb2312");
    assert_charset("<META HTTP-EQUIV=Content-Type CONTENT='text/html;charset=gbk'>", "gbk");
    assert_charset("<meta content=\"text/html; charset=big5\" http-equiv=\"content-type\">",
                   "big5");
    assert_charset("<meta name=\"keywords\" content=\"公开\"><title>x</title>", NULL);
    assert_charset("<!-- <meta charset=\"big5\"> --><meta charset=\"utf-8\">", "utf-8");
    assert_charset("plain text, charset=gbk", NULL);
    assert_charset("", NULL);

    /* Not found beyond the first 4 KiB. */
    size_t pad = 5000;
    const char *meta = "<meta charset=\"gbk\">";
    char *late = malloc(pad + strlen(meta) + 1);
    assert_non_null(late);
    memset(late, ' ', pad);
    strcpy(late + pad, meta);
    assert_charset(late, NULL);
    free(late);

    /* Does not fit. */
    char small[4];
    const char *g = "<meta charset=\"gb2312\">";
    assert_int_equal(gk_html_declared_charset(g, strlen(g), small, sizeof small), 0);
}

/* ---- gk_html_sniff --------------------------------------------------------- */

static void test_sniff(void **state)
{
    (void)state;
    const char *yes[] = {
        "<!DOCTYPE html><html>", "  \n<html lang=zh>", "\xEF\xBB\xBF<HTML>",
        "<head><meta charset=gbk>", "<body>x</body>",
        "<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">",
        "<?xml version=\"1.0\"?>\n<!-- saved -->\n<html>",
        "<meta http-equiv=\"Content-Type\" content=\"text/html\"><div>",
        "\n<title>报告</title>",
    };
    const char *no[] = {
        "龙田镇人民政府2021年政府信息公开工作年度报告\n共收到申请<5件，全部办结。\n",
        "", "   ", "<htmlx>", "a <html> tag mentioned in text",
    };
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++)
        if (!gk_html_sniff(yes[k], strlen(yes[k])))
            fail_msg("not sniffed as HTML: %s", yes[k]);
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (gk_html_sniff(no[k], strlen(no[k])))
            fail_msg("sniffed as HTML: %s", no[k]);
    const char le[] = "\xFF\xFE<\0h\0t\0m\0l\0>\0";
    assert_true(gk_html_sniff(le, sizeof le - 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_only),
        cmocka_unit_test(test_no_body_tag_drops_head),
        cmocka_unit_test(test_paragraphs_and_breaks),
        cmocka_unit_test(test_table_rows_and_colspan),
        cmocka_unit_test(test_word_table_cells_stay_on_one_line),
        cmocka_unit_test(test_nested_tables),
        cmocka_unit_test(test_character_references),
        cmocka_unit_test(test_comments_dropped),
        cmocka_unit_test(test_pre_keeps_white_space),
        cmocka_unit_test(test_malformed_input),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_invalid_utf8_input_gives_valid_output),
        cmocka_unit_test(test_large_unclosed_input),
        cmocka_unit_test(test_declared_charset),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_docx.c - gk_docx_to_text and gk_docx_sniff on Word documents built
 * in memory (gk_fixtures.h): paragraphs, tables, list numbers, revisions, text
 * boxes, and damaged, truncated, oversized and hostile archives. */
#define _POSIX_C_SOURCE 200809L /* fileno, dup */
#include "gk_test.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "gk_docx.h"
#include "gk_fixtures.h"
#include "gk_report.h"
#include "gk_rules.h"
#include "gk_text.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* ---- building documents (gk_fixtures.h builds the archives) ------------------ */

#define XML_DECL GK_TEST_XML_DECL
#define NAMESPACES GK_TEST_DOCX_NAMESPACES
#define DOC(body) XML_DECL "<w:document " NAMESPACES "><w:body>" body \
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
/* A paragraph of one run. */
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
/* A paragraph in list num at level ilvl. */
#define NP(num, ilvl, text)                                                        \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #ilvl "\"/><w:numId w:val=\"" #num \
    "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
/* A paragraph in a paragraph style. */
#define SP(style, text) \
    "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc>" P(text) "</w:tc>"
#define TC_PR(pr, text) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(text) "</w:tc>"
#define TC_EMPTY(pr) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p/></w:tc>"
#define SPAN(n) "<w:gridSpan w:val=\"" #n "\"/>"
#define VMERGE_START "<w:vMerge w:val=\"restart\"/>"
#define VMERGE "<w:vMerge/>"

/* gk_docx_to_text on an exact-size heap copy of bytes, so that the
 * sanitizers see any overread. */
static gk_status convert(const char *bytes, size_t len, char **text, size_t *text_len,
                         char **err)
{
    char *copy = malloc(len > 0 ? len : 1);
    assert_non_null(copy);
    if (len > 0)
        memcpy(copy, bytes, len);
    *text = (char *)"untouched";
    *err = NULL;
    gk_status st = gk_docx_to_text(text, text_len, copy, len, err);
    free(copy);
    return st;
}

/* Expect a failure with this status and a message containing `want`. */
static void expect_failure(const char *bytes, size_t len, gk_status status,
                           const char *want)
{
    char *text, *err;
    size_t n = 7;
    gk_status st = convert(bytes, len, &text, &n, &err);
    if (st != status)
        fail_msg("status %d, expected %d (%s)", (int)st, (int)status, err ? err : "no message");
    assert_null(text);
    assert_int_equal(n, 0);
    assert_non_null(err);
    if (strstr(err, want) == NULL)
        fail_msg("message '%s' does not say '%s'", err, want);
    free(err);
}

/* The text of a .docx, checked for the invariants of every result:
 * success, NUL-terminated at its length, valid UTF-8, no blank line at
 * either end or two in a row, no trailing spaces, a final newline. */
static char *text_of(const char *document, const char *numbering, const char *styles)
{
    size_t len;
    char *bytes = gk_test_docx_of(document, numbering, styles, &len);
    char *text, *err;
    size_t n = 12345;
    gk_status st = convert(bytes, len, &text, &n, &err);
    free(bytes);
    if (st != GK_OK)
        fail_msg("gk_docx_to_text: %d %s", (int)st, err ? err : "(no message)");
    assert_null(err);
    assert_non_null(text);
    assert_int_equal(strlen(text), n);
    assert_true(gk_utf8_valid(text, n));
    assert_null(strstr(text, "\n\n\n"));
    assert_null(strstr(text, " \n"));
    if (n > 0) {
        assert_true(text[0] != '\n');
        assert_true(text[n - 1] == '\n');
        assert_true(n < 2 || text[n - 2] != '\n');
    }
    return text;
}

static void assert_text(const char *document, const char *want)
{
    char *got = text_of(document, NULL, NULL);
    assert_string_equal(got, want);
    free(got);
}

static uint32_t le16(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint32_t)u[0] | (uint32_t)u[1] << 8;
}

static uint32_t le32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

static void put_le32(char *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (char)(v >> (8 * k) & 0xFF);
}

/* Offset of the local header of part `name` in a ZIP archive, found through
 * its central directory entry; *central receives that entry's offset. */
static size_t local_header(const char *zip, size_t len, const char *name, size_t *central)
{
    size_t nlen = strlen(name);
    for (size_t i = 0; i + 46 + nlen <= len; i++) {
        if (memcmp(zip + i, "PK\1\2", 4) != 0 || le16(zip + i + 28) != nlen ||
            memcmp(zip + i + 46, name, nlen) != 0)
            continue;
        size_t local = le32(zip + i + 42);
        assert_true(local + 30 <= len);
        assert_memory_equal(zip + local, "PK\3\4", 4);
        assert_int_equal(le16(zip + local + 6) & 8, 0); /* sizes in the header */
        *central = i;
        return local;
    }
    fail_msg("no %s in the archive", name);
    return 0;
}

/* Make the archive claim that part `name` unpacks to `size` bytes. */
static void set_declared_size(char *zip, size_t len, const char *name, uint32_t size)
{
    size_t central;
    size_t local = local_header(zip, len, name, &central);
    put_le32(zip + central + 24, size);
    put_le32(zip + local + 22, size);
}

/* ---- paragraphs --------------------------------------------------------------- */

static void test_paragraphs(void **state)
{
    (void)state;
    const char *doc = DOC(
        P("2021年政府信息公开工作年度报告")
        "<w:p/>"
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>"
        "<w:p><w:r><w:t>根据</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
        "<w:t xml:space=\"preserve\">《条例》 </w:t></w:r><w:r><w:t>规定。</w:t></w:r></w:p>"
        P("　　缩进的段落")
        "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br/><w:br/><w:br/>"
        "<w:t>第三行</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>收到申请</w:t><w:tab/><w:t>16件</w:t></w:r></w:p>"
        "<w:p><w:r><w:tab/><w:t>前有制表符</w:t><w:tab/></w:r></w:p>"
        "<w:p><w:r><w:t>电话0571</w:t><w:noBreakHyphen/><w:t>12345</w:t>"
        "<w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>"
        "<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r></w:p>"
        "<w:p><w:hyperlink w:anchor=\"x\"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>"
        "<w:sdt><w:sdtPr><w:alias w:val=\"不是正文\"/></w:sdtPr><w:sdtContent><w:r>"
        "<w:t>控件文字</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>可见</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>分页前</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r>"
        "<w:r><w:t>分页后</w:t></w:r></w:p>"
        P("A &amp; B&#160;&#160;&#20013; &lt;"));
    assert_text(doc,
                "2021年政府信息公开工作年度报告\n"
                "根据《条例》 规定。\n"
                "缩进的段落\n"
                "第一行\n第二行\n\n第三行\n"
                "收到申请\t16件\n"
                "前有制表符\n"
                "电话0571-12345\n"
                "第3页\n"
                "链接文字控件文字\n"
                "可见\n"
                "分页前\n分页后\n"
                "A & B 中 <\n");
}

static void test_empty_body(void **state)
{
    (void)state;
    size_t len;
    char *bytes = gk_test_docx_of(DOC("<w:p/><w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>"),
                          NULL, NULL, &len);
    char *text, *err;
    assert_int_equal(convert(bytes, len, &text, NULL, &err), GK_OK);
    assert_string_equal(text, "");
    free(text);
    free(bytes);
}

static void test_strict_namespace(void **state)
{
    (void)state;
    assert_text(XML_DECL "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
                "<w:body>" P("严格格式") "</w:body></w:document>",
                "严格格式\n");
}

/* ---- a report ----------------------------------------------------------------- */

/* The section ids the report parser finds in text, as the indexer would
 * run it: normalised, then parsed. */
static void expect_sections(void **state, const char *text, const char *want)
{
    gk_report *r = gk_test_rules_parse(*state, text);
    gk_buf ids = {0};
    for (size_t i = 0; i < r->nsections; i++)
        assert_int_equal(gk_buf_printf(&ids, "%s%s", i ? " " : "", r->sections[i].id), GK_OK);
    if (strcmp(ids.data, want) != 0)
        fail_msg("sections '%s', expected '%s'", ids.data, want);
    gk_buf_free(&ids);
    gk_report_free(r);
}

#define ALL_SECTIONS "preamble overview proactive requests review_litigation problems other"

static void test_report(void **state)
{
    const char *doc = DOC(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>某镇人民政府</w:t></w:r>"
        "<w:r><w:t>2021年政府信息公开工作年度报告</w:t></w:r></w:p>"
        P("一、总体情况")
        P("　　2021年，某镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。")
        P("（一）主动公开")
        P("本年主动公开政府信息120条。")
        P("二、主动公开政府信息情况")
        "<w:tbl><w:tr>" TC("信息内容") TC("本年新制作数量") "</w:tr>"
        "<w:tr>" TC("规章") TC("0") "</w:tr></w:tbl>"
        P("三、收到和处理政府信息公开申请情况")
        P("四、政府信息公开行政复议、行政诉讼情况")
        P("五、存在的主要问题及改进情况")
        P("公开内容不够全面。")
        P("六、其他需要报告的事项")
        P("无。"));
    char *text = text_of(doc, NULL, NULL);
    assert_string_equal(text,
                        "某镇人民政府2021年政府信息公开工作年度报告\n"
                        "一、总体情况\n"
                        "2021年，某镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
                        "（一）主动公开\n"
                        "本年主动公开政府信息120条。\n"
                        "二、主动公开政府信息情况\n"
                        "信息内容\t本年新制作数量\n"
                        "规章\t0\n"
                        "三、收到和处理政府信息公开申请情况\n"
                        "四、政府信息公开行政复议、行政诉讼情况\n"
                        "五、存在的主要问题及改进情况\n"
                        "公开内容不够全面。\n"
                        "六、其他需要报告的事项\n"
                        "无。\n");
    expect_sections(state, text, ALL_SECTIONS);
    free(text);
}

/* ---- tables ------------------------------------------------------------------- */

static void test_statistics_table(void **state)
{
    (void)state;
    /* The 2019 template's table of applications: 10 grid columns. */
    const char *doc = DOC(
        P("三、收到和处理政府信息公开申请情况")
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
        "<w:tblGrid><w:gridCol w:w=\"800\"/></w:tblGrid>"
        "<w:tr>"
        TC_PR(SPAN(3) VMERGE_START, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
        TC_PR(SPAN(7), "申请人情况")
        "</w:tr><w:tr>"
        TC_EMPTY(SPAN(3) VMERGE)
        TC_PR(VMERGE_START, "自然人")
        TC_PR(SPAN(5), "法人或其他组织")
        TC_PR(VMERGE_START, "总计")
        "</w:tr><w:tr>"
        TC_EMPTY(SPAN(3) VMERGE)
        TC_EMPTY(VMERGE)
        TC("商业企业") TC("科研机构") TC("社会公益组织") TC("法律服务机构") TC("其他")
        TC_PR(VMERGE, "总计")
        "</w:tr><w:tr>"
        TC_PR(SPAN(3), "一、本年新收政府信息公开申请数量")
        TC("16") TC("0") TC("0") TC("0") TC("0") TC("2") TC("18")
        "</w:tr></w:tbl>"
        P("四、政府信息公开行政复议、行政诉讼情况"));
    assert_text(doc,
                "三、收到和处理政府信息公开申请情况\n"
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\n"
                "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
                "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
                "一、本年新收政府信息公开申请数量\t\t\t16\t0\t0\t0\t0\t2\t18\n"
                "四、政府信息公开行政复议、行政诉讼情况\n");
}

static void test_cell_content(void **state)
{
    (void)state;
    const char *doc = DOC(
        "<w:tbl><w:tr>"
        "<w:tc>" P("本年新") P("制作数量") "</w:tc>"
        "<w:tc><w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tbl><w:tr>" TC("内表1") TC("内表2") "</w:tr><w:tr>" TC("内表3")
        "</w:tr></w:tbl><w:p/></w:tc>"
        "</w:tr><w:tr>" TC_EMPTY("") TC_EMPTY("") TC_EMPTY("") "</w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("规章") TC("0") "</w:tr>"
        "<w:sdt><w:sdtContent><w:tr>" TC("控件中的行") TC("5") "</w:tr></w:sdtContent></w:sdt>"
        "</w:tbl>");
    assert_text(doc,
                "本年新 制作数量\t甲 乙 丙\t内表1 内表2 内表3\n"
                "\t规章\t0\n"
                "控件中的行\t5\n");
}

static void test_layout_table(void **state)
{
    (void)state;
    /* One cell holding the whole report, with a data table inside. */
    const char *doc = DOC(
        "<w:tbl><w:tr><w:tc>"
        P("一、总体情况") P("本年共公开信息。")
        "<w:tbl><w:tr>" TC("收到申请") TC("16") "</w:tr><w:tr>" TC("办结") TC("15")
        "</w:tr></w:tbl>"
        P("二、主动公开")
        "</w:tc></w:tr></w:tbl>");
    assert_text(doc, "一、总体情况\n本年共公开信息。\n收到申请\t16\n办结\t15\n二、主动公开\n");
}

/* ---- list numbers --------------------------------------------------------------- */

#define NUMBERING(body) XML_DECL "<w:numbering " NAMESPACES ">" body "</w:numbering>"
#define LVL(ilvl, start, fmt, text, extra)                                          \
    "<w:lvl w:ilvl=\"" #ilvl "\"><w:start w:val=\"" #start "\"/><w:numFmt w:val=\"" \
    fmt "\"/><w:lvlText w:val=\"" text "\"/>" extra "</w:lvl>"
#define NOTHING "<w:suff w:val=\"nothing\"/>"

/* The usual outline of a report: 一、 (一) 1. */
static const char report_outline[] = NUMBERING(
    "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>"
    LVL(0, 1, "chineseCounting", "%1、", NOTHING)
    LVL(1, 1, "chineseCounting", "（%2）", NOTHING)
    LVL(2, 1, "decimal", "%3.", "")
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");

static void test_numbered_headings(void **state)
{
    const char *doc = DOC(
        P("某镇人民政府2021年政府信息公开工作年度报告")
        NP(1, 0, "总体情况")
        P("2021年，本镇认真贯彻落实条例。")
        NP(1, 1, "主动公开")
        NP(1, 2, "本年主动公开信息120条。")
        NP(1, 2, "本年更新信息20条。")
        NP(1, 1, "依申请公开")
        NP(1, 2, "收到申请16件。")
        NP(1, 0, "主动公开政府信息情况")
        NP(1, 1, "规章")
        NP(1, 0, "收到和处理政府信息公开申请情况")
        NP(1, 0, "政府信息公开行政复议、行政诉讼情况")
        NP(1, 0, "存在的主要问题及改进情况")
        P("问题。")
        NP(1, 0, "其他需要报告的事项")
        P("无。"));
    char *text = text_of(doc, report_outline, NULL);
    assert_string_equal(text,
                        "某镇人民政府2021年政府信息公开工作年度报告\n"
                        "一、总体情况\n"
                        "2021年，本镇认真贯彻落实条例。\n"
                        "（一）主动公开\n"
                        "1. 本年主动公开信息120条。\n"
                        "2. 本年更新信息20条。\n"
                        "（二）依申请公开\n"
                        "1. 收到申请16件。\n"
                        "二、主动公开政府信息情况\n"
                        "（一）规章\n"
                        "三、收到和处理政府信息公开申请情况\n"
                        "四、政府信息公开行政复议、行政诉讼情况\n"
                        "五、存在的主要问题及改进情况\n"
                        "问题。\n"
                        "六、其他需要报告的事项\n"
                        "无。\n");
    expect_sections(state, text, ALL_SECTIONS);
    free(text);

    /* Without numbering.xml the same document has no numbers. */
    text = text_of(doc, NULL, NULL);
    assert_non_null(strstr(text, "\n总体情况\n"));
    assert_null(strstr(text, "一、"));
    free(text);
}

static void test_chinese_counting_past_ten(void **state)
{
    (void)state;
    gk_buf doc = {0};
    assert_int_equal(gk_buf_adds(&doc, XML_DECL "<w:document " NAMESPACES "><w:body>"), GK_OK);
    for (int k = 1; k <= 21; k++)
        assert_int_equal(gk_buf_printf(&doc, NP(1, 0, "第%d段"), k), GK_OK);
    assert_int_equal(gk_buf_adds(&doc, "</w:body></w:document>"), GK_OK);
    char *text = text_of(doc.data, report_outline, NULL);
    assert_non_null(strstr(text, "\n九、第9段\n十、第10段\n十一、第11段\n"));
    assert_non_null(strstr(text, "\n十九、第19段\n二十、第20段\n二十一、第21段\n"));
    free(text);
    gk_buf_free(&doc);
}

static void test_numbering_rules(void **state)
{
    (void)state;
    const char *numbering = NUMBERING(
        "<w:abstractNum w:abstractNumId=\"0\">"
        LVL(0, 1, "chineseCounting", "%1、", NOTHING) "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"1\">"
        "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl>"
        "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"2\">"
        LVL(0, 1, "hebrew1", "%1.", "") "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"3\">"
        LVL(0, 1, "chineseCountingThousand", "第%1部分", "<w:suff w:val=\"space\"/>"
            "<w:pStyle w:val=\"Heading1\"/>")
        LVL(1, 9, "decimal", "%1.%2", "<w:isLgl/><w:pStyle w:val=\"Heading2\"/>")
        LVL(2, 1, "upperRoman", "%3)", "<w:lvlRestart w:val=\"1\"/><w:pStyle w:val=\"Heading3\"/>")
        "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"4\">"
        LVL(0, 1, "ideographTraditional", "%1.", NOTHING)
        LVL(1, 1, "decimalEnclosedCircle", "%2", NOTHING)
        LVL(2, 3, "lowerLetter", "(%3)", NOTHING) "</w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
        "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/>"
        "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"3\"/></w:num>"
        "<w:num w:numId=\"7\"><w:abstractNumId w:val=\"4\"/></w:num>");
    const char *styles = XML_DECL "<w:styles " NAMESPACES ">"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
        "<w:name w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/>"
        "<w:pPr><w:numPr><w:numId w:val=\"6\"/></w:numPr></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:basedOn w:val=\"Heading1\"/>"
        "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:basedOn w:val=\"Heading1\"/>"
        "</w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Plain\"><w:basedOn w:val=\"Heading1\"/>"
        "<w:pPr><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr></w:style>"
        "</w:styles>";
    const char *doc = DOC(
        /* Lists sharing a definition share counters, unless one restarts. */
        NP(1, 0, "甲") NP(4, 0, "乙") NP(5, 0, "丙") NP(5, 0, "丁") NP(1, 0, "戊")
        /* Bullets, unsupported formats and unknown lists give no number. */
        NP(2, 0, "要点") NP(3, 0, "希伯来") NP(99, 0, "无此列表")
        /* Numbers from styles: the level from the style or tied to it;
         * isLgl writes every level in decimal; level 2 restarts only after
         * level 0 (w:lvlRestart 1). */
        SP("Heading1", "概述") SP("Heading2", "子项") SP("Heading3", "细目")
        SP("Heading2", "又一子项") SP("Heading3", "又一细目")
        SP("Plain", "不编号") SP("Heading1", "情况") SP("Heading3", "新细目")
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
        "</w:pPr><w:r><w:t>去掉编号</w:t></w:r></w:p>"
        /* Other formats; a level's start value. */
        NP(7, 0, "天干") NP(7, 1, "圆圈") NP(7, 1, "圆圈二") NP(7, 2, "字母")
        NP(7, 0, "天干二"));
    char *text = text_of(doc, numbering, styles);
    assert_string_equal(text,
                        "一、甲\n二、乙\n一、丙\n二、丁\n三、戊\n"
                        "要点\n希伯来\n无此列表\n"
                        "第一部分 概述\n1.9 子项\nI) 细目\n1.10 又一子项\nII) 又一细目\n"
                        "不编号\n第二部分 情况\nI) 新细目\n去掉编号\n"
                        "甲.天干\n①圆圈\n②圆圈二\n(c)字母\n乙.天干二\n");
    free(text);

    /* A numbering.xml that is not XML costs the numbers, not the text. */
    text = text_of(doc, "<w:numbering", styles);
    assert_non_null(strstr(text, "\n概述\n"));
    free(text);
}

/* ---- revisions, text boxes ------------------------------------------------------- */

static void test_revisions(void **state)
{
    (void)state;
    const char *doc = DOC(
        "<w:p><w:r><w:t>本年共收到申请</w:t></w:r>"
        "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>15</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>16</w:t></w:r></w:ins>"
        "<w:r><w:t>件。</w:t></w:r></w:p>"
        "<w:p><w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>移走的句子。</w:t></w:r></w:moveFrom>"
        "<w:r><w:t>保留。</w:t></w:r>"
        "<w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>移来的句子。</w:t></w:r></w:moveTo></w:p>"
        "<w:p><w:del w:id=\"5\" w:author=\"a\"><w:r><w:delText>整段删除</w:delText></w:r></w:del></w:p>"
        "<w:tbl><w:tr><w:trPr><w:del w:id=\"6\" w:author=\"a\"/></w:trPr>" TC("删除的行") TC("9")
        "</w:tr><w:tr><w:trPr><w:ins w:id=\"7\" w:author=\"a\"/></w:trPr>" TC("插入的行") TC("1")
        "</w:tr><w:tr>" TC("保留的行") TC("2") "</w:tr></w:tbl>");
    assert_text(doc, "本年共收到申请16件。\n保留。移来的句子。\n插入的行\t1\n保留的行\t2\n");
}

static void test_text_box_read_once(void **state)
{
    (void)state;
    const char *box =
        "<w:txbxContent>" P("文本框第一段") P("文本框第二段") "</w:txbxContent>";
    gk_buf doc = {0};
    /* the same text box in both branches */
    assert_int_equal(gk_buf_printf(&doc, DOC(
        "<w:p><w:r><w:t>正文前</w:t></w:r><w:r><mc:AlternateContent>"
        "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
        "<wps:wsp><wps:txbx>%s</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox>%s</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文后</w:t></w:r></w:p>"
        "<w:p><mc:AlternateContent><mc:Fallback><w:r><w:t>只有后备</w:t></w:r></mc:Fallback>"
        "</mc:AlternateContent></w:p>"), box, box), GK_OK);
    char *text = text_of(doc.data, NULL, NULL);
    assert_string_equal(text, "正文前\n文本框第一段\n文本框第二段\n正文后\n只有后备\n");
    free(text);
    gk_buf_free(&doc);
}

/* ---- what is not a Word document ------------------------------------------------ */

static void test_sniff(void **state)
{
    (void)state;
    size_t len;
    char *bytes = gk_test_docx_of(DOC(P("x")), NULL, NULL, &len);
    assert_true(gk_docx_sniff(bytes, len));
    assert_false(gk_docx_sniff(bytes, 3));
    free(bytes);
    assert_false(gk_docx_sniff(NULL, 0));
    assert_false(gk_docx_sniff("<html><body>x</body></html>", 27));
    assert_false(gk_docx_sniff("%PDF-1.7", 8));
}

static void test_not_a_zip(void **state)
{
    (void)state;
    const char *html = "<html><body><p>一、总体情况</p></body></html>";
    expect_failure(html, strlen(html), GK_EUNSUPPORTED, "not a ZIP archive");
    expect_failure("", 0, GK_EUNSUPPORTED, "not a ZIP archive");
    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
    expect_failure(ole, sizeof ole - 1, GK_EUNSUPPORTED, ".doc");
    char *text = NULL, *err = NULL;
    assert_int_equal(gk_docx_to_text(&text, NULL, NULL, 5, &err), GK_EUNSUPPORTED);
    assert_null(text);
    free(err);
    /* errmsg may be NULL */
    assert_int_equal(gk_docx_to_text(&text, NULL, "PK", 2, NULL), GK_EUNSUPPORTED);
}

static void test_zip_without_document(void **state)
{
    (void)state;
    const char other[] = "<x/>";
    gk_test_part parts[] = {{"[Content_Types].xml", gk_test_docx_content_types,
                             strlen(gk_test_docx_content_types)},
                    {"word/other.xml", other, sizeof other - 1},
                    {"document.xml", other, sizeof other - 1}};
    size_t len;
    char *bytes = gk_test_zip_of(parts, 3, &len);
    expect_failure(bytes, len, GK_EUNSUPPORTED, "ZIP archive is not a Word document");
    free(bytes);

    bytes = gk_test_docx_of(XML_DECL "<office:document-content xmlns:office=\"urn:oasis:names:"
                    "tc:opendocument:xmlns:office:1.0\"/>", NULL, NULL, &len);
    expect_failure(bytes, len, GK_EUNSUPPORTED, "ZIP archive is not a Word document");
    free(bytes);
}

static void test_truncated_and_damaged(void **state)
{
    (void)state;
    size_t len;
    char *bytes = gk_test_docx_of(DOC(P("一、总体情况") P("本年共收到申请16件。")), report_outline,
                          NULL, &len);
    expect_failure(bytes, len / 2, GK_ECORRUPT, "damaged Word document");
    /* Cut anywhere: always a failure with a message, never a crash. */
    for (size_t cut = 0; cut < len; cut++) {
        char *text, *err;
        gk_status st = convert(bytes, cut, &text, NULL, &err);
        if (st != GK_ECORRUPT && st != GK_EUNSUPPORTED)
            fail_msg("cut at %zu of %zu: status %d", cut, len, (int)st);
        assert_null(text);
        assert_non_null(err);
        free(err);
    }
    /* A byte of document.xml's compressed data changed. */
    size_t central;
    size_t local = local_header(bytes, len, "word/document.xml", &central);
    size_t data = local + 30 + le16(bytes + local + 26) + le16(bytes + local + 28);
    size_t packed = le32(bytes + central + 20);
    assert_true(packed > 8 && data + packed <= len);
    bytes[data + packed / 2] ^= 0x55;
    expect_failure(bytes, len, GK_ECORRUPT, "damaged Word document (word/document.xml: ");
    free(bytes);
}

static int structured_calls;
static void count_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
    structured_calls++;
}

static void test_malformed_xml(void **state)
{
    (void)state;
    /* What libxml2 says must reach the message, not stderr, and leave the
     * caller's own handler in place. */
    int marker = 0;
    xmlSetStructuredErrorFunc(&marker, count_structured);
    FILE *capture = tmpfile();
    assert_non_null(capture);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(capture), 2) >= 0);

    size_t len;
    char *bytes = gk_test_docx_of(XML_DECL "<w:document " NAMESPACES "><w:body><w:p><w:r><w:t>半截"
                          "</w:r></w:p></w:body></w:document>", NULL, NULL, &len);
    char *text, *err;
    gk_status st = convert(bytes, len, &text, NULL, &err);
    free(bytes);
    bytes = gk_test_docx_of(DOC(P("bad \xFF byte")), NULL, NULL, &len);
    char *text2, *err2;
    gk_status st2 = convert(bytes, len, &text2, NULL, &err2);
    free(bytes);

    fflush(stderr);
    assert_true(dup2(saved, 2) >= 0);
    close(saved);
    fseek(capture, 0, SEEK_END);
    long written = ftell(capture);
    fclose(capture);
    assert_int_equal(written, 0);
    assert_true(xmlStructuredError == count_structured);
    assert_ptr_equal(xmlStructuredErrorContext, &marker);
    assert_int_equal(structured_calls, 0);
    xmlSetStructuredErrorFunc(NULL, NULL);

    assert_int_equal(st, GK_ECORRUPT);
    assert_null(text);
    assert_non_null(err);
    if (strstr(err, "damaged Word document: word/document.xml line 2: ") != err)
        fail_msg("message: %s", err);
    free(err);
    assert_int_equal(st2, GK_ECORRUPT);
    assert_null(text2);
    assert_non_null(err2);
    assert_non_null(strstr(err2, "damaged Word document: word/document.xml"));
    free(err2);
}

static void test_entities_not_expanded(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("docx-entities");
    char *secret = gk_test_join(dir, "secret.txt");
    gk_test_write_file(secret, "TOPSECRET", 9);
    gk_buf doc = {0};
    assert_int_equal(gk_buf_printf(&doc,
        XML_DECL "<!DOCTYPE w:document [<!ENTITY secret SYSTEM \"file://%s\">"
        "<!ENTITY org \"某某县\">]><w:document " NAMESPACES "><w:body>"
        P("甲&secret;乙&org;丙") "</w:body></w:document>", secret), GK_OK);
    char *text = text_of(doc.data, NULL, NULL);
    assert_string_equal(text, "甲乙丙\n");
    free(text);
    gk_buf_free(&doc);

    /* A billion laughs: refused or left unexpanded, and quickly. */
    const char *laughs = XML_DECL "<!DOCTYPE w:document [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
        "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
        "<w:document " NAMESPACES "><w:body>" P("笑&i;完") "</w:body></w:document>";
    size_t len;
    char *bytes = gk_test_docx_of(laughs, NULL, NULL, &len);
    char *err;
    gk_status st = convert(bytes, len, &text, NULL, &err);
    free(bytes);
    if (st == GK_OK) {
        assert_string_equal(text, "笑完\n");
        free(text);
    } else {
        assert_int_equal(st, GK_ECORRUPT);
        free(err);
    }
    gk_test_rmtree(dir);
    free(secret);
    free(dir);
}

static void test_zip_bombs(void **state)
{
    (void)state;
    /* A part that claims 300 MB: refused before anything is unpacked. */
    size_t len;
    char *bytes = gk_test_docx_of(DOC(P("小")), NULL, NULL, &len);
    set_declared_size(bytes, len, "word/document.xml", 300000000u);
    expect_failure(bytes, len, GK_ETOOBIG, "word/document.xml would unpack to 300000000 bytes");
    free(bytes);

    /* Any part, not only the body. */
    bytes = gk_test_docx_of(DOC(P("小")), report_outline, NULL, &len);
    set_declared_size(bytes, len, "word/numbering.xml", 300000000u);
    expect_failure(bytes, len, GK_ETOOBIG, "ZIP bomb");
    free(bytes);

    /* A part that really is 5 MiB, from a few kilobytes: over 100 times
     * the archive and over the 4 MiB always allowed. */
    size_t body = (size_t)5 << 20;
    gk_buf doc = {0};
    assert_int_equal(gk_buf_adds(&doc, XML_DECL "<w:document " NAMESPACES "><w:body>"), GK_OK);
    assert_int_equal(gk_buf_reserve(&doc, body), GK_OK);
    for (size_t k = 0; k + 6 <= body; k += 6)
        memcpy(doc.data + doc.len + k, "<w:p/>", 6);
    doc.len += body / 6 * 6;
    assert_int_equal(gk_buf_adds(&doc, "</w:body></w:document>"), GK_OK);
    bytes = gk_test_docx_of(doc.data, NULL, NULL, &len);
    gk_buf_free(&doc);
    assert_true(len * 100 < body);
    expect_failure(bytes, len, GK_ETOOBIG, "ZIP bomb");
    free(bytes);

    /* A part longer than its directory entry says. */
    bytes = gk_test_docx_of(DOC(P("目录说这一部分只有十个字节")), NULL, NULL, &len);
    set_declared_size(bytes, len, "word/document.xml", 10);
    expect_failure(bytes, len, GK_ECORRUPT, "longer than its directory entry says");
    free(bytes);
}

/* A body of n empty paragraphs and then "正文". */
static char *empty_paragraphs(size_t n, size_t *len)
{
    gk_buf doc = {0};
    assert_int_equal(gk_buf_adds(&doc, XML_DECL "<w:document " NAMESPACES "><w:body>"), GK_OK);
    assert_int_equal(gk_buf_reserve(&doc, n * 6), GK_OK);
    for (size_t k = 0; k < n; k++)
        memcpy(doc.data + doc.len + 6 * k, "<w:p/>", 6);
    doc.len += n * 6;
    assert_int_equal(gk_buf_adds(&doc, P("正文") "</w:body></w:document>"), GK_OK);
    char *bytes = gk_test_docx_of(doc.data, NULL, NULL, len);
    gk_buf_free(&doc);
    return bytes;
}

/* Issue 14: the tree of a part takes ~130 bytes a node whatever its text:
 * 30 MB of <w:p/> took 743 MB.  A part of more nodes than the limit is
 * refused, whatever its size on disk; one under it is read. */
static void test_too_many_nodes(void **state)
{
    (void)state;
    size_t len;
    char *bytes = empty_paragraphs(600000, &len); /* 3.6 MB: under every size limit */
    expect_failure(bytes, len, GK_ETOOBIG, "word/document.xml has more than 1000000 XML nodes");
    free(bytes);

    bytes = empty_paragraphs(400000, &len);
    char *text, *err;
    assert_int_equal(convert(bytes, len, &text, NULL, &err), GK_OK);
    assert_string_equal(text, "正文\n");
    free(text);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_strict_namespace),
        cmocka_unit_test_setup_teardown(test_report, gk_test_rules_setup,
                                        gk_test_rules_teardown),
        cmocka_unit_test(test_statistics_table),
        cmocka_unit_test(test_cell_content),
        cmocka_unit_test(test_layout_table),
        cmocka_unit_test_setup_teardown(test_numbered_headings, gk_test_rules_setup,
                                        gk_test_rules_teardown),
        cmocka_unit_test(test_chinese_counting_past_ten),
        cmocka_unit_test(test_numbering_rules),
        cmocka_unit_test(test_revisions),
        cmocka_unit_test(test_text_box_read_once),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_not_a_zip),
        cmocka_unit_test(test_zip_without_document),
        cmocka_unit_test(test_truncated_and_damaged),
        cmocka_unit_test(test_malformed_xml),
        cmocka_unit_test(test_entities_not_expanded),
        cmocka_unit_test(test_zip_bombs),
        cmocka_unit_test(test_too_many_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

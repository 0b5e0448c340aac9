/* make_seeds.c - write the seed inputs of fuzz_docx and fuzz_pdf into
 * tests/fuzz/corpus/docx/ and tests/fuzz/corpus/pdf/, made with the test
 * fixtures (tests/gk_fixtures.h) from report 002 and from documents that
 * use what the readers handle: list numbers, merged cells, revisions, text
 * boxes, rotated pages, sideways tables, page numbers, encryption.
 *
 * The seeds are committed; run this only to remake them:
 *   cmake --build BUILD --target make_fuzz_seeds && BUILD/tests/fuzz/make_fuzz_seeds
 * Keep each seed small (under 20 KB): the fuzzer mutates every byte. */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_fixtures.h"
#include "gk_util.h"

#define SEEDS GK_FUZZ_SOURCE_DIR "/tests/fuzz/corpus"
#define REPORT_002 GK_FUZZ_SOURCE_DIR "/corpus/002_c7f4534a7f0d64bb.txt"

static void save(const char *dir, const char *name, const char *bytes, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", SEEDS, dir, name);
    gk_test_write_file(path, bytes, len);
    printf("%s: %zu bytes\n", path, len);
}

/* Report 002 cut short: from the title to the overview's heading, the
 * proactive-disclosure tables, and the problems section to the end. */
static char *report_excerpt(size_t *len)
{
    size_t n;
    char *report = gk_test_read_file(REPORT_002, &n);
    assert_non_null(report);
    const char *overview = strstr(report, "一、总体情况\n");
    const char *proactive = strstr(report, "二、主动公开政府信息情况\n");
    const char *requests = strstr(report, "三、收到和处理政府信息公开申请情况\n");
    const char *problems = strstr(report, "五、存在的主要问题及改进情况\n");
    assert_non_null(overview);
    assert_non_null(proactive);
    assert_non_null(requests);
    assert_non_null(problems);
    gk_buf b = {0};
    assert_int_equal(gk_buf_add(&b, report, (size_t)(overview - report)), GK_OK);
    assert_int_equal(gk_buf_add(&b, proactive, (size_t)(requests - proactive)), GK_OK);
    assert_int_equal(gk_buf_adds(&b, problems), GK_OK);
    free(report);
    return gk_buf_take(&b, len);
}

/* ---- DOCX ---------------------------------------------------------------- */

#define DOC_OPEN GK_TEST_XML_DECL "<w:document " GK_TEST_DOCX_NAMESPACES "><w:body>"
#define DOC_CLOSE "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NP(num, ilvl, text)                                                        \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #ilvl "\"/><w:numId w:val=\"" #num \
    "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define SP(style, text) \
    "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(pr, text) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(text) "</w:tc>"
#define LVL(ilvl, fmt, text, extra)                                                  \
    "<w:lvl w:ilvl=\"" #ilvl "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" fmt "\"/>" \
    "<w:lvlText w:val=\"" text "\"/>" extra "</w:lvl>"

/* A report outline in list numbers, a table with merged cells, revisions,
 * a field, a hidden run, a break, a tab and a text box. */
static const char lists_document[] =
    DOC_OPEN
    P("某镇人民政府2021年政府信息公开工作年度报告")
    NP(1, 0, "总体情况")
    "<w:p><w:r><w:t>本年</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
    "<w:ins><w:r><w:t>主动公开</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr>"
    "<w:t>隐藏</w:t></w:r><w:r><w:tab/><w:t>120</w:t><w:br/><w:t>条</w:t></w:r></w:p>"
    NP(1, 1, "主动公开")
    NP(1, 2, "规章")
    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE "
    "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3"
    "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    SP("Heading1", "主动公开政府信息情况")
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>" TC("<w:vMerge w:val=\"restart\"/>", "信息内容")
    TC("<w:gridSpan w:val=\"2\"/>", "本年制发件数") "</w:tr>"
    "<w:tr>" TC("<w:vMerge/>", "") TC("", "规章") TC("", "0") "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("", "规范性文件") TC("", "12")
    "</w:tr></w:tbl>"
    SP("Heading2", "存在的主要问题及改进情况")
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
    "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" P("一是宣传不够到位。")
    "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>"
    P("一是宣传不够到位。") "</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
    NP(2, 0, "要点")
    DOC_CLOSE;

static const char lists_numbering[] =
    GK_TEST_XML_DECL "<w:numbering " GK_TEST_DOCX_NAMESPACES ">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>"
    LVL(0, "chineseCounting", "%1、", "<w:suff w:val=\"nothing\"/>")
    LVL(1, "chineseCounting", "（%2）", "<w:suff w:val=\"nothing\"/>")
    LVL(2, "decimal", "%3.", "<w:lvlRestart w:val=\"1\"/>")
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">" LVL(0, "bullet", "", "") "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\"><w:numStyleLink w:val=\"Outline\"/></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
    "<w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>"
    "</w:numbering>";

static const char lists_styles[] =
    GK_TEST_XML_DECL "<w:styles " GK_TEST_DOCX_NAMESPACES ">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:basedOn w:val=\"Heading1\"/>"
    "</w:style>"
    "</w:styles>";

static void docx_seeds(const char *excerpt, size_t excerpt_len)
{
    size_t n;
    char *bytes = gk_test_docx_from_text(excerpt, excerpt_len, &n);
    save("docx", "report-002-excerpt.docx", bytes, n);
    free(bytes);
    bytes = gk_test_docx_of(lists_document, lists_numbering, lists_styles, &n);
    save("docx", "lists-tables-revisions.docx", bytes, n);
    free(bytes);
    /* the same parts, unpacked: document, numbering and styles apart by NUL
     * (fuzz_docx.c packs them) */
    gk_buf parts = {0};
    assert_int_equal(gk_buf_add(&parts, lists_document, sizeof lists_document), GK_OK);
    assert_int_equal(gk_buf_add(&parts, lists_numbering, sizeof lists_numbering), GK_OK);
    assert_int_equal(gk_buf_add(&parts, lists_styles, sizeof lists_styles - 1), GK_OK);
    save("docx", "parts-lists-tables-revisions", parts.data, parts.len);
    gk_buf_free(&parts);
}

/* ---- PDF ----------------------------------------------------------------- */

static void pdf_seeds(const char *excerpt, size_t excerpt_len)
{
    size_t n;
    char *bytes = gk_test_pdf_from_text(excerpt, excerpt_len, &n);
    save("pdf", "report-002-excerpt.pdf", bytes, n);
    free(bytes);

    /* A rotated page, a sideways table, a label up the margin, text drawn
     * twice (faked bold), page numbers in the margins, an empty page. */
    gk_test_pdf d;
    memset(&d, 0, sizeof d);
    gk_test_pdf_page(&d, 90);
    gk_test_pdf_text(&d, 72, 770, 12, "四、政府信息公开行政复议、行政诉讼情况");
    gk_test_pdf_text(&d, 72, 750, 12, "行政复议");
    gk_test_pdf_text(&d, 300, 750, 12, "2");
    gk_test_pdf_text(&d, 290, 30, 10.5, "- 1 -");
    gk_test_pdf_page(&d, 0);
    gk_test_pdf_text_up(&d, 100, 100, 12, "主动公开政府信息情况");
    gk_test_pdf_text_up(&d, 100, 450, 12, "5");
    gk_test_pdf_text_up(&d, 120, 100, 12, "依申请公开");
    gk_test_pdf_text_up(&d, 120, 450, 12, "3");
    gk_test_pdf_text(&d, 72, 700, 12, "五、存在的主要问题及改进情况");
    gk_test_pdf_text(&d, 72.3, 700, 12, "五、存在的主要问题及改进情况");
    gk_test_pdf_text(&d, 260, 30, 10.5, "第2页 共3页");
    gk_test_pdf_page(&d, 180);
    gk_test_pdf_ops(&d, "q 0 0 1 rg 72 72 200 100 re f Q\n");
    bytes = gk_test_pdf_bytes(&d, &n);
    save("pdf", "rotated-sideways-bold.pdf", bytes, n);
    free(bytes);

    memset(&d, 0, sizeof d);
    gk_test_pdf_page(&d, 0);
    gk_test_pdf_text(&d, 72, 770, 12, "彭阳县白阳镇人民政府2020年政府信息公开工作年度报告");
    d.encrypted = 1;
    bytes = gk_test_pdf_bytes(&d, &n);
    save("pdf", "encrypted.pdf", bytes, n);
    free(bytes);
}

int main(void)
{
    size_t len;
    char *excerpt = report_excerpt(&len);
    docx_seeds(excerpt, len);
    pdf_seeds(excerpt, len);
    free(excerpt);
    return 0;
}

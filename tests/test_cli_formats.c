/* test_cli_formats.c - end to end: one report in every form gongkai reads,
 * under names that lie about it, and the files it refuses.
 *
 * Report 002 (corpus/002_c7f4534a7f0d64bb.txt) is converted here to Word
 * and PDF (gk_fixtures.h), to an HTML page with the noise of a copy site,
 * and to other encodings; gongkai-index reads them all in one run and
 * gongkai-query must find in each what a person reads in the report:
 *   title    彭阳县白阳镇人民政府 2020年政府信息公开工作年度报告
 *   place    白阳镇, 彭阳县 (固原市, 宁夏): the township's name is unique in
 *            the division list, so the place is resolved, to the same code
 *            as the .txt original (640425100)
 *   year     2020 ("统计期限为2020年1月1日至2020年12月31日")
 *   sections 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开
 *            申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题
 *            及改进情况 六、其他需要报告的事项, after a preamble; no fees part
 *   problems 一是人员变动, 业务人员更换比较频繁, 业务生疏 (staffing); 二是
 *            宣传不够到位, 知晓率低 (outreach); 三是重点领域信息公开不均匀,
 *            全过程公开 (key_areas)
 *   figures  "共公开各类信息3340条"; the 2019 tables: 规章 and 规范性文件 0 0 0;
 *            许可, 处罚, 强制 0; 收费 row without an amount; 政府集中采购 1
 *            for 54369 (column "采购总金额（元）"), as in the prose "开展政府
 *            集中采购 1 次，采购总金额为 54369 元"; the requests table only
 *            has its 总计 column, all 0; reviews and lawsuits all 0. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "gk_fixtures.h"
#include "gk_util.h"


/* ---- what a person reads in report 002 ----------------------------------- */

#define U (-1.0) /* unknown */

static const struct {
    const char *id;
    double value;
} figures_002[] = {
    {"proactive_items", 3340},        /* 共公开各类信息3340条 */
    {"normative_docs_issued", 0},     /* 规范性文件 0 0 0 */
    {"normative_docs_repealed", U},   /* the 2019 table has no 废止 column */
    {"normative_docs_in_force", 0},
    {"rules_issued", 0},              /* 规章 0 0 0 */
    {"rules_in_force", 0},
    {"licensing_decisions", 0},       /* 行政许可 处理决定数量 0 */
    {"penalty_decisions", 0},         /* 行政处罚 0 */
    {"enforcement_decisions", 0},     /* 行政强制 0 */
    {"fees_amount_yuan", U},          /* 行政事业性收费: counts, no amount */
    {"procurement_count", 1},         /* 政府集中采购 1 */
    {"procurement_amount_yuan", 54369}, /* 采购总金额（元） 54369 */
    {"requests_new", 0},              /* the requests table's 总计 column */
    {"requests_carried_over", 0},
    {"requests_granted", 0},
    {"requests_partial", 0},
    {"requests_handled_total", 0},
    {"requests_carried_forward", 0},
    {"reviews_total", 0},             /* the review and litigation row: all 0 */
    {"reviews_corrected", 0},
    {"lawsuits_total", 0},
    {"lawsuits_corrected", 0},
};
#define NFIGURES (sizeof figures_002 / sizeof figures_002[0])

static const struct {
    const char *id;
    const char *title;
} sections_002[] = {
    {"preamble", ""},
    {"overview", "一、总体情况"},
    {"proactive", "二、主动公开政府信息情况"},
    {"requests", "三、收到和处理政府信息公开申请情况"},
    {"review_litigation", "四、政府信息公开行政复议、行政诉讼情况"},
    {"problems", "五、存在的主要问题及改进情况"},
    {"other", "六、其他需要报告的事项"},
};
#define NSECTIONS (sizeof sections_002 / sizeof sections_002[0])

static const char *const categories_002[] = {"staffing", "outreach", "key_areas"};

/* ---- the files of one run -------------------------------------------------- */

/* Every file is report 002; name, the format and source encoding
 * gongkai-index must find. */
static const struct {
    const char *name;
    const char *format;
    const char *encoding;
} inputs[] = {
    {"002.txt", "text", "UTF-8"}, /* the original, to compare with */
    {"002.docx", "docx", ""},
    {"002.pdf", "pdf", ""},
    {"002-gb18030.txt", "text", "GB18030"},
    {"002-utf16le-bom.txt", "text", "UTF-16LE"},
    {"002-utf8-bom-crlf.txt", "text", "UTF-8"},
    {"pdf-named.txt", "pdf", ""},
    {"docx-named.html", "docx", ""},
    {"html-named.txt", "html", "UTF-8"},
    {"附件/年报扫描件.dat", "pdf", ""}, /* no name gongkai knows, in a folder */
    {"noisy.html", "html", "UTF-8"},
};
#define NINPUTS (sizeof inputs / sizeof inputs[0])
#define ORIGINAL 0
#define NOISY (NINPUTS - 1)

/* Strings of the noise put into noisy.html; none may be shown or found. */
static const char *const noise_strings[] = {
    "当前位置", "首页", "索引号", "640425100/2021-00012", "发布机构", "发布日期",
    "2021-01-20", "主题分类", "字体", "打印", "关闭", "分享到", "QQ空间", "返回顶部",
    "威尼斯人", "葡京", "娱乐场", "官网", "ICP"};
#define NNOISE (sizeof noise_strings / sizeof noise_strings[0])

typedef struct fixture {
    gk_cli cli;
    char *paths[NINPUTS];      /* absolute, in cli.in */
    char *report_ids[NINPUTS]; /* from gongkai-index --json */
} fixture;

/* ---- building the inputs -------------------------------------------------- */

/* Copy of text with the first `from` replaced by `to` (which must occur). */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (at == NULL)
        fail_msg("'%s' not in the report", from);
    gk_buf b = {0};
    assert_int_equal(gk_buf_add(&b, text, (size_t)(at - text)), GK_OK);
    assert_int_equal(gk_buf_adds(&b, to), GK_OK);
    assert_int_equal(gk_buf_adds(&b, at + strlen(from)), GK_OK);
    return gk_buf_take(&b, NULL);
}

static void add_escaped(gk_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        gk_status st;
        switch (s[i]) {
        case '&': st = gk_buf_adds(b, "&amp;"); break;
        case '<': st = gk_buf_adds(b, "&lt;"); break;
        case '>': st = gk_buf_adds(b, "&gt;"); break;
        case '\r': st = GK_OK; break;
        default: st = gk_buf_addc(b, s[i]);
        }
        assert_int_equal(st, GK_OK);
    }
}

/* The body of an HTML page made from text: a line a paragraph, lines
 * holding tabs rows of a table with a cell per field, as a web editor
 * saves a report. */
static void add_html_body(gk_buf *b, const char *text)
{
    int in_table = 0;
    for (const char *line = text; *line != '\0';) {
        const char *nl = strchr(line, '\n');
        size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);
        int row = memchr(line, '\t', n) != NULL;
        if (row && !in_table)
            assert_int_equal(gk_buf_adds(b, "<table border=\"1\">\n"), GK_OK);
        if (!row && in_table)
            assert_int_equal(gk_buf_adds(b, "</table>\n"), GK_OK);
        in_table = row;
        if (row) {
            assert_int_equal(gk_buf_adds(b, "<tr>"), GK_OK);
            const char *cell = line, *end = line + n;
            for (;;) {
                const char *tab = memchr(cell, '\t', (size_t)(end - cell));
                const char *stop = tab != NULL ? tab : end;
                assert_int_equal(gk_buf_adds(b, "<td>"), GK_OK);
                add_escaped(b, cell, (size_t)(stop - cell));
                assert_int_equal(gk_buf_adds(b, "</td>"), GK_OK);
                if (tab == NULL)
                    break;
                cell = tab + 1;
            }
            assert_int_equal(gk_buf_adds(b, "</tr>\n"), GK_OK);
        } else if (n > 0) {
            assert_int_equal(gk_buf_adds(b, "<p>"), GK_OK);
            add_escaped(b, line, n);
            assert_int_equal(gk_buf_adds(b, "</p>\n"), GK_OK);
        }
        line = nl != NULL ? nl + 1 : line + n;
    }
    if (in_table)
        assert_int_equal(gk_buf_adds(b, "</table>\n"), GK_OK);
}

/* The report as a plain HTML page; malloc'd. */
static char *html_page(const char *text, size_t *len)
{
    gk_buf b = {0};
    assert_int_equal(gk_buf_adds(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                     "<title>年度报告</title></head><body>\n"), GK_OK);
    add_html_body(&b, text);
    assert_int_equal(gk_buf_adds(&b, "</body></html>\n"), GK_OK);
    return gk_buf_take(&b, len);
}

/* The report as a hijacked copy site shows it: navigation, a breadcrumb, a
 * metadata block dated 2021, font and print buttons, gambling spam glued to
 * three headings, share buttons and a footer (docs/NOISE.md); malloc'd. */
static char *noisy_page(const char *text, size_t *len)
{
    char *a = replace(text, "\n一、总体情况\n", "\n一、总体情况澳门威尼斯人官网\n");
    char *b = replace(a, "\n四、政府信息公开行政复议、行政诉讼情况\n",
                      "\n澳门葡京娱乐场 四、政府信息公开行政复议、行政诉讼情况\n");
    char *c = replace(b, "\n五、存在的主要问题及改进情况\n",
                      "\n五、存在的主要问题及改进情况【澳门新葡京娱乐场官网】\n");
    gk_buf page = {0};
    assert_int_equal(gk_buf_adds(&page,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>彭阳县人民政府 首页</title></head><body>\n"
        "<nav><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a></nav>\n"
        "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; 政务公开 &gt; "
        "政府信息公开年报</div>\n"
        "<table class=\"meta\"><tr><td>索引号：</td><td>640425100/2021-00012</td>"
        "<td>发布机构：</td><td>彭阳县白阳镇人民政府</td></tr>\n"
        "<tr><td>发布日期：</td><td>2021-01-20</td><td>主题分类：</td>"
        "<td>政府信息公开年报</td></tr></table>\n"
        "<div class=\"tools\">【字体：大 中 小】【打印】【关闭】</div>\n"
        "<div class=\"article\">\n"), GK_OK);
    add_html_body(&page, c);
    assert_int_equal(gk_buf_adds(&page,
        "</div>\n<div class=\"share\">分享到：微信 微博 QQ空间</div>\n"
        "<footer><p>【打印本页】【关闭窗口】</p><p>返回顶部</p>"
        "<nav>网站地图 | 联系我们 | 宁ICP备05001234号</nav></footer>\n"
        "</body></html>\n"), GK_OK);
    free(a);
    free(b);
    free(c);
    return gk_buf_take(&page, len);
}

/* The bytes of inputs[k]; malloc'd. */
static char *input_bytes(size_t k, const char *report, size_t len, size_t *out_len)
{
    const char *name = inputs[k].name;
    if (strcmp(name, "002.txt") == 0) {
        char *copy = malloc(len);
        assert_non_null(copy);
        memcpy(copy, report, len);
        *out_len = len;
        return copy;
    }
    if (strcmp(name, "002.docx") == 0 || strcmp(name, "docx-named.html") == 0)
        return gk_test_docx_from_text(report, len, out_len);
    if (strcmp(name, "002.pdf") == 0 || strcmp(name, "pdf-named.txt") == 0 ||
        strstr(name, ".dat") != NULL)
        return gk_test_pdf_from_text(report, len, out_len);
    if (strcmp(name, "002-gb18030.txt") == 0)
        return gk_test_encode(report, len, "GB18030", 0, out_len);
    if (strcmp(name, "002-utf16le-bom.txt") == 0)
        return gk_test_encode(report, len, "UTF-16LE", 1, out_len);
    if (strcmp(name, "002-utf8-bom-crlf.txt") == 0) {
        size_t n;
        char *crlf = gk_test_crlf(report, len, &n);
        char *bom = gk_test_encode(crlf, n, "UTF-8", 1, out_len);
        free(crlf);
        return bom;
    }
    if (strcmp(name, "html-named.txt") == 0)
        return html_page(report, out_len);
    if (strcmp(name, "noisy.html") == 0)
        return noisy_page(report, out_len);
    fail_msg("no bytes for %s", name);
    return NULL;
}

/* ---- running the programs -------------------------------------------------- */

/* gongkai-query -d DB ARGS... with exit status want; its JSON lines. */
#define QUERY_JSON(f, want, ...) \
    gk_cli_query_json((f)->cli.db, (want), GK_CLI_ARGS(__VA_ARGS__))

/* Which input a path is, or -1. */
static int input_of(const fixture *f, const char *path)
{
    for (size_t k = 0; k < NINPUTS; k++)
        if (strcmp(path, f->paths[k]) == 0)
            return (int)k;
    return -1;
}

/* The lines of `all` of the given type, one per input (by path); fails
 * unless every input has exactly one. */
static void by_input(const fixture *f, json_t *all, const char *type, json_t *out[NINPUTS])
{
    memset(out, 0, NINPUTS * sizeof *out);
    size_t i;
    json_t *j;
    json_array_foreach(all, i, j) {
        if (strcmp(gk_cli_str(j, "type"), type) != 0)
            continue;
        int k = input_of(f, gk_cli_str(j, "path"));
        if (k < 0)
            fail_msg("%s line for a file not given: %s", type, gk_cli_str(j, "path"));
        if (out[k] != NULL)
            fail_msg("two %s lines for %s", type, inputs[k].name);
        out[k] = j;
    }
    for (size_t k = 0; k < NINPUTS; k++)
        if (out[k] == NULL)
            fail_msg("no %s line for %s", type, inputs[k].name);
}

static int group_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_cli_init(&f->cli);
    char *sub = gk_test_join(f->cli.in, "附件");
    assert_int_equal(mkdir(sub, 0777), 0);
    free(sub);
    size_t len;
    char *report = gk_test_read_file(GK_TEST_REPORT_002, &len);
    assert_non_null(report);
    for (size_t k = 0; k < NINPUTS; k++) {
        size_t n;
        char *bytes = input_bytes(k, report, len, &n);
        f->paths[k] = gk_test_put(f->cli.in, inputs[k].name, bytes, n);
        free(bytes);
    }
    free(report);
    gk_test_run_result r;
    gk_cli_index(&r, f->cli.db, "--json", f->cli.in, NULL);
    if (r.status != 0)
        fail_msg("gongkai-index: exit %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *files[NINPUTS];
    by_input(f, lines, "file", files);
    for (size_t k = 0; k < NINPUTS; k++) {
        const char *id = json_string_value(json_object_get(files[k], "report_id"));
        assert_non_null(id);
        f->report_ids[k] = strdup(id);
    }
    json_decref(lines);
    gk_test_run_clear(&r);
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *f = *state;
    gk_cli_clear(&f->cli);
    for (size_t k = 0; k < NINPUTS; k++) {
        free(f->paths[k]);
        free(f->report_ids[k]);
    }
    free(f);
    return 0;
}

/* ---- the same report in every form ------------------------------------------ */

static void test_each_file_read_as_its_content_says(void **state)
{
    fixture *f = *state;
    /* index again: the account of every file, from a database that already
     * holds them (--force: read again though unchanged, and replaced) */
    gk_test_run_result r;
    gk_cli_index(&r, f->cli.db, "--json", "--force", f->cli.in, NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *files[NINPUTS];
    by_input(f, lines, "file", files);
    for (size_t k = 0; k < NINPUTS; k++) {
        json_t *j = files[k];
        const char *name = inputs[k].name;
        if (strcmp(gk_cli_str(j, "status"), "indexed") != 0)
            fail_msg("%s: %s", name, gk_cli_str(j, "status"));
        if (strcmp(gk_cli_str(j, "format"), inputs[k].format) != 0)
            fail_msg("%s: format %s, expected %s", name, gk_cli_str(j, "format"), inputs[k].format);
        if (strcmp(gk_cli_str(j, "encoding"), inputs[k].encoding) != 0)
            fail_msg("%s: encoding %s, expected %s", name, gk_cli_str(j, "encoding"),
                     inputs[k].encoding);
        assert_int_equal(json_integer_value(json_object_get(j, "replaced")), 0);
        assert_string_equal(gk_cli_str(j, "kind"), "report");
        assert_int_equal(json_integer_value(json_object_get(j, "year")), 2020);
        assert_string_equal(gk_cli_str(j, "township"), "白阳镇");
        assert_string_equal(gk_cli_str(j, "county"), "彭阳县");
        assert_string_equal(gk_cli_str(j, "place_status"), "resolved");
        assert_string_equal(gk_cli_str(j, "template"), "2019");
        assert_string_equal(gk_cli_str(j, "consistency"), "ok");
        if (json_integer_value(json_object_get(j, "sections")) != (json_int_t)NSECTIONS)
            fail_msg("%s: %lld sections", name,
                     (long long)json_integer_value(json_object_get(j, "sections")));
        assert_int_equal(json_integer_value(json_object_get(j, "categories")), 3);
        /* 22 figures, of which the repealed documents and the fee amount
         * are not in a 2019 table */
        if (json_integer_value(json_object_get(j, "figures")) != (json_int_t)NFIGURES - 2)
            fail_msg("%s: %lld figures known", name,
                     (long long)json_integer_value(json_object_get(j, "figures")));
        /* the same file, the same id */
        assert_string_equal(gk_cli_str(j, "report_id"), f->report_ids[k]);
    }
    json_t *summary = json_array_get(lines, json_array_size(lines) - 1);
    assert_string_equal(gk_cli_str(summary, "type"), "summary");
    assert_int_equal(json_integer_value(json_object_get(summary, "indexed")), NINPUTS);
    assert_int_equal(json_integer_value(json_object_get(summary, "failed")), 0);
    assert_int_equal(json_integer_value(json_object_get(summary, "skipped")), 0);
    assert_int_equal(json_integer_value(json_object_get(summary, "reports")), NINPUTS);
    json_decref(lines);
    gk_test_run_clear(&r);
}

static void test_found_in_the_problems_section(void **state)
{
    fixture *f = *state;
    json_t *lines = QUERY_JSON(f, 0, "--json", "-n", "100", "存在的主要问题", "section:problems");
    json_t *hits[NINPUTS];
    by_input(f, lines, "hit", hits);
    const char *code = gk_cli_str(hits[ORIGINAL], "place_code");
    assert_string_equal(code, "640425100");
    for (size_t k = 0; k < NINPUTS; k++) {
        json_t *h = hits[k];
        const char *name = inputs[k].name;
        if (strcmp(gk_cli_str(h, "section"), "problems") != 0)
            fail_msg("%s: found in %s", name, gk_cli_str(h, "section"));
        assert_string_equal(gk_cli_str(h, "section_title"), "五、存在的主要问题及改进情况");
        assert_string_equal(gk_cli_str(h, "kind"), "report");
        assert_int_equal(json_integer_value(json_object_get(h, "year")), 2020);
        if (strcmp(gk_cli_str(h, "place_code"), code) != 0)
            fail_msg("%s: place %s, the .txt's is %s", name, gk_cli_str(h, "place_code"), code);
        assert_string_equal(gk_cli_str(h, "province"), "宁夏回族自治区");
        assert_string_equal(gk_cli_str(h, "city"), "固原市");
        assert_string_equal(gk_cli_str(h, "county"), "彭阳县");
        assert_string_equal(gk_cli_str(h, "township"), "白阳镇");
        assert_string_equal(gk_cli_str(h, "body"), "彭阳县白阳镇人民政府");
        const char *title = gk_cli_str(h, "title");
        if (strstr(title, "白阳镇人民政府") == NULL ||
            strstr(title, "2020年政府信息公开工作年度报告") == NULL)
            fail_msg("%s: title '%s'", name, title);
        /* the snippet starts at the heading and goes on to the first
         * problem the report names */
        const char *snippet = gk_cli_str(h, "snippet");
        if (strstr(snippet, "存在的主要问题") == NULL || strstr(snippet, "人员变动") == NULL)
            fail_msg("%s: snippet '%s'", name, snippet);
        json_t *cats = json_object_get(h, "categories");
        assert_int_equal(json_array_size(cats), 3);
        for (size_t c = 0; c < 3; c++) {
            int seen = 0;
            size_t i;
            json_t *v;
            json_array_foreach(cats, i, v) {
                seen |= strcmp(json_string_value(v), categories_002[c]) == 0;
            }
            if (!seen)
                fail_msg("%s: category %s missing", name, categories_002[c]);
        }
    }
    json_t *summary = json_array_get(lines, json_array_size(lines) - 1);
    assert_int_equal(json_integer_value(json_object_get(summary, "total")), NINPUTS);
    json_decref(lines);

    /* the same phrase, year and place found by filters */
    lines = QUERY_JSON(f, 0, "--json", "--by", "report", "-n", "100",
                       "\"存在的主要问题\"", "year:2020", "place_code:640425100",
                       "section:problems");
    by_input(f, lines, "hit", hits);
    json_decref(lines);
}

static void expect_figures(const char *name, const json_t *figs, const json_t *original)
{
    assert_int_equal(json_object_size(figs), NFIGURES);
    for (size_t i = 0; i < NFIGURES; i++) {
        const char *id = figures_002[i].id;
        json_t *v = json_object_get(figs, id);
        if (v == NULL)
            fail_msg("%s: no figure %s", name, id);
        double want = figures_002[i].value;
        if (want == U ? !json_is_null(v) : !json_is_number(v) || json_number_value(v) != want)
            fail_msg("%s: %s is %s%g, expected %s%g", name, id,
                     json_is_null(v) ? "unknown " : "", json_number_value(v),
                     want == U ? "unknown " : "", want);
        if (!json_equal(v, json_object_get(original, id)))
            fail_msg("%s: %s differs from the .txt's", name, id);
    }
}

static void test_figures_as_a_person_reads_them(void **state)
{
    fixture *f = *state;
    json_t *lines = QUERY_JSON(f, 0, "--figures", "--format", "json");
    json_t *rows[NINPUTS];
    by_input(f, lines, "figures", rows);
    for (size_t k = 0; k < NINPUTS; k++) {
        assert_string_equal(gk_cli_str(rows[k], "template"), "2019");
        assert_string_equal(gk_cli_str(rows[k], "consistency"), "ok");
        assert_string_equal(gk_cli_str(rows[k], "notes"), "");
        expect_figures(inputs[k].name, json_object_get(rows[k], "figures"),
                       json_object_get(rows[ORIGINAL], "figures"));
    }
    json_decref(lines);

    /* --by report --json carries them too */
    lines = QUERY_JSON(f, 0, "--json", "--by", "report", "-n", "100", "采购金额:54369");
    json_t *hits[NINPUTS];
    by_input(f, lines, "hit", hits);
    for (size_t k = 0; k < NINPUTS; k++)
        expect_figures(inputs[k].name, json_object_get(hits[k], "figures"),
                       json_object_get(hits[ORIGINAL], "figures"));
    json_decref(lines);
}

/* The report record of inputs[k] (gongkai-query --show ID --json). */
static json_t *show(const fixture *f, size_t k)
{
    json_t *lines = QUERY_JSON(f, 0, "--show", f->report_ids[k], "--json");
    assert_int_equal(json_array_size(lines), 1);
    json_t *rec = json_incref(json_array_get(lines, 0));
    json_decref(lines);
    assert_string_equal(gk_cli_str(rec, "type"), "report");
    return rec;
}

/* 1 if a and b are equal JSON values or both absent. */
static int same(const json_t *a, const json_t *b)
{
    return a == NULL ? b == NULL : b != NULL && json_equal(a, b);
}

static void test_whole_record_same_as_the_original(void **state)
{
    fixture *f = *state;
    json_t *original = show(f, ORIGINAL);
    for (size_t k = 0; k < NINPUTS; k++) {
        json_t *rec = show(f, k);
        const char *name = inputs[k].name;
        json_t *place = json_object_get(rec, "place");
        assert_string_equal(gk_cli_str(place, "status"), "resolved");
        assert_string_equal(gk_cli_str(place, "code"), "640425100");
        json_t *sections = json_object_get(rec, "sections");
        if (json_array_size(sections) != NSECTIONS)
            fail_msg("%s: %zu sections", name, json_array_size(sections));
        for (size_t i = 0; i < NSECTIONS; i++) {
            json_t *s = json_array_get(sections, i);
            if (strcmp(gk_cli_str(s, "id"), sections_002[i].id) != 0 ||
                strcmp(gk_cli_str(s, "title"), sections_002[i].title) != 0)
                fail_msg("%s: section %zu is %s '%s', expected %s '%s'", name, i,
                         gk_cli_str(s, "id"), gk_cli_str(s, "title"), sections_002[i].id,
                         sections_002[i].title);
        }
        json_t *cats = json_object_get(rec, "categories");
        assert_int_equal(json_array_size(cats), 3);
        /* every figure from the same place of the report */
        json_t *figs = json_object_get(rec, "figures");
        json_t *orig_figs = json_object_get(original, "figures");
        for (size_t i = 0; i < NFIGURES; i++) {
            json_t *v = json_object_get(figs, figures_002[i].id);
            json_t *o = json_object_get(orig_figs, figures_002[i].id);
            if (json_is_null(o)) {
                if (!json_is_null(v))
                    fail_msg("%s: %s known", name, figures_002[i].id);
                continue;
            }
            if (!json_equal(json_object_get(v, "value"), json_object_get(o, "value")) ||
                strcmp(gk_cli_str(v, "source"), gk_cli_str(o, "source")) != 0 ||
                !same(json_object_get(v, "column"), json_object_get(o, "column")))
                fail_msg("%s: %s read from elsewhere than in the .txt", name,
                         figures_002[i].id);
        }
        json_t *checks = json_object_get(rec, "checks");
        assert_true(json_equal(checks, json_object_get(original, "checks")));
        json_decref(rec);
    }
    json_decref(original);
}

/* ---- noise ------------------------------------------------------------------ */

static void expect_no_noise(const char *what, const char *text)
{
    for (size_t i = 0; i < NNOISE; i++)
        if (strstr(text, noise_strings[i]) != NULL)
            fail_msg("%s holds '%s': %s", what, noise_strings[i], text);
}

static void test_page_noise_is_never_shown_or_found(void **state)
{
    fixture *f = *state;
    /* the problems heading is still a heading, its snippet clean */
    json_t *lines = QUERY_JSON(f, 0, "--json", "-n", "100", "知晓率", "section:problems");
    json_t *hits[NINPUTS];
    by_input(f, lines, "hit", hits);
    expect_no_noise("problems snippet", gk_cli_str(hits[NOISY], "snippet"));
    expect_no_noise("problems heading", gk_cli_str(hits[NOISY], "section_title"));
    assert_string_equal(gk_cli_str(hits[NOISY], "snippet"), gk_cli_str(hits[ORIGINAL], "snippet"));
    json_decref(lines);

    /* every section, with its heading as the report wrote it */
    json_t *rec = show(f, NOISY);
    char *dump = json_dumps(json_object_get(rec, "sections"), 0);
    expect_no_noise("--show --json sections", dump);
    free(dump);
    assert_string_equal(gk_cli_str(rec, "title"), "彭阳县白阳镇人民政府 2020年政府信息公开工作年度报告");
    /* published 2021, about 2020 */
    assert_int_equal(json_integer_value(json_object_get(rec, "year")), 2020);
    json_decref(rec);
    gk_test_run_result r;
    gk_cli_query(&r, f->cli.db, "--show", f->report_ids[NOISY], NULL);
    assert_int_equal(r.status, 0);
    char *from = strstr(r.out, "\nsections\n");
    assert_non_null(from);
    char *to = strstr(from, "\n\n");
    assert_non_null(to);
    *to = '\0';
    expect_no_noise("--show sections", from);
    for (size_t i = 1; i < NSECTIONS; i++)
        assert_non_null(strstr(from, sections_002[i].title));
    gk_test_run_clear(&r);

    /* and nothing of it is indexed */
    for (size_t i = 0; i < NNOISE; i++) {
        json_t *found = QUERY_JSON(f, 1, "--json", noise_strings[i], "kind:report");
        if (json_array_size(found) != 1)
            fail_msg("'%s' found in %s", noise_strings[i],
                     gk_cli_str(json_array_get(found, 0), "path"));
        json_decref(found);
    }
}

/* ---- refused files ----------------------------------------------------------- */

typedef struct refusal {
    const char *name;
    const char *reason; /* the whole message after "PATH: ", or (prefix) its
                           start: the rest comes from poppler or libzip */
    int prefix;
} refusal;

static void test_refused_files_are_named_and_the_rest_indexed(void **state)
{
    gk_cli *cli = *state; /* a directory of its own (not the group's) */
    const char *dir = cli->in;
    size_t len;
    char *report = gk_test_read_file(GK_TEST_REPORT_002, &len);
    assert_non_null(report);
    char *good_txt = gk_test_put(dir, "good.txt", report, len);
    size_t n;
    char *docx = gk_test_docx_from_text(report, len, &n);
    char *good_docx = gk_test_put(dir, "good.docx", docx, n);
    free(docx);

    /* what gongkai says of each: docs/TEXT.md (.doc and RTF: "save as .docx
     * or PDF"), docs/FORMATS.md (encrypted PDF) */
    static const refusal refused[] = {
        {"old.doc", "Word 97-2003 document (.doc) is not supported: save it as .docx or PDF", 0},
        {"report.rtf", "RTF document is not supported: save it as .docx or PDF", 0},
        {"locked.pdf", "encrypted PDF (password required)", 0},
        {"cut.pdf", "cannot read PDF: ", 1},
        {"cut.docx", "damaged Word document", 1},
    };
#define NREFUSED (sizeof refused / sizeof refused[0])
    char *paths[NREFUSED];
    /* Word 97-2003: the OLE2 signature, then a sector of nothing */
    char ole[512] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    paths[0] = gk_test_put(dir, refused[0].name, ole, sizeof ole);
    const char *rtf = "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}\n"
                      "\\f0 \\'b0\\'d7\\'d1\\'f4\\'d5\\'f2 2020\\par\n}\n";
    paths[1] = gk_test_put(dir, refused[1].name, rtf, strlen(rtf));
    gk_test_pdf pdf;
    memset(&pdf, 0, sizeof pdf);
    gk_test_pdf_page(&pdf, 0);
    gk_test_pdf_text(&pdf, 72, 700, 12, "彭阳县白阳镇人民政府2020年政府信息公开工作年度报告");
    pdf.encrypted = 1;
    char *locked = gk_test_pdf_bytes(&pdf, &n);
    paths[2] = gk_test_put(dir, refused[2].name, locked, n);
    free(locked);
    /* downloads cut off half way: a damaged file is that file's failure,
     * the run goes on */
    char *whole = gk_test_pdf_from_text(report, len, &n);
    paths[3] = gk_test_put(dir, refused[3].name, whole, n / 2);
    free(whole);
    whole = gk_test_docx_from_text(report, len, &n);
    paths[4] = gk_test_put(dir, refused[4].name, whole, n / 2);
    free(whole);
    free(report);

    gk_test_run_result r;
    gk_cli_index(&r, cli->db, dir, NULL);
    assert_int_equal(r.status, 1);
    /* one line each, exactly "gongkai-index: PATH: reason" */
    assert_int_equal(gk_test_count_lines(r.err), NREFUSED);
    for (size_t i = 0; i < NREFUSED; i++) {
        char line[4096];
        snprintf(line, sizeof line, "gongkai-index: %s: %s%s", paths[i], refused[i].reason,
                 refused[i].prefix ? "" : "\n");
        if (strstr(r.err, line) == NULL)
            fail_msg("no line '%s' in: %s", line, r.err);
    }
    assert_non_null(strstr(r.out, "indexed 2 files"));
    assert_non_null(strstr(r.out, "5 failed"));
    gk_test_run_clear(&r);

    /* --json: a file line for each, the same reason */
    gk_cli_index(&r, cli->db, "--json", "--force", dir, NULL);
    assert_int_equal(r.status, 1);
    json_t *lines = gk_cli_json_lines(r.out);
    size_t failed = 0, indexed = 0, i;
    json_t *j;
    json_array_foreach(lines, i, j) {
        const char *type = gk_cli_str(j, "type");
        if (strcmp(type, "summary") == 0) {
            assert_int_equal(json_integer_value(json_object_get(j, "indexed")), 2);
            assert_int_equal(json_integer_value(json_object_get(j, "failed")), NREFUSED);
            continue;
        }
        assert_string_equal(type, "file");
        const char *path = gk_cli_str(j, "path");
        if (strcmp(path, good_txt) == 0 || strcmp(path, good_docx) == 0) {
            assert_string_equal(gk_cli_str(j, "status"), "indexed");
            assert_int_equal(json_integer_value(json_object_get(j, "year")), 2020);
            indexed++;
            continue;
        }
        size_t k = 0;
        while (k < NREFUSED && strcmp(path, paths[k]) != 0)
            k++;
        if (k == NREFUSED)
            fail_msg("file line for %s", path);
        assert_string_equal(gk_cli_str(j, "status"), "failed");
        if (refused[k].prefix)
            assert_true(strncmp(gk_cli_str(j, "error"), refused[k].reason,
                                strlen(refused[k].reason)) == 0);
        else
            assert_string_equal(gk_cli_str(j, "error"), refused[k].reason);
        assert_null(json_object_get(j, "report_id"));
        failed++;
    }
    assert_int_equal(indexed, 2);
    assert_int_equal(failed, NREFUSED);
    json_decref(lines);
    gk_test_run_clear(&r);

    /* the good files are searchable */
    gk_cli_query(&r, cli->db, "--json", "-n", "0", "存在的主要问题", "section:problems", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"total\":2"));
    gk_test_run_clear(&r);

    for (size_t k = 0; k < NREFUSED; k++)
        free(paths[k]);
    free(good_txt);
    free(good_docx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_file_read_as_its_content_says),
        cmocka_unit_test(test_found_in_the_problems_section),
        cmocka_unit_test(test_figures_as_a_person_reads_them),
        cmocka_unit_test(test_whole_record_same_as_the_original),
        cmocka_unit_test(test_page_noise_is_never_shown_or_found),
        GK_CLI_TEST(test_refused_files_are_named_and_the_rest_indexed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

/* test_cli_read.c - end to end: reading what was found (issue 17, point
 * 1): --text gives each hit's matched sections whole, as written; text
 * output names each hit's report id; --show takes a unique id prefix or a
 * file's path, and with --text prints the whole report by section.
 *
 * The reports are written here; every expected value below is read from
 * their text (a report id is the indexer's hash of the file's absolute
 * path, docs/JSON.md, computed here from the path). */
#define _XOPEN_SOURCE 700
#include "gk_cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_db.h"

/* A report in the six parts of the 2021 national form.  Its problems
 * section holds a tab (a table's cells) and U+202E, the right-to-left
 * override (the indexer keeps it; C0 controls it drops), which a terminal
 * must never receive raw. */
#define TITLE "白阳镇人民政府2021年政府信息公开工作年度报告"
#define OVERVIEW "一、总体情况\n2021年，白阳镇认真贯彻落实条例，全年主动公开政府信息120条。\n"
#define PROACTIVE "二、主动公开政府信息情况\n本年新制发规范性文件0件。\n"
#define REQUESTS "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请3件。\n"
#define REVIEW "四、政府信息公开行政复议、行政诉讼情况\n本年无行政复议和行政诉讼。\n"
#define PROBLEMS_HEAD "五、存在的主要问题及改进情况\n（一）存在的主要问题\n"
#define PROBLEMS_BODY                                        \
    "一是信息公开不够及时。\n"                               \
    "二是群众知晓率不高\xe2\x80\xae。\n"                      \
    "项目\t数量\n"                                           \
    "（二）改进措施\n"                                       \
    "加强培训，提高公开质量。\n"
#define OTHER "六、其他需要报告的事项\n无。\n"
#define REPORT                                                                  \
    TITLE "\n" OVERVIEW PROACTIVE REQUESTS REVIEW PROBLEMS_HEAD PROBLEMS_BODY \
        OTHER

/* A second report, of another year, without the words searched for. */
#define REPORT_2                                                                 \
    "白阳镇人民政府2020年政府信息公开工作年度报告\n"                              \
    "一、总体情况\n2020年，白阳镇主动公开政府信息98条。\n" PROACTIVE REQUESTS REVIEW \
    "五、存在的主要问题及改进情况\n公开平台建设有待加强。\n" OTHER

/* A page saved from a site: a breadcrumb and a metadata line (page
 * noise, cut from the text shown), Windows line ends. */
#define PAGE                                                   \
    "当前位置：首页 > 政务公开 > 年度报告\r\n"                 \
    "\r\n"                                                     \
    "峰灵镇人民政府2023年政府信息公开工作年度报告\r\n"         \
    "发布时间：2024-01-20  浏览次数：128\r\n"                  \
    "一、总体情况\r\n"                                         \
    "2023年，峰灵镇全年主动公开政府信息80条。\r\n"             \
    "五、存在的主要问题及改进情况\r\n"                         \
    "二是宣传不够，群众知晓率不高。\r\n"                       \
    "六、其他需要报告的事项\r\n"                               \
    "无。\r\n"

/* The same report as a web page: its lines are not the text's. */
#define HTML_PAGE                                                          \
    "<html><head><meta charset=\"utf-8\"><title>峰灵镇人民政府2022年政府" \
    "信息公开工作年度报告</title></head><body>"                           \
    "<h1>峰灵镇人民政府2022年政府信息公开工作年度报告</h1>"               \
    "<h2>一、总体情况</h2><p>2022年，峰灵镇全年主动公开政府信息70条。</p>" \
    "<h2>五、存在的主要问题及改进情况</h2><p>群众知晓率不高。</p>"         \
    "<h2>六、其他需要报告的事项</h2><p>无。</p></body></html>\n"

/* The line of text (1-based) where heading begins, as grep numbers it. */
static long line_of(const char *text, const char *heading)
{
    const char *at = strstr(text, heading);
    assert_non_null(at);
    long line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* The report id gongkai-index gives the file at absolute path abs: 64-bit
 * FNV-1a of the path (docs/JSON.md: "stable for a file's path"). */
/* The report id of the file at abs inside the folder indexed: FNV-1a of
 * its collection key, the folder's name and the path below it
 * (gk_report_id.h), written here from that description. */
static void id_of(char out[17], const char *abs)
{
    const char *key = abs + strlen(abs);
    for (int slashes = 0; key > abs; key--)
        if (key[-1] == '/' && ++slashes == 2)
            break;
    unsigned long long h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    snprintf(out, 17, "%016llx", h);
}

/* Write REPORT (and REPORT_2) into cli's input folder and index it; the
 * first's absolute path in abs, its id in id. */
static void index_reports(gk_cli *f, char abs[PATH_MAX], char id[17])
{
    free(gk_test_put(f->in, "2021.txt", REPORT, sizeof REPORT - 1));
    free(gk_test_put(f->in, "2020.txt", REPORT_2, sizeof REPORT_2 - 1));
    char *path = gk_test_join(f->in, "2021.txt");
    assert_non_null(realpath(path, abs));
    free(path);
    id_of(id, abs);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
}

/* --json --text: the matched section's "text" is the section whole as
 * written, from its heading to the next section's; without --text there
 * is none. */
static void test_text_in_json(void **state)
{
    gk_cli *f = *state;
    char abs[PATH_MAX], id[17];
    index_reports(f, abs, id);
    json_t *lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "--text", "知晓率"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    json_t *hit = json_array_get(hits, 0);
    assert_string_equal(gk_cli_str(hit, "report_id"), id);
    json_t *secs = json_object_get(hit, "sections");
    assert_int_equal(json_array_size(secs), 1);
    json_t *s = json_array_get(secs, 0);
    assert_string_equal(gk_cli_str(s, "id"), "problems");
    assert_string_equal(gk_cli_str(s, "text"), PROBLEMS_HEAD PROBLEMS_BODY);
    assert_int_equal(json_integer_value(json_object_get(s, "line")),
                     line_of(REPORT, PROBLEMS_HEAD));
    json_decref(hits);
    json_decref(lines);

    lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "知晓率"));
    hits = gk_cli_of_type(lines, "hit");
    s = json_array_get(json_object_get(json_array_get(hits, 0), "sections"), 0);
    assert_null(json_object_get(s, "text"));
    json_decref(hits);
    json_decref(lines);

    /* every matched section carries its own text: 公开 is in all six */
    lines = gk_cli_query_json(f->db, 0,
                              GK_CLI_ARGS("--json", "--text", "政府信息", "year:2021"));
    hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    secs = json_object_get(json_array_get(hits, 0), "sections");
    const char *want[][2] = {{"overview", OVERVIEW},
                             {"proactive", PROACTIVE},
                             {"requests", REQUESTS},
                             {"review_litigation", REVIEW}};
    assert_true(json_array_size(secs) >= 4);
    for (size_t k = 0; k < 4; k++) {
        json_t *sec = NULL;
        size_t i;
        json_t *c;
        json_array_foreach(secs, i, c) if (strcmp(gk_cli_str(c, "id"), want[k][0]) == 0) sec = c;
        assert_non_null(sec);
        assert_string_equal(gk_cli_str(sec, "text"), want[k][1]);
        assert_int_equal(json_integer_value(json_object_get(sec, "line")),
                         line_of(REPORT, want[k][1]));
    }
    json_decref(hits);
    json_decref(lines);
}

/* path:line: the line of the file where each section starts, as grep
 * numbers it, also when page noise was cut out before it and the lines
 * end in CR LF; none for a web page, whose lines are not the text's. */
static void test_section_lines(void **state)
{
    gk_cli *f = *state;
    char *page = gk_test_put(f->in, "page.txt", PAGE, sizeof PAGE - 1);
    free(gk_test_put(f->in, "page.html", HTML_PAGE, sizeof HTML_PAGE - 1));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    char abs[PATH_MAX];
    assert_non_null(realpath(page, abs));
    free(page);

    json_t *lines = gk_cli_query_json(f->db, 0,
                                      GK_CLI_ARGS("--json", "--text", "知晓率", "year:2023"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    json_t *s = json_array_get(json_object_get(json_array_get(hits, 0), "sections"), 0);
    assert_string_equal(gk_cli_str(s, "id"), "problems");
    assert_int_equal(json_integer_value(json_object_get(s, "line")),
                     line_of(PAGE, "五、存在的主要问题及改进情况"));
    json_decref(hits);
    json_decref(lines);

    lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "--text", "知晓率", "year:2022"));
    hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    s = json_array_get(json_object_get(json_array_get(hits, 0), "sections"), 0);
    assert_string_equal(gk_cli_str(s, "id"), "problems");
    assert_null(json_object_get(s, "line"));
    json_decref(hits);
    json_decref(lines);

    /* text: path:line on the section's line, and in --show --text */
    char want[PATH_MAX + 128];
    snprintf(want, sizeof want, "── problems 存在的主要问题及改进情况  %s:%ld\n"
             "五、存在的主要问题及改进情况\n", abs,
             line_of(PAGE, "五、存在的主要问题及改进情况"));
    gk_cli_query(&r, f->db, "--text", "知晓率", "year:2023", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, want));
    gk_test_run_clear(&r);
    snprintf(want, sizeof want, "\n── overview  %s:%ld\n一、总体情况\n", abs,
             line_of(PAGE, "一、总体情况"));
    gk_cli_query(&r, f->db, "--show", abs, "--text", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, want));
    gk_test_run_clear(&r);
}

/* A database indexed by the version before (layout 9: the narrow facet
 * values not packed again alone; 8: the link pass's marks as terms; 7: no sketch of the problems section; 6: no copied problems sections; 5: report ids from the absolute path; 4: before GK_SLOT_ORDER;
 * 3: before the record moved into the document) is refused by
 * both programs in one line saying to rebuild it; --force does. */
static void test_older_layout_is_refused(void **state)
{
    gk_cli *f = *state;
    char abs[PATH_MAX], id[17];
    index_reports(f, abs, id);
    gk_db *db = NULL;
    char *stamp = NULL;
    size_t len = 0;
    assert_int_equal(gk_db_open(&db, f->db, GK_DB_WRITE, NULL), GK_OK);
    assert_int_equal(gk_db_get_metadata(db, "layout", &stamp, &len, NULL), GK_OK);
    assert_true(len > 3 && memcmp(stamp, "10 ", 3) == 0);
    stamp[1] = '9'; /* "9 A=...": as the version before wrote it */
    assert_int_equal(gk_db_set_metadata(db, "layout", stamp + 1, len - 1, NULL), GK_OK);
    assert_int_equal(gk_db_commit(db, NULL), GK_OK);
    gk_db_close(db);
    free(stamp);

    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--text", "知晓率", NULL);
    assert_int_equal(r.status, 3);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "another version of gongkai"));
    assert_non_null(strstr(r.err, "rebuild it with gongkai-index --force"));
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "another version of gongkai"));
    gk_test_run_clear(&r);
    gk_cli_index(&r, f->db, "--force", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--text", "知晓率", NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
}

/* Text output: each hit's report id before its path and, with --text, the
 * section whole (its line breaks and tabs kept, U+202E shown as
 * \u{202e}) instead of the snippet. */
static void test_text_output(void **state)
{
    gk_cli *f = *state;
    char abs[PATH_MAX], id[17];
    index_reports(f, abs, id);
    gk_test_run_result r;
    char idline[PATH_MAX + 64];
    snprintf(idline, sizeof idline, "\n   %s  %s\n", id, abs);

    gk_cli_query(&r, f->db, "知晓率", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, idline));
    assert_null(strstr(r.out, "── problems"));
    gk_test_run_clear(&r);

    gk_cli_query(&r, f->db, "--text", "知晓率", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, idline));
    char head[PATH_MAX + 128];
    snprintf(head, sizeof head, "── problems 存在的主要问题及改进情况  %s:%ld\n", abs,
             line_of(REPORT, PROBLEMS_HEAD));
    assert_non_null(strstr(r.out, head));
    assert_non_null(strstr(r.out, "五、存在的主要问题及改进情况\n"
                                  "（一）存在的主要问题\n"
                                  "一是信息公开不够及时。\n"
                                  "二是群众知晓率不高\\u{202e}。\n"
                                  "项目\t数量\n"
                                  "（二）改进措施\n"
                                  "加强培训，提高公开质量。\n"));
    assert_null(strstr(r.out, "\xe2\x80\xae"));
    assert_null(strstr(r.out, "六、其他需要报告的事项"));
    gk_test_run_clear(&r);

    /* a table has no sections to print */
    gk_cli_query(&r, f->db, "--text", "--figures", "知晓率", NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "--text"));
    assert_string_equal(r.out, "");
    gk_test_run_clear(&r);
}

/* The first name of the form "rN.txt" in dir whose report id shares its
 * first 4 hex digits with another's: both names into a and b. */
static void colliding_names(const char *dir, char a[32], char b[32])
{
    static int seen[65536];
    memset(seen, -1, sizeof seen);
    for (int n = 0; n < 1000000; n++) {
        char path[PATH_MAX + 32], id[17];
        snprintf(path, sizeof path, "%s/r%d.txt", dir, n);
        id_of(id, path);
        unsigned prefix = (unsigned)strtoul((char[5]){id[0], id[1], id[2], id[3], 0}, NULL, 16);
        if (seen[prefix] >= 0) {
            snprintf(a, 32, "r%d.txt", seen[prefix]);
            snprintf(b, 32, "r%d.txt", n);
            return;
        }
        seen[prefix] = n;
    }
    fail_msg("no two names share a 4-digit prefix");
}

/* --show takes a unique prefix of a report id (any case), or the path of
 * an indexed file (as given, or resolved); an ambiguous prefix, one too
 * short or a word that is neither is a one-line usage error. */
static void test_show_prefix_and_path(void **state)
{
    gk_cli *f = *state;
    char abs[PATH_MAX], id[17];
    index_reports(f, abs, id);
    gk_test_run_result r;
    char prefix[8], upper[17];
    snprintf(prefix, sizeof prefix, "%.6s", id);
    for (size_t i = 0; i < 17; i++)
        upper[i] = (char)(id[i] >= 'a' && id[i] <= 'f' ? id[i] - 'a' + 'A' : id[i]);
    char *dotted = gk_test_join(f->in, "./2021.txt");
    const char *ways[] = {id, prefix, upper, abs, dotted};
    char reportline[PATH_MAX + 64];
    snprintf(reportline, sizeof reportline, "  report %s · report · %s\n", id, abs);
    for (size_t k = 0; k < sizeof ways / sizeof ways[0]; k++) {
        gk_cli_query(&r, f->db, "--show", ways[k], NULL);
        if (r.status != 0)
            fail_msg("--show %s: %s", ways[k], r.err);
        assert_true(strncmp(r.out, TITLE "\n", sizeof TITLE) == 0);
        assert_non_null(strstr(r.out, reportline));
        gk_test_run_clear(&r);
    }
    free(dotted);

    /* a file that is not indexed: nothing found (exit 1) */
    char *other = gk_test_put(f->in, "notes.txt", "x", 1);
    gk_cli_query(&r, f->db, "--show", other, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "no report of the file"));
    gk_test_run_clear(&r);
    free(other);

    const char *bad[] = {"abc", "zzz", "0123456789abcdef0"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        gk_cli_query(&r, f->db, "--show", bad[k], NULL);
        assert_int_equal(r.status, 2);
        assert_int_equal(gk_test_count_lines(r.err), 1);
        assert_string_equal(r.out, "");
        gk_test_run_clear(&r);
    }
}

/* Two reports whose ids begin alike: their 4-digit prefix names both. */
static void test_show_ambiguous_prefix(void **state)
{
    gk_cli *f = *state;
    char real[PATH_MAX], a[32], b[32];
    assert_non_null(realpath(f->in, real));
    colliding_names(real, a, b);
    free(gk_test_put(f->in, a, REPORT, sizeof REPORT - 1));
    free(gk_test_put(f->in, b, REPORT_2, sizeof REPORT_2 - 1));
    gk_test_run_result r;
    gk_cli_index(&r, f->db, f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    char path[PATH_MAX + 32], id[17], prefix[5];
    snprintf(path, sizeof path, "%s/%s", real, a);
    id_of(id, path);
    snprintf(prefix, sizeof prefix, "%.4s", id);
    gk_cli_query(&r, f->db, "--show", prefix, NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "2 report ids"));
    gk_test_run_clear(&r);
    /* the whole id is unique */
    gk_cli_query(&r, f->db, "--show", id, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
}

/* --show ID --text: the record, then every section whole, in reading
 * order; --json: "section_texts". */
static void test_show_text(void **state)
{
    gk_cli *f = *state;
    char abs[PATH_MAX], id[17];
    index_reports(f, abs, id);
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--show", id, "--text", NULL);
    assert_int_equal(r.status, 0);
    const char *parts[][2] = {{"overview", OVERVIEW},
                              {"proactive", PROACTIVE},
                              {"requests", REQUESTS},
                              {"review_litigation", REVIEW},
                              {"problems", PROBLEMS_HEAD "一是信息公开不够及时。\n"},
                              {"other", OTHER}};
    const char *at = strstr(r.out, "\ntext\n");
    assert_non_null(at);
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        char want[PATH_MAX + 512];
        snprintf(want, sizeof want, "\n── %s  %s:%ld\n%s", parts[k][0], abs,
                 line_of(REPORT, parts[k][1]), parts[k][1]);
        const char *p = strstr(at, want);
        if (p == NULL)
            fail_msg("no %s after the one before in:\n%s", want, r.out);
        at = p;
    }
    assert_null(strstr(r.out, "\xe2\x80\xae"));
    gk_test_run_clear(&r);

    /* without --text, no text */
    gk_cli_query(&r, f->db, "--show", id, NULL);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "加强培训"));
    gk_test_run_clear(&r);

    json_t *lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--show", id, "--text", "--json"));
    assert_int_equal(json_array_size(lines), 1);
    json_t *texts = json_object_get(json_array_get(lines, 0), "section_texts");
    const char *ids[] = {"overview", "proactive", "requests", "review_litigation",
                         "problems", "other"};
    const char *want[] = {OVERVIEW, PROACTIVE, REQUESTS, REVIEW,
                          PROBLEMS_HEAD PROBLEMS_BODY, OTHER};
    size_t i, k = 0;
    json_t *s;
    json_array_foreach(texts, i, s)
    {
        if (strcmp(gk_cli_str(s, "id"), "preamble") == 0)
            continue; /* the title */
        assert_true(k < 6);
        assert_string_equal(gk_cli_str(s, "id"), ids[k]);
        assert_string_equal(gk_cli_str(s, "text"), want[k]);
        assert_int_equal(json_integer_value(json_object_get(s, "line")),
                         line_of(REPORT, want[k]));
        k++;
    }
    assert_int_equal(k, 6);
    json_decref(lines);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_text_in_json),
        GK_CLI_TEST(test_text_output),
        GK_CLI_TEST(test_show_prefix_and_path),
        GK_CLI_TEST(test_show_ambiguous_prefix),
        GK_CLI_TEST(test_show_text),
        GK_CLI_TEST(test_section_lines),
        GK_CLI_TEST(test_older_layout_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_cli_search.c - end to end: gongkai-index on corpus/, then
 * gongkai-query as a user runs it.  The expected townships, counties and
 * years were read from the reports themselves. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_utf8.h"
#include "gk_util.h"

typedef struct expected_report {
    const char *file;
    const char *township;
    const char *county;
    int year;
} expected_report;

/* Read off each report's title (or signature) by a person.  曲峨镇's county
 * is not in its text: the national division list knows one 曲峨镇, in
 * 山西省临汾市大宁县 (its 邮编 042300 and 电话 0357 agree); 柳泉镇 is one of
 * four and stays without a county. */
static const expected_report corpus[] = {
    {"000_925b706919d91c02.txt", "曲峨镇", "大宁县", 2020},
    {"001_74cc16f0ef581249.txt", "柳泉镇", "", 2021},
    {"002_c7f4534a7f0d64bb.txt", "白阳镇", "彭阳县", 2020},
    {"003_09235f57ffce7de4.txt", "布海镇", "德惠市", 2020},
    {"004_999193c3277cf575.txt", "峰灵镇", "巫溪县", 2023},
};
#define NREPORTS (sizeof corpus / sizeof corpus[0])

/* The hits of gongkai-query -d DB ARGS... (with --json among them), whose
 * output must be JSON Lines of hits ending with one summary; fails unless
 * it exits `want` (GK_CLI_0_OR_1: 0 or 1).  *total (when not NULL) gets
 * the summary's total. */
static json_t *hits_of(void **state, int want, long *total, const char *const *args)
{
    gk_cli *f = *state;
    json_t *lines = gk_cli_query_json(f->db, want, args);
    json_t *summary = gk_cli_summary(lines); /* nothing after it */
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), json_array_size(lines) - 1);
    if (total != NULL)
        *total = (long)json_integer_value(json_object_get(summary, "total"));
    json_decref(lines);
    return hits;
}

/* The hits of gongkai-query -d DB --json ARGS..., exiting `want`. */
#define QUERY(want, total, ...) \
    hits_of(state, (want), (total), GK_CLI_ARGS("--json", __VA_ARGS__))

/* Which corpus reports (bit i for corpus[i]) the hits come from. */
static unsigned reports_hit(json_t *hits)
{
    unsigned mask = 0;
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h)
    {
        for (size_t k = 0; k < NREPORTS; k++)
            if (gk_test_ends_with(gk_cli_str(h, "path"), corpus[k].file))
                mask |= 1u << k;
    }
    return mask;
}

/* The characters [start, end) of s. */
static char *substr_chars(const char *s, size_t start, size_t end)
{
    size_t len = strlen(s), i = 0, k = 0;
    while (i < len && k < start) {
        gk_utf8_next(s, len, &i);
        k++;
    }
    size_t from = i;
    while (i < len && k < end) {
        gk_utf8_next(s, len, &i);
        k++;
    }
    char *out = malloc(i - from + 1);
    memcpy(out, s + from, i - from);
    out[i - from] = '\0';
    return out;
}

static void test_problems_section_of_every_report(void **state)
{
    long total = -1;
    json_t *hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "1000", "\"存在的主要问题\"");
    assert_int_equal(total, json_array_size(hits));
    for (size_t k = 0; k < NREPORTS; k++) {
        int found = 0;
        size_t i;
        json_t *h;
        json_array_foreach(hits, i, h)
        {
            if (gk_test_ends_with(gk_cli_str(h, "path"), corpus[k].file) &&
                strcmp(gk_cli_str(h, "section"), "problems") == 0)
                found = 1;
        }
        if (!found)
            fail_msg("%s: no hit in its problems section", corpus[k].file);
    }
    /* each highlight marks exactly the query text */
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h)
    {
        json_t *spans = json_object_get(h, "highlights");
        assert_true(json_array_size(spans) >= 1);
        json_t *span = json_array_get(spans, 0);
        char *marked = substr_chars(gk_cli_str(h, "snippet"),
                                    (size_t)json_integer_value(json_array_get(span, 0)),
                                    (size_t)json_integer_value(json_array_get(span, 1)));
        assert_string_equal(marked, "存在的主要问题");
        free(marked);
    }
    json_decref(hits);
}

static void test_by_report_gives_each_report_once(void **state)
{
    long total = -1;
    json_t *hits = QUERY(GK_CLI_0_OR_1, &total, "--by", "report", "存在的主要问题");
    assert_int_equal(total, 5);
    assert_int_equal(json_array_size(hits), 5);
    assert_int_equal(reports_hit(hits), 0x1f);
    json_decref(hits);
    /* each report says it in one section only */
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "0", "存在的主要问题");
    assert_int_equal(total, 5);
    assert_int_equal(json_array_size(hits), 0);
    json_decref(hits);
    /* 公开 is in all 7 sections of 曲峨镇's and 峰灵镇's reports and in 6 of
     * the other three (their 其他需要报告的事项 are 无, a web address, and
     * 本年度无其他需要报告的事项): 32 sections, 5 reports, and each
     * report's hit counts its sections */
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "0", "公开");
    assert_int_equal(total, 5); /* a result is a report, --by report or not */
    json_decref(hits);
    hits = QUERY(GK_CLI_0_OR_1, &total, "--by", "report", "公开");
    assert_int_equal(total, 5);
    long sections = 0;
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h)
        sections += (long)json_integer_value(json_object_get(h, "sections_matched"));
    assert_int_equal(sections, 32);
    json_decref(hits);
}

/* The reports (bit i for corpus[i]) among hits whose sections list
 * names section id. */
static unsigned reports_with_section(json_t *hits, const char *id)
{
    unsigned mask = 0;
    size_t i, k;
    json_t *h, *sec;
    json_array_foreach(hits, i, h)
    {
        json_array_foreach(json_object_get(h, "sections"), k, sec)
        {
            if (strcmp(gk_cli_str(sec, "id"), id) != 0)
                continue;
            json_t *one = json_array();
            json_array_append(one, h);
            mask |= reports_hit(one);
            json_decref(one);
        }
    }
    return mask;
}

/* A hit is a report naming the sections that matched: the snippet's
 * first, each once, and within section: filters only; section:X finds
 * exactly the reports whose X matched, and -section:X those where a
 * section other than X did. */
static void test_hits_name_their_matched_sections(void **state)
{
    long total = -1;
    json_t *hits = QUERY(0, &total, "-n", "100", "宣传");
    size_t i, k;
    json_t *h, *sec;
    json_array_foreach(hits, i, h)
    {
        json_t *secs = json_object_get(h, "sections");
        assert_true(json_array_size(secs) >= 1);
        assert_int_equal(json_integer_value(json_object_get(h, "sections_matched")),
                         json_array_size(secs));
        /* the snippet is the first's, and shows the match */
        assert_string_equal(gk_cli_str(h, "section"),
                            gk_cli_str(json_array_get(secs, 0), "id"));
        assert_true(json_array_size(json_object_get(h, "highlights")) >= 1);
        assert_non_null(strstr(gk_cli_str(h, "snippet"), "宣传"));
        json_array_foreach(secs, k, sec)
            assert_true(strlen(gk_cli_str(sec, "label")) > 0);
    }
    unsigned in_problems = reports_with_section(hits, "problems");
    unsigned elsewhere = 0;
    json_array_foreach(hits, i, h)
    {
        json_t *secs = json_object_get(h, "sections");
        json_array_foreach(secs, k, sec)
        {
            if (strcmp(gk_cli_str(sec, "id"), "problems") == 0)
                continue;
            json_t *one = json_array();
            json_array_append(one, h);
            elsewhere |= reports_hit(one);
            json_decref(one);
        }
    }
    json_decref(hits);
    assert_true(in_problems != 0);
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "100", "宣传", "section:problems");
    assert_int_equal(reports_hit(hits), in_problems);
    json_array_foreach(hits, i, h)
    {
        assert_int_equal(json_array_size(json_object_get(h, "sections")), 1);
        assert_string_equal(gk_cli_str(h, "section"), "problems");
    }
    json_decref(hits);
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "100", "宣传", "-section:problems");
    assert_int_equal(reports_hit(hits), elsewhere);
    assert_int_equal(reports_with_section(hits, "problems"), 0);
    json_decref(hits);
    /* every report says 存在的主要问题 in its problems section alone */
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "0", "存在的主要问题", "-section:problems");
    assert_int_equal(total, 0);
    json_decref(hits);
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "100", "存在的主要问题", "section:overview");
    assert_int_equal(total, 0);
    json_decref(hits);
    /* 公开 is in 7 sections of 曲峨镇's report: all listed, in reading order */
    hits = QUERY(0, &total, "-n", "100", "公开");
    json_array_foreach(hits, i, h)
    {
        if (!gk_test_ends_with(gk_cli_str(h, "path"), corpus[0].file))
            continue;
        json_t *secs = json_object_get(h, "sections");
        assert_int_equal(json_array_size(secs), 7);
        assert_string_equal(gk_cli_str(json_array_get(secs, 0), "id"), "preamble");
        assert_string_equal(gk_cli_str(json_array_get(secs, 6), "id"), "other");
    }
    json_decref(hits);
    /* a listing of section:review_litigation names that section alone */
    hits = QUERY(GK_CLI_0_OR_1, &total, "-n", "100", "section:review_litigation");
    assert_true(total > 0);
    json_array_foreach(hits, i, h)
    {
        assert_int_equal(json_array_size(json_object_get(h, "sections")), 1);
        assert_string_equal(gk_cli_str(h, "section"), "review_litigation");
    }
    json_decref(hits);
}

static void test_township_county_and_year_of_every_report(void **state)
{
    long total = -1;
    json_t *hits = QUERY(GK_CLI_0_OR_1, &total, "--by", "report", "-n", "100");
    assert_int_equal(total, 5);
    for (size_t k = 0; k < NREPORTS; k++) {
        size_t i;
        json_t *h;
        int seen = 0;
        json_array_foreach(hits, i, h)
        {
            if (!gk_test_ends_with(gk_cli_str(h, "path"), corpus[k].file))
                continue;
            seen = 1;
            assert_string_equal(gk_cli_str(h, "kind"), "report");
            assert_string_equal(gk_cli_str(h, "township"), corpus[k].township);
            assert_string_equal(gk_cli_str(h, "county"), corpus[k].county);
            assert_int_equal(json_integer_value(json_object_get(h, "year")), corpus[k].year);
        }
        assert_true(seen);
    }
    /* a listing comes newest first */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(hits, 0), "year")), 2023);
    json_decref(hits);
}

/* The reports found by --by report ARGS... are exactly `want` (bit i for
 * corpus[i]), and the exit code says whether anything was found. */
static void expect_reports(void **state, unsigned want, const char *const *args)
{
    json_t *hits = hits_of(state, want ? 0 : 1, NULL, args);
    unsigned got = reports_hit(hits);
    json_decref(hits);
    if (got != want)
        fail_msg("'%s': reports %#x, expected %#x", args[5], got, want);
}

#define REPORTS(want, ...) \
    expect_reports(state, (want), GK_CLI_ARGS("--json", "--by", "report", "-n", "100", __VA_ARGS__))

static void test_filters(void **state)
{
    REPORTS(1u << 1, "township:柳泉镇");
    REPORTS(1u << 1, "镇:柳泉");
    REPORTS(1u << 2, "县:彭阳");
    REPORTS(1u << 3, "county:德惠市");
    REPORTS(1u << 0 | 1u << 2 | 1u << 3, "year:2020");
    REPORTS(1u << 1 | 1u << 4, "年份:2021..2023");
    REPORTS(1u << 4, "year:2022..");
    REPORTS(1u << 1 | 1u << 4, "NOT", "year:2020");
    REPORTS(0, "year:2019");
    /* text and filters together: of the 2020 reports, 白阳镇 and 布海镇
     * name 宣传 in their problems sections, 曲峨镇 does not */
    REPORTS(1u << 2 | 1u << 3, "宣传", "section:problems", "year:2020");
    /* 知晓率: 白阳镇's problems and 柳泉镇's improvement measures */
    REPORTS(1u << 1 | 1u << 2, "知晓率", "章节:问题");
    REPORTS(1u << 2, "知晓率", "-township:柳泉镇");
    REPORTS(1u << 2 | 1u << 3, "彭阳 OR 德惠");
}

static void test_single_characters_and_mixed_text(void **state)
{
    REPORTS(0x1f, "讼");
    /* written "54369 元": the space between number and unit does not matter */
    REPORTS(1u << 2, "54369元");
    REPORTS(1u << 3, "180万元");
    REPORTS(1u << 0, "0.65万元");
    /* a year next to Chinese text (Xapian's own parser mis-reads this):
     * three reports name both (a result is a report: the words may be in
     * two sections), and only 曲峨镇's in one section, its last */
    REPORTS(1u << 0 | 1u << 2 | 1u << 3, "2020 行政复议");
    REPORTS(1u << 0, "2020 行政复议 section:other");
    REPORTS(0, "2022 行政复议");
}

/* Deterministic pseudo-random numbers for sampling. */
static unsigned long next_rand(unsigned long *s)
{
    *s = *s * 6364136223846793005ul + 1442695040888963407ul;
    return *s >> 33;
}

static int cjk(uint32_t c)
{
    return c >= 0x4E00 && c <= 0x9FFF;
}

/* Substrings cut from each report at arbitrary points: pure CJK ones find
 * exactly the reports grep finds; ones that mix in digits and punctuation
 * (but do not cut a number in half) find their own report. */
static void test_arbitrary_substrings_find_their_report(void **state)
{
    char *texts[NREPORTS];
    size_t lens[NREPORTS];
    for (size_t k = 0; k < NREPORTS; k++) {
        char *path = gk_test_join(GK_TEST_CORPUS_DIR, corpus[k].file);
        texts[k] = gk_test_read_file(path, &lens[k]);
        assert_non_null(texts[k]);
        free(path);
    }
    unsigned long seed = 20261123;
    size_t queries = 0;
    for (size_t k = 0; k < NREPORTS; k++) {
        const char *t = texts[k];
        size_t len = lens[k];
        for (int sample = 0; sample < 24; sample++) {
            int pure = sample % 2 == 0;
            size_t want_chars = 2 + next_rand(&seed) % 9;
            size_t at = gk_utf8_floor(t, len, next_rand(&seed) % len);
            /* start on a CJK character */
            while (at < len) {
                size_t j = at;
                if (cjk(gk_utf8_next(t, len, &j)))
                    break;
                at = j;
            }
            size_t end = at, n = 0, last_cjk_end = at;
            while (end < len && n < want_chars) {
                size_t j = end;
                uint32_t c = gk_utf8_next(t, len, &j);
                if (c == '\n' || c == '"' || (pure && !cjk(c)))
                    break;
                end = j;
                n++;
                if (cjk(c))
                    last_cjk_end = end;
            }
            end = last_cjk_end; /* end on a CJK character too */
            if (end <= at)
                continue;
            char needle[256];
            snprintf(needle, sizeof needle, "\"%.*s\"", (int)(end - at), t + at);
            unsigned grep = 0;
            for (size_t m = 0; m < NREPORTS; m++) {
                char raw[256];
                snprintf(raw, sizeof raw, "%.*s", (int)(end - at), t + at);
                if (strstr(texts[m], raw) != NULL)
                    grep |= 1u << m;
            }
            json_t *hits = QUERY(GK_CLI_0_OR_1, NULL, "--by", "report", "-n", "100", needle);
            unsigned got = reports_hit(hits);
            json_decref(hits);
            queries++;
            if (!(got & (1u << k)))
                fail_msg("%s not found by %s", corpus[k].file, needle);
            if (pure && got != grep)
                fail_msg("%s found reports %#x, grep finds %#x", needle, got, grep);
        }
    }
    assert_true(queries >= 100);
    for (size_t k = 0; k < NREPORTS; k++)
        free(texts[k]);
}

static void test_paging(void **state)
{
    long total = -1, total2 = -1;
    json_t *all = QUERY(GK_CLI_0_OR_1, &total, "-n", "100", "公开");
    json_t *page = QUERY(GK_CLI_0_OR_1, &total2, "-n", "2", "--offset", "2", "公开");
    assert_int_equal(total, total2);
    assert_int_equal(json_array_size(page), 2);
    for (size_t i = 0; i < 2; i++) {
        json_t *a = json_array_get(all, i + 2), *b = json_array_get(page, i);
        assert_int_equal(json_integer_value(json_object_get(b, "rank")), (json_int_t)(i + 3));
        assert_string_equal(gk_cli_str(a, "report_id"), gk_cli_str(b, "report_id"));
        assert_string_equal(gk_cli_str(a, "section"), gk_cli_str(b, "section"));
    }
    json_decref(all);
    json_decref(page);
}

static void test_no_hits_and_errors(void **state)
{
    gk_cli *f = *state;
    long total = -1;
    json_t *hits = QUERY(1, &total, "量子计算机");
    assert_int_equal(total, 0);
    json_decref(hits);

    gk_test_run_result r;
    gk_cli_query(&r, f->db, "\"存在的主要问题", NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "gongkai-query: query: unterminated quote"));
    assert_string_equal(r.out, "");
    gk_test_run_clear(&r);

    gk_cli_query(&r, "/nonexistent/db", "公开", NULL);
    assert_int_equal(r.status, 3);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "gongkai-query: /nonexistent/db: no database here"));
    gk_test_run_clear(&r);

    gk_cli_query(&r, NULL, "--by", "township", "公开", NULL);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
}

/* Run a query given as several arguments; it must give a result (0 or 1,
 * nothing on stderr) or one line of error and exit 2.  Returns the status. */
static int hostile(void **state, char **args, size_t nargs)
{
    gk_cli *f = *state;
    const char **list = calloc(nargs + 2, sizeof *list);
    assert_non_null(list);
    list[0] = "--json";
    for (size_t i = 0; i < nargs; i++)
        list[1 + i] = args[i];
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_QUERY_BIN, f->db, list, NULL);
    free(list);
    if (r.status != 0 && r.status != 1 && r.status != 2)
        fail_msg("exit %d for a hostile query: %s", r.status, r.err);
    if (r.status == 2) {
        assert_int_equal(gk_test_count_lines(r.err), 1);
        assert_non_null(strstr(r.err, "gongkai-query: "));
        assert_true(gk_utf8_valid(r.err, r.err_len));
    } else {
        assert_string_equal(r.err, "");
    }
    assert_true(gk_utf8_valid(r.out, r.out_len));
    int status = r.status;
    gk_test_run_clear(&r);
    return status;
}

static void test_hostile_queries(void **state)
{
    /* invalid UTF-8: searched as what it decodes to */
    char *bad_utf8[] = {"\xff\xfe\xe5\x85\xac\xe5\xbc\x80\xc0"};
    int st = hostile(state, bad_utf8, 1);
    assert_true(st == 0 || st == 1);
    /* 1 MB of text in ten arguments: refused as too long */
    char *big[10];
    size_t piece = 100 * 1024;
    for (size_t i = 0; i < 10; i++) {
        big[i] = malloc(piece + 1);
        for (size_t k = 0; k + 3 <= piece; k += 3)
            memcpy(big[i] + k, "公", 3);
        big[i][piece - piece % 3] = '\0';
    }
    assert_int_equal(hostile(state, big, 10), 2);
    for (size_t i = 0; i < 10; i++)
        free(big[i]);
    /* unbalanced quotes and parentheses */
    char *quotes[] = {"\"公开", "“年度", "\"\"\""};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(hostile(state, quotes + i, 1), 2);
    char *parens[] = {"((((公开", ")))", "(公开))", "()"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(hostile(state, parens + i, 1), 2);
    /* a thousand operators, and nesting ten thousand deep */
    gk_buf ops = {0}, deep = {0};
    for (int i = 0; i < 1000; i++)
        gk_buf_adds(&ops, "公开 AND NOT ");
    gk_buf_adds(&ops, "报告");
    for (int i = 0; i < 10000; i++)
        gk_buf_addc(&deep, '(');
    gk_buf_adds(&deep, "公开");
    for (int i = 0; i < 10000; i++)
        gk_buf_addc(&deep, ')');
    char *many[] = {ops.data, deep.data};
    assert_int_equal(hostile(state, many, 1), 2);
    assert_int_equal(hostile(state, many + 1, 1), 2);
    gk_buf_free(&ops);
    gk_buf_free(&deep);
    /* absurd ranges: refused or empty, never a crash */
    char *ranges[] = {"year:99999999999999999999..-5",
                      "procurement_amount_yuan:1e308..1e309",
                      "requests_new:>=-99999999999999999999999",
                      "year:2020..2020..2020",
                      "procurement_amount_yuan:nan",
                      "procurement_amount_yuan:0x10..0x20",
                      "fees_amount_yuan:1万万..",
                      "year:-2147483649"};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        hostile(state, ranges + i, 1);
    /* only operators, only punctuation */
    char *empty[] = {"AND OR NOT", "。，、！", "-"};
    for (size_t i = 0; i < 3; i++)
        hostile(state, empty + i, 1);
}

/* --batch: one query per line, each with its own summary naming it; a bad
 * line is reported with its line number and the rest still run. */
/* A space between Chinese words in a quoted phrase only shows where they
 * meet: "政府 信息" finds what 政府信息 finds, as README and --help say of
 * "行政 复议" and “行政复议”; Latin words keep their space. */
static void test_phrase_with_spaces(void **state)
{
    gk_cli *f = *state;
    long joined = gk_cli_count(f->db, "政府信息", NULL);
    assert_true(joined > 0);
    assert_int_equal(gk_cli_count(f->db, "\"政府 信息\"", NULL), joined);
    assert_int_equal(gk_cli_count(f->db, "\"政府  信息\"", NULL), joined);
    long review = gk_cli_count(f->db, "“行政复议”", NULL);
    assert_true(review > 0);
    assert_int_equal(gk_cli_count(f->db, "\"行政 复议\"", NULL), review);
    assert_int_equal(gk_cli_count(f->db, "“行政 复议”", NULL), review);
}

/* A misspelt field, Chinese or Latin, is an error naming the nearest ones
 * (exit 2), not text that finds nothing; a lower-case "or" gets a note. */
static void test_field_typos(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "采购额:1万..", NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "did you mean 采购金额"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "乡镇名:柳泉", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "did you mean 乡镇 (township)"));
    gk_test_run_clear(&r);
    assert_int_equal(gk_cli_count(f->db, "requests_new", ">=", "0", NULL),
                     gk_cli_count(f->db, "requests_new>=0", NULL));
    gk_cli_query(&r, f->db, "-n", "0", "宣传", "or", "诉讼", NULL);
    assert_non_null(strstr(r.err, "gongkai-query: note: 'or' is searched as a word; "
                                  "the operator is OR"));
    gk_test_run_clear(&r);
}

/* Counting: -n 0, --exact and --by report count exactly; "at least" is the
 * same figure whatever -n, in text and JSON.  1200 small reports of six
 * sections each, every section saying 公开透明 (a result is a report: 1200
 * matches, more than the 1000 counted exactly). */
static void test_counts_are_exact_or_stable(void **state)
{
    (void)state;
    gk_cli own = {0};
    gk_cli_init(&own);
    static const char *const heads[] = {"一、总体情况", "二、主动公开政府信息情况",
                                        "三、收到和处理政府信息公开申请情况",
                                        "四、政府信息公开行政复议、行政诉讼情况",
                                        "五、存在的主要问题及改进情况",
                                        "六、其他需要报告的事项"};
    for (int i = 0; i < 1200; i++) {
        gk_buf b = {0};
        gk_buf_printf(&b, "第%d镇人民政府2020年政府信息公开工作年度报告\n\n", i);
        for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
            gk_buf_printf(&b, "%s\n\n本镇坚持公开透明，做好政务工作，编号%d。", heads[h], i);
            /* weights that differ from report to report, so that a page
             * of the best ten need not look at every match */
            for (int k = 0; k < i % 4; k++)
                gk_buf_printf(&b, "公开透明");
            for (int k = 0; k < i % 13; k++)
                gk_buf_printf(&b, "服务群众");
            gk_buf_printf(&b, "\n\n");
        }
        char name[32];
        snprintf(name, sizeof name, "r%04d.txt", i);
        free(gk_test_put(own.in, name, b.data, b.len));
        gk_buf_free(&b);
    }
    gk_test_run_result r;
    gk_cli_index(&r, own.db, "-q", own.in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    const char *const ns[] = {"0", "10", "20"};
    for (size_t i = 0; i < 3; i++) {
        /* reports: exact whatever -n */
        json_t *lines = gk_cli_query_json(own.db, 0,
                                          GK_CLI_ARGS("--json", "-n", ns[i], "--by", "report", "年"));
        json_t *sum = gk_cli_summary(lines);
        assert_int_equal(json_integer_value(json_object_get(sum, "total")), 1200);
        assert_true(json_is_true(json_object_get(sum, "total_exact")));
        json_decref(lines);
        gk_cli_query(&r, own.db, "-n", ns[i], "--by", "report", "年", NULL);
        assert_non_null(strstr(r.out, "1200 matching reports"));
        assert_null(strstr(r.out, "at least"));
        gk_test_run_clear(&r);
        /* without --by: -n 0 exact; else "at least 1000", in text and JSON */
        lines = gk_cli_query_json(own.db, 0, GK_CLI_ARGS("--json", "-n", ns[i], "\"公开透明\""));
        sum = gk_cli_summary(lines);
        /* -n 0 counts exactly; a page says 1200 only when the engine
         * knows it exactly (each report's six sections are one document
         * now, and it may), else "at least 1000", never an estimate */
        int first = i == 0;
        int exact = json_is_true(json_object_get(sum, "total_exact"));
        assert_true(exact || !first);
        assert_int_equal(json_integer_value(json_object_get(sum, "total")), exact ? 1200 : 1000);
        json_decref(lines);
        gk_cli_query(&r, own.db, "-n", ns[i], "\"公开透明\"", NULL);
        assert_non_null(strstr(r.out, exact ? "1200 matching reports" : "at least 1000 matching reports"));
        gk_test_run_clear(&r);
    }
    json_t *lines = gk_cli_query_json(own.db, 0, GK_CLI_ARGS("--json", "--exact", "\"公开透明\""));
    assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "total")), 1200);
    json_decref(lines);
    /* filters and exclusions alone: every match is checked to order the
     * page anyway, so the count is exact whatever -n.  编号11 is in
     * report 11 alone (a number is one word: 编号110 is not 编号11), so
     * 1199 are left */
    static const char *const listings[] = {"-\"编号11\"", "year:2019..2021 -\"编号11\"",
                                           "continuity:unknown -\"编号11\""};
    for (size_t i = 0; i < sizeof listings / sizeof listings[0]; i++) {
        lines = gk_cli_query_json(own.db, 0, GK_CLI_ARGS("--json", "-n", "10", listings[i]));
        json_t *sum = gk_cli_summary(lines);
        assert_int_equal(json_integer_value(json_object_get(sum, "total")), 1199);
        assert_true(json_is_true(json_object_get(sum, "total_exact")));
        json_decref(lines);
    }
    gk_cli_query(&r, own.db, "-n", "10", "year:2019..2021 -\"编号11\"", NULL);
    assert_non_null(strstr(r.out, "1199 matching reports"));
    gk_test_run_clear(&r);
    /* --facet counts every match: the total is exact too (the page alone
     * says "at least 1000" here), per query of a batch */
    lines = gk_cli_query_json(own.db, 0, GK_CLI_ARGS("--json", "-n", "10", "--facet", "year",
                                                     "\"公开透明\""));
    assert_int_equal(json_integer_value(json_object_get(gk_cli_summary(lines), "total")), 1200);
    assert_true(json_is_true(json_object_get(gk_cli_summary(lines), "total_exact")));
    json_decref(lines);
    gk_cli_query(&r, own.db, "-n", "10", "--facet", "province", "\"公开透明\"", NULL);
    assert_non_null(strstr(r.out, "\n1200 matching reports"));
    gk_test_run_clear(&r);
    static const char queries[] = "\"公开透明\"\n\"编号11\"\n";
    char *batch = gk_test_put(own.in, "queries.txt", queries, strlen(queries));
    lines = gk_cli_query_json(own.db, 0, GK_CLI_ARGS("--json", "-n", "10", "--facet", "year",
                                                     "--batch", batch));
    unsigned long want[] = {1200, 1}, got = 0;
    for (size_t i = 0; i < json_array_size(lines); i++) {
        json_t *l = json_array_get(lines, i);
        if (strcmp(json_string_value(json_object_get(l, "type")), "summary") != 0)
            continue;
        assert_true(got < 2);
        assert_int_equal(json_integer_value(json_object_get(l, "total")), want[got]);
        assert_true(json_is_true(json_object_get(l, "total_exact")));
        got++;
    }
    assert_int_equal(got, 2);
    json_decref(lines);
    free(batch);
    gk_cli_clear(&own);
}

/* Facets: the year facet in year order; every facet an (unknown) row, so
 * that its counts add up to the matching reports; --format csv and tsv
 * give the facets alone as rows, with --by-year too. */
static void test_facet_unknown_rows_and_formats(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    /* the five reports: 2020 x3, 2021, 2023; counties of four (柳泉镇 is
     * ambiguous) */
    gk_cli_query(&r, f->db, "--json", "-n", "0", "--facet", "year,county", "公开", NULL);
    assert_int_equal(r.status, 0);
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *year = json_array_get(lines, 0), *county = json_array_get(lines, 1);
    assert_string_equal(gk_cli_str(year, "field"), "year");
    json_t *counts = json_object_get(year, "counts");
    assert_string_equal(gk_cli_str(json_array_get(counts, 0), "value"), "2020");
    assert_string_equal(gk_cli_str(json_array_get(counts, 1), "value"), "2021");
    assert_string_equal(gk_cli_str(json_array_get(counts, 2), "value"), "2023");
    assert_int_equal(json_integer_value(json_object_get(year, "unknown")), 0);
    long sum = 0;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(county, "counts"), i, c)
        sum += (long)json_integer_value(json_object_get(c, "count"));
    assert_int_equal(sum, 4);
    assert_int_equal(json_integer_value(json_object_get(county, "unknown")), 1);
    json_decref(lines);
    gk_test_run_clear(&r);

    gk_cli_query(&r, f->db, "-n", "0", "--facet", "county", "公开", NULL);
    assert_non_null(strstr(r.out, "(unknown)"));
    gk_test_run_clear(&r);

    gk_cli_query(&r, f->db, "--facet", "year,county", "--format", "csv", "公开", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_true(strncmp(r.out, "field,value,count\nyear,2020,3\nyear,2021,1\nyear,2023,1\n"
                               "year,,0\n", strlen("field,value,count\nyear,2020,3\n"
                                                   "year,2021,1\nyear,2023,1\nyear,,0\n")) == 0);
    assert_non_null(strstr(r.out, "\ncounty,,1\n"));
    assert_null(strstr(r.out, "matching")); /* the table alone */
    gk_test_run_clear(&r);

    gk_cli_query(&r, f->db, "--facet", "county", "--by-year", "--format", "tsv", NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "field\tvalue\tyear\tcount\n", 23) == 0);
    assert_non_null(strstr(r.out, "county\t巫溪县 (重庆市)\t2023\t1\n"));
    assert_non_null(strstr(r.out, "county\t\t2021\t1\n")); /* 柳泉镇, 2021 */
    gk_test_run_clear(&r);
}

/* A NUL byte in a --batch line: that line is an error, shown whole; it is
 * neither cut at the NUL nor, alone on its line, a listing of everything. */
static void test_batch_nul(void **state)
{
    gk_cli *f = *state;
    char *file = gk_test_join(f->in, "nul.txt");
    static const char lines[] = "量子\0存在的主要问题\n\0\n量子计算机\n";
    gk_test_write_file(file, lines, sizeof lines - 1);
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--json", "--batch", file, NULL);
    assert_int_equal(r.status, 2);
    assert_int_equal(gk_test_count_lines(r.err), 2);
    assert_non_null(strstr(r.err, ":1: query: a NUL byte in the query"));
    assert_non_null(strstr(r.err, ":2: query: a NUL byte in the query"));
    json_t *all = gk_cli_json_lines(r.out);
    assert_int_equal(json_array_size(all), 3); /* error, error, summary */
    json_t *e = json_array_get(all, 0);
    assert_string_equal(gk_cli_str(e, "type"), "error");
    assert_string_equal(gk_cli_str(e, "query"), "量子\\x00存在的主要问题");
    assert_string_equal(gk_cli_str(json_array_get(all, 1), "query"), "\\x00");
    json_t *s = json_array_get(all, 2);
    assert_string_equal(gk_cli_str(s, "query"), "量子计算机");
    assert_int_equal(json_integer_value(json_object_get(s, "total")), 0);
    json_decref(all);
    gk_test_run_clear(&r);
    free(file);
}

static void test_batch(void **state)
{
    gk_cli *f = *state;
    char *file = gk_test_join(f->in, "queries.txt");
    const char *lines = "存在的主要问题\n"
                        "# a comment\n"
                        "\n"
                        "\"行政复议\" year:2023\r\n"
                        "\"unbalanced\n"
                        "量子计算机\n";
    gk_test_write_file(file, lines, strlen(lines));
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--json", "-n", "2", "--by", "report", "--batch", file, NULL);
    assert_int_equal(r.status, 2); /* one query was bad */
    assert_int_equal(gk_test_count_lines(r.err), 1);
    char expected[4096];
    snprintf(expected, sizeof expected, "gongkai-query: %s:5: query: unterminated quote", file);
    assert_true(strncmp(r.err, expected, strlen(expected)) == 0);
    /* summaries in file order, each after its hits */
    const char *want_query[] = {"存在的主要问题", "\"行政复议\" year:2023", NULL, "量子计算机"};
    const long want_total[] = {5, 1, -1, 0};
    const char *want_path[] = {NULL, "004_999193c3277cf575.txt", NULL, NULL};
    size_t at = 0, hits = 0, i;
    json_t *all = gk_cli_json_lines(r.out), *j;
    json_array_foreach(all, i, j) {
        const char *type = gk_cli_str(j, "type");
        assert_true(at < 4);
        if (strcmp(type, "hit") == 0) {
            hits++;
            if (want_path[at] != NULL)
                assert_non_null(strstr(json_string_value(json_object_get(j, "path")),
                                       want_path[at]));
        } else if (strcmp(type, "error") == 0) {
            assert_int_equal(at, 2);
            assert_int_equal(json_integer_value(json_object_get(j, "line")), 5);
            assert_string_equal(json_string_value(json_object_get(j, "query")), "\"unbalanced");
            at++;
        } else {
            assert_string_equal(type, "summary");
            assert_string_equal(json_string_value(json_object_get(j, "query")), want_query[at]);
            assert_int_equal(json_integer_value(json_object_get(j, "total")), want_total[at]);
            assert_true(json_is_number(json_object_get(j, "elapsed_ms")));
            assert_true(json_number_value(json_object_get(j, "elapsed_ms")) >= 0.0);
            at++;
        }
    }
    json_decref(all);
    assert_int_equal(at, 4);
    assert_int_equal(hits, 3); /* 2 of 5, then the one 2023 report */
    gk_test_run_clear(&r);

    /* all good: exit 0; from stdin, in text */
    const char *good = "存在的主要问题\n量子计算机\n";
    gk_test_write_file(file, good, strlen(good));
    gk_cli_query(&r, f->db, "-n", "0", "--batch", file, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "query: 存在的主要问题 ("));
    assert_non_null(strstr(r.out, "5 matching reports."));
    assert_non_null(strstr(r.out, "query: 量子计算机 ("));
    assert_non_null(strstr(r.out, "No matching reports."));
    gk_test_run_clear(&r);

    /* query words or --figures besides --batch: usage error */
    gk_cli_query(&r, f->db, "--batch", file, "公开", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--batch"));
    gk_test_run_clear(&r);
    free(file);
}

static void test_help_and_version(void **state)
{
    (void)state;
    const char *progs[] = {GK_TEST_QUERY_BIN, GK_TEST_INDEX_BIN};
    for (size_t i = 0; i < 2; i++) {
        gk_test_run_result r;
        gk_cli_run(&r, progs[i], NULL, GK_CLI_ARGS("--help"), NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "Usage:"));
        assert_non_null(strstr(r.out, "Exit status"));
        assert_string_equal(r.err, "");
        gk_test_run_clear(&r);
        gk_cli_run(&r, progs[i], NULL, GK_CLI_ARGS("--version"), NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "gongkai-"));
        gk_test_run_clear(&r);
        gk_cli_run(&r, progs[i], NULL, GK_CLI_ARGS("--no-such-option"), NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(r.out, "");
        gk_test_run_clear(&r);
    }
}

static void test_colour_only_when_asked(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "存在的主要问题", NULL);
    assert_int_equal(r.status, 0);
    assert_null(strchr(r.out, '\033')); /* not a terminal */
    assert_non_null(strstr(r.out, "存在的主要问题"));
    assert_true(gk_utf8_valid(r.out, r.out_len));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--color=always", "存在的主要问题", NULL);
    assert_non_null(strstr(r.out, "\033[1;31m存在的主要问题\033[0m"));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--json", "--color=always", "存在的主要问题", NULL);
    assert_null(strchr(r.out, '\033')); /* --json never colours */
    gk_test_run_clear(&r);
    /* a bare --color is auto, as grep's: no colour into a pipe */
    gk_cli_query(&r, f->db, "--color", "存在的主要问题", NULL);
    assert_int_equal(r.status, 0);
    assert_null(strchr(r.out, '\033'));
    gk_test_run_clear(&r);
}

static void test_xapian_tools_open_the_database(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    char *delve[] = {"/usr/bin/xapian-delve", f->db, NULL};
    gk_test_run(&r, delve, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "number of documents"));
    gk_test_run_clear(&r);
    /* quest searches it with Xapian's own parser: numbers are plain terms */
    char *quest[] = {"/usr/bin/quest", "-d", f->db, "2020", NULL};
    gk_test_run(&r, quest, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "matches"));
    gk_test_run_clear(&r);
}

/* A one-word query ranks a report where it stands as a word above one
 * where it is only inside a longer word, though the latter says it more
 * often and comes first: 诉讼 alone (ICU: 提起 诉讼) above 行政诉讼 (one
 * word). */
static void test_whole_word_ranks_above_word_inside(void **state)
{
    gk_cli *f = *state;
    static const char inside[] = "某乡2021年政府信息公开工作年度报告\n"
                                 "一、总体情况\n"
                                 "本年度本乡没有行政诉讼案件，行政诉讼为零。\n";
    static const char whole[] = "某镇2021年政府信息公开工作年度报告\n"
                                "一、总体情况\n"
                                "本年度本镇没有被提起诉讼的情况。\n";
    char *a = gk_test_join(f->in, "a.txt"), *b = gk_test_join(f->in, "b.txt");
    gk_test_write_file(a, inside, sizeof inside - 1);
    gk_test_write_file(b, whole, sizeof whole - 1);
    gk_test_run_result r;
    gk_cli_index(&r, f->db, "-q", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    long total = 0;
    json_t *hits = QUERY(0, &total, "诉讼");
    assert_int_equal(total, 2); /* both found: the boost only orders */
    assert_true(gk_test_ends_with(gk_cli_str(json_array_get(hits, 0), "path"), "b.txt"));
    assert_true(gk_test_ends_with(gk_cli_str(json_array_get(hits, 1), "path"), "a.txt"));
    json_decref(hits);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_problems_section_of_every_report),
        cmocka_unit_test(test_by_report_gives_each_report_once),
        cmocka_unit_test(test_hits_name_their_matched_sections),
        cmocka_unit_test(test_township_county_and_year_of_every_report),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_single_characters_and_mixed_text),
        cmocka_unit_test(test_arbitrary_substrings_find_their_report),
        cmocka_unit_test(test_paging),
        cmocka_unit_test(test_no_hits_and_errors),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_batch_nul),
        cmocka_unit_test(test_phrase_with_spaces),
        cmocka_unit_test(test_field_typos),
        cmocka_unit_test(test_counts_are_exact_or_stable),
        cmocka_unit_test(test_facet_unknown_rows_and_formats),
        cmocka_unit_test(test_hostile_queries),
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_colour_only_when_asked),
        cmocka_unit_test(test_xapian_tools_open_the_database),
        /* its own database, not the corpus's */
        cmocka_unit_test_setup_teardown(test_whole_word_ranks_above_word_inside,
                                        gk_cli_setup, gk_cli_teardown),
    };
    return cmocka_run_group_tests(tests, gk_cli_corpus_setup, gk_cli_teardown);
}

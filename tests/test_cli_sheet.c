/* test_cli_sheet.c - end to end: spreadsheets.  --format xlsx writes a
 * real workbook (opened here with libzip, its sheets' XML read): figures
 * and counts as numeric cells, unknown figures as no cell at all, text
 * through the shared strings, a frozen header; facets one sheet each;
 * facets and --by-year as CSV rows; and every use that cannot print what
 * it says refused in one line, exit 2.  Expected values were read from the
 * corpus reports by a person (see test_cli_figures.c):
 *   003 布海镇 (德惠市, 2020): 2 items published, procurement 1800000 元;
 *   000 曲峨镇 (大宁县, 2020): 62 items, procurement 6500 元, requests
 *       table blank (unknown);
 *   reports of 2020: 000, 002, 003; 2021: 001; 2023: 004.
 * and (see test_cli_totals.c) procurement_amount_yuan 54369 元 in 002
 * 白阳镇 (2020), none in 001 and 004: 2020 sums to 1860869, mean
 * 620289.67. */
#define _GNU_SOURCE
#include "gk_cli.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zip.h>

/* The entry `name` of the ZIP archive at path, NUL-terminated; fails the
 * test when either is missing.  malloc'd. */
static char *zip_entry(const char *path, const char *name)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (z == NULL)
        fail_msg("%s: not a ZIP archive (libzip error %d)", path, err);
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0)
        fail_msg("%s: no %s in the workbook", path, name);
    char *text = malloc(st.size + 1);
    zip_file_t *zf = zip_fopen(z, name, 0);
    assert_non_null(text);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, text, st.size), (zip_int64_t)st.size);
    text[st.size] = '\0';
    zip_fclose(zf);
    zip_close(z);
    return text;
}

/* The cell `ref` ("X2") of a sheet's XML: its <c ...>...</c>, or NULL when
 * the sheet has no such cell.  malloc'd. */
static char *cell_of(const char *sheet, const char *ref)
{
    char open[32];
    snprintf(open, sizeof open, "<c r=\"%s\"", ref);
    const char *c = strstr(sheet, open);
    if (c == NULL)
        return NULL;
    const char *end = strstr(c, "</c>");
    const char *empty = strstr(c, "/>");
    if (empty != NULL && (end == NULL || empty < end) && empty < strchr(c, '>') + 1)
        end = empty;
    assert_non_null(end);
    return strndup(c, (size_t)(end - c) + (end == empty ? 2 : 4));
}

/* The cell ref holds the number want, typed as a number (no t="..."). */
static void expect_number(const char *sheet, const char *ref, const char *want)
{
    char *c = cell_of(sheet, ref);
    if (c == NULL)
        fail_msg("no cell %s (expected the number %s)", ref, want);
    char v[64];
    snprintf(v, sizeof v, "><v>%s</v></c>", want);
    if (strstr(c, " t=\"") != NULL || !gk_test_ends_with(c, v))
        fail_msg("cell %s is %s, expected the number %s", ref, c, want);
    free(c);
}

/* The sheet has no cell ref: an unknown figure, never 0. */
static void expect_empty(const char *sheet, const char *ref)
{
    char *c = cell_of(sheet, ref);
    if (c != NULL)
        fail_msg("cell %s is %s, expected none (unknown)", ref, c);
}

/* The cell ref is a shared string (t="s") whose text is want. */
static void expect_text(const char *sheet, const char *strings, const char *ref,
                        const char *want)
{
    char *c = cell_of(sheet, ref);
    if (c == NULL)
        fail_msg("no cell %s (expected the text %s)", ref, want);
    const char *v = strstr(c, "<v>");
    if (strstr(c, " t=\"s\"") == NULL || v == NULL)
        fail_msg("cell %s is %s, expected a shared string", ref, c);
    long k = strtol(v + 3, NULL, 10);
    const char *si = strings;
    for (long i = 0; i <= k; i++) {
        si = strstr(si, "<si>");
        assert_non_null(si);
        si += 4;
    }
    char t[256];
    snprintf(t, sizeof t, "<t>%s</t></si>", want);
    if (strncmp(si, t, strlen(t)) != 0)
        fail_msg("cell %s is string %ld, %.60s, expected %s", ref, k, si, want);
    free(c);
}

/* gongkai-query -d DB ARGS...: its exit code, with its output in *r. */
static int query(void **state, gk_test_run_result *r, const char *const *args)
{
    gk_cli *f = *state;
    gk_cli_run(r, GK_TEST_QUERY_BIN, f->db, args, NULL);
    return r->status;
}

static void test_figures_workbook(void **state)
{
    gk_cli *f = *state;
    char *book = gk_test_join(f->top, "figures.xlsx");
    gk_test_run_result r;
    assert_int_equal(query(state, &r, GK_CLI_ARGS("--figures", "--format", "xlsx", "-o", book,
                                                  "--sort", "proactive_items")),
                     0);
    assert_string_equal(r.out, ""); /* all of it in the file */
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    char *sheet = zip_entry(book, "xl/worksheets/sheet1.xml");
    char *strings = zip_entry(book, "xl/sharedStrings.xml");
    char *wb = zip_entry(book, "xl/workbook.xml");
    assert_non_null(strstr(wb, "<sheet name=\"figures\""));
    /* the header, frozen */
    assert_non_null(strstr(sheet, "ySplit=\"1\""));
    assert_non_null(strstr(sheet, "state=\"frozen\""));
    expect_text(sheet, strings, "A1", "report_id");
    expect_text(sheet, strings, "G1", "province");
    expect_text(sheet, strings, "H1", "place_code");
    expect_text(sheet, strings, "J1", "year");
    expect_text(sheet, strings, "M1", "completeness");
    expect_text(sheet, strings, "N1", "missing");
    expect_text(sheet, strings, "O1", "signed");
    expect_text(sheet, strings, "P1", "deadline");
    expect_text(sheet, strings, "Q1", "proactive_items");
    expect_text(sheet, strings, "AB1", "procurement_amount_yuan");
    expect_text(sheet, strings, "AC1", "requests_new");
    expect_text(sheet, strings, "AM1", "notes");
    /* row 2: 布海镇, 2 items */
    expect_text(sheet, strings, "D2", "布海镇");
    expect_text(sheet, strings, "E2", "德惠市");
    expect_text(sheet, strings, "F2", "长春市");
    expect_text(sheet, strings, "G2", "吉林省");
    expect_text(sheet, strings, "H2", "220183107"); /* a code: text */
    expect_text(sheet, strings, "I2", "resolved");
    expect_number(sheet, "J2", "2020");
    expect_text(sheet, strings, "K2", "2019");
    /* 布海镇 has the six parts and the tables, states no 考核/评议/追究
     * result, and ends without a date (read in corpus/003_…) */
    expect_text(sheet, strings, "M2", "incomplete");
    expect_text(sheet, strings, "N2", "assessment");
    expect_empty(sheet, "O2");
    expect_text(sheet, strings, "P2", "unknown");
    expect_number(sheet, "Q2", "2");
    expect_number(sheet, "AB2", "1800000");
    expect_number(sheet, "AC2", "0"); /* a real zero */
    /* row 3: 曲峨镇, 62 items; requests unknown: no cell, not 0 */
    expect_text(sheet, strings, "D3", "曲峨镇");
    expect_number(sheet, "Q3", "62");
    expect_number(sheet, "AB3", "6500");
    expect_empty(sheet, "AC3");
    /* five reports and the header */
    assert_non_null(strstr(sheet, "<row r=\"6\""));
    assert_null(strstr(sheet, "<row r=\"7\""));
    free(sheet);
    free(strings);
    free(wb);
    free(book);
}

static void test_facets_workbook(void **state)
{
    gk_cli *f = *state;
    char *book = gk_test_join(f->top, "facets.xlsx");
    int fd = open(book, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    /* standard output redirected to a file, as `> facets.xlsx` does */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fd, 1);
        char *argv[] = {GK_TEST_QUERY_BIN, "-d", f->db, "-n", "0", "--facet",
                        "year,province", "--by-year", "--format", "xlsx", NULL};
        execv(argv[0], argv);
        _exit(127);
    }
    close(fd);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *wb = zip_entry(book, "xl/workbook.xml");
    char *strings = zip_entry(book, "xl/sharedStrings.xml");
    char *year = zip_entry(book, "xl/worksheets/sheet1.xml");
    char *province = zip_entry(book, "xl/worksheets/sheet2.xml");
    assert_non_null(strstr(wb, "<sheet name=\"year\""));
    assert_non_null(strstr(wb, "<sheet name=\"province\""));
    expect_text(year, strings, "A1", "value");
    expect_text(year, strings, "B1", "year");
    expect_text(year, strings, "C1", "count");
    /* three reports of 2020, first; the years are numbers */
    expect_number(year, "A2", "2020");
    expect_number(year, "B2", "2020");
    expect_number(year, "C2", "3");
    /* every province counts one report of its year; 柳泉镇 (2021) has none:
     * the (unknown) rows, an empty value with a year and a count */
    assert_non_null(strstr(strings, "<t>吉林省</t>"));
    assert_non_null(strstr(strings, "<t>宁夏回族自治区</t>"));
    expect_number(province, "C2", "1");
    int unknown_2021 = 0;
    for (int row = 2; row < 12; row++) {
        char a[8], b[8], c[8];
        snprintf(a, sizeof a, "A%d", row);
        snprintf(b, sizeof b, "B%d", row);
        snprintf(c, sizeof c, "C%d", row);
        char *ca = cell_of(province, a), *cb = cell_of(province, b), *cc = cell_of(province, c);
        if (ca == NULL && cb != NULL && strstr(cb, "<v>2021</v>") && cc != NULL &&
            strstr(cc, "<v>1</v>"))
            unknown_2021 = 1;
        free(ca);
        free(cb);
        free(cc);
    }
    assert_true(unknown_2021);
    free(wb);
    free(strings);
    free(year);
    free(province);
    free(book);
}

/* --sum and --avg in a workbook: a sheet per facet, count, known and the
 * sum or mean as numbers; none known, an empty cell (never 0). */
static void test_totals_workbook(void **state)
{
    gk_cli *f = *state;
    char *book = gk_test_join(f->top, "totals.xlsx");
    gk_test_run_result r;
    assert_int_equal(query(state, &r, GK_CLI_ARGS("-n", "0", "--facet", "year", "--sum",
                                                  "procurement_amount_yuan", "--format",
                                                  "xlsx", "-o", book)),
                     0);
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    char *wb = zip_entry(book, "xl/workbook.xml");
    char *strings = zip_entry(book, "xl/sharedStrings.xml");
    char *year = zip_entry(book, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(wb, "<sheet name=\"year\""));
    expect_text(year, strings, "A1", "value");
    expect_text(year, strings, "B1", "count");
    expect_text(year, strings, "C1", "known");
    expect_text(year, strings, "D1", "sum");
    /* 2020: three reports, all three amounts known */
    expect_number(year, "A2", "2020");
    expect_number(year, "B2", "3");
    expect_number(year, "C2", "3");
    expect_number(year, "D2", "1860869");
    /* 2021: one report, no amount: unknown, not 0 */
    expect_number(year, "A3", "2021");
    expect_number(year, "B3", "1");
    expect_number(year, "C3", "0");
    expect_empty(year, "D3");
    free(wb);
    free(strings);
    free(year);

    assert_int_equal(query(state, &r, GK_CLI_ARGS("-n", "0", "--facet", "year", "--avg",
                                                  "procurement_amount_yuan", "--format",
                                                  "xlsx", "-o", book)),
                     0);
    gk_test_run_clear(&r);
    strings = zip_entry(book, "xl/sharedStrings.xml");
    year = zip_entry(book, "xl/worksheets/sheet1.xml");
    expect_text(year, strings, "D1", "mean");
    expect_number(year, "D2", "620289.67");
    free(strings);
    free(year);
    free(book);
}

static void test_facets_as_csv(void **state)
{
    gk_test_run_result r;
    assert_int_equal(query(state, &r, GK_CLI_ARGS("-n", "0", "--facet", "year",
                                                  "--format", "csv")),
                     0);
    assert_string_equal(r.out, "field,value,count\nyear,2020,3\nyear,2021,1\n"
                               "year,2023,1\nyear,,0\n");
    gk_test_run_clear(&r);
    assert_int_equal(query(state, &r, GK_CLI_ARGS("-n", "0", "--facet", "year", "--by-year",
                                                  "--format", "csv")),
                     0);
    assert_true(strncmp(r.out, "field,value,year,count\n", 23) == 0);
    assert_non_null(strstr(r.out, "\nyear,2020,2020,3\n"));
    gk_test_run_clear(&r);
    /* -o takes any output: the CSV table of figures into a file */
    gk_cli *f = *state;
    char *csv = gk_test_join(f->top, "figures.csv");
    assert_int_equal(query(state, &r, GK_CLI_ARGS("--figures", "-o", csv, "township:布海镇")), 0);
    assert_string_equal(r.out, "");
    gk_test_run_clear(&r);
    size_t len;
    char *text = gk_test_read_file(csv, &len);
    assert_int_equal(gk_test_count_lines(text), 2);
    assert_non_null(strstr(text, ",布海镇,德惠市,长春市,吉林省,220183107,resolved,2020,"));
    free(text);
    free(csv);
}

/* Each use gives one line on stderr, nothing on stdout, and exit 2. */
static void test_bad_uses(void **state)
{
    const char *const *const bad[] = {
        GK_CLI_ARGS("--format", "xlsx"),                  /* no table */
        GK_CLI_ARGS("--format", "csv", "公开"),           /* no table */
        GK_CLI_ARGS("--by-year", "--format", "csv"),      /* no facet */
        GK_CLI_ARGS("--by-year"),
        GK_CLI_ARGS("--figures", "--format", "xlsx", "--json"),
        GK_CLI_ARGS("--facet", "year", "--format", "xlsx", "--batch", "-"),
        GK_CLI_ARGS("--figures", "--format", "xls"),
        GK_CLI_ARGS("--show", "布海镇", "--format", "xlsx"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gk_test_run_result r;
        int status = query(state, &r, bad[i]);
        if (status != 2 || gk_test_count_lines(r.err) != 1 || r.out[0] != '\0')
            fail_msg("%s %s: exit %d, stderr %s", bad[i][0], bad[i][1], status, r.err);
        gk_test_run_clear(&r);
    }
    /* a folder that does not exist: an output error, exit 3 */
    gk_test_run_result r;
    assert_int_equal(query(state, &r, GK_CLI_ARGS("--figures", "-o", "/nonexistent/f.csv")), 3);
    assert_int_equal(gk_test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, "/nonexistent/f.csv: "));
    gk_test_run_clear(&r);
}

/* A workbook is refused on a terminal (a pseudo-terminal here). */
static void test_no_workbook_on_a_terminal(void **state)
{
    gk_cli *f = *state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    char *slave_name = strdup(ptsname(master));
    int errs[2];
    assert_int_equal(pipe(errs), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int slave = open(slave_name, O_RDWR | O_NOCTTY);
        if (slave < 0)
            _exit(126);
        dup2(slave, 1);
        dup2(errs[1], 2);
        close(master);
        char *argv[] = {GK_TEST_QUERY_BIN, "-d", f->db, "--figures", "--format", "xlsx", NULL};
        execv(argv[0], argv);
        _exit(127);
    }
    close(errs[1]);
    char err[4096];
    size_t len = 0;
    ssize_t got;
    /* stderr is unbuffered: the line may come in several writes */
    while (len < sizeof err - 1 && (got = read(errs[0], err + len, sizeof err - 1 - len)) > 0)
        len += (size_t)got;
    err[len] = '\0';
    close(errs[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(master);
    free(slave_name);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 2);
    assert_int_equal(gk_test_count_lines(err), 1);
    if (strstr(err, "--format xlsx: a workbook is binary") == NULL)
        fail_msg("not the terminal refused: %s", err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_workbook),
        cmocka_unit_test(test_facets_workbook),
        cmocka_unit_test(test_totals_workbook),
        cmocka_unit_test(test_facets_as_csv),
        cmocka_unit_test(test_bad_uses),
        cmocka_unit_test(test_no_workbook_on_a_terminal),
    };
    return cmocka_run_group_tests(tests, gk_cli_corpus_setup, gk_cli_teardown);
}

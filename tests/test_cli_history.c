/* test_cli_history.c - end to end: one place over the years (--history)
 * and continuity (continuity:, --facet continuity, --show, --figures),
 * kept right by the link pass of gongkai-index when a neighbouring year
 * is indexed later, re-indexed with another figure or pruned, and the same
 * from --shards 3 as from one database.
 *
 * The fixtures (tests/history/) are one township, 白阳镇 of 彭阳县
 * (640425100), over three years; read by a person, their requests tables
 * say (总计 column):
 *            新收 上年结转 予以公开 部分公开 无法提供 办理总计 结转下年度 主动公开
 *   2021      5    blank     3        1        0        4        1        84
 *   2022      6      1       4        1        0        5        2        97
 *   2023      4      3       5        0        1        6        1       103
 * so 2022's 上年结转 1 is 2021's 结转下年度 1 (ok), 2023's 3 is not
 * 2022's 2 (mismatch), and 2021, with no report of 2020, is unknown (and
 * its arithmetic incomplete: 上年结转 is blank).  The revised 2022
 * (baiyang_2022_revised.txt) carries 3 forward (予以公开 3, 总计 4), which
 * makes 2023 ok.  Problems named: 2021 更新不及时, 滞后 (timeliness),
 * 宣传力度不够, 知晓率 (outreach); 2022 更换频繁, 业务生疏 (staffing),
 * 形式较单一 (channels); 2023 政策解读 (interpretation), 错别字 (quality). */
#define _XOPEN_SOURCE 700
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "gk_util.h"

#define FIXTURES GK_TEST_CORPUS_DIR "/../tests/history/"
#define PLACE "640425100"

static char *fixture(const char *name)
{
    return gk_test_join(FIXTURES, name);
}

static void put_year(gk_cli *f, const char *name)
{
    char *src = fixture(name);
    free(gk_test_put_copy(f->in, name, src));
    free(src);
}

/* gongkai-index -d db [--prune] f->in, exiting 0 with nothing on stderr. */
static void index_into(gk_cli *f, const char *db, const char *opt)
{
    gk_test_run_result r;
    if (opt != NULL)
        gk_cli_index(&r, db, "-q", opt, f->in, NULL);
    else
        gk_cli_index(&r, db, "-q", f->in, NULL);
    if (r.status != 0 || r.err[0] != '\0')
        fail_msg("gongkai-index exited %d: %s", r.status, r.err);
    gk_test_run_clear(&r);
}

/* gongkai-index --json -d db f->in, exiting 0 with nothing on stderr:
 * its summary's linked.continuity and linked.copied, and its stage_ms
 * (each a whole number of milliseconds). */
static void index_linked(gk_cli *f, const char *db, long *continuity, long *copied)
{
    gk_test_run_result r;
    gk_cli_index(&r, db, "--json", f->in, NULL);
    if (r.status != 0 || r.err[0] != '\0')
        fail_msg("gongkai-index exited %d: %s", r.status, r.err);
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *summary = gk_cli_summary(lines);
    json_t *linked = json_object_get(summary, "linked");
    assert_true(json_is_integer(json_object_get(linked, "continuity")));
    assert_true(json_is_integer(json_object_get(linked, "copied")));
    *continuity = (long)json_integer_value(json_object_get(linked, "continuity"));
    *copied = (long)json_integer_value(json_object_get(linked, "copied"));
    json_t *ms = json_object_get(summary, "stage_ms");
    static const char *const stages[] = {"files", "link", "compact"};
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        json_t *v = json_object_get(ms, stages[i]);
        if (!json_is_integer(v) || json_integer_value(v) < 0)
            fail_msg("stage_ms.%s is no count of milliseconds: %s", stages[i], r.out);
    }
    json_decref(lines);
    gk_test_run_clear(&r);
}

/* The "history" lines of --history --json township:白阳镇, in order. */
static json_t *history(const char *db)
{
    json_t *lines = gk_cli_query_json(db, 0, GK_CLI_ARGS("--json", "--history", "township:白阳镇"));
    json_t *rows = gk_cli_of_type(lines, "history");
    json_decref(lines);
    return rows;
}

static json_t *figure(json_t *row, const char *what, const char *id)
{
    return json_object_get(json_object_get(row, what), id);
}

/* Row k's figure id (what: "figures" or "changes") is v; v < -1000:
 * null (unknown). */
static void expect_number(json_t *row, const char *what, const char *id, double v)
{
    json_t *x = figure(row, what, id);
    if (v < -1000) {
        if (!json_is_null(x))
            fail_msg("%s %s: expected null, got %s", what, id, json_dumps(x, JSON_ENCODE_ANY));
        return;
    }
    assert_true(json_is_number(x));
    assert_true(json_number_value(x) == v);
}
#define UNKNOWN (-1e9)

/* The continuity and the year before's 结转下年度 of the report of year. */
static void expect_continuity(json_t *rows, int year, const char *status, double previous_cf)
{
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        if (json_integer_value(json_object_get(row, "year")) != year)
            continue;
        assert_string_equal(gk_cli_str(row, "continuity"), status);
        json_t *p = json_object_get(row, "previous_requests_carried_forward");
        if (previous_cf < -1000)
            assert_true(json_is_null(p));
        else
            assert_true(json_is_number(p) && json_number_value(p) == previous_cf);
        return;
    }
    fail_msg("no report of %d", year);
}

static int has_category(json_t *row, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(row, "categories"), i, c)
        if (strcmp(json_string_value(c), id) == 0)
            return 1;
    return 0;
}

static void test_history_of_three_years(void **state)
{
    gk_cli *f = *state;
    put_year(f, "baiyang_2021.txt");
    put_year(f, "baiyang_2022.txt");
    put_year(f, "baiyang_2023.txt");
    index_into(f, f->db, NULL);
    json_t *lines = gk_cli_query_json(f->db, 0, GK_CLI_ARGS("--json", "--history", "township:白阳镇"));
    /* one place line, then its reports in year order */
    assert_int_equal(json_array_size(lines), 4);
    json_t *place = json_array_get(lines, 0);
    assert_string_equal(gk_cli_str(place, "type"), "place");
    assert_string_equal(gk_cli_str(place, "place"), PLACE);
    assert_string_equal(gk_cli_str(place, "county"), "彭阳县");
    assert_int_equal(json_integer_value(json_object_get(place, "reports")), 3);
    json_t *y[3];
    for (int k = 0; k < 3; k++) {
        y[k] = json_array_get(lines, (size_t)k + 1);
        assert_string_equal(gk_cli_str(y[k], "type"), "history");
        assert_int_equal(json_integer_value(json_object_get(y[k], "year")), 2021 + k);
    }
    /* figures, blank as unknown, and changes from the year before */
    expect_number(y[0], "figures", "requests_carried_over", UNKNOWN);
    expect_number(y[1], "figures", "requests_carried_over", 1);
    expect_number(y[2], "figures", "requests_carried_over", 3);
    expect_number(y[0], "changes", "requests_carried_over", UNKNOWN); /* no 2020 */
    expect_number(y[1], "changes", "requests_carried_over", UNKNOWN); /* 2021 blank */
    expect_number(y[2], "changes", "requests_carried_over", 2);
    expect_number(y[1], "changes", "requests_new", 1);
    expect_number(y[2], "changes", "requests_new", -2);
    expect_number(y[2], "figures", "proactive_items", 103);
    expect_number(y[1], "changes", "proactive_items", 13);
    expect_number(y[2], "changes", "proactive_items", 6);
    expect_number(y[2], "changes", "requests_carried_forward", -1);
    expect_number(y[1], "changes", "requests_handled_total", 1);
    assert_string_equal(gk_cli_str(y[0], "consistency"), "incomplete");
    assert_string_equal(gk_cli_str(y[1], "consistency"), "ok");
    assert_string_equal(gk_cli_str(y[2], "consistency"), "ok");
    expect_continuity(lines, 2021, "unknown", UNKNOWN);
    expect_continuity(lines, 2022, "ok", 1);
    expect_continuity(lines, 2023, "mismatch", 2);
    assert_true(has_category(y[0], "timeliness") && has_category(y[0], "outreach"));
    assert_true(has_category(y[1], "staffing") && has_category(y[1], "channels"));
    assert_true(has_category(y[2], "interpretation") && has_category(y[2], "quality"));
    json_decref(lines);

    /* CSV: a header and one row per report; an unknown is an empty cell */
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--history", "--format", "csv", "place_code:" PLACE, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(gk_test_count_lines(r.out), 4);
    assert_non_null(strstr(r.out, "place,township,county,city,province,place_code,"));
    assert_non_null(strstr(r.out, ",requests_carried_over,requests_carried_over_change,"));
    assert_non_null(strstr(r.out, ",incomplete,unknown,,"));   /* 2021 */
    assert_non_null(strstr(r.out, ",ok,ok,1,"));               /* 2022 */
    assert_non_null(strstr(r.out, ",ok,mismatch,2,"));         /* 2023 */
    gk_test_run_clear(&r);
    /* text: a table for the place, years across */
    gk_cli_query(&r, f->db, "--history", "县:彭阳", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "白阳镇 · " PLACE " · 3 reports"));
    assert_non_null(strstr(r.out, "mismatch (2)"));
    assert_non_null(strstr(r.out, "103 (+6)"));
    gk_test_run_clear(&r);
    /* nothing matched: exit 1 */
    gk_cli_query(&r, f->db, "--history", "township:柳泉镇", NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    gk_test_run_clear(&r);
    /* a table of its own */
    gk_cli_query(&r, f->db, "--history", "--figures", NULL);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--history", "--format", "xlsx", "-o", "/dev/null", NULL);
    assert_int_equal(r.status, 2);
    gk_test_run_clear(&r);
}

/* The report id of the hit of `query` (exactly one). */
static char *id_of(const char *db, const char *query)
{
    json_t *lines = gk_cli_query_json(db, 0, GK_CLI_ARGS("--json", query));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    char *id = gk_strdup(gk_cli_str(json_array_get(hits, 0), "report_id"));
    assert_non_null(id);
    json_decref(hits);
    json_decref(lines);
    return id;
}

static void test_continuity_field_facet_show(void **state)
{
    gk_cli *f = *state;
    put_year(f, "baiyang_2021.txt");
    put_year(f, "baiyang_2022.txt");
    put_year(f, "baiyang_2023.txt");
    index_into(f, f->db, NULL);
    assert_int_equal(gk_cli_count(f->db, "continuity:ok", NULL), 1);
    assert_int_equal(gk_cli_count(f->db, "continuity:mismatch", "year:2023", NULL), 1);
    assert_int_equal(gk_cli_count(f->db, "连续性:未知", "year:2021", NULL), 1);
    assert_int_equal(gk_cli_count(f->db, "continuity:ok", "year:2023", NULL), 0);
    /* the facet: one of each */
    json_t *lines = gk_cli_query_json(f->db, 0,
                                      GK_CLI_ARGS("--json", "-n", "0", "--facet", "continuity",
                                                  "kind:report"));
    json_t *facets = gk_cli_of_type(lines, "facet");
    assert_int_equal(json_array_size(facets), 1);
    json_t *counts = json_object_get(json_array_get(facets, 0), "counts");
    assert_int_equal(json_array_size(counts), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(facets, 0), "unknown")), 0);
    size_t seen = 0, i;
    json_t *c;
    json_array_foreach(counts, i, c)
    {
        const char *v = gk_cli_str(c, "value");
        if (strcmp(v, "ok") == 0 || strcmp(v, "mismatch") == 0 || strcmp(v, "unknown") == 0) {
            assert_int_equal(json_integer_value(json_object_get(c, "count")), 1);
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    json_decref(facets);
    json_decref(lines);
    /* --show: both numbers, and the report compared with */
    char *id2022 = id_of(f->db, "year:2022");
    char *id2023 = id_of(f->db, "year:2023");
    gk_test_run_result r;
    gk_cli_query(&r, f->db, "--show", id2023, NULL);
    assert_int_equal(r.status, 0);
    char want[256];
    snprintf(want, sizeof want,
             "continuity: mismatch · 上年结转 3 · the year before, 结转下年度 2 (report %s)",
             id2022);
    assert_non_null(strstr(r.out, want));
    gk_test_run_clear(&r);
    gk_cli_query(&r, f->db, "--show", id2023, "--json", NULL);
    json_t *rec = json_loads(r.out, 0, NULL);
    json_t *cont = json_object_get(rec, "continuity");
    assert_string_equal(gk_cli_str(cont, "status"), "mismatch");
    assert_true(json_number_value(json_object_get(cont, "requests_carried_over")) == 3);
    assert_true(json_number_value(json_object_get(cont, "previous_requests_carried_forward")) ==
                2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(cont,
                                                                          "previous_reports"),
                                                         0)),
                        id2022);
    json_decref(rec);
    gk_test_run_clear(&r);
    /* --figures: the two columns */
    gk_cli_query(&r, f->db, "--figures", "year:2022", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(
        strstr(r.out, ",continuity,previous_requests_carried_forward,copied,copied_from\n"));
    /* then copied and copied_from (test_cli_copied) */
    char *last = strrchr(r.out, ',');
    assert_non_null(last);
    while (last > r.out && last[-1] != '\n' && strncmp(last, ",ok,1,", 6) != 0)
        last--;
    assert_true(strncmp(last, ",ok,1,", 6) == 0);
    gk_test_run_clear(&r);
    free(id2022);
    free(id2023);
}

static void test_neighbour_indexed_later(void **state)
{
    gk_cli *f = *state;
    put_year(f, "baiyang_2022.txt");
    put_year(f, "baiyang_2023.txt");
    long continuity = -1, copied = -1;
    /* 2023 is written back, with 2022 as its year before; 2022 keeps the
     * "unknown" it was stored with */
    index_linked(f, f->db, &continuity, &copied);
    assert_int_equal(continuity, 1);
    json_t *rows = history(f->db);
    expect_continuity(rows, 2022, "unknown", UNKNOWN); /* no 2021 yet */
    expect_continuity(rows, 2023, "mismatch", 2);
    json_decref(rows);
    put_year(f, "baiyang_2021.txt");
    /* only 2021 is new: 2022 is linked to it and written back, 2023's
     * year before is unchanged */
    index_linked(f, f->db, &continuity, &copied);
    assert_int_equal(continuity, 1);
    /* a rerun with nothing new links nothing */
    index_linked(f, f->db, &continuity, &copied);
    assert_int_equal(continuity, 0);
    assert_int_equal(copied, 0);
    rows = history(f->db);
    expect_continuity(rows, 2021, "unknown", UNKNOWN);
    expect_continuity(rows, 2022, "ok", 1);
    expect_continuity(rows, 2023, "mismatch", 2);
    json_decref(rows);
}

static void test_neighbour_reindexed_and_pruned(void **state)
{
    gk_cli *f = *state;
    put_year(f, "baiyang_2021.txt");
    put_year(f, "baiyang_2022.txt");
    put_year(f, "baiyang_2023.txt");
    index_into(f, f->db, NULL);
    /* 2022 corrected: 3 carried forward, as 2023 carried over */
    char *src = fixture("baiyang_2022_revised.txt");
    free(gk_test_put_copy(f->in, "baiyang_2022.txt", src));
    free(src);
    index_into(f, f->db, NULL);
    json_t *rows = history(f->db);
    expect_continuity(rows, 2022, "ok", 1);
    expect_continuity(rows, 2023, "ok", 3);
    assert_int_equal(gk_cli_count(f->db, "continuity:mismatch", NULL), 0);
    json_decref(rows);
    /* 2022 gone: 2023 has no year before */
    char *gone = gk_test_join(f->in, "baiyang_2022.txt");
    assert_int_equal(unlink(gone), 0);
    free(gone);
    index_into(f, f->db, "--prune");
    rows = history(f->db);
    assert_int_equal(json_array_size(rows), 2);
    expect_continuity(rows, 2021, "unknown", UNKNOWN);
    expect_continuity(rows, 2023, "unknown", UNKNOWN);
    /* and no change from 2021 to 2023: not consecutive */
    expect_number(json_array_get(rows, 1), "changes", "requests_new", UNKNOWN);
    json_decref(rows);
    assert_int_equal(gk_cli_count(f->db, "continuity:ok", NULL), 0);
    assert_int_equal(gk_cli_count(f->db, "continuity:unknown", NULL), 2);
}

/* gongkai-query -d db ARGS... output, exiting 0. */
static char *output(const char *db, const char *const args[])
{
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_QUERY_BIN, db, args, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    char *out = r.out;
    r.out = NULL;
    gk_test_run_clear(&r);
    return out;
}

static void test_shards_answer_as_one_database(void **state)
{
    gk_cli *f = *state;
    put_year(f, "baiyang_2021.txt");
    put_year(f, "baiyang_2023.txt");
    char *sharded = gk_test_join(f->top, "sharded");
    gk_test_run_result r;
    gk_cli_index(&r, sharded, "-q", "--shards", "3", f->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    index_into(f, f->db, NULL);
    /* 2022 later, into both: linked across the shards */
    put_year(f, "baiyang_2022.txt");
    index_into(f, f->db, NULL);
    index_into(f, sharded, NULL);
    const char *const *queries[] = {
        GK_CLI_ARGS("--json", "--history", "township:白阳镇"),
        GK_CLI_ARGS("--history", "--format", "csv", "kind:report"),
        GK_CLI_ARGS("--json", "continuity:ok OR continuity:mismatch"),
        GK_CLI_ARGS("--json", "-n", "0", "--facet", "continuity", "kind:report"),
        GK_CLI_ARGS("--figures", "kind:report"),
    };
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        char *one = output(f->db, queries[q]), *many = output(sharded, queries[q]);
        assert_string_equal(one, many);
        free(one);
        free(many);
    }
    json_t *rows = history(sharded);
    expect_continuity(rows, 2022, "ok", 1);
    expect_continuity(rows, 2023, "mismatch", 2);
    json_decref(rows);
    free(sharded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_history_of_three_years),
        GK_CLI_TEST(test_continuity_field_facet_show),
        GK_CLI_TEST(test_neighbour_indexed_later),
        GK_CLI_TEST(test_neighbour_reindexed_and_pruned),
        GK_CLI_TEST(test_shards_answer_as_one_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_hits.c - hits read back from an index of corpus/ as gongkai-query
 * shows them: their places and years, section names, snippets, figures,
 * the candidates of an ambiguous place from the stored record; report ids
 * as users type them; the notes of a table of figures.  Expected places
 * and years were read from the reports (as in test_cli_search.c). */
#define _POSIX_C_SOURCE 200809L
#include "gk_test.h"
#include "gk_cli.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gk_hits.h"
#include "gk_page.h"
#include "gk_query.h"
#include "gk_stored.h"

typedef struct fixture {
    void *corpus; /* gk_cli, with the corpus indexed */
    gk_analyzer *az;
    gk_section_table *sections;
    gk_field_table *fields;
    gk_figure_rules *rules;
    gk_taxonomy *taxonomy;
    gk_folder *folder;
    gk_db *db;
    gk_hits *hits;
    /* what search() found */
    gk_query *query;
    gk_xquery *xq;
    gk_results *results;
    const gk_phrase *phrases[8];
    size_t nphrases;
} fixture;

static int group_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    *state = f;
    if (gk_cli_corpus_setup(&f->corpus) != 0)
        return -1;
    const char *db = ((gk_cli *)f->corpus)->db;
    const char *dir = GK_TEST_CORPUS_DIR "/data";
    char *msg = NULL;
    if (gk_analyzer_new(&f->az, &msg) != GK_OK ||
        gk_section_table_load(&f->sections, dir, &msg) != GK_OK ||
        gk_field_table_load(&f->fields, dir, &msg) != GK_OK ||
        gk_figure_rules_load(&f->rules, dir, &msg) != GK_OK ||
        gk_taxonomy_load(&f->taxonomy, dir, &msg) != GK_OK ||
        gk_folder_new(&f->folder, dir, &msg) != GK_OK ||
        gk_db_open(&f->db, db, GK_DB_READ, &msg) != GK_OK) {
        print_error("setup: %s\n", msg ? msg : "?");
        free(msg);
        return -1;
    }
    gk_hits_env env = {f->db, f->sections, f->rules, f->az, f->folder, NULL};
    return gk_hits_new(&f->hits, &env, NULL) == GK_OK ? 0 : -1;
}

static void forget(fixture *f)
{
    gk_results_free(f->results);
    f->results = NULL;
    gk_xquery_free(f->xq);
    f->xq = NULL;
    gk_query_free(f->query);
    f->query = NULL;
    f->nphrases = 0;
}

static int group_teardown(void **state)
{
    fixture *f = *state;
    forget(f);
    gk_hits_free(f->hits);
    gk_db_close(f->db);
    gk_folder_free(f->folder);
    gk_taxonomy_free(f->taxonomy);
    gk_figure_rules_free(f->rules);
    gk_field_table_free(f->fields);
    gk_section_table_free(f->sections);
    gk_analyzer_free(f->az);
    int rc = f->corpus != NULL ? gk_cli_teardown(&f->corpus) : 0;
    free(f);
    return rc;
}

/* Run text as gongkai-query would: a page of limit hits from offset, one
 * per report when by_report.  Returns how many hits the page has. */
static size_t search(fixture *f, const char *text, unsigned offset, unsigned limit,
                     int by_report)
{
    forget(f);
    gk_query_env env = {f->az, f->sections, f->fields, f->rules, f->taxonomy,
                        f->folder, NULL, NULL};
    char *msg = NULL;
    if (gk_query_parse(&f->query, &env, text, strlen(text), &msg) != GK_OK ||
        gk_query_compile(f->query, &f->xq, &msg) != GK_OK)
        fail_msg("%s: %s", text, msg ? msg : "?");
    f->nphrases = gk_query_phrase_count(f->query);
    assert_true(f->nphrases <= 8);
    for (size_t k = 0; k < f->nphrases; k++)
        f->phrases[k] = gk_query_phrase(f->query, k);
    gk_search_opts so = gk_page_opts(offset, limit, by_report, 1, NULL);
    if (gk_db_search(f->db, f->xq, &so, &f->results, &msg) != GK_OK)
        fail_msg("%s: %s", text, msg ? msg : "?");
    return gk_results_count(f->results);
}

static gk_hits_view view_of(const fixture *f, unsigned offset, int by_report)
{
    gk_hits_view v = {offset, by_report, f->phrases, f->nphrases, NULL, 0, NULL, 0, 0};
    return v;
}

/* Hit i of the page, which must read. */
static gk_hit read_hit(fixture *f, size_t i, const gk_hits_view *v)
{
    gk_hit h;
    char *msg = NULL;
    if (gk_hits_read(f->hits, f->results, i, v, &h, &msg) != GK_OK)
        fail_msg("hit %zu: %s", i, msg ? msg : "?");
    return h;
}

/* The hit of 白阳镇's section on administrative review: its place and year
 * as the report gives them, the section's Chinese name from sections.tsv,
 * and a snippet with the words searched for marked. */
static void test_hit_of_a_section(void **state)
{
    fixture *f = *state;
    assert_int_equal(search(f, "township:白阳镇 section:review_litigation 行政复议", 0, 10, 0),
                     1);
    gk_hits_view v = view_of(f, 0, 0);
    gk_hit h = read_hit(f, 0, &v);
    assert_int_equal(h.rank, 1);
    assert_string_equal(h.kind, "report");
    assert_string_equal(h.township, "白阳镇");
    assert_string_equal(h.county, "彭阳县");
    assert_int_equal(h.year, 2020);
    assert_true(gk_test_ends_with(h.path, "/002_c7f4534a7f0d64bb.txt"));
    assert_int_equal(strlen(h.report_id), GK_REPORT_ID_LEN);
    assert_string_equal(h.section, "review_litigation");
    assert_string_equal(h.section_label, "政府信息公开行政复议、行政诉讼情况");
    /* a hit is a report: the one section section: allows matched */
    assert_int_equal(h.sections_matched, 1);
    assert_int_equal(h.nsections, 1);
    assert_string_equal(h.sections[0].id, "review_litigation");
    assert_int_equal(h.nfigures, 0);        /* figures only --by report */
    assert_string_equal(h.place_status, "resolved");
    assert_null(h.place_candidates);
    assert_non_null(h.snippet);
    assert_non_null(strstr(h.snippet->text, "行政复议"));
    assert_true(h.snippet->nhighlights >= 1);
    assert_int_equal(h.snippet->highlights[0].end - h.snippet->highlights[0].start,
                     4); /* 行政复议: four characters */
}

/* 柳泉镇 is one of four townships of that name: its hit carries the
 * candidates of its stored record. */
static void test_ambiguous_place_has_candidates(void **state)
{
    fixture *f = *state;
    assert_true(search(f, "township:柳泉镇", 0, 1, 1) == 1);
    gk_hits_view v = view_of(f, 0, 1);
    gk_hit h = read_hit(f, 0, &v);
    assert_string_equal(h.township, "柳泉镇");
    assert_string_equal(h.county, "");
    assert_int_equal(h.year, 2021);
    assert_string_equal(h.place_status, "ambiguous");
    assert_non_null(h.place_candidates);
    assert_true(json_is_array(h.place_candidates));
    assert_true(json_array_size(h.place_candidates) >= 2);
}

/* --by report: each hit counts the sections that matched and carries every
 * canonical figure; the figures the query is about are shown beside it;
 * ranks count the results skipped. */
static void test_hit_of_a_report(void **state)
{
    fixture *f = *state;
    size_t n = search(f, "year:2020", 1, 10, 1);
    assert_int_equal(n, 2); /* three reports on 2020, the first skipped */
    int shown[1] = {gk_figure_lookup(f->rules, "procurement_amount_yuan")};
    assert_true(shown[0] >= 0);
    gk_hits_view v = view_of(f, 1, 1);
    v.shown = shown;
    v.nshown = 1;
    for (size_t i = 0; i < n; i++) {
        gk_hit h = read_hit(f, i, &v);
        assert_int_equal(h.rank, i + 2);
        assert_int_equal(h.year, 2020);
        assert_true(h.sections_matched >= 1);
        assert_int_equal(h.nfigures, gk_figure_count(f->rules));
        for (size_t k = 0; k < h.nfigures; k++)
            assert_string_equal(h.figures[k].id, gk_figure_id(f->rules, k));
        assert_non_null(h.consistency);
        assert_int_equal(h.nshown, 1);
        assert_string_equal(h.shown[0].id, "procurement_amount_yuan");
        assert_string_equal(h.shown[0].label, "政府集中采购总金额(元)");
    }
}

/* A row of --figures: the report's place and year and every figure, the
 * same values its hit has. */
static void test_row_of_figures(void **state)
{
    fixture *f = *state;
    assert_int_equal(search(f, "township:峰灵镇", 0, 1, 1), 1);
    gk_hits_view v = view_of(f, 0, 1);
    gk_hit h = read_hit(f, 0, &v);
    size_t nfig = h.nfigures;
    double *values = calloc(nfig + 1, sizeof *values);
    int *known = calloc(nfig + 1, sizeof *known);
    size_t nknown = 0;
    for (size_t k = 0; k < nfig; k++) {
        values[k] = h.figures[k].value;
        nknown += (size_t)(known[k] = h.figures[k].known);
    }
    assert_true(nknown > 0); /* the report has its tables */

    gk_figtable_row row;
    gk_hits_row(f->hits, f->results, 0, &row);
    assert_string_equal(row.township, "峰灵镇");
    assert_string_equal(row.county, "巫溪县");
    assert_int_equal(row.year, 2023);
    assert_int_equal(row.nfigures, nfig);
    for (size_t k = 0; k < nfig; k++) {
        assert_int_equal(row.figures[k].known, known[k]);
        if (known[k])
            assert_true(row.figures[k].value == values[k]);
    }
    assert_non_null(row.notes);
    size_t ncolumns = 0;
    const gk_hit_figure *names = gk_hits_figure_names(f->hits, &ncolumns);
    assert_int_equal(ncolumns, nfig);
    assert_string_equal(names[0].id, gk_figure_id(f->rules, 0));
    free(values);
    free(known);
}

/* --show takes a report id in either case; the record it finds is the
 * report's, and an id the database does not know is GK_ENOTFOUND. */
static void test_stored_record(void **state)
{
    fixture *f = *state;
    assert_int_equal(search(f, "township:曲峨镇", 0, 1, 1), 1);
    gk_hits_view v = view_of(f, 0, 1);
    gk_hit h = read_hit(f, 0, &v);
    char upper[GK_REPORT_ID_LEN + 1], id[GK_REPORT_ID_LEN + 1];
    for (size_t i = 0; i <= GK_REPORT_ID_LEN; i++)
        upper[i] = (char)(h.report_id[i] >= 'a' && h.report_id[i] <= 'f'
                              ? h.report_id[i] - 'a' + 'A'
                              : h.report_id[i]);
    assert_true(gk_stored_id_parse(id, upper));
    assert_string_equal(id, h.report_id);

    json_t *rec = NULL;
    char *msg = NULL;
    assert_int_equal(gk_stored_record_get(&rec, f->db, id, &msg), GK_OK);
    const char *township = json_string_value(json_object_get(rec, "township"));
    const char *county = json_string_value(json_object_get(rec, "county"));
    assert_non_null(township);
    assert_non_null(county);
    assert_string_equal(township, "曲峨镇");
    assert_string_equal(county, "大宁县");
    json_decref(rec);

    assert_int_equal(gk_stored_record_get(&rec, f->db, "0000000000000000", &msg),
                     GK_ENOTFOUND);
    assert_null(rec);
    assert_non_null(msg);
    free(msg);
}

static void test_report_ids(void **state)
{
    (void)state;
    char id[GK_REPORT_ID_LEN + 1] = "unchanged";
    assert_true(gk_stored_id_parse(id, "0123456789ABCDEF"));
    assert_string_equal(id, "0123456789abcdef");
    assert_false(gk_stored_id_parse(id, "0123456789abcde"));   /* 15 */
    assert_false(gk_stored_id_parse(id, "0123456789abcdef0")); /* 17 */
    assert_false(gk_stored_id_parse(id, "0123456789abcdeg"));
    assert_false(gk_stored_id_parse(id, ""));
    assert_string_equal(id, "0123456789abcdef"); /* untouched on failure */
}

/* The notes column: figures taken as approximate, and amounts whose unit
 * the report did not give. */
static void test_figure_notes(void **state)
{
    (void)state;
    json_t *rec = json_loads("{\"figures\":{"
                             "\"proactive_items\":{\"value\":12},"
                             "\"procurement_amount_yuan\":{\"value\":5,\"approx\":true,"
                             "\"unit_assumed\":true},"
                             "\"fees_yuan\":{\"value\":0,\"unit_assumed\":true}}}",
                             JSON_PRESERVE_ORDER, NULL);
    assert_non_null(rec);
    char *notes = gk_stored_figure_notes(rec);
    assert_string_equal(notes, "procurement_amount_yuan approx; procurement_amount_yuan "
                               "unit not given (taken as 元); fees_yuan unit not given "
                               "(taken as 元)");
    free(notes);
    json_decref(rec);

    notes = gk_stored_figure_notes(NULL); /* no record: no notes */
    assert_string_equal(notes, "");
    free(notes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_of_a_section),
        cmocka_unit_test(test_ambiguous_place_has_candidates),
        cmocka_unit_test(test_hit_of_a_report),
        cmocka_unit_test(test_row_of_figures),
        cmocka_unit_test(test_stored_record),
        cmocka_unit_test(test_report_ids),
        cmocka_unit_test(test_figure_notes),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

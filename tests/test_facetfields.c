/* test_facetfields.c - what --facet counts: the fields by name (or by
 * the canonical name a Chinese one stands for), and the reports of
 * corpus/ counted by year, county and category.  Years and counties were
 * read from the reports (as in test_cli_search.c). */
#define _GNU_SOURCE
#include "gk_test.h"
#include "gk_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_categories.h"
#include "gk_facetfields.h"
#include "gk_facettotals.h"
#include "gk_schema.h"

typedef struct fixture {
    void *corpus; /* gk_cli, with the corpus indexed */
    gk_db *db;
    gk_xquery *all;
    gk_taxonomy *taxonomy;
} fixture;

static int group_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    *state = f;
    if (gk_cli_corpus_setup(&f->corpus) != 0)
        return -1;
    char *msg = NULL;
    if (gk_db_open(&f->db, ((gk_cli *)f->corpus)->db, GK_DB_READ, &msg) != GK_OK ||
        gk_taxonomy_load(&f->taxonomy, GK_TEST_CORPUS_DIR "/data", &msg) != GK_OK ||
        gk_xquery_all(&f->all) != GK_OK) {
        print_error("setup: %s\n", msg ? msg : "?");
        free(msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    fixture *f = *state;
    gk_xquery_free(f->all);
    gk_taxonomy_free(f->taxonomy);
    gk_db_close(f->db);
    int rc = f->corpus != NULL ? gk_cli_teardown(&f->corpus) : 0;
    free(f);
    return rc;
}

static int field(const char *name)
{
    return gk_facet_field_lookup(name, strlen(name), NULL);
}

/* The ten fields by name, exactly as written; a Chinese name counts by the
 * field fields.tsv gives it (the caller's lookup). */
static void test_lookup(void **state)
{
    (void)state;
    const char *names[] = {"province", "city", "county", "township", "year",
                           "section", "category", "consistency", "template",
                           "place_status"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int f = field(names[i]);
        assert_true(f >= 0);
        assert_string_equal(gk_facet_field_name(f), names[i]);
    }
    assert_string_equal(gk_facet_field_name(gk_facet_field_lookup("县", strlen("县"),
                                                                  "county")),
                        "county");
    /* "county,year": the name ends at len */
    assert_string_equal(gk_facet_field_name(gk_facet_field_lookup("county,year", 6,
                                                                  NULL)),
                        "county");
    assert_int_equal(field("bogus"), -1);
    assert_int_equal(field(""), -1);
    assert_int_equal(field("YEAR"), -1); /* case is the field table's to fold */
    assert_int_equal(field("kind"), -1); /* a query field, not a facet */
    assert_int_equal(field("count"), -1);
}

/* Count fields by the reports matching everything; returns list i's count
 * of value (0 if not counted). */
static unsigned long count_of(const gk_facets *fc, size_t i, const char *prefix)
{
    unsigned long n = 0;
    for (size_t k = 0; k < gk_facets_size(fc, i); k++) {
        const gk_facet_count *c = gk_facets_get(fc, i, k);
        if (strncmp(c->value, prefix, strlen(prefix)) == 0)
            n += c->count;
    }
    return n;
}

/* Three of the five reports are on 2020, one on 2021, one on 2023; each
 * report counts once however many of its sections match. */
static void test_count_years_and_counties(void **state)
{
    fixture *f = *state;
    int fields[2] = {field("year"), field("county")};
    gk_facets *fc = NULL;
    char *msg = NULL;
    assert_int_equal(gk_facet_fields_count(f->db, f->all, fields, 2, 0, NULL, &fc, &msg), GK_OK);
    assert_int_equal(count_of(fc, 0, "2020"), 3);
    assert_int_equal(count_of(fc, 0, "2021"), 1);
    assert_int_equal(count_of(fc, 0, "2023"), 1);
    assert_int_equal(gk_facets_size(fc, 0), 3);
    assert_int_equal(count_of(fc, 1, "大宁县"), 1);
    assert_int_equal(count_of(fc, 1, "彭阳县"), 1);
    assert_int_equal(count_of(fc, 1, "德惠市"), 1);
    assert_int_equal(count_of(fc, 1, "巫溪县"), 1);
    gk_facets_free(fc);
}

/* --by-year: the counts are pairs (value, year). */
static void test_by_year(void **state)
{
    fixture *f = *state;
    int fields[1] = {field("county")};
    gk_facets *fc = NULL;
    assert_int_equal(gk_facet_fields_count(f->db, f->all, fields, 1, 1, NULL, &fc, NULL), GK_OK);
    int found = 0;
    for (size_t k = 0; k < gk_facets_size(fc, 0); k++) {
        const gk_facet_count *c = gk_facets_get(fc, 0, k);
        assert_non_null(c->pair);
        if (strncmp(c->value, "巫溪县", strlen("巫溪县")) == 0) {
            assert_string_equal(c->pair, "2023");
            found = 1;
        }
    }
    assert_true(found);
    gk_facets_free(fc);
}

static void test_too_many_fields(void **state)
{
    fixture *f = *state;
    int fields[GK_FACET_FIELDS_MAX + 1];
    for (size_t i = 0; i <= GK_FACET_FIELDS_MAX; i++)
        fields[i] = field("year");
    gk_facets *fc = NULL;
    char *msg = NULL;
    assert_int_equal(gk_facet_fields_count(f->db, f->all, fields, GK_FACET_FIELDS_MAX + 1,
                                           0, NULL, &fc, &msg),
                     GK_EINVAL);
    assert_null(fc);
    assert_non_null(msg);
    free(msg);
}

/* Categories are shown with their Chinese labels, other values as they
 * are. */
static void test_category_labels(void **state)
{
    fixture *f = *state;
    int fields[2] = {field("category"), field("year")};
    gk_facets *fc = NULL;
    assert_int_equal(gk_facet_fields_count(f->db, f->all, fields, 2, 0, NULL, &fc, NULL), GK_OK);
    assert_true(gk_facets_size(fc, 0) > 0); /* the reports name problems */
    char *buf = NULL;
    size_t len = 0;
    FILE *to = open_memstream(&buf, &len);
    assert_non_null(to);
    gk_facet_fields_print(to, 0, 0, fields[0], fc, 0, 0, f->taxonomy);
    gk_facet_fields_print(to, 0, 0, fields[1], fc, 1, 0, f->taxonomy);
    fclose(to);
    for (size_t k = 0; k < gk_facets_size(fc, 0); k++) {
        const char *id = gk_facets_get(fc, 0, k)->value;
        int t = gk_taxonomy_lookup(f->taxonomy, id);
        assert_true(t >= 0);
        char shown[256];
        snprintf(shown, sizeof shown, "%s %s", id, gk_taxonomy_label(f->taxonomy, (size_t)t));
        assert_non_null(strstr(buf, shown));
    }
    assert_non_null(strstr(buf, "category"));
    assert_non_null(strstr(buf, "year"));
    assert_non_null(strstr(buf, "2020"));
    free(buf);
    gk_facets_free(fc);
}

/* A report indexed before its figures were stored for --sum (written
 * here as an older gongkai wrote it: its facets, no GK_SLOT_FIGURE_TOTALS)
 * is refused, not counted as a report whose figures are all unknown. */
static void test_totals_refuse_an_older_database(void **state)
{
    (void)state;
    char *dir = gk_test_mkdtemp("facetfields");
    char *path = NULL;
    assert_true(asprintf(&path, "%s/db", dir) > 0);
    gk_db *db = NULL;
    gk_doc *doc = NULL;
    assert_int_equal(gk_db_open(&db, path, GK_DB_WRITE, NULL), GK_OK);
    assert_int_equal(gk_doc_new(&doc), GK_OK);
    assert_int_equal(gk_doc_add_boolean(doc, "XKreport"), GK_OK);
    assert_int_equal(gk_doc_set_facet(doc, GK_SLOT_KIND, "report", 6), GK_OK);
    assert_int_equal(gk_doc_set_facet(doc, GK_SLOT_YEAR_FACET, "2020", 4), GK_OK);
    assert_int_equal(gk_db_add(db, doc, NULL), GK_OK);
    assert_int_equal(gk_db_commit(db, NULL), GK_OK);
    gk_xquery *all = NULL;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    int fields[] = {field("year")};
    gk_facets *fc = NULL;
    assert_int_equal(gk_facet_fields_count_totals(db, all, fields, 1, 0, 1, NULL, &fc, NULL),
                     GK_OK);
    gk_total_figure fig = {"requests_new", "本年新收申请数", 0, 0};
    char *msg = NULL;
    char *out = NULL;
    size_t outlen = 0;
    FILE *to = open_memstream(&out, &outlen);
    assert_non_null(to);
    assert_int_equal(gk_facet_totals_print_all(to, GK_FACET_CSV, 0, fields, 1, fc, 0, NULL,
                                               &fig, &msg),
                     GK_EUNSUPPORTED);
    fclose(to);
    assert_int_equal(outlen, 0); /* nothing printed */
    assert_non_null(strstr(msg, "--force"));
    free(msg);
    free(out);
    gk_facets_free(fc);
    gk_xquery_free(all);
    gk_doc_free(doc);
    gk_db_close(db);
    gk_test_rmtree(dir);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_count_years_and_counties),
        cmocka_unit_test(test_by_year),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_category_labels),
        cmocka_unit_test(test_totals_refuse_an_older_database),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

/* gen_accuracy.c - the ctest gen_accuracy: generate a corpus with
 * gongkai-gen, index it with the real gongkai-index, and require every
 * field gongkai-query reports (kind, place, title, year, template, sections,
 * figures, consistency, categories) to equal the generator's truth.  On
 * failure it prints the first mismatches (field, file, expected, got) and
 * the count per field.
 *
 * GK_GEN_COUNT and GK_GEN_SEED in the environment override the corpus
 * size and seed (e.g. GK_GEN_COUNT=20000 for a longer run). */
#define _POSIX_C_SOURCE 200809L
#include "gk_accuracy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#ifndef GEN_ACCURACY_COUNT
#define GEN_ACCURACY_COUNT 2000
#endif
#define SHOW_MAX 40

typedef struct field_count {
    char field[64];
    size_t wrong;
} field_count;

typedef struct tally {
    size_t checked, wrong, shown;
    field_count *fields;
    size_t nfields;
} tally;

static void mismatch(tally *t, const char *field, const char *file, const char *expected,
                     const char *got, const char *forms)
{
    t->wrong++;
    size_t k = 0;
    while (k < t->nfields && strcmp(t->fields[k].field, field) != 0)
        k++;
    if (k == t->nfields) {
        t->fields = realloc(t->fields, (t->nfields + 1) * sizeof *t->fields);
        assert_non_null(t->fields);
        snprintf(t->fields[k].field, sizeof t->fields[k].field, "%s", field);
        t->fields[k].wrong = 0;
        t->nfields++;
    }
    t->fields[k].wrong++;
    if (t->shown++ < SHOW_MAX)
        printf("  %-28s %-12s expected %-24s got %-24s [%s]\n", field, file, expected, got,
               forms ? forms : "");
}

static void compare(tally *t, const char *field, const char *file, const json_t *want,
                    const json_t *got, const char *forms)
{
    t->checked++;
    if (gk_acc_same(want, got))
        return;
    char *w = gk_acc_text_of(want), *g = gk_acc_text_of(got);
    mismatch(t, field, file, w, g, forms);
    free(w);
    free(g);
}

/* A title without its white space (a title over two lines is one title),
 * as a JSON string; NULL stays NULL. */
static json_t *title_of(const json_t *v)
{
    const char *s = json_string_value(v);
    if (s == NULL)
        return NULL;
    char *out = malloc(strlen(s) + 1);
    assert_non_null(out);
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            continue;
        if (strncmp(p, "\xe3\x80\x80", 3) == 0) { /* the ideographic space */
            p += 2;
            continue;
        }
        out[n++] = *p;
    }
    out[n] = '\0';
    json_t *j = json_string(out);
    free(out);
    return j;
}

static void test_generated_reports_read_as_written(void **state)
{
    gk_cli *cli = *state;
    const char *env = getenv("GK_GEN_COUNT");
    long count = env ? atol(env) : GEN_ACCURACY_COUNT;
    const char *seed = getenv("GK_GEN_SEED") ? getenv("GK_GEN_SEED") : "20240601";
    char count_text[32];
    snprintf(count_text, sizeof count_text, "%ld", count);
    const char *reports = cli->in;
    char *truth_path = gk_test_join(cli->top, "truth.jsonl");

    free(gk_acc_run(GEN_BIN, NULL,
                    GK_CLI_ARGS("--seed", seed, "--count", count_text, "--out", reports,
                                "--truth", truth_path),
                    0));
    char *indexed = gk_acc_run(GK_TEST_INDEX_BIN, cli->db, GK_CLI_ARGS("--json", reports), 0);
    char *by_report = gk_acc_list_all(cli->db, 1, "kind:report");
    char *by_section = gk_acc_list_all(cli->db, 0, "kind:report");

    json_t *files = json_object(), *hits = json_object(), *sections = json_object();
    gk_acc_index_lines(indexed, "file", files, 0);
    gk_acc_index_lines(by_report, "hit", hits, 0);
    gk_acc_index_lines(by_section, "hit", sections, 1);

    char *truth_text = gk_test_read_file(truth_path, NULL);
    assert_non_null(truth_text);
    tally t = {0};
    size_t reports_seen = 0;
    printf("gen_accuracy: seed %s, %ld reports\n", seed, count);
    for (const char *p = truth_text; *p;) {
        size_t n = strcspn(p, "\n");
        json_error_t e;
        json_t *want = json_loadb(p, n, 0, &e);
        assert_non_null(want);
        p += n + (p[n] == '\n');
        reports_seen++;
        const char *file = json_string_value(json_object_get(want, "file"));
        const char *forms = json_string_value(json_object_get(want, "forms"));
        json_t *f = json_object_get(files, file);
        json_t *got = json_object_get(hits, file);
        json_t *kind = json_string("report");
        compare(&t, "kind", file, kind, f ? json_object_get(f, "kind") : NULL, forms);
        json_decref(kind);
        if (got == NULL) {
            json_decref(want);
            continue;
        }
        const json_t *place = json_object_get(want, "place");
        compare(&t, "place_status", file, json_object_get(place, "status"),
                json_object_get(got, "place_status"), forms);
        const char *status = json_string_value(json_object_get(place, "status"));
        compare(&t, "township", file, json_object_get(place, "township"),
                json_object_get(got, "township"), forms);
        if (status && strcmp(status, "resolved") == 0) {
            compare(&t, "place_code", file, json_object_get(place, "code"),
                    json_object_get(got, "place_code"), forms);
            static const char *const levels[] = {"county", "city", "province"};
            for (size_t k = 0; k < 3; k++)
                compare(&t, levels[k], file, json_object_get(place, levels[k]),
                        json_object_get(got, levels[k]), forms);
        } else {
            json_t *ncand = json_integer(
                (json_int_t)json_array_size(json_object_get(got, "place_candidates")));
            compare(&t, "place_candidates", file, json_object_get(place, "candidates"), ncand,
                    forms);
            json_decref(ncand);
        }
        compare(&t, "year", file, json_object_get(want, "year"), json_object_get(got, "year"),
                forms);
        json_t *wt = title_of(json_object_get(want, "title"));
        json_t *gt = title_of(json_object_get(got, "title"));
        compare(&t, "title", file, wt, gt, forms);
        json_decref(wt);
        json_decref(gt);
        compare(&t, "template", file, json_object_get(want, "template"),
                json_object_get(got, "template"), forms);
        compare(&t, "consistency", file, json_object_get(want, "consistency"),
                json_object_get(got, "consistency"), forms);
        json_t *ws = gk_acc_sorted_set(json_object_get(want, "sections"));
        json_t *gs = gk_acc_sorted_set(json_object_get(sections, file));
        compare(&t, "sections", file, ws, gs, forms);
        json_decref(ws);
        json_decref(gs);
        json_t *wc = gk_acc_sorted_set(json_object_get(want, "categories"));
        json_t *gc = gk_acc_sorted_set(json_object_get(got, "categories"));
        compare(&t, "categories", file, wc, gc, forms);
        json_decref(wc);
        json_decref(gc);
        /* every figure: absent in the truth is unknown (null) */
        const json_t *wf = json_object_get(want, "figures");
        const json_t *gf = json_object_get(got, "figures");
        const char *id;
        json_t *value;
        json_object_foreach((json_t *)gf, id, value) {
            char field[64];
            snprintf(field, sizeof field, "figures.%s", id);
            compare(&t, field, file, json_object_get(wf, id), value, forms);
        }
        json_decref(want);
    }
    printf("gen_accuracy: %zu reports, %zu fields checked, %zu wrong\n", reports_seen, t.checked,
           t.wrong);
    for (size_t k = 0; k < t.nfields; k++)
        printf("  %-28s %zu wrong\n", t.fields[k].field, t.fields[k].wrong);
    assert_int_equal((long)reports_seen, count);
    size_t wrong = t.wrong;
    free(t.fields);
    json_decref(files);
    json_decref(hits);
    json_decref(sections);
    free(truth_text);
    free(indexed);
    free(by_report);
    free(by_section);
    free(truth_path);
    if (wrong) {
        cli->keep = 1;
        printf("gen_accuracy: the reports are kept in %s\n", reports);
        fail_msg("%zu of the fields read differ from the truth", wrong);
    }
}

/* The summary of gongkai-query -d DB --json ARGS..., which must exit
 * want (the caller decrefs it). */
static json_t *summary_of(const char *db, int want, const char *const args[])
{
    json_t *lines = gk_cli_query_json(db, want, args);
    json_t *s = json_incref(gk_cli_summary(lines));
    json_decref(lines);
    return s;
}

#define SUMMARY(want, ...) summary_of(cli->db, (want), GK_CLI_ARGS("--json", __VA_ARGS__))

/* Past 1000 matches (reports: 1100 of them, each a match) a page of
 * results estimates its total and says so
 * ("at least N", "total_exact": false); -n 0 and --exact count exactly, and
 * so does a page whose matches are few. */
static void test_large_totals_are_estimated_and_said_so(void **state)
{
    gk_cli *cli = *state;
    free(gk_acc_run(GEN_BIN, NULL,
                    GK_CLI_ARGS("--seed", "7", "--count", "1100", "--out", cli->in), 0));
    free(gk_acc_run(GK_TEST_INDEX_BIN, cli->db, GK_CLI_ARGS("-q", cli->in), 0));

    /* a phrase: Xapian knows a single term's count without counting.
     * (Not 政府信息公开: every report has it, many at the top weight, and
     * a page orders ties by report id (docs/SCALE.md), so the matcher
     * cannot stop before it has seen them all: it counts exactly.) */
    json_t *s = SUMMARY(0, "-n", "0", "年度报告");
    long exact = (long)json_integer_value(json_object_get(s, "total"));
    assert_true(json_is_true(json_object_get(s, "total_exact")));
    if (exact <= 1000)
        fail_msg("only %ld reports say 年度报告: too few to need a bound", exact);
    json_decref(s);

    s = SUMMARY(0, "年度报告");
    assert_true(json_is_false(json_object_get(s, "total_exact")));
    long bound = (long)json_integer_value(json_object_get(s, "total"));
    if (bound < 1000 || bound > exact)
        fail_msg("lower bound %ld: not between 1000 and %ld", bound, exact);
    assert_int_equal(json_integer_value(json_object_get(s, "returned")), 10);
    json_decref(s);

    char *out = gk_acc_run(GK_TEST_QUERY_BIN, cli->db, GK_CLI_ARGS("年度报告"), 0);
    if (strstr(out, "at least ") == NULL || strstr(out, " matching reports") == NULL)
        fail_msg("no 'at least N matching reports' in: %s", out);
    free(out);

    s = SUMMARY(0, "--exact", "年度报告");
    assert_true(json_is_true(json_object_get(s, "total_exact")));
    assert_int_equal(json_integer_value(json_object_get(s, "total")), exact);
    json_decref(s);

    /* few matches: exact without asking */
    s = SUMMARY(GK_CLI_0_OR_1, "--by", "report", "year:2020");
    assert_true(json_is_true(json_object_get(s, "total_exact")));
    json_decref(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_generated_reports_read_as_written),
        GK_CLI_TEST(test_large_totals_are_estimated_and_said_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

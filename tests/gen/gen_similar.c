/* gen_similar.c - the ctest gen_similar: precision and recall of
 * near-duplicate detection (docs/SIMILAR.md).  gongkai-gen --copies writes
 * a corpus where some reports' problems sections copy an earlier
 * original's, exactly or lightly edited, or half of it (a near miss that
 * must not be found; truth: copy_of, copy); it is
 * indexed with the real gongkai-index, and gongkai-query --similar ID
 * --json is asked for every report.  A found pair of problems sections is
 * right when both reports are whole copies of one original (or the
 * original);
 * recall counts the (copy, original) pairs found.  Fails below the floors
 * measured (docs/SIMILAR.md) minus a margin.
 *
 * GK_GEN_COUNT, GK_GEN_SEED and GK_GEN_COPIES (percent) in the
 * environment override the corpus; GK_SIMILAR_REPORT=1 prints the pairs
 * missed and the wrong ones. */
#define _POSIX_C_SOURCE 200809L
#include "gk_accuracy.h"
#include "copycorpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define SIMILAR_COUNT 400
/* measured on seed 20261206, 400 reports, 20% copies: precision 1.000,
 * recall 1.000 (docs/SIMILAR.md); the floors leave a margin */
#define PRECISION_FLOOR 0.95
#define RECALL_FLOOR 0.90

static void test_copies_found(void **state)
{
    gk_cli *cli = *state;
    int report = getenv("GK_SIMILAR_REPORT") != NULL;
    copy_corpus cc;
    copy_corpus_make(cli, SIMILAR_COUNT, &cc);
    json_t *truth = cc.truth, *file_of = cc.file_of;
    const char *seed = cc.seed, *copies = cc.copies;
    long count = cc.count;

    /* every report's similar problems sections: pairs "a b", a < b */
    json_t *found = json_object();
    size_t other_sections = 0, candidates = 0, asked = 0;
    const char *id;
    json_t *file;
    json_object_foreach(file_of, id, file) {
        char *out = gk_acc_run(GK_TEST_QUERY_BIN, cli->db,
                               GK_CLI_ARGS("--json", "--similar", id), GK_CLI_0_OR_1);
        json_t *lines = gk_cli_json_lines(out);
        free(out);
        asked++;
        size_t k;
        json_t *m;
        json_array_foreach(lines, k, m) {
            if (strcmp(gk_cli_str(m, "type"), "summary") == 0) {
                candidates += (size_t)json_integer_value(json_object_get(m, "candidates"));
                continue;
            }
            if (strcmp(gk_cli_str(m, "section"), "problems") != 0) {
                other_sections++;
                continue;
            }
            const char *a = json_string_value(file);
            const char *b = json_string_value(json_object_get(file_of,
                                                              gk_cli_str(m, "report_id")));
            assert_non_null(b);
            char pair[160];
            snprintf(pair, sizeof pair, "%s %s", strcmp(a, b) < 0 ? a : b,
                     strcmp(a, b) < 0 ? b : a);
            json_object_set_new(found, pair, json_real(json_real_value(
                                                 json_object_get(m, "share"))));
        }
        json_decref(lines);
    }

    size_t right = 0, wanted = 0, got = 0, by_kind[2] = {0}, kinds[2] = {0}, partials = 0;
    const char *pair;
    json_t *share;
    json_object_foreach(found, pair, share) {
        char a[80], b[80];
        assert_int_equal(sscanf(pair, "%79s %79s", a, b), 2);
        const char *ra = copy_corpus_root(truth, a, NULL), *rb = copy_corpus_root(truth, b, NULL);
        int ok = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
        right += ok;
        if (!ok && report)
            printf("  wrong: %s (%.3f)\n", pair, json_real_value(share));
    }
    const char *f;
    json_t *t;
    json_object_foreach(truth, f, t) {
        const char *of = json_string_value(json_object_get(t, "copy_of"));
        if (of == NULL)
            continue;
        if (strcmp(json_string_value(json_object_get(t, "copy")), "partial") == 0) {
            partials++;
            continue;
        }
        int edited = strcmp(json_string_value(json_object_get(t, "copy")), "edited") == 0;
        char p[160];
        snprintf(p, sizeof p, "%s %s", strcmp(f, of) < 0 ? f : of, strcmp(f, of) < 0 ? of : f);
        int hit = json_object_get(found, p) != NULL;
        wanted++;
        got += hit;
        kinds[edited]++;
        by_kind[edited] += hit;
        if (!hit && report)
            printf("  missed: %s (%s)\n", p, edited ? "edited" : "exact");
    }
    size_t nfound = json_object_size(found);
    double precision = nfound ? (double)right / (double)nfound : 1;
    double recall = wanted ? (double)got / (double)wanted : 1;
    printf("gen_similar: seed %s, %ld reports, %s%% copies: %zu copies made, "
           "%zu pairs of problems sections found, %zu right: precision %.3f; "
           "%zu of %zu (copy, original) pairs found: recall %.3f (exact %zu/%zu, "
           "edited %zu/%zu; %zu partial copies are no pair); %zu other sections alike; "
           "%.1f candidates read per report\n",
           seed, count, copies, cc.copies_made, nfound, right, precision, got, wanted, recall,
           by_kind[0], kinds[0], by_kind[1], kinds[1], partials, other_sections,
           asked ? (double)candidates / (double)asked : 0.0);
    assert_true(wanted > 0);
    if (precision < PRECISION_FLOOR)
        fail_msg("precision %.3f below %.2f", precision, PRECISION_FLOOR);
    if (recall < RECALL_FLOOR)
        fail_msg("recall %.3f below %.2f", recall, RECALL_FLOOR);
    json_decref(found);
    copy_corpus_free(&cc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_copies_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define SIMILAR_COUNT 400
/* measured on seed 20261206, 400 reports, 20% copies: precision 1.000,
 * recall 1.000 (docs/SIMILAR.md); the floors leave a margin */
#define PRECISION_FLOOR 0.95
#define RECALL_FLOOR 0.90

/* The original a report's problems section comes from: copy_of, or the
 * report itself; NULL for a partial copy (half an original's sentences
 * and its own: a copy of nothing). */
static const char *root_of(json_t *truth, const char *file)
{
    json_t *t = json_object_get(truth, file);
    const char *of = json_string_value(json_object_get(t, "copy_of"));
    const char *kind = json_string_value(json_object_get(t, "copy"));
    if (kind != NULL && strcmp(kind, "partial") == 0)
        return NULL;
    return of != NULL ? of : file;
}

static void test_copies_found(void **state)
{
    gk_cli *cli = *state;
    const char *env = getenv("GK_GEN_COUNT");
    long count = env ? atol(env) : SIMILAR_COUNT;
    const char *seed = getenv("GK_GEN_SEED") ? getenv("GK_GEN_SEED") : "20261206";
    const char *copies = getenv("GK_GEN_COPIES") ? getenv("GK_GEN_COPIES") : "20";
    int report = getenv("GK_SIMILAR_REPORT") != NULL;
    char count_text[32];
    snprintf(count_text, sizeof count_text, "%ld", count);
    char *truth_path = gk_test_join(cli->top, "truth.jsonl");
    free(gk_acc_run(GEN_BIN, NULL,
                    GK_CLI_ARGS("--seed", seed, "--count", count_text, "--out", cli->in,
                                "--truth", truth_path, "--copies", copies),
                    0));
    free(gk_acc_run(GK_TEST_INDEX_BIN, cli->db, GK_CLI_ARGS(cli->in), 0));

    /* the truth by file, and each file's report id */
    json_t *truth = json_object();
    char *text = gk_test_read_file(truth_path, NULL);
    assert_non_null(text);
    size_t copies_made = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        json_t *t = json_loads(line, 0, NULL);
        assert_non_null(t);
        copies_made += json_object_get(t, "copy_of") != NULL;
        json_object_set_new(truth, json_string_value(json_object_get(t, "file")), t);
    }
    free(text);
    char *listing = gk_acc_list_all(cli->db, 1, "kind:report");
    json_t *hits = gk_cli_json_lines(listing);
    free(listing);
    json_t *file_of = json_object(); /* report id -> file */
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h)
        if (strcmp(gk_cli_str(h, "type"), "hit") == 0)
            json_object_set_new(file_of, gk_cli_str(h, "report_id"),
                                json_string(gk_acc_base_name(gk_cli_str(h, "path"))));

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
        const char *ra = root_of(truth, a), *rb = root_of(truth, b);
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
           seed, count, copies, copies_made, nfound, right, precision, got, wanted, recall,
           by_kind[0], kinds[0], by_kind[1], kinds[1], partials, other_sections,
           asked ? (double)candidates / (double)asked : 0.0);
    assert_true(wanted > 0);
    if (precision < PRECISION_FLOOR)
        fail_msg("precision %.3f below %.2f", precision, PRECISION_FLOOR);
    if (recall < RECALL_FLOOR)
        fail_msg("recall %.3f below %.2f", recall, RECALL_FLOOR);
    json_decref(found);
    json_decref(file_of);
    json_decref(hits);
    json_decref(truth);
    free(truth_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        GK_CLI_TEST(test_copies_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* gen_copied.c - the ctest gen_copied: precision and recall of
 * copied:previous_year|other_place (docs/SIMILAR.md).  gongkai-gen
 * --copies writes a corpus where some reports' problems sections copy an
 * earlier original's, exactly, lightly edited or half of it (a near miss),
 * some of them the same township's report of the next year (truth:
 * copy_of, copy, copy_place); it is indexed with the real gongkai-index and
 * every report listed with --by report, which carries copied and
 * copied_from.
 *
 * What the truth expects, by the rule of docs/SIMILAR.md applied to the
 * truth's own places, years and bodies: report A copies report B when both
 * are the original or exact copies of one original, and B is of A's place
 * (the same resolved code; else the same body as written) and an earlier
 * year (previous_year), or of another place and an earlier or the same
 * year (other_place).  Edited copies are only measured: whether an edit
 * keeps 90% of the runs of five characters depends on where it falls, so
 * a pair with an edited copy is neither wanted nor wrong.  A found pair
 * (A, B in A's copied_from) is wrong when A and B are not whole copies of
 * one original, or when the pair's kind is not the truth's.  Fails below
 * the floors measured (docs/SIMILAR.md) minus a margin.
 *
 * GK_GEN_COUNT, GK_GEN_SEED and GK_GEN_COPIES (percent) override the
 * corpus; GK_COPIED_REPORT=1 prints the pairs missed and the wrong ones. */
#define _POSIX_C_SOURCE 200809L
#include "gk_accuracy.h"
#include "copycorpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define COPIED_COUNT 400
/* measured on seed 20261206, 400 reports, 20% copies (docs/SIMILAR.md);
 * the floors leave a margin */
#define PRECISION_FLOOR 0.95
#define RECALL_FLOOR 0.95

/* Of one place, by the truth: the same resolved code, else the same body. */
static int same_place(json_t *a, json_t *b)
{
    json_t *pa = json_object_get(a, "place"), *pb = json_object_get(b, "place");
    const char *sa = json_string_value(json_object_get(pa, "status"));
    const char *sb = json_string_value(json_object_get(pb, "status"));
    if (sa && sb && strcmp(sa, "resolved") == 0 && strcmp(sb, "resolved") == 0)
        return strcmp(gk_cli_str(pa, "code"), gk_cli_str(pb, "code")) == 0;
    const char *ba = gk_cli_str(a, "body");
    return ba[0] != '\0' && strcmp(ba, gk_cli_str(b, "body")) == 0;
}

/* The kind of "a copies b" by the truth: "previous_year", "other_place",
 * or NULL (b is no earlier report a could copy). */
static const char *kind_of(json_t *truth, const char *a, const char *b)
{
    json_t *ta = json_object_get(truth, a), *tb = json_object_get(truth, b);
    json_int_t ya = json_integer_value(json_object_get(ta, "year"));
    json_int_t yb = json_integer_value(json_object_get(tb, "year"));
    if (same_place(ta, tb))
        return yb < ya ? "previous_year" : NULL;
    return yb <= ya ? "other_place" : NULL;
}

static void test_copied_found(void **state)
{
    gk_cli *cli = *state;
    int report = getenv("GK_COPIED_REPORT") != NULL;
    copy_corpus cc;
    copy_corpus_make(cli, COPIED_COUNT, &cc);
    json_t *truth = cc.truth, *hits = cc.hits, *file_of = cc.file_of;
    const char *seed = cc.seed, *copies = cc.copies;
    long count = cc.count;
    size_t i;
    json_t *h;

    /* the pairs found, "a b" (a copies b) -> the status of a */
    json_t *found = json_object();
    size_t unknown = 0;
    json_array_foreach(hits, i, h) {
        if (strcmp(gk_cli_str(h, "type"), "hit") != 0)
            continue;
        const char *a = gk_acc_base_name(gk_cli_str(h, "path"));
        const char *status = gk_cli_str(h, "copied");
        unknown += strcmp(status, "unknown") == 0;
        size_t k;
        json_t *id;
        json_array_foreach(json_object_get(h, "copied_from"), k, id) {
            const char *b = json_string_value(json_object_get(file_of, json_string_value(id)));
            assert_non_null(b);
            char pair[160];
            snprintf(pair, sizeof pair, "%s %s", a, b);
            json_object_set_new(found, pair, json_string(status));
        }
    }

    /* precision: a pair found is right when both are whole copies of one
     * original and its kind is the truth's; a pair with an edited copy is
     * left out when its kind is right */
    size_t nfound = 0, right = 0, edited_found = 0;
    const char *pair;
    json_t *status;
    json_object_foreach(found, pair, status) {
        char a[80], b[80];
        assert_int_equal(sscanf(pair, "%79s %79s", a, b), 2);
        int ea, eb;
        const char *ra = copy_corpus_root(truth, a, &ea), *rb = copy_corpus_root(truth, b, &eb);
        const char *kind = kind_of(truth, a, b);
        int ok = ra != NULL && rb != NULL && strcmp(ra, rb) == 0 && kind != NULL &&
                 strstr(json_string_value(status), kind) != NULL;
        if (ok && (ea || eb)) {
            edited_found++;
            continue;
        }
        nfound++;
        right += ok;
        if (!ok && report)
            printf("  wrong: %s copies %s (%s; truth: %s)\n", a, b, json_string_value(status),
                   kind ? kind : "none");
    }

    /* recall: every pair of whole copies of one original the truth says
     * one copies; edited ones counted apart */
    size_t wanted = 0, got = 0, edited_wanted = 0, by_kind[2] = {0}, kinds[2] = {0};
    const char *fa, *fb;
    json_t *ta, *tb;
    json_object_foreach(truth, fa, ta) {
        int ea;
        const char *ra = copy_corpus_root(truth, fa, &ea);
        if (ra == NULL)
            continue;
        json_object_foreach(truth, fb, tb) {
            int eb;
            const char *rb = copy_corpus_root(truth, fb, &eb);
            if (strcmp(fa, fb) == 0 || rb == NULL || strcmp(ra, rb) != 0)
                continue;
            const char *kind = kind_of(truth, fa, fb);
            if (kind == NULL)
                continue;
            char p[160];
            snprintf(p, sizeof p, "%s %s", fa, fb);
            json_t *st = json_object_get(found, p);
            int hit = st != NULL && strstr(json_string_value(st), kind) != NULL;
            if (ea || eb) {
                edited_wanted++;
                continue;
            }
            int prev = strcmp(kind, "previous_year") == 0;
            wanted++;
            kinds[prev]++;
            got += hit;
            by_kind[prev] += hit;
            if (!hit && report)
                printf("  missed: %s copies %s (%s)\n", fa, fb, kind);
        }
    }
    double precision = nfound ? (double)right / (double)nfound : 1.0;
    double recall = wanted ? (double)got / (double)wanted : 1.0;
    printf("gen_copied: seed %s, %ld reports, %s%% copies: %zu pairs found of whole copies "
           "(exact), %zu right: precision %.3f; %zu of %zu pairs the truth wants: recall %.3f "
           "(other_place %zu/%zu, previous_year %zu/%zu); pairs with an edited copy: %zu found "
           "of %zu; %zu reports unknown (no problems section long enough)\n",
           seed, count, copies, nfound, right, precision, got, wanted, recall, by_kind[0],
           kinds[0], by_kind[1], kinds[1], edited_found, edited_wanted, unknown);
    assert_true(kinds[0] > 0);
    assert_true(kinds[1] > 0);
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
        GK_CLI_TEST(test_copied_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

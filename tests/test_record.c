/* test_record.c - the stored record of a report: gk_record_text writes
 * the record itself, member by member, and must write exactly what
 * jansson writes for gk_record_build's tree, whatever a field holds:
 * quotes, backslashes, control characters, broken UTF-8, fractions,
 * blanks, values JSON cannot hold; and for every report of the real
 * fixtures.  --show prints what is stored, so a cell must come back as it
 * was written. */
#include "gk_test.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_format.h"
#include "gk_record.h"
#include "gk_rules.h"
#include "gk_util.h"

#define REAL_DIR GK_TEST_CORPUS_DIR "/../tests/real/reports"

/* The rules and the taxonomy of problem categories. */
typedef struct fixture {
    gk_test_rules rules;
    gk_taxonomy *taxonomy;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    gk_test_rules_load(&f->rules);
    char *msg = NULL;
    if (gk_taxonomy_load(&f->taxonomy, GK_TEST_CORPUS_DIR "/data", &msg) != GK_OK)
        fail_msg("taxonomy: %s", msg ? msg : "?");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gk_taxonomy_free(f->taxonomy);
    gk_test_rules_free(&f->rules);
    free(f);
    return 0;
}

/* The categories of r's last problems section, its heading left out. */
static void classify(gk_categories *cats, const gk_taxonomy *t, const gk_report *r)
{
    for (size_t i = 0; i < r->nsections; i++) {
        const gk_section *s = &r->sections[i];
        if (strcmp(s->id, "problems") != 0)
            continue;
        const char *text = r->text + s->start, *h = NULL;
        size_t len = s->end - s->start, skip = 0;
        if (s->title[0] != '\0' && (h = strstr(text, s->title)) != NULL &&
            (size_t)(h - text) < len)
            skip = (size_t)(h - text) + strlen(s->title);
        gk_categories_clear(cats);
        assert_int_equal(gk_problems_classify(cats, t, text + skip, len - skip, NULL), GK_OK);
    }
}

/* facts as gk_record_text writes them and as jansson dumps the tree. */
static void both_of(const gk_report_facts *facts, char **fast, size_t *fast_len, char **slow)
{
    *fast = gk_record_text(facts, fast_len);
    json_t *rec = gk_record_build(facts);
    *slow = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
}

/* A small 2021-format report with its requests table. */
static const char report_text[] =
    "某镇人民政府2021年政府信息公开工作年度报告\n"
    "一、总体情况\n本年度共收到申请3件。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "| 本年新收政府信息公开申请数量 | 3 |\n"
    "| 上年结转政府信息公开申请数量 | 0 |\n"
    "五、存在的主要问题及改进情况\n更新不及时。\n";

/* The record of report_text with raw cells of every awkward kind; its
 * text from gk_record_text and from jansson. */
static void both(void **state, char **fast, size_t *fast_len, char **slow)
{
    fixture *fx = *state;
    gk_test_rules *rules = &fx->rules;
    gk_report *r = gk_test_rules_parse(rules, report_text);
    gk_figures figs = {0};
    assert_int_equal(gk_figures_extract(&figs, rules->figures, r, NULL), GK_OK);
    assert_true(figs.nraw > 0); /* the table's own cells come first */
    assert_true(figs.nfigures > 2 && figs.nchecks > 0);
    /* a figure and a check no JSON number can hold, and a fraction */
    gk_figure figure0 = figs.figures[0];
    figs.figures[0] = (gk_figure){.known = 1, .value = NAN, .source = GK_SOURCE_PROSE,
                                  .text = "约\"一半\""};
    figs.figures[1].known = 1;
    figs.figures[1].value = 0.65;
    gk_check check0 = figs.checks[0];
    figs.checks[0].status = GK_CONSISTENCY_OK;
    figs.checks[0].left = INFINITY;
    char row_quote[] = "“申请”\"数量\"\\合计", text_ctrl[] = "3\t件\n\x01\x1f",
         broken[] = "12\xe4\xb8", plain[] = "0.65万元", blank[] = "";
    gk_raw_figure extra[] = {
        {"requests", row_quote, "本年\"新收\"", 1, 3, text_ctrl},
        {"requests", broken, NULL, 1, 6500.5, broken},
        {"fees", plain, "金额", 1, 6500, plain},
        {"fees", blank, "金额", 0, 0, blank},
        {NULL, NULL, NULL, 1, -0.125, NULL},
        {"fees", plain, "金额", 1, 1e16, plain},
        {"fees", plain, "金额", 1, INFINITY, plain},
    };
    gk_raw_figure *keep = figs.raw;
    size_t nkeep = figs.nraw, n = sizeof extra / sizeof extra[0];
    gk_raw_figure *all = calloc(nkeep + n, sizeof *all);
    assert_non_null(all);
    memcpy(all, keep, nkeep * sizeof *all);
    memcpy(all + nkeep, extra, sizeof extra);
    figs.raw = all;
    figs.nraw = nkeep + n;
    /* an ambiguous place: two candidates, evidence cut inside a character */
    gk_place_candidate cands[2] = {{"130123100", {"河北省", "石家庄市", "正定县", "城关镇"}},
                                   {"410101100", {"河南省", "郑州市", "", "城关\"镇\""}}};
    gk_resolved_place place = {.status = GK_PLACE_AMBIGUOUS, .candidates = cands,
                               .ncandidates = 2};
    memcpy(place.evidence, "两个\xe5\x90", 9);
    gk_categories cats = {0};
    classify(&cats, fx->taxonomy, r);
    assert_true(cats.n > 0); /* 更新不及时 */
    gk_report_facts facts = {r, "0123456789abcdef", "/tmp/某镇\"报告\".txt", &figs,
                             rules->figures, &place, &cats, fx->taxonomy};
    both_of(&facts, fast, fast_len, slow);
    gk_categories_clear(&cats);
    figs.checks[0] = check0;
    figs.figures[0] = figure0;
    figs.raw = keep;
    figs.nraw = nkeep;
    free(all);
    gk_figures_clear(&figs);
    gk_report_free(r);
}

static void test_the_record_text_is_what_jansson_writes(void **state)
{
    char *fast = NULL, *slow = NULL;
    size_t len = 0;
    both(state, &fast, &len, &slow);
    assert_non_null(fast);
    assert_non_null(slow);
    assert_int_equal(len, strlen(fast));
    assert_string_equal(fast, slow);
    free(fast);
    free(slow);
}

static void test_a_cell_comes_back_as_written(void **state)
{
    char *fast = NULL, *slow = NULL;
    size_t len = 0;
    both(state, &fast, &len, &slow);
    json_error_t err;
    json_t *rec = json_loads(fast, 0, &err);
    if (rec == NULL)
        fail_msg("not JSON: %s at %d", err.text, err.position);
    json_t *raw = json_object_get(rec, "raw_figures");
    size_t n = json_array_size(raw);
    assert_true(n >= 7);
    json_t *quote = json_array_get(raw, n - 7), *broken = json_array_get(raw, n - 6);
    assert_string_equal(json_string_value(json_object_get(quote, "row")),
                        "“申请”\"数量\"\\合计");
    assert_string_equal(json_string_value(json_object_get(quote, "text")), "3\t件\n\x01\x1f");
    assert_string_equal(json_string_value(json_object_get(quote, "column")), "本年\"新收\"");
    /* each byte of a broken character becomes U+FFFD, not a broken record */
    assert_string_equal(json_string_value(json_object_get(broken, "text")),
                        "12\xef\xbf\xbd\xef\xbf\xbd");
    assert_true(json_is_null(json_object_get(broken, "column")));
    assert_true(fabs(json_number_value(json_object_get(broken, "value")) - 6500.5) < 1e-9);
    /* a blank cell is unknown, not 0 */
    assert_true(json_is_null(json_object_get(json_array_get(raw, n - 4), "value")));
    assert_true(json_is_integer(json_object_get(json_array_get(raw, n - 5), "value")));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(raw, n - 5), "value")),
                     6500);
    /* a value JSON cannot hold is unknown too, and the record stays whole */
    assert_true(json_is_null(json_object_get(json_array_get(raw, n - 1), "value")));
    /* and the figure and the check: null, not left out */
    json_t *figures = json_object_get(rec, "figures");
    json_t *first = json_object_iter_value(json_object_iter(figures));
    assert_true(json_is_null(json_object_get(first, "value")));
    json_t *check = json_array_get(json_object_get(rec, "checks"), 0);
    assert_true(json_is_null(json_object_get(check, "left")));
    assert_true(json_is_null(json_object_get(check, "difference")));
    assert_int_equal(json_array_size(json_object_get(json_object_get(rec, "place"),
                                                     "candidates")),
                     2);
    /* the report's own table cells are there too */
    assert_string_equal(json_string_value(json_object_get(json_array_get(raw, 0), "table")),
                        "requests");
    json_decref(rec);
    free(fast);
    free(slow);
}

/* Every report of the real fixtures, read as the indexer reads it. */
static void test_every_real_report_is_written_as_jansson_writes_it(void **state)
{
    fixture *fx = *state;
    DIR *d = opendir(REAL_DIR);
    assert_non_null(d);
    size_t reports = 0, with_categories = 0, with_cells = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", REAL_DIR, e->d_name);
        size_t len = 0, tlen = 0;
        char *bytes = gk_test_read_file(path, &len), *text = NULL;
        assert_non_null(bytes);
        gk_text_info ti;
        if (gk_format_text(gk_format_detect(path, bytes, len), bytes, len, &text, &tlen, &ti,
                           NULL) != GK_OK) {
            free(bytes);
            continue;
        }
        gk_report *r = gk_test_rules_parse(&fx->rules, text);
        gk_figures figs = {0};
        assert_int_equal(gk_figures_extract(&figs, fx->rules.figures, r, NULL), GK_OK);
        gk_categories cats = {0};
        classify(&cats, fx->taxonomy, r);
        gk_resolved_place place = {0};
        gk_report_facts facts = {r, "0123456789abcdef", path, &figs, fx->rules.figures,
                                 &place, &cats, fx->taxonomy};
        char *fast = NULL, *slow = NULL;
        size_t fast_len = 0;
        both_of(&facts, &fast, &fast_len, &slow);
        assert_non_null(fast);
        assert_non_null(slow);
        if (strcmp(fast, slow) != 0)
            fail_msg("%s: the record text is not what jansson writes", e->d_name);
        reports++;
        with_categories += cats.n > 0;
        with_cells += figs.nraw > 0;
        free(fast);
        free(slow);
        gk_categories_clear(&cats);
        gk_figures_clear(&figs);
        gk_report_free(r);
        free(text);
        free(bytes);
    }
    closedir(d);
    /* the comparison saw the parts it is about */
    assert_true(reports >= 100);
    assert_true(with_categories >= 20);
    assert_true(with_cells >= 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_record_text_is_what_jansson_writes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_cell_comes_back_as_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_real_report_is_written_as_jansson_writes_it,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

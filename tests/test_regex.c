/* test_regex.c - the patterns of the data files find what ICU finds.
 *
 * gk_rx_search skips text that lacks a literal every match must hold, and
 * tries a pattern that opens with a look-behind only where a match can
 * start (rx_literals.c).  Neither may change a result: every pattern of
 * prose_figures.tsv, sections.tsv and tables.tsv is run over the real
 * fixture reports and the sample corpus, every match from every start,
 * (every third file, for time) and compared with the same pattern written so that nothing can be read
 * off it ("(?:P)|(?!)": a top-level alternative), which ICU runs alone. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gk_regex.h"
#include "gk_sections.h"
#include "gk_test.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define REAL_DIR GK_TEST_CORPUS_DIR "/../tests/real/reports"
#define DATA_DIR GK_TEST_CORPUS_DIR "/data"

static int found(const char *pat, const char *text, size_t from, int anchored,
                 gk_rx_match *m)
{
    gk_rx *rx = NULL;
    char *err = NULL;
    assert_int_equal(gk_rx_new(&rx, pat, &err), GK_OK);
    int got = gk_rx_search(rx, text, strlen(text), from, anchored, m);
    gk_rx_free(rx);
    return got;
}

static void test_a_look_behind_sees_the_text_before_from(void **state)
{
    (void)state;
    gk_rx_match m;
    const char *t = "不予以公开3件,予以公开5件";
    assert_int_equal(found("(?<!不)予以公开(?<n>[0-9]+)件", t, 0, 0, &m), 1);
    assert_string_equal(t + m.gstart[1], "5件");
    /* from just after 不: the look-behind still sees it */
    size_t after = strlen("不");
    assert_int_equal(found("(?<!不)予以公开([0-9]+)件", t, after, 0, &m), 1);
    assert_int_equal(m.start, strlen("不予以公开3件,"));
}

static void test_a_caret_is_the_start_of_the_text_only(void **state)
{
    (void)state;
    gk_rx_match m;
    assert_int_equal(found("^共[0-9]+条", "共5条", 0, 0, &m), 1);
    assert_int_equal(found("^共[0-9]+条", "总共5条", 0, 0, &m), 0);
    assert_int_equal(found("(?<!总)^共[0-9]+条", "总共5条", strlen("总"), 0, &m), 0);
}

static void test_text_without_the_literal_finds_nothing(void **state)
{
    (void)state;
    gk_rx_match m;
    assert_int_equal(found("收到(申请)?([0-9]+)件", "办结申请5件", 0, 0, &m), 0);
    assert_int_equal(found("收到(申请)?([0-9]+)件", "办结5件,收到申请7件", 0, 0, &m), 1);
    /* the literal before from does not count */
    assert_int_equal(found("收到([0-9]+)件", "收到5件,办结5件", strlen("收到5件"), 0, &m), 0);
    /* an optional literal is not required */
    assert_int_equal(found("(收到)?([0-9]+)件", "办结5件", 0, 0, &m), 1);
    assert_int_equal(found("申(请)?([0-9]+)件", "申5件", 0, 0, &m), 1);
    assert_int_equal(found("申请{0,1}([0-9]+)件", "申5件", 0, 0, &m), 1);
    /* escaped punctuation is literal, classes are not */
    assert_int_equal(found("\\(含([0-9]+)件\\)", "(含3件)", 0, 0, &m), 1);
    assert_int_equal(found("[收接]到([0-9]+)件", "接到3件", 0, 0, &m), 1);
    /* a top-level alternative: either side */
    assert_int_equal(found("收到([0-9]+)件|办结([0-9]+)件", "办结5件", 0, 0, &m), 1);
    assert_int_equal(found("收到([0-9]+)件|办结([0-9]+)件", "答复5件", 0, 0, &m), 0);
    /* alternatives in a group, one not literal; groups joined as the
     * loaders join them */
    assert_int_equal(found("((支出|经费)与收费|收支)情况", "经费与收费情况", 0, 0, &m), 1);
    assert_int_equal(found("((支出|经费)与收费|收支)情况", "收支情况", 0, 0, &m), 1);
    assert_int_equal(found("((支出|经费)与收费|收支)情况", "收费情况", 0, 0, &m), 0);
    assert_int_equal(found("(?:^规章$)|(?:规范性文件$)", "规章", 0, 0, &m), 1);
    assert_int_equal(found("(?:^规章$)|(?:规范性文件$)", "其他规范性文件", 0, 0, &m), 1);
    assert_int_equal(found("(?:^规章$)|(?:规范性文件$)", "规范性文件数", 0, 0, &m), 0);
    assert_int_equal(found("(?:(?<!不)予以公开|部分公开)([0-9]+)", "不予以公开3,部分公开4", 0, 0, &m), 1);
    assert_int_equal(m.start, strlen("不予以公开3,"));
}

static void test_anchored_search_starts_at_from(void **state)
{
    (void)state;
    gk_rx_match m;
    const char *t = "一、总体情况\n二、主动公开";
    size_t line2 = strlen("一、总体情况\n");
    assert_int_equal(found("[一二三]、主动公开", t, line2, 1, &m), 1);
    assert_int_equal(m.start, line2);
    assert_int_equal(found("[一二三]、主动公开", t, 0, 1, &m), 0);
}

/* ---- every data-file pattern against ICU alone ------------------------ */

typedef struct texts {
    char **v;
    size_t n;
} texts;

static void add_dir(texts *t, const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 4 || (strcmp(e->d_name + n - 4, ".txt") != 0 &&
                      strcmp(e->d_name + n - 3, ".md") != 0 &&
                      strcmp(e->d_name + n - 5, ".html") != 0))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *s = gk_test_read_file(path, &len);
        if (s == NULL || !gk_utf8_valid(s, len) || strlen(s) != len) {
            free(s);
            continue;
        }
        t->v = realloc(t->v, (t->n + 1) * sizeof *t->v);
        assert_non_null(t->v);
        t->v[t->n++] = s;
    }
    closedir(d);
}

static int same_groups(const gk_rx_match *a, const gk_rx_match *b)
{
    for (int g = 1; g < GK_RX_MAX_GROUPS; g++)
        if (a->gstart[g] != b->gstart[g] || a->gend[g] != b->gend[g])
            return 0;
    return 1;
}

/* Every match of pat in s, from every start: as ICU alone finds them. */
static size_t compare(gk_rx *fast, gk_rx *plain, const char *s, const char *pat,
                      int lines)
{
    size_t len = strlen(s), matches = 0;
    for (int anchored = 0; anchored <= lines; anchored++) {
        /* unanchored: match after match; anchored: at every line start */
        for (size_t from = 0; from < len;) {
            gk_rx_match a, b;
            int fa = gk_rx_search(fast, s, len, from, anchored, &a);
            int fb = gk_rx_search(plain, s, len, from, anchored, &b);
            if (fa != fb || (fa && (a.start != b.start || a.end != b.end ||
                                    !same_groups(&a, &b))))
                fail_msg("pattern %s from byte %zu (anchored %d): %d at %zu, ICU %d at %zu",
                         pat, from, anchored, fa, fa ? a.start : 0, fb, fb ? b.start : 0);
            matches += (size_t)fa;
            if (anchored) {
                const char *nl = memchr(s + from, '\n', len - from);
                from = nl != NULL ? (size_t)(nl - s) + 1 : len;
            } else if (!fa) {
                break;
            } else {
                from = a.end > a.start ? a.end : a.start + 1;
                while (from < len && ((unsigned char)s[from] & 0xC0) == 0x80)
                    from++;
            }
        }
    }
    return matches;
}

/* Compare one pattern over every text; its matches. */
static size_t compare_pattern(const char *pat, const texts *t, int lines,
                              size_t *patterns)
{
    gk_rx *fast = NULL, *plain = NULL;
    char *err = NULL;
    if (gk_rx_new(&fast, pat, &err) != GK_OK) {
        free(err); /* a field that is not a pattern */
        return 0;
    }
    gk_buf alone = {0};
    gk_buf_printf(&alone, "(?:%s)|(?!)", pat);
    assert_int_equal(gk_rx_new(&plain, alone.data, &err), GK_OK);
    size_t matches = 0;
    /* every third text: ICU alone is slow on these patterns (which is
     * why the search skips), and a third still holds every form */
    for (size_t i = 0; i < t->n; i += 3)
        matches += compare(fast, plain, t->v[i], pat, lines);
    gk_rx_free(fast);
    gk_rx_free(plain);
    gk_buf_free(&alone);
    (*patterns)++;
    return matches;
}

/* Every field after the first of every row of a data file is tried as a
 * pattern (labels are patterns of their own text).  Returns the matches. */
static size_t compare_file(const char *name, const texts *t, int lines)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", DATA_DIR, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0, patterns = 0, matches = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *field = strchr(line, '\t');
        while (field != NULL) {
            field++;
            char *next = strchr(field, '\t');
            if (next != NULL)
                *next = '\0';
            if (*field != '\0')
                matches += compare_pattern(field, t, lines, &patterns);
            field = next;
        }
    }
    free(line);
    fclose(f);
    assert_true(patterns > 0);
    return matches;
}

/* The patterns of one kind (second field) of a data file joined into one
 * alternation as the loaders join them (gk_section_rx_join: any_heading,
 * any_row), the pattern in field `field`; NULL when none. */
static char *joined(const char *name, const char *kind, int field)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", DATA_DIR, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    gk_buf b = {0};
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        char *v[8] = {0};
        int n = 0;
        for (char *p = line; p != NULL && n < 8; n++) {
            v[n] = p;
            p = strchr(p, '\t');
            if (p != NULL)
                *p++ = '\0';
        }
        if (line[0] != '#' && n > field && strcmp(v[1], kind) == 0)
            assert_int_equal(gk_section_rx_join(&b, v[field]), GK_OK);
    }
    free(line);
    fclose(f);
    return gk_buf_take(&b, NULL);
}

static void test_data_file_patterns_find_what_icu_finds(void **state)
{
    (void)state;
    texts t = {0};
    add_dir(&t, REAL_DIR);
    add_dir(&t, GK_TEST_CORPUS_DIR);
    assert_true(t.n >= 100);
    /* the comparison must have matches to compare */
    /* prose and categories are searched for; headings and table rows
     * are also matched at line starts */
    assert_true(compare_file("prose_figures.tsv", &t, 0) > 100);
    assert_true(compare_file("categories.tsv", &t, 0) > 100);
    assert_true(compare_file("sections.tsv", &t, 1) > 100);
    assert_true(compare_file("tables.tsv", &t, 1) > 100);
    /* and joined, as the loaders try them all at once first: an
     * alternative that is one group is read inside */
    char *headings = joined("sections.tsv", "heading", 2), *rows = joined("tables.tsv", "row", 3);
    assert_non_null(headings);
    assert_non_null(rows);
    size_t patterns = 0;
    assert_true(compare_pattern(headings, &t, 1, &patterns) > 100);
    assert_true(compare_pattern(rows, &t, 1, &patterns) > 100);
    free(headings);
    free(rows);
    for (size_t i = 0; i < t.n; i++)
        free(t.v[i]);
    free(t.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_look_behind_sees_the_text_before_from),
        cmocka_unit_test(test_a_caret_is_the_start_of_the_text_only),
        cmocka_unit_test(test_text_without_the_literal_finds_nothing),
        cmocka_unit_test(test_anchored_search_starts_at_from),
        cmocka_unit_test(test_data_file_patterns_find_what_icu_finds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

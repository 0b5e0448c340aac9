/* gk_accuracy.c - what the accuracy tests share: running the programs,
 * their JSON lines by file, every hit of a query, comparing values. */
#define _POSIX_C_SOURCE 200809L
#include "gk_accuracy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *gk_acc_run(const char *program, const char *db, const char *const args[],
                 int want_status)
{
    gk_test_run_result r;
    gk_cli_run(&r, program, db, args, NULL);
    if (want_status != GK_CLI_0_OR_1 ? r.status != want_status : r.status > 1)
        fail_msg("%s exited %d: %s", program, r.status, r.err);
    char *out = r.out;
    r.out = NULL;
    gk_test_run_clear(&r);
    return out;
}

const char *gk_acc_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void gk_acc_index_lines(const char *text, const char *type, json_t *by_file, int sections)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        json_error_t e;
        json_t *o = json_loadb(p, n, 0, &e);
        if (o == NULL)
            fail_msg("not JSON: %.*s", (int)n, p);
        const char *ty = json_string_value(json_object_get(o, "type"));
        const char *path = json_string_value(json_object_get(o, "path"));
        if (ty && path && strcmp(ty, type) == 0) {
            const char *name = gk_acc_base_name(path);
            if (sections) {
                json_t *arr = json_object_get(by_file, name);
                if (arr == NULL) {
                    arr = json_array();
                    json_object_set_new(by_file, name, arr);
                }
                /* a hit is a report: its sections listed */
                size_t k;
                json_t *sec;
                json_array_foreach(json_object_get(o, "sections"), k, sec)
                    json_array_append(arr, json_object_get(sec, "id"));
            } else {
                json_object_set(by_file, name, o);
            }
        }
        json_decref(o);
        p += n + (p[n] == '\n');
    }
}

char *gk_acc_list_all(const char *db, int by_report, const char *query)
{
    enum { PAGE = 100000 };
    char *all = strdup("");
    assert_non_null(all);
    for (long offset = 0;; offset += PAGE) {
        char off[32], page[32];
        snprintf(off, sizeof off, "%ld", offset);
        snprintf(page, sizeof page, "%d", PAGE);
        char *out = gk_acc_run(GK_TEST_QUERY_BIN, db,
                               GK_CLI_ARGS("--json", "-n", page, "--offset", off, "--by",
                                           by_report ? "report" : "section", query),
                               GK_CLI_0_OR_1);
        size_t lines = gk_test_count_lines(out);
        size_t a = strlen(all), b = strlen(out);
        all = realloc(all, a + b + 1);
        assert_non_null(all);
        memcpy(all + a, out, b + 1);
        free(out);
        if (lines < PAGE + 1) /* the summary line */
            break;
    }
    return all;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *gk_acc_sorted_set(const json_t *arr)
{
    size_t n = json_array_size(arr);
    const char **v = calloc(n + 1, sizeof *v);
    assert_non_null(v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (json_string_value(json_array_get(arr, i)) != NULL)
            v[k++] = json_string_value(json_array_get(arr, i));
    qsort(v, k, sizeof *v, cmp_str);
    json_t *out = json_array();
    for (size_t i = 0; i < k; i++)
        if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
            json_array_append_new(out, json_string(v[i]));
    free(v);
    return out;
}

char *gk_acc_text_of(const json_t *v)
{
    if (v == NULL)
        return strdup("(absent)");
    if (json_is_string(v))
        return strdup(json_string_value(v));
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
    return s ? s : strdup("?");
}

int gk_acc_same(const json_t *a, const json_t *b)
{
    if (json_is_number(a) && json_is_number(b)) {
        double x = json_number_value(a), y = json_number_value(b);
        return fabs(x - y) <= 1e-6 * (fabs(x) > 1 ? fabs(x) : 1);
    }
    if (a == NULL || b == NULL)
        return (a == NULL || json_is_null(a)) && (b == NULL || json_is_null(b));
    return json_equal((json_t *)a, (json_t *)b);
}

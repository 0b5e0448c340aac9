/* stored.c - a report's stored record: found by report id (or a unique
 * prefix of it, or its file's path), its search document and the sections
 * its data holds, and the notes on its figures. */
#define _XOPEN_SOURCE 700
#include "gk_stored.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_recordz.h"
#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"

int gk_stored_id_parse(char out[GK_REPORT_ID_LEN + 1], const char *s)
{
    if (strlen(s) != GK_REPORT_ID_LEN ||
        strspn(s, "0123456789abcdefABCDEF") != GK_REPORT_ID_LEN)
        return 0;
    for (size_t i = 0; i < GK_REPORT_ID_LEN; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 'a' : s[i]);
    out[GK_REPORT_ID_LEN] = '\0';
    return 1;
}

gk_status gk_stored_record_get(json_t **out, gk_db *db, const char *report_id,
                               char **errmsg)
{
    *out = NULL;
    gk_results *res = NULL;
    char *json = NULL;
    const char *raw = NULL;
    size_t len = 0;
    gk_status st = gk_stored_document(&res, db, report_id, errmsg);
    if (st == GK_OK && gk_results_count(res) > 0)
        gk_results_value(res, 0, GK_SLOT_RECORD, &raw, &len);
    if (st == GK_OK && len == 0)
        st = gk_fail(errmsg, GK_ENOTFOUND, "no record of report %s", report_id);
    if (st == GK_OK)
        st = gk_recordz_unpack(raw, len, &json, errmsg);
    if (st == GK_OK && (*out = json_loads(json, 0, NULL)) == NULL)
        st = gk_fail(errmsg, GK_ECORRUPT, "the record of report %s is not JSON",
                     report_id);
    free(json);
    gk_results_free(res);
    return st;
}

/* What walking the report terms under a prefix found. */
typedef struct prefix_walk {
    size_t matches;
    char first[GK_REPORT_ID_LEN + 1];
} prefix_walk;

static int count_match(void *ctx, const char *term, size_t len)
{
    prefix_walk *w = ctx;
    const char *id = term + GK_LEN(GK_PREFIX_REPORT);
    if (len - GK_LEN(GK_PREFIX_REPORT) != GK_REPORT_ID_LEN)
        return 0;
    if (w->matches++ == 0)
        snprintf(w->first, sizeof w->first, "%s", id);
    return 0;
}

/* The report indexed from the file at abs_path, by its file key: *found
 * 0 when none. */
static gk_status report_of_file(gk_db *db, const char *abs_path,
                                char out[GK_REPORT_ID_LEN + 1], int *found, char **errmsg)
{
    *found = 0;
    char key[GK_REPORT_ID_LEN + 1], term[64];
    gk_report_file_key(key, abs_path);
    int n = snprintf(term, sizeof term, "%s%s", GK_PREFIX_FILE, key);
    gk_xquery *q = NULL;
    gk_results *res = NULL;
    gk_status st = gk_xquery_term(&q, term, (size_t)n);
    gk_search_opts so = {.offset = 0, .limit = 1, .collapse_slot = -1, .sort_slot = -1,
                         .sort_descending = 0, .check_at_least = 0};
    if (st == GK_OK)
        st = gk_db_search(db, q, &so, &res, errmsg);
    else
        st = gk_fail(errmsg, st, "out of memory");
    if (st == GK_OK && gk_results_count(res) > 0) {
        const char *id = NULL;
        size_t len = 0;
        gk_results_value(res, 0, GK_SLOT_REPORT_ID, &id, &len);
        if (len == GK_REPORT_ID_LEN) {
            memcpy(out, id, len);
            out[len] = '\0';
            *found = 1;
        }
    }
    gk_results_free(res);
    gk_xquery_free(q);
    return st;
}

gk_status gk_stored_resolve(char out[GK_REPORT_ID_LEN + 1], size_t *matches, gk_db *db,
                            const char *arg, char **errmsg)
{
    *matches = 0;
    size_t n = strlen(arg);
    gk_status st;
    if (n >= GK_REPORT_ID_MIN_PREFIX && n <= GK_REPORT_ID_LEN &&
        strspn(arg, "0123456789abcdefABCDEF") == n) {
        char term[64];
        size_t k = snprintf(term, sizeof term, "%s", GK_PREFIX_REPORT);
        for (size_t i = 0; i < n; i++)
            term[k++] = (char)(arg[i] >= 'A' && arg[i] <= 'F' ? arg[i] - 'A' + 'a' : arg[i]);
        term[k] = '\0';
        prefix_walk w = {0, ""};
        if ((st = gk_db_terms_each(db, term, count_match, &w, errmsg)) != GK_OK)
            return st;
        *matches = w.matches;
        if (w.matches > 1)
            return GK_EINVAL;
        if (w.matches == 1) {
            memcpy(out, w.first, GK_REPORT_ID_LEN + 1);
            return GK_OK;
        }
    }
    /* a path: as given when absolute, else (or also) as resolved */
    char real[PATH_MAX];
    const char *paths[2] = {arg[0] == '/' ? arg : NULL,
                            realpath(arg, real) != NULL ? real : NULL};
    for (size_t i = 0; i < 2; i++) {
        if (paths[i] == NULL)
            continue;
        int found = 0;
        if ((st = report_of_file(db, paths[i], out, &found, errmsg)) != GK_OK)
            return st;
        if (found)
            return GK_OK;
    }
    return GK_ENOTFOUND;
}

gk_status gk_stored_document(gk_results **out, gk_db *db, const char *report_id,
                             char **errmsg)
{
    *out = NULL;
    char term[64];
    int n = snprintf(term, sizeof term, "%s%s", GK_PREFIX_REPORT, report_id);
    gk_xquery *q = NULL;
    gk_status st = gk_xquery_term(&q, term, (size_t)n);
    gk_search_opts so = {.offset = 0, .limit = 1, .collapse_slot = -1, .sort_slot = -1,
                         .sort_descending = 0, .check_at_least = 0};
    if (st == GK_OK)
        st = gk_db_search(db, q, &so, out, errmsg);
    else
        st = gk_fail(errmsg, st, "out of memory");
    gk_xquery_free(q);
    return st;
}

char *gk_stored_figure_notes(const json_t *record)
{
    gk_buf notes = {0};
    json_t *figs = json_object_get(record, "figures");
    const char *id;
    json_t *f;
    json_object_foreach(figs, id, f)
    {
        if (json_is_true(json_object_get(f, "approx")))
            gk_buf_printf(&notes, "%s%s approx", notes.len ? "; " : "", id);
        if (json_is_true(json_object_get(f, "unit_assumed")))
            gk_buf_printf(&notes, "%s%s unit not given (taken as 元)",
                          notes.len ? "; " : "", id);
    }
    return gk_buf_take(&notes, NULL);
}

gk_status gk_stored_layout_check(gk_db *db, const gk_section_table *t, char **errmsg)
{
    gk_buf want = {0};
    gk_status st = gk_buf_adds(&want, GK_LAYOUT);
    /* as gongkai-index writes it (indexer/index/document.c) */
    for (size_t i = 0; i < gk_section_table_count(t) && st == GK_OK; i++)
        st = gk_buf_printf(&want, " %c=%s",
                           i < GK_LEN(GK_SECTION_CODES) ? GK_SECTION_CODES[i] : '?',
                           gk_section_table_id(t, i));
    char *stamp = NULL;
    size_t len = 0;
    unsigned long ndocs = 0;
    if (st != GK_OK)
        st = gk_fail(errmsg, st, "out of memory");
    if (st == GK_OK)
        st = gk_db_get_metadata(db, GK_META_LAYOUT, &stamp, &len, errmsg);
    if (st == GK_OK)
        st = gk_db_doc_count(db, &ndocs, errmsg);
    /* the version before the section codes: "3 A=preamble ..." */
    size_t v = st == GK_OK && len > 0 ? strcspn(stamp, " ") : 0;
    int other_version = v > 0 && (v != GK_LEN(GK_LAYOUT) || memcmp(stamp, GK_LAYOUT, v) != 0);
    if (st == GK_OK && ndocs > 0 && strcmp(stamp, want.data) != 0)
        st = gk_fail(errmsg, GK_EUNSUPPORTED, "%s: rebuild it with gongkai-index --force",
                     len == 0 ? "built by an older gongkai (one search document per section)"
                     : other_version ? "built by another version of gongkai"
                                     : "built with other section data (sections.tsv)");
    free(stamp);
    gk_buf_free(&want);
    return st;
}

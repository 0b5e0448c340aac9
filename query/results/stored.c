/* stored.c - a report's stored record: found by report id, and the notes
 * on its figures. */
#include "gk_stored.h"

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
    char key[64], *raw = NULL, *json = NULL;
    size_t len = 0;
    snprintf(key, sizeof key, "%s%s", GK_META_REPORT, report_id);
    gk_status st = gk_db_get_metadata(db, key, &raw, &len, errmsg);
    if (st == GK_OK && len == 0)
        st = gk_fail(errmsg, GK_ENOTFOUND, "no record of report %s", report_id);
    if (st == GK_OK)
        st = gk_recordz_unpack(raw, len, &json, errmsg);
    if (st == GK_OK && (*out = json_loads(json, 0, NULL)) == NULL)
        st = gk_fail(errmsg, GK_ECORRUPT, "the record of report %s is not JSON",
                     report_id);
    free(json);
    free(raw);
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
    if (st == GK_OK && ndocs > 0 && strcmp(stamp, want.data) != 0)
        st = gk_fail(errmsg, GK_EUNSUPPORTED, "%s: rebuild it with gongkai-index --force",
                     len == 0 ? "built by an older gongkai (one search document per section)"
                              : "built with other section data (sections.tsv)");
    free(stamp);
    gk_buf_free(&want);
    return st;
}

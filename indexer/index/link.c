/* link.c - the notes the link pass works from and its searches across
 * every shard (link.h). */
#include "link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define PAGE 1000 /* hits read from a shard at once */

gk_status gk_link_touch(gk_db *db, const char *report_id, char **errmsg)
{
    char key[64];
    snprintf(key, sizeof key, "%s%s", GK_META_LINK, report_id);
    return gk_db_set_metadata(db, key, "1", 1, errmsg);
}

static int on_note(void *ctx, const char *key, const char *value, size_t len)
{
    (void)value;
    (void)len;
    gk_link_notes *l = ctx;
    if (GK_ARRAY_RESERVE(l->ids, l->cap, l->n + 1) != GK_OK ||
        (l->ids[l->n] = gk_strdup(key + GK_LEN(GK_META_LINK))) == NULL)
        return l->nomem = 1;
    l->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

gk_status gk_link_notes_collect(gk_shards *s, gk_link_notes *out, char **errmsg)
{
    gk_status st = GK_OK;
    for (size_t k = 0; k < gk_shards_count(s) && st == GK_OK; k++) {
        st = gk_db_metadata_each(gk_shards_lock(s, k), GK_META_LINK, on_note, out, errmsg);
        gk_shards_unlock(s, k);
        if (st == GK_OK && out->nomem)
            st = GK_ENOMEM;
    }
    if (st == GK_OK && out->n > 1) {
        /* a report moved between shards is noted in both */
        qsort(out->ids, out->n, sizeof *out->ids, cmp_str);
        size_t w = 1;
        for (size_t i = 1; i < out->n; i++) {
            if (strcmp(out->ids[i], out->ids[w - 1]) == 0)
                free(out->ids[i]);
            else
                out->ids[w++] = out->ids[i];
        }
        out->n = w;
    }
    return st;
}

gk_status gk_link_notes_forget(gk_shards *s, const gk_link_notes *l, char **errmsg)
{
    gk_status st = GK_OK;
    char key[64];
    for (size_t i = 0; i < l->n && st == GK_OK; i++) {
        snprintf(key, sizeof key, "%s%s", GK_META_LINK, l->ids[i]);
        for (size_t k = 0; k < gk_shards_count(s) && st == GK_OK; k++) {
            st = gk_db_set_metadata(gk_shards_lock(s, k), key, "", 0, errmsg);
            gk_shards_unlock(s, k);
        }
    }
    return st;
}

int gk_link_stopped(const gk_link_notes *l)
{
    return l->stop != NULL && *l->stop != 0;
}

int gk_link_notes_has(const gk_link_notes *l, const char *id)
{
    return l->n > 0 && bsearch(&id, l->ids, l->n, sizeof *l->ids, cmp_str) != NULL;
}

void gk_link_notes_free(gk_link_notes *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->ids[i]);
    free(l->ids);
    memset(l, 0, sizeof *l);
}

gk_status gk_link_each_match(gk_shards *s, const gk_xquery *q, const unsigned *slots,
                             size_t nslots, int with_data, gk_link_hit_fn fn, void *ctx,
                             char **errmsg)
{
    gk_status st = GK_OK;
    for (size_t k = 0; st == GK_OK && k < gk_shards_count(s); k++) {
        gk_db *db = gk_shards_lock(s, k);
        for (unsigned offset = 0; st == GK_OK;) {
            gk_search_opts so = {offset, PAGE, -1, -1, 0, 0, 0, slots, nslots, with_data};
            gk_results *res = NULL;
            st = gk_db_search(db, q, &so, &res, errmsg);
            size_t n = st == GK_OK ? gk_results_count(res) : 0;
            for (size_t i = 0; i < n && st == GK_OK; i++)
                st = fn(ctx, res, i, k);
            gk_results_free(res);
            if (n < PAGE)
                break;
            offset += PAGE;
        }
        gk_shards_unlock(s, k);
    }
    return st;
}

static int cmp_docid(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

gk_status gk_link_each_id(gk_shards *s, const char *prefix, const char *const *ids, size_t n,
                          const unsigned *slots, size_t nslots, int with_data,
                          gk_link_hit_fn fn, void *ctx, char **errmsg)
{
    gk_status st = GK_OK;
    unsigned *docids = NULL;
    size_t nd = 0, cap = 0;
    char term[GK_DB_MAX_TERM + 1];
    for (size_t k = 0; st == GK_OK && k < gk_shards_count(s); k++) {
        gk_db *db = gk_shards_lock(s, k);
        for (size_t from = 0; from < n && st == GK_OK; from += GK_LINK_IDS_PER_QUERY) {
            size_t m = n - from < GK_LINK_IDS_PER_QUERY ? n - from : GK_LINK_IDS_PER_QUERY;
            nd = 0;
            for (size_t i = from; i < from + m && st == GK_OK; i++) {
                int len = snprintf(term, sizeof term, "%s%s", prefix, ids[i]);
                st = len > 0 && (size_t)len < sizeof term
                         ? gk_db_postings_append(db, term, (size_t)len, &docids, &nd, &cap, errmsg)
                         : GK_EINVAL;
            }
            /* each document once (an id given twice), in docid order */
            if (nd > 1)
                qsort(docids, nd, sizeof *docids, cmp_docid);
            size_t u = 0;
            for (size_t i = 0; i < nd; i++)
                if (u == 0 || docids[u - 1] != docids[i])
                    docids[u++] = docids[i];
            for (size_t at = 0; st == GK_OK && at < u; at += PAGE) {
                size_t page = u - at < PAGE ? u - at : PAGE;
                gk_results *res = NULL;
                st = gk_db_docs_get(db, docids + at, page, slots, nslots, with_data, &res, errmsg);
                for (size_t i = 0; st == GK_OK && i < page; i++)
                    st = fn(ctx, res, i, k);
                gk_results_free(res);
            }
        }
        gk_shards_unlock(s, k);
    }
    free(docids);
    return st;
}

void gk_link_value(const gk_results *res, size_t i, unsigned slot, char *out, size_t size)
{
    const char *s;
    size_t len;
    gk_results_value(res, i, slot, &s, &len);
    if (len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

gk_status gk_link_rewrite(gk_shards *s, size_t shard, const char *id, gk_link_edit_fn edit,
                          void *ctx, char **errmsg)
{
    char term[GK_DB_MAX_TERM + 1];
    snprintf(term, sizeof term, "%s%s", GK_PREFIX_REPORT, id);
    gk_db *db = gk_shards_lock(s, shard);
    gk_doc *doc = NULL;
    gk_status st = gk_db_doc_get(db, term, &doc, errmsg);
    if (st == GK_OK)
        st = edit(ctx, doc);
    if (st == GK_OK)
        st = gk_db_replace(db, term, doc, errmsg);
    gk_doc_free(doc);
    gk_shards_unlock(s, shard);
    if (st != GK_OK && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "report %s: %s", id, gk_status_str(st));
    return st;
}

/* The documents of one shard whose list names a noted report
 * (gk_link_each_naming): their docids, increasing. */
typedef struct naming {
    const gk_link_notes *l;
    unsigned *docids;
    size_t n, cap;
} naming;

static gk_status on_list(void *ctx, unsigned docid, const char *v, size_t len)
{
    naming *nm = ctx;
    for (size_t at = 0; at < len;) {
        size_t end = at;
        while (end < len && v[end] != ',')
            end++;
        char id[32];
        if (end - at < sizeof id) {
            memcpy(id, v + at, end - at);
            id[end - at] = '\0';
            if (gk_link_notes_has(nm->l, id)) {
                if (GK_ARRAY_RESERVE(nm->docids, nm->cap, nm->n + 1) != GK_OK)
                    return GK_ENOMEM;
                nm->docids[nm->n++] = docid;
                break;
            }
        }
        at = end + 1;
    }
    return GK_OK;
}

gk_status gk_link_each_naming(gk_shards *s, unsigned list_slot, const gk_link_notes *l,
                              const unsigned *slots, size_t nslots, gk_link_hit_fn fn,
                              void *ctx, char **errmsg)
{
    gk_status st = GK_OK;
    naming nm = {l, NULL, 0, 0};
    for (size_t k = 0; st == GK_OK && k < gk_shards_count(s) && l->n > 0; k++) {
        gk_db *db = gk_shards_lock(s, k);
        nm.n = 0;
        st = gk_db_values_each(db, list_slot, on_list, &nm, errmsg);
        for (size_t from = 0; st == GK_OK && from < nm.n; from += PAGE) {
            size_t m = nm.n - from < PAGE ? nm.n - from : PAGE;
            gk_results *res = NULL;
            st = gk_db_docs_get(db, nm.docids + from, m, slots, nslots, 0, &res, errmsg);
            for (size_t i = 0; st == GK_OK && i < m; i++)
                st = fn(ctx, res, i, k);
            gk_results_free(res);
        }
        gk_shards_unlock(s, k);
    }
    free(nm.docids);
    return st;
}

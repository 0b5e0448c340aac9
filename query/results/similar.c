/* similar.c - the reports sharing most of a section with a report: its
 * sections' LSH band terms find candidates, each candidate's stored
 * sections give the real overlap (docs/SIMILAR.md).  Everything comes
 * from the documents, so a stub of shards answers as one database. */
#include "gk_similar.h"

#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_shingle.h"
#include "gk_stored.h"
#include "gk_util.h"

/* One section id of a report, its occurrences' shingles together. */
typedef struct id_shingles {
    char id[64];
    char code;
    gk_shingles sh;
} id_shingles;

typedef struct report_shingles {
    id_shingles *ids;
    size_t n;
} report_shingles;

static void report_shingles_clear(report_shingles *r)
{
    for (size_t i = 0; i < r->n; i++)
        gk_shingles_clear(&r->ids[i].sh);
    free(r->ids);
    r->ids = NULL;
    r->n = 0;
}

/* The shingles of every section id of a document's data, in reading
 * order (only the ids of `only` when not NULL), as the indexer made them
 * (indexer/index/bands.c). */
static gk_status shingle_data(report_shingles *out, const gk_section_table *t,
                              const char *data, size_t len, const report_shingles *only)
{
    gk_data_section sec;
    gk_boilerplate *bp = gk_section_table_boilerplate(t);
    for (size_t k = 0; gk_data_section_get(data, len, k, &sec); k++) {
        size_t at = 0;
        while (at < out->n && strcmp(out->ids[at].id, sec.id) != 0)
            at++;
        if (at == out->n) {
            int wanted = only == NULL;
            for (size_t j = 0; only != NULL && j < only->n && !wanted; j++)
                wanted = strcmp(only->ids[j].id, sec.id) == 0;
            char code = gk_section_table_code(t, sec.id);
            if (!wanted || code == 0)
                continue;
            id_shingles *grown = realloc(out->ids, (out->n + 1) * sizeof *grown);
            if (grown == NULL)
                return GK_ENOMEM;
            out->ids = grown;
            memset(&out->ids[at], 0, sizeof out->ids[at]);
            memcpy(out->ids[at].id, sec.id, sizeof sec.id);
            out->ids[at].code = code;
            out->n++;
        }
        gk_status st = gk_shingles_add(&out->ids[at].sh, bp, sec.text, sec.text_len);
        if (st != GK_OK)
            return st;
    }
    return GK_OK;
}

/* Every band term of the sections with enough shingles, OR'd, without
 * the report itself; *out NULL when there is none. */
static gk_status band_query(gk_xquery **out, const report_shingles *r, const char *report_id)
{
    *out = NULL;
    size_t max = r->n * GK_LSH_BANDS, n = 0;
    gk_xquery **terms = calloc(max + 1, sizeof *terms);
    if (terms == NULL)
        return GK_ENOMEM;
    gk_status st = GK_OK;
    for (size_t i = 0; i < r->n && st == GK_OK; i++) {
        if (r->ids[i].sh.n < GK_SHINGLE_MIN)
            continue;
        uint32_t sig[GK_MINHASH_N];
        gk_minhash(&r->ids[i].sh, sig);
        for (size_t b = 0; b < GK_LSH_BANDS && st == GK_OK; b++) {
            char term[GK_LSH_TERM_SIZE];
            size_t len = gk_lsh_band_term(term, r->ids[i].code, sig, b);
            st = gk_xquery_term(&terms[n++], term, len);
        }
    }
    gk_xquery *any = NULL, *self = NULL;
    if (st == GK_OK && n > 0)
        st = gk_xquery_combine(&any, GK_XQ_OR, terms, n);
    char term[64];
    int tl = snprintf(term, sizeof term, "%s%s", GK_PREFIX_REPORT, report_id);
    if (st == GK_OK && any != NULL)
        st = gk_xquery_term(&self, term, (size_t)tl);
    if (st == GK_OK && any != NULL) {
        gk_xquery *pair[2] = {any, self};
        st = gk_xquery_combine(out, GK_XQ_AND_NOT, pair, 2);
    }
    gk_xquery_free(any);
    gk_xquery_free(self);
    for (size_t i = 0; i < n; i++)
        gk_xquery_free(terms[i]);
    free(terms);
    return st;
}

static int cmp_match(const void *a, const void *b)
{
    const gk_similar_match *x = a, *y = b;
    if (x->share != y->share)
        return x->share > y->share ? -1 : 1;
    int c = strcmp(x->report_id, y->report_id);
    return c != 0 ? c : (x->order > y->order) - (x->order < y->order);
}

/* What measure reads of a candidate besides its data: a lean read of
 * these instead of every value a report has (a hundred, its figures
 * among them: one lookup each, for each of up to GK_SIMILAR_CANDIDATES
 * candidates). */
static const unsigned measured_slots[] = {GK_SLOT_REPORT_ID, GK_SLOT_YEAR, GK_SLOT_TITLE,
                                          GK_SLOT_PATH};

/* The candidate hit i's sections shared with r, kept when their share is
 * min_share or more. */
static gk_status measure(gk_similar *s, const gk_section_table *t, const report_shingles *r,
                         const gk_results *res, size_t i, double min_share)
{
    const char *data, *id;
    size_t len, idlen;
    gk_results_data(res, i, &data, &len);
    gk_results_value(res, i, GK_SLOT_REPORT_ID, &id, &idlen);
    report_shingles other = {0};
    gk_status st = shingle_data(&other, t, data, len, r);
    for (size_t k = 0; k < other.n && st == GK_OK; k++) {
        const id_shingles *mine = NULL;
        size_t order = 0;
        for (size_t j = 0; j < r->n && mine == NULL; j++)
            if (strcmp(r->ids[j].id, other.ids[k].id) == 0) {
                mine = &r->ids[j];
                order = j;
            }
        if (mine == NULL || mine->sh.n < GK_SHINGLE_MIN || other.ids[k].sh.n < GK_SHINGLE_MIN)
            continue;
        double share = gk_shingles_share(&mine->sh, &other.ids[k].sh);
        if (share < min_share)
            continue;
        gk_similar_match *grown = realloc(s->matches, (s->n + 1) * sizeof *grown);
        if (grown == NULL) {
            st = GK_ENOMEM;
            break;
        }
        s->matches = grown;
        gk_similar_match *m = &s->matches[s->n];
        memset(m, 0, sizeof *m);
        snprintf(m->report_id, sizeof m->report_id, "%.*s", (int)idlen, id);
        snprintf(m->section, sizeof m->section, "%s", other.ids[k].id);
        m->share = share;
        m->order = order;
        m->common = gk_shingles_common(&mine->sh, &other.ids[k].sh);
        m->shingles = mine->sh.n;
        m->other = other.ids[k].sh.n;
        double year;
        if (gk_results_number(res, i, GK_SLOT_YEAR, &year))
            m->year = (int)year;
        const char *v;
        size_t vl;
        gk_results_value(res, i, GK_SLOT_TITLE, &v, &vl);
        m->title = gk_strndup(v, vl);
        gk_results_value(res, i, GK_SLOT_PATH, &v, &vl);
        m->path = gk_strndup(v, vl);
        s->n++;
        if (m->title == NULL || m->path == NULL)
            st = GK_ENOMEM;
    }
    report_shingles_clear(&other);
    return st;
}

gk_status gk_similar_find(gk_similar **out, gk_db *db, const gk_section_table *t,
                          const char *report_id, double min_share, char **errmsg)
{
    *out = NULL;
    gk_similar *s = calloc(1, sizeof *s);
    if (s == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    snprintf(s->report_id, sizeof s->report_id, "%s", report_id);
    s->min_share = min_share;
    gk_results *doc = NULL, *res = NULL;
    report_shingles mine = {0};
    gk_xquery *q = NULL;
    gk_status st = gk_stored_document(&doc, db, report_id, errmsg);
    if (st == GK_OK && gk_results_count(doc) == 0)
        st = gk_fail(errmsg, GK_ENOTFOUND, "no report %s", report_id);
    if (st == GK_OK) {
        const char *data;
        size_t len;
        gk_results_data(doc, 0, &data, &len);
        st = shingle_data(&mine, t, data, len, NULL);
    }
    if (st == GK_OK)
        st = band_query(&q, &mine, report_id);
    /* the best candidates, not how many there are: counting exactly must
     * read every posting of every band term, and stock sentences can share
     * a band with thousands of reports */
    gk_search_opts so = {.offset = 0, .limit = GK_SIMILAR_CANDIDATES, .collapse_slot = -1,
                         .sort_slot = -1, .check_at_least = GK_SIMILAR_CANDIDATES,
                         .tie_slot = GK_SLOT_ORDER, .slots = measured_slots,
                         .nslots = sizeof measured_slots / sizeof measured_slots[0],
                         .with_data = 1};
    if (st == GK_OK && q != NULL)
        st = gk_db_search(db, q, &so, &res, errmsg);
    for (size_t i = 0; st == GK_OK && res != NULL && i < gk_results_count(res); i++) {
        s->candidates++;
        st = measure(s, t, &mine, res, i, min_share);
    }
    if (st == GK_OK && s->n > 1)
        qsort(s->matches, s->n, sizeof *s->matches, cmp_match);
    if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "out of memory");
    gk_xquery_free(q);
    gk_results_free(doc);
    gk_results_free(res);
    report_shingles_clear(&mine);
    if (st != GK_OK) {
        gk_similar_free(s);
        return st;
    }
    *out = s;
    return GK_OK;
}

void gk_similar_free(gk_similar *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->matches[i].title);
        free(s->matches[i].path);
    }
    free(s->matches);
    free(s);
}

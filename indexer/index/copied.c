/* copied.c - the link pass's second part: each report's problems section
 * measured against the problems sections most like it, to say whether it
 * copies its own place's earlier report or another place's (copied.h,
 * docs/SIMILAR.md). */
#include "copied.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_report_id.h"
#include "gk_schema.h"
#include "gk_sectiondata.h"
#include "gk_shingle.h"
#include "gk_util.h"

static const char *const statuses[] = {"previous_year", "other_place", "none", "unknown"};

/* The values a report is read with: where_when's first, then a
 * subject's status and list. */
static const unsigned subject_slots[] = {GK_SLOT_REPORT_ID, GK_SLOT_PLACE_STATUS,
                                         GK_SLOT_PLACE_CODE, GK_SLOT_YEAR, GK_SLOT_BODY,
                                         GK_SLOT_COPIED, GK_SLOT_COPIED_FROM};
#define NWHERE_SLOTS 5

/* Reports read, then measured, at once, in signature order: the larger
 * the batch, the more alike reports meet in it while their candidates
 * are cached (at 100,000 generated reports, batches of 10,000 took the
 * pass from 776 s to 510 s against 1,000).  A batch holds their problems
 * sections' shingles, a few KB each; it stops growing past
 * SUBJECT_SHINGLES (32 MB), so at most GK_LINK_IDS_PER_QUERY reports
 * of the longest comparable sections (GK_SHINGLE_MAX_TEXT) beyond it */
#define SUBJECT_BATCH 10000
#define SUBJECT_SHINGLES (4u << 20)
#define NSUBJECT_SLOTS (sizeof subject_slots / sizeof subject_slots[0])

/* What the pass needs of a report: who it is, where and when, its
 * problems section's shingles and signature, and the status its document
 * holds now. */
typedef struct subject {
    char id[24];
    size_t shard;
    int resolved;       /* its place resolved: place is its code */
    char place[16];
    char *body;         /* the issuing body as written, folded */
    int has_year, year;
    char status[40];    /* GK_SLOT_COPIED */
    char *from;         /* GK_SLOT_COPIED_FROM */
    gk_shingles sh;     /* its problems section's */
    uint32_t sig[GK_MINHASH_N]; /* gk_minhash of sh, when comparable */
} subject;

typedef struct id_list {
    char (*v)[24];
    size_t n, cap;
} id_list;

/* The problems sections shingled in this pass, by report id, so that a
 * report that is a candidate of many is read, folded and shingled once;
 * emptied before a report's candidates would take it past CACHE_MAX
 * sections, or once it holds CACHE_SHINGLES shingles (32 MB; a problems
 * section's shingles are 1 to 4 KB, but a long one up to 700 KB): memory
 * stays bounded on a large index. */
#define CACHE_MAX 8192
#define CACHE_SHINGLES (4u << 20)
typedef struct cached {
    char id[24]; /* "" : free */
    subject where;  /* place, body and year (body malloc'd) */
    gk_shingles sh;
} cached;

typedef struct cache {
    cached *v;
    size_t cap, n; /* cap a power of two, or 0 */
    size_t shingles; /* held in all */
} cache;

typedef struct cpass {
    gk_shards *shards;
    const gk_link_notes *notes;
    gk_boilerplate *bp;
    char code;          /* the problems section's code */
    subject *subj;      /* the batch being measured */
    size_t nsubj, subj_cap;
    id_list extra;      /* reports to measure after the noted ones */
    int expand;         /* measuring noted reports: their matches go to extra */
    unsigned long *rewritten;
    /* the report measured now and what it copies */
    const subject *now;
    id_list from;
    int previous_year, other_place;
    cache seen;
    /* the documents to rewrite, written after every report is measured:
     * a search over a database with changes not yet committed is slower */
    struct change {
        char id[24];
        size_t shard;
        char status[40];
        char *from;   /* malloc'd */
    } *changes;
    size_t nchanges, changes_cap;
} cpass;

static gk_status set_status(gk_doc *doc, const char *v)
{
    char term[32];
    snprintf(term, sizeof term, "%s%s", GK_PREFIX_COPIED, v);
    gk_status st = gk_doc_add_boolean(doc, term);
    if (st == GK_OK)
        st = gk_doc_set_facet(doc, GK_SLOT_COPIED, v, strlen(v));
    return st;
}

gk_status gk_copied_initial(gk_doc *doc, int is_report, const char *report_id,
                            const unsigned char *sketch)
{
    gk_status st = is_report ? set_status(doc, sketch != NULL ? "none" : "unknown") : GK_OK;
    /* the report id and the sketch in one value of its own: a candidate
     * is then one value read */
    if (st == GK_OK && sketch != NULL) {
        char keyed[GK_REPORT_ID_LEN + GK_SKETCH_SIZE];
        if (strlen(report_id) != GK_REPORT_ID_LEN)
            return GK_EINVAL;
        memcpy(keyed, report_id, GK_REPORT_ID_LEN);
        memcpy(keyed + GK_REPORT_ID_LEN, sketch, GK_SKETCH_SIZE);
        st = gk_doc_set_key(doc, GK_SLOT_COPIED_SKETCH, keyed, sizeof keyed);
    }
    return st;
}

static gk_status id_add(id_list *l, const char *id, size_t len)
{
    if (GK_ARRAY_RESERVE(l->v, l->cap, l->n + 1) != GK_OK)
        return GK_ENOMEM;
    snprintf(l->v[l->n++], sizeof l->v[0], "%.*s", (int)len, id);
    return GK_OK;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Sort l and drop repeats. */
static void id_unique(id_list *l)
{
    if (l->n < 2)
        return;
    qsort(l->v, l->n, sizeof l->v[0], cmp_id);
    size_t w = 1;
    for (size_t i = 1; i < l->n; i++)
        if (strcmp(l->v[i], l->v[w - 1]) != 0)
            memmove(l->v[w++], l->v[i], sizeof l->v[0]);
    l->n = w;
}

/* The shingles of the problems sections of a document's data. */
static gk_status problems_shingles(gk_shingles *out, gk_boilerplate *bp, const char *data,
                                   size_t len)
{
    gk_data_section sec;
    gk_status st = GK_OK;
    for (size_t k = 0; st == GK_OK && gk_data_section_get(data, len, k, &sec); k++)
        if (strcmp(sec.id, GK_COPIED_SECTION) == 0)
            st = gk_shingles_add(out, bp, sec.text, sec.text_len);
    return st;
}

static char *value_dup(const gk_results *res, size_t i, unsigned slot)
{
    const char *s;
    size_t len;
    gk_results_value(res, i, slot, &s, &len);
    return gk_strndup(s, len);
}

/* Hit i's place, body (folded as search folds: a body in traditional
 * characters is the same body) and year into sj (body malloc'd). */
static gk_status where_when(subject *sj, gk_boilerplate *bp, const gk_results *res, size_t i)
{
    char status[16];
    double year = 0;
    gk_link_value(res, i, GK_SLOT_REPORT_ID, sj->id, sizeof sj->id);
    gk_link_value(res, i, GK_SLOT_PLACE_STATUS, status, sizeof status);
    gk_link_value(res, i, GK_SLOT_PLACE_CODE, sj->place, sizeof sj->place);
    sj->resolved = strcmp(status, "resolved") == 0 && sj->place[0] != '\0';
    sj->has_year = gk_results_number(res, i, GK_SLOT_YEAR, &year);
    sj->year = (int)year;
    const char *body;
    size_t len, folded_len;
    gk_results_value(res, i, GK_SLOT_BODY, &body, &len);
    gk_status st = gk_boilerplate_fold(bp, body, len, &sj->body, &folded_len);
    if (st == GK_OK && sj->body == NULL && (sj->body = gk_strdup("")) == NULL)
        st = GK_ENOMEM;
    return st;
}

/* One place: the same resolved place code; when either is not resolved,
 * the same issuing body as written (folded). */
static int same_place(const subject *a, const subject *b)
{
    if (a->resolved && b->resolved)
        return strcmp(a->place, b->place) == 0;
    return a->body[0] != '\0' && strcmp(a->body, b->body) == 0;
}

static void subject_clear(subject *sj)
{
    free(sj->body);
    free(sj->from);
    gk_shingles_clear(&sj->sh);
}

/* A report to measure, hit i of res: copied into the batch. */
static gk_status on_subject(void *ctx, const gk_results *res, size_t i, size_t shard)
{
    cpass *p = ctx;
    if (GK_ARRAY_RESERVE(p->subj, p->subj_cap, p->nsubj + 1) != GK_OK)
        return GK_ENOMEM;
    subject *sj = &p->subj[p->nsubj++];
    memset(sj, 0, sizeof *sj);
    sj->shard = shard;
    gk_link_value(res, i, GK_SLOT_COPIED, sj->status, sizeof sj->status);
    const char *data;
    size_t len;
    gk_results_data(res, i, &data, &len);
    gk_status st = where_when(sj, p->bp, res, i);
    if (st == GK_OK && (sj->from = value_dup(res, i, GK_SLOT_COPIED_FROM)) == NULL)
        st = GK_ENOMEM;
    if (st == GK_OK)
        st = problems_shingles(&sj->sh, p->bp, data, len);
    if (st == GK_OK && sj->sh.n >= GK_SHINGLE_MIN)
        gk_minhash(&sj->sh, sj->sig);
    return st;
}

/* A report that named a noted one as copied: measured again. */
static gk_status on_backref(void *ctx, const gk_results *res, size_t i, size_t shard)
{
    (void)shard;
    cpass *p = ctx;
    const char *id;
    size_t len;
    gk_results_value(res, i, GK_SLOT_REPORT_ID, &id, &len);
    return id_add(&p->extra, id, len);
}

static size_t cache_slot(const cache *c, const char *id)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    size_t i = (size_t)h & (c->cap - 1);
    while (c->v[i].id[0] != '\0' && strcmp(c->v[i].id, id) != 0)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static void cache_clear(cache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        if (c->v[i].id[0] != '\0') {
            free(c->v[i].where.body);
            gk_shingles_clear(&c->v[i].sh);
            c->v[i].id[0] = '\0';
        }
    c->n = 0;
    c->shingles = 0;
}

/* The entry of report id, or NULL when not held. */
static const cached *cache_find(const cache *c, const char *id)
{
    if (c->cap == 0)
        return NULL;
    const cached *e = &c->v[cache_slot(c, id)];
    return e->id[0] != '\0' ? e : NULL;
}

/* Hit i of res (its data and values) shingled and held, unless held.
 * Fails with GK_ENOMEM or the folder's status. */
static gk_status cache_put(cpass *p, const gk_results *res, size_t i)
{
    cache *c = &p->seen;
    if (c->cap == 0 || c->n * 2 >= c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        cache grown = {calloc(cap, sizeof *grown.v), cap, c->n, c->shingles};
        if (grown.v == NULL)
            return GK_ENOMEM;
        for (size_t k = 0; k < c->cap; k++)
            if (c->v[k].id[0] != '\0')
                grown.v[cache_slot(&grown, c->v[k].id)] = c->v[k];
        free(c->v);
        *c = grown;
    }
    char id[24];
    gk_link_value(res, i, GK_SLOT_REPORT_ID, id, sizeof id);
    cached *e = &c->v[cache_slot(c, id)];
    if (e->id[0] != '\0')
        return GK_OK;
    const char *data;
    size_t len;
    gk_results_data(res, i, &data, &len);
    gk_status st = where_when(&e->where, p->bp, res, i);
    if (st == GK_OK)
        st = problems_shingles(&e->sh, p->bp, data, len);
    if (st != GK_OK) {
        free(e->where.body);
        gk_shingles_clear(&e->sh);
        memset(e, 0, sizeof *e);
        return st;
    }
    memcpy(e->id, id, sizeof id);
    c->n++;
    c->shingles += e->sh.n;
    return GK_OK;
}

/* Candidate e against the report measured now. */
static gk_status on_candidate(cpass *p, const cached *e)
{
    gk_status st = GK_OK;
    const subject *c = &e->where;
    if (e->sh.n >= GK_SHINGLE_MIN && gk_shingles_share(&p->now->sh, &e->sh) >= GK_COPIED_SHARE) {
        if (p->expand)
            st = id_add(&p->extra, c->id, strlen(c->id));
        /* only an earlier report (or another place's of the same year) is
         * copied from: the later one is the copy */
        const subject *r = p->now;
        int same = same_place(r, c), years = r->has_year && c->has_year;
        int prev = same && years && c->year < r->year;
        int other = !same && years && c->year <= r->year;
        p->previous_year |= prev;
        p->other_place |= other;
        if (st == GK_OK && (prev || other))
            st = id_add(&p->from, c->id, strlen(c->id));
    }
    return st;
}

/* The candidates of the report measured now in shard k: the id and
 * sketch of each first (one value read each), the documents of those
 * that may share enough and are not yet held read and held, then each of
 * those measured. */
static gk_status shard_candidates(cpass *p, size_t k, const gk_xquery *q, char **errmsg)
{
    static const unsigned sketch_slot[] = {GK_SLOT_COPIED_SKETCH};
    /* the best candidates, not how many there are (check_at_least): an
     * exact count must read every posting of every band term, and stock
     * sentences can share a band with thousands of reports */
    gk_search_opts so = {.offset = 0, .limit = GK_COPIED_CANDIDATES, .collapse_slot = -1,
                         .sort_slot = -1, .check_at_least = GK_COPIED_CANDIDATES,
                         .tie_slot = GK_SLOT_ORDER, .slots = sketch_slot, .nslots = 1};
    gk_results *found = NULL, *docs = NULL;
    /* room for every candidate, so that none put below is dropped */
    if (p->seen.n + GK_COPIED_CANDIDATES > CACHE_MAX || p->seen.shingles > CACHE_SHINGLES)
        cache_clear(&p->seen);
    gk_db *db = gk_shards_lock(p->shards, k);
    gk_status st = gk_db_search(db, q, &so, &found, errmsg);
    size_t n = st == GK_OK ? gk_results_count(found) : 0, nmaybe = 0, nmissing = 0;
    /* the candidates that may share enough, and those of them not held */
    char(*maybe)[GK_REPORT_ID_LEN + 1] = calloc(n ? n : 1, sizeof *maybe);
    const char **missing = calloc(n ? n : 1, sizeof *missing);
    if (maybe == NULL || missing == NULL)
        st = GK_ENOMEM;
    for (size_t i = 0; i < n && st == GK_OK; i++) {
        const char *v;
        size_t len;
        gk_results_value(found, i, GK_SLOT_COPIED_SKETCH, &v, &len);
        if (len != GK_REPORT_ID_LEN + GK_SKETCH_SIZE)
            continue; /* not comparable: it would not be a candidate */
        /* one whose sketch says it cannot share enough is neither read
         * nor measured: most share a stock sentence's band, no more */
        if (!gk_sketch_may_share(p->now->sig, p->now->sh.n,
                                 (const unsigned char *)v + GK_REPORT_ID_LEN, GK_SKETCH_SIZE,
                                 GK_COPIED_SHARE))
            continue;
        memcpy(maybe[nmaybe], v, GK_REPORT_ID_LEN);
        if (cache_find(&p->seen, maybe[nmaybe]) == NULL)
            missing[nmissing++] = maybe[nmaybe];
        nmaybe++;
    }
    gk_xquery *fetch = NULL;
    if (st == GK_OK && nmissing > 0)
        st = gk_link_ids_query(&fetch, GK_PREFIX_REPORT, missing, nmissing);
    /* what where_when and the shingles need, not the hundred values a
     * report has (one lookup each) */
    gk_search_opts all = {0, GK_COPIED_CANDIDATES, -1, -1, 0, 0, 0, subject_slots,
                          NWHERE_SLOTS, 1};
    if (st == GK_OK && fetch != NULL)
        st = gk_db_search(db, fetch, &all, &docs, errmsg);
    for (size_t i = 0; st == GK_OK && docs != NULL && i < gk_results_count(docs); i++)
        st = cache_put(p, docs, i);
    gk_shards_unlock(p->shards, k);
    /* every candidate that may share enough is held now */
    for (size_t i = 0; i < nmaybe && st == GK_OK; i++) {
        const cached *e = cache_find(&p->seen, maybe[i]);
        if (e != NULL)
            st = on_candidate(p, e);
    }
    gk_xquery_free(fetch);
    gk_results_free(docs);
    gk_results_free(found);
    free(missing);
    free(maybe);
    return st;
}

/* The band terms of the problems section now measured, OR'd, without
 * the report itself. */
static gk_status band_query(cpass *p, gk_xquery **out)
{
    const uint32_t *sig = p->now->sig;
    gk_xquery *terms[GK_LSH_BANDS] = {NULL}, *any = NULL, *self = NULL;
    gk_status st = GK_OK;
    for (size_t b = 0; b < GK_LSH_BANDS && st == GK_OK; b++) {
        char term[GK_LSH_TERM_SIZE];
        size_t len = gk_lsh_band_term(term, p->code, sig, b);
        st = gk_xquery_term(&terms[b], term, len);
    }
    if (st == GK_OK)
        st = gk_xquery_combine(&any, GK_XQ_OR, terms, GK_LSH_BANDS);
    char term[64];
    int tl = snprintf(term, sizeof term, "%s%s", GK_PREFIX_REPORT, p->now->id);
    if (st == GK_OK)
        st = gk_xquery_term(&self, term, (size_t)tl);
    if (st == GK_OK) {
        gk_xquery *pair[2] = {any, self};
        st = gk_xquery_combine(out, GK_XQ_AND_NOT, pair, 2);
    }
    for (size_t b = 0; b < GK_LSH_BANDS; b++)
        gk_xquery_free(terms[b]);
    gk_xquery_free(any);
    gk_xquery_free(self);
    return st;
}

/* What a report's copied status is to become (gk_link_rewrite's ctx). */
typedef struct copied_edit {
    const char *status, *from;
} copied_edit;

static gk_status edit_copied(void *ctx, gk_doc *doc)
{
    const copied_edit *e = ctx;
    static const char *const more[] = {GK_PREFIX_COPIED_FROM};
    gk_status st = gk_link_terms_clear(doc, GK_PREFIX_COPIED, statuses,
                                       sizeof statuses / sizeof statuses[0], more, 1);
    if (st == GK_OK) st = gk_link_terms_add(doc, GK_PREFIX_COPIED, e->status);
    if (st == GK_OK) st = gk_link_terms_add(doc, GK_PREFIX_COPIED_FROM, e->from);
    if (st == GK_OK) st = gk_doc_set_facet(doc, GK_SLOT_COPIED, e->status, strlen(e->status));
    if (st == GK_OK) st = gk_doc_set_value(doc, GK_SLOT_COPIED_FROM, e->from, strlen(e->from));
    return st;
}


/* Measure report r against its candidates in every shard; note it for
 * rewriting (p->changes) when its status or list changed. */
static gk_status measure(cpass *p, const subject *r, char **errmsg)
{
    p->now = r;
    p->from.n = 0;
    p->previous_year = p->other_place = 0;
    int comparable = r->sh.n >= GK_SHINGLE_MIN;
    gk_xquery *q = NULL;
    gk_status st = comparable ? band_query(p, &q) : GK_OK;
    for (size_t k = 0; st == GK_OK && comparable && k < gk_shards_count(p->shards); k++)
        st = shard_candidates(p, k, q, errmsg);
    gk_xquery_free(q);
    if (st != GK_OK)
        return st;
    id_unique(&p->from);
    gk_buf from = {0};
    for (size_t i = 0; i < p->from.n && st == GK_OK; i++)
        st = gk_buf_printf(&from, "%s%s", i ? "," : "", p->from.v[i]);
    const char *status = !comparable                           ? "unknown"
                         : p->previous_year && p->other_place ? "previous_year,other_place"
                         : p->previous_year                   ? "previous_year"
                         : p->other_place                     ? "other_place"
                                                              : "none";
    const char *ids = from.data != NULL ? from.data : "";
    if (st == GK_OK && (strcmp(status, r->status) != 0 || strcmp(ids, r->from) != 0)) {
        if (GK_ARRAY_RESERVE(p->changes, p->changes_cap, p->nchanges + 1) != GK_OK)
            st = GK_ENOMEM;
        struct change *c = st == GK_OK ? &p->changes[p->nchanges] : NULL;
        if (c != NULL) {
            memset(c, 0, sizeof *c);
            memcpy(c->id, r->id, sizeof r->id);
            c->shard = r->shard;
            snprintf(c->status, sizeof c->status, "%s", status);
            if ((c->from = gk_strdup(ids)) == NULL)
                st = GK_ENOMEM;
            else
                p->nchanges++;
        }
    }
    gk_buf_free(&from);
    return st;
}

static void batch_clear(cpass *p)
{
    for (size_t i = 0; i < p->nsubj; i++)
        subject_clear(&p->subj[i]);
    p->nsubj = 0;
}

/* Signature order: reports whose problems sections are alike (the same
 * first bands) come together, and share their candidates in the cache;
 * the incomparable last. */
static int cmp_signature(const void *a, const void *b)
{
    const subject *x = a, *y = b;
    int cx = x->sh.n >= GK_SHINGLE_MIN, cy = y->sh.n >= GK_SHINGLE_MIN;
    if (cx != cy)
        return cy - cx;
    int c = cx ? memcmp(x->sig, y->sig, sizeof x->sig) : 0;
    return c != 0 ? c : strcmp(x->id, y->id);
}

/* Measure the reports ids[0..n) that are stored, SUBJECT_BATCH at a time
 * in signature order. */
static gk_status measure_ids(cpass *p, const char *const *ids, size_t n, char **errmsg)
{
    gk_status st = GK_OK;
    for (size_t from = 0; from < n && st == GK_OK && !gk_link_stopped(p->notes);) {
        size_t end = n - from < SUBJECT_BATCH ? n : from + SUBJECT_BATCH;
        size_t held = 0;
        for (; from < end && held < SUBJECT_SHINGLES && st == GK_OK;
             from += GK_LINK_IDS_PER_QUERY) {
            size_t m = end - from < GK_LINK_IDS_PER_QUERY ? end - from : GK_LINK_IDS_PER_QUERY;
            st = gk_link_each_id(p->shards, GK_PREFIX_REPORT, ids + from, m, subject_slots,
                                 NSUBJECT_SLOTS, 1, on_subject, p, errmsg);
            held = 0;
            for (size_t i = 0; i < p->nsubj; i++)
                held += p->subj[i].sh.n;
        }
        if (st == GK_OK && p->nsubj > 1)
            qsort(p->subj, p->nsubj, sizeof *p->subj, cmp_signature);
        for (size_t i = 0; i < p->nsubj && st == GK_OK && !gk_link_stopped(p->notes); i++)
            st = measure(p, &p->subj[i], errmsg);
        batch_clear(p);
    }
    return st;
}

gk_status gk_copied_link(gk_shards *s, const gk_section_table *t, const gk_link_notes *l,
                         unsigned long *rewritten, char **errmsg)
{
    *rewritten = 0;
    cpass p = {0};
    p.shards = s;
    p.notes = l;
    p.bp = gk_section_table_boilerplate(t);
    p.code = gk_section_table_code(t, GK_COPIED_SECTION);
    p.rewritten = rewritten;
    if (p.code == 0 || l->n == 0)
        return GK_OK; /* sections.tsv without it: nothing to compare */
    const char *const *ids = (const char *const *)l->ids;
    /* those that named a noted report (it may be gone or changed): their
     * ids alone */
    static const unsigned id_slot[] = {GK_SLOT_REPORT_ID};
    gk_status st = gk_link_each_id(s, GK_PREFIX_COPIED_FROM, ids, l->n, id_slot, 1, 0,
                                   on_backref, &p, errmsg);
    /* the noted reports themselves, and those alike with them */
    p.expand = 1;
    if (st == GK_OK)
        st = measure_ids(&p, ids, l->n, errmsg);
    p.expand = 0;
    id_unique(&p.extra);
    char **more = NULL;
    size_t nmore = 0;
    if (st == GK_OK && p.extra.n > 0 && (more = calloc(p.extra.n, sizeof *more)) == NULL)
        st = GK_ENOMEM;
    for (size_t i = 0; i < p.extra.n && st == GK_OK; i++)
        if (!gk_link_notes_has(l, p.extra.v[i]))
            more[nmore++] = p.extra.v[i];
    if (st == GK_OK)
        st = measure_ids(&p, (const char *const *)more, nmore, errmsg);
    free(more);
    /* a pass left (asked to stop) rewrites nothing: what it measured may
     * miss reports it did not reach */
    for (size_t i = 0; i < p.nchanges && st == GK_OK && !gk_link_stopped(l); i++) {
        const struct change *c = &p.changes[i];
        copied_edit e = {c->status, c->from};
        st = gk_link_rewrite(s, c->shard, c->id, edit_copied, &e, errmsg);
        if (st == GK_OK)
            ++*rewritten;
    }
    for (size_t i = 0; i < p.nchanges; i++)
        free(p.changes[i].from);
    free(p.changes);
    batch_clear(&p);
    free(p.subj);
    free(p.extra.v);
    free(p.from.v);
    cache_clear(&p.seen);
    free(p.seen.v);
    if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "out of memory");
    return st;
}

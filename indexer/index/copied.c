/* copied.c - the link pass's second part: each report's problems section
 * measured against the problems sections most like it, to say whether it
 * copies its own place's earlier report or another place's (copied.h,
 * docs/SIMILAR.md). */
#include "copied.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_linkkeys.h"
#include "gk_report_id.h"
#include "gk_schema.h"
#include "gk_sectiondata.h"
#include "gk_shingle.h"
#include "gk_util.h"

/* The values a report is read with: where_when's first, then a
 * subject's status and list. */
static const unsigned subject_slots[] = {GK_SLOT_REPORT_ID, GK_SLOT_PLACE_STATUS,
                                         GK_SLOT_PLACE_CODE, GK_SLOT_YEAR, GK_SLOT_BODY,
                                         GK_SLOT_COPIED, GK_SLOT_COPIED_FROM};
#define NWHERE_SLOTS 5

/* Reports read, then measured, at once: a batch holds their problems
 * sections' shingles, a few KB each; it stops growing past
 * SUBJECT_SHINGLES (32 MB), so at most GK_LINK_IDS_PER_QUERY reports of
 * the longest comparable sections (GK_SHINGLE_MAX_TEXT) beyond it.  The
 * larger the batch, the fewer times a report that is a candidate of many
 * is read. */
#define SUBJECT_BATCH 10000
#define SUBJECT_SHINGLES (4u << 20)
#define NSUBJECT_SLOTS (sizeof subject_slots / sizeof subject_slots[0])

typedef struct id_list {
    char (*v)[24];
    size_t n, cap;
} id_list;

/* What the pass needs of a report: who it is, where and when, its
 * problems section's shingles and signature, the status its document
 * holds now, and, as its candidates are measured, what it copies. */
typedef struct subject {
    char id[24];
    size_t shard;
    unsigned docid;     /* in its shard (a subject's; 0 for a candidate) */
    int resolved;       /* its place resolved: place is its code */
    char place[16];
    char *body;         /* the issuing body as written, folded */
    int has_year, year;
    char status[40];    /* GK_SLOT_COPIED */
    char *from;         /* GK_SLOT_COPIED_FROM */
    gk_shingles sh;     /* its problems section's */
    uint32_t sig[GK_MINHASH_N]; /* gk_minhash of sh, when comparable */
    unsigned char sketch[GK_SKETCH_SIZE]; /* gk_sketch_make of sh, then */
    id_list copies;     /* the earlier reports it copies */
    int previous_year, other_place;
} subject;

/* A shard's sketches (GK_SLOT_COPIED_SKETCH), read once a pass as one
 * value stream: GK_SKETCH_SIZE + 4 bytes a comparable report in memory,
 * 88 MB for a million, where reading them candidate by candidate was one
 * random lookup each (at 100,000 reports, 10.8 million lookups, 340 s). */
typedef struct sketches {
    int loaded;
    unsigned *docid;     /* increasing, while loading */
    unsigned char *sk;   /* GK_SKETCH_SIZE bytes for each docid */
    size_t n, cap;       /* docids held, and room for (docid) */
    size_t sk_cap;       /* room for (sk), caught up with cap */
    /* [docid]: 1 + its index in sk, 0 for none; up to the last docid
     * held (4 bytes a docid, where the docids loaded took 4 a sketch:
     * about the same unless most docids were deleted).  The pass asks for a
     * sketch of every candidate it ranks, and a binary search each was a
     * third of ranking them. */
    unsigned *at;
    size_t at_len;
} sketches;

/* A candidate that may share enough with subject `subject` of the batch:
 * document docid of shard `shard`, read with the others after the whole
 * batch's candidates are found, in docid order, once however many reports
 * it is a candidate of. */
typedef struct pair {
    unsigned shard, docid;
    unsigned subject;
} pair;

/* Pairs held before their candidates are read (12 MB) */
#define PAIRS_MAX (1u << 20)
/* Candidates read by one gk_db_docs_get */
#define READ_CHUNK 256

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
    sketches *sk;       /* one per shard */
    pair *pairs;
    size_t npairs, pairs_cap;
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

/* The report's copied status: the facet value and the key copied:
 * matches. */
static gk_status set_status(gk_doc *doc, const char *v)
{
    gk_status st = gk_doc_set_facet(doc, GK_SLOT_COPIED, v, strlen(v));
    const char *key = gk_copied_key(v);
    if (st == GK_OK)
        st = gk_doc_set_key(doc, GK_SLOT_COPIED_KEY, key, strlen(key));
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
    free(sj->copies.v);
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
    sj->docid = gk_results_docid(res, i);
    gk_link_value(res, i, GK_SLOT_COPIED, sj->status, sizeof sj->status);
    const char *data;
    size_t len;
    gk_results_data(res, i, &data, &len);
    gk_status st = where_when(sj, p->bp, res, i);
    if (st == GK_OK && (sj->from = value_dup(res, i, GK_SLOT_COPIED_FROM)) == NULL)
        st = GK_ENOMEM;
    if (st == GK_OK)
        st = problems_shingles(&sj->sh, p->bp, data, len);
    if (st == GK_OK && sj->sh.n >= GK_SHINGLE_MIN) {
        gk_minhash(&sj->sh, sj->sig);
        gk_sketch_make(sj->sketch, &sj->sh, sj->sig);
    }
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

/* Sketch value v (len bytes) of docid into sk, unless not a sketch. */
static gk_status on_sketch(void *ctx, unsigned docid, const char *v, size_t len)
{
    sketches *sk = ctx;
    if (len != GK_REPORT_ID_LEN + GK_SKETCH_SIZE)
        return GK_OK; /* not comparable: it would not be a candidate */
    if (GK_ARRAY_RESERVE(sk->docid, sk->cap, sk->n + 1) != GK_OK)
        return GK_ENOMEM;
    if (sk->sk_cap < sk->cap) { /* the sketches grow with the docids */
        unsigned char *grown = realloc(sk->sk, sk->cap * (size_t)GK_SKETCH_SIZE);
        if (grown == NULL)
            return GK_ENOMEM;
        sk->sk = grown;
        sk->sk_cap = sk->cap;
    }
    sk->docid[sk->n] = docid;
    memcpy(sk->sk + sk->n * (size_t)GK_SKETCH_SIZE, v + GK_REPORT_ID_LEN, GK_SKETCH_SIZE);
    sk->n++;
    return GK_OK;
}

/* Shard k's sketches, read when first wanted. */
static gk_status sketches_load(cpass *p, size_t k, gk_db *db, char **errmsg)
{
    sketches *sk = &p->sk[k];
    if (sk->loaded)
        return GK_OK;
    gk_status st = gk_db_values_each(db, GK_SLOT_COPIED_SKETCH, on_sketch, sk, errmsg);
    if (st == GK_OK && sk->n > 0) {
        sk->at_len = (size_t)sk->docid[sk->n - 1] + 1;
        if ((sk->at = calloc(sk->at_len, sizeof *sk->at)) == NULL)
            return GK_ENOMEM;
        for (size_t i = 0; i < sk->n; i++)
            sk->at[sk->docid[i]] = (unsigned)(i + 1);
        free(sk->docid); /* at says it all now */
        sk->docid = NULL;
        sk->cap = 0;
    }
    sk->loaded = st == GK_OK;
    return st;
}

/* The sketch of docid in sk, or NULL when it has none. */
static const unsigned char *sketch_find(const sketches *sk, unsigned docid)
{
    if (docid >= sk->at_len || sk->at[docid] == 0)
        return NULL;
    return sk->sk + (sk->at[docid] - 1) * (size_t)GK_SKETCH_SIZE;
}

/* Candidate c (its where and when) shares enough with subject r: noted
 * as copied from when it is earlier. */
static gk_status on_match(cpass *p, subject *r, const subject *c)
{
    gk_status st = GK_OK;
    if (p->expand)
        st = id_add(&p->extra, c->id, strlen(c->id));
    /* only an earlier report (or another place's of the same year) is
     * copied from: the later one is the copy */
    int same = same_place(r, c), years = r->has_year && c->has_year;
    int prev = same && years && c->year < r->year;
    int other = !same && years && c->year <= r->year;
    r->previous_year |= prev;
    r->other_place |= other;
    if (st == GK_OK && (prev || other))
        st = id_add(&r->copies, c->id, strlen(c->id));
    return st;
}

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->shard != y->shard)
        return x->shard < y->shard ? -1 : 1;
    if (x->docid != y->docid)
        return x->docid < y->docid ? -1 : 1;
    return (x->subject > y->subject) - (x->subject < y->subject);
}

/* The candidates of pairs[from..to), all of one shard, docids[0..n)
 * (each once, increasing): their problems sections read, shingled and
 * measured against each of their subjects; where and when read only of
 * those that share enough with one (a few in a thousand: reading them of
 * every candidate was a third of the reading). */
static gk_status read_chunk(cpass *p, size_t shard, const unsigned *docids, size_t n,
                            size_t from, size_t to, char **errmsg)
{
    gk_results *docs = NULL;
    unsigned *shared = NULL;    /* docids of candidates sharing enough */
    unsigned char *hit = NULL;  /* [k - from]: pair k shares enough */
    size_t nshared = 0;
    gk_db *db = gk_shards_lock(p->shards, shard);
    /* the data alone: slots named, none of them */
    gk_status st = gk_db_docs_get(db, docids, n, subject_slots, 0, 1, &docs, errmsg);
    gk_shards_unlock(p->shards, shard);
    if (st == GK_OK && ((hit = calloc(to - from, 1)) == NULL ||
                        (shared = malloc(n * sizeof *shared)) == NULL))
        st = GK_ENOMEM;
    size_t k = from;
    for (size_t i = 0; i < n && st == GK_OK; i++) {
        gk_shingles sh = {0};
        const char *data;
        size_t len;
        gk_results_data(docs, i, &data, &len);
        st = problems_shingles(&sh, p->bp, data, len);
        int any = 0;
        for (; k < to && p->pairs[k].docid == docids[i] && st == GK_OK; k++)
            if (sh.n >= GK_SHINGLE_MIN &&
                gk_shingles_share_at_least(&p->subj[p->pairs[k].subject].sh, &sh,
                                           GK_COPIED_SHARE))
                any = hit[k - from] = 1;
        if (any)
            shared[nshared++] = docids[i];
        gk_shingles_clear(&sh);
    }
    gk_results_free(docs);
    docs = NULL;
    if (st == GK_OK && nshared > 0) {
        db = gk_shards_lock(p->shards, shard);
        st = gk_db_docs_get(db, shared, nshared, subject_slots, NWHERE_SLOTS, 0, &docs, errmsg);
        gk_shards_unlock(p->shards, shard);
    }
    k = from;
    for (size_t i = 0; i < nshared && st == GK_OK; i++) {
        subject c;
        memset(&c, 0, sizeof c);
        st = where_when(&c, p->bp, docs, i);
        for (; k < to && p->pairs[k].docid < shared[i]; k++)
            ;
        for (; k < to && p->pairs[k].docid == shared[i] && st == GK_OK; k++)
            if (hit[k - from])
                st = on_match(p, &p->subj[p->pairs[k].subject], &c);
        subject_clear(&c);
    }
    gk_results_free(docs);
    free(hit);
    free(shared);
    return st;
}

/* Every pair held: its candidate read (each once, in docid order) and
 * measured against its subject; the pairs then forgotten. */
static gk_status pairs_measure(cpass *p, char **errmsg)
{
    if (p->npairs > 1)
        qsort(p->pairs, p->npairs, sizeof *p->pairs, cmp_pair);
    unsigned docids[READ_CHUNK];
    gk_status st = GK_OK;
    for (size_t from = 0; from < p->npairs && st == GK_OK && !gk_link_stopped(p->notes);) {
        /* up to READ_CHUNK candidates of one shard, and all their pairs */
        size_t n = 0, to = from;
        unsigned shard = p->pairs[from].shard;
        while (to < p->npairs && p->pairs[to].shard == shard &&
               (n < READ_CHUNK || p->pairs[to].docid == docids[n - 1])) {
            if (n == 0 || p->pairs[to].docid != docids[n - 1])
                docids[n++] = p->pairs[to].docid;
            to++;
        }
        st = read_chunk(p, shard, docids, n, from, to, errmsg);
        from = to;
    }
    p->npairs = 0;
    return st;
}

/* One band term of a subject of the batch. */
typedef struct band_use {
    char term[GK_LSH_TERM_SIZE];
    size_t len;
    unsigned subject, band;
} band_use;

static int cmp_use(const void *a, const void *b)
{
    const band_use *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->term, y->term, n);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* A document of a shard that shares bands with the subject scored, and
 * the weight of the bands it shares. */
typedef struct scored {
    double weight;
    unsigned docid;
} scored;

/* x ranks before y: the greater weight, then the smaller docid (no two
 * candidates of a report share a docid, so the order is total). */
static int ranks_before(const scored *x, const scored *y)
{
    return x->weight != y->weight ? x->weight > y->weight : x->docid < y->docid;
}

/* Move h[i] down the heap h[0..n) (the first to rank at the top) to
 * where it belongs. */
static void sift_down(scored *h, size_t n, size_t i)
{
    scored v = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && ranks_before(&h[c + 1], &h[c]))
            c++;
        if (!ranks_before(&h[c], &v))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
}

/* The candidates h[0..n) made a heap: the first in rank at h[0], and the
 * next after each heap_pop, in the order a sort would give them.  A
 * report touches thousands of documents through its bands and the pass
 * takes its first GK_COPIED_CANDIDATES that pass the sketch, a few
 * hundred: sorting them all was a quarter of ranking them, and grew
 * with the database. */
static void heap_make(scored *h, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(h, n, i);
}

/* The first of heap h[0..*n) taken off it (*n > 0). */
static scored heap_pop(scored *h, size_t *n)
{
    scored top = h[0];
    h[0] = h[--*n];
    if (*n > 1)
        sift_down(h, *n, 0);
    return top;
}

/* What batch_candidates holds for a batch: its distinct band terms, the
 * postings of each in each shard, and each subject's terms. */
typedef struct band_batch {
    band_use *use;      /* GK_LSH_BANDS a comparable subject, sorted by term */
    size_t nuse;
    unsigned *term_of;  /* [subject * GK_LSH_BANDS + band]: its distinct term */
    size_t nterms;
    double *weight;     /* of each distinct term */
    size_t **off;       /* [shard][term .. term + 1]: its postings in post[shard] */
    unsigned **post;
    size_t *npost, *post_cap;
    double *score;      /* by docid, 0 for a document not touched */
    size_t score_len;
    unsigned *touched;
    scored *ranked;
    size_t touched_cap;
} band_batch;

static void band_batch_free(band_batch *bb, size_t nshards)
{
    for (size_t k = 0; k < nshards; k++) {
        if (bb->off != NULL)
            free(bb->off[k]);
        if (bb->post != NULL)
            free(bb->post[k]);
    }
    free(bb->off);
    free(bb->post);
    free(bb->npost);
    free(bb->post_cap);
    free(bb->use);
    free(bb->term_of);
    free(bb->weight);
    free(bb->score);
    free(bb->touched);
    free(bb->ranked);
}

/* The batch's band terms, each once, and each subject's. */
static gk_status batch_terms(cpass *p, band_batch *bb)
{
    size_t comparable = 0;
    for (size_t i = 0; i < p->nsubj; i++)
        comparable += p->subj[i].sh.n >= GK_SHINGLE_MIN;
    if (comparable == 0)
        return GK_OK;
    bb->use = malloc(comparable * GK_LSH_BANDS * sizeof *bb->use);
    bb->term_of = malloc(p->nsubj * GK_LSH_BANDS * sizeof *bb->term_of);
    if (bb->use == NULL || bb->term_of == NULL)
        return GK_ENOMEM;
    for (size_t i = 0; i < p->nsubj; i++) {
        if (p->subj[i].sh.n < GK_SHINGLE_MIN)
            continue;
        for (unsigned b = 0; b < GK_LSH_BANDS; b++) {
            band_use *u = &bb->use[bb->nuse++];
            u->len = gk_lsh_band_term(u->term, p->code, p->subj[i].sig, b);
            u->subject = (unsigned)i;
            u->band = b;
        }
    }
    qsort(bb->use, bb->nuse, sizeof *bb->use, cmp_use);
    for (size_t k = 0; k < bb->nuse; k++) {
        if (k > 0 && cmp_use(&bb->use[k], &bb->use[k - 1]) != 0)
            bb->nterms++;
        bb->term_of[bb->use[k].subject * GK_LSH_BANDS + bb->use[k].band] = (unsigned)bb->nterms;
    }
    bb->nterms++;
    return GK_OK;
}

/* The postings of every distinct term in every shard, and the terms'
 * weights from their document frequency in all shards together: the
 * rarer a band, the more sharing it says (as a search's idf did). */
static gk_status batch_postings(cpass *p, band_batch *bb, char **errmsg)
{
    size_t nshards = gk_shards_count(p->shards);
    bb->off = calloc(nshards, sizeof *bb->off);
    bb->post = calloc(nshards, sizeof *bb->post);
    bb->npost = calloc(nshards, sizeof *bb->npost);
    bb->post_cap = calloc(nshards, sizeof *bb->post_cap);
    bb->weight = calloc(bb->nterms, sizeof *bb->weight);
    if (bb->off == NULL || bb->post == NULL || bb->npost == NULL || bb->post_cap == NULL ||
        bb->weight == NULL)
        return GK_ENOMEM;
    double docs = 0;
    gk_status st = GK_OK;
    for (size_t k = 0; k < nshards && st == GK_OK; k++) {
        if ((bb->off[k] = malloc((bb->nterms + 1) * sizeof **bb->off)) == NULL)
            return GK_ENOMEM;
        gk_db *db = gk_shards_lock(p->shards, k);
        unsigned long count = 0;
        st = gk_db_doc_count(db, &count, errmsg);
        docs += (double)count;
        if (st == GK_OK)
            st = sketches_load(p, k, db, errmsg);
        size_t t = 0;
        for (size_t u = 0; u < bb->nuse && st == GK_OK; u++) {
            if (u > 0 && cmp_use(&bb->use[u], &bb->use[u - 1]) == 0)
                continue;
            bb->off[k][t] = bb->npost[k];
            st = gk_db_postings_append(db, bb->use[u].term, bb->use[u].len, &bb->post[k],
                                       &bb->npost[k], &bb->post_cap[k], errmsg);
            bb->weight[t] += (double)(bb->npost[k] - bb->off[k][t]);
            t++;
        }
        bb->off[k][t] = bb->npost[k];
        gk_shards_unlock(p->shards, k);
    }
    for (size_t t = 0; t < bb->nterms && st == GK_OK; t++)
        bb->weight[t] = bb->weight[t] > 0 ? log1p(docs / bb->weight[t]) : 0;
    return st;
}

/* Room in bb's score array for docids up to max, and for n touched. */
static gk_status score_room(band_batch *bb, unsigned max, size_t n)
{
    if ((size_t)max + 1 > bb->score_len) {
        double *grown = realloc(bb->score, ((size_t)max + 1) * sizeof *grown);
        if (grown == NULL)
            return GK_ENOMEM;
        memset(grown + bb->score_len, 0, ((size_t)max + 1 - bb->score_len) * sizeof *grown);
        bb->score = grown;
        bb->score_len = (size_t)max + 1;
    }
    if (n > bb->touched_cap) {
        unsigned *t = realloc(bb->touched, n * sizeof *t);
        if (t != NULL)
            bb->touched = t;
        scored *r = realloc(bb->ranked, n * sizeof *r);
        if (r != NULL)
            bb->ranked = r;
        if (t == NULL || r == NULL)
            return GK_ENOMEM;
        bb->touched_cap = n;
    }
    return GK_OK;
}

/* The candidates of subject `index` in shard k: the documents sharing a
 * band with it, by band weight (ties by docid), the first
 * GK_COPIED_CANDIDATES its sketch does not rule out held as pairs. */
static gk_status subject_candidates(cpass *p, band_batch *bb, size_t index, size_t k)
{
    const subject *r = &p->subj[index];
    const unsigned *terms = &bb->term_of[index * GK_LSH_BANDS];
    size_t most = 0;
    unsigned max = 0;
    for (unsigned b = 0; b < GK_LSH_BANDS; b++) {
        size_t from = bb->off[k][terms[b]], to = bb->off[k][terms[b] + 1];
        most += to - from;
        if (to > from && bb->post[k][to - 1] > max)
            max = bb->post[k][to - 1]; /* postings are increasing */
    }
    if (most == 0)
        return GK_OK;
    if (score_room(bb, max, most) != GK_OK)
        return GK_ENOMEM;
    size_t m = 0;
    for (unsigned b = 0; b < GK_LSH_BANDS; b++) {
        double w = bb->weight[terms[b]];
        const unsigned *d = bb->post[k] + bb->off[k][terms[b]];
        const unsigned *end = bb->post[k] + bb->off[k][terms[b] + 1];
        for (; d < end; d++) {
            if (k == r->shard && *d == r->docid)
                continue; /* itself */
            if (bb->score[*d] == 0)
                bb->touched[m++] = *d;
            bb->score[*d] += w;
        }
    }
    for (size_t i = 0; i < m; i++) {
        bb->ranked[i] = (scored){bb->score[bb->touched[i]], bb->touched[i]};
        bb->score[bb->touched[i]] = 0;
    }
    /* the best first, and of them the first GK_COPIED_CANDIDATES the
     * sketch does not rule out: the limit then leaves out only candidates
     * that may share enough, not stock near-misses ranked above them.
     * With no more than that many, every one is tried and the order does
     * not matter. */
    int all = m <= GK_COPIED_CANDIDATES;
    if (!all)
        heap_make(bb->ranked, m);
    size_t kept = 0;
    for (size_t i = 0, left = m; left > 0 && kept < GK_COPIED_CANDIDATES; i++) {
        unsigned docid = all ? bb->ranked[i].docid : heap_pop(bb->ranked, &left).docid;
        if (all)
            left--;
        const unsigned char *sk = sketch_find(&p->sk[k], docid);
        if (sk == NULL || !gk_sketch_may_share(r->sketch, sk, GK_SKETCH_SIZE, GK_COPIED_SHARE))
            continue;
        kept++;
        if (GK_ARRAY_RESERVE(p->pairs, p->pairs_cap, p->npairs + 1) != GK_OK)
            return GK_ENOMEM;
        p->pairs[p->npairs++] = (pair){(unsigned)k, docid, (unsigned)index};
    }
    return GK_OK;
}

/* The candidates of every report of the batch in every shard, held as
 * pairs (measured when PAIRS_MAX are held).  Each band term of the batch
 * is read once per shard, not once per report that has it: a band of a
 * stock sentence is shared by thousands of reports, and a search per
 * report read all their postings each time (the square of their number:
 * 91 million postings at 100,000 generated reports, 44 s of searching). */
static gk_status batch_candidates(cpass *p, char **errmsg)
{
    band_batch bb = {0};
    size_t nshards = gk_shards_count(p->shards);
    gk_status st = batch_terms(p, &bb);
    if (st == GK_OK && bb.nuse > 0)
        st = batch_postings(p, &bb, errmsg);
    for (size_t k = 0; k < nshards && st == GK_OK && bb.nuse > 0; k++) {
        for (size_t i = 0; i < p->nsubj && st == GK_OK && !gk_link_stopped(p->notes); i++) {
            if (p->subj[i].sh.n < GK_SHINGLE_MIN)
                continue;
            st = subject_candidates(p, &bb, i, k);
            if (st == GK_OK && p->npairs >= PAIRS_MAX)
                st = pairs_measure(p, errmsg);
        }
    }
    band_batch_free(&bb, nshards);
    return st;
}

/* What a report's copied status is to become (gk_link_rewrite's ctx). */
typedef struct copied_edit {
    const char *status, *from;
} copied_edit;

static gk_status edit_copied(void *ctx, gk_doc *doc)
{
    const copied_edit *e = ctx;
    gk_status st = set_status(doc, e->status);
    if (st == GK_OK)
        st = gk_doc_set_key(doc, GK_SLOT_COPIED_FROM, e->from, strlen(e->from));
    return st;
}


/* Report r, its candidates measured: noted for rewriting (p->changes)
 * when its status or list changed. */
static gk_status settle(cpass *p, subject *r)
{
    gk_status st = GK_OK;
    id_unique(&r->copies);
    gk_buf from = {0};
    for (size_t i = 0; i < r->copies.n && st == GK_OK; i++)
        st = gk_buf_printf(&from, "%s%s", i ? "," : "", r->copies.v[i]);
    const char *status = r->sh.n < GK_SHINGLE_MIN              ? "unknown"
                         : r->previous_year && r->other_place ? "previous_year,other_place"
                         : r->previous_year                   ? "previous_year"
                         : r->other_place                     ? "other_place"
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
    p->npairs = 0;
}

/* Measure the reports ids[0..n) that are stored, SUBJECT_BATCH at a
 * time: the candidates of the whole batch first (batch_candidates), then
 * those that may share enough read once each, in docid order, and
 * measured against the reports they are candidates of. */
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
        if (st == GK_OK)
            st = batch_candidates(p, errmsg);
        if (st == GK_OK)
            st = pairs_measure(p, errmsg);
        /* a pass asked to stop settles nothing: it rewrites nothing */
        for (size_t i = 0; i < p->nsubj && st == GK_OK && !gk_link_stopped(p->notes); i++)
            st = settle(p, &p->subj[i]);
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
    if ((p.sk = calloc(gk_shards_count(s), sizeof *p.sk)) == NULL) {
        gk_fail(errmsg, GK_ENOMEM, "out of memory");
        return GK_ENOMEM;
    }
    const char *const *ids = (const char *const *)l->ids;
    /* those that named a noted report (it may be gone or changed): their
     * ids alone */
    static const unsigned id_slot[] = {GK_SLOT_REPORT_ID};
    gk_status st = gk_link_each_naming(s, GK_SLOT_COPIED_FROM, l, id_slot, 1, on_backref, &p,
                                       errmsg);
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
    free(p.pairs);
    for (size_t k = 0; p.sk != NULL && k < gk_shards_count(s); k++) {
        free(p.sk[k].docid);
        free(p.sk[k].sk);
        free(p.sk[k].at);
    }
    free(p.sk);
    if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "out of memory");
    return st;
}

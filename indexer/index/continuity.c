/* continuity.c - the link pass: each report's 上年结转 compared with the
 * 结转下年度 of its place's report of the year before, recomputed for the
 * places a run touched, across every shard (continuity.h). */
#include "continuity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"


/* A place (its GB/T 2260 code: continuity is for resolved places only)
 * and a year whose reports are to be recomputed. */
typedef struct place_year {
    char code[16];
    int year;
} place_year;

/* A report as the link pass sees it: its place, year, the two figures,
 * and the continuity it has now. */
typedef struct linked {
    char id[24];        /* 16 hex digits */
    size_t shard;
    int has_over, has_forward;
    double over, forward;
    char status[16];    /* GK_SLOT_CONTINUITY */
    char previous_cf[32]; /* GK_SLOT_PREVIOUS_CARRIED_FORWARD */
    char *previous;     /* GK_SLOT_PREVIOUS_REPORTS, malloc'd */
} linked;

typedef struct linked_list {
    linked *v;
    size_t n, cap;
} linked_list;

static void linked_list_clear(linked_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].previous);
    l->n = 0;
}

typedef struct pass {
    gk_shards *shards;
    const gk_continuity_slots *slots;
    place_year *todo;
    size_t ntodo, todo_cap;
    const char *code;   /* reports_of: the place code a report must have
                           exactly (XPC<code> finds the places below it too) */
    linked_list *into;  /* and where it puts them */
    unsigned want[9];   /* the value slots the pass reads of a hit */
    size_t nwant;
} pass;

/* The report's continuity: the facet value and the key continuity:
 * matches. */
static gk_status set_status(gk_doc *doc, const char *status)
{
    gk_status st = gk_doc_set_facet(doc, GK_SLOT_CONTINUITY, status, strlen(status));
    if (st == GK_OK)
        st = gk_doc_set_key(doc, GK_SLOT_CONTINUITY_KEY, status, strlen(status));
    return st;
}

gk_status gk_continuity_initial(gk_doc *doc)
{
    return set_status(doc, "unknown");
}

typedef gk_status (*hit_fn)(pass *p, const gk_results *res, size_t i, size_t shard);

typedef struct match_ctx {
    pass *p;
    hit_fn fn;
} match_ctx;

static gk_status on_match(void *ctx, const gk_results *res, size_t i, size_t shard)
{
    match_ctx *m = ctx;
    return m->fn(m->p, res, i, shard);
}

/* fn for every document of every shard that matches q. */
static gk_status each_match(pass *p, const gk_xquery *q, hit_fn fn, char **errmsg)
{
    match_ctx m = {p, fn};
    return gk_link_each_match(p->shards, q, p->want, p->nwant, 0, on_match, &m, errmsg);
}

/* fn for every document holding GK_PREFIX_REPORT+id for any of ids[0..n). */
static gk_status each_id(pass *p, const char *const *ids, size_t n, hit_fn fn, char **errmsg)
{
    match_ctx m = {p, fn};
    return gk_link_each_id(p->shards, GK_PREFIX_REPORT, ids, n, p->want, p->nwant, 0,
                           on_match, &m, errmsg);
}

/* The place and year of hit i, if continuity applies to it: a report of
 * a resolved place and a known year.  0 otherwise. */
static int place_year_of(const gk_results *res, size_t i, place_year *out)
{
    char status[16];
    double year = 0;
    gk_link_value(res, i, GK_SLOT_PLACE_STATUS, status, sizeof status);
    gk_link_value(res, i, GK_SLOT_PLACE_CODE, out->code, sizeof out->code);
    if (strcmp(status, "resolved") != 0 || out->code[0] == '\0' ||
        !gk_results_number(res, i, GK_SLOT_YEAR, &year))
        return 0;
    out->year = (int)year;
    return 1;
}

static gk_status add_todo(pass *p, const place_year *py)
{
    if (GK_ARRAY_RESERVE(p->todo, p->todo_cap, p->ntodo + 1) != GK_OK)
        return GK_ENOMEM;
    p->todo[p->ntodo++] = *py;
    return GK_OK;
}

/* A report touched: its own place-year, and the next year's, whose
 * reports compare with it. */
static gk_status on_touched(pass *p, const gk_results *res, size_t i, size_t shard)
{
    (void)shard;
    place_year py;
    if (!place_year_of(res, i, &py))
        return GK_OK;
    gk_status st = add_todo(p, &py);
    py.year++;
    return st == GK_OK ? add_todo(p, &py) : st;
}

/* A report that compared itself with one touched: its own place-year. */
static gk_status on_follower(pass *p, const gk_results *res, size_t i, size_t shard)
{
    (void)shard;
    place_year py;
    return place_year_of(res, i, &py) ? add_todo(p, &py) : GK_OK;
}

/* The place-years to recompute for the reports l notes: theirs, the
 * next year's, and those of the reports that compared with one (it may be
 * gone, or of another place or year now). */
static gk_status find_todo(pass *p, const gk_link_notes *l, char **errmsg)
{
    gk_status st = each_id(p, (const char *const *)l->ids, l->n, on_touched, errmsg);
    match_ctx m = {p, on_follower};
    if (st == GK_OK)
        st = gk_link_each_naming(p->shards, GK_SLOT_PREVIOUS_REPORTS, l, p->want, p->nwant,
                                 on_match, &m, errmsg);
    return st;
}

static int cmp_place_year(const void *a, const void *b)
{
    const place_year *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    return c != 0 ? c : (x->year > y->year) - (x->year < y->year);
}

static gk_status on_report(pass *p, const gk_results *res, size_t i, size_t shard)
{
    place_year py;
    if (!place_year_of(res, i, &py) || strcmp(py.code, p->code) != 0)
        return GK_OK;
    linked_list *l = p->into;
    if (GK_ARRAY_RESERVE(l->v, l->cap, l->n + 1) != GK_OK)
        return GK_ENOMEM;
    linked *r = &l->v[l->n];
    memset(r, 0, sizeof *r);
    r->shard = shard;
    gk_link_value(res, i, GK_SLOT_REPORT_ID, r->id, sizeof r->id);
    r->has_over = gk_results_number(res, i, p->slots->carried_over, &r->over);
    r->has_forward = gk_results_number(res, i, p->slots->carried_forward, &r->forward);
    gk_link_value(res, i, GK_SLOT_CONTINUITY, r->status, sizeof r->status);
    gk_link_value(res, i, GK_SLOT_PREVIOUS_CARRIED_FORWARD, r->previous_cf,
               sizeof r->previous_cf);
    const char *s;
    size_t len;
    gk_results_value(res, i, GK_SLOT_PREVIOUS_REPORTS, &s, &len);
    if ((r->previous = malloc(len + 1)) == NULL)
        return GK_ENOMEM;
    memcpy(r->previous, s, len);
    r->previous[len] = '\0';
    l->n++;
    return GK_OK;
}

/* The reports of place code in year, across every shard, into l. */
static gk_status reports_of(pass *p, const char *code, int year, linked_list *l,
                            char **errmsg)
{
    /* the place-code terms are of 2, 4, 6 and 9 digits */
    static const size_t levels[] = {9, 6, 4, 2};
    size_t len = strlen(code), cut = 0;
    for (size_t k = 0; k < sizeof levels / sizeof levels[0] && cut == 0; k++)
        if (len >= levels[k])
            cut = levels[k];
    if (cut == 0)
        return GK_OK;
    char place[32], when[32];
    snprintf(place, sizeof place, "%s%.*s", GK_PREFIX_PLACE_CODE, (int)cut, code);
    snprintf(when, sizeof when, "%s%d", GK_PREFIX_YEAR, year);
    gk_xquery *terms[2] = {NULL, NULL}, *q = NULL;
    gk_status st = gk_xquery_term(&terms[0], place, strlen(place));
    if (st == GK_OK) st = gk_xquery_term(&terms[1], when, strlen(when));
    if (st == GK_OK) st = gk_xquery_combine(&q, GK_XQ_AND, terms, 2);
    p->code = code;
    p->into = l;
    if (st == GK_OK)
        st = each_match(p, q, on_report, errmsg);
    gk_xquery_free(terms[0]);
    gk_xquery_free(terms[1]);
    gk_xquery_free(q);
    return st;
}

static int cmp_linked_id(const void *a, const void *b)
{
    return strcmp(((const linked *)a)->id, ((const linked *)b)->id);
}

/* What a report's continuity is to become (gk_link_rewrite's ctx). */
typedef struct continuity_edit {
    const char *status, *previous_cf, *previous;
} continuity_edit;

static gk_status edit_continuity(void *ctx, gk_doc *doc)
{
    const continuity_edit *e = ctx;
    gk_status st = set_status(doc, e->status);
    if (st == GK_OK)
        st = gk_doc_set_value(doc, GK_SLOT_PREVIOUS_CARRIED_FORWARD, e->previous_cf,
                              strlen(e->previous_cf));
    if (st == GK_OK)
        st = gk_doc_set_key(doc, GK_SLOT_PREVIOUS_REPORTS, e->previous, strlen(e->previous));
    return st;
}

/* Write report r's new continuity into its document. */
static gk_status rewrite(pass *p, const linked *r, const char *status, const char *previous_cf,
                         const char *previous, char **errmsg)
{
    continuity_edit e = {status, previous_cf, previous};
    return gk_link_rewrite(p->shards, r->shard, r->id, edit_continuity, &e, errmsg);
}

/* Recompute the reports of one place-year against the year before.
 * `before` holds the year before's reports already when have_before
 * (the place-year recomputed just before was that one: its reports were
 * `now` then, and the caller swapped the lists). */
static gk_status link_place_year(pass *p, const place_year *py, linked_list *now,
                                 linked_list *before, int have_before,
                                 unsigned long *rewritten, char **errmsg)
{
    linked_list_clear(now);
    if (!have_before)
        linked_list_clear(before);
    gk_status st = reports_of(p, py->code, py->year, now, errmsg);
    if (st == GK_OK && now->n > 0 && !have_before)
        st = reports_of(p, py->code, py->year - 1, before, errmsg);
    if (st != GK_OK || now->n == 0)
        return st;
    /* the year before: its reports (two copies of one report are two),
     * and their 结转下年度 when those known agree */
    if (before->n > 1)
        qsort(before->v, before->n, sizeof *before->v, cmp_linked_id);
    gk_buf previous = {0};
    int known = 0, agree = 1;
    double forward = 0;
    for (size_t i = 0; i < before->n && st == GK_OK; i++) {
        st = gk_buf_printf(&previous, "%s%s", i ? "," : "", before->v[i].id);
        if (before->v[i].has_forward) {
            agree = agree && (!known || before->v[i].forward == forward);
            forward = before->v[i].forward;
            known = 1;
        }
    }
    char previous_cf[32] = "";
    if (known && agree)
        snprintf(previous_cf, sizeof previous_cf, "%.15g", forward);
    const char *ids = previous.data != NULL ? previous.data : "";
    for (size_t i = 0; i < now->n && st == GK_OK; i++) {
        const linked *r = &now->v[i];
        const char *status = !r->has_over || previous_cf[0] == '\0' ? "unknown"
                             : r->over == forward                   ? "ok"
                                                                    : "mismatch";
        if (strcmp(status, r->status) == 0 && strcmp(previous_cf, r->previous_cf) == 0 &&
            strcmp(ids, r->previous) == 0)
            continue;
        st = rewrite(p, r, status, previous_cf, ids, errmsg);
        if (st == GK_OK)
            ++*rewritten;
    }
    gk_buf_free(&previous);
    return st;
}

gk_status gk_continuity_link(gk_shards *s, const gk_continuity_slots *slots,
                             const gk_link_notes *l, unsigned long *rewritten, char **errmsg)
{
    *rewritten = 0;
    pass p = {s, slots, NULL, 0, 0, NULL, NULL,
              {GK_SLOT_REPORT_ID, GK_SLOT_PLACE_STATUS, GK_SLOT_PLACE_CODE, GK_SLOT_YEAR,
               slots->carried_over, slots->carried_forward, GK_SLOT_CONTINUITY,
               GK_SLOT_PREVIOUS_CARRIED_FORWARD, GK_SLOT_PREVIOUS_REPORTS},
              9};
    gk_status st = find_todo(&p, l, errmsg);
    if (st == GK_OK && p.ntodo > 0)
        qsort(p.todo, p.ntodo, sizeof *p.todo, cmp_place_year);
    linked_list now = {0}, before = {0};
    const place_year *last = NULL; /* the place-year recomputed last */
    for (size_t i = 0; i < p.ntodo && st == GK_OK && !gk_link_stopped(l); i++) {
        const place_year *py = &p.todo[i];
        if (last != NULL && cmp_place_year(py, last) == 0)
            continue;
        /* the year after the last one: its reports are this one's year
         * before, read once (a first index recomputes every year) */
        int follows = last != NULL && strcmp(last->code, py->code) == 0 &&
                      last->year == py->year - 1;
        if (follows) {
            linked_list t = before;
            before = now;
            now = t;
        }
        st = link_place_year(&p, py, &now, &before, follows, rewritten, errmsg);
        last = py;
    }
    linked_list_clear(&now);
    linked_list_clear(&before);
    free(now.v);
    free(before.v);
    free(p.todo);
    if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "out of memory");
    return st;
}

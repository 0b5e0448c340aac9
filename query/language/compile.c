/* compile.c - from a parsed query to an engine query.
 *
 * Text becomes the exact phrase of its index terms (gk_phrase_build) in
 * each section its scope allows (the section: filters of the AND around
 * it; every section without any), the terms of a section carrying its
 * code (gk_schema.h).  A query that is one whole ICU word also has that
 * word's XW term as an optional boost, so that a report where it stands as
 * a word ranks above one where it is only inside a longer word
 * (gk_phrase_build decides which queries).  Filters match without weight. */
#include "gk_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "query_ast.h"

typedef unsigned long scope; /* bit k: section q->ids[k] (query_ast.h) */

static gk_status compile_node(const gk_query *q, const gk_qnode *n, scope sc,
                              gk_xquery **out);

/* Nothing: AND_NOT(ALL, ALL). */
static gk_status nothing(gk_xquery **out)
{
    gk_xquery *all = NULL;
    gk_status st = gk_xquery_all(&all);
    if (st == GK_OK) {
        gk_xquery *pair[2] = {all, all};
        st = gk_xquery_combine(out, GK_XQ_AND_NOT, pair, 2);
    }
    gk_xquery_free(all);
    return st;
}

/* The phrase in the one section coded `code`: its terms with the code
 * before each. */
static gk_status section_phrase(const gk_phrase *ph, char code, gk_xquery **out)
{
    char **terms = calloc(ph->nterms, sizeof *terms);
    size_t *lens = calloc(ph->nterms, sizeof *lens);
    gk_status st = terms && lens ? GK_OK : GK_ENOMEM;
    for (size_t i = 0; i < ph->nterms && st == GK_OK; i++) {
        lens[i] = ph->terms[i].len + 1;
        if ((terms[i] = malloc(lens[i] + 1)) == NULL) {
            st = GK_ENOMEM;
            break;
        }
        terms[i][0] = code;
        memcpy(terms[i] + 1, ph->terms[i].term, ph->terms[i].len);
        terms[i][lens[i]] = '\0';
    }
    if (st == GK_OK && ph->any_position)
        st = gk_xquery_prefix(out, terms[0], lens[0]);
    else if (st == GK_OK)
        st = gk_xquery_phrase(out, (const char *const *)terms, lens, ph->nterms);
    for (size_t i = 0; terms != NULL && i < ph->nterms; i++)
        free(terms[i]);
    free(terms);
    free(lens);
    return st;
}

/* The phrase in any section of scope sc: one phrase per section code,
 * ORed (no phrase spans two sections: gk_schema.h). */
static gk_status scoped_phrase(const gk_query *q, const gk_phrase *ph, scope sc,
                               gk_xquery **out)
{
    gk_xquery *subs[GK_QUERY_MAX_SECTIONS];
    size_t n = 0;
    gk_status st = GK_OK;
    for (size_t k = 0; k < q->nsections && st == GK_OK; k++) {
        if (!(sc & (1ul << k)))
            continue;
        /* one code can serve two ids only if the table repeats one */
        int seen = 0;
        for (size_t j = 0; j < k; j++)
            seen = seen || ((sc & (1ul << j)) && q->codes[j] == q->codes[k]);
        if (!seen && (st = section_phrase(ph, q->codes[k], &subs[n])) == GK_OK)
            n++;
    }
    if (st == GK_OK)
        st = n == 0 ? nothing(out) : n == 1 ? ((*out = subs[0]), GK_OK)
                                            : gk_xquery_combine(out, GK_XQ_OR, subs, n);
    for (size_t i = 0; i < n; i++)
        if (n > 1 || st != GK_OK)
            gk_xquery_free(subs[i]);
    return st;
}

static gk_status text_query(const gk_query *q, const gk_phrase *ph, scope sc,
                            gk_xquery **out)
{
    gk_xquery *main_q = NULL;
    gk_status st = scoped_phrase(q, ph, sc, &main_q);
    if (st != GK_OK || ph->nrank_words == 0) {
        *out = main_q;
        return st;
    }
    gk_xquery **words = calloc(ph->nrank_words, sizeof *words);
    if (words == NULL) {
        gk_xquery_free(main_q);
        return GK_ENOMEM;
    }
    for (size_t i = 0; i < ph->nrank_words && st == GK_OK; i++)
        st = gk_xquery_term(&words[i], ph->rank_words[i],
                            strlen(ph->rank_words[i]));
    gk_xquery *boost = NULL;
    if (st == GK_OK)
        st = gk_xquery_combine(&boost, GK_XQ_OR, words, ph->nrank_words);
    for (size_t i = 0; i < ph->nrank_words; i++)
        gk_xquery_free(words[i]);
    free(words);
    if (st == GK_OK) {
        gk_xquery *pair[2] = {main_q, boost};
        st = gk_xquery_combine(out, GK_XQ_AND_MAYBE, pair, 2);
    }
    gk_xquery_free(main_q);
    gk_xquery_free(boost);
    return st;
}

/* The scope bit of a section: filter, 0 if the query's sections lack it. */
static scope section_bit(const gk_query *q, const gk_qnode *n)
{
    const char *id = n->term + GK_LEN(GK_PREFIX_SECTION);
    for (size_t k = 0; k < q->nsections; k++)
        if (strcmp(q->ids[k], id) == 0)
            return 1ul << k;
    return 0;
}

static int is_section_filter(const gk_qnode *n)
{
    return n->kind == GK_Q_FILTER && n->field == GK_FIELD_SECTION && n->term != NULL;
}

/* similar:ID: any of the reports whose ids (space-separated) ids lists;
 * none: the bare report prefix, which no document has. */
static gk_status similar_query(const char *ids, gk_xquery **out)
{
    size_t n = 0, plen = sizeof GK_PREFIX_REPORT - 1;
    for (const char *s = ids; *s; s += strcspn(s, " "), s += *s == ' ')
        n++;
    if (n == 0)
        return gk_xquery_term(out, GK_PREFIX_REPORT, plen);
    gk_xquery **terms = calloc(n, sizeof *terms);
    if (terms == NULL)
        return GK_ENOMEM;
    gk_status st = GK_OK;
    size_t k = 0;
    for (const char *s = ids; *s && st == GK_OK; k++) {
        size_t len = strcspn(s, " ");
        char term[64];
        int tl = snprintf(term, sizeof term, "%s%.*s", GK_PREFIX_REPORT, (int)len, s);
        st = gk_xquery_term(&terms[k], term, (size_t)tl);
        s += len + (s[len] == ' ');
    }
    if (st == GK_OK)
        st = gk_xquery_combine(out, GK_XQ_OR, terms, k);
    for (size_t i = 0; i < k; i++)
        gk_xquery_free(terms[i]);
    free(terms);
    return st;
}

static gk_status filter_query(const gk_qnode *n, gk_xquery **out)
{
    gk_xquery *q = NULL;
    gk_status st;
    int exact_year = n->field == GK_FIELD_YEAR && n->has_lo && n->has_hi &&
                     n->lo == n->hi;
    if (exact_year) {
        char term[32];
        snprintf(term, sizeof term, "%s%d", GK_PREFIX_YEAR, (int)n->lo);
        st = gk_xquery_term(&q, term, strlen(term));
    } else if (n->field == GK_FIELD_YEAR || n->field == GK_FIELD_FIGURE ||
               n->field == GK_FIELD_SIGNED) {
        st = gk_xquery_number_range(&q, n->slot, n->has_lo, n->lo, n->has_hi, n->hi);
    } else if (n->field == GK_FIELD_SIMILAR) {
        st = similar_query(n->term, &q);
    } else if (n->key_lo != NULL) {
        st = gk_xquery_key_range(&q, n->slot, n->key_lo, strlen(n->key_lo), n->key_hi,
                                 strlen(n->key_hi));
    } else
        st = gk_xquery_term(&q, n->term, strlen(n->term));
    if (st != GK_OK)
        return st;
    st = gk_xquery_unweighted(out, q);
    gk_xquery_free(q);
    return st;
}

/* AND_NOT(ALL, q): everything but q. */
static gk_status all_but(gk_xquery *q, gk_xquery **out)
{
    gk_xquery *all = NULL;
    gk_status st = gk_xquery_all(&all);
    if (st == GK_OK) {
        gk_xquery *pair[2] = {all, q};
        st = gk_xquery_combine(out, GK_XQ_AND_NOT, pair, 2);
    }
    gk_xquery_free(all);
    return st;
}

/* The scope an AND gives its parts: sc narrowed to the sections its
 * section: filters name, and without those its -section: filters name. */
static scope and_scope(const gk_query *q, const gk_qnode *n, scope sc)
{
    for (size_t i = 0; i < n->nkids; i++) {
        const gk_qnode *k = n->kids[i];
        if (is_section_filter(k))
            sc &= section_bit(q, k);
        else if (k->kind == GK_Q_NOT && is_section_filter(k->kids[0]))
            sc &= ~section_bit(q, k->kids[0]);
    }
    return sc;
}

/* AND: the positive parts must all match, and none of the NOT parts; text
 * in the sections its section: filters allow (a -section: filter only
 * narrows them: the report may have that section too). */
static gk_status and_query(const gk_query *q, const gk_qnode *n, scope sc,
                           gk_xquery **out)
{
    sc = and_scope(q, n, sc);
    gk_xquery **pos = calloc(n->nkids, sizeof *pos);
    gk_xquery **neg = calloc(n->nkids, sizeof *neg);
    size_t npos = 0, nneg = 0;
    gk_status st = (pos && neg) ? GK_OK : GK_ENOMEM;
    for (size_t i = 0; i < n->nkids && st == GK_OK; i++) {
        const gk_qnode *k = n->kids[i];
        if (k->kind == GK_Q_NOT && is_section_filter(k->kids[0]))
            continue;
        if (k->kind == GK_Q_NOT)
            st = compile_node(q, k->kids[0], sc, &neg[nneg++]);
        else
            st = compile_node(q, k, sc, &pos[npos++]);
    }
    gk_xquery *yes = NULL, *no = NULL;
    if (st == GK_OK)
        st = npos > 0 ? gk_xquery_combine(&yes, GK_XQ_AND, pos, npos)
                      : gk_xquery_all(&yes);
    if (st == GK_OK && nneg > 0)
        st = gk_xquery_combine(&no, GK_XQ_OR, neg, nneg);
    if (st == GK_OK && no != NULL) {
        gk_xquery *pair[2] = {yes, no};
        st = gk_xquery_combine(out, GK_XQ_AND_NOT, pair, 2);
    } else if (st == GK_OK) {
        *out = yes;
        yes = NULL;
    }
    gk_xquery_free(yes);
    gk_xquery_free(no);
    for (size_t i = 0; i < npos; i++)
        gk_xquery_free(pos[i]);
    for (size_t i = 0; i < nneg; i++)
        gk_xquery_free(neg[i]);
    free(pos);
    free(neg);
    return st;
}

static gk_status or_query(const gk_query *q, const gk_qnode *n, scope sc,
                          gk_xquery **out)
{
    gk_xquery **kids = calloc(n->nkids, sizeof *kids);
    if (kids == NULL)
        return GK_ENOMEM;
    gk_status st = GK_OK;
    for (size_t i = 0; i < n->nkids && st == GK_OK; i++)
        st = compile_node(q, n->kids[i], sc, &kids[i]);
    if (st == GK_OK)
        st = gk_xquery_combine(out, GK_XQ_OR, kids, n->nkids);
    for (size_t i = 0; i < n->nkids; i++)
        gk_xquery_free(kids[i]);
    free(kids);
    return st;
}

static gk_status compile_node(const gk_query *q, const gk_qnode *n, scope sc,
                              gk_xquery **out)
{
    *out = NULL;
    switch (n->kind) {
    case GK_Q_TEXT:
        return text_query(q, &n->phrase, sc, out);
    case GK_Q_FILTER:
        return filter_query(n, out);
    case GK_Q_AND:
        return and_query(q, n, sc, out);
    case GK_Q_OR:
        return or_query(q, n, sc, out);
    case GK_Q_NOT: {
        gk_xquery *kid = NULL;
        gk_status st = compile_node(q, n->kids[0], sc, &kid);
        if (st == GK_OK)
            st = all_but(kid, out);
        gk_xquery_free(kid);
        return st;
    }
    }
    return GK_EINTERNAL;
}

int gk_query_in_scope(const gk_query *q, const char *section)
{
    if (q->root == NULL)
        return 1;
    scope all = (1ul << q->nsections) - 1, sc = all;
    if (is_section_filter(q->root))
        sc &= section_bit(q, q->root);
    else if (q->root->kind == GK_Q_AND)
        sc = and_scope(q, q->root, all);
    for (size_t k = 0; k < q->nsections; k++)
        if (strcmp(q->ids[k], section) == 0)
            return (sc & (1ul << k)) != 0;
    return 0;
}

gk_status gk_query_compile(const gk_query *q, gk_xquery **out, char **errmsg)
{
    *out = NULL;
    scope all = q->nsections >= 8 * sizeof(scope) ? ~0ul : (1ul << q->nsections) - 1;
    gk_status st = q->root == NULL ? gk_xquery_all(out)
                                   : compile_node(q, q->root, all, out);
    if (st != GK_OK) {
        gk_xquery_free(*out);
        *out = NULL;
        return gk_fail(errmsg, st, "cannot build the query: %s",
                       gk_status_str(st));
    }
    return GK_OK;
}

gk_status gk_query_compile_section(const gk_query *q, const char *section, gk_xquery **out,
                                   char **errmsg)
{
    *out = NULL;
    scope sc = 0;
    for (size_t k = 0; k < q->nsections; k++)
        if (strcmp(q->ids[k], section) == 0)
            sc = 1ul << k;
    char term[GK_DB_MAX_TERM + 1];
    snprintf(term, sizeof term, "%s%s", GK_PREFIX_SECTION, section);
    gk_xquery *has = NULL, *filter = NULL, *body = NULL;
    gk_status st = gk_xquery_term(&has, term, strlen(term));
    if (st == GK_OK)
        st = gk_xquery_unweighted(&filter, has);
    if (st == GK_OK && q->root != NULL)
        st = sc != 0 ? compile_node(q, q->root, sc, &body) : nothing(&body);
    if (st == GK_OK && body != NULL) {
        gk_xquery *pair[2] = {body, filter};
        st = gk_xquery_combine(out, GK_XQ_AND, pair, 2);
    } else if (st == GK_OK) {
        *out = filter;
        filter = NULL;
    }
    gk_xquery_free(has);
    gk_xquery_free(filter);
    gk_xquery_free(body);
    if (st != GK_OK)
        return gk_fail(errmsg, st, "cannot build the query: %s", gk_status_str(st));
    return GK_OK;
}

/* compile.c - from a parsed query to an engine query.
 *
 * Text becomes the exact phrase of its index terms (gk_phrase_build), with
 * whole ICU words as an optional boost so that a match on a real word ranks
 * above a match inside a longer one.  Filters match without weight. */
#include "gk_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_schema.h"
#include "gk_util.h"
#include "query_ast.h"

static gk_status compile_node(const gk_qnode *n, gk_xquery **out);

static gk_status text_query(const gk_phrase *ph, gk_xquery **out)
{
    gk_xquery *main_q = NULL;
    gk_status st;
    if (ph->any_position) {
        st = gk_xquery_prefix(&main_q, ph->terms[0].term, ph->terms[0].len);
    } else {
        const char **terms = malloc(ph->nterms * sizeof *terms);
        size_t *lens = malloc(ph->nterms * sizeof *lens);
        if (terms == NULL || lens == NULL) {
            free(terms);
            free(lens);
            return GK_ENOMEM;
        }
        for (size_t i = 0; i < ph->nterms; i++) {
            terms[i] = ph->terms[i].term;
            lens[i] = ph->terms[i].len;
        }
        st = gk_xquery_phrase(&main_q, terms, lens, ph->nterms);
        free(terms);
        free(lens);
    }
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
    } else if (n->field == GK_FIELD_YEAR || n->field == GK_FIELD_FIGURE) {
        st = gk_xquery_number_range(&q, n->slot, n->has_lo, n->lo, n->has_hi, n->hi);
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

/* AND: the positive parts must all match, and none of the NOT parts. */
static gk_status and_query(const gk_qnode *n, gk_xquery **out)
{
    gk_xquery **pos = calloc(n->nkids, sizeof *pos);
    gk_xquery **neg = calloc(n->nkids, sizeof *neg);
    size_t npos = 0, nneg = 0;
    gk_status st = (pos && neg) ? GK_OK : GK_ENOMEM;
    for (size_t i = 0; i < n->nkids && st == GK_OK; i++) {
        const gk_qnode *k = n->kids[i];
        if (k->kind == GK_Q_NOT)
            st = compile_node(k->kids[0], &neg[nneg++]);
        else
            st = compile_node(k, &pos[npos++]);
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

static gk_status or_query(const gk_qnode *n, gk_xquery **out)
{
    gk_xquery **kids = calloc(n->nkids, sizeof *kids);
    if (kids == NULL)
        return GK_ENOMEM;
    gk_status st = GK_OK;
    for (size_t i = 0; i < n->nkids && st == GK_OK; i++)
        st = compile_node(n->kids[i], &kids[i]);
    if (st == GK_OK)
        st = gk_xquery_combine(out, GK_XQ_OR, kids, n->nkids);
    for (size_t i = 0; i < n->nkids; i++)
        gk_xquery_free(kids[i]);
    free(kids);
    return st;
}

static gk_status compile_node(const gk_qnode *n, gk_xquery **out)
{
    *out = NULL;
    switch (n->kind) {
    case GK_Q_TEXT:
        return text_query(&n->phrase, out);
    case GK_Q_FILTER:
        return filter_query(n, out);
    case GK_Q_AND:
        return and_query(n, out);
    case GK_Q_OR:
        return or_query(n, out);
    case GK_Q_NOT: {
        gk_xquery *kid = NULL;
        gk_status st = compile_node(n->kids[0], &kid);
        if (st == GK_OK)
            st = all_but(kid, out);
        gk_xquery_free(kid);
        return st;
    }
    }
    return GK_EINTERNAL;
}

gk_status gk_query_compile(const gk_query *q, gk_xquery **out, char **errmsg)
{
    *out = NULL;
    gk_status st = q->root == NULL ? gk_xquery_all(out)
                                   : compile_node(q->root, out);
    if (st != GK_OK) {
        gk_xquery_free(*out);
        *out = NULL;
        return gk_fail(errmsg, st, "cannot build the query: %s",
                       gk_status_str(st));
    }
    return GK_OK;
}

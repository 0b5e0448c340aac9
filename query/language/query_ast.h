/* query_ast.h - the parsed form of a query, shared by parse.c and
 * compile.c; private to language. */
#ifndef GK_QUERY_AST_H
#define GK_QUERY_AST_H

#include <stddef.h>

#include "gk_analyze.h"
#include "gk_query.h"

/* The sections a query tells apart: the codes of gk_schema.h and the
 * document (one bit each of a scope). */
#define GK_QUERY_MAX_SECTIONS 24

typedef enum gk_qkind {
    GK_Q_TEXT,   /* text to find (a word as typed, or a quoted phrase) */
    GK_Q_FILTER, /* field:value */
    GK_Q_AND,
    GK_Q_OR,
    GK_Q_NOT
} gk_qkind;

typedef struct gk_qnode {
    gk_qkind kind;
    char *text;         /* TEXT: the normalised text; FILTER: the value */
    gk_phrase phrase;   /* TEXT */
    gk_field field;     /* FILTER */
    char *term;         /* FILTER (not ranges): the boolean term */
    int figure;         /* FILTER on a figure: its index in the rules */
    unsigned slot;      /* FILTER range: the value slot */
    char *key_lo, *key_hi; /* FILTER on a key (continuity:, copied:): the
                           range of keys in slot; NULL for others */
    int has_lo, has_hi; /* FILTER range (year, figures) */
    double lo, hi;
    struct gk_qnode **kids; /* AND, OR: 2 or more; NOT: 1 */
    size_t nkids, kids_cap;
} gk_qnode;

struct gk_query {
    gk_qnode *root;      /* NULL: the empty query */
    const gk_phrase **phrases; /* positive TEXT nodes, for highlighting */
    size_t nphrases, phrases_cap;
    char *hint; /* a note for the user, or NULL (gk_query_hint) */
    /* the sections as the index codes them (gk_schema.h): bit k of a scope
     * is section ids[k], whose terms carry codes[k] */
    const char *ids[GK_QUERY_MAX_SECTIONS]; /* borrowed from the section table */
    char codes[GK_QUERY_MAX_SECTIONS];
    size_t nsections;
};

#endif

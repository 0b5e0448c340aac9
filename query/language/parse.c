/* parse.c - reading the query language described in gk_query.h.
 *
 *   query   := or_expr END
 *   or_expr := and_expr ("OR" and_expr)*
 *   and_expr:= unary (["AND"] unary)*
 *   unary   := "NOT" unary | "-" unary | "+" unary | primary
 *   primary := "(" or_expr ")" | PHRASE | FIELD ":" VALUE | WORD
 *
 * The text is normalised first (as indexed text is), so full-width
 * characters fold: "（一）" reads as "(一)" and "镇：柳泉" as "镇:柳泉". */
#include "gk_query.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_linkkeys.h"
#include "gk_report.h"
#include "gk_schema.h"
#include "gk_text.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "query_ast.h"

/* Limits that keep hostile queries cheap. */
#define GK_QUERY_MAX_BYTES (64 * 1024)
#define GK_QUERY_MAX_DEPTH 64
#define GK_QUERY_MAX_LEAVES 256

typedef enum tkind {
    T_END, T_WORD, T_PHRASE, T_FIELD, T_LPAREN, T_RPAREN, T_AND, T_OR,
    T_NOT, T_MINUS, T_PLUS
} tkind;

/* How a field is compared with its value. */
typedef enum top { OP_IS, OP_GE, OP_LE, OP_GT, OP_LT } top;

typedef struct token {
    tkind kind;
    size_t start, end; /* WORD/PHRASE: the text; FIELD: the value */
    size_t at;         /* byte offset where the token starts */
    int field;         /* FIELD */
    int figure;        /* FIELD GK_FIELD_FIGURE: which */
    top op;            /* FIELD: ':' and '=' are OP_IS */
} token;

typedef struct parser {
    const gk_query_env *env;
    const char *s; /* normalised query */
    size_t len;
    size_t i;      /* lexer position */
    token tok;     /* current token */
    int depth;
    size_t leaves;
    char **errmsg;
    gk_status st;  /* first error */
    char lower_operator[4]; /* an "or", "and" or "not" between words */
} parser;

/* ---- errors ------------------------------------------------------------- */

/* 1-based character position of byte offset at, for messages. */
static size_t char_pos(const parser *p, size_t at)
{
    return gk_utf8_count(p->s, at) + 1;
}

static gk_qnode *syntax_error(parser *p, const char *fmt, ...) GK_PRINTF(2, 3);

/* Record the first error: a one-line message (the query is valid UTF-8
 * after normalisation; a message cut at the buffer's end is cut on a
 * character boundary). */
static gk_qnode *syntax_error(parser *p, const char *fmt, ...)
{
    if (p->st != GK_OK)
        return NULL;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1;
    len = gk_utf8_floor(msg, len, len);
    p->st = gk_fail(p->errmsg, GK_EQUERY, "%.*s", (int)len, msg);
    return NULL;
}

static gk_qnode *out_of_memory(parser *p)
{
    if (p->st == GK_OK)
        p->st = gk_fail(p->errmsg, GK_ENOMEM, "out of memory");
    return NULL;
}

/* ---- lexer -------------------------------------------------------------- */

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

static int is_open_quote(uint32_t c)
{
    return c == '"' || c == 0x201C; /* " and “ */
}

static int is_close_quote(uint32_t c)
{
    return c == '"' || c == 0x201D; /* " and ” */
}

static uint32_t peek(const parser *p, size_t at, size_t *next)
{
    size_t j = at;
    uint32_t c = at < p->len ? gk_utf8_next(p->s, p->len, &j) : 0;
    if (next != NULL)
        *next = j;
    return c;
}

/* Read a quoted string whose opening quote ends at i; sets *start and *end to
 * its content and returns the offset after the closing quote, or 0 (and an
 * error, with an empty content) when it is not closed. */
static size_t read_quoted(parser *p, size_t open_at, size_t i, size_t *start,
                          size_t *end)
{
    *start = *end = i;
    while (i < p->len) {
        size_t next;
        uint32_t c = peek(p, i, &next);
        if (is_close_quote(c)) {
            *end = i;
            return next;
        }
        i = next;
    }
    syntax_error(p, "unterminated quote opened at character %zu",
                 char_pos(p, open_at));
    return 0;
}

/* 1 if s[0..n) is the word w. */
static int is_word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* 1 if s[0..n) is an ASCII identifier (a would-be field name). */
static int ascii_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
              s[k] == '_'))
            return 0;
    return 1;
}

static void lex(parser *p)
{
    while (p->i < p->len && is_space(peek(p, p->i, NULL)))
        p->i++;
    token *t = &p->tok;
    memset(t, 0, sizeof *t);
    t->at = p->i;
    if (p->i >= p->len) {
        t->kind = T_END;
        return;
    }
    size_t next;
    uint32_t c = peek(p, p->i, &next);
    if (c == '(' || c == ')') {
        t->kind = c == '(' ? T_LPAREN : T_RPAREN;
        p->i = next;
        return;
    }
    if (is_open_quote(c)) {
        size_t after = read_quoted(p, p->i, next, &t->start, &t->end);
        t->kind = T_PHRASE;
        p->i = after ? after : p->len;
        return;
    }
    if ((c == '-' || c == '+') && next < p->len) {
        uint32_t d = peek(p, next, NULL);
        if (!is_space(d) && d != ')') {
            t->kind = c == '-' ? T_MINUS : T_PLUS;
            p->i = next;
            return;
        }
    }
    /* a word: up to white space, a parenthesis or a quote; remember the
     * first comparison sign (: = > < >= <= ≥ ≤) for FIELD:VALUE */
    size_t start = p->i, sign = (size_t)-1, sign_len = 0;
    top op = OP_IS;
    while (p->i < p->len) {
        uint32_t d = peek(p, p->i, &next);
        if (is_space(d) || d == '(' || d == ')' || is_open_quote(d) ||
            (d == 0x201D))
            break;
        if (sign == (size_t)-1 && (d == ':' || d == '=' || d == '>' || d == '<' ||
                                   d == 0x2265 || d == 0x2264)) {
            sign = p->i;
            sign_len = next - p->i;
            op = d == '>' || d == 0x2265 ? OP_GT : d == '<' || d == 0x2264 ? OP_LT : OP_IS;
            if (d == 0x2265 || d == 0x2264)
                op = d == 0x2265 ? OP_GE : OP_LE;
            else if ((d == '>' || d == '<') && next < p->len && p->s[next] == '=') {
                op = d == '>' ? OP_GE : OP_LE;
                sign_len++;
            }
        }
        p->i = next;
    }
    t->start = start;
    t->end = p->i;
    size_t n = t->end - t->start;
    const char *w = p->s + start;
    if (is_word(w, n, "AND")) {
        t->kind = T_AND;
        return;
    }
    if (is_word(w, n, "OR")) {
        t->kind = T_OR;
        return;
    }
    if (is_word(w, n, "NOT")) {
        t->kind = T_NOT;
        return;
    }
    t->kind = T_WORD;
    if (is_word(w, n, "and") || is_word(w, n, "or") || is_word(w, n, "not") ||
        is_word(w, n, "And") || is_word(w, n, "Or") || is_word(w, n, "Not")) {
        size_t j = p->i;
        while (j < p->len && is_space(peek(p, j, NULL)))
            j++;
        if (start > 0 && j < p->len && p->lower_operator[0] == '\0')
            memcpy(p->lower_operator, w, n); /* n < 4 */
    }
    if (sign == start)
        return;
    size_t nl = sign == (size_t)-1 ? n : sign - start;
    int field = gk_field_lookup(p->env->fields, w, nl);
    int figure = -1;
    if (field < 0 && p->env->figures != NULL && nl < 128) {
        char name[128];
        memcpy(name, w, nl);
        name[nl] = '\0';
        figure = gk_figure_lookup(p->env->figures, name);
        if (figure >= 0)
            field = GK_FIELD_FIGURE;
    }
    if (sign == (size_t)-1) {
        /* "requests_new >= 5", "year : 2020": a field's name, then the
         * sign after white space */
        size_t j = p->i;
        while (j < p->len && is_space(peek(p, j, NULL)))
            j++;
        size_t after = j;
        uint32_t d = j < p->len ? peek(p, j, &after) : 0;
        if (field < 0 || j == p->i ||
            !(d == ':' || d == '=' || d == '>' || d == '<' || d == 0x2265 || d == 0x2264))
            return;
        op = d == '>' ? OP_GT : d == '<' ? OP_LT : d == 0x2265 ? OP_GE : d == 0x2264 ? OP_LE : OP_IS;
        if ((d == '>' || d == '<') && after < p->len && p->s[after] == '=') {
            op = d == '>' ? OP_GE : OP_LE;
            after++;
        }
        sign = j;
        sign_len = after - j;
        /* the value: what follows the sign up to white space */
        p->i = after;
        while (p->i < p->len) {
            uint32_t e = peek(p, p->i, &next);
            if (is_space(e) || e == '(' || e == ')' || is_open_quote(e) || e == 0x201D)
                break;
            p->i = next;
        }
        t->end = p->i;
    }
    if (field < 0) {
        int url = is_word(w, nl, "http") || is_word(w, nl, "https");
        gk_buf near = {0};
        size_t nnear = url ? 0 : gk_field_nearest(p->env->fields, w, nl, &near);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(nl < 60 ? nl : 60), w);
        if (nnear > 0) {
            syntax_error(p, "unknown field '%s' at character %zu: did you mean %s? "
                            "(to search the text, put it in quotes)",
                         name, char_pos(p, start), near.data);
        } else if (ascii_name(w, nl) && !url) {
            gk_buf known = {0};
            if (gk_table_list_ids(gk_field_names(p->env->fields), &known, ", ") != GK_OK)
                out_of_memory(p);
            else
                syntax_error(p, "unknown field '%s' at character %zu (fields: %s, "
                                "the figures of figures.tsv, or their Chinese names)",
                             name, char_pos(p, start), known.data ? known.data : "");
            gk_buf_free(&known);
        }
        gk_buf_free(&near);
        return; /* Chinese text with a colon in it: search it as text */
    }
    t->kind = T_FIELD;
    t->field = field;
    t->figure = figure;
    t->op = op;
    t->start = sign + sign_len;
    if (t->start == t->end) {
        /* "requests_new>= 5": the value after white space, or quoted */
        size_t j = p->i;
        while (j < p->len && is_space(peek(p, j, NULL)))
            j++;
        if (j < p->len && is_open_quote(peek(p, j, &next))) {
            size_t after = read_quoted(p, j, next, &t->start, &t->end);
            p->i = after ? after : p->len;
        } else if (j > p->i && j < p->len) {
            uint32_t e = peek(p, j, NULL);
            if (e != '(' && e != ')') {
                t->start = p->i = j;
                while (p->i < p->len) {
                    e = peek(p, p->i, &next);
                    if (is_space(e) || e == '(' || e == ')' || is_open_quote(e) ||
                        e == 0x201D)
                        break;
                    p->i = next;
                }
                t->end = p->i;
            }
        }
    }
}

/* ---- nodes -------------------------------------------------------------- */

static void node_free(gk_qnode *n)
{
    if (n == NULL)
        return;
    free(n->text);
    free(n->term);
    free(n->key_lo);
    free(n->key_hi);
    gk_phrase_clear(&n->phrase);
    for (size_t i = 0; i < n->nkids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n);
}

static gk_qnode *node_new(parser *p, gk_qkind kind)
{
    gk_qnode *n = calloc(1, sizeof *n);
    if (n == NULL)
        return out_of_memory(p);
    n->kind = kind;
    return n;
}

/* Combine a and b under kind (flattening a node of the same kind). */
static gk_qnode *combine(parser *p, gk_qkind kind, gk_qnode *a, gk_qnode *b)
{
    if (a == NULL)
        return b;
    if (b == NULL)
        return a;
    gk_qnode *n = a;
    if (a->kind != kind) {
        n = node_new(p, kind);
        if (n == NULL) {
            node_free(a);
            node_free(b);
            return NULL;
        }
        if (GK_ARRAY_RESERVE(n->kids, n->kids_cap, 2) != GK_OK) {
            free(n);
            node_free(a);
            node_free(b);
            return out_of_memory(p);
        }
        n->kids[n->nkids++] = a;
    }
    if (GK_ARRAY_RESERVE(n->kids, n->kids_cap, n->nkids + 1) != GK_OK) {
        node_free(n);
        node_free(b);
        return out_of_memory(p);
    }
    n->kids[n->nkids++] = b;
    return n;
}

/* A TEXT node for text[0..len), which starts at byte `at` of the query;
 * NULL without error when it holds nothing searchable (punctuation only). */
static gk_qnode *text_node_of(parser *p, const char *text, size_t len, size_t at)
{
    if (++p->leaves > GK_QUERY_MAX_LEAVES)
        return syntax_error(p, "too many search terms (the limit is %d) at "
                               "character %zu", GK_QUERY_MAX_LEAVES,
                            char_pos(p, at));
    gk_qnode *n = node_new(p, GK_Q_TEXT);
    if (n == NULL)
        return NULL;
    n->text = gk_strndup(text, len);
    if (n->text == NULL) {
        free(n);
        return out_of_memory(p);
    }
    gk_status st = gk_phrase_build(p->env->az, text, len, &n->phrase, p->errmsg);
    if (st != GK_OK) {
        node_free(n);
        p->st = st;
        return NULL;
    }
    if (n->phrase.nterms == 0) {
        node_free(n);
        return NULL;
    }
    return n;
}

/* A TEXT node for the query's bytes [start..end). */
static gk_qnode *text_node(parser *p, size_t start, size_t end)
{
    return text_node_of(p, p->s + start, end - start, start);
}

/* 1 for a Han character (the CJK blocks and their extensions). */
static int is_han(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

/* A quoted phrase [start..end).  Chinese is written without spaces, so a
 * space between two Han characters ("政府 信息") only shows where words
 * meet: the phrase is found as written and with those spaces left out
 * (政府信息), as README and --help promise. */
static gk_qnode *phrase_node(parser *p, size_t start, size_t end)
{
    gk_buf joined = {0};
    int changed = 0;
    uint32_t before = 0; /* the last character kept */
    size_t i = start;
    while (i < end) {
        size_t from = i;
        uint32_t c = gk_utf8_next(p->s, end, &i);
        if (is_space(c) && is_han(before)) {
            size_t j = i;
            while (j < end && is_space(peek(p, j, NULL)))
                j++;
            size_t k = j;
            if (j < end && is_han(gk_utf8_next(p->s, end, &k))) {
                changed = 1;
                i = j; /* drop the run of spaces */
                continue;
            }
        }
        if (gk_buf_add(&joined, p->s + from, i - from) != GK_OK) {
            gk_buf_free(&joined);
            return out_of_memory(p);
        }
        before = c;
    }
    if (!changed) {
        gk_buf_free(&joined);
        return text_node(p, start, end);
    }
    /* p->st may already hold an error from the token after the phrase (the
     * caller lexes before building), so a node built is freed, not lost. */
    gk_qnode *a = text_node_of(p, joined.data, joined.len, start);
    gk_buf_free(&joined);
    if (p->st != GK_OK) {
        node_free(a);
        return NULL;
    }
    gk_qnode *b = text_node(p, start, end);
    if (p->st != GK_OK) {
        node_free(a);
        node_free(b);
        return NULL;
    }
    return combine(p, GK_Q_OR, a, b);
}

static gk_qnode *filter_term(parser *p, gk_qnode *n, const char *prefix,
                             const char *value)
{
    gk_buf b = {0};
    if (gk_buf_adds(&b, prefix) != GK_OK || gk_buf_adds(&b, value) != GK_OK) {
        gk_buf_free(&b);
        node_free(n);
        return out_of_memory(p);
    }
    if (b.len > GK_DB_MAX_TERM) {
        gk_buf_free(&b);
        node_free(n);
        return syntax_error(p, "value too long at character %zu",
                            char_pos(p, p->tok.at));
    }
    n->term = gk_buf_take(&b, NULL);
    return n;
}

/* "2020" (also in Chinese numerals, with or without 年) as a year. */
static int parse_year(const parser *p, const char *s, size_t len, double *y)
{
    (void)p;
    size_t used = 0;
    int year = gk_report_year_at(s, len, &used);
    if (year == 0)
        return 0;
    if (GK_STARTS_WITH(s + used, len - used, "年"))
        used += GK_LEN("年");
    *y = year;
    return used == len;
}

/* A date: "2022-01-20", "2022年1月20日" (gk_report_date_at), as yyyymmdd. */
static int parse_date(const parser *p, const char *s, size_t len, double *d)
{
    (void)p;
    size_t used = 0;
    int date = gk_report_date_at(s, len, &used);
    *d = date;
    return date != 0 && used == len;
}

/* A figure's value: "5", "1万", "200万元", "0.5亿". */
static int parse_amount(const parser *p, const char *s, size_t len, double *v)
{
    gk_amount a = gk_amount_read(p->env->figures, s, len);
    if (a.kind == GK_AMOUNT_ZERO) {
        *v = 0;
        return 1;
    }
    if (a.kind != GK_AMOUNT_NUMBER)
        return 0;
    *v = gk_amount_scaled(a.value, a.scale);
    return 1;
}

/* FIELD:A..B, FIELD:A.., FIELD:..B, FIELD:A, FIELD>=A, FIELD>A ... for the
 * year and the figures.  A strict bound (> <) moves to the next number that
 * can be stored, so that 5 is not > 5. */
static gk_qnode *range_filter(parser *p, gk_qnode *n, top op)
{
    const char *v = n->text;
    size_t len = strlen(v);
    int signed_date = n->field == GK_FIELD_SIGNED;
    int (*value)(const parser *, const char *, size_t, double *) =
        n->field == GK_FIELD_YEAR ? parse_year : signed_date ? parse_date : parse_amount;
    const char *dots = strstr(v, "..");
    int ok;
    if (dots != NULL && op == OP_IS) {
        size_t a = (size_t)(dots - v), b = len - a - 2;
        n->has_lo = a > 0;
        n->has_hi = b > 0;
        ok = (n->has_lo || n->has_hi) &&
             (!n->has_lo || value(p, v, a, &n->lo)) &&
             (!n->has_hi || value(p, dots + 2, b, &n->hi));
    } else {
        double x = 0;
        ok = value(p, v, len, &x);
        n->lo = n->hi = x;
        n->has_lo = op == OP_IS || op == OP_GE || op == OP_GT;
        n->has_hi = op == OP_IS || op == OP_LE || op == OP_LT;
        if (op == OP_GT)
            n->lo = nextafter(x, INFINITY);
        if (op == OP_LT)
            n->hi = nextafter(x, -INFINITY);
    }
    const char *name = n->field == GK_FIELD_YEAR ? "year"
                       : signed_date             ? "signed"
                                                 : gk_figure_id(p->env->figures, (size_t)n->figure);
    if (!ok) {
        syntax_error(p, "%s: '%s' at character %zu is not %s or a range such "
                        "as %s",
                     name, v, char_pos(p, p->tok.at),
                     n->field == GK_FIELD_YEAR ? "a year such as 2021"
                     : signed_date             ? "a date such as 2022-01-20"
                                               : "a number such as 5 or 1万",
                     n->field == GK_FIELD_YEAR ? "2019..2021"
                     : signed_date             ? "2022-01-01..2022-03-31"
                                               : "1万..200万");
        node_free(n);
        return NULL;
    }
    if (n->has_lo && n->has_hi && n->lo > n->hi) {
        syntax_error(p, "%s: '%s' at character %zu is an empty range (the "
                        "first bound is above the second)",
                     name, v, char_pos(p, p->tok.at));
        node_free(n);
        return NULL;
    }
    n->slot = n->field == GK_FIELD_YEAR ? GK_SLOT_YEAR
              : signed_date             ? GK_SLOT_SIGNED_DATE
                                        : gk_figure_slot(p->env->figures, (size_t)n->figure);
    if (n->field == GK_FIELD_FIGURE && (n->term = gk_strdup(name)) == NULL) {
        node_free(n);
        return out_of_memory(p);
    }
    return n;
}

/* The error for a value the field does not know, naming those it does
 * (the ids of `known`, which may be NULL): with a noun, "section: unknown
 * section 'x' (sections: overview, ..., or their Chinese names) at
 * character 9"; without, "kind: at character 1 expects report or
 * document".  Frees n. */
static gk_qnode *unknown_value(parser *p, gk_qnode *n, const gk_table *known,
                               const char *noun, const char *nouns)
{
    gk_buf list = {0};
    if (known != NULL && gk_table_list_ids(known, &list, noun ? ", " : " or ") != GK_OK) {
        gk_buf_free(&list);
        node_free(n);
        return out_of_memory(p);
    }
    const char *ids = list.data != NULL ? list.data : "";
    const char *field = gk_field_name(n->field);
    size_t at = char_pos(p, p->tok.at);
    /* a long value is shown cut, on a character boundary */
    size_t vlen = strlen(n->text);
    int shown = (int)gk_utf8_floor(n->text, vlen, vlen < 200 ? vlen : 200);
    if (noun != NULL)
        syntax_error(p, "%s: unknown %s '%.*s' (%s: %s, or their Chinese names) at "
                        "character %zu", field, noun, shown, n->text, nouns, ids, at);
    else
        syntax_error(p, "%s: at character %zu expects %s", field, at, ids);
    gk_buf_free(&list);
    node_free(n);
    return NULL;
}

/* FIELD:VALUE for a field that takes one of the values of values.tsv, by
 * any of their names. */
static const char *listed_value(const parser *p, const gk_qnode *n)
{
    const gk_table *values = gk_field_values(p->env->fields, n->field);
    int v = values != NULL ? gk_table_find(values, n->text, strlen(n->text)) : -1;
    return v < 0 ? NULL : gk_table_id(values, (size_t)v);
}

static gk_qnode *listed_filter(parser *p, gk_qnode *n, const char *prefix)
{
    const char *value = listed_value(p, n);
    if (value == NULL)
        return unknown_value(p, n, gk_field_values(p->env->fields, n->field), NULL, NULL);
    return filter_term(p, n, prefix, value);
}

/* continuity:X and copied:X, the link pass's marks: a range of keys in
 * a value slot of their own (gk_linkkeys.h), not terms. */
static gk_qnode *key_filter(parser *p, gk_qnode *n)
{
    const char *lo = listed_value(p, n), *hi = lo;
    if (lo == NULL)
        return unknown_value(p, n, gk_field_values(p->env->fields, n->field), NULL, NULL);
    if (n->field == GK_FIELD_COPIED)
        gk_copied_key_range(lo, &lo, &hi);
    n->slot = n->field == GK_FIELD_CONTINUITY ? GK_SLOT_CONTINUITY_KEY : GK_SLOT_COPIED_KEY;
    if ((n->key_lo = gk_strdup(lo)) == NULL || (n->key_hi = gk_strdup(hi)) == NULL) {
        node_free(n);
        return out_of_memory(p);
    }
    return n;
}

/* A field compared with > < >= <= that only takes text. */
static gk_qnode *text_field_op(parser *p, gk_qnode *n, const char *name)
{
    syntax_error(p, "%s: at character %zu takes a value after ':', not a "
                    "comparison", name, char_pos(p, p->tok.at));
    node_free(n);
    return NULL;
}

/* 1 if text is a report id, 16 hexadecimal digits (upper case lowered in
 * place). */
static int report_id_in(char *text)
{
    size_t len = strlen(text);
    int hex = len == 16;
    for (size_t i = 0; i < len && hex; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'F')
            text[i] = (char)(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            hex = 0;
    }
    return hex;
}

/* similar:ID: the reports the environment finds sharing a section with
 * report ID, as a list of ids in n->term (compile.c ORs their report
 * terms). */
static gk_qnode *similar_filter(parser *p, gk_qnode *n)
{
    int hex = report_id_in(n->text);
    size_t at = char_pos(p, p->tok.at);
    if (!hex) {
        node_free(n);
        return syntax_error(p, "similar: at character %zu expects a report id (16 "
                               "hexadecimal digits)", at);
    }
    if (p->env->similar == NULL) {
        node_free(n);
        return syntax_error(p, "similar: at character %zu needs a database", at);
    }
    char *msg = NULL;
    gk_status st = p->env->similar(p->env->similar_ctx, n->text, &n->term, &msg);
    if (st != GK_OK) {
        node_free(n);
        if (st == GK_ENOMEM) {
            free(msg);
            return out_of_memory(p);
        }
        syntax_error(p, "similar: at character %zu: %s", at,
                     msg != NULL ? msg : gk_status_str(st));
        free(msg);
        return NULL;
    }
    return n;
}

static gk_qnode *field_node(parser *p)
{
    token *t = &p->tok;
    if (++p->leaves > GK_QUERY_MAX_LEAVES)
        return syntax_error(p, "too many search terms (the limit is %d) at "
                               "character %zu", GK_QUERY_MAX_LEAVES,
                            char_pos(p, t->at));
    gk_qnode *n = node_new(p, GK_Q_FILTER);
    if (n == NULL)
        return NULL;
    n->field = (gk_field)t->field;
    n->figure = t->figure;
    n->text = gk_strndup(p->s + t->start, t->end - t->start);
    if (n->text == NULL) {
        free(n);
        return out_of_memory(p);
    }
    const char *name = n->field == GK_FIELD_FIGURE
                           ? gk_figure_id(p->env->figures, (size_t)n->figure)
                           : gk_field_name(n->field);
    if (n->text[0] == '\0') {
        node_free(n);
        return syntax_error(p, "%s: needs a value at character %zu", name,
                            char_pos(p, t->at));
    }
    if (t->op != OP_IS && n->field != GK_FIELD_YEAR && n->field != GK_FIELD_FIGURE &&
        n->field != GK_FIELD_SIGNED)
        return text_field_op(p, n, name);
    switch (n->field) {
    case GK_FIELD_FIGURE:
        return range_filter(p, n, t->op);
    case GK_FIELD_CONSISTENCY:
        return listed_filter(p, n, GK_PREFIX_CONSISTENCY);
    case GK_FIELD_TEMPLATE:
        return listed_filter(p, n, GK_PREFIX_TEMPLATE);
    case GK_FIELD_COMPLETENESS:
        return listed_filter(p, n, GK_PREFIX_COMPLETENESS);
    case GK_FIELD_MISSING:
        return listed_filter(p, n, GK_PREFIX_MISSING);
    case GK_FIELD_DEADLINE:
        return listed_filter(p, n, GK_PREFIX_DEADLINE);
    case GK_FIELD_SIGNED:
        return range_filter(p, n, t->op);
    case GK_FIELD_CONTINUITY:
    case GK_FIELD_COPIED:
        return key_filter(p, n);
    case GK_FIELD_CITY:
        return filter_term(p, n, GK_PREFIX_CITY, n->text);
    case GK_FIELD_PROVINCE:
        return filter_term(p, n, GK_PREFIX_PROVINCE, n->text);
    case GK_FIELD_PLACE_CODE: {
        size_t len = strlen(n->text), digits = strspn(n->text, "0123456789");
        if (digits != len || (len != 2 && len != 4 && len != 6 && len != 9)) {
            node_free(n);
            return syntax_error(p, "place_code: at character %zu expects a division "
                                   "code of 2, 4, 6 or 9 digits (14, 1410, 141030, "
                                   "141030101)", char_pos(p, t->at));
        }
        return filter_term(p, n, GK_PREFIX_PLACE_CODE, n->text);
    }
    case GK_FIELD_PLACE_STATUS:
        return listed_filter(p, n, GK_PREFIX_PLACE_STATUS);
    case GK_FIELD_CATEGORY: {
        const gk_taxonomy *tax = p->env->taxonomy;
        int c = tax != NULL ? gk_taxonomy_lookup(tax, n->text) : -1;
        if (c < 0)
            return unknown_value(p, n, tax != NULL ? gk_taxonomy_names(tax) : NULL,
                                 "category", "categories");
        return filter_term(p, n, GK_PREFIX_CATEGORY, gk_taxonomy_id(tax, (size_t)c));
    }
    case GK_FIELD_TOWNSHIP:
        return filter_term(p, n, GK_PREFIX_TOWNSHIP, n->text);
    case GK_FIELD_COUNTY:
        return filter_term(p, n, GK_PREFIX_COUNTY, n->text);
    case GK_FIELD_YEAR:
        return range_filter(p, n, t->op);
    case GK_FIELD_SECTION: {
        const char *id = gk_section_table_lookup(p->env->sections, n->text);
        if (id == NULL)
            return unknown_value(p, n, gk_section_table_names(p->env->sections),
                                 "section", "sections");
        return filter_term(p, n, GK_PREFIX_SECTION, id);
    }
    case GK_FIELD_KIND:
        return listed_filter(p, n, GK_PREFIX_KIND);
    case GK_FIELD_SIMILAR:
        return similar_filter(p, n);
    case GK_FIELD_REPORT: {
        int hex = report_id_in(n->text);
        if (!hex) {
            node_free(n);
            return syntax_error(p, "report: at character %zu expects a report "
                                   "id (16 hexadecimal digits)",
                                char_pos(p, t->at));
        }
        return filter_term(p, n, GK_PREFIX_REPORT, n->text);
    }
    case GK_FIELD_COUNT:
        break;
    }
    node_free(n);
    return syntax_error(p, "internal error%s at character %zu", "", t->at);
}

/* ---- grammar ------------------------------------------------------------ */

static gk_qnode *or_expr(parser *p);

static int starts_operand(tkind k)
{
    return k == T_WORD || k == T_PHRASE || k == T_FIELD || k == T_LPAREN ||
           k == T_NOT || k == T_MINUS || k == T_PLUS;
}

static gk_qnode *primary(parser *p)
{
    token t = p->tok;
    switch (t.kind) {
    case T_LPAREN: {
        if (++p->depth > GK_QUERY_MAX_DEPTH)
            return syntax_error(p, "parentheses nested too deeply at "
                                   "character %zu", char_pos(p, t.at));
        lex(p);
        if (p->tok.kind == T_RPAREN)
            return syntax_error(p, "empty parentheses at character %zu",
                                char_pos(p, t.at));
        gk_qnode *n = or_expr(p);
        if (p->st != GK_OK) {
            node_free(n);
            return NULL;
        }
        if (p->tok.kind != T_RPAREN) {
            node_free(n);
            return syntax_error(p, "'(' at character %zu is never closed",
                                char_pos(p, t.at));
        }
        p->depth--;
        lex(p);
        return n;
    }
    case T_WORD:
        lex(p);
        return text_node(p, t.start, t.end);
    case T_PHRASE:
        lex(p);
        return phrase_node(p, t.start, t.end);
    case T_FIELD: {
        gk_qnode *n = field_node(p);
        lex(p);
        return n;
    }
    case T_RPAREN:
        return syntax_error(p, "')' at character %zu has no matching '('",
                            char_pos(p, t.at));
    case T_END:
        return syntax_error(p, "the query ends where a word was expected "
                               "(character %zu)", char_pos(p, t.at));
    default:
        return syntax_error(p, "an operator at character %zu needs a word "
                               "after it", char_pos(p, t.at));
    }
}

static gk_qnode *unary(parser *p)
{
    token t = p->tok;
    if (t.kind == T_NOT || t.kind == T_MINUS || t.kind == T_PLUS) {
        if (++p->depth > GK_QUERY_MAX_DEPTH)
            return syntax_error(p, "operators nested too deeply at character "
                                   "%zu", char_pos(p, t.at));
        lex(p);
        if (!starts_operand(p->tok.kind))
            return syntax_error(p, "%s at character %zu needs something to "
                                   "apply to",
                                t.kind == T_NOT ? "NOT" : t.kind == T_MINUS ? "-" : "+",
                                char_pos(p, t.at));
        gk_qnode *kid = unary(p);
        p->depth--;
        if (kid == NULL || t.kind == T_PLUS)
            return kid;
        gk_qnode *n = node_new(p, GK_Q_NOT);
        if (n == NULL || (n->kids = malloc(sizeof *n->kids)) == NULL) {
            free(n);
            node_free(kid);
            return out_of_memory(p);
        }
        n->kids[0] = kid;
        n->nkids = n->kids_cap = 1;
        return n;
    }
    return primary(p);
}

static gk_qnode *and_expr(parser *p)
{
    gk_qnode *n = unary(p);
    while (p->st == GK_OK) {
        if (p->tok.kind == T_AND) {
            size_t at = p->tok.at;
            lex(p);
            if (!starts_operand(p->tok.kind)) {
                node_free(n);
                return syntax_error(p, "AND at character %zu needs something "
                                       "on both sides", char_pos(p, at));
            }
        } else if (!starts_operand(p->tok.kind)) {
            break;
        }
        n = combine(p, GK_Q_AND, n, unary(p));
    }
    return n;
}

static gk_qnode *or_expr(parser *p)
{
    if (p->tok.kind == T_OR || p->tok.kind == T_AND)
        return syntax_error(p, "%s at character %zu needs something on both "
                               "sides", p->tok.kind == T_OR ? "OR" : "AND",
                            char_pos(p, p->tok.at));
    gk_qnode *n = and_expr(p);
    while (p->st == GK_OK && p->tok.kind == T_OR) {
        size_t at = p->tok.at;
        lex(p);
        if (!starts_operand(p->tok.kind)) {
            node_free(n);
            return syntax_error(p, "OR at character %zu needs something on "
                                   "both sides", char_pos(p, at));
        }
        n = combine(p, GK_Q_OR, n, and_expr(p));
    }
    return n;
}

/* ---- the query object --------------------------------------------------- */

/* Collect the TEXT nodes outside any NOT. */
static int collect_phrases(gk_query *q, const gk_qnode *n)
{
    if (n == NULL || n->kind == GK_Q_NOT || n->kind == GK_Q_FILTER)
        return 0;
    if (n->kind == GK_Q_TEXT) {
        if (GK_ARRAY_RESERVE(q->phrases, q->phrases_cap, q->nphrases + 1) != GK_OK)
            return -1;
        q->phrases[q->nphrases++] = &n->phrase;
        return 0;
    }
    for (size_t i = 0; i < n->nkids; i++)
        if (collect_phrases(q, n->kids[i]) != 0)
            return -1;
    return 0;
}

void gk_query_free(gk_query *q)
{
    if (q == NULL)
        return;
    node_free(q->root);
    free(q->phrases);
    free(q->hint);
    free(q);
}

static int only_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return 0;
    return 1;
}

/* Messages quote the query, which may hold line breaks and tabs: an error
 * is one line. */
static void one_line(char **errmsg)
{
    if (errmsg == NULL || *errmsg == NULL)
        return;
    for (char *c = *errmsg; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
}

gk_status gk_query_parse(gk_query **out, const gk_query_env *env,
                         const char *text, size_t len, char **errmsg)
{
    *out = NULL;
    if (len > GK_QUERY_MAX_BYTES)
        return gk_fail(errmsg, GK_EQUERY,
                       "the query is too long (%zu bytes; the limit is %d)",
                       len, GK_QUERY_MAX_BYTES);
    char *norm = NULL;
    size_t nlen = 0;
    gk_status st = gk_text_normalize(env->folder, &norm, &nlen, text, len, errmsg);
    if (st != GK_OK)
        return st;
    parser p;
    memset(&p, 0, sizeof p);
    p.env = env;
    p.s = norm;
    p.len = nlen;
    p.errmsg = errmsg;
    lex(&p);
    gk_qnode *root = NULL;
    if (p.st == GK_OK && p.tok.kind != T_END) {
        root = or_expr(&p);
        if (p.st == GK_OK && p.tok.kind != T_END) {
            if (p.tok.kind == T_RPAREN)
                syntax_error(&p, "')' at character %zu has no matching '('",
                             char_pos(&p, p.tok.at));
            else
                syntax_error(&p, "unexpected text at character %zu",
                             char_pos(&p, p.tok.at));
        }
    }
    if (p.st == GK_OK && root == NULL && !only_blank(norm, nlen))
        syntax_error(&p, "nothing to search for in the query (only "
                         "punctuation?)");
    gk_query *q = NULL;
    if (p.st == GK_OK && (q = calloc(1, sizeof *q)) == NULL)
        out_of_memory(&p);
    if (p.st == GK_OK) {
        q->root = root;
        root = NULL;
        size_t nt = gk_section_table_count(env->sections);
        for (size_t i = 0; i < nt && i < GK_LEN(GK_SECTION_CODES); i++) {
            q->ids[q->nsections] = gk_section_table_id(env->sections, i);
            q->codes[q->nsections++] = GK_SECTION_CODES[i];
        }
        q->ids[q->nsections] = "document";
        q->codes[q->nsections++] = GK_SECTION_CODE_DOCUMENT;
        if (collect_phrases(q, q->root) != 0)
            out_of_memory(&p);
    }
    if (p.st == GK_OK && p.lower_operator[0] != '\0') {
        char upper[4] = {0};
        for (size_t k = 0; k < 3 && p.lower_operator[k]; k++)
            upper[k] = (char)(p.lower_operator[k] & ~0x20);
        gk_buf b = {0};
        if (gk_buf_printf(&b, "'%s' is searched as a word; the operator is %s, in "
                              "capitals", p.lower_operator, upper) != GK_OK)
            out_of_memory(&p);
        q->hint = gk_buf_take(&b, NULL);
    }
    free(norm);
    node_free(root);
    if (p.st != GK_OK) {
        gk_query_free(q);
        one_line(errmsg);
        return p.st;
    }
    *out = q;
    return GK_OK;
}

/* Collect the figures filtered on below n. */
static void figures_of(const gk_qnode *n, int *out, size_t max, size_t *count)
{
    if (n == NULL)
        return;
    if (n->kind == GK_Q_FILTER && n->field == GK_FIELD_FIGURE) {
        for (size_t i = 0; i < *count; i++)
            if (out[i] == n->figure)
                return;
        if (*count < max)
            out[(*count)++] = n->figure;
        return;
    }
    for (size_t i = 0; i < n->nkids; i++)
        figures_of(n->kids[i], out, max, count);
}

size_t gk_query_figures(const gk_query *q, int *out, size_t max)
{
    size_t count = 0;
    figures_of(q->root, out, max, &count);
    return count;
}

int gk_query_has_text(const gk_query *q)
{
    return q->nphrases > 0;
}

const char *gk_query_hint(const gk_query *q)
{
    return q->hint;
}

size_t gk_query_phrase_count(const gk_query *q)
{
    return q->nphrases;
}

const gk_phrase *gk_query_phrase(const gk_query *q, size_t i)
{
    return i < q->nphrases ? q->phrases[i] : NULL;
}

static void dump(gk_buf *b, const gk_qnode *n)
{
    switch (n->kind) {
    case GK_Q_TEXT:
        gk_buf_printf(b, "TEXT(\"%s\")", n->text);
        return;
    case GK_Q_FILTER:
        if (n->field == GK_FIELD_YEAR || n->field == GK_FIELD_FIGURE ||
            n->field == GK_FIELD_SIGNED) {
            gk_buf_printf(b, "%s(", n->field == GK_FIELD_YEAR     ? "YEAR"
                                    : n->field == GK_FIELD_SIGNED ? "SIGNED"
                                                                  : "FIGURE");
            if (n->field == GK_FIELD_FIGURE)
                gk_buf_printf(b, "%s:", n->term);
            if (n->has_lo && n->has_hi && n->lo == n->hi)
                gk_buf_printf(b, "%.17g)", n->lo);
            else if (n->has_lo && n->has_hi)
                gk_buf_printf(b, "%.17g..%.17g)", n->lo, n->hi);
            else if (n->has_lo)
                gk_buf_printf(b, "%.17g..)", n->lo);
            else
                gk_buf_printf(b, "..%.17g)", n->hi);
        } else if (n->field == GK_FIELD_SIMILAR) {
            gk_buf_printf(b, "SIMILAR(%s: %s)", n->text, n->term[0] ? n->term : "none");
        } else if (n->key_lo != NULL) {
            gk_buf_printf(b, "KEY(%u:%s..%s)", n->slot, n->key_lo, n->key_hi);
        } else {
            gk_buf_printf(b, "FILTER(%s)", n->term);
        }
        return;
    case GK_Q_AND:
    case GK_Q_OR:
    case GK_Q_NOT:
        gk_buf_adds(b, n->kind == GK_Q_AND ? "AND(" : n->kind == GK_Q_OR ? "OR(" : "NOT(");
        for (size_t i = 0; i < n->nkids; i++) {
            if (i)
                gk_buf_addc(b, ',');
            dump(b, n->kids[i]);
        }
        gk_buf_addc(b, ')');
        return;
    }
}

char *gk_query_dump(const gk_query *q)
{
    gk_buf b = {0};
    if (q->root == NULL)
        gk_buf_adds(&b, "ALL");
    else
        dump(&b, q->root);
    return gk_buf_take(&b, NULL);
}

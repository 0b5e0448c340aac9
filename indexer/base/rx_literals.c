#define _GNU_SOURCE /* memmem */
/* rx_literals.c - the literal text every match of a pattern must hold
 * (rx_literals.h). */
#include "rx_literals.h"

#include <stdlib.h>
#include <string.h>

#include "gk_util.h"

/* A set of literals found while reading: any one is in every match. */
typedef struct choice {
    const char *alt[64];
    size_t len[64];
    size_t n;
    size_t score; /* the shortest alternative, in bytes */
} choice;

/* Bytes of the UTF-8 character that starts with byte c (1 for a stray). */
static size_t char_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static int is_meta(char c)
{
    return c != '\0' && strchr("\\^$.|?*+()[]{}", c) != NULL;
}

/* The `close` that closes the `open` at p ('[' ... ']' or '(' ... ')'),
 * or NULL; escapes are stepped over, and a group's classes whole (a ')'
 * in a class closes nothing). */
static const char *closing(const char *p, char open, char close)
{
    int depth = 0;
    for (const char *q = p; *q != '\0'; q++) {
        if (*q == '\\') {
            if (*++q == '\0')
                return NULL;
        } else if (open == '(' && *q == '[') {
            if ((q = closing(q, '[', ']')) == NULL)
                return NULL;
        } else if (*q == open) {
            depth++;
        } else if (*q == close && --depth == 0) {
            return q;
        }
    }
    return NULL;
}

enum { ONCE, REPEATED, OPTIONAL, BAD = -1 };

/* The quantifier at *q, if any, stepped over. */
static int quantifier(const char **q)
{
    const char *s = *q;
    int how = ONCE;
    if (*s == '?' || *s == '*') {
        how = OPTIONAL;
        s++;
    } else if (*s == '+') {
        how = REPEATED;
        s++;
    } else if (*s == '{') {
        s++;
        if (*s < '0' || *s > '9')
            return BAD;
        int least_zero = 1;
        for (; *s >= '0' && *s <= '9'; s++)
            least_zero &= *s == '0';
        if (*s == ',')
            for (s++; *s >= '0' && *s <= '9'; s++)
                ;
        if (*s++ != '}')
            return BAD;
        how = least_zero ? OPTIONAL : REPEATED;
    }
    if (how != ONCE && (*s == '?' || *s == '+'))
        s++; /* lazy, possessive */
    *q = s;
    return how;
}

/* An escape stands for one literal byte (\( \. \\ ...), for no literal
 * (\s \d \b ...: returns 0 with *lit = 0), or is not understood (-1). */
static int escape(const char *p, char *lit)
{
    char c = p[1];
    *lit = 0;
    if (c == '\0' || c == 'Q')
        return -1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return strchr("sSdDwWbBAzZGhHvVRXntrfea", c) != NULL ? 0 : -1;
    if ((unsigned char)c >= 0x80)
        return -1;
    *lit = c;
    return 0;
}

/* The alternatives of a group body [a, b) when every one is literal text
 * with no quantifier; 0 when not. */
static int literal_alternatives(const char *a, const char *b, choice *c)
{
    c->n = 0;
    c->score = (size_t)-1;
    const char *start = a;
    for (const char *p = a;; ) {
        if (p == b || *p == '|') {
            if (p == start || c->n == sizeof c->alt / sizeof c->alt[0])
                return 0;
            c->alt[c->n] = start;
            c->len[c->n] = (size_t)(p - start);
            if (c->len[c->n] < c->score)
                c->score = c->len[c->n];
            c->n++;
            if (p == b)
                return 1;
            start = ++p;
            continue;
        }
        if (is_meta(*p))
            return 0; /* escapes too: a literal is copied as written */
        p += char_len((unsigned char)*p);
        if (p > b)
            return 0;
    }
}

enum { FIRST3_BITS = 4096 };

static unsigned first3_hash(const char *p)
{
    uint32_t x = (uint32_t)(unsigned char)p[0] << 16 | (uint32_t)(unsigned char)p[1] << 8 |
                 (unsigned char)p[2];
    return (x * 2654435761u) >> 20; /* 12 bits */
}

static gk_status copy_choice(rx_literal_set *out, const choice *c)
{
    if (c->n == 0)
        return GK_OK;
    out->v = calloc(c->n, sizeof *out->v);
    out->len = calloc(c->n, sizeof *out->len);
    if (out->v == NULL || out->len == NULL)
        return GK_ENOMEM;
    out->n = c->n;
    for (size_t i = 0; i < c->n; i++) {
        out->len[i] = c->len[i];
        if ((out->v[i] = gk_strndup(c->alt[i], c->len[i])) == NULL)
            return GK_ENOMEM;
    }
    int all3 = c->n >= 3;
    for (size_t i = 0; i < c->n && all3; i++)
        all3 = c->len[i] >= 3;
    if (all3) {
        if ((out->first3 = calloc(FIRST3_BITS / 64, sizeof *out->first3)) == NULL)
            return GK_ENOMEM;
        for (size_t i = 0; i < c->n; i++) {
            unsigned h = first3_hash(out->v[i]);
            out->first3[h / 64] |= (uint64_t)1 << (h % 64);
        }
    }
    return GK_OK;
}

static void consider(choice *best, const choice *c)
{
    if (c->n > 0 && c->score > 0 && (best->n == 0 || c->score > best->score))
        *best = *c;
}

/* The literal run [a, a+n) as a choice of one. */
static void run_choice(choice *c, const char *a, size_t n)
{
    c->n = 1;
    c->alt[0] = a;
    c->len[0] = n;
    c->score = n;
}

/* What alternation reading keeps alive until the literals are copied: a
 * choice points into an alternative's copy or its runs. */
typedef struct keep {
    char *v[256];
    size_t n;
} keep;

static char *kept(keep *k, size_t size)
{
    char *p = malloc(size);
    if (p != NULL)
        k->v[k->n++] = p;
    return p;
}

static int read_alternation(const char *pattern, size_t plen, choice *needs, choice *starts,
                            int *has_needs, int *has_starts, keep *k, int depth);

/* Read the pattern; 0 when it has a form this reader does not know.  A
 * group of alternatives that are not all literal ("((支出|经费)与收费|收支)")
 * is read as an alternation (depth: how deep in such groups). */
static int read_pattern(const char *pattern, choice *best, choice *starts,
                        char *runbuf, keep *k, int depth)
{
    size_t run = 0;    /* bytes of the literal run so far, copied to runbuf */
    int leading = 1;   /* nothing read yet takes a character */
    int run_leads = 0; /* the run is the first thing a match takes */
    choice c;
    best->n = starts->n = 0;
    best->score = starts->score = 0;
#define FLUSH()                                                               \
    do {                                                                      \
        if (run > 0) {                                                        \
            run_choice(&c, runbuf, run);                                      \
            int kept = run_leads;                                             \
            if (run_leads)                                                    \
                *starts = c;                                                  \
            if (best->n == 0 || run > best->score) {                          \
                consider(best, &c);                                           \
                kept = 1;                                                     \
            }                                                                 \
            if (kept)                                                         \
                runbuf += run + 1; /* a choice points into it */              \
        }                                                                     \
        run = 0;                                                              \
        run_leads = 0;                                                        \
    } while (0)
    for (const char *p = pattern; *p != '\0';) {
        const char *q;
        if (*p == '|')
            return 0; /* only one alternative is read at a time */
        if (*p == '(') {
            const char *close = closing(p, '(', ')');
            if (close == NULL)
                return 0;
            const char *body = p + 1;
            int around = 0;
            if (p[1] == '?') {
                if (p[2] == '=' || p[2] == '!' ||
                    (p[2] == '<' && (p[3] == '=' || p[3] == '!'))) {
                    around = 1;
                } else if (p[2] == ':') {
                    body = p + 3;
                } else if (p[2] == '<') {
                    body = strchr(p + 3, '>');
                    if (body == NULL || body > close)
                        return 0;
                    body++;
                } else {
                    return 0; /* inline flags, comments, atomic groups... */
                }
            }
            q = close + 1;
            int how = quantifier(&q);
            if (how == BAD)
                return 0;
            FLUSH();
            if (!around && how != OPTIONAL && literal_alternatives(body, close, &c)) {
                consider(best, &c);
                if (leading)
                    *starts = c;
            } else if (!around && how != OPTIONAL) {
                choice gn = {.n = 0}, gs = {.n = 0};
                int hn = 1, hs = 1;
                if (read_alternation(body, (size_t)(close - body), &gn, &gs, &hn, &hs, k,
                                     depth + 1)) {
                    if (hn)
                        consider(best, &gn);
                    if (leading && hs)
                        *starts = gs;
                }
            }
            if (!around)
                leading = 0;
            p = q;
            continue;
        }
        if (*p == '[') {
            const char *close = closing(p, '[', ']');
            if (close == NULL)
                return 0;
            q = close + 1;
            if (quantifier(&q) == BAD)
                return 0;
            FLUSH();
            leading = 0;
            p = q;
            continue;
        }
        char lit = 0;
        size_t n;
        const char *ch;
        if (*p == '\\') {
            if (escape(p, &lit) < 0)
                return 0;
            n = 2;
            ch = &lit;
        } else if (*p == '.' || *p == '^' || *p == '$') {
            n = 1;
            ch = NULL;
        } else if (is_meta(*p)) {
            return 0; /* a quantifier with nothing before it, a stray ] } */
        } else {
            n = char_len((unsigned char)*p);
            for (size_t i = 1; i < n; i++)
                if (p[i] == '\0')
                    return 0;
            ch = p;
        }
        q = p + n;
        int how = quantifier(&q);
        if (how == BAD)
            return 0;
        size_t chn = ch == &lit ? (lit != 0) : ch != NULL ? n : 0;
        if (chn == 0 || how == OPTIONAL) {
            FLUSH();
        } else {
            if (run == 0)
                run_leads = leading;
            memcpy(runbuf + run, ch, chn);
            run += chn;
            runbuf[run] = '\0';
            if (how == REPEATED)
                FLUSH();
        }
        leading = 0;
        p = q;
    }
    FLUSH();
#undef FLUSH
    return 1;
}

/* Where the alternative that starts at p ends: at its '|', at the ')'
 * that closes the group around it, or at the pattern's end; NULL when the
 * pattern cannot be read. */
static const char *alternative_end(const char *p)
{
    for (; *p != '\0' && *p != '|' && *p != ')'; p++) {
        if (*p == '\\') {
            if (*++p == '\0')
                return NULL;
        } else if (*p == '(' || *p == '[') {
            if ((p = closing(p, *p, *p == '(' ? ')' : ']')) == NULL)
                return NULL;
        }
    }
    return p;
}

/* b's literals added to a (a set any one of which is in every match of
 * one alternative or the other); 0 when there are too many. */
static int join(choice *a, const choice *b)
{
    if (a->n + b->n > sizeof a->alt / sizeof a->alt[0])
        return 0;
    for (size_t i = 0; i < b->n; i++) {
        a->alt[a->n + i] = b->alt[i];
        a->len[a->n + i] = b->len[i];
    }
    if (a->n == 0 || b->score < a->score)
        a->score = b->score;
    a->n += b->n;
    return 1;
}

/* Read pattern[0..plen) as alternatives ("不及时|滞后|更新(偏|较)?慢"): a
 * match holds a literal of one of them, and starts with one of their start
 * literals, when every alternative has them.  An alternative that is one
 * group, "(?:...)" (how data files' patterns are joined), is read inside.
 * Returns 0 when out of memory. */
static int read_alternation(const char *pattern, size_t plen, choice *needs, choice *starts,
                            int *has_needs, int *has_starts, keep *k, int depth)
{
    for (const char *p = pattern, *stop = pattern + plen; *has_needs || *has_starts;) {
        const char *end = alternative_end(p);
        if (end == NULL || end > stop || (end < stop && *end != '|') || depth > 8) {
            *has_needs = *has_starts = 0;
            return 1;
        }
        size_t n = (size_t)(end - p);
        const char *close = n > 4 && strncmp(p, "(?:", 3) == 0 ? closing(p, '(', ')') : NULL;
        if (close == end - 1) { /* the whole alternative is one group */
            if (!read_alternation(p + 3, n - 4, needs, starts, has_needs, has_starts, k,
                                  depth + 1))
                return 0;
        } else {
            if (k->n + 2 > sizeof k->v / sizeof k->v[0]) { /* too many to read */
                *has_needs = *has_starts = 0;
                return 1;
            }
            char *alt = kept(k, n + 1), *run = alt != NULL ? kept(k, 2 * n + 2) : NULL;
            if (run == NULL)
                return 0;
            memcpy(alt, p, n);
            alt[n] = '\0';
            choice best, first;
            if (!read_pattern(alt, &best, &first, run, k, depth))
                best.n = first.n = 0;
            *has_needs = *has_needs && best.n > 0 && join(needs, &best);
            *has_starts = *has_starts && first.n > 0 && join(starts, &first);
        }
        if (end == stop)
            return 1;
        p = end + 1;
    }
    return 1;
}

gk_status rx_literals_of(const char *pattern, rx_literals *out)
{
    memset(out, 0, sizeof *out);
    choice needs = {.n = 0}, starts = {.n = 0};
    int has_needs = 1, has_starts = 1;
    keep k = {.n = 0};
    gk_status st = read_alternation(pattern, strlen(pattern), &needs, &starts, &has_needs,
                                    &has_starts, &k, 0)
                       ? GK_OK
                       : GK_ENOMEM;
    if (st == GK_OK && has_needs)
        st = copy_choice(&out->needs, &needs);
    if (st == GK_OK && has_starts)
        st = copy_choice(&out->starts, &starts);
    for (size_t i = 0; i < k.n; i++)
        free(k.v[i]);
    if (st != GK_OK)
        rx_literals_clear(out);
    return st;
}

size_t rx_leading_lookbehinds(const char *pattern)
{
    size_t n = 0;
    while (strncmp(pattern + n, "(?<!", 4) == 0 || strncmp(pattern + n, "(?<=", 4) == 0) {
        const char *close = closing(pattern + n, '(', ')');
        if (close == NULL)
            return 0;
        size_t end = (size_t)(close + 1 - pattern);
        if (pattern[end] != '\0' && strchr("?*+{", pattern[end]) != NULL)
            return 0; /* a quantified look-behind: not read */
        n = end;
    }
    return pattern[n] != '\0' ? n : 0;
}

static void clear_set(rx_literal_set *l)
{
    for (size_t i = 0; l->v != NULL && i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    free(l->len);
    free(l->first3);
    memset(l, 0, sizeof *l);
}

void rx_literals_clear(rx_literals *l)
{
    clear_set(&l->needs);
    clear_set(&l->starts);
}

size_t rx_literal_set_next(const rx_literal_set *l, const char *s, size_t len,
                           size_t from)
{
    if (l->first3 != NULL) { /* one pass over the text for every literal */
        for (size_t i = from; i + 3 <= len; i++) {
            unsigned h = first3_hash(s + i);
            if (!(l->first3[h / 64] >> (h % 64) & 1))
                continue;
            for (size_t k = 0; k < l->n; k++)
                if (l->len[k] <= len - i && memcmp(s + i, l->v[k], l->len[k]) == 0)
                    return i;
        }
        return (size_t)-1;
    }
    size_t first = len; /* the earliest start found so far */
    for (size_t i = 0; i < l->n && from < len; i++) {
        /* only an earlier start matters: search up to first + its length */
        size_t end = first + l->len[i] - 1 < len ? first + l->len[i] - 1 : len;
        if (end <= from)
            continue;
        const char *hit = memmem(s + from, end - from, l->v[i], l->len[i]);
        if (hit != NULL)
            first = (size_t)(hit - s);
    }
    return first < len ? first : (size_t)-1;
}

int rx_literal_set_at(const rx_literal_set *l, const char *s, size_t len, size_t at)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->len[i] <= len - at && memcmp(s + at, l->v[i], l->len[i]) == 0)
            return 1;
    return 0;
}

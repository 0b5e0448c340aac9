/* resolve.c - a report's issuing body resolved to one place of the national
 * division list, by the evidence the report gives (see gk_divisions.h).
 * 12,384 of 41,352 township names are shared (城关镇 88 times), so a name
 * alone decides only when it is unique; otherwise the place stays
 * ambiguous with its candidates. */
#include "division_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* How much of the start and the end of a report is its title, preamble and
 * signature, in bytes. */
#define GK_OPENING 3000
#define GK_CLOSING 1000

const char *gk_place_status_name(gk_place_status s)
{
    switch (s) {
    case GK_PLACE_RESOLVED: return "resolved";
    case GK_PLACE_AMBIGUOUS: return "ambiguous";
    case GK_PLACE_UNKNOWN: return "unknown";
    }
    return "unknown";
}

void gk_resolved_place_clear(gk_resolved_place *p)
{
    if (p == NULL)
        return;
    free(p->candidates);
    memset(p, 0, sizeof *p);
}

static void copy_name(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", strlen(src) < n ? src : "");
}

static void fill(const gk_divisions *d, int i, gk_place_candidate *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->code, sizeof c->code, "%s", d->e[i].code);
    int t = gk_divisions_ancestor(d, i, DIV_TOWNSHIP);
    int k = gk_divisions_ancestor(d, i, DIV_COUNTY);
    int p = gk_divisions_ancestor(d, i, DIV_PROVINCE);
    if (t >= 0)
        copy_name(c->names.township, sizeof c->names.township, d->e[t].name);
    if (k >= 0)
        copy_name(c->names.county, sizeof c->names.county, d->e[k].name);
    copy_name(c->names.city, sizeof c->names.city, gk_divisions_city_name(d, i));
    if (p >= 0)
        copy_name(c->names.province, sizeof c->names.province, d->e[p].name);
}

typedef struct cands {
    int *v;
    size_t n, cap;
} cands;

static int add(cands *c, int i)
{
    for (size_t k = 0; k < c->n; k++)
        if (c->v[k] == i)
            return 0;
    if (GK_ARRAY_RESERVE(c->v, c->cap, c->n + 1) != GK_OK)
        return -1;
    c->v[c->n++] = i;
    return 0;
}

/* Entries of `level` called name. */
static int collect(const gk_divisions *d, const char *name, int level, cands *c)
{
    size_t first, last;
    gk_divisions_named(d, name, &first, &last);
    for (size_t k = first; k < last; k++)
        if (d->by_name[k].level == level && add(c, (int)d->by_name[k].index) != 0)
            return -1;
    return 0;
}

/* Same place name, allowing for a changed suffix (县 that became 区). */
static int same_name(const gk_place_rules *r, const char *a, const char *b)
{
    if (a[0] == '\0' || b[0] == '\0')
        return 0;
    if (strcmp(a, b) == 0)
        return 1;
    char sa[64], sb[64];
    gk_place_stem(r, a, sa, sizeof sa);
    gk_place_stem(r, b, sb, sizeof sb);
    return sa[0] != '\0' && strcmp(sa, sb) == 0;
}

typedef int (*keep_fn)(const gk_divisions *d, int i, const void *arg);

/* Keep the candidates keep() accepts, unless that would keep none.
 * Returns 1 if the set shrank. */
static int narrow(const gk_divisions *d, cands *c, keep_fn keep, const void *arg)
{
    size_t kept = 0;
    for (size_t k = 0; k < c->n; k++)
        kept += keep(d, c->v[k], arg) != 0;
    if (kept == 0 || kept == c->n)
        return 0;
    size_t w = 0;
    for (size_t k = 0; k < c->n; k++)
        if (keep(d, c->v[k], arg))
            c->v[w++] = c->v[k];
    c->n = w;
    return 1;
}

typedef struct named_arg {
    const gk_place_rules *rules;
    const char *name;
    int level;
} named_arg;

/* The candidate lies in the division called name at `level`. */
static int keep_in(const gk_divisions *d, int i, const void *arg)
{
    const named_arg *a = arg;
    if (a->level == DIV_CITY)
        return same_name(a->rules, gk_divisions_city_name(d, i), a->name);
    int up = gk_divisions_ancestor(d, i, a->level);
    return up >= 0 && same_name(a->rules, d->e[up].name, a->name);
}

typedef struct text_arg {
    const char *text;
    size_t len;
    char *found;   /* the name found, for the evidence */
    size_t foundsz;
    const gk_divisions *d;
    const cands *all; /* every candidate, whose longer names hide shorter ones */
} text_arg;

static void candidate_names(const gk_divisions *d, int i, const char *names[3])
{
    int k = gk_divisions_ancestor(d, i, DIV_COUNTY);
    int p = gk_divisions_ancestor(d, i, DIV_PROVINCE);
    names[0] = k >= 0 ? d->e[k].name : "";
    names[1] = gk_divisions_city_name(d, i);
    names[2] = p >= 0 ? d->e[p].name : "";
}

/* 1 if the n bytes at text + at lie inside a longer name of some candidate
 * written there: 城区 inside 海城区 names 海城区, not 城区. */
static int inside_longer_name(const text_arg *t, size_t at, size_t n)
{
    for (size_t c = 0; t->all != NULL && c < t->all->n; c++) {
        const char *names[3];
        candidate_names(t->d, t->all->v[c], names);
        for (size_t k = 0; k < 3; k++) {
            size_t m = strlen(names[k]);
            if (m <= n)
                continue;
            for (size_t start = at + n > m ? at + n - m : 0; start <= at; start++)
                if (start + m <= t->len && memcmp(t->text + start, names[k], m) == 0)
                    return 1;
        }
    }
    return 0;
}

static int mentions(const text_arg *t, const char *name)
{
    size_t n = strlen(name);
    if (gk_utf8_count(name, n) < 2) /* two characters at least */
        return 0;
    for (size_t i = 0; i + n <= t->len; i++)
        if (t->text[i] == name[0] && memcmp(t->text + i, name, n) == 0 &&
            !inside_longer_name(t, i, n))
            return 1;
    return 0;
}

/* The candidate's county, city or province is named in the text. */
static int keep_mentioned(const gk_divisions *d, int i, const void *arg)
{
    const text_arg *t = arg;
    int k = gk_divisions_ancestor(d, i, DIV_COUNTY);
    int p = gk_divisions_ancestor(d, i, DIV_PROVINCE);
    const char *names[3] = {k >= 0 ? d->e[k].name : "", gk_divisions_city_name(d, i),
                            p >= 0 ? d->e[p].name : ""};
    for (size_t n = 0; n < 3; n++)
        if (names[n][0] != '\0' && gk_divisions_placeholder(d, names[n]) == DIV_NOT_PLACEHOLDER &&
            mentions(t, names[n])) {
            snprintf(t->found, t->foundsz, "%s", names[n]);
            return 1;
        }
    return 0;
}

static int keep_province(const gk_divisions *d, int i, const void *arg)
{
    return gk_divisions_ancestor(d, i, DIV_PROVINCE) == *(const int *)arg;
}

/* 6 digits after a postcode label of contact_labels.tsv (邮编, 邮政编码). */
static int find_postcode(const gk_divisions *d, const char *s, size_t len,
                         char out[7])
{
    size_t nlabels;
    const char *const *labels = gk_words_of(d->contact_labels, DIV_LABEL_POSTCODE, &nlabels);
    for (size_t l = 0; l < nlabels; l++) {
        size_t n = strlen(labels[l]);
        for (size_t i = 0; i + n <= len; i++) {
            if (memcmp(s + i, labels[l], n) != 0)
                continue;
            size_t j = i + n;
            for (size_t skip = 0; j < len && skip < 4 && (s[j] == ':' || s[j] == ' '); skip++)
                j++;
            size_t k = j;
            while (k < len && s[k] >= '0' && s[k] <= '9')
                k++;
            if (k - j == 6) {
                memcpy(out, s + j, 6);
                out[6] = '\0';
                return 1;
            }
        }
    }
    return 0;
}

/* A telephone area code: 0 and 2 or 3 digits before a separator and 7 or 8
 * more digits ("0357—7728882", "(0954)7012783"), after a phone label of
 * contact_labels.tsv (电话, 热线, 传真). */
static int find_area_code(const gk_divisions *d, const char *s, size_t len,
                          char out[8])
{
    size_t nlabels;
    const char *const *labels = gk_words_of(d->contact_labels, DIV_LABEL_PHONE, &nlabels);
    for (size_t l = 0; l < nlabels; l++) {
        size_t n = strlen(labels[l]);
        for (size_t i = 0; i + n <= len; i++) {
            if (memcmp(s + i, labels[l], n) != 0)
                continue;
            size_t j = i + n, skip = 0;
            while (j < len && skip < 12 && !(s[j] >= '0' && s[j] <= '9')) {
                j++;
                skip++;
            }
            if (j >= len || s[j] != '0')
                continue;
            size_t k = j;
            while (k < len && s[k] >= '0' && s[k] <= '9' && k - j < 5)
                k++;
            size_t digits = k - j;
            if (digits < 3 || digits > 4)
                continue;
            /* a separator, then the local number */
            size_t m = k;
            if (m < len && (s[m] == '-' || s[m] == ')' || s[m] == ' '))
                m++;
            else if (GK_STARTS_WITH(s + m, len - m, "—"))
                m += GK_LEN("—");
            else if (GK_STARTS_WITH(s + m, len - m, "－"))
                m += GK_LEN("－");
            else
                continue;
            size_t local = m;
            while (local < len && s[local] >= '0' && s[local] <= '9')
                local++;
            if (local - m < 7 || local - m > 8)
                continue;
            memcpy(out, s + j, digits);
            out[digits] = '\0';
            return 1;
        }
    }
    return 0;
}

typedef struct area_arg {
    const gk_divisions *d;
    const char *code;
} area_arg;

static int keep_area_code(const gk_divisions *d, int i, const void *arg)
{
    const area_arg *a = arg;
    const char *city = gk_divisions_city_name(d, i);
    for (size_t k = 0; k < d->nareas; k++)
        if (strcmp(d->areas[k].code, a->code) == 0 &&
            strcmp(d->e[d->areas[k].city].name, city) == 0)
            return 1;
    return 0;
}

/* The entries called s[0..n) at a level from DIV_PROVINCE to max_level,
 * placeholders left out, added to out. */
static int named_upto(const gk_divisions *d, const char *s, size_t n, int max_level,
                      cands *out)
{
    char name[64];
    if (n >= sizeof name)
        return 0;
    memcpy(name, s, n);
    name[n] = '\0';
    if (gk_divisions_placeholder(d, name) != DIV_NOT_PLACEHOLDER)
        return 0;
    size_t first, last;
    gk_divisions_named(d, name, &first, &last);
    for (size_t k = first; k < last; k++)
        if (d->by_name[k].level <= max_level && add(out, (int)d->by_name[k].index) != 0)
            return -1;
    return 0;
}

/* 1 if entry i lies under entry up (or up is -1). */
static int under(const gk_divisions *d, int i, int up)
{
    return up < 0 || gk_divisions_ancestor(d, i, d->e[up].level) == up;
}

/* The counties an address at s[i..len) begins with: the longest names of
 * the list one after the other (安徽省 宣城市 泾县 …), each under the one
 * before; the counties called so are added to out. */
static int address_counties(const gk_divisions *d, const char *s, size_t len,
                            size_t i, cands *out)
{
    int up = -1;
    for (int step = 0; step < 3; step++) {
        size_t starts[14];
        size_t n = 0;
        for (size_t j = i; j < len && n < 13;) {
            starts[n++] = j;
            gk_utf8_next(s, len, &j);
            starts[n] = j;
        }
        cands found = {NULL, 0, 0};
        size_t used = 0;
        for (size_t c = n; c >= 2 && found.n == 0; c--) {
            if (named_upto(d, s + i, starts[c] - i, DIV_COUNTY, &found) != 0) {
                free(found.v);
                return -1;
            }
            size_t w = 0;
            for (size_t k = 0; k < found.n; k++)
                if (under(d, found.v[k], up))
                    found.v[w++] = found.v[k];
            found.n = w;
            used = starts[c] - i;
        }
        if (found.n == 0) {
            free(found.v);
            return 0;
        }
        if (d->e[found.v[0]].level == DIV_COUNTY) {
            for (size_t k = 0; k < found.n; k++)
                if (add(out, found.v[k]) != 0) {
                    free(found.v);
                    return -1;
                }
            free(found.v);
            return 0;
        }
        up = found.n == 1 ? found.v[0] : -1;
        free(found.v);
        i += used;
    }
    return 0;
}

/* The counties named right before `at`: the longest name of the list that
 * ends there. */
static int counties_before(const gk_divisions *d, const char *s, size_t at,
                           cands *out)
{
    size_t start = at;
    size_t starts[13];
    size_t n = 0;
    while (start > 0 && n < 12) {
        start = gk_utf8_floor(s, at, start - 1);
        starts[n++] = start;
    }
    for (size_t c = n; c >= 2; c--) {
        cands found = {NULL, 0, 0};
        if (named_upto(d, s + starts[c - 1], at - starts[c - 1], DIV_COUNTY, &found) != 0) {
            free(found.v);
            return -1;
        }
        int any = 0;
        for (size_t k = 0; k < found.n; k++)
            if (d->e[found.v[k]].level == DIV_COUNTY) {
                any = 1;
                if (add(out, found.v[k]) != 0) {
                    free(found.v);
                    return -1;
                }
            }
        free(found.v);
        if (any)
            return 0;
    }
    return 0;
}

/* The counties a report's contact details name: what its addresses begin
 * with (地址:) and the places whose websites it names (某县人民政府门户网站),
 * labels of contact_labels.tsv. */
static int contact_counties(const gk_divisions *d, const char *s, size_t len,
                            cands *out)
{
    size_t n;
    for (size_t p = gk_words_find(d->contact_labels, DIV_LABEL_ADDRESS, s, len, 0, &n);
         p != (size_t)-1; p = gk_words_find(d->contact_labels, DIV_LABEL_ADDRESS, s, len, p + n, &n)) {
        size_t j = p + n;
        for (;;) {
            if (j < len && (s[j] == ' ' || s[j] == ':'))
                j++;
            else if (GK_STARTS_WITH(s + j, len - j, "："))
                j += GK_LEN("：");
            else
                break;
        }
        if (j > p + n && address_counties(d, s, len, j, out) != 0)
            return -1;
    }
    for (size_t p = gk_words_find(d->contact_labels, DIV_LABEL_SITE, s, len, 0, &n);
         p != (size_t)-1; p = gk_words_find(d->contact_labels, DIV_LABEL_SITE, s, len, p + n, &n))
        if (counties_before(d, s, p, out) != 0)
            return -1;
    return 0;
}

/* 1 if the candidates all have one name. */
static int one_name(const gk_divisions *d, const cands *c)
{
    for (size_t k = 1; k < c->n; k++)
        if (strcmp(d->e[c->v[k]].name, d->e[c->v[0]].name) != 0)
            return 0;
    return 1;
}

gk_status gk_place_resolve(gk_resolved_place *out, const gk_divisions *d,
                           const gk_place_rules *rules, const gk_place *body,
                           const char *title, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    out->status = GK_PLACE_UNKNOWN;
    out->place.names = *body;
    int level = body->township[0] ? DIV_TOWNSHIP : body->county[0] ? DIV_COUNTY : 0;
    cands c = {NULL, 0, 0};
    const char *why = "";
    if (level == 0) {
        /* no place in the body's name (县教育局, or no body): the county
         * its contact details name, if they name one */
        if (contact_counties(d, text, len, &c) != 0) {
            free(c.v);
            return GK_ENOMEM;
        }
        if (c.n == 0 || !one_name(d, &c)) {
            snprintf(out->evidence, sizeof out->evidence,
                     c.n == 0 ? "no township or county named"
                              : "the contact details name several counties");
            free(c.v);
            return GK_OK;
        }
        level = DIV_COUNTY;
        why = "county in the contact details";
    } else {
        const char *name = level == DIV_TOWNSHIP ? body->township : body->county;
        int failed = collect(d, name, level, &c);
        char stem[64] = "";
        if (level == DIV_COUNTY) {
            /* 宜川县市场监督管理局 split as 宜川县市: the name before its
             * last suffix, when that is a name of its own */
            char inner[64];
            gk_place_stem(rules, name, inner, sizeof inner);
            char again[64];
            gk_place_stem(rules, inner, again, sizeof again);
            if (again[0] != '\0')
                snprintf(stem, sizeof stem, "%s", inner);
            if (!failed && c.n == 0 && stem[0] != '\0' && (failed = collect(d, stem, level, &c)) == 0 &&
                c.n > 0)
                name = stem;
            /* a city's department (衡水市财政局): its 市 is a city, not a
             * county-level city */
            if (!failed && c.n == 0 && body->city[0] == '\0') {
                failed = collect(d, name, DIV_CITY, &c);
                if (!failed && c.n == 0 && stem[0] != '\0' &&
                    (failed = collect(d, stem, DIV_CITY, &c)) == 0 && c.n > 0)
                    name = stem;
            }
        }
        char alt[64];
        for (size_t k = 0; c.n == 0 && !failed && gk_place_alternative(rules, name, k, alt, sizeof alt); k++)
            failed = collect(d, alt, level, &c);
        if (failed) {
            free(c.v);
            return GK_ENOMEM;
        }
        if (c.n == 0) {
            snprintf(out->evidence, sizeof out->evidence, "not in the division list");
            return GK_OK;
        }
        if (d->e[c.v[0]].level == DIV_CITY) {
            level = DIV_CITY;
            memset(out->place.names.county, 0, sizeof out->place.names.county);
            snprintf(out->place.names.city, sizeof out->place.names.city, "%s", name);
        } else if (level == DIV_COUNTY) {
            snprintf(out->place.names.county, sizeof out->place.names.county, "%s", name);
        }
        if (c.n == 1)
            why = "unique name";
    }
    char found[64] = "";
    char note[96] = "";
    /* 2. what the body itself names */
    const struct { const char *name; int level; const char *label; } prefixes[] = {
        {body->county, DIV_COUNTY, "county"},
        {body->city, DIV_CITY, "city"},
        {body->province, DIV_PROVINCE, "province"}};
    for (size_t k = 0; k < 3 && c.n > 1; k++) {
        if (level != DIV_TOWNSHIP && prefixes[k].level >= level)
            continue;
        named_arg a = {rules, prefixes[k].name, prefixes[k].level};
        if (prefixes[k].name[0] && narrow(d, &c, keep_in, &a)) {
            snprintf(note, sizeof note, "%s in the body's name: %s", prefixes[k].label,
                     prefixes[k].name);
            why = note;
        }
    }
    /* 3. places named at the start and the end of the report */
    if (c.n > 1) {
        /* narrow() rewrites c while it asks keep_mentioned, which needs
         * every candidate: it reads a copy */
        cands all = {malloc(c.n * sizeof *c.v), c.n, c.n};
        if (all.v == NULL) {
            free(c.v);
            return GK_ENOMEM;
        }
        memcpy(all.v, c.v, c.n * sizeof *c.v);
        size_t head = len < GK_OPENING ? len : GK_OPENING;
        text_arg t = {text, head, found, sizeof found, d, &all};
        int shrank = narrow(d, &c, keep_mentioned, &t);
        if (!shrank && len > GK_CLOSING) {
            text_arg tail = {text + len - GK_CLOSING, GK_CLOSING, found, sizeof found, d, &all};
            shrank = narrow(d, &c, keep_mentioned, &tail);
        }
        if (!shrank && title != NULL) {
            text_arg tt = {title, strlen(title), found, sizeof found, d, &all};
            shrank = narrow(d, &c, keep_mentioned, &tt);
        }
        free(all.v);
        if (shrank) {
            snprintf(note, sizeof note, "named in the text: %s", found);
            why = note;
        }
    }
    /* 4. the postal code */
    char post[7];
    if (c.n > 1 && find_postcode(d, text, len, post)) {
        for (size_t k = 0; k < d->nposts; k++)
            if (memcmp(d->posts[k].prefix, post, 2) == 0 &&
                narrow(d, &c, keep_province, &d->posts[k].province)) {
                snprintf(note, sizeof note, "postal code %s", post);
                why = note;
                break;
            }
    }
    /* 5. the telephone area code */
    char code[8];
    if (c.n > 1 && find_area_code(d, text, len, code)) {
        area_arg a = {d, code};
        if (narrow(d, &c, keep_area_code, &a)) {
            snprintf(note, sizeof note, "telephone area code %s", code);
            why = note;
        }
    }
    if (c.n == 1) {
        out->status = GK_PLACE_RESOLVED;
        fill(d, c.v[0], &out->place);
        snprintf(out->evidence, sizeof out->evidence, "%s", why);
        free(c.v);
        return GK_OK;
    }
    out->status = GK_PLACE_AMBIGUOUS;
    out->candidates = calloc(c.n, sizeof *out->candidates);
    if (out->candidates == NULL) {
        free(c.v);
        return GK_ENOMEM;
    }
    out->ncandidates = c.n;
    for (size_t k = 0; k < c.n; k++)
        fill(d, c.v[k], &out->candidates[k]);
    /* what all candidates share is known; the rest stays as the report says */
    copy_name(out->place.names.township, sizeof out->place.names.township,
              out->candidates[0].names.township);
    snprintf(out->evidence, sizeof out->evidence, "%zu places with this name", c.n);
    free(c.v);
    return GK_OK;
}

/* places.c - splitting an issuing body's name into province, city, county
 * and township by the suffixes in place_suffixes.tsv.  A heuristic: names
 * are checked against the national division list elsewhere. */
#include "gk_places.h"

#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"

enum { K_GOVERNMENT, K_TOWNSHIP, K_COUNTY, K_CITY, K_PROVINCE, K_DEPARTMENT,
       K_GENERIC, K_ETHNIC, K_COUNT };
static const char *const kind_names[K_COUNT] = {
    "government", "township", "county", "city", "province", "department", "generic",
    "ethnic"};

typedef struct suffix_list {
    char **items; /* longest first */
    size_t n, cap;
} suffix_list;

struct gk_place_rules {
    suffix_list kinds[K_COUNT];
};

void gk_place_rules_free(gk_place_rules *r)
{
    if (r == NULL)
        return;
    for (int k = 0; k < K_COUNT; k++) {
        for (size_t i = 0; i < r->kinds[k].n; i++)
            free(r->kinds[k].items[i]);
        free(r->kinds[k].items);
    }
    free(r);
}

static gk_status add_row(void *ctx, char **f, size_t n, size_t line,
                         char **errmsg)
{
    (void)line;
    gk_place_rules *r = ctx;
    if (n != 2 || f[1][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "expected 2 fields: kind, suffix");
    for (int k = 0; k < K_COUNT; k++) {
        if (strcmp(f[0], kind_names[k]) != 0)
            continue;
        suffix_list *l = &r->kinds[k];
        if (GK_ARRAY_RESERVE(l->items, l->cap, l->n + 1) != GK_OK)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        char *s = gk_strdup(f[1]);
        if (s == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        /* keep longest first so that 自治县 is tried before 县 */
        size_t at = l->n;
        while (at > 0 && strlen(l->items[at - 1]) < strlen(s)) {
            l->items[at] = l->items[at - 1];
            at--;
        }
        l->items[at] = s;
        l->n++;
        return GK_OK;
    }
    return gk_fail(errmsg, GK_ECORRUPT, "unknown kind '%s'", f[0]);
}

gk_status gk_place_rules_load(gk_place_rules **out, const char *dir,
                              char **errmsg)
{
    *out = NULL;
    gk_place_rules *r = calloc(1, sizeof *r);
    if (r == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_tsv_read_in(dir, "place_suffixes.tsv", add_row, r, errmsg);
    if (st == GK_OK && (r->kinds[K_TOWNSHIP].n == 0 || r->kinds[K_COUNTY].n == 0))
        st = gk_fail(errmsg, GK_ECORRUPT,
                     "%s/place_suffixes.tsv: no township or county suffixes", dir);
    if (st != GK_OK) {
        gk_place_rules_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

/* Length in bytes of the longest suffix of kind k that name[0..len) ends
 * with, such that at least one character precedes it; 0 if none. */
static size_t suffix_len(const gk_place_rules *r, int k, const char *name,
                         size_t len)
{
    const suffix_list *l = &r->kinds[k];
    for (size_t i = 0; i < l->n; i++) {
        size_t sl = strlen(l->items[i]);
        if (sl < len && memcmp(name + len - sl, l->items[i], sl) == 0)
            return sl;
    }
    return 0;
}

/* 1 if name[0..len) (a government suffix dropped) is a word for a place
 * or a department and no one's name: 我镇, 各乡, 乡镇街道, 我局 (the generic
 * kind). */
static int generic(const gk_place_rules *r, const char *name, size_t len)
{
    len -= suffix_len(r, K_GOVERNMENT, name, len);
    static const int places[] = {K_TOWNSHIP, K_COUNTY, K_CITY, K_PROVINCE, K_DEPARTMENT};
    for (size_t k = 0; k < sizeof places / sizeof places[0]; k++) {
        size_t sl = suffix_len(r, places[k], name, len);
        if (sl == 0)
            continue;
        const suffix_list *g = &r->kinds[K_GENERIC];
        for (size_t i = 0; i < g->n; i++)
            if (strlen(g->items[i]) == len - sl && memcmp(g->items[i], name, len - sl) == 0)
                return 1;
    }
    return 0;
}

int gk_place_is_generic(const gk_place_rules *r, const char *name, size_t len)
{
    return generic(r, name, len);
}

int gk_place_is_body(const gk_place_rules *r, const char *name, size_t len)
{
    if (generic(r, name, len))
        return 0;
    for (int k = 0; k < K_GENERIC; k++)
        if (suffix_len(r, k, name, len) > 0)
            return 1;
    return 0;
}

/* The length of the place's part of a department of a government
 * ("白阳镇人民政府办公室" -> "白阳镇"): up to the last government suffix
 * that a department suffix follows; len if there is none. */
static size_t before_government(const gk_place_rules *r, const char *body, size_t len)
{
    if (suffix_len(r, K_DEPARTMENT, body, len) == 0)
        return len;
    const suffix_list *g = &r->kinds[K_GOVERNMENT];
    for (size_t end = len; end > 0; end--) {
        for (size_t i = 0; i < g->n; i++) {
            size_t gl = strlen(g->items[i]);
            if (gl < end && end < len && memcmp(body + end - gl, g->items[i], gl) == 0)
                return end - gl;
        }
    }
    return len;
}

static void copy_part(char *dst, size_t dstsz, const char *src, size_t len)
{
    if (len >= dstsz) {
        dst[0] = '\0';
        return;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Offsets of character starts in s[0..len), plus len at the end; returns
 * how many characters (at most max). */
static size_t char_starts(const char *s, size_t len, size_t *starts,
                          size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        starts[n++] = i;
        gk_utf8_next(s, len, &i);
    }
    starts[n] = i;
    return n;
}

/* Split name[0..len) (no township part) into province, city and county:
 * the county is the last segment ending in a county suffix whose prefix is
 * itself a province or city name; what precedes goes the same way. */
static void split_upper(const gk_place_rules *r, const char *name, size_t len,
                        gk_place *out)
{
    size_t starts[65];
    size_t n = char_starts(name, len, starts, 64);
    if (n < 2)
        return;
    /* latest cut c (in characters) with a city/province before it */
    int ends_county = suffix_len(r, K_COUNTY, name, len) > 0;
    for (size_t c = n - 2; ends_county && c >= 2; c--) {
        size_t cut = starts[c];
        int upper_city = suffix_len(r, K_CITY, name, cut) > 0;
        int upper_prov = suffix_len(r, K_PROVINCE, name, cut) > 0;
        if (!upper_city && !upper_prov)
            continue;
        copy_part(out->county, sizeof out->county, name + cut, len - cut);
        if (upper_city) {
            /* a province may precede the city */
            size_t s2[65];
            size_t m = char_starts(name, cut, s2, 64);
            for (size_t d = m >= 2 ? m - 2 : 0; d >= 2; d--) {
                if (suffix_len(r, K_PROVINCE, name, s2[d]) > 0) {
                    copy_part(out->province, sizeof out->province, name, s2[d]);
                    copy_part(out->city, sizeof out->city, name + s2[d],
                              cut - s2[d]);
                    return;
                }
            }
            copy_part(out->city, sizeof out->city, name, cut);
        } else {
            copy_part(out->province, sizeof out->province, name, cut);
        }
        return;
    }
    if (suffix_len(r, K_COUNTY, name, len) > 0)
        copy_part(out->county, sizeof out->county, name, len);
    else if (suffix_len(r, K_CITY, name, len) > 0)
        copy_part(out->city, sizeof out->city, name, len);
    else if (suffix_len(r, K_PROVINCE, name, len) > 0)
        copy_part(out->province, sizeof out->province, name, len);
}

/* body without the government suffixes inside it that follow a county,
 * city or province (海城市人民政府响堂街道办事处 -> 海城市响堂街道办事处)
 * into buf; its length. */
static size_t drop_inner_governments(const gk_place_rules *r, const char *body,
                                     size_t len, char *buf, size_t bufsz)
{
    if (len >= bufsz)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t gl = 0;
        const suffix_list *g = &r->kinds[K_GOVERNMENT];
        for (size_t k = 0; k < g->n && gl == 0; k++) {
            size_t l = strlen(g->items[k]);
            if (i + l < len && memcmp(body + i, g->items[k], l) == 0 &&
                (suffix_len(r, K_COUNTY, buf, n) > 0 || suffix_len(r, K_CITY, buf, n) > 0 ||
                 suffix_len(r, K_PROVINCE, buf, n) > 0) &&
                suffix_len(r, K_DEPARTMENT, body, len) == 0)
                gl = l;
        }
        if (gl > 0) {
            i += gl;
            continue;
        }
        size_t j = i;
        gk_utf8_next(body, len, &j);
        memcpy(buf + n, body + i, j - i);
        n += j - i;
        i = j;
    }
    buf[n] = '\0';
    return n;
}

void gk_place_split(const gk_place_rules *r, const char *name, size_t namelen,
                    gk_place *out)
{
    memset(out, 0, sizeof *out);
    char buf[512];
    const char *body = buf;
    size_t len = drop_inner_governments(r, name, namelen, buf, sizeof buf);
    while (len > 0 && (body[len - 1] == ' ' || body[len - 1] == '\t'))
        len--;
    len = before_government(r, body, len);
    size_t gov = suffix_len(r, K_GOVERNMENT, body, len);
    len -= gov;
    size_t starts[129];
    size_t n = char_starts(body, len, starts, 128);
    size_t town_suffix = suffix_len(r, K_TOWNSHIP, body, len);
    if (town_suffix == 0) {
        /* a county or city government, or a department: the place is the
         * longest leading part that ends like a county, city or province */
        for (size_t c = n; c >= 2; c--) {
            size_t cut = starts[c];
            if (suffix_len(r, K_COUNTY, body, cut) > 0 ||
                suffix_len(r, K_CITY, body, cut) > 0 ||
                suffix_len(r, K_PROVINCE, body, cut) > 0) {
                split_upper(r, body, cut, out);
                return;
            }
        }
        return;
    }
    /* The township starts at the latest cut that leaves a county-like
     * prefix of >= 2 characters and a township name of >= 1 character
     * before its suffix. */
    size_t town_start = 0;
    for (size_t c = n >= 2 ? n - 2 : 0; c >= 2; c--) {
        size_t cut = starts[c];
        if (len - cut <= town_suffix)
            continue;
        if (suffix_len(r, K_COUNTY, body, cut) > 0 ||
            suffix_len(r, K_CITY, body, cut) > 0 ||
            suffix_len(r, K_PROVINCE, body, cut) > 0) {
            town_start = cut;
            break;
        }
    }
    copy_part(out->township, sizeof out->township, body + town_start,
              len - town_start);
    if (town_start > 0)
        split_upper(r, body, town_start, out);
}

void gk_place_stem(const gk_place_rules *r, const char *name, char *out,
                   size_t outsz)
{
    size_t len = strlen(name), best = 0;
    const int kinds[] = {K_TOWNSHIP, K_COUNTY, K_CITY, K_PROVINCE};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t sl = suffix_len(r, kinds[k], name, len);
        if (sl > best)
            best = sl;
    }
    if (best == 0) {
        out[0] = '\0';
        return;
    }
    /* an autonomous unit's name without its peoples too (宁夏回族自治区:
     * 宁夏, 巴马瑶族自治县: 巴马), never down to nothing */
    size_t stem = len - best;
    if (GK_STARTS_WITH(name + stem, best, "自治")) {
        for (size_t sl; (sl = suffix_len(r, K_ETHNIC, name, stem)) > 0 && sl < stem;)
            stem -= sl;
    }
    copy_part(out, outsz, name, stem);
}

int gk_place_alternative(const gk_place_rules *r, const char *name, size_t k,
                         char *out, size_t outsz)
{
    size_t len = strlen(name);
    static const int kinds[] = {K_TOWNSHIP, K_COUNTY};
    for (size_t t = 0; t < sizeof kinds / sizeof kinds[0]; t++) {
        const suffix_list *l = &r->kinds[kinds[t]];
        size_t sl = suffix_len(r, kinds[t], name, len);
        if (sl == 0)
            continue;
        for (size_t i = 0, seen = 0; i < l->n; i++) {
            size_t il = strlen(l->items[i]);
            if (il == sl && memcmp(l->items[i], name + len - sl, sl) == 0)
                continue; /* the suffix it already has */
            if (seen++ != k)
                continue;
            if (len - sl + il + 1 > outsz)
                return 0;
            memcpy(out, name, len - sl);
            memcpy(out + len - sl, l->items[i], il + 1);
            return 1;
        }
        return 0;
    }
    return 0;
}

const char *gk_place_body_kind(const gk_place_rules *r, const char *body, size_t len)
{
    while (len > 0 && (body[len - 1] == ' ' || body[len - 1] == '\t'))
        len--;
    if (len == 0 || generic(r, body, len))
        return NULL;
    size_t gov = suffix_len(r, K_GOVERNMENT, body, len);
    if (gov == 0 && suffix_len(r, K_DEPARTMENT, body, len) > 0)
        return kind_names[K_DEPARTMENT];
    len -= gov;
    static const int levels[] = {K_TOWNSHIP, K_COUNTY, K_CITY, K_PROVINCE};
    for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++)
        if (suffix_len(r, levels[k], body, len) > 0)
            return kind_names[levels[k]];
    return NULL;
}

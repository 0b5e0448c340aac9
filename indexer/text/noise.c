/* noise.c - page noise in folded report text, by the rules of noise.tsv:
 * whole lines (breadcrumbs, metadata, page chrome, attachment names) and
 * pieces of lines (inline markers, and spam through noise_spam.c).
 *
 * Line rules look at short lines only, or at the start of a line, so one
 * huge line costs no more than a pass of the inline rules over it. */
#include "gk_noise.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "noise_parts.h"

enum { CHROME_PART = 0, CHROME_TOKEN = 1 };
/* Records of the hide_ kinds in noise.tsv: only gk_noise_find_hidden uses
 * them (their lines stay in the index). */
enum { HIDE_BIT = 2 };

typedef struct marker {
    char *open, *close;
} marker;

typedef struct string_list {
    char **v;
    size_t n, cap;
} string_list;

struct gk_noise {
    string_list crumbs;       /* without spaces */
    string_list hide_crumbs;  /* ... of kind hide_crumb */
    string_list crumb_homes;  /* 首页: a breadcrumb's first part */
    string_list crumb_seps;   /* >, », |: between its parts */
    string_list crumb_titles; /* 报告: a last part ending so is a title */
    gk_lexicon labels;        /* value: 4 * label number, + HIDE_BIT, + 1 if
                                 strong */
    int nlabels;
    gk_lexicon chrome;        /* value: CHROME_TOKEN or CHROME_PART, +
                                 HIDE_BIT */
    string_list leads;
    string_list hide_leads;
    string_list attach_labels;
    string_list exts;         /* lower case, with the dot */
    marker *markers;
    size_t nmarkers, markers_cap;
    unsigned char marker_first[256];
    gk_spam_rules spam;
    /* limits; lengths in characters */
    size_t crumb_line_max, meta_line_max, meta_short_max, meta_block_max,
        chrome_line_max, chrome_latin_leftover, attach_line_max, crumb_part_max;
    size_t marker_max;        /* bytes */
    size_t count_cap;         /* the largest line length any rule looks at */
};

/* ---- loading --------------------------------------------------------------- */

static void strings_free(string_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

void gk_noise_free(gk_noise *n)
{
    if (n == NULL)
        return;
    strings_free(&n->crumbs);
    strings_free(&n->hide_crumbs);
    strings_free(&n->crumb_homes);
    strings_free(&n->crumb_seps);
    strings_free(&n->crumb_titles);
    strings_free(&n->hide_leads);
    gk_lexicon_clear(&n->labels);
    gk_lexicon_clear(&n->chrome);
    strings_free(&n->leads);
    strings_free(&n->attach_labels);
    strings_free(&n->exts);
    for (size_t i = 0; i < n->nmarkers; i++) {
        free(n->markers[i].open);
        free(n->markers[i].close);
    }
    free(n->markers);
    gk_lexicon_clear(&n->spam.terms);
    free(n);
}

/* Append a copy of s; with `squeeze` without its spaces, with `lower` in
 * lower case. */
static gk_status strings_add(string_list *l, const char *s, int squeeze,
                             int lower, char **errmsg)
{
    if (GK_ARRAY_RESERVE(l->v, l->cap, l->n + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    char *c = gk_strdup(s);
    if (c == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    size_t w = 0;
    for (size_t r = 0; c[r]; r++) {
        if (squeeze && c[r] == ' ')
            continue;
        c[w++] = lower && c[r] >= 'A' && c[r] <= 'Z' ? (char)(c[r] + 32) : c[r];
    }
    c[w] = '\0';
    l->v[l->n++] = c;
    return GK_OK;
}

/* A whole number in lo..hi, or -1. */
static long number(const char *s, long lo, long hi)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    long v = strtol(s, &end, 10);
    return *end == '\0' && v >= lo && v <= hi ? v : -1;
}

static gk_status set_limit(gk_noise *n, const char *name, const char *value,
                           char **errmsg)
{
    static const struct {
        const char *name;
        size_t offset;
    } sizes[] = {
        {"crumb_line_max", offsetof(gk_noise, crumb_line_max)},
        {"meta_line_max", offsetof(gk_noise, meta_line_max)},
        {"meta_short_max", offsetof(gk_noise, meta_short_max)},
        {"meta_block_max", offsetof(gk_noise, meta_block_max)},
        {"chrome_line_max", offsetof(gk_noise, chrome_line_max)},
        {"chrome_latin_leftover", offsetof(gk_noise, chrome_latin_leftover)},
        {"attach_line_max", offsetof(gk_noise, attach_line_max)},
        {"crumb_part_max", offsetof(gk_noise, crumb_part_max)},
        {"marker_max", offsetof(gk_noise, marker_max)},
        {"spam_gap_max", offsetof(gk_noise, spam) + offsetof(gk_spam_rules, gap_max)},
    };
    long v = number(value, 0, 100000);
    if (v < 0)
        return gk_fail(errmsg, GK_ECORRUPT, "limit %s: '%s' is not a number 0..100000",
                       name, value);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (strcmp(name, sizes[i].name) == 0) {
            *(size_t *)(void *)((char *)n + sizes[i].offset) = (size_t)v;
            return GK_OK;
        }
    if (strcmp(name, "spam_threshold") == 0 || strcmp(name, "spam_anchor") == 0) {
        if (v == 0)
            return gk_fail(errmsg, GK_ECORRUPT, "limit %s must be at least 1", name);
        if (strcmp(name, "spam_threshold") == 0)
            n->spam.threshold = (int)v;
        else
            n->spam.anchor = (int)v;
        return GK_OK;
    }
    return gk_fail(errmsg, GK_ECORRUPT, "unknown limit '%s'", name);
}

/* gk_lexicon_add with its GK_EINVAL as a fault of the data file. */
static gk_status lexicon_add(gk_lexicon *lx, const char *text, int value,
                             char **errmsg)
{
    gk_status st = gk_lexicon_add(lx, text, value, errmsg);
    return st == GK_EINVAL ? GK_ECORRUPT : st;
}

static gk_status add_row(void *ctx, char **f, size_t nf, size_t line,
                         char **errmsg)
{
    (void)line;
    gk_noise *n = ctx;
    static const struct {
        const char *kind;
        size_t fields;
        int hideable; /* has a hide_ form */
    } kinds[] = {{"crumb", 2, 1},        {"meta", 3, 1},        {"chrome", 2, 1},
                 {"chrome_part", 2, 1},  {"chrome_lead", 2, 1}, {"crumb_home", 2, 0},
                 {"crumb_sep", 2, 0},    {"crumb_title", 2, 0},  {"attach_label", 2, 0},
                 {"attach_ext", 2, 0},
                 {"marker", 3, 0},       {"spam", 3, 0},        {"limit", 3, 0}};
    /* hide_crumb, hide_meta ...: the kind for displays only */
    int hide = strncmp(f[0], "hide_", 5) == 0;
    const char *base = hide ? f[0] + 5 : f[0];
    size_t k = 0;
    while (k < sizeof kinds / sizeof kinds[0] &&
           (strcmp(base, kinds[k].kind) != 0 || (hide && !kinds[k].hideable)))
        k++;
    if (k == sizeof kinds / sizeof kinds[0])
        return gk_fail(errmsg, GK_ECORRUPT,
                       "unknown record kind '%s' (crumb, meta, chrome, chrome_part, "
                       "chrome_lead and their hide_ forms, crumb_home, crumb_sep, "
                       "crumb_title, attach_label, attach_ext, marker, spam, limit)",
                       f[0]);
    if (nf != kinds[k].fields)
        return gk_fail(errmsg, GK_ECORRUPT, "a %s record has %zu fields", f[0],
                       kinds[k].fields);
    for (size_t i = 1; i < nf; i++)
        if (f[i][0] == '\0')
            return gk_fail(errmsg, GK_ECORRUPT, "empty field in a %s record", f[0]);
    const char *kind = base;
    if (strcmp(kind, "crumb") == 0)
        return strings_add(hide ? &n->hide_crumbs : &n->crumbs, f[1], 1, 0, errmsg);
    if (strcmp(kind, "crumb_home") == 0)
        return strings_add(&n->crumb_homes, f[1], 0, 0, errmsg);
    if (strcmp(kind, "crumb_sep") == 0)
        return strings_add(&n->crumb_seps, f[1], 0, 0, errmsg);
    if (strcmp(kind, "crumb_title") == 0)
        return strings_add(&n->crumb_titles, f[1], 0, 0, errmsg);
    if (strcmp(kind, "meta") == 0) {
        int strong = strcmp(f[2], "strong") == 0;
        if (!strong && strcmp(f[2], "weak") != 0)
            return gk_fail(errmsg, GK_ECORRUPT, "meta class '%s' (strong or weak)", f[2]);
        return lexicon_add(&n->labels, f[1],
                           4 * n->nlabels++ + (hide ? HIDE_BIT : 0) + strong, errmsg);
    }
    if (strcmp(kind, "chrome") == 0 || strcmp(kind, "chrome_part") == 0)
        return lexicon_add(&n->chrome, f[1],
                           (strcmp(kind, "chrome") == 0 ? CHROME_TOKEN : CHROME_PART) +
                               (hide ? HIDE_BIT : 0),
                           errmsg);
    if (strcmp(kind, "chrome_lead") == 0)
        return strings_add(hide ? &n->hide_leads : &n->leads, f[1], 0, 0, errmsg);
    if (strcmp(kind, "attach_label") == 0)
        return strings_add(&n->attach_labels, f[1], 0, 0, errmsg);
    if (strcmp(kind, "attach_ext") == 0) {
        if (f[1][0] != '.' || f[1][1] == '\0')
            return gk_fail(errmsg, GK_ECORRUPT, "extension '%s' must be a dot and a name",
                           f[1]);
        return strings_add(&n->exts, f[1], 0, 1, errmsg);
    }
    if (strcmp(kind, "marker") == 0) {
        if (GK_ARRAY_RESERVE(n->markers, n->markers_cap, n->nmarkers + 1) != GK_OK)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        marker *m = n->markers;
        m[n->nmarkers].open = gk_strdup(f[1]);
        m[n->nmarkers].close = gk_strdup(f[2]);
        n->nmarkers++;
        if (m[n->nmarkers - 1].open == NULL || m[n->nmarkers - 1].close == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        n->marker_first[(unsigned char)f[1][0]] = 1;
        return GK_OK;
    }
    if (strcmp(kind, "spam") == 0) {
        long w = number(f[2], 1, 1000);
        if (w < 0)
            return gk_fail(errmsg, GK_ECORRUPT, "spam weight '%s' is not a number 1..1000",
                           f[2]);
        return lexicon_add(&n->spam.terms, f[1], (int)w, errmsg);
    }
    return set_limit(n, f[1], f[2], errmsg);
}

gk_status gk_noise_load(gk_noise **out, const char *dir, char **errmsg)
{
    *out = NULL;
    gk_noise *n = calloc(1, sizeof *n);
    if (n == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    /* Defaults for a file that leaves a limit out (noise.tsv sets them all). */
    n->crumb_line_max = 200;
    n->meta_line_max = 300;
    n->meta_short_max = 60;
    n->meta_block_max = 100;
    n->chrome_line_max = 100;
    n->chrome_latin_leftover = 4;
    n->attach_line_max = 120;
    n->crumb_part_max = 12;
    n->marker_max = 120;
    n->spam.threshold = 10;
    n->spam.anchor = 4;
    n->spam.gap_max = 40;
    gk_status st = gk_tsv_read_in(dir, "noise.tsv", add_row, n, errmsg);
    if (st != GK_OK) {
        gk_noise_free(n);
        return st;
    }
    size_t caps[] = {n->crumb_line_max, n->meta_line_max, n->meta_short_max,
                     n->meta_block_max, n->chrome_line_max, n->attach_line_max};
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
        if (caps[i] > n->count_cap)
            n->count_cap = caps[i];
    *out = n;
    return GK_OK;
}

/* ---- line rules ------------------------------------------------------------ */

typedef enum line_kind {
    LINE_BLANK,
    LINE_TEXT,
    LINE_NOISE, /* breadcrumb, chrome, attachment */
    LINE_META,  /* metadata by itself */
    LINE_LABEL  /* starts with a label: metadata only next to metadata */
} line_kind;

static int blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int starts_with(const char *s, size_t i, size_t e, const char *lit)
{
    size_t n = strlen(lit);
    return e - i >= n && memcmp(s + i, lit, n) == 0;
}

/* Code points in s[a..b), counting no further than cap + 1. */
static size_t count_chars(const char *s, size_t a, size_t b, size_t cap)
{
    size_t n = 0;
    for (size_t i = a; i < b && n <= cap; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static size_t next_char(const char *s, size_t e, size_t i)
{
    i++;
    while (i < e && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* A crumb of list l starts the line s[t..e) (its spaces ignored). */
static int crumb_in(const string_list *l, const char *s, size_t t, size_t e)
{
    for (size_t k = 0; k < l->n; k++) {
        const char *p = l->v[k];
        for (size_t i = t; *p != '\0' && i < e; i++) {
            if (s[i] == ' ' || s[i] == '\t')
                continue;
            if (s[i] != *p)
                break;
            p++;
        }
        if (*p == '\0')
            return 1;
    }
    return 0;
}

static size_t crumb_sep_at(const gk_noise *n, const char *s, size_t i, size_t e);

/* The last part of the breadcrumb s[t..e) is a report's title glued to it
 * (… > 年度报告某镇2017年度政府信息公开年度报告 |): a year, and a crumb_title
 * at its end, pipes and blanks aside. */
static int crumb_keeps_title(const gk_noise *n, const char *s, size_t t, size_t e)
{
    size_t last = t;
    for (size_t i = t; i < e;) {
        size_t m = crumb_sep_at(n, s, i, e);
        if (m > 0) {
            i += m;
            last = i;
        } else {
            i++;
        }
    }
    while (e > last && (blank_byte(s[e - 1]) || s[e - 1] == '|'))
        e--;
    int year = 0;
    for (size_t i = last; i + 4 <= e && !year; i++)
        year = (s[i] == '1' || s[i] == '2') && s[i + 1] >= '0' && s[i + 1] <= '9' &&
               s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9';
    if (!year || count_chars(s, last, e, 10) < 10)
        return 0;
    for (size_t k = 0; k < n->crumb_titles.n; k++) {
        size_t l = strlen(n->crumb_titles.v[k]);
        if (e - last >= l && memcmp(s + e - l, n->crumb_titles.v[k], l) == 0)
            return 1;
    }
    return 0;
}

/* A breadcrumb starts the line s[t..e).  The index keeps one a report's
 * title is glued to; a display hides it whole. */
static int is_crumb(const gk_noise *n, const char *s, size_t t, size_t e, int hide)
{
    if (hide)
        return crumb_in(&n->crumbs, s, t, e) || crumb_in(&n->hide_crumbs, s, t, e);
    return crumb_in(&n->crumbs, s, t, e) && !crumb_keeps_title(n, s, t, e);
}

/* A metadata label at s[i] of the line s[t..e): followed by ':' (spaces
 * may stand before it) or filling a table cell.  Its value goes to *value,
 * where the label's value starts to *vstart. */
static int label_at(const gk_noise *n, const char *s, size_t t, size_t e,
                    size_t i, int hide, int *value, size_t *vstart)
{
    size_t m = gk_lexicon_match(&n->labels, s, e, i, value);
    if (m == 0 || (!hide && (*value & HIDE_BIT)))
        return 0;
    size_t j = i + m;
    while (j < e && s[j] == ' ')
        j++;
    if (j < e && s[j] == ':') {
        *vstart = j + 1;
        return 1;
    }
    size_t k = i;
    while (k > t && s[k - 1] == ' ')
        k--;
    if ((k == t || s[k - 1] == '\t') && (j == e || s[j] == '\t')) {
        *vstart = j;
        return 1;
    }
    return 0;
}

/* 1 if the line s[t..e) holds two different labels. */
static int two_labels(const gk_noise *n, const char *s, size_t t, size_t e, int hide)
{
    int first = -1;
    for (size_t i = t; i < e;) {
        int v;
        size_t vs;
        if (label_at(n, s, t, e, i, hide, &v, &vs)) {
            if (first < 0)
                first = v >> 2;
            else if (v >> 2 != first)
                return 1;
            i = vs;
        } else {
            i = next_char(s, e, i);
        }
    }
    return 0;
}

/* The value s[a..e) is a date, a time or a number (or nothing). */
static int date_like(const char *s, size_t a, size_t e)
{
    static const char *const units[] = {"年", "月", "日", "时", "分", "秒"};
    for (size_t i = a; i < e;) {
        if ((s[i] >= '0' && s[i] <= '9') || (s[i] != '\0' && strchr(" \t-/:.", s[i]))) {
            i++;
            continue;
        }
        size_t k = 0, nunits = sizeof units / sizeof units[0];
        while (k < nunits && !starts_with(s, i, e, units[k]))
            k++;
        if (k == nunits)
            return 0;
        i += strlen(units[k]);
    }
    return 1;
}

/* The line s[t..e) is page chrome: a chrome_lead starts it, or it holds a
 * chrome token and nothing else but parts, labels, digits, punctuation and
 * a few latin letters. */
static int is_chrome(const gk_noise *n, const char *s, size_t t, size_t e, int hide)
{
    for (size_t k = 0; k < n->leads.n; k++)
        if (starts_with(s, t, e, n->leads.v[k]))
            return 1;
    for (size_t k = 0; hide && k < n->hide_leads.n; k++)
        if (starts_with(s, t, e, n->hide_leads.v[k]))
            return 1;
    size_t anchors = 0, latin = 0;
    for (size_t i = t; i < e;) {
        int v;
        size_t vs, m = gk_lexicon_match(&n->chrome, s, e, i, &v);
        if (m > 0 && (hide || !(v & HIDE_BIT))) {
            anchors += (v & ~HIDE_BIT) == CHROME_TOKEN;
            i += m;
            continue;
        }
        if (label_at(n, s, t, e, i, hide, &v, &vs)) {
            anchors++;
            i = vs;
            continue;
        }
        size_t j = i;
        uint32_t c = gk_utf8_next(s, e, &j);
        if (gk_noise_is_word_char(c))
            return 0;
        if (ascii_letter(c) && ++latin > n->chrome_latin_leftover)
            return 0;
        i = j;
    }
    return anchors > 0;
}

static int size_char(char c)
{
    return (c >= '0' && c <= '9') || ascii_letter((unsigned char)c) || c == '.' ||
           c == ',' || c == ' ';
}

/* The line s[t..e) is an attachment label alone or a file's name. */
static int is_attachment(const gk_noise *n, const char *s, size_t t, size_t e)
{
    while (e > t && blank_byte(s[e - 1]))
        e--;
    for (size_t k = 0; k < n->attach_labels.n; k++) {
        if (!starts_with(s, t, e, n->attach_labels.v[k]))
            continue;
        size_t j = t + strlen(n->attach_labels.v[k]);
        while (j < e && s[j] >= '0' && s[j] <= '9')
            j++;
        while (j < e && s[j] == ' ')
            j++;
        if (j < e && s[j] == ':')
            j++;
        while (j < e && s[j] == ' ')
            j++;
        if (j == e)
            return 1;
    }
    /* a size after the name: "(56KB)", "[1.2 MB]" */
    if (e > t && (s[e - 1] == ')' || s[e - 1] == ']')) {
        char open = s[e - 1] == ')' ? '(' : '[';
        size_t k = e - 1;
        while (k > t && e - k < 24 && size_char(s[k - 1]))
            k--;
        if (k > t && s[k - 1] == open) {
            e = k - 1;
            while (e > t && s[e - 1] == ' ')
                e--;
        }
    }
    for (size_t k = 0; k < n->exts.n; k++) {
        size_t l = strlen(n->exts.v[k]);
        if (e - t <= l)
            continue;
        size_t i = 0;
        while (i < l) {
            char c = s[e - l + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != n->exts.v[k][i])
                break;
            i++;
        }
        if (i == l)
            return 1;
    }
    return 0;
}

/* The line s[ls..le) by the rules of the index (hide 0) or of display
 * (hide 1: the hide_ records count too). */
static line_kind classify_line(const gk_noise *n, const char *s, size_t ls, size_t le,
                               int hide)
{
    size_t t = ls;
    while (t < le && blank_byte(s[t]))
        t++;
    if (t == le)
        return LINE_BLANK;
    size_t chars = count_chars(s, t, le, n->count_cap);
    if (chars <= n->crumb_line_max && is_crumb(n, s, t, le, hide))
        return LINE_NOISE;
    int v = 0;
    size_t vstart = 0;
    int label = label_at(n, s, t, le, t, hide, &v, &vstart);
    if (chars <= n->meta_line_max && two_labels(n, s, t, le, hide))
        return LINE_META;
    if (label && chars <= n->meta_short_max && ((v & 1) || date_like(s, vstart, le)))
        return LINE_META;
    if (chars <= n->chrome_line_max && is_chrome(n, s, t, le, hide))
        return LINE_NOISE;
    if (chars <= n->attach_line_max && is_attachment(n, s, t, le))
        return LINE_NOISE;
    if (label && chars <= n->meta_block_max)
        return LINE_LABEL;
    return LINE_TEXT;
}

/* ---- display: the page chrome the index keeps ------------------------------ */

static uint32_t char_at(const char *s, size_t e, size_t i, size_t *next)
{
    *next = i;
    return gk_utf8_next(s, e, next);
}

/* Punctuation and bullets that may open a line of chrome (• > | - ?). */
static int lead_mark(uint32_t c)
{
    return c != '(' && c != '[' && !gk_noise_is_word_char(c) &&
           !(c >= '0' && c <= '9') && !ascii_letter(c);
}

/* Where the line s[t..e) starts once its blanks and marks are skipped, and
 * with them (words too) the chrome tokens and parts before them:
 * "• 无障碍 | 长辈版" is all lead-in. */
static size_t skip_lead(const gk_noise *n, const char *s, size_t t, size_t e, int words)
{
    while (t < e) {
        size_t j;
        uint32_t c = char_at(s, e, t, &j);
        int v;
        size_t m;
        if (blank_byte(s[t]) || lead_mark(c))
            t = j;
        else if (words && (m = gk_lexicon_match(&n->chrome, s, e, t, &v)) > 0)
            t += m;
        else
            break;
    }
    return t;
}

/* The separator of a breadcrumb's parts at s[i], its length or 0. */
static size_t crumb_sep_at(const gk_noise *n, const char *s, size_t i, size_t e)
{
    size_t best = 0;
    for (size_t k = 0; k < n->crumb_seps.n; k++)
        if (starts_with(s, i, e, n->crumb_seps.v[k]) && strlen(n->crumb_seps.v[k]) > best)
            best = strlen(n->crumb_seps.v[k]);
    return best;
}

/* The line s[t..e) is a path of short parts: 首页 > 政务公开 > 某乡,
 * 某区政府 >> 乡镇街道 >> 某乡, or a menu 首页 政务资讯 政务公开 (after a
 * crumb_home, '|' and blanks separate parts too; a table row 规章 | 0 | 0
 * is no path).  Two separators at least, every part at most
 * crumb_part_max characters, no sentence punctuation. */
static int crumb_path(const gk_noise *n, const char *s, size_t t, size_t e)
{
    static const char *const sentence[] = {"。", ",", ";"};
    for (size_t k = 0; k < sizeof sentence / sizeof sentence[0]; k++)
        for (size_t i = t; i < e; i++)
            if (starts_with(s, i, e, sentence[k]))
                return 0; /* a sentence: 首页 > 专栏 > 年报中可以查阅。 */
    int home = 0;
    for (size_t k = 0; k < n->crumb_homes.n && !home; k++)
        if (starts_with(s, t, e, n->crumb_homes.v[k])) {
            home = 1;
            t += strlen(n->crumb_homes.v[k]);
        }
    size_t seps = 0, part = 0;
    for (size_t i = t; i < e;) {
        size_t m = home && s[i] == '|' ? 1 : crumb_sep_at(n, s, i, e);
        if (m == 0 && home && blank_byte(s[i])) {
            size_t j = i;
            while (j < e && blank_byte(s[j]))
                j++;
            if (j < e && s[j] != '|' && crumb_sep_at(n, s, j, e) == 0)
                m = j - i;
            else {
                i = j;
                continue;
            }
        }
        if (m > 0) {
            seps++;
            part = 0;
            i += m;
            continue;
        }
        if (!blank_byte(s[i]) && ++part > n->crumb_part_max)
            return 0;
        i = next_char(s, e, i);
    }
    return seps >= 2;
}

/* A hide_crumb anywhere in the line (政府信息公开年度报告 您的位置:). */
static int hide_crumb_inside(const gk_noise *n, const char *s, size_t t, size_t e)
{
    for (size_t i = t; i < e; i = next_char(s, e, i))
        if (crumb_in(&n->hide_crumbs, s, i, e))
            return 1;
    return 0;
}

/* The line s[t..e) as a metadata table would read it: '|' separates cells
 * like TAB, and the blanks a page spreads labels with (索 引 号 :) go. */
static size_t squeeze(const char *s, size_t t, size_t e, char *out, size_t cap)
{
    size_t w = 0;
    for (size_t i = t; i < e && w + 4 < cap;) {
        if (s[i] == '|') {
            out[w++] = '\t';
            i++;
            continue;
        }
        if (blank_byte(s[i]) && s[i] != '\t') {
            size_t j = i;
            while (j < e && blank_byte(s[j]) && s[j] != '\t')
                j++;
            int ascii_before = w > 0 && (unsigned char)out[w - 1] < 0x80 &&
                               out[w - 1] != '\t' && out[w - 1] != ':';
            int ascii_after = j < e && (unsigned char)s[j] < 0x80 && s[j] != '|' &&
                              s[j] != '\t' && s[j] != ':';
            if (ascii_before && ascii_after)
                out[w++] = ' ';
            i = j;
            continue;
        }
        out[w++] = s[i++];
    }
    return w;
}

static line_kind classify(const gk_noise *n, const char *s, size_t ls, size_t le,
                          int hide)
{
    line_kind kind = classify_line(n, s, ls, le, 0);
    if (!hide || (kind != LINE_TEXT && kind != LINE_LABEL))
        return kind;
    size_t t = skip_lead(n, s, ls, le, 1);
    if (t == le) /* marks and chrome only: |, ???, 关怀版 无障碍 */
        return LINE_NOISE;
    size_t t0 = skip_lead(n, s, ls, le, 0);
    if (count_chars(s, t0, le, n->count_cap) > n->crumb_line_max)
        return kind;
    if (is_crumb(n, s, t, le, 1) || crumb_path(n, s, t0, le) ||
        hide_crumb_inside(n, s, t0, le))
        return LINE_NOISE;
    char line[2048];
    size_t len = squeeze(s, t0, le, line, sizeof line);
    line_kind k = classify_line(n, line, 0, len, 1);
    return k != LINE_TEXT ? k : kind;
}

/* ---- pieces of lines ------------------------------------------------------ */

/* Where a marker opening at s[i] closes (the end of its close), or 0. */
static size_t marker_end(const gk_noise *n, const char *s, size_t i, size_t le)
{
    for (size_t k = 0; k < n->nmarkers; k++) {
        const marker *m = &n->markers[k];
        size_t ol = strlen(m->open), cl = strlen(m->close);
        if (!starts_with(s, i, le, m->open))
            continue;
        size_t lim = le - i < n->marker_max ? le : i + n->marker_max;
        for (size_t j = i + ol; j + cl <= lim; j++)
            if (memcmp(s + j, m->close, cl) == 0)
                return j + cl;
    }
    return 0;
}

/* The inline noise of the line s[ls..le) (next: the start of the next line)
 * into piece, which it empties first: markers and spam, or the whole line
 * when nothing but blanks would be left of it. */
static gk_status line_pieces(const gk_noise *n, const char *s, size_t ls,
                             size_t le, size_t next, gk_range_vec *piece)
{
    piece->n = 0;
    size_t seg = ls;
    gk_status st = GK_OK;
    for (size_t i = ls; i < le && st == GK_OK; i++) {
        size_t end;
        if (!n->marker_first[(unsigned char)s[i]] || (end = marker_end(n, s, i, le)) == 0)
            continue;
        st = gk_spam_find(&n->spam, s, seg, i, piece);
        if (st == GK_OK)
            st = gk_range_vec_push(piece, i, end);
        seg = end;
        i = end - 1;
    }
    if (st == GK_OK)
        st = gk_spam_find(&n->spam, s, seg, le, piece);
    if (st != GK_OK || piece->n == 0)
        return st;
    size_t at = ls;
    for (size_t k = 0; k <= piece->n; k++) {
        size_t to = k < piece->n ? piece->v[k].start : le;
        for (; at < to; at++)
            if (!blank_byte(s[at]))
                return GK_OK;
        if (k < piece->n)
            at = piece->v[k].end;
    }
    piece->n = 0;
    return gk_range_vec_push(piece, ls, next);
}

/* ---- finding ----------------------------------------------------------------- */

/* The union of two lists of ranges, each in order, into out. */
static gk_status unite(const gk_range_vec *a, const gk_range_vec *b,
                       gk_range_vec *out)
{
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        gk_range r;
        if (j >= b->n || (i < a->n && a->v[i].start <= b->v[j].start))
            r = a->v[i++];
        else
            r = b->v[j++];
        if (gk_range_vec_push(out, r.start, r.end) != GK_OK)
            return GK_ENOMEM;
    }
    return GK_OK;
}

static gk_status find(const gk_noise *n, const char *text, size_t len, int hide,
                      gk_range **out, size_t *nout, char **errmsg)
{
    *out = NULL;
    *nout = 0;
    /* Whole lines go to `lines`; blank lines after noise and label lines are
     * appended there tentatively (from index `pending` on) until the next
     * line decides whether they belong to a block of noise. */
    gk_range_vec lines = {0}, pieces = {0}, piece = {0}, all = {0};
    size_t pending = SIZE_MAX;
    int pending_label = 0, after_noise = 0, after_meta = 0;
    gk_status st = GK_OK;
    for (size_t ls = 0; ls < len && st == GK_OK;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl != NULL ? (size_t)(nl - text) : len;
        size_t next = nl != NULL ? le + 1 : len;
        line_kind kind = classify(n, text, ls, le, hide);
        switch (kind) {
        case LINE_BLANK:
            if (after_noise || pending_label) {
                if (pending == SIZE_MAX)
                    pending = lines.n;
                st = gk_range_vec_append(&lines, ls, next);
            }
            break;
        case LINE_META:
        case LINE_NOISE:
            if (pending != SIZE_MAX && pending_label && kind == LINE_NOISE)
                lines.n = pending; /* the label lines were text after all */
            pending = SIZE_MAX;
            pending_label = 0;
            after_noise = 1;
            after_meta = kind == LINE_META;
            st = gk_range_vec_append(&lines, ls, next);
            break;
        case LINE_LABEL:
            if (after_meta) {
                pending = SIZE_MAX;
            } else {
                if (pending == SIZE_MAX)
                    pending = lines.n;
                pending_label = 1;
            }
            st = gk_range_vec_append(&lines, ls, next);
            break;
        case LINE_TEXT:
            if (pending != SIZE_MAX)
                lines.n = pending;
            pending = SIZE_MAX;
            pending_label = after_noise = after_meta = 0;
            break;
        }
        if (st == GK_OK && (kind == LINE_TEXT || kind == LINE_LABEL)) {
            st = line_pieces(n, text, ls, le, next, &piece);
            for (size_t k = 0; st == GK_OK && k < piece.n; k++)
                st = gk_range_vec_push(&pieces, piece.v[k].start, piece.v[k].end);
        }
        ls = next;
    }
    if (pending != SIZE_MAX)
        lines.n = pending;
    if (st == GK_OK)
        st = unite(&lines, &pieces, &all);
    free(lines.v);
    free(pieces.v);
    free(piece.v);
    if (st != GK_OK) {
        free(all.v);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory while looking for page noise");
    }
    if (all.n == 0) {
        free(all.v);
        return GK_OK;
    }
    *out = all.v;
    *nout = all.n;
    return GK_OK;
}

gk_status gk_noise_find(const gk_noise *n, const char *text, size_t len,
                        gk_range **out, size_t *nout, char **errmsg)
{
    return find(n, text, len, 0, out, nout, errmsg);
}

gk_status gk_noise_find_hidden(const gk_noise *n, const char *text, size_t len,
                               gk_range **out, size_t *nout, char **errmsg)
{
    return find(n, text, len, 1, out, nout, errmsg);
}

gk_status gk_noise_cut(const char *text, size_t len, const gk_range *r,
                       size_t n, char **out, size_t *out_len, char **errmsg)
{
    *out = NULL;
    *out_len = 0;
    size_t at = 0, cut = 0;
    for (size_t k = 0; k < n; k++) {
        if (r[k].start < at || r[k].end < r[k].start || r[k].end > len)
            return gk_fail(errmsg, GK_EINVAL,
                           "noise range %zu [%zu, %zu) is out of order or beyond %zu bytes",
                           k, r[k].start, r[k].end, len);
        cut += r[k].end - r[k].start;
        at = r[k].end;
    }
    char *t = malloc(len - cut + 1);
    if (t == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    size_t w = 0;
    at = 0;
    for (size_t k = 0; k <= n; k++) {
        size_t to = k < n ? r[k].start : len;
        if (to > at)
            memcpy(t + w, text + at, to - at);
        w += to - at;
        if (k < n)
            at = r[k].end;
    }
    t[w] = '\0';
    *out = t;
    *out_len = w;
    return GK_OK;
}

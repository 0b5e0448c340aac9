/* docx_numbering.c - the automatic list numbers of Word paragraphs.
 *
 * Headings such as "一、总体情况" are often numbered by Word itself: the
 * text holds "总体情况" and the number comes from a list definition.  A
 * paragraph joins a list through its numPr (numId, ilvl) or through its
 * style's; numbering.xml maps the numId to an abstract definition, whose
 * level gives the start value, the format (decimal, chineseCounting...) and
 * a template ("%1、", "（%2）", "%1.%2").  Counting follows Word: lists
 * that share an abstract definition share their counters unless one
 * restarts with a w:lvlOverride, and using a level restarts the deeper ones
 * (or those its w:lvlRestart names).  A format not supported here gives no
 * number rather than a wrong one; bullets give none either.
 */
#include "docx_numbering.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "docx_xml.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define GK_LEVELS 9
#define GK_STYLE_HOPS 16      /* w:basedOn links followed */
#define GK_VALUE_MAX 64       /* bytes of one formatted value */

typedef enum num_format {
    FMT_UNSUPPORTED = 0, FMT_NONE, FMT_BULLET, FMT_DECIMAL, FMT_DECIMAL_ZERO,
    FMT_DECIMAL_FULLWIDTH, FMT_CN_COUNTING, FMT_CN_LEGAL, FMT_IDEO_TRADITIONAL,
    FMT_IDEO_ZODIAC, FMT_IDEO_DIGITAL, FMT_IDEO_LEGAL, FMT_IDEO_CIRCLE,
    FMT_UPPER_LETTER, FMT_LOWER_LETTER, FMT_UPPER_ROMAN, FMT_LOWER_ROMAN,
    FMT_CIRCLE, FMT_PAREN, FMT_FULLSTOP
} num_format;

static const struct format_name {
    const char *name;
    num_format fmt;
} format_names[] = {
    {"bullet", FMT_BULLET},
    {"chineseCounting", FMT_CN_COUNTING},
    {"chineseCountingThousand", FMT_CN_COUNTING},
    {"chineseLegalSimplified", FMT_CN_LEGAL},
    {"decimal", FMT_DECIMAL},
    {"decimalEnclosedCircle", FMT_CIRCLE},
    {"decimalEnclosedCircleChinese", FMT_CIRCLE},
    {"decimalEnclosedFullstop", FMT_FULLSTOP},
    {"decimalEnclosedParen", FMT_PAREN},
    {"decimalFullWidth", FMT_DECIMAL_FULLWIDTH},
    {"decimalFullWidth2", FMT_DECIMAL_FULLWIDTH},
    {"decimalHalfWidth", FMT_DECIMAL},
    {"decimalZero", FMT_DECIMAL_ZERO},
    {"ideographDigital", FMT_IDEO_DIGITAL},
    {"ideographEnclosedCircle", FMT_IDEO_CIRCLE},
    {"ideographLegalTraditional", FMT_IDEO_LEGAL},
    {"ideographTraditional", FMT_IDEO_TRADITIONAL},
    {"ideographZodiac", FMT_IDEO_ZODIAC},
    {"japaneseCounting", FMT_CN_COUNTING},
    {"lowerLetter", FMT_LOWER_LETTER},
    {"lowerRoman", FMT_LOWER_ROMAN},
    {"none", FMT_NONE},
    {"taiwaneseCounting", FMT_CN_COUNTING},
    {"taiwaneseCountingThousand", FMT_CN_COUNTING},
    {"taiwaneseDigital", FMT_IDEO_DIGITAL},
    {"upperLetter", FMT_UPPER_LETTER},
    {"upperRoman", FMT_UPPER_ROMAN},
};

enum suffix { SUFF_TAB, SUFF_SPACE, SUFF_NOTHING };

typedef struct level {
    int defined;
    long start;
    num_format fmt;
    long restart;    /* w:lvlRestart, -1 when absent */
    int suffix;
    int legal;       /* w:isLgl: every number in decimal */
    char *text;      /* w:lvlText, NULL when absent */
    char *style;     /* w:pStyle: the paragraph style tied to this level */
} level;

typedef struct counters {
    long value[GK_LEVELS];
    unsigned char used[GK_LEVELS]; /* 0: the next use starts the level */
} counters;

typedef struct abstract_num {
    long id;
    level levels[GK_LEVELS];
    char *style_link; /* w:numStyleLink: the levels are a numbering style's */
    counters count;
} abstract_num;

typedef struct num {
    long id;
    long abstract_id;
    int overridden; /* has w:lvlOverride: counts on its own */
    int has_start[GK_LEVELS];
    long start[GK_LEVELS];
    level levels[GK_LEVELS];
    counters count;
} num;

typedef struct style {
    char *id;
    char *based_on;
    long num_id; /* -1 when the style gives none */
    long ilvl;
} style;

struct gk_docx_numbering {
    abstract_num *abstracts;
    size_t nabstracts;
    num *nums;
    size_t nnums;
    style *styles; /* paragraph and numbering styles, sorted by id */
    size_t nstyles;
    const char *default_style; /* borrowed from styles */
};

/* ---- formatting values ------------------------------------------------------ */

typedef struct text_out {
    char *p;
    size_t len, cap;
    int full;
} text_out;

static void add(text_out *o, const char *s, size_t n)
{
    if (o->full || n >= o->cap - o->len) {
        o->full = 1;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void adds(text_out *o, const char *s)
{
    add(o, s, strlen(s));
}

static void add_cp(text_out *o, uint32_t cp)
{
    char b[4];
    add(o, b, gk_utf8_put(b, cp));
}

static void add_decimal(text_out *o, long v, int min_digits, int fullwidth)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < (int)sizeof d);
    while (n < min_digits)
        d[n++] = '0';
    while (n-- > 0) {
        if (fullwidth)
            add_cp(o, 0xFF10u + (uint32_t)(d[n] - '0'));
        else
            add(o, &d[n], 1);
    }
}

static const char *const cn_digits[10] = {"〇", "一", "二", "三", "四",
                                          "五", "六", "七", "八", "九"};
static const char *const cn_units[4] = {"", "十", "百", "千"};
static const char *const legal_digits[10] = {"零", "壹", "贰", "叁", "肆",
                                             "伍", "陆", "柒", "捌", "玖"};
static const char *const legal_units[4] = {"", "拾", "佰", "仟"};
static const char *const trad_legal_digits[10] = {"零", "壹", "貳", "參", "肆",
                                                  "伍", "陸", "柒", "捌", "玖"};

/* Chinese counting numerals, 0 to 9999: 十, 十一, 二十一, 一百零五.  With
 * short_ten, 10 to 19 are written without the leading 一. */
static int add_counting(text_out *o, long v, const char *const digits[10],
                        const char *const units[4], const char *zero,
                        int short_ten)
{
    if (v > 9999)
        return -1;
    if (v == 0) {
        adds(o, digits[0]);
        return 0;
    }
    int d[4] = {(int)(v / 1000), (int)(v / 100 % 10), (int)(v / 10 % 10), (int)(v % 10)};
    int started = 0, gap = 0;
    for (int k = 0; k < 4; k++) {
        int unit = 3 - k;
        if (d[k] == 0) {
            gap = started;
            continue;
        }
        if (gap)
            adds(o, zero);
        gap = 0;
        if (!(short_ten && !started && unit == 1 && d[k] == 1))
            adds(o, digits[d[k]]);
        adds(o, units[unit]);
        started = 1;
    }
    return 0;
}

static int add_roman(text_out *o, long v, int upper)
{
    static const struct {
        int value;
        const char *upper, *lower;
    } numerals[] = {{1000, "M", "m"}, {900, "CM", "cm"}, {500, "D", "d"}, {400, "CD", "cd"},
                    {100, "C", "c"},  {90, "XC", "xc"},  {50, "L", "l"},  {40, "XL", "xl"},
                    {10, "X", "x"},   {9, "IX", "ix"},   {5, "V", "v"},   {4, "IV", "iv"},
                    {1, "I", "i"}};
    if (v < 1 || v > 3999)
        return -1;
    for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
        for (; v >= numerals[k].value; v -= numerals[k].value)
            adds(o, upper ? numerals[k].upper : numerals[k].lower);
    return 0;
}

/* Write v in format fmt; -1 when it cannot be written. */
static int add_value(text_out *o, long v, num_format fmt)
{
    static const char *const stems[10] = {"甲", "乙", "丙", "丁", "戊",
                                          "己", "庚", "辛", "壬", "癸"};
    static const char *const branches[12] = {"子", "丑", "寅", "卯", "辰", "巳",
                                             "午", "未", "申", "酉", "戌", "亥"};
    if (v < 0)
        return -1;
    switch (fmt) {
    case FMT_NONE:
        return 0;
    case FMT_DECIMAL:
        add_decimal(o, v, 1, 0);
        return 0;
    case FMT_DECIMAL_ZERO:
        add_decimal(o, v, 2, 0);
        return 0;
    case FMT_DECIMAL_FULLWIDTH:
        add_decimal(o, v, 1, 1);
        return 0;
    case FMT_CN_COUNTING:
        return add_counting(o, v, cn_digits, cn_units, "零", 1);
    case FMT_CN_LEGAL:
        return add_counting(o, v, legal_digits, legal_units, "零", 0);
    case FMT_IDEO_LEGAL:
        return add_counting(o, v, trad_legal_digits, legal_units, "零", 0);
    case FMT_IDEO_DIGITAL: {
        char d[24];
        int n = 0;
        do {
            d[n++] = (char)(v % 10);
            v /= 10;
        } while (v > 0);
        while (n-- > 0)
            adds(o, cn_digits[(int)d[n]]);
        return 0;
    }
    case FMT_IDEO_TRADITIONAL:
        if (v < 1)
            return -1;
        adds(o, stems[(v - 1) % 10]);
        return 0;
    case FMT_IDEO_ZODIAC:
        if (v < 1)
            return -1;
        adds(o, branches[(v - 1) % 12]);
        return 0;
    case FMT_UPPER_LETTER: case FMT_LOWER_LETTER: {
        if (v < 1 || v > 26 * 10)
            return -1;
        char c = (char)((fmt == FMT_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26);
        for (long k = 0; k <= (v - 1) / 26; k++)
            add(o, &c, 1);
        return 0;
    }
    case FMT_UPPER_ROMAN: case FMT_LOWER_ROMAN:
        return add_roman(o, v, fmt == FMT_UPPER_ROMAN);
    case FMT_CIRCLE: /* ① to ㊿ */
        if (v >= 1 && v <= 20)
            add_cp(o, 0x2460u + (uint32_t)(v - 1));
        else if (v >= 21 && v <= 35)
            add_cp(o, 0x3251u + (uint32_t)(v - 21));
        else if (v >= 36 && v <= 50)
            add_cp(o, 0x32B1u + (uint32_t)(v - 36));
        else
            add_decimal(o, v, 1, 0);
        return 0;
    case FMT_IDEO_CIRCLE: /* ㊀ to ㊉ */
        if (v >= 1 && v <= 10)
            add_cp(o, 0x3280u + (uint32_t)(v - 1));
        else
            add_decimal(o, v, 1, 0);
        return 0;
    case FMT_PAREN: /* ⑴ to ⒇ */
        if (v >= 1 && v <= 20) {
            add_cp(o, 0x2474u + (uint32_t)(v - 1));
        } else {
            adds(o, "(");
            add_decimal(o, v, 1, 0);
            adds(o, ")");
        }
        return 0;
    case FMT_FULLSTOP: /* ⒈ to ⒛ */
        if (v >= 1 && v <= 20) {
            add_cp(o, 0x2488u + (uint32_t)(v - 1));
        } else {
            add_decimal(o, v, 1, 0);
            adds(o, ".");
        }
        return 0;
    case FMT_BULLET: case FMT_UNSUPPORTED:
        break;
    }
    return -1;
}

/* ---- reading numbering.xml and styles.xml ---------------------------------- */

static num_format format_named(const char *name)
{
    if (name == NULL)
        return FMT_DECIMAL; /* the default of w:numFmt */
    for (size_t k = 0; k < sizeof format_names / sizeof format_names[0]; k++)
        if (strcmp(format_names[k].name, name) == 0)
            return format_names[k].fmt;
    return FMT_UNSUPPORTED;
}

/* w:numFmt of a level; Word 2010 wraps its own formats in
 * mc:AlternateContent, whose mc:Fallback holds one every reader knows. */
static const char *format_of(const xmlNode *lvl)
{
    const xmlNode *fmt = gk_docx_child(lvl, "numFmt");
    for (const xmlNode *c = lvl->children; fmt == NULL && c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "AlternateContent") != 0)
            continue;
        for (const xmlNode *branch = c->children; branch != NULL; branch = branch->next)
            if (branch->type == XML_ELEMENT_NODE &&
                strcmp((const char *)branch->name, "Fallback") == 0)
                fmt = gk_docx_child(branch, "numFmt");
    }
    return fmt != NULL ? gk_docx_attr(fmt, "val") : NULL;
}

/* A malloc'd copy of s, or NULL for NULL; sets *oom when out of memory. */
static char *copy(const char *s, int *oom)
{
    if (s == NULL)
        return NULL;
    char *c = gk_strdup(s);
    if (c == NULL)
        *oom = 1;
    return c;
}

static void read_level(level *l, const xmlNode *lvl, int *oom)
{
    free(l->text);
    free(l->style);
    memset(l, 0, sizeof *l);
    l->defined = 1;
    l->start = gk_docx_child_val(lvl, "start", 0);
    if (l->start < 0)
        l->start = 0;
    l->fmt = format_named(format_of(lvl));
    l->restart = gk_docx_child_val(lvl, "lvlRestart", -1);
    const char *suff = gk_docx_attr(gk_docx_child(lvl, "suff"), "val");
    l->suffix = suff == NULL ? SUFF_TAB
                : strcmp(suff, "space") == 0 ? SUFF_SPACE
                : strcmp(suff, "nothing") == 0 ? SUFF_NOTHING
                : SUFF_TAB;
    l->legal = gk_docx_onoff(gk_docx_child(lvl, "isLgl"));
    l->text = copy(gk_docx_attr(gk_docx_child(lvl, "lvlText"), "val"), oom);
    l->style = copy(gk_docx_attr(gk_docx_child(lvl, "pStyle"), "val"), oom);
}

/* The level index of a w:lvl or w:lvlOverride, or -1. */
static int level_index(const xmlNode *e)
{
    long i = gk_docx_attr_long(e, "ilvl", -1);
    return i >= 0 && i < GK_LEVELS ? (int)i : -1;
}

static void read_abstract(abstract_num *a, const xmlNode *e, int *oom)
{
    a->id = gk_docx_attr_long(e, "abstractNumId", -1);
    a->style_link = copy(gk_docx_attr(gk_docx_child(e, "numStyleLink"), "val"), oom);
    for (const xmlNode *c = e->children; c != NULL; c = c->next) {
        int i = level_index(c);
        if (gk_docx_is_w(c, "lvl") && i >= 0)
            read_level(&a->levels[i], c, oom);
    }
}

static void read_num(num *m, const xmlNode *e, int *oom)
{
    m->id = gk_docx_attr_long(e, "numId", -1);
    m->abstract_id = gk_docx_child_val(e, "abstractNumId", -1);
    for (const xmlNode *c = e->children; c != NULL; c = c->next) {
        int i = level_index(c);
        if (!gk_docx_is_w(c, "lvlOverride") || i < 0)
            continue;
        m->overridden = 1;
        long start = gk_docx_child_val(c, "startOverride", -1);
        if (start >= 0) {
            m->has_start[i] = 1;
            m->start[i] = start;
        }
        const xmlNode *lvl = gk_docx_child(c, "lvl");
        if (lvl != NULL)
            read_level(&m->levels[i], lvl, oom);
    }
}

static size_t count_children(const xmlNode *e, const char *name)
{
    size_t n = 0;
    for (const xmlNode *c = e != NULL ? e->children : NULL; c != NULL; c = c->next)
        n += gk_docx_is_w(c, name);
    return n;
}

static int read_numbering(gk_docx_numbering *n, const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!gk_docx_is_w(root, "numbering"))
        return 0;
    size_t na = count_children(root, "abstractNum"), nn = count_children(root, "num");
    n->abstracts = calloc(na > 0 ? na : 1, sizeof *n->abstracts);
    n->nums = calloc(nn > 0 ? nn : 1, sizeof *n->nums);
    if (n->abstracts == NULL || n->nums == NULL)
        return -1;
    int oom = 0;
    for (const xmlNode *c = root->children; c != NULL && !oom; c = c->next) {
        if (gk_docx_is_w(c, "abstractNum"))
            read_abstract(&n->abstracts[n->nabstracts++], c, &oom);
        else if (gk_docx_is_w(c, "num"))
            read_num(&n->nums[n->nnums++], c, &oom);
    }
    return oom ? -1 : 0;
}

static int on(const char *v)
{
    return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0);
}

static int read_styles(gk_docx_numbering *n, const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!gk_docx_is_w(root, "styles"))
        return 0;
    n->styles = calloc(count_children(root, "style") + 1, sizeof *n->styles);
    if (n->styles == NULL)
        return -1;
    int oom = 0;
    for (const xmlNode *c = root->children; c != NULL && !oom; c = c->next) {
        const char *type = gk_docx_attr(c, "type");
        const char *id = gk_docx_attr(c, "styleId");
        if (!gk_docx_is_w(c, "style") || type == NULL || id == NULL ||
            (strcmp(type, "paragraph") != 0 && strcmp(type, "numbering") != 0))
            continue;
        style *s = &n->styles[n->nstyles++];
        s->id = copy(id, &oom);
        s->based_on = copy(gk_docx_attr(gk_docx_child(c, "basedOn"), "val"), &oom);
        const xmlNode *numpr = gk_docx_child(gk_docx_child(c, "pPr"), "numPr");
        s->num_id = gk_docx_child_val(numpr, "numId", -1);
        s->ilvl = gk_docx_child_val(numpr, "ilvl", -1);
        if (n->default_style == NULL && strcmp(type, "paragraph") == 0 &&
            on(gk_docx_attr(c, "default")))
            n->default_style = s->id;
    }
    return oom ? -1 : 0;
}

static int cmp_style(const void *a, const void *b)
{
    const style *x = a, *y = b;
    return strcmp(x->id != NULL ? x->id : "", y->id != NULL ? y->id : "");
}

static int cmp_abstract(const void *a, const void *b)
{
    const abstract_num *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_num(const void *a, const void *b)
{
    const num *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

gk_status gk_docx_numbering_new(gk_docx_numbering **out, const xmlDoc *numbering,
                                const xmlDoc *styles)
{
    *out = NULL;
    gk_docx_numbering *n = calloc(1, sizeof *n);
    if (n == NULL)
        return GK_ENOMEM;
    if ((numbering != NULL && read_numbering(n, numbering) != 0) ||
        (styles != NULL && read_styles(n, styles) != 0)) {
        gk_docx_numbering_free(n);
        return GK_ENOMEM;
    }
    if (n->nabstracts > 1)
        qsort(n->abstracts, n->nabstracts, sizeof *n->abstracts, cmp_abstract);
    if (n->nnums > 1)
        qsort(n->nums, n->nnums, sizeof *n->nums, cmp_num);
    if (n->nstyles > 1)
        qsort(n->styles, n->nstyles, sizeof *n->styles, cmp_style);
    *out = n;
    return GK_OK;
}

static void free_levels(level *levels)
{
    for (int i = 0; i < GK_LEVELS; i++) {
        free(levels[i].text);
        free(levels[i].style);
    }
}

void gk_docx_numbering_free(gk_docx_numbering *n)
{
    if (n == NULL)
        return;
    for (size_t k = 0; k < n->nabstracts; k++) {
        free_levels(n->abstracts[k].levels);
        free(n->abstracts[k].style_link);
    }
    for (size_t k = 0; k < n->nnums; k++)
        free_levels(n->nums[k].levels);
    for (size_t k = 0; k < n->nstyles; k++) {
        free(n->styles[k].id);
        free(n->styles[k].based_on);
    }
    free(n->abstracts);
    free(n->nums);
    free(n->styles);
    free(n);
}

/* ---- counting --------------------------------------------------------------- */

static const style *find_style(const gk_docx_numbering *n, const char *id)
{
    if (id == NULL || n->nstyles == 0)
        return NULL;
    style key = {(char *)id, NULL, 0, 0};
    return bsearch(&key, n->styles, n->nstyles, sizeof *n->styles, cmp_style);
}

static num *find_num(gk_docx_numbering *n, long id)
{
    if (n->nnums == 0)
        return NULL;
    num key;
    key.id = id;
    return bsearch(&key, n->nums, n->nnums, sizeof *n->nums, cmp_num);
}

static abstract_num *find_abstract(gk_docx_numbering *n, long id)
{
    if (n->nabstracts == 0)
        return NULL;
    abstract_num key;
    key.id = id;
    return bsearch(&key, n->abstracts, n->nabstracts, sizeof *n->abstracts, cmp_abstract);
}

/* The abstract definition of a list; one that only names a numbering style
 * (w:numStyleLink) is replaced by the definition that style's list uses. */
static abstract_num *abstract_of(gk_docx_numbering *n, const num *m)
{
    abstract_num *a = find_abstract(n, m->abstract_id);
    if (a != NULL && a->style_link != NULL) {
        const style *s = find_style(n, a->style_link);
        const num *linked = s != NULL && s->num_id > 0 ? find_num(n, s->num_id) : NULL;
        abstract_num *b = linked != NULL ? find_abstract(n, linked->abstract_id) : NULL;
        if (b != NULL)
            a = b;
    }
    return a;
}

static const level *level_of(const num *m, const abstract_num *a, int i)
{
    return m->levels[i].defined ? &m->levels[i] : &a->levels[i];
}

static long start_of(const num *m, const abstract_num *a, int i)
{
    return m->has_start[i] ? m->start[i] : level_of(m, a, i)->start;
}

/* The list (numId) and level of a paragraph, from its own properties or
 * its style's, following w:basedOn; *style_id receives its style. */
static void list_of(const gk_docx_numbering *n, const xmlNode *ppr, long *num_id,
                    long *ilvl, const char **style_id)
{
    const xmlNode *numpr = gk_docx_child(ppr, "numPr");
    *num_id = gk_docx_child_val(numpr, "numId", -1);
    *ilvl = gk_docx_child_val(numpr, "ilvl", -1);
    *style_id = gk_docx_attr(gk_docx_child(ppr, "pStyle"), "val");
    if (*style_id == NULL)
        *style_id = n->default_style;
    const style *s = find_style(n, *style_id);
    for (int hops = 0; s != NULL && hops < GK_STYLE_HOPS && (*num_id < 0 || *ilvl < 0);
         hops++) {
        if (*num_id < 0)
            *num_id = s->num_id;
        if (*ilvl < 0)
            *ilvl = s->ilvl;
        s = find_style(n, s->based_on);
    }
}

size_t gk_docx_numbering_next(gk_docx_numbering *n, const xmlNode *ppr,
                              char *buf, int *space_after)
{
    buf[0] = '\0';
    *space_after = 0;
    long num_id, ilvl;
    const char *style_id;
    list_of(n, ppr, &num_id, &ilvl, &style_id);
    if (num_id <= 0) /* 0 takes away a style's numbering */
        return 0;
    num *m = find_num(n, num_id);
    abstract_num *a = m != NULL ? abstract_of(n, m) : NULL;
    if (a == NULL)
        return 0;
    if (ilvl < 0) { /* the level tied to the paragraph's style, else the first */
        ilvl = 0;
        for (int i = 0; i < GK_LEVELS && style_id != NULL; i++) {
            const char *tied = level_of(m, a, i)->style;
            if (tied != NULL && strcmp(tied, style_id) == 0) {
                ilvl = i;
                break;
            }
        }
    }
    if (ilvl >= GK_LEVELS)
        return 0;
    int lv = (int)ilvl;
    const level *l = level_of(m, a, lv);
    if (!l->defined)
        return 0;

    counters *c = m->overridden ? &m->count : &a->count;
    if (c->used[lv] && c->value[lv] < GK_DOCX_NUMBER_LIMIT)
        c->value[lv]++;
    else if (!c->used[lv])
        c->value[lv] = start_of(m, a, lv);
    c->used[lv] = 1;
    for (int d = lv + 1; d < GK_LEVELS; d++) {
        long restart = level_of(m, a, d)->restart;
        if (lv < (restart < 0 ? d : restart))
            c->used[d] = 0;
    }

    if (l->fmt == FMT_BULLET || l->fmt == FMT_NONE || l->text == NULL)
        return 0;
    text_out o = {buf, 0, GK_DOCX_NUMBER_MAX, 0};
    for (const char *p = l->text; *p != '\0' && !o.full;) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            long v = c->used[k] ? c->value[k] : start_of(m, a, k);
            num_format fmt = level_of(m, a, k)->fmt;
            if (l->legal && fmt != FMT_NONE)
                fmt = FMT_DECIMAL;
            char value[GK_VALUE_MAX];
            text_out ov = {value, 0, sizeof value, 0};
            value[0] = '\0';
            if (add_value(&ov, v, fmt) != 0 || ov.full)
                return 0;
            add(&o, value, ov.len);
            p += 2;
        } else {
            add(&o, p, 1);
            p++;
        }
    }
    if (o.full || o.len == 0) {
        buf[0] = '\0';
        return 0;
    }
    *space_after = l->suffix != SUFF_NOTHING;
    return o.len;
}

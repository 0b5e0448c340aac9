/* prose.c - figures written in sentences ("共收到申请16件",
 * "累计主动公开政府信息599条"), by the rules of prose_figures.tsv. */
#include "prose.h"

#include <stdlib.h>
#include <string.h>

#include "gk_utf8.h"
#include "gk_util.h"

/* Longest sentence kept as a figure's source, in bytes. */
#define GK_SENTENCE_MAX 600

static int clause_mark(uint32_t c)
{
    return c == 0x3002 || c == ';' || c == ',' || c == '\n' || c == ':';
}

/* Start of the clause holding byte `at`. */
static size_t clause_start(const char *s, size_t at)
{
    size_t i = at;
    while (i > 0) {
        size_t p = gk_utf8_floor(s, at, i - 1);
        size_t j = p;
        if (clause_mark(gk_utf8_next(s, at, &j)))
            break;
        i = p;
    }
    return i;
}

/* "其中在镇政府门户网站主动公开信息142条", "其中,通过网站公开8条": a
 * part of a total, not one. */
static int in_part_clause(const char *s, size_t at)
{
    size_t c = clause_start(s, at);
    while (c < at && (s[c] == ' ' || s[c] == '\t'))
        c++;
    if (GK_STARTS_WITH(s + c, at - c, "其中"))
        return 1;
    if (c == 0) /* the clause before: 其中 alone? */
        return 0;
    size_t mark = gk_utf8_floor(s, at, c - 1);
    size_t b = clause_start(s, mark);
    while (b < mark && (s[b] == ' ' || s[b] == '\t'))
        b++;
    return mark - b == GK_LEN("其中") && GK_STARTS_WITH(s + b, mark - b, "其中");
}

/* The sentence around [a, b): from the last 。 or line break before to
 * the next one after (at most GK_SENTENCE_MAX bytes). */
static char *sentence(const char *s, size_t len, size_t a, size_t b)
{
    size_t start = a, end = b;
    while (start > 0 && a - start < GK_SENTENCE_MAX / 2) {
        size_t p = gk_utf8_floor(s, len, start - 1);
        size_t j = p;
        uint32_t c = gk_utf8_next(s, len, &j);
        if (c == 0x3002 || c == '\n')
            break;
        start = p;
    }
    while (end < len && end - b < GK_SENTENCE_MAX / 2) {
        size_t j = end;
        uint32_t c = gk_utf8_next(s, len, &j);
        end = j;
        if (c == 0x3002 || c == '\n')
            break;
    }
    while (end > start && (s[end - 1] == '\n' || s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    while (start < end && (s[start] == ' ' || s[start] == '\t'))
        start++;
    return gk_strndup(s + start, end - start);
}

/* The number in s[a..b) without thousands separators. */
static double number(const char *s, size_t a, size_t b)
{
    char buf[64];
    size_t n = 0;
    for (size_t i = a; i < b && n < sizeof buf - 1; i++)
        if (s[i] != ',')
            buf[n++] = s[i];
    buf[n] = '\0';
    return strtod(buf, NULL);
}

/* The unit of units.tsv that group g of m holds, or NULL. */
static const amount_unit *group_unit(const gk_figure_rules *r, const char *s,
                                     const gk_rx_match *m, int g)
{
    if (g < 0 || m->gstart[g] == (size_t)-1)
        return NULL;
    return gk_amount_unit_named(&r->amounts, s + m->gstart[g],
                                m->gend[g] - m->gstart[g]);
}

/* Try one rule on one section; fill *f on a match. */
static int try_rule(const gk_figure_rules *r, const prose_rule *p,
                    const gk_section *sec, const char *s, size_t len,
                    gk_figure *f)
{
    size_t from = 0;
    gk_rx_match m;
    while (from < len && gk_rx_search(p->rx, s, len, from, 0, &m)) {
        from = m.end > m.start ? m.end : m.start + 1;
        if (p->kind != PROSE_PART && in_part_clause(s, m.start))
            continue;
        f->value = 0;
        if (p->kind != PROSE_ZERO) {
            if (p->group_n < 0 || m.gstart[p->group_n] == (size_t)-1)
                continue;
            f->value = number(s, m.gstart[p->group_n], m.gend[p->group_n]);
            f->approx = p->group_q >= 0 && m.gstart[p->group_q] != (size_t)-1;
        }
        if (p->kind == PROSE_MONEY) {
            const amount_unit *u = group_unit(r, s, &m, p->group_u);
            if (u == NULL || !u->money)
                continue; /* no unit: 元 or 万元 is not known */
            f->value = gk_amount_scaled(f->value, u->scale);
        }
        f->text = sentence(s, len, m.start, m.end);
        if (f->text == NULL)
            return -1;
        f->known = 1;
        f->source = GK_SOURCE_PROSE;
        f->section = sec->id;
        return 1;
    }
    return 0;
}

gk_status gk_prose_read(gk_figures *figs, const gk_figure_rules *rules,
                        const gk_report *r)
{
    for (size_t i = 0; i < rules->nprose; i++) {
        const prose_rule *p = &rules->prose[i];
        gk_figure *f = &figs->figures[p->figure];
        for (size_t k = 0; k < r->nsections && !f->known; k++) {
            if (rules->stop != NULL && *rules->stop)
                return GK_OK; /* incomplete: the caller throws it away */
            const gk_section *sec = &r->sections[k];
            if (strcmp(sec->id, "problems") == 0 ||
                (p->section != NULL && strcmp(sec->id, p->section) != 0))
                continue;
            int got = try_rule(rules, p, sec, r->text + sec->start, sec->end - sec->start, f);
            if (got < 0)
                return GK_ENOMEM;
        }
    }
    return GK_OK;
}

/* completeness.c - the parts and tables a report must have by the rules of
 * its year, and whether it was signed by its deadline (completeness.tsv). */
#define _GNU_SOURCE /* memmem */
#include "completeness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_places.h"
#include "gk_tsv.h"
#include "gk_utf8.h"
#include "gk_util.h"

typedef struct era_def {
    char *id;
    int first, last;  /* last 0: no end */
    char *templates;  /* ",2019,2021," */
} era_def;

typedef struct part_def {
    size_t era;
    char *id;
    char *who;   /* "all" or a class */
    char *how;   /* section, table, words */
    char *what;
} part_def;

typedef struct pair_def {
    char *key, *value;
    size_t era;  /* due only */
    int mmdd;    /* due only */
} pair_def;

struct gk_completeness_rules {
    gk_place_rules *places;
    era_def *eras;
    size_t neras, eras_cap;
    part_def *parts;
    size_t nparts, parts_cap;
    pair_def *bodies, *dues;
    size_t nbodies, bodies_cap, ndues, dues_cap;
    char **streets;
    size_t nstreets, streets_cap;
};

void gk_completeness_rules_free(gk_completeness_rules *r)
{
    if (r == NULL)
        return;
    gk_place_rules_free(r->places);
    for (size_t i = 0; i < r->neras; i++) {
        free(r->eras[i].id);
        free(r->eras[i].templates);
    }
    free(r->eras);
    for (size_t i = 0; i < r->nparts; i++) {
        free(r->parts[i].id);
        free(r->parts[i].who);
        free(r->parts[i].how);
        free(r->parts[i].what);
    }
    free(r->parts);
    for (size_t i = 0; i < r->nbodies; i++) {
        free(r->bodies[i].key);
        free(r->bodies[i].value);
    }
    free(r->bodies);
    for (size_t i = 0; i < r->ndues; i++)
        free(r->dues[i].key);
    free(r->dues);
    for (size_t i = 0; i < r->nstreets; i++)
        free(r->streets[i]);
    free(r->streets);
    free(r);
}

static int era_index(const gk_completeness_rules *r, const char *id)
{
    for (size_t i = 0; i < r->neras; i++)
        if (strcmp(r->eras[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int number(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0 || v > 9999)
        return 0;
    *out = (int)v;
    return 1;
}

#define OOM() gk_fail(errmsg, GK_ENOMEM, "out of memory")

static gk_status rule_row(void *ctx, char **f, size_t n, size_t line, char **errmsg)
{
    (void)line;
    gk_completeness_rules *r = ctx;
    const char *kind = f[0];
    if (strcmp(kind, "era") == 0) {
        era_def e = {0};
        if (n != 5 || !number(f[2], &e.first) || !number(f[3], &e.last))
            return gk_fail(errmsg, GK_ECORRUPT,
                           "expected era, id, first year, last year (0: none), templates");
        if (GK_ARRAY_RESERVE(r->eras, r->eras_cap, r->neras + 1) != GK_OK)
            return OOM();
        e.id = gk_strdup(f[1]);
        size_t tl = strlen(f[4]);
        e.templates = malloc(tl + 3);
        if (e.id == NULL || e.templates == NULL) {
            free(e.id);
            free(e.templates);
            return OOM();
        }
        snprintf(e.templates, tl + 3, ",%s,", f[4]);
        r->eras[r->neras++] = e;
        return GK_OK;
    }
    if (strcmp(kind, "street") == 0) {
        if (n != 2 || f[1][0] == '\0')
            return gk_fail(errmsg, GK_ECORRUPT, "expected street, word");
        if (GK_ARRAY_RESERVE(r->streets, r->streets_cap, r->nstreets + 1) != GK_OK)
            return OOM();
        if ((r->streets[r->nstreets] = gk_strdup(f[1])) == NULL)
            return OOM();
        r->nstreets++;
        return GK_OK;
    }
    if (strcmp(kind, "body") == 0) {
        if (n != 3)
            return gk_fail(errmsg, GK_ECORRUPT, "expected body, kind, class");
        if (GK_ARRAY_RESERVE(r->bodies, r->bodies_cap, r->nbodies + 1) != GK_OK)
            return OOM();
        pair_def *b = &r->bodies[r->nbodies];
        b->key = gk_strdup(f[1]);
        b->value = gk_strdup(f[2]);
        if (b->key == NULL || b->value == NULL) {
            free(b->key);
            free(b->value);
            return OOM();
        }
        r->nbodies++;
        return GK_OK;
    }
    if (strcmp(kind, "due") == 0) {
        int mm = 0, dd = 0, era = n == 4 ? era_index(r, f[1]) : -1;
        if (n != 4 || sscanf(f[3], "%2d-%2d", &mm, &dd) != 2 || mm < 1 || mm > 12 ||
            dd < 1 || dd > 31 || era < 0)
            return gk_fail(errmsg, GK_ECORRUPT,
                           "expected due, era (defined above), class, MM-DD");
        if (GK_ARRAY_RESERVE(r->dues, r->dues_cap, r->ndues + 1) != GK_OK)
            return OOM();
        pair_def *d = &r->dues[r->ndues];
        d->key = gk_strdup(f[2]);
        d->value = NULL;
        d->era = (size_t)era;
        d->mmdd = mm * 100 + dd;
        if (d->key == NULL)
            return OOM();
        r->ndues++;
        return GK_OK;
    }
    if (strcmp(kind, "part") == 0) {
        int era = n == 6 ? era_index(r, f[1]) : -1;
        if (n != 6 || era < 0 || f[2][0] == '\0' || f[5][0] == '\0' ||
            (strcmp(f[4], "section") != 0 && strcmp(f[4], "table") != 0 &&
             strcmp(f[4], "words") != 0))
            return gk_fail(errmsg, GK_ECORRUPT,
                           "expected part, era (defined above), part, who, "
                           "section|table|words, what");
        if (GK_ARRAY_RESERVE(r->parts, r->parts_cap, r->nparts + 1) != GK_OK)
            return OOM();
        part_def p = {(size_t)era, gk_strdup(f[2]), gk_strdup(f[3]), gk_strdup(f[4]),
                      gk_strdup(f[5])};
        if (p.id == NULL || p.who == NULL || p.how == NULL || p.what == NULL) {
            free(p.id);
            free(p.who);
            free(p.how);
            free(p.what);
            return OOM();
        }
        r->parts[r->nparts++] = p;
        return GK_OK;
    }
    return gk_fail(errmsg, GK_ECORRUPT, "unknown record '%s' (era, body, street, due, part)",
                   kind);
}

gk_status gk_completeness_rules_load(gk_completeness_rules **out, const char *dir,
                                     char **errmsg)
{
    *out = NULL;
    gk_completeness_rules *r = calloc(1, sizeof *r);
    if (r == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_place_rules_load(&r->places, dir, errmsg);
    if (st == GK_OK)
        st = gk_tsv_read_in(dir, "completeness.tsv", rule_row, r, errmsg);
    if (st != GK_OK) {
        gk_completeness_rules_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

/* The era of a report on year (0: unknown) with the template version tv
 * (NULL: unknown); -1 if none. */
static int era_of(const gk_completeness_rules *r, int year, const char *tv)
{
    for (size_t i = 0; i < r->neras; i++) {
        const era_def *e = &r->eras[i];
        if (year != 0 && year >= e->first && (e->last == 0 || year <= e->last))
            return (int)i;
    }
    if (year != 0 || tv == NULL)
        return -1;
    char key[32];
    snprintf(key, sizeof key, ",%s,", tv);
    for (size_t i = 0; i < r->neras; i++)
        if (strstr(r->eras[i].templates, key) != NULL)
            return (int)i;
    return -1;
}

static int ends_with(const char *s, const char *word)
{
    size_t sl = strlen(s), wl = strlen(word);
    return sl > wl && memcmp(s + sl - wl, word, wl) == 0;
}

/* The class of the report's body (government, department, street), or
 * NULL when its kind is unknown. */
static const char *body_class(const gk_completeness_rules *r, const gk_report *rep)
{
    const char *name = rep->body;
    const char *kind = gk_place_body_kind(r->places, name, strlen(name));
    if (kind == NULL && rep->place.township[0] != '\0') {
        name = rep->place.township;
        kind = gk_place_body_kind(r->places, name, strlen(name));
    }
    if (kind == NULL)
        return NULL;
    if (strcmp(kind, "township") == 0) {
        char bare[256];
        snprintf(bare, sizeof bare, "%s", name);
        const char *town = rep->place.township[0] != '\0' ? rep->place.township : bare;
        for (size_t i = 0; i < r->nstreets; i++)
            if (ends_with(town, r->streets[i]) || ends_with(bare, r->streets[i]))
                kind = "street";
    }
    for (size_t i = 0; i < r->nbodies; i++)
        if (strcmp(r->bodies[i].key, kind) == 0)
            return r->bodies[i].value;
    return NULL;
}

static int has_section(const gk_report *rep, const char *id)
{
    for (size_t i = 0; i < rep->nsections; i++)
        if (strcmp(rep->sections[i].id, id) == 0)
            return 1;
    return 0;
}

static int has_table(const gk_figures *f, const char *id)
{
    for (size_t i = 0; i < f->nraw; i++)
        if (f->raw[i].table != NULL && strcmp(f->raw[i].table, id) == 0)
            return 1;
    return 0;
}

/* 1 if one of the |-separated words is in the text. */
static int has_words(const gk_report *rep, const char *words)
{
    const char *w = words;
    while (*w != '\0') {
        const char *bar = strchr(w, '|');
        size_t wl = bar != NULL ? (size_t)(bar - w) : strlen(w);
        if (wl > 0 && memmem(rep->text, rep->len, w, wl) != NULL)
            return 1;
        w += wl + (bar != NULL);
    }
    return 0;
}

static int part_present(const part_def *p, const gk_figures *f, const gk_report *rep)
{
    if (strcmp(p->how, "section") == 0)
        return has_section(rep, p->what);
    if (strcmp(p->how, "table") == 0)
        return has_table(f, p->what);
    return has_words(rep, p->what);
}

gk_status gk_completeness_check(gk_figures *f, const gk_completeness_rules *rules,
                                const gk_report *rep)
{
    f->completeness = NULL;
    f->deadline = NULL;
    f->body_class = NULL;
    f->due_date = 0;
    f->signed_date = 0;
    if (rep->kind != GK_KIND_REPORT)
        return GK_OK;
    f->signed_date = rep->signed_date;
    f->body_class = body_class(rules, rep);
    int era = era_of(rules, rep->year, f->template_version);
    f->deadline = "unknown";
    if (era < 0)
        return GK_OK;
    for (size_t i = 0; i < rules->nparts; i++) {
        const part_def *p = &rules->parts[i];
        if (p->era != (size_t)era)
            continue;
        int required = strcmp(p->who, "all") == 0 ||
                       (f->body_class != NULL && strcmp(p->who, f->body_class) == 0);
        if (!required || part_present(p, f, rep))
            continue;
        if (GK_ARRAY_RESERVE(f->missing, f->missing_cap, f->nmissing + 1) != GK_OK)
            return GK_ENOMEM;
        f->missing[f->nmissing++] = p->id;
    }
    f->completeness = f->nmissing == 0 ? "complete" : "incomplete";
    if (rep->year == 0 || f->body_class == NULL)
        return GK_OK;
    for (size_t i = 0; i < rules->ndues; i++)
        if (rules->dues[i].era == (size_t)era &&
            strcmp(rules->dues[i].key, f->body_class) == 0)
            f->due_date = (rep->year + 1) * 10000 + rules->dues[i].mmdd;
    if (f->due_date != 0 && f->signed_date != 0)
        f->deadline = f->signed_date <= f->due_date ? "on_time" : "late";
    return GK_OK;
}

/* division_data.h - the loaded division list and the words that go with
 * it; private to places (division.c and division_words.c load them,
 * resolve.c uses them). */
#ifndef GK_DIVISION_DATA_H
#define GK_DIVISION_DATA_H

#include <stddef.h>

#include "gk_divisions.h"
#include "gk_words.h"

enum { DIV_PROVINCE = 1, DIV_CITY = 2, DIV_COUNTY = 3, DIV_TOWNSHIP = 4 };

/* The kinds of contact_labels.tsv. */
enum { DIV_LABEL_POSTCODE, DIV_LABEL_PHONE, DIV_LABEL_ADDRESS, DIV_LABEL_SITE };

/* The kinds of division_placeholders.tsv (0: not a placeholder). */
enum { DIV_NOT_PLACEHOLDER, DIV_MUNICIPALITY, DIV_DIRECT };

typedef struct div_entry {
    char code[16];
    char *name;
    int level;    /* DIV_PROVINCE .. DIV_TOWNSHIP */
    int parent;   /* index of the division above, -1 for provinces */
} div_entry;

typedef struct area_code {
    char code[8];  /* "0357" */
    int city;      /* index of the city (or municipality) it serves */
} area_code;

typedef struct postcode_prefix {
    char prefix[3]; /* "04" */
    int province;   /* index of the province */
} postcode_prefix;

typedef struct div_name {
    const char *name; /* borrowed from the entry */
    int level;
    size_t index;     /* into gk_divisions.e */
} div_name;

struct gk_divisions {
    div_entry *e;
    size_t n, cap;
    div_name *by_name;    /* every entry, sorted by name then level */
    area_code *areas;
    size_t nareas, areas_cap;
    postcode_prefix *posts;
    size_t nposts, posts_cap;
    gk_words *contact_labels;  /* contact_labels.tsv */
    gk_words *placeholders;    /* division_placeholders.tsv */
};

/* Load DIR/contact_labels.tsv and DIR/division_placeholders.tsv into d.
 * Fails like gk_words_load; gk_divisions_free releases what was loaded. */
gk_status gk_division_words_load(gk_divisions *d, const char *dir,
                                 char **errmsg);

/* DIV_MUNICIPALITY or DIV_DIRECT if name is a placeholder of the list
 * (division_placeholders.tsv), else DIV_NOT_PLACEHOLDER. */
int gk_divisions_placeholder(const gk_divisions *d, const char *name);

/* The range [*first, *last) of by_name holding the entries called name. */
void gk_divisions_named(const gk_divisions *d, const char *name,
                        size_t *first, size_t *last);

/* The ancestor of entry i at `level`, or -1. */
int gk_divisions_ancestor(const gk_divisions *d, int i, int level);

/* The name shown for the city above entry i: the municipality's name for
 * 市辖区/县 of 北京, 天津, 上海, 重庆; "" for a province's directly
 * administered counties; else the city's name. */
const char *gk_divisions_city_name(const gk_divisions *d, int i);

#endif

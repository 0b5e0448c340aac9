/* division_data.h - the loaded division list; private to indexer/
 * (division.c loads it, resolve.c uses it). */
#ifndef GK_DIVISION_DATA_H
#define GK_DIVISION_DATA_H

#include <stddef.h>

#include "gk_divisions.h"

enum { DIV_PROVINCE = 1, DIV_CITY = 2, DIV_COUNTY = 3, DIV_TOWNSHIP = 4 };

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
};

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

/* places.h - the national division list (corpus/data/divisions/) as the
 * generator needs it: townships to write reports for, every place sharing
 * a township's name, and the evidence (county, postal code, telephone area
 * code) that tells them apart. */
#ifndef GEN_PLACES_H
#define GEN_PLACES_H

#include <stddef.h>

#include "rng.h"

typedef struct gen_places gen_places;

/* One township with the names of every level above it, as the list gives
 * them (the city of a municipality's district is the municipality). */
typedef struct gen_place {
    const char *code;          /* 9 digits */
    const char *township;
    const char *county;
    const char *city;          /* "" for a county directly under a province */
    const char *province;
    const char *province_code; /* 2 digits */
} gen_place;

/* Read the division list, postcodes.tsv and the area codes under data_dir.
 * Returns NULL (and a message in err) when a file cannot be read. */
gen_places *gen_places_load(const char *data_dir, char *err, size_t errsz);

/* Release the list; NULL-safe. */
void gen_places_free(gen_places *p);

/* A random township (名 ending in 镇, 乡 or 街道) whose name is shared with
 * other places (shared = 1) or unique (0); its index. */
size_t gen_places_pick(const gen_places *p, gen_rng *r, int shared);

/* The township at index i. */
void gen_places_get(const gen_places *p, size_t i, gen_place *out);

/* Every township called like the one at index i (itself included): their
 * indexes in *out (malloc'd), their number returned. */
size_t gen_places_namesakes(const gen_places *p, size_t i, size_t **out);

/* A postal code of the place's province in out (6 digits); 0 if the
 * province has no prefix in postcodes.tsv. */
int gen_places_postcode(const gen_places *p, const gen_place *pl, gen_rng *r, char out[7]);

/* The province code the first two digits of postcode belong to, or NULL. */
const char *gen_places_postcode_province(const gen_places *p, const char *postcode);

/* The telephone area code of a city name ("0379"), or NULL. */
const char *gen_places_area_code(const gen_places *p, const char *city);

#endif

/* ---- county-level units (the bodies of county departments and district
 * or county governments) ---------------------------------------------------- */

/* A random county-level unit (县, 区, 旗) whose name is shared with another
 * county-level unit (shared = 1) or unique (0), of the kinds gongkai-index
 * splits as a county; its index among the counties. */
size_t gen_places_pick_county(const gen_places *p, gen_rng *r, int shared);

/* The county at index i: code (6 digits), township "", its names. */
void gen_places_county_get(const gen_places *p, size_t i, gen_place *out);

/* Every county-level unit called like the one at index i (itself
 * included): their indexes in *out (malloc'd), their number returned. */
size_t gen_places_county_namesakes(const gen_places *p, size_t i, size_t **out);

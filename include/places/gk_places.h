/* gk_places.h - splitting an issuing body's name into its administrative
 * parts ("彭阳县白阳镇人民政府" -> county 彭阳县, township 白阳镇), by the
 * suffixes listed in the data file place_suffixes.tsv. */
#ifndef GK_PLACES_H
#define GK_PLACES_H

#include <stddef.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_place_rules gk_place_rules;

/* The parts of a body name; each is "" when absent. */
typedef struct gk_place {
    char province[64];
    char city[64];
    char county[64];
    char township[64];
} gk_place;

/* Load DIR/place_suffixes.tsv: records "kind<TAB>suffix" with kind one of
 * government, township, county, city, province, department, generic (a word
 * that names no place: 我, 各, 乡镇).  Fails like gk_tsv_read, or
 * with GK_ECORRUPT for an unknown kind. */
gk_status gk_place_rules_load(gk_place_rules **out, const char *dir,
                              char **errmsg);

/* Release the rules.  A harmless no-op on NULL. */
void gk_place_rules_free(gk_place_rules *r);

/* 1 if name ends with a government, department, township, county, city or
 * province suffix, i.e. could be an issuing body on its own; 0 for a
 * generic name (我镇, 各乡, 乡镇街道). */
int gk_place_is_body(const gk_place_rules *r, const char *name, size_t len);

/* 1 if name is a word for a place or a department and no one's name:
 * 我镇, 各乡, 本街道, 乡镇街道, 我局 (a generic word before a suffix). */
int gk_place_is_generic(const gk_place_rules *r, const char *name, size_t len);

/* Split an issuing body (UTF-8) into province, city, county and township.
 * A department ("彭阳县水务局") gives only the parts it names; a department
 * of a government ("白阳镇人民政府办公室") the government's.  Never fails;
 * parts that do not fit their buffer are left empty. */
void gk_place_split(const gk_place_rules *r, const char *body, size_t len,
                    gk_place *out);

/* What kind of body a name is, by its suffixes: "department" (彭阳县水务局,
 * 白阳镇人民政府办公室), "township" (镇, 乡, 街道 ... with or without
 * 人民政府 or 办事处), "county", "city" or "province" (a government); NULL
 * for a generic name or one with no known suffix.  Static strings. */
const char *gk_place_body_kind(const gk_place_rules *r, const char *body, size_t len);

/* The k-th other spelling of a place name: its stem with another suffix
 * of the same level ("柳泉乡" for "柳泉镇", "铜山县" for "铜山区"), for names
 * that changed since the division list was made.  Writes it to out and
 * returns 1; returns 0 when there is no k-th one. */
int gk_place_alternative(const gk_place_rules *r, const char *name, size_t k,
                         char *out, size_t outsz);

/* The name without its administrative suffix ("白阳镇" -> "白阳",
 * "布海街道" -> "布海") written to out (size outsz); "" if the name is only a
 * suffix or too long. */
void gk_place_stem(const gk_place_rules *r, const char *name, char *out,
                   size_t outsz);

#ifdef __cplusplus
}
#endif

#endif

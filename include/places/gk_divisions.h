/* gk_divisions.h - the national division list (corpus/data/divisions/) and
 * resolving a report's issuing body to one place in it, with the evidence
 * the report gives: the county or city it names, a postal code, a
 * telephone area code.  When the evidence does not decide, the place is
 * ambiguous and every candidate is kept; nothing is guessed. */
#ifndef GK_DIVISIONS_H
#define GK_DIVISIONS_H

#include <stddef.h>

#include "gk_places.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_divisions gk_divisions;

/* Load DIR/divisions/{provinces,cities,areas,streets,district-code}.csv,
 * DIR/postcodes.tsv, DIR/contact_labels.tsv (the labels before a postal
 * code or a telephone number) and DIR/division_placeholders.tsv (the list's
 * names that stand for no place).  Fails with GK_ENOTFOUND, GK_EIO or
 * GK_ECORRUPT (file and line named). */
gk_status gk_divisions_load(gk_divisions **out, const char *dir,
                            char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_divisions_free(gk_divisions *d);

typedef enum gk_place_status {
    GK_PLACE_UNKNOWN,   /* not in the list (or no township/county named) */
    GK_PLACE_RESOLVED,  /* exactly one place */
    GK_PLACE_AMBIGUOUS  /* several places, the text does not decide */
} gk_place_status;

/* One place of the list, with the names of the levels above it. */
typedef struct gk_place_candidate {
    char code[16];      /* GB/T 2260: 9 digits for a township, 6 a county */
    gk_place names;     /* province, city, county, township ("" if none) */
} gk_place_candidate;

typedef struct gk_resolved_place {
    gk_place_status status;
    gk_place_candidate place;        /* RESOLVED: the place; otherwise the
                                        names the report itself gives */
    gk_place_candidate *candidates;  /* AMBIGUOUS: all of them */
    size_t ncandidates;
    char evidence[96];               /* what decided, e.g. "unique name",
                                        "county in the text: 固安县" */
} gk_resolved_place;

/* Resolve the issuing body split as `body` (township and any county, city,
 * province prefix) using the report's title and text.  A body naming no
 * township or county (县教育局, or none) starts from the county its contact
 * details name: the address it gives (地址:泾县…) and the website that
 * publishes it (某县人民政府门户网站), all naming one county, else unknown.
 * A county-level name not in the list but a city's (衡水市) is that city.
 * Then:
 *  1. the places of the list with that name (or another spelling of it);
 *  2. if several, those in the county, city or province the body names;
 *  3. those whose county, city or province is named in the title, the
 *     opening or the closing lines (the signature);
 *  4. those in the province of a postal code (邮编 042300);
 *  5. those in the city of a telephone area code (电话 0357-...);
 * the labels of 4 and 5 (and the address and website words) are those of
 * contact_labels.tsv.
 * Each step that would leave no candidate is skipped.  *out must be
 * zeroed; release with gk_resolved_place_clear.  Fails only with
 * GK_ENOMEM. */
gk_status gk_place_resolve(gk_resolved_place *out, const gk_divisions *d,
                           const gk_place_rules *rules, const gk_place *body,
                           const char *title, const char *text, size_t len);

/* Release and zero.  NULL-safe. */
void gk_resolved_place_clear(gk_resolved_place *p);

/* "resolved", "ambiguous", "unknown". */
const char *gk_place_status_name(gk_place_status s);

#ifdef __cplusplus
}
#endif

#endif

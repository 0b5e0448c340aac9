/* gk_linkkeys.h - the keys continuity: and copied: match (gk_schema.h).
 *
 * GK_SLOT_CONTINUITY_KEY holds a report's continuity as GK_SLOT_CONTINUITY
 * does ("ok", "mismatch", "unknown"): continuity:X is the one key X.
 * GK_SLOT_COPIED_KEY holds its copied marks in alphabetical order, so
 * that the keys holding one mark are one range of keys:
 *   "none" < "other_place" < "other_place,previous_year" < "previous_year"
 *   < "unknown".
 * A value range reads the slot's values as a stream; two ranges ORed
 * would read it twice. */
#ifndef GK_LINKKEYS_H
#define GK_LINKKEYS_H

#include <string.h>

/* The GK_SLOT_COPIED_KEY of a report whose GK_SLOT_COPIED is status. */
static inline const char *gk_copied_key(const char *status)
{
    return strcmp(status, "previous_year,other_place") == 0 ? "other_place,previous_year"
                                                            : status;
}

/* The range [*lo, *hi] of GK_SLOT_COPIED_KEY keys that copied:value
 * matches (value one of "previous_year", "other_place", "none",
 * "unknown"). */
static inline void gk_copied_key_range(const char *value, const char **lo, const char **hi)
{
    *lo = *hi = value;
    if (strcmp(value, "other_place") == 0)
        *hi = "other_place,previous_year";
    else if (strcmp(value, "previous_year") == 0)
        *lo = "other_place,previous_year";
}

#endif

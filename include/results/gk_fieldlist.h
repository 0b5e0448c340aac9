/* gk_fieldlist.h - gongkai-query --fields: every query field, figure,
 * facet, section and problem category with the names a user may type for
 * it (its Chinese label and aliases), read from the data files, so that the
 * list grows with them. */
#ifndef GK_FIELDLIST_H
#define GK_FIELDLIST_H

#include <stdio.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Print the list from the data files of dir (fields.tsv, values.tsv,
 * figures.tsv, sections.tsv, categories.tsv) to `to`: text for people, or
 * with json one line per entry, {"type":"field"|"figure"|"facet"|"section"|
 * "category","id":…,"label":…,"names":[…]} (a field with a list of
 * values also has "values":[{"id","names"}]).  Fails as gk_tsv_read does,
 * with nothing printed. */
gk_status gk_fieldlist_print(FILE *to, int json, const char *dir, char **errmsg);

#ifdef __cplusplus
}
#endif

#endif

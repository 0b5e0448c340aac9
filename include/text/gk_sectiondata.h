/* gk_sectiondata.h - the sections of a search document's data as the
 * indexer stores them (gk_schema.h, GK_DATA_MAGIC): read by the query tool
 * (--show, snippets, --similar) and by the indexer's link pass (copied
 * problems sections), so both read the same bytes the same way. */
#ifndef GK_SECTIONDATA_H
#define GK_SECTIONDATA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One section of a search document's data (gk_schema.h): the section as
 * the report writes it. */
typedef struct gk_data_section {
    char id[64];              /* canonical id, as stored */
    const char *title, *text; /* borrowed from the data; not NUL-terminated */
    size_t title_len, text_len;
    unsigned long line;       /* its first line in the source file; 0:
                                 unknown */
} gk_data_section;

/* Section k (0-based, in reading order) of a search document's data
 * (len bytes) in *out, pointing into data.  Returns 1, or 0 when there is
 * no section k or the data is not of this layout. */
int gk_data_section_get(const char *data, size_t len, size_t k, gk_data_section *out);

#ifdef __cplusplus
}
#endif

#endif

/* gk_show.h - one report's whole record, as gongkai-query --show prints
 * it. */
#ifndef GK_SHOW_H
#define GK_SHOW_H

#include <stdio.h>

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Print a report record (docs/JSON.md, "The report record"): as one JSON
 * line with json, else as text for people: place (with candidates when
 * ambiguous), year, template, sections with their lengths, figures with
 * their sources, arithmetic checks, problem categories with evidence.
 * With data (the report's search document's data, data_len bytes; NULL:
 * none), also every section whole as written: in JSON a field
 * "section_texts" [{id, title, text}], in text after the record. */
void gk_show_record(FILE *to, int json, int color, json_t *record, const char *data,
                    size_t data_len);

#ifdef __cplusplus
}
#endif

#endif

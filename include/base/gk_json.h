/* gk_json.h - the few JSON helpers every program's output shares (JSON
 * Lines through jansson: docs/JSON.md). */
#ifndef GK_JSON_H
#define GK_JSON_H

#include <stdio.h>

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A JSON string for text that may hold invalid UTF-8 (bad bytes become
 * U+FFFD); JSON null when out of memory. */
json_t *gk_json_text(const char *s);

/* A number as JSON: an integer when it is one, else a real.  NULL when
 * out of memory. */
json_t *gk_json_number(double value);

/* The parts of s (NULL: none) between commas as a JSON array of
 * strings, empty parts left out; NULL when out of memory. */
json_t *gk_json_list(const char *s);

/* Print obj as one compact line and release it (NULL is ignored). */
void gk_json_print(FILE *to, json_t *obj);

#ifdef __cplusplus
}
#endif

#endif

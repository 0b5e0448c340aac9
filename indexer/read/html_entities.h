/* html_entities.h - HTML named character references (private to html.c). */
#ifndef GK_HTML_ENTITIES_H
#define GK_HTML_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/* Longest entity name, without '&' and ';'. */
#define GK_HTML_ENTITY_MAX_NAME 32

/* Look up the entity name[0..len) (case-sensitive, without '&' and ';').
 * When legacy_only is set, only the names that HTML also accepts without a
 * trailing ';' ("nbsp", "amp", "copy", the Latin-1 set) match.  On a match,
 * stores its code points in cp (cp[1] is 0 for one-character entities) and
 * returns 1; returns 0 otherwise. */
int gk_html_entity_lookup(const char *name, size_t len, int legacy_only,
                          uint32_t cp[2]);

/* 1 if the table is strictly sorted (bsearch needs it); for the tests. */
int gk_html_entities_sorted(void);

#endif

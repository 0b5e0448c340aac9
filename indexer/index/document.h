/* document.h - the search document of one report; private to index
 * (layout: gk_schema.h). */
#ifndef GK_DOCUMENT_H
#define GK_DOCUMENT_H

#include "gk_analyze.h"
#include "gk_db.h"
#include "gk_places.h"
#include "gk_record.h"
#include "gk_sections.h"

/* Fill doc with the report: every section's terms at its positions with
 * its code, the sections as data, and the report's metadata, place,
 * figures and categories as filter terms and values.  Fails with the
 * analyser's or the shim's status, or GK_EINVAL for a section without a
 * code (sections.tsv longer than the codes). */
gk_status gk_document_build(gk_doc *doc, gk_analyzer *az, const gk_place_rules *places,
                            const gk_section_table *sections, const gk_report_facts *f,
                            char **errmsg);

/* The layout stamp of databases built with the section table t
 * (GK_META_LAYOUT in gk_schema.h) in *out, malloc'd.  Fails with
 * GK_ENOMEM. */
gk_status gk_document_layout(const gk_section_table *t, char **out);

#endif

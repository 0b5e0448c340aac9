/* document.h - the search document of one report section; private to
 * index (layout: gk_schema.h). */
#ifndef GK_DOCUMENT_H
#define GK_DOCUMENT_H

#include "gk_analyze.h"
#include "gk_db.h"
#include "gk_places.h"
#include "gk_record.h"

/* Fill doc with section `ordinal` of the report: its terms and positions,
 * and the report's metadata, place, figures and categories as filter terms
 * and values.  Fails with the analyser's or the shim's status. */
gk_status gk_document_build(gk_doc *doc, gk_analyzer *az,
                            const gk_place_rules *places,
                            const gk_report_facts *f, size_t ordinal,
                            char **errmsg);

#endif

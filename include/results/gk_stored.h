/* gk_stored.h - a report's record as the indexer stored it in the
 * database (docs/JSON.md, "The report record"): fetching it by report id,
 * and what gongkai-query reads from it beyond a hit's values. */
#ifndef GK_STORED_H
#define GK_STORED_H

#include <jansson.h>

#include "gk_db.h"
#include "gk_report_id.h"
#include "gk_sectiondata.h"
#include "gk_sections.h"
#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif


/* A report id as a user typed it (16 hexadecimal digits, either case) in
 * the form the database keeps (lower case) into out.  Returns 1, or 0 (out
 * untouched) when s is no report id. */
int gk_stored_id_parse(char out[GK_REPORT_ID_LEN + 1], const char *s);

/* The stored record of report report_id in *out (the caller's: release it
 * with json_decref).  Fails with GK_ENOTFOUND when the database has none,
 * the database's status, or GK_ECORRUPT when it does not unpack to JSON. */
gk_status gk_stored_record_get(json_t **out, gk_db *db, const char *report_id,
                               char **errmsg);

/* GK_OK if db has the layout this program reads (gk_schema.h: one
 * document per report, the section codes of table t), or no documents;
 * else GK_EUNSUPPORTED and a message saying to rebuild it with
 * gongkai-index --force (an older version's database, one document per
 * section, has no layout stamp).  Fails with the database's status. */
gk_status gk_stored_layout_check(gk_db *db, const gk_section_table *t, char **errmsg);

/* What --show was given (arg) as a report id, in out: arg itself when it is
 * a unique prefix of at least GK_REPORT_ID_MIN_PREFIX hexadecimal digits
 * (any case) of a stored report's id, or else the report of the file at
 * path arg (as given when absolute, or resolved to an absolute path).
 * *matches says how many stored reports the prefix named (0 when arg is
 * no prefix).  Returns GK_OK (out set), GK_ENOTFOUND (no such report;
 * *matches 0), GK_EINVAL (a prefix naming *matches > 1 reports), or the
 * database's status. */
gk_status gk_stored_resolve(char out[GK_REPORT_ID_LEN + 1], size_t *matches, gk_db *db,
                            const char *arg, char **errmsg);

/* The search document of report report_id: a page of results in *out
 * (the caller's: gk_results_free) holding it, or nothing when the database
 * has none.  Fails with the database's status. */
gk_status gk_stored_document(gk_results **out, gk_db *db, const char *report_id,
                             char **errmsg);

/* Fewest hexadecimal digits --show takes as a report id prefix. */
#define GK_REPORT_ID_MIN_PREFIX 4

/* What a figure table says about a report's figures beyond their values,
 * from its record: "procurement_amount_yuan approx; fees_yuan unit not
 * given (taken as 元)" ("" when nothing, or record is NULL).  malloc'd;
 * NULL when out of memory. */
char *gk_stored_figure_notes(const json_t *record);

#ifdef __cplusplus
}
#endif

#endif

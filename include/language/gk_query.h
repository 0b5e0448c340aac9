/* gk_query.h - gongkai's query language: parsing a query typed by a user and
 * turning it into an engine query.
 *
 *   存在的主要问题          text: found wherever it occurs as a substring
 *   "行政 复议"             a phrase: quoted with "..." or “...”
 *   a b, a AND b            both; a OR b either; NOT a, -a  without
 *   ( ... )                 grouping; NOT binds tighter than AND, AND than OR
 *   township:柳泉镇 镇:柳泉  the township (with or without its suffix)
 *   county:彭阳县 县:彭阳    the county; city:固原 市:固原, province:宁夏 省:宁夏
 *   place_code:6404         a GB/T 2260 code (any level); place_status:ambiguous
 *   category:timeliness 问题:时效性   a problem category of categories.tsv
 *   year:2020 year:2019..2021 year:2019.. year:..2020   the year reported on
 *   section:problems 章节:存在的主要问题   a section, by id or Chinese name
 *   kind:report|document    report:ID
 *   requests_new:5..  requests_new>=5  采购金额:1万..200万  figure ranges
 *       (ids, labels and aliases of figures.tsv; >, >=, <, <=, = too; a
 *       report whose figure is unknown never matches)
 *   consistency:mismatch  template:2021
 *   completeness:incomplete  missing:problems  deadline:late   what the law
 *       requires (docs/COMPLETENESS.md)
 *   signed:2022-01-20  signed:2022-01-01..2022-03-31  signed>2022-03-31
 *   similar:ID              the reports sharing 80% or more of a section
 *                           with report ID (docs/SIMILAR.md)
 * Field names and their Chinese aliases come from the data file fields.tsv,
 * the values of consistency, template, place_status, kind, completeness,
 * missing and deadline (and their
 * Chinese names) from values.tsv, section names from sections.tsv.
 * Operators are upper-case only. */
#ifndef GK_QUERY_H
#define GK_QUERY_H

#include <stddef.h>

#include "gk_analyze.h"
#include "gk_categories.h"
#include "gk_db.h"
#include "gk_figures.h"
#include "gk_sections.h"
#include "gk_status.h"
#include "gk_table.h"
#include "gk_text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_field {
    GK_FIELD_TOWNSHIP,
    GK_FIELD_COUNTY,
    GK_FIELD_YEAR,
    GK_FIELD_SECTION,
    GK_FIELD_KIND,
    GK_FIELD_REPORT,
    GK_FIELD_CONSISTENCY,
    GK_FIELD_TEMPLATE,
    GK_FIELD_CITY,
    GK_FIELD_PROVINCE,
    GK_FIELD_PLACE_CODE,
    GK_FIELD_PLACE_STATUS,
    GK_FIELD_CATEGORY,
    GK_FIELD_COMPLETENESS,
    GK_FIELD_MISSING,
    GK_FIELD_DEADLINE,
    GK_FIELD_SIGNED,
    GK_FIELD_CONTINUITY, /* ok, mismatch, unknown: against the year before */
    GK_FIELD_COPIED, /* previous_year, other_place, none, unknown: the
                        problems section copied (the link pass) */
    GK_FIELD_SIMILAR, /* similar:ID, through gk_query_env.similar */
    GK_FIELD_FIGURE, /* not in fields.tsv: one of figures.tsv's figures */
    GK_FIELD_COUNT
} gk_field;

typedef struct gk_field_table gk_field_table;

/* Load DIR/fields.tsv ("field<TAB>name" records) and DIR/values.tsv
 * ("field<TAB>value<TAB>name"), and the figures' names of DIR/figures.tsv
 * when there is one (for gk_field_nearest).  Fails like gk_tsv_read, or with
 * GK_ECORRUPT for a field gongkai does not know, a name two fields or two
 * values share, a value list for a field that takes any value, or a field
 * that takes one of a list without one. */
gk_status gk_field_table_load(gk_field_table **out, const char *dir,
                              char **errmsg);

/* Release a field table.  A harmless no-op on NULL. */
void gk_field_table_free(gk_field_table *t);

/* The field called `name` (len bytes; ASCII matched case-insensitively),
 * or -1. */
int gk_field_lookup(const gk_field_table *t, const char *name, size_t len);

/* The canonical name of a field ("township"). */
const char *gk_field_name(gk_field f);

/* The fields and their names, in fields.tsv order (ids are the canonical
 * names); borrowed for the field table's lifetime. */
const gk_table *gk_field_names(const gk_field_table *t);

/* Every name a field or figure may be given before the colon: the names
 * of fields.tsv and the ids, labels and aliases of figures.tsv, in file
 * order.  The i-th name (NULL past the end), with *of set to the field or
 * figure it names and *figure to 1 for a figure (either may be NULL);
 * borrowed for the field table's lifetime. */
size_t gk_field_name_count(const gk_field_table *t);
const char *gk_field_name_at(const gk_field_table *t, size_t i, const char **of,
                             int *figure);

/* The names nearest to name[0..len) (a misspelt field: "采购额", "yeer"),
 * appended to out as "采购金额 (procurement_amount_yuan), ...": those at the
 * smallest edit distance, when it is small for the name's length (none
 * for a single Chinese character).  Returns how many (0: none near). */
size_t gk_field_nearest(const gk_field_table *t, const char *name, size_t len,
                        gk_buf *out);

/* The values field f takes and the names typed for them (ids are the
 * values as indexed), or NULL for a field that takes any value; borrowed
 * for the field table's lifetime. */
const gk_table *gk_field_values(const gk_field_table *t, gk_field f);

/* Everything parsing needs; borrowed for the parse call. */
typedef struct gk_query_env {
    gk_analyzer *az;
    const gk_section_table *sections;
    const gk_field_table *fields;
    const gk_figure_rules *figures;
    const gk_taxonomy *taxonomy;
    gk_folder *folder; /* queries are folded like indexed text */
    /* similar:ID (ID: 16 lower-case hex digits): the ids of the reports
     * sharing a section with report ID, joined by spaces, in *ids
     * (malloc'd; "" for none); fails with GK_ENOTFOUND when there is no
     * such report, or another status, a message in *errmsg.  NULL:
     * similar: is refused (there is no database to ask). */
    gk_status (*similar)(void *ctx, const char *report_id, char **ids, char **errmsg);
    void *similar_ctx;
} gk_query_env;

typedef struct gk_query gk_query;

/* Parse query text (any bytes: it is normalised like indexed text first).
 * Fails with GK_EQUERY and a one-line message saying what is wrong and where
 * ("unterminated quote opened at character 3"), or GK_ENOMEM. */
gk_status gk_query_parse(gk_query **out, const gk_query_env *env,
                         const char *text, size_t len, char **errmsg);

/* Release a parsed query.  A harmless no-op on NULL. */
void gk_query_free(gk_query *q);

/* The engine query.  An empty query matches every document.  Fails with
 * GK_ENOMEM or GK_EINTERNAL. */
gk_status gk_query_compile(const gk_query *q, gk_xquery **out, char **errmsg);

/* The engine query of q restricted to section id: its text matched in
 * that section, its section: filters as if it were the only one (for
 * counting reports by matched section).  Fails like gk_query_compile. */
gk_status gk_query_compile_section(const gk_query *q, const char *section, gk_xquery **out,
                                   char **errmsg);

/* 1 if the query's section: filters (those of its top level) allow a
 * match in section id, so that a hit's matched sections are those of its
 * sections in scope where its phrases occur; 1 for every section of a
 * query without section: filters. */
int gk_query_in_scope(const gk_query *q, const char *section);

/* 1 if the query has text to match (not only filters or exclusions). */
int gk_query_has_text(const gk_query *q);

/* The figures the query filters on (indexes into the figure rules), in
 * order of appearance, without repeats; at most `max`.  Returns how many. */
size_t gk_query_figures(const gk_query *q, int *out, size_t max);

/* The phrases a hit must have matched (text outside any NOT), for
 * highlighting; borrowed for the query's lifetime. */
size_t gk_query_phrase_count(const gk_query *q);
const gk_phrase *gk_query_phrase(const gk_query *q, size_t i);

/* The parsed query in a compact form for tests and --explain:
 * AND(TEXT("行政复议"),YEAR(2019..2021)); malloc'd, NULL when out of
 * memory. */
char *gk_query_dump(const gk_query *q);

/* A note on how the query was read that its writer may not expect (a
 * lower-case "or" between words is searched as a word), or NULL; borrowed
 * for the query's lifetime. */
const char *gk_query_hint(const gk_query *q);

#ifdef __cplusplus
}
#endif

#endif

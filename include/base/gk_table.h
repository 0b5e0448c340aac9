/* gk_table.h - one table type for every data file that names things: ids
 * in file order, each with an optional Chinese label and any number of
 * aliases, and the file's own records (cues, heading patterns, slots).
 *
 * A file is read as "ID<TAB>KIND<TAB>TEXT" records (see gk_tsv.h): KIND
 * "label" gives the id's display name, "alias" another name a user may
 * type, and any other kind one the file declares in its gk_table_spec.
 * A name (id, label or alias) belongs to one id only. */
#ifndef GK_TABLE_H
#define GK_TABLE_H

#include <stddef.h>

#include "gk_status.h"
#include "gk_util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of a gk_table_spec. */
enum {
    GK_TABLE_ID_ANYCASE = 1, /* ids match in any ASCII case (labels, aliases exactly) */
    GK_TABLE_ANYCASE = 2,    /* every name matches in any ASCII case */
    GK_TABLE_ID_DIGITS = 4   /* ids may hold 0-9 besides a-z and _ */
};

/* What a file holds.  The strings must outlive the table. */
typedef struct gk_table_spec {
    const char *entry;               /* what an id names, for messages: "section" */
    const char *const *kinds;        /* its own record kinds, NULL-terminated; may be NULL */
    const char *const *shared_kinds; /* kinds of "-" records (of no id); may be NULL */
    unsigned flags;
} gk_table_spec;

/* A record of one of the file's own kinds; borrowed for the table's life. */
typedef struct gk_table_record {
    size_t entry;     /* the index of its id; GK_TABLE_SHARED for a "-" record */
    const char *kind; /* the spec's string */
    const char *text;
    size_t line;      /* in the file; 0 for a record added by gk_table_add */
} gk_table_record;

#define GK_TABLE_SHARED ((size_t)-1)

typedef struct gk_table gk_table;

/* An empty table (for a file of another shape, filled with gk_table_add).
 * Fails only with GK_ENOMEM. */
gk_status gk_table_new(gk_table **out, const gk_table_spec *spec, char **errmsg);

/* Load DIR/NAME.  Fails like gk_tsv_read (file and line named), or with
 * GK_ECORRUPT for a record that is not three fields, a malformed id, an
 * unknown record kind, a second label or a name another id already has. */
gk_status gk_table_load(gk_table **out, const char *dir, const char *name,
                        const gk_table_spec *spec, char **errmsg);

/* Add one record, creating the id at the end when it is new.  Fails like
 * gk_table_load (without a file position) or with GK_ENOMEM. */
gk_status gk_table_add(gk_table *t, const char *id, const char *kind,
                       const char *text, char **errmsg);

/* Release.  A harmless no-op on NULL. */
void gk_table_free(gk_table *t);

/* The ids in file order; the i-th id and its label (NULL when it has
 * none), borrowed for the table's lifetime; NULL past the end. */
size_t gk_table_count(const gk_table *t);
const char *gk_table_id(const gk_table *t, size_t i);
const char *gk_table_label(const gk_table *t, size_t i);

/* The id called name[0..len) (by its id, label or an alias, folded as the
 * spec's flags say), or -1. */
int gk_table_find(const gk_table *t, const char *name, size_t len);

/* The next record of `kind` (any own kind when NULL) at or after index *k,
 * in file order, with *k moved past it; NULL when there is none. */
const gk_table_record *gk_table_next(const gk_table *t, const char *kind, size_t *k);

/* Append the ids to out for a message: "a, b, c", with `last` instead of
 * ", " before the final one (" or " gives "a, b or c").  GK_OK or
 * GK_ENOMEM. */
gk_status gk_table_list_ids(const gk_table *t, gk_buf *out, const char *last);

/* Like gk_fail, for a record whose text the caller finds wrong: the
 * message is "FILE:LINE: " and the formatted reason.  Returns st. */
gk_status gk_table_fail_at(const gk_table *t, const gk_table_record *r,
                           gk_status st, char **errmsg, const char *fmt, ...)
    GK_PRINTF(5, 6);

#ifdef __cplusplus
}
#endif

#endif

/* roots.h - the named folders of a database (private to the index
 * module).  Each folder given to gongkai-index is remembered by a name:
 * its own ("corpus"), "COLLECTION:corpus" with --collection, or
 * "corpus.2" when another folder of that name is indexed already and
 * still there.  A file's collection key is the name of the innermost
 * known folder holding it and the path below ("corpus/2021/a.html"); its
 * report id is the key's hash (gk_report_id.h).  A folder inside a known
 * one keeps that one's names; a known folder gone from its place and
 * given again elsewhere under its name is taken as moved, so its ids
 * stay.  The names live in the metadata under GK_META_ROOT. */
#ifndef GK_ROOTS_H
#define GK_ROOTS_H

#include "gk_db.h"
#include "gk_status.h"

#define GK_META_ROOT "root/" /* + hash of the name: "NAME\nABSOLUTE PATH" */

typedef struct gk_roots gk_roots;

/* The folders stored in db; collection (NULL for none) names the new
 * ones.  Fails with the database's status or GK_ENOMEM. */
gk_status gk_roots_load(gk_roots **out, gk_db *db, const char *collection,
                        char **errmsg);

void gk_roots_free(gk_roots *r);

/* Know the folder of path (path itself, or a file's folder).  When that
 * makes a new name or moves one, *name and *abs say what to store
 * (borrowed from r); else both are NULL.  A path that does not resolve
 * is left to the walk to report.  Fails only with GK_ENOMEM. */
gk_status gk_roots_add(gk_roots *r, const char *path, const char **name,
                       const char **abs, char **errmsg);

/* The collection key of the file at abs_path (malloc'd; NULL when out of
 * memory): its path itself when no known folder holds it. */
char *gk_roots_key(const gk_roots *r, const char *abs_path);

/* The metadata key under which the folder called name is stored. */
void gk_roots_meta_key(char out[64], const char *name);

#endif

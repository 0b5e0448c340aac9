/* gk_paths.h - where the data files and the default database live. */
#ifndef GK_PATHS_H
#define GK_PATHS_H

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The directory holding gongkai's data files (sections.tsv ...):
 * $GONGKAI_DATA_DIR if set; corpus/data of the source tree when the running
 * program sits at the top of its build tree; ../share/gongkai beside the
 * program (an install, wherever it was moved); the configured install
 * directory.  *out is malloc'd.  Fails with
 * GK_ENOTFOUND and a message naming the places tried. */
gk_status gk_data_dir(char **out, char **errmsg);

/* The database used when none is given: $GONGKAI_DB, else
 * $XDG_DATA_HOME/gongkai/db, else $HOME/.local/share/gongkai/db.
 * *out is malloc'd.  Fails with GK_ENOTFOUND when none can be formed. */
gk_status gk_default_db_path(char **out, char **errmsg);

/* Create dir and its missing parents (mode 0777 & ~umask).  Existing
 * directories are fine.  Fails with GK_EIO and a message. */
gk_status gk_mkdir_p(const char *dir, char **errmsg);

/* dir + "/" + name, malloc'd; NULL when out of memory. */
char *gk_path_join(const char *dir, const char *name);

#ifdef __cplusplus
}
#endif

#endif

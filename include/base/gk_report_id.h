/* gk_report_id.h - what names a report: the id gongkai-index gives the
 * report of a file, and the query tool finds it by.
 *
 * A report id is made from the file's place in its collection, not from
 * where the collection lies: the name of the folder indexed (its root, or
 * "COLLECTION:name" with gongkai-index --collection) and the path below
 * it.  Moving or copying the folder keeps every id; two collections get
 * different ids as long as their names differ (docs/SCALE.md).  A file's
 * absolute path is kept apart, as the file key, so that a path given to
 * gongkai-query --show still finds its report. */
#ifndef GK_REPORT_ID_H
#define GK_REPORT_ID_H

#ifdef __cplusplus
extern "C" {
#endif

#define GK_REPORT_ID_LEN 16 /* lower-case hexadecimal digits */

/* The report id of the file named key in its collection ("corpus/2021/
 * a.html"): 64-bit FNV-1a of key, as 16 hexadecimal digits and a NUL. */
void gk_report_id_of_key(char out[GK_REPORT_ID_LEN + 1], const char *key);

/* The file key of the file at abs_path: the same hash of the absolute
 * path, which finds a report by its file (GK_PREFIX_FILE terms). */
void gk_report_file_key(char out[GK_REPORT_ID_LEN + 1], const char *abs_path);

#ifdef __cplusplus
}
#endif

#endif

/* gk_report_id.h - what names a report: the id gongkai-index gives the
 * report of a file, and the query tool finds it by. */
#ifndef GK_REPORT_ID_H
#define GK_REPORT_ID_H

#ifdef __cplusplus
extern "C" {
#endif

#define GK_REPORT_ID_LEN 16 /* lower-case hexadecimal digits */

/* The report id of the file at abs_path: 64-bit FNV-1a of the path, as
 * 16 hexadecimal digits and a NUL. */
void gk_report_id_of_path(char out[GK_REPORT_ID_LEN + 1], const char *abs_path);

#ifdef __cplusplus
}
#endif

#endif

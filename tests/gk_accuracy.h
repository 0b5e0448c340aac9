/* gk_accuracy.h - what the accuracy tests share (tests/gen/gen_accuracy.c
 * on generated reports, tests/real/real_accuracy.c on the real-fixture
 * set): running the real programs, reading their --json lines by file,
 * listing every hit of a query, comparing values.  Every helper fails the
 * running test on error. */
#ifndef GK_ACCURACY_H
#define GK_ACCURACY_H

#include <jansson.h>

#include "gk_cli.h"

/* Run `program -d db ARGS...` (no -d when db is NULL); its stdout
 * (malloc'd: the caller frees it), or a failed test unless it exits
 * want_status (GK_CLI_0_OR_1: 0 or 1). */
char *gk_acc_run(const char *program, const char *db, const char *const args[],
                 int want_status);

/* Every JSON line of text whose "type" is type, put into by_file under the
 * base name of its "path": the line itself, or with sections set an array
 * of the lines' "section" ids (one per line, in order).  Fails the test on
 * a line that is not JSON. */
void gk_acc_index_lines(const char *text, const char *type, json_t *by_file, int sections);

/* Every hit of `gongkai-query -d db --json --by report|section QUERY`,
 * page by page: the JSON lines concatenated (malloc'd: the caller frees
 * them). */
char *gk_acc_list_all(const char *db, int by_report, const char *query);

/* A sorted copy of an array of strings, duplicates dropped (a new
 * reference: the caller decrefs it); NULL is an empty array. */
json_t *gk_acc_sorted_set(const json_t *arr);

/* A JSON value as short text: a string as itself, "(absent)" for NULL,
 * anything else compact JSON (malloc'd: the caller frees it). */
char *gk_acc_text_of(const json_t *v);

/* a and b are the same value: numbers within 1e-6 (relative), a missing
 * value the same as null, anything else json_equal. */
int gk_acc_same(const json_t *a, const json_t *b);

/* The base name of a path (borrowed from path). */
const char *gk_acc_base_name(const char *path);

#endif

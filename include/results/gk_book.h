/* gk_book.h - a spreadsheet workbook (.xlsx, by libxlsxwriter) of typed
 * tables: numbers as numbers, unknown values as empty cells (never 0),
 * text as shared strings with every control character escaped, each
 * sheet with a bold, frozen header row and columns as wide as what they
 * hold.  Used by --format xlsx (figtable.c, facetfields.c). */
#ifndef GK_BOOK_H
#define GK_BOOK_H

#include <stddef.h>
#include <stdio.h>

#include "gk_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_book gk_book;

/* A new, empty workbook, built in a temporary file (under $TMPDIR, else
 * /tmp) until gk_book_write.  Fails with GK_ENOMEM or GK_EIO. */
gk_status gk_book_new(gk_book **out, char **errmsg);

/* Start a new sheet called name (cut to 31 characters; a name already used
 * gets " 2", " 3"...) whose first row, the header, is columns[0..n).  The
 * cells that follow go to it, from its second row. */
void gk_book_sheet_add(gk_book *b, const char *name, const char *const *columns, size_t n);

/* The next cell of the current row: text (control characters escaped,
 * as the text output shows them; cut to Excel's 32767 characters). */
void gk_book_text(gk_book *b, const char *s);

/* The next cell of the current row: the number v, or an empty cell when
 * not known. */
void gk_book_number(gk_book *b, int known, double v);

/* End the current row: the next cell starts the next one. */
void gk_book_row_end(gk_book *b);

/* Finish the workbook and copy it to `to`.  Fails with the first error
 * met while filling it or writing it (GK_EIO, GK_ENOMEM, GK_EINVAL: more
 * rows than a sheet holds). */
gk_status gk_book_write(gk_book *b, FILE *to, char **errmsg);

/* Release a workbook and remove its temporary file.  A harmless no-op on
 * NULL. */
void gk_book_free(gk_book *b);

#ifdef __cplusplus
}
#endif

#endif

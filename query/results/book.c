/* book.c - a workbook of typed tables, written by libxlsxwriter: a real
 * .xlsx whose numbers are numeric cells and whose text is shared strings
 * (hand-written XML in a ZIP would get the escaping, the string table and
 * the numeric types wrong).  libxlsxwriter writes to a named file only
 * (the ZIP is rewound as it is written), so the workbook is built in a
 * temporary file and copied to the output. */
#define _POSIX_C_SOURCE 200809L
#include "gk_book.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "gk_escape.h"
#include "gk_facetout.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define SHEET_NAME_MAX 31      /* Excel's limit, in characters */
#define CELL_CHARS_MAX 32767   /* Excel's limit on a cell's text */
#define WIDTH_MIN 6.0
#define WIDTH_MAX 60.0

struct gk_book {
    lxw_workbook *wb;
    lxw_format *bold;
    char *path;         /* the temporary file */
    char *tmpdir;
    lxw_worksheet *ws;  /* the current sheet */
    lxw_row_t row;
    lxw_col_t col;
    size_t ncols;       /* the current sheet's header's */
    double *widths;     /* of its columns, in characters */
    gk_status status;   /* the first error met */
    char *msg;
};

/* Keep the first error. */
static void failed(gk_book *b, gk_status st, const char *what)
{
    if (b->status != GK_OK)
        return;
    b->status = st;
    b->msg = gk_strdup(what);
}

gk_status gk_book_new(gk_book **out, char **errmsg)
{
    *out = NULL;
    gk_book *b = calloc(1, sizeof *b);
    if (b == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    size_t n = strlen(dir) + sizeof "/gongkai-XXXXXX";
    b->path = malloc(n);
    b->tmpdir = gk_strdup(dir);
    if (b->path == NULL || b->tmpdir == NULL) {
        gk_book_free(b);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    snprintf(b->path, n, "%s/gongkai-XXXXXX", dir);
    int fd = mkstemp(b->path);
    if (fd < 0) {
        gk_status st = gk_fail(errmsg, GK_EIO, "%s: %s", dir, strerror(errno));
        b->path[0] = '\0';
        gk_book_free(b);
        return st;
    }
    close(fd);
    lxw_workbook_options opts = {0, b->tmpdir, 0};
    b->wb = workbook_new_opt(b->path, &opts);
    if (b->wb == NULL || (b->bold = workbook_add_format(b->wb)) == NULL) {
        gk_book_free(b);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    format_set_bold(b->bold);
    *out = b;
    return GK_OK;
}

/* Set the current sheet's columns as wide as what they hold. */
static void set_widths(gk_book *b)
{
    for (size_t c = 0; b->ws != NULL && c < b->ncols; c++) {
        double w = b->widths[c] + 2;
        w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
        worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
}

/* Widen column b->col to hold `chars` characters. */
static void widen(gk_book *b, double chars)
{
    if (b->col < b->ncols && chars > b->widths[b->col])
        b->widths[b->col] = chars;
}

/* s escaped and cut to what a cell holds; malloc'd, NULL when out of
 * memory. */
static char *cell_text(const char *s)
{
    char *t = gk_escape(s);
    if (t == NULL)
        return NULL;
    size_t len = strlen(t), i = 0, chars = 0;
    while (i < len && chars < CELL_CHARS_MAX) {
        gk_utf8_next(t, len, &i);
        chars++;
    }
    t[i] = '\0';
    return t;
}

void gk_book_sheet_add(gk_book *b, const char *name, const char *const *columns, size_t n)
{
    if (b->status != GK_OK)
        return;
    set_widths(b);
    free(b->widths);
    b->widths = calloc(n + 1, sizeof *b->widths);
    b->ncols = b->widths != NULL ? n : 0;
    char sheet[4 * SHEET_NAME_MAX + 16];
    char *safe = cell_text(name);
    size_t len = safe != NULL ? strlen(safe) : 0, i = 0, chars = 0;
    while (i < len && chars < SHEET_NAME_MAX - 4) {
        gk_utf8_next(safe, len, &i);
        chars++;
    }
    snprintf(sheet, sizeof sheet, "%.*s", (int)i, safe != NULL ? safe : "sheet");
    free(safe);
    b->ws = NULL;
    for (unsigned k = 1; k < 1000 && b->ws == NULL; k++) {
        char named[sizeof sheet + 8];
        if (k == 1)
            snprintf(named, sizeof named, "%s", sheet);
        else
            snprintf(named, sizeof named, "%s %u", sheet, k);
        /* a name taken, or with a character Excel refuses, is no error
         * to the workbook: try the next */
        if (workbook_validate_sheet_name(b->wb, named) == LXW_NO_ERROR)
            b->ws = workbook_add_worksheet(b->wb, named);
    }
    if (b->ws == NULL) {
        failed(b, GK_EINVAL, "no name left for a sheet");
        return;
    }
    b->row = 0;
    b->col = 0;
    for (size_t c = 0; c < n; c++) {
        char *t = cell_text(columns[c]);
        if (t == NULL) {
            failed(b, GK_ENOMEM, "out of memory");
            return;
        }
        worksheet_write_string(b->ws, 0, (lxw_col_t)c, t, b->bold);
        widen(b, (double)gk_display_width(t));
        b->col++;
        free(t);
    }
    worksheet_freeze_panes(b->ws, 1, 0);
    gk_book_row_end(b);
}

/* Write-error lxw_error of the cell just written, if any. */
static void check(gk_book *b, lxw_error e)
{
    if (e == LXW_NO_ERROR)
        return;
    failed(b, e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE ? GK_EINVAL
              : e == LXW_ERROR_MEMORY_MALLOC_FAILED      ? GK_ENOMEM
                                                         : GK_EINTERNAL,
           e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE ? "more rows than a sheet holds"
                                                       : lxw_strerror(e));
}

void gk_book_text(gk_book *b, const char *s)
{
    if (b->status != GK_OK || b->ws == NULL)
        return;
    if (s != NULL && s[0] != '\0') {
        char *t = cell_text(s);
        if (t == NULL) {
            failed(b, GK_ENOMEM, "out of memory");
            return;
        }
        check(b, worksheet_write_string(b->ws, b->row, b->col, t, NULL));
        widen(b, (double)gk_display_width(t));
        free(t);
    }
    b->col++;
}

void gk_book_number(gk_book *b, int known, double v)
{
    if (b->status != GK_OK || b->ws == NULL)
        return;
    if (known) {
        check(b, worksheet_write_number(b->ws, b->row, b->col, v, NULL));
        char shown[32];
        widen(b, (double)snprintf(shown, sizeof shown, "%.15g", v));
    }
    b->col++;
}

void gk_book_row_end(gk_book *b)
{
    b->row++;
    b->col = 0;
}

/* Copy the file at path to `to`. */
static gk_status copy_to(FILE *to, const char *path, char **errmsg)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return gk_fail(errmsg, GK_EIO, "%s: %s", path, strerror(errno));
    char buf[65536];
    size_t n;
    gk_status st = GK_OK;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, to) != n) {
            st = gk_fail(errmsg, GK_EIO, "writing the workbook: %s", strerror(errno));
            break;
        }
    if (st == GK_OK && ferror(in))
        st = gk_fail(errmsg, GK_EIO, "%s: %s", path, strerror(errno));
    fclose(in);
    return st;
}

gk_status gk_book_write(gk_book *b, FILE *to, char **errmsg)
{
    set_widths(b);
    lxw_error e = workbook_close(b->wb);
    b->wb = NULL;
    if (b->status != GK_OK)
        return gk_fail(errmsg, b->status, "%s", b->msg ? b->msg : gk_status_str(b->status));
    if (e != LXW_NO_ERROR)
        return gk_fail(errmsg, GK_EIO, "%s: %s", b->path, lxw_strerror(e));
    return copy_to(to, b->path, errmsg);
}

void gk_book_free(gk_book *b)
{
    if (b == NULL)
        return;
    if (b->wb != NULL)
        workbook_close(b->wb); /* frees it; the file is removed below */
    if (b->path != NULL && b->path[0] != '\0')
        unlink(b->path);
    free(b->path);
    free(b->tmpdir);
    free(b->widths);
    free(b->msg);
    free(b);
}

/* tsv.c - reading gongkai's tab-separated data files. */
#include "gk_tsv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_paths.h"
#include "gk_utf8.h"
#include "gk_util.h"

#define GK_TSV_MAX_FIELDS 16

gk_status gk_tsv_read(const char *path, gk_tsv_row_fn fn, void *ctx,
                      char **errmsg)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO,
                       "%s: %s", path, strerror(errno));
    gk_buf line = {0};
    gk_status st = GK_OK;
    size_t lineno = 0;
    int c = 0;
    while (st == GK_OK && c != EOF) {
        line.len = 0;
        while ((c = getc(f)) != EOF && c != '\n')
            if (gk_buf_addc(&line, (char)c) != GK_OK) {
                st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
                break;
            }
        if (st != GK_OK)
            break;
        if (c == EOF && line.len == 0)
            break;
        lineno++;
        if (gk_buf_addc(&line, '\0') != GK_OK) {
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
            break;
        }
        line.len--;
        if (line.len > 0 && line.data[line.len - 1] == '\r')
            line.data[--line.len] = '\0';
        if (!gk_utf8_valid(line.data, line.len)) {
            st = gk_fail(errmsg, GK_ECORRUPT, "%s:%zu: not valid UTF-8", path,
                         lineno);
            break;
        }
        if (line.len == 0 || line.data[0] == '#')
            continue;
        char *fields[GK_TSV_MAX_FIELDS];
        size_t n = 0;
        char *p = line.data;
        for (;;) {
            if (n == GK_TSV_MAX_FIELDS) {
                st = gk_fail(errmsg, GK_ECORRUPT, "%s:%zu: too many fields",
                             path, lineno);
                break;
            }
            fields[n++] = p;
            char *tab = strchr(p, '\t');
            if (tab == NULL)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (st != GK_OK)
            break;
        char *why = NULL;
        st = fn(ctx, fields, n, lineno, &why);
        if (st != GK_OK)
            gk_fail(errmsg, st, "%s:%zu: %s", path, lineno,
                    why != NULL ? why : gk_status_str(st));
        free(why);
    }
    if (st == GK_OK && ferror(f))
        st = gk_fail(errmsg, GK_EIO, "%s: read error", path);
    fclose(f);
    gk_buf_free(&line);
    return st;
}

gk_status gk_tsv_read_in(const char *dir, const char *name, gk_tsv_row_fn fn,
                         void *ctx, char **errmsg)
{
    char *path = gk_path_join(dir, name);
    if (path == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_tsv_read(path, fn, ctx, errmsg);
    free(path);
    return st;
}

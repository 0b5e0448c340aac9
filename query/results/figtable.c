/* figtable.c - one row of figures per report: CSV (RFC 4180 quoting), TSV
 * (tabs and line breaks in text become spaces), JSON Lines or a sheet of a
 * workbook (numbers typed). */
#include "gk_figtable.h"

#include <stdlib.h>
#include <string.h>

#include "gk_escape.h"
#include "gk_json.h"
#include "gk_utf8.h"

int gk_figtable_format_of(const char *name)
{
    if (strcmp(name, "csv") == 0)
        return GK_FIGTABLE_CSV;
    if (strcmp(name, "tsv") == 0)
        return GK_FIGTABLE_TSV;
    if (strcmp(name, "json") == 0)
        return GK_FIGTABLE_JSON;
    if (strcmp(name, "xlsx") == 0)
        return GK_FIGTABLE_XLSX;
    return -1;
}

/* One text cell, preceded by a separator unless first. */
static void cell(FILE *to, gk_figtable_format f, const char *s, int first)
{
    if (!first)
        fputc(f == GK_FIGTABLE_CSV ? ',' : '\t', to);
    char *clean = gk_escape(s); /* no control character, even in a CSV */
    if (clean == NULL)
        return;
    if (f == GK_FIGTABLE_CSV && strpbrk(clean, ",\"\r\n") != NULL) {
        fputc('"', to);
        for (const char *p = clean; *p; p++) {
            if (*p == '"')
                fputc('"', to);
            fputc(*p, to);
        }
        fputc('"', to);
    } else {
        for (char *p = clean; *p; p++)
            if (f == GK_FIGTABLE_TSV && (*p == '\t' || *p == '\n' || *p == '\r'))
                *p = ' ';
        fputs(clean, to);
    }
    free(clean);
}

static void number_cell(FILE *to, gk_figtable_format f, int known, double v)
{
    fputc(f == GK_FIGTABLE_CSV ? ',' : '\t', to);
    if (known)
        fprintf(to, "%.15g", v);
}

void gk_figtable_cell(FILE *to, gk_figtable_format f, const char *s, int first)
{
    cell(to, f, s, first);
}

void gk_figtable_number_cell(FILE *to, gk_figtable_format f, int known, double v)
{
    number_cell(to, f, known, v);
}

/* The columns before the figures, in the order of the row's fields. */
static const char *const columns[] = {
    "report_id", "path",     "title",        "township", "county",   "city",
    "province",  "place_code", "place_status", "year",     "template", "consistency",
    "completeness", "missing", "signed", "deadline"};
#define NCOLUMNS (sizeof columns / sizeof columns[0])
/* The columns after the figures. */
static const char *const after[] = {"notes", "continuity",
                                    "previous_requests_carried_forward", "copied",
                                    "copied_from"};
#define NAFTER (sizeof after / sizeof after[0])

void gk_figtable_header(FILE *to, gk_figtable_format f,
                        const gk_hit_figure *figures, size_t nfigures)
{
    if (f == GK_FIGTABLE_JSON)
        return;
    for (size_t i = 0; i < NCOLUMNS; i++)
        cell(to, f, columns[i], i == 0);
    for (size_t i = 0; i < nfigures; i++)
        cell(to, f, figures[i].id, 0);
    for (size_t i = 0; i < NAFTER; i++)
        cell(to, f, after[i], 0);
    fputc('\n', to);
}

static json_t *text_or_null(const char *s)
{
    return s != NULL ? gk_json_text(s) : json_null();
}

void gk_figtable_row_print(FILE *to, gk_figtable_format f,
                           const gk_figtable_row *row)
{
    if (f == GK_FIGTABLE_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("figures"));
        json_object_set_new(o, "report_id", gk_json_text(row->report_id));
        json_object_set_new(o, "path", gk_json_text(row->path));
        json_object_set_new(o, "title", gk_json_text(row->title));
        json_object_set_new(o, "township", gk_json_text(row->township));
        json_object_set_new(o, "county", gk_json_text(row->county));
        json_object_set_new(o, "city", gk_json_text(row->city));
        json_object_set_new(o, "province", gk_json_text(row->province));
        json_object_set_new(o, "place_code", row->place_code[0] ? gk_json_text(row->place_code)
                                                                : json_null());
        json_object_set_new(o, "place_status", row->place_status[0]
                                                   ? gk_json_text(row->place_status)
                                                   : json_null());
        json_object_set_new(o, "year", row->year ? json_integer(row->year) : json_null());
        json_object_set_new(o, "template", text_or_null(row->template_version));
        json_object_set_new(o, "consistency", text_or_null(row->consistency));
        json_object_set_new(o, "completeness", text_or_null(row->completeness));
        json_t *missing = json_array();
        for (const char *m = row->missing ? row->missing : ""; *m != '\0';) {
            size_t ml = strcspn(m, ",");
            json_array_append_new(missing, json_stringn(m, ml));
            m += ml + (m[ml] == ',');
        }
        json_object_set_new(o, "missing", missing);
        json_object_set_new(o, "signed", text_or_null(row->signed_date));
        json_object_set_new(o, "deadline", text_or_null(row->deadline));
        json_t *figs = json_object();
        for (size_t i = 0; i < row->nfigures; i++)
            json_object_set_new(figs, row->figures[i].id,
                                row->figures[i].known ? gk_json_number(row->figures[i].value)
                                                      : json_null());
        json_object_set_new(o, "figures", figs);
        json_object_set_new(o, "notes", gk_json_text(row->notes ? row->notes : ""));
        json_object_set_new(o, "continuity", text_or_null(row->continuity));
        json_object_set_new(o, "previous_requests_carried_forward",
                            row->previous_cf_known ? gk_json_number(row->previous_cf)
                                                   : json_null());
        json_object_set_new(o, "copied", text_or_null(row->copied));
        json_object_set_new(o, "copied_from", gk_json_list(row->copied_from));
        gk_json_print(to, o);
        return;
    }
    char year[16] = "";
    if (row->year)
        snprintf(year, sizeof year, "%d", row->year);
    cell(to, f, row->report_id, 1);
    cell(to, f, row->path, 0);
    cell(to, f, row->title, 0);
    cell(to, f, row->township, 0);
    cell(to, f, row->county, 0);
    cell(to, f, row->city, 0);
    cell(to, f, row->province, 0);
    cell(to, f, row->place_code, 0);
    cell(to, f, row->place_status, 0);
    cell(to, f, year, 0);
    cell(to, f, row->template_version ? row->template_version : "", 0);
    cell(to, f, row->consistency ? row->consistency : "", 0);
    cell(to, f, row->completeness ? row->completeness : "", 0);
    cell(to, f, row->missing ? row->missing : "", 0);
    cell(to, f, row->signed_date ? row->signed_date : "", 0);
    cell(to, f, row->deadline ? row->deadline : "", 0);
    for (size_t i = 0; i < row->nfigures; i++)
        number_cell(to, f, row->figures[i].known, row->figures[i].value);
    cell(to, f, row->notes ? row->notes : "", 0);
    cell(to, f, row->continuity ? row->continuity : "", 0);
    number_cell(to, f, row->previous_cf_known, row->previous_cf);
    cell(to, f, row->copied ? row->copied : "", 0);
    cell(to, f, row->copied_from ? row->copied_from : "", 0);
    fputc('\n', to);
}

void gk_figtable_book_header(gk_book *b, const gk_hit_figure *figures, size_t nfigures)
{
    const char **names = calloc(NCOLUMNS + nfigures + NAFTER, sizeof *names);
    if (names == NULL) {
        gk_book_sheet_add(b, "figures", columns, NCOLUMNS); /* no figure columns */
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < NCOLUMNS; i++)
        names[n++] = columns[i];
    for (size_t i = 0; i < nfigures; i++)
        names[n++] = figures[i].id;
    for (size_t i = 0; i < NAFTER; i++)
        names[n++] = after[i];
    gk_book_sheet_add(b, "figures", names, n);
    free(names);
}

void gk_figtable_book_row(gk_book *b, const gk_figtable_row *row)
{
    gk_book_text(b, row->report_id);
    gk_book_text(b, row->path);
    gk_book_text(b, row->title);
    gk_book_text(b, row->township);
    gk_book_text(b, row->county);
    gk_book_text(b, row->city);
    gk_book_text(b, row->province);
    gk_book_text(b, row->place_code);
    gk_book_text(b, row->place_status);
    gk_book_number(b, row->year != 0, row->year);
    gk_book_text(b, row->template_version);
    gk_book_text(b, row->consistency);
    gk_book_text(b, row->completeness);
    gk_book_text(b, row->missing);
    gk_book_text(b, row->signed_date);
    gk_book_text(b, row->deadline);
    for (size_t i = 0; i < row->nfigures; i++)
        gk_book_number(b, row->figures[i].known, row->figures[i].value);
    gk_book_text(b, row->notes);
    gk_book_text(b, row->continuity);
    gk_book_number(b, row->previous_cf_known, row->previous_cf);
    gk_book_text(b, row->copied);
    gk_book_text(b, row->copied_from);
    gk_book_row_end(b);
}

/* indexer.c - putting report files into the database: read, decode, parse,
 * analyse, and store one document per section (layout: gk_schema.h). */
#define _XOPEN_SOURCE 700
#include "gk_indexer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "gk_analyze.h"
#include "gk_categories.h"
#include "gk_db.h"
#include "gk_divisions.h"
#include "gk_figures.h"
#include "gk_format.h"
#include "gk_noise.h"
#include "gk_places.h"
#include "gk_record.h"
#include "gk_schema.h"
#include "gk_sections.h"
#include "gk_text.h"
#include "gk_util.h"

struct gk_indexer {
    gk_db *db;
    gk_analyzer *az;
    gk_section_table *sections;
    gk_place_rules *places;
    gk_figure_rules *figures;
    gk_divisions *divisions;
    gk_taxonomy *taxonomy;
    gk_folder *folder;
    gk_noise *noise;
    gk_index_opts opts;
};

int gk_indexer_fatal(gk_status st)
{
    return st == GK_EDB || st == GK_ECORRUPT || st == GK_ELOCKED ||
           st == GK_ENOMEM || st == GK_EINTERNAL;
}

void gk_indexer_close(gk_indexer *ix)
{
    if (ix == NULL)
        return;
    gk_db_close(ix->db);
    gk_analyzer_free(ix->az);
    gk_section_table_free(ix->sections);
    gk_place_rules_free(ix->places);
    gk_figure_rules_free(ix->figures);
    gk_divisions_free(ix->divisions);
    gk_taxonomy_free(ix->taxonomy);
    gk_folder_free(ix->folder);
    gk_noise_free(ix->noise);
    free(ix);
}

gk_status gk_indexer_open(gk_indexer **out, const char *db_path,
                          const char *data_dir, const gk_index_opts *opts,
                          char **errmsg)
{
    *out = NULL;
    gk_indexer *ix = calloc(1, sizeof *ix);
    if (ix == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if (opts != NULL) {
        ix->opts = *opts;
    } else {
        ix->opts.max_file_size = GK_DEFAULT_MAX_FILE_SIZE;
        ix->opts.max_section = GK_DEFAULT_MAX_SECTION;
    }
    gk_status st = gk_section_table_load(&ix->sections, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_place_rules_load(&ix->places, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_figure_rules_load(&ix->figures, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_divisions_load(&ix->divisions, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_taxonomy_load(&ix->taxonomy, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_folder_new(&ix->folder, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_noise_load(&ix->noise, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_analyzer_new(&ix->az, errmsg);
    if (st == GK_OK)
        st = gk_db_open(&ix->db, db_path, GK_DB_WRITE, errmsg);
    if (st != GK_OK) {
        gk_indexer_close(ix);
        return st;
    }
    *out = ix;
    return GK_OK;
}

gk_status gk_indexer_commit(gk_indexer *ix, char **errmsg)
{
    return gk_db_commit(ix->db, errmsg);
}

/* The first bytes of a file, for gk_format_detect; never blocks (FIFOs,
 * devices) and reads nothing but regular files. */
static size_t peek(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return 0;
    struct stat sb;
    ssize_t got = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? read(fd, buf, size) : 0;
    close(fd);
    return got > 0 ? (size_t)got : 0;
}

int gk_indexer_accepts(const char *path)
{
    if (gk_format_known_name(path))
        return 1;
    char head[4096];
    size_t n = peek(path, head, sizeof head);
    return n > 0 && gk_format_detect(path, head, n) != GK_FORMAT_OTHER;
}

/* Read a whole regular file of at most max bytes. */
static gk_status read_file(const char *path, unsigned long long max,
                           char **out, size_t *len, char **errmsg)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO, "%s",
                       strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return gk_fail(errmsg, GK_EIO, "not a regular file");
    }
    if ((unsigned long long)sb.st_size > max) {
        close(fd);
        return gk_fail(errmsg, GK_ETOOBIG,
                       "file too large (%lld bytes; the limit is %llu, see "
                       "--max-size)",
                       (long long)sb.st_size, max);
    }
    if (sb.st_size == 0) {
        close(fd);
        return gk_fail(errmsg, GK_EINVAL, "empty file");
    }
    size_t size = (size_t)sb.st_size, n = 0;
    char *buf = malloc(size + 1);
    if (buf == NULL) {
        close(fd);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    while (n < size) {
        ssize_t got = read(fd, buf + n, size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return gk_fail(errmsg, GK_EIO, "%s", strerror(e));
        }
        if (got == 0)
            break; /* the file shrank while being read */
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return GK_OK;
}

/* 64-bit FNV-1a: the report id is a stable hash of the file's path. */
static void report_id(const char *abs_path, char out[17])
{
    unsigned long long h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)abs_path; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    snprintf(out, 17, "%016llx", h);
}

static int all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return 0;
    return 1;
}

/* Cut the page noise out of display (folded with map into *folded): the
 * noise is found in the folded text and cut from both.  On success
 * *display, *folded and *map are replaced. */
static gk_status cut_noise(gk_indexer *ix, char **display, size_t *display_len,
                           char **folded, size_t *folded_len, gk_foldmap **map,
                           char **errmsg)
{
    gk_range *r = NULL;
    size_t n = 0;
    gk_status st = gk_noise_find(ix->noise, *folded, *folded_len, &r, &n, errmsg);
    if (st != GK_OK || n == 0)
        return st;
    for (size_t i = 0; i < n; i++) {
        r[i].start = gk_foldmap_source(*map, r[i].start);
        r[i].end = gk_foldmap_source(*map, r[i].end);
    }
    char *cut = NULL, *refolded = NULL;
    size_t cut_len = 0, refolded_len = 0;
    gk_foldmap *remap = NULL;
    st = gk_noise_cut(*display, *display_len, r, n, &cut, &cut_len, errmsg);
    free(r);
    if (st == GK_OK)
        st = gk_text_fold(ix->folder, cut, cut_len, &refolded, &refolded_len,
                          &remap, errmsg);
    if (st != GK_OK) {
        free(cut);
        return st;
    }
    free(*display);
    free(*folded);
    gk_foldmap_free(*map);
    *display = cut;
    *display_len = cut_len;
    *folded = refolded;
    *folded_len = refolded_len;
    *map = remap;
    return GK_OK;
}

/* File bytes -> the report: the text as written (display) and folded. */
static gk_status file_report(gk_indexer *ix, const char *path, const char *bytes,
                             size_t len, gk_file_info *info, gk_report **out,
                             char **errmsg)
{
    *out = NULL;
    gk_format format = gk_format_detect(path, bytes, len);
    snprintf(info->format, sizeof info->format, "%s", gk_format_name(format));
    gk_text_info ti;
    char *display = NULL, *folded = NULL;
    size_t display_len = 0, folded_len = 0;
    gk_foldmap *map = NULL;
    gk_status st = gk_format_text(format, bytes, len, &display, &display_len,
                                  &ti, errmsg);
    /* A damaged DOCX or PDF (or a reader library failing on it) is this
     * file's problem: it must not read as a database failure, which would
     * stop the run (gk_indexer_fatal). */
    if (st == GK_ECORRUPT || st == GK_EINTERNAL)
        st = GK_EINVAL;
    if (st != GK_OK)
        return st;
    snprintf(info->encoding, sizeof info->encoding, "%s", ti.encoding);
    info->replaced = ti.replaced;
    st = gk_text_fold(ix->folder, display, display_len, &folded, &folded_len,
                      &map, errmsg);
    if (st == GK_OK)
        st = cut_noise(ix, &display, &display_len, &folded, &folded_len, &map,
                       errmsg);
    if (st == GK_OK && all_blank(folded, folded_len))
        st = gk_fail(errmsg, GK_EINVAL, "no text in file");
    if (st != GK_OK) {
        free(display);
        free(folded);
        gk_foldmap_free(map);
        return st;
    }
    gk_report_rules rules = {ix->sections, ix->places};
    gk_report *r = NULL;
    st = gk_report_parse(&r, &rules, folded, folded_len, ix->opts.max_section,
                         errmsg);
    if (st == GK_OK)
        st = gk_report_set_display(r, display, display_len, map, errmsg);
    else
        free(display);
    gk_foldmap_free(map);
    if (st != GK_OK) {
        gk_report_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

/* ---- storing ----------------------------------------------------------- */

/* Store the report's record (docs/JSON.md) as metadata. */
static gk_status store_record(gk_indexer *ix, const gk_report_facts *f,
                              char **errmsg)
{
    json_t *rec = gk_record_build(f);
    char *json = rec != NULL ? json_dumps(rec, JSON_COMPACT) : NULL;
    json_decref(rec);
    if (json == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    char key[64];
    snprintf(key, sizeof key, "%s%s", GK_META_REPORT, f->report_id);
    gk_status st = gk_db_set_metadata(ix->db, key, json, strlen(json), errmsg);
    free(json);
    return st;
}

/* Replace every document of the report by those of f. */
static gk_status store_report(gk_indexer *ix, const gk_report_facts *f,
                              char **errmsg)
{
    char term[64];
    snprintf(term, sizeof term, "%s%s", GK_PREFIX_REPORT, f->report_id);
    gk_status st = gk_db_delete_term(ix->db, term, errmsg);
    if (st == GK_OK)
        st = store_record(ix, f, errmsg);
    int db_failed = st != GK_OK;
    for (size_t i = 0; i < f->report->nsections && st == GK_OK; i++) {
        gk_doc *doc = NULL;
        st = gk_doc_new(&doc);
        if (st != GK_OK) {
            gk_fail(errmsg, st, "out of memory");
            break;
        }
        st = gk_document_build(doc, ix->az, ix->places, f, i, errmsg);
        if (st == GK_OK) {
            st = gk_db_add(ix->db, doc, errmsg);
            db_failed = st != GK_OK;
        }
        gk_doc_free(doc);
    }
    /* The database failing to write (disk full is GK_EIO) is no problem
     * of this file: it must stop the run. */
    if (db_failed && !gk_indexer_fatal(st))
        st = GK_EDB;
    return st;
}

/* The problem categories of every problems section (heading left out). */
static gk_status classify(gk_indexer *ix, const gk_report *r,
                          gk_categories *out, char **errmsg)
{
    memset(out, 0, sizeof *out);
    gk_buf problems = {0};
    for (size_t i = 0; i < r->nsections; i++) {
        const gk_section *s = &r->sections[i];
        if (strcmp(s->id, "problems") != 0)
            continue;
        const char *text = r->text + s->start;
        size_t len = s->end - s->start, skip = 0;
        if (s->title[0] != '\0') {
            const char *h = strstr(text, s->title);
            if (h != NULL && (size_t)(h - text) < len)
                skip = (size_t)(h - text) + strlen(s->title);
        }
        if (gk_buf_add(&problems, text + skip, len - skip) != GK_OK ||
            gk_buf_addc(&problems, '\n') != GK_OK) {
            gk_buf_free(&problems);
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        }
    }
    gk_status st = problems.len == 0
                       ? GK_OK
                       : gk_problems_classify(out, ix->taxonomy, problems.data,
                                              problems.len, errmsg);
    gk_buf_free(&problems);
    return st;
}


gk_status gk_indexer_add_file(gk_indexer *ix, const char *path,
                              gk_file_info *info, char **errmsg)
{
    memset(info, 0, sizeof *info);
    char abs_path[PATH_MAX];
    if (realpath(path, abs_path) == NULL)
        return gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO, "%s",
                       strerror(errno));
    char *bytes = NULL;
    size_t len = 0;
    gk_status st = read_file(path, ix->opts.max_file_size, &bytes, &len, errmsg);
    if (st != GK_OK)
        return st;
    gk_report *r = NULL;
    st = file_report(ix, path, bytes, len, info, &r, errmsg);
    free(bytes);
    if (st != GK_OK)
        return st;
    report_id(abs_path, info->report_id);
    gk_figures figs = {0};
    gk_resolved_place place = {0};
    gk_categories cats = {0};
    st = gk_figures_extract(&figs, ix->figures, r, errmsg);
    if (st == GK_OK && r->kind == GK_KIND_REPORT)
        st = gk_place_resolve(&place, ix->divisions, ix->places, &r->place, r->title,
                              r->text, r->len);
    if (st == GK_OK && r->kind == GK_KIND_REPORT)
        st = classify(ix, r, &cats, errmsg);
    gk_report_facts facts = {r,    info->report_id, abs_path, &figs,
                             ix->figures, &place, &cats, ix->taxonomy};
    if (st == GK_OK)
        st = store_report(ix, &facts, errmsg);
    if (st == GK_OK) {
        info->kind = r->kind;
        info->year = r->year;
        info->place = *gk_facts_place(&facts);
        info->place_status = r->kind == GK_KIND_REPORT ? gk_place_status_name(place.status) : NULL;
        info->nsections = r->nsections;
        info->template_version = figs.template_version;
        info->consistency = r->kind == GK_KIND_REPORT
                                ? gk_consistency_name(figs.consistency) : NULL;
        for (size_t i = 0; i < figs.nfigures; i++)
            info->nfigures += figs.figures[i].known;
        info->ncategories = cats.n;
    } else if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL) {
        gk_fail(errmsg, st, "out of memory");
    }
    gk_categories_clear(&cats);
    gk_resolved_place_clear(&place);
    gk_figures_clear(&figs);
    gk_report_free(r);
    return st;
}

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
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "document.h"
#include "gk_analyze.h"
#include "gk_array.h"
#include "gk_categories.h"
#include "gk_db.h"
#include "gk_decode.h"
#include "gk_divisions.h"
#include "gk_filestate.h"
#include "gk_figures.h"
#include "gk_format.h"
#include "gk_noise.h"
#include "gk_places.h"
#include "gk_record.h"
#include "gk_recordz.h"
#include "gk_report_id.h"
#include "continuity.h"
#include "copied.h"
#include "link.h"
#include "roots.h"
#include "shards.h"
#include "gk_schema.h"
#include "gk_sections.h"
#include "gk_text.h"
#include "gk_utf8.h"
#include "gk_util.h"

/* Shared by every worker: read-only after gk_indexer_open. */
struct gk_indexer {
    gk_shards *shards;
    gk_roots *roots;
    gk_place_rules *places;
    gk_title_words *title_words;
    gk_divisions *divisions;
    gk_folder *folder;
    gk_noise *noise;
    gk_index_opts opts;
    char *data_dir;
    gk_indexer_worker *own; /* for gk_indexer_add_file */
};

/* One thread's share: objects that keep state while they work (an ICU
 * break iterator; ICU regular expressions, which hold their text and
 * matches: heading patterns, problem cues, table and prose figure
 * rules). */
struct gk_indexer_worker {
    const gk_indexer *ix;
    gk_analyzer *az;
    gk_section_table *sections;
    gk_taxonomy *taxonomy;
    gk_figure_rules *figures;
};

/* One file's documents and record, built by a worker. */
struct gk_indexed_file {
    char report_id[17];
    gk_file_state state;  /* state.path is abs_path */
    char *abs_path;
    int same_content;     /* only the state changes */
    char *record;         /* stored form (gk_recordz.h) until it is put
                             in the document; NULL after, or for a
                             same_content analysis */
    int abandoned;        /* the run was asked to stop while it was made */
    size_t record_len;
    gk_doc **docs;
    size_t ndocs;
};

/* 1 once the run is asked to stop. */
static int stop_asked(const gk_indexer *ix)
{
    return ix->opts.stop != NULL && *ix->opts.stop;
}

int gk_indexer_fatal(gk_status st)
{
    return st == GK_EDB || st == GK_ECORRUPT || st == GK_ELOCKED ||
           st == GK_ENOMEM || st == GK_EINTERNAL;
}

void gk_indexer_worker_free(gk_indexer_worker *w)
{
    if (w == NULL)
        return;
    gk_analyzer_free(w->az);
    gk_section_table_free(w->sections);
    gk_taxonomy_free(w->taxonomy);
    gk_figure_rules_free(w->figures);
    free(w);
}

gk_status gk_indexer_worker_new(gk_indexer_worker **out, gk_indexer *ix,
                                char **errmsg)
{
    *out = NULL;
    gk_indexer_worker *w = calloc(1, sizeof *w);
    if (w == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    w->ix = ix;
    gk_status st = gk_section_table_load(&w->sections, ix->data_dir, errmsg);
    if (st == GK_OK)
        gk_section_table_watch(w->sections, ix->opts.stop);
    if (st == GK_OK)
        st = gk_taxonomy_load(&w->taxonomy, ix->data_dir, errmsg);
    if (st == GK_OK)
        st = gk_figure_rules_load(&w->figures, ix->data_dir, errmsg);
    if (st == GK_OK)
        gk_figure_rules_watch(w->figures, ix->opts.stop);
    if (st == GK_OK)
        st = gk_analyzer_new(&w->az, errmsg);
    if (st != GK_OK) {
        gk_indexer_worker_free(w);
        return st;
    }
    *out = w;
    return GK_OK;
}

void gk_indexer_close(gk_indexer *ix)
{
    if (ix == NULL)
        return;
    gk_shards_close(ix->shards);
    gk_roots_free(ix->roots);
    gk_indexer_worker_free(ix->own);
    gk_place_rules_free(ix->places);
    gk_title_words_free(ix->title_words);
    gk_divisions_free(ix->divisions);
    gk_folder_free(ix->folder);
    gk_noise_free(ix->noise);
    free(ix->data_dir);
    free(ix);
}

/* A minimal PDF, read once before any worker starts: poppler-glib creates
 * its global parameters on the first document it opens, unguarded. */
static const char warm_up_pdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

/* Initialise the libraries whose first use is not thread-safe, in the
 * thread that opens the indexer. */
static void init_libraries(void)
{
    xmlInitParser();
    char *text = NULL;
    size_t len = 0;
    gk_text_info ti;
    if (gk_format_text(GK_FORMAT_PDF, warm_up_pdf, sizeof warm_up_pdf - 1, &text,
                       &len, &ti, NULL) == GK_OK)
        free(text);
    json_object_seed(0);
}

/* Remove every document, record and file state of ix's database. */
static gk_status empty_database(gk_db *db, char **errmsg);

/* The layout of ix's database: stamped if it is new (no documents), else
 * it must be this one (gk_schema.h); or, with rebuild_old, it is emptied
 * and stamped. */
static gk_status check_layout(gk_indexer *ix, gk_db *db, const char *layout,
                              char **errmsg)
{
    char *stamp = NULL;
    size_t len = 0;
    unsigned long ndocs = 0;
    gk_status st = gk_db_get_metadata(db, GK_META_LAYOUT, &stamp, &len, errmsg);
    if (st == GK_OK)
        st = gk_db_doc_count(db, &ndocs, errmsg);
    int same = st == GK_OK && strcmp(stamp, layout) == 0;
    /* the version before the section codes: "3 A=preamble ..." */
    size_t v = len > 0 ? strcspn(stamp, " ") : 0;
    int other_version = len > 0 && (v != GK_LEN(GK_LAYOUT) || memcmp(stamp, GK_LAYOUT, v) != 0);
    free(stamp);
    if (st != GK_OK || same)
        return st;
    if (ndocs > 0 && !ix->opts.rebuild_old)
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "%s: rebuild it with gongkai-index --force",
                       len == 0 ? "built by an older gongkai (one search document per "
                                  "section)"
                       : other_version ? "built by another version of gongkai"
                                       : "built with other section data (sections.tsv)");
    if (ndocs > 0)
        st = empty_database(db, errmsg);
    if (st == GK_OK)
        st = gk_db_set_metadata(db, GK_META_LAYOUT, layout, strlen(layout), errmsg);
    return st;
}

gk_status gk_indexer_open(gk_indexer **out, const char *db_path,
                          const char *data_dir, const gk_index_opts *opts,
                          char **errmsg)
{
    *out = NULL;
    gk_indexer *ix = calloc(1, sizeof *ix);
    if (ix == NULL || (ix->data_dir = gk_strdup(data_dir)) == NULL) {
        free(ix);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    if (opts != NULL) {
        ix->opts = *opts;
    } else {
        ix->opts.max_file_size = GK_DEFAULT_MAX_FILE_SIZE;
        ix->opts.max_section = GK_DEFAULT_MAX_SECTION;
    }
    init_libraries();
    gk_status st = gk_place_rules_load(&ix->places, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_title_words_load(&ix->title_words, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_divisions_load(&ix->divisions, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_folder_new(&ix->folder, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_noise_load(&ix->noise, data_dir, errmsg);
    if (st == GK_OK)
        st = gk_indexer_worker_new(&ix->own, ix, errmsg);
    if (st == GK_OK)
        st = gk_shards_open(&ix->shards, db_path, ix->opts.shards, errmsg);
    char *layout = NULL;
    if (st == GK_OK && (st = gk_document_layout(ix->own->sections, &layout)) != GK_OK)
        gk_fail(errmsg, st, "out of memory");
    /* every shard is stamped, and checked */
    for (size_t k = 0; st == GK_OK && k < gk_shards_count(ix->shards); k++) {
        st = check_layout(ix, gk_shards_lock(ix->shards, k), layout, errmsg);
        gk_shards_unlock(ix->shards, k);
    }
    free(layout);
    if (st == GK_OK) {
        st = gk_roots_load(&ix->roots, gk_shards_lock(ix->shards, 0), ix->opts.collection,
                           errmsg);
        gk_shards_unlock(ix->shards, 0);
    }
    if (st != GK_OK) {
        gk_indexer_close(ix);
        return st;
    }
    *out = ix;
    return GK_OK;
}

static gk_status commit_shard(gk_db *db, void *arg, char **errmsg)
{
    (void)arg;
    return gk_db_commit(db, errmsg);
}

static gk_status compact_shard(gk_db *db, void *arg, char **errmsg)
{
    (void)arg;
    return gk_db_compact(db, errmsg);
}

gk_status gk_indexer_commit(gk_indexer *ix, char **errmsg)
{
    return gk_shards_each(ix->shards, commit_shard, NULL, errmsg);
}

size_t gk_indexer_shards(const gk_indexer *ix)
{
    return gk_shards_count(ix->shards);
}

int gk_indexer_compaction_interrupted(const gk_indexer *ix)
{
    int any = 0;
    for (size_t k = 0; k < gk_shards_count(ix->shards); k++) {
        any |= gk_db_compaction_interrupted(gk_shards_lock(ix->shards, k));
        gk_shards_unlock(ix->shards, k);
    }
    return any;
}

gk_status gk_indexer_compact(gk_indexer *ix, char **errmsg)
{
    return gk_shards_each(ix->shards, compact_shard, NULL, errmsg);
}

gk_status gk_indexer_add_root(gk_indexer *ix, const char *path, char **errmsg)
{
    const char *name = NULL, *abs = NULL;
    gk_status st = gk_roots_add(ix->roots, path, &name, &abs, errmsg);
    if (st != GK_OK || name == NULL)
        return st;
    char key[64];
    gk_roots_meta_key(key, name);
    size_t n = strlen(name) + strlen(abs) + 2;
    char *value = malloc(n);
    if (value == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    snprintf(value, n, "%s\n%s", name, abs);
    /* in every shard: each is a whole database (xapian-compact merges them) */
    for (size_t k = 0; st == GK_OK && k < gk_shards_count(ix->shards); k++) {
        st = gk_db_set_metadata(gk_shards_lock(ix->shards, k), key, value, n - 1, errmsg);
        gk_shards_unlock(ix->shards, k);
    }
    free(value);
    if (st != GK_OK && !gk_indexer_fatal(st))
        st = GK_EDB;
    return st;
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

/* Chinese text found in the first bytes of a file whose name says nothing
 * (a report saved as "r" or "r.tsv"): they decode as text (UTF-8, GB18030,
 * UTF-16 ...) without control characters, and at least
 * CHINESE_TEXT_MIN of their characters, and a tenth, are Chinese. */
#define CHINESE_TEXT_MIN 16

static int chinese_text(const char *head, size_t n)
{
    /* a head of UTF-8 cut inside its last character is still UTF-8 */
    for (size_t cut = 1; cut <= 3 && cut < n; cut++)
        if (!gk_utf8_valid(head, n) && gk_utf8_valid(head, n - cut)) {
            n -= cut;
            break;
        }
    gk_decoded dec = {0};
    if (gk_text_decode(&dec, head, n, NULL, NULL) != GK_OK)
        return 0;
    size_t chars = 0, chinese = 0, controls = 0;
    for (size_t i = 0; i < dec.len;) {
        uint32_t cp = gk_utf8_next(dec.text, dec.len, &i);
        chars++;
        if (cp >= 0x4E00 && cp <= 0x9FFF)
            chinese++;
        else if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') ||
                 cp == 0x7F)
            controls++;
    }
    /* the head may end inside a character: one replacement is no sign */
    int text = dec.replaced <= 1 && controls == 0 && chinese >= CHINESE_TEXT_MIN &&
               chinese * 10 >= chars;
    gk_decoded_clear(&dec);
    return text;
}

/* The format of a file: by its content and name (gk_format_detect), and
 * Chinese text whatever its name (*by_content set, if not NULL). */
static gk_format detect(const char *path, const char *bytes, size_t len, int *by_content)
{
    gk_format f = gk_format_detect(path, bytes, len);
    if (f == GK_FORMAT_OTHER && chinese_text(bytes, len < 4096 ? len : 4096)) {
        f = GK_FORMAT_TEXT;
        if (by_content != NULL)
            *by_content = 1;
    }
    return f;
}

int gk_indexer_accepts(const char *path)
{
    if (gk_format_known_name(path))
        return 1;
    char head[4096];
    size_t n = peek(path, head, sizeof head);
    return n > 0 && detect(path, head, n, NULL) != GK_FORMAT_OTHER;
}

/* 1 if the file's size or modification time differ between a and b. */
static int stat_changed(const struct stat *a, const struct stat *b)
{
    return a->st_size != b->st_size || a->st_mtim.tv_sec != b->st_mtim.tv_sec ||
           a->st_mtim.tv_nsec != b->st_mtim.tv_nsec;
}

/* Read a whole regular file of at most max bytes, once; *changed set if
 * it changed while being read (its size or time, or fewer bytes read). */
static gk_status read_file_once(const char *path, unsigned long long max,
                                char **out, size_t *len, struct stat *sbp,
                                int *changed, char **errmsg)
{
    *out = NULL;
    *changed = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO, "%s",
                       strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return gk_fail(errmsg, GK_EIO, "not a regular file");
    }
    *sbp = sb;
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
    struct stat after;
    *changed = n != size || fstat(fd, &after) != 0 || stat_changed(&sb, &after);
    close(fd);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return GK_OK;
}

/* Read a whole regular file of at most max bytes.  A file rewritten while
 * it is read (its size or time not the same after as before) is read
 * again, once; changing again, it is refused rather than indexed torn. */
static gk_status read_file(const char *path, unsigned long long max,
                           char **out, size_t *len, struct stat *sbp,
                           char **errmsg)
{
    for (int attempt = 1;; attempt++) {
        int changed = 0;
        gk_status st = read_file_once(path, max, out, len, sbp, &changed, errmsg);
        if (st != GK_OK || !changed)
            return st;
        free(*out);
        *out = NULL;
        if (attempt == 2)
            return gk_fail(errmsg, GK_EIO,
                           "the file changed while it was being read, twice: not "
                           "indexed (index it again once it is written)");
    }
}

static int all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return 0;
    return 1;
}

/* The page before its noise is cut: breadcrumbs and metadata lines are
 * chrome to the index but may be the only place that names the title, the
 * issuing body or its county.  NULL members: the text is the page. */
typedef struct page {
    char *display, *folded;
    size_t display_len, folded_len;
    gk_foldmap *map;
    gk_range *cuts; /* what was cut from display, in order */
    size_t ncuts;
} page;

static void page_free(page *p)
{
    free(p->cuts);
    free(p->display);
    free(p->folded);
    gk_foldmap_free(p->map);
}

/* Cut the page noise out of display (folded with map into *folded): the
 * noise is found in the folded text and cut from both.  On success
 * *display, *folded and *map are replaced, and the page they held is
 * handed to *was (left empty when nothing was cut). */
static gk_status cut_noise(const gk_indexer *ix, char **display, size_t *display_len,
                           char **folded, size_t *folded_len, gk_foldmap **map,
                           page *was, char **errmsg)
{
    memset(was, 0, sizeof *was);
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
    if (st == GK_OK) {
        was->cuts = r; /* for the sections' lines (section_lines) */
        was->ncuts = n;
    } else
        free(r);
    /* the folded text cut where the page was: folding it again gives the
     * same, unless a cut ends inside what folding joins (then it must) */
    if (st == GK_OK) {
        st = gk_text_fold_cut(ix->folder, *display, *display_len, *folded, *map, r, n,
                              &refolded, &refolded_len, &remap, NULL);
        if (st == GK_EUNSUPPORTED)
            st = gk_text_fold(ix->folder, cut, cut_len, &refolded, &refolded_len, &remap,
                              errmsg);
        else if (st != GK_OK)
            st = gk_fail(errmsg, st, "out of memory");
    }
    if (st != GK_OK) {
        free(cut);
        return st;
    }
    *was = (page){*display, *folded, *display_len, *folded_len, *map, was->cuts,
                  was->ncuts};
    *display = cut;
    *display_len = cut_len;
    *folded = refolded;
    *folded_len = refolded_len;
    *map = remap;
    return GK_OK;
}

/* Line breaks in s[0..n). */
static size_t count_lines(const char *s, size_t n)
{
    size_t count = 0;
    for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;
         p++)
        count++;
    return count;
}

/* Each section's line in the file (gk_section.line), as grep numbers
 * lines: the line of its first character that is not a line break.  Only
 * for plain text and Markdown in an encoding where a line break is the
 * byte \n (not UTF-16 or UTF-32), and only when cleaning kept every line
 * (the text shown before its noise was cut, was or else the report's own
 * display, has as many line breaks as the file: a lone \r or a form feed
 * would have made one more); the noise cut (was.cuts) is undone to find
 * where a section's start was.  Otherwise every line stays 0: unknown. */
static void section_lines(gk_report *r, gk_format format, const char *encoding,
                          const char *bytes, size_t len, const page *was)
{
    if (format != GK_FORMAT_TEXT || strncmp(encoding, "UTF-16", 6) == 0 ||
        strncmp(encoding, "UTF-32", 6) == 0)
        return;
    const char *pre = was->display != NULL ? was->display
                      : r->display != NULL ? r->display : r->text;
    size_t pre_len = was->display != NULL ? was->display_len
                     : r->display != NULL ? r->display_len : r->len;
    if (count_lines(bytes, len) != count_lines(pre, pre_len))
        return;
    size_t from = 0, line = 1, k = 0, shift = 0;
    for (size_t i = 0; i < r->nsections; i++) {
        size_t slen, at = 0;
        const char *s = gk_section_display(r, i, &slen);
        while (at < slen && s[at] == '\n')
            at++;
        if (at == slen)
            continue;
        /* where it was before the cut: past every range cut before it */
        size_t pos = r->sections[i].display_start + at;
        while (k < was->ncuts && was->cuts[k].start <= pos + shift) {
            shift += was->cuts[k].end - was->cuts[k].start;
            k++;
        }
        pos += shift;
        if (pos < from || pos >= pre_len)
            return; /* not where it should be: leave the rest unknown */
        line += count_lines(pre + from, pos - from);
        from = pos;
        r->sections[i].line = (unsigned long)line;
    }
}

/* File bytes -> the report: the text as written (display) and folded. */
static gk_status file_report(gk_indexer_worker *w, const char *path,
                             const char *bytes, size_t len, gk_file_info *info,
                             gk_report **out, char **errmsg)
{
    const gk_indexer *ix = w->ix;
    *out = NULL;
    gk_format format = detect(path, bytes, len, &info->by_content);
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
    page was = {0};
    if (st == GK_OK)
        st = cut_noise(ix, &display, &display_len, &folded, &folded_len, &map,
                       &was, errmsg);
    if (st == GK_OK && all_blank(folded, folded_len))
        st = gk_fail(errmsg, GK_EINVAL, "no text in file");
    if (st != GK_OK) {
        page_free(&was);
        free(display);
        free(folded);
        gk_foldmap_free(map);
        return st;
    }
    gk_report_rules rules = {w->sections, ix->places, ix->title_words};
    gk_report *r = NULL;
    st = gk_report_parse(&r, &rules, folded, folded_len, ix->opts.max_section,
                         errmsg);
    if (st == GK_OK) {
        gk_report_page pg = {folded, folded_len, display, map};
        if (was.folded != NULL)
            pg = (gk_report_page){was.folded, was.folded_len, was.display, was.map};
        st = gk_report_use_page_shown(r, &rules, &pg);
    }
    if (st == GK_OK)
        st = gk_report_set_display(r, display, display_len, map, errmsg);
    else
        free(display);
    if (st == GK_OK)
        section_lines(r, format, info->encoding, bytes, len, &was);
    page_free(&was);
    gk_foldmap_free(map);
    if (st != GK_OK) {
        gk_report_free(r);
        return st;
    }
    *out = r;
    return GK_OK;
}

/* ---- analysing (any thread) ---------------------------------------------- */

void gk_indexed_file_free(gk_indexed_file *a)
{
    if (a == NULL)
        return;
    for (size_t i = 0; i < a->ndocs; i++)
        gk_doc_free(a->docs[i]);
    free(a->docs);
    free(a->record);
    free(a->abs_path);
    free(a);
}

int gk_indexed_file_same_content(const gk_indexed_file *a)
{
    return a->same_content;
}

/* The report's record (docs/JSON.md) as compact JSON, compressed for
 * storing, into a. */
static gk_status record_store_form(const gk_report_facts *f, gk_indexed_file *a,
                                   char **errmsg)
{
    size_t len = 0;
    char *json = gk_record_text(f, &len);
    if (json == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_recordz_pack(json, len, &a->record, &a->record_len, errmsg);
    free(json);
    return st;
}

/* The record and the one document of f (its sections inside) into a. */
static gk_status build_documents(gk_indexer_worker *w, const gk_report_facts *f,
                                 gk_indexed_file *a, char **errmsg)
{
    gk_status st = record_store_form(f, a, errmsg);
    if (st != GK_OK)
        return st;
    if ((a->docs = calloc(1, sizeof *a->docs)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    if (stop_asked(w->ix)) {
        a->abandoned = 1;
        return GK_OK;
    }
    if ((st = gk_doc_new(&a->docs[0])) != GK_OK)
        return gk_fail(errmsg, st, "out of memory");
    a->ndocs = 1;
    st = gk_document_build(a->docs[0], w->az, w->ix->places, w->sections, f, errmsg);
    /* the record travels with the document: a stub of shards finds it */
    if (st == GK_OK &&
        (st = gk_doc_set_key(a->docs[0], GK_SLOT_RECORD, a->record, a->record_len)) != GK_OK)
        st = gk_fail(errmsg, st, "out of memory");
    free(a->record);
    a->record = NULL;
    return st;
}

/* The problem categories of every problems section (heading left out). */
static gk_status classify(gk_indexer_worker *w, const gk_report *r,
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
                       : gk_problems_classify(out, w->taxonomy, problems.data,
                                              problems.len, errmsg);
    gk_buf_free(&problems);
    return st;
}

/* The file's bytes -> its report, figures, place and categories -> its
 * documents in a, and *info; a->abandoned (and GK_OK) when the run was
 * asked to stop meanwhile. */
static gk_status analyse_bytes(gk_indexer_worker *w, const char *path,
                               const char *bytes, size_t len, gk_indexed_file *a,
                               gk_file_info *info, char **errmsg)
{
    const gk_indexer *ix = w->ix;
    gk_report *r = NULL;
    gk_status st = file_report(w, path, bytes, len, info, &r, errmsg);
    /* what the loops cut short is incomplete: not judged, not stored */
    if (stop_asked(ix)) {
        gk_report_free(r);
        free(errmsg != NULL ? *errmsg : NULL);
        if (errmsg != NULL)
            *errmsg = NULL;
        a->abandoned = 1;
        return GK_OK;
    }
    /* a report found by content alone must show itself one: a title and
     * the year it reports on (a data file of headings has neither) */
    if (st == GK_OK && info->by_content && (r->kind != GK_KIND_REPORT || r->year == 0)) {
        gk_report_free(r);
        return gk_fail(errmsg, GK_EUNSUPPORTED,
                       "unsupported file type: Chinese text, but not a report "
                       "(gongkai reads text, HTML, Word .docx and PDF files, and "
                       "reports whatever their names)");
    }
    if (st != GK_OK)
        return st;
    gk_figures figs = {0};
    gk_resolved_place place = {0};
    gk_categories cats = {0};
    st = gk_figures_extract(&figs, w->figures, r, errmsg);
    if (st == GK_OK && stop_asked(ix))
        a->abandoned = 1;
    if (st == GK_OK && !a->abandoned && r->kind == GK_KIND_REPORT)
        st = gk_place_resolve(&place, ix->divisions, ix->places, &r->place, r->title,
                              r->text, r->len);
    if (st == GK_OK && !a->abandoned && r->kind == GK_KIND_REPORT)
        st = classify(w, r, &cats, errmsg);
    gk_report_facts facts = {r,          a->report_id, a->abs_path, &figs,
                             w->figures, &place,       &cats,       w->taxonomy};
    if (st == GK_OK && !a->abandoned)
        st = build_documents(w, &facts, a, errmsg);
    if (st == GK_OK && !a->abandoned) {
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
        info->text_bytes = r->len;
        a->state.nsections = r->nsections;
        a->state.kind = (int)r->kind;
    } else if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL) {
        gk_fail(errmsg, st, "out of memory");
    }
    gk_categories_clear(&cats);
    gk_resolved_place_clear(&place);
    gk_figures_clear(&figs);
    gk_report_free(r);
    return st;
}

gk_status gk_indexer_analyse(gk_indexer_worker *w, const char *path,
                             const gk_file_check *check, gk_file_info *info,
                             gk_indexed_file **out, char **errmsg)
{
    *out = NULL;
    memset(info, 0, sizeof *info);
    gk_indexed_file *a = calloc(1, sizeof *a);
    if (a == NULL || (a->abs_path = gk_strdup(check->abs_path)) == NULL) {
        free(a);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    memcpy(a->report_id, check->report_id, sizeof a->report_id);
    memcpy(info->report_id, check->report_id, sizeof info->report_id);
    a->state.path = a->abs_path;
    char *bytes = NULL;
    size_t len = 0;
    struct stat sb;
    gk_status st = read_file(path, w->ix->opts.max_file_size, &bytes, &len, &sb,
                             errmsg);
    if (st != GK_OK) {
        gk_indexed_file_free(a);
        return st;
    }
    gk_file_state_set_stat(&a->state, &sb, (long long)time(NULL));
    a->state.hash = gk_file_hash(bytes, len);
    if (check->change == GK_FILE_MODIFIED && a->state.hash == check->known_hash) {
        a->same_content = 1;
        a->state.nsections = check->known_sections;
        a->state.kind = check->known_kind;
        info->kind = (gk_report_kind)check->known_kind;
        info->nsections = check->known_sections;
    } else if (stop_asked(w->ix)) {
        a->abandoned = 1;
    } else {
        st = analyse_bytes(w, path, bytes, len, a, info, errmsg);
    }
    free(bytes);
    if (st != GK_OK || a->abandoned) {
        if (st == GK_OK) {
            memset(info, 0, sizeof *info);
            memcpy(info->report_id, check->report_id, sizeof info->report_id);
            info->abandoned = 1;
        }
        gk_indexed_file_free(a);
        return st;
    }
    *out = a;
    return GK_OK;
}

/* ---- checking and storing (the thread that owns ix) ----------------------- */

void gk_file_check_clear(gk_file_check *c)
{
    if (c == NULL)
        return;
    free(c->abs_path);
    c->abs_path = NULL;
}

/* The metadata key of a report's file state. */
static void state_key(char key[64], const char *report_id)
{
    snprintf(key, 64, "%s%s", GK_META_FILE, report_id);
}

gk_status gk_indexer_check(gk_indexer *ix, const char *path, int force,
                           gk_file_check *out, char **errmsg)
{
    return gk_indexer_check_seen(ix, path, 0, NULL, force, out, errmsg);
}

gk_status gk_indexer_check_seen(gk_indexer *ix, const char *path, int canonical,
                                const struct stat *seen, int force, gk_file_check *out,
                                char **errmsg)
{
    memset(out, 0, sizeof *out);
    char abs_path[PATH_MAX];
    struct stat sb;
    size_t plen = strlen(path);
    if (canonical && path[0] == '/' && plen < sizeof abs_path)
        memcpy(abs_path, path, plen + 1);
    else if (realpath(path, abs_path) == NULL)
        return gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO, "%s",
                       strerror(errno));
    if (seen != NULL)
        sb = *seen;
    else if (stat(abs_path, &sb) != 0)
        return gk_fail(errmsg, errno == ENOENT ? GK_ENOTFOUND : GK_EIO, "%s",
                       strerror(errno));
    if ((out->abs_path = gk_strdup(abs_path)) == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    char *id_key = gk_roots_key(ix->roots, abs_path);
    if (id_key == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_report_id_of_key(out->report_id, id_key);
    free(id_key);
    out->size = (unsigned long long)sb.st_size;
    char key[64], *value = NULL;
    size_t len = 0;
    state_key(key, out->report_id);
    size_t k = gk_shards_route(ix->shards, out->report_id);
    gk_status st = gk_db_get_metadata(gk_shards_lock(ix->shards, k), key, &value, &len, errmsg);
    gk_shards_unlock(ix->shards, k);
    if (st != GK_OK)
        return gk_indexer_fatal(st) ? st : GK_EDB;
    gk_file_state known;
    int known_ok = len > 0 && gk_file_state_decode(&known, value, len) == GK_OK;
    struct stat other;
    if (known_ok && strcmp(known.path, abs_path) != 0 && stat(known.path, &other) == 0 &&
        (other.st_dev != sb.st_dev || other.st_ino != sb.st_ino)) {
        /* two files with one id: only by a hash collision, or a file
         * reached by a link out of the roots named like one inside */
        st = gk_fail(errmsg, GK_EINVAL, "has the report id %s of %s, indexed already",
                     out->report_id, known.path);
        free(value);
        return st;
    }
    /* a state that does not read counts as none, and one of another path
     * (the folder moved: same id) as a change: the file is indexed afresh */
    if (!known_ok || strcmp(known.path, abs_path) != 0)
        out->change = GK_FILE_NEW;
    else if (force)
        out->change = GK_FILE_FORCED;
    else if (gk_file_state_unchanged(&known, &sb))
        out->change = GK_FILE_UNCHANGED;
    else
        out->change = GK_FILE_MODIFIED;
    if (out->change != GK_FILE_NEW) {
        out->known_hash = known.hash;
        out->known_sections = known.nsections;
        out->known_kind = known.kind;
    }
    free(value);
    return GK_OK;
}

/* Store the file state of a. */
static gk_status store_state(gk_db *db, const gk_indexed_file *a, char **errmsg)
{
    char key[64];
    state_key(key, a->report_id);
    char *line = gk_file_state_encode(&a->state);
    if (line == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = gk_db_set_metadata(db, key, line, strlen(line), errmsg);
    free(line);
    return st;
}

/* Remove the document (its record inside) and the state of a report. */
static gk_status remove_report(gk_db *db, const char *id, int state,
                               char **errmsg)
{
    char key[64];
    snprintf(key, sizeof key, "%s%s", GK_PREFIX_REPORT, id);
    gk_status st = gk_db_delete_term(db, key, errmsg);
    if (st == GK_OK && state) {
        state_key(key, id);
        st = gk_db_set_metadata(db, key, "", 0, errmsg);
    }
    return st;
}

/* Collects the metadata keys to remove (not while walking them). */
typedef struct key_list {
    char **keys;
    size_t n, cap;
    gk_status st;
} key_list;

static int on_key(void *ctx, const char *key, const char *value, size_t len)
{
    (void)value;
    (void)len;
    key_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        char **keys = realloc(l->keys, cap * sizeof *keys);
        if (keys == NULL) {
            l->st = GK_ENOMEM;
            return 1;
        }
        l->keys = keys;
        l->cap = cap;
    }
    if ((l->keys[l->n] = gk_strdup(key)) == NULL) {
        l->st = GK_ENOMEM;
        return 1;
    }
    l->n++;
    return 0;
}

static gk_status empty_database(gk_db *db, char **errmsg)
{
    /* every document, of any layout, has one of the two kind terms */
    gk_status st = gk_db_delete_term(db, GK_PREFIX_KIND "report", errmsg);
    if (st == GK_OK)
        st = gk_db_delete_term(db, GK_PREFIX_KIND "document", errmsg);
    key_list l = {0};
    if (st == GK_OK)
        st = gk_db_metadata_each(db, GK_META_REPORT, on_key, &l, errmsg);
    if (st == GK_OK)
        st = gk_db_metadata_each(db, GK_META_FILE, on_key, &l, errmsg);
    if (st == GK_OK)
        st = gk_db_metadata_each(db, GK_META_ROOT, on_key, &l, errmsg);
    if (st == GK_OK && l.st != GK_OK)
        st = gk_fail(errmsg, l.st, "out of memory");
    for (size_t i = 0; i < l.n; i++) {
        if (st == GK_OK)
            st = gk_db_set_metadata(db, l.keys[i], "", 0, errmsg);
        free(l.keys[i]);
    }
    free(l.keys);
    return st;
}

/* A shard's task: write the analysis arg. */
static gk_status store_in(gk_db *db, void *arg, char **errmsg)
{
    const gk_indexed_file *a = arg;
    gk_status st = GK_OK;
    if (!a->same_content) {
        st = remove_report(db, a->report_id, 0, errmsg);
        for (size_t i = 0; i < a->ndocs && st == GK_OK; i++)
            st = gk_db_add(db, a->docs[i], errmsg);
    }
    if (st == GK_OK)
        st = store_state(db, a, errmsg);
    if (st == GK_OK && !a->same_content) /* its place's continuity: see gk_indexer_link */
        st = gk_link_touch(db, a->report_id, errmsg);
    /* The database failing to write (disk full is GK_EIO) is no problem
     * of this file: it must stop the run. */
    if (st != GK_OK && !gk_indexer_fatal(st))
        st = GK_EDB;
    return st;
}

static void drop_analysis(void *arg)
{
    gk_indexed_file_free(arg);
}

gk_status gk_indexer_store(gk_indexer *ix, gk_indexed_file *a, char **errmsg)
{
    size_t k = gk_shards_route(ix->shards, a->report_id);
    gk_status st = gk_shards_do(ix->shards, k, store_in, a, drop_analysis, errmsg);
    if (st != GK_OK && !gk_indexer_fatal(st))
        st = GK_EDB;
    return st;
}

gk_status gk_indexer_add_file(gk_indexer *ix, const char *path,
                              gk_file_info *info, char **errmsg)
{
    memset(info, 0, sizeof *info);
    gk_file_check check;
    gk_indexed_file *a = NULL;
    gk_status st = gk_indexer_check(ix, path, 1, &check, errmsg);
    if (st == GK_OK)
        st = gk_indexer_analyse(ix->own, path, &check, info, &a, errmsg);
    if (st == GK_OK && a != NULL)
        st = gk_indexer_store(ix, a, errmsg);
    if (st == GK_OK)
        st = gk_shards_wait(ix->shards, errmsg);
    gk_file_check_clear(&check);
    return st;
}

/* ---- pruning ------------------------------------------------------------- */

typedef struct prune_walk {
    const char *const *roots;
    size_t nroots;
    char **ids;   /* report ids of vanished files */
    char **paths;
    size_t n, ids_cap, paths_cap;
    int nomem;
} prune_walk;

/* 1 if path is root or lies below it. */
static int under(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n > 0 && root[n - 1] == '/')
        n--;
    return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Collect the files that vanished (the database must not change while its
 * metadata is being walked). */
static int on_state(void *ctx, const char *key, const char *value, size_t len)
{
    prune_walk *pw = ctx;
    gk_file_state s;
    if (gk_file_state_decode(&s, value, len) != GK_OK)
        return 0;
    size_t i = 0;
    while (i < pw->nroots && !under(s.path, pw->roots[i]))
        i++;
    struct stat sb;
    if (i == pw->nroots || stat(s.path, &sb) == 0 ||
        (errno != ENOENT && errno != ENOTDIR))
        return 0;
    if (GK_ARRAY_RESERVE(pw->ids, pw->ids_cap, pw->n + 1) != GK_OK ||
        GK_ARRAY_RESERVE(pw->paths, pw->paths_cap, pw->n + 1) != GK_OK)
        return pw->nomem = 1;
    pw->ids[pw->n] = gk_strdup(key + strlen(GK_META_FILE));
    pw->paths[pw->n] = gk_strdup(s.path);
    pw->n++;
    if (pw->ids[pw->n - 1] == NULL || pw->paths[pw->n - 1] == NULL)
        return pw->nomem = 1;
    return 0;
}

gk_status gk_indexer_prune(gk_indexer *ix, const char *const *roots,
                           size_t nroots, gk_prune_fn fn, void *ctx,
                           unsigned long *count, char **errmsg)
{
    *count = 0;
    gk_status st = gk_shards_wait(ix->shards, errmsg);
    for (size_t k = 0; st == GK_OK && k < gk_shards_count(ix->shards); k++) {
        prune_walk pw = {.roots = roots, .nroots = nroots};
        gk_db *db = gk_shards_lock(ix->shards, k);
        st = gk_db_metadata_each(db, GK_META_FILE, on_state, &pw, errmsg);
        if (st == GK_OK && pw.nomem)
            st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
        for (size_t i = 0; i < pw.n && st == GK_OK; i++) {
            st = remove_report(db, pw.ids[i], 1, errmsg);
            if (st == GK_OK)
                st = gk_link_touch(db, pw.ids[i], errmsg);
            if (st == GK_OK) {
                ++*count;
                if (fn != NULL)
                    fn(ctx, pw.paths[i], pw.ids[i]);
            }
        }
        gk_shards_unlock(ix->shards, k);
        for (size_t i = 0; i < pw.n; i++) {
            free(pw.ids[i]);
            free(pw.paths[i]);
        }
        free(pw.ids);
        free(pw.paths);
    }
    if (st != GK_OK && !gk_indexer_fatal(st))
        st = GK_EDB;
    return st;
}

/* ---- the link pass ------------------------------------------------------- */

gk_status gk_indexer_link(gk_indexer *ix, gk_link_counts *rewritten, char **errmsg)
{
    *rewritten = (gk_link_counts){0, 0};
    int over = gk_figure_lookup(ix->own->figures, "requests_carried_over");
    int forward = gk_figure_lookup(ix->own->figures, "requests_carried_forward");
    gk_link_notes notes = {0};
    gk_status st = gk_shards_wait(ix->shards, errmsg);
    notes.stop = ix->opts.stop;
    if (st == GK_OK)
        st = gk_link_notes_collect(ix->shards, &notes, errmsg);
    /* figures.tsv without the two figures: no continuity to compare */
    unsigned long n = 0;
    if (st == GK_OK && over >= 0 && forward >= 0) {
        gk_continuity_slots slots = {gk_figure_slot(ix->own->figures, (size_t)over),
                                     gk_figure_slot(ix->own->figures, (size_t)forward)};
        st = gk_continuity_link(ix->shards, &slots, &notes, &n, errmsg);
        rewritten->continuity = n;
    }
    /* GONGKAI_NO_COPIED=1 leaves copied out, only to measure its cost
     * (docs/SIMILAR.md): the statuses are then those of the last pass */
    const char *skip = getenv("GONGKAI_NO_COPIED");
    if (st == GK_OK && (skip == NULL || strcmp(skip, "1") != 0)) {
        st = gk_copied_link(ix->shards, ix->own->sections, &notes, &n, errmsg);
        rewritten->copied = n;
    }
    /* asked to stop: the pass may be unfinished, and the notes stay for
     * the next run, which links again */
    if (st == GK_OK && !gk_link_stopped(&notes))
        st = gk_link_notes_forget(ix->shards, &notes, errmsg);
    gk_link_notes_free(&notes);
    if (st == GK_ENOMEM && errmsg != NULL && *errmsg == NULL)
        gk_fail(errmsg, st, "out of memory");
    if (st != GK_OK && !gk_indexer_fatal(st))
        st = GK_EDB;
    return st;
}

/* bench_analyse.c - how fast one thread analyses reports: every file
 * under the PATHs given is read and analysed exactly as gongkai-index's
 * analysing threads do (gk_indexer_analyse), and nothing is written to the
 * database.  Prints the files, the megabytes read and the CPU seconds the
 * thread spent analysing them, and MB/s.  Not a test: timing only (issue 15).
 *
 *   bench_analyse DIR...     e.g. a folder gongkai-gen wrote
 *   bench_analyse --floor DIR...
 *
 * --floor times instead the least any analysis must do with the client's
 * fixed choices: read the file, decode it to text, fold it, segment it
 * with ICU and add every positional term to a Xapian document, and
 * nothing else (no noise, headings, sections, figures, places,
 * categories, record).  What full analysis cannot beat on this machine.
 *
 * The data files are $GONGKAI_DATA_DIR, else the source tree's. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gk_analyze.h"
#include "gk_db.h"
#include "gk_format.h"
#include "gk_indexer.h"
#include "gk_paths.h"
#include "gk_text.h"

static gk_indexer *ix;
static gk_indexer_worker *worker;
static double seconds, megabytes;
static unsigned long files, failed;
static int floor_only;
static gk_folder *folder;
static gk_analyzer *analyzer;

/* CPU time of this thread: what a busy machine changes least */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static gk_status add_term(void *ctx, const char *term, size_t len, unsigned pos)
{
    return pos == 0 ? gk_doc_add_term(ctx, term, len, 1) : gk_doc_add_posting(ctx, term, len, pos);
}

/* The floor: read, decode, fold, segment, post. */
static gk_status floor_of(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return GK_EIO;
    char *bytes = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 > cap) {
            char *grown = realloc(bytes, cap = 2 * cap + 65536);
            if (grown == NULL)
                break;
            bytes = grown;
        }
        size_t got = fread(bytes + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    char *text = NULL, *folded = NULL;
    size_t tlen = 0, flen = 0;
    gk_text_info ti;
    gk_analysis a = {0};
    gk_doc *doc = NULL;
    gk_status st = bytes != NULL ? gk_format_text(gk_format_detect(path, bytes, len), bytes,
                                                  len, &text, &tlen, &ti, NULL)
                                 : GK_ENOMEM;
    if (st == GK_OK)
        st = gk_text_fold(folder, text, tlen, &folded, &flen, NULL, NULL);
    if (st == GK_OK)
        st = gk_analyze(analyzer, folded, flen, &a, NULL);
    if (st == GK_OK)
        st = gk_doc_new(&doc);
    if (st == GK_OK)
        st = gk_analysis_index_terms(&a, folded, add_term, doc);
    gk_doc_free(doc);
    gk_analysis_clear(&a);
    free(folded);
    free(text);
    free(bytes);
    return st;
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F || !gk_indexer_accepts(path))
        return 0;
    if (floor_only) {
        double t0 = now();
        gk_status st = floor_of(path);
        seconds += now() - t0;
        files++;
        failed += st != GK_OK;
        megabytes += (double)sb->st_size / 1e6;
        return 0;
    }
    gk_file_check check;
    char *msg = NULL;
    if (gk_indexer_check(ix, path, 1, &check, &msg) != GK_OK) {
        fprintf(stderr, "bench_analyse: %s: %s\n", path, msg ? msg : "?");
        free(msg);
        gk_file_check_clear(&check);
        return 1;
    }
    gk_file_info info;
    gk_indexed_file *a = NULL;
    double t0 = now();
    gk_status st = gk_indexer_analyse(worker, path, &check, &info, &a, &msg);
    seconds += now() - t0;
    files++;
    failed += st != GK_OK;
    megabytes += (double)sb->st_size / 1e6;
    gk_indexed_file_free(a);
    gk_file_check_clear(&check);
    free(msg);
    return 0;
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--floor") == 0) {
        floor_only = 1;
        first = 2;
    }
    if (argc <= first) {
        fputs("usage: bench_analyse [--floor] DIR...\n", stderr);
        return 2;
    }
    setenv("GONGKAI_DATA_DIR", GK_BENCH_DATA_DIR, 0); /* the source tree's */
    char *data_dir = NULL, *msg = NULL;
    char db[] = "/tmp/bench_analyse.XXXXXX";
    if (mkdtemp(db) == NULL || gk_data_dir(&data_dir, &msg) != GK_OK ||
        gk_indexer_open(&ix, db, data_dir, NULL, &msg) != GK_OK ||
        gk_indexer_worker_new(&worker, ix, &msg) != GK_OK ||
        gk_folder_new(&folder, data_dir, &msg) != GK_OK || gk_analyzer_new(&analyzer, &msg) != GK_OK) {
        fprintf(stderr, "bench_analyse: %s\n", msg ? msg : "cannot start");
        return 1;
    }
    int code = 0;
    for (int i = first; i < argc && code == 0; i++)
        code = nftw(argv[i], visit, 16, FTW_PHYS) != 0;
    printf("%lu files (%lu failed), %.1f MB, %.2f s of CPU analysing: %.2f MB/s\n", files,
           failed, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0);
    gk_analyzer_free(analyzer);
    gk_folder_free(folder);
    gk_indexer_worker_free(worker);
    gk_indexer_close(ix);
    char rm[sizeof db + 16];
    snprintf(rm, sizeof rm, "rm -rf %s", db);
    if (system(rm) != 0)
        code = 1;
    free(data_dir);
    return code;
}

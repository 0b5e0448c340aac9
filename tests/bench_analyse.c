/* bench_analyse.c - how fast one thread analyses reports: every file
 * under the PATHs given is read and analysed exactly as gongkai-index's
 * analysing threads do (gk_indexer_analyse), and nothing is written to the
 * database.  Prints the files, the megabytes read and the CPU seconds the
 * thread spent analysing them, and MB/s.  Not a test: timing only (issue 15).
 *
 *   bench_analyse DIR...     e.g. a folder gongkai-gen wrote
 *
 * The data files are $GONGKAI_DATA_DIR, else the source tree's. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gk_indexer.h"
#include "gk_paths.h"

static gk_indexer *ix;
static gk_indexer_worker *worker;
static double seconds, megabytes;
static unsigned long files, failed;

/* CPU time of this thread: what a busy machine changes least */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F || !gk_indexer_accepts(path))
        return 0;
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
    if (argc < 2) {
        fputs("usage: bench_analyse DIR...\n", stderr);
        return 2;
    }
    setenv("GONGKAI_DATA_DIR", GK_BENCH_DATA_DIR, 0); /* the source tree's */
    char *data_dir = NULL, *msg = NULL;
    char db[] = "/tmp/bench_analyse.XXXXXX";
    if (mkdtemp(db) == NULL || gk_data_dir(&data_dir, &msg) != GK_OK ||
        gk_indexer_open(&ix, db, data_dir, NULL, &msg) != GK_OK ||
        gk_indexer_worker_new(&worker, ix, &msg) != GK_OK) {
        fprintf(stderr, "bench_analyse: %s\n", msg ? msg : "cannot start");
        return 1;
    }
    int code = 0;
    for (int i = 1; i < argc && code == 0; i++)
        code = nftw(argv[i], visit, 16, FTW_PHYS) != 0;
    printf("%lu files (%lu failed), %.1f MB, %.2f s of CPU analysing: %.2f MB/s\n", files,
           failed, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0);
    gk_indexer_worker_free(worker);
    gk_indexer_close(ix);
    char rm[sizeof db + 16];
    snprintf(rm, sizeof rm, "rm -rf %s", db);
    if (system(rm) != 0)
        code = 1;
    free(data_dir);
    return code;
}

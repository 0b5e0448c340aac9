/* main.c - gongkai-index: index annual reports into a gongkai database. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk_indexer.h"
#include "gk_output.h"
#include "gk_paths.h"
#include "gk_utf8.h"
#include "gk_util.h"
#include "gk_walk.h"

#define PROGRAM "gongkai-index"

/* Exit codes, as documented in --help and README.md. */
enum { EXIT_ALL_INDEXED = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2,
       EXIT_DATABASE = 3 };

/* Commit after this many files (--commit-every), so that a run that is
 * killed keeps most of its work. */
#define COMMIT_EVERY 200
#define MAX_COMMIT_EVERY 1000000ul

/* The SIGINT or SIGTERM that asked the run to stop, or 0.  The handler only
 * sets it; on_file looks at it between files. */
static volatile sig_atomic_t stop_signal = 0;

typedef struct run {
    gk_indexer *ix;
    const char *db_path;
    int json, quiet, verbose;
    unsigned long indexed, failed, skipped, reports, documents, sections;
    unsigned long since_commit, commit_every;
    int interrupted; /* the walk was cut short by stop_signal */
    gk_status fatal; /* the database failed, which stopped the walk */
} run;

static void usage(FILE *to)
{
    fputs("Usage: " PROGRAM " [OPTION]... PATH...\n"
          "Index annual government-information-disclosure reports found at each\n"
          "PATH (files, or directories searched recursively) into a gongkai\n"
          "database: text (.txt, .md), web pages (.html, .htm), Word (.docx)\n"
          "and PDF files, recognised by their content whatever their names.\n"
          "A file indexed before is replaced.\n"
          "\n"
          "Options:\n"
          "  -d, --db DIR          database directory (default: $GONGKAI_DB, else\n"
          "                        $XDG_DATA_HOME/gongkai/db, else\n"
          "                        ~/.local/share/gongkai/db)\n"
          "      --json            one JSON object per file, then a summary, on\n"
          "                        stdout (see docs/JSON.md)\n"
          "  -v, --verbose         a line for every file indexed\n"
          "  -q, --quiet           no summary line\n"
          "      --max-size SIZE   skip files larger than SIZE bytes (suffix K, M\n"
          "                        or G; default 64M)\n"
          "      --commit-every N  make the work durable after every N files\n"
          "                        indexed (default 200)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "\n"
          "Problems with a file are reported on stderr as\n"
          "  " PROGRAM ": PATH: reason\n"
          "and every other file is still indexed.\n"
          "\n"
          "Interrupted (Ctrl-C, SIGINT or SIGTERM), it finishes the file at hand,\n"
          "saves everything indexed so far and says so; running the same command\n"
          "again finishes the job.  A second interrupt stops it at once, and the\n"
          "database keeps what was saved last.  Only one " PROGRAM " can write\n"
          "to a database at a time; searching it meanwhile is fine.\n"
          "\n"
          "Exit status: 0 all files indexed; 1 some files failed, the rest were\n"
          "indexed; 2 usage error; 3 database error (or locked by another\n"
          PROGRAM "); 130 interrupted by SIGINT, 143 by SIGTERM.\n",
          to);
}

/* "64M" -> 67108864; 0 on a malformed size. */
static unsigned long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || s[0] == '-')
        return 0;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return 0;
    }
    if (*end != '\0' || v > (~0ull >> shift))
        return 0;
    return v << shift;
}

/* "500" -> 500; 0 unless a whole number from 1 to MAX_COMMIT_EVERY. */
static unsigned long parse_count(const char *s)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-' ||
        v > MAX_COMMIT_EVERY)
        return 0;
    return v;
}

/* Ask the run to stop after the file at hand.  A second signal stops the
 * program at once, as if there were no handler: the database then keeps its
 * last commit (a commit is atomic). */
static void on_signal(int sig)
{
    if (stop_signal != 0) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
        raise(sig); /* delivered when the handler returns */
        return;
    }
    stop_signal = sig;
}

/* Catch SIGINT and SIGTERM, unless they were ignored when the program
 * started (as for a background job of a non-interactive shell).
 * SA_RESTART: a write to a slow pipe goes on instead of failing. */
static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGINT);
        sigaddset(&sa.sa_mask, SIGTERM);
        sa.sa_flags = SA_RESTART;
        if (sigaction(sigs[i], &sa, &old) == 0 && old.sa_handler == SIG_IGN)
            sigaction(sigs[i], &old, NULL);
    }
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* One line on stderr: "gongkai-index: PATH: reason" (both sanitised). */
static void complain(const char *path, const char *reason)
{
    char *p = gk_utf8_sanitize(path, strlen(path));
    char *r = gk_utf8_sanitize(reason, strlen(reason));
    fprintf(stderr, PROGRAM ": %s: %s\n", p ? p : "?", r ? r : "?");
    free(p);
    free(r);
}

static void file_failed(run *rn, const char *path, const char *reason)
{
    rn->failed++;
    complain(path, reason);
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("failed"));
        json_object_set_new(o, "error", gk_json_text(reason));
        gk_json_print(stdout, o);
    }
}

static void file_indexed(run *rn, const char *path, const gk_file_info *info)
{
    rn->indexed++;
    rn->sections += info->nsections;
    if (info->kind == GK_KIND_REPORT)
        rn->reports++;
    else
        rn->documents++;
    if (info->replaced > 0) {
        char why[128];
        snprintf(why, sizeof why,
                 "warning: %zu invalid byte sequence%s replaced by U+FFFD",
                 info->replaced, info->replaced == 1 ? "" : "s");
        complain(path, why);
    }
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("indexed"));
        json_object_set_new(o, "report_id", json_string(info->report_id));
        json_object_set_new(o, "kind", json_string(gk_report_kind_name(info->kind)));
        json_object_set_new(o, "format", json_string(info->format));
        json_object_set_new(o, "encoding", json_string(info->encoding));
        json_object_set_new(o, "replaced", json_integer((json_int_t)info->replaced));
        json_object_set_new(o, "year", info->year ? json_integer(info->year) : json_null());
        json_object_set_new(o, "township", json_string(info->place.township));
        json_object_set_new(o, "county", json_string(info->place.county));
        json_object_set_new(o, "sections", json_integer((json_int_t)info->nsections));
        json_object_set_new(o, "template", info->template_version
                                               ? json_string(info->template_version)
                                               : json_null());
        json_object_set_new(o, "consistency", info->consistency
                                                  ? json_string(info->consistency)
                                                  : json_null());
        json_object_set_new(o, "figures", json_integer((json_int_t)info->nfigures));
        json_object_set_new(o, "place_status", info->place_status
                                                   ? json_string(info->place_status)
                                                   : json_null());
        json_object_set_new(o, "categories", json_integer((json_int_t)info->ncategories));
        gk_json_print(stdout, o);
    } else if (rn->verbose) {
        char *p = gk_utf8_sanitize(path, strlen(path));
        printf("indexed %s: %s", p ? p : "?", gk_report_kind_name(info->kind));
        if (info->year)
            printf(" %d", info->year);
        if (info->place.county[0] || info->place.township[0])
            printf(" %s%s", info->place.county, info->place.township);
        if (info->place_status != NULL && strcmp(info->place_status, "resolved") != 0)
            printf(" (place %s)", info->place_status);
        printf(", %zu section%s\n", info->nsections, info->nsections == 1 ? "" : "s");
        free(p);
    }
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    file_failed(ctx, path, reason);
}

static gk_walk_step on_file(void *ctx, const gk_walk_file *file)
{
    run *rn = ctx;
    const char *path = file->path;
    if (stop_signal != 0) {
        rn->interrupted = 1;
        return GK_WALK_STOP;
    }
    if (!gk_indexer_accepts(path)) {
        if (file->named)
            file_failed(rn, path,
                        file->special != NULL
                            ? "not a regular file or directory"
                            : "unsupported file type (gongkai reads text, "
                              "HTML, Word .docx and PDF files)");
        else
            rn->skipped++;
        return GK_WALK_CONTINUE;
    }
    if (file->special != NULL) {
        char why[128];
        snprintf(why, sizeof why, "not a regular file but a %s: not read",
                 file->special);
        file_failed(rn, path, why);
        return GK_WALK_CONTINUE;
    }
    gk_file_info info;
    char *msg = NULL;
    gk_status st = gk_indexer_add_file(rn->ix, path, &info, &msg);
    if (st == GK_OK) {
        file_indexed(rn, path, &info);
        if (++rn->since_commit >= rn->commit_every) {
            rn->since_commit = 0;
            st = gk_indexer_commit(rn->ix, &msg);
        }
    }
    if (st != GK_OK && gk_indexer_fatal(st)) {
        complain(rn->db_path, msg ? msg : gk_status_str(st));
        free(msg);
        rn->fatal = st;
        return GK_WALK_STOP;
    }
    if (st != GK_OK)
        file_failed(rn, path, msg ? msg : gk_status_str(st));
    free(msg);
    return GK_WALK_CONTINUE;
}

static void summary(const run *rn)
{
    if (rn->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("summary"));
        json_object_set_new(o, "database", gk_json_text(rn->db_path));
        json_object_set_new(o, "indexed", json_integer((json_int_t)rn->indexed));
        json_object_set_new(o, "failed", json_integer((json_int_t)rn->failed));
        json_object_set_new(o, "skipped", json_integer((json_int_t)rn->skipped));
        json_object_set_new(o, "reports", json_integer((json_int_t)rn->reports));
        json_object_set_new(o, "documents", json_integer((json_int_t)rn->documents));
        json_object_set_new(o, "sections", json_integer((json_int_t)rn->sections));
        json_object_set_new(o, "interrupted", rn->interrupted
                                                  ? json_string(signal_name(stop_signal))
                                                  : json_null());
        gk_json_print(stdout, o);
        return;
    }
    if (rn->quiet)
        return;
    char *db = gk_utf8_sanitize(rn->db_path, strlen(rn->db_path));
    printf("indexed %lu file%s into %s: %lu report%s, %lu other document%s, "
           "%lu section%s",
           rn->indexed, rn->indexed == 1 ? "" : "s", db ? db : "?", rn->reports,
           rn->reports == 1 ? "" : "s", rn->documents,
           rn->documents == 1 ? "" : "s", rn->sections,
           rn->sections == 1 ? "" : "s");
    if (rn->failed)
        printf("; %lu failed", rn->failed);
    if (rn->skipped)
        printf("; %lu skipped (not text, HTML, .docx or PDF)", rn->skipped);
    putchar('\n');
    free(db);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"max-size", required_argument, NULL, 'm'},
        {"commit-every", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run rn;
    memset(&rn, 0, sizeof rn);
    rn.commit_every = COMMIT_EVERY;
    const char *db_opt = NULL;
    gk_index_opts opts = {GK_DEFAULT_MAX_FILE_SIZE, GK_DEFAULT_MAX_SECTION};
    int c;
    while ((c = getopt_long(argc, argv, "d:vqhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'j': rn.json = 1; break;
        case 'v': rn.verbose = 1; break;
        case 'q': rn.quiet = 1; break;
        case 'm':
            opts.max_file_size = parse_size(optarg);
            if (opts.max_file_size == 0) {
                fprintf(stderr, PROGRAM ": --max-size: '%s' is not a size such "
                                "as 500K, 64M or 1G\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'c':
            if ((rn.commit_every = parse_count(optarg)) == 0) {
                fprintf(stderr, PROGRAM ": --commit-every: '%s' is not a number "
                                "of files from 1 to %lu\n", optarg, MAX_COMMIT_EVERY);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_ALL_INDEXED;
        case 'V': printf(PROGRAM " %s\n", gk_version()); return EXIT_ALL_INDEXED;
        default:
            fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(PROGRAM ": no PATH given: name the reports or folders to index\n"
              "Try '" PROGRAM " --help' for more information.\n", stderr);
        return EXIT_USAGE;
    }
    char *msg = NULL, *db_path = NULL, *data_dir = NULL;
    gk_status st = db_opt ? ((db_path = gk_strdup(db_opt)) ? GK_OK : GK_ENOMEM)
                          : gk_default_db_path(&db_path, &msg);
    if (st != GK_OK) {
        fprintf(stderr, PROGRAM ": database: %s\n", msg ? msg : gk_status_str(st));
        free(msg);
        return EXIT_USAGE;
    }
    rn.db_path = db_path;
    int code = EXIT_DATABASE;
    if ((st = gk_data_dir(&data_dir, &msg)) != GK_OK) {
        fprintf(stderr, PROGRAM ": data files: %s\n", msg ? msg : gk_status_str(st));
        goto done;
    }
    /* create the database's parent directories (the default lives in ~) */
    char *slash = strrchr(db_path, '/');
    if (slash != NULL && slash != db_path) {
        *slash = '\0';
        st = gk_mkdir_p(db_path, &msg);
        *slash = '/';
        if (st != GK_OK) {
            complain(db_path, msg ? msg : gk_status_str(st));
            goto done;
        }
    }
    if ((st = gk_indexer_open(&rn.ix, db_path, data_dir, &opts, &msg)) != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    catch_signals();
    st = GK_OK;
    for (int i = optind; i < argc && st == GK_OK && !rn.interrupted &&
                         rn.fatal == GK_OK; i++) {
        if (stop_signal != 0)
            rn.interrupted = 1;
        else if ((st = gk_walk(argv[i], on_file, on_walk_error, &rn)) != GK_OK)
            complain(argv[i], gk_status_str(st));
    }
    if (st != GK_OK || rn.fatal != GK_OK)
        goto done;
    if ((st = gk_indexer_commit(rn.ix, &msg)) != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    summary(&rn);
    code = rn.failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_INDEXED;
    if (rn.interrupted) {
        fprintf(stderr, PROGRAM ": interrupted by %s after indexing %lu file%s "
                        "(%lu failed); what was indexed is saved in the database: "
                        "run the same command again to index the rest\n",
                signal_name(stop_signal), rn.indexed, rn.indexed == 1 ? "" : "s",
                rn.failed);
        code = 128 + stop_signal;
    }
done:
    gk_indexer_close(rn.ix);
    free(msg);
    free(db_path);
    free(data_dir);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, PROGRAM ": error writing output: %s\n", strerror(errno));
        return code == EXIT_ALL_INDEXED ? EXIT_SOME_FAILED : code;
    }
    return code;
}

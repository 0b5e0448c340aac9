/* main.c - gongkai-index: index annual reports into a gongkai database. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
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

/* Commit after this many files, so an interrupted run keeps most work. */
#define COMMIT_EVERY 200

typedef struct run {
    gk_indexer *ix;
    const char *db_path;
    int json, quiet, verbose;
    unsigned long indexed, failed, skipped, reports, documents, sections;
    unsigned long since_commit;
} run;

static void usage(FILE *to)
{
    fputs("Usage: " PROGRAM " [OPTION]... PATH...\n"
          "Index annual government-information-disclosure reports (.txt, .md,\n"
          ".html, .htm) found at each PATH (files, or directories searched\n"
          "recursively) into a gongkai database.  A file indexed before is\n"
          "replaced.\n"
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
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "\n"
          "Problems with a file are reported on stderr as\n"
          "  " PROGRAM ": PATH: reason\n"
          "and every other file is still indexed.\n"
          "\n"
          "Exit status: 0 all files indexed; 1 some files failed, the rest were\n"
          "indexed; 2 usage error; 3 database error.\n",
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

static gk_status on_file(void *ctx, const char *path, int named)
{
    run *rn = ctx;
    if (!gk_indexer_accepts(path)) {
        if (named)
            file_failed(rn, path,
                        "unsupported file type (gongkai reads .txt, .md, "
                        ".html and .htm files)");
        else
            rn->skipped++;
        return GK_OK;
    }
    gk_file_info info;
    char *msg = NULL;
    gk_status st = gk_indexer_add_file(rn->ix, path, &info, &msg);
    if (st == GK_OK) {
        file_indexed(rn, path, &info);
        if (++rn->since_commit >= COMMIT_EVERY) {
            rn->since_commit = 0;
            st = gk_indexer_commit(rn->ix, &msg);
        }
    }
    if (st != GK_OK && gk_indexer_fatal(st)) {
        complain(rn->db_path, msg ? msg : gk_status_str(st));
        free(msg);
        return st;
    }
    if (st != GK_OK)
        file_failed(rn, path, msg ? msg : gk_status_str(st));
    free(msg);
    return GK_OK;
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
        printf("; %lu skipped (not .txt, .md or .html)", rn->skipped);
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
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run rn;
    memset(&rn, 0, sizeof rn);
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
    st = GK_OK;
    for (int i = optind; i < argc && st == GK_OK; i++)
        st = gk_walk(argv[i], on_file, on_walk_error, &rn);
    if (st == GK_OK && (st = gk_indexer_commit(rn.ix, &msg)) != GK_OK)
        complain(db_path, msg ? msg : gk_status_str(st));
    if (st == GK_OK) {
        summary(&rn);
        code = rn.failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_INDEXED;
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

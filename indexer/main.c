/* main.c - gongkai-index: index annual reports into a gongkai database. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk_array.h"
#include "gk_escape.h"
#include "gk_json.h"
#include "gk_paths.h"
#include "gk_pdf.h"
#include "gk_progress.h"
#include "gk_run.h"
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

/* --jobs: at most this many threads (one of them writes the database).
 * Up to GK_RUN_IN_FLIGHT files per thread are in memory (the bound
 * README.md states). */
#define MAX_JOBS 256ul
#define MAX_SHARDS 64ul /* --shards: at most this many databases */

/* The SIGINT or SIGTERM that asked the run to stop, or 0.  The handler only
 * sets it; the run looks at it between files. */
static volatile sig_atomic_t stop_signal = 0;

/* How the accounts of the files are shown. */
typedef struct display {
    const char *db_path;
    int json, quiet, verbose;
    int follow_links;
    gk_progress *progress;  /* NULL unless stderr is a terminal */
    int progress_on_stdout; /* stdout is a terminal too, and gets a line
                               per file: erase the progress line first */
} display;

static void usage(FILE *to)
{
    fputs("Usage: " PROGRAM " [OPTION]... PATH...\n"
          "Index annual government-information-disclosure reports found at each\n"
          "PATH (files, or directories searched recursively; - reads a list of\n"
          "paths, one per line, from standard input) into a gongkai\n"
          "database: text (.txt, .md), web pages (.html, .htm), Word (.docx)\n"
          "and PDF files, recognised by their content whatever their names.\n"
          "A file indexed before is skipped when its size and modification time\n"
          "(or else its content) are the same, and replaced when it changed.\n"
          "\n"
          "Options:\n"
          "  -d, --db DIR          database directory (default: $GONGKAI_DB, else\n"
          "                        $XDG_DATA_HOME/gongkai/db, else\n"
          "                        ~/.local/share/gongkai/db)\n"
          "      --json            one JSON object per file, then a summary, on\n"
          "                        stdout (see docs/JSON.md)\n"
          "  -v, --verbose         a line for every file indexed, and for every\n"
          "                        file skipped, with the reason\n"
          "  -q, --quiet           no summary line and no progress line; with\n"
          "                        --json, the summary alone (no line per file)\n"
          "  -j, --jobs N          work in N threads: one writes the database while\n"
          "                        the others analyse files (default: the number of\n"
          "                        processors online); results do not depend on N\n"
          "      --force           re-index every file, changed or not\n"
          "      --shards N        make DIR a folder of N databases (shards) and\n"
          "                        a stub listing them, written by N threads at\n"
          "                        once; a report always goes to the same shard.\n"
          "                        gongkai-query -d DIR searches them as one\n"
          "                        (docs/SCALE.md). Later runs find the shards\n"
          "                        themselves\n"
          "      --collection NAME the name the folders indexed for the first time\n"
          "                        are known by (NAME:folder): report ids come\n"
          "                        from it and each file's path below its\n"
          "                        folder, so they survive moving the folder;\n"
          "                        give each machine's collection its own NAME\n"
          "      --files-from FILE index the paths listed in FILE, one per line\n"
          "                        (- for standard input), as well as any PATH\n"
          "      --prune           remove from the database the files under each\n"
          "                        PATH that no longer exist (and, for a PATH\n"
          "                        itself gone, every file that was under it)\n"
          "      --follow-links    follow symbolic links that lead out of the\n"
          "                        PATHs given (by default they are skipped)\n"
          "      --max-size SIZE   skip files larger than SIZE bytes (suffix K, M\n"
          "                        or G; default 64M); a file giving more than\n"
          "                        16 MiB of text is refused whatever its size\n"
          "      --commit-every N  make the work durable after every N files\n"
          "                        indexed (default 200)\n"
          "      --compact         rewrite the database compactly at the end (done\n"
          "                        anyway when this run created the database)\n"
          "      --no-compact      never compact (it needs room for a copy)\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n",
          to);
    fputs("\n"
          "On a terminal, a progress line on stderr shows the files done, MB/s\n"
          "and the time left, then when it links reports (continuity, copies)\n"
          "and when it compacts the database.\n"
          "\n"
          "A PATH that does not exist is a usage error (exit 2; nothing is\n"
          "written), unless --prune.  A database inside a folder being indexed\n"
          "is warned about, and its own files are never indexed.\n"
          "\n"
          "Problems with a file are reported on stderr as\n"
          "  " PROGRAM ": PATH: reason\n"
          "and every other file is still indexed.\n"
          "\n"
          "Interrupted (Ctrl-C, SIGINT or SIGTERM), it stores the files it has\n"
          "read, leaves the ones it is reading (within a second, even in a huge\n"
          "file), saves everything indexed so far and says so; running the same\n"
          "command again finishes the job, linking the reports to each other too.\n"
          "A second interrupt stops it at once, and the\n"
          "database keeps what was saved last.  Only one " PROGRAM " can write\n"
          "to a database at a time; searching it meanwhile is fine.\n"
          "\n"
          "Environment: $GONGKAI_DB the default database; $GONGKAI_DATA_DIR\n"
          "where the data files are; $GONGKAI_PDF_MEMORY_MB how much a PDF's\n"
          "reader process may grow, in MiB (default 512): a PDF that needs more\n"
          "is refused.\n"
          "\n"
          "Exit status: 0 all files indexed; 1 some files failed, the rest were\n"
          "indexed; 2 usage error; 3 database error: damaged (never written\n"
          "into), not a database, not writable, or locked by another\n"
          PROGRAM "; 130 interrupted by SIGINT, 143 by SIGTERM.\n",
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

/* "500" -> 500; 0 unless a whole number from 1 to max. */
static unsigned long parse_count(const char *s, unsigned long max)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v > max)
        return 0;
    return v;
}

/* Ask the run to stop: the files read are stored, those being read left.  A second signal stops the
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

/* The progress line, erased before anything else is written. */
static gk_progress *progress_line;

/* Control characters (a newline in a file name) as '?', so that every
 * complaint stays one line. */
/* One line on stderr: "gongkai-index: PATH: reason" (both escaped: no
 * control character of a file's name reaches the terminal). */
static void complain(const char *path, const char *reason)
{
    gk_progress_clear(progress_line);
    char *p = gk_escape(path);
    char *r = gk_escape(reason);
    fprintf(stderr, PROGRAM ": %s: %s\n", p ? p : "?", r ? r : "?");
    free(p);
    free(r);
}

/* "gongkai-index: OPTION: 'VALUE' is not EXPECTED[ MAX]", the value as
 * typed but escaped. */
static void bad_value(const char *option, const char *value, const char *expected,
                      unsigned long max)
{
    fprintf(stderr, PROGRAM ": %s: '", option);
    gk_escape_fputs(stderr, value);
    if (max)
        fprintf(stderr, "' is not %s %lu\n", expected, max);
    else
        fprintf(stderr, "' is not %s\n", expected);
}

static void file_failed(const display *d, const char *path, const char *reason)
{
    complain(path, reason);
    if (d->json) {
        if (d->quiet) /* --json --quiet: the summary alone */
            return;
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("failed"));
        json_object_set_new(o, "error", gk_json_text(reason));
        gk_json_print(stdout, o);
    }
}

/* Why a file was indexed: "new", "changed", or "forced" (--force). */
static const char *change_name(gk_file_change change)
{
    return change == GK_FILE_NEW ? "new" : change == GK_FILE_FORCED ? "forced"
                                                                     : "changed";
}

static void file_indexed(const display *d, const char *path, const gk_file_info *info,
                         gk_file_change change)
{
    if (info->replaced > 0) {
        char why[128];
        snprintf(why, sizeof why,
                 "warning: %zu invalid byte sequence%s replaced by U+FFFD",
                 info->replaced, info->replaced == 1 ? "" : "s");
        complain(path, why);
    }
    if (d->json) {
        if (d->quiet) /* --json --quiet: the summary alone */
            return;
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("indexed"));
        json_object_set_new(o, "change", json_string(change_name(change)));
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
    } else if (d->verbose) {
        char *p = gk_escape(path);
        printf("%s %s: %s", change == GK_FILE_NEW ? "indexed" : "updated",
               p ? p : "?", gk_report_kind_name(info->kind));
        if (info->year)
            printf(" %d", info->year);
        if (info->place.county[0] || info->place.township[0]) {
            putchar(' ');
            gk_escape_fputs(stdout, info->place.county);
            gk_escape_fputs(stdout, info->place.township);
        }
        if (info->place_status != NULL && strcmp(info->place_status, "resolved") != 0)
            printf(" (place %s)", info->place_status);
        printf(", %zu section%s\n", info->nsections, info->nsections == 1 ? "" : "s");
        free(p);
    }
}

/* A file skipped as unchanged: by its size and time, or (by "content")
 * read and found the same. */
static void file_unchanged(const display *d, const gk_run_file *f)
{
    if (d->json) {
        if (d->quiet) /* --json --quiet: the summary alone */
            return;
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(f->path));
        json_object_set_new(o, "status", json_string("unchanged"));
        json_object_set_new(o, "by", json_string(f->by));
        json_object_set_new(o, "report_id", json_string(f->report_id));
        json_object_set_new(o, "kind", json_string(gk_report_kind_name(f->kind)));
        json_object_set_new(o, "sections", json_integer((json_int_t)f->nsections));
        gk_json_print(stdout, o);
    } else if (d->verbose) {
        char *p = gk_escape(f->path);
        printf("unchanged %s\n", p ? p : "?");
        free(p);
    }
}

/* A file found in a folder and not read: of another format, or a link
 * leading out of the folders given. */
static void file_skipped(const display *d, const char *path, const char *reason)
{
    if (d->json) {
        if (d->quiet) /* --json --quiet: the summary alone */
            return;
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("skipped"));
        json_object_set_new(o, "reason", gk_json_text(reason ? reason : ""));
        gk_json_print(stdout, o);
    } else if (d->verbose) {
        char *p = gk_escape(path);
        printf("skipped %s: ", p ? p : "?");
        gk_escape_fputs(stdout, reason ? reason : "");
        putchar('\n');
        free(p);
    }
}

static void file_pruned(const display *d, const char *path, const char *report_id)
{
    if (d->json) {
        if (d->quiet) /* --json --quiet: the summary alone */
            return;
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("file"));
        json_object_set_new(o, "path", gk_json_text(path));
        json_object_set_new(o, "status", json_string("pruned"));
        json_object_set_new(o, "report_id", json_string(report_id));
        gk_json_print(stdout, o);
    } else if (d->verbose) {
        char *p = gk_escape(path);
        printf("pruned %s\n", p ? p : "?");
        free(p);
    }
}

/* The account of one file, as the run hands it over. */
static void on_file(void *ctx, const gk_run_file *f)
{
    const display *d = ctx;
    if (f->outcome == GK_RUN_PRUNED) {
        file_pruned(d, f->path, f->report_id);
        return;
    }
    if (d->progress_on_stdout)
        gk_progress_clear(d->progress); /* a line for this file may follow */
    switch (f->outcome) {
    case GK_RUN_INDEXED: file_indexed(d, f->path, f->info, f->change); break;
    case GK_RUN_UNCHANGED: file_unchanged(d, f); break;
    case GK_RUN_FAILED: file_failed(d, f->path, f->reason); break;
    case GK_RUN_SKIPPED: file_skipped(d, f->path, f->reason); break;
    case GK_RUN_DROPPED: /* the database failed, which was said */
    case GK_RUN_PRUNED: break;
    }
}

/* A problem that stops the run. */
static void on_problem(void *ctx, const char *path, const char *reason)
{
    (void)ctx;
    complain(path, reason);
}

/* Seconds as whole milliseconds, as gongkai-query's elapsed_ms. */
static json_t *json_ms(double s)
{
    return json_integer(s > 0 ? (json_int_t)(s * 1000 + 0.5) : 0);
}

static void summary(const display *d, const gk_run_counts *c, int interrupted)
{
    if (d->json) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("summary"));
        json_object_set_new(o, "database", gk_json_text(d->db_path));
        json_object_set_new(o, "indexed", json_integer((json_int_t)c->indexed));
        json_object_set_new(o, "failed", json_integer((json_int_t)c->failed));
        json_object_set_new(o, "skipped", json_integer((json_int_t)c->skipped));
        json_object_set_new(o, "reports", json_integer((json_int_t)c->reports));
        json_object_set_new(o, "documents", json_integer((json_int_t)c->documents));
        json_object_set_new(o, "sections", json_integer((json_int_t)c->sections));
        json_object_set_new(o, "new", json_integer((json_int_t)c->added));
        json_object_set_new(o, "updated", json_integer((json_int_t)c->updated));
        json_object_set_new(o, "unchanged", json_integer((json_int_t)c->unchanged));
        json_object_set_new(o, "pruned", json_integer((json_int_t)c->pruned));
        json_object_set_new(o, "interrupted", interrupted
                                                  ? json_string(signal_name(stop_signal))
                                                  : json_null());
        json_t *linked = json_object();
        json_object_set_new(linked, "continuity", json_integer((json_int_t)c->linked_continuity));
        json_object_set_new(linked, "copied", json_integer((json_int_t)c->linked_copied));
        json_object_set_new(o, "linked", linked);
        json_t *ms = json_object();
        json_object_set_new(ms, "files", json_ms(c->seconds_files));
        json_object_set_new(ms, "link", json_ms(c->seconds_link));
        json_object_set_new(ms, "compact", json_ms(c->seconds_compact));
        json_object_set_new(o, "stage_ms", ms);
        gk_json_print(stdout, o);
        return;
    }
    if (d->quiet)
        return;
    char *db = gk_escape(d->db_path);
    printf("indexed %lu file%s into %s: %lu report%s, %lu other document%s, "
           "%lu section%s",
           c->indexed, c->indexed == 1 ? "" : "s", db ? db : "?", c->reports,
           c->reports == 1 ? "" : "s", c->documents,
           c->documents == 1 ? "" : "s", c->sections,
           c->sections == 1 ? "" : "s");
    if (c->updated)
        printf(" (%lu indexed before)", c->updated);
    if (c->unchanged)
        printf("; %lu unchanged", c->unchanged);
    if (c->pruned)
        printf("; %lu removed (gone from disk)", c->pruned);
    if (c->failed)
        printf("; %lu failed", c->failed);
    if (c->skipped)
        printf("; %lu skipped (not reports%s; -v names them)", c->skipped,
               d->follow_links ? "" : ", or links out of the folders");
    putchar('\n');
    free(db);
}

/* 1 if name may name a collection: 1 to 64 bytes of UTF-8, no '/', ':'
 * (the separator of its folders' names) or control character. */
static int collection_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || !gk_utf8_valid(name, n))
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == ':')
            return 0;
    return 1;
}

/* The number of processors online, the default of --jobs. */
static unsigned long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (unsigned long)n > MAX_JOBS ? MAX_JOBS : (unsigned long)n;
}

/* A progress line only for a person watching: stderr a terminal that
 * understands "erase to the end of the line", and no --quiet. */
static int show_progress(int quiet)
{
    const char *term = getenv("TERM");
    return !quiet && isatty(STDERR_FILENO) && term != NULL && term[0] != '\0' &&
           strcmp(term, "dumb") != 0;
}

/* The paths to index: those given, and those of the lists read. */
typedef struct path_list {
    char **paths;
    size_t n, cap;
} path_list;

static int path_list_add(path_list *l, const char *path)
{
    char *copy = gk_strdup(path);
    if (copy == NULL || GK_ARRAY_RESERVE(l->paths, l->cap, l->n + 1) != GK_OK) {
        free(copy);
        return 0;
    }
    l->paths[l->n++] = copy;
    return 1;
}

static void path_list_clear(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    memset(l, 0, sizeof *l);
}

/* Add the paths listed in `name` ("-": standard input), one per line
 * (a CR before the newline and empty lines ignored).  Returns 0 after
 * saying why it could not. */
static int read_list(path_list *l, const char *name)
{
    int from_stdin = strcmp(name, "-") == 0;
    FILE *in = from_stdin ? stdin : fopen(name, "r");
    if (in == NULL) {
        complain(name, strerror(errno));
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ok = 1;
    while (ok && (len = getline(&line, &cap, in)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (memchr(line, '\0', (size_t)len) != NULL) {
            complain(from_stdin ? "standard input" : name,
                     "a line holds a NUL byte: not a list of paths");
            ok = 0;
        } else if (!path_list_add(l, line)) {
            complain(name, gk_status_str(GK_ENOMEM));
            ok = 0;
        }
    }
    if (ok && ferror(in)) {
        complain(from_stdin ? "standard input" : name, strerror(errno));
        ok = 0;
    }
    free(line);
    if (!from_stdin)
        fclose(in);
    return ok;
}

/* Warn when the database lies inside a PATH being indexed (its files are
 * left out by the walk). */
static void warn_database_inside(const char *db_path, char *const *roots, size_t n)
{
    char *db = realpath(db_path, NULL);
    char **within = NULL;
    size_t nwithin = 0;
    if (db != NULL && gk_walk_within(&within, &nwithin, roots, n) == GK_OK) {
        for (size_t i = 0; i < nwithin; i++)
            if (gk_walk_path_within(db, within[i])) {
                complain(db_path, "warning: the database lies inside a folder being "
                                  "indexed; its own files are not indexed");
                break;
            }
    }
    gk_walk_within_free(within, nwithin);
    free(db);
}

static void forget_pdf_reader(void)
{
    gk_pdf_use_reader(NULL);
}

/* PDFs are read by this very program started again as their reader
 * (gk_pdf_to_text_bounded), found through /proc/self/exe; without /proc
 * they are read in process. */
static int use_self_as_pdf_reader(void)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || (size_t)n >= sizeof self - 1)
        return 0;
    self[n] = '\0';
    if (gk_pdf_use_reader(self) != GK_OK)
        return -1;
    atexit(forget_pdf_reader);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], GK_PDF_READER_ARG) == 0)
        return gk_pdf_reader_main();
    if (use_self_as_pdf_reader() != 0) {
        fputs(PROGRAM ": out of memory\n", stderr);
        return EXIT_SOME_FAILED;
    }
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'J'},
        {"jobs", required_argument, NULL, 'j'},
        {"force", no_argument, NULL, 'F'},
        {"shards", required_argument, NULL, 'S'},
        {"collection", required_argument, NULL, 'K'},
        {"prune", no_argument, NULL, 'P'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"max-size", required_argument, NULL, 'm'},
        {"follow-links", no_argument, NULL, 'L'},
        {"files-from", required_argument, NULL, 'f'},
        {"commit-every", required_argument, NULL, 'c'},
        {"compact", no_argument, NULL, 'C'},
        {"no-compact", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    display d;
    memset(&d, 0, sizeof d);
    gk_run_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.index.max_file_size = GK_DEFAULT_MAX_FILE_SIZE;
    ro.index.max_section = GK_DEFAULT_MAX_SECTION;
    ro.jobs = default_jobs();
    ro.commit_every = COMMIT_EVERY;
    ro.compact = -1; /* when the database is new */
    ro.stop = &stop_signal;
    ro.on_file = on_file;
    ro.on_problem = on_problem;
    ro.ctx = &d;
    const char *db_opt = NULL;
    const char *files_from = NULL;
    /* getopt's own complaints name the program, not the path it was run by */
    static char program_name[] = PROGRAM;
    if (argc > 0)
        argv[0] = program_name;
    int c;
    while ((c = getopt_long(argc, argv, "d:j:vqhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'J': d.json = 1; break;
        case 'F': ro.force = 1; break;
        case 'P': ro.prune = 1; break;
        case 'L': ro.follow_links = d.follow_links = 1; break;
        case 'f': files_from = optarg; break;
        case 'C': ro.compact = 1; break;
        case 'N': ro.compact = 0; break;
        case 'j':
            if ((ro.jobs = parse_count(optarg, MAX_JOBS)) == 0) {
                bad_value("--jobs", optarg, "a number of threads from 1 to",
                          MAX_JOBS);
                return EXIT_USAGE;
            }
            break;
        case 'S':
            if ((ro.index.shards = parse_count(optarg, MAX_SHARDS)) == 0) {
                bad_value("--shards", optarg, "a number of shards from 1 to", MAX_SHARDS);
                return EXIT_USAGE;
            }
            break;
        case 'K':
            if (!collection_name_ok(optarg)) {
                bad_value("--collection", optarg,
                          "a name of 1 to 64 bytes of UTF-8, without '/', ':' or "
                          "control characters", 0);
                return EXIT_USAGE;
            }
            ro.index.collection = optarg;
            break;
        case 'v': d.verbose = 1; break;
        case 'q': d.quiet = 1; break;
        case 'm':
            ro.index.max_file_size = parse_size(optarg);
            if (ro.index.max_file_size == 0) {
                bad_value("--max-size", optarg, "a size such as 500K, 64M or 1G", 0);
                return EXIT_USAGE;
            }
            break;
        case 'c':
            if ((ro.commit_every = parse_count(optarg, MAX_COMMIT_EVERY)) == 0) {
                bad_value("--commit-every", optarg, "a number of files from 1 to",
                          MAX_COMMIT_EVERY);
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
    if (optind >= argc && files_from == NULL) {
        fputs(PROGRAM ": no PATH given: name the reports or folders to index\n"
              "Try '" PROGRAM " --help' for more information.\n", stderr);
        return EXIT_USAGE;
    }
    path_list list = {0};
    int listed = 1;
    if (files_from != NULL)
        listed = read_list(&list, files_from);
    for (int i = optind; listed && i < argc; i++)
        listed = strcmp(argv[i], "-") == 0 ? read_list(&list, "-")
                                           : path_list_add(&list, argv[i]);
    /* a PATH that is not there is a mistake to fix before anything is
     * written (with --prune, what was under it is pruned) */
    for (size_t i = 0; listed && !ro.prune && i < list.n; i++) {
        struct stat sb;
        if (lstat(list.paths[i], &sb) != 0) {
            complain(list.paths[i], strerror(errno));
            listed = -1;
        }
    }
    if (listed != 1) {
        if (listed < 0)
            fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
        path_list_clear(&list);
        return EXIT_USAGE;
    }
    char *const *roots = list.paths;
    size_t nroots = list.n;
    char *msg = NULL, *db_path = NULL, *data_dir = NULL;
    gk_status st = db_opt ? ((db_path = gk_strdup(db_opt)) ? GK_OK : GK_ENOMEM)
                          : gk_default_db_path(&db_path, &msg);
    if (st != GK_OK) {
        complain("database", msg ? msg : gk_status_str(st));
        free(msg);
        path_list_clear(&list);
        return EXIT_USAGE;
    }
    d.db_path = db_path;
    int code = EXIT_DATABASE;
    gk_run *run = NULL;
    if ((st = gk_data_dir(&data_dir, &msg)) != GK_OK) {
        complain("data files", msg ? msg : gk_status_str(st));
        goto done;
    }
    if ((st = gk_run_open(&run, db_path, data_dir, &ro, &msg)) != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    warn_database_inside(db_path, roots, nroots);
    catch_signals();
    if (show_progress(d.quiet))
        gk_progress_new(&d.progress, stderr, roots, nroots, ro.follow_links);
    progress_line = d.progress;
    d.progress_on_stdout = (d.json || d.verbose) && isatty(STDOUT_FILENO);
    st = gk_run_index(run, roots, nroots, d.progress);
    progress_line = NULL;
    gk_progress_free(d.progress);
    d.progress = NULL;
    if (st != GK_OK)
        goto done;
    /* the link pass reads every report noted: minutes on a large first
     * index, so say what it is doing */
    int linking_line = show_progress(d.quiet) && !d.progress_on_stdout;
    if (linking_line)
        fputs(PROGRAM ": linking reports (continuity, copies)\r", stderr);
    st = gk_run_finish(run, roots, nroots, &msg);
    if (linking_line)
        fputs("\033[K", stderr);
    if (st != GK_OK) {
        complain(db_path, msg ? msg : gk_status_str(st));
        goto done;
    }
    gk_status compacted = GK_OK;
    if (gk_run_compacting(run)) {
        if (show_progress(d.quiet))
            fputs(PROGRAM ": compacting the database\r", stderr);
        compacted = gk_run_compact(run, &msg);
        if (show_progress(d.quiet))
            fputs("\033[K", stderr);
    }
    const gk_run_counts *counts = gk_run_get_counts(run);
    int interrupted = gk_run_interrupted(run);
    summary(&d, counts, interrupted);
    code = counts->failed > 0 ? EXIT_SOME_FAILED : EXIT_ALL_INDEXED;
    if (compacted != GK_OK) {
        /* the files are in: only the rewriting failed (often for want of
         * room for the copy), and the database is as it was before it */
        char why[1024];
        snprintf(why, sizeof why,
                 "%s; every file indexed was saved, and the database is usable "
                 "as it is, only not compacted (--compact tries again)",
                 msg ? msg : gk_status_str(compacted));
        complain(db_path, why);
        code = EXIT_DATABASE;
        goto done;
    }
    if (interrupted) {
        fprintf(stderr, PROGRAM ": interrupted by %s after indexing %lu file%s "
                        "(%lu failed); what was indexed is saved in the database: "
                        "run the same command again to index the rest\n",
                signal_name(stop_signal), counts->indexed,
                counts->indexed == 1 ? "" : "s", counts->failed);
        code = 128 + stop_signal;
    }
done:
    progress_line = NULL;
    gk_progress_free(d.progress);
    gk_run_close(run);
    free(msg);
    free(db_path);
    free(data_dir);
    path_list_clear(&list);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, PROGRAM ": error writing output: %s\n", strerror(errno));
        return code == EXIT_ALL_INDEXED ? EXIT_SOME_FAILED : code;
    }
    return code;
}

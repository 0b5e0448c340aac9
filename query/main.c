/* main.c - gongkai-query: search a gongkai database. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gk_analyze.h"
#include "gk_book.h"
#include "gk_categories.h"
#include "gk_db.h"
#include "gk_escape.h"
#include "gk_facetfields.h"
#include "gk_facettotals.h"
#include "gk_fieldlist.h"
#include "gk_figtable.h"
#include "gk_figures.h"
#include "gk_hits.h"
#include "gk_json.h"
#include "gk_order.h"
#include "gk_output.h"
#include "gk_page.h"
#include "gk_paths.h"
#include "gk_query.h"
#include "gk_sections.h"
#include "gk_show.h"
#include "gk_history.h"
#include "gk_continuity.h"
#include "gk_similar.h"
#include "gk_shingle.h"
#include "gk_stored.h"
#include "gk_text.h"
#include "gk_util.h"

#define PROGRAM "gongkai-query"

/* Exit codes, as documented in --help and README.md. */
enum { EXIT_HITS = 0, EXIT_NO_HITS = 1, EXIT_USAGE = 2, EXIT_DATABASE = 3 };

#define DEFAULT_LIMIT 10
#define MAX_LIMIT 100000

typedef struct options {
    const char *db;
    unsigned limit, offset;
    int limit_given;
    int by_report, json, explain;
    int color;        /* -1 auto */
    const char *sort; /* --sort NAME (-NAME: descending); NULL: default */
    int reverse;
    int figures;      /* --figures: a table of figures per report */
    int history;      /* --history: each place's reports by year */
    int format;       /* gk_figtable_format */
    const char *facets; /* --facet a,b,c */
    int by_year;      /* --by-year: facets as value x year */
    const char *total; /* --sum FIGURE or --avg FIGURE: added up by facet value */
    int total_mean;   /* --avg */
    int total_twice;  /* --sum or --avg given twice (or both) */
    const char *show; /* --show REPORT_ID (a unique prefix) or PATH */
    int text;         /* --text: sections whole, as written */
    const char *batch; /* --batch FILE: one query per line ("-": stdin) */
    int exact;        /* --exact: count every match, however many */
    int partial;      /* --partial: a stub's remote shards that are down
                         are left out, with a warning */
    int list_fields;  /* --fields: list every field's names and exit */
    int format_given; /* --format: also how --facet prints */
    const char *output; /* -o FILE: instead of standard output */
    const char *similar; /* --similar ID: the reports sharing a section */
} options;

static void usage(FILE *to)
{
    fputs("Usage: " PROGRAM " [OPTION]... [QUERY]...\n"
          "Search annual government-information-disclosure reports indexed by\n"
          "gongkai-index.  Without QUERY (or with only filters) list what the\n"
          "filters match.\n"
          "\n"
          "Query language (the words of QUERY are joined by spaces):\n"
          "  存在的主要问题            text, found wherever it occurs (any substring)\n"
          "  \"行政 复议\" “行政复议”     a phrase (a space between Chinese words\n"
          "      finds them written together too: \"政府 信息\" finds 政府信息)\n"
          "  A B   A AND B   A OR B   NOT A   -A   ( ... )\n"
          "      (-A excludes A; put -- before the query if A could be\n"
          "      read as an option; lower-case and/or/not are words)\n"
          "  township:柳泉镇  镇:柳泉   township (with or without 镇/乡/街道)\n"
          "  county:彭阳县    县:彭阳   county\n"
          "  city:固原  市:德惠        city (a county-level 市 counts too)\n"
          "  province:宁夏回族自治区  省:山西   province\n"
          "  place_code:1410  区划代码:640425   a GB/T 2260 code, any level\n"
          "  place_status:ambiguous   resolved, ambiguous or unknown\n"
          "  category:timeliness  问题:时效性   a problem category\n"
          "  year:2020  year:2019..2021  year:2019..  年份:2021\n"
          "  section:problems  章节:存在的主要问题\n"
          "      sections: preamble overview proactive requests fees\n"
          "      review_litigation problems other (or their Chinese names)\n"
          "  kind:report  kind:document  report:ID\n"
          "  similar:ID  相似:ID       the reports sharing 80% or more of a\n"
          "      section with report ID (16 hex digits; see --similar)\n"
          "  requests_new:5..  requests_new >= 5  采购金额:1万..200万  (the figures\n"
          "      of docs/FIGURES.md)  consistency:mismatch  template:2021\n"
          "  completeness:incomplete  missing:problems  deadline:late   what the\n"
          "      law requires (docs/COMPLETENESS.md): complete or incomplete; a\n"
          "      part missing (overview proactive requests fees review_litigation\n"
          "      problems other proactive_table requests_table review_table\n"
          "      assessment); on_time, late or unknown by art. 49\n"
          "  signed:2022-01-20  signed:2022-01-01..2022-03-31   the date it gives\n"
          "  continuity:mismatch  连续性:不衔接   this year's 上年结转 against the\n"
          "      same place's 结转下年度 of the year before: ok, mismatch or unknown\n"
          "  copied:previous_year  copied:other_place  抄袭:上年   the problems\n"
          "      section 90% or more the same as the same place's report of an\n"
          "      earlier year, or as another place's of an earlier or the same year,\n"
          "      the template's sentences left out; none; unknown (too short)\n"
          "  A misspelt field name is an error naming the nearest ones (quote\n"
          "  text with a colon in it to search it as text).\n"
          "  Every field, figure, facet and category with its Chinese names:\n"
          "  gongkai-query --fields\n"
          "\n",
          to);
    fputs("Options:\n"
          "  -d, --db DIR        database directory (default: $GONGKAI_DB, else\n"
          "                      $XDG_DATA_HOME/gongkai/db, else\n"
          "                      ~/.local/share/gongkai/db)\n"
          "  -n, --limit N       show N results (default 10; 0: only count)\n"
          "      --offset N      skip the first N results\n"
          "      --by WHAT       results are reports, each naming the sections\n"
          "                      that matched; 'report': each hit also carries\n"
          "                      every figure, counted exactly ('section', the\n"
          "                      default, is kept for older scripts)\n"
          "      --json          JSON Lines: one object per hit, then a summary\n"
          "                      (see docs/JSON.md)\n"
          "      --partial       a stub of shards: search the shards that answer,\n"
          "                      with a warning naming each remote shard down\n"
          "                      (without it a shard down is an error, exit 3)\n"
          "      --exact         count every match exactly (a page of reports\n"
          "                      otherwise counts up to 1000: \"at least 1000\";\n"
          "                      -n 0, --by report, --facet and filters without\n"
          "                      text always count exactly)\n"
          "      --sort NAME     order by a figure (or year, relevance), ascending;\n"
          "                      -NAME descending; unknown values come last\n"
          "      --reverse       reverse the --sort order\n"
          "      --figures       one row per matching report: id, path, title,\n"
          "                      township, county, city, province, place_code,\n"
          "                      place_status, year, template, consistency,\n"
          "                      completeness, missing, signed, deadline, every\n"
          "                      figure, notes, continuity, the year before's\n"
          "                      结转下年度, copied and copied_from (all matching\n"
          "                      reports unless -n)\n"
          "      --history       each matching place (its place_code when\n"
          "                      resolved) over the years: its reports in year\n"
          "                      order, every figure and its change from the\n"
          "                      year before (unknown when either is),\n"
          "                      consistency, continuity, categories; a table\n"
          "                      per place, --json (a place line, then a line\n"
          "                      per report) or --format csv|tsv|json\n"
          "      --format FMT    with --figures: csv (default), tsv, json or xlsx;\n"
          "                      with --history: csv, tsv or json;\n"
          "                      with --facet: the facets alone, as csv rows\n"
          "                      (field,value[,year],count), tsv, json or xlsx\n"
          "                      (one sheet per facet: value[,year],count, and\n"
          "                      with --sum/--avg: known and sum or mean).\n"
          "                      xlsx is a workbook, figures as numbers, unknown\n"
          "                      ones empty: to -o FILE or a redirected output,\n"
          "                      never a terminal\n"
          "  -o, --output FILE   write the output to FILE, not standard output\n"
          "      --facet F,...   count matching reports by province, city,\n"
          "                      county, township, year, section, category,\n"
          "                      consistency, template, place_status,\n"
          "                      completeness, missing, deadline, continuity or\n"
          "                      copied\n"
          "                      (or their Chinese names)\n"
          "      --by-year       with --facet: one column per year (csv, tsv,\n"
          "                      json, xlsx: a year column)\n"
          "      (every facet ends with an (unknown) row: the matching reports\n"
          "      without a value, so that the counts add up; year is in year\n"
          "      order)\n",
          to);
    fputs("      --sum FIGURE    with --facet (and --by-year): for each value its\n"
          "                      reports, those with FIGURE known and its exact\n"
          "                      sum (money in yuan); unknown figures are not 0:\n"
          "                      they are left out. Without --facet: one row,\n"
          "                      all, for every match (csv: field,value[,year],\n"
          "                      count,known,figure,unit,sum)\n"
          "      --avg FIGURE    the same with the mean of the known values,\n"
          "                      rounded half up to 2 decimals\n",
          to);
    fputs("      --text          print each hit's matched sections whole, as\n"
          "                      written, instead of its snippet, each after\n"
          "                      PATH:LINE where it starts in a text file\n"
          "                      (--json: each of its sections gains \"text\"\n"
          "                      and \"line\"); with --show, the whole report\n"
          "                      by section after its record\n"
          "      --show ID       print the whole record of one report (place,\n"
          "                      sections, figures and their sources, arithmetic,\n"
          "                      continuity, copied, problem categories) and exit;\n"
          "                      ID is its report\n"
          "                      id (16 hex digits, before each hit's path), a\n"
          "                      prefix of it of 4 or more digits that names no\n"
          "                      other report, or the path of its file\n"
          "      --similar ID    list the reports sharing 80% or more of a\n"
          "                      section with report ID (as --show takes it),\n"
          "                      the template's sentences left out: the share,\n"
          "                      the section, each report's id, year, title and\n"
          "                      path (--json: JSON Lines; --format csv: CSV),\n"
          "                      and exit (docs/SIMILAR.md)\n"
          "      --color[=WHEN]  highlight matches: always, never or auto (the\n"
          "                      default, and a bare --color: on a terminal\n"
          "                      unless NO_COLOR is set)\n"
          "      --batch FILE    run every line of FILE ('-': standard input) as\n"
          "                      a query with these options; each query's\n"
          "                      summary also gives the query and the time it\n"
          "                      took.  Blank lines and lines starting with #\n"
          "                      are skipped; a bad query (or a line holding a\n"
          "                      NUL byte) is reported and the next one run\n"
          "      --explain       show how the query was read, and exit\n"          "      --fields        list every field, figure, facet, section and\n"
          "                      problem category with its Chinese names (from\n"
          "                      the data files), and exit (--json: JSON Lines)\n"
          "  -h, --help          show this help and exit\n"
          "  -V, --version       show the version and exit\n"
          "\n"
          "Control characters in what is printed as text (file names, titles,\n"
          "values echoed in errors) are shown escaped: \\x1b, \\n, \\r.\n"
          "\n"
          "Exit status: 0 something matched; 1 nothing matched; 2 usage or query\n"
          "error; 3 database (or output) error.\n",
          to);
}

/* Say on stderr "gongkai-query: " and the message, its arguments (which
 * may echo a file name, a query or an option's value) with every control
 * character escaped, so that no message can drive the terminal. */
static void complain(const char *fmt, ...) GK_PRINTF(1, 2);
static void complain(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg != NULL) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    fputs(PROGRAM ": ", stderr);
    gk_escape_fputs(stderr, msg != NULL ? msg : "out of memory");
    fputc('\n', stderr);
    free(msg);
}

static int parse_count(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v > MAX_LIMIT)
        return 0;
    *out = (unsigned)v;
    return 1;
}

static int want_color(int asked)
{
    if (asked >= 0)
        return asked;
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && (no == NULL || no[0] == '\0') &&
           !(term != NULL && strcmp(term, "dumb") == 0);
}

/* A word of the query that excludes ("-诉讼", "-township:柳泉镇", "-\"...\"")
 * rather than an option: anything starting with one '-' that is not one of
 * our short options, except a single unknown letter (a mistyped option). */
static int is_exclusion(const char *a)
{
    if (a[0] != '-' || a[1] == '\0' || a[1] == '-')
        return 0;
    const char *rest = a + 2;
    switch (a[1]) {
    case 'h':
    case 'V':
        return *rest != '\0';
    case 'n':
        if (*rest == '\0')
            return 0;
        while (*rest >= '0' && *rest <= '9')
            rest++;
        return *rest != '\0';
    case 'd':
    case 'o':
        return *rest != '\0' && *rest != '/' && *rest != '.' && *rest != '~';
    default: {
        char c = a[1];
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return !(letter && *rest == '\0');
    }
    }
}

/* Shield exclusions from getopt: they get a leading \001, which makes them
 * plain arguments (kept in order), and lose it again in join_args.
 * Returns a malloc'd copy of argv; *marks holds the strings to free. */
static char **shield_exclusions(int argc, char **argv, char ***marks)
{
    char **copy = calloc((size_t)argc + 1, sizeof *copy);
    *marks = calloc((size_t)argc + 1, sizeof **marks);
    if (copy == NULL || *marks == NULL) {
        free(copy);
        free(*marks);
        *marks = NULL;
        return NULL;
    }
    int after_dashes = 0;
    for (int i = 0; i < argc; i++) {
        copy[i] = argv[i];
        if (strcmp(argv[i], "--") == 0)
            after_dashes = 1;
        if (i == 0 || after_dashes || !is_exclusion(argv[i]))
            continue;
        /* an option's value ("-d -x") is no query word */
        if (strcmp(argv[i - 1], "-d") == 0 || strcmp(argv[i - 1], "--db") == 0 ||
            strcmp(argv[i - 1], "-n") == 0 || strcmp(argv[i - 1], "--limit") == 0 ||
            strcmp(argv[i - 1], "--offset") == 0 || strcmp(argv[i - 1], "--by") == 0 ||
            strcmp(argv[i - 1], "--sort") == 0 || strcmp(argv[i - 1], "--format") == 0 ||
            strcmp(argv[i - 1], "--facet") == 0 || strcmp(argv[i - 1], "--show") == 0 ||
            strcmp(argv[i - 1], "-o") == 0 || strcmp(argv[i - 1], "--output") == 0)
            continue;
        size_t n = strlen(argv[i]);
        char *m = malloc(n + 2);
        if (m == NULL)
            continue;
        m[0] = '\001';
        memcpy(m + 1, argv[i], n + 1);
        copy[i] = (*marks)[i] = m;
    }
    return copy;
}

/* Parse the command line; returns -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'O'},
        {"output", required_argument, NULL, 'o'},
        {"by", required_argument, NULL, 'b'},
        {"json", no_argument, NULL, 'j'},
        {"color", optional_argument, NULL, 'c'},
        {"colour", optional_argument, NULL, 'c'},
        {"explain", no_argument, NULL, 'e'},
        {"sort", required_argument, NULL, 's'},
        {"reverse", no_argument, NULL, 'r'},
        {"figures", no_argument, NULL, 'f'},
        {"history", no_argument, NULL, 'H'},
        {"format", required_argument, NULL, 'F'},
        {"facet", required_argument, NULL, 'a'},
        {"by-year", no_argument, NULL, 'y'},
        {"sum", required_argument, NULL, 'U'},
        {"avg", required_argument, NULL, 'M'},
        {"show", required_argument, NULL, 'S'},
        {"similar", required_argument, NULL, 'I'},
        {"text", no_argument, NULL, 'T'},
        {"batch", required_argument, NULL, 'B'},
        {"exact", no_argument, NULL, 'x'},
        {"partial", no_argument, NULL, 'W'},
        {"fields", no_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->limit = DEFAULT_LIMIT;
    o->color = -1;
    o->format = GK_FIGTABLE_CSV;
    int c;
    opterr = 0; /* getopt's own messages would echo an option raw */
    while ((c = getopt_long(argc, argv, ":d:n:o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'o': o->output = optarg; break;
        case 'n':
        case 'O':
            o->limit_given |= c == 'n';
            if (!parse_count(optarg, c == 'n' ? &o->limit : &o->offset)) {
                complain("%s: '%s' is not a number from 0 to %d",
                        c == 'n' ? "--limit" : "--offset", optarg, MAX_LIMIT);
                return EXIT_USAGE;
            }
            break;
        case 'b':
            if (strcmp(optarg, "report") == 0)
                o->by_report = 1;
            else if (strcmp(optarg, "section") == 0)
                o->by_report = 0;
            else {
                complain("--by: '%s' is neither 'section' nor "
                                "'report'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'j': o->json = 1; break;
        case 'c':
            if (optarg == NULL || strcmp(optarg, "auto") == 0)
                o->color = -1; /* a bare --color is auto, as grep's is */
            else if (strcmp(optarg, "always") == 0)
                o->color = 1;
            else if (strcmp(optarg, "never") == 0)
                o->color = 0;
            else {
                complain("--color: '%s' is not always, never or "
                                "auto", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'e': o->explain = 1; break;
        case 's': o->sort = optarg; break;
        case 'r': o->reverse = 1; break;
        case 'f': o->figures = 1; break;
        case 'H': o->history = 1; break;
        case 'a': o->facets = optarg; break;
        case 'y': o->by_year = 1; break;
        case 'U':
        case 'M':
            o->total_twice |= o->total != NULL;
            o->total = optarg;
            o->total_mean = c == 'M';
            break;
        case 'S': o->show = optarg; break;
        case 'I': o->similar = optarg; break;
        case 'T': o->text = 1; break;
        case 'B': o->batch = optarg; break;
        case 'x': o->exact = 1; break;
        case 'W': o->partial = 1; break;
        case 'L': o->list_fields = 1; break;
        case 'F':
            o->format = gk_figtable_format_of(optarg);
            o->format_given = 1;
            if (o->format < 0) {
                complain("--format: '%s' is not csv, tsv, json or xlsx",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_HITS;
        case 'V': printf(PROGRAM " %s\n", gk_version()); return EXIT_HITS;
        default:
            if (c == ':')
                complain("option '%s' needs a value", argv[optind - 1]);
            else if (optopt == 0)
                complain("unrecognized option '%s'", argv[optind - 1]);
            else if (strncmp(argv[optind - 1], "--", 2) == 0)
                complain("option '%s' takes no value", argv[optind - 1]);
            else
                complain("unrecognized option '-%c'", optopt);
            fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* The words of the query joined by spaces; malloc'd. */
static char *join_args(int argc, char **argv, size_t *len)
{
    gk_buf b = {0};
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            gk_buf_addc(&b, ' ');
        gk_buf_adds(&b, argv[i] + (argv[i][0] == '\001'));
    }
    return gk_buf_take(&b, len);
}

/* Everything a search run holds, released by run_free. */
typedef struct run {
    gk_analyzer *az;
    gk_section_table *sections;
    gk_field_table *fields;
    gk_figure_rules *figure_rules;
    gk_taxonomy *taxonomy;
    gk_folder *folder;
    gk_hits *hits;            /* reads the hits back, once the database is
                                 open */
    int shown[GK_HITS_MAX_SHOWN]; /* figures the query filters or sorts on */
    size_t nshown;
    gk_query *query;
    const gk_phrase **phrases; /* the query's, for the snippets */
    gk_xquery *xq;
    gk_db *db;
    gk_results *results;
    gk_noise *noise; /* the page chrome snippets pass over */
    char *data_dir, *db_path, *text, *msg;
    const char *batch_text; /* with --batch: the query being run */
    double started;         /* with --batch: when it started (seconds) */
    int facet_counted;      /* --facet counted every match: */
    unsigned long facet_reports; /* how many reports matched, exactly */
} run;

static void run_free(run *r)
{
    gk_results_free(r->results);
    gk_hits_free(r->hits);
    gk_db_close(r->db);
    gk_xquery_free(r->xq);
    free(r->phrases);
    gk_query_free(r->query);
    gk_field_table_free(r->fields);
    gk_figure_rules_free(r->figure_rules);
    gk_taxonomy_free(r->taxonomy);
    gk_folder_free(r->folder);
    gk_noise_free(r->noise);
    gk_section_table_free(r->sections);
    gk_analyzer_free(r->az);
    free(r->data_dir);
    free(r->db_path);
    free(r->text);
    free(r->msg);
}

/* Print the hits of the page; returns -1 to go on, or an exit code. */
static int print_hits(run *r, const options *o, const gk_output *out, int by_report)
{
    size_t n = gk_results_count(r->results);
    if (n == 0)
        return -1;
    size_t nph = gk_query_phrase_count(r->query);
    if ((r->phrases = calloc(nph ? nph : 1, sizeof *r->phrases)) == NULL) {
        complain("%s", gk_status_str(GK_ENOMEM));
        return EXIT_DATABASE;
    }
    for (size_t k = 0; k < nph; k++)
        r->phrases[k] = gk_query_phrase(r->query, k);
    /* the sections a match may lie in: those the query's section:
     * filters allow (NULL: all) */
    const char *scope[GK_HITS_MAX_SCOPE];
    size_t nscope = 0, nt = gk_section_table_count(r->sections);
    for (size_t k = 0; k <= nt && nscope < GK_HITS_MAX_SCOPE; k++) {
        const char *id = k < nt ? gk_section_table_id(r->sections, k) : "document";
        if (gk_query_in_scope(r->query, id))
            scope[nscope++] = id;
    }
    gk_hits_view view = {o->offset, by_report,  r->phrases,           nph,
                         r->shown,  r->nshown, nscope > nt ? NULL : scope, nscope,
                         o->text};
    for (size_t i = 0; i < n; i++) {
        gk_hit h;
        gk_status st = gk_hits_read(r->hits, r->results, i, &view, &h, &r->msg);
        if (st != GK_OK) {
            complain("%s", r->msg ? r->msg : gk_status_str(st));
            return EXIT_DATABASE;
        }
        gk_output_hit(out, &h);
    }
    return -1;
}

/* Write the workbook b to standard output and free it; returns -1 or an
 * exit code. */
static int write_book(run *r, const options *o, gk_book *b)
{
    gk_status st = gk_book_write(b, stdout, &r->msg);
    gk_book_free(b);
    if (st != GK_OK) {
        complain("%s: %s", o->output ? o->output : "workbook",
                 r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    return -1;
}

/* --figures: a table of the matching reports' figures; returns -1 or an
 * exit code. */
static int print_figure_table(run *r, const options *o)
{
    size_t nfigures;
    const gk_hit_figure *names = gk_hits_figure_names(r->hits, &nfigures);
    if (o->format == GK_FIGTABLE_XLSX) {
        gk_book *b;
        gk_status st = gk_book_new(&b, &r->msg);
        if (st != GK_OK) {
            complain("workbook: %s", r->msg ? r->msg : gk_status_str(st));
            return EXIT_DATABASE;
        }
        gk_figtable_book_header(b, names, nfigures);
        for (size_t i = 0; i < gk_results_count(r->results); i++) {
            gk_figtable_row row;
            gk_hits_row(r->hits, r->results, i, &row);
            gk_figtable_book_row(b, &row);
        }
        return write_book(r, o, b);
    }
    gk_figtable_header(stdout, (gk_figtable_format)o->format, names, nfigures);
    for (size_t i = 0; i < gk_results_count(r->results); i++) {
        gk_figtable_row row;
        gk_hits_row(r->hits, r->results, i, &row);
        gk_figtable_row_print(stdout, (gk_figtable_format)o->format, &row);
    }
    return -1;
}

/* --history: the matching reports by place and year; returns -1 or an
 * exit code. */
static int print_history(run *r, const options *o)
{
    gk_history *h = NULL;
    gk_status st = gk_history_new(&h, r->figure_rules, &r->msg);
    for (size_t i = 0; st == GK_OK && i < gk_results_count(r->results); i++)
        st = gk_history_add(h, r->results, i, &r->msg);
    if (st != GK_OK) {
        complain("%s", r->msg ? r->msg : gk_status_str(st));
        gk_history_free(h);
        return EXIT_DATABASE;
    }
    int json = o->json || (o->format_given && o->format == GK_FIGTABLE_JSON);
    gk_history_print(h, stdout, !json && !o->format_given,
                     json ? GK_FIGTABLE_JSON : (gk_figtable_format)o->format,
                     o->format_given || json ? 0 : want_color(o->color));
    gk_history_free(h);
    return -1;
}

/* The order of the results: --sort NAME, -NAME, --reverse.  Returns -1 to
 * go on, or an exit code (bad name). */
static int choose_order(run *r, const options *o, gk_order *order)
{
    gk_status st = gk_order_choose(order, o->sort, o->reverse,
                                   gk_query_has_text(r->query), r->figure_rules);
    if (st == GK_EINVAL) {
        complain("--reverse: reverses a --sort order; give --sort NAME");
        return EXIT_USAGE;
    }
    if (st != GK_OK) {
        complain("--sort: '%s' is not a figure, year or "
                        "relevance (figures: see --figures)",
                o->sort + (o->sort[0] == '-'));
        return EXIT_USAGE;
    }
    /* show the sorted figure with each hit */
    r->nshown = gk_order_show(order, r->shown, r->nshown, GK_HITS_MAX_SHOWN);
    return -1;
}

/* The facet field called name (canonical, or a Chinese name of fields.tsv),
 * or -1. */
static int facet_field_of(const run *r, const char *name, size_t len)
{
    int f = gk_field_lookup(r->fields, name, len);
    return gk_facet_field_lookup(name, len, f >= 0 ? gk_field_name((gk_field)f) : NULL);
}

/* How --facet prints: text, JSON (--json or --format json) or, with
 * --format csv or tsv, rows of a table alone (no hits, no summary). */
static gk_facet_format facet_format(const options *o)
{
    if (o->json || (o->format_given && o->format == GK_FIGTABLE_JSON))
        return GK_FACET_JSON;
    if (o->format_given)
        return o->format == GK_FIGTABLE_TSV ? GK_FACET_TSV : GK_FACET_CSV;
    return GK_FACET_TEXT;
}

/* The figure of --sum or --avg (checked by total_figure_check). */
static gk_total_figure total_figure(const run *r, const options *o)
{
    int k = gk_figure_lookup(r->figure_rules, o->total);
    gk_total_figure fig = {gk_figure_id(r->figure_rules, (size_t)k),
                           gk_figure_label(r->figure_rules, (size_t)k),
                           gk_figure_is_money(r->figure_rules, (size_t)k), o->total_mean};
    return fig;
}

/* Count and print the facets of --facet; returns -1 to go on or an exit
 * code. */
static int print_facets(run *r, const options *o, const gk_output *out)
{
    int fields[GK_FACET_FIELDS_MAX];
    size_t n = 0;
    for (const char *p = o->facets ? o->facets : ""; *p && n < GK_FACET_FIELDS_MAX;) {
        size_t len = strcspn(p, ",");
        int f = len ? facet_field_of(r, p, len) : -1;
        if (f < 0) {
            complain("--facet: '%.*s' is not one of province, city, "
                            "county, township, year, section, category, consistency, "
                            "template, place_status, completeness, missing, deadline",
                     (int)len, p);
            return EXIT_USAGE;
        }
        fields[n++] = f;
        p += len + (p[len] == ',');
    }
    /* the section facet: one query per section, its text matched there */
    const char *ids[GK_HITS_MAX_SCOPE];
    gk_xquery *queries[GK_HITS_MAX_SCOPE];
    gk_facet_sections secs = {(const gk_xquery *const *)queries, ids, 0};
    size_t nt = gk_section_table_count(r->sections);
    gk_status st = GK_OK;
    for (size_t i = 0; i < n; i++)
        if (strcmp(gk_facet_field_name(fields[i]), "section") == 0)
            for (size_t k = 0; k <= nt && secs.n < GK_HITS_MAX_SCOPE && st == GK_OK; k++) {
                ids[secs.n] = k < nt ? gk_section_table_id(r->sections, k) : "document";
                st = gk_query_compile_section(r->query, ids[secs.n], &queries[secs.n],
                                              &r->msg);
                secs.n += st == GK_OK;
            }
    gk_facets *facets = NULL;
    if (st == GK_OK)
        st = gk_facet_fields_count_totals(r->db, r->xq, fields, n, o->by_year,
                                          o->total != NULL, &secs, &facets, &r->msg);
    for (size_t k = 0; k < secs.n; k++)
        gk_xquery_free(queries[k]);
    if (st != GK_OK) {
        complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    /* every match was counted: the summary's total is exact */
    r->facet_counted = 1;
    r->facet_reports = gk_facet_fields_reports(facets, n);
    if (o->format_given && o->format == GK_FIGTABLE_XLSX) {
        gk_book *b;
        if ((st = gk_book_new(&b, &r->msg)) != GK_OK) {
            gk_facets_free(facets);
            complain("workbook: %s", r->msg ? r->msg : gk_status_str(st));
            return EXIT_DATABASE;
        }
        if (o->total != NULL) {
            gk_total_figure fig = total_figure(r, o);
            st = gk_facet_totals_book(b, fields, n, facets, o->by_year, &fig, &r->msg);
        } else {
            gk_facet_fields_book(b, fields, n, facets, o->by_year);
        }
        gk_facets_free(facets);
        if (st != GK_OK) {
            gk_book_free(b);
            complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
            return EXIT_DATABASE;
        }
        return write_book(r, o, b);
    }
    gk_facet_format fmt = facet_format(o);
    if (fmt == GK_FACET_TEXT && gk_results_count(r->results) > 0)
        fputc('\n', out->to);
    if (o->total != NULL) {
        gk_total_figure fig = total_figure(r, o);
        st = gk_facet_totals_print_all(out->to, fmt, out->color, fields, n, facets,
                                       o->by_year, r->taxonomy, &fig, &r->msg);
        gk_facets_free(facets);
        if (st != GK_OK) {
            complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
            return EXIT_DATABASE;
        }
        return -1;
    }
    gk_facet_fields_print_all(out->to, fmt, out->color, fields, n, facets, o->by_year,
                              r->taxonomy);
    gk_facets_free(facets);
    return -1;
}

/* 1 if s could only be meant as a report id (hexadecimal digits and no
 * file of that name). */
static int id_like(const char *s)
{
    return s[0] != '\0' && strspn(s, "0123456789abcdefABCDEF") == strlen(s) &&
           access(s, F_OK) != 0;
}

/* --show ID (a unique prefix of a report id, or a file's path): one
 * report's record, and with --text its sections whole. */
static int show(run *r, const options *o)
{
    char id[GK_REPORT_ID_LEN + 1];
    size_t matches = 0;
    gk_status st = gk_stored_resolve(id, &matches, r->db, o->show, &r->msg);
    if (st == GK_EINVAL) {
        complain("--show: '%s' is the beginning of %zu report ids; give more "
                 "of its digits", o->show, matches);
        return EXIT_USAGE;
    }
    size_t n = strlen(o->show);
    if (st == GK_ENOTFOUND && id_like(o->show) &&
        (n < GK_REPORT_ID_MIN_PREFIX || n > GK_REPORT_ID_LEN)) {
        complain("--show: '%s' is too %s for a report id (%d to %d of its "
                 "hexadecimal digits) and no file", o->show,
                 n < GK_REPORT_ID_MIN_PREFIX ? "short" : "long", GK_REPORT_ID_MIN_PREFIX,
                 GK_REPORT_ID_LEN);
        return EXIT_USAGE;
    }
    if (st == GK_ENOTFOUND && !id_like(o->show) && o->show[0] != '/' &&
        access(o->show, F_OK) != 0) {
        complain("--show: '%s' is neither a report id (%d to %d hexadecimal "
                 "digits) nor a file", o->show, GK_REPORT_ID_MIN_PREFIX, GK_REPORT_ID_LEN);
        return EXIT_USAGE;
    }
    if (st == GK_ENOTFOUND) {
        complain("%s: no report %s%s in this database", r->db_path,
                 !id_like(o->show) ? "of the file "
                 : n < GK_REPORT_ID_LEN ? "whose id begins " : "", o->show);
        return EXIT_NO_HITS;
    }
    json_t *rec = NULL;
    if (st == GK_OK)
        st = gk_stored_record_get(&rec, r->db, id, &r->msg);
    if (st != GK_OK) {
        complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    const char *data = NULL;
    size_t data_len = 0;
    int code = -1;
    if ((st = gk_stored_document(&r->results, r->db, id, &r->msg)) != GK_OK) {
        complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
        code = EXIT_DATABASE;
    }
    json_t *continuity = code < 0 && gk_results_count(r->results) > 0
                             ? gk_continuity_json(r->results, 0, r->figure_rules)
                             : NULL;
    if (continuity != NULL)
        json_object_set_new(rec, "continuity", continuity);
    json_t *copied = code < 0 && gk_results_count(r->results) > 0
                         ? gk_copied_json(r->results, 0)
                         : NULL;
    if (copied != NULL)
        json_object_set_new(rec, "copied", copied);
    if (code < 0 && o->text && gk_results_count(r->results) > 0)
        gk_results_data(r->results, 0, &data, &data_len);
    if (code < 0)
        gk_show_record(stdout, o->json, o->json ? 0 : want_color(o->color), rec, data,
                       data_len);
    json_decref(rec);
    return code >= 0 ? code : EXIT_HITS;
}

/* --partial: a remote shard left out, said on stderr (one line each). */
static void shard_down(void *ctx, const char *shard, const char *why)
{
    run *r = ctx;
    complain("%s: warning: shard %s is down or unreachable (%s): results are from "
             "the other shards", r->db_path, shard, why);
}

/* --similar ID: the reports sharing a section with report ID, as --show
 * resolves it; returns an exit code. */
static int similar(run *r, const options *o)
{
    char id[GK_REPORT_ID_LEN + 1];
    size_t matches = 0;
    gk_status st = gk_stored_resolve(id, &matches, r->db, o->similar, &r->msg);
    if (st == GK_EINVAL) {
        complain("--similar: '%s' is the beginning of %zu report ids; give more "
                 "of its digits", o->similar, matches);
        return EXIT_USAGE;
    }
    if (st == GK_ENOTFOUND) {
        complain("%s: --similar: no report '%s' (a report id, a unique prefix of 4 or "
                 "more of its digits, or a file's path)", r->db_path, o->similar);
        return EXIT_NO_HITS;
    }
    gk_similar *found = NULL;
    if (st == GK_OK)
        st = gk_similar_find(&found, r->db, r->sections, id, GK_SIMILAR_SHARE, &r->msg);
    if (st != GK_OK) {
        complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    gk_similar_print(stdout, found, r->sections,
                     o->json || (o->format_given && o->format == GK_FIGTABLE_JSON)
                         ? GK_SIMILAR_JSON
                         : o->format_given ? GK_SIMILAR_CSV : GK_SIMILAR_TEXT);
    int code = found->n > 0 ? EXIT_HITS : EXIT_NO_HITS;
    gk_similar_free(found);
    return code;
}

/* similar:ID in a query (gk_query_env.similar): the ids, space-separated. */
typedef struct similar_ctx {
    run *r;
    const options *o;
} similar_ctx;

static int open_database(run *r, const options *o);

static gk_status similar_ids(void *ctx, const char *report_id, char **ids, char **errmsg)
{
    similar_ctx *c = ctx;
    if (c->r->db == NULL && open_database(c->r, c->o) >= 0)
        return gk_fail(errmsg, GK_EIO, "the database cannot be read");
    gk_similar *found = NULL;
    gk_status st = gk_similar_find(&found, c->r->db, c->r->sections, report_id,
                                   GK_SIMILAR_SHARE, errmsg);
    if (st == GK_ENOTFOUND) {
        free(*errmsg);
        *errmsg = NULL;
        return gk_fail(errmsg, st, "no report %s in this database", report_id);
    }
    gk_buf b = {0};
    for (size_t i = 0; st == GK_OK && i < found->n; i++) {
        int seen = 0; /* a report sharing two sections is listed twice */
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(found->matches[k].report_id, found->matches[i].report_id) == 0;
        if (!seen)
            st = gk_buf_printf(&b, "%s%s", b.len ? " " : "", found->matches[i].report_id);
    }
    gk_similar_free(found);
    if (st == GK_OK)
        st = gk_buf_adds(&b, "");
    if (st != GK_OK) {
        gk_buf_free(&b);
        return st;
    }
    *ids = gk_buf_take(&b, NULL);
    return *ids != NULL ? GK_OK : GK_ENOMEM;
}

/* Open the database (-d or the default); returns -1 or an exit code. */
static int open_database(run *r, const options *o)
{
    gk_status st = o->db ? ((r->db_path = gk_strdup(o->db)) ? GK_OK : GK_ENOMEM)
                         : gk_default_db_path(&r->db_path, &r->msg);
    if (st != GK_OK) {
        complain("database: %s", r->msg ? r->msg : gk_status_str(st));
        return EXIT_USAGE;
    }
    size_t down = 0;
    st = o->partial ? gk_db_open_partial(&r->db, r->db_path, shard_down, r, &down, &r->msg)
                    : gk_db_open(&r->db, r->db_path, GK_DB_READ, &r->msg);
    if (st != GK_OK) {
        if (st == GK_ENOTFOUND)
            complain("%s: no database here (index reports first: "
                            "gongkai-index -d %s PATH...)", r->db_path, r->db_path);
        else
            complain("%s: %s", r->db_path,
                    r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    /* a database of another layout (an older version's) is not read */
    if ((st = gk_stored_layout_check(r->db, r->sections, &r->msg)) != GK_OK) {
        complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    gk_hits_env env = {r->db, r->sections, r->figure_rules, r->az, r->folder, r->noise};
    if (gk_hits_new(&r->hits, &env, NULL) != GK_OK) {
        complain("out of memory");
        return EXIT_DATABASE;
    }
    return -1;
}

/* Load the data files a query needs; returns -1 or an exit code. */
static int load(run *r)
{
    gk_status st;
    if ((st = gk_data_dir(&r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_section_table_load(&r->sections, r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_field_table_load(&r->fields, r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_figure_rules_load(&r->figure_rules, r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_taxonomy_load(&r->taxonomy, r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_folder_new(&r->folder, r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_noise_load(&r->noise, r->data_dir, &r->msg)) != GK_OK ||
        (st = gk_analyzer_new(&r->az, &r->msg)) != GK_OK) {
        complain("data files: %s", r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    return -1;
}

/* Seconds on a clock that only goes forward. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Say why a query cannot run: "gongkai-query: query: why", or with --batch
 * "gongkai-query: FILE:LINE: query: why" (and a JSON "error" line). */
static void query_error(const run *r, const options *o, unsigned long line,
                        const char *why)
{
    if (r->batch_text == NULL) {
        complain("query: %s", why);
        return;
    }
    complain("%s:%lu: query: %s",
            strcmp(o->batch, "-") == 0 ? "(stdin)" : o->batch, line, why);
    if (o->json) {
        json_t *e = json_object();
        json_object_set_new(e, "type", json_string("error"));
        json_object_set_new(e, "query", gk_json_text(r->batch_text));
        json_object_set_new(e, "line", json_integer((json_int_t)line));
        json_object_set_new(e, "message", gk_json_text(why));
        gk_json_print(stdout, e);
    }
}

/* Parse, run and print one query (text[0..len)); line is its line in the
 * --batch file.  Returns an exit code. */
static int run_query(run *r, const options *o, const char *text, size_t len,
                     unsigned long line)
{
    gk_status st;
    similar_ctx sc = {r, o};
    gk_query_env env = {r->az, r->sections, r->fields, r->figure_rules, r->taxonomy,
                        r->folder, similar_ids, &sc};
    if ((st = gk_query_parse(&r->query, &env, text, len, &r->msg)) != GK_OK) {
        query_error(r, o, line, r->msg ? r->msg : "out of memory");
        return EXIT_USAGE;
    }
    if (gk_query_hint(r->query) != NULL) {
        if (r->batch_text != NULL)
            complain("%s:%lu: note: %s", strcmp(o->batch, "-") == 0 ? "(stdin)" : o->batch,
                     line, gk_query_hint(r->query));
        else
            complain("note: %s", gk_query_hint(r->query));
    }
    if ((st = gk_query_compile(r->query, &r->xq, &r->msg)) != GK_OK) {
        query_error(r, o, line, r->msg ? r->msg : gk_status_str(st));
        return EXIT_USAGE;
    }
    r->nshown = gk_query_figures(r->query, r->shown, GK_HITS_MAX_SHOWN);
    int by_report = o->by_report || o->figures || o->history;
    gk_order order;
    int code = choose_order(r, o, &order);
    if (code >= 0)
        return code;
    /* --figures: every matching report unless -n is given; -n 0,
     * --figures and --exact count every match exactly, and so does a
     * listing by filters alone: its matches weigh nothing, so ordering
     * the page checks every one of them anyway (docs/BENCHMARKS.md) */
    int count_all = o->exact || o->figures || o->history || !gk_query_has_text(r->query);
    gk_search_opts so = gk_page_opts(o->offset,
                                     (o->figures || o->history) && !o->limit_given ? MAX_LIMIT
                                                                                   : o->limit,
                                     by_report, count_all, &order);
    if (o->explain) {
        char *dump = gk_query_dump(r->query);
        char *engine = gk_xquery_describe(r->xq);
        printf("parsed: %s\nengine: %s\n", dump ? dump : "?", engine ? engine : "?");
        free(dump);
        free(engine);
        return EXIT_HITS;
    }
    if (r->db == NULL && (code = open_database(r, o)) >= 0)
        return code;
    if ((st = gk_db_search(r->db, r->xq, &so, &r->results, &r->msg)) != GK_OK) {
        complain("%s: %s", r->db_path, r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    size_t n = gk_results_count(r->results);
    int exact;
    unsigned long total = gk_page_total(&so, r->results, &exact);
    if (o->history) {
        if ((code = print_history(r, o)) >= 0)
            return code;
        return total > 0 ? EXIT_HITS : EXIT_NO_HITS;
    }
    if (o->figures) {
        if ((code = print_figure_table(r, o)) >= 0)
            return code;
        return total > 0 ? EXIT_HITS : EXIT_NO_HITS;
    }
    gk_output out = {stdout, o->json, o->json ? 0 : want_color(o->color)};
    if ((o->facets != NULL || o->total != NULL) && o->format_given) {
        /* --facet --format csv|tsv|json: the facets alone, a table */
        if ((code = print_facets(r, o, &out)) >= 0)
            return code;
        return total > 0 ? EXIT_HITS : EXIT_NO_HITS;
    }
    if ((code = print_hits(r, o, &out, by_report)) >= 0)
        return code;
    if ((o->facets != NULL || o->total != NULL) && (code = print_facets(r, o, &out)) >= 0)
        return code;
    if (r->facet_counted) {
        total = r->facet_reports;
        exact = 1;
    }
    if (r->batch_text != NULL)
        gk_output_query_summary(&out, total, exact, n, o->offset, 1, r->batch_text,
                                (now() - r->started) * 1000.0);
    else /* a result is a report, whatever --by */
        gk_output_summary(&out, total, exact, n, o->offset, 1);
    return total > 0 ? EXIT_HITS : EXIT_NO_HITS;
}

/* Release what one query of a batch held. */
static void query_clear(run *r)
{
    r->facet_counted = 0;
    r->facet_reports = 0;
    gk_results_free(r->results);
    r->results = NULL;
    gk_xquery_free(r->xq);
    r->xq = NULL;
    free(r->phrases);
    r->phrases = NULL;
    gk_query_free(r->query);
    r->query = NULL;
    free(r->msg);
    r->msg = NULL;
}

/* --batch: every line of the file a query.  Exit code: 2 if a query was
 * bad (the others still ran), else 0 if any matched, else 1; a database
 * or reading error ends the batch. */
static int run_batch(run *r, const options *o)
{
    int from_stdin = strcmp(o->batch, "-") == 0;
    FILE *in = from_stdin ? stdin : fopen(o->batch, "r");
    if (in == NULL) {
        complain("%s: %s", o->batch, strerror(errno));
        return EXIT_USAGE;
    }
    int code = -1, any_hits = 0, any_bad = 0;
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        size_t lead = strspn(line, " \t");
        if (lead == len || line[lead] == '#')
            continue;
        int c;
        if (memchr(line, '\0', len) != NULL) {
            /* a NUL would cut the query short (or leave nothing: a listing
             * of everything); refuse the line, showing it whole */
            gk_buf shown = {0};
            gk_escape_add(&shown, line, len);
            r->batch_text = shown.data != NULL ? shown.data : "";
            query_error(r, o, lineno, "a NUL byte in the query");
            r->batch_text = NULL;
            gk_buf_free(&shown);
            any_bad = 1;
            continue;
        }
        r->batch_text = line;
        r->started = now();
        c = run_query(r, o, line, len, lineno);
        query_clear(r);
        if (c == EXIT_HITS)
            any_hits = 1;
        else if (c == EXIT_USAGE)
            any_bad = 1; /* reported; go on with the next query */
        else if (c != EXIT_NO_HITS) {
            code = c;
            break;
        }
    }
    if (code < 0 && ferror(in)) {
        complain("%s: %s", o->batch, strerror(errno));
        code = EXIT_USAGE;
    }
    r->batch_text = NULL;
    free(line);
    if (!from_stdin)
        fclose(in);
    if (code >= 0)
        return code;
    return any_bad ? EXIT_USAGE : any_hits ? EXIT_HITS : EXIT_NO_HITS;
}

/* --fields: every field, figure, facet, section and category with its
 * names, from the data files. */
static int list_fields(run *r, const options *o)
{
    gk_status st = gk_data_dir(&r->data_dir, &r->msg);
    if (st == GK_OK)
        st = gk_fieldlist_print(stdout, o->json, r->data_dir, &r->msg);
    if (st != GK_OK) {
        complain("data files: %s", r->msg ? r->msg : gk_status_str(st));
        return EXIT_DATABASE;
    }
    return EXIT_HITS;
}

/* The uses of --format and --by-year that print nothing they say: a
 * format without a table, --by-year without --facet, a workbook where it
 * cannot go.  Returns -1 or EXIT_USAGE. */
static int check_tables(const options *o)
{
    int xlsx = o->format_given && o->format == GK_FIGTABLE_XLSX;
    if (o->by_year && o->facets == NULL && o->total == NULL) {
        complain("--by-year: counts the --facet fields by year; give --facet F");
        return EXIT_USAGE;
    }
    if (o->format_given &&
        ((!o->figures && !o->history && o->facets == NULL && o->total == NULL &&
          o->similar == NULL) ||
         o->show != NULL)) {
        complain("--format: prints the table of --figures, --history, --facet or "
                 "--similar; give one (hits as JSON Lines: --json)");
        return EXIT_USAGE;
    }
    if (o->history && (o->figures || o->facets != NULL || o->total != NULL ||
                       o->show != NULL || xlsx)) {
        complain("--history: a table of its own, not with %s",
                 o->figures ? "--figures" : o->facets != NULL ? "--facet"
                 : o->total != NULL ? (o->total_mean ? "--avg" : "--sum")
                 : o->show != NULL ? "--show" : "--format xlsx");
        return EXIT_USAGE;
    }
    if (o->figures && o->facets != NULL) {
        complain("--facet: counts the matches by value, which the --figures table "
                 "does not show; run them apart");
        return EXIT_USAGE;
    }
    if (o->total != NULL && (o->total_twice || o->figures || o->show != NULL)) {
        complain("%s: %s", o->total_mean ? "--avg" : "--sum",
                 o->total_twice ? "one figure, added up once (--sum or --avg, not both)"
                 : o->figures   ? "adds up a figure by --facet value, not the --figures table"
                                : "adds up a figure over matching reports, not --show");
        return EXIT_USAGE;
    }
    if (xlsx && (o->json || o->batch != NULL)) {
        complain("--format xlsx: one workbook, not %s",
                 o->json ? "JSON Lines (--json)" : "one per query (--batch)");
        return EXIT_USAGE;
    }
    return -1;
}

/* -o FILE: standard output goes to FILE from here on; and a workbook is
 * never written to a terminal.  Returns -1 or an exit code. */
static int open_output(const options *o)
{
    if (o->output != NULL) {
        int fd = open(o->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0) {
            complain("%s: %s", o->output, strerror(errno));
            return EXIT_DATABASE;
        }
        fflush(stdout);
        if (dup2(fd, STDOUT_FILENO) < 0) {
            complain("%s: %s", o->output, strerror(errno));
            close(fd);
            return EXIT_DATABASE;
        }
        close(fd);
    }
    if (o->format_given && o->format == GK_FIGTABLE_XLSX && !o->explain &&
        isatty(STDOUT_FILENO)) {
        complain("--format xlsx: a workbook is binary: write it to a file "
                 "(-o FILE, or > FILE)");
        return EXIT_USAGE;
    }
    return -1;
}

/* --sum/--avg FIGURE names a figure (id, label or alias).  Returns -1 or
 * EXIT_USAGE. */
static int total_figure_check(const run *r, const options *o)
{
    if (o->total == NULL || gk_figure_lookup(r->figure_rules, o->total) >= 0)
        return -1;
    complain("%s: '%s' is not a figure (gongkai-query --fields lists them)",
             o->total_mean ? "--avg" : "--sum", o->total);
    return EXIT_USAGE;
}

static int search(run *r, const options *o, int argc, char **argv)
{
    if (o->list_fields)
        return list_fields(r, o);
    int code = load(r);
    if (code >= 0)
        return code;
    if (o->text && (o->figures || o->history ||
                    ((o->facets != NULL || o->total != NULL) && o->format_given))) {
        complain("--text: prints the sections of hits; a table (--figures, --history, "
                 "--facet --format) has none");
        return EXIT_USAGE;
    }
    if ((code = check_tables(o)) >= 0 || (code = total_figure_check(r, o)) >= 0 ||
        (code = open_output(o)) >= 0)
        return code;
    if (o->show != NULL) {
        code = open_database(r, o);
        return code >= 0 ? code : show(r, o);
    }
    if (o->similar != NULL) {
        if (optind < argc || o->batch != NULL || o->figures || o->facets != NULL ||
            (o->format_given && o->format != GK_FIGTABLE_CSV &&
             o->format != GK_FIGTABLE_JSON)) {
            complain("--similar lists the reports like one report: no QUERY words, "
                     "--batch, --figures, --facet or --format other than csv or json "
                     "with it");
            return EXIT_USAGE;
        }
        code = open_database(r, o);
        return code >= 0 ? code : similar(r, o);
    }
    if (o->batch != NULL) {
        if (optind < argc || o->figures) {
            complain("--batch reads the queries from a file: "
                            "no QUERY words%s with it",
                    o->figures ? ", and no --figures table" : "");
            return EXIT_USAGE;
        }
        if ((code = open_database(r, o)) >= 0)
            return code;
        return run_batch(r, o);
    }
    size_t len = 0;
    r->text = join_args(argc, argv, &len);
    if (r->text == NULL) {
        complain("out of memory");
        return EXIT_DATABASE;
    }
    return run_query(r, o, r->text, len, 0);
}

int main(int argc, char **argv)
{
    char **marks = NULL;
    char **args = shield_exclusions(argc, argv, &marks);
    if (args == NULL) {
        complain("out of memory");
        return EXIT_DATABASE;
    }
    options o;
    int code = parse_args(argc, args, &o);
    if (code < 0) {
        run r;
        memset(&r, 0, sizeof r);
        code = search(&r, &o, argc, args);
        run_free(&r);
    }
    for (int i = 0; i < argc; i++)
        free(marks[i]);
    free(marks);
    free(args);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE) /* the reader stopped (| head): nothing to say */
            return code;
        complain("error writing output: %s", strerror(errno));
        return code == EXIT_HITS || code == EXIT_NO_HITS ? EXIT_DATABASE : code;
    }
    return code;
}

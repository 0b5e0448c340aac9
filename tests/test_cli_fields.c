/* test_cli_fields.c - end to end: what gongkai-query says about itself.
 * --help names every query field of fields.tsv; --fields lists every
 * field, figure, facet, section and category with its Chinese names, read
 * from the data files; the man pages describe every option of --help and
 * no other; a reader that stops early (| head) gets no error. */
#define _POSIX_C_SOURCE 200809L
#include "gk_cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "gk_tsv.h"
#include "gk_util.h"

#define DATA_DIR GK_TEST_CORPUS_DIR "/data"
#define MAN_DIR GK_TEST_CORPUS_DIR "/../docs/man"

/* Every first field of a data file's records, and every name (id, label
 * or alias, or a fields.tsv name) it gives. */
typedef struct names {
    gk_buf ids;   /* "\n"-separated, each once */
    gk_buf names; /* "\n"-separated */
} names;

static gk_status collect(void *ctx, char **f, size_t n, size_t line, char **errmsg)
{
    (void)line;
    (void)errmsg;
    names *nm = ctx;
    char key[256];
    snprintf(key, sizeof key, "\n%s\n", f[0]);
    if (strcmp(f[0], "-") != 0 &&
        (nm->ids.data == NULL || strstr(nm->ids.data, key) == NULL))
        gk_buf_printf(&nm->ids, "%s\n", key + 1 - (nm->ids.len == 0));
    if (n == 2)
        gk_buf_printf(&nm->names, "%s\n", f[1]);
    else if (n == 3 && (strcmp(f[1], "label") == 0 || strcmp(f[1], "alias") == 0))
        gk_buf_printf(&nm->names, "%s\n", f[2]);
    return GK_OK;
}

static void read_names(const char *file, names *nm)
{
    memset(nm, 0, sizeof *nm);
    gk_buf_addc(&nm->ids, '\n');
    assert_int_equal(gk_tsv_read_in(DATA_DIR, file, collect, nm, NULL), GK_OK);
}

static void names_clear(names *nm)
{
    gk_buf_free(&nm->ids);
    gk_buf_free(&nm->names);
}

/* Every line of list (a "\n"-separated list) is in text as `before` LINE
 * `after` (e.g. " township:"). */
static void expect_each(const char *text, const char *list, const char *before,
                        const char *after, const char *what)
{
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, "\n");
        if (len > 0) {
            char want[512];
            snprintf(want, sizeof want, "%s%.*s%s", before, (int)len, p, after);
            if (strstr(text, want) == NULL)
                fail_msg("%s: '%s' is missing", what, want);
        }
        p += len + (p[len] == '\n');
    }
}

static void test_help_names_every_field(void **state)
{
    (void)state;
    gk_test_run_result r;
    gk_cli_query(&r, NULL, "--help", NULL);
    assert_int_equal(r.status, 0);
    names fields;
    read_names("fields.tsv", &fields);
    expect_each(r.out, fields.ids.data, "", ":", "--help");
    names_clear(&fields);
    assert_non_null(strstr(r.out, "--fields"));
    gk_test_run_clear(&r);
}

static void test_fields_lists_every_name(void **state)
{
    (void)state;
    gk_test_run_result r;
    gk_cli_query(&r, NULL, "--fields", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    static const char *const files[] = {"fields.tsv", "figures.tsv", "categories.tsv",
                                        "sections.tsv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        names nm;
        read_names(files[i], &nm);
        expect_each(r.out, nm.ids.data, "", "", files[i]);
        expect_each(r.out, nm.names.data, "", "", files[i]);
        names_clear(&nm);
    }
    /* the facets, and the Chinese names they take */
    static const char *const facets[] = {"province", "city", "county", "township", "year",
                                         "section", "category", "consistency", "template",
                                         "place_status", "continuity", "copied"};
    for (size_t i = 0; i < sizeof facets / sizeof facets[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "\n  %s ", facets[i]);
        char *facet_part = strstr(r.out, "Facets");
        assert_non_null(facet_part);
        if (strstr(facet_part, want) == NULL)
            fail_msg("facet %s is missing from --fields", facets[i]);
    }
    gk_test_run_clear(&r);

    /* --json: one line per name list, every one JSON */
    json_t *lines = gk_cli_query_json(NULL, 0, GK_CLI_ARGS("--fields", "--json"));
    size_t i, nfield = 0, nfigure = 0, nfacet = 0, ncategory = 0;
    json_t *j;
    json_array_foreach(lines, i, j) {
        const char *type = gk_cli_str(j, "type");
        nfield += strcmp(type, "field") == 0;
        nfigure += strcmp(type, "figure") == 0;
        nfacet += strcmp(type, "facet") == 0;
        ncategory += strcmp(type, "category") == 0;
        assert_true(json_is_array(json_object_get(j, "names")));
    }
    assert_int_equal(nfield, 20); /* 19 and copied */
    assert_int_equal(nfacet, 15); /* 14 and copied */
    assert_true(nfigure >= 22);
    assert_true(ncategory >= 12);
    json_decref(lines);
}

/* The long options ("--db") in text, each once, "\n"-separated; in a man
 * page written as "\-\-db". */
static char *long_options(const char *text, int roff)
{
    gk_buf b = {0};
    gk_buf_addc(&b, '\n');
    const char *dash = roff ? "\\-\\-" : "--";
    for (const char *p = text; (p = strstr(p, dash)) != NULL;) {
        p += strlen(dash);
        gk_buf name = {0};
        while ((*p >= 'a' && *p <= 'z') || *p == '-' || (roff && p[0] == '\\' && p[1] == '-')) {
            if (*p == '\\')
                p++;
            gk_buf_addc(&name, *p++);
        }
        if (name.len > 1) {
            char key[128];
            snprintf(key, sizeof key, "\n--%s\n", name.data);
            if (strstr(b.data, key) == NULL)
                gk_buf_adds(&b, key + 1);
        }
        gk_buf_free(&name);
    }
    return gk_buf_take(&b, NULL);
}

/* The man page says what --help says: every long option of --help is
 * described in it, and it describes no option --help lacks. */
static void expect_man_page_matches_help(const char *bin, const char *page)
{
    gk_test_run_result r;
    char *argv[] = {(char *)bin, "--help", NULL};
    gk_test_run(&r, argv, NULL);
    assert_int_equal(r.status, 0);
    char *help = long_options(r.out, 0);
    gk_test_run_clear(&r);
    size_t len;
    char *roff = gk_test_read_file(page, &len);
    char *man = long_options(roff, 1);
    for (const char *p = help + 1; *p;) {
        size_t n = strcspn(p, "\n");
        char key[128];
        snprintf(key, sizeof key, "\n%.*s\n", (int)n, p);
        if (strstr(man, key) == NULL)
            fail_msg("%s: %.*s is in --help but not in the man page", page, (int)n, p);
        p += n + 1;
    }
    for (const char *p = man + 1; *p;) {
        size_t n = strcspn(p, "\n");
        char key[128];
        snprintf(key, sizeof key, "\n%.*s\n", (int)n, p);
        /* --colour is --color's other spelling, not in --help */
        if (strstr(help, key) == NULL && strncmp(p, "--colour", n) != 0)
            fail_msg("%s: %.*s is in the man page but not in --help", page, (int)n, p);
        p += n + 1;
    }
    /* and it is a man page: a title and the sections man(7) expects */
    assert_non_null(strstr(roff, ".TH "));
    assert_non_null(strstr(roff, ".SH NAME"));
    assert_non_null(strstr(roff, ".SH SYNOPSIS"));
    assert_non_null(strstr(roff, ".SH OPTIONS"));
    free(roff);
    free(help);
    free(man);
}

static void test_man_pages_match_help(void **state)
{
    (void)state;
    expect_man_page_matches_help(GK_TEST_QUERY_BIN, MAN_DIR "/gongkai-query.1");
    expect_man_page_matches_help(GK_TEST_INDEX_BIN, MAN_DIR "/gongkai-index.1");
}

/* Run gongkai-query ARGS with SIGPIPE as `how` and a stdout whose reader
 * has gone; returns its wait status, its stderr in err. */
static int run_into_closed_pipe(const char *db, int ignore_sigpipe, char *err, size_t errsz)
{
    int out[2], errp[2];
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(errp), 0);
    close(out[0]); /* nobody reads */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGPIPE, ignore_sigpipe ? SIG_IGN : SIG_DFL);
        dup2(out[1], STDOUT_FILENO);
        dup2(errp[1], STDERR_FILENO);
        close(errp[0]);
        execl(GK_TEST_QUERY_BIN, GK_TEST_QUERY_BIN, "-d", db, "-n", "1000", "公开", (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    close(errp[1]);
    size_t got = 0;
    ssize_t k;
    while (got + 1 < errsz && (k = read(errp[0], err + got, errsz - 1 - got)) > 0)
        got += (size_t)k;
    err[got] = '\0';
    close(errp[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void test_broken_pipe_is_quiet(void **state)
{
    gk_cli *f = *state;
    gk_test_run_result r;
    gk_cli_index(&r, f->db, GK_TEST_CORPUS_DIR, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    char err[4096];
    /* SIGPIPE ignored (as a Python parent leaves it): EPIPE, said nothing */
    int status = run_into_closed_pipe(f->db, 1, err, sizeof err);
    assert_string_equal(err, "");
    assert_true(WIFEXITED(status));
    assert_true(WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);
    /* the default: killed by SIGPIPE, silently */
    status = run_into_closed_pipe(f->db, 0, err, sizeof err);
    assert_string_equal(err, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_names_every_field),
        cmocka_unit_test(test_fields_lists_every_name),
        cmocka_unit_test(test_man_pages_match_help),
        GK_CLI_TEST(test_broken_pipe_is_quiet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

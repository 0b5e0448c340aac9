/* test_cli_fields.c - end to end: what gongkai-query says about itself.
 * --help names every query field of fields.tsv; --fields lists every
 * field, figure, facet, section and category with its Chinese names, read
 * from the data files; a reader that stops early (| head) gets no error. */
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
                                         "place_status"};
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
    assert_int_equal(nfield, 13);
    assert_int_equal(nfacet, 10);
    assert_true(nfigure >= 22);
    assert_true(ncategory >= 12);
    json_decref(lines);
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
        GK_CLI_TEST(test_broken_pipe_is_quiet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* gk_cli.c - the fixture of the end-to-end tests: a temporary directory,
 * the programs run on its database, their --json output read back. */
#define _GNU_SOURCE /* program_invocation_short_name */

#include "gk_cli.h"

#include <errno.h> /* program_invocation_short_name */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gk_util.h"

void gk_cli_init(gk_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->top = gk_test_mkdtemp(program_invocation_short_name);
    cli->in = gk_test_join(cli->top, "in");
    cli->db = gk_test_join(cli->top, "db");
    assert_int_equal(mkdir(cli->in, 0777), 0);
}

void gk_cli_clear(gk_cli *cli)
{
    if (!cli->keep)
        gk_test_rmtree(cli->top);
    free(cli->top);
    free(cli->in);
    free(cli->db);
    memset(cli, 0, sizeof *cli);
}

int gk_cli_setup(void **state)
{
    gk_cli *cli = malloc(sizeof *cli);
    assert_non_null(cli);
    gk_cli_init(cli);
    *state = cli;
    return 0;
}

int gk_cli_corpus_setup(void **state)
{
    gk_cli_setup(state);
    gk_cli *cli = *state;
    gk_test_run_result r;
    gk_cli_index(&r, cli->db, GK_TEST_CORPUS_DIR, NULL);
    if (r.status != 0)
        fail_msg("gongkai-index failed (%d): %s", r.status, r.err);
    assert_non_null(strstr(r.out, "5 reports"));
    assert_string_equal(r.err, "");
    gk_test_run_clear(&r);
    return 0;
}

int gk_cli_teardown(void **state)
{
    gk_cli *cli = *state;
    gk_cli_clear(cli);
    free(cli);
    return 0;
}

/* ---- running the programs ------------------------------------------------ */

char **gk_cli_argv(const char *program, const char *db, const char *const args[])
{
    size_t n = 0;
    while (args != NULL && args[n] != NULL)
        n++;
    char **argv = calloc(n + 4, sizeof *argv);
    assert_non_null(argv);
    size_t k = 0;
    argv[k++] = (char *)program;
    if (db != NULL) {
        argv[k++] = "-d";
        argv[k++] = (char *)db;
    }
    for (size_t i = 0; i < n; i++)
        argv[k++] = (char *)args[i];
    argv[k] = NULL;
    return argv;
}

void gk_cli_run(gk_test_run_result *r, const char *program, const char *db,
                const char *const args[], char *const env[])
{
    char **argv = gk_cli_argv(program, db, args);
    gk_test_run(r, argv, env);
    free(argv);
}

/* lead (may be NULL), then the arguments of ap up to a NULL, as a
 * NULL-terminated list; malloc'd, the strings borrowed. */
static const char **collect(const char *const lead[], va_list ap)
{
    size_t nlead = 0, n = 0;
    while (lead != NULL && lead[nlead] != NULL)
        nlead++;
    va_list count;
    va_copy(count, ap);
    while (va_arg(count, const char *) != NULL)
        n++;
    va_end(count);
    const char **args = calloc(nlead + n + 1, sizeof *args);
    assert_non_null(args);
    for (size_t i = 0; i < nlead; i++)
        args[i] = lead[i];
    for (size_t i = 0; i < n; i++)
        args[nlead + i] = va_arg(ap, const char *);
    return args;
}

/* gk_cli_run with the arguments of ap, up to a NULL. */
static void run_va(gk_test_run_result *r, const char *program, const char *db, va_list ap)
{
    const char **args = collect(NULL, ap);
    gk_cli_run(r, program, db, args, NULL);
    free(args);
}

void gk_cli_index(gk_test_run_result *r, const char *db, ...)
{
    va_list ap;
    va_start(ap, db);
    run_va(r, GK_TEST_INDEX_BIN, db, ap);
    va_end(ap);
}

void gk_cli_query(gk_test_run_result *r, const char *db, ...)
{
    va_list ap;
    va_start(ap, db);
    run_va(r, GK_TEST_QUERY_BIN, db, ap);
    va_end(ap);
}

/* ---- reading --json output ----------------------------------------------- */

json_t *gk_cli_json_lines(const char *out)
{
    json_t *lines = json_array();
    assert_non_null(lines);
    for (const char *line = out; *line != '\0';) {
        const char *nl = strchr(line, '\n');
        if (nl == NULL)
            fail_msg("a line without its newline: %s", line);
        json_error_t e;
        json_t *j = json_loadb(line, (size_t)(nl - line), 0, &e); /* rejects broken UTF-8 */
        if (j == NULL)
            fail_msg("not JSON (%s): %.*s", e.text, (int)(nl - line), line);
        json_array_append_new(lines, j);
        line = nl + 1;
    }
    return lines;
}

json_t *gk_cli_query_json(const char *db, int want, const char *const args[])
{
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_QUERY_BIN, db, args, NULL);
    if (want == GK_CLI_0_OR_1 ? r.status != 0 && r.status != 1 : r.status != want) {
        gk_buf cmd = {0};
        gk_buf_adds(&cmd, "gongkai-query");
        for (size_t i = 0; args[i] != NULL; i++)
            gk_buf_printf(&cmd, " %s", args[i]);
        char expected[32] = "0 or 1";
        if (want != GK_CLI_0_OR_1)
            snprintf(expected, sizeof expected, "%d", want);
        fail_msg("%s: exit %d, expected %s: %s", cmd.data, r.status, expected, r.err);
    }
    json_t *lines = gk_cli_json_lines(r.out);
    gk_test_run_clear(&r);
    return lines;
}

json_t *gk_cli_of_type(const json_t *lines, const char *type)
{
    json_t *out = json_array();
    assert_non_null(out);
    size_t i;
    json_t *j;
    json_array_foreach(lines, i, j) {
        if (strcmp(gk_cli_str(j, "type"), type) == 0)
            json_array_append(out, j);
    }
    return out;
}

json_t *gk_cli_summary(const json_t *lines)
{
    size_t n = json_array_size(lines);
    if (n == 0)
        fail_msg("no summary: no output at all");
    json_t *last = json_array_get(lines, n - 1);
    if (strcmp(gk_cli_str(last, "type"), "summary") != 0)
        fail_msg("the last line is no summary but a %s", gk_cli_str(last, "type"));
    return last;
}

long gk_cli_count(const char *db, ...)
{
    va_list ap;
    va_start(ap, db);
    const char **args = collect(GK_CLI_ARGS("--json", "-n", "0"), ap);
    va_end(ap);
    gk_test_run_result r;
    gk_cli_run(&r, GK_TEST_QUERY_BIN, db, args, NULL);
    free(args);
    if (r.status != 0 && r.status != 1)
        fail_msg("gongkai-query exited %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    json_t *lines = gk_cli_json_lines(r.out);
    assert_int_equal(json_array_size(lines), 1);
    json_t *total_value = json_object_get(gk_cli_summary(lines), "total");
    if (!json_is_integer(total_value))
        fail_msg("no integer \"total\" in the summary: %s", r.out);
    long total = (long)json_integer_value(total_value);
    json_decref(lines);
    gk_test_run_clear(&r);
    return total;
}

const char *gk_cli_str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    if (s == NULL)
        fail_msg("no string \"%s\"", key);
    return s;
}

void gk_cli_expect_complaint(const char *err, const char *path, const char *reason)
{
    gk_buf prefix = {0};
    assert_int_equal(gk_buf_adds(&prefix, "gongkai-index: "), GK_OK);
    assert_int_equal(gk_buf_adds(&prefix, path), GK_OK);
    assert_int_equal(gk_buf_adds(&prefix, ": "), GK_OK);
    const char *line = NULL;
    int count = 0;
    for (const char *p = err; *p != '\0';) {
        if (strncmp(p, prefix.data, prefix.len) == 0) {
            line = p;
            count++;
        }
        const char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    if (count != 1)
        fail_msg("%d complaints about %s in:\n%s", count, path, err);
    const char *eol = strchr(line, '\n');
    assert_non_null(eol);
    const char *why = strstr(line + prefix.len, reason);
    if (why == NULL || why > eol)
        fail_msg("complaint about %s does not say '%s': %.*s", path, reason,
                 (int)(eol - line), line);
    gk_buf_free(&prefix);
}

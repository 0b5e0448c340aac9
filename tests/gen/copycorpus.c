/* copycorpus.c - the corpus the two copy tests measure (copycorpus.h). */
#define _POSIX_C_SOURCE 200809L
#include "copycorpus.h"

#include <stdlib.h>
#include <string.h>

#include "gk_accuracy.h"

void copy_corpus_make(gk_cli *cli, long count, copy_corpus *c)
{
    memset(c, 0, sizeof *c);
    const char *env = getenv("GK_GEN_COUNT");
    c->count = env ? atol(env) : count;
    c->seed = getenv("GK_GEN_SEED") ? getenv("GK_GEN_SEED") : "20261206";
    c->copies = getenv("GK_GEN_COPIES") ? getenv("GK_GEN_COPIES") : "20";
    char count_text[32];
    snprintf(count_text, sizeof count_text, "%ld", c->count);
    char *truth_path = gk_test_join(cli->top, "truth.jsonl");
    free(gk_acc_run(GEN_BIN, NULL,
                    GK_CLI_ARGS("--seed", c->seed, "--count", count_text, "--out", cli->in,
                                "--truth", truth_path, "--copies", c->copies),
                    0));
    free(gk_acc_run(GK_TEST_INDEX_BIN, cli->db, GK_CLI_ARGS(cli->in), 0));

    c->truth = json_object();
    char *text = gk_test_read_file(truth_path, NULL);
    assert_non_null(text);
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        json_t *t = json_loads(line, 0, NULL);
        assert_non_null(t);
        c->copies_made += json_object_get(t, "copy_of") != NULL;
        json_object_set_new(c->truth, json_string_value(json_object_get(t, "file")), t);
    }
    free(text);
    free(truth_path);
    char *listing = gk_acc_list_all(cli->db, 1, "kind:report");
    c->hits = gk_cli_json_lines(listing);
    free(listing);
    c->file_of = json_object();
    size_t i;
    json_t *h;
    json_array_foreach(c->hits, i, h)
        if (strcmp(gk_cli_str(h, "type"), "hit") == 0)
            json_object_set_new(c->file_of, gk_cli_str(h, "report_id"),
                                json_string(gk_acc_base_name(gk_cli_str(h, "path"))));
}

void copy_corpus_free(copy_corpus *c)
{
    json_decref(c->file_of);
    json_decref(c->hits);
    json_decref(c->truth);
    memset(c, 0, sizeof *c);
}

const char *copy_corpus_root(json_t *truth, const char *file, int *edited)
{
    json_t *t = json_object_get(truth, file);
    const char *of = json_string_value(json_object_get(t, "copy_of"));
    const char *kind = json_string_value(json_object_get(t, "copy"));
    if (edited != NULL)
        *edited = kind != NULL && strcmp(kind, "edited") == 0;
    if (kind != NULL && strcmp(kind, "partial") == 0)
        return NULL;
    return of != NULL ? of : file;
}

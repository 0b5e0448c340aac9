/* fuzz_query.c - any bytes as a query: parsed and compiled, or refused
 * with a message; never a crash, never unbounded work. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gk_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static gk_query_env env;
    static int loaded;
    if (!loaded) {
        const char *dir = GK_FUZZ_DATA_DIR;
        gk_section_table *sections = NULL;
        gk_field_table *fields = NULL;
        gk_figure_rules *figures = NULL;
        gk_taxonomy *taxonomy = NULL;
        gk_fuzz_require(gk_analyzer_new(&env.az, NULL) == GK_OK, "the analyser");
        gk_fuzz_require(gk_section_table_load(&sections, dir, NULL) == GK_OK, "sections");
        gk_fuzz_require(gk_field_table_load(&fields, dir, NULL) == GK_OK, "fields");
        gk_fuzz_require(gk_figure_rules_load(&figures, dir, NULL) == GK_OK, "figures");
        gk_fuzz_require(gk_taxonomy_load(&taxonomy, dir, NULL) == GK_OK, "categories");
        gk_fuzz_require(gk_folder_new(&env.folder, dir, NULL) == GK_OK, "t2s.tsv");
        env.sections = sections;
        env.fields = fields;
        env.figures = figures;
        env.taxonomy = taxonomy;
        loaded = 1;
    }
    gk_query *q = NULL;
    char *msg = NULL;
    gk_status st = gk_query_parse(&q, &env, (const char *)data, size, &msg);
    if (st == GK_OK) {
        gk_xquery *xq = NULL;
        if (gk_query_compile(q, &xq, &msg) == GK_OK)
            gk_xquery_free(xq);
    } else if (st == GK_EQUERY && (msg == NULL || strchr(msg, '\n') != NULL)) {
        abort(); /* a refused query always says why, on one line */
    }
    free(msg);
    gk_query_free(q);
    return 0;
}

/* fuzz_report.c - any text through the report parser, the table and
 * sentence readers (figures), place resolution and problem categories:
 * never a crash, and sections that cover the text in order. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gk_categories.h"
#include "gk_divisions.h"
#include "gk_figures.h"
#include "gk_places.h"
#include "gk_report.h"
#include "gk_sections.h"
#include "gk_text.h"

typedef struct rules {
    gk_section_table *sections;
    gk_place_rules *places;
    gk_title_words *title_words;
    gk_figure_rules *figures;
    gk_divisions *divisions;
    gk_taxonomy *taxonomy;
    gk_folder *folder;
} rules;

static void check_sections(const gk_report *r)
{
    size_t at = 0, shown = 0;
    for (size_t i = 0; i < r->nsections; i++) {
        const gk_section *s = &r->sections[i];
        if (s->start != at || s->end < s->start || s->end > r->len)
            abort();
        if (s->display_start != shown || s->display_end < s->display_start ||
            s->display_end > r->display_len)
            abort();
        at = s->end;
        shown = s->display_end;
    }
    if (r->nsections > 0 && (at != r->len || shown != r->display_len))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rules k;
    if (k.folder == NULL) {
        const char *dir = GK_FUZZ_DATA_DIR;
        gk_fuzz_require(gk_section_table_load(&k.sections, dir, NULL) == GK_OK, "sections");
        gk_fuzz_require(gk_place_rules_load(&k.places, dir, NULL) == GK_OK, "places");
        gk_fuzz_require(gk_title_words_load(&k.title_words, dir, NULL) == GK_OK, "title words");
        gk_fuzz_require(gk_figure_rules_load(&k.figures, dir, NULL) == GK_OK, "figures");
        gk_fuzz_require(gk_divisions_load(&k.divisions, dir, NULL) == GK_OK, "divisions");
        gk_fuzz_require(gk_taxonomy_load(&k.taxonomy, dir, NULL) == GK_OK, "categories");
        gk_fuzz_require(gk_folder_new(&k.folder, dir, NULL) == GK_OK, "t2s.tsv");
    }
    if (size == 0)
        return 0;
    /* the first byte chooses the section size limit: small limits split */
    size_t max_section = data[0] < 128 ? 0 : (size_t)(data[0] - 120) * 16;
    char *display = NULL, *folded = NULL;
    size_t display_len = 0, folded_len = 0;
    gk_foldmap *map = NULL;
    if (gk_text_clean(&display, &display_len, (const char *)data + 1, size - 1, NULL) != GK_OK)
        return 0;
    if (gk_text_fold(k.folder, display, display_len, &folded, &folded_len, &map, NULL) != GK_OK) {
        free(display);
        return 0;
    }
    gk_report_rules rr = {k.sections, k.places, k.title_words};
    gk_report *r = NULL;
    if (gk_report_parse(&r, &rr, folded, folded_len, max_section, NULL) != GK_OK ||
        gk_report_set_display(r, display, display_len, map, NULL) != GK_OK) {
        if (r == NULL)
            free(display);
        gk_report_free(r);
        gk_foldmap_free(map);
        return 0;
    }
    gk_foldmap_free(map);
    check_sections(r);
    gk_figures figs = {0};
    gk_figures_extract(&figs, k.figures, r, NULL);
    gk_figures_clear(&figs);
    gk_resolved_place place = {0};
    gk_place_resolve(&place, k.divisions, k.places, &r->place, r->title, r->text, r->len);
    gk_resolved_place_clear(&place);
    gk_categories cats = {0};
    gk_problems_classify(&cats, k.taxonomy, r->text, r->len, NULL);
    gk_categories_clear(&cats);
    gk_report_free(r);
    return 0;
}

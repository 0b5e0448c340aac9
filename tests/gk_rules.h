/* gk_rules.h - the data files a test needs to read reports as the indexer
 * does (corpus/data): sections, places, title words, figure rules and the
 * folder, loaded together; and text parsed as a report with them.  Every
 * call fails the running test on error. */
#ifndef GK_RULES_H
#define GK_RULES_H

#include "gk_figures.h"
#include "gk_report.h"
#include "gk_text.h"

typedef struct gk_test_rules {
    gk_section_table *sections;
    gk_place_rules *places;
    gk_title_words *title_words;
    gk_figure_rules *figures;
    gk_folder *folder;
} gk_test_rules;

void gk_test_rules_load(gk_test_rules *r);
void gk_test_rules_free(gk_test_rules *r);

/* cmocka setup and teardown: *state is a gk_test_rules, loaded. */
int gk_test_rules_setup(void **state);
int gk_test_rules_teardown(void **state);

/* text normalised (cleaned and folded) and parsed as a report. */
gk_report *gk_test_rules_parse(const gk_test_rules *r, const char *text);

#endif

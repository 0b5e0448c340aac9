/* bands.c - each section's MinHash signature as LSH band terms, so that
 * a search for a section's bands finds the reports whose same section is
 * likely to share most of its text (docs/SIMILAR.md). */
#include "bands.h"

#include <string.h>

#include "gk_schema.h"
#include "gk_shingle.h"

gk_status gk_bands_add(gk_doc *doc, const gk_section_table *t, const gk_report *r,
                       const char *signed_id, unsigned char sketch[GK_SKETCH_SIZE],
                       int *signed_out)
{
    *signed_out = 0;
    gk_boilerplate *bp = gk_section_table_boilerplate(t);
    gk_status st = GK_OK;
    for (size_t i = 0; i < r->nsections && st == GK_OK; i++) {
        const char *id = r->sections[i].id;
        int first = 1;
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(r->sections[k].id, id) != 0;
        char code = gk_section_table_code(t, id);
        if (!first || code == 0)
            continue;
        gk_shingles sh = {0};
        for (size_t k = i; k < r->nsections && st == GK_OK; k++) {
            /* the folded text: what folding the display text would give */
            const gk_section *sec = &r->sections[k];
            if (strcmp(sec->id, id) == 0)
                st = gk_shingles_add_folded(&sh, bp, r->text + sec->start, sec->end - sec->start);
        }
        if (st == GK_OK && sh.n >= GK_SHINGLE_MIN) {
            uint32_t sig[GK_MINHASH_N];
            gk_minhash(&sh, sig);
            if (strcmp(id, signed_id) == 0) {
                *signed_out = 1;
                gk_sketch_make(sketch, &sh, sig);
            }
            for (size_t b = 0; b < GK_LSH_BANDS && st == GK_OK; b++) {
                char term[GK_LSH_TERM_SIZE];
                size_t n = gk_lsh_band_term(term, code, sig, b);
                st = gk_doc_add_term(doc, term, n, 1);
            }
        }
        gk_shingles_clear(&sh);
    }
    return st;
}

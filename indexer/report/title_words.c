/* title_words.c - loading title_words.tsv, the words that find a report's
 * title, year and issuing body (title.c uses them). */
#include "report_parts.h"

#include "gk_util.h"
#include "gk_words.h"

/* The roles' names, in the order of gk_title_role. */
static const char *const roles[] = {
    "report",   "disclosure",  "title_head",  "year",   "annual",
    "month",    "period_start", "period_end", "body_end", "body_before",
    "body_after", "preamble",  "copula",      "preamble_end", "crumb_sep",
    "crumb_start", "crumb_weak",
    "meta_label", "title_label", "publisher", "title_lead", "not_report",
    "address", "contact_open", "contact_close", "government", "quote", "site",
    "name_end", "owner", "subject_end", "clause_end", "other_doc", "formal_government",
    "date_label", NULL};

gk_status gk_title_words_load(gk_title_words **out, const char *dir,
                              char **errmsg)
{
    gk_words *w = NULL;
    gk_status st = gk_words_load(&w, dir, "title_words.tsv", roles, errmsg);
    if (st != GK_OK) {
        *out = NULL;
        return st;
    }
    /* without these no title and no year is ever found */
    static const gk_title_role needed[] = {GK_TITLE_REPORT, GK_TITLE_YEAR};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
        size_t n;
        gk_words_of(w, needed[i], &n);
        if (n == 0) {
            gk_words_free(w);
            *out = NULL;
            return gk_fail(errmsg, GK_ECORRUPT, "%s/title_words.tsv: no %s word",
                           dir, roles[needed[i]]);
        }
    }
    *out = w;
    return GK_OK;
}

void gk_title_words_free(gk_title_words *w)
{
    gk_words_free(w);
}

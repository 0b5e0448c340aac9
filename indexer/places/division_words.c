/* division_words.c - the words that go with the division list: the labels
 * before a report's postal code and telephone number (contact_labels.tsv)
 * and the list's names that stand for no place of their own
 * (division_placeholders.tsv). */
#include "division_data.h"

#include <string.h>

/* The kinds of contact_labels.tsv, in the order DIV_LABEL_POSTCODE,
 * DIV_LABEL_PHONE, DIV_LABEL_ADDRESS, DIV_LABEL_SITE. */
static const char *const label_kinds[] = {"postcode", "phone", "address", "site", NULL};

/* The kinds of division_placeholders.tsv: kind k is placeholder k + 1
 * (DIV_MUNICIPALITY, DIV_DIRECT). */
static const char *const placeholder_kinds[] = {"municipality", "direct", NULL};

gk_status gk_division_words_load(gk_divisions *d, const char *dir,
                                 char **errmsg)
{
    gk_status st = gk_words_load(&d->contact_labels, dir, "contact_labels.tsv",
                                 label_kinds, errmsg);
    if (st == GK_OK)
        st = gk_words_load(&d->placeholders, dir, "division_placeholders.tsv",
                           placeholder_kinds, errmsg);
    return st;
}

int gk_divisions_placeholder(const gk_divisions *d, const char *name)
{
    size_t len = strlen(name), n;
    if (gk_words_is(d->placeholders, DIV_MUNICIPALITY - 1, name, len))
        return DIV_MUNICIPALITY;
    const char *const *direct = gk_words_of(d->placeholders, DIV_DIRECT - 1, &n);
    for (size_t k = 0; k < n; k++)
        if (strstr(name, direct[k]) != NULL)
            return DIV_DIRECT;
    return DIV_NOT_PLACEHOLDER;
}

/* amount_words.c - loading units.tsv and amount_words.tsv, the words
 * numbers are written with (see amount.h). */
#include "amount.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gk_array.h"
#include "gk_tsv.h"
#include "gk_util.h"

/* The kinds of amount_words.tsv, in the order of amount_word_kind. */
static const char *const word_kinds[] = {"zero", "dash", "about", "more", "note",
                                         NULL};

void gk_amount_words_clear(amount_words *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < w->nunits && w->own_units != NULL; i++)
        free((char *)w->own_units[i].text);
    free(w->own_units);
    gk_words_free(w->own_words);
    memset(w, 0, sizeof *w);
}

static gk_status unit_row(void *ctx, char **f, size_t n, size_t line,
                          char **errmsg)
{
    (void)line;
    amount_words *w = ctx;
    if (n != 3)
        return gk_fail(errmsg, GK_ECORRUPT, "expected 3 fields: unit, scale, kind");
    if (f[0][0] == '\0')
        return gk_fail(errmsg, GK_ECORRUPT, "empty unit");
    char *end;
    double scale = strtod(f[1], &end);
    if (end == f[1] || *end != '\0' || !isfinite(scale) || scale <= 0)
        return gk_fail(errmsg, GK_ECORRUPT,
                       "scale must be a positive number (1, 1e4), not '%s'", f[1]);
    if (strcmp(f[2], "money") != 0 && strcmp(f[2], "count") != 0)
        return gk_fail(errmsg, GK_ECORRUPT, "kind must be money or count, not '%s'", f[2]);
    for (size_t i = 0; i < w->nunits; i++)
        if (strcmp(w->own_units[i].text, f[0]) == 0)
            return gk_fail(errmsg, GK_ECORRUPT, "unit '%s' is listed twice", f[0]);
    if (GK_ARRAY_RESERVE(w->own_units, w->own_units_cap, w->nunits + 1) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    amount_unit *u = w->own_units;
    w->units = u;
    u[w->nunits].text = gk_strdup(f[0]);
    if (u[w->nunits].text == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    u[w->nunits].scale = scale;
    u[w->nunits].money = strcmp(f[2], "money") == 0;
    w->nunits++;
    return GK_OK;
}

gk_status gk_amount_words_load(amount_words *w, const char *dir, char **errmsg)
{
    memset(w, 0, sizeof *w);
    gk_status st = gk_tsv_read_in(dir, "units.tsv", unit_row, w, errmsg);
    if (st == GK_OK)
        st = gk_words_load(&w->own_words, dir, "amount_words.tsv", word_kinds, errmsg);
    if (st != GK_OK) {
        gk_amount_words_clear(w);
        return st;
    }
    for (size_t k = 0; k < AMOUNT_KINDS; k++)
        w->words[k] = gk_words_of(w->own_words, k, &w->nwords[k]);
    return GK_OK;
}

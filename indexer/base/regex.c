/* regex.c - ICU regular expressions over UTF-8 text, with byte offsets. */
#include "gk_regex.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "gk_util.h"
#include "rx_literals.h"

/* ut is reopened on each search's text (utext_openUTF8 on an open UText
 * reuses it, no allocation), and groups is counted once: the setup per
 * search was most of the time spent matching headings line by line. */
struct gk_rx {
    URegularExpression *re;
    /* the pattern without its leading look-behinds
     * (rx_leading_lookbehinds), tried first where a match may start:
     * compiled the first time it is needed (body_tried), and left NULL if
     * it cannot be (a back reference into a look-behind) */
    char *body_pattern;
    URegularExpression *body;
    int body_tried;
    UText ut;
    int32_t groups;
    rx_literals lit;   /* what a match must hold and start with */
};

gk_status gk_rx_new(gk_rx **out, const char *pattern, char **errmsg)
{
    *out = NULL;
    gk_rx *rx = calloc(1, sizeof *rx);
    if (rx == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    UParseError pe;
    UErrorCode err = U_ZERO_ERROR;
    UText blank = UTEXT_INITIALIZER;
    rx->ut = blank;
    rx->re = uregex_openC(pattern, 0, &pe, &err);
    if (U_SUCCESS(err))
        rx->groups = uregex_groupCount(rx->re, &err);
    if (U_SUCCESS(err) && rx_literals_of(pattern, &rx->lit) != GK_OK)
        err = U_MEMORY_ALLOCATION_ERROR;
    size_t behind = rx->lit.starts.n > 0 ? rx_leading_lookbehinds(pattern) : 0;
    if (U_SUCCESS(err) && behind > 0 && (rx->body_pattern = gk_strdup(pattern + behind)) == NULL)
        err = U_MEMORY_ALLOCATION_ERROR;
    if (U_FAILURE(err)) {
        rx_literals_clear(&rx->lit);
        uregex_close(rx->re);
        free(rx);
        return gk_fail(errmsg, err == U_MEMORY_ALLOCATION_ERROR ? GK_ENOMEM : GK_EINVAL,
                       "bad regular expression near offset %d: %s", (int)pe.offset,
                       u_errorName(err));
    }
    *out = rx;
    return GK_OK;
}

void gk_rx_free(gk_rx *rx)
{
    if (rx == NULL)
        return;
    uregex_close(rx->re);
    uregex_close(rx->body);
    free(rx->body_pattern);
    utext_close(&rx->ut);
    rx_literals_clear(&rx->lit);
    free(rx);
}

/* find, trying only where a match can start: a match at byte q, found
 * with the region [q, len) whose bounds are transparent (look-behinds see
 * the text before q) and not anchoring (^ is the text's start), is the
 * match find would have found there. */
static int at_starts(gk_rx *rx, UText *ut, const char *s, size_t len, size_t from,
                     UErrorCode *err)
{
    int found = 0;
    uregex_useTransparentBounds(rx->re, 1, err);
    uregex_useAnchoringBounds(rx->re, 0, err);
    if (rx->body_pattern != NULL && !rx->body_tried) {
        UParseError pe;
        UErrorCode e = U_ZERO_ERROR;
        rx->body_tried = 1;
        rx->body = uregex_openC(rx->body_pattern, 0, &pe, &e);
        if (U_FAILURE(e)) {
            uregex_close(rx->body);
            rx->body = NULL; /* every start is tried whole */
        }
    }
    if (rx->body != NULL) {
        uregex_setUText(rx->body, ut, err);
        uregex_useTransparentBounds(rx->body, 1, err);
        uregex_useAnchoringBounds(rx->body, 0, err);
    }
    size_t q = from;
    while (!found && U_SUCCESS(*err) &&
           (q = rx_literal_set_next(&rx->lit.starts, s, len, q)) != (size_t)-1) {
        int maybe = 1;
        if (rx->body != NULL) { /* no match without the look-behinds: none with */
            uregex_setRegion64(rx->body, (int64_t)q, (int64_t)len, err);
            maybe = U_SUCCESS(*err) && uregex_lookingAt64(rx->body, -1, err);
        }
        if (maybe) {
            uregex_setRegion64(rx->re, (int64_t)q, (int64_t)len, err);
            found = U_SUCCESS(*err) && uregex_lookingAt64(rx->re, -1, err);
        }
        q++; /* on into the character: the next start is a whole one */
    }
    UErrorCode e = U_ZERO_ERROR;
    uregex_useTransparentBounds(rx->re, 0, &e);
    uregex_useAnchoringBounds(rx->re, 1, &e);
    if (rx->body != NULL) {
        static const UChar empty[1] = {0};
        uregex_setText(rx->body, empty, 0, &e);
    }
    return found;
}

int gk_rx_search(gk_rx *rx, const char *s, size_t len, size_t from,
                 int anchored, gk_rx_match *m)
{
    /* a match lies in s[from..len): without the literal, there is none */
    if (anchored && rx->lit.starts.n > 0 &&
        (from > len || !rx_literal_set_at(&rx->lit.starts, s, len, from)))
        return 0;
    if (rx->lit.needs.n > 0 &&
        rx_literal_set_next(&rx->lit.needs, s, len, from) == (size_t)-1)
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(&rx->ut, s, (int64_t)len, &err);
    if (U_FAILURE(err))
        return 0;
    uregex_setUText(rx->re, ut, &err);
    int found = 0;
    if (U_SUCCESS(err)) {
        if (anchored) {
            uregex_setRegion64(rx->re, (int64_t)from, (int64_t)len, &err);
            found = U_SUCCESS(err) && uregex_lookingAt64(rx->re, -1, &err);
        } else if (rx->lit.starts.n > 0) {
            found = at_starts(rx, ut, s, len, from, &err);
        } else {
            found = uregex_find64(rx->re, (int64_t)from, &err);
        }
        found = found && U_SUCCESS(err);
    }
    if (found) {
        m->start = (size_t)uregex_start64(rx->re, 0, &err);
        m->end = (size_t)uregex_end64(rx->re, 0, &err);
        int32_t groups = rx->groups;
        for (int32_t g = 1; g < GK_RX_MAX_GROUPS; g++) {
            m->gstart[g] = m->gend[g] = (size_t)-1;
            if (g > groups)
                continue;
            int64_t a = uregex_start64(rx->re, g, &err);
            int64_t b = uregex_end64(rx->re, g, &err);
            if (U_SUCCESS(err) && a >= 0) {
                m->gstart[g] = (size_t)a;
                m->gend[g] = (size_t)b;
            }
        }
        found = U_SUCCESS(err);
    }
    /* let go of the caller's buffer */
    static const UChar empty[1] = {0};
    err = U_ZERO_ERROR;
    uregex_setText(rx->re, empty, 0, &err);
    /* rx->ut stays open (closing would free its extra space): the next
     * search reopens it, gk_rx_free closes it; its text is never read. */
    return found;
}

int gk_rx_group(gk_rx *rx, const char *name)
{
    UErrorCode err = U_ZERO_ERROR;
    UChar uname[64];
    int32_t n = 0;
    u_strFromUTF8(uname, 64, &n, name, -1, &err);
    if (U_FAILURE(err))
        return -1;
    err = U_ZERO_ERROR;
    int32_t g = uregex_groupNumberFromName(rx->re, uname, n, &err);
    return U_SUCCESS(err) && g < GK_RX_MAX_GROUPS ? (int)g : -1;
}

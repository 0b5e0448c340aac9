/* clean.c - decoded text cleaned into the text people see. */
#include "gk_text.h"

#include <stdint.h>
#include <string.h>

#include "gk_utf8.h"
#include "gk_util.h"

/* 1 for characters that are dropped: C0/C1 controls other than \t and \n,
 * BOM/ZWNBSP, zero-width spaces and joiners, word joiner, soft hyphen. */
static int is_dropped(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n';
    if (cp >= 0x7F && cp <= 0x9F)
        return 1;
    switch (cp) {
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0xFEFF:
        return 1;
    default:
        return 0;
    }
}

/* Longest gloss removed, in letters (two or three syllables). */
#define GK_GLOSS_LETTERS 18

static int is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F);
}

/* A letter of pinyin; *toned is set for vowels with a tone mark. */
static int pinyin_letter(uint32_t c, int *toned)
{
    static const uint32_t marks[] = {0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8,
                                     0x12B, 0xED, 0x1D0, 0xEC, 0x14D, 0xF3, 0x1D2, 0xF2,
                                     0x16B, 0xFA, 0x1D4, 0xF9, 0x1D6, 0x1D8, 0x1DA, 0x1DC};
    if (c >= 'a' && c <= 'z')
        return 1;
    if (c == 0xFC) /* ü */
        return 1;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (c == marks[i]) {
            *toned = 1;
            return 1;
        }
    return 0;
}

/* Length of a pinyin gloss "(zhèn)", "（zhèn）" or "(gōng kāi)" at s[i], or
 * 0: one to GK_GLOSS_LETTERS pinyin letters with at least one tone mark,
 * blanks between syllables allowed. */
static size_t pinyin_gloss(const char *s, size_t len, size_t i)
{
    size_t j = i;
    uint32_t c = gk_utf8_next(s, len, &j);
    if (c != '(' && c != 0xFF08)
        return 0;
    size_t letters = 0;
    int toned = 0;
    for (;;) {
        if (j >= len)
            return 0;
        size_t k = j;
        c = gk_utf8_next(s, len, &k);
        if (c == ')' || c == 0xFF09) {
            j = k;
            break;
        }
        if (c == ' ') {
            j = k;
            continue;
        }
        if (!pinyin_letter(c, &toned) || ++letters > GK_GLOSS_LETTERS)
            return 0;
        j = k;
    }
    return letters > 0 && toned ? j - i : 0;
}

gk_status gk_text_clean(char **out, size_t *out_len, const char *text,
                        size_t len, char **errmsg)
{
    *out = NULL;
    gk_buf b = {0};
    if (gk_buf_reserve(&b, len) != GK_OK)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    uint32_t last = 0;
    for (size_t i = 0; i < len;) {
        size_t start = i;
        uint32_t cp = gk_utf8_next(text, len, &i);
        if (cp == '\r') {
            if (i < len && text[i] == '\n')
                i++;
            cp = '\n';
        } else if (cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
                   cp == 0x2029) {
            cp = '\n';
        }
        if (is_dropped(cp))
            continue;
        if (is_han(last)) {
            size_t gloss = pinyin_gloss(text, len, start);
            if (gloss > 0) {
                i = start + gloss;
                continue;
            }
        }
        char u[4];
        size_t n = gk_utf8_put(u, cp);
        if (gk_buf_add(&b, u, n) != GK_OK) {
            gk_buf_free(&b);
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        }
        last = cp;
    }
    *out = gk_buf_take(&b, out_len);
    return *out ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
}

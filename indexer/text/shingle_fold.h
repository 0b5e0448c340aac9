/* shingle_fold.h (private) - what shingle.c and boilerplate.c agree a
 * character is: the code point compared, or 0 for one dropped. */
#ifndef GK_SHINGLE_FOLD_H
#define GK_SHINGLE_FOLD_H

#include <stdint.h>

static inline int gk_shingle_is_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* Full-width ASCII as ASCII, Latin upper case as lower; letters, digits
 * and CJK characters kept, everything else (punctuation, spaces) 0. */
static inline uint32_t gk_shingle_fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        cp -= 0xFEE0;
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || gk_shingle_is_cjk(cp))
        return cp;
    return 0;
}

/* 1 for a character that ends a sentence: 。！？；!?; and line ends. */
static inline int gk_shingle_is_stop(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' ||
           cp == '?' || cp == ';' || cp == '\n';
}

#endif

/* decode.c - file bytes in any supported encoding to UTF-8.
 *
 * The order of evidence: byte order mark; NUL bytes (UTF-16/32 without a
 * BOM, or binary); valid UTF-8, then mostly-valid UTF-8 (both beat a
 * declaration: pages re-saved as UTF-8 keep their old gb2312 <meta>); the
 * declared charset; ICU's detector, leaning towards GB18030 because Chinese
 * reports are the norm.  Every conversion goes through an ICU converter
 * whose callback substitutes U+FFFD and counts, so no converter-specific
 * substitution character (U+001A for some single-byte charsets) can leak.
 * Decoded text holding NULs or many control characters is binary.
 */
#include "gk_decode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include "gk_utf8.h"
#include "gk_util.h"

/* Bytes handed to ICU's detector; more costs time and gains little. */
#define GK_DETECT_SAMPLE (64u * 1024u)
/* Detector confidence (0-100) above which a CJK multi-byte guess other
 * than GB18030 (Big5, Shift_JIS, EUC-KR ...) is trusted. */
#define GK_DETECT_CJK_CONFIDENCE 50

/* ---- UTF-8 --------------------------------------------------------------- */

/* Copy UTF-8 to out, replacing each invalid byte by U+FFFD (counted). */
static int decode_utf8(gk_buf *out, const unsigned char *s, size_t len,
                       size_t *replaced)
{
    /* U+FFFD is 3 bytes for 1 bad byte: worst case triples. */
    if (gk_buf_reserve(out, len) != GK_OK)
        return 0;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            out->data[out->len++] = (char)s[i++];
            continue;
        }
        size_t before = i;
        uint32_t cp = gk_utf8_next((const char *)s, len, &i);
        if (cp == 0xFFFDu && i - before == 1) {
            if (gk_buf_reserve(out, 3 + (len - i)) != GK_OK)
                return 0;
            (*replaced)++;
        }
        out->len += gk_utf8_put(out->data + out->len, cp);
    }
    out->data[out->len] = '\0';
    return 1;
}

/* Count valid non-ASCII characters and invalid bytes. */
static void utf8_census(const unsigned char *s, size_t len, size_t *multibyte,
                        size_t *invalid)
{
    size_t i = 0;
    *multibyte = *invalid = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t before = i;
        uint32_t cp = gk_utf8_next((const char *)s, len, &i);
        if (cp == 0xFFFDu && i - before == 1)
            (*invalid)++;
        else
            (*multibyte)++;
    }
}

/* ---- ICU conversion ------------------------------------------------------ */

/* To-Unicode callback: one U+FFFD per illegal, unassigned or truncated
 * sequence, and count it. */
static void substitute_and_count(const void *context,
                                 UConverterToUnicodeArgs *args,
                                 const char *code_units, int32_t length,
                                 UConverterCallbackReason reason,
                                 UErrorCode *err)
{
    (void)code_units;
    (void)length;
    if (reason > UCNV_IRREGULAR)
        return; /* reset, close, clone: nothing to substitute */
    size_t *count = (size_t *)(uintptr_t)context;
    static const UChar fffd = 0xFFFD;
    (*count)++;
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

/* Append the UTF-8 of UTF-16 units to out.  *lead carries a high surrogate
 * that ended the previous chunk. */
static int put_utf16(gk_buf *out, const UChar *u, size_t n, uint32_t *lead)
{
    if (gk_buf_reserve(out, 3 * n + 4) != GK_OK)
        return 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t c = u[k];
        if (*lead != 0) {
            if (c >= 0xDC00 && c <= 0xDFFF) {
                uint32_t cp = 0x10000u + ((*lead - 0xD800u) << 10) + (c - 0xDC00u);
                out->len += gk_utf8_put(out->data + out->len, cp);
                *lead = 0;
                continue;
            }
            out->len += gk_utf8_put(out->data + out->len, 0xFFFDu);
            *lead = 0;
        }
        if (c >= 0xD800 && c <= 0xDBFF) {
            *lead = c;
            continue;
        }
        /* A lone low surrogate becomes U+FFFD inside gk_utf8_put. */
        out->len += gk_utf8_put(out->data + out->len, c);
    }
    out->data[out->len] = '\0';
    return 1;
}

/* Convert s[0..len) from charset `name` to UTF-8 in out (which must be
 * empty), counting substitutions in *replaced.  Returns GK_OK, GK_ENOMEM,
 * GK_EUNSUPPORTED (ICU does not know the name) or GK_EINTERNAL. */
static gk_status convert_icu(gk_buf *out, const char *name,
                             const unsigned char *s, size_t len,
                             size_t *replaced)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &err);
    if (err == U_MEMORY_ALLOCATION_ERROR)
        return GK_ENOMEM;
    if (U_FAILURE(err))
        return GK_EUNSUPPORTED;
    *replaced = 0;
    ucnv_setToUCallBack(cnv, substitute_and_count, replaced, NULL, NULL, &err);
    if (U_FAILURE(err)) {
        ucnv_close(cnv);
        return GK_EINTERNAL;
    }
    /* Chinese double-byte text grows by half in UTF-8. */
    if (gk_buf_reserve(out, len + len / 2) != GK_OK) {
        ucnv_close(cnv);
        return GK_ENOMEM;
    }
    UChar chunk[4096];
    const char *src = (const char *)s, *src_end = (const char *)s + len;
    uint32_t lead = 0;
    gk_status st = GK_OK;
    for (;;) {
        UChar *target = chunk;
        err = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &target, chunk + sizeof chunk / sizeof chunk[0],
                       &src, src_end, NULL, 1, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
            st = err == U_MEMORY_ALLOCATION_ERROR ? GK_ENOMEM : GK_EINTERNAL;
            break;
        }
        if (!put_utf16(out, chunk, (size_t)(target - chunk), &lead)) {
            st = GK_ENOMEM;
            break;
        }
        if (err != U_BUFFER_OVERFLOW_ERROR)
            break;
    }
    ucnv_close(cnv);
    if (st == GK_OK && lead != 0) {
        if (gk_buf_reserve(out, 3) != GK_OK)
            return GK_ENOMEM;
        out->len += gk_utf8_put(out->data + out->len, 0xFFFDu);
        out->data[out->len] = '\0';
        (*replaced)++;
    }
    return st;
}

/* ---- charset names ------------------------------------------------------- */

/* ASCII case-insensitive comparisons (gongkai never sets a locale, so
 * strcasecmp compares ASCII only). */
static int ascii_ieq(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

static int ascii_iprefix(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int is_gb_name(const char *n)
{
    static const char *const names[] = {
        "gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "gb18030",
        "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn", "csgb2312",
        "chinese", "iso-ir-58", "csiso58gb231280", "hz-gb-2312"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (ascii_ieq(n, names[k]))
            return 1;
    return 0;
}

static int is_big5_name(const char *n)
{
    return ascii_ieq(n, "big5") || ascii_ieq(n, "big-5") ||
           ascii_ieq(n, "cn-big5") || ascii_ieq(n, "x-x-big5") ||
           ascii_ieq(n, "csbig5");
}

static int is_unicode_name(const char *n)
{
    return ascii_iprefix(n, "utf") || ascii_iprefix(n, "ucs") ||
           ascii_iprefix(n, "unicode") || ascii_iprefix(n, "iso-10646");
}

/* Copy a display name for the encoding into out->encoding. */
static void set_encoding(gk_decoded *out, const char *name)
{
    snprintf(out->encoding, sizeof out->encoding, "%s", name);
}

/* The name to report for a charset name ICU knows: its MIME or IANA
 * name ("windows-1252", "ISO-8859-2"), else ICU's canonical name. */
static void set_icu_encoding(gk_decoded *out, const char *name)
{
    static const char *const standards[] = {"MIME", "IANA"};
    for (size_t k = 0; k < sizeof standards / sizeof standards[0]; k++) {
        UErrorCode err = U_ZERO_ERROR;
        const char *std = ucnv_getStandardName(name, standards[k], &err);
        if (U_SUCCESS(err) && std != NULL) {
            set_encoding(out, std);
            return;
        }
    }
    UErrorCode err = U_ZERO_ERROR;
    const char *canon = ucnv_getCanonicalName(name, "", &err);
    if (U_FAILURE(err) || canon == NULL || canon[0] == '\0')
        canon = name;
    set_encoding(out, canon);
}

/* 1 if ICU's converter for name is a single-byte one. */
static int is_single_byte(const char *name)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &err);
    if (U_FAILURE(err))
        return 0;
    int single = ucnv_getMaxCharSize(cnv) == 1;
    ucnv_close(cnv);
    return single;
}

/* ---- heuristics ---------------------------------------------------------- */

/* With NUL bytes present: the UTF-16/32 forms worth trying, most likely
 * first, in cand[0..2); returns how many (0: binary). */
static size_t guess_wide(const unsigned char *s, size_t len, const char *cand[2])
{
    size_t zero[4] = {0, 0, 0, 0};
    /* Score each byte parity as the high byte of UTF-16 Chinese text:
     * zero for ASCII (weighted up: a zero low byte is rare), 0x4E-0x9F for
     * CJK ideographs. */
    size_t score[2] = {0, 0};
    for (size_t i = 0; i < len; i++) {
        if (s[i] == 0) {
            zero[i % 4]++;
            score[i % 2] += 2;
        } else if (s[i] >= 0x4E && s[i] <= 0x9F) {
            score[i % 2]++;
        }
    }
    size_t quads = len / 4;
    if (quads > 0 && len % 4 == 0) {
        /* UTF-32: the top two bytes of every unit are zero. */
        if (zero[2] == quads && zero[3] == quads && zero[0] < quads) {
            cand[0] = "UTF-32LE";
            return 1;
        }
        if (zero[0] == quads && zero[1] == quads && zero[3] < quads) {
            cand[0] = "UTF-32BE";
            return 1;
        }
    }
    int le_first = score[1] >= score[0];
    cand[0] = le_first ? "UTF-16LE" : "UTF-16BE";
    cand[1] = le_first ? "UTF-16BE" : "UTF-16LE";
    return 2;
}

/* 1 if decoded UTF-8 text looks like binary data: NUL characters, or a
 * high share of control characters other than \t \n \r \f. */
static int looks_binary(const char *t, size_t len)
{
    size_t ctrl = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == 0)
            return 1;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            ctrl++;
    }
    return (ctrl > 3 && ctrl * 32 > len) || ctrl * 2 > len;
}

/* Number of non-ASCII code points in UTF-8 text (U+FFFD excluded). */
static size_t count_non_ascii(const char *t, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len) {
        if ((unsigned char)t[i] < 0x80) {
            i++;
            continue;
        }
        if (gk_utf8_next(t, len, &i) != 0xFFFDu)
            n++;
    }
    return n;
}

/* Result of a trial conversion. */
typedef struct trial {
    gk_buf buf;
    size_t replaced;
} trial;

static void trial_free(trial *t)
{
    free(t->buf.data);
    memset(t, 0, sizeof *t);
}

/* 1 if the trial decoded cleanly enough to believe: no substitutions, or
 * ten times more real non-ASCII characters than substitutions. */
static int trial_convincing(const trial *t)
{
    if (t->replaced == 0)
        return 1;
    return count_non_ascii(t->buf.data, t->buf.len) >= 10 * t->replaced;
}

/* NUL bytes without a BOM: UTF-16 or UTF-32 if one decodes without
 * (nearly) any broken surrogate pair and is no binary, else binary. */
static gk_status decode_guessed_wide(gk_buf *buf, size_t *replaced,
                                     gk_decoded *out, const unsigned char *s,
                                     size_t len)
{
    /* UTF-8 text with a few stray NULs would decode as UTF-16 "CJK" without
     * a single error; UTF-16 Chinese is practically never valid UTF-8, and
     * UTF-16 ASCII is half NULs. */
    size_t nuls = 0;
    for (size_t i = 0; i < len; i++)
        nuls += s[i] == 0;
    if (nuls * 4 < len && gk_utf8_valid((const char *)s, len))
        return GK_EUNSUPPORTED;
    const char *cand[2];
    size_t n = guess_wide(s, len, cand);
    for (size_t k = 0; k < n; k++) {
        buf->len = 0;
        gk_status st = convert_icu(buf, cand[k], s, len, replaced);
        if (st != GK_OK)
            return st;
        size_t units = len / 2;
        if (*replaced * 100 <= units && !looks_binary(buf->data, buf->len)) {
            set_encoding(out, cand[k]);
            return GK_OK;
        }
    }
    return GK_EUNSUPPORTED;
}

/* Run ICU's detector and decode accordingly (see the file comment). */
static gk_status decode_detected(gk_buf *buf, size_t *replaced,
                                 gk_decoded *out, const unsigned char *s,
                                 size_t len)
{
    char best[32] = "";
    int32_t best_conf = 0;
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&err);
    if (U_FAILURE(err))
        return err == U_MEMORY_ALLOCATION_ERROR ? GK_ENOMEM : GK_EINTERNAL;
    ucsdet_enableInputFilter(det, 1);
    size_t sample = len < GK_DETECT_SAMPLE ? len : GK_DETECT_SAMPLE;
    ucsdet_setText(det, (const char *)s, (int32_t)sample, &err);
    int32_t n = 0;
    const UCharsetMatch **matches = U_SUCCESS(err) ? ucsdet_detectAll(det, &n, &err) : NULL;
    for (int32_t k = 0; U_SUCCESS(err) && matches != NULL && k < n; k++) {
        const char *name = ucsdet_getName(matches[k], &err);
        /* UTF-16/32 were ruled out by the NUL test, UTF-8 by validity. */
        if (U_FAILURE(err) || name == NULL || is_unicode_name(name))
            continue;
        snprintf(best, sizeof best, "%s", name);
        best_conf = ucsdet_getConfidence(matches[k], &err);
        break;
    }
    ucsdet_close(det);
    /* No match at all (U_INVALID_CHAR_FOUND) leaves best empty: GB18030. */
    if (err == U_MEMORY_ALLOCATION_ERROR)
        return GK_ENOMEM;

    int best_is_gb = best[0] == '\0' || is_gb_name(best);
    if (!best_is_gb && best_conf >= GK_DETECT_CJK_CONFIDENCE &&
        !is_single_byte(best)) {
        gk_status st = convert_icu(buf, best, s, len, replaced);
        if (st == GK_OK) {
            if (is_big5_name(best))
                set_encoding(out, "Big5");
            else
                set_icu_encoding(out, best);
        }
        if (st != GK_EUNSUPPORTED)
            return st;
        buf->len = 0;
    }

    trial gb = {{NULL, 0, 0}, 0};
    gk_status st = convert_icu(&gb.buf, "GB18030", s, len, &gb.replaced);
    if (st != GK_OK) {
        trial_free(&gb);
        return st;
    }
    if (best_is_gb || trial_convincing(&gb)) {
        free(buf->data);
        *buf = gb.buf;
        *replaced = gb.replaced;
        set_encoding(out, "GB18030");
        return GK_OK;
    }
    st = convert_icu(buf, best, s, len, replaced);
    if (st == GK_EUNSUPPORTED) {
        /* ICU detects a few charsets it cannot convert (IBM420_rtl ...). */
        free(buf->data);
        *buf = gb.buf;
        *replaced = gb.replaced;
        set_encoding(out, "GB18030");
        return GK_OK;
    }
    trial_free(&gb);
    if (st == GK_OK) {
        if (is_big5_name(best))
            set_encoding(out, "Big5");
        else
            set_icu_encoding(out, best);
    }
    return st;
}

/* Decode with the declared charset.  Returns GK_EUNSUPPORTED (and leaves
 * buf empty) when the declaration is unusable and detection should go on. */
static gk_status decode_declared(gk_buf *buf, size_t *replaced,
                                 gk_decoded *out, const unsigned char *s,
                                 size_t len, const char *declared)
{
    char name[64];
    size_t n = 0;
    while (*declared == ' ' || *declared == '\t' || *declared == '"' ||
           *declared == '\'')
        declared++;
    while (declared[n] != '\0' && declared[n] != ' ' && declared[n] != '"' &&
           declared[n] != '\'' && declared[n] != ';' && n + 1 < sizeof name) {
        name[n] = declared[n];
        n++;
    }
    name[n] = '\0';
    /* A Unicode declaration cannot be right: BOM, NULs and UTF-8 validity
     * were tested before. */
    if (n == 0 || is_unicode_name(name))
        return GK_EUNSUPPORTED;
    /* As browsers do: Latin-1 and ASCII labels mean windows-1252. */
    if (ascii_ieq(name, "iso-8859-1") || ascii_ieq(name, "iso8859-1") ||
        ascii_ieq(name, "latin1") || ascii_ieq(name, "l1") ||
        ascii_ieq(name, "us-ascii") || ascii_ieq(name, "ascii"))
        snprintf(name, sizeof name, "%s", "windows-1252");
    if (is_gb_name(name)) {
        gk_status st = convert_icu(buf, "GB18030", s, len, replaced);
        if (st == GK_OK)
            set_encoding(out, "GB18030");
        return st;
    }
    if (is_single_byte(name)) {
        /* Chinese pages served with a stale Latin-1 declaration: believe
         * GB18030 when it decodes every byte. */
        trial gb = {{NULL, 0, 0}, 0};
        gk_status st = convert_icu(&gb.buf, "GB18030", s, len, &gb.replaced);
        if (st != GK_OK) {
            trial_free(&gb);
            return st;
        }
        if (gb.replaced == 0 && count_non_ascii(gb.buf.data, gb.buf.len) > 0) {
            free(buf->data);
            *buf = gb.buf;
            *replaced = 0;
            set_encoding(out, "GB18030");
            return GK_OK;
        }
        trial_free(&gb);
    }
    gk_status st = convert_icu(buf, name, s, len, replaced);
    if (st == GK_OK) {
        if (is_big5_name(name))
            set_encoding(out, "Big5");
        else
            set_icu_encoding(out, name);
    } else {
        buf->len = 0;
    }
    return st;
}

/* ---- public -------------------------------------------------------------- */

/* The byte order mark at the start of s, or NULL; *bom_len its length. */
static const char *find_bom(const unsigned char *s, size_t len, size_t *bom_len)
{
#define BOM(name, bytes) {name, bytes, GK_LEN(bytes)}
    static const struct {
        const char *name;
        const char *bytes;
        size_t len;
    } boms[] = {
        BOM("UTF-8", "\xEF\xBB\xBF"),
        BOM("UTF-32LE", "\xFF\xFE\0\0"), /* before UTF-16LE: same start */
        BOM("UTF-32BE", "\0\0\xFE\xFF"),
        BOM("UTF-16LE", "\xFF\xFE"),
        BOM("UTF-16BE", "\xFE\xFF"),
    };
#undef BOM
    for (size_t k = 0; k < sizeof boms / sizeof boms[0]; k++) {
        if (len >= boms[k].len && memcmp(s, boms[k].bytes, boms[k].len) == 0) {
            *bom_len = boms[k].len;
            return boms[k].name;
        }
    }
    return NULL;
}

gk_status gk_text_decode(gk_decoded *out, const char *bytes, size_t len,
                         const char *declared, char **errmsg)
{
    memset(out, 0, sizeof *out);
    const unsigned char *s = (const unsigned char *)bytes;
    gk_buf buf = {0};
    size_t replaced = 0, bom_len = 0;
    gk_status st = GK_OK;
    if (s == NULL)
        len = 0;
    const char *bom = len > 0 ? find_bom(s, len, &bom_len) : NULL;

    if (bom != NULL) {
        s += bom_len;
        len -= bom_len;
        set_encoding(out, bom);
        if (strcmp(bom, "UTF-8") == 0)
            st = decode_utf8(&buf, s, len, &replaced) ? GK_OK : GK_ENOMEM;
        else
            st = convert_icu(&buf, bom, s, len, &replaced);
    } else if (len == 0) {
        set_encoding(out, "UTF-8");
        st = gk_buf_reserve(&buf, 0);
        if (st == GK_OK)
            buf.data[0] = '\0';
    } else if (memchr(s, 0, len) != NULL) {
        st = decode_guessed_wide(&buf, &replaced, out, s, len);
    } else if (gk_utf8_valid((const char *)s, len)) {
        set_encoding(out, "UTF-8");
        st = decode_utf8(&buf, s, len, &replaced) ? GK_OK : GK_ENOMEM;
    } else {
        /* Mostly-valid UTF-8 also overrides a declaration: GBK, Big5 or
         * Latin-1 text forms a valid multi-byte UTF-8 sequence only by rare
         * accident, far below ten per invalid byte. */
        size_t multibyte, invalid;
        utf8_census(s, len, &multibyte, &invalid);
        st = GK_EUNSUPPORTED;
        if (multibyte >= 10 * invalid) {
            set_encoding(out, "UTF-8");
            st = decode_utf8(&buf, s, len, &replaced) ? GK_OK : GK_ENOMEM;
        } else if (declared != NULL) {
            st = decode_declared(&buf, &replaced, out, s, len, declared);
        }
        if (st == GK_EUNSUPPORTED)
            st = decode_detected(&buf, &replaced, out, s, len);
    }

    if (st == GK_OK && looks_binary(buf.data, buf.len))
        st = GK_EUNSUPPORTED;
    if (st != GK_OK) {
        free(buf.data);
        memset(out, 0, sizeof *out);
        if (st == GK_ENOMEM)
            return gk_fail(errmsg, st, "out of memory");
        if (st == GK_EUNSUPPORTED)
            return gk_fail(errmsg, st, "binary data, not text");
        return gk_fail(errmsg, st, "character set conversion failed (ICU)");
    }
    /* Give back what the worst-case reservation did not use. */
    char *shrunk = realloc(buf.data, buf.len + 1);
    out->text = shrunk != NULL ? shrunk : buf.data;
    out->len = buf.len;
    out->had_bom = bom != NULL;
    out->replaced = replaced;
    return GK_OK;
}

void gk_decoded_clear(gk_decoded *d)
{
    if (d == NULL)
        return;
    free(d->text);
    memset(d, 0, sizeof *d);
}

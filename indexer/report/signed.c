/* signed.c - the date a report is signed or published on: under its
 * closing signature, or in its page's metadata (发布日期:). */
#include "report_parts.h"

#include <string.h>

#include "gk_utf8.h"
#include "gk_words.h"

enum {
    SIGNATURE_LINES = 6,  /* the last non-blank lines looked at */
    SIGNATURE_CHARS = 40, /* the most a signature line holds before its date */
    PAGE_LINES = 60,      /* the page's first lines looked at */
    TITLE_LINES = 8       /* a date alone on one of these: under the title */
};

/* A date in a year after the year reported on: a report is written once
 * its year is over, and a date within it is its statistics period's or a
 * document's, not the report's. */
static int plausible(int date, int year)
{
    return date != 0 && (year == 0 || date / 10000 > year);
}

/* 1 for what may stand around a date alone on its line: a bullet, a
 * bracket, a stray question mark where a garbled character was. */
static int around_date(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0x2022 /* • */ ||
           c == 0xB7 /* · */ || c == '*' || c == '(' || c == ')' || c == 0xFF08 ||
           c == 0xFF09 || c == '?' || c == 0xFF1F;
}

/* The date that ends the line s[start..end) after at most
 * SIGNATURE_CHARS characters without sentence punctuation; 0 if none. */
static int date_ending_line(const char *s, size_t start, size_t end)
{
    size_t chars = 0;
    for (size_t i = start; i < end && chars <= SIGNATURE_CHARS; chars++) {
        size_t used = 0;
        int date = gk_report_date_at(s + i, end - i, &used);
        if (date != 0) {
            size_t k = i + used, n;
            while (k < end && around_date(gk_cp_at(s, end, k, &n)))
                k += n;
            if (k == end)
                return date;
        }
        size_t n;
        uint32_t c = gk_cp_at(s, end, i, &n);
        if (gk_is_sentence_punct(c))
            return 0;
        i += n;
    }
    return 0;
}

int gk_signed_in_text(const char *text, size_t len, int year)
{
    size_t le = len;
    for (int seen = 0; le > 0 && seen < SIGNATURE_LINES;) {
        size_t ls = le;
        while (ls > 0 && text[ls - 1] != '\n')
            ls--;
        size_t a = ls, b = le;
        while (a < b && (text[a] == ' ' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (b > a) {
            seen++;
            int date = date_ending_line(text, a, b);
            if (plausible(date, year))
                return date;
        }
        if (ls == 0)
            break;
        le = ls - 1;
    }
    return 0;
}

/* The date after a date label at s[from..end): the label, then a colon,
 * spaces or a cell's bar (发布日期 | 2022-01-20), then the date; 0 if
 * there is none (时间为… is a sentence, not a label). */
static int labelled_date(const char *s, size_t from, size_t end)
{
    size_t i = from;
    for (;;) {
        size_t n;
        uint32_t c = i < end ? gk_cp_at(s, end, i, &n) : 0;
        if (c != ':' && c != 0xFF1A && c != '|' && !gk_is_space_cp(c))
            break;
        i += n;
    }
    return i > from ? gk_report_date_at(s + i, end - i, NULL) : 0;
}

/* 1 if the line s[start..end) is a date alone, bullets and brackets
 * around it allowed (a date under the title: （2015年1月28日）). */
static int date_line(const char *s, size_t start, size_t end, int *date)
{
    size_t n;
    while (start < end && around_date(gk_cp_at(s, end, start, &n)))
        start += n;
    size_t used = 0;
    *date = gk_report_date_at(s + start, end - start, &used);
    if (*date == 0)
        return 0;
    for (size_t k = start + used; k < end; k += n)
        if (!around_date(gk_cp_at(s, end, k, &n)))
            return 0;
    return 1;
}

/* The first date on the line s[start..end) followed by a time of day
 * (2013年03月28日 10時12分, 2022-01-20 09:30): a page header's, with or
 * without a label; 0 if none. */
static int timed_date(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end;) {
        size_t used = 0;
        int date = gk_report_date_at(s + i, end - i, &used);
        if (date != 0) {
            size_t k = i + used, digits = 0, n;
            while (k < end && gk_is_space_cp(gk_cp_at(s, end, k, &n)))
                k += n;
            while (k < end && s[k] >= '0' && s[k] <= '9' && digits < 3) {
                k++;
                digits++;
            }
            uint32_t c = k < end ? gk_cp_at(s, end, k, &n) : 0;
            if (digits >= 1 && digits <= 2 &&
                (c == ':' || c == 0xFF1A || c == 0x65F6 /* 时 */ || c == 0x6642 /* 時 */))
                return date;
            i += used;
            continue;
        }
        gk_cp_at(s, end, i, &used);
        i += used;
    }
    return 0;
}

/* The date that opens the line s[start..end) when a metadata label
 * follows it (2022年01月18日来源:某街道): a page header's; 0 if none. */
static int date_before_label(const gk_words *w, const char *s, size_t start, size_t end)
{
    size_t used = 0, n;
    while (start < end && gk_is_space_cp(gk_cp_at(s, end, start, &n)))
        start += n;
    int date = gk_report_date_at(s + start, end - start, &used);
    if (date == 0)
        return 0;
    size_t k = start + used;
    while (k < end && gk_is_space_cp(gk_cp_at(s, end, k, &n)))
        k += n;
    return gk_words_prefix(w, GK_TITLE_META_LABEL, s + k, end - k) > 0 ? date : 0;
}

int gk_signed_in_page(const gk_report_rules *rules, const char *page, size_t len,
                      int year)
{
    const gk_words *w = rules->title_words;
    size_t i = 0;
    for (int lines = 0; i < len && lines < PAGE_LINES; lines++) {
        const char *nl = memchr(page + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - page) : len, n;
        int alone;
        if (lines < TITLE_LINES && date_line(page, i, le, &alone) && plausible(alone, year))
            return alone;
        for (size_t at = gk_words_find(w, GK_TITLE_DATE_LABEL, page, le, i, &n);
             at != (size_t)-1; at = gk_words_find(w, GK_TITLE_DATE_LABEL, page, le, at + n, &n)) {
            int date = labelled_date(page, at + n, le);
            if (plausible(date, year))
                return date;
        }
        int timed = timed_date(page, i, le);
        if (plausible(timed, year))
            return timed;
        int before = date_before_label(w, page, i, le);
        if (plausible(before, year))
            return before;
        i = le + 1;
    }
    return 0;
}

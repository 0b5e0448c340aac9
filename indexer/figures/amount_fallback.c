/* amount_fallback.c - gk_amount_parse: reading a number without figure
 * rules, with a compiled-in copy of corpus/data/units.tsv and
 * amount_words.tsv.  Only query/language/parse.c still calls it; once it
 * passes its figure rules to gk_amount_read, this file goes.  Until then
 * test_figures checks that this copy and the data files agree. */
#include "amount.h"

static const amount_unit units[] = {
    {"亿元", 1e8, 1}, {"万元", 1e4, 1}, {"元", 1, 1},  {"亿", 1e8, 0},
    {"万", 1e4, 0},   {"人次", 1, 0},   {"件", 1, 0},  {"条", 1, 0},
    {"个", 1, 0},     {"项", 1, 0},     {"次", 1, 0},  {"起", 1, 0},
    {"篇", 1, 0},     {"份", 1, 0},     {"家", 1, 0},  {"人", 1, 0},
    {"户", 1, 0}};
static const char *const zero[] = {"无", "零", "没有", "暂无"};
static const char *const dash[] = {"-", "--", "—", "——", "–", "/", "\\"};
static const char *const about[] = {"约", "近", "逾"};
static const char *const more[] = {"余", "多", "以上"};
static const char *const note[] = {"单位"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const amount_words compiled = {
    units, COUNT(units),
    {zero, dash, about, more, note},
    {COUNT(zero), COUNT(dash), COUNT(about), COUNT(more), COUNT(note)},
    NULL, NULL};

gk_amount gk_amount_parse(const char *s, size_t len)
{
    return gk_amount_read_with(&compiled, s, len);
}

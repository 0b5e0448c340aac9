/* problems.c - problem statements and improvement measures. */
#include "problems.h"

#include <string.h>

/* Words around a cue that name no category themselves (no 群众 or 工作人员,
 * which the gap cues pair with 了解 and 意识; no measures marker). */
static const char *const before[] = {
    "", "信息公开工作中", "部分信息", "个别村居", "在具体工作中", "一些时候", "对照要求，",
    "有的单位"};
static const char *const after[] = {
    "的问题仍然存在", "，还有待提高", "，与上级要求还有差距", "的情况时有发生",
    "", "，需要加以解决", "，有待加强"};
static const char *const measure_leads[] = {
    "下一步，", "针对上述问题，", "今后，", "我们将", "下一步，我镇将"};
static const char *const measures[] = {
    "加强业务培训", "完善网站栏目设置", "加大宣传力度", "强化信息审核",
    "拓宽公开渠道", "及时更新公开内容", "健全工作机制", "做好政策解读"};
static const char *const ordinals[] = {"一是", "二是", "三是", "四是"};

/* A statement on a cue of category k; the categories it names in *mask. */
static void statement(const gen_cues *c, gen_rng *r, size_t k, gen_buf *out, unsigned *mask)
{
    for (;;) {
        gen_buf s = {0};
        const gen_category *cat = &c->cats[k];
        gen_buf_printf(&s, "%s%s%s", GEN_PICK(r, before),
                       cat->phrases[gen_rng_below(r, cat->nphrases)], GEN_PICK(r, after));
        if (!gen_cues_has_split(c, gen_buf_str(&s))) {
            gen_cues_classify(c, gen_buf_str(&s), mask);
            gen_buf_puts(out, gen_buf_str(&s));
            gen_buf_free(&s);
            return;
        }
        gen_buf_free(&s);
    }
}

/* Measures opened by 针对以上/下一步/下一年度 that name cue phrases of
 * any category: after the marker they must not count. */
static void measures_with_cues(const gen_cues *c, gen_rng *r, const char *self, gen_buf *out)
{
    static const char *const leads[] = {"针对以上问题，", "针对以上不足，", "下一步，",
                                        "下一年度，"};
    const gen_category *a = &c->cats[gen_rng_below(r, c->ncats)];
    const gen_category *b = &c->cats[gen_rng_below(r, c->ncats)];
    gen_buf_printf(out, "%s%s将着力解决%s等问题，%s，切实改变%s的状况。", GEN_PICK(r, leads), self,
                   a->phrases[gen_rng_below(r, a->nphrases)], GEN_PICK(r, measures),
                   b->phrases[gen_rng_below(r, b->nphrases)]);
}

unsigned gen_problems_write(const gen_cues *c, gen_rng *r, int md, const char *self,
                            int measures_lead, gen_buf *out)
{
    size_t want = (size_t)gen_rng_range(r, 1, 3);
    size_t chosen[3];
    for (size_t i = 0; i < want; i++) {
        int again;
        do {
            chosen[i] = gen_rng_below(r, c->ncats);
            again = 0;
            for (size_t j = 0; j < i; j++)
                again |= chosen[j] == chosen[i];
        } while (again);
    }
    unsigned mask = 0;
    int style = (int)gen_rng_below(r, 3);
    if (measures_lead) { /* the statements, then the measures on the same or the next line */
        int numbered = gen_rng_chance(r, 50);
        if (!numbered)
            gen_buf_printf(out, "%s政府信息公开工作还存在一些不足：", self);
        for (size_t i = 0; i < want; i++) {
            if (numbered)
                gen_buf_printf(out, "%s%zu.", md ? "- " : "", i + 1);
            else
                gen_buf_puts(out, ordinals[i]);
            statement(c, r, chosen[i], out, &mask);
            gen_buf_puts(out, i + 1 < want ? (numbered ? "；\n" : "；") : "。");
        }
        if (gen_rng_chance(r, 50))
            gen_buf_puts(out, "\n");
        measures_with_cues(c, r, self, out);
        gen_buf_puts(out, "\n");
        return mask;
    }
    if (style == 0) { /* run on: 一是…；二是…。 */
        gen_buf_printf(out, "%s政府信息公开工作虽然取得了一定成效，但仍存在一些不足：", self);
        for (size_t i = 0; i < want; i++) {
            gen_buf_puts(out, ordinals[i]);
            statement(c, r, chosen[i], out, &mask);
            gen_buf_puts(out, i + 1 < want ? "；" : "。");
        }
        gen_buf_puts(out, "\n");
        gen_buf_printf(out, "%s%s，%s。\n", GEN_PICK(r, measure_leads), GEN_PICK(r, measures),
                       GEN_PICK(r, measures));
    } else { /* （一）存在的主要问题 / numbered lines / （二）改进措施 */
        gen_buf_printf(out, "%s（一）存在的主要问题\n", md ? "##### " : "");
        for (size_t i = 0; i < want; i++) {
            gen_buf_printf(out, "%s%zu.", md ? "- " : "", i + 1);
            statement(c, r, chosen[i], out, &mask);
            gen_buf_puts(out, i + 1 < want ? "；\n" : "。\n");
        }
        if (style == 1)
            gen_buf_printf(out, "%s（二）改进措施\n", md ? "##### " : "");
        else
            gen_buf_puts(out, GEN_PICK(r, measure_leads));
        for (int i = 0; i < 2; i++)
            gen_buf_printf(out, "%d.%s。\n", i + 1, GEN_PICK(r, measures));
    }
    return mask;
}

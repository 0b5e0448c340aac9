/* report.c - one annual report: title, preamble, the sections of its
 * template, signature and page noise, in txt, md or html, and its truth. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "forms.h"
#include "headings.h"
#include "problems.h"
#include "stats.h"

enum evidence { EV_NONE, EV_BODY, EV_SIGNATURE, EV_PREAMBLE, EV_POSTCODE, EV_AREA };
static const char *const evidence_names[] = {"none", "county in the body", "county in the signature",
                                             "county in the preamble", "postal code",
                                             "telephone area code"};

/* What the sections of one report are written with. */
typedef struct ctx {
    const char *self;  /* how the body calls itself: 我镇, 我局, 我区 */
    int no_tables;     /* template-new, template-old-late: prose only */
    int rendering;     /* the txt rendering of a table form, or -1 */
    int published;     /* prose-published */
    int req_zero;      /* prose-requests-zero */
    int procurement;   /* prose-procurement */
    int measures_lead; /* measures-lead */
    int prose_done;    /* the proactive count was written */
    const struct gen_copied *sequel; /* --copies: the original of its own
                                        place this report continues */
} ctx;

typedef struct writer {
    const char *format;
    int fullwidth;
    gen_buf text;
} writer;

static void html_escaped(gen_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            gen_buf_puts(out, "&lt;");
        else if (*s == '>')
            gen_buf_puts(out, "&gt;");
        else if (*s == '&')
            gen_buf_puts(out, "&amp;");
        else
            gen_buf_add(out, s, 1);
    }
}

/* A line of prose, a heading or the title. */
static void line(writer *w, const char *s)
{
    gen_buf conv = {0};
    if (w->fullwidth) {
        gen_encode_fullwidth_digits(s, &conv);
        s = gen_buf_str(&conv);
    }
    if (strcmp(w->format, "html") == 0) {
        gen_buf_puts(&w->text, "<p>");
        html_escaped(&w->text, s);
        gen_buf_puts(&w->text, "</p>\n");
    } else {
        gen_buf_printf(&w->text, "%s\n", s);
        if (strcmp(w->format, "md") == 0)
            gen_buf_puts(&w->text, "\n");
    }
    gen_buf_free(&conv);
}

/* Lines of page noise (several "\n"-separated lines). */
static void noise_lines(writer *w, const char *s)
{
    if (strcmp(w->format, "html") != 0) {
        gen_buf_puts(&w->text, s);
        return;
    }
    while (*s) {
        size_t n = strcspn(s, "\n");
        gen_buf_puts(&w->text, "<div>");
        gen_buf one = {0};
        gen_buf_add(&one, s, n);
        html_escaped(&w->text, gen_buf_str(&one));
        gen_buf_free(&one);
        gen_buf_puts(&w->text, "</div>\n");
        s += n + (s[n] == '\n');
    }
}

/* ---- names ------------------------------------------------------------------ */

/* The year as a title writes it. */
static void year_text(gen_rng *r, int year, gen_buf *out, gen_truth *t)
{
    unsigned roll = (unsigned)gen_rng_below(r, 100);
    if (roll < 66)
        gen_buf_printf(out, "%d年", year);
    else if (roll < 74)
        gen_buf_printf(out, "%d 年", year);
    else if (roll < 84)
        gen_buf_printf(out, "%d年度", year);
    else if (roll < 95) {
        static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        int zero_as_digit = gen_rng_chance(r, 30);
        char y[8];
        snprintf(y, sizeof y, "%d", year);
        for (const char *p = y; *p; p++)
            gen_buf_puts(out, *p == '0' && zero_as_digit ? "0" : digits[*p - '0']);
        gen_buf_puts(out, "年");
        gen_truth_form(t, "year-chinese");
    } else {
        gen_buf_printf(out, "%d度", year); /* 年 left out */
        gen_truth_form(t, "year-without-nian");
    }
}

static const char *pick_body_suffix(gen_rng *r, const char *township)
{
    size_t n = strlen(township);
    int street = n >= 6 && strcmp(township + n - 6, "街道") == 0;
    if (street)
        return gen_rng_chance(r, 60) ? "办事处" : "";
    unsigned roll = (unsigned)gen_rng_below(r, 100);
    return roll < 60 ? "人民政府" : roll < 75 ? "政府" : "";
}

/* ---- place truth ------------------------------------------------------------ */

/* The place once the evidence leaves `kept` candidates: resolved to c
 * when one is left, else ambiguous among them. */
static void settle_place(gen_truth *t, size_t kept, const gen_place *c)
{
    if (kept == 1) {
        t->place_status = "resolved";
        t->code = c->code;
        t->county = c->county;
        t->city = c->city;
        t->province = c->province;
    } else {
        t->place_status = "ambiguous";
        t->candidates = kept;
    }
}

static void place_truth(const gen_world *w, size_t index, enum evidence ev, const char *postcode,
                        const char *area, gen_truth *t)
{
    gen_place me;
    gen_places_get(w->places, index, &me);
    size_t *cands = NULL;
    size_t n = gen_places_namesakes(w->places, index, &cands);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        gen_place c;
        gen_places_get(w->places, cands[k], &c);
        int keep = 1;
        if (n > 1) {
            switch (ev) {
            case EV_BODY:
                keep = strcmp(c.county, me.county) == 0;
                break;
            case EV_SIGNATURE:
            case EV_PREAMBLE: /* the text names a county: any level called so */
                keep = strcmp(c.county, me.county) == 0 || strcmp(c.city, me.county) == 0 ||
                       strcmp(c.province, me.county) == 0;
                break;
            case EV_POSTCODE: {
                const char *prov = gen_places_postcode_province(w->places, postcode);
                keep = prov && strcmp(prov, c.province_code) == 0;
                break;
            }
            case EV_AREA: {
                const char *code = gen_places_area_code(w->places, c.city);
                keep = code && strcmp(code, area) == 0;
                break;
            }
            default:
                break;
            }
        }
        if (keep)
            cands[kept++] = cands[k];
    }
    t->township = me.township;
    t->evidence = evidence_names[ev];
    gen_place c;
    if (kept == 1)
        gen_places_get(w->places, cands[0], &c);
    settle_place(t, kept, &c);
    free(cands);
}

/* ---- sections --------------------------------------------------------------- */

static const char *const problems_headings[] = {
    "存在的主要问题及改进情况", "存在的主要问题及改进情况", "存在的主要问题和改进措施",
    "政府信息公开工作存在的主要问题及改进情况", "存在的问题及整改措施", "存在问题和改进措施",
    "主要问题和改进措施", "存在的问题和下一步工作", "存在问题及工作打算", "存在的主要问题"};

typedef struct plan {
    int ids[8];
    size_t n;
} plan;

static void plan_sections(gen_rng *r, int version, plan *p)
{
    p->n = 0;
    if (version) {
        int all[] = {GEN_S_OVERVIEW, GEN_S_PROACTIVE, GEN_S_REQUESTS, GEN_S_REVIEW,
                     GEN_S_PROBLEMS, GEN_S_OTHER};
        for (size_t k = 0; k < 6; k++)
            if (all[k] != GEN_S_OTHER || gen_rng_chance(r, 92))
                p->ids[p->n++] = all[k];
        return;
    }
    p->ids[p->n++] = GEN_S_OVERVIEW;
    int rest[] = {GEN_S_PROACTIVE, GEN_S_REQUESTS, GEN_S_FEES, GEN_S_REVIEW, GEN_S_PROBLEMS,
                  GEN_S_OTHER};
    for (size_t k = 0; k < 6; k++)
        if (gen_rng_chance(r, rest[k] == GEN_S_PROBLEMS ? 85 : 70))
            p->ids[p->n++] = rest[k];
    /* at least three parts: fill up with the missing ones, in order */
    for (size_t k = 0; k < 6 && p->n < 3; k++) {
        int have = 0;
        for (size_t j = 0; j < p->n; j++)
            have |= p->ids[j] == rest[k];
        if (!have)
            p->ids[p->n++] = rest[k];
    }
    for (size_t i = 1; i < p->n; i++) /* back in reading order */
        for (size_t j = i; j > 0 && p->ids[j - 1] > p->ids[j]; j--) {
            int tmp = p->ids[j];
            p->ids[j] = p->ids[j - 1];
            p->ids[j - 1] = tmp;
        }
    if (p->n >= 4 && gen_rng_chance(r, 20)) { /* parts in another order */
        size_t i = 1 + gen_rng_below(r, p->n - 2);
        int tmp = p->ids[i];
        p->ids[i] = p->ids[i + 1];
        p->ids[i + 1] = tmp;
    }
}

static const char *heading_text(gen_rng *r, int id, int version)
{
    static const char *const overview_new[] = {"总体情况", "总体情况", "工作基本情况", "总体概述",
                                               "工作总体推进情况"};
    static const char *const overview_old[] = {"概述", "概述", "总体情况"};
    static const char *const proactive_old[] = {"主动公开政府信息情况", "主动公开政府信息的情况"};
    static const char *const requests_old[] = {"依申请公开政府信息情况",
                                               "依申请公开政府信息和不予公开政府信息情况"};
    static const char *const fees[] = {"政府信息公开的收费及减免情况", "政府信息公开收费和减免情况"};
    static const char *const other_old[] = {"其他需要报告的事项", "需要说明的事项"};
    switch (id) {
    case GEN_S_OVERVIEW: return version ? GEN_PICK(r, overview_new) : GEN_PICK(r, overview_old);
    case GEN_S_PROACTIVE: return version ? "主动公开政府信息情况" : GEN_PICK(r, proactive_old);
    case GEN_S_REQUESTS: return version ? "收到和处理政府信息公开申请情况" : GEN_PICK(r, requests_old);
    case GEN_S_FEES: return GEN_PICK(r, fees);
    case GEN_S_REVIEW:
        return version ? "政府信息公开行政复议、行政诉讼情况"
                       : "因政府信息公开申请行政复议、提起行政诉讼的情况";
    case GEN_S_PROBLEMS: return GEN_PICK(r, problems_headings);
    default: return version ? "其他需要报告的事项" : GEN_PICK(r, other_old);
    }
}

/* prose-published: 发布信息共N条, 累计发布各类信息N条, N余条. */
static void published_sentence(gen_rng *r, const ctx *c, int year, gen_truth *t, gen_buf *out)
{
    long n = gen_rng_range(r, 5, 400);
    switch (gen_rng_below(r, 4)) {
    case 0:
        gen_buf_printf(out, "%d年，%s通过政府门户网站发布信息共%ld条。", year, c->self, n);
        break;
    case 1:
        gen_buf_printf(out, "全年累计发布各类信息%ld条，其中工作动态%ld条。", n, n / 3);
        break;
    case 2:
        gen_buf_printf(out, "通过门户网站、政务公开栏等渠道发布各类信息%ld余条。", n);
        break;
    default:
        gen_buf_printf(out, "本年度在信息公开专栏累计发布信息%ld条。", n);
        break;
    }
    gen_truth_set(t, GEN_F_PROACTIVE, (double)n);
    gen_truth_form(t, gen_forms_name(GEN_FORM_PROSE_PUBLISHED));
}

/* The sentence giving the number of items published, or none. */
static void proactive_sentence(gen_rng *r, const ctx *c, int year, gen_truth *t, gen_buf *out)
{
    if (c->published) {
        published_sentence(r, c, year, t, out);
        return;
    }
    unsigned roll = (unsigned)gen_rng_below(r, 100);
    if (roll < 8) {
        gen_buf_puts(out, "本年度主动公开政府信息**条。");
        gen_truth_form(t, "masked-count");
        return;
    }
    if (roll < 15)
        return;
    long n = gen_rng_range(r, 1, 99) * (gen_rng_chance(r, 40) ? 37 : 1);
    char num[32];
    if (n >= 1000 && gen_rng_chance(r, 40))
        snprintf(num, sizeof num, "%ld,%03ld", n / 1000, n % 1000);
    else
        snprintf(num, sizeof num, "%ld", n);
    static const char *const units[] = {"条", "条", "条", "余条", "多条", " 条", "件", "篇"};
    const char *unit = GEN_PICK(r, units);
    switch (gen_rng_below(r, 4)) {
    case 0:
        gen_buf_printf(out, "全年共主动公开政府信息%s%s，其中通过政府门户网站公开%ld条。", num, unit,
                       n / 2);
        break;
    case 1:
        gen_buf_printf(out, "%d年，%s累计主动公开各类政府信息%s%s。", year, c->self, num, unit);
        break;
    case 2:
        gen_buf_printf(out, "本年度主动在政府网上公开信息%s%s。", num, unit);
        break;
    default:
        gen_buf_printf(out, "共公开各类信息%s%s。", num, unit);
        break;
    }
    gen_truth_set(t, GEN_F_PROACTIVE, (double)n);
}

static gen_rendering pick_rendering(gen_rng *r, const ctx *c, const char *format)
{
    if (c->rendering >= 0 && strcmp(format, "txt") == 0)
        return (gen_rendering)c->rendering;
    if (strcmp(format, "html") == 0)
        return GEN_R_HTML;
    if (strcmp(format, "md") == 0)
        return gen_rng_chance(r, 70) ? GEN_R_MARKDOWN : GEN_R_PIPE_ROWS;
    static const gen_rendering text[] = {GEN_R_TABS, GEN_R_TABS, GEN_R_TABS, GEN_R_CELL_LINES,
                                         GEN_R_CELL_LINES_TIGHT, GEN_R_CELL_PIPES, GEN_R_PIPE_ROWS};
    return text[gen_rng_below(r, sizeof text / sizeof text[0])];
}

/* Table text goes into the writer as it is. */
static void table_block(writer *w, const gen_buf *table)
{
    gen_buf_puts(&w->text, gen_buf_str(table));
    if (strcmp(w->format, "md") == 0)
        gen_buf_puts(&w->text, "\n");
}

/* prose-procurement: 政府集中采购 in 万元 with decimals in a sentence. */
static void procurement_sentence(gen_rng *r, gen_truth *t, gen_buf *out)
{
    long n = gen_rng_range(r, 1, 12);
    long yuan = gen_rng_range(r, 1000, 5000000) * 10; /* 万元 with up to three decimals */
    char num[32];
    snprintf(num, sizeof num, "%ld.%04ld", yuan / 10000, yuan % 10000);
    size_t len = strlen(num);
    while (num[len - 1] == '0')
        num[--len] = '\0';
    if (num[len - 1] == '.')
        num[--len] = '\0';
    switch (gen_rng_below(r, 3)) {
    case 0:
        gen_buf_printf(out, "全年开展政府集中采购%ld次，采购金额共计%s万元。", n, num);
        break;
    case 1:
        gen_buf_printf(out, "完成政府集中采购%ld个项目，采购总金额达%s万元。", n, num);
        break;
    default:
        gen_buf_printf(out, "本年度政府集中采购%ld项，总金额%s万元。", n, num);
        break;
    }
    gen_truth_set(t, GEN_F_PROC_COUNT, (double)n);
    gen_truth_set(t, GEN_F_PROC_AMOUNT, (double)yuan);
    gen_truth_form(t, gen_forms_name(GEN_FORM_PROSE_PROCUREMENT));
}

/* prose-requests-zero: no requests, in the wordings the rules did not know. */
static void requests_zero_sentence(gen_rng *r, const ctx *c, int year, gen_truth *t,
                                   gen_buf *out)
{
    switch (gen_rng_below(r, 4)) {
    case 0:
        gen_buf_printf(out, "%d年，%s共接收政府信息公开申请0件。", year, c->self);
        break;
    case 1:
        gen_buf_puts(out, "全年新收政府信息公开申请0件，无需要办理的申请事项。");
        break;
    case 2:
        gen_buf_printf(out, "本年度%s没有接到公民、法人或其他组织的政府信息公开申请。", c->self);
        break;
    default:
        gen_buf_puts(out, "全年未接收到依申请公开政府信息的申请。");
        break;
    }
    gen_truth_set(t, GEN_F_REQ_NEW, 0);
    gen_truth_form(t, gen_forms_name(GEN_FORM_PROSE_REQUESTS_ZERO));
}

static void section_body(const gen_world *world, gen_rng *r, writer *w, ctx *c, int id,
                         int version, int year, gen_truth *t)
{
    int *prose_done = &c->prose_done;
    gen_buf para = {0};
    gen_buf table = {0};
    int ver = version == 2021 ? 2021 : 2019;
    switch (id) {
    case GEN_S_OVERVIEW:
        gen_buf_printf(&para, "%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，"
                              "依据《关于做好政府信息公开工作的通知》（政办发〔%d〕%d号）要求，"
                              "不断完善工作机制，拓宽公开渠道。",
                       year, c->self, year, (int)gen_rng_range(r, 1, 60));
        if (version || gen_rng_chance(r, 50)) {
            proactive_sentence(r, c, year, t, &para);
            *prose_done = 1;
        }
        if (c->procurement && (!version || version == 2021 || c->no_tables)) {
            /* never beside a 2019 table's procurement row */
            procurement_sentence(r, t, &para);
        } else if (!version && gen_rng_chance(r, 15)) {
            long n = gen_rng_range(r, 1, 5), yuan = gen_rng_range(r, 1, 900) * 100;
            if (gen_rng_chance(r, 50))
                gen_buf_printf(&para, "全年开展政府集中采购%ld次，采购总金额为%ld元。", n, yuan);
            else
                gen_buf_printf(&para, "全年开展政府集中采购%ld次，采购总金额为%ld.%02ld万元。", n,
                               yuan / 10000, (yuan % 10000) / 100);
            gen_truth_set(t, GEN_F_PROC_COUNT, (double)n);
            gen_truth_set(t, GEN_F_PROC_AMOUNT, (double)yuan);
        }
        line(w, gen_buf_str(&para));
        line(w, "（一）加强组织领导。明确分管领导和具体经办人员，政务公开满意率达到100%。");
        break;
    case GEN_S_PROACTIVE:
        if (!*prose_done) {
            proactive_sentence(r, c, year, t, &para);
            *prose_done = 1;
            if (para.len)
                line(w, gen_buf_str(&para));
        }
        if (version && c->no_tables) {
            line(w, "主动公开的内容主要包括机构职能、政策文件、财政预决算等。");
        } else if (version && gen_rng_chance(r, 90)) {
            gen_rendering rend = pick_rendering(r, c, w->format);
            gen_truth_form(t, gen_rendering_name(rend));
            gen_stats_proactive(r, ver, rend, t, &table);
            table_block(w, &table);
        } else if (version) {
            line(w, "（统计表略）");
            gen_truth_form(t, "proactive-table-missing");
        } else {
            line(w, "主动公开的内容主要包括机构职能、政策文件、财政预决算等。");
        }
        break;
    case GEN_S_REQUESTS:
        if (c->req_zero && (version || gen_rng_chance(r, 50))) {
            requests_zero_sentence(r, c, year, t, &para);
            line(w, gen_buf_str(&para));
        } else if (version && !c->no_tables && gen_rng_chance(r, 90)) {
            gen_rendering rend = pick_rendering(r, c, w->format);
            gen_truth_form(t, gen_rendering_name(rend));
            gen_stats_requests(r, ver, rend, t, &table);
            table_block(w, &table);
        } else if (version || gen_rng_chance(r, 35)) {
            line(w, "本年度未收到政府信息公开申请。");
            gen_truth_set(t, GEN_F_REQ_NEW, 0);
        } else if (gen_rng_chance(r, 75)) {
            long n = gen_rng_range(r, 1, 40);
            gen_buf_printf(&para, "本年度共收到政府信息公开申请%ld件，均已按时答复。", n);
            line(w, gen_buf_str(&para));
            gen_truth_set(t, GEN_F_REQ_NEW, (double)n);
        } else {
            line(w, "依申请公开工作有序开展，答复均在法定期限内完成。");
        }
        break;
    case GEN_S_FEES:
        line(w, "本年度未收取任何费用。");
        break;
    case GEN_S_REVIEW:
        if (version && !c->no_tables && gen_rng_chance(r, 90)) {
            gen_rendering rend = pick_rendering(r, c, w->format);
            gen_truth_form(t, gen_rendering_name(rend));
            gen_stats_review(r, rend, t, &table);
            table_block(w, &table);
        } else if (version || gen_rng_chance(r, 70)) {
            line(w, "本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。");
            gen_truth_set(t, GEN_F_REV_TOTAL, 0);
            gen_truth_set(t, GEN_F_LAW_TOTAL, 0);
        } else {
            long a = gen_rng_range(r, 1, 5), b = gen_rng_range(r, 0, 3);
            gen_buf_printf(&para, "本年度发生政府信息公开行政复议%ld件、行政诉讼%ld件。", a, b);
            line(w, gen_buf_str(&para));
            gen_truth_set(t, GEN_F_REV_TOTAL, (double)a);
            gen_truth_set(t, GEN_F_LAW_TOTAL, (double)b);
        }
        break;
    case GEN_S_PROBLEMS: {
        gen_buf body = {0};
        t->categories = gen_problems_write(&world->cues, r, strcmp(w->format, "md") == 0, c->self,
                                           c->measures_lead, &body);
        if (c->measures_lead)
            gen_truth_form(t, gen_forms_name(GEN_FORM_MEASURES_LEAD));
        if (world->copies != NULL && world->copies->percent > 0)
            gen_copies_apply(world->copies, r, c->self, &body, t, c->sequel);
        const char *s = gen_buf_str(&body);
        while (*s) {
            size_t n = strcspn(s, "\n");
            gen_buf one = {0};
            gen_buf_add(&one, s, n);
            line(w, gen_buf_str(&one));
            gen_buf_free(&one);
            s += n + (s[n] == '\n');
        }
        gen_buf_free(&body);
        break;
    }
    default:
        line(w, gen_rng_chance(r, 50) ? "本机关无其他需要报告的事项。" : "无。");
        break;
    }
    gen_buf_free(&para);
    gen_buf_free(&table);
}

/* ---- county-level bodies ----------------------------------------------------- */

/* The place truth of a county department or a district or county
 * government: township "", the county, resolved when the name or the
 * evidence leaves one county-level unit. */
static void county_truth(const gen_world *w, size_t index, enum evidence ev, const char *postcode,
                         const char *area, gen_truth *t)
{
    gen_place me;
    gen_places_county_get(w->places, index, &me);
    size_t *cands = NULL;
    size_t n = gen_places_county_namesakes(w->places, index, &cands);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        gen_place c;
        gen_places_county_get(w->places, cands[k], &c);
        int keep = 1;
        if (n > 1 && ev == EV_POSTCODE) {
            const char *prov = gen_places_postcode_province(w->places, postcode);
            keep = prov && strcmp(prov, c.province_code) == 0;
        } else if (n > 1 && ev == EV_AREA) {
            const char *code = gen_places_area_code(w->places, c.city);
            keep = code && strcmp(code, area) == 0;
        }
        if (keep)
            cands[kept++] = cands[k];
    }
    t->township = "";
    t->evidence = evidence_names[ev];
    gen_place c;
    if (kept == 1)
        gen_places_county_get(w->places, cands[0], &c);
    settle_place(t, kept, &c);
    free(cands);
}

static const char *const departments[] = {
    "教育局", "卫生健康局", "财政局", "民政局", "自然资源局", "农业农村局", "交通运输局",
    "水利局", "人力资源和社会保障局", "司法局", "统计局", "审计局", "林业局", "应急管理局",
    "发展和改革局", "医疗保障局", "退役军人事务局", "卫生和计划生育局"};

/* ---- the report ------------------------------------------------------------- */

/* Where a report without the body in its title names it. */
enum body_source { SRC_TITLE, SRC_PREAMBLE, SRC_SIGNATURE, SRC_META };

/* The metadata block of title-after-meta (and of title-none's 发布机构). */
static void meta_block(writer *w, gen_rng *r, int year, const char *body)
{
    gen_buf m = {0};
    gen_buf_printf(&m, "索引号：%08ld/%d-%05ld\n", (long)gen_rng_range(r, 10000000, 99999999),
                   year + 1, (long)gen_rng_range(r, 1, 99999));
    if (body != NULL)
        gen_buf_printf(&m, "发布机构：%s\n", body);
    gen_buf_puts(&m, gen_rng_chance(r, 50) ? "组配分类：政府信息公开年报\n" : "组配分类：年度报告\n");
    gen_buf_printf(&m, "发布日期：%d-%02d-%02d\n", year + 1, (int)gen_rng_range(r, 1, 3),
                   (int)gen_rng_range(r, 1, 28));
    noise_lines(w, gen_buf_str(&m));
    gen_buf_free(&m);
}

int gen_report_make(const gen_world *world, gen_rng *r, int index, gen_buf *out, gen_truth *t)
{
    memset(t, 0, sizeof *t);
    /* the forms of issue 13 are drawn from a stream of their own, so that
     * switching them off gives the very reports of before */
    gen_rng fr;
    gen_rng_seed(&fr, r->s[0] ^ r->s[3] ^ 0x5851F42D4C957F2DULL);
    const gen_forms *F = &world->forms;
    int title_form = gen_forms_draw_one(F, &fr, GEN_FORM_TITLE_YEAR_FIRST, GEN_FORM_TITLE_NONE);
    int body_form = gen_forms_draw_one(F, &fr, GEN_FORM_COUNTY_DEPARTMENT,
                                       GEN_FORM_COUNTY_GOVERNMENT);
    int county_form = gen_forms_draw_one(F, &fr, GEN_FORM_COUNTY_SITE, GEN_FORM_COUNTY_ADDRESS);
    int table_form = gen_forms_draw_one(F, &fr, GEN_FORM_TABLE_CELL_PARAS,
                                        GEN_FORM_TABLE_PIPE_SPANS);
    int template_form = gen_forms_draw_one(F, &fr, GEN_FORM_TEMPLATE_NEW,
                                           GEN_FORM_TEMPLATE_OLD_LATE);
    ctx c = {"我镇", 0, -1, 0, 0, 0, 0, 0, NULL};
    c.published = gen_forms_draw(F, &fr, GEN_FORM_PROSE_PUBLISHED);
    c.req_zero = gen_forms_draw(F, &fr, GEN_FORM_PROSE_REQUESTS_ZERO);
    c.procurement = gen_forms_draw(F, &fr, GEN_FORM_PROSE_PROCUREMENT);
    c.measures_lead = gen_forms_draw(F, &fr, GEN_FORM_MEASURES_LEAD);
    int traditional = world->trad != NULL && gen_forms_draw(F, &fr, GEN_FORM_TRADITIONAL);

    const char *format = world->formats[gen_rng_below(r, world->nformats)];
    if (table_form >= 0) {
        for (size_t k = 0; k < world->nformats; k++)
            if (strcmp(world->formats[k], "txt") == 0)
                format = "txt";
        c.rendering = table_form == GEN_FORM_TABLE_CELL_PARAS ? GEN_R_CELL_PARAS
                                                              : GEN_R_PIPE_SPANS;
    }
    writer w = {format, 0, {0}};
    int html = strcmp(format, "html") == 0, md = strcmp(format, "md") == 0;
    snprintf(t->file, sizeof t->file, "r%05d.%s", index, format); /* 5 digits at least */
    t->format = format;
    /* a township's next report, copying its problems section (--copies) */
    if (world->copies != NULL && world->copies->percent > 0 && body_form < 0)
        c.sequel = gen_copies_sequel(world->copies, r);
    int year = c.sequel != NULL          ? c.sequel->year + 1
               : template_form >= 0 ? (int)gen_rng_range(r, 2019, 2025)
                                    : (int)gen_rng_range(r, 2008, 2025);
    t->year = year;
    int version = year < 2019 ? 0 : year < 2021 ? 2019 : 2021;
    if (year >= 2022 && gen_rng_chance(r, 15)) {
        version = 2019; /* still on the old tables */
        gen_truth_form(t, "old-tables");
    }
    if (template_form == GEN_FORM_TEMPLATE_NEW) {
        c.no_tables = 1;
        gen_truth_form(t, gen_forms_name(template_form));
    } else if (template_form == GEN_FORM_TEMPLATE_OLD_LATE) {
        version = 0; /* the old outline, after 2019 */
        gen_truth_form(t, gen_forms_name(template_form));
    }

    /* the place and the evidence that tells it from its namesakes */
    enum evidence ev = EV_NONE;
    int contact = 0;
    gen_place pl;
    char postcode[7] = "";
    const char *area = NULL;
    gen_buf body = {0}, stem = {0};
    const char *suffix = "";
    const char *county_site = NULL, *county_address = NULL;
    if (body_form < 0 && c.sequel != NULL) {
        /* the place of the original, drawn as it was */
        const struct gen_place_draw *d = &c.sequel->draw;
        gen_places_get(world->places, d->index, &pl);
        ev = (enum evidence)d->ev;
        contact = d->contact;
        memcpy(postcode, d->postcode, sizeof postcode);
        area = gen_places_area_code(world->places, pl.city);
        place_truth(world, d->index, ev, postcode, area, t);
        if (ev == EV_BODY)
            gen_buf_puts(&stem, pl.county);
        gen_buf_puts(&stem, pl.township);
        suffix = d->suffix;
        t->draw = *d;
    } else if (body_form < 0) {
        int shared = gen_rng_chance(r, 50);
        size_t index_place = gen_places_pick(world->places, r, shared);
        gen_places_get(world->places, index_place, &pl);
        unsigned roll = (unsigned)gen_rng_below(r, 100);
        if (shared)
            ev = roll < 30 ? EV_NONE : roll < 55 ? EV_BODY : roll < 65 ? EV_SIGNATURE
               : roll < 75 ? EV_PREAMBLE : roll < 85 ? EV_POSTCODE : EV_AREA;
        else {
            ev = roll < 30 ? EV_BODY : EV_NONE;
            contact = gen_rng_chance(r, 40);
        }
        area = gen_places_area_code(world->places, pl.city);
        if ((ev == EV_POSTCODE && !gen_places_postcode(world->places, &pl, r, postcode)) ||
            (ev == EV_AREA && area == NULL) ||
            ((ev == EV_BODY || ev >= EV_SIGNATURE) && !pl.county[0]))
            ev = pl.county[0] ? EV_BODY : EV_NONE;
        if (contact && !gen_places_postcode(world->places, &pl, r, postcode))
            contact = 0;
        place_truth(world, index_place, ev, postcode, area, t);
        if (ev == EV_BODY)
            gen_buf_puts(&stem, pl.county);
        gen_buf_puts(&stem, pl.township);
        suffix = pick_body_suffix(r, pl.township);
        t->draw = (struct gen_place_draw){1, index_place, (int)ev, contact, "", suffix};
        memcpy(t->draw.postcode, postcode, sizeof postcode);
    } else {
        /* a county department or a district or county government */
        int shared = gen_rng_chance(r, 40);
        size_t index_county = gen_places_pick_county(world->places, r, shared);
        gen_places_county_get(world->places, index_county, &pl);
        area = gen_places_area_code(world->places, pl.city);
        unsigned roll = (unsigned)gen_rng_below(r, 100);
        int dept = body_form == GEN_FORM_COUNTY_DEPARTMENT;
        const char *dname = GEN_PICK(r, departments);
        int named = 1; /* the body's name carries the county */
        if (shared)
            ev = roll < 40 ? EV_NONE : roll < 70 ? EV_AREA : EV_POSTCODE;
        else if (dept && county_form == GEN_FORM_COUNTY_SITE) {
            county_site = pl.county;
            named = 0;
        } else if (dept && county_form == GEN_FORM_COUNTY_ADDRESS) {
            county_address = pl.county;
            named = 0;
        }
        if ((ev == EV_POSTCODE && !gen_places_postcode(world->places, &pl, r, postcode)) ||
            (ev == EV_AREA && area == NULL))
            ev = EV_NONE;
        county_truth(world, index_county, ev, postcode, area, t);
        t->evidence = county_site ? "county in the site name" : county_address ? "county in the address"
                    : ev == EV_NONE ? "county in the body" : evidence_names[ev];
        if (named)
            gen_buf_puts(&stem, pl.county);
        if (dept) {
            gen_buf_puts(&stem, dname);
            c.self = "我局";
        } else {
            unsigned s = (unsigned)gen_rng_below(r, 100);
            suffix = s < 60 ? "人民政府" : s < 75 ? "政府" : "";
            c.self = strstr(pl.county + strlen(pl.county) - 3, "区") ? "我区"
                   : strstr(pl.county + strlen(pl.county) - 3, "旗") ? "我旗" : "我县";
        }
        gen_truth_form(t, gen_forms_name(body_form));
        if (county_site || county_address)
            gen_truth_form(t, gen_forms_name(county_form));
    }
    gen_buf_printf(&body, "%s%s", gen_buf_str(&stem), suffix);
    snprintf(t->body, sizeof t->body, "%s", gen_buf_str(&body));

    int gb = !md && gen_rng_chance(r, 15);
    w.fullwidth = gen_rng_chance(r, 10);
    if (w.fullwidth)
        gen_truth_form(t, "fullwidth-digits");
    if (html)
        gen_buf_printf(&w.text, "<!DOCTYPE html>\n<html><head><meta charset=\"%s\">"
                                "<title>政府信息公开工作年度报告</title></head><body>\n",
                       gb ? "gbk" : "UTF-8");
    if (county_site) {
        gen_buf site = {0};
        gen_buf_printf(&site, "%s人民政府门户网站\n当前位置：首页 > 部门信息公开 > %s > 政府信息公开年报\n",
                       county_site, gen_buf_str(&body));
        noise_lines(&w, gen_buf_str(&site));
        gen_buf_free(&site);
    }
    /* (not above a metadata block of the report's own: one 发布机构 line) */
    if (!md && title_form != GEN_FORM_TITLE_AFTER_META && title_form != GEN_FORM_TITLE_NONE &&
        gen_rng_chance(r, 60)) {
        gen_buf noise = {0};
        gen_noise_header(world->noise, r, year + 1, &noise);
        noise_lines(&w, gen_buf_str(&noise));
        gen_buf_free(&noise);
        gen_truth_form(t, "noise-header");
    }

    /* title */
    gen_buf ytext = {0}, title = {0};
    year_text(r, year, &ytext, t);
    const char *report = "政府信息公开工作年度报告";
    unsigned tform = (unsigned)gen_rng_below(r, 100);
    int body_in_title = 1;
    enum body_source src = SRC_TITLE;
    if (title_form >= 0)
        gen_truth_form(t, gen_forms_name(title_form));
    if (title_form == GEN_FORM_TITLE_YEAR_FIRST) {
        /* the body's 政府 and the report's run together: 某镇政府信息公开… */
        gen_buf_printf(&title, "%s%s%s", gen_buf_str(&ytext), gen_buf_str(&stem),
                       strstr(suffix, "办事处") ? "办事处政府信息公开工作年度报告" : report);
    } else if (title_form == GEN_FORM_TITLE_NONE) {
        static const enum body_source srcs[] = {SRC_PREAMBLE, SRC_SIGNATURE, SRC_META};
        src = srcs[gen_rng_below(r, 3)];
        body_in_title = 0;
    } else if (title_form == GEN_FORM_TITLE_AFTER_META && gen_rng_chance(r, 50)) {
        gen_buf_printf(&title, "%s%s", gen_buf_str(&ytext), report);
        body_in_title = 0;
        src = SRC_META;
    } else if (tform < 60 || title_form >= 0)
        gen_buf_printf(&title, "%s%s%s", gen_buf_str(&body), gen_buf_str(&ytext), report);
    else if (tform < 72)
        gen_buf_printf(&title, "%s%s%s", gen_buf_str(&ytext), gen_buf_str(&body), report);
    else if (tform < 85) {
        gen_buf_printf(&title, "%s%s", gen_buf_str(&ytext), report);
        body_in_title = 0;
        src = SRC_PREAMBLE;
        gen_truth_form(t, "title-without-body");
    } else {
        gen_buf_printf(&title, "%s\n%s%s", gen_buf_str(&body), gen_buf_str(&ytext), report);
        gen_truth_form(t, "title-two-lines");
    }
    if (title_form == GEN_FORM_TITLE_AFTER_META || src == SRC_META)
        meta_block(&w, r, year, src == SRC_META || gen_rng_chance(r, 50) ? gen_buf_str(&body)
                                                                         : NULL);
    /* the title as written: its lines joined, digits as the writer writes them */
    gen_buf joined = {0};
    for (const char *p = gen_buf_str(&title); *p; p++)
        if (*p != '\n')
            gen_buf_add(&joined, p, 1);
    if (w.fullwidth) {
        gen_buf fw = {0};
        gen_encode_fullwidth_digits(gen_buf_str(&joined), &fw);
        snprintf(t->title, sizeof t->title, "%s", gen_buf_str(&fw));
        gen_buf_free(&fw);
    } else {
        snprintf(t->title, sizeof t->title, "%s", gen_buf_str(&joined));
    }
    gen_buf_free(&joined);
    if (title_form == GEN_FORM_TITLE_AFTER_CRUMB) {
        /* the crumb's last step is glued to the title, or ends in " > " */
        static const char *const heads[] = {"您当前所在位置: 首页 > 乡镇信息公开 > ",
                                            "当前位置：首页 > 政务公开 > ",
                                            "您现在的位置：首页 > 信息公开 > "};
        static const char *const tails[] = {" > ", " > 政府信息公开年报 > ", " > 年度报告"};
        size_t k = gen_rng_below(r, 3);
        gen_buf crumb = {0};
        gen_buf_printf(&crumb, "%s%s%s",
                       k == 0 && body_form >= 0 ? "您当前所在位置: 首页 > 信息公开目录 > " : heads[k],
                       body_form == GEN_FORM_COUNTY_DEPARTMENT ? "部门信息公开"
                       : body_form >= 0                        ? pl.county
                                                               : pl.township,
                       tails[k]);
        gen_buf_puts(&crumb, gen_buf_str(&title));
        line(&w, gen_buf_str(&crumb));
        gen_buf_free(&crumb);
    } else if (title_form != GEN_FORM_TITLE_NONE && title_form != GEN_FORM_TITLE_IN_QUOTES) {
        if (md)
            gen_buf_printf(&w.text, "# ");
        const char *ts = gen_buf_str(&title);
        while (*ts) {
            size_t n = strcspn(ts, "\n");
            gen_buf one = {0};
            gen_buf_add(&one, ts, n);
            line(&w, gen_buf_str(&one));
            gen_buf_free(&one);
            ts += n + (ts[n] == '\n');
        }
    }

    /* preamble */
    gen_buf pre = {0};
    if (ev == EV_PREAMBLE)
        gen_buf_printf(&pre, "按照%s人民政府办公室的统一部署，", pl.county);
    if (title_form == GEN_FORM_TITLE_IN_QUOTES) {
        static const char *const before[] = {
            "根据《中华人民共和国政府信息公开条例》要求，现将《",
            "依据《中华人民共和国政府信息公开条例》规定，特编制《",
            "按照《中华人民共和国政府信息公开条例》的要求，现向社会发布《"};
        static const char *const after[] = {"》予以公布。", "》。", "》。"};
        size_t k = gen_rng_below(r, 3);
        gen_buf_printf(&pre, "%s%s%s", before[k], gen_buf_str(&title), after[k]);
    } else if (!body_in_title && src == SRC_PREAMBLE)
        gen_buf_printf(&pre, "本报告由%s根据《中华人民共和国政府信息公开条例》要求编制。",
                       gen_buf_str(&body));
    else
        gen_buf_printf(&pre, "根据《中华人民共和国政府信息公开条例》规定，现公布%d年度政府信息公开工作情况。",
                       year);
    gen_buf_printf(&pre, "本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。", year, year);
    if (ev == EV_POSTCODE || ev == EV_AREA || contact || county_address) {
        gen_buf_printf(&pre, "如对本报告有疑问，请与%s办公室联系（", body_form < 0 ? "党政" : "");
        if (county_address)
            gen_buf_printf(&pre, "地址：%s%s路%ld号%s", county_address,
                           gen_rng_chance(r, 50) ? "人民" : "建设", (long)gen_rng_range(r, 1, 200),
                           ev == EV_AREA || ev == EV_POSTCODE || contact ? "，" : "");
        if (ev == EV_AREA || contact)
            gen_buf_printf(&pre, "电话：%s-%07ld", area ? area : "0351",
                           (long)gen_rng_range(r, 2000000, 8999999));
        if (ev == EV_POSTCODE || contact)
            gen_buf_printf(&pre, "%s邮编：%s", ev == EV_AREA || contact ? "，" : "", postcode);
        gen_buf_puts(&pre, "）。");
    }
    line(&w, gen_buf_str(&pre));
    gen_buf_free(&pre);
    t->sections |= 1u << GEN_S_PREAMBLE;

    /* sections */
    plan p;
    plan_sections(r, version, &p);
    if (template_form == GEN_FORM_TEMPLATE_OLD_LATE) {
        /* the old outline shows itself: 依申请公开 and 收费 headings */
        int need[] = {GEN_S_REQUESTS, GEN_S_FEES};
        for (size_t k = 0; k < 2; k++) {
            int have = 0;
            for (size_t j = 0; j < p.n; j++)
                have |= p.ids[j] == need[k];
            if (!have && p.n < 8)
                p.ids[p.n++] = need[k];
        }
        for (size_t i = 1; i < p.n; i++)
            for (size_t j = i; j > 0 && p.ids[j - 1] > p.ids[j]; j--) {
                int tmp = p.ids[j];
                p.ids[j] = p.ids[j - 1];
                p.ids[j - 1] = tmp;
            }
    }
    gen_headings h;
    gen_headings_choose(&h, r, md);
    gen_truth_form(t, gen_headings_name(&h));
    int spam_at = gen_rng_chance(r, 5) ? (int)gen_rng_below(r, p.n) : -1;
    for (size_t k = 0; k < p.n; k++) {
        gen_buf head = {0};
        gen_headings_write(&h, (int)k + 1, heading_text(r, p.ids[k], version), &head);
        if ((int)k == spam_at) {
            gen_noise_spam(world->noise, r, &head);
            gen_truth_form(t, "spam-in-heading");
        }
        line(&w, gen_buf_str(&head));
        gen_buf_free(&head);
        t->sections |= 1u << p.ids[k];
        section_body(world, r, &w, &c, p.ids[k], version, year, t);
    }

    /* signature: the body, unless the report names it elsewhere only */
    gen_buf sig = {0};
    int signed_by = !((title_form == GEN_FORM_TITLE_NONE || title_form == GEN_FORM_TITLE_AFTER_META) &&
                      src != SRC_SIGNATURE && src != SRC_TITLE && ev != EV_SIGNATURE);
    if (ev == EV_SIGNATURE)
        gen_buf_puts(&sig, pl.county);
    gen_buf_puts(&sig, gen_buf_str(&body));
    if (signed_by)
        line(&w, gen_buf_str(&sig));
    gen_buf_reset(&sig);
    gen_buf_printf(&sig, "%d年%d月%d日", year + 1, (int)gen_rng_range(r, 1, 3),
                   (int)gen_rng_range(r, 1, 28));
    line(&w, gen_buf_str(&sig));
    gen_buf_free(&sig);
    if (!md && gen_rng_chance(r, 40)) {
        gen_buf noise = {0};
        gen_noise_footer(world->noise, r, &noise);
        noise_lines(&w, gen_buf_str(&noise));
        gen_buf_free(&noise);
    }
    if (html)
        gen_buf_puts(&w.text, "</body></html>\n");

    /* the template the tables show, or the outline when no table tells */
    if (!version)
        t->template_version = "pre2019"; /* old outline: a year before 2019, or old headings */
    else if (t->template_version == NULL && gen_forms_on(F, GEN_FORM_TEMPLATE_NEW)) {
        t->template_version = "new"; /* the six parts, no table telling 2019 from 2021 */
        gen_truth_form(t, gen_forms_name(GEN_FORM_TEMPLATE_NEW));
    }

    /* traditional characters: the text as written, the places as read */
    if (traditional) {
        gen_buf tr = {0};
        gen_encode_traditional(world->trad, gen_buf_str(&w.text), &tr);
        gen_buf_free(&w.text);
        w.text = tr;
        gen_buf tt = {0};
        gen_encode_traditional(world->trad, t->title, &tt);
        snprintf(t->title, sizeof t->title, "%s", gen_buf_str(&tt));
        gen_buf_free(&tt);
        gen_truth_form(t, gen_forms_name(GEN_FORM_TRADITIONAL));
    }

    /* bytes */
    int rc = 0;
    t->encoding = "UTF-8";
    if (gb) {
        t->encoding = "GB18030";
        rc = gen_encode_gb18030(gen_buf_str(&w.text), out);
    } else if (!html && gen_rng_chance(r, 10)) {
        gen_encode_crlf(gen_buf_str(&w.text), out);
        gen_truth_form(t, "crlf");
    } else {
        if (!html && gen_rng_chance(r, 5)) {
            gen_buf_puts(out, "\xEF\xBB\xBF");
            gen_truth_form(t, "bom");
        }
        gen_buf_puts(out, gen_buf_str(&w.text));
    }
    gen_buf_free(&w.text);
    gen_buf_free(&body);
    gen_buf_free(&stem);
    gen_buf_free(&ytext);
    gen_buf_free(&title);
    return rc;
}

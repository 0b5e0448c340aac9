/* test_cli_copied.c - copied:previous_year|other_place|none|unknown end to
 * end (docs/SIMILAR.md): gongkai-index on township reports written in the
 * form of real ones (our own words and places), then copied:, --facet
 * copied, --show, --figures and --by report, also when the original is
 * indexed after its copies, pruned, or the reports lie in shards.
 *
 * What the reports are, and so what the test expects:
 * - 青石镇 2021 writes its problems section in its own words (none: the
 *   reports copying it are later);
 * - 青石镇 2022 repeats that section word for word: previous_year, from
 *   青石镇 2021;
 * - 柳溪乡 2023 repeats it too: other_place, from both 青石镇 reports
 *   (each is another place's, of an earlier year);
 * - 松岗镇 2022 writes its own under the same template headings and
 *   sentences: none (the template does not count);
 * - 木兰乡 2022 has a problems section of one short sentence: unknown.
 * The places are not in the division list, so "the same place" is the
 * same issuing body (青石镇人民政府 both years). */
#include "gk_cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The parts every report has, in the national format's order; %s: the
 * township, %d the year, then the overview's sentence and the problems
 * section. */
static const char report_form[] =
    "%s%d年政府信息公开工作年度报告\n"
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅"
    "政府信息与政务公开办公室有关要求编制。本报告中所列数据的统计期限自%d年1月1日起"
    "至%d年12月31日止。\n"
    "一、总体情况\n"
    "%s\n"
    "二、主动公开政府信息情况\n"
    "本年度主动公开政府信息%d条。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "本年度共收到政府信息公开申请%d件，均已按时答复。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。\n"
    "五、存在的主要问题及改进情况\n"
    "%s"
    "六、其他需要报告的事项\n"
    "本机关无其他需要报告的事项。\n"
    "%s人民政府\n"
    "%d年1月18日\n";

static const char qingshi_problems[] =
    "（一）存在的主要问题\n"
    "一是镇村两级公开目录对不上号，村级栏目里的低保名单有时半年才换一次；\n"
    "二是便民服务大厅的查询电脑老旧，老年人不会用也没人指导；\n"
    "三是答复申请时引用的条款偶有错误，说明理由过于简略，申请人看不明白；\n"
    "四是乡镇网站上的图片新闻多，实打实的办事指南少，群众找不到想要的内容。\n"
    "（二）改进措施\n"
    "一是对照县里下发的目录清单逐村核对栏目，低保、救助名单每月随发放同步更新；\n"
    "二是给服务大厅换两台新机器，安排志愿者每逢赶集日在旁边教老人查询；\n"
    "三是请县司法局的同志把关答复文书，每份答复写清依据和理由；\n"
    "四是把办事指南放到网站首页显眼位置，图片新闻挪到二级栏目。\n";

static const char songgang_problems[] =
    "（一）存在的主要问题\n"
    "一是渔业补贴发放信息只在村委会门口张贴，外出务工的渔民看不到；"
    "二是台风期间的转移安置通知主要靠广播，书面公开不及时，事后难以查证。\n"
    "（二）改进措施\n"
    "今后我镇将把补贴名单同步发到各村微信群和镇政府网站，台风防御的每一份通知都在当天"
    "上网并存档，年底由党政办统一整理成册备查。\n";

static const char mulan_problems[] = "公开工作仍有不足，明年继续改进。\n";

/* the five above; 柳溪乡 2022, repeating 青石镇's section too, only in
 * test_both_kinds */
enum { QS2021, QS2022, LX2023, SG2022, ML2022, NREPORTS, LX2022 = NREPORTS, NALL };

typedef struct fixture {
    gk_cli *cli;
    char id[NALL][17];
    char *path[NALL];
} fixture;

static const struct {
    const char *file, *town, *overview, *problems;
    int year;
} reports[NALL] = {
    [QS2021] = {"qingshi2021.txt", "青石镇",
                "2021年，青石镇以村务公开栏为主阵地，全年张贴公开材料三百余份。",
                qingshi_problems, 2021},
    [QS2022] = {"qingshi2022.txt", "青石镇",
                "2022年，青石镇围绕防汛救灾和稳岗就业，集中发布了一批救助政策。",
                qingshi_problems, 2022},
    [LX2023] = {"liuxi2023.txt", "柳溪乡",
                "2023年，柳溪乡调整充实了政务公开工作专班，乡长任组长。", qingshi_problems,
                2023},
    [SG2022] = {"songgang2022.txt", "松岗镇",
                "2022年，松岗镇把政务公开和渔港管理结合起来，公开了休渔期补贴标准。",
                songgang_problems, 2022},
    [ML2022] = {"mulan2022.txt", "木兰乡", "2022年，木兰乡公开工作平稳推进。", mulan_problems,
                2022},
    [LX2022] = {"liuxi2022.txt", "柳溪乡", "2022年，柳溪乡完成了村务公开栏的统一更换。",
                qingshi_problems, 2022},
};

/* Write report k into dir; *path the file. */
static char *put_report(const char *dir, int k)
{
    char text[8192];
    snprintf(text, sizeof text, report_form, reports[k].town, reports[k].year, reports[k].year,
             reports[k].year, reports[k].overview, 100 + k, k, reports[k].problems,
             reports[k].town, reports[k].year + 1);
    return gk_test_put(dir, reports[k].file, text, strlen(text));
}

/* gongkai-index -q [opt] in into db, exiting 0 with nothing on stderr. */
static void index_into(const char *db, const char *in, const char *opt)
{
    gk_test_run_result r;
    if (opt != NULL)
        gk_cli_index(&r, db, "-q", opt, in, NULL);
    else
        gk_cli_index(&r, db, "-q", in, NULL);
    if (r.status != 0 || r.err[0] != '\0')
        fail_msg("gongkai-index exited %d: %s", r.status, r.err);
    gk_test_run_clear(&r);
}

/* Every report's id, from its path in the hits of db. */
static void read_ids(fixture *f, const char *db)
{
    json_t *lines = gk_cli_query_json(db, 0, GK_CLI_ARGS("--json", "-n", "20", "kind:report"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h) {
        for (int k = 0; k < NALL; k++)
            if (f->path[k] != NULL && strcmp(gk_cli_str(h, "path"), f->path[k]) == 0)
                snprintf(f->id[k], sizeof f->id[k], "%s", gk_cli_str(h, "report_id"));
    }
    json_decref(hits);
    json_decref(lines);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(gk_cli_setup((void **)&f->cli), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int k = 0; k < NALL; k++)
        free(f->path[k]);
    void *cli = f->cli;
    gk_cli_teardown(&cli);
    free(f);
    return 0;
}

/* All five reports written and indexed into the fixture's database.  Each
 * is stored as "none" (or "unknown" when too short to compare), so the
 * link pass writes back two: 青石镇 2022 and 柳溪乡 2023 (its summary's
 * linked.copied). */
static void index_all(fixture *f)
{
    for (int k = 0; k < NREPORTS; k++)
        f->path[k] = put_report(f->cli->in, k);
    gk_test_run_result r;
    gk_cli_index(&r, f->cli->db, "--json", f->cli->in, NULL);
    if (r.status != 0 || r.err[0] != '\0')
        fail_msg("gongkai-index exited %d: %s", r.status, r.err);
    json_t *lines = gk_cli_json_lines(r.out);
    json_t *linked = json_object_get(gk_cli_summary(lines), "linked");
    if (json_integer_value(json_object_get(linked, "copied")) != 2)
        fail_msg("linked.copied is not 2: %s", r.out);
    json_decref(lines);
    gk_test_run_clear(&r);
    read_ids(f, f->cli->db);
    for (int k = 0; k < NREPORTS; k++)
        assert_int_equal(strlen(f->id[k]), 16);
}

/* The report ids of the hits of query in db, sorted, joined by ",". */
static char *ids_of(const char *db, const char *query)
{
    json_t *lines = gk_cli_query_json(db, GK_CLI_0_OR_1, GK_CLI_ARGS("--json", "-n", "20", query));
    json_t *hits = gk_cli_of_type(lines, "hit");
    size_t n = json_array_size(hits);
    char (*ids)[17] = calloc(n + 1, sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < n; i++)
        snprintf(ids[i], sizeof ids[i], "%s", gk_cli_str(json_array_get(hits, i), "report_id"));
    qsort(ids, n, sizeof *ids, (int (*)(const void *, const void *))strcmp);
    char *out = calloc(n * 17 + 1, 1);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, ids[i]);
    }
    free(ids);
    json_decref(hits);
    json_decref(lines);
    return out;
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted ids of reports a and b (or a alone when b < 0), joined. */
static char *joined(const fixture *f, int a, int b)
{
    char *out = calloc(40, 1);
    assert_non_null(out);
    if (b < 0)
        snprintf(out, 40, "%s", f->id[a]);
    else if (strcmp(f->id[a], f->id[b]) < 0)
        snprintf(out, 40, "%s,%s", f->id[a], f->id[b]);
    else
        snprintf(out, 40, "%s,%s", f->id[b], f->id[a]);
    return out;
}

static void expect_ids(const char *db, const char *query, const char *want)
{
    char *got = ids_of(db, query);
    if (strcmp(got, want) != 0)
        fail_msg("%s: got [%s], want [%s]", query, got, want);
    free(got);
}

/* The statuses the reports' words give (the header comment). */
static void expect_statuses(const fixture *f, const char *db)
{
    char *lx_from = joined(f, QS2021, QS2022), *none = joined(f, QS2021, SG2022);
    expect_ids(db, "copied:previous_year", f->id[QS2022]);
    expect_ids(db, "copied:other_place", f->id[LX2023]);
    expect_ids(db, "copied:none", none);
    expect_ids(db, "copied:unknown", f->id[ML2022]);
    expect_ids(db, "抄袭:上年", f->id[QS2022]);
    /* what each copies, in --show's JSON */
    const struct {
        int k;
        const char *status, *from;
    } want[] = {{QS2021, "none", ""},
                {QS2022, "previous_year", f->id[QS2021]},
                {LX2023, "other_place", lx_from},
                {SG2022, "none", ""},
                {ML2022, "unknown", ""}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        json_t *lines =
            gk_cli_query_json(db, 0, GK_CLI_ARGS("--json", "--show", f->id[want[i].k]));
        json_t *copied = json_object_get(json_array_get(lines, 0), "copied");
        assert_non_null(copied);
        assert_string_equal(gk_cli_str(copied, "status"), want[i].status);
        char from[64] = "";
        size_t j;
        json_t *id;
        json_array_foreach(json_object_get(copied, "from"), j, id) {
            if (j)
                strcat(from, ",");
            strcat(from, json_string_value(id));
        }
        assert_string_equal(from, want[i].from);
        json_decref(lines);
    }
    free(lx_from);
    free(none);
}

static void test_field_facet_show_figures(void **state)
{
    fixture *f = *state;
    index_all(f);
    expect_statuses(f, f->cli->db);
    /* --facet copied: 2 none, 1 each of the others */
    json_t *lines = gk_cli_query_json(f->cli->db, 0,
                                      GK_CLI_ARGS("--json", "-n", "0", "--facet", "copied"));
    json_t *facets = gk_cli_of_type(lines, "facet");
    assert_int_equal(json_array_size(facets), 1);
    json_t *counts = json_object_get(json_array_get(facets, 0), "counts");
    const struct {
        const char *value;
        long count;
    } want[] = {{"none", 2}, {"other_place", 1}, {"previous_year", 1}, {"unknown", 1}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        long count = -1;
        size_t j;
        json_t *c;
        json_array_foreach(counts, j, c) if (strcmp(gk_cli_str(c, "value"), want[i].value) == 0)
            count = (long)json_integer_value(json_object_get(c, "count"));
        if (count != want[i].count)
            fail_msg("--facet copied: %s counted %ld, want %ld", want[i].value, count,
                     want[i].count);
    }
    json_decref(facets);
    json_decref(lines);
    /* --show in text names the report copied */
    gk_test_run_result r;
    gk_cli_query(&r, f->cli->db, "--show", f->id[QS2022], NULL);
    assert_int_equal(r.status, 0);
    char line[128];
    snprintf(line, sizeof line, "copied: previous_year (from report %s)", f->id[QS2021]);
    if (strstr(r.out, line) == NULL)
        fail_msg("--show lacks \"%s\":\n%s", line, r.out);
    gk_test_run_clear(&r);
    /* --figures (JSON) and --by report carry it too */
    lines = gk_cli_query_json(f->cli->db, 0,
                              GK_CLI_ARGS("--figures", "--format", "json", "copied:other_place"));
    json_t *rows = gk_cli_of_type(lines, "figures");
    assert_int_equal(json_array_size(rows), 1);
    assert_string_equal(gk_cli_str(json_array_get(rows, 0), "copied"), "other_place");
    assert_int_equal(json_array_size(json_object_get(json_array_get(rows, 0), "copied_from")),
                     2);
    json_decref(rows);
    json_decref(lines);
    lines = gk_cli_query_json(f->cli->db, 0,
                              GK_CLI_ARGS("--json", "--by", "report", "copied:previous_year"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    assert_string_equal(gk_cli_str(json_array_get(hits, 0), "copied"), "previous_year");
    json_t *from = json_object_get(json_array_get(hits, 0), "copied_from");
    assert_int_equal(json_array_size(from), 1);
    assert_string_equal(json_string_value(json_array_get(from, 0)), f->id[QS2021]);
    json_decref(hits);
    json_decref(lines);
}

static void test_original_indexed_after_its_copies(void **state)
{
    fixture *f = *state;
    /* the copies first: nothing to copy from yet */
    for (int k = QS2022; k < NREPORTS; k++)
        f->path[k] = put_report(f->cli->in, k);
    index_into(f->cli->db, f->cli->in, NULL);
    read_ids(f, f->cli->db);
    expect_ids(f->cli->db, "copied:previous_year", "");
    /* 柳溪乡 2023 copies 青石镇 2022 already */
    expect_ids(f->cli->db, "copied:other_place", f->id[LX2023]);
    /* then the original: the same as indexed together */
    f->path[QS2021] = put_report(f->cli->in, QS2021);
    index_into(f->cli->db, f->cli->in, NULL);
    read_ids(f, f->cli->db);
    expect_statuses(f, f->cli->db);
    /* re-indexed with another overview (its problems unchanged): the same */
    char *again = gk_test_join(f->cli->in, reports[QS2021].file);
    FILE *fp = fopen(again, "a");
    assert_non_null(fp);
    fputs("（本报告另附图表一份。）\n", fp);
    fclose(fp);
    free(again);
    index_into(f->cli->db, f->cli->in, NULL);
    expect_statuses(f, f->cli->db);
}

static void test_pruned_original(void **state)
{
    fixture *f = *state;
    index_all(f);
    /* 青石镇 2021 gone: its next year copies nothing any more; 柳溪乡
     * still copies 青石镇 2022 */
    assert_int_equal(unlink(f->path[QS2021]), 0);
    index_into(f->cli->db, f->cli->in, "--prune");
    expect_ids(f->cli->db, "copied:previous_year", "");
    char *none = joined(f, QS2022, SG2022);
    expect_ids(f->cli->db, "copied:none", none);
    free(none);
    json_t *lines =
        gk_cli_query_json(f->cli->db, 0, GK_CLI_ARGS("--json", "--show", f->id[LX2023]));
    json_t *copied = json_object_get(json_array_get(lines, 0), "copied");
    assert_string_equal(gk_cli_str(copied, "status"), "other_place");
    assert_int_equal(json_array_size(json_object_get(copied, "from")), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(copied, "from"), 0)),
                        f->id[QS2022]);
    json_decref(lines);
    /* and 青石镇 2022 gone too: 柳溪乡 copies nothing indexed */
    assert_int_equal(unlink(f->path[QS2022]), 0);
    index_into(f->cli->db, f->cli->in, "--prune");
    expect_ids(f->cli->db, "copied:other_place", "");
    none = joined(f, LX2023, SG2022);
    expect_ids(f->cli->db, "copied:none", none);
    free(none);
}

/* 青石镇 2021 and 2022, 柳溪乡 2022 and 2023, one problems section: a
 * 2022 report copies its own place's 2021 (青石镇) or nothing of its own
 * (柳溪乡), and the other place's reports of 2022 and before; so 青石镇
 * 2022 and 柳溪乡 2023 are both kinds, 柳溪乡 2022 other_place only. */
static void test_both_kinds(void **state)
{
    fixture *f = *state;
    const int mine[] = {QS2021, QS2022, LX2022, LX2023};
    for (size_t i = 0; i < 4; i++)
        f->path[mine[i]] = put_report(f->cli->in, mine[i]);
    index_into(f->cli->db, f->cli->in, NULL);
    read_ids(f, f->cli->db);
    char *prev = joined(f, QS2022, LX2023), *qs_from = joined(f, QS2021, LX2022);
    expect_ids(f->cli->db, "copied:previous_year", prev);
    expect_ids(f->cli->db, "copied:previous_year copied:other_place", prev);
    expect_ids(f->cli->db, "copied:none", f->id[QS2021]);
    char *other = calloc(64, 1), *sorted[3] = {f->id[QS2022], f->id[LX2022], f->id[LX2023]};
    assert_non_null(other);
    qsort(sorted, 3, sizeof *sorted, cmp_text);
    snprintf(other, 64, "%s,%s,%s", sorted[0], sorted[1], sorted[2]);
    expect_ids(f->cli->db, "copied:other_place", other);
    json_t *lines =
        gk_cli_query_json(f->cli->db, 0, GK_CLI_ARGS("--json", "--show", f->id[QS2022]));
    json_t *copied = json_object_get(json_array_get(lines, 0), "copied");
    assert_string_equal(gk_cli_str(copied, "status"), "previous_year,other_place");
    json_t *from = json_object_get(copied, "from");
    assert_int_equal(json_array_size(from), 2);
    char got[40];
    snprintf(got, sizeof got, "%s,%s", json_string_value(json_array_get(from, 0)),
             json_string_value(json_array_get(from, 1)));
    assert_string_equal(got, qs_from);
    json_decref(lines);
    free(other);
    free(prev);
    free(qs_from);
}

static void test_shards_answer_as_one_database(void **state)
{
    fixture *f = *state;
    /* copies first, the original later, into one database and 3 shards */
    for (int k = QS2022; k < NREPORTS; k++)
        f->path[k] = put_report(f->cli->in, k);
    char *sharded = gk_test_join(f->cli->top, "sharded");
    gk_test_run_result r;
    gk_cli_index(&r, sharded, "-q", "--shards", "3", f->cli->in, NULL);
    assert_int_equal(r.status, 0);
    gk_test_run_clear(&r);
    f->path[QS2021] = put_report(f->cli->in, QS2021);
    index_into(sharded, f->cli->in, NULL);
    read_ids(f, sharded);
    expect_statuses(f, sharded);
    free(sharded);
}

/* A copy among more reports alike than the link pass takes candidates
 * of (GK_COPIED_CANDIDATES, 200): MANY reports, each of another made-up
 * township, whose problems sections are the same (青石镇's
 * section) and 60 characters of their own words; the last report
 * repeats the first's whole section.  Every report then shares bands
 * with nearly all the others (about 0.7 alike), so each has over 200
 * candidates, and the copy must still be among those taken: it shares
 * every band.  Only the copy is copied (the others share about 0.83).  */
#define MANY 260
static void test_copy_among_many_alike(void **state)
{
    fixture *f = *state;
    static const char pool[] = "山水田林湖草沙村路桥河塘渠坝堤岸坡岭峰谷溪泉井"
                               "稻麦豆棉茶果菜瓜花木竹松柏杨柳桃李梅兰菊荷莲"
                               "牛羊猪鸡鸭鹅鱼虾蟹蚕蜂马驴骡兔鹿熊狼虎豹猴狗"
                               "春夏秋冬晨午晚夜风雨雪霜雷电云雾晴阴冷暖凉热";
    const size_t nchars = (sizeof pool - 1) / 3; /* each three bytes in UTF-8 */
    char *first_problems = NULL, *first_path = NULL, *copy_path = NULL;
    unsigned seed = 12345;
    for (int k = 0; k <= MANY; k++) {
        /* the township: two characters of the pool and 镇, each its own */
        char town[16];
        size_t a = (size_t)k % nchars, b = ((size_t)k / nchars + 7 * (size_t)k) % nchars;
        snprintf(town, sizeof town, "%.3s%.3s镇", pool + 3 * a, pool + 3 * b);
        char problems[4096];
        if (k < MANY) {
            /* own words: 60 characters of the pool in a made-up order */
            char own[512] = "";
            for (int c = 0; c < 60; c++) {
                seed = seed * 1103515245u + 12345u;
                strncat(own, pool + 3 * ((seed >> 16) % nchars), 3);
            }
            snprintf(problems, sizeof problems, "%s另外，%s。\n", qingshi_problems, own);
        } else {
            snprintf(problems, sizeof problems, "%s", first_problems);
        }
        if (k == 0) {
            size_t len = strlen(problems) + 1;
            assert_non_null(first_problems = malloc(len));
            memcpy(first_problems, problems, len);
        }
        char text[8192], file[32];
        int year = k == 0 ? 2021 : 2022;
        snprintf(text, sizeof text, report_form, town, year, year, year, "本年度公开工作平稳。",
                 100 + k, k, problems, town, year + 1);
        snprintf(file, sizeof file, "many%03d.txt", k);
        char *path = gk_test_put(f->cli->in, file, text, strlen(text));
        if (k == 0)
            first_path = path;
        else if (k == MANY)
            copy_path = path;
        else
            free(path);
    }
    index_into(f->cli->db, f->cli->in, NULL);
    json_t *lines = gk_cli_query_json(f->cli->db, 0,
                                      GK_CLI_ARGS("--json", "-n", "5", "copied:other_place"));
    json_t *hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    json_t *copy = json_array_get(hits, 0);
    assert_string_equal(gk_cli_str(copy, "path"), copy_path);
    char copy_id[17];
    snprintf(copy_id, sizeof copy_id, "%s", gk_cli_str(copy, "report_id"));
    json_decref(hits);
    json_decref(lines);
    assert_int_equal(gk_cli_count(f->cli->db, "copied:none", NULL), MANY);
    /* what it copies: the first report */
    lines = gk_cli_query_json(f->cli->db, 0, GK_CLI_ARGS("--json", "--show", copy_id));
    json_t *from = json_object_get(json_object_get(json_array_get(lines, 0), "copied"), "from");
    assert_int_equal(json_array_size(from), 1);
    json_decref(lines);
    lines = gk_cli_query_json(f->cli->db, 0,
                              GK_CLI_ARGS("--json", "-n", "1", "copied:none", "year:2021"));
    hits = gk_cli_of_type(lines, "hit");
    assert_int_equal(json_array_size(hits), 1);
    assert_string_equal(gk_cli_str(json_array_get(hits, 0), "path"), first_path);
    json_decref(hits);
    json_decref(lines);
    free(first_problems);
    free(first_path);
    free(copy_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_field_facet_show_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_original_indexed_after_its_copies, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_pruned_original, setup, teardown),
        cmocka_unit_test_setup_teardown(test_both_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shards_answer_as_one_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_among_many_alike, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

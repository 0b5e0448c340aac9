/* gk_gen.c - gongkai-gen: a corpus of annual reports from a seed, with the
 * truth of each as JSON Lines (docs/GENERATOR.md).
 *
 *   gongkai-gen --seed S --count N --out DIR [--formats txt,html,md]
 *               [--truth FILE] [--data DIR] [--forms-on LIST] [--forms-off LIST]
 *               [--copies PERCENT]
 *   gongkai-gen --list-forms
 *
 * Exit status: 0 done, 1 a file could not be written, 2 usage error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

#ifndef GEN_DATA_DIR
#define GEN_DATA_DIR "corpus/data"
#endif

static const char *prog = "gongkai-gen";

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: %s --seed S --count N --out DIR [--formats txt,html,md]\n"
            "          [--truth FILE] [--data DIR] [--forms-on LIST] [--forms-off LIST]\n"
            "          [--copies PERCENT]\n"
            "       %s --list-forms\n"
            "Write N generated annual reports to DIR and their truth as JSON Lines\n"
            "to FILE (default DIR/truth.jsonl).  The same seed gives the same files.\n"
            "  --data DIR        the data files (default %s)\n"
            "  --forms-on LIST   switch forms on: NAME (its usual weight), NAME=PERCENT\n"
            "                    or all, comma-separated (also GK_GEN_FORMS_ON)\n"
            "  --forms-off LIST  switch forms off (also GK_GEN_FORMS_OFF)\n"
            "  --list-forms      the forms, their weights now and by default\n"
            "  --copies PERCENT  that share of the reports with a problems section\n"
            "                    copy an earlier original's, exactly or lightly\n"
            "                    edited, some as the same township's next report;\n"
            "                    truth: copy_of, copy, copy_place (docs/SIMILAR.md)\n",
            prog, prog, GEN_DATA_DIR);
}

static int parse_formats(gen_world *w, const char *list)
{
    static const char *const known[] = {"txt", "md", "html"};
    w->nformats = 0;
    char *copy = strdup(list);
    if (copy == NULL)
        return -1;
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (k < 3 && strcmp(known[k], tok) != 0)
            k++;
        if (k == 3 || w->nformats == 3) {
            rc = -1;
            break;
        }
        w->formats[w->nformats++] = known[k];
    }
    free(copy);
    return rc == 0 && w->nformats > 0 ? 0 : -1;
}

static int write_file(const char *path, const gen_buf *b)
{
    FILE *fp = fopen(path, "wb");
    if (fp == NULL)
        return -1;
    size_t n = fwrite(b->data ? b->data : "", 1, b->len, fp);
    return (fclose(fp) == 0 && n == b->len) ? 0 : -1;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"seed", required_argument, NULL, 's'}, {"count", required_argument, NULL, 'n'},
        {"out", required_argument, NULL, 'o'},  {"formats", required_argument, NULL, 'f'},
        {"truth", required_argument, NULL, 't'}, {"data", required_argument, NULL, 'd'},
        {"forms-on", required_argument, NULL, 'O'}, {"forms-off", required_argument, NULL, 'X'},
        {"list-forms", no_argument, NULL, 'L'}, {"copies", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    unsigned long long seed = 1;
    long count = -1;
    const char *outdir = NULL, *truth_path = NULL, *data = GEN_DATA_DIR;
    gen_world w = {0};
    gen_copybook book = {0};
    parse_formats(&w, "txt,html,md");
    gen_forms_defaults(&w.forms);
    char bad[128];
    static const struct {
        const char *name;
        int on;
    } envs[] = {{"GK_GEN_FORMS_ON", 1}, {"GK_GEN_FORMS_OFF", 0}};
    for (size_t k = 0; k < 2; k++) {
        const char *v = getenv(envs[k].name);
        if (v && *v && gen_forms_set(&w.forms, v, envs[k].on, bad, sizeof bad) != 0) {
            fprintf(stderr, "%s: %s: no such form: %s\n", prog, envs[k].name, bad);
            return 2;
        }
    }
    int list_forms = 0;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "s:n:o:f:t:d:h", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            errno = 0;
            seed = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg) {
                fprintf(stderr, "%s: --seed: not a number: %s\n", prog, optarg);
                return 2;
            }
            break;
        case 'n':
            count = strtol(optarg, &end, 10);
            if (*end || end == optarg || count < 0 || count > 9999999) {
                fprintf(stderr, "%s: --count: 0 to 9999999: %s\n", prog, optarg);
                return 2;
            }
            break;
        case 'o': outdir = optarg; break;
        case 't': truth_path = optarg; break;
        case 'd': data = optarg; break;
        case 'f':
            if (parse_formats(&w, optarg) != 0) {
                fprintf(stderr, "%s: --formats: txt, html, md: %s\n", prog, optarg);
                return 2;
            }
            break;
        case 'O':
        case 'X':
            if (gen_forms_set(&w.forms, optarg, c == 'O', bad, sizeof bad) != 0) {
                fprintf(stderr, "%s: --forms-%s: no such form: %s (see --list-forms)\n", prog,
                        c == 'O' ? "on" : "off", bad);
                return 2;
            }
            break;
        case 'L': list_forms = 1; break;
        case 'C': {
            long pc = strtol(optarg, &end, 10);
            if (*end || end == optarg || pc < 0 || pc > 100) {
                fprintf(stderr, "%s: --copies: a percentage, 0 to 100: %s\n", prog, optarg);
                return 2;
            }
            book.percent = (unsigned)pc;
            w.copies = &book;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (list_forms) {
        gen_forms_print(&w.forms, stdout);
        return 0;
    }
    if (count < 0 || outdir == NULL || optind != argc) {
        usage(stderr);
        return 2;
    }
    char err[512] = "";
    w.places = gen_places_load(data, err, sizeof err);
    if (w.places == NULL || gen_cues_load(&w.cues, data, err, sizeof err) != 0 ||
        (w.noise = gen_noise_load(data, err, sizeof err)) == NULL ||
        (w.trad = gen_trad_load(data, err, sizeof err)) == NULL) {
        fprintf(stderr, "%s: %s\n", prog, err[0] ? err : "out of memory");
        gen_places_free(w.places);
        gen_cues_free(&w.cues);
        gen_noise_free(w.noise);
        return 1;
    }
    int status = 0;
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: %s: %s\n", prog, outdir, strerror(errno));
        status = 1;
    }
    gen_buf path = {0};
    if (truth_path == NULL) {
        gen_buf_printf(&path, "%s/truth.jsonl", outdir);
        truth_path = gen_buf_str(&path);
    }
    FILE *truth = status ? NULL : fopen(truth_path, "w");
    if (status == 0 && truth == NULL) {
        fprintf(stderr, "%s: %s: %s\n", prog, truth_path, strerror(errno));
        status = 1;
    }
    gen_rng rng;
    gen_rng_seed(&rng, seed);
    gen_buf bytes = {0}, file = {0};
    for (long i = 0; i < count && status == 0; i++) {
        gen_truth t;
        gen_buf_reset(&bytes);
        /* each report from its own stream: report i is the same whatever N */
        gen_rng one;
        gen_rng_seed(&one, gen_rng_next(&rng));
        if (gen_report_make(&w, &one, (int)i, &bytes, &t) != 0) {
            fprintf(stderr, "%s: report %ld: cannot encode\n", prog, i);
            status = 1;
            break;
        }
        gen_buf_reset(&file);
        gen_buf_printf(&file, "%s/%s", outdir, t.file);
        if (write_file(gen_buf_str(&file), &bytes) != 0) {
            fprintf(stderr, "%s: %s: %s\n", prog, gen_buf_str(&file), strerror(errno));
            status = 1;
        } else if (gen_truth_write(truth, &t, &w.cues) != 0) {
            fprintf(stderr, "%s: %s: write error\n", prog, truth_path);
            status = 1;
        }
    }
    if (truth != NULL && fclose(truth) != 0 && status == 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, truth_path, strerror(errno));
        status = 1;
    }
    gen_buf_free(&bytes);
    gen_buf_free(&file);
    gen_buf_free(&path);
    gen_places_free(w.places);
    gen_cues_free(&w.cues);
    gen_noise_free(w.noise);
    gen_trad_free(w.trad);
    gen_copies_free(&book);
    return status;
}

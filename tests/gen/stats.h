/* stats.h - the statistical tables of the 2019 and 2021 templates with
 * their figures: the 第二十条 tables of 主动公开, the requests table and
 * the review/litigation table, filled consistently, with blanks, or with a
 * deliberate error, and the truth they imply. */
#ifndef GEN_STATS_H
#define GEN_STATS_H

#include "buf.h"
#include "rng.h"
#include "table.h"
#include "truth.h"

/* Append the 主动公开 tables of template version (2019 or 2021) rendered as
 * r; set their figures and template evidence in t. */
void gen_stats_proactive(gen_rng *rng, int version, gen_rendering r, gen_truth *t,
                         gen_buf *out);

/* Append the requests table (2019 or 2021 rows) rendered as r. */
void gen_stats_requests(gen_rng *rng, int version, gen_rendering r, gen_truth *t,
                        gen_buf *out);

/* Append the review and litigation table rendered as r. */
void gen_stats_review(gen_rng *rng, gen_rendering r, gen_truth *t, gen_buf *out);

#endif

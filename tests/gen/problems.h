/* problems.h - the body of a 存在的主要问题 section: two or three problem
 * statements built on cue phrases of the taxonomy, then the improvement
 * measures after a marker (下一步, 针对上述, （二）改进措施 ...), whose own
 * cue phrases must not count. */
#ifndef GEN_PROBLEMS_H
#define GEN_PROBLEMS_H

#include "buf.h"
#include "cues.h"
#include "rng.h"

/* Append the section body (lines ending in "\n"); returns the categories
 * its problem statements name (bit k: cues->cats[k]).  md: markdown list
 * items; self: how the body calls itself (我镇, 我局).  measures_lead: the
 * measures open with 针对以上, 下一步 or 下一年度, right after the last
 * statement or on the next line, and carry cue phrases of any category. */
unsigned gen_problems_write(const gen_cues *cues, gen_rng *r, int md, const char *self,
                            int measures_lead, gen_buf *out);

#endif

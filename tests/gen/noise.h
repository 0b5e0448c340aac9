/* noise.h - page noise as mirror sites add it (docs/NOISE.md), from the
 * vocabulary of corpus/data/noise.tsv: breadcrumbs, metadata blocks, page
 * chrome, attachment lines and gambling spam glued to headings. */
#ifndef GEN_NOISE_H
#define GEN_NOISE_H

#include <stddef.h>

#include "buf.h"
#include "rng.h"

typedef struct gen_noise gen_noise;

/* Read data_dir/noise.tsv.  Returns NULL with a message in err on failure. */
gen_noise *gen_noise_load(const char *data_dir, char *err, size_t errsz);

/* Release it; NULL-safe. */
void gen_noise_free(gen_noise *n);

/* Lines a web page puts above a report: a breadcrumb, a metadata block
 * (dates of the publishing year), a chrome line.  Each line ends in "\n". */
void gen_noise_header(const gen_noise *n, gen_rng *r, int pub_year, gen_buf *out);

/* Lines below a report: chrome, an attachment, "上一篇:". */
void gen_noise_footer(const gen_noise *n, gen_rng *r, gen_buf *out);

/* A run of spam terms strong enough to be cut ("澳门威尼斯人官网"). */
const char *gen_noise_spam(const gen_noise *n, gen_rng *r, gen_buf *out);

#endif

/* encode.h - how a generated report's bytes are written: GB18030 instead
 * of UTF-8, full-width digits (２０１９), a BOM, CRLF line ends. */
#ifndef GEN_ENCODE_H
#define GEN_ENCODE_H

#include "buf.h"

/* text (UTF-8) converted to GB18030 into out.  Returns 0, or -1 when ICU
 * cannot convert it. */
int gen_encode_gb18030(const char *text, gen_buf *out);

/* text with every ASCII digit written full-width, into out. */
void gen_encode_fullwidth_digits(const char *text, gen_buf *out);

/* text with "\n" written as "\r\n", into out. */
void gen_encode_crlf(const char *text, gen_buf *out);

/* Simplified to traditional characters: ICU's Simplified-Traditional,
 * kept only where corpus/data/t2s.tsv folds the result back to the same
 * character (so the folded text is the text written). */
typedef struct gen_trad gen_trad;

/* Read data_dir/t2s.tsv.  Returns NULL with a message in err on failure. */
gen_trad *gen_trad_load(const char *data_dir, char *err, size_t errsz);

/* Release it; NULL-safe. */
void gen_trad_free(gen_trad *t);

/* Append text with every character that has a traditional form in it. */
void gen_encode_traditional(const gen_trad *t, const char *text, gen_buf *out);

#endif

/* terms.cc - walking the terms of a database under a prefix
 * (gk_db_terms_each): a stub of shards, local or remote, lists the terms
 * of all of them, each once; and a term's postings
 * (gk_db_postings_append). */
#include "shim.h"

#include <cstdlib>
#include <string>

#include <xapian.h>

using namespace gk_shim;

extern "C" {

gk_status gk_db_terms_each(gk_db *db, const char *prefix, gk_db_term_fn fn,
                           void *ctx, char **errmsg)
{
    if (db == nullptr || prefix == nullptr || fn == nullptr)
        return fail(errmsg, GK_EINVAL, "no database, prefix or callback");
    try {
        for (auto it = db->db.allterms_begin(prefix); it != db->db.allterms_end(prefix);
             ++it) {
            const std::string term = *it;
            if (fn(ctx, term.c_str(), term.size()) != 0)
                break;
        }
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

gk_status gk_db_postings_append(gk_db *db, const char *term, size_t len, unsigned **buf,
                                size_t *n, size_t *cap, char **errmsg)
{
    if (db == nullptr || term == nullptr || len == 0 || buf == nullptr || n == nullptr ||
        cap == nullptr || (*buf == nullptr && *cap > 0))
        return fail(errmsg, GK_EINVAL, "no database, term or array");
    size_t was = *n;
    try {
        const std::string t(term, len);
        Xapian::PostingIterator end = db->db.postlist_end(t);
        for (Xapian::PostingIterator it = db->db.postlist_begin(t); it != end; ++it) {
            if (*n == *cap) {
                size_t grown = *cap ? *cap * 2 : 1024;
                void *p = std::realloc(*buf, grown * sizeof **buf);
                if (p == nullptr) {
                    *n = was;
                    return fail(errmsg, GK_ENOMEM, "out of memory");
                }
                *buf = static_cast<unsigned *>(p);
                *cap = grown;
            }
            (*buf)[(*n)++] = *it;
        }
        return GK_OK;
    } catch (...) {
        *n = was;
        return translate_exception(errmsg, &db->path);
    }
}

} /* extern "C" */

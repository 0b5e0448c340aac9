/* terms.cc - walking the terms of a database under a prefix
 * (gk_db_terms_each): a stub of shards, local or remote, lists the terms
 * of all of them, each once. */
#include "shim.h"

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

} /* extern "C" */

/* metadata.cc - the database's own key/value store (gk_db_*_metadata).
 *
 * Xapian keeps metadata beside the documents and commits it with them.
 */
#include "shim.h"

#include <cstring>
#include <string>

#include <xapian.h>

using namespace gk_shim;

extern "C" {

/* Store value under key (len 0: remove it).  GK_EINVAL on a reader or a
 * bad key. */
gk_status gk_db_set_metadata(gk_db *db, const char *key, const char *value,
                             size_t len, char **errmsg)
{
    if (db == nullptr || !term_ok(key, key ? std::strlen(key) : 0) ||
        (value == nullptr && len > 0))
        return fail(errmsg, GK_EINVAL, "no database, or a bad metadata key");
    if (db->mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, read_only_message);
    try {
        db->wdb.set_metadata(key, len > 0 ? std::string(value, len) : std::string());
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* The metadata under key, malloc'd ("" when absent). */
gk_status gk_db_get_metadata(gk_db *db, const char *key, char **value,
                             size_t *len, char **errmsg)
{
    if (value == nullptr)
        return fail(errmsg, GK_EINVAL, "no place for the value");
    *value = nullptr;
    if (len != nullptr)
        *len = 0;
    if (db == nullptr || !term_ok(key, key ? std::strlen(key) : 0))
        return fail(errmsg, GK_EINVAL, "no database, or a bad metadata key");
    try {
        std::string v = with_reopen(db, [db, key] { return db->db.get_metadata(key); });
        *value = copy_bytes(v);
        if (len != nullptr)
            *len = v.size();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Walk the metadata keys under prefix, handing each key and value to fn.
 * A reader whose revision is discarded meanwhile fails with GK_EDB (the
 * walk cannot be restarted without calling fn twice for some keys). */
gk_status gk_db_metadata_each(gk_db *db, const char *prefix,
                              gk_db_metadata_fn fn, void *ctx, char **errmsg)
{
    if (db == nullptr || prefix == nullptr || fn == nullptr)
        return fail(errmsg, GK_EINVAL, "no database, prefix or callback");
    try {
        for (auto it = db->db.metadata_keys_begin(prefix);
             it != db->db.metadata_keys_end(prefix); ++it) {
            const std::string key = *it;
            const std::string value = db->db.get_metadata(key);
            if (fn(ctx, key.c_str(), value.c_str(), value.size()) != 0)
                break;
        }
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

} /* extern "C" */

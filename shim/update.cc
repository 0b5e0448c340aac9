/* update.cc - changing a document already stored: read it back by a term
 * that names it alone, change a few terms or values, write it back in its
 * place (gongkai's link pass rewrites a report's continuity so). */
#include "shim.h"

#include <cstring>
#include <string>

#include <xapian.h>

using namespace gk_shim;

extern "C" {

/* The one document indexed by term, as a gk_doc whose packs are unpacked
 * again, so that gk_doc_set_value and gk_doc_set_facet change one value
 * and keep the others.  GK_ENOTFOUND when no document has term. */
gk_status gk_db_doc_get(gk_db *db, const char *term, gk_doc **out, char **errmsg)
{
    if (out != nullptr)
        *out = nullptr;
    if (db == nullptr || out == nullptr || term == nullptr ||
        !term_ok(term, std::strlen(term)))
        return fail(errmsg, GK_EINVAL, "no database, term or place for the document");
    gk_doc *doc = nullptr;
    try {
        doc = new gk_doc;
        bool found = with_reopen(db, [db, term, doc] {
            Xapian::PostingIterator it = db->db.postlist_begin(term);
            if (it == db->db.postlist_end(term))
                return false;
            doc->doc = db->db.get_document(*it);
            return true;
        });
        if (!found) {
            delete doc;
            return fail(errmsg, GK_ENOTFOUND, "no such document");
        }
        unpack_values(doc->doc.get_value(pack_slot),
                      [doc](unsigned slot, const char *p, size_t len) {
                          doc->packed[slot] = std::string(p, len);
                      });
        unpack_values(doc->doc.get_value(facet_pack_slot),
                      [doc](unsigned slot, const char *p, size_t len) {
                          doc->facets[slot] = std::string(p, len);
                          doc->wide.insert(slot);
                      });
        /* the wide ones are those the narrow pack leaves out */
        unpack_values(doc->doc.get_value(narrow_pack_slot),
                      [doc](unsigned slot, const char *, size_t) { doc->wide.erase(slot); });
        *out = doc;
        return GK_OK;
    } catch (...) {
        delete doc;
        return translate_exception(errmsg, &db->path);
    }
}

/* Put doc in the place of the document indexed by term (added if there is
 * none).  GK_EINVAL on a reader. */
gk_status gk_db_replace(gk_db *db, const char *term, const gk_doc *doc, char **errmsg)
{
    if (db == nullptr || doc == nullptr || term == nullptr ||
        !term_ok(term, std::strlen(term)))
        return fail(errmsg, GK_EINVAL, "no database, term or document");
    if (db->mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, read_only_message);
    try {
        db->wdb.replace_document(term, doc->doc);
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

} /* extern "C" */

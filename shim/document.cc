/* document.cc - building a document to add (gk_doc).
 *
 * Terms and postings go straight into the Xapian document.  Values are
 * kept in three ways (see shim/README.md): in a slot of their own what the
 * engine itself reads (gk_doc_set_key, gk_doc_set_number); in packs
 * (values.cc) what facet counting reads (gk_doc_set_facet and
 * gk_doc_set_wide_facet: all of them, and the narrow ones again alone) and
 * what only the hits of a page read (gk_doc_set_value).
 */
#include "shim.h"

#include <cmath>
#include <cstring>
#include <map>
#include <string>

#include <xapian.h>

using namespace gk_shim;

namespace {

/* Keep bytes for slot in one of a document's packs (len 0 clears the
 * slot), and store the pack in its engine slot. */
gk_status set_packed(gk_doc *doc, std::map<unsigned, std::string> &pack,
                     Xapian::valueno engine_slot, unsigned slot, const char *bytes,
                     size_t len)
{
    if (doc == nullptr || (bytes == nullptr && len > 0) || slot >= GK_DB_MAX_SLOT)
        return GK_EINVAL;
    try {
        if (len == 0)
            pack.erase(slot);
        else
            pack[slot] = std::string(bytes, len);
        if (pack.empty())
            doc->doc.remove_value(engine_slot);
        else
            doc->doc.add_value(engine_slot, pack_values(pack));
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Keep bytes for slot among the facet values, wide or not, and store both
 * facet packs. */
gk_status set_facet(gk_doc *doc, unsigned slot, const char *bytes, size_t len, bool wide)
{
    gk_status st = set_packed(doc, doc->facets, facet_pack_slot, slot, bytes, len);
    if (st != GK_OK)
        return st;
    try {
        if (wide && len > 0)
            doc->wide.insert(slot);
        else
            doc->wide.erase(slot);
        std::map<unsigned, std::string> narrow;
        for (const auto &e : doc->facets)
            if (doc->wide.count(e.first) == 0)
                narrow.insert(e);
        if (narrow.empty()) {
            if (!doc->doc.get_value(narrow_pack_slot).empty())
                doc->doc.remove_value(narrow_pack_slot); /* throws if unset */
        }
        else
            doc->doc.add_value(narrow_pack_slot, pack_values(narrow));
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

} // namespace

extern "C" {

/* A new empty document in *out; GK_ENOMEM (and *out NULL) on failure. */
gk_status gk_doc_new(gk_doc **out)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    try {
        *out = new gk_doc;
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Release doc.  A harmless no-op on NULL. */
void gk_doc_free(gk_doc *doc)
{
    delete doc;
}

/* Add one occurrence of term at pos.  GK_EINVAL for a bad term or pos 0. */
gk_status gk_doc_add_posting(gk_doc *doc, const char *term, size_t len,
                             unsigned pos)
{
    if (doc == nullptr || !term_ok(term, len) || pos == 0)
        return GK_EINVAL;
    try {
        doc->doc.add_posting(std::string(term, len), pos);
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Add wdf_inc occurrences of term without positions.  GK_EINVAL for a bad
 * term. */
gk_status gk_doc_add_term(gk_doc *doc, const char *term, size_t len,
                          unsigned wdf_inc)
{
    if (doc == nullptr || !term_ok(term, len))
        return GK_EINVAL;
    try {
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Add a boolean term (wdf 0).  GK_EINVAL for a bad term. */
gk_status gk_doc_add_boolean(gk_doc *doc, const char *term)
{
    if (doc == nullptr || term == nullptr || !term_ok(term, std::strlen(term)))
        return GK_EINVAL;
    try {
        doc->doc.add_boolean_term(term);
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Keep bytes for slot among the document's packed values.  GK_EINVAL if
 * bytes is NULL with len > 0 or slot is reserved. */
gk_status gk_doc_set_value(gk_doc *doc, unsigned slot, const char *bytes,
                           size_t len)
{
    return doc == nullptr ? GK_EINVAL
                          : set_packed(doc, doc->packed, pack_slot, slot, bytes, len);
}

/* The same among the values facets count. */
gk_status gk_doc_set_facet(gk_doc *doc, unsigned slot, const char *bytes,
                           size_t len)
{
    return doc == nullptr ? GK_EINVAL : set_facet(doc, slot, bytes, len, false);
}

/* The same for a value too long to be read with the others. */
gk_status gk_doc_set_wide_facet(gk_doc *doc, unsigned slot, const char *bytes,
                                size_t len)
{
    return doc == nullptr ? GK_EINVAL : set_facet(doc, slot, bytes, len, true);
}

/* Store bytes in slot as a value of its own (len 0 clears the slot). */
gk_status gk_doc_set_key(gk_doc *doc, unsigned slot, const char *bytes,
                         size_t len)
{
    if (doc == nullptr || (bytes == nullptr && len > 0) || slot >= GK_DB_MAX_SLOT)
        return GK_EINVAL;
    try {
        doc->doc.add_value(slot, len == 0 ? std::string() : std::string(bytes, len));
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Store value in slot, serialised so that byte order is numeric order.
 * GK_EINVAL for NaN and infinities (-inf would serialise to the empty
 * string, which means "unset"). */
gk_status gk_doc_set_number(gk_doc *doc, unsigned slot, double value)
{
    if (doc == nullptr || !std::isfinite(value) || slot >= GK_DB_MAX_SLOT)
        return GK_EINVAL;
    try {
        doc->doc.add_value(slot, Xapian::sortable_serialise(value));
        /* the mirror sorts ascending with unknowns last (shim.h); -0.0
         * would serialise like 0.0 */
        doc->doc.add_value(mirror_slot(slot), Xapian::sortable_serialise(value == 0 ? 0.0 : -value));
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Store the data blob.  GK_EINVAL if bytes is NULL with len > 0. */
gk_status gk_doc_set_data(gk_doc *doc, const char *bytes, size_t len)
{
    if (doc == nullptr || (bytes == nullptr && len > 0))
        return GK_EINVAL;
    try {
        doc->doc.set_data(len == 0 ? std::string() : std::string(bytes, len));
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

} /* extern "C" */

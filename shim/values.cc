/* values.cc - the value packs: many values of a document in one slot.
 *
 * Xapian stores each value slot of each document as an entry of its own, so
 * the values Xapian itself never reads (gk_doc_set_value's and
 * gk_doc_set_facet's) are packed together, slot, length and bytes per
 * value, in one engine slot per kind (pack_slot and facet_pack_slot in
 * shim.h).  unpack_values, the reader, is a template in shim.h.
 */
#include "shim.h"

#include <map>
#include <string>

namespace gk_shim {

/* The packed form of values: slot, length, bytes, each value in turn. */
std::string pack_values(const std::map<unsigned, std::string> &values)
{
    std::string out;
    for (const auto &e : values) {
        put_varint(out, e.first);
        put_varint(out, e.second.size());
        out += e.second;
    }
    return out;
}

} // namespace gk_shim

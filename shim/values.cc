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

namespace {

/* Append n to out, 7 bits a byte, low bits first. */
void put_varint(std::string &out, size_t n)
{
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

} // namespace

/* Read a varint at p (< end) into *n; false if it runs past end. */
bool get_varint(const char *&p, const char *end, size_t *n)
{
    size_t v = 0;
    for (unsigned shift = 0; p < end && shift < 64; shift += 7) {
        unsigned char c = static_cast<unsigned char>(*p++);
        v |= static_cast<size_t>(c & 0x7F) << shift;
        if ((c & 0x80) == 0) {
            *n = v;
            return true;
        }
    }
    return false;
}

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

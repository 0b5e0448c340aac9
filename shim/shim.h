/* shim.h - what the files of the shim share, and nothing outside it sees.
 *
 * The handles of gk_db.h that more than one file looks inside (gk_db,
 * gk_doc, gk_xquery), the one translation of C++ failures into a gk_status
 * and a message, the value packs, and a few small helpers.  C++ only; the
 * rest of gongkai knows only gk_db.h.  gk_results and gk_facets are defined
 * in search.cc and facets.cc, the only files that fill or read them.
 */
#ifndef GK_SHIM_H
#define GK_SHIM_H

#include "gk_db.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <set>
#include <new>
#include <string>
#include <vector>

#include <xapian.h>

/* Where each slot's values of a database turned out to be, learned as
 * hits are read (search.cc, wanted_values): 0 not known yet, 1 a slot of
 * its own (gk_doc_set_key, gk_doc_set_number), 2 pack_slot
 * (gk_doc_set_value), 3 facet_pack_slot (gk_doc_set_facet).  Atomic
 * only so that threads sharing a reader may learn at once. */
struct slot_homes {
    std::atomic<unsigned char> at[GK_DB_MAX_SLOT];
};

struct gk_db {
    gk_db_mode mode;
    Xapian::Database db;          /* what searches read; in write mode a
                                     handle on wdb itself */
    Xapian::WritableDatabase wdb; /* only used in GK_DB_WRITE mode */
    std::string path;             /* only to keep it out of messages */
    bool compaction_interrupted = false; /* a writer found what a killed
                                     gk_db_compact left (and removed it) */
    std::vector<Xapian::Database> parts{}; /* a reader's local databases, one
                                     by one, when db is nothing else (one
                                     database, or a stub of local shards):
                                     facets.cc reads each one's values in
                                     docid order; empty with a remote shard */
    std::shared_ptr<slot_homes> homes = std::make_shared<slot_homes>();
};

struct gk_doc {
    Xapian::Document doc;
    std::map<unsigned, std::string> packed; /* gk_doc_set_value's values */
    std::map<unsigned, std::string> facets; /* gk_doc_set_facet's and
                                               gk_doc_set_wide_facet's values */
    std::set<unsigned> wide;                 /* the slots of the latter */
};

/* A query as built, and (when it holds an unweighted term) how to build it
 * for a given database: see gk_xquery_unweighted. */
struct gk_xquery {
    Xapian::Query query;
    std::function<Xapian::Query(const Xapian::Database &)> resolve; /* or empty */
};

namespace gk_shim {

/* ---- failures (error.cc) ------------------------------------------------ */

/* Every extern "C" function of the shim catches everything, so that nothing
 * C++ crosses gk_db.h; those that return a gk_status hand what they catch
 * to translate_exception (gk_db_compact words its own file-system failures
 * first). */

/* Messages given by more than one file. */
extern const char not_found_message[];
extern const char read_only_message[];

/* Set *errmsg (if not NULL) to a malloc'd one-line copy of text and return
 * status. */
gk_status fail(char **errmsg, gk_status status, const char *text) noexcept;

/* Turn the exception being handled into a status and a message.  Call it
 * only from a catch block.  path (may be NULL) is kept out of messages. */
gk_status translate_exception(char **errmsg, const std::string *path) noexcept;

/* ---- reading while a writer commits ------------------------------------- */

const int max_read_attempts = 10; /* see with_reopen */

/* Run read() against db->db and return what it returns.  A writer that
 * committed twice meanwhile may have discarded the revision a reader was
 * reading (Xapian::DatabaseModifiedError): then the reader is moved to the
 * latest commit and read() run again, up to max_read_attempts times in
 * all.  Throws what read() throws, and DatabaseModifiedError when the last
 * attempt fails too.  read() must start afresh each time. */
template <typename Read>
auto with_reopen(gk_db *db, Read read) -> decltype(read())
{
    for (int attempt = 1;; attempt++) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt == max_read_attempts)
                throw;
            db->db.reopen();
            for (Xapian::Database &part : db->parts)
                part.reopen();
        }
    }
}

/* ---- value packs (values.cc) -------------------------------------------- */

/* The engine slot holding every gk_doc_set_value value of a document,
 * packed (see pack_values): Xapian stores each value slot of each
 * document as its own entry, and twenty display strings per document
 * cost five times the space of the text's postings. */
const Xapian::valueno pack_slot = GK_DB_MAX_SLOT;
/* The same for gk_doc_set_facet and gk_doc_set_wide_facet: kept apart so
 * that counting facets over every match reads only these bytes per
 * document.  A remote shard counts this pack (Xapian's ValueCountMatchSpy). */
const Xapian::valueno facet_pack_slot = GK_DB_MAX_SLOT + 1;
/* gk_doc_set_facet's values alone, packed again: what a local count reads
 * when no facet asked for is wide, a few dozen bytes a document where the
 * whole pack (with the figure totals) is hundreds. */
const Xapian::valueno narrow_pack_slot = GK_DB_MAX_SLOT + 2;

/* Where gk_doc_set_number keeps the number of slot negated, so that
 * sorting by value (no KeyMaker, which remote databases refuse) can put
 * documents without a number last in ascending order too: sorted
 * descending, the mirror is the number ascending, and an unset mirror
 * (empty, the smallest value) comes last. */
const Xapian::valueno mirror_base = 2 * GK_DB_MAX_SLOT;
inline Xapian::valueno mirror_slot(Xapian::valueno slot)
{
    return mirror_base + slot;
}
inline bool is_mirror_slot(Xapian::valueno slot)
{
    return slot >= mirror_base && slot < mirror_base + GK_DB_MAX_SLOT;
}

/* The packed form of values: slot, length, bytes, each value in turn. */
std::string pack_values(const std::map<unsigned, std::string> &values);

/* Append n to out, 7 bits a byte, low bits first. */
inline void put_varint(std::string &out, size_t n)
{
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

/* Read a varint at p (< end) into *n; false if it runs past end.  Inline:
 * facets unpack every match's pack with it. */
inline bool get_varint(const char *&p, const char *end, size_t *n)
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

/* Call fn(slot, bytes, len) for every value of a packed string; stops at
 * the first malformed entry. */
template <typename Fn>
void unpack_values(const std::string &packed, Fn fn)
{
    const char *p = packed.data(), *end = p + packed.size();
    while (p < end) {
        size_t slot, len;
        if (!get_varint(p, end, &slot) || !get_varint(p, end, &len) ||
            len > static_cast<size_t>(end - p))
            return;
        fn(static_cast<unsigned>(slot), p, len);
        p += len;
    }
}

/* ---- queries (query.cc) ------------------------------------------------ */

/* The query q stands for, built for db.  Throws. */
Xapian::Query resolve_query(const gk_xquery &q, const Xapian::Database &db);

/* ---- compaction (compact.cc) ------------------------------------------- */

/* Remove what a compaction killed half-way left beside the database at
 * base; true if there was any.  Only with the writer lock held.  Best
 * effort: never fails. */
bool remove_compact_leftovers(const std::string &base);

/* ---- integrity (integrity.cc) ------------------------------------------ */

/* Before Xapian opens path: GK_OK, with *is_database false when nothing
 * is there yet (a writer creates it), or a refusal with its message:
 * GK_EINVAL (a file, or for a writer a folder of other files: not a
 * database), GK_ECORRUPT (a table missing), GK_EIO (the writer may not
 * write to it: read-only file system, permission denied), GK_ENOTFOUND
 * (a reader, and no database there). */
gk_status check_before_open(const std::string &path, gk_db_mode mode,
                            bool *is_database, char **errmsg) noexcept;

/* True if the file at path reads as a Xapian stub (its first line names a
 * backend: "auto PATH", "remote HOST:PORT", ...). */
bool stub_file_is_stub(const std::string &path);

/* ---- stubs of shards (stub.cc) ----------------------------------------- */

/* s without the blanks around it (a stub's line). */
std::string stub_trim(const std::string &s);

/* The stub file of path: path itself, or path/XAPIANDB; "" when path is
 * not a stub (one database, or nothing). */
std::string stub_file(const std::string &path);

/* The next line of a stub that names a shard, read from in: its kind
 * ("auto", "remote", ...) and where it is; blank lines and comments are
 * passed over.  false at the end. */
bool stub_next_line(std::istream &in, std::string *kind, std::string *where);

/* True if path is one glass database folder (not a stub). */
bool is_glass_folder(const std::string &path);

/* A stub line's local database path: relative to the stub's folder dir
 * (ending in '/'). */
std::string local_path(const std::string &dir, const std::string &where);

/* Open the stub at path (a stub file, or a folder holding XAPIANDB) into
 * db->db shard by shard, as Xapian would, each shard also kept in
 * db->parts, when every line names a local database folder ("auto" or
 * "glass"); false, with db untouched, for anything else (a remote shard,
 * a stub naming a stub), which Xapian then opens whole.  Throws. */
bool open_local_stub(const std::string &path, gk_db *db);

/* With the writer's lock held and nothing written yet: GK_OK if the
 * tables are as the last commit left them (the stamp) or read through
 * whole and found sound, else GK_ECORRUPT. */
gk_status check_whole(const std::string &path, char **errmsg) noexcept;

/* After a commit: record the tables as they are, for check_whole.  Best
 * effort: never fails. */
void write_stamp(const std::string &path) noexcept;

/* ---- small helpers ------------------------------------------------------ */

/* The database's own name: "db/" names db, not a place in it. */
inline std::string base_of(const std::string &path)
{
    std::string base = path;
    while (base.size() > 1 && base.back() == '/')
        base.pop_back();
    return base;
}

/* True if term[0..len) may be indexed: 1 to GK_DB_MAX_TERM bytes (Xapian
 * would refuse longer ones only when the document is added). */
inline bool term_ok(const char *term, size_t len)
{
    return term != nullptr && len >= 1 && len <= GK_DB_MAX_TERM;
}

/* malloc that throws std::bad_alloc, for use inside try blocks. */
inline void *xmalloc(size_t size)
{
    void *p = std::malloc(size == 0 ? 1 : size);
    if (p == nullptr)
        throw std::bad_alloc();
    return p;
}

/* A malloc'd NUL-terminated copy of s.  Throws std::bad_alloc. */
inline char *copy_bytes(const std::string &s)
{
    char *p = static_cast<char *>(xmalloc(s.size() + 1));
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

} // namespace gk_shim

#endif

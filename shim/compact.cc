/* compact.cc - gk_db_compact: the database rewritten smaller, in place.
 *
 * The copy is made beside the database (PATH.compacting-PID) with the
 * writer's lock held, then swapped with it in one step (renameat2 with
 * RENAME_EXCHANGE; two renames through PATH.replaced-PID where the file
 * system cannot), and the writer reopened there.  What a killed run leaves
 * behind, the next writer removes (remove_compact_leftovers, called by
 * gk_db_open).
 */
#include "shim.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include <xapian.h>

using namespace gk_shim;

namespace {

/* The names gk_db_compact gives its copy and the database it replaces,
 * beside the database: BASE.compacting-PID and BASE.replaced-PID. */
const char *const compact_leftovers[] = {".compacting-", ".replaced-"};

std::string compact_name(const std::string &base, size_t which)
{
    return base + compact_leftovers[which] +
           std::to_string(static_cast<long>(getpid()));
}

} // namespace

namespace gk_shim {

/* Remove what a compaction killed half-way left beside the database at
 * base.  Only called with the writer lock held: no other compaction can
 * be under way.  Best effort: a leftover that will not go is no failure. */
bool remove_compact_leftovers(const std::string &base)
{
    bool found = false;
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path b(base);
    fs::path dir = b.has_parent_path() ? b.parent_path() : fs::path(".");
    std::string name = b.filename().string();
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string entry = it->path().filename().string();
        for (const char *mark : compact_leftovers) {
            std::string prefix = name + mark;
            if (entry.size() > prefix.size() && entry.compare(0, prefix.size(), prefix) == 0 &&
                entry.find_first_not_of("0123456789", prefix.size()) == std::string::npos) {
                std::error_code ignored;
                fs::remove_all(it->path(), ignored);
                found = true;
            }
        }
    }
    return found;
}

} // namespace gk_shim

extern "C" {

/* 1 if db, a writer, found (and removed) what a killed compaction left. */
int gk_db_compaction_interrupted(const gk_db *db)
{
    return db != nullptr && db->compaction_interrupted;
}

/* Commit, compact into a sibling directory, and put the compacted copy
 * in place of the database; the writer is then reopened on it.  GK_EINVAL
 * on a reader.  On failure before the swap the database is untouched. */
gk_status gk_db_compact(gk_db *db, char **errmsg)
{
    if (db == nullptr)
        return fail(errmsg, GK_EINVAL, "no database");
    if (db->mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, read_only_message);
    std::string tmp, old;
    try {
        namespace fs = std::filesystem;
        std::string base = base_of(db->path);
        tmp = compact_name(base, 0);
        old = compact_name(base, 1);
        fs::remove_all(tmp);
        fs::remove_all(old);
        db->wdb.commit();
        db->wdb.compact(tmp, Xapian::DBCOMPACT_NO_RENUMBER);
        /* still holding the lock: no other writer can have changed it.
         * Swap the two in one step where the file system can, so that
         * there is never a moment without a database at base (another
         * writer would create an empty one there); else two renames. */
        if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, base.c_str(), RENAME_EXCHANGE) == 0) {
            old = tmp; /* the replaced database now lies there */
        } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
            fs::rename(base, old);
            try {
                fs::rename(tmp, base);
            } catch (...) {
                fs::rename(old, base);
                throw;
            }
        } else {
            throw fs::filesystem_error("rename", tmp, base,
                                       std::error_code(errno, std::generic_category()));
        }
        db->wdb.close();
        std::error_code ignored; /* a leftover copy is no failure */
        fs::remove_all(old, ignored);
        db->wdb = Xapian::WritableDatabase(
            db->path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        db->db = db->wdb;
        write_stamp(db->path);
        return GK_OK;
    } catch (const std::filesystem::filesystem_error &e) {
        std::error_code ignored;
        if (!tmp.empty())
            std::filesystem::remove_all(tmp, ignored);
        std::string msg = std::string("cannot compact the database: ") +
                          e.code().message();
        return fail(errmsg, GK_EIO, msg.c_str());
    } catch (...) {
        std::error_code ignored;
        if (!tmp.empty())
            std::filesystem::remove_all(tmp, ignored);
        return translate_exception(errmsg, &db->path);
    }
}

} /* extern "C" */

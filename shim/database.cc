/* database.cc - opening, closing and writing a database (gk_db).
 *
 * A gk_db is one Xapian database, read-only or the single writer (Xapian's
 * lock keeps out a second one).  Readers retry what a writer's commits
 * pulled from under them (with_reopen in shim.h); everything else fails
 * through translate_exception (error.cc).  Metadata is in metadata.cc,
 * compaction in compact.cc.
 */
#include "shim.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include <xapian.h>

#define GK_STRINGIFY_(x) #x
#define GK_STRINGIFY(x) GK_STRINGIFY_(x)

using namespace gk_shim;

namespace {

const char bad_term_message[] =
    "term is empty or longer than " GK_STRINGIFY(GK_DB_MAX_TERM) " bytes";

} // namespace

extern "C" {

/* Open path for reading or writing.  On failure *out is NULL and the status
 * is GK_ENOTFOUND, GK_ELOCKED, GK_ECORRUPT, GK_EIO, GK_EDB or GK_EINVAL. */
gk_status gk_db_open(gk_db **out, const char *path, gk_db_mode mode,
                     char **errmsg)
{
    if (out == nullptr)
        return fail(errmsg, GK_EINVAL, "no place for the database handle");
    *out = nullptr;
    if (path == nullptr || path[0] == '\0')
        return fail(errmsg, GK_EINVAL, "empty database path");
    if (mode != GK_DB_READ && mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, "unknown database mode");
    std::string path_copy;
    try {
        path_copy = path;
        bool is_database = false;
        gk_status st = check_before_open(path_copy, mode, &is_database, errmsg);
        if (st != GK_OK)
            return st;
        std::unique_ptr<gk_db> db(new gk_db{mode, {}, {}, path_copy});
        if (mode == GK_DB_WRITE) {
            db->wdb = Xapian::WritableDatabase(
                path_copy, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
            db->db = db->wdb;
            /* the lock is held and nothing written: a damaged database
             * is let go as it is (nothing to commit) */
            if (is_database && (st = check_whole(path_copy, errmsg)) != GK_OK)
                return st;
            write_stamp(path_copy);
            db->compaction_interrupted = remove_compact_leftovers(base_of(path_copy));
        } else {
            /* opening reads several tables at the revision the writer
             * committed last: a commit in between can discard it */
            for (int attempt = 1;; attempt++) {
                try {
                    db->parts.clear();
                    db->db = Xapian::Database();
                    if (is_database) {
                        db->db = Xapian::Database(path_copy);
                        db->parts.push_back(db->db);
                    } else if (!open_local_stub(path_copy, db.get())) {
                        db->db = Xapian::Database(path_copy);
                    }
                    break;
                } catch (const Xapian::DatabaseModifiedError &) {
                    if (attempt == max_read_attempts)
                        throw;
                }
            }
        }
        *out = db.release();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &path_copy);
    }
}

/* Close db; a writer commits first and any error doing so is lost.
 * A harmless no-op on NULL. */
void gk_db_close(gk_db *db)
{
    if (db == nullptr)
        return;
    try {
        if (db->mode == GK_DB_WRITE) {
            db->wdb.close();
            write_stamp(db->path);
        }
    } catch (...) {
        /* Documented: call gk_db_commit first to see errors. */
    }
    delete db;
}

/* Commit pending changes.  GK_EINVAL on a reader. */
gk_status gk_db_commit(gk_db *db, char **errmsg)
{
    if (db == nullptr)
        return fail(errmsg, GK_EINVAL, "no database");
    if (db->mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, read_only_message);
    try {
        db->wdb.commit();
        write_stamp(db->path);
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Number of documents (a writer counts uncommitted ones too). */
gk_status gk_db_doc_count(gk_db *db, unsigned long *out, char **errmsg)
{
    if (db == nullptr || out == nullptr)
        return fail(errmsg, GK_EINVAL, "no database or no place for the count");
    try {
        *out = with_reopen(db, [db] { return db->db.get_doccount(); });
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Number of documents indexed by term.  GK_EINVAL for an empty or too long
 * term. */
gk_status gk_db_term_freq(gk_db *db, const char *term, unsigned long *out,
                          char **errmsg)
{
    if (db == nullptr || out == nullptr)
        return fail(errmsg, GK_EINVAL, "no database or no place for the count");
    if (term == nullptr || !term_ok(term, std::strlen(term)))
        return fail(errmsg, GK_EINVAL, bad_term_message);
    try {
        *out = with_reopen(db, [db, term] { return db->db.get_termfreq(term); });
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Delete every document indexed by term.  GK_EINVAL on a reader or for an
 * empty or too long term. */
gk_status gk_db_delete_term(gk_db *db, const char *term, char **errmsg)
{
    if (db == nullptr)
        return fail(errmsg, GK_EINVAL, "no database");
    if (db->mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, read_only_message);
    if (term == nullptr || !term_ok(term, std::strlen(term)))
        return fail(errmsg, GK_EINVAL, bad_term_message);
    try {
        db->wdb.delete_document(term);
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Add a copy of doc.  GK_EINVAL on a reader. */
gk_status gk_db_add(gk_db *db, const gk_doc *doc, char **errmsg)
{
    if (db == nullptr || doc == nullptr)
        return fail(errmsg, GK_EINVAL, "no database or no document");
    if (db->mode != GK_DB_WRITE)
        return fail(errmsg, GK_EINVAL, read_only_message);
    try {
        db->wdb.add_document(doc->doc);
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Move a reader to the latest commit (harmless on a writer). */
gk_status gk_db_reopen(gk_db *db, char **errmsg)
{
    if (db == nullptr)
        return fail(errmsg, GK_EINVAL, "no database");
    try {
        db->db.reopen();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

} /* extern "C" */

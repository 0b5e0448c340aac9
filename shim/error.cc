/* error.cc - every C++ failure of the shim as a gk_status and a message.
 *
 * Each extern "C" function of the shim catches everything and hands it to
 * translate_exception, the one place that knows which Xapian exception (or
 * std::bad_alloc, or anything else) becomes which gk_status, and that
 * writes the message: one line, malloc'd, with the database path taken out.
 * Nothing here prints.
 */
#include "shim.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include <xapian.h>

namespace gk_shim {

const char not_found_message[] = "no database here";
const char read_only_message[] = "database is open for reading only";

namespace {

const size_t max_message = 300; /* bytes, before the NUL */

const char locked_message[] =
    "database is locked by another gongkai-index (or another program "
    "writing to it)";
const char oom_message[] = "out of memory";
const char modified_message[] =
    "the database kept changing while being read; try again";
const char undescribed_message[] =
    "database error (out of memory while describing it)";

/* Hand *errmsg a malloc'd one-line copy of text[0..len): control characters
 * become spaces and a long text is cut on a UTF-8 character boundary and
 * ends in "...".  Does nothing if errmsg is NULL; *errmsg is NULL when
 * malloc fails. */
void set_message(char **errmsg, const char *text, size_t len) noexcept
{
    if (errmsg == nullptr)
        return;
    bool cut = len > max_message;
    if (cut) {
        len = max_message - 3;
        /* Back up over continuation bytes (10xxxxxx) so that no UTF-8
         * sequence is split. */
        while (len > 0 && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80)
            len--;
    }
    char *msg = static_cast<char *>(std::malloc(len + (cut ? 3 : 0) + 1));
    *errmsg = msg;
    if (msg == nullptr)
        return;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        msg[i] = (c < 0x20 || c == 0x7F) ? ' ' : text[i];
    }
    if (cut) {
        std::memcpy(msg + len, "...", 3);
        len += 3;
    }
    msg[len] = '\0';
}

/* Replace every occurrence of from in s with to. */
void replace_all(std::string &s, const std::string &from, const char *to)
{
    size_t to_len = std::strlen(to);
    for (size_t at = s.find(from); at != std::string::npos;
         at = s.find(from, at + to_len))
        s.replace(at, from.size(), to);
}

/* Set *errmsg to Xapian's description of e, with the database path taken
 * out (the caller prints it in front), and return status. */
gk_status fail_xapian(char **errmsg, gk_status status, const Xapian::Error &e,
                      const std::string *path, const char *prefix = "") noexcept
{
    if (errmsg == nullptr)
        return status;
    try {
        std::string text = prefix + e.get_description();
        if (path != nullptr && !path->empty()) {
            /* "PATH: mkdir failed", "PATH/iamglass", "PATH:1: Bad line"
             * (a stub file), "'PATH'" */
            replace_all(text, *path + ": ", "");
            replace_all(text, *path + "/", "");
            replace_all(text, *path + ":", "line ");
            replace_all(text, *path, "the database");
        }
        set_message(errmsg, text.data(), text.size());
    } catch (...) {
        set_message(errmsg, undescribed_message, std::strlen(undescribed_message));
    }
    return status;
}

} // namespace

/* Set *errmsg to text and return status. */
gk_status fail(char **errmsg, gk_status status, const char *text) noexcept
{
    set_message(errmsg, text, std::strlen(text));
    return status;
}

/* Turn the exception being handled into a status and a message.  Call it
 * only from a catch block.  path (may be NULL) is kept out of messages. */
gk_status translate_exception(char **errmsg, const std::string *path) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        /* only a lock held by another writer is "locked": a lock file
         * that cannot be made (permission denied, read-only file system,
         * too many open files) is said as it is */
        if (e.get_msg().find("already locked") != std::string::npos)
            return fail(errmsg, GK_ELOCKED, locked_message);
        return fail_xapian(errmsg, GK_EIO, e, path);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fail_xapian(errmsg, GK_ECORRUPT, e, path, "database is damaged: ");
    } catch (const Xapian::DatabaseNotFoundError &) {
        return fail(errmsg, GK_ENOTFOUND, not_found_message);
    } catch (const Xapian::DatabaseModifiedError &) {
        /* with_reopen gave up */
        return fail(errmsg, GK_EDB, modified_message);
    } catch (const Xapian::NetworkError &e) {
        /* a remote shard down, unreachable or too slow: name it (Xapian's
         * context is "remote:tcp(HOST:PORT)" or "remote:prog(...)") */
        try {
            std::string msg = "shard " + (e.get_context().empty() ? std::string("(remote)")
                                                                  : e.get_context()) +
                              " is down or unreachable: " + e.get_msg();
            if (e.get_error_string() != nullptr)
                msg += std::string(" (") + e.get_error_string() + ")";
            return fail(errmsg, GK_EIO, msg.c_str());
        } catch (...) {
            return fail_xapian(errmsg, GK_EIO, e, path);
        }
    } catch (const Xapian::InvalidArgumentError &e) {
        return fail_xapian(errmsg, GK_EINVAL, e, path);
    } catch (const Xapian::DatabaseError &e) {
        /* Xapian attaches errno when a system call failed (mkdir, read,
         * write, disk full): that is an I/O failure, not a database one. */
        gk_status status = e.get_error_string() != nullptr ? GK_EIO : GK_EDB;
        return fail_xapian(errmsg, status, e, path);
    } catch (const Xapian::Error &e) {
        return fail_xapian(errmsg, GK_EDB, e, path);
    } catch (const std::bad_alloc &) {
        return fail(errmsg, GK_ENOMEM, oom_message);
    } catch (const std::exception &e) {
        return fail(errmsg, GK_EINTERNAL, e.what());
    } catch (...) {
        return fail(errmsg, GK_EINTERNAL, "unexpected failure in the search engine");
    }
}

} // namespace gk_shim

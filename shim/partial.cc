/* partial.cc - a stub of shards opened shard by shard, the remote ones that
 * are down left out (gk_db_open_partial; gongkai-query --partial).
 *
 * Xapian opens a stub whole or not at all: one remote shard that does not
 * answer fails the search.  Here each line of the stub is opened on its
 * own, as Xapian would open it (relative paths from the stub's folder,
 * Xapian's default timeouts), and the shards that answer are searched
 * together; a remote shard that cannot be reached (Xapian::NetworkError)
 * is named to the caller and left out.  A local shard that fails is no
 * "shard down": it fails the whole, as with gk_db_open. */
#include "shim.h"

#include <fstream>
#include <memory>

using namespace gk_shim;

namespace {

/* One remote line's database: "HOST:PORT", or ":PROGRAM ARGS" (run with
 * ARGS, as xapian-progsrv over ssh is). */
Xapian::Database open_remote(const std::string &where, std::string *name)
{
    if (!where.empty() && where[0] == ':') {
        std::string rest = stub_trim(where.substr(1));
        size_t sp = rest.find_first_of(" \t");
        std::string prog = rest.substr(0, sp);
        std::string args = sp == std::string::npos ? "" : stub_trim(rest.substr(sp));
        *name = "remote:prog(" + prog + (args.empty() ? "" : " " + args) + ")";
        return Xapian::Remote::open(prog, args);
    }
    size_t colon = where.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == where.size())
        throw Xapian::InvalidArgumentError("remote shard '" + where +
                                           "' is not HOST:PORT or :PROGRAM ARGS");
    std::string host = where.substr(0, colon);
    unsigned port = 0;
    for (size_t i = colon + 1; i < where.size(); i++) {
        if (where[i] < '0' || where[i] > '9' || port > 65535)
            throw Xapian::InvalidArgumentError("remote shard '" + where +
                                               "': bad port");
        port = port * 10 + static_cast<unsigned>(where[i] - '0');
    }
    *name = "remote:tcp(" + where + ")";
    return Xapian::Remote::open(host, port);
}

} // namespace


extern "C" gk_status gk_db_open_partial(gk_db **out, const char *path,
                                        gk_db_down_fn down, void *ctx,
                                        size_t *ndown, char **errmsg)
{
    *out = nullptr;
    *ndown = 0;
    std::string path_copy;
    try {
        path_copy = path;
        std::string stub = stub_file(path_copy);
        if (stub.empty())
            return gk_db_open(out, path, GK_DB_READ, errmsg);
        /* the local shards are checked as gk_db_open checks them */
        bool is_database = false;
        gk_status st = check_before_open(path_copy, GK_DB_READ, &is_database, errmsg);
        if (st != GK_OK)
            return st;
        std::string dir = stub.substr(0, stub.find_last_of('/') + 1);
        std::unique_ptr<gk_db> db(new gk_db{GK_DB_READ, {}, {}, path_copy});
        std::ifstream in(stub);
        std::string kind, where;
        size_t shards = 0;
        bool local = true; /* every shard a local database folder */
        while (stub_next_line(in, &kind, &where)) {
            shards++;
            if (kind == "remote") {
                local = false;
                std::string name;
                try {
                    db->db.add_database(open_remote(where, &name));
                } catch (const Xapian::NetworkError &e) {
                    ++*ndown;
                    if (down != nullptr) {
                        std::string why = e.get_msg();
                        if (e.get_error_string() != nullptr)
                            why += std::string(" (") + e.get_error_string() + ")";
                        down(ctx, name.empty() ? where.c_str() : name.c_str(), why.c_str());
                    }
                }
            } else if (kind == "auto" || kind == "glass") {
                std::string shard = local_path(dir, where);
                db->parts.push_back(Xapian::Database(shard));
                db->db.add_database(db->parts.back());
                local = local && is_glass_folder(shard);
            } else {
                /* what Xapian would open but gongkai does not build: the
                 * whole stub, by Xapian */
                return gk_db_open(out, path, GK_DB_READ, errmsg);
            }
        }
        if (shards > 0 && *ndown == shards)
            return fail(errmsg, GK_EIO, "every shard of the stub is down or unreachable");
        if (!local)
            db->parts.clear();
        *out = db.release();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &path_copy);
    }
}

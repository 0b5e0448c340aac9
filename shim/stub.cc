/* stub.cc - reading a stub of shards line by line (the shards it names,
 * where they are), and opening one whose shards are all local database
 * folders shard by shard, so that each can also be read on its own
 * (facets.cc reads each one's values in docid order). */
#include "shim.h"

#include <fstream>
#include <sys/stat.h>

namespace gk_shim {

/* s without the blanks around it. */
std::string stub_trim(const std::string &s)
{
    size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
        return "";
    size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

/* The stub file of path: path itself, or path/XAPIANDB; "" when path is
 * not a stub (one database, or nothing). */
std::string stub_file(const std::string &path)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
        return "";
    std::string file = S_ISDIR(st.st_mode) ? path + "/XAPIANDB" : path;
    if (stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || !stub_file_is_stub(file))
        return "";
    return file;
}

bool stub_next_line(std::istream &in, std::string *kind, std::string *where)
{
    std::string line;
    while (std::getline(in, line)) {
        line = stub_trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        size_t sp = line.find_first_of(" \t");
        *kind = line.substr(0, sp);
        *where = sp == std::string::npos ? "" : stub_trim(line.substr(sp));
        return true;
    }
    return false;
}

/* True if path is one glass database folder (not a stub). */
bool is_glass_folder(const std::string &path)
{
    struct stat st;
    return stat((path + "/iamglass").c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

/* A local line's database path: relative to the stub's folder dir. */
std::string local_path(const std::string &dir, const std::string &where)
{
    return !where.empty() && where[0] != '/' ? dir + where : where;
}

bool open_local_stub(const std::string &path, gk_db *db)
{
    std::string stub = stub_file(path);
    if (stub.empty())
        return false;
    std::string dir = stub.substr(0, stub.find_last_of('/') + 1);
    std::ifstream in(stub);
    std::string kind, where;
    std::vector<std::string> shards;
    while (stub_next_line(in, &kind, &where)) {
        std::string shard = local_path(dir, where);
        if ((kind != "auto" && kind != "glass") || where.empty() || !is_glass_folder(shard))
            return false;
        shards.push_back(shard);
    }
    if (shards.empty())
        return false;
    Xapian::Database all;
    std::vector<Xapian::Database> parts;
    for (const std::string &shard : shards) {
        parts.push_back(Xapian::Database(shard));
        all.add_database(parts.back());
    }
    db->db = all;
    db->parts = parts;
    return true;
}

} // namespace gk_shim

/* integrity.cc - is the path a database, and is the database whole?
 *
 * Xapian, asked to write into a damaged database, may crash or loop (it
 * trusts its own blocks), and, asked to open one whose postlist.glass is
 * gone, silently makes a new empty one in its place.  So before a
 * database is opened (check_before_open): a file or a folder of other
 * files is not a database; a database missing one of its tables is
 * damaged; a database the writer cannot write to is said to be read-only.
 * And once the writer holds the lock (check_whole): the tables are read
 * through (Xapian::Database::check) unless they are exactly as the last
 * commit left them.  That is what the stamp records: the size, time and
 * inode of every table after each commit, in STAMP_NAME inside the
 * database (write_stamp).  A database changed by anything but a commit of
 * gongkai - bytes written into it, a run killed between Xapian's own
 * flush and gongkai's commit, an older gongkai - is checked once.
 */
#include "shim.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <xapian.h>

using namespace gk_shim;

#if defined(__SANITIZE_ADDRESS__)
/* Two faults of libxapian 1.4 itself, not of gongkai, that would fail
 * every sanitized run: Database::check deletes a table object through a
 * base of another size, and a compaction that fails (out of space) leaks
 * the tables it was writing.  Leaks allocated by gongkai's own code are
 * still reported (their stacks start in gongkai). */
extern "C" const char *__asan_default_options(void);
extern "C" const char *__asan_default_options(void)
{
    return "new_delete_type_mismatch=0";
}
extern "C" const char *__lsan_default_suppressions(void);
extern "C" const char *__lsan_default_suppressions(void)
{
    return "leak:libxapian.so\n";
}
#endif

namespace {

const char stamp_name[] = "gongkai-tables";
const char stamp_header[] = "gongkai-tables 1";
const char version_file[] = "iamglass";

/* The tables every glass database has from its creation on (the others,
 * docdata, position, spelling, synonym, come with their first entry). */
const char *const required_tables[] = {"postlist.glass", "termlist.glass"};

struct file_id {
    long long size = 0, sec = 0, nsec = 0;
    unsigned long long ino = 0;
    bool operator==(const file_id &o) const
    {
        return size == o.size && sec == o.sec && nsec == o.nsec && ino == o.ino;
    }
};

typedef std::map<std::string, file_id> table_ids;

bool is_table(const std::string &name)
{
    const std::string suffix = ".glass";
    return name == version_file ||
           (name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0);
}

/* The names in dir (without . and ..); false if it cannot be read. */
bool list_names(const std::string &dir, std::vector<std::string> *names)
{
    DIR *d = opendir(dir.c_str());
    if (d == nullptr)
        return false;
    for (struct dirent *e; (e = readdir(d)) != nullptr;)
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
            names->push_back(e->d_name);
    closedir(d);
    return true;
}

/* The tables in dir as they are now. */
table_ids current_tables(const std::string &dir)
{
    table_ids ids;
    std::vector<std::string> names;
    list_names(dir, &names);
    for (const std::string &name : names) {
        struct stat st;
        if (!is_table(name) || stat((dir + "/" + name).c_str(), &st) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        file_id id;
        id.size = static_cast<long long>(st.st_size);
        id.sec = static_cast<long long>(st.st_mtim.tv_sec);
        id.nsec = static_cast<long long>(st.st_mtim.tv_nsec);
        id.ino = static_cast<unsigned long long>(st.st_ino);
        ids[name] = id;
    }
    return ids;
}

/* The tables as the stamp recorded them; false when there is no stamp
 * (or it does not read, which is the same: check). */
bool read_stamp(const std::string &dir, table_ids *ids)
{
    std::ifstream in(dir + "/" + stamp_name);
    std::string line;
    if (!in || !std::getline(in, line) || line != stamp_header)
        return false;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string name;
        file_id id;
        if (!(fields >> name >> id.size >> id.sec >> id.nsec >> id.ino) ||
            !is_table(name))
            return false;
        (*ids)[name] = id;
    }
    return true;
}

bool exists(const std::string &path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0;
}

/* True if the file at path reads as a Xapian stub database (a line
 * "auto PATH", "glass PATH", ... naming the real one), which a reader may
 * open; gongkai never makes one, and any other file is no database. */
bool is_stub(const std::string &path)
{
    static const char *const kinds[] = {"auto", "glass", "chert", "remote", "inmemory"};
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::string word = line.substr(0, line.find_first_of(" \t"));
        for (const char *kind : kinds)
            if (word == kind)
                return true;
        return false;
    }
    return false;
}

/* A message saying the database is damaged, what was found, and (to a
 * writer) that it was left as it was. */
gk_status damaged(char **errmsg, const std::string &what, gk_db_mode mode)
{
    std::string msg = "database is damaged (" + what + "); " +
                      (mode == GK_DB_WRITE ? "nothing was written to it: " : "") +
                      "restore it from a backup, or index into a new database";
    return fail(errmsg, GK_ECORRUPT, msg.c_str());
}

/* GK_EIO with "read-only file system" or "permission denied" if the
 * writer cannot write to path; GK_OK otherwise. */
gk_status writable(const std::string &path, char **errmsg)
{
    if (access(path.c_str(), W_OK) == 0)
        return GK_OK;
    if (errno == EROFS)
        return fail(errmsg, GK_EIO,
                    "the database is on a read-only file system: it can be "
                    "searched but not written to");
    if (errno == EACCES || errno == EPERM)
        return fail(errmsg, GK_EIO,
                    "permission denied: this user may not write to the "
                    "database (it can still be searched)");
    return GK_OK; /* let the database say what else is wrong */
}

/* What Xapian said in e, with dir taken out of it. */
std::string what_of(const Xapian::Error &e, const std::string &dir)
{
    std::string what = e.get_msg();
    for (size_t at; (at = what.find(dir + "/")) != std::string::npos;)
        what.erase(at, dir.size() + 1);
    return what.empty() ? std::string(e.get_type()) : what;
}

/* Read every table of dir through (Xapian::Database::check); "" if it is
 * sound, else what is wrong, naming the table where one alone fails its
 * check.  Throws only std::bad_alloc. */
std::string check_tables(const std::string &dir)
{
    try {
        size_t errors = Xapian::Database::check(dir, 0, nullptr);
        return errors == 0 ? std::string() : "its tables do not agree";
    } catch (const Xapian::Error &e) {
        for (const auto &t : current_tables(dir)) {
            if (t.first == version_file)
                continue;
            try {
                Xapian::Database::check(dir + "/" + t.first, 0, nullptr);
            } catch (const Xapian::Error &te) {
                return t.first + ": " + what_of(te, dir);
            }
        }
        return what_of(e, dir);
    }
}

/* check_tables in a child process: Xapian's check itself can crash on a
 * damaged table.  "" if sound, else what is wrong; throws std::bad_alloc
 * or std::system_error (no process). */
std::string check_tables_apart(const std::string &dir)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe");
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        throw std::system_error(e, std::generic_category(), "fork");
    }
    if (pid == 0) {
        close(fds[0]);
        int code = 0;
        try {
            std::string what = check_tables(dir);
            code = what.empty() ? 0 : 1;
            for (size_t done = 0; done < what.size();) {
                ssize_t n = write(fds[1], what.data() + done, what.size() - done);
                if (n <= 0)
                    break;
                done += static_cast<size_t>(n);
            }
        } catch (...) {
            code = 2;
        }
        _exit(code);
    }
    close(fds[1]);
    std::string what;
    char buf[512];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        what.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
        return std::string();
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 1 && !what.empty())
        return what;
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 2)
        throw std::bad_alloc();
    if (WIFSIGNALED(wstatus))
        return std::string("the search engine crashed reading it: ") +
               strsignal(WTERMSIG(wstatus));
    return "its tables could not be checked";
}

} // namespace

namespace gk_shim {

bool stub_file_is_stub(const std::string &path)
{
    return is_stub(path);
}

/* Before Xapian opens path: GK_OK with *is_database set (false: nothing
 * there yet, the writer creates it), or a refusal: GK_EINVAL for a path
 * that is not a database (a file; a folder of other files, for a writer),
 * GK_ECORRUPT for a database missing a table, GK_EIO for one the writer
 * may not write to, GK_ENOTFOUND for a reader with nothing there. */
namespace {

gk_status check_path(const std::string &path, gk_db_mode mode, bool *is_database,
                     char **errmsg, int depth);

/* A reader opening the stub at path: every local shard it names ("auto
 * PATH", "glass PATH", relative to the stub's folder) is checked as a
 * database is, and a refusal names the shard; remote shards are checked
 * by their servers.  Stubs may name stubs, up to a depth. */
gk_status check_stub(const std::string &path, char **errmsg, int depth)
{
    if (depth > 8)
        return fail(errmsg, GK_EINVAL,
                    "shard stubs nested more than 8 deep (a stub naming itself?)");
    std::string dir = path.substr(0, path.find_last_of('/') == std::string::npos
                                         ? 0
                                         : path.find_last_of('/') + 1);
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        size_t space = line.find_first_of(" \t");
        std::string kind = line.substr(0, space);
        if ((kind != "auto" && kind != "glass") || space == std::string::npos)
            continue;
        std::string shard = line.substr(line.find_first_not_of(" \t", space) ==
                                                std::string::npos
                                            ? line.size()
                                            : line.find_first_not_of(" \t", space));
        while (!shard.empty() && (shard.back() == ' ' || shard.back() == '\t' ||
                                  shard.back() == '\r'))
            shard.pop_back();
        if (shard.empty())
            continue;
        if (shard[0] != '/')
            shard = dir + shard;
        bool is_database = false;
        char *why = nullptr;
        gk_status st = check_path(shard, GK_DB_READ, &is_database, &why, depth + 1);
        if (st != GK_OK) {
            std::string msg = why ? why : "cannot be opened";
            if (msg.compare(0, 6, "shard ") != 0) /* the innermost one named */
                msg = "shard " + shard + ": " + msg;
            std::free(why);
            return fail(errmsg, st, msg.c_str());
        }
    }
    return GK_OK;
}

} // namespace

gk_status check_before_open(const std::string &path, gk_db_mode mode,
                            bool *is_database, char **errmsg) noexcept
{
    return check_path(path, mode, is_database, errmsg, 0);
}

namespace {

gk_status check_path(const std::string &path, gk_db_mode mode, bool *is_database,
                     char **errmsg, int depth)
{
    *is_database = false;
    try {
        struct stat st;
        if (stat(path.c_str(), &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                return mode == GK_DB_READ ? fail(errmsg, GK_ENOTFOUND, not_found_message)
                                          : GK_OK;
            std::string msg = std::strerror(errno);
            return fail(errmsg, GK_EIO, msg.c_str());
        }
        if (!S_ISDIR(st.st_mode) && mode == GK_DB_READ && S_ISREG(st.st_mode) &&
            is_stub(path))
            return check_stub(path, errmsg, depth); /* Xapian follows it */
        if (!S_ISDIR(st.st_mode))
            return fail(errmsg, GK_EINVAL,
                        "not a gongkai database (a file, not a database folder)");
        std::string dir = base_of(path);
        std::vector<std::string> names;
        if (!list_names(dir, &names)) {
            std::string msg = std::strerror(errno);
            return fail(errmsg, GK_EIO, msg.c_str());
        }
        bool version = false, tables = false, others = false;
        for (const std::string &name : names) {
            if (name == version_file)
                version = true;
            else if (is_table(name))
                tables = true;
            else if (name != "flintlock" && name != stamp_name)
                others = true;
        }
        if (!version && tables)
            return damaged(errmsg, std::string(version_file) + " is missing", mode);
        /* a folder with a stub (XAPIANDB) is what the stub names */
        std::string folder_stub = dir + "/XAPIANDB";
        if (!version && !tables && mode == GK_DB_READ && exists(folder_stub) &&
            is_stub(folder_stub))
            return check_stub(folder_stub, errmsg, depth);
        if (!version) {
            if (!others)
                return mode == GK_DB_READ ? fail(errmsg, GK_ENOTFOUND, not_found_message)
                                          : GK_OK;
            return fail(errmsg, GK_EINVAL,
                        "not a gongkai database (a folder of other files)");
        }
        *is_database = true;
        for (const char *table : required_tables)
            if (!exists(dir + "/" + table))
                return damaged(errmsg, std::string(table) + " is missing", mode);
        if (mode == GK_DB_READ)
            return GK_OK;
        /* every table there at the last commit is still there */
        table_ids stamped;
        if (read_stamp(dir, &stamped))
            for (const auto &t : stamped)
                if (!exists(dir + "/" + t.first))
                    return damaged(errmsg, t.first + " is missing", mode);
        gk_status w = writable(dir, errmsg);
        for (const std::string &name : names)
            if (w == GK_OK && (is_table(name) || name == "flintlock"))
                w = writable(dir + "/" + name, errmsg);
        return w;
    } catch (...) {
        return translate_exception(errmsg, &path);
    }
}

} // namespace

/* With the writer's lock held, before anything is written: unless every
 * table is as the stamp says the last commit left it, read the whole
 * database through (in a child process).  GK_ECORRUPT if it is damaged,
 * naming the table. */
gk_status check_whole(const std::string &path, char **errmsg) noexcept
{
    try {
        std::string dir = base_of(path);
        table_ids stamped;
        if (read_stamp(dir, &stamped) && stamped == current_tables(dir))
            return GK_OK;
        std::string what = check_tables_apart(dir);
        return what.empty() ? GK_OK : damaged(errmsg, what, GK_DB_WRITE);
    } catch (const std::system_error &e) {
        return fail(errmsg, GK_EINTERNAL, e.what());
    } catch (...) {
        return translate_exception(errmsg, &path);
    }
}

/* Record the tables as they are now, after a commit: written beside them
 * and renamed into place.  Best effort: without a stamp, the next writer
 * checks the database through. */
void write_stamp(const std::string &path) noexcept
{
    try {
        std::string dir = base_of(path);
        std::string name = dir + "/" + stamp_name, tmp = name + ".tmp";
        table_ids ids = current_tables(dir);
        {
            std::ofstream out(tmp, std::ios::trunc);
            out << stamp_header << '\n';
            for (const auto &t : ids)
                out << t.first << ' ' << t.second.size << ' ' << t.second.sec << ' '
                    << t.second.nsec << ' ' << t.second.ino << '\n';
            out.flush();
            if (!out) {
                std::remove(tmp.c_str());
                std::remove(name.c_str());
                return;
            }
        }
        if (std::rename(tmp.c_str(), name.c_str()) != 0) {
            std::remove(tmp.c_str());
            std::remove(name.c_str());
        }
    } catch (...) {
    }
}

} // namespace gk_shim

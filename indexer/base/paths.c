/* paths.c - where the data files and the default database live. */
#define _XOPEN_SOURCE 700
#include "gk_paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk_util.h"

char *gk_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, a);
    size_t n = a;
    if (n == 0 || p[n - 1] != '/')
        p[n++] = '/';
    memcpy(p + n, name, b + 1);
    return p;
}

static int has_data(const char *dir)
{
    char *probe = gk_path_join(dir, "sections.tsv");
    if (probe == NULL)
        return 0;
    int ok = access(probe, R_OK) == 0;
    free(probe);
    return ok;
}

/* Directory of the running program, or "" when unknown. */
static void exe_dir(char *out, size_t outsz)
{
    out[0] = '\0';
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL || (size_t)(slash - buf) + 1 > outsz)
        return;
    *slash = '\0';
    memcpy(out, buf, (size_t)(slash - buf) + 1);
}

/* 1 if directory path is dir itself (both resolved). */
static int same_dir(const char *path, const char *dir)
{
    char real[PATH_MAX];
    return realpath(dir, real) != NULL && strcmp(path, real) == 0;
}

gk_status gk_data_dir(char **out, char **errmsg)
{
    *out = NULL;
    const char *env = getenv("GONGKAI_DATA_DIR");
    if (env != NULL && env[0] != '\0') {
        if (!has_data(env))
            return gk_fail(errmsg, GK_ENOTFOUND,
                           "GONGKAI_DATA_DIR=%s holds no sections.tsv", env);
        *out = gk_strdup(env);
        return *out ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    char exe[PATH_MAX];
    exe_dir(exe, sizeof exe);
    const char *candidates[3] = {NULL, NULL, GK_INSTALL_DATA_DIR};
    char beside[PATH_MAX + 64];
    if (exe[0] != '\0') {
        /* the programs are built at the top of the build tree; anything
         * else (an install, even one inside the build tree) reads the data
         * installed beside it */
        if (same_dir(exe, GK_BUILD_DIR))
            candidates[0] = GK_SOURCE_DATA_DIR;
        snprintf(beside, sizeof beside, "%s/%s", exe, GK_DATA_FROM_BIN);
        candidates[1] = beside;
    } else {
        candidates[0] = GK_SOURCE_DATA_DIR;
    }
    for (size_t i = 0; i < 3; i++) {
        if (candidates[i] != NULL && has_data(candidates[i])) {
            *out = gk_strdup(candidates[i]);
            return *out ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
        }
    }
    return gk_fail(errmsg, GK_ENOTFOUND,
                   "cannot find the data files (sections.tsv) in %s or %s; "
                   "set GONGKAI_DATA_DIR",
                   exe[0] ? beside : "the program's directory",
                   GK_INSTALL_DATA_DIR);
}

gk_status gk_default_db_path(char **out, char **errmsg)
{
    *out = NULL;
    const char *env = getenv("GONGKAI_DB");
    if (env != NULL && env[0] != '\0') {
        *out = gk_strdup(env);
        return *out ? GK_OK : gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    gk_buf b = {0};
    gk_status st;
    if (xdg != NULL && xdg[0] == '/')
        st = gk_buf_printf(&b, "%s/gongkai/db", xdg);
    else if (home != NULL && home[0] != '\0')
        st = gk_buf_printf(&b, "%s/.local/share/gongkai/db", home);
    else
        return gk_fail(errmsg, GK_ENOTFOUND,
                       "no database given and neither GONGKAI_DB nor HOME is "
                       "set; use -d DIR");
    if (st != GK_OK) {
        gk_buf_free(&b);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    *out = gk_buf_take(&b, NULL);
    return GK_OK;
}

gk_status gk_mkdir_p(const char *dir, char **errmsg)
{
    char *p = gk_strdup(dir);
    if (p == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    gk_status st = GK_OK;
    size_t n = strlen(p);
    for (size_t i = 1; i <= n && st == GK_OK; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char saved = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            st = gk_fail(errmsg, GK_EIO, "cannot create directory %s: %s", p,
                         strerror(errno));
        p[i] = saved;
    }
    struct stat sb;
    if (st == GK_OK && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        st = gk_fail(errmsg, GK_EIO, "%s is not a directory", dir);
    free(p);
    return st;
}

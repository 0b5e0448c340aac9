/* gk_test.c - helpers shared by the cmocka tests. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700

#include "gk_test.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *gk_test_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    assert_non_null(p);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

char *gk_test_mkdtemp(const char *tag)
{
    char templ[4096];
    snprintf(templ, sizeof templ, "%s/tmp-%s-XXXXXX", GK_TEST_TMP_DIR, tag);
    char *dir = mkdtemp(templ);
    assert_non_null(dir);
    char *copy = strdup(dir);
    assert_non_null(copy);
    return copy;
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void gk_test_rmtree(const char *path)
{
    if (path != NULL)
        nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void gk_test_write_file(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *gk_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got < 4096)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

/* Append what is readable on fd to *buf. Returns 0 at EOF. */
static int drain(int fd, char **buf, size_t *len, size_t *cap)
{
    if (*len + 65536 + 1 > *cap) {
        *cap = (*cap + 65536) * 2;
        *buf = realloc(*buf, *cap);
        assert_non_null(*buf);
    }
    ssize_t got = read(fd, *buf + *len, 65536);
    if (got < 0 && errno == EINTR)
        return 1;
    if (got <= 0)
        return 0;
    *len += (size_t)got;
    (*buf)[*len] = '\0';
    return 1;
}

void gk_test_run(gk_test_run_result *res, char *const argv[],
                 char *const env_extra[])
{
    int out_pipe[2], err_pipe[2];
    assert_int_equal(pipe(out_pipe), 0);
    assert_int_equal(pipe(err_pipe), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        close(out_pipe[0]);
        close(err_pipe[0]);
        for (size_t i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
            putenv(env_extra[i]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    memset(res, 0, sizeof *res);
    size_t out_cap = 0, err_cap = 0;
    res->out = calloc(1, 1);
    res->err = calloc(1, 1);
    assert_non_null(res->out);
    assert_non_null(res->err);
    out_cap = err_cap = 1;
    struct pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fail_msg("poll: %s", strerror(errno));
        }
        for (int k = 0; k < 2; k++) {
            if (fds[k].fd < 0 || fds[k].revents == 0)
                continue;
            int more = k == 0 ? drain(fds[k].fd, &res->out, &res->out_len, &out_cap)
                              : drain(fds[k].fd, &res->err, &res->err_len, &err_cap);
            if (!more) {
                close(fds[k].fd);
                fds[k].fd = -1;
                open_fds--;
            }
        }
    }
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0)
        assert_int_equal(errno, EINTR);
    res->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                                     : 128 + WTERMSIG(wstatus);
}

void gk_test_run_clear(gk_test_run_result *res)
{
    free(res->out);
    free(res->err);
    memset(res, 0, sizeof *res);
}

size_t gk_test_count_lines(const char *s)
{
    size_t n = 0;
    const char *p = s;
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        n++;
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return n;
}

/* gk_test.c - helpers shared by the cmocka tests. */
#define _GNU_SOURCE /* F_SETPIPE_SZ, setgroups, wait4 */

#include "gk_test.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

char *gk_test_put(const char *dir, const char *name, const void *bytes, size_t len)
{
    char *path = gk_test_join(dir, name);
    gk_test_write_file(path, bytes, len);
    return path;
}

char *gk_test_put_copy(const char *dir, const char *name, const char *src)
{
    size_t len = 0;
    char *bytes = gk_test_read_file(src, &len);
    if (bytes == NULL)
        fail_msg("cannot read %s", src);
    char *path = gk_test_put(dir, name, bytes, len);
    free(bytes);
    return path;
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

static long long tree_bytes;

static int add_size(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (type == FTW_F)
        tree_bytes += (long long)sb->st_size;
    return 0;
}

long long gk_test_dir_size(const char *path)
{
    tree_bytes = 0;
    assert_int_equal(nftw(path, add_size, 16, FTW_PHYS), 0);
    return tree_bytes;
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
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (got <= 0)
        return 0;
    *len += (size_t)got;
    (*buf)[*len] = '\0';
    return 1;
}

int gk_test_valgrind(void)
{
    const char *v = getenv("GK_TEST_VALGRIND");
    return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

double gk_test_timeout(double seconds)
{
    return gk_test_valgrind() ? seconds * 20 : seconds;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* In the child: become user nobody (when root), or exit 126. */
static void drop_root(void)
{
    if (geteuid() != 0)
        return;
    if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0) {
        perror("gk_test: cannot become nobody");
        _exit(126);
    }
}

/* The argv to exec: argv itself, or valgrind's in front of it (logging to
 * p->vg_log).  Returned array is malloc'd; its strings are borrowed but for
 * the log option, freed by free_exec_argv. */
static char **exec_argv(gk_test_proc *p, char *const argv[])
{
    size_t n = 0;
    while (argv[n] != NULL)
        n++;
    char **out = calloc(n + 16, sizeof *out);
    assert_non_null(out);
    size_t k = 0;
    if (gk_test_valgrind()) {
        char templ[4096];
        snprintf(templ, sizeof templ, "%s/valgrind-XXXXXX", GK_TEST_TMP_DIR);
        int fd = mkstemp(templ);
        assert_true(fd >= 0);
        fchmod(fd, 0666); /* a program run as nobody writes it too */
        close(fd);
        p->vg_log = strdup(templ);
        assert_non_null(p->vg_log);
        const char *vg = getenv("GK_TEST_VALGRIND");
        char *log_opt = malloc(strlen(templ) + 16);
        assert_non_null(log_opt);
        sprintf(log_opt, "--log-file=%s", templ);
        out[k++] = strchr(vg, '/') != NULL ? (char *)vg : "valgrind";
        out[k++] = "--quiet";
        out[k++] = "--error-exitcode=99";
        out[k++] = "--leak-check=full";
        out[k++] = "--errors-for-leak-kinds=definite,indirect";
        out[k++] = "--show-leak-kinds=definite,indirect";
        out[k++] = log_opt;
        out[k++] = "--";
    }
    for (size_t i = 0; i < n; i++)
        out[k++] = argv[i];
    out[k] = NULL;
    return out;
}

static void free_exec_argv(gk_test_proc *p, char **argv)
{
    if (p->vg_log != NULL)
        free(argv[6]); /* the --log-file option */
    free(argv);
}

void gk_test_spawn(gk_test_proc *p, char *const argv[], char *const env_extra[],
                   const gk_test_spawn_opts *opts)
{
    gk_test_spawn_opts none = {NULL, 0, 0};
    if (opts == NULL)
        opts = &none;
    memset(p, 0, sizeof *p);
    p->out_fd = p->err_fd = -1;
    char **xargv = exec_argv(p, argv);
    int out_pipe[2] = {-1, -1}, err_pipe[2];
    int out_file = -1;
    if (opts->stdout_path != NULL) {
        out_file = open(opts->stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        assert_true(out_file >= 0);
    } else {
        assert_int_equal(pipe(out_pipe), 0);
        if (opts->small_pipe) {
#ifdef F_SETPIPE_SZ
            if (fcntl(out_pipe[1], F_SETPIPE_SZ, 4096) < 0)
                fail_msg("cannot shrink a pipe (F_SETPIPE_SZ): %s", strerror(errno));
#else
            fail_msg("cannot shrink a pipe on this system (no F_SETPIPE_SZ)");
#endif
        }
    }
    assert_int_equal(pipe(err_pipe), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(out_file >= 0 ? out_file : out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        if (out_pipe[0] >= 0)
            close(out_pipe[0]);
        close(err_pipe[0]);
        /* the test's own signal settings are not the program's */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        for (size_t i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
            putenv(env_extra[i]);
        if (opts->as_nobody)
            drop_root();
        execvp(xargv[0], xargv);
        _exit(127);
    }
    free_exec_argv(p, xargv);
    if (out_file >= 0) {
        close(out_file);
    } else {
        close(out_pipe[1]);
        p->out_fd = out_pipe[0];
        fcntl(p->out_fd, F_SETFL, O_NONBLOCK);
    }
    close(err_pipe[1]);
    p->err_fd = err_pipe[0];
    fcntl(p->err_fd, F_SETFL, O_NONBLOCK);
    p->pid = (int)pid;
    p->res.out = calloc(1, 1);
    p->res.err = calloc(1, 1);
    assert_non_null(p->res.out);
    assert_non_null(p->res.err);
    p->out_cap = p->err_cap = 1;
}

/* Read what p has written to stderr (and to stdout if with_stdout),
 * waiting at most timeout_ms for something. */
static void read_some(gk_test_proc *p, int timeout_ms, int with_stdout)
{
    struct pollfd fds[2] = {{with_stdout ? p->out_fd : -1, POLLIN, 0},
                            {p->err_fd, POLLIN, 0}};
    if (fds[0].fd < 0 && fds[1].fd < 0) {
        pause_ms(timeout_ms);
        return;
    }
    if (poll(fds, 2, timeout_ms) < 0) {
        if (errno == EINTR)
            return;
        fail_msg("poll: %s", strerror(errno));
    }
    for (int k = 0; k < 2; k++) {
        if (fds[k].fd < 0 || fds[k].revents == 0)
            continue;
        int more = k == 0 ? drain(fds[k].fd, &p->res.out, &p->res.out_len, &p->out_cap)
                          : drain(fds[k].fd, &p->res.err, &p->res.err_len, &p->err_cap);
        if (!more) {
            close(fds[k].fd);
            if (k == 0)
                p->out_fd = -1;
            else
                p->err_fd = -1;
        }
    }
}

/* Reap p if it has exited (or wait for it when block); 1 if reaped. */
static int reap(gk_test_proc *p, int block)
{
    int wstatus = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t got;
    while ((got = wait4(p->pid, &wstatus, block ? 0 : WNOHANG, &ru)) < 0 && errno == EINTR)
        ;
    assert_true(got >= 0);
    if (got == 0)
        return 0;
    p->res.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    p->res.maxrss_kb = ru.ru_maxrss;
    p->pid = 0;
    return 1;
}

int gk_test_proc_running(gk_test_proc *p)
{
    return p->pid > 0 && !reap(p, 0);
}

void gk_test_proc_signal(gk_test_proc *p, int sig)
{
    assert_true(p->pid > 0);
    assert_int_equal(kill(p->pid, sig), 0);
}

static void close_fds(gk_test_proc *p)
{
    if (p->out_fd >= 0)
        close(p->out_fd);
    if (p->err_fd >= 0)
        close(p->err_fd);
    p->out_fd = p->err_fd = -1;
}

void gk_test_proc_kill(gk_test_proc *p)
{
    if (p->pid > 0) {
        kill(p->pid, SIGKILL);
        reap(p, 1);
    }
    close_fds(p);
    if (p->vg_log != NULL) {
        unlink(p->vg_log);
        free(p->vg_log);
    }
    gk_test_run_clear(&p->res);
    memset(p, 0, sizeof *p);
    p->out_fd = p->err_fd = -1;
}

void gk_test_proc_wait(gk_test_proc *p, gk_test_run_result *res, double seconds)
{
    double deadline = now() + seconds;
    /* the pipes reach end of file when the program exits: read them dry,
     * then reap it */
    while (p->out_fd >= 0 || p->err_fd >= 0 || (p->pid > 0 && !reap(p, 0))) {
        if (now() > deadline) {
            int pid = p->pid;
            gk_test_proc_kill(p);
            fail_msg("program (pid %d) still running after %.0f s: killed", pid,
                     seconds);
        }
        if (p->out_fd >= 0 || p->err_fd >= 0)
            read_some(p, 20, 1);
        else
            pause_ms(1); /* exiting: its pipes are closed */
    }
    char *log = NULL;
    if (p->vg_log != NULL) {
        log = gk_test_read_file(p->vg_log, NULL);
        unlink(p->vg_log);
        free(p->vg_log);
        p->vg_log = NULL;
    }
    *res = p->res;
    memset(p, 0, sizeof *p);
    p->out_fd = p->err_fd = -1;
    if (res->status == 99 && log != NULL) {
        print_message("valgrind found memory errors or leaks:\n%s\n"
                      "stderr of the program:\n%s\n", log, res->err);
        free(log);
        gk_test_run_clear(res);
        fail_msg("valgrind found memory errors or leaks (report above)");
    }
    free(log);
}

void gk_test_wait_for(int (*ready)(void *ctx), void *ctx, gk_test_proc *p,
                      double seconds, const char *what)
{
    double deadline = now() + seconds;
    for (;;) {
        if (ready(ctx))
            return;
        if (p != NULL && !gk_test_proc_running(p))
            fail_msg("waiting for %s: the program exited (status %d) first; "
                     "stderr: %s", what, p->res.status, p->res.err);
        if (now() > deadline)
            fail_msg("waiting for %s: nothing after %.0f s", what, seconds);
        if (p != NULL)
            read_some(p, 20, 0); /* stderr only: stdout may be left to fill */
        else
            pause_ms(20);
    }
}

void gk_test_run(gk_test_run_result *res, char *const argv[],
                 char *const env_extra[])
{
    gk_test_proc p;
    gk_test_spawn(&p, argv, env_extra, NULL);
    gk_test_proc_wait(&p, res, gk_test_timeout(300));
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

int gk_test_ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

const char *const gk_test_reports[GK_TEST_NREPORTS] = {
    GK_TEST_REPORT_000, GK_TEST_REPORT_001, GK_TEST_REPORT_002,
    GK_TEST_REPORT_003, GK_TEST_REPORT_004,
};

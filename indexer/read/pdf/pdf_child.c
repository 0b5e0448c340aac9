/* pdf_child.c - a PDF read by a separate process whose memory is bounded.
 *
 * poppler's memory is not bounded by the file: a 300 KB PDF whose content
 * stream inflates to 100 MB of tiny text operations makes it build millions
 * of words (4 GB).  Nothing in poppler-glib's API caps that, so the program
 * names a reader (gk_pdf_use_reader: itself, started with
 * GK_PDF_READER_ARG) and each document is read there: a fresh process that
 * may grow by at most the limit (an address-space limit where the build
 * allows one, and a thread that watches its resident size in every build)
 * and use at most GK_PDF_MAX_SECONDS of CPU.  A reader that dies for it, or
 * crashes inside poppler, costs that one file, never the program.
 *
 * The document goes to the reader and its answer comes back over one
 * socket: [status][message length][message][text length][text].  A fresh
 * process (not a fork of a threaded one) holds no lock another thread
 * held, under sanitizers too.
 */
#define _GNU_SOURCE
#include "gk_pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gk_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define GK_NO_AS_LIMIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define GK_NO_AS_LIMIT 1
#endif
#endif

#define EXIT_MEMORY 97  /* the reader outgrew its limit */
#define MAX_MESSAGE 4096

extern char **environ;

static char *reader; /* the program that reads, or NULL: in process */

gk_status gk_pdf_use_reader(const char *program)
{
    char *copy = NULL;
    if (program != NULL && (copy = gk_strndup(program, strlen(program))) == NULL)
        return GK_ENOMEM;
    free(reader);
    reader = copy;
    return GK_OK;
}

size_t gk_pdf_memory_limit(void)
{
    const char *env = getenv("GONGKAI_PDF_MEMORY_MB");
    if (env != NULL && *env != '\0') {
        char *end;
        unsigned long long mb = strtoull(env, &end, 10);
        if (*end == '\0' && mb >= 16 && mb <= (1ull << 20))
            return (size_t)mb << 20;
    }
    return (size_t)GK_PDF_MAX_MEMORY_MB << 20;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t k = send(fd, c, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

/* ---- the reader ---------------------------------------------------------- */

/* Pages of /proc/self/statm field k (0: size, 1: resident); 0 if unknown. */
static size_t statm(int k)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return 0;
    unsigned long v[2] = {0, 0};
    int n = fscanf(f, "%lu %lu", &v[0], &v[1]);
    fclose(f);
    return n == 2 ? (size_t)v[k] : 0;
}

static void *watchdog(void *arg)
{
    size_t max_resident = *(const size_t *)arg;
    struct timespec tick = {0, 20 * 1000 * 1000};
    for (;;) {
        if (statm(1) > max_resident)
            _exit(EXIT_MEMORY);
        nanosleep(&tick, NULL);
    }
    return NULL;
}

int gk_pdf_reader_main(void)
{
    size_t limit = gk_pdf_memory_limit(), page = (size_t)sysconf(_SC_PAGESIZE);
    static size_t max_resident;
    max_resident = statm(1) + limit / page;
#ifndef GK_NO_AS_LIMIT
    /* the hard backstop, far above the limit: poppler reserves address
     * space well beyond what it touches, and the watchdog stops the reader
     * first */
    size_t vsize = statm(0) * page;
    if (vsize > 0) {
        struct rlimit as = {vsize + 8 * limit, vsize + 8 * limit};
        setrlimit(RLIMIT_AS, &as);
    }
#endif
    struct rlimit cpu = {GK_PDF_MAX_SECONDS, GK_PDF_MAX_SECONDS + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    pthread_t t;
    if (max_resident > limit / page && pthread_create(&t, NULL, watchdog, &max_resident) == 0)
        pthread_detach(t);
    /* the document, from the socket on standard input */
    gk_buf doc = {0};
    for (;;) {
        if (gk_buf_reserve(&doc, 1 << 16) != GK_OK)
            _exit(EXIT_MEMORY);
        ssize_t k = read(0, doc.data + doc.len, doc.cap - doc.len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            _exit(1);
        if (k == 0)
            break;
        doc.len += (size_t)k;
    }
    char *text = NULL, *msg = NULL;
    size_t text_len = 0;
    gk_status st = gk_pdf_to_text(&text, &text_len, doc.data, doc.len, &msg);
    gk_buf_free(&doc);
    int32_t code = st;
    uint64_t mlen = msg != NULL ? strlen(msg) : 0, tlen = st == GK_OK ? text_len : 0;
    if (mlen > MAX_MESSAGE)
        mlen = MAX_MESSAGE;
    int bad = write_all(1, &code, sizeof code) || write_all(1, &mlen, sizeof mlen) ||
              (mlen > 0 && write_all(1, msg, mlen)) || write_all(1, &tlen, sizeof tlen) ||
              (tlen > 0 && write_all(1, text, tlen));
    free(text);
    free(msg);
    return bad ? 1 : 0;
}

/* ---- the caller ---------------------------------------------------------- */

/* The reader's answer from fd: its status, *out and *errmsg as
 * gk_pdf_to_text gives them; -1 when the answer is cut short. */
static int answer(int fd, gk_status *st, char **out, size_t *out_len, char **errmsg)
{
    int32_t code;
    uint64_t mlen, tlen;
    char msg[MAX_MESSAGE + 1];
    if (read_all(fd, &code, sizeof code) || read_all(fd, &mlen, sizeof mlen) ||
        mlen > MAX_MESSAGE || read_all(fd, msg, (size_t)mlen) ||
        read_all(fd, &tlen, sizeof tlen) || tlen > GK_PDF_MAX_TEXT)
        return -1;
    msg[mlen] = '\0';
    char *text = malloc((size_t)tlen + 1);
    if (text == NULL) {
        *st = gk_fail(errmsg, GK_ENOMEM, "out of memory");
        return 0;
    }
    if (read_all(fd, text, (size_t)tlen)) {
        free(text);
        return -1;
    }
    text[tlen] = '\0';
    *st = (gk_status)code;
    if (*st != GK_OK) {
        free(text);
        gk_fail(errmsg, *st, "%s", mlen > 0 ? msg : gk_status_str(*st));
        return 0;
    }
    *out = text;
    if (out_len != NULL)
        *out_len = (size_t)tlen;
    return 0;
}

/* Start the reader on one end of a socket pair, given as its standard
 * input and output; *fd receives the other end. */
static gk_status start_reader(pid_t *pid, int *fd, char **errmsg)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return gk_fail(errmsg, GK_EIO, "cannot start the PDF reader: %s", strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    /* its messages are poppler's: never on the caller's terminal */
    posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
    posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    /* the caller's handlers only set its stop flag: the reader ends at
     * Ctrl-C or SIGTERM, and takes no signal the caller blocked */
    sigset_t none, dfl;
    sigemptyset(&none);
    sigemptyset(&dfl);
    sigaddset(&dfl, SIGINT);
    sigaddset(&dfl, SIGTERM);
    sigaddset(&dfl, SIGPIPE);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &dfl);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char *argv[] = {reader, (char *)GK_PDF_READER_ARG, NULL};
    int e = posix_spawn(pid, reader, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(sv[1]);
    if (e != 0) {
        close(sv[0]);
        return gk_fail(errmsg, GK_EIO, "cannot start the PDF reader %s: %s", reader,
                       strerror(e));
    }
    *fd = sv[0];
    return GK_OK;
}

gk_status gk_pdf_to_text_bounded(char **out, size_t *out_len, const char *bytes,
                                 size_t len, char **errmsg)
{
    if (reader == NULL)
        return gk_pdf_to_text(out, out_len, bytes, len, errmsg);
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (!gk_pdf_sniff(bytes, len))
        return gk_fail(errmsg, GK_EUNSUPPORTED, "not a PDF file (no %%PDF- header)");
    pid_t pid = 0;
    int fd = -1;
    gk_status st = start_reader(&pid, &fd, errmsg);
    if (st != GK_OK)
        return st;
    int cut = -1;
    /* the reader reads the whole document before it answers */
    if (write_all(fd, bytes, len) == 0 && shutdown(fd, SHUT_WR) == 0)
        cut = answer(fd, &st, out, out_len, errmsg);
    close(fd);
    int ws = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &ws, 0, &ru) < 0 && errno == EINTR)
        ;
    if (cut == 0 && WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
        return st;
    if (cut == 0) { /* an answer, then a failed exit: keep nothing */
        free(*out);
        *out = NULL;
        if (out_len != NULL)
            *out_len = 0;
        if (errmsg != NULL) {
            free(*errmsg);
            *errmsg = NULL;
        }
    }
    size_t limit = gk_pdf_memory_limit();
    /* the watchdog's exit, or a death at the address-space limit when the
     * watchdog was too slow (poppler aborts when memory fails): a peak of
     * half the limit or more says it was memory */
    int outgrew = (size_t)ru.ru_maxrss >= (limit >> 11);
    if ((WIFEXITED(ws) && WEXITSTATUS(ws) == EXIT_MEMORY) || (WIFSIGNALED(ws) && outgrew))
        return gk_fail(errmsg, GK_ETOOBIG, "PDF needs more than %zu MiB of memory to read",
                       limit >> 20);
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGXCPU)
        return gk_fail(errmsg, GK_ETOOBIG, "PDF takes more than %d s to read",
                       GK_PDF_MAX_SECONDS);
    if (WIFSIGNALED(ws))
        return gk_fail(errmsg, GK_ECORRUPT, "cannot read PDF: the reader died (signal %d; "
                                            "out of its %zu MiB of memory?)",
                       WTERMSIG(ws), limit >> 20);
    return gk_fail(errmsg, GK_ECORRUPT, "cannot read PDF: the reader failed (exit %d)",
                   WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
}

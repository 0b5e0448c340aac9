/* pdf_log.c - poppler's messages kept out of stderr while gongkai reads a
 * PDF.
 *
 * poppler's core reports syntax errors through a callback that poppler-glib
 * routes to g_log() under the "Poppler" domain (at G_LOG_LEVEL_INFO, which
 * GLib prints when G_MESSAGES_DEBUG names the domain); poppler-glib's own
 * checks log criticals under the same domain.  A handler for that domain
 * sends each message to the capture running in the calling thread, if any.
 * poppler-glib has no other way to silence them: the core's error callback
 * is not part of its API.
 */
#include "pdf_log.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "gk_utf8.h"

static _Thread_local gk_pdf_log *current;

void gk_pdf_log_line(char dst[GK_PDF_LOG_KEEP], const char *msg)
{
    size_t len = strlen(msg), n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c = gk_utf8_next(msg, len, &i);
        if (c < 0x20 || c == 0x7F)
            c = ' ';
        char u[4];
        size_t k = gk_utf8_put(u, c);
        if (n + k >= GK_PDF_LOG_KEEP)
            break;
        memcpy(dst + n, u, k);
        n += k;
    }
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
}

static void on_poppler_message(const gchar *domain, GLogLevelFlags level,
                               const gchar *message, gpointer data)
{
    gk_pdf_log *log = current;
    if (log == NULL || (level & G_LOG_LEVEL_ERROR) != 0) {
        g_log_default_handler(domain, level, message, data);
        return;
    }
    if (message == NULL)
        message = "";
    if (log->count++ == 0)
        gk_pdf_log_line(log->first, message);
    if ((level & G_LOG_LEVEL_CRITICAL) != 0 && log->bugs++ == 0)
        gk_pdf_log_line(log->first_bug, message);
}

void gk_pdf_log_begin(gk_pdf_log *log)
{
    static gsize installed = 0;
    if (g_once_init_enter(&installed)) {
        g_log_set_handler("Poppler",
                          G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                          on_poppler_message, NULL);
        g_once_init_leave(&installed, 1);
    }
    memset(log, 0, sizeof *log);
    current = log;
}

void gk_pdf_log_end(gk_pdf_log *log)
{
    if (current == log)
        current = NULL;
}

/* recordz.c - records stored compressed (gk_recordz.h).
 *
 * Stored form: the 4 bytes "GKZ1", the JSON's length as 4 bytes little
 * endian, then the zlib stream.  Anything else is a plain JSON record. */
#include "gk_recordz.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gk_util.h"

static const char magic[4] = {'G', 'K', 'Z', '1'};
#define HEADER (sizeof magic + 4) /* the magic, then the length */
#define MAX_RECORD ((size_t)UINT_MAX)

/* A window no larger than the record, and a hash table to match: zlib's
 * defaults (32 KiB, 64 KiB cleared per stream) cost more than a record of
 * a few kilobytes takes to compress.  Any zlib stream inflates the same. */
static void stream_size(size_t len, int *window_bits, int *mem_level)
{
    int bits = 9;
    while (bits < 15 && ((size_t)1 << bits) < len)
        bits++;
    *window_bits = bits;
    *mem_level = bits - 7 < 1 ? 1 : bits - 7;
}

gk_status gk_recordz_pack(const char *json, size_t len, char **out,
                          size_t *out_len, char **errmsg)
{
    *out = NULL;
    *out_len = 0;
    if (len > MAX_RECORD || len > (size_t)ULONG_MAX)
        return gk_fail(errmsg, GK_EINVAL, "record too large to store");
    z_stream z;
    memset(&z, 0, sizeof z);
    int bits, level;
    stream_size(len, &bits, &level);
    int rc = deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, bits, level, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK)
        return rc == Z_MEM_ERROR ? gk_fail(errmsg, GK_ENOMEM, "out of memory")
                                 : gk_fail(errmsg, GK_EINTERNAL, "zlib: cannot compress");
    uLong bound = deflateBound(&z, (uLong)len);
    if (bound > UINT_MAX) {
        deflateEnd(&z);
        return gk_fail(errmsg, GK_EINVAL, "record too large to store");
    }
    char *buf = malloc(HEADER + (size_t)bound);
    if (buf == NULL) {
        deflateEnd(&z);
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    }
    memcpy(buf, magic, sizeof magic);
    for (int i = 0; i < 4; i++)
        buf[sizeof magic + i] = (char)((len >> (8 * i)) & 0xFF);
    z.next_in = (Bytef *)(uintptr_t)json;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)buf + HEADER;
    z.avail_out = (uInt)bound;
    rc = deflate(&z, Z_FINISH);
    size_t zlen = (size_t)z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(buf);
        return rc == Z_MEM_ERROR ? gk_fail(errmsg, GK_ENOMEM, "out of memory")
                                 : gk_fail(errmsg, GK_EINTERNAL, "zlib: cannot compress");
    }
    *out = buf;
    *out_len = HEADER + zlen;
    return GK_OK;
}

gk_status gk_recordz_unpack(const char *stored, size_t len, char **json,
                            char **errmsg)
{
    *json = NULL;
    if (len < HEADER || memcmp(stored, magic, sizeof magic) != 0) {
        /* plain JSON, as stored before records were compressed */
        char *copy = malloc(len + 1);
        if (copy == NULL)
            return gk_fail(errmsg, GK_ENOMEM, "out of memory");
        memcpy(copy, stored, len);
        copy[len] = '\0';
        *json = copy;
        return GK_OK;
    }
    size_t want = 0;
    for (int i = 0; i < 4; i++)
        want |= (size_t)(unsigned char)stored[sizeof magic + i] << (8 * i);
    char *buf = malloc(want + 1);
    if (buf == NULL)
        return gk_fail(errmsg, GK_ENOMEM, "out of memory");
    uLongf got = (uLongf)want;
    int rc = uncompress((Bytef *)buf, &got, (const Bytef *)stored + HEADER,
                        (uLong)(len - HEADER));
    if (rc != Z_OK || got != (uLongf)want) {
        free(buf);
        return rc == Z_MEM_ERROR ? gk_fail(errmsg, GK_ENOMEM, "out of memory")
                                 : gk_fail(errmsg, GK_ECORRUPT,
                                           "the stored record is damaged");
    }
    buf[want] = '\0';
    *json = buf;
    return GK_OK;
}

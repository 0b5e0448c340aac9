/* filestate.c - what the indexer remembers of each file it indexed. */
#define _XOPEN_SOURCE 700
#include "gk_filestate.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The version of the line's layout, its first field. */
#define STATE_VERSION 1

unsigned long long gk_file_hash(const void *bytes, size_t len)
{
    /* FNV-1a over 8-byte words, then mixed (SplitMix64's finaliser): a few
     * GB/s, far faster than reading the file; collisions between a file
     * and its edited self are as unlikely as for any 64-bit hash. */
    const unsigned char *p = bytes;
    uint64_t h = 1469598103934665603ull ^ (uint64_t)len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    for (; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

char *gk_file_state_encode(const gk_file_state *s)
{
    const char *path = s->path != NULL ? s->path : "";
    size_t cap = strlen(path) + 160;
    char *line = malloc(cap);
    if (line == NULL)
        return NULL;
    snprintf(line, cap, "%d %llu %lld %ld %lld %016llx %lu %d %s", STATE_VERSION,
             s->size, s->mtime_sec, s->mtime_nsec, s->seen_sec, s->hash,
             s->nsections, s->kind, path);
    return line;
}

gk_status gk_file_state_decode(gk_file_state *out, const char *value, size_t len)
{
    memset(out, 0, sizeof *out);
    if (value == NULL || len == 0 || strlen(value) != len)
        return GK_ECORRUPT;
    int version = 0, used = 0;
    if (sscanf(value, "%d %llu %lld %ld %lld %16llx %lu %d %n", &version,
               &out->size, &out->mtime_sec, &out->mtime_nsec, &out->seen_sec,
               &out->hash, &out->nsections, &out->kind, &used) != 8 ||
        version != STATE_VERSION || used <= 0 || value[used] != '/' ||
        out->mtime_nsec < 0 || out->mtime_nsec >= 1000000000L)
        return GK_ECORRUPT;
    out->path = value + used;
    return GK_OK;
}

void gk_file_state_set_stat(gk_file_state *s, const struct stat *sb, long long now)
{
    s->size = (unsigned long long)sb->st_size;
    s->mtime_sec = (long long)sb->st_mtim.tv_sec;
    s->mtime_nsec = (long)sb->st_mtim.tv_nsec;
    s->seen_sec = now;
}

int gk_file_state_unchanged(const gk_file_state *s, const struct stat *sb)
{
    if (s->size != (unsigned long long)sb->st_size ||
        s->mtime_sec != (long long)sb->st_mtim.tv_sec ||
        s->mtime_nsec != (long)sb->st_mtim.tv_nsec)
        return 0;
    /* Changed again within the timestamp's tick after it was looked at,
     * the file would keep the same mtime: only its bytes can tell. */
    return s->seen_sec - s->mtime_sec >= GK_FILE_STATE_RACY_SECONDS;
}

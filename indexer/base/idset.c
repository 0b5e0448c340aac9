/* idset.c - a set of 64-bit ids (gk_idset.h). */
#include "gk_idset.h"

#include <stdlib.h>

/* 0 marks a free slot; the id 0 itself is held apart. */
struct gk_idset {
    uint64_t *slots; /* a power of two of them */
    size_t cap, n;
    int has_zero;
};

gk_idset *gk_idset_new(void)
{
    return calloc(1, sizeof(gk_idset));
}

/* Ids are hashes already, but mix them: a set of ids made otherwise
 * (sequential numbers) must not cluster. */
static size_t slot_of(uint64_t id, size_t cap)
{
    id ^= id >> 33;
    id *= 0xff51afd7ed558ccdull;
    id ^= id >> 33;
    return (size_t)id & (cap - 1);
}

static void put(uint64_t *slots, size_t cap, uint64_t id)
{
    size_t i = slot_of(id, cap);
    while (slots[i] != 0)
        i = (i + 1) & (cap - 1);
    slots[i] = id;
}

static gk_status grow(gk_idset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    if (cap < s->cap || cap > SIZE_MAX / sizeof *s->slots)
        return GK_ENOMEM;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return GK_ENOMEM;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i] != 0)
            put(slots, cap, s->slots[i]);
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return GK_OK;
}

gk_status gk_idset_add(gk_idset *s, uint64_t id, int *added)
{
    *added = 0;
    if (id == 0) {
        *added = !s->has_zero;
        s->has_zero = 1;
        return GK_OK;
    }
    if (s->cap > 0) {
        for (size_t i = slot_of(id, s->cap); s->slots[i] != 0; i = (i + 1) & (s->cap - 1))
            if (s->slots[i] == id)
                return GK_OK;
    }
    if ((s->n + 1) * 2 > s->cap && grow(s) != GK_OK)
        return GK_ENOMEM;
    put(s->slots, s->cap, id);
    s->n++;
    *added = 1;
    return GK_OK;
}

size_t gk_idset_count(const gk_idset *s)
{
    return s->n + (size_t)s->has_zero;
}

void gk_idset_free(gk_idset *s)
{
    if (s == NULL)
        return;
    free(s->slots);
    free(s);
}

/* search.cc - running a search and the page of hits it returns.
 *
 * gk_db_search runs the query with Xapian's Enquire and copies the page
 * out at once into a gk_results (malloc'd, document data and every value,
 * the packed ones unpacked), so that the gk_results_* accessors read no
 * Xapian object and cannot fail.  gk_db_docs_get fills one the same way
 * from documents named by docid, and gk_db_values_each reads one value
 * slot of every document as a stream.
 */
#include "shim.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

using namespace gk_shim;

namespace {

/* One value slot of a hit, copied out of Xapian. */
struct hit_value {
    unsigned slot;
    char *bytes; /* malloc'd, NUL-terminated */
    size_t len;
};

/* One hit, copied out of Xapian so that the accessors never touch it. */
struct hit {
    unsigned docid;
    double weight;
    unsigned long collapsed;
    char *data; /* malloc'd, NUL-terminated */
    size_t data_len;
    hit_value *values; /* malloc'd, one per slot set */
    size_t n_values;
};

} // namespace

struct gk_results {
    unsigned long total;
    int total_exact;
    size_t count;
    hit *hits; /* malloc'd array of count hits */
};

namespace {

/* Release one hit's copies. */
void hit_clear(hit *h)
{
    for (size_t i = 0; i < h->n_values; i++)
        std::free(h->values[i].bytes);
    std::free(h->values);
    std::free(h->data);
}

struct results_deleter {
    void operator()(gk_results *r) const { gk_results_free(r); }
};
using results_ptr = std::unique_ptr<gk_results, results_deleter>;

using slot_values = std::vector<std::pair<unsigned, std::string>>;

/* Every value slot of doc, the packed values (see pack_slot) as slots of
 * their own; the mirrors of numbers (mirror_slot) are left out. */
void every_value(const Xapian::Document &doc, slot_values &values)
{
    for (Xapian::ValueIterator v = doc.values_begin(); v != doc.values_end(); ++v) {
        if (is_mirror_slot(v.get_valueno()))
            continue;
        if (v.get_valueno() == pack_slot || v.get_valueno() == facet_pack_slot)
            unpack_values(*v, [&](unsigned slot, const char *b, size_t len) {
                values.emplace_back(slot, std::string(b, len));
            });
        else
            values.emplace_back(v.get_valueno(), *v);
    }
}

/* The slots of want (n of them) that doc has: each read as a value of its
 * own (a key or a number), and the two packs read once each only if some
 * slot was not found so.  Reading every value instead reads each slot the
 * document has, one lookup each (a report has a hundred: its figures,
 * their mirrors, its record).  A slot found in a pack before (homes, when
 * not NULL) is looked for in the packs first, and as a slot of its own
 * only when they lack it: a lookup of a slot that is not there is still a
 * search of the value table, and the link pass reads a few packed slots
 * of every report (at 20,000 reports a third of its lookups, a tenth of
 * their cost: callgrind).  What is found is the same either way. */
void wanted_values(const Xapian::Document &doc, const unsigned *want, size_t n,
                   slot_values &values, slot_homes *homes)
{
    enum { unknown, own, in_pack, in_facets };
    auto home = [homes](unsigned slot) -> unsigned char {
        return homes != nullptr && slot < GK_DB_MAX_SLOT
                   ? homes->at[slot].load(std::memory_order_relaxed)
                   : static_cast<unsigned char>(unknown);
    };
    auto learn = [homes](unsigned slot, unsigned char where) {
        if (homes != nullptr && slot < GK_DB_MAX_SLOT)
            homes->at[slot].store(where, std::memory_order_relaxed);
    };
    std::vector<bool> found(n, false), tried(n, false);
    size_t missing = n;
    /* want[k] looked up as a slot of its own */
    auto own_slot = [&](size_t k) {
        tried[k] = true;
        std::string v = doc.get_value(want[k]);
        if (v.empty())
            return;
        found[k] = true;
        missing--;
        learn(want[k], own);
        values.emplace_back(want[k], std::move(v));
    };
    for (size_t k = 0; k < n; k++) {
        unsigned char h = home(want[k]);
        if (h != in_pack && h != in_facets)
            own_slot(k);
    }
    for (Xapian::valueno pack : {pack_slot, facet_pack_slot}) {
        if (missing == 0)
            break;
        unsigned char where = pack == pack_slot ? in_pack : in_facets;
        unpack_values(doc.get_value(pack), [&](unsigned slot, const char *b, size_t len) {
            for (size_t k = 0; k < n; k++)
                if (want[k] == slot && !found[k]) {
                    found[k] = true;
                    missing--;
                    learn(slot, where);
                    values.emplace_back(slot, std::string(b, len));
                }
        });
    }
    for (size_t k = 0; k < n && missing > 0; k++)
        if (!found[k] && !tried[k])
            own_slot(k); /* in neither pack */
}

/* Copy document data (unless opts names slots without with_data) and the
 * value slots opts asks for (every one unless it names slots: then those,
 * and none when it names none) into h, zeroed beforehand. */
void hit_copy_document(hit *h, const Xapian::Document &doc, const gk_search_opts &opts,
                       slot_homes *homes)
{
    slot_values values;
    bool lean = opts.slots != nullptr;
    if (!lean || opts.with_data) {
        std::string data = doc.get_data();
        h->data = copy_bytes(data);
        h->data_len = data.size();
    }
    if (lean)
        wanted_values(doc, opts.slots, opts.nslots, values, homes);
    else
        every_value(doc, values);
    h->values = static_cast<hit_value *>(xmalloc(values.size() * sizeof *h->values));
    for (const auto &e : values) {
        hit_value *hv = &h->values[h->n_values];
        hv->slot = e.first;
        hv->bytes = copy_bytes(e.second);
        hv->len = e.second.size();
        h->n_values++;
    }
}

/* The largest weight a match of query can have: 0 for one without
 * weights (filters only).  Throws. */
double max_weight(const Xapian::Database &db, const Xapian::Query &query)
{
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return enquire.get_mset(0, 0).get_max_possible();
}

/* Run one search against db and copy the page out.  Throws. */
results_ptr run_search(const Xapian::Database &db, const Xapian::Query &query,
                       const gk_search_opts &opts, slot_homes *homes)
{
    Xapian::Enquire enquire(db);
    /* Xapian breaks ties by docid, and the docids of a stub interleave
     * its shards: ties follow tie_slot instead, so that one database and
     * any stub of shards give the same order.  In relevance order that
     * is Xapian's own tie-break by value.  Sorted by value (then
     * relevance), a query without weights (filters only) would still tie
     * everywhere: its weight becomes the tie number.  (A query with
     * weights sorted by value ties only where both value and weight are
     * equal, and keeps the docid there: docs/SCALE.md.) */
    bool tie_weights = false;
    enquire.set_query(query);
    if (opts.tie_slot > 0 && opts.sort_slot < 0)
        enquire.set_sort_by_relevance_then_value(opts.tie_slot, true);
    if (opts.tie_slot > 0 && opts.sort_slot >= 0 && max_weight(db, query) == 0) {
        enquire.set_query(Xapian::Query(
            Xapian::Query::OP_AND_MAYBE, query,
            Xapian::Query((new Xapian::ValueWeightPostingSource(opts.tie_slot))->release())));
        tie_weights = true;
    }
    if (opts.collapse_slot >= 0)
        enquire.set_collapse_key(static_cast<Xapian::valueno>(opts.collapse_slot));
    /* By value, with no KeyMaker (a remote database refuses key makers):
     * an unset slot sorts first in ascending byte order, so descending
     * sorts the number's own slot, and ascending sorts its mirror
     * (the number negated, see gk_doc_set_number) descending; either
     * way documents without a number come last. */
    if (opts.sort_slot >= 0) {
        Xapian::valueno slot = static_cast<Xapian::valueno>(opts.sort_slot);
        enquire.set_sort_by_value_then_relevance(
            opts.sort_descending ? slot : mirror_slot(slot), true);
    }
    /* Checking at least every document makes Xapian count the matches
     * (after collapsing) exactly instead of estimating; a smaller
     * check_at_least lets it stop early and estimate beyond. */
    Xapian::doccount check = db.get_doccount();
    if (opts.check_at_least > 0 && opts.check_at_least < check)
        check = opts.check_at_least;
    Xapian::MSet mset = enquire.get_mset(opts.offset, opts.limit, check);

    results_ptr r(static_cast<gk_results *>(xmalloc(sizeof(gk_results))));
    /* Xapian's estimate beyond check_at_least can be a third off: say
     * what is certain instead, the lower bound */
    r->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    r->total = r->total_exact ? mset.get_matches_estimated() : mset.get_matches_lower_bound();
    r->count = 0;
    r->hits = nullptr;
    size_t n = mset.size();
    r->hits = static_cast<hit *>(xmalloc(n * sizeof *r->hits));
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end() && r->count < n;
         ++it) {
        hit *h = &r->hits[r->count];
        std::memset(h, 0, sizeof *h);
        r->count++; /* counted now so that gk_results_free cleans it up */
        h->docid = *it;
        h->weight = tie_weights ? 0.0 : it.get_weight();
        h->collapsed = opts.collapse_slot >= 0 ? it.get_collapse_count() : 0;
        hit_copy_document(h, it.get_document(), opts, homes);
    }
    return r;
}

/* The documents docids[0..n) of db as a page of hits.  Throws. */
results_ptr read_documents(const Xapian::Database &db, const unsigned *docids, size_t n,
                           const gk_search_opts &opts, slot_homes *homes)
{
    results_ptr r(static_cast<gk_results *>(xmalloc(sizeof(gk_results))));
    r->total = n;
    r->total_exact = 1;
    r->count = 0;
    r->hits = static_cast<hit *>(xmalloc(n * sizeof *r->hits));
    for (size_t i = 0; i < n; i++) {
        hit *h = &r->hits[r->count];
        std::memset(h, 0, sizeof *h);
        r->count++; /* counted now so that gk_results_free cleans it up */
        h->docid = docids[i];
        /* looked up first (DocNotFoundError when there is none), then
         * read lazily, only what opts asks for */
        hit_copy_document(h, db.get_document(docids[i]), opts, homes);
    }
    return r;
}

/* The value in slot of hit i, or NULL. */
const hit_value *find_value(const gk_results *r, size_t i, unsigned slot)
{
    if (r == nullptr || i >= r->count)
        return nullptr;
    const hit *h = &r->hits[i];
    for (size_t k = 0; k < h->n_values; k++)
        if (h->values[k].slot == slot)
            return &h->values[k];
    return nullptr;
}

} // namespace

extern "C" {

/* Run q and copy one page of hits into *out (NULL on failure).  A reader
 * whose revision was discarded by a writer is reopened and the search run
 * again (see with_reopen), then GK_EDB. */
gk_status gk_db_search(gk_db *db, const gk_xquery *q,
                       const gk_search_opts *opts, gk_results **out,
                       char **errmsg)
{
    if (out == nullptr)
        return fail(errmsg, GK_EINVAL, "no place for the results");
    *out = nullptr;
    if (db == nullptr || q == nullptr || opts == nullptr)
        return fail(errmsg, GK_EINVAL, "no database, query or search options");
    try {
        *out = with_reopen(db, [db, q, opts] {
                   return run_search(db->db, resolve_query(*q, db->db), *opts, db->homes.get());
               }).release();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* The documents docids[0..n) as a page of hits, read as a search reads
 * them; GK_ENOTFOUND for a docid without a document. */
gk_status gk_db_docs_get(gk_db *db, const unsigned *docids, size_t n, const unsigned *slots,
                         size_t nslots, int with_data, gk_results **out, char **errmsg)
{
    if (out == nullptr)
        return fail(errmsg, GK_EINVAL, "no place for the results");
    *out = nullptr;
    if (db == nullptr || (docids == nullptr && n > 0))
        return fail(errmsg, GK_EINVAL, "no database or documents");
    for (size_t i = 0; i < n; i++)
        if (docids[i] == 0)
            return fail(errmsg, GK_ENOTFOUND, "no document with that docid");
    gk_search_opts opts{};
    opts.slots = slots;
    opts.nslots = nslots;
    opts.with_data = with_data;
    try {
        *out = with_reopen(db, [db, docids, n, &opts] {
                   return read_documents(db->db, docids, n, opts, db->homes.get());
               }).release();
        return GK_OK;
    } catch (const Xapian::DocNotFoundError &) {
        return fail(errmsg, GK_ENOTFOUND, "no document with that docid");
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* fn for each document holding slot, in docid order, from the slot's
 * value stream. */
gk_status gk_db_values_each(gk_db *db, unsigned slot, gk_db_value_fn fn, void *ctx,
                            char **errmsg)
{
    if (db == nullptr || fn == nullptr)
        return fail(errmsg, GK_EINVAL, "no database or function");
    try {
        for (Xapian::ValueIterator v = db->db.valuestream_begin(slot);
             v != db->db.valuestream_end(slot); ++v) {
            std::string bytes = *v;
            gk_status st = fn(ctx, v.get_docid(), bytes.data(), bytes.size());
            if (st != GK_OK)
                return st;
        }
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Docid of hit i; 0 if i is out of range. */
unsigned gk_results_docid(const gk_results *r, size_t i)
{
    return r == nullptr || i >= r->count ? 0 : r->hits[i].docid;
}

/* Hits in this page; 0 for NULL. */
size_t gk_results_count(const gk_results *r)
{
    return r == nullptr ? 0 : r->count;
}

/* Number of matches (after collapsing), exact or estimated; 0 for NULL. */
unsigned long gk_results_total(const gk_results *r)
{
    return r == nullptr ? 0 : r->total;
}

/* Whether gk_results_total is exact; 1 for NULL (0 of 0). */
int gk_results_total_exact(const gk_results *r)
{
    return r == nullptr ? 1 : r->total_exact;
}

/* Weight of hit i; 0 if i is out of range. */
double gk_results_score(const gk_results *r, size_t i)
{
    return r == nullptr || i >= r->count ? 0.0 : r->hits[i].weight;
}

/* Documents collapsed into hit i; 0 if i is out of range. */
unsigned long gk_results_collapsed(const gk_results *r, size_t i)
{
    return r == nullptr || i >= r->count ? 0 : r->hits[i].collapsed;
}

/* Value slot `slot` of hit i; "" and 0 if unset or i is out of range. */
void gk_results_value(const gk_results *r, size_t i, unsigned slot,
                      const char **bytes, size_t *len)
{
    const hit_value *v = find_value(r, i, slot);
    if (bytes != nullptr)
        *bytes = v != nullptr ? v->bytes : "";
    if (len != nullptr)
        *len = v != nullptr ? v->len : 0;
}

/* The number in slot of hit i: 1 and *out set, or 0 if the slot is unset. */
int gk_results_number(const gk_results *r, size_t i, unsigned slot,
                      double *out)
{
    const hit_value *v = find_value(r, i, slot);
    if (v == nullptr || v->len == 0)
        return 0;
    try {
        /* A serialised number is at most 9 bytes: the std::string stays in
         * its small buffer and sortable_unserialise does not throw. */
        double value = Xapian::sortable_unserialise(std::string(v->bytes, v->len));
        if (out != nullptr)
            *out = value;
        return 1;
    } catch (...) {
        return 0;
    }
}

/* Data blob of hit i; "" and 0 if i is out of range. */
void gk_results_data(const gk_results *r, size_t i, const char **bytes,
                     size_t *len)
{
    bool ok = r != nullptr && i < r->count;
    if (bytes != nullptr)
        *bytes = ok && r->hits[i].data != nullptr ? r->hits[i].data : "";
    if (len != nullptr)
        *len = ok ? r->hits[i].data_len : 0;
}

/* Release r.  A harmless no-op on NULL. */
void gk_results_free(gk_results *r)
{
    if (r == nullptr)
        return;
    for (size_t i = 0; i < r->count; i++)
        hit_clear(&r->hits[i]);
    std::free(r->hits);
    std::free(r);
}

} /* extern "C" */

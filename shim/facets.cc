/* gk_db.cc - the C API of gk_db.h over Xapian.
 *
 * The only C++ in gongkai and the only code that names Xapian.  Each handle
 * is a small struct around one Xapian object; every extern "C" function
 * catches every exception and turns it into a gk_status plus a one-line
 * malloc'd message (see translate_exception).  Nothing here prints.
 * Everything handed to C is copied into malloc'd memory.
 */
#include "shim.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <unordered_set>
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

/* One facet's counts, copied out of C++ containers. */
struct facet_list {
    gk_facet_count *counts; /* malloc'd; value/pair strings malloc'd */
    size_t n;
};

struct gk_facets {
    facet_list *lists; /* malloc'd, one per spec */
    size_t n;
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

/* Copy document data and every value slot into h (zeroed beforehand),
 * the packed values (see pack_slot) as slots of their own. */
void hit_copy_document(hit *h, const Xapian::Document &doc)
{
    std::string data = doc.get_data();
    h->data = copy_bytes(data);
    h->data_len = data.size();
    std::vector<std::pair<unsigned, std::string>> values;
    for (Xapian::ValueIterator v = doc.values_begin(); v != doc.values_end(); ++v) {
        if (v.get_valueno() == pack_slot || v.get_valueno() == facet_pack_slot)
            unpack_values(*v, [&](unsigned slot, const char *b, size_t len) {
                values.emplace_back(slot, std::string(b, len));
            });
        else
            values.emplace_back(v.get_valueno(), *v);
    }
    h->values = static_cast<hit_value *>(xmalloc(values.size() * sizeof *h->values));
    for (const auto &e : values) {
        hit_value *hv = &h->values[h->n_values];
        hv->slot = e.first;
        hv->bytes = copy_bytes(e.second);
        hv->len = e.second.size();
        h->n_values++;
    }
}

/* Sort keys that put documents without a value in the slot after all
 * others, in either direction: a present value is prefixed so that it
 * sorts before the key of a missing one (after it, when Xapian reverses). */
class missing_last_key : public Xapian::KeyMaker {
  public:
    missing_last_key(Xapian::valueno slot, bool descending)
        : slot_(slot), descending_(descending) {}

    std::string operator()(const Xapian::Document &doc) const override
    {
        std::string v = doc.get_value(slot_);
        if (v.empty())
            return std::string(1, descending_ ? '\0' : '\1');
        return std::string(1, descending_ ? '\1' : '\0') + v;
    }

  private:
    Xapian::valueno slot_;
    bool descending_;
};

/* Collects the document ids of every match (the matcher calls it for
 * every match when check_at_least covers the whole database). */
class docid_spy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document &doc, double) override
    {
        ids.push_back(doc.get_docid());
    }
    std::vector<Xapian::docid> ids;
};

/* The values of some slots for documents visited in ascending docid
 * order, each slot read as a stream: Xapian caches only the value chunk
 * of the slot read last, so reading several slots document by document
 * would look every chunk up again. */
class value_reader {
  public:
    value_reader(const Xapian::Database &db, const std::vector<unsigned> &slots)
        : db_(db), slots_(slots)
    {
        for (unsigned s : slots_)
            its_.push_back(db_.valuestream_begin(s));
    }

    /* Move to document did (ascending from call to call). */
    void go(Xapian::docid did)
    {
        did_ = did;
        unpacked_ = false;
        packed_.clear();
    }

    /* The value of slot (one of the slots given, or a facet value) at
     * the current document; "" if unset. */
    std::string get(unsigned slot)
    {
        std::string v = raw(slot);
        if (!v.empty() || slot == facet_pack_slot)
            return v;
        if (!unpacked_) {
            packed_ = raw(facet_pack_slot);
            unpacked_ = true;
        }
        unpack_values(packed_, [&](unsigned s, const char *b, size_t len) {
            if (s == slot && v.empty())
                v.assign(b, len);
        });
        return v;
    }

  private:
    std::string raw(unsigned slot)
    {
        for (size_t i = 0; i < slots_.size(); i++) {
            if (slots_[i] != slot)
                continue;
            Xapian::ValueIterator &it = its_[i];
            if (it == db_.valuestream_end(slot))
                return std::string();
            if (it.get_docid() < did_)
                it.skip_to(did_);
            if (it == db_.valuestream_end(slot) || it.get_docid() != did_)
                return std::string();
            return *it;
        }
        return std::string();
    }

    const Xapian::Database &db_;
    std::vector<unsigned> slots_;
    std::vector<Xapian::ValueIterator> its_;
    Xapian::docid did_ = 0;
    std::string packed_;
    bool unpacked_ = false;
};

/* Counts facet values over documents, once per unit (report) and value.
 * A per_unit spec is read only at the first document of each unit; the
 * others are deduplicated per unit and value. */
class facet_counter {
  public:
    facet_counter(unsigned unit_slot, const gk_facet_spec *specs, size_t n)
        : unit_(unit_slot), specs_(specs, specs + n), counts_(n), seen_(n) {}

    /* The slots to read (facet_pack_slot included). */
    std::vector<unsigned> slots() const
    {
        std::vector<unsigned> out{unit_, facet_pack_slot};
        for (const gk_facet_spec &s : specs_) {
            out.push_back(s.slot);
            if (s.pair_slot >= 0)
                out.push_back(static_cast<unsigned>(s.pair_slot));
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    void add(value_reader &doc)
    {
        std::string unit = doc.get(unit_);
        /* a document without a unit is a unit of its own */
        bool first = unit.empty() || units_.insert(unit).second;
        for (size_t i = 0; i < specs_.size(); i++) {
            const gk_facet_spec &s = specs_[i];
            if (s.per_unit && !first)
                continue;
            std::vector<std::string> firsts = values(doc, s.slot, s.numeric, s.split);
            std::vector<std::string> seconds;
            if (s.pair_slot >= 0) {
                seconds = values(doc, static_cast<unsigned>(s.pair_slot), s.pair_numeric, 0);
                if (seconds.empty())
                    continue;
            }
            bool dedupe = !s.per_unit && !unit.empty();
            for (const std::string &a : firsts) {
                if (seconds.empty()) {
                    count(i, dedupe, unit, a, std::string(), false);
                } else {
                    for (const std::string &b : seconds)
                        count(i, dedupe, unit, a, b, true);
                }
            }
        }
    }

    typedef std::map<std::pair<std::string, std::string>, unsigned long> count_map;
    const std::vector<count_map> &counts() const { return counts_; }

  private:
    /* The values of slot: a number written out, a list split, and no
     * value listed twice. */
    static std::vector<std::string> values(value_reader &doc, unsigned slot, int numeric,
                                           char split)
    {
        std::vector<std::string> out;
        std::string v = doc.get(slot);
        if (v.empty())
            return out;
        if (numeric) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.15g", Xapian::sortable_unserialise(v));
            out.push_back(buf);
            return out;
        }
        if (split == 0) {
            out.push_back(v);
            return out;
        }
        size_t start = 0;
        for (;;) {
            size_t end = v.find(split, start);
            std::string part = v.substr(start, end == std::string::npos ? end : end - start);
            if (!part.empty() && std::find(out.begin(), out.end(), part) == out.end())
                out.push_back(part);
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
        return out;
    }

    void count(size_t i, bool dedupe, const std::string &unit, const std::string &a,
               const std::string &b, bool paired)
    {
        if (dedupe) {
            std::string key = unit;
            key += '\0';
            key += a;
            key += '\0';
            key += b;
            if (!seen_[i].insert(key).second)
                return;
        }
        counts_[i][std::make_pair(a, paired ? b : std::string())]++;
    }

    unsigned unit_;
    std::vector<gk_facet_spec> specs_;
    std::vector<count_map> counts_;
    std::vector<std::unordered_set<std::string>> seen_;
    std::unordered_set<std::string> units_;
};

/* Run one search against db and copy the page out.  Throws. */
results_ptr run_search(const Xapian::Database &db, const Xapian::Query &query,
                       const gk_search_opts &opts)
{
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    if (opts.collapse_slot >= 0)
        enquire.set_collapse_key(static_cast<Xapian::valueno>(opts.collapse_slot));
    /* lives as long as enquire, which keeps a pointer to it */
    missing_last_key sorter(static_cast<Xapian::valueno>(opts.sort_slot < 0 ? 0 : opts.sort_slot),
                            opts.sort_descending != 0);
    if (opts.sort_slot >= 0)
        enquire.set_sort_by_key_then_relevance(&sorter, opts.sort_descending != 0);
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
        h->weight = it.get_weight();
        h->collapsed = opts.collapse_slot >= 0 ? it.get_collapse_count() : 0;
        hit_copy_document(h, it.get_document());
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

struct facets_deleter {
    void operator()(gk_facets *f) const { gk_facets_free(f); }
};
using facets_ptr = std::unique_ptr<gk_facets, facets_deleter>;

/* Count the facets of specs over every match of query in db and copy them
 * out, sorted.  Throws. */
facets_ptr count_facets(const Xapian::Database &db, const Xapian::Query &query,
                        unsigned unit_slot, const gk_facet_spec *specs,
                        size_t nspecs)
{
    docid_spy spy;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    std::sort(spy.ids.begin(), spy.ids.end());
    facet_counter counter(unit_slot, specs, nspecs);
    value_reader reader(db, counter.slots());
    for (Xapian::docid did : spy.ids) {
        reader.go(did);
        counter.add(reader);
    }
    facets_ptr f(static_cast<gk_facets *>(xmalloc(sizeof(gk_facets))));
    f->n = 0;
    f->lists = nullptr;
    f->lists = static_cast<facet_list *>(xmalloc((nspecs ? nspecs : 1) * sizeof *f->lists));
    for (size_t i = 0; i < nspecs; i++) {
        const facet_counter::count_map &m = counter.counts()[i];
        std::vector<std::pair<unsigned long, std::pair<std::string, std::string>>> v;
        for (const auto &e : m)
            v.push_back(std::make_pair(e.second, e.first));
        std::sort(v.begin(), v.end(), [](const auto &x, const auto &y) {
            return x.first != y.first ? x.first > y.first : x.second < y.second;
        });
        facet_list *l = &f->lists[f->n];
        l->n = 0;
        l->counts = static_cast<gk_facet_count *>(xmalloc((v.size() ? v.size() : 1) * sizeof *l->counts));
        f->n++; /* counted now so that gk_facets_free cleans it up */
        for (const auto &e : v) {
            gk_facet_count *c = &l->counts[l->n];
            c->value = copy_bytes(e.second.first);
            c->pair = nullptr;
            l->n++;
            c->count = e.first;
            if (specs[i].pair_slot >= 0)
                c->pair = copy_bytes(e.second.second);
        }
    }
    return f;
}

} // namespace

extern "C" {

/* ---- searching ---------------------------------------------------------- */

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
                   return run_search(db->db, resolve_query(*q, db->db), *opts);
               }).release();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

/* Count facets over every match of q; see gk_db.h.  Retries like
 * gk_db_search on a database modified underneath. */
gk_status gk_db_facets(gk_db *db, const gk_xquery *q, unsigned unit_slot,
                       const gk_facet_spec *specs, size_t nspecs,
                       gk_facets **out, char **errmsg)
{
    if (out == nullptr)
        return fail(errmsg, GK_EINVAL, "no place for the facets");
    *out = nullptr;
    if (db == nullptr || q == nullptr || (specs == nullptr && nspecs > 0))
        return fail(errmsg, GK_EINVAL, "no database, query or facets");
    try {
        *out = with_reopen(db, [&] {
                   return count_facets(db->db, resolve_query(*q, db->db), unit_slot,
                                       specs, nspecs);
               }).release();
        return GK_OK;
    } catch (...) {
        return translate_exception(errmsg, &db->path);
    }
}

size_t gk_facets_size(const gk_facets *f, size_t i)
{
    return f == nullptr || i >= f->n ? 0 : f->lists[i].n;
}

const gk_facet_count *gk_facets_get(const gk_facets *f, size_t i, size_t k)
{
    if (f == nullptr || i >= f->n || k >= f->lists[i].n)
        return nullptr;
    return &f->lists[i].counts[k];
}

void gk_facets_free(gk_facets *f)
{
    if (f == nullptr)
        return;
    for (size_t i = 0; i < f->n; i++) {
        for (size_t k = 0; k < f->lists[i].n; k++) {
            std::free(const_cast<char *>(f->lists[i].counts[k].value));
            std::free(const_cast<char *>(f->lists[i].counts[k].pair));
        }
        std::free(f->lists[i].counts);
    }
    std::free(f->lists);
    std::free(f);
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
        *bytes = ok ? r->hits[i].data : "";
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

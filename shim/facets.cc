/* facets.cc - counting facet values over every match (gk_db_facets).
 *
 * A match spy (facet_spy) is handed every match and reads the values of
 * that document (the facet pack, and any slot of its own), and
 * facet_counter counts each value once per unit.  No docid is kept: with
 * a stub of several databases it would be a shard's own.  The counts are
 * copied out, sorted, into a gk_facets.
 */
#include "shim.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

using namespace gk_shim;

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

/* Bytes borrowed from a document's values, valid while it is. */
struct bytes_ref {
    const char *p;
    size_t n;
    bool empty() const { return n == 0; }
    bool operator==(const bytes_ref &o) const
    {
        return n == o.n && std::memcmp(p, o.p, n) == 0;
    }
};

/* The values of the one document a spy is handed: its facet pack read and
 * unpacked once, a slot outside it read on its own; or those of a facet
 * pack alone, as Xapian's ValueCountMatchSpy counted it.  What get
 * returns points into this object. */
class doc_values {
  public:
    /* Each reset makes it another document's, reusing its memory. */
    doc_values() = default;
    /* doc, its facet pack (engine slot pack) read when first asked for */
    void reset(const Xapian::Document &doc, Xapian::valueno pack = facet_pack_slot)
    {
        clear(&doc);
        pack_ = pack;
    }
    /* doc, whose facet pack is packed (read from a value stream) */
    void reset(const Xapian::Document &doc, std::string &&packed)
    {
        clear(&doc);
        packed_ = std::move(packed);
        unpack();
    }
    /* a facet pack alone */
    void reset(const std::string &packed)
    {
        clear(nullptr);
        packed_ = packed;
        unpack();
    }

    /* The value of slot; empty if unset. */
    bytes_ref get(unsigned slot)
    {
        if (!unpacked_) {
            packed_ = doc_->get_value(pack_);
            unpack();
        }
        for (const entry &e : entries_)
            if (e.slot == slot)
                return bytes_ref{packed_.data() + e.off, e.len};
        if (doc_ == nullptr)
            return bytes_ref{"", 0};
        /* read once: what an earlier get returned stays valid */
        auto it = own_.find(slot);
        if (it == own_.end())
            it = own_.emplace(slot, doc_->get_value(slot)).first;
        return bytes_ref{it->second.data(), it->second.size()};
    }

  private:
    struct entry {
        unsigned slot;
        size_t off, len;
    };

    void clear(const Xapian::Document *doc)
    {
        doc_ = doc;
        packed_.clear();
        unpacked_ = false;
        entries_.clear();
        own_.clear();
    }

    void unpack()
    {
        unpacked_ = true;
        unpack_values(packed_, [&](unsigned slot, const char *b, size_t len) {
            entries_.push_back(entry{slot, static_cast<size_t>(b - packed_.data()), len});
        });
    }

    const Xapian::Document *doc_ = nullptr; /* or nullptr: the pack alone */
    Xapian::valueno pack_ = facet_pack_slot; /* which of doc_'s packs */
    std::string packed_;
    bool unpacked_ = false;
    std::vector<entry> entries_;
    std::map<unsigned, std::string> own_; /* slots outside the pack */
};

/* Counts by key (bytes): an open-addressing table of the keys' hashes,
 * offsets and counts, the keys' bytes back to back in one string.  It is
 * added to once per match and value, so over a million matches its cost
 * is the facets' own: the std::unordered_map<std::string> it replaces
 * (hashing, a node per key, string compares) was 15% of a facet query
 * (docs/BENCHMARKS.md, stop 31). */
class key_counts {
  public:
    /* Add times to key's count. */
    void add(const std::string &key, unsigned long times)
    {
        uint64_t h = hash(key.data(), key.size());
        if ((n_ + 1) * 2 > slots_.size())
            grow();
        size_t mask = slots_.size() - 1;
        for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
            slot &e = slots_[i];
            if (e.hash == 0) {
                e = slot{h, bytes_.size(), key.size(), times};
                bytes_ += key;
                n_++;
                return;
            }
            if (e.hash == h && e.len == key.size() &&
                std::memcmp(bytes_.data() + e.off, key.data(), key.size()) == 0) {
                e.count += times;
                return;
            }
        }
    }

    /* fn(key bytes, key length, count) for every key. */
    template <typename Fn>
    void each(Fn fn) const
    {
        for (const slot &e : slots_)
            if (e.hash != 0)
                fn(bytes_.data() + e.off, e.len, e.count);
    }

  private:
    struct slot {
        uint64_t hash; /* 0: free */
        size_t off, len;
        unsigned long count;
    };

    /* FNV-1a, never 0 */
    static uint64_t hash(const char *p, size_t n)
    {
        uint64_t h = 1469598103934665603ull;
        for (size_t i = 0; i < n; i++)
            h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ull;
        h ^= h >> 32;
        return h != 0 ? h : 1;
    }

    void grow()
    {
        std::vector<slot> old(slots_.size() ? 2 * slots_.size() : 16, slot{0, 0, 0, 0});
        old.swap(slots_);
        size_t mask = slots_.size() - 1;
        for (const slot &e : old)
            if (e.hash != 0) {
                size_t i = static_cast<size_t>(e.hash) & mask;
                while (slots_[i].hash != 0)
                    i = (i + 1) & mask;
                slots_[i] = e;
            }
    }

    std::vector<slot> slots_;
    std::string bytes_;
    size_t n_ = 0;
};

/* Counts facet values over documents, once per unit (report) and value.
 * A per_unit spec is read only at the first document of each unit; the
 * others are deduplicated per unit and value.  Each value (or pair) is
 * counted under its bytes as stored, in a hash table, and written out
 * (numbers formatted) only once, when the counts are copied out: over a
 * million matches, that per-match work is what facets cost. */
class facet_counter {
  public:
    facet_counter(unsigned unit_slot, const gk_facet_spec *specs, size_t n)
        : unit_(unit_slot), specs_(specs, specs + n), counts_(n), seen_(n), same_(n)
    {
        /* a spec asked for twice (a field's values and its whole values
         * are alike when it holds no list) is counted once */
        for (size_t i = 0; i < n; i++) {
            same_[i] = i;
            for (size_t j = 0; j < i && same_[i] == i; j++)
                if (alike(specs_[i], specs_[j]))
                    same_[i] = j;
        }
    }

    /* Count the values of doc, which stands for `times` documents
     * (with a unit slot, 1). */
    void add(doc_values &doc, unsigned long times = 1)
    {
        bytes_ref u = unit_ == GK_DB_MAX_SLOT ? bytes_ref{"", 0} : doc.get(unit_);
        std::string unit(u.p, u.n);
        /* a document without a unit is a unit of its own */
        bool first = unit.empty() || units_.insert(unit).second;
        for (size_t i = 0; i < specs_.size(); i++) {
            const gk_facet_spec &s = specs_[i];
            if ((s.per_unit && !first) || s.nqueries > 0 || same_[i] != i)
                continue;
            values(doc, s.slot, s.numeric ? 0 : s.split, firsts_);
            bytes_ref second{"", 0};
            bool paired = s.pair_slot >= 0;
            if (paired) {
                second = doc.get(static_cast<unsigned>(s.pair_slot));
                if (second.empty())
                    continue;
            }
            bool dedupe = !s.per_unit && !unit.empty();
            for (const bytes_ref &a : firsts_)
                count(i, dedupe, unit, a, second, times);
        }
    }

    /* Count value for spec i once per match (a spec counted by queries:
     * see count_by_queries). */
    void add_value(size_t i, const std::string &value, doc_values &doc,
                   unsigned long times = 1)
    {
        const gk_facet_spec &s = specs_[i];
        bytes_ref a{value.data(), value.size()}, second{"", 0};
        if (s.pair_slot >= 0) {
            second = doc.get(static_cast<unsigned>(s.pair_slot));
            if (second.empty())
                return;
        }
        count(i, false, std::string(), a, second, times);
    }

    /* Spec i's counts: (value, pair value or "") -> count, numbers
     * written out, sorted by count (largest first), then value. */
    std::vector<std::pair<unsigned long, std::pair<std::string, std::string>>>
    sorted(size_t i) const
    {
        const gk_facet_spec &s = specs_[i];
        std::map<std::pair<std::string, std::string>, unsigned long> m;
        counts_[same_[i]].each([&](const char *key, size_t len, unsigned long n) {
            const char *p = key, *end = p + len;
            size_t alen = 0;
            get_varint(p, end, &alen);
            std::string a(p, alen), b(p + alen, end);
            if (s.numeric && s.nqueries == 0)
                a = number(a);
            if (s.pair_slot >= 0 && s.pair_numeric)
                b = number(b);
            /* two stored numbers may write out alike: summed */
            m[std::make_pair(a, b)] += n;
        });
        std::vector<std::pair<unsigned long, std::pair<std::string, std::string>>> v;
        v.reserve(m.size());
        for (const auto &e : m)
            v.push_back(std::make_pair(e.second, e.first));
        std::sort(v.begin(), v.end(), [](const auto &x, const auto &y) {
            return x.first != y.first ? x.first > y.first : x.second < y.second;
        });
        return v;
    }

  private:
    /* Specs that count the same thing the same way. */
    static bool alike(const gk_facet_spec &a, const gk_facet_spec &b)
    {
        return a.nqueries == 0 && b.nqueries == 0 && a.slot == b.slot &&
               !a.numeric == !b.numeric && (a.numeric ? 0 : a.split) == (b.numeric ? 0 : b.split) &&
               a.pair_slot == b.pair_slot && (a.pair_slot < 0 || !a.pair_numeric == !b.pair_numeric) &&
               !a.per_unit == !b.per_unit;
    }

    static std::string number(const std::string &stored)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.15g", Xapian::sortable_unserialise(stored));
        return buf;
    }

    /* The values of slot into out: the value whole, or a list split with
     * no part listed twice (a number is one value, written out later). */
    static void values(doc_values &doc, unsigned slot, char split,
                       std::vector<bytes_ref> &out)
    {
        out.clear();
        bytes_ref v = doc.get(slot);
        if (v.empty())
            return;
        if (split == 0) {
            out.push_back(v);
            return;
        }
        const char *p = v.p, *end = v.p + v.n;
        for (;;) {
            const char *q = static_cast<const char *>(std::memchr(p, split, end - p));
            if (q == nullptr)
                q = end;
            bytes_ref part{p, static_cast<size_t>(q - p)};
            if (!part.empty() && std::find(out.begin(), out.end(), part) == out.end())
                out.push_back(part);
            if (q == end)
                break;
            p = q + 1;
        }
    }

    void count(size_t i, bool dedupe, const std::string &unit, const bytes_ref &a,
               const bytes_ref &b, unsigned long times)
    {
        /* the key: a's length, a, then b (stored numbers may hold any byte) */
        key_.clear();
        put_varint(key_, a.n);
        key_.append(a.p, a.n);
        key_.append(b.p, b.n);
        if (dedupe && !seen_[i].insert(unit + '\0' + key_).second)
            return;
        counts_[i].add(key_, times);
    }

    unsigned unit_;
    std::vector<gk_facet_spec> specs_;
    std::vector<key_counts> counts_;
    std::vector<std::unordered_set<std::string>> seen_;
    std::unordered_set<std::string> units_;
    std::vector<size_t> same_;      /* spec i is counted as spec same_[i] */
    std::vector<bytes_ref> firsts_; /* reused from match to match */
    std::string key_;
};

struct facets_deleter {
    void operator()(gk_facets *f) const { gk_facets_free(f); }
};
using facets_ptr = std::unique_ptr<gk_facets, facets_deleter>;

/* Counts the facets of every match from the values of the document it
 * is handed.  Searching one database (single), whose docids are its own,
 * the facet packs are read from its value stream, moved forward to each
 * match (the matcher hands them over in docid order): one chunk of the
 * stream serves the many matches in it, where reading each document's
 * value looks its chunk up in the B-tree again and copies it.  Otherwise
 * (a stub of shards, where a docid inside a spy is a shard's own), from
 * the document alone. */
class facet_spy : public Xapian::MatchSpy {
  public:
    /* pack: the engine slot of the pack to read (narrow_pack_slot when no
     * spec is wide) */
    facet_spy(facet_counter &counter, const Xapian::Database *single, Xapian::valueno pack)
        : counter_(counter), single_(single), pack_(pack) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        Xapian::docid did = single_ != nullptr ? doc.get_docid() : 0;
        if (did == 0 || did <= last_) {
            /* not one database, or out of docid order: the document's own */
            values_.reset(doc, pack_);
            counter_.add(values_);
            return;
        }
        if (!started_) {
            packs_ = single_->valuestream_begin(pack_);
            started_ = true;
        }
        if (packs_ != Xapian::ValueIterator() && packs_.get_docid() < did)
            packs_.skip_to(did);
        last_ = did;
        bool has = packs_ != Xapian::ValueIterator() && packs_.get_docid() == did;
        values_.reset(doc, has ? *packs_ : std::string());
        counter_.add(values_);
    }

  private:
    facet_counter &counter_;
    doc_values values_; /* reused from match to match */
    const Xapian::Database *single_;
    Xapian::valueno pack_;
    Xapian::ValueIterator packs_;
    bool started_ = false;
    Xapian::docid last_ = 0;
};

/* Hands every match to counter.add_value for one value of one spec. */
class value_spy : public Xapian::MatchSpy {
  public:
    value_spy(facet_counter &counter, size_t spec, const std::string &value)
        : counter_(counter), spec_(spec), value_(value) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        values_.reset(doc);
        counter_.add_value(spec_, value_, values_);
    }

  private:
    facet_counter &counter_;
    doc_values values_;
    size_t spec_;
    std::string value_;
};

/* Every match of query, its facet pack (pack: facet_pack_slot, or
 * narrow_pack_slot when every value counted is narrow) counted by
 * Xapian's own ValueCountMatchSpy (the only spy a remote shard runs:
 * xapian-tcpsrv knows no other), handed to fn(pack, how many matches have
 * it).  Throws. */
template <typename Fn>
void count_packs(const Xapian::Database &db, const Xapian::Query &query, Xapian::valueno pack,
                 Fn fn)
{
    Xapian::ValueCountMatchSpy spy(pack);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    for (Xapian::TermIterator v = spy.values_begin(); v != spy.values_end(); ++v)
        fn(*v, static_cast<unsigned long>(v.get_termfreq()));
}

/* The specs counted by queries: each of their queries ANDed with query,
 * every match counted (by_pack: from the facet packs, see count_packs).
 * Throws. */
void count_by_queries(const Xapian::Database &db, const Xapian::Query &query,
                      const gk_facet_spec *specs, size_t nspecs, facet_counter &counter,
                      bool by_pack)
{
    for (size_t i = 0; i < nspecs; i++) {
        for (size_t k = 0; k < specs[i].nqueries; k++) {
            Xapian::Query both(Xapian::Query::OP_AND, query,
                               resolve_query(*specs[i].queries[k], db));
            std::string value = specs[i].query_values[k];
            if (by_pack) {
                Xapian::valueno slot = specs[i].wide ? facet_pack_slot : narrow_pack_slot;
                count_packs(db, both, slot, [&](const std::string &pack, unsigned long n) {
                    doc_values values;
                    values.reset(pack);
                    counter.add_value(i, value, values, n);
                });
                continue;
            }
            value_spy spy(counter, i, value);
            Xapian::Enquire enquire(db);
            enquire.set_query(both);
            enquire.add_matchspy(&spy);
            enquire.get_mset(0, 0, db.get_doccount());
        }
    }
}

/* Count the facets of specs over every match of query in db into
 * counter: document by document (facet_spy), or with by_pack from the
 * facet packs (count_packs).  Throws; Xapian::UnimplementedError from a
 * remote shard asked to run facet_spy. */
void count_into(const Xapian::Database &db, const Xapian::Query &query,
                const gk_facet_spec *specs, size_t nspecs, facet_counter &counter,
                bool by_pack, bool single)
{
    /* the narrow pack holds every value asked for unless a spec is wide
     * (a spec counted by queries reads its own: count_by_queries) */
    bool wide = false;
    for (size_t i = 0; i < nspecs; i++)
        wide = wide || (specs[i].wide && specs[i].nqueries == 0);
    Xapian::valueno pack = wide ? facet_pack_slot : narrow_pack_slot;
    if (by_pack) {
        count_packs(db, query, pack, [&](const std::string &bytes, unsigned long n) {
            doc_values values;
            values.reset(bytes);
            counter.add(values, n);
        });
    } else {
        facet_spy spy(counter, single ? &db : nullptr, pack);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, db.get_doccount());
    }
    count_by_queries(db, query, specs, nspecs, counter, by_pack);
}

/* Count the facets of specs over every match of query in db and copy them
 * out, sorted.  Document by document where it can (locally: 1.5 to 3
 * times faster than from the packs, docs/SCALE.md); a stub with a remote
 * shard refuses facet_spy (xapian-tcpsrv runs no spy but its own), and
 * then, every document being its own unit, from the facet packs, which
 * each shard counts itself and sends in one reply.  Throws. */
facets_ptr count_facets(const gk_db *gdb, const gk_xquery &q, unsigned unit_slot,
                        const gk_facet_spec *specs, size_t nspecs)
{
    std::unique_ptr<facet_counter> counter(new facet_counter(unit_slot, specs, nspecs));
    if (!gdb->parts.empty()) {
        /* one local database at a time, each report in one of them */
        for (const Xapian::Database &part : gdb->parts)
            count_into(part, resolve_query(q, part), specs, nspecs, *counter, false, true);
    } else {
        const Xapian::Database &db = gdb->db;
        Xapian::Query query = resolve_query(q, db);
        try {
            count_into(db, query, specs, nspecs, *counter, false, false);
        } catch (const Xapian::UnimplementedError &) {
            if (unit_slot != GK_DB_MAX_SLOT)
                throw;
            counter.reset(new facet_counter(unit_slot, specs, nspecs));
            count_into(db, query, specs, nspecs, *counter, true, false);
        }
    }
    facets_ptr f(static_cast<gk_facets *>(xmalloc(sizeof(gk_facets))));
    f->n = 0;
    f->lists = nullptr;
    f->lists = static_cast<facet_list *>(xmalloc((nspecs ? nspecs : 1) * sizeof *f->lists));
    for (size_t i = 0; i < nspecs; i++) {
        const auto v = counter->sorted(i);
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
    for (size_t i = 0; i < nspecs; i++)
        for (size_t k = 0; k < specs[i].nqueries; k++)
            if (specs[i].queries == nullptr || specs[i].queries[k] == nullptr ||
                specs[i].query_values == nullptr || specs[i].query_values[k] == nullptr)
                return fail(errmsg, GK_EINVAL, "a facet query is missing");
    try {
        *out = with_reopen(db, [&] {
                   return count_facets(db, *q, unit_slot, specs, nspecs);
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

} /* extern "C" */

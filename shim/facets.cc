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
#include <cstdio>
#include <cstdlib>
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

/* The values of the one document a spy is handed: a slot of its own,
 * or a facet value of the facet pack (read once per document); or those
 * of a facet pack alone, as Xapian's ValueCountMatchSpy counted it. */
class doc_values {
  public:
    explicit doc_values(const Xapian::Document &doc) : doc_(&doc) {}
    explicit doc_values(const std::string &packed)
        : doc_(nullptr), packed_(packed), unpacked_(true) {}

    /* The value of slot; "" if unset. */
    std::string get(unsigned slot)
    {
        if (!unpacked_) {
            packed_ = doc_->get_value(facet_pack_slot);
            unpacked_ = true;
        }
        std::string v;
        bool found = false;
        unpack_values(packed_, [&](unsigned s, const char *b, size_t len) {
            if (s == slot && !found) {
                v.assign(b, len);
                found = true;
            }
        });
        return found || doc_ == nullptr ? v : doc_->get_value(slot);
    }

  private:
    const Xapian::Document *doc_; /* or nullptr: the pack alone */
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

    /* Count the values of doc, which stands for `times` documents
     * (with a unit slot, 1). */
    void add(doc_values &doc, unsigned long times = 1)
    {
        std::string unit = unit_ == GK_DB_MAX_SLOT ? std::string() : doc.get(unit_);
        /* a document without a unit is a unit of its own */
        bool first = unit.empty() || units_.insert(unit).second;
        for (size_t i = 0; i < specs_.size(); i++) {
            const gk_facet_spec &s = specs_[i];
            if ((s.per_unit && !first) || s.nqueries > 0)
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
                    count(i, dedupe, unit, a, std::string(), false, times);
                } else {
                    for (const std::string &b : seconds)
                        count(i, dedupe, unit, a, b, true, times);
                }
            }
        }
    }

    typedef std::map<std::pair<std::string, std::string>, unsigned long> count_map;
    const std::vector<count_map> &counts() const { return counts_; }

    /* Count value for spec i once per match (a spec counted by queries:
     * see count_by_queries). */
    void add_value(size_t i, const std::string &value, doc_values &doc,
                   unsigned long times = 1)
    {
        const gk_facet_spec &s = specs_[i];
        if (s.pair_slot < 0) {
            counts_[i][std::make_pair(value, std::string())] += times;
            return;
        }
        for (const std::string &b :
             values(doc, static_cast<unsigned>(s.pair_slot), s.pair_numeric, 0))
            counts_[i][std::make_pair(value, b)] += times;
    }

  private:
    /* The values of slot: a number written out, a list split, and no
     * value listed twice. */
    static std::vector<std::string> values(doc_values &doc, unsigned slot, int numeric,
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
               const std::string &b, bool paired, unsigned long times)
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
        counts_[i][std::make_pair(a, paired ? b : std::string())] += times;
    }

    unsigned unit_;
    std::vector<gk_facet_spec> specs_;
    std::vector<count_map> counts_;
    std::vector<std::unordered_set<std::string>> seen_;
    std::unordered_set<std::string> units_;
};

struct facets_deleter {
    void operator()(gk_facets *f) const { gk_facets_free(f); }
};
using facets_ptr = std::unique_ptr<gk_facets, facets_deleter>;

/* Counts the facets of every match from the values of the document it
 * is handed, never by docid: with several databases (a stub of shards) a
 * docid inside a spy is the shard's own. */
class facet_spy : public Xapian::MatchSpy {
  public:
    explicit facet_spy(facet_counter &counter) : counter_(counter) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        doc_values values(doc);
        counter_.add(values);
    }

  private:
    facet_counter &counter_;
};

/* Hands every match to counter.add_value for one value of one spec. */
class value_spy : public Xapian::MatchSpy {
  public:
    value_spy(facet_counter &counter, size_t spec, const std::string &value)
        : counter_(counter), spec_(spec), value_(value) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        doc_values values(doc);
        counter_.add_value(spec_, value_, values);
    }

  private:
    facet_counter &counter_;
    size_t spec_;
    std::string value_;
};

/* Every match of query, its facet pack counted by Xapian's own
 * ValueCountMatchSpy (the only spy a remote shard runs: xapian-tcpsrv
 * knows no other), handed to fn(pack, how many matches have it).
 * Throws. */
template <typename Fn>
void count_packs(const Xapian::Database &db, const Xapian::Query &query, Fn fn)
{
    Xapian::ValueCountMatchSpy spy(facet_pack_slot);
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
                count_packs(db, both, [&](const std::string &pack, unsigned long n) {
                    doc_values values(pack);
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
                bool by_pack)
{
    if (by_pack) {
        count_packs(db, query, [&](const std::string &pack, unsigned long n) {
            doc_values values(pack);
            counter.add(values, n);
        });
    } else {
        facet_spy spy(counter);
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
facets_ptr count_facets(const Xapian::Database &db, const Xapian::Query &query,
                        unsigned unit_slot, const gk_facet_spec *specs,
                        size_t nspecs)
{
    std::unique_ptr<facet_counter> counter(new facet_counter(unit_slot, specs, nspecs));
    try {
        count_into(db, query, specs, nspecs, *counter, false);
    } catch (const Xapian::UnimplementedError &) {
        if (unit_slot != GK_DB_MAX_SLOT)
            throw;
        counter.reset(new facet_counter(unit_slot, specs, nspecs));
        count_into(db, query, specs, nspecs, *counter, true);
    }
    facets_ptr f(static_cast<gk_facets *>(xmalloc(sizeof(gk_facets))));
    f->n = 0;
    f->lists = nullptr;
    f->lists = static_cast<facet_list *>(xmalloc((nspecs ? nspecs : 1) * sizeof *f->lists));
    for (size_t i = 0; i < nspecs; i++) {
        const facet_counter::count_map &m = counter->counts()[i];
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

} /* extern "C" */

/* facets.cc - counting facet values over every match (gk_db_facets).
 *
 * A match spy collects the document id of every match; the facet pack and
 * the unit (report id) are then read as value streams in docid order
 * (value_reader), and facet_counter counts each value once per unit.  The
 * counts are copied out, sorted, into a gk_facets.
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

} /* extern "C" */

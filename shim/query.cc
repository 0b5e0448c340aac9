/* query.cc - building engine queries (gk_xquery).
 *
 * A gk_xquery is a Xapian::Query, and where it holds an unweighted term,
 * a way to rebuild it for the database searched (gk_xquery_unweighted
 * says why): resolve_query, used by search.cc and facets.cc, builds it.
 */
#include "shim.h"

#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

using namespace gk_shim;

namespace {

/* The query for a number range; see gk_xquery_number_range. */
Xapian::Query number_range_query(unsigned slot, int has_lo, double lo,
                                 int has_hi, double hi)
{
    if (has_lo && has_hi)
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                             Xapian::sortable_serialise(lo),
                             Xapian::sortable_serialise(hi));
    if (has_lo)
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                             Xapian::sortable_serialise(lo));
    if (has_hi)
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot,
                             Xapian::sortable_serialise(hi));
    /* No bound: every document with a number in the slot.  An unset slot
     * is the empty string and every stored number is a non-empty string,
     * so ">= \0" is exactly "has a value" (">= empty" would be MatchAll). */
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(1, '\0'));
}

/* Wrap query in a new gk_xquery in *out.  Throws std::bad_alloc. */
gk_status new_xquery(gk_xquery **out, const Xapian::Query &query)
{
    *out = new gk_xquery{query, nullptr};
    return GK_OK;
}

} // namespace

namespace gk_shim {

/* The query q stands for, built for db.  Throws. */
Xapian::Query resolve_query(const gk_xquery &q, const Xapian::Database &db)
{
    return q.resolve ? q.resolve(db) : q.query;
}

} // namespace gk_shim

extern "C" {

/* A one-term query in *out.  GK_EINVAL for a bad term. */
gk_status gk_xquery_term(gk_xquery **out, const char *term, size_t len)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if (!term_ok(term, len))
        return GK_EINVAL;
    try {
        return new_xquery(out, Xapian::Query(std::string(term, len)));
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* An exact phrase query (window n) in *out.  GK_EINVAL if n is 0 or a term
 * is bad. */
gk_status gk_xquery_phrase(gk_xquery **out, const char *const *terms,
                           const size_t *lens, size_t n)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if (terms == nullptr || lens == nullptr || n == 0)
        return GK_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!term_ok(terms[i], lens[i]))
            return GK_EINVAL;
    if (n == 1)
        return gk_xquery_term(out, terms[0], lens[0]);
    try {
        std::vector<Xapian::Query> subs;
        subs.reserve(n);
        for (size_t i = 0; i < n; i++)
            subs.emplace_back(std::string(terms[i], lens[i]));
        Xapian::termcount window = static_cast<Xapian::termcount>(n);
        return new_xquery(out, Xapian::Query(Xapian::Query::OP_PHRASE, subs.begin(),
                                             subs.end(), window));
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* A query for every term starting with prefix, expanded without limit at
 * search time.  GK_EINVAL for an empty or too long prefix. */
gk_status gk_xquery_prefix(gk_xquery **out, const char *prefix, size_t len)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if (!term_ok(prefix, len))
        return GK_EINVAL;
    try {
        return new_xquery(out, Xapian::Query(Xapian::Query::OP_WILDCARD,
                                             std::string(prefix, len)));
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Copies of subs[0..n) combined with op in *out.  GK_EINVAL if n is 0, a
 * subquery is NULL or op is unknown. */
gk_status gk_xquery_combine(gk_xquery **out, gk_xq_op op,
                            gk_xquery *const *subs, size_t n)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if (subs == nullptr || n == 0)
        return GK_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (subs[i] == nullptr)
            return GK_EINVAL;
    Xapian::Query::op xop;
    switch (op) {
    case GK_XQ_AND: xop = Xapian::Query::OP_AND; break;
    case GK_XQ_OR: xop = Xapian::Query::OP_OR; break;
    case GK_XQ_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
    case GK_XQ_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
    case GK_XQ_FILTER: xop = Xapian::Query::OP_FILTER; break;
    case GK_XQ_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
    default: return GK_EINVAL;
    }
    try {
        std::vector<Xapian::Query> copies;
        copies.reserve(n);
        bool resolved = false;
        for (size_t i = 0; i < n; i++) {
            copies.push_back(subs[i]->query);
            resolved = resolved || subs[i]->resolve;
        }
        std::unique_ptr<gk_xquery> q(new gk_xquery{
            Xapian::Query(xop, copies.begin(), copies.end()), nullptr});
        if (resolved) {
            std::vector<gk_xquery> parts;
            for (size_t i = 0; i < n; i++)
                parts.push_back(*subs[i]);
            q->resolve = [xop, parts](const Xapian::Database &db) {
                std::vector<Xapian::Query> built;
                for (const gk_xquery &part : parts)
                    built.push_back(resolve_query(part, db));
                return Xapian::Query(xop, built.begin(), built.end());
            };
        }
        *out = q.release();
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* A number range query in *out.  GK_EINVAL for a NaN or infinite bound. */
gk_status gk_xquery_number_range(gk_xquery **out, unsigned slot, int has_lo,
                                 double lo, int has_hi, double hi)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if ((has_lo && !std::isfinite(lo)) || (has_hi && !std::isfinite(hi)))
        return GK_EINVAL;
    try {
        return new_xquery(out, number_range_query(slot, has_lo, lo, has_hi, hi));
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* A key range query in *out.  GK_EINVAL for no bounds or a slot out of
 * range. */
gk_status gk_xquery_key_range(gk_xquery **out, unsigned slot, const char *lo, size_t lo_len,
                              const char *hi, size_t hi_len)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if (lo == nullptr || hi == nullptr || slot >= GK_DB_MAX_SLOT)
        return GK_EINVAL;
    try {
        return new_xquery(out, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                             std::string(lo, lo_len),
                                             std::string(hi, hi_len)));
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* A query matching every document in *out. */
gk_status gk_xquery_all(gk_xquery **out)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    try {
        return new_xquery(out, Xapian::Query::MatchAll);
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* q with its weight scaled to 0, in *out.  GK_EINVAL if q is NULL.
 *
 * Xapian 1.4 (seen with 1.4.22) replaces an unweighted term that indexes
 * every document by the all-documents posting list, but names that list
 * after the term; once documents have been deleted (any report indexed
 * again) reading it past its first chunk throws "DatabaseCorruptError:
 * Unexpected end of posting list" - `kind:report` alone failed on every
 * re-indexed collection of a few hundred reports.  So an unweighted single
 * term is resolved at search time: when it indexes every document of the
 * database searched, it is the (equivalent) match-all query instead. */
gk_status gk_xquery_unweighted(gk_xquery **out, const gk_xquery *q)
{
    if (out == nullptr)
        return GK_EINVAL;
    *out = nullptr;
    if (q == nullptr)
        return GK_EINVAL;
    try {
        std::unique_ptr<gk_xquery> u(new gk_xquery{
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->query, 0.0), nullptr});
        gk_xquery inner = *q;
        std::string term;
        if (q->query.get_type() == Xapian::Query::LEAF_TERM)
            term = *q->query.get_terms_begin();
        if (!term.empty() || inner.resolve) {
            u->resolve = [inner, term](const Xapian::Database &db) {
                Xapian::doccount n = db.get_doccount();
                if (!term.empty() && n > 0 && db.get_termfreq(term) == n)
                    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                         Xapian::Query::MatchAll, 0.0);
                return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                     resolve_query(inner, db), 0.0);
            };
        }
        *out = u.release();
        return GK_OK;
    } catch (...) {
        return translate_exception(nullptr, nullptr);
    }
}

/* Release q.  A harmless no-op on NULL. */
void gk_xquery_free(gk_xquery *q)
{
    delete q;
}

/* Xapian's description of q on one line, malloc'd; NULL if q is NULL or
 * memory runs out. */
char *gk_xquery_describe(const gk_xquery *q)
{
    if (q == nullptr)
        return nullptr;
    try {
        std::string text = q->query.get_description();
        char *copy = static_cast<char *>(std::malloc(text.size() + 1));
        if (copy == nullptr)
            return nullptr;
        for (size_t i = 0; i < text.size(); i++) {
            unsigned char c = static_cast<unsigned char>(text[i]);
            copy[i] = (c < 0x20 || c == 0x7F) ? ' ' : text[i];
        }
        copy[text.size()] = '\0';
        return copy;
    } catch (...) {
        return nullptr;
    }
}

} /* extern "C" */

/* test_shim.c - the C API over the search engine (shim/): real
 * databases in temporary directories, real failures (locks, missing and
 * damaged databases). */
#define _POSIX_C_SOURCE 200809L

#include "gk_test.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk_db.h"

/* ---- fixture: a temporary directory per test ------------------------------ */

typedef struct shim_fixture {
    char *dir;     /* the temporary directory */
    char *db_path; /* dir/db, not created yet */
} shim_fixture;

static int setup_dir(void **state)
{
    shim_fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->dir = gk_test_mkdtemp("shim");
    fx->db_path = gk_test_join(fx->dir, "db");
    *state = fx;
    return 0;
}

static int teardown_dir(void **state)
{
    shim_fixture *fx = *state;
    gk_test_rmtree(fx->dir);
    free(fx->db_path);
    free(fx->dir);
    free(fx);
    return 0;
}

/* ---- helpers -------------------------------------------------------------- */

static gk_db *open_db(const char *path, gk_db_mode mode)
{
    gk_db *db = NULL;
    char *msg = NULL;
    gk_status st = gk_db_open(&db, path, mode, &msg);
    if (st != GK_OK)
        fail_msg("gk_db_open(%s): %d %s", path, st, msg ? msg : "(no message)");
    assert_non_null(db);
    return db;
}

static void commit(gk_db *db)
{
    char *msg = NULL;
    gk_status st = gk_db_commit(db, &msg);
    if (st != GK_OK)
        fail_msg("gk_db_commit: %d %s", st, msg ? msg : "(no message)");
}

/* A document with data `data` and the space-separated `words` as postings
 * at positions 1, 2, 3 ... */
static gk_doc *doc_with_words(const char *data, const char *words)
{
    gk_doc *doc = NULL;
    assert_int_equal(gk_doc_new(&doc), GK_OK);
    assert_int_equal(gk_doc_set_data(doc, data, strlen(data)), GK_OK);
    unsigned pos = 1;
    const char *p = words;
    while (*p != '\0') {
        size_t len = strcspn(p, " ");
        if (len > 0)
            assert_int_equal(gk_doc_add_posting(doc, p, len, pos++), GK_OK);
        p += len;
        p += strspn(p, " ");
    }
    return doc;
}

/* Add doc to db and free it. */
static void add_and_free(gk_db *db, gk_doc *doc)
{
    char *msg = NULL;
    gk_status st = gk_db_add(db, doc, &msg);
    if (st != GK_OK)
        fail_msg("gk_db_add: %d %s", st, msg ? msg : "(no message)");
    gk_doc_free(doc);
}

static void add_words(gk_db *db, const char *data, const char *words)
{
    add_and_free(db, doc_with_words(data, words));
}

static gk_xquery *term_query(const char *term)
{
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_term(&q, term, strlen(term)), GK_OK);
    return q;
}

static gk_xquery *phrase_query(const char *const *terms, size_t n)
{
    size_t lens[8];
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(terms[i]);
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_phrase(&q, terms, lens, n), GK_OK);
    return q;
}

static gk_xquery *combine2(gk_xq_op op, gk_xquery *a, gk_xquery *b)
{
    gk_xquery *subs[2] = {a, b};
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_combine(&q, op, subs, 2), GK_OK);
    return q;
}

static gk_xquery *range_query(unsigned slot, int has_lo, double lo, int has_hi,
                              double hi)
{
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_number_range(&q, slot, has_lo, lo, has_hi, hi),
                     GK_OK);
    return q;
}

static const gk_search_opts default_opts = {0, 100, -1, -1, 0, 0, 0, NULL, 0, 0};

static gk_results *search(gk_db *db, const gk_xquery *q, const gk_search_opts *opts)
{
    gk_results *r = NULL;
    char *msg = NULL;
    gk_status st = gk_db_search(db, q, opts, &r, &msg);
    if (st != GK_OK)
        fail_msg("gk_db_search: %d %s", st, msg ? msg : "(no message)");
    assert_non_null(r);
    return r;
}

/* Run q (then free it) and return the data of the hits in order, joined with
 * commas, in a static buffer; the total goes to *total if not NULL. */
static const char *hits_of(gk_db *db, gk_xquery *q, const gk_search_opts *opts,
                           unsigned long *total)
{
    static char buf[4096];
    gk_results *r = search(db, q, opts != NULL ? opts : &default_opts);
    buf[0] = '\0';
    for (size_t i = 0; i < gk_results_count(r); i++) {
        const char *data;
        size_t len;
        gk_results_data(r, i, &data, &len);
        if (i > 0)
            strcat(buf, ",");
        assert_true(strlen(buf) + len + 2 < sizeof buf);
        strncat(buf, data, len);
    }
    if (total != NULL)
        *total = gk_results_total(r);
    gk_results_free(r);
    gk_xquery_free(q);
    return buf;
}

/* Like hits_of, but with every weight 0, so the hits come in the order the
 * documents were added. */
static const char *hits_in_order(gk_db *db, gk_xquery *q, unsigned long *total)
{
    gk_xquery *flat = NULL;
    assert_int_equal(gk_xquery_unweighted(&flat, q), GK_OK);
    gk_xquery_free(q);
    return hits_of(db, flat, NULL, total);
}

/* A failure message is present, one line, and does not repeat the path. */
static void assert_one_line_message(char *msg, const char *path)
{
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    assert_null(strchr(msg, '\n'));
    assert_null(strchr(msg, '\r'));
    assert_null(strchr(msg, '\t'));
    assert_true(strlen(msg) <= 300);
    if (path != NULL && strstr(msg, path) != NULL)
        fail_msg("message repeats the path: %s", msg);
    free(msg);
}

/* ---- round trip ----------------------------------------------------------- */

/* What the indexer writes comes back through a separate reader, and the
 * database is an ordinary Xapian one that xapian-delve can read. */
static void test_round_trip(void **state)
{
    shim_fixture *fx = *state;
    gk_db *w = open_db(fx->db_path, GK_DB_WRITE);
    gk_doc *doc = doc_with_words("section one text", "政府 工作 报告");
    assert_int_equal(gk_doc_add_term(doc, "Zrank", 5, 3), GK_OK);
    assert_int_equal(gk_doc_add_boolean(doc, "Kyear2020"), GK_OK);
    assert_int_equal(gk_doc_set_value(doc, 0, "Beijing", 7), GK_OK);
    assert_int_equal(gk_doc_set_value(doc, 1, "a\0b", 3), GK_OK);
    assert_int_equal(gk_doc_set_number(doc, 2, 2020), GK_OK);
    add_and_free(w, doc);
    add_words(w, "section two", "工作 计划");
    commit(w);
    gk_db_close(w);

    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    unsigned long n = 0;
    assert_int_equal(gk_db_doc_count(r, &n, NULL), GK_OK);
    assert_int_equal(n, 2);
    assert_int_equal(gk_db_term_freq(r, "工作", &n, NULL), GK_OK);
    assert_int_equal(n, 2);
    assert_int_equal(gk_db_term_freq(r, "报告", &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(gk_db_term_freq(r, "Kyear2020", &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(gk_db_term_freq(r, "absent", &n, NULL), GK_OK);
    assert_int_equal(n, 0);

    gk_xquery *q = term_query("Zrank");
    gk_results *res = search(r, q, &default_opts);
    assert_int_equal(gk_results_count(res), 1);
    assert_int_equal(gk_results_total(res), 1);
    assert_true(gk_results_score(res, 0) > 0);
    const char *bytes;
    size_t len;
    gk_results_data(res, 0, &bytes, &len);
    assert_int_equal(len, strlen("section one text"));
    assert_string_equal(bytes, "section one text");
    gk_results_value(res, 0, 0, &bytes, &len);
    assert_int_equal(len, 7);
    assert_memory_equal(bytes, "Beijing", 7);
    gk_results_value(res, 0, 1, &bytes, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(bytes, "a\0b", 3);
    double year = 0;
    assert_int_equal(gk_results_number(res, 0, 2, &year), 1);
    assert_true(year == 2020.0);
    /* An unset slot is an empty string, not NULL, and not a number. */
    gk_results_value(res, 0, 7, &bytes, &len);
    assert_non_null(bytes);
    assert_int_equal(len, 0);
    assert_string_equal(bytes, "");
    year = -1;
    assert_int_equal(gk_results_number(res, 0, 7, &year), 0);
    assert_true(year == -1);
    gk_results_free(res);
    gk_xquery_free(q);
    gk_db_close(r);

    char *argv[] = {"/usr/bin/xapian-delve", fx->db_path, NULL};
    if (access(argv[0], X_OK) != 0) {
        skip();
    }
    gk_test_run_result run;
    gk_test_run(&run, argv, NULL);
    assert_int_equal(run.status, 0);
    assert_non_null(strstr(run.out, "number of documents = 2"));
    gk_test_run_clear(&run);
}

/* One slot asked for (the link pass's ids): each hit carries that key
 * slot alone, no data and no other value, whether the document has them
 * or not. */
static void test_key_only(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    gk_doc *doc = doc_with_words("the whole text", "budget");
    assert_int_equal(gk_doc_set_key(doc, 3, "report7", 7), GK_OK);
    assert_int_equal(gk_doc_set_value(doc, 4, "Beijing", 7), GK_OK);
    assert_int_equal(gk_doc_set_facet(doc, 5, "town", 4), GK_OK);
    add_and_free(db, doc);
    add_words(db, "nokey", "budget");
    commit(db);
    gk_search_opts o = default_opts;
    static const unsigned key[] = {3};
    o.slots = key;
    o.nslots = 1;
    gk_xquery *q = term_query("budget");
    gk_results *r = search(db, q, &o);
    assert_int_equal(gk_results_count(r), 2);
    int keyed = 0;
    for (size_t i = 0; i < 2; i++) {
        const char *b;
        size_t len;
        gk_results_data(r, i, &b, &len);
        assert_int_equal(len, 0);
        assert_string_equal(b, "");
        gk_results_value(r, i, 4, &b, &len);
        assert_int_equal(len, 0);
        gk_results_value(r, i, 5, &b, &len);
        assert_int_equal(len, 0);
        gk_results_value(r, i, 3, &b, &len);
        if (len > 0) {
            assert_string_equal(b, "report7");
            keyed++;
        }
    }
    assert_int_equal(keyed, 1);
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* Data blobs may hold NUL bytes and are NUL-terminated on the way out. */
static void test_data_binary(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    gk_doc *doc = NULL;
    assert_int_equal(gk_doc_new(&doc), GK_OK);
    assert_int_equal(gk_doc_add_boolean(doc, "Qone"), GK_OK);
    assert_int_equal(gk_doc_set_data(doc, "x\0y", 3), GK_OK);
    add_and_free(db, doc);

    gk_xquery *q = term_query("Qone");
    gk_results *r = search(db, q, &default_opts);
    const char *data;
    size_t len;
    gk_results_data(r, 0, &data, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(data, "x\0y", 3);
    assert_int_equal(data[3], '\0');
    /* A boolean term matches without weight. */
    assert_true(gk_results_score(r, 0) == 0.0);
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* ---- queries -------------------------------------------------------------- */

static void add_phrase_docs(gk_db *db)
{
    add_words(db, "abc", "a b c");
    add_words(db, "bac", "b a c");
    add_words(db, "axb", "a x b");
}

/* A phrase matches only its terms at consecutive positions, in order. */
static void test_phrase(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_phrase_docs(db);

    const char *ab[] = {"a", "b"};
    const char *ba[] = {"b", "a"};
    const char *ac[] = {"a", "c"};
    const char *abc[] = {"a", "b", "c"};
    const char *ca[] = {"c", "a"};
    assert_string_equal(hits_of(db, phrase_query(ab, 2), NULL, NULL), "abc");
    assert_string_equal(hits_of(db, phrase_query(ba, 2), NULL, NULL), "bac");
    assert_string_equal(hits_of(db, phrase_query(ac, 2), NULL, NULL), "bac");
    assert_string_equal(hits_of(db, phrase_query(abc, 3), NULL, NULL), "abc");
    assert_string_equal(hits_of(db, phrase_query(ca, 2), NULL, NULL), "");
    /* One term is a plain term query. */
    unsigned long total = 0;
    assert_string_equal(hits_of(db, phrase_query(ab, 1), NULL, &total),
                        "abc,bac,axb");
    assert_int_equal(total, 3);

    gk_xquery *q = NULL;
    size_t lens[1] = {1};
    assert_int_equal(gk_xquery_phrase(&q, ab, lens, 0), GK_EINVAL);
    assert_null(q);
    gk_db_close(db);
}

/* A prefix matches every term that starts with it, and nothing else. */
static void test_prefix(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_words(db, "economy", "economy");
    add_words(db, "economic", "economic growth");
    add_words(db, "ecology", "ecology");
    add_words(db, "finance", "finance");

    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_prefix(&q, "econ", 4), GK_OK);
    assert_string_equal(hits_in_order(db, q, NULL), "economy,economic");
    assert_int_equal(gk_xquery_prefix(&q, "eco", 3), GK_OK);
    assert_string_equal(hits_in_order(db, q, NULL), "economy,economic,ecology");
    assert_int_equal(gk_xquery_prefix(&q, "zzz", 3), GK_OK);
    assert_string_equal(hits_of(db, q, NULL, NULL), "");
    assert_int_equal(gk_xquery_prefix(&q, "econ", 0), GK_EINVAL);
    assert_null(q);
    gk_db_close(db);
}

/* AND, OR, AND_NOT, AND_MAYBE, FILTER and SYNONYM select and weigh as
 * documented. */
static void test_combine(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_words(db, "d1", "tax rice");
    add_words(db, "d2", "tax");
    add_words(db, "d3", "rice");
    add_words(db, "d4", "road");
    add_words(db, "d5", "filler");

    gk_xquery *tax = term_query("tax");
    gk_xquery *rice = term_query("rice");
    gk_xquery *road = term_query("road");
    assert_string_equal(hits_of(db, combine2(GK_XQ_AND, tax, rice), NULL, NULL), "d1");
    assert_string_equal(
        hits_of(db, combine2(GK_XQ_AND_NOT, tax, rice), NULL, NULL), "d2");
    assert_string_equal(hits_in_order(db, combine2(GK_XQ_OR, tax, rice), NULL),
                        "d1,d2,d3");
    assert_string_equal(hits_in_order(db, combine2(GK_XQ_SYNONYM, tax, road), NULL),
                        "d1,d2,d4");
    /* AND_MAYBE: only the first selects; the second lifts d1 above d2. */
    assert_string_equal(hits_of(db, combine2(GK_XQ_AND_MAYBE, tax, rice), NULL, NULL),
                        "d1,d2");

    /* AND_NOT with several: the first minus any of the others. */
    gk_xquery *all = NULL;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    gk_xquery *three[3] = {all, tax, road};
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_combine(&q, GK_XQ_AND_NOT, three, 3), GK_OK);
    assert_string_equal(hits_in_order(db, q, NULL), "d3,d5");

    /* FILTER: the same documents as AND, weighed by the first alone. */
    gk_results *filtered = search(db, q = combine2(GK_XQ_FILTER, tax, rice),
                                  &default_opts);
    gk_xquery_free(q);
    gk_results *anded = search(db, q = combine2(GK_XQ_AND, tax, rice), &default_opts);
    gk_xquery_free(q);
    gk_results *alone = search(db, tax, &default_opts);
    assert_int_equal(gk_results_count(filtered), 1);
    assert_int_equal(gk_results_count(anded), 1);
    double w_filter = gk_results_score(filtered, 0);
    double w_and = gk_results_score(anded, 0);
    double w_tax = -1; /* what "tax" alone gives d1 */
    for (size_t i = 0; i < gk_results_count(alone); i++) {
        const char *data;
        gk_results_data(alone, i, &data, NULL);
        if (strcmp(data, "d1") == 0)
            w_tax = gk_results_score(alone, i);
    }
    assert_true(w_filter > 0);
    assert_true(w_and > w_filter);
    assert_true(fabs(w_filter - w_tax) < 1e-9);
    gk_results_free(filtered);
    gk_results_free(anded);
    gk_results_free(alone);

    /* Subqueries were copied: the caller's stay valid and usable. */
    assert_string_equal(hits_of(db, combine2(GK_XQ_AND, rice, tax), NULL, NULL), "d1");
    assert_int_equal(gk_xquery_combine(&q, GK_XQ_AND, three, 0), GK_EINVAL);
    assert_null(q);
    gk_xquery_free(all);
    gk_xquery_free(tax);
    gk_xquery_free(rice);
    gk_xquery_free(road);
    gk_db_close(db);
}

/* An unweighted query matches the same documents with score 0. */
static void test_unweighted(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_words(db, "d1", "tax tax rice");
    add_words(db, "d2", "rice");
    gk_xquery *tax = term_query("tax");
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_unweighted(&q, tax), GK_OK);
    gk_results *r = search(db, q, &default_opts);
    assert_int_equal(gk_results_count(r), 1);
    assert_true(gk_results_score(r, 0) == 0.0);
    gk_results_free(r);
    gk_xquery_free(q);
    r = search(db, tax, &default_opts);
    assert_true(gk_results_score(r, 0) > 0.0);
    gk_results_free(r);
    gk_xquery_free(tax);
    gk_db_close(db);
}

/* A filter that every document matches, on a collection where documents
 * were deleted and added again (as re-indexing does), finds them all.
 * Xapian 1.4.22 turns such an unweighted term into its all-documents list
 * and then fails reading it: "Unexpected end of posting list". */
static void test_unweighted_term_of_every_document(void **state)
{
    shim_fixture *fx = *state;
    enum { N = 4000 };
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    char data[32], id[32];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < N; i++) {
            snprintf(id, sizeof id, "Qdoc%d", i);
            snprintf(data, sizeof data, "d%d", i);
            if (round == 1) {
                char *msg = NULL;
                assert_int_equal(gk_db_delete_term(db, id, &msg), GK_OK);
            }
            gk_doc *doc = doc_with_words(data, "report text");
            assert_int_equal(gk_doc_add_boolean(doc, id), GK_OK);
            assert_int_equal(gk_doc_add_boolean(doc, "Kreport"), GK_OK);
            add_and_free(db, doc);
        }
        commit(db);
    }
    gk_xquery *kind = term_query("Kreport"), *every = NULL;
    assert_int_equal(gk_xquery_unweighted(&every, kind), GK_OK);
    gk_xquery_free(kind);
    gk_search_opts all = default_opts;
    all.limit = N + 10;
    gk_results *r = search(db, every, &all);
    assert_int_equal(gk_results_total(r), N);
    assert_int_equal(gk_results_count(r), N);
    gk_results_free(r);
    /* combined with another filter too */
    gk_xquery *one = term_query("Qdoc7");
    gk_xquery *both = combine2(GK_XQ_AND, every, one);
    r = search(db, both, &all);
    assert_int_equal(gk_results_count(r), 1);
    gk_results_free(r);
    gk_xquery_free(both);
    gk_xquery_free(one);
    gk_xquery_free(every);
    gk_db_close(db);
}

/* Documents numbered n in slot 0 (data "y<n>") and m in slot 1. */
static void add_numbered(gk_db *db, const char *data, int has_year, double year,
                         int has_figure, double figure)
{
    gk_doc *doc = doc_with_words(data, "report");
    if (has_year)
        assert_int_equal(gk_doc_set_number(doc, 0, year), GK_OK);
    if (has_figure)
        assert_int_equal(gk_doc_set_number(doc, 1, figure), GK_OK);
    add_and_free(db, doc);
}

static void add_number_docs(gk_db *db)
{
    add_numbered(db, "y2021", 1, 2021, 1, 100);
    add_numbered(db, "y2019", 1, 2019, 1, -3.5);
    add_numbered(db, "y2020", 1, 2020, 1, 0.25);
    add_numbered(db, "neg", 1, -1, 1, -0.5);
    add_numbered(db, "frac", 1, 2020.5, 1, 2);
    add_numbered(db, "none", 0, 0, 1, 10);
}

/* Number ranges compare numerically, with either bound left open. */
static void test_number_range(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_number_docs(db);
    gk_search_opts asc = default_opts;
    asc.sort_slot = 0;

    assert_string_equal(hits_of(db, range_query(0, 1, 2020, 1, 2021), &asc, NULL),
                        "y2020,frac,y2021");
    assert_string_equal(hits_of(db, range_query(0, 1, 2020, 1, 2020), &asc, NULL),
                        "y2020");
    assert_string_equal(hits_of(db, range_query(0, 1, 2020, 0, 0), &asc, NULL),
                        "y2020,frac,y2021");
    assert_string_equal(hits_of(db, range_query(0, 0, 0, 1, 2020), &asc, NULL),
                        "neg,y2019,y2020");
    assert_string_equal(hits_of(db, range_query(0, 1, 2022, 0, 0), &asc, NULL), "");
    /* No bound: every document with a number in the slot ("none" has none). */
    assert_string_equal(hits_of(db, range_query(0, 0, 0, 0, 0), &asc, NULL),
                        "neg,y2019,y2020,frac,y2021");

    gk_search_opts by_figure = default_opts;
    by_figure.sort_slot = 1;
    assert_string_equal(hits_of(db, range_query(1, 1, -1, 1, 0.25), &by_figure, NULL),
                        "neg,y2020");
    assert_string_equal(hits_of(db, range_query(1, 1, -4, 1, -3), &by_figure, NULL),
                        "y2019");
    assert_string_equal(hits_of(db, range_query(1, 1, 2, 1, 10), &by_figure, NULL),
                        "frac,none");

    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_number_range(&q, 0, 1, NAN, 0, 0), GK_EINVAL);
    assert_null(q);
    gk_doc *doc = NULL;
    assert_int_equal(gk_doc_new(&doc), GK_OK);
    assert_int_equal(gk_doc_set_number(doc, 0, NAN), GK_EINVAL);
    assert_int_equal(gk_doc_set_number(doc, 0, -INFINITY), GK_EINVAL);
    gk_doc_free(doc);
    gk_db_close(db);
}

/* Sorting on a number slot orders numerically (not as text: 2 < 10 < 100,
 * -3.5 < -0.5), both ways. */
static void test_sort_by_number(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_number_docs(db);
    gk_xquery *all = NULL;

    gk_search_opts o = default_opts;
    o.sort_slot = 1;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, NULL), "y2019,neg,y2020,frac,none,y2021");
    o.sort_descending = 1;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, NULL), "y2021,none,frac,y2020,neg,y2019");

    /* The numbers come back as stored. */
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    gk_results *r = search(db, all, &o);
    double figure = 0;
    assert_int_equal(gk_results_number(r, 0, 1, &figure), 1);
    assert_true(figure == 100);
    assert_int_equal(gk_results_number(r, 5, 1, &figure), 1);
    assert_true(figure == -3.5);
    gk_results_free(r);
    gk_xquery_free(all);
    gk_db_close(db);
}

/* With tie_slot, what Xapian would order by docid (the order documents
 * were added, which a stub of shards interleaves) follows the tie number,
 * largest first: equal weights in relevance order, and equal values (or
 * none) of a filter-only query sorted by value, whose hits score 0.  A
 * query with weights sorted by value keeps its scores. */
static void test_tie_order(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    static const struct {
        const char *name;
        double tie, year; /* year 0: none */
    } docs[] = {{"a", 2, 2020}, {"b", 4, 2020}, {"c", 1, 2021}, {"d", 3, 0}};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        gk_doc *doc = doc_with_words(docs[i].name, "same words");
        assert_int_equal(gk_doc_set_number(doc, 5, docs[i].tie), GK_OK);
        if (docs[i].year > 0)
            assert_int_equal(gk_doc_set_number(doc, 1, docs[i].year), GK_OK);
        add_and_free(db, doc);
    }
    commit(db);
    gk_search_opts o = default_opts;
    assert_string_equal(hits_of(db, term_query("same"), &o, NULL), "a,b,c,d");
    o.tie_slot = 5;
    assert_string_equal(hits_of(db, term_query("same"), &o, NULL), "b,d,a,c");
    gk_xquery *all = NULL;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, NULL), "b,d,a,c");
    o.sort_slot = 1;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, NULL), "b,a,c,d");
    o.sort_descending = 1;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    gk_results *r = search(db, all, &o);
    assert_int_equal(gk_results_count(r), 4);
    const char *data;
    size_t len;
    gk_results_data(r, 0, &data, &len);
    assert_string_equal(data, "c");
    gk_results_data(r, 1, &data, &len);
    assert_string_equal(data, "b");
    assert_true(gk_results_score(r, 1) == 0.0);
    gk_results_free(r);
    gk_xquery_free(all);
    gk_xquery *same = term_query("same");
    r = search(db, same, &o);
    assert_true(gk_results_score(r, 0) > 0.0);
    gk_results_free(r);
    gk_xquery_free(same);
    gk_db_close(db);
}

/* A document without the sort value ("none" has no year) comes last
 * whichever way the sort goes: unknown is not smaller than everything. */
static void test_sort_missing_last(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_number_docs(db);
    gk_xquery *all = NULL;
    gk_search_opts o = default_opts;
    o.sort_slot = 0;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, NULL), "neg,y2019,y2020,frac,y2021,none");
    o.sort_descending = 1;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, NULL), "y2021,frac,y2020,y2019,neg,none");
    gk_db_close(db);
}

/* Metadata: stored, read back after a commit by a reader, replaced, and
 * removed; a reader cannot write it. */
static void test_metadata(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    const char record[] = "{\"figures\":{\"requests_new\":5}}";
    assert_int_equal(gk_db_set_metadata(db, "report/0123", record, sizeof record - 1, NULL), GK_OK);
    assert_int_equal(gk_db_set_metadata(db, "report/4567", "x", 1, NULL), GK_OK);
    commit(db);
    gk_db_close(db);
    gk_db *rd = open_db(fx->db_path, GK_DB_READ);
    char *value = NULL;
    size_t len = 99;
    assert_int_equal(gk_db_get_metadata(rd, "report/0123", &value, &len, NULL), GK_OK);
    assert_int_equal(len, sizeof record - 1);
    assert_string_equal(value, record);
    free(value);
    assert_int_equal(gk_db_get_metadata(rd, "report/none", &value, &len, NULL), GK_OK);
    assert_int_equal(len, 0);
    assert_string_equal(value, "");
    free(value);
    char *msg = NULL;
    assert_int_equal(gk_db_set_metadata(rd, "report/0123", "y", 1, &msg), GK_EINVAL);
    free(msg);
    gk_db_close(rd);
    db = open_db(fx->db_path, GK_DB_WRITE);
    assert_int_equal(gk_db_set_metadata(db, "report/0123", NULL, 0, NULL), GK_OK);
    assert_int_equal(gk_db_set_metadata(db, "report/4567", "yz", 2, NULL), GK_OK);
    assert_int_equal(gk_db_set_metadata(db, "", "x", 1, NULL), GK_EINVAL);
    commit(db);
    assert_int_equal(gk_db_get_metadata(db, "report/0123", &value, &len, NULL), GK_OK);
    assert_int_equal(len, 0);
    free(value);
    assert_int_equal(gk_db_get_metadata(db, "report/4567", &value, &len, NULL), GK_OK);
    assert_string_equal(value, "yz");
    free(value);
    gk_db_close(db);
}

/* A section document of report `unit` with a region in slot 2, a list of
 * categories in slot 3 and a year (number) in slot 0. */
static void add_section(gk_db *db, const char *unit, const char *region,
                        const char *categories, double year)
{
    gk_doc *doc = doc_with_words(unit, unit);
    assert_int_equal(gk_doc_set_key(doc, 1, unit, strlen(unit)), GK_OK);
    if (region[0])
        assert_int_equal(gk_doc_set_facet(doc, 2, region, strlen(region)), GK_OK);
    if (categories[0])
        assert_int_equal(gk_doc_set_facet(doc, 3, categories, strlen(categories)), GK_OK);
    /* shown, never counted */
    assert_int_equal(gk_doc_set_value(doc, 4, "display", 7), GK_OK);
    if (year > 0)
        assert_int_equal(gk_doc_set_number(doc, 0, year), GK_OK);
    add_and_free(db, doc);
}

static const char *facet_line(const gk_facets *f, size_t i)
{
    static char buf[512];
    buf[0] = '\0';
    for (size_t k = 0; k < gk_facets_size(f, i); k++) {
        const gk_facet_count *c = gk_facets_get(f, i, k);
        char item[128];
        if (c->pair != NULL)
            snprintf(item, sizeof item, "%s%s/%s=%lu", k ? "," : "", c->value, c->pair, c->count);
        else
            snprintf(item, sizeof item, "%s%s=%lu", k ? "," : "", c->value, c->count);
        strcat(buf, item);
    }
    return buf;
}

/* Facets count each value once per unit (report), however many of its
 * documents (sections) match; lists are split; numbers read as written;
 * pairs cross two slots; empty values are not counted. */
static void test_facets(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_section(db, "r1", "山西省", "timeliness,coverage", 2020);
    add_section(db, "r1", "山西省", "timeliness,coverage", 2020);
    add_section(db, "r2", "宁夏回族自治区", "timeliness", 2020);
    add_section(db, "r3", "宁夏回族自治区", "outreach", 2021);
    add_section(db, "r4", "", "", 0);
    commit(db);
    gk_xquery *all = NULL;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    gk_facets *f = NULL;
    /* the same counts whether each document is read (per_unit 0) or only
     * each unit's first (per_unit 1) */
    for (int per_unit = 0; per_unit <= 1; per_unit++) {
        gk_facet_spec specs[] = {{2, 0, 0, -1, 0, per_unit, NULL, NULL, 0, 0},
                                 {3, 0, ',', -1, 0, per_unit, NULL, NULL, 0, 0},
                                 {0, 1, 0, -1, 0, per_unit, NULL, NULL, 0, 0},
                                 {3, 0, ',', 0, 1, per_unit, NULL, NULL, 0, 0}};
        assert_int_equal(gk_db_facets(db, all, 1, specs, 4, &f, NULL), GK_OK);
        assert_string_equal(facet_line(f, 0), "宁夏回族自治区=2,山西省=1");
        assert_string_equal(facet_line(f, 1), "timeliness=2,coverage=1,outreach=1");
        assert_string_equal(facet_line(f, 2), "2020=2,2021=1");
        assert_string_equal(facet_line(f, 3),
                            "timeliness/2020=2,coverage/2020=1,outreach/2021=1");
        assert_null(gk_facets_get(f, 0, 99));
        assert_int_equal(gk_facets_size(f, 9), 0);
        gk_facets_free(f);
    }
    gk_facet_spec specs[] = {{2, 0, 0, -1, 0, 0, NULL, NULL, 0, 0}};
    /* a facet value reads back like any other value */
    gk_results *res = search(db, all, &default_opts);
    const char *bytes;
    size_t len;
    gk_results_value(res, 0, 2, &bytes, &len);
    assert_string_equal(bytes, "山西省");
    gk_results_value(res, 0, 4, &bytes, &len);
    assert_string_equal(bytes, "display");
    gk_results_free(res);
    /* only what the query matches */
    gk_xquery *one = term_query("r3");
    assert_int_equal(gk_db_facets(db, one, 1, specs, 1, &f, NULL), GK_OK);
    assert_string_equal(facet_line(f, 0), "宁夏回族自治区=1");
    gk_facets_free(f);
    gk_facets_free(NULL);
    gk_xquery_free(one);
    gk_xquery_free(all);
    gk_db_close(db);
}

/* A reader counts facets from each database's value stream, moved to each
 * match in turn: matches without a facet value, a number outside the
 * pack, and a stub of two local databases (each searched on its own, the
 * counts added up) count as the documents say. */
static void test_facets_of_readers_and_stubs(void **state)
{
    shim_fixture *fx = *state;
    char *b_path = gk_test_join(fx->dir, "b");
    gk_db *a = open_db(fx->db_path, GK_DB_WRITE);
    add_section(a, "r1", "山西省", "timeliness,coverage", 2020);
    add_section(a, "r2", "", "outreach", 2021);
    add_section(a, "r3", "宁夏回族自治区", "", 0);
    commit(a);
    gk_db_close(a);
    gk_db *b = open_db(b_path, GK_DB_WRITE);
    add_section(b, "r4", "山西省", "timeliness", 2021);
    add_section(b, "r5", "宁夏回族自治区", "coverage", 2020);
    commit(b);
    gk_db_close(b);
    char *stub = gk_test_join(fx->dir, "all.stub");
    gk_test_write_file(stub, "auto db\nauto b\n", 15);
    gk_facet_spec specs[] = {{2, 0, 0, -1, 0, 0, NULL, NULL, 0, 0},
                             {3, 0, ',', -1, 0, 0, NULL, NULL, 0, 0},
                             {0, 1, 0, -1, 0, 0, NULL, NULL, 0, 0}};
    gk_xquery *all = NULL;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    gk_xquery *r2 = term_query("r2");
    gk_xquery *r4 = term_query("r4");
    gk_facets *f = NULL;
    gk_db *db = open_db(fx->db_path, GK_DB_READ);
    assert_int_equal(gk_db_facets(db, all, GK_DB_MAX_SLOT, specs, 3, &f, NULL), GK_OK);
    assert_string_equal(facet_line(f, 0), "宁夏回族自治区=1,山西省=1");
    assert_string_equal(facet_line(f, 1), "coverage=1,outreach=1,timeliness=1");
    assert_string_equal(facet_line(f, 2), "2020=1,2021=1");
    gk_facets_free(f);
    assert_int_equal(gk_db_facets(db, r2, GK_DB_MAX_SLOT, specs, 3, &f, NULL), GK_OK);
    assert_string_equal(facet_line(f, 0), "");
    assert_string_equal(facet_line(f, 1), "outreach=1");
    assert_string_equal(facet_line(f, 2), "2021=1");
    gk_facets_free(f);
    gk_db_close(db);
    db = open_db(stub, GK_DB_READ);
    assert_int_equal(gk_db_facets(db, all, GK_DB_MAX_SLOT, specs, 3, &f, NULL), GK_OK);
    assert_string_equal(facet_line(f, 0), "宁夏回族自治区=2,山西省=2");
    assert_string_equal(facet_line(f, 1), "coverage=2,timeliness=2,outreach=1");
    assert_string_equal(facet_line(f, 2), "2020=2,2021=2");
    gk_facets_free(f);
    assert_int_equal(gk_db_facets(db, r4, GK_DB_MAX_SLOT, specs, 3, &f, NULL), GK_OK);
    assert_string_equal(facet_line(f, 0), "山西省=1");
    assert_string_equal(facet_line(f, 2), "2021=1");
    gk_facets_free(f);
    gk_db_close(db);
    gk_xquery_free(r4);
    gk_xquery_free(r2);
    gk_xquery_free(all);
    free(stub);
    free(b_path);
}

/* ---- collapsing, counting and paging -------------------------------------- */

/* Collapsing keeps one hit per key; the total counts keys.  With so many
 * documents Xapian would only estimate unless told to count. */
static void test_collapse(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    /* 600 documents over 7 report keys; 3 more without a key. */
    for (int i = 0; i < 600; i++) {
        char data[32], key[16];
        snprintf(data, sizeof data, "doc%d", i);
        snprintf(key, sizeof key, "report%d", i % 7 == 0 ? 0 : i % 7 < 3 ? 1 : i % 7);
        gk_doc *doc = doc_with_words(data, i % 2 ? "budget road" : "budget");
        assert_int_equal(gk_doc_set_key(doc, 3, key, strlen(key)), GK_OK);
        add_and_free(db, doc);
    }
    for (int i = 0; i < 3; i++)
        add_words(db, "nokey", "budget");
    commit(db);

    gk_search_opts o = default_opts;
    o.collapse_slot = 3;
    gk_xquery *q = term_query("budget");
    gk_results *r = search(db, q, &o);
    /* Keys: report0, report1 (i%7 in 1,2), report3..report6 = 6 keys, and
     * documents without a key are never collapsed. */
    assert_int_equal(gk_results_total(r), 6 + 3);
    assert_int_equal(gk_results_count(r), 6 + 3);
    unsigned long stood_for = 0;
    for (size_t i = 0; i < gk_results_count(r); i++) {
        const char *key;
        size_t len;
        gk_results_value(r, i, 3, &key, &len);
        for (size_t j = 0; j < i; j++) {
            const char *other;
            size_t other_len;
            gk_results_value(r, j, 3, &other, &other_len);
            if (len > 0 && len == other_len && memcmp(key, other, len) == 0)
                fail_msg("key %.*s appears twice", (int)len, key);
        }
        stood_for += 1 + gk_results_collapsed(r, i);
    }
    /* Every document is accounted for by exactly one hit. */
    assert_int_equal(stood_for, 603);
    gk_results_free(r);

    /* Counting only (limit 0) gives the same exact total. */
    o.limit = 0;
    r = search(db, q, &o);
    assert_int_equal(gk_results_count(r), 0);
    assert_int_equal(gk_results_total(r), 9);
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* A value kept with gk_doc_set_value cannot be collapsed on: only keys
 * (gk_doc_set_key) can.  Both read back the same way, and slots from
 * GK_DB_MAX_SLOT on are refused. */
static void test_values_and_keys(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 0; i < 4; i++) {
        gk_doc *doc = doc_with_words("d", "budget");
        assert_int_equal(gk_doc_set_value(doc, 5, "same", 4), GK_OK);
        assert_int_equal(gk_doc_set_value(doc, 6, "gone", 4), GK_OK);
        assert_int_equal(gk_doc_set_value(doc, 6, "", 0), GK_OK); /* cleared */
        assert_int_equal(gk_doc_set_key(doc, 7, i < 2 ? "k1" : "k2", 2), GK_OK);
        assert_int_equal(gk_doc_set_value(doc, GK_DB_MAX_SLOT, "x", 1), GK_EINVAL);
        assert_int_equal(gk_doc_set_key(doc, GK_DB_MAX_SLOT, "x", 1), GK_EINVAL);
        assert_int_equal(gk_doc_set_number(doc, GK_DB_MAX_SLOT, 1), GK_EINVAL);
        add_and_free(db, doc);
    }
    commit(db);
    gk_xquery *q = term_query("budget");
    gk_search_opts o = default_opts;
    o.collapse_slot = 5; /* a packed value: no collapsing */
    gk_results *r = search(db, q, &o);
    assert_int_equal(gk_results_total(r), 4);
    const char *bytes;
    size_t len;
    gk_results_value(r, 0, 5, &bytes, &len);
    assert_string_equal(bytes, "same");
    gk_results_value(r, 0, 6, &bytes, &len);
    assert_int_equal(len, 0);
    gk_results_value(r, 0, GK_DB_MAX_SLOT, &bytes, &len); /* never shown */
    assert_int_equal(len, 0);
    gk_results_free(r);
    o.collapse_slot = 7;
    r = search(db, q, &o);
    assert_int_equal(gk_results_total(r), 2);
    gk_results_value(r, 1, 7, &bytes, &len);
    assert_int_equal(len, 2);
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* A lean read (opts.slots): only the slots asked for, from either pack,
 * a key or a number, and no document data; every other value reads as
 * unset. */
static void test_lean_read(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    gk_doc *doc = doc_with_words("the stored text", "budget");
    assert_int_equal(gk_doc_set_value(doc, 3, "packed", 6), GK_OK);
    assert_int_equal(gk_doc_set_value(doc, 4, "not asked", 9), GK_OK);
    assert_int_equal(gk_doc_set_facet(doc, 5, "facet", 5), GK_OK);
    assert_int_equal(gk_doc_set_key(doc, 6, "key", 3), GK_OK);
    assert_int_equal(gk_doc_set_number(doc, 7, 2021), GK_OK);
    add_and_free(db, doc);
    commit(db);
    gk_xquery *q = term_query("budget");
    static const unsigned want[] = {3, 5, 6, 7, 8};
    gk_search_opts o = default_opts;
    o.slots = want;
    o.nslots = sizeof want / sizeof want[0];
    gk_results *r = search(db, q, &o);
    assert_int_equal(gk_results_count(r), 1);
    const char *bytes;
    size_t len;
    gk_results_value(r, 0, 3, &bytes, &len);
    assert_string_equal(bytes, "packed");
    gk_results_value(r, 0, 5, &bytes, &len);
    assert_string_equal(bytes, "facet");
    gk_results_value(r, 0, 6, &bytes, &len);
    assert_string_equal(bytes, "key");
    double year = 0;
    assert_int_equal(gk_results_number(r, 0, 7, &year), 1);
    assert_true(year == 2021.0);
    gk_results_value(r, 0, 8, &bytes, &len); /* asked, never set */
    assert_int_equal(len, 0);
    gk_results_value(r, 0, 4, &bytes, &len); /* set, not asked */
    assert_int_equal(len, 0);
    gk_results_data(r, 0, &bytes, &len);
    assert_non_null(bytes);
    assert_int_equal(len, 0);
    gk_results_free(r);
    /* with_data: the data too, and still only the slots asked for */
    o.with_data = 1;
    r = search(db, q, &o);
    gk_results_data(r, 0, &bytes, &len);
    assert_string_equal(bytes, "the stored text");
    gk_results_value(r, 0, 3, &bytes, &len);
    assert_string_equal(bytes, "packed");
    gk_results_value(r, 0, 4, &bytes, &len);
    assert_int_equal(len, 0);
    gk_results_free(r);
    /* without slots, everything as before */
    r = search(db, q, &default_opts);
    gk_results_value(r, 0, 4, &bytes, &len);
    assert_string_equal(bytes, "not asked");
    gk_results_data(r, 0, &bytes, &len);
    assert_string_equal(bytes, "the stored text");
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* The value of slot in hit i of r as a string ("" when it has none). */
static const char *value_of(const gk_results *r, size_t i, unsigned slot, char *buf,
                            size_t size)
{
    const char *bytes;
    size_t len;
    gk_results_value(r, i, slot, &bytes, &len);
    snprintf(buf, size, "%.*s", (int)len, bytes);
    return buf;
}

/* A lean read finds every slot asked for wherever the document keeps it
 * (a slot of its own, the value pack, the facet pack), however the
 * documents read before kept theirs: the reader learns where a slot is
 * to save lookups, and a slot kept elsewhere by one document is still
 * found. */
static void test_lean_reads_find_slots_wherever_they_are(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    for (unsigned i = 1; i <= 4; i++) {
        gk_doc *doc = doc_with_words("data", "band");
        char v[8];
        snprintf(v, sizeof v, "v%u", i);
        /* slot 3: packed, but the second document's is its own key */
        if (i == 2)
            assert_int_equal(gk_doc_set_key(doc, 3, v, strlen(v)), GK_OK);
        else
            assert_int_equal(gk_doc_set_value(doc, 3, v, strlen(v)), GK_OK);
        /* slot 8: a facet; slot 6: a key; the fourth document has neither */
        if (i != 4) {
            assert_int_equal(gk_doc_set_facet(doc, 8, v, strlen(v)), GK_OK);
            assert_int_equal(gk_doc_set_key(doc, 6, v, strlen(v)), GK_OK);
        }
        add_and_free(db, doc);
    }
    commit(db);
    static const unsigned slots[] = {3, 8, 6};
    static const unsigned orders[][4] = {{1, 2, 3, 4}, {2, 1, 4, 3}, {3, 4, 2, 1}};
    char *msg = NULL, buf[16];
    for (size_t o = 0; o < 3; o++) {
        gk_results *docs = NULL;
        assert_int_equal(gk_db_docs_get(db, orders[o], 4, slots, 3, 0, &docs, &msg), GK_OK);
        for (size_t i = 0; i < 4; i++) {
            unsigned d = orders[o][i];
            char v[8];
            snprintf(v, sizeof v, "v%u", d);
            assert_string_equal(value_of(docs, i, 3, buf, sizeof buf), v);
            assert_string_equal(value_of(docs, i, 8, buf, sizeof buf), d == 4 ? "" : v);
            assert_string_equal(value_of(docs, i, 6, buf, sizeof buf), d == 4 ? "" : v);
        }
        gk_results_free(docs);
    }
    /* a search reads its hits the same way */
    gk_xquery *q = term_query("band");
    gk_search_opts so = default_opts;
    so.slots = slots;
    so.nslots = 3;
    gk_results *r = search(db, q, &so);
    assert_int_equal(gk_results_count(r), 4);
    for (size_t i = 0; i < 4; i++) {
        char v[8];
        snprintf(v, sizeof v, "v%u", gk_results_docid(r, i));
        assert_string_equal(value_of(r, i, 3, buf, sizeof buf), v);
    }
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* What gk_db_values_each hands over, collected as "docid=value;" */
static gk_status collect_value(void *ctx, unsigned docid, const char *bytes, size_t len)
{
    char *out = ctx;
    size_t used = strlen(out);
    snprintf(out + used, 256 - used, "%u=%.*s;", docid, (int)len, bytes);
    return GK_OK;
}

static gk_status stop_at_second(void *ctx, unsigned docid, const char *bytes, size_t len)
{
    (void)docid, (void)bytes, (void)len;
    int *calls = ctx;
    return ++*calls == 2 ? GK_EINVAL : GK_OK;
}

/* A search gives each hit's docid; those docids read the documents back, in the order asked, as a
 * lean search reads them; a slot's value stream gives the documents that
 * have it in docid order, and stops at the first status that is not
 * GK_OK; a docid with no document is GK_ENOTFOUND. */
static void test_docids_and_value_stream(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    static const char *const data[] = {"first", "second", "third"};
    static const char *const keys[] = {"k1", NULL, "k3"};
    for (size_t i = 0; i < 3; i++) {
        gk_doc *doc = doc_with_words(data[i], i == 1 ? "other" : "band");
        if (keys[i] != NULL)
            assert_int_equal(gk_doc_set_key(doc, 6, keys[i], 2), GK_OK);
        assert_int_equal(gk_doc_set_value(doc, 3, data[i], strlen(data[i])), GK_OK);
        add_and_free(db, doc);
    }
    commit(db);
    gk_xquery *q = term_query("band");
    gk_results *r = search(db, q, &default_opts);
    assert_int_equal(gk_results_count(r), 2);
    unsigned ids[3];
    for (size_t i = 0; i < 2; i++)
        ids[i] = gk_results_docid(r, i);
    assert_int_equal(gk_results_docid(r, 2), 0); /* out of range */
    gk_results_free(r);
    gk_xquery_free(q);
    /* the first and the third document, whichever the search gave first */
    assert_true((ids[0] == 1 && ids[1] == 3) || (ids[0] == 3 && ids[1] == 1));

    /* read back in the order asked, with the slots asked for */
    unsigned want_ids[2] = {3, 1};
    static const unsigned slots[] = {3, 6};
    gk_results *docs = NULL;
    char *msg = NULL;
    assert_int_equal(gk_db_docs_get(db, want_ids, 2, slots, 2, 1, &docs, &msg), GK_OK);
    assert_int_equal(gk_results_count(docs), 2);
    const char *bytes;
    size_t len;
    gk_results_data(docs, 0, &bytes, &len);
    assert_string_equal(bytes, "third");
    gk_results_value(docs, 0, 6, &bytes, &len);
    assert_string_equal(bytes, "k3");
    gk_results_value(docs, 1, 3, &bytes, &len);
    assert_string_equal(bytes, "first");
    assert_int_equal(gk_results_docid(docs, 1), 1);
    gk_results_free(docs);
    /* without data */
    assert_int_equal(gk_db_docs_get(db, want_ids, 1, slots, 2, 0, &docs, &msg), GK_OK);
    gk_results_data(docs, 0, &bytes, &len);
    assert_int_equal(len, 0);
    gk_results_free(docs);
    /* the data alone: slots named, none of them; and with no slots named,
     * every value */
    assert_int_equal(gk_db_docs_get(db, want_ids, 1, slots, 0, 1, &docs, &msg), GK_OK);
    gk_results_data(docs, 0, &bytes, &len);
    assert_string_equal(bytes, "third");
    gk_results_value(docs, 0, 6, &bytes, &len);
    assert_int_equal(len, 0);
    gk_results_value(docs, 0, 3, &bytes, &len);
    assert_int_equal(len, 0);
    gk_results_free(docs);
    assert_int_equal(gk_db_docs_get(db, want_ids, 1, NULL, 0, 0, &docs, &msg), GK_OK);
    gk_results_value(docs, 0, 6, &bytes, &len);
    assert_string_equal(bytes, "k3");
    gk_results_value(docs, 0, 3, &bytes, &len);
    assert_string_equal(bytes, "third");
    gk_results_free(docs);
    /* no such document: refused, nothing handed out */
    unsigned gone[2] = {1, 9};
    docs = NULL;
    assert_int_equal(gk_db_docs_get(db, gone, 2, slots, 2, 1, &docs, &msg), GK_ENOTFOUND);
    assert_null(docs);
    assert_one_line_message(msg, fx->db_path);
    msg = NULL;

    /* slot 6's stream: the first and third documents, in docid order */
    char seen[256] = "";
    assert_int_equal(gk_db_values_each(db, 6, collect_value, seen, &msg), GK_OK);
    assert_string_equal(seen, "1=k1;3=k3;");
    /* a packed slot is no slot of its own: nothing */
    seen[0] = '\0';
    assert_int_equal(gk_db_values_each(db, 3, collect_value, seen, &msg), GK_OK);
    assert_string_equal(seen, "");
    int calls = 0;
    assert_int_equal(gk_db_values_each(db, 6, stop_at_second, &calls, &msg), GK_EINVAL);
    assert_int_equal(calls, 2);

    /* a term's postings appended after what the array holds: "band" is
     * in the first and third, "other" in the second, "none" in none */
    unsigned *post = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(gk_db_postings_append(db, "band", 4, &post, &n, &cap, &msg), GK_OK);
    assert_int_equal(gk_db_postings_append(db, "none", 4, &post, &n, &cap, &msg), GK_OK);
    assert_int_equal(gk_db_postings_append(db, "other", 5, &post, &n, &cap, &msg), GK_OK);
    assert_int_equal(n, 3);
    assert_true(cap >= n);
    assert_int_equal(post[0], 1);
    assert_int_equal(post[1], 3);
    assert_int_equal(post[2], 2);
    assert_int_equal(gk_db_postings_append(db, "band", 0, &post, &n, &cap, &msg), GK_EINVAL);
    assert_int_equal(n, 3);
    free(msg);
    msg = NULL;
    free(post);
    gk_db_close(db);
}

/* Wide facet values (gk_doc_set_wide_facet) are counted by a spec that
 * says so, and are kept out of what a count of the narrow ones reads: a
 * spec that does not say so finds none of them, which is what makes
 * counting the narrow ones read less.  Read back, changed and written
 * back, a document keeps each value on its side; a shown value is never
 * counted either way. */
static void test_wide_facets(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    const char *const regions[] = {"山西省", "山西省", "宁夏回族自治区"};
    const char *totals[] = {"y=2020;requests_new=5", "y=2021;requests_new=7", ""};
    for (int i = 0; i < 3; i++) {
        char unit[8];
        snprintf(unit, sizeof unit, "XRw%d", i);
        gk_doc *doc = doc_with_words(unit, "annual report");
        assert_int_equal(gk_doc_add_boolean(doc, unit), GK_OK);
        if (totals[i][0])
            assert_int_equal(gk_doc_set_wide_facet(doc, 5, totals[i], strlen(totals[i])), GK_OK);
        assert_int_equal(gk_doc_set_facet(doc, 2, regions[i], strlen(regions[i])), GK_OK);
        assert_int_equal(gk_doc_set_value(doc, 4, "display", 7), GK_OK);
        add_and_free(db, doc);
    }
    commit(db);
    gk_xquery *all = NULL;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    gk_facets *f = NULL;
    gk_facet_spec narrow[] = {{2, 0, 0, -1, 0, 0, NULL, NULL, 0, 0},
                              {5, 0, 0, -1, 0, 0, NULL, NULL, 0, 0},
                              {4, 0, 0, -1, 0, 0, NULL, NULL, 0, 0}};
    gk_facet_spec wide[] = {{2, 0, 0, -1, 0, 0, NULL, NULL, 0, 1},
                            {5, 0, 0, -1, 0, 0, NULL, NULL, 0, 1},
                            {4, 0, 0, -1, 0, 0, NULL, NULL, 0, 1},
                            {2, 0, 0, 5, 0, 0, NULL, NULL, 0, 1}};
    const char *by_region[] = {"山西省=2,宁夏回族自治区=1", "宁夏回族自治区=2,山西省=1"};
    const char *paired[] = {"山西省/y=2020;requests_new=5=1,山西省/y=2021;requests_new=7=1",
                            "宁夏回族自治区/y=2020;requests_new=5=1,"
                            "宁夏回族自治区/y=2021;requests_new=7=1"};
    for (int pass = 0; pass < 2; pass++) {
        assert_int_equal(gk_db_facets(db, all, GK_DB_MAX_SLOT, narrow, 3, &f, NULL), GK_OK);
        assert_string_equal(facet_line(f, 0), by_region[pass]);
        assert_string_equal(facet_line(f, 1), "");
        assert_string_equal(facet_line(f, 2), "");
        gk_facets_free(f);
        assert_int_equal(gk_db_facets(db, all, GK_DB_MAX_SLOT, wide, 4, &f, NULL), GK_OK);
        assert_string_equal(facet_line(f, 0), by_region[pass]);
        assert_string_equal(facet_line(f, 1), "y=2020;requests_new=5=1,y=2021;requests_new=7=1");
        assert_string_equal(facet_line(f, 2), "");
        assert_string_equal(facet_line(f, 3), paired[pass]);
        gk_facets_free(f);
        if (pass == 1)
            break;
        /* change a narrow value of one and a wide one of another */
        gk_doc *got = NULL;
        assert_int_equal(gk_db_doc_get(db, "XRw2", &got, NULL), GK_OK);
        assert_int_equal(gk_doc_set_facet(got, 2, "山西省", strlen("山西省")), GK_OK);
        assert_int_equal(gk_db_replace(db, "XRw2", got, NULL), GK_OK);
        gk_doc_free(got);
        assert_int_equal(gk_db_doc_get(db, "XRw1", &got, NULL), GK_OK);
        assert_int_equal(gk_doc_set_facet(got, 2, "宁夏回族自治区", strlen("宁夏回族自治区")),
                         GK_OK);
        assert_int_equal(gk_db_replace(db, "XRw1", got, NULL), GK_OK);
        gk_doc_free(got);
        assert_int_equal(gk_db_doc_get(db, "XRw0", &got, NULL), GK_OK);
        assert_int_equal(gk_doc_set_facet(got, 2, "", 0), GK_OK);
        assert_int_equal(gk_doc_set_facet(got, 2, "宁夏回族自治区", strlen("宁夏回族自治区")),
                         GK_OK);
        assert_int_equal(gk_db_replace(db, "XRw0", got, NULL), GK_OK);
        gk_doc_free(got);
        commit(db);
    }
    gk_xquery_free(all);
    gk_db_close(db);
}

/* A stored document read back by its unique term, changed and written
 * back in its place: a value changed and a term added, the other terms,
 * positions, values of every kind and the data stay; no document with
 * the term is GK_ENOTFOUND, and a reader may not replace. */
static void test_document_changed_in_place(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    gk_doc *doc = doc_with_words("the data", "annual report");
    assert_int_equal(gk_doc_add_boolean(doc, "XRone"), GK_OK);
    assert_int_equal(gk_doc_add_boolean(doc, "XNunknown"), GK_OK);
    assert_int_equal(gk_doc_add_boolean(doc, "XNPold"), GK_OK);
    assert_int_equal(gk_doc_set_value(doc, 3, "shown", 5), GK_OK);
    assert_int_equal(gk_doc_set_facet(doc, 4, "counted", 7), GK_OK);
    assert_int_equal(gk_doc_set_facet(doc, 8, "unknown", 7), GK_OK);
    assert_int_equal(gk_doc_set_number(doc, 9, 42), GK_OK);
    add_and_free(db, doc);
    add_words(db, "other", "annual budget");
    commit(db);
    char *msg = NULL;
    gk_doc *got = NULL;
    assert_int_equal(gk_db_doc_get(db, "XRnone", &got, &msg), GK_ENOTFOUND);
    assert_null(got);
    free(msg);
    msg = NULL;
    assert_int_equal(gk_db_doc_get(db, "XRone", &got, &msg), GK_OK);
    assert_int_equal(gk_doc_add_boolean(got, "XNok"), GK_OK);
    assert_int_equal(gk_doc_set_facet(got, 8, "ok", 2), GK_OK);
    assert_int_equal(gk_db_replace(db, "XRone", got, &msg), GK_OK);
    gk_doc_free(got);
    commit(db);
    unsigned long n = 0, docs = 0;
    assert_int_equal(gk_db_doc_count(db, &docs, NULL), GK_OK);
    assert_int_equal(docs, 2);
    assert_int_equal(gk_db_term_freq(db, "XNPold", &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(gk_db_term_freq(db, "XNunknown", &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(gk_db_term_freq(db, "XNok", &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    /* the phrase still matches (positions kept), with everything else */
    const char *words[] = {"annual", "report"};
    gk_xquery *q = phrase_query(words, 2);
    gk_results *r = search(db, q, &default_opts);
    assert_int_equal(gk_results_total(r), 1);
    const char *bytes;
    size_t len;
    gk_results_value(r, 0, 3, &bytes, &len);
    assert_string_equal(bytes, "shown");
    gk_results_value(r, 0, 4, &bytes, &len);
    assert_string_equal(bytes, "counted");
    gk_results_value(r, 0, 8, &bytes, &len);
    assert_string_equal(bytes, "ok");
    double v = 0;
    assert_true(gk_results_number(r, 0, 9, &v) && v == 42);
    gk_results_data(r, 0, &bytes, &len);
    assert_string_equal(bytes, "the data");
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
    /* a reader reads it back but may not write */
    db = open_db(fx->db_path, GK_DB_READ);
    assert_int_equal(gk_db_doc_get(db, "XRone", &got, NULL), GK_OK);
    assert_int_equal(gk_db_replace(db, "XRone", got, &msg), GK_EINVAL);
    free(msg);
    gk_doc_free(got);
    gk_db_close(db);
}

/* check_at_least: up to that many matches the total is exact and says
 * so; beyond, it is a lower bound, flagged as such; 0 is always exact. */
static void test_estimated_total(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 0; i < 2000; i++)
        add_words(db, "d", i < 800 ? "north" : i < 1200 ? "north south" : "south");
    commit(db);
    gk_xquery *north = term_query("north");
    gk_xquery *south = term_query("south");
    gk_xquery *q = combine2(GK_XQ_AND, north, south);
    gk_search_opts o = default_opts;
    o.limit = 10;
    o.check_at_least = 50;
    gk_results *r = search(db, q, &o);
    assert_int_equal(gk_results_count(r), 10);
    assert_false(gk_results_total_exact(r));
    /* a lower bound: at least what was counted, at most the truth */
    assert_true(gk_results_total(r) >= 50 && gk_results_total(r) <= 400);
    gk_results_free(r);
    o.check_at_least = 500; /* 400 matches: all counted */
    r = search(db, q, &o);
    assert_true(gk_results_total_exact(r));
    assert_int_equal(gk_results_total(r), 400);
    gk_results_free(r);
    o.check_at_least = 0;
    r = search(db, north, &o);
    assert_true(gk_results_total_exact(r));
    assert_int_equal(gk_results_total(r), 1200);
    gk_results_free(r);
    assert_true(gk_results_total_exact(NULL));
    gk_xquery_free(north);
    gk_xquery_free(south);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* Compacting keeps every document, term, value and metadata key, makes
 * the database smaller, and the handle goes on writing; a reader refuses. */
static void test_compact(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 0; i < 3000; i++) {
        char words[64];
        snprintf(words, sizeof words, "budget w%d v%d", i % 97, i % 13);
        gk_doc *doc = doc_with_words("d", words);
        assert_int_equal(gk_doc_set_value(doc, 2, "shown", 5), GK_OK);
        add_and_free(db, doc);
        if (i % 100 == 99)
            commit(db);
    }
    assert_int_equal(gk_db_set_metadata(db, "file/1", "state", 5, NULL), GK_OK);
    commit(db);
    long long before = gk_test_dir_size(fx->db_path);
    char *msg = NULL;
    assert_int_equal(gk_db_compact(db, &msg), GK_OK);
    assert_null(msg);
    long long after = gk_test_dir_size(fx->db_path);
    if (!(after < before))
        fail_msg("compacted %lld bytes, was %lld", after, before);
    add_words(db, "d", "budget later"); /* still a writer */
    commit(db);
    unsigned long n = 0;
    assert_int_equal(gk_db_doc_count(db, &n, NULL), GK_OK);
    assert_int_equal(n, 3001);
    gk_db_close(db);

    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    assert_int_equal(gk_db_term_freq(r, "w5", &n, NULL), GK_OK);
    assert_int_equal(n, 31);
    char *value = NULL;
    size_t len = 0;
    assert_int_equal(gk_db_get_metadata(r, "file/1", &value, &len, NULL), GK_OK);
    assert_string_equal(value, "state");
    free(value);
    gk_xquery *q = term_query("later");
    gk_results *res = search(r, q, &default_opts);
    assert_int_equal(gk_results_total(res), 1);
    gk_results_free(res);
    gk_xquery_free(q);
    q = term_query("w5");
    res = search(r, q, &default_opts);
    const char *bytes;
    gk_results_value(res, 0, 2, &bytes, &len);
    assert_string_equal(bytes, "shown");
    gk_results_free(res);
    gk_xquery_free(q);
    assert_int_equal(gk_db_compact(r, &msg), GK_EINVAL);
    assert_non_null(msg);
    free(msg);
    gk_db_close(r);
}

/* A compaction killed half-way leaves its copy (db.compacting-PID) or the
 * database it replaced (db.replaced-PID) beside the database: the next
 * writer removes them, and nothing else beside it.  A reader leaves them. */
static void test_compact_leftovers_removed(void **state)
{
    shim_fixture *fx = *state;
    const char *names[] = {"db.compacting-4242", "db.replaced-77", "db.compacting-x1",
                           "db.other", "dbx.compacting-5"};
    const int removed[] = {1, 1, 0, 0, 0};
    char *paths[5];
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_words(db, "d", "budget");
    commit(db);
    gk_db_close(db);
    for (int i = 0; i < 5; i++) {
        paths[i] = gk_test_join(fx->dir, names[i]);
        assert_int_equal(mkdir(paths[i], 0755), 0);
        char *inner = gk_test_join(paths[i], "postlist.glass");
        gk_test_write_file(inner, "x", 1);
        free(inner);
    }
    struct stat sb;
    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    gk_db_close(r);
    for (int i = 0; i < 5; i++)
        assert_int_equal(stat(paths[i], &sb), 0);
    db = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 0; i < 5; i++) {
        int gone = stat(paths[i], &sb) != 0 && errno == ENOENT;
        if (gone != removed[i])
            fail_msg("%s: %s", names[i], gone ? "removed" : "still there");
        free(paths[i]);
    }
    unsigned long n = 0;
    assert_int_equal(gk_db_doc_count(db, &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    gk_db_close(db);
}

/* limit 0 gives the exact total even where an estimate would be far off. */
static void test_limit_zero_total(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    /* "north" in docs 0..1199, "south" in docs 800..1999: they overlap in
     * 400 documents, while independence would predict 720. */
    for (int i = 0; i < 2000; i++) {
        const char *words = i < 800 ? "north" : i < 1200 ? "north south" : "south";
        add_words(db, "d", words);
    }
    commit(db);
    gk_search_opts o = default_opts;
    o.limit = 0;
    gk_xquery *north = term_query("north");
    gk_xquery *south = term_query("south");
    gk_xquery *q = combine2(GK_XQ_AND, north, south);
    gk_xquery_free(north);
    gk_xquery_free(south);
    gk_results *r = search(db, q, &o);
    assert_int_equal(gk_results_count(r), 0);
    assert_int_equal(gk_results_total(r), 400);
    gk_results_free(r);
    gk_xquery_free(q);
    gk_db_close(db);
}

/* offset and limit page through the hits in order. */
static void test_paging(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 9; i >= 0; i--) {
        char data[8];
        snprintf(data, sizeof data, "p%d", i);
        add_numbered(db, data, 1, i, 0, 0);
    }
    gk_search_opts o = default_opts;
    o.sort_slot = 0;
    o.offset = 3;
    o.limit = 4;
    gk_xquery *all = NULL;
    unsigned long total = 0;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, &total), "p3,p4,p5,p6");
    assert_int_equal(total, 10);
    o.offset = 8;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, &total), "p8,p9");
    assert_int_equal(total, 10);
    o.offset = 20;
    assert_int_equal(gk_xquery_all(&all), GK_OK);
    assert_string_equal(hits_of(db, all, &o, &total), "");
    assert_int_equal(total, 10);
    gk_db_close(db);
}

/* ---- changing the database ------------------------------------------------ */

/* Deleting by term removes every document with that term and no other. */
static void test_delete_term(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 0; i < 5; i++) {
        gk_doc *doc = doc_with_words(i < 3 ? "old" : "keep", "text");
        assert_int_equal(gk_doc_add_boolean(doc, i < 3 ? "Fold.txt" : "Fkeep.txt"),
                         GK_OK);
        add_and_free(db, doc);
    }
    commit(db);
    char *msg = NULL;
    assert_int_equal(gk_db_delete_term(db, "Fold.txt", &msg), GK_OK);
    assert_int_equal(gk_db_delete_term(db, "Fnever-there", &msg), GK_OK);
    assert_null(msg);
    commit(db);
    gk_db_close(db);

    db = open_db(fx->db_path, GK_DB_READ);
    unsigned long n = 0;
    assert_int_equal(gk_db_doc_count(db, &n, NULL), GK_OK);
    assert_int_equal(n, 2);
    assert_int_equal(gk_db_term_freq(db, "Fold.txt", &n, NULL), GK_OK);
    assert_int_equal(n, 0);
    assert_string_equal(hits_of(db, term_query("text"), NULL, NULL), "keep,keep");
    gk_db_close(db);
}

/* A reader keeps its snapshot until gk_db_reopen. */
static void test_reader_reopen(void **state)
{
    shim_fixture *fx = *state;
    gk_db *w = open_db(fx->db_path, GK_DB_WRITE);
    add_words(w, "first", "alpha");
    commit(w);
    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    add_words(w, "second", "alpha");
    commit(w);

    unsigned long n = 0;
    assert_int_equal(gk_db_doc_count(r, &n, NULL), GK_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hits_of(r, term_query("alpha"), NULL, NULL), "first");
    assert_int_equal(gk_db_reopen(r, NULL), GK_OK);
    assert_int_equal(gk_db_doc_count(r, &n, NULL), GK_OK);
    assert_int_equal(n, 2);
    assert_string_equal(hits_of(r, term_query("alpha"), NULL, NULL), "first,second");
    gk_db_close(r);
    gk_db_close(w);
}

/* Add 2000 documents of generation gen (term G<gen>, data "g<gen>"). */
static void add_generation(gk_db *db, int gen)
{
    char term[16], data[16];
    snprintf(term, sizeof term, "G%d", gen);
    snprintf(data, sizeof data, "g%d", gen);
    for (int i = 0; i < 2000; i++) {
        gk_doc *doc = doc_with_words(data, "common");
        assert_int_equal(gk_doc_add_boolean(doc, term), GK_OK);
        assert_int_equal(gk_doc_set_data(doc, data, strlen(data)), GK_OK);
        add_and_free(db, doc);
    }
}

/* A reader whose revision a writer has since discarded still gets results
 * (the shim reopens it and searches again) instead of an error. */
static void test_search_survives_rewrites(void **state)
{
    shim_fixture *fx = *state;
    gk_db *w = open_db(fx->db_path, GK_DB_WRITE);
    add_generation(w, 0);
    commit(w);
    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    for (int gen = 1; gen <= 3; gen++) {
        char old[16];
        snprintf(old, sizeof old, "G%d", gen - 1);
        assert_int_equal(gk_db_delete_term(w, old, NULL), GK_OK);
        add_generation(w, gen);
        commit(w);
    }
    gk_search_opts o = default_opts;
    o.limit = 1;
    unsigned long total = 0;
    assert_string_equal(hits_of(r, term_query("common"), &o, &total), "g3");
    assert_int_equal(total, 2000);
    gk_db_close(r);
    gk_db_close(w);
}

/* Writing through a reader is refused, not crashed on. */
static void test_reader_refuses_writes(void **state)
{
    shim_fixture *fx = *state;
    gk_db_close(open_db(fx->db_path, GK_DB_WRITE));
    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    gk_doc *doc = doc_with_words("x", "x");
    char *msg = NULL;
    assert_int_equal(gk_db_add(r, doc, &msg), GK_EINVAL);
    assert_one_line_message(msg, NULL);
    msg = NULL;
    assert_int_equal(gk_db_delete_term(r, "x", &msg), GK_EINVAL);
    assert_one_line_message(msg, NULL);
    msg = NULL;
    assert_int_equal(gk_db_commit(r, &msg), GK_EINVAL);
    assert_one_line_message(msg, NULL);
    gk_doc_free(doc);
    gk_db_close(r);
}

/* ---- limits and failures -------------------------------------------------- */

/* Terms over GK_DB_MAX_TERM bytes, and empty ones, are refused up front;
 * a term of exactly the limit is indexed. */
static void test_term_too_long(void **state)
{
    shim_fixture *fx = *state;
    char longest[GK_DB_MAX_TERM + 2];
    memset(longest, 'x', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0'; /* GK_DB_MAX_TERM + 1 bytes */
    size_t too_long = GK_DB_MAX_TERM + 1;

    gk_doc *doc = NULL;
    assert_int_equal(gk_doc_new(&doc), GK_OK);
    assert_int_equal(gk_doc_add_posting(doc, longest, too_long, 1), GK_EINVAL);
    assert_int_equal(gk_doc_add_term(doc, longest, too_long, 1), GK_EINVAL);
    assert_int_equal(gk_doc_add_boolean(doc, longest), GK_EINVAL);
    assert_int_equal(gk_doc_add_posting(doc, "", 0, 1), GK_EINVAL);
    assert_int_equal(gk_doc_add_term(doc, "", 0, 1), GK_EINVAL);
    assert_int_equal(gk_doc_add_boolean(doc, ""), GK_EINVAL);
    assert_int_equal(gk_doc_add_posting(doc, "ok", 2, 0), GK_EINVAL);
    gk_xquery *q = NULL;
    assert_int_equal(gk_xquery_term(&q, longest, too_long), GK_EINVAL);
    assert_null(q);
    assert_int_equal(gk_xquery_prefix(&q, longest, too_long), GK_EINVAL);
    const char *terms[2] = {"ok", longest};
    size_t lens[2] = {2, too_long};
    assert_int_equal(gk_xquery_phrase(&q, terms, lens, 2), GK_EINVAL);
    assert_null(q);

    /* Exactly the limit goes in, and the database accepts the commit. */
    assert_int_equal(gk_doc_add_posting(doc, longest, GK_DB_MAX_TERM, 1), GK_OK);
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_and_free(db, doc);
    commit(db);
    longest[GK_DB_MAX_TERM] = '\0';
    unsigned long n = 0;
    assert_int_equal(gk_db_term_freq(db, longest, &n, NULL), GK_OK);
    assert_int_equal(n, 1);

    /* Where there is a message, it says what is wrong on one line. */
    longest[GK_DB_MAX_TERM] = 'x';
    char *msg = NULL;
    assert_int_equal(gk_db_term_freq(db, longest, &n, &msg), GK_EINVAL);
    assert_non_null(strstr(msg, "term"));
    assert_one_line_message(msg, NULL);
    msg = NULL;
    assert_int_equal(gk_db_delete_term(db, "", &msg), GK_EINVAL);
    assert_one_line_message(msg, NULL);
    gk_db_close(db);
}

/* Opening a missing database for reading is GK_ENOTFOUND, creates nothing,
 * and a NULL errmsg is fine. */
static void test_missing_database(void **state)
{
    shim_fixture *fx = *state;
    static int sentinel;
    gk_db *db = (gk_db *)&sentinel; /* gk_db_open must reset it to NULL */
    char *msg = NULL;
    assert_int_equal(gk_db_open(&db, fx->db_path, GK_DB_READ, &msg), GK_ENOTFOUND);
    assert_null(db);
    assert_string_equal(msg, "no database here");
    assert_one_line_message(msg, fx->db_path);
    assert_int_equal(access(fx->db_path, F_OK), -1);
    assert_int_equal(gk_db_open(&db, fx->db_path, GK_DB_READ, NULL), GK_ENOTFOUND);

    /* Writing needs the parent directory. */
    char *deep = gk_test_join(fx->db_path, "sub");
    msg = NULL;
    gk_status st = gk_db_open(&db, deep, GK_DB_WRITE, &msg);
    assert_true(st < 0);
    assert_null(db);
    assert_one_line_message(msg, deep);
    free(deep);
}

/* A second writer is refused with GK_ELOCKED, even in the same process;
 * readers are not blocked, and the lock goes with the first writer. */
static void test_second_writer_locked(void **state)
{
    shim_fixture *fx = *state;
    gk_db *w = open_db(fx->db_path, GK_DB_WRITE);
    add_words(w, "d", "w");
    commit(w);

    gk_db *w2 = NULL;
    char *msg = NULL;
    assert_int_equal(gk_db_open(&w2, fx->db_path, GK_DB_WRITE, &msg), GK_ELOCKED);
    assert_null(w2);
    assert_non_null(strstr(msg, "locked"));
    assert_one_line_message(msg, fx->db_path);

    gk_db *r = open_db(fx->db_path, GK_DB_READ);
    gk_db_close(r);
    gk_db_close(w);
    w2 = open_db(fx->db_path, GK_DB_WRITE);
    gk_db_close(w2);
}

/* A directory without a database, a file that is not one, and a database
 * with damaged files each give an error status and a one-line message. */
static void test_not_a_database(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = NULL;
    char *msg = NULL;
    assert_int_equal(gk_db_open(&db, fx->dir, GK_DB_READ, &msg), GK_ENOTFOUND);
    assert_null(db);
    assert_one_line_message(msg, fx->dir);

    char *junk = gk_test_join(fx->dir, "junk");
    gk_test_write_file(junk, "hello\nworld\n", 12);
    msg = NULL;
    gk_status st = gk_db_open(&db, junk, GK_DB_READ, &msg);
    assert_true(st < 0);
    assert_null(db);
    assert_one_line_message(msg, junk);
    free(junk);
}

/* A reader opens a stub (a file, or a folder holding XAPIANDB) of sound
 * local shards, relative to the stub's folder; a damaged shard is refused
 * as a damaged database is, naming the shard; a stub naming itself is
 * refused, not followed for ever. */
static void test_stub(void **state)
{
    shim_fixture *fx = *state;
    gk_db *db = open_db(fx->db_path, GK_DB_WRITE);
    add_and_free(db, doc_with_words("one", "shard words"));
    commit(db);
    gk_db_close(db);

    char *stub = gk_test_join(fx->dir, "all.stub");
    gk_test_write_file(stub, "# shards\nauto db\n", 17);
    db = open_db(stub, GK_DB_READ);
    assert_string_equal(hits_of(db, term_query("shard"), NULL, NULL), "one");
    gk_db_close(db);

    char *folder = gk_test_join(fx->dir, "all");
    char *folder_stub = gk_test_join(folder, "XAPIANDB");
    assert_int_equal(mkdir(folder, 0700), 0);
    gk_test_write_file(folder_stub, "auto ../db\n", 11);
    db = open_db(folder, GK_DB_READ);
    assert_string_equal(hits_of(db, term_query("words"), NULL, NULL), "one");
    gk_db_close(db);

    char *table = gk_test_join(fx->db_path, "postlist.glass");
    assert_int_equal(unlink(table), 0);
    char *msg = NULL;
    db = NULL;
    assert_int_equal(gk_db_open(&db, stub, GK_DB_READ, &msg), GK_ECORRUPT);
    assert_null(db);
    assert_non_null(strstr(msg, "shard "));
    assert_non_null(strstr(msg, "postlist.glass"));
    assert_one_line_message(msg, stub);

    gk_test_write_file(stub, "auto all.stub\n", 14);
    msg = NULL;
    assert_true(gk_db_open(&db, stub, GK_DB_READ, &msg) < 0);
    assert_null(db);
    assert_one_line_message(msg, stub);
    free(table);
    free(folder_stub);
    free(folder);
    free(stub);
}

/* True if s is whole UTF-8 sequences (no sequence cut short). */
static int utf8_whole(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0)
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

/* What is no database is refused before the engine sees it: a file (a
 * CSV, where Xapian said "Bad line"), and for a writer a folder of other
 * files, which is left without a database in it.  A database missing a
 * table is damaged (GK_ECORRUPT) and no table is made anew. */
static void test_not_a_database_or_not_whole(void **state)
{
    shim_fixture *fx = *state;
    char *csv = gk_test_join(fx->dir, "figures.csv");
    gk_test_write_file(csv, "a,b\n1,2\n", 8);
    gk_db *db = NULL;
    char *msg = NULL;
    for (int mode = 0; mode < 2; mode++) {
        assert_int_equal(gk_db_open(&db, csv, mode ? GK_DB_WRITE : GK_DB_READ, &msg),
                         GK_EINVAL);
        assert_null(db);
        assert_non_null(strstr(msg, "not a gongkai database"));
        free(msg);
        msg = NULL;
    }
    char *folder = gk_test_join(fx->dir, "folder");
    assert_int_equal(mkdir(folder, 0755), 0);
    free(gk_test_put(folder, "notes.txt", "x", 1));
    assert_int_equal(gk_db_open(&db, folder, GK_DB_WRITE, &msg), GK_EINVAL);
    free(msg);
    msg = NULL;
    char *version = gk_test_join(folder, "iamglass");
    assert_int_equal(access(version, F_OK), -1);

    gk_db *w = open_db(fx->db_path, GK_DB_WRITE);
    add_words(w, "d", "a whole database");
    commit(w);
    gk_db_close(w);
    char *postlist = gk_test_join(fx->db_path, "postlist.glass");
    char *aside = gk_test_join(fx->dir, "postlist.aside");
    assert_int_equal(rename(postlist, aside), 0);
    for (int mode = 0; mode < 2; mode++) {
        assert_int_equal(gk_db_open(&db, fx->db_path, mode ? GK_DB_WRITE : GK_DB_READ, &msg),
                         GK_ECORRUPT);
        assert_non_null(strstr(msg, "postlist.glass is missing"));
        free(msg);
        msg = NULL;
        assert_int_equal(access(postlist, F_OK), -1);
    }
    assert_int_equal(rename(aside, postlist), 0);
    w = open_db(fx->db_path, GK_DB_WRITE);
    assert_int_equal(gk_db_compaction_interrupted(w), 0);
    gk_db_close(w);
    free(csv);
    free(folder);
    free(version);
    free(postlist);
    free(aside);
}

/* Xapian's own text can hold tabs or newlines (here: a file name inside a
 * stub database file) and be long; the message is still one line, at most
 * 300 bytes, cut between UTF-8 characters. */
static void test_error_message_cleaned(void **state)
{
    shim_fixture *fx = *state;
    /* Two nested directories with long names of 3-byte characters. */
    char name[3 * 80 + 1];
    for (size_t i = 0; i < 80; i++)
        memcpy(name + 3 * i, "报", 3);
    name[sizeof name - 1] = '\0';
    char *outer = gk_test_join(fx->dir, name);
    assert_int_equal(mkdir(outer, 0700), 0);
    char *inner = gk_test_join(outer, name);
    assert_int_equal(mkdir(inner, 0700), 0);
    char *nested = gk_test_join(inner, "bad\tstub");
    gk_test_write_file(nested, "bogus\n", 6);

    char line[1024];
    snprintf(line, sizeof line, "auto %s/%s/bad\tstub\n", name, name);
    char *stub = gk_test_join(fx->dir, "stub");
    gk_test_write_file(stub, line, strlen(line));

    gk_db *db = NULL;
    char *msg = NULL;
    gk_status st = gk_db_open(&db, stub, GK_DB_READ, &msg);
    assert_true(st < 0);
    assert_null(db);
    assert_non_null(msg);
    assert_true(utf8_whole(msg));
    assert_true(strlen(msg) > 250);
    assert_non_null(strstr(msg, "..."));
    assert_one_line_message(msg, stub);

    /* A short one keeps its tab-free text whole. */
    snprintf(line, sizeof line, "auto bad\tstub\n");
    gk_test_write_file(stub, line, strlen(line));
    char *short_nested = gk_test_join(fx->dir, "bad\tstub");
    gk_test_write_file(short_nested, "bogus\n", 6);
    msg = NULL;
    st = gk_db_open(&db, stub, GK_DB_READ, &msg);
    assert_true(st < 0);
    assert_non_null(strstr(msg, "bad stub"));
    assert_one_line_message(msg, stub);

    free(short_nested);
    free(stub);
    free(nested);
    free(inner);
    free(outer);
}

static void test_damaged_database(void **state)
{
    shim_fixture *fx = *state;
    gk_db *w = open_db(fx->db_path, GK_DB_WRITE);
    for (int i = 0; i < 200; i++)
        add_words(w, "d", "damaged database test");
    commit(w);
    gk_db_close(w);

    /* Garbage in the version file: the database cannot be opened at all. */
    char *iamglass = gk_test_join(fx->db_path, "iamglass");
    size_t len = 0;
    char *saved = gk_test_read_file(iamglass, &len);
    assert_non_null(saved);
    gk_test_write_file(iamglass, "garbage\n\ttext\r\n", 15);
    gk_db *db = NULL;
    char *msg = NULL;
    assert_int_equal(gk_db_open(&db, fx->db_path, GK_DB_READ, &msg), GK_ECORRUPT);
    assert_null(db);
    assert_one_line_message(msg, fx->db_path);
    msg = NULL;
    assert_int_equal(gk_db_open(&db, fx->db_path, GK_DB_WRITE, &msg), GK_ECORRUPT);
    assert_one_line_message(msg, fx->db_path);
    gk_test_write_file(iamglass, saved, len);
    free(saved);
    free(iamglass);

    /* Garbage over the posting lists: opening or searching fails cleanly. */
    char *postlist = gk_test_join(fx->db_path, "postlist.glass");
    char *blocks = gk_test_read_file(postlist, &len);
    assert_non_null(blocks);
    assert_true(len > 0);
    memset(blocks, 0x5A, len);
    gk_test_write_file(postlist, blocks, len);
    free(blocks);
    free(postlist);
    msg = NULL;
    gk_status st = gk_db_open(&db, fx->db_path, GK_DB_READ, &msg);
    if (st == GK_OK) {
        gk_xquery *q = term_query("damaged");
        gk_results *r = NULL;
        st = gk_db_search(db, q, &default_opts, &r, &msg);
        assert_null(r);
        gk_xquery_free(q);
        gk_db_close(db);
    }
    assert_true(st < 0);
    assert_one_line_message(msg, fx->db_path);
}

/* Every destructor and accessor accepts NULL. */
static void test_null_safe(void **state)
{
    (void)state;
    gk_db_close(NULL);
    gk_doc_free(NULL);
    gk_xquery_free(NULL);
    gk_results_free(NULL);
    assert_int_equal(gk_results_count(NULL), 0);
    assert_int_equal(gk_results_total(NULL), 0);
    const char *bytes = NULL;
    size_t len = 1;
    gk_results_value(NULL, 0, 0, &bytes, &len);
    assert_string_equal(bytes, "");
    assert_int_equal(len, 0);
    assert_null(gk_xquery_describe(NULL));
    char *msg = NULL;
    assert_int_equal(gk_db_commit(NULL, &msg), GK_EINVAL);
    assert_one_line_message(msg, NULL);
}

/* A description is one line and names the operator. */
static void test_describe(void **state)
{
    (void)state;
    const char *terms[] = {"line\none", "two"};
    gk_xquery *q = phrase_query(terms, 2);
    char *text = gk_xquery_describe(q);
    assert_non_null(text);
    assert_non_null(strstr(text, "PHRASE"));
    assert_null(strchr(text, '\n'));
    free(text);
    gk_xquery_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_key_only, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_data_binary, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_phrase, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_prefix, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_combine, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_unweighted, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_unweighted_term_of_every_document,
                                        setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_number_range, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_sort_by_number, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_sort_missing_last, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_tie_order, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_metadata, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_facets, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_facets_of_readers_and_stubs, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_collapse, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_values_and_keys, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_lean_read, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_docids_and_value_stream, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_lean_reads_find_slots_wherever_they_are, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_wide_facets, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_document_changed_in_place, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_estimated_total, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_compact, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_compact_leftovers_removed, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_limit_zero_total, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_paging, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_delete_term, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_reader_reopen, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_search_survives_rewrites, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_reader_refuses_writes, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_term_too_long, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_missing_database, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_second_writer_locked, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_stub, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_damaged_database, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_error_message_cleaned, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_not_a_database_or_not_whole, setup_dir,
                                        teardown_dir),
        cmocka_unit_test(test_null_safe),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* gk_schema.h - how a report is laid out in the index: term prefixes and
 * value slots, shared by the indexer and the query tool.
 *
 * One index document per report (layout 3; 5 adds GK_SLOT_ORDER).  Its sections follow one
 * another in one position space, GK_SECTION_GAP positions apart so that no
 * phrase spans two, and each section's free-text terms (CJK bigrams and
 * run-edge unigrams, lower-cased Latin words and numbers, all with
 * positions) carry the one-letter code of the section's id as a prefix:
 * "B存在" is 存在 in the overview.  A query without section: ORs a term's
 * codes; section:X uses X's code alone, so section: keeps its exact
 * meaning.  Everything else is prefixed as below, using Xapian's
 * convention of upper-case prefixes, X... for our own. */
#ifndef GK_SCHEMA_H
#define GK_SCHEMA_H

/* The section codes: the section with row i of sections.tsv has code
 * GK_SECTION_CODES[i]; a file that is not a report is one section,
 * "document", with code GK_SECTION_CODE_DOCUMENT.  X and Y begin the
 * filter prefixes below and are no codes. */
#define GK_SECTION_CODES "ABCDEFGHIJKLMNOPQRSTUVW"
#define GK_SECTION_CODE_DOCUMENT 'Z'
#define GK_SECTION_GAP 2 /* positions left empty between two sections */

/* ranking-only terms: whole ICU words of two or more CJK characters */
#define GK_PREFIX_WORD "XW"
/* boolean filter terms */
#define GK_PREFIX_REPORT "XR"   /* XR<report_id> */
#define GK_PREFIX_TOWNSHIP "XT" /* XT<township>, also without its suffix */
#define GK_PREFIX_COUNTY "XC"   /* XC<county>, also without its suffix */
#define GK_PREFIX_YEAR "Y"      /* Y<year> */
#define GK_PREFIX_SECTION "XS"  /* XS<section id>, once per id the report has */
#define GK_PREFIX_KIND "XK"     /* XKreport or XKdocument */
#define GK_PREFIX_CONSISTENCY "XA" /* XAok, XAmismatch, XAincomplete */
#define GK_PREFIX_TEMPLATE "XV"    /* XV2019, XV2021, XVpre2019 */
#define GK_PREFIX_CITY "XCT"       /* XCT<city>, also without its suffix */
#define GK_PREFIX_PROVINCE "XPV"   /* XPV<province>, also without its suffix */
#define GK_PREFIX_PLACE_CODE "XPC" /* XPC<code> for the place and every
                                      level above it: XPC14, XPC1410 ... */
#define GK_PREFIX_PLACE_STATUS "XPS" /* XPSresolved, XPSambiguous, XPSunknown */
#define GK_PREFIX_CATEGORY "XG"    /* XG<problem category id> */
#define GK_PREFIX_FILE "XF"        /* XF<file key>: the hash of the absolute
                                      path it was indexed from
                                      (gk_report_file_key) */
#define GK_PREFIX_COMPLETENESS "XQ" /* XQcomplete, XQincomplete */
#define GK_PREFIX_MISSING "XM"     /* XM<part> for each part missing (completeness.tsv) */
#define GK_PREFIX_DEADLINE "XD"    /* XDon_time, XDlate, XDunknown */
#define GK_PREFIX_SIMILAR_BAND "XH" /* XH<section code><band><hash>: one
                                      LSH band of the MinHash signature of a
                                      section's shingles (gk_shingle.h,
                                      docs/SIMILAR.md), wdf 1 */
/* The link pass's marks, continuity and copied, are values only (slots
 * GK_SLOT_CONTINUITY .. GK_SLOT_COPIED_KEY, layout 9): a document whose
 * terms change is rewritten with all its positions (about 5 ms a report
 * in Xapian 1.4), one whose values alone change is not (about 0.13 ms),
 * and the pass rewrites nearly every report that has a year before.
 * continuity: and copied: are ranges of GK_SLOT_CONTINUITY_KEY and
 * GK_SLOT_COPIED_KEY (gk_linkkeys.h). */

/* metadata of databases before layout 4: the whole record of a report,
 * under GK_META_REPORT + report id (a rebuild with --force removes them;
 * the record is in GK_SLOT_RECORD now, so that a stub of shards, local or
 * remote, finds every report's) */
#define GK_META_REPORT "report/"
/* metadata: the layout of the database, GK_LAYOUT followed by the section
 * codes ("2 A=preamble B=overview ..."): a database without it, or with
 * another, was built by another version or other section data and must
 * be rebuilt (gongkai-index --force) */
#define GK_META_LAYOUT "layout"
#define GK_LAYOUT "10" /* 3: each section's source line in the data;
                         4: the record in the document (GK_SLOT_RECORD);
                         5: GK_SLOT_ORDER;
                         6: report ids from the collection, not the
                         absolute path (gk_report_id.h), GK_PREFIX_FILE;
                         figure totals (GK_SLOT_FIGURE_TOTALS);
                         completeness, missing parts, deadline, signed;
                         continuity (the link pass);
                         7: copied problems sections (GK_PREFIX_COPIED,
                         GK_SLOT_COPIED, GK_SLOT_COPIED_FROM);
                         8: GK_SLOT_COPIED_SKETCH;
                         9: the link pass's marks in values alone
                         (GK_SLOT_CONTINUITY_KEY, GK_SLOT_COPIED_KEY;
                         GK_SLOT_PREVIOUS_REPORTS and GK_SLOT_COPIED_FROM
                         values of their own), no XN, XNP, XY, XYP terms;
                         10: the narrow facet values packed again alone
                         (gk_doc_set_wide_facet, GK_SLOT_WIDE_FACET) */

/* The document's data: the report's sections as the source writes them,
 * in reading order: a line GK_DATA_MAGIC "N\n", then N lines "ID
 * TITLE_BYTES TEXT_BYTES LINE\n" (LINE: the line of the source file where
 * the section starts, 1-based; 0 unknown, as for every format but plain
 * text), then each section's title and text back to back
 * (gk_data_section_get in query/results reads it). */
#define GK_DATA_MAGIC "gk3 "

/* value slots.  How each is stored (indexer/document.c, shim/README.md):
 * the report id with gk_doc_set_key, numbers with
 * gk_doc_set_number (ranges, sorting), what --facet counts with
 * gk_doc_set_facet, the rest (display only) with gk_doc_set_value. */
enum gk_slot {
    GK_SLOT_REPORT_ID = 0,     /* 16 hex digits */
    GK_SLOT_PATH = 1,          /* absolute path of the source file */
    GK_SLOT_TITLE = 2,         /* report title */
    GK_SLOT_TOWNSHIP = 3,      /* township or street office, "" if unknown */
    GK_SLOT_COUNTY = 4,        /* county-level unit, "" if unknown */
    GK_SLOT_YEAR = 5,          /* number: the year reported on; unset if unknown */
    GK_SLOT_SECTIONS = 6,      /* the report's section ids in reading
                                  order, each once, joined by "," */
    GK_SLOT_DETAILS = 7,       /* JSON: what a hit shows beyond the strings
                                  here, so that no result needs the stored
                                  record: {"candidates": [...]} of an
                                  ambiguous place (as in docs/JSON.md),
                                  {"notes": "..."} on its figures (as
                                  --figures prints them); unset if none */
    GK_SLOT_KIND = 8,          /* "report" or "document" */
    GK_SLOT_BODY = 9,          /* issuing body as written, "" if unknown */
    GK_SLOT_YEAR_FACET = 10,   /* the year as text, for facets */
    GK_SLOT_CITY = 11,         /* city prefix of the issuing body, "" if none */
    GK_SLOT_PROVINCE = 12,     /* province prefix of the issuing body, "" if none */
    GK_SLOT_CONSISTENCY = 13,  /* "ok", "mismatch", "incomplete" */
    GK_SLOT_TEMPLATE = 14,     /* "2019", "2021", "pre2019"; unset if unknown */
    GK_SLOT_PLACE_STATUS = 15, /* "resolved", "ambiguous", "unknown" */
    GK_SLOT_PLACE_CODE = 16,   /* GB/T 2260 code when resolved */
    GK_SLOT_CATEGORIES = 17,   /* problem category ids, joined by "," */
    GK_SLOT_TOWNSHIP_KEY = 18, /* the township facet's value: "柳泉镇 (宜阳县)",
                                  "柳泉镇 (ambiguous)": a bare name would mix
                                  places */
    GK_SLOT_COUNTY_KEY = 19,   /* the county facet's value: "朝阳区 (北京市)" */
    /* slots 20 .. GK_SLOT_RECORD - 1: the canonical figures, as numbers
     * (figures.tsv) */
    GK_SLOT_RECORD = 900,      /* the whole record of the report (docs/JSON.md),
                                  compressed (gk_recordz.h): what --show prints */
    GK_SLOT_FIGURE_TOTALS = 901, /* a facet value of every document, what
                                  --sum and --avg add up: "y=YEAR" (empty
                                  if unknown), then ";ID=VALUE" for each
                                  known figure, the value as --figures
                                  prints it (%.15g: money in 元).  In the
                                  facet pack, so that a remote shard's
                                  ValueCountMatchSpy hands it over too */
    GK_SLOT_COMPLETENESS = 902, /* "complete", "incomplete"; unset if unknown */
    GK_SLOT_MISSING = 903,     /* the parts missing, joined by "," */
    GK_SLOT_DEADLINE = 904,    /* "on_time", "late", "unknown" */
    GK_SLOT_SIGNED = 905,      /* "YYYY-MM-DD": the date signed or published */
    GK_SLOT_SIGNED_DATE = 906, /* number: the same as yyyymmdd, for ranges */
    GK_SLOT_CONTINUITY = 907,  /* "ok", "mismatch", "unknown" (facet) */
    GK_SLOT_PREVIOUS_CARRIED_FORWARD = 908, /* number: the 结转下年度 of
                                  the same place's report of the year
                                  before; unset if unknown or none */
    GK_SLOT_PREVIOUS_REPORTS = 909, /* the ids of the reports of the year
                                  before, joined by ","; unset if none.  A
                                  key (gk_doc_set_key): the link pass
                                  reads it as one stream to find the
                                  reports that named a changed one */
    GK_SLOT_COPIED = 910,      /* "previous_year", "other_place",
                                  "previous_year,other_place", "none",
                                  "unknown" (facet) */
    GK_SLOT_COPIED_FROM = 911, /* the ids of the reports copied, joined by
                                  ","; unset if none.  A key, as
                                  GK_SLOT_PREVIOUS_REPORTS */
    GK_SLOT_COPIED_SKETCH = 912, /* the report id, then the problems
                                  section's sketch (gk_sketch_make,
                                  GK_SKETCH_SIZE bytes): all the link pass
                                  reads of a candidate to leave out one
                                  that cannot be a copy (layout 8); unset
                                  if not comparable */
    GK_SLOT_CONTINUITY_KEY = 913, /* key: GK_SLOT_CONTINUITY's value, what
                                  continuity: matches (one range) */
    GK_SLOT_COPIED_KEY = 914,  /* key: GK_SLOT_COPIED's marks in
                                  alphabetical order, what copied:
                                  matches (gk_linkkeys.h) */
    GK_SLOT_ORDER = 999        /* number: the report id's first 13 hex
                                  digits (layout 5): equal weights and
                                  equal sort values follow it, so that hits
                                  come in the same order from one database
                                  and from a stub of shards, whose docids
                                  interleave (docs/SCALE.md) */
};

/* The facet values too long to be read with the others when facets are
 * counted (gk_doc_set_wide_facet): the figure totals (hundreds of bytes a
 * report), the section ids and the missing parts.  Counting any other
 * facet reads only the short ones. */
#define GK_SLOT_WIDE_FACET(slot)                                                    \
    ((slot) == GK_SLOT_FIGURE_TOTALS || (slot) == GK_SLOT_SECTIONS ||               \
     (slot) == GK_SLOT_MISSING)

#endif

#!/usr/bin/env bash
# The module layout holds (scripts/check-layout over the sources and the
# objects just built), and the check does see each way of breaking it:
# a copy of the sources with one break of each kind planted, and objects
# that call across modules and in a circle, must be refused line by line.
# Arguments: SOURCE_DIR BUILD_DIR TEST_BUILD_DIR
set -euo pipefail
src=$1 build=$2 tmp=$3
check="$src/scripts/check-layout"

"$check" "$src" "$build"

work=$(mktemp -d "$tmp/layout-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$src/indexer" "$src/query" "$src/shim" "$src/include" "$src/CMakeLists.txt" "$work/"

# Each planted break, and the line that must name it.
echo '#include "gk_report.h"' >> "$work/indexer/base/utf8.c"
echo '#include "grid.h"' >> "$work/indexer/report/title.c"
echo '#include "gk_query.h"' >> "$work/query/results/show.c"
echo '#include "gk_pipeline.h"' >> "$work/query/main.c"
echo '#include "no_such_header.h"' >> "$work/indexer/text/fold.c"
: > "$work/include/gk_loose.h"
: > "$work/indexer/stray.c"
: > "$work/indexer/text/unlisted.c"
sed -i 's|^gk_module(places \+indexer/places \+USES base)|gk_module(places indexer/places USES text base)|' \
  "$work/CMakeLists.txt"
grep -q '^gk_module(places indexer/places USES text base)' "$work/CMakeLists.txt"

# Objects: base calling into report, and two files of text calling each
# other.
objs="$work/build/CMakeFiles"
mkdir -p "$objs/gk_base.dir/indexer/base" "$objs/gk_report.dir/indexer/report" \
         "$objs/gk_text.dir/indexer/text"
for m in places read figures shim index language results; do mkdir -p "$objs/gk_$m.dir"; done
cc_obj() { printf '%s\n' "$2" | cc -x c -c -o "$1" -; }
cc_obj "$objs/gk_report.dir/indexer/report/title.c.o" 'int gk_title_find(void) { return 1; }'
cc_obj "$objs/gk_base.dir/indexer/base/utf8.c.o" \
  'int gk_title_find(void); int gk_utf8_x(void) { return gk_title_find(); }'
cc_obj "$objs/gk_text.dir/indexer/text/clean.c.o" \
  'int gk_fold_y(void); int gk_clean_x(void) { return gk_fold_y(); }'
cc_obj "$objs/gk_text.dir/indexer/text/fold.c.o" \
  'int gk_clean_x(void); int gk_fold_y(void) { return gk_clean_x(); }'

if out=$("$check" "$work" "$work/build"); then
  echo "check-layout passed a tree with every kind of break in it"; exit 1
fi
expect() {
  grep -qF -- "$1" <<< "$out" || { echo "not reported: $1"; echo "$out"; exit 1; }
}
expect "indexer/base/utf8.c: includes include/report/gk_report.h, but base may not use report"
expect "indexer/report/title.c: includes indexer/figures/grid.h, a private header of figures"
expect "query/results/show.c: includes include/language/gk_query.h, but results may not use language"
expect "query/main.c: includes include/index/gk_pipeline.h, but gongkai-query may not use index"
expect "indexer/text/fold.c: includes \"no_such_header.h\", which is in no module"
expect "include/gk_loose.h: a public header belongs in include/MODULE/"
expect "indexer/stray.c: in no module"
expect "indexer/text/README.md: does not name indexer/text/unlisted.c"
expect "CMakeLists.txt: places uses {base text}, docs/CONVENTIONS.md says {base}"
expect "indexer/base/utf8.c (base) uses gk_title_find of indexer/report/title.c (report), but base may not use report"
expect "files that call each other in a circle: indexer/text/clean.c indexer/text/fold.c"
echo "check-layout: the layout holds, and each planted break is refused"

#!/usr/bin/env bash
# cmake --install puts both programs and their data files in place, and the
# installed programs use the installed data files (not the source tree's).
# Arguments: SOURCE_DIR BUILD_DIR TEST_BUILD_DIR
set -euo pipefail
src=$1 build=$2 tmp=$3
prefix=$(mktemp -d "$tmp/install-XXXXXX")
trap 'rm -rf "$prefix" "$prefix-moved"' EXIT

cmake --install "$build" --prefix "$prefix" > /dev/null
for f in bin/gongkai-index bin/gongkai-query; do
  [ -x "$prefix/$f" ] || { echo "missing $f"; exit 1; }
done
for f in sections.tsv place_suffixes.tsv fields.tsv values.tsv figures.tsv tables.tsv \
         prose_figures.tsv templates.tsv units.tsv amount_words.tsv title_words.tsv categories.tsv \
         postcodes.tsv contact_labels.tsv division_placeholders.tsv noise.tsv t2s.tsv \
         divisions/streets.csv divisions/LICENSE; do
  [ -f "$prefix/share/gongkai/$f" ] || { echo "missing share/gongkai/$f"; exit 1; }
done

# Give the installed section table a name the source tree does not have:
# only a program that reads the installed data knows it.
printf 'problems\talias\t安装测试章节\n' >> "$prefix/share/gongkai/sections.tsv"

# The installed tree still works after being moved: data are found beside
# the program, not at a path fixed at build time.
mv "$prefix" "$prefix-moved"
p="$prefix-moved"
unset GONGKAI_DATA_DIR
"$p/bin/gongkai-index" -q -d "$p/db" "$src/corpus"
out=$("$p/bin/gongkai-query" -d "$p/db" --json --by report '"存在的主要问题"' 'section:安装测试章节')
echo "$out" | tail -n 1 | grep -q '"total": *5' || { echo "unexpected: $out"; exit 1; }
"$p/bin/gongkai-query" --version | grep -q '^gongkai-query '
echo "installed programs work from $p"

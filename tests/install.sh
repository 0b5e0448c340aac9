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

# Manual pages and completion, where man, bash-completion and zsh look.
for f in share/man/man1/gongkai-index.1 share/man/man1/gongkai-query.1 \
         share/bash-completion/completions/gongkai-query \
         share/bash-completion/completions/gongkai-index \
         share/zsh/site-functions/_gongkai; do
  [ -f "$prefix/$f" ] || { echo "missing $f"; exit 1; }
done
if command -v man > /dev/null; then
  MANPATH="$prefix/share/man" man -w gongkai-query > /dev/null ||
    { echo "man does not find gongkai-query(1) under $prefix/share/man"; exit 1; }
fi
bash -n "$prefix/share/bash-completion/completions/gongkai-query" ||
  { echo "the bash completion does not parse"; exit 1; }
if command -v zsh > /dev/null; then
  zsh -n "$prefix/share/zsh/site-functions/_gongkai" ||
    { echo "the zsh completion does not parse"; exit 1; }
fi

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
# The installed bash completion offers the installed program's fields.
# shellcheck disable=SC1091
words=$(PATH="$p/bin:$PATH" bash -c '
  source "$1/share/bash-completion/completions/gongkai-query"
  COMP_WORDS=(gongkai-query town); COMP_CWORD=1; _gongkai_query
  echo "${COMPREPLY[*]}"' _ "$p")
[ "$words" = "township:" ] || { echo "bash completion of town: '$words'"; exit 1; }
echo "installed programs work from $p"

#!/usr/bin/env bash
# A stub database of three shards - two served by stock xapian-tcpsrv on
# 127.0.0.1, one local - answers a fixed mix of queries exactly as one
# database of the same reports: byte-identical --json apart from timings
# (issue 16, docs/SCALE.md), --show, --figures and copied: included; so do the
# shards merged with xapian-compact.  Then: a
# shard that is down is named in a one-line error (exit 3), and a damaged
# local shard is refused.
# Arguments: SOURCE_DIR BUILD_DIR TEST_BUILD_DIR
set -euo pipefail
src=$1 build=$2 tmp=$3
index=$build/gongkai-index query=$build/gongkai-query gen=$build/tests/gen/gongkai-gen
for tool in xapian-tcpsrv xapian-compact; do
  command -v "$tool" > /dev/null ||
    { echo "shards.sh: $tool is missing (Debian: xapian-tools, scripts/install-deps)"; exit 1; }
done
mkdir -p "$tmp"
work=$(mktemp -d "$tmp/shards-XXXXXX")
pids=()
stop_servers() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  pids=()
}
trap 'stop_servers; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP # so that the servers are stopped then too
cd "$work"
export GONGKAI_DATA_DIR="$src/corpus/data"
unset GONGKAI_DB

# 300 generated reports dealt into three folders; a shard of each, and one
# database of all three folders (the same paths, so the same report ids).
# A copy goes into its original's folder (by the number of the original,
# truth copy_of): a shard indexed alone links only its own reports, and
# copied: must find the same copies in it as in one database
"$gen" --seed 3 --count 300 --out gen --copies 20 > /dev/null
mkdir f1 f2 f3
for f in gen/r*; do
  b=${f#gen/}
  root=$(sed -n "s/.*\"file\":\"$b\".*\"copy_of\":\"\([^\"]*\)\".*/\1/p" gen/truth.jsonl)
  n=${root:-$b}
  n=${n#r}
  n=${n%%.*}
  mv "$f" "f$((10#$n % 3 + 1))/"
done
# and one township over three years (tests/history/), in one folder: the
# link pass of a shard indexed alone sees only its own folder, but
# --shards 3 deals the three among its shards and must link across them
cp "$src"/tests/history/baiyang_202[123].txt f1/
for k in 1 2 3; do "$index" -q -d "s$k" "f$k"; done
"$index" -q -d one f1 f2 f3

# Serve s1 and s2 on free ports: bind, and on a port taken meanwhile try
# another.  The server says "Listening..." once it accepts connections.
serve() { # DB -> sets $port
  local db=$1 try log
  for try in $(seq 1 20); do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2> /dev/null ||
           echo $((20000 + RANDOM % 40000)))
    log=$work/srv-$port.log
    # its own session: on SIGTERM xapian-tcpsrv kills its whole process
    # group (its forked children), which would otherwise be this test's
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$db" > "$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do
      grep -q Listening "$log" && return 0
      kill -0 "${pids[-1]}" 2> /dev/null || break
      sleep 0.1
    done
    kill "${pids[-1]}" 2> /dev/null || true
    wait "${pids[-1]}" 2> /dev/null || true
    unset 'pids[-1]'
  done
  echo "shards.sh: cannot start xapian-tcpsrv for $db"; cat "$log"; exit 1
}
serve s1; port1=$port
serve s2; port2=$port
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\nauto %s\n' "$port1" "$port2" "$work/s3" > stub

# the mix: text, phrase, filters only, sorts both ways, a figure range,
# facets, totals (--sum, --avg), --by report, -n 0, --offset, --figures,
# and --show of a report of each shard and --similar/similar: of copies
# (added below); each line one gongkai-query run
cat > mix <<'EOF'
存在的主要问题
-n 30 政府信息公开
'"行政复议"'
宣传 section:problems
-n 50 year:2020
-n 300 kind:report
-n 40 --offset 15 year:2015..2020
-n 40 --sort year kind:report
-n 40 --sort -year kind:report
-n 25 --offset 20 --sort -year 政府信息公开
-n 40 --sort requests_new kind:report
-n 40 --sort -requests_new kind:report
-n 20 --sort -fees_amount_yuan 收费
-n 30 requests_new:1..50
-n 30 'requests_new>=5' 存在的主要问题
-n 0 --facet province,year,category,section 存在的主要问题
-n 0 --facet province,year,category,section kind:report
--facet category --by-year -n 0 year:2010..2020
-n 5 --facet section,township,county 宣传
-n 0 --facet province,year,category,section --sum requests_new kind:report
--facet township,template --by-year --avg procurement_amount_yuan -n 0 year:2010..2020
-n 0 --sum fees_amount_yuan 收费
--facet county,section --sum procurement_amount_yuan -n 3 存在的主要问题
--by report -n 30 培训
-n 0 复议 OR 诉讼
--exact -n 10 政府信息公开
-n 10 --offset 290 kind:report
--figures --format json --sort -year year:2015..2030
--figures --format json kind:report
--history township:白阳镇
--history --format csv year:2021..2023
-n 10 continuity:mismatch
-n 10 continuity:ok
-n 0 --facet continuity kind:report
--figures --format json continuity:ok OR continuity:mismatch
-n 20 copied:previous_year
-n 20 copied:other_place
-n 0 --facet copied kind:report
--figures --format json copied:previous_year OR copied:other_place
--by report -n 20 copied:previous_year
EOF
# and queries in one --batch, one a line as written
cat > batch.txt <<'EOF'
存在的主要问题
"行政复议"
year:2020
宣传 section:problems
requests_new>=5 kind:report
EOF
# Timings go; scores are compared to 12 significant digits: a remote
# shard computes a weight from the same statistics in another order, and
# its last bits may differ (seen: 6.2988533464460295 and ...303)
strip_timing() {
  perl -pe 's/,?"elapsed_ms":[0-9.eE+-]+//g;
            s/"score":([0-9.eE+-]+)/sprintf("\"score\":%.12g", $1)/ge'
}
run_mix() { # DB OUT
  local db=$1 out=$2 line
  : > "$out"
  while IFS= read -r line; do
    eval "args=($line)"
    # shellcheck disable=SC2154
    "$query" -d "$db" --json "${args[@]}" >> "$out" 2>&1 || echo "exit $?" >> "$out"
  done < mix
  "$query" -d "$db" --json --batch batch.txt -n 7 --facet year >> "$out" 2>&1 ||
    echo "exit $?" >> "$out"
  strip_timing < "$out" > "$out.t"
}
# --show of a report of each shard (the record is in the document)
for k in 1 2 3; do
  id=$("$query" -d "s$k" --json -n 1 --offset 7 kind:report |
       sed -n 's/.*"report_id":"\([0-9a-f]*\)".*/\1/p' | head -1)
  [ -n "$id" ] || { echo "FAIL: no report in shard $k"; exit 1; }
  echo "--show $id" >> mix
done
# --similar and similar: of copied reports (gongkai-gen --copies), each
# verified on the candidates' stored text, wherever it lies
for file in $(sed -n 's/.*"file":"\([^"]*\)".*"copy":"exact".*/\1/p' gen/truth.jsonl | head -3); do
  id=$("$query" -d one --show "$(ls "$work"/f?/"$file")" --json |
       sed -n 's/^{"report_id":"\([0-9a-f]*\)".*/\1/p')
  [ -n "$id" ] || { echo "FAIL: no report id for $file"; exit 1; }
  echo "--similar $id" >> mix
  echo "-n 20 similar:$id" >> mix
done
run_mix one one.out
run_mix stub stub.out
# GONGKAI_DB names a stub as well as -d does
GONGKAI_DB=$work/stub "$query" --json -n 30 政府信息公开 | strip_timing > env.out
if ! cmp -s one.out.t stub.out.t; then
  echo "FAIL: the stub answers otherwise than one database"
  diff one.out.t stub.out.t | head -40
  exit 1
fi
grep -q '"type":"hit"' one.out.t || { echo "FAIL: the mix found nothing"; exit 1; }
grep -q '"type":"facet"' one.out.t || { echo "FAIL: the mix counted no facets"; exit 1; }
grep -q '"sum":[1-9]' one.out.t || { echo "FAIL: the mix summed no figure"; exit 1; }
grep -q '"continuity":"mismatch"' one.out.t && grep -q '"type":"history"' one.out.t ||
  { echo "FAIL: the mix shows no continuity or history"; exit 1; }
grep -q '"type":"similar"' one.out.t || { echo "FAIL: the mix found no copies"; exit 1; }
grep -q '"copied":"previous_year' one.out.t && grep -q '"copied":"other_place' one.out.t ||
  { echo "FAIL: the mix marks no report copied from its previous year and another place"; exit 1; }
if grep -q '^exit\|gongkai-query:' one.out.t; then
  echo "FAIL: a query of the mix failed"; grep '^exit\|gongkai-query:' one.out.t; exit 1
fi
"$query" -d one --json -n 30 政府信息公开 | strip_timing | cmp -s - env.out ||
  { echo "FAIL: GONGKAI_DB=STUB answers otherwise than -d one"; exit 1; }

# the shards merged into one database for a laptop (docs/SCALE.md) answer
# the mix as one database built whole, and gongkai-index keeps it up to
# date: every file is found unchanged
xapian-compact s1 s2 s3 merged > /dev/null
run_mix merged merged.out
if ! cmp -s one.out.t merged.out.t; then
  echo "FAIL: the merged shards answer otherwise than one database"
  diff one.out.t merged.out.t | head -40
  exit 1
fi
"$index" --json -d merged f1 f2 f3 > rerun.out
grep -q '"unchanged":303' rerun.out && grep -q '"indexed":0' rerun.out ||
  { echo "FAIL: a rerun into the merged database did not find every file unchanged:"
    tail -1 rerun.out; exit 1; }

# gongkai-index --shards 3 writes three shards and their stub itself (one
# writer thread each): the folder answers the mix as one database, each
# report lies in exactly one shard, a rerun finds everything unchanged,
# and another count is refused
"$index" -q --shards 3 -d sharded f1 f2 f3
[ -f sharded/XAPIANDB ] && [ -d sharded/shard-2 ] ||
  { echo "FAIL: --shards 3 wrote no stub and three shards:"; ls sharded; exit 1; }
run_mix sharded sharded.out
cmp -s one.out.t sharded.out.t ||
  { echo "FAIL: --shards 3 answers otherwise than one database";
    diff one.out.t sharded.out.t | head -40; exit 1; }
sum=0
for k in 0 1 2; do
  n=$("$query" -d "sharded/shard-$k" --json -n 0 kind:report | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  [ "$n" -gt 0 ] || { echo "FAIL: shard-$k holds no report"; exit 1; }
  sum=$((sum + n))
done
[ "$sum" -eq 303 ] || { echo "FAIL: the shards hold $sum reports, not 303"; exit 1; }
"$index" --json -d sharded f1 f2 f3 > sh-rerun.out
grep -q '"unchanged":303' sh-rerun.out && grep -q '"indexed":0' sh-rerun.out ||
  { echo "FAIL: a rerun of the shards did not find every file unchanged:"
    tail -1 sh-rerun.out; exit 1; }
set +e
"$index" -q --shards 2 -d sharded f1 2> count.err
rc=$?
set -e
[ "$rc" -eq 3 ] && [ "$(wc -l < count.err)" -eq 1 ] && grep -q '3 shards, not 2' count.err ||
  { echo "FAIL: --shards 2 on 3 shards gave exit $rc:"; cat count.err; exit 1; }
# a file changed, one deleted, --prune, then --force: shards and one
# database stay alike
changed=$(ls f2/r* | head -3 | tail -1) gone=$(ls f3/r* | head -5 | tail -1)
printf '\n五、存在的主要问题及改进情况\n宣传培训形式单一，已列入下一年度计划。\n' >> "$changed"
rm "$gone"
cp "$src/tests/history/baiyang_2022_revised.txt" f1/baiyang_2022.txt
"$index" -q --prune -d one f1 f2 f3
"$index" --json --prune -d sharded f1 f2 f3 > sh-prune.out
grep -q '"pruned":1' sh-prune.out && grep -q '"updated":2' sh-prune.out ||
  { echo "FAIL: --prune on shards:"; tail -1 sh-prune.out; exit 1; }
"$index" -q --force -d sharded f1 f2 f3
run_mix one one2.out
run_mix sharded sharded2.out
cmp -s one2.out.t sharded2.out.t ||
  { echo "FAIL: after a change, a deletion, --prune and --force the shards answer otherwise";
    diff one2.out.t sharded2.out.t | head -40; exit 1; }
cmp -s one.out.t one2.out.t && { echo "FAIL: the change and the deletion changed no answer"; exit 1; }

# killed (-9) and interrupted (SIGINT) part way, then run again: the
# shards end as one database of the same files
for sig in KILL INT; do
  rm -rf "cut-$sig"
  "$index" -q -j2 --commit-every 10 --shards 3 -d "cut-$sig" f1 f2 f3 &
  pid=$!
  sleep 0.8
  kill -s "$sig" "$pid" 2> /dev/null || true
  set +e
  wait "$pid"
  rc=$?
  set -e
  case "$sig:$rc" in
    KILL:137 | INT:130 | *:0) ;;
    *) echo "FAIL: --shards run stopped by SIG$sig exited $rc"; exit 1 ;;
  esac
  "$index" -q -d "cut-$sig" f1 f2 f3
  run_mix "cut-$sig" "cut-$sig.out"
  cmp -s one2.out.t "cut-$sig.out.t" ||
    { echo "FAIL: shards stopped by SIG$sig and rerun answer otherwise";
      diff one2.out.t "cut-$sig.out.t" | head -40; exit 1; }
done

# a shard that is down: one line naming it, exit 3
stop_servers
set +e
"$query" -d stub --json 存在的主要问题 > down.out 2> down.err
rc=$?
set -e
[ "$rc" -eq 3 ] || { echo "FAIL: a shard down gave exit $rc, not 3"; cat down.err; exit 1; }
[ "$(wc -l < down.err)" -eq 1 ] || { echo "FAIL: not one line:"; cat down.err; exit 1; }
grep -q "127.0.0.1:$port1" down.err ||
  { echo "FAIL: the error does not name the shard:"; cat down.err; exit 1; }
[ ! -s down.out ] || { echo "FAIL: output with a shard down"; cat down.out; exit 1; }
# --partial: the shard that answers (s3), a warning for each one down
set +e
"$query" -d stub --partial --json -n 30 存在的主要问题 > part.out 2> part.err
rc=$?
set -e
[ "$rc" -eq 0 ] || { echo "FAIL: --partial with two shards down gave exit $rc"; cat part.err; exit 1; }
[ "$(wc -l < part.err)" -eq 2 ] && grep -q "127.0.0.1:$port1" part.err &&
  grep -q "127.0.0.1:$port2" part.err && grep -q 'warning' part.err ||
  { echo "FAIL: --partial did not name each shard down in a warning:"; cat part.err; exit 1; }
"$query" -d s3 --json -n 30 存在的主要问题 | strip_timing > s3.out
strip_timing < part.out | cmp -s - s3.out ||
  { echo "FAIL: --partial answers otherwise than the shard that is up"; exit 1; }
printf 'remote 127.0.0.1:%s\n' "$port1" > down-stub
set +e
"$query" -d down-stub --partial -n 1 存在的主要问题 > /dev/null 2> alldown.err
rc=$?
set -e
[ "$rc" -eq 3 ] || { echo "FAIL: --partial with every shard down gave exit $rc"; cat alldown.err; exit 1; }

# a damaged local shard is refused as a damaged database is
printf 'auto %s\nauto %s\n' "$work/s1" "$work/s3" > local-stub
"$query" -d local-stub -n 1 存在的主要问题 > /dev/null
rm s3/postlist.glass
set +e
"$query" -d local-stub -n 1 存在的主要问题 > /dev/null 2> damaged.err
rc=$?
set -e
[ "$rc" -ne 0 ] && grep -q 'damaged' damaged.err && grep -q 's3' damaged.err ||
  { echo "FAIL: a damaged shard was not refused (exit $rc):"; cat damaged.err; exit 1; }
echo "shards.sh: stub of 3 shards (2 remote) = merged shards = --shards 3 = one database over $(wc -l < mix) queries and a batch"

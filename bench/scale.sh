#!/usr/bin/env bash
# The scale runner: builds corpora of 10k, 100k and 1M passages from ../shared/corpora, ingests each into a fresh
# embedded store, times the fixed query set against it, Lucene.Net and an exact scan, then writes
# docs/benchmarks/scale-tables.md and the PNG plots. Big files go to SCALE_DATA (default /work/scale-data), never
# into the repository. Usage: bench/scale.sh [SIZES...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${SCALE_DATA:-/work/scale-data}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
dotnet build bench/TradeBot.Bench -c Release --nologo -v q
bench="dotnet bench/TradeBot.Bench/bin/Release/net10.0/TradeBot.Bench.dll"
mkdir -p "$data"
$bench embedder "$data"
for size in "${sizes[@]}"; do
  $bench scale "$size" "$data"   # one process per size: its memory is its own
  $bench memory "$size" "$data"  # and a restarted server on that store
done
$bench report "$data" "bench/scale.sh ${sizes[*]}"

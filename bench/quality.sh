#!/usr/bin/env bash
# Answer quality on the real corpora: each development set of ../shared/eval over its whole corpus in ../shared/corpora
# (and the seed set over the seed articles), for the default arctic embedder and the built-in one, then the arctic
# model's throughput, and the README's answer-quality table rewritten from these runs. The stores live outside the
# repository (STORES, default ../tradebot-stores) and are kept between runs: passage vectors are cached by model and
# text, so only the first arctic run pays for the model (about 15 minutes for Reuters on 2 cores); later runs
# re-ingest only what the code changed.
set -euo pipefail
cd "$(dirname "$0")/.."
stores=${STORES:-../tradebot-stores}
mkdir -p "$stores"
dotnet build src/TradeBot -c Release --nologo -v q
dotnet build bench/TradeBot.Bench -c Release --nologo -v q
tradebot=src/TradeBot/bin/Release/net10.0/TradeBot.dll
for embedder in arctic builtin; do
  for pair in reuters:corpora/reuters21578/articles.jsonl bbc:corpora/bbc-news/articles.jsonl seed-qa:seeds; do
    set_name=${pair%%:*}; corpus=${pair#*:}
    echo "== $set_name-dev over ../shared/$corpus, embedder $embedder"
    status=0
    Embeddings__Provider=$embedder dotnet "$tradebot" eval "../shared/eval/$set_name-dev.jsonl" \
      --corpus "../shared/$corpus" --data "$stores/$set_name-$embedder" \
      --json "$stores/$set_name-$embedder.json" > "$stores/$set_name-$embedder.txt" || status=$?
    [ "$status" -le 1 ] || { echo "eval failed ($status); see $stores/$set_name-$embedder.txt"; exit "$status"; }
    grep -E '^(pass rate|recall|excluded|false|answer latency|first turn)' "$stores/$set_name-$embedder.txt" || true
  done
done
bench="dotnet bench/TradeBot.Bench/bin/Release/net10.0/TradeBot.Bench.dll"
$bench embedder "$stores"
$bench quality-report "$stores"

#!/usr/bin/env bash
# Every benchmark in one go: results as JSON in bench/results/, plots in docs/bench/,
# and a Markdown table (with the machine described) printed for the README.
#   bash bench/run_all.sh            # 0.5B model
#   MODEL=1.5b bash bench/run_all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${MODEL:-0.5b}"
mkdir -p bench/results docs/bench
if [ -f bench/bench_store.py ]; then
  python bench/bench_store.py
fi
python bench/bench_draft.py --model "$MODEL" --out bench/results/draft.json
python bench/plot.py

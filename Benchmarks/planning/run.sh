#!/usr/bin/env bash
# Benchmarks the planning engine: builds `mutasi` in release, makes the OR-Tools venv, and
# prints the markdown table of README.md. Run from anywhere:
#
#     Benchmarks/planning/run.sh                     # 2,000 / 20,000 / 100,000 employees, seeds 1 2 4
#     SIZES=2000,20000 SEEDS=1 Benchmarks/planning/run.sh
#
# Needs ../shared/tools/gen-instance.py beside the repository, python3, and /usr/bin/time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

swift build -c release --product mutasi --scratch-path .build-release >&2
binary="$(swift build -c release --product mutasi --scratch-path .build-release --show-bin-path)/mutasi"

if [ ! -x .venv-bench/bin/python ] || ! .venv-bench/bin/python -c "import ortools, numpy" 2>/dev/null; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install --quiet ortools numpy >&2
fi

exec .venv-bench/bin/python Benchmarks/planning/bench.py \
    --binary "$binary" --generator "$root/../shared/tools/gen-instance.py" \
    --sizes "${SIZES:-2000,20000,100000}" --seeds "${SEEDS:-1,2,4}" --work "${WORK:-bench-out/planning}"

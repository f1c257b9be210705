#!/usr/bin/env bash
# A second, independent check of the planning engine: random small and medium instances with
# odd corners (hierarchical and malformed-looking region codes, need 0, Unicode ids, locks,
# wishes, priorities, both modes, other weights, preferences naming no unit) and the generator's own instances; every plan is
# re-checked figure by figure and its objective compared with OR-Tools' optimum
# (check_plan.py builds the planning.md network on its own).
#   Benchmarks/planning/verify/run.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count=${1:-200}
venv=.venv-bench
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q ortools; }
swift build -c release --product mutasi --scratch-path .build-release >/dev/null
bin=.build-release/release/mutasi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
for gen in gen_small gen_mid; do
    for seed in $(seq 1 "$count"); do
        python3 "Benchmarks/planning/verify/$gen.py" "$seed" > "$work/i.json"
        if ! "$bin" plan solve --input "$work/i.json" --output "$work/p.json" 2>"$work/err"; then
            echo "$gen $seed: solver refused: $(cat "$work/err")"; fails=$((fails + 1)); continue
        fi
        "$venv/bin/python" Benchmarks/planning/verify/check_plan.py "$work/i.json" "$work/p.json" > "$work/out" \
            || { echo "$gen $seed:"; cat "$work/out"; fails=$((fails + 1)); }
    done
done
for seed in 1 2 3; do
    python3 ../shared/tools/gen-instance.py --employees 2000 --seed "$seed" > "$work/i.json"
    "$bin" plan solve --input "$work/i.json" --output "$work/p.json"
    "$venv/bin/python" Benchmarks/planning/verify/check_plan.py "$work/i.json" "$work/p.json" || fails=$((fails + 1))
done
echo "$((2 * count + 3)) instances, $fails failed"
[ "$fails" -eq 0 ]

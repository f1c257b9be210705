#!/usr/bin/env python3
"""Times `mutasi plan solve` against OR-Tools' SimpleMinCostFlow on generated instances and
prints a markdown table. Run through run.sh, which builds the binary and the venv first.

For each size and seed: generate the instance (shared/tools/gen-instance.py), run the release
binary with --timings under /usr/bin/time (wall time and peak RSS), check every figure of the
plan against the instance (ortools_mcf.check_plan), and solve the same instance with OR-Tools
(network built from planning.md by ortools_mcf.py; only Solve() timed) to compare objectives.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ortools_mcf  # noqa: E402


def run_mutasi(binary, instance_path, plan_path):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", t.name, binary, "plan", "solve",
             "--input", instance_path, "--output", plan_path, "--timings"],
            capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"mutasi failed on {instance_path}: {proc.stderr}")
        wall, rss_kb = t.read().split()[-2:]
    timings = dict(line.split(": ") for line in proc.stderr.strip().splitlines() if ": " in line)
    return float(wall), int(rss_kb) / 1024, {k: float(v) for k, v in timings.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--sizes", default="2000,20000,100000")
    ap.add_argument("--seeds", default="1,2,4")
    ap.add_argument("--work", default="bench-out/planning")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)

    rows, all_ok = [], True
    for n in [int(x) for x in a.sizes.split(",")]:
        for seed in [int(x) for x in a.seeds.split(",")]:
            path = os.path.join(a.work, f"instance-{n}-{seed}.json")
            plan_path = os.path.join(a.work, f"plan-{n}-{seed}.json")
            subprocess.run([sys.executable, a.generator, "--employees", str(n), "--seed", str(seed),
                            "--out", path], check=True)
            wall, rss, timings = run_mutasi(a.binary, path, plan_path)
            with open(path) as f:
                inst = json.load(f)
            with open(plan_path) as f:
                plan = json.load(f)
            problems = ortools_mcf.check_plan(inst, plan)
            ort = ortools_mcf.solve(inst)
            same = ort["objective"] == plan["objective"] and not problems
            all_ok &= same
            for p in problems[:5]:
                print(f"n={n} seed={seed}: {p}", file=sys.stderr)
            rows.append((n, seed, inst["policy"]["scope"], len(plan["moves"]), plan["objective"], wall, rss,
                         timings.get("solve", float("nan")), ort["solveSeconds"], ort["arcs"],
                         "yes" if same else "**NO**"))
            print(f"done n={n} seed={seed}", file=sys.stderr)

    print("| employees | seed | scope | moves | objective | `mutasi plan solve` wall (s) | peak RSS (MiB) "
          "| engine solve (s) | OR-Tools Solve() (s) | OR-Tools arcs | same optimum, plan checked |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print(f"| {r[0]:,} | {r[1]} | {r[2]} | {r[3]:,} | {r[4]:,} | {r[5]:.2f} | {r[6]:.0f} | {r[7]:.3f} "
              f"| {r[8]:.3f} | {r[9]:,} | {r[10]} |")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()

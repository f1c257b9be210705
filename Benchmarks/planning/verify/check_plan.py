#!/usr/bin/env python3
"""Independent check of a plan against planning.md (version 2): recomputes every figure of every
move, feasibility (kinds and caps), the objective, balance before/after and the voice figures
(ortools_mcf.check_plan), and the optimum with OR-Tools on the uncompressed network
(ortools_mcf.solve).

    check_plan.py instance.json plan.json
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ortools_mcf  # noqa: E402

inst = json.load(open(sys.argv[1]))
plan = json.load(open(sys.argv[2]))
problems = ortools_mcf.check_plan(inst, plan)
best = ortools_mcf.solve(inst)["objective"]
if best != plan["objective"]:
    problems.append(f"objective {plan['objective']}, OR-Tools optimum {best}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)

import json, random, sys
seed = int(sys.argv[1]); r = random.Random(seed)
regions = ["53", "53.71", "53.71.01", "53.71.02", "53.01", "53.01.05", "52.71", "52.71.01"]
fields = ["a", "b", "c"]
codes = ["A", "B", "C"]
units = [f"U{i}" for i in range(r.randint(2, 10))]
slots = []
ns = r.randint(3, 25)
for i in range(ns):
    lo = r.randint(1, 10); hi = r.randint(lo, 17)
    s = {"id": f"S{i}", "unit": r.choice(units), "region": r.choice(regions), "need": r.choice([0, 1, 2, 3, 5, 8, 13]),
         "minGrade": lo, "maxGrade": hi}
    if r.random() < 0.4: s["educationFields"] = r.sample(fields, r.randint(1, 2))
    if r.random() < 0.7: s["competencies"] = [{"code": c, "level": r.randint(1, 4)} for c in r.sample(codes, r.randint(1, 3))]
    slots.append(s)
heavy = r.sample(slots, min(len(slots), r.randint(1, 4)))
emps = []
for i in range(r.randint(10, 120)):
    home = r.choice(heavy) if r.random() < 0.7 else r.choice(slots)
    e = {"id": f"E{i}", "slot": home["id"], "grade": r.randint(1, 17), "educationField": r.choice(fields),
         "performance": r.choice([3, 4, 5, 5]), "monthsInPosition": r.randint(0, 60), "monthsToRetirement": r.randint(5, 200),
         "competencies": {c: r.randint(0, 5) for c in r.sample(codes, r.randint(0, 3))}}
    if r.random() < 0.7: e["preferences"] = r.sample(units, r.randint(1, min(5, len(units))))
    x = r.random()
    e["wish"] = "move" if x < 0.3 else "stay" if x < 0.4 else "none"
    if e["wish"] == "move": e["priority"] = r.choice([0, 0, 10, 30, 80, 300])
    emps.append(e)
inst = {"policy": {"scope": r.choice(["regency", "province", "any"]), "maxTrainableGap": r.randint(0, 4),
                   "minMonthsInPosition": r.choice([0, 24]), "mode": r.choice(["balance", "balance", "voluntary"])},
        "slots": slots, "employees": emps}
print(json.dumps(inst))

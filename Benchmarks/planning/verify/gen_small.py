import json, random, sys
seed = int(sys.argv[1]); r = random.Random(seed)
regions = ["53", "53.71", "53.71.01", "53.71.02", "53.71.01.1001", "53.01", "53.01.05", "52.71", "52.71.01", "63.10", "5.3", "53.7"]
fields = ["pendidikan", "kesehatan", "hukum", "ékonomi"]
codes = ["A", "B", "C", "Ď"]
nslots = r.randint(1, 9)
units = [f"U{i}" if r.random() < 0.8 else f"ユニット{i}" for i in range(r.randint(1, 6))]
if r.random() < 0.3: units += ["caf\u00e9", "cafe\u0301"]   # canonically equivalent, different units
slots = []
for i in range(nslots):
    lo = r.randint(1, 17); hi = r.randint(lo, 17)
    s = {"id": f"S{i}", "unit": r.choice(units), "region": r.choice(regions), "need": r.choice([0, 0, 1, 1, 2, 3, 4, 7]),
         "minGrade": lo, "maxGrade": hi}
    if r.random() < 0.5: s["educationFields"] = r.sample(fields, r.randint(1, 2))
    if r.random() < 0.6: s["competencies"] = [{"code": c, "level": r.randint(1, 5)} for c in r.sample(codes, r.randint(1, 3))]
    slots.append(s)
emps = []
for i in range(r.randint(0, 14)):
    e = {"id": f"E{i}", "slot": r.choice(slots)["id"], "grade": r.randint(1, 17), "educationField": r.choice(fields),
         "performance": r.randint(1, 5), "monthsInPosition": r.randint(0, 60), "monthsToRetirement": r.randint(0, 40)}
    if r.random() < 0.7: e["competencies"] = {c: r.randint(0, 5) for c in r.sample(codes, r.randint(0, 4))}
    x = r.random()
    if x < 0.7: e["wish"] = "move" if x < 0.4 else "stay" if x < 0.55 else "none"
    if r.random() < 0.4: e["priority"] = r.choice([0, 5, 40, 150, 500])
    if r.random() < 0.1: e["locked"] = True
    if r.random() < 0.7: e["preferences"] = [r.choice(units + ["nowhere"]) for _ in range(r.randint(0, 5))]
    emps.append(e)
inst = {"slots": slots, "employees": emps}
if r.random() < 0.8:
    inst["policy"] = {k: v for k, v in {"horizonMonths": r.choice([0, 6, 12, 24]), "minMonthsInPosition": r.choice([0, 12, 24]),
        "minPerformance": r.randint(1, 5), "maxTrainableGap": r.randint(0, 4), "scope": r.choice(["regency", "province", "any"]),
        "mode": r.choice(["balance", "balance", "voluntary"]), "fitWeight": r.choice([0, 3, 10]),
        "wishBonus": r.choice([0, 200, 1000]), "wishStep": r.choice([0, 30, 300]), "compulsoryCost": r.choice([0, 300, 5000]),
        "stayCost": r.choice([0, 200, 3000]), "ignoredWishCost": r.choice([0, 150, 2000])}.items() if r.random() < 0.7}
print(json.dumps(inst, ensure_ascii=False))

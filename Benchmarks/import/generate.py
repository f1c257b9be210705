#!/usr/bin/env python3
"""Writes units.csv, slots.csv and employees.csv for the import benchmark into DIR:
N employees (default 100,000) in 50 per unit over N/50 units of kota-mataram's Dinas Pendidikan,
five slots per unit. Deterministic (fixed seed). usage: generate.py DIR [N]"""
import os, random, sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(20260101)
units = max(1, n // 50)
slots = [("GURU-MTK", "Guru Matematika", "Guru", "III/a", "IV/b", "Pendidikan Matematika", "MENGAJAR:3|MATEMATIKA:3"),
         ("GURU-BIND", "Guru Bahasa Indonesia", "Guru", "III/a", "IV/b", "Pendidikan Bahasa Indonesia", "MENGAJAR:3"),
         ("GURU-IPA", "Guru IPA", "Guru", "III/a", "IV/b", "Pendidikan Fisika|Pendidikan Biologi", "MENGAJAR:3|SAINS:3"),
         ("PENGELOLA-TU", "Pengelola Tata Usaha", "Pelaksana", "II/a", "III/b", "Administrasi Perkantoran", "ADMINISTRASI:2"),
         ("KEPSEK", "Kepala Sekolah", "Guru", "III/d", "IV/c", "Manajemen Pendidikan", "MANAJEMEN:3")]
grades = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]
names = ["Agus", "Baiq", "Lalu", "Siti", "Made", "Ketut", "Nur", "Rahmat", "Dewi", "Hendra"]
last = ["Hamdani", "Utami", "Sanjaya", "Ismail", "Pratama", "Wulandari", "Hidayat", "Setiawan"]
predicates = ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"]

with open(os.path.join(out, "units.csv"), "w", encoding="utf-8") as f:
    f.write("kode_unit;nama_unit;kode_instansi;kode_wilayah\n")
    for u in range(units):
        f.write(f"BENCH-{u:05d};Sekolah Uji {u};dinas-pendidikan;52.71.0{1 + u % 6}\n")
with open(os.path.join(out, "slots.csv"), "w", encoding="utf-8") as f:
    f.write("kode_unit;kode_jabatan;nama_jabatan;jenis_jabatan;golongan_min;golongan_maks;bidang_pendidikan;kompetensi;kebutuhan;alasan_kebutuhan\n")
    for u in range(units):
        for code, name, kind, lo, hi, fields, comp in slots:
            f.write(f"BENCH-{u:05d};{code};{name};{kind};{lo};{hi};{fields};{comp};10;Kebutuhan awal data uji beban\n")
seen = set()
with open(os.path.join(out, "employees.csv"), "w", encoding="utf-8") as f:
    f.write("nip;jenis_asn;nama;tanggal_lahir;jenis_kelamin;golongan;pendidikan;bidang_pendidikan;kompetensi;"
            "kode_unit;kode_jabatan;tmt_jabatan;skp;dikunci;alasan_kunci\n")
    i = 0
    while i < n:
        year, month, day = rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28)
        start = min(2024, year + rng.randint(19, 30))
        sex = rng.randint(1, 2)
        nip = f"{year}{month:02d}{day:02d}{start}{rng.randint(1, 12):02d}{sex}{rng.randint(1, 999):03d}"
        if nip in seen:
            continue
        seen.add(nip)
        code, _, _, _, _, fields, comp = slots[i % 5]
        since = f"{max(start, 2014)}-{rng.randint(1, 12):02d}-01"
        skp = f"2023:{rng.choice(predicates)}|2024:{rng.choice(predicates)}"
        name = f"{rng.choice(names)} {rng.choice(last)}"
        f.write(f"{nip};PNS;{name};{year}-{month:02d}-{day:02d};{'L' if sex == 1 else 'P'};{rng.choice(grades)};S1;"
                f"{fields.split('|')[0]};{comp};BENCH-{(i // 50) % units:05d};{code};{since};{skp};tidak;\n")
        i += 1
print(f"{units} units, {units * 5} slots, {n} employees")

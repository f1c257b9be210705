// Live figures of a needs analysis (ABK) while it is typed in. The arithmetic is the server's,
// step for step: exact fractions of 64-bit integers (BigInt, checked for the same overflow),
// rounded once with the tenant's rounding, graded with the tenant's bounds, all read from the
// form's data attributes. The server's figures after saving are the ones that count.
"use strict";
(function () {
  const form = document.querySelector("form.abk-form");
  if (!form) return;

  // MARK: exact fractions (as Rational.swift)
  const MAX = (1n << 63n) - 1n, MIN = -(1n << 63n);
  class Overflow extends Error {}
  const checked = (x) => { if (x > MAX || x < MIN) throw new Overflow(); return x; };
  const abs = (x) => (x < 0n ? -x : x);
  const gcd = (a, b) => { while (b !== 0n) { [a, b] = [b, a % b]; } return a === 0n ? 1n : a; };
  function rat(n, d) {
    if (d === 0n) throw new Overflow();
    if (n === MIN || d === MIN) throw new Overflow();
    const g = gcd(abs(n), abs(d)), s = d < 0n ? -1n : 1n;
    return { n: (s * n) / g, d: (s * d) / g };
  }
  const int = (n) => rat(checked(n), 1n);
  function add(x, y) {
    const g = gcd(x.d, y.d);
    const left = checked(x.n * (y.d / g)), right = checked(y.n * (x.d / g));
    return rat(checked(left + right), checked(x.d * (y.d / g)));
  }
  function mul(x, y) {
    const a = gcd(abs(x.n), y.d), b = gcd(abs(y.n), x.d);
    return rat(checked((x.n / a) * (y.n / b)), checked((x.d / b) * (y.d / a)));
  }
  function div(x, y) {
    if (y.n === 0n) throw new Overflow();
    return mul(x, rat(y.d, y.n));
  }
  const cmp = (x, y) => { const l = x.n * y.d, r = y.n * x.d; return l < r ? -1 : l > r ? 1 : 0; };
  function floor(x) { const q = x.n / x.d; return x.n % x.d < 0n ? q - 1n : q; }
  function ceiling(x) { const q = x.n / x.d; return x.n % x.d > 0n ? q + 1n : q; }
  function halfUp(x) {
    const signed = x.n % x.d, rest = signed < 0n ? signed + x.d : signed;
    return rest >= x.d - rest ? floor(x) + 1n : floor(x);
  }
  function decimalString(x, digits) {
    const scale = 10n ** BigInt(digits);
    let scaled;
    try { scaled = halfUp(mul(x, int(scale))); } catch (e) { scaled = halfUp(x); }
    const sign = scaled < 0n ? "-" : "", magnitude = String(abs(scaled));
    if (digits === 0) return sign + magnitude;
    const padded = "0".repeat(Math.max(0, digits + 1 - magnitude.length)) + magnitude;
    return sign + padded.slice(0, padded.length - digits) + "." + padded.slice(padded.length - digits);
  }
  function trimmed(x, digits) {
    let text = decimalString(x, digits);
    if (!text.includes(".")) return text;
    text = text.replace(/0+$/, "").replace(/\.$/, "");
    return text === "-0" ? "0" : text;
  }
  function exactDecimal(x) {
    let rest = x.d, twos = 0, fives = 0;
    while (rest % 2n === 0n) { rest /= 2n; twos++; }
    while (rest % 5n === 0n) { rest /= 5n; fives++; }
    return decimalString(x, rest === 1n ? Math.max(twos, fives) : 18);
  }
  // Rational(decimal:): "2.5", "-1", at most 18 digits; the page reads a comma as the point.
  function parseDecimal(text) {
    let body = text.replace(/,/g, ".").trim();
    const negative = body.startsWith("-");
    if (negative) body = body.slice(1);
    const pieces = body.split(".");
    if (pieces.length > 2 || !pieces.every((p) => /^[0-9]+$/.test(p)) || pieces.join("").length > 18) return null;
    const whole = BigInt(pieces.join(""));
    return rat(negative ? -whole : whole, 10n ** BigInt(pieces.length === 2 ? pieces[1].length : 0));
  }
  function parseInteger(text) {
    const body = text.trim();
    if (!/^[+-]?[0-9]+$/.test(body)) return null;
    const value = BigInt(body);
    return value > MAX || value < MIN ? null : value;
  }

  // MARK: Indonesian numbers (as NeedsFormat.swift): 54.300, 0,724, -1.234,5
  function indonesian(text) {
    const negative = text.startsWith("-"), body = negative ? text.slice(1) : text;
    const [whole, fraction] = body.split(".");
    let grouped = "";
    for (let i = 0; i < whole.length; i++) {
      if (i > 0 && (whole.length - i) % 3 === 0) grouped += ".";
      grouped += whole[i];
    }
    return (negative ? "-" : "") + grouped + (fraction ? "," + fraction : "");
  }

  // MARK: the tenant's settings and the slot's staff
  const data = form.dataset;
  const effective = int(BigInt(data.menitEfektif));
  const rounding = data.pembulatan;
  const staff = BigInt(data.pegawai);
  const bounds = ["a", "b", "c", "d"].map((g) => ({
    grade: g.toUpperCase(),
    value: parseDecimal(data["ambang" + g.toUpperCase()]),
    inclusive: data["ambang" + g.toUpperCase() + "Inklusif"] === "ya",
  }));
  function grade(ej) {
    for (const b of bounds) if (b.inclusive ? cmp(ej, b.value) >= 0 : cmp(ej, b.value) > 0) return b.grade;
    return "E";
  }
  function round(x) {
    if (rounding === "nearest") return halfUp(x);
    if (rounding === "down") return floor(x);
    return ceiling(x);
  }

  // MARK: reading the form
  const body = form.querySelector("tbody.abk-rows");
  const template = form.querySelector("template.abk-row");
  const method = () => (form.querySelector("input[name=metode]:checked") || {}).value || "tugas";

  // The exact need and the total workload, or a sentence saying what is missing.
  function compute() {
    if (method() === "rasio") {
      const population = parseInteger(form.elements["rasio_populasi"].value);
      const per = parseDecimal(form.elements["rasio_per_orang"].value);
      if (population === null || population < 0n) return { missing: "Isi jumlah yang dilayani (bilangan bulat, tidak negatif)." };
      if (per === null || per.n <= 0n) return { missing: "Isi rasio per orang (angka lebih dari 0)." };
      return { exact: div(int(population), per), total: null };
    }
    let total = rat(0n, 1n), rows = 0, missing = null;
    body.querySelectorAll("tr").forEach((row, index) => {
      const [name, volume, minutes] = ["uraian", "volume", "norma"].map((f) => row.querySelector(`[data-kolom=${f}]`).value);
      const out = row.querySelector("output.beban-baris");
      if (!name.trim() && !volume.trim() && !minutes.trim()) { out.textContent = ""; return; }
      const v = parseDecimal(volume), m = parseDecimal(minutes);
      if (!name.trim() || v === null || v.n < 0n || m === null || m.n <= 0n) {
        out.textContent = "—";
        missing = missing || `Lengkapi baris ${index + 1}: uraian tugas, volume (0 atau lebih) dan norma waktu (lebih dari 0).`;
        return;
      }
      const load = mul(v, m);
      out.textContent = indonesian(exactDecimal(load));
      total = add(total, load);
      rows++;
    });
    if (missing) return { missing };
    if (rows === 0) return { missing: "Isi paling sedikit satu uraian tugas." };
    return { exact: div(total, effective), total };
  }

  const show = (id, text) => { const el = document.getElementById(id); if (el) el.textContent = text; };
  function update() {
    let result;
    try { result = compute(); } catch (e) { result = { missing: "Angka terlalu besar untuk dihitung." }; }
    show("abk-status", result.missing || "Angka dihitung saat Anda mengetik; yang tersimpan dihitung ulang oleh server.");
    if (result.missing) {
      ["abk-beban", "abk-pasti", "abk-butuh", "abk-ej", "abk-kelas", "abk-selisih"].forEach((id) => show(id, "—"));
      return;
    }
    const required = round(result.exact);
    show("abk-beban", result.total ? indonesian(trimmed(result.total, 4)) : "—");
    show("abk-pasti", indonesian(trimmed(result.exact, 4)));
    show("abk-butuh", indonesian(String(required)));
    if (staff === 0n) {
      show("abk-ej", "—");
      show("abk-kelas", "—");
    } else {
      const ej = div(result.exact, int(staff));
      show("abk-ej", indonesian(trimmed(ej, 4)));
      show("abk-kelas", grade(ej));
    }
    const gap = required - staff;
    show("abk-selisih", gap > 0n ? `Kurang ${indonesian(String(gap))}` : gap < 0n ? `Lebih ${indonesian(String(-gap))}` : "Seimbang");
  }

  // MARK: rows and method, without a round trip
  let next = Number(data.barisBerikut || "0");
  function addRow() {
    const row = template.content.firstElementChild.cloneNode(true);
    row.querySelectorAll("[name]").forEach((el) => { el.name = el.name.replace("_N", "_" + next); el.id = el.name; });
    row.querySelectorAll("label[for]").forEach((el) => { el.htmlFor = el.htmlFor.replace("_N", "_" + next); });
    next++;
    body.appendChild(row);
    row.querySelector("[data-kolom=uraian]").focus();
    update();
  }
  form.addEventListener("click", (event) => {
    const target = event.target;
    if (target.name === "aksi" && target.value === "tambah") { event.preventDefault(); addRow(); }
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.name && target.name.startsWith("hapus_") && target.checked) {
      const row = target.closest("tr");
      const focusTo = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      if (focusTo) focusTo.querySelector("[data-kolom=uraian]").focus();
      update();
    }
    if (target.name === "metode") showMethod();
  });
  function showMethod() {
    form.querySelectorAll("fieldset[data-metode]").forEach((fs) => { fs.hidden = fs.dataset.metode !== method(); });
    update();
  }
  form.addEventListener("input", update);
  form.classList.add("live");
  showMethod();
})();

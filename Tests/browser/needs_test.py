"""Needs analyses (ABK) in a real browser, against the demo data: the education agency's operator
opens a slot from the agency page, enters tasks and sees the figures change as they type, saves
and submits; the province's admin returns it with notes; the operator sees the notes and submits
again; the admin approves and the agency page shows the new need. The figures the script computes
while typing are compared with exact fractions here and with what the server shows after saving,
on inputs that round. Screenshots at desktop width and 360 px."""

import sys
from fractions import Fraction

from selenium.webdriver.common.by import By

from support import main

EFFECTIVE = 75000   # the demo tenant's effective working minutes (the default)


def half_up(value):
    """The nearest integer, halves up (Rational.roundedHalfUp)."""
    floor = value.numerator // value.denominator
    return floor + 1 if value - floor >= Fraction(1, 2) else floor


def decimal(value, digits=4):
    """Rounded half up to `digits` places, trailing zeros dropped, Indonesian separators."""
    scaled = half_up(value * 10 ** digits)
    sign = "-" if scaled < 0 else ""
    text = str(abs(scaled)).rjust(digits + 1, "0")
    whole, fraction = text[:-digits], text[-digits:].rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def expected(tasks, staff):
    """The figures of `tasks` (name, volume, minutes as typed) with the demo's settings."""
    total = sum((Fraction(v.replace(",", ".")) * Fraction(m.replace(",", ".")) for _, v, m in tasks), Fraction(0))
    exact = total / EFFECTIVE
    required = -(-exact.numerator // exact.denominator)   # rounded up
    figures = {"abk-beban": decimal(total), "abk-pasti": decimal(exact), "abk-butuh": str(required)}
    if staff:
        ej = exact / staff
        figures["abk-ej"] = decimal(ej)
        figures["abk-kelas"] = next((g for g, b in (("A", 1), ("B", Fraction(9, 10)), ("C", Fraction(7, 10)), ("D", Fraction(1, 2)))
                                     if ej >= b), "E")
    gap = required - staff
    figures["abk-selisih"] = f"Kurang {gap}" if gap > 0 else f"Lebih {-gap}" if gap < 0 else "Seimbang"
    return figures


# Inputs that round: 0.724 up to 1; 0.72516666... shown as 0,7252; 2.278... up to 3.
SETS = [
    [("Menyusun laporan kepegawaian", "120", "300"), ("Memverifikasi usulan mutasi", "610", "30")],
    [("Menyusun laporan kepegawaian", "120", "300"), ("Memverifikasi usulan mutasi", "610", "30"), ("Rapat koordinasi", "7", "12,5")],
    [("Menyusun laporan kepegawaian", "120", "300"), ("Memverifikasi usulan mutasi", "610", "30"), ("Melayani konsultasi", "1500", "77,7")],
]

SHOWN = ["abk-beban", "abk-pasti", "abk-butuh", "abk-ej", "abk-kelas", "abk-selisih"]


def figures(run):
    return {key: run.driver.find_element(By.ID, key).text for key in SHOWN}


def type_tasks(run, tasks):
    """Clears the task table's rows and types `tasks`, adding rows with the script's button."""
    d = run.driver
    for box in d.find_elements(By.CSS_SELECTOR, "tbody.abk-rows input[type=checkbox]"):
        box.click()   # the script removes a ticked row at once
    run.check("ticking Hapus removes the row without a round trip",
              not d.find_elements(By.CSS_SELECTOR, "tbody.abk-rows tr"))
    for name, volume, minutes in tasks:
        d.find_element(By.CSS_SELECTOR, "button[name=aksi][value=tambah]").click()
        row = d.find_elements(By.CSS_SELECTOR, "tbody.abk-rows tr")[-1]
        row.find_element(By.CSS_SELECTOR, "[data-kolom=uraian]").send_keys(name)
        row.find_element(By.CSS_SELECTOR, "[data-kolom=volume]").send_keys(volume)
        row.find_element(By.CSS_SELECTOR, "[data-kolom=norma]").send_keys(minutes)


def save_and_compare(run, tasks, staff, label):
    d = run.driver
    live = figures(run)
    want = expected(tasks, staff)
    run.check(f"{label}: live figures are the exact arithmetic", all(live[k] == v for k, v in want.items()), f"{live} vs {want}")
    d.find_element(By.CSS_SELECTOR, "button[name=aksi][value=simpan]").click()
    run.wait.until(lambda d: "pesan=" in d.current_url)
    server = figures(run)
    run.check(f"{label}: the server shows the figures the page showed while typing", server == live, f"{server} vs {live}")
    return server


def find_slot(run):
    """A slot of the operator's agency without an open analysis: its entry form."""
    d = run.driver
    d.get(run.base + "/")
    d.find_element(By.CSS_SELECTOR, "table tbody tr th a").click()
    run.wait.until(lambda d: "/instansi/" in d.current_url)
    agency = d.current_url
    links = [a.get_attribute("href") for a in d.find_elements(By.LINK_TEXT, "Isi ABK")]
    run.check("the agency's slot table offers Isi ABK", len(links) > 0, str(len(links)))
    for href in reversed(links):
        d.get(href)
        if not d.find_elements(By.CSS_SELECTOR, "div.note"):
            return agency, href.split("formasi=")[1]
    raise AssertionError("no slot without an open analysis")


state = {}


def operator_enters(run):
    print("Operator of the education agency enters an analysis:")
    d = run.driver
    run.sign_in("operator-pendidikan")
    run.at("/")
    agency, slot = find_slot(run)
    state.update(agency=agency, slot=slot)
    form = d.find_element(By.CSS_SELECTOR, "form.abk-form")
    staff = int(form.get_attribute("data-pegawai"))
    state["staff"] = staff
    run.check("figures empty before typing", d.find_element(By.ID, "abk-butuh").text == "—")
    run.shot("abk-baru-desktop")
    run.no_sideways_scroll("abk-baru")

    first = d.find_elements(By.CSS_SELECTOR, "tbody.abk-rows tr")[0]
    first.find_element(By.CSS_SELECTOR, "[data-kolom=uraian]").send_keys("Menyusun laporan kepegawaian")
    first.find_element(By.CSS_SELECTOR, "[data-kolom=volume]").send_keys("120")
    first.find_element(By.CSS_SELECTOR, "[data-kolom=norma]").send_keys("300")
    run.check("figures appear as the first row is typed", d.find_element(By.ID, "abk-beban").text == "36.000"
              and d.find_element(By.ID, "abk-pasti").text == "0,48", str(figures(run)))
    first.find_element(By.CSS_SELECTOR, "[data-kolom=volume]").send_keys("0")   # 1200
    run.check("and change with every keystroke", d.find_element(By.ID, "abk-beban").text == "360.000"
              and d.find_element(By.ID, "abk-butuh").text == "5", str(figures(run)))

    # The ratio method: 250 pupils at 20 each need 12,5, rounded up to 13.
    d.find_element(By.CSS_SELECTOR, "input[name=metode][value=rasio]").click()
    run.check("choosing the ratio hides the task table", not d.find_element(By.CSS_SELECTOR, "fieldset[data-metode=tugas]").is_displayed())
    d.find_element(By.ID, "rasio_penggerak").send_keys("murid per guru")
    d.find_element(By.ID, "rasio_populasi").send_keys("250")
    d.find_element(By.ID, "rasio_per_orang").send_keys("20")
    live = figures(run)
    gap = 13 - staff
    want = {"abk-beban": "—", "abk-pasti": "12,5", "abk-butuh": "13",
            "abk-selisih": f"Kurang {gap}" if gap > 0 else f"Lebih {-gap}" if gap < 0 else "Seimbang"}
    if staff:
        want["abk-ej"] = decimal(Fraction(25, 2) / staff)
    run.check("ratio: live figures are the exact arithmetic", all(live[k] == v for k, v in want.items()), f"{live} vs {want}")
    d.find_element(By.CSS_SELECTOR, "input[name=metode][value=tugas]").click()

    type_tasks(run, SETS[0])
    run.shot("abk-isi-desktop")
    save_and_compare(run, SETS[0], staff, "0,724 rounded up to 1")
    state["id"] = d.current_url.split("/abk/")[1].split("?")[0]
    run.check("saved as a draft", "Draf" in d.find_element(By.CSS_SELECTOR, "p.lead").text)

    for tasks, label in ((SETS[1], "0,7251666… shown as 0,7252"), (SETS[2], "2,27… rounded up to 3")):
        d.find_element(By.LINK_TEXT, "Ubah uraian tugas").click()
        run.wait.until(lambda d: d.current_url.endswith("/ubah"))
        type_tasks(run, tasks)
        save_and_compare(run, tasks, staff, label)
    state["required"] = d.find_element(By.ID, "abk-butuh").text
    run.shot("abk-detail-desktop")
    run.no_sideways_scroll("abk-detail")

    d.find_element(By.XPATH, "//button[text()='Ajukan untuk verifikasi']").click()
    run.wait.until(lambda d: "pesan=diajukan" in d.current_url)
    run.check("submitted", "Diajukan" in d.find_element(By.CSS_SELECTOR, "p.lead").text)
    run.sign_out()


def admin_returns(run):
    print("Tenant admin returns it with notes:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.get(run.base + "/abk")
    row = d.find_element(By.CSS_SELECTOR, f"a[href='/abk/{state['id']}']").find_element(By.XPATH, "./ancestor::tr")
    run.check("the list shows it awaiting verification", "menunggu verifikasi" in row.text, row.text)
    first = d.find_element(By.CSS_SELECTOR, "table.abk-list tbody tr")
    run.check("submitted analyses come first", "menunggu verifikasi" in first.text, first.text)
    run.shot("abk-daftar-desktop")
    run.no_sideways_scroll("abk-daftar")
    d.get(run.base + f"/abk/{state['id']}")
    d.find_element(By.ID, "catatan-kembali").send_keys("Norma waktu konsultasi terlalu besar; pakai 45 menit.")
    d.find_element(By.XPATH, "//button[text()='Kembalikan']").click()
    run.wait.until(lambda d: "pesan=dikembalikan" in d.current_url)
    run.check("returned", "Dikembalikan" in d.find_element(By.CSS_SELECTOR, "p.lead").text)
    run.sign_out()


def operator_resubmits(run):
    print("Operator sees the notes and submits again:")
    d = run.driver
    run.sign_in("operator-pendidikan")
    run.at("/")
    d.get(run.base + f"/abk/{state['id']}")
    run.check("the return notes are shown", "pakai 45 menit" in d.find_element(By.CSS_SELECTOR, "div.note").text)
    d.find_element(By.LINK_TEXT, "Ubah uraian tugas").click()
    run.wait.until(lambda d: d.current_url.endswith("/ubah"))
    run.check("and on the form", "pakai 45 menit" in d.find_element(By.CSS_SELECTOR, "div.note").text)
    tasks = SETS[2][:2] + [("Melayani konsultasi", "1500", "45")]
    type_tasks(run, tasks)
    state["required"] = save_and_compare(run, tasks, state["staff"], "after the notes")["abk-butuh"]
    d.find_element(By.XPATH, "//button[text()='Ajukan untuk verifikasi']").click()
    run.wait.until(lambda d: "pesan=diajukan" in d.current_url)
    run.sign_out()


def admin_approves(run):
    print("Tenant admin approves; the agency page shows the new need:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.get(run.base + f"/abk/{state['id']}")
    d.find_element(By.ID, "catatan-setuju").send_keys("Sesuai.")
    d.find_element(By.XPATH, "//button[text()='Setujui']").click()
    run.wait.until(lambda d: "pesan=disetujui" in d.current_url)
    run.check("approved", "Disetujui" in d.find_element(By.CSS_SELECTOR, "p.lead").text)
    history = d.find_element(By.CSS_SELECTOR, "table.abk-history").text
    run.check("history: every step with its notes", all(w in history for w in ("Dibuat", "Diajukan", "Dikembalikan", "Disetujui",
                                                                              "pakai 45 menit", "Sesuai.")), history)
    d.get(state["agency"])
    link = d.find_element(By.CSS_SELECTOR, f"a[href='/abk/baru?formasi={state['slot']}']")
    need = link.find_element(By.XPATH, "./ancestor::tr").find_elements(By.CSS_SELECTOR, "td.num")[0].text
    run.check("the agency page shows the approved need", need == state["required"], f"{need} vs {state['required']}")
    run.sign_out()


if __name__ == "__main__":
    sys.exit(main("Needs analyses (ABK)", [operator_enters, admin_returns, operator_resubmits, admin_approves]))

"""Imports and exports in a real browser, against a server with the demo data: the province's
tenant admin downloads exports (Chromium saves them under .build/browser-downloads), uploads a
units CSV with one bad row and sees the row report with nothing written, uploads a good one (a
new training unit, which keeps the demo coherent) and sees the counts, then opens the
retirements list from the dashboard. Pages are checked for sideways scroll at 360 px."""

import os
import sys
import time
import urllib.request

from selenium.webdriver.common.by import By

from support import main

DOWNLOADS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".build", "browser-downloads"))
GOOD = "kode_unit;nama_unit;kode_instansi;kode_wilayah\nUPT-PELATIHAN;UPT Pelatihan Guru;dinas-pendidikan;62.71.01\n"
BAD = ("kode_unit;nama_unit;kode_instansi;kode_wilayah\n"
       "UPT-PELATIHAN;UPT Pelatihan Guru;dinas-pendidikan;62.71.01\n"
       "UPT-SALAH;UPT Salah;dinas-yang-tidak-ada;62.71.01\n")


def exported_units(run):
    """The units export as the signed-in browser's session gets it."""
    cookie = run.driver.get_cookie("mutasi_sesi")["value"]
    request = urllib.request.Request(run.base + "/ekspor/units.csv", headers={"Cookie": f"mutasi_sesi={cookie}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode("utf-8-sig")


def wait_for_file(path, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0 and not os.path.exists(path + ".crdownload"):
            return True
        time.sleep(0.2)
    return False


def upload(run, text, name):
    path = os.path.join(DOWNLOADS, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    d = run.driver
    d.get(run.base + "/impor")
    d.find_element(By.ID, "berkas-units").send_keys(path)
    d.find_element(By.CSS_SELECTOR, "form[action='/impor/units'] button").click()
    run.wait.until(lambda d: d.find_elements(By.ID, "hasil"))
    return d.find_element(By.ID, "hasil").text


def figures(run):
    """The report's counts by their label."""
    d = run.driver
    return {div.find_element(By.TAG_NAME, "dt").text: div.find_element(By.TAG_NAME, "dd").text
            for div in d.find_elements(By.CSS_SELECTOR, ".import-report dl.totals div")}


def admin(run):
    print("Tenant admin of the demo province, imports and exports:")
    d = run.driver
    os.makedirs(DOWNLOADS, exist_ok=True)
    for name in ("units.xlsx", "employees.csv"):
        if os.path.exists(os.path.join(DOWNLOADS, name)):
            os.remove(os.path.join(DOWNLOADS, name))
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
    run.sign_in("admin")
    run.at("/")

    d.find_element(By.CSS_SELECTOR, "nav a[href='/ekspor']").click()
    run.at("/ekspor")
    run.check("export page", d.find_element(By.TAG_NAME, "h1").text == "Ekspor data")
    run.shot("ekspor-desktop")
    d.find_element(By.CSS_SELECTOR, "a[href='/ekspor/units.xlsx']").click()
    d.find_element(By.CSS_SELECTOR, "a[href='/ekspor/employees.csv']").click()
    xlsx = os.path.join(DOWNLOADS, "units.xlsx")
    run.check("units.xlsx downloaded, a ZIP workbook", wait_for_file(xlsx) and open(xlsx, "rb").read(2) == b"PK")
    employees = os.path.join(DOWNLOADS, "employees.csv")
    run.check("employees.csv downloaded with its header",
              wait_for_file(employees) and open(employees, encoding="utf-8-sig").readline().startswith("nip;"))
    run.no_sideways_scroll("ekspor")

    before = exported_units(run)
    d.find_element(By.CSS_SELECTOR, "nav a[href='/impor']").click()
    run.at("/impor")
    run.check("import page with a form per file", len(d.find_elements(By.CSS_SELECTOR, "form[enctype='multipart/form-data']")) == 3)
    run.shot("impor-desktop")
    run.no_sideways_scroll("impor")

    run.phone(True)
    heading = upload(run, BAD, "unit-salah.csv")
    run.check("a bad row refuses the file", heading == "Impor unit kerja ditolak", heading)
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in d.find_elements(By.CSS_SELECTOR, "table.import-issues tbody tr")]
    run.check("the row report names line 3 and its column", any(r[:2] == ["3", "kode_instansi"] for r in rows), str(rows))
    width = d.execute_script("return window.innerWidth")
    scroll = d.execute_script("return document.documentElement.scrollWidth")
    run.check("import report: no horizontal scroll at 360 px", scroll <= width, f"(viewport {width}, content {scroll})")
    run.shot("impor-ditolak-360")
    run.phone(False)
    run.check("nothing written", exported_units(run) == before)

    heading = upload(run, GOOD, "unit-baik.csv")
    counts = figures(run)
    run.check("a good file imports", heading == "Impor unit kerja berhasil", heading)
    run.check("the counts show the unit", counts.get("Ditolak") == "0"
              and int(counts.get("Baru", "0")) + int(counts.get("Tidak berubah", "0")) == 1, str(counts))
    run.shot("impor-berhasil-desktop")
    run.check("the new unit is in the export", "UPT-PELATIHAN;UPT Pelatihan Guru;dinas-pendidikan;62.71.01" in exported_units(run))

    d.get(run.base + "/")
    link = d.find_element(By.CSS_SELECTOR, "nav.subreports a[href='/laporan/pensiun']")
    count = link.find_element(By.CLASS_NAME, "count").text
    link.click()
    run.at("/laporan/pensiun")
    run.check("retirements page from the dashboard", d.find_element(By.TAG_NAME, "h1").text == "Pensiun mendatang")
    caption = d.find_elements(By.TAG_NAME, "caption")
    run.check("its table counts what the card said", bool(caption) and f"({count} pegawai)" in caption[0].text,
              caption[0].text if caption else "no table")
    run.shot("pensiun-desktop")
    run.no_sideways_scroll("pensiun")
    run.sign_out()


if __name__ == "__main__":
    sys.exit(main("Imports and exports", [admin]))

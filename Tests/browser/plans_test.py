"""Plans in a real browser against the demo: the tenant admin builds a plan from the demo's closed
campaign, reloads until it is built, filters its moves by agency, reads an explanation, opens it
for answers with a short deadline and submits it once the deadline has passed; the approver
(`ppk`) drops one move with a reason and approves; the admin issues the decree and downloads its
PDF. Screenshots at desktop and 360 px. Leaves the demo usable: one plan more, decreed with a TMT
ahead (nothing is carried out)."""

import datetime
import os
import sys
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import main

PLAN = "Rencana uji peramban"


def flash(d):
    notes = d.find_elements(By.CSS_SELECTOR, "p.notice.ok")
    return notes[0].text if notes else ""


def refused(d):
    notes = d.find_elements(By.CSS_SELECTOR, "p.notice.error")
    return notes[0].text if notes else ""


def plans(run):
    print("Tenant admin builds, reviews and submits a plan; the approver decides; the admin issues the decree:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.get(run.base + "/kampanye")
    run.check("campaign list shows the demo's closed campaign",
              any("Ditutup" in r.text for r in d.find_elements(By.CSS_SELECTOR, "table tbody tr")))
    run.shot("kampanye-desktop")
    run.no_sideways_scroll("kampanye")

    d.get(run.base + "/rencana")
    d.find_element(By.ID, "r-nama").send_keys(PLAN)
    d.find_element(By.CSS_SELECTOR, "form[action='/rencana'] button[type=submit]").click()
    run.wait.until(lambda d: "/rencana/" in d.current_url)
    plan_url = d.current_url.split("?")[0]
    path = plan_url[len(run.base):]
    run.check("the plan is recorded and being built", "sedang disusun" in d.page_source, d.current_url)

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        links = d.find_elements(By.LINK_TEXT, "Muat ulang")
        if not links:
            break
        time.sleep(2)
        links[0].click()
    run.check("built within 120 s (reloading by the plain link)", d.find_elements(By.CSS_SELECTOR, "table.moves"),
              refused(d) or d.find_element(By.TAG_NAME, "main").text[:200])
    caption = d.find_element(By.CSS_SELECTOR, "table.moves caption").text
    run.shot("rencana-desktop")
    run.no_sideways_scroll("rencana")

    # Filter by the destination agency of the first move's row: fewer or as many moves, all shown.
    Select(d.find_element(By.ID, "f-tujuan")).select_by_index(1)
    agency = Select(d.find_element(By.ID, "f-tujuan")).first_selected_option.text
    d.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    run.wait.until(lambda d: "tujuan=" in d.current_url)
    filtered = d.find_elements(By.CSS_SELECTOR, "table.moves caption")
    run.check(f"moves filtered by agency ({agency})",
              Select(d.find_element(By.ID, "f-tujuan")).first_selected_option.text == agency
              and (not filtered or filtered[0].text != caption or "Usulan" in filtered[0].text), caption)
    d.get(plan_url)
    summary = d.find_element(By.CSS_SELECTOR, "table.moves details summary")
    summary.click()
    text = d.find_element(By.CSS_SELECTOR, "table.moves details p").text
    run.check("an explanation opens, in Bahasa Indonesia", len(text) > 20 and summary.text == "Penjelasan", text[:80])
    run.shot("rencana-penjelasan-desktop")

    # Review with a deadline a few seconds ahead, then submit once it has passed.
    due = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=15)
    d.find_element(By.ID, "p-batas").send_keys(due.strftime("%Y-%m-%d %H:%M:%S"))
    d.find_element(By.CSS_SELECTOR, f"form[action='{path}/tinjau'] button").click()
    run.wait.until(lambda d: "pesan=ditinjau" in d.current_url)
    run.check("opened for employees' answers", "Ditanggapi pegawai" in d.page_source, refused(d))
    time.sleep(max(0.0, (due - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) + 2)
    d.get(plan_url)
    d.find_element(By.CSS_SELECTOR, f"form[action='{path}/ajukan'] button").click()
    run.wait.until(lambda d: "pesan=diajukan" in d.current_url or refused(d))
    run.check("submitted for approval", "pesan=diajukan" in d.current_url, refused(d))
    run.sign_out()

    run.sign_in("ppk")
    run.at("/")
    d.get(plan_url)
    details = d.find_element(By.CSS_SELECTOR, "table.moves details")
    details.find_element(By.TAG_NAME, "summary").click()
    details.find_element(By.TAG_NAME, "textarea").send_keys("Formasi tujuan belum dianggarkan tahun ini.")
    details.find_element(By.CSS_SELECTOR, "button.danger").click()
    run.wait.until(lambda d: "pesan=dihapus" in d.current_url or refused(d))
    run.check("the approver drops one move with a reason", "pesan=dihapus" in d.current_url and "Dihapus" in d.page_source, refused(d))
    d.find_element(By.ID, "p-catatan").send_keys("Disetujui setelah satu usulan dihapus.")
    d.find_element(By.CSS_SELECTOR, f"form[action='{path}/setujui'] button").click()
    run.wait.until(lambda d: "pesan=disetujui" in d.current_url or refused(d))
    run.check("the approver approves", "pesan=disetujui" in d.current_url and "Rencana disetujui." in flash(d), refused(d))
    run.shot("rencana-disetujui-desktop")
    run.sign_out()

    run.sign_in("admin")
    run.at("/")
    d.get(plan_url)
    tmt = d.find_element(By.ID, "p-tmt").get_attribute("value")
    d.find_element(By.CSS_SELECTOR, f"form[action='{path}/sk'] button").click()
    run.wait.until(lambda d: d.current_url.split("?")[0].endswith("/sk") or refused(d))
    rows = d.find_elements(By.CSS_SELECTOR, "table tbody tr")
    run.check(f"decree issued (TMT {tmt})", len(rows) >= 1 and "Terbit" in rows[0].text, refused(d))
    run.shot("sk-desktop")
    run.no_sideways_scroll("sk")

    folder = tempfile.mkdtemp(prefix="mutasi-sk-")
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
    d.find_element(By.LINK_TEXT, "PDF").click()
    arrived = []
    for _ in range(90):
        arrived = [f for f in os.listdir(folder) if f.endswith(".pdf")]
        if arrived:
            break
        time.sleep(1)
    content = b""
    if arrived:
        with open(os.path.join(folder, arrived[0]), "rb") as f:
            content = f.read(5)
    run.check("the decree's PDF downloads", content == b"%PDF-", f"({os.listdir(folder)})")
    run.sign_out()


if __name__ == "__main__":
    sys.exit(main("Campaigns, plans and decrees", [plans]))

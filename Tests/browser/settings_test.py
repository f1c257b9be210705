"""Settings in a real browser against the demo: the tenant admin opens /pengaturan, changes the
effective working minutes, saves, sees the new value, then sets the old value back; creates a draft
campaign on /kampanye, edits its point rules on the campaign page and sees them. Screenshots at
desktop and 360 px. Leaves the demo usable: the settings as they were, one draft campaign more
(never opened)."""

import datetime
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import main

CAMPAIGN = "Kampanye uji pengaturan"


def flash(d):
    notes = d.find_elements(By.CSS_SELECTOR, "p.notice.ok")
    return notes[0].text if notes else ""


def refused(d):
    notes = d.find_elements(By.CSS_SELECTOR, "p.notice.error")
    return notes[0].text if notes else ""


def set_field(d, element_id, value):
    field = d.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(value)


def save_minutes(run, value):
    d = run.driver
    d.get(run.base + "/pengaturan")
    set_field(d, "p-effectiveWorkingMinutes", value)
    d.find_element(By.CSS_SELECTOR, "form[action='/pengaturan/abk'] button[type=submit]").click()
    run.wait.until(lambda d: "pesan=abk" in d.current_url or refused(d))


def settings(run):
    print("Tenant admin changes the effective working minutes and sets them back:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.find_element(By.LINK_TEXT, "Pengaturan").click()
    run.at("/pengaturan")
    run.check("three panels: ABK, plan weights, decrees",
              [h.text for h in d.find_elements(By.CSS_SELECTOR, "section.settings h2")]
              == ["Analisis beban kerja (ABK)", "Bobot bawaan rencana mutasi", "Surat keputusan (SK) mutasi"])
    run.check("the number pattern's placeholders are explained", "{seq} nomor urut" in d.page_source)
    original = d.find_element(By.ID, "p-effectiveWorkingMinutes").get_attribute("value")
    changed = "74000" if original != "74000" else "73000"
    run.shot("pengaturan-desktop")
    run.no_sideways_scroll("pengaturan")

    save_minutes(run, changed)
    run.check("saved with a flash message", flash(d) == "Pengaturan ABK disimpan.", flash(d) or refused(d))
    run.check("the new value is shown", d.find_element(By.ID, "p-effectiveWorkingMinutes").get_attribute("value") == changed)

    save_minutes(run, "x")
    run.check("a word instead of minutes is refused, naming the field",
              "Waktu kerja efektif" in refused(d), refused(d))

    save_minutes(run, original)
    run.check("the old value is back", d.find_element(By.ID, "p-effectiveWorkingMinutes").get_attribute("value") == original
              and flash(d) == "Pengaturan ABK disimpan.", flash(d) or refused(d))
    run.sign_out()


def point_rules(run):
    print("Tenant admin creates a draft campaign and edits its point rules:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.get(run.base + "/kampanye")
    today = datetime.date.today()
    set_field(d, "k-nama", CAMPAIGN)
    set_field(d, "k-dibuka", (today + datetime.timedelta(days=300)).isoformat())
    set_field(d, "k-ditutup", (today + datetime.timedelta(days=330)).isoformat())
    set_field(d, "k-batas", (today + datetime.timedelta(days=360)).isoformat())
    d.find_element(By.CSS_SELECTOR, "form[action='/kampanye'] button[type=submit]").click()
    run.wait.until(lambda d: "pesan=dibuat" in d.current_url or refused(d))
    run.check("the draft is created", "pesan=dibuat" in d.current_url, refused(d))

    set_field(d, "k-pointRules-health", "45")
    set_field(d, "k-pointRules-familyReunion", "30")
    d.find_element(By.CSS_SELECTOR, "#ubah button[type=submit]").click()
    run.wait.until(lambda d: "pesan=diubah" in d.current_url or refused(d))
    run.check("the point rules are saved", flash(d) == "Perubahan kampanye disimpan.", refused(d))
    facts = d.find_element(By.CSS_SELECTOR, "dl.facts").text
    run.check("the page shows the new rules", "kesehatan 45" in facts and "reuni keluarga 30" in facts, facts)
    run.check("the edit form shows them too",
              d.find_element(By.ID, "k-pointRules-health").get_attribute("value") == "45")

    set_field(d, "k-pointRules-health", "900")
    d.find_element(By.CSS_SELECTOR, "#ubah button[type=submit]").click()
    run.wait.until(lambda d: refused(d))
    run.check("a rule out of range is refused, naming it", "Poin alasan kesehatan" in refused(d), refused(d))
    run.shot("kampanye-ubah-desktop")
    run.no_sideways_scroll("kampanye-ubah")
    run.sign_out()


if __name__ == "__main__":
    sys.exit(main("Settings and point rules", [settings, point_rules]))

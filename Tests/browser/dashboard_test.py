"""The web pages in a real browser (headless Chromium through Selenium), against a server with
the demo data: the province's tenant admin signs in, sees the dashboard with its chart, opens an
agency and signs out; the demo employee signs in and sees their record; every other role signs in
and lands on its own start page; no page scrolls sideways in a 360 px wide window. Prints the
server's render time of the province dashboard."""

import statistics
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import main


def admin(run):
    print("Tenant admin of the demo province:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    run.check("dashboard after sign-in", d.find_element(By.TAG_NAME, "h1").text == "Dasbor keseimbangan pegawai")
    bars = d.find_elements(By.CSS_SELECTOR, "figure.chart svg rect.bar-need")
    labels = [t.text for t in d.find_elements(By.CSS_SELECTOR, "figure.chart svg text")]
    run.check("chart of need against staff", len(bars) >= 2 and any(t.startswith("Kebutuhan ") for t in labels)
               and any(t.startswith("Pegawai ") for t in labels), f"({len(bars)} bars)")
    rows = d.find_elements(By.CSS_SELECTOR, "table tbody tr")
    run.check("table of agencies", len(rows) == len(bars), f"({len(rows)} rows, {len(bars)} bars)")
    cookie = d.get_cookie("mutasi_sesi") or {}
    run.check("session cookie HttpOnly and SameSite=Strict",
               cookie.get("httpOnly") is True and cookie.get("sameSite") == "Strict", str(cookie.get("sameSite")))
    run.shot("dasbor-desktop")

    # Keyboard: the first Tab reaches the skip link, and focus shows.
    d.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = d.switch_to.active_element
    outline = active.value_of_css_property("outline-style")
    run.check("first Tab focuses the skip link, visibly", active.text == "Langsung ke isi" and outline != "none", outline)

    times = run.render_times(cookie.get("value", ""))
    # A figure beside its floor, not a pass/fail check: timings belong to measurements, and a
    # busy machine must not fail the suite.
    print(f"  Demo province dashboard rendered by the server in {statistics.median(times):.1f} ms "
          f"(median of {len(times)}; min {min(times):.1f}, max {max(times):.1f}; floor 300 ms)")

    run.no_sideways_scroll("dasbor")

    link = d.find_element(By.CSS_SELECTOR, "table tbody tr th a")
    name = link.text
    link.click()
    run.wait.until(lambda d: "/instansi/" in d.current_url)
    run.check("drill-down to an agency", d.find_element(By.TAG_NAME, "h1").text == name, name)
    captions = [c.text for c in d.find_elements(By.TAG_NAME, "caption")]
    run.check("units and slots of the agency", "Keseimbangan per unit kerja" in captions
               and "Keseimbangan per formasi jabatan" in captions, str(captions))
    run.shot("instansi-desktop")
    run.no_sideways_scroll("instansi")

    run.sign_out()
    d.get(run.base + "/")
    run.check("signed out: pages lead to the sign-in form", d.current_url == run.base + "/masuk")
    run.no_sideways_scroll("masuk")

def employee(run):
    print("Demo employee:")
    d = run.driver
    run.sign_in("pegawai")
    run.at("/saya")
    values = dict(zip([e.text for e in d.find_elements(By.CSS_SELECTOR, "dl.record dt")],
                      [e.text for e in d.find_elements(By.CSS_SELECTOR, "dl.record dd")]))
    nip = values.get("NIP", "")
    run.check("own record: name, NIP, post and unit", len(nip) == 18 and nip.isdigit() and values.get("Nama")
               and values.get("Jabatan") and values.get("Unit kerja"), str(values))
    run.shot("saya-desktop")
    run.no_sideways_scroll("saya")
    d.get(run.base + "/")
    run.check("the dashboard sends an employee to their record", d.current_url == run.base + "/saya")
    run.sign_out()



def other_roles(run):
    """Each remaining role lands where it works: operator, approver and auditor on their
    dashboard, platform and BKN admins on the regions in their reach."""
    print("Every other role:")
    d = run.driver
    for username, heading in (("operator-pendidikan", "Instansi saya"), ("ppk", "Dasbor keseimbangan pegawai"),
                              ("auditor", "Dasbor keseimbangan pegawai")):
        run.sign_in(username)
        run.at("/")
        bars = d.find_elements(By.CSS_SELECTOR, "figure.chart svg rect.bar-need")
        run.check(f"{username}: {heading} with its chart", d.find_element(By.TAG_NAME, "h1").text == heading and bars,
                  d.find_element(By.TAG_NAME, "h1").text)
        run.sign_out()
    for username, role in (("admin", "Admin platform"), ("bkn-banjarmasin", "Admin BKN")):
        run.sign_in(username, tenant=None)
        run.at("/daerah")
        regions = [a.text for a in d.find_elements(By.CSS_SELECTOR, "table tbody th a")]
        run.check(f"{role}: the regions in reach", d.find_element(By.CSS_SELECTOR, ".who .role").text == role
                  and any("Sabangau" in r for r in regions), str(regions))
        if role == "Admin BKN":
            run.shot("daerah-desktop")
            run.no_sideways_scroll("daerah")
            d.find_element(By.PARTIAL_LINK_TEXT, "Sabangau").click()
            run.wait.until(lambda d: "/daerah/" in d.current_url)
            run.check("BKN admin: a region's balance per agency",
                      "Sabangau" in d.find_element(By.TAG_NAME, "h1").text
                      and d.find_elements(By.CSS_SELECTOR, "figure.chart svg rect.bar-need"))
        run.sign_out()


if __name__ == "__main__":
    sys.exit(main("Dashboard, own record and every role's start", [admin, employee, other_roles]))

"""The employee's preference form in a real browser, against a server with the demo data: the
province's tenant admin opens a campaign through the API, the demo employee signs in on a 360 px
phone, searches units, adds and ranks two, and saves; the admin then sees the form on the
campaign's forms page. The campaign is closed through the API at the end, so the demo stays as
the other scripts expect it (no campaign open)."""

import datetime
import json
import sys
import urllib.request

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By

from support import main, PASSWORD, TENANT

state = {}


def api(run, method, path, token=None, body=None, headers=None):
    """A JSON call to the API; returns (status, headers, parsed body)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(run.base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return response.status, response.headers, (json.loads(text) if text else {})


def admin_token(run):
    _, _, body = api(run, "POST", "/v1/auth/login", body={"tenant": TENANT, "username": "admin", "password": PASSWORD})
    token = body["token"]
    _, _, me = api(run, "GET", "/v1/me", token)
    return token, me["scope"]


def step(run, token, tenant, campaign, name):
    path = f"/v1/tenants/{tenant}/campaigns/{campaign}"
    _, headers, _ = api(run, "GET", path, token)
    status, _, _ = api(run, "POST", f"{path}/{name}", token, headers={"If-Match": headers["ETag"]})
    return status


def ranked(d):
    """The ranked units' names; None while the page is being replaced."""
    try:
        return [e.text for e in d.find_elements(By.CSS_SELECTOR, "ol.ranked li .choice")]
    except (StaleElementReferenceException, WebDriverException):
        # Chrome may also say the node "does not belong to the document" while it is replaced.
        return None


def main_text(d):
    """The page's main text; empty while the page is being replaced."""
    try:
        return d.find_element(By.TAG_NAME, "main").text
    except Exception:
        return ""


def open_campaign(run):
    print("Tenant admin opens a campaign through the API:")
    token, tenant = admin_token(run)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    status, _, body = api(run, "POST", f"/v1/tenants/{tenant}/campaigns", token, body={
        "name": "Kampanye Uji Peramban", "opensAt": now.isoformat().replace("+00:00", "Z"),
        "closesAt": (now + datetime.timedelta(days=30)).isoformat().replace("+00:00", "Z"),
        "answerDeadline": (now + datetime.timedelta(days=60)).isoformat().replace("+00:00", "Z")})
    run.check("campaign created", status == 201, str(status))
    state.update(token=token, tenant=tenant, campaign=body["id"])
    run.check("campaign opened", step(run, token, tenant, body["id"], "open") == 200)


def employee_files(run):
    print("Demo employee on a 360 px phone:")
    d = run.driver
    run.phone(True)
    run.sign_in("pegawai")
    run.at("/saya")
    values = dict(zip([e.text for e in d.find_elements(By.CSS_SELECTOR, "dl.record dt")],
                      [e.text for e in d.find_elements(By.CSS_SELECTOR, "dl.record dd")]))
    state["nip"] = values.get("NIP", "")
    d.find_element(By.LINK_TEXT, "Formulir preferensi").click()
    run.at("/saya/preferensi")
    run.check("the form of the open campaign", run.wait.until(lambda d: "Kampanye Uji Peramban" in main_text(d)))

    search = d.find_element(By.ID, "cari")
    search.send_keys("SMA Negeri")
    search.submit()
    tambah = "//ul[contains(@class,'results')]/li[.//button[text()='Tambah']]"
    run.wait.until(lambda d: "cari=" in d.current_url and d.find_elements(By.XPATH, tambah))
    run.shot("preferensi-cari-360")
    added = []
    for _ in range(2):
        item = run.wait.until(lambda d: d.find_element(By.XPATH, tambah))
        added.append(item.find_element(By.CSS_SELECTOR, ".choice").text)
        item.find_element(By.XPATH, ".//button[text()='Tambah']").click()
        run.wait.until(lambda d, n=len(added): len(d.find_elements(By.CSS_SELECTOR, "ol.ranked li")) == n)
    names = run.wait.until(ranked)
    run.check("two units added in order", names == added, f"{names} vs {added}")
    # Move the second up: the order swaps.
    d.find_element(By.XPATH, "//ol[contains(@class,'ranked')]/li[2]//button[contains(., 'Naik')]").click()
    run.wait.until(lambda d: ranked(d) == added[::-1])
    run.check("ranked: the second moved up", True)
    state["units"] = added[::-1]

    d.find_element(By.CSS_SELECTOR, "input[name='keinginan'][value='move']").click()
    d.find_element(By.CSS_SELECTOR, "#alasan0 option[value='career']").click()
    d.find_element(By.ID, "teks0").send_keys("Ingin mengajar di sekolah yang lebih besar")
    run.shot("preferensi-isi-360")
    d.find_element(By.XPATH, "//button[text()='Simpan formulir']").click()
    run.wait.until(lambda d: "pesan=disimpan" in d.current_url and "Tersimpan versi" in main_text(d))
    text = main_text(d)
    run.check("saved: the flash and version 1", "Formulir preferensi tersimpan." in text and "Tersimpan versi 1" in text)
    run.check("saved ranking shown", run.wait.until(ranked) == state["units"])
    run.phone(False)
    run.shot("preferensi-desktop")
    run.no_sideways_scroll("preferensi")
    d.get(run.base + "/saya/poin")
    run.check("points page", "Jumlah poin Anda" in d.find_element(By.TAG_NAME, "main").text)
    run.shot("poin-desktop")
    run.no_sideways_scroll("poin")
    run.sign_out()


def admin_sees(run):
    print("Tenant admin sees the form:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.get(f"{run.base}/kampanye/{state['campaign']}/formulir?keinginan=move")
    rows = [r for r in d.find_elements(By.CSS_SELECTOR, "table.forms tbody tr") if state["nip"] in r.text]
    run.check("the employee's form is listed", len(rows) == 1, state.get("nip", ""))
    if rows:
        units = [e.text for e in rows[0].find_elements(By.CSS_SELECTOR, "ol.compact li")]
        run.check("with the two units in the employee's order", units == state["units"], f"{units}")
    run.shot("formulir-desktop")
    run.no_sideways_scroll("formulir")
    d.get(f"{run.base}/kampanye/{state['campaign']}/sanggahan")
    run.check("contests page", d.find_element(By.TAG_NAME, "h1").text == "Sanggahan poin")
    run.sign_out()


def close_campaign(run):
    if "campaign" in state:
        run.check("campaign closed", step(run, state["token"], state["tenant"], state["campaign"], "close") == 200)


def scenario(run):
    try:
        open_campaign(run)
        employee_files(run)
        admin_sees(run)
    except Exception:
        # Where it stopped, for the log.
        print(f"  at {run.driver.current_url}:")
        print("  " + run.driver.find_element(By.TAG_NAME, "body").text[:1500].replace("\n", "\n  "))
        raise
    finally:
        close_campaign(run)


if __name__ == "__main__":
    sys.exit(main("Employee's preference form and the admin's forms page", [scenario]))

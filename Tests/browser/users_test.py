"""Users in a real browser against the demo: the tenant admin creates an operator for Dinas
Kesehatan (a username unique to this run), signs out; the new operator signs in with the typed
password and lands on "Instansi saya" showing that agency only; the admin deactivates them and
they can no longer sign in. Screenshots at desktop and 360 px. Leaves the demo usable: one
deactivated user more."""

import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from support import main, TENANT

NEW_PASSWORD = "sandi-uji-peramban-1"


def flash(d):
    notes = d.find_elements(By.CSS_SELECTOR, "p.notice.ok")
    return notes[0].text if notes else ""


def sign_in_as(run, username, password):
    d = run.driver
    d.get(run.base + "/masuk")
    d.find_element(By.ID, "tenant").send_keys(TENANT)
    d.find_element(By.ID, "username").send_keys(username)
    d.find_element(By.ID, "password").send_keys(password + Keys.ENTER)
    run.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def users(run):
    print("Tenant admin creates an operator; the operator signs in; the admin deactivates them:")
    d = run.driver
    username = f"operator-uji-{int(time.time())}"
    run.sign_in("admin")
    run.at("/")
    d.find_element(By.LINK_TEXT, "Pengguna").click()
    run.at("/pengguna")
    run.check("user list shows the demo's operator", "operator-pendidikan" in d.page_source)
    run.shot("pengguna-desktop")
    run.no_sideways_scroll("pengguna")

    d.find_element(By.ID, "p-nama-pengguna").send_keys(username)
    d.find_element(By.ID, "p-nama").send_keys("Operator Uji Peramban")
    Select(d.find_element(By.ID, "p-peran")).select_by_visible_text("Operator instansi")
    box = d.find_element(By.XPATH, "//form[@action='/pengguna']//label[contains(normalize-space(.), 'Dinas Kesehatan')]/input")
    box.click()
    d.find_element(By.ID, "p-sandi").send_keys(NEW_PASSWORD)
    d.find_element(By.ID, "p-sandi2").send_keys(NEW_PASSWORD)
    d.find_element(By.CSS_SELECTOR, "form[action='/pengguna'] button[type=submit]").click()
    run.at("/pengguna?pesan=dibuat")
    run.check("the user is created", "Pengguna dibuat" in flash(d), flash(d))

    Select(d.find_element(By.ID, "f-peran")).select_by_visible_text("Operator instansi")
    d.find_element(By.CSS_SELECTOR, "form.filters button").click()
    run.wait.until(lambda d: "peran=agency_operator" in d.current_url)
    # The newest may be on a later page after many runs; open the user's page from its address instead.
    links = d.find_elements(By.LINK_TEXT, username)
    user_url = links[0].get_attribute("href") if links else None
    run.check("the filtered list shows the new operator", links, d.current_url)
    run.sign_out()

    sign_in_as(run, username, NEW_PASSWORD)
    run.at("/")
    nav = d.find_element(By.CSS_SELECTOR, "nav[aria-label='Navigasi utama']").text
    main_text = d.find_element(By.TAG_NAME, "main").text
    run.check("the operator lands on Instansi saya", "Instansi saya" in nav, nav)
    run.check("showing Dinas Kesehatan only", "Dinas Kesehatan" in main_text and "Dinas Pendidikan" not in main_text)
    run.shot("operator-baru-desktop")
    run.sign_out()

    run.sign_in("admin")
    run.at("/")
    if user_url:
        d.get(user_url)
        run.check("the user's page", "Operator Uji Peramban" in d.find_element(By.TAG_NAME, "h1").text)
        run.shot("pengguna-detail-desktop")
        run.no_sideways_scroll("pengguna-detail")
        d.find_element(By.XPATH, "//button[normalize-space(.)='Nonaktifkan pengguna']").click()
        run.wait.until(lambda d: "pesan=dinonaktifkan" in d.current_url)
        run.check("the user is deactivated", "Nonaktif" in d.find_element(By.CSS_SELECTOR, "dl.facts").text)
    run.sign_out()

    sign_in_as(run, username, NEW_PASSWORD)
    run.check("the deactivated operator cannot sign in",
              d.current_url.startswith(run.base + "/masuk") and d.find_elements(By.ID, "password"), d.current_url)
    run.shot("operator-nonaktif-desktop")


def agencies(run):
    print("Tenant admin opens the agency list:")
    d = run.driver
    run.sign_in("admin")
    run.at("/")
    d.get(run.base + "/instansi")
    run.check("agency list shows the demo's agencies", "Dinas Kesehatan" in d.page_source and "Dinas Pendidikan" in d.page_source)
    run.check("with the create form", d.find_elements(By.ID, "i-kode"))
    run.shot("instansi-desktop")
    run.no_sideways_scroll("instansi")
    run.sign_out()


if __name__ == "__main__":
    sys.exit(main("Users and agencies", [users, agencies]))

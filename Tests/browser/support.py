"""What every browser test script shares: a headless Chromium driven by Selenium, signing in and
out as a demo user, checks that print `ok`/`FAIL`, screenshots, a 360 px phone window, and the
command line (`--base`, `--screenshots`) that Tests/browser/run.sh passes to every
`*_test.py` script."""

import argparse
import os
import shutil
import sys
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "mutasi-demo-2026"
TENANT = "provinsi-sabangau"


def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--lang=id-ID"):
        options.add_argument(arg)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    service = Service(executable_path=shutil.which("chromedriver"))
    return webdriver.Chrome(service=service, options=options)


class Run:
    def __init__(self, base, shots):
        self.base, self.shots = base, shots
        self.passed, self.failed = 0, 0
        self.driver = browser()
        # A wait reads the page again until its condition holds: an element replaced while it reads
        # (a form's answer arriving) is one more try, not a failure.
        self.wait = WebDriverWait(self.driver, 15, ignored_exceptions=(StaleElementReferenceException,))

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"  ok   {name}")
        else:
            self.failed += 1
            print(f"  FAIL {name} {detail}")

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))

    def at(self, path):
        self.wait.until(lambda d: d.current_url == self.base + path)

    def sign_in(self, username, tenant=TENANT):
        """Signs in through the form; `tenant` None for platform and BKN admins."""
        d = self.driver
        d.get(self.base + "/masuk")
        if tenant:
            d.find_element(By.ID, "tenant").send_keys(tenant)
        d.find_element(By.ID, "username").send_keys(username)
        d.find_element(By.ID, "password").send_keys(PASSWORD + Keys.ENTER)

    def sign_out(self):
        self.driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
        self.at("/masuk")

    def phone(self, on):
        """A 360 px wide phone, or back to the desktop window."""
        if on:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True})
        else:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def no_sideways_scroll(self, page):
        d = self.driver
        self.phone(True)
        d.refresh()
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        width = d.execute_script("return window.innerWidth")
        scroll = d.execute_script("return document.documentElement.scrollWidth")
        self.check(f"{page}: no horizontal scroll at 360 px", width == 360 and scroll <= width, f"(viewport {width}, content {scroll})")
        self.shot(page + "-360")
        self.phone(False)
        d.refresh()

    def render_times(self, cookie, path="/", runs=7):
        """Server-side render time of a page (its Server-Timing header), in ms."""
        times = []
        for _ in range(runs):
            request = urllib.request.Request(self.base + path, headers={"Cookie": f"mutasi_sesi={cookie}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                timing = response.headers.get("Server-Timing", "")
                times.append(float(timing.split("dur=")[1]))
        return times


def main(name, scenarios):
    """Runs `scenarios(run)` for each callable given, then prints the totals; the exit status is 1
    when any check failed or a scenario raised."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    run = Run(args.base, args.screenshots)
    try:
        for scenario in scenarios:
            try:
                scenario(run)
            except Exception:
                traceback.print_exc()
                run.failed += 1
    finally:
        run.driver.quit()
    print(f"{name} ({time.monotonic() - started:.1f} s), screenshots in {args.screenshots}")
    print(f"{run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0

"""The workspace in a real browser: Debian's headless Chromium driven by selenium.

Log in, filter to one country and type, open an event, correct its type with the
keyboard, and find the correction in the CSV export and in `sitrep events`; the
map and timeline render with every request on 127.0.0.1 (the browser's own
network log says so). `make test` installs chromium and chromium-driver when
missing (scripts/ensure_chromium.sh); without them these tests fail, unless
SITREP_SKIP_BROWSER=1 says to skip them on purpose.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'sitrep[web]')")
webdriver = pytest.importorskip("selenium.webdriver", reason="the browser extra is not installed")

from click.testing import CliRunner  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from web_helpers import build_store, serve  # noqa: E402

from sitrep.cli import main  # noqa: E402
from sitrep.web import create_app  # noqa: E402
from sitrep.web.auth import make_user  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _driver() -> Any:
    if not (CHROMIUM and DRIVER):
        if os.environ.get("SITREP_SKIP_BROWSER") == "1":
            pytest.skip("SITREP_SKIP_BROWSER=1")
        pytest.fail("chromium and chromedriver are needed: `make browser` (as root) installs Debian's packages")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync", "--disable-default-apps", "--window-size=1280,900"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(options=opts, service=Service(executable_path=DRIVER))


@pytest.fixture
def browser() -> Iterator[Any]:
    d = _driver()
    try:
        yield d
    finally:
        d.quit()


def _requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    urls += driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return urls


def test_review_in_the_browser(tmp_path: Path, browser: Any) -> None:
    db = tmp_path / "b.db"
    built = build_store(db)
    user = make_user(built.store, "rita", "reviewer")
    shots = os.environ.get("SITREP_SCREENSHOTS")
    with serve(create_app(built.store)) as url:
        wait = WebDriverWait(browser, 20)
        browser.get(url + "/")  # not logged in: the login page
        wait.until(EC.presence_of_element_located((By.ID, "login")))
        browser.find_element(By.ID, "name").send_keys("rita")
        browser.find_element(By.ID, "password").send_keys(user.password)
        browser.find_element(By.ID, "login").click()
        wait.until(EC.presence_of_element_located((By.ID, "events")))
        assert len(browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-id]")) == 4

        # filter to one country and one type
        browser.find_element(By.NAME, "country").send_keys("Iraq")
        browser.find_element(By.NAME, "event_type").send_keys("ASSAULT")
        browser.find_element(By.ID, "apply").click()
        wait.until(EC.url_contains("country=Iraq"))
        rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-id]")
        assert [r.get_attribute("data-id") for r in rows] == [built.assault]
        if shots:
            browser.save_screenshot(str(Path(shots) / "events.png"))

        # open the event and correct its type from the keyboard: e, type, Enter
        rows[0].find_element(By.CSS_SELECTOR, "a.ev-link").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "ev-type"), "ASSAULT"))
        marks = {m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, ".article mark")}
        assert {"trigger", "actor", "place"} <= marks
        browser.find_element(By.TAG_NAME, "body").send_keys("e")
        focused = browser.switch_to.active_element
        assert focused.get_attribute("id") == "correct-value"
        focused.send_keys("PROTEST" + Keys.ENTER)
        wait.until(EC.text_to_be_present_in_element((By.ID, "ev-type"), "PROTEST"))
        assert browser.find_element(By.ID, "status").text == "corrected"
        assert "coder: ASSAULT" in browser.find_element(By.ID, "f-event").text
        assert "correct by rita" in browser.find_element(By.ID, "history").text
        if shots:
            browser.save_screenshot(str(Path(shots) / "event.png"))
        # j and k step to the next and previous event of the list
        browser.find_element(By.TAG_NAME, "body").send_keys("j")
        wait.until(lambda d: built.assault not in d.current_url)
        assert "/events/e-" in browser.current_url
        browser.find_element(By.TAG_NAME, "body").send_keys("k")
        wait.until(EC.url_contains(built.assault))

        # the correction is in the CSV export
        csv_text = httpx.get(url + "/api/events", params={"format": "csv", "country": "Iraq"},
                             headers={"Authorization": f"Bearer {user.token}"}).text
        line = next(x for x in csv_text.splitlines() if x.startswith(built.assault))
        assert ",PROTEST," in line and ",corrected," in line

        # the map and the timeline draw, and nothing leaves the machine
        browser.get_log("performance")  # drop what came before
        for path, selector in (("/map", "svg.map circle.ev"), ("/timeline", "svg.timeline rect")):
            browser.get(url + path)
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, selector)))
            assert browser.find_elements(By.CSS_SELECTOR, selector)
            if path == "/map":  # country outlines from the packaged Natural Earth file
                assert len(browser.find_elements(By.CSS_SELECTOR, "svg.map path.land")) > 150
            urls = _requested_urls(browser)
            assert urls and all(u.startswith((url + "/", "data:")) for u in urls), urls
            if shots:
                browser.save_screenshot(str(Path(shots) / f"{path.strip('/')}.png"))
        # no script errors on the pages
        errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
        assert errors == []
    built.store.close()

    # and `sitrep events` reads the store as reviewed
    out = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "jsonl", "--country", "Iraq"])
    assert out.exit_code == 0, out.output
    recs = {json.loads(x)["event_id"]: json.loads(x) for x in out.output.splitlines()}
    assert recs[built.assault]["event"] == "PROTEST"


def test_pages_fit_a_phone(tmp_path: Path, browser: Any) -> None:
    built = build_store(tmp_path / "m.db")
    with serve(create_app(built.store, public_read=True)) as url:
        browser.set_window_size(390, 844)
        for path in ("/", "/map", "/timeline", f"/events/{built.assault}", "/queue", "/dyads"):
            browser.get(url + path)
            width = browser.execute_script("return document.documentElement.scrollWidth")
            inner = browser.execute_script("return window.innerWidth")
            assert width <= inner + 1, (path, width, inner)  # wide tables scroll inside their box
        # the OpenAPI page renders from the packaged Swagger UI under the strict CSP
        browser.set_window_size(1280, 900)
        browser.get_log("performance")
        browser.get(url + "/docs")
        WebDriverWait(browser, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".opblock")) >= 7)
        urls = _requested_urls(browser)
        assert all(u.startswith((url + "/", "data:")) for u in urls), urls
        assert [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"] == []
    built.store.close()

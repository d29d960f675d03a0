#!/usr/bin/env python3
"""The review page of `tm serve` in a real browser (headless Chromium through Selenium).

Pastes the shipped example pair (with one sentence of next year's release added), waits for the
Lion finding, applies its fix and sees the finding go, then asks the memory about the added
sentence and sees last year's version with the changed figure. Optionally saves a screenshot.

    python3 tests/browser/review_page.py TM_BINARY [--screenshot docs/review-page.png]

Needs the Debian packages chromium, chromium-driver and python3-selenium (.ci/run installs them).
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADDED_RU = "В 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц."
ADDED_EN = "In 2026, the whereabouts of 298 wanted persons were established through Interpol channels."


def project(tm: str) -> pathlib.Path:
    """A scratch project: the house glossary, the example pair, the example memory imported."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="tm-browser-"))
    (folder / "glossaries").mkdir()
    shutil.copy(ROOT / "glossaries" / "house.tsv", folder / "glossaries")
    (folder / "examples").mkdir()
    for name in ("ncb-conference.ru.txt", "ncb-conference.en.txt", "press-memory.tmx"):
        shutil.copy(ROOT / "examples" / name, folder / "examples")
    subprocess.run([tm, "import", "examples/press-memory.tmx"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return folder


def serve(tm: str, folder: pathlib.Path):
    environment = {k: v for k, v in os.environ.items() if k not in ("TM_MEMORY", "TM_TOKEN")}
    server = subprocess.Popen(
        [tm, "serve", "--listen", "127.0.0.1:0"], cwd=folder, stderr=subprocess.PIPE, text=True, env=environment
    )
    for line in server.stderr:
        found = re.match(r"tm: serving (http://[^/]+/)", line)
        if found:
            return server, found.group(1)
    raise SystemExit("tm serve stopped before it listened")


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def paste(driver, element_id: str, text: str) -> None:
    """What a paste does: the text lands in the field and an input event fires."""
    driver.execute_script(
        "const field = document.getElementById(arguments[0]); field.value = arguments[1];"
        "field.dispatchEvent(new Event('input', { bubbles: true }));",
        element_id,
        text,
    )


def main() -> None:
    tm = str(pathlib.Path(sys.argv[1]).resolve())
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    started = time.monotonic()
    folder = project(tm)
    server, base = serve(tm, folder)
    driver = browser()
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(base)
        source = (folder / "examples" / "ncb-conference.ru.txt").read_text(encoding="utf-8").rstrip() + "\n" + ADDED_RU + "\n"
        draft = (folder / "examples" / "ncb-conference.en.txt").read_text(encoding="utf-8").rstrip() + "\n" + ADDED_EN + "\n"
        paste(driver, "source", source)
        paste(driver, "draft", draft)

        lion = "//mark[starts-with(@title, 'TM101') and normalize-space(.)='Lion']"
        wait.until(ready.presence_of_element_located((By.XPATH, lion)))
        assert driver.find_elements(By.XPATH, "//mark[starts-with(@title, 'TM201') and normalize-space(.)='125']"), "no TM201 on 125"
        gaps = driver.find_elements(By.CSS_SELECTOR, "td.gap")
        assert not gaps, f"the example pair aligns without gaps, the page shows {len(gaps)}"

        # A glossary term in the source opens its entry: Лион is rendered Lyon.
        driver.find_element(By.XPATH, "//span[contains(@class, 'term') and starts-with(normalize-space(.), 'Лион')]").click()
        wait.until(lambda d: "Lyon" in d.find_element(By.ID, "panel").text)

        fix = driver.find_element(By.XPATH, "//ol[@id='findings']/li[contains(., 'TM101')]//button[normalize-space(.)='Apply fix']")
        fix.click()
        wait.until(lambda d: "Lyon" in d.find_element(By.ID, "draft").get_property("value"))
        wait.until(ready.invisibility_of_element_located((By.XPATH, lion)))
        assert not driver.find_elements(By.XPATH, "//ol[@id='findings']/li[contains(., 'TM101')]"), "TM101 still listed"

        # The memory's match for next year's sentence: last year's, 95 %, with the changed figure.
        cell = driver.find_element(By.XPATH, f"//td[span[contains(., '{ADDED_RU[:30]}')]]")
        cell.find_element(By.CSS_SELECTOR, "button.matches").click()
        match = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#panel .match")))
        assert "95 %" in match.text and "312" in match.text, match.text
        assert "312 → 298" in match.find_element(By.CSS_SELECTOR, ".changed").text, match.text

        if screenshot:
            pathlib.Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(screenshot)
        print(f"review page in Chromium: Lion found, glossary entry of Лион shown, fixed, gone; memory match shown ({time.monotonic() - started:.1f} s)")
    finally:
        driver.quit()
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

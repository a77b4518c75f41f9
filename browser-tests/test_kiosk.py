"""Assisted mode as a kiosk: a lead turns their signed-in browser into a tablet for parents.

A parent answers (with an open answer) and sends; from then on the browser shows nothing of that parent (not
through Back, however often) and no staff page (not the report, not the wave, not the sign-in): every staff address
asks for the lead's password. A wrong password changes nothing; the right one brings the lead back to the wave.
"""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_parent_survey import QUESTIONS, answer, begin, go, on_page, submit_review
from test_staff_flow import all_css, css, fill, h1, open_page, path_of, sign_in, submit_main_form, wait_for_new_page

UNLOCK_TITLE = "Dit toestel is een kiosk voor ouders"
REPORT_TITLE = "Rapport van de ouderbevraging"
# An open answer the demo seeded; the first school's report shows it.
SEEDED_TEXT = "De juf begroet ons elke ochtend bij naam."


def lead_of_first_school(server) -> dict:
    first = server.demo["schoolIDs"][0]
    return next(p for p in server.staff_with("lead") if p["school"] == first)


def page_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def assert_nothing_private(driver, marker: str, where: str) -> None:
    """Neither the parent before nor the report: no typed answer, no chosen face, no report text, no staff menu."""
    source = driver.page_source
    assert marker not in source, f"{where}: the parent's open answer is on the page"
    assert SEEDED_TEXT not in source, f"{where}: an open answer of the report is on the page"
    assert REPORT_TITLE not in page_text(driver), f"{where}: the report is on the page"
    assert not [r for r in all_css(driver, "input[type=radio]") if r.is_selected()], f"{where}: a chosen face is on the page"
    assert not all_css(driver, "header form[action='/logout']"), f"{where}: the staff menu is on the page"


def back(driver) -> None:
    """The browser's Back button; fails when the page comes out of the browser's back/forward cache instead of
    from the server (a page left by a click carries the mark `wait_for_new_page` put on it)."""
    driver.execute_script("window.__kioskLeaving = true")
    driver.back()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return !window.__kioskLeaving && document.readyState === 'complete'"))
    restored = driver.execute_script("return !!window.__samenspraakOldPage")
    assert not restored, f"Back showed {driver.current_url} as the browser kept it, not as the server sends it now"


def on_unlock_page(driver, asked: str) -> None:
    url = urlparse(driver.current_url)
    assert url.path == "/kiosk/unlock", f"{asked} shows {driver.current_url}, not the unlock page"
    assert parse_qs(url.query).get("next") == [asked], driver.current_url
    assert h1(driver) == UNLOCK_TITLE


def test_the_assisted_tablet_is_a_kiosk_until_the_password(server, driver, visit):
    lead = lead_of_first_school(server)
    wave = server.demo["waveIDs"][0]
    wave_path = f"/staff/waves/{wave}"
    report_path = f"{wave_path}/report"
    marker = "browsertest-kiosk-first-parent"
    open_answer = f"Wat ik hier typ is van mij alleen. ({marker})"

    # The lead looks at the report and the wave, then starts the kiosk: both pages are in this tab's history.
    sign_in(driver, server, visit, lead["email"], lead["password"], "lead")
    open_page(driver, server, report_path)
    assert h1(driver) == REPORT_TITLE
    assert SEEDED_TEXT in page_text(driver)
    open_page(driver, server, wave_path)
    visit("wave")
    start = driver.find_element(By.XPATH, "//main//form[contains(@action, '/assisted')]//button")
    assert start.text == "Kiosk starten voor ouders"
    wait_for_new_page(driver, start.click)
    assert path_of(driver) == "/kiosk"
    page = visit("kiosk-start")
    assert page.status == 200
    assert h1(driver) == "Kies je taal"
    assert not all_css(driver, "header form[action='/logout']"), "no staff menu in the kiosk"
    leave = css(driver, "p.kiosk-leave a")
    assert leave.text == "Personeel: kiosk verlaten"
    assert urlparse(leave.get_attribute("href")).path == "/kiosk/unlock"

    # A parent taps Dutch, answers every statement and the open question, and sends.
    wait_for_new_page(driver, css(driver, "main form button[name=lang][value=nl]").click)
    token = begin(driver)
    for number in range(1, QUESTIONS + 1):
        on_page(driver, token, number)
        answer(driver, 3)
        go(driver, "next")
    on_page(driver, token, QUESTIONS + 1)
    fill(driver, "#text-well", open_answer)
    go(driver, "next")
    submit_review(driver)
    assert path_of(driver) == "/kiosk/thanks?lang=nl"
    page = visit("kiosk-thanks")
    assert page.status == 200
    assert h1(driver) == "Dank je wel!"
    next_parent = driver.find_element(By.LINK_TEXT, "Volgende ouder")
    assert urlparse(next_parent.get_attribute("href")).path == "/kiosk"
    # The answers wait in the inbox (or are in the report, once enough others sent), marked assisted.
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10) as db:
        rows = db.execute("SELECT r.channel FROM survey_texts t JOIN survey_responses r ON r.id = t.response_id "
                          "WHERE t.text LIKE ?", (f"%{marker}%",)).fetchall()
        rows += [(json.loads(entry)["channel"],) for (entry,) in
                 db.execute("SELECT entry FROM survey_inbox WHERE entry LIKE ?", (f"%{marker}%",))]
    assert rows == [("assisted",)], rows

    # Back, again and again, all the way past the start of the kiosk: no answer of the parent, no staff page.
    seen = []
    for step in range(QUESTIONS + 12):
        back(driver)
        seen.append(path_of(driver))
        assert_nothing_private(driver, marker, f"back {step + 1} ({driver.current_url})")
        assert not path_of(driver).startswith("/d/"), f"back {step + 1} shows a survey page of the parent before"
        if urlparse(driver.current_url).path == "/kiosk/unlock" and report_path in driver.current_url:
            break
    else:
        raise AssertionError(f"Back never reached the report's place in the history: {seen}")
    visit("kiosk-back-to-report")

    # Typed addresses: the report, the wave, the school, staff home, sign-in: each asks for the password.
    school = server.demo["schoolIDs"][0]
    for name, path in [("report", report_path), ("wave", wave_path), ("school", f"/staff/schools/{school}"),
                       ("staff", "/staff"), ("login", "/login"), ("csv", f"{report_path}.csv")]:
        open_page(driver, server, path)
        on_unlock_page(driver, path)
        assert_nothing_private(driver, marker, f"typed {path}")
    page = visit("kiosk-unlock")
    assert page.status == 200
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10) as db:
        (name,) = db.execute("SELECT name FROM users WHERE email = ?", (lead["email"],)).fetchone()
    assert f"typt {name} het wachtwoord" in css(driver, "main p").text, "the page says whose password opens it"

    # A wrong password: a clear message, still a kiosk.
    open_page(driver, server, wave_path)
    fill(driver, "#password", "dit is niet het wachtwoord")
    submit_main_form(driver)
    page = visit("kiosk-unlock-wrong")
    assert page.status == 401
    assert "Dat wachtwoord klopt niet." in css(driver, "main .notice").text
    open_page(driver, server, report_path)
    on_unlock_page(driver, report_path)

    # The right password: the lead is back on the page asked for, signed in.
    open_page(driver, server, wave_path)
    fill(driver, "#password", lead["password"])
    submit_main_form(driver)
    assert path_of(driver) == wave_path
    page = visit("wave-after-kiosk")
    assert page.status == 200
    assert all_css(driver, "header form[action='/logout']"), "signed in again"
    assert driver.find_elements(By.XPATH, "//main//form[contains(@action, '/assisted')]")

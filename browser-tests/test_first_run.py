"""The first run, as new users walk it, on an empty database of its own (not the demo's): the coordinator sets up
the instance with the setup code from the server's console, makes a trajectory and a school and invites its lead;
the lead opens a survey and makes code slips; parents answer by code on a 320 px phone, one in Turkish after
switching language on the code page; the lead reads the report and writes a story with a photo, sent first
without a title; the coordinator publishes it. Every page goes through `visit(name)`: axe stays at zero."""

from __future__ import annotations

import re
import sqlite3
import tempfile
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from conftest import binary_path, make_driver, serve, server_now, stop
from test_parent_survey import (DRAFT_START, OPEN_PAGE, QUESTIONS, REVIEW_PAGE, answer, begin, go, language_links,
                                no_sideways_scroll, on_page, question, submit_review)
from test_staff_flow import (all_css, css, field_error, fill, h1, open_page, path_of, set_checked,
                             sign_out, submit_main_form, wait_for_new_page)
from test_stories import png_photo

COORDINATOR = ("An Peeters", "an.peeters@hogeschool.example", "een lange zin als wachtwoord")
LEAD = ("Lies Leiding", "lies@debron.example", "nog een lange zin voor mij")
SCHOOL = "Basisschool De Bron"
TRAJECTORY = "Samen school maken 2026-2027"
STORY_TITLE = "Koffie aan de poort"
PHOTO_ALT = "Ouders en juf drinken koffie aan de schoolpoort"


@dataclass
class FreshServer:
    base_url: str
    database: Path
    log: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    def rows(self, query: str, *args) -> list[tuple]:
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=10) as db:
            return db.execute(query, args).fetchall()


@pytest.fixture(scope="module")
def fresh():
    workdir = Path(tempfile.mkdtemp(prefix="samenspraak-first-run-"))
    log = workdir / "serve.log"
    process, base_url = serve(binary_path(), workdir / "samenspraak.sqlite", workdir, log, {"SAMENSPRAAK_PAGE_CACHE_SECONDS": "0"})
    yield FreshServer(base_url=base_url, database=workdir / "samenspraak.sqlite", log=log)
    stop(process)
    shutil.rmtree(workdir, ignore_errors=True)


def press(driver, text: str) -> None:
    button = driver.find_element(By.XPATH, f"//main//button[normalize-space()='{text}']")
    wait_for_new_page(driver, button.click)


def follow(driver, text: str) -> None:
    link = driver.find_element(By.XPATH, f"//main//a[normalize-space()='{text}']")
    wait_for_new_page(driver, link.click)


def sign_in(driver, fresh, visit, email: str, password: str, name: str) -> None:
    open_page(driver, fresh, "/login")
    visit(f"{name}-login")
    fill(driver, "#email", email)
    fill(driver, "#password", password)
    submit_main_form(driver)


def answer_by_code(fresh, visit, code: str, lang: str, name: str, *, switch_on_code_page: bool) -> None:
    """A parent scans the slip's QR code on a 320 px phone, answers three statements and sends."""
    phone = make_driver(width=320, height=640)
    try:
        phone.get(fresh.url(f"/c?code={code}"))
        assert css(phone, "#code").get_attribute("value") == code, "the QR code fills in the code"
        if switch_on_code_page:
            visit(f"{name}-code-page", phone)
            no_sideways_scroll(phone, "the code page")
            # The parent reads Turkish better: the language switch keeps the code.
            link = css(phone, f"a[hreflang='{lang}']")
            wait_for_new_page(phone, link.click)
            assert css(phone, "html").get_attribute("lang") == lang
            visit(f"{name}-code-page-{lang}", phone)
            assert css(phone, "#code").get_attribute("value") == code, "switching language lost the code"
        wait_for_new_page(phone, css(phone, "main form button[type=submit]").click)
        match = DRAFT_START.fullmatch(path_of(phone))
        assert match, phone.current_url
        token = match["token"]
        # After the code, only the school's languages are offered.
        assert set(language_links(phone)) == {"nl", "tr", "ar"}
        if match["lang"] != lang:
            visit(f"{name}-languages", phone)
            wait_for_new_page(phone, css(phone, f"main ul.language-choice a[lang='{lang}']").click)
        assert css(phone, "html").get_attribute("lang") == lang
        visit(f"{name}-intro", phone)
        assert begin(phone) == token
        for number in range(1, QUESTIONS + 1):
            on_page(phone, token, number)
            if number <= 3:
                question(phone, number)
                answer(phone, 4 if number != 2 else 3)
            go(phone, "next")
        on_page(phone, token, OPEN_PAGE)
        fill(phone, "#text-well", f"first-run {name}")
        go(phone, "next")
        on_page(phone, token, REVIEW_PAGE)
        visit(f"{name}-review", phone)
        submit_review(phone)
        assert css(phone, "html").get_attribute("lang") == lang
        visit(f"{name}-thanks", phone)
        thanks = h1(phone)
        if switch_on_code_page:
            # Back from the thank-you: not the send page again, but the thanks, still in the parent's language.
            phone.back()
            assert path_of(phone) == f"/d/{token}/{REVIEW_PAGE}"
            assert css(phone, "html").get_attribute("lang") == lang
            assert h1(phone) == thanks
            assert not phone.find_elements(By.XPATH, "//main//form"), "the sent draft offers to send again"
    finally:
        phone.quit()


def test_first_run_from_an_empty_database_to_a_published_story(fresh, driver, visit, tmp_path):
    # The server's console names the setup code (and holds nothing of it back in a buffer).
    lines = [line for line in fresh.log.read_text(errors="replace").splitlines() if line.startswith("First run:")]
    assert len(lines) == 1, fresh.log.read_text(errors="replace")[-2000:]
    setup_code = re.search(r"setup code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})$", lines[0])[1]
    assert f"{fresh.base_url}/setup" in lines[0]

    # -- The coordinator sets up the instance: a wrong code first, then the right one typed loosely.
    open_page(driver, fresh, "/")
    assert path_of(driver) == "/setup"
    visit("setup")
    name, email, password = COORDINATOR
    fill(driver, "#setup_code", "AAAA-BBBB-CCCC")
    fill(driver, "#name", name)
    fill(driver, "#email", email)
    fill(driver, "#password", password)
    fill(driver, "#password_confirmation", password)
    submit_main_form(driver)
    page = visit("setup-wrong-code")
    assert page.status == 422
    assert field_error(driver, "setup_code")
    assert css(driver, "#name").get_attribute("value") == name and css(driver, "#email").get_attribute("value") == email
    assert fresh.rows("SELECT count(*) FROM users") == [(0,)]
    fill(driver, "#setup_code", setup_code.lower().replace("-", " "))
    fill(driver, "#password", password)
    fill(driver, "#password_confirmation", password)
    submit_main_form(driver)
    visit("setup-done")
    assert fresh.rows("SELECT name, role FROM users") == [(name, "coordinator")]

    # -- A trajectory over the school year.
    today = server_now().date()
    starts, ends = today.replace(month=9, day=1), today.replace(year=today.year + 1, month=6, day=30)
    open_page(driver, fresh, "/staff/trajectories/new")
    visit("new-trajectory")
    fill(driver, "#name", TRAJECTORY)
    driver.execute_script("document.querySelector('#starts_on').value = arguments[0];"
                          "document.querySelector('#ends_on').value = arguments[1];", starts.isoformat(), ends.isoformat())
    submit_main_form(driver)
    assert re.fullmatch(r"/staff/trajectories/[0-9a-f-]{36}(\?saved=1)?", path_of(driver)), driver.current_url
    trajectory_path = urlparse(driver.current_url).path
    visit("trajectory")
    assert h1(driver) == TRAJECTORY
    # Nothing has happened yet: no phase says it is done, those whose days are over say they are behind schedule.
    states = [li.get_attribute("class").split()[-1] for li in all_css(driver, "main ol.timeline > li")]
    assert len(states) == 6 and "done" not in states, states
    assert "Afgerond" not in css(driver, "main ol.timeline").text

    # -- A school offering Dutch, Turkish and Arabic.
    wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "School toevoegen").click)
    visit("new-school")
    fill(driver, "#name", SCHOOL)
    set_checked(driver, "#levels-lager", True)
    fill(driver, "#families", "120")
    set_checked(driver, "#languages-tr", True)
    set_checked(driver, "#languages-ar", True)
    submit_main_form(driver)
    match = re.fullmatch(r"/staff/schools/([0-9a-f-]{36})\?saved=1", path_of(driver))
    assert match, driver.current_url
    school_id = match[1]
    visit("school")

    # The first step on a new school is inviting its lead; the form expects a lead.
    assert css(driver, "#first-step-title").text == "Eerste stap: nodig de schoolleiding uit"
    follow(driver, "De schoolleiding uitnodigen")
    visit("school-staff")
    assert css(driver, "#role-lead").is_selected(), "a new school's first invitation is for its lead"
    fill(driver, "#name", LEAD[0])
    fill(driver, "#email", LEAD[1])
    css(driver, "label[for='method-link']").click()
    submit_main_form(driver)
    page = visit("invite-issued")
    assert page.status == 201
    invite_url = css(driver, "a#invite-link").get_attribute("href")
    assert css(driver, "main button.copy[data-copy='invite-link']").is_displayed(), "no copy button for the link"
    sign_out(driver, visit, "coordinator-signed-out")

    # -- The lead accepts the invitation and opens the parent survey.
    driver.get(invite_url)
    visit("accept")
    fill(driver, "#password", LEAD[2])
    fill(driver, "#password_confirmation", LEAD[2])
    submit_main_form(driver)
    assert path_of(driver) == f"/staff/schools/{school_id}"
    visit("lead-school")
    follow(driver, "Een bevraging openen")
    visit("new-wave")
    assert css(driver, "label[for='questionnaire-parents-v1']").text == "Ouders (in de talen die de school aanbiedt)"
    submit_main_form(driver)
    match = re.fullmatch(r"/staff/waves/([0-9a-f-]{36}).*", path_of(driver))
    assert match, driver.current_url
    wave_id = match[1]
    visit("wave")
    assert "parents-v1" not in css(driver, "main").text, "the questionnaire is named by its id"

    # Code slips: the page has a heading, a way back and a print button; the wave page then says they exist.
    fill(driver, "#count", "5")
    press(driver, "Briefjes maken")
    page = visit("slips")
    assert page.status == 201
    assert css(driver, "h1").text.strip()
    codes = [p.text for p in all_css(driver, "p.slip-code")]
    assert len(codes) == 5 and len(set(codes)) == 5, codes
    slip_lines = {li.get_attribute("lang"): li.text for li in all_css(driver, "li.slip")[0].find_elements(By.CSS_SELECTOR, "ul.slip-lines li")}
    assert set(slip_lines) == {"nl", "tr", "ar"}, slip_lines
    # Each slip says in every offered language what to do with the code, under the address it names.
    assert slip_lines["nl"] == "Scan de QR-code met je gsm, of tik de code in op de website hierboven.", slip_lines
    assert len(set(slip_lines.values())) == 3, "a language shows another's sentence"
    assert css(driver, "p.slip-link").text == fresh.url("/c")
    follow(driver, "Terug naar de bevraging")
    assert path_of(driver).startswith(f"/staff/waves/{wave_id}")
    visit("wave-with-slips")
    assert "5 briefjes" in css(driver, "main").text, css(driver, "main section[aria-labelledby=codes-title]").text

    # -- Five parents answer by code; the first switches to Turkish on the code page.
    answer_by_code(fresh, visit, codes[0], "tr", "parent-tr", switch_on_code_page=True)
    answer_by_code(fresh, visit, codes[1], "nl", "parent-nl", switch_on_code_page=False)
    answer_by_code(fresh, visit, codes[2], "ar", "parent-ar", switch_on_code_page=False)
    # Answers join the report five at a time, so that nobody's answers are the difference between two views.
    open_page(driver, fresh, f"/staff/waves/{wave_id}/report")
    visit("report-waiting")
    main_text = css(driver, "main").text
    assert "0 ouders" not in main_text, "three parents answered: the report may not say nobody did"
    assert "Er staan nog geen antwoorden in dit rapport." in main_text and "de eerste cijfers komen zodra 5 mensen geantwoord hebben" in main_text
    answer_by_code(fresh, visit, codes[3], "nl", "parent-nl-2", switch_on_code_page=False)
    answer_by_code(fresh, visit, codes[4], "nl", "parent-nl-3", switch_on_code_page=False)

    # -- The lead reads the report: five parents.
    open_page(driver, fresh, f"/staff/waves/{wave_id}/report")
    page = visit("report")
    assert page.status == 200
    assert "5 ouders antwoordden" in css(driver, "main").text

    # -- A story with a photo, sent first without a title: the photo and its description are kept.
    open_page(driver, fresh, f"/staff/schools/{school_id}/stories/new")
    visit("new-story")
    photo = tmp_path / "koffie.png"
    photo.write_bytes(png_photo(64, 48))
    fill(driver, "#summary", "Elke vrijdag koffie aan de poort.")
    fill(driver, "#body", "Ouders en leerkrachten drinken samen koffie aan de poort.")
    set_checked(driver, "#keys-4", True)
    fill(driver, "#photo_alt", PHOTO_ALT)
    css(driver, "input#photo").send_keys(str(photo))
    press(driver, "Verhaal bewaren")
    page = visit("new-story-no-title")
    assert page.status == 422
    assert field_error(driver, "title") == "Vul dit in."
    assert css(driver, "#photo_alt").get_attribute("value") == PHOTO_ALT, "the photo's description was lost"
    assert "Gekozen foto: koffie.png (64 × 48 beeldpunten)" in css(driver, "main").text, "nothing says the photo was kept"
    fill(driver, "#title", STORY_TITLE)
    press(driver, "Verhaal bewaren")
    assert re.fullmatch(r"/staff/stories/[0-9a-f-]{36}\?saved=1", path_of(driver)), driver.current_url
    story_path = urlparse(driver.current_url).path
    visit("story-saved")
    assert fresh.rows("SELECT title, photo_alt, photo_id IS NOT NULL FROM stories") == [(STORY_TITLE, PHOTO_ALT, 1)]
    press(driver, "Indienen voor nalezing")
    visit("story-submitted")
    sign_out(driver, visit, "lead-signed-out")

    # -- The coordinator sees the story waiting, reads it, publishes it.
    sign_in(driver, fresh, visit, COORDINATOR[1], COORDINATOR[2], "coordinator-again")
    wait_for_new_page(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "1 verhaal wacht").click)
    visit("story-queue")
    wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, STORY_TITLE).click)
    assert path_of(driver) == story_path
    visit("story-review")
    press(driver, "Publiceren")
    visit("story-published")
    slug = fresh.rows("SELECT slug FROM stories")[0][0]
    open_page(driver, fresh, f"/stories/{slug}")
    page = visit("public-story")
    assert page.status == 200
    assert h1(driver) == STORY_TITLE
    image = css(driver, "main img")
    assert image.get_attribute("alt") == PHOTO_ALT

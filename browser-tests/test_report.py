"""The report of a parent survey wave, as a school lead reads it; what a team member and a small school get.

The demo seeds 36 answers into the first school's wave (`waveIDs[0]`, 180 families) and 3 into the second's
(`waveIDs[1]`, below the threshold of 5). The parent-survey tests add a few answers to the first wave when they run
in the same session (each with a `browsertest-` marker in an open answer), so the figures the report must show are
read from the database: 36 seeded plus those. Every page goes through `visit(name)` like the other tests.
"""

from __future__ import annotations

import math
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import urlparse

from selenium.webdriver.common.by import By

from conftest import _cookie_header
from test_staff_flow import all_css, css, h1, open_page, path_of, sign_in, wait_for_new_page

SEEDED = 36
ITEMS = 21
HIDE_THIS = "Dat ze ook de papa aanspreken."  # an answer to "Wat zou jou helpen?" seeded by the demo
WELL_ANSWER = "Mijn zoon voelt zich hier thuis."  # an answer to "Wat doet de school goed…"
FACES = ["Ja, helemaal", "Eerder wel", "Eerder niet", "Nee, helemaal niet", "Weet ik niet"]
BAR_LABEL = re.compile(", ".join(rf"{re.escape(face)}: (\d+)" for face in FACES))


# ---------------------------------------------------------------------------------------------------------------
# helpers


def staff_member(server, role: str, school_index: int) -> dict:
    school = server.demo["schoolIDs"][school_index]
    people = [p for p in server.staff_with(role) if p.get("school", "").lower() == school.lower()]
    assert len(people) == 1, f"{len(people)} demo {role}(s) for school {school_index}"
    return people[0]


def wave_path(server, index: int) -> str:
    return f"/staff/waves/{server.demo['waveIDs'][index].lower()}"


def responses_in_database(server, index: int) -> tuple[int, int, int]:
    """(answers stored for wave `index`, of which the browser tests sent, families of the wave)."""
    wave_id = server.demo["waveIDs"][index].upper()
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True) as db:
        total = db.execute("SELECT COUNT(*) FROM survey_responses WHERE upper(wave_id) = ?", (wave_id,)).fetchone()[0]
        ours = db.execute(
            "SELECT COUNT(DISTINCT t.response_id) FROM survey_texts t JOIN survey_responses r ON r.id = t.response_id "
            "WHERE upper(r.wave_id) = ? AND t.text LIKE '%browsertest-%'", (wave_id,)).fetchone()[0]
        families = db.execute("SELECT families FROM waves WHERE upper(id) = ?", (wave_id,)).fetchone()[0]
    return total, ours, families


def release_waiting_answers(server, slug: str) -> None:
    """Sends empty surveys through the open link `/o/SLUG` until its wave's inbox is empty: answers join the report
    only in groups of the smallest group (5), and a test that wants to see its own answers there fills the group."""
    def waiting() -> int:
        with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10) as db:
            return db.execute("SELECT COUNT(*) FROM survey_inbox i JOIN waves w ON upper(w.id) = upper(i.wave_id) "
                              "WHERE w.slug = ?", (slug,)).fetchone()[0]

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect())

    def post(path: str, form: dict) -> str:
        request = urllib.request.Request(server.base_url + path, data=urllib.parse.urlencode(form).encode())
        try:
            with opener.open(request, timeout=15) as response:
                return response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            assert error.code == 303, f"{path} answered {error.code}"
            return error.headers.get("Location", "")

    for _ in range(5):
        if not waiting():
            return
        draft = post(f"/o/{slug}/start", {"lang": "nl"})
        assert draft.endswith("/1"), draft
        assert "/thanks" in post(draft[:-2] + "/submit", {})
    assert not waiting(), "the waiting answers were not released"


def stored_text(server, text: str) -> tuple[bool, int]:
    """(is the open answer `text` hidden, how many times it was hidden or shown): the moderation log."""
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id, hidden FROM survey_texts WHERE text = ?", (text,)).fetchall()
        assert len(rows) == 1, f"{len(rows)} stored open answer(s) {text!r}"
        text_id, hidden = rows[0]
        logged = db.execute("SELECT COUNT(*) FROM text_moderations WHERE upper(text_id) = upper(?)", (text_id,)).fetchone()[0]
    return bool(hidden), logged


def fetch(driver, url: str) -> tuple[int, dict, bytes]:
    """GETs `url` with the browser's cookies: (status, headers, body)."""
    request = urllib.request.Request(url, headers={"Cookie": _cookie_header(driver), "Accept-Language": "nl-BE,nl"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sign_in_as(driver, server, visit, person: dict, name: str) -> None:
    sign_in(driver, server, visit, person["email"], person["password"], name)
    assert path_of(driver) == f"/staff/schools/{person['school'].lower()}", driver.current_url


def open_wave_from_school(driver, server, index: int) -> None:
    """From the school page (where staff land), follows the link to the wave."""
    link = css(driver, f"main a[href='{wave_path(server, index)}']")
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == wave_path(server, index)


def report_link(driver):
    links = [a for a in all_css(driver, "main a.button") if a.text == "Rapport bekijken"]
    assert len(links) <= 1
    return links[0] if links else None


def open_answer(driver, text: str):
    """The `li.open-answer` showing `text`."""
    matches = [li for li in all_css(driver, "main li.open-answer")
               if li.find_element(By.CSS_SELECTOR, "p").text == text]
    assert len(matches) == 1, f"{len(matches)} open answer(s) {text!r} on the report"
    return matches[0]


def moderation_button(answer):
    buttons = answer.find_elements(By.CSS_SELECTOR, "form[method=post] button[type=submit]")
    assert len(buttons) == 1, answer.get_attribute("outerHTML")
    return buttons[0]


def open_report_as_lead(driver, server, visit) -> None:
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), "lead")
    open_page(driver, server, wave_path(server, 0) + "/report")
    assert h1(driver) == "Rapport van de ouderbevraging"


# ---------------------------------------------------------------------------------------------------------------
# the stories


def test_lead_reads_report_and_hides_an_open_answer(server, driver, visit):
    report_path = wave_path(server, 0) + "/report"
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), "lead")
    visit("school")
    open_wave_from_school(driver, server, 0)
    page = visit("wave")
    assert page.status == 200
    link = report_link(driver)
    assert link is not None, "the lead's wave page has no link 'Rapport bekijken'"
    assert urlparse(link.get_attribute("href")).path == report_path
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == report_path

    page = visit("report")
    assert page.status == 200
    assert h1(driver) == "Rapport van de ouderbevraging"
    assert "Basisschool De Regenboog" in css(driver, "main p.lead").text
    total, ours, families = responses_in_database(server, 0)
    assert total - ours == SEEDED, f"the demo seeded {total - ours} answers, not {SEEDED}"
    rate = math.floor(100 * total / families + 0.5)
    summary = f"{total} ouders antwoordden. Dat is {rate}% van de gezinnen."
    if not ours:
        assert summary == "36 ouders antwoordden. Dat is 20% van de gezinnen."
    main_text = css(driver, "main").text
    assert summary in main_text, f"no {summary!r} in the report"
    # The method is one click away: a closed "Hoe rekenen we?" that names the interval for whoever wants it.
    method = css(driver, "main details#method")
    assert method.find_element(By.CSS_SELECTOR, "summary").text == "Hoe rekenen we?"
    assert "Wilson" in method.get_attribute("textContent"), "the method does not name its interval"
    assert "parents-v1" not in main_text, "the questionnaire is shown by its id"
    csv_link = driver.find_element(By.LINK_TEXT, "Antwoorden downloaden (CSV)")
    assert urlparse(csv_link.get_attribute("href")).path == report_path + ".csv"

    # Strengths first, then growth opportunities, three keys each, each followed by its open question.
    strengths = css(driver, "main section.strengths")
    growth = css(driver, "main section.growth")
    following = driver.execute_script("return arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING",
                                      strengths, growth)
    assert following, "the growth section comes before the strengths section"
    assert strengths.find_element(By.CSS_SELECTOR, "h2").text == "Wat goed gaat"
    assert growth.find_element(By.CSS_SELECTOR, "h2").text == "Groeikansen"
    for section, name in ((strengths, "strengths"), (growth, "growth")):
        cards = section.find_elements(By.CSS_SELECTOR, "ul.cards > li")
        assert len(cards) == 3, f"{len(cards)} {name} cards"
        for card in cards:
            assert card.find_element(By.CSS_SELECTOR, "h3").text.startswith("Sleutel "), card.text
            assert card.find_element(By.CSS_SELECTOR, "p.score").text.strip(), card.text
    strengths_keys = {c.find_element(By.CSS_SELECTOR, "h3").text for c in strengths.find_elements(By.CSS_SELECTOR, "ul.cards > li")}
    growth_keys = {c.find_element(By.CSS_SELECTOR, "h3").text for c in growth.find_elements(By.CSS_SELECTOR, "ul.cards > li")}
    assert not strengths_keys & growth_keys, f"a key is both a strength and a growth opportunity: {strengths_keys & growth_keys}"
    assert strengths.find_element(By.CSS_SELECTOR, "h3:not(ul.cards h3)").text.startswith("Wat doet de school goed")
    assert growth.find_element(By.CSS_SELECTOR, "h3:not(ul.cards h3):not(.other-stories h3)").text == "Wat zou jou helpen?"
    well_answers = [p.text for p in strengths.find_elements(By.CSS_SELECTOR, "ul.open-answers li.open-answer > p")]
    help_answers = [p.text for p in growth.find_elements(By.CSS_SELECTOR, "ul.open-answers li.open-answer > p")]
    assert WELL_ANSWER in well_answers and HIDE_THIS not in well_answers
    assert HIDE_THIS in help_answers and WELL_ANSWER not in help_answers

    # Who answered: small groups are not shown.
    who = driver.find_element(By.XPATH, "//main//section[h2[normalize-space()='Wie antwoordde']]")
    captions = [c.text for c in who.find_elements(By.CSS_SELECTOR, "table caption")]
    assert captions == ["Per taal", "Per manier van antwoorden"], captions
    paper = who.find_element(By.XPATH, ".//tr[th[normalize-space()='papier']]/td")
    assert paper.text == "verborgen (kleine groep)", "the 4 paper answers are shown as a number"

    # Every key and statement, each with a bar that says its counts in words.
    all_keys = driver.find_element(By.XPATH, "//main//section[h2[normalize-space()='Alle sleutels en vragen']]")
    following = driver.execute_script("return arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING",
                                      growth, all_keys)
    assert following, "'Alle sleutels en vragen' comes before the growth opportunities"
    bars = all_css(driver, "main svg.bar")
    assert len(bars) == ITEMS, f"{len(bars)} bars, not one per statement ({ITEMS})"
    for bar in bars:
        assert bar.get_attribute("role") == "img"
        label = bar.get_attribute("aria-label") or ""
        match = BAR_LABEL.fullmatch(label)
        assert match, f"bar {bar.get_attribute('id')}: aria-label {label!r}"
        counted = sum(int(n) for n in match.groups())
        assert 0 < counted <= total, f"bar {bar.get_attribute('id')} counts {counted} answers of {total}"

    # Hide an open answer: the page comes back with it marked hidden ...
    assert stored_text(server, HIDE_THIS) == (False, 0)
    answer = open_answer(driver, HIDE_THIS)
    assert "is-hidden" not in answer.get_attribute("class").split()
    button = moderation_button(answer)
    assert button.text == "Verbergen"
    wait_for_new_page(driver, button.click)
    assert path_of(driver) == report_path
    page = visit("report-answer-hidden")
    assert page.status == 200
    answer = open_answer(driver, HIDE_THIS)
    assert "is-hidden" in answer.get_attribute("class").split(), answer.get_attribute("outerHTML")
    badge = answer.find_element(By.CSS_SELECTOR, ".badge").text
    assert badge.startswith("Verborgen door ") and badge.endswith("."), badge  # who hid it, and when
    button = moderation_button(answer)
    assert button.text == "Weer tonen"
    assert stored_text(server, HIDE_THIS) == (True, 1)
    others = all_css(driver, "main li.open-answer.is-hidden")
    assert len(others) == 1, "hiding one answer hid others too"

    # ... and shows it again.
    wait_for_new_page(driver, button.click)
    assert path_of(driver) == report_path
    page = visit("report-answer-shown-again")
    assert page.status == 200
    answer = open_answer(driver, HIDE_THIS)
    assert "is-hidden" not in answer.get_attribute("class").split()
    assert not answer.find_elements(By.CSS_SELECTOR, ".badge")
    assert moderation_button(answer).text == "Verbergen"
    assert stored_text(server, HIDE_THIS) == (False, 2), "both changes are in the moderation log"


def test_report_csv_download(server, driver, visit):
    open_report_as_lead(driver, server, visit)
    visit("report")
    link = driver.find_element(By.LINK_TEXT, "Antwoorden downloaden (CSV)")
    url = link.get_attribute("href")
    assert urlparse(url).path == wave_path(server, 0) + "/report.csv"
    status, headers, body = fetch(driver, url)
    assert status == 200, body[:300]
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    assert content_type.split(";")[0].strip() == "text/csv", content_type
    lines = body.decode("utf-8").splitlines()
    total, _, _ = responses_in_database(server, 0)
    assert len(lines) == total + 1, f"{len(lines)} lines for {total} answers"
    header = lines[0].split(",")
    # No day: a day would date each row; the rows come shuffled.
    assert header[:2] == ["language", "channel"] and len(header) == 2 + ITEMS, lines[0]
    assert all(len(line.split(",")) == len(header) for line in lines[1:]), "a row with a different number of cells"

    # Signed out, the CSV is not given away.
    status, _ = fetch_anonymously(url)
    assert status in (302, 303, 401, 403), f"the CSV answered {status} without signing in"


def fetch_anonymously(url: str) -> tuple[int, bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect()).open(url, timeout=15) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_report_prints_without_buttons(server, driver, visit):
    open_report_as_lead(driver, server, visit)
    visit("report")
    buttons = all_css(driver, "main li.open-answer button")
    assert buttons and all(b.is_displayed() for b in buttons), "the hide buttons show on screen"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return matchMedia('print').matches"), "print media is not emulated"
        page = visit("report-print")
        assert page.status == 200
        shown = [b.get_attribute("outerHTML") for b in all_css(driver, "main li.open-answer button") if b.is_displayed()]
        assert not shown, f"{len(shown)} hide button(s) would be printed, e.g. {shown[0]}"
        assert len(all_css(driver, "main svg.bar")) == ITEMS
        assert all(bar.is_displayed() for bar in all_css(driver, "main svg.bar")), "a bar is not printed"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_too_few_answers_show_no_figures(server, driver, visit):
    lead = staff_member(server, "lead", 1)
    sign_in_as(driver, server, visit, lead, "lead")
    open_wave_from_school(driver, server, 1)
    visit("wave")
    link = report_link(driver)
    assert link is not None, "the lead's wave page has no link 'Rapport bekijken'"
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == wave_path(server, 1) + "/report"
    page = visit("report-too-few")
    assert page.status == 200
    assert h1(driver) == "Rapport van de ouderbevraging"
    notice = css(driver, "main p.notice").text
    assert notice.startswith("Er antwoordden 3 ouders. Vanaf 5 ouders tonen we cijfers"), notice
    assert not all_css(driver, "main svg.bar"), "bars shown for 3 answers"
    assert not all_css(driver, "main section.strengths, main section.growth, main li.open-answer")
    # The seeded open answers of these three parents are not shown either.
    assert "De juf begroet ons elke ochtend bij naam." not in css(driver, "main").text


def test_team_member_gets_no_access_to_report(server, driver, visit):
    member = staff_member(server, "member", 0)
    sign_in_as(driver, server, visit, member, "member")
    open_wave_from_school(driver, server, 0)
    page = visit("wave")
    assert page.status == 200
    assert report_link(driver) is None, "a team member is offered the report"

    open_page(driver, server, wave_path(server, 0) + "/report")
    page = visit("report-forbidden")
    assert page.status == 403
    assert h1(driver) == "Geen toegang"
    assert HIDE_THIS not in page.html
    status, _, body = fetch(driver, server.url(wave_path(server, 0) + "/report.csv"))
    assert status == 403, f"the CSV answered {status} to a team member: {body[:200]!r}"

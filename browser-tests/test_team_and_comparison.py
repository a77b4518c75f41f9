"""The team's side of the report and the comparison between schools: the mirror of parents and team, the change
since an earlier wave, the schools side by side, and a team wave answered once by a team member.

The demo gives the first school (`schoolIDs[0]`) an earlier, closed parent wave and a team wave with 14 team answers,
so the report of `waveIDs[0]` shows the mirror "Spiegel: ouders en team" and "Wat veranderde tegenover de bevraging van …". No other
school has agreed to be named, so a lead sees the others as "Een andere school (N)".

Order matters within this file: the last test opens a new team wave for the first school, and the report mirrors the
newest team wave, which then has too few answers to show (the mirror disappears). The report test runs first.
Every page goes through `visit(name)` like the other tests: axe-core, a screenshot and the server's HTML.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import sqlite3
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from conftest import server_now
from test_parent_survey import (FACE_VALUES, OPEN_PAGE, QUESTIONS, REVIEW_PAGE, TOTAL_PAGES, answer, begin,
                                choose_language, go, language_links, on_page, progress, question, submit_review)
from test_report import sign_in_as, staff_member, wave_path
from test_staff_flow import all_css, css, h1, open_page, path_of, sign_in, sign_out, wait_for_new_page

KEYS = 12
MIRROR = {"mirror-same": "geen duidelijk verschil", "mirror-blind_spot": "blinde vlek",
          "mirror-hidden_strength": "verborgen sterkte"}
CHANGE = {"duidelijk hoger", "duidelijk lager", "geen duidelijk verschil (kan toeval zijn)"}
# A share as a school team reads it: "9 op 10", "allemaal" (10 in 10) or "niemand" (0 in 10).
TENTHS = r"(?:\d op 10|allemaal|niemand)"
SCORE = re.compile(rf"(?P<score>{TENTHS})(?: \(ergens tussen (?P<low>{TENTHS}) en (?P<high>{TENTHS})\))?")


def tenths(text: str) -> int:
    """"9 op 10" → 9, "allemaal" → 10, "niemand" → 0."""
    return {"allemaal": 10, "niemand": 0}[text] if text in ("allemaal", "niemand") else int(text.split()[0])
NO_FIGURE = "–"
TEAM_LANGUAGES = {"nl": "Nederlands", "en": "English"}
TEAM_FIRST_STATEMENT = "We begroeten elke ouder, ook wie we nog niet kennen."
DRAFT_PAGE_PATH = re.compile(r"/d/[A-Za-z0-9_-]{16,}/\d+")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


# ---------------------------------------------------------------------------------------------------------------
# helpers


def section(driver, title: str, *, starts: bool = False):
    """The `<section>` in <main> whose h2 is `title` (or starts with it)."""
    test = f"starts-with(normalize-space(), '{title}')" if starts else f"normalize-space() = '{title}'"
    found = driver.find_elements(By.XPATH, f"//main//section[h2[{test}]]")
    assert len(found) == 1, f"{len(found)} section(s) titled {title!r} on {driver.current_url}"
    return found[0]


def key_rows(table) -> list:
    """The body rows of a per-key table, checking there is one per key, in order ("1. …" to "12. …")."""
    rows = table.find_elements(By.CSS_SELECTOR, "tbody > tr")
    keys = [row.find_element(By.CSS_SELECTOR, "th[scope=row]").text for row in rows]
    assert len(rows) == KEYS, f"{len(rows)} rows, not one per key ({KEYS}): {keys}"
    for number, key in enumerate(keys, start=1):
        assert key.startswith(f"{number}. ") and len(key) > len(f"{number}. "), f"row {number} is {key!r}"
    return rows


def cells(row) -> list[str]:
    return [td.text for td in row.find_elements(By.CSS_SELECTOR, "td")]


def column_headers(table) -> list[str]:
    return [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]


def columns(table) -> list[tuple[str, tuple[str, ...]]]:
    """(header, the column's 12 cells) for every column after the key's."""
    headers = column_headers(table)[1:]
    body = [cells(row) for row in key_rows(table)]
    assert all(len(row) == len(headers) for row in body), "a row with a different number of cells"
    return [(header, tuple(row[i] for row in body)) for i, header in enumerate(headers)]


def score_or_nothing(text: str) -> int | None:
    """A cell "7 op 10 (ergens tussen 5 op 10 en 9 op 10)" → 7 (in 10), checking the share lies in its range;
    "–" (too few answers) → None."""
    if text == NO_FIGURE:
        return None
    match = SCORE.fullmatch(text)
    assert match, f"cell {text!r} is neither a share with its range nor {NO_FIGURE!r}"
    score = tenths(match["score"])
    low, high = (tenths(match["low"]), tenths(match["high"])) if match["low"] else (score, score)
    assert 0 <= low <= score <= high <= 10, f"cell {text!r}: the share is not inside its range"
    return score


def follow_link(driver, text: str, path: str) -> None:
    links = driver.find_elements(By.XPATH, f"//main//a[normalize-space() = '{text}']")
    assert len(links) == 1, f"{len(links)} link(s) {text!r} on {driver.current_url}"
    assert urlparse(links[0].get_attribute("href")).path == path, links[0].get_attribute("href")
    wait_for_new_page(driver, links[0].click)
    assert path_of(driver) == path, driver.current_url


def brussels_today() -> datetime.date:
    return server_now().astimezone(ZoneInfo("Europe/Brussels")).date()


def team_answers_in_database(server, wave_id: str) -> tuple[int, int, list[int]]:
    """(responses sent for the wave, team members recorded as having answered, faces per response). A response waits
    in the inbox until enough others join it in the report; both are counted."""
    wave_id = wave_id.upper()
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10) as db:
        responses = db.execute("SELECT COUNT(*) FROM survey_responses WHERE upper(wave_id) = ?", (wave_id,)).fetchone()[0]
        members = db.execute("SELECT COUNT(*) FROM team_participations WHERE upper(wave_id) = ?", (wave_id,)).fetchone()[0]
        faces = [n for (n,) in db.execute(
            "SELECT COUNT(a.item) FROM survey_responses r LEFT JOIN survey_answers a ON a.response_id = r.id "
            "WHERE upper(r.wave_id) = ? GROUP BY r.id", (wave_id,))]
        waiting = [json.loads(entry) for (entry,) in db.execute(
            "SELECT entry FROM survey_inbox WHERE upper(wave_id) = ?", (wave_id,))]
    return responses + len(waiting), members, faces + [len(entry["faces"]) for entry in waiting]


# ---------------------------------------------------------------------------------------------------------------
# the stories


def test_report_mirrors_team_and_shows_change_since_earlier_wave(server, driver, visit):
    report_path = wave_path(server, 0) + "/report"
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), "lead")
    open_page(driver, server, report_path)
    page = visit("report")
    assert page.status == 200
    assert h1(driver) == "Rapport van de ouderbevraging"

    # The mirror: per key the parents' score beside the team's, and what the difference means.
    mirror = section(driver, "Spiegel: ouders en team")
    table = mirror.find_element(By.CSS_SELECTOR, "table")
    assert column_headers(table)[1:] == ["Ouders", "Team", "Verschil"], column_headers(table)
    parents_now: dict[int, int] = {}
    kinds: dict[int, str] = {}
    for number, row in enumerate(key_rows(table), start=1):
        classes = [c for c in row.get_attribute("class").split() if c.startswith("mirror-")]
        assert len(classes) == 1 and classes[0] in MIRROR, f"key {number}: row classes {row.get_attribute('class')!r}"
        kinds[number] = classes[0]
        parents, team, verdict = cells(row)
        assert verdict == MIRROR[classes[0]], f"key {number} is {classes[0]} but says {verdict!r}"
        parents_score, team_score = score_or_nothing(parents), score_or_nothing(team)
        assert parents_score is not None and team_score is not None, f"key {number}: {parents!r} / {team!r}"
        parents_now[number] = parents_score
        # A blind spot: the team sees itself warmer than parents do; a hidden strength: the other way round.
        if classes[0] == "mirror-blind_spot":
            assert team_score > parents_score, f"key {number}: a blind spot with team {team} and parents {parents}"
        elif classes[0] == "mirror-hidden_strength":
            assert parents_score > team_score, f"key {number}: a hidden strength with team {team} and parents {parents}"
    assert kinds[9] == "mirror-blind_spot", f"key 9 (Aandacht voor vaders) is {kinds[9]}, not a blind spot"
    assert "mirror-hidden_strength" in kinds.values(), f"no hidden strength in the mirror: {kinds}"
    # Only the words in bold mark a difference; a row without one says so in plain text.
    for row in table.find_elements(By.CSS_SELECTOR, "tbody > tr.mirror-blind_spot, tbody > tr.mirror-hidden_strength"):
        assert row.find_elements(By.CSS_SELECTOR, "td:last-child strong"), row.get_attribute("outerHTML")

    # The change since the school's earlier parent wave, and whether it is clear or could be chance.
    changes = section(driver, "Wat veranderde tegenover de bevraging van ", starts=True)
    title = changes.find_element(By.CSS_SELECTOR, "h2").text
    assert len(title) > len("Wat veranderde tegenover de bevraging van "), f"the title {title!r} names no earlier wave"
    table = changes.find_element(By.CSS_SELECTOR, "table")
    assert column_headers(table)[1:] == ["Toen", "Nu", "Verschil"], column_headers(table)
    verdicts = set()
    for number, row in enumerate(key_rows(table), start=1):
        then, now, difference = cells(row)
        assert difference in CHANGE, f"key {number}: the last column says {difference!r}"
        verdicts.add(difference)
        assert tenths(now) == parents_now[number], f"key {number}: now {now} here, {parents_now[number]} in 10 in the mirror"
        # A clear change goes the way the shares (rounded to tenths) go, or they round alike.
        if difference == "duidelijk hoger":
            assert tenths(now) >= tenths(then), f"key {number}: {then} → {now} is not {difference!r}"
        elif difference == "duidelijk lager":
            assert tenths(now) <= tenths(then), f"key {number}: {then} → {now} is not {difference!r}"
    following = driver.execute_script(
        "return arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING", mirror, changes)
    assert following, "the change since the earlier wave comes before the mirror"


def test_coordinator_and_lead_compare_schools(server, driver, visit):
    trajectory = server.demo["trajectoryPath"]
    school_ids = [s.lower() for s in server.demo["schoolIDs"]]

    # The coordinator lands on the trajectory and follows the link to the schools side by side.
    coordinator = server.coordinator
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    assert path_of(driver) == trajectory
    visit("trajectory")
    names = {urlparse(a.get_attribute("href")).path.rsplit("/", 1)[-1]: a.text
             for a in all_css(driver, "main table tbody a[href^='/staff/schools/']")}
    assert set(names) >= set(school_ids), names
    follow_link(driver, "Scholen naast elkaar", f"{trajectory}/comparison")
    page = visit("comparison")
    assert page.status == 200
    assert h1(driver) == "Scholen naast elkaar"
    table = css(driver, "main table.compare")
    everyone = columns(table)
    # A column per school of the trajectory: the 4 of the demo, and any a test before this one added.
    assert sorted(header for header, _ in everyone) == sorted(names.values()), \
        f"columns {[h for h, _ in everyone]}, schools {sorted(names.values())}"
    by_school = {school: dict(everyone)[name] for school, name in names.items()}
    for school, column in by_school.items():
        for cell in column:
            score_or_nothing(cell)
    assert all(cell != NO_FIGURE for cell in by_school[school_ids[0]]), \
        f"the first school's 36+ answers show no figures: {by_school[school_ids[0]]}"
    assert all(cell == NO_FIGURE for cell in by_school[school_ids[1]]), \
        f"the second school's 3 answers show figures: {by_school[school_ids[1]]}"
    headings = [h.text for h in all_css(driver, "main h2")]
    assert "Sterk in de hele groep" in headings and "Van elkaar leren" in headings, headings
    sign_out(driver, visit, "coordinator-signed-out")

    # The lead of the first school sees the same figures, with only their own school named.
    lead = staff_member(server, "lead", 0)
    own = school_ids[0]
    sign_in_as(driver, server, visit, lead, "lead")
    visit("school")
    follow_link(driver, "Onze school naast de andere", f"/staff/schools/{own}/comparison")
    page = visit("school-comparison")
    assert page.status == 200
    table = css(driver, "main table.compare")
    seen = columns(table)
    headers = [header for header, _ in seen]
    assert headers.count(f"{names[own]} (jullie)") == 1, headers
    others = [header for header in headers if header != f"{names[own]} (jullie)"]
    assert len(others) == len(names) - 1, headers
    assert all(re.fullmatch(r"Een andere school \(\d+\)", header) for header in others), headers
    assert len(set(others)) == len(others), f"two other schools have the same label: {others}"
    for school, name in names.items():
        if school != own:
            assert name not in css(driver, "body").text and html.escape(name, quote=False) not in page.html, \
                f"{name!r} is named on another school's comparison"
    assert dict(seen)[f"{names[own]} (jullie)"] == by_school[own], "the own column differs from the coordinator's"
    assert sorted(column for header, column in seen if header in others) == \
        sorted(column for school, column in by_school.items() if school != own), "the other schools' figures differ from the coordinator's"
    headings = [h.text for h in all_css(driver, "main h2")]
    assert "Sterk in de hele groep" in headings and "Van elkaar leren" in headings, headings

    # A lead sees neither the whole trajectory's comparison nor another school's.
    open_page(driver, server, f"{trajectory}/comparison")
    page = visit("trajectory-comparison-forbidden")
    assert page.status == 403 and h1(driver) == "Geen toegang"
    open_page(driver, server, f"/staff/schools/{school_ids[1]}/comparison")
    page = visit("other-school-comparison-forbidden")
    assert page.status == 403 and h1(driver) == "Geen toegang"


def test_team_member_answers_team_wave_once(server, driver, visit):
    school = server.demo["schoolIDs"][0].lower()

    # The lead opens a team wave, keeping the dates offered.
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), "lead")
    visit("school")
    follow_link(driver, "Een bevraging openen", f"/staff/schools/{school}/waves/new")
    page = visit("wave-form")
    assert page.status == 200
    assert h1(driver) == "Een bevraging openen"
    opens = datetime.date.fromisoformat(css(driver, "#opens_on").get_attribute("value"))
    closes = datetime.date.fromisoformat(css(driver, "#closes_on").get_attribute("value"))
    assert abs((opens - brussels_today()).days) <= 1, f"the first day offered is {opens}, not today"
    assert closes - opens == datetime.timedelta(days=20), f"{opens} to {closes} is not 20 days"
    css(driver, "label[for='questionnaire-team-v1']").click()
    assert css(driver, "#questionnaire-team-v1").is_selected()
    assert not css(driver, "#questionnaire-parents-v1").is_selected()
    wait_for_new_page(driver, css(driver, "main form button.primary").click)
    match = re.fullmatch(rf"/staff/waves/(?P<id>{UUID})(?:\?saved=1)?", path_of(driver))
    assert match, driver.current_url
    wave_id = match["id"]
    page = visit("team-wave")
    assert page.status == 200
    assert "Het schoolteam (dezelfde sleutels, gespiegeld aan de oudervragen)" in css(driver, "main dl.facts").text
    link = css(driver, "a#open-link")
    open_link = link.get_attribute("href")
    assert re.fullmatch(re.escape(server.base_url) + r"/o/[a-z0-9]+", open_link), open_link
    assert link.text == open_link
    slug = open_link.rsplit("/", 1)[-1]
    assert team_answers_in_database(server, wave_id) == (0, 0, [])
    sign_out(driver, visit, "lead-signed-out")

    # A team member of the school opens the link: the team questionnaire is in Dutch and English only.
    member = staff_member(server, "member", 0)
    sign_in_as(driver, server, visit, member, "member")
    driver.get(open_link)
    page = visit("team-language-choice")
    assert page.status == 200
    assert language_links(driver) == TEAM_LANGUAGES
    choose_language(driver, "nl")
    page = visit("team-intro")
    assert page.status == 200
    assert h1(driver) == "Hoe werken wij samen met ouders?"
    assert css(driver, "main form button.primary").text == "Beginnen"
    token = begin(driver)

    chosen = {}
    for number in range(1, QUESTIONS + 1):
        on_page(driver, token, number)
        if number == 1:
            page = visit("team-question-1")
            assert page.status == 200
            progress(driver, 1, f"Vraag 1 van {TOTAL_PAGES}")
            assert css(driver, "main fieldset.question legend").text == TEAM_FIRST_STATEMENT
            assert not all_css(driver, "button[name=go][value=back]"), "the first question has no back button"
        if number <= 3:
            item, _ = question(driver, number)
            assert item.startswith("t_"), f"question {number} is {item!r}, not a team item"
            value = FACE_VALUES[number - 1]
            answer(driver, value)
            chosen[item] = value
        assert css(driver, "button[name=go][value=next]").text == "Volgende"
        go(driver, "next")

    on_page(driver, token, OPEN_PAGE)
    assert all_css(driver, "#text-well") and all_css(driver, "#text-help"), "no open questions after the statements"
    go(driver, "next")
    on_page(driver, token, REVIEW_PAGE)
    submit_button = driver.find_element(By.XPATH, "//main//form[contains(@action, '/submit')]//button")
    assert submit_button.text == "Versturen"
    submit_review(driver)
    assert path_of(driver) == f"/o/{slug}/thanks?lang=nl"
    page = visit("team-thanks")
    assert page.status == 200
    assert h1(driver) == "Dank je wel!"
    assert team_answers_in_database(server, wave_id) == (1, 1, [len(chosen)]), "one answer, one member recorded"

    # Once per team member: the same link again is refused at "Beginnen".
    driver.get(open_link)
    choose_language(driver, "nl")
    wait_for_new_page(driver, css(driver, "main form button.primary").click)
    page = visit("team-already")
    assert page.status == 409 and page.method == "POST", (page.status, page.method)
    assert h1(driver) == "Je antwoordde al"
    assert not DRAFT_PAGE_PATH.fullmatch(path_of(driver)), "a second draft was started"
    assert team_answers_in_database(server, wave_id) == (1, 1, [len(chosen)]), "a second answer was stored"


"""Action plans: the lead reads and works on the school's plan, prints it; the coordinator comments; a team member.

The demo gives the first school a plan (`seedPlan` in Demo.swift): growth keys 9 and 11, four actions at different
stages, and one comment of the coordinator ("Mooi begin. Vraag ook de vaders…") on the first action of key 9. The
school has two parent surveys with figures, so the plan shows what the latest report says per key and the change
since the first survey; those figures are compared with the report's own page (the parent-survey tests may have
added answers, so nothing is taken from a fixed number).

The tests below run in the order they are written and build on each other: the lead's new action (first test) is
printed (second), commented on by the coordinator (third) and seen by a team member (last). Every page goes through
`visit(name)`: axe-core, a screenshot and the server's HTML for `test_zz_html_is_valid`. The texts are the Dutch
catalog's (the browser prefers nl-BE).
"""

from __future__ import annotations

import datetime
import re
import sqlite3
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from conftest import make_driver
from test_report import fetch, sign_in_as, staff_member, wave_path
from test_staff_flow import all_css, css, field_error, fill, h1, open_page, path_of, sign_in, wait_for_new_page
from test_team_and_comparison import brussels_today, follow_link

KEY_9 = "Sleutel 9: Aandacht voor vaders"
KEY_11 = re.compile(r"Sleutel 11: .+")
COLUMNS = ["Wat doen we?", "Wie?", "Tegen wanneer?", "Stand van zaken"]
DEMO_ACTIONS = 4
DEMO_COMMENT = "Mooi begin. Vraag ook de vaders wat voor hen een goed moment is."
COORDINATOR_NAME = "Annemie Coördinator"

NEW_WHAT = "Vaders bellen voor het oudercontact"
NEW_WHO = "Juf Sarah"
COMMENT = "Goed idee, ook de mama's?"
MEMBER_WHAT = "De brugfiguur uitnodigen op het oudercontact"
MEMBER_WHO = "Meester Tom"

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
# A key's figure in the report's words: how many in 10 answers are happy, and how many parents answered.
SCORE = re.compile(r"Over de vragen van deze sleutel samen: .+ (?P<parents>\d+) ouders antwoordden op minstens één van deze vragen.*")
PROGRESS = re.compile(r"Van (?P<from>.+) naar (?P<to>.+): (?P<figures>.+)")
COMMENT_LINE = re.compile(rf"{re.escape(COORDINATOR_NAME)} \((?P<day>\d{{1,2}}) (?P<month>[a-z]+) (?P<year>\d{{4}})\): (?P<text>.+)")


# ---------------------------------------------------------------------------------------------------------------
# helpers


def long_date(day: datetime.date) -> str:
    """A day as the Dutch pages write it: "9 december 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def school_id(server, index: int = 0) -> str:
    return server.demo["schoolIDs"][index].lower()


def plan_path(server, index: int = 0) -> str:
    return f"/staff/schools/{school_id(server, index)}/plan"


def database(server):
    return sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10)


def plan_actions_count(server) -> int:
    """Every row of `plan_actions`, of any school."""
    with database(server) as db:
        return db.execute("SELECT COUNT(*) FROM plan_actions").fetchone()[0]


def actions_in_database(server, index: int = 0) -> list[dict]:
    """The actions of a school's plan, as stored."""
    with database(server) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT a.* FROM plan_actions a JOIN action_plans p ON upper(p.id) = upper(a.plan_id) "
            "WHERE upper(p.school_id) = upper(?)", (server.demo["schoolIDs"][index],)).fetchall()
    return [dict(row) for row in rows]


def action_in_database(server, what: str) -> dict:
    rows = [row for row in actions_in_database(server) if row["what"] == what]
    assert len(rows) == 1, f"{len(rows)} stored action(s) {what!r} in the first school's plan"
    return rows[0]


def comments_in_database(server, action_id: str) -> list[str]:
    with database(server) as db:
        return [text for (text,) in db.execute(
            "SELECT text FROM plan_comments WHERE upper(action_id) = upper(?) ORDER BY at", (action_id,))]


def schools_in_trajectory(server) -> dict[str, str]:
    """{school id (lower case): name} of the demo trajectory, the schools other tests added included."""
    with database(server) as db:
        return {sid.lower(): name for sid, name in db.execute(
            "SELECT id, name FROM schools WHERE upper(trajectory_id) = upper(?)", (server.demo["trajectoryID"],))}


def key_section(driver, key: int):
    sections = all_css(driver, f"main section.plan-key[aria-labelledby='plan-key-{key}']")
    assert len(sections) == 1, f"{len(sections)} section(s) for key {key}"
    return sections[0]


def action_rows(container) -> list[dict]:
    """The rows of the actions table(s) in `container`: what, note, who, due, status, comments, edit link, the row."""
    rows = []
    for table in container.find_elements(By.CSS_SELECTOR, "table.plan-table"):
        assert [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")] == COLUMNS
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = row.find_elements(By.XPATH, "./td")
            assert len(cells) == 4, row.get_attribute("outerHTML")
            paragraphs = cells[0].find_elements(By.XPATH, "./p")
            notes = [p.text for p in paragraphs if "muted" in p.get_attribute("class").split()]
            edit = cells[0].find_elements(By.XPATH, ".//a[normalize-space()='Aanpassen']")
            rows.append({
                "what": paragraphs[0].text,
                "note": notes[0] if notes else None,
                "who": cells[1].text,
                "due": cells[2].text,
                "status": cells[3].text,
                "comments": [li.text for li in cells[0].find_elements(By.CSS_SELECTOR, "ul.comments > li")],
                "edit": edit[0] if edit else None,
                "row": row,
            })
    return rows


def action_row(container, what: str) -> dict:
    rows = [row for row in action_rows(container) if row["what"] == what]
    assert len(rows) == 1, f"{len(rows)} row(s) {what!r} in the actions"
    return rows[0]


def press(driver, label: str) -> None:
    """Presses the one button in <main> with this text, waiting for the page it leads to."""
    buttons = driver.find_elements(By.XPATH, f"//main//form//button[@type='submit'][normalize-space()=\"{label}\"]")
    assert len(buttons) == 1, f"{len(buttons)} button(s) {label!r} on {driver.current_url}"
    wait_for_new_page(driver, buttons[0].click)


def set_date(driver, selector: str, day: datetime.date) -> None:
    """Fills an `<input type=date>` (its value is always yyyy-mm-dd, whatever the browser shows) as a date picker would."""
    field = css(driver, selector)
    assert field.get_attribute("type") == "date", f"{selector} is not a date input"
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, day.isoformat())
    assert field.get_attribute("value") == day.isoformat()


def radio(driver, name: str, value: str):
    return css(driver, f"main input[type=radio][name='{name}'][value='{value}']")


def choose(driver, name: str, value: str) -> None:
    """Clicks a radio button's label, as a person would: the button is chosen, and the label is its name."""
    button = radio(driver, name, value)
    radio_id = button.get_attribute("id")
    owners = driver.execute_script(
        "return [...document.querySelectorAll('[id]')].filter(e => e.id === arguments[0])"
        ".map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''))", radio_id)
    label = css(driver, f"main label[for='{radio_id}']")
    assert owners == [f"input#{radio_id}"], (
        f"the id of the radio {name}={value} is not unique: {owners} on {path_of(driver)}. Its label {label.text!r} "
        f"(for={radio_id!r}) belongs to the first of them, so clicking the label does not choose the radio "
        f"and the radio has no accessible name (it is {button.accessible_name!r})")
    label.click()
    assert button.is_selected(), f"clicking the label {label.text!r} did not choose {name}={value}"
    assert button.accessible_name == label.text, f"the radio {name}={value} is named {button.accessible_name!r}"


def error_summary(driver) -> list[tuple[str, str]]:
    """(field, message) of each line of the error summary, which is announced (role=alert)."""
    summaries = all_css(driver, "main .error-summary")
    assert len(summaries) == 1, f"{len(summaries)} error summaries"
    summary = summaries[0]
    assert summary.get_attribute("role") == "alert"
    assert summary.is_displayed()
    assert summary.find_element(By.CSS_SELECTOR, "h2").text == "Er ging iets mis. Kijk deze velden na:"
    return [(a.get_attribute("href").rsplit("#", 1)[-1], a.text) for a in summary.find_elements(By.CSS_SELECTOR, "li a")]


def report_figures(driver) -> dict:
    """From the report page: its period, the earlier survey's period, strengths, and per key score, items and change."""
    lead = css(driver, "main p.lead").text
    figures = {"period": lead.split(" · ", 1)[1], "keys": {}, "changes": {}}
    strengths = css(driver, "main section[aria-labelledby='strengths-title']")
    figures["strengths"] = [h3.text for h3 in strengths.find_elements(By.CSS_SELECTOR, "ul.cards > li > h3")]
    for block in all_css(driver, "main section[aria-labelledby='keys-title'] div.key-block"):
        items = [(li.find_element(By.CSS_SELECTOR, "p").text, li.find_element(By.CSS_SELECTOR, "p.score").text)
                 for li in block.find_elements(By.CSS_SELECTOR, "ul.items > li")]
        figures["keys"][block.find_element(By.CSS_SELECTOR, "h3").text] = {
            "score": block.find_element(By.CSS_SELECTOR, "p.score").text, "items": items}
    changes = css(driver, "main section[aria-labelledby='changes-title']")
    title = changes.find_element(By.CSS_SELECTOR, "h2").text
    figures["earlier"] = title.removeprefix("Wat veranderde tegenover de bevraging van ")
    for row in changes.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = [cell.text for cell in row.find_elements(By.XPATH, "./th|./td")]
        number, _, name = cells[0].partition(". ")
        figures["changes"][f"Sleutel {number}: {name}"] = cells[1:]
    return figures


def open_plan_from_school(driver, server, visit, person: dict, name: str) -> None:
    """Signs in and follows the school page's link "Actieplan"."""
    sign_in_as(driver, server, visit, person, name)
    assert visit(f"{name}-school").status == 200
    follow_link(driver, "Actieplan", plan_path(server))
    assert h1(driver) == "Actieplan"


# ---------------------------------------------------------------------------------------------------------------
# the stories


def test_lead_reads_the_plan_and_adds_and_changes_an_action(server, driver, visit):
    lead = staff_member(server, "lead", 0)
    stored = actions_in_database(server)
    assert len(stored) == DEMO_ACTIONS, f"the demo plan has {len(stored)} actions, not {DEMO_ACTIONS}"
    assert not [row for row in stored if row["what"] == NEW_WHAT], "the new action is there before the test adds it"

    open_plan_from_school(driver, server, visit, lead, "lead")
    page = visit("plan")
    assert page.status == 200
    lead_line = css(driver, "main p.lead a")
    assert urlparse(lead_line.get_attribute("href")).path == f"/staff/schools/{school_id(server)}"

    # The strengths stay in view.
    strengths = css(driver, "main section[aria-labelledby='plan-strengths']")
    assert strengths.find_element(By.CSS_SELECTOR, "h2").text == "Onze sterktes (die houden we vast)"
    strength_items = [li.text for li in strengths.find_elements(By.CSS_SELECTOR, "li")]
    assert strength_items, "no strengths listed"

    # Per key: what the report says, the change since the first survey, the actions.
    headings = [s.find_element(By.CSS_SELECTOR, "h2").text for s in all_css(driver, "main section.plan-key")]
    assert len(headings) == 2 and headings[0] == KEY_9 and KEY_11.fullmatch(headings[1]), headings
    plan = {}
    for key, heading in ((9, headings[0]), (11, headings[1])):
        section = key_section(driver, key)
        evidence = section.find_element(By.CSS_SELECTOR, "div.evidence")
        title = evidence.find_element(By.CSS_SELECTOR, "h3").text
        match = re.fullmatch(r"Wat het rapport zegt \((.+)\)", title)
        assert match, f"key {key}: {title!r}"
        score = evidence.find_element(By.CSS_SELECTOR, "p.score").text
        numbers = SCORE.fullmatch(score)
        assert numbers, f"key {key}: score line {score!r}"
        assert int(numbers["parents"]) >= 5, f"key {key}: a figure of fewer parents than the smallest group: {score!r}"
        items = [(li.find_element(By.CSS_SELECTOR, "p:not(.score)").text, li.find_element(By.CSS_SELECTOR, "p.score").text)
                 for li in evidence.find_elements(By.CSS_SELECTOR, "ul.items > li")]
        assert items, f"key {key}: no statements"
        progress = section.find_elements(By.CSS_SELECTOR, "p.progress-line")
        assert len(progress) == 1, f"key {key}: {len(progress)} progress line(s), the demo has two parent surveys"
        progress_match = PROGRESS.fullmatch(progress[0].text)
        assert progress_match, f"key {key}: {progress[0].text!r}"
        assert "Acties" in [h3.text for h3 in section.find_elements(By.XPATH, "./h3")]
        rows = action_rows(section)
        assert rows, f"key {key}: no actions table"
        plan[heading] = {"period": match.group(1), "score": score, "items": items, "progress": progress_match, "rows": rows}

    # The demo's actions, each under its key, with the coordinator's comment under its action.
    shown = {heading: {row["what"] for row in data["rows"]} for heading, data in plan.items()}
    assert shown == {heading: {row["what"] for row in stored if row["key"] == key}
                     for heading, key in zip(headings, (9, 11))}, shown
    commented_in_database = [row["what"] for row in stored if comments_in_database(server, row["id"]) == [DEMO_COMMENT]]
    assert len(commented_in_database) == 1 and action_in_database(server, commented_in_database[0])["key"] == 9
    commented = {heading: [(row["what"], row["comments"]) for row in data["rows"] if row["comments"]] for heading, data in plan.items()}
    assert commented[headings[1]] == [], commented
    assert len(commented[headings[0]]) == 1 and commented[headings[0]][0][0] == commented_in_database[0], commented
    comment = COMMENT_LINE.fullmatch(commented[headings[0]][0][1][0])
    assert comment and comment["text"] == DEMO_COMMENT, commented
    for data in plan.values():
        for row in data["rows"]:
            stored_row = action_in_database(server, row["what"])
            assert row["who"] == stored_row["who"]
            assert row["due"] == long_date(datetime.date.fromisoformat(stored_row["due_on"]))
            assert row["status"] == {"planned": "gepland", "busy": "bezig", "done": "klaar", "dropped": "geschrapt"}[stored_row["status"]]
            assert row["note"] == stored_row["note"]
            assert row["edit"] is not None, f"the lead cannot change {row['what']!r}"

    # The figures are the report's: the latest survey per key, the change since the first one, the strengths.
    open_page(driver, server, wave_path(server, 0) + "/report")
    assert visit("report").status == 200
    report = report_figures(driver)
    assert strength_items == [s.removeprefix("Sleutel ").replace(": ", ". ", 1) for s in report["strengths"]]
    for heading, data in plan.items():
        assert data["period"] == report["period"], f"{heading}: the plan cites {data['period']}, the report is of {report['period']}"
        assert data["score"] == report["keys"][heading]["score"], heading
        assert data["items"] == report["keys"][heading]["items"], heading
        before, now, change = report["changes"][heading]
        assert data["progress"]["from"] == report["earlier"] and data["progress"]["to"] == report["period"]
        assert data["progress"]["figures"] == f"{before} → {now} ({change})", heading
    follow_link(driver, "Naar het actieplan", plan_path(server))

    # A new action with mistakes: no key, nobody, no date. Refused, the errors listed, what was typed kept.
    before = plan_actions_count(server)
    assert css(driver, "main section[aria-labelledby='plan-new'] h2").text == "Nieuwe actie"
    assert not any(r.is_selected() for r in all_css(driver, "main input[type=radio][name=key]")), "a key is chosen beforehand"
    assert css(driver, "#status-planned").is_selected(), "a new action is 'gepland' by default"
    fill(driver, "#what", NEW_WHAT)
    assert css(driver, "#due_on").get_attribute("value") == ""
    press(driver, "Actie toevoegen")
    page = visit("plan-action-errors")
    assert page.status == 422 and page.method == "POST"
    assert path_of(driver) == f"{plan_path(server)}/actions"
    assert error_summary(driver) == [("key", "Kies een van de sleutels van het plan."), ("who", "Vul dit in."),
                                     ("due_on", "Vul dit in.")]
    assert field_error(driver, "who") == "Vul dit in."
    assert field_error(driver, "due_on") == "Vul dit in."
    assert field_error(driver, "key") == "Kies een van de sleutels van het plan."
    assert css(driver, "#who").get_attribute("aria-invalid") == "true"
    assert css(driver, "#what").get_attribute("value") == NEW_WHAT, "the typed action was lost"
    assert css(driver, "#status-planned").is_selected()
    assert not all_css(driver, "main .notice.success")
    assert plan_actions_count(server) == before, "a refused action was stored"

    # Now right: key 9, who, a date four weeks ahead, "gepland".
    due = brussels_today() + datetime.timedelta(days=28)
    choose(driver, "key", "9")
    fill(driver, "#who", NEW_WHO)
    set_date(driver, "#due_on", due)
    choose(driver, "status", "planned")
    press(driver, "Actie toevoegen")
    assert path_of(driver) == f"{plan_path(server)}?saved=action"
    page = visit("plan-action-saved")
    assert page.status == 200
    notice = css(driver, "main .notice.success")
    assert notice.text == "De actie is bewaard." and notice.get_attribute("role") == "status"
    assert plan_actions_count(server) == before + 1
    saved = action_in_database(server, NEW_WHAT)
    assert (saved["key"], saved["who"], saved["due_on"], saved["status"], saved["note"]) == (9, NEW_WHO, due.isoformat(), "planned", None)
    row = action_row(key_section(driver, 9), NEW_WHAT)
    assert (row["who"], row["due"], row["status"], row["comments"]) == (NEW_WHO, long_date(due), "gepland", [])
    assert not [r for r in action_rows(key_section(driver, 11)) if r["what"] == NEW_WHAT]
    assert css(driver, "#what").get_attribute("value") == "", "the form still holds the saved action"

    # Changed: done.
    edit = row["edit"]
    assert edit.get_attribute("aria-label") == f"Actie aanpassen: {NEW_WHAT}"
    edit_path = f"/staff/plan-actions/{saved['id'].lower()}/edit"
    assert urlparse(edit.get_attribute("href")).path == edit_path
    wait_for_new_page(driver, edit.click)
    assert path_of(driver) == edit_path
    page = visit("plan-action-edit")
    assert page.status == 200
    assert h1(driver) == "Actie aanpassen"
    assert radio(driver, "key", "9").is_selected() and not radio(driver, "key", "11").is_selected()
    assert css(driver, "#what").get_attribute("value") == NEW_WHAT
    assert css(driver, "#who").get_attribute("value") == NEW_WHO
    assert css(driver, "#due_on").get_attribute("value") == due.isoformat()
    assert css(driver, "#status-planned").is_selected()
    choose(driver, "status", "done")
    press(driver, "Actie bewaren")
    assert path_of(driver) == f"{plan_path(server)}?saved=action"
    page = visit("plan-action-changed")
    assert page.status == 200
    assert css(driver, "main .notice.success").text == "De actie is bewaard."
    assert action_row(key_section(driver, 9), NEW_WHAT)["status"] == "klaar"
    assert action_in_database(server, NEW_WHAT)["status"] == "done"
    assert plan_actions_count(server) == before + 1, "changing an action added one"


def test_lead_prints_the_plan_and_exports_it(server, driver, visit):
    stored = actions_in_database(server)
    if not [row for row in stored if row["what"] == NEW_WHAT]:
        pytest.fail("the lead's new action is not in the database: run the whole module, the lead's test comes first")
    open_plan_from_school(driver, server, visit, staff_member(server, "lead", 0), "lead")
    assert visit("plan").status == 200
    follow_link(driver, "Afdrukken (A4)", f"{plan_path(server)}/print")
    page = visit("plan-print")
    assert page.status == 200
    assert h1(driver) == "Actieplan · Basisschool De Regenboog"

    # Nothing to fill in or press on paper.
    assert not all_css(driver, "form, input, textarea, select, button"), "the printed plan has a form"
    assert not driver.find_elements(By.XPATH, "//a[normalize-space()='Aanpassen']")
    assert "<form" not in page.html

    # Every action of the plan, with its status, under its key.
    for key in (9, 11):
        rows = {row["what"]: row["status"] for row in action_rows(key_section(driver, key))}
        assert set(rows) == {row["what"] for row in stored if row["key"] == key}, f"key {key}: {sorted(rows)}"
    assert action_row(key_section(driver, 9), NEW_WHAT)["status"] == "klaar"
    assert COORDINATOR_NAME in css(driver, "main").text, "the coordinator's comment is not printed"

    # On paper (A4), the hint about printing is not printed.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return matchMedia('print').matches"), "print media is not emulated"
        page = visit("plan-print-media")
        assert page.status == 200
        hints = all_css(driver, "main .screen-only")
        assert hints and not any(hint.is_displayed() for hint in hints), "the hint about printing is printed"
        assert all(table.is_displayed() for table in all_css(driver, "main table.plan-table"))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # The CSV (linked from the plan): a line per action.
    open_page(driver, server, plan_path(server))
    link = driver.find_element(By.LINK_TEXT, "Exporteren (CSV)")
    assert urlparse(link.get_attribute("href")).path == f"{plan_path(server)}.csv"
    status, headers, body = fetch(driver, link.get_attribute("href"))
    assert status == 200, body[:300]
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    assert content_type.split(";")[0].strip() == "text/csv", content_type
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "key,what,who,due_on,status,note"
    assert len(lines) == 1 + len(stored)
    assert f"9,{NEW_WHAT},{NEW_WHO},{action_in_database(server, NEW_WHAT)['due_on']},done," in lines


def test_coordinator_comments_on_an_action_and_the_lead_reads_it(server, driver, visit):
    new = [row for row in actions_in_database(server) if row["what"] == NEW_WHAT]
    if not new:
        pytest.fail("the lead's new action is not in the database: run the whole module, the lead's test comes first")
    assert comments_in_database(server, new[0]["id"]) == []

    # The lead has the plan open.
    lead = make_driver()
    try:
        open_plan_from_school(lead, server, lambda name: visit(name, lead), staff_member(server, "lead", 0), "lead")
        assert visit("lead-plan", lead).status == 200
        assert action_row(key_section(lead, 9), NEW_WHAT)["comments"] == []

        # The coordinator goes from the trajectory to every school's plan.
        coordinator = server.coordinator
        sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
        assert path_of(driver) == server.demo["trajectoryPath"]
        assert visit("trajectory").status == 200
        plans_path = f"{server.demo['trajectoryPath']}/plans"
        follow_link(driver, "Actieplannen van alle scholen", plans_path)
        page = visit("plans")
        assert page.status == 200
        assert h1(driver) == "Actieplannen van de scholen"

        schools = schools_in_trajectory(server)
        sections = {}
        for section in all_css(driver, "main section[aria-labelledby^='plan-']"):
            heading = section.find_element(By.CSS_SELECTOR, "h2")
            assert heading.get_attribute("id") == section.get_attribute("aria-labelledby")
            link = heading.find_element(By.CSS_SELECTOR, "a")
            sid = urlparse(link.get_attribute("href")).path.removeprefix("/staff/schools/").removesuffix("/plan")
            assert link.text == schools.get(sid), f"{link.text!r} links to the plan of {sid}"
            sections[sid] = section
        assert set(sections) == set(schools), "not one section per school of the trajectory"
        no_plan = [sid for sid, section in sections.items()
                   if [p.text for p in section.find_elements(By.CSS_SELECTOR, "p.muted")] == ["Deze school koos nog geen sleutels."]]
        assert sorted(no_plan) == sorted(sid for sid in schools if sid != school_id(server)), "only the first school has a plan"
        assert len([sid for sid in no_plan if sid in {s.lower() for s in server.demo["schoolIDs"]}]) == 3

        first = sections[school_id(server)]
        keys_line = [p.text for p in first.find_elements(By.XPATH, "./p")]
        assert len(keys_line) == 1 and keys_line[0].startswith("Sleutels waarop we groeien: 9. Aandacht voor vaders; 11. "), keys_line
        rows = action_rows(first)
        assert sorted(row["what"] for row in rows) == sorted(row["what"] for row in actions_in_database(server))
        assert not any(row["edit"] for row in rows), "the coordinator is offered to change a school's action"
        row = action_row(first, NEW_WHAT)
        assert (row["who"], row["status"]) == (NEW_WHO, "klaar")
        assert [r for r in rows if r["comments"]], "the demo's comment is not shown"

        # A comment on the new action.
        form = row["row"].find_element(By.CSS_SELECTOR, "form.comment-form")
        field = form.find_element(By.CSS_SELECTOR, "textarea")
        label = form.find_element(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']")
        assert label.text == "Opmerking van de begeleider"
        field.send_keys(COMMENT)
        button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
        assert button.text == "Opmerking plaatsen"
        wait_for_new_page(driver, button.click)
        # Back on the overview, at the school's plan.
        assert path_of(driver) == f"{plans_path}?saved=comment"
        page = visit("plans-comment-saved")
        assert page.status == 200
        assert css(driver, "main .notice.success").text == "De opmerking is geplaatst."
        assert comments_in_database(server, new[0]["id"]) == [COMMENT]
        # The coordinator coaches, and does not change the plan.
        assert not all_css(driver, "#what") and not driver.find_elements(By.XPATH, "//main//button[normalize-space()='Sleutels bewaren']")

        # The lead reloads the plan and reads it under the action.
        lead.refresh()
        assert visit("lead-plan-with-comment", lead).status == 200
        comments = action_row(key_section(lead, 9), NEW_WHAT)["comments"]
        assert len(comments) == 1, comments
        line = COMMENT_LINE.fullmatch(comments[0])
        assert line and line["text"] == COMMENT, comments[0]
        day = datetime.date(int(line["year"]), MONTHS.index(line["month"]) + 1, int(line["day"]))
        assert abs((day - brussels_today()).days) <= 1, comments[0]
    finally:
        lead.quit()


def test_team_member_reads_the_plan_without_the_report_and_adds_an_action(server, driver, visit):
    if not [row for row in actions_in_database(server) if row["what"] == NEW_WHAT]:
        pytest.fail("the lead's new action is not in the database: run the whole module, the lead's test comes first")
    member = staff_member(server, "member", 0)
    open_plan_from_school(driver, server, visit, member, "member")
    page = visit("member-plan")
    assert page.status == 200

    # The keys and the actions, with the coordinator's comments ...
    assert css(driver, "main section[aria-labelledby='plan-strengths'] h2").text == "Onze sterktes (die houden we vast)"
    assert key_section(driver, 9).find_element(By.CSS_SELECTOR, "h2").text == KEY_9
    assert KEY_11.fullmatch(key_section(driver, 11).find_element(By.CSS_SELECTOR, "h2").text)
    row = action_row(key_section(driver, 9), NEW_WHAT)
    assert row["status"] == "klaar" and len(row["comments"]) == 1 and row["comments"][0].endswith(COMMENT)
    # ... but not the report: no figures, no statements, no parents' answers, no change since the first survey.
    text = css(driver, "main").text
    assert "Wat het rapport zegt" not in text, "a team member reads the report's figures"
    assert not all_css(driver, "main div.evidence, main p.progress-line, main p.score")
    assert not all_css(driver, "main section[aria-labelledby='plan-help']"), "a team member reads parents' answers from the report"
    assert "Dat ze ook de papa aanspreken." not in page.html
    assert "De school praat ook met de vader of de andere ouder." not in page.html
    # The lead chooses the keys, not the team.
    assert not driver.find_elements(By.XPATH, "//main//button[normalize-space()='Sleutels bewaren']")
    assert not all_css(driver, "main input[name='keys[]']")

    # A team member may add an action.
    before = plan_actions_count(server)
    due = brussels_today() + datetime.timedelta(days=35)
    choose(driver, "key", "11")
    fill(driver, "#what", MEMBER_WHAT)
    fill(driver, "#who", MEMBER_WHO)
    set_date(driver, "#due_on", due)
    press(driver, "Actie toevoegen")
    assert path_of(driver) == f"{plan_path(server)}?saved=action"
    page = visit("member-plan-action-saved")
    assert page.status == 200
    assert css(driver, "main .notice.success").text == "De actie is bewaard."
    assert plan_actions_count(server) == before + 1
    row = action_row(key_section(driver, 11), MEMBER_WHAT)
    assert (row["who"], row["due"], row["status"]) == (MEMBER_WHO, long_date(due), "gepland")
    saved = action_in_database(server, MEMBER_WHAT)
    assert (saved["key"], saved["status"]) == (11, "planned")

"""The trajectory's workshop and sessions: school staff register (with colleagues, or on the waiting list), the
meeting link and the calendar file; the coordinator plans them and reads who comes.

The demo plans two events in the demo trajectory (`seedEvents` in Demo.swift): the kick-off workshop on 9 September
2026 (over, with notes, slides and a recording; every demo person of the first school registered with 2 colleagues;
`workshopPath`) and a session on 3 December 2026, 13:30–16:00 Brussels time, with only 4 places (`eventPath`). The
tests sign in as the second school's lead and member, so the first school's people, whom other tests use, are left
as they were; the places left are read from the page, not taken as fixed.

The tests below run in the order they are written and build on each other: the lead's registration (first test) is
what fills the session for the member (second), who ends on the waiting list and moves up when the lead cancels; the
second test cancels every registration the module made. Every page goes through `visit(name)`: axe-core, a
screenshot and the server's HTML for `test_zz_html_is_valid`. The texts are the Dutch catalog's (the browser prefers
nl-BE).
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from conftest import make_driver
from test_plan import database, error_summary, press, set_date
from test_report import fetch, sign_in_as, staff_member
from test_staff_flow import all_css, assert_no_alert, css, field_error, fill, h1, open_page, path_of, sign_in
from test_team_and_comparison import brussels_today, follow_link

KICKOFF = "Kick-off: warme partnerschappen met ouders"
KICKOFF_WHEN = "9 september 2026, 19:00–21:30 (Brusselse tijd, CEST)"
KICKOFF_NOTES = "Dank aan alle scholen. De volgende stap: elke school start met de ouderbevraging."
KICKOFF_SLIDES = "https://example.org/samenspraak/kickoff-slides.pdf"
KICKOFF_RECORDING = "https://example.org/samenspraak/kickoff-opname"
SESSION = "Terugkomdag: van rapport naar actieplan"
SESSION_WHEN = "3 december 2026, 13:30–16:00 (Brusselse tijd, CET)"
SESSION_DESCRIPTION = "We lezen samen de rapporten en kiezen groeikansen voor het actieplan."
SESSION_PROGRAMME = ["13:30 Wat zeggen de rapporten?", "14:30 Verhalen van andere scholen", "15:15 Aan de slag met het actieplan"]
SESSION_MEETING = "https://meet.example.org/samenspraak-terugkomdag"
SESSION_CAPACITY = 4
FIRST_SCHOOL = "Basisschool De Regenboog"

PAST = "Deze bijeenkomst is voorbij."
PLACES = re.compile(r"Nog (?P<free>\d+) van de (?P<capacity>\d+) plaatsen vrij\.")
REGISTERED_NOTICE = "Je bent ingeschreven. De link naar de bijeenkomst staat nu op deze pagina en in het agendabestand."
WAITING_NOTICE = "Je staat op de wachtlijst."
CANCELLED_NOTICE = "Je bent uitgeschreven."
FULL_ERROR = "Het is volzet: er is niet genoeg plaats. Je kan je op de wachtlijst zetten."
COLLEAGUES_ERROR = "Geef een aantal collega's van 0 tot 20."
FULL_HINT = "Het is volzet. Je kan op de wachtlijst."
CALENDAR_LINK = "In mijn agenda zetten (.ics)"

NEW_TITLE = "Browsertest: avond met de oudervereniging"
HOSTILE_URL = "javascript:alert(1)"


# ---------------------------------------------------------------------------------------------------------------
# helpers


def you_registered(colleagues: int) -> str:
    return f"Je bent ingeschreven, met {colleagues} collega's."


def you_wait(colleagues: int) -> str:
    return f"Je staat op de wachtlijst, met {colleagues} collega's. Komt er plaats vrij, dan schuif je vanzelf door."


def event_id(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def registrations(server, path: str) -> dict[str, dict]:
    """{email: {name, colleagues, status, school}} of the registrations for the event at `path`, as stored; the name
    as pages show it (someone who left the team is marked "oud-teamlid")."""
    with database(server) as db:
        rows = db.execute(
            "SELECT u.email, u.name, u.deactivated_at IS NOT NULL, r.colleagues, r.status, s.name FROM event_registrations r "
            "JOIN users u ON upper(u.id) = upper(r.user_id) LEFT JOIN schools s ON upper(s.id) = upper(r.school_id) "
            "WHERE upper(r.event_id) = upper(?) ORDER BY r.created_at", (event_id(path),)).fetchall()
    return {email: {"name": f"{name} (oud-teamlid)" if former else name, "colleagues": colleagues, "status": status,
                    "school": school}
            for email, name, former, colleagues, status, school in rows}


def registration_count(server) -> int:
    """Every row of `event_registrations`, of any event."""
    with database(server) as db:
        return db.execute("SELECT COUNT(*) FROM event_registrations").fetchone()[0]


def events_count(server) -> int:
    with database(server) as db:
        return db.execute("SELECT COUNT(*) FROM trajectory_events").fetchone()[0]


def events_in_database(server) -> list[tuple[str, str]]:
    """(id in lower case, title) of the demo trajectory's events, in the order of the day and the hour."""
    with database(server) as db:
        return [(eid.lower(), title) for eid, title in db.execute(
            "SELECT id, title FROM trajectory_events WHERE upper(trajectory_id) = upper(?) ORDER BY day, starts",
            (server.demo["trajectoryID"],))]


def trajectory_name(server) -> str:
    with database(server) as db:
        return db.execute("SELECT name FROM trajectories WHERE upper(id) = upper(?)", (server.demo["trajectoryID"],)).fetchone()[0]


def register_section(driver):
    sections = all_css(driver, "main section[aria-labelledby='register']")
    assert len(sections) == 1, f"{len(sections)} registration section(s) on {path_of(driver)}"
    assert sections[0].find_element(By.CSS_SELECTOR, "h2").text == "Inschrijven"
    return sections[0]


def free_places(driver) -> int:
    """The places left, as the registration section says them ("Nog 2 van de 4 plaatsen vrij.")."""
    lines = [p.text for p in register_section(driver).find_elements(By.XPATH, "./p") if PLACES.fullmatch(p.text)]
    assert len(lines) == 1, f"no line with the places left on {path_of(driver)}"
    match = PLACES.fullmatch(lines[0])
    assert int(match["capacity"]) == SESSION_CAPACITY, lines[0]
    return int(match["free"])


def my_status(driver) -> list[str]:
    """The bold lines of the registration section: "Je bent ingeschreven, met …" or "Je staat op de wachtlijst, …"."""
    return [strong.text for strong in register_section(driver).find_elements(By.XPATH, "./p/strong")]


def buttons(driver) -> list[str]:
    """The submit buttons in <main>."""
    return [button.text for button in all_css(driver, "main form button[type=submit]")]


def notice(driver, kind: str) -> str | None:
    notices = all_css(driver, f"main .notice.{kind}")
    assert len(notices) <= 1, f"{len(notices)} {kind} notices"
    if not notices:
        return None
    assert notices[0].get_attribute("role") == ("alert" if kind == "error" else "status")
    return notices[0].text


def meeting_links(driver) -> list[str]:
    return [a.get_attribute("href") for a in all_css(driver, "main a[href*='meet.example.org']")]


def open_event_from_list(driver, title: str, path: str) -> None:
    link = driver.find_element(By.XPATH, f"//main//ul[contains(@class,'cards')]/li/h2/a[normalize-space()='{title}']")
    assert urlparse(link.get_attribute("href")).path == path
    follow_link(driver, title, path)
    assert h1(driver) == title


def open_events_as(driver, server, visit, person: dict, name: str) -> None:
    """Signs in and follows the school page's link to the trajectory's workshop and sessions."""
    sign_in_as(driver, server, visit, person, name)
    assert visit(f"{name}-school").status == 200
    follow_link(driver, "Workshop en bijeenkomsten van het traject", "/staff/events")
    assert h1(driver) == "Workshop en bijeenkomsten"


def set_time(driver, selector: str, value: str) -> None:
    """Fills an `<input type=time>` (its value is always HH:MM) as a time picker would."""
    field = css(driver, selector)
    assert field.get_attribute("type") == "time", f"{selector} is not a time input"
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, value)
    assert field.get_attribute("value") == value


def unescape_text(value: str) -> str:
    """An iCalendar TEXT value as written (RFC 5545, 3.3.11)."""
    out, index = [], 0
    while index < len(value):
        ch = value[index]
        if ch == "\\" and index + 1 < len(value):
            nxt = value[index + 1]
            out.append("\n" if nxt in "nN" else nxt)
            index += 2
        else:
            out.append(ch)
            index += 1
    return "".join(out)


def calendar(driver, server, path: str) -> dict[str, list[str]]:
    """Fetches the event's .ics (the link on its page, with the browser's cookies), checks it is well formed
    (CRLF line ends, physical lines at most 75 octets, one VEVENT) and returns {property: [values]} of the VEVENT."""
    links = driver.find_elements(By.XPATH, f"//main//a[normalize-space()='{CALENDAR_LINK}']")
    assert len(links) == 1, f"{len(links)} link(s) {CALENDAR_LINK!r}"
    href = links[0].get_attribute("href")
    assert urlparse(href).path == f"{path}/event.ics", href
    assert links[0].get_attribute("type") == "text/calendar"
    status, headers, body = fetch(driver, href)
    assert status == 200, body[:300]
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    assert content_type == "text/calendar; charset=utf-8", content_type

    # Physical lines: each ends with CRLF (no bare CR or LF) and has at most 75 octets.
    assert body.endswith(b"\r\n"), "the file does not end with CRLF"
    physical = body.split(b"\r\n")[:-1]
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, f"a line not ended by CRLF: {line!r}"
        assert len(line) <= 75, f"a line of {len(line)} octets: {line!r}"
    assert any(line.startswith(b" ") for line in physical), "no folded line (the description is long)"

    # Content lines: unfolded (CRLF followed by a space).
    lines = body.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR", lines
    assert "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1, lines
    inside = lines[lines.index("BEGIN:VEVENT") + 1:lines.index("END:VEVENT")]
    properties: dict[str, list[str]] = {}
    for line in inside:
        name, separator, value = line.partition(":")
        assert separator, f"not a content line: {line!r}"
        properties.setdefault(name, []).append(value)
    return properties


# ---------------------------------------------------------------------------------------------------------------
# the stories


def test_lead_registers_for_a_session_and_downloads_the_calendar_file(server, driver, visit):
    lead = staff_member(server, "lead", 1)
    session_path, workshop_path = server.demo["eventPath"], server.demo["workshopPath"]
    assert lead["email"] not in registrations(server, session_path), "the lead is registered before the test registers"

    open_events_as(driver, server, visit, lead, "lead")
    page = visit("events")
    assert page.status == 200
    assert css(driver, "main p.lead").text == trajectory_name(server)
    assert not driver.find_elements(By.XPATH, "//main//a[normalize-space()='Nieuwe bijeenkomst']"), "a lead may plan events"

    # Both demo events, in the order of their day, each with when it is; the kick-off is over.
    cards = all_css(driver, "main ul.cards > li")
    shown = [(urlparse(li.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href")).path.rsplit("/", 1)[-1],
              li.find_element(By.CSS_SELECTOR, "h2 a").text) for li in cards]
    assert shown == events_in_database(server), shown
    by_title = {li.find_element(By.CSS_SELECTOR, "h2 a").text: [p.text for p in li.find_elements(By.XPATH, "./p")] for li in cards}
    assert by_title[KICKOFF] == [KICKOFF_WHEN, PAST], by_title[KICKOFF]
    assert by_title[SESSION] == [SESSION_WHEN], by_title[SESSION]
    assert [title for _, title in shown].index(KICKOFF) < [title for _, title in shown].index(SESSION)

    # The kick-off: over, its notes and links for everyone; no registering, no meeting link for someone not registered.
    open_event_from_list(driver, KICKOFF, workshop_path)
    page = visit("kickoff")
    assert page.status == 200
    assert css(driver, "main p.lead").text == KICKOFF_WHEN
    afterwards = css(driver, "main section[aria-labelledby='afterwards']")
    assert afterwards.find_element(By.CSS_SELECTOR, "h2").text == "Achteraf: notities en links"
    assert KICKOFF_NOTES in afterwards.text
    assert [p.text for p in register_section(driver).find_elements(By.XPATH, "./p")][-1] == PAST
    assert buttons(driver) == [], "a past event can be registered for"
    assert "meet.example.org" not in page.html, "the meeting link is shown to someone not registered"
    assert not all_css(driver, "main section[aria-labelledby='who-comes']"), "a lead sees who comes from every school"
    open_page(driver, server, "/staff/events")
    assert visit("events-again").status == 200

    # The December session: no meeting link before registering; the places left; the programme.
    open_event_from_list(driver, SESSION, session_path)
    page = visit("session")
    assert page.status == 200
    assert css(driver, "main p.lead").text == SESSION_WHEN
    assert "meet.example.org" not in page.html, "the meeting link is on the page before registering"
    assert not meeting_links(driver)
    assert [li.text for li in all_css(driver, "main section[aria-labelledby='programme'] ol > li")] == SESSION_PROGRAMME
    assert css(driver, "main section[aria-labelledby='programme'] h2").text == "Programma"
    free = free_places(driver)
    assert free >= 2, f"only {free} place(s) left on the session: the lead cannot come with a colleague"
    assert my_status(driver) == []
    assert buttons(driver) == ["Inschrijven"]
    label = css(driver, "main label[for='colleagues']")
    assert label.text == "Aantal collega's dat meekomt"
    assert css(driver, "#colleagues").get_attribute("value") == "0"

    # 21 colleagues: refused, nothing stored, the number kept.
    before = registration_count(server)
    fill(driver, "#colleagues", "21")
    press(driver, "Inschrijven")
    page = visit("session-too-many-colleagues")
    assert (page.method, page.status) == ("POST", 422)
    assert path_of(driver) == f"{session_path}/registration"
    assert notice(driver, "error") == COLLEAGUES_ERROR
    assert notice(driver, "success") is None
    assert css(driver, "#colleagues").get_attribute("value") == "21", "the typed number was lost"
    assert registration_count(server) == before, "a refused registration was stored"
    assert "meet.example.org" not in page.html
    assert free_places(driver) == free

    # 1 colleague: registered; the meeting link is on the page now.
    fill(driver, "#colleagues", "1")
    press(driver, "Inschrijven")
    assert path_of(driver) == f"{session_path}?saved=registered"
    page = visit("session-registered")
    assert page.status == 200
    assert notice(driver, "success") == REGISTERED_NOTICE
    assert notice(driver, "error") is None
    assert meeting_links(driver) == [SESSION_MEETING]
    assert css(driver, "main p.secret").text == f"Link naar de online bijeenkomst: {SESSION_MEETING}"
    assert my_status(driver) == [you_registered(1)]
    assert free_places(driver) == free - 2
    assert buttons(driver) == ["Uitschrijven"], "the registration form is still offered"
    assert registration_count(server) == before + 1
    stored = registrations(server, session_path)[lead["email"]]
    assert (stored["colleagues"], stored["status"], stored["school"]) == (1, "registered", "Kleuterschool Het Klavertje"), stored

    # The calendar file: the session in UTC, its title and the meeting link.
    properties = calendar(driver, server, session_path)
    assert properties["DTSTART"] == ["20261203T123000Z"], properties.get("DTSTART")
    assert properties["DTEND"] == ["20261203T150000Z"], properties.get("DTEND")
    assert properties["SUMMARY"] == [SESSION], properties.get("SUMMARY")
    assert properties["URL"] == [SESSION_MEETING], properties.get("URL")
    assert properties["UID"] == [f"{event_id(session_path)}@samenspraak"], properties.get("UID")
    assert len(properties["DTSTAMP"]) == 1 and re.fullmatch(r"\d{8}T\d{6}Z", properties["DTSTAMP"][0])
    description = unescape_text(properties["DESCRIPTION"][0])
    assert description == SESSION_DESCRIPTION + "\n\n" + "\n".join(SESSION_PROGRAMME), description


def test_member_is_refused_when_full_waits_and_moves_up(server, driver, visit):
    lead, member = staff_member(server, "lead", 1), staff_member(server, "member", 1)
    session_path = server.demo["eventPath"]
    if registrations(server, session_path).get(lead["email"], {}).get("status") != "registered":
        pytest.fail("the lead is not registered for the session: run the whole module, the lead's test comes first")
    assert member["email"] not in registrations(server, session_path)

    lead_browser = make_driver()
    try:
        def lead_visit(name):
            return visit(name, lead_browser)

        # The member opens the session the lead registered for.
        open_events_as(driver, server, visit, member, "member")
        assert visit("events").status == 200
        open_event_from_list(driver, SESSION, session_path)
        page = visit("session")
        assert page.status == 200
        assert "meet.example.org" not in page.html
        free = free_places(driver)
        assert 1 <= free < SESSION_CAPACITY, f"{free} place(s) left after the lead registered"
        assert buttons(driver) == ["Inschrijven"]

        # Asking for more places than are left (themselves and `free` colleagues): refused, nothing stored.
        before = registration_count(server)
        fill(driver, "#colleagues", str(free))
        press(driver, "Inschrijven")
        page = visit("session-not-enough-places")
        assert (page.method, page.status) == ("POST", 409)
        assert notice(driver, "error") == FULL_ERROR
        assert registration_count(server) == before, "a refused registration was stored"
        assert member["email"] not in registrations(server, session_path)
        assert css(driver, "#colleagues").get_attribute("value") == str(free), "the typed number was lost"
        assert free_places(driver) == free
        assert "meet.example.org" not in page.html
        # Places are left, so registering with fewer colleagues stays possible. (The page offers "Op de wachtlijst"
        # only when no place is left, although the refusal says one can go on the waiting list.)
        assert "Inschrijven" in buttons(driver), buttons(driver)

        # The lead comes back with more colleagues, and so fills the session.
        sign_in_as(lead_browser, server, lead_visit, lead, "lead")
        assert lead_visit("lead-school").status == 200
        open_page(lead_browser, server, session_path)
        assert lead_visit("lead-session").status == 200
        assert my_status(lead_browser) == [you_registered(1)]
        press(lead_browser, "Uitschrijven")
        assert path_of(lead_browser) == f"{session_path}?saved=cancelled"
        assert lead_visit("lead-session-cancelled").status == 200
        assert notice(lead_browser, "success") == CANCELLED_NOTICE
        assert lead["email"] not in registrations(server, session_path)
        assert not meeting_links(lead_browser), "the meeting link stays after cancelling"
        all_free = free_places(lead_browser)
        assert all_free == free + 2
        fill(lead_browser, "#colleagues", str(all_free - 1))
        press(lead_browser, "Inschrijven")
        assert path_of(lead_browser) == f"{session_path}?saved=registered"
        assert lead_visit("lead-session-registered-again").status == 200
        assert my_status(lead_browser) == [you_registered(all_free - 1)]
        assert free_places(lead_browser) == 0

        # Full: the member is offered the waiting list, and goes on it with a colleague.
        open_page(driver, server, session_path)
        page = visit("session-full")
        assert page.status == 200
        assert free_places(driver) == 0
        assert FULL_HINT in [p.text for p in register_section(driver).find_elements(By.CSS_SELECTOR, "form p")]
        assert buttons(driver) == ["Op de wachtlijst"], buttons(driver)
        fill(driver, "#colleagues", "1")
        press(driver, "Op de wachtlijst")
        assert path_of(driver) == f"{session_path}?saved=waiting"
        page = visit("session-waiting")
        assert page.status == 200
        assert notice(driver, "success") == WAITING_NOTICE
        assert my_status(driver) == [you_wait(1)]
        assert buttons(driver) == ["Uitschrijven"]
        assert "meet.example.org" not in page.html, "someone on the waiting list gets the meeting link"
        stored = registrations(server, session_path)[member["email"]]
        assert (stored["colleagues"], stored["status"]) == (1, "waiting"), stored
        assert free_places(driver) == 0, "a place on the waiting list was counted as taken"
        # The calendar file, but without the link.
        properties = calendar(driver, server, session_path)
        assert properties["SUMMARY"] == [SESSION]
        assert "URL" not in properties and "LOCATION" not in properties, properties
        assert "meet.example.org" not in "".join(v for values in properties.values() for v in values)

        # The lead cancels: the member moves up.
        press(lead_browser, "Uitschrijven")
        assert path_of(lead_browser) == f"{session_path}?saved=cancelled"
        assert lead_visit("lead-session-cancelled-again").status == 200
        assert notice(lead_browser, "success") == CANCELLED_NOTICE
        assert lead["email"] not in registrations(server, session_path)
        stored = registrations(server, session_path)[member["email"]]
        assert (stored["colleagues"], stored["status"]) == (1, "registered"), stored

        driver.refresh()
        page = visit("session-moved-up")
        assert page.status == 200
        assert my_status(driver) == [you_registered(1)]
        assert meeting_links(driver) == [SESSION_MEETING]
        assert free_places(driver) == all_free - 2
    finally:
        lead_browser.quit()

    # Tidy: the member cancels too; the module leaves no registration behind.
    press(driver, "Uitschrijven")
    assert path_of(driver) == f"{session_path}?saved=cancelled"
    page = visit("session-member-cancelled")
    assert page.status == 200
    assert notice(driver, "success") == CANCELLED_NOTICE
    assert free_places(driver) == all_free
    assert "meet.example.org" not in page.html
    left = registrations(server, session_path)
    assert lead["email"] not in left and member["email"] not in left, left


def test_coordinator_plans_a_session_and_reads_the_kickoff(server, driver, visit):
    coordinator = server.coordinator
    trajectory_path = server.demo["trajectoryPath"]
    session_path, workshop_path = server.demo["eventPath"], server.demo["workshopPath"]
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    assert path_of(driver) == trajectory_path
    page = visit("trajectory")
    assert page.status == 200

    # The timeline lists the events, each a link with when it is.
    timeline = css(driver, "main section[aria-labelledby='timeline-title']")
    assert css(driver, "main h3#events-title").text == "Workshop en bijeenkomsten"
    items = timeline.find_elements(By.XPATH, "./ul/li")
    listed = [(urlparse(li.find_element(By.TAG_NAME, "a").get_attribute("href")).path, li.text) for li in items]
    assert (workshop_path, f"{KICKOFF} · {KICKOFF_WHEN}") in listed, listed
    assert (session_path, f"{SESSION} · {SESSION_WHEN}") in listed, listed
    assert [path.rsplit("/", 1)[-1] for path, _ in listed] == [eid for eid, _ in events_in_database(server)]

    # Planning a session: the list, then the form.
    events_path = f"{trajectory_path}/events"
    follow_link(driver, "Bijeenkomsten plannen", events_path)
    page = visit("events")
    assert page.status == 200
    assert h1(driver) == "Workshop en bijeenkomsten"
    assert [a.text for a in all_css(driver, "main ul.cards > li > h2 > a")] == [t for _, t in events_in_database(server)]
    follow_link(driver, "Nieuwe bijeenkomst", f"{events_path}/new")
    page = visit("new-event")
    assert page.status == 200
    assert h1(driver) == "Nieuwe bijeenkomst"

    # The end before the start and a javascript: link: refused, the errors listed, what was typed kept.
    before = events_count(server)
    day = brussels_today() + datetime.timedelta(days=60)
    fill(driver, "#title", NEW_TITLE)
    set_date(driver, "#date", day)
    set_time(driver, "#starts", "20:00")
    set_time(driver, "#ends", "19:00")
    fill(driver, "#meeting_url", HOSTILE_URL)
    fill(driver, "#capacity", "25")
    press(driver, "Bijeenkomst bewaren")
    assert_no_alert(driver)
    page = visit("new-event-errors")
    assert (page.method, page.status) == ("POST", 422)
    assert path_of(driver) == events_path
    assert error_summary(driver) == [("ends", "Het einde moet na het begin liggen."),
                                     ("meeting_url", "Geef een webadres dat begint met https://.")]
    assert field_error(driver, "ends") == "Het einde moet na het begin liggen."
    assert field_error(driver, "meeting_url") == "Geef een webadres dat begint met https://."
    assert css(driver, "#ends").get_attribute("aria-invalid") == "true"
    assert css(driver, "#title").get_attribute("value") == NEW_TITLE, "the typed title was lost"
    assert css(driver, "#date").get_attribute("value") == day.isoformat()
    assert (css(driver, "#starts").get_attribute("value"), css(driver, "#ends").get_attribute("value")) == ("20:00", "19:00")
    assert css(driver, "#capacity").get_attribute("value") == "25"
    assert not all_css(driver, "a[href^='javascript:' i]"), "the javascript: address became a link"
    assert events_count(server) == before, "a refused event was stored"
    assert_no_alert(driver)

    # The kick-off, afterwards: the notes and links, and who came from which school.
    open_page(driver, server, workshop_path)
    page = visit("kickoff")
    assert page.status == 200
    assert h1(driver) == KICKOFF
    assert css(driver, "main p.lead").text == KICKOFF_WHEN
    afterwards = css(driver, "main section[aria-labelledby='afterwards']")
    assert afterwards.find_element(By.CSS_SELECTOR, "h2").text == "Achteraf: notities en links"
    assert KICKOFF_NOTES in afterwards.text
    links = {a.text: a.get_attribute("href") for a in afterwards.find_elements(By.CSS_SELECTOR, "li a")}
    assert links == {"Presentatie": KICKOFF_SLIDES, "Opname": KICKOFF_RECORDING}, links
    assert driver.find_elements(By.XPATH, "//main//a[normalize-space()='Aanpassen, of achteraf notities en links toevoegen']")
    assert not all_css(driver, "main section[aria-labelledby='register']"), "the coordinator is offered to register"

    who = css(driver, "main section[aria-labelledby='who-comes']")
    assert who.find_element(By.CSS_SELECTOR, "h2").text == "Wie komt er, per school"
    stored = registrations(server, workshop_path)
    regenboog = [row for row in stored.values() if row["school"] == FIRST_SCHOOL]
    assert regenboog, "the demo registered nobody of the first school for the kick-off"
    taken = sum(1 + row["colleagues"] for row in stored.values() if row["status"] == "registered")
    assert f"{taken} van de 60 plaatsen bezet." in [p.text for p in who.find_elements(By.XPATH, "./p")]
    rows = {}
    for row in who.find_elements(By.CSS_SELECTOR, "tbody tr"):
        rows[row.find_element(By.CSS_SELECTOR, "th[scope=row]").text] = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert FIRST_SCHOOL in rows, rows
    people = [f"{row['name']} (+{row['colleagues']})" if row["colleagues"] else row["name"]
              for row in regenboog if row["status"] == "registered"]
    seats = sum(1 + row["colleagues"] for row in regenboog if row["status"] == "registered")
    waiting = sum(1 + row["colleagues"] for row in regenboog if row["status"] == "waiting")
    assert rows[FIRST_SCHOOL] == [", ".join(people), str(seats), str(waiting)], rows[FIRST_SCHOOL]
    headers = [th.text for th in who.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]
    assert headers[1:] == ["Wie", "Plaatsen", "Wachtlijst (plaatsen)"], headers

"""The staff side of Samenspraak, as a coordinator, a school lead and a team member would use it in a browser.

Every page visited goes through `visit(name)`: axe-core, a screenshot and the raw HTML for the validator.
The UI is Dutch (the browser prefers nl-BE), so the texts checked here are the Dutch catalog's.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HOSTILE_NAME = "<script>alert(1)</script> School"
LEAD_PASSWORD = "een lange zin als wachtwoord"
MEMBER_PASSWORD = "nog een lange zin voor het team"


# ---------------------------------------------------------------------------------------------------------------
# helpers


def css(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def all_css(driver, selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


def path_of(driver) -> str:
    parsed = urlparse(driver.current_url)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def wait_for_new_page(driver, action) -> None:
    """Runs `action` (a click that submits or follows a link) and waits until the next page has loaded.

    The old document is marked; the wait ends when a document without the mark is complete. (Polling an old
    element for staleness races with the navigation in chromedriver: "Node with given id does not belong".)
    """
    driver.execute_script("window.__samenspraakOldPage = true")
    action()
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.__samenspraakOldPage && document.readyState === 'complete'"))


def open_page(driver, server, path: str) -> None:
    driver.get(server.url(path))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def fill(driver, selector: str, text: str) -> None:
    field = css(driver, selector)
    field.clear()
    field.send_keys(text)


def submit_main_form(driver) -> None:
    """Presses the submit button of the form in <main> (the header has the sign-out form)."""
    button = css(driver, "main form button[type=submit]")
    wait_for_new_page(driver, button.click)


def set_checked(driver, selector: str, checked: bool) -> None:
    box = css(driver, selector)
    if box.is_selected() != checked:
        css(driver, f"label[for='{box.get_attribute('id')}']").click()
    assert box.is_selected() == checked, f"{selector} should be {'checked' if checked else 'unchecked'}"


def h1(driver) -> str:
    return css(driver, "main h1").text


def assert_no_alert(driver) -> None:
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return
    text = alert.text
    alert.dismiss()
    pytest.fail(f"a script ran: an alert said {text!r}")


def sign_in(driver, server, visit, email: str, password: str, name: str) -> None:
    open_page(driver, server, "/login")
    visit(f"{name}-login")
    fill(driver, "#email", email)
    fill(driver, "#password", password)
    submit_main_form(driver)


def sign_out(driver, visit, name: str) -> None:
    button = css(driver, "header form[action='/logout'] button[type=submit]")
    assert "link" in button.get_attribute("class").split()
    wait_for_new_page(driver, button.click)
    assert path_of(driver) == "/login?signed_out=1"
    page = visit(name)
    assert page.status == 200
    assert "Je bent afgemeld." in css(driver, "main .notice").text
    # Signed out for real: the header no longer offers to sign out.
    assert not all_css(driver, "header form[action='/logout']")


def field_error(driver, field_id: str) -> str:
    """The error text shown next to a field, checking it is tied to the field for screen readers."""
    control = css(driver, f"#{field_id}")
    container = control if control.tag_name == "fieldset" else control.find_element(By.XPATH, "./ancestor::div[contains(@class,'field')][1]")
    classes = container.get_attribute("class").split()
    assert "invalid" in classes and "field" in classes, f"#{field_id} is not in a .field.invalid: {classes}"
    error = container.find_element(By.CSS_SELECTOR, "p.error")
    assert error.get_attribute("id") == f"{field_id}-error"
    assert f"{field_id}-error" in (control.get_attribute("aria-describedby") or "").split()
    return error.text


# ---------------------------------------------------------------------------------------------------------------
# the story


def test_coordinator_adds_school_invites_lead_who_signs_up(server, driver, visit):
    coordinator = server.coordinator
    assert coordinator["role"] == "coordinator"

    # The coordinator signs in and lands on the one trajectory.
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    assert css(driver, "html").get_attribute("lang") == "nl"
    assert path_of(driver) == server.demo["trajectoryPath"]
    page = visit("trajectory")
    assert page.status == 200
    trajectory_name = h1(driver)
    assert trajectory_name

    phases = all_css(driver, "main ol.timeline > li")
    assert len(phases) == 6, [p.text for p in phases]
    school_links = all_css(driver, "main table tbody a[href^='/staff/schools/']")
    linked = {urlparse(a.get_attribute("href")).path.rsplit("/", 1)[-1] for a in school_links}
    assert linked == {s.lower() for s in server.demo["schoolIDs"]}
    assert len(all_css(driver, "main table tbody tr")) == 4

    # The new-school form, sent once with mistakes: no name, no level, but a number of families.
    add = driver.find_element(By.LINK_TEXT, "School toevoegen")
    new_school_path = f"{server.demo['trajectoryPath']}/schools/new"
    assert urlparse(add.get_attribute("href")).path == new_school_path
    wait_for_new_page(driver, add.click)
    assert path_of(driver) == new_school_path
    visit("new-school")
    assert css(driver, "#languages-nl").is_selected(), "Dutch is offered to parents by default"
    assert not css(driver, "#levels-kleuter").is_selected() and not css(driver, "#levels-lager").is_selected()
    fill(driver, "#families", "42")
    submit_main_form(driver)

    page = visit("new-school-errors")
    assert page.status == 422
    assert page.method == "POST"
    summary = css(driver, ".error-summary")
    assert summary.is_displayed()
    summary_links = {a.get_attribute("href").rsplit("#", 1)[-1] for a in summary.find_elements(By.CSS_SELECTOR, "a")}
    assert summary_links == {"name", "levels"}
    assert field_error(driver, "name") == "Vul dit in."
    assert css(driver, "#name").get_attribute("aria-invalid") == "true"
    assert field_error(driver, "levels") == "Kies kleuter, lager of allebei."
    assert css(driver, "#families").get_attribute("value") == "42", "the typed number of families is kept"
    assert css(driver, "#languages-nl").is_selected(), "the chosen languages are kept"
    assert not all_css(driver, "#families-error")

    # Sent again, right: with a name that is also a script, which must stay text.
    fill(driver, "#name", HOSTILE_NAME)
    set_checked(driver, "#levels-kleuter", True)
    set_checked(driver, "#levels-lager", True)
    set_checked(driver, "#languages-ar", True)
    submit_main_form(driver)
    assert_no_alert(driver)
    match = re.fullmatch(r"/staff/schools/([0-9a-f-]{36})\?saved=1", path_of(driver))
    assert match, driver.current_url
    school_id = match.group(1)
    page = visit("school-saved")
    assert page.status == 200
    assert h1(driver) == HOSTILE_NAME, "the name is shown literally, as text"
    assert "<script>alert(1)</script>" not in page.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; School" in page.html
    assert not all_css(driver, "main script")
    assert "De school is bewaard." in css(driver, "main .notice").text
    assert "42" in css(driver, "main dl.facts").text

    # The trajectory now lists five schools, the new one by its literal name.
    open_page(driver, server, server.demo["trajectoryPath"])
    assert_no_alert(driver)
    visit("trajectory-with-new-school")
    assert len(all_css(driver, "main table tbody tr")) == 5
    new_row_link = css(driver, f"main table a[href='/staff/schools/{school_id}']")
    assert new_row_link.text == HOSTILE_NAME
    wait_for_new_page(driver, new_row_link.click)

    # Invite a lead for the new school by link.
    team = driver.find_element(By.LINK_TEXT, "Team en uitnodigingen")
    assert urlparse(team.get_attribute("href")).path == f"/staff/schools/{school_id}/staff"
    wait_for_new_page(driver, team.click)
    page = visit("school-staff")
    assert page.status == 200
    lead_email = "lies.leiding@school.example"
    fill(driver, "#name", "Lies Leiding")
    fill(driver, "#email", lead_email)
    css(driver, "label[for='role-lead']").click()
    css(driver, "label[for='method-link']").click()
    assert css(driver, "#role-lead").is_selected() and css(driver, "#method-link").is_selected()
    submit_main_form(driver)
    page = visit("invite-link-issued")
    assert page.status == 201
    link = css(driver, "a#invite-link")
    invite_url = link.get_attribute("href")
    assert re.fullmatch(re.escape(server.base_url) + r"/invite/[A-Za-z0-9_-]{16,}", invite_url), invite_url
    assert link.text == invite_url
    assert lead_email in css(driver, "main").text

    sign_out(driver, visit, "coordinator-signed-out")

    # The lead opens the link, first with too short a password, then right.
    driver.get(invite_url)  # the link exactly as the coordinator would pass it on
    assert_no_alert(driver)
    page = visit("accept-invitation")
    assert page.status == 200
    assert HOSTILE_NAME in css(driver, "main").text
    assert lead_email in css(driver, "main").text
    assert css(driver, "#name").get_attribute("value") == "Lies Leiding", "the name the coordinator gave is offered"
    fill(driver, "#password", "kort")
    fill(driver, "#password_confirmation", "kort")
    submit_main_form(driver)
    page = visit("accept-invitation-errors")
    assert page.status == 422
    assert field_error(driver, "password") == "Kies een wachtwoord van minstens 10 tekens."
    assert css(driver, "#name").get_attribute("value") == "Lies Leiding"
    assert css(driver, "#password").get_attribute("value") == "", "a password is never sent back"

    fill(driver, "#password", LEAD_PASSWORD)
    fill(driver, "#password_confirmation", LEAD_PASSWORD)
    submit_main_form(driver)
    assert path_of(driver) == f"/staff/schools/{school_id}"
    assert_no_alert(driver)
    page = visit("lead-school")
    assert page.status == 200
    assert h1(driver) == HOSTILE_NAME
    assert "Lies Leiding" in css(driver, "header").text

    # The lead may not see the coordinator's trajectory.
    open_page(driver, server, server.demo["trajectoryPath"])
    page = visit("lead-trajectory-forbidden")
    assert page.status == 403
    assert h1(driver) == "Geen toegang"

    # Signs out, and in again with the new password.
    open_page(driver, server, f"/staff/schools/{school_id}")
    sign_out(driver, visit, "lead-signed-out")
    sign_in(driver, server, visit, lead_email, LEAD_PASSWORD, "lead-again")
    assert path_of(driver) == f"/staff/schools/{school_id}"
    page = visit("lead-school-again")
    assert page.status == 200
    assert h1(driver) == HOSTILE_NAME


def test_demo_lead_gets_no_access_to_trajectory(server, driver, visit):
    lead = server.staff_with("lead")[0]
    sign_in(driver, server, visit, lead["email"], lead["password"], "lead")
    assert path_of(driver) == f"/staff/schools/{lead['school'].lower()}"
    visit("own-school")
    open_page(driver, server, server.demo["trajectoryPath"])
    page = visit("trajectory-forbidden")
    assert page.status == 403
    assert h1(driver) == "Geen toegang"
    assert "Je hebt geen toegang tot deze pagina met je huidige rol." in css(driver, "main").text
    assert "403" in css(driver, "main").text


def test_one_time_password_member_must_choose_own_password(server, driver, visit):
    coordinator = server.coordinator
    school_id = server.demo["schoolIDs"][1].lower()
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    open_page(driver, server, f"/staff/schools/{school_id}/staff")
    visit("school-staff")
    member_email = "mo.teamlid@school.example"
    fill(driver, "#name", "Mo Teamlid")
    fill(driver, "#email", member_email)
    css(driver, "label[for='role-member']").click()
    css(driver, "label[for='method-password']").click()
    submit_main_form(driver)
    page = visit("one-time-password-issued")
    assert page.status == 201
    one_time = css(driver, "code#one-time-password").text.strip()
    assert len(one_time) >= 8, one_time
    assert not all_css(driver, "a#invite-link")

    # The team page now lists Mo, still to choose a password.
    open_page(driver, server, f"/staff/schools/{school_id}/staff")
    visit("school-staff-with-member")
    row = driver.find_element(By.XPATH, "//main//tr[th[normalize-space()='Mo Teamlid']]")
    assert "moet nog een eigen wachtwoord kiezen" in row.text
    sign_out(driver, visit, "coordinator-signed-out")

    # Mo signs in with the one-time password and is held on the password page.
    sign_in(driver, server, visit, member_email, one_time, "member")
    assert path_of(driver) == "/account/password"
    page = visit("member-must-change")
    assert page.status == 200
    assert "eenmalig wachtwoord" in css(driver, "main").text
    open_page(driver, server, f"/staff/schools/{school_id}")
    assert path_of(driver) == "/account/password", "nothing else opens before a password is chosen"

    fill(driver, "#current_password", one_time)
    fill(driver, "#password", MEMBER_PASSWORD)
    fill(driver, "#password_confirmation", MEMBER_PASSWORD)
    submit_main_form(driver)
    assert path_of(driver) == f"/staff/schools/{school_id}"
    page = visit("member-school")
    assert page.status == 200
    assert "Mo Teamlid" in css(driver, "header").text
    # A member sees the school but cannot invite people.
    assert not driver.find_elements(By.LINK_TEXT, "Team en uitnodigingen")

    sign_out(driver, visit, "member-signed-out")
    sign_in(driver, server, visit, member_email, MEMBER_PASSWORD, "member-again")
    assert path_of(driver) == f"/staff/schools/{school_id}"


def test_login_fits_320px_and_switches_to_english(server, driver, visit):
    driver.set_window_size(320, 800)
    open_page(driver, server, "/login")
    inner_width = driver.execute_script("return window.innerWidth")
    assert inner_width <= 320, f"the window is {inner_width}px wide, not 320: the check below would prove nothing"
    assert css(driver, "html").get_attribute("lang") == "nl"
    assert h1(driver) == "Aanmelden"
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"the page scrolls sideways at 320px: scrollWidth {scroll_width}"
    visit("login-320-nl")

    english = css(driver, "footer nav.languages a[hreflang='en']")
    wait_for_new_page(driver, english.click)
    assert path_of(driver) == "/login"
    assert css(driver, "html").get_attribute("lang") == "en"
    assert h1(driver) == "Sign in"
    assert css(driver, "footer nav.languages [aria-current='true']").get_attribute("lang") == "en"
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"the English page scrolls sideways at 320px: scrollWidth {scroll_width}"
    page = visit("login-320-en")
    assert page.html.count('lang="en"') >= 1 and '<html lang="en"' in page.html

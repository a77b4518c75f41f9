"""The welcome round: a teacher runs a class round on a 320 px phone without JavaScript; the lead sees the figures
per class and no seat; the coordinator sees the schools side by side beside keys 4 and 5.

Every page goes through `visit(name)` (axe-core where JavaScript is on, a screenshot and the server's HTML for
`test_zz_html_is_valid`). The texts are the Dutch catalog's (the browser prefers nl-BE).
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import make_driver
from test_moments import NO_JAVASCRIPT, fits
from test_report import sign_in_as, staff_member
from test_staff_flow import all_css, css, fill, h1, open_page, path_of, set_checked, sign_in, wait_for_new_page

CLASS_NAME = "Klas 2B welkom"
# What the first test made, for the next ones (they run in the order written).
MADE: dict[str, str] = {}


@pytest.fixture(scope="module")
def phone():
    """The teacher's phone: 320 px wide, JavaScript off."""
    browser = make_driver(width=320, height=800, prefs=NO_JAVASCRIPT)
    yield browser
    browser.quit()


def submit(driver) -> None:
    wait_for_new_page(driver, css(driver, "main form button[type=submit]").click)


def round_path() -> str:
    return MADE["round"]


def test_teacher_runs_a_round_on_a_small_phone_without_javascript(server, visit, phone):
    teacher = staff_member(server, "member", 0)
    school = teacher["school"].lower()
    open_page(phone, server, "/login")
    visit("welcome-login-nojs", phone, accessibility=False)
    fill(phone, "#email", teacher["email"])
    fill(phone, "#password", teacher["password"])
    submit(phone)
    assert path_of(phone) == f"/staff/schools/{school}"

    link = phone.find_element(By.XPATH, "//main//a[normalize-space()='Welkomstronde van mijn klas']")
    wait_for_new_page(phone, link.click)
    assert path_of(phone) == f"/staff/schools/{school}/welcome"
    visit("welcome-list-nojs-320", phone, accessibility=False)
    fits(phone, "the welcome rounds")
    fill(phone, "#class_name", CLASS_NAME)
    fill(phone, "#families", "99")
    submit(phone)
    assert "Geef het aantal gezinnen, van 1 tot 60." in css(phone, "main").text
    assert css(phone, "#class_name").get_attribute("value") == CLASS_NAME
    fill(phone, "#families", "8")
    submit(phone)
    path = path_of(phone).split("?")[0]
    assert path.startswith("/staff/welcome/")
    MADE["round"] = path
    assert h1(phone) == CLASS_NAME
    seats = all_css(phone, "ul.seats a")
    assert [seat.find_element(By.CSS_SELECTOR, ".number").text for seat in seats] == [str(n) for n in range(1, 9)]
    visit("welcome-grid-nojs-320", phone, accessibility=False)
    fits(phone, "the seat grid")
    for seat in seats:
        assert seat.size["width"] >= 24 and seat.size["height"] >= 24

    # Seat 2: a concern before anything good.
    wait_for_new_page(phone, seats[1].click)
    assert h1(phone) == "Plaats 2"
    fits(phone, "the seat form")
    set_checked(phone, "#kind-concern", True)
    submit(phone)
    assert path_of(phone).endswith("/seats/2?saved=concern-first")
    assert "Dit gezin hoorde van ons nog niets goeds" in css(phone, "main").text
    visit("welcome-seat-concern-nojs-320", phone, accessibility=False)

    # Seat 1: a warm contact at the gate in Arabic, with a bridge figure.
    open_page(phone, server, f"{path}/seats/1")
    set_checked(phone, "#kind-warm", True)
    set_checked(phone, "#how-gate", True)
    Select(css(phone, "#language")).select_by_value("ar")
    set_checked(phone, "#interpreter-yes", True)
    submit(phone)
    assert path_of(phone) == f"{path}?saved=warm"
    marks = {seat.find_element(By.CSS_SELECTOR, ".number").text: seat.text for seat in all_css(phone, "ul.seats a")}
    assert "✓" in marks["1"] and "!" in marks["2"] and marks["3"] == "3"
    fits(phone, "the seat grid after two contacts")


def test_lead_sees_figures_per_class_and_no_seat(server, visit, driver):
    path = round_path()
    lead = staff_member(server, "lead", 0)
    sign_in_as(driver, server, visit, lead, "welcome-lead")
    open_page(driver, server, f"/staff/schools/{lead['school'].lower()}/welcome/figures")
    page = visit("welcome-figures")
    assert page.status == 200
    assert CLASS_NAME in css(driver, "main").text
    assert not all_css(driver, "main a[href*='/seats/']")
    open_page(driver, server, f"{path}/seats/1")
    assert visit("welcome-seat-lead-403").status == 403


def test_coordinator_sees_the_schools_beside_keys_4_and_5(server, visit, driver):
    coordinator = server.coordinator
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "welcome-coordinator")
    trajectory = server.demo["trajectoryID"].lower()
    open_page(driver, server, f"/staff/trajectories/{trajectory}/welcome")
    page = visit("welcome-trajectory")
    assert page.status == 200
    headers = [th.text for th in all_css(driver, "main thead th")]
    assert headers[-2].startswith("4. ") and headers[-1].startswith("5. ")

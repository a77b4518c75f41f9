"""The welcome round: a teacher runs a class round on a 320 px phone without JavaScript, makes a good-news card that
a parent answers in Arabic (320 px, no JavaScript) and prints a sheet of eight on one A4 page; the lead sees the
figures per class and no seat; the coordinator sees the schools side by side beside keys 4 and 5.

Every page goes through `visit(name)` (axe-core where JavaScript is on, a screenshot and the server's HTML for
`test_zz_html_is_valid`). The texts are the Dutch catalog's (the browser prefers nl-BE).
"""

from __future__ import annotations

import base64
import re

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


def pdf_pages(driver) -> int:
    """How many A4 pages the browser would print the page it shows on."""
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True})
    return len(re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(pdf["data"])))


def test_teacher_makes_good_news_cards_and_a_parent_answers_one_in_arabic(server, visit, phone, driver):
    path = round_path()
    # Seat 2 had a concern before anything good: its page offers a good-news card, with seat 2 ticked.
    open_page(phone, server, f"{path}/seats/2")
    link = phone.find_element(By.XPATH, "//main//a[normalize-space()='Een goednieuwskaartje maken']")
    wait_for_new_page(phone, link.click)
    assert h1(phone) == "Goednieuwskaartjes"
    visit("goodnews-order-nojs-320", phone, accessibility=False)
    fits(phone, "the card order")
    assert phone.find_element(By.ID, "seat-2").is_selected()
    assert not phone.find_element(By.ID, "seat-3").is_selected()
    Select(phone.find_element(By.ID, "language[2]")).select_by_value("ar")
    Select(phone.find_element(By.ID, "sentence[2]")).select_by_value("helped_friend")
    fill(phone, "#teacher", "juf Sara")
    set_checked(phone, "#format-phone", True)
    submit(phone)
    card = css(phone, "li.goodnews-phone")
    assert card.get_attribute("lang") == "ar"
    assert "اليوم ساعد طفلك صديقًا." in card.text
    assert "Vandaag hielp je kind een vriendje." in card.text, "the teacher reads what the card says"
    assert "juf Sara" in card.text
    assert card.find_elements(By.CSS_SELECTOR, "svg.qr, svg")
    visit("goodnews-phone-card-nojs-320", phone, accessibility=False)
    fits(phone, "the card on the phone")
    card_link = css(phone, ".goodnews-link").text.strip()
    assert "/g/" in card_link

    # The parent's phone: 320 px, no JavaScript; the card's page is in Arabic, right to left.
    parent = make_driver(width=320, height=700, prefs=NO_JAVASCRIPT)
    try:
        parent.get(card_link)
        assert parent.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ar"
        assert parent.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
        assert "اليوم ساعد طفلك صديقًا." in css(parent, "main").text
        visit("goodnews-parent-nojs-320", parent, accessibility=False)
        fits(parent, "the good-news card's page")
        fill(parent, "#goodnews-text", "شكرا لكم! متى يمكننا أن نلتقي؟")
        button = parent.find_element(By.CSS_SELECTOR, "main button[name=reply][value=talk]")
        assert button.text == "أودّ أن نتحدث"
        wait_for_new_page(parent, button.click)
        assert parent.current_url.split("?")[0].endswith("/thanks")
        assert parent.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ar"
        assert h1(parent) == "شكرًا لك!"
        visit("goodnews-parent-thanks-nojs-320", parent, accessibility=False)
    finally:
        parent.quit()
    # The same page with JavaScript on, for axe-core.
    driver.get(card_link)
    visit("goodnews-parent-axe")

    # The teacher sees the answer on the seat; the family now counts as reached warmly.
    open_page(phone, server, path)
    assert "Plaats 2: wil graag eens praten" in css(phone, "main").text
    marks = {seat.find_element(By.CSS_SELECTOR, ".number").text: seat.text for seat in all_css(phone, "ul.seats a")}
    assert "✓" in marks["2"]
    open_page(phone, server, f"{path}/seats/2")
    assert "شكرا لكم! متى يمكننا أن نلتقي؟" in css(phone, "main").text

    # A sheet of eight to print: one A4 page.
    teacher = staff_member(server, "member", 0)
    sign_in(driver, server, visit, teacher["email"], teacher["password"], "goodnews-teacher")
    open_page(driver, server, f"{path}/cards")
    for seat in range(1, 9):
        set_checked(driver, f"#seat-{seat}", True)
    Select(driver.find_element(By.ID, "language[5]")).select_by_value("tr")
    submit(driver)
    cards = all_css(driver, "li.slip.goodnews-card")
    assert len(cards) == 8
    assert cards[4].get_attribute("lang") == "tr"
    visit("goodnews-sheet")
    assert pdf_pages(driver) == 1, "eight cards fill one A4 page"


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

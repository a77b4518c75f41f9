"""The report at a glance and the team-meeting view (issue 21, part A), on the demo's first school: its parent wave
(`waveIDs[0]`) has answers, an earlier closed survey and a team wave, so the chart shows parents, team and change.

The chart must be above the fold at 1280×800 with its twelve keys, the ranges and the team beside the parents, each key
with a text alternative; legible at 320 px without sideways scroll; the meeting view moves with links and arrow keys and
prints one key per A4 landscape page.
"""

from __future__ import annotations

import base64
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import make_driver
from test_report import sign_in_as, staff_member, wave_path
from test_staff_flow import all_css, css, h1, open_page, path_of, wait_for_new_page


def report_of_first_school(driver, server, visit, name: str) -> None:
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), name)
    open_page(driver, server, f"{wave_path(server, 0)}/report")


def pdf_pages(driver) -> list[tuple[float, float]]:
    """The (width, height) in points of every page the browser would print the page it shows on, at its CSS size."""
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    data = base64.b64decode(pdf["data"])
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    sizes = [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]
    return sizes[:pages] if len(sizes) >= pages else sizes


def test_the_chart_is_above_the_fold_with_twelve_keys_ranges_and_the_team(server, visit, driver):
    # A laptop's screen: a viewport of 1280×800 (the window's own bars are not part of it).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    report_of_first_school(driver, server, visit, "glance")
    page = visit("report-glance")
    assert page.status == 200
    chart = css(driver, "#glance-chart")
    rows = all_css(driver, "#glance-chart li.chart-row")
    assert len(rows) == 12
    fold = driver.execute_script("return window.innerHeight")
    assert fold == 800
    bottom = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", rows[-1])
    assert bottom <= fold, f"the last key ends at {bottom} px, below the fold at {fold} px"
    # Every key has figures in the demo: a range with its two ends, the parents' mark, the team's square beside it.
    for row in rows:
        key = row.get_attribute("data-key")
        assert row.find_elements(By.CSS_SELECTOR, "line.range-now"), f"key {key} has no range"
        assert len(row.find_elements(By.CSS_SELECTOR, "line.range-end.range-now")) == 2, f"key {key}: the range has two ends"
        assert row.find_elements(By.CSS_SELECTOR, "circle.mark-now"), f"key {key} has no mark for the parents"
        assert row.find_elements(By.CSS_SELECTOR, "rect.mark-team"), f"key {key} has no team mark"
        track = row.find_element(By.CSS_SELECTOR, "svg.chart-track")
        assert track.get_attribute("role") == "img"
        label = track.get_attribute("aria-label")
        assert label.startswith(f"Sleutel {key}: ") and "Ouders: " in label and "Team (" in label, label
        parents = row.find_element(By.CSS_SELECTOR, "circle.mark-now").rect
        team = row.find_element(By.CSS_SELECTOR, "rect.mark-team").rect
        assert team["y"] > parents["y"], f"key {key}: the team is drawn beside (under) the parents"
    notes = css(driver, "#glance-chart").text
    assert "sterk punt" in notes and "groeikans" in notes, "strengths and growth opportunities are named, not coloured"
    assert chart.is_displayed()
    # The mirror and the changes have the same chart.
    assert len(all_css(driver, "#mirror-chart li.chart-row")) == 12
    assert len(all_css(driver, "#changes-chart li.chart-row")) == 12


@pytest.fixture
def small():
    browser = make_driver(width=320, height=800)
    yield browser
    browser.quit()


def test_the_chart_is_legible_at_320_px(server, visit, small):
    report_of_first_school(small, server, lambda name, **kwargs: visit(name, small, **kwargs), "glance-320")
    visit("report-glance-320", small)
    scroll, client = small.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"the report scrolls sideways at 320 px: {scroll} > {client}"
    rows = all_css(small, "#glance-chart li.chart-row")
    assert len(rows) == 12
    for row in rows:
        name = row.find_element(By.CSS_SELECTOR, ".chart-key")
        track = row.find_element(By.CSS_SELECTOR, "svg.chart-track")
        assert name.rect["y"] + name.rect["height"] <= track.rect["y"] + 1, "the key's name stands above its track"
        assert track.rect["width"] >= 250, "the track uses the width of the phone"
        size = float(small.execute_script("return getComputedStyle(arguments[0]).fontSize", name).replace("px", ""))
        assert size >= 14, f"the key's name is {size} px"


def test_the_meeting_view_moves_key_by_key_and_prints_on_landscape_slides(server, visit, driver):
    report_of_first_school(driver, server, visit, "meeting")
    link = css(driver, f"main a[href='{wave_path(server, 0)}/meeting']")
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == f"{wave_path(server, 0)}/meeting"
    page = visit("meeting")
    assert page.status == 200
    assert h1(driver) == "Teamoverleg: het rapport sleutel per sleutel"
    slides = all_css(driver, "section.slide-key")
    assert len(slides) == 12
    # Links: from the overview to key 1, then on to key 2.
    css(driver, "#overview a.slide-next").click()
    assert driver.execute_script("return location.hash") == "#key-1"
    css(driver, "#key-1 a.slide-next").click()
    assert driver.execute_script("return location.hash") == "#key-2"
    # Arrow keys (the small script): right to key 3, left back to key 2.
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT)
    assert driver.execute_script("return location.hash") == "#key-3"
    body.send_keys(Keys.ARROW_LEFT)
    assert driver.execute_script("return location.hash") == "#key-2"
    slide = css(driver, "#key-2")
    assert "Wat doen we hiermee?" in slide.text
    assert slide.find_elements(By.CSS_SELECTOR, "svg.chart-track[role=img]")
    size = float(driver.execute_script("return getComputedStyle(arguments[0]).fontSize", css(driver, "#key-2 h2")).replace("px", ""))
    assert size >= 32, f"the key's title is {size} px on the projector"
    # Printed: every slide on its own A4 landscape page, the overview first.
    pages = pdf_pages(driver)
    assert len(pages) == 13, f"{len(pages)} pages for 13 slides (the overview and 12 keys)"
    for width, height in pages:
        assert width > height, f"a page of {width}×{height} pt is not landscape"
        assert abs(width - 841.9) < 3 and abs(height - 595.3) < 3, f"a page of {width}×{height} pt is not A4"

"""The trajectory's timeline and the coordinator's form to move its phases.

A phase says "Afgerond" only when its work is done, otherwise "Gepland", "Nu bezig" or "Achter op schema"; the
coordinator moves a phase's days, a refused form keeps what was chosen, and a saved one says so on the trajectory.
The demo's phases are put back as they were, so the other tests see the timeline they expect.
"""

from __future__ import annotations

import datetime

from selenium.webdriver.common.by import By

from test_plan import error_summary, press, set_date
from test_staff_flow import all_css, css, field_error, h1, path_of, sign_in, wait_for_new_page

STATES = {"Afgerond": "done", "Nu bezig": "now", "Gepland": "planned", "Achter op schema": "late"}


def test_coordinator_reads_the_timeline_and_moves_a_phase(server, driver, visit):
    coordinator = server.coordinator
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    assert path_of(driver) == server.demo["trajectoryPath"]
    visit("trajectory")

    phases = all_css(driver, "main ol.timeline > li")
    assert len(phases) == 6
    for phase in phases:
        state = phase.find_element(By.CSS_SELECTOR, "p.status").text
        assert state in STATES, state
        assert STATES[state] in phase.get_attribute("class").split()
    assert len(all_css(driver, "main ol.timeline > li[aria-current='step']")) <= 1

    link = driver.find_element(By.LINK_TEXT, "Data van de fasen aanpassen")
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == f"{server.demo['trajectoryPath']}/phases"
    page = visit("phases-form")
    assert page.status == 200
    assert h1(driver) == "Data van de fasen"
    legends = [legend.text for legend in all_css(driver, "main form fieldset legend")]
    assert legends == ["Workshop", "Ouderbevraging", "Teambevraging", "Rapporten", "Actieplannen", "Verhalen"]
    starts = css(driver, "#reports_starts").get_attribute("value")
    ends = css(driver, "#reports_ends").get_attribute("value")

    # The last day before the first: refused, the chosen day kept, nothing saved.
    before = datetime.date.fromisoformat(starts) - datetime.timedelta(days=1)
    set_date(driver, "#reports_ends", before)
    press(driver, "Data bewaren")
    page = visit("phases-refused")
    assert page.status == 422
    assert error_summary(driver) == [("reports_ends", "De laatste dag mag niet vóór de eerste dag liggen.")]
    assert field_error(driver, "reports_ends") == "De laatste dag mag niet vóór de eerste dag liggen."
    assert css(driver, "#reports_ends").get_attribute("value") == before.isoformat()

    # Put back as it was and saved: the trajectory says so.
    set_date(driver, "#reports_ends", datetime.date.fromisoformat(ends))
    press(driver, "Data bewaren")
    assert path_of(driver) == f"{server.demo['trajectoryPath']}?saved=phases"
    page = visit("phases-saved")
    assert page.status == 200
    assert "De data van de fasen zijn bewaard." in css(driver, "main .notice").text

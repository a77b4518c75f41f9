""""You told us — we are doing this": the demo's published page for the parents of the first school's closed wave, on a
320 px phone without JavaScript, in Dutch, Arabic (right to left) and Turkish; the survey's short link leads there; the
same pages with JavaScript on pass axe-core; no hidden open answer and no figure of a small group is on the page.

Every page goes through `visit(name)` (axe-core where JavaScript is on, a screenshot and the server's HTML for
`test_zz_html_is_valid`).
"""

from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import make_driver
from test_moments import NO_JAVASCRIPT, fits
from test_staff_flow import css, h1

LANGUAGES = {
    "nl": ("ltr", "Jullie vertelden het ons — hier werken we aan", "Wat we doen"),
    "ar": ("rtl", "أخبرتمونا — وهذا ما نفعله", "ما نقوم به"),
    "tr": ("ltr", "Bize anlattınız — şimdi bunları yapıyoruz", "Yaptıklarımız"),
}


def test_the_parents_page_in_three_languages_on_a_phone(server, driver, visit):
    path = server.demo["resultsForParentsPath"]
    assert path and path.startswith("/r/")
    slug = path[len("/r/"):]
    phone = make_driver(width=320, height=800, prefs=NO_JAVASCRIPT)
    try:
        # The survey's own link, after the wave: it leads to the page.
        phone.get(server.base_url + "/o/" + slug)
        assert phone.current_url.split("?")[0].endswith(path)
        for language, (direction, title, actions) in LANGUAGES.items():
            phone.get(f"{server.base_url}{path}?lang={language}")
            html = phone.find_element(By.TAG_NAME, "html")
            assert html.get_attribute("lang") == language
            assert html.get_attribute("dir") == direction
            assert h1(phone) == title
            main = css(phone, "main").text
            assert actions in main
            assert "Dank je wel aan alle ouders" in main, "the lead's sentence as written"
            assert "%" not in main, "no figure but how many answered"
            visit(f"results-{language}-nojs-320", phone, accessibility=False)
            fits(phone, f"the parents' page ({language})")
    finally:
        phone.quit()
    # With JavaScript on, for axe-core.
    for language in LANGUAGES:
        driver.get(f"{server.base_url}{path}?lang={language}")
        page = visit(f"results-{language}-axe")
        assert len(page.html.encode("utf-8")) <= 15 * 1024, f"{language}: {len(page.html.encode('utf-8'))} bytes"

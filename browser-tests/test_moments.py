"""Rating moments: a parent says how a moment was, the lead reads it and replies, the public school profile.

The demo gives the first school seven moments (`seedMoments` in Demo.swift): "Oudercontact 2de leerjaar" is open and
has 6 seeded ratings (its link is `ratingMomentPath`, its id `momentID`), "Koffiemoment oktober" has only 4 (too few
to show anything), "Herfstfeest" 31. The school's public profile (`profilePath`) is published.

The tests below run in the order they are written and build on each other: the parent's Turkish sentence (first
test) is read, hidden and shown again by the lead (third test), whose reply then shows on the profile (last test).
A rating counts only once it is released together with at least THRESHOLD pending ones, so the lead's test first
sends as many plain ratings as that takes; the survey answers the report tests count are not touched.

The parents' texts are read from the rating catalog (`Resources/ratings/LANG.txt`), the staff's are the Dutch
catalog's (the browser prefers nl-BE). Every page goes through `visit(name)`: axe-core (not in the browser without
JavaScript), a screenshot and the server's HTML for `test_zz_html_is_valid`.
"""

from __future__ import annotations

import datetime
import http.cookiejar
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from conftest import REPO_ROOT, make_driver, server_now
from test_parent_survey import no_sideways_scroll, offered
from test_report import sign_in_as, staff_member
from test_staff_flow import all_css, css, fill, h1, open_page, path_of, wait_for_new_page

RATINGS_DIR = REPO_ROOT / "Sources" / "SamenspraakApp" / "Resources" / "ratings"
NO_JAVASCRIPT = {"profile.managed_default_content_settings.javascript": 2}

TURKISH_SENTENCE = "Öğretmen çok sabırlıydı."
ARABIC_SENTENCE = "كان اللقاء مفيدًا جدًا."
REPLY = "Volgende keer voorzien we een tolk Turks."

OPEN_MOMENT = "Oudercontact 2de leerjaar"
TOO_FEW_MOMENT = "Koffiemoment oktober"
DEMO_MOMENTS = {"Infoavond nieuw schooljaar": 28, "Koffiemoment september": 9, "Oudercontact eerste trimester": 24,
                "Herfstfeest": 31, TOO_FEW_MOMENT: 4, "Huisbezoeken instappers": 7, OPEN_MOMENT: 6}
THRESHOLD = 5  # SAMENSPRAAK_MIN_GROUP's default: fewer ratings than this show nothing
STAFF_FACES = ["Heel fijn", "Fijn", "Niet zo fijn", "Helemaal niet fijn"]  # moment.face.4 … .1 (nl)
BAR_LABEL = re.compile(", ".join(rf"{re.escape(face)}: (\d+)" for face in STAFF_FACES))
INDEX_VALUE = re.compile(r"(\d+) \(tussen (\d+) en (\d+)\)")
PROFILE_INDEX = re.compile(r"Index (\d+) \(tussen (\d+) en (\d+)\), (\d+) beoordelingen")
MONTHS = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
RATING_COLUMNS = {"id", "moment_id", "device_hash", "face", "chips", "text", "text_hidden", "text_public", "language", "day",
                  "released", "replaces_id"}


# ---------------------------------------------------------------------------------------------------------------
# helpers


def rating_texts(lang: str) -> dict[str, str]:
    """The parents' texts of one language, as the app reads them (`key = value` lines)."""
    texts = {}
    for line in (RATINGS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            texts[key.strip()] = value.strip()
    return texts


def chips_of(kind: str) -> tuple[list[str], list[str]]:
    """(good, better) chips of a kind of moment, from structure.txt."""
    for line in (RATINGS_DIR / "structure.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "kind" and parts[1] == kind:
            good = parts[2].removeprefix("good=").split(",")
            better = parts[3].removeprefix("better=").split(",")
            return good, better
    raise AssertionError(f"no kind {kind!r} in structure.txt")


TR = rating_texts("tr")
AR = rating_texts("ar")
NL = rating_texts("nl")


def rating_path(server) -> str:
    path = server.demo["ratingMomentPath"]
    assert re.fullmatch(r"/m/[a-z0-9]+", path), path
    return path


def moment_path(server) -> str:
    return f"/staff/moments/{server.demo['momentID'].lower()}"


def moments_path(server) -> str:
    return f"/staff/schools/{server.demo['schoolIDs'][0].lower()}/moments"


def database(server):
    return sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10)


def ratings_of_moment(server) -> list[dict]:
    """Every stored rating of the open demo moment."""
    with database(server) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM moment_ratings WHERE upper(moment_id) = upper(?)",
                          (server.demo["momentID"],)).fetchall()
    return [dict(row) for row in rows]


def send_plain_rating(server, face: int) -> None:
    """A rating from a new phone without a browser: the page gives the cookie and the form's check, then the send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    with opener.open(server.url(rating_path(server) + "?lang=nl")) as page:
        check = re.search(r'name="check" value="([^"]+)"', page.read().decode()).group(1)
    form = urllib.parse.urlencode({"lang": "nl", "check": check, "face": str(face), "text": ""}).encode()
    try:
        opener.open(server.url(rating_path(server)), data=form)
        raise AssertionError("a rating was not answered with a redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 303, answer.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def release_pending_ratings(server) -> None:
    """Sends plain ratings until the open moment has no pending one: they are released together."""
    pending = [row for row in ratings_of_moment(server) if row["released"] is None]
    for _ in range((THRESHOLD - len(pending)) if pending else 0):
        send_plain_rating(server, 4)
    assert all(row["released"] is not None for row in ratings_of_moment(server)), "the pending ratings were not released"


def rating_with_text(server, text: str) -> dict:
    rows = [row for row in ratings_of_moment(server) if row["text"] == text]
    assert len(rows) == 1, f"{len(rows)} stored rating(s) of the open moment with the sentence {text!r}"
    return rows[0]


def moment_counts(server) -> dict[str, int]:
    """{moment title: ratings} of the first school, from the database."""
    with database(server) as db:
        return dict(db.execute(
            "SELECT m.title, COUNT(r.id) FROM moments m LEFT JOIN moment_ratings r ON upper(r.moment_id) = upper(m.id) "
            "WHERE upper(m.school_id) = upper(?) GROUP BY m.id", (server.demo["schoolIDs"][0],)).fetchall())


def school_name(server) -> str:
    with database(server) as db:
        return db.execute("SELECT name FROM schools WHERE upper(id) = upper(?)", (server.demo["schoolIDs"][0],)).fetchone()[0]


def language_nav(driver, label: str) -> dict[str, str]:
    """The language links of a rating page: {lang: link text}, each to `?lang=` of this page, named in itself."""
    navs = all_css(driver, f"main nav[aria-label='{label}']")
    assert len(navs) == 1, f"{len(navs)} language navigation(s) labelled {label!r}"
    found = {}
    for link in navs[0].find_elements(By.CSS_SELECTOR, "a"):
        lang = link.get_attribute("lang")
        assert link.get_attribute("hreflang") == lang
        href = urlparse(link.get_attribute("href"))
        assert href.path == urlparse(driver.current_url).path and href.query == f"lang={lang}", link.get_attribute("href")
        found[lang] = link.text
    return found


def faces(driver, texts: dict[str, str]) -> None:
    """The four faces: radios `face` 4 … 1, each with a drawn face and its words in the page's language."""
    radios = all_css(driver, "main fieldset.question input[type=radio]")
    assert [(r.get_attribute("name"), r.get_attribute("value"), r.get_attribute("id")) for r in radios] == \
        [("face", str(v), f"f{v}") for v in (4, 3, 2, 1)]
    assert css(driver, "main fieldset.question legend").text == texts["rating.face_hint"]
    for value in (4, 3, 2, 1):
        label = css(driver, f"main label[for='f{value}']")
        assert label.find_elements(By.CSS_SELECTOR, "svg"), f"face {value} has no drawing"
        assert label.text == texts[f"rating.face.{value}"]


def chosen_face(driver) -> int | None:
    chosen = [int(r.get_attribute("value")) for r in all_css(driver, "main input[name=face]") if r.is_selected()]
    assert len(chosen) <= 1, chosen
    return chosen[0] if chosen else None


def tap_face(driver, value: int) -> None:
    css(driver, f"main label[for='f{value}']").click()
    assert css(driver, f"#f{value}").is_selected(), f"tapping face {value} did not choose it"


def tap_chip(driver, group: str, chip: str) -> None:
    box = css(driver, f"#{group}-{chip}")
    assert box.get_attribute("name") == "chips[]" and box.get_attribute("value") == chip
    assert not box.is_selected()
    css(driver, f"main label[for='{group}-{chip}']").click()
    assert box.is_selected(), f"tapping chip {chip} did not choose it"


def chips_shown(driver, texts: dict[str, str], kind: str = "oudercontact") -> None:
    """The chips of the kind of moment, under "what was good?" and "what could be better?", in the page's language."""
    good, better = chips_of(kind)
    groups = all_css(driver, "main fieldset.chip-group")
    assert len(groups) == 2
    for group, name, chips, legend in ((groups[0], "good", good, "rating.good"), (groups[1], "better", better, "rating.better")):
        assert group.find_element(By.CSS_SELECTOR, "legend").text == texts[legend]
        boxes = group.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
        assert [b.get_attribute("value") for b in boxes] == chips
        labels = [group.find_element(By.CSS_SELECTOR, f"label[for='{name}-{chip}']").text for chip in chips]
        assert labels == [texts[f"chip.{chip}"] for chip in chips]


def send(driver) -> None:
    buttons = all_css(driver, "main form button[type=submit]")
    assert len(buttons) == 1
    wait_for_new_page(driver, buttons[0].click)


def rtl(driver, lang: str, what: str) -> None:
    assert css(driver, "html").get_attribute("lang") == lang, what
    assert driver.execute_script("return document.documentElement.dir") == "rtl", f"{what}: <html> is not rtl"
    direction = driver.execute_script("return getComputedStyle(document.querySelector('main')).direction")
    assert direction == "rtl", f"{what}: <main> is laid out {direction}"


def fits(driver, what: str) -> None:
    """No sideways scroll at 320 px: the window is that narrow and nothing sticks out of it."""
    no_sideways_scroll(driver, what)
    scroll, client = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{what} scrolls sideways: scrollWidth {scroll} > clientWidth {client}"
    # Nothing sticks out on either side either (right to left, an overflow would go to the left).
    outside = driver.execute_script("""
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('main *')].map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width && (r.left < -0.5 || r.right > width + 0.5))
            .map(([e, r]) => `<${e.tagName.toLowerCase()} class="${e.className.baseVal ?? e.className}"> ${r.left}..${r.right}`);""")
    assert not outside, f"{what}: elements outside the {client}px: {outside[:5]}"


def table_rows(table) -> dict[str, list[str]]:
    """{first cell's text: the other cells' texts} of a table's body."""
    rows = {}
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = row.find_elements(By.XPATH, "./th|./td")
        rows[cells[0].text] = [cell.text for cell in cells[1:]]
    return rows


def sentence_item(driver, text: str):
    items = [li for li in all_css(driver, "main li.open-answer") if li.find_element(By.CSS_SELECTOR, "p").text == text]
    assert len(items) == 1, f"{len(items)} sentence(s) {text!r} on the moment's page"
    return items[0]


def sentence_button(item, label: str):
    buttons = [b for b in item.find_elements(By.CSS_SELECTOR, "form[method=post] button[type=submit]") if b.text == label]
    assert len(buttons) == 1, f"no button {label!r} in {item.get_attribute('outerHTML')}"
    return buttons[0]


def moderations(server, rating_id: str) -> list[str]:
    with database(server) as db:
        return [row[0] for row in db.execute("SELECT action FROM rating_moderations WHERE upper(rating_id) = upper(?) ORDER BY at",
                                             (rating_id,))]


def open_moments_page(driver, server, visit, name: str) -> None:
    """Signs in as the first school's lead and follows the school page's link to the moments."""
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), name)
    assert visit(f"{name}-school").status == 200
    links = all_css(driver, f"main a[href='{moments_path(server)}']")
    assert len(links) == 1, "the school page has no link to the moments"
    assert links[0].text == "Momenten en beoordelingen van ouders"
    wait_for_new_page(driver, links[0].click)
    assert path_of(driver) == moments_path(server)
    assert h1(driver) == "Momenten en beoordelingen"


def profile_button(driver, label: str):
    buttons = [b for b in all_css(driver, "main section[aria-labelledby='profile-title'] form button[type=submit]")
               if b.text == label]
    assert len(buttons) == 1, f"no button {label!r} in the profile section"
    return buttons[0]


# ---------------------------------------------------------------------------------------------------------------
# the stories


@pytest.fixture(scope="module")
def phone():
    """One parent's phone for the first tests: 320 px wide, JavaScript off. Its device cookie lasts across them."""
    browser = make_driver(width=320, height=800, prefs=NO_JAVASCRIPT)
    yield browser
    browser.quit()


def test_parent_rates_a_moment_in_turkish_on_a_small_phone_without_javascript(server, visit, phone):
    path = rating_path(server)
    seeded = DEMO_MOMENTS[OPEN_MOMENT]
    assert len(ratings_of_moment(server)) == seeded, f"the open moment has {len(ratings_of_moment(server))} ratings, not {seeded}"
    # JavaScript is really off: a page's own script does not run, its <noscript> shows.
    phone.get("data:text/html,<title>off</title><noscript><p id=n>no script</p></noscript>"
              "<script>document.title='on'</script>")
    assert phone.title == "off" and phone.find_element(By.ID, "n").is_displayed()

    # The link (from the QR code) opens in the browser's language, with every language of the school on top.
    open_page(phone, server, path)
    page = visit("rating-nojs-320", phone, accessibility=False)
    assert page.status == 200
    assert css(phone, "html").get_attribute("lang") == "nl"
    assert h1(phone) == NL["rating.title"]
    assert language_nav(phone, NL["rating.choose_language"]) == offered(server), "each language is named in itself"
    assert not all_css(phone, "header form[action='/logout']"), "parents are never signed in"
    turkish = phone.find_element(By.XPATH, "//main//nav//a[normalize-space()='Türkçe']")
    assert turkish.get_attribute("lang") == "tr"
    wait_for_new_page(phone, turkish.click)

    assert path_of(phone) == f"{path}?lang=tr"
    assert css(phone, "html").get_attribute("lang") == "tr"
    assert css(phone, "html").get_attribute("dir") == "ltr"
    page = visit("rating-tr-nojs-320", phone, accessibility=False)
    assert page.status == 200
    assert '<html lang="tr" dir="ltr"' in page.html
    assert h1(phone) == TR["rating.title"] == "Nasıldı?"
    assert OPEN_MOMENT in css(phone, "main p.moment-when").text
    assert css(phone, "main nav a[lang='tr']").get_attribute("aria-current") == "true"
    faces(phone, TR)
    chips_shown(phone, TR)
    assert css(phone, "label[for='text']").text == TR["rating.text_label"]
    assert css(phone, "main form button[type=submit]").text == TR["rating.submit"]
    assert css(phone, "main p.privacy").text == TR["rating.privacy"]
    assert chosen_face(phone) is None and not all_css(phone, "main p.notice")
    fits(phone, "the rating page (Turkish, no JavaScript)")

    # The device is recognised by a random cookie only, which scripts cannot read.
    cookies = {c["name"]: c for c in phone.get_cookies()}
    assert "samenspraak_device" in cookies, f"no device cookie: {list(cookies)}"
    device = cookies["samenspraak_device"]
    assert device["httpOnly"] and device["path"] == "/m/", device

    # A chip and a sentence, but no face yet: refused, in Turkish, with what was typed kept.
    tap_chip(phone, "good", "welcome")
    fill(phone, "#text", TURKISH_SENTENCE)
    send(phone)
    page = visit("rating-tr-no-face-nojs", phone, accessibility=False)
    assert page.status == 422 and page.method == "POST"
    assert path_of(phone) == path
    assert css(phone, "html").get_attribute("lang") == "tr"
    error = css(phone, "main p.error")
    assert error.text == TR["rating.error.face"] and error.get_attribute("role") == "alert"
    assert css(phone, "#text").get_attribute("value") == TURKISH_SENTENCE, "the typed sentence was lost"
    assert css(phone, "#good-welcome").is_selected(), "the tapped chip was lost"
    assert chosen_face(phone) is None
    assert len(ratings_of_moment(server)) == seeded, "a rating without a face was stored"

    # Now with a face: the thank-you page, and the rating stored as given.
    tap_face(phone, 4)
    send(phone)
    assert path_of(phone) == f"{path}/thanks?lang=tr"
    page = visit("rating-thanks-tr-nojs", phone, accessibility=False)
    assert page.status == 200
    assert h1(phone) == TR["rating.thanks.title"]
    assert css(phone, "html").get_attribute("lang") == "tr"
    assert TR["rating.thanks.text"] in css(phone, "main").text
    fits(phone, "the thank-you page (Turkish, no JavaScript)")
    rating = rating_with_text(server, TURKISH_SENTENCE)
    assert (rating["face"], rating["chips"], rating["language"]) == (4, "welcome", "tr")
    assert len(ratings_of_moment(server)) == seeded + 1
    assert rating["device_hash"] != device["value"] and device["value"] not in rating.values(), \
        "the device's cookie is stored as it is, not as a keyed hash"


def test_a_second_visit_of_that_phone_changes_its_rating(server, visit, phone):
    path = rating_path(server)
    if not [row for row in ratings_of_moment(server) if row["text"] == TURKISH_SENTENCE]:
        pytest.fail("the Turkish rating is not in the database: run the whole module, the parent's first rating comes first")
    # The link again on the same phone: the answer arrived (in Turkish, the language it was sent in), and it can be
    # changed (one rating per device) ...
    open_page(phone, server, path)
    page = visit("rating-again-nojs", phone, accessibility=False)
    assert page.status == 200
    assert css(phone, "html").get_attribute("lang") == "tr"
    assert h1(phone) == TR["rating.thanks.title"]
    assert not all_css(phone, "main form"), "the sent rating is offered to send again"
    # ... on the form, which shows this phone's rating.
    wait_for_new_page(phone, phone.find_element(By.XPATH, f"//main//a[normalize-space()='{TR['rating.change']}']").click)
    assert path_of(phone) == f"{path}?lang=tr&change=1"
    page = visit("rating-again-tr-nojs", phone, accessibility=False)
    assert page.status == 200
    assert css(phone, "main p.notice").text == TR["rating.already"]
    assert chosen_face(phone) == 4
    assert css(phone, "#good-welcome").is_selected()
    assert css(phone, "#text").get_attribute("value") == TURKISH_SENTENCE
    tap_face(phone, 3)
    send(phone)
    assert path_of(phone) == f"{path}/thanks?lang=tr"
    page = visit("rating-thanks-again-nojs", phone, accessibility=False)
    assert page.status == 200
    assert h1(phone) == TR["rating.thanks.title"]

    # One row for this device and moment, changed: face 3, Turkish, the chip and the sentence as given.
    ratings = ratings_of_moment(server)
    assert len(ratings) == DEMO_MOMENTS[OPEN_MOMENT] + 1, f"{len(ratings) - DEMO_MOMENTS[OPEN_MOMENT]} ratings added, not one"
    rating = rating_with_text(server, TURKISH_SENTENCE)
    assert rating["face"] == 3 and rating["language"] == "tr" and rating["chips"] == "welcome"
    assert not rating["text_hidden"] and not rating["text_public"]
    assert [r["device_hash"] for r in ratings].count(rating["device_hash"]) == 1
    day = datetime.date.fromisoformat(rating["day"])
    assert abs((day - server_now().date()).days) <= 1, rating["day"]
    # Nothing that points at a person: no address, no browser, no time of day.
    with database(server) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(moment_ratings)")}
    assert columns == RATING_COLUMNS, f"moment_ratings has columns {sorted(columns)}"


def test_the_link_opens_again_in_the_language_the_phone_rated_in(server, visit, phone):
    """A parent who rated in Turkish and scans the QR code again hears in Turkish, not the phone's Dutch, that the
    answer arrived, and the form to change it is in Turkish too."""
    path = rating_path(server)
    rating = rating_with_text(server, TURKISH_SENTENCE)
    assert rating["language"] == "tr"
    open_page(phone, server, path)
    page = visit("rating-link-again-nojs", phone, accessibility=False)
    assert page.status == 200
    lang = css(phone, "html").get_attribute("lang")
    assert lang == "tr", (f"the phone rated in Turkish, but opening {path} again shows the page in {lang!r} "
                          f"(the browser's Accept-Language)")
    assert TR["rating.thanks.text"] in css(phone, "main").text
    wait_for_new_page(phone, phone.find_element(By.XPATH, f"//main//a[normalize-space()='{TR['rating.change']}']").click)
    assert css(phone, "html").get_attribute("lang") == "tr"
    assert css(phone, "main p.notice").text == TR["rating.already"]
    assert chosen_face(phone) == 3


def test_rating_page_fits_320px_and_reads_right_to_left_in_arabic(server, driver, visit):
    path = rating_path(server)
    before = len(ratings_of_moment(server))
    driver.set_window_size(320, 800)
    for lang, texts in (("nl", NL), ("tr", TR)):
        open_page(driver, server, f"{path}?lang={lang}")
        assert h1(driver) == texts["rating.title"]
        fits(driver, f"the rating page ({lang})")
        visit(f"rating-320-{lang}")
        # The faces and chips stay big enough to tap on a small phone (WCAG 2.5.8: at least 24 by 24 px).
        for label in all_css(driver, "main fieldset.question label, main .chips label"):
            size = label.size
            assert size["width"] >= 24 and size["height"] >= 24, f"{label.text!r} is only {size} at 320px ({lang})"

    open_page(driver, server, f"{path}?lang=ar")
    rtl(driver, "ar", "the rating page")
    fits(driver, "the rating page (ar)")
    page = visit("rating-320-ar")
    assert page.status == 200
    assert '<html lang="ar" dir="rtl"' in page.html
    assert h1(driver) == AR["rating.title"]
    faces(driver, AR)
    chips_shown(driver, AR)

    # Sent without a face: refused in Arabic, the sentence kept.
    fill(driver, "#text", ARABIC_SENTENCE)
    send(driver)
    page = visit("rating-no-face-ar")
    assert page.status == 422 and page.method == "POST"
    rtl(driver, "ar", "the refused rating")
    assert css(driver, "main p.error").text == AR["rating.error.face"]
    assert css(driver, "#text").get_attribute("value") == ARABIC_SENTENCE
    assert len(ratings_of_moment(server)) == before, "a rating without a face was stored"

    driver.set_window_size(1280, 900)
    open_page(driver, server, f"{path}?lang=ar")
    rtl(driver, "ar", "the rating page, wide")
    visit("rating-ar")


def test_back_after_rating_in_arabic_says_the_answer_arrived(server, driver, visit):
    """Sent, then "back": not the form as if nothing was sent, but "your answer arrived", in the language chosen."""
    path = rating_path(server)
    before = len(ratings_of_moment(server))
    open_page(driver, server, f"{path}?lang=ar")
    tap_face(driver, 4)
    send(driver)
    assert path_of(driver) == f"{path}/thanks?lang=ar"
    assert len(ratings_of_moment(server)) == before + 1
    driver.back()
    assert path_of(driver) == f"{path}?lang=ar"
    rtl(driver, "ar", "the rating page after sending")
    assert h1(driver) == AR["rating.thanks.title"]
    assert AR["rating.thanks.text"] in css(driver, "main").text
    assert not all_css(driver, "main form"), "the sent rating is offered to send again"
    page = visit("rating-arrived-ar")
    assert page.status == 200
    assert len(ratings_of_moment(server)) == before + 1


def test_lead_reads_the_ratings_replies_and_hides_a_sentence(server, driver, visit):
    turkish = [row for row in ratings_of_moment(server) if row["text"] == TURKISH_SENTENCE]
    if not turkish:
        pytest.fail("the Turkish rating is not in the database: run the whole module, the parent's test comes first")
    # Still pending: the lead sees nothing of it yet.
    assert turkish[0]["released"] is None
    open_moments_page(driver, server, visit, "lead")
    open_page(driver, server, moment_path(server))
    assert TURKISH_SENTENCE not in driver.page_source, "one new rating shows before its group is released"
    release_pending_ratings(server)
    counts = moment_counts(server)
    assert {title: n for title, n in counts.items() if title != OPEN_MOMENT} == \
        {title: n for title, n in DEMO_MOMENTS.items() if title != OPEN_MOMENT}

    open_page(driver, server, moments_path(server))
    page = visit("moments")
    assert page.status == 200

    # Every moment, with its number of ratings; too few show nothing, not even how many.
    listed = {}
    for row in css(driver, "main table.data").find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = row.find_elements(By.CSS_SELECTOR, "td")
        link = cells[1].find_element(By.CSS_SELECTOR, "a")
        listed[link.text] = {"ratings": cells[2].text, "index": cells[3].text, "state": cells[4].text,
                             "href": urlparse(link.get_attribute("href")).path}
    assert set(listed) == set(DEMO_MOMENTS), sorted(listed)
    assert listed[TOO_FEW_MOMENT]["ratings"] == f"minder dan {THRESHOLD}"
    assert listed[TOO_FEW_MOMENT]["index"] == "–"
    assert listed["Herfstfeest"]["ratings"] == "31 beoordelingen"
    assert listed[OPEN_MOMENT]["ratings"] == f"{counts[OPEN_MOMENT]} beoordelingen"
    assert listed[OPEN_MOMENT]["state"] == "open"
    for title, n in counts.items():
        if n >= THRESHOLD:
            match = INDEX_VALUE.fullmatch(listed[title]["index"])
            assert match, f"{title}: index {listed[title]['index']!r}"
            index, low, high = map(int, match.groups())
            assert 0 <= low <= index <= high <= 100, f"{title}: {listed[title]['index']}"

    # The index over the school year: per block a chart per line and a table with a column per month.
    trend = css(driver, "main section[aria-labelledby='trend-title']")
    assert trend.find_element(By.CSS_SELECTOR, "h2").text == "De index over het schooljaar"
    blocks = trend.find_elements(By.CSS_SELECTOR, "div.trend-block")
    assert [b.find_element(By.CSS_SELECTOR, "h3").text for b in blocks] == ["Per soort moment", "Per sleutel"]
    for block in blocks:
        charts = block.find_elements(By.CSS_SELECTOR, "svg.spark")
        assert charts, "a block of the trend without charts"
        for chart in charts:
            assert chart.get_attribute("role") == "img"
            assert chart.get_attribute("aria-label").startswith("Index per maand voor "), chart.get_attribute("aria-label")
        table = block.find_element(By.CSS_SELECTOR, "table.trend-table")
        months = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]
        assert months and set(months) <= MONTHS, months
        lines = table.find_elements(By.CSS_SELECTOR, "tbody tr")
        assert len(lines) == len(charts), "not one table row per chart"
        for line in lines:
            assert len(line.find_elements(By.CSS_SELECTOR, "td")) == len(months)

    # The moment with too few ratings shows no figures on its own page either.
    open_page(driver, server, listed[TOO_FEW_MOMENT]["href"])
    page = visit("moment-too-few")
    assert page.status == 200
    assert h1(driver) == TOO_FEW_MOMENT
    notice = css(driver, "main section[aria-labelledby='results-title'] p.notice").text
    assert notice.startswith(f"Nog minder dan {THRESHOLD} beoordelingen."), notice
    assert not all_css(driver, "main svg.bar, main table.chip-table, main li.open-answer, main p.score")
    open_page(driver, server, moments_path(server))

    # The open moment: what parents say.
    link = css(driver, f"main table.data a[href='{moment_path(server)}']")
    assert link.text == OPEN_MOMENT
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == moment_path(server)
    page = visit("moment")
    assert page.status == 200
    assert h1(driver) == OPEN_MOMENT
    ratings = ratings_of_moment(server)
    results = css(driver, "main section[aria-labelledby='results-title']")
    assert results.find_element(By.CSS_SELECTOR, "h2").text == "Wat ouders zeggen"
    assert f"{len(ratings)} beoordelingen" in [p.text for p in results.find_elements(By.CSS_SELECTOR, "p")]
    assert f"De cijfers worden bijgewerkt na elke {THRESHOLD} nieuwe beoordelingen" in results.text
    score = results.find_element(By.CSS_SELECTOR, "p.score").text
    assert score.startswith("Tevredenheidsindex: ") and INDEX_VALUE.fullmatch(score.removeprefix("Tevredenheidsindex: ")), score
    bar = results.find_element(By.CSS_SELECTOR, "svg.bar")
    assert bar.get_attribute("role") == "img"
    match = BAR_LABEL.fullmatch(bar.get_attribute("aria-label") or "")
    assert match, f"the bar's label: {bar.get_attribute('aria-label')!r}"
    assert [int(n) for n in match.groups()] == [sum(r["face"] == face for r in ratings) for face in (4, 3, 2, 1)]

    # The chips, counted: each chip of the kind with how many parents tapped it.
    good, better = chips_of("oudercontact")
    tables = results.find_elements(By.CSS_SELECTOR, "table.chip-table")
    assert len(tables) == 2
    for table, chips in zip(tables, (good, better)):
        shown = {name: cells[0] for name, cells in table_rows(table).items()}
        expected = {NL[f"chip.{chip}"]: str(sum(chip in r["chips"].split(",") for r in ratings)) for chip in chips}
        assert {name: shown.get(name, "0") for name in expected} == expected
        assert set(shown) <= set(expected), f"chips of another kind: {set(shown) - set(expected)}"

    # The sentences, the Turkish one among them.
    assert "Wat ouders schreven" in [h3.text for h3 in results.find_elements(By.CSS_SELECTOR, "h3")]
    written = [p.text for p in results.find_elements(By.CSS_SELECTOR, "li.open-answer > p")]
    assert sorted(written) == sorted(r["text"] for r in ratings if r["text"]), written
    assert TURKISH_SENTENCE in written

    # The link for parents, whole, to print or send.
    rating_link = css(driver, "#rating-link")
    assert rating_link.get_attribute("href") == server.url(rating_path(server))
    assert rating_link.text == server.url(rating_path(server))

    # A reply to the parents.
    assert not css(driver, "#reply").get_attribute("value")
    fill(driver, "#reply", REPLY)
    form = css(driver, f"main form[action='{moment_path(server)}/reply']")
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    assert button.text == "Antwoord bewaren"
    wait_for_new_page(driver, button.click)
    assert path_of(driver) == f"{moment_path(server)}?saved=reply"
    page = visit("moment-reply-saved")
    assert page.status == 200
    notice = css(driver, "main .notice").text
    assert notice.startswith("Het antwoord is bewaard."), notice
    assert css(driver, "#reply").get_attribute("value") == REPLY

    # A parent opening the link now reads the reply.
    parent = make_driver()
    try:
        open_page(parent, server, rating_path(server))
        page = visit("rating-with-reply", parent)
        assert page.status == 200
        section = css(parent, "main section.reply")
        assert section.find_element(By.CSS_SELECTOR, "h2").text == NL["rating.reply"] == "Wat de school antwoordt"
        assert section.find_element(By.CSS_SELECTOR, "p").text == REPLY
        assert TURKISH_SENTENCE not in page.html, "a parent sees another parent's sentence"
    finally:
        parent.quit()

    # Hide the Turkish sentence: marked, with who and when ...
    rating_id = turkish[0]["id"]
    assert moderations(server, rating_id) == []
    item = sentence_item(driver, TURKISH_SENTENCE)
    assert "is-hidden" not in item.get_attribute("class").split()
    wait_for_new_page(driver, sentence_button(item, "Verbergen").click)
    assert path_of(driver) == moment_path(server)
    page = visit("moment-sentence-hidden")
    assert page.status == 200
    item = sentence_item(driver, TURKISH_SENTENCE)
    assert "is-hidden" in item.get_attribute("class").split(), item.get_attribute("outerHTML")
    badge = item.find_element(By.CSS_SELECTOR, ".badge").text
    assert re.fullmatch(r"Verborgen door .+ op .+\.", badge), badge
    assert not item.find_elements(By.XPATH, ".//button[normalize-space()='Tonen op het publieke profiel']"), \
        "a hidden sentence can be put on the public profile"
    assert len(all_css(driver, "main li.open-answer.is-hidden")) == 1, "hiding one sentence hid others too"
    assert rating_with_text(server, TURKISH_SENTENCE)["text_hidden"]
    assert moderations(server, rating_id) == ["hide"]

    # ... and shown again.
    wait_for_new_page(driver, sentence_button(item, "Opnieuw tonen").click)
    assert path_of(driver) == moment_path(server)
    page = visit("moment-sentence-shown-again")
    assert page.status == 200
    item = sentence_item(driver, TURKISH_SENTENCE)
    assert "is-hidden" not in item.get_attribute("class").split()
    assert not any(b.text.startswith("Verborgen") for b in item.find_elements(By.CSS_SELECTOR, ".badge"))
    sentence_button(item, "Verbergen")
    assert not rating_with_text(server, TURKISH_SENTENCE)["text_hidden"]
    assert moderations(server, rating_id) == ["hide", "show"]


def test_public_profile_shows_only_enough_ratings_and_goes_offline(server, driver, visit):
    profile = server.demo["profilePath"]
    assert re.fullmatch(r"/school/[a-z0-9-]+", profile), profile
    counts = moment_counts(server)
    name = school_name(server)

    visitor = make_driver()
    try:
        open_page(visitor, server, profile)
        page = visit("profile", visitor)
        assert page.status == 200
        assert h1(visitor) == name
        assert not all_css(visitor, "header form[action='/logout']") and 'name="_csrf"' not in page.html
        strengths = css(visitor, "main section[aria-labelledby='strengths-title']")
        assert strengths.find_element(By.CSS_SELECTOR, "h2").text == "Wat ouders het hoogst waarderen"
        assert strengths.find_elements(By.CSS_SELECTOR, "ul.cards > li"), "no strengths from the parent survey"

        moments = css(visitor, "main section[aria-labelledby='moments-title']")
        assert moments.find_element(By.CSS_SELECTOR, "h2").text == "Hoe ouders recente momenten beoordeelden"
        cards = {card.find_element(By.CSS_SELECTOR, "h3").text: card for card in moments.find_elements(By.CSS_SELECTOR, "ul.cards > li")}
        assert set(cards) == {title for title, n in counts.items() if n >= THRESHOLD}, sorted(cards)
        for title, card in cards.items():
            text = card.find_element(By.CSS_SELECTOR, "p.score").text
            match = PROFILE_INDEX.fullmatch(text)
            assert match, f"{title}: {text!r}"
            index, low, high, n = map(int, match.groups())
            assert 0 <= low <= index <= high <= 100 and n == counts[title], f"{title}: {text!r} ({counts[title]} ratings)"
        # Four ratings are too few: the moment is nowhere, not even its name.
        assert TOO_FEW_MOMENT not in css(visitor, "body").text and TOO_FEW_MOMENT not in page.html
        reply = cards[OPEN_MOMENT].find_elements(By.CSS_SELECTOR, ".reply p")
        assert [p.text for p in reply] == [REPLY], "the school's reply is not on the profile"
        assert TURKISH_SENTENCE not in page.html, "a sentence the school did not choose is on the profile"

        # The lead takes the profile offline ...
        open_moments_page(driver, server, visit, "lead")
        assert visit("moments").status == 200
        section = css(driver, "main section[aria-labelledby='profile-title']")
        assert "Het profiel staat online." in section.text
        assert urlparse(css(driver, "#profile-link").get_attribute("href")).path == profile
        wait_for_new_page(driver, profile_button(driver, "Profiel offline halen").click)
        try:
            assert path_of(driver) == f"{moments_path(server)}?profile=unpublished"
            page = visit("moments-profile-offline")
            assert page.status == 200
            assert "Het profiel is offline gehaald." in css(driver, "main .notice").text
            assert not all_css(driver, "#profile-link")

            # ... and it is gone for the visitor at once.
            visitor.refresh()
            page = visit("profile-offline", visitor)
            assert page.status == 404
            assert h1(visitor) == "Pagina niet gevonden"
            assert REPLY not in page.html
        finally:
            # Published again, as the demo had it.
            button = profile_button(driver, "Profiel publiceren")
            wait_for_new_page(driver, button.click)
        assert path_of(driver) == f"{moments_path(server)}?profile=published"
        page = visit("moments-profile-online")
        assert page.status == 200
        assert "Het profiel staat online." in css(driver, "main .notice").text
        assert urlparse(css(driver, "#profile-link").get_attribute("href")).path == profile

        visitor.refresh()
        page = visit("profile-online-again", visitor)
        assert page.status == 200
        assert h1(visitor) == name
    finally:
        visitor.quit()

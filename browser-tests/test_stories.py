"""The stories website: a lead writes a story with a photo, the coordinator publishes it, a visitor finds it.

The demo seeds 14 stories (`seedStories` in Demo.swift): 12 published across the keys from the four schools (two of
them anonymous), "Een ontbijt voor vaders" of the first school waiting for review, and one draft. The first school's
own published stories are "Goedemorgen in tien talen", "Papa's aan de poort" (key 9) and "Meer deuren naar de school"
(anonymous); its report's growth keys are 9 and 11, where the other schools have "Een brugfiguur in de klas" and
"Samen met het buurtcentrum" (key 11).

The tests below run in the order they are written and build on each other: the lead's story (first test) is
published by the coordinator (second), found by a visitor (third); the report (last) links to other schools' stories,
never to the school's own. They add one story; no other test counts stories. Every page goes through `visit(name)`:
axe-core, a screenshot and the server's HTML for `test_zz_html_is_valid`. The texts are the Dutch catalog's (the
browser prefers nl-BE).
"""

from __future__ import annotations

import datetime
import re
import sqlite3
import struct
import urllib.request
import xml.etree.ElementTree as ET
import zlib
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO_ROOT
from test_plan import COORDINATOR_NAME, MONTHS, error_summary, press, school_id
from test_report import fetch_anonymously, sign_in_as, staff_member, wave_path
from test_staff_flow import all_css, css, field_error, fill, h1, open_page, path_of, set_checked, sign_in, wait_for_new_page
from test_team_and_comparison import brussels_today, follow_link

QUESTIONNAIRE_DIR = REPO_ROOT / "Sources" / "SamenspraakApp" / "Resources" / "questionnaires" / "parents-v1"

DEMO_STORIES = 14
SCHOOL_NAME = "Basisschool De Regenboog"
SCHOOL_SLUG = "basisschool-de-regenboog"

TITLE = "Vaders aan de schoolpoort"
UNIQUE_WORD = "Zeppelinvaders"  # in the body only, and in no demo story
SUMMARY = "Elke vrijdag staan vaders aan de poort om ouders te begroeten. Zo leren ze de school en elkaar kennen."
BODY = "\n".join([
    f"Elke vrijdag staan de vaders aan de schoolpoort: de {UNIQUE_WORD}, zo noemen de kinderen hen.",
    "",
    "Het werkt **vet** goed:",
    "",
    "- ze helpen bij het fietsenrek",
    "- ze vertellen in de klas over hun werk",
    "",
    "Meer over de buurt lees je bij [de stad](https://stad.gent).",
    "",
    "<script>window.__pwned=1</script>",
    "",
    "Een link die niets mag doen: [klik](javascript:window.__pwned=2).",
])
KEYS = (9, 4)
PHOTO_ALT = "Vaders en kinderen aan de schoolpoort"
PHOTO_SIZE = (40, 30)
NOT_AN_IMAGE = "<svg onload=alert(1)>"

OTHER_SCHOOLS_STORY = "Een brugfiguur in de klas"  # of the third school, key 11
OWN_KEY_9_STORY = "Papa's aan de poort"  # of the first school itself, key 9
KEY_9 = "Sleutel 9: Aandacht voor vaders"
VERSION_LINE = re.compile(r"Versie (?P<n>\d+): (?P<event>.+) door (?P<name>.+) op (?P<day>\d{1,2}) (?P<month>[a-z]+) (?P<year>\d{4})")
ATOM = "{http://www.w3.org/2005/Atom}"


# ---------------------------------------------------------------------------------------------------------------
# helpers



def count_label(n: int) -> str:
    """How the stories site counts stories: "1 verhaal", "3 verhalen"."""
    return "1 verhaal" if n == 1 else f"{n} verhalen"

def database(server):
    return sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10)


def stories_count(server) -> int:
    with database(server) as db:
        return db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]


def story_in_database(server, title: str = TITLE) -> dict | None:
    """The stored story with this title, its keys (rows of their own) as "4,9"."""
    with database(server) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM stories WHERE title = ?", (title,)).fetchall()
        assert len(rows) <= 1, f"{len(rows)} stored stories {title!r}"
        if not rows:
            return None
        keys = [row[0] for row in db.execute("SELECT key FROM story_keys WHERE story_id = ? ORDER BY key", (rows[0]["id"],))]
    return {**dict(rows[0]), "keys": ",".join(str(key) for key in keys)}


def the_story(server) -> dict:
    """The lead's story, which the first test writes."""
    story = story_in_database(server)
    if story is None:
        pytest.fail("the lead's story is not in the database: run the whole module, the lead's test comes first")
    return story


def photo_in_database(server, photo_id: str) -> dict:
    with database(server) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM story_photos WHERE upper(id) = upper(?)", (photo_id,)).fetchone()
    assert row is not None, f"no stored photo {photo_id}"
    return dict(row)


def versions_in_database(server, story_id: str) -> list[tuple[int, str]]:
    with database(server) as db:
        return db.execute("SELECT number, event FROM story_versions WHERE upper(story_id) = upper(?) ORDER BY number",
                          (story_id,)).fetchall()


def user_name(server, email: str) -> str:
    with database(server) as db:
        return db.execute("SELECT name FROM users WHERE email = ?", (email,)).fetchone()[0]


def published_stories(server) -> list[dict]:
    """Every published story with its school's id (upper case) and keys."""
    with database(server) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT id, title, slug, anonymous, upper(school_id) AS school FROM stories WHERE status = 'published'").fetchall()
        keys = {}
        for story_id, key in db.execute("SELECT story_id, key FROM story_keys"):
            keys.setdefault(story_id, set()).add(key)
    return [{**{k: row[k] for k in ("title", "slug", "anonymous", "school")}, "keys": keys.get(row["id"], set())} for row in rows]


def key_names() -> dict[int, str]:
    """{key: name} from the Dutch parents' questionnaire, as the pages name the keys."""
    names = {}
    for line in (QUESTIONNAIRE_DIR / "nl.txt").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s*key\.(\d+)\s*=\s*(.+?)\s*", line)
        if match:
            names[int(match[1])] = match[2]
    assert sorted(names) == list(range(1, 13)), f"key names found: {sorted(names)}"
    return names


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_photo(width: int, height: int) -> bytes:
    """A real RGB PNG (a gradient), with a text chunk naming who took it: the metadata the app must remove."""
    rows = b"".join(b"\x00" + bytes(value for x in range(width) for value in (x * 6 % 256, y * 8 % 256, 160))
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Author\x00Juf Sarah")
            + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def png_chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, checking each chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    kinds, index = [], 8
    while index < len(data):
        (length,) = struct.unpack(">I", data[index:index + 4])
        kind, body = data[index + 4:index + 8], data[index + 8:index + 8 + length]
        (crc,) = struct.unpack(">I", data[index + 8 + length:index + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, f"bad CRC in chunk {kind!r}"
        kinds.append(kind)
        index += 12 + length
    return kinds


def status_line(driver) -> str:
    """The story's state on its staff page: "Verhalen · klad"."""
    return css(driver, "main p.lead strong").text


def notice(driver) -> str:
    notices = all_css(driver, "main .notice.success")
    assert len(notices) == 1, f"{len(notices)} success notices"
    assert notices[0].get_attribute("role") == "status"
    return notices[0].text


def history(driver) -> list[re.Match]:
    section = css(driver, "main section[aria-labelledby='history-title']")
    assert section.find_element(By.CSS_SELECTOR, "h2").text == "Geschiedenis"
    lines = [li.text for li in section.find_elements(By.CSS_SELECTOR, "ol.history > li")]
    matches = [VERSION_LINE.fullmatch(line) for line in lines]
    assert all(matches), f"history lines: {lines}"
    return matches


def version_day(match: re.Match) -> datetime.date:
    return datetime.date(int(match["year"]), MONTHS.index(match["month"]) + 1, int(match["day"]))


def photo_loaded(driver, alt: str, width: int):
    """The one image with this alt text, scrolled to and loaded (it is lazy), `width` pixels wide in the file."""
    images = [img for img in all_css(driver, "main img") if img.get_attribute("alt") == alt]
    assert len(images) == 1, f"{len(images)} image(s) with alt {alt!r}"
    image = images[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", image)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].complete", image))
    natural = driver.execute_script("return arguments[0].naturalWidth", image)
    assert natural == width, f"the photo {image.get_attribute('src')} did not load (naturalWidth {natural})"
    return image


def rendered_safely(driver, page_html: str, body) -> None:
    """The story's body rendered from Markdown, and nothing of the hostile parts: no script ran, none was sent."""
    assert [s.text for s in body.find_elements(By.CSS_SELECTOR, "strong")] == ["vet"]
    items = body.find_elements(By.CSS_SELECTOR, "ul > li")
    assert [li.text for li in items] == ["ze helpen bij het fietsenrek", "ze vertellen in de klas over hun werk"]
    links = body.find_elements(By.CSS_SELECTOR, "a")
    assert [(a.text, a.get_attribute("href"), a.get_attribute("rel")) for a in links] == \
        [("de stad", "https://stad.gent/", "nofollow noopener")], [a.get_attribute("outerHTML") for a in links]
    # The javascript: link is left as its text; the script is gone with its content.
    assert "Een link die niets mag doen: klik." in [p.text for p in body.find_elements(By.CSS_SELECTOR, "p")]
    assert driver.execute_script("return typeof window.__pwned") == "undefined", "a script of the story ran"
    assert "<script" not in page_html.lower(), "the page sends a <script>"
    assert "javascript:" not in page_html.lower(), "the page sends a javascript: address"
    assert "__pwned" not in page_html, "the hostile part of the story is in the page"
    assert UNIQUE_WORD in body.text


def story_cards(driver, container=None) -> list[dict]:
    """The story cards of a list: title, link path, byline, summary, key links."""
    cards = []
    for li in (container or driver).find_elements(By.CSS_SELECTOR, "ul.cards.stories > li"):
        link = li.find_element(By.CSS_SELECTOR, "h2 a, h3 a")
        cards.append({"title": link.text, "path": urlparse(link.get_attribute("href")).path, "link": link,
                      "byline": li.find_element(By.CSS_SELECTOR, "p.muted").text,
                      "keys": [a.text for a in li.find_elements(By.CSS_SELECTOR, "ul.key-tags a")]})
    return cards


def search(driver, words: str) -> None:
    form = css(driver, "main form[role=search]")
    assert urlparse(form.get_attribute("action")).path == "/stories/search" and form.get_attribute("method") == "get"
    field = form.find_element(By.CSS_SELECTOR, "input#q")
    assert form.find_element(By.CSS_SELECTOR, "label[for=q]").text == "Zoek in de verhalen"
    assert field.accessible_name == "Zoek in de verhalen"
    field.clear()
    field.send_keys(words)
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    assert button.text == "Zoeken"
    wait_for_new_page(driver, button.click)


# ---------------------------------------------------------------------------------------------------------------
# the stories


def test_lead_writes_and_submits_a_story_with_a_photo(server, driver, visit, tmp_path):
    lead = staff_member(server, "lead", 0)
    assert stories_count(server) == DEMO_STORIES, f"the demo has {stories_count(server)} stories, not {DEMO_STORIES}"
    assert story_in_database(server) is None, "the story is there before the test writes it"
    stories_path = f"/staff/schools/{school_id(server)}/stories"

    sign_in_as(driver, server, visit, lead, "lead")
    assert visit("school").status == 200
    follow_link(driver, "Verhalen van de school", stories_path)
    page = visit("school-stories")
    assert page.status == 200
    assert h1(driver) == "Verhalen"
    listed = {row.find_element(By.CSS_SELECTOR, "td a").text: row.find_elements(By.CSS_SELECTOR, "td")[-1].text
              for row in all_css(driver, "main table tbody tr")}
    assert listed.get("Een ontbijt voor vaders") == "wacht op nalezing", listed
    assert listed.get(OWN_KEY_9_STORY) == "gepubliceerd", listed
    assert "Het koffiemoment op vrijdag" not in listed, "another school's story is listed"

    follow_link(driver, "Nieuw verhaal", f"{stories_path}/new")
    page = visit("new-story")
    assert page.status == 200
    assert h1(driver) == "Nieuw verhaal"
    # The form carries its token in its address too, so the server can refuse a forged upload before reading it.
    form = css(driver, f"main form[action^='{stories_path}?csrf_token=']")
    assert form.get_attribute("method") == "post" and form.get_attribute("enctype") == "multipart/form-data"
    photo_field = css(driver, "input#photo")
    assert photo_field.get_attribute("type") == "file" and photo_field.accessible_name == "Foto (niet verplicht)"
    boxes = all_css(driver, "main input[type=checkbox][name='keys[]']")
    assert [b.get_attribute("value") for b in boxes] == [str(k) for k in range(1, 13)]
    assert not any(b.is_selected() for b in boxes), "a key is chosen beforehand"

    # With mistakes: a title and the story, but no summary, no key, and a "photo" that is a script in disguise.
    before = stories_count(server)
    fake = tmp_path / "foto.jpg"
    fake.write_text(NOT_AN_IMAGE, encoding="utf-8")
    fill(driver, "#title", TITLE)
    fill(driver, "#body", BODY)
    fill(driver, "#photo_alt", PHOTO_ALT)
    photo_field.send_keys(str(fake))
    press(driver, "Verhaal bewaren")
    page = visit("new-story-errors")
    assert page.status == 422 and page.method == "POST"
    assert urlparse(driver.current_url).path == stories_path, "the form's address, with its token"
    assert h1(driver) == "Nieuw verhaal"
    assert error_summary(driver) == [("summary", "Vul dit in."), ("keys", "Kies minstens één van de 12 sleutels."),
                                     ("photo", "Dit bestand is geen JPEG- of PNG-foto.")]
    assert field_error(driver, "summary") == "Vul dit in."
    assert field_error(driver, "keys") == "Kies minstens één van de 12 sleutels."
    assert field_error(driver, "photo") == "Dit bestand is geen JPEG- of PNG-foto."
    assert css(driver, "#summary").get_attribute("aria-invalid") == "true"
    assert css(driver, "#title").get_attribute("value") == TITLE, "the typed title was lost"
    assert css(driver, "#body").get_attribute("value") == BODY, "the typed story was lost"
    assert css(driver, "#photo_alt").get_attribute("value") == PHOTO_ALT, "the typed description was lost"
    assert NOT_AN_IMAGE not in page.html, "the refused file's content is shown"
    assert stories_count(server) == before, "a refused story was stored"

    # Now right: a summary, keys 9 and 4, a real photo carrying its author's name.
    photo = tmp_path / "vaders.png"
    photo.write_bytes(png_photo(*PHOTO_SIZE))
    assert png_chunks(photo.read_bytes()) == [b"IHDR", b"tEXt", b"IDAT", b"IEND"]
    fill(driver, "#summary", SUMMARY)
    for key in KEYS:
        set_checked(driver, f"#keys-{key}", True)
    css(driver, "input#photo").send_keys(str(photo))
    press(driver, "Verhaal bewaren")
    story = story_in_database(server)
    assert story is not None, f"the story was not stored ({path_of(driver)})"
    story_path = f"/staff/stories/{story['id'].lower()}"
    assert path_of(driver) == f"{story_path}?saved=1"
    page = visit("story-saved")
    assert page.status == 200
    assert notice(driver) == "Het verhaal is bewaard."
    assert status_line(driver) == "klad"
    assert stories_count(server) == before + 1
    assert (story["status"], story["summary"], story["body"], story["keys"], story["anonymous"], story["photo_alt"]) == \
        ("draft", SUMMARY, BODY, "4,9", 0, PHOTO_ALT)
    assert re.fullmatch(r"vaders-aan-de-schoolpoort-[a-z0-9]+", story["slug"]), story["slug"]

    # The preview: title, photo, the body rendered and nothing of the hostile parts.
    preview = css(driver, "main section.preview")
    assert preview.get_attribute("aria-label") == "Voorbeeld"
    assert h1(driver) == TITLE
    image = photo_loaded(driver, PHOTO_ALT, PHOTO_SIZE[0])
    assert urlparse(image.get_attribute("src")).path == f"{story_path}/photo"
    rendered_safely(driver, page.html, preview.find_element(By.CSS_SELECTOR, "div.story-body"))

    # The photo as stored: a PNG of the same picture, without the text chunk naming who took it.
    stored = photo_in_database(server, story["photo_id"])
    assert (stored["content_type"], stored["width"], stored["height"]) == ("image/png", *PHOTO_SIZE)
    assert b"Author" not in stored["data"] and b"Juf Sarah" not in stored["data"], "the photo's metadata was kept"
    assert png_chunks(stored["data"]) == [b"IHDR", b"IDAT", b"IEND"]
    assert stored["data"] == png_photo(*PHOTO_SIZE).replace(chunk(b"tEXt", b"Author\x00Juf Sarah"), b"")

    # Submitted for review: no longer to change, the lead cannot publish it.
    assert css(driver, f"main a[href='{story_path}/edit']").text == "Aanpassen"
    press(driver, "Indienen voor nalezing")
    assert path_of(driver) == f"{story_path}?saved=submitted"
    page = visit("story-submitted")
    assert page.status == 200
    assert notice(driver) == "Het verhaal is ingediend. De begeleider leest het na."
    assert status_line(driver) == "wacht op nalezing"
    assert story_in_database(server)["status"] == "submitted"
    assert not all_css(driver, f"main a[href='{story_path}/edit']"), "a submitted story can still be changed"
    assert not driver.find_elements(By.XPATH, "//main//button[normalize-space()='Publiceren' or normalize-space()='Indienen voor nalezing']")
    assert [(int(m["n"]), m["event"]) for m in history(driver)] == [(2, "ingediend"), (1, "geschreven")]
    assert versions_in_database(server, story["id"]) == [(1, "created"), (2, "submitted")]

    # Not on the public website yet: the story and its photo are not found.
    open_page(driver, server, f"/stories/{story['slug']}")
    page = visit("public-story-not-published")
    assert page.status == 404
    assert h1(driver) == "Pagina niet gevonden"
    assert TITLE not in page.html
    status, _ = fetch_anonymously(server.url(f"/stories/photos/{story['photo_id'].lower()}"))
    assert status == 404, f"the photo of an unpublished story answered {status}"
    status, _ = fetch_anonymously(server.url(f"{story_path}/photo"))
    assert status in (302, 303, 401, 403), f"the staff photo answered {status} without signing in"


def test_coordinator_publishes_the_story(server, driver, visit):
    story = the_story(server)
    if story["status"] != "submitted":
        pytest.fail(f"the lead's story is {story['status']!r}, not submitted: run the whole module in order")
    story_path = f"/staff/stories/{story['id'].lower()}"
    coordinator = server.coordinator
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    assert path_of(driver) == server.demo["trajectoryPath"]
    assert visit("trajectory").status == 200
    queue_path = f"{server.demo['trajectoryPath']}/stories"
    # The demo's story and the lead's wait: the coordinator's home says so, and leads to them.
    follow_link(driver, "2 verhalen wachten op jouw nalezing: lezen en publiceren", queue_path)
    page = visit("story-queue")
    assert page.status == 200
    assert h1(driver) == "Verhalen van de scholen"

    # Waiting: the new story (and the demo's), with their school.
    waiting = css(driver, "main section[aria-labelledby='waiting']")
    assert waiting.find_element(By.CSS_SELECTOR, "h2").text == "Wachten op nalezing"
    rows = {tuple(td.text for td in row.find_elements(By.CSS_SELECTOR, "td")): row
            for row in waiting.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert set(rows) == {(TITLE, SCHOOL_NAME, "wacht op nalezing"), ("Een ontbijt voor vaders", SCHOOL_NAME, "wacht op nalezing")}, sorted(rows)
    link = rows[(TITLE, SCHOOL_NAME, "wacht op nalezing")].find_element(By.CSS_SELECTOR, "a")
    assert urlparse(link.get_attribute("href")).path == story_path
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == story_path
    page = visit("story-to-review")
    assert page.status == 200
    assert h1(driver) == TITLE
    assert status_line(driver) == "wacht op nalezing"
    review = css(driver, "main section[aria-labelledby='review-title']")
    assert review.find_element(By.CSS_SELECTOR, "h2").text == "Nalezen"
    assert css(driver, "label[for=comment]").text == "Opmerking voor de school"
    assert not all_css(driver, f"main a[href='{story_path}/edit']"), "the coordinator is offered to change the story"

    # Sent back without saying why: refused, the story still waits.
    assert css(driver, "#comment").get_attribute("value") == ""
    press(driver, "Terugsturen met opmerking")
    page = visit("story-return-without-comment")
    assert page.status == 422 and page.method == "POST"
    assert path_of(driver) == f"{story_path}/review"
    error = css(driver, "main section[aria-labelledby='review-title'] .notice.error")
    assert error.text == "Schrijf voor de school waarom je het verhaal terugstuurt." and error.get_attribute("role") == "alert"
    assert status_line(driver) == "wacht op nalezing"
    assert story_in_database(server)["status"] == "submitted"
    assert versions_in_database(server, story["id"]) == [(1, "created"), (2, "submitted")]

    # Published, without a comment.
    press(driver, "Publiceren")
    assert path_of(driver) == f"{story_path}?saved=published"
    page = visit("story-published")
    assert page.status == 200
    assert notice(driver) == "Het verhaal staat op de publieke website."
    assert status_line(driver) == "gepubliceerd"
    public = driver.find_element(By.XPATH, "//main//a[normalize-space()='Bekijk het op de publieke website']")
    assert urlparse(public.get_attribute("href")).path == f"/stories/{story['slug']}"
    # Now it can only be taken off the website again.
    assert [b.text for b in all_css(driver, "main section[aria-labelledby='review-title'] button[type=submit]")] == ["Van de website halen"]
    stored = story_in_database(server)
    assert stored["status"] == "published" and stored["published_at"] and stored["review_comment"] is None
    assert versions_in_database(server, story["id"]) == [(1, "created"), (2, "submitted"), (3, "published")]

    # The history: who did what, when, newest first.
    lead_name = user_name(server, staff_member(server, "lead", 0)["email"])
    lines = history(driver)
    assert [(int(m["n"]), m["event"], m["name"]) for m in lines] == [
        (3, "gepubliceerd", COORDINATOR_NAME), (2, "ingediend", lead_name), (1, "geschreven", lead_name)]
    for line in lines:
        assert abs((version_day(line) - brussels_today()).days) <= 1, line.group(0)


def test_visitor_finds_and_reads_the_story(server, driver, visit):
    story = the_story(server)
    if story["status"] != "published":
        pytest.fail(f"the lead's story is {story['status']!r}, not published: run the whole module in order")
    names = key_names()
    published = published_stories(server)
    first_school = server.demo["schoolIDs"][0].upper()
    story_path = f"/stories/{story['slug']}"

    # The home of the stories: the newest first, the 12 keys with their counts. No one is signed in.
    home = server.demo["storiesPath"]
    assert home == "/stories"
    open_page(driver, server, home)
    page = visit("stories")
    assert page.status == 200
    assert h1(driver) == "Verhalen van scholen"
    assert not all_css(driver, "header form[action='/logout']") and 'name="csrf_token"' not in page.html
    newest = css(driver, "main section[aria-labelledby='newest']")
    assert newest.find_element(By.CSS_SELECTOR, "h2").text == "Nieuwste verhalen"
    cards = story_cards(driver, newest)
    assert cards and cards[0]["title"] == TITLE, [c["title"] for c in cards]
    assert cards[0]["path"] == story_path
    assert cards[0]["keys"] == [f"{k}. {names[k]}" for k in sorted(KEYS)]
    assert len(cards) == min(10, len(published))
    assert {c["title"] for c in cards} <= {s["title"] for s in published}
    assert "Een ontbijt voor vaders" not in page.html and "Klad: onze eerste stappen" not in page.html, "an unpublished story is public"
    keys = css(driver, "main section[aria-labelledby='keys']")
    assert keys.find_element(By.CSS_SELECTOR, "h2").text == "De 12 sleutels"
    items = keys.find_elements(By.CSS_SELECTOR, "ol.key-list > li")
    assert [li.text for li in items] == [
        f"{names[k]} ({count_label(sum(k in s['keys'] for s in published))})" for k in range(1, 13)]
    assert [urlparse(li.find_element(By.CSS_SELECTOR, "a").get_attribute("href")).path for li in items] == \
        [f"/stories/keys/{k}" for k in range(1, 13)]

    # Key 9: the new story among the stories on fathers.
    follow_link(driver, names[9], "/stories/keys/9")
    page = visit("stories-key-9")
    assert page.status == 200
    assert h1(driver) == KEY_9
    cards = story_cards(driver)
    assert [c["title"] for c in cards][0] == TITLE
    assert sorted(c["title"] for c in cards) == sorted(s["title"] for s in published if 9 in s["keys"])
    assert OWN_KEY_9_STORY in [c["title"] for c in cards]

    # The search box: the one word only this story has ...
    follow_link(driver, "Alle verhalen", home)
    search(driver, UNIQUE_WORD)
    assert path_of(driver) == f"/stories/search?q={UNIQUE_WORD}"
    page = visit("stories-search")
    assert page.status == 200
    assert h1(driver) == "Zoeken in de verhalen"
    assert css(driver, "main p.lead").text == f'1 verhaal voor "{UNIQUE_WORD}".'
    assert [(c["title"], c["path"]) for c in story_cards(driver)] == [(TITLE, story_path)]
    assert css(driver, "input#q").get_attribute("value") == UNIQUE_WORD

    # ... and a word in no story.
    search(driver, "xyzzyq")
    assert path_of(driver) == "/stories/search?q=xyzzyq"
    page = visit("stories-search-nothing")
    assert page.status == 200
    assert css(driver, "main p.lead").text == '0 verhalen voor "xyzzyq".'
    assert not story_cards(driver)
    assert css(driver, "main p.muted").text.startswith("Geen verhalen gevonden.")

    # The story itself, from the newest stories.
    follow_link(driver, "Alle verhalen", home)
    wait_for_new_page(driver, story_cards(driver, css(driver, "main section[aria-labelledby='newest']"))[0]["link"].click)
    assert path_of(driver) == story_path
    page = visit("story")
    assert page.status == 200
    assert h1(driver) == TITLE
    article = css(driver, "main article.story")
    byline = article.find_element(By.CSS_SELECTOR, "p.muted")
    match = re.fullmatch(rf"{re.escape(SCHOOL_NAME)} · (\d{{1,2}}) ([a-z]+) (\d{{4}})", byline.text)
    assert match, f"the byline: {byline.text!r}"
    published_on = datetime.date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1]))
    assert abs((published_on - brussels_today()).days) <= 1, byline.text
    school_link = byline.find_element(By.CSS_SELECTOR, "a")
    assert school_link.text == SCHOOL_NAME
    assert urlparse(school_link.get_attribute("href")).path == f"/stories/schools/{SCHOOL_SLUG}"
    key_links = article.find_elements(By.CSS_SELECTOR, "ul.key-tags a")
    assert [(a.text, urlparse(a.get_attribute("href")).path) for a in key_links] == \
        [(f"{k}. {names[k]}", f"/stories/keys/{k}") for k in sorted(KEYS)]
    assert css(driver, "main p.story-summary").text == SUMMARY
    image = photo_loaded(driver, PHOTO_ALT, PHOTO_SIZE[0])
    photo_path = f"/stories/photos/{story['photo_id'].lower()}"
    assert urlparse(image.get_attribute("src")).path == photo_path
    rendered_safely(driver, page.html, article.find_element(By.CSS_SELECTOR, "div.story-body"))
    # The photo is public now, as stored (without its metadata).
    status, data = fetch_anonymously(server.url(photo_path))
    assert status == 200 and data == photo_in_database(server, story["photo_id"])["data"]

    # The school's stories.
    wait_for_new_page(driver, school_link.click)
    assert path_of(driver) == f"/stories/schools/{SCHOOL_SLUG}"
    page = visit("stories-of-school")
    assert page.status == 200
    assert h1(driver) == f"Verhalen van {SCHOOL_NAME}"
    cards = story_cards(driver)
    assert cards and cards[0]["title"] == TITLE
    assert sorted(c["title"] for c in cards) == sorted(
        s["title"] for s in published if s["school"] == first_school and not s["anonymous"])
    assert "Meer deuren naar de school" not in page.html, "an anonymous story names its school"

    # The Atom feed: the new story first.
    feed = css(driver, "main a[type='application/atom+xml']")
    assert feed.text == "Atom-feed" and urlparse(feed.get_attribute("href")).path == "/stories/feed.atom"
    with urllib.request.urlopen(server.url("/stories/feed.atom"), timeout=15) as response:
        assert response.headers.get_content_type() == "application/atom+xml"
        root = ET.fromstring(response.read())
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Verhalen van scholen"
    entries = root.findall(f"{ATOM}entry")
    assert entries, "the feed has no entries"
    assert entries[0].findtext(f"{ATOM}title") == TITLE
    assert entries[0].findtext(f"{ATOM}summary") == SUMMARY
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == SCHOOL_NAME
    assert urlparse(entries[0].find(f"{ATOM}link").get("href")).path == story_path
    assert len(entries) == min(20, len(published))

    # On paper: the story, the photo, the text; not the links around the site.
    open_page(driver, server, story_path)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return matchMedia('print').matches"), "print media is not emulated"
        page = visit("story-print")
        assert page.status == 200
        photo_loaded(driver, PHOTO_ALT, PHOTO_SIZE[0])
        assert css(driver, "main h1").is_displayed() and css(driver, "main div.story-body").is_displayed()
        site_links = all_css(driver, "main p.no-print")
        assert site_links, "the story page has no links around the site"
        printed = [p.text for p in site_links if p.is_displayed()]
        assert not printed, f"marked no-print, but printed: {printed}"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_report_links_to_stories_of_other_schools(server, driver, visit):
    the_story(server)
    first_school = server.demo["schoolIDs"][0].upper()
    by_slug = {s["slug"]: s for s in published_stories(server)}
    sign_in_as(driver, server, visit, staff_member(server, "lead", 0), "lead")
    open_page(driver, server, wave_path(server, 0) + "/report")
    page = visit("report")
    assert page.status == 200
    assert h1(driver) == "Rapport van de ouderbevraging"

    growth = css(driver, "main section[aria-labelledby='growth-title']")
    others = growth.find_elements(By.CSS_SELECTOR, "div.other-stories")
    assert len(others) == 1, "the growth opportunities do not say how other schools did it"
    assert others[0].find_element(By.CSS_SELECTOR, "h3").text == "Hoe andere scholen het deden"
    links = [(a.text, urlparse(a.get_attribute("href")).path) for a in others[0].find_elements(By.CSS_SELECTOR, "li a")]
    assert links, "no stories of other schools"
    for title, path in links:
        slug = path.removeprefix("/stories/")
        assert slug in by_slug and by_slug[slug]["title"] == title, f"{title!r} links to {path}, no published story"
        assert by_slug[slug]["school"] != first_school, f"the report links to the school's own story {title!r}"
    titles = [title for title, _ in links]
    assert OTHER_SCHOOLS_STORY in titles, titles
    assert TITLE not in titles and OWN_KEY_9_STORY not in titles
    assert TITLE not in page.html
    # The stories shown are on the school's growth keys, each with a link to all stories on that key.
    growth_keys = [int(m) for m in re.findall(r"Sleutel (\d+): ", " ".join(
        p.text for p in others[0].find_elements(By.CSS_SELECTOR, "p strong")))]
    assert growth_keys, "the stories are not grouped per key"
    for _, path in links:
        assert by_slug[path.removeprefix("/stories/")]["keys"] & set(growth_keys)
    all_links = [urlparse(a.get_attribute("href")).path for a in others[0].find_elements(By.XPATH, ".//p/a")]
    assert all_links == [f"/stories/keys/{k}" for k in growth_keys]

    # The lead reads one.
    link = others[0].find_element(By.XPATH, f".//li/a[normalize-space()='{OTHER_SCHOOLS_STORY}']")
    path = urlparse(link.get_attribute("href")).path
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == path
    page = visit("other-school-story")
    assert page.status == 200
    assert h1(driver) == OTHER_SCHOOLS_STORY
    assert css(driver, "main article.story p.muted a").text == "Basisschool Sint-Pieter"

"""Conversation cards: before an oudercontact a parent writes first, in their own language; only the teacher reads it.

The demo gives the third school (Basisschool Sint-Pieter: nl, en, pl, uk, tr) an oudercontact next week,
"Oudercontact 1ste leerjaar", made by the school's team member (`seedCards` in Demo.swift). It has four cards: three
filled (Dutch, Polish, Arabic with a request for an interpreter) and one empty, whose link is `conversationCardPath`;
the teacher's page is `conversationCardsPath`. Cards are deleted a week after the talk, and the talk is next week, so
nothing expires while these tests run.

The tests below run in the order they are written and build on each other: the parent fills the empty card in Polish
(first test), the card is opened again in Ukrainian and Dutch (second), the teacher reads it (third), and nobody else
may (last). Nothing else in the suite touches the third school's moments.

The parents' texts are read from the card catalog (`Resources/cards/LANG.txt`), the staff's are the Dutch catalog's
(the browser prefers nl-BE). Every page goes through `visit(name)`: axe-core (not in the browser without
JavaScript), a screenshot and the server's HTML for `test_zz_html_is_valid`.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from selenium.webdriver.common.by import By

from conftest import REPO_ROOT, make_driver
from test_moments import NO_JAVASCRIPT, fits, language_nav
from test_report import fetch_anonymously, sign_in_as, staff_member
from test_staff_flow import all_css, css, fill, h1, open_page, path_of, set_checked, sign_in, sign_out, wait_for_new_page

CARDS_DIR = REPO_ROOT / "Sources" / "SamenspraakApp" / "Resources" / "cards"

TALK = "Oudercontact 1ste leerjaar"
CARD_LANGUAGES = {"nl": "Nederlands", "en": "English", "pl": "Polski", "uk": "Українська", "tr": "Türkçe"}
PROMPTS = ["loves", "home", "worries", "ask"]
CHIPS = ["sleep", "friends", "homework", "language", "feelings", "health", "without_child", "interpreter"]
TICKED = ["sleep", "interpreter"]
CARD_COLUMNS = {"id", "token_hash", "slot", "language", "answers", "moment_id"}

LOVES = "Lubi rysować konie."
WORRIES = "Mało śpi."
TOO_LONG = ("Lubi rysować konie i psy. " * 40)[:1000] + "!"
assert len(TOO_LONG) == 1001

# A catalog key shown instead of its text ("rating.when", "card.saved.title" ...).
RAW_KEY = re.compile(r"\b(?:card|cards|rating|moment)\.[a-z_]+(?:\.[a-z_]+)*\b")


# ---------------------------------------------------------------------------------------------------------------
# helpers


def card_texts(lang: str) -> dict[str, str]:
    """The card's texts in one language, as the app reads them (`key = value` lines)."""
    texts = {}
    for line in (CARDS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            texts[key.strip()] = value.strip()
    return texts


PL = card_texts("pl")
UK = card_texts("uk")
NL = card_texts("nl")


def card_path(server) -> str:
    path = server.demo["conversationCardPath"]
    assert re.fullmatch(r"/k/[A-Za-z0-9_-]{20,}", path), path
    return path


def talk_id(server) -> str:
    match = re.fullmatch(r"/staff/moments/([0-9a-f-]{36})/conversation-cards", server.demo["conversationCardsPath"])
    assert match, server.demo["conversationCardsPath"]
    return match[1]


def cards_path(server) -> str:
    return f"/staff/moments/{talk_id(server)}/conversation-cards"


def talk_path(server) -> str:
    return f"/staff/moments/{talk_id(server)}"


def database(server):
    return sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10)


def cards_of_talk(server) -> list[dict]:
    """Every stored card of the demo's oudercontact, by slot."""
    with database(server) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM conversation_cards WHERE upper(moment_id) = upper(?) ORDER BY slot",
                          (talk_id(server),)).fetchall()
    return [dict(row) for row in rows]


def parents_card(server) -> dict:
    """The card the parent fills in the first test: the one that is not one of the demo's three filled ones."""
    rows = [row for row in cards_of_talk(server) if row["answers"] and LOVES in json.loads(row["answers"])["texts"].values()]
    assert len(rows) == 1, f"{len(rows)} stored card(s) with {LOVES!r}: run the whole module, the parent's test comes first"
    return rows[0]


def card_page(driver, texts: dict[str, str], lang: str) -> None:
    """The card in one language: `<html lang dir=ltr>`, its title, the four prompts, the chips, the button, the privacy."""
    assert css(driver, "html").get_attribute("lang") == lang
    assert css(driver, "html").get_attribute("dir") == "ltr"
    assert h1(driver) == texts["card.title"]
    assert TALK in css(driver, "main p.moment-when").text
    assert css(driver, f"main nav a[lang='{lang}']").get_attribute("aria-current") == "true"
    boxes = all_css(driver, "main form textarea")
    assert [(b.get_attribute("id"), b.get_attribute("name")) for b in boxes] == [(f"text-{p}", f"text[{p}]") for p in PROMPTS]
    for prompt in PROMPTS:
        assert css(driver, f"main label[for='text-{prompt}']").text == texts[f"card.prompt.{prompt}"]
        box = css(driver, f"#text-{prompt}")
        assert box.get_attribute("dir") == "auto", f"text[{prompt}] is not dir=auto: a parent may write right to left"
        assert box.get_attribute("maxlength") == "1000"
    group = css(driver, "main fieldset.chip-group")
    assert group.find_element(By.CSS_SELECTOR, "legend").text == texts["card.chips"]
    chips = group.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
    assert [(c.get_attribute("name"), c.get_attribute("value")) for c in chips] == [("chips[]", chip) for chip in CHIPS]
    labels = [group.find_element(By.CSS_SELECTOR, f"label[for='chip-{chip}']").text for chip in CHIPS]
    assert labels == [texts[f"card.chip.{chip}"] for chip in CHIPS]
    buttons = all_css(driver, "main form button[type=submit]")
    assert [b.text for b in buttons] == [texts["card.submit"]]
    assert css(driver, "main p.privacy").text == texts["card.privacy"]
    no_raw_keys(driver, f"the card ({lang})")


def no_raw_keys(driver, what: str) -> None:
    shown = RAW_KEY.findall(css(driver, "main").text)
    assert not shown, f"{what} shows catalog keys instead of their text: {shown}"


def typed(driver) -> dict[str, str]:
    return {prompt: css(driver, f"#text-{prompt}").get_attribute("value") for prompt in PROMPTS}


def ticked(driver) -> list[str]:
    return [box.get_attribute("value") for box in all_css(driver, "main input[name='chips[]']") if box.is_selected()]


def send(driver) -> None:
    buttons = all_css(driver, "main form button[type=submit]")
    assert len(buttons) == 1
    wait_for_new_page(driver, buttons[0].click)


def talk_card(driver, slot: int):
    """The teacher's `li.talk-card` headed "Kaartje N"."""
    found = [li for li in all_css(driver, "main li.talk-card") if li.find_element(By.CSS_SELECTOR, "h2").text == f"Kaartje {slot}"]
    assert len(found) == 1, f"{len(found)} card(s) 'Kaartje {slot}' on the teacher's page"
    return found[0]


def card_answers(card) -> dict[str, object]:
    """{prompt as shown (dt): the parent's words (dd element)}."""
    terms = card.find_elements(By.CSS_SELECTOR, "dl > dt")
    details = card.find_elements(By.CSS_SELECTOR, "dl > dd")
    assert len(terms) == len(details)
    return {dt.text: dd for dt, dd in zip(terms, details)}


def topics(card) -> str:
    lines = [p.text for p in card.find_elements(By.CSS_SELECTOR, "p") if p.text.startswith("Wil praten over:")]
    assert len(lines) == 1, card.get_attribute("outerHTML")
    return lines[0].removeprefix("Wil praten over:").strip()


def big_enough(driver, selector: str, what: str) -> None:
    """Tap targets stay at least 24 by 24 px on a small phone (WCAG 2.5.8)."""
    elements = all_css(driver, selector)
    assert elements, f"nothing matches {selector}"
    for element in elements:
        size = element.size
        assert size["width"] >= 24 and size["height"] >= 24, f"{element.text!r} is only {size} at 320px ({what})"


# ---------------------------------------------------------------------------------------------------------------
# the stories


@pytest.fixture(scope="module")
def phone():
    """The parent's phone: 320 px wide, JavaScript off."""
    browser = make_driver(width=320, height=800, prefs=NO_JAVASCRIPT)
    yield browser
    browser.quit()


def test_parent_fills_a_card_in_polish_on_a_small_phone_without_javascript(server, visit, phone):
    path = card_path(server)
    cards = cards_of_talk(server)
    empty = [row for row in cards if row["answers"] is None]
    assert len(cards) == 4 and len(empty) == 1, f"the talk has {len(cards)} cards, {len(empty)} empty, not 4 and 1"
    card_id = empty[0]["id"]
    later: list[str] = []
    # JavaScript is really off: a page's own script does not run, its <noscript> shows.
    phone.get("data:text/html,<title>off</title><noscript><p id=n>no script</p></noscript>"
              "<script>document.title='on'</script>")
    assert phone.title == "off" and phone.find_element(By.ID, "n").is_displayed()

    # The link opens in the browser's language (Dutch), with every language of the school, each named in itself.
    open_page(phone, server, path)
    page = visit("card-nojs-320", phone, accessibility=False)
    assert page.status == 200
    card_page(phone, NL, "nl")
    assert language_nav(phone, NL["card.choose_language"]) == CARD_LANGUAGES
    assert not all_css(phone, "main p.notice"), "an empty card says it was filled already"
    assert not all_css(phone, "header form[action='/logout']"), "parents are never signed in"
    fits(phone, "the card (Dutch, no JavaScript)")

    polish = phone.find_element(By.XPATH, "//main//nav//a[normalize-space()='Polski']")
    assert polish.get_attribute("lang") == "pl"
    wait_for_new_page(phone, polish.click)
    assert path_of(phone) == f"{path}?lang=pl"
    page = visit("card-pl-nojs-320", phone, accessibility=False)
    assert page.status == 200
    assert '<html lang="pl" dir="ltr"' in page.html
    card_page(phone, PL, "pl")
    assert h1(phone) == PL["card.title"] == "Przed naszą rozmową"
    assert typed(phone) == dict.fromkeys(PROMPTS, "") and ticked(phone) == []
    # Without JavaScript the read-aloud buttons stay hidden.
    assert not any(button.is_displayed() for button in all_css(phone, "main button.speak"))
    fits(phone, "the card (Polish, no JavaScript)")

    # Two prompts and two topics; the rest stays empty.
    fill(phone, "#text-loves", LOVES)
    fill(phone, "#text-worries", WORRIES)
    for chip in TICKED:
        set_checked(phone, f"#chip-{chip}", True)
    send(phone)
    assert path_of(phone) == f"{path}/thanks?lang=pl"
    page = visit("card-thanks-pl-nojs", phone, accessibility=False)
    assert page.status == 200
    assert css(phone, "html").get_attribute("lang") == "pl"
    assert h1(phone) == PL["card.saved.title"]
    assert PL["card.saved.text"] in css(phone, "main").text
    # Checked at the end, so that a wrong line here does not hide what follows.
    shown = RAW_KEY.findall(css(phone, "main").text)
    if shown:
        later.append(f"the thank-you page (Polish) shows catalog keys instead of their text: {shown}")
    if TALK not in css(phone, "main").text:
        later.append("the thank-you page does not say which talk the card is for")
    fits(phone, "the thank-you page (Polish, no JavaScript)")

    # Stored as given, in Polish, and nothing about who sent it.
    with database(server) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(conversation_cards)")}
    assert columns == CARD_COLUMNS, f"conversation_cards has columns {sorted(columns)}"
    stored = parents_card(server)
    assert stored["id"] == card_id, "the parent's words went to another card than the empty one"
    assert stored["language"] == "pl"
    assert json.loads(stored["answers"]) == {"texts": {"loves": LOVES, "worries": WORRIES}, "chips": TICKED}, stored["answers"]
    token = path.removeprefix("/k/")
    agent = phone.execute_script("return navigator.userAgent")
    for value in map(str, stored.values()):
        assert token not in value, "the card's link is stored as it is, not as a hash"
        assert "127.0.0.1" not in value and agent not in value, f"the card stores an address or the browser: {value!r}"
    assert len(cards_of_talk(server)) == 4

    # Back in the browser's history: not the form as if nothing was sent, but "your card arrived", in Polish.
    phone.back()
    assert path_of(phone) == f"{path}?lang=pl"
    assert css(phone, "html").get_attribute("lang") == "pl"
    assert h1(phone) == PL["card.saved.title"]
    assert PL["card.arrived.text"] in css(phone, "main").text
    assert not all_css(phone, "main form"), "the sent card is offered to send again"
    assert LOVES not in css(phone, "main").text, "the page after sending shows what the card says"

    # The link again: in Polish by itself (the phone still prefers Dutch), it arrived; asked for, the card to change.
    open_page(phone, server, path)
    assert path_of(phone) == path
    page = visit("card-again-nojs", phone, accessibility=False)
    assert page.status == 200
    assert css(phone, "html").get_attribute("lang") == "pl"
    assert h1(phone) == PL["card.saved.title"]
    wait_for_new_page(phone, phone.find_element(By.XPATH, f"//main//a[normalize-space()='{PL['card.change']}']").click)
    assert path_of(phone) == f"{path}?lang=pl&change=1"
    card_page(phone, PL, "pl")
    assert css(phone, "main p.notice").text == PL["card.already"]
    assert typed(phone) == {"loves": LOVES, "home": "", "worries": WORRIES, "ask": ""}
    assert ticked(phone) == TICKED

    # One text too long (1001 characters, past the field's maxlength, as a browser that ignores it would send):
    # refused in Polish, everything kept on the page, nothing changed in the database.
    before = parents_card(server)
    phone.execute_script("arguments[0].removeAttribute('maxlength'); arguments[0].value = arguments[1];",
                         css(phone, "#text-worries"), TOO_LONG)
    send(phone)
    page = visit("card-too-long-pl-nojs", phone, accessibility=False)
    assert page.status == 422 and page.method == "POST"
    assert path_of(phone) == path
    assert css(phone, "html").get_attribute("lang") == "pl"
    error = css(phone, "main p.error")
    assert error.text == PL["card.error.text_too_long"] and error.get_attribute("role") == "alert"
    assert typed(phone) == {"loves": LOVES, "home": "", "worries": TOO_LONG, "ask": ""}, "the typed text was lost"
    assert ticked(phone) == TICKED
    assert not all_css(phone, "main p.notice"), "the refused card says it is filled"
    fits(phone, "the refused card (Polish, no JavaScript)")
    assert parents_card(server) == before, "a refused card changed what was stored"
    assert not later, "\n".join(later)


def test_card_fits_320px_in_ukrainian_and_dutch(server, driver, visit):
    path = card_path(server)
    stored = parents_card(server)
    driver.set_window_size(320, 800)
    for lang, texts in (("uk", UK), ("nl", NL)):
        open_page(driver, server, f"{path}?lang={lang}")
        page = visit(f"card-320-{lang}")
        assert page.status == 200
        assert f'<html lang="{lang}" dir="ltr"' in page.html
        card_page(driver, texts, lang)
        assert language_nav(driver, texts["card.choose_language"]) == CARD_LANGUAGES
        assert css(driver, "main p.notice").text == texts["card.already"]
        # The parent's words as typed, whatever language the page is in.
        assert typed(driver) == {"loves": LOVES, "home": "", "worries": WORRIES, "ask": ""}
        assert ticked(driver) == TICKED
        fits(driver, f"the card ({lang})")
        big_enough(driver, "main .chips label", lang)
        big_enough(driver, "main nav a", lang)
    # Looking at the card in another language does not change it.
    assert parents_card(server) == stored


def test_teacher_reads_the_cards(server, driver, visit):
    stored = parents_card(server)
    teacher = staff_member(server, "member", 2)
    school = server.demo["schoolIDs"][2].lower()
    moments = f"/staff/schools/{school}/moments"

    sign_in_as(driver, server, visit, teacher, "teacher")
    assert visit("teacher-school").status == 200
    link = css(driver, f"main a[href='{moments}']")
    assert link.text == "Momenten en beoordelingen van ouders"
    wait_for_new_page(driver, link.click)
    assert path_of(driver) == moments
    assert visit("moments").status == 200
    links = [a for a in all_css(driver, "main table.data a") if a.text == TALK]
    assert len(links) == 1, f"{len(links)} link(s) {TALK!r} in the moments list"
    wait_for_new_page(driver, links[0].click)
    assert path_of(driver) == talk_path(server)
    page = visit("talk")
    assert page.status == 200
    assert h1(driver) == TALK

    section = css(driver, "main section[aria-labelledby='cards-title']")
    assert section.find_element(By.CSS_SELECTOR, "h2").text == "Gesprekskaarten"
    links = [a for a in section.find_elements(By.CSS_SELECTOR, "a") if a.text == "De kaarten lezen (4 kaartjes gemaakt)"]
    assert len(links) == 1, section.text
    wait_for_new_page(driver, links[0].click)
    assert path_of(driver) == cards_path(server) == server.demo["conversationCardsPath"]
    page = visit("cards")
    assert page.status == 200
    assert h1(driver) == "Gesprekskaarten"
    texts = [p.text for p in all_css(driver, "main p")]
    assert "4 kaarten ingevuld, 0 nog niet." in texts, texts
    privacy = [t for t in texts if t.startswith("Alleen jij ziet deze kaarten")]
    assert len(privacy) == 1 and re.search(r"Ze worden gewist op \d+ \w+ \d{4}\.$", privacy[0]), privacy

    # The Polish card: the prompts in Dutch, the parent's words as typed (marked Polish), the topics in Dutch.
    card = talk_card(driver, stored["slot"])
    assert "Taal: Polski" in [p.text for p in card.find_elements(By.CSS_SELECTOR, "p")]
    answers = card_answers(card)
    assert {prompt: dd.text for prompt, dd in answers.items()} == \
        {NL["card.prompt.loves"]: LOVES, NL["card.prompt.worries"]: WORRIES}
    assert NL["card.prompt.loves"] == "Wat doet je kind graag?"
    for dd in answers.values():
        assert dd.get_attribute("lang") == "pl" and dd.get_attribute("dir") == "auto", dd.get_attribute("outerHTML")
    assert topics(card) == f"{NL['card.chip.sleep']} · {NL['card.chip.interpreter']}" == "Slapen · Ik wil graag een tolk"
    assert [p.text for p in card.find_elements(By.CSS_SELECTOR, "p.interpreter")] == ["Deze ouder vraagt een tolk."]

    # The demo's Arabic card: the words marked Arabic, their direction left to the browser.
    arabic = [row for row in cards_of_talk(server) if row["language"] == "ar"]
    assert len(arabic) == 1
    card = talk_card(driver, arabic[0]["slot"])
    arabic_texts = json.loads(arabic[0]["answers"])["texts"]
    answers = card_answers(card)
    assert sorted(dd.text for dd in answers.values()) == sorted(arabic_texts.values())
    for dd in answers.values():
        assert dd.get_attribute("lang") == "ar" and dd.get_attribute("dir") == "auto", dd.get_attribute("outerHTML")
    assert card.find_elements(By.CSS_SELECTOR, "p.interpreter")
    # Every filled card is there, each once.
    assert len(all_css(driver, "main li.talk-card")) == 4

    # On paper: the cards, without the site's navigation.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return matchMedia('print').matches"), "print media is not emulated"
        page = visit("cards-print-media")
        assert page.status == 200
        assert all(card.is_displayed() for card in all_css(driver, "main li.talk-card"))
        assert not any(footer.is_displayed() for footer in all_css(driver, "footer.site"))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    sign_out(driver, visit, "teacher-signed-out")


def test_nobody_else_reads_the_cards(server, driver, visit):
    parents_card(server)
    lead = staff_member(server, "lead", 2)
    cards = cards_path(server)

    # Not signed in: not the cards.
    status, body = fetch_anonymously(server.url(cards))
    assert status in (302, 303, 401, 403), f"the cards answered {status} without signing in"
    assert LOVES.encode() not in body

    # The school's lead sees the moment, but not its cards, and no way to them.
    sign_in_as(driver, server, visit, lead, "lead")
    open_page(driver, server, talk_path(server))
    page = visit("lead-talk")
    assert page.status == 200
    assert h1(driver) == TALK
    assert not all_css(driver, "main section[aria-labelledby='cards-title']"), "the lead sees the conversation cards section"
    assert "Gesprekskaarten" not in css(driver, "main").text and "/conversation-cards" not in page.html
    open_page(driver, server, cards)
    page = visit("lead-cards")
    assert page.status == 403 and h1(driver) == "Geen toegang"
    assert LOVES not in page.html and WORRIES not in page.html
    sign_out(driver, visit, "lead-signed-out")

    # Nor does the coordinator.
    coordinator = server.coordinator
    sign_in(driver, server, visit, coordinator["email"], coordinator["password"], "coordinator")
    assert not path_of(driver).startswith("/login"), "the coordinator could not sign in"
    open_page(driver, server, talk_path(server))
    page = visit("coordinator-talk")
    assert page.status == 200
    assert not all_css(driver, "main section[aria-labelledby='cards-title']"), "the coordinator sees the conversation cards section"
    open_page(driver, server, cards)
    page = visit("coordinator-cards")
    assert page.status == 403 and h1(driver) == "Geen toegang"
    assert LOVES not in page.html and WORRIES not in page.html

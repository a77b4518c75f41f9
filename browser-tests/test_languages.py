"""Every parent page in every language, on a 320 px phone, with the text at its normal size and enlarged to 200%.

The parent pages speak fifteen languages; Arabic, Dari (prs) and Pashto (ps) run right to left, Tigrinya (ti) is
written in Ge'ez script. For each language these tests walk the survey (the intro, then "next" through the 21
questions, the open questions and the review; nothing is sent; at the normal text size only questions 1, 2 and the
one with the language's longest statement), and open the code page `/c`, the rating page of the
demo's open moment, the conversation card and the first school's public profile, and check on every page:
- `<html lang>` is the language and `dir` is `rtl` exactly for ar, prs and ps;
- nothing scrolls sideways: `document.documentElement.scrollWidth` stays within the part of the 320 px window the
  page is shown in (`clientWidth`: a long page's scroll bar takes 15 px of it); a failure names what sticks out most.
The survey is walked with JavaScript off at the normal text size, as on many parents' phones, and with it on at 200%,
where axe-core checks the intro, the first question, the open questions and the review of each language (axe-core
cannot run in a page whose scripts are off; the server sends the same HTML either way). Each such page goes through
`visit(name)`: axe-core and a screenshot in `artifacts/`.

200% is Chromium's default font size set to 32 px (from 16; the fixed-width one to 26 from 13), as a parent who
enlarged the text in the phone's settings has it. The stylesheet sizes text in rem and em, so that enlarges every
text; the tests measure it anyway (the root is 32 px, a question's heading and answers twice their normal size).

The demo's schools offer only some languages (and other test files count them), so this file runs its own server
on its own copy of the demo: the leads of the first school (the open moment, the open wave) and of the third
(the conversation card) tick all fifteen languages on their school's form before anything is checked.

Tigrinya: headless Chromium has no Ge'ez font of its own; `scripts/test` installs `fonts-sil-abyssinica`, and the
last test checks, through the DevTools protocol, that the Tigrinya heading is drawn with it and not as empty boxes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import REPO_ROOT, Server, _run_binary, binary_path, make_driver, serve, stop
from test_staff_flow import css, fill, open_page, path_of, set_checked, submit_main_form, wait_for_new_page

LANGUAGES = ["nl", "fr", "en", "ar", "tr", "bg", "pl", "ro", "sk", "uk", "ru", "prs", "ps", "ti", "so"]
RIGHT_TO_LEFT = {"ar", "prs", "ps"}
WIDTH = 320
ENLARGED = {"webkit.webprefs.default_font_size": 32, "webkit.webprefs.default_fixed_font_size": 26}
SIZES = {"100": None, "200": ENLARGED}

QUESTIONNAIRE_DIR = REPO_ROOT / "Sources" / "SamenspraakApp" / "Resources" / "questionnaires" / "parents-v1"
QUESTIONS = 21
OPEN_PAGE, REVIEW_PAGE = QUESTIONS + 1, QUESTIONS + 2
DRAFT_PAGE = re.compile(r"/d/(?P<token>[A-Za-z0-9_-]{16,})/(?P<page>\d+)")


# ---------------------------------------------------------------------------------------------------------------
# the server: the demo, with the first and third school offering every language


def sign_in_and_offer_every_language(browser, server: Server, school_index: int) -> None:
    school = server.demo["schoolIDs"][school_index].lower()
    lead = [p for p in server.staff_with("lead") if (p.get("school") or "").lower() == school]
    assert len(lead) == 1, f"{len(lead)} demo lead(s) of school {school_index}"
    browser.delete_all_cookies()
    open_page(browser, server, "/login")
    fill(browser, "#email", lead[0]["email"])
    fill(browser, "#password", lead[0]["password"])
    submit_main_form(browser)
    assert path_of(browser) == f"/staff/schools/{school}", browser.current_url
    open_page(browser, server, f"/staff/schools/{school}/edit")
    offered = [box.get_attribute("value") for box in browser.find_elements(By.CSS_SELECTOR, "input[name='languages[]']")]
    assert set(LANGUAGES) <= set(offered), f"the school form offers {offered}"
    for lang in LANGUAGES:
        set_checked(browser, f"#languages-{lang}", True)
    submit_main_form(browser)
    assert path_of(browser) == f"/staff/schools/{school}?saved=1", f"saving the languages failed: {browser.current_url}"


@pytest.fixture(scope="module")
def world():
    """Its own server and demo database, whose first and third school offer all fifteen languages."""
    binary = binary_path()
    workdir = Path(tempfile.mkdtemp(prefix="samenspraak-languages-"))
    database = workdir / "samenspraak.sqlite"
    with (workdir / "demo.log").open("w") as log:
        seeded = _run_binary(binary, ["demo", "--json", "--database", str(database)], cwd=workdir,
                             stdout=subprocess.PIPE, stderr=log, text=True, timeout=120)
    assert seeded.returncode == 0, f"demo failed: {(workdir / 'demo.log').read_text()[-2000:]}"
    demo = json.loads(seeded.stdout)
    log = workdir / "serve.log"
    process, base_url = serve(binary, database, workdir, log, {"SAMENSPRAAK_PAGE_CACHE_SECONDS": "0"})
    running = Server(base_url=base_url, demo=demo, database=database, log=log, mail_dir=workdir / "mail", process=process)
    browser = make_driver()
    try:
        for school_index in (0, 2):
            sign_in_and_offer_every_language(browser, running, school_index)
    finally:
        browser.quit()
    yield running
    stop(process)
    if os.environ.get("KEEP_BROWSER_TEST_TMP"):
        print(f"kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


NO_JAVASCRIPT = {"profile.managed_default_content_settings.javascript": 2}


def phone(size: str, javascript: bool = True):
    """A 320 px phone with the text at `size`%; `javascript=False` as many parents' phones are (scripts never run)."""
    browser = make_driver(WIDTH, 800, {**(SIZES[size] or {}), **({} if javascript else NO_JAVASCRIPT)})
    if not javascript:
        browser.get("data:text/html,<title>off</title><noscript><p id=n>no script</p></noscript>")
        assert browser.find_element(By.ID, "n").is_displayed(), "JavaScript is still on"
    assert browser.execute_script("return window.innerWidth") == WIDTH, "the window is not 320 px wide"
    return browser


# ---------------------------------------------------------------------------------------------------------------
# checks


OVERFLOWING = """
const width = document.documentElement.clientWidth, found = [];
for (const element of document.body.querySelectorAll('*')) {
  const box = element.getBoundingClientRect();
  const beyond = Math.max(box.right - width, -box.left);
  if (box.width && beyond > 0.5) {
    const name = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string'
      ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    found.push([beyond, name + ' ' + Math.round(box.width) + 'px [' + Math.round(box.left) + ', ' + Math.round(box.right)
      + ']: ' + (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50)]);
  }
}
return found.sort((a, b) => b[0] - a[0]).slice(0, 6).map(entry => entry[1]);
"""


def fits(browser, what: str, widths: dict[str, int] | None = None) -> None:
    """No sideways scroll at 320 px: the page is no wider than the part of the window it is shown in (320 px, less
    the vertical scroll bar of a long page, 15 px in headless Chromium). A failure names what sticks out most."""
    scroll_width, client_width = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert client_width <= WIDTH, f"{what}: the page is shown {client_width} px wide, not {WIDTH}: this check would prove nothing"
    if widths is not None:
        widths[what] = scroll_width
    if scroll_width > client_width:
        culprits = "\n  ".join(browser.execute_script(OVERFLOWING))
        raise AssertionError(f"{what} scrolls sideways at {WIDTH} px: {scroll_width} px wide in a {client_width} px "
                             f"window; sticking out:\n  {culprits}")


def language_is(browser, lang: str, what: str) -> None:
    html = css(browser, "html")
    assert html.get_attribute("lang") == lang, f"{what}: <html lang={html.get_attribute('lang')}>"
    expected = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    assert html.get_attribute("dir") == expected, f"{what}: <html dir={html.get_attribute('dir')}>, not {expected}"
    direction = browser.execute_script("return getComputedStyle(document.querySelector('main')).direction")
    assert direction == expected, f"{what}: <main> is laid out {direction}"


def font_size(browser, selector: str) -> float:
    return float(browser.execute_script(f"return parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)"))


class Pages:
    """What every page of a test measured: every page is checked before the test fails, with all it found."""

    def __init__(self, size: str) -> None:
        self.size = size
        self.widths: dict[str, int] = {}
        self.problems: list[str] = []

    def check(self, browser, lang: str, what: str) -> None:
        try:
            language_is(browser, lang, f"{what} ({lang}, {self.size}%)")
            fits(browser, f"{what} ({lang}, {self.size}%)", self.widths)
        except AssertionError as problem:
            self.problems.append(str(problem))

    def widest(self) -> str:
        return ", ".join(f"{what} {width}" for what, width in sorted(self.widths.items(), key=lambda kv: -kv[1])[:5])

    def assert_none(self) -> None:
        print(f"widest at {self.size}%: {self.widest()}")
        assert not self.problems, f"{len(self.problems)} page(s) do not fit:\n" + "\n".join(self.problems)


def longest_statement_page(lang: str) -> int:
    """The question page (1 … 21) whose statement is longest in this language."""
    structure = (QUESTIONNAIRE_DIR / "structure.txt").read_text(encoding="utf-8").splitlines()
    items = [line.split()[1] for line in structure if line.startswith("item ")]
    assert len(items) == QUESTIONS
    texts = {}
    for line in (QUESTIONNAIRE_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("item.") and "=" in line:
            key, value = line.split("=", 1)
            texts[key.strip().removeprefix("item.")] = value.strip()
    return 1 + max(range(QUESTIONS), key=lambda index: len(texts.get(items[index], "")))


# ---------------------------------------------------------------------------------------------------------------
# the tests


@pytest.mark.parametrize("size", ["100", "200"])
def test_survey_in_every_language_fits_320px(world, visit, size):
    """At 100% the walk runs with JavaScript off (axe-core cannot run there); at 200% with it on, and axe-core checks
    the intro, the first question, the open questions and the review of every language."""
    javascript = size == "200"
    browser = phone(size, javascript)
    pages = Pages(size)
    try:
        path = world.demo["parentSurveyPath"]
        open_page(browser, world, path)
        offered = [a.get_attribute("lang") for a in browser.find_elements(By.CSS_SELECTOR, "main ul.language-choice a")]
        spoken = [world.demo["spokenLanguage"]] if world.demo.get("spokenLanguage") else []
        assert offered == LANGUAGES + spoken, f"the survey offers {offered}"
        pages.check(browser, "nl", "the language choice")  # before a choice: the browser's language, Dutch
        for lang in LANGUAGES:
            open_page(browser, world, f"{path}?lang={lang}")
            pages.check(browser, lang, "the intro")
            if javascript:
                visit(f"intro-{lang}-{size}", browser)
            wait_for_new_page(browser, css(browser, "main form button.primary").click)
            match = DRAFT_PAGE.fullmatch(path_of(browser))
            assert match and match["page"] == "1", browser.current_url
            token = match["token"]
            assert browser.find_elements(By.CSS_SELECTOR, "main fieldset.question input[type=radio]")
            pages.check(browser, lang, "the first question")
            visit(f"question-1-{lang}-{size}", browser, accessibility=javascript)
            # The text really is enlarged: the root is 32 px instead of 16, and the page's sizes (rem) follow it.
            root, heading, answer = (font_size(browser, selector) for selector in
                                     ("html", "main fieldset.question h1", "main .face-choice label"))
            assert root == (32.0 if size == "200" else 16.0), f"the root font size is {root}px at {size}%"
            assert (heading, answer) == pytest.approx((1.35 * root, 1.1 * root), abs=0.1), (
                f"{lang}: the question is {heading}px, its answers {answer}px at {size}%")
            # On to the open questions and the review, as a parent taps "next": through every question with the text
            # at 200%; at the normal size (less demanding, and the file has to stay quick) through question 2, then
            # straight to the question with the language's longest statement and to the open questions.
            number = 1
            while number < REVIEW_PAGE:
                if size == "100" and number == 2:
                    for jump in sorted({longest_statement_page(lang), OPEN_PAGE} - {1, 2}):
                        open_page(browser, world, f"/d/{token}/{jump}")
                        pages.check(browser, lang, "the open questions" if jump == OPEN_PAGE else f"question {jump}")
                    number = OPEN_PAGE
                wait_for_new_page(browser, css(browser, "main form button[name=go][value=next]").click)
                number += 1
                assert path_of(browser) == f"/d/{token}/{number}", browser.current_url
                names = {OPEN_PAGE: "the open questions", REVIEW_PAGE: "the review"}
                pages.check(browser, lang, names.get(number, f"question {number}"))
                if javascript and number in names:
                    visit(f"page-{number}-{lang}-{size}", browser)
            assert browser.find_elements(By.XPATH, "//main//form[contains(@action, '/submit')]"), "the review"
        pages.assert_none()
    finally:
        browser.quit()


AUDIO_FETCHED = "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/audio/'))"


def spoken_page(browser, pages: Pages, what: str, least: int) -> list[str]:
    """A page in the spoken-only language: the Dutch texts (`<html lang=nl>`, small) with at least `least` play buttons,
    each loading nothing until pressed; it fits 320 px. Returns the clips' addresses."""
    pages.check(browser, "nl", what)
    assert "spoken" in css(browser, "body").get_attribute("class").split(), f"{what}: not shown as a spoken-only page"
    players = browser.find_elements(By.CSS_SELECTOR, "main audio[controls]")
    assert len(players) >= least, f"{what}: {len(players)} play button(s), expected at least {least}"
    for player in players:
        assert player.get_attribute("preload") == "none", f"{what}: a clip is loaded before it is played"
        assert player.get_attribute("aria-label"), f"{what}: a play button without a name"
    assert browser.execute_script(AUDIO_FETCHED) == [], f"{what}: a clip was downloaded without being played"
    return [player.get_attribute("src") for player in players]


@pytest.mark.parametrize("size", ["100", "200"])
def test_survey_in_a_spoken_only_language_without_javascript(world, visit, size):
    """Darija, heard and not read: the parent picks it by its name (a play button says it), then every page shows the
    Dutch text small with a play button for each text, the statement and all five answers included, with JavaScript off;
    the answers are sent. axe-core then checks the same pages with JavaScript on."""
    spoken = world.demo.get("spokenLanguage")
    assert spoken == "ary", f"the demo offers no spoken-only language ({spoken!r}): are espeak-ng and opus-tools installed?"
    browser = phone(size, javascript=False)
    pages = Pages(size)
    walked: list[tuple[str, str]] = []
    try:
        path = world.demo["parentSurveyPath"]
        open_page(browser, world, path)
        link = css(browser, f"main ul.language-choice a[lang='{spoken}']")
        assert link.text == "الدارجة" and link.get_attribute("dir") == "rtl"
        name = browser.find_element(By.XPATH, f"//main//ul[@class='language-choice']/li[a[@lang='{spoken}']]/audio")
        assert name.get_attribute("preload") == "none" and name.get_attribute("aria-label") == "الدارجة"
        fits(browser, f"the language choice ({size}%)")
        # The clip of its name plays: it is a real Ogg/Opus file of the school's.
        status, kind = browser.execute_script("""
            const r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send();
            return [r.status, r.getResponseHeader('Content-Type')];""", name.get_attribute("src"))
        assert (status, kind) == (200, "audio/ogg"), f"the name's clip answers {status} {kind}"

        wait_for_new_page(browser, link.click)
        clips = spoken_page(browser, pages, "the intro", 4)
        walked.append(("intro", browser.current_url))
        assert css(browser, "main form input[name=lang]").get_attribute("value") == spoken
        wait_for_new_page(browser, css(browser, "main form button.primary").click)
        match = DRAFT_PAGE.fullmatch(path_of(browser))
        assert match and match["page"] == "1", browser.current_url
        token = match["token"]
        number = 1
        while True:
            names = {OPEN_PAGE: "the open questions", REVIEW_PAGE: "the review"}
            what = names.get(number, f"question {number}")
            least = {OPEN_PAGE: 3, REVIEW_PAGE: 2}.get(number, 7)   # a question: the statement, the hint and five answers
            clips += spoken_page(browser, pages, what, least)
            if number in (1, OPEN_PAGE, REVIEW_PAGE):
                walked.append((what, browser.current_url))
            if number == REVIEW_PAGE:
                break
            if number <= QUESTIONS:
                css(browser, "main .face-choice input[value='4']").click()
            wait_for_new_page(browser, css(browser, "main form button[name=go][value=next]").click)
            number += 1
            assert path_of(browser) == f"/d/{token}/{number}", browser.current_url
        assert len(set(clips)) >= QUESTIONS + 8, f"only {len(set(clips))} different clips on the way"
        if size == "200":
            # axe-core cannot run with scripts off; the server sends the same pages with them on (before the answers
            # are sent, while the draft's pages are still there).
            checker = phone(size)
            try:
                for what, url in walked:
                    checker.get(url)
                    assert "spoken" in css(checker, "body").get_attribute("class").split(), f"{what} is not the spoken page"
                    visit(f"spoken-{what.replace(' ', '-')}-{size}", checker)
            finally:
                checker.quit()
        wait_for_new_page(browser, css(browser, "main form[action$='/submit'] button").click)
        assert path_of(browser).endswith(f"?lang={spoken}"), browser.current_url
        spoken_page(browser, pages, "the thank-you", 1)
        pages.assert_none()
    finally:
        browser.quit()


@pytest.mark.parametrize("size", ["100", "200"])
def test_code_rating_cards_and_profile_pages_in_every_language_fit_320px(world, size):
    browser = phone(size)
    pages = Pages(size)
    try:
        for lang in LANGUAGES:
            for what, path in (("the code page", f"{world.demo['codeEntryPath']}?lang={lang}"),
                               ("the rating page", f"{world.demo['ratingMomentPath']}?lang={lang}"),
                               ("the conversation card", f"{world.demo['conversationCardPath']}?lang={lang}"),
                               ("the good-news card", f"{world.demo['goodNewsCardPath']}?lang={lang}")):
                open_page(browser, world, path)
                assert browser.find_elements(By.CSS_SELECTOR, "main form"), f"{what} ({lang}) has no form"
                pages.check(browser, lang, what)
            # The school's public profile: its fixed texts in the language, the school's own words as written.
            open_page(browser, world, f"{world.demo['profilePath']}?lang={lang}")
            assert browser.find_elements(By.CSS_SELECTOR, "main h2"), f"the profile ({lang}) has no sections"
            pages.check(browser, lang, "the public profile")
        pages.assert_none()
    finally:
        browser.quit()


def test_tigrinya_is_drawn_in_a_geez_font(world):
    """The Tigrinya heading is drawn with a font that has Ge'ez glyphs (Abyssinica SIL, from fonts-sil-abyssinica),
    not with a fallback's empty boxes: Chromium tells which platform fonts drew a node's text, and a box row of the
    same length has another width."""
    browser = phone("100")
    try:
        open_page(browser, world, f"{world.demo['codeEntryPath']}?lang=ti")
        language_is(browser, "ti", "the code page")
        heading = css(browser, "main h1").text
        assert re.search(r"[\u1200-\u137f]", heading), f"the Tigrinya heading has no Ge'ez letters: {heading!r}"
        root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": "main h1"})["nodeId"]
        browser.execute_cdp_cmd("CSS.enable", {})
        fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        families = {font["familyName"]: font["glyphCount"] for font in fonts}
        assert any("abyssinica" in name.lower() for name in families), (
            f"the Tigrinya heading is drawn with {families}, not with a Ge'ez font (apt-get install fonts-sil-abyssinica)")
        # And it looks like letters: "ትግርኛ" is not as wide as four boxes of a character no font has.
        widths = browser.execute_script("""
            const span = text => { const s = document.createElement('span'); s.textContent = text;
              document.querySelector('main').append(s); const w = s.getBoundingClientRect().width; s.remove(); return w; };
            return [span('ትግርኛ'), span('\\u0378\\u0378\\u0378\\u0378')];""")
        assert abs(widths[0] - widths[1]) > 1, f"ትግርኛ is as wide as four empty boxes: {widths}"
    finally:
        browser.quit()

"""The parents' side of Samenspraak: the survey, reached by the open link or a one-time code, without signing in.

Every page goes through `visit(name)` like the staff pages: axe-core, a screenshot and the server's HTML for the
validator (`test_zz_html_is_valid` reads every page kept here too). The demo's first school offers Dutch, French,
Arabic, Turkish and Bulgarian; its open wave has the link `parentSurveyPath` and ten unused `oneTimeCodes`. Each test
uses its own code, so they do not depend on each other; the open link can be used any number of times.

Headless Chromium has no speech voices, so the read-aloud buttons stay hidden; nothing here depends on them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from conftest import make_driver
from test_staff_flow import all_css, css, fill, h1, open_page, path_of, wait_for_new_page

QUESTIONS = 21
TOTAL_PAGES = QUESTIONS + 2  # the statements, the open questions, the review
OPEN_PAGE = QUESTIONS + 1
REVIEW_PAGE = QUESTIONS + 2
FACE_VALUES = [4, 3, 2, 1, 0]  # in page order: "Ja, helemaal" … "Nee, helemaal niet", then "Weet ik niet"
DUTCH_FACES = {4: "Ja, helemaal", 3: "Eerder wel", 2: "Eerder niet", 1: "Nee, helemaal niet",
               0: "Weet ik niet / niet voor mij"}
# The demo's first school offers every written language shipped, each named in itself, and one heard, not read:
# Darija (its clips made with espeak-ng when the demo ran; `offered(server)` has it when the demo says so).
SPOKEN = {"ary": "الدارجة"}
LANGUAGES = {"nl": "Nederlands", "fr": "Français", "en": "English", "ar": "العربية", "tr": "Türkçe", "bg": "Български",
             "pl": "Polski", "ro": "Română", "sk": "Slovenčina", "uk": "Українська", "ru": "Русский", "prs": "دری", "ps": "پښتو",
             "ti": "ትግርኛ", "so": "Soomaali"}



def offered(server) -> dict[str, str]:
    """The languages the demo's first school offers parents: the written ones, and its spoken-only one if it has clips."""
    spoken = server.demo.get("spokenLanguage")
    return {**LANGUAGES, **({spoken: SPOKEN[spoken]} if spoken else {})}


DRAFT_PAGE = re.compile(r"/d/(?P<token>[A-Za-z0-9_-]{16,})/(?P<page>\d+)")
DRAFT_START = re.compile(r"/d/(?P<token>[A-Za-z0-9_-]{16,})(?:\?lang=(?P<lang>[a-z]{2,3}))?")


# ---------------------------------------------------------------------------------------------------------------
# helpers


@pytest.fixture
def codes(server):
    """The demo's unused one-time codes, each handed to one test only."""
    return list(server.demo["oneTimeCodes"])


def survey_slug(server) -> str:
    path = server.demo["parentSurveyPath"]
    assert re.fullmatch(r"/o/[a-z0-9]+", path), path
    return path.rsplit("/", 1)[-1]


def no_sideways_scroll(driver, what: str) -> None:
    inner_width = driver.execute_script("return window.innerWidth")
    assert inner_width <= 320, f"the window is {inner_width}px wide, not 320: the check below would prove nothing"
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{what} scrolls sideways at 320px: scrollWidth {scroll_width}"


def language_links(driver) -> dict[str, str]:
    """The language choice: {lang: link text}, checking each link goes to `?lang=` of this page, in its own language."""
    links = all_css(driver, "main ul.language-choice a")
    found = {}
    for link in links:
        lang = link.get_attribute("lang")
        assert link.get_attribute("hreflang") == lang
        href = urlparse(link.get_attribute("href"))
        assert href.path == urlparse(driver.current_url).path and href.query == f"lang={lang}", link.get_attribute("href")
        found[lang] = link.text
    return found


def choose_language(driver, lang: str) -> None:
    wait_for_new_page(driver, css(driver, f"main ul.language-choice a[lang='{lang}']").click)
    assert urlparse(driver.current_url).query == f"lang={lang}", driver.current_url
    assert css(driver, "html").get_attribute("lang") == lang


def begin(driver) -> str:
    """Presses the begin button of the intro; returns the draft's token (the page addresses)."""
    assert css(driver, "p.privacy").text.strip(), "the intro says who sees the answers"
    wait_for_new_page(driver, css(driver, "main form button.primary").click)
    match = DRAFT_PAGE.fullmatch(path_of(driver))
    assert match and match["page"] == "1", driver.current_url
    return match["token"]


def on_page(driver, token: str, number: int) -> None:
    assert path_of(driver) == f"/d/{token}/{number}", f"expected page {number}, the browser is on {driver.current_url}"


def progress(driver, number: int, text: str | None = None) -> None:
    """The progress text and bar of page `number` of 23."""
    if text is not None:
        assert css(driver, "main .progress p").text == text
    bar = css(driver, "main progress")
    assert bar.get_attribute("value") == str(number) and bar.get_attribute("max") == str(TOTAL_PAGES)


def question(driver, number: int) -> tuple[str, dict[int, object]]:
    """The statement on the page: (item id, {value: radio}), checking the five answers and their labels."""
    fieldset = css(driver, "main form fieldset.question")
    assert fieldset.find_element(By.CSS_SELECTOR, "legend").text.strip(), f"question {number} has no statement"
    radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
    assert [r.get_attribute("id") for r in radios] == [f"a{v}" for v in FACE_VALUES]
    names = {r.get_attribute("name") for r in radios}
    assert len(names) == 1, names
    match = re.fullmatch(r"face\[(\w+)\]", names.pop())
    assert match, "the radios are named face[ITEM]"
    by_value = {}
    for radio in radios:
        value = int(radio.get_attribute("value"))
        assert radio.get_attribute("id") == f"a{value}"
        label = fieldset.find_element(By.CSS_SELECTOR, f"label[for='a{value}']")
        assert label.find_elements(By.CSS_SELECTOR, "svg"), f"answer {value} has no face"
        assert label.text.strip(), f"answer {value} has no words, only a face"
        by_value[value] = radio
    # The read-aloud button exists, but stays hidden without a voice (headless Chromium has none).
    for speak in fieldset.find_elements(By.CSS_SELECTOR, "button.speak"):
        assert speak.get_attribute("type") == "button", "read-aloud must not submit the answer"
    return match.group(1), by_value


def answer(driver, value: int) -> None:
    """Clicks the face label of `value`, as a parent taps it."""
    css(driver, f"main fieldset.question label[for='a{value}']").click()
    assert css(driver, f"#a{value}").is_selected(), f"tapping answer {value} did not choose it"


def checked(driver) -> int | None:
    chosen = [int(r.get_attribute("value")) for r in all_css(driver, "main fieldset.question input[type=radio]")
              if r.is_selected()]
    assert len(chosen) <= 1, chosen
    return chosen[0] if chosen else None


def go(driver, where: str) -> None:
    """Presses `Volgende` (next) or `Terug` (back) of the page's form."""
    wait_for_new_page(driver, css(driver, f"main form button[name=go][value={where}]").click)


def submit_review(driver) -> None:
    form = driver.find_element(By.XPATH, "//main//form[substring(@action, string-length(@action) - 6) = '/submit']")
    wait_for_new_page(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)


def enter_code(driver, server, typed: str) -> None:
    open_page(driver, server, server.demo["codeEntryPath"])
    fill(driver, "#code", typed)
    wait_for_new_page(driver, css(driver, "main form button[type=submit]").click)


def stored(server, marker: str) -> dict:
    """The stored response whose open answer contains `marker`: its language, channel, faces and texts. A response
    waits in the inbox until enough others join it in the report; it is looked for in both."""
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True, timeout=10) as db:
        rows = db.execute("SELECT response_id FROM survey_texts WHERE text LIKE ?", (f"%{marker}%",)).fetchall()
        waiting = [json.loads(entry) for (entry,) in db.execute("SELECT entry FROM survey_inbox WHERE entry LIKE ?",
                                                                 (f"%{marker}%",))]
        assert len(rows) + len(waiting) == 1, f"{len(rows) + len(waiting)} stored response(s) with {marker!r}"
        if waiting:
            entry = waiting[0]
            return {"language": entry["language"], "channel": entry["channel"], "faces": entry["faces"], "texts": entry["texts"]}
        response_id = rows[0][0]
        language, channel = db.execute("SELECT language, channel FROM survey_responses WHERE id = ?",
                                       (response_id,)).fetchone()
        faces = dict(db.execute("SELECT item, value FROM survey_answers WHERE response_id = ?", (response_id,)))
        texts = dict(db.execute("SELECT question, text FROM survey_texts WHERE response_id = ?", (response_id,)))
    return {"language": language, "channel": channel, "faces": faces, "texts": texts}


# ---------------------------------------------------------------------------------------------------------------
# the stories


def test_parent_answers_whole_survey_in_dutch_via_open_link(server, driver, visit):
    slug = survey_slug(server)
    open_page(driver, server, server.demo["parentSurveyPath"])
    page = visit("language-choice")
    assert page.status == 200
    assert language_links(driver) == offered(server), "each language is named in itself"
    assert not all_css(driver, "main form"), "no begin button before a language is chosen"
    assert not all_css(driver, "header form[action='/logout']"), "parents are never signed in"

    choose_language(driver, "nl")
    page = visit("intro")
    assert page.status == 200
    assert h1(driver) == "Hoe gaat het met jou en onze school?"
    assert "anoniem" in css(driver, "main p.privacy").text
    assert css(driver, "main form button.primary").text == "Beginnen"
    assert css(driver, "main ul.language-choice a[lang='nl']").get_attribute("aria-current") == "true"
    token = begin(driver)

    # Answers: varied faces, two statements left open; one trip back to see an answer kept.
    skipped = {7, 15}
    chosen: dict[str, int] = {}
    for number in range(1, QUESTIONS + 1):
        on_page(driver, token, number)
        page = visit(f"question-{number}")
        assert page.status == 200
        progress(driver, number, f"Vraag {number} van {TOTAL_PAGES}")
        item, _ = question(driver, number)
        assert {v: css(driver, f"label[for='a{v}']").text for v in FACE_VALUES} == DUTCH_FACES
        assert checked(driver) is None, f"question {number} starts unanswered"
        assert css(driver, "button[name=go][value=next]").text == "Volgende"
        back_buttons = all_css(driver, "button[name=go][value=back]")
        if number == 1:
            assert not back_buttons, "the first question has no back button"
        else:
            assert [b.text for b in back_buttons] == ["Terug"]
        if number not in skipped:
            value = FACE_VALUES[(number - 1) % len(FACE_VALUES)]
            answer(driver, value)
            chosen[item] = value
        if number == 5:
            # Back from question 5 (answered, not yet sent on): question 4 still shows its answer ...
            go(driver, "back")
            on_page(driver, token, 4)
            previous_item, _ = question(driver, 4)
            assert checked(driver) == chosen[previous_item], "going back lost the answer to question 4"
            visit("question-4-again")
            # ... and forward again, question 5 kept the answer given before going back.
            go(driver, "next")
            on_page(driver, token, 5)
            assert checked(driver) == value, "going back lost the answer to question 5"
        go(driver, "next")
    assert len(chosen) == QUESTIONS - len(skipped)
    assert len(set(chosen.values())) == 5, "every face was used"

    # The two open questions.
    on_page(driver, token, OPEN_PAGE)
    page = visit("open-questions")
    assert page.status == 200
    progress(driver, OPEN_PAGE, f"Vraag {OPEN_PAGE} van {TOTAL_PAGES}")
    assert css(driver, "label[for='text-well']").text == "Wat doet de school goed voor jou en je kind?"
    assert css(driver, "label[for='text-help']").text == "Wat zou jou helpen?"
    marker = "browsertest-nl-open-link"
    well = f"De juf zegt elke ochtend goeiedag. ({marker})"
    help_text = "Een briefje met tekeningen, en <b>niet</b> alleen e-mails."
    fill(driver, "#text-well", well)
    fill(driver, "#text-help", help_text)
    go(driver, "next")

    # The review: two statements were left open, and that is fine.
    on_page(driver, token, REVIEW_PAGE)
    page = visit("review")
    assert page.status == 200
    # The last step asks nothing: a full bar named by the heading, no "question 23 of 23".
    progress(driver, REVIEW_PAGE)
    assert not driver.find_elements(By.CSS_SELECTOR, "main .progress p")
    assert "Vraag" not in css(driver, "main .progress").text
    assert "Je liet 2 vragen open" in css(driver, "main").text
    # Back from the review shows the open answers as typed, then forward again.
    go(driver, "back")
    on_page(driver, token, OPEN_PAGE)
    assert css(driver, "#text-well").get_attribute("value") == well
    assert css(driver, "#text-help").get_attribute("value") == help_text
    go(driver, "next")
    on_page(driver, token, REVIEW_PAGE)
    submit_button = driver.find_element(By.XPATH, "//main//form[contains(@action, '/submit')]//button")
    assert submit_button.text == "Versturen"
    submit_review(driver)

    assert path_of(driver) == f"/o/{slug}/thanks?lang=nl"
    page = visit("thanks")
    assert page.status == 200
    assert h1(driver) == "Dank je wel!"
    assert css(driver, "html").get_attribute("lang") == "nl"

    # Stored as given, with nothing of the draft left.
    response = stored(server, marker)
    assert response["language"] == "nl" and response["channel"] == "link"
    assert response["faces"] == chosen
    assert response["texts"] == {"well": well, "help": help_text}
    # Back in the browser's history: the send page is not shown again, it says the answers arrived.
    driver.back()
    assert path_of(driver) == f"/d/{token}/{REVIEW_PAGE}"
    assert h1(driver) == "Dank je wel!"
    assert not driver.find_elements(By.XPATH, "//main//form"), "the sent draft offers nothing to send again"
    open_page(driver, server, f"/d/{token}/{REVIEW_PAGE}")
    page = visit("draft-after-sending")
    assert page.status == 200
    assert h1(driver) == "Dank je wel!"
    assert "Je antwoorden zijn goed aangekomen." in css(driver, "main").text


def test_parent_answers_in_arabic_via_one_time_code(server, driver, visit, codes):
    slug = survey_slug(server)
    code = codes[0]
    # Typed as a parent might: lower case, a space instead of the dash.
    open_page(driver, server, server.demo["codeEntryPath"])
    page = visit("code-entry")
    assert page.status == 200
    assert css(driver, "label[for='code']").text == "Jouw code"
    fill(driver, "#code", code.lower().replace("-", " "))
    wait_for_new_page(driver, css(driver, "main form button[type=submit]").click)
    match = DRAFT_START.fullmatch(path_of(driver))
    assert match, driver.current_url
    token = match["token"]

    page = visit("draft-language-choice")
    assert page.status == 200
    assert language_links(driver) == offered(server)
    choose_language(driver, "ar")
    assert path_of(driver) == f"/d/{token}?lang=ar"

    def assert_rtl(what: str) -> None:
        assert driver.execute_script("return document.documentElement.dir") == "rtl", f"{what}: <html> is not rtl"
        assert css(driver, "html").get_attribute("lang") == "ar"
        direction = driver.execute_script("return getComputedStyle(document.querySelector('main')).direction")
        assert direction == "rtl", f"{what}: <main> is laid out {direction}"

    assert_rtl("intro")
    page = visit("intro-ar")
    assert page.status == 200
    assert '<html lang="ar" dir="rtl"' in page.html
    assert h1(driver) == "كيف حالك مع مدرستنا؟"
    assert css(driver, "main form button.primary").text == "ابدأ"
    assert begin(driver) == token, "the code's draft goes on under the same address"

    chosen = {}
    for number in range(1, QUESTIONS + 1):
        on_page(driver, token, number)
        if number <= 3:
            assert_rtl(f"question {number}")
            page = visit(f"question-{number}-ar")
            assert page.status == 200
            progress(driver, number, f"السؤال {number} من {TOTAL_PAGES}")
            item, _ = question(driver, number)
            value = [1, 4, 0][number - 1]
            answer(driver, value)
            chosen[item] = value
        go(driver, "next")

    on_page(driver, token, OPEN_PAGE)
    assert_rtl("open questions")
    visit("open-questions-ar")
    marker = "browsertest-ar-code"
    fill(driver, "#text-well", f"المعلمة لطيفة جدًا {marker}")
    go(driver, "next")

    on_page(driver, token, REVIEW_PAGE)
    assert_rtl("review")
    page = visit("review-ar")
    assert f"{QUESTIONS - len(chosen)}" in css(driver, "main").text, "the review says how many were left open"
    submit_review(driver)

    assert path_of(driver) == f"/o/{slug}/thanks?lang=ar"
    assert_rtl("thanks")
    page = visit("thanks-ar")
    assert page.status == 200
    assert h1(driver) == "شكرًا جزيلًا!"
    response = stored(server, marker)
    assert response["language"] == "ar" and response["channel"] == "code"
    assert response["faces"] == chosen
    assert "help" not in response["texts"], "an open question left empty stores nothing"

    # The same code again, typed exactly as on the slip: refused.
    enter_code(driver, server, code)
    assert path_of(driver) == server.demo["codeEntryPath"]
    page = visit("code-used")
    assert page.status == 422 and page.method == "POST"
    error = css(driver, "main p.error")
    assert error.text.startswith("Deze code is al gebruikt"), error.text
    assert error.get_attribute("id") == "code-error"
    assert "code-error" in css(driver, "#code").get_attribute("aria-describedby").split()
    assert css(driver, "#code").get_attribute("aria-invalid") == "true"


def test_unknown_code_is_refused(server, driver, visit):
    enter_code(driver, server, "ABCD-EFGH")
    page = visit("code-unknown")
    assert page.status == 422 and page.method == "POST"
    assert css(driver, "main p.error").text.startswith("Deze code kennen we niet"), css(driver, "main p.error").text
    assert css(driver, "#code").get_attribute("value") == "ABCD-EFGH", "the typed code is kept to correct it"


def test_parent_answers_in_french_without_javascript(server, driver, visit):
    nojs = make_driver(prefs={"profile.managed_default_content_settings.javascript": 2})
    try:
        # JavaScript is really off: a page's own script does not run, its <noscript> shows.
        nojs.get("data:text/html,<title>off</title><noscript><p id=n>no script</p></noscript>"
                 "<script>document.title='on'</script>")
        assert nojs.title == "off" and nojs.find_element(By.ID, "n").is_displayed()

        slug = survey_slug(server)
        open_page(nojs, server, server.demo["parentSurveyPath"])
        visit("language-choice-nojs", nojs, accessibility=False)
        choose_language(nojs, "fr")
        page = visit("intro-fr-nojs", nojs, accessibility=False)
        assert page.status == 200
        assert css(nojs, "main form button.primary").text == "Commencer"
        token = begin(nojs)

        chosen = {}
        for number in range(1, QUESTIONS + 1):
            on_page(nojs, token, number)
            if number in (1, 2, 3, QUESTIONS):
                visit(f"question-{number}-fr-nojs", nojs, accessibility=False)
                progress(nojs, number, f"Question {number} sur {TOTAL_PAGES}")
            item, _ = question(nojs, number)
            if number % 3:
                value = FACE_VALUES[number % len(FACE_VALUES)]
                answer(nojs, value)
                chosen[item] = value
            if number == 3:  # left open; back to question 2, which kept its answer
                go(nojs, "back")
                on_page(nojs, token, 2)
                assert checked(nojs) == chosen[question(nojs, 2)[0]], "going back lost the answer (no JavaScript)"
                go(nojs, "next")
                on_page(nojs, token, 3)
                assert checked(nojs) is None
            go(nojs, "next")

        on_page(nojs, token, OPEN_PAGE)
        visit("open-questions-fr-nojs", nojs, accessibility=False)
        marker = "browsertest-fr-nojs"
        fill(nojs, "#text-help", f"Plus de réunions le soir. {marker}")
        go(nojs, "next")
        on_page(nojs, token, REVIEW_PAGE)
        visit("review-fr-nojs", nojs, accessibility=False)
        assert f"Vous n'avez pas répondu à {QUESTIONS - len(chosen)} questions" in css(nojs, "main").text
        submit_review(nojs)

        assert path_of(nojs) == f"/o/{slug}/thanks?lang=fr"
        page = visit("thanks-fr-nojs", nojs, accessibility=False)
        assert page.status == 200
        assert h1(nojs) == "Merci beaucoup !"
        assert css(nojs, "html").get_attribute("lang") == "fr"
        response = stored(server, marker)
        assert response["language"] == "fr" and response["faces"] == chosen
    finally:
        nojs.quit()


def test_survey_fits_320px(server, driver, visit):
    driver.set_window_size(320, 800)
    open_page(driver, server, server.demo["parentSurveyPath"])
    no_sideways_scroll(driver, "the language choice")
    visit("language-choice-320")

    for lang in ("nl", "ar"):
        open_page(driver, server, f"{server.demo['parentSurveyPath']}?lang={lang}")
        no_sideways_scroll(driver, f"the intro ({lang})")
        visit(f"intro-320-{lang}")
        token = begin(driver)
        on_page(driver, token, 1)
        question(driver, 1)
        no_sideways_scroll(driver, f"the first question ({lang})")
        visit(f"question-1-320-{lang}")
        # The answers stay big enough to tap on a small phone (WCAG 2.5.8: at least 24 by 24 px).
        for value in FACE_VALUES:
            size = css(driver, f"label[for='a{value}']").size
            assert size["width"] >= 24 and size["height"] >= 24, f"answer {value} is only {size} at 320px ({lang})"

    open_page(driver, server, server.demo["codeEntryPath"])
    no_sideways_scroll(driver, "the code entry")
    visit("code-entry-320")


def test_read_aloud_buttons_stay_hidden_without_a_voice(server, driver):
    """A read-aloud button is `hidden` until the script finds a voice; headless Chromium has none, so none shows.

    (Its pages are checked by `visit` in the tests above; this one is only about the button.)
    """
    open_page(driver, server, f"{server.demo['parentSurveyPath']}?lang=nl")
    token = begin(driver)
    voices = driver.execute_script("return window.speechSynthesis ? speechSynthesis.getVoices().length : 0")
    if voices:
        pytest.skip(f"this browser has {voices} speech voice(s): the buttons may rightly show")
    for number in (1, OPEN_PAGE):
        open_page(driver, server, f"/d/{token}/{number}")
        buttons = all_css(driver, "main button.speak")
        assert buttons, f"page {number} has no read-aloud button"
        for button in buttons:
            assert button.get_attribute("hidden") is not None, "the script showed a button without a voice"
            assert not button.is_displayed(), (
                f"page {number}: the hidden read-aloud button is shown anyway "
                f"(display: {button.value_of_css_property('display')}): {button.get_attribute('outerHTML')}")

"""A school's recordings of the parent texts.

The lead of the first school opens the recordings of its Dutch texts: with JavaScript each text offers Record (the
controls are hidden without it). A PNG renamed `.ogg` is refused with the reason next to its text; a real Ogg/Opus
clip (made here with espeak-ng and opusenc from Debian) is saved and plays on the page. A parent starting the survey
in Dutch then finds, beside the first statement, a play button that loads nothing until pressed, named "Luisteren: …",
and no read-aloud button for that statement. The lead deletes the recording at the end, so later tests see the survey
as before.

A teacher of the same school then records a text in the browser, with Chromium's fake microphone (a beep): Record,
two seconds, Stop, a play-back of the take (a `blob:` address), Save; the page comes back with the saved notice and a
clip of about two seconds that the server serves as WebM or Ogg, the bytes the browser sent. A take thrown away
with Discard stores nothing. The lead deletes that recording too.
"""

from __future__ import annotations

import base64
import shutil
import sqlite3
import subprocess
import time

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, make_driver

from test_report import fetch_anonymously, sign_in_as, staff_member
from test_staff_flow import css, all_css, open_page, path_of, wait_for_new_page
from test_stories import png_photo

ROW = "#t-survey-item-k1-greet"


def spoken_clip(tmp_path):
    """A short Ogg/Opus clip of a Dutch sentence, as a bridge figure might upload."""
    if not (shutil.which("espeak-ng") and shutil.which("opusenc")):
        pytest.skip("espeak-ng and opusenc (Debian) make the clip")
    wav, opus = tmp_path / "welkom.wav", tmp_path / "welkom.opus"
    subprocess.run(["espeak-ng", "-v", "nl", "-w", str(wav), "Ik voel me welkom op school."], check=True)
    subprocess.run(["opusenc", "--quiet", "--bitrate", "16", str(wav), str(opus)], check=True)
    return opus


def upload(driver, path) -> None:
    css(driver, f"{ROW}-file").send_keys(str(path))
    wait_for_new_page(driver, css(driver, f"{ROW} form[data-upload] button[type=submit]").click)


def test_a_lead_uploads_a_recording_and_a_parent_hears_it(server, driver, visit, tmp_path):
    lead = staff_member(server, "lead", 0)
    school = server.demo["schoolIDs"][0].lower()
    sign_in_as(driver, server, visit, lead, "voice-sign-in")
    open_page(driver, server, f"/staff/schools/{school}/voice")
    assert visit("voice-overview").status == 200
    assert css(driver, f"main a[href='/staff/schools/{school}/voice/nl']").text == "Nederlands"

    open_page(driver, server, f"/staff/schools/{school}/voice/nl")
    assert visit("voice-dutch").status == 200
    assert css(driver, f"{ROW} [data-recorder]").is_displayed(), "with JavaScript the record controls show"
    assert css(driver, f"{ROW} [data-record]").text == "Opnemen"
    assert not css(driver, f"{ROW} [data-save]").is_displayed()

    fake = tmp_path / "foto.ogg"
    fake.write_bytes(png_photo(8, 8))
    upload(driver, fake)
    refused = visit("voice-refused")
    assert refused.status == 422 and refused.method == "POST"
    assert "Dit is geen geluidsbestand dat we kunnen afspelen" in css(driver, f"{ROW} .error").text
    assert not all_css(driver, f"{ROW} audio[src]"), "nothing was stored"

    # A real clip padded past 1 MB: refused by its size, whatever it holds.
    clip = spoken_clip(tmp_path)
    oversized = tmp_path / "lang.ogg"
    oversized.write_bytes(clip.read_bytes() + bytes(1_000_001))
    upload(driver, oversized)
    assert visit("voice-refused-oversized").status == 422
    assert "Dit bestand is groter dan 1 MB." in css(driver, f"{ROW} .error").text
    assert not all_css(driver, f"{ROW} audio[src]"), "nothing was stored"

    upload(driver, clip)
    assert "saved=saved" in path_of(driver), driver.current_url
    assert visit("voice-saved").status == 200
    played = css(driver, f"{ROW} audio.voice[src]")
    assert played.get_attribute("preload") == "none"
    assert played.get_attribute("src").split("/audio/")[1], played.get_attribute("src")

    open_page(driver, server, server.demo["parentSurveyPath"] + "?lang=nl")
    wait_for_new_page(driver, css(driver, "main form button.primary").click)
    question = visit("voice-parent-question")
    assert question.status == 200
    audio = css(driver, "fieldset.question audio.voice")
    assert audio.get_attribute("preload") == "none"
    assert audio.get_attribute("aria-label").startswith("Luisteren: "), audio.get_attribute("aria-label")
    assert not all_css(driver, "button[data-speak='q-k1_greet']"), "a recorded statement has no read-aloud button"
    # Nothing of the clip is fetched until the parent presses play.
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert not [name for name in fetched if "/audio/" in name], fetched

    open_page(driver, server, f"/staff/schools/{school}/voice/nl")
    wait_for_new_page(driver, css(driver, f"{ROW} form[action$='/delete'] button").click)
    assert visit("voice-deleted").status == 200
    assert not all_css(driver, f"{ROW} audio[src]")


RECORDED = "#t-survey-item-k1-respect"
# A microphone without a person or a prompt: Chromium's fake device plays a beep and the permission is granted.
FAKE_MICROPHONE = ("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                   "--autoplay-policy=no-user-gesture-required")


@pytest.fixture
def microphone():
    """A second browser, with a fake microphone."""
    browser = make_driver(arguments=FAKE_MICROPHONE)
    yield browser
    browser.quit()


def record(browser, seconds: float = 2.0) -> None:
    """Record, wait, Stop: the take's play-back shows, from the browser's own memory."""
    css(browser, f"{RECORDED} [data-record]").click()
    WebDriverWait(browser, 10).until(lambda b: css(b, f"{RECORDED} [data-stop]").is_displayed())
    assert css(browser, f"{RECORDED} [data-status]").text == "Bezig met opnemen…"
    time.sleep(seconds)
    css(browser, f"{RECORDED} [data-stop]").click()
    WebDriverWait(browser, 10).until(lambda b: css(b, f"{RECORDED} [data-preview]").is_displayed())
    preview = css(browser, f"{RECORDED} [data-preview]")
    assert preview.get_attribute("src").startswith("blob:"), preview.get_attribute("src")
    assert css(browser, f"{RECORDED} [data-save]").is_displayed()
    assert css(browser, f"{RECORDED} [data-discard]").is_displayed()
    assert not css(browser, f"{RECORDED} [data-stop]").is_displayed()


def keep_what_save_sends(browser) -> None:
    """Makes the page keep a copy of the file Save sends, in the tab's sessionStorage (the page reloads after it).
    The page's CSP does not let a script fetch the take's blob: address, but the Blob itself can be read."""
    browser.execute_script("""
        const send = window.fetch;
        window.fetch = async function(address, options) {
          const file = options && options.body instanceof FormData ? options.body.get('audio') : null;
          if (file) {
            let text = ''; new Uint8Array(await file.arrayBuffer()).forEach(b => { text += String.fromCharCode(b); });
            sessionStorage.setItem('take', btoa(text));
            sessionStorage.setItem('take-name', file.name);
          }
          return send.call(this, address, options);
        };
    """)


def what_save_sent(browser) -> tuple[str, bytes]:
    name, encoded = browser.execute_script("return [sessionStorage.getItem('take-name'), sessionStorage.getItem('take')]")
    assert encoded, "Save sent no file"
    return name, base64.b64decode(encoded)


def stored_recordings(server) -> list[tuple[str, str, float, int]]:
    """(format, seconds, bytes) of every Dutch recording of the recorded text (the demo records other languages)."""
    with sqlite3.connect(f"file:{server.database}?mode=ro", uri=True) as db:
        return db.execute("SELECT format, seconds, byte_count FROM recordings "
                          "WHERE language = 'nl' AND part = 'survey' AND text_key = 'item.k1_respect'").fetchall()


def test_a_teacher_records_a_text_in_the_browser(server, driver, visit, microphone):
    teacher = staff_member(server, "member", 0)
    school = server.demo["schoolIDs"][0].lower()
    page = f"/staff/schools/{school}/voice/nl"
    sign_in_as(microphone, server, lambda name: visit(name, microphone), teacher, "recorder-sign-in")
    open_page(microphone, server, page)
    assert visit("recorder-page", microphone).status == 200
    assert css(microphone, f"{RECORDED} [data-recorder]").is_displayed()
    assert not all_css(microphone, f"{RECORDED} audio.voice[src]:not([data-preview])")
    assert not stored_recordings(server)

    # A take thrown away is not stored.
    record(microphone, 1.0)
    css(microphone, f"{RECORDED} [data-discard]").click()
    assert not css(microphone, f"{RECORDED} [data-preview]").is_displayed()
    assert not css(microphone, f"{RECORDED} [data-save]").is_displayed()
    assert css(microphone, f"{RECORDED} [data-record]").is_displayed()
    assert not css(microphone, f"{RECORDED} [data-preview]").get_attribute("src")
    assert not stored_recordings(server), "a discarded take stores nothing"

    # A take saved: the page comes back with the notice and the clip.
    record(microphone, 2.0)
    keep_what_save_sends(microphone)
    wait_for_new_page(microphone, css(microphone, f"{RECORDED} [data-save]").click)
    name, sent = what_save_sent(microphone)
    (ARTIFACTS / name).write_bytes(sent)  # what Chromium records, for a look or a Core fixture
    assert (name, sent[:4]) in (("recording.webm", b"\x1a\x45\xdf\xa3"), ("recording.ogg", b"OggS")), (name, sent[:16])
    assert "saved=saved" in path_of(microphone), microphone.current_url
    assert microphone.current_url.endswith(RECORDED), microphone.current_url
    saved = visit("recorder-saved", microphone)
    assert saved.status == 200
    assert css(microphone, "main .notice").text == "De opname is bewaard."
    clip = css(microphone, f"{RECORDED} audio.voice[src]")
    source = clip.get_attribute("src")
    assert "/audio/" in source, source
    length = css(microphone, f"{RECORDED} audio.voice[src] + p.muted").text

    [(audio_format, seconds, byte_count)] = stored_recordings(server)
    assert audio_format in ("webm", "ogg"), audio_format
    assert 1.5 <= seconds <= 3.0, seconds
    assert length == f"{max(1, int(seconds + 0.5))} s", (length, seconds)  # rounded half up, as the page does
    status, served = fetch_anonymously(source)
    assert status == 200
    assert served == sent and byte_count == len(sent), (len(served), len(sent), byte_count)

    # The lead removes it again, so later tests see the survey as before.
    lead = staff_member(server, "lead", 0)
    sign_in_as(driver, server, visit, lead, "recorder-lead-sign-in")
    open_page(driver, server, page)
    wait_for_new_page(driver, css(driver, f"{RECORDED} form[action$='/delete'] button").click)
    assert visit("recorder-deleted").status == 200
    assert not stored_recordings(server)

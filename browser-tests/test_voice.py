"""A school's recordings of the parent texts.

The lead of the first school opens the recordings of its Dutch texts: with JavaScript each text offers Record (the
controls are hidden without it). A PNG renamed `.ogg` is refused with the reason next to its text; a real Ogg/Opus
clip (made here with espeak-ng and opusenc from Debian) is saved and plays on the page. A parent starting the survey
in Dutch then finds, beside the first statement, a play button that loads nothing until pressed, named "Luisteren: …",
and no read-aloud button for that statement. The lead deletes the recording at the end, so later tests see the survey
as before.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from test_report import sign_in_as, staff_member
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

    upload(driver, spoken_clip(tmp_path))
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

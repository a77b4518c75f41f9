"""A story's photo survives a form that comes back with an error.

A member of the first school writes a story with a photo and its description but forgets the title. The form comes
back saying so, shows that the photo is kept (its name and size) with the description still typed; adding the title
saves the story with the photo, which the preview shows. The story stays a draft of its own title, so the stories
tests (which count stories and run before this file) are not disturbed.
"""

from __future__ import annotations

from test_plan import error_summary, press, school_id
from test_report import sign_in_as, staff_member
from test_staff_flow import css, field_error, fill, h1, open_page, path_of, set_checked
from test_stories import photo_in_database, photo_loaded, png_photo, story_in_database

TITLE = "De kapstok van de ouders"
SUMMARY = "Een kapstok bij de klas waar ouders even blijven praten."
BODY = "Bij de kapstok van de klas blijven ouders 's ochtends even staan en praten ze met de juf."
PHOTO_ALT = "Jassen van ouders aan de kapstok naast de klasdeur"
PHOTO_SIZE = (40, 30)


def test_a_photo_sent_without_a_title_is_kept_and_saved_with_the_story(server, driver, visit, tmp_path):
    member = staff_member(server, "member", 0)
    assert story_in_database(server, TITLE) is None
    stories_path = f"/staff/schools/{school_id(server)}/stories"
    sign_in_as(driver, server, visit, member, "member")
    open_page(driver, server, f"{stories_path}/new")
    assert visit("kept-photo-new").status == 200

    # Everything but the title, with a real photo and its description.
    photo = tmp_path / "kapstok.png"
    photo.write_bytes(png_photo(*PHOTO_SIZE))
    fill(driver, "#summary", SUMMARY)
    fill(driver, "#body", BODY)
    set_checked(driver, "#keys-9", True)
    css(driver, "input#photo").send_keys(str(photo))
    fill(driver, "#photo_alt", PHOTO_ALT)
    press(driver, "Verhaal bewaren")
    page = visit("kept-photo-errors")
    assert page.status == 422 and page.method == "POST"
    assert h1(driver) == "Nieuw verhaal"
    assert error_summary(driver) == [("title", "Vul dit in.")]
    assert field_error(driver, "title") == "Vul dit in."
    kept = css(driver, "#kept-photo")
    assert "Gekozen foto: kapstok.png (40 × 30 beeldpunten)" in kept.text, kept.text
    assert "je hoeft hem niet opnieuw te kiezen" in kept.text, kept.text
    assert css(driver, "#drop_pending_photo").accessible_name == "Deze foto niet gebruiken"
    assert css(driver, "input#photo").accessible_name == "Andere foto"
    assert css(driver, "#photo_alt").get_attribute("value") == PHOTO_ALT, "the photo's description was lost"
    assert css(driver, "#summary").get_attribute("value") == SUMMARY
    assert css(driver, "#keys-9").is_selected()
    assert story_in_database(server, TITLE) is None, "a story without a title was stored"

    # The title added, the file field left alone: the story is saved with the photo.
    fill(driver, "#title", TITLE)
    press(driver, "Verhaal bewaren")
    story = story_in_database(server, TITLE)
    assert story is not None, f"the story was not stored ({path_of(driver)})"
    assert path_of(driver) == f"/staff/stories/{story['id'].lower()}?saved=1"
    assert visit("kept-photo-saved").status == 200
    assert story["photo_id"] is not None, "the story was saved without its photo"
    assert story["photo_alt"] == PHOTO_ALT
    stored = photo_in_database(server, story["photo_id"])
    assert (stored["content_type"], stored["width"], stored["height"]) == ("image/png", *PHOTO_SIZE)
    photo_loaded(driver, PHOTO_ALT, PHOTO_SIZE[0])

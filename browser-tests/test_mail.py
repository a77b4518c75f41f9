"""E-mail as a school uses it, through a real SMTP server (aiosmtpd, see conftest): a lead invites a colleague, who
creates an account from the link in the mail; later the colleague forgets the password and sets a new one from the
"forgot your password?" mail. Each mail is read from what the SMTP server received."""

from __future__ import annotations

import re

from test_staff_flow import (assert_no_alert, css, field_error, fill, open_page, path_of, sign_in, sign_out,
                             submit_main_form, wait_for_new_page)

NEW_PASSWORD = "een nieuwe zin voor mij"
FIRST_PASSWORD = "mijn eerste wachtwoord"


def only_link(text: str, path_prefix: str, base_url: str) -> str:
    links = re.findall(re.escape(base_url) + re.escape(path_prefix) + r"[A-Za-z0-9_-]+", text)
    assert len(set(links)) == 1, f"expected one {path_prefix} link in the mail, found {links}:\n{text}"
    return links[0]


def test_invitation_by_mail_then_forgot_password_by_mail(server, driver, visit):
    first_school = server.demo["schoolIDs"][0].lower()
    lead = next(p for p in server.staff_with("lead") if p["school"].lower() == first_school)
    colleague = "noor.nieuw@school.example"
    before = len(server.mails())

    # The lead invites a colleague by link; the page says the mail is on its way and still shows the link once.
    sign_in(driver, server, visit, lead["email"], lead["password"], "mail-lead")
    open_page(driver, server, f"/staff/schools/{first_school}/staff")
    fill(driver, "#name", "Noor Nieuw")
    fill(driver, "#email", colleague)
    css(driver, "label[for='role-member']").click()
    css(driver, "label[for='method-link']").click()
    submit_main_form(driver)
    page = visit("mail-invite-issued")
    assert page.status == 201
    assert f"We stuurden een e-mail met deze link naar {colleague}." in css(driver, "main").text

    invitation = server.wait_for_mail(colleague, "Uitnodiging voor Samenspraak", after=before)
    assert invitation["to_name"] == "Noor Nieuw"
    assert invitation["from_address"] == "noreply@samenspraak.test"
    assert invitation["text"].startswith("Dag Noor Nieuw,")
    assert invitation["html"] and "<img" not in invitation["html"], "an HTML alternative, without pictures or tracking"
    assert invitation["message_id"] and invitation["date"]
    assert not invitation["defects"], invitation["defects"]
    invite_url = only_link(invitation["text"], "/invite/", server.base_url)

    # The staff page tells the lead the mail went out.
    open_page(driver, server, f"/staff/schools/{first_school}/staff")
    visit("mail-staff-sent")
    assert "e-mail verstuurd" in css(driver, "main").text
    sign_out(driver, visit, "mail-lead-signed-out")

    # The colleague follows the link from the mail and creates the account.
    driver.get(invite_url)
    assert_no_alert(driver)
    visit("mail-accept")
    fill(driver, "#password", FIRST_PASSWORD)
    fill(driver, "#password_confirmation", FIRST_PASSWORD)
    submit_main_form(driver)
    assert path_of(driver) == f"/staff/schools/{first_school}"
    sign_out(driver, visit, "mail-colleague-signed-out")

    # Later: "Forgot your password?" on the sign-in page.
    forgot = css(driver, "main a[href='/password/forgot']")
    assert forgot.text == "Wachtwoord vergeten?"
    wait_for_new_page(driver, forgot.click)
    visit("mail-forgot")
    fill(driver, "#email", "geen adres")
    submit_main_form(driver)
    page = visit("mail-forgot-error")
    assert page.status == 422
    assert field_error(driver, "email")
    assert css(driver, "#email").get_attribute("value") == "geen adres", "what was typed is kept"
    asked = len(server.mails())
    fill(driver, "#email", colleague)
    submit_main_form(driver)
    page = visit("mail-forgot-sent")
    assert page.status == 200
    assert f"Als er een account bestaat voor {colleague}" in css(driver, "main .notice").text

    reset = server.wait_for_mail(colleague, "Een nieuw wachtwoord voor Samenspraak", after=asked)
    reset_url = only_link(reset["text"], "/password/reset/", server.base_url)
    driver.get(reset_url)
    page = visit("mail-reset")
    assert page.status == 200
    assert colleague in css(driver, "main").text
    fill(driver, "#password", NEW_PASSWORD)
    fill(driver, "#password_confirmation", NEW_PASSWORD)
    submit_main_form(driver)
    assert path_of(driver) == "/login?password_reset=1"
    visit("mail-reset-done")
    assert "Je nieuwe wachtwoord is bewaard." in css(driver, "main .notice").text

    # The old password no longer works, the new one does, and the link works only once.
    fill(driver, "#email", colleague)
    fill(driver, "#password", FIRST_PASSWORD)
    submit_main_form(driver)
    assert path_of(driver).startswith("/login")
    sign_in(driver, server, visit, colleague, NEW_PASSWORD, "mail-colleague-new-password")
    assert path_of(driver) == f"/staff/schools/{first_school}"
    sign_out(driver, visit, "mail-colleague-signed-out-again")
    driver.get(reset_url)
    page = visit("mail-reset-used")
    assert page.status == 404
    assert "Deze link werkt niet meer" in css(driver, "main").text

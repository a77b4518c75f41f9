#!/usr/bin/env python3
"""Adds up JUnit/xUnit XML results (XCTest's and Swift Testing's from `swift test --xunit-output`, pytest's
`--junitxml`) and prints one closing line: `N passed, N failed` (then `, N skipped` when some were skipped).

A testcase failed if it has a <failure> or an <error>; it was skipped if it has <skipped> (and did not fail);
otherwise it passed. A file that is missing is left out; a file that cannot be read counts as one failure.

    summarize_junit.py [--extra-failed N] [--per-file] [--counts] FILE...

--extra-failed N  adds N failures that have no file (a suite that crashed before writing results)
--per-file        prints a line per file before the closing line
--counts          prints only "PASSED FAILED SKIPPED" (for scripts)

The exit status is 1 when anything failed, else 0.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(path: Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        tags = {child.tag for child in case}
        if "failure" in tags or "error" in tags:
            failed += 1
        elif "skipped" in tags:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def closing_line(passed: int, failed: int, skipped: int) -> str:
    line = f"{passed} passed, {failed} failed"
    return line + (f", {skipped} skipped" if skipped else "")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--extra-failed", type=int, default=0)
    parser.add_argument("--per-file", action="store_true")
    parser.add_argument("--counts", action="store_true")
    args = parser.parse_args(argv)

    passed, failed, skipped = 0, args.extra_failed, 0
    for path in args.files:
        if not path.is_file():
            continue
        try:
            p, f, s = count(path)
        except (ET.ParseError, OSError) as error:
            print(f"{path}: unreadable results ({error}); counted as 1 failure", file=sys.stderr)
            p, f, s = 0, 1, 0
        if args.per_file and not args.counts:
            print(f"  {path}: {closing_line(p, f, s)}")
        passed, failed, skipped = passed + p, failed + f, skipped + s

    print(f"{passed} {failed} {skipped}" if args.counts else closing_line(passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Prints a `swift test --filter` pattern for the tests named in an unfinished-tests file
(scripts/test-watchdog.py writes one per line, as Swift Testing printed them).

Swift Testing prints a test by its function name (`name()`), or by its display name in quotes
when it has one (`@Test("…")`); `--filter` matches identifiers only, so a display name is looked up
in the test sources and replaced by the function declared after it. A name that cannot be found
makes the pattern `.` (every test), as before this lookup.

usage: unfinished-filter.py UNFINISHED_FILE [TESTS_DIR]
       unfinished-filter.py --self-test   (from the repository's root)
"""
import pathlib
import re
import sys

# The display name, then the first function declared after it (traits and arguments may take lines).
DECLARED = re.compile(r'@Test\(\s*("(?:[^"\\]|\\.)*")(?:(?!@Test\b)[\s\S])*?\bfunc\s+(\w+)')


def display_names(tests_dir):
    """Maps each `@Test("…")` display name (as printed: the literal with its quotes) to its function."""
    found = {}
    for source in pathlib.Path(tests_dir).rglob("*.swift"):
        for match in DECLARED.finditer(source.read_text(encoding="utf-8", errors="replace")):
            literal = match.group(1).replace('\\"', '"').replace("\\\\", "\\")
            found.setdefault(literal, match.group(2))
    return found


def pattern(unfinished, tests_dir):
    """The filter for these printed names.

    >>> pattern(['"runs operations side by side (a long one does not hold up the next)"', 'plain(name:)'], "Tests")
    'concurrent|plain'
    >>> pattern(['"Ages below 0, above 150 or the wrong way round are not stored; the import warns"'], "Tests")
    'ages'
    >>> pattern(['"no test is called this"', 'plain()'], "Tests")
    '.'
    """
    names = None
    functions = set()
    for line in filter(None, (line.strip() for line in unfinished)):
        if line.startswith('"'):
            names = names if names is not None else display_names(tests_dir)
            function = names.get(line)
            if function is None:
                return "."
            functions.add(function)
        else:
            functions.add(re.sub(r"\(.*", "", line))
    return "|".join(sorted(functions)) or "."


def main():
    if sys.argv[1:] == ["--self-test"]:
        import doctest
        failed, _ = doctest.testmod()
        sys.exit(1 if failed else 0)
    unfinished = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    print(pattern(unfinished, sys.argv[2] if len(sys.argv) > 2 else "Tests"))


if __name__ == "__main__":
    main()

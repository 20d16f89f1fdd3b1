"""Command-line values as typed, where the locale's encoding could not read them.

Under an ASCII locale (`LC_ALL=C` with Python's UTF-8 mode off), Python keeps each byte of an
argument it cannot decode as an escape (U+DC80 to U+DCFF): `--operator Zoë` typed in UTF-8
arrived as `Zo\\udcc3\\udcab` and was refused as "a byte that is not UTF-8". Bytes UTF-8 reads
are read as UTF-8 here, as Python's own UTF-8 mode reads the C locale, so the value is what a
UTF-8 locale gives. Loaded only where some argument is not ASCII (cli/params.py)."""
from __future__ import annotations

import os


def read_as_typed(parser, paths: set) -> None:
    """Make `parser` (click's, for one command) give its values as typed, but for the
    parameters named in `paths`: a path is opened by the very bytes typed, which its escapes
    give back."""
    parse = parser.parse_args

    def parse_as_typed(args: list[str]):
        opts, rest, order = parse(args)  # which takes the arguments off `args`
        return {name: value if name in paths else as_typed(value) for name, value in opts.items()}, rest, order

    parser.parse_args = parse_as_typed


def as_typed(value):
    """A value (or list of them) with its bytes UTF-8 reads read as UTF-8. Bytes UTF-8 cannot
    read either stay escapes, which the value's checks refuse; a value the locale read whole
    (latin-1 reads every byte) stays as it says."""
    if isinstance(value, (list, tuple)):
        return type(value)(as_typed(item) for item in value)
    if not isinstance(value, str) or value.isascii() or not any("\udc80" <= c <= "\udcff" for c in value):
        return value
    try:
        return os.fsencode(value).decode("utf-8")
    except (UnicodeError, TypeError):
        return value

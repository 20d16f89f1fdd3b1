"""A cache of validated, compiled rule sets, keyed by the exact bytes they came from.

Parsing, validating and compiling are pure functions of the rule files, the
knowledge base and the pathfit/durable-rules/Python versions; the CLI reloads
the same bundled rules on every call, so their result is kept under the user's
cache directory ($XDG_CACHE_HOME/pathfit, else ~/.cache/pathfit) and reused
when every input byte is the same. PATHFIT_CACHE=0 turns it off.

The file holds pathfit's own objects, pickled by pathfit; its name and its
first field are the SHA-256 key of the inputs, and anything unexpected (a
different key, a truncated or unreadable file, an unwritable directory) is
treated as a miss: the rules are then loaded the slow way, never wrongly.
"""
from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

try:  # the built-in SHA-256 loads in 2 ms; hashlib (OpenSSL) in about 11, on every CLI start
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha2 import sha256  # Python 3.12
    except ImportError:
        from hashlib import sha256

FORMAT = 1
KEEP = 32  # entries kept; the oldest go first


def cache_dir() -> Path | None:
    if os.environ.get("PATHFIT_CACHE", "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pathfit"


def key_for(directory: Path, versions: str) -> str | None:
    """SHA-256 over the versions, the directory as named and every rule file's
    bytes, or None if something cannot be read. The knowledge base is checked
    on each hit instead (its path comes out of schema.yaml)."""
    h = sha256(f"{FORMAT}|{versions}|{sys.version_info[:2]}|{directory}".encode())
    try:
        for path in sorted(p for p in directory.glob("*.yaml") if p.is_file()):
            h.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def file_digest(path: str) -> str | None:
    try:
        return sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def get(key: str):
    """The cached (ruleset, compiled) pair, if its knowledge base is unchanged too."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{key}.pickle", "rb") as f:
            stored_key, kb_path, kb_digest, value = pickle.load(f)
    except Exception:  # a miss, whatever went wrong: the slow path is always right
        return None
    if stored_key != key or file_digest(kb_path) != kb_digest:
        return None
    return value


def put(key: str, kb_path: str, value) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump((key, kb_path, file_digest(kb_path), value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return

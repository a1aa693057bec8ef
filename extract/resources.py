"""Where the rule data in `models/` lives, and how a rule file is read.

In an installed wheel the data sits inside the package (`extract/models/`); in a source
checkout it is the top-level `models/` folder beside the package. One resolver for both.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


class RuleFileError(ValueError):
    """A rule file in models/ is malformed: named in the message, raised at load time."""


@cache
def models_dir() -> Traversable:
    """The folder holding the packaged rule data."""
    packaged = resources.files("extract") / "models"
    if packaged.is_dir():
        return packaged
    checkout = Path(str(resources.files("extract"))).parent / "models"
    if checkout.is_dir():
        return checkout
    raise RuleFileError("extract's rule data (models/) is missing: reinstall the package")


def read_rules(name: str, key: str, *, directory: Traversable | Path | None = None) -> Any:
    """Load `models/<name>` (JSON) and return the value of its single top-level `key`.

    Every rule file has exactly one top-level key, so a file mixed up with another
    fails loudly instead of being read as empty.
    """
    path = (directory or models_dir()) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise RuleFileError(f"{name}: cannot read rule file ({err})") from err
    if not isinstance(data, dict) or set(data) != {key}:
        raise RuleFileError(f"{name}: expected one top-level key {key!r}, found {sorted(data)!r}")
    return data[key]


def check_keys(name: str, row: dict[str, Any], allowed: set[str], required: set[str]) -> None:
    """Reject unknown or missing keys in one rule, so a typo is an error, not a silent miss."""
    unknown = set(row) - allowed
    missing = required - set(row)
    if unknown or missing:
        raise RuleFileError(
            f"{name}: rule {row!r}: "
            + ", ".join(
                ([f"unknown keys {sorted(unknown)}"] if unknown else [])
                + ([f"missing keys {sorted(missing)}"] if missing else [])
            )
        )


def save_rules(path: str | Path, rules: dict[str, Any]) -> None:
    """Write a component's rule data into its folder of a saved pipeline, one file per key."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for key, value in rules.items():
        text = json.dumps({key: value}, ensure_ascii=False, indent=1)
        (folder / f"{key}.json").write_text(text, encoding="utf-8")


def load_rules(path: str | Path, files: dict[str, str]) -> dict[str, Any]:
    """Read back what save_rules wrote: {key: value} for each rule file a component uses."""
    return {key: read_rules(f"{key}.json", key, directory=Path(path)) for key in files.values()}

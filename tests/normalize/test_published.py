"""Publication date resolution: caller, metadata, dateline, file name, in that order."""

from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.published import resolve_published


@pytest.mark.parametrize(
    ("caller", "metadata", "text", "filename", "expected"),
    [
        (
            "2020-01-04",
            "2019-05-05",
            "BAGHDAD, Jan. 5, 2020 (AP) — x",
            "2018-01-01.txt",
            (date(2020, 1, 4), "caller"),
        ),
        (date(2020, 1, 4), None, "", None, (date(2020, 1, 4), "caller")),
        (
            None,
            "2020-01-04T10:00:00Z",
            "BAGHDAD, Jan. 5, 2020 (AP) — x",
            None,
            (date(2020, 1, 4), "metadata"),
        ),
        (None, "January 4, 2020", "x", None, (date(2020, 1, 4), "metadata")),
        (
            None,
            None,
            "BAGHDAD, Jan. 5, 2020 (AP) — Rockets hit",
            "2018-01-01.txt",
            (date(2020, 1, 5), "dateline"),
        ),
        (None, None, "WASHINGTON (AP) — On Jan. 5, 2020, rockets hit", None, (date(2020, 1, 5), "dateline")),
        (
            None,
            None,
            "BAGHDAD, Jan. 5 (AP) — Rockets hit",
            "news/2020-01-09-iraq.txt",
            (date(2020, 1, 5), "dateline"),
        ),
        (None, None, "Rockets hit Balad.", "news/2020-01-04-iraq.txt", (date(2020, 1, 4), "filename")),
        (None, None, "Rockets hit Balad.", "fox_20200104_iraq.json", (date(2020, 1, 4), "filename")),
        (None, None, "Rockets hit Balad.", "iraq.txt", (None, None)),
        (None, None, "", None, (None, None)),
    ],
)
def test_published_resolution_order(caller, metadata, text, filename, expected) -> None:  # noqa: ANN001
    assert resolve_published(caller=caller, metadata=metadata, text=text, filename=filename) == expected


@pytest.mark.parametrize("caller", ["04/01/2020", "yesterday", "2020-13-01"])
def test_published_invalid_caller_raises_one_line_error(caller: str) -> None:
    with pytest.raises(ValueError, match="invalid publication date") as info:
        resolve_published(caller=caller, metadata=None, text="", filename=None)
    assert "\n" not in str(info.value)


def test_published_unreadable_metadata_falls_through() -> None:
    assert resolve_published(caller=None, metadata="n/a", text="x", filename="2020-01-04.txt") == (
        date(2020, 1, 4),
        "filename",
    )

"""extract: structured security events from news articles.

    from extract import Extractor
    result = Extractor()("Two rockets hit ...", published="2020-01-04")
    events, entities, mentions = to_frames([result])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Extractor", "to_frames", "__version__"]

if TYPE_CHECKING:
    from extract.extractor import Extractor
    from extract.frames import to_frames


def __getattr__(name: str) -> Any:
    # spaCy and pandas load on first use, so `import extract` and `extract --help` stay fast.
    if name == "Extractor":
        from extract.extractor import Extractor

        return Extractor
    if name == "to_frames":
        from extract.frames import to_frames

        return to_frames
    raise AttributeError(f"module 'extract' has no attribute {name!r}")

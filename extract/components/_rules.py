"""What every rule-configured component shares: its rule data from models/, loaded once.

A component names its rule files in `RULE_FILES` ({file name: top-level key}) and turns
`self.rules` into matchers and look-up tables in `_compile()`. `to_disk` writes the rules
into the component's folder of a saved pipeline and `from_disk` reads them back, so
`nlp.to_disk()` then `spacy.load()` keeps a user's edited rules, not the packaged ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from extract.resources import load_rules, read_rules, save_rules

if TYPE_CHECKING:
    from typing_extensions import Self


class RuleComponent:
    RULE_FILES: ClassVar[dict[str, str]]
    rules: dict[str, Any]

    def _load_rules(self, rules: dict[str, Any] | None) -> None:
        self.rules = rules if rules is not None else {
            key: read_rules(file, key) for file, key in self.RULE_FILES.items()}
        self._compile()

    def _compile(self) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        save_rules(path, self.rules)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> Self:
        self.rules = load_rules(path, self.RULE_FILES)
        self._compile()
        return self

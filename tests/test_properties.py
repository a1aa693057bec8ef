"""Property tests: whatever Unicode text the pipeline gets, it returns, and every offset it
reports indexes the text as given (SPEC.md "Output": offsets are not reflowed or stripped)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Pieces that break naive offset handling or tokenizers: Windows and Unicode line ends,
# byte-order marks, zero-width and direction marks, combining marks, emoji sequences,
# right-to-left script, long punctuation runs; and words the rules fire on, so that
# entities, triggers and arguments are found in the noise.
_TRICKY = [
    "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\x0c", "\x0b", "\t", "\ufeff", "\u200b", "\u200d",
    "\u200e", "\u200f", "\u202e", "\u0301", "e\u0301\u0301", "\U0001f4a3", "\U0001f468\u200d"
    "\U0001f469\u200d\U0001f467", "\U0001f1ee\U0001f1f6", "\u0628\u063a\u062f\u0627\u062f",
    "!!!!!!!!", "....", "--", "\u2014", "\u00a0", "\ufffd",
]
_WORDS = [
    "Gunmen", "killed", "three", "soldiers", "in", "Baghdad", "on", "Saturday", "rockets",
    "hit", "Balad Air Base", "the Taliban", "were", "wounded", "police", "said", "arrested",
    "a car bomb", "exploded", "near", "Kabul", "Jan. 4", "at least 50", "protesters", "IED",
]
_TEXT = st.lists(
    st.one_of(st.sampled_from(_TRICKY), st.sampled_from(_WORDS), st.text(max_size=8),
              st.just(" ")),
    max_size=60,
).map("".join)


def assert_offsets_true(text: str, result) -> None:
    for event in result.events:
        assert 0 <= event.start <= event.end <= len(text), event
    for span, start, end in result.text_spans():
        assert text[start:end] == span, (span, start, end)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_properties_any_text_returns_with_true_offsets(extractor, text: str) -> None:
    result = extractor(text, published="2020-01-04", doc_id="prop")
    assert result.doc_id == "prop"
    assert_offsets_true(text, result)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_properties_split_text_keeps_offsets_true(extractor, text: str) -> None:
    # Tiny pieces, cut anywhere (inside words, graphemes, "\r\n"): offsets still index the
    # whole text.
    nlp = extractor.nlp
    saved = nlp.max_length
    nlp.max_length = 40
    try:
        result = extractor(text, published="2020-01-04")
    finally:
        nlp.max_length = saved
    assert_offsets_true(text, result)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, min_size=1, max_size=5))
def test_properties_pipe_keeps_order_and_count(extractor, texts: list[str]) -> None:
    results = list(extractor.pipe(texts, published="2020-01-04"))
    assert [r.doc_id for r in results] == [f"doc{n}" for n in range(1, len(texts) + 1)]
    for text, result in zip(texts, results, strict=True):
        assert_offsets_true(text, result)

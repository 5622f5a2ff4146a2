"""Word lists as regular expressions: the grouped pattern finds exactly what the plain one finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.rules.actions import MODIFIERS, VERB_RULES
from luoshi.rules.words import word_alternation

# A small alphabet so that words share first characters and overlap in the text, as task verbs do.
_CHARS = st.sampled_from("建设成投产推进动加快新")
_WORDS = st.lists(st.text(_CHARS, min_size=1, max_size=4), min_size=1, max_size=12)


def _plain(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@settings(max_examples=300, derandomize=True)
@given(words=_WORDS, text=st.text(_CHARS, max_size=30))
def test_grouped_alternation_finds_the_same_matches_as_the_longest_first_alternation(words, text):
    grouped = re.compile(word_alternation(words))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in _plain(words).finditer(text)]


def test_the_task_verb_pattern_prefers_the_longest_verb():
    verbs = re.compile(word_alternation(w for r in VERB_RULES for w in r.words))
    assert verbs.match("建成投产").group(0) == "建成投产"
    assert verbs.match("建成使用").group(0) == "建成使用"
    assert verbs.match("建设").group(0) == "建设"


def test_a_modifier_that_is_a_prefix_of_another_yields_to_the_longer_one():
    modifiers = re.compile(word_alternation(MODIFIERS))
    assert modifiers.match("全力以赴抓好").group(0) == "全力以赴"


def test_no_word_matches_nothing():
    assert re.compile(word_alternation(["推进"])).search("加强党的建设") is None

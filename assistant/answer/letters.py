"""Swedish letters put back into words typed without them ('Norrkoping', 'jamtland', 'agare'):
on an English keyboard people leave out å, ä and ö, and a word so typed matches neither the
texts' words, their names nor their places."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from wordfreq import zipf_frequency

from ..models import Project
from ..text import fold
from .entities import plain

_WORD = re.compile(r"[^\W\d_]{5,}")
_RARER = 5
"""A spelling without the letters that the texts use themselves ('Goteborg' in an address or
an English text) still stands for the word with them when that is five times as common."""
_IN_USE = 3.0
"""A spelling this common in English ('later', 'black', 'manga') is a word in its own right,
not a Swedish word with its letters left out ('låter', 'bläck', 'många'); a Swedish word so
spelled ('andra', not 'ändra') is one the texts use often themselves."""


class Letters:
    """The words of the texts (and names) that hold å, ä or ö, by their spelling without them."""

    def __init__(self, projects: Iterable[Project]) -> None:
        counts: Counter[str] = Counter()
        for p in projects:
            counts.update({w for s in p.sections for w in _words(s.text)} | set(_words(p.name)))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        self._words: dict[str, str] = {}
        for word, n in ranked:
            bare = plain(word)
            if bare != word and counts[bare] * _RARER <= n and not _in_use(bare):
                self._words.setdefault(bare, word)

    def restore(self, text: str) -> str:
        """``text`` with each word typed without Swedish letters spelled as the texts spell it,
        in its own case; same length, so places in ``text`` stay where they were."""
        return _WORD.sub(self._restored, _HOW_MANY.sub(_manga, text))

    def _restored(self, match: re.Match[str]) -> str:
        typed = match.group()
        word = self._words.get(typed.lower())
        if word is None:
            return typed
        return "".join(w.upper() if t.isupper() else w for t, w in zip(typed, word, strict=True))


_HOW_MANY = re.compile(r"(?<=\b[Hh]ur )(manga|MANGA)\b")
"""'hur manga': 'många', however common 'manga' is in English."""


def _manga(match: re.Match[str]) -> str:
    return "MÅNGA" if match.group().isupper() else "många"


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _in_use(word: str) -> bool:
    return zipf_frequency(word, "en") >= _IN_USE

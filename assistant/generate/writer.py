"""A model-written answer on top of the extracted one: sources, prompt, stream, verification.

:class:`Generation` is one question's answer in the making. Iterating it yields the model's
text as it arrives (for the chat to show); :meth:`Generation.result` then verifies the text
sentence by sentence (``verify.py``) and returns the answer to display:

* every sentence verified → the model's answer, ``[n]`` renumbered to the citations it uses,
  each citation quoting the cited source's best-supporting sentence;
* some removed → the rest, with a line saying that sentences were removed;
* nothing left, an empty answer, or "the sources do not answer" → the extracted answer
  (``generated`` false, ``removed`` listing what was dropped);
* a backend error (timeout, refusal, HTTP error, unreachable, cut-off stream) → the extracted
  answer with a ``notice`` saying what happened. Never an exception, never a hang.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..answer.cites import Cites, citation
from ..chunking import section_by_key
from ..errors import GenerationError
from ..models import Answer, Citation, Project, Section
from ..phrases import t
from ..search import Filters, Searcher
from ..text import sentence_spans, words
from .base import Generator, Message
from .prompts import source_block, system_prompt, user_prompt
from .verify import Source, plain, verify

log = logging.getLogger(__name__)

# kinds of answer a model may rewrite; field values, lists, counts and SQL sums never are
WRITABLE = frozenset({"passage", "describe", "compare"})
HISTORY_TURNS = 3
HISTORY_CHARS = 600
WINDOW = 1200  # characters of a long section around the sentence the extracted answer quoted


@dataclass(frozen=True)
class Material:
    """A numbered source and where its text stands in a section of a project."""

    source: Source
    project: Project
    section: Section
    offset: int  # where source.text starts in section.text


def writable(answer: Answer, *, field: str | None, aggregate: bool) -> bool:
    """Whether a model may write this answer: a passage, description or comparison, not a
    structured fact, list, count or sum."""
    return answer.kind in WRITABLE and not field and not aggregate


def gather(
    answer: Answer,
    *,
    query: str,
    project_ids: Sequence[str],
    projects: dict[str, Project],
    searcher: Searcher,
    limit: int,
) -> list[Material]:
    """The sources: the evidence the extracted answer found, then the next retrieved sections
    (within the projects the question names), at most ``limit``, numbered from 1."""
    found: list[tuple[Project, Section, int, int]] = []

    def add(project: Project, section: Section, start: int, end: int) -> None:
        for p, s, a, b in found:
            if p.id == project.id and s.key == section.key and a < end and start < b:
                return
        found.append((project, section, start, end))

    for c in (*answer.citations, *answer.see_also):
        project = projects.get(c.project_id)
        section = section_by_key(project, c.section_key) if project else None
        if project and section:
            add(project, section, *_window(section, c.section_start, c.section_end))
    ids = frozenset(project_ids) or None
    hits = searcher.search(query, k=limit, filters=Filters(project_ids=ids) if ids else None)
    for hit in hits:
        project = projects.get(hit.project_id)
        section = section_by_key(project, hit.chunk.section_key) if project else None
        if project and section:
            add(project, section, hit.chunk.section_start, hit.chunk.section_end)
    return [
        Material(
            source=Source(n=n, text=s.text[a:b], project=p.name, section=s.title),
            project=p,
            section=s,
            offset=a,
        )
        for n, (p, s, a, b) in enumerate(found[:limit], start=1)
    ]


def _window(section: Section, start: int, end: int) -> tuple[int, int]:
    """The whole section when short, else the sentences within ``WINDOW`` around start:end."""
    text = section.text
    if len(text) <= WINDOW or (start == 0 and end == 0):
        return (0, min(len(text), max(WINDOW, end)))
    lo = max(0, start - WINDOW // 3)
    hi = min(len(text), max(end, lo + WINDOW))
    spans = [(a, b) for a, b in sentence_spans(text) if b > lo and a < hi]
    return (spans[0][0], spans[-1][1]) if spans else (lo, hi)


def messages(
    question: str, language: str, history: Sequence[Answer], materials: Sequence[Material]
) -> list[Message]:
    """System rules, the conversation so far, then the numbered sources and the question."""
    out: list[Message] = [{"role": "system", "content": system_prompt(language)}]
    for earlier in list(history)[-HISTORY_TURNS:]:
        out.append({"role": "user", "content": earlier.question})
        out.append({"role": "assistant", "content": plain(earlier.answer)[:HISTORY_CHARS]})
    blocks = "\n\n".join(
        source_block(
            m.source.n, project=m.project.name, section=m.section.title, text=m.source.text
        )
        for m in materials
    )
    out.append(
        {"role": "user", "content": user_prompt(language, sources=blocks, question=question)}
    )
    return out


class Generation:
    """One answer in the making. Iterate for the model's text as it streams (errors end the
    stream quietly); then :meth:`result` for the verified answer to display."""

    def __init__(
        self,
        extracted: Answer,
        *,
        generator: Generator | None = None,
        materials: Sequence[Material] = (),
        prompt: Sequence[Message] = (),
        deadline: float = 300.0,
    ) -> None:
        self.extracted = extracted
        self.generator = generator
        self.materials = list(materials)
        self.prompt = list(prompt)
        self.deadline = deadline
        self.text = ""
        self.error: GenerationError | None = None
        self._done = generator is None
        self._answer: Answer | None = None

    @property
    def streams(self) -> bool:
        """Whether a model is asked at all (False: the extracted answer is final)."""
        return self.generator is not None

    def __iter__(self) -> Iterator[str]:
        if self._done or self.generator is None:
            return
        self._done = True
        pieces: list[str] = []
        stream = self.generator.stream(self.prompt)
        started = time.monotonic()
        try:
            for piece in stream:
                pieces.append(piece)
                yield piece
                if time.monotonic() - started > self.deadline:
                    raise GenerationError(
                        f"the model's answer took longer than {self.deadline:g} s", reason="timeout"
                    )
        except GenerationError as exc:
            log.warning("generation failed (%s): %s", exc.reason, exc)
            self.error = exc
        except Exception as exc:  # a backend's unforeseen failure: a notice, not a traceback
            log.exception("generation failed unexpectedly")
            self.error = GenerationError(f"{type(exc).__name__}: {exc}", reason="failed")
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
            self.text = "".join(pieces)

    def result(self) -> Answer:
        """The answer to display (drains the stream first if nobody read it)."""
        if self._answer is None:
            for _ in self:
                pass
            self._answer = self._finish()
        return self._answer

    def _finish(self) -> Answer:
        fallback = self.extracted
        if self.generator is None:
            return fallback
        lang = fallback.language
        if self.error is not None:
            return replace(fallback, notice=_error_notice(lang, self.error))
        sources = [m.source for m in self.materials]
        verdict = verify(self.text, sources, language=lang)
        removed = tuple(verdict.removed)
        if verdict.no_answer:
            return replace(fallback, notice=t(lang, "answer.llm.no_answer"))
        if not verdict.kept:
            key = "answer.llm.unverified" if removed else "answer.llm.empty"
            return replace(fallback, removed=removed, notice=t(lang, key))
        by_n = {m.source.n: m for m in self.materials}
        cites = Cites()
        lines = []
        for claim in verdict.kept:
            marks = "".join(cites.add(_best_citation(by_n[n], claim.text)) for n in claim.cites)
            lines.append(_with_marks(claim.text, marks))
        text = " ".join(lines)
        if removed:
            text += "\n\n" + t(lang, "answer.llm.removed", n=len(removed))
        ids = tuple(dict.fromkeys(c.project_id for c in cites.items))
        return replace(
            fallback,
            answer=text,
            answered=True,
            citations=tuple(cites.items),
            see_also=(),
            project_ids=ids,
            generated=True,
            removed=removed,
        )


def _with_marks(sentence: str, marks: str) -> str:
    """``marks`` before the sentence's final punctuation: 'Det gäller KC2 [1].'"""
    m = re.search(r"[.!?]+[\"”’»)]*$", sentence)
    if m is None:
        return f"{sentence} {marks}"
    return f"{sentence[: m.start()]} {marks}{sentence[m.start() :]}"


def _best_citation(material: Material, claim: str) -> Citation:
    """A citation quoting the sentence of the source that shares most words with ``claim``."""
    text = material.source.text
    wanted = set(words(claim))
    spans = sentence_spans(text) or [(0, len(text))]
    start, end = max(spans, key=lambda s: len(wanted & set(words(text[s[0] : s[1]]))))
    off = material.offset
    return citation(material.project, material.section, off + start, off + end)


def _error_notice(lang: str, error: GenerationError) -> str:
    retry = ""
    if error.reason == "rate_limited" and error.retry_after is not None:
        retry = t(lang, "answer.llm.retry", seconds=f"{error.retry_after:g}")
    return t(lang, f"answer.llm.error.{error.reason}", retry=retry) + t(lang, "answer.llm.fallback")

"""Which texts a build embeds, and how the vector of a chunk is made from them.

Every sentence of a text section is embedded anyway (passage answers score sentences one by
one), and a chunk of a text section is a run of those same sentences. So, with
``Settings.derive_chunks`` on, such a chunk's vector is *derived* instead of embedded again:
the normalised mean of its sentences' vectors, plus ``Settings.heading_weight`` times the
vector of its heading (``project – section``, the line the embedded text starts with), the
sum normalised. Facts and list chunks, and a chunk that starts or ends inside a sentence
(a sentence longer than a chunk), are embedded whole.

Embedding cost grows with the length of the text, so this embeds about 37 % fewer characters
on seeds + CSV. It is off by default because it costs retrieval quality: hybrid recall@5 fell
from 0.985 to 0.969 and recall@1 from 0.754 to 0.677 on the labelled set (benchmarks/README.md,
*Build speed*), beyond the 0.01 a build-speed change may cost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .chunking import dense_text
from .models import Chunk, Project
from .settings import Settings
from .text import sentence_spans


@dataclass(frozen=True)
class Derivation:
    """How one chunk's vector is made: from its sentences and its heading."""

    sentences: tuple[str, ...]
    heading: str


def method(settings: Settings) -> str:
    """A name for how chunk vectors are made, kept in the manifest: chunk vectors are reused
    from a previous generation only when it made them the same way."""
    return f"derived:{settings.heading_weight:g}" if settings.derive_chunks else "embedded"


def derivations(
    chunks: Sequence[Chunk], projects: Sequence[Project], settings: Settings
) -> list[Derivation | None]:
    """Per chunk, how its vector is derived, or None for a chunk embedded whole."""
    if not settings.derive_chunks:
        return [None] * len(chunks)
    sections = {(p.id, s.key): s.text for p in projects for s in p.sections}
    return [_derivation(c, sections.get((c.project_id, c.section_key))) for c in chunks]


def _derivation(chunk: Chunk, section_text: str | None) -> Derivation | None:
    if section_text is None:  # facts and lists are not sentences
        return None
    spans = [
        (a, b)
        for a, b in sentence_spans(section_text)
        if a >= chunk.section_start and b <= chunk.section_end
    ]
    if not spans or spans[0][0] != chunk.section_start or spans[-1][1] != chunk.section_end:
        return None  # cut inside a long sentence: no stored sentence covers its ends
    heading = chunk.embed_text[: len(chunk.embed_text) - len(chunk.text)].rstrip("\n")
    return Derivation(sentences=tuple(section_text[a:b] for a, b in spans), heading=heading)


def texts_for(derivation: Derivation | None, chunk: Chunk) -> list[str]:
    """The texts whose vectors a chunk's vector is made from."""
    if derivation is None:
        return [dense_text(chunk)]
    return [*derivation.sentences, derivation.heading]


def compose(
    derivation: Derivation, vector: Callable[[str], np.ndarray], *, heading_weight: float
) -> np.ndarray:
    """A derived chunk vector from the vectors (``vector(text)``) of its sentences and
    heading."""
    mean = np.mean([vector(s) for s in derivation.sentences], axis=0)
    combined = _unit(mean) + heading_weight * vector(derivation.heading)
    return _unit(combined).astype(np.float32)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector

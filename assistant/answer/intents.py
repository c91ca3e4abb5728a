"""What a question asks for, by meaning: labelled example phrasings per intent, in Swedish and
English, compared with the question's embedding. Patterns in :mod:`assistant.routing` are the
fast path; this bank recognises new phrasings of a known intent without a new pattern.

Each example is written as a question about "the project" with no name, since names are
masked before an intent is read. ``passage`` examples are content questions that no field
answers, so that they are not pulled to the nearest field.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..embedding import Embedder

log = logging.getLogger(__name__)

EXAMPLES: dict[str, tuple[str, ...]] = {
    "field:owner": (
        "vem äger projektet",
        "vem står bakom projektet",
        "vilken organisation står bakom projektet",
        "vem driver projektet",
        "vem ansvarar för projektet",
        "vilken organisation har hand om projektet",
        "vem är huvudman",
        "who is behind the project",
        "which organisation runs the project",
        "who owns the project",
        "who is responsible for the project",
        "which organization is in charge of it",
        "who is the beneficiary",
    ),
    "field:grant_sek": (
        "hur mycket pengar fick projektet",
        "hur mycket stöd beviljades",
        "hur stort bidrag fick de",
        "hur mycket fick de från eu",
        "how much money did the project get",
        "how much funding was granted",
        "what was the grant",
        "how much did they receive",
        "how much eu money went to it",
    ),
    "field:budget_sek": (
        "vad är den totala budgeten",
        "hur mycket kostar projektet totalt",
        "vad är projektets omslutning",
        "hur stor är budgeten",
        "what is the total budget",
        "how much does it cost overall",
        "what is the total cost of the project",
        "how big is the budget",
    ),
    "field:period": (
        "när pågick projektet",
        "när startade projektet",
        "när slutar projektet",
        "hur länge höll projektet på",
        "mellan vilka datum pågick det",
        "vilken tidsperiod gäller",
        "when did the project run",
        "when does it end",
        "when did it start",
        "how long did the project last",
        "what are the project dates",
        "is it still running",
    ),
    "field:contact": (
        "vem är kontaktperson",
        "vem kan jag kontakta",
        "vem leder projektet",
        "vem är projektledare",
        "vem ska jag prata med",
        "who can i contact",
        "who is the contact person",
        "who leads the project",
        "who is the project manager",
        "who should i talk to about it",
    ),
    "field:email": (
        "vilken e-postadress har de",
        "hur mejlar jag dem",
        "what is the email address",
        "how can i email them",
    ),
    "field:phone": (
        "vilket telefonnummer har de",
        "hur ringer jag dem",
        "what is the phone number",
        "how can i call them",
    ),
    "field:region": (
        "i vilken region ligger projektet",
        "var i sverige är projektet",
        "vilken landsdel gäller det",
        "which region is the project in",
        "where in sweden is it",
        "where is the project located",
    ),
    "field:program": (
        "vilket programområde tillhör projektet",
        "under vilket program finansierades det",
        "which programme does it belong to",
        "under which programme was it funded",
    ),
    "field:municipalities": (
        "vilka kommuner omfattar projektet",
        "vilka kommuner berörs",
        "vilka orter ingår",
        "which municipalities are covered",
        "which towns does it cover",
        "what municipalities take part",
    ),
    "field:counties": ("vilka län omfattar projektet", "which counties does it cover"),
    "field:cofinanciers": (
        "vem medfinansierar projektet",
        "vilka är medfinansiärer",
        "vem mer bidrar med pengar",
        "who co-finances the project",
        "who else pays for it",
        "which organisations contribute money",
    ),
    "field:partners": (
        "vilka samarbetspartner har projektet",
        "vilka samarbetar de med",
        "vilka organisationer deltar",
        "who are the partners",
        "who do they work with",
        "which organisations cooperate in it",
    ),
    "section:background": (
        "varför startades projektet",
        "varför behövs projektet",
        "vad är bakgrunden",
        "vilket problem ska projektet lösa",
        "hur kom projektet till",
        "why was the project started",
        "why is it needed",
        "what is the background",
        "what problem does it address",
        "what led to the project",
    ),
    "section:purpose": (
        "vad är syftet",
        "vad vill projektet åstadkomma",
        "vad är meningen med projektet",
        "vad är tanken med projektet",
        "what is the purpose",
        "what is the project for",
        "what does the project aim to do",
        "what is the point of it",
    ),
    "section:goals": (
        "vilka mål har projektet",
        "vad ska projektet uppnå",
        "vilka resultat förväntas",
        "what are the goals",
        "what should the project achieve",
        "what are the expected results",
        "what are the targets",
    ),
    "section:summary": (
        "vad handlar projektet om",
        "berätta om projektet",
        "beskriv projektet",
        "vad gör projektet",
        "vad går projektet ut på",
        "what is the project about",
        "tell me about the project",
        "describe the project",
        "what does the project do",
        "give me an overview",
    ),
    "section:accessibility": (
        "hur anpassas projektet för personer med funktionsnedsättning",
        "hur fungerar det för den som har en funktionsnedsättning",
        "how is it made accessible to people with disabilities",
        "what about participants with disabilities",
    ),
    "section:gender": (
        "hur arbetar projektet med jämställdhet",
        "hur behandlas kvinnor och män",
        "how does the project handle gender equality",
        "what about equality between women and men",
    ),
    "section:transnational": (
        "vilket internationellt samarbete finns",
        "samarbetar de med andra länder",
        "what international cooperation is there",
        "do they work with other countries",
    ),
    "passage": (
        "vilka politiker stödde projektet",
        "vilket år grundades organisationen",
        "vem grundade företaget",
        "vad tyckte deltagarna om projektet",
        "vilken färg har logotypen",
        "hur många invånare har orten",
        "vad blev nästa steg efter förstudien",
        "vilka företag deltog i nätverket",
        "vad kostar en plats i kursen",
        "which politicians supported the project",
        "when was the organisation founded",
        "what did the participants think",
        "what happened after the feasibility study",
        "which companies took part in the network",
        "how much does a course place cost",
        "hur många deltagare ska projektet ha",
        "vilken är målgruppen",
        "vilka metoder används",
        "hur rekryteras deltagarna",
        "vilka aktiviteter ingår",
        "hur många arbetstillfällen skapas",
        "how many participants will there be",
        "who is the target group",
        "what methods are used",
        "how are participants recruited",
        "what activities are included",
        "how many jobs will it create",
    ),
}


@dataclass(frozen=True, kw_only=True)
class IntentGuess:
    intent: str
    score: float
    margin: float

    @property
    def kind(self) -> str:
        return self.intent.partition(":")[0]

    @property
    def key(self) -> str:
        return self.intent.partition(":")[2]


class IntentBank:
    """The example phrasings embedded once (cached beside the index) and scored per question."""

    def __init__(self, vectors: np.ndarray, labels: list[str]) -> None:
        self.vectors = vectors
        self.labels = labels

    @classmethod
    def load(cls, embedder: Embedder, *, cache_dir: Path | None) -> IntentBank:
        labels = [intent for intent, phrases in EXAMPLES.items() for _ in phrases]
        texts = [text for phrases in EXAMPLES.values() for text in phrases]
        path = cache_dir / f"intent-bank-{_digest(embedder.name, texts)}.npy" if cache_dir else None
        if path is not None and path.exists():
            vectors = np.load(path)
            if vectors.shape == (len(texts), embedder.dim):
                return cls(vectors, labels)
        vectors = np.asarray(embedder.encode_queries(texts), dtype=np.float32)
        if path is not None:
            _save(path, vectors)
        return cls(vectors, labels)

    def classify(self, qvec: np.ndarray) -> IntentGuess:
        """The intent of the most similar example, and its lead over the best other intent."""
        sims = self.vectors @ qvec.astype(np.float32)
        best: dict[str, float] = {}
        for label, sim in zip(self.labels, sims):
            best[label] = max(best.get(label, -1.0), float(sim))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top, score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else -1.0
        return IntentGuess(intent=top, score=score, margin=score - runner)


def _digest(name: str, texts: list[str]) -> str:
    raw = json.dumps([name, texts], ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def _save(path: Path, vectors: np.ndarray) -> None:
    """Write the cache atomically; a folder that cannot be written only costs the next start,
    so it is logged, not raised."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, vectors)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not cache the intent examples in %s: %s", path, exc)

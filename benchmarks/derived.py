"""Retrieval and answer quality with chunk vectors derived from sentence vectors
(:mod:`assistant.vectorplan`), measured on a complete index without building it again.

``python -m benchmarks.derived --index DIR [--weights 0.3 ...] [--no-accuracy]`` copies the index
(built with every chunk embedded, e.g. by ``make bench``) once per heading weight, replaces each
text-section chunk's vector by the derived one (the stored sentence vectors plus the embedded
headings: exactly the vectors a build with ``ASSISTANT_DERIVE_CHUNKS=1`` makes) and scores
hybrid/dense/BM25 recall and answer accuracy on the labelled set and the natural dev and
held-out halves, beside the unchanged index. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answer import Assistant
from assistant.embedding import Embedder, load_embedder
from assistant.evaluation import load_questions, retrieval_questions
from assistant.index import generation_dir, load_index, read_manifest
from assistant.settings import Settings, load_settings
from assistant.vectorplan import compose, derivations

from .common import REPO, log
from .quality import accuracy, mode_ranks

SETS = {
    "labelled": REPO / "eval" / "questions.jsonl",
    "natural dev": REPO / "eval" / "natural" / "dev.jsonl",
    "held-out": REPO / "eval" / "natural" / "heldout.jsonl",
}


def derive_into(target: Path, settings: Settings, embedder: Embedder) -> int:
    """Overwrite the chunk vectors (and FAISS index) of the index in ``target`` with derived
    ones; how many chunks were derived."""
    import faiss

    index = load_index(settings)
    plans = derivations(index.chunks, list(index.projects.values()), settings)
    headings = sorted({p.heading for p in plans if p is not None})
    heading_vectors = dict(zip(headings, embedder.encode_documents(headings), strict=True))

    def vector(text: str) -> np.ndarray:
        found = index.sentence_vector(text)
        return heading_vectors[text] if found is None else found

    vectors = np.array(index.vectors, copy=True)
    for n, plan in enumerate(plans):
        if plan is not None:
            vectors[n] = compose(plan, vector, heading_weight=settings.heading_weight)
    gen = generation_dir(target, read_manifest(target))
    np.save(gen / "vectors.npy", vectors)
    dense = faiss.IndexFlatIP(vectors.shape[1])
    dense.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(dense, str(gen / "dense.faiss"))
    return sum(p is not None for p in plans)


def scores(settings: Settings, embedder: Embedder, *, answers: bool) -> dict[str, Any]:
    """Recall per search mode and, with ``answers``, accuracy on every question set."""
    assistant = Assistant.open(settings, embedder=embedder)
    retrieval = retrieval_questions(load_questions(SETS["labelled"]))
    out: dict[str, Any] = {}
    for mode in ("hybrid", "dense", "bm25"):
        ranks = mode_ranks(assistant, retrieval, mode)
        out[mode] = {k: v for k, v in ranks.items() if k != "ranks"}
    if answers:
        for name, path in SETS.items():
            out[name] = accuracy(assistant, load_questions(path))["overall"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.derived")
    parser.add_argument("--index", type=Path, required=True, help="a complete index folder")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.3])
    parser.add_argument("--no-accuracy", action="store_true", help="recall only (fast)")
    args = parser.parse_args()
    base = load_settings(index_dir=args.index, derive_chunks=False)
    embedder = load_embedder(base)
    results: dict[str, Any] = {"embedded": scores(base, embedder, answers=not args.no_accuracy)}
    with tempfile.TemporaryDirectory(prefix="derived-") as tmp:
        for weight in args.weights:
            log(f"heading weight {weight}")
            target = Path(tmp) / f"w{weight}"
            shutil.copytree(args.index, target)
            settings = load_settings(index_dir=target, derive_chunks=True, heading_weight=weight)
            derived = derive_into(target, settings, embedder)
            result = scores(settings, embedder, answers=not args.no_accuracy)
            results[f"derived, heading weight {weight}"] = {"chunks": derived, **result}
            shutil.rmtree(target)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

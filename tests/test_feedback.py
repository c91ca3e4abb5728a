"""The feedback store: created on first use, one row per rating, changes update that row."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from assistant.feedback import FeedbackError, FeedbackStore, feedback_csv
from assistant.models import Answer, Citation
from assistant.settings import Settings

CITATION = Citation(
    n=1,
    project="KC2",
    project_id="esf-kc2",
    section="Projektfakta",
    section_key="facts",
    quote="Beviljat ESF-stöd: 3 804 849 kr",
    source="data/kc2.txt",
    start=120,
    end=139,
    section_start=40,
    section_end=71,
)
ANSWER = Answer(
    question="Hur mycket ESF-stöd fick KC2?",
    answer="KC2 fick 3 804 849 kr i ESF-stöd [1].",
    answered=True,
    citations=(CITATION,),
    language="sv",
)


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore.for_settings(Settings(index_dir=tmp_path / "index"))


def test_store_lives_beside_the_index_generations(tmp_path: Path) -> None:
    store = FeedbackStore.for_settings(Settings(index_dir=tmp_path / "index"))
    assert store.path == tmp_path / "index" / "feedback.sqlite"
    assert not store.path.exists()
    assert store.count() == 0 and store.rows() == []
    assert store.path.exists()


def test_a_rating_is_stored_with_the_answer_and_its_citations(store: FeedbackStore) -> None:
    row_id = store.record(ANSWER, rating=-1)
    [row] = store.rows()
    assert row.id == row_id
    assert (row.question, row.answer, row.rating, row.comment, row.language) == (
        ANSWER.question,
        ANSWER.answer,
        -1,
        "",
        "sv",
    )
    [cited] = json.loads(row.citations)
    assert cited["quote"] == CITATION.quote and cited["section_start"] == 40
    assert row.created_at.endswith("+00:00")


def test_changing_the_rating_or_adding_a_comment_updates_the_same_row(store: FeedbackStore) -> None:
    row_id = store.record(ANSWER, rating=-1)
    assert store.record(ANSWER, rating=-1, comment="Saknar budgeten", row_id=row_id) == row_id
    assert store.record(ANSWER, rating=1, comment="Saknar budgeten", row_id=row_id) == row_id
    [row] = store.rows()
    assert (row.rating, row.comment) == (1, "Saknar budgeten")


def test_each_new_rating_is_its_own_row(store: FeedbackStore) -> None:
    first = store.record(ANSWER, rating=1)
    second = store.record(ANSWER, rating=-1)
    assert second > first
    assert [r.id for r in store.rows()] == [first, second]
    assert store.count() == 2


def test_only_thumbs_up_or_down_are_ratings(store: FeedbackStore) -> None:
    for rating in (0, 2, 5):
        with pytest.raises(FeedbackError, match="1 or -1"):
            store.record(ANSWER, rating=rating)
    assert store.count() == 0


def test_unwritable_location_is_a_feedback_error(tmp_path: Path) -> None:
    blocker = tmp_path / "index"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    store = FeedbackStore.for_settings(Settings(index_dir=blocker))
    with pytest.raises(FeedbackError, match="cannot be used"):
        store.record(ANSWER, rating=1)


def test_damaged_file_is_a_feedback_error(store: FeedbackStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"not a database" * 100)
    with pytest.raises(FeedbackError):
        store.record(ANSWER, rating=1)


def test_the_table_keeps_the_columns_earlier_versions_wrote(store: FeedbackStore) -> None:
    store.record(ANSWER, rating=1)
    with closing(sqlite3.connect(store.path)) as con:
        columns = [r[1] for r in con.execute("PRAGMA table_info(feedback)")]
    assert columns == [
        "id",
        "created_at",
        "question",
        "answer",
        "rating",
        "comment",
        "language",
        "citations",
    ]


def test_ratings_export_as_csv(store: FeedbackStore) -> None:
    store.record(ANSWER, rating=1, comment='Bra, men "kort"')
    store.record(ANSWER, rating=-1)
    lines = feedback_csv(store.rows()).splitlines()
    assert lines[0] == "id,created_at,question,answer,rating,comment,language,citations"
    assert len(lines) == 3 and ',1,"Bra, men ""kort""",sv,' in lines[1]
    assert feedback_csv([]) == lines[0] + "\n"


def test_reading_before_the_first_rating_creates_nothing(tmp_path: Path) -> None:
    store = FeedbackStore.for_settings(Settings(index_dir=tmp_path / "index"))
    assert store.rows() == [] and not (tmp_path / "index").exists()

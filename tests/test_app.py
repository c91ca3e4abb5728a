"""The Streamlit app driven headlessly with AppTest over a small index built with the fake embedder.

Every page is exercised: chat (answer, follow-up, citations, examples, feedback, export, clear),
search (filters, paging, empty states), projects (table, charts, a project page with anchored
sections), index (overview, uploads, re-index, a failing re-index) and the first start. Builds
the app starts run in the background (assistant.builds); a test waits for them with
``finish_build`` before it looks at their outcome. A project
whose text holds ``<script>`` and a ``javascript:`` link checks that project text stays text.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assistant import builds, phrases
from assistant.embedding import load_embedder
from assistant.errors import SourceError
from assistant.export import conversation_markdown
from assistant.feedback import FeedbackStore
from assistant.index import FAULTS, build_index, build_lock, load_index, read_manifest
from assistant.settings import Settings, load_settings
from assistant.text import format_sek, grouped
from assistant.ui.chat import exchanges as chat_exchanges

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 60
EVIL = (
    "<script>alert('pb')</script> Läs mer [här](javascript:alert(1)) eller **inte**. "
    "Skriptprojektet prövar säkerheten i visningen av projekttexter.\n"
)


def evil_page() -> str:
    """An ESF page (a renamed KC2) whose name, owner and summary carry markup."""
    text = (ROOT / "data" / "kc2.txt").read_text(encoding="utf-8")
    text = text.replace("\nKC2\n", "\nSkriptprojektet\n", 1)
    text = text.replace(
        "ProjektägareStudieförbundet Vuxenskolan, avd Norra Jämtland",
        "ProjektägareFöreningen <b>Fet</b> & [Länk](javascript:alert(2))",
    )
    text = text.replace("Beviljat ESF-stöd3 804 849 kr", "Beviljat ESF-stöd1 000 kr")
    return text.replace("Sammanfattning\n\n", "Sammanfattning\n\n" + EVIL, 1)


def new_page() -> str:
    """A valid ESF page for a project not in the seed data (a renamed Resurscenter)."""
    text = (ROOT / "data" / "resurscenter.txt").read_text(encoding="utf-8")
    return text.replace("\nResurscenter\n", "\nNytt Kunskapscenter\n", 1)


def make_corpus(base: Path) -> Settings:
    """A copy of data/ plus the markup project, indexed with the fake embedder."""
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "skript.txt").write_text(evil_page(), encoding="utf-8")
    settings = load_settings(data_dir=data, index_dir=base / "index", embedder="fake")
    build_index([data], settings=settings, embedder=load_embedder(settings))
    return settings


@pytest.fixture(scope="module")
def shared_corpus(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One read-only index for the tests that do not change it."""
    return make_corpus(tmp_path_factory.mktemp("shared"))


@pytest.fixture
def own_corpus(tmp_path: Path) -> Settings:
    """A fresh index for a test that uploads or re-indexes."""
    return make_corpus(tmp_path)


@pytest.fixture(autouse=True)
def bound_to_localhost() -> Iterator[None]:
    """The app as ``make run`` serves it: bound to localhost, so the Index page may change
    the index without an admin token (assistant.admin; tests/test_admin.py the other cases)."""
    with serving_on("localhost"):
        yield


@contextmanager
def serving_on(address: str | None) -> Iterator[None]:
    """Streamlit's ``server.address`` for the app runs inside the block."""
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        yield
    finally:
        config.set_option("server.address", before)


def use(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Settings:
    """Point the app (which reads ASSISTANT_* variables) at ``settings``' folders."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    return settings


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, shared_corpus: Settings) -> Settings:
    return use(monkeypatch, shared_corpus)


@pytest.fixture
def own(monkeypatch: pytest.MonkeyPatch, own_corpus: Settings) -> Settings:
    return use(monkeypatch, own_corpus)


def start(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    return ok(at.run())


def ok(at: AppTest) -> AppTest:
    """The run raised nothing (an exception would show as an st.exception element)."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str) -> Any:
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} in {[b.label for b in at.button]}"
    return found[0]


def texts(at: AppTest) -> str:
    """All Markdown, HTML, code, captions and alerts of the page as one string."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "code", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += html_bodies(at)
    parts += [str(h.value) for h in (*at.header, *at.subheader, *at.title)]
    return "\n".join(parts)


def html_bodies(at: AppTest) -> list[str]:
    """The bodies of the page's ``st.html`` elements."""
    return [str(getattr(e, "value", "")) for e in at.get("html")]


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question)
    return ok(at.run())


def finish_build(at: AppTest, settings: Settings) -> AppTest:
    """Wait for the build the app started in the background, then run the page again."""
    assert builds.runner_for(settings).wait(TIMEOUT), "the build did not end"
    return ok(at.run())


class StageGate:
    """Holds a build in its thread each time it reaches ``stage`` (:data:`FAULTS`), until
    the test lets it go on; ``release_all`` frees it for good (also when the test fails)."""

    def __init__(self, stage: str, holds: int) -> None:
        self.stage = stage
        self.gates = [threading.Event() for _ in range(holds)]
        self.reached = 0

    def __call__(self, stage: str) -> None:
        if stage == self.stage and self.reached < len(self.gates):
            self.reached += 1
            self.gates[self.reached - 1].wait(TIMEOUT)

    def release(self, n: int) -> None:
        self.gates[n].set()

    def release_all(self) -> None:
        for gate in self.gates:
            gate.set()


def wait_until(condition: Any, what: str) -> None:
    """Poll `condition` until it holds (a failure after TIMEOUT seconds)."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"waited in vain for {what}"
        time.sleep(0.05)


def assistant_markdown(at: AppTest) -> list[str]:
    return [m.markdown[0].value for m in at.chat_message if m.name == "assistant"]


# ---------------------------------------------------------------- chat


def test_start_page_is_the_chat_with_examples(shared: Settings) -> None:
    at = start()
    assert at.header[0].value == "Fråga projektbanken"
    labels = [b.label for b in at.button]
    assert "Hur mycket ESF-stöd fick KC2?" in labels
    assert len(at.chat_input) == 1
    assert at.sidebar.radio[0].value == "chat"


def test_question_is_answered_with_a_highlighted_citation(shared: Settings) -> None:
    at = ask(start(), "Hur mycket ESF-stöd fick KC2?")
    answers = assistant_markdown(at)
    assert len(answers) == 1
    assert "3 804 849" in answers[0]
    assert "**\\[1\\]**" in answers[0]
    page = texts(at)
    assert "**KC2** · Projektfakta" in page
    assert "(?page=projekt&id=esf-kc2&sec=facts&hl=" in page
    assert "#section-facts)" in page
    marks = [h for h in html_bodies(at) if "<mark>" in h]
    assert any("3 804 849 kr</mark>" in m for m in marks)
    reference = at.code[0].value
    assert "”Beviljat ESF-stöd: 3 804 849 kr”" in reference
    assert "KC2 (Studieförbundet Vuxenskolan, avd Norra Jämtland)" in reference
    assert "avsnittet ”Projektfakta”" in reference
    assert "Källa: ESF-rådets projektbank, " in reference and "kc2.txt (tecken " in reference


def test_follow_up_uses_the_earlier_answers(shared: Settings) -> None:
    at = ask(start(), "Hur mycket ESF-stöd fick KC2?")
    at = ask(at, "Vem äger det projektet?")
    answers = assistant_markdown(at)
    assert len(answers) == 2
    assert "Studieförbundet Vuxenskolan" in answers[1]
    assert [m.markdown[0].value for m in at.chat_message if m.name == "user"] == [
        "Hur mycket ESF\\-stöd fick KC2?",
        "Vem äger det projektet?",
    ]


@pytest.mark.parametrize(
    ("question", "needles"),
    [
        (
            "Vem äger Resurscenter och när slutar projektet?",
            ["Socialförvaltningen", "2010\\-10\\-31", "**\\[2\\]**"],
        ),
        ("What do KC2 and Resurscenter have in common?", ["Shared by both", "Af Kalmar"]),
        ("Vilka projekt finns i Luleå?", ["Inget projekt i källorna ligger i Luleå"]),
        ("How many projects does Socialförvaltningen have?", ["Resurscenter", "4 614 000"]),
    ],
)
def test_chat_answers_compound_comparison_place_and_organisation_questions(
    shared: Settings, question: str, needles: list[str]
) -> None:
    answers = assistant_markdown(ask(start(), question))
    assert len(answers) == 1
    for needle in needles:
        assert needle in answers[0], answers[0]


def test_example_button_asks_its_question(shared: Settings) -> None:
    at = start()
    button(at, "Hur mycket ESF-stöd fick KC2?").click()
    at = ok(at.run())
    assert "3 804 849" in assistant_markdown(at)[0]
    assert not [b for b in at.button if b.label == "Vem äger projektet Resurscenter?"]


def test_english_switch(shared: Settings) -> None:
    at = start()
    at.sidebar.segmented_control[0].set_value("en")
    at = ok(at.run())
    assert at.header[0].value == "Ask the project bank"
    assert "How much ESF support did KC2 get?" in [b.label for b in at.button]
    at = ask(at, "How much ESF support did KC2 get?")
    assert "3 804 849" in assistant_markdown(at)[0]
    assert "Sources" in texts(at)


def test_feedback_is_stored_with_comment(shared: Settings) -> None:
    at = ask(start(), "Hur mycket ESF-stöd fick KC2?")
    at.feedback[0].set_value(0)
    at = ok(at.run())
    store = FeedbackStore(shared.index_dir / "feedback.sqlite")
    rows = store.rows()
    assert (rows[-1].question, rows[-1].rating) == ("Hur mycket ESF-stöd fick KC2?", -1)
    assert "3 804 849" in rows[-1].answer
    at.text_input[0].input("Saknar budgeten")
    button(at, "Skicka kommentar").click()
    at = ok(at.run())
    at.feedback[0].set_value(1)
    at = ok(at.run())
    last = store.rows()[-1]
    assert (last.id, last.rating, last.comment) == (rows[-1].id, 1, "Saknar budgeten")
    assert store.count() == len(rows)


def test_export_and_clear_conversation(shared: Settings) -> None:
    at = ask(start(), "Hur mycket ESF-stöd fick KC2?")
    export = at.sidebar.get("download_button")
    assert export and not export[0].proto.disabled
    exchanges = chat_exchanges(at.session_state["turns"])
    markdown = conversation_markdown(exchanges, load_index(shared).projects, "sv")
    assert "## Fråga 1: Hur mycket ESF-stöd fick KC2?" in markdown
    assert "3 804 849" in markdown and "**Källor**" in markdown
    assert "”Beviljat ESF-stöd: 3 804 849 kr”" in markdown
    button(at, "Rensa samtalet").click()
    at = ok(at.run())
    assert not at.chat_message
    assert at.header[0].value == "Fråga projektbanken"


def test_unanswerable_question_says_so(shared: Settings) -> None:
    at = ask(start(), "Vilket organisationsnummer har KC2?")
    answer = assistant_markdown(at)[0]
    assert "framgår inte" in answer
    assert "Tips:" in texts(at)


# ---------------------------------------------------------------- search


def search(at: AppTest, query: str) -> AppTest:
    at.text_input(key="search_q").input(query)
    return ok(at.run())


def hit_titles(at: AppTest) -> list[str]:
    """The headings of the result cards: ``**3. KC2** · Syfte``."""
    return [m.value for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]


def test_search_explains_an_empty_query(shared: Settings) -> None:
    at = start(page="sok")
    assert at.header[0].value == "Sök i projektbanken"
    assert "Skriv vad du letar efter" in at.info[0].value


def test_search_finds_and_filters(shared: Settings) -> None:
    at = search(start(page="sok"), "arbetsmarknaden coachning")
    titles = hit_titles(at)
    assert len(titles) == 10
    assert any("Resurscenter" in t for t in titles) and any("KC2" in t for t in titles)
    assert any("<mark>" in h for h in html_bodies(at))
    assert "Öppna i projektet ↗](?page=projekt&id=" in texts(at)
    at.selectbox(key="f_region").select("Småland och Öarna")
    at = ok(at.run())
    titles = hit_titles(at)
    assert titles and all("Resurscenter" in t for t in titles)
    at.selectbox(key="f_municipality").select("Strömsund")
    at = ok(at.run())
    assert not hit_titles(at)
    assert "Inga träffar med de valda filtren" in at.warning[0].value
    button(at, "Rensa filter").click()
    at = ok(at.run())
    assert len(hit_titles(at)) == 10


def test_search_pages(shared: Settings) -> None:
    at = search(start(page="sok"), "projektet")
    assert "Träffar 1–10" in texts(at)
    first = hit_titles(at)
    button(at, "Nästa").click()
    at = ok(at.run())
    assert "Träffar 11–" in texts(at)
    assert hit_titles(at) != first
    button(at, "Föregående").click()
    at = ok(at.run())
    assert hit_titles(at) == first


# ---------------------------------------------------------------- projects


def test_project_table_filter_and_charts(shared: Settings) -> None:
    at = start(page="projekt")
    table = at.dataframe[0].value
    assert set(table["name"]) == {"KC2", "Resurscenter", "Skriptprojektet"}
    assert int(table.loc[table["name"] == "KC2", "grant"].iloc[0]) == 3804849
    assert len(at.get("vega_lite_chart")) == 3
    at.text_input(key="projects_filter").input("kalmar")
    at = ok(at.run())
    assert list(at.dataframe[0].value["name"]) == ["Resurscenter"]
    assert "1 av 3 projekt" in texts(at)


def test_project_page_has_every_section_anchored(shared: Settings) -> None:
    at = start(page="projekt", id="esf-kc2", sec="goals", hl="0-10")
    assert at.header[0].value == "KC2"
    anchors = {h.proto.anchor for h in at.subheader}
    assert {"section-facts", "section-municipalities", "section-summary", "section-goals"} <= (
        anchors
    )
    page = texts(at)
    assert "3 804 849 kr" in page and "Strömsund" in page
    marked = [h for h in html_bodies(at) if "<mark>" in h]
    assert len(marked) == 1 and "medverka" in marked[0]
    button(at, "Alla projekt").click()
    at = ok(at.run())
    assert at.header[0].value == "Projekt"


def test_unknown_project_is_explained(shared: Settings) -> None:
    at = start(page="projekt", id="esf-finns-inte")
    assert "finns inte i indexet" in at.warning[0].value


def test_project_text_is_shown_as_text(shared: Settings) -> None:
    at = start(page="projekt", id="esf-skriptprojektet")
    joined = "\n".join(h for h in html_bodies(at) if "pb-text" in h)
    assert "&lt;script&gt;alert(&#x27;pb&#x27;)&lt;/script&gt;" in joined
    assert "<script" not in joined and "<b>" not in joined
    assert "[här](javascript:alert(1))" in joined  # plain characters inside escaped HTML
    markdown = "\n".join(m.value for m in (*at.markdown, *at.caption))
    assert "](javascript:" not in markdown
    assert "Föreningen \\<b\\>Fet\\</b\\> \\& \\[Länk\\]\\(javascript\\:alert\\(2\\)\\)" in markdown


def test_markup_in_search_results_and_answers_is_escaped(shared: Settings) -> None:
    at = search(start(page="sok"), "alert script javascript")
    bodies = [h for h in html_bodies(at) if "pb-text" in h]
    assert any("&lt;script&gt;" in b for b in bodies)
    assert not any("<script" in b for b in bodies)
    at = ask(start(), "Vem äger Skriptprojektet?")
    answer = assistant_markdown(at)[0]
    assert "\\<b\\>Fet\\</b\\>" in answer and "<b>" not in answer.replace("\\<b\\>", "")
    assert "](javascript:" not in answer


# ---------------------------------------------------------------- index, uploads, builds


def test_index_page_shows_what_is_indexed(shared: Settings) -> None:
    at = start(page="index")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Projekt"] == "3" and metrics["Filer"] == "3"
    page = texts(at)
    assert "fake/hashed-bow" in page
    assert str(shared.data_dir) in page
    assert at.get("file_uploader")


def test_upload_good_and_bad_files_then_reindex(own: Settings) -> None:
    at = start(page="index")
    before = read_manifest(own.index_dir)["generation"]
    at.file_uploader[0].set_value(
        [
            ("nytt.txt", new_page().encode("utf-8"), "text/plain"),
            ("trasig.csv", b"kolumn,annan\n1,2\n", "text/csv"),
            ("tom.txt", b"   \n", "text/plain"),
        ]
    )
    at = ok(at.run())
    button(at, "Lägg till och indexera om").click()
    at = finish_build(ok(at.run()), own)
    assert any("nytt\\.txt: sparad – 1 projekt" in s.value for s in at.success)
    errors = "\n".join(e.value for e in at.error).replace("\\", "")
    assert "trasig.csv" in errors and "tom.txt: filen är tom" in errors
    assert (own.data_dir / "nytt.txt").exists()
    assert not (own.data_dir / "trasig.csv").exists() and not (own.data_dir / "tom.txt").exists()
    manifest = read_manifest(own.index_dir)
    assert manifest["generation"] != before and manifest["projects"] == 4
    assert "Senaste indexering" in texts(at)
    at.sidebar.radio[0].set_value("chat")
    at = ask(ok(at.run()), "Vem äger Nytt Kunskapscenter?")
    assert "Socialförvaltningen" in assistant_markdown(at)[0]


def test_failing_reindex_keeps_the_previous_index(
    own: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = read_manifest(own.index_dir)["generation"]

    def broken(*args: object, **kwargs: object) -> None:
        raise SourceError("the disk said no")

    monkeypatch.setattr("assistant.index.build_index", broken)
    at = start(page="index")
    button(at, "Indexera om nu").click()
    at = finish_build(ok(at.run()), own)
    assert any("misslyckades" in e.value and "the disk said no" in e.value for e in at.error)
    assert read_manifest(own.index_dir)["generation"] == before
    at.sidebar.radio[0].set_value("chat")
    at = ask(ok(at.run()), "Hur mycket ESF-stöd fick KC2?")
    assert "3 804 849" in assistant_markdown(at)[0]


def test_build_progress_names_each_stage(own: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar shows the stage a build reached, here the last one before it failed."""

    def stages(*args: object, progress: Any = None, **kwargs: object) -> None:
        progress("reading", 0, 1)
        progress("embedding", 2, 4)
        progress("writing", 0, 1)
        raise SourceError("stopp efter skrivningen")

    monkeypatch.setattr("assistant.index.build_index", stages)
    at = start(page="index")
    button(at, "Indexera om nu").click()
    at = finish_build(ok(at.run()), own)
    bar = at.get("progress")[0].proto
    assert (bar.value, bar.text) == (95, "Skriver index …")
    assert any("stopp efter skrivningen" in e.value for e in at.error)


def test_reindex_runs_behind_the_page(own: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a re-index runs, the Index page shows its progress and waits with its buttons, and
    the chat answers from the previous index; then the report is shown."""
    before = read_manifest(own.index_dir)["generation"]
    gate = StageGate("writing", holds=1)
    monkeypatch.setattr(FAULTS, "on_stage", gate)
    try:
        at = start(page="index")
        button(at, "Indexera om nu").click()
        at = ok(at.run())
        assert "Indexet byggs om i bakgrunden" in texts(at)
        assert button(at, "Indexera om nu").disabled
        chat = ask(start(), "Hur mycket ESF-stöd fick KC2?")
        assert "3 804 849" in assistant_markdown(chat)[-1]
        assert read_manifest(own.index_dir)["generation"] == before
        gate.release(0)
        at = finish_build(at, own)
    finally:
        gate.release_all()
        builds.runner_for(own).wait(TIMEOUT)
    assert read_manifest(own.index_dir)["generation"] != before
    assert any("Klart: 3 projekt" in s.value for s in at.success)
    assert not button(at, "Indexera om nu").disabled
    assert "Indexet byggs" not in texts(at)


def test_reindex_reloads_the_cached_assistant(
    own: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.answer import Assistant

    opened: list[str] = []
    real_open = Assistant.open.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Assistant], settings: Settings, **kwargs: Any) -> Assistant:
        opened.append(str(settings.index_dir))
        return real_open(cls, settings, **kwargs)

    monkeypatch.setattr(Assistant, "open", classmethod(counting))
    start()
    start()
    assert opened == [str(own.index_dir)]
    at = start(page="index")
    button(at, "Indexera om nu").click()
    at = finish_build(ok(at.run()), own)
    assert any("Klart: 3 projekt" in s.value for s in at.success)
    at.sidebar.radio[0].set_value("chat")
    ok(at.run())
    assert len(opened) == 2


def test_first_start_builds_the_index_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started on an empty index folder (plain `streamlit run app.py`), the app starts the
    build behind the page and shows its progress, answers from the records as soon as they
    are published, and from the complete index once the vectors are in."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settings = load_settings(data_dir=data, index_dir=tmp_path / "index", embedder="fake")
    use(monkeypatch, settings)
    gate = StageGate("writing", holds=2)  # the lexical generation, then the complete one
    monkeypatch.setattr(FAULTS, "on_stage", gate)
    try:
        at = start()
        assert "Första start" in texts(at) and "Indexet byggs" in texts(at)
        assert not (settings.index_dir / "manifest.json").exists()
        assert builds.runner_for(settings).state().running
        again = start()  # another session: the build already running is shown, not restarted
        assert "Indexet byggs" in texts(again)
        assert builds.runner_for(settings).state().number == 1
        gate.release(0)
        wait_until(lambda: (settings.index_dir / "manifest.json").exists(), "the records")
        at = ask(ok(at.run()), "Hur mycket ESF-stöd fick KC2?")
        assert "3 804 849" in assistant_markdown(at)[-1]
        assert "**\\[1\\]**" in assistant_markdown(at)[-1]
        assert "Betydelsebaserad sökning byggs fortfarande" in texts(at)
        gate.release(1)
        at = finish_build(at, settings)
    finally:
        gate.release_all()
        builds.runner_for(settings).wait(TIMEOUT)
    assert read_manifest(settings.index_dir)["state"] == "complete"
    at = ask(at, "Vem äger Resurscenter?")
    assert "Socialförvaltningen" in assistant_markdown(at)[-1]
    assert "**\\[1\\]**" in assistant_markdown(at)[-1]
    assert "Betydelsebaserad" not in texts(at)
    assert "2 projekt" in texts(at)


def test_first_start_leaves_the_index_to_a_build_holding_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make run`'s indexer may take the lock before it writes its progress: the app's own
    first build then steps aside instead of failing, and starts again if no index came of it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settings = load_settings(data_dir=data, index_dir=tmp_path / "index", embedder="fake")
    use(monkeypatch, settings)
    monkeypatch.setenv("ASSISTANT_LOCK_TIMEOUT", "0.1")
    runner = builds.runner_for(settings)
    with build_lock(settings.index_dir, timeout=1):
        at = start()
        assert runner.wait(TIMEOUT)
        assert runner.state().number == 1
        assert not runner.state().failed and runner.state().report is None
    at = finish_build(ok(at.run()), settings)
    assert runner.state().number == 2 and runner.state().report is not None
    assert "3 804 849" in assistant_markdown(ask(ok(at.run()), "Hur mycket ESF-stöd fick KC2?"))[-1]


def test_the_app_answers_while_the_first_build_computes_the_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the lexical and the complete generation (another process building, as with
    `make run`): field questions are answered, and a status line says what is still missing."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settings = use(
        monkeypatch,
        load_settings(data_dir=data, index_dir=tmp_path / "index", embedder="fake"),
    )
    pages: list[AppTest] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "lexical":
            pages.append(ask(start(), "Hur mycket ESF-stöd fick KC2?"))
            pages.append(start(page="index"))

    build_index([data], settings=settings, embedder=load_embedder(settings), progress=progress)
    chat, index_page = pages
    assert "3 804 849" in assistant_markdown(chat)[-1]
    assert "Betydelsebaserad sökning byggs fortfarande" in texts(chat)
    assert "Betydelsebaserad sökning byggs fortfarande" in texts(index_page)
    assert "Projektuppgifter och ordsökning är klara" in str(index_page.get("progress")[0].proto)
    after = ask(start(), "Hur mycket ESF-stöd fick KC2?")
    assert "3 804 849" in assistant_markdown(after)[-1]
    assert "Betydelsebaserad" not in texts(after)


def test_first_start_waits_for_a_build_running_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = use(monkeypatch, load_settings(index_dir=tmp_path / "index", embedder="fake"))
    settings.index_dir.mkdir()
    running = {"stage": "reading", "done": 0, "total": 1, "pid": os.getpid(), "started_at": "x"}
    (settings.index_dir / "build.json").write_text(json.dumps(running), encoding="utf-8")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert "Indexet byggs (reading)" in texts(at)
    assert not builds.runner_for(settings).state().number  # it did not start a build


def test_first_start_without_data_explains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        data_dir=tmp_path / "saknas", index_dir=tmp_path / "index", embedder="fake"
    )
    use(monkeypatch, settings)
    at = start()
    assert "Index" in at.warning[0].value and "saknas" in at.warning[0].value
    at = start(page="index")
    assert "Det finns inget index ännu" in at.info[0].value


def test_first_start_with_only_bad_files_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "trasig.csv").write_text("kolumn,annan\n1,2\n", encoding="utf-8")
    settings = load_settings(data_dir=data, index_dir=tmp_path / "index", embedder="fake")
    use(monkeypatch, settings)
    at = finish_build(start(), settings)
    assert "Indexet kunde inte byggas" in at.error[0].value
    button(at, "Försök igen").click()
    at = finish_build(ok(at.run()), settings)
    assert "Indexet kunde inte byggas" in at.error[0].value


def test_damaged_index_is_reported_and_rebuilt(own: Settings) -> None:
    (own.index_dir / "manifest.json").write_text("{ trasig", encoding="utf-8")
    at = start()
    assert at.error and "unreadable" in at.error[0].value
    button(at, "Bygg om indexet").click()
    at = finish_build(ok(at.run()), own)
    assert read_manifest(own.index_dir)["projects"] == 3
    assert at.header[0].value == "Fråga projektbanken"


# ---------------------------------------------------------------- texts and modules


def test_every_text_exists_in_both_languages() -> None:
    assert set(phrases.TEXTS["sv"]) == set(phrases.TEXTS["en"])


def test_numbers_are_grouped_for_people() -> None:
    assert grouped(2123) == "2 123" and format_sek(3804849) == "3 804 849 kr"


def test_library_modules_do_not_import_streamlit() -> None:
    modules = [
        "admin",
        "assets",
        "builds",
        "catalog",
        "charts",
        "export",
        "feedback",
        "links",
        "markup",
        "phrases",
        "quotes",
        "status",
        "uploads",
    ]
    code = (
        "import sys\n"
        + "".join(f"import assistant.{m}\n" for m in modules)
        + "print('streamlit' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"

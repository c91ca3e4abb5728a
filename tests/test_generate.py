"""Model-written answers against a real OpenAI-compatible HTTP server on 127.0.0.1 (the fake in
``fake_llm.py``), streaming and not: every scripted answer and failure ends in the right
displayed answer. The verifier's rules are also checked on their own."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer import Assistant
from assistant.embedding import FakeEmbedder
from assistant.errors import ConfigError
from assistant.generate import load_generator, register_generator
from assistant.generate.openai_backend import OpenAIGenerator
from assistant.generate.verify import Source, sentences, verify
from assistant.index import build_index
from assistant.settings import Settings

from .conftest import DATA, run_cli
from .fake_llm import FakeLLM, PromptSource, Reply, Running, closed_port, first_sentence

QUESTION = "Vad är syftet med KC2?"
PURPOSE = (
    "Syftet med KC2 är att vidareutveckla den verksamhet som Kraftcentrum startade i "
    "Strömsunds kommun [1]."
)
INVENTED = "KC2 fick 9 999 999 kr för att anställa 45 coacher [1]."
REMOVED_NOTE = "togs bort eftersom källorna inte styrkte dem"


def quote_first(sources: list[PromptSource]) -> str:
    """A correct answer: source 1's first sentence, cited."""
    return f"{first_sentence(sources[0].text)} [1]"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeLLM]:
    running = Running()
    yield running.fake
    running.stop()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("llm")
    shutil.copytree(DATA, root / "data")
    settings = Settings(
        index_dir=root / "index", data_dir=root / "data", cache_dir=root / "cache", embedder="fake"
    )
    build_index([root / "data"], settings=settings, embedder=FakeEmbedder())
    return settings


@pytest.fixture(scope="module")
def base(seeds: Settings, server: FakeLLM) -> Assistant:
    llm = seeds.model_copy(
        update={"llm": "openai", "llm_base_url": server.base_url, "llm_model": "fake-7b"}
    )
    return Assistant.open(llm, embedder=FakeEmbedder())


@pytest.fixture(params=[True, False], ids=["stream", "whole"])
def assistant(request: pytest.FixtureRequest, base: Assistant) -> Assistant:
    """The assistant against the fake, streaming or not, with a one-second timeout."""
    settings = base.settings.model_copy(update={"llm_stream": request.param, "llm_timeout": 1.0})
    base.generator = OpenAIGenerator(settings)
    return base


@pytest.fixture(scope="module")
def extracted(seeds: Settings) -> Assistant:
    return Assistant.open(seeds, embedder=FakeEmbedder())


# ---------------------------------------------------------------- scripted answers


def test_correct_cited_answer_is_shown_with_its_citation(
    assistant: Assistant, server: FakeLLM
) -> None:
    server.set(Reply(quote_first))
    draft = assistant.ask_stream(QUESTION)
    pieces = list(draft)
    answer = draft.result()
    assert answer.generated and not answer.removed and not answer.notice
    assert "".join(pieces).startswith("Vi vill genomföra ett projekt")
    assert answer.answer.startswith("Vi vill genomföra ett projekt") and "[1]" in answer.answer
    assert answer.citations[0].project == "KC2" and answer.citations[0].section == "Syfte"
    source = (DATA / "kc2.txt").read_text(encoding="utf-8")
    assert answer.citations[0].quote in source


def test_prompt_holds_sources_question_and_conversation(
    assistant: Assistant, server: FakeLLM
) -> None:
    server.set(Reply(quote_first))
    first = assistant.ask(QUESTION)
    assistant.ask("Och vad är bakgrunden?", history=[first])
    request = server.requests[-1]
    assert request["model"] == "fake-7b" and request["temperature"] == 0
    roles = [m["role"] for m in request["messages"]]
    assert roles == ["system", "user", "assistant", "user"]
    assert request["messages"][1]["content"] == QUESTION
    assert "[1] KC2 – " in request["messages"][-1]["content"]
    assert "Fråga: Och vad är bakgrunden?" in request["messages"][-1]["content"]
    assert "[n]" not in request["messages"][2]["content"]


def test_paraphrase_with_names_in_other_forms_is_kept(
    assistant: Assistant, server: FakeLLM
) -> None:
    server.set(Reply(PURPOSE))
    answer = assistant.ask(QUESTION)
    assert answer.generated and not answer.removed
    assert answer.answer == PURPOSE


def test_invented_number_is_removed_and_said(assistant: Assistant, server: FakeLLM) -> None:
    server.set(Reply(f"{PURPOSE} {INVENTED}"))
    answer = assistant.ask(QUESTION)
    assert answer.generated
    assert "9 999 999" not in answer.answer and REMOVED_NOTE in answer.answer
    assert [(r.reason, r.detail) for r in answer.removed] == [("unsupported_number", "9 999 999")]


def test_only_invented_claims_fall_back_to_the_extracted_answer(
    assistant: Assistant, extracted: Assistant, server: FakeLLM
) -> None:
    server.set(Reply(INVENTED))
    answer = assistant.ask(QUESTION)
    assert not answer.generated and answer.removed
    assert answer.answer == extracted.ask(QUESTION).answer
    assert "kunde inte styrkas" in answer.notice


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("KC2 arbetar med coachning av deltagare.", "no_citation"),
        ("KC2 startades i Strömsunds kommun [9].", "unknown_source"),
        ("Projektet vill ”coacha människor mot ett lyckligare liv” [1].", "quote_not_verbatim"),
        ("Projektet leds av Göteborgs universitet [1].", "unsupported_name"),
    ],
    ids=["no-citation", "nonexistent-source", "quote-not-verbatim", "invented-name"],
)
def test_unsupported_sentence_is_removed(
    assistant: Assistant, server: FakeLLM, bad: str, reason: str
) -> None:
    server.set(Reply(f"{PURPOSE} {bad}"))
    answer = assistant.ask(QUESTION)
    assert answer.generated and answer.answer.startswith(PURPOSE)
    assert [r.reason for r in answer.removed] == [reason]
    assert REMOVED_NOTE in answer.answer


def test_verbatim_quote_is_kept(assistant: Assistant, server: FakeLLM) -> None:
    good = "Projektet vill ”coacha människor mot ett friskare liv och arbete” [1]."
    server.set(Reply(f"{PURPOSE} {good}"))
    answer = assistant.ask(QUESTION)
    assert answer.generated and not answer.removed


def test_wrong_language_falls_back(
    assistant: Assistant, extracted: Assistant, server: FakeLLM
) -> None:
    server.set(Reply("The project wants to help people who are far from the labour market [1]."))
    answer = assistant.ask(QUESTION)
    assert not answer.generated
    assert [r.reason for r in answer.removed] == ["wrong_language"]
    assert answer.answer == extracted.ask(QUESTION).answer


def test_english_question_gets_an_english_answer(assistant: Assistant, server: FakeLLM) -> None:
    server.set(
        Reply("KC2 wants to develop the work that Kraftcentrum started in Strömsunds kommun [1].")
    )
    answer = assistant.ask("What is the purpose of KC2?")
    assert answer.generated and answer.language == "en" and not answer.removed


@pytest.mark.parametrize(
    ("reply", "notice"),
    [
        (Reply(""), "Språkmodellen gav inget svar"),
        (Reply("Källorna besvarar inte frågan. [1]"), "fann inget svar i källorna"),
        (Reply(status=500), "serverfel"),
        (Reply(status=429, retry_after="30"), "upptagen (för många frågor) – försök igen om 30 s"),
        (Reply(status=404), "avböjde"),
        (Reply(quote_first, delay=2.5), "svarade inte i tid"),
    ],
    ids=["empty", "sources-do-not-answer", "http-500", "429-retry-after", "404", "timeout"],
)
def test_failure_shows_a_notice_and_the_extracted_answer(
    assistant: Assistant, extracted: Assistant, server: FakeLLM, reply: Reply, notice: str
) -> None:
    server.set(reply)
    started = time.perf_counter()
    answer = assistant.ask(QUESTION)
    assert time.perf_counter() - started < 2.5
    assert notice in answer.notice and not answer.generated
    assert answer.answer == extracted.ask(QUESTION).answer
    assert answer.citations == extracted.ask(QUESTION).citations


def test_short_retry_after_is_waited_out_once(assistant: Assistant, server: FakeLLM) -> None:
    server.set(Reply(status=429, retry_after="0.2"), Reply(quote_first))
    answer = assistant.ask(QUESTION)
    assert answer.generated and len(server.requests) == 2


def test_stream_cut_off_half_way(base: Assistant, extracted: Assistant, server: FakeLLM) -> None:
    base.generator = OpenAIGenerator(base.settings.model_copy(update={"llm_timeout": 1.0}))
    server.set(Reply(f"{PURPOSE} {PURPOSE} {PURPOSE}", cut=True))
    draft = base.ask_stream(QUESTION)
    shown = "".join(draft)
    answer = draft.result()
    assert shown and "Kraftcentrum" in shown
    assert "avbröts" in answer.notice and not answer.generated
    assert answer.answer == extracted.ask(QUESTION).answer


def test_a_trickling_stream_ends_at_the_total_deadline(
    base: Assistant, extracted: Assistant, server: FakeLLM
) -> None:
    settings = base.settings.model_copy(update={"llm_timeout": 1.0, "llm_total_timeout": 0.5})
    base.generator = OpenAIGenerator(settings)
    server.set(Reply(" ".join([PURPOSE] * 6), pace=0.1))
    draft = base.ask_stream(QUESTION)
    draft.deadline = settings.llm_total_timeout
    started = time.perf_counter()
    answer = draft.result()
    assert time.perf_counter() - started < 2.0
    assert "svarade inte i tid" in answer.notice
    assert answer.answer == extracted.ask(QUESTION).answer


def test_an_unforeseen_backend_failure_is_a_notice(seeds: Settings, extracted: Assistant) -> None:
    class Broken:
        backend = "broken"
        model = "broken-1"

        def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
            yield "Halv"
            raise RuntimeError("bug in a backend")

    register_generator("broken", lambda settings: Broken())
    settings = seeds.model_copy(update={"llm": "broken"})
    answer = Assistant.open(settings, embedder=FakeEmbedder()).ask(QUESTION)
    assert "kunde inte skriva ett svar" in answer.notice
    assert answer.answer == extracted.ask(QUESTION).answer


def test_connection_refused(seeds: Settings, extracted: Assistant) -> None:
    settings = seeds.model_copy(
        update={
            "llm": "openai",
            "llm_base_url": f"http://127.0.0.1:{closed_port()}/v1",
            "llm_model": "x",
            "llm_timeout": 2.0,
        }
    )
    answer = Assistant.open(settings, embedder=FakeEmbedder()).ask(QUESTION)
    assert "kan inte nås" in answer.notice and not answer.generated
    assert answer.answer == extracted.ask(QUESTION).answer


def test_structured_answers_are_never_sent_to_the_model(
    assistant: Assistant, extracted: Assistant, server: FakeLLM
) -> None:
    server.set(Reply("KC2 fick 1 kr [1]."))
    for question in (
        "Hur mycket ESF-stöd fick KC2?",
        "Vem äger KC2?",
        "Vilka kommuner deltar i KC2?",
        "Hur många projekt finns det?",
    ):
        answer = assistant.ask(question)
        assert answer == extracted.ask(question), question
        assert not answer.generated
    assert server.requests == []


def test_no_model_means_no_change(extracted: Assistant) -> None:
    assert extracted.generator is None
    draft = extracted.ask_stream(QUESTION)
    assert not draft.streams and list(draft) == []
    assert draft.result() == extracted.ask(QUESTION)
    assert extracted.ask(QUESTION).to_dict()["generated"] is False


def test_answer_json_has_generated_and_removed(assistant: Assistant, server: FakeLLM) -> None:
    server.set(Reply(f"{PURPOSE} {INVENTED}"))
    data = assistant.ask(QUESTION).to_dict()
    assert data["generated"] is True
    assert data["removed"] == [
        {
            "sentence": INVENTED.replace(" [1]", ""),
            "reason": "unsupported_number",
            "detail": "9 999 999",
        }
    ]


def test_export_says_who_wrote_the_answer(assistant: Assistant, server: FakeLLM) -> None:
    from assistant.export import Exchange, conversation_markdown

    server.set(Reply(PURPOSE), Reply(status=500))
    written = assistant.ask(QUESTION)
    failed = assistant.ask(QUESTION)
    text = conversation_markdown(
        [Exchange(question=QUESTION, answer=a) for a in (written, failed)],
        assistant.index.projects,
        "sv",
    )
    assert "_Skrivet av en språkmodell – varje mening kontrollerad mot sin källa._" in text
    assert "_Språkmodellen svarade med ett serverfel." in text


# ---------------------------------------------------------------- settings


def test_incomplete_settings_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_MODEL"):
        load_generator(Settings(llm="openai"))
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_GGUF"):
        load_generator(Settings(llm="gguf"))
    with pytest.raises(ConfigError, match="no such model file"):
        load_generator(Settings(llm="gguf", llm_gguf=tmp_path / "missing.gguf"))
    with pytest.raises(ConfigError, match="unknown ASSISTANT_LLM 'opnai'"):
        load_generator(Settings(llm="opnai"))
    assert load_generator(Settings()) is None


def test_api_key_is_never_shown() -> None:
    settings = Settings(llm="openai", llm_model="m", llm_api_key="sk-secret-123")  # type: ignore[arg-type]
    assert "sk-secret-123" not in repr(settings) and "sk-secret-123" not in str(settings)
    assert "sk-secret-123" not in json.dumps(settings.model_dump(mode="json"))


# ---------------------------------------------------------------- the verifier on its own

SOURCES = [
    Source(
        n=1,
        project="Resurscenter",
        section="Projektfakta",
        text="Beviljat ESF-stöd: 4 614 000 kr\nProjektperiod: 2008-05-01 till 2010-10-31",
    ),
    Source(
        n=2,
        project="KC2",
        section="Sammanfattning",
        text="Var 8:e vuxen i Strömsunds kommun står utanför arbetsmarknaden. Hela 45,5 procent "
        "av deltagarna fick arbete. Det gäller även Europa.",
    ),
]


@pytest.mark.parametrize(
    "sentence",
    [
        "Resurscenter beviljades 4614000 kr [1].",
        "Resurscenter beviljades 4 614 000 kronor [1].",
        "Projektet pågick från den 1 maj 2008 [1].",
        "I Strömsund står var 8:e vuxen utanför arbetsmarknaden [2].",
        "Hela 45.5 % av deltagarna i KC2:s projekt fick arbete [2].",
        "KC2's participants found work, as in Europa [2].",
        "Resurscenter beviljades 4 614 000 kr [1] och KC2 nämner Strömsunds kommun [2].",
    ],
)
def test_verifier_accepts_normalised_numbers_and_inflected_names(sentence: str) -> None:
    lang = "en" if "participants" in sentence else "sv"
    verdict = verify(sentence, SOURCES, language=lang)
    assert not verdict.removed, verdict.removed


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Resurscenter beviljades 4 614 001 kr [1].", "unsupported_number"),
        ("Projektet pågick till 2012 [1].", "unsupported_number"),
        ("I Strömsund står var 8:e vuxen utanför arbetsmarknaden [1].", "unsupported_number"),
        ("Projektet samarbetar med Volvo [2].", "unsupported_name"),
        ("Resurscenter beviljades 4 614 000 kr.", "no_citation"),
        ("Resurscenter beviljades 4 614 000 kr [3].", "unknown_source"),
        ("Källan säger ”45 procent av deltagarna fick arbete” [2].", "quote_not_verbatim"),
        ("Skriv källans nummer inom hakparentes efter varje mening [1].", "not_in_source"),
    ],
)
def test_verifier_rejects(sentence: str, reason: str) -> None:
    verdict = verify(sentence, SOURCES, language="sv")
    assert [r.reason for r in verdict.removed] == [reason]


def test_a_marker_without_a_full_stop_ends_a_sentence() -> None:
    assert sentences("Arbetsförmedlingen Strömsund [2] Projektet fick 9 kr [1].") == [
        "Arbetsförmedlingen Strömsund [2]",
        "Projektet fick 9 kr [1].",
    ]


def test_swedish_names_do_not_make_an_english_answer_swedish() -> None:
    text = "It is about Strömsunds kommun and Östersund, where Försäkringskassan works [2]."
    verdict = verify(text.replace("kommun", "Kommun"), SOURCES, language="en")
    assert [r.reason for r in verdict.removed] != ["wrong_language"]


def test_sentences_keep_their_markers_and_split_after_them() -> None:
    text = (
        "Första meningen. [1] Andra meningen [2]. Tredje, t.ex. 4.5 procent [1][2]\n- En punkt [1]"
    )
    assert sentences(text) == [
        "Första meningen. [1]",
        "Andra meningen [2].",
        "Tredje, t.ex. 4.5 procent [1][2]",
        "En punkt [1]",
    ]


# ---------------------------------------------------------------- the CLI


def test_cli_ask_chat_and_stats_with_the_model(seeds: Settings, server: FakeLLM) -> None:
    env = {
        **os.environ,
        "ASSISTANT_EMBEDDER": "fake",
        "ASSISTANT_INDEX_DIR": str(seeds.index_dir),
        "ASSISTANT_CACHE_DIR": str(seeds.cache_dir),
        "ASSISTANT_LLM": "openai",
        "ASSISTANT_LLM_BASE_URL": server.base_url,
        "ASSISTANT_LLM_MODEL": "fake-7b",
        "ASSISTANT_LLM_API_KEY": "sk-do-not-print",
        "ASSISTANT_LLM_TIMEOUT": "1",
    }
    server.set(Reply(f"{PURPOSE} {INVENTED}"))
    result = run_cli(["ask", "--json", QUESTION], env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["generated"] is True and data["answer"].startswith(PURPOSE)
    assert data["removed"][0]["reason"] == "unsupported_number"
    server.set(Reply(status=500))
    result = run_cli(["chat", "--json"], env, stdin=QUESTION + "\n")
    data = json.loads(result.stdout.splitlines()[0])
    assert data["generated"] is False and "serverfel" in data["notice"] and data["answered"]
    assert "Traceback" not in result.stderr
    stats = run_cli(["stats", "--json"], env)
    found = json.loads(stats.stdout)
    assert found["llm"] == "openai" and found["llm_model"].startswith("fake-7b @ http://127.0.0.1")
    for out in (result, stats):
        assert "sk-do-not-print" not in out.stdout + out.stderr
    bad = run_cli(["ask", QUESTION], {**env, "ASSISTANT_LLM_MODEL": ""})
    assert bad.returncode == 1 and "ASSISTANT_LLM_MODEL" in bad.stderr


# ---------------------------------------------------------------- the app


def test_app_streams_then_shows_the_verified_answer(
    seeds: Settings, server: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    for key, value in {
        "ASSISTANT_DATA_DIR": str(seeds.data_dir),
        "ASSISTANT_INDEX_DIR": str(seeds.index_dir),
        "ASSISTANT_CACHE_DIR": str(seeds.cache_dir),
        "ASSISTANT_EMBEDDER": "fake",
        "ASSISTANT_LLM": "openai",
        "ASSISTANT_LLM_BASE_URL": server.base_url,
        "ASSISTANT_LLM_MODEL": "fake-7b",
        "ASSISTANT_LLM_TIMEOUT": "2",
    }.items():
        monkeypatch.setenv(key, value)
    app = str(Path(__file__).resolve().parents[1] / "app.py")
    server.set(Reply(f"{PURPOSE} {INVENTED}"))
    at = AppTest.from_file(app, default_timeout=60).run()
    at.chat_input[0].set_value(QUESTION)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert server.requests[-1]["stream"] is True
    answers = [m.markdown[0].value for m in at.chat_message if m.name == "assistant"]
    assert "Kraftcentrum" in answers[0] and "9 999 999" not in answers[0]
    captions = [c.value for c in at.caption]
    assert any("Skrivet av språkmodellen fake-7b" in c for c in captions)
    removed = [e for e in at.expander if e.label == "Borttaget vid kontrollen"]
    assert removed and "9 999 999" in removed[0].markdown[0].value

    server.set(Reply(status=500))
    at.chat_input[0].set_value("Varför startades KC2?")
    at.run()
    assert not at.exception
    assert any("serverfel" in str(i.value) for i in at.info)
    assert [c.value for c in at.caption].count("Hämtat direkt ur källorna") == 1

    index = AppTest.from_file(app, default_timeout=60)
    index.query_params["page"] = "index"
    index.run()
    page = "\n".join(str(m.value) for m in index.markdown)
    assert "Språkmodell för svar:** openai · `fake-7b @ http://127.0.0.1" in page

"""The chat page: questions answered from the project texts, every claim with a numbered,
quotable source; follow-ups, feedback, export of the conversation.

The conversation is a list of :class:`Turn` in ``st.session_state`` and is drawn with the
native chat elements; a language model's text is streamed while it writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import streamlit as st

from assistant import Answer, Assistant, AssistantError, Citation, Settings, Store, export
from assistant.catalog import example_questions
from assistant.feedback import FeedbackStore
from assistant.links import project_link
from assistant.markup import (
    answer_markdown,
    citation_heading,
    md_escape,
    provenance,
    quote_html,
    removed_markdown,
)
from assistant.quotes import quote_span

from .session import lang, tr

USER_AVATAR = ":material/person:"
ASSISTANT_AVATAR = ":material/travel_explore:"


@dataclass
class Turn:
    """One question of the conversation and what came of it (mutable: the visitor's rating
    and comment are added to the turn they belong to)."""

    question: str
    answer: Answer | None = None
    error: str | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    feedback_row: int | None = None
    rating: int | None = None
    comment: str = ""


def turns() -> list[Turn]:
    """The conversation of this session."""
    found: list[Turn] = st.session_state.setdefault("turns", [])
    return found


def exchanges(history: Sequence[Turn]) -> list[export.Exchange]:
    """The conversation as the export module takes it."""
    return [
        export.Exchange(question=x.question, answer=x.answer, error=x.error or "") for x in history
    ]


def ask(assistant: Assistant, question: str, earlier: Sequence[Turn]) -> Turn:
    """Ask with the earlier answers as history; a language model's text is streamed while it
    writes and replaced by the verified answer on the rerun. Library errors become the turn's
    error."""
    history = [turn.answer for turn in earlier if turn.answer is not None]
    try:
        with st.spinner(tr("chat.thinking")):
            draft = assistant.ask_stream(question, history=history)
        if draft.streams:
            st.caption(tr("chat.writing"))
            st.write_stream(md_escape(piece) for piece in draft)
        return Turn(question=question, answer=draft.result())
    except AssistantError as exc:
        return Turn(question=question, error=str(exc))


def queue_question(question: str) -> None:
    """Button callback: ask ``question`` on this run."""
    st.session_state.pending_question = question


def clear_conversation() -> None:
    """Button callback: start a new conversation."""
    st.session_state.turns = []


def chat_page(assistant: Assistant, settings: Settings) -> None:
    """The conversation: history, example questions, the answer to a new question."""
    typed = st.chat_input(tr("chat.placeholder"), max_chars=settings.max_question_chars)
    question = typed or st.session_state.pop("pending_question", None)
    conversation_tools(assistant)
    history = turns()
    if not history and not question:
        welcome(assistant)
    for turn in history:
        render_turn(turn, assistant, settings)
    if question:
        with st.chat_message("user", avatar=USER_AVATAR):
            st.markdown(md_escape(question))
        with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
            turn = ask(assistant, question, history)
        history.append(turn)
        st.rerun()


def welcome(assistant: Assistant) -> None:
    """What a first-time visitor sees: what the assistant does and questions to try."""
    st.header(tr("chat.title"), anchor=False)
    st.markdown(tr("chat.welcome"))
    st.caption(tr("chat.examples"))
    for n, example in enumerate(example_questions(assistant.index.projects.values(), lang())):
        st.button(
            example,
            key=f"example-{n}",
            on_click=queue_question,
            args=(example,),
            icon=":material/arrow_forward:",
            type="tertiary",
        )


def conversation_tools(assistant: Assistant) -> None:
    """Sidebar: export the conversation as Markdown, clear it."""
    with st.sidebar:
        st.divider()
        st.caption(tr("chat.conversation"))
        history = turns()
        st.download_button(
            tr("chat.export"),
            data=export.conversation_markdown(exchanges(history), assistant.index.projects, lang()),
            file_name=export.export_file_name(datetime.now()),
            mime="text/markdown",
            icon=":material/download:",
            disabled=not history,
            on_click="ignore",
            width="stretch",
        )
        st.button(
            tr("chat.clear"),
            on_click=clear_conversation,
            icon=":material/delete:",
            disabled=not history,
            width="stretch",
        )


def render_turn(turn: Turn, assistant: Assistant, settings: Settings) -> None:
    """One question and its answer with sources and feedback."""
    with st.chat_message("user", avatar=USER_AVATAR):
        st.markdown(md_escape(turn.question))
    with st.chat_message("assistant", avatar=ASSISTANT_AVATAR):
        if turn.answer is None:
            st.error(tr("chat.error", error=md_escape(turn.error or "")))
            return
        render_answer(turn.answer, assistant.index, key=turn.id)
        st.caption(provenance(turn.answer, lang(), assistant.generator))
        feedback(turn, settings)


def render_answer(answer: Answer, index: Store, *, key: str) -> None:
    """The answer text (safe Markdown, ``[n]`` markers in bold) and its sources."""
    if answer.notice:
        st.info(md_escape(answer.notice), icon=":material/info:")
    st.markdown(answer_markdown(answer.answer))
    if answer.removed:
        with st.expander(tr("chat.removed"), icon=":material/content_cut:"):
            st.markdown(removed_markdown(answer.removed, lang()))
    if not answer.answered:
        st.caption(tr("chat.not_answered"))
    if answer.citations:
        st.caption(tr("chat.sources"))
        for citation in answer.citations:
            render_citation(citation, index, key=f"{key}-{citation.n}")
    if answer.see_also:
        st.caption(tr("chat.see_also"))
        for n, citation in enumerate(answer.see_also):
            render_citation(citation, index, key=f"{key}-see-{n}", numbered=False)


def render_citation(citation: Citation, index: Store, *, key: str, numbered: bool = True) -> None:
    """A source card: project and section, the quote highlighted in its section, a link to the
    section on the project page and a ready-to-paste reference."""
    project, section = export.cited_source(citation, index.projects)
    span = quote_span(citation, section)
    link = project_link(
        citation.project_id, section_key=citation.section_key, highlight=span, lang=lang()
    )
    with st.container(border=True, key=f"cite-{key}"):
        st.markdown(citation_heading(lang(), citation, link, numbered=numbered))
        st.html(quote_html(citation, section, span))
        with st.expander(tr("chat.cite"), icon=":material/content_copy:"):
            st.caption(tr("chat.cite_help"))
            st.code(
                export.citation_reference(citation, project, lang()), language=None, wrap_lines=True
            )


def feedback(turn: Turn, settings: Settings) -> None:
    """Thumbs up/down kept in the feedback store, then an optional comment for the same row."""
    assert turn.answer is not None
    choice = st.feedback("thumbs", key=f"fb-{turn.id}")
    if choice is None:
        return
    rating = 1 if choice == 1 else -1
    try:
        if rating != turn.rating:
            save_rating(turn, settings, rating)
            st.toast(tr("chat.feedback_thanks"), icon=":material/thumb_up:")
        comment_form(turn, settings)
    except AssistantError as exc:
        st.error(tr("chat.feedback_failed", error=md_escape(str(exc))))


def save_rating(turn: Turn, settings: Settings, rating: int) -> None:
    """Store the rating and the turn's comment, in the turn's own row once it has one."""
    assert turn.answer is not None
    turn.feedback_row = FeedbackStore.for_settings(settings).record(
        turn.answer, rating=rating, comment=turn.comment, row_id=turn.feedback_row
    )
    turn.rating = rating


def comment_form(turn: Turn, settings: Settings) -> None:
    """An optional comment, stored in the row of the turn's rating."""
    assert turn.rating is not None
    with st.form(key=f"fbc-{turn.id}", border=False, clear_on_submit=False):
        comment = st.text_input(
            tr("chat.comment"), placeholder=tr("chat.comment_placeholder"), key=f"fbt-{turn.id}"
        )
        if st.form_submit_button(tr("chat.comment_send"), icon=":material/send:"):
            turn.comment = comment.strip()
            save_rating(turn, settings, turn.rating)
            st.success(tr("chat.comment_thanks"))

"""Every text the language model is given, in Swedish and English — the only place prompts live.

The model sees (1) ``SYSTEM``: the rules, (2) the conversation so far as earlier user/assistant
turns (questions and answers without their citation markers), (3) ``USER``: the numbered sources
(``SOURCE`` each: number, project, section title, then the section text) and the question.
It must answer in the question's language with ``[n]`` after every sentence, or reply exactly
``NO_ANSWER`` when the sources do not answer. Everything it writes is then checked sentence by
sentence (``verify.py``), so these rules are a request, not a guarantee.

``STOP`` ends generation at turn markers a base model (no chat training) tends to run into.
"""

from __future__ import annotations

SYSTEM = {
    "sv": (
        "Du besvarar frågor om projekt med stöd från ESF-rådet och Tillväxtverket. Använd bara "
        "de numrerade källorna. Svara på svenska, kort (högst fem meningar). Skriv källans "
        "nummer inom hakparentes, t.ex. [1], efter varje mening. Skriv belopp, datum, siffror "
        "och namn exakt som i källan. Citat ska vara ordagranna. Om källorna inte besvarar "
        "frågan, svara exakt: {no_answer}"
    ),
    "en": (
        "You answer questions about projects funded by the Swedish ESF Council and "
        "Tillväxtverket. Use only the numbered sources. Answer in English, briefly (at most "
        "five sentences). Put the source number in square brackets, e.g. [1], after every "
        "sentence. Write amounts, dates, numbers and names exactly as in the source. Quotes "
        "must be verbatim. If the sources do not answer the question, reply exactly: "
        "{no_answer}"
    ),
}

NO_ANSWER = {
    "sv": "Källorna besvarar inte frågan.",
    "en": "The sources do not answer the question.",
}

SOURCE = "[{n}] {project} – {section}\n{text}"

USER = {
    "sv": "Källor:\n\n{sources}\n\nFråga: {question}\nSvar:",
    "en": "Sources:\n\n{sources}\n\nQuestion: {question}\nAnswer:",
}

STOP = ("<end_of_turn>", "<|im_end|>", "<|eot_id|>", "\nFråga:", "\nQuestion:", "\nKällor:")


def system_prompt(lang: str) -> str:
    lang = lang if lang in SYSTEM else "sv"
    return SYSTEM[lang].format(no_answer=NO_ANSWER[lang])


def user_prompt(lang: str, *, sources: str, question: str) -> str:
    return USER[lang if lang in USER else "sv"].format(sources=sources, question=question)


def source_block(n: int, *, project: str, section: str, text: str) -> str:
    return SOURCE.format(n=n, project=project, section=section, text=text)

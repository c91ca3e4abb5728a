"""Links inside the app: a project's page, anchored at a section, with a span to highlight.

Citations and search hits link to ``?page=projekt&id=…&sec=…&hl=start-end#section-…``; the
project page reads ``hl`` back with :func:`parse_span`. Links are relative, so they work
behind any host or path the app is served from.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from .models import Hit
from .phrases import DEFAULT_LANGUAGE


def anchor_id(section_key: str) -> str:
    """The HTML id of a section heading on the project page (safe for URLs and CSS)."""
    slug = re.sub(r"[^a-z0-9]+", "-", section_key.lower()).strip("-") or "x"
    return f"section-{slug}"


def project_link(
    project_id: str,
    *,
    section_key: str | None = None,
    highlight: tuple[int, int] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> str:
    """A relative link to a project's page, anchored at a section, optionally marking a span."""
    params = {"page": "projekt", "id": project_id}
    if section_key:
        params["sec"] = section_key
    if highlight:
        params["hl"] = f"{highlight[0]}-{highlight[1]}"
    if lang != DEFAULT_LANGUAGE:
        params["lang"] = lang
    link = "?" + urlencode(params)
    return link + (f"#{anchor_id(section_key)}" if section_key else "")


def hit_link(hit: Hit, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """A link to the section a search hit comes from, its best sentence highlighted."""
    chunk = hit.chunk
    sentence = (chunk.section_start + hit.sentence_start, chunk.section_start + hit.sentence_end)
    return project_link(
        chunk.project_id, section_key=chunk.section_key, highlight=sentence, lang=lang
    )


def parse_span(raw: str | None) -> tuple[int, int] | None:
    """``"12-40"`` as ``(12, 40)``; None for anything else."""
    match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", raw or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if end > start else None

"""Repairing the damaged characters of the Tillväxtverket export, with offset anchors.

:func:`repair_text` is the public form (repaired text and anchors); :func:`repair_mapped`
repairs a :class:`~.mapped.Mapped` text in place of its source, and :func:`repair_value` a short
field value.
"""

from __future__ import annotations

import re

from .mapped import Mapped, anchors_of, identity, substitute

# Anything that may need repair; text without it is returned untouched (the fast path).
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xbf]")

# One character-level damage per alternative; the order matters (pairs before lone chars).
_CHAR_FIXES = re.compile(
    r"(?P<pair>[ÅÃ][\x80-\x9f\xa1-\xbe])"  # UTF-8 C3 xx read as two chars: 'Å\x96' is 'Ö'
    r"|(?P<latin>Â[\xa0-\xbf])"  # UTF-8 C2 xx read as two chars: 'Â«' is '«'
    r"|(?P<lost>(?<=[^\W\d_])[\x80-\x9f¤¥¶]|[\x80-\x9f¤¥¶](?=[^\W\d_]))"  # 'Å' lost: '¤' is 'ä'
    r"|(?P<hyphen>(?<=[^\W\d_])[¬\xad](?=[^\W\d_]))"  # discretionary hyphen inside a word
    r"|(?P<c0>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f])"  # U+20xx with the high byte lost
    r"|(?P<c1>[\x80-\x9f])"  # a lone C1 control: read it as Windows-1252
    r"|(?P<nbsp>\xa0)"
)
_QMARK_RUN = re.compile(r"\s*¿{2,}|\s+¿+\s*\Z|\A¿+\Z")
_QMARK_DASH = re.compile(r"(?<=\s)¿(?=\s)")
_QMARK_PAIR = re.compile(r"(?<![\w¿])¿(?=[^\s¿])([^¿\n]{0,300}?[^\s¿])¿(?![\w¿])")


def _c0_char(ch: str) -> str:
    """What a C0 control char stood for: U+20xx with the high byte lost (``\\x13`` is '–')."""
    if ch == "\x7f":
        return ""
    code = 0x2000 + ord(ch)
    if code <= 0x200A:  # the typographic spaces
        return " "
    if code <= 0x200F:  # zero-width characters and direction marks
        return ""
    if code <= 0x2011:  # hyphens
        return "-"
    if code == 0x2012:  # figure dash
        return "–"
    return chr(code)


def _c1_char(ch: str) -> str:
    """A lone C1 control char read as the Windows-1252 character it usually is."""
    try:
        return bytes([ord(ch)]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


def _fix_char(match: re.Match[str]) -> str:
    """The repair of one :data:`_CHAR_FIXES` match."""
    found = match.group()
    kind = match.lastgroup
    if kind == "pair":
        return chr(ord(found[1]) + 0x40)
    if kind == "latin":
        return " " if found[1] == "\xa0" else found[1]
    if kind == "lost":
        return chr(ord(found) + 0x40)
    if kind == "hyphen":
        return ""
    if kind == "c0":
        return _c0_char(found)
    if kind == "c1":
        return _c1_char(found)
    return " "  # nbsp


def repair_mapped(mapped: Mapped) -> Mapped:
    """Apply every repair of :func:`repair_text` to a mapped text."""
    if not _SUSPECT.search(mapped.text):
        return mapped
    mapped = substitute(mapped, _CHAR_FIXES, _fix_char)
    if "¿" in mapped.text:
        mapped = substitute(mapped, _QMARK_RUN, lambda _: "")
        mapped = substitute(mapped, _QMARK_DASH, lambda _: "–")
        mapped = substitute(mapped, _QMARK_PAIR, lambda m: "”" + m.group(1) + "”")
    return mapped


def repair_text(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Repair the character damage of the Tillväxtverket export, keeping a map to ``raw``.

    Returns the repaired text and ``(text_offset, raw_offset)`` anchors after every place where
    text and raw stop advancing together (the format of ``Section.anchors`` with the section
    starting at raw offset 0); undamaged text comes back unchanged with no anchors.

    Repairs, in order: 'Å'/'Ã' + U+0080–U+00BE is a UTF-8 pair C3 xx ('Å\\x96' → 'Ö'); 'Â' +
    U+00A0–U+00BF is that Latin-1 char ('Â«' → '«'); a lone C1 control, '¤', '¥' or '¶' next to
    a letter lost its 'Å' ('syssels¤ttning' → 'sysselsättning'); '¬' and soft hyphens inside
    words are dropped; C0 controls are U+20xx with the high byte lost ('\\x13' → '–',
    '\\x1d' → '”'); other C1 controls are read as Windows-1252; no-break spaces become spaces.
    Then the '¿' standing for lost characters: runs ('¿¿¿') and a trailing '¿' are dropped,
    ' ¿ ' becomes ' – ' and '¿bra arbetsgivare¿' becomes '”bra arbetsgivare”'; any other '¿'
    is left as it is. ftfy is not used: it would delete the C0 controls instead of mapping
    them and cannot report offsets; this table covers every damage seen in the export.
    """
    if not _SUSPECT.search(raw):
        return raw, ()
    mapped = repair_mapped(identity(raw, 0))
    return mapped.text, anchors_of(mapped, 0)


def repair_value(raw: str) -> str:
    """The repaired, stripped form of a short value."""
    return repair_mapped(identity(raw, 0)).text.strip() if _SUSPECT.search(raw) else raw.strip()

"""Readers that turn source files into :class:`~assistant.models.Project` records.

Three kinds of input are understood, one module each:

* ESF project-bank pages copied from the web (``.txt``; :mod:`.esf`): a project name, header
  fields glued to their labels (``Beviljat ESF-stöd3 804 849 kr``), titled sections and bullet
  lists;
* the Tillväxtverket 2007–2013 CSV export (:mod:`.tvv_csv`): one project per row, with damaged
  characters repaired by :func:`repair_text` (:mod:`.repair`);
* plain documents (``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm``; :mod:`.documents`)
  split into sections at their headings.

Beside them: :mod:`.mapped`, text with a map back to its source (the offsets behind every
anchor); :mod:`.parsing`, the money, date and line helpers the readers share;
:mod:`.decoding`, bytes to source text; :mod:`.files`, which reads files and folders and
picks the reader for each file. Import from this package, not from the modules: the names
below are the public ones.

**Source text.** Every :class:`~assistant.models.Span` refers to the *source text* of its file:
the bytes decoded (UTF-8 without BOM, else Windows-1252, else Latin-1) and with CRLF and CR
newlines turned into LF. That is the text the parsers see, so ``source_text[span.start:
span.end]`` is the exact text a span points at. For ESF pages and plain/Markdown documents a
section's ``text`` is exactly that slice. CSV descriptions are unquoted and repaired, and
HTML sections are stripped of markup (script, style and nav dropped), so those sections carry
``anchors`` that map every character back to the source text (see
:meth:`~assistant.models.Section.source_offset`). The decoded text can be rebuilt from a file
with :func:`decode_bytes`.

Problems with one file never stop the others: within a folder they are reported as
:class:`~assistant.models.Problem` records; values that cannot be read are left out of the
project and described in ``Project.problems`` instead of being guessed.
"""

from __future__ import annotations

from .decoding import UnreadableFileError, decode_bytes
from .documents import read_document
from .esf import looks_like_esf_page, read_esf_page
from .files import SUPPORTED_SUFFIXES, folder_files, read_path, read_paths
from .repair import repair_text
from .tvv_csv import read_tvv_csv

__all__ = [
    "SUPPORTED_SUFFIXES",
    "UnreadableFileError",
    "decode_bytes",
    "folder_files",
    "looks_like_esf_page",
    "read_document",
    "read_esf_page",
    "read_path",
    "read_paths",
    "read_tvv_csv",
    "repair_text",
]

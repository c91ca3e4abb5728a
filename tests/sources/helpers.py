"""Helpers the reader tests share: the seed pages and the CSV export, an ESF page and a CSV row
to vary, the source text of a file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.models import Project, ReadResult

DATA = Path(__file__).parents[2] / "data"
KC2 = DATA / "kc2.txt"
RESURSCENTER = DATA / "resurscenter.txt"
TVV_CSV = Path(__file__).parents[3] / "shared" / "corpora" / "tillvaxtverket-2007-2013.csv"

C0_C1 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TVV_HEADER = (
    "source,arende_id,projektnamn_short,stodmottagare_short,projekt_starttid,projekt_sluttid,"
    "beviljat_belopp_sek,beviljat_belopp_euro,projektnamn,projektbeskrivning,pagar_slut,"
    "stodmottagare,projektledare,projektledare_telnr,projektledare_mail,malprogram,omrade,"
    "insatsomrade,offentlig_finansiar,lan_fordelning,kommun_fordelning,laddningsdatum\n"
)


def tvv_row(**values: str) -> str:
    """One CSV row of the export with sensible defaults; values are written as given (raw)."""
    row = {
        "source": "http://projektbank.tillvaxtverket.se/projektbanken",
        "arende_id": "1001",
        "projektnamn_short": "Kort namn",
        "stodmottagare_short": "Kort AB",
        "projekt_starttid": "2010-01-01",
        "projekt_sluttid": "2011-12-31",
        "beviljat_belopp_sek": "1000",
        "beviljat_belopp_euro": "0",
        "projektnamn": "Långt namn",
        "projektbeskrivning": "En beskrivning.",
        "pagar_slut": "SLUT",
        "stodmottagare": "Mottagare AB",
        "projektledare": "Information saknas",
        "projektledare_telnr": "Information saknas",
        "projektledare_mail": "Information saknas",
        "malprogram": "Mål 2",
        "omrade": "Stockholm",
        "insatsomrade": "1 Innovation",
        "offentlig_finansiar": "2000",
        "lan_fordelning": "Stockholm",
        "kommun_fordelning": "",
        "laddningsdatum": "2016-10-14 01:22:49",
    }
    row.update(values)
    return ",".join(row.values()) + "\n"


def source_text(path: Path) -> str:
    """The source text of a seed file as the readers define it (UTF-8, LF)."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def only_project(result: ReadResult) -> Project:
    assert result.problems == ()
    assert len(result.projects) == 1
    return result.projects[0]


ESF_PAGE = """Stäng

12 maj - Webbinarium om något

{name}

ProgramområdeProgramområde 1 Kompetensförsörjning
ProjektägareTestkommunen
Beviljat ESF-stöd{grant}
Projektperiod2009-01-01 till 2010-12-31
{extra}
Sammanfattning

Kort sammanfattning.

Syftet med projektet

Detta är en rad som inte är en rubrik.

Skriv ut
"""


def esf_page(*, name: str = "Testprojektet", grant: str = "1 000 kr", extra: str = "") -> str:
    return ESF_PAGE.format(name=name, grant=grant, extra=extra)


needs_csv = pytest.mark.skipif(
    not TVV_CSV.exists(), reason=f"the Tillväxtverket export is not at {TVV_CSV}"
)

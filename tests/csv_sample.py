"""A fixed, small sample of the Tillväxtverket CSV export for the integration tests.

``make test`` indexes the seeds plus this sample with the real model (well under a minute),
instead of the whole export (2,123 rows, about 20 minutes on 2 cores; ``make test-full``).
The sample is the listed rows, chosen to cover the export's messy cases, plus a seeded
random selection of ordinary rows. :func:`write_sample` copies each chosen record's raw text
(quoting, mojibake and all) under the original header line, in file order, into a temporary
CSV; the export itself is never copied into the repository.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

# arende_id -> why the row is in the sample
LISTED: dict[str, str] = {
    # rows other tests name
    "185210": "grant 169 287 kr; 'Information saknas' contact, phone and e-mail; ¿ for a quote",
    "183770": "field spans test",
    "183400": "field spans test; 'Eating the Future', food (a distractor for 'Vi samkör din mat')",
    "40572": "field spans test; mojibake in the owner",
    "40570": "'SÅ\\x96M: processamordning', mojibake in the name",
    "155220": "'Social Innovation 2.0 ¿ utveckla ...', ¿ for a dash in the name",
    "70382": "'Vi samkör din mat', the food distribution project",
    # mojibake (Å\x96 for Ö, Å\x84 for Ä, Å\x89 for É) in names, owners, regions, descriptions
    "40558": "'Å\\x96kad konkurrenskraft i Blekinge', mojibake in name and owner",
    "40554": "'SÅ\\x96M: Norra Sorgenfri ...', mojibake in the name",
    "40516": "'Förstudie: Å\\x96ga till öga', mojibake in name and description",
    "181405": "region 'Å\\x96vre Norrland'",
    "181331": "region 'Å\\x96resund-Kategat-Skagerrak', mojibake in the description",
    "181334": "Å\\x89 in the description",
    "40437": "region 'Å\\x96stra Mellansverige'",
    "40539": "region 'Småland och Å\\x96arna'",
    "40485": "Å\\x84 in the name",
    "181359": "Å\\x84 in the owner, mojibake in the description",
    # ¿ in descriptions
    "170347": "¿ in the description",
    "161630": "¿ in the description",
    # empty descriptions
    "183506": "empty description",
    "183432": "empty description",
    "182729": "empty description",
    "182692": "empty description, Stockholm",
    # the same project name twice (distinct projects)
    "182595": "'Start-Up Stockholm' (1 of 2), empty description",
    "158576": "'Start-Up Stockholm' (2 of 2)",
    "158462": "'Företagsutveckling i Jönköpings län' (1 of 2)",
    "40502": "'Företagsutveckling i Jönköpings län' (2 of 2), mojibake in the region",
    "176053": "'Felles Fjellrev' (1 of 2)",
    "151552": "'Felles Fjellrev' (2 of 2)",
    "158467": "'Clean Production Center' (1 of 2)",
    "119487": "'Clean Production Center' (2 of 2)",
    # 'Information saknas' in some contact columns only
    "183347": "'Information saknas' in some contact columns",
    "182631": "'Information saknas' in some contact columns, Stockholm",
    # social enterprises and cooperatives (distractors for KC2)
    "183119": "cooperatives",
    "159767": "cooperative innovation",
    "40489": "cooperatives",
    "40487": "young women's cooperative companies",
    "41981": "social economy",
    "39777": "social economy",
    # food (distractors for 'Vi samkör din mat')
    "174719": "local food across the border",
    "170383": "food and technology",
    # more of Stockholm, for counting a region's projects
    "159575": "Stockholm",
    "70527": "Stockholm",
    "40498": "Stockholm",
}

SEED = 2007
RANDOM_ROWS = 25


def records(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The header line and every record of a CSV file as (arende_id, raw text), in file order.

    A record's raw text is the physical lines the csv module read for it, so quoting, embedded
    newlines and mojibake are kept byte for byte."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    physical = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    reader = csv.reader(iter(physical))
    header = next(reader)
    column = header.index("arende_id")
    out: list[tuple[str, str]] = []
    start = reader.line_num
    for row in reader:
        out.append((row[column], "".join(physical[start : reader.line_num])))
        start = reader.line_num
    return physical[0], out


def sample_ids(all_ids: Iterable[str]) -> list[str]:
    """The listed ids plus RANDOM_ROWS others drawn with a fixed seed from the rest."""
    rest = sorted(set(all_ids) - set(LISTED), key=int)
    return [*LISTED, *random.Random(SEED).sample(rest, RANDOM_ROWS)]


def write_sample(source: Path, target: Path) -> list[str]:
    """Write the sample of ``source`` to ``target``; returns the sampled ids in file order."""
    header, rows = records(source)
    wanted = set(sample_ids(case for case, _ in rows))
    missing = wanted - {case for case, _ in rows}
    assert not missing, f"listed rows not in {source.name}: {sorted(missing)}"
    chosen = [(case, raw) for case, raw in rows if case in wanted]
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        for _, raw in chosen:
            handle.write(raw)
    return [case for case, _ in chosen]


def sample_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a written sample, as the csv module reads them (a reference for tests)."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)

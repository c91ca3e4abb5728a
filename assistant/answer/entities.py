"""Places and organisations named in a question, matched to the values the records hold.

A place (municipality, county, region) is a filter, never a project name or a topic; an
organisation is matched loosely (case, legal suffixes such as ``AB``, acronyms, typos) to the
owners the data writes, and every spelling the data uses for it is kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from wordfreq import zipf_frequency

from ..models import Project
from ..routing import NATIONALITY, NameMatcher
from ..text import fold, fold_in_place

PLACE_RELATIONS = ("municipalities", "counties", "region")
_PLACE_WORDS = {
    "municipalities": r"\bkommun(en)?\b|\bmunicipalit(y|ies)\b|\bstad\b|\bcity\b|\btown\b",
    "counties": r"\blän\b|\bcounty\b|\bcounties\b",
    "region": r"\bregion(en)?\b|\bområde(t)?\b|\barea\b|programområde\w*|programregion\w*"
    r"|programme? (area|region)",
}
_SUFFIX = re.compile(
    r"(?:\s+(?:kommun|stad|län|lan|county|municipality|fylke|region)|-program(?:met|mets)?)$"
)
_LEGAL = re.compile(
    r"[\s,]+(?:ab|aktiebolag|\(publ\)|ek\.? ?för\.?|ekonomisk förening|hb|kb"
    r"|f\.?m\.?b\.?a|a/s|aps|i/s|amba|a\.m\.b\.a|as|asa|oy|oyj|ry|gmbh)$"
)
"""Legal forms, Swedish, Danish, Norwegian, Finnish and German: 'Medicon Valley Alliance,
F.M.B.A' is asked as 'Medicon Valley Alliance'."""
ABROAD_OR_ALL = frozenset(
    ["sverige", "sveriges", "sweden", "norden", "europa", "europe", "eu", "världen", "the world"]
)
"""Places no filter narrows to (the whole country, the Nordic countries, Europe)."""
ORG_ACRONYMS: dict[str, str] = {
    "ltu": "luleå tekniska universitet",
    "slu": "sveriges lantbruksuniversitet",
    "kth": "kungliga tekniska högskolan",
    "liu": "linköpings universitet",
    "miun": "mittuniversitetet",
    "umu": "umeå universitet",
    "gu": "göteborgs universitet",
    "kau": "karlstads universitet",
    "lnu": "linnéuniversitetet",
}


@dataclass(frozen=True, kw_only=True)
class Place:
    """A place of the question: the relation it filters and the values as the data writes them."""

    relation: str
    values: tuple[str, ...]
    written: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """An owner named in the question and every spelling of it in the records."""

    values: tuple[str, ...]
    written: str
    start: int
    end: int


def place_key(value: str) -> str:
    """A place value folded without 'kommun'/'län'/'s län' ('Jämtlands län' → 'jämtland'), a
    Danish 'æ' as the records also write it ('Region Sjælland' → 'region sjaelland')."""
    return _SUFFIX.sub("", fold(value)).replace("æ", "ae")


def plain(key: str) -> str:
    """A name as typed without Swedish letters ('hogskolan i gavle', 'jamtland')."""
    return key.translate(_PLAIN)


_PLAIN = str.maketrans("åäöéü", "aaoeu")


class Gazetteer:
    """Every municipality, county and region value of the records, by folded key."""

    def __init__(self, projects: Iterable[Project]) -> None:
        self._values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for p in projects:
            for relation in PLACE_RELATIONS:
                for value in place_values(p, relation):
                    for key in {place_key(value), place_key(value).rstrip("s")}:
                        if key and key not in ABROAD_OR_ALL:
                            self._values[key][relation].add(value)
        self._longest = max((len(k.split()) for k in self._values), default=1)
        self._plain = _plain_keys(self._values)

    def whole(self, text: str) -> Place | None:
        """The place ``text`` names as a whole ('Botnia-Atlantica', 'Jämtlands län'), if any."""
        folded = fold(text)
        found = self.find(folded)
        if found and found.start == 0 and found.end == len(folded.rstrip(" ?.!")):
            return found
        return None

    def find(self, masked: str) -> Place | None:
        """The longest known place in the (folded, name-masked) question; a place the question
        locates in it comes first ('Ulricehamn i Västra Götaland': Ulricehamn)."""
        found = self._longest_place(masked)
        if found is None:
            return None
        before = _LOCATED_IN.search(masked[: found.start])
        if before is None:
            return found
        inner = self._longest_place(before.group(1))
        if inner is None or inner.end != len(before.group(1).rstrip()):
            return found
        at = before.start(1)
        return replace(inner, start=at + inner.start, end=at + inner.end)

    def _longest_place(self, masked: str) -> Place | None:
        for n in range(self._longest, 0, -1):
            for match in _ngrams(masked, n):
                if _NOT_THERE.search(masked[: match.start()]):
                    continue
                if place_key(match.group()) in _EVERYDAY and _AS_A_WORD.search(
                    masked[: match.start()]
                ):
                    continue  # 'ska vara från Norrbotten': a verb, not Vara
                if found := self._lookup(place_key(match.group())):
                    return self._place(masked, match, found)
        return None

    def _lookup(self, key: str) -> dict[str, set[str]] | None:
        """A key as written, or in the records' Swedish spelling ('nord-trøndelag' for 'Nord
        tröndelags fylke')."""
        for form in dict.fromkeys([key, key.replace("ø", "ö").replace("-", " ")]):
            form = _EXONYMS.get(form, self._plain.get(form, form))
            if found := self._values.get(form) or self._values.get(form.removesuffix("s")):
                return found
        return None

    def _place(self, masked: str, match: re.Match[str], found: dict[str, set[str]]) -> Place:
        after = masked[match.end() : match.end() + 20]
        near = masked[max(0, match.start() - 20) : match.end() + 14]
        relation = next(
            (r for r in PLACE_RELATIONS if r in found and re.search(_PLACE_WORDS[r], after)),
            None,
        ) or next(
            (r for r in PLACE_RELATIONS if r in found and re.search(_PLACE_WORDS[r], near)), None
        )
        if relation is None:
            relation = next(r for r in PLACE_RELATIONS if r in found)
        values = tuple(sorted(found[relation]))
        return Place(
            relation=relation,
            values=values,
            written=values[0],
            start=match.start(),
            end=match.end(),
        )


_EXONYMS = {
    place_key(english): place_key(value)
    for english, value in {
        "North Jutland": "Region Nordjylland",
        "Northern Jutland": "Region Nordjylland",
        "Central Denmark Region": "Region Midtjylland",
        "Central Jutland": "Region Midtjylland",
        "Mid Jutland": "Region Midtjylland",
        "Capital Region of Denmark": "Region Hovedstaden",
        "Danish Capital Region": "Region Hovedstaden",
        "Region Zealand": "Region Sjaelland",
        "Zealand": "Region Sjaelland",
        "Ostrobothnia": "Österbotten",
        "South Ostrobothnia": "Södra Österbotten",
        "Southern Ostrobothnia": "Södra Österbotten",
        "Central Ostrobothnia": "Mellersta Österbotten",
        "North Trøndelag": "Nord tröndelags fylke",
        "South Trøndelag": "Sör tröndelags fylke",
        "Scania": "Skåne",
        "Dalecarlia": "Dalarna",
        "Sörmland": "Södermanland",
        "Sormland": "Södermanland",
        "Hälsingland": "Gävleborg",
        "Gothenburg": "Göteborg",
        "Upper Norrland": "Övre Norrland",
        "Middle Norrland": "Mellersta Norrland",
        "Central Norrland": "Mellersta Norrland",
        "North Middle Sweden": "Norra Mellansverige",
        "North Central Sweden": "Norra Mellansverige",
        "East Middle Sweden": "Östra Mellansverige",
        "East Central Sweden": "Östra Mellansverige",
        "West Sweden": "Västsverige",
        "Western Sweden": "Västsverige",
    }.items()
}
"""English names of the records' places ('North Jutland' for Region Nordjylland)."""
_CAPITAL_PLACE = re.compile(
    r"\b(?:i|in|inom|på|from|från|around|kring)\s+((?:[A-ZÅÄÖ][\wåäöéü\-]+)(?:\s+[A-ZÅÄÖ][\wåäöéü\-]+)?)"
)


def unknown_place(text: str) -> str | None:
    """A capitalised name after 'i'/'in' that may be a place the records do not hold."""
    for match in _CAPITAL_PLACE.finditer(text):
        name = match.group(1)
        if fold(name) not in ABROAD_OR_ALL:
            return name
    return None


def glossed_place(text: str) -> str | None:
    """A capitalised name opening the question and glossed as a place ('Pärnu, the Estonian
    resort town – …', 'Molde on the Norwegian west coast'), when the question asks whether any
    project is there."""
    head = _GLOSSED_PLACE.match(text)
    if head is None or not _ANY_THERE.search(text):
        return None
    return head.group(1)


_GLOSSED_PLACE = re.compile(
    r"\s*([A-ZÅÄÖ][\wåäöéüõ\-]+(?:\s+[A-ZÅÄÖ][\wåäöéüõ\-]+)?)(?:,|\s+[–-]|\s+(?:on|in|at|by|up|down"
    r"|i|på|vid|uppe|nere)\b)[^?]{0,60}?\b(?:town|city|resort|port|village|island|coast|border"
    r"|county|region|municipality|stad|staden|ort|orten|kommun|hamnstad|ön|kust|kusten|gränsen"
    r"|län)\b"
)
_ANY_THERE = re.compile(
    r"\b(?:any(?:thing| projects?)?|några projekt|något projekt|nåt projekt|något|nåt)\b"
    r"[^?]{0,40}\b(?:there|here|där|dit|därifrån|härifrån)\b"
)


def place_values(project: Project, relation: str) -> list[str]:
    """A project's values of one place relation (its region, municipalities or counties)."""
    if relation == "region":
        value = project.value("region")
        return [str(value)] if value else []
    lst = project.list(relation)
    return list(lst.values) if lst else []


def lies_in(project: Project, place: Place) -> bool:
    """Whether one of the project's region, counties or municipalities is the place."""
    values = {place_key(v) for v in place.values}
    return any(
        place_key(v) in values for key in PLACE_RELATIONS for v in place_values(project, key)
    )


_LOCATED_IN = re.compile(r"((?:[\w\-]+\s+){1,2}?)(?:i|in)\s+$")
_EVERYDAY = frozenset({"vara", "mark", "berg", "boden", "kinda"})
_AS_A_WORD = re.compile(
    r"\b(?:ska|skall|kan|kunna|måste|att|skulle|bör|vill|får|kommer|inte|ej|kunde|must|to|the"
    r"|en|ett|den|det|sin|sitt|egen|eget|fri|på|of)\s+$"
)
"""Places whose names are everyday words ('vara', 'mark', 'berg'): after a verb or an article
the word ('ska vara från Norrbotten', 'på egen mark'), not the place."""
_NOT_THERE = re.compile(
    r"\b(?:not|inte|ej|utom|except|excluding|exklusive)\s+(?:[\w\-]+\s+){0,2}$", re.I
)
"""A place the question sets aside ('Ostrobothnia itself, not South or Central Ostrobothnia')."""


def _plain_keys(values: dict[str, dict[str, set[str]]]) -> dict[str, str]:
    """Places typed without Swedish letters ('norsjo', 'ostersund'), where that spelling is no
    place of its own nor a word in use ('are' is not Åre)."""
    typed: dict[str, list[str]] = defaultdict(list)
    for key in values:
        bare = plain(key)
        if bare != key and len(bare) >= 5 and bare not in values:
            typed[bare].append(key)
    return {
        bare: keys[0]
        for bare, keys in typed.items()
        if len(keys) == 1 and max(zipf_frequency(bare, "en"), zipf_frequency(bare, "sv")) < 2.5
    }


def _ngrams(text: str, n: int) -> Iterable[re.Match[str]]:
    words = r"[\wåäöéü\-]+"
    pattern = rf"(?<![\w\-])(?={words}(?:\s+{words}){{{n - 1}}}(?![\w\-]))"
    for start in re.finditer(pattern, text):
        m = re.compile(rf"{words}(?:\s+{words}){{{n - 1}}}").match(text, start.start())
        if m:
            yield m


def org_key(value: str) -> str:
    """An owner folded without punctuation and legal suffixes ('IUC Z-GROUP AB' → 'iuc z-group')."""
    key = _LEGAL.sub("", fold(value).strip(" .,"))
    return " ".join(re.sub(r"[^\w\s\-&]", " ", key).split())


_NAME_WORD = re.compile(r"(?<!^)(?<![.?!] )\b[A-ZÅÄÖ][\wåäöÅÄÖ\-]{4,}")
_OPENING_WORD = re.compile(r"[A-ZÅÄÖ][\wåäöÅÄÖ\-]{4,}")
_NATIONAL_HEAD = re.compile(rf"({NATIONALITY})\b")
_PUBLIC = re.compile(r"\b(kommun|kommune|stad|län|landsting|region|regionförbund|fylke)")


class Organisations:
    """Owner values grouped by :func:`org_key`, found in questions by a loose name matcher."""

    def __init__(
        self, projects: Iterable[Project], *, common: frozenset[str] = frozenset()
    ) -> None:
        groups: dict[str, set[str]] = defaultdict(set)
        for p in projects:
            owner = p.value("owner")
            if owner:
                groups[org_key(str(owner))].add(str(owner))
        self._groups = {k: tuple(sorted(v)) for k, v in groups.items() if len(k) >= 3}
        entries = [(k, k) for k in self._groups]
        entries += [(k, a) for k in self._groups for a in _acronyms(k) if a not in common]
        entries += [(k, spoken) for k in self._groups for spoken in _spoken(k)]
        entries += _bare_forms(self._groups, common)
        entries += _leading_words(self._groups, common)
        self._heads = dict((head, key) for key, head in _heads(self._groups, common))
        entries += [(ORG_ACRONYMS[a], a) for a in ORG_ACRONYMS if ORG_ACRONYMS[a] in self._groups]
        entries += [(k, typed) for k, _ in entries if (typed := plain(k)) != k]
        self._matcher = NameMatcher.of_names(entries)
        self._found: dict[str, Organisation | None] = {}

    def find(self, text: str) -> Organisation | None:
        """The organisation a question names, as the data writes it, in Swedish or in English
        ('Luleå University of Technology', 'Boden municipality'); remembered, as every
        candidate sentence of a question asks again."""
        if text not in self._found:
            if len(self._found) >= 256:
                self._found.clear()
            self._found[text] = self._find(text)
        return self._found[text]

    def _find(self, text: str) -> Organisation | None:
        for m in _ENGLISH_NAME.finditer(fold_in_place(text)):
            found = self._named(ENGLISH_ORG_NAMES[m.group()])
            if found is not None:
                return replace(found, start=m.start(), end=m.end())
        for m in _ENGLISH_ORG.finditer(text):
            place = fold(m.group(1) or m.group(4))
            for swedish in _swedish_orgs(m):
                found = self._named(swedish)
                if found is not None and any(place in org_key(v) for v in found.values):
                    return replace(found, start=m.start(), end=m.end())
        return self._named(text)

    def _named(self, text: str) -> Organisation | None:
        mentions = self._matcher.find(text, limit=1)
        if not mentions:
            return None
        m = mentions[0]
        first = _NATIONAL_HEAD.match(fold_in_place(text), m.start)
        if first is not None and not m.project_id.startswith(first.group(1)):
            return None  # 'vilken norsk kommun' is no slip of 'Orsa kommun'
        values = self._groups[m.project_id]
        return Organisation(values=values, written=_most_written(values), start=m.start, end=m.end)

    def by_head(self, text: str) -> Organisation | None:
        """An organisation named by its first word alone, written as a name ('Uminova'), or
        opening the question when that word names a body ('Skärgårdsstiftelsen – …')."""
        opening = _OPENING_WORD.match(text)
        first = [opening] if opening and _NAMES_A_BODY.search(fold(opening.group())) else []
        for m in [*first, *_NAME_WORD.finditer(text)]:
            key = self._heads.get(fold(m.group()).removesuffix("s")) or self._heads.get(
                fold(m.group())
            )
            if key:
                values = self._groups[key]
                return Organisation(
                    values=values, written=_most_written(values), start=m.start(), end=m.end()
                )
        return None

    def values(self, key: str) -> tuple[str, ...]:
        return self._groups.get(key, ())


_PLACE_WORD = (
    r"(?!(?:the|a|an|which|what|this|that|our|their|its|each|every|any|one)\b)([^\W\d_][\w\-]+)"
)
_ENGLISH_ORG = re.compile(
    rf"\b{_PLACE_WORD} (?P<kind>university of technology|university college|university"
    r"|municipality|county administrative board|county council)\b"
    r"|\b(?P<kind2>university of technology|university college|university|municipality"
    rf"|county administrative board|county council) (?:of|in) {_PLACE_WORD}",
    re.IGNORECASE,
)
_SWEDISH_KIND = {
    "university of technology": "{} tekniska universitet",
    "university college": "högskolan i {}",
    "university": "{}' universitet",
    "municipality": "{}' kommun",
    "county administrative board": "länsstyrelsen i {}' län",
    "county council": "landstinget i {}",
}


def _swedish_orgs(m: re.Match[str]) -> list[str]:
    """An organisation named in English as the data may name it in Swedish ('Karlstad
    University' → 'Karlstads universitet', 'University of Gävle' → 'Högskolan i Gävle')."""
    kind = (m.group("kind") or m.group("kind2")).lower()
    place = m.group(1) or m.group(4)
    genitive = place if place[-1].lower() in "aeiouyåäösxz" else place + "s"
    forms = [_SWEDISH_KIND[kind]]
    if kind == "university":
        forms += ["högskolan i {}", "{}' högskola", "högskolan {}"]
    return [f.format(place).replace(place + "'", genitive) for f in forms]


ENGLISH_ORG_NAMES: dict[str, str] = {
    "mid sweden university": "mittuniversitetet",
    "linnaeus university": "linnéuniversitetet",
    "chalmers university of technology": "chalmers tekniska högskola",
    "kth royal institute of technology": "kungliga tekniska högskolan",
    "royal institute of technology": "kungliga tekniska högskolan",
    "swedish university of agricultural sciences": "sveriges lantbruksuniversitet",
    "university of gothenburg": "göteborgs universitet",
    "gothenburg university": "göteborgs universitet",
    "university west": "högskolan väst",
    "blekinge institute of technology": "blekinge tekniska högskola",
    "stockholm school of economics": "handelshögskolan i stockholm",
}
"""English names of Swedish bodies that no rule derives from the Swedish one."""
_ENGLISH_NAME = re.compile(r"\b(?:" + "|".join(sorted(ENGLISH_ORG_NAMES, key=len)[::-1]) + r")\b")


def _heads(groups: dict[str, tuple[str, ...]], common: frozenset[str]) -> list[tuple[str, str]]:
    """An organisation by its first word alone ('Uminova' for Uminova Innovation AB) when no
    other organisation starts with it and it is no common word or public body's place."""
    by_head: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        head, _, rest = key.partition(" ")
        body = not _PUBLIC.search(rest) or _NAMES_A_BODY.search(head)
        if rest and len(head) >= 5 and head not in common and body:
            by_head[head].append(key)
    every_head = {key.split()[0] for key in groups}
    return [
        (keys[0], head)
        for head, keys in by_head.items()
        if len(keys) == 1 and sum(h.startswith(head) for h in every_head) == 1
    ]


_NAMES_A_BODY = re.compile(r"\w(?:stiftelsen|förbundet|föreningen|bolaget|institutet|rådet)$")
"""A first word that is a body's name of its own ('Skärgårdsstiftelsen i Stockholms län'), not a
place ('Strömsunds kommun')."""


def _spoken(key: str) -> list[str]:
    """A county body as people say it: 'regionförbundet i jämtland' for 'Regionförbundet
    Jämtlands län', 'länsstyrelsen i norrbotten' for 'Länsstyrelsen i Norrbottens län'."""
    m = re.fullmatch(r"([\w\-]+) (?:i )?([\w\-]+?)s? län", key)
    if m is None:
        return []
    return [f"{m.group(1)} i {m.group(2)}", f"{m.group(1)} {m.group(2)}"]


_FORM_HEAD = re.compile(r"^(?:ab|oy|kommunalförbundet|stiftelsen|föreningen|the|svenska) ")
_FORM_TAIL = re.compile(
    r" (?:ideell|ideella|ekonomisk|ekonomiska)? ?"
    r"(?:förening|stiftelse|foundation|service|ltd|as|a/s|oy)$"
)


def _leading_words(
    groups: dict[str, tuple[str, ...]], common: frozenset[str]
) -> list[tuple[str, str]]:
    """An owner by its first words ('Santa Anna IT Research' for Santa Anna IT Research
    Institute AB), when no other owner starts with them and they end in no joining word."""
    starts: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        words = key.split()
        for n in range(_LEAD_WORDS, len(words)):
            lead = " ".join(words[:n])
            if words[n - 1] not in _JOINING and not all(w in common for w in words[:n]):
                starts[lead].append(key)
    return [
        (keys[0], lead) for lead, keys in starts.items() if len(keys) == 1 and lead not in groups
    ]


_LEAD_WORDS = 3
_JOINING = frozenset(
    {"i", "och", "för", "av", "på", "med", "till", "of", "and", "for", "in", "the", "-"}
)


def _bare_forms(
    groups: dict[str, tuple[str, ...]], common: frozenset[str]
) -> list[tuple[str, str]]:
    """An owner without its legal form, as people name it ('Akademi Norr' for Kommunalförbundet
    Akademi Norr, 'Georange' for Georange ideella förening), when no other owner has that form
    and it is no common word or place of the texts ('Föreningen Norden' is not 'Norden'); a
    name in two parts by either ('Winnet Västernorrland')."""
    forms: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        for bare in dict.fromkeys(
            [_FORM_TAIL.sub("", _FORM_HEAD.sub("", key)), *_DASHED.split(key)]
        ):
            single = " " not in bare
            if single and (bare in common or bare in ABROAD_OR_ALL):
                continue
            if bare != key and len(bare) >= 5 and bare not in groups:
                forms[bare].append(key)
    return [(keys[0], bare) for bare, keys in forms.items() if len(keys) == 1]


_DASHED = re.compile(r"\s+[-–]\s+")
"""'Nätverk för jämställdhet i Västernorrland - Winnet Västernorrland': either side names it."""


def _acronyms(key: str) -> list[str]:
    """The initials of a name of three words or more, unless it ends in its own short form
    ('Svenstavik Företagarförening SFF' is not 'SFS')."""
    words = [w for w in key.split() if w not in ("i", "och", "för", "av", "på", "of", "and")]
    if len(words) < 3 or (len(words[-1]) <= 5 and words[-1][0] == words[0][0]):
        return []
    return ["".join(w[0] for w in words)]


def _most_written(values: tuple[str, ...]) -> str:
    """The spelling to show: the one not in capitals, else the first."""
    return next((v for v in values if not v.isupper()), values[0])

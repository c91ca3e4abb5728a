"""An English → Swedish lexicon of the domain's words, so that an English question can be
matched word for word against Swedish project text (coverage, counts, topics): hand-written
entries for the key words, over ``en_sv.tsv`` (1,254 words: the content words that occur in at
least 8 records of the corpus, translated into the forms the texts use)."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from ..index import bm25_tokens
from ..routing import ENGLISH_WORDS
from ..text import fold, words

_HAND: dict[str, tuple[str, ...]] = {
    "participant": ("deltagare",),
    "participants": ("deltagare",),
    "people": ("personer", "människor"),
    "persons": ("personer",),
    "person": ("person",),
    "companies": ("företag",),
    "company": ("företag",),
    "firms": ("företag",),
    "businesses": ("företag", "näringsliv"),
    "business": ("företag", "näringsliv"),
    "enterprises": ("företag",),
    "entrepreneurs": ("entreprenörer", "företagare"),
    "jobs": ("jobb", "arbetstillfällen", "anställning"),
    "job": ("jobb", "arbete", "anställning"),
    "employment": ("anställning", "sysselsättning", "arbete"),
    "work": ("arbete", "arbetsmarknaden"),
    "unemployed": ("arbetslösa", "arbetslös"),
    "unemployment": ("arbetslöshet",),
    "women": ("kvinnor",),
    "men": ("män",),
    "young": ("unga",),
    "youth": ("ungdomar", "unga"),
    "immigrants": ("invandrare", "nyanlända", "utrikes"),
    "newcomers": ("nyanlända",),
    "disabilities": ("funktionsnedsättning", "funktionshinder"),
    "disabled": ("funktionsnedsättning", "funktionshinder"),
    "tourism": ("turism", "besöksnäring", "turist"),
    "tourists": ("turister", "besökare"),
    "visitors": ("besökare",),
    "school": ("skola", "skolan"),
    "schools": ("skolor",),
    "vocational": ("yrkes", "yrkesutbildning"),
    "education": ("utbildning",),
    "training": ("utbildning",),
    "courses": ("kurser",),
    "network": ("nätverk",),
    "broadband": ("bredband",),
    "reindeer": ("ren", "rennäring", "renskötsel"),
    "food": ("livsmedel", "mat"),
    "producers": ("producenter",),
    "energy": ("energi",),
    "environment": ("miljö",),
    "environmental": ("miljö",),
    "forest": ("skog",),
    "forestry": ("skog", "skogsbruk"),
    "wood": ("trä",),
    "timber": ("trä", "virke"),
    "innovation": ("innovation", "innovationer"),
    "research": ("forskning",),
    "university": ("universitet", "högskola"),
    "rural": ("landsbygd", "glesbygd"),
    "countryside": ("landsbygd",),
    "sparsely": ("glesbygd",),
    "culture": ("kultur",),
    "cultural": ("kultur",),
    "art": ("konst",),
    "artworks": ("konstverk",),
    "museum": ("museum",),
    "health": ("hälsa",),
    "care": ("vård", "omsorg"),
    "transport": ("transport", "transporter"),
    "road": ("väg",),
    "roads": ("vägar",),
    "railway": ("järnväg",),
    "line": ("linje", "bana"),
    "lines": ("linjer", "bana", "banor"),
    "weekend": ("helg", "helgen"),
    "model": ("modell", "förebild"),
    "chinese": ("kina", "kinesisk", "kinesiska"),
    "harbour": ("hamn",),
    "port": ("hamn",),
    "fishing": ("fiske",),
    "fish": ("fisk",),
    "whitefish": ("sik",),
    "salmon": ("lax",),
    "trout": ("öring",),
    "herring": ("sill", "strömming"),
    "cod": ("torsk",),
    "fry": ("yngel",),
    "stocks": ("bestånd",),
    "football": ("fotboll", "fodbold"),
    "club": ("klubb", "klubbar", "förening"),
    "clubs": ("klubb", "klubbar", "klubbarna", "föreningar"),
    "telescope": ("teleskop",),
    "dredging": ("muddring",),
    "dredge": ("muddra", "muddring"),
    "astronomy": ("astronomi",),
    "observatory": ("observatorium", "observatorie"),
    "water": ("vatten",),
    "sea": ("hav",),
    "boats": ("båtar",),
    "population": ("invånare", "befolkning"),
    "inhabitants": ("invånare",),
    "residents": ("invånare",),
    "municipality": ("kommun",),
    "municipalities": ("kommuner",),
    "county": ("län",),
    "coaching": ("coachning",),
    "integration": ("integration",),
    "salary": ("lön",),
    "salaries": ("lön",),
    "wage": ("lön",),
    "spain": ("spanien",),
    "norway": ("norge",),
    "denmark": ("danmark",),
    "finland": ("finland",),
    "germany": ("tyskland",),
    "latvia": ("lettland",),
    "lithuania": ("litauen",),
    "estonia": ("estland",),
    "poland": ("polen",),
    "russia": ("ryssland",),
    "iceland": ("island",),
    "europe": ("europa",),
    "copenhagen": ("köpenhamn",),
    "gothenburg": ("göteborg",),
    "farm": ("gård", "lantbruk", "jordbruk"),
    "plant": ("anläggning", "verk"),
    "secondary": ("gymnasie", "gymnasium", "videregående"),
    "experience": ("erfarenhet", "erfarenheter", "erfaring"),
    "small": ("små", "mindre", "liten"),
    "electrified": ("elektrifiering", "elektrifierad", "elektrifiera"),
    "electrification": ("elektrifiering",),
    "diesel": ("diesel",),
    "venue": ("arena", "anläggning"),
    "invested": ("investering", "investera", "investerade"),
    "investment": ("investering",),
    "championship": ("mästerskap", "vm"),
    "awarded": ("tilldelning", "tilldelades", "tilldelats"),
    "pick": ("valt", "välja", "valde", "utvald"),
    "picked": ("valt", "valde", "utvald"),
    "chose": ("valt", "valde"),
    "chosen": ("valt", "utvald"),
    "select": ("välja", "valt", "utvald"),
    "selected": ("valt", "valde", "utvald"),
    "berth": ("gästplatser", "båtplatser", "platser"),
    "spectator": ("åskådare", "publik", "besökare"),
    "village": ("by", "byar", "småorter"),
    "stone": ("sten", "natursten"),
    "curling": ("curling",),
    "self-supporting": ("självförsörjande", "egenförsörjning"),
    "share": ("andel",),
    "percent": ("procent",),
    "percentage": ("procent", "andel"),
    "oyster": ("ostron",),
    "oysters": ("ostron",),
    "mussels": ("musslor", "blåmusslor"),
    "algae": ("alger",),
    "seaweed": ("tång", "alger"),
    "farming": ("odling", "lantbruk"),
    "aquaculture": ("vattenbruk", "odling"),
    "horse": ("häst", "häst"),
    "industry": ("industri", "näring", "bransch"),
    "games": ("spel",),
    "game": ("spel",),
    "mobile": ("mobil", "mobiltelefon"),
    "laser": ("laser", "lidar"),
    "charging": ("laddning", "laddinfrastruktur", "laddstolpar", "laddstation"),
    "electric": ("elbil", "elbilar", "elfordon", "elektrisk", "eldriven"),
    "underwater": ("undervatten",),
    "shallow": ("grunda",),
    "welfare": ("välfärd",),
    "couples": ("par",),
    "children": ("barn",),
    "smoking": ("rökning",),
    "alcohol": ("alkohol",),
    "obesity": ("övervikt", "fetma"),
    "circuit": ("kretskort",),
    "boards": ("kort",),
    "metal": ("metall",),
    "architecture": ("arkitektur",),
    "competition": ("tävling",),
    "wellness": ("friskvård", "hälsa"),
    "outdoor": ("friluftsliv", "utomhus"),
    "sport": ("idrott",),
    "shipping": ("sjöfart",),
    "members": ("medlemmar",),
    "member": ("medlem",),
    "call": ("callcenter",),
    "centre": ("center",),
    "center": ("center",),
    "cooperation": ("samarbete",),
    "cooperative": ("kooperativ",),
    "cooperatives": ("kooperativ",),
    "social": ("sociala", "socialt"),
    "enterprise": ("företag",),
    "recruitment": ("rekrytering",),
    "recruited": ("rekrytering", "rekryteras"),
    "sick": ("sjukskrivna", "sjukskrivning"),
    "distribution": ("distribution", "samdistribution"),
    "goods": ("varor", "gods"),
    "logistics": ("logistik",),
    "digital": ("digital", "digitala"),
    "it": ("it",),
    "automation": ("automation",),
    "manufacturing": ("tillverkning", "tillverkningsindustri"),
    "export": ("export",),
    "design": ("design",),
    "film": ("film",),
    "music": ("musik",),
    "sports": ("idrott",),
    "horses": ("häst", "hästar"),
    "agriculture": ("jordbruk", "lantbruk"),
    "farmers": ("lantbrukare", "bönder"),
    "climate": ("klimat",),
    "biogas": ("biogas",),
    "wind": ("vind", "vindkraft"),
    "solar": ("sol", "solenergi"),
    "housing": ("bostäder", "boende"),
    "elderly": ("äldre",),
    "students": ("studenter", "elever"),
    "teachers": ("lärare",),
    "border": ("gränsen", "gränsregion"),
    "cross-border": ("gränsöverskridande",),
    "methods": ("metoder", "metod"),
    "samples": ("prover", "prov"),
    "swedish": ("svensk", "svenska"),
    "norwegian": ("norsk", "norska"),
    "danish": ("dansk", "danska"),
    "finnish": ("finsk", "finska"),
    "german": ("tysk", "tyska"),
    "turkish": ("turkisk", "turkiska", "turk"),
    "polish": ("polsk", "polska"),
    "yugoslav": ("jugoslav", "jugoslavisk"),
    "sami": ("samisk", "samiska", "same"),
    "spanish": ("spansk", "spanska"),
    "english": ("engelsk", "engelska"),
    "arabic": ("arabisk", "arabiska"),
    "european": ("europeisk", "europeiska", "europa"),
    "nordic": ("nordisk", "nordiska", "norden"),
    "scandinavian": ("skandinavisk", "skandinavien"),
    "wireless": ("trådlös", "trådlösa"),
    "backbone": ("ryggrad",),
    "sample": ("prov",),
    "installed": ("installeras", "installera", "placeras"),
    "branch": ("filial",),
    "open": ("öppna", "öppnar"),
    "method": ("metod",),
    "goal": ("mål",),
    "results": ("resultat",),
    "works": ("verk", "konstverk"),
    "city": ("stad", "staden"),
    "town": ("stad", "ort"),
    "brand": ("varumärke",),
    "mountains": ("fjäll", "fjällen"),
    "island": ("ö",),
    "islands": ("öar",),
    "archipelago": ("skärgård",),
    "coast": ("kust",),
    "lake": ("sjö",),
    "river": ("älv",),
    "hospital": ("sjukhus",),
    "medical": ("medicinsk", "medicinteknik"),
    "sustainability": ("hållbar", "hållbarhet"),
    "sustainable": ("hållbar",),
    "strategy": ("strategi",),
    "initiative": ("initiativ",),
    "airport": ("flygplats", "flygplatsen"),
    "flights": ("flyg", "flygningar"),
    "mining": ("gruv", "gruvbranschen", "gruvnäring"),
    "mine": ("gruva",),
    "cluster": ("kluster",),
    "skiing": ("skid", "skidåkning", "längdskidåkning", "alpin", "skidanläggning"),
    "ski": ("skid", "skidanläggning"),
    "fibre": ("fiber", "fibernät"),
    "fiber": ("fiber", "fibernät"),
    "networks": ("nät", "nätverk"),
    "freight": ("gods", "godstrafik", "frakt"),
    "heat": ("värme", "spillvärme", "fjärrvärme"),
    "nuclear": ("kärnkraft", "kärnkraftverk", "kärnkraftsverk"),
    "grading": ("avsyning", "sortering", "klassning"),
    "joinery": ("snickeri", "snickerier", "trämanufaktur"),
    "furniture": ("möbler", "möbel", "möbelindustri"),
    "axle": ("axeltryck", "axellast"),
    "dropout": ("avhopp", "studieavbrott", "frafald"),
    "dropouts": ("avhopp", "studieavbrott", "frafald"),
    "drop-out": ("avhopp", "studieavbrott", "frafald"),
    "upper-secondary": ("gymnasie", "gymnasiet", "gymnasieskola"),
    "exchanges": ("telestationer", "telestation", "stationer"),
    "existed": ("verkat", "funnits", "existerat", "bildades"),
    "exist": ("verka", "finnas", "existera"),
    "founded": ("grundades", "bildades", "startades"),
    "cargo": ("gods", "last"),
    "loaded": ("lastas", "lastades", "omlastning"),
    "telephone": ("tele", "telestation", "telefoni"),
    "subcontractors": ("underleverantörer", "underleverantörsföretag"),
    "forecasts": ("prognoser", "kalkyler"),
    "spin-off": ("avknoppning", "avknoppningsprojekt", "avknoppningar"),
    "spin-offs": ("avknoppning", "avknoppningsprojekt", "avknoppningar"),
    "terminal": ("terminal", "kombiterminal"),
    "rail": ("järnväg", "spår"),
    "track": ("spår",),
    "train": ("tåg",),
    "trains": ("tåg",),
    "bus": ("buss", "busslinje"),
    "square": ("torg",),
    "dementia": ("demens",),
    "staff": ("personal",),
    "earlier": ("tidigare", "föregående"),
    "previous": ("tidigare", "föregående"),
    "former": ("tidigare", "före"),
    "facility": ("anläggning", "anläggningen"),
    "facilities": ("anläggningar",),
    "foreign": ("utländsk", "utländska", "utlandet", "utomlands"),
    "continues": ("fortsätter", "vidare"),
    "builds": ("bygger", "vidare"),
    "cars": ("bilar", "elbilar", "fordon"),
    "operational": ("drift",),
    "employees": ("anställda", "medarbetare"),
    "counsellors": ("vägledare", "rådgivare"),
    "advisers": ("rådgivare",),
    "advisors": ("rådgivare",),
    "developers": ("utvecklare",),
    "vouchers": ("check", "checkar"),
    "expertise": ("kompetens",),
    "competence": ("kompetens",),
    "skills": ("kompetens",),
    "rescue": ("räddning",),
    "exercise": ("övning",),
    "garden": ("trädgård",),
    "playground": ("lekområde", "lekplats"),
    "meeting": ("mötesplats", "möte"),
    "museums": ("museer",),
    "memory": ("minne", "minnesträning"),
    "heritage": ("kulturarv",),
    "hunting": ("jakt",),
    "visitor": ("besökare",),
    "destination": ("destination", "destinationsutveckling"),
    "marketing": ("marknadsföring",),
    "market": ("marknad",),
    "analysis": ("analys",),
    "feasibility": ("förstudie",),
    "pre-study": ("förstudie",),
    "prestudy": ("förstudie",),
    "study": ("studie", "förstudie"),
    "pilot": ("pilot", "förstudie"),
    "incubator": ("inkubator",),
    "startups": ("nyföretagande", "start"),
    "startup": ("nyföretagande",),
    "entrepreneurship": ("entreprenörskap", "företagande"),
    "collaboration": ("samarbete", "samverkan"),
    "region": ("region",),
    "regional": ("regional", "regionala"),
    "national": ("nationell", "nationella"),
    "speed": ("hastighet", "kapacitet"),
    "internet": ("internet", "bredband"),
    "rally": ("rally",),
    "events": ("evenemang", "arrangemang"),
    "event": ("evenemang",),
    "year": ("år",),
    "measurement": ("mätning",),
    "needs": ("behov",),
    "tunnel": ("tunnel",),
    "shunting": ("växling",),
    "impact": ("nedslag",),
    "meteorite": ("meteorit",),
    "geothermal": ("geoenergi", "bergvärme"),
    "called": ("hette", "heter", "kallas", "kallades", "namn"),
    "renamed": ("hette", "namn", "bytt namn"),
    "name": ("namn", "hette", "heter"),
    "book": ("bok", "boken", "böcker"),
    "origin": ("upphov", "upphovet", "ursprung", "bakgrund"),
    "slogan": ("devis", "slogan", "motto"),
    "excluded": ("exklusive", "undantag", "undantagen", "utom"),
    "exempted": ("exklusive", "undantag", "undantagen", "utom"),
    "metre": ("meter",),
    "meter": ("meter",),
    "kilometre": ("kilometer", "km"),
    "kilometer": ("kilometer", "km"),
    "tonnes": ("ton",),
    "tonne": ("ton",),
    "tons": ("ton",),
    "crane": ("kran", "kranen", "hamnkran"),
    "hectares": ("hektar", "ha"),
    "hectare": ("hektar", "ha"),
}


def _corpus_words() -> dict[str, tuple[str, ...]]:
    lines = resources.files(__package__).joinpath("en_sv.tsv").read_text("utf-8").splitlines()
    return {en: tuple(sv.split(",")) for en, sv in (line.split("\t") for line in lines if line)}


EN_SV: dict[str, tuple[str, ...]] = {**_corpus_words(), **_HAND}
_HAND_FORMS = frozenset(_HAND.values())
"""The hand-written entries win where both have a word: they were chosen for the questions."""


SLIPS = 1
ENGLISH_STOP = frozenset(
    """from with into onto about that this these those there their they them have has had
    were been being will would could should which what when where while also only just than
    then more most some such other others including include includes within without over under
    upon across after before between through during very many much make made does doing done
    want wants wanted like""".split()  # noqa: SIM905
)


def translate(word: str, *, key_words: bool = False) -> tuple[str, ...]:
    """The Swedish for an English word, also in its plural ('universities', 'networks') or
    typed with a slip ('memebers'); with ``key_words``, only the hand-written entries'."""
    found = _translated(word)
    return found if not key_words or found in _HAND_FORMS else ()


def _translated(word: str) -> tuple[str, ...]:
    forms = (word, word.removesuffix("s"), word.removesuffix("es"), word[:-3] + "y")
    for form in forms:
        if form in EN_SV:
            return EN_SV[form]
    slip = _misspelt(word) or (_misspelt(forms[1]) if forms[1] != word else None)
    return EN_SV.get(slip or "", ())


@lru_cache(maxsize=4096)
def _misspelt(word: str) -> str | None:
    """The lexicon word that ``word`` is a typing slip of: one letter added, dropped, changed or
    swapped in a word of six letters or more ('electric' is two letters from 'electronic': a
    different word; so is 'astronomy' from 'gastronomy': slips rarely change the first letter),
    and not itself an English word the lexicon leaves alone."""
    if len(word) < 6 or word in ENGLISH_STOP or word in ENGLISH_WORDS or english_word(word):
        return None
    found = process.extractOne(
        word,
        [k for k in EN_SV if k[:1] == word[:1]],
        scorer=DamerauLevenshtein.distance,
        score_cutoff=SLIPS,
    )
    return found[0] if found else None


def swedish_terms(text: str, *, key_words: bool = False) -> list[str]:
    """The stems of the Swedish translations of the English domain words in ``text``."""
    found = [sv for w in words(text) for sv in translate(w, key_words=key_words)]
    return bm25_tokens(" ".join(found)) if found else []


SV_SYNONYMS: dict[str, tuple[str, ...]] = {
    "deltagare": ("personer", "individer", "människor", "deltagare"),
    "personer": ("personer", "deltagare", "individer", "människor"),
    "företag": ("företag", "bolag", "företagare"),
    "bolag": ("bolag", "företag"),
    "deltar": ("deltar", "deltagare", "personer"),
    "jobb": ("jobb", "arbetstillfällen", "arbeten", "anställningar"),
    "arbetstillfällen": ("arbetstillfällen", "jobb", "arbeten", "anställningar"),
    "besökare": ("besökare", "gäster", "turister"),
    "möten": ("möten", "träffar", "sammankomster", "mötestillfällen"),
    "träffar": ("träffar", "möten", "sammankomster", "mötestillfällen"),
}


def _head_synonyms(noun: str) -> tuple[str, ...]:
    """The synonyms of a compound's head word ('livsmedelsbolag' → 'företag', 'bolag'): a text
    counting '16 företag inom livsmedelsindustrin' counts the compound's thing."""
    return next(
        (
            v
            for v in SV_SYNONYMS.values()
            for h in v
            if len(noun) - len(h) >= 3 and noun.endswith(h)
        ),
        (),
    )


PEOPLE = frozenset(
    bm25_tokens(
        "lärare pedagoger elever studenter anställda medarbetare rådgivare vägledare handledare"
        " utvecklare coacher ungdomar chefer ledare företagare entreprenörer"
    )
)
"""Groups of people a text may count as 'personer' ('140 personer' for 'how many teachers,
counsellors and developers')."""


def counted_terms(noun: str) -> set[str]:
    """The stems a sentence may use for a counted Swedish noun ('deltagare' → 'personer',
    'lärare' → 'personer', 'livsmedelsbolag' → 'företag'; 'people': any group of people)."""
    stem = bm25_tokens(noun)
    alternatives = next((v for k, v in SV_SYNONYMS.items() if bm25_tokens(k) == stem), ())
    if not alternatives:
        alternatives = (noun, *_head_synonyms(noun))
    if set(stem) & PEOPLE:
        alternatives = (*alternatives, "personer")
    found = set(bm25_tokens(" ".join(alternatives)))
    return found | _ANY_PEOPLE if set(stem) & _PERSONS else found


_PERSONS = frozenset(bm25_tokens("personer människor"))
_ANY_PEOPLE = frozenset(
    bm25_tokens(
        "patienter invånare besökare boende kvinnor män barn elever studenter anställda ungdomar"
        " deltagare lärare"
    )
)
"""'How many people …' is answered by a count of any group of people ('90 000 ofta unga
patienter')."""
GROUPS = (
    PEOPLE
    | _ANY_PEOPLE
    | _PERSONS
    | frozenset(bm25_tokens("företag småföretag äldre unga nyanlända arbetslösa föräldrar"))
)
"""Stems of the groups a project may be for (its target group)."""


def names_group(stems: Collection[str]) -> bool:
    """Whether a sentence's stems name a group of people or firms ('skolelever', 'SMF-företag')."""
    return any(s in GROUPS or any(len(g) >= 4 and s.endswith(g) for g in GROUPS) for s in stems)


def concepts(
    text: str, *, lang: str, untranslated: bool = True, key_words: bool = False
) -> list[frozenset[str]]:
    """What a matching Swedish sentence should mention, one set of alternative stems per
    concept: each Swedish word; in English each domain word's translations (``key_words``: of
    the hand-written entries only), names, numbers and (with ``untranslated``) the English words
    themselves, which names and English texts use."""
    if lang != "en":
        return [frozenset([stem]) for stem in dict.fromkeys(bm25_tokens(text))]

    def sv(word: str) -> tuple[str, ...]:
        return translate(word, key_words=key_words)

    found = [frozenset([*bm25_tokens(" ".join(f)), *f]) for w in words(text) if (f := sv(w))]
    neutral = bm25_tokens(" ".join(n for n in _NEUTRAL.findall(text) if not sv(fold(n))))
    own = [w for w in words(text) if untranslated and not sv(w) and w not in ENGLISH_STOP]
    kept = [frozenset([s]) for s in [*neutral, *bm25_tokens(" ".join(own))]]
    return list(dict.fromkeys([*(c for c in found if c), *kept]))


def wanted_terms(text: str, *, lang: str, key_words: bool = False) -> set[str]:
    """The stems a matching Swedish sentence should share with the question: its own words in
    Swedish; in English the translations of its domain words, its names and its numbers."""
    if lang != "en":
        return set(bm25_tokens(text))
    neutral = " ".join(_NEUTRAL.findall(text))
    return set(swedish_terms(text, key_words=key_words)) | set(bm25_tokens(neutral))


_NEUTRAL = re.compile(r"(?<!^)(?<![.?!]\s)\b(?:[A-ZÅÄÖ][\wåäö\-]+|\d[\d\s]*\d|\d)")


def mentions(concept: frozenset[str], stems: set[str], text: str, *, heads: bool = False) -> bool:
    """A concept in a text (folded) as a word, or (4 letters or more) inside a compound, also
    one written with a hyphen ('VINNOVA-projektet' for 'Vinnovaprojekt'); with
    ``heads``, a compound of the question also by its head word in the text
    ('produktionslinjer' → 'linjer'): looser, as a compound narrows its head, so it is for
    choosing a sentence within a project, not for choosing a project."""
    joined = text.replace("-", "") if "-" in text else text
    return any(
        s in stems
        or (len(s) >= 4 and (s in text or _bare(s) in text or s in joined))
        or (heads and _head_in(s, stems))
        for s in concept
    )


def _bare(stem: str) -> str:
    """A Swedish stem without the definite ending the stemmer sometimes leaves on
    ('huvudprojektet' → 'huvudprojekt')."""
    bare = _DEFINITE.sub("", stem)
    return bare if len(bare) >= 6 else stem


_DEFINITE = re.compile(r"(?:erna|arna|orna|et|en)$")


def _head_in(stem: str, stems: set[str]) -> bool:
    return len(stem) >= 9 and any(
        len(h) >= 4 and len(stem) - len(h) >= 4 and stem.endswith(h) and h not in _BROAD_HEADS
        for h in stems
    )


_BROAD_HEADS = frozenset(
    bm25_tokens(
        "projekt projektet arbete verksamhet utveckling insatser område området satsning"
        " åtgärder frågor delen delar"
    )
)


@lru_cache(maxsize=4096)
def english_word(word: str) -> bool:
    """An everyday English word ('Norwegian', 'Travellers'), more used in English than in
    Swedish (wordfreq's Zipf scale: 3 is about once per million words): written with a capital
    in a question it is not a name the Swedish text must hold ('Megaphone', 'Malaga' and
    'Volvo' are)."""
    english = zipf_frequency(word, "en")
    return english >= 3.0 and english > zipf_frequency(word, "sv") + 0.3


def demonym(word: str) -> bool:
    """A people's or country's adjective ('Norwegian', 'Danish', 'Nordic', 'European'): it
    describes what is asked about, the answer need not repeat it."""
    if any(sv.endswith(("sk", "ska")) for sv in translate(word)):
        return True
    return bool(_DEMONYM.search(word)) and english_word(word)


_DEMONYM = re.compile(r"(?:ian|ish|ese|ean)$")

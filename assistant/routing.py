"""Reading a question: its language, the projects it names, and what kind of answer it wants."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from .models import Project
from .records import ALIASES, expand_aliases
from .text import fold, fold_in_place

# ---------------------------------------------------------------- language

_SV = frozenset(
    [
        "och",
        "är",
        "vad",
        "vem",
        "vilka",
        "vilket",
        "vilken",
        "hur",
        "mycket",
        "många",
        "för",
        "som",
        "det",
        "projektet",
        "fick",
        "har",
        "till",
        "med",
        "om",
        "finns",
        "när",
        "var",
        "ska",
        "kan",
        "på",
        "av",
        "inte",
        "den",
        "de",
        "detta",
        "vilken",
        "berätta",
        "jämför",
        "mellan",
        "alla",
        "totalt",
        "hos",
        "vart",
        "varför",
        "projekt",
        "sig",
        "eller",
        "också",
    ]
)
_EN = frozenset(
    [
        "the",
        "what",
        "who",
        "which",
        "how",
        "much",
        "many",
        "is",
        "are",
        "does",
        "did",
        "of",
        "for",
        "and",
        "project",
        "projects",
        "get",
        "got",
        "when",
        "where",
        "to",
        "with",
        "about",
        "tell",
        "me",
        "in",
        "on",
        "has",
        "have",
        "was",
        "were",
        "its",
        "their",
        "this",
        "that",
        "between",
        "all",
        "total",
        "why",
        "please",
        "show",
        "list",
        "compare",
        "whose",
        "any",
    ]
)


def detect_language(text: str, *, default: str = "sv") -> str:
    """'sv' or 'en' by function words; ties keep ``default`` (the conversation's language)."""
    tokens = re.findall(r"[a-zåäöéü]+", text.lower())
    sv = sum(t in _SV for t in tokens) + 0.5 * len(re.findall(r"[åäö]", text.lower()))
    en = sum(t in _EN for t in tokens)
    if en > sv:
        return "en"
    if sv > en:
        return "sv"
    return default


# ---------------------------------------------------------------- intents

NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "danish": ("dansk", "danska"),
    "norwegian": ("norsk", "norska"),
    "finnish": ("finsk", "finska"),
    "german": ("tysk", "tyska"),
    "chinese": ("kinesisk", "kinesiska"),
    "latvian": ("lettisk", "lettiska"),
}
"""Other countries' adjectives in English and Swedish: 'the Norwegian side', 'norska kronor'
speak of the other side of a border, not of the project's own region, owner or amounts."""
NATIONALITY = "|".join(w for en, sv in NEIGHBOURS.items() for w in (en, *sv))
NORDIC = "|".join(w for en in ("danish", "norwegian", "finnish") for w in (en, *NEIGHBOURS[en]))
"""The neighbours whose regions and fylken the records list among a project's counties."""
_FOREIGN = "".join(rf"(?<!{w} )" for w in NATIONALITY.split("|"))
_NOT_ONES = r"(?<!\btheir )(?<!\bits )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!\bmy )(?<!\byour )"
"""'Their own laser applications' is no owner asked for."""

FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "email",
        r"e-?post|mejl|\be-?mail|\bmail\b|epost|\bemial\b"
        r"|(?:hur når (?:man|jag|vi) (?:henne|honom|hen|dem)\b"
        r"|how (?:do|can|could) (?:i|we|you) reach|(?<!number to )\breach (?:him|her|them)\b)"
        r"(?!(?:\s+\w+){0,3}\s+(?:by|on the|per|på|via) (?:tele)?(?:phone|telefon))"
        r"|\b(?:could|can) write to\b|\bkan (?:skriva|mejla) till\b",
    ),
    (
        "phone",
        r"(?<!mobil)telefon(?!spel|app)|(?<!mobile )(?<!smart)\bphone\b(?! games?\b| apps?\b)"
        r"|(?<!vem ska jag )(?<!vem kan jag )(?<!vem ska man )ringa\b|\bringer\b|\bring\b"
        r"|\bcall them\b|vilket nummer|\bnumret\b|\bnumber to (?:reach|call|ring)\b"
        r"|\b(?:what|which) number\b.{0,20}\bcall\b|\bcall (?:about|regarding)\b",
    ),
    (
        "budget_sek",
        r"budget|total cost|totalkostnad|omslutning|kosta(r|de)? (projektet|det)\b"
        r"|(project|it) cost\b|vad kostar\s*\W*$",
    ),
    (
        "public_funding_sek",
        r"offentlig(a)? finansiering|public funding|offentlig(a)? finansiär|public (money|financ)"
        r"|public co-?fund\w*|public co-?financ\w*|offentlig(a)? medfinansiering",
    ),
    (
        "program",
        r"\bprogramområde|(?<!-)\bprogram(?:me|met)?\b(?! ?students?)|-program(?:me)?\b"
        r"|program ?area|målprogram",
    ),
    ("priority", r"insatsområde|priority"),
    ("grant_eur", r"\beuros?\b|\beur\b|€"),
    (
        "owner",
        r"\b(who|what company|which company|which organi[sz]ation) (received|got|was given)\b"
        r"(?! (?:the|an?) (?!(?:[\w\-]+ )?(?:grant|money|funding|support|most|more|biggest"
        r"|largest)\b)[\w\-]+)"
        r"|\b(vem|vilket företag|vilken organisation) (fick|tog emot|sökte|ansökte om)\b"
        r"(?! (?:\w+ )?\w*(?:utmärkelse|pris|priset|award|prize|professur|tjänst|uppdrag)\w*)"
        r"|\bwho applied\b|\b(?:grant |funding )?recipients?\b",
    ),
    (
        "grant_sek",
        r"esf-?stöd|\beu-?stöd|beviljat|beviljades|bidrag|\bgrant(?! holder| recipient)|funding"
        r"|belopp|\bthe amount\b|\bamount\b(?! of)|\beu (?:support|grant|funds|money)\b"
        r"|how much (money|support)"
        r"|hur (mycket|mkt) ([\w\-]*pengar|stöd|fick)|how much did|esf support"
        r"|how much .{0,20}(support|money)"
        r"|^\W*(how much|hur (mycket|mkt)|how big|hur stort)\W*$|how much (was|is) it\b"
        r"|hur (mycket|stort|stor) (var|är|blev) (det|den|stödet|bidraget)\b"
        r"|\bstöd\b.*\bfick|\bfick\b.*\bstöd|received|awarded|\bfunds?\b"
        r"|vad fick (de|det|dom|projektet)|what did (they|it|the project) (get|receive)\b"
        r"|what (was|were) (it|they) granted|hur (mycket|mkt) (rörde|handlade|gällde) det (sig )?om"
        r"|vad beviljades|skillnad\w* i (?:stöd|bidrag)|difference in (?:grant|funding|support)",
    ),
    (
        "contact",
        r"kontaktperson|kontakta(?!s|des|ts)|\bkontakt\b|\bcontact(?!ed\b)|projektledare"
        r"|project (manager|leader)|\b(?:vem|who)\b.{0,20}\b(?:kontaktas|contacted)\b"
        r"|(?:vem|vilka) (leder|ledde|har lett)|who (leads|led|manages|managed|heads|headed)"
        r"|who(?:'s| is| was) (?:leading|managing|heading)|\bwho\b.{0,20}\bin charge\b"
        r"|\bperson in charge\b|ansvarig|höll i\b|\bwho (?:was|is) running\b|\bperson running\b"
        r"|\bnamed person\b|\bnamngiven person\b"
        r"|\bleader\b|\bproject lead\b|\blead(?= and|,|\?| ?$)"
        r"|vem (?:ska|kan|bör) (?:jag|man|vi) (?:ringa|kontakta)",
    ),
    (
        "cofinanciers",
        r"medfinansi|co-?financ|cofinanc|finansiär|finansier(ar|ade|at)"
        r"|who (else )?(finances|financed|paid|pays|contribut\w*)|bidrog med pengar|betalade",
    ),
    (
        "partners",
        r"samarbetspartner|partners?\b|samarbet\w* (man |de |dom |projektet )?med"
        r"|collaborat\w* with|together with|tillsammans med"
        r"|(who|which \w+) (do|does|did) (they|it) work with",
    ),
    (
        "owner",
        r"projektäg(?:a)?re|\bägare|\bäger\b|\bowner|\bowned|stödmott?agare|beneficiary"
        rf"|{_NOT_ONES}\bowns?\b|vem driver|who runs|run by|driver projektet|huvudman"
        r"|organi[sz]ation (bakom|behind)"
        r"|(står|stod|stått) bakom|(who|which \w+)('s| is| was| are)? behind"
        r"|(?:vem|vilka|vilken \w+|vilket \w+) (?:låg|ligger|har legat) bakom"
        r"|administ\w*|förvaltade"
        r"|(vilket|vilken|which) (\w+ ){1,2}(drev|drove|ran)\b|grant (holder|recipient)"
        r"|recipient of the grant|who (got|received|was given) the (grant|money|funding)"
        r"|\b(?:money|grant|funding) went to\b|\bpengarna gick till\b"
        r"|ansvara(r|de) för projektet|\bägde\b|\bägs\b|vem (drev|har drivit)|who ran|whose project"
        r"|vems projekt|(har|hade) hand om|in charge of"
        r"|\bowning (?:university|company|organi[sz]ation|municipality|body)\b"
        r"|(?:^|[:\-–—]\s)\W*(?:which|what|vilket|vilken)"
        r" (?:university|universitet|högskola|university college|college)\W*$"
        r"|vem (?:gjorde|genomförde|utförde) (?:den|det|förstudien|projektet|studien)\b"
        r"|who (?:did|carried out|conducted|performed) (?:it|the (?:pre-?study|study|project))\b",
    ),
    (
        "municipalities",
        r"(vilka|which|what|hur många|how many|list\w*) (kommun|municipalit)"
        r"|kommuner(na)? (omfatta(r|de)|ingår|ingick|berörs|berördes)"
        r"|municipalities (are|does|do|were)|\b(its|their) municipalities\b"
        r"|municipalities (it|they|the project) (lists?|covers?|names?|includes?|spans?)\b",
    ),
    (
        "counties",
        r"(vilka|vilket|which|what|hur många|how many|i vilka|i vilket|in which) ([\wåäö]+ )?"
        rf"(län\b|count(?!r))|\b({NORDIC})"
        r" (regions?|regioner|regionen|fylke|fylken|county|counties|landskap)\b",
    ),
    ("phase", r"projektfas|\bfas\b(?!\s+(?:\d|[iv]+\b))|\bphase(?!\s+(?:\d|[iv]+\b))"),
    (
        "status",
        r"\bstatus|(?<!vilket )(?<!ett )avslutat|(?<!vilket )pågående|(?<!which )(?<!what )ongoing"
        r"|(?<!which )(?<!a )(?<!the )finished",
    ),
    ("case_id", r"ärende|diarienummer|case (id|number)"),
    (
        "region",
        rf"{_FOREIGN}\bregion(en|s)?\b|vilken del av sverige|which part of sweden|\bvar ligger"
        r"|\bwhere is",
    ),
    (
        "period",
        r"projektperiod|\bperiod\b|startdatum|slutdatum|start date|end date|hur länge"
        r"|how long(?! (?:is|was|are|were|will) (?:the|a|an|their|its|that|this) (?!project))"
        r"(?! (?:would|will|should) (?:it|they) be\b)"
        r"|vilka år|which years|(när|when)\b.*\b(pågick|pågår|startade|började|slutade|avslutades"
        r"|avslutas|genomfördes|drevs|run|ran|runs|start|started|begin|began|end|ended|finish\w*"
        r"|active|slutar|startar|börjar|upphör|over|klart|klar|stop\w*|wrap\w*|close\w*|conclude\w*"
        r"|igång|inleddes|påbörjades|tog slut|launch\w*|kick\w* off|got going|commenc\w*)\b"
        r"|(när|when)\b.*\btog\b.{0,20}\bslut\b"
        r"|\bpågick\b|\b(?:what|which|vilka|mellan vilka) (?:dates|datum)\b"
        r"|\b(?:date|day) (?:it|the project) (?:wrapped|ended|finished|closed|stopped)\b"
        r"|\b(?:what|which|on what) (?:date|day)\b"
        r".*\b(?:clos|end|finish|start|begin|wrap|conclud)\w*"
        r"|\bstart and (?:finish|end) dates?\b|\bvilket (?:datum|slutdatum|startdatum)\b",
    ),
)

SECTION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("accessibility", r"tillgänglig|funktionsned|funktionshind|accessib|disabilit|wheelchair"),
    ("gender", r"jämställd|\bgender|equality|\bkön\b"),
    (
        "transnational",
        r"transnation|internation|utomlands|abroad|other countries|andra länder|europ|spain"
        r"|spanien|utländsk|foreign|\bländer|\bcountries",
    ),
    (
        "background",
        r"bakgrund|background|varför (startade|startades|behövs)|why (was|is) .* (started|needed)"
        r"|tidigare|earlier|previous|bygger på|build on|builds on|based on",
    ),
    ("purpose", r"syfte|syftar|purpose|\baims?\b|varför finns|why does"),
    (
        "goals",
        r"\bmål\b(?! ?\d)|målet|målen|målsättning|\bgoals?\b|objective|\btargets?\b|achieve|uppnå"
        r"|share of|andel|percent|procent|results?\b|resultat",
    ),
    (
        "summary",
        r"sammanfatt|summary|handlar om|\babout\b(?! (?:how|\d|one|two|three|four|five|ten|half)\b)"
        r"|beskriv|describe|overview|berätta om|tell me"
        r"|vad gör|what does .* do|\b(?:går|gick|gått)\b.{0,80}\but på\b"
        r"|^\W*(?:what(?:'s| is| was| were| are)|vad (?:är|var|innebär|innebar))\W*$",
    ),
)

AGGREGATE = re.compile(
    r"vilka projekt|which projects|what projects|hur många projekt|how many projects"
    r"|antal projekt|number of projects|lista (alla )?projekt|list (all )?(the )?projects"
    r"|alla projekt|all projects|vilket projekt|which project\b|what project\b"
    r"|totalt|sammanlagt|\bin total\b|\btotal (grant|amount|funding|esf)|\bsum\b|summan"
    r"|jämför|\bcompare|skillnad|difference|\bversus\b|\bvs\.?\b"
    r"|finns det (några |nåt |något )?projekt|are there (any )?projects|\bany projects\b"
    r"|\bprojekt(en)? (i|inom|på)\b|\bprojects (in|within|based in|located in)\b"
    r"|altogether|sammantaget|\bvad (?:har|hade) (?:[\w\-]+ ){1,4}?för (?:slags )?projekt\b"
    r"|\b(?:count|tally) of projects\b|\bevery project\b|\bhow many (?:records|entries)\b"
    r"|\bhur många (?:poster|rader)\b|\bany project (?:with|where|in)\b"
    r"|\b(?:owned|run|led|had|ägt|drivit|haft) (?:any|some|något|några) (?:projekt|project)"
    r"|\b(?:own|owns|owned|äger|ägde|ägt) (?:anything|something|några|något|nåt)\b"
    r"|\bwhat (?:has|have|did) (?:[\w\-]+ ){1,4}?(?:owned|own|run)\b"
    r"|\bvad (?:har|hade) (?:[\w\-]+ ){1,4}?(?:ägt|drivit|fått (?:stöd|pengar|bidrag) (?:för|till))"
    r"|\bvilken summa\b|\bproject (?:total|tally|count)\b"
    r"|\bhow many project (?:records|entries|lists)\b|\bhur ofta\b.{0,40}\b(?:projekt|kommunlist)"
    r"|\b(?:hur många|how many) (?:[\w\-]+ ){1,2}?(?:projekt|projects)\b"
    r"|\bnågot projekt (?:med|där) \w+ (?:\w+ )?(?:deltar|deltog|var med|är med)\b"
    r"|\bcomes? to (?:together|in all)\b|\ball (?:of )?(?:its|their) projects\b"
)
_AT_LEAST = (
    r"(?! (?:\d|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four|five|ten)\b)"
)
SUPERLATIVE_MAX = re.compile(
    rf"störst|största|högst{_AT_LEAST}|mest\b|largest|biggest|highest|\bmost\b{_AT_LEAST}"
)
SUPERLATIVE_MIN = re.compile(rf"minst{_AT_LEAST}|minsta|lägst|smallest|lowest|\bleast\b{_AT_LEAST}")
TOTAL = re.compile(
    r"totalt|sammanlagt|\bin total\b|\btotal\b|\bsum\b|summan|tillsammans(?! med)|altogether"
    r"|\bcombined (grant|funding|amount|total|budget|sum)|\ball combined\b|\bcombined\W*$"
    r"|sammantaget|\ball together\b|\bi summa\b|sammanlagd\w*|\badd(ed)? (\w+ )?(up|together)\b"
    r"|summera|lägg(a)? ihop|räkna ihop|\bsummed\b|\bvilken summa\b"
    r"|\bcomes? to (?:together|in all)\b"
)
COUNT = re.compile(
    r"hur många|how many|antal|number of|\btally\b|\bcounted in projects\b|\bi antal projekt\b"
    r"|\bcount of\b|\bhow often\b"
)
_GOT_MORE = (
    r"\b(?:fick|fått|got|received?|gets?|beviljades|granted)\b(?:\s+[\wåäö]+)?\s+"
    r"(?:mest|mer|more|most|less|least|minst|mindre|störst|larger|bigger)\b"
)
GOT_MORE = re.compile(_GOT_MORE)
"""'Which got more' asks for the grants, also beside another asked fact ('… och vem äger dem')."""
COMPARE = re.compile(
    _GOT_MORE
    + r"|jämför|\bcompare|skillnad|difference|\bversus\b|\bvs\.?\b|skiljer|\bdiffer|distinguish"
    r"|gemensamt|\bin common\b|likhet|liknar|similar|relat|kopplade|koppling|connected|connection"
    r"|hänger ihop|förhåller sig|\bshare\b|\bdela[rd]?\b|\bboth\b|\bbåda\b|\bwhich of\b"
    r"|vilket av|vilken av|\bmore than\b|\bmer än\b|\bstörre\b|\blarger\b|\bbigger\b|\blonger\b"
    r"|\blängre\b|\bmest\b|\bmost\b"
)
ONE_DESCRIBED = re.compile(
    r"\b(?:för)?(?:projektet|studien|förstudien|satsningen|förprojektet)"
    r" (?:om|kring|för att|med|vid|som)\b"
    r"|\bthe (?:[\w\-]+ )?(?:project|pre-?study|study|feasibility study|initiative)"
    r" (?:on|about|into|for|to|at|that|which|with)\b"
    r"|\b\w+s (?:satsning|förstudie|förprojekt) (?:på|om|kring|för|inom|med|vid)\b"
    r"|\b\w+'s (?:[\w\-]+ )?(?:project|pre-?study|study|initiative|push|effort|venture|arena|centre"
    r"|center|network|platform|programme|scheme|incubator|cluster|hub|lab)"
    r"(?: (?:on|about|into|for|in|at|with)\b|\s*[:,]|\s[–-]\s)"
    r"|\bthe (?:[\w\-]+ )?(?:project|pre-?study|study|feasibility study) from\b"
    r"|\b(?:had|ran|has run|led) (?:a|an) (?:[\w\-]+ )?(?:project|pre-?study|study)"
    r" (?:on|about|into|for|to|at|with)\b"
    r"|\b(?:hade|drev|ledde) (?:ett|en) (?:[\w\-]+ )?(?:projekt|förstudie|studie)"
    r" (?:om|kring|för|med)\b"
)
"""One project named by what it does ('förstudien om kanal i Njurunda skärgård', 'the project
on high-frequency power supplies at Miun'): an organisation or place in the description says
where that project is, it does not ask across projects."""
_EARLIER = r"(?:earlier|previous|former|original|tidigare|förra|föregående|ursprungliga)\b"
"""'Vilken tidigare studie bygger X på': another study of a named project, not a description."""
_NOT_THE_PROJECT = (
    r"(?! (?:leader|manager|owner|period|budget|number|id|area|coordinator|lead|contact|name"
    r"|partners?|phase|status|count|total|tally|records?|entries)\b)"
)
DESCRIBE = re.compile(
    rf"vilket ([\w\-]+ )?[\w\-]*projekt\b"
    rf"|which ([\w\-]+ ){{0,2}}?(pre-?)?project\b{_NOT_THE_PROJECT}"
    rf"|what ([\w\-]+ ){{0,2}}?(pre-?)?project\b{_NOT_THE_PROJECT}"
    r"|(tell me about|berätta om) (the|a|det|ett) project(et)? (that|which|where|som|där)"
    r"|(what|which)('s| was| is) the (?:[\w\-]+ ){0,3}?(?:pre-?)?(?:project|study|initiative)"
    r" (that|which|where|with|on|about(?=\s+\w))"
    r"|\bwhat(?:'s| is| was) the (?:[\w\-]+ ){0,4}?(?:centre|center|network|cluster|platform"
    r"|incubator|arena|hub|academy|fund|programme|program) (?:that|which|where)\b"
    r"|\bvad (?:heter|hette|är|var) (?:det|den) (?:[\w\-]+ ){0,4}?(?:centrum|centret|nätverk"
    r"|nätverket|klustret|plattformen|inkubatorn|arenan|fonden|programmet) som\b"
    r"|vad (hette|heter) projektet (som|med|där|om)\b"
    r"|\bvad (?:hette|heter) (?:[\w\-:]+ ){1,5}?(?:förstudie|studie|satsning|projekt)(?:en|et)?"
    r" (?:om|kring|för att|med|som|där|inom)\b"
    r"|\blooking for (?:the|a|an) (?:[\w\-]+ ){0,2}?(?:project|pre-?study|study)\b"
    r"|\b(is|was) there (a|an|any) ([\w\-]+ )?project\b"
    r"|\bwhat (?:was|is) (?:that|this|the) (?:[\w\-]+ )?(?:pre-?study|project|study) called\b"
    r"|\bwhich one\W*$|vad heter det\W*$"
    rf"|which (?!{_EARLIER})([\w\-]+ ){{0,2}}?(pre-?study|prestudy|förstudie|study)\b"
    rf"|\bvilken (?!{_EARLIER})([\w\-]+ ){{0,2}}?[\w\-]*(?:förstudie|studie|satsning|utredning)\b"
    r"|(?:finns|fanns) det (?:ett|något) (?:[\w\-]+ )?projekt\b|know (of )?(a|any) project"
    r"|känner du till (ett|något) projekt|\ba project (that|which|where|about|on|linking|working)"
    r"|ett projekt (som|där|om)"
    r"|any project (that|which|about|on|working)|vad heter (det )?projekt(et)?"
    r"|name (of )?the project|(i'm|i am) (looking|searching) for (a|an) project"
    r"|jag (letar|söker) efter (ett|något) projekt"
    r"|har det (funnits|varit) (något|ett) projekt|(do|did) you know (of )?(a|any) project"
    r"|which (initiative|effort|scheme|study|feasibility study|pilot)\b"
    r"|vilken (förstudie|satsning|insats)\b|was there (a|any) project|tell me which project"
    r"|\b(is|was) there (a|an|any) ([\w\-]+ )?(pre-?study|prestudy|feasibility study|initiative)"
    r"|^\W*any ([\w\-]+ )?(project|pre-?study|initiative) (that|which|where|about|on)\b"
    r"|(i )?remember (a|an|one) ([\w\-]+ )?project|what (was|is) it called\W*$"
    r"|vad hette (det|den)\W*$|minns (ett|något) projekt|(fanns|finns) det (någon|en) förstudie"
    r"|^\W*there (was|is) (a|an) ([\w\-]+ )?(project|study|pre-?study|initiative) "
    r"(where|that|which|about|on|with)|what'?s it called\W*$|what is it called\W*$"
    r"|\b(?:is|was|are|were) there (?:a|an|any) (?:[\w\-]+ ){0,2}?(?:pre-?project|scheme"
    r"|effort|programme|program|study)\b|\b(?:is|was) there (?:anything|something) (?:about|on"
    r"|that|where|which)\b|\b(?:has|have|did) (?:anyone|anybody) (?:ever )?(?:worked|looked"
    r"|done|studied|tried|built|developed|run|been working)\b"
    r"|\b(?:finns|fanns) det (?:någon|något) (?:satsning|insats|initiativ|förprojekt"
    r"|studie|projekt)|\bhar (?:någon|några) (?:arbetat|jobbat|tittat|forskat)\b"
    r"|^\W*there (?:was|is) (?:a|an) (?:[\w\-]+ )?(?:project|study|pre-?study|initiative)\b"
    r"|[-–—:]\s*(?:its |the |dess )?(?:name|namn)\W*$"
    r"|(?:i'm|i am) (?:looking|searching) for the (?:project|pre-?study|study)"
    r"|jag (?:letar|söker) efter (?:förstudien|projektet|studien) (?:om|som|där)"
)
ANAPHORA = re.compile(
    r"\b(det|detta|samma) projekt(et)?\b|\bprojektet\b|\bdet\b|\bdess\b|\bdom\b|\bde\b"
    r"|\b(that|this|the same) project\b|\bit\b|\bits\b|\bthey\b|\btheir\b|\bthem\b"
)
NUMBER_QUESTION = re.compile(
    r"hur många|how many|hur mycket|how much|vilket år|which year|procent|percent|andel"
    r"|share of|\bantal\b|number of|\bproportion\b|\bpercentage\b|what share"
    r"|\baverage\b|\bgenomsnitt|\bsnitt|\bmedel(?:värde|tal)|\bhur stor\b|\bhow (?:big|large)\b"
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def match_field(text: str) -> str | None:
    folded = fold(text)
    return next((key for key, pattern in FIELD_PATTERNS if re.search(pattern, folded)), None)


def match_section(text: str) -> str | None:
    folded = fold(text)
    return next((key for key, pattern in SECTION_PATTERNS if re.search(pattern, folded)), None)


def years(text: str) -> tuple[date, date] | None:
    """The calendar span the question's years name (one year, or the first to the last)."""
    found = sorted(int(y) for y in YEAR.findall(text))
    if not found:
        return None
    return date(found[0], 1, 1), date(found[-1], 12, 31)


# ---------------------------------------------------------------- project names


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A project named in the question, and where (in the folded question)."""

    project_id: str
    score: float
    start: int
    end: int


@dataclass(frozen=True)
class NameCutoffs:
    """The rapidfuzz scores (0–100) that decide when words of a question name a project, in one
    place. Set by hand on ``eval/questions.jsonl`` and the natural dev sets (the held-out half
    was never read) and held by the name tests in ``tests/test_routing.py`` and
    ``tests/answer/test_engine.py``: ``mention`` (partial ratio, then ``_name_score``) is where
    a loosely written name ('Resurcenter') is still a mention; ``containing`` is what a longer
    name holding a shorter mention must reach to replace it (a loosely written long name over a
    short name inside it); ``suggestion`` (WRatio) is loose on purpose, as 'did you mean' only
    offers names."""

    mention: float = 86
    containing: float = 92
    suggestion: float = 55


NAME_CUTOFFS = NameCutoffs()


class NameMatcher:
    """Finds project names in questions even when written loosely (case, genitive, typos).

    Long names are also known by their short form (``KADABRA`` for ``KADABRA - KArtlägning
    av …``); a one-word name that is a common word of the corpus (``SUPPORT``) only counts
    when written with its own capitals; a word other projects' texts use (``words``:
    'resurscentra') is no loosely written one-word name.
    """

    def __init__(
        self,
        projects: Iterable[Project],
        *,
        common: frozenset[str] = frozenset(),
        words: frozenset[str] = frozenset(),
    ):
        entries = [
            (p.id, alias, n > 0) for p in projects for n, alias in enumerate(name_aliases(p.name))
        ]
        entries += [(p.id, short, True) for p in projects for short in defined_acronyms(p)]
        coined = _own_coined_words(projects)
        self._setup([*entries, *coined], common, words, coined=len(coined))

    @classmethod
    def of_names(
        cls, entries: Iterable[tuple[str, str]], *, common: frozenset[str] = frozenset()
    ) -> NameMatcher:
        """A matcher over any ``(id, name)`` pairs (organisations), without short forms."""
        matcher = cls.__new__(cls)
        matcher._setup([(key, name, False) for key, name in entries], common)
        return matcher

    def _setup(
        self,
        entries: list[tuple[str, str, bool]],
        common: frozenset[str],
        words: frozenset[str] = frozenset(),
        *,
        coined: int = 0,
    ) -> None:
        """``coined``: how many entries at the end are coined words (:func:`coined_words`),
        which name a project only as written."""
        self._words = words
        self._ids: list[str] = []
        self._names: list[str] = []
        self._written: list[str] = []
        self._alias: list[bool] = []
        for key, name, alias in entries:
            if alias and len(name) <= 3 and fold(name) in common:
                continue  # 'FEM', 'CSR': a word of the texts, too short to be the name alone
            self._ids.append(key)
            self._names.append(fold(name))
            self._written.append(name)
            self._alias.append(alias)
        self._common = common
        self._full: dict[str, str] = {}
        for key, name, _ in entries:
            self._full.setdefault(key, fold(name))  # each project's first entry: its name
        self._coined = frozenset(range(len(self._ids) - coined, len(self._ids)))
        self._stages = {
            k: found for k, n, alias in entries if not alias and (found := stages(fold(n)))
        }
        self._by_length = sorted(range(len(self._names)), key=lambda i: len(self._names[i]))
        self._names_by_length = [self._names[i] for i in self._by_length]
        self._lengths = [len(name) for name in self._names_by_length]

    def find(self, question: str, *, limit: int = 4) -> list[Mention]:
        """Non-overlapping project mentions, best first, at their places in ``question``
        folded (a masked question, already folded, keeps its blanks and so its places)."""
        q = fold_in_place(question)
        if not q.strip():
            return []
        asked = stages(q)
        ranked = sorted(
            self._candidates(q, limit=limit * 6),
            key=lambda f: (-f[1], self._other_stage(asked, f[2]), self._alias[f[2]], -len(f[0])),
        )
        mentions: list[Mention] = []
        for name, score, idx in ranked:
            mention = self._mention(question, q, name, score, idx)
            if mention is None or any(m.project_id == mention.project_id for m in mentions):
                continue
            inside = [m for m in mentions if _within(m, mention)]
            if inside and score >= NAME_CUTOFFS.containing:
                mentions = [m for m in mentions if m not in inside]
            if not any(_overlap(mention, m) for m in mentions):
                mentions.append(mention)
            if len(mentions) == limit:
                break
        return mentions

    def rivals(self, mention: Mention, question: str) -> dict[str, str]:
        """The projects known by the name the question writes for ``mention`` ('Trästad
        2012': three of them), or by a name or short form that goes on from it ('Förstudie:
        GEOSUS, Geoenergy …' beside 'GEOSUS, … Förberedande Projekt'), each with its full
        name (folded)."""
        written = fold(question[mention.start : mention.end])
        found = {
            self._ids[i]
            for i, name in enumerate(self._names)
            if name.startswith(written) and name[len(written) : len(written) + 1] in _NAME_GOES_ON
        }
        return {pid: self._full[pid] for pid in sorted(found)}

    def _other_stage(self, asked: dict[str, int], idx: int) -> int:
        """0 when the project's full name numbers the stage the question does ('Krenova, etapp
        II' for 'Krenova, stage II'), 1 when it numbers none, 2 when another ('del II' for
        'del 1'): of projects sharing a short name, the one the question's stage names wins."""
        own = self._stages.get(self._ids[idx], {}) if asked else {}
        shared = asked.keys() & own.keys()
        if any(asked[k] != own[k] for k in shared):
            return 2
        return 0 if shared else 1

    def _candidates(self, q: str, *, limit: int) -> list[tuple[str, float, int]]:
        """The best ``(name, score, index)`` by ``_name_score``, computed only for names no
        longer than the question allows and that rapidfuzz's C ``partial_ratio`` already puts
        at 86 or more (a superset: a name scoring there occurs in the question that well)."""
        fits = self._names_by_length[: bisect.bisect_right(self._lengths, len(q) + 2)]
        floor = NAME_CUTOFFS.mention
        rough = process.extract(q, fits, scorer=fuzz.partial_ratio, limit=None, score_cutoff=floor)
        scored = [(name, _name_score(q, name), self._by_length[n]) for name, _, n in rough]
        kept = [f for f in scored if f[1] >= floor]
        return sorted(kept, key=lambda f: (-f[1], f[2]))[:limit]

    def _mention(self, question: str, q: str, name: str, score: float, idx: int) -> Mention | None:
        where = fuzz.partial_ratio_alignment(name, q)
        if where is None:
            return None
        start, end = _trim(q, where.dest_start, where.dest_end)
        if not _is_word_match(name, q, start, end):
            return None
        if _COMPOUND_TAIL.match(q, end):
            return None  # 'SMS-biljett' is a ticket, not the project SMS
        after = _NUMBER_AFTER.match(q, end)
        numbered = q[start:end] + (after.group() if after else "")
        full = self._full[self._ids[idx]]
        if _other_number(name, numbered) or (
            not _TRAILING_NUMBER.search(name) and _other_number(full, numbered)
        ):
            return None  # 'Sporstech 1' is not 'SportsTech 2'
        if " " not in name and q[start : start + 1] != name[:1]:
            return None  # 'astronomy' is not a slip of 'Gastronomy'
        written = q[start:end]
        if (
            score < 100
            and " " not in name
            and not written.startswith(name)
            and (written in self._words)
        ):
            return None  # 'resurscentra' is a word of the texts, not a slip of 'Resurscenter'
        common = all(w in self._common for w in name.split())
        english = all(_everyday_english(w) for w in name.split())
        if english or (common and (" " not in name or self._alias[idx])):
            written = self._written[idx]
            if not re.search(rf"(?<!\w){re.escape(written)}(?!\w)", question):
                return None
        if idx in self._coined and not re.search(
            rf"(?<!\w){re.escape(self._written[idx])}(?!\w)", question, re.I
        ):
            return None  # 'Skåne Nordost' is no slip of 'SkåneNordost'
        return Mention(project_id=self._ids[idx], score=score, start=start, end=end)

    def suggest(self, text: str, *, limit: int = 3) -> list[str]:
        """Project ids whose names resemble ``text`` (for 'did you mean')."""
        found = process.extract(
            fold(text),
            self._names,
            scorer=fuzz.WRatio,
            limit=limit * 3,
            score_cutoff=NAME_CUTOFFS.suggestion,
        )
        return list(dict.fromkeys(self._ids[idx] for _, _, idx in found))[:limit]


_NAME_GOES_ON = ("", " ", ",", ":", "(", "-", "–")
"""What may follow a name inside a longer one that goes on with it ('GEOSUS, Geoenergy …')."""
_COMPOUND_TAIL = re.compile(r"-(?!projekt|project|satsning|förstudie|studie)[^\W\d_]{2}")
"""A word joined to a name by a hyphen makes a compound of it ('SMS-biljett'), unless the
word says what the project is ('KC2-projektet')."""
_NAME_SPLIT = re.compile(r"\s+[-–—:]\s*|:\s+|\s+\(")
_GLUED_DASH = re.compile(r"(?<=\w)[-–]\s+(?!och\b|og\b|eller\b|samt\b|and\b|or\b|&|,)")
_JOINED_ACRONYM = re.compile(r"^([A-ZÅÄÖ][a-zåäö]+[A-ZÅÄÖ]\w*)-[A-ZÅÄÖ]")
_ACRONYM = re.compile(
    r"\(([A-ZÅÄÖ][A-ZÅÄÖ0-9\-]+)\)\s*$|,\s+([A-ZÅÄÖ][A-ZÅÄÖ0-9\-]+(?:\s+\d+(?:\.\d+)*)?)\s*$"
    r"|^([A-ZÅÄÖ][A-ZÅÄÖ0-9\-]+),\s"
)
_NOT_A_HEAD = re.compile(r"[(\"“”]|\b(?:ab|ek\.? ?för\.?|kommun|region|länsstyrelsen)\b", re.I)
"""Words before a comma that are no name of their own: an unclosed bracket or an owner
('Fiber Optic Valley AB, Processledning …' is not all that Fiber Optic Valley AB owns)."""
_BRACKETED = re.compile(
    r"\(((?=[^()]*(?:\s|\d|[A-ZÅÄÖ][^()]*[A-ZÅÄÖ]))[A-ZÅÄÖ][\w\-.:]+(?:\s+[\w\-.:]+){0,3})\)\s*$"
)
"""A short name in brackets at the end ('Sport- och upplevelseteknologi (Sporstech 1)',
'(BiodriV)'): more than one word, or a digit or a second capital in it; one plain capitalised
word ('(Halland)', '(Genomförande)') is a place or a word, not a name."""
_PHASE = re.compile(r"(?:förstudie|förprojekt|projekt|project|fas|etapp|steg|del)\b", re.I)
_NAME_PREFIXES = re.compile(r"^(förstudie|förprojekt|projekt|project)(?!\w)\s*[:\-–]?\s*", re.I)


def name_aliases(name: str) -> list[str]:
    """A name and its short forms: the part before a dash or colon ('Repslageriet på
    Lindholmen- utveckling …' too, unless that part is one everyday word), the name after
    'Förstudie:', an acronym in brackets, set off by a comma ('VISÖ, Visualisering av …',
    '…, ITCN') or joined by a hyphen ('InUt-Infrastruktursatsningar …'), the words before a
    comma when they are three or more ('Udvikling af de primære
    sundhedstjenester, Øresundsregionen - …'), the words before a closing acronym
    ('Hälsingland Business, H4B'), the name after its head word ('Utvecklingsprojektet
    BiogasMitt')."""
    aliases = [name]
    parts = [p.strip() for p in _NAME_SPLIT.split(name) if p.strip()]
    head_ok = len(parts[0]) >= 4 or (len(parts[0]) == 3 and parts[0].isupper())
    if len(parts) > 1 and head_ok and not _NAME_PREFIXES.fullmatch(parts[0] + " "):
        aliases.append(parts[0])
    glued = _GLUED_DASH.split(name, maxsplit=1)[0].strip()
    if glued != name and (len(glued.split()) >= 2 or sum(map(str.isupper, glued)) >= 2):
        aliases.append(glued)
    acronym = _ACRONYM.search(name) or _JOINED_ACRONYM.search(name)
    short = next((g for g in acronym.groups() if g), "") if acronym else ""
    if len(short) >= 3:
        aliases.append(short)
    closing = _ACRONYM.search(name)
    if closing and closing.group(2) and len(name[: closing.start()].split()) >= 2:
        aliases.append(name[: closing.start()].strip())
    bracketed = _BRACKETED.search(name)
    if bracketed and len(bracketed.group(1)) >= 3 and not _PHASE.match(bracketed.group(1)):
        aliases.append(bracketed.group(1))
    head = name.split(", ", 1)[0].strip()
    if head != name and len(head.split()) >= 3 and not _NOT_A_HEAD.search(head):
        aliases.append(head)
    stripped = _NAME_PREFIXES.sub("", name).strip()
    if stripped != name and len(stripped) >= 4:
        aliases.append(stripped)
    aliases += [short for part in parts[1:] for short in _segment_names(part)]
    aliases += _slashed(name)
    aliases += _headless(name)
    return list(dict.fromkeys(aliases))


def _own_coined_words(projects: Iterable[Project]) -> list[tuple[str, str, bool]]:
    """Coined words that only one project's name holds, as short forms of it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for p in projects:
        for word in coined_words(p.name):
            owners[fold(word)].add(p.id)
    return [
        (p.id, word, True)
        for p in projects
        for word in coined_words(p.name)
        if len(owners[fold(word)]) == 1
    ]


def coined_words(name: str) -> list[str]:
    """The coined words of a name of more than one word ('Export4Seasons' in 'Inre
    Skandinavien Export4Seasons'): people name the project by one alone, in any word order."""
    if " " not in name or _TRAILING_NUMBER.search(fold(name)):
        return []  # 'SportsTech 2' is not 'SportsTech 3'
    return [w for w in name.split() if _COINED.fullmatch(w)]


_COINED = re.compile(r"(?=\w{6,}$)[^\W\d_]+(?:\d+[^\W\d_]+|[a-zåäö]+[A-ZÅÄÖ][a-zåäö]+)\w*")
"""A word with a digit or a capital inside it ('Export4Seasons', 'DalaBit')."""


_GENERIC_HEAD = re.compile(r"^[^\W\d_]+(?:projektet|programmet|studien)\s+(?=[A-ZÅÄÖ])")


def _headless(name: str) -> list[str]:
    """A name without the word for what it is ('Utvecklingsprogrammet Trä Innovations
    Nätverket (TräIN)' is asked as 'Trä Innovations Nätverket'), and that without its
    bracket or dashed tail."""
    rest = _GENERIC_HEAD.sub("", name)
    if rest == name:
        return []
    first = _NAME_SPLIT.split(rest)[0].strip()
    return [rest, *([first] if first != rest and len(first.split()) >= 2 else [])]


_SEGMENT_ACRONYM = re.compile(
    r"^(?:(?P<words>.+),\s+)?(?P<acronym>[A-ZÅÄÖ][A-ZÅÄÖ0-9\-]{2,7}(?:\s+(?:[IVX]{1,4}|\d{1,2}))?)$"
)


def _slashed(name: str) -> list[str]:
    """Each side of a name written as two ('Närinternationalisering i Öresundsregionen /
    Centre for Scandinavian Studies II', a Swedish and an English name): people ask by
    either. A side of fewer than three words, or a stage ('/ Del 1'), is no name alone."""
    sides = [side.strip() for side in name.split(" / ")]
    if len(sides) != 2:
        return []
    return [side for side in sides if len(side.split()) >= 3 and not _PHASE.match(side)]


def _segment_names(part: str) -> list[str]:
    """The short names a later part of a name gives itself ('… - CIFA', '… - Nordic Safety
    and Security, NSS - …'): an acronym, and the words it stands for when they are three or
    more."""
    m = _SEGMENT_ACRONYM.match(part)
    if m is None:
        return []
    words = m.group("words")
    return [m.group("acronym"), *([words] if words and len(words.split()) >= 3 else [])]


_DEFINED = re.compile(
    r"\b([A-ZÅÄÖ][A-ZÅÄÖ0-9\-]{2,})\s*\(([^()]{8,120})\)|\(([A-ZÅÄÖ][A-ZÅÄÖ0-9\-]{2,})\)"
)


def defined_acronyms(project: Project) -> list[str]:
    """Short forms the project's own text defines for its name ('STRAKKS (Strategier for
    byudvikling …)', '… Rookie To Whiz (RTW)'): people ask by them."""
    name = fold(project.name)
    if len(name) < 12:
        return []
    found = []
    for section in project.sections:
        text = section.text
        for m in _DEFINED.finditer(text):
            if m.group(1) and fold(m.group(2)).startswith(name[:15]):
                found.append(m.group(1))
            elif m.group(3) and name[:15] in fold(
                text[max(0, m.start() - len(name) - 5) : m.start()]
            ):
                found.append(m.group(3))
    if not found:
        return []
    own = {fold(a) for a in name_aliases(project.name)}
    return [a for a in dict.fromkeys(found) if fold(a) not in own]


ENGLISH_WORDS = frozenset(
    """access action active advance arena balance base basic better bridge build care center
    change city clean climate connect core create culture design digital direct east energy
    event every first flow focus forum future global green growth health help home hope idea
    impact inside insight link live local market match mind mobile model move nature network
    new next north open partner place plan play plus power progress project quality reach ready
    real region rise road safe school share smart social south space spark start step support
    switch system team think together tour track trade travel trust unite value vision water
    west wind work world young""".split()  # noqa: SIM905
)


def _everyday_english(word: str) -> bool:
    """A word common in English ('business', 'development'): a name made of such words alone is
    a name only where the question writes it as the name is written."""
    return zipf_frequency(word, "en") >= 4.0


def word_projects(projects: Iterable[Project]) -> dict[str, int]:
    """How many projects' texts each folded word occurs in."""
    counts: dict[str, int] = {}
    for p in projects:
        seen = {w for s in p.sections for w in re.findall(r"\w+", fold(s.text))}
        for word in seen:
            counts[word] = counts.get(word, 0) + 1
    return counts


def common_words(counts: dict[str, int], *, min_projects: int = 5) -> frozenset[str]:
    """Words that occur in the texts of many projects (``counts``: :func:`word_projects`), and
    everyday English words: too common to be a name on their own ('THINK', 'SUPPORT') unless
    written with the name's capitals."""
    return ENGLISH_WORDS | frozenset(w for w, n in counts.items() if n >= min_projects)


def _name_score(question: str, name: str, **_: object) -> float:
    """How well a project name occurs inside the question (names longer than it cannot)."""
    if len(name) < 2 or len(name) > len(question) + 2:
        return 0.0
    if len(name) <= 4:
        return 100.0 if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", question) else 0.0
    score = float(fuzz.partial_ratio(name, question))
    return score if score >= 86 + min(8, 40 / len(name)) else 0.0


_NUMBER_AFTER = re.compile(
    r"(?:(?:\s+|\s*-\s*)(?:\d+|iii|ii|iv|v|(?:vi{1,3}|i)(?!\s+[^\W\d_]))(?!\w))?"
)
"""A number after a matched name; 'i' or 'vi' before a word is Swedish ('… 2010 i Kalmar län')."""
_TRAILING_NUMBER = re.compile(r"[\s\-](\d+|i{1,3}|iv|vi{0,3})$")


_STAGE = re.compile(r"\b(del|part|etapp|stage|steg|fas|phase)\s+(\d+|[ivx]+)\b")
_STAGE_KIND = {"part": "del", "stage": "etapp", "steg": "etapp", "phase": "fas"}
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}


def stages(folded: str) -> dict[str, int]:
    """The stages a folded text numbers ('del ii' → {'del': 2}, 'phase 3' → {'fas': 3})."""
    found = {}
    for m in _STAGE.finditer(folded):
        n = int(m.group(2)) if m.group(2).isdigit() else _ROMAN.get(m.group(2))
        if n is not None:
            found[_STAGE_KIND.get(m.group(1), m.group(1))] = n
    return found


def _other_number(name: str, written: str) -> bool:
    """The question writes another number where the name ends in one (a stage, a part)."""
    own, other = _TRAILING_NUMBER.search(name), _TRAILING_NUMBER.search(written)
    return own is not None and other is not None and own.group(1) != other.group(1)


def _trim(q: str, start: int, end: int) -> tuple[int, int]:
    """The aligned stretch without surrounding spaces, widened to whole words."""
    while start < end and not q[start].isalnum():
        start += 1
    while end > start and not q[end - 1].isalnum():
        end -= 1
    if start > 0 and q[start - 1].isalnum() and start - _word_start(q, start) <= 2:
        start = _word_start(q, start)
    while end < len(q) and q[end].isalnum() and end - start < 60:
        end += 1
    return start, end


def _word_start(q: str, i: int) -> int:
    while i > 0 and q[i - 1].isalnum():
        i -= 1
    return i


def _is_word_match(name: str, q: str, start: int, end: int) -> bool:
    """The matched stretch starts at a word start (a genitive or definite ending may follow;
    'Innovatum' is another word than 'Innova')."""
    if start > 0 and q[start - 1].isalnum():
        return False
    extra = (end - start) - len(name)
    tail = q[start:end].removeprefix(name)
    if 0 < len(tail) < end - start and tail not in _ENDINGS:
        return False
    return extra <= max(3, len(name) // 3)


_ENDINGS = frozenset({"s", "t", "n", "en", "et", "ens", "ets", "ns", "ts", "na", "nas", "e", "r"})


def _within(inner: Mention, outer: Mention) -> bool:
    """A shorter mention inside a longer one ('Gävle' in 'Gävle-Dala Desginlab'): the longer,
    loosely written name is what the question names; so is a longer name written exactly
    ('Centre for Scandinavian Studies II' over 'Centre for Scandinavian Studies')."""
    longer = (outer.end - outer.start) - (inner.end - inner.start)
    exact = outer.score == inner.score == 100
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (longer > 3 or (exact and longer > 0))
    )


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` (folded) with the given spans blanked, so names do not trigger intents."""
    return blank(fold(text), spans)


def blank(folded: str, spans: Sequence[tuple[int, int]]) -> str:
    """A folded or masked text with more spans blanked, keeping every position (folding it
    again would close the blanks up and move them)."""
    chars = list(folded)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


_NAME_AFTER = re.compile(
    r"(?:[Pp]rojektet|[Pp]rojekt|[Pp]roject|the project)\s+[\"“”'»«]?"
    r"([\wÅÄÖåäö][\w\-:&.]*(?:\s+[A-ZÅÄÖ0-9][\w\-]*)*)"
)
_QUOTED = re.compile(r"[\"“”'»«]([^\"“”'»«]{2,80})[\"“”'»«]")
_CAPITALISED = re.compile(r"(?<!^)(?<![.?!]\s)\b([A-ZÅÄÖ][\wÅÄÖåäö\-]+(?:\s+[A-ZÅÄÖ0-9][\w\-]*)*)")
NOT_NAMES = frozenset(
    fold(w)
    for w in [
        "ESF",
        "SEK",
        "EU",
        "Sverige",
        "Sweden",
        "Swedish",
        "English",
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Tillväxtverket",
        "Socialfonden",
        "Projektbanken",
        "ESF-rådet",
        "Svenska ESF-rådet",
        "Regionalfonden",
        "Europeiska socialfonden",
        "Europeiska regionala utvecklingsfonden",
        "European Social Fund",
        "European Regional Development Fund",
        "Interreg",
        "What",
        "Who",
        "Which",
        "How",
        "When",
        "Where",
        "Vad",
        "Vem",
        "Vilka",
        "Vilket",
        "Hur",
        "När",
        "Var",
        "Och",
        "And",
        "I",
        "The",
        "Is",
        "Are",
        "Does",
        "Did",
        "Tell",
        "Berätta",
        "Jämför",
        "Compare",
    ]
)


def unknown_name(question: str, *, words: Callable[[str], bool] | None = None) -> str | None:
    """A name-like stretch of the question that may be a project we do not know; ``words``
    tells a capitalised word that is no name ('Danish') from one that may be."""
    for pattern in (_QUOTED, _NAME_AFTER, _CAPITALISED):
        for match in pattern.finditer(question):
            candidate = match.group(1).strip(" ?.!,:;")
            candidate = re.sub(r"(:s|'s)$", "", candidate)
            if (
                len(candidate) >= 2
                and (candidate[0].isupper() or candidate[0].isdigit())
                and fold(candidate) not in NOT_NAMES
                and not _YEARS_ONLY.fullmatch(candidate)
                and not (words is not None and pattern is _CAPITALISED and words(fold(candidate)))
            ):
                return candidate
    return None


_YEARS_ONLY = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?")
"""A year or a span of years ('projekt 2008–2010') is when, not a name."""


# ---------------------------------------------------------------- cross-project values


RELATION_WORDS: dict[str, str] = {
    "cofinanciers": r"medfinansi|co-?financ|cofinanc|finansiär|finansierar",
    "partners": r"samarbetspartner|partner|samarbetar|collaborat",
    "owner": r"projektägare|\bägare|\bäger\b|\bägt\b|\bägde\b|\bägs\b|\bowner|\bowns?\b|\bowned"
    r"|stödmottagare|beneficiar"
    r"|\bdriver\b|drivs av|\bdrivit\b|\bdrev\b|\bdrivs\b|\bruns?\b|\bran\b|run by|\bled by",
    "municipalities": r"kommun|municipalit",
    "counties": r"\blän(?:en|et)?\b|\bcounty|\bcounties|\bfylke(?:n|na|t)?\b",
    "region": r"\bregion|\bområde",
    "program": r"\bprogram",
}
RELATION_ORDER = ("region", "counties", "municipalities", "owner", "cofinanciers", "partners")
_GENERIC = frozenset(
    fold(w)
    for w in [
        "projekt",
        "projekten",
        "projektet",
        "project",
        "projects",
        "kommun",
        "kommuner",
        "region",
        "regionen",
        "län",
        "county",
        "municipality",
        "program",
        "som",
        "har",
        "med",
        "och",
        "i",
        "the",
        "of",
        "in",
        "by",
        "with",
        "for",
        "vilka",
        "which",
        "how",
        "many",
        "hur",
        "många",
        "finns",
        "fick",
        "got",
        "received",
        "largest",
        "störst",
        "stöd",
        "grant",
        "esf-stöd",
        "total",
        "totalt",
    ]
)


_STOP = frozenset(
    [
        "och",
        "i",
        "på",
        "av",
        "för",
        "med",
        "som",
        "till",
        "om",
        "den",
        "det",
        "en",
        "ett",
        "de",
        "är",
        "har",
        "från",
        "the",
        "of",
        "and",
        "in",
        "on",
        "for",
        "with",
        "by",
        "to",
        "a",
        "an",
        "is",
        "are",
        "at",
    ]
)


_PUNCT = "?.!,:;()\"'"


@dataclass(kw_only=True)
class ValueLexicon:
    """Every word sequence that occurs in a project's owner, region or list values, by relation."""

    phrases: dict[str, set[str]] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, projects: Iterable[Project]) -> ValueLexicon:
        lexicon = cls()
        for p in projects:
            for relation in (*RELATION_ORDER, "program"):
                for value in relation_values(p, relation):
                    lexicon.add(relation, value)
        return lexicon

    def add(self, relation: str, value: str) -> None:
        tokens = [t.strip(_PUNCT) for t in expand_aliases(value).split()]
        original = [t.strip(_PUNCT) for t in value.split()]
        for n in range(1, min(5, len(tokens)) + 1):
            for i in range(len(tokens) - n + 1):
                phrase = " ".join(tokens[i : i + n])
                self.phrases.setdefault(phrase, set()).add(relation)
                if len(original) == len(tokens) and fold(original[i]) == tokens[i]:
                    self.written.setdefault(phrase, " ".join(original[i : i + n]))

    def display(self, phrase: str) -> str:
        """The phrase as the data writes it ('Mellersta Norrland', not 'mellersta norrland')."""
        return self.written.get(phrase, phrase)

    def find(
        self, masked_question: str, *, relation: str | None = None
    ) -> tuple[str, set[str]] | None:
        """The longest value phrase in the question (of ``relation``, when given) and the
        relations it occurs in; phrases may not start or end with a generic word or a number."""
        tokens = [t.strip(_PUNCT) for t in masked_question.split()]
        tokens = [ALIASES.get(t, t) for t in tokens if t]
        for n in range(min(5, len(tokens)), 0, -1):
            found = [
                self._candidate(tokens[i : i + n], relation) for i in range(len(tokens) - n + 1)
            ]
            best = max((f for f in found if f), key=lambda f: len(f[0]), default=None)
            if best:
                return best
        return None

    def _candidate(self, words: list[str], relation: str | None) -> tuple[str, set[str]] | None:
        edges = (words[0], words[-1])
        if any(w in _GENERIC or w in _STOP or w.isdigit() for w in edges):
            return None
        phrase = " ".join(words)
        relations = self._lookup(phrase)
        if len(phrase) < 3 or not relations or (relation and relation not in relations):
            return None
        return self._canonical(phrase), relations

    def _lookup(self, phrase: str) -> set[str]:
        return self.phrases.get(phrase) or self.phrases.get(self._canonical(phrase)) or set()

    def _canonical(self, phrase: str) -> str:
        if phrase in self.phrases:
            return phrase
        if phrase.endswith("s") and phrase[:-1] in self.phrases:
            return phrase[:-1]
        return phrase


def relation_values(project: Project, relation: str) -> list[str]:
    """The values of a project that a cross-project relation compares against."""
    if relation in ("owner", "region", "program"):
        value = project.value(relation)
        return [str(value)] if value is not None else []
    lst = project.list(relation)
    return list(lst.values) if lst else []

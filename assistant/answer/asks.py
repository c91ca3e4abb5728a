"""What a question asks for and what a quote holds, as patterns: the types a passage answer
is checked against (a date for 'when', an amount for a cost, a name for 'which company', a
count next to the counted thing) and the words that mark them, in Swedish and English."""

from __future__ import annotations

import re

from ..index import bm25_tokens

NUMBER_WORDS = re.compile(
    r"(?<!\w)\d|\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|tjugo|hundra|tusen|miljon\w*|hälften)\b"
)
WHEN = re.compile(
    r"^\s*(när|when)\b|vilket år|which year|what year|\bsedan när\b|\bsince when\b"
    r"|\b(?:which|what) (?:day|date|weekend|week|month)\b"
    r"|\bvilke[nt] (?:dag|datum|helg|vecka|månad)\b"
)
STARTS = re.compile(r"start|började|börja|inled|påbörja|\bbegan\b|\bbegin|\bopened\b|öppnade")
ENDS = re.compile(
    r"avslut|\bslut|upphör|\bklar\b|färdigställ|\bended\b|\bfinish|\bcomplet|\bclosed\b"
    r"|come to an end|came to an end|wound up"
)
FORMED = re.compile(
    r"\b(?:formed|founded|established|set up|bildades|bildats|grundades|grundats|etablerades)\b"
)
FOUNDING = re.compile(
    r"\b(?:bildad\w*|bildade|grundad\w*|grundade|grundlad\w*|etablera\w*|startad\w*|startade"
    r"|inrätta\w*|instift\w*|skapad\w*|skapades|invigd\w*|invigdes|kom till"
    r"|founded|formed|established|set up|started|created|opened)\b"
)
"""A founding asked ('when was the association formed') and one a quote states."""
YEAR_OR_DATE = re.compile(
    r"\b(1[5-9]|20)\d{2}\b|\b\d{1,2} (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)"
)
OUTCOME = re.compile(
    r"hur gick det|vad blev (resultatet|utfallet)|resultatet blev|lyckades|uppnådde|uppnåddes|fick"
    r" (de|deltagarna) jobb|efter projektet|how did (it|they) (go|do|turn out)|what (were|was) the"
    r" (results?|outcomes?)|did (it|they) (succeed|achieve|manage)|\bachieved\b|turned out"
    r"|\bafterwards\b|after the project|\b(get|got|were|was) hired|anställdes|fick anställning"
    r"|vilka resultat (nådde|uppnådde|fick|gav)|resultaten av|what results did|results of the"
    r"|vad (tycker|tyckte|anser|ansåg)|what (do|does|did) .* think|\butvärder|\bevaluat"
    r"|\bcompleted\b|fullföljde|slutförde|resultatet|ended up|\bblev\b.{0,40}\b(permanent|kvar)"
    r"|\bdid\b.{0,40}\bbecome\b|bildades|was (formed|founded|set up) (by|through)"
    r"|\bfick\b.{0,30}\but i (?:jobb|arbete|sysselsättning|studier)|\bapproved\b"
    r"|\bgodkän(?:d|des|ts)\b"
    r"|\b(?:did|do|does|were|was|have|has)\b.{0,40}\bactually\b"
    r"|satisf|\bnöjd|missnöjd|\bhappy with\b|\bbetyg|\brated\b"
    r"|\bwho won\b|\bvem vann\b|\bvinnar\w*|\bwinners?\b"
    r"|fick (?:[\wåäö]+ ){0,4}(?:jobb|arbete|anställning)"
    r"|\b(?:got|found) (?:\w+ ){0,3}(?:jobs?|work)\b"
    r"|\bthanks to\b|\btack vare\b|\bended up\b|\bdid\b.{0,80}\bend up\b|\bsurviv\w*|överlev\w*"
    r"|\bdid (?:it|they|this|that) work\b"
    r"|\bas a result\b|\bactually (?:\w+ed|got|began|became|made|won|find|found|show|showed)\b"
    r"|\bfungerade (?:det|de)\b|\btill slut\b|\bi slutändan\b|\bin the end\b|\beventually\b"
    r"|\bhar räddats\b|\bräddades\b|\bwere saved\b"
    r"|\b(?:fick|got|received|won|vann)\b (?:\w+ )?\w*(?:utmärkelse|pris|award|prize)\w*"
    r"|\bfaktiskt (?:\w+ade|\w+ades|\w+des|fick|blev|gav)\b|^\W*ledde\b.{0,80}\btill\b"
    r"|\b(?:fick|blev|gav|kom) faktiskt\b|\bvad blev\b.{0,40}\b(?:nya|new)\b"
    r"|\bvaldes ut\b|\bwere (?:chosen|selected)\b|\bkom\b.{0,40}\bfram till\b"
    r"|\bcame up with\b|\bdid\b.{0,60}\bfind\b"
    r"|\b(?:blev|fick|gav) (?:det|de|den|man|projektet) faktiskt\b|\bnådde\b.*\bmål"
    r"|\breach(?:ed)?\b.*\b(?:goal|target)s?\b|\bvad blev (?:den|det|de)\b(?! för\b)"
    r"|\bhur mycket (?:ökade|minskade|växte|steg|sjönk)\b"
    r"|\bhow much did\b.{0,60}\b(?:increase|decrease|grow|rise|fall|drop)\b"
    r"|\bdid\b.{0,60}\b(?:manage to|turn up|uncover|reveal)\b|\bin practice\b|\bi praktiken\b"
)
REPORTED = re.compile(
    r"resulterade|har resulterat|ledde till|har lett till|uppnåddes|uppnådde|har skapats|skapades"
    r"|fick (arbete|jobb|anställning)|resulted|achieved|\bvann\b|\bvinnare\b|\bwon\b"
    r"|\bgodkändes\b|\bwas approved\b|har godkänts"
)
COST = re.compile(
    r"vad kostade|vad kostar|hur mycket kostade|\bpriset\b|what did .{0,60}\bcost\b|how much did"
    r" .{0,60}\bcost\b|\bprice\b|what (was|is) the cost|\bfees?\b|\bavgift|\barvode|\btimpris"
    r"|\bhourly\b|(?<!in )\bcharged?\b(?! of)|\b(?:what|how much)\b.{0,80}\bcost\b"
    r"|\baverage (?:investment|amount|grant|sum|cost|price)|\bsnitt(?:investering|belopp|kostnad)"
    r"|\bgenomsnittlig\w* (?:investering|belopp|summa|kostnad)"
    r"|\b(?:beräknas|bedöms|ska|skulle|kommer att) (?:det )?kosta\b"
    r"|\b(?:vad|hur mycket)\b.{0,80}\bkosta\b|\bhyr(?:a|an|or)\b|\brent\b"
)
_MADE = (
    r"(?:avkastning\w*|lönsam\w*|vinst\w*|omsättning\w*|intäkt\w*|försäljning\w*|besparing\w*"
    r"|returns?|roi|yield\w*|profit\w*|turnover|revenues?|sales|earn\w*|savings?)"
)
MONEY_FIELDS = frozenset({"grant_sek", "grant_eur", "budget_sek", "public_funding_sek"})
MONEY_WORD = re.compile(rf"\b{_MADE}\b")
"""Money the project's work brought or saved (a return, turnover, savings): no grant or
budget."""
MONEY_MADE = re.compile(
    r"\b(?:vilken|vilket|hur stor|hur mycket|what|how much|how big|how large)\s+"
    rf"(?:[\wåäö\-]+\s+){{0,2}}?{_MADE}\b"
)
"""Such money asked for ('vilken avkastning gav investeringarna'): the quote states an amount
or a share, not only that there was a return."""
AMOUNT = re.compile(
    r"\d[\d\s.,]*\s*(kr|sek|kronor|euro|eur|€|nok|dkk|miljon\w*|mkr|tkr|msek)\b|miljon"
    r"|\b\d{1,3}(?:[ \u00a0.]\d{3})+\b",
    re.I,
)
"""An amount of money in a sentence: a number with a currency, or one written in thousands."""
LENGTH = re.compile(
    r"\bhur lång\b(?! tid)|\bhow long (?:is|was|will|are|were)\b(?!.{0,60}\b(?:take|last|run)\b)"
    r"|\bhow (?:many )?(?:metres|meters|kilometres|kilometers|km)\b"
)
"""A length asked ('hur lång blir förbindelsen'), not a time ('hur länge pågick …')."""
DISTANCE = re.compile(
    r"\d[\d\s,.]*\s*(?:km|kilometer|kilometres?|kilometers?|meter|metres?|meters?|m|mil)\b"
    r"|\b(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four|five)\s+"
    r"(?:km|kilometer|meter|mil|kilometres?|metres?)\b"
)
HOW_LONG = re.compile(r"\bhur länge\b|\bhow long\b|\bhur lång\b|\bfor how many (?:years|months)")
SHARE = re.compile(
    r"\bhur stor del\b|\bhur stor andel\b|\bwhat (?:share|proportion|part|fraction)\b"
    r"|\bhow (?:much|large a share) of\b|\bandel(?:en)? av\b|\bpercentage\b|\bprocent\b"
)
FRACTION = re.compile(
    r"%|\bprocent|\bpercent|\bhälften|\bhalf\b|\btredjedel|\bfjärdedel|\bthird\b|\bquarter\b"
    r"|\bvar \d+:e\b|\bvar (?:annan|tredje|fjärde|femte|tionde)\b|\bevery (?:second|third|\d+\w*)\b"
)
"""A share asked ('hur stor del av budgeten'): the quote states a percentage or fraction."""
DURATION = re.compile(
    r"\b(?:\d+|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv|arton|one|two|three|four|five"
    r"|six|eighteen|twelve)[\s-]*(?:år|års|månader|månaders|veckor|veckors|dagar|dagars|years?"
    r"|months?|weeks?|days?|km|kilometer|kilometres?|kilometers?|meter|metres?|m|mil)\b"
    r"|\b\w+(?:årig|månaders)\w*"
)
"""A length of time or of a road or platform: what 'how long' asks for ('18 månader',
'treårig', '170 km')."""
ANNOUNCES = re.compile(r":\s*$")
WHY = re.compile(r"\bvarför\b|\bwhy\b|how come|\banledning|\breason|\borsak")
CAUSAL = re.compile(
    r"eftersom|därför|för att|på grund av|med tanke på|\bbehov|behöver|leder till|orsak"
    r"|anledning|i syfte|\bkrav\b|ökande|brist"
)
CITY_IN = re.compile(r"\b(?:i|in|vid|från) [A-ZÅÄÖ][a-zåäöéü][\wåäöéü]*")
WHERE = re.compile(
    r"(?:^|[:–,]|\s-)\W*(var|vart|where)\b|\b(in|to) which (city|town|municipality|place|region)\b"
    r"|\bi vilken (stad|ort|kommun|region)\b|\bwhich (city|town)\b|\bvilken (stad|ort)\b"
    r"|\b(?:på|i) vilka (orter|städer|platser)\b|\bin which (towns|cities|places)\b"
    r"|\bat which\b|\bvid vilke[nt]\b"
)
EARLIER = re.compile(
    r"\b(?:tidigare|föregående|förra|earlier|previous|prior)\s+(?:\w+\s+)?(?:\w*projekt\w*"
    r"|\w*program\w*|satsning\w*|omgång\w*|etapp\w*|projects?|programmes?|programs?|rounds?"
    r"|phases?)"
)
"""A sentence about an earlier project or round ('I två tidigare utvecklingsprogram har 2 000
företag deltagit'): its figures are not the asked project's own."""
PLACE_ASKED = re.compile(
    r"(?:^|[:–,]|\s-)\W*where\b"
    r"|\bvar (?:ligger|låg|finns|fanns|ska|skulle|byggs|byggdes|hölls|placera\w*)\b"
    r"|\b(?:in|to) which (?:city|town|municipality|place)\b|\bi vilken (?:stad|ort|kommun)\b"
    r"|\bwhich (?:city|town)\b|\bvilken (?:stad|ort)\b|\b(?:på|i) vilka (?:orter|städer|platser)\b"
    r"|\bin which (?:towns|cities|places)\b|\bat which\b|\bvid vilke[nt]\b"
    r"|\b(?:which|what|vilken|vilket|vilka)\s+(?:[\w\-]+\s+){0,2}?(?:suburbs?|districts?|förort\w*"
    r"|stadsdel\w*|neighbou?rhoods?|villages?|byar?|byn)\b"
)
"""A question that wants a place for its answer (``WHERE`` less the Swedish 'Var …' that
may be 'was')."""
NUMBER_PREFIX = re.compile(
    r"^(en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv|\d+)-?([a-zåäö]{3,})$"
)
NUMBER_WORD = re.compile(
    r"^(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio"
    r"|hundra|tusen)$"
)
WHO = re.compile(
    r"vilk(?:et|a) ([\wåäö]+ )?[\wåäö]*(företag|bolag|tillverkare|leverantörer)\b"
    r"|vilken ([\wåäö]+ )?(organisation|aktör|myndighet)"
    r"|which ([\w\-]+ )?(compan(?:y|ies)|firms?|organi[sz]ations?|authorit(?:y|ies)"
    r"|contractors?|manufacturers?|carmakers?|car makers?|suppliers?)\b"
    r"|vilken (entreprenör|leverantör|arkitekt|konsult|forskare|konstnär|författare|designer)"
    r"|vilka (?:[\wåäö]+ )?(arkitekter|konsulter|forskare|konstnärer|författare|designers?"
    r"|koreografer|regissörer|kompositörer|musiker|fotografer)\b"
    r"|which (architect|consultant|researcher|artist|author|designer|choreographer|director"
    r"|composer|musician|photographer)s?\b"
    r"|vad (hette|heter)|what (was|is) .{0,40} called|name of the (company|firm|enterprise)"
    r"|\b(?:which|vilka) (?:(?:var|är|were|are) (?:de|the) )?(?:two|three|four|five|six|seven"
    r"|eight|nine|ten|\d+|två|tre|fyra|fem"
    r"|sju|åtta|nio|tio) |\bnames of\b|\bnamnen på\b|vad heter de\b|what are they called"
    r"|\bvilka (?:var|är) de (?:\d+ )?[\wåäö]+(?:na|en)\b"
    r"|\bwhich (?:were|are) the (?:(?:roughly|about|some|around|nearly) )?"
    r"(?:\d+ |two |three |four |five |six |seven |eight |nine |ten |dozen )?\w+s\b"
)
TARGET = re.compile(
    r"målgrupp|\btarget(?:ed)? (?:group|audience)|\bwho (?:is|was|are|were) (?:it|the project|they)"
    r" (?:for|aimed at)\b|\bvem (?:riktar|vänder) (?:sig|den sig|det sig)|\briktar sig till\b"
    r"|\bvänder sig till\b|\baimed at\b|\bför vem\b|\bfor whom\b"
)
"""Who a project is for: answered by a sentence naming a group ('skolelever i åldern 13 till 20
år'), though the texts seldom say 'målgrupp'."""
RANKED = re.compile(
    r"\bvilken (?:placering|plats)\b|\bplacerade sig\b|\b(?:what|which) (?:place|rank|position)\b"
    r"|\branked\b"
)
"""A place in a ranking is asked: only a number answers it."""
PEOPLE = re.compile(
    r"\b(?:vilk(?:en|a)|which|who)\s+(?:[\wåäö\-]+\s+)?(?:arkitekt\w*|konsult\w*|forskare\w*"
    r"|konstnär\w*|författare\w*|designer\w*|expert\w*|föreläsare\w*|koreograf\w*|regissör\w*"
    r"|kompositör\w*|musiker\w*|fotograf\w*|architects?|consultants?|choreographers?"
    r"|directors?|composers?|musicians?|photographers?"
    r"|researchers?|artists?|authors?|writers?|designers?|lecturers?|speakers?)\b"
)
"""People asked for by their trade ('which authors are featured'): a place names none."""
ROLE_GIVEN = re.compile(
    r"\b(?:who|vem)\s+(?:got|received|won|was given|was appointed|was hired|holds?|held|fick"
    r"|erhöll|vann|utsågs|anställdes|innehar|innehade)\s+(?:the |a |an |den |det |en |ett )?"
    r"(?:[\w\-]+\s+)?(?:professorship|professur\w*|chair|position|post|job|tjänst\w*|jobb\w*"
    r"|prize|award|pris\w*|utmärkelse\w*|scholarship|stipend\w*)\b"
)
"""A person asked for by the post or prize they got ('who got the Olympic professorship'):
only a sentence naming a person answers."""
PERSON_NAME = re.compile(
    r"(?<![.!?]\s)\b[A-ZÅÄÖ][a-zåäöéü]+\s+(?:[A-ZÅÄÖ]\.\s+)?[A-ZÅÄÖ][a-zåäöéü]+\b"
)
"""A first and a last name ("Sara Lidman"), which names a person where a post is asked."""
COMPANIES = re.compile(
    r"\bwhich (?:[\w\-]+ )?(?:compan(?:y|ies)|firms?)\b"
    r"|\bvilk(?:a|et) (?:[\wåäö]+ )?(?:företag|bolag)\b"
    r"|\bvad (?:heter|hette) (?:det |de )?[\wåäö]*(?:bolag|företag)\w*"
    r"|\bwhat(?:'s| is| was) the (?:[\w\-]+ )?(?:company|firm)(?:'s name| called)\b"
)
"""Companies asked for: a public body does not answer."""
NAMED = re.compile(
    r"\b(?:which|what|vilk(?:en|et|a))\s+(?:[\w\-åäö]+\s+){0,4}?(?:clubs?|lines?|models?"
    r"|facilit(?:y|ies)|countr(?:y|ies)|universit(?:y|ies)|partners?|banks?|ports?|airports?"
    r"|rivers?|lakes?|mountains?|islands?|festivals?|hotels?|museums?|institutes?|regions?"
    r"|manufacturers?|suppliers?|brands?|klubb\w*|förening\w*|linje\w*|banor|modell\w*"
    r"|anläggning\w*|land|länder|universitet\w*|högskol\w*|partner\w*|hamn\w*|flygplats\w*"
    r"|fjäll\w*|festival\w*|hotell\w*|muse\w+|institut\w*|tillverkare|leverantörer"
    r"|archives?|arkiv\w*|lärosäte\w*|towns|cities|villages|orter|städer|byar|\w*parter(?:na)?"
    r"|aktörer(?:na)?|actors|stakeholders|\w*kommuner(?:na)?|municipalities|utilit(?:y|ies)"
    r"|operators|authorities|agencies|myndigheter(?:na)?|\w*finansiärer(?:na)?|financiers"
    r"|funders)\b|\bnames of\b"
    r"|\bwhich ones\b|\bvilka (?:är|var) dessa\b"
)
"""A question that asks for something by its name ('which two football clubs', 'what
telescope model'): the answer names it, so a sentence holding a name is preferred."""
PERCENT = frozenset(bm25_tokens("procent percent"))
GENERIC_STEMS = frozenset(
    bm25_tokens(
        "projekt projektet projekten project projects ingick ingår inkluderade inkluderar"
        " innebar innebär omfattade omfattar handlade handlar gällde gäller pågick pågår pågått"
        " varade varar länge"
    )
)
CAPITAL = re.compile(r"\b[A-ZÅÄÖ][\wåäöéü\-]{2,}(?:\s[A-ZÅÄÖ][\wåäöéü\-]*)*")
"""A capitalised word with the capitalised words after it: one name ('TSCN Research')."""
CROSS_REFERENCE = re.compile(r"^(se|see) (under|ovan|nedan|above|below)\b", re.I)
COUNT_NOUN = re.compile(
    r"(?:hur många|how many|antal|number of)\s+(?:(?:av|of|de|the|more|fler|mer)\s+)*([\wåäö\-]+)"
)
AMONG = re.compile(
    r"(?:hur många|how many) (?:av|of) (?:the |de )?[\wåäö\-]+.{0,40}?"
    r" (?:var|är|blev|were|are|became) (?:det |there )?([\wåäö\-]+)"
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
QUESTION_NAME = re.compile(r"(?<!^)(?<![.?!:]\s)(?<!\w)[A-ZÅÄÖ][\wåäöéü\-]{2,}")
NUMBER_SV = {
    "two": ("två", "2"),
    "three": ("tre", "3"),
    "four": ("fyra", "4"),
    "five": ("fem", "5"),
    "six": ("sex", "6"),
    "seven": ("sju", "7"),
    "eight": ("åtta", "8"),
    "nine": ("nio", "9"),
    "ten": ("tio", "10"),
    "twelve": ("tolv", "12"),
}
WHICH_N = re.compile(
    r"\b(?:which|vilka) (?:(?:var|är|were|are) (?:de|the) )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+|två|tre|fyra|fem"
    r"|sju|åtta|nio|tio)\b"
)
STATED_NUMBER = re.compile(
    r"(?<![\w.,:/-])(?!(?:19|20)\d\d\b)\d+(?![\w.,:/-])"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|två|tre|fyra|fem|sju|åtta|nio|tio"
    r"|tolv)\b(?= [\wåäö]+)"
)

"""Every Swedish and English phrase of the assistant in one place: the app's interface texts and
the frames answers are written in. ``t(lang, key, **values)`` fills one in; Swedish is the default.
"""

from __future__ import annotations

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
PROJECT_KINDS = ("esf", "tvv", "doc")

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "app.title": "Projektbanken",
        "app.tagline": "Frågor och sökning i ESF-rådets och Tillväxtverkets projektbanker – "
        "med källa till varje svar.",
        "nav.label": "Sida",
        "nav.chat": "Fråga",
        "nav.sok": "Sök",
        "nav.projekt": "Projekt",
        "nav.index": "Index",
        "lang.label": "Språk",
        "sidebar.index": "{projects} projekt · {chunks} textavsnitt",
        "sidebar.built": "Index byggt {when}",
        "error.settings": "Inställningarna går inte att läsa: {error}",
        "error.unexpected": "Något gick fel: {error}",
        "loading.model": "Läser in index och språkmodell …",
        # first start / index problems
        "first.title": "Första start: projektbanken indexeras",
        "first.body": "Inget index finns ännu i `{index_dir}`. Texterna i `{data_dir}` läses in "
        "och indexeras nu – det behöver bara göras en gång.",
        "first.no_data": "Det finns inget index och mappen `{data_dir}` saknas eller är tom. "
        "Lägg till projekttexter på sidan **Index** (uppladdning) och bygg indexet där.",
        "first.failed": "Indexet kunde inte byggas: {error}",
        "first.retry": "Försök igen",
        "problem.title": "Indexet kan inte användas just nu",
        "problem.rebuild": "Bygg om indexet",
        # build
        "build.reading": "Läser och delar upp texterna …",
        "build.embedding": "Beräknar betydelsevektorer: {done} av {total} avsnitt",
        "build.writing": "Skriver index …",
        "build.searchable": "Sökning och svar är klara – meningarna som citeras beräknas nu",
        "build.sentences": "Sökning och svar är klara; meningsvektorer för citat: {done} av "
        "{total}",
        "build.stage": "{stage}: {done} av {total}",
        "build.done": "Klart: {projects} projekt, {chunks} avsnitt ({embedded} nya, "
        "{reused} återanvända) på {seconds:.1f} s",
        "build.failed": "Indexeringen misslyckades – det tidigare indexet används fortfarande. "
        "Orsak: {error}",
        "build.failed_first": "Indexeringen misslyckades: {error}",
        "build.lexical": "Projektuppgifter och ordsökning är klara – frågor kan ställas medan "
        "betydelsevektorerna beräknas",
        "build.lexical_only": "Betydelsebaserad sökning byggs fortfarande, så svaren bygger på "
        "projektuppgifterna och sökning på ord.",
        "build.dense_progress": "Betydelsebaserad sökning byggs: {done} av {total} texter klara.",
        "build.behind": "Indexet byggs om i bakgrunden – det nuvarande indexet används tills "
        "det nya är klart.",
        "build.waiting": "Indexet byggs ({stage}) – projektuppgifterna går att fråga om om "
        "några sekunder.",
        "build.added": "Tillagda filer",
        "build.changed": "Ändrade filer",
        "build.removed": "Borttagna filer",
        "build.duplicates": "Dubbletter (den första behölls)",
        "build.problems": "Problem vid inläsningen",
        # chat
        "chat.title": "Fråga projektbanken",
        "chat.placeholder": "Ställ en fråga om ett projekt, t.ex. ”Vem äger KC2?”",
        "chat.welcome": "Ställ en fråga om projekten så svarar assistenten med uppgifter "
        "direkt ur projekttexterna – varje påstående har en numrerad källa som du kan öppna "
        "och kopiera. Följdfrågor fungerar: ”Och vem äger det?”",
        "chat.examples": "Prova till exempel",
        "chat.thinking": "Letar i projekttexterna …",
        "chat.sources": "Källor",
        "chat.see_also": "Närmaste källor",
        "chat.not_answered": "Tips: nämn projektet vid namn, fråga om en uppgift (stöd, "
        "ägare, period, kommuner) eller använd **Sök** för att leta efter ett ämne.",
        "chat.open_section": "Öppna avsnittet",
        "chat.cite": "Citera",
        "chat.cite_help": "Färdig att klistra in i en rapport – kopiera med knappen i rutan.",
        "chat.feedback": "Var svaret till hjälp?",
        "chat.comment": "Kommentar (frivillig)",
        "chat.comment_placeholder": "Vad saknades eller var fel?",
        "chat.comment_send": "Skicka kommentar",
        "chat.feedback_thanks": "Tack för din återkoppling!",
        "chat.comment_thanks": "Tack! Kommentaren är sparad.",
        "chat.feedback_failed": "Återkopplingen kunde inte sparas: {error}",
        "chat.conversation": "Samtal",
        "chat.export": "Exportera samtalet (Markdown)",
        "chat.clear": "Rensa samtalet",
        "chat.empty_history": "Inget samtal ännu.",
        "chat.error": "Frågan kunde inte besvaras: {error}",
        "chat.question_n": "Fråga {n}",
        "chat.generated": "Skrivet av språkmodellen {model} – varje mening är kontrollerad mot "
        "sin källa",
        "chat.extracted": "Hämtat direkt ur källorna",
        "export.generated": "Skrivet av en språkmodell – varje mening kontrollerad mot sin källa.",
        "chat.writing": "Språkmodellen skriver – svaret kontrolleras mot källorna innan det visas "
        "…",
        "chat.removed": "Borttaget vid kontrollen",
        "removed.no_citation": "ingen källhänvisning",
        "removed.unknown_source": "hänvisar till en källa som inte finns ({detail})",
        "removed.quote_not_verbatim": "citatet står inte ordagrant i källan",
        "removed.unsupported_number": "talet {detail} står inte i den angivna källan",
        "removed.unsupported_name": "namnet {detail} står inte i den angivna källan",
        "removed.wrong_language": "fel språk",
        "removed.not_in_source": "handlar inte om något i den angivna källan",
        "example.grant": "Hur mycket ESF-stöd fick {name}?",
        "example.tvv_grant": "Hur mycket stöd beviljades {name}?",
        "example.owner": "Vem äger projektet {name}?",
        "example.purpose": "Vad är syftet med {name}?",
        "example.municipalities": "Vilka kommuner deltar i {name}?",
        "example.topic": "Vilka projekt arbetar med coachning?",
        # citations
        "cite.reference": "{quote}\n– {project}{owner}, avsnittet ”{section}”. Källa: {source}",
        "cite.chars": "tecken {start}–{end}",
        "cite.quote": "”{text}”",
        # search
        "search.title": "Sök i projektbanken",
        "search.caption": "Sökningen förstår betydelse, inte bara exakta ord: ”hjälp tillbaka "
        "till arbete” hittar också ”återinträde i yrkeslivet”.",
        "search.query": "Vad letar du efter?",
        "search.placeholder": "t.ex. socialt företag i glesbygd",
        "search.filters": "Filter",
        "search.region": "Region",
        "search.owner": "Projektägare / stödmottagare",
        "search.program": "Program",
        "search.municipality": "Kommun",
        "search.period": "Projektperiod (år)",
        "search.all": "Alla",
        "search.reset": "Rensa filter",
        "search.empty": "Skriv vad du letar efter – ett ämne, en målgrupp, en metod eller ett "
        "projektnamn. Använd filtren för att begränsa till en region, en ägare, ett program, "
        "en kommun eller en period.",
        "search.no_hits": "Inga träffar. Prova andra eller färre ord, ta bort ett filter eller "
        "vidga perioden.",
        "search.no_hits_filtered": "Inga träffar med de valda filtren. Ta bort ett filter eller "
        "vidga perioden.",
        "search.results": "Träffar {first}–{last}",
        "search.score": "poäng {score:.3f}",
        "search.prev": "Föregående",
        "search.next": "Nästa",
        "search.page": "Sida {n}",
        "search.open": "Öppna i projektet",
        # projects
        "projects.title": "Projekt",
        "projects.caption": "Alla indexerade projekt. Klicka på en rad (eller ”Öppna”) för att "
        "se projektets alla uppgifter och avsnitt.",
        "projects.filter": "Filtrera tabellen",
        "projects.filter_placeholder": "namn, ägare, region, program eller kommun",
        "projects.count": "{shown} av {total} projekt",
        "projects.none": "Inga projekt matchar filtret.",
        "col.name": "Projekt",
        "col.owner": "Ägare",
        "col.region": "Region",
        "col.program": "Program",
        "col.start": "Start",
        "col.end": "Slut",
        "col.grant": "Beviljat stöd (kr)",
        "col.budget": "Budget (kr)",
        "col.msek": "Beviljat stöd (miljoner kr)",
        "col.link": "Sida",
        "col.open": "Öppna",
        "col.year": "År",
        "col.projects": "Antal projekt",
        "chart.tabs_region": "Stöd per region",
        "chart.tabs_top": "Största projekten",
        "chart.tabs_timeline": "Tidslinje",
        "chart.region_caption": "Summa beviljat stöd per region för projekten i tabellen.",
        "chart.top_caption": "De {n} projekt i tabellen som beviljats mest stöd.",
        "chart.timeline_caption": "Projektperioder för de {n} största projekten i tabellen.",
        "chart.no_data": "Inga belopp eller perioder att visa för urvalet.",
        "project.back": "Alla projekt",
        "project.missing": "Projektet {id} finns inte i indexet. Det kan ha tagits bort vid en "
        "omindexering.",
        "project.contents": "Innehåll",
        "project.source": "Källfil: {source}",
        "project.external": "Projektets sida hos källan",
        "project.grant": "Beviljat stöd",
        "project.budget": "Total budget",
        "project.period": "Period",
        "project.highlight": "Markerat: citatet som länken pekar på.",
        "kind.esf": "ESF-rådets projektbank",
        "kind.tvv": "Tillväxtverkets projektbank",
        "kind.doc": "Dokument",
        # index
        "index.title": "Index",
        "index.caption": "Vad assistenten kan svara på: de indexerade projekttexterna.",
        "index.none": "Det finns inget index ännu. Ladda upp projekttexter nedan eller bygg "
        "indexet från `{data_dir}`.",
        "index.projects": "Projekt",
        "index.chunks": "Textavsnitt",
        "index.documents": "Filer",
        "index.size": "Storlek",
        "index.embedder": "Språkmodell för betydelse",
        "index.llm": "Språkmodell för svar",
        "index.llm_none": "ingen – svaren hämtas direkt ur källorna",
        "index.built": "Byggt",
        "index.paths": "Indexerat från",
        "index.stale": "Filerna har ändrats sedan indexet byggdes. Indexera om för att få med "
        "ändringarna.",
        "index.upload_title": "Lägg till projekttexter",
        "index.upload_help": "Sidtext från ESF-rådets projektbank (.txt), Markdown (.md), HTML "
        "(.html) eller Tillväxtverkets CSV-export (.csv), högst {limit}. Filerna kontrolleras "
        "innan de sparas i `{data_dir}`; felaktiga filer avvisas med en förklaring.",
        "index.upload": "Välj filer",
        "index.add": "Lägg till och indexera om",
        "index.rebuild_title": "Indexera om",
        "index.rebuild_help": "Läser om allt från {paths} och bygger ett nytt index. Det gamla "
        "indexet används tills det nya är klart; misslyckas bygget finns det kvar.",
        "index.rebuild": "Indexera om nu",
        "admin.token": "Administratörsnyckel",
        "admin.ask_token": "Att ladda upp filer och indexera om kräver administratörsnyckeln.",
        "admin.wrong_token": "Fel administratörsnyckel.",
        "admin.ask_login": "Att ladda upp filer och indexera om kräver att en administratör "
        "loggar in.",
        "admin.login": "Logga in",
        "admin.logout": "Logga ut",
        "admin.logged_in": "Inloggad som {email}.",
        "admin.not_admin": "{email} får inte ändra indexet (ASSISTANT_ADMIN_EMAILS).",
        "admin.remote": "Indexet kan bara ändras här när appen körs på den här datorn "
        "(localhost) eller med en administratörsnyckel (ASSISTANT_ADMIN_TOKEN); annars med "
        "`assistant index`.",
        "index.build": "Bygg indexet",
        "index.last_build": "Senaste indexering",
        "index.missing_path": "Sökvägen {path} finns inte längre och hoppas över.",
        "upload.saved": "{name}: sparad – {projects} projekt hittades.",
        "upload.renamed": "{name}: en annan fil har redan det namnet, sparad som {saved} – "
        "{projects} projekt hittades.",
        "upload.same": "{name}: filen finns redan i {data_dir} med samma innehåll.",
        "upload.bad_name": "{name}: ogiltigt filnamn.",
        "upload.bad_type": "{name}: filtypen stöds inte ({suffix}). Använd .txt, .md, .html "
        "eller .csv.",
        "upload.too_big": "{name}: filen är {size} – större än gränsen {limit}.",
        "upload.empty": "{name}: filen är tom.",
        "upload.unreadable": "{name}: filen kunde inte läsas som projekttext. {detail}",
        "upload.no_projects": "{name}: inga projekt hittades i filen. {detail}",
        "upload.duplicate": "{name}: projekten finns redan i indexet ({detail}); filen sparades "
        "inte.",
        "upload.write_failed": "{name}: filen kunde inte sparas: {detail}",
        "upload.none_saved": "Inga nya filer sparades, så indexet byggs inte om.",
        "feedback.title": "Omdömen",
        "feedback.count": "{n} omdömen om svar (tumme upp eller ned, med kommentarer).",
        "feedback.download": "Ladda ner omdömen (CSV)",
        "feedback.failed": "Omdömena kunde inte läsas: {error}",
    },
    "en": {
        "app.title": "Projektbanken",
        "app.tagline": "Questions and search over the ESF Council and Tillväxtverket project "
        "banks – with a source for every answer.",
        "nav.label": "Page",
        "nav.chat": "Ask",
        "nav.sok": "Search",
        "nav.projekt": "Projects",
        "nav.index": "Index",
        "lang.label": "Language",
        "sidebar.index": "{projects} projects · {chunks} text passages",
        "sidebar.built": "Index built {when}",
        "error.settings": "The settings cannot be read: {error}",
        "error.unexpected": "Something went wrong: {error}",
        "loading.model": "Loading the index and the language model …",
        "first.title": "First start: indexing the project bank",
        "first.body": "There is no index in `{index_dir}` yet. The texts in `{data_dir}` are "
        "being read and indexed now – this is only needed once.",
        "first.no_data": "There is no index and the folder `{data_dir}` is missing or empty. "
        "Add project texts on the **Index** page (upload) and build the index there.",
        "first.failed": "The index could not be built: {error}",
        "first.retry": "Try again",
        "problem.title": "The index cannot be used right now",
        "problem.rebuild": "Rebuild the index",
        "build.reading": "Reading and splitting the texts …",
        "build.embedding": "Computing meaning vectors: {done} of {total} passages",
        "build.writing": "Writing the index …",
        "build.searchable": "Search and answers are complete – computing the quoted sentences",
        "build.sentences": "Search and answers are complete; sentence vectors for quotes: "
        "{done} of {total}",
        "build.stage": "{stage}: {done} of {total}",
        "build.done": "Done: {projects} projects, {chunks} passages ({embedded} new, "
        "{reused} reused) in {seconds:.1f} s",
        "build.failed": "Indexing failed – the previous index is still in use. Reason: {error}",
        "build.failed_first": "Indexing failed: {error}",
        "build.lexical": "Project records and keyword search are ready – ask away while the "
        "meaning vectors are computed",
        "build.lexical_only": "Meaning-based search is still being built, so answers come from "
        "the project records and keyword search.",
        "build.dense_progress": "Meaning-based search is being built: {done} of {total} texts "
        "done.",
        "build.behind": "The index is being rebuilt in the background – the current one is used "
        "until the new one is ready.",
        "build.waiting": "The index is being built ({stage}) – the project records can be asked "
        "about in a few seconds.",
        "build.added": "Added files",
        "build.changed": "Changed files",
        "build.removed": "Removed files",
        "build.duplicates": "Duplicates (the first one was kept)",
        "build.problems": "Problems while reading",
        "chat.title": "Ask the project bank",
        "chat.placeholder": "Ask about a project, e.g. “Who owns KC2?”",
        "chat.welcome": "Ask about the projects and the assistant answers with facts taken "
        "straight from the project texts – every statement has a numbered source you can open "
        "and copy. Follow-up questions work: “And who owns it?”",
        "chat.examples": "Try for example",
        "chat.thinking": "Searching the project texts …",
        "chat.sources": "Sources",
        "chat.see_also": "Nearest sources",
        "chat.not_answered": "Tip: name the project, ask for a fact (grant, owner, period, "
        "municipalities) or use **Search** to look for a topic.",
        "chat.open_section": "Open the section",
        "chat.cite": "Cite",
        "chat.cite_help": "Ready to paste into a report – copy it with the button in the box.",
        "chat.feedback": "Was this answer helpful?",
        "chat.comment": "Comment (optional)",
        "chat.comment_placeholder": "What was missing or wrong?",
        "chat.comment_send": "Send comment",
        "chat.feedback_thanks": "Thank you for your feedback!",
        "chat.comment_thanks": "Thank you! Your comment is saved.",
        "chat.feedback_failed": "The feedback could not be saved: {error}",
        "chat.conversation": "Conversation",
        "chat.export": "Export the conversation (Markdown)",
        "chat.clear": "Clear the conversation",
        "chat.empty_history": "No conversation yet.",
        "chat.error": "The question could not be answered: {error}",
        "chat.question_n": "Question {n}",
        "chat.generated": "Written by the language model {model} – every sentence checked "
        "against its source",
        "chat.extracted": "Taken directly from the sources",
        "export.generated": "Written by a language model – every sentence checked against its "
        "source.",
        "chat.writing": "The language model is writing – the answer is checked against the "
        "sources before it is shown …",
        "chat.removed": "Removed by the check",
        "removed.no_citation": "no citation",
        "removed.unknown_source": "cites a source that does not exist ({detail})",
        "removed.quote_not_verbatim": "the quote is not verbatim in the source",
        "removed.unsupported_number": "the number {detail} is not in the cited source",
        "removed.unsupported_name": "the name {detail} is not in the cited source",
        "removed.wrong_language": "wrong language",
        "removed.not_in_source": "is not about anything in the cited source",
        "example.grant": "How much ESF support did {name} get?",
        "example.tvv_grant": "How much funding was {name} granted?",
        "example.owner": "Who owns the project {name}?",
        "example.purpose": "What is the purpose of {name}?",
        "example.municipalities": "Which municipalities take part in {name}?",
        "example.topic": "Which projects work with coaching?",
        "cite.reference": "{quote}\n– {project}{owner}, section “{section}”. Source: {source}",
        "cite.chars": "characters {start}–{end}",
        "cite.quote": "“{text}”",
        "search.title": "Search the project bank",
        "search.caption": "Search understands meaning, not just exact words: “help back to "
        "work” also finds “återinträde i yrkeslivet”.",
        "search.query": "What are you looking for?",
        "search.placeholder": "e.g. social enterprise in rural areas",
        "search.filters": "Filters",
        "search.region": "Region",
        "search.owner": "Project owner / beneficiary",
        "search.program": "Programme",
        "search.municipality": "Municipality",
        "search.period": "Project period (years)",
        "search.all": "All",
        "search.reset": "Clear filters",
        "search.empty": "Type what you are looking for – a topic, a target group, a method or a "
        "project name. Use the filters to narrow to a region, an owner, a programme, a "
        "municipality or a period.",
        "search.no_hits": "No hits. Try other or fewer words, remove a filter or widen the period.",
        "search.no_hits_filtered": "No hits with the chosen filters. Remove a filter or widen "
        "the period.",
        "search.results": "Hits {first}–{last}",
        "search.score": "score {score:.3f}",
        "search.prev": "Previous",
        "search.next": "Next",
        "search.page": "Page {n}",
        "search.open": "Open in the project",
        "projects.title": "Projects",
        "projects.caption": "All indexed projects. Click a row (or “Open”) to see all of a "
        "project's facts and sections.",
        "projects.filter": "Filter the table",
        "projects.filter_placeholder": "name, owner, region, programme or municipality",
        "projects.count": "{shown} of {total} projects",
        "projects.none": "No project matches the filter.",
        "col.name": "Project",
        "col.owner": "Owner",
        "col.region": "Region",
        "col.program": "Programme",
        "col.start": "Start",
        "col.end": "End",
        "col.grant": "Grant (SEK)",
        "col.budget": "Budget (SEK)",
        "col.msek": "Grant (million SEK)",
        "col.link": "Page",
        "col.open": "Open",
        "col.year": "Year",
        "col.projects": "Projects",
        "chart.tabs_region": "Grant per region",
        "chart.tabs_top": "Largest projects",
        "chart.tabs_timeline": "Timeline",
        "chart.region_caption": "Total grant per region for the projects in the table.",
        "chart.top_caption": "The {n} projects in the table with the largest grants.",
        "chart.timeline_caption": "Project periods of the {n} largest projects in the table.",
        "chart.no_data": "No amounts or periods to show for this selection.",
        "project.back": "All projects",
        "project.missing": "The project {id} is not in the index. It may have been removed by a "
        "re-index.",
        "project.contents": "Contents",
        "project.source": "Source file: {source}",
        "project.external": "The project's page at the source",
        "project.grant": "Grant",
        "project.budget": "Total budget",
        "project.period": "Period",
        "project.highlight": "Highlighted: the quote the link points to.",
        "kind.esf": "ESF Council project bank",
        "kind.tvv": "Tillväxtverket project bank",
        "kind.doc": "Document",
        "index.title": "Index",
        "index.caption": "What the assistant can answer from: the indexed project texts.",
        "index.none": "There is no index yet. Upload project texts below or build the index "
        "from `{data_dir}`.",
        "index.projects": "Projects",
        "index.chunks": "Text passages",
        "index.documents": "Files",
        "index.size": "Size",
        "index.embedder": "Meaning model",
        "index.llm": "Answer-writing model",
        "index.llm_none": "none – answers are taken directly from the sources",
        "index.built": "Built",
        "index.paths": "Indexed from",
        "index.stale": "The files have changed since the index was built. Re-index to include "
        "the changes.",
        "index.upload_title": "Add project texts",
        "index.upload_help": "Page text from the ESF Council project bank (.txt), Markdown "
        "(.md), HTML (.html) or the Tillväxtverket CSV export (.csv), at most {limit}. Files are "
        "checked before they are saved in `{data_dir}`; bad files are rejected with a reason.",
        "index.upload": "Choose files",
        "index.add": "Add and re-index",
        "index.rebuild_title": "Re-index",
        "index.rebuild_help": "Reads everything again from {paths} and builds a new index. The "
        "old index serves until the new one is ready; if the build fails, it stays.",
        "index.rebuild": "Re-index now",
        "admin.token": "Administrator token",
        "admin.ask_token": "Uploading files and re-indexing need the administrator token.",
        "admin.wrong_token": "Wrong administrator token.",
        "admin.ask_login": "Uploading files and re-indexing need an administrator to log in.",
        "admin.login": "Log in",
        "admin.logout": "Log out",
        "admin.logged_in": "Logged in as {email}.",
        "admin.not_admin": "{email} may not change the index (ASSISTANT_ADMIN_EMAILS).",
        "admin.remote": "The index can only be changed here when the app runs on this machine "
        "(localhost) or with an administrator token (ASSISTANT_ADMIN_TOKEN); otherwise with "
        "`assistant index`.",
        "index.build": "Build the index",
        "index.last_build": "Last indexing",
        "index.missing_path": "The path {path} no longer exists and is skipped.",
        "upload.saved": "{name}: saved – {projects} project(s) found.",
        "upload.renamed": "{name}: another file already has that name, saved as {saved} – "
        "{projects} project(s) found.",
        "upload.same": "{name}: the file is already in {data_dir} with the same content.",
        "upload.bad_name": "{name}: invalid file name.",
        "upload.bad_type": "{name}: unsupported file type ({suffix}). Use .txt, .md, .html or "
        ".csv.",
        "upload.too_big": "{name}: the file is {size} – over the limit of {limit}.",
        "upload.empty": "{name}: the file is empty.",
        "upload.unreadable": "{name}: the file could not be read as project text. {detail}",
        "upload.no_projects": "{name}: no projects were found in the file. {detail}",
        "upload.duplicate": "{name}: the projects are already indexed ({detail}); the file was "
        "not saved.",
        "upload.write_failed": "{name}: the file could not be saved: {detail}",
        "upload.none_saved": "No new files were saved, so the index is not rebuilt.",
        "feedback.title": "Ratings",
        "feedback.count": "{n} ratings of answers (thumbs up or down, with comments).",
        "feedback.download": "Download ratings (CSV)",
        "feedback.failed": "The ratings could not be read: {error}",
    },
}


ANSWER_TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "answer.not_stated": "Det framgår inte av projekttexterna.",
        "answer.see_closest": " Se även de närmaste källorna nedan.",
        "answer.ask_hint": "Skriv en fråga om ett projekt, till exempel ”Hur mycket ESF-stöd fick "
        "KC2?”",
        "answer.too_long": "Frågan är för lång ({n} tecken). Korta den till högst {limit} tecken.",
        "answer.grant": "{name} beviljades {value} i stöd {mark}.",
        "answer.grant_esf": "{name} beviljades {value} i ESF-stöd {mark}.",
        "answer.value": "{Label} för {name}: {value} {mark}.",
        "answer.period": "Projektperioden för {name} är {start} till {end} {mark}.",
        "answer.list": "{name} har {n} {label}: {items} {mark}.",
        "answer.list_one": "{label} för {name}: {items} {mark}.",
        "answer.missing_field": "Det framgår inte av projekttexterna. Projekttexten för {name} "
        "anger ingen {label}.",
        "answer.which_project": "Vilket projekt menar du? Skriv projektets namn, till exempel ”Vem "
        "är kontaktperson för KC2?”",
        "answer.according": "Enligt {name} ({section}): {body}",
        "answer.stands_for": "{short} står för ”{long}” {mark}.",
        "answer.quote": "”{quote}” {mark}",
        "answer.quoted": "”{text}”",
        "answer.not_found": "Jag hittar inget projekt som heter ”{name}” i källorna.",
        "answer.no_such_name": (
            "Jag hittar ingen organisation, plats eller projekt som heter ”{name}” i källorna."
        ),
        "answer.did_you_mean": " Menade du: {names}?",
        "answer.and": " och ",
        "answer.part_missing": "{part}: det framgår inte av projekttexterna.",
        "answer.part_label": "Om {what}",
        "answer.cross.none": "Inga projekt {desc} finns i källorna.",
        "answer.cross.max": "Störst beviljat stöd bland {n} projekt {desc} har {best}:",
        "answer.cross.min": "Minst beviljat stöd bland {n} projekt {desc} har {best}:",
        "answer.cross.total": "Sammanlagt beviljades {total} till {n} projekt {desc}:",
        "answer.cross.total_more": "Sammanlagt beviljades {total} till {n} projekt {desc} (de "
        "största visas):",
        "answer.cross.list": "{n} projekt {desc}:",
        "answer.cross.list_one": "1 projekt {desc}:",
        "answer.cross.list_more": "{n} projekt {desc} (de {limit} första visas):",
        "answer.cross.more": " … och {n} till.",
        "answer.namesakes": (
            "Obs: {n} projekt heter {name}. Svaret gäller projektet i {this}; de andra: {others}."
            " Nämn programområdet eller startåret för att fråga om ett annat."
        ),
        "answer.cross.matched": "Stödmottagaren skrivs i källorna {written}.",
        "rel.cofinanciers": "med {v} som medfinansiär",
        "rel.partners": "med {v} som samarbetspartner",
        "rel.owner": "där {v} är projektägare eller stödmottagare",
        "rel.municipalities": "i kommunen {v}",
        "rel.counties": "i {v} län",
        "rel.counties_named": "i {v}",
        "rel.region": "i regionen {v}",
        "rel.program": "i programmet {v}",
        "rel.named": "med ”{v}” i namnet",
        "rel.period": "som pågick {years}",
        "rel.none": "i källorna",
        "answer.place.none": "Inget projekt i källorna ligger i {place}.",
        "answer.topic.head": "{n} av {total} projekt {desc} handlar om ”{topic}”:",
        "answer.topic.none": "Av {total} projekt {desc} handlar inget om ”{topic}”, så långt "
        "projekttexterna visar.",
        "answer.semantic.head": "De projekt vars texter bäst motsvarar frågan:",
        "answer.describe.one": "Det projekt som bäst motsvarar beskrivningen är {name}: {quote}",
        "answer.describe.also": "Även {name} liknar beskrivningen: {quote}",
        "answer.describe.none": "Inget projekt i källorna motsvarar beskrivningen.",
        "answer.compare.more": "{a} har alltså {diff} mer i {label} än {b}.",
        "answer.compare.no_value": "{label} framgår inte",
        "answer.compare.longer": "{a} pågick alltså längre ({da} dagar) än {b} ({db} dagar).",
        "answer.compare.started": "{a} startade alltså först ({da}), {b} senare ({db}).",
        "answer.compare.ended": "{a} slutade alltså senare ({da}), {b} tidigare ({db}).",
        "answer.compare.together": "Tillsammans: {total} för {names}.",
        "answer.compare.shared": "Gemensamt för båda: {what}.",
        "answer.compare.same": "samma {label} ({value}) {marks}",
        "answer.compare.shared_list": "{label} {items} {marks}",
        "answer.compare.nothing_shared": "De har ingen projektägare, region, kommun, medfinansiär "
        "eller samarbetspartner gemensamt.",
        "answer.compare.aim": "Syfte för {name}: {quote}",
        # model-written answers (assistant.generate)
        "answer.llm.removed": "({n} mening(ar) i språkmodellens svar togs bort eftersom "
        "källorna inte styrkte dem.)",
        "answer.llm.unverified": "Språkmodellens svar kunde inte styrkas av källorna och visas "
        "inte; svaret nedan är hämtat direkt ur källorna.",
        "answer.llm.empty": "Språkmodellen gav inget svar; svaret nedan är hämtat direkt ur "
        "källorna.",
        "answer.llm.no_answer": "Språkmodellen fann inget svar i källorna; svaret nedan är "
        "hämtat direkt ur källorna.",
        "answer.llm.fallback": " Svaret nedan är hämtat direkt ur källorna.",
        "answer.llm.retry": " – försök igen om {seconds} s",
        "answer.llm.error.timeout": "Språkmodellen svarade inte i tid.",
        "answer.llm.error.unreachable": "Språkmodellen kan inte nås just nu.",
        "answer.llm.error.rate_limited": "Språkmodellen är upptagen (för många frågor){retry}.",
        "answer.llm.error.refused": "Språkmodellen avböjde frågan.",
        "answer.llm.error.server": "Språkmodellen svarade med ett serverfel.",
        "answer.llm.error.cut": "Språkmodellens svar avbröts innan det var klart.",
        "answer.llm.error.failed": "Språkmodellen kunde inte skriva ett svar.",
    },
    "en": {
        "answer.not_stated": "The project texts do not say.",
        "answer.see_closest": " See the closest sources below.",
        "answer.ask_hint": "Please ask a question about a project, e.g. “How much ESF support did "
        "KC2 get?”",
        "answer.too_long": "The question is too long ({n} characters). Keep it under {limit}.",
        "answer.grant": "{name} was granted {value} {mark}.",
        "answer.grant_esf": "{name} was granted {value} of ESF support {mark}.",
        "answer.value": "The {label} of {name} is {value} {mark}.",
        "answer.period": "The project period of {name} is {start} to {end} {mark}.",
        "answer.list": "{name} has {n} {label}: {items} {mark}.",
        "answer.list_one": "The {label} of {name} is {items} {mark}.",
        "answer.missing_field": "The project texts do not say. The text of {name} gives no "
        "{label}.",
        "answer.which_project": "Which project do you mean? Name it, e.g. “Who is the contact "
        "person for KC2?”",
        "answer.according": "According to {name} ({section}): {body}",
        "answer.stands_for": "{short} stands for “{long}” {mark}.",
        "answer.quote": "“{quote}” {mark}",
        "answer.quoted": "“{text}”",
        "answer.not_found": "I found no project called “{name}” in the sources.",
        "answer.no_such_name": (
            "I found no organisation, place or project called “{name}” in the sources."
        ),
        "answer.did_you_mean": " Did you mean: {names}?",
        "answer.and": " and ",
        "answer.part_missing": "{part}: the project texts do not say.",
        "answer.part_label": "On {what}",
        "answer.cross.none": "No projects {desc} are in the sources.",
        "answer.cross.max": "Of {n} projects {desc}, {best} has the largest grant:",
        "answer.cross.min": "Of {n} projects {desc}, {best} has the smallest grant:",
        "answer.cross.total": "In total {total} was granted to {n} projects {desc}:",
        "answer.cross.total_more": "In total {total} was granted to {n} projects {desc} (largest "
        "shown):",
        "answer.cross.list": "{n} projects {desc}:",
        "answer.cross.list_one": "1 project {desc}:",
        "answer.cross.list_more": "{n} projects {desc} (first {limit} shown):",
        "answer.cross.more": " … and {n} more.",
        "answer.namesakes": (
            "Note: {n} projects are called {name}. This answer is about the one in {this}; the"
            " others: {others}. Name the programme area or the start year to ask about another."
        ),
        "answer.cross.matched": "The sources write the beneficiary {written}.",
        "rel.cofinanciers": "with {v} as co-financier",
        "rel.partners": "with {v} as partner",
        "rel.owner": "owned by {v}",
        "rel.municipalities": "in the municipality of {v}",
        "rel.counties": "in {v} county",
        "rel.counties_named": "in {v}",
        "rel.region": "in the region {v}",
        "rel.program": "in the programme {v}",
        "rel.named": "named “{v}”",
        "rel.period": "running in {years}",
        "rel.none": "in the sources",
        "answer.place.none": "No project in the sources is in {place}.",
        "answer.topic.head": "{n} of {total} projects {desc} are about “{topic}”:",
        "answer.topic.none": "None of the {total} projects {desc} is about “{topic}”, as far as "
        "the project texts show.",
        "answer.semantic.head": "The projects whose texts best match the question:",
        "answer.describe.one": "The project that best matches the description is {name}: {quote}",
        "answer.describe.also": "{name} also resembles the description: {quote}",
        "answer.describe.none": "No project in the sources matches the description.",
        "answer.compare.more": "So {a} has {diff} more {label} than {b}.",
        "answer.compare.no_value": "{label} not stated",
        "answer.compare.longer": "So {a} ran longer ({da} days) than {b} ({db} days).",
        "answer.compare.started": "So {a} started first ({da}), {b} later ({db}).",
        "answer.compare.ended": "So {a} ended later ({da}), {b} earlier ({db}).",
        "answer.compare.together": "Together: {total} for {names}.",
        "answer.compare.shared": "Shared by both: {what}.",
        "answer.compare.same": "the same {label} ({value}) {marks}",
        "answer.compare.shared_list": "{label} {items} {marks}",
        "answer.compare.nothing_shared": "They share no owner, region, municipality, co-financier "
        "or partner.",
        "answer.compare.aim": "Purpose of {name}: {quote}",
        "answer.llm.removed": "({n} sentence(s) of the language model's answer were removed "
        "because the sources did not support them.)",
        "answer.llm.unverified": "The language model's answer could not be verified against "
        "the sources and is not shown; the answer below is taken directly from the sources.",
        "answer.llm.empty": "The language model gave no answer; the answer below is taken "
        "directly from the sources.",
        "answer.llm.no_answer": "The language model found no answer in the sources; the answer "
        "below is taken directly from the sources.",
        "answer.llm.fallback": " The answer below is taken directly from the sources.",
        "answer.llm.retry": " – try again in {seconds} s",
        "answer.llm.error.timeout": "The language model did not answer in time.",
        "answer.llm.error.unreachable": "The language model cannot be reached right now.",
        "answer.llm.error.rate_limited": "The language model is busy (too many requests){retry}.",
        "answer.llm.error.refused": "The language model refused the question.",
        "answer.llm.error.server": "The language model answered with a server error.",
        "answer.llm.error.cut": "The language model's answer was cut off before it was done.",
        "answer.llm.error.failed": "The language model could not write an answer.",
    },
}

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "grant_sek": ("beviljat stöd", "granted support"),
    "grant_eur": ("beviljat stöd i euro", "grant in euro"),
    "budget_sek": ("total projektbudget", "total budget"),
    "public_funding_sek": ("offentlig finansiering", "public funding"),
    "owner": ("projektägare", "project owner"),
    "contact": ("kontaktperson", "contact person"),
    "email": ("e-postadress", "e-mail address"),
    "phone": ("telefonnummer", "phone number"),
    "region": ("region", "region"),
    "program": ("programområde", "programme area"),
    "priority": ("insatsområde", "priority axis"),
    "phase": ("projektfas", "project phase"),
    "status": ("status", "status"),
    "case_id": ("ärende-id", "case id"),
    "period": ("projektperiod", "project period"),
    "cofinanciers": ("medfinansiärer", "co-financiers"),
    "partners": ("samarbetspartners", "partners"),
    "municipalities": ("kommuner", "municipalities"),
    "counties": ("län", "counties"),
    "background": ("bakgrund", "background"),
    "purpose": ("syfte", "purpose"),
    "goals": ("mål", "goals"),
    "summary": ("sammanfattning", "summary"),
    "accessibility": ("tillgänglighet", "accessibility"),
    "gender": ("jämställdhet", "gender equality"),
    "transnational": ("transnationellt samarbete", "transnational cooperation"),
    "description": ("beskrivning", "description"),
}
_BY_KIND: dict[tuple[str, str], tuple[str, str]] = {
    ("tvv", "owner"): ("stödmottagare", "beneficiary"),
    ("tvv", "contact"): ("projektledare", "project manager"),
    ("esf", "grant_sek"): ("beviljat ESF-stöd", "granted ESF support"),
}
for _lang, _table in ANSWER_TEXTS.items():
    TEXTS[_lang].update(_table)


ONE = {
    "cofinanciers": ("Medfinansiär", "co-financier"),
    "partners": ("Samarbetspartner", "partner"),
    "municipalities": ("Kommun", "municipality"),
    "counties": ("Län", "county"),
}


def field_name(key: str, lang: str, kind: str = "") -> str:
    """What a field, list or section is called, in ``lang`` (as a project of ``kind`` says it)."""
    sv, en = _BY_KIND.get((kind, key)) or FIELD_NAMES.get(key, (key, key))
    return sv if lang == "sv" else en


def join_words(items: list[str], lang: str) -> str:
    """``a, b och c`` / ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t(lang, "answer.and") + items[-1]


def t(lang: str, key: str, **values: object) -> str:
    """The UI text ``key`` in ``lang`` (Swedish when missing), formatted with ``values``."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANGUAGE])
    template = table.get(key) or TEXTS[DEFAULT_LANGUAGE].get(key, key)
    return template.format(**values) if values else template


def kind_text(lang: str, kind: str) -> str:
    """The name of the project bank a kind of project comes from (the kind itself if unknown)."""
    return t(lang, f"kind.{kind}") if kind in PROJECT_KINDS else kind

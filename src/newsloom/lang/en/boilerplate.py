"""Site furniture: the generic boilerplate of news sites and content-management systems
(WordPress, Drupal, Ghost, scraper themes), not phrases from any one corpus, in English and
in the stock translations of the major European languages that themes ship with (German,
French, Spanish, Portuguese, Italian, Polish, Dutch). Each phrase is a regex source that
matches a whole line, case-insensitively, after trailing punctuation is dropped.
"""

from __future__ import annotations

# Whole-line boilerplate, grouped by the reason reported for it.
BOILERPLATE: dict[str, tuple[str, ...]] = {
    "comment form": (
        r"leave a (reply|comment)", r"post a comment", r"add a comment", r"comments?",
        r"please enter your (comment|name|email)( here)?!?", r"your email address will not be published",
        r"required fields are marked \*?", r"cancel reply",
        r"save my name, email,? and website.*",
        r"you must be logged in to post a comment", r"\d+ comments?", r"no comments( yet)?",
        r"join the (conversation|discussion)", r"be the first to comment",
        r"(view|show|read|see) (all )?(\d+ )?comments?( \(\d+\))?",
        # the same forms in other languages' themes
        r"(\d+ |keine |no hay |aucun )?(kommentare?|commentaires?|comentarios?|commenti|komentarze?|reacties)"
        r"( insgesamt)?:?( \d+)?( \(.*\))?",
        r"(schreibe|schreiben sie|hinterlasse) einen kommentar", r"kommentar (schreiben|verfassen|abgeben)",
        r"(laisser|ajouter) un commentaire", r"(deja|dejar|escribe) (un|tu) comentario", r"lascia un commento",
        r"(du musst|sie müssen) (eingeloggt|angemeldet) sein,? um .*zu (schreiben|kommentieren).*",
    ),
    "share prompt": (
        r"share( (this|post|this post|this article|on \w+))?:?", r"share this:?", r"like this:?",
        r"tweet", r"pin it", r"email", r"print", r"whatsapp", r"facebook", r"twitter", r"linkedin",
        r"telegram", r"reddit", r"copy link", r"click to share on .*", r"follow us( on .*)?",
        r"share on (facebook|twitter|x|linkedin|whatsapp)", r"rate this:?",
        r"(diesen )?(artikel |beitrag )?teilen( mit| auf .*)?:?", r"gefällt mir:?", r"bewerten:?", r"drucken",
        r"partager( (sur|cet article) .*)?:?", r"imprimer", r"compartir( (en|este artículo) .*)?:?", r"imprimir",
        r"compartilhar", r"condividi", r"udostępnij", r"delen",
    ),
    "related links": (
        r"related( posts| articles| stories| news| content| coverage)?:?", r"more like this",
        r"more (stories|news|from .*)", r"popular( posts| now| stories)?", r"trending( now)?",
        r"most (read|popular|viewed|shared)", r"read (more|also|next)( .*)?:?", r"read (more|also|next):.*",
        r"also read:?.*", r"related( stories| articles| coverage)?:.*",
        r"recommended( for you| stories)?", r"you (may|might) also like", r"see also:?",
        r"editor'?s picks?", r"latest( news| posts| stories)?", r"top stories", r"in other news",
        r"don'?t miss", r"what to read next", r"continue reading",
        # "read also: <headline>" and its kin in other languages
        r"(lesen sie|lies) (auch|mehr|weiter)\b.*", r"(das )?könnte (sie|dich) auch interessieren.*",
        r"mehr zum thema\b.*", r"weitere (artikel|beiträge|meldungen|nachrichten|themen)( zum thema\b.*)?",
        r"schon gelesen\??",
        r"(à )?lire aussi\b.*", r"(à )?voir aussi\b.*", r"sur le même sujet",
        r"(lea|lee|leer|ver|vea) (también|además|más)\b.*", r"lea:.*", r"(le|te) puede interesar\b.*",
        r"(notas|noticias|artículos) relacionad[oa]s", r"te recomendamos\b.*",
        r"(leia|veja) (também|mais)\b.*", r"saiba mais\b.*", r"leggi anche\b.*", r"potrebbe interessarti\b.*",
        r"(czytaj|zobacz) (też|także|również|więcej)\b.*", r"lees ook\b.*", r"(puedes|podés) ver:.*", r"mira:.*",
    ),
    "source link": (r"source link", r"source", r"original (source|article)", r"view source"),
    "subscription prompt": (
        r"subscribe( (now|today)\b.*| to our newsletter.*)?", r"sign up( for .*)?( newsletter)?.*",
        r"to (continue reading|read the full (story|article)|view the full (story|article))\b.*",
        r"pour (lire la suite|accéder en illimité)\b.*", r"(jetzt )?(newsletter )?abonnieren",
        r"get the latest .* in your inbox", r"newsletter", r"join our (newsletter|mailing list).*",
        r"support (our|independent) journalism.*", r"donate( now)?",
        r"become a (member|subscriber)",
        r"already a subscriber\?.*", r"log ?in", r"sign in", r"register",
    ),
    "advertisement": (r"advertisement", r"sponsored( content)?", r"ad", r"promoted", r"scroll to continue.*"),
    "site footer": (
        r"(copyright )?© ?.*", r"all rights reserved\.?", r"privacy policy",
        r"terms (of use|of service|and conditions)",
        r"cookie (policy|settings)", r"we use cookies.*", r"(this|our) (web)?site uses cookies.*",
        r"cookie (notice|consent|banner):?.*", r".*\[(ok|yes|no|accept|accept all|accept cookies|agree|i agree)\]",
        r"accept( all)?( cookies)?", r"contact us", r"about us",
        r"back to top", r"skip to (main )?content", r"menu", r"search", r"home",
    ),
    "tags": (
        r"tags?:.*", r"filed under:?.*", r"categor(y|ies):.*", r"topics?:.*", r"posted in .*",
        r"(kategorien?|schlagwörter|catégories?|étiquettes|categorías?|etiquetas):.*",
    ),
    "flag": (r"breaking( news)?", r"just in", r"developing( story)?", r"exclusive", r"live( updates)?"),
    "media prompt": (
        r"(watch|listen)( now| the video| live)?:?", r"play video", r"video", r"photo gallery", r"view gallery",
        r"bild(er)? anzeigen", r"(zur )?bildergalerie",
    ),
}

# Section labels that open a story as a dateline would ("EXCLUSIVE — …", "FACT CHECK — …"):
# no place.
SECTION_LABELS = frozenset({
    "exclusive", "analysis", "watch", "fact check", "live", "live updates", "editorial", "breaking",
    "breaking news", "update", "updated", "opinion", "review", "comment", "explainer", "interview", "photos",
    "video", "just in", "developing", "factbox", "special report", "investigation", "correction",
    "commentary", "obituary", "watch live", "live blog", "podcast", "gallery", "feature", "news",
})

# Labels that introduce metadata; alone on a line, with no value, they are empty furniture.
METADATA_LABELS = r"(by|author|authors|date|published|posted|updated|posted on|written by|source|photo|image)"

# Headings of editorial boxes whose following paragraph is the box, not the story.
BOX_HEADINGS = (
    r"why we wrote this", r"key takeaways", r"at a glance", r"in brief", r"the big picture",
    r"what you need to know", r"quick read", r"summary", r"tl;?dr",
)

# Photo-credit and caption cues.
CAPTION_CUES = (
    r"\((photo|photograph|image|picture|file photo|credit)s?\s*[:/].*\)",
    r"\b(photo|photograph|image|picture)\s*(by|credit|courtesy)\b", r"\bgetty images\b",
    r"\b(ap|afp|reuters|epa|efe|anadolu|xinhua|tass)\s+photo\b", r"/(afp|reuters|ap|epa|getty)\b",
    r"^(photo|image|caption|pictured|file photo)\s*[:\-–—]", r"\bfile photo\b",
    r"^(fotos?|bild|titelbild|bildquelle|crédits? photos?|zdjęcie|imagen|immagine|image illustrative)\s*[:\-–—]",
    r"^fot\.\s",
    r"(^|[\s|.])©\s*[^©\d][^©]{1,60}$",  # a caption ends in its photo credit: "… © Lena Holt / Agency"
)

"""Outlet words: what makes a capitalised name an outlet, outlets known by name, the wire
services with their codes, and social platforms."""

from __future__ import annotations

#: Words that make a capitalised name an outlet rather than a person.
OUTLET_WORDS = frozenset({
    "news", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "guardian",
    "observer", "chronicle", "mail", "express", "daily", "weekly", "wire", "press", "agency",
    "media", "tv", "television", "radio", "broadcasting", "network", "magazine", "review",
    "report", "reporter", "monitor", "standard", "independent", "star", "sun", "mirror",
    "today", "insider", "digest", "bulletin", "dispatch", "courier", "examiner", "inquirer",
    "record", "globe", "world", "online", "newswire", "channel", "ledger", "sentinel",
    "register", "bugle", "clarion", "beacon", "advocate", "leader", "argus", "mercury", "echo",
    "enquirer", "citizen", "pioneer", "almanac", "spectator", "economist", "post-gazette",
})

#: Outlets whose names carry no outlet word: international agencies and broadcasters.
KNOWN_OUTLETS = frozenset({
    "AP", "AFP", "Reuters", "Bloomberg", "CNN", "BBC", "NPR", "PBS", "ABC", "CBS", "NBC",
    "Fox", "MSNBC", "CNBC", "Axios", "Politico", "Al Jazeera", "Xinhua", "TASS", "Interfax",
    "RIA Novosti", "Kyodo", "Yonhap", "ANSA", "EFE", "DPA", "Anadolu", "UPI", "Euronews",
    "Deutsche Welle", "DW", "France 24", "RFE/RL", "Sky", "ITV", "Vox", "Vice", "Semafor",
    "Kommersant", "Vedomosti", "Meduza", "Ukrinform", "Le Monde", "Der Spiegel", "Spiegel",
    "El País", "Haaretz", "Asahi", "Nikkei", "Caixin", "Yle", "NHK", "CBC", "ABC News",
})
#: Wire services by full name, with the code they go by.
WIRE_NAMES = {"associated press": "AP", "agence france-presse": "AFP", "agence france presse": "AFP",
              "united press international": "UPI", "thomson reuters": "Reuters", "reuters": "Reuters",
              "deutsche presse-agentur": "dpa"}
#: Wire codes in a dateline's parentheses ("New York (AFP) –").
WIRE_CODES = ("AP", "AFP", "Reuters", "UPI", "dpa", "DPA", "Xinhua", "TASS", "EFE", "ANSA", "Kyodo", "Yonhap", "AAP",
              "PTI", "IANS", "Bernama", "Anadolu")
#: What a dateline's parentheses hold that is no agency ("TARROW (Staff report) —").
NOT_AGENCIES = frozenset({"staff", "staff report", "staff reports", "press release", "wires", "wire reports",
                          "agencies", "local", "file"})
#: Words a greedy match of an outlet's name takes along ("Coastline Wire reported").
OUTLET_TRAILING_WORDS = frozenset({"on", "in", "at", "by", "that", "the", "of", "and", "earlier", "reported"})

#: Social platforms (an ORG that is one becomes PLATFORM).
PLATFORMS = frozenset({"Truth Social", "Twitter", "X", "Facebook", "Instagram", "Telegram", "YouTube",
                       "TikTok", "WhatsApp", "Threads", "Bluesky", "Reddit", "LinkedIn", "Snapchat",
                       "WeChat", "Weibo", "VKontakte", "Signal", "Substack", "Rumble", "Gab", "Parler"})

"""Words that tell what kind of source a chain link is: outlet, government, person, anonymous.

Used by :mod:`claimgraph.nlp.attribution.chains`; general English news vocabulary, not tuned to any text.
"""

from __future__ import annotations

import re

#: Names of news organisations (link kind ``outlet``).
OUTLET_RE = re.compile(
    r"\b(?:Post|Times|News|Reuters|AP|AFP|BBC|CNN|MSNBC|NBC|CBS|ABC|Fox|NPR|PBS|TV|Radio|"
    r"Journal|Gazette|Herald|Tribune|Press|Telegraph|Guardian|Observer|Independent|Daily|"
    r"Magazine|Newsweek|Bloomberg|Politico|Axios|Breitbart|Xinhua|Interfax|TASS|RIA|"
    r"Al Jazeera|Anadolu|Sputnik|Euronews|Economist|Chronicle|Inquirer|Monitor|Dispatch|"
    r"Courier|Globe|Standard|Mirror|Sun|Express|Wire|Newswire|Broadcasting|Television|"
    r"Channel|Network|Agency|Times of|Haaretz|Kommersant|Izvestia|Wikileaks|HuffPost|"
    r"Huffington|Vox|Slate|Salon|Atlantic|New Yorker|Azernews|Trend|APA|Report\.az|[A-Za-z]+\.com)\b"
)
#: Names/words that mark government bodies (link kind ``government``); checked first.
GOVERNMENT_RE = re.compile(
    r"\b(?:Ministry|Ministries|Minister|Government|Police|Army|Military|Forces|Force|Navy|"
    r"Security|Intelligence|Department|Pentagon|White House|Kremlin|Parliament|Congress|"
    r"Senate|Prosecutor|Prosecutors|Embassy|Cabinet|Presidency|Administration|Office|"
    r"Guard|Service|Services|Bureau|Directorate|Command|Council|Court|Commission|FBI|CIA|"
    r"NSA|KGB|FSB|MI5|MI6|Mossad|IRGC|Quds)\b"
)
#: Common nouns heading a source mention, by link kind.
OUTLET_NOUNS = frozenset(
    "newspaper paper outlet daily tabloid broadcaster channel magazine website agency "
    "network station publication weekly".split()
)
GOVERNMENT_NOUNS = frozenset(
    "authorities authority police government ministry administration embassy prosecutors "
    "prosecutor military army regime cabinet parliament court officers".split()
)
ANONYMOUS_NOUNS = frozenset(
    "source sources official officials insider insiders people person someone witness "
    "witnesses resident residents analyst analysts expert experts observer observers critic "
    "critics diplomat diplomats aide aides".split()
)
PERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson minister president secretary senator governor "
    "mayor lawmaker leader chief director chairman chairwoman ceo founder lawyer attorney "
    "judge investigator rabbi priest imam bishop ambassador envoy general colonel "
    "commander professor doctor candidate nominee".split()
)
#: Descriptions that refer back to a news outlet named earlier ("the newspaper").
OUTLET_ANAPHORS = frozenset(
    "newspaper paper outlet daily agency broadcaster tabloid publication network channel site "
    "website magazine".split()
)

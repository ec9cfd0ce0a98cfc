"""Page furniture: the lines around an article that are not the article.

General rules, shared by the plain-text scrape reader and the HTML post-cleaner:
a lexicon of furniture phrases (navigation, share/follow, subscription pitches, cookie
notices, ads, "related"/"latest" lists), the shape of a line (length, sentence shape), and
— applied by the callers — position (furniture gathers before the first real paragraph
and after the last one).
"""

from __future__ import annotations

import re

#: A whole short line that is only furniture ("Share", "Read more", "Loading...").
_WHOLE_LINE = re.compile(
    r"^\W*(?:"
    r"read (?:more|next|also|full (?:story|article))\b.*|see (?:more|also|all)\w*(?:\s*:.*)?|"
    r"more (?:on this story|stories|news)|don[’']?t miss\b.*|like this (?:story|article)\?.*|"
    r"also on \w+\.\w+\b.*|order reprints|print (?:this )?article|text size|by|"
    r"share(?: (?:this|on|via)\b.*)?|tweet|print|email|e-mail|comments?|reply|"
    r"subscribe(?: now| today)?|sign (?:up|in)|log ?in|register|menu|search|home|skip to (?:main )?content|"
    r"loading\W*|advertisement|advertising|sponsored(?: content)?|promoted|ad|"
    r"latest(?: news| stories| articles| updates| headlines)?(?:\W+see more\w*)?|"
    r"related(?: articles| stories| news| content| posts| coverage| topics)?(?::.*)?|"
    r"recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|top stories|"
    r"thank you\W*|thanks for reading\W*|back to top|next article|previous article|"
    r"photo|image|video|audio|listen(?: to (?:this )?article)?|watch|gallery|"
    r"facebook|twitter|x|linkedin|whatsapp|telegram|instagram|youtube|reddit|pinterest|copy link|"
    r"(?:\d+ )?min(?:ute)?s? read|tags?:.*|topics?:.*|filed under:?.*|category:.*|"
    r"all rights reserved.*|©.*|\(c\) \d{4}.*|copyright\b.*"
    r")\W*$",
    re.IGNORECASE,
)

#: Phrases that mark a line as furniture wherever it stands (even mid-article).
_PHRASES = re.compile(
    r"\b(?:"
    r"follow (?:us|me) on|follow @?\w+ on (?:twitter|facebook|instagram|x|telegram|linkedin|youtube|tiktok)|like us on facebook|join us on (?:facebook|twitter|telegram|whatsapp)|"
    r"(?:subscribe|sign up) (?:to|for) (?:our|my) |subscribe (?:now|today|here)\b|by subscribing\b|"
    r"subscribe on a\b|support (?:open|independent|quality|our) (?:\w+,? )*journalism|"
    r"(?:this|our) (?:site|website) uses cookies|we use cookies|accept (?:all )?cookies|"
    r"all rights reserved|click here (?:to|for)|download (?:our|the \w+) app|"
    r"already a (?:subscriber|member)\?|to continue reading|become a (?:member|subscriber) (?:today|now)|"
    r"reproduction (?:is )?(?:prohibited|without permission)"
    r")",
    re.IGNORECASE,
)

#: Weaker phrases, furniture only in the header block or after the last paragraph.
_EDGE_PHRASES = re.compile(
    r"\b(?:newsletter|subscription|subscribe|sign up|privacy policy|terms of (?:use|service)|"
    r"cookie (?:policy|settings|preferences|notice)|reporting by .{2,60}; editing by|"
    r"share (?:this|on)|copyright (?:©|\(c\)|\d{4})|advertis)",
    re.IGNORECASE,
)

#: A short stamp line ("Updated at 1:23 p.m.", "Published 3 hours ago"), furniture at the edges.
_EDGE_LINE = re.compile(
    r"^\W*(?:last )?(?:updated|published|posted|modified|first published)\b.{0,40}$", re.IGNORECASE
)

#: Cheap substring tests that every match of the phrase patterns passes (checked first).
_PHRASE_KEYS = (
    "follow",
    "like us",
    "join us",
    "subscri",
    "sign up",
    "journalism",
    "cookie",
    "rights reserved",
    "click here",
    "download",
    "already a",
    "continue reading",
    "become a",
    "reproduction",
)
_EDGE_KEYS = (
    "newsletter",
    "subscri",
    "sign up",
    "privacy",
    "terms of",
    "cookie",
    "editing by",
    "share",
    "copyright",
    "advertis",
)

_SOCIAL_HANDLE = re.compile(r"(?:^|\s)@\w{2,}")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W\d_]+")

#: Words of a real paragraph: at least this many, with a sentence end.
PARAGRAPH_WORDS = 18


def words(line: str) -> int:
    """Words of ``line`` (letter runs; long lines are counted by whitespace, which is cheaper)."""
    if len(line) > 400:
        return len(line.split())
    return len(_WORD.findall(line))


def _has_key(lower: str, keys: tuple[str, ...]) -> bool:
    for k in keys:
        if k in lower:
            return True
    return False


def is_sentence(line: str) -> bool:
    """Ends like a sentence (``.``, ``!``, ``?``, optionally followed by a closing quote)."""
    return bool(_SENTENCE_END.search(line.strip()))


def is_furniture(line: str) -> bool:
    """A line that is navigation, sharing, a pitch, a notice or an ad, by the lexicon."""
    s = line.strip()
    if not s:
        return False
    if len(s) <= 80 and _WHOLE_LINE.match(s):
        return True
    if len(s) > 800:  # far longer than any notice or pitch
        return False
    lower = s.lower()
    if _has_key(lower, _PHRASE_KEYS) and _PHRASES.search(s) and words(s) <= 60:
        return True
    return bool(
        "@" in s
        and _SOCIAL_HANDLE.search(s)
        and words(s) <= 25
        and re.search(r"\bfollow\b|\bon (?:twitter|x)\b", s, re.I)
    )


def is_edge_furniture(line: str) -> bool:
    """Furniture by the looser rules that hold in the header and after the body only."""
    s = line.strip()
    if is_furniture(s) or _EDGE_LINE.match(s):
        return True
    if len(s) > 400 or not _has_key(s.lower(), _EDGE_KEYS):
        return False
    return bool(_EDGE_PHRASES.search(s)) and words(s) <= 40


def is_reader_pitch(line: str) -> bool:
    """A short line that addresses the reader for the site (``we ... you``): a pitch, not news."""
    s = line.strip()
    if len(s) > 400:
        return False
    return words(s) <= 40 and bool(_SECOND_PERSON.search(s)) and bool(_FIRST_PLURAL.search(s))


def is_paragraph(line: str) -> bool:
    """A real article paragraph: long enough, sentence-shaped, not furniture."""
    s = line.strip()
    return words(s) >= PARAGRAPH_WORDS and is_sentence(s) and not is_furniture(s)

"""Paragraphs, sentences and quotation marks, all as offsets into the original text.

Every record the extractor proposes quotes the article verbatim, so nothing here rewrites the text:
spans are (start, end) offsets and the words are always `text[start:end]`.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

# A title or abbreviation ending in "." that does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col sgt capt maj gov sen rep st jr sr no vs etc inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m u.s u.n u.k e.g i.e approx est "
    "adm brig cmdr cpl pvt prof rev fr".split()
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words: `start`/`end` cover the words, `outer_start`/`outer_end` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    # Newspaper style: a quotation running on into the next paragraph has no closing mark at the
    # end of this one (the next paragraph opens with a new mark). Such a span ends at the paragraph.
    continued: bool = False


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    quotes: tuple[QuoteSpan, ...]


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


_ENTRY_MARKER = re.compile(
    r"[*•▪‣◦·]\s*(?:\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|local time))?\s*[–—:-]\s*)?"
    r"|\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|local time))?\s*[–—-]\s+",
    re.I,
)


def paragraphs(text: str) -> list[Paragraph]:
    """Each non-blank line is a paragraph: scraped articles separate paragraphs by one newline or two."""
    out: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Paragraph(len(out), start, end))
    return out


_OPEN_BOUNDARY = " \t([{—–-/\u00a0"


def find_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quoted passages in one paragraph; unmatched marks and apostrophes are ignored.

    A straight double quote opens after a boundary and closes otherwise; curly marks say which
    they are. A single mark only opens at a word boundary and only closes before a non-letter,
    so "don’t" and "protesters’ demands" never start or end a quotation.
    """
    out: list[QuoteSpan] = []
    double_open: int | None = None
    single_open: int | None = None
    guillemet_open: int | None = None
    for i in range(start, end):
        c = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if c in '"“”':
            opens = c == "“" or (c == '"' and (prev in _OPEN_BOUNDARY or i == start))
            if double_open is None:
                if opens and c != "”":
                    double_open = i
                    single_open = None
            elif c == "“":
                # An earlier mark was never closed: start again from this one.
                double_open = i
            else:
                out.append(_span(text, double_open, i))
                double_open = None
        elif c == "«":
            guillemet_open = i
        elif c == "»" and guillemet_open is not None:
            out.append(_span(text, guillemet_open, i))
            guillemet_open = None
        elif c in "‘'" and double_open is None and single_open is None:
            if (prev in _OPEN_BOUNDARY or i == start) and nxt.isalnum():
                single_open = i
        elif (
            c in "’'"
            and single_open is not None
            and not nxt.isalpha()
            and i - single_open > 1
            and not text[i - 1].isspace()
        ):
            out.append(_span(text, single_open, i))
            single_open = None
    if double_open is not None and _next_paragraph_opens_quote(text, end):
        q = _span(text, double_open, end)
        out.append(QuoteSpan(q.start, q.end, q.outer_start, end, continued=True))
    return [q for q in out if q.end > q.start and not _inscription(text, q)]


# 'a vehicle clearly marked "PRESS"': a word painted on a thing is no one's speech.
_MARKED = re.compile(
    r"\b(?:marked|labell?ed|inscribed|emblazoned\s+with|painted\s+with|stencil+ed)\s*$", re.I
)


def _inscription(text: str, q: QuoteSpan) -> bool:
    if len(re.findall(r"\w+", text[q.start : q.end])) > 4:
        return False
    return _MARKED.search(text, max(0, q.outer_start - 40), q.outer_start) is not None


def _next_paragraph_opens_quote(text: str, end: int) -> bool:
    """The paragraph after `end` starts with an opening double mark ('“We have …')."""
    i = end
    while i < len(text) and text[i].isspace():
        if text[i] == "\n":
            break
        i += 1
    if i >= len(text) or text[i] != "\n":
        return False
    while i < len(text) and text[i].isspace():
        i += 1
    return i < len(text) and text[i] in '"“'


def _span(text: str, open_mark: int, close_mark: int) -> QuoteSpan:
    start, end = open_mark + 1, close_mark
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSpan(start, end, open_mark, close_mark + 1)


def sentences(text: str, para: Paragraph, quotes: list[QuoteSpan]) -> list[Sentence]:
    """Split a paragraph at . ! ? (never inside a quotation, never after a known abbreviation)."""
    # Sorted and not overlapping: the span that can hold a position is the last one starting
    # before it (testing every span at every full stop was quadratic in a paragraph of quotes).
    inside: list[tuple[int, int]] = []
    for a, b in sorted((q.outer_start, q.outer_end) for q in quotes):
        if inside and a < inside[-1][1]:  # a quotation inside a quotation: one span
            inside[-1] = (inside[-1][0], max(inside[-1][1], b))
        else:
            inside.append((a, b))
    ordered = sorted(quotes, key=lambda q: q.outer_start)
    starts = [q.outer_start for q in ordered]
    cuts: list[int] = []
    for m in re.finditer(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])", text[para.start : para.end]):
        pos = para.start + m.start()
        # A full stop inside a quotation ends no sentence, unless it ends the quotation too.
        i = bisect_left(inside, (pos, -1)) - 1
        if i >= 0 and inside[i][0] < pos and para.start + m.end() < inside[i][1]:
            continue
        if text[pos] == ".":
            word = re.search(r"([A-Za-z.]+)$", text[max(para.start, pos - 40) : pos])
            if (
                word
                and (
                    word.group(1).lower() in _ABBREVIATIONS
                    # An initial ("John F. Kennedy"), but not the platform: "wrote on X. It said …".
                    or (
                        re.fullmatch(r"[A-Z]", word.group(1))
                        and not re.search(r"\b(?:on|via)\s$", text[max(para.start, pos - 5) : pos - 1])
                    )
                )
            ):
                continue
        cuts.append(para.start + m.end())
    out: list[Sentence] = []
    begin = para.start
    for cut in [*cuts, para.end]:
        s, e = begin, cut
        while s < e and text[s].isspace():
            s += 1
        # A live page's "• 02:35 – Kiper wrote: …": the bullet and the time stamp are no part of
        # the sentence (its subject is the first word after them).
        marker = _ENTRY_MARKER.match(text, s, e)
        if marker and marker.end() < e:
            s = marker.end()
        if s < e:
            qs = tuple(ordered[bisect_left(starts, s) : bisect_left(starts, e)])
            out.append(Sentence(s, e, para.index, qs))
        begin = cut
    return out


# A cheap language check: the share of very common function words. English news prose is
# around 25-40 %; other languages written in Latin script score well under 5 %.
_EN = frozenset(
    "the a an of to in and or is are was were be been has have had it its on for with as by at "
    "from that this which who said says not but he she they we".split()
)
_OTHER = {
    "fr": frozenset("le la les des du de et est une un dans pour que qui sur au aux pas ont été".split()),
    "de": frozenset("der die das und ist nicht ein eine den dem des mit von zu auf für sich wurde".split()),
    "es": frozenset("el la los las de y que en un una por con para del se es fue al".split()),
    "it": frozenset("il la di e che un una per non sono del della gli le nel è".split()),
    "pt": frozenset("o a os as de e que em um uma para com não do da no na foi".split()),
    "nl": frozenset("de het een en van is dat op te in niet met voor zijn werd".split()),
    "tr": frozenset("ve bir bu da de için ile olarak olan çok daha gibi".split()),
    "id": frozenset("dan yang di ini itu dengan untuk dari tidak ke pada akan".split()),
}
_SCRIPTS = [
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("fa", re.compile(r"[\u067e\u0686\u06af\u06cc]")),
]


def detect_language(text: str) -> str | None:
    """'en', another ISO 639-1 code, or None when the text is too short to tell."""
    sample = text[:20_000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < 20:
        return None
    scripts = {code: len(rx.findall(sample)) for code, rx in _SCRIPTS}
    code, count = max(scripts.items(), key=lambda kv: kv[1])
    if count > letters * 0.3:
        if code == "ar" and scripts["fa"] > count * 0.02:
            return "fa"
        return code
    words = re.findall(r"[a-zà-ÿçğış]+", sample.lower())
    if len(words) < 4:
        return None
    en = sum(w in _EN for w in words) / len(words)
    best, best_share = "en", en
    for lang, vocab in _OTHER.items():
        share = sum(w in vocab for w in words) / len(words)
        if share > best_share:
            best, best_share = lang, share
    if best == "en" and en < 0.08 and len(words) >= 20:
        return "und"
    return best


# Lines above or around the headline that are not the story: release markers, bylines, datelines
# of publication, reference numbers ("PRESS RELEASE", "By Jane Doe", "Published On 15 Aug 2024").
_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_BARE_DATE = (
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{{1,2}}\s+{_MONTH_WORD},?\s+\d{{4}}|"
    rf"{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    # "2:37 PM GMT+2", "14:37 UTC", "9.05am EST"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\w{2,4}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_FRONT_MATTER = re.compile(
    r"(?i:(?:press|news|media) release|for immediate release|breaking(?: news)?)|"
    rf"(?:By|BY)\s+(?!(?:{_MONTH_WORD}|\w+day|The|Then|Now|Late|Early)\b){_NAME}(?:\s*(?:,|and|&|\|)\s*{_NAME})*|"
    # ("Published: May. 25, 2025 at 10:05 PM CDT | Updated: May. 26, 2025 at 2:15 PM CDT")
    r"(?i:(?:first\s+)?(?:published|posted|updated|last updated)(?:\s+on)?:?)\s+.{0,100}|"
    r"(?i:(?:pr|ref|reference|release|press release)\s*(?:no|nr|number|#))\.?:?\s*[\w./-]+|"
    r"(?i:for (?:reference|more information|media (?:inquiries|enquiries))\s*:?)|"
    rf"(?i:{_BARE_DATE})|"
    # "10:05 p.m. Sunday", "09:02 GMT": a live page's stamp on a line of its own.
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?(?:,?\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?|"
    # "May 19 - 2025 EL FASHER": a date and the dateline's town in capitals.
    rf"(?:{_MONTH_WORD}\s+\d{{1,2}}\s*[-–]\s*\d{{4}}|{_BARE_DATE})(?:\s+[A-Z][A-Z .'’/-]{{2,60}})?"
)


def front_matter(line: str) -> bool:
    """A release marker, byline, publication date or reference number, not a headline or story."""
    return bool(_FRONT_MATTER.fullmatch(line.strip().rstrip(".")))

"""Counts written in digits or words ("2,500", "fifteen", "twenty-one", "a dozen")."""

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT_WORDS = "|".join(sorted((k for k in _UNITS if k != "zero"), key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)

# One alternative per way of writing a count; the order matters (longest first).
# "half a dozen" comes before "a dozen", or "half a dozen" would read as twelve.
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+"
    r"|half\s+a\s+dozen"
    rf"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+dozen"
    rf"|(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred"
    rf"|(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?"
    rf"|(?:{_UNIT_WORDS}))"
)


def parse_number(words: str) -> int | None:
    """The value of a string matched by NUMBER, or None."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", ""))
    if w == "half a dozen":
        return 6
    m = re.fullmatch(r"(a|\w+) (dozen|hundred)", w)
    if m:
        factor = 1 if m.group(1) == "a" else _UNITS.get(m.group(1))
        return None if factor is None else factor * (12 if m.group(2) == "dozen" else 100)
    if w in _UNITS:
        return _UNITS[w]
    m = re.fullmatch(rf"({_TEN_WORDS})(?:[- ]({_UNIT_WORDS}))?", w)
    if m:
        return _TENS[m.group(1)] + (_UNITS[m.group(2)] if m.group(2) else 0)
    return None


_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# "a third person had died": the count that the newest death brings the toll to.
ORDINAL = "(?:" + "|".join(_ORDINALS) + r"|\d+(?:nd|rd|th))"


def parse_ordinal(word: str) -> int | None:
    """The value of a string matched by ORDINAL ("third" → 3, "12th" → 12), or None."""
    w = word.strip().lower()
    m = re.fullmatch(r"(\d+)(?:nd|rd|th)", w)
    if m:
        return int(m.group(1))
    return _ORDINALS.get(w)

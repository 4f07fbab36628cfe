"""Spelling variants of place names as English news and ACLED write them.

GeoNames holds one romanisation per place and a few alternates; reporters write the Arabic
article as al-/Al /el-/ar-/as- ..., Kafr as Kfar or Kefr, the adjective ending -iyah as -iyeh or
-iya, and Ukrainian names in two systems (Kupyansk/Kupiansk). The index adds these forms at
build time, so the stored data stays small. Hyphens, apostrophes and accents need no variants:
:func:`etl.coding.phrases.phrase_key` already folds them.
"""

from __future__ import annotations

import re

# Ukrainian/Russian/Belarusian names: BGN/PCGN "ya, ye, yu" after a letter vs the Ukrainian
# national system's "ia, ie, iu".
TRANSLIT_ISO3 = frozenset({"UKR", "RUS", "BLR"})
_Y_VOWEL = re.compile(r"(?<=[a-z])y(?=[aeu])")

# Somali names in the official orthography (GeoNames: Ceeldheer, Xuddur, Caluula) as English
# news and ACLED write them (El Dher, Hudur, Alula): "c" (the ayn) falls, "x" is "h", long
# vowels are written single, "Ceel" (well) is the article-like "El".
SOMALI_ISO3 = frozenset({"SOM"})
_CEEL = re.compile(r"\bceel\s*(?=[a-z])")
_AYN = re.compile(r"\bc(?=[aeiou])|(?<=[aeiou])c(?=[^aeiou\s]|$)")
_LONG_VOWEL = re.compile(r"([aeiou])\1")


def _somali_forms(low: str) -> set[str]:
    s = _CEEL.sub("el ", low)
    s = _AYN.sub("", s.replace("x", "h"))
    s = _LONG_VOWEL.sub(r"\1", s)
    return {" ".join(s.split())}


# The Arabic article in its written forms; the sun letters assimilate it (ar-Raqqa, as-Sukhnah).
_ARTICLE = re.compile(
    r"\b(al|el|ar|as|ad|ash|az|an|at|ath|adh|ed|er|es|en|ez|et|ul)[\s-]+(?=[a-z])"
)
_SUN = {"t", "th", "d", "dh", "r", "z", "s", "sh", "n"}
_KAFR = re.compile(r"\b(kafr|kfar|kefr|kafar|kfr)\b")
_IYAH = re.compile(r"(iyah|iyeh|iyya|iyyah|iya|ieh)\b")
_KAFR_FORMS = ("kafr", "kfar", "kefr")
_IYAH_FORMS = ("iyah", "iyeh", "iya", "ieh")


def _article_forms(low: str) -> set[str]:
    out: set[str] = set()
    matches = list(_ARTICLE.finditer(low))
    if not matches or len(matches) > 2:
        return out
    for m in matches:
        rest = low[m.end() :]
        sun = next((s for s in ("sh", "th", "dh") if rest.startswith(s)), rest[:1])
        forms = {"al", "el"}
        if sun in _SUN:
            forms.add("a" + sun)  # ar-Raqqa, as-Sukhnah, ash-Shaddadi
            forms.add("e" + sun)
        for f in forms:
            out.add(low[: m.start()] + f + " " + rest)
    return out


# A cheap test whether a name can have a variant at all (most names have none).
_MAYBE = re.compile(r"[ \-]|ka?fa?r|kef|iy|ieh", re.IGNORECASE)


def may_vary(name: str, iso3: str = "") -> bool:
    """False when :func:`name_variants` is sure to return nothing (a fast pre-check)."""
    return iso3 in TRANSLIT_ISO3 or iso3 in SOMALI_ISO3 or _MAYBE.search(name) is not None


def name_variants(name: str, iso3: str = "") -> list[str]:
    """Other spellings of ``name`` (lower case), without the name itself.

    Args:
        name: the gazetteer name or alternate name.
        iso3: the place's country; the Ukrainian transliteration applies to UKR, RUS, BLR only.

    Returns:
        Lower-case variants, each different from ``name.lower()``.
    """
    low = " ".join(name.lower().replace("-", " ").split())
    found: set[str] = set()
    if iso3 in TRANSLIT_ISO3:
        alt = _Y_VOWEL.sub("i", low)
        found.add(alt)
    if iso3 in SOMALI_ISO3:
        found |= _somali_forms(low)
    if " " in low:
        found |= _article_forms(low)
    if _KAFR.search(low):
        for f in _KAFR_FORMS:
            found.add(_KAFR.sub(f, low))
    if _IYAH.search(low):
        for f in _IYAH_FORMS:
            found.add(_IYAH.sub(f, low))
    # Combinations: an article form of a -iyah name ("as-Suwaydiyah" -> "al Suwaydiyeh").
    for v in list(found):
        if _IYAH.search(v):
            for f in _IYAH_FORMS:
                found.add(_IYAH.sub(f, v))
    found.discard(low)
    return sorted(found)

"""What is kept in the text on purpose: places of the Netherlands and the curated allow list.

Places are not personal data unless they are part of an address. Every municipality,
residence (village, hamlet), region and province that deduce ships a list of
(``lst_municipality``, ``lst_residence``, ``lst_region``, ``lst_province``, read from the
installed deduce package: nothing is downloaded) is kept when it stands on its own;
hyphenated and multi-word names included, compared without case, accents or hyphens.

The curated allow list (``data/allow_nl.txt``) names instruments, the scholars they are
named after, organisations and programmes of Dutch welfare and care work; they are kept
as whole phrases wherever they occur.

>>> is_place("Hof van Twente"), is_place("alphen chaam"), is_place("Kerkstraat")
(True, True, False)
>>> "Machteld Huber" in curated_allow()
True
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = [
    "PLACE_LISTS", "curated_allow", "is_municipality", "is_place", "landscapes", "place_key",
    "places",
]  # fmt: skip

log = logging.getLogger(__name__)

#: The deduce lists of places kept in the text.
PLACE_LISTS = ("lst_municipality", "lst_residence", "lst_region", "lst_province")
_PAREN = re.compile(r"\s*\([^)]*\)")
_SEPARATORS = re.compile(r"[\s\-‐‑–'’`.]+")


def place_key(text: str) -> str:
    """A place name compared without case, accents, hyphens, apostrophes or a province
    suffix: ``'s-Hertogenbosch`` = ``s hertogenbosch``, ``Súdwest-Fryslân`` =
    ``sudwest fryslan``.

    >>> place_key("Súdwest-Fryslân"), place_key("Alphen (Gld)"), place_key("'t Harde")
    ('sudwest fryslan', 'alphen', 'het harde')
    """
    text = _PAREN.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    key = _SEPARATORS.sub(" ", text.casefold()).strip()
    # "'t Harde" is deduce's "Het Harde", "'s-Gravenzande" stays "s gravenzande"
    return "het " + key[2:] if key.startswith("t ") else key


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """The keys (:func:`place_key`) of every place on deduce's lists, less the
    residences deduce itself treats as ordinary words (its ``exceptions.txt``: "Dam",
    "Bosch"...). Empty, with a warning, when deduce's data cannot be read."""
    keys: set[str] = set()
    try:
        root = resources.files("deduce.data.lookup.src") / "locations" / "lst_placename"
        exceptions: set[str] = set()
        for name in PLACE_LISTS:
            folder = root / name
            items = folder / "items.txt"
            keys |= {place_key(line) for line in items.read_text("utf-8").splitlines()}
            skip = folder / "exceptions.txt"
            if skip.is_file():
                exceptions |= {place_key(line) for line in skip.read_text("utf-8").splitlines()}
        keys -= exceptions
    except (ModuleNotFoundError, OSError) as err:  # pragma: no cover - deduce is a dependency
        log.warning("deduce's place lists could not be read (%s): places are not kept", err)
    keys |= {place_key(name) for name in landscapes()}
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=1)
def landscapes() -> tuple[str, ...]:
    """Waters and landscapes of the Netherlands kept like places (``data/landscape_nl.txt``:
    rivers, brooks, canals, lakes, hills, heaths, moors): "langs de Regge", "op de
    Sallandse Heuvelrug".

    >>> "Sallandse Heuvelrug" in landscapes(), is_place("de Dinkel"), is_place("Dinkel")
    (True, False, True)
    """
    text = (resources.files(__package__) / "data" / "landscape_nl.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


@lru_cache(maxsize=16_384)
def is_place(text: str) -> bool:
    """True when ``text`` is a municipality, residence, region or province of the
    Netherlands (deduce's lists), one of its waters or landscapes (:func:`landscapes`),
    or the country."""
    key = place_key(text)
    return key in places() or key in ("nederland", "the netherlands")


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    """The keys of deduce's municipalities, regions and provinces (no residences: many
    hamlets bear a family's name)."""
    keys: set[str] = set()
    try:
        root = resources.files("deduce.data.lookup.src") / "locations" / "lst_placename"
        for name in ("lst_municipality", "lst_region", "lst_province"):
            text = (root / name / "items.txt").read_text("utf-8")
            keys |= {place_key(line) for line in text.splitlines()}
    except (ModuleNotFoundError, OSError):  # pragma: no cover - deduce is a dependency
        return frozenset()
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=16_384)
def is_municipality(text: str) -> bool:
    """True when ``text`` is a municipality, region or province of the Netherlands.

    >>> is_municipality("Dinkelland"), is_municipality("Lemselo")
    (True, False)
    """
    return place_key(text) in _municipalities()


@lru_cache(maxsize=1)
def curated_allow() -> tuple[str, ...]:
    """The phrases of the curated allow list shipped with the package (comments and
    blank lines dropped), in file order."""
    text = (resources.files(__package__) / "data" / "allow_nl.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))

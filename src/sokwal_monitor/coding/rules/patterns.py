"""Pattern helpers of rule coding: a codebook pattern as one line of text, and what
:class:`~sokwal_monitor.coding.rules.RuleCoder` compiles from patterns — the text a
regex needs, token patterns as phrases, and the lemma forms of a token spec."""

from __future__ import annotations

import json
from typing import Any

from ...nlp import lemma_of

__all__ = ["describe_pattern", "required_text"]


def describe_pattern(pattern: dict[str, Any]) -> str:
    """A pattern as one line of text, as the ``pattern`` column of codings shows it.

    >>> describe_pattern({"lemma": ["leren", "ontdekken"]})
    'lemma: leren, ontdekken'
    >>> describe_pattern({"tokens": [{"LEMMA": "anders"}, {"LEMMA": "doen"}]})
    'tokens: [{"LEMMA": "anders"}, {"LEMMA": "doen"}]'
    """
    ((kind, value),) = pattern.items()
    if kind == "tokens":
        return f"{kind}: {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, list):
        return f"{kind}: {', '.join(map(str, value))}"
    return f"{kind}: {value}"


def _lemma_forms(spec: dict[str, Any]) -> dict[str, Any]:
    """A token spec whose LEMMA values stand for themselves and for their lookup lemma,
    as in ``lemma`` patterns: ``{LEMMA: vrijwilliger}`` also matches the singular,
    which the lookup table reads as *vrijwillig*."""
    out = dict(spec)
    for key, value in spec.items():
        if key.upper() != "LEMMA":
            continue
        if isinstance(value, str):
            forms = sorted({value.lower(), lemma_of(value)})
            out[key] = forms[0] if len(forms) == 1 else {"IN": forms}
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            words = [w for w in value["IN"] if isinstance(w, str)]
            out[key] = {**value, "IN": sorted({f for w in words for f in (w.lower(), lemma_of(w))})}
    return out


def required_text(pattern: str) -> tuple[str, ...] | None:
    """Pieces of text of which every match of ``pattern`` contains at least one,
    case-folded, or None when there are none to be found. Rule coding skips a regex on
    a text that holds none of them: ``in`` on a string is far cheaper than running the
    regex. Alternatives (``a|b``) give one piece each, and ``\\d`` the ten digits.

    >>> required_text(r"\\b(ik|we) (heb|hebben) (ge)?leerd\\b")
    ('leerd',)
    >>> required_text(r"zou(den)? (het )?anders doen")
    ('anders doen',)
    >>> required_text(r"\\b\\d+ (deelnemers|bezoekers)")
    ('deelnemers', 'bezoekers')
    >>> required_text(r"€\\s?\\d+|\\b\\d+ euro")
    ('€', ' euro')
    >>> len(required_text(r"\\b\\d+\\b"))  # any digit
    10
    >>> required_text(r"(?-i:WMO)|.*") is None
    True
    """
    from re import _parser  # type: ignore[attr-defined]  # the stdlib's regex parser

    try:
        parsed = _parser.parse(pattern)
    except Exception:  # syntax only the regex module knows: no shortcut
        return None
    needles = _needles(parsed)
    return tuple(n.casefold() for n in needles) if needles else None


#: Characters at which :func:`stays_within` cuts a text: sentence ends, none of them a
#: word character or a case variant of another character.
CUTS = ".?!"


def stays_within(pattern: str, cuts: str = CUTS) -> bool:
    """Whether no match of ``pattern`` can hold one of the characters ``cuts`` (none of
    which may be a word character), and the pattern looks at nothing outside its match
    but word boundaries (no ``^``, ``$``, lookaround or backreference). Such a pattern
    finds the same matches in a text as in the pieces between those characters, each
    searched in place (``finditer(text, start, end)``), so rule coding searches only
    the pieces that hold one of its :func:`required_text`.

    >>> stays_within(r"\\b(\\d+|\\w*tig)\\b[^.?!\\d]{0,20}\\b(deelnemers|leden)\\b")
    True
    >>> stays_within(r"\\bkom\\w*\\b.{0,40}\\bop af\\b"), stays_within(r"^\\d+ euro")
    (False, False)
    >>> stays_within(r"[^a-z]+"), stays_within(r"(?<=ja )wel")
    (False, False)
    """
    from re import _parser  # type: ignore[attr-defined]

    # syntax that the regex module reads otherwise than re's parser: POSIX classes, its
    # version 1 sets and fuzzy matching ({e<=1} is a literal "{" to re)
    if not _only_repeat_braces(pattern):
        return False
    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return False
    codes = {ord(c) for c in cuts}
    return _within(parsed, codes)


def starts_at_any_word(pattern: str) -> bool:
    """Whether a match of ``pattern`` may start with any word character (``\\w*tig``,
    ``\\w+``): the regex engine then tries it at every word, which is slow, so rule
    coding searches such a pattern only in the sentences that hold its required text
    (when it :func:`stays_within` them), and others in the whole text.

    >>> starts_at_any_word(r"\\b(\\d+|\\w*tien)\\s+mensen"), starts_at_any_word(r"\\b\\d+ mensen")
    (True, False)
    """
    from re import _parser  # type: ignore[attr-defined]

    try:
        return _any_word_first(_parser.parse(pattern))
    except Exception:
        return False


def _any_word_first(items: Any) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.AT:
            continue
        if op is c.IN:
            return _in_class(av, ord("x"))
        if op is c.SUBPATTERN:
            return _any_word_first(av[-1])
        if op is c.BRANCH:
            return any(_any_word_first(branch) for branch in av[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if _any_word_first(av[2]):
                return True
            if av[0] == 0:  # it may be left out: what follows may come first
                continue
            return False
        return op is not c.LITERAL
    return True


def _only_repeat_braces(pattern: str) -> bool:
    """Whether every ``{`` of ``pattern`` starts a repeat count (``{2}``, ``{0,20}``)
    and it has no POSIX class or version-1 flag."""
    import re

    if "[:" in pattern or "V1" in pattern.upper():
        return False
    rest = re.sub(r"(?<!\\)\{\d*(,\d*)?\}", "", pattern)
    return "{" not in rest.replace("\\{", "")


def _within(items: Any, cuts: set[int]) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.LITERAL:
            if av in cuts:
                return False
        elif op is c.IN:
            if any(_in_class(av, code) for code in cuts):
                return False
        elif op is c.AT:
            if av not in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY):
                return False
        elif op is c.SUBPATTERN:
            if not _within(av[-1], cuts):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if not _within(av[2], cuts):
                return False
        elif op is c.ATOMIC_GROUP:
            if not _within(av, cuts):
                return False
        elif op is c.BRANCH:
            if not all(_within(branch, cuts) for branch in av[1]):
                return False
        else:  # any character, lookaround, backreference, conditional, ...
            return False
    return True


def _in_class(items: Any, code: int) -> bool:
    """Whether a parsed character class matches the character ``code``: one of
    :data:`CUTS`, or ``x`` standing for any letter (a class of a few letters does not
    count); True when unsure."""
    from re import _constants as c  # type: ignore[attr-defined]

    negate = False
    found = False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            found |= av == code
        elif op is c.RANGE:
            found |= av[0] <= code <= av[1]
        elif op is c.CATEGORY:
            if code == ord("x"):  # any letter: \w, \D, \S
                found |= av in (c.CATEGORY_WORD, c.CATEGORY_NOT_DIGIT, c.CATEGORY_NOT_SPACE)
            elif av not in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_WORD):
                found = True  # \D, \S, \W, line breaks ...
        else:
            return True
    return found != negate


def _needles(items: Any) -> list[str] | None:
    """The best requirement of a parsed sequence: the alternatives (any of which every
    match contains) whose shortest piece is longest."""
    from re import _constants as c  # type: ignore[attr-defined]

    candidates: list[list[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(["".join(run)])
            run = []
        found: list[str] | None = None
        if op is c.SUBPATTERN:
            found = _needles(av[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _needles(av[2])
        elif op is c.BRANCH:
            branches = [_needles(branch) for branch in av[1]]
            if all(branches):
                found = [n for branch in branches if branch for n in branch]
        elif op is c.IN and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
            found = list("0123456789")
        if found:
            candidates.append(found)
    if run:
        candidates.append(["".join(run)])
    if not candidates:
        return None
    return max(candidates, key=lambda alts: (min(map(len, alts)), -len(alts)))


_MAX_VARIANTS = 256  # word sequences one token pattern may expand to


def _as_phrases(tokens: list[dict[str, Any]]) -> tuple[str, list[list[str]]] | None:
    """A token pattern that is only words in a row (each ``{LEMMA: ...}`` or each
    ``{LOWER: ...}``, a word or an ``IN`` list, optionally ``OP: "?"``) as the word
    sequences it matches, for a phrase matcher; None for any other pattern.

    >>> _as_phrases([{"LEMMA": "anders"}, {"LEMMA": {"IN": ["doen", "aanpakken"]}}])
    ('LEMMA', [['anders', 'doen'], ['anders', 'aanpakken']])
    >>> _as_phrases([{"LEMMA": "gemeente"}, {"LEMMA": "samenwerken", "OP": "?"}])
    ('LEMMA', [['gemeente', 'samenwerken'], ['gemeente']])
    >>> _as_phrases([{"LOWER": "anders"}, {"IS_PUNCT": True}]) is None
    True
    """
    attrs: set[str] = set()
    sequences: list[list[str]] = [[]]
    for spec in tokens:
        keys = {k.upper(): v for k, v in spec.items()}
        op = keys.pop("OP", "1")
        if len(keys) != 1 or op not in ("1", "?"):
            return None
        ((attr, value),) = keys.items()
        if attr not in ("LEMMA", "LOWER"):
            return None
        attrs.add(attr)
        words = value.get("IN") if isinstance(value, dict) and len(value) == 1 else [value]
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            return None
        words = [w.lower() for w in words]
        grown = [[*seq, w] for seq in sequences for w in words]
        sequences = grown + (sequences if op == "?" else [])
        if len(attrs) > 1 or len(sequences) > _MAX_VARIANTS:
            return None
    sequences = [seq for seq in sequences if seq]
    return (attrs.pop(), sequences) if sequences and attrs else None

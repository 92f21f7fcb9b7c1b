"""Record numbers and citizen service numbers: member, client and file numbers after
their label on the same line or in a table's column under such a header ("Cliëntnummer
Welzijn: OW-24-0312", "Lidnr."), nine-digit BSNs written in groups near a BSN label
("193 440 285"), and :func:`table_column`, the spans of the cells under a table's header
cell (also used for ages). Moved out of :mod:`.numbers`, which re-exports
:func:`record_numbers`, :func:`grouped_bsns` and :func:`table_column`.
"""

from __future__ import annotations

import re

from .lists import Hit

__all__ = ["grouped_bsns", "record_numbers", "table_column"]

# -- round 8: record numbers, grouped BSNs, numbers said after a phone label -----------
#: A label that names a person's record: "Lidnummer", "Cliëntnummer", "dossier",
#: "pasje", "Lidnr.", "Lidmaatschapsnummer", "Dossiernr." (not "huisnummer",
#: "telefoonnummer", "KvK-nummer", "rekeningnummer": those have their own rules).
_RECORD_WORD = re.compile(
    r"(?<![\w\-])(?i:(?:lid(?:maatschaps)?|cli[eë]nt|dossier|zaak|registratie|klant|"
    r"pati[eë]nt|leerling|deelnemer|pas|relatie|inschrijf|verzekerden?|polis|"
    r"referentie)(?:nummer|nr\.?)|dossier|pasje|pas|nummer|nr\.?)(?![\w\-])"
)
#: A code after a record word on the same line: letters and digits with hyphens or
#: slashes ("BK-0193", "CL-448217", "WRD-2023-04417", "OW-24-0312"), or digits with a
#: hyphen or slash ("2024-023") or alone ("00742") after a "...nummer"/"...nr" label.
_RECORD_CODE = re.compile(
    r"(?<![\w\-/.,])(?P<code>[A-Z]{1,4}(?:[\-/][A-Z]{1,4})*[\-/]\d{2,}(?:[\-/]\d{2,})*"
    r"|\d{2,6}[\-/]\d{2,6}(?:[\-/]\d{2,6})?|\d{5,9})(?![\w\-/]|[.,]\d)"
)
#: What may stand between the record word and the code: a few words, an
#: organisation's name, a bracket with words, "staat er ook", a colon.
_RECORD_BETWEEN = re.compile(
    r"(?:[ \t]*\([^()\n]{0,40}\))?(?:[ \t]+[\w.'’\-]+){0,4}?[ \t]*[:,(]?[ \t]*$"
)


def record_numbers(text: str) -> list[Hit]:
    """Member, client and file numbers after their label on the same line, with words
    between ("Cliëntnummer Welzijn: OW-24-0312", "Lidnummer (door coöperatie in te
    vullen): ZCW-2024-0117", "Het dossiernummer staat er ook, CL-448217", "Anders nummer
    BK-0193 geven", "Lidmaatschapsnummer van mevr. Yilmaz (2024-023)") and in a table's
    column under such a header ("Lidnr."). A bare number of digits only after a label
    that ends in "nummer" or "nr"; years, dates and amounts are no codes.

    >>> [h.text for h in record_numbers("Cliëntnummer Welzijn: OW-24-0312. Bus 73.")]
    ['OW-24-0312']
    >>> record_numbers("Het huisnummer is 12, het aantal 2024-2025.")
    []
    """
    hits: list[Hit] = []
    seen = -1
    for at in _RECORD_AT.finditer(text):
        word_start = at.start()
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        label = _RECORD_WORD.match(text, word_start)
        if label is None or label.start() <= seen:
            continue
        line_end = text.find("\n", label.end())
        hi = min(len(text), label.end() + 70, line_end if line_end >= 0 else len(text))
        m = _RECORD_CODE.search(text, label.end(), hi)
        if m is None or not _RECORD_BETWEEN.fullmatch(text, label.end(), m.start()):
            continue
        if any(
            w.start() < m.start() for w in _RECORD_WORD.finditer(text, label.end() + 1, m.start())
        ):
            continue  # the nearest label before the code counts
        seen = label.start()
        code = m.group("code")
        if re.fullmatch(r"(?:19|20)\d\d", code) or (
            code[0].isdigit() and _DATE_LIKE.fullmatch(code)
        ):
            continue
        word = label.group().casefold().rstrip(".")
        if code[0].isdigit() and not word.endswith(("nummer", "nr")):
            continue
        if word in _BARE_WORDS and text[label.end() : m.start()].strip(" \t:,(") != "":
            continue  # "het nummer van de aanvraag is ...": only right after a bare word
        if word in ("nummer", "nr") and code.isdigit():
            continue  # "nummer 12": a house, a bus, a page
        if _NOT_RECORD_BEFORE.search(text, max(0, label.start() - 12), label.start()):
            continue
        hits.append(Hit(m.start("code"), m.end("code"), "ID", code))
    for start, end in table_column(text, _RECORD_HEADER):
        if any(c.isdigit() for c in text[start:end]) and " " not in text[start:end]:
            hits.append(Hit(start, end, "ID", text[start:end]))
    return hits


#: The literal every record word holds (a scan for literals, fast in the regex engine).
_RECORD_AT = re.compile(r"ummer|UMMER|nr|NR|ossier|OSSIER|as\b|asje")
_BARE_WORDS = frozenset({"nummer", "nr", "dossier", "pasje", "pas"})
_DATE_LIKE = re.compile(r"\d{1,2}[\-/]\d{1,2}(?:[\-/]\d{2,4})?|(?:19|20)\d\d[\-/](?:19|20)?\d\d")
#: Before "nummer": a house, a phone, a bank account, a bus, a registration.
_NOT_RECORD_BEFORE = re.compile(
    r"(?i:huis|telefoon|tel|mobiel|rekening|bank|kvk|btw|bus|lijn|kamer|zaal|"
    r"postbus|pagina)[\-\s]*$"
)
_RECORD_HEADER = re.compile(
    r"(?i:lid(?:maatschaps)?nr\.?|lidnummer|cli[eë]ntnr\.?|cli[eë]ntnummer|dossiernr\.?|"
    r"dossiernummer|registratienr\.?|registratienummer|kenmerk|nr\.?)"
)

#: Nine digits in groups: "193 440 285", "3214.20.688", "1234-56-782".
_GROUPED_NINE = re.compile(r"(?<![\w\-.,/])\d{2,4}(?:[ .\-]\d{2,4}){1,3}(?![\w\-/]|[.,]\d)")
_BSN_LABEL = re.compile(r"(?i:bsn|burgerservicenummer|sofinummer|sofi-nummer|servicenummer)")
_BSN_LABEL_AT = re.compile(r"BSN|[Bb]sn|[Bb]urgerservicenummer|BURGERSERVICENUMMER|[Ss]ofi")
_BSN_RIGHT_BEFORE = re.compile(
    r"(?i:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:[ \t]*\([^()\n]{0,40}\))?"
    r"[ \t]*(?:(?i:is|was|nummer)[ \t]*)?[:\-]?[ \t]*$"
)


def grouped_bsns(text: str) -> list[Hit]:
    """A citizen service number (BSN) written in groups ("193 440 285", "3214.20.688"):
    nine digits after a BSN label on the same line (a typo that fails the eleven test is
    still someone's number), or that pass the eleven test in the 300 characters after a
    BSN label (the number read out a turn or two after the question). Only texts that
    name a BSN are scanned.

    >>> [h.text for h in grouped_bsns("Burgerservicenummer: 193 440 285.")]
    ['193 440 285']
    >>> grouped_bsns("Burgerservicenummer volgt; 123 456 789 euro")
    []
    """
    hits: list[Hit] = []
    found: dict[int, re.Match[str]] = {}
    if not ("sn" in text or "SN" in text or "ervicenummer" in text or "ofi" in text):
        return hits
    for label in _BSN_LABEL_AT.finditer(text):
        for m in _GROUPED_NINE.finditer(text, label.end(), min(len(text), label.end() + 300)):
            found.setdefault(m.start(), m)
    for _, m in sorted(found.items()):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) != 9 or digits[0] == "0":
            continue
        line = text.rfind("\n", 0, m.start()) + 1
        if _BSN_RIGHT_BEFORE.search(text, max(line, m.start() - 70), m.start()):
            hits.append(Hit(m.start(), m.end(), "BSN", m.group()))  # a typo stays a BSN
            continue
        if _eleven(digits):  # read out a turn or two after the label
            hits.append(Hit(m.start(), m.end(), "BSN", m.group()))
    return hits


def _eleven(digits: str) -> bool:
    """The BSN's eleven test: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11."""
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


#: A line of a table: cells between "|" (a PDF's or a text's table) or tabs.
_TABLE_LINE = re.compile(r"^[^\n]*[|\t][^\n]*$", re.MULTILINE)


def table_column(text: str, header: re.Pattern[str]) -> list[tuple[int, int]]:
    r"""Spans of the cells under a table's header cell that ``header`` matches whole
    ("Lft.", "Lidnr."), in the rows that follow the header line with as many cells
    (empty lines between rows are skipped; another line ends the table).

    >>> text = "Lidnr. | Naam | Lft.\n2024-017 | Bos | 82\n\n2024-018 | Ruiter | 80\nEinde"
    >>> [text[s:e] for s, e in table_column(text, re.compile(r"Lft\.?"))]
    ['82', '80']
    """
    if "|" not in text and "\t" not in text:
        return []
    spans: list[tuple[int, int]] = []
    lines = list(_TABLE_LINE.finditer(text))
    for i, line in enumerate(lines):
        sep = "|" if "|" in line.group() else "\t"
        cells = line.group().split(sep)
        columns = [n for n, cell in enumerate(cells) if header.fullmatch(cell.strip())]
        if not columns or len(cells) < 3:
            continue
        end = line.end()
        for row in lines[i + 1 :]:
            if text[end : row.start()].strip() or row.group().count(sep) != len(cells) - 1:
                break
            offset = row.start()
            for n, cell in enumerate(row.group().split(sep)):
                if n in columns and cell.strip() and not header.fullmatch(cell.strip()):
                    lead = len(cell) - len(cell.lstrip())
                    spans.append((offset + lead, offset + lead + len(cell.strip())))
                offset += len(cell) + 1
            end = row.end()
    return spans

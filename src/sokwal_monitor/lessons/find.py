"""Finding lessons: the rules of :mod:`.patterns` over a store's evidence sentences,
with each lesson's speaker role and themes, written as proposed lessons.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._version import __version__
from ..store import StoreLike, open_store
from .frames import lead_in_frame
from .patterns import classify, is_lessons_heading, question_frame, sentence_spans

if TYPE_CHECKING:
    from ..store import ProjectStore

__all__ = [
    "LESSON_CODES",
    "RULE_CODER",
    "FindReport",
    "evidence_sentences",
    "find_lessons",
    "lesson_groups",
    "lesson_id",
    "lessons",
    "speaker_role",
    "themes_of",
]

#: The coder name of the rule finder's lessons.
RULE_CODER = f"rule:lessons@{__version__}"
#: Codes about learning itself: never a lesson's theme (they say *that* it is a lesson).
LESSON_CODES = ("leereffecten", "inzicht_opgedaan", "zou_anders_doen", "kennis_gedeeld")

_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("volunteer", ("vrijwillig", "chauffeur", "buddy")),
    ("municipality", ("gemeente", "beleidsmedewerker", "beleid", "wethouder", "ambtenaar",
                      "raadslid", "wmo")),
    ("professional", ("jongerenwerk", "welzijn", "ouderenadvis", "wijkverpleeg", "huisarts",
                      "opbouwwerk", "makelaar", "stimuland", "professional", "sociaal werk",
                      "maatschappelijk werk", "consulent", "dorpsondersteuner")),
    ("initiator", ("initiatiefnemer", "voorzitter", "bestuur", "coordinator", "coördinator",
                   "penningmeester", "secretaris", "trekker", "oprichter", "projectleider")),
)  # fmt: skip


def speaker_role(kind: str, segment_role: str, speaker: str = "", respondent_role: str = "") -> str:
    """The role of who voices a lesson: ``report`` for reports and paragraphs without a
    speaker, else from the document's ``respondent_role`` and the speaker label:
    ``initiator``, ``volunteer``, ``municipality``, ``professional``; ``""`` when
    neither says.

    >>> speaker_role("report", "")
    'report'
    >>> speaker_role("interview", "respondent", "R. Kremer (gemeente)")
    'municipality'
    >>> speaker_role("interview", "respondent", "R1", "initiatiefnemers")
    'initiator'
    """
    if kind == "report" or not segment_role:
        return "report"
    for source in (respondent_role, speaker):
        low = str(source or "").lower()
        for role, words in _ROLE_WORDS:
            if any(w in low for w in words):
                return role
    return ""


def lesson_id(doc_id: str, start_char: int, end_char: int) -> str:
    """The stable id of a lesson span: ``L`` and 15 hex digits of its hash.

    >>> lesson_id("abc", 0, 10) == lesson_id("abc", 0, 10), len(lesson_id("abc", 0, 10))
    (True, 16)
    """
    digest = hashlib.sha1(f"{doc_id}:{start_char}:{end_char}".encode()).hexdigest()
    return "L" + digest[:15]


@dataclass
class FindReport:
    """What :func:`find_lessons` did.

    >>> FindReport("rule:lessons", 10, Counter(advice=2)).summary()
    'rule:lessons: 2 proposed lessons (2 advice) in 10 sentences; 0 reviewed lessons kept'
    """

    coder: str
    n_sentences: int
    by_type: Counter[str] = field(default_factory=Counter)
    n_kept: int = 0
    n_replaced: int = 0

    @property
    def n_found(self) -> int:
        """Lessons proposed by this run."""
        return sum(self.by_type.values())

    def summary(self) -> str:
        """One line: how many lessons of which type."""
        types = ", ".join(f"{n} {t}" for t, n in sorted(self.by_type.items()))
        return (
            f"{self.coder}: {self.n_found} proposed lessons" + (f" ({types})" if types else "")
            + f" in {self.n_sentences} sentences; {self.n_kept} reviewed lessons kept"
        )  # fmt: skip


def _heading(text: str) -> str | None:
    """The heading a short paragraph is (a Markdown/Setext heading, or a short line
    without closing punctuation), or None."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if not lines:
        return None
    if len(lines) == 2 and re.fullmatch(r"[-=]{3,}", lines[1]):
        return lines[0]
    if len(lines) == 1:
        line = lines[0].lstrip("#").strip()
        if lines[0].startswith("#") and line and len(line.split()) <= 10:
            return line  # a Markdown heading, also a question ("## Wat hebben we geleerd?")
        if len(line.split()) <= 6 and not re.search(r"[.!?;:,]$", line) and line[:1].isupper():
            return line
    return None


def _heading_frame(heading: str) -> str | None:
    """The type of lesson a heading names, read as a question ("Wat we nu anders doen"
    names ``changed_practice``, "Tips voor andere dorpen" ``advice``), or None."""
    return question_frame(heading.strip().rstrip("?:. ") + "?")


#: How many sentences of an answer the interviewer's question frames ("Wat zou je
#: anders doen?" — the first sentences of the answer say what).
QUESTION_REACH = 3


def evidence_sentences(store: StoreLike, project_id: str | None = None) -> pd.DataFrame:
    """Every sentence of the respondents' turns and the reports' paragraphs (interviewer
    turns, surveys and headings left out): ``doc_id, segment_id, position, project_id,
    wave, kind, path, role, start_char, end_char, text, report, lessons_section,
    spoken, question``.

    ``role`` is the speaker role (:func:`speaker_role`); ``lessons_section`` says the
    sentence is under a heading such as "Geleerde lessen"; ``spoken``: a respondent's
    turn in an interview; ``question``: the type of lesson the interviewer's last
    question asked for (:func:`~.patterns.question_frame`) when the sentence is one of
    the first :data:`QUESTION_REACH` of the answer, or the type a lead-in announced
    (:func:`~.frames.lead_in_frame`: "Een paar dingen die we hebben gemerkt:") when it
    is one of the first :data:`QUESTION_REACH` sentences after it (in reports too; a
    heading or a new question ends its reach), else ``""``.

    >>> import tempfile, pathlib
    >>> evidence_sentences(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").empty
    True
    """
    store = open_store(store)
    segs = store.segments(with_metadata=True)
    cols = ["doc_id", "segment_id", "position", "project_id", "wave", "kind", "path", "role",
            "start_char", "end_char", "text", "report", "lessons_section", "spoken",
            "question"]  # fmt: skip
    if project_id is not None:
        segs = segs[segs["project_id"] == project_id]
    segs = segs[segs["kind"] != "survey"]
    if segs.empty:
        return pd.DataFrame(columns=cols)
    docs = store.documents().set_index("doc_id")
    rows: list[dict[str, Any]] = []
    for doc_id, group in segs.sort_values(["doc_id", "position"]).groupby("doc_id", sort=False):
        heading = ""
        frame: str | None = None  # what the last question asked for
        answered = 0  # sentences of the answer to it so far
        section_frame: str | None = None  # what a question heading asks for, section-wide
        last_section = ""  # the section of the segment before
        lead: str | None = None  # what the last lead-in ("Wat we merkten:") announced
        led = 0  # sentences after it so far
        respondent_role = docs["respondent_role"].get(doc_id, "")
        respondent_role = "" if pd.isna(respondent_role) else str(respondent_role)
        for seg in group.itertuples(index=False):
            role_label = "" if pd.isna(seg.role) else str(seg.role)
            if role_label == "interviewer":
                frame, answered = question_frame(str(seg.text)), 0
                lead, led = None, 0
                continue
            if not role_label and seg.kind == "interview":
                continue  # questions, and an interview's front matter (date, place)
            section = "" if pd.isna(seg.section) else str(seg.section)
            found = _heading(str(seg.text))
            if found is not None:
                # a heading ends a lead-in's reach; a question heading ("Wat zouden we
                # anders doen?") frames what follows like an interviewer's question
                # a heading is a question with or without its question mark
                heading, lead, led = found, _heading_frame(found), 0
                section_frame = lead
                continue
            if section and section != last_section:
                # a heading kept as the segments' section (Word, Markdown) frames like one
                # that is a paragraph of its own
                lead, led = _heading_frame(section), 0
            last_section = section
            in_lessons = is_lessons_heading(section or heading)
            # in a lessons section headed by a question ("Wat we nu anders doen"), that
            # question types every sentence no rule types, not only the first three
            own_frame = (
                (_heading_frame(section) if section else section_frame) if in_lessons else None
            )
            role = speaker_role(str(seg.kind), role_label, str(seg.speaker or ""),
                                respondent_role)  # fmt: skip
            for a, b in sentence_spans(str(seg.text)):
                framed = frame if frame and role != "report" and answered < QUESTION_REACH else ""
                answered += 1
                if not framed and lead and led < QUESTION_REACH:
                    framed = lead
                framed = framed or own_frame or ""
                led += 1
                sentence = str(seg.text)[a:b].rstrip()
                if sentence.endswith(":"):
                    lead, led = lead_in_frame(sentence), 0
                elif sentence.endswith("?"):
                    # "Wat we leerden? Dat …"; a question that asks no lesson ends the reach
                    lead, led = question_frame(sentence), 0
                rows.append({
                    "doc_id": doc_id, "segment_id": seg.segment_id, "position": seg.position,
                    "project_id": "" if pd.isna(seg.project_id) else seg.project_id,
                    "wave": "" if pd.isna(seg.wave) else seg.wave, "kind": seg.kind,
                    "path": seg.path, "role": role,
                    "start_char": int(seg.start_char) + a, "end_char": int(seg.start_char) + b,
                    "text": str(seg.text)[a:b], "report": role == "report",
                    "lessons_section": in_lessons, "spoken": role != "report",
                    "question": framed,
                })  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def themes_of(
    codings: pd.DataFrame,
    doc_id: str,
    start_char: int,
    end_char: int,
    segment_id: str | None = None,
    exclude: Iterable[str] = LESSON_CODES,
) -> str:
    """The codes a span is coded with (codings overlapping it) or, when none, those of
    its segment; ``;``-separated, sorted, without ``exclude``.

    >>> codes = pd.DataFrame({"doc_id": ["d", "d"], "segment_id": ["s", "s"],
    ...     "start_char": [0, 50], "end_char": [20, 60], "code": ["vrijwilligers", "financiering"]})
    >>> themes_of(codes, "d", 5, 30, "s")
    'vrijwilligers'
    >>> themes_of(codes, "d", 30, 40, "s")
    'financiering;vrijwilligers'
    """
    if codings.empty:
        return ""
    skip = set(exclude)
    mine = codings[codings["doc_id"] == doc_id]
    over = mine[(mine["start_char"] < end_char) & (mine["end_char"] > start_char)]
    codes = {c for c in over["code"] if c not in skip}
    if not codes and segment_id is not None:
        codes = {c for c in mine.loc[mine["segment_id"] == segment_id, "code"] if c not in skip}
    return ";".join(sorted(codes))


def _theme_codings(store: ProjectStore, coder: str | Sequence[str] | None) -> pd.DataFrame:
    """The codings that give themes: ``coder``'s, or every coder's but the models'."""
    codings = store.codings()
    if codings.empty:
        return codings
    if coder is not None:
        wanted = [coder] if isinstance(coder, str) else list(coder)
        return codings[codings["coder"].isin(wanted)]
    return codings[codings["origin"] != "model"]


def find_lessons(
    store: StoreLike,
    *,
    project_id: str | None = None,
    theme_coder: str | Sequence[str] | None = None,
    exclude_themes: Iterable[str] = LESSON_CODES,
) -> FindReport:
    """Find the lessons in a store's respondent turns and report paragraphs with the
    Dutch lesson rules, and write them as ``proposed`` lessons (origin ``rule``).

    Run it again at any time: the rules' earlier proposals that nobody reviewed are
    replaced (of ``project_id`` only, when given); confirmed, rejected and edited
    lessons stay, and a sentence that overlaps one of them is not proposed again.
    Themes come from ``theme_coder``'s codings (default: every coder but the models).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = pathlib.Path(tempfile.mkdtemp()) / "s.sokwal"
    >>> find_lessons(store).summary()  # an empty store: nothing to find
    'rule:lessons@...: 0 proposed lessons in 0 sentences; 0 reviewed lessons kept'
    """
    store = open_store(store)
    sentences = evidence_sentences(store, project_id)
    codings = _theme_codings(store, theme_coder)
    report = FindReport(RULE_CODER, len(sentences))
    records = []
    for _, seg in sentences.groupby("segment_id", sort=False):
        rows = list(seg.itertuples(index=False))
        for first, last, kind, pattern in lesson_groups(
            [r.text for r in rows],
            [bool(r.report) for r in rows],
            [bool(r.lessons_section) for r in rows],
            spoken=[bool(r.spoken) for r in rows],
            questions=[str(r.question) for r in rows],
        ):
            a, b = rows[first], rows[last]
            records.append({
                "lesson_id": lesson_id(a.doc_id, a.start_char, b.end_char),
                "doc_id": a.doc_id, "segment_position": int(a.position),
                "start_char": int(a.start_char), "end_char": int(b.end_char),
                "type": kind, "role": a.role, "origin": "rule", "coder": RULE_CODER,
                "status": "proposed", "pattern": pattern,
                "themes": themes_of(codings, a.doc_id, a.start_char, b.end_char,
                                    a.segment_id, exclude_themes),
            })  # fmt: skip
    doc_ids = sorted(set(sentences["doc_id"])) if project_id is not None else None
    with store.transaction():
        report.n_replaced = store.delete_proposed_lessons("rule", None, doc_ids)
        kept = store.lesson_records()
        report.n_kept = sum(1 for r in kept if r["reviewer"])
        taken: dict[str, list[tuple[int, int]]] = {}
        for r in kept:
            taken.setdefault(r["doc_id"], []).append((r["start_char"], r["end_char"]))
        fresh = [r for r in records if not _overlaps(taken.get(r["doc_id"], []), r)]
        store.insert_lessons(fresh)
    report.by_type = Counter(r["type"] for r in fresh)
    return report


#: A sentence that goes on with a list: "Het tweede: …", "Ten derde …", "En het laatste: …".
_NEXT_IN_LIST = re.compile(
    r"(en\s+)?(het|ten|de)\s+(tweede|derde|vierde|vijfde|laatste|volgende)\b", re.IGNORECASE
)
#: A sentence that leans on the one before ("Dat zou ik ook anders doen.", "Die hadden we
#: moeten uitnodigen.", "Dus dat werkt wel."): alone on a card it makes no sense.
_LEANS_BACK = re.compile(
    r"(en\s+|maar\s+|dus\s+|ja,?\s+)*(dat|die|dit|daar\w*|dan|zo|want|ook|het\s+eerste)\b",
    re.IGNORECASE,
)
#: A sentence that continues the lesson before it: its reason or its contrast.
_CONTINUES = re.compile(
    r"(en\s+|maar\s+|dus\s+|ja,?\s+)?(want|omdat|daardoor|daarom|dan|vroeger|eerst|als|niemand|die|daar"
    r"\w*|dat|zo)\b",
    re.IGNORECASE,
)
#: A sentence that gives the result of the lesson before it, wherever the word stands
#: ("Het aandeel mannen steeg daardoor van 12 naar 34 procent.").
_RESULT = re.compile(r"\b(daardoor|hierdoor|dankzij dat|dankzij die|sindsdien)\b", re.IGNORECASE)
#: At most this many sentences in one lesson.
MAX_SENTENCES = 3


def lesson_groups(
    texts: Sequence[str],
    report: Sequence[bool] | None = None,
    lessons_section: Sequence[bool] | None = None,
    *,
    spoken: Sequence[bool] | None = None,
    questions: Sequence[str] | None = None,
) -> list[tuple[int, int, str, str]]:
    """The lessons among the consecutive sentences of one turn or paragraph, as ``(first,
    last, type, pattern)`` sentence indices: each lesson sentence of :func:`classify`,
    widened so that it can be read alone on a card.

    - A lesson that leans on the sentence before ("Dat zou ik ook anders doen.") takes
      that sentence in; when there is none and it is short, it is dropped.
    - "Het tweede is de gemeente." after a lesson goes with the sentence after it.
    - A sentence that gives the reason or the contrast ("Want …", "Vroeger …", "Dat
      scheelt …") joins the lesson before it.
    - No lesson is longer than :data:`MAX_SENTENCES` sentences; lessons of one type
      that come to overlap are merged (the rule of the first); of two types, both stay
      (they share the sentence before).

    >>> lesson_groups(["We hadden alles mondeling afgesproken.", "Dat zou ik nu anders doen."])
    [(0, 1, 'do_differently', 'anders doen')]
    >>> lesson_groups(["Dat zou ik ook anders doen."])
    []
    """
    n = len(texts)
    report = list(report) if report is not None else [False] * n
    section = list(lessons_section) if lessons_section is not None else [False] * n
    said = list(spoken) if spoken is not None else [False] * n
    asked = list(questions) if questions is not None else [""] * n
    found = [
        classify(t, report=report[i], lessons_section=section[i], spoken=said[i],
                 question=asked[i] or None)
        for i, t in enumerate(texts)
    ]  # fmt: skip
    for i in range(1, n):
        # under a lessons heading, a sentence that only the heading types and that follows
        # a lesson of the same paragraph goes on with that lesson ("Uitnodigen doen we niet
        # meer via school. Jongeren worden nu aangemeld door …")
        hit, before = found[i], found[i - 1]
        if (
            hit is not None
            and hit[1] == "section"
            and before is not None
            and before[1] != "section"
        ):
            found[i] = (before[0], "section")
    groups: list[list[Any]] = []
    for i, hit in enumerate(found):
        text = texts[i].strip()
        if hit is None and i > 0 and _NEXT_IN_LIST.match(text) and found[i - 1] is not None:
            # "Het tweede is de gemeente.": the next sentence says what about it
            nxt = found[i + 1] if i + 1 < n else None
            if i + 1 < n:
                kind, pattern = nxt if nxt is not None else (found[i - 1][0], "enumeration")  # type: ignore[index]
                groups.append([i, i + 1, kind, pattern])
            continue
        if hit is None:
            if (
                groups
                and groups[-1][1] == i - 1
                and (_CONTINUES.match(text) or _RESULT.search(text))
            ):
                groups[-1][1] = i  # the reason or contrast of the lesson before
            continue
        first = i
        last = i
        reads_alone = hit[0] == "advice" and not _LEANS_BACK.match(text) and len(text.split()) >= 3
        if (_LEANS_BACK.match(text) or len(text.split()) < 5) and not reads_alone:
            if i == 0:
                if len(text.split()) < 8:
                    if n == 1 or not asked[i]:
                        continue  # a fragment whose antecedent is not here
                    last = i + 1  # the question is its antecedent: read on with the next
            else:
                first = i - 1
        groups.append([first, last, hit[0], hit[1]])
    merged: list[list[Any]] = []
    for group in groups:
        group[1] = min(group[1], group[0] + MAX_SENTENCES - 1)
        if merged and group[0] <= merged[-1][1]:
            if group[2] != merged[-1][2] and group[1] > merged[-1][1]:
                merged.append(group)  # another type: its own card, sharing the antecedent
                continue
            if max(group[1], merged[-1][1]) - merged[-1][0] < MAX_SENTENCES:
                merged[-1][1] = max(merged[-1][1], group[1])
                continue
            group[0] = merged[-1][1] + 1  # too long together: the rest on a card of its own
            if group[0] > group[1]:
                continue
        merged.append(group)
    return [(int(a), int(b), str(k), str(p)) for a, b, k, p in merged]


def _overlaps(spans: list[tuple[int, int]], record: dict[str, Any]) -> bool:
    return any(a < record["end_char"] and b > record["start_char"] for a, b in spans)


def lessons(
    store: StoreLike,
    *,
    project_id: str | Sequence[str] | None = None,
    type: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    all_versions: bool = False,
) -> pd.DataFrame:
    """The ``lessons`` table: one row per lesson with the contract's columns
    (``lesson_id, doc_id, segment_id, project_id, wave, role, start_char, end_char,
    text, type, themes, origin, coder, status``) and ``score, pattern, reviewer, memo,
    kind, path, created_at, updated_at``; ``text`` is the document's text
    ``[start_char:end_char]``.

    >>> import tempfile, pathlib
    >>> list(lessons(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").columns[:4])
    ['lesson_id', 'doc_id', 'segment_id', 'project_id']
    """
    return open_store(store).lessons(
        project_id=project_id, type=type, status=status, all_versions=all_versions
    )

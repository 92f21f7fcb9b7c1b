"""The lessons library's curation: which lessons the library hides, the researcher's
wording of a lesson for the library, and the favourites (part of ``ProjectStore``)."""

from __future__ import annotations

import pandas as pd

from .connection import StoreBase, now

__all__ = ["LibraryOps"]

#: The columns of :meth:`LibraryOps.lesson_curation`.
CURATION_COLUMNS = ("lesson_id", "hidden", "wording", "favourite", "curator", "updated_at")


class LibraryOps(StoreBase):
    """Curation of the lessons library. Call the writes inside ``store.transaction()``."""

    def lesson_curation(self) -> pd.DataFrame:
        """One row per curated lesson: ``lesson_id`` (text), ``hidden`` and
        ``favourite`` (bool), ``wording`` ("" = the lesson's own text), ``curator``,
        ``updated_at``; ordered by ``lesson_id``."""
        frame = self.query(
            "SELECT lesson_id, hidden, wording, favourite, curator, updated_at"
            " FROM library_curation ORDER BY lesson_id"
        )
        if frame.empty:
            frame = pd.DataFrame({c: pd.Series(dtype="object") for c in CURATION_COLUMNS})
        return frame.astype({"hidden": "bool", "favourite": "bool"})

    def upsert_lesson_curation(
        self,
        lesson_id: str,
        *,
        hidden: bool | None = None,
        wording: str | None = None,
        favourite: bool | None = None,
        curator: str = "",
    ) -> None:
        """Set what is given of one lesson's curation (None leaves a field as it is)."""
        self._con.execute(
            "INSERT INTO library_curation (lesson_id, updated_at) VALUES (?, ?)"
            " ON CONFLICT (lesson_id) DO NOTHING",
            (lesson_id, now()),
        )
        self._con.execute(
            "UPDATE library_curation SET hidden = coalesce(?, hidden),"
            " wording = coalesce(?, wording), favourite = coalesce(?, favourite),"
            " curator = CASE WHEN ? <> '' THEN ? ELSE curator END, updated_at = ?"
            " WHERE lesson_id = ?",
            (
                None if hidden is None else int(bool(hidden)),
                wording,
                None if favourite is None else int(bool(favourite)),
                curator,
                curator,
                now(),
                lesson_id,
            ),
        )

"""Transcription: recordings into timestamped, speaker-labelled transcripts (issue 20).

``diarize.py`` finds who speaks when (:func:`~sokwal_monitor.transcription.diarize.diarize`).
Nothing heavy is imported here: the speech models load only when used.
"""

from __future__ import annotations

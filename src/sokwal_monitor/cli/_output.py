"""What the commands write: tables as CSV/JSON/Parquet, text, to a file or stdout."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

EXPORT_FORMATS = ("csv", "parquet", "json")
SCOPE_CHOICES = ("match", "sentence", "segment")
ORIGIN_CHOICES = ("manual", "rule", "model", "import")


def _write_frame(frame: pd.DataFrame, fmt: str, output: str | None) -> None:
    """Write a table as CSV, JSON or Parquet to a file or standard output."""
    for col in frame.columns:  # dicts and lists (survey labels) as JSON text
        if frame[col].map(lambda v: isinstance(v, (dict, list))).any():
            frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    if fmt == "csv":
        data = frame.to_csv(index=False).encode("utf-8")
    elif fmt == "json":
        data = frame.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")
    else:
        for col in frame.columns:  # Parquet needs one type per column: mixed ones as text
            if frame[col].dtype == object and frame[col].dropna().map(type).nunique() > 1:
                frame[col] = frame[col].map(lambda v: v if v is None or v != v else str(v))
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        data = buffer.getvalue()
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _format(args: argparse.Namespace) -> str:
    """The output format of quotes and evaluate: --format when not the default
    ``table``, else -o's suffix when it is csv, json or parquet, else ``table``."""
    if args.format != "table":
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in EXPORT_FORMATS else "table"


def _write_text(text: str, output: str | None) -> None:
    """Write text to a file (UTF-8) or to standard output."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)

"""Benchmark: per-project HTML reports (``sokwal report``) on the sample and on synthetic
projects, with a projection for 200 projects.

Prints one JSON object. Per corpus: ``projects``, ``workers``, ``wall_s`` (the whole
``render_reports`` call: kernels started, notebooks run, HTML written, index written),
``wall_per_project_s``, and per project the medians of ``execution_s`` (the notebook's
cells as papermill times them: kernel start-up excluded, imports in the kernel
included), ``convert_s`` (notebook → HTML) and ``project_s`` (all of one project,
kernel start included). ``projection_200_s`` is 200 × ``wall_per_project_s`` of the
synthetic corpus. Target: < 1.5 s per project excluding kernel start-up.

The synthetic corpus copies the sample's interviews and reports into ``--projects``
projects (Q01, Q02, ...; two waves each) with a survey of 12 respondents per project
and wave, ingested and rule-coded by separate ``sokwal`` processes (not timed).

    .venv/bin/python bench/reports.py                  # sample + 20 synthetic projects
    .venv/bin/python bench/reports.py --projects 4     # a quick look
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SOKWAL = Path(sys.executable).with_name("sokwal")


def sokwal(*args: str) -> None:
    subprocess.run([str(SOKWAL), *args], check=True, capture_output=True, text=True)


def build_projects(folder: Path, n_projects: int, seed: int) -> None:
    """``n_projects`` projects, each a copy of one sample project's texts in two waves."""
    import pyreadstat

    sources = sorted(p for p in (SAMPLE / "interviews").rglob("*") if p.is_file())
    sources += sorted(p for p in (SAMPLE / "rapporten").glob("P0*"))
    by_project: dict[str, list[Path]] = {}
    for path in sources:
        by_project.setdefault(path.name[:3], []).append(path)
    templates = sorted(by_project)
    rows, projects = [], []
    for i in range(n_projects):
        pid = f"Q{i + 1:02d}"
        template = templates[i % len(templates)]
        for path in by_project[template]:
            name = pid + path.name[3:]
            shutil.copy(path, folder / name)
            rows.append({"path": name, "project_id": pid})
        projects.append(
            {"project_id": pid, "name": f"Proefproject {i + 1}", "municipality": "Zwolle"}
        )
    pd.DataFrame(projects).to_csv(folder / "projects.csv", index=False)
    rng = np.random.default_rng(seed)
    survey = []
    for project in projects:
        for wave in (2018.0, 2019.0):
            for _ in range(12):
                survey.append(
                    {
                        "project_id": project["project_id"],
                        "wave": wave,
                        "eenzaam": float(rng.integers(1, 6)),
                        "tevreden": float(rng.integers(1, 6)),
                        "contacten_per_week": float(rng.integers(0, 10)),
                    }
                )
    labels = {1.0: "nooit", 2.0: "zelden", 3.0: "soms", 4.0: "vaak", 5.0: "heel vaak"}
    pyreadstat.write_sav(
        pd.DataFrame(survey),
        str(folder / "enquete.sav"),
        column_labels={"eenzaam": "Hoe vaak voelt u zich eenzaam?", "tevreden": "Tevredenheid"},
        variable_value_labels={"eenzaam": labels, "tevreden": labels},
        variable_measure={"eenzaam": "ordinal", "tevreden": "ordinal"},
    )


def measure(store: Path, out: Path, workers: int, n_boot: int) -> dict[str, object]:
    from sokwal_monitor.reports import render_reports

    started = time.perf_counter()
    run = render_reports(store, out, workers=workers, n_boot=n_boot, progress=False)
    wall = time.perf_counter() - started
    failed = [f"{r.project_id}: {r.error}" for r in run.failed]
    ok = [r for r in run.results if r.ok]
    return {
        "projects": len(run.results),
        "failed": failed,
        "workers": workers,
        "wall_s": round(wall, 2),
        "wall_per_project_s": round(wall / len(run.results), 2),
        "execution_s_median": round(statistics.median(r.execution_seconds for r in ok), 2),
        "execution_s_max": round(max(r.execution_seconds for r in ok), 2),
        "convert_s_median": round(statistics.median(r.convert_seconds for r in ok), 2),
        "project_s_median": round(statistics.median(r.seconds for r in ok), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=20, help="synthetic projects")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap replicates")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sokwal-bench-reports-"))
    figures: dict[str, object] = {}
    try:
        sample = work / "sample.sokwal"
        sokwal("ingest", str(SAMPLE), "--store", str(sample), "--pseudonymize")
        sokwal("code", "--store", str(sample), "-q")
        figures["sample"] = measure(sample, work / "sample-out", args.workers, args.boot)
        if args.projects:
            corpus = work / "corpus"
            corpus.mkdir()
            build_projects(corpus, args.projects, args.seed)
            synthetic = work / "synthetic.sokwal"
            sokwal("ingest", str(corpus), "--store", str(synthetic))
            sokwal("code", "--store", str(synthetic), "-q")
            result = measure(synthetic, work / "synthetic-out", args.workers, args.boot)
            result["projection_200_s"] = round(200 * float(result["wall_per_project_s"]), 1)
            figures["synthetic"] = result
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

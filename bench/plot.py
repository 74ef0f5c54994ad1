"""Plot the benchmark results (bench/results/*.json) to PNG files in docs/bench/.

    python bench/plot.py      # needs matplotlib (a dev dependency)
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS = REPO_ROOT / "bench" / "results"
OUT = REPO_ROOT / "docs" / "bench"


def plot_growth(draft: dict) -> Path:
    figure, axis = plt.subplots(figsize=(6, 4))
    fake = draft["growth_fake"]
    axis.plot([r["bullets"] for r in fake], [r["seconds"] for r in fake], marker="o", label="fake model (overhead)")
    if real := draft.get("growth_real"):
        axis.plot([r["bullets"] for r in real], [r["seconds"] for r in real], marker="s", label=draft["model"])
    axis.set_xlabel("notes (bullets)")
    axis.set_ylabel("draft wall time (s)")
    axis.set_title("Draft time as notes grow")
    axis.legend()
    return save(figure, "draft_growth.png")


def plot_pipeline_vs_raw(draft: dict) -> Path | None:
    raw = draft.get("pipeline_vs_raw")
    if not raw:
        return None
    figure, axis = plt.subplots(figsize=(5, 4))
    bars = {"pipeline": raw["pipeline_seconds"], "raw llama.cpp": raw["raw_seconds"]}
    colours = ["#4a7", "#888"]
    if unsaved := raw.get("unsaved_heads"):  # the same draft before prompt heads were saved
        bars = {"pipeline": raw["pipeline_seconds"], "without saved\nprompt heads": unsaved["pipeline_seconds"],
                "raw llama.cpp": raw["raw_seconds"]}
        colours = ["#4a7", "#c96", "#888"]
    axis.bar(list(bars), list(bars.values()), color=colours)
    axis.set_ylabel("seconds")
    axis.set_title(f"Same {raw['output_tokens']} output tokens: ratio {raw['ratio']}")
    return save(figure, "pipeline_vs_raw.png")


def plot_store(store: dict) -> list[Path]:
    """Any list of {x, y} rows in store.json: one line chart per list of numeric dicts."""
    made = []
    for name, rows in store.items():
        if not (isinstance(rows, list) and rows and isinstance(rows[0], dict)):
            continue
        numeric = [k for k, v in rows[0].items() if isinstance(v, int | float)]
        if len(numeric) < 2:
            continue
        x, *ys = numeric
        figure, axis = plt.subplots(figsize=(6, 4))
        for y in ys:
            axis.plot([r[x] for r in rows], [r[y] for r in rows], marker="o", label=y)
        axis.set_xscale("log")
        axis.set_xlabel(x)
        axis.set_title(f"store: {name}")
        axis.legend()
        made.append(save(figure, f"store_{name}.png"))
    return made


def save(figure, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def main() -> int:
    made: list[Path] = []
    if (draft_file := RESULTS / "draft.json").is_file():
        draft = json.loads(draft_file.read_text(encoding="utf-8"))
        made.append(plot_growth(draft))
        made += [p for p in [plot_pipeline_vs_raw(draft)] if p]
    if (store_file := RESULTS / "store.json").is_file():
        made += plot_store(json.loads(store_file.read_text(encoding="utf-8")))
    for path in made:
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    if not made:
        print("bench/results/ 下没有结果；请先运行 bash bench/run_all.sh。")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

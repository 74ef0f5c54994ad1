"""Drafting benchmark: pipeline overhead against raw llama.cpp, first visible text, memory, growth.

    python bench/bench_draft.py [--model 0.5b|1.5b] [--skip-real] [--out bench/results/draft.json]

1. Pipeline vs raw generation: draft ``examples/notes-small.md`` with the embedded model,
   then generate the same number of output tokens with ``llama_cpp.Llama`` directly (the same
   loaded GGUF, same n_ctx and threads), side by side in one process. Goal: ratio ≤ 1.5. Also
   the draft's own calls replayed straight to the model: what the pipeline adds beyond them.
   Each draft starts from an empty context, as a new process would, with the prompt heads an
   earlier run saved (``drafter.models.prompt_heads``) and, side by side, without them.
2. First visible text: ``drafter draft examples/notes-small.md`` as a subprocess, time to its
   first stdout byte (goal ≤ 5 s), and its peak RSS (getrusage of the child; goal ≤ 2.5 GB).
3. Growth: draft time as notes grow from 5 to 80 bullets with the fake model (pipeline
   overhead only), plus 5 and 20 bullets with the real model unless --skip-real (goal: a
   20-note report ≤ 90 s on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import select
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from drafter.drafting.pipeline import Stages, draft  # noqa: E402
from drafter.drafting.write import ModelWriter  # noqa: E402
from drafter.models import llama_chat  # noqa: E402
from drafter.models.embedded import embedded_model_path  # noqa: E402
from drafter.models.fake import RuleBasedChatModel  # noqa: E402
from drafter.models.llama_chat import DEFAULT_N_CTX, DEFAULT_N_THREADS, LlamaChatModel, load_llama  # noqa: E402

NOTES_SMALL = REPO_ROOT / "examples" / "notes-small.md"
GROWTH_SIZES = (5, 10, 20, 40, 80)
REAL_GROWTH_SIZES = (5, 20)
GOALS = {"ratio": 1.5, "twenty_notes_seconds": 90.0, "first_byte_seconds": 5.0, "peak_rss_mb": 2560.0}
TOPICS = ("耕地保护", "规划编制", "不动产登记", "执法监察", "地质灾害防治", "土地供应", "矿产管理", "生态修复")


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version()}


def synthetic_notes(bullets: int) -> str:
    """Notes of a given length: topics of 5 bullets each, the last fifth problems and plans."""
    lines = ["# 某县自然资源局 2024年上半年"]
    for index in range(bullets):
        if index % 5 == 0:
            lines.append(f"## {TOPICS[(index // 5) % len(TOPICS)]}{index // 5 + 1}")
        tag = "问题：" if index % 10 == 8 else "计划：" if index % 10 == 9 else ""
        lines.append(f"- {tag}完成第{index + 1}批次任务{index * 3 + 7}件，涉及面积{index + 12}.5亩")
    return "\n".join(lines) + "\n"


def timed_draft(notes: str, model) -> tuple[float, object]:
    started = time.perf_counter()
    result = draft(notes, model=model)
    return time.perf_counter() - started, result


def raw_generation(model_path: Path, tokens: int) -> float:
    """Seconds for llama.cpp to generate exactly ``tokens`` tokens (EOS suppressed)."""
    llama = load_llama(model_path, DEFAULT_N_CTX, DEFAULT_N_THREADS)
    prompt = "请写一段关于耕地保护工作的总结："
    started = time.perf_counter()
    llama.create_completion(prompt, max_tokens=tokens, temperature=0.0, logit_bias={llama.token_eos(): -1e9})
    return time.perf_counter() - started


class WholeItemWriter(ModelWriter):
    """The writer as it was before lead-only items: the model writes every item whole (lead and
    facts) and every problem; kept here to measure both ways side by side in one run."""

    def led(self, runner, notes, context, index=0, exemplar_texts=()):
        return self.composed(runner, notes, context, index, exemplar_texts)


def whole_item_stages() -> Stages:
    return Stages(writer=WholeItemWriter())


RECORDED: list[tuple[list, object, dict]] = []


class RecordingLlamaChatModel(LlamaChatModel):
    """The embedded model, keeping every call's messages and options so they can be replayed."""

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        RECORDED.append((list(messages), stop, dict(kwargs)))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def replayed_calls(model_path: Path, calls: list[tuple[list, object, dict]]) -> float:
    """Seconds for the model to answer the same calls again, straight, with no pipeline code in
    between: what llama.cpp itself must do for the draft (prompt evaluation and generation)."""
    model = LlamaChatModel(model_path=model_path, temperature=0.0, seed=0)
    started = time.perf_counter()
    for messages, stop, options in calls:
        model.invoke(messages, stop=stop, **options)
    return time.perf_counter() - started


def as_a_new_run(model_path: Path, saved_heads: bool) -> None:
    """Leave the loaded model as a new `drafter draft` process finds it: nothing in its context and,
    with ``saved_heads``, only the prompt heads an earlier run saved on disk (none kept in memory);
    without, no saved heads at all (as before they were kept)."""
    loaded = llama_chat._load(model_path, DEFAULT_N_CTX, DEFAULT_N_THREADS)
    loaded.llama.reset()
    loaded.heads = llama_chat.head_states(model_path.resolve(), DEFAULT_N_CTX) if saved_heads else None


def pipeline_vs_raw(model_path: Path) -> dict:
    """Lead-only items (what drafts do now: prompt heads saved by an earlier run), the same without
    saved heads, and whole items (before), each from a fresh context against raw generation of
    its own output tokens, in one process on one loaded model; lead-only items also against their
    own calls replayed straight to the model."""
    model = RecordingLlamaChatModel(model_path=model_path, temperature=0.0, seed=0)
    model.llama  # load once, outside every timing  # noqa: B018
    notes = NOTES_SMALL.read_text(encoding="utf-8")
    as_a_new_run(model_path, saved_heads=True)
    draft(notes, model=model)  # saves the heads, as the first run on a machine does
    rows = {}
    for name, stages, saved_heads in (("lead_only", None, True), ("lead_only_unsaved_heads", None, False),
                                      ("whole_items", whole_item_stages(), False)):
        RECORDED.clear()
        as_a_new_run(model_path, saved_heads)
        started = time.perf_counter()
        result = draft(notes, model=model, stages=stages, per_section=False if stages else None)
        seconds = time.perf_counter() - started
        calls = list(RECORDED)
        output_tokens = sum(call.completion_tokens for call in result.calls)
        raw = raw_generation(model_path, output_tokens)
        rows[name] = {"pipeline_seconds": round(seconds, 2), "raw_seconds": round(raw, 2),
                      "ratio": round(seconds / raw, 2) if raw else None, "output_tokens": output_tokens,
                      "prompt_tokens": sum(call.prompt_tokens for call in result.calls),
                      "llm_calls": len(result.calls)}
        if name == "lead_only":
            as_a_new_run(model_path, saved_heads=True)
            replay = replayed_calls(model_path, calls)
            rows[name] |= {"replay_seconds": round(replay, 2), "replay_ratio": round(seconds / replay, 2) if replay else None}
    return {**rows["lead_only"], "unsaved_heads": rows["lead_only_unsaved_heads"],
            "whole_items": rows["whole_items"], "n_ctx": DEFAULT_N_CTX, "n_threads": DEFAULT_N_THREADS}


def first_visible_text(size: str) -> dict:
    """Seconds until `drafter draft` shows anything: the outline streams to stderr, the draft to stdout."""
    env = {**os.environ, "DRAFTER_EMBEDDED_MODEL": f"qwen2.5-coder-{size}"}
    env.pop("OPENAI_BASE_URL", None)
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "drafter", "draft", str(NOTES_SMALL)], cwd=REPO_ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = None
    streams = [child.stdout, child.stderr]
    while streams:
        ready, _, _ = select.select(streams, [], [], 600)
        if not ready:
            break
        for stream in ready:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                streams.remove(stream)
            elif first is None and chunk.strip():
                first = time.perf_counter() - started
    child.wait()
    total = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: kilobytes
    return {"first_byte_seconds": round(first, 2) if first else None, "total_seconds": round(total, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1), "exit_code": child.returncode}


def growth(model, sizes, stages: Stages | None = None, saved_heads: bool | None = None) -> list[dict]:
    """Draft time per size; with a real model (``saved_heads`` set) each draft starts as a new run would."""
    timed_draft(synthetic_notes(3), model)  # warm-up: jieba's dictionary, prompt files, model load
    rows = []
    for size in sizes:
        if saved_heads is not None:
            as_a_new_run(Path(model.model_path), saved_heads)
        started = time.perf_counter()
        result = draft(synthetic_notes(size), model=model, stages=stages)
        rows.append({"bullets": size, "seconds": round(time.perf_counter() - started, 3),
                     "llm_calls": len(result.calls)})
    return rows


def saved_heads_side_by_side(model, bullets: int = 20, rounds: int = 2) -> dict:
    """The same report drafted as a new run would, with and without saved prompt heads, taken in
    turns (the machine's speed drifts by more than the difference within a minute)."""
    notes = synthetic_notes(bullets)
    timed_draft(synthetic_notes(3), model)
    seconds: dict[str, list[float]] = {"saved": [], "unsaved": []}
    for _ in range(rounds):
        for way in seconds:
            as_a_new_run(Path(model.model_path), saved_heads=way == "saved")
            seconds[way].append(round(timed_draft(notes, model)[0], 2))
    return {"bullets": bullets, **seconds,
            **{f"{way}_mean": round(sum(values) / len(values), 2) for way, values in seconds.items()}}


def verdict(value: float | None, goal: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= goal else "**not met**"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}; "
             f"model {results['model']}.", "", "| measure | value | goal |", "|---|---|---|"]
    if raw := results.get("pipeline_vs_raw"):
        lines += [f"| pipeline wall time (notes-small) | {raw['pipeline_seconds']} s | |",
                  f"| raw llama.cpp, same {raw['output_tokens']} output tokens | {raw['raw_seconds']} s | |",
                  f"| ratio pipeline / raw | {raw['ratio']} | ≤ {GOALS['ratio']} ({verdict(raw['ratio'], GOALS['ratio'])}) |",
                  f"| the same calls replayed straight to the model (prompts + output) | {raw.get('replay_seconds')} s | |",
                  f"| ratio pipeline / replayed calls (the pipeline's own cost) | {raw.get('replay_ratio')} | |",
                  f"| LLM calls per report | {raw['llm_calls']} | |",
                  f"| prompt / output tokens | {raw['prompt_tokens']} / {raw['output_tokens']} | |"]
        if unsaved := raw.get("unsaved_heads"):
            lines += [f"| without saved prompt heads (before): pipeline / raw / ratio | {unsaved['pipeline_seconds']} s / "
                      f"{unsaved['raw_seconds']} s / {unsaved['ratio']} | |"]
        if whole := raw.get("whole_items"):
            lines += [f"| whole items (before): pipeline / raw / ratio | {whole['pipeline_seconds']} s / "
                      f"{whole['raw_seconds']} s / {whole['ratio']} | |",
                      f"| whole items: LLM calls, prompt / output tokens | {whole['llm_calls']}, "
                      f"{whole['prompt_tokens']} / {whole['output_tokens']} | |"]
    twenty = next((row for row in results.get("growth_real", []) if row["bullets"] == 20), None)
    if twenty:
        goal = GOALS["twenty_notes_seconds"]
        lines.append(f"| 20-note report, real model | {twenty['seconds']} s ({twenty['llm_calls']} calls) | ≤ {goal:.0f} s "
                     f"({verdict(twenty['seconds'], goal)}) |")
    if heads := results.get("saved_heads"):
        lines.append(f"| {heads['bullets']}-note report in turns, with / without saved prompt heads | "
                     f"{heads['saved_mean']} s / {heads['unsaved_mean']} s (each {heads['saved']} / {heads['unsaved']}) | |")
    for row in results.get("growth_real_whole_items", []):
        lines.append(f"| {row['bullets']}-note report, whole items (before) | {row['seconds']} s "
                     f"({row['llm_calls']} calls) | |")
    if first := results.get("first_visible_text"):
        first_goal, rss_goal = GOALS["first_byte_seconds"], GOALS["peak_rss_mb"]
        lines += [f"| first visible text (`drafter draft`) | {first['first_byte_seconds']} s | ≤ {first_goal:.0f} s "
                  f"({verdict(first['first_byte_seconds'], first_goal)}) |",
                  f"| whole `drafter draft` run | {first['total_seconds']} s | |",
                  f"| peak RSS of the run | {first['peak_rss_mb']} MB | ≤ {rss_goal:.0f} MB "
                  f"({verdict(first['peak_rss_mb'], rss_goal)}) |"]
    lines += ["", "| bullets | fake model s | calls | real model s |", "|---|---|---|---|"]
    real = {row["bullets"]: row for row in results.get("growth_real", [])}
    for row in results["growth_fake"]:
        real_seconds = real.get(row["bullets"], {}).get("seconds", "")
        lines.append(f"| {row['bullets']} | {row['seconds']} | {row['llm_calls']} | {real_seconds} |")
    if store := results.get("store"):
        lines += ["", "Store benchmark (bench/results/store.json):", "```", json.dumps(store, ensure_ascii=False)[:800], "```"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["0.5b", "1.5b"], default="0.5b")
    parser.add_argument("--skip-real", action="store_true", help="only the fake-model growth (no GGUF needed)")
    parser.add_argument("--out", default=str(REPO_ROOT / "bench" / "results" / "draft.json"))
    args = parser.parse_args(argv)
    results: dict = {"machine": machine(), "model": f"qwen2.5-coder-{args.model}",
                     "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    results["growth_fake"] = growth(RuleBasedChatModel(), GROWTH_SIZES)
    if not args.skip_real:
        path = embedded_model_path(f"qwen2.5-coder-{args.model}")
        results["pipeline_vs_raw"] = pipeline_vs_raw(path)
        real = LlamaChatModel(model_path=path, temperature=0.0, seed=0)
        results["growth_real"] = growth(real, REAL_GROWTH_SIZES, saved_heads=True)
        results["saved_heads"] = saved_heads_side_by_side(real)
        results["growth_real_whole_items"] = growth(real, REAL_GROWTH_SIZES[-1:], whole_item_stages(), saved_heads=False)
        results["first_visible_text"] = first_visible_text(args.model)
    store = REPO_ROOT / "bench" / "results" / "store.json"
    if store.is_file():
        results["store"] = json.loads(store.read_text(encoding="utf-8"))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_suffix(".tmp")
    temp.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, out)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

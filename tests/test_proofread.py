"""Proofreading (校对): the seeds' real slips, silence on the national reports, every rule both
ways, slips planted programmatically into real and corpus reports, --fix and --terms."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import jieba
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.structure.check import check_text
from drafter.structure.proofread import (
    Terms,
    TextFinding,
    apply_safe_fixes,
    default_terms,
    load_terms,
    merge_findings,
    proofread,
)
from tests.conftest import REPO, SEEDS, national_reports


def codes(text: str, severity: str | None = None, terms: Terms | None = None) -> list[str]:
    return [f.code for f in proofread(text, terms=terms) if severity in (None, f.severity)]


def found(text: str) -> set[tuple[str, int]]:
    return {(f.code, f.line) for f in proofread(text)}


def corpus_files() -> list[Path]:
    return sorted((REPO / "corpus").glob("*.txt"))


def real_reports() -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    return seeds + national_reports() + corpus_files()


# --- the real seeds --------------------------------------------------------------------


def test_seed_003_doubled_opinion(seed_003):
    findings = proofread(seed_003.read_text(encoding="utf-8"))
    doubled = [f for f in findings if f.code == "doubled-word"]
    assert [(f.line, f.suggestion) for f in doubled] == [(3, "意见")]
    assert "意见意见" in doubled[0].message and "政策类意见意见*条" in doubled[0].context
    column, length = doubled[0].spans[0]
    assert seed_003.read_text(encoding="utf-8").splitlines()[2][column:column + length] == "意见意见"
    # 截止目前 (until now) is 截至目前; 截至6月30日 elsewhere in the seed is right.
    assert [(f.code, f.line) for f in findings if f.code == "misuse"] == [("misuse", 6)]


def test_seed_000_doubled_words_misuses_and_document_numbers(seed_000):
    findings = proofread(seed_000.read_text(encoding="utf-8"))
    assert {(f.line, f.suggestion) for f in findings if f.code == "doubled-word"} == {(23, "有"), (27, "建设")}
    assert Counter(f.line for f in findings if f.code == "misuse") == {8: 3, 9: 1, 13: 1, 20: 1}  # 截止目前 ×6
    # *规政办[2021]6号 beside 自然资规〔2019〕2号: the year of a 发文字号 goes in 〔〕.
    assert [f.suggestion for f in findings if f.code == "doc-number"] == ["〔2021〕", "〔2022〕"]
    assert not [f for f in findings if f.severity == "error"]


# --- the national reports: no error; every warning listed with its reason ----------------

EXPECTED_NATIONAL_WARNINGS = {
    "gwr_national_2008.txt": [],
    # 推动签定综合性经济合作协议: 签订 is the standard form (default term list).
    "gwr_national_2009.txt": [("term", 460)],
    # 加强"三河三湖" 等: straight ASCII quotes in the scraped copy (the only half-width marks in all six);
    # 二、（一）四是加强风险管理… pasted twice word for word — the structure check reports the same line,
    # and merge_findings keeps one of the two.
    "gwr_national_2010.txt": [("halfwidth-punctuation", 70), ("duplicate-text", 214)],
    "gwr_national_2011.txt": [],
    "gwr_national_2012.txt": [],
    "gwr_national_2013.txt": [],
}
# Advice only: sentences over 150 characters (national reports run long) and, in 2011, 做出 where
# the house style writes 作出 (…崇高事业做出新贡献).
EXPECTED_NATIONAL_INFO = {
    "gwr_national_2008.txt": {"long-sentence": 2},
    "gwr_national_2009.txt": {"long-sentence": 1},
    "gwr_national_2010.txt": {"long-sentence": 1},
    "gwr_national_2011.txt": {"long-sentence": 4, "house-style": 1},
    "gwr_national_2012.txt": {"long-sentence": 6},
    "gwr_national_2013.txt": {"long-sentence": 8},
}


@pytest.mark.parametrize("path", national_reports(), ids=lambda p: p.name)
def test_national_reports_no_error_and_each_warning_known(path):
    findings = proofread(path.read_text(encoding="utf-8"))
    assert [f for f in findings if f.severity == "error"] == []
    assert [(f.code, f.line) for f in findings if f.severity == "warning"] == EXPECTED_NATIONAL_WARNINGS[path.name]
    assert Counter(f.code for f in findings if f.severity == "info") == EXPECTED_NATIONAL_INFO[path.name]


def test_national_2010_duplicate_is_reported_once_with_the_structure_check():
    path = next((p for p in national_reports() if p.name == "gwr_national_2010.txt"), None)
    if path is None:
        pytest.skip("national reports absent")
    text = path.read_text(encoding="utf-8")
    merged = merge_findings(check_text(text).findings, proofread(text))
    assert [(f.code, f.line) for f in merged if f.code == "duplicate-text"] == [("duplicate-text", 214)]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_reports_have_only_long_sentence_advice(path):
    findings = proofread(path.read_text(encoding="utf-8"))
    assert {f.code for f in findings} <= {"long-sentence"}


# --- each rule: a failing input and a passing input -------------------------------------


def test_doubled_words_and_characters():
    assert codes("收集意见意见3条。") == ["doubled-word"]
    assert codes("我们的的工作取得进展。") == ["doubled-word"]
    assert codes("也没有有剥离空间。") == ["doubled-word"]
    assert codes("一是一是加强监管。") == ["doubled-word"]
    legitimate = ("常常深入基层，天天巡查，人人参与，家家户户通自来水，问题一一整改，谢谢大家，请看看，"
                  "对分局局长进行调整，深入学习习近平新时代中国特色社会主义思想，2022年年底完成，"
                  "一九九九年建成，一步一步推进，层层压实责任，方方面面，坚持实事求是是我们党的根本要求。")
    assert codes(legitimate) == []


def test_whitelist_silences_a_doubling():
    text = "请大家研究研究再定。开会讨论讨论。"
    assert codes(text) == []  # colloquial reduplication is allowed by the data
    assert codes("收集意见意见3条。", terms=Terms(whitelist=frozenset({"意见意见"}))) == []


def test_brackets_and_quotes():
    assert "bracket-unbalanced" in codes("修订《防汛应急预案（2024年版》。", "error")
    assert "bracket-unbalanced" in codes("完成验收（共12个。")
    assert "bracket-unbalanced" in codes("完成验收共12个）。")
    assert "bracket-mismatch" in codes("完成验收（共12个)。")
    assert "quote-unbalanced" in codes("推进“水美乡村建设。")
    assert "quote-mismatch" in codes("推进”水美乡村”建设。")
    assert codes('推进“水美乡村"建设。') == ["halfwidth-punctuation"]  # “…" : the close is half-width
    assert apply_safe_fixes('推进“水美乡村"建设（共3个)。')[0] == "推进“水美乡村”建设（共3个）。"
    assert apply_safe_fixes("推进“水美乡村建设（共3个。") == ("推进“水美乡村建设（共3个。", [])  # where to close is a guess
    clean = "修订《防汛应急预案（2024年版）》，推进“水美乡村”“清河行动”建设，落实‘河长’制。"
    assert codes(clean) == []
    # A title scraped onto its own line between 《 and 》 is one bracket pair.
    assert codes("我们编制了《\n国民经济和社会发展规划纲要（草案）\n》，提交审议。") == []


def test_halfwidth_punctuation_in_chinese_only():
    for slip in ("完成修复12处,投资500万元。", "主要任务:一是防汛。", "是否完成?", "全力以赴!", "完成12处;开展3次。",
                 "修订预案(2024年版)。", "工作全部完成.", "推进\"水美乡村\"建设。",
                 "合格率98.3%."):  # a point after % ends the sentence (a 市场监管所's notes)
        assert codes(slip) == ["halfwidth-punctuation"], slip
    for fine in ("投资1,200万元。", "上午9:30召开会议。", "详见 https://example.gov.cn/a?b=1,2 页面。",
                 "采用BIM(Building Information Modeling)技术。", "1.加强领导。", "比例为1:1。", "PM2.5浓度下降。",
                 "He said \"yes, please\" twice.", "完成??个项目。"):
        assert codes(fine) == [], fine


def test_doubled_punctuation_and_sequences():
    assert codes("开展演练3次。。三是修订预案。") == ["doubled-punctuation"]
    assert codes("开展演练，，修订预案。") == ["doubled-punctuation"]
    assert codes("开展演练，。修订预案。") == ["punctuation-sequence"]
    assert codes("他说：“好。”……这是破折号——不是重复。") == []


def test_terms_and_misuses_name_the_preferred_form():
    findings = proofread("做为重点工作，截止目前完成86次，其它指标达标，签定协议2份，截止日期为6月30日。")
    named = {(f.code, f.suggestion, f.severity) for f in findings}
    assert named == {("misuse", "作为", "warning"), ("misuse", "截至", "warning"), ("house-style", "其他", "info"),
                     ("term", "签订", "warning")}
    assert codes("作为重点工作，截至目前完成86次，其他指标达标，截止日期为6月30日，作为截止时间。") == []
    assert codes("截至日期为6月30日。") == ["misuse"]  # 截止日期


def test_repeated_sentences_across_parts():
    text = ("一、工作进展\n一是完成村庄规划编制工作，形成初步成果并报县政府审批。二是开展培训。\n"
            "二、下步打算\n一是完成村庄规划编制工作，形成初步成果并报县政府审批。二是加强督导。\n")
    findings = [f for f in proofread(text) if f.code == "duplicate-text"]
    assert [(f.line, f.severity) for f in findings] == [(4, "warning")] and "第2行" in findings[0].message
    assert codes(text.replace("一是完成村庄规划编制工作，形成初步成果并报县政府审批。二是加强督导。", "一是加强督导。")) == []


def test_long_sentences_use_the_threshold_from_data():
    long_sentence = "推进" + "，".join(["完成项目建设任务"] * 20) + "。"
    assert codes(long_sentence) == ["long-sentence"]
    assert codes("推进" + "，".join(["完成项目建设任务"] * 10) + "。") == []


def test_mixed_number_and_unit_formats():
    text = "投资1,200万元。\n完成5600亩。\n补助2300户。\n"
    findings = [f for f in proofread(text) if f.code == "number-format"]
    assert [f.line for f in findings] == [1] and "1,200" in findings[0].message
    assert codes("投资1,200万元，补助2,300户，2024年完成。") == []  # consistent, and years are not numbers
    assert codes("投资1200万元，补助2300户。") == []
    assert "number-format" in codes("投资１２００万元，补助2300户。")
    units = "安排项目资金1200万元。\n下达项目资金500000元。\n人均可支配收入32000元。\n"
    assert [(f.code, f.line, f.suggestion) for f in proofread(units)] == [("unit-format", 2, "50万元")]


def test_mixed_date_formats():
    text = "6月30日前完成。\n截至7月15日，完成验收。\n于2024-08-01启动。\n9.30前全部完工。\n"
    findings = [(f.code, f.line, f.suggestion) for f in proofread(text)]
    assert findings == [("date-format", 3, "2024年8月1日"), ("date-format", 4, "9月30日")]
    assert codes("6月30日前完成，8月1日启动，增长6.30%，达到1.17亿。") == []


def test_findings_carry_context_suggestion_and_spans():
    finding = proofread("积极开展大走访活动，收集整理涉及政策类意见意见5条，市场需求类3条。")[0]
    assert isinstance(finding, TextFinding)
    data = finding.to_dict()
    assert data["code"] == "doubled-word" and data["suggestion"] == "意见" and data["spans"] == [(19, 4)]
    assert "意见意见" in data["context"] and "原文" in str(finding) and str(finding).startswith("[警告] 第1行")


def test_pathological_input_stays_linear():
    import time

    started = time.monotonic()
    assert len(proofread("中" * 100_000)) > 1000  # 中中… is doubling, but it must not take minutes
    proofread("某局总结一是加强监管（共3项，，\n" * 5000 + "a@" * 20_000)
    assert time.monotonic() - started < 30  # quadratic rules took minutes here


# --- planted slips in real and corpus reports --------------------------------------------

Plant = tuple[str, set[str], int]  # (changed line, acceptable codes, how far from the line a finding may sit)
Planter = Callable[[str, random.Random], Plant | None]
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def plant_doubled_word(line: str, rng: random.Random) -> Plant | None:
    words = [(word, start, end) for word, start, end in jieba.tokenize(line) if HAN_WORD.match(word) or word in ("的", "在")]
    if not words:
        return None
    word, _start, end = rng.choice(words)
    return line[:end] + word + line[end:], {"doubled-word"}, 0


def plant_halfwidth(line: str, rng: random.Random) -> Plant | None:
    places = [i for i, char in enumerate(line) if char in "，；：？！" and not (
        i and i + 1 < len(line) and line[i - 1].isdigit() and line[i + 1].isdigit())]
    pairs = [match.span() for match in re.finditer(r"（[^（）]*[\u4e00-\u9fff][^（）]*）", line)]
    if pairs and rng.random() < 0.3:
        start, end = rng.choice(pairs)
        return line[:start] + "(" + line[start + 1:end - 1] + ")" + line[end:], {"halfwidth-punctuation"}, 0
    if not places:
        return None
    i = rng.choice(places)
    half = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}[line[i]]
    return line[:i] + half + line[i + 1:], {"halfwidth-punctuation"}, 0


def plant_broken_bracket(line: str, rng: random.Random) -> Plant | None:
    places = [i for i, char in enumerate(line) if char in "）》”"]
    if not places:
        return None
    i = rng.choice(places)
    broken = {"bracket-unbalanced", "bracket-mismatch", "quote-unbalanced", "quote-mismatch"}
    if line[i] == "”" and rng.random() < 0.5:
        return line[:i] + "“" + line[i + 1:], broken, 3  # wrong direction
    return line[:i] + line[i + 1:], broken, 3  # dropped


DISCOURAGED = [("作为", "做为"), ("其他", "其它"), ("部署", "布署"), ("签订", "签定"), ("台账", "台帐"), ("作出", "做出"),
               ("截至目前", "截止目前"), ("截至6月", "截止6月"), ("一如既往", "一如继往")]


def plant_discouraged_term(line: str, rng: random.Random) -> Plant | None:
    present = [(good, bad) for good, bad in DISCOURAGED if good in line]
    if present:
        good, bad = rng.choice(present)
        return line.replace(good, bad, 1), {"term", "house-style", "misuse"}, 0
    sentences = [match.end() for match in re.finditer("。", line)]
    if not sentences:
        return None
    at = rng.choice(sentences)
    good, bad = rng.choice(DISCOURAGED[:6])
    return line[:at] + f"要把这项工作{bad}重点。" + line[at:], {"term", "house-style", "misuse"}, 0


def plant_slips(text: str, planter: Planter, rng: random.Random, count: int) -> tuple[str, dict[int, Plant]]:
    lines = text.splitlines()
    candidates = [index for index, line in enumerate(lines) if len(re.findall(r"[\u4e00-\u9fff]", line)) >= 20]
    rng.shuffle(candidates)
    planted: dict[int, Plant] = {}
    for index in candidates:
        if len(planted) >= count:
            break
        if any(abs(index + 1 - other) <= 3 for other in planted):
            continue  # keep slips apart so each is judged on its own
        plant = planter(lines[index], rng)
        if plant is not None:
            lines[index] = plant[0]
            planted[index + 1] = plant
    return "\n".join(lines) + "\n", planted


def plant_repeated_items(text: str, rng: random.Random, count: int) -> tuple[str, dict[int, Plant]]:
    """Copy an item's sentence (一是……。) onto another, distant line: the same content under 一 and 三."""
    lines = text.splitlines()
    items = [(index, match[0]) for index, line in enumerate(lines)
             for match in re.finditer(r"[一二三四五六七八九十]是[^。；]{20,60}[。；]", line)]
    rng.shuffle(items)
    planted: dict[int, Plant] = {}
    for source_index, sentence in items:
        if len(planted) >= count:
            break
        targets = [index for index, line in enumerate(lines) if abs(index - source_index) > 3 and line.endswith("。")
                   and all(abs(index + 1 - other) > 3 for other in planted) and sentence not in line]
        if not targets:
            continue
        target = rng.choice(targets)
        lines[target] += "三是" + sentence[2:]
        planted[target + 1] = (lines[target], {"duplicate-text"}, abs(target - source_index))
    return "\n".join(lines) + "\n", planted


PLANTERS: dict[str, Planter] = {
    "doubled word": plant_doubled_word,
    "half-width punctuation": plant_halfwidth,
    "broken bracket": plant_broken_bracket,
    "discouraged term": plant_discouraged_term,
}


def plantings(text: str, rng: random.Random) -> Iterator[tuple[str, str, dict[int, Plant]]]:
    for name, planter in PLANTERS.items():
        yield (name, *plant_slips(text, planter, rng, 8))
    yield ("repeated item", *plant_repeated_items(text, rng, 4))


def test_planted_slips_are_found_and_nothing_else_changes():
    reports = real_reports()
    if len(reports) < 3:
        pytest.skip("too few real reports")
    planted_count: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    spurious: list[str] = []
    for path in reports:
        text = path.read_text(encoding="utf-8")
        baseline = found(text)
        rng = random.Random(path.name)
        for name, changed, planted in plantings(text, rng):
            findings = found(changed)
            for line, (_new, accepted, reach) in planted.items():
                planted_count[name] += 1
                hit = any(code in accepted and abs(at - line) <= reach for code, at in findings)
                caught[name] += hit
            near_plant = {line + offset for line, (_n, _a, reach) in planted.items() for offset in range(-reach, reach + 1)}
            new = {(code, at) for code, at in findings - baseline if at not in near_plant}
            spurious += [f"{path.name} {name}: {code} at {at}" for code, at in sorted(new)]
    for name, total in planted_count.items():
        assert total >= 30, (name, total)
        assert caught[name] / total >= 0.95, (name, caught[name], total)
    assert sum(caught.values()) / sum(planted_count.values()) >= 0.95
    assert spurious == []


# --- --fix -------------------------------------------------------------------------------

SLIPS = (
    "某县水利局2024年上半年工作总结\n"
    "一、上半年工作进展\n"
    "（一）抓好防汛备汛,确保安全度汛。一是完成水毁工程修复12处,投资1200万元;二是开展防汛演练3次。。"
    "三是修订《防汛应急预案》(2024年版)。\n"
    "（二）推进农村供水保障。一是新建供水站2座（服务人口1.2万人)。二是做为重点工作，完成水质检测86次。\n"
    "二、存在的问题\n"
    "一是部分工程进度偏慢。二是专业技术人员不足。\n"
    "三、下半年工作计划\n"
    "（一）加强工程管理。一是推进”水美乡村”建设。二是完成供水站验收收工作。\n"
)
SLIPS_FIXED = (
    "某县水利局2024年上半年工作总结\n"
    "一、上半年工作进展\n"
    "（一）抓好防汛备汛，确保安全度汛。一是完成水毁工程修复12处，投资1200万元；二是开展防汛演练3次。"
    "三是修订《防汛应急预案》（2024年版）。\n"
    "（二）推进农村供水保障。一是新建供水站2座（服务人口1.2万人）。二是做为重点工作，完成水质检测86次。\n"
    "二、存在的问题\n"
    "一是部分工程进度偏慢。二是专业技术人员不足。\n"
    "三、下半年工作计划\n"
    "（一）加强工程管理。一是推进“水美乡村”建设。二是完成供水站验收收工作。\n"
)


def test_safe_fixes_only_and_idempotent():
    fixed, fixes = apply_safe_fixes(SLIPS)
    assert fixed == SLIPS_FIXED  # 做为 and 验收收 are left for the writer
    assert len(fixes) == 8 and {fix.line for fix in fixes} == {3, 4, 8}
    assert apply_safe_fixes(fixed) == (fixed, [])
    left = {f.code for f in proofread(fixed)}
    assert left == {"misuse", "doubled-word"}


def test_safe_fixes_keep_line_endings_and_clean_text():
    crlf = SLIPS.replace("\n", "\r\n")
    assert apply_safe_fixes(crlf)[0] == SLIPS_FIXED.replace("\n", "\r\n")
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        assert apply_safe_fixes(text) == (text, [])


@pytest.mark.parametrize("path", national_reports(), ids=lambda p: p.name)
def test_fixes_on_national_reports_touch_only_the_known_slip(path):
    text = path.read_text(encoding="utf-8")
    fixed, fixes = apply_safe_fixes(text)
    assert {fix.line for fix in fixes} == ({70} if path.name == "gwr_national_2010.txt" else set())
    if fixes:
        assert "加强“三河三湖” 等重点流域" in fixed.splitlines()[69]


def test_cli_fix_writes_a_new_file_and_reports_what_is_left(tmp_path):
    source = tmp_path / "总结.txt"
    source.write_text(SLIPS, encoding="utf-8")
    out = tmp_path / "总结-修正.txt"
    result = CliRunner().invoke(main, ["check", str(source), "--fix", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == SLIPS_FIXED
    assert source.read_text(encoding="utf-8") == SLIPS  # the original is kept
    assert "[已修正] 第3行：“,”→“，”×2" in result.output and "已修正 8 处" in result.output
    assert "“做为”应写作“作为”" in result.output and "“收收”疑似重复" in result.output
    assert "半角" not in result.output.split("以下是修正后仍需人工处理的问题。")[1]
    again = CliRunner().invoke(main, ["check", str(out), "--fix", str(out), "--json"])
    data = json.loads(again.output)
    assert data["fixes"] == [] and out.read_text(encoding="utf-8") == SLIPS_FIXED
    docx = CliRunner().invoke(main, ["check", str(source), "--fix", str(tmp_path / "x.docx")])
    assert docx.exit_code == 2 and "纯文本" in docx.output


def test_cli_no_proofread_and_json_fields(tmp_path):
    source = tmp_path / "总结.txt"
    source.write_text(SLIPS, encoding="utf-8")
    plain = CliRunner().invoke(main, ["check", str(source), "--no-proofread", "--json"])
    assert {f["code"] for f in json.loads(plain.output)["findings"]} == {"heading-punctuation"}  # structure only
    data = json.loads(CliRunner().invoke(main, ["check", str(source), "--json"]).output)
    halfwidth = next(f for f in data["findings"] if f["code"] == "halfwidth-punctuation")
    assert halfwidth["line"] == 3 and halfwidth["suggestion"] and halfwidth["context"] and halfwidth["fixes"]


# --- the one check entry point: drafts, reviews and the eval get the same findings -------


def test_check_text_and_drafts_include_proofreading():
    from drafter.drafting.assemble import check_findings
    from drafter.structure.check import Finding
    from drafter.structure.parse import parse_text

    result = check_text(SLIPS)
    assert {"halfwidth-punctuation", "misuse", "doubled-word"} <= {f.code for f in result.findings}
    assert {f.code for f in check_text(SLIPS, proofread=False).findings}.isdisjoint({"misuse", "doubled-word"})
    # The heading's own half-width warning is folded into the line's proofreading finding (which fixes it).
    assert [f.code for f in result.findings if f.line == 3 and "半角" in f.message] == ["halfwidth-punctuation"]
    draft_codes = {f.code for f in check_findings(parse_text(SLIPS), None)}
    assert {"misuse", "doubled-word"} <= draft_codes
    # Stored drafts keep a proofreading finding whole (JSON → Finding.from_dict).
    finding = next(f for f in result.findings if f.code == "halfwidth-punctuation")
    again = Finding.from_dict(json.loads(json.dumps(finding.to_dict())))
    assert isinstance(again, TextFinding) and again == finding
    assert type(Finding.from_dict({"severity": "error", "code": "x", "line": 1, "message": "m"})) is Finding


# --- --terms -----------------------------------------------------------------------------

USER_TERMS = """
[terms]
"数字政府" = ["电子政务"]
"高质量发展" = ["高品质发展", "高水平发展"]

[whitelist]
phrases = ["其它"]
"""


def test_user_terms_extend_the_default_and_whitelist_silences(tmp_path):
    path = tmp_path / "提法.toml"
    path.write_text(USER_TERMS, encoding="utf-8")
    terms = load_terms(path)
    assert terms.terms["签定"] == "签订"  # the default list still applies
    findings = proofread("推进电子政务建设，实现高水平发展，其它指标达标，签定协议。", terms=terms)
    assert [(f.code, f.suggestion) for f in findings] == [("term", "数字政府"), ("term", "高质量发展"), ("term", "签订")]
    assert "“电子政务”应写作“数字政府”" in findings[0].message
    assert [f.code for f in proofread("其它指标达标。", terms=default_terms())] == ["house-style"]


def test_cli_terms_option_home_file_and_bad_file(tmp_path, drafter_home):
    report = tmp_path / "总结.txt"
    report.write_text("某局2024年上半年工作总结\n一、工作进展\n一是推进电子政务建设，其它指标达标。\n", encoding="utf-8")
    terms = tmp_path / "提法.toml"
    terms.write_text(USER_TERMS, encoding="utf-8")
    runner = CliRunner()
    with_option = runner.invoke(main, ["check", str(report), "--terms", str(terms)])
    assert "“电子政务”应写作“数字政府”" in with_option.output and "按本单位用法" not in with_option.output
    assert "数字政府" not in runner.invoke(main, ["check", str(report)]).output
    drafter_home.mkdir(parents=True, exist_ok=True)
    (drafter_home / "terms.toml").write_text(USER_TERMS, encoding="utf-8")
    assert "“电子政务”应写作“数字政府”" in runner.invoke(main, ["check", str(report)]).output
    terms.write_text("[terms]\n数字政府 = 电子政务 = \n", encoding="utf-8")
    bad = runner.invoke(main, ["check", str(report), "--terms", str(terms)])
    assert bad.exit_code == 2 and "提法表" in bad.output and "Traceback" not in bad.output
    missing = runner.invoke(main, ["check", str(report), "--terms", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and "找不到提法表" in missing.output
    # A broken terms.toml under DRAFTER_HOME must not sink a check (or a draft at the end of its run):
    # a warning names it and the default list is used.
    (drafter_home / "terms.toml").write_text("[terms\n", encoding="utf-8")
    result = check_text(report.read_text(encoding="utf-8"))
    notice = next(f for f in result.findings if f.code == "terms-file")
    assert notice.severity == "warning" and "terms.toml" in notice.message and "默认提法表" in notice.message
    assert "house-style" in {f.code for f in result.findings}  # 其它, from the default list

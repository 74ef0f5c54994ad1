"""Fallback section headings name the section's work (issue 11): the writer's group name, else
the notes' key phrase; the generic pairs only when nothing names it."""

from __future__ import annotations

from drafter.drafting.meaning import check_meaning
from drafter.drafting.outline import fallback_heading, valid_heading

BAISHA = {
    "经济发展": ["完成规上工业产值18.6亿元，同比增长8.4%", "招引亿元以上项目3个，协议总投资9.2亿元"],
    "乡村振兴": ["建成高标准农田4200亩，粮食播种面积稳定在3.1万亩", "村集体经营性收入全部超过15万元"],
    "社会事业": ["新建村级养老服务站2个", "化解信访积案9件"],
}


def test_writers_group_names_open_the_fallback_headings_in_rhythm():
    headings = [fallback_heading(name, i, notes) for i, (name, notes) in enumerate(BAISHA.items())]
    assert headings == ["聚焦经济发展，守牢底线保安全。", "抓实乡村振兴，提质增效见实效。", "统筹社会事业，优化服务增便利。"]
    for heading, (name, notes) in zip(headings, BAISHA.items(), strict=True):
        assert valid_heading(heading)
        assert not check_meaning(heading, notes, role="heading", heading=name)
        first, second = heading.rstrip("。").split("，")
        assert 4 <= len(first) <= 7 and 4 <= len(second) <= 7


def test_a_keyword_name_gives_way_to_the_notes_key_phrase():
    notes = ["完成国省道大中修42公里", "农村公路新改建67公里", "处置公路病害点位1380处，修复护栏6.4公里"]
    assert fallback_heading("病害", 3, notes) == "突出公路病害，担当作为促发展。"


def test_generic_pairs_only_when_nothing_names_the_work():
    assert fallback_heading("企业", 0, ["新登记各类市场主体2876户", "企业开办压缩至1个工作日"]).startswith("统筹推进各项工作，")
    assert fallback_heading("其他重点工作", 1, ["办结率99.5%"]) == "统筹推进各项工作，提质增效见实效。"
    assert fallback_heading("加强执法监督", 0, ["查办案件58件"]) == "加强执法监督，守牢底线保安全。"

"""Composition: notes → items of two to four notes, each with a validated lead phrase."""

from __future__ import annotations

import pytest

from drafter.drafting.compose import (
    ItemPlan,
    choose_lead,
    clean_lead,
    compose_item,
    fallback_lead,
    key_phrase,
    lead_violations,
    plan_items,
    segment_sizes,
    split_item_reply,
)
from drafter.drafting.notes import Note
from tests.fake_embeddings import FakeEmbeddings

REGISTRATION = ["受理不动产登记3210件", "不动产登记办结率99.5%", "化解历史遗留办证420户"]
SCHOOLS = ["新建改扩建中小学4所，新增公办学位2160个", "组建教育集团6个，覆盖成员学校27所",
           "城区学校与乡村学校结对帮扶全覆盖"]


def notes_of(texts: list[str], role: str = "progress") -> list[Note]:
    return [Note(f"n{i}", text, role) for i, text in enumerate(texts, start=1)]


def ids(plans: list[ItemPlan]) -> list[list[str]]:
    return [plan.note_ids for plan in plans]


# --- grouping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", range(2, 14))
def test_every_item_holds_two_to_four_notes_in_the_writers_order(count):
    notes = notes_of([f"完成第{i}批次任务{i * 3}件" for i in range(1, count + 1)])
    plans = plan_items(notes)
    assert all(2 <= len(plan.note_ids) <= 4 for plan in plans)
    assert [i for plan in plans for i in plan.note_ids] == [n.id for n in notes]  # nothing lost, order kept


def test_a_single_note_is_one_item_and_no_notes_no_items():
    assert ids(plan_items(notes_of(["受理不动产登记3210件"]))) == [["n1"]]
    assert plan_items([]) == []


def test_cuts_fall_between_topics_by_keywords():
    notes = notes_of([*REGISTRATION[:2], *SCHOOLS[:2]])
    assert ids(plan_items(notes)) == [["n1", "n2"], ["n3", "n4"]]


def test_cuts_fall_between_topics_by_embeddings():
    embed = FakeEmbeddings().embed_documents
    notes = notes_of([*REGISTRATION[:2], *SCHOOLS[:2]])
    assert ids(plan_items(notes, embed=embed)) == [["n1", "n2"], ["n3", "n4"]]


def test_with_no_topic_break_items_of_three_are_preferred():
    assert segment_sizes([0.0] * 5, [20] * 6) == [3, 3]
    assert segment_sizes([0.0] * 4, [20] * 5) in ([2, 3], [3, 2])
    assert segment_sizes([0.0] * 3, [20] * 4) == [4]


def test_a_long_note_may_stand_alone_a_short_one_may_not():
    lengths = [80, 20, 20]
    assert segment_sizes([0.0, 0.9], lengths) == [1, 2]
    assert 1 not in segment_sizes([0.0, 0.9], [20, 20, 20])


def test_problems_are_stated_one_per_item():
    notes = notes_of(["部分项目前期准备不足", "执法力量薄弱"], role="problems")
    assert ids(plan_items(notes, role="problems")) == [["n1"], ["n2"]]


# --- lead phrases -----------------------------------------------------------------------------


def test_a_lead_from_the_notes_is_valid():
    assert lead_violations("扎实推进不动产登记工作", REGISTRATION) == []
    assert lead_violations("深化集团化办学，做强教育集团", ["组建教育集团6个", "集团化办学覆盖27所学校"]) == []


@pytest.mark.parametrize(("lead", "reason"), [
    ("受理登记3210件", "数字"),
    ("推进", "6到16个字"),
    ("不动产登记工作扎实有效推进落实到位取得成效", "6到16个字"),
    ("不动产登记", "动词开头"),
    ("确保不动产登记工作顺利推进", "目标"),
    ("持续优化营商环境", "要点里没有的词语：营商、环境"),
    ("扎实推进各项重点工作", "具体工作"),
    ("扎实做好年底前再化解工作", "时间"),
])
def test_invalid_leads_are_refused_with_the_reason(lead, reason):
    assert any(reason in problem for problem in lead_violations(lead, REGISTRATION)), lead_violations(lead, REGISTRATION)


def test_a_lead_lifted_from_an_exemplar_is_refused_as_such():
    exemplar = ["坚持规划先行，强化空间管理。全面推进国土空间规划编制。"]
    problems = lead_violations("坚持规划先行，强化空间管理", SCHOOLS, exemplar)
    assert any("照搬了范例" in p and "空间" in p for p in problems)


def test_intent_is_fine_in_a_plan():
    assert lead_violations("确保不动产登记工作落实", REGISTRATION, role="plans") == []


def test_fallback_lead_is_built_from_the_notes_and_passes_the_rules():
    for texts in (REGISTRATION, SCHOOLS, ["开展食品安全抽检1200批次，合格率98.6%", "查处食品安全案件35件"],
                  ["全区交通事故起数同比下降12%", "开展道路隐患排查整治", "治理隐患路段46处"]):
        for index in range(3):
            lead = fallback_lead(texts, index)
            assert lead_violations(lead, texts) == [], (lead, texts)
    assert "不动产登记" in fallback_lead(REGISTRATION)
    assert key_phrase(["开展食品安全抽检1200批次，合格率98.6%", "查处食品安全案件35件"]) == "食品安全抽检"


def test_sibling_fallback_leads_differ():
    assert len({fallback_lead(REGISTRATION, i) for i in range(3)}) == 3


def test_fallback_lead_without_a_phrase_is_still_a_lead():
    assert fallback_lead(["办结率99.5%"]) == "扎实推进重点工作"


def test_choose_lead_keeps_a_valid_lead_and_falls_back_otherwise():
    assert choose_lead("一是扎实推进不动产登记工作。", REGISTRATION) == ("扎实推进不动产登记工作", False, [])
    lead, fell_back, why = choose_lead("坚持规划先行，强化空间管理", REGISTRATION, 0, "progress",
                                       ["坚持规划先行，强化空间管理。"])
    assert fell_back and lead == fallback_lead(REGISTRATION, 0) and any("范例" in w for w in why)


# --- replies ------------------------------------------------------------------------------------


def test_clean_lead_strips_markers_labels_and_the_full_stop():
    assert clean_lead("一是扎实推进不动产登记工作。受理…") == "扎实推进不动产登记工作"
    assert clean_lead("概括：扎实推进不动产登记工作") == "扎实推进不动产登记工作"
    assert clean_lead("[1] “扎实推进不动产登记工作”") == "扎实推进不动产登记工作"


def test_split_item_reply_finds_the_lead_on_its_own_line_or_as_first_sentence():
    body = "受理不动产登记3210件，办结率99.5%。"
    assert split_item_reply(f"扎实推进不动产登记工作\n{body}") == ("扎实推进不动产登记工作", body)
    assert split_item_reply(f"一是扎实推进不动产登记工作。{body}") == ("扎实推进不动产登记工作", body)
    assert split_item_reply(body) == ("", body)  # opens with a fact: no lead
    assert split_item_reply("") == ("", "")


def test_compose_item_puts_the_lead_first_once():
    assert compose_item("扎实推进登记工作", "受理登记3210件。") == "扎实推进登记工作。受理登记3210件。"
    assert compose_item("扎实推进登记工作", "扎实推进登记工作。受理登记3210件。") == "扎实推进登记工作。受理登记3210件。"
    assert compose_item("", "受理登记3210件。") == "受理登记3210件。"

"""The notes reader: the eval/notes set (kind, unit, period, roles) and one test per format and rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.drafting.reader import read_notes, read_notes_file, role_of_title
from drafter.errors import NotesError

NOTES_DIR = Path(__file__).resolve().parents[1] / "eval" / "notes"
CASES = sorted(NOTES_DIR.glob("*.json"))


def expected_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def reading_of(path: Path):
    return read_notes_file(NOTES_DIR / expected_of(path)["notes_file"])


def roles(text: str, **flags) -> list[tuple[str, str]]:
    return [(n.role, n.text) for n in read_notes(text, **flags).notes.notes]


# --- the set ----------------------------------------------------------------------------------


def test_the_set_is_varied_enough():
    expected = [expected_of(path) for path in CASES]
    assert len(expected) >= 15
    assert {e["kind"] for e in expected} == {"half-year", "annual", "special", "plan"}
    assert any(e["notes_file"].endswith(".docx") for e in expected)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_kind_unit_and_period_of_every_case(path):
    expected, reading = expected_of(path), reading_of(path)
    assert (reading.kind, reading.org, reading.period) == (expected["kind"], expected["org"], expected["period"])
    assert reading.kind_reasons


def test_note_roles_over_the_set():
    right = total = 0
    for path in CASES:
        expected, reading = expected_of(path), reading_of(path)
        got = {(n.text, n.role) for n in reading.notes.notes}
        total += len(expected["notes"])
        right += sum((e["text"], e["role"]) in got for e in expected["notes"])
    assert total >= 150
    assert right / total >= 0.97, f"{right}/{total}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_no_title_group_title_or_tag_in_any_note(path):
    reading = reading_of(path)
    texts = [n.text for n in reading.notes.notes]
    for line in reading.ignored:
        assert line.text not in texts
    for text in texts:
        assert not text.startswith(("存在问题", "下半年打算", "下步", "问题：", "目标：", "工作目标", "明年打算"))


# --- formats ----------------------------------------------------------------------------------


def test_markdown_headings_with_numbers_in_them():
    reading = read_notes("# 市交通运输局2025年工作要点\n## 一、主要目标\n- 完成投资85亿元\n## 二、保障措施\n- 加强组织领导")
    assert [(n.role, n.topic) for n in reading.notes.notes] == [("goals", ""), ("safeguards", "")]


def test_roman_numerals_mark_a_plans_parts():
    # a 文旅局's plan: Ⅰ. 总体目标 and Ⅲ. 保障 had been notes, 保障 alone a topic of the tasks
    text = ("县文化广电和旅游局2026年工作计划\nⅠ. 总体目标\n全年接待游客突破800万人次\nⅡ. 重点任务\n"
            "（1）文物保护：完成县博物馆陈列改造\nIII、保障\n争取上级文旅专项资金不少于3000万元")
    reading = read_notes(text)
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("goals", "", "全年接待游客突破800万人次"), ("plans", "文物保护", "完成县博物馆陈列改造"),
        ("safeguards", "", "争取上级文旅专项资金不少于3000万元")]
    assert read_notes("IV计划完成造林1000亩\nI型糖尿病患者随访率90%").notes.notes[1].text.startswith("I型")


@pytest.mark.parametrize("marker", ["1.", "1、", "（1）", "①", "●", "■", "-", "*", "•", "—", "——", "－", "→",
                                    "a)", "b）", "(c)", "d."])  # letters under 1) (a 统计局's list)
def test_list_markers_are_not_note_text(marker):
    reading = read_notes(f"{marker}完成审批14个\n{marker}化解信访积案9件")
    assert [n.text for n in reading.notes.notes] == ["完成审批14个", "化解信访积案9件"]


def test_a_marker_before_a_note_that_opens_with_a_figure_is_still_a_marker():
    """Seen in a 退役军人事务局 chat paste: 1）9月底前完成… kept its 1） (the digit after the marker
    was taken for a decimal, as in 1.5万亩, which is a figure and stays one)."""
    reading = read_notes("下步：\n1）9月底前完成信息采集核对\n2、10月完成示范站评定\n3) 筹备走访慰问")
    assert [n.text for n in reading.notes.notes] == ["9月底前完成信息采集核对", "10月完成示范站评定", "筹备走访慰问"]
    assert [n.text for n in read_notes("- 新建高标准农田\n1.5万亩已验收").notes.notes][-1] == "1.5万亩已验收"


def test_money_won_is_a_result_not_a_plan():
    """Seen in a 财政局's plain notes: 争取上级转移支付资金11.6亿元, among the half-year's results,
    was drafted as a plan. Money counted in 元 after 争取 is what was won; a target keeps 以上 or
    its own 下半年."""
    reading = read_notes("县财政局2025年上半年工作总结\n税收收入7.15亿元\n争取上级转移支付资金11.6亿元\n"
                         "下半年争取上级资金3亿元\n争取上级资金3亿元以上\n争取中央预算内资金支持")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "plans", "plans", "plans"]


def test_numbered_group_titles_are_groups_not_notes():
    text = "一、社会救助\n1. 发放低保金586万元\n2. 临时救助213人次\n二、养老服务\n1. 新建养老服务站2个"
    notes = read_notes(text).notes.notes
    assert [(n.topic, n.text) for n in notes] == [
        ("社会救助", "发放低保金586万元"), ("社会救助", "临时救助213人次"), ("养老服务", "新建养老服务站2个")]


def test_a_short_last_item_is_an_item_not_a_group_title():
    text = ("县教育局2025年工作要点\n一、总体思路\n坚持立德树人根本任务\n二、主要目标\n学前三年毛入园率达到92%\n"
            "三、重点工作\n1.推进集团化办学\n2.实施校舍安全工程\n四、保障措施\n1.强化经费保障")
    assert roles(text) == [("guidance", "坚持立德树人根本任务"), ("goals", "学前三年毛入园率达到92%"),
                           ("plans", "推进集团化办学"), ("plans", "实施校舍安全工程"), ("safeguards", "强化经费保障")]
    summary = "一、进展\n1.完成投资3.2亿元\n2.大修完工12公里\n二、存在的困难和问题\n（一）资金到位率仅60%\n（二）征地拆迁难"
    assert roles(summary)[-1] == ("problems", "征地拆迁难")


def test_bare_line_group_titles_set_roles():
    text = "新增就业3126人\n举办招聘会27场\n存在的短板\n技能人才缺口较大\n明年工作思路\n建成零工市场1个"
    assert roles(text) == [("progress", "新增就业3126人"), ("progress", "举办招聘会27场"),
                           ("problems", "技能人才缺口较大"), ("plans", "建成零工市场1个")]


def test_bracket_group_titles_and_prefix_topics():
    text = "营商环境：企业开办压缩至1个工作日\n【安全生产】\n● 检查企业291家次\n村庄规划：完成6个\n【存在问题】 执法力量薄弱"
    notes = read_notes(text).notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "营商环境", "企业开办压缩至1个工作日"),
        ("progress", "安全生产", "检查企业291家次"),
        ("progress", "安全生产", "村庄规划方面，完成6个"),  # under a group title a prefix is part of the fact, in words
        ("problems", "安全生产", "执法力量薄弱"),
    ]


def test_full_width_digits_become_ascii_and_chinese_punctuation_stays():
    note = read_notes("发放资金２.４亿元，增长３．５％；惠及１２００户（含低保）").notes.notes
    assert [n.text for n in note] == ["发放资金2.4亿元，增长3.5%", "惠及1200户（含低保）"]


def test_a_results_line_that_goes_on_to_the_next_step_gives_a_result_and_a_plan():
    # a 乡镇's notes: the whole line had been read as a plan (the result lost from the progress part),
    # or as a result with its next step inside
    text = ("青石镇2025年上半年工作总结\n特色产业：新发展茶叶基地1200亩，茶叶产值同比增长9%。下一步将争取茶叶加工厂落地。\n"
            "人居环境：完成农村改厕320户，清理沟渠46公里，下一步推进改厕后续管护。\n下一步将推进茶园提质")
    assert roles(text) == [("progress", "新发展茶叶基地1200亩，茶叶产值同比增长9%"), ("plans", "争取茶叶加工厂落地"),
                           ("progress", "完成农村改厕320户，清理沟渠46公里"), ("plans", "推进改厕后续管护"),
                           ("plans", "下一步将推进茶园提质")]


def test_an_arrow_to_the_next_step_and_a_spaced_dot_list_part_the_notes():
    # an unseen 环卫所's lines: …机械化清扫率78%→下半年再购洗扫车2台 (the plan had stayed in the result,
    # arrow and all), and 下半年：1.推动… 2.对… 3.开展… (one plan note with 2. and 3. inside)
    text = ("县环卫所上半年工作（汇总）\n道路清扫保洁：城区主次干道机扫面积186万平方米，机械化清扫率78%→下半年再购洗扫车2台\n"
            "垃圾分类：设置分类投放点156个→下步扩大到30个小区\n新购洗扫车2台，单车作业时长由6小时→4小时\n"
            "下半年：1.推动焚烧发电项目年内开工 2.对4个乡镇转运站设备更新 3.开展城乡环境卫生“百日攻坚”\n")
    assert roles(text) == [("progress", "城区主次干道机扫面积186万平方米，机械化清扫率78%"), ("plans", "下半年再购洗扫车2台"),
                           ("progress", "设置分类投放点156个"), ("plans", "垃圾分类扩大到30个小区"),
                           ("progress", "新购洗扫车2台，单车作业时长由6小时→4小时"),  # how far a time came down
                           ("plans", "推动焚烧发电项目年内开工"), ("plans", "对4个乡镇转运站设备更新"),
                           ("plans", "开展城乡环境卫生“百日攻坚”")]


def test_a_dotted_span_of_months_dates_a_title_and_quarters_head_lines():
    # an unseen 农业综合行政执法大队's 上半年工作情况（2025.1—2025.6）: the title had been its first note,
    # and its Q1 and Q2 over the lines notes of their own
    text = ("农业综合行政执法大队上半年工作情况（2025.1—2025.6）\nQ1\n·检查农资经营门店126家次\nQ2\n"
            "·抽检玉米、水稻种子样品32个，不合格2个\n")
    reading = read_notes(text)
    assert (reading.org, reading.period, reading.kind) == ("农业综合行政执法大队", "2025H1", "half-year")
    assert [n.text for n in reading.notes.notes] == ["一季度，检查农资经营门店126家次", "二季度，抽检玉米、水稻种子样品32个，不合格2个"]
    assert read_notes("县统计局工作总结（2025.01-2025.12）\n- 完成经济普查入户登记\n").period == "2025"
    assert read_notes("县统计局工作总结（2025.7-12）\n- 完成经济普查入户登记\n").period == "2025H2"


def test_a_grade_is_no_count_that_makes_a_plan_done():
    # an unseen 景区管委会's plain lines: 推进景区创建国家5A级旅游景区，年底前… had been read as done
    # (5A read as a figure counted first, a deadline after it)
    text = ("云岭山景区管理委员会2025年上半年工作总结\n开展景区安全隐患排查9次，整改隐患41处\n"
            "推进景区创建国家5A级旅游景区，年底前完成景观质量评审申报\n")
    assert [role for role, _ in roles(text)] == ["progress", "plans"]
    assert roles("县文旅局2025年上半年工作总结\n新增4A级景区1家，年底前再创建2家\n")[0][0] == "progress"


def test_a_summarys_indicators_are_what_was_reached_not_targets():
    # 文旅局: 主要指标 over the half-year's figures had moved them to the plans
    text = ("县文旅局2025年1-6月工作总结\n主要指标\n接待游客325万人次，同比+12%\nA级景区4家，其中4A级1家\n"
            "全年接待游客600万人次\n\n亮点工作\n- 新建城市书房3个\n- 送戏下乡演出86场")
    assert roles(text)[:3] == [("progress", "接待游客325万人次，同比+12%"), ("progress", "A级景区4家，其中4A级1家"),
                               ("plans", "全年接待游客600万人次")]
    # in a plan the same title sets targets
    assert roles("县文旅局2026年工作计划\n主要指标\n接待游客360万人次")[0][0] == "goals"


def test_a_chats_keycap_numbers_and_emoji_are_markers():
    # 税务局 notes pasted from a chat: 1️⃣ stayed in the note (1⃣组织…) and ❗问题： was a topic
    text = "1️⃣ 组织税费收入18.7亿元\n2️⃣ 查处涉税违法案件19起\n❗问题：\n🔸 税源结构单一\n✅ 下半年：\n🔸 推进电子发票推广应用"
    assert roles(text) == [("progress", "组织税费收入18.7亿元"), ("progress", "查处涉税违法案件19起"),
                           ("problems", "税源结构单一"), ("plans", "推进电子发票推广应用")]


OUTLINES = {
    # a 纪委监委's ㈠/⒈ outline from the symbol menu: each marker had stayed in its note and the
    # titles ㈣ 不足 and ㈤ 下半年 had been notes (a problem read as a plan)
    "enclosed": ("县纪委监委2025年上半年工作情况\n㈠监督执纪\n⒈ 处置问题线索186件，立案97件\n⒉ 追缴违纪违法所得1260万元\n"
                 "㈡ 不足\n⒈ 乡镇纪委监督力量薄弱\n⒉ 部分案件查办周期长\n㈢ 下半年\n⑴ 开展群众身边不正之风集中整治\n"
                 "⑵ 推进乡镇纪检监察工作规范化建设",
                 "监督执纪", ["处置问题线索186件，立案97件", "追缴违纪违法所得1260万元"],
                 ["乡镇纪委监督力量薄弱", "部分案件查办周期长"], ["开展群众身边不正之风集中整治", "推进乡镇纪检监察工作规范化建设"]),
    # a 血站's notes numbered like a standard's clauses (1 / 1.1 / 2.1): every number had stayed in its
    # note, and 1 采供血工作, 4 存在不足 and 5 下半年工作思路 had been results
    "decimal": ("市中心血站2025年上半年工作总结（素材）\n1 采供血工作\n1.1 采集全血2.36万人份，同比增长4.1%\n"
                "1.2、新建固定献血屋1个\n2 存在不足\n2.1 采血车已使用12年，故障多\n3 下半年工作思路\n"
                "3.1 7-8月开展“夏日献血季”活动\n3.2.申请财政资金购置新采血车1辆",
                "采供血工作", ["采集全血2.36万人份，同比增长4.1%", "新建固定献血屋1个"], ["采血车已使用12年，故障多"],
                ["7-8月开展“夏日献血季”活动", "申请财政资金购置新采血车1辆"]),
}


@pytest.mark.parametrize("outline", OUTLINES)
def test_an_outlines_markers_are_markers_and_its_titles_open_groups(outline):
    text, topic, results, problems, plans = OUTLINES[outline]
    assert roles(text) == [*(("progress", r) for r in results), *(("problems", p) for p in problems),
                           *(("plans", p) for p in plans)]
    assert read_notes(text).notes.notes[0].topic == topic  # ㈠ and 1 title a group


def test_other_list_markers_are_markers_and_a_figure_is_none():
    # ❶ ➀ ⓵ are the circled numbers of a list too
    assert roles("上半年工作\n❶ 追缴违纪违法所得1260万元\n➁ 留置4人") == [
        ("progress", "追缴违纪违法所得1260万元"), ("progress", "留置4人")]
    # a figure opening a line is no clause number (1.5万亩, 2.3 亿元), nor a month (12 月)
    assert [text for _, text in roles("上半年工作\n1.5万亩耕地完成流转\n2.3 亿元资金到位\n12 月完成验收")] == [
        "1.5万亩耕地完成流转", "2.3亿元资金到位", "12月完成验收"]


def test_a_slide_decks_text_is_read_by_its_slides_headings():
    # a 科技馆's 汇报 slides saved as text: 幻灯片 N and the presenter had been notes, the title under 幻灯片 1
    # unseen (no unit, no period), and ▪ 展厅开放 over its indented lines one note (展厅开放；接待观众…)
    text = ("幻灯片 1\n县科技馆2025年上半年工作汇报\n汇报人：馆长 李明\n2025年7月\n\n幻灯片 2\n上半年主要工作\n"
            "▪ 展厅开放\n   接待观众6.8万人次，同比增长18%\n   新增“航天科技”互动展项12件\n▪ 馆校合作\n"
            "   培训科技辅导员56人\n\nSlide 3\n存在的不足\n▪ 专职科普辅导员只有5人\n\n第4张\n下半年打算\n"
            "▪ 完成二楼“生命科学”展厅改造\n\n谢谢！")
    reading = read_notes(text)
    assert (reading.org, reading.period) == ("县科技馆", "2025H1")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "展厅开放", "接待观众6.8万人次，同比增长18%"), ("progress", "展厅开放", "新增“航天科技”互动展项12件"),
        ("progress", "馆校合作", "培训科技辅导员56人"), ("problems", "", "专职科普辅导员只有5人"),
        ("plans", "", "完成二楼“生命科学”展厅改造")]
    assert {item.text for item in reading.ignored} >= {"幻灯片 1", "Slide 3", "第4张", "汇报人：馆长 李明"}


def test_answers_to_an_outlines_questions_take_the_questions_role():
    # a 台办's 调研提纲答复: each 问 had been a group over a note of its own (上半年主要做了哪些工作？),
    # 答 a topic, and a plan under 答 a result
    text = ("县委台办2025年上半年工作情况（调研提纲答复）\n问：上半年主要做了哪些工作？\n"
            "答：一是服务台企。走访台资企业23家。二是涉台宣传。开展涉台政策宣讲9场。\n"
            "问：工作中遇到了哪些困难？\n答：县台办只有2名工作人员，力量不足。\n"
            "问：下半年有什么打算？\n答：推动2个台资农业项目落地\n问：还有什么需要说明的？\n答：无")
    reading = read_notes(text)
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "服务台企", "走访台资企业23家。"), ("progress", "涉台宣传", "开展涉台政策宣讲9场。"),
        ("problems", "", "县台办只有2名工作人员，力量不足。"), ("plans", "", "推动2个台资农业项目落地")]
    assert {item.text for item in reading.ignored} >= {"问：上半年主要做了哪些工作？", "问：还有什么需要说明的？"}


def test_an_outlines_parts_and_shorthand_are_read():
    # 教育局 提纲: 第一部分 titles had been topics (the results' role lost, 秋季招生… read as a plan, a
    # problem read as a group title), and …… and （略） stayed in the notes
    text = ("区教育局2025年上半年工作总结提纲\n第一部分 上半年工作回顾\n（1）秋季招生入学政策提前发布\n"
            "（2）开展应急演练420场次……\n第二部分 存在问题\n（1）城区学位依然紧张\n（2）农村学校音体美教师结构性缺编\n"
            "第三部分 下半年打算\n（1）加强师德师风建设（略）")
    assert roles(text) == [("progress", "秋季招生入学政策提前发布"), ("progress", "开展应急演练420场次"),
                           ("problems", "城区学位依然紧张"), ("problems", "农村学校音体美教师结构性缺编"),
                           ("plans", "加强师德师风建设")]


def test_a_space_between_two_clauses_is_a_comma_and_spacing_is_not():
    # a 发改局's Markdown 台账: cells typed with a space between clauses had run together
    from drafter.drafting.notes import clean

    assert clean("完成投资1.2亿元 主体工程完工") == "完成投资1.2亿元，主体工程完工"
    assert clean("项目储备质量不高 前期工作深度不够") == "项目储备质量不高，前期工作深度不够"
    # spaces around figures and short words are a typing habit (the examples' own notes)
    assert clean("地灾治理资金 年内 全部落实") == "地灾治理资金年内全部落实"
    assert clean("城北片区控规 10月 报批") == "城北片区控规10月报批"
    # …and inside a quoted name, whose halves are no clauses; 「」 quote as “” does (a 文联's notes)
    assert clean("组织「送万福 进万家」书法志愿服务活动12场") == "组织“送万福进万家”书法志愿服务活动12场"
    # money won is a result, also when it is investment
    assert roles("县发改局2025年上半年工作总结\n争取中央预算内投资1.8亿元 同比增长20%\n完成价格监测1.1万条次")[0] == \
        ("progress", "争取中央预算内投资1.8亿元，同比增长20%")


def test_an_annual_summarys_estimated_figures_are_results():
    # a 农业农村局's notes written in November: the year's estimated income had been read as a plan
    text = ("县农业农村局2025年工作总结（11月20日）\n完成农村户厕改造1800户\n农村居民人均可支配收入预计达到2.12万元，增长6.5%\n"
            "问题：农业产业链短\n2026年：力争农村居民人均可支配收入预计达到2.3万元")
    assert [r for r, _ in roles(text)] == ["progress", "progress", "problems", "plans"]
    # in a first-half report the year's estimate is no result
    assert roles("县农业农村局2025年上半年工作总结\n完成户厕改造800户\n开展培训12期\n全年收入预计达到2.12万元")[2][0] == "plans"


def test_notes_typed_by_voice_read_as_sentences():
    # a 招商服务中心's notes typed by voice: 我们, tags set off by a space
    text = ("县招商服务中心上半年工作小结 2025\n上半年我们共签约招商项目8个，总投资12.6亿元\n"
            "我们组织赴长三角开展小分队招商5次\n存在的困难 项目落地慢 要素保障跟不上\n下半年 力争新签约项目10个以上")
    assert roles(text) == [("progress", "上半年共签约招商项目8个，总投资12.6亿元"),
                           ("progress", "组织赴长三角开展小分队招商5次"), ("problems", "项目落地慢，要素保障跟不上"),
                           ("plans", "力争新签约项目10个以上")]


def test_a_chats_senders_times_and_request_are_no_notes():
    # a 县人民医院's notes pasted from a work chat: each sender line and the 院长's request were results
    text = ("县人民医院2025年上半年总结素材\n张院长 6月27日 09:15\n各科室把上半年的工作亮点、问题和下半年打算发群里，周五前汇总\n"
            "医务科 王敏 6月27日 10:02\n上半年门诊量18.6万人次\n[护理部]刘芳 6-27 10:40\n护士规范化培训考核合格率100%\n"
            "信息科 11:05\n问题：院内信息系统多，数据不互通\n@所有人 请周五前发我")
    reading = read_notes(text)
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "上半年门诊量18.6万人次"), ("progress", "护士规范化培训考核合格率100%"),
        ("problems", "院内信息系统多，数据不互通")]
    assert sum("聊天记录" in item.reason for item in reading.ignored) == 6
    # a note that ends on a time is still a note
    assert roles("开展应急演练2次\n9月1日 8:30 开学安全检查全覆盖")[1][1].startswith("9月1日")


def test_a_highlight_label_leaves_the_group_above_and_a_slow_service_is_a_problem():
    # a 镇's notes: 特色亮点：… was a 社会事业 note labelled 特色亮点方面; 四、困难问题 a topic
    notes = read_notes("红石镇2025年上半年工作总结\n三、社会事业\n①新建村级养老服务站3个；②镇中心小学新建食堂投入使用\n"
                       "特色亮点：在全县率先推行“村务微信群+积分制”治理模式\n四、困难问题\n招商引资后劲不足").notes.notes
    assert [(n.role, n.topic, n.text) for n in notes[2:]] == [
        ("progress", "", "在全县率先推行“村务微信群+积分制”治理模式"), ("problems", "", "招商引资后劲不足")]
    # a 图书馆's untagged problem
    assert roles("县图书馆2025年全民阅读活动总结\n送书1.6万册\n开展读书会58场\n乡镇分馆图书更新慢，部分分馆开放时间不稳定")[2][0] \
        == "problems"


def test_a_paragraph_of_prose_is_read_as_its_facts():
    # a 人防办's notes, one paragraph under a title with no year: it had been one note, a problem
    text = ("县人防办上半年工作\n上半年我办认真贯彻上级人防工作部署，完成人防工程易地建设费收缴286万元，审批结建人防工程3处"
            "面积1.2万平方米，组织3月份防空警报试鸣，覆盖城区主要街道，开展人防宣传进社区活动12场。但也存在一些问题，"
            "主要是人防专业人员少，工程质量监管力量不足，早期工程维护资金缺口大。下半年，我们将继续抓好人防工程建设管理，"
            "做好“9·18”防空警报试鸣，推进人防指挥信息系统升级。")
    reading = read_notes(text)
    assert reading.org == "县人防办" and reading.kind == "half-year"
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "完成人防工程易地建设费收缴286万元"), ("progress", "审批结建人防工程3处面积1.2万平方米"),
        ("progress", "组织3月份防空警报试鸣，覆盖城区主要街道"), ("progress", "开展人防宣传进社区活动12场"),
        ("problems", "人防专业人员少"), ("problems", "工程质量监管力量不足"), ("problems", "早期工程维护资金缺口大"),
        ("plans", "继续抓好人防工程建设管理"), ("plans", "做好“9·18”防空警报试鸣"), ("plans", "推进人防指挥信息系统升级")]
    # the framing clause is named for the writer, not lost
    assert any(item.text == "上半年我办认真贯彻上级人防工作部署" for item in reading.ignored)
    # a sentence too long for one note is named, as a long line is
    with pytest.raises(NotesError, match="第2行有一句话过长"):
        read_notes("县人防办上半年工作\n完成" + "人防工程建设" * 110 + "。下半年继续推进人防工程建设，做好防空警报试鸣工作。")
    # a long note of one sentence, or a list inside a paragraph, is no prose
    from drafter.drafting.prose import is_prose

    assert not is_prose("上半年主要做了以下工作：1、举办“巾帼大讲堂”宣讲12场，覆盖妇女群众2600余人；2、开展“两癌”免费筛查4800人，"
                        "为困难患病妇女发放救助金36万元。3、组织家政、电商等技能培训9期，培训农村妇女520人。")


def test_a_paragraph_spoken_in_order_words_with_its_problems_and_plans_after_it():
    # an 农机中心's paragraph (notes case 121): 首先抓了…/其次是…/另外，…这块 had stayed in the notes
    # (其次是“三夏”机收 a note of its own), 但是也存在一些困难： was a topic, and of 下一步，我们打算A；B；C
    # only A and C were plans
    text = ("农机中心上半年工作小结\n\n今年上半年，我中心首先抓了农机购置补贴，共受理补贴申请412份，兑付补贴资金586万元。"
            "其次是“三夏”机收，组织联合收割机260台跨区作业，小麦机收率达到98.5%。另外，农机安全这块，开展农机安全检验1120台，"
            "上半年没有发生较大农机事故。此外还举办了2期农机手培训班，培训农机手150人。\n\n"
            "但是也存在一些困难：一是丘陵地区宜机化改造滞后；二是农机维修网点少，农忙时修机难。\n\n"
            "下一步，我们打算抓好秋收机械化，力争玉米机收率达到85%；推进丘陵山区宜机化改造试点2个；年底前新建农机维修网点3个。")
    assert roles(text) == [
        ("progress", "农机购置补贴方面，共受理补贴申请412份，兑付补贴资金586万元"),
        ("progress", "“三夏”机收方面，组织联合收割机260台跨区作业，小麦机收率达到98.5%"),
        ("progress", "农机安全方面，开展农机安全检验1120台，上半年没有发生较大农机事故"),
        ("progress", "举办2期农机手培训班，培训农机手150人"),
        ("problems", "丘陵地区宜机化改造滞后"), ("problems", "农机维修网点少，农忙时修机难。"),
        ("plans", "抓好秋收机械化，力争玉米机收率达到85%"), ("plans", "推进丘陵山区宜机化改造试点2个"),
        ("plans", "年底前新建农机维修网点3个。")]


def test_a_rough_drafts_paragraph_in_ordinals_with_spoken_part_titles():
    # a 党史和地方志研究中心's rough draft (notes case 137): 今年做了什么 and 明年想法 were topics (two of
    # three plans results), 重点抓了三件事 a note, 第二是 stayed in it and 印发1500册 lost its yearbook
    text = ("县党史和地方志研究中心2025年工作总结（初稿）\n\n一、今年做了什么\n今年以来，中心围绕“存史、资政、育人”，"
            "重点抓了三件事。第一是县志续修，全年完成初审稿120万字。第二是年鉴编纂，《年鉴（2025）》按时出版，印发1500册，"
            "获评全省二等奖。\n\n二、不足\n人手紧，修志任务重\n\n三、明年想法\n完成县志终审并交付出版；启动乡镇志编修试点")
    assert roles(text) == [
        ("progress", "县志续修方面，全年完成初审稿120万字"),
        ("progress", "年鉴编纂方面，《年鉴（2025）》按时出版，印发1500册，获评全省二等奖"),
        ("problems", "人手紧，修志任务重"), ("plans", "完成县志终审并交付出版"), ("plans", "启动乡镇志编修试点")]


def test_a_work_log_by_date_and_items_already_led_are_read():
    # a 乡村振兴服务中心's 工作记录: 2025.01.08 stayed in the note
    assert roles("县乡村振兴服务中心2025年上半年工作记录\n2025.03.15 发放小额信贷2860万元\n2024.12.28 召开年度推进会")[:2] == [
        ("progress", "3月15日，发放小额信贷2860万元"), ("progress", "2024年12月28日，召开年度推进会")]
    # a 高新区's own first draft: 一是项目建设提速。实施…；新开工…。二是招商引资见效。… had run 二是 into one note
    notes = read_notes("高新区管委会2025年上半年工作总结\n一、上半年工作情况\n一是项目建设提速。实施重点项目32个；新开工项目9个。"
                       "二是招商引资见效。新签约项目18个，总投资63亿元\n二、存在问题\n一是土地要素紧张，部分项目无法开工。"
                       "二是园区配套不足。").notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "项目建设提速", "实施重点项目32个"), ("progress", "项目建设提速", "新开工项目9个。"),
        ("progress", "招商引资见效", "新签约项目18个，总投资63亿元"), ("problems", "", "土地要素紧张，部分项目无法开工。"),
        ("problems", "", "园区配套不足。")]


def test_work_before_the_autumn_harvest_is_a_plan_in_a_first_half_report():
    # a 农机中心's plain notes: 秋收前完成农机手安全培训300人 was drafted among the results, a plan made a fact
    text = "县农业机械化服务中心2025年上半年工作总结\n培训农机手420人\n新建农机合作社3家\n秋收前完成农机手安全培训300人"
    assert roles(text)[2] == ("plans", "秋收前完成农机手安全培训300人")


def test_a_practice_of_one_form_only_is_a_problem():
    # 老干部局 plain notes: drafted among the results
    assert roles("县委老干部局2025年上半年工作总结\n走访慰问离退休干部326人次\n为82名离退休干部办理健康体检\n"
                 "部分离退休干部党支部活动形式单一")[2] == ("problems", "部分离退休干部党支部活动形式单一")


def test_a_word_opening_with_an_ordinal_is_no_list_marker():
    # 第三方 (a 生态环境分局's problem) had lost 第三 as if it were 第三，
    assert [n.text for n in read_notes("存在问题：\n第三方监测能力弱\n第一，人员不足").notes.notes] == [
        "第三方监测能力弱", "人员不足"]


def test_facts_joined_with_semicolons_are_split_and_tag_applies_to_each():
    assert roles("存在问题：一是人员不足；二是经费紧张，缺口约50万元") == [
        ("problems", "人员不足"), ("problems", "经费紧张，缺口约50万元")]
    assert roles("完成审批14个\n供地406亩\n下半年打算：1.加快供地进度；2.推进闲置土地处置")[2:] == [
        ("plans", "加快供地进度"), ("plans", "推进闲置土地处置")]


@pytest.mark.parametrize(("title", "org", "period"), [
    ("区民政局2023年度工作总结（材料）", "区民政局", "2023"),
    ("白沙镇2024年上半年工作情况（素材）", "白沙镇", "2024H1"),
    ("市住建局2026年工作计划要点（讨论稿）", "市住建局", "2026"),
    ("2024年上半年工作总结——区卫生健康委员会", "区卫生健康委员会", "2024H1"),
    ("关于2024年度安全生产工作的总结（县应急管理局）", "县应急管理局", "2024"),
    ("# 某县自然资源局 2024年上半年", "某县自然资源局", "2024H1"),
    ("2025年上半年 临川县档案馆 工作小结", "临川县档案馆", "2025H1"),  # was read as 临川县
    ("县残联2024年工作总结", "县残联", "2024"),
    ("县工商联 2025年上半年工作总结（初稿素材）", "县工商联", "2025H1"),  # was read as no unit
    ("南门街道办事处2025年工作总结要点", "南门街道办事处", "2025"),  # was read as 南门街道办
    ("乡村振兴工作总结（2025年度）——县农业农村局", "县农业农村局", "2025"),  # was read as 乡村
    ("县供销合作社联合社2025年上半年工作情况", "县供销合作社联合社", "2025H1"),  # was read as no unit
    ("2025年上半年组织工作要点梳理（组织部）", "组织部", "2025H1"),  # was read as no unit
    ("县委宣传部2025年工作总结", "县委宣传部", "2025"),
    ("市生态环境局临河分局 2025年上半年工作总结（素材）", "市生态环境局临河分局", "2025H1"),  # was 市生态环境局
    ("县公安局城关派出所2025年上半年工作情况", "县公安局城关派出所", "2025H1"),
    ("县应急管理局安全生产2025年工作总结", "县应急管理局", "2025"),  # a work after the unit is no unit
    ("云溪经济开发区管委会2025年上半年重点工作台账", "云溪经济开发区管委会", "2025H1"),  # was …管委
])
def test_title_line_gives_unit_and_period_and_is_never_a_note(title, org, period):
    reading = read_notes(f"{title}\n完成审批14个\n办结率99.5%")
    assert (reading.org, reading.period, reading.title) == (org, period, title.lstrip("# "))
    assert [n.text for n in reading.notes.notes] == ["完成审批14个", "办结率99.5%"]
    assert reading.ignored[0].reason.startswith("标题行")


def test_a_first_heading_naming_a_topic_is_a_group_not_the_title():
    reading = read_notes("# 耕地保护\n- 补充耕地320亩\n# 存在问题\n- 整改偏慢")
    assert reading.title == "" and [(n.role, n.topic) for n in reading.notes.notes] == [
        ("progress", "耕地保护"), ("problems", "")]


def test_year_in_brackets_and_span_before_it():
    reading = read_notes("县水利局上半年工作总结（2024年）\n完成水利投资4.3亿元\n河长巡河4.2万人次")
    assert (reading.org, reading.period, reading.kind) == ("县水利局", "2024H1", "half-year")


def test_a_later_year_as_a_tag_is_next_years_plan():
    text = "市统计局2023年工作总结\n1.完成清查4.6万个\n2.撰写报告36篇\n3.2024年：年底前接入部门15个\n4.2023年：立案8起"
    assert roles(text) == [("progress", "完成清查4.6万个"), ("progress", "撰写报告36篇"),
                           ("plans", "年底前接入部门15个"), ("progress", "立案8起")]


def test_flags_win_over_the_notes():
    reading = read_notes("区民政局2023年度工作总结\n发放低保金586万元\n临时救助213人次", kind="half-year",
                         org="市民政局", period="2024H1")
    assert (reading.kind, reading.org, reading.period) == ("half-year", "市民政局", "2024H1")
    assert "指定" in reading.kind_reasons[0]


def test_docx_headings_and_list_paragraphs(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("县教育局2024年上半年工作总结", style="Title")
    document.add_paragraph("学前教育", style="Heading 2")
    document.add_paragraph("新增学位1080个", style="List Bullet")
    document.add_paragraph("存在问题", style="Heading 2")
    document.add_paragraph("音体美教师缺口约60人", style="List Number")
    path = tmp_path / "要点.docx"
    document.save(str(path))
    reading = read_notes_file(path)
    assert (reading.org, reading.period, reading.kind) == ("县教育局", "2024H1", "half-year")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "学前教育", "新增学位1080个"), ("problems", "", "音体美教师缺口约60人")]


# --- roles ------------------------------------------------------------------------------------


def test_untagged_notes_get_their_role_from_their_words():
    assert roles("受理登记5962件，办结率99.4%\n执法力量薄弱，进度偏慢\n仍有11个小区未办证\n下步将开展专项清查\n力争年底前完成5个") == [
        ("progress", "受理登记5962件，办结率99.4%"), ("problems", "执法力量薄弱，进度偏慢"),
        ("problems", "仍有11个小区未办证"), ("plans", "开展专项清查"), ("plans", "力争年底前完成5个")]


def test_a_state_owned_assets_commissions_plain_shortfalls_are_problems():
    # 国资委 (written for a read-through): untagged, each had read as a result
    assert [role for role, _ in roles("完成县城投公司市场化转型\n部分企业主业不突出\n国有资产基础管理还有短板\n"
                                      "部分资产权属不清\n有4户企业亏损\n完成亏损企业治理3户")] == [
        "progress", "problems", "problems", "problems", "problems", "progress"]


def test_the_years_target_in_a_first_half_report_is_a_plan():
    # 红十字会 (closing read-through): read as a result beside the 1320 trained so far, and the
    # plain line after it with it
    assert roles("县红十字会2025年上半年工作总结\n培训救护员1320人\n下半年继续做好“博爱助学”活动\n"
                 "推进应急救护培训进社区，全年完成救护员培训2000人\n开展“世界急救日”主题宣传活动") == [
        ("progress", "培训救护员1320人"), ("plans", "下半年继续做好“博爱助学”活动"),
        ("plans", "推进应急救护培训进社区，全年完成救护员培训2000人"), ("plans", "开展“世界急救日”主题宣传活动")]
    # how far the year's task got is a result; in an annual report the year is done
    assert roles("县人社局2025年上半年工作总结\n城镇新增就业1860人，完成全年任务的62%") == [
        ("progress", "城镇新增就业1860人，完成全年任务的62%")]
    assert roles("县红十字会2025年工作总结\n全年完成救护员培训2000人") == [("progress", "全年完成救护员培训2000人")]


def test_plain_statements_of_difficulty_are_problems():
    # From a reviewer read-through of an unseen 林业局 file: both were drafted into the progress part.
    assert roles("完成人工造林1.2万亩\n护林员队伍年龄偏大，60岁以上占比超过四成\n"
                 "松材线虫病防控形势依然严峻，周边县疫情输入风险大") == [
        ("progress", "完成人工造林1.2万亩"), ("problems", "护林员队伍年龄偏大，60岁以上占比超过四成"),
        ("problems", "松材线虫病防控形势依然严峻，周边县疫情输入风险大")]


def test_a_slow_landing_and_a_rate_of_only_are_problems():
    # From a reviewer read-through of an unseen 商务局 file: drafted into the progress part.
    assert roles("新增限额以上商贸企业23家\n招商引资项目落地慢，签约项目开工率只有46%") == [
        ("progress", "新增限额以上商贸企业23家"), ("problems", "招商引资项目落地慢，签约项目开工率只有46%")]


def test_incomplete_rectification_is_a_problem():
    # From a reviewer read-through of an unseen 审计局 file: drafted into the progress part.
    assert roles("督促整改上年度审计发现问题43个，已整改38个\n部分被审计单位整改不彻底，屡审屡犯问题仍然存在") == [
        ("progress", "督促整改上年度审计发现问题43个，已整改38个"),
        ("problems", "部分被审计单位整改不彻底，屡审屡犯问题仍然存在")]


def test_part_time_staff_unsure_of_the_work_are_a_problem():
    # the stop's last unseen check, a 退役军人事务局's plain lines: drafted among the results
    assert roles("受理来信来访47件，办结45件\n部分服务站工作人员为兼职，业务不熟悉") == [
        ("progress", "受理来信来访47件，办结45件"), ("problems", "部分服务站工作人员为兼职，业务不熟悉")]
    # helping those unsure of a phone is a result
    assert roles("受理来信来访47件\n为不熟悉智能手机的老年人代办业务320件")[1][0] == "progress"
    # …and staff of uneven skill (招生考试中心, an unseen check: drafted as the first plan, 一是考务人员…)
    text = ("县招生考试中心2025年上半年工作总结\n更新标准化考场视频监控设备86套\n"
            "考务人员主要从学校临时抽调，业务熟练度不一\n下半年做好自学考试和成人高考组织工作\n")
    assert [role for role, _ in roles(text)] == ["progress", "problems", "plans"]


def test_too_few_staff_is_a_problem():
    # From a reviewer read-through of an unseen 机关事务管理局 file: drafted among the results.
    assert roles("新建公共机构充电桩24个\n专业技术人员少，节能管理主要靠兼职人员") == [
        ("progress", "新建公共机构充电桩24个"), ("problems", "专业技术人员少，节能管理主要靠兼职人员")]
    # 少数 is a scope, not a shortfall; fewer complaints are a result
    assert roles("新建公共机构充电桩24个\n少数人员参加省级培训\n投诉人员减少12%")[1:] == [
        ("progress", "少数人员参加省级培训"), ("progress", "投诉人员减少12%")]


def test_staff_who_do_not_stay_are_a_problem():
    # From a reviewer read-through of an unseen 街道办事处 file: drafted among the results.
    assert roles("网格员队伍扩充到186人\n社区工作者流动性大，年轻骨干留不住") == [
        ("progress", "网格员队伍扩充到186人"), ("problems", "社区工作者流动性大，年轻骨干留不住")]


def test_a_list_pasted_onto_one_line_is_split_at_its_markers():
    # Same file: 2026年：①…②…③… came out as one plan holding the next markers.
    text = "新建养老服务站3个\n明年：①推进剩余9个老旧小区改造 ②再建成社区食堂2个 ③探索红色物业模式，提高物业覆盖率"
    assert roles(text)[1:] == [("plans", "推进剩余9个老旧小区改造"), ("plans", "再建成社区食堂2个"),
                               ("plans", "探索红色物业模式，提高物业覆盖率")]
    assert roles("下步：1、完成剩余3个站点建设 2、开展培训2次")[-2:] == [
        ("plans", "完成剩余3个站点建设"), ("plans", "开展培训2次")]
    # a decimal, or numbers joined by 、 inside a fact, are no markers
    assert [text for _, text in roles("服务1.6万人次，第2、3批次已完成")] == ["服务1.6万人次，第2、3批次已完成"]


def test_the_senders_details_and_bracketed_remarks_are_no_notes():
    # Seen on a 残联 file: 填报人…联系电话 and 报送时间 were drafted as results, （数据截至6月25日） too
    text = ("县残联上半年工作情况\n（数据截至6月25日）\n1、完成残疾人家庭无障碍改造140户\n"
            "填报人：王敏　联系电话：0838-6212345\n报送时间：2025年6月28日\n")
    reading = read_notes(text)
    assert [n.text for n in reading.notes.notes] == ["完成残疾人家庭无障碍改造140户"]
    assert {item.line: item.reason[:4] for item in reading.ignored} == {1: "标题行（", 2: "括号内的", 4: "报送信息", 5: "报送信息"}
    # the title names no year: the date it was sent gives it
    assert reading.period == "2025H1"
    annual = "南门街道2025年度工作总结要点\n- 完成改造12个\n- 新建养老服务站3个\n报送日期：2026年1月8日\n"
    undated = read_notes(annual.replace("2025年度", "年度"))
    assert (undated.kind, undated.period) == ("annual", "2025")  # sent in January: last year's
    # 工作总结要点 is a summary's notes, not a 工作要点 (two results and no 已 had made it a plan)
    assert read_notes(annual).period == "2025"  # the title's own year wins


def test_a_report_sent_as_a_letter_is_read_through_its_frame():
    # Seen on a 气象局 letter: 各位领导： became a group, its opening, closing and signature notes
    text = ("各位领导：\n现将我局2025年上半年工作情况简要报告如下：\n"
            "1月8日，召开全县气象工作会议，部署全年重点任务。\n"
            "4月，发布强对流天气预警信号9期。\n"
            "目前存在的主要问题是：基层气象信息员队伍不稳定；山区站点通信保障能力弱。\n"
            "下一步，我局将重点做好汛期气象服务。\n以上报告，请审阅。\n县气象局\n2025年6月30日\n")
    reading = read_notes(text)
    assert (reading.kind, reading.org, reading.period) == ("half-year", "县气象局", "2025H1")
    assert [(n.role, n.topic) for n in reading.notes.notes] == [
        ("progress", ""), ("progress", ""), ("problems", ""), ("problems", ""), ("plans", "")]
    assert [n.text for n in reading.notes.notes][2:4] == ["基层气象信息员队伍不稳定", "山区站点通信保障能力弱。"]
    reasons = {item.line: item.reason[:3] for item in reading.ignored}
    assert reasons == {1: "称呼，", 2: "开头语", 7: "结束语", 8: "落款（", 9: "落款（"}
    # only the formulas: a group titled 组织领导 and a last note opening 以上 stay what they are
    plan = read_notes("县应急管理局2026年工作计划\n组织领导\n- 成立工作专班\n重点工作\n- 新建储备点4个\n- 以上项目全部完工\n")
    assert [(n.topic, n.text) for n in plan.notes.notes] == [
        ("组织领导", "成立工作专班"), ("", "新建储备点4个"), ("", "以上项目全部完工")]
    for closing in ("特此报告。", "妥否，请批示。", "以上，请审阅"):
        assert closing not in [n.text for n in read_notes(text.replace("以上报告，请审阅。", closing)).notes.notes]
    # a last note naming a unit is no signature without a closing formula or a date under it
    assert [n.text for n in read_notes("县农业农村局2025年上半年工作总结\n- 完成高标准农田建设1.2万亩\n"
                                       "- 新建基层农技推广站\n").notes.notes][-1] == "新建基层农技推广站"
    assert [n.text for n in read_notes("县农业农村局2025年上半年工作总结\n- 完成高标准农田建设1.2万亩\n"
                                       "- 检查农资门店130家，排查隐患63处\n").notes.notes][-1] == "检查农资门店130家，排查隐患63处"
    # without its tag, weak capacity is a problem too
    assert roles("发布预警信号9期\n山区站点通信保障能力弱")[1][0] == "problems"


def test_a_plans_task_with_a_quantity_is_a_task_not_a_target():
    # Seen on an 应急管理局 plan: 组织开展…应急演练不少于3次 in the middle of the task list was read as a target
    text = ("县应急管理局2026年工作计划\n总体目标：全年生产安全事故起数和死亡人数实现“双下降”\n"
            "1. 新建乡镇应急物资储备点4个\n2. 组织开展森林火灾、防汛抢险综合应急演练不少于3次\n"
            "3. 全县安全生产培训覆盖率达到100%\n")
    assert [n.role for n in read_notes(text).notes.notes] == ["goals", "plans", "plans", "goals"]


def test_too_few_experts_a_hard_draw_and_systems_not_linked_are_problems():
    # From the closing read-through of an unseen 公共资源交易中心 file: both drafted among the results
    assert roles("开展评标专家培训2期\n评标专家库中工程类专家数量少，抽取难\n交易系统与财政、审计部门数据未完全互通")[1:] == [
        ("problems", "评标专家库中工程类专家数量少，抽取难"), ("problems", "交易系统与财政、审计部门数据未完全互通")]
    # a difficulty dealt with is a result
    assert roles("开展评标专家培训2期\n破解专家抽取难，新增专家20名")[1][0] == "progress"


def test_a_slump_complaints_and_a_rate_of_only_are_problems_and_a_fact_then_a_deadline_is_a_result():
    # 住建局 notes, one topic per line: all three were read wrong
    text = ("完成农村危房改造42户\n房地产市场低迷，上半年商品房销售面积同比下降18%\n物业管理投诉较多，小区物业覆盖率仅61%\n"
            "老旧燃气管道更新改造6.2公里，年底前完成12公里\n下半年完成剩余8个小区开工")
    assert [role for role, _ in roles(text)] == ["progress", "problems", "problems", "progress", "plans"]
    # 爱卫办: what still needs raising and what is not yet kept apart are problems; a campaign's report is special
    assert [role for role, _ in roles("清运垃圾3800吨\n农贸市场环境秩序仍需提升，活禽宰杀区与交易区未完全分开")] == [
        "progress", "problems"]
    assert read_notes("县爱卫办2025年爱国卫生运动工作情况\n清运垃圾3800吨").kind == "special"
    # 住房公积金管理中心: tight funds near the warning line are a problem, though it says 已
    assert roles("归集住房公积金5.8亿元\n资金流动性偏紧，个贷率已接近警戒线")[1][0] == "problems"
    # 消防救援大队: a blocked lane that keeps coming back is a problem
    assert roles("检查场所1420家\n部分老旧小区消防通道被占用现象反复出现")[1][0] == "problems"
    # 供销社: a weak base living on rent is a problem
    assert roles("新建村级综合服务社14个\n基层社经营实力弱，部分基层社仍靠租金维持运转")[1][0] == "problems"


def test_a_time_after_a_half_years_period_is_a_plan_counted_or_not():
    # 供销社 上半年: 秋季农资储备化肥8000吨 was read as done (a figure, no intent word)
    h1 = "县供销合作社联合社2025年上半年工作情况\n新建村级综合服务社14个\n"
    later = "秋季农资储备化肥8000吨\n四季度新建冷库2座\n9月底前完成土地托管5万亩\n7-8月开展农资打假3次"
    assert [role for role, _ in roles(h1 + later)] == ["progress", "plans", "plans", "plans", "plans"]
    assert "之后的时间（秋季）" in read_notes(h1 + later).role_reasons["n2"]
    # within an annual report's year autumn is done; 7月以来 and what is said done stay results
    assert [role for role, _ in roles("县供销社2025年工作总结\n秋季农资储备化肥8000吨")] == ["progress"]
    assert [role for role, _ in roles(h1 + "7月份以来新建冷库2座\n秋季已储备化肥8000吨")][1:] == ["progress", "progress"]


def test_a_work_logs_dates_set_apart_by_spaces_open_the_sentence():
    # 团县委 notes kept by date: the date ran into the work (1月10日召开…)
    log = "1月10日  召开共青团全县委员会全体会议\n1月20日-2月10日 开展寒假社会实践，参与大学生316人\n6月  “青少年暑期安全”进校园宣讲23场"
    assert [text for _, text in roles(log)] == ["1月10日，召开共青团全县委员会全体会议",
                                             "1月20日-2月10日，开展寒假社会实践，参与大学生316人",
                                             "6月，“青少年暑期安全”进校园宣讲23场"]
    assert [text for _, text in roles("完成招聘会3场\n3月10日完成培训")][1] == "3月10日完成培训"  # written run on: kept


def test_markdown_bold_and_a_status_after_a_line_are_no_part_of_the_notes():
    # 县总工会 notes pasted with Markdown bold: every heading and label became a note ending in **
    text = ("**县总工会2025年上半年工作总结（素材）**\n**一、主要工作**\n- **困难帮扶**：走访慰问困难职工480户\n"
            "- 金秋助学资助困难职工子女112名——已完成\n- 职工书屋建设（进行中）\n**二、困难和问题**\n- 基层工会经费收缴不及时")
    reading = read_notes(text)
    assert (reading.org, reading.period) == ("县总工会", "2025H1")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "困难帮扶", "走访慰问困难职工480户"), ("progress", "", "金秋助学资助困难职工子女112名"),
        ("progress", "", "职工书屋建设"), ("problems", "", "基层工会经费收缴不及时")]
    # a single * is a bullet or a mask, and stays one
    assert roles("* 完成村庄规划编制11个")[0][1] == "完成村庄规划编制11个"


def test_a_breakdown_one_level_deeper_joins_its_note_and_a_remark_on_the_data_is_set_aside():
    # 民宗局: a 小结 title, （1）其中… under 2., and a closing 备注 that made the last plan a group title
    text = ("县民族宗教事务局上半年工作小结\n一、宗教事务管理\n1.完成场所安全隐患排查，整改隐患19处\n"
            "2.组织宗教教职人员培训班2期，参训人员130人次\n（1）其中新任教职人员专题培训1期\n"
            "二、下步打算\n1.申报省级民族团结进步示范县\n2.开展宗教活动场所消防安全专项整治\n备注：以上数据截至6月20日")
    reading = read_notes(text)
    assert reading.org == "县民族宗教事务局" and reading.kind == "half-year"
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "完成场所安全隐患排查，整改隐患19处"),
        ("progress", "组织宗教教职人员培训班2期，参训人员130人次，其中新任教职人员专题培训1期"),
        ("plans", "申报省级民族团结进步示范县"), ("plans", "开展宗教活动场所消防安全专项整治")]
    assert any("备注" in line.reason for line in reading.ignored)
    # a remark that states a fact is a note
    assert roles("完成招聘会3场\n备注：另有3个项目正在审批")[1][1] == "备注：另有3个项目正在审批"
    # …and one whose figures it is about comes first (a 档案馆's 注：数字化数据截至5月31日, read as a result)
    assert [text for _, text in roles("完成馆藏档案数字化扫描46万页\n注：数字化数据截至5月31日")] == ["完成馆藏档案数字化扫描46万页"]


def test_a_reviewers_word_on_the_notes_is_no_note():
    # 院长意见：… over a 仲裁院's notes (what its reviewer asked of the summary) had been a result
    reading = read_notes("劳动人事争议仲裁院2025年上半年工作小结（素材）\n"
                         "院长意见：数字核准后再报局办公室，总结重点写调解和欠薪案件。\n"
                         "受理劳动人事争议案件386件，结案352件\n王局批示：欠薪案件单列\n")
    assert [n.text for n in reading.notes.notes] == ["受理劳动人事争议案件386件，结案352件"]
    assert sum("领导对这份材料的意见" in line.reason for line in reading.ignored) == 2
    # the breakdown on the plain line under a plain line belongs to it
    assert [n.text for n in read_notes("仲裁院2025年上半年工作小结\n受理案件386件，结案352件\n其中调解结案214件\n"
                                       "开通“绿色通道”\n").notes.notes] == ["受理案件386件，结案352件，其中调解结案214件", "开通“绿色通道”"]
    # a note that says a leader's word was had keeps it (a 统计局's: 2篇获县领导批示)
    assert roles("编发统计分析12篇，其中2篇获县领导批示")[0][1] == "编发统计分析12篇，其中2篇获县领导批示"


def test_plain_lines_after_the_problems_are_plans_and_a_quoted_number_counts_nothing():
    # 人防办 plain notes, no tags: a problem with no cue of ours, then three plans, were drafted as done
    text = ("县人民防空办公室2025年上半年工作总结\n新建人防工程2处\n部分早期人防工程年久失修，平时利用率低\n"
            "基层人防工作力量薄弱，乡镇无专职人员\n开展“9·18”防空警报试鸣\n完成人防指挥信息系统升级改造\n推进城区人防疏散基地建设")
    assert [role for role, _ in roles(text)] == ["progress", "problems", "problems", "plans", "plans", "plans"]
    assert "紧接在问题之后" in read_notes(text).role_reasons["n4"]
    # a figure outside the quotes still counts: 受理“12345”热线诉求4127件 is done
    assert roles("“12345”热线受理诉求4127件")[0][0] == "progress"


def test_projects_planned_and_counted_are_a_result():
    # From a 发改局 ledger: 谋划储备项目126个 is what the half-year produced, read as a plan
    assert roles("完成投资38.6亿元\n谋划储备项目126个，总投资420亿元\n谋划一批重大项目")[1:] == [
        ("progress", "谋划储备项目126个，总投资420亿元"), ("plans", "谋划一批重大项目")]


def test_a_solved_shortfall_is_a_result():
    assert roles("为重点企业招工1560人，解决用工缺口问题\n完成适老化改造860户")[0][0] == "progress"
    assert roles("完成适老化改造860户\n新增就业12人")[0][0] == "progress"


@pytest.mark.parametrize("title", ["要素保障", "计划生育", "社会保障", "教育保障", "住房保障"])
def test_a_topic_containing_a_role_word_is_a_topic(title):
    assert role_of_title(title) == ""
    notes = read_notes(f"# 县人社局2025年工作计划\n## 目标任务\n- 新增就业3000人以上\n## {title}\n- 保障用地2000亩以上").notes.notes
    assert (notes[1].role, notes[1].topic) == ("plans", title)


@pytest.mark.parametrize(("title", "role"), [
    ("存在问题", "problems"), ("存在的问题和不足", "problems"), ("存在的短板", "problems"), ("困难和问题", "problems"),
    ("下半年打算", "plans"), ("明年工作思路", "plans"), ("2025年工作打算", "plans"), ("下一步工作安排", "plans"),
    ("指导思想", "guidance"), ("总体要求", "guidance"), ("主要目标", "goals"), ("重点任务", "tasks"),
    ("保障措施", "safeguards"), ("上半年工作进展情况", "progress"), ("基本情况", "basics"),
    ("主要成绩", "progress"), ("主要做法和体会", "progress"), ("几点体会", "progress"),  # 农业农村局: were topics
    ("全年情况", "progress"), ("上半年情况", "progress"),  # 国资委: was a topic, one section of twelve results
])
def test_role_titles_in_their_usual_wordings(title, role):
    assert role_of_title(title) == role
    assert role_of_title(title + "：") == role


def test_chat_marks_and_an_attachment_list_are_no_notes():
    # 融媒体中心: ▲ bullets with a 亮点： tag, a ✅ pasted from a chat, an 附件： list at the end
    text = ("县融媒体中心2025年工作总结\n◆ 全年播发各类稿件1.2万条\n▲ 亮点：承办全县“村晚”直播，线上观看人数突破85万人次\n"
            "★ 新增注册用户3.6万人✅\n2026年打算：\n——引进全媒体人才10名以上\n\n附件：1.2025年重点稿件目录\n2.获奖作品清单")
    assert roles(text) == [("progress", "全年播发各类稿件1.2万条"), ("progress", "承办全县“村晚”直播，线上观看人数突破85万人次"),
                           ("progress", "新增注册用户3.6万人"), ("plans", "引进全媒体人才10名以上")]


def test_a_time_label_stays_in_its_notes_sentence():
    # 商务局 plan: 一季度：赴长三角…, 全年：引进… under a 抓招商 heading reached the draft with their colons
    text = "县商务局2026年工作要点\n二、重点工作\n（一）抓招商\n一季度：赴长三角开展专题招商不少于4次\n全年：引进亿元以上商贸项目3个"
    assert [text for _, text in roles(text)] == ["一季度，赴长三角开展专题招商不少于4次", "全年，引进亿元以上商贸项目3个"]


def test_tags_are_stripped_from_note_text():
    assert roles("完成审批14个\n问题：部分乡镇进度偏慢\n下半年打算：加快供地\n【下步】开展清查") == [
        ("progress", "完成审批14个"), ("problems", "部分乡镇进度偏慢"), ("plans", "加快供地"), ("plans", "开展清查")]
    # a role's name in round brackets is a tag too (a 镇's pasted notes: （问题）… reached the draft);
    # a remark or an enumerator in brackets is not
    assert roles("完成审批14个\n（问题）部分村集体经济收入来源单一\n(下步)开展清查") == [
        ("progress", "完成审批14个"), ("problems", "部分村集体经济收入来源单一"), ("plans", "开展清查")]
    assert roles("完成审批14个\n（含续建）完成投资3亿元")[1][1] == "（含续建）完成投资3亿元"


def test_plan_notes_without_tags():
    text = ("县农业农村局2025年工作计划\n坚持以乡村振兴为统领\n粮食产量不低于18万吨\n新建高标准农田1.5万亩\n"
            "加强组织领导，成立工作专班")
    assert [r for r, _ in roles(text)] == ["guidance", "goals", "plans", "safeguards"]


def test_model_hook_only_where_the_text_gives_no_clue():
    asked: list[str] = []

    def classify(text: str, allowed: list[str]) -> str:
        asked.append(text)
        return "problems" if "机制" in text else "nonsense"

    reading = read_notes("完成审批14个\n办结率99%\n长效机制尚待建立健全\n协调机制", classify=classify)
    assert asked == ["协调机制"]  # the others carry figures or cue words
    assert reading.notes.notes[3].role == "problems"
    assert read_notes("完成审批14个\n办结率99%\n另一行", classify=classify).notes.notes[2].role == "progress"


# --- kind -------------------------------------------------------------------------------------


def test_yaodian_title_with_completed_facts_is_a_summary():
    text = ("# 某县自然资源局2024年上半年工作要点\n- 获批建设用地8个批次\n- 供应土地406亩，价款2.35亿元\n"
            "## 存在问题\n- 报批进度偏慢\n## 下半年计划\n- 年底前完成村庄规划5个\n## 要素保障\n- 保障重点项目用地1200亩")
    reading = read_notes(text)
    assert reading.kind == "half-year"
    assert any("要点" in reason for reason in reading.kind_reasons)
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "problems", "plans", "progress"]


@pytest.mark.parametrize(("title", "kind"), [
    ("县文旅局2024年工作回顾", "annual"), ("区民政局2023年度工作总结", "annual"),
    ("县商务局2024年半年工作总结", "half-year"), ("县应急局2024年安全生产专项行动情况", "special"),
    ("城关街道2024年“平安城关”创建活动情况", "special"),
])
def test_summary_kind_from_period_words(title, kind):
    text = f"{title}\n检查企业291家次\n立案查处43起\n部分企业责任落实不到位\n年底前完成整改销号"
    assert read_notes(text).kind == kind


def test_targets_and_measures_without_completed_facts_are_a_plan():
    text = "目标：全年新增就业3000人以上\n重点任务\n- 举办招聘会不少于20场\n- 建成零工市场\n保障措施\n- 加强组织领导"
    assert read_notes(text).kind == "plan"


def test_summary_lines_say_what_was_understood():
    lines = read_notes_file(NOTES_DIR / "scjg-2024h1.txt").summary_lines()
    text = "\n".join(lines)
    assert lines[0].startswith("文种：半年工作总结")
    assert "单位：县市场监督管理局" in text and "时段：2024年上半年" in text
    assert "【存在问题】3 条" in text and "标题行" in text
    data = read_notes_file(NOTES_DIR / "scjg-2024h1.txt").to_dict()
    assert data["kind"] == "half-year" and len(data["notes"]) == 15 and data["ignored"]


def test_only_titles_is_a_clear_error():
    with pytest.raises(NotesError, match="只有标题"):
        read_notes("区民政局2023年度工作总结\n存在问题\n明年工作思路")


# --- the notes cases drafted with no flags (drafter eval --cases notes) ---------------------------


def test_notes_cases_drafted_with_the_fake_model():
    from drafter.evaluation.notes_cases import run_notes_eval

    run = run_notes_eval(["fake"])
    summary = run.summary("fake")
    assert summary["cases"] == len(CASES) and summary["errors"] == 0
    assert summary["kind_accuracy"] == 1.0
    assert summary["org_period_accuracy"] == 1.0
    assert summary["role_placement"] >= 0.97, [r.misplaced for r in run.results]
    assert summary["leaks"] == 0, [r.leaks for r in run.results]
    assert summary["invented"] == 0
    for result in run.results:  # the draft's title carries the unit and period the reader found
        expected = expected_of(NOTES_DIR / f"{result.case}.json")
        title = result.output.splitlines()[0]
        assert expected["org"] in title and expected["period"][:4] in title


def test_leaked_tags_and_titles_are_caught():
    from drafter.drafting.pipeline import draft
    from drafter.evaluation.notes_cases import leaked_text
    from drafter.models.fake import RuleBasedChatModel

    reading = read_notes("白沙镇2024年上半年工作情况\n完成审批14个\n存在问题：进度偏慢\n下半年打算：加快供地")
    # A title line written into a note stands for a reader that let it through.
    made = draft("完成审批14个\n白沙镇2024年上半年工作情况已完成\n存在问题：进度偏慢", kind="half-year",
                 model=RuleBasedChatModel())
    assert any("标题行" in leak for leak in leaked_text(reading, made))


@pytest.mark.model
def test_real_model_places_short_notes_cases(embedded_model):
    from drafter.evaluation.notes_cases import load_notes_cases, run_notes_eval
    from drafter.models.factory import make_chat_model

    embedded_model("qwen2.5-coder-1.5b")
    cases = [c for c in load_notes_cases() if c.id in ("qingshi-2025-plan", "chengguan-2024-special")]
    run = run_notes_eval(["embedded-1.5b"], cases,
                         make_model=lambda _name: make_chat_model(purpose="write", max_tokens=160))
    summary = run.summary("embedded-1.5b")
    assert summary["kind_accuracy"] == 1.0 and summary["errors"] == 0
    assert summary["role_placement"] >= 0.97
    assert summary["leaks"] == 0 and summary["invented"] == 0


def test_drafter_notes_prints_the_understanding_and_json():
    from click.testing import CliRunner

    from drafter.cli import main

    result = CliRunner().invoke(main, ["notes", str(NOTES_DIR / "rsj-2024h1-yaodian.md")])
    assert result.exit_code == 0, result.output
    assert "文种：半年工作总结" in result.output and "要点" in result.output and "单位：县人力资源和社会保障局" in result.output
    data = json.loads(CliRunner().invoke(main, ["notes", str(NOTES_DIR / "sthj-2024h1.docx"), "--json"]).output)
    assert (data["kind"], data["org"], data["period"]) == ("half-year", "县生态环境分局", "2024H1")
    missing = CliRunner().invoke(main, ["notes", str(NOTES_DIR / "nope.txt")])
    assert missing.exit_code == 2 and "找不到文件" in missing.output


def test_drafter_eval_notes_cases(tmp_path):
    from click.testing import CliRunner

    from drafter.cli import main

    out = tmp_path / "latest.json"
    result = CliRunner().invoke(main, ["eval", "--cases", "notes", "--limit", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "要点归位率" in result.output
    saved = json.loads((tmp_path / "latest-notes.json").read_text(encoding="utf-8"))
    assert saved["summary"]["fake"]["kind_accuracy"] == 1.0


def test_a_line_with_no_clue_after_the_plans_is_one_of_them():
    # seen on a 粮食和物资储备局 file: the last plan, with no 下半年 of its own, was drafted as done
    reading = read_notes("青川县粮食和物资储备局2025年上半年工作情况\n完成夏粮收购2.36万吨\n基层粮食执法人员只有3人，监管力量不足\n"
                         "下半年抓好秋粮收购\n开展储备粮库存数量和质量大清查\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "problems", "plans", "plans"]
    # the same line among the results stays a result
    first = read_notes("某局2025年上半年工作情况\n开展储备粮库存数量和质量大清查\n完成夏粮收购2.36万吨\n下半年抓好秋粮收购\n")
    assert first.notes.notes[0].role == "progress"


def test_hard_to_resolve_is_a_problem_and_resolved_is_a_result():
    """Seen in a 信访局's plain notes: 化解难度大 was read as a shortfall dealt with (化解…难)."""
    reading = read_notes("某县信访局2025年上半年工作总结\n化解信访积案27件\n少数信访事项涉及历史遗留问题，化解难度大\n"
                         "成功化解一批信访难题\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "problems", "progress"]


def test_a_title_dated_in_brackets_and_a_closing_attachment_line_are_no_notes():
    """A 交通运输局's notes (seen): the date in the title's brackets made it a note, and 附：… was
    read as a plan that made the plan before it a group title."""
    text = ("交通运输局上半年工作情况（6月20日）\n一、重点项目\n（1）农村公路新改建46公里\n（2）危桥改造5座\n二、下半年打算\n"
            "1. 启动快速通道桥梁施工\n2. 开展冬季道路运输安全大检查\n\n附：重点项目进度表（略）")
    reading = read_notes(text)
    assert reading.notes.org == "交通运输局" and reading.notes.kind == "half-year"
    assert roles(text) == [("progress", "农村公路新改建46公里"), ("progress", "危桥改造5座"), ("plans", "启动快速通道桥梁施工"),
                           ("plans", "开展冬季道路运输安全大检查")]


def test_an_intro_before_a_one_line_list_is_a_progress_title():
    """A 妇联's one-line list (seen): 上半年主要做了以下工作：1、… stayed in the first note."""
    text = ("县妇联2025年上半年工作小结\n上半年主要做了以下工作：1、举办宣讲12场；2、开展免费筛查4800人。\n"
            "存在不足：部分村妇女之家活动开展少。\n下步：开展“最美家庭”评选。")
    assert roles(text) == [("progress", "举办宣讲12场"), ("progress", "开展免费筛查4800人。"),
                           ("problems", "部分村妇女之家活动开展少。"), ("plans", "开展“最美家庭”评选。")]


def test_a_science_associations_plain_problems_and_its_name():
    """A 科协's plain lines (seen): the unit was read as 县科 and two plainly stated problems as results."""
    text = ("县科协2025年上半年工作总结\n新建村级科普e站6个，全县累计达到42个\n新成立县级学会2个\n"
            "基层科普阵地设施陈旧，部分乡镇科普活动室长期闲置\n科协系统人员编制少，县科协机关只有4名工作人员\n"
            "下半年做好全国科普日活动")
    assert read_notes(text).notes.org == "县科协"
    # …and a 社科联, whose 科 had ended its name (县社科: an unseen 社科联's plain lines)
    assert read_notes("县社科联2025年上半年工作情况\n编印《社科动态》4期\n").notes.org == "县社科联"
    assert [role for role, _ in roles(text)] == ["progress", "progress", "problems", "problems", "plans"]


def test_sentences_cut_by_the_page_are_joined_back():
    # a 县人民法院's summary copied out of its PDF: the page cut sentences mid-way
    notes = read_notes("青山县人民法院2025年上半年工作总结\n一、主要工作\n"
                       "1.审判执行。上半年共受理各类案件4862件，审结4105件，结案率84.4%，同比\n"
                       "提高3.2个百分点。执结案件1520件。\n"
                       "2.队伍建设。开展“能力作风建设年”活动，组织业务培训8期、\n培训干警320人次。\n"
                       "二、存在问题\n案多人少矛盾突出，一线法官人均结案215件。\n").notes.notes
    assert [n.text for n in notes] == [
        "上半年共受理各类案件4862件，审结4105件，结案率84.4%，同比提高3.2个百分点。执结案件1520件。",
        "开展“能力作风建设年”活动，组织业务培训8期、培训干警320人次。",
        "案多人少矛盾突出，一线法官人均结案215件。",
    ]
    # the sentence opening each numbered line names its work, as 审判执行： would
    assert [n.topic for n in notes[:2]] == ["审判执行", "队伍建设"]


def test_lines_without_an_end_mark_are_notes_where_no_sentence_ends_after_them():
    # 产业项目后劲不足，缺少… / 镇村干部年龄偏大，… — two problems written without a full stop, in
    # notes whose other lines end with one: not a sentence the page cut
    notes = read_notes("青石镇2025年上半年工作总结\n一、工作进展\n完成固定资产投资2.1亿元，同比增长8%。\n"
                       "新增市场主体126户，其中企业31户。\n二、存在问题\n产业项目后劲不足，缺少带动性强的大项目\n"
                       "镇村干部年龄偏大，年轻干部少\n").notes.notes
    assert [n.text for n in notes if n.role == "problems"] == ["产业项目后劲不足，缺少带动性强的大项目",
                                                               "镇村干部年龄偏大，年轻干部少"]


def test_notes_forwarded_by_mail_keep_only_their_notes():
    # 人大常委会办公室: the mail's header, the 科长's name, the cover line, 谢谢！ and the sender's name
    # had each been a note; 第一，依法履职。 had kept its ordinal and its lead in the note
    reading = read_notes("发件人：县人大办 李明\n发送时间：2025年7月3日 9:12\n收件人：综合科\n"
                         "主题：人大常委会办公室上半年工作材料（请修改）\n\n王科长：\n上半年的材料初步整理如下，请您看看。\n\n"
                         "第一，依法履职。上半年召开常委会会议4次，审议县政府专项工作报告6项。\n"
                         "第二，代表工作。组织人大代表开展“进站接待”活动126场次。\n\n"
                         "不足：人大信息化建设相对滞后。\n下一步：开展代表建议办理“回头看”。\n\n谢谢！\n李明\n")
    notes = reading.notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "依法履职", "上半年召开常委会会议4次，审议县政府专项工作报告6项。"),
        ("progress", "代表工作", "组织人大代表开展“进站接待”活动126场次。"),
        ("problems", "", "人大信息化建设相对滞后。"),
        ("plans", "", "开展代表建议办理“回头看”。"),
    ]
    # the subject names the unit (its name ends where the period begins), the time sent the year
    assert (reading.org, reading.period, reading.kind) == ("人大常委会办公室", "2025H1", "half-year")
    assert len(reading.ignored) == 8


def test_a_reply_by_mail_keeps_neither_its_greeting_nor_the_quoted_request_nor_its_signature():
    # 金融服务中心 (seen): 张科，您好！ was a result, the quoted request a problem, 王丽 and the 科 plans
    reading = read_notes("发件人：王丽（金融服务中心综合科）\n收件人：办公室 张科\n时间：2025年7月3日 9:42\n"
                         "主题：回复：请报送上半年工作总结素材\n\n张科，您好！\n我们科上半年的素材如下，请审阅。\n\n"
                         "> 原邮件：请各科室于7月3日前报送上半年工作总结素材，包括主要工作、存在问题、下半年打算。\n\n"
                         "一、主要工作\n1、组织银企对接会4场，达成融资意向23.6亿元\n二、问题\n企业首贷难问题还比较突出\n"
                         "三、下一步\n推动1家企业在新三板挂牌\n\n王丽\n金融服务中心综合科\n电话：0791-8xxxxxx\n")
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "组织银企对接会4场，达成融资意向23.6亿元"), ("problems", "企业首贷难问题还比较突出"),
        ("plans", "推动1家企业在新三板挂牌")]
    assert reading.org == "金融服务中心综合科" and reading.period == "2025H1"
    # …and all below a separator is the mail answered
    quoted = read_notes("发件人：李强\n主题：上半年素材\n\n完成年度审计项目5个\n\n------ 原始邮件 ------\n"
                        "发件人：办公室\n请各科室报送上半年工作总结素材\n").notes.notes
    assert [n.text for n in quoted] == ["完成年度审计项目5个"]


def test_a_note_typed_to_the_section_chief_keeps_its_title_and_loses_its_cover_words():
    # a 市场监管所's message (unseen): the cover line and the closing were results and plans, the signature a
    # plan, and the unit and period run into the first line (…所上半年：1、…) a group over the results
    reading = read_notes("王科长：\n您好！按您要求把我们所上半年的情况整理了一下，您看看。\n"
                         "城关市场监管所上半年：1、办理投诉举报217件,办结率100% 2、完成小餐饮备案登记112家\n"
                         "问题:所里执法人员只有6人\n下半年:开展电梯安全隐患排查\n有不清楚的再打我电话。\n李明 6月28日\n")
    assert [(n.role, n.text, n.topic) for n in reading.notes.notes] == [
        ("progress", "办理投诉举报217件，办结率100%", ""), ("progress", "完成小餐饮备案登记112家", ""),
        ("problems", "所里执法人员只有6人", ""), ("plans", "开展电梯安全隐患排查", "")]
    assert (reading.org, reading.kind) == ("城关市场监管所", "half-year")
    assert [item.reason for item in reading.ignored] == ["称呼，不是要点", "开头语，不是要点", "结束语，不是要点",
                                                        "落款（单位、日期）"]


def test_a_line_of_time_is_no_mail_header():
    notes = read_notes("县档案馆2025年上半年工作总结\n时间：1月至6月，接待查档群众1260人次\n完成档案数字化12万页\n").notes.notes
    assert len(notes) == 2


def test_the_years_work_titles_the_results():
    # 统战部: 一、全年工作 had been a topic of its own over every result
    assert role_of_title("全年工作") == "progress" and role_of_title("下半年工作") != "progress"


def test_two_problems_in_one_tagged_line_are_two_notes():
    # 河长制 report: 【存在问题】部分村级河长履职不到位，巡河流于形式。农村生活污水直排现象仍有发生。
    notes = read_notes("关于青山县2025年河湖长制工作情况的报告\n【主要工作】巡河护河：各级河湖长累计巡河1.2万次。\n"
                       "【存在问题】部分村级河长履职不到位，巡河流于形式。农村生活污水直排现象仍有发生。\n"
                       "【存在问题】执行难仍未根本解决。未结执行案件中，无财产可供执行的占六成。\n").notes.notes
    assert [n.text for n in notes if n.role == "problems"] == [
        "部分村级河长履职不到位，巡河流于形式。", "农村生活污水直排现象仍有发生。",
        # the sentence after explains the problem: one note
        "执行难仍未根本解决。未结执行案件中，无财产可供执行的占六成。"]


def test_a_summary_under_key_work_and_indicator_titles_stays_a_summary():
    # 白石乡's 上半年工作总结: 主要指标 and 重点工作 had made it a 工作计划 (目标任务, 重点任务), its
    # results the plan's tasks; each indicator's name had become a topic, its figure a fact of nothing
    reading = read_notes("白石乡2025年上半年工作总结\n\n主要指标\n地区生产总值：3.2亿元，同比增长5.6%\n"
                         "固定资产投资：1.1亿元，完成年度任务的52%\n\n重点工作\n"
                         "▲产业发展：新发展食用菌种植120亩，建成冷库1座\n▲乡村建设：完成农村户厕改造180户，硬化通组道路6.5公里\n\n"
                         "问题：产业链条短，农产品附加值低\n下步：完成剩余户厕改造\n")
    assert reading.kind == "half-year"
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "地区生产总值3.2亿元，同比增长5.6%"),
        ("progress", "固定资产投资1.1亿元，完成年度任务的52%"),
        ("progress", "新发展食用菌种植120亩，建成冷库1座"),
        ("progress", "完成农村户厕改造180户，硬化通组道路6.5公里"),
        ("problems", "产业链条短，农产品附加值低"),
        ("plans", "完成剩余户厕改造"),
    ]
    # a plan's 重点工作 are still its tasks
    plan = read_notes("白石乡2026年工作计划\n重点工作\n完成农村户厕改造200户\n建成冷库2座\n")
    assert plan.kind == "plan" and all(n.role == "plans" for n in plan.notes.notes)


def test_a_line_with_each_facts_role_tagged_inside_it():
    # 投资促进中心: 1. 招商引资——进展：…；问题：…；下步：… — the topic had been 招商引资——进展 and the
    # tags 问题： and 下步： had stayed in the notes (and the draft)
    notes = read_notes("县投资促进中心2025年上半年重点工作进展\n"
                       "1. 招商引资——进展：新签约项目8个，总投资21亿元；问题：签约项目落地慢；下步：9月底前推动3个项目开工\n"
                       "2. 营商环境——进展：开展“政企早餐会”4期，收集企业诉求53条\n").notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "招商引资", "新签约项目8个，总投资21亿元"),
        ("problems", "招商引资", "签约项目落地慢"),
        ("plans", "招商引资", "9月底前推动3个项目开工"),
        ("progress", "营商环境", "开展“政企早餐会”4期，收集企业诉求53条"),
    ]


def test_spoken_tags_labels_and_ands_of_notes_typed_by_voice():
    # 县残联 by voice: 问题就是…, 下半年打算…, 就业这块…, …还有就是… had stayed in the notes
    notes = read_notes("县残联上半年工作\n上半年办理残疾人证新办换证1260本\n"
                       "就业这块举办了两场专场招聘会 帮助132名残疾人实现就业\n问题就是基层残疾人专职委员待遇低 队伍不稳定\n"
                       "下半年打算开展残疾人家庭无障碍改造200户 还有就是年底前建成县残疾人托养中心\n").notes.notes
    assert [(n.role, n.text) for n in notes] == [
        ("progress", "上半年办理残疾人证新办换证1260本"),
        ("progress", "就业方面，举办两场专场招聘会，帮助132名残疾人实现就业"),
        ("problems", "基层残疾人专职委员待遇低，队伍不稳定"),
        ("plans", "开展残疾人家庭无障碍改造200户"),
        ("plans", "年底前建成县残疾人托养中心"),
    ]
    # a written tag stays a tag
    assert read_notes("县残联上半年工作\n新办残疾人证1260本\n下半年打算：开展无障碍改造200户\n").notes.notes[-1].text \
        == "开展无障碍改造200户"


def test_the_order_a_speaker_lists_works_in_is_no_part_of_a_note():
    # a 中医医院's notes: 首先是业务方面，… had opened a note with 是, 其次，…这块 and 再次是人才，… kept
    # their labels as clauses, and 还有医共体： named its group 还有医共体
    notes = read_notes("县中医医院上半年工作小结\n首先是业务方面，上半年门急诊5.6万人次，出院病人3120人次。\n"
                       "其次，特色专科建设这块，针灸推拿科被评为市级重点专科。\n"
                       "再次是人才，选派3名骨干去省中医院进修。\n还有医共体：向乡镇卫生院派驻中医师9人。\n").notes.notes
    assert [(n.topic, n.text) for n in notes] == [
        ("", "业务方面，上半年门急诊5.6万人次，出院病人3120人次。"),
        ("", "特色专科建设方面，针灸推拿科被评为市级重点专科。"),
        ("", "人才方面，选派3名骨干去省中医院进修。"),
        ("医共体", "向乡镇卫生院派驻中医师9人。")]
    # 还有 opening a fact stays (还有3个项目未开工 is the problem's own word)
    assert read_notes("县发改局上半年工作\n存在问题：\n还有3个项目未开工\n").notes.notes[0].text == "还有3个项目未开工"


def test_an_item_number_before_a_month_is_a_marker():
    # 城管局: 1.9月底前完成… had kept 1. as 1.9 (a figure); 1.5万亩 is still one
    notes = read_notes("县城市管理局2025年下半年工作安排\n一、市容整治\n1.9月底前完成主城区12条主干道店招店牌规范整治\n"
                       "2.开展占道经营专项整治\n").notes.notes
    assert notes[0].text == "9月底前完成主城区12条主干道店招店牌规范整治"
    assert read_notes("县林业局2025年上半年工作总结\n1.5万亩人工造林全部完成\n").notes.notes[0].text.startswith("1.5万亩")


def test_a_title_dated_by_month_in_brackets_is_the_title():
    # 民政局上半年工作情况（2025年6月） had been read as a note, and drafted as the first item's fact
    reading = read_notes("民政局上半年工作情况（2025年6月）\n\n• 社会救助：发放低保金4860万元\n• 婚姻登记：办理结婚登记1486对\n")
    assert (reading.org, reading.period, len(reading.notes.notes)) == ("民政局", "2025H1", 2)


def test_key_work_before_the_problems_is_the_work_done():
    # 工信局's annual summary: ## 重点工作 / **企业培育**：新认定专精特新中小企业9家… had been a plan
    notes = read_notes("# 县工业和信息化局2025年工作总结\n## 重点工作\n- **企业培育**：新认定专精特新中小企业9家\n"
                       "- **节能降耗**：完成重点用能企业节能监察18家\n## 存在问题\n- 中小企业融资难问题依然突出\n"
                       "## 重点工作\n- 实施技改项目30个\n").notes.notes
    assert [n.role for n in notes] == ["progress", "progress", "problems", "plans"]


def test_a_lists_framing_and_its_ordinal_words_are_no_part_of_its_facts():
    # 审批局: 上半年，我局围绕优化营商环境开展了以下工作：首先，深化…；其次，推进…；最后，完善…
    reading = read_notes("县行政审批服务局2025年上半年工作总结\n上半年，我局围绕优化营商环境开展了以下工作：首先，深化“一件事一次办”"
                         "改革，新增集成事项15个；其次，推进“证照分离”改革全覆盖，办理许可事项4860件；最后，完善窗口设置，受理诉求68件。\n")
    assert [n.text for n in reading.notes.notes] == ["深化“一件事一次办”改革，新增集成事项15个",
                                                     "推进“证照分离”改革全覆盖，办理许可事项4860件", "完善窗口设置，受理诉求68件。"]
    assert any("以下工作" in item.text for item in reading.ignored)


@pytest.mark.parametrize(("text", "expected"), [
    # 畜牧兽医服务中心's plain lines (after the eval run): read as a plan after the problem before it
    ("县畜牧兽医服务中心2025年上半年工作总结\n培训村级防疫员和养殖户1300人次\n基层防疫员年龄偏大，报酬偏低\n"
     "部分养殖场粪污处理设施运行不正常\n秋季集中免疫9月启动\n", ["progress", "problems", "problems", "plans"]),
    # …and too few ways to place someone (a 救助管理站's line after its 问题：, read as a plan)
    ("县救助管理站2025年上半年工作总结\n完成站内消防设施改造\n问题：站内专业社工只有1人\n"
     "长期滞留人员安置渠道少\n打算：推进站内生活用房提升改造\n", ["progress", "problems", "problems", "plans"]),
    # a 水土保持工作站's plain lines (the stop's final unseen check, 1.5B): its 水土流失综合治理 result sat under
    # 存在的问题, and its 动态监测 plan became a problem with a measure (加快解决开展…监测问题)
    ("县水土保持工作站2025年上半年工作总结\n完成坡耕地水土流失综合治理面积1.8万亩\n"
     "部分生产建设项目水土保持设施验收不及时\n下半年完成小流域综合治理项目初步设计\n"
     "开展全县水土流失动态监测\n", ["progress", "problems", "plans", "plans"]),
    # 流失 of people stays a problem
    ("县人社局2025年上半年工作总结\n完成招聘86人\n专业技术人才流失严重\n", ["progress", "problems"]),
    # a shortfall named as what a work was done to: seven of eight results had been read as problems
    ("县住建局2026年上半年工作总结\n完成老化燃气管网改造12公里\n清理积压案件36件\n完成闲置土地处置3宗\n"
     "补充短缺药品目录23种\n排查制约发展瓶颈问题15个并逐一销号\n部分管网老化严重\n",
     ["progress"] * 5 + ["problems"]),
    # …but what was found, still is, or is said to be large stays a problem
    ("县人社局2026年上半年工作总结\n调研发现专业人才流失严重\n项目推进中存在资金缺口\n尚未完成老化管网改造\n"
     "办公用房维修资金缺口较大\n完成老旧设备更换，但设备老化问题仍较突出\n下半年开展人才流失情况专项调研\n",
     ["problems"] * 5 + ["plans"]),
    # a 仲裁院's plain lines: a party that does not cooperate, and a share too high, were read as a plan
    # before its 下步： line; a rate praised (较高) and the weather (气温偏高) are facts
    ("县劳动人事争议仲裁院2025年上半年工作小结\n受理案件386件\n部分企业不配合送达，公告送达占比偏高\n"
     "调解率较高，达到60.8%\n下步：推进线上仲裁庭建设\n", ["progress", "problems", "progress", "plans"]),
    ("县气象局2025年上半年工作总结\n上半年平均气温偏高1.2℃\n发布预警信号46期\n", ["progress", "progress"]),
], ids=["facility-not-running", "few-ways", "soil-erosion-worked-on", "talent-lost", "harm-worked-on", "harm-found",
        "not-cooperating", "weather-high"])
def test_a_shortfall_is_a_problem_and_work_on_a_harm_is_not(text, expected):
    assert [n.role for n in read_notes(text).notes.notes] == expected


LEVELS = """县科协2025年工作总结及2026年工作打算（素材）
一、2025年工作开展情况
（一）科普工作
1.全国科普日活动
（1）9月组织全国科普日主场活动1场，参与群众1.8万人次。
（2）开展“科普大篷车”进乡村12次。
2.青少年科技教育
（1）组织第三十届青少年科技创新大赛，收到作品312件。
（2）建成校园科技馆2所。
（二）学会和人才工作
1.新成立县农业技术学会，全县学会达到11个。
2.举办“科技人才沙龙”4期。
二、存在的不足
1.学会活力不足，部分学会一年不开展活动。
"""


def test_a_heading_over_headings_is_their_notes_parent():
    # last year's skeleton kept (一、/（一）/1./（1）): the （一） over two 1./2. headings had been lost
    notes = read_notes(LEVELS).notes.notes
    assert [(n.topic, n.parent) for n in notes] == [
        ("全国科普日活动", "科普工作"), ("全国科普日活动", "科普工作"),
        ("青少年科技教育", "科普工作"), ("青少年科技教育", "科普工作"),
        ("学会和人才工作", ""), ("学会和人才工作", ""),  # a heading over notes only is their topic alone
        ("", "")]


def test_notes_gathered_by_a_chat_groups_solitaire():
    # 党校 (接龙): #接龙 and its sample line had been notes, the request had kept the title from being
    # read (no unit, no period), 县委党校 had been read as 县委, and each office stayed in its line
    text = ("#接龙\n县委党校2025年上半年工作素材，请各科室接龙补充，周五前报办公室\n例：科室 + 主要工作 + 数据\n\n"
            "1. 教务科 举办主体班次6期，培训学员420人次\n2. 科研科 完成县级课题结题5项\n"
            "3. 教务科 新开发“红色家风”等精品课程4门\n4. 办公室 存在问题：师资力量不足，专职教师仅14人\n"
            "5. 办公室 下半年打算启动学员宿舍改造\n")
    reading = read_notes(text)
    assert (reading.org, reading.period, reading.kind) == ("县委党校", "2025H1", "half-year")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "教务科", "举办主体班次6期，培训学员420人次"),
        ("progress", "科研科", "完成县级课题结题5项"),
        ("progress", "教务科", "新开发“红色家风”等精品课程4门"),
        ("problems", "办公室", "师资力量不足，专职教师仅14人"),
        ("plans", "办公室", "启动学员宿舍改造")]
    assert [item.line for item in reading.ignored] == [1, 2, 3]


def test_a_tag_saying_none_is_no_heading_and_tagged_results_count_as_done():
    # 自然资源局's 推进情况, every fact under 完成情况：/存在问题：/下步打算： lines: 存在问题：无 had been a
    # topic heading over the lines after it, and the reason said 以已完成的工作为主（0 条）
    text = ("县自然资源局2025年上半年重点工作推进情况\n1.不动产登记\n   完成情况：办理各类登记业务8260件\n   存在问题：无\n"
            "2.地质灾害防治\n   完成情况：汛前排查隐患点126处\n   下步打算：完成3处隐患点工程治理\n")
    reading = read_notes(text)
    assert [(n.role, n.topic) for n in reading.notes.notes] == [
        ("progress", "不动产登记"), ("progress", "地质灾害防治"), ("plans", "地质灾害防治")]
    assert ("存在问题：无", "标签后写明“无”，没有要点") in [(item.text, item.reason) for item in reading.ignored]
    assert reading.kind_reasons[0].startswith("有已完成的工作 2 条")


def test_a_label_sentence_may_name_its_work_in_quotes():
    # 市场监管局: （二）推进“互联网+明厨亮灶”。新增126家… — the label had stayed in the note's text
    notes = read_notes("县市场监管局2025年上半年工作总结\n（一）推进“互联网+明厨亮灶”。新增126家学校食堂接入监管平台，接入率100%。\n"
                       "（二）开展抽检监测。抽检学校食堂食品及原料320批次，合格率99.1%。\n").notes.notes
    assert [(n.topic, n.text[:6]) for n in notes] == [("推进“互联网+明厨亮灶”", "新增126家"), ("开展抽检监测", "抽检学校食堂")]


def test_a_writers_remark_to_themselves_stays_out_of_the_note():
    # 编办's first draft: 调剂事业编制XX名（待人社局确认） had reached the draft with its remark
    reading = read_notes("县委编办2025年上半年工作总结\n1、为教育系统调剂事业编制XX名（待人社局确认），缓解缺编压力。\n"
                         "2、开展政策培训2期，培训160人次。（待补充照片）\n")
    assert [n.text for n in reading.notes.notes] == ["为教育系统调剂事业编制XX名，缓解缺编压力。", "开展政策培训2期，培训160人次。"]
    assert [(i.line, i.text) for i in reading.ignored if "备注" in i.reason] == [(2, "（待人社局确认）"), (3, "（待补充照片）")]
    # …with what is to be checked before it (a 民宗局's 培训86人次（数据待办公室核实）), not a note's own aside
    reading = read_notes("县民族宗教事务局2025年上半年工作情况\n完成宗教教职人员年度培训，培训86人次（数据待办公室核实）\n"
                         "帮助少数民族群众就业47人（其中女性21人）\n")
    assert [n.text for n in reading.notes.notes] == ["完成宗教教职人员年度培训，培训86人次", "帮助少数民族群众就业47人（其中女性21人）"]


def test_a_task_a_dash_and_its_status():
    # 教育局's 推进情况: 新建城南小学——主体完工…【已完成】 — the task is its sentence's subject (read as a
    # label it had been lost from the draft); 【推进中】 had left a line clueless (read as a plan after a
    # problem), and 【未启动】 stayed in the text
    reading = read_notes("县教育局2025年重点任务推进情况\n1.新建城南小学——主体完工，新增学位1350个【已完成】\n"
                         "2.城东幼儿园建设——因用地调整，项目暂缓【未启动】\n3.智慧校园建设——完成方案编制，设备采购招标中【推进中】\n"
                         "4.校园食堂“互联网+明厨亮灶”——覆盖率达到85%【推进中】\n")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "", "新建城南小学主体完工，新增学位1350个"),
        ("problems", "", "城东幼儿园建设因用地调整，项目暂缓"),
        ("progress", "", "智慧校园建设完成方案编制，设备采购招标中"),
        ("progress", "", "校园食堂“互联网+明厨亮灶”覆盖率达到85%")]


def test_no_one_in_charge_is_a_problem():
    # 防震减灾服务中心's plain lines (notes case 119): 部分乡镇防震减灾工作无专人负责 had been drafted among
    # the results, under 持续开展抗震性能排查
    notes = read_notes("县防震减灾服务中心2025年上半年工作总结\n对12栋农村公共建筑开展抗震性能排查\n"
                       "部分乡镇防震减灾工作无专人负责\n").notes.notes
    assert [n.role for n in notes] == ["progress", "problems"]


TOBACCO_BY_MONTH = """县烟草专卖局2025年1-6月工作汇总

1月
- 春节前开展卷烟市场专项检查，检查零售户420户
2月
- 完成烟叶种植收购合同签订，落实种植面积2.3万亩
- 查获违法卷烟案件6起，涉案卷烟1800条
4月
- 烟叶移栽全面完成，移栽面积2.3万亩
- 查获违法卷烟案件9起，涉案卷烟3200条
6月
- 1-6月累计销售卷烟2.1万箱，同比增长3.2%

问题：部分乡镇无证经营卷烟现象仍有发生
"""


def test_notes_kept_by_month_say_their_month_and_are_no_sections_of_months():
    # a 烟草专卖局's 1-6月工作汇总 (notes case 122): each month heading had been a note (n1 1月), and
    # the two 查获违法卷烟案件… lines, months apart, read as one fact twice once their months were gone
    reading = read_notes(TOBACCO_BY_MONTH)
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "1月，春节前开展卷烟市场专项检查，检查零售户420户"),
        ("progress", "2月，完成烟叶种植收购合同签订，落实种植面积2.3万亩"), ("progress", "2月，查获违法卷烟案件6起，涉案卷烟1800条"),
        ("progress", "4月，烟叶移栽全面完成，移栽面积2.3万亩"), ("progress", "4月，查获违法卷烟案件9起，涉案卷烟3200条"),
        ("progress", "1-6月累计销售卷烟2.1万箱，同比增长3.2%"),  # its own time kept, no 6月 before it
        ("problems", "部分乡镇无证经营卷烟现象仍有发生")]  # a tagged line after June's is no June's
    assert reading.notes.by_time and not reading.notes.topics
    assert [item.line for item in reading.ignored if "只写了时间" in item.reason] == [3, 5, 8, 11]
    assert not read_notes("县烟草专卖局2025年上半年工作总结\n- 查获违法卷烟案件6起\n- 烟叶移栽全面完成\n"
                          "- 新建烘烤工场1座\n- 销售卷烟2.1万箱").notes.by_time


def test_notes_kept_by_week_say_the_month_of_their_dates():
    # a 动物疫控中心's lines taken from its 周报: 第9周（3.3-3.7）， had opened each note of the draft
    reading = read_notes("县动物疫病预防控制中心2025年上半年工作\n第2周（1.6-1.10）\n开展春节前动物防疫大检查，检查养殖场户236家\n"
                         "第9周（2月24日-3月7日）\n完成猪口蹄疫免疫5.6万头\n第19周\n组织村级防疫员培训2期\n")
    assert [n.text for n in reading.notes.notes] == [
        "1月，开展春节前动物防疫大检查，检查养殖场户236家", "2月至3月，完成猪口蹄疫免疫5.6万头",
        "组织村级防疫员培训2期"]  # a week with no dates says nothing a report can


def test_notes_kept_by_month_are_grouped_by_their_work():
    from drafter.drafting.grouping import by_work

    notes = read_notes(TOBACCO_BY_MONTH).notes
    progress = [n.text[:6] for n in by_work(notes).notes if n.role == "progress"]
    # the two seizures together (keyword overlap, no embedder), the rest as written
    assert progress == ["1月，春节前", "2月，完成烟", "2月，查获违", "4月，查获违", "1-6月累计", "4月，烟叶移"]
    written = read_notes(TOBACCO_BY_MONTH.replace("1-6月工作汇总", "上半年工作总结").replace("\n1月", "").replace(
        "\n2月", "").replace("\n4月", "").replace("\n6月", "")).notes
    assert not written.by_time and by_work(written) is written  # notes kept by work stay as written


def test_the_sending_office_and_the_last_headings_scope_stay_out_of_the_notes():
    # a 投资促进中心's 汇总 of its offices' reports (notes case 123): （招商一股） had reached the draft
    # (…拜访企业64家。（招商二股）。), and 难点：/下步： after a blank line were read under 三、营商服务 —
    # 新签约项目20个 was then led 持续推进营商服务
    text = ("县投资促进中心上半年工作要点（各股室报送汇总）\n\n一、招商引资\n1. 新签约项目23个，协议总投资86.5亿元。（招商一股）\n"
            "2. 赴长三角开展小分队招商8批次，拜访企业64家。（招商二股）\n三、营商服务\n"
            "6. 为落地企业代办审批事项54件。（综合股）\n\n难点：专业招商人才缺乏。\n下步：力争下半年新签约项目20个以上")
    reading = read_notes(text)
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "招商引资", "新签约项目23个，协议总投资86.5亿元。"),
        ("progress", "招商引资", "赴长三角开展小分队招商8批次，拜访企业64家。"),
        ("progress", "营商服务", "为落地企业代办审批事项54件。"),
        ("problems", "", "专业招商人才缺乏。"), ("plans", "", "力争下半年新签约项目20个以上")]
    assert [item.text for item in reading.ignored if "股室" in item.reason] == ["（招商一股）", "（招商二股）", "（综合股）"]
    # with no blank line, a tag under a heading is that work's (问题： of 营商服务)
    kept = read_notes(text.replace("\n\n难点", "\n难点")).notes.notes
    assert [n.topic for n in kept if n.role == "problems"] == ["营商服务"]


def test_the_kinds_reason_counts_the_notes_as_placed():
    # a 文联's plain lines (notes case 125): the reason said 已完成的工作 7 条、下步打算 1 条 over 6 results
    # and 2 plans — 筹备…年底前召开 is placed among the plans after the kind is decided
    reading = read_notes("县文联2025年上半年工作总结\n举办书画作品展1场，展出作品120幅\n新发展县级文艺家协会会员85名\n"
                         "县摄影家协会完成换届\n文艺人才老化，青年文艺骨干少\n9月举办全县农民书画大赛\n筹备县第五次文代会，年底前召开")
    assert [n.role for n in reading.notes.notes] == ["progress"] * 3 + ["problems", "plans", "plans"]
    assert reading.kind_reasons[0].startswith("有已完成的工作 3 条") and reading.kind_reasons[0].endswith("下步打算 2 条")


def test_a_groups_paste_has_its_title_period_and_spoken_labels_read():
    # a 邮政管理局's notes gathered in a group chat: the title with a remark after it had been a note,
    # the period was read from nothing (the senders' stamps are ISO dates), and 寄递安全这块： left
    # its colon in the note (寄递安全方面，：开展…)
    text = ("县邮政管理局上半年工作（群里汇总）\n\n王科长 2025-06-26 09:12\n快递业务量完成1860万件\n\n"
            "李娜 2025-06-26 09:30\n寄递安全这块：开展寄递渠道安全隐患排查整治，检查寄递企业网点86个次\n")
    reading = read_notes(text)
    assert (reading.org, reading.period) == ("县邮政管理局", "2025H1")
    assert [n.text for n in reading.notes.notes] == [
        "快递业务量完成1860万件", "寄递安全方面，开展寄递渠道安全隐患排查整治，检查寄递企业网点86个次"]


def test_a_streets_annual_notes_with_a_year_in_characters_and_labels_after_shi():
    # a 街道's annual notes: 二〇二五年 had given no period, 今年主要干了这些： was a topic, and
    # 一是老旧小区改造，完成… kept its label as a clause of its own
    text = ("东关街道办事处二〇二五年工作总结及二〇二六年工作打算\n今年主要干了这些：\n"
            "一是老旧小区改造，完成7个小区改造。二是就业服务，举办招聘会9场。\n"
            "一是环卫作业车辆老化，近三成车辆超期服役\n")
    reading = read_notes(text)
    assert reading.period == "2025"
    assert [(n.topic, n.text) for n in reading.notes.notes][:2] == [
        ("", "老旧小区改造方面，完成7个小区改造。"), ("", "就业服务方面，举办招聘会9场。")]
    assert reading.notes.notes[2].text == "环卫作业车辆老化，近三成车辆超期服役"  # a problem's clause, no label


def test_a_chat_summary_with_status_marks_keeps_its_title_and_what_its_labels_say_of():
    # a 数据局's summary in its work group (unseen): the title dated 6.27 was a result, ⏳ stayed in its
    # notes, and 数据安全等级保护测评：因经费未到位，尚未启动 lost its subject to a topic
    reading = read_notes("县数据局上半年重点工作进展（群内汇总 6.27）\n✅ 完成全县公共数据资源目录编制，梳理数据资源1460项\n"
                         "⏳ 乡镇政务服务一体机铺设：已完成14个乡镇，剩余4个\n"
                         "❌ 数据安全等级保护测评：因经费未到位，尚未启动\n👉 下半年：开展数据安全培训\n")
    assert (reading.org, reading.kind) == ("县数据局", "half-year")
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "完成全县公共数据资源目录编制，梳理数据资源1460项"),
        ("progress", "乡镇政务服务一体机铺设已完成14个乡镇，剩余4个"),
        ("problems", "数据安全等级保护测评因经费未到位，尚未启动"), ("plans", "开展数据安全培训")]
    # …where a word opens the rest, the label stays a topic (基本医保, 未成年人 are no 基本…, 未…)
    named = read_notes("县医保局2026年上半年工作总结\n● 医疗保障：基本医保参保率97%\n● 青少年工作：未成年人保护专项行动3次\n")
    assert [(n.topic, n.text) for n in named.notes.notes] == [("医疗保障", "基本医保参保率97%"),
                                                            ("青少年工作", "未成年人保护专项行动3次")]


def test_a_paragraph_listing_the_works_of_an_aspect_is_read_as_that_aspects_list():
    # a 街道's annual paragraphs (unseen): 今年以来，街道在经济发展方面，一是招商引资，… had opened its first
    # fact, and the label 招商引资 before 全年签约… stayed a clause of its own
    reading = read_notes("南湖街道2026年工作总结素材\n今年以来，街道在经济发展方面，一是招商引资，全年签约项目14个；"
                         "二是服务企业，走访辖区企业210家次\n城市管理方面，完成老旧小区改造9个\n")
    assert [(n.topic, n.text) for n in reading.notes.notes] == [
        ("经济发展", "招商引资方面，全年签约项目14个"), ("经济发展", "服务企业方面，走访辖区企业210家次"),
        ("", "城市管理方面，完成老旧小区改造9个")]


def test_a_summary_of_one_work_is_special_and_its_closing_paragraph_turns():
    # a 水利局's 2025年防汛工作总结: read as the year's summary (titled 县水利局2025年工作总结), and its
    # closing paragraph's problem (目前存在的问题主要是…) read as part of a plan, under the last heading
    text = ("县水利局2025年防汛工作总结\n1.汛前准备\n修订完善防汛应急预案19个\n储备编织袋3万条\n3.灾后恢复\n"
            "水毁工程修复32处\n\n下一步，我们将抓紧完成剩余2处隐患整改。目前存在的问题主要是专业技术力量薄弱。\n")
    reading = read_notes(text)
    assert reading.kind == "special"
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes][-2:] == [
        ("plans", "", "抓紧完成剩余2处隐患整改"), ("problems", "", "专业技术力量薄弱")]
    assert read_notes("县委组织部2025年组织工作总结\n完成换届12个\n培训党员3000人次").kind == "annual"


def test_a_remarks_label_goes_and_its_detail_stays():
    # a 统计局's 新增入库“四上”企业9家（备注：其中工业5家） reached the draft with 备注：
    reading = read_notes("县统计局2025年上半年工作小结\n新增入库“四上”企业9家（备注：其中工业5家）\n完成经济普查数据开发\n")
    assert reading.notes.notes[0].text == "新增入库“四上”企业9家（其中工业5家）"
    assert read_notes("ABC企业完成技改\nA.I.辅助审核上线").notes.notes[0].text == "ABC企业完成技改"


def test_a_spoken_label_with_a_colon_carries_to_the_next_line_of_its_message():
    # a 邮政管理局's chat: 寄递安全这块：开展… / 实名收寄率… — the second line is the same work; it had
    # joined the next sender's item. Not past a blank line or a sender's line.
    text = ("县邮政管理局2025年上半年工作\n李娜 2025-06-26 09:30\n寄递安全这块：开展寄递渠道安全隐患排查整治\n"
            "实名收寄率稳定在99%以上\n\n张伟 2025-06-26 10:05\n新建村级寄递物流综合服务站15个\n")
    assert [n.text for n in read_notes(text).notes.notes] == [
        "寄递安全方面，开展寄递渠道安全隐患排查整治", "寄递安全方面，实名收寄率稳定在99%以上", "新建村级寄递物流综合服务站15个"]


def test_a_hospitals_old_building_is_a_problem_without_a_tag():
    # 县人民医院 (notes case 133): 住院楼建成时间长，病房条件较差 between a problem and the plans was a plan
    text = ("县人民医院2025年上半年工作情况\n门急诊接诊18.6万人次\n高级职称人才缺乏\n住院楼建成时间长，病房条件较差\n"
            "下半年推进县域医共体信息平台建设\n")
    assert [n.role for n in read_notes(text).notes.notes] == ["progress", "problems", "problems", "plans"]


def test_the_reason_for_a_summary_under_a_plan_title_quotes_the_title_not_a_pattern():
    # 殡葬管理所 (seen): 依据：标题虽写“(?<!总结)要点”… — the reader's pattern reached the user
    reading = read_notes("2025上半年 县殡葬管理所 工作要点汇总\n(1)殡仪馆火化遗体1126具,火化率保持100%;\n"
                         "(2)完成殡仪馆告别厅改造,新增小型告别厅2个\n不足: 殡葬执法力量弱,只有2名执法人员\n")
    assert reading.kind == "half-year"
    assert "标题虽写“要点”，内容是已完成的工作，按总结处理" in reading.kind_reasons
    assert not any("(?" in reason for reason in reading.kind_reasons)


def test_a_plans_task_table_drops_who_does_it_and_its_title_remark():
    # 医保局's 任务分解表 (notes case 139): 责任股室's 待遇保障股 had ended each task, and 重点任务（任务分解表）
    # was a topic, not the plan's tasks
    reading = read_notes("# 县医疗保障局2026年工作要点\n## 一、总体目标\n基本医保参保率稳定在95%以上\n"
                         "## 二、重点任务（任务分解表）\n| 序号 | 重点任务 | 具体内容 | 责任股室 | 完成时限 |\n|---|---|---|---|---|\n"
                         "| 1 | 基金监管 | 开展定点医药机构专项检查全覆盖，追回违规基金 | 基金监管股 | 全年 |\n"
                         "| 2 | 经办服务 | 推进医保服务站进村（社区），新建村级服务点30个 | 经办中心 | 10月底 |\n")
    tasks = [(n.topic, n.text) for n in reading.notes.notes if n.role == "plans"]
    assert tasks == [("基金监管", "开展定点医药机构专项检查全覆盖，追回违规基金"),
                     ("经办服务", "推进医保服务站进村（社区），新建村级服务点30个")]
    assert any(item.text == "重点任务（任务分解表）" and "主题" not in item.reason for item in reading.ignored)


def test_a_nested_lists_labels_head_their_indented_lines():
    # 网信办's Markdown (notes case 141): - 网络安全 over indented - lines had been one note (网络安全；组织…；开展…)
    notes = read_notes("**县委网信办 2025年上半年工作**\n\n- 网络安全\n  - 组织关键信息基础设施安全检查，检查单位27家\n"
                       "  - 开展网络安全宣传周活动，参与群众3.2万人次\n- 问题\n  - 基层网评员队伍不稳定\n").notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "网络安全", "组织关键信息基础设施安全检查，检查单位27家"),
        ("progress", "网络安全", "开展网络安全宣传周活动，参与群众3.2万人次"), ("problems", "", "基层网评员队伍不稳定")]


def test_a_chats_marked_title_line_and_its_done_marks():
    # 不动产登记中心's emoji paste (notes case 142): 📌 before the title made it a result (no unit, no
    # period), and （完成） stayed in the notes where （进行中） went
    reading = read_notes("📌县自然资源局不动产登记中心 2025年1-6月工作小结\n\n✅ 受理各类不动产登记业务9860件，按时办结率100%（完成）\n"
                         "🔄 不动产登记与水电气联动过户，已与供水公司打通数据（进行中）\n❗问题：窗口人员少，高峰期排队时间长\n")
    assert (reading.org, reading.period) == ("县自然资源局不动产登记中心", "2025H1")
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "受理各类不动产登记业务9860件，按时办结率100%"),
        ("progress", "不动产登记与水电气联动过户，已与供水公司打通数据"), ("problems", "窗口人员少，高峰期排队时间长")]


def test_a_quarters_summary_is_drafted_as_a_report_on_that_quarters_work():
    # 统计局 / 档案馆 (notes case 143): 前三季度 was taken for one work (标题写的是“前三季度”这一项工作), the
    # report titled …关于2025年前三季度的报告; 下季度： was a topic
    from drafter.drafting.outline import report_subject

    reading = read_notes("县档案馆2025年第三季度工作小结\n接待查档群众860人次\n完成馆藏档案数字化3.2万页\n下季度：开展档案安全检查\n")
    assert reading.kind == "special" and "季度总结" in reading.kind_reasons[-1]
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "plans"]
    assert report_subject("县统计局2025年前三季度工作总结", "县统计局", "2025") == "前三季度工作"


def test_notes_kept_by_village_say_the_village_in_each_note_and_are_grouped_by_work():
    # a 镇's 各村工作汇总 (notes case 144): 【东溪村】… headed sections named after villages, and 问题：/
    # 下半年： lines under the last village were that village's
    reading = read_notes("青溪镇2025年上半年各村工作汇总\n【东溪村】\n完成高标准农田建设800亩\n【西岭村】\n完成农村户厕改造46户\n"
                         "【南坪村】\n完成农村户厕改造38户\n问题：村级后备干部不足\n")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "", "东溪村完成高标准农田建设800亩"), ("progress", "", "西岭村完成农村户厕改造46户"),
        ("progress", "", "南坪村完成农村户厕改造38户"), ("problems", "", "村级后备干部不足")]
    assert reading.notes.by_time  # regrouped by work, as a log by month is
    # one work named after a kind of place is a topic (【平安社区】)
    assert read_notes("县司法局2025年上半年工作总结\n【平安社区】\n创建平安社区12个\n【法治乡村】\n培育法律明白人300名\n"
                      ).notes.notes[0].topic == "平安社区"


def test_a_lead_is_built_past_the_village_a_note_opens_with():
    from drafter.drafting.compose import key_phrases, without_place

    assert without_place("东溪村完成高标准农田建设800亩") == "完成高标准农田建设800亩"
    assert without_place("农村户厕改造完成120户") == "农村户厕改造完成120户"  # 农村 is no place
    assert key_phrases(["南坪村新发展茶叶基地300亩"])[0] != "南坪村"


def test_old_vehicles_past_their_scrapping_age_are_a_problem():
    # 交通运输综合行政执法大队's plain lines (notes case 145): read as a result; 老旧小区改造 stays a work
    notes = read_notes("县交通运输综合行政执法大队2025年上半年工作总结\n办理行政处罚案件312件\n执法车辆老旧，有3辆已超过报废年限\n"
                       "完成老旧小区改造12个\n").notes.notes
    assert [n.role for n in notes] == ["progress", "problems", "progress"]


def test_idle_rooms_put_to_use_are_a_result_and_a_count_after_a_plan_is_the_plans():
    # 机关事务服务中心's plain lines (notes case 146, the last read-through): 盘活闲置办公用房4处 was a
    # problem (and a measure "solved" it), 推进…充电桩建设，新建20个 after a plan a result
    notes = read_notes("县机关事务服务中心2025年上半年工作总结\n盘活闲置办公用房4处，面积2600平方米\n"
                       "节能管理专业人员少，靠兼职\n下半年完成2处闲置房产处置\n推进公共机构新能源汽车充电桩建设，新建20个\n"
                       "开展节能宣传周活动\n").notes.notes
    assert [n.role for n in notes] == ["progress", "problems", "plans", "plans", "plans"]
    # a result with its figure after a plan, opening on no verb of pushing on, stays a result
    assert read_notes("县档案馆2025年上半年工作总结\n下半年开展档案安全检查\n接待查档群众860人次\n").notes.notes[1].role == "progress"


def test_a_school_writing_as_we_has_its_group_titles_read_and_its_verbs_without_le():
    # a 中学's notes in its own voice: 我们…做了以下几件事 / 我们觉得还存在这些问题 / 下半年我们打算 were
    # topics (a problem and a plan drafted as results), 教学方面：… read 教学方面方面，… and 组织了… kept 了
    reading = read_notes("县第一中学2025年上半年工作总结\n我们今年上半年主要做了以下几件事：\n"
                         "1、教学方面：我们组织了高三年级三轮模拟考试，高考一本上线218人，比去年多了23人。\n"
                         "2、德育方面，我们举办了第十五届校园文化艺术节，参与学生2600人次。\n"
                         "我们觉得还存在这些问题：\n学生近视率偏高，初步筛查达到68%。\n"
                         "下半年我们打算：\n开展近视防控专项行动，每天两次眼保健操全覆盖。\n")
    notes = reading.notes.notes
    assert [n.role for n in notes] == ["progress", "progress", "problems", "plans"]
    assert notes[0].topic == "教学"
    assert notes[0].text.startswith("组织高三年级三轮模拟考试") and "比去年多了23人" in notes[0].text
    assert notes[1].text.startswith("德育方面，举办第十五届")
    assert role_of_title("我们觉得还存在这些问题") == "problems" and role_of_title("下半年我们打算") == "plans"
    assert role_of_title("我校今年上半年主要做了以下几件事") == "progress"


def test_a_years_halves_are_when_its_work_was_done_not_next_halfs_plans():
    # a 关工委's annual notes under 上半年： and 下半年： — the second half's four results were read as
    # 2026's plans; 不足之处 was a topic
    reading = read_notes("县关工委2025年工作总结\n上半年：\n1. 组织报告团进校园宣讲28场。\n下半年：\n"
                         "1. 完成乡镇关工委规范化建设，18个乡镇全部达标。\n2. 11月，举办主题征文活动，收到征文860篇。\n"
                         "不足之处：\n村级关工小组作用发挥不平衡。\n2026年打算：\n推进村级关工小组规范化建设。\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "progress", "problems", "plans"]
    assert not any(n.topic for n in reading.notes.notes)
    # in a half-year's report 下半年： still heads the plans, and 上半年： its results
    half = read_notes("县关工委2025年上半年工作总结\n上半年：\n组织报告团进校园宣讲28场。\n下半年：\n推进村级关工小组规范化建设。\n")
    assert [n.role for n in half.notes.notes] == ["progress", "plans"] and not half.notes.notes[0].topic


def test_a_years_indicators_drafted_in_november_are_results_with_their_projection():
    # a 供水公司's 2025年工作总结（1-11月）: two of 主要指标's three lines were read as 2026's plans
    reading = read_notes("县供水有限公司2025年工作总结（1-11月）\n一、主要指标\n"
                         "1-11月累计供水量1860万立方米，同比增长4.2%，预计全年供水2030万立方米。\n"
                         "营业收入5120万元，预计全年5600万元，完成年度目标的101%。\n管网漏损率降至9.6%，比年初下降1.8个百分点。\n"
                         "二、2026年工作思路\n实施老旧小区二次供水改造30个。\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "progress", "plans"]


@pytest.mark.parametrize(("title", "kind", "org", "period"), [
    # a report on the half-year's work, 关于…情况的报告, had been read as a special report
    ("关于县住建局2025年上半年工作情况的报告（送审稿）", "half-year", "县住建局", "2025H1"),
    ("关于2025年防汛工作的报告", "special", "", "2025"),
    ("县应急管理局关于2025年安全生产工作情况的报告", "special", "县应急管理局", "2025"),
    # the unit in brackets after a title a group could have: read as a group of results
    ("2025年上半年工作总结（县残联）", "half-year", "县残联", "2025H1"),
    # the county spaced off its unit
    ("县 财政局 2025年 上半年 工作总结", "half-year", "县财政局", "2025H1"),
    ("县应急管理局2025年上半年工作总结暨下半年工作计划", "half-year", "县应急管理局", "2025H1"),
    ("县林业局2025年度工作总结及2026年工作计划", "annual", "县林业局", "2025"),
    # a spreadsheet's names for the half, and the months written with ～ or 到 (no unit, no period read)
    ("县审计局2025H1工作总结", "half-year", "县审计局", "2025H1"),
    ("县审计局2025年1～6月工作情况", "half-year", "县审计局", "2025H1"),
    ("县审计局2025年1到6月工作总结", "half-year", "县审计局", "2025H1"),
])
def test_title_wordings_a_writer_uses(title, kind, org, period):
    reading = read_notes(f"{title}\n完成审计项目12个\n查出问题金额1.2亿元\n移送问题线索3件\n审计人员不足\n下半年开展专项审计\n")
    assert (reading.kind, reading.org, reading.period) == (kind, org, period)


@pytest.mark.parametrize("org", ["县广播电视台", "县慈善总会", "县作家协会", "县人民法院青山人民法庭",
                                 # 工作 before a unit's kind is its name's (a 金融工作服务中心: no unit read)
                                 "县金融工作服务中心", "县委政法工作委员会"])
def test_units_named_with_a_station_a_society_or_a_court(org):
    reading = read_notes(f"{org}2025年上半年工作总结\n完成项目12个\n查出问题3个\n人员不足\n下半年开展专项检查\n")
    assert reading.org == org


def test_a_shortfall_not_yet_solved_is_a_problem():
    # a 金融工作服务中心's plain lines: the line read as a result
    assert roles("2025年工作总结\n处置不良贷款3.1亿元\n部分小微企业缺少抵押物，融资难融资贵问题还没有根本解决\n")[1][0] == "problems"


def test_a_problems_cause_goes_with_it_and_its_label_stays_its_sentence():
    # a 检验检测中心's problems, each with a 原因： line: 原因 had been a group over a note of its own,
    # 2.专业技术人员不足。 a group title, and 检测设备老旧。 a label lost from the draft
    text = ("县食品检验检测中心2025年上半年工作小结\n存在问题\n1.检测设备老旧。现有大型设备有5台使用超过10年。\n"
            "原因：购置资金主要靠财政。\n2.专业技术人员不足。\n原因：编制少。\n下半年打算\n1.申请设备更新专项资金150万元")
    assert roles(text) == [
        ("problems", "检测设备老旧。现有大型设备有5台使用超过10年，原因是购置资金主要靠财政。"),
        ("problems", "专业技术人员不足，原因是编制少。"), ("plans", "申请设备更新专项资金150万元")]
    from drafter.drafting.compose import remedy
    assert remedy("专业技术人员不足，原因是编制少。") == "着力解决专业技术人员不足问题。"  # the cause is no problem


def test_a_terms_reflection_and_outlook_are_problems_and_plans():
    # a 职业中专's 学期总结: 反思 and 展望 had been topics (a problem and a plan read as results), and
    # 县职业中专 no unit
    text = ("县职业中专2025年春季学期工作总结\n一、教学工作\n1、开设专业11个\n三、反思\n1、双师型教师占比只有46%\n"
            "2、实训工位不足\n四、展望\n1、选派15名教师下企业实践")
    reading = read_notes(text)
    assert reading.org == "县职业中专"
    assert [n.role for n in reading.notes.notes] == ["progress", "problems", "problems", "plans"]


def test_the_writers_own_i_is_read_past():
    # a 就业股's notes in a 科长's words: 本人 had led 扎实做好本人牵头组织工作 and 持续推进步本人工作
    assert roles("县人社局就业股2025年上半年工作总结\n本人牵头组织春风行动招聘会8场\n下步本人将抓好高校毕业生就业服务") == [
        ("progress", "牵头组织春风行动招聘会8场"), ("plans", "抓好高校毕业生就业服务")]


def test_a_group_title_saying_where_it_was_done_names_its_role():
    # a 村's notes: 上半年村里主要干了这些事： was a topic
    from drafter.drafting.reader import role_of_title as role

    assert role("上半年村里主要干了这些事") == "progress" and role("下半年局里打算") == "plans"


def test_page_numbers_and_markings_copied_from_a_document_are_set_aside():
    # an 审计局's summary copied from its PDF: 内部资料  注意保存 above the title hid it (no unit, no
    # period), and - 1 -, 第2页 共3页 and —2— were notes (the last made the plan above it a group title)
    reading = read_notes("内部资料  注意保存\n县审计局2025年上半年工作总结\n一、上半年工作进展\n"
                         "1. 完成县本级预算执行审计，查出问题金额1.86亿元。\n- 1 -\n2. 开展专项审计，促进整改资金2300万元。\n"
                         "第2页 共3页\n二、存在问题\n1. 审计人员不足。\n三、下半年工作计划\n1. 开展政府投资项目审计。\n—2—\n")
    assert (reading.org, reading.period) == ("县审计局", "2025H1")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "problems", "plans"]
    assert sum("页码" in item.reason for item in reading.ignored) == 4


def test_characters_that_show_as_nothing_are_dropped():
    # copied from a web page: a zero-width space inside a figure and after a line's 。 (the next line,
    # 存在问题：…, had joined it)
    reading = read_notes("县审计局2025年上半年工作总结\n1.\u200b完成预算执行\u200b审计，查出问题金额1.86\u200b亿元。\n"
                         "2.\u00a0开展专项审计，促进整改资金2300万元。\u200b\n存在问题：审计人员\u2060不足。\n")
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "完成预算执行审计，查出问题金额1.86亿元。"), ("progress", "开展专项审计，促进整改资金2300万元。"),
        ("problems", "审计人员不足。")]


def test_a_labelled_paragraph_loses_its_framing_and_keeps_an_amount_with_its_work():
    # a 镇's （一）产业发展。 paragraph: the framing clause (我镇坚持把…作为头等大事来抓) opened the first
    # note, 同时， the third, and 完成投资3800万元 (the firms' investment) stood as a note of its own
    reading = read_notes("东坪镇2025年上半年工作总结\n一、上半年工作完成情况\n（一）产业发展。今年以来，我镇坚持把产业发展作为头等大事"
                         "来抓，新发展猕猴桃种植600亩，新建冷链仓储库1座，带动农户230户增收。同时，引进农产品加工企业2家，完成投资3800万元。\n"
                         "二、存在的问题\n一是产业规模小；二是年轻干部储备不足。\n")
    assert [n.text for n in reading.notes.notes if n.role == "progress"] == [
        "新发展猕猴桃种植600亩", "新建冷链仓储库1座，带动农户230户增收", "引进农产品加工企业2家，完成投资3800万元"]
    assert any("头等大事" in item.text for item in reading.ignored)


def test_a_plans_plain_lines_of_scheduling_and_responsibility_are_its_safeguards():
    # a 商务局's 2026 plan in plain lines: the last two (how the work is driven) were tasks
    notes = read_notes("县商务局2026年工作计划\n培育外贸实绩企业8家。\n开展成品油市场专项整治。\n"
                       "加强对重点项目的跟踪调度，每月通报进展。\n落实“一把手”负责制，把目标任务分解到股室、到人。\n").notes.notes
    assert [n.role for n in notes] == ["plans", "plans", "safeguards", "safeguards"]


def test_word_comments_copied_with_the_text_are_set_aside():
    # a 教育局's summary copied from Word with its comments: anchors ([A1]), bracketed comments and the
    # comments' own lines at the end had reached the notes (the last two as plans under groups A1, 张1)
    reading = read_notes("县教育局2025年上半年工作总结\n一、工作进展\n1. 新建幼儿园3所，新增学位540个[A1]。\n"
                         "2. 完成教师招聘186名（王科批注：数据以人社局公告为准）。\n3. 整改隐患126处【批注：补充整改率】。\n"
                         "二、存在问题\n城区学位供给紧张。\n三、下半年计划\n推进县城第三小学建设。\n[A1]李明：请核对学位数\n")
    assert [n.text for n in reading.notes.notes] == ["新建幼儿园3所，新增学位540个。", "完成教师招聘186名。", "整改隐患126处。",
                                                     "城区学位供给紧张。", "推进县城第三小学建设。"]
    assert sum(item.reason == "文档批注，不写进草稿" for item in reading.ignored) == 3


def test_a_table_of_contents_copied_with_the_document_is_set_aside():
    # a 发改局's summary copied whole: 目  录 and each entry with its dot leaders and page were notes
    reading = read_notes("县发改局2025年上半年工作总结\n目  录\n一、上半年工作进展……………………………1\n二、存在问题………3\n"
                         "一、上半年工作进展\n1. 重点项目完成投资38.6亿元。\n二、存在问题\n民间投资增长乏力。\n")
    assert [n.text for n in reading.notes.notes] == ["重点项目完成投资38.6亿元。", "民间投资增长乏力。"]
    assert sum(item.reason == "目录，不是要点" for item in reading.ignored) == 3


def test_a_dash_inside_a_quoted_name_stays_and_a_posts_topic_tag_is_quoted():
    # a 博物馆's notes: “山河记忆——馆藏书画精品展” lost its dash (read as a task's dash), and
    # #我们的节日# stayed as typed in a post
    notes = read_notes("县博物馆2025年上半年工作总结\n1. 举办“山河记忆——馆藏书画精品展”等临时展览4个。\n"
                       "2. #我们的节日# 端午主题社教活动开展12场。\n3. 农村学校“薄改”项目——完成改造校舍12所。\n").notes.notes
    assert [n.text for n in notes] == ["举办“山河记忆——馆藏书画精品展”等临时展览4个。", "“我们的节日”端午主题社教活动开展12场。",
                                       "农村学校“薄改”项目完成改造校舍12所。"]


def test_lines_the_writer_left_out_or_closed_with_are_no_notes():
    # 其他工作（略） and 未完待续 were read as results and plans; 加强队伍建设（略） names its work
    reading = read_notes("县审计局2025年上半年工作总结\n1. 完成审计项目12个。\n2. 其他工作（略）\n3. 加强队伍建设（略）\n"
                         "存在问题：人员不足。\n下半年：开展专项审计。\n未完待续\n")
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "完成审计项目12个。"), ("progress", "加强队伍建设"), ("problems", "人员不足。"), ("plans", "开展专项审计。")]


@pytest.mark.parametrize(("title", "role"), [
    ("存在问题及原因分析", "problems"), ("需要协调解决的问题", "problems"), ("请求支持事项", "problems"),
    ("取得的主要成效", "progress"), ("主要成效及经验做法", "progress"), ("工作开展情况及成效", "progress"),
    ("2026年工作思路和举措", "plans"), ("要素保障", ""),
])
def test_group_titles_of_a_summarys_parts_as_writers_word_them(title, role):
    # each had been a topic: its notes' roles left to their own words
    assert role_of_title(title) == role


def test_a_section_of_a_bureau_is_the_unit_and_equipment_left_broken_is_a_problem():
    # an unseen 体育股 file: the unit was read as its bureau, and 部分村级健身器材损坏后无人维修 as a result
    reading = read_notes("县教育体育局体育股2025年上半年工作总结\n新建乡镇全民健身广场4个\n更换损坏观测设备3台\n"
                         "部分村级健身器材损坏后无人维修\n下半年承办市级青少年篮球联赛\n")
    assert reading.org == "县教育体育局体育股"
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "problems", "plans"]


def test_a_units_name_on_its_own_line_by_the_title_is_the_unit_not_a_result():
    # a 城投公司's title over two lines, and a special report signed on the line under its title:
    # each unit line had been read as a result, and the unit as none
    above = read_notes("县城市建设投资有限公司\n2025年度工作总结及2026年工作计划\n一、经营指标完成情况\n"
                       "全年实现营业收入4.36亿元\n新建公共停车场3处\n")
    assert (above.org, above.period) == ("县城市建设投资有限公司", "2025")
    assert [n.text for n in above.notes.notes] == ["全年实现营业收入4.36亿元", "新建公共停车场3处"]
    below = read_notes("县优化营商环境工作专项报告（2025年1-6月）\n县营商环境服务中心\n"
                       "企业开办时间压缩至0.5个工作日\n设立“办不成事”反映窗口\n")
    assert below.org == "县营商环境服务中心"
    assert below.notes.notes[0].text == "企业开办时间压缩至0.5个工作日"


def test_a_problem_and_its_answer_on_one_line_are_a_problem_and_a_plan():
    # a 卫生院's 存在问题及下步打算, each item a problem then what is to be done: the second was one
    # plan, and the first's label read 人才短缺方面，…
    reading = read_notes("石桥镇卫生院2025年上半年工作总结\n一、基本医疗\n门急诊人次28650\n三、存在问题及下步打算\n"
                         "1.人才短缺。全院在编医生14人，影像岗位只有1人。下半年争取招聘医学毕业生2名。\n"
                         "2.住院楼建于1998年，病房设施老化。已向县卫健局申报改造项目，力争年内开工。\n")
    assert [(n.text, n.role) for n in reading.notes.notes[1:]] == [
        ("人才短缺，全院在编医生14人，影像岗位只有1人", "problems"), ("争取招聘医学毕业生2名", "plans"),
        ("住院楼建于1998年，病房设施老化", "problems"), ("已向县卫健局申报改造项目，力争年内开工", "plans")]


def test_the_units_own_line_wins_over_a_title_naming_none():
    # 关于…巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作情况的报告 names no unit: its 同乡 was read as one
    reading = read_notes("关于2025年上半年巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作情况的报告\n县乡村振兴服务中心\n"
                         "衔接资金到位2.46亿元\n实施产业项目58个\n")
    assert reading.org == "县乡村振兴服务中心"


def test_a_numbered_last_problem_over_the_next_group_title_is_a_note():
    # a 数据局's 问题 / 1．… / 2．网络安全专业人才缺乏 / 下步: the last problem had been read as a heading
    reading = read_notes("县数据局上半年工作（2025）\n1．建成县级政务云\n问题\n1．部分部门数据质量不高\n"
                         "2．网络安全专业人才缺乏\n下步\n1．开展数据质量提升专项行动\n")
    assert [(n.text, n.role) for n in reading.notes.notes][1:] == [
        ("部分部门数据质量不高", "problems"), ("网络安全专业人才缺乏", "problems"), ("开展数据质量提升专项行动", "plans")]


def test_a_special_reports_date_under_its_title_gives_its_year_and_its_suggestions_are_its_plans():
    # an 教育局's 双减 report: （2025年6月） under the title, 一是…隐蔽性强，发现难, 四、意见建议
    reading = read_notes("县教育局关于“双减”工作落实情况的专项报告\n（2025年6月）\n二、工作开展情况\n"
                         "课后服务全覆盖，参与学生4.7万人\n三、存在问题\n一是部分农村学校课后服务师资不足；二是隐形变异培训隐蔽性强，发现难\n"
                         "四、意见建议\n建议县财政安排课后服务专项经费\n")
    assert reading.period == "2025"
    assert [(n.text, n.role, n.topic) for n in reading.notes.notes][2:] == [
        ("隐形变异培训隐蔽性强，发现难", "problems", ""), ("建议县财政安排课后服务专项经费", "plans", "")]


def test_a_chats_placeholders_are_no_notes_and_what_must_be_done_is_a_plan():
    # a 镇's chat paste: [图片] and [表情] had been group titles over the notes, 下半年要： a topic, and
    # its plans kept their 要
    reading = read_notes("红石镇上半年工作情况（2025）\n[图片]\n1、人居环境：新建村级垃圾中转站3个 [图片]\n"
                         "2、安全生产：排查企业89家\n[表情]\n存在问题：\n村级集体经济收入来源单一\n"
                         "下半年要：\n要抓紧推进2个签约项目落地开工\n要求各村完成垃圾分类试点\n")
    assert [(n.text, n.role) for n in reading.notes.notes] == [
        ("新建村级垃圾中转站3个", "progress"), ("排查企业89家", "progress"), ("村级集体经济收入来源单一", "problems"),
        ("抓紧推进2个签约项目落地开工", "plans"), ("要求各村完成垃圾分类试点", "plans")]
    assert not any("图片" in item.text or "表情" in item.text for item in reading.ignored)


def test_a_schools_spring_term_is_the_first_half_and_its_plain_work_names_head_their_lines():
    # a 小学's 2025年春季学期工作总结 typed with no marks: read as a special report on “春季学期”, its
    # 德育工作 / 教学工作 heads as notes and 下学期工作打算 as a problem (measures were made of its plans)
    reading = read_notes("城关第二小学2025年春季学期工作总结\n德育工作\n开展“红领巾心向党”主题队日活动8次\n"
                         "评选“美德少年”40名\n教学工作\n组织校级公开课32节\n不足\n学校运动场地面积小\n"
                         "下学期工作打算\n开展“书香校园”读书月活动\n")
    assert (reading.kind, reading.period) == ("half-year", "2025H1")
    assert [(n.topic, n.role) for n in reading.notes.notes] == [
        ("德育工作", "progress"), ("德育工作", "progress"), ("教学工作", "progress"), ("", "problems"), ("", "plans")]
    # a short note that says what was done stays a note (完成规划编制 has its verb)
    plain = read_notes("县林业局2025年上半年工作总结\n完成规划编制\n新造林1.2万亩，完成年度任务的60%\n")
    assert [n.text for n in plain.notes.notes] == ["完成规划编制", "新造林1.2万亩，完成年度任务的60%"]


def test_a_letter_sending_the_summary_to_an_office_keeps_every_note():
    # a 水务局's 函: 县委办公室： had been a group, and 特此函告。 the last plan's only line under it
    reading = read_notes("县水务局关于报送2025年上半年工作总结的函\n县委办公室：\n"
                         "根据通知要求，现将我局有关情况报送如下：\n一、上半年工作\n1.完成小型水库除险加固5座\n"
                         "2.新建改造供水管网186公里\n3.清理河湖问题点位47处\n"
                         "二、下半年计划\n1.加快推进城乡供水一体化项目\n2.做好汛期防汛抗旱各项准备\n特此函告。\n\n县水务局\n2025年7月2日\n")
    assert [(n.text, n.role, n.topic) for n in reading.notes.notes] == [
        ("完成小型水库除险加固5座", "progress", ""), ("新建改造供水管网186公里", "progress", ""),
        ("清理河湖问题点位47处", "progress", ""), ("加快推进城乡供水一体化项目", "plans", ""),
        ("做好汛期防汛抗旱各项准备", "plans", "")]
    # 经发办： over its own lines is who sent them, no salutation
    offices = read_notes("青山镇2025年上半年工作总结\n经发办：\n1）新签约招商项目3个\n")
    assert offices.notes.notes[0].topic == "经发办"


def test_a_years_work_heading_is_that_years_results_or_the_next_years_plans():
    # a 统计局's 2025年工作总结暨2026年工作打算: 一、2025年工作 had been a note
    reading = read_notes("县统计局2025年工作总结暨2026年工作打算\n一、2025年工作\n（一）统计服务\n编印《统计月报》12期\n"
                         "撰写统计分析报告26篇\n完成第五次全国经济普查数据发布\n存在问题\n基层统计力量薄弱\n"
                         "二、2026年工作\n推进统计数据共享平台建设\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "progress", "problems", "plans"]


def test_a_lettered_heading_over_indented_lettered_lines_heads_them():
    # a 法院's 汇报提纲: A. 审判执行 over indented a) b) lines had been one note, 审判执行；受理…；执行…
    reading = read_notes("县人民法院2025年上半年工作汇报提纲\nA. 审判执行\n  a) 受理各类案件6812件\n  b) 执行到位金额3.26亿元\n"
                         "B. 诉源治理\n  a) 设立“法官工作站”18个\n")
    assert [(n.topic, n.text) for n in reading.notes.notes] == [
        ("审判执行", "受理各类案件6812件"), ("审判执行", "执行到位金额3.26亿元"), ("诉源治理", "设立“法官工作站”18个")]


def test_a_counted_line_between_plans_after_the_problems_is_a_plan():
    # a 园林绿化服务中心's plain lines: 新建“口袋公园”6个 between two plans had been read as done
    reading = read_notes("县园林绿化服务中心2025年上半年工作总结\n建成“口袋公园”8个\n新增城市绿地面积12.6公顷\n"
                         "养护作业车辆老化\n下半年完成城北湿地公园一期建设\n新建“口袋公园”6个\n开展古树名木普查建档\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "problems", "plans", "plans", "plans"]


def test_a_month_in_brackets_opening_a_line_is_when_not_a_section():
    # a 卫生监督所's 【1月】…（已完成） lines had made a section of each month
    reading = read_notes("县卫生监督所2025年上半年工作总结\n【1月】开展餐饮具集中消毒单位专项检查，检查12家（已完成）\n"
                         "【4-5月】开展医疗机构依法执业专项整治，检查医疗机构236家（已完成）\n")
    assert [(n.topic, n.text) for n in reading.notes.notes] == [
        ("", "1月，开展餐饮具集中消毒单位专项检查，检查12家"), ("", "4-5月，开展医疗机构依法执业专项整治，检查医疗机构236家")]


def test_a_work_that_cannot_last_is_a_problem():
    # an unseen 老龄办 file (1.5B): 农村老年幸福食堂运营资金主要靠村集体，可持续性差 was drafted among the results
    reading = read_notes("县老龄办2025年上半年工作总结\n新建村级老年幸福食堂14个\n组织老年人防诈骗宣传讲座36场\n"
                         "农村老年幸福食堂运营资金主要靠村集体，可持续性差\n下半年再建成老年幸福食堂10个\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "progress", "problems", "plans"]


def test_a_years_target_then_how_far_the_work_got_is_a_result():
    # a 交通运输局's 农村公路提质改造：计划120公里，已完工68公里，剩余52公里力争9月底前完工 — read as a plan
    reading = read_notes("交通运输局上半年工作小结\n农村公路提质改造：计划120公里，已完工68公里，剩余52公里力争9月底前完工。\n"
                         "下半年：推进客运站搬迁\n")
    assert [(n.role, n.text[:6]) for n in reading.notes.notes] == [("progress", "计划120公"), ("plans", "推进客运站搬")]
    # a plan that names its target alone stays a plan
    assert read_notes("下半年计划改造农村公路52公里\n").notes.notes[0].role == "plans"


def test_a_result_then_a_shortfall_after_but_is_a_result_and_a_problem():
    # a 市场监管所's 食品安全：检查餐饮单位186家次，责令整改43家，但小餐饮证照不全问题仍较突出 — the
    # problem had stayed among the results; 接下来： over its plans had been their topic
    reading = read_notes("XX镇市场监管所2025年1-6月工作总结\n"
                         "食品安全：检查餐饮单位186家次，责令整改43家，但小餐饮证照不全问题仍较突出。\n"
                         "科技投入：全县R&D经费投入强度1.8%，但仍低于全市平均水平。\n"
                         "接下来：开展秋季学校食堂专项检查；推进“明厨亮灶”覆盖小餐饮\n")
    assert [(n.role, n.topic, n.text) for n in reading.notes.notes] == [
        ("progress", "食品安全", "检查餐饮单位186家次，责令整改43家。"),
        ("problems", "食品安全", "小餐饮证照不全问题仍较突出。"),
        # how a result compares has no subject of its own: it stays with the result
        ("progress", "科技投入", "全县R&D经费投入强度1.8%，但仍低于全市平均水平。"),
        ("plans", "", "开展秋季学校食堂专项检查"), ("plans", "", "推进“明厨亮灶”覆盖小餐饮")]


def test_a_tax_bureaus_name_and_its_plans_own_leads():
    # 国家税务总局XX县税务局: read as 国家税务总局; 一是紧盯年度目标，… read as 紧盯年度目标方面，…
    reading = read_notes("国家税务总局XX县税务局2025年上半年工作总结（素材）\n（1）组织收入：累计组织税费收入9.86亿元，"
                         "同比增长4.2%。\n（2）税收征管：开展税收风险应对1260户次，查处虚开发票案件3起。\n\n"
                         "下一步：一是紧盯年度目标，加强收入分析预测；二是持续优化纳税服务，推广“智慧办税”。\n")
    assert reading.org == "国家税务总局XX县税务局"
    assert [n.text for n in reading.notes.notes if n.role == "plans"] == [
        "紧盯年度目标，加强收入分析预测", "持续优化纳税服务，推广“智慧办税”。"]


def test_a_project_ledgers_fields_are_said_as_a_sentence():
    # a 开发区's 1. 年产5万吨…项目：总投资12亿元，…，形象进度：1号厂房主体封顶 — the colons had reached the draft
    reading = read_notes("XX经济开发区2025年上半年重点项目推进情况\n1. 年产5万吨锂电池正极材料项目：总投资12亿元，"
                         "上半年完成投资3.2亿元，形象进度：1号厂房主体封顶。\n2. 园区污水处理厂提标改造：总投资6800万元，已完工。\n")
    assert [n.text for n in reading.notes.notes] == [
        "年产5万吨锂电池正极材料项目总投资12亿元，上半年完成投资3.2亿元，1号厂房主体封顶。",
        "园区污水处理厂提标改造总投资6800万元，已完工。"]


def test_a_party_committees_research_office_is_the_unit():
    # 县委党史研究室 上半年 had been read as 县委
    assert read_notes("县委党史研究室 上半年\n——主要工作\n开展“党史进校园”宣讲32场\n").org == "县委党史研究室"


def test_an_armed_forces_departments_unit_and_its_weak_points():
    # 县人武部: no unit read; 二、短板弱项 a topic, so its second problem (no cue of its own) was read as a plan
    reading = read_notes("# 县人武部2025年上半年工作总结\n## 一、主要工作\n- 征兵工作：输送新兵46名\n## 二、短板弱项\n"
                         "- 民兵训练场地不足\n- 专武干部兼职多，精力分散\n## 三、下步工作\n- 8月组织基干民兵集中轮训\n")
    assert reading.org == "县人武部"
    assert [n.role for n in reading.notes.notes] == ["progress", "problems", "problems", "plans"]


def test_a_misunderstanding_is_a_problem():
    # a 公证处's 部分群众对公证收费标准有误解，投诉3起 was placed among the results (1.5B draft)
    reading = read_notes("县公证处2025年上半年工作总结\n办理各类公证事项1862件\n部分群众对公证收费标准有误解，投诉3起\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "problems"]


def test_what_still_exists_at_the_end_of_a_line_is_a_problem():
    # a 殡葬管理所's 群众厚葬薄养观念依然存在 was read as a plan, and the 1.5B led it 深入实施厚葬薄养观念提升
    reading = read_notes("县殡葬管理所2025年上半年工作总结\n全县火化遗体1126具\n群众厚葬薄养观念依然存在\n"
                         "下半年完成2处乡镇公墓建设\n")
    assert [n.role for n in reading.notes.notes] == ["progress", "problems", "plans"]


def test_a_units_second_name_in_brackets_and_a_staff_of_one_person():
    # an unseen 外事办's 1-6月 notes: its unit read as 侨办, and 只有1人，兼职 as a result
    text = "县外事办（侨办）2025年1-6月工作小结\n接待港澳台及海外来访团组4批32人次\n因公出国管理系统操作人员只有1人，兼职\n"
    assert read_notes(text).org == "县外事办（侨办）"
    assert [role for role, _ in roles(text)] == ["progress", "problems"]
    assert read_notes("2025年上半年工作总结（县残联）\n- 完成残疾人两项补贴发放\n").org == "县残联"


def test_a_tags_inline_list_with_dots_and_a_measure_with_a_four_character_unit():
    # a 社保中心's 不足：1.…。2.… and 下半年：1.…。2.…。3.… (the 2. stayed in the note, the plans one note)
    assert roles("县社会保险事业管理中心2025年上半年工作总结\n（1）待遇发放：按时足额发放各类养老金4.6亿元，发放率100%。\n"
                 "不足：1.部分灵活就业人员参保意愿不强，断缴现象较多。2.基层经办人员业务水平参差不齐。\n"
                 "下半年：1.开展全民参保扩面专项行动。2.完成待遇领取资格认证。3.组织经办人员业务轮训。\n")[1:] == [
        ("problems", "部分灵活就业人员参保意愿不强，断缴现象较多。"), ("problems", "基层经办人员业务水平参差不齐。"),
        ("plans", "开展全民参保扩面专项行动。"), ("plans", "完成待遇领取资格认证。"), ("plans", "组织经办人员业务轮训。")]
    # a 水务集团's 供水量：2860万立方米，… (read as 供水量方面，2860万立方米)
    assert roles("XX水务集团2025年工作总结\n经营指标\n供水量：2860万立方米，产销差率下降到14.2%\n") == [
        ("progress", "供水量2860万立方米，产销差率下降到14.2%")]


def test_a_units_name_is_no_kinds_word_and_the_summer_is_after_the_first_half():
    # an unseen 青少年活动中心's plain lines: 活动 of its name had made the half year a special report,
    # and its summer's class with a number of pupils to take in a result
    text = "县青少年活动中心2025年上半年工作总结\n春季开设公益培训班32个，学员1280人\n暑期开设公益托管班，计划招收学生300名\n"
    assert read_notes(text).kind == "half-year"
    assert [role for role, _ in roles(text)] == ["progress", "plans"]
    assert read_notes("县文明办2025年“我们的节日”主题活动总结\n- 开展活动12场\n").kind == "special"


def test_a_bus_companys_losses_and_a_count_between_two_plans():
    # an unseen 公交公司's plain lines (drafted with the 1.5B): two problems and a plan read as results
    assert [role for role, _ in roles(
        "县公共交通有限公司2025年上半年工作总结\n更新新能源公交车20辆\n部分农村线路客流少，单车日均收入不到200元，亏损严重\n"
        "车辆维修成本高，驾驶员队伍老龄化\n下半年计划开通2条定制公交线路\n完成公交站台改造50个\n争取燃油补贴资金及时拨付\n")] == \
        ["progress", "problems", "problems", "plans", "plans", "plans"]
    # a count said done (累计) between two plans stays a result
    assert [role for role, _ in roles("县公交公司2025年上半年工作总结\n更新新能源公交车20辆\n运送乘客386万人次\n"
                                      "下半年计划开通2条定制公交线路\n累计改造公交站台50个\n争取燃油补贴资金及时拨付\n")][3] == "progress"


def test_a_forest_farm_is_a_unit_and_a_gap_in_its_staff_a_problem():
    # an unseen 国有林场's dash list (drafted with the 1.5B): no unit, and 断档…没有新进大学生 a result
    text = "XX国有林场2025年工作总结\n— 完成人工造林1200亩\n— 专业技术人员断档，近五年没有新进大学生\n"
    assert read_notes(text).org == "XX国有林场"
    assert [role for role, _ in roles(text)] == ["progress", "problems"]


def test_next_years_plans_after_a_year_and_a_comma_and_a_list_intro_alone():
    # a 水产站's annual summary: the list's intro on a line of its own, and 2026年，一要…；二要… — read
    # as a result and four results that kept 2026年， and 二要
    reading = read_notes("县水产技术推广站2025年工作总结\n今年以来，我站围绕渔业增效、渔民增收，重点抓了以下工作。\n"
                         "一、苗种生产。繁育大规格苗种1.6亿尾。\n二、技术培训。举办渔民技术培训班9期。\n"
                         "三、质量安全。配合开展水产品抽检86批次，合格率100%。\n"
                         "2026年，一要扩大稻渔综合种养规模，新增面积3000亩；二要推进池塘标准化改造，改造池塘1500亩。\n")
    assert [(n.role, n.text) for n in reading.notes.notes] == [
        ("progress", "繁育大规格苗种1.6亿尾。"), ("progress", "举办渔民技术培训班9期。"),
        ("progress", "配合开展水产品抽检86批次，合格率100%。"), ("plans", "扩大稻渔综合种养规模，新增面积3000亩"),
        ("plans", "推进池塘标准化改造，改造池塘1500亩。")]
    assert any("总括语" in line.reason for line in reading.ignored)
    # a target ending on 以下 introduces nothing (a 卫健局's 孕产妇死亡率控制在10/10万以下, lost)
    assert roles("孕产妇死亡率控制在10/10万以下")
    # the title's own year before a comma is when the work was done: a result, as it was
    assert roles("2025年，全县新增规上企业12家")[0][0] == "progress"

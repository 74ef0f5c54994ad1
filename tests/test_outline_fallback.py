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
    # a stock half of the work's kind when the name or most notes say it (one 养老服务站 of two notes
    # does not), else a neutral one; never one repeating the first half's word (聚焦经济发展，担当作为促发展)
    assert headings == ["聚焦经济发展，提质增效见实效。", "抓实乡村振兴，狠抓落实求突破。", "统筹社会事业，推动工作提质效。"]
    for heading, (name, notes) in zip(headings, BAISHA.items(), strict=True):
        assert valid_heading(heading)
        assert not check_meaning(heading, notes, role="heading", heading=name)
        first, second = heading.rstrip("。").split("，")
        assert 4 <= len(first) <= 7 and 4 <= len(second) <= 7


def test_a_keyword_name_gives_way_to_the_notes_key_phrase():
    notes = ["完成国省道大中修42公里", "农村公路新改建67公里", "处置公路病害点位1380处，修复护栏6.4公里"]
    assert fallback_heading("病害", 3, notes) == "突出公路病害，真抓实干开新局。"


def test_a_name_cut_short_never_ends_on_a_joining_word():
    # seen on the 1.5B draft of a 镇's notes: （三）统筹社会治理和，推动工作提质效。
    heading = fallback_heading("社会治理和民生", 2, ["调处矛盾纠纷87起", "新建日间照料中心1个"])
    assert heading.split("，")[0] == "统筹社会治理"


def test_generic_pairs_only_when_nothing_names_the_work():
    assert fallback_heading("企业", 0, ["新登记各类市场主体2876户", "企业开办压缩至1个工作日"]).startswith("聚焦登记市场主体，")
    # cut after its verb, a name loses its object: one character more takes it whole (人社局, seen: 聚焦城镇新增)
    jobs = ["城镇新增就业1860人，完成年度任务的62%", "城镇登记失业率控制在3.1%"]
    assert fallback_heading("城镇", 0, jobs).startswith("聚焦城镇新增就业，")
    assert fallback_heading("其他重点工作", 1, ["办结率99.5%"]) == "统筹推进各项工作，优化服务增便利。"
    assert fallback_heading("其他重点工作", 1, ["办结率99.5%"], used={"优化服务增便利"}) == "统筹推进各项工作，狠抓落实求突破。"
    assert fallback_heading("加强执法监督", 0, ["查办案件58件"]) == "加强执法监督，守牢底线保安全。"


def test_one_note_of_another_kind_does_not_choose_the_stock_half():
    culture = ["举办群众文化活动312场次", "新建城市书房6个", "完成全县不可移动文物安全检查，督促整改安全隐患21处",
               "非遗展演28场"]
    assert not fallback_heading("文化活动", 1, culture).endswith("守牢底线保安全。")  # seen on the 文旅局 notes


def test_a_stock_half_fits_the_kind_of_work():
    # seen: 聚焦政务服务，守牢底线保安全 for a section of service figures
    assert fallback_heading("热线", 0, ["12345热线受理群众诉求4.1万件，按时办结率96.5%"]).endswith("优化服务增便利。")
    assert fallback_heading("防汛", 2, ["排查地质灾害隐患点46处", "组织防汛应急演练8场"]).endswith("守牢底线保安全。")
    assert fallback_heading("招商", 1, ["招引亿元以上项目3个，协议总投资9.2亿元"]).endswith("担当作为促发展。")


def test_a_short_group_name_is_the_works_name_even_where_jieba_reads_a_verb():
    # seen: 劳动关系，守牢底线保安全 (劳动 read as a verb)
    assert fallback_heading("劳动关系", 3, ["受理劳动保障监察案件96件，为农民工追回工资1235万元"]) == \
        "突出劳动关系，守牢底线保安全。"
    assert fallback_heading("加强执法监督", 0, ["查办案件58件"]) == "加强执法监督，守牢底线保安全。"


def test_a_heading_verb_read_as_part_of_a_noun_opens_no_heading():
    """重点项目 (a writer's group, seen headed 重点项目，提质增效见实效): 重点 opens leads as an
    adverb, but here it is part of the name."""
    from drafter.drafting.outline import fallback_heading, name_opens_with_verb, opens_with_verb

    assert not name_opens_with_verb("重点项目") and name_opens_with_verb("优化服务")
    assert not opens_with_verb("重点项目，提质增效见实效。", "重点项目")
    assert fallback_heading("重点项目", 0, ["农村公路新改建46公里"]).startswith("聚焦重点项目，")


def test_a_heading_may_end_on_what_its_notes_say_the_work_achieved():
    from drafter.drafting.outline import second_half_fits

    texts = ["全县新建村（社区）法律顾问微信群212个，实现村居全覆盖"]
    assert second_half_fits("建设法律顾问微信群，实现村居全覆盖。", texts)  # 1.5B: refused as copied until now
    assert not second_half_fits("调解矛盾纠纷，调解成功率。", ["调解成功率98.2%"])


def test_a_section_is_named_only_by_a_word_half_its_notes_share():
    """One note's keyword had named a run of four (卡持卡 of 社保卡持卡人数) and reached the heading
    and the leads as if the writer had said it."""
    from drafter.drafting.grouping import OTHER_GROUP, keyword_name
    from drafter.drafting.notes import Note

    def notes(*texts: str) -> list[Note]:
        return [Note(f"n{i}", text, "progress") for i, text in enumerate(texts, 1)]

    assert keyword_name(notes("社保卡持卡人数达到41万人", "完成事业单位公开招聘，招录工作人员85名")) == OTHER_GROUP
    assert keyword_name(notes("企业职工养老保险参保人数达到5.6万人", "城乡居民养老保险待遇按时足额发放")) == "养老保险"
    assert keyword_name(notes("为群众提供档案查阅利用286人次", "开展机关档案业务指导32家次", "新建档案室2个")) == "档案"
    # who leads a plan's work and by when is no word of it: 时限 of three 应急管理局 plans had named their
    # section and every lead built in it (持续推进时限工作)
    owned = notes("深入开展安全生产治本攻坚三年行动（牵头：安全生产综合股，时限：全年）",
                  "完成自然灾害综合风险普查成果应用（牵头：防灾减灾股，时限：6月底前）",
                  "新建乡镇应急物资储备点4个（牵头：救灾和物资保障股，时限：汛前）")
    assert keyword_name(owned) != "时限"


def test_a_heading_never_focuses_on_a_measure():
    # 人社局 / 人民医院 (1.5B and built): 统筹社保卡持卡，… / 聚焦门诊量，… — a measure, not a work
    from drafter.drafting.outline import names_a_measure

    assert names_a_measure("社保卡持卡") and names_a_measure("门诊量") and names_a_measure("粮食播种面积")
    assert not names_a_measure("社会保险") and not names_a_measure("医疗服务")
    # …nor on one that grew (聚焦门诊量提升，…, 1.5B): the measure still; a work that improves stays
    assert names_a_measure("聚焦门诊量提升") and not names_a_measure("推动服务能力提升")


def test_a_built_heading_never_stops_on_a_word_of_manner():
    # 镇's 社会事务办 (built): 统筹城乡低保动态 of 城乡低保动态调整 — 动态 says how the 调整 is done
    from drafter.drafting.outline import fallback_heading, headless

    texts = ["城乡低保动态调整，新增12户、退出9户，发放低保金186万元", "完成适龄妇女“两癌”免费筛查860人"]
    assert headless("城乡低保动态调整", "城乡低保动态")
    assert fallback_heading("城乡低保动态调整", 2, texts).startswith("统筹城乡低保，")
    heading = fallback_heading("社保卡持卡", 2, ["社保卡持卡人数达到41万人，电子社保卡签发率68%", "完成事业单位公开招聘"])
    assert "持卡" not in heading.split("，")[0]


def test_a_heading_names_the_work_not_one_general_word_nor_whom_it_is_for():
    from drafter.drafting.outline import names_own_work, section_focus

    # 工商联 (1.5B): 开展服务，走访企业抓成效 over 服务月, a fair and new members — one general word
    notes = ["开展“民营企业服务月”活动，走访企业136家", "组织32家会员企业参加省民营企业产品博览会"]
    assert not names_own_work("开展服务", notes) and names_own_work("聚焦企业服务", notes)
    # the built heading had been 抓实经济人士 (民营经济人士理想信念教育 cut): people are no work
    training = ["举办民营经济人士理想信念教育培训班2期，培训120人次", "调解涉企商事纠纷19件，涉及金额2300万元"]
    assert not section_focus("", training).endswith("人士")
    assert section_focus("学会和人才", ["新成立县级学会2个"]) == "学会和人才"  # the writer's own name stands


def test_a_built_heading_keeps_a_names_head_and_drops_a_second_verb():
    # 防震减灾中心's monthly log (built headings): 聚焦地震宏观 (地震宏观|观测点 cut between two
    # nouns) and 抓实召开防震 (召开|防震|减灾 cut after the verb's object began)
    from drafter.drafting.outline import fallback_heading, heading_core, names_a_measure, section_focus

    assert heading_core("地震宏观观测点年度", 6) == "地震宏观观测点"
    meeting = ["2月，召开全县防震减灾工作会议，签订目标责任书15份", "3月，新建地震预警信息发布终端20套",
               "4月，完成农村民居抗震设防技术指导120户", "5月，发放宣传资料1.2万份，开展科普进校园活动8场"]
    assert section_focus("", meeting) == "防震减灾工作"
    assert fallback_heading("", 1, meeting).startswith("抓实防震减灾工作，")
    # a verb the key phrase fits with is the work itself: it stays (查处酒驾醉驾, not 酒驾醉驾)
    assert section_focus("", ["查处酒驾醉驾违法行为214起", "查处酒驾醉驾案件12起"]) == "查处酒驾醉驾"
    assert names_a_measure("委员会全体会议")  # one meeting is no section's work (聚焦委员会全体会议)


def test_a_special_reports_labels_stating_how_head_as_written_and_its_lead_reports_the_action():
    # 人社局's 根治欠薪 report (notes case 140): 聚焦领导重视, 抓实排查到位 — a label that says how the work
    # went is the writer's first half; 现将…专项行动报告如下 reported the action, not how it went
    from drafter.drafting.outline import fallback_heading, make_lead
    from drafter.structure.kinds import load_kind

    assert fallback_heading("领导重视", 0, ["成立领导小组，召开部署会2次"]).startswith("领导重视，")
    assert fallback_heading("排查到位", 1, ["发现问题隐患47个，已全部整改"]).startswith("排查到位，")
    assert fallback_heading("宣传", 2, ["张贴维权告示1200份"]) == "统筹宣传，推动工作提质效。"  # a work: a verb takes it
    special = load_kind("special")
    assert make_lead(special, "2025", "根治欠薪冬季专项行动") == "现将2025年根治欠薪冬季专项行动开展情况报告如下。"
    assert make_lead(special, "2025", "防汛工作") == "现将2025年防汛工作情况报告如下。"
    from drafter.drafting.outline import heading_readings

    assert heading_readings("排查到位，问题整改。", 1, "排查到位") == ["排查到位，问题整改。"]  # not 抓实排查到位


def test_a_projection_names_no_section():
    # a 供水公司's indicators, two projecting the year (预计全年…), were headed 预计供水量
    from drafter.drafting.grouping import keyword_name
    from drafter.drafting.notes import Note

    notes = [Note("n1", "1-11月累计供水量1860万立方米，预计全年供水2030万立方米。", "progress"),
             Note("n2", "营业收入5120万元，预计全年5600万元。", "progress")]
    assert "预计" not in keyword_name(notes)


def test_a_verb_and_a_verbal_noun_alone_name_a_thing_not_a_heading_verb():
    # the 1.5B headed a 人社局's 重点工作 招聘活动，狠抓落实求突破 (招聘|活动: a thing, as 执法|检查)
    from drafter.drafting.outline import opens_with_verb

    assert not opens_with_verb("招聘活动，狠抓落实求突破。", "重点工作")
    assert opens_with_verb("治理扬尘，守护蓝天白云。", "大气污染防治")


def test_no_two_headings_of_a_part_focus_on_one_work():
    # a 民宗局's second section was headed 抓实宗教活动场所 under 聚焦宗教活动场所: the stock pairs then
    notes = ["完成宗教教职人员年度培训，培训86人次。", "推进宗教活动场所“双示范”建设，3处场所通过市级验收。",
             "落实少数民族群众就业帮扶，帮助就业47人。"]
    heading = fallback_heading("宗教", 1, notes, {"聚焦宗教活动场所", "提质增效见实效"})
    assert "宗教" not in heading.split("，")[0] and "年度" not in heading
    assert "宗教" in fallback_heading("宗教", 1, notes)
    # a name cut before the work it ends on (教职人员年度|培训), or a level alone (市级), is no focus
    assert not fallback_heading("", 0, ["完成宗教教职人员年度培训，培训86人次。"]).startswith("聚焦教职人员年度")
    assert not fallback_heading("市级", 1, ["教师参加市级以上培训45人次。", "完成食堂改造，通过市级验收。"],
                                {"聚焦招生新生入园"}).startswith("抓实市级")


def test_a_built_heading_over_people_says_what_is_done_for_them():
    # 环卫所 and 景区管委会 (built): 统筹环卫工人, 聚焦游客 named no work
    from drafter.drafting.outline import fallback_heading

    visitors = ["上半年接待游客86.4万人次，同比增长14.2%", "五一假期单日最高接待游客2.1万人次"]
    assert fallback_heading("游客", 0, visitors).startswith("服务游客，")
    assert fallback_heading("环卫工人", 2, ["为680名环卫工人购买意外伤害保险", "开展“最美环卫工”评选，评出10人"]).startswith("关爱环卫工人，")
    assert fallback_heading("经济发展", 0, ["完成地区生产总值4.2亿元"]).startswith("聚焦经济发展，")

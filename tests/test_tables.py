"""Tables in notes: a 台账 pasted from Word or Excel, a Markdown table, a table inside a .docx."""

from __future__ import annotations

import pytest

from drafter.drafting.reader import read_notes, read_notes_file

LEDGER = (
    "县发展和改革局2025年上半年重点工作推进情况\n"
    "序号\t工作事项\t推进情况\t责任单位\t存在问题\n"
    "1\t重大项目建设\t全县45个重点项目完成投资38.6亿元\t投资股\t部分项目要素保障不到位\n"
    "2\t以工代赈\t实施以工代赈项目3个，发放劳务报酬420万元\t以工代赈办\t/\n"
    "3\t价格监测\t完成重要民生商品价格监测1.2万条次\t价格股\t\n"
    "下半年：抓好四季度项目集中开工\n"
)


def read(text: str):
    reading = read_notes(text)
    return reading, [(n.role, n.topic, n.text) for n in reading.notes.notes]


def test_a_pasted_ledger_is_read_row_by_row():
    # Seen on a 发改局 ledger read as lines: its header was a note and each row read 1重大项目建设全县45个…
    reading, notes = read(LEDGER)
    assert (reading.org, reading.period, reading.kind) == ("县发展和改革局", "2025H1", "half-year")
    assert notes == [
        ("progress", "重大项目建设", "全县45个重点项目完成投资38.6亿元"),
        # the 存在问题 column gives a problem about the row's work
        ("problems", "重大项目建设", "部分项目要素保障不到位"),
        ("progress", "以工代赈", "实施以工代赈项目3个，发放劳务报酬420万元"),
        ("progress", "价格监测", "完成重要民生商品价格监测1.2万条次"),
        ("plans", "", "抓好四季度项目集中开工"),
    ]
    assert not any("股" in text or "办" == text[-1] for _, _, text in notes)  # 责任单位 is not reported
    assert [(item.line, item.reason) for item in reading.ignored if item.line == 2] == [(2, "表格的表头或分隔行")]
    # …but the writer is told what the draft leaves out, row by row (a 党校's 备注 已挂牌 had gone
    # without a word); the row itself stays a note
    assert [item.text for item in reading.ignored if "不写入报告" in item.reason] == [
        "责任单位：投资股", "责任单位：以工代赈办", "责任单位：价格股"]


def test_a_markdown_table_and_a_table_without_header():
    text = ("# 某县统计局 2025年上半年\n"
            "| 序号 | 工作内容 | 完成情况 |\n|---|:---:|---|\n"
            "| 1 | 统计执法 | 检查企业120家，立案9件 |\n| 2 | 普查 | 完成经济普查数据审核 |\n")
    assert read(text)[1] == [("progress", "统计执法", "检查企业120家，立案9件"), ("progress", "普查", "完成经济普查数据审核")]
    # no header: a first column of numbers is 序号, a short name after it the row's work
    headless = "县林业局2025年上半年工作\n1\t森林防火\t开展巡查1200人次\n2\t造林绿化\t完成造林2.1万亩\n"
    assert read(headless)[1] == [("progress", "森林防火", "开展巡查1200人次"), ("progress", "造林绿化", "完成造林2.1万亩")]


CELL_A_LINE = (
    "县文化馆2025年上半年工作情况\n"
    "序号\n工作项目\n完成情况\n备注\n"
    "1\n群众文化活动\n举办“村晚”等活动36场，参与群众1.2万人次\n春节、元宵集中开展\n"
    "2\n公共文化服务\n免费开放展厅，接待群众2.6万人次\n"  # no 备注: the row is one cell short
    "3\n文艺创作\n创作小品、快板等作品9件\n"
    "存在问题\n乡镇文化站专职人员少\n"
)


def test_short_lines_under_a_number_alone_make_no_table():
    # 序号 needs names after it and the row 1 under them; a list of short lines stays a list
    _, notes = read("县文化馆2025年上半年工作\n编号\n1\n举办活动36场\n2\n接待群众2.6万人次\n")
    assert [text for _, _, text in notes] == ["举办活动36场", "接待群众2.6万人次"]


RECORDS = (
    "县港航海事服务中心2025年上半年重点工作台账（系统导出）\n\n"
    "事项名称：水上交通安全专项整治\n完成情况：开展水上交通安全专项检查26次\n责任科室：海事科\n\n"
    "事项名称：航道养护\n完成情况：完成航道疏浚4.2公里\n存在问题：部分航段枯水期水深不足1.5米\n责任科室：航道科\n\n"
    "事项名称：港口码头建设\n完成情况：城南港区二期码头完成投资8600万元\n下步打算：年底前完成码头主体工程\n\n"
    "其他问题：执法人员少\n"
)


@pytest.mark.parametrize(("text", "expected", "dropped"), [
    # A 文化馆's ledger copied out of WPS into WeChat, each cell on its own line: its header had been
    # notes, its row numbers page numbers, 文艺创作 a group title and 存在问题's note a 备注
    (CELL_A_LINE, [
        ("progress", "群众文化活动", "举办“村晚”等活动36场，参与群众1.2万人次"),
        ("progress", "公共文化服务", "免费开放展厅，接待群众2.6万人次"),
        ("progress", "文艺创作", "创作小品、快板等作品9件"),
        ("problems", "", "乡镇文化站专职人员少"),
    ], ["备注：春节、元宵集中开展"]),
    # A 港航海事中心's ledger exported from its OA system, "key：value" lines a record: each key had
    # been a group title over its values (责任科室 over 海事科, 安全科 …), the work names notes
    (RECORDS, [
        ("progress", "水上交通安全专项整治", "开展水上交通安全专项检查26次"),
        ("progress", "航道养护", "完成航道疏浚4.2公里"),
        ("problems", "航道养护", "部分航段枯水期水深不足1.5米"),  # a record's own 存在问题 is about its work
        ("progress", "港口码头建设", "城南港区二期码头完成投资8600万元"),
        ("plans", "港口码头建设", "年底前完成码头主体工程"),
        ("problems", "其他问题", "执法人员少"),  # a key after the records is no field of theirs
    ], ["责任科室：海事科", "责任科室：航道科"]),
], ids=["cell-a-line", "records"])
def test_a_ledger_pasted_a_cell_a_line_or_exported_a_record_a_block_is_read_row_by_row(text, expected, dropped):
    reading, notes = read(text)
    assert notes == expected
    assert [item.text for item in reading.ignored if "不写入报告" in item.reason] == dropped
    assert any(item.reason == "表格的表头或分隔行" for item in reading.ignored)


def test_one_block_of_labels_makes_no_table():
    _, notes = read("县港航海事服务中心2025年上半年工作\n工作内容：完成航道疏浚4.2公里\n存在问题：部分航段水深不足\n")
    assert [(role, text) for role, _, text in notes] == [("progress", "完成航道疏浚4.2公里"), ("problems", "部分航段水深不足")]


def test_a_horizontal_rule_and_tabbed_indents_are_no_table():
    _, notes = read("县林业局2025年上半年工作\n---\n\t- 完成造林2.1万亩\n- 开展巡查1200人次\n")
    assert [text for _, _, text in notes] == ["完成造林2.1万亩", "开展巡查1200人次"]


def test_a_table_in_a_word_file_is_read(tmp_path):
    # Word tables were dropped whole: only paragraphs were read
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("县发展和改革局2025年上半年工作总结", style="Title")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("序号", "工作事项", "推进情况"), ("1", "重大项目建设", "完成投资38.6亿元"),
                                       ("2", "价格监测", "完成价格监测1.2万条次")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("存在问题", style="Heading 2")
    document.add_paragraph("民间投资增长乏力", style="List Bullet")
    path = tmp_path / "台账.docx"
    document.save(str(path))
    notes = [(n.role, n.topic, n.text) for n in read_notes_file(path).notes.notes]
    assert notes == [("progress", "重大项目建设", "完成投资38.6亿元"), ("progress", "价格监测", "完成价格监测1.2万条次"),
                     ("problems", "", "民间投资增长乏力")]


def test_a_target_column_stays_a_target():
    # 年度目标 beside 上半年完成情况: joined as a fact, the target would read as done
    text = ("县发展和改革局2025年上半年重点工作推进情况\n"
            "序号\t重点任务\t年度目标\t上半年完成情况\n"
            "1\t重大项目建设\t完成投资70亿元\t完成投资38.6亿元\n")
    assert read(text)[1] == [("progress", "重大项目建设", "完成投资38.6亿元（年度目标：完成投资70亿元）")]


def test_a_table_whose_columns_spaces_set_apart_is_read_from_its_header_on():
    # a 政协办公室's ledger typed in a plain editor: 重点工作 names each row's work, 备注 is dropped
    notes = read_notes("政协青山县委员会办公室2025年上半年工作总结\n\n"
                       "重点工作          完成情况                              备注\n"
                       "协商议政          召开专题协商会3次，提出意见建议42条      已报送县委\n"
                       "提案办理          立案提案186件，已办复172件，办复率92.5%\n\n"
                       "存在问题  部分提案办理质量不高，重答复轻落实\n"
                       "          委员履职考核办法执行不够严格\n"
                       "下半年    开展提案办理“回头看”\n").notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "协商议政", "召开专题协商会3次，提出意见建议42条"),
        ("progress", "提案办理", "立案提案186件，已办复172件，办复率92.5%"),
        # the line set under 存在问题's text is the tag's next problem, not a breakdown of the first
        ("problems", "", "部分提案办理质量不高，重答复轻落实"),
        ("problems", "", "委员履职考核办法执行不够严格"),
        ("plans", "", "开展提案办理“回头看”"),
    ]


def test_two_spaces_inside_a_note_make_no_table():
    notes = read_notes("县统计局2025年上半年工作总结\n完成经济普查  入户登记1.2万户\n开展统计执法检查  检查企业36家\n").notes.notes
    assert len(notes) == 2 and all(n.role == "progress" for n in notes)


def test_a_ledgers_group_column_heads_its_rows_and_its_merged_cells_carry_down():
    # a 卫健局's 推进表: 类别 groups the rows (its cell merged, so empty below its first row), 工作内容
    # names each row's work; rows below had lost their group, and one had been read as a plan
    notes = read_notes("县卫生健康局2025年上半年重点工作推进表\n序号\t类别\t工作内容\t完成情况\t存在问题\t下步措施\n"
                       "1\t医疗服务\t县域医共体建设\t组建医共体2个，实现乡镇卫生院全覆盖\t\t年底前完成医共体信息平台建设\n"
                       "2\t\t胸痛中心建设\t县人民医院胸痛中心通过省级验收\t\t\n"
                       "3\t公共卫生\t家庭医生签约\t重点人群签约率达到76.5%\t签约后服务跟进不足\t\n").notes.notes
    assert [(n.role, n.topic, n.text) for n in notes] == [
        ("progress", "医疗服务", "县域医共体建设方面，组建医共体2个，实现乡镇卫生院全覆盖"),
        ("plans", "医疗服务", "年底前完成医共体信息平台建设"),
        ("progress", "医疗服务", "胸痛中心建设方面，县人民医院胸痛中心通过省级验收"),
        ("progress", "公共卫生", "家庭医生签约方面，重点人群签约率达到76.5%"),
        ("problems", "公共卫生", "签约后服务跟进不足"),
    ]


def test_a_second_figure_of_a_row_says_what_it_is():
    # 工信局's indicator table: 规上工业增加值增速7.8%，111% — the 完成率 had stood bare
    notes = read_notes("县工业和信息化局2025年工作总结\n| 指标 | 年度目标 | 全年完成 | 完成率 |\n|---|---|---|---|\n"
                       "| 规上工业增加值增速 | 7% | 7.8% | 111% |\n| 新增规上工业企业 | 10家 | 12家 | 120% |\n").notes.notes
    assert notes[0].text == "规上工业增加值增速7.8%，完成率111%（年度目标：7%）"


CSV_LEDGER = (
    "县委政法委2025年上半年重点工作推进情况\n"
    "序号,工作事项,责任科室,上半年完成情况,存在问题,下步打算\n"
    '1,矛盾纠纷排查化解,综治科,"排查矛盾纠纷1126件，化解1088件",个别信访积案化解难度大,对剩余38件逐件落实包案领导\n'
    '2,网格化服务管理,网格中心,"划分网格426个\n网格员上报事件2.3万件，办结率98.2%",,\n'
    "3,扫黑除恶常态化,督导科,打掉涉恶犯罪团伙2个,\"线索核查质量有待提高\",\n"
)


def test_an_excel_sheet_saved_as_csv_is_read_row_by_row():
    # A 政法委's 推进表 saved as .csv: its header and every row had been one note each, all read as
    # problems (the header says 存在问题), the row numbers and 综治科 in the text
    reading, notes = read(CSV_LEDGER)
    assert (reading.org, reading.period, reading.kind) == ("县委政法委", "2025H1", "half-year")
    assert notes == [
        ("progress", "矛盾纠纷排查化解", "排查矛盾纠纷1126件，化解1088件"),
        ("problems", "矛盾纠纷排查化解", "个别信访积案化解难度大"),
        # the plan keeps its row's work: 剩余38件 says nothing of what they are
        ("plans", "矛盾纠纷排查化解", "对剩余38件逐件落实包案领导"),
        # a cell's line break (Alt+Enter) inside its quotes: one row, two facts
        ("progress", "网格化服务管理", "划分网格426个"),
        ("progress", "网格化服务管理", "网格员上报事件2.3万件，办结率98.2%"),
        ("progress", "扫黑除恶常态化", "打掉涉恶犯罪团伙2个"),
        ("problems", "扫黑除恶常态化", "线索核查质量有待提高"),
    ]
    # the title and the header; then each row's 责任科室, told apart as left out of the draft
    assert [item.line for item in reading.ignored if "不写入报告" not in item.reason] == [1, 2]
    assert all("综治科" not in text for _, _, text in notes)


def test_half_width_commas_inside_notes_make_no_table():
    _, notes = read("县统计局2025年上半年工作\n完成经济普查,登记单位1.2万个,审核数据3次\n组织统计培训,培训200人次\n")
    assert [text for _, _, text in notes] == ["完成经济普查，登记单位1.2万个，审核数据3次", "组织统计培训，培训200人次"]


def test_a_csv_file_as_excel_saves_it_on_a_chinese_desktop(tmp_path):
    # GBK with CRLF line ends, the way Excel's "CSV (逗号分隔)" writes it on a Chinese Windows desktop
    path = tmp_path / "推进表.csv"
    path.write_bytes(CSV_LEDGER.replace("\n", "\r\n").encode("gbk"))
    reading = read_notes_file(path)
    assert [(n.role, n.text) for n in reading.notes.notes][:2] == [
        ("progress", "排查矛盾纠纷1126件，化解1088件"), ("problems", "个别信访积案化解难度大")]


def test_words_own_list_numbering_pasted_with_its_tabs_is_no_table():
    # 供电公司, pasted from Word: 一、\t上半年工作完成情况 had been a table header, every note opened with ，
    reading, notes = read("县供电公司2025年上半年工作总结\n一、\t上半年工作完成情况\n（一）\t电网建设\n"
                          "1.\t完成110千伏城南变电站主体工程，投资3600万元。\n二、\t存在问题\n1.\t部分农村电网网架薄弱。\n")
    assert notes == [("progress", "电网建设", "完成110千伏城南变电站主体工程，投资3600万元。"),
                     ("problems", "", "部分农村电网网架薄弱。")]
    # a ledger's row keeps its cells: its number has no list mark, or more cells follow
    assert read("序号\t工作事项\t推进情况\n1\t电网建设\t完成主体工程，投资3600万元\n")[1] == [
        ("progress", "电网建设", "完成主体工程，投资3600万元")]

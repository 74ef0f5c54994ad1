"""Builds sthj-2024h1.docx, the Word case of the notes set: a title paragraph, Heading 2 groups and
List Bullet / List Number paragraphs, the way staff paste notes into Word. Run from the repository
root: python eval/notes/make_docx.py"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
CONTENT: list[tuple[str, str]] = [
    ("Title", "县生态环境分局2024年上半年工作总结"),
    ("Heading 2", "大气污染防治"),
    ("List Bullet", "城区PM2.5平均浓度31微克/立方米，同比下降8.8%"),
    ("List Bullet", "优良天数比例86.2%，较去年同期提高3.1个百分点"),
    ("List Bullet", "完成12家涉VOCs企业深度治理，淘汰国三及以下柴油货车146辆"),
    ("Heading 2", "水污染防治"),
    ("List Number", "3个国控断面水质全部达到Ⅲ类以上"),
    ("List Number", "完成入河排污口整治41个，整治率100%"),
    ("List Number", "新建农村生活污水处理设施23处"),
    ("Heading 2", "执法监管"),
    ("Normal", "开展双随机执法检查138家次，立案查处环境违法案件17件，罚款216万元"),
    ("Heading 2", "存在问题"),
    ("List Bullet", "臭氧污染问题日益突出，夏季臭氧超标天数同比增加5天"),
    ("List Bullet", "部分农村污水处理设施运行不正常，运维资金不足"),
    ("Heading 2", "下半年工作打算"),
    ("List Bullet", "开展臭氧污染防治攻坚，9月底前完成重点企业错峰生产方案"),
    ("List Bullet", "建立农村污水设施第三方运维机制，年底前运行率达到90%以上"),
]


def build(path: Path = HERE / "sthj-2024h1.docx") -> Path:
    document = docx.Document()
    for style, text in CONTENT:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())

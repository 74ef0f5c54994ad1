"""Tables in notes: rows pasted from a Word or Excel 台账 (cells split by tabs, or a Markdown table,
or by runs of spaces or commas — an Excel sheet saved as .csv — under a header row)
→ the note lines the reader knows.

A department's half-year material is often its work ledger: 序号 | 工作事项 | 推进情况 | 责任单位.
Read as plain lines, its header became a note and each row's number and work name were glued to its
facts (1重大项目建设全县45个…). Here a header row is recognised and set aside, the number column
and the columns a report does not state (责任单位, 完成时限, 备注) are dropped, a row's work name
becomes its label (重大项目建设：全县45个…, read like any "营商环境：" prefix), and a column headed
by a role (存在问题, 下步打算) gives notes of that role.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

MIN_CELLS = 2
LABEL_MAX_CHARS = 12  # a work's name in a ledger's 工作事项 column, as a "营商环境：" label
HEADER_CELL_MAX_CHARS = 10
SEQUENCE_RE = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[（(]?[一二三四五六七八九十\d]{1,3}[）)、.]?)$")
SEPARATOR_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
EMPTY_CELLS = frozenset({"", "/", "／", "无", "—", "-", "——", "暂无"})
# Header words of the columns a ledger keeps for its own use: its numbering, who, by when, remarks.
# 责任股室 (a 医保局's task table: its 待遇保障股 had ended each task) names who, not what
DROPPED_HEADERS = re.compile(r"责任(单位|部门|科室|股室|处室|股|人)|牵头|配合|分管|联系人|时限|时间|节点|备注|序号|编号|^No\.?$")
SEQUENCE_HEADERS = re.compile(r"^(序号|编号|No\.?)$")  # a header row's sign, with LABEL_HEADERS
LABEL_HEADERS = re.compile(r"事项|项目|任务|名称|工作|内容|指标|类别")
# 类别 | 工作内容 | 完成情况 (a 卫健局's 推进表): the column grouping the rows is a heading over
# them, and the next names each row's work; one cell of it merged over several rows is empty below
GROUP_HEADERS = re.compile(r"(?:工作)?(?:类别|类型|分类|板块|领域|方面)")
# 重点工作 | 完成情况: the column naming each row's work, though 重点工作 titles a plan's tasks
WORK_NAME_HEADERS = re.compile(r"(?:重点|主要)?(?:工作|任务)(?:事项|名称|内容)?")
# 年度目标 beside 完成情况: a target, kept in brackets after the facts so it is never read as done
TARGET_HEADERS = re.compile(r"^(?!.*(?:完成|进展|情况)).*(?:目标|计划|任务数)")


# a cell that is only a figure (111%, 12家): under 完成率 it had stood in the facts as 7.8%，111%
BARE_VALUE_RE = re.compile(r"[0-9０-９.]+\s*(?:%|‰|[\u4e00-\u9fff]{1,3})?")


@dataclass(frozen=True)
class Column:
    kind: str  # "label", "content", "target", "dropped" (序号, 责任单位 …) or "role"
    header: str = ""


# Word's own list numbering pasted as text: the number, a tab, the line (一、\t上半年工作完成情况,
# 1.\t完成110千伏…): no table row — its 一、 had been read as a header cell, the rest as 0 cells
LIST_TAB_RE = re.compile(r"^\s*(?:\d{1,3}[.．、)）]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                         r"|[①-⑳●•·▪■◆])\t+(?=[^\t]+$)")


def cells_of(raw: str) -> list[str] | None:
    """A line's cells when it is a table row (two or more tab-separated cells, or | a | b |)."""
    text = raw.strip()
    if "\t" in text and not LIST_TAB_RE.match(text):
        cells = [cell.strip() for cell in text.split("\t")]
    elif text.startswith("|") and text.count("|") >= MIN_CELLS + 1:
        cells = [cell.strip() for cell in text.strip("|").split("|")]
    else:
        return None
    return cells if filled_row(cells) else None


def filled_row(cells: list[str]) -> bool:
    """Whether enough of a line's cells hold text for it to be a table row."""
    return sum(1 for cell in cells if cell) >= MIN_CELLS


# Cells set apart by two spaces or more (a Word table saved as text, a ledger typed in a plain
# editor): a table only from a header row on (重点工作  完成情况  备注), as two spaces inside a
# sentence of a note are no column.
SPACED_CELLS_RE = re.compile(r"(?:\s{2,}|\u3000+)")


def spaced_cells(raw: str) -> list[str] | None:
    """A line's cells when two spaces or more set them apart, else None."""
    cells = [cell.strip() for cell in SPACED_CELLS_RE.split(raw.strip())]
    return cells if filled_row(cells) else None


# An Excel 推进表 saved as .csv: cells set apart by commas, a cell holding a comma or a line break
# quoted. A table only from a header row on, as a comma typed half-width inside a note is no column.
CSV_MIN_CELLS = 3


def csv_cells(raw: str) -> list[str] | None:
    """A line's cells when it reads as a row of comma-separated values, else None."""
    if "," not in raw:
        return None
    cells = [cell.strip() for cell in next(csv.reader([raw.strip()]), [])]
    return cells if filled_row(cells) else None


def open_quote(raw: str) -> bool:
    """Whether a CSV line stops inside a quoted cell (the cell held a line break, Alt+Enter in Excel)."""
    return raw.count('"') % 2 == 1


def goes_on(found: list[str] | None, inside: bool, min_cells: int = MIN_CELLS) -> bool:
    """Whether a row of cells a separator set apart (commas, spaces) is in such a table: inside one
    already, or its header row, which opens it."""
    return found is not None and (inside or (len(found) >= min_cells and is_header(found)))


def is_header(cells: list[str]) -> bool:
    """序号 | 工作事项 | 推进情况: every cell a short name with no figure."""
    filled = [cell for cell in cells if cell]
    return len(filled) >= MIN_CELLS and all(
        len(cell) <= HEADER_CELL_MAX_CHARS and not re.search(r"\d", cell) for cell in filled) \
        and any(LABEL_HEADERS.search(cell) or SEQUENCE_HEADERS.match(cell) or "情况" in cell for cell in filled)


def header_columns(cells: list[str], role_of_title: Callable[[str], str]) -> list[Column]:
    columns: list[Column] = []
    for cell in cells:
        if role_of_title(cell) in ("problems", "plans") and not WORK_NAME_HEADERS.fullmatch(cell):
            columns.append(Column("role", cell))
        elif DROPPED_HEADERS.search(cell):
            columns.append(Column("dropped", cell))
        elif TARGET_HEADERS.search(cell):
            columns.append(Column("target", cell))
        elif not any(c.kind in ("label", "group") for c in columns) and GROUP_HEADERS.fullmatch(cell):
            columns.append(Column("group", cell))
        elif not any(c.kind == "label" for c in columns) and LABEL_HEADERS.search(cell) and "情况" not in cell:
            columns.append(Column("label", cell))
        else:
            columns.append(Column("content", cell))
    return columns


def guessed_columns(cells: list[str]) -> list[Column]:
    """A table with no header: a first column of numbers is 序号, a short name after it a label."""
    columns = [Column("content") for _ in cells]
    first = 0
    if cells and SEQUENCE_RE.match(cells[0]):
        columns[0] = Column("dropped")
        first = 1
    if len(cells) > first + 1 and 0 < len(cells[first]) <= LABEL_MAX_CHARS and not re.search(r"\d", cells[first]):
        columns[first] = Column("label")
    return columns


def row_lines(cells: list[str], columns: list[Column], group: str = "") -> list[str]:
    """A row's note lines: its group's name where it starts a group (its cell differs from
    ``group``, the one above), then label：facts, then one tagged line per role column."""
    label = ""
    facts: list[str] = []
    tagged: list[str] = []
    targets: list[str] = []
    heading: list[str] = []
    for index, cell in enumerate(cells):
        column = columns[index] if index < len(columns) else Column("content")
        if cell in EMPTY_CELLS or column.kind == "dropped":
            continue
        if column.kind == "group":  # a heading as Markdown writes one: the reader takes it for one
            heading = [f"## {cell}"] if cell != group else []
        elif column.kind == "label":
            label = cell
        elif column.kind == "role":
            tagged.append(f"{column.header}：{cell}")
        elif column.kind == "target":
            targets.append(f"{column.header}：{cell.rstrip('。；;，,')}")
        elif facts and column.header and BARE_VALUE_RE.fullmatch(cell):
            facts.append(f"{column.header}{cell}")  # …7.8%，完成率111%: a second figure says what it is
        else:
            facts.append(cell.rstrip("。；;，,"))
    if not facts:  # 一、经济发展 on a row of its own: a group title
        return [*heading, label, *tagged] if label else [*heading, *tagged]
    text = "，".join(facts) + (f"（{'；'.join(targets)}）" if targets else "")
    named = bool(label) and len(label) <= LABEL_MAX_CHARS and not re.search(r"[，。；：]", label)
    prefixed = f"{label}：{text}" if named else "，".join(filter(None, (label, text)))
    # 矛盾纠纷排查化解：下步打算：对剩余38件逐件落实包案领导: the row's problem and plan are about
    # its work, which their own words may not say (剩余38件 of what?). Under a group column the
    # group's name is their topic already.
    carried = named and not any(column.kind == "group" for column in columns)
    return [*heading, prefixed, *(f"{label}：{line}" if carried else line for line in tagged)]


def group_of(cells: list[str], columns: list[Column], above: str) -> str:
    """The group a row is in: its own group cell, else (merged over it) the one above."""
    at = next((i for i, column in enumerate(columns) if column.kind == "group"), None)
    if at is None or at >= len(cells) or cells[at] in EMPTY_CELLS:
        return above
    return cells[at]


# A table copied out of Word or WPS into WeChat or a plain editor: each cell on a line of its own
# (序号 / 工作项目 / 完成情况 / 备注 / 1 / 群众文化活动 / 举办…). Read as lines, its header became
# notes, its row numbers page numbers and its work names group titles over the wrong facts (a
# 文化馆's ledger: 文艺创作 had been a plan). The header is 序号 and the short names after it; a row
# opens on its number, one more than the last, and holds at most one cell a column after 序号.
CELL_ROW_MAX_HEADERS = 6


def unfolded_cells(numbered: list[tuple[int, str]], role_of_title: Callable[[str], str]) -> list[tuple[int, str]]:
    """``numbered`` with each table pasted a cell a line folded back into rows of tab-separated
    cells (the header a row too); other lines as they are."""
    out: list[tuple[int, str]] = []
    at = 0
    while at < len(numbered):
        width = cell_header_width(numbered, at)
        if not width:
            out.append(numbered[at])
            at += 1
            continue
        out.append((numbered[at][0], "\t".join(raw.strip() for _, raw in numbered[at:at + width])))
        at += width
        row = 1
        while at < len(numbered) and numbered[at][1].strip() == str(row):
            cells, at = row_cells(numbered, at + 1, width - 1, row + 1, role_of_title)
            out.append((numbered[at - 1][0] if not cells else cells[0][0], "\t".join([str(row), *(c for _, c in cells)])))
            row += 1
    return out


def cell_header_width(numbered: list[tuple[int, str]], at: int) -> int:
    """How many lines from ``at`` make a header pasted a cell a line (序号 and two to
    CELL_ROW_MAX_HEADERS short names, then the line 1), or 0."""
    if not SEQUENCE_HEADERS.match(numbered[at][1].strip()):
        return 0
    for width in range(3, CELL_ROW_MAX_HEADERS + 2):
        if at + width >= len(numbered):
            return 0
        names = [raw.strip() for _, raw in numbered[at + 1:at + width]]
        if not all(0 < len(name) <= HEADER_CELL_MAX_CHARS and not re.search(r"\d", name) for name in names):
            return 0
        if numbered[at + width][1].strip() == "1":
            return width if is_header([numbered[at][1].strip(), *names]) else 0
    return 0


def row_cells(numbered: list[tuple[int, str]], at: int, most: int, following: int,
              role_of_title: Callable[[str], str]) -> tuple[list[tuple[int, str]], int]:
    """A row's cells from ``at`` (the line after its number) and where the next line starts: up to
    ``most`` lines, to the next row's number, a blank line or a part's title (存在问题), which end it."""
    cells: list[tuple[int, str]] = []
    while at < len(numbered) and len(cells) < most:
        text = numbered[at][1].strip()
        if not text or text == str(following) or (cells and role_of_title(text) in ("problems", "plans")
                                                   and len(text) <= HEADER_CELL_MAX_CHARS):
            break
        cells.append((numbered[at][0], text))
        at += 1
    return cells, at


# A ledger exported from an OA system or a form, a record a block of "key：value" lines (事项名称：… /
# 完成情况：… / 责任科室：…), blank lines between: read as lines, each key had been a group title over its
# values (a 港航海事中心's 责任科室 over 海事科, 安全科). The keys make the header, each record a row.
RECORD_LINE_RE = re.compile(r"^\s*(?P<key>[\u4e00-\u9fff]{2,10})\s*[：:]\s*(?P<value>\S.*?)\s*$")
MIN_RECORDS = 2


def unfolded_records(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``numbered`` with each run of key：value records folded into a header row and one row a
    record (cells split by tabs); other lines as they are."""
    out: list[tuple[int, str]] = []
    at = 0
    while at < len(numbered):
        records, end = records_at(numbered, at)
        if len(records) < MIN_RECORDS:
            out.append(numbered[at])
            at += 1
            continue
        keys = list(dict.fromkeys(key for record in records for key, _ in record[1]))
        out.append((numbered[at][0], "\t".join(keys)))
        # a row is numbered by its record's second line (its 完成情况, mostly): the first is the header's
        out.extend((number, "\t".join(dict(fields).get(key, "") for key in keys)) for number, fields in records)
        at = end
    return out


def records_at(numbered: list[tuple[int, str]], at: int) -> tuple[list[tuple[int, list[tuple[str, str]]]], int]:
    """The key：value records from ``at`` (each its second line's number and its fields) and where
    the line after them is: a record ends at a blank line or a key said again, and the run at a
    record opening on another key than the first, or at a line of no key. No records unless their
    keys read as a ledger's header (事项名称 | 完成情况)."""
    records: list[tuple[int, list[tuple[str, str]]]] = []
    opener = ""
    end = at
    while end < len(numbered):
        number, raw = numbered[end]
        match = RECORD_LINE_RE.match(raw)
        if not raw.strip():
            end += 1
            continue
        if match is None:
            break
        key, value = match["key"], match["value"]
        fresh = not records or key in dict(records[-1][1]) or (end > at and not numbered[end - 1][1].strip())
        if fresh:
            if records and key != opener:
                break
            opener = opener or key
            records.append((number, []))
        elif len(records[-1][1]) == 1:
            records[-1] = (number, records[-1][1])
        records[-1][1].append((key, value))
        end += 1
    while end > at and not numbered[end - 1][1].strip():
        end -= 1  # blank lines after the run stay where they were
    if len(records) < MIN_RECORDS or not is_header(list(dict.fromkeys(k for _, fields in records for k, _ in fields))):
        return [], at
    return records, end


@dataclass(frozen=True)
class TableLines:
    lines: list[tuple[int, str]]  # (line number, text): a row may give several lines of one number
    headers: list[tuple[int, str]]  # header rows set aside, for the reader's record
    # the cells of columns left out (备注：已挂牌, 责任单位：组织科), for the reader's record: the
    # writer sees what the draft does not say (a 党校's 备注 已挂牌 had gone without a word)
    dropped: list[tuple[int, str]] = field(default_factory=list)


def table_lines(numbered: Iterable[tuple[int, str]], role_of_title: Callable[[str], str]) -> TableLines:
    """Every table row in ``numbered`` (line number, raw text) turned into note lines; other lines as they are."""
    lines: list[tuple[int, str]] = []
    headers: list[tuple[int, str]] = []
    dropped: list[tuple[int, str]] = []
    columns: list[Column] | None = None
    spaced = False  # inside a table whose cells spaces set apart, from its header row on
    group = ""  # the group cell of the row above, standing for the cells merged below it
    comma = False  # inside a table saved as .csv, from its header row on
    held: tuple[int, str] | None = None  # a CSV row whose quoted cell goes on to the next line
    for number, raw in unfolded_cells(unfolded_records(list(numbered)), role_of_title):
        if held is not None:  # the cell's line break becomes a ；, as between two notes of one row
            number, raw = held[0], f"{held[1].rstrip()}；{raw.strip()}"
            held = None
        if "|" in raw and SEPARATOR_RE.match(raw.strip()):
            headers.append((number, raw.strip()))
            continue
        if comma and open_quote(raw):
            held = (number, raw)
            continue
        cells = cells_of(raw)
        if cells is None and (comma or columns is None):
            found = csv_cells(raw)
            comma = goes_on(found, comma, CSV_MIN_CELLS)
            cells = found if comma else None
        if cells is None and (spaced or columns is None):
            found = spaced_cells(raw)
            spaced = goes_on(found, spaced)
            cells = found if spaced else None
        if cells is None:
            columns = None  # a table ends at a line that is not a row
            lines.append((number, raw))
            continue
        if is_header(cells):
            columns, group = header_columns(cells, role_of_title), ""
            headers.append((number, raw.strip()))
            continue
        used = columns or guessed_columns(cells)
        lines.extend((number, text) for text in row_lines(cells, used, group))
        dropped.extend((number, f"{column.header}：{cell}") for column, cell in zip(used, cells, strict=False)
                       if column.kind == "dropped" and column.header and not SEQUENCE_HEADERS.match(column.header)
                       and cell not in EMPTY_CELLS)
        group = group_of(cells, used, group)
    if held is not None:  # a quote never closed: the line is kept as written
        lines.append(held)
    return TableLines(lines, headers, dropped)

"""The stages of the drafting pipeline, each behind a small protocol (as storm's interface.py).

``pipeline.draft(..., stages=Stages(...))`` receives one object per stage; the defaults are
the modules of this package, so a test (or a new stage) swaps exactly one of them::

    draft(notes, model=model, stages=Stages(group=my_grouper))

Plain functions satisfy these protocols: ``parse_notes`` is a ``NotesReader``,
``group_notes`` a ``Grouper``, ``guard.guarded`` a ``Guard`` and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # types only: the stage modules import this one
    from drafter.drafting.assemble import PartBody
    from drafter.drafting.draft import Exemplar
    from drafter.drafting.exemplars import SearchesReports
    from drafter.drafting.grouping import Embed, PartGroups
    from drafter.drafting.guard import GuardResult, Rules
    from drafter.drafting.notes import Note, Notes
    from drafter.drafting.outline import Outline
    from drafter.drafting.write import ComposedItem, WriteContext
    from drafter.models.runner import ModelRunner
    from drafter.structure.kinds import Kind
    from drafter.structure.tree import Report


class NotesReader(Protocol):
    """Notes text → the notes, with their roles and the title's org and period."""

    def __call__(self, text: str, /) -> Notes: ...


class Grouper(Protocol):
    """Notes → the parts of the kind and the topic groups (sections) within each part."""

    def __call__(self, notes: Notes, kind: Kind, embed: Embed | None, /) -> list[PartGroups]: ...


class Outliner(Protocol):
    """Groups → the outline: part and section headings (the runner may polish the headings)."""

    def __call__(self, notes: Notes, groups: list[PartGroups], kind: Kind, org: str, period: str,
                 runner: ModelRunner, embed: Embed | None, /) -> Outline: ...


class ExemplarFinder(Protocol):
    """Passages of past reports to imitate for one topic (figures masked); [] without a store."""

    def __call__(self, retriever: SearchesReports | None, query: str, role: str, /) -> list[Exemplar]: ...


class Guard(Protocol):
    """``generate(violation)`` until its text passes ``rules``, else ``fallback()``."""

    def __call__(self, generate: Callable[[str], str], rules: Rules, fallback: Callable[[], str],
                 retries: int = 1, /) -> GuardResult: ...


class Writer(Protocol):
    """Notes → guarded text: one item per two to four related notes (``led``: the model writes
    the lead, the facts are the notes' sentences — small models; ``composed``: the model writes
    the whole item — strong models and a reviewer's feedback), one per problem note (``item``),
    one measure per problem no plan answers (``measures``: from the problem's own words;
    ``measure``: the model's, when a reviewer asks again), or one paragraph per part."""

    def item(self, runner: ModelRunner, note: Note, context: WriteContext,
             feedback: str | None = None) -> GuardResult: ...

    def section(self, runner: ModelRunner, notes: list[Note], context: WriteContext) -> list[GuardResult]: ...

    def composed(self, runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
                 exemplar_texts: Sequence[str] = (), feedback: str | None = None) -> ComposedItem: ...

    def led(self, runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
            exemplar_texts: Sequence[str] = ()) -> ComposedItem: ...

    def composed_section(self, runner: ModelRunner, groups: list[list[Note]], context: WriteContext,
                         exemplar_texts: Sequence[str] = ()) -> list[ComposedItem]: ...

    def measures(self, runner: ModelRunner, problems: list[Note], context: WriteContext) -> list[GuardResult]: ...

    def measure(self, runner: ModelRunner, problem: Note, context: WriteContext,
                feedback: str | None = None) -> GuardResult: ...

    def paragraph(self, runner: ModelRunner, context: WriteContext, instruction: str, notes: list[Note],
                  feedback: str | None = None) -> GuardResult: ...


class Assembler(Protocol):
    """The outline and the written units → the numbered report tree, as it will read."""

    def __call__(self, outline: Outline, bodies: list[PartBody], kind: Kind, /) -> Report: ...

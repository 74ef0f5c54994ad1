"""Continuity across periods: last period's plans checked against this report, and this report's
figures against the same unit's earlier reports.

- ``carryover``: every item of the previous report's plans part → done / under way / not mentioned,
  with the sentences on both sides (hybrid retrieval over the new report, a guarded model judgement
  for the borderline ones).
- ``facts`` and ``figures``: (unit, period, metric, value, measure) facts, changes computed with
  ``decimal``, flags for a contradicted 同比, a falling cumulative figure, a changed measure and
  implausible jumps.
- ``findings``: both as checker findings for ``drafter check --history``.
"""

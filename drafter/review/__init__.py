"""The reviewer loop: draft versions, locks, edits, regeneration and diffs."""

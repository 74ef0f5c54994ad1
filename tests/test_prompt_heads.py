"""Saved states of the prompts' fixed heads: what a prompt marks as fixed, when a state is read,
kept or restored (a stand-in llama), and with the real model the same reply from fewer tokens read."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest

from drafter.drafting.prompts import fixed_head, prompt_messages, template_head
from drafter.models import llama_chat
from drafter.models.prompt_heads import DIGEST_SIZE, FIXED_HEAD, HeadStates, common_length, formatted_head
from tests.conftest import REAL_MODEL_CACHE

NOTES = "[1] 新增城镇就业岗位2860个\n[2] 发放创业担保贷款4100万元"


def test_a_prompt_marks_its_fixed_head_and_the_head_holds_none_of_the_users_words():
    messages = prompt_messages("write_lead", exemplars="", work="人社局", section="就业创业", feedback="", notes=NOTES)
    human = str(messages[-1].content)
    head = human[: messages[-1].additional_kwargs[FIXED_HEAD]]
    assert head == fixed_head("write_lead") and head.startswith("任务：") and len(head) > 150
    assert not any(word in head for word in ("人社局", "就业创业", "2860", "创业担保"))
    assert FIXED_HEAD not in messages[0].additional_kwargs  # the system prompt is fixed whole, and first


def test_a_template_head_ends_at_its_first_variable_with_literal_braces_read_as_written():
    assert template_head("写{{示例}}：{notes}\n其余") == "写{示例}："
    assert template_head("没有变量的提示词") == ""


def test_the_fixed_head_of_a_formatted_prompt_ends_inside_its_last_message():
    prompt = "<|im_start|>system\n规则<|im_end|>\n<|im_start|>user\n任务：写短语\n要点：甲<|im_end|>\n"
    assert formatted_head(prompt, "任务：写短语\n要点：甲", 7) == "<|im_start|>system\n规则<|im_end|>\n<|im_start|>user\n任务：写短语\n"
    assert formatted_head(prompt, "不在其中", 3) == "" and formatted_head(prompt, "任务：写短语", 0) == ""
    assert common_length([1, 2, 3, 9], [1, 2, 3, 4, 5]) == 3


class StandInLlama:
    """What HeadStates touches of llama_cpp.Llama: the tokens held, and eval."""

    def __init__(self) -> None:
        self.input_ids: list[int] = [0] * 4096
        self.n_tokens = 0
        self.evaluated: list[int] = []

    def eval(self, tokens: list[int]) -> None:
        self.input_ids[self.n_tokens: self.n_tokens + len(tokens)] = tokens
        self.n_tokens += len(tokens)
        self.evaluated += tokens

    def reset(self) -> None:
        self.n_tokens = 0


class StandInStates(HeadStates):
    """HeadStates whose state is the tokens held (the real one copies llama.cpp's KV cache)."""

    def capture(self, llama):
        return bytes(str(llama.input_ids[: llama.n_tokens]), "ascii")

    def restore(self, llama, head, data):
        llama.input_ids[: len(head)] = list(head)
        llama.n_tokens = len(head)
        return data == bytes(str(list(head)), "ascii")


HEAD = list(range(100, 300))  # 200 tokens of instructions and examples
CALL = [*HEAD, 7, 8, 9]


def test_a_head_met_first_is_read_once_and_kept_in_memory_and_on_disk(tmp_path):
    llama, states = StandInLlama(), StandInStates(tmp_path, "tag")
    states.prepare(llama, CALL, len(HEAD))
    assert llama.evaluated == HEAD and llama.n_tokens == len(HEAD)  # the call reads only 7, 8, 9 now
    (file,) = tmp_path.glob("*.state")
    stored = file.read_bytes()
    assert hashlib.sha256(stored[DIGEST_SIZE:]).digest() == stored[:DIGEST_SIZE]

    fresh, again = StandInLlama(), StandInStates(tmp_path, "tag")  # a new process
    again.prepare(fresh, CALL, len(HEAD))
    assert fresh.evaluated == [] and fresh.n_tokens == len(HEAD)


def test_a_head_the_context_already_holds_is_left_alone(tmp_path):
    llama, states = StandInLlama(), StandInStates(tmp_path, "tag")
    llama.eval([*HEAD, 5])  # the call before used the same prompt
    llama.evaluated.clear()
    states.prepare(llama, CALL, len(HEAD))
    assert llama.evaluated == [] and llama.n_tokens == len(HEAD) + 1 and not list(tmp_path.glob("*"))


def test_a_short_head_is_not_worth_a_state(tmp_path):
    llama, states = StandInLlama(), StandInStates(tmp_path, "tag")
    states.prepare(llama, [1, 2, 3, 4], 3)
    assert llama.evaluated == [] and not list(tmp_path.glob("*"))


def test_a_damaged_or_foreign_state_is_read_again_never_restored(tmp_path):
    StandInStates(tmp_path, "tag").prepare(StandInLlama(), CALL, len(HEAD))
    (file,) = tmp_path.glob("*.state")
    file.write_bytes(file.read_bytes()[:-3])  # cut short
    llama = StandInLlama()
    StandInStates(tmp_path, "tag").prepare(llama, CALL, len(HEAD))
    assert llama.evaluated == HEAD
    other = StandInLlama()
    StandInStates(tmp_path, "another model").prepare(other, CALL, len(HEAD))
    assert other.evaluated == HEAD and len(list(tmp_path.glob("*.state"))) == 2


def test_a_state_llama_cpp_refuses_is_dropped_and_the_head_read_from_the_start(tmp_path):
    class Refused(StandInStates):
        def restore(self, llama, head, data):
            llama.input_ids[:3] = [-1, -1, -1]  # what a refused state may leave in the context
            self.forget(head)
            return False

    StandInStates(tmp_path, "tag").prepare(StandInLlama(), CALL, len(HEAD))
    llama = StandInLlama()
    llama.eval(HEAD[:60])  # the context shared the system prompt's tokens with the call
    llama.evaluated.clear()
    refused = Refused(tmp_path, "tag")
    refused.prepare(llama, CALL, len(HEAD))
    assert llama.evaluated == HEAD and llama.input_ids[:len(HEAD)] == HEAD
    assert list(refused.states) == [tuple(HEAD)]  # read now and kept anew, in place of the refused one


def test_a_read_only_cache_costs_only_speed(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    llama = StandInLlama()
    states = StandInStates(blocked / "heads", "tag")  # under a file: cannot be made
    states.prepare(llama, CALL, len(HEAD))
    assert llama.n_tokens == len(HEAD)
    llama.reset()
    llama.evaluated.clear()
    states.prepare(llama, CALL, len(HEAD))
    assert llama.evaluated == []  # kept in memory all the same


@pytest.mark.model
def test_the_real_model_replies_alike_from_a_restored_head_and_reads_less(tmp_path, monkeypatch):
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is installed by scripts/install.sh")
    from drafter.models.embedded import embedded_model_path

    path = embedded_model_path("qwen2.5-coder-0.5b", progress=False, cache_dir=REAL_MODEL_CACHE)
    model = llama_chat.LlamaChatModel(model_path=path, temperature=0.0, max_tokens=16)
    loaded = model._loaded()
    read: list[int] = []
    real_eval = loaded.llama.eval
    monkeypatch.setattr(loaded.llama, "eval", lambda tokens: (read.append(len(tokens)), real_eval(tokens))[1])
    lead = prompt_messages("write_lead", exemplars="", work="人社局", section="就业创业", feedback="", notes=NOTES)
    other = prompt_messages("summarize", chars=100, feedback="", report="某局上半年工作总结。一是完成培训。")

    def reply_after_another_prompt(states: HeadStates) -> tuple[str, int]:
        monkeypatch.setattr(loaded, "heads", states)
        model.invoke(other)  # the context now holds another prompt
        read.clear()
        return str(model.invoke(lead).content), sum(read)

    plain, plain_read = reply_after_another_prompt(HeadStates(None, "test"))  # nothing kept: reads it all
    first, _ = reply_after_another_prompt(HeadStates(tmp_path, "test"))
    assert list(tmp_path.glob("*.state"))
    restored, restored_read = reply_after_another_prompt(HeadStates(tmp_path, "test"))  # from disk
    assert plain == first == restored, (plain, first, restored)
    assert restored_read < plain_read - 100, (restored_read, plain_read)

"""The model factory, the llama.cpp adapter, token counting and the FakeChatModel other tests rely on."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from pydantic import Field

from drafter.cli import main
from drafter.errors import ModelError, SettingsError
from drafter.models import embedded as models
from drafter.models.factory import EndpointChatModel, describe_model, make_chat_model, model_is_small, select_backend
from drafter.models.fake import RuleBasedChatModel
from drafter.models.llama_chat import LlamaChatModel
from drafter.models.tokens import count_tokens
from drafter.review.versions import DraftStore
from drafter.settings import Settings, get_settings
from drafter.store.embeddings import make_embeddings
from tests.conftest import REAL_MODEL_CACHE, free_port, stop_process
from tests.fake_chat import FakeChatModel

TEST_MODEL = "qwen2.5-coder-0.5b"  # the smaller embedded model keeps the marked tests fast
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def fake_embedded(monkeypatch, tmp_path) -> Path:
    """The embedded model's path without assembling 1 GB: the factory must not load anything."""
    path = tmp_path / "embedded.gguf"
    path.write_bytes(b"GGUF")
    monkeypatch.setattr(models, "embedded_model_path", lambda name, *args, **kwargs: path)
    return path


# --- backend selection ---------------------------------------------------------------------------


def test_default_is_the_embedded_model(fake_embedded):
    model = make_chat_model(temperature=0.1, max_tokens=77)
    assert isinstance(model, LlamaChatModel)
    assert model.model_path == fake_embedded
    assert (model.temperature, model.max_tokens, model.n_ctx, model.n_threads) == (0.1, 77, 4096, 2)
    assert model.timeout == get_settings().timeout
    assert describe_model() == "embedded:qwen2.5-coder-1.5b"
    assert model_is_small()


def test_embedded_model_choice_and_timeout_come_from_settings(monkeypatch, fake_embedded):
    monkeypatch.setenv("DRAFTER_EMBEDDED_MODEL", "qwen2.5-coder-0.5b")
    monkeypatch.setenv("DRAFTER_TIMEOUT", "7.5")
    model = make_chat_model(purpose="outline")
    assert model.timeout == 7.5
    assert "purpose:outline" in model.tags
    assert describe_model() == "embedded:qwen2.5-coder-0.5b"


def test_gguf_setting_selects_the_local_file(monkeypatch, tmp_path):
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setenv("DRAFTER_GGUF", str(gguf))
    model = make_chat_model()
    assert isinstance(model, LlamaChatModel) and model.model_path == gguf
    assert describe_model() == f"gguf:{gguf}"
    assert model_is_small()


def test_missing_gguf_file_is_a_model_error(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_GGUF", str(tmp_path / "absent.gguf"))
    with pytest.raises(ModelError, match="DRAFTER_GGUF"):
        make_chat_model()


def test_base_url_selects_the_endpoint_even_with_a_gguf(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_GGUF", str(tmp_path / "ignored.gguf"))
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("DRAFTER_MODEL", "qwen-plus")
    monkeypatch.setenv("DRAFTER_TIMEOUT", "30")
    model = make_chat_model(temperature=0.2, max_tokens=300)
    assert isinstance(model, EndpointChatModel)
    assert model.model_name == "qwen-plus"
    assert model.openai_api_base == "http://127.0.0.1:9/v1"
    assert model.openai_api_key.get_secret_value() == "not-needed"  # local servers need no key
    assert (model.request_timeout, model.max_retries, model.temperature) == (30.0, 1, 0.2)
    # compatible servers read max_tokens, not the max_completion_tokens ChatOpenAI would send
    assert model.extra_body == {"max_tokens": 300} and model.max_tokens is None
    assert describe_model() == "openai:qwen-plus@http://127.0.0.1:9/v1"
    assert not model_is_small()


def test_model_name_with_key_selects_openai_itself(monkeypatch):
    monkeypatch.setenv("DRAFTER_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    model = make_chat_model(max_tokens=200)
    assert isinstance(model, EndpointChatModel)
    assert model.openai_api_key.get_secret_value() == "sk-test"
    assert model.max_tokens == 200
    assert describe_model() == "openai:gpt-4o-mini@https://api.openai.com/v1"


def test_model_name_without_key_or_url_stays_local(monkeypatch, fake_embedded):
    """Nothing is sent anywhere unless an endpoint is really configured."""
    monkeypatch.setenv("DRAFTER_MODEL", "gpt-4o-mini")
    assert isinstance(make_chat_model(), LlamaChatModel)
    assert select_backend().kind == "embedded"


def test_base_url_without_model_name_uses_the_servers_default():
    backend = select_backend(Settings(openai_base_url="http://127.0.0.1:8080/v1"))
    assert (backend.kind, backend.model) == ("openai", "default")


def test_api_key_never_shows_when_a_backend_is_printed(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-123")
    backend = select_backend()
    assert backend.api_key is not None and backend.api_key.get_secret_value() == "sk-secret-123"
    assert "sk-secret-123" not in repr(backend) and "sk-secret-123" not in backend.describe()


def test_empty_endpoint_variable_means_no_endpoint(monkeypatch, fake_embedded):
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    assert select_backend().kind == "embedded"


def test_fake_model_setting_wins_and_needs_no_weights(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_FAKE_MODEL", "1")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("DRAFTER_GGUF", str(tmp_path / "absent.gguf"))
    model = make_chat_model(purpose="outline")
    assert isinstance(model, RuleBasedChatModel)
    assert "purpose:outline" in model.tags and "backend:fake" in model.tags
    assert describe_model() == "fake:rule-based"
    assert model.invoke("要点：完成培训3期").content == "认真落实工作部署，完成培训3期，取得积极成效。"


def test_unusable_setting_is_a_chinese_settings_error(monkeypatch):
    monkeypatch.setenv("DRAFTER_TIMEOUT", "半小时")
    with pytest.raises(SettingsError, match="DRAFTER_TIMEOUT='半小时'.*请改正"):
        get_settings()


def test_settings_read_the_environment_when_asked_not_at_import(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "one"))
    assert get_settings().home == tmp_path / "one"
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "two"))
    assert get_settings().drafts_db == tmp_path / "two" / "drafts.sqlite3"
    assert get_settings(home=tmp_path / "flag").home == tmp_path / "flag"  # a flag wins over the variable


def environment_reads(source: str) -> list[int]:
    """Lines that read os.environ / os.getenv; setting a third-party library's variable is allowed."""
    tree = ast.parse(source)
    setters = {id(node.func.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
               and isinstance(node.func, ast.Attribute) and node.func.attr == "setdefault"}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb")
            and id(node) not in setters]


def test_settings_is_the_only_reader_of_the_environment():
    root = Path(__file__).resolve().parent.parent
    readers = {str(path.relative_to(root)): lines for path in [*root.glob("drafter/**/*.py"), *root.glob("ui/**/*.py")]
               if path.name != "settings.py" and (lines := environment_reads(path.read_text(encoding="utf-8")))}
    assert readers == {}, "read the environment through drafter.settings.get_settings()"
    assert environment_reads("import os\nos.environ.setdefault('X', '1')\nos.environ.get('Y')\n") == [3]

def test_cli_reports_unusable_settings_in_one_chinese_line(monkeypatch):
    monkeypatch.setenv("DRAFTER_TIMEOUT", "abc")
    result = CliRunner().invoke(main, ["drafts", "list"])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：设置有误：DRAFTER_TIMEOUT='abc'") and "Traceback" not in result.stderr


def test_debug_setting_lets_an_internal_error_through(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(DraftStore, "list_drafts", broken)
    result = CliRunner().invoke(main, ["drafts", "list"])
    assert result.exit_code == 2 and "内部错误：RuntimeError: boom" in result.stderr
    monkeypatch.setenv("DRAFTER_DEBUG", "1")
    result = CliRunner().invoke(main, ["drafts", "list"])
    assert isinstance(result.exception, RuntimeError)


class EmbeddingsEndpoint(BaseHTTPRequestHandler):
    """The /v1/embeddings route of an OpenAI-compatible server: records requests, answers [len(text), 1, 0]."""

    received: list[tuple[str, str, dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append((self.path, self.headers["Authorization"], body))
        data = [{"object": "embedding", "index": index, "embedding": [float(len(text)), 1.0, 0.0]}
                for index, text in enumerate(body["input"])]
        payload = json.dumps({"object": "list", "data": data, "model": body["model"],
                              "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


def test_openai_embeddings_send_plain_strings_to_the_configured_endpoint(monkeypatch):
    """``openai:<model>`` is built by LangChain's init_embeddings; compatible servers need strings, not token ids."""
    EmbeddingsEndpoint.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), EmbeddingsEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
        embeddings = make_embeddings(get_settings(embedding="openai:bge-m3"))
        vectors = embeddings.embed_documents(["完成水库除险加固3座。", "开展防汛演练2次。"])
        monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
        query = make_embeddings(get_settings(embedding="openai:bge-m3")).embed_query("水库防汛")
    finally:
        server.shutdown()
        thread.join()
    assert vectors == [[11.0, 1.0, 0.0], [9.0, 1.0, 0.0]] and query == [4.0, 1.0, 0.0]
    (path, key, documents), (_, query_key, asked) = EmbeddingsEndpoint.received
    assert path == "/v1/embeddings" and documents["model"] == "bge-m3"
    assert documents["input"] == ["完成水库除险加固3座。", "开展防汛演练2次。"] and asked["input"] == ["水库防汛"]
    assert (key, query_key) == ("Bearer not-needed", "Bearer sk-local")


def test_unreachable_endpoint_raises_model_error(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("DRAFTER_TIMEOUT", "5")
    model = make_chat_model(max_tokens=8)
    with pytest.raises(ModelError, match="连不上模型端点"):
        model.invoke("你好")
    with pytest.raises(ModelError, match="OPENAI_BASE_URL"):
        list(model.stream("你好"))


# --- token counting ------------------------------------------------------------------------------


def test_count_tokens_works_offline():
    # pytest-socket blocks the download tiktoken would otherwise attempt
    assert count_tokens("hello world") == 2
    assert count_tokens("") == 0
    assert 5 <= count_tokens("今年上半年工作总结") <= 12


# --- the fake ------------------------------------------------------------------------------------


def test_fake_replies_in_order_and_records_prompts():
    model = FakeChatModel(replies=["第一", "第二"])
    assert model.invoke([SystemMessage("系统"), HumanMessage("甲")]).content == "第一"
    assert model.invoke("乙").content == "第二"
    assert model.calls == 2
    assert [message.content for message in model.prompts[0]] == ["系统", "甲"]
    assert model.prompt_text() == "乙"
    with pytest.raises(AssertionError, match="no canned reply"):
        model.invoke("丙")


def test_fake_computes_replies_from_the_prompt_and_reports_usage():
    model = FakeChatModel(respond=lambda messages: f"收到：{messages[-1].content}")
    reply = model.invoke("加强安全生产")
    assert reply.content == "收到：加强安全生产"
    assert reply.usage_metadata["output_tokens"] == count_tokens("收到：加强安全生产")


def test_fake_streams_in_several_chunks():
    model = FakeChatModel(replies=["一是加强组织领导，二是强化督查考核。"], chunk_chars=4)
    chunks = list(model.stream("写"))
    assert len([chunk for chunk in chunks if chunk.content]) == 5
    assert "".join(chunk.content for chunk in chunks) == "一是加强组织领导，二是强化督查考核。"
    assert chunks[-1].usage_metadata["total_tokens"] > 0


def test_fake_fails_on_the_chosen_call():
    model = FakeChatModel.timing_out_on(2, default_reply="好")
    assert model.invoke("一").content == "好"
    with pytest.raises(ModelError, match="超时"):
        model.invoke("二")
    assert model.invoke("三").content == "好"
    custom = FakeChatModel(replies=["x"], errors={1: TimeoutError("slow")})
    with pytest.raises(TimeoutError):
        list(custom.stream("一"))
    assert custom.calls == 1


# --- the real models (marked) --------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_gguf() -> Path:
    # find_spec, not importorskip: importing llama_cpp here would bypass llama_chat.import_llama_cpp
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is installed by scripts/install.sh")
    try:
        return models.embedded_model_path(TEST_MODEL, progress=False, cache_dir=REAL_MODEL_CACHE)
    except ModelError as error:
        pytest.skip(str(error))


@pytest.mark.model
def test_embedded_model_answers_in_chinese_streaming_and_counting(real_gguf, monkeypatch):
    monkeypatch.setenv("DRAFTER_GGUF", str(real_gguf))
    model = make_chat_model(temperature=0.0, max_tokens=64)
    messages = [
        SystemMessage("你是政府办公室的文字秘书，用简体中文回答。"),
        HumanMessage("用一句话说明安全生产的重要性。"),
    ]
    chunks = list(model.stream(messages))
    text = "".join(str(chunk.content) for chunk in chunks)
    assert len([chunk for chunk in chunks if chunk.content]) >= 3
    assert len(CJK.findall(text)) >= 5, text
    usage = next(chunk.usage_metadata for chunk in chunks if chunk.usage_metadata)
    assert 0 < usage["output_tokens"] <= 64
    assert usage["input_tokens"] > count_tokens(messages[1].content, model)  # the chat template adds tokens
    assert count_tokens(text, model) == usage["output_tokens"]

    reply = model.invoke(messages)
    assert isinstance(reply, AIMessage) and CJK.search(str(reply.content))
    assert reply.usage_metadata["output_tokens"] <= 64
    assert reply.response_metadata["finish_reason"] in {"stop", "length"}


@pytest.mark.model
def test_models_share_one_loaded_llama(real_gguf):
    first = LlamaChatModel(model_path=real_gguf)
    second = LlamaChatModel(model_path=real_gguf, temperature=0.9)
    assert first.llama is second.llama


@pytest.mark.model
def test_timeout_raises_model_error_and_frees_the_model(real_gguf):
    slow = LlamaChatModel(model_path=real_gguf, max_tokens=200, timeout=1e-6)
    with pytest.raises(ModelError, match="超时"):
        slow.invoke("写一段三百字的工作总结。")
    quick = LlamaChatModel(model_path=real_gguf, max_tokens=4, timeout=60)
    assert quick.invoke("你好").usage_metadata["output_tokens"] <= 4


@pytest.mark.model
def test_stop_sequences_end_the_reply(real_gguf):
    model = LlamaChatModel(model_path=real_gguf, max_tokens=48, temperature=0.0)
    reply = model.invoke("用三句话介绍安全生产，句子之间用逗号隔开。", stop=["，", "。", ","])
    assert reply.content and not re.search(r"[，。,]", str(reply.content)), reply.content
    assert reply.response_metadata["finish_reason"] == "stop"


@pytest.mark.model
def test_a_grammar_keeps_the_reply_to_the_given_words(real_gguf):
    from drafter.models.grammar import Phrase, phrase_grammar

    model = LlamaChatModel(model_path=real_gguf, max_tokens=24, temperature=0.0)
    grammar = phrase_grammar(Phrase(["扎实推进", "持续做好"], ["不动产", "登记"], ["工作", "建设", "服务"], ["和"], 3))
    reply = str(model.invoke("为一条工作总结写一个以“全面排查”开头的短语，内容是安全隐患排查。", grammar=grammar).content)
    general = "(工作|建设|服务)"
    assert re.fullmatch(rf"(扎实推进|持续做好){general}{{0,2}}(不动产|登记)(和?(不动产|登记|{general[1:-1]})){{0,2}}", reply), reply


def test_the_runner_passes_a_grammar_only_to_a_model_that_takes_one():
    from drafter.models.runner import ModelRunner

    class Recording(FakeChatModel):
        options: list[dict] = Field(default_factory=list)

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            self.options.append(kwargs)
            return super()._generate(messages, stop, run_manager)

    class TakingGrammar(Recording):
        supports_grammar: ClassVar[bool] = True

    plain, taking = Recording(default_reply="好"), TakingGrammar(default_reply="好")
    for model in (plain, taking):
        assert ModelRunner(model).ask("lead", [HumanMessage("写")], grammar='root ::= "好"', max_tokens=4) == "好"
    assert plain.options[-1] == {"max_tokens": 4}  # an endpoint would refuse an option it does not know
    assert taking.options[-1] == {"grammar": 'root ::= "好"', "max_tokens": 4}
    ModelRunner(taking).ask("lead", [HumanMessage("写")], grammar=None, max_tokens=4)
    assert taking.options[-1] == {"max_tokens": 4}  # words that make no phrase: no grammar at all


@pytest.mark.model
def test_prompt_longer_than_the_context_is_refused(real_gguf):
    model = LlamaChatModel(model_path=real_gguf, max_tokens=4)
    with pytest.raises(ModelError, match="上下文"):
        model.invoke("工作" * 5000)


# --- an OpenAI-compatible server (marked) --------------------------------------------------------



def wait_for_models(base_url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"llama_cpp.server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("llama_cpp.server did not answer /v1/models in time")


@pytest.mark.server
def test_openai_compatible_server_round_trip(real_gguf, monkeypatch, tmp_path):
    if importlib.util.find_spec("sse_starlette") is None:
        pytest.skip("needs llama-cpp-python[server] (scripts/install.sh installs it)")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    log = (tmp_path / "server.log").open("wb")
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(real_gguf), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"]  # fmt: skip
    environment = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}  # see llama_chat.import_llama_cpp
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
    try:
        wait_for_models(base_url, server)
        monkeypatch.setenv("OPENAI_BASE_URL", base_url)
        model = make_chat_model(temperature=0.0, max_tokens=32)
        assert describe_model() == f"openai:default@{base_url}"
        reply = model.invoke([HumanMessage("用一句中文问好。")])
        assert CJK.search(str(reply.content)), reply.content
        assert 0 < reply.usage_metadata["output_tokens"] <= 32  # the server honoured max_tokens
    finally:
        stop_process(server)
        log.close()

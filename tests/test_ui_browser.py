"""End to end in headless Chromium against `drafter ui` with the rule-based fake model.

Paste notes → draft; revise by chat; edit one section and regenerate another in the review
tab; compare versions; download the .docx and open it. Screenshots go to tests/artifacts/
and, with DRAFTER_UPDATE_SCREENSHOTS=1, one per tab to docs/screenshots/ (the README's).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port, stop_process

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
SCREENSHOTS = REPO / "docs" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
NOTES = (
    "完成国土空间规划编制<script>window.pwned=1</script>，通过省级审查\n"
    "供应土地320亩，保障重点项目12个\n"
    "问题：部分规划执行不到位\n"
    "下半年：深化审批制度改革"
)
OTHER_NOTES = "开展耕地保护专项检查\n整改问题图斑45个\n问题：执法力量不足\n下半年：加强执法队伍建设"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium 不存在：请运行 apt-get install -y chromium"),
]



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("ui-home")
    port = free_port()
    environment = {**os.environ, "DRAFTER_HOME": str(home), "DRAFTER_FAKE_MODEL": "1",
                   "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    for variable in ("DRAFTER_USERNAME", "DRAFTER_PASSWORD", "DRAFTER_MODEL", "DRAFTER_GGUF"):
        environment.pop(variable, None)
    log = open(home / "server.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "drafter", "ui", "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=REPO)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("drafter ui did not start:\n" + (home / "server.log").read_text())
            time.sleep(0.3)
    yield url
    stop_process(process)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def screenshot(page, name: str, publish: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    # The README's screenshots are refreshed on request, so a test run leaves the tree clean.
    if publish and os.environ.get("DRAFTER_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / f"{name}.png")


def send_notes(page, notes: str) -> None:
    page.locator("#chat-input textarea").fill(notes)
    page.locator("#send").click()
    page.locator("#chatbot").get_by_text("已生成草稿").wait_for(timeout=30_000)


def test_draft_revise_edit_regenerate_diff_and_download(server, browser, tmp_path):
    import docx

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    send_notes(page, NOTES)
    chat = page.locator("#chatbot")
    assert "供应土地320亩" in chat.inner_text()
    assert page.evaluate("window.pwned") is None, "a <script> in the notes must not run"

    page.locator("#chat-input textarea").fill("第二部分写得更简练些")
    page.locator("#send").click()
    chat.get_by_text("已按意见重写 二").wait_for(timeout=30_000)
    screenshot(page, "ui-chat", publish=True)

    page.get_by_role("tab", name="审阅").click()
    first = page.locator("#unit-text-0 textarea")
    first.wait_for(timeout=10_000)
    heading = first.input_value().split("。")[0] + "。"
    edited = heading + "\n一是经审阅人手工改写的内容。二是审阅人补充的第二条。"
    first.fill(edited)
    page.locator("#unit-save-0").click()
    page.get_by_text("第 3 版（手工修改").wait_for(timeout=15_000)
    assert "🔒 已锁定" in page.locator("#unit-0").first.inner_text()

    page.locator("#unit-feedback-1 textarea").fill("写得更简练些")
    page.locator("#unit-regenerate-1").click()
    page.get_by_text("第 4 版（重新生成").wait_for(timeout=30_000)
    assert "经审阅人手工改写的内容" in page.locator("#unit-text-0 textarea").input_value()

    page.locator("#diff-old input").fill("1")
    page.locator("#diff-new input").fill("4")
    page.locator("#compare").click()
    page.locator("#diff-view ins").first.wait_for(state="attached", timeout=10_000)
    diff_view = page.locator("#diff-view").first
    assert "审阅人补充的第二条" in diff_view.locator("ins").all_inner_texts()
    assert "一.（一）" in diff_view.inner_text() and "二 存在的问题（修改）" in diff_view.inner_text()
    assert diff_view.locator("script").count() == 0
    screenshot(page, "ui-review", publish=True)

    page.locator("#export").click()
    link = page.locator("#docx-file a").first
    link.wait_for(timeout=15_000)
    with page.expect_download() as download_info:
        link.click()
    target = tmp_path / "draft.docx"
    download_info.value.save_as(target)
    paragraphs = [paragraph.text for paragraph in docx.Document(str(target)).paragraphs]
    assert "一是经审阅人手工改写的内容。二是审阅人补充的第二条。" in paragraphs
    assert any("部分规划执行不到位" in paragraph for paragraph in paragraphs)

    page.get_by_role("tab", name="资料库").click()
    page.locator("#search-query").wait_for(timeout=10_000)
    screenshot(page, "ui-corpus", publish=True)
    page.close()


def test_two_sessions_keep_separate_drafts(server, browser):
    first_context, second_context = browser.new_context(), browser.new_context()
    first, second = first_context.new_page(), second_context.new_page()
    first.goto(server)
    second.goto(server)
    send_notes(first, NOTES)
    send_notes(second, OTHER_NOTES)
    assert "耕地保护" not in first.locator("#chatbot").inner_text()
    assert "供应土地320亩" not in second.locator("#chatbot").inner_text()
    for page, own, other in ((first, "完成国土空间规划编制", "耕地保护"), (second, "耕地保护", "完成国土空间规划编制")):
        page.get_by_role("tab", name="审阅").click()
        page.locator("#unit-text-0 textarea").wait_for(timeout=10_000)
        review = page.locator("#unit-text-0 textarea").input_value() + page.locator("body").inner_text()
        assert own in review and other not in review
    picked = [page.locator("#draft-picker input").input_value() for page in (first, second)]
    assert picked[0] != picked[1] and all("：" in value for value in picked), picked
    first_context.close()
    second_context.close()

"""Who owns a draft: password hashes, users files, browser tokens, and owners kept apart."""

from __future__ import annotations

import pytest

from drafter.errors import SettingsError
from drafter.review.identity import (
    add_user,
    browser_owner,
    hash_password,
    load_users,
    new_browser_token,
    server_secret,
    user_owner,
    verify_password,
)
from drafter.review.versions import DraftStore
from tests.test_review import fake_check
from tests.test_ui import fake_draft


def test_passwords_are_stored_as_salted_scrypt_hashes():
    first, second = hash_password("机关2024"), hash_password("机关2024")
    assert first.startswith("scrypt$") and "机关2024" not in first and first != second  # salted
    assert verify_password(first, "机关2024") and verify_password(second, "机关2024")
    assert not verify_password(first, "机关2025")
    assert not verify_password("plain-text", "plain-text") and not verify_password("scrypt$x$y", "x")


def test_users_file_holds_several_people_and_refuses_plain_passwords(tmp_path):
    path = tmp_path / "users.toml"
    add_user(path, "zhangsan", "甲的密码")
    add_user(path, "lisi", "乙的密码")
    add_user(path, "zhangsan", "甲的新密码")  # replaces, keeps the others
    text = path.read_text(encoding="utf-8")
    assert "甲的" not in text and "乙的" not in text
    users = load_users(path)
    assert users.enabled and sorted(users.hashes) == ["lisi", "zhangsan"]
    assert users.verify("zhangsan", "甲的新密码") and not users.verify("zhangsan", "甲的密码")
    assert users.verify("lisi", "乙的密码") and not users.verify("lisi", "甲的新密码")
    assert not users.verify("wangwu", "乙的密码")
    path.write_text('[users.zhangsan]\npassword = "123456"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="不能写明文"):
        load_users(path)
    path.write_text("[users\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="无法读取"):
        load_users(path)


def test_environment_user_and_no_users():
    assert not load_users(__import__("pathlib").Path("/nonexistent/users.toml")).enabled
    users = load_users(__import__("pathlib").Path("/nonexistent/users.toml"), ("bgs", "口令"))
    assert users.enabled and users.verify("bgs", "口令") and not users.verify("bgs", "口令2")


def test_browser_owner_ids_hide_the_token_and_reject_forgeries(tmp_path):
    secret = server_secret(tmp_path)
    assert server_secret(tmp_path) == secret  # kept: browser identities survive a restart
    assert (tmp_path / "ui-secret").stat().st_mode & 0o077 == 0
    token = new_browser_token()
    owner = browser_owner(token, secret)
    assert owner.startswith("browser:") and token not in owner
    assert browser_owner(token, secret) == owner and browser_owner(new_browser_token(), secret) != owner
    assert browser_owner(token, "another-server-secret-0123456789abcdef") != owner
    for forged in ("", "user:zhangsan", owner, "../../etc", token.upper()):
        with pytest.raises(ValueError):
            browser_owner(forged, secret)
    assert user_owner("zhangsan") == "user:zhangsan" != browser_owner(token, secret)


def test_the_store_lists_and_opens_only_an_owners_drafts(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3", draft=fake_draft, check=fake_check)
    notes = "完成规划编制\n供应土地320亩\n部分规划执行不到位\n下半年深化改革"
    alice, bob = user_owner("alice"), browser_owner(new_browser_token(), "s" * 64)
    mine = [store.draft(notes, model=None, owner=alice) for _ in range(2)]
    theirs = store.draft(notes, model=None, owner=bob)
    assert [d.id for d in store.list_drafts(owner=alice)] == mine
    assert [d.id for d in store.list_drafts(owner=bob)] == [theirs]
    assert store.list_drafts(owner=user_owner("carol")) == []

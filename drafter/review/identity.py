"""Who owns a draft: logged-in users and browsers, as owner ids for ``DraftStore``.

Two kinds of identity reach the web app:

- a **user** who logged in (``DRAFTER_USERNAME``/``DRAFTER_PASSWORD``, or one of several people in
  a users file, ``$DRAFTER_HOME/users.toml``) owns ``user:<name>``;
- without login, a **browser** keeps a random token in its localStorage; it owns
  ``browser:<HMAC of the token>``, so the drafts database never holds the token itself and
  knowing an owner id does not let anyone claim its drafts.

The users file holds only password hashes (scrypt)::

    [users.zhangsan]
    password = "scrypt$16384$8$1$<salt hex>$<hash hex>"

``hash_password`` makes such a line; ``drafter ui --add-user NAME`` writes it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import SettingsError

USER_PREFIX = "user:"
BROWSER_PREFIX = "browser:"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
USERNAME_RE = re.compile(r"^[\w.@-]{1,64}$")
# scrypt cost: 16 MiB of memory per check, about 50 ms; enough to make a stolen file slow to guess.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SECRET_FILE = "ui-secret"


# --- passwords ----------------------------------------------------------------------------


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` for a users file."""
    if not password:
        raise SettingsError("密码不能为空。")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches a ``hash_password`` string; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(bytes.fromhex(expected)))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


# --- users --------------------------------------------------------------------------------


@dataclass
class Users:
    """The people who may log in: name → password hash, plus the one from the environment."""

    hashes: dict[str, str] = field(default_factory=dict)
    env_user: tuple[str, str] | None = None  # DRAFTER_USERNAME / DRAFTER_PASSWORD, as given

    @property
    def enabled(self) -> bool:
        return bool(self.hashes) or self.env_user is not None

    def verify(self, username: str, password: str) -> bool:
        if self.env_user is not None and hmac.compare_digest(username, self.env_user[0]):
            return hmac.compare_digest(password.encode(), self.env_user[1].encode())
        stored = self.hashes.get(username)
        return stored is not None and verify_password(stored, password)


def load_users(path: Path, env_user: tuple[str, str] | None = None) -> Users:
    """Read a users file (absent: no users from it); a broken file is a clear error, never a silent open door."""
    users = Users(env_user=env_user)
    if not path.is_file():
        return users
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"用户文件 {path} 无法读取（{error}）；请改正后重试。") from error
    for name, entry in (data.get("users") or {}).items():
        stored = entry.get("password", "") if isinstance(entry, dict) else ""
        if not USERNAME_RE.match(name) or not str(stored).startswith("scrypt$"):
            raise SettingsError(
                f"用户文件 {path} 中用户“{name}”的设置无效：密码须为 scrypt 散列（用 drafter ui --add-user 生成），"
                "不能写明文。"
            )
        users.hashes[name] = stored
    return users


def add_user(path: Path, username: str, password: str) -> None:
    """Add or replace one user in a users file, keeping the others."""
    if not USERNAME_RE.match(username):
        raise SettingsError(f"用户名“{username}”无效：只能用字母、数字、下划线、点、@ 和 -，最长 64 个字符。")
    users = load_users(path)
    users.hashes[username] = hash_password(password)
    lines = ["# drafter 网页版的用户（密码为 scrypt 散列，由 drafter ui --add-user 写入）", ""]
    for name, stored in sorted(users.hashes.items()):
        lines += [f'[users."{name}"]', f'password = "{stored}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)


# --- owner ids ----------------------------------------------------------------------------


def user_owner(username: str) -> str:
    return USER_PREFIX + username


def new_browser_token() -> str:
    return secrets.token_hex(16)


def browser_owner(token: str, secret: str) -> str:
    """The owner id of a browser's token; a malformed token (tampered storage) gets none."""
    if not TOKEN_RE.match(token or ""):
        raise ValueError("not a browser token")
    return BROWSER_PREFIX + hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()[:32]


def server_secret(home: Path) -> str:
    """A random secret kept under DRAFTER_HOME, so browser identities survive server restarts."""
    path = home / SECRET_FILE
    try:
        if path.is_file():
            text = path.read_text(encoding="utf-8").strip()
            if len(text) >= 32:
                return text
        home.mkdir(parents=True, exist_ok=True)
        text = secrets.token_hex(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        return text
    except OSError as error:
        raise SettingsError(f"无法读写 {path}（{error.strerror}）；请检查 DRAFTER_HOME 的权限。") from error

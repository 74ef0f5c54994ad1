"""`drafter ui`: start the web app (Gradio) on this machine."""

from __future__ import annotations

import click

from drafter.settings import get_settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；供局域网内同事使用时设为 0.0.0.0，并设置 DRAFTER_USERNAME/DRAFTER_PASSWORD。")
@click.option("--port", type=int, default=7860, show_default=True, help="端口。")
@click.option("--add-user", metavar="NAME", help="在用户文件（$DRAFTER_HOME/users.toml）中添加或更新一个用户，然后退出。")
def ui(host: str, port: int, add_user: str | None) -> None:
    """启动网页版起草助手（对话起草、逐节审阅、版本比较、资料库搜索、导出 Word）。

    \b
    例：drafter ui
        DRAFTER_USERNAME=bgs DRAFTER_PASSWORD=… drafter ui --host 0.0.0.0 --port 8080
        drafter ui --add-user zhangsan      # 多人使用：每人一个账号，草稿互不可见
    设置 DRAFTER_FAKE_MODEL=1 时使用内置的规则演示模型（不调用语言模型，用于演示和测试）。
    """
    from drafter.review.identity import add_user as add_user_to_file
    from drafter.review.identity import load_users

    settings = get_settings()
    if add_user:
        password = click.prompt(f"{add_user} 的密码", hide_input=True, confirmation_prompt=True)
        add_user_to_file(settings.users_path, add_user, password)
        click.echo(f"已保存用户 {add_user}（{settings.users_path}）。")
        return
    from ui.app import App, launch

    env_user = (settings.username, settings.password) if settings.username and settings.password else None
    if host not in ("127.0.0.1", "localhost", "::1") and not load_users(settings.users_path, env_user).enabled:
        click.echo("提示：正在对外监听但未设置 DRAFTER_USERNAME/DRAFTER_PASSWORD 或用户文件，任何能访问此端口的人都能使用。",
                   err=True)
    click.echo(f"起草助手网页版：http://{host}:{port}/（按 Ctrl+C 停止）")
    # The app asks the model factory on first use, so DRAFTER_FAKE_MODEL=1 reaches it there.
    launch(App(), host=host, port=port)


COMMANDS = [ui]

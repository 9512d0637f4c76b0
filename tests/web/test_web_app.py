"""The desk's security rules over HTTP, without a browser (the quick loop): one use per link, CSRF on every
post, cookie flags, officers kept to their agency; `web-link` on the command line; the desk beside `run`."""

from __future__ import annotations

import asyncio
import json
import socket
from datetime import datetime, timedelta

import httpx
from contextlib import contextmanager

from bot.domain.texts import web as web_texts
from bot.web import auth, server
from bot.web.app import create_app
from tests.web.conftest import desk_parts


@contextmanager
def _client(parts):
    """An HTTP client of the desk served on 127.0.0.1 (a real server in a thread)."""
    store, clock, config = parts
    with server.in_thread(create_app(store, clock, config)) as url, httpx.Client(base_url=url) as client:
        yield client


def _sign_in(client: httpx.Client, parts, key: str, role: str = "officer"):
    store, clock, config = parts
    path, _, _ = auth.new_link(store, config, agency_key=key, role=role, now=clock.now())
    token = path.rsplit("/", 1)[1]
    form = client.get(path)
    assert form.status_code == 200 and auth.login_csrf(config, token) in form.text
    return token, client.post(
        "/dang-nhap", data={"token": token, "csrf": auth.login_csrf(config, token)}, follow_redirects=False
    )


def test_link_once_cookie_flags_and_csrf(sqlite_url, plan, directory):
    parts = desk_parts(sqlite_url, plan, directory)
    with _client(parts) as client:
        assert client.get("/").status_code == 401
        token, answer = _sign_in(client, parts, "vp-ubnd-tinh", "coordinator")
        assert answer.status_code == 303
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=43200" in cookie
        assert client.get("/").status_code == 200
        again = httpx.post(
            str(client.base_url.join("/dang-nhap")), data={"token": token, "csrf": auth.login_csrf(parts[2], token)}
        )
        assert again.status_code == 403 and web_texts.LOGIN_REFUSED["used"] in again.text
        assert client.post("/can-bo/moi", data={"agency": "so-tu-phap"}).status_code == 403
        session = auth.unsign_session(parts[2], client.cookies.get("nhacviec_phien"))
        ok = client.post(
            "/can-bo/moi", data={"agency": "so-tu-phap", "role": "officer", "csrf": auth.csrf_token(parts[2], session)}
        )
        assert ok.status_code == 200 and "?start=" in ok.text and "<svg" in ok.text
        assert client.post("/dang-xuat", data={}).status_code == 403  # sign-out needs its token too
        assert client.post("/dang-xuat", data={"csrf": auth.csrf_token(parts[2], session)}).status_code == 200
        assert client.get("/").status_code == 401
    parts[0].engine.dispose()


def test_a_forged_cookie_is_no_session(sqlite_url, plan, directory):
    parts = desk_parts(sqlite_url, plan, directory)
    with _client(parts) as client:
        assert client.get("/", headers={"Cookie": "nhacviec_phien=abc.def"}).status_code == 401
    parts[0].engine.dispose()


def test_officer_sees_only_its_agency(sqlite_url, plan, directory):
    parts = desk_parts(sqlite_url, plan, directory)
    store = parts[0]
    ids = store.web_agency_ids()
    data = store.report_data(zone=parts[2].zone)
    with _client(parts) as client:
        _sign_in(client, parts, "so-tu-phap")
        mine = {r["item_id"] for r in data.rows if r["agency_id"] == ids["so-tu-phap"]}
        other = next(
            r["item_id"]
            for r in data.rows
            if r["type"] == "task"
            and ids["so-tu-phap"] not in {w.agency_id for w in store.item_by_id(item_id=r["item_id"]).assignments}
        )
        assert client.get(f"/nhiem-vu/{min(mine)}").status_code == 200
        assert client.get(f"/nhiem-vu/{other}").status_code == 404
        assert client.get("/nhiem-vu/999999").status_code == 404
        assert client.get("/co-quan").status_code == 403
        assert client.get("/bao-cao").status_code == 403
        summary = client.get("/")
        assert summary.status_code == 200 and web_texts.WITHOUT_OFFICER.split("(")[0] not in summary.text
    store.engine.dispose()


def test_web_link_prints_a_url_valid_15_minutes(cli):
    assert cli("--today", "3/7/2023", "init")[0] == 0
    code, out, _ = cli("--today", "3/7/2023", "web-link", "Sở Tư pháp", "--json")
    assert code == 0
    got = json.loads(out)
    assert got["url"].startswith("http://127.0.0.1:8080/dang-nhap/") and got["agency"] == "Sở Tư pháp"
    assert datetime.fromisoformat(got["expires_at"]) - datetime.fromisoformat("2023-07-03T09:00:00+07:00") == timedelta(
        minutes=15
    )
    code, out, err = cli("web-link", "Không có cơ quan này")
    assert code == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_run_serves_the_desk_beside_the_bot_when_web_port_is_set(tmp_path, monkeypatch):
    from bot.cli import web_cmds
    from bot.cli.app import App
    from bot.ports import SystemClock
    from config.settings import load_settings

    port = _free_port()
    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'd.db'}", web_port=port, _env_file=None)
    app = App(settings, SystemClock())
    assert web_cmds.start_beside(App(load_settings(_env_file=None), SystemClock())) is None
    handle = web_cmds.start_beside(app)
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(200):
                try:
                    answer = await client.get(f"http://127.0.0.1:{port}/static/trang-tinh.html")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.02)
            assert answer.status_code == 200
    finally:
        await web_cmds.stop_beside(handle)
    assert handle[0].done()

"""Kế hoạch over HTTP (the quick loop; the browser test drives the same page): a signed plan uploaded is
read as ``plan import`` reads it, row by row with the cells it did not understand marked; loaded as
``init --plan`` loads it only when the database holds no plan of that slug; bad files change nothing."""

from __future__ import annotations

from contextlib import contextmanager

import httpx

from bot.domain.texts import web as web_texts
from bot.files.directory_new import write_new
from bot.web import auth, server
from bot.web.app import create_app
from tests.e2e.own_plan_doc import MISSING_BODY, quang_ninh_2026
from tests.plan_documents import to_docx
from tests.web.conftest import ZONE, desk_parts


@contextmanager
def _desk(sqlite_url, plan, directory, role: str = "coordinator"):
    store, clock, config = desk_parts(sqlite_url, plan, directory)
    key = "vp-ubnd-tinh" if role == "coordinator" else "so-tu-phap"
    try:
        with server.in_thread(create_app(store, clock, config)) as url, httpx.Client(base_url=url) as client:
            path, _, _ = auth.new_link(store, config, agency_key=key, role=role, now=clock.now())
            token = path.rsplit("/", 1)[1]
            client.post("/dang-nhap", data={"token": token, "csrf": auth.login_csrf(config, token)})
            csrf = auth.csrf_token(config, auth.unsign_session(config, client.cookies.get("nhacviec_phien")))
            yield client, csrf, store
    finally:
        store.engine.dispose()


def plan_files(tmp_path) -> tuple[bytes, bytes]:
    """Quảng Ninh's plan as a DOCX, and the province's directory as ``directory new`` writes it."""
    to_docx(quang_ninh_2026(), tmp_path / "kh-617.docx")
    write_new("Quảng Ninh", tmp_path / "dm-qn.yaml")
    return (tmp_path / "kh-617.docx").read_bytes(), (tmp_path / "dm-qn.yaml").read_bytes()


def _slugs(store) -> set[str]:
    return {p for p in ("quang-ninh-2026",) if store.has_plan(plan_slug=p)}


def test_read_then_load_a_plan_document(sqlite_url, plan, directory, tmp_path):
    docx, dm = plan_files(tmp_path)
    with _desk(sqlite_url, plan, directory) as (client, csrf, store):
        assert client.get("/ke-hoach").status_code == 200
        files = {"file": ("kh-617.docx", docx), "directory": ("dm-qn.yaml", dm)}
        read = client.post("/ke-hoach/doc", data={"csrf": csrf}, files=files)
        assert read.status_code == 200, read.text
        assert read.text.count("<tr") == 1 + 9  # the header and the plan's nine items
        assert 'class="unclear"' in read.text and f"“{MISSING_BODY}”: {web_texts.PLAN_UNKNOWN_AGENCY}" in read.text
        assert web_texts.PLAN_UNCLEAR.format(n=1) in read.text
        assert 'id="plan-load"' in read.text and _slugs(store) == set()  # nothing loaded before confirming
        draft = read.text.split('name="draft" value="')[1].split('"')[0]
        assert client.post("/ke-hoach/nap", data={"draft": draft}).status_code == 403  # no CSRF token
        assert _slugs(store) == set()

        loaded = client.post("/ke-hoach/nap", data={"csrf": csrf, "draft": draft})
        assert loaded.status_code == 200 and "Đã nạp Kế hoạch quang-ninh-2026: 9 mục" in loaded.text
        assert _slugs(store) == {"quang-ninh-2026"}
        (row,) = [e for e in store.audit_entries(zone=ZONE) if e.action == "plan_loaded"]
        assert row.channel == "web" and row.after["plan"] == "quang-ninh-2026" and row.after["file"] == "kh-617.docx"
        # the same draft twice: gone; the same document again: the plan exists, an amendment's business
        assert client.post("/ke-hoach/nap", data={"csrf": csrf, "draft": draft}).status_code == 410
        again = client.post("/ke-hoach/doc", data={"csrf": csrf}, files=files)
        assert 'id="amend-diff"' in again.text and 'id="plan-load"' not in again.text  # nothing differs
        draft = again.text.split('name="draft" value="')[1].split('"')[0]
        refused = client.post("/ke-hoach/nap", data={"csrf": csrf, "draft": draft})
        assert refused.status_code == 409 and web_texts.PLAN_EXISTS_AMEND.format(slug="quang-ninh-2026") in refused.text


def test_bad_files_are_refused_and_nothing_changes(sqlite_url, plan, directory, tmp_path):
    docx, dm = plan_files(tmp_path)
    with _desk(sqlite_url, plan, directory) as (client, csrf, store):
        before = store.web_data_version()
        no_file = client.post("/ke-hoach/doc", data={"csrf": csrf}, files={"other": ("a.txt", b"x")})
        assert no_file.status_code == 400 and web_texts.PLAN_NO_FILE in no_file.text
        wrong = client.post("/ke-hoach/doc", data={"csrf": csrf}, files={"file": ("kh.txt", b"hello")})
        assert wrong.status_code == 400 and web_texts.PLAN_BAD_TYPE.format(name="kh.txt") in wrong.text
        broken = client.post("/ke-hoach/doc", data={"csrf": csrf}, files={"file": ("kh.docx", b"not a zip")})
        assert broken.status_code == 400 and 'id="plan-error"' in broken.text
        no_table = client.post("/ke-hoach/doc", data={"csrf": csrf}, files={"file": ("kh.csv", "a;b\n1;2\n".encode())})
        assert no_table.status_code == 400 and 'id="plan-error"' in no_table.text
        bad_dm = client.post(
            "/ke-hoach/doc",
            data={"csrf": csrf},
            files={"file": ("kh-617.docx", docx), "directory": ("dm.yaml", b": [")},
        )
        assert bad_dm.status_code == 400 and "dm.yaml" in bad_dm.text
        # no directory of the plan's province: read (deadlines too), agencies not checked, no load offered
        alone = client.post("/ke-hoach/doc", data={"csrf": csrf}, files={"file": ("kh-617.docx", docx)})
        assert alone.status_code == 200 and 'id="no-directory"' in alone.text and 'id="plan-load"' not in alone.text
        assert "Quý II năm 2026" in alone.text
        assert store.web_data_version() == before and _slugs(store) == set()
    with _desk(sqlite_url, plan, directory, role="officer") as (client, csrf, store):
        assert client.get("/ke-hoach").status_code == 403
        files = {"file": ("kh-617.docx", docx), "directory": ("dm-qn.yaml", dm)}
        assert client.post("/ke-hoach/doc", data={"csrf": csrf}, files=files).status_code == 403

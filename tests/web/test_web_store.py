"""Sign-in links and sessions in the store: single use, 15 minutes, hashed; sessions expire and end."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from bot.web.config import LINK_TTL
from storage.store import SqlStore
from tests.conftest import loaded_engine
from tests.web.conftest import NOW


def _store(db_url, plan, directory) -> SqlStore:
    return SqlStore(loaded_engine(db_url, plan, directory, NOW))


def test_a_link_signs_in_once_and_only_its_hash_is_kept(db_url, plan, directory):
    store = _store(db_url, plan, directory)
    name = store.web_create_link(
        agency_key="so-tu-phap", role="officer", token="tok-1", now=NOW, expires_at=NOW + LINK_TTL
    )
    assert name == "Sở Tư pháp"
    with store.engine.connect() as conn:
        assert "tok-1" not in str(conn.execute(text("SELECT token_hash FROM web_link")).all())
    first = store.web_redeem_link(
        token="tok-1", session_token="s-1", now=NOW + timedelta(minutes=1), session_expires_at=NOW + timedelta(hours=12)
    )
    assert first.status == "ok" and first.officer.agency.key == "so-tu-phap" and not first.officer.coordinator
    again = store.web_redeem_link(
        token="tok-1", session_token="s-2", now=NOW + timedelta(minutes=2), session_expires_at=NOW + timedelta(hours=12)
    )
    assert again.status == "used" and again.officer is None
    assert store.web_session_officer(session_token="s-2", now=NOW) is None
    assert (
        store.web_redeem_link(
            token="nope", session_token="s-3", now=NOW, session_expires_at=NOW + timedelta(hours=1)
        ).status
        == "unknown"
    )
    store.engine.dispose()


def test_a_link_expires_after_15_minutes_and_a_session_after_its_time_or_sign_out(db_url, plan, directory):
    store = _store(db_url, plan, directory)
    store.web_create_link(
        agency_key="vp-ubnd-tinh", role="coordinator", token="late", now=NOW, expires_at=NOW + LINK_TTL
    )
    assert (
        store.web_redeem_link(
            token="late", session_token="s", now=NOW + LINK_TTL, session_expires_at=NOW + timedelta(hours=12)
        ).status
        == "expired"
    )
    store.web_create_link(agency_key="vp-ubnd-tinh", role="coordinator", token="ok", now=NOW, expires_at=NOW + LINK_TTL)
    assert (
        store.web_redeem_link(
            token="ok", session_token="s", now=NOW, session_expires_at=NOW + timedelta(hours=12)
        ).status
        == "ok"
    )
    officer = store.web_session_officer(session_token="s", now=NOW + timedelta(hours=11))
    assert officer is not None and officer.coordinator and officer.agency.kind == "province_office"
    assert store.web_session_officer(session_token="s", now=NOW + timedelta(hours=12)) is None
    store.web_end_session(session_token="s", now=NOW + timedelta(hours=1))
    assert store.web_session_officer(session_token="s", now=NOW + timedelta(hours=2)) is None
    store.engine.dispose()


def test_the_data_fingerprint_moves_with_history(sqlite_url, plan, directory):
    store = _store(sqlite_url, plan, directory)
    before = store.web_data_version()
    assert store.web_data_version() == before
    store.set_due(code="4.II", due=NOW.date() + timedelta(days=30), actor="kiểm thử", now=NOW)
    assert store.web_data_version() != before
    store.engine.dispose()


def test_pending_extensions_sign_in_audit_and_the_fingerprint(db_url, plan, directory):
    from bot.ports import FixedClock
    from tests.web.conftest import ZONE, ask_extension

    store = _store(db_url, plan, directory)
    assert store.web_pending_extensions() == []
    version = store.web_data_version()
    ask_extension(store, FixedClock(NOW))
    (ext,) = store.web_pending_extensions()
    assert (ext.code, ext.agency, ext.status, ext.chat_id) == ("PL1.2", "Sở Tư pháp", "pending", "111")
    asked = store.web_data_version()
    assert asked != version  # an audit row about an item
    store.web_create_link(agency_key="vp-ubnd-tinh", role="coordinator", token="t", now=NOW, expires_at=NOW + LINK_TTL)
    store.web_redeem_link(token="t", session_token="s", now=NOW, session_expires_at=NOW + timedelta(hours=1))
    (signed,) = [e for e in store.audit_entries(zone=ZONE) if e.action == "web_signed_in"]
    assert signed.channel == "web" and signed.agency == "Văn phòng UBND tỉnh" and signed.after["role"] == "coordinator"
    assert store.web_data_version() == asked  # a sign-in changes nothing the pages count
    store.decide_extension(extension_id=ext.id, approve=False, actor="x", channel="web", now=NOW, note="không")
    assert store.web_pending_extensions() == [] and store.web_data_version() != asked
    store.engine.dispose()

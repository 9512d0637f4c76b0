"""The desk's ASGI application (Starlette): sessions, CSRF and page routing; each page is a plain
function run off the event loop (the store is synchronous)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Callable, Mapping

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.domain.errors import NoPlan
from bot.domain.texts import vn_date
from bot.domain.texts import web as web_texts
from bot.ports import Clock, Outbound, Sender, Store
from bot.transports.replies import send_reply
from bot.web import auth, extensions_page, officers_page, pages, plan_page
from bot.web.config import COOKIE, WebConfig
from bot.web.desk import Desk
from bot.web.page import NO_STORE, Page, Refused

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 20 * 1024 * 1024  # bytes of one request (a signed plan as DOCX, XLSX or PDF)
SEND_WAIT = 3.0  # seconds a page waits for its messages to chats before answering


def create_app(store: Store, clock: Clock, config: WebConfig, senders: Mapping[str, Sender] | None = None) -> Starlette:
    """The desk over ``store`` (the same store and rules as the chat). ``senders``: the running chat
    channels, by name, which carry what the desk tells officers (an extension's decision); beside the bot
    they are the bot's own."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.filters["vn_date"] = lambda d: vn_date(d) if d else "—"
    env.globals.update(W=web_texts)
    desk = Desk(store, config)

    def render(page: Page, template: str, http_status: int = 200, **context) -> HTMLResponse:
        nav = [n for n in web_texts.NAV if page.coordinator or n[0] in web_texts.OFFICER_NAV]
        html = env.get_template(template).render(
            page=page,
            officer=page.officer,
            nav=nav,
            csrf=(page.csrf if page.session_token else ""),
            path=page.request.url.path,
            refreshing=desk.refreshing,
            **context,
        )
        return HTMLResponse(html, status_code=http_status, headers=NO_STORE)

    sending: set[asyncio.Task] = set()  # messages in flight to chats (kept referenced until done)

    def fragment(template: str, **context) -> str:
        """A page body without the session's parts (no CSRF token, no user): safe to cache and share."""
        return Markup(env.get_template(template).render(**context))

    def endpoint(fn, *, signed_in: bool = True) -> Callable:
        async def handle(request: Request) -> Response:
            form: dict[str, str] = {}
            files: dict[str, tuple[str, bytes]] = {}
            if request.method == "POST":
                if int(request.headers.get("content-length") or 0) > MAX_UPLOAD:
                    return HTMLResponse(web_texts.UPLOAD_TOO_BIG, status_code=413, headers=NO_STORE)
                async with request.form(max_files=2, max_fields=200, max_part_size=MAX_UPLOAD) as data:
                    for k, v in data.multi_items():
                        if isinstance(v, str):
                            form.setdefault(k, v)
                        elif isinstance(v, UploadFile) and v.filename:
                            files[k] = (v.filename, await v.read(MAX_UPLOAD + 1))
            page = Page(
                request,
                store,
                clock,
                config,
                desk,
                lambda *a, **k: render(page, *a, **k),
                fragment=fragment,
                form=form,
                files=files,
            )
            response = await run_in_threadpool(_run, page, fn, signed_in)
            if request.method == "POST":
                desk.changed()  # what the desk itself changed shows on the next page
            if page.outbox:  # the page waits a moment for the notices; slow retries go on afterwards
                task = asyncio.ensure_future(_send(page.outbox))
                sending.add(task)
                task.add_done_callback(sending.discard)
                await asyncio.wait({task}, timeout=SEND_WAIT)
            return response

        return handle

    async def _send(outs: list[Outbound]) -> None:
        """Tell the chats (the officer whose request was decided) through the running channels."""
        for out in outs:
            sender = (senders or {}).get(out.channel)
            if sender is None:
                log.warning("no running %s channel: a message to chat %s was not sent", out.channel, out.chat_id)
                continue
            await send_reply(sender.send, out)

    def _run(page: Page, fn, signed_in: bool) -> Response:
        token = auth.unsign_session(config, page.request.cookies.get(COOKIE))
        if token:
            page.officer = store.web_session_officer(session_token=token, now=clock.now())
            page.session_token = token if page.officer else ""
        try:
            if signed_in and page.officer is None:
                return render(page, "message.html", 401, title=web_texts.LOGIN_TITLE, message=web_texts.LOGIN_NEEDED)
            if page.request.method == "POST" and signed_in and not auth.csrf_ok(config, token, page.form.get("csrf")):
                raise Refused(403, web_texts.CSRF_FAILED)
            return fn(page)
        except Refused as e:
            return render(
                page,
                "message.html",
                e.status,
                title=web_texts.FORBIDDEN if e.status == 403 else web_texts.NOT_FOUND,
                message=e.message,
            )
        except NoPlan:
            return render(page, "message.html", 503, title=web_texts.APP_TITLE, message=web_texts.NO_PLAN)

    routes = [
        Route("/", endpoint(pages.summary)),
        Route("/dang-nhap/{token}", endpoint(pages.login_form, signed_in=False)),
        Route("/dang-nhap", endpoint(pages.login, signed_in=False), methods=["POST"]),
        Route("/dang-xuat", endpoint(pages.logout), methods=["POST"]),
        Route("/co-quan", endpoint(pages.agencies)),
        Route("/co-quan/{agency_id:int}", endpoint(pages.agency)),
        Route("/nhiem-vu", endpoint(pages.items)),
        Route("/nhiem-vu/{item_id:int}", endpoint(pages.item)),
        Route("/can-bo", endpoint(officers_page.officers)),
        Route("/can-bo/moi", endpoint(officers_page.invite), methods=["POST"]),
        Route("/can-bo/thu-hoi", endpoint(officers_page.revoke), methods=["POST"]),
        Route("/can-bo/ban-giao", endpoint(officers_page.handover), methods=["POST"]),
        Route("/gia-han", endpoint(extensions_page.pending)),
        Route("/gia-han/{extension_id:int}", endpoint(extensions_page.decide), methods=["POST"]),
        Route("/ke-hoach", endpoint(plan_page.plan)),
        Route("/ke-hoach/doc", endpoint(plan_page.read), methods=["POST"]),
        Route("/ke-hoach/nap", endpoint(plan_page.load), methods=["POST"]),
        Route("/ke-hoach/sua-dong", endpoint(plan_page.fix), methods=["POST"]),
        Route("/ke-hoach/sua-doi", endpoint(plan_page.amend), methods=["POST"]),
        Route("/bao-cao", endpoint(pages.reports)),
        Route("/bao-cao/{kind}", endpoint(pages.download)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes)

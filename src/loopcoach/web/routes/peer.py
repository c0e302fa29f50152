"""Peer mock pages: start a mock, the interviewer's page, the candidate's page, and the live WebSocket.

Both pages connect to ``/ws/peer/{token}``. The interviewer's host key lives
in an HttpOnly cookie set when the mock starts (and in the feedback form's
POST body), never in an address, so it stays out of history and access logs.
In local mode the candidate's page and socket are the only routes another
machine may reach, and only with a valid session token (``REMOTE_ROUTES``).
Whatever one side types in the code pad or the notes is saved to the
session and pushed to every other connection of the same session. The
feedback form posts over HTTP (with the CSRF token) and the rendered
feedback is pushed to the candidate's page.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from loopcoach.errors import LoopcoachError
from loopcoach.services import peer
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render
from loopcoach.web.guard import RemoteRoute, is_loopback

router = APIRouter()
NAV = NavItem("Peer mock", "/peer", 75)
PRIVATE = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
HOST_COOKIE = "loopcoach_host_"  # + the session token; the value is the host key


def _session_exists(ctx: AppContext, params: Mapping[str, str]) -> bool:
    try:
        peer.open_session(ctx, params.get("token", ""))
    except LoopcoachError:
        return False
    return True


REMOTE_ROUTES = (RemoteRoute("/peer/{token}", frozenset({"GET", "HEAD"}), _session_exists),
                 RemoteRoute("/ws/peer/{token}", frozenset({"WEBSOCKET"}), _session_exists))


def _host_key(request: Request | WebSocket, token: str) -> str:
    return request.cookies.get(HOST_COOKIE + token, "")


class Hub:
    """The open WebSockets per session token (one hub per app)."""

    def __init__(self) -> None:
        self.rooms: dict[str, set[WebSocket]] = {}
        self.lock = asyncio.Lock()

    async def join(self, token: str, ws: WebSocket) -> int:
        async with self.lock:
            self.rooms.setdefault(token, set()).add(ws)
            return len(self.rooms[token])

    async def leave(self, token: str, ws: WebSocket) -> int:
        async with self.lock:
            room = self.rooms.get(token, set())
            room.discard(ws)
            if not room:
                self.rooms.pop(token, None)
            return len(room)

    async def send(self, token: str, message: dict[str, Any], exclude: WebSocket | None = None) -> None:
        for ws in list(self.rooms.get(token, set())):
            if ws is exclude:
                continue
            try:
                await ws.send_text(json.dumps(message))
            except (RuntimeError, WebSocketDisconnect):
                await self.leave(token, ws)


def _hub(state: Any) -> Hub:
    hub = getattr(state, "peer_hub", None)
    if hub is None:
        hub = Hub()
        state.peer_hub = hub
    return hub


@router.get("/peer", response_class=HTMLResponse)
def start_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Pick a coding problem or a design prompt and start a mock as the interviewer."""
    return render(request, "peer/start.html", {"problems": ctx.content("coding").items,
                                               "prompts": ctx.content("design").items})


@router.post("/peer")
def start(request: Request, kind: Annotated[str, Form()], item_id: Annotated[str, Form()],
          minutes: Annotated[int, Form()] = 45, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Create the session, give this browser the host key in a cookie, open the interviewer's page."""
    created = peer.start(ctx, kind, item_id, minutes)
    token = created["token"]
    response = RedirectResponse(f"/peer/{token}/host", status_code=303)
    response.set_cookie(HOST_COOKIE + token, created["host_key"], httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https", max_age=7 * 24 * 3600)
    return response


def _page(request: Request, ctx: AppContext, token: str, host: bool, key: str = "") -> HTMLResponse:
    session = peer.open_session(ctx, token, join=not host)
    if host:
        peer.check_host(session, key)
    else:
        peer.mark_joined(ctx, token)
        session = peer.open_session(ctx, token)
    kind = str(session.state["kind"])
    # Never built from the Host header: the configured public address, else a path the page completes.
    public = ctx.settings.public_url
    share = f"{public}/peer/{token}" if public else f"/peer/{token}"
    response = render(request, "peer/host.html" if host else "peer/candidate.html", {
        "item": peer.item_of(ctx, session), "kind": kind, "state": peer.public_state(session), "token": token,
        "key": key, "share_link": share, "share_is_public": bool(public), "rubric": peer.RUBRICS[kind], "signals": peer.SIGNAL_LABELS,
        "words": peer.RATING_WORDS, "joined": session.state.get("joined", False),
        # A candidate on another machine can open nothing else here: no navigation to pages that answer 403.
        **({} if is_loopback(request.client) else {"nav": []})})
    response.headers.update(PRIVATE)
    return response


@router.get("/peer/{token}/host", response_class=HTMLResponse)
def host_page(request: Request, token: str, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The interviewer's page (host key from the cookie): prompt, hints, hidden facts, reference, rubric."""
    return _page(request, ctx, token, True, _host_key(request, token))


@router.get("/peer/{token}", response_class=HTMLResponse)
def candidate_page(request: Request, token: str, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The candidate's page: only the problem, the pads, the timer and later the feedback."""
    return _page(request, ctx, token, False)


@router.post("/peer/{token}/feedback")
async def feedback(request: Request, token: str, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save the interviewer's rubric, push it to the candidate, show it to the interviewer."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    kind_dims = [d for dims in peer.RUBRICS.values() for d, _ in dims]
    key = values.get("key", "") or _host_key(request, token)
    result = await run_in_threadpool(peer.submit_feedback, ctx, token, key,
                                     {d: values.get(d, "") for d in kind_dims}, values.get("comments", ""),
                                     values.get("signal", ""))
    html = request.app.state.templates.get_template("peer/_feedback.html").render(fb=result)
    await _hub(request.app.state).send(token, {"type": "feedback", "html": html})
    if request.headers.get("hx-request"):
        return HTMLResponse(html)
    return RedirectResponse(f"/peer/{token}/host", status_code=303)


@router.websocket("/ws/peer/{token}")
async def peer_socket(ws: WebSocket) -> None:
    """Live pads: every edit is saved and relayed to the other side (the guard has checked the Origin)."""
    try:
        ctx = get_ctx(ws)
    except LoopcoachError:
        await ws.close(code=4401)
        return
    token = str(ws.path_params["token"])
    try:
        session = await run_in_threadpool(peer.open_session, ctx, token)
        key = _host_key(ws, token)
        if key:
            peer.check_host(session, key)
    except LoopcoachError:
        await ws.close(code=4404)
        return
    await ws.accept()
    hub = _hub(ws.app.state)
    count = await hub.join(token, ws)
    await hub.send(token, {"type": "presence", "count": count})
    try:
        while True:
            raw = await ws.receive_text()
            try:
                message = json.loads(raw)
                field, text = str(message["field"]), str(message["text"])
                await run_in_threadpool(peer.update_pad, ctx, token, field, text)
            except (ValueError, KeyError, TypeError):
                await ws.send_text(json.dumps({"type": "error", "message": "That message was not understood."}))
                continue
            except LoopcoachError as exc:
                await ws.send_text(json.dumps({"type": "error", "message": exc.message}))
                continue
            await hub.send(token, {"type": "pad", "field": field, "text": text}, exclude=ws)
    except WebSocketDisconnect:
        pass
    finally:
        left = await hub.leave(token, ws)
        await hub.send(token, {"type": "presence", "count": left})


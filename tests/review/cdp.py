"""Headless Chromium (Debian's package) driven over the DevTools protocol, for review.html tests."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self, exe: str, profile: Path) -> None:
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1200,1400",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            pages = [p for p in json.load(r) if p["type"] == "page"]
        self.ws_url = pages[0]["webSocketDebuggerUrl"]
        self.loop = asyncio.new_event_loop()
        self.ids = itertools.count(1)
        self.conn: Any = self.loop.run_until_complete(self._connect())

    async def _connect(self) -> Any:
        from tornado.websocket import websocket_connect

        return await websocket_connect(self.ws_url, max_message_size=64 << 20)

    async def _call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        n = next(self.ids)
        await self.conn.write_message(json.dumps({"id": n, "method": method, "params": params}))
        while True:
            msg = await asyncio.wait_for(self.conn.read_message(), 60)
            if msg is None:
                raise RuntimeError("chromium closed the DevTools connection")
            data = json.loads(msg)
            if data.get("id") == n:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                return data["result"]  # type: ignore[no-any-return]

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.loop.run_until_complete(self._call(method, params))

    def eval(self, expression: str, await_promise: bool = False) -> Any:
        r = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=await_promise
        )
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"])
        return r["result"].get("value")

    def open(self, path: Path) -> None:
        # the page already shown is ready too: unmark it, so the wait below is for the new one
        self.eval("document.body ? delete document.body.dataset.ready : null")
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + 30
        while self.eval("document.body ? document.body.dataset.ready || '' : ''") != "1":
            if time.monotonic() > deadline:
                raise RuntimeError("review.html did not become ready")
            time.sleep(0.1)

    def key(self, key: str) -> None:
        named = {"Enter": ("\r", 13), "Escape": ("", 27)}
        text, code = named.get(key, (key, ord(key.upper()[0])))
        down: dict[str, Any] = {"type": "keyDown", "key": key, "windowsVirtualKeyCode": code}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code)

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        try:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

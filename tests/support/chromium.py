"""Drive Debian's headless chromium from a test through the DevTools protocol over a pipe.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands on its fd 3 and answers
on its fd 4, one JSON message per NUL-terminated record, so no websocket client is needed. A test
sets the exact viewport (``--window-size`` cannot go below 500 px in headless mode), loads a page
offline, evaluates an expression in it (the page's policy forbids its own scripts, not the
protocol's) and takes a full-page screenshot.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
NO_CHROMIUM_REASON = "Debian's chromium is not installed (apt-get install -y chromium)"
BROWSER_SECONDS = 90  # a bound, not a timing: a loaded two-core machine took over 30 s for one page


class Browser:
    """One headless chromium with one page, ended (with all its children) on ``close``."""

    def __init__(self, profile: Path) -> None:
        if CHROMIUM is None:
            pytest.skip(NO_CHROMIUM_REASON)
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds() -> None:  # in the child: the protocol's fds are 3 (commands) and 4 (answers)
            commands, answers = os.dup(to_child_r), os.dup(from_child_w)  # off 3 and 4 first, in case
            os.dup2(commands, 3)  # a pipe end already sits there (dup2 onto itself keeps close-on-exec)
            os.dup2(answers, 4)

        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe",
            "about:blank",
        ]
        self._process = subprocess.Popen(
            # close_fds would run after preexec_fn and close 3 and 4 again; every other fd of ours
            # is non-inheritable (Python's default), so nothing else reaches the browser.
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False,
            preexec_fn=wire_fds, start_new_session=True,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer, self._next_id = b"", 0
        self._events: list[dict] = []  # protocol events read while waiting for an answer
        self._deadline = time.monotonic() + BROWSER_SECONDS
        pages = [t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page"]
        target = pages[0]["targetId"] if pages else self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)

    def close(self) -> None:
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        os.close(self._to_child)
        os.close(self._from_child)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def send(self, method: str, session: bool = False, **params) -> dict:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_child, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, event: str) -> dict:
        while True:
            for i, seen in enumerate(self._events):
                if seen.get("method") == event:
                    return self._events.pop(i)
            self._events.append(self._read())

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            left = self._deadline - time.monotonic()
            ready, _, _ = select.select([self._from_child], [], [], max(left, 0))
            if not ready:
                pytest.fail(f"chromium did not answer within {BROWSER_SECONDS}s")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                pytest.fail("chromium closed the protocol pipe")
            self._buffer += chunk
        record, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(record)

    def open(self, url: str, width: int, height: int = 900) -> None:
        """Load ``url`` in a viewport of exactly ``width`` x ``height`` CSS px."""
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The JSON value of ``expression`` evaluated in the page."""
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        """The whole page (not only the viewport) as a PNG."""
        data = self.send("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path


# What the layout test measures, with every <details> closed (as the page opens) and then open
# (article texts shown); they are closed again so that a later screenshot shows the page as a
# reader first sees it. Elements inside a .table-wrap may scroll within it and are not "wide".
LAYOUT_PROBE = """(() => {
  const doc = document.documentElement, vw = window.innerWidth;
  const overflow = () => {
    const wide = [];
    document.querySelectorAll('body *').forEach(e => {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > vw + 0.5 && !e.closest('.table-wrap') && wide.length < 8)
        wide.push(`${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} right=${Math.round(r.right)}`);
    });
    return {scrollWidth: doc.scrollWidth, wide};
  };
  const closed = overflow(), details = [...document.querySelectorAll('details')];
  details.forEach(d => { d.open = true; });
  const opened = overflow();
  details.forEach(d => { d.open = false; });
  const box = s => { if (!s) return null; const r = s.getBoundingClientRect(); return [r.left, r.right, r.height]; };
  const rows = [...document.querySelectorAll('figure.figure-row')].map(f => {
    const strip = f.querySelector('svg.chart.strip'), toll = f.querySelector('svg.chart.toll');
    return {
      id: f.id, strip: box(strip), toll: box(toll),
      markers: strip ? [...strip.querySelectorAll('g.marker')].map(g => g.getAttribute('data-claim')) : [],
      open: strip ? strip.querySelectorAll('g.marker.open').length : 0,
      titled: [...f.querySelectorAll('svg')].every(s => !!s.querySelector(':scope > title') && !!s.getAttribute('aria-label')),
    };
  });
  const scrollingTables = [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length;
  return {viewport: vw, closed, opened, rows, scrollingTables, height: doc.scrollHeight,
          headlineHeight: (h => h ? h.getBoundingClientRect().height : null)(document.querySelector('.headline, .narrative')),
          scripts: document.querySelectorAll('script').length};
})()"""

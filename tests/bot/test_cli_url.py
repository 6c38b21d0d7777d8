"""`crosscheck check URL --json` on a page served from loopback, as a reporter would run it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from bot.cli import app

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge collapse: 14 injured | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:title" content="Bridge collapse in Tolven leaves 14 injured">
<meta property="article:published_time" content="2025-09-14T08:30:00Z">
<meta name="author" content="Rhea Calloway">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport: 3 goals in 90 minutes</a> <a href="/weather">Weather</a></nav>
<div class="cookie-banner">We use 12 cookies. Accept all?</div>
<article>
<h1>Bridge collapse in Tolven leaves 14 injured</h1>
<p>At least 14 people were injured when a footbridge collapsed over the Tolven canal on Saturday evening, the city's fire brigade said.</p>
<p>About 200 residents were evacuated from nearby flats as a precaution, police said, while engineers inspected the remaining spans of the bridge.</p>
<p>The bridge, which opened in 1987, had been scheduled for repairs costing 2.5 million euros next spring, according to the city council.</p>
</article>
<footer>© 2025 The Harbour Gazette. Subscribe for 99 cents a week. Call 555 0100.</footer>
</body></html>
"""  # noqa: E501 - a page as served: one paragraph a line


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def page_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/news/2025/09/14/bridge-collapse?utm_source=x"
    finally:
        server.shutdown()
        server.server_close()


def test_a_loopback_link_is_refused_without_the_setting(clean_env, page_url):
    r = CliRunner().invoke(app, ["check", "--db", str(clean_env / "s.db"), "--json", page_url])
    assert r.exit_code != 0
    assert "not allowed" in r.output
    assert "Traceback" not in r.output


def test_a_loopback_link_is_checked_with_the_setting(clean_env, page_url, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_ALLOW_PRIVATE_URLS", "127.0.0.1")
    r = CliRunner().invoke(app, ["check", "--db", str(clean_env / "s.db"), "--json", page_url])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    src = report["source"]
    assert src["outlet"] == "The Harbour Gazette"
    assert src["published"] == "2025-09-14"
    assert "utm_source" not in src["url"]  # canonical URL, tracking stripped
    figures = {c["figure"]["text"]: c for c in report["claims"]}
    assert figures["At least 14"]["measure"] == "injured"
    assert figures["About 200"]["measure"] == "evacuated"
    assert any(c["figure"]["unit"] == "EUR" for c in report["claims"])
    # nothing from navigation, the cookie banner or the footer
    sentences = " ".join(c["sentence"] for c in report["claims"])
    for junk in ("3 goals", "12 cookies", "99 cents", "555 0100"):
        assert junk not in sentences

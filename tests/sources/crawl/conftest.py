"""Fixtures for the crawler tests (helpers live in crawlkit.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from crawlkit import DynamicSite, Handler, Route, _Server


@pytest.fixture
def dynamic_site() -> Iterator[Callable[..., DynamicSite]]:
    servers: list[_Server] = []

    def make(
        routes: dict[str, Route], prefix_routes: dict[str, Route] | None = None
    ) -> DynamicSite:
        site = DynamicSite(routes, prefix_routes=prefix_routes or {})
        server = _Server(("127.0.0.1", 0), Handler)
        server.site = site  # type: ignore[attr-defined]
        site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return site

    yield make
    for s in servers:
        s.shutdown()
        s.server_close()

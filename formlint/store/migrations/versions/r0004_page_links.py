"""A page's links as two columns of its document (``links``, ``embeds``) instead of one row per
link in ``links``.

A municipal mega-menu repeats 100+ links on every page, so the ``links`` table grew by pages x
menu size rows per scan (12 million for a 100,000-page site), every re-scan copied them, and
each row kept three B-trees up to date. The link graph is only read per page (to resume or
re-scan) and once per report (inbound links of form pages), so a page's targets now live in its
document row, joined by newlines. Existing links are carried over.

Also drops ``ix_documents_url`` and ``ix_documents_run_norm``: documents are looked up by
(run, URL) through the unique key; the other two indexes were kept up to date on every write for
lookups nothing makes any more (per-URL re-scan queries, joins of link targets).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_URL = sa.String(2048)
_LINKS = sa.table(
    "links",
    sa.column("run_id", sa.Integer),
    sa.column("src_url", _URL),
    sa.column("dst_url", _URL),
    sa.column("kind", sa.String),
)


def upgrade() -> None:
    op.add_column("documents", sa.Column("links", sa.Text, nullable=True))
    op.add_column("documents", sa.Column("embeds", sa.Text, nullable=True))
    conn = op.get_bind()
    lk = _LINKS
    by_page: dict[tuple[int, str], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    rows = conn.execute(
        sa.select(lk.c.run_id, lk.c.src_url, lk.c.dst_url, lk.c.kind).order_by(
            lk.c.run_id, lk.c.src_url, lk.c.dst_url
        )
    )
    for run_id, src, dst, kind in rows:
        by_page[(int(run_id), str(src))][1 if kind == "embed" else 0].append(str(dst))
    if by_page:
        conn.execute(
            sa.text(
                "UPDATE documents SET links = :links, embeds = :embeds "
                "WHERE run_id = :run_id AND url = :url"
            ),
            [
                {
                    "run_id": run_id,
                    "url": url,
                    "links": "\n".join(a) or None,
                    "embeds": "\n".join(e) or None,
                }
                for (run_id, url), (a, e) in by_page.items()
            ],
        )
    op.drop_index("ix_links_run_src", table_name="links")
    op.drop_index("ix_links_run_dst", table_name="links")
    op.drop_table("links")
    op.drop_index("ix_documents_url", table_name="documents")
    op.drop_index("ix_documents_run_norm", table_name="documents")


def downgrade() -> None:
    op.create_index("ix_documents_run_norm", "documents", ["run_id", "norm_url"])
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_table(
        "links",
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("src_url", _URL, primary_key=True),
        sa.Column("dst_url", _URL, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False, server_default="a"),
    )
    op.create_index("ix_links_run_dst", "links", ["run_id", "dst_url"])
    op.create_index("ix_links_run_src", "links", ["run_id", "src_url"])
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT run_id, url, links, embeds FROM documents "
            "WHERE links IS NOT NULL OR embeds IS NOT NULL"
        )
    )
    out = []
    for run_id, url, links, embeds in rows:
        seen: set[str] = set()
        for kind, text in (("embed", embeds), ("a", links)):
            for dst in (text or "").split("\n"):
                if dst and dst not in seen:
                    seen.add(dst)
                    out.append({"run_id": run_id, "src_url": url, "dst_url": dst, "kind": kind})
    if out:
        conn.execute(sa.insert(_LINKS), out)
    op.drop_column("documents", "embeds")
    op.drop_column("documents", "links")

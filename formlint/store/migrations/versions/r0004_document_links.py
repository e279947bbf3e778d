"""Links as one row per page (``document_links``) instead of one row per link (``links``).

A municipal mega-menu repeats 100+ links on every page, so the ``links`` table grew by pages x
menu size rows per scan (12 million for a 100,000-page site), every re-scan copied them, and
each row kept three B-trees up to date. The link graph is only read per page (to resume or
re-scan) and once per report (inbound links of form pages), so a page's targets now live in one
row, joined by newlines. Existing links are carried over.

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


def upgrade() -> None:
    op.create_table(
        "document_links",
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("links", sa.Text, nullable=True),
        sa.Column("embeds", sa.Text, nullable=True),
    )
    conn = op.get_bind()
    links = sa.table(
        "links",
        sa.column("run_id", sa.Integer),
        sa.column("src_url", _URL),
        sa.column("dst_url", _URL),
        sa.column("kind", sa.String),
    )
    docs = sa.table(
        "documents", sa.column("id", sa.Integer), sa.column("run_id"), sa.column("url", _URL)
    )
    by_page: dict[tuple[int, str], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    rows = conn.execute(
        sa.select(links.c.run_id, links.c.src_url, links.c.dst_url, links.c.kind).order_by(
            links.c.run_id, links.c.src_url, links.c.dst_url
        )
    )
    for run_id, src, dst, kind in rows:
        by_page[(int(run_id), str(src))][1 if kind == "embed" else 0].append(str(dst))
    if by_page:
        ids = {
            (int(r), str(u)): int(i)
            for i, r, u in conn.execute(sa.select(docs.c.id, docs.c.run_id, docs.c.url))
        }
        target = sa.table(
            "document_links",
            sa.column("document_id", sa.Integer),
            sa.column("links", sa.Text),
            sa.column("embeds", sa.Text),
        )
        out = [
            {
                "document_id": ids[key],
                "links": "\n".join(a) or None,
                "embeds": "\n".join(e) or None,
            }
            for key, (a, e) in by_page.items()
            if key in ids
        ]
        if out:
            conn.execute(sa.insert(target), out)
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
            "SELECT d.run_id, d.url, dl.links, dl.embeds FROM document_links dl "
            "JOIN documents d ON d.id = dl.document_id"
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
        conn.execute(
            sa.text(
                "INSERT INTO links (run_id, src_url, dst_url, kind) "
                "VALUES (:run_id, :src_url, :dst_url, :kind)"
            ),
            out,
        )
    op.drop_table("document_links")

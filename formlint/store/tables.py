"""SQLAlchemy Core tables: the schema the migrations build (keep both in step).

Times are ISO-8601 UTC strings and dates ISO strings: they sort correctly, read the same on
SQLite and PostgreSQL, and never meet a driver's time-zone conversion.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

URL = sa.String(2048)
IDENT = sa.String(700)

# Foreign keys of the bulk tables that PostgreSQL checks once per statement (migration 0005:
# statement-level triggers with the same guarantees, instead of one trigger call per row);
# SQLite keeps them as ordinary foreign keys. Declared below like every other key.
STATEMENT_CHECKED_KEYS = frozenset(
    {
        ("documents", "run_id"),
        ("form_pages", "run_id"),
        ("form_pages", "form_id"),
        ("form_pages", "document_id"),
        ("findings", "run_id"),
        ("findings", "document_id"),
        ("findings", "form_id"),
    }
)

sites = sa.Table(
    "sites",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(500), nullable=False, unique=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), nullable=True),
    sa.Column("config_hash", sa.String(128), nullable=True),
    sa.Column("profile", sa.String(40), nullable=False, server_default="standard"),
    sa.Column("tool_version", sa.String(40), nullable=False, server_default=""),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40), nullable=True),
    sa.Column("state", sa.String(16), nullable=False, server_default="running"),
    sa.Column("stats", sa.JSON, nullable=True),
    sa.Index("ix_runs_site_state", "site_id", "config_hash", "state"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("url", URL, nullable=False),
    sa.Column("norm_url", URL, nullable=False),
    sa.Column("final_url", URL, nullable=True),
    sa.Column("status", sa.Integer, nullable=True),
    sa.Column("etag", sa.String(500), nullable=True),
    sa.Column("last_modified", sa.String(100), nullable=True),
    sa.Column("sha256", sa.String(64), nullable=True),
    sa.Column("depth", sa.Integer, nullable=True),
    sa.Column("rendered", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("render_reason", sa.String(500), nullable=True),
    sa.Column("format", sa.String(40), nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("errors", sa.JSON, nullable=True),
    sa.Column("notes", sa.JSON, nullable=True),
    sa.Column("reused_from", sa.Integer, nullable=True),
    # The page's outgoing links, normalised and joined by newlines: one value per page, not one
    # row per link (a mega-menu repeats 100+ links on every page). Last, so that reading the
    # other columns never touches them.
    sa.Column("links", sa.Text, nullable=True),  # <a>/<iframe> targets inside the scan's scope
    sa.Column("embeds", sa.Text, nullable=True),  # embedded external form platforms
    # URLs the page was the first to request, newline-joined ('' for none; NULL before 0008):
    # where a killed scan resumes (CrawledPage.spawned)
    sa.Column("spawned", sa.Text, nullable=True),
    sa.UniqueConstraint("run_id", "url", name="uq_documents_run_url"),
)

forms = sa.Table(
    "forms",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("identity", IDENT, nullable=False, unique=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("key", sa.String(700), nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("first_run_id", sa.Integer, nullable=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

form_aliases = sa.Table(
    "form_aliases",
    metadata,
    sa.Column("alias", IDENT, primary_key=True),
    sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id"), nullable=False),
)

form_pages = sa.Table(
    "form_pages",
    metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id"), primary_key=True),
    sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("title", sa.Text, nullable=True),
    sa.Index("ix_form_pages_document", "document_id"),
)

findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column(
        "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id"), nullable=True),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("stable_key", sa.String(64), nullable=False),
    sa.Column("rule", sa.String(200), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("confidence", sa.String(16), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False),
    sa.Column("matched", sa.Text, nullable=False),
    sa.Column("suggestions", sa.JSON, nullable=True),
    sa.Column("location", sa.JSON, nullable=True),
    sa.Column("scope", sa.String(40), nullable=True),
    sa.Column("language", sa.String(16), nullable=True),
    sa.Column("why", sa.Text, nullable=True),
    sa.Column("help_uri", sa.String(2048), nullable=True),
    sa.Column("suppression_kind", sa.String(16), nullable=True),
    sa.Column("suppression_reason", sa.Text, nullable=True),
    sa.Column("suppression_approver", sa.String(500), nullable=True),
    sa.Column("suppression_expires", sa.String(10), nullable=True),
    sa.Column("places", sa.JSON, nullable=True),  # further places (Finding.places), or NULL
    sa.Index("ix_findings_run_form", "run_id", "form_id"),
    sa.Index("ix_findings_document", "document_id"),
)

exceptions = sa.Table(
    "exceptions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document", sa.String(2048), nullable=False),
    sa.Column("rule", sa.String(200), nullable=False),
    sa.Column("form", sa.String(700), nullable=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("approved_by", sa.String(500), nullable=False),
    sa.Column("expires", sa.String(10), nullable=False),
    sa.Column("origin", sa.String(500), nullable=False, server_default="config"),
)

# Rebuilt by migration 0007: one list of units per origin ("config" for formlint.yml,
# "crawl:<site>" for a site's crawl config).
owner_units = sa.Table(
    "owner_units",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("origin", sa.String(500), nullable=False, server_default="config"),
    sa.Column("unit", sa.String(500), nullable=False),
    sa.Column("patterns", sa.JSON, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint("origin", "unit", name="uq_owner_units_origin_unit"),
)

# Added by migration 0002.
status_notes = sa.Table(
    "status_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id"), nullable=False),
    sa.Column("in_progress", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("author", sa.String(500), nullable=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index("ix_status_notes_form", "form_id"),
)

reach = sa.Table(
    "reach",
    metadata,
    sa.Column("url", URL, primary_key=True),
    sa.Column("path", URL, nullable=False),
    sa.Column("views", sa.BigInteger, nullable=False),
    sa.Column("source", sa.String(500), nullable=False),
    sa.Column("imported_at", sa.String(40), nullable=False),
    sa.Index("ix_reach_path", "path"),
)

# Added by migration 0009: a multi-site scan and the state of each of its sites.
multisite_runs = sa.Table(
    "multisite_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40), nullable=True),
    sa.Column("state", sa.String(16), nullable=False, server_default="running"),
)

multisite_sites = sa.Table(
    "multisite_sites",
    metadata,
    sa.Column(
        "multisite_run_id",
        sa.Integer,
        sa.ForeignKey("multisite_runs.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("site", sa.String(500), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("config_path", sa.Text, nullable=False),
    sa.Column("config_hash", sa.String(128), nullable=False),
    # queued, running (a crawl process has it), finished, stopped (it ended before the end)
    sa.Column("state", sa.String(16), nullable=False, server_default="queued"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
    sa.Column("started_at", sa.String(40), nullable=True),
    sa.Column("finished_at", sa.String(40), nullable=True),
    sa.Column("summary", sa.JSON, nullable=True),  # the site's scan summary (SiteSummary)
)

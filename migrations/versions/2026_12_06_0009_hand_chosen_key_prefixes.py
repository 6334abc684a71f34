"""A hand-chosen API key is indexed by a piece of its hash, not by its first characters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 19:00:00

`api_keys.prefix` indexes the lookup and is shown by `keys list` and `GET /v1/keys`. For a key the
service makes (`iak_` + 8 hex digits + `_` + the secret) that head is public; for a key chosen by
hand (`BOOTSTRAP_ADMIN_KEY`) it was the secret's first 12 characters, half of a 24-character key,
in every listing. Such keys are now found by `h:` + the first 10 hex digits of their SHA-256
(app/auth.py `lookup_prefix`); this rewrites the stored ones, for which the hash is all it needs.

No downgrade: the secrets' first characters are stored nowhere to put back. After a downgrade a
hand-chosen key must be made again (a new BOOTSTRAP_ADMIN_KEY); keys the service made still work.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The public head of a key the service made: "iak_" and 8 lower-case hex digits.
    if op.get_bind().dialect.name == "postgresql":
        made_here = "prefix ~ '^iak_[0-9a-f]{8}$'"
    else:
        made_here = "prefix GLOB 'iak_" + "[0-9a-f]" * 8 + "'"
    op.execute(f"UPDATE api_keys SET prefix = 'h:' || substr(key_hash, 1, 10) WHERE NOT ({made_here})")


def downgrade() -> None:
    pass

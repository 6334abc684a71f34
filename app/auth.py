"""Access control. Placeholder dependencies until API keys land (issue: trust)."""


def require_editor() -> None:
    """Writes need the `editor` role."""


def require_admin_for_cascade() -> None:
    """`?cascade=true` deletes need the `admin` role."""

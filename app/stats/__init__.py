"""Statistics over incidents, computed in the database."""

"""The pure domain: bank, grading, sessions, scheduling. No textual, rich or sqlite3 here."""

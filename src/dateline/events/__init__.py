"""Event extraction helpers: lexicons, triggers, status, actors and attributes."""

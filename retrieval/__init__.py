"""Where profiles live and how they are found: the home, event log, fact and vector stores, living profiles, segments, suggestions."""

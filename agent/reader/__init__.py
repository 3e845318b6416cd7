"""Sentence -> query for staff and marketers: names with near-misses, numbers, dates and windows, the frame model, confidence, ask-back, follow-ups."""

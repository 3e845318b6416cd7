"""The HTTP intake: Segment's Tracking API (`portrait collect`), write keys, limits; thin over encoders and retrieval."""

"""One typed query language: measures of one customer's events (staff) beside the audience conditions (marketers)."""

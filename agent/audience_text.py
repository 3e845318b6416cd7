"""Moved: the numbers, comparisons, windows and dates both readers use live in agent.reader.expressions."""

from agent.reader.expressions import *  # noqa: F401,F403
from agent.reader.expressions import AGO, COMPARE, DATE, WINDOW, ago_days, comparisons, date_of, prepare, window_days  # noqa: F401

"""The summary batch: an explainable summary for every customer, appended to a JSON-lines file.

One job, two engines, the same records:
- ``local`` (``summarize_all``): the in-process model one at a time, or a served model with
  ``batch_concurrency`` requests in flight over one or several URLs (``agent.batch.local``, ``.servers``);
- ``ray`` (``summarize_ray``): the same per-customer work as a Ray Data pipeline, on this machine or a
  cluster (``agent.batch.ray_engine``), its fact sheets built from a Parquet snapshot the driver exports
  (``agent.batch.snapshot``), so no node but the driver's reads the home.

Resumable either way: a rerun reads the file, skips every customer already in it and appends the rest
(``agent.batch.records``: whole, fsynced lines; a torn last line is cut off). A run that loses every model
server ends with :class:`BatchServerError`, naming the URL; what was written stays.
"""

from agent.batch.local import summarize_all
from agent.batch.records import BatchResult, BatchServerError, CustomerFileError, check_known, finished_customers, read_customer_file

__all__ = [
    "BatchResult",
    "BatchServerError",
    "CustomerFileError",
    "check_known",
    "finished_customers",
    "read_customer_file",
    "summarize_all",
    "summarize_ray",
]


def summarize_ray(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - Ray is optional: imported only when asked for
    from agent.batch.ray_engine import summarize_ray as run

    return run(*args, **kwargs)

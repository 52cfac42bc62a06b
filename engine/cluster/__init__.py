"""Run a plan on a Ray cluster: one more thin driver of the job API (``--cluster``).

The plan is made once on the driver (:func:`engine.jobs.plan.plan_job`); its items go to
Ray actors, each holding an :class:`engine.jobs.run.UpscalerCache` on one GPU (or one CPU)
and running :func:`engine.jobs.run.run_item`, so naming, atomic writes, overwrite rules and
per-file errors are exactly the local ones.  Ray is optional (``srstudio[cluster]``) and
imported only when a cluster is asked for.
"""

from engine.cluster.connect import INSTALL_HINT, ClusterError, require_ray
from engine.cluster.ray_run import ClusterRun, ClusterStats, run_plan_on_cluster
from engine.cluster.service import ClusterService

__all__ = ["INSTALL_HINT", "ClusterError", "ClusterRun", "ClusterService", "ClusterStats",
           "require_ray", "run_plan_on_cluster"]

"""``srstudio serve``: an HTTP driver of the engine's one request API.

Like the CLI, the server only turns what arrives (a JSON body, a multipart upload) into an
:class:`engine.jobs.request.Request`, plans it with :func:`engine.jobs.plan.plan_job` and
runs it with :func:`engine.jobs.run.run_plan` on a bounded worker queue.  It never imports
Qt; FastAPI and uvicorn come from the optional ``srstudio[server]`` extra and are imported
only when the server starts.
"""

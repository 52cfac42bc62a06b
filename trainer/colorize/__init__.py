"""Training of the colorizers (``srstudio train-colorize RECIPE``).

* :mod:`~trainer.colorize.config`: the recipe (``recipes/colorize_*.toml``).
* :mod:`~trainer.colorize.data`: colour photos, random crops and flips, bin statistics.
* :mod:`~trainer.colorize.loop`: :func:`train_colorizer` (checkpoint/resume, validation by
  AuC, export with role 'colorize').
* :mod:`~trainer.colorize.cli`: the command line.
"""

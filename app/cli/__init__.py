"""The ``srstudio`` command line (no Qt)."""

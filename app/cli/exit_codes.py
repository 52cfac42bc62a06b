"""The exit codes of ``srstudio``: 0 success, 1 usage or setup error, 2 some input failed
(every good file is still written), 130 cancelled."""

EXIT_OK, EXIT_ERROR, EXIT_INPUT_FAILED, EXIT_CANCELLED = 0, 1, 2, 130

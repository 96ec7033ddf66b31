"""Scripts the tests run in child processes (crash-safety writer)."""

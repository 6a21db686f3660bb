"""A test-only app for the worker killed mid-import (tests/jobs/test_worker_killed.py):
in the worker, the first import's write stops inside its transaction, after
the articles were inserted, and says so with a marker file; the test then
kills the worker. Later attempts write normally."""

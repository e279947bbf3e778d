"""Scaling out: every core of one machine, or a Dask cluster, for lint runs and multi-site scans.

Everything here hands work to a ``concurrent.futures.Executor``: a local process (or thread) pool,
or a Dask client's executor. Only :mod:`formlint.scale.dask_cluster` imports Dask.
"""

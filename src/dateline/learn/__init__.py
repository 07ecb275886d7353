"""Learned decisions, one shape for every task (events, links, attribution).

A task's *candidates* come from rules and lexicons; *features* turn each candidate into a row
of numbers; a *model* (LightGBM or a linear model) gives a raw score; a *calibrator* maps it to
the probability that the candidate is right. Stages only predict and apply thresholds;
training lives apart (``dateline train TASK``). Weights are stored as plain text/arrays with
JSON metadata (never pickle), under ``dateline/models/<task>/`` in the package.
"""

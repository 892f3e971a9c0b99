"""Quantitative analysis of space-mission funding in news articles.

Data flows seeds -> extraction -> tidy tables -> models -> notebooks -> reports.
"""

__version__ = "0.1.0"

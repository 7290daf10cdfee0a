"""opscore: apply an operations service center's regulations to a month of its workbooks.

The flow of a month is visible in the sub-packages: ``read`` → ``validate`` → ``rules`` →
``score`` → ``write``; ``pipeline`` strings them together for the ``run`` command.
"""
from __future__ import annotations

__version__ = "0.1.0"

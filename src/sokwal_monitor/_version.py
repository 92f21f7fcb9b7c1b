"""The version of sokwal-monitor (its own module, so that submodules can import it
without importing the whole package).

>>> isinstance(__version__, str)
True
"""

__version__ = "0.1.0"

"""pathfit's version: one place, read by the package, the CLI and the build."""
__version__ = "0.4.0"

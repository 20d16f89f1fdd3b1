"""The pipeline: load -> validate -> compile -> run -> decide, behind engine.api."""

"""The MkDocs side: a thin plugin that hands every job to the plain-Python pipeline."""

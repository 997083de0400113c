"""``make bench``: how the portal's build and pages scale from 1,000 to 10,000 entries (see run.py)."""

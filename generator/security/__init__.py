"""Site-wide security measures: the Content-Security-Policy's companions (see ``csp``)."""

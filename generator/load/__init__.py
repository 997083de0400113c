"""Reading curators' files: safe YAML with positions, and project discovery."""

"""OCR engines behind one interface (base.py), and the registry that picks one per kind of reading."""

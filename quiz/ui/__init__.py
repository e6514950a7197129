"""The Textual front end: screens and widgets that translate between people and the core."""

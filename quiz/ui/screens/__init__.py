"""One screen a file, named after its class."""

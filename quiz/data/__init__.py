"""Files on disk: locations, config, the SQLite store and its backups."""

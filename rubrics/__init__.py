"""Built-in rubrics, shipped as package data (YAML and their JSON Schema)."""

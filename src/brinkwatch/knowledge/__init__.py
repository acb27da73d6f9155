"""Built knowledge: the actor knowledge base and the gazetteer of places (loaders and lookups)."""

"""Places: the GeoNames gazetteer, toponym recognition and context-aware resolution."""

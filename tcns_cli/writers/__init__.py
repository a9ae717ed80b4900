"""Writers: plans and reports → JSON and Excel, always written atomically."""

"""``dateline watch``: follow feeds and sitemaps and keep the store current (see command)."""

"""The provincial system client: HTTP client, the adapter that maps our records onto the API
names, the durable outbox and the warehouse calls. No knowledge of signing or scanning."""

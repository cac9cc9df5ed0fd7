"""Staff pages for orders: the list, detail and actions, create and edit, bulk processing."""

"""The newsroom: the Django admin of articles and their vocabulary (registered
by ``articles.admin``, which Django's autodiscovery imports)."""

"""Date formats by language (FORMAT_MODULE_PATH): English keeps the month's full name,
"October 1, 2026"; Spanish and Portuguese use Django's own, "1 de octubre de 2026"."""

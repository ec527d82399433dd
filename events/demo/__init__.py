"""Demonstration events, loaded by `load_demo_content` (portal.demo.loader)."""

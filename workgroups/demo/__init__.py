"""Demonstration work groups, loaded by `load_demo_content` (portal.demo.loader)."""

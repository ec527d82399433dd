"""The demonstration improvement collaborative (ten fictional hospitals, 24 months of simulated
data), loaded by `load_demo_content` (portal.demo.loader)."""

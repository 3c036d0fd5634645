"""The seeded demo bank: a plausible Chinese city commercial bank to try bankladder on."""

from bankladder.demo.generator import DemoSummary, build_demo_bank

__all__ = ["DemoSummary", "build_demo_bank"]

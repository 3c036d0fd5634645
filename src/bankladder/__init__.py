"""bankladder: a progressive-marketing workbench for banks."""

"""Checking cited URLs and their archived copies: the only package that talks HTTP."""

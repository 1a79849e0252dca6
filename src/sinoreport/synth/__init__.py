"""`sinoreport synth N OUTDIR`: a complete, deterministic synthetic project for benchmarks and size tests.

N articles of 2–10 k characters of Chinese each (digests in Traditional or Simplified), 5–20 data rows
per article whose quotes are real substrings of the raw digests with matching values (so `check`
verifies provenance as it does for the real report), dates stepping back over the years, companies
and products from our own alias tables, datasets the chart families select by, and five briefs.
The generator writes its own Chinese from templates and vocabulary (vocab.py); nothing is taken
from the seed articles.
"""

from sinoreport.synth.project import SynthError, write_project

__all__ = ["SynthError", "write_project"]

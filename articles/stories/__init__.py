"""One story, many outlets: the near-duplicate index and story clusters.

``index`` turns an article's text into a MinHash signature and LSH band keys
(stored per article, so every worker reads the same index from the database);
``services`` finds the story a new text belongs to and keeps stories (attach,
merge, split, canonical); ``compare`` says what a copy adds and renders two
versions side by side; ``evaluation`` scores it all on the labelled set.
"""

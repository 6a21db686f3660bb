"""A trained sequence model beside the rules (issue 28): a linear-chain CRF
over the extractor's tokens, tagging people and organisations (B-/I-/O), with
features from the extractor's own vocabulary. See docs/extraction.md, "A
trained model beside the rules"."""

"""Our spaCy components, one module each; `extract.pipeline` imports them to register their
`extract_*` factories (and the `spacy_factories` entry points do so for spacy.load)."""

"""paperkg for Python: find models, datasets, metrics, tasks, methods, URLs and results in
paper titles and abstracts.

    >>> import paperkg
    >>> record = paperkg.Extractor().extract("BERT on SQuAD", "We fine-tune BERT on SQuAD.")
    >>> sorted(e["name"] for e in record["entities"])
    ['BERT', 'SQuAD']

``Extractor.extract`` returns the record ``paperkg extract --format jsonl`` prints for one
paper, as plain dicts and lists; ``Extractor.extract_many`` does the same for many papers on
several threads, outside the GIL (dicts, or the lines of a JSON lines file: pass ``open(path)``);
``format="nquads"`` gives the papers' RDF quads instead, as ``paperkg extract --format nquads``
writes them.
"""

from ._paperkg import Error, Extractor, __version__

__all__ = ["Error", "Extractor", "__version__"]


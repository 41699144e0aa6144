"""``GinzaNLP``: SpacyNLP that loads ``ja_ginza`` with only the parts the features use.

SpacyTokenizer reads text, lemma and tag, and SpacyFeaturizer reads the static word vectors. In ja_ginza all of
these come from the Sudachi tokenizer and the vocabulary, so the trained pipes (tok2vec, parser, ner,
morphologizer, compound_splitter, bunsetu_recognizer) cost time per sentence (about 13 ms against 0.2 ms here)
and memory, and change no feature. ``exclude`` names the pipes not to load; ``make bench`` shows the effect.

The vocabulary's string table (strings.json, 600,000 strings, about 170 MB in memory) is not loaded either: the
vectors are looked up by hash, and the tokenizer adds the strings of the tokens it makes. Only the vector table
is read from the package's ``vocab/`` directory. tests/nlu/test_ginza.py checks that tokens, lemmas, tags, readings
and vectors are the same as with the whole vocabulary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.model import InvalidModelError
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

DEFAULT_EXCLUDE = [
    "tok2vec",
    "parser",
    "ner",
    "morphologizer",
    "compound_splitter",
    "bunsetu_recognizer",
]


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="GinzaNLP",
)
class GinzaNLP(SpacyNLP):
    """Provides a spaCy ``Language`` for Japanese without the pipes that features don't read."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**SpacyNLP.get_default_config(), "case_sensitive": True, "exclude": DEFAULT_EXCLUDE}

    @classmethod
    def create(cls, config, model_storage, resource, execution_context) -> GinzaNLP:
        merged = {**cls.get_default_config(), **config}
        model = cls.load_trimmed(merged.get("model"), tuple(merged.get("exclude") or ()))
        cls.ensure_proper_language_model(model.model)
        return cls(model, merged)

    @staticmethod
    @lru_cache(maxsize=4)
    def load_trimmed(model_name: str, exclude: Tuple[str, ...]) -> SpacyModel:
        """``spacy.load`` with ``exclude``, once per process: Rasa's graph creates the component twice (the
        model provider and the message processor), and each copy of ja_ginza costs about 160 MB."""
        import spacy

        if not model_name:
            raise InvalidModelError("GinzaNLP needs `model:` (e.g. ja_ginza) in config.yml.")
        try:
            language = spacy.load(model_name, exclude=[*exclude, "vocab"])
        except OSError as error:
            raise InvalidModelError(f"spaCy model '{model_name}' is not installed: {error}") from error
        vocab_dir = Path(language.path) / "vocab"
        if (vocab_dir / "vectors").exists():
            language.vocab.vectors.from_disk(vocab_dir, exclude=("strings",))
        fingerprint = f"{model_name}-without-{'+'.join(sorted(exclude))}+strings"
        return SpacyModel(model=language, model_name=fingerprint)

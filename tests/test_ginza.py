"""GinzaNLP loads ja_ginza without the pipes the features don't read, and only once per process."""
from bot.ginza import DEFAULT_EXCLUDE, GinzaNLP


def test_trimmed_pipeline_keeps_tokens_lemmas_and_vectors():
    model = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE))
    assert model.model.pipe_names == []
    doc = model.model("サポセンの電話番号は？")
    assert [t.text for t in doc] == ["サポセン", "の", "電話番号", "は", "？"]
    assert doc[2].has_vector and doc[2].lemma_ == "電話番号"
    assert model.model_name == "ja_ginza-without-" + "+".join(sorted(DEFAULT_EXCLUDE))


def test_loaded_once_per_process():
    first = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE))
    second = GinzaNLP.load_trimmed("ja_ginza", tuple(DEFAULT_EXCLUDE))
    assert first.model is second.model

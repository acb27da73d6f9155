"""The model's matrix products through numpy's BLAS: same products, same annotations."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.language import Language
from thinc.api import NumpyOps

from brinkwatch.errors import ConfigError
from brinkwatch.nlp.allocator import keep_freed_memory
from brinkwatch.nlp.matmul import BlasOps, use_matmul
from brinkwatch.settings import Settings, load_settings

SENTENCES = [
    "Russian forces shelled Kharkiv on Tuesday, Ukraine's defence ministry said.",
    "The European Union imposed sanctions on Iranian banks after talks in Vienna collapsed.",
    "Prime Minister Anwar Ibrahim will visit Jakarta next week to meet President Prabowo.",
    "Hundreds of protesters gathered outside the parliament in Nairobi.",
]


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_gemm_matches_thinc(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.random((37, 19) if not trans1 else (19, 37), dtype="float32")
    y = rng.random((19, 11) if not trans2 else (11, 19), dtype="float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(BlasOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, atol=1e-5)
    out = numpy.zeros((37, 11), dtype="float32")
    assert BlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, expected, atol=1e-5)


def _annotations(nlp: Language) -> list[list[tuple[str, str, int, str, str]]]:
    return [
        [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
        for doc in nlp.pipe(SENTENCES)
    ]


def test_blas_products_give_the_same_annotations() -> None:
    model = Settings().model
    thinc_nlp, blas_nlp = spacy.load(model), spacy.load(model)
    use_matmul(blas_nlp, "blas", 1)
    models = [getattr(pipe, "model", None) for _, pipe in blas_nlp.pipeline]
    layers = [layer for model in models if model is not None for layer in model.walk()]
    assert layers and all(isinstance(layer.ops, BlasOps) for layer in layers)
    assert not isinstance(thinc_nlp.get_pipe("tok2vec").model.ops, BlasOps)
    assert _annotations(blas_nlp) == _annotations(thinc_nlp)


def test_thinc_choice_leaves_the_model_alone(nlp: Language) -> None:
    model = Settings().model
    plain = spacy.load(model, exclude=["ner", "parser", "tagger"])
    use_matmul(plain, "thinc", 1)
    assert not isinstance(plain.get_pipe("tok2vec").model.ops, BlasOps)
    with pytest.raises(ValueError, match="matmul"):
        use_matmul(plain, "gpu", 1)


def test_the_coder_uses_blas_products_by_default(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("tok2vec").model.ops, BlasOps)
    assert isinstance(nlp.get_pipe("ner").model.ops, BlasOps)


def test_matmul_setting_is_validated() -> None:
    assert load_settings(env={"BRINKWATCH_MATMUL": "thinc"}).matmul == "thinc"
    with pytest.raises(ConfigError):
        load_settings(env={"BRINKWATCH_MATMUL": "cuda"})
    with pytest.raises(ConfigError):
        load_settings(env={"BRINKWATCH_BLAS_THREADS": "0"})


def test_allocator_is_tuned_on_glibc() -> None:
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt is glibc's")
    assert keep_freed_memory() is True

"""Matrix products of the spaCy model through numpy's BLAS instead of thinc's blis.

Most of a CPU parse is single-precision matrix products: the two convolutional token encoders
(the shared `tok2vec` and the entity recognizer's own) and the parser's and recognizer's
feature layers. thinc computes them with blis, pinned at 1.0 (newer blis is slower on common
CPUs); numpy's wheels ship OpenBLAS, whose kernels are about three times faster on the x86 CPUs
we measured (docs/performance.md). The products are the same sums in another order, so the
model's decisions do not change: `brinkwatch code` output was byte-identical with `matmul`
"thinc" and "blas" on the events, actors and first 1,500 PLOVER dev texts and on 168 news
articles, and spaCy's annotations on those articles' 3,465 paragraphs (float rounding can differ in the
last bit; tests hold the annotations of a hand-written sample equal).

Only `gemm` is replaced; every other kernel stays thinc's. The model's layers get these ops
when the pipeline is loaded, so nothing global changes and a user's own spaCy objects keep
theirs. BLAS threads are limited once per process (default one): brinkwatch parallelises by
processes (`--n-process`, Dask workers), and OpenBLAS threads on top would fight for the same
cores.
"""

from __future__ import annotations

import functools
import typing

import numpy
from spacy.language import Language
from thinc.api import NumpyOps

MATMUL_CHOICES = ("blas", "thinc")


class BlasOps(NumpyOps):
    """thinc's NumPy ops with `gemm` computed by numpy (its bundled BLAS)."""

    name = "numpy"  # layers and spaCy check this name to choose CPU code paths: keep thinc's

    def gemm(
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> numpy.ndarray:
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def use_matmul(nlp: Language, matmul: str, threads: int) -> None:
    """Give every model layer of `nlp` the ops that `matmul` names; limit the BLAS threads."""
    if matmul not in MATMUL_CHOICES:
        raise ValueError(f"matmul must be one of {MATMUL_CHOICES}, not {matmul!r}")
    if matmul == "thinc":
        return
    limit_blas_threads(threads)
    ops = BlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue  # rule-based components (attribute ruler, lemmatizer) have no layers
        for layer in typing.cast(typing.Any, model).walk():
            layer.ops = ops


@functools.cache
def limit_blas_threads(threads: int) -> None:
    """Keep numpy's BLAS to `threads` threads for the rest of the process (once per value)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")

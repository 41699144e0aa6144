"""DIET and ResponseSelector are loaded for answering, not for training.

Rasa 3.6's ``RasaModel.load`` builds a model by compiling it with Adam and fitting it for one step (which traces the
whole training graph and makes the optimizer's two slot variables per weight), then reads the checkpoint, then
traces predict. A model that only answers needs none of the training part. ``inference_only_load`` creates the
model, restores the checkpoint into its variables as predict creates them (TensorFlow's deferred restore; the
optimizer's saved slots are skipped) and traces predict: the same weights, so the same answers
(tests/serving/test_serving.py compares both loads), with about 460 MB less memory and a faster start.

Loads for fine-tuning (``rasa train --finetune``) and loads without a predict example keep Rasa's own way.

``install`` switches it on; ``bot.serving.speedups.ServingSpeedups`` in config.yml calls it.
"""

from __future__ import annotations

from typing import Any, Optional

from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

from bot.serving.version_guard import install_if_checked

_rasa_load = RasaModel.load.__func__


def inference_only_load(
    cls: type,
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: Optional[RasaModelData] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load`` without the one-step fit: weights restored as predict creates them."""
    if finetune_mode or predict_data_example is None:
        return _rasa_load(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
        )
    model = cls(*args, **kwargs)
    status = model.load_weights(model_file_name)
    model.run_inference(predict_data_example)
    # The checkpoint also holds the optimizer's state and training-only values, which an answering model skips.
    status.expect_partial()
    return model


def _patch() -> None:
    RasaModel.load = classmethod(inference_only_load)


def install() -> bool:
    """Makes every ``RasaModel`` subclass load this way, on a checked Rasa version only (True when installed).
    Idempotent. Checked for DIET (tests/serving/test_serving.py) and
    ResponseSelector's DIET2BOW (`make test`'s NLU figures are the same to the sentence); config.yml has no TED."""
    return install_if_checked("the inference-only model load", _patch)

"""Strings of the transfer-learning lab."""

STRINGS = {
    "transfer.teaches": {
        "ko": "사전 훈련된 CNN으로 **특성 추출**(완전연결층만 학습)과 **미세 조정**(합성곱층 일부도 학습)을 "
              "직접 골라 짧게 학습하고, 학습 곡선이 실시간으로 그려지는 것을 봅니다.",
        "en": "Choose **feature extraction** (train only the classifier) or **fine-tuning** (also retrain "
              "convolutional layers) on a pretrained CNN, run a short training and watch it learn live.",
    },
}

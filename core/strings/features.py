"""Strings of the feature-map lab (explainable CNN)."""

STRINGS = {
    "features.teaches": {
        "ko": "CNN의 각 층이 보는 **특성 맵**, 사전 훈련된 가중치와 무작위 가중치의 비교, "
              "그리고 Grad-CAM으로 모델이 왜 그렇게 판단했는지.",
        "en": "The **feature maps** each layer of a CNN sees, pretrained versus random weights, "
              "and Grad-CAM: why the model decided.",
    },
}

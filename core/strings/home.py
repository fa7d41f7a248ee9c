"""Strings of the home page: the chapter map."""

STRINGS = {
    "home.intro": {
        "ko": "이 대시보드는 5장 **합성곱 신경망 2**의 내용을 직접 만져 보며 배우는 실습실입니다. "
        "왼쪽 메뉴나 아래 지도에서 실습을 고르세요.",
        "en": "This dashboard is a lab for chapter 5, **Convolutional neural networks 2**: "
        "learn it by touching it. Pick a lab in the menu on the left or on the map below.",
    },
    "home.map_title": {"ko": "챕터 지도", "en": "Chapter map"},
    "home.section.transfer": {"ko": "5.3 전이 학습", "en": "5.3 Transfer learning"},
    "home.section.transfer_text": {
        "ko": "이미지넷처럼 큰 데이터셋으로 **사전 훈련된 모델**의 가중치를 가져와 새 문제에 맞게 보정합니다. "
        "**특성 추출**은 합성곱층을 고정하고 완전연결층만 학습하고, **미세 조정**은 합성곱층 일부까지 다시 학습합니다.",
        "en": "Take the weights of a **pretrained model** (trained on a huge dataset such as ImageNet) and "
        "adapt them to a new task. **Feature extraction** freezes the convolutional layers and trains "
        "only the fully-connected classifier; **fine-tuning** also retrains some convolutional layers.",
    },
    "home.section.graph_text": {
        "ko": "(Note) **계산 그래프**: 국소적 계산, 연쇄 법칙에 의한 역전파, `clone()` · `detach()` · `clone().detach()`의 차이.",
        "en": "(Note) **Computation graphs**: local computation, backpropagation by the chain rule, and "
        "what `clone()`, `detach()` and `clone().detach()` do.",
    },
    "home.section.xai": {"ko": "5.4 설명 가능한 CNN", "en": "5.4 Explainable CNN"},
    "home.section.xai_text": {
        "ko": "입력 x → [블랙박스] → 출력 y. **특성 맵**을 시각화하면 CNN이 무엇을 감지하는지 보이고 결과를 믿을 수 있게 됩니다.",
        "en": "Input x → [black box] → output y. Visualising **feature maps** shows what a CNN detects "
        "and earns trust in its result.",
    },
    "home.section.gcn": {
        "ko": "5.5 그래프 합성곱 네트워크",
        "en": "5.5 Graph convolutional networks",
    },
    "home.section.gcn_text": {
        "ko": "그래프 → **인접 행렬**과 **특성 행렬** → 그래프 합성곱층 → **리드아웃**으로 그래프 전체를 하나의 벡터로.",
        "en": "A graph → its **adjacency matrix** and **feature matrix** → graph convolutional layers → "
        "a **readout** that turns the whole graph into one vector.",
    },
    "home.open_lab": {"ko": "실습 열기", "en": "Open the lab"},
    "home.offline_note": {
        "ko": "모든 실습은 인터넷 없이 동작합니다 (내장 EfficientNet-Lite0 이미지넷 가중치와 예제 사진). "
        "다른 모델의 가중치와 책의 고양이/개 데이터셋은 요청할 때만 내려받습니다.",
        "en": "Every lab works offline (bundled EfficientNet-Lite0 ImageNet weights and sample photos). "
        "Other models' weights and the book's cat/dog dataset download only when you ask.",
    },
}

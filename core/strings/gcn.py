"""Strings of the GCN lab."""

STRINGS = {
    "gcn.teaches": {
        "ko": "작은 그래프를 그리고 **인접 행렬**, **특성 행렬**, 그래프 합성곱의 모든 단계와 **리드아웃**을 숫자로 따라갑니다.",
        "en": "Draw a small graph and follow every number: the **adjacency matrix**, the **feature matrix**, "
              "each step of a graph convolution and the **readout**.",
    },
}

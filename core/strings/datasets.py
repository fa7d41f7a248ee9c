"""Strings of the dataset sources used by the transfer-learning lab."""

STRINGS = {
    # source choice
    "datasets.source": {"ko": "데이터셋", "en": "Dataset"},
    "datasets.source.shapes": {"ko": "도형 (오프라인)", "en": "Shapes (offline)"},
    "datasets.source.zip": {"ko": "zip 파일", "en": "Zip file"},
    "datasets.source.upload": {"ko": "클래스별 업로드", "en": "Upload per class"},
    "datasets.source.camera": {"ko": "카메라", "en": "Camera"},
    "datasets.source.book": {"ko": "교재의 고양이/개", "en": "Book's cats & dogs"},
    "datasets.source.folder": {"ko": "로컬 폴더", "en": "Local folder"},
    # (a) shapes
    "datasets.shapes_help": {
        "ko": "코드가 그린 도형 {n}종류(원, 사각형, 삼각형, 줄무늬)입니다. 색, 크기, 위치, 회전, 배경, "
              "잡음이 무작위여서 사전 훈련된 모델도 학습이 조금 필요합니다. 인터넷 없이 됩니다.",
        "en": "{n} kinds of shapes drawn by code (circle, square, triangle, stripes) with random "
              "colour, size, position, rotation, background and noise: a pretrained model still "
              "has to learn a little. Works offline.",
    },
    "datasets.images_per_class": {"ko": "클래스당 이미지 수", "en": "Images per class"},
    "datasets.shape.circle": {"ko": "원", "en": "circle"},
    "datasets.shape.square": {"ko": "사각형", "en": "square"},
    "datasets.shape.triangle": {"ko": "삼각형", "en": "triangle"},
    "datasets.shape.stripes": {"ko": "줄무늬", "en": "stripes"},
    "datasets.shape.star": {"ko": "별", "en": "star"},
    "datasets.shape.cross": {"ko": "십자", "en": "cross"},
    # (b) zip
    "datasets.zip_label": {
        "ko": "ImageFolder 구조의 zip 파일 (클래스마다 폴더 하나)",
        "en": "Zip file in ImageFolder layout (one folder per class)",
    },
    "datasets.zip_help": {
        "ko": "예: `고양이/1.jpg`, `개/2.png` … 바깥 폴더 하나, `train/`·`test/` 나눔도 인식합니다. "
              "이미지 {max}장까지, 압축 푼 크기 {mb} MB까지. 파일은 메모리에서만 읽고 디스크에 풀지 않습니다.",
        "en": "E.g. `cat/1.jpg`, `dog/2.png` … One wrapping folder and `train/` + `test/` splits "
              "are recognised. Up to {max} images and {mb} MB unpacked. Files are read in memory, "
              "never extracted to disk.",
    },
    "datasets.reading": {"ko": "이미지 읽는 중… {done}/{total}", "en": "Reading images… {done}/{total}"},
    # (b) per-class uploads and (c) camera
    "datasets.n_classes": {"ko": "클래스 수", "en": "Number of classes"},
    "datasets.class_name": {"ko": "클래스 {i} 이름", "en": "Name of class {i}"},
    "datasets.default_class": {"ko": "클래스 {i}", "en": "class {i}"},
    "datasets.class_files": {"ko": "'{name}' 이미지", "en": "Images of '{name}'"},
    "datasets.camera_help": {
        "ko": "교실 앞에서 분류기를 만들어 봅니다: 클래스를 고르고 그 클래스의 물건이나 손동작을 여러 번 "
              "찍으세요 (클래스마다 5장 이상 권장). 찍은 사진은 이 브라우저 세션에만 있습니다.",
        "en": "Build a classifier in front of the class: pick a class and photograph its object or "
              "gesture several times (5 or more per class is a good start). Shots stay in this "
              "browser session only.",
    },
    "datasets.camera_class": {"ko": "지금 찍을 클래스", "en": "Class to photograph now"},
    "datasets.camera_label": {"ko": "'{name}' 사진 찍기", "en": "Take a photo of '{name}'"},
    "datasets.camera_added": {
        "ko": "'{name}'에 추가했습니다 (지금 {count}장).",
        "en": "Added to '{name}' (now {count} shots).",
    },
    "datasets.camera_full": {
        "ko": "'{name}'에는 이미 {max}장이 있어 더 추가하지 않습니다.",
        "en": "'{name}' already has {max} shots; no more are added.",
    },
    "datasets.camera_counts": {"ko": "찍은 사진: {counts}", "en": "Shots so far: {counts}"},
    "datasets.camera_undo": {"ko": "마지막 사진 빼기", "en": "Undo last shot"},
    "datasets.camera_clear": {"ko": "모두 지우기", "en": "Clear all shots"},
    # (d) the book's dataset
    "datasets.book_help": {
        "ko": "교재(서지영, 『딥러닝 파이토치 교과서』, 길벗) 5장의 고양이/개 데이터셋입니다 "
              "(훈련 385장, 테스트 98장). 교재의 공개 저장소 `{repo}`에서 내려받습니다.",
        "en": "The cat/dog dataset of the textbook's chapter 5 (Seo Ji-young, Gilbut; 385 training "
              "and 98 test images), downloaded from the book's public repository `{repo}`.",
    },
    "datasets.book_download": {"ko": "교재 데이터셋 내려받기", "en": "Download the book's dataset"},
    "datasets.book_downloading": {"ko": "내려받는 중… {mb:.1f} MB", "en": "Downloading… {mb:.1f} MB"},
    "datasets.book_cached": {
        "ko": "이 서버에 내려받아 둔 사본을 씁니다 (모든 사용자가 함께 씀).",
        "en": "Using the copy already downloaded on this server (shared by every user).",
    },
    "datasets.book_offline": {
        "ko": "인터넷에 연결할 수 없어 교재 데이터셋을 내려받지 못했습니다 ({url}). "
              "오프라인에서는 '도형' 데이터셋을 쓰거나 zip 파일을 올려 주세요.",
        "en": "No internet connection: the book's dataset could not be downloaded ({url}). "
              "Offline, use the 'Shapes' dataset or upload a zip file.",
    },
    # (e) local folder
    "datasets.folder_label": {"ko": "이 컴퓨터의 폴더 경로", "en": "Folder path on this computer"},
    "datasets.folder_help": {
        "ko": "앱을 내 컴퓨터에서 실행할 때만 보입니다. ImageFolder 구조 (`클래스/이미지`), "
              "`train/`·`test/` 나눔도 인식합니다.",
        "en": "Shown only when the app runs on your own computer. ImageFolder layout "
              "(`class/image`); `train/` + `test/` splits are recognised.",
    },
    "datasets.folder_waiting": {
        "ko": "폴더 경로를 입력하면 불러옵니다.", "en": "Enter a folder path to load it.",
    },
    # split, counts, thumbnails
    "datasets.split_title": {"ko": "훈련/검증 나누기", "en": "Training/validation split"},
    "datasets.val_fraction": {"ko": "검증 데이터 비율", "en": "Validation fraction"},
    "datasets.seed": {"ko": "난수 시드", "en": "Random seed"},
    "datasets.seed_help": {
        "ko": "같은 시드는 같은 나누기(와 같은 도형)를 만듭니다. 클래스마다 비율을 지켜 나눕니다 (층화 분할).",
        "en": "The same seed gives the same split (and the same shapes). Each class is split in the "
              "same proportion (stratified split).",
    },
    "datasets.summary": {
        "ko": "클래스 {classes}개 · 이미지 {images}장 (훈련 {train}, 검증 {val}{test})",
        "en": "{classes} classes · {images} images (training {train}, validation {val}{test})",
    },
    "datasets.summary_test": {"ko": ", 테스트 {n}", "en": ", test {n}"},
    "datasets.col_class": {"ko": "클래스", "en": "Class"},
    "datasets.col_train": {"ko": "훈련", "en": "Training"},
    "datasets.col_val": {"ko": "검증", "en": "Validation"},
    "datasets.col_test": {"ko": "테스트", "en": "Test"},
    "datasets.thumbnails": {"ko": "클래스별 예시 이미지", "en": "Example images per class"},
    "datasets.skipped_title": {
        "ko": "사용하지 않은 파일 {n}개", "en": "{n} files not used",
    },
    "datasets.skipped_more": {"ko": "… 그리고 {n}개 더", "en": "… and {n} more"},
    "datasets.cached_note": {
        "ko": "읽어 들인 데이터셋은 내용 해시로 캐시되어 다시 읽지 않습니다.",
        "en": "The decoded dataset is cached by a hash of its content and not read again.",
    },
    "datasets.waiting": {
        "ko": "이미지를 올리거나 찍으면 클래스별 개수와 예시 이미지가 여기에 나타납니다.",
        "en": "Once images are added, the classes, their counts and examples appear here.",
    },
    # reasons a file was skipped
    "datasets.skip.not_image": {"ko": "이미지 파일이 아님", "en": "not an image file"},
    "datasets.skip.unreadable": {"ko": "손상되었거나 읽을 수 없음", "en": "damaged or unreadable"},
    "datasets.skip.empty_file": {"ko": "빈 파일 (0 바이트)", "en": "empty file (0 bytes)"},
    "datasets.skip.too_big": {"ko": "파일이 너무 큼", "en": "file too big"},
    "datasets.skip.bomb": {"ko": "픽셀 수가 너무 많음 (압축 폭탄?)", "en": "too many pixels (decompression bomb?)"},
    "datasets.skip.format": {"ko": "지원하지 않는 이미지 형식", "en": "unsupported image format"},
    "datasets.skip.aspect": {"ko": "너무 길고 가는 이미지", "en": "too long and thin"},
    "datasets.skip.unsafe_path": {
        "ko": "위험한 경로 (`..` 또는 절대 경로)", "en": "unsafe path (`..` or absolute)",
    },
    "datasets.skip.link": {"ko": "심볼릭 링크", "en": "symbolic link"},
    "datasets.skip.encrypted": {"ko": "암호가 걸린 파일", "en": "encrypted file"},
    "datasets.skip.no_class": {
        "ko": "클래스 폴더 밖에 있음", "en": "not inside a class folder",
    },
    "datasets.skip.empty_class": {
        "ko": "이미지가 없는 클래스 폴더 (클래스에서 뺌)",
        "en": "class folder without images (class left out)",
    },
    "datasets.skip.unknown_class": {
        "ko": "훈련 데이터에 없는 클래스", "en": "class not in the training data",
    },
    "datasets.skip.other_split": {
        "ko": "쓰지 않는 나눔 폴더 (train과 test만 씀)",
        "en": "unused split folder (only train and test are used)",
    },
    # errors (UserFacingError keys)
    "datasets.no_images": {
        "ko": "쓸 수 있는 이미지가 없습니다. 클래스마다 폴더를 하나씩 만들고 그 안에 이미지를 넣어 주세요 "
              "(예: `고양이/1.jpg`, `개/1.jpg`).",
        "en": "No usable images found. Put the images of each class into a folder of its own "
              "(e.g. `cat/1.jpg`, `dog/1.jpg`).",
    },
    "datasets.one_class": {
        "ko": "클래스가 하나('{name}')뿐입니다. 분류하려면 클래스가 2개 이상 필요합니다.",
        "en": "There is only one class ('{name}'). A classifier needs at least 2 classes.",
    },
    "datasets.class_too_small": {
        "ko": "클래스 '{name}'에 이미지가 {count}장뿐입니다. 훈련과 검증에 하나씩, 클래스마다 "
              "최소 {min}장이 필요합니다.",
        "en": "Class '{name}' has only {count} images. Each class needs at least {min} "
              "(one for training, one for validation).",
    },
    "datasets.too_many_images": {
        "ko": "이미지가 {count}장으로 너무 많습니다. 이 서버는 여러 학생이 함께 쓰므로 {max}장까지만 "
              "받습니다 (교재 데이터셋은 483장).",
        "en": "{count} images is too many: this server is shared by many students, so at most "
              "{max} are accepted (the book's dataset has 483).",
    },
    "datasets.too_many_classes": {
        "ko": "클래스가 {count}개로 너무 많습니다 (최대 {max}개).",
        "en": "{count} classes is too many (at most {max}).",
    },
    "datasets.bad_val_fraction": {
        "ko": "검증 비율 {value}은(는) 0 이상 1 미만이어야 합니다.",
        "en": "The validation fraction {value} must be at least 0 and below 1.",
    },
    "datasets.class_name_empty": {
        "ko": "클래스 이름이 비어 있습니다. 모든 클래스에 이름을 붙여 주세요.",
        "en": "A class name is empty. Please name every class.",
    },
    "datasets.class_name_duplicate": {
        "ko": "클래스 이름 '{name}'이(가) 두 번 쓰였습니다. 클래스마다 다른 이름을 붙여 주세요.",
        "en": "The class name '{name}' is used twice. Please give each class its own name.",
    },
    "datasets.zip_corrupt": {
        "ko": "zip 파일이 아니거나 손상된 파일입니다.",
        "en": "This is not a zip file, or the zip file is damaged.",
    },
    "datasets.zip_too_big": {
        "ko": "zip 파일이 너무 큽니다 (최대 {mb} MB).", "en": "The zip file is too big (at most {mb} MB).",
    },
    "datasets.zip_too_many_files": {
        "ko": "zip 안에 항목이 {count}개로 너무 많습니다 (최대 {max}개). 압축 폭탄일 수 있어 열지 않았습니다.",
        "en": "The zip holds {count} entries, too many (at most {max}). It may be a zip bomb, "
              "so it was not opened.",
    },
    "datasets.zip_unpacked_too_big": {
        "ko": "zip을 풀면 이미지가 {mb} MB가 됩니다 (최대 {max} MB). 압축 폭탄일 수 있어 열지 않았습니다.",
        "en": "The zip's images would unpack to {mb} MB (at most {max} MB). It may be a zip bomb, "
              "so it was not opened.",
    },
    "datasets.zip_bomb": {
        "ko": "zip 안의 '{name}'이(가) {ratio}배로 압축되어 있습니다. 압축 폭탄으로 보여 zip을 열지 않았습니다.",
        "en": "'{name}' in the zip is compressed {ratio}-fold. It looks like a zip bomb, so the zip "
              "was not opened.",
    },
    "datasets.folder_missing": {
        "ko": "폴더를 찾을 수 없거나 읽을 수 없습니다: {path}",
        "en": "The folder does not exist or cannot be read: {path}",
    },
    "datasets.folder_too_many_files": {
        "ko": "폴더에 파일이 너무 많습니다 (최대 {max}개). 데이터셋 폴더를 골라 주세요.",
        "en": "The folder holds too many files (at most {max}). Please choose a dataset folder.",
    },
}

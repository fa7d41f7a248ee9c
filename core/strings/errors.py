"""Messages for UserFacingError keys: what went wrong, in the user's language."""

STRINGS = {
    "errors.image_empty": {
        "ko": "파일이 비어 있습니다 (0 바이트). 다른 이미지를 골라 주세요.",
        "en": "The file is empty (0 bytes). Please choose another image.",
    },
    "errors.image_file_too_big": {
        "ko": "파일이 너무 큽니다. {mb} MB 이하의 이미지를 올려 주세요.",
        "en": "The file is too big. Please upload an image of at most {mb} MB.",
    },
    "errors.image_format": {
        "ko": "{format} 형식은 지원하지 않습니다. JPEG, PNG, WebP, BMP, GIF를 써 주세요.",
        "en": "The {format} format is not supported. Please use JPEG, PNG, WebP, BMP or GIF.",
    },
    "errors.image_bomb": {
        "ko": "이미지가 {width}×{height} 픽셀로 너무 큽니다 ({mp} 메가픽셀 초과). "
        "압축 폭탄일 수 있어 열지 않았습니다.",
        "en": "The image is {width}×{height} pixels, over {mp} megapixels. "
        "It may be a decompression bomb, so it was not opened.",
    },
    "errors.image_bomb_huge": {
        "ko": "이미지가 {mp} 메가픽셀이 넘는 크기라고 적혀 있습니다. 압축 폭탄일 수 있어 열지 않았습니다.",
        "en": "The image claims to be over {mp} megapixels. It may be a decompression bomb, "
        "so it was not opened.",
    },
    "errors.image_aspect": {
        "ko": "이미지가 {width}×{height} 픽셀로 너무 길고 가늡니다 (긴 변이 짧은 변의 {ratio}배 초과). "
        "잘라서 다시 올려 주세요.",
        "en": "The image is {width}×{height} pixels: too long and thin to use (one side over "
        "{ratio} times the other). Please crop it and try again.",
    },
    "errors.image_unreadable": {
        "ko": "이미지로 읽을 수 없는 파일입니다 (손상되었거나 이미지가 아닙니다).",
        "en": "This file cannot be read as an image (it is damaged or not an image).",
    },
    "errors.download_offline": {
        "ko": "인터넷에 연결할 수 없어 내려받지 못했습니다: {url}",
        "en": "No internet connection: could not download {url}",
    },
    "errors.download_failed": {
        "ko": "내려받기에 실패했습니다 ({reason}): {url}",
        "en": "The download failed ({reason}): {url}",
    },
    "errors.model_offline": {
        "ko": "{model}의 가중치를 내려받을 수 없습니다 (오프라인). "
        "오프라인에서도 되는 내장 모델 {bundled}을(를) 써 보세요.",
        "en": "The weights of {model} cannot be downloaded (offline). "
        "Use the bundled {bundled}, which works offline.",
    },
    "errors.unknown_model": {
        "ko": "알 수 없는 모델입니다: {model}",
        "en": "Unknown model: {model}",
    },
}

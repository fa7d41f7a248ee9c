"""Strings of the augmentation lab (RandomResizedCrop)."""

STRINGS = {
    "augmentation.teaches": {
        "ko": "RandomResizedCrop으로 이미지를 무작위 비율로 자른 뒤 크기를 조정하는 **데이터 확장**: "
        "각 잘라낸 영역이 원본의 어디에서 왔는지, 면적 비율과 가로세로 비율이 어떻게 뽑히는지.",
        "en": "**Data augmentation** with RandomResizedCrop: where each crop comes from in the original, "
        "and how its area fraction and aspect ratio are drawn.",
    },
    # controls
    "augmentation.controls_title": {"ko": "자르기 설정", "en": "Crop settings"},
    "augmentation.knob.aug_size_h": {"ko": "출력 높이 h", "en": "Output height h"},
    "augmentation.knob.aug_size_h.help": {
        "ko": "잘라낸 영역을 이 높이(픽셀)로 크기 조정합니다. torchvision의 size=(h, w)의 h.",
        "en": "Each crop is resized to this height in pixels: the h of torchvision's size=(h, w).",
    },
    "augmentation.knob.aug_size_w": {"ko": "출력 너비 w", "en": "Output width w"},
    "augmentation.knob.aug_size_w.help": {
        "ko": "잘라낸 영역을 이 너비(픽셀)로 크기 조정합니다. torchvision의 size=(h, w)의 w.",
        "en": "Each crop is resized to this width in pixels: the w of torchvision's size=(h, w).",
    },
    "augmentation.knob.aug_scale": {"ko": "면적 비율 scale", "en": "Area fraction (scale)"},
    "augmentation.knob.aug_scale.help": {
        "ko": "잘라낼 면적이 원본 면적의 몇 배인지, 이 범위에서 균등하게 뽑습니다. 노트: 0.1–1.",
        "en": "The crop's area as a fraction of the original's, drawn uniformly in this range. Notes: 0.1-1.",
    },
    "augmentation.knob.aug_ratio": {
        "ko": "가로세로 비율 ratio (w/h)",
        "en": "Aspect ratio w/h (ratio)",
    },
    "augmentation.knob.aug_ratio.help": {
        "ko": "잘라낼 영역의 너비/높이. 로그 눈금에서 균등하게 뽑으므로 1/2와 2가 같은 확률입니다. 노트: 0.5–2.",
        "en": "The crop's width/height, drawn uniformly on a log scale, so 1/2 and 2 are equally likely. "
        "Notes: 0.5-2.",
    },
    "augmentation.knob.aug_interpolation": {"ko": "보간 방법", "en": "Interpolation"},
    "augmentation.knob.aug_interpolation.help": {
        "ko": "잘라낸 영역을 출력 크기로 바꿀 때 픽셀을 채우는 방법 (PIL 이미지는 bilinear·bicubic에서 안티에일리어싱).",
        "en": "How pixels are filled when a crop is resized to the output size "
        "(PIL images are antialiased for bilinear and bicubic).",
    },
    "augmentation.interp.bilinear": {"ko": "bilinear · 쌍선형", "en": "Bilinear"},
    "augmentation.interp.bicubic": {"ko": "bicubic · 쌍삼차", "en": "Bicubic"},
    "augmentation.interp.nearest": {"ko": "nearest · 최근접", "en": "Nearest"},
    "augmentation.interp.lanczos": {"ko": "lanczos · 란초스", "en": "Lanczos"},
    "augmentation.knob.aug_rows": {"ko": "행", "en": "Rows"},
    "augmentation.knob.aug_rows.help": {
        "ko": "노트의 apply(..., num_rows=2, num_cols=4)처럼 몇 줄로 보여 줄지.",
        "en": "How many rows, like the notes' apply(..., num_rows=2, num_cols=4).",
    },
    "augmentation.knob.aug_cols": {"ko": "열", "en": "Columns"},
    "augmentation.knob.aug_cols.help": {
        "ko": "한 줄에 몇 개를 보여 줄지. 샘플 수 = 행 × 열.",
        "en": "How many per row. Number of samples = rows × columns.",
    },
    "augmentation.knob.aug_seed": {"ko": "시드", "en": "Seed"},
    "augmentation.knob.aug_seed.help": {
        "ko": "같은 시드와 같은 설정이면 언제나 같은 격자가 나옵니다 (노트북에서 torch.manual_seed(시드)와 같음).",
        "en": "Same seed and same settings always give the same grid (like torch.manual_seed(seed) in a notebook).",
    },
    "augmentation.reroll": {"ko": "다시 뽑기", "en": "Reroll"},
    "augmentation.reroll_help": {
        "ko": "새 시드로 무작위 자르기를 다시 뽑습니다.",
        "en": "Draw new random crops with a new seed.",
    },
    "augmentation.notes_button": {"ko": "노트의 설정으로", "en": "Use the notes' settings"},
    "augmentation.notes_button_help": {
        "ko": "노트의 MXNet 코드와 같은 자르기: 출력 높이 100 × 너비 200, scale 0.1–1, ratio 0.5–2, 2×4 격자.",
        "en": "The same crop as the notes' MXNet code: output 100 high × 200 wide, scale 0.1-1, "
        "ratio 0.5-2, a 2×4 grid.",
    },
    "augmentation.extras_title": {"ko": "추가 변환", "en": "Extra transforms"},
    "augmentation.extras_caption": {
        "ko": "켠 변환은 자른 이미지에 이 순서대로 적용되어 하나의 파이프라인(transforms.Compose)이 됩니다.",
        "en": "Switched-on transforms are applied to each crop in this order: one pipeline "
        "(transforms.Compose).",
    },
    "augmentation.transform_help": {
        "ko": "torchvision: transforms.{name}",
        "en": "torchvision: transforms.{name}",
    },
    "augmentation.transform.hflip": {"ko": "좌우 뒤집기", "en": "Horizontal flip"},
    "augmentation.transform.vflip": {"ko": "상하 뒤집기", "en": "Vertical flip"},
    "augmentation.transform.jitter": {"ko": "색상 변화", "en": "Colour jitter"},
    "augmentation.transform.rotation": {"ko": "회전", "en": "Rotation"},
    "augmentation.knob.aug_hflip_p": {"ko": "뒤집을 확률 p", "en": "Probability p"},
    "augmentation.knob.aug_hflip_p.help": {
        "ko": "각 샘플을 좌우로 뒤집을 확률.",
        "en": "Chance that a sample is flipped left-right.",
    },
    "augmentation.knob.aug_vflip_p": {"ko": "뒤집을 확률 p", "en": "Probability p"},
    "augmentation.knob.aug_vflip_p.help": {
        "ko": "각 샘플을 상하로 뒤집을 확률.",
        "en": "Chance that a sample is flipped upside down.",
    },
    "augmentation.knob.aug_jitter_brightness": {"ko": "밝기 brightness", "en": "Brightness"},
    "augmentation.knob.aug_jitter_brightness.help": {
        "ko": "밝기 배율을 [1−값, 1+값]에서 뽑습니다 (0이면 끔).",
        "en": "The brightness factor is drawn from [1−value, 1+value] (0 switches it off).",
    },
    "augmentation.knob.aug_jitter_contrast": {"ko": "대비 contrast", "en": "Contrast"},
    "augmentation.knob.aug_jitter_contrast.help": {
        "ko": "대비 배율을 [1−값, 1+값]에서 뽑습니다 (0이면 끔).",
        "en": "The contrast factor is drawn from [1−value, 1+value] (0 switches it off).",
    },
    "augmentation.knob.aug_jitter_saturation": {"ko": "채도 saturation", "en": "Saturation"},
    "augmentation.knob.aug_jitter_saturation.help": {
        "ko": "채도 배율을 [1−값, 1+값]에서 뽑습니다 (0이면 끔).",
        "en": "The saturation factor is drawn from [1−value, 1+value] (0 switches it off).",
    },
    "augmentation.knob.aug_jitter_hue": {"ko": "색조 hue", "en": "Hue"},
    "augmentation.knob.aug_jitter_hue.help": {
        "ko": "색조를 [−값, +값] 바퀴만큼 돌립니다 (최대 0.5, 0이면 끔). 네 가지는 매번 무작위 순서로 적용됩니다.",
        "en": "The hue is shifted by [−value, +value] of a turn (at most 0.5, 0 switches it off). "
        "The four are applied in a random order each time.",
    },
    "augmentation.knob.aug_rotation_degrees": {
        "ko": "최대 회전 각도 (°)",
        "en": "Max rotation (°)",
    },
    "augmentation.knob.aug_rotation_degrees.help": {
        "ko": "[−값, +값]도에서 각도를 뽑아 돌립니다. 모서리는 검은색으로 채워집니다.",
        "en": "The angle is drawn from [−value, +value] degrees; the corners are filled with black.",
    },
    # what the page shows
    "augmentation.boxes_title": {
        "ko": "원본의 어디를 잘랐을까",
        "en": "Where each crop comes from",
    },
    "augmentation.boxes_caption": {
        "ko": "작업 이미지 {width}×{height} 픽셀. 상자 번호 = 격자 번호. 점선 상자 = 10번 시도가 모두 실패해 "
        "쓰인 중앙 자르기(대체).",
        "en": "Working image {width}×{height} px. Box number = grid number. Dashed box = the centre crop "
        "used after all 10 attempts failed (fallback).",
    },
    "augmentation.grid_title": {
        "ko": "{rows}×{cols} 격자 · 각 {h}×{w} (높이×너비)",
        "en": "{rows}×{cols} grid · each {h}×{w} (h×w)",
    },
    "augmentation.grid_caption": {
        "ko": "각 칸은 같은 번호의 상자 안쪽을 그대로 잘라 출력 크기로 바꾼 것입니다.",
        "en": "Each tile is exactly what is inside the box with its number, resized to the output size.",
    },
    "augmentation.grid_caption_extras": {
        "ko": "각 칸은 같은 번호의 상자를 잘라 출력 크기로 바꾼 뒤 추가 변환을 적용한 것입니다.",
        "en": "Each tile is the box with its number, resized to the output size, then passed through "
        "the extra transforms.",
    },
    "augmentation.crops_only": {
        "ko": "추가 변환 전의 자른 이미지만 보기",
        "en": "Show the crops before the extra transforms",
    },
    "augmentation.grid_fallback": {
        "ko": "이 격자의 {count}개는 10번 시도가 모두 원본 밖으로 나가 중앙 자르기로 대체되었습니다 (점선). "
        "면적 비율이 크고 가로세로 비율이 원본과 많이 다르면 이런 일이 잦아집니다.",
        "en": "{count} of these crops fell back to the centre crop (dashed): all 10 proposals fell outside "
        "the image. This gets common when the area fraction is large and the aspect ratio is far "
        "from the image's own.",
    },
    "augmentation.table_title": {"ko": "샘플별 매개변수", "en": "Each sample's parameters"},
    "augmentation.table_caption": {
        "ko": "상자 = (top, left, height, width), 원본 픽셀 단위 — torchvision의 resized_crop(image, *상자, size)에 "
        "그대로 넣는 값. 시도 = 원본 안에 들어오는 제안이 나올 때까지 뽑은 횟수.",
        "en": "Box = (top, left, height, width) in original pixels, the values torchvision's "
        "resized_crop(image, *box, size) takes. Attempts = proposals drawn until one fitted in the image.",
    },
    "augmentation.col.number": {"ko": "번호", "en": "No."},
    "augmentation.col.box": {"ko": "상자 (top, left, h, w)", "en": "Box (top, left, h, w)"},
    "augmentation.col.area": {"ko": "면적 비율", "en": "Area fraction"},
    "augmentation.col.ratio": {"ko": "가로세로 비율 w/h", "en": "Aspect ratio w/h"},
    "augmentation.col.attempts": {"ko": "시도", "en": "Attempts"},
    "augmentation.col.fallback": {"ko": "중앙 자르기 대체", "en": "Fallback"},
    "augmentation.col.hflip": {"ko": "좌우 뒤집기", "en": "H-flip"},
    "augmentation.col.vflip": {"ko": "상하 뒤집기", "en": "V-flip"},
    "augmentation.col.jitter": {"ko": "색상 변화 (적용 순서)", "en": "Colour jitter (in order)"},
    "augmentation.col.rotation": {"ko": "회전", "en": "Rotation"},
    "augmentation.yes": {"ko": "예", "en": "yes"},
    "augmentation.no": {"ko": "—", "en": "—"},
    "augmentation.flipped": {"ko": "뒤집음", "en": "flipped"},
    "augmentation.not_flipped": {"ko": "—", "en": "—"},
    "augmentation.jitter.brightness": {"ko": "밝기", "en": "brightness"},
    "augmentation.jitter.contrast": {"ko": "대비", "en": "contrast"},
    "augmentation.jitter.saturation": {"ko": "채도", "en": "saturation"},
    "augmentation.jitter.hue": {"ko": "색조", "en": "hue"},
    # distributions
    "augmentation.dist_title": {
        "ko": "무작위 값은 어떻게 뽑힐까 ({n}번 뽑기)",
        "en": "How the random values are drawn ({n} draws)",
    },
    "augmentation.dist_intro": {
        "ko": "torchvision은 면적 비율을 scale 범위에서 균등하게, 가로세로 비율의 **로그**를 log(ratio) 범위에서 균등하게 "
        "뽑아 상자를 제안합니다. 상자가 원본 밖으로 나가면 다시 뽑고(최대 10번), 모두 실패하면 중앙 자르기를 씁니다. "
        "그래서 아래 히스토그램의 막대(실제로 쓰인 상자)는 점선(모든 제안이 받아들여졌을 때의 균등 분포)보다 낮아질 수 있습니다: "
        "큰 면적과 극단적인 비율의 제안이 버려지기 때문입니다.",
        "en": "torchvision proposes a box by drawing the area fraction uniformly in the scale range and the "
        "**log** of the aspect ratio uniformly in log(ratio). A box that does not fit in the image is "
        "redrawn (at most 10 times); if all fail, the centre crop is used. So in the histograms below, "
        "the bars (boxes actually used) can fall below the dashed line (the uniform shape if every "
        "proposal were kept): large areas with extreme ratios get rejected.",
    },
    "augmentation.metric.acceptance": {
        "ko": "제안 1번이 들어맞을 확률",
        "en": "Chance one proposal fits",
    },
    "augmentation.metric.acceptance_help": {
        "ko": "계산값: 면적 비율 s, 가로세로 비율 r인 상자는 s ≤ exp(−|ln r − ln(W/H)|)일 때 원본 안에 들어갑니다 "
        "(픽셀 반올림은 무시).",
        "en": "Calculated: a box with area fraction s and aspect ratio r fits when s ≤ exp(−|ln r − ln(W/H)|) "
        "(ignoring rounding to whole pixels).",
    },
    "augmentation.metric.check": {
        "ko": "확인: {n}번 뽑기에서 제안의 {measured}이(가) 들어맞았고 (계산 {calc}), 중앙 자르기 대체 비율은 {rate} "
        "(계산 (1 − {calc})¹⁰ = {expected}).",
        "en": "Check: over {n} draws, {measured} of the proposals fitted (calculated {calc}), and the fallback "
        "rate was {rate} (calculated (1 − {calc})¹⁰ = {expected}).",
    },
    "augmentation.metric.fallback": {"ko": "중앙 자르기 대체 비율", "en": "Fallback rate"},
    "augmentation.metric.fallback_help": {
        "ko": "{n}번 뽑기 중 10번 시도가 모두 실패해 중앙 자르기를 쓴 비율.",
        "en": "Share of the {n} draws where all 10 attempts failed and the centre crop was used.",
    },
    "augmentation.metric.attempts": {"ko": "평균 시도 횟수", "en": "Mean attempts"},
    "augmentation.metric.attempts_help": {
        "ko": "상자 하나를 얻기까지 뽑은 제안 수의 평균 (최대 10), {n}번 뽑기에서 잰 값.",
        "en": "Average number of proposals drawn per box (at most 10), measured over {n} draws.",
    },
    "augmentation.hist.show": {
        "ko": "히스토그램: 상자 {n}개의 면적 비율과 가로세로 비율",
        "en": "Histograms: area fraction and aspect ratio of the {n} boxes",
    },
    "augmentation.hist.fitted": {"ko": "들어맞은 상자", "en": "boxes that fitted"},
    "augmentation.hist.fallback": {"ko": "중앙 자르기 대체", "en": "fallback centre crops"},
    "augmentation.hist.uniform": {
        "ko": "모든 제안을 받아들였다면 (균등)",
        "en": "if every proposal were kept (uniform)",
    },
    "augmentation.hist.chosen": {"ko": "고른 범위", "en": "chosen range"},
    "augmentation.hist.count": {"ko": "상자 수", "en": "boxes"},
    "augmentation.hist.area_title": {
        "ko": "면적 비율 = 상자 면적 ÷ 원본 면적",
        "en": "Area fraction = box area ÷ image area",
    },
    "augmentation.hist.ratio_title": {
        "ko": "가로세로 비율 w/h (로그 눈금)",
        "en": "Aspect ratio w/h (log scale)",
    },
    "augmentation.hist.image_ratio": {"ko": "원본 W/H = {ratio}", "en": "image W/H = {ratio}"},
    "augmentation.cached_note": {
        "ko": "분포는 설정마다 한 번 계산해 저장해 둡니다 (서버의 CPU를 아끼려고).",
        "en": "The distributions are computed once per setting and cached (to spare the server's CPU).",
    },
    # code
    "augmentation.code_title": {"ko": "노트북으로 가져가기", "en": "Take it to a notebook"},
    "augmentation.code_torchvision": {
        "ko": "지금 파이프라인 (PyTorch · torchvision)",
        "en": "This pipeline (PyTorch · torchvision)",
    },
    "augmentation.code_caption": {
        "ko": "같은 사진과 같은 시드로 실행하면 위 격자와 픽셀까지 똑같은 {n}개의 이미지가 나옵니다.",
        "en": "Run with the same photo and the same seed, it draws the very {n} {n:plural:image|images} of the grid above, "
        "pixel for pixel.",
    },
    "augmentation.code_caption_downscaled": {
        "ko": "단, 이 실습은 올린 사진({width}×{height})을 줄인 사본({new_width}×{new_height})으로 작업했으므로, "
        "원본 크기 사진으로는 다른 자르기가 나옵니다.",
        "en": "This lab worked on a {new_width}×{new_height} copy of your {width}×{height} photo, so the "
        "full-size photo gives different crops.",
    },
    "augmentation.code_mxnet": {
        "ko": "노트의 코드 (MXNet Gluon)",
        "en": "The notes' code (MXNet Gluon)",
    },
    "augmentation.mxnet_note": {
        "ko": "주의: MXNet의 size는 **(너비, 높이)** 순서라 size=(200,100)은 너비 200 × 높이 100인 이미지를 만듭니다. "
        "torchvision의 size는 **(높이, 너비)** 순서이므로 같은 결과는 `size=(100, 200)`입니다. "
        "노트의 주석 '출력할 크기를 200*200으로 조정'은 코드와 맞지 않습니다. "
        "scale·ratio의 뜻과 10번 시도 후 중앙 자르기는 두 라이브러리가 같습니다.",
        "en": "Careful: MXNet's size is **(width, height)**, so size=(200,100) makes images 200 wide × 100 high. "
        "torchvision's size is **(height, width)**: the same result is `size=(100, 200)`. "
        "The notes' comment 'resize the output to 200*200' does not match the code. "
        "scale, ratio and the centre-crop fallback after 10 attempts mean the same in both libraries.",
    },
    "augmentation.handover": {
        "ko": "이 파이프라인은 세션에 저장됩니다: 전이 학습 실습에서 이것으로 학습할 수 있습니다.",
        "en": "This pipeline is kept in your session: the transfer-learning lab can train with it.",
    },
    # errors
    "augmentation.error.range_reversed": {
        "ko": "{name} 범위의 최솟값 {low}이(가) 최댓값 {high}보다 커서 적용할 수 없습니다. 범위는 (최소, 최대) 순서여야 합니다.",
        "en": "The {name} range cannot be applied: its minimum {low} is larger than its maximum {high}. "
        "A range must be (min, max).",
    },
    "augmentation.error.range_invalid": {
        "ko": "{name} 범위에 숫자가 아닌 값이 있어 적용할 수 없습니다.",
        "en": "The {name} range contains a value that is not a number, so it cannot be applied.",
    },
    "augmentation.error.range_outside": {
        "ko": "{name} 범위 ({low}, {high})는 {min}–{max} 안에 있어야 합니다.",
        "en": "The {name} range ({low}, {high}) must lie within {min} to {max}.",
    },
    "augmentation.error.size": {
        "ko": "출력 크기 {h}×{w}은(는) 사용할 수 없습니다: 높이와 너비는 {low}–{high} 픽셀이어야 합니다.",
        "en": "The output size {h}×{w} cannot be used: height and width must be {low}-{high} px.",
    },
    "augmentation.error.count": {
        "ko": "샘플 {n}개는 너무 많거나 적습니다: 1–{max}개만 그릴 수 있습니다.",
        "en": "{n} samples is out of bounds: the grid draws 1 to {max}.",
    },
    # the downloaded notebook (markdown cells)
    "augmentation.notebook.title": {
        "ko": "# 데이터 확장: RandomResizedCrop 실습 노트북",
        "en": "# Data augmentation: a RandomResizedCrop notebook",
    },
    "augmentation.notebook.intro": {
        "ko": "실습 화면의 현재 설정을 그대로 재현합니다: 같은 사진(노트북 안에 들어 있음), 같은 "
        "파라미터, 같은 시드. 위에서부터 차례로 실행하면 화면과 같은 잘라낸 영역과 같은 "
        "{rows}×{cols} 격자가 나옵니다. 인터넷은 필요 없습니다.",
        "en": "This reproduces the lab's current settings: the same photo (stored inside this "
        "notebook), the same parameters, the same seed. Run it top to bottom and you get the "
        "lab's crop boxes and its {rows}×{cols} grid. No internet needed.",
    },
    "augmentation.notebook.pipeline": {
        "ko": "## 파이프라인\n**RandomResizedCrop**은 면적 비율을 `scale` 범위에서 균등하게, "
        "가로세로 비율(w/h)의 로그를 `log(ratio)` 범위에서 균등하게 뽑아 영역을 자르고 "
        "`size`로 크기를 조정합니다. 영역이 사진 밖으로 나가면 다시 뽑고, 10번 모두 실패하면 "
        "중앙 자르기로 대체합니다. 잘라낸 영역(top, left, height, width)을 보려고 "
        "`get_params`의 결과를 기록하는 하위 클래스를 씁니다: 계산은 torchvision 그대로입니다.",
        "en": "## The pipeline\n**RandomResizedCrop** draws the area fraction uniformly in `scale` "
        "and the log of the aspect ratio (w/h) uniformly in `log(ratio)`, cuts that box and "
        "resizes it to `size`. A box that does not fit is drawn again; after 10 failures the "
        "central crop is used instead. To see the boxes (top, left, height, width), a subclass "
        "records what `get_params` returned: the computation is torchvision's own.",
    },
    "augmentation.notebook.grid": {
        "ko": "## 같은 시드, 같은 격자\n`torch.manual_seed`로 시드를 정하면 변환을 "
        "{n}번 부를 때마다 같은 난수를 쓰므로 화면과 같은 이미지가 나옵니다.",
        "en": "## Same seed, same grid\nAfter `torch.manual_seed`, calling the transform {n} "
        "times uses the same random numbers as the lab, so you get the lab's images.",
    },
    "augmentation.notebook.boxes": {
        "ko": "## 원본 사진 위의 잘라낸 영역\n번호는 격자의 순서와 같습니다.",
        "en": "## The crop boxes on the photo\nThe numbers are the grid's order.",
    },
    "augmentation.notebook.stats": {
        "ko": "## 상자 {n}개의 통계\n`get_params`를 한 단계씩 다시 쓰면 몇 번 시도했는지, "
        "중앙 자르기로 대체되었는지도 알 수 있습니다. 먼저 torchvision과 같은 상자를 내는지 "
        "확인한 뒤, 같은 시드로 {n}개를 뽑아 면적 비율과 로그 가로세로 비율의 분포를 봅니다.",
        "en": "## Statistics of {n} boxes\nWritten out step by step, `get_params` also tells how "
        "many tries a box took and whether the central crop was used. First a check that it "
        "gives torchvision's boxes, then {n} boxes from the same seed: the distributions of "
        "the area fraction and of the log aspect ratio.",
    },
    "augmentation.notebook.numbers": {
        "ko": "## 화면의 숫자\n마지막 셀은 실습 화면이 보여 주는 숫자(잘라낸 영역, 통계)를 "
        "JSON 한 줄로 출력합니다.",
        "en": "## The lab's numbers\nThe last cell prints the numbers the lab shows (the crop "
        "boxes, the statistics) as one line of JSON.",
    },
    # ------------------------------------------------------------ lesson mode
    "augmentation.lesson.scale": {
        "ko": "224×224 이미지에 RandomResizedCrop(scale=(0.25, 0.25), ratio=(1, 1))을 쓰면 잘라 낸 정사각형의 한 변은 몇 픽셀일까요?",
        "en": "RandomResizedCrop(scale=(0.25, 0.25), ratio=(1, 1)) on a 224×224 image: how many pixels is the side of the square crop?",
    },
    "augmentation.lesson.scale.result": {
        "ko": "torchvision이 방금 뽑은 영역: {h}×{w} 픽셀 ({side}×{side} 이미지에서).",
        "en": "The crop torchvision just drew: {h}×{w} pixels (of a {side}×{side} image).",
    },
    "augmentation.lesson.scale.why": {
        "ko": "scale은 **넓이**의 비율입니다. 넓이가 1/4이면 한 변은 √(1/4) = 1/2배가 됩니다.",
        "en": "scale is a fraction of the **area**: a quarter of the area is half of each side, √(1/4) = 1/2.",
    },
    "augmentation.lesson.ratio": {
        "ko": "같은 넓이에서 ratio=(2, 2)로 바꾸면 잘라 낸 영역은 어떤 모양일까요?",
        "en": "Same area, ratio=(2, 2): what shape is the crop?",
    },
    "augmentation.lesson.ratio.wide": {"ko": "가로로 긴 직사각형", "en": "Wide (landscape)"},
    "augmentation.lesson.ratio.tall": {"ko": "세로로 긴 직사각형", "en": "Tall (portrait)"},
    "augmentation.lesson.ratio.square": {"ko": "정사각형", "en": "Square"},
    "augmentation.lesson.ratio.result": {
        "ko": "torchvision이 뽑은 영역: 높이 {h}, 너비 {w} 픽셀.",
        "en": "The crop torchvision drew: {h} pixels high, {w} wide.",
    },
    "augmentation.lesson.ratio.why": {
        "ko": "ratio는 **너비 ÷ 높이**입니다. 2이면 너비가 높이의 두 배인 가로 직사각형이고, 넓이는 scale이 정합니다.",
        "en": "ratio is **width ÷ height**: 2 makes the crop twice as wide as high, while scale keeps its area.",
    },
}

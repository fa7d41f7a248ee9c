"""Strings of the augmentation lab (RandomResizedCrop)."""

STRINGS = {
    "augment.teaches": {
        "ko": "RandomResizedCrop으로 이미지를 무작위 비율로 자른 뒤 크기를 조정하는 **데이터 확장**: "
              "각 잘라낸 영역이 원본의 어디에서 왔는지, 면적 비율과 가로세로 비율이 어떻게 뽑히는지.",
        "en": "**Data augmentation** with RandomResizedCrop: where each crop comes from in the original, "
              "and how its area fraction and aspect ratio are drawn.",
    },
}

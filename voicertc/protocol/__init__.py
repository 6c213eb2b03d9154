"""The wire protocols voicertc speaks to speech models: names, builders and defaults."""

"""Video: probe, upscale frame by frame, encode, keep audio and subtitles (no Qt here)."""

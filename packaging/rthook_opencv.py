# PyInstaller runtime hook (packaging/srstudio.spec): the builds leave OpenCV's FFmpeg out
# (Linux: stubs, packaging/opencv_libs.py; Windows: its plugin DLL, packaging/slim.py), so
# OpenCV must never pick its FFmpeg video backend; SR Studio reads and writes video with PyAV.
import os

os.environ["OPENCV_VIDEOIO_PRIORITY_FFMPEG"] = "0"

"""Random and malformed requests against a live server: never a 5xx, always a JSON error.

A bounded stand-in for a schemathesis run (which is not installed): hypothesis draws
bodies for every endpoint that takes one, from the schema's fields and beyond it.
"""

from __future__ import annotations

import base64
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.server.conftest import png_bytes

pytestmark = pytest.mark.slow

PNG = png_bytes(8, 8)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                        st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False),
                        st.text(max_size=40))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)
data_field = st.one_of(
    st.just(base64.b64encode(PNG).decode()),
    st.binary(max_size=64).map(lambda b: base64.b64encode(b).decode()),
    st.binary(max_size=64).map(lambda b: base64.b64encode(PNG[:20] + b).decode()),
    st.text(max_size=40), json_value)
model = st.one_of(st.sampled_from(["auto", "fast", "quality", "bicubic", "nearest", "tiny_x2",
                                   "../tiny_x2", "/etc/passwd", "colorize", ""]),
                  st.text(max_size=20), json_value)
scale = st.one_of(st.sampled_from([1, 2, 3, 4, 8, 16, 0, -2, 17]), json_value)
fmt = st.one_of(st.sampled_from(["png", "jpg", "webp", "tif", "bmp", "gif", ".png", ""]),
                json_value)
filename = st.one_of(st.sampled_from(["a.png", "a", "../../x.png", "a.gif", "a.mp4", "a.PNG",
                                      ".png", "a.png\x00.exe", "CON", "a" * 300]),
                     st.text(max_size=30))


def check(r) -> None:
    assert r.status_code < 500, (r.status_code, r.text[:300])
    if r.status_code >= 400:
        body = r.json()
        assert isinstance(body["error"], str) and "\n" not in body["error"]
        assert "Traceback" not in body["error"]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    import os

    from tests.conftest import save_tiny_model
    from tests.server.conftest import start_server
    d = tmp_path_factory.mktemp("fuzz")
    old = {k: os.environ.get(k) for k in ("SRSTUDIO_MODELS_DIR", "SRSTUDIO_USER_MODELS_DIR")}
    os.environ["SRSTUDIO_MODELS_DIR"] = str(d / "shipped")
    os.environ["SRSTUDIO_USER_MODELS_DIR"] = str(d / "user")
    save_tiny_model(d / "shipped", "tiny_x2", scale=2, role="fast")
    (d / "user").mkdir()
    s = start_server(max_upload_bytes=4096, max_pixels=4096, queue_size=8)
    yield s
    s.stop()
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


fuzz = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@fuzz
@given(body=st.dictionaries(st.sampled_from(["DATA", "MODEL", "FILENAME", "SCALE", "FORMAT",
                                             "other"]), json_value, max_size=6),
       data=data_field, m=model, s=scale, f=fmt, name=filename,
       keep=st.sets(st.sampled_from(["DATA", "MODEL", "FILENAME", "SCALE", "FORMAT"])),
       path=st.sampled_from(["/picture", "/video"]))
def test_json_endpoints_never_answer_5xx(live, body, data, m, s, f, name, keep, path):
    drawn = {"DATA": data, "MODEL": m, "FILENAME": name, "SCALE": s, "FORMAT": f}
    body = {**body, **{k: v for k, v in drawn.items() if k in keep}}
    with live.client() as c:
        check(c.post(path, json=body))


@fuzz
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)),
       ctype=st.sampled_from(["application/json", "multipart/form-data; boundary=x",
                              "multipart/form-data", "text/plain", "", "image/png"]),
       path=st.sampled_from(["/picture", "/video", "/jobs"]))
def test_raw_bodies_never_answer_5xx(live, raw, ctype, path):
    with live.client() as c:
        check(c.post(path, content=raw, headers={"content-type": ctype}))


@fuzz
@given(content=st.one_of(st.just(PNG), st.binary(max_size=80),
                         st.binary(max_size=80).map(lambda b: PNG[:30] + b)),
       name=filename,
       fields=st.dictionaries(st.sampled_from(["model", "scale", "format", "colorize", "tile",
                                               "backend", "quality", "self_ensemble",
                                               "codec", "crf", "bitrate", "preset",
                                               "file2", "x"]),
                              st.one_of(st.text(string.printable, max_size=12),
                                        st.sampled_from(["2", "4", "fast", "bicubic", "before",
                                                         "after", "off", "16", "torch",
                                                         "onnx2", "auto"])), max_size=6))
def test_multipart_jobs_never_answer_5xx(live, content, name, fields):
    with live.client() as c:
        r = c.post("/jobs", files={"file": (name, content)}, data=fields)
        check(r)
        if r.status_code == 202:
            job = r.json()["id"]
            for url in (f"/jobs/{job}", f"/jobs/{job}/result"):
                check(c.get(url))
            check(c.delete(f"/jobs/{job}"))


@fuzz
@given(job=st.text(string.ascii_letters + string.digits + "-_.%", min_size=1, max_size=30),
       tail=st.sampled_from(["", "/result", "/events"]),
       method=st.sampled_from(["GET", "DELETE"]))
def test_unknown_jobs_are_404s(live, job, tail, method):
    with live.client() as c:
        r = c.request(method, f"/jobs/{job}{tail}")
        assert r.status_code in (404, 405), r.text
        check(r)

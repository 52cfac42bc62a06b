"""Config loading, overrides and validation: broken configs give one clear line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from engine.errors import ConfigError
from tests.trainer.conftest import tiny_overrides
from trainer.cli import add_train_parser, run_train
from trainer.colorize.config import ColorizeConfig, load_colorize_config
from trainer.config import config_schema, from_dict, load_config, to_dict
from trainer.config_files import parse_value
from trainer.validate import validate_config

RECIPES = Path(__file__).resolve().parents[2] / "recipes"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, data: dict, **extra: object) -> str:
    with pytest.raises(ConfigError) as e:
        cfg = load_config(None, tiny_overrides(data, tmp_path / "run", **extra))
        validate_config(cfg)
    msg = str(e.value)
    assert "\n" not in msg
    return msg


def test_toml_relative_paths_resolve_against_the_config_folder(tmp_path, data_dirs):
    sub = tmp_path / "recipes"
    sub.mkdir()
    (tmp_path / "imgs").mkdir()
    cfg_path = _write(sub / "r.toml", """
[model]
arch = "fsrcnn_ps"
scale = 3
config = {d = 8}
[data]
hr_dirs = ["../imgs"]
patch_size = 48
[optim]
lr = 5e-4
""")
    cfg = load_config(cfg_path, ["data.val_dir=rel", "optim.betas=[0.8, 0.9]"])
    assert cfg.data.hr_dirs == [str((tmp_path / "imgs").resolve())]
    assert cfg.data.val_dir == str(Path.cwd() / "rel")  # --set paths: relative to the cwd
    assert cfg.model.scale == 3 and cfg.model.config == {"d": 8}
    assert cfg.optim.lr == 5e-4 and cfg.optim.betas == [0.8, 0.9]
    assert cfg.recipe == "r"
    assert cfg.recipe_file == str(cfg_path.resolve())   # the stem alone can be ambiguous


def test_yaml_and_dict_overrides(tmp_path):
    cfg_path = _write(tmp_path / "r.yaml", "model:\n  arch: espcn\nrun:\n  steps: 7\n"
                                               "optim:\n  lr: 1e-3\n")
    cfg = load_config(cfg_path, ["model.config.num_feats=16", "optim.ema=0.99",
                                 "optim.grad_clip=null", "data.cache_in_ram=false"])
    assert cfg.model.arch == "espcn" and cfg.run.steps == 7 and cfg.optim.lr == 1e-3
    assert cfg.model.config == {"num_feats": 16}
    assert cfg.optim.ema == 0.99 and cfg.optim.grad_clip is None
    assert cfg.data.cache_in_ram is False


def test_parse_value():
    assert parse_value("3") == 3 and parse_value("1e-3") == 0.001
    assert parse_value("true") is True and parse_value("none") is None
    assert parse_value("[1, 2]") == [1, 2] and parse_value("cosine") == "cosine"


def test_unknown_key_suggests_the_right_one(tmp_path, data_dirs):
    assert "unknown key 'optim.lrr' (did you mean 'optim.lr'?)" in _error(
        tmp_path, data_dirs, optim__lrr=0.1)
    cfg_path = _write(tmp_path / "bad.toml", "[data]\npatch_sise = 64\n")
    with pytest.raises(ConfigError, match=r"bad.toml: unknown key 'data.patch_sise' "
                                          r"\(did you mean 'data.patch_size'\?\)"):
        load_config(cfg_path)


def test_wrong_types(tmp_path, data_dirs):
    assert "run.steps: expected an integer, got 'many'" in _error(
        tmp_path, data_dirs, run__steps="many")
    assert "optim.lr: expected a number" in _error(tmp_path, data_dirs, optim__lr="fast")
    cfg_path = _write(tmp_path / "t.toml", "[data]\nbatch_size = 1.5\n")
    with pytest.raises(ConfigError, match="data.batch_size: expected an integer, got 1.5"):
        load_config(cfg_path)


def test_semantic_errors(tmp_path, data_dirs):
    assert "data.hr_dirs[0]: folder not found" in _error(
        tmp_path, data_dirs, data__hr_dirs=str(tmp_path / "nope"))
    assert "data.val_dir: folder not found" in _error(
        tmp_path, data_dirs, data__val_dir=str(tmp_path / "nope"))
    assert "data.hr_dirs: no training folders" in _error(tmp_path, data_dirs,
                                                         data__hr_dirs="[]")
    assert "fsrcnn_ps does not support x5" in _error(tmp_path, data_dirs, model__scale=5)
    assert "not divisible by the scale 2" in _error(tmp_path, data_dirs, data__patch_size=33)
    assert "did you mean 'fsrcnn_ps'?" in _error(tmp_path, data_dirs, model__arch="fsrcnn_p")
    assert "is a discriminator" in _error(tmp_path, data_dirs,
                                          model__arch="srgan_discriminator")
    assert "optim.schedule: expected" in _error(tmp_path, data_dirs, optim__schedule="linear")
    assert "needs data.degradation.kind = 'pipeline'" in _error(
        tmp_path, data_dirs, data__augment__affine="true")
    assert "loss: every loss weight is 0" in _error(tmp_path, data_dirs, loss__l1=0)
    assert "model.init_from" in _error(tmp_path, data_dirs,
                                       model__init_from=str(tmp_path / "x.safetensors"))


def test_perceptual_never_downloads(tmp_path, data_dirs, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch_home"))
    assert "not downloaded automatically" in _error(tmp_path, data_dirs, loss__perceptual=0.1)


def test_cli_config_error_is_one_line_and_exit_1(tmp_path, capsys):
    cfg_path = _write(tmp_path / "r.toml", "[optim]\nlr = 'x'\n")
    parser = argparse.ArgumentParser()
    add_train_parser(parser.add_subparsers(dest="command"))
    code = run_train(parser.parse_args(["train", str(cfg_path)]))
    err = capsys.readouterr().err
    assert code == 1   # the exit-code table: a bad config is a setup error
    assert err.strip() == "srstudio train: r.toml: optim.lr: expected a number, got 'x' (str)"


@pytest.mark.parametrize("name", ["fast_x2.toml"])
def test_sample_recipe_loads(tmp_path, name):
    cfg = load_config(RECIPES / name, [f"run.out_dir={tmp_path}"])
    assert cfg.model.arch == "fsrcnn_ps" and cfg.model.scale == 2
    assert cfg.data.patch_size == 64 and cfg.data.batch_size == 32 and cfg.optim.ema
    # relative paths in a recipe are relative to the recipe's folder
    assert cfg.data.hr_dirs[0] == str((RECIPES / "../../shared/data/train/T91").resolve())
    if all(Path(p).is_dir() for p in [*cfg.data.hr_dirs, cfg.data.val_dir]):
        validate_config(cfg)


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_train_parser(parser.add_subparsers(dest="command"))
    return run_train(parser.parse_args(argv))


@pytest.mark.parametrize(("raw", "message"), [
    # msgspec says "Expected `int`, got `str` - at `$.data.degradation...[1]`"
    ({"data": {"degradation": {"real": {"stage1": {"kernel_size": [7, "big"]}}}}},
     "data.degradation.real.stage1.kernel_size[1]: expected an integer, got 'big' (str)"),
    ({"data": {"degradation": {"real": {"stage3": {}}}}},
     "unknown key 'data.degradation.real.stage3' (did you mean "
     "'data.degradation.real.stage2'?)"),
    ({"dataa": {}}, "unknown key 'dataa' (did you mean 'data'?)"),
    ({"data": {"hr_dirs": None}}, "data.hr_dirs: must not be empty (null)"),
    ({"data": {"hr_dirs": "imgs"}}, "data.hr_dirs: expected a list, got 'imgs' (str)"),
    ({"data": {"val_dir": 5}}, "data.val_dir: expected a string, got 5 (int)"),
    ({"data": {"cache_in_ram": 2}},
     "data.cache_in_ram: expected true or false or a string, got 2 (int)"),
    ({"data": {"augment": "none"}}, "data.augment: expected a table, got 'none' (str)"),
    ({"optim": {"lr": True}}, "optim.lr: expected a number, got True (bool)"),
    ({"model": {"config": {1: 2}}}, "model.config: its keys must be strings, got int"),
])
def test_msgspec_errors_in_our_words(raw, message):
    with pytest.raises(ConfigError) as e:
        from_dict(raw)
    assert str(e.value) == message


def test_override_errors_name_the_key(tmp_path):
    for item, message in [
        ("data.hr_dirs=[1]", "data.hr_dirs[0]: expected a string, got 1 (int)"),
        ("optm.lr=1", "unknown key 'optm' (did you mean 'optim'?)"),
        ("data.augment=3", "data.augment: is a section; set one of its keys "
                           "(e.g. data.augment.hflip=...)"),
        ("run.steps.x=3", "run.steps: is a value, not a section"),
        ("optim.betas=0.9", "optim.betas: expected a list, got 0.9 (float)"),
        ("steps", "override 'steps' is not of the form key.sub=value"),
    ]:
        with pytest.raises(ConfigError) as e:
            load_config(None, [item])
        assert str(e.value) == message


def test_paths_names_and_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    cfg = load_config(None, ["data.lr_dirs=lr", "model.init_from=fast_x2",
                             "loss.vgg_weights=~/vgg.pth", "run.out_dir=~/out"])
    assert cfg.data.lr_dirs == [str(tmp_path / "lr")]   # one folder for a list of them
    assert cfg.model.init_from == "fast_x2"              # a model name, not a path
    assert cfg.loss.vgg_weights == str(tmp_path / "home" / "vgg.pth")
    assert cfg.run.out_dir == str(tmp_path / "home" / "out")
    assert from_dict(json.loads(json.dumps(to_dict(cfg)))) == cfg   # config.json reloads


def test_yaml_exponents_are_numbers(tmp_path):
    # PyYAML (YAML 1.1) reads 1e-3 without a dot as a string
    cfg = load_config(_write(tmp_path / "r.yml", "optim:\n  lr: 2e-4\n  min_lr: 5E-6\n"
                                                 "  betas: [0.9, 1e-1]\n"))
    assert cfg.optim.lr == 2e-4 and cfg.optim.min_lr == 5e-6 and cfg.optim.betas == [0.9, 0.1]


def test_schema_describes_the_tree():
    schema = config_schema()
    defs = schema["$defs"]
    assert schema["$ref"] == "#/$defs/TrainConfig"
    assert {"ModelConfig", "DataConfig", "DegradationConfig", "RealDegradationConfig",
            "RealStageConfig", "AugmentConfig", "LossConfig", "OptimConfig",
            "RunConfig"} <= set(defs)
    data = defs["DataConfig"]
    assert data["additionalProperties"] is False   # unknown keys are refused
    assert data["properties"]["patch_size"] == {"type": "integer", "default": 96}
    assert data["properties"]["hr_dirs"]["items"]["format"] == "path"
    assert data["properties"]["hr_dirs"]["default"] == []
    init_from = defs["ModelConfig"]["properties"]["init_from"]
    assert {"format": "path-or-name", "type": "string"} in init_from["anyOf"]
    real = defs["RealDegradationConfig"]["properties"]
    assert real["stage2"]["default"]["skip_prob"] == 0.5   # not the stage's own default
    assert "default" not in real["stage1"]                 # its keys carry them
    assert defs["RealStageConfig"]["properties"]["kernel_size"]["default"] == [7, 21]
    assert "ColorizeDataConfig" in config_schema(ColorizeConfig)["$defs"]
    assert load_colorize_config().data.train_dirs == []


def test_cli_prints_the_schema(capsys):
    assert _run_cli(["train", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out) == config_schema()
    assert _run_cli(["train"]) == 1
    assert "give a recipe file" in capsys.readouterr().err

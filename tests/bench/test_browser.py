"""The browser bench: its arguments, and one tiny run in a real browser that prints the
fields (no timing assertions)."""

import json

import pytest

from bench import browser


def test_arguments():
    args = browser.parse_args(["--repeats", "2", "--labs", "gcn,augmentation"])
    assert args.repeats == 2 and args.labs == ["gcn", "augmentation"]
    assert browser.parse_args([]).labs == list(browser.LABS)
    for bad in (["--labs", "nope"], ["--repeats", "0"]):
        with pytest.raises(SystemExit):
            browser.parse_args(bad)


def test_every_measured_control_belongs_to_its_lab():
    for lab, keys in browser.CONTROLS.items():
        assert lab in browser.LABS
        assert all(k.startswith(browser.PREFIX[lab] + "_") for k in keys)
    for lab, (section, keys) in browser.OPENED.items():
        assert section.startswith(browser.PREFIX[lab] + "_")
        assert set(keys) <= set(browser.CONTROLS[lab])


@pytest.mark.e2e
def test_a_tiny_run_prints_one_json_object_with_the_fields(capsys):
    out = browser.main(["--repeats", "1", "--labs", "augmentation"])
    assert json.loads(capsys.readouterr().out) == out
    assert set(out["first_render_s"]) == {"augmentation"}
    painted, done = out["first_render_s"]["augmentation"], out["script_done_s"]["augmentation"]
    assert 0 < done <= painted  # its images paint after the run that sent them
    latency = out["latency"]["augmentation"]
    section, reopened = browser.OPENED["augmentation"]
    assert set(latency) == set(browser.CONTROLS["augmentation"]) | {
        f"{key} with {section} open" for key in reopened
    }
    assert all(v["n"] + v["missed"] == 1 for v in latency.values())
    assert all(v["p95_s"] > 0 for v in latency.values() if v["n"])

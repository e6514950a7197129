"""`quiz optimize`: fit FSRS to the learner's own answers, and adopt the fit only if it predicts better."""

from __future__ import annotations

import argparse
import json

from quiz.cli.store_commands import _day_start, _now, _open, _profile, _reports_store_errors
from quiz.data import config as settings
from quiz.data import fitting, locations, parameters


@_reports_store_errors
def optimize_command(args: argparse.Namespace) -> int:
    day_start = _day_start()
    config = settings.load(locations.config_dir()).config
    data_dir = locations.data_dir(args.data_dir)
    with _open(args) as store:
        profile = _profile(store, args)
        current = parameters.load(data_dir, profile)
        result, restated = fitting.optimize(store, data_dir, profile, _now(), current, day_start)
        questions = len(fitting.read_histories(store, profile, _now(), day_start)) or 1
    in_use = result.fitted if result.better else current
    wanted = sorted({*fitting.COST_RETENTIONS, config.desired_retention})
    costs = fitting.daily_reviews(in_use, questions, config.new_per_day, wanted)
    if args.json:
        report = {"profile": profile, **result.to_dict(), "restated": restated, "reviews_per_day": costs}
        report["desired_retention"] = config.desired_retention
        print(json.dumps(report, indent=2))
        return 0
    print(f"FSRS parameters for {profile!r}")
    print("\n".join(fitting.summary(result, restated)))
    print(fitting.cost_line(costs, config.desired_retention) + " (desired_retention in config.toml)")
    return 0

#!/usr/bin/env python3
"""Check a GateLang safetensors export against torch.nn.GRU.

Loads MODEL (a gatelang-gru .safetensors file) without the safetensors package, builds
torch.nn.GRU(K + 2, d, batch_first=True) and torch.nn.Linear(d, K + 1) from its tensors, runs
the trials in TRIALS (JSON written by GateLang's tests) in float64 and then float32, and
compares the argmax class at every step with GateLang's simulator.

TRIALS is a JSON object {"trials": [...]} whose trials each have:
  inputs            input column index at each step (one-hot position, 0..K+1)
  targets           the task's expected class at each step (optional; torch's argmax is
                    counted against it as target_mismatches, which does not fail the check)
  expected          GateLang's float64 argmax class at each step
  expected_float32  GateLang's float32 argmax class at each step (optional)
  logits            GateLang's float64 logits, one list of K + 1 values per step

The float64 run is compared with "expected" and the float32 run with "expected_float32", or
with "expected" when that key is absent. Both runs report the max absolute difference from
GateLang's float64 logits, computed in float64.

Exit status: 0 when every argmax matches (and, with --logit-tolerance, the float64 logits
agree within it), 1 on a mismatch, 2 on invalid input, 3 when torch or numpy is missing.
"""

import argparse
import json
import struct
import sys

INSTALL_HINT = "install them with: apt-get install python3-torch python3-numpy"

TENSOR_SHAPES = {
    # name: shape in terms of d (hidden size), inputs (K + 2) and classes (K + 1)
    "gru.weight_ih_l0": lambda d, inputs, classes: [3 * d, inputs],
    "gru.weight_hh_l0": lambda d, inputs, classes: [3 * d, d],
    "gru.bias_ih_l0": lambda d, inputs, classes: [3 * d],
    "gru.bias_hh_l0": lambda d, inputs, classes: [3 * d],
    "readout.weight": lambda d, inputs, classes: [classes, d],
    "readout.bias": lambda d, inputs, classes: [classes],
    "h0": lambda d, inputs, classes: [d],
}

DTYPES = {"F32": ("<f4", 4), "F64": ("<f8", 8)}


class InputError(Exception):
    """An input file that cannot be used; the message names the file."""


def load_safetensors(path, np):
    """Return ({name: numpy array}, metadata) from a safetensors file of F32/F64 tensors."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise InputError(f"{path}: the file is truncated: it has {len(data)} bytes, fewer than the 8-byte header length")
    (header_length,) = struct.unpack("<Q", data[:8])
    if header_length > len(data) - 8:
        raise InputError(f"{path}: the file is truncated: the header length is {header_length} bytes "
                         f"but only {len(data) - 8} bytes follow it")
    try:
        header = json.loads(data[8:8 + header_length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: the header is not valid JSON: {error}") from error
    if not isinstance(header, dict):
        raise InputError(f"{path}: the header is not a JSON object")

    metadata = header.pop("__metadata__", {})
    buffer = data[8 + header_length:]
    tensors = {}
    end_of_data = 0
    for name, entry in header.items():
        dtype = entry.get("dtype")
        if dtype not in DTYPES:
            raise InputError(f"{path}: tensor '{name}' has dtype {dtype!r}; expected F32 or F64")
        numpy_dtype, size = DTYPES[dtype]
        shape = entry["shape"]
        begin, end = entry["data_offsets"]
        count = 1
        for dimension in shape:
            count *= dimension
        if end - begin != count * size:
            raise InputError(f"{path}: tensor '{name}' has shape {shape} of {dtype}, which needs {count * size} bytes, "
                             f"but its data_offsets [{begin}, {end}] span {end - begin}")
        if end > len(buffer):
            raise InputError(f"{path}: the file is truncated: tensor '{name}' ends at data byte {end} "
                             f"but only {len(buffer)} bytes of data follow the header")
        end_of_data = max(end_of_data, end)
        tensors[name] = np.frombuffer(buffer, dtype=numpy_dtype, count=count, offset=begin).reshape(shape).copy()
    if end_of_data != len(buffer):
        raise InputError(f"{path}: the header describes {end_of_data} bytes of data but {len(buffer)} follow it")
    return tensors, metadata


def check_shapes(path, tensors):
    """Return (d, inputs, classes) after checking that every tensor has its expected shape."""
    for name in TENSOR_SHAPES:
        if name not in tensors:
            raise InputError(f"{path}: missing tensor '{name}'")
    d = tensors["h0"].shape[0]
    inputs = tensors["gru.weight_ih_l0"].shape[1]
    classes = tensors["readout.weight"].shape[0]
    for name, shape_of in TENSOR_SHAPES.items():
        expected = shape_of(d, inputs, classes)
        if list(tensors[name].shape) != expected:
            raise InputError(f"{path}: tensor '{name}' has shape {list(tensors[name].shape)}, expected {expected}")
    return d, inputs, classes


def check_trials(path, trials, inputs, classes):
    """Check that each trial has inputs in range and per-step expected classes and logits."""
    if not isinstance(trials, list) or not trials:
        raise InputError(f"{path}: 'trials' must be a non-empty list")
    for index, trial in enumerate(trials):
        steps = trial.get("inputs")
        if not isinstance(steps, list) or not steps or not all(isinstance(i, int) and 0 <= i < inputs for i in steps):
            raise InputError(f"{path}: trial {index}: 'inputs' must be a non-empty list of integers in 0..{inputs - 1}")
        for key in ("expected", "expected_float32", "logits", "targets"):
            if key in trial and len(trial[key]) != len(steps):
                raise InputError(f"{path}: trial {index}: '{key}' has {len(trial[key])} entries for {len(steps)} steps")
        if "expected" not in trial:
            raise InputError(f"{path}: trial {index}: missing 'expected'")
        if "logits" in trial and any(len(step) != classes for step in trial["logits"]):
            raise InputError(f"{path}: trial {index}: 'logits' must have {classes} values per step")


def build_model(torch, tensors, d, inputs, classes, dtype):
    """Return (gru, readout, h0) in dtype, loaded by state_dict name."""
    # Convert the modules before loading: load_state_dict copies into the existing parameters,
    # so float32 modules would round float64 weights to float32.
    gru = torch.nn.GRU(inputs, d, batch_first=True).to(dtype)
    readout = torch.nn.Linear(d, classes).to(dtype)

    def tensor(name):
        return torch.from_numpy(tensors[name]).to(dtype)

    gru.load_state_dict({
        "weight_ih_l0": tensor("gru.weight_ih_l0"),
        "weight_hh_l0": tensor("gru.weight_hh_l0"),
        "bias_ih_l0": tensor("gru.bias_ih_l0"),
        "bias_hh_l0": tensor("gru.bias_hh_l0"),
    })
    readout.load_state_dict({"weight": tensor("readout.weight"), "bias": tensor("readout.bias")})
    return gru, readout, tensor("h0")


def run(torch, np, model, trials, inputs, dtype, expected_key):
    """Run every trial, batched by length; return the comparison summary for one dtype."""
    gru, readout, h0 = model
    by_length = {}
    for index, trial in enumerate(trials):
        by_length.setdefault(len(trial["inputs"]), []).append(index)

    steps = 0
    mismatches = 0
    target_mismatches = 0
    first_mismatch = None
    max_logit_diff = 0.0
    with torch.no_grad():
        for length in sorted(by_length):
            indices = by_length[length]
            steps += length * len(indices)
            x = torch.zeros(len(indices), length, inputs, dtype=dtype)
            for row, index in enumerate(indices):
                x[row, torch.arange(length), torch.tensor(trials[index]["inputs"])] = 1
            h = h0.reshape(1, 1, -1).expand(1, len(indices), -1).contiguous()
            output, _ = gru(x, h)
            logits = readout(output)
            argmax = torch.argmax(logits, dim=2).numpy()
            logits64 = logits.to(torch.float64).numpy()
            for row, index in enumerate(indices):
                trial = trials[index]
                expected = np.asarray(trial.get(expected_key, trial["expected"]))
                wrong = np.nonzero(argmax[row] != expected)[0]
                mismatches += len(wrong)
                if len(wrong) and (first_mismatch is None or index < first_mismatch["trial"]):
                    step = int(wrong[0])
                    first_mismatch = {
                        "trial": index,
                        "step": step,
                        "expected": int(expected[step]),
                        "torch": int(argmax[row][step]),
                        "torch_logits": logits64[row][step].tolist(),
                    }
                if "targets" in trial:
                    target_mismatches += int(np.count_nonzero(argmax[row] != np.asarray(trial["targets"])))
                if "logits" in trial:
                    diff = np.max(np.abs(logits64[row] - np.asarray(trial["logits"], dtype=np.float64)))
                    max_logit_diff = max(max_logit_diff, float(diff))
    return {
        "trials": len(trials),
        "steps": steps,
        "argmax_mismatches": mismatches,
        "target_mismatches": target_mismatches,
        "first_mismatch": first_mismatch,
        "max_abs_logit_diff": max_logit_diff,
    }


def describe(name, summary):
    """Return the one-line summary of a run."""
    agreement = ("argmax equal at every step" if summary["argmax_mismatches"] == 0
                 else f"{summary['argmax_mismatches']} argmax mismatches")
    return (f"{name}: {summary['trials']} trials, {summary['steps']} steps, {agreement}, "
            f"max |logit - GateLang float64| = {summary['max_abs_logit_diff']:.3e}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="gatelang-gru .safetensors file")
    parser.add_argument("trials", help="JSON file of trials with GateLang's outputs")
    parser.add_argument("--result", help="write the summaries of both runs to this JSON file")
    parser.add_argument("--logit-tolerance", type=float,
                        help="also fail when the float64 logits differ from GateLang's by more than this")
    args = parser.parse_args(argv)

    try:
        import numpy as np
        import torch
    except ImportError as error:
        print(f"check_torch.py: error: {error}; {INSTALL_HINT}", file=sys.stderr)
        return 3

    try:
        tensors, metadata = load_safetensors(args.model, np)
        d, inputs, classes = check_shapes(args.model, tensors)
        with open(args.trials, encoding="utf-8") as f:
            trials = json.load(f)["trials"]
        check_trials(args.trials, trials, inputs, classes)
    except (InputError, OSError, KeyError, ValueError, TypeError) as error:
        print(f"check_torch.py: error: {error}", file=sys.stderr)
        return 2

    print(f"model: {args.model} (network {metadata.get('network', '?')}, d = {d}, K = {inputs - 2}, "
          f"torch {torch.__version__})")
    results = {}
    for name, dtype, expected_key in (("float64", torch.float64, "expected"),
                                      ("float32", torch.float32, "expected_float32")):
        model = build_model(torch, tensors, d, inputs, classes, dtype)
        results[name] = run(torch, np, model, trials, inputs, dtype, expected_key)
        print(describe(name, results[name]))
        if results[name]["first_mismatch"] is not None:
            print(f"{name}: first mismatch: {json.dumps(results[name]['first_mismatch'])}")

    failed = any(summary["argmax_mismatches"] for summary in results.values())
    if args.logit_tolerance is not None and results["float64"]["max_abs_logit_diff"] > args.logit_tolerance:
        print(f"float64: max |logit difference| {results['float64']['max_abs_logit_diff']:.3e} "
              f"exceeds the tolerance {args.logit_tolerance:.3e}")
        failed = True

    if args.result:
        with open(args.result, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

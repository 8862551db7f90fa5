"""Checks, with h5py, files written by the Java WellWriter (run by H5pyInteropTest).

  compare REFERENCE OURS [--gzip]   same groups, datasets, attributes, shapes and values as an h5py-written file
  values OURS RAW                   field datasets equal the raw float32 states [B, T, C, *spatial] in RAW
Prints 'OK ...' and exits 0, or prints the differences and exits 1.
"""
import sys

import h5py
import numpy as np

# Known, documented differences of jHDF-written files (docs/data.md): boundary masks are bit fields
# (h5py reads uint8), strings are fixed-length (h5py reads bytes).
MASK_DTYPES = {np.dtype(bool), np.dtype(np.uint8)}


def norm(v):
    """Attribute value in a comparable form: bytes decoded, arrays as lists, numpy scalars as Python."""
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray):
        if v.dtype.kind in "SO":
            return [x.decode("utf-8") if isinstance(x, bytes) else str(x) for x in v.tolist()]
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    return v


def nodes(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj))
    out["/"] = f
    return out


def compare(ref_path, our_path, gzip):
    problems, notes = [], set()
    with h5py.File(ref_path, "r") as ref, h5py.File(our_path, "r") as our:
        a, b = nodes(ref), nodes(our)
        if set(a) != set(b):
            problems.append(f"paths differ: only in reference {sorted(set(a) - set(b))}, only in ours {sorted(set(b) - set(a))}")
        for name in sorted(set(a) & set(b)):
            x, y = a[name], b[name]
            if type(x) is not type(y) and not (name == "/"):
                problems.append(f"{name}: {type(x).__name__} vs {type(y).__name__}")
                continue
            if set(x.attrs) != set(y.attrs):
                problems.append(f"{name}: attributes {sorted(x.attrs)} vs {sorted(y.attrs)}")
            for k in set(x.attrs) & set(y.attrs):
                vx, vy = x.attrs[k], y.attrs[k]
                if isinstance(vx, (np.bool_, bool)) != isinstance(vy, (np.bool_, bool)):
                    problems.append(f"{name}@{k}: boolean {vx!r} vs {vy!r}")
                if isinstance(vy, (bytes, np.bytes_)) or (isinstance(vy, np.ndarray) and vy.dtype.kind == "S"):
                    notes.add("fixed-length strings")
                if norm(vx) != norm(vy):
                    problems.append(f"{name}@{k}: {norm(vx)!r} vs {norm(vy)!r}")
            if isinstance(x, h5py.Dataset):
                if x.shape != y.shape:
                    problems.append(f"{name}: shape {x.shape} vs {y.shape}")
                    continue
                if x.dtype != y.dtype:
                    if name.endswith("/mask") and {x.dtype, y.dtype} <= MASK_DTYPES:
                        notes.add("masks as uint8")
                    else:
                        problems.append(f"{name}: dtype {x.dtype} vs {y.dtype}")
                vx, vy = x[()], y[()]
                if name.endswith("/mask"):
                    vx, vy = vx.astype(bool), vy.astype(bool)
                if not np.array_equal(np.asarray(vx), np.asarray(vy)):
                    problems.append(f"{name}: values differ")
                if gzip and name.startswith("t") and "_fields/" in name:
                    if y.compression != "gzip" or not y.shuffle or y.chunks != (1, 1) + y.shape[2:]:
                        problems.append(f"{name}: expected gzip+shuffle chunks {(1, 1) + y.shape[2:]}, found "
                                        f"{y.compression} shuffle={y.shuffle} chunks={y.chunks}")
    return problems, notes, len(a)


def values(our_path, raw_path):
    problems = []
    with h5py.File(our_path, "r") as f:
        b = int(f.attrs["n_trajectories"])
        d = int(f.attrs["n_spatial_dims"])
        spatial = tuple(f["dimensions"][str(ax.decode() if isinstance(ax, bytes) else ax)].shape[0]
                        for ax in f["dimensions"].attrs["spatial_dims"])
        t = f["dimensions/time"].shape[-1]
        raw = np.fromfile(raw_path, dtype="<f4")
        channels = raw.size // (b * t * int(np.prod(spatial)))
        raw = raw.reshape((b, t, channels) + spatial)
        c = 0
        for order in range(3):
            group = f[f"t{order}_fields"]
            names = norm(group.attrs["field_names"])
            for name in names:
                ds = group[name]
                for flag in ("sample_varying", "time_varying"):
                    if not isinstance(ds.attrs[flag], np.bool_):
                        problems.append(f"{ds.name}@{flag}: expected numpy.bool_, found {type(ds.attrs[flag])}")
                if ds.attrs["dim_varying"].dtype != bool:
                    problems.append(f"{ds.name}@dim_varying: expected bool array, found {ds.attrs['dim_varying'].dtype}")
                if ds.dtype != np.float32:
                    problems.append(f"{ds.name}: dtype {ds.dtype}")
                n = d ** order
                part = raw[:, :, c:c + n]                      # [B, T, n, *spatial]
                part = np.moveaxis(part, 2, -1)                 # [B, T, *spatial, n]
                part = part.reshape(part.shape[:-1] + (d,) * order)
                got = ds[()]
                if got.shape != part.shape or not np.array_equal(got.view(np.uint32), part.view(np.uint32)):
                    problems.append(f"{ds.name}: values differ from the raw states (shape {got.shape} vs {part.shape})")
                c += n
        if c != channels:
            problems.append(f"fields cover {c} channels, raw data has {channels}")
    return problems


def main():
    if sys.argv[1] == "compare":
        problems, notes, count = compare(sys.argv[2], sys.argv[3], "--gzip" in sys.argv)
        if problems:
            print("\n".join(problems))
            sys.exit(1)
        print(f"OK {count} nodes; known differences: {', '.join(sorted(notes)) or 'none'}")
    elif sys.argv[1] == "values":
        problems = values(sys.argv[2], sys.argv[3])
        if problems:
            print("\n".join(problems))
            sys.exit(1)
        print("OK values")
    else:
        sys.exit(f"unknown command {sys.argv[1]}")


if __name__ == "__main__":
    main()

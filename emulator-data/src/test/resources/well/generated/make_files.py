"""Writes, with h5py, the small test files of this directory (run once; the outputs are committed).

features_3d.hdf5: a 3-D file in The Well's layout using the features the advection fixtures do not:
non-uniform coordinates, WALL and OPEN boundaries, per-trajectory times (B, T), constant, per-trajectory
and time-varying parameters, a field constant in time (lzf-compressed), a field constant along y (chunks
straddling states), a float64 field, chunked gzip storage, vector and symmetric tensor fields. Every value follows value(...) below, which
FeatureFileTest recomputes.

bad_*.hdf5: copies of a tiny valid file with one thing wrong each (see BadInputTest).

    /usr/bin/python3 make_files.py
"""
import h5py
import numpy as np

B, T = 2, 3
AXES = {"x": np.array([0.125, 0.375, 0.625, 0.875], dtype=np.float32),   # uniform, periodic
        "y": np.array([0.0, 0.2, 1.0], dtype=np.float32),                 # non-uniform, wall
        "z": np.linspace(-1, 1, 5, dtype=np.float32)}                    # uniform, open
NX, NY, NZ = 4, 3, 5


def value(field, b, t, i, j, k, comp=0):
    """The value stored for a field at trajectory b, step t, point (i, j, k), component comp."""
    return 10000 * field + 1000 * b + 100 * t + 10 * i + j + 0.1 * k + 0.01 * comp


def enum_bool(group_or_ds, name, v):
    group_or_ds.attrs[name] = v  # h5py writes numpy booleans as its enum type


def write_features(path):
    with h5py.File(path, "w") as f:
        f.attrs["dataset_name"] = "features_3d"
        f.attrs["grid_type"] = "cartesian"
        f.attrs["n_spatial_dims"] = 3
        f.attrs["n_trajectories"] = B
        f.attrs["simulation_parameters"] = ["alpha", "forcing", "seed_value", "drive"]
        f.attrs["alpha"] = 0.25

        dims = f.create_group("dimensions")
        dims.attrs["spatial_dims"] = ["x", "y", "z"]
        for name, c in AXES.items():
            d = dims.create_dataset(name, data=c)
            d.attrs["sample_varying"] = False
            d.attrs["time_varying"] = False
        time = np.array([[0.0, 0.5, 1.0], [0.0, 0.25, 0.5]], dtype=np.float32)
        d = dims.create_dataset("time", data=time)
        d.attrs["sample_varying"] = True
        d.attrs["time_varying"] = True

        bcs = f.create_group("boundary_conditions")
        for name, axis, kind, n in [("x_periodic", "x", "PERIODIC", NX), ("y_wall", "y", "WALL", NY),
                                    ("z_open", "z", "OPEN", NZ)]:
            g = bcs.create_group(name)
            g.attrs["associated_dims"] = [axis]
            g.attrs["associated_fields"] = []
            g.attrs["bc_type"] = kind
            g.attrs["sample_varying"] = False
            g.attrs["time_varying"] = False
            mask = np.zeros(n, dtype=bool)
            mask[0] = mask[-1] = True
            g.create_dataset("mask", data=mask)

        scalars = f.create_group("scalars")
        scalars.attrs["field_names"] = ["alpha", "forcing", "seed_value", "drive"]
        for name, data, sv, tv in [("alpha", np.float32(0.25), False, False),
                                   ("forcing", np.array([1.0, 2.0, 4.0], dtype=np.float32), False, True),
                                   ("seed_value", np.array([7.0, 9.0], dtype=np.float32), True, False),
                                   ("drive", np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32), True, True)]:
            d = scalars.create_dataset(name, data=data)
            d.attrs["sample_varying"] = sv
            d.attrs["time_varying"] = tv

        def field(group, name, index, order, sv=True, tv=True, dv=(True, True, True), dtype=np.float32, **kw):
            shape = ([B] if sv else []) + ([T] if tv else []) + [n for n, v in zip((NX, NY, NZ), dv) if v] + [3] * order
            data = np.zeros(shape, dtype=dtype)
            for idx in np.ndindex(*shape):
                rest = list(idx)
                b = rest.pop(0) if sv else 0
                t = rest.pop(0) if tv else 0
                ijk = [rest.pop(0) if v else 0 for v in dv]
                comp = 0
                for c in rest:
                    comp = comp * 3 + c
                data[idx] = value(index, b, t, *ijk, comp)
            d = group.create_dataset(name, data=data, **kw)
            d.attrs["sample_varying"] = sv
            d.attrs["time_varying"] = tv
            d.attrs["dim_varying"] = np.array(dv)
            return d

        t0 = f.create_group("t0_fields")
        t0.attrs["field_names"] = ["temperature", "obstacle", "profile", "energy"]
        field(t0, "temperature", 0, 0, chunks=(1, 1, NX, NY, NZ), compression="gzip", shuffle=True)
        field(t0, "obstacle", 1, 0, tv=False, chunks=(1, NX, NY, NZ), compression="lzf")
        field(t0, "profile", 2, 0, dv=(True, False, True), chunks=(1, 2, 3, 5))
        field(t0, "energy", 3, 0, dtype=np.float64)
        t1 = f.create_group("t1_fields")
        t1.attrs["field_names"] = ["velocity"]
        field(t1, "velocity", 4, 1, chunks=(1, 1, NX, NY, NZ, 3), compression="gzip")
        t2 = f.create_group("t2_fields")
        t2.attrs["field_names"] = ["stress"]
        d = field(t2, "stress", 5, 2)
        d.attrs["symmetric"] = True
        d.attrs["antisymmetric"] = False


def write_minimal(f, broken=None):
    """A 1-trajectory, 2-step, 4 x 3 file; `broken` names the defect to introduce."""
    f.attrs["dataset_name"] = "minimal"
    f.attrs["grid_type"] = "cartesian"
    if broken != "missing_attribute":
        f.attrs["n_spatial_dims"] = 2
    f.attrs["n_trajectories"] = 1
    f.attrs["simulation_parameters"] = []
    dims = f.create_group("dimensions")
    dims.attrs["spatial_dims"] = ["x", "y"]
    dims.create_dataset("x", data=np.arange(4, dtype=np.float32))
    dims.create_dataset("y", data=np.arange(3, dtype=np.float32))
    dims.create_dataset("time", data=np.arange(2, dtype=np.float32))
    f.create_group("boundary_conditions")
    s = f.create_group("scalars")
    s.attrs["field_names"] = []
    t0 = f.create_group("t0_fields")
    t0.attrs["field_names"] = ["u"]
    dtype = np.int32 if broken == "wrong_dtype" else np.float32
    shape = (1, 2, 4, 5) if broken == "wrong_shape" else (1, 2, 4, 3)
    d = t0.create_dataset("u", data=np.ones(shape, dtype=dtype))
    d.attrs["sample_varying"] = True
    d.attrs["time_varying"] = True
    d.attrs["dim_varying"] = np.array([True, True])
    if broken != "missing_group":
        f.create_group("t1_fields").attrs["field_names"] = []
    f.create_group("t2_fields").attrs["field_names"] = []


if __name__ == "__main__":
    write_features("features_3d.hdf5")
    for defect in ["missing_group", "missing_attribute", "wrong_dtype", "wrong_shape"]:
        with h5py.File(f"bad_{defect}.hdf5", "w") as f:
            write_minimal(f, defect)
    with h5py.File("minimal.hdf5", "w") as f:
        write_minimal(f)

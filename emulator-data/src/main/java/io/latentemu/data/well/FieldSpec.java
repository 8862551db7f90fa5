package io.latentemu.data.well;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A physical field and its tensor order: 0 (scalar, {@code t0_fields}), 1 (vector, {@code t1_fields}) or
 * 2 (tensor, {@code t2_fields}). A field of order k over d spatial axes holds d^k channels, named
 * {@code name}, {@code name_x}, {@code name_xy}, ... after the axis names.
 */
public record FieldSpec(String name, int order) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("field " + name + ": order must be 0, 1 or 2, got " + order);
        }
    }

    /** The HDF5 group holding fields of this order: {@code t0_fields}, {@code t1_fields} or {@code t2_fields}. */
    public String group() {
        return groupOf(order);
    }

    static String groupOf(int order) {
        return "t" + order + "_fields";
    }

    /** Number of channels over {@code dims} spatial axes: {@code dims^order}. */
    public int channelCount(int dims) {
        int n = 1;
        for (int i = 0; i < order; i++) {
            n *= dims;
        }
        return n;
    }

    /**
     * The channels of this field over the given axes, in storage order (the last component index varies
     * fastest): {@code density}; {@code velocity_x, velocity_y}; {@code stress_xx, stress_xy, stress_yx, stress_yy}.
     */
    public List<Channel> channels(List<String> axisNames, int firstIndex) {
        int d = axisNames.size();
        int n = channelCount(d);
        List<Channel> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            int[] comps = new int[order];
            int rest = c;
            for (int k = order - 1; k >= 0; k--) {
                comps[k] = rest % d;
                rest /= d;
            }
            StringBuilder label = new StringBuilder(name);
            if (order > 0) {
                label.append('_');
                for (int a : comps) {
                    label.append(axisNames.get(a));
                }
            }
            out.add(new Channel(label.toString(), name, order, comps, firstIndex + c));
        }
        return out;
    }
}

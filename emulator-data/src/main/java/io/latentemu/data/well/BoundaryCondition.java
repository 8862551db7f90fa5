package io.latentemu.data.well;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One group of {@code /boundary_conditions}: its type, the axes it applies to ({@code associated_dims}) and,
 * when the file has one, its {@code mask} marking the points of the axis where it applies (for a single axis,
 * one flag per point; The Well sets both ends).
 */
public record BoundaryCondition(String name, BoundaryType type, List<String> axes, boolean[] mask) {

    public BoundaryCondition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        axes = List.copyOf(axes);
        mask = mask == null ? null : mask.clone();
    }

    @Override
    public boolean[] mask() {
        return mask == null ? null : mask.clone();
    }

    /** Whether the mask reads the same backwards (true when there is no mask). */
    public boolean isMirrorSymmetric() {
        if (mask == null) {
            return true;
        }
        for (int i = 0, j = mask.length - 1; i < j; i++, j--) {
            if (mask[i] != mask[j]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundaryCondition b && name.equals(b.name) && type == b.type && axes.equals(b.axes)
                && Arrays.equals(mask, b.mask);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, axes) * 31 + Arrays.hashCode(mask);
    }
}

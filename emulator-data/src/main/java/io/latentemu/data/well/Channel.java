package io.latentemu.data.well;

import java.util.Arrays;
import java.util.Objects;

/**
 * One channel of a state {@code [C, H, W]}: a scalar field, or one component of a vector or tensor field.
 *
 * @param name          channel name, e.g. {@code velocity_x}
 * @param field         the field it belongs to, e.g. {@code velocity}
 * @param order         tensor order of that field
 * @param componentAxes for each tensor index, the spatial axis it points along (empty for scalars);
 *                      mirroring axis a multiplies the channel by (-1)^(number of entries equal to a)
 * @param index         position of the channel in the state
 */
public record Channel(String name, String field, int order, int[] componentAxes, int index) {

    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        componentAxes = componentAxes.clone();
    }

    @Override
    public int[] componentAxes() {
        return componentAxes.clone();
    }

    /** Component index within the field (0 for scalars), the position in the field's last dimensions. */
    public int component(int dims) {
        int c = 0;
        for (int a : componentAxes) {
            c = c * dims + a;
        }
        return c;
    }

    /** The sign this channel takes when the data is mirrored along {@code axis}. */
    public int mirrorSign(int axis) {
        int sign = 1;
        for (int a : componentAxes) {
            if (a == axis) {
                sign = -sign;
            }
        }
        return sign;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Channel c && name.equals(c.name) && field.equals(c.field) && order == c.order
                && index == c.index && Arrays.equals(componentAxes, c.componentAxes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, field, order, index) * 31 + Arrays.hashCode(componentAxes);
    }
}

package io.latentemu.core.backend;

import java.util.Properties;

/**
 * Turns off JavaCPP's check of the process's resident size on every native allocation, unless the user set
 * a limit.
 *
 * <p>With {@code org.bytedeco.javacpp.maxPhysicalBytes} above zero (JavaCPP 1.5.7's default when
 * {@code maxBytes} is set), every native pointer JavaCPP creates, down to the shape descriptor and argument
 * list of each op, first reads the process's resident size. A SameDiff training step makes thousands of them:
 * measured on a quickstart ViT step (one thread), the check took 7% of the thread's native samples, and turning
 * it off cut the step from 0.418 to 0.359 s and the forward pass from 0.125 to 0.093 s. The limit on the bytes
 * JavaCPP itself tracks ({@code maxBytes}) is unaffected.
 */
public final class ResidentSizePolling {

    /** The property JavaCPP reads (its lower-case spelling is read too; the camel case wins). */
    public static final String PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static final String LOWER_CASE = "org.bytedeco.javacpp.maxphysicalbytes";

    private ResidentSizePolling() {
    }

    /**
     * Sets the limit to 0 (no check) in {@code properties} unless either spelling is already set; returns
     * whether it did. Must run before JavaCPP's {@code Pointer} class loads to take effect.
     */
    public static boolean disableUnlessSet(Properties properties) {
        if (properties.getProperty(PROPERTY) != null || properties.getProperty(LOWER_CASE) != null) {
            return false;
        }
        properties.setProperty(PROPERTY, "0");
        return true;
    }
}

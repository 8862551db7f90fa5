package io.latentemu.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ResidentSizePollingTest {

    @Test
    void turnsTheCheckOffOnlyWhenNoLimitWasGiven() {
        Properties none = new Properties();
        assertTrue(ResidentSizePolling.disableUnlessSet(none));
        assertEquals("0", none.getProperty(ResidentSizePolling.PROPERTY));

        Properties lower = new Properties();
        lower.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "10G");
        assertFalse(ResidentSizePolling.disableUnlessSet(lower));
        assertEquals(null, lower.getProperty(ResidentSizePolling.PROPERTY), "the user's limit stands");

        Properties camel = new Properties();
        camel.setProperty(ResidentSizePolling.PROPERTY, "12G");
        assertFalse(ResidentSizePolling.disableUnlessSet(camel));
        assertEquals("12G", camel.getProperty(ResidentSizePolling.PROPERTY));
    }
}

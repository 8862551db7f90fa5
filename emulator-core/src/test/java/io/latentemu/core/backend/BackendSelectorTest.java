package io.latentemu.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latentemu.core.backend.BackendSelector.BackendChoice;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    private static final Set<String> AVX512 = Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    @Test
    void picksOnednnAvx512WhereTheCpuHasIt() {
        assertEquals("-onednn-avx512", BackendSelector.decide(null, null, null, AVX512, true).extension());
    }

    @Test
    void picksOnednnAvx2WithoutFullAvx512() {
        Set<String> flags = Set.of("avx2", "fma", "avx512f");
        assertEquals("-onednn-avx2", BackendSelector.decide(null, null, null, flags, true).extension());
    }

    @Test
    void fallsBackToThePlainBuild() {
        BackendChoice c = BackendSelector.decide(null, null, null, Set.of("sse4_2"), true);
        assertEquals("", c.extension());
        assertEquals("plain", c.name());
        assertEquals("", BackendSelector.decide(null, null, null, AVX512, false).extension());
    }

    @Test
    void overridesWinInOrderPropertyEnvPreset() {
        assertEquals("", BackendSelector.decide("plain", "onednn-avx2", "-avx512", AVX512, true).extension());
        assertEquals("-onednn-avx2", BackendSelector.decide(null, "onednn-avx2", "-avx512", AVX512, true).extension());
        assertEquals("-avx512", BackendSelector.decide(" ", null, "-avx512", AVX512, true).extension());
    }
}

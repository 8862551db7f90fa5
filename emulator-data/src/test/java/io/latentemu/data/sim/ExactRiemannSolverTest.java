package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test reference itself, against the star states tabulated by Toro (Table 4.3). */
class ExactRiemannSolverTest {

    @Test
    void starStatesMatchToroTable() {
        // test 1 (Sod): p* = 0.30313, u* = 0.92745
        ExactRiemannSolver sod = new ExactRiemannSolver(1.4, 1, 0, 1, 0.125, 0, 0.1);
        assertEquals(0.30313, sod.pStar(), 1e-5);
        assertEquals(0.92745, sod.uStar(), 1e-5);
        // test 2 (123 problem): p* = 0.00189, u* = 0
        ExactRiemannSolver twoRarefactions = new ExactRiemannSolver(1.4, 1, -2, 0.4, 1, 2, 0.4);
        assertEquals(0.00189, twoRarefactions.pStar(), 1e-5);
        assertEquals(0.0, twoRarefactions.uStar(), 1e-12);
        // test 3 (left half of the blast wave): p* = 460.894, u* = 19.5975
        ExactRiemannSolver blast = new ExactRiemannSolver(1.4, 1, 0, 1000, 1, 0, 0.01);
        assertEquals(460.894, blast.pStar(), 1e-3);
        assertEquals(19.5975, blast.uStar(), 1e-4);
    }

    @Test
    void sodStarDensitiesMatchToro() {
        // Toro section 4.3.3: rho*L = 0.42632, rho*R = 0.26557 for test 1
        ExactRiemannSolver sod = new ExactRiemannSolver(1.4, 1, 0, 1, 0.125, 0, 0.1);
        assertEquals(0.42632, sod.sample(sod.uStar() - 1e-9)[0], 1e-5);
        assertEquals(0.26557, sod.sample(sod.uStar() + 1e-9)[0], 1e-5);
    }
}

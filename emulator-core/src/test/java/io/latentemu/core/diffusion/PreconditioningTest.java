package io.latentemu.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PreconditioningTest {

    private static final int N = 200_000;

    @Test
    void networkInputsAndTargetsHaveUnitVariance() {
        // x ~ N(0, sd^2), x_t = alpha x + sigma eps; c_in x_t and (x - c_skip x_t) / c_out must have variance 1.
        // Sample variance of N draws has standard error sqrt(2/N) = 0.0032; bound 5 se.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (double sd : new double[] {1.0, 2.5}) {
            Preconditioning p = new Preconditioning(sd);
            for (double[] as : new double[][] {{1, 1e-2}, {1, 1}, {1, 100}, {0.3, 0.2}, {0.05, 0.99}}) {
                Preconditioning.Coefficients c = p.coefficients(as[0], as[1]);
                double in = 0;
                double target = 0;
                for (int i = 0; i < N; i++) {
                    double x = sd * rng.nextGaussian();
                    double xt = as[0] * x + as[1] * rng.nextGaussian();
                    in += Math.pow(c.cIn() * xt, 2);
                    target += Math.pow((x - c.cSkip() * xt) / c.cOut(), 2);
                }
                double bound = 5 * Math.sqrt(2.0 / N);
                assertEquals(1, in / N, bound, "input variance at alpha, sigma = " + as[0] + ", " + as[1]);
                assertEquals(1, target / N, bound, "target variance at alpha, sigma = " + as[0] + ", " + as[1]);
            }
        }
    }

    @Test
    void standardCoefficientsAreTheStudysFormulas() {
        double a = 0.8;
        double s = 0.6; // a^2 + s^2 = 1
        Preconditioning.Coefficients c = Preconditioning.STANDARD.coefficients(a, s);
        assertEquals(1.0, c.cIn(), 1e-15);
        assertEquals(0.6, c.cOut(), 1e-15);
        assertEquals(0.8, c.cSkip(), 1e-15);
        assertEquals(Math.log(0.75), c.cNoise(), 1e-15);
        // variance-exploding weight 1 + 1/sigma^2
        assertEquals(1 + 1 / 0.09, Preconditioning.STANDARD.lossWeight(1, 0.3), 1e-12);
        // 1 + SNR in general
        assertEquals(1 + a * a / (s * s), Preconditioning.STANDARD.lossWeight(a, s), 1e-12);
    }

    @Test
    void theVarianceExplodingFormGivesTheSameDenoiser() {
        // c_skip(a, s) x_t + c_out(a, s) F(c_in(a, s) x_t) must equal the same built with (1, s/a) on x_t / a
        double a = 0.4;
        double s = 0.7;
        double xt = 1.9;
        Preconditioning.Coefficients c = Preconditioning.STANDARD.coefficients(a, s);
        Preconditioning.Coefficients ve = Preconditioning.STANDARD.coefficients(1, s / a);
        assertEquals(c.cIn() * xt, ve.cIn() * (xt / a), 1e-14);
        assertEquals(c.cSkip() * xt, ve.cSkip() * (xt / a), 1e-14);
        assertEquals(c.cOut(), ve.cOut(), 1e-14);
        assertEquals(c.cNoise(), ve.cNoise(), 1e-14);
        assertEquals(Preconditioning.STANDARD.lossWeight(a, s), Preconditioning.STANDARD.lossWeight(1, s / a), 1e-12);
    }

    @Test
    void batchCoefficientsMatchTheScalarOnes() {
        INDArray sigma = Nd4j.createFromArray(0.01, 1.0, 30.0);
        Preconditioning.BatchCoefficients b = Preconditioning.STANDARD.coefficients(sigma);
        for (int i = 0; i < 3; i++) {
            Preconditioning.Coefficients c = Preconditioning.STANDARD.coefficients(1, sigma.getDouble(i));
            assertEquals(c.cSkip(), b.cSkip().getDouble(i), 1e-15);
            assertEquals(c.cOut(), b.cOut().getDouble(i), 1e-15);
            assertEquals(c.cIn(), b.cIn().getDouble(i), 1e-15);
            assertEquals(c.cNoise(), b.cNoise().getDouble(i), 1e-15);
            assertEquals(1 / (c.cOut() * c.cOut()), b.weight().getDouble(i), 1e-9 * b.weight().getDouble(i));
        }
        assertEquals(DataType.FLOAT, Preconditioning.STANDARD.coefficients(sigma.castTo(DataType.FLOAT)).cIn().dataType());
    }
}

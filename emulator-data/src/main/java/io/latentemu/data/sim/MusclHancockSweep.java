package io.latentemu.data.sim;

/**
 * One directional sweep of the MUSCL-Hancock finite-volume scheme for the 2-D Euler equations with
 * HLLC fluxes (Toro, "Riemann Solvers and Numerical Methods for Fluid Dynamics", ch. 10 and 14).
 *
 * <p>A sweep updates one grid line in place: the conserved variables of its {@code n} cells are read
 * from the solver's arrays at {@code offset + i * stride}, so x- and y-lines are swept without
 * copies; the momentum along the line ("normal") and across it ("transverse") swap roles between
 * the two directions. Primitive variables are reconstructed linearly with a slope limiter, evolved
 * by half a time step (the Hancock predictor), and the Riemann problem at each face is solved by
 * HLLC with Einfeldt's wave-speed bounds. A cell whose predicted face states would have
 * non-positive density or pressure falls back to first order (piecewise constant), which keeps the
 * scheme positive for CFL numbers the solver uses.
 *
 * <p>Not thread-safe: it owns scratch arrays sized for the longest line. Allocates nothing per call.
 */
final class MusclHancockSweep {

    /** Ghost cells on each side of a line. */
    static final int GHOSTS = 2;

    private final int capacity;
    private final double[] rho;
    private final double[] un;
    private final double[] ut;
    private final double[] pr;
    private final double[] rhoL;
    private final double[] unL;
    private final double[] utL;
    private final double[] prL;
    private final double[] rhoR;
    private final double[] unR;
    private final double[] utR;
    private final double[] prR;
    private final double[] fRho;
    private final double[] fMn;
    private final double[] fMt;
    private final double[] fE;

    /** Scratch for lines of up to {@code capacity} cells. */
    MusclHancockSweep(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a line needs at least 2 cells, got " + capacity);
        }
        this.capacity = capacity;
        int cells = capacity + 2 * GHOSTS;
        rho = new double[cells];
        un = new double[cells];
        ut = new double[cells];
        pr = new double[cells];
        rhoL = new double[cells];
        unL = new double[cells];
        utL = new double[cells];
        prL = new double[cells];
        rhoR = new double[cells];
        unR = new double[cells];
        utR = new double[cells];
        prR = new double[cells];
        fRho = new double[capacity + 1];
        fMn = new double[capacity + 1];
        fMt = new double[capacity + 1];
        fE = new double[capacity + 1];
    }

    /**
     * Advances one line by {@code dtdx = dt / dx} in place.
     *
     * @param d density, {@code mn} momentum along the line, {@code mt} momentum across it,
     *          {@code e} total energy per volume
     * @param limiter ordinal of a {@link SlopeLimiter}
     */
    void sweep(double[] d, double[] mn, double[] mt, double[] e, int offset, int stride, int n,
               double dtdx, double gamma, boolean periodic, int limiter) {
        if (n > capacity) {
            throw new IllegalArgumentException("line of " + n + " cells exceeds capacity " + capacity);
        }
        double gm1 = gamma - 1.0;
        loadPrimitives(d, mn, mt, e, offset, stride, n, gm1);
        fillGhosts(n, periodic);
        predictFaces(n, 0.5 * dtdx, gamma, limiter);
        for (int m = 0; m <= n; m++) {
            // face m lies between cell m+1 (its right face) and cell m+2 (its left face)
            hllc(rhoR[m + 1], unR[m + 1], utR[m + 1], prR[m + 1],
                    rhoL[m + 2], unL[m + 2], utL[m + 2], prL[m + 2], gamma, m);
        }
        for (int i = 0, idx = offset; i < n; i++, idx += stride) {
            d[idx] -= dtdx * (fRho[i + 1] - fRho[i]);
            mn[idx] -= dtdx * (fMn[i + 1] - fMn[i]);
            mt[idx] -= dtdx * (fMt[i + 1] - fMt[i]);
            e[idx] -= dtdx * (fE[i + 1] - fE[i]);
        }
    }

    private void loadPrimitives(double[] d, double[] mn, double[] mt, double[] e,
                                int offset, int stride, int n, double gm1) {
        for (int i = 0, idx = offset; i < n; i++, idx += stride) {
            int k = i + GHOSTS;
            double r = d[idx];
            double inv = 1.0 / r;
            double u = mn[idx] * inv;
            double v = mt[idx] * inv;
            rho[k] = r;
            un[k] = u;
            ut[k] = v;
            pr[k] = gm1 * (e[idx] - 0.5 * r * (u * u + v * v));
        }
    }

    private void fillGhosts(int n, boolean periodic) {
        int first = GHOSTS;
        int last = GHOSTS + n - 1;
        for (int g = 1; g <= GHOSTS; g++) {
            int lo = first - g;
            int hi = last + g;
            int srcLo = periodic ? last - g + 1 : first;
            int srcHi = periodic ? first + g - 1 : last;
            rho[lo] = rho[srcLo];
            un[lo] = un[srcLo];
            ut[lo] = ut[srcLo];
            pr[lo] = pr[srcLo];
            rho[hi] = rho[srcHi];
            un[hi] = un[srcHi];
            ut[hi] = ut[srcHi];
            pr[hi] = pr[srcHi];
        }
    }

    /** Limited slopes and the Hancock half-step for cells 1 .. n+2 (the ones next to a face). */
    private void predictFaces(int n, double half, double gamma, int limiter) {
        for (int k = 1; k <= n + 2; k++) {
            double r = rho[k];
            double u = un[k];
            double v = ut[k];
            double p = pr[k];
            double dr = SlopeLimiter.slope(limiter, r - rho[k - 1], rho[k + 1] - r);
            double du = SlopeLimiter.slope(limiter, u - un[k - 1], un[k + 1] - u);
            double dv = SlopeLimiter.slope(limiter, v - ut[k - 1], ut[k + 1] - v);
            double dp = SlopeLimiter.slope(limiter, p - pr[k - 1], pr[k + 1] - p);
            // primitive form W_t + A(W) W_x = 0 over dt/2
            double sr = half * (u * dr + r * du);
            double su = half * (u * du + dp / r);
            double sv = half * (u * dv);
            double sp = half * (gamma * p * du + u * dp);
            double rl = r - 0.5 * dr - sr;
            double rr = r + 0.5 * dr - sr;
            double pl = p - 0.5 * dp - sp;
            double pp = p + 0.5 * dp - sp;
            if (rl > 0.0 && rr > 0.0 && pl > 0.0 && pp > 0.0) {
                rhoL[k] = rl;
                rhoR[k] = rr;
                unL[k] = u - 0.5 * du - su;
                unR[k] = u + 0.5 * du - su;
                utL[k] = v - 0.5 * dv - sv;
                utR[k] = v + 0.5 * dv - sv;
                prL[k] = pl;
                prR[k] = pp;
            } else {
                rhoL[k] = r;
                rhoR[k] = r;
                unL[k] = u;
                unR[k] = u;
                utL[k] = v;
                utR[k] = v;
                prL[k] = p;
                prR[k] = p;
            }
        }
    }

    /** HLLC flux (Toro 10.4) with Einfeldt's bounds on the fastest signal speeds, into face {@code m}. */
    private void hllc(double rl, double ul, double vl, double pl,
                      double rr, double ur, double vr, double pr, double gamma, int m) {
        double gm1 = gamma - 1.0;
        double invGm1 = 1.0 / gm1;
        double invRl = 1.0 / rl;
        double invRr = 1.0 / rr;
        double el = pl * invGm1 + 0.5 * rl * (ul * ul + vl * vl);
        double er = pr * invGm1 + 0.5 * rr * (ur * ur + vr * vr);
        double cl = Math.sqrt(gamma * pl * invRl);
        double cr = Math.sqrt(gamma * pr * invRr);
        // Roe averages
        double sqL = Math.sqrt(rl);
        double sqR = Math.sqrt(rr);
        double w = 1.0 / (sqL + sqR);
        double uRoe = (sqL * ul + sqR * ur) * w;
        double vRoe = (sqL * vl + sqR * vr) * w;
        double hRoe = (sqL * (el + pl) * invRl + sqR * (er + pr) * invRr) * w;
        double c2Roe = gm1 * (hRoe - 0.5 * (uRoe * uRoe + vRoe * vRoe));
        double cRoe = Math.sqrt(Math.max(c2Roe, 0.0));
        double sl = Math.min(ul - cl, uRoe - cRoe);
        double sr = Math.max(ur + cr, uRoe + cRoe);

        if (sl >= 0.0) {
            physicalFlux(rl, ul, vl, pl, el, m);
            return;
        }
        if (sr <= 0.0) {
            physicalFlux(rr, ur, vr, pr, er, m);
            return;
        }
        double ql = rl * (sl - ul);
        double qr = rr * (sr - ur);
        double sStar = (pr - pl + ul * ql - ur * qr) / (ql - qr);
        if (sStar >= 0.0) {
            starFlux(rl, invRl, ul, vl, pl, el, sl, ql, sStar, m);
        } else {
            starFlux(rr, invRr, ur, vr, pr, er, sr, qr, sStar, m);
        }
    }

    /** The Euler flux F(U) of a state, into face {@code m}. */
    private void physicalFlux(double r, double u, double v, double p, double e, int m) {
        double mu = r * u;
        fRho[m] = mu;
        fMn[m] = mu * u + p;
        fMt[m] = mu * v;
        fE[m] = u * (e + p);
    }

    /** F*_K = F_K + S_K (U*_K - U_K) for the side K with density r (inverse invR), speed s, q = r (s - u). */
    private void starFlux(double r, double invR, double u, double v, double p, double e, double s, double q,
                          double sStar, int m) {
        physicalFlux(r, u, v, p, e, m);
        double factor = q / (s - sStar);
        fRho[m] += s * (factor - r);
        fMn[m] += s * (factor * sStar - r * u);
        fMt[m] += s * (factor * v - r * v);
        fE[m] += s * (factor * (e * invR + (sStar - u) * (sStar + p / q)) - e);
    }
}

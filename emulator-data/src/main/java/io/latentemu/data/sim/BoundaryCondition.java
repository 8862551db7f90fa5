package io.latentemu.data.sim;

/**
 * Boundary condition of a simulated domain, named as The Well names them in
 * {@code /boundary_conditions/<name>/bc_type}.
 */
public enum BoundaryCondition {
    /** The domain wraps around: leaving one side means entering the opposite one. */
    PERIODIC("PERIODIC"),
    /** Outflow: zero-gradient extrapolation into the ghost cells, waves leave the domain. */
    OPEN("OPEN");

    private final String wellName;

    BoundaryCondition(String wellName) {
        this.wellName = wellName;
    }

    /** The value of The Well's {@code bc_type} attribute. */
    public String wellName() {
        return wellName;
    }
}

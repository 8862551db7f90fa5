package io.latentemu.core.rollout;

/** Holds and checks the window geometry shared by the emulators (L frames, c of them known). */
abstract class WindowedEmulator implements Emulator {

    private final int window;
    private final int context;

    WindowedEmulator(int window, int context) {
        Windows.check(window, context);
        this.window = window;
        this.context = context;
    }

    @Override
    public final int window() {
        return window;
    }

    @Override
    public final int context() {
        return context;
    }
}

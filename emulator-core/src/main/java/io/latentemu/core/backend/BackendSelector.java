package io.latentemu.core.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the ND4J CPU native build before ND4J loads.
 *
 * <p>The {@code nd4j-native} classifier decides training speed more than anything else: the oneDNN
 * builds run convolutions an order of magnitude faster than the plain ones. Applications ship several
 * classifier jars side by side; JavaCPP 1.5.7 loads the one named by the system property
 * {@value #LOADER_PROPERTY} (checked: {@value #JAVACPP_PROPERTY} alone, the name the Maven plugin uses,
 * is ignored by the loader at run time, and without either the first jar on the class path wins).
 * {@link #configure()} sets both from the CPU's flags:
 * {@code -onednn-avx512} where AVX-512 (F, CD, BW, DQ, VL) is present, {@code -onednn-avx2} where AVX2
 * and FMA are, else the plain build.
 *
 * <p>An explicit choice wins: the system property {@value #OVERRIDE_PROPERTY} or the environment
 * variable {@value #OVERRIDE_ENV} (values {@code onednn-avx512}, {@code onednn-avx2}, {@code plain}, or
 * any classifier suffix such as {@code avx512}), or a {@value #JAVACPP_PROPERTY} the user already set.
 *
 * <p>Call it first thing in {@code main}, before any ND4J class is touched; later calls return the
 * first choice.
 */
public final class BackendSelector {

    /** JavaCPP's short name for the classifier suffix of the native library to load. */
    public static final String JAVACPP_PROPERTY = "javacpp.platform.extension";
    /** The name JavaCPP's {@code Loader} reads at run time. */
    public static final String LOADER_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** System property forcing a build, e.g. {@code -Dlatentemu.backend=plain}. */
    public static final String OVERRIDE_PROPERTY = "latentemu.backend";
    /** Environment variable forcing a build, e.g. {@code LATENTEMU_BACKEND=onednn-avx2}. */
    public static final String OVERRIDE_ENV = "LATENTEMU_BACKEND";

    /**
     * What the loader is given for the plain build: an extension no jar has. JavaCPP then falls back to the
     * build without extension, whereas with no extension set it loads the first build it finds on the class
     * path (checked: the onednn-avx2 one, which would crash a CPU without AVX2).
     */
    static final String PLAIN_EXTENSION = "-plain";

    private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);
    private static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    private static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static volatile BackendChoice choice;

    private BackendSelector() {
    }

    /**
     * Reads the CPU flags (or an override), sets {@value #JAVACPP_PROPERTY} and returns the choice. Also turns
     * off JavaCPP's resident-size check on every allocation unless a limit was set ({@link ResidentSizePolling}).
     */
    public static synchronized BackendChoice configure() {
        ResidentSizePolling.disableUnlessSet(System.getProperties());
        if (choice == null && !cpuBackendPresent()) {
            // the classifier suffixes below exist for nd4j-native only (e.g. the cuda profile has none)
            choice = new BackendChoice("non-CPU backend", "", "nd4j-native is not on the class path");
            LOG.info("ND4J backend: {} ({})", choice.name(), choice.reason());
        }
        if (choice == null) {
            String preset = firstNonBlank(System.getProperty(LOADER_PROPERTY), System.getProperty(JAVACPP_PROPERTY));
            choice = decide(System.getProperty(OVERRIDE_PROPERTY), System.getenv(OVERRIDE_ENV),
                    preset, readCpuFlags(), isLinuxX86());
            String extension = choice.extension().isEmpty() ? PLAIN_EXTENSION : choice.extension();
            for (String property : new String[] {JAVACPP_PROPERTY, LOADER_PROPERTY}) {
                System.setProperty(property, extension);
            }
            LOG.info("ND4J CPU backend: {} ({})", choice.name(), choice.reason());
        }
        return choice;
    }

    /**
     * Where the ND4J CPU library was loaded from (a path naming its classifier), or empty before ND4J
     * loaded or on another backend. Lets logs and benchmarks show which build really runs.
     */
    public static java.util.Optional<String> loadedNativeLibrary() {
        try {
            return java.util.Optional.ofNullable(org.bytedeco.javacpp.Loader.getLoadedLibraries().get("jnind4jcpu"));
        } catch (LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** The choice made by {@link #configure()}, or {@code null} before it ran. */
    public static BackendChoice current() {
        return choice;
    }

    /**
     * The decision itself, free of global state so that it can be tested.
     *
     * @param overrideProperty value of {@value #OVERRIDE_PROPERTY}, or null
     * @param overrideEnv      value of {@value #OVERRIDE_ENV}, or null
     * @param presetExtension  value of {@value #JAVACPP_PROPERTY} already set, or null
     * @param cpuFlags         the CPU's feature flags in lower case (empty when unknown)
     * @param linuxX86         whether this is Linux on x86-64, the only platform the oneDNN jars are shipped for
     */
    static BackendChoice decide(String overrideProperty, String overrideEnv, String presetExtension,
                                Set<String> cpuFlags, boolean linuxX86) {
        String forced = firstNonBlank(overrideProperty, overrideEnv);
        if (forced != null) {
            String source = overrideProperty != null && !overrideProperty.isBlank()
                    ? "-D" + OVERRIDE_PROPERTY : OVERRIDE_ENV;
            return fromName(forced.trim().toLowerCase(Locale.ROOT), "forced by " + source);
        }
        if (presetExtension != null && !presetExtension.isBlank()) {
            return new BackendChoice(nameOf(presetExtension), presetExtension, "set by -D" + JAVACPP_PROPERTY);
        }
        if (!linuxX86) {
            return new BackendChoice("plain", "", "not linux-x86_64: default native build");
        }
        if (cpuFlags.containsAll(AVX512_FLAGS)) {
            return new BackendChoice("onednn-avx512", "-onednn-avx512", "CPU has AVX-512");
        }
        if (cpuFlags.contains("avx2") && cpuFlags.contains("fma")) {
            return new BackendChoice("onednn-avx2", "-onednn-avx2", "CPU has AVX2");
        }
        return new BackendChoice("plain", "", cpuFlags.isEmpty() ? "CPU flags unknown" : "CPU lacks AVX2");
    }

    private static boolean cpuBackendPresent() {
        try {
            // initialize=false: looking the class up must not load ND4J
            Class.forName(CPU_BACKEND_CLASS, false, BackendSelector.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static BackendChoice fromName(String name, String reason) {
        if (name.equals("plain") || name.equals("default") || name.equals("none")) {
            return new BackendChoice("plain", "", reason);
        }
        String extension = name.startsWith("-") ? name : "-" + name;
        return new BackendChoice(nameOf(extension), extension, reason);
    }

    private static String nameOf(String extension) {
        return extension.startsWith("-") ? extension.substring(1) : extension;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    private static boolean isLinuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The flags line of /proc/cpuinfo, or an empty set where it cannot be read. */
    static Set<String> readCpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Set<String> flags = new HashSet<>();
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("flags")) {
                        int colon = line.indexOf(':');
                        for (String f : line.substring(colon + 1).trim().split("\\s+")) {
                            flags.add(f.toLowerCase(Locale.ROOT));
                        }
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read {}: {}", cpuinfo, e.toString());
        }
        return flags;
    }

    /**
     * The native build chosen.
     *
     * @param name      short name shown to users, e.g. {@code onednn-avx512}
     * @param extension value given to {@value #JAVACPP_PROPERTY} (empty for the plain build)
     * @param reason    why it was chosen
     */
    public record BackendChoice(String name, String extension, String reason) {
    }
}
